"""Words the plugin's templates show, in a few languages (English for any other)."""

from __future__ import annotations

from typing import Any, Optional

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
}

LANGUAGES = {"en": EN, "fr": {**EN, **FR}, "de": DE, "es": ES}


def theme_language(theme: Any) -> Optional[str]:
    """The language set in the theme's options (``language``, or ``locale``), if any."""
    language = theme.get("language") or theme.get("locale")
    return str(language) if language else None


def words(locale: str) -> dict[str, str]:
    """The word table for ``locale`` (its language part), English when not translated."""
    return LANGUAGES.get(locale.split("_")[0].lower(), EN)
