"""Words the plugin's templates show, in a few languages (English for any other)."""

from __future__ import annotations

from typing import Any, Literal, Optional

from babel.dates import format_timedelta

EN = {
    "updated": "Updated",
    "by": "By",
    "draft": "Draft",
    "status": "Status",
    "category": "Category",
    "tags": "Tags",
    "series": "Series",
    "categories": "Categories",
    "timeline": "Timeline",
    "part_of": "Part {number} of {total}",
    "previous": "Previous",
    "next": "Next",
    "all_parts": "All parts",
    "open_link": "Open",
    "undated": "Undated",
    "commented": "Commented",
    "source": "Source",
    "topic": "Topic",
    "future_links": "Possible links to attach",
    "entries": "Entries",
    "cards": "Cards",
    "entry_count": "{count} entries",
    "entry_count_one": "1 entry",
    "card_count": "{count} cards",
    "card_count_one": "1 card",
    "parts": "{count} parts",
    "parts_one": "1 part",
    "in_entry": "in",
    "recent_cards": "Recent cards",
    "more_cards": "{count} older cards are in the timeline.",
    "more_cards_one": "1 older card is in the timeline.",
    "more_cards_entries": "{count} more cards are on the entry pages above.",
    "more_cards_entries_one": "1 more card is on the entry pages above.",
    "years": "Years",
    "subtags": "Subtags",
    "no_items": "Nothing here yet.",
    "tag_title": "Tag: {name}",
    "series_title": "Series: {name}",
    "category_title": "Category: {name}",
    "timeline_title": "Timeline",
    "older": "Older",
    "pages": "Pages",
    "newer": "Newer",
    "link_refused": "Link not shown as a live link",
    "subscribe": "Subscribe",
    "revisited": "Revisited",
    "aging": "Aging",
    "stale": "Stale",
    "today": "today",
    "this_month": "this month",
    "as_of": "as of {date}",
    "revisit_title": "Revisit",
    "threads_title": "Open threads",
    "untagged": "Untagged",
    "stale_summary": "{count} stale cards: not revisited for {months} months or more.",
    "stale_summary_one": "1 stale card: not revisited for {months} months or more.",
    "stale_left_out": "The {count} most recent are not listed here.",
    "stale_left_out_one": "The most recent one is not listed here.",
    "ages_as_of": "Ages as of {date}.",
    "thread_count": "{count} threads",
    "thread_count_one": "1 thread",
    "count_of": "{shown} of {total}",
    "sources": "Sources",
    "topics": "Topics",
    "source_title": "Source: {name}",
    "topic_title": "Topic: {name}",
    "site_count": "{count} sites",
    "site_count_one": "1 site",
    "topic_count": "{count} topics",
    "topic_count_one": "1 topic",
    "latest": "Latest",
    "period": "Period",
    "quarter": "Q{quarter} {year}",
    "activity_month": "Cards commented per month",
    "activity_quarter": "Cards commented per quarter",
    "activity_year": "Cards commented per year",
    "activity_peak": "most: {count} in {when}",
    "activity_undated": "{count} undated cards are not in the chart.",
    "activity_undated_one": "1 undated card is not in the chart.",
}

