"""Explicit card blocks (``/// card | Title``): read by the one parser (``cards.py`` with
``card_blocks.py``), placed by the Markdown side (``markdown_ext.CardBlock``), and the same
card record and HTML as heading cards, on tag pages, in feeds and in the export.

Pure tests of the parser first (the exact warnings for bad options), then real builds.
"""

from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path
from typing import Any

import markdown
import pytest
from bs4 import BeautifulSoup
from conftest import Built, SiteFactory, follow, main_content, page_file, text_of

from mkdocs_fieldnotes.cards import CardOptions, CardParser, LabelMatcher, shows_field_notes
from mkdocs_fieldnotes.extension import FieldnotesCardsExtension
from mkdocs_fieldnotes.markdown_ext import mark_cards
from mkdocs_fieldnotes.model import Card, Problem

PATH = "notes/a.md"


def parse(body: str, **options: Any) -> tuple[tuple[Card, ...], list[str]]:
    problems: list[Problem] = []
    cards = CardParser(CardOptions(**options)).parse(body, PATH, 1, problems)
    return cards, [str(p) for p in problems]


def one(body: str, **options: Any) -> tuple[Card, list[str]]:
    cards, messages = parse(body, **options)
    assert len(cards) == 1, cards
    return cards[0], messages


BLOCK = """\
/// card | Smol *Training* Playbook
link: https://huggingface.co/spaces/HuggingFaceTB/smol-training-playbook
date: 2025-12-14
source: Hugging Face
topic: Pre-training
tags: [Datasets, LLMs/Training]
status: evergreen

The first sentence of the commentary. A second one.

Possible links I may attach in the future: [the ablations](https://example.org/ablations)
///
"""


# -- the parser ---------------------------------------------------------------------------


def test_a_card_block_is_a_card_with_its_options() -> None:
    card, messages = one(BLOCK)
    assert messages == []
    assert card.block is True
    assert (card.title, card.title_markdown, card.heading) == (
        "Smol Training Playbook",
        "Smol *Training* Playbook",
        "Smol *Training* Playbook",
    )
    assert card.id == "smol-training-playbook"
    assert card.link == "https://huggingface.co/spaces/HuggingFaceTB/smol-training-playbook"
    assert card.domain == "huggingface.co"
    assert (card.date_iso, card.source, card.topic) == (
        "2025-12-14",
        "Hugging Face",
        "Pre-training",
    )
    assert card.tags == ("Datasets", "LLMs/Training")
    assert card.status == "evergreen"
    assert card.commentary == "The first sentence of the commentary. A second one."
    assert card.excerpt == "The first sentence of the commentary."
    assert card.future == "[the ablations](https://example.org/ablations)"
    assert card.line == 1
    assert card.data_lines == (2, 3, 4, 5, 6, 7)  # the option lines: taken out of the Markdown
    assert shows_field_notes(card)


def test_options_in_the_pymdownx_form_indented_by_four_spaces() -> None:
    card, messages = one(
        "/// card | Indented\n    link: https://example.org/x\n    date: Feb 2018\n\nText.\n///\n"
    )
    assert messages == []
    assert (card.link, card.date_iso, card.date_precision) == (
        "https://example.org/x",
        "2018-02",
        "month",
    )
    assert card.commentary == "Text."


def test_a_block_without_options_and_a_commentary_that_starts_with_a_colon() -> None:
    # Options start with a lower-case key, right under the opening line.
    card, messages = one("/// card | Plain\nNote: this is commentary.\n///\n")
    assert messages == []
    assert card.commentary == "Note: this is commentary."
    # After a blank line, even a lower-case key is commentary.
    card, messages = one("/// card | Plain\n\nnote: the commentary.\n///\n")
    assert messages == []
    assert (card.link, card.date_commented, card.commentary) == (
        None,
        None,
        "note: the commentary.",
    )
    assert shows_field_notes(card)  # a card block is a card by what it is


def test_link_and_date_lines_in_a_block_work_as_in_heading_cards() -> None:
    card, messages = one(
        "/// card | Lines\nLink: https://example.org/l\n\nDate commented: 2025-01-02\n\nBody.\n///\n"
    )
    assert messages == []
    assert (card.link, card.date_iso, card.commentary) == (
        "https://example.org/l",
        "2025-01-02",
        "Body.",
    )
    assert card.data_lines == (2, 4)


