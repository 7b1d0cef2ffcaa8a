"""Feeds of annotations: Atom 1.0 and JSON Feed 1.1, one item per card.

* **Planning** (``plan_feeds``, pure, right after the page plan): which feeds exist (the
  site's, one per tag, series and category page) and which cards each publishes, newest
  *date commented* first. ``feed_cards`` lists those cards, so that the plugin keeps the
  commentary HTML of exactly them while their pages are converted (``CommentaryStore``).
* **Publishing** (``publish``, after the build): the plan, the final URLs and that HTML
  become plain records (``FeedDoc``, ``Item``), every text cleaned of the characters XML 1.0
  forbids (``xml_text``), then serialized by ``atom`` (the template ``fieldnotes/feed-atom.html``,
  autoescaped like every other template) and ``json_feed`` (``json.dumps``).

Nothing here reads a clock: a feed's ``updated`` is its newest item's date.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import json
import os
import posixpath
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Callable, Optional
from urllib.parse import quote, urljoin

from markupsafe import Markup, escape

from .index import Term, TimelineItem
from .model import Card, Entry
from .plan import Listing, Site
from .render import Renderer
from .report import quote as quote_value

ATOM_FILE = "feed.xml"
"""Name of a feed's Atom file, in its folder (the site root for the site's feed)."""
JSON_FILE = "feed.json"
"""Name of a feed's JSON Feed file, next to the Atom file."""
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
"""The ``version`` of a JSON Feed 1.1 document."""

OPTION_OF_KIND = {
    "site": "feeds",
    "tag": "feeds_tags",
    "series": "feeds_series",
    "category": "feeds_categories",
}
"""The option that turns each kind of feed off."""


def no_site_url(config_file: str) -> str:
    """The warning of a build whose feeds would have items but has no ``site_url``
    (``config_file``: the name of its configuration file, ``mkdocs.yml``)."""
    return (
        f"{config_file}: 'site_url' is not set, so no feed was written: feeds need absolute "
        "URLs that feed readers can follow. Set site_url to the address the site is published "
        "at (such as https://example.org/), or turn feeds off with the plugin's 'feeds: false'."
    )


