"""Default templates written out in Python, for sites that do not override them.

``fieldnotes/card.html``, ``partials/card-meta.html``, ``partials/card-footer.html`` and
``partials/timeline-groups.html`` run once per card, ``entry-header.html`` (with
``partials/tag-chips.html`` and ``partials/series-box.html``) once per entry: tens of
thousands of times on a large site, where Jinja's per-render and per-item costs add up to
seconds. When the theme resolves
those names to the plugin's own files, the renderer uses these functions instead; they
produce the same bytes (a test renders both ways and compares). A ``custom_dir`` copy of any
of them switches back to Jinja for that template.
"""

from __future__ import annotations

from typing import Any, Callable

from markupsafe import escape as _markup_escape

Words = Callable[[str], str]


def escape(value: Any) -> str:
    """``markupsafe.escape`` as text: the same bytes (``&#34;``, ``&#39;``), without making a
    ``Markup`` object for every value (these functions escape hundreds of thousands)."""
    if type(value) is not str:  # Markup passes through, numbers become text: as markupsafe
        return str(_markup_escape(value))
    text: str = value
    if "&" in text or "<" in text or ">" in text or '"' in text or "'" in text:
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        return text.replace('"', "&#34;").replace("'", "&#39;")
    return text


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


def entry_list(
    entries: Any, href: Callable[..., str], t: Callable[..., str], date: Callable[[Any], str]
) -> str:
    """Same output as ``fieldnotes/partials/entry-list.html``."""
    if not entries:
        return f'\n<p class="fieldnotes-empty">{escape(t("no_items"))}</p>'
    draft = f' <span class="fieldnotes-badge fieldnotes-badge--draft">{escape(t("draft"))}</span>'
    out = ['\n<ul class="fieldnotes-entries">']
    for entry in entries:
        out.append(
            '\n<li class="fieldnotes-entry">\n<p class="fieldnotes-entry__head">'
            f'<a class="fieldnotes-entry__title" href="{escape(href(entry.src_uri))}">'
            f"{escape(entry.display_title)}</a>{draft if entry.draft else ''}</p>"
            '\n<p class="fieldnotes-entry__meta">'
        )
        if entry.date:
            day = escape(entry.date.isoformat())
            out.append(f'<time datetime="{day}">{escape(date(entry.date))}</time>')
        if entry.series:
            series = escape(", ".join(entry.series))
            out.append(f'<span class="fieldnotes-entry__series">{series}</span>')
        if entry.cards:
            count = escape(t("card_count", count=len(entry.cards)))
            out.append(f'<span class="fieldnotes-entry__cards">{count}</span>')
        out.append("\n</p>")
        if entry.summary:
            out.append(f'\n<p class="fieldnotes-entry__summary">{escape(entry.summary)}</p>')
        out.append("\n</li>")
    out.append("\n</ul>")
    return "".join(out)


def _tag_chips(tags: Any, entry: Any, t: Callable[..., str]) -> str:
    """Same output as ``fieldnotes/partials/tag-chips.html``."""
    if not tags and not entry.tags:
        return ""
    out = [f'\n<ul class="fieldnotes-chips" aria-label="{escape(t("tags"))}">']
    if tags:
        for term, url in tags:
            name = escape(term.name)
            if url:
                out.append(f'\n<li><a class="fieldnotes-chip" href="{escape(url)}">{name}</a></li>')
            else:
                out.append(f'\n<li><span class="fieldnotes-chip">{name}</span></li>')
    else:
        out += [
            f'\n<li><span class="fieldnotes-chip">{escape(tag)}</span></li>' for tag in entry.tags
        ]
    out.append("\n</ul>")
    return "".join(out)


