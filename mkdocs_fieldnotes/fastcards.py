"""The default card templates written out in Python, for sites that do not override them.

``fieldnotes/card.html``, ``partials/card-meta.html`` and ``partials/card-footer.html`` run
once per card: tens of thousands of times on a large site, where Jinja's per-render cost adds
up to seconds. When the theme resolves those names to the plugin's own files, the renderer
uses these functions instead; they produce the same bytes (a test renders both ways and
compares). A ``custom_dir`` copy of any of them switches back to Jinja for that template.
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