# What XML 1.0 allows (section 2.2, "Char"): tab, line feed, carriage return, and the
# code points from U+0020 up, without the surrogates and U+FFFE, U+FFFF.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids (C0 controls other than tab, line
    feed and carriage return; lone surrogates; U+FFFE, U+FFFF): dropped, since no escape
    can make them well-formed. The same text goes into both formats."""
    # Each of those is unprintable for Python: most text is checked at the speed of C.
    if text.isprintable() or text.replace("\n", " ").isprintable():
        return text
    return _NOT_XML.sub("", text)


# -- planning -------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class FeedOptions:
    """Which feeds exist and how long they are (from the plugin's options)."""

    limit: int = 50
    tags: bool = True
    series: bool = True
    categories: bool = True
    drafts: bool = False
    """Whether draft entries' cards may appear (``status_publish_drafts``)."""

    @classmethod
    def from_config(cls, config: Any) -> FeedOptions:
        """Options from the plugin config."""
        return cls(
            limit=config.feeds_limit,
            tags=config.feeds_tags,
            series=config.feeds_series,
            categories=config.feeds_categories,
            drafts=config.status_publish_drafts,
        )


@dataclasses.dataclass
class Feed:
    """One feed, in two formats: where its files go and the cards it publishes."""

    kind: str
    """``site``, ``tag``, ``series`` or ``category``."""
    folder: str
    """Folder of its two files in site_dir (``""``: the root; ``tags/llms`` for a tag)."""
    title: str
    term: Optional[Term] = None
    page: Optional[str] = None
    """Source path of the page the feed follows (``None``: the site's home page)."""
    items: list[TimelineItem] = dataclasses.field(default_factory=list)
    """Newest first, at most the limit."""

    @property
    def atom_path(self) -> str:
        """Path of the Atom file in site_dir."""
        return posixpath.join(self.folder, ATOM_FILE) if self.folder else ATOM_FILE

    @property
    def json_path(self) -> str:
        """Path of the JSON Feed file in site_dir."""
        return posixpath.join(self.folder, JSON_FILE) if self.folder else JSON_FILE

    @property
    def option(self) -> str:
        """The option that turns this kind of feed off."""
        return OPTION_OF_KIND[self.kind]


def plan_feeds(
    site: Site, options: FeedOptions, site_name: str, words: Mapping[str, str]
) -> list[Feed]:
    """The feeds of ``site`` with their items; a feed without a dated card is left out.

    The site's feed has every dated card; a tag's has the cards of its entries and of its
    child tags' entries; a series' or category's, those of its entries. Each takes the
    newest ``options.limit`` in timeline order (newest date commented first, then the
    entry's date, title, path and the card's line). Undated cards are in none, and the cards
    of drafts only with ``options.drafts``. One pass over the timeline: linear in the cards
    and the tags of each entry.
    """
    site_feed = Feed("site", "", site_name)
    feeds = [site_feed]
    member: dict[str, list[Feed]] = defaultdict(list)
    for terms, wanted, kind in (
        (site.tags, options.tags, "tag"),
        (site.series, options.series, "series"),
        (site.categories, options.categories, "category"),
    ):
        if not wanted:
            continue
        for term in terms:
            page = site.page_of(term)
            if page is None:  # its page was left out (see plan.unique_places): no feed
                continue
            title = f"{site_name} · {words[f'{kind}_title'].format(name=term.name)}"
            feed = Feed(kind, posixpath.splitext(page)[0], title, term, page)
            feeds.append(feed)
            for entry in term.entries:
                member[entry.src_uri].append(feed)
    limit = options.limit
    for item in site.timeline:
        if item.card.date_commented is None or (item.entry.draft and not options.drafts):
            continue
        for feed in (site_feed, *member.get(item.entry.src_uri, ())):
            if len(feed.items) < limit and (
                feed.term is None or feed.term.has_card(item.entry, item.card)
            ):  # a card block's own tags: the tag's feed has that card alone
                feed.items.append(item)
    return [feed for feed in feeds if feed.items]


def feed_cards(feeds: Iterable[Feed]) -> dict[str, frozenset[str]]:
    """The ids of the cards some feed publishes, by the source path of their entry."""
    ids: dict[str, set[str]] = defaultdict(set)
    for feed in feeds:
        for item in feed.items:
            ids[item.entry.src_uri].add(item.card.id)
    return {src: frozenset(found) for src, found in ids.items()}


def feeds_of_pages(feeds: Iterable[Feed], listings: Mapping[str, Listing]) -> dict[str, Feed]:
    """The feed each listing page advertises: the site's on the timeline's pages, a term's on
    its pages (numbered pages included). ``listings`` maps the source path of each page that
    shows a listing to it."""
    by_term = {(f.kind, f.term.key): f for f in feeds if f.term is not None}
    site_feed = next((f for f in feeds if f.kind == "site"), None)
    pages: dict[str, Feed] = {}
    for src, listing in listings.items():
        term = listing.context.get("term")
        feed: Optional[Feed] = None
        if listing.kind == "timeline":
            feed = site_feed
        elif isinstance(term, Term) and listing.kind == term.kind:
            feed = by_term.get((term.kind, term.key))
        if feed is not None:
            pages[src] = feed
    return pages


def link_context(feed: Feed, icon: bool) -> dict[str, Any]:
    """What the listing templates receive as ``feeds`` to show the feed links."""
    return {"atom": feed.atom_path, "json": feed.json_path, "title": feed.title, "icon": icon}


def clash_message(feed: Feed, path: str, taken_by: str) -> str:
    """The warning for a feed whose path a file of the build already takes."""
    return (
        f"the feed {quote_value(feed.title)} was not written: {quote_value(path)} is taken by "
        f"{taken_by}. Rename or move that file, or turn these feeds off with the plugin's "
        f"'{feed.option}: false'."
    )


def unwritten(path: str, error: OSError) -> str:
    """The warning for a feed file that could not be written to ``path`` (in site_dir)."""
    reason = (error.strerror or type(error).__name__).lower()
    return (
        f"the feed {quote_value(path)} could not be written: {reason}. Remove what stands at "
        "that path in site_dir."
    )


# -- the commentary HTML ---------------------------------------------------------------------


class CommentaryStore:
    """The commentary HTML of the cards some feed publishes, kept as their pages convert.

    It only holds the pages of one build (``start`` empties it), except under ``--dirty``:
    a page MkDocs does not convert again keeps what the last build of this process kept for
    the same source (compared by digest).
    """

    def __init__(self) -> None:
        self._last: dict[str, tuple[bytes, dict[str, str]]] = {}
        self._now: dict[str, dict[str, str]] = {}
        self._carried: dict[str, dict[str, str]] = {}
        self._digests: dict[str, bytes] = {}

    def start(self, digests: Mapping[str, bytes]) -> None:
        """Begin a build. ``digests``: the source digest of each page whose cards feeds
        publish, under ``--dirty`` only (empty otherwise: nothing is carried over)."""
        self._digests = dict(digests)
        self._now = {}
        self._carried = {
            src: kept
            for src, (digest, kept) in self._last.items()
            if self._digests.get(src) == digest
        }

    def put(self, src_uri: str, html_by_id: Mapping[str, str]) -> None:
        """The HTML of the kept cards of a page this build converted."""
        self._now[src_uri] = dict(html_by_id)

    def get(self, src_uri: str, card_id: str) -> Optional[str]:
        """The commentary HTML of a card, or ``None`` when its page was not converted."""
        page = self._now.get(src_uri)
        if page is None:
            page = self._carried.get(src_uri, {})
        return page.get(card_id)

    def finish(self) -> None:
        """End a build; under ``--dirty``, keep its pages for the next one."""
        last: dict[str, tuple[bytes, dict[str, str]]] = {}
        for src, digest in self._digests.items():
            page = self._now.get(src, self._carried.get(src))
            if page:
                last[src] = (digest, page)
        self._last, self._now, self._carried, self._digests = last, {}, {}, {}

    def forget(self) -> None:
        """A failed build: keep nothing."""
        self._last, self._now, self._carried, self._digests = {}, {}, {}, {}


# -- publishing -----------------------------------------------------------------------------

_TAG = re.compile(
    r"<[A-Za-z][^\s/>]*(?:\s+[^\s\"'>/=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*\s*/?>"
)
_TAG_NAME = re.compile(r"<[A-Za-z][^\s/>]*")
_ATTR = re.compile(r"(\s+)([^\s\"'>/=]+)(?:(\s*=\s*)(\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?")
_URL_ATTRS = frozenset({"href", "src", "poster", "cite", "action", "data"})
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")


def _absolute(url: str, base: str) -> str:
    url = url.strip()
    if _SCHEME.match(url):
        return url
    if url.startswith("#"):
        return base.partition("#")[0] + url
    return urljoin(base, url)


def _srcset(value: str, base: str) -> str:
    candidates = []
    for candidate in value.split(","):
        parts = candidate.split(None, 1)
        if parts:
            parts[0] = _absolute(parts[0], base)
            candidates.append(" ".join(parts))
    return ", ".join(candidates)


def absolute_links(fragment: str, base: str) -> str:
    """``fragment`` (HTML) with its relative URLs (``href``, ``src``, ``srcset``...) made
    absolute against ``base``, the absolute URL of the page it comes from; a URL with a
    scheme (``https:``, ``mailto:``) is left as it is. Only attributes of tags are read:
    text that looks like an attribute stays text."""

    def attribute(match: re.Match[str]) -> str:
        name, value = match.group(2).lower(), match.group(4)
        if value is None or (name not in _URL_ATTRS and name != "srcset"):
            return match.group(0)
        raw = value[1:-1] if value[:1] in "\"'" else value
        url = html.unescape(raw) if "&" in raw else raw
        new = _srcset(url, base) if name == "srcset" else _absolute(url, base)
        if new == url:
            return match.group(0)
        return f'{match.group(1)}{match.group(2)}{match.group(3)}"{escape(new)}"'

    def tag(match: re.Match[str]) -> str:
        text = match.group(0)
        if "=" not in text:
            return text
        head = _TAG_NAME.match(text)
        end = head.end() if head else 0
        return text[:end] + _ATTR.sub(attribute, text[end:])

    if "=" not in fragment:  # no attribute with a value: most commentary without a link
        return fragment
    lowered = fragment.lower()  # substring tests: far faster than a regular expression here
    if not any(name in lowered for name in _URL_ATTRS):  # srcset contains src
        return fragment
    return _TAG.sub(tag, fragment)


def plain_paragraphs(text: str) -> str:
    """Plain commentary as HTML paragraphs (escaped): the content of a card whose HTML was
    not captured (its page was not converted in a ``--dirty`` build)."""
    paragraphs = (" ".join(p.split()) for p in text.split("\n\n"))
    return "".join(f"<p>{escape(p)}</p>" for p in paragraphs if p)


def rfc3339(day: dt.date) -> str:
    """Midnight UTC of ``day``, as RFC 3339 (Atom and JSON Feed dates)."""
    return f"{day.isoformat()}T00:00:00Z"


@dataclasses.dataclass(frozen=True)
class FeedSite:
    """What publishing needs to know of the site."""

    url: str
    """``site_url``, ending with ``/``."""
    name: str
    description: Optional[str]
    author: Optional[str]
    language: str
    """BCP 47 (``pt-BR``)."""
    generator: str
    """The plugin's version."""


@dataclasses.dataclass(frozen=True)
class Item:
    """One card as a feed item; every text is plain (escaped when serialized)."""

    id: str
    url: str
    title: str
    content_html: str
    summary: str
    date: str
    external_url: Optional[str]
    tags: tuple[str, ...]
    authors: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class FeedDoc:
    """One feed, ready to serialize."""

    feed: Feed
    title: str
    atom_url: str
    json_url: str
    home_page_url: str
    description: Optional[str]
    updated: str
    language: str
    authors: tuple[str, ...]
    items: tuple[Item, ...]
    generator: str


def _card_url(page_url: str, card: Card) -> str:
    return f"{page_url}#{quote(card.id, safe='-._~!$&()*+,;=:@/?')}"


def _tags(entry: Entry, site: Site) -> tuple[str, ...]:
    names = [t.name for t in site.tags_of(entry)] if site.options.tags else list(entry.tags)
    return tuple(xml_text(name) for name in dict.fromkeys(names))


def _card_tags(tags: tuple[str, ...], card: Card, site: Site) -> tuple[str, ...]:
    """``tags`` (the card's entry's), then the card's own (a card block's ``tags``)."""
    if not card.tags:
        return tags
    own = [t.name for t in site.tags_named(card.tags)] if site.options.tags else card.tags
    return tuple(dict.fromkeys((*tags, *(xml_text(name) for name in own))))


def _item(
    item: TimelineItem, page_url: str, tags: tuple[str, ...], captured: Optional[str]
) -> Item:
    card, entry = item.card, item.entry
    url = _card_url(page_url, card)
    if captured is None:
        content = plain_paragraphs(card.commentary)
    else:
        content = absolute_links(captured, page_url)
    title = f"{card.title} ({card.source})" if card.source else card.title
    return Item(
        id=url,
        url=url,
        title=xml_text(title),
        content_html=xml_text(content),
        summary=xml_text(card.excerpt),
        date=rfc3339(card.date_commented) if card.date_commented else "",
        external_url=xml_text(card.link) if card.link else None,
        tags=tags,
        authors=tuple(xml_text(a) for a in entry.authors),
    )


def publish(
    feeds: Sequence[Feed],
    site: Site,
    urls: Mapping[str, str],
    info: FeedSite,
    html_of: Callable[[str, str], Optional[str]],
) -> tuple[list[FeedDoc], int]:
    """Every feed as a ``FeedDoc``, and how many of their cards had no captured HTML (their
    content is then the plain commentary).

    ``urls`` maps source paths (feed files included) to site-relative URLs; an entry another
    plugin took out of the site has none, and its cards are left out. Each card is made into
    an item once, however many feeds publish it.
    """
    base = info.url
    made: dict[tuple[str, str], Item] = {}
    tags: dict[str, tuple[str, ...]] = {}  # of each entry, by its source path
    pages: dict[str, str] = {}  # the absolute URL of each entry, by its source path
    plain = 0
    docs: list[FeedDoc] = []
    authors = (xml_text(info.author or info.name),)
    description = xml_text(info.description) if info.description else None
    for feed in feeds:
        items: list[Item] = []
        for timeline_item in feed.items:
            src, card_id = timeline_item.entry.src_uri, timeline_item.card.id
            made_item = made.get((src, card_id))
            if made_item is None:
                if src not in urls:
                    continue
                captured = html_of(src, card_id)
                if captured is None:
                    plain += 1
                entry = timeline_item.entry
                if src not in tags:
                    tags[src], pages[src] = _tags(entry, site), urljoin(base, urls[src])
                item_tags = _card_tags(tags[src], timeline_item.card, site)
                made_item = _item(timeline_item, pages[src], item_tags, captured)
                made[(src, card_id)] = made_item
            items.append(made_item)
        if not items:
            continue
        home = urljoin(base, urls[feed.page]) if feed.page and feed.page in urls else base
        docs.append(
            FeedDoc(
                feed=feed,
                title=xml_text(feed.title),
                atom_url=urljoin(base, urls.get(feed.atom_path) or quote(feed.atom_path)),
                json_url=urljoin(base, urls.get(feed.json_path) or quote(feed.json_path)),
                home_page_url=home,
                description=description if feed.kind == "site" else None,
                updated=max(item.date for item in items),
                language=info.language,
                authors=authors,
                items=tuple(items),
                generator=info.generator,
            )
        )
    return docs, plain


def _unique(docs: Sequence[FeedDoc]) -> list[Item]:
    return list({item.id: item for doc in docs for item in doc.items}.values())


def atom_entries(docs: Sequence[FeedDoc], renderer: Renderer) -> dict[str, Markup]:
    """The Atom ``<entry>`` of each item of ``docs`` (``fieldnotes/partials/feed-atom-entry
    .html``), once however many feeds hold it, in one render call."""
    unique = _unique(docs)
    texts = renderer.each("fieldnotes/partials/feed-atom-entry.html", "item", unique)
    texts.reverse()  # each text is let go once marked up: never two copies of them all
    return {item.id: Markup(texts.pop()) for item in unique}


def atom(doc: FeedDoc, renderer: Renderer, entries: Optional[Mapping[str, Markup]] = None) -> str:
    """The Atom 1.0 document of ``doc`` (template ``fieldnotes/feed-atom.html``, which gets
    the entries already rendered as ``entries``)."""
    entries = atom_entries([doc], renderer) if entries is None else entries
    rendered = [entries[item.id] for item in doc.items]
    return renderer.render("fieldnotes/feed-atom.html", feed=doc, entries=rendered).strip() + "\n"


def _json_item(item: Item) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": item.id,
        "url": item.url,
        "title": item.title,
        "content_html": item.content_html,
    }
    if item.summary:
        record["summary"] = item.summary
    record["date_published"] = item.date
    record["date_modified"] = item.date
    if item.external_url:
        record["external_url"] = item.external_url
    if item.authors:
        record["authors"] = [{"name": name} for name in item.authors]
    if item.tags:
        record["tags"] = list(item.tags)
    return record