def test_heading_and_block_cards_mix_in_page_order() -> None:
    body = (
        "### Heading card (arXiv) — LLMs\nLink: https://arxiv.org/abs/1\n\nBefore.\n\n"
        + BLOCK
        + "\nAfter the block: no card's text.\n\n### Last\nDate commented: 2025-01-01\n\nEnd.\n"
    )
    cards, messages = parse(body)
    assert messages == []
    assert [(c.title, c.block) for c in cards] == [
        ("Heading card", False),
        ("Smol Training Playbook", True),
        ("Last", False),
    ]
    assert cards[0].commentary == "Before."  # the heading card ends where the block starts
    assert cards[0].topic == "LLMs"


def test_blocks_nested_in_a_card_block_are_its_text() -> None:
    body = (
        "/// card | Outer\nlink: https://example.org/o\n\nFirst.\n\n"
        "/// details | More\nInside the details.\n///\n\n---\n\n## A heading\n\nLast words.\n///\n"
    )
    card, messages = one(body)
    assert messages == []
    assert card.commentary == "First.\n\nInside the details.\n\nLast words."


def test_a_card_block_in_an_admonition() -> None:
    body = '!!! note "Aside"\n\n    /// card | Inside\n    link: https://example.org/i\n\n    Text.\n    ///\n'
    card, messages = one(body)
    assert messages == []
    assert (card.title, card.link, card.commentary) == ("Inside", "https://example.org/i", "Text.")


def test_a_block_named_otherwise_is_not_a_card() -> None:
    cards, _ = parse("/// details | Summary\nlink: https://example.org/x\n///\n")
    assert cards == ()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            "colour: red",
            f"{PATH}:2: card 'T': the card block has the option 'colour', which cards do not "
            "have; it was ignored. A card block takes link, date, revisited, source, topic, "
            "tags, status.",
        ),
        (
            "source: [a, b]",
            f"{PATH}:2: card 'T': the option 'source' must be a text, got a list; it was "
            "ignored. Write it in quotes, e.g. source: 'some text'.",
        ),
        (
            "tags: {a: 1}",
            f"{PATH}:2: card 'T': the option 'tags' must be a text or a list of texts, got a "
            "mapping; it was ignored. Write e.g. tags: [First, Second].",
        ),
        (
            "tags: [ok, [nested]]",
            f"{PATH}:2: card 'T': the option 'tags' has an item that is a list, not a text; the "
            "item was ignored. Quote it, e.g. 'Some name'.",
        ),
        (
            "topic:",
            f"{PATH}:2: card 'T': the option 'topic' is empty; it was ignored. Write a value "
            "after 'topic:' or delete the line.",
        ),
        (
            "status: someday",
            f"{PATH}:2: card 'T': the option 'status' has the unknown value 'someday'; it is "
            "shown as written. Use one of: draft, evergreen (or add it to the plugin's "
            "'status_values').",
        ),
        (
            "link: see below",
            f"{PATH}:2: card 'T': the option 'link' has no URL; the card is shown without a "
            "link. Write e.g. link: https://example.org/paper",
        ),
        (
            "link: ../paper.pdf",
            f"{PATH}:2: card 'T': the link '../paper.pdf' is relative; it is shown as text, not "
            "as a link. Write the full address, starting with https://",
        ),
        (
            "link: ''",
            f"{PATH}:2: card 'T': the option 'link' is empty; it was ignored. Write a value "
            "after 'link:' or delete the line.",
        ),
        (
            "date: 2025-02-31",
            f"{PATH}:2: card 'T': cannot read the date commented: '2025-02-31' is not a real "
            "date (day is out of range for month); the card is shown as undated. Write the "
            "date as YYYY-MM-DD (2025-12-14), 14 Dec 2025, or a month: 2025-12.",
        ),
        (
            "link: https://a.example/ https://b.example/",
            f"{PATH}:2: card 'T': the option 'link' has 2 URLs; only the first "
            "('https://a.example/') is used as the card's link. Move the others into the "
            "commentary.",
        ),
    ],
)
def test_bad_options_are_reported_with_their_line(options: str, message: str) -> None:
    card, messages = one(
        f"/// card | T\n{options}\n\nText.\n///\n", statuses=("draft", "evergreen")
    )
    assert messages == [message]
    assert card.commentary == "Text."  # the options never leak into the text