def _series_box(series: Any, t: Callable[..., str]) -> str:
    """Same output as ``fieldnotes/partials/series-box.html``."""
    out: list[str] = []
    for box in series:
        position = box["position"]
        name = escape(position.series.name)
        part = escape(t("part_of", number=position.number, total=position.total))
        title = f'<a href="{escape(box["url"])}">{name}</a>' if box["url"] else name
        out.append(
            f'\n<nav class="fieldnotes-series" aria-label="{escape(t("series"))}: {name}">'
            f'\n<p class="fieldnotes-series__title"><span class="fieldnotes-series__part">{part}'
            f"</span> · {title}</p>"
        )
        if position.previous or position.next:
            out.append('\n<p class="fieldnotes-series__nav">')
            if position.previous:
                out.append(
                    '<a class="fieldnotes-series__prev" rel="prev" '
                    f'href="{escape(box["previous_url"])}"><span aria-hidden="true">← </span>'
                    f"{escape(t('previous'))}: {escape(position.previous.display_title)}</a>"
                )
            if position.next:
                out.append(
                    '<a class="fieldnotes-series__next" rel="next" '
                    f'href="{escape(box["next_url"])}">{escape(t("next"))}: '
                    f'{escape(position.next.display_title)}<span aria-hidden="true"> →</span></a>'
                )
            out.append("\n</p>")
        out.append(
            '\n<details class="fieldnotes-series__parts">'
            f"\n<summary>{escape(t('all_parts'))} ({escape(str(position.total))})</summary>\n<ol>"
        )
        for entry, url, current in box["parts"]:
            label = escape(entry.display_title)
            if current:
                out.append(f'\n<li><strong aria-current="page">{label}</strong></li>')
            else:
                out.append(f'\n<li><a href="{escape(url)}">{label}</a></li>')
        out.append("\n</ol>\n</details>\n</nav>")
    return "".join(out)


def entry_header(context: dict[str, Any], t: Callable[..., str], date: Callable[[Any], str]) -> str:
    """Same output as ``fieldnotes/entry-header.html`` with its two partials."""
    entry = context["entry"]
    out = [
        f'<header class="fieldnotes-header{" fieldnotes-header--draft" if entry.draft else ""}">'
    ]
    if context.get("show_title") and context.get("title"):
        out.append(f'\n<h1 class="fieldnotes-header__title">{escape(context["title"])}</h1>')
    if entry.summary:
        out.append(f'\n<p class="fieldnotes-header__lede">{escape(entry.summary)}</p>')
    out.append('\n<div class="fieldnotes-header__meta">')
    if entry.draft:
        out.append(
            f'\n<span class="fieldnotes-badge fieldnotes-badge--draft">{escape(t("draft"))}</span>'
        )
    elif entry.status:
        status = escape(entry.status)
        out.append(f'\n<span class="fieldnotes-badge fieldnotes-badge--status">{status}</span>')
    if entry.date:
        out.append(
            f'\n<time class="fieldnotes-header__date" datetime="{escape(entry.date.isoformat())}">'
            f"{escape(date(entry.date))}</time>"
        )
    if entry.updated:
        out.append(
            f'\n<span class="fieldnotes-header__updated">{escape(t("updated"))} '
            f'<time datetime="{escape(entry.updated.isoformat())}">{escape(date(entry.updated))}'
            "</time></span>"
        )
    if entry.authors:
        authors = escape(", ".join(str(a) for a in entry.authors))
        out.append(f'\n<span class="fieldnotes-header__authors">{escape(t("by"))} {authors}</span>')
    category, category_url = context.get("category"), context.get("category_url")
    if category:
        name = escape(category.name)
        inner = f'<a href="{escape(category_url)}">{name}</a>' if category_url else name
        out.append(f'\n<span class="fieldnotes-header__category">{inner}</span>')
    elif entry.category:
        out.append(f'\n<span class="fieldnotes-header__category">{escape(entry.category)}</span>')
    out.append("\n</div>")
    out.append(_tag_chips(context.get("tags"), entry, t))
    out.append(_series_box(context.get("series") or [], t))
    if context.get("hero"):
        out.append(
            f'\n<figure class="fieldnotes-header__hero"><img src="{escape(context["hero"])}" '
            'alt="" loading="lazy"></figure>'
        )
    out.append("\n</header>")
    return "".join(out)