def json_items(docs: Sequence[FeedDoc]) -> dict[str, str]:
    """The JSON Feed object of each item of ``docs``, once however many feeds hold it."""
    return {item.id: json.dumps(_json_item(item), ensure_ascii=False) for item in _unique(docs)}


def json_feed(doc: FeedDoc, items: Optional[Mapping[str, str]] = None) -> str:
    """The JSON Feed 1.1 document of ``doc``: keys in a fixed order, UTF-8, one item a line."""
    head: dict[str, Any] = {
        "version": JSON_FEED_VERSION,
        "title": doc.title,
        "home_page_url": doc.home_page_url,
        "feed_url": doc.json_url,
    }
    if doc.description:
        head["description"] = doc.description
    head["language"] = doc.language
    head["authors"] = [{"name": name} for name in doc.authors]
    items = json_items([doc]) if items is None else items
    lines = ",\n".join(items[item.id] for item in doc.items)
    return f'{json.dumps(head, ensure_ascii=False)[:-1]}, "items": [\n{lines}\n]}}\n'


def export_records(feeds: Iterable[Feed], urls: Mapping[str, str]) -> list[dict[str, Any]]:
    """The feeds as the JSON export lists them (URLs relative to the site root)."""
    return [
        {
            "kind": feed.kind,
            "name": feed.term.name if feed.term is not None else None,
            "title": feed.title,
            "atom": urls.get(feed.atom_path, feed.atom_path),
            "json": urls.get(feed.json_path, feed.json_path),
            "items": len(feed.items),
        }
        for feed in feeds
    ]


_HEAD_END = re.compile(r"</head\s*>", re.IGNORECASE)


def insert_in_head(page_html: str, links: str) -> str:
    """``page_html`` with ``links`` (the feed discovery ``<link>`` elements) just before its
    first ``</head>``; unchanged when it has none. One insertion at one place: no theme block
    does this on every theme without overriding the user's ``main.html``."""
    end = _HEAD_END.search(page_html)
    if end is None or not links.strip():
        return page_html
    at = end.start()
    line = page_html.rfind("\n", 0, at) + 1
    if not page_html[line:at].strip():  # before the indentation of the line of </head>
        at = line
    return f"{page_html[:at]}{links.strip()}\n{page_html[at:]}"


def remove_placeholder(path: str) -> None:
    """Remove the empty placeholder at ``path`` (a feed that ended with no item)."""
    if os.path.isfile(path) and os.path.getsize(path) == 0:
        os.remove(path)


def write_text(path: str, text: str) -> None:
    """Write ``text`` to ``path`` as UTF-8 with ``\\n`` line ends (its folder is created)."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as fp:
        fp.write(text)