def test_invalid_yaml_and_keys_given_twice() -> None:
    _, messages = one("/// card | T\nlink: https://example.org/x\nsource: [unclosed\n///\n")
    assert messages == [
        f"{PATH}:4: card 'T': the options of the card block are not valid YAML (did not find "
        "expected ',' or ']'); they were ignored. Write one 'key: value' line per option right "
        "under the '/// card' line, and quote values that contain ': '."
    ]
    card, messages = one("/// card | T\nsource: A\ntopic: X\nsource: B\n///\n")
    assert messages == [
        f"{PATH}:4: card 'T': the option 'source' is given again (it is already on line 2); "
        "the one on line 2 is ignored. Delete one of them."
    ]
    assert card.source == "B"


def test_indented_options_that_are_not_a_mapping() -> None:
    _, messages = one("/// card | T\n    just some words\n\nText.\n///\n")
    assert messages == [
        f"{PATH}:2: card 'T': the options of the card block must be 'key: value' lines, got a "
        "text; they were ignored. Write e.g. link: https://example.org/paper"
    ]


def test_a_card_block_without_a_title() -> None:
    card, messages = one("/// card\nlink: https://example.org/x\n///\n")
    assert card.title == "Untitled"
    assert messages == [
        f"{PATH}:1: card block has no title; the card is shown as 'Untitled'. Write a title "
        "after '/// card |'."
    ]


def test_odd_options_never_raise() -> None:
    for options in (
        "link: [",
        "tags: !!python/object:os.system x",
        "date: 99999999999999999999",
        "- a\n- b",
        "?",
    ):
        cards, messages = parse(f"/// card | T\n{options}\n///\n")
        assert len(cards) == 1
        assert all(isinstance(m, str) for m in messages)


def test_mark_cards_marks_the_block_and_takes_its_options_out() -> None:
    body = "# Page\n\n" + BLOCK
    cards, _ = parse(body)
    marked, missing = mark_cards(
        body, cards, body.count("\n") + 1, LabelMatcher(CardOptions().labels)
    )
    assert missing == []
    lines = marked.split("\n")
    assert lines[2] == "/// card | \ue0f00\ue0f1Smol *Training* Playbook"
    assert "link: https" not in marked and "status: evergreen" not in marked
    assert "The first sentence of the commentary. A second one." in marked


# -- the standalone extension ----------------------------------------------------------------


def test_the_extension_renders_card_blocks_in_plain_python_markdown() -> None:
    md = markdown.Markdown(extensions=["toc", FieldnotesCardsExtension()])
    html = md.convert("# Notes\n\n" + BLOCK)
    soup = BeautifulSoup(html, "html.parser")
    card = soup.select_one("article.fieldnotes-card")
    assert card is not None
    assert card.h3 is not None and card.h3["id"] == "smol-training-playbook"
    assert text_of(card.h3) == "Smol Training Playbook"
    assert card.select_one("a.fieldnotes-card__link")["href"].startswith("https://huggingface.co/")
    assert text_of(card.select_one(".fieldnotes-card__future")) == "the ablations"
    assert "status: evergreen" not in html


# -- real builds ------------------------------------------------------------------------------

ENTRY = (
    """\
---
title: Mixed
date: 2025-06-01
tags: [LLMs]
---

Intro.

### Attention Is All You Need (Vaswani et al.) — Architecture
Link: https://arxiv.org/abs/1706.03762

Date commented: 2024-01-05

The heading card.

"""
    + BLOCK
)


def entry_page(built: Built, src: str = "notes/mixed.md") -> BeautifulSoup:
    return built.page(page_file(src, True))


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """One strict build with feeds (site_url) of a page mixing both kinds of cards."""
    factory = SiteFactory(tmp_path_factory.mktemp("blocks"))
    built = factory(
        {"index.md": "# Home\n", "notes/mixed.md": ENTRY},
        {"site_url": "https://example.org/site/"},
        plugin={"feeds": True},
    )
    assert built.unclaimed == [] and not built.aborted, built.warnings
    return built