FR = {
    "updated": "Mis à jour",
    "by": "Par",
    "draft": "Brouillon",
    "status": "Statut",
    "category": "Catégorie",
    "tags": "Étiquettes",
    "series": "Séries",
    "categories": "Catégories",
    "timeline": "Chronologie",
    "part_of": "Partie {number} sur {total}",
    "previous": "Précédent",
    "next": "Suivant",
    "all_parts": "Toutes les parties",
    "open_link": "Ouvrir",
    "undated": "Sans date",
    "commented": "Commenté",
    "source": "Source",
    "topic": "Sujet",
    "future_links": "Liens à ajouter",
    "entries": "Entrées",
    "cards": "Fiches",
    "entry_count": "{count} entrées",
    "entry_count_one": "1 entrée",
    "card_count": "{count} fiches",
    "card_count_one": "1 fiche",
    "parts": "{count} parties",
    "parts_one": "1 partie",
    "in_entry": "dans",
    "recent_cards": "Fiches récentes",
    "more_cards": "{count} fiches plus anciennes sont dans la chronologie.",
    "more_cards_one": "1 fiche plus ancienne est dans la chronologie.",
    "more_cards_entries": "{count} autres fiches sont sur les pages des entrées ci-dessus.",
    "more_cards_entries_one": "1 autre fiche est sur les pages des entrées ci-dessus.",
    "years": "Années",
    "subtags": "Sous-étiquettes",
    "no_items": "Rien pour l'instant.",
    "tag_title": "Étiquette : {name}",
    "series_title": "Série : {name}",
    "category_title": "Catégorie : {name}",
    "timeline_title": "Chronologie",
    "older": "Plus ancien",
    "newer": "Plus récent",
    "link_refused": "Lien non affiché comme lien actif",
    "subscribe": "S'abonner",
    "revisited": "Relu",
    "aging": "Vieillissante",
    "stale": "À relire",
    "today": "aujourd'hui",
    "this_month": "ce mois-ci",
    "as_of": "au {date}",
    "revisit_title": "À relire",
    "threads_title": "Pistes ouvertes",
    "untagged": "Sans étiquette",
    "stale_summary": "{count} fiches à relire : pas relues depuis {months} mois ou plus.",
    "stale_summary_one": "1 fiche à relire : pas relue depuis {months} mois ou plus.",
    "stale_left_out": "Les {count} plus récentes ne sont pas listées ici.",
    "stale_left_out_one": "La plus récente n'est pas listée ici.",
    "ages_as_of": "Âges au {date}.",
    "thread_count": "{count} pistes",
    "thread_count_one": "1 piste",
    "count_of": "{shown} sur {total}",
    "sources": "Sources",
    "topics": "Sujets",
    "source_title": "Source : {name}",
    "topic_title": "Sujet : {name}",
    "site_count": "{count} sites",
    "site_count_one": "1 site",
    "topic_count": "{count} sujets",
    "topic_count_one": "1 sujet",
    "latest": "Dernière",
    "period": "Période",
    "quarter": "T{quarter} {year}",
    "activity_month": "Fiches commentées par mois",
    "activity_quarter": "Fiches commentées par trimestre",
    "activity_year": "Fiches commentées par an",
    "activity_peak": "maximum : {count} en {when}",
    "activity_undated": "{count} fiches sans date ne sont pas dans le graphique.",
    "activity_undated_one": "1 fiche sans date n'est pas dans le graphique.",
}

DE = {
    **EN,
    "updated": "Aktualisiert",
    "by": "Von",
    "draft": "Entwurf",
    "tags": "Schlagwörter",
    "series": "Serien",
    "categories": "Kategorien",
    "timeline": "Zeitleiste",
    "part_of": "Teil {number} von {total}",
    "previous": "Zurück",
    "next": "Weiter",
    "undated": "Ohne Datum",
    "entries": "Einträge",
    "cards": "Karten",
    "timeline_title": "Zeitleiste",
    "tag_title": "Schlagwort: {name}",
    "series_title": "Serie: {name}",
    "category_title": "Kategorie: {name}",
    "subscribe": "Abonnieren",
    "today": "heute",
    "this_month": "diesen Monat",
}

ES = {
    **EN,
    "updated": "Actualizado",
    "by": "Por",
    "draft": "Borrador",
    "tags": "Etiquetas",
    "series": "Series",
    "categories": "Categorías",
    "timeline": "Cronología",
    "part_of": "Parte {number} de {total}",
    "previous": "Anterior",
    "next": "Siguiente",
    "undated": "Sin fecha",
    "entries": "Entradas",
    "cards": "Fichas",
    "timeline_title": "Cronología",
    "tag_title": "Etiqueta: {name}",
    "series_title": "Serie: {name}",
    "category_title": "Categoría: {name}",
    "subscribe": "Suscribirse",
    "today": "hoy",
    "this_month": "este mes",
}

LANGUAGES = {"en": EN, "fr": {**EN, **FR}, "de": DE, "es": ES}


def theme_language(theme: Any) -> Optional[str]:
    """The language set in the theme's options (``language``, or ``locale``), if any."""
    language = theme.get("language") or theme.get("locale")
    return str(language) if language else None


Unit = Literal["year", "month", "week", "day"]
"""The units the age of a card is told in."""
_DAYS = {"year": 365, "month": 30, "week": 7, "day": 1}


def ago(count: int, unit: Unit, locale: str) -> str:
    """How long ago, in the words of ``locale``: ``3 months ago`` for ``(3, "month")``,
    ``in 2 days`` for ``(-2, "day")``, and the words for ``today`` (a day or a week) or
    ``this month`` (a month or a year) for a count of 0 (see ``revisit.Age.amount``)."""
    if count == 0:
        return words(locale)["this_month" if unit in ("month", "year") else "today"]
    # threshold=1: Babel then names exactly this unit and count (it rounds 11 months up to
    # "1 year" with its default threshold).
    seconds = -count * _DAYS[unit] * 86400
    return format_timedelta(
        seconds, granularity=unit, threshold=1, add_direction=True, locale=locale
    )


def words(locale: str) -> dict[str, str]:
    """The word table for ``locale`` (its language part), English when not translated."""
    return LANGUAGES.get(locale.split("_")[0].lower(), EN)
