"""The default per-card templates written out in Python, for sites that do not override them.

``fieldnotes/card.html``, ``partials/card-meta.html``, ``partials/card-footer.html`` and
``partials/timeline-groups.html`` run once per card: tens of thousands of times on a large
site, where Jinja's per-render and per-item costs add up to seconds. When the theme resolves
those names to the plugin's own files, the renderer uses these functions instead; they
produce the same bytes (a test renders both ways and compares). A ``custom_dir`` copy of any
of them switches back to Jinja for that template.
"""

from __future__ import annotations

from typing import Any, Callable

from markupsafe import escape

Words = Callable[[str], str]


def card_meta(card: Any, t: Words, date: Callable[[Any], str]) -> str:
    """Same output as ``fieldnotes/partials/card-meta.html``."""
    parts = ['<p class="fieldnotes-card__meta">']
    if card.link:
        parts.append(
            f'\n<a class="fieldnotes-card__link" href="{escape(card.link)}" '
            f'rel="noopener noreferrer external">{escape(card.domain or card.link)}</a>'
        )
    elif card.link_text:
        parts.append(
            '\n<span class="fieldnotes-card__link fieldnotes-card__link--inert" '
            f'title="{escape(t("link_refused"))}">{escape(card.link_text)}</span>'
        )
    if card.date_commented:
        parts.append(
            f'\n<time class="fieldnotes-card__date" data-label="{escape(t("commented"))}" '
            f'datetime="{escape(card.date_commented.isoformat())}">'
            f"{escape(date(card.date_commented))}</time>"
        )
    else:
        parts.append(
            '\n<span class="fieldnotes-card__date fieldnotes-card__date--none">'
            f"{escape(t('undated'))}</span>"
        )
    if card.source:
        parts.append(
            f'\n<span class="fieldnotes-card__source" data-label="{escape(t("source"))}">'
            f"{escape(card.source)}</span>"
        )
    if card.topic:
        parts.append(
            f'\n<span class="fieldnotes-card__topic" data-label="{escape(t("topic"))}">'
            f"{escape(card.topic)}</span>"
        )
    parts.append("\n</p>")
    return "".join(parts)


def card_footer(card: Any, future: str, t: Words) -> str:
    """Same output as ``fieldnotes/partials/card-footer.html``."""
    label = escape(card.future_label or t("future_links"))
    return f'<footer class="fieldnotes-card__future" data-label="{label}">{future}</footer>'


def card(card: Any, heading: str, commentary: str, future: str, meta: str, t: Words) -> str:
    """Same output as ``fieldnotes/card.html`` (HTML arguments are inserted as they are)."""
    undated = "" if card.date_commented else " fieldnotes-card--undated"
    ident = escape(card.id)
    footer = card_footer(card, future, t) if future else ""
    return (
        f'<article class="fieldnotes-card{undated}" data-card-id="{ident}" '
        f'aria-labelledby="{ident}">{heading}{meta}{commentary}{footer}</article>'
    )


def timeline_groups(
    groups: Any,
    year_headings: bool,
    href: Callable[..., str],
    t: Words,
    date: Callable[[Any], str],
    month: Callable[[tuple[int, int]], str],
) -> str:
    """Same output as ``fieldnotes/partials/timeline-groups.html``."""
    undated, draft, in_entry = escape(t("undated")), escape(t("draft")), escape(t("in_entry"))
    out: list[str] = []
    year: Any = -1
    for group in groups:
        if year_headings and group.year != year:
            year = group.year
            label = escape(str(group.year)) if group.year else undated
            out.append(f'\n<h2 class="fieldnotes-timeline__year">{label}</h2>')
        if group.year:
            label = escape(month((group.year, group.month)))
            out.append(f'\n<h3 class="fieldnotes-timeline__month">{label}</h3>')
        elif not year_headings:
            out.append(f'\n<h3 class="fieldnotes-timeline__month">{undated}</h3>')
        out.append('\n<ol class="fieldnotes-timeline">')
        for item in group.items:
            card, entry = item.card, item.entry
            out.append('\n<li class="fieldnotes-timeline__item">')
            if card.date_commented:
                out.append(
                    '\n<time class="fieldnotes-timeline__date" '
                    f'datetime="{escape(card.date_commented.isoformat())}">'
                    f"{escape(date(card.date_commented))}</time>"
                )
            else:
                out.append(f'\n<span class="fieldnotes-timeline__date">{undated}</span>')
            link = escape(href(entry.src_uri, card.id))
            out.append(
                '\n<div class="fieldnotes-timeline__body">\n<p class="fieldnotes-timeline__head">'
                f'<a class="fieldnotes-timeline__title" href="{link}">{escape(card.title)}</a>'
            )
            if card.source:
                out.append(
                    f' <span class="fieldnotes-timeline__source">{escape(card.source)}</span>'
                )
            if card.topic:
                out.append(f' <span class="fieldnotes-timeline__topic">{escape(card.topic)}</span>')
            if entry.draft:
                out.append(
                    f' <span class="fieldnotes-badge fieldnotes-badge--draft">{draft}</span>'
                )
            out.append("</p>")
            if card.excerpt:
                out.append(f'\n<p class="fieldnotes-timeline__excerpt">{escape(card.excerpt)}</p>')
            out.append(
                f'\n<p class="fieldnotes-timeline__entry">{in_entry} '
                f'<a href="{escape(href(entry.src_uri))}">{escape(entry.display_title)}</a></p>'
                "\n</div>\n</li>"
            )
        out.append("\n</ol>")
    return "".join(out)