def test_block_and_heading_cards_render_through_the_same_template(mixed: Built) -> None:
    page = main_content(entry_page(mixed))
    cards = page.select("article.fieldnotes-card")
    assert [c["data-card-id"] for c in cards] == [
        "attention-is-all-you-need",
        "smol-training-playbook",
    ]
    heading, block = cards
    # Same structure: the heading with the card's id, the meta row, the commentary, the footer.
    shape = [[child.name for child in c.find_all(recursive=False)] for c in cards]
    assert shape[1][:2] == shape[0][:2] == ["h3", "p"]
    assert block.h3["id"] == "smol-training-playbook"
    assert block.h3.em is not None and text_of(block.h3) == "Smol Training Playbook"
    meta = block.select_one("p.fieldnotes-card__meta")
    assert meta.select_one("a.fieldnotes-card__link")["href"] == (
        "https://huggingface.co/spaces/HuggingFaceTB/smol-training-playbook"
    )
    assert text_of(meta.select_one("a.fieldnotes-card__link")) == "huggingface.co"
    assert meta.select_one("time.fieldnotes-card__date")["datetime"] == "2025-12-14"
    assert text_of(meta.select_one(".fieldnotes-card__source")) == "Hugging Face"
    assert text_of(meta.select_one(".fieldnotes-card__status")) == "evergreen"
    chips = meta.select(".fieldnotes-card__tags a.fieldnotes-chip")
    assert [text_of(a) for a in chips] == ["Datasets", "LLMs/Training"]
    assert follow(mixed, page_file("notes/mixed.md", True), chips[0]["href"])[0] == (
        "tags/datasets/index.html"
    )
    assert [text_of(p) for p in block.find_all("p", recursive=False)][1:] == [
        "The first sentence of the commentary. A second one."
    ]
    assert text_of(block.select_one("footer.fieldnotes-card__future")) == "the ablations"
    assert "link:" not in text_of(page) and "status:" not in text_of(page)
    # The block's text that follows the closing /// is the page's, not a card's.
    assert heading.find("article") is None
    # Both cards are in the table of contents, by their ids.
    toc = entry_page(mixed).select("nav.md-nav--secondary a.md-nav__link")
    assert {"#attention-is-all-you-need", "#smol-training-playbook"} <= {a["href"] for a in toc}


def test_card_tags_are_on_tag_pages_for_that_card_alone(mixed: Built) -> None:
    tag = main_content(mixed.page("tags/datasets/index.html"))
    assert [text_of(a) for a in tag.select("a.fieldnotes-entry__title")] == ["Mixed"]
    cards = tag.select("a.fieldnotes-timeline__title")
    assert [text_of(a) for a in cards] == ["Smol Training Playbook"]  # not the heading card
    assert "Cards (1)" in [text_of(h) for h in tag.find_all("h2")]
    # A card tag with a parent makes the parent's page list the card too.
    parent = main_content(mixed.page("tags/llms/index.html"))
    assert [text_of(a) for a in parent.select("a.fieldnotes-timeline__title")] == [
        "Smol Training Playbook",
        "Attention Is All You Need",
    ]
    export = mixed.export()
    datasets = next(t for t in export["tags"] if t["name"] == "Datasets")
    assert (datasets["entries"], datasets["card_count"]) == (["notes/mixed/"], 1)
    llms = next(t for t in export["tags"] if t["name"] == "LLMs")
    assert llms["card_count"] == 2


def test_export_records_block_cards_like_heading_cards(mixed: Built) -> None:
    (entry,) = mixed.export()["entries"]
    heading, block = entry["cards"]
    assert list(block) == list(heading)  # the same fields, in the same order
    assert {k: block[k] for k in ("kind", "tags", "status", "source", "topic", "domain")} == {
        "kind": "block",
        "tags": ["Datasets", "LLMs/Training"],
        "status": "evergreen",
        "source": "Hugging Face",
        "topic": "Pre-training",
        "domain": "huggingface.co",
    }
    assert (heading["kind"], heading["tags"], heading["status"]) == ("heading", [], None)
    # Card-level status feeds the age: evergreen never goes stale (the tests' reference date
    # is 2026-01-15; the heading card, commented in January 2024, is stale).
    assert (block["staleness"], heading["staleness"]) == ("exempt", "stale")
    assert block["line"] == 16
    assert block["heading"] == "Smol *Training* Playbook"


def test_card_tags_are_feed_categories_and_tag_feeds_hold_the_tagged_card(mixed: Built) -> None:
    feed = json.loads((mixed.site_dir / "tags" / "datasets" / "feed.json").read_text("utf-8"))
    assert [item["title"] for item in feed["items"]] == ["Smol Training Playbook (Hugging Face)"]
    site = json.loads((mixed.site_dir / "feed.json").read_text("utf-8"))
    tags = {item["title"]: item.get("tags") for item in site["items"]}
    assert tags == {
        "Smol Training Playbook (Hugging Face)": ["LLMs", "Datasets", "LLMs/Training"],
        "Attention Is All You Need (Vaswani et al.)": ["LLMs"],
    }


def test_bad_block_options_warn_with_file_and_line(build_site: SiteFactory) -> None:
    text = "---\ntitle: Bad\n---\n\n/// card | Broken\nlink: https://example.org/b\ncolour: red\ntags: {x: 1}\n\nBody.\n///\n"
    built = build_site({"index.md": "# Home\n", "notes/bad.md": text})
    built.expect_plugin_warning(
        "notes/bad.md:7: card 'Broken': the card block has the option 'colour', which cards "
        "do not have; it was ignored. A card block takes link, date, revisited, source, "
        "topic, tags, status."
    )
    built.expect_plugin_warning(
        "notes/bad.md:8: card 'Broken': the option 'tags' must be a text or a list of texts, "
        "got a mapping; it was ignored. Write e.g. tags: [First, Second]."
    )
    card = main_content(built.page("notes/bad/index.html")).select_one("article.fieldnotes-card")
    assert card is not None and text_of(card.h3) == "Broken"
    assert "colour" not in text_of(card)


def test_card_blocks_join_pymdownx_blocks_the_user_lists(build_site: SiteFactory) -> None:
    text = (
        "---\ntitle: With blocks\n---\n\n/// card | Outer\nlink: https://example.org/o\n\n"
        "First.\n\n/// admonition | Careful\n    type: warning\n\nInside the admonition.\n///\n\n"
        "Last.\n///\n\n/// admonition | Not a card\nPlain admonition.\n///\n"
    )
    built = build_site(
        {"index.md": "# Home\n", "notes/b.md": text},
        {"markdown_extensions": ["toc", "attr_list", "pymdownx.blocks.admonition"]},
    )
    page = main_content(built.page("notes/b/index.html"))
    (card,) = page.select("article.fieldnotes-card")
    inner = card.select_one("div.admonition.warning")
    assert inner is not None and text_of(inner.select_one(".admonition-title")) == "Careful"
    assert [text_of(p) for p in card.find_all("p", recursive=False)][1:] == ["First.", "Last."]
    outside = [
        a for a in page.select("div.admonition") if a.find_parent(class_="fieldnotes-card") is None
    ]
    assert [text_of(a.select_one(".admonition-title")) for a in outside] == ["Not a card"]


CONFLICT = """\
from markdown import Extension
from pymdownx.blocks import BlocksExtension
from pymdownx.blocks.block import Block, type_any
import xml.etree.ElementTree as etree


class Other(Block):
    NAME = "card"
    ARGUMENT = None
    OPTIONS = {"link": ("", type_any)}

    def on_create(self, parent):
        return etree.SubElement(parent, "section", {"class": "other-card"})


class OtherCards(BlocksExtension):
    def extendMarkdownBlocks(self, md, block_mgr):
        block_mgr.register(Other, {})


def makeExtension(**kwargs):
    return OtherCards(**kwargs)
"""


def test_another_extensions_card_block_wins_with_a_warning(
    build_site: SiteFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "other_cards.py").write_text(CONFLICT, "utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    text = "---\ntitle: T\n---\n\n/// card | Theirs\nlink: https://example.org/t\n\nText.\n///\n"
    built = build_site(
        {"index.md": "# Home\n", "notes/t.md": text},
        {"markdown_extensions": ["toc", "attr_list", "other_cards"]},
    )
    built.expect_plugin_warning(
        "notes/t.md:5: card 'Theirs' is a card block, but another Markdown extension has a "
        "block named 'card', so it is not shown as a card. Remove that extension, or write "
        "the card as a heading with a Link: line."
    )
    page = main_content(built.page("notes/t/index.html"))
    assert page.select("article.fieldnotes-card") == []
    assert page.select_one("section.other-card") is not None
    sys.modules.pop("other_cards", None)


def test_a_page_kept_out_of_entries_is_built_as_without_the_plugin(build_site: SiteFactory) -> None:
    text = "---\nfieldnotes: false\n---\n\n# Out\n\n/// card | Not mine\nlink: https://example.org/x\n\nText \\/ slash.\n///\n"
    entry = "---\ntitle: E\n---\n\n" + BLOCK
    files = {"index.md": "# Home\n", "out.md": text, "notes/e.md": entry}
    with_plugin = build_site(files)
    without = build_site(files, {"plugins": ["search"]})
    assert str(main_content(with_plugin.page("out/index.html"))) == str(
        main_content(without.page("out/index.html"))
    )
    assert "/// card" in text_of(main_content(with_plugin.page("out/index.html")))


def test_the_docs_example_block_builds(build_site: SiteFactory) -> None:
    # The block as the docs show it (authoring.md), inside a list item and with a code block.
    text = textwrap.dedent(
        """\
        ---
        title: Docs example
        ---

        /// card | Smol Training Playbook
        link: https://huggingface.co/spaces/HuggingFaceTB/smol-training-playbook
        date: 2025-12-14
        tags: [Datasets]

        Commentary with `code`:

        ```python
        print("///")
        ```
        ///
        """
    )
    built = build_site({"index.md": "# Home\n", "notes/d.md": text})
    card = main_content(built.page("notes/d/index.html")).select_one("article.fieldnotes-card")
    assert card is not None
    assert text_of(card.select_one("pre")) == 'print("///")'


def test_mark_cards_finds_a_block_that_another_plugin_moved() -> None:
    body = "# Page\n\n" + BLOCK
    cards, _ = parse(body)
    moved = "Added by a plugin.\n\n" + body  # the lines no longer match the source's
    marked, missing = mark_cards(
        moved, cards, body.count("\n") + 1, LabelMatcher(CardOptions().labels)
    )
    assert missing == []
    assert "/// card | \ue0f00\ue0f1Smol *Training* Playbook" in marked.split("\n")


def test_the_revisited_option_sets_the_cards_age() -> None:
    card, messages = one(
        "/// card | T\nlink: https://example.org/t\ndate: 2024-01-05\nrevisited: Feb 2025\n///\n"
    )
    assert messages == []
    assert (card.revisited_iso, card.revisited_precision, card.revisited_text) == (
        "2025-02",
        "month",
        "Feb 2025",
    )
    card, messages = one("/// card | T\ndate: 2025-03-01\nrevisited: 2024-01-01\n///\n")
    assert messages == [
        f"{PATH}:3: card 'T': the revisit date (2024-01-01) is before the date commented "
        "(2025-03-01); the card's age counts from the date commented. Correct the one that is "
        "wrong."
    ]


def test_fieldnotes_check_reports_block_options(tmp_path: Path) -> None:
    from test_cli import run, write_site

    text = (
        "---\ntitle: Bad\n---\n\n/// card | Broken\nlink: https://example.org/b\ncolour: red\n///\n"
    )
    root = write_site(
        tmp_path, {"index.md": "# Home\n", "notes/bad.md": text}, {"plugins": ["fieldnotes"]}
    )
    result = run(["check"], root)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        "notes/bad.md:7: card 'Broken': the card block has the option 'colour', which cards do "
        "not have; it was ignored. A card block takes link, date, revisited, source, topic, "
        "tags, status."
    )
