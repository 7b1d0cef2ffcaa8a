"""Annotation cards read from Markdown source (no Markdown rendering, no build)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
from pathlib import Path
from typing import Any, Optional

import pytest
from conftest import REFERENCE
from hypothesis import given, settings
from hypothesis import strategies as st

from mkdocs_fieldnotes import export, frontmatter
from mkdocs_fieldnotes.cards import (
    CardOptions,
    CardParser,
    Labels,
    _find_urls,
    find_urls,
    split_heading,
)
from mkdocs_fieldnotes.model import Card, Problem
from mkdocs_fieldnotes.plaintext import markdown_to_text

PATH = "notes/entry.md"

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "example-entry.md"
FUTURE = "Possible links I may attach in the future"
DATE_HINT = "Write the date as YYYY-MM-DD (2025-12-14), 14 Dec 2025, or a month: 2025-12."


def parse(body: str, first_line: int = 1, **options: Any) -> tuple[tuple[Card, ...], list[str]]:
    problems: list[Problem] = []
    cards = CardParser(CardOptions(**options)).parse(body, PATH, first_line, problems)
    return cards, [str(p) for p in problems]


def one(body: str, **options: Any) -> tuple[Card, list[str]]:
    cards, messages = parse(body, **options)
    assert len(cards) == 1, cards
    return cards[0], messages


def parse_file(path: Path) -> tuple[tuple[Card, ...], list[str]]:
    problems: list[Problem] = []
    text = frontmatter.normalize_source(path.read_text("utf-8"))
    front = frontmatter.split(text, PATH, problems)
    cards = CardParser(CardOptions()).parse(front.body, PATH, front.body_line, problems)
    return cards, [str(p) for p in problems]


def no_url_message(title: str, line: int) -> str:
    return (
        f"{PATH}:{line}: card '{title}': the Link: line has no URL; the card is shown without "
        "a link. Write e.g. Link: https://example.org/paper"
    )


def scheme_message(url: str, scheme: str, line: int = 2, allowed: str = "http:, https:") -> str:
    return (
        f"{PATH}:{line}: card 'T': the link '{url}' uses the scheme '{scheme}:', which is not "
        f"allowed; it is shown as text, not as a link. Allowed: {allowed}"
    )


def date_message(error: str, line: int = 2, title: str = "T") -> str:
    return (
        f"{PATH}:{line}: card '{title}': cannot read the date commented: {error}; the card is "
        f"shown as undated. {DATE_HINT}"
    )


# --------------------------------------------------------------------------- the real example


def test_reference_example_has_three_cards() -> None:
    if not REFERENCE.exists():
        pytest.skip(f"SKIPPED: the reference example {REFERENCE} is not on this machine")
    cards, messages = parse_file(REFERENCE)
    assert messages == []
    assert [c.title for c in cards] == [
        "Smol Training Playbook",
        "Post-training 101",
        "Defeating Nondeterminism in LLM Inference",
    ]
    assert [c.id for c in cards] == [
        "smol-training-playbook",
        "post-training-101",
        "defeating-nondeterminism-in-llm-inference",
    ]
    assert [c.source for c in cards] == [
        "Hugging Face",
        "Meta Superintelligence Labs",
        "Thinking Machines",
    ]
    assert [c.topic for c in cards] == [
        "Pre-training + infrastructure",
        "Post-training overview",
        "Inference reproducibility + systems",
    ]
    assert [c.link for c in cards] == [
        "https://huggingface.co/spaces/HuggingFaceTB/smol-training-playbook",
        "https://tokens-for-thoughts.notion.site/post-training-101#264b8b68a46d80e1b9faf7d6c2da2baa",
        "https://thinkingmachines.ai/blog/defeating-nondeterminism-in-llm-inference/",
    ]
    assert [c.domain for c in cards] == [
        "huggingface.co",
        "tokens-for-thoughts.notion.site",
        "thinkingmachines.ai",
    ]
    assert [c.date_commented for c in cards] == [dt.date(2025, 12, 14)] * 3
    assert [c.date_text for c in cards] == ["14 Dec 2025"] * 3
    assert [c.line for c in cards] == [24, 41, 57]
    assert [c.heading for c in cards] == [
        "Smol Training Playbook (Hugging Face) — Pre-training + infrastructure",
        "Post-training 101 (Meta Superintelligence Labs) — Post-training overview",
        "Defeating Nondeterminism in LLM Inference (Thinking Machines) — Inference "
        "reproducibility + systems",
    ]
    assert [c.future_label for c in cards] == [FUTURE] * 3
    assert [c.future for c in cards] == [
        "data filtering/dedup + contamination notes; ablation templates and failure-mode "
        "checklists; infra postmortems (throughput collapse, dataloader issues, parallelism "
        "gotchas).",
        "one deep reference each for SFT data quality, preference data collection, reward "
        "modeling / preference optimization variants, and evaluation methodology (especially "
        "what breaks in practice).",
        "practical determinism checklists (seeds, batching behavior, kernel selection); "
        'inference engine knobs and caveats; "reproducibility vs throughput" trade-off notes.',
    ]
    assert [c.commentary.split()[:4] for c in cards] == [
        ["Think", "twice", "before", "even"],
        ["The", "overall", "vibe,", "I"],
        ["Very", "interesting", "post", "that"],
    ]
    assert [c.commentary.count("\n\n") + 1 for c in cards] == [4, 3, 2]
    assert cards[0].commentary.endswith("how we understand these models and how we train them.")
    assert cards[2].commentary.endswith("That effort deserves kudos.")
    for card in cards:
        for leftover in ("Link:", "Date commented", FUTURE, "**", "---"):
            assert leftover not in card.commentary
    assert cards[0].excerpt == (
        "Think twice before even considering to do pre-training from scratch."
    )


def test_fixture_example_has_three_cards() -> None:
    cards, messages = parse_file(FIXTURE)
    assert messages == []
    assert [(c.id, c.source, c.topic, c.line) for c in cards] == [
        ("okapi-at-trec-3", "NIST", "Classic ranking + BM25", 24),
        ("dense-passage-retrieval", "Meta AI", "Dense retrieval", 37),
        ("beir-benchmark", "TU Darmstadt", "Zero-shot evaluation", 49),
    ]
    assert [c.date_commented for c in cards] == [
        dt.date(2025, 11, 2),
        dt.date(2025, 11, 14),
        dt.date(2025, 11, 20),
    ]
    assert [c.domain for c in cards] == ["trec.nist.gov", "arxiv.org", "github.com"]
    assert all(c.future for c in cards)


# --------------------------------------------------------------------------- the Link: line


@pytest.mark.parametrize(
    "line",
    [
        "Link: https://example.org/a",
        "**Link:** https://example.org/a",
        "**Link**: https://example.org/a",
        "__Link:__ https://example.org/a",
        "*Link:* https://example.org/a",
        "_Link_: https://example.org/a",
        "link: https://example.org/a",
        "LINK : https://example.org/a",
        "Link:https://example.org/a",
        "Link: https://example.org/a   ",
        "Link:\thttps://example.org/a",
        "   Link: https://example.org/a",
        "Link: <https://example.org/a>",
        "Link: [the paper](https://example.org/a)",
        'Link: [the paper](https://example.org/a "Title")',
        "Link: [the paper](<https://example.org/a>)",
        "Link: [the paper]( https://example.org/a )",
        "Link: https://example.org/a.",
        "Link: https://example.org/a,",
        "Link: https://example.org/a\x07",
    ],
)
def test_accepted_link_lines(line: str) -> None:
    card, messages = one(f"### T\n{line}\n")
    assert messages == []
    assert card.link == "https://example.org/a"
    assert card.domain == "example.org"


@pytest.mark.parametrize(
    ("value", "link"),
    [
        ("www.example.org", "https://www.example.org"),
        ("www.example.org/path.", "https://www.example.org/path"),
        ("WWW.example.org/x", "https://WWW.example.org/x"),
        ("https://example.org/a?x=1&y=2#frag", "https://example.org/a?x=1&y=2#frag"),
        ("HTTPS://EXAMPLE.ORG/A", "HTTPS://EXAMPLE.ORG/A"),
        ("http://example.org", "http://example.org"),
        ("https://en.wikipedia.org/wiki/Foo_(bar)", "https://en.wikipedia.org/wiki/Foo_(bar)"),
        ("see https://example.org/a for details", "https://example.org/a"),
        ("https://example.org/a).", "https://example.org/a"),
    ],
)
def test_link_values(value: str, link: str) -> None:
    card, messages = one(f"### T\nLink: {value}\n")
    assert messages == []
    assert card.link == link
    assert card.link_text == value


def test_www_link_domain_drops_www() -> None:
    card, _ = one("### T\nLink: www.example.org/x\n")
    assert card.domain == "example.org"


def test_markdown_link_with_balanced_parentheses_keeps_them() -> None:
    # Python-Markdown links this to .../Foo_(bar); the card link must be the same URL.
    card, messages = one("### T\nLink: [Foo](https://en.wikipedia.org/wiki/Foo_(bar))\n")
    assert messages == []
    assert card.link == "https://en.wikipedia.org/wiki/Foo_(bar)"


def test_bold_bare_url_does_not_keep_the_asterisks() -> None:
    card, messages = one("### T\nLink: **https://example.org/a**\n")
    assert messages == []
    assert card.link == "https://example.org/a"


@pytest.mark.parametrize(
    ("line", "link_text"),
    [("Link:", None), ("Link:   ", None), ("Link: see the paper", "see the paper")],
)
def test_link_without_url(line: str, link_text: Optional[str]) -> None:
    card, messages = one(f"### T\n{line}\n")
    assert messages == [no_url_message("T", 2)]
    assert card.link is None
    assert card.link_text == link_text


@pytest.mark.parametrize(
    ("value", "url"),
    [
        ("[paper](../paper.md)", "../paper.md"),
        ("[x](#anchor)", "#anchor"),
    ],
)
def test_relative_link_is_refused(value: str, url: str) -> None:
    card, messages = one(f"### T\nLink: {value}\n")
    assert messages == [
        f"{PATH}:2: card 'T': the link '{url}' is relative; it is shown as text, not as a link. "
        "Write the full address, starting with https://"
    ]
    assert card.link is None
    assert card.link_text == value
    assert card.domain is None


@pytest.mark.parametrize(
    ("value", "url", "scheme"),
    [
        ("javascript:alert(1)", "javascript:alert(1)", "javascript"),
        ("JaVaScRiPt:alert(1)", "JaVaScRiPt:alert(1)", "javascript"),
        ("<javascript:alert(1)>", "javascript:alert(1)", "javascript"),
        ("data:text/html,hello", "data:text/html,hello", "data"),
        ("vbscript:msgbox", "vbscript:msgbox", "vbscript"),
        ("mailto:a@example.org", "mailto:a@example.org", "mailto"),
        ("ftp://example.org/f", "ftp://example.org/f", "ftp"),
        ("file:///etc/passwd", "file:///etc/passwd", "file"),
    ],
)
def test_disallowed_schemes_are_refused(value: str, url: str, scheme: str) -> None:
    card, messages = one(f"### T\nLink: {value}\n")
    assert messages == [scheme_message(url, scheme)]
    assert card.link is None
    assert card.link_text == value
    assert card.domain is None


@pytest.mark.parametrize(
    "value",
    [
        "java\tscript:alert(1)",
        "[x](javascript:alert(1))",
        "[x](java\tscript:alert(1))",
        "<java\tscript:alert(1)>",
        "jav\x00ascript:alert(1)",
        "\x01javascript:alert(1)",
        "javascript:alert(1) https://example.org",
    ],
)
def test_script_links_never_become_live_links(value: str) -> None:
    card, messages = one(f"### T\nLink: {value}\n")
    assert card.link is None
    assert messages  # always explained to the author


def test_tab_inside_javascript_scheme_is_named_as_written() -> None:
    # Browsers drop the tab and run "javascript:"; the warning must say so, not name "script:".
    card, messages = one("### T\nLink: java\tscript:alert(1)\n")
    assert card.link is None
    assert len(messages) == 1
    assert "'javascript:'" in messages[0]
    assert "'script:'" not in messages[0]


@pytest.mark.parametrize("value", ["https://", "http:///path"])
def test_url_without_host_is_refused_with_a_sensible_message(value: str) -> None:
    card, messages = one(f"### T\nLink: {value}\n")
    assert card.link is None
    assert len(messages) == 1
    # http: and https: are allowed: the message must not claim they are not.
    assert "which is not allowed" not in messages[0]


def test_extra_schemes_can_be_allowed() -> None:
    card, messages = one("### T\nLink: mailto:a@example.org\n", schemes=("http", "https", "mailto"))
    assert messages == []
    assert card.link == "mailto:a@example.org"
    assert card.domain is None


def test_allowed_schemes_are_listed_in_the_message() -> None:
    _, messages = one("### T\nLink: ftp://x.org\n", schemes=("https", "mailto"))
    assert messages == [scheme_message("ftp://x.org", "ftp", allowed="https:, mailto:")]


@pytest.mark.parametrize(
    ("value", "count"),
    [
        ("https://a.org https://b.org", 2),
        ("https://a.org, https://b.org", 2),
        ("[a](https://a.org) and <https://b.org>", 2),
        ("https://a.org https://b.org www.c.org", 3),
    ],
)
def test_several_urls_use_the_first(value: str, count: int) -> None:
    card, messages = one(f"### T\nLink: {value}\n")
    assert messages == [
        f"{PATH}:2: card 'T': the Link: line has {count} URLs; only the first "
        "('https://a.org') is used as the card's link. Move the others into the commentary."
    ]
    assert card.link == "https://a.org"


def test_only_the_first_link_line_counts() -> None:
    card, messages = one("### T\nLink: https://a.org\n\nLink: https://b.org\n")
    assert messages == [
        f"{PATH}:4: card 'T' has a second Link: line; it is kept in the commentary. A card "
        "has one Link: line: move the other one into the text or into a card of its own."
    ]
    assert card.link == "https://a.org"
    assert card.commentary == "Link: https://b.org"


def test_label_line_made_a_setext_heading_is_reported() -> None:
    card, messages = one("### T\nLink: https://a.org\nDate commented: 2025-01-02\n---\n")
    assert messages == [
        f"{PATH}:3: the line 'Date commented: 2025-01-02' is directly followed by '---', so "
        "Markdown shows it as a heading and the card loses it. Add a blank line before '---'."
    ]
    assert card.date_commented is None


@pytest.mark.parametrize(
    ("value", "urls"),
    [
        (
            "[a](https://a.org) <https://b.org> https://c.org",
            ["https://a.org", "https://b.org", "https://c.org"],
        ),
        ("https://a.org/x.", ["https://a.org/x"]),
        ("(see https://a.org/x)", ["https://a.org/x"]),
        ("nothing here", []),
        ("", []),
    ],
)
def test_find_urls(value: str, urls: list[str]) -> None:
    assert find_urls(value) == urls


@pytest.mark.parametrize(
    "line",
    [
        "Links: https://a.org",
        "Link https://a.org",
        "Linked: https://a.org",
        "Link to: https://a.org",
    ],
)
def test_other_words_are_not_link_labels(line: str) -> None:
    cards, messages = parse(f"### T\n{line}\n")
    assert cards == ()
    assert messages == []


# --------------------------------------------------------------------------- the date line


@pytest.mark.parametrize(
    "value",
    [
        "2025-12-14",
        "2025/12/14",
        "14 Dec 2025",
        "14 dec 2025",
        "14 December 2025",
        "14th Dec 2025",
        "14th December, 2025",
        "Dec 14, 2025",
        "Dec. 14, 2025",
        "December 14, 2025",
        "December 14th, 2025",
        "14/12/2025",
        "12/14/2025",
        "14.12.2025",
        "14-12-2025",
        "2025-12-14T10:00:00Z",
        "14 Dec 2025.",
        "14 Dec 2025 ",
    ],
)
def test_accepted_date_lines(value: str) -> None:
    card, messages = one(f"### T\nDate commented: {value}\n")
    assert messages == []
    assert card.date_commented == dt.date(2025, 12, 14)
    assert card.date_text == value.strip()
    assert card.link is None


@pytest.mark.parametrize(
    "line",
    [
        "**Date commented:** 14 Dec 2025",
        "**Date commented**: 14 Dec 2025",
        "date commented: 14 Dec 2025",
        "DATE COMMENTED : 14 Dec 2025",
        "Date  commented: 14 Dec 2025",
    ],
)
def test_date_label_variants(line: str) -> None:
    card, messages = one(f"### T\n{line}\n")
    assert messages == []
    assert card.date_commented == dt.date(2025, 12, 14)


@pytest.mark.parametrize(
    ("value", "error"),
    [
        ("2025-02-31", "'2025-02-31' is not a real date (day is out of range for month)"),
        ("31 Feb 2025", "'31 Feb 2025' is not a real date (day is out of range for month)"),
        ("03/04/2025", "'03/04/2025' is ambiguous (day/month or month/day?)"),
        ("yesterday", "'yesterday' is not a date this plugin can read"),
        ("14 Foo 2025", "'Foo' in '14 Foo 2025' is not a month name"),
        ("14 Dec 2025 (updated)", "'14 Dec 2025 (updated)' is not a date this plugin can read"),
    ],
)
def test_unreadable_dates(value: str, error: str) -> None:
    card, messages = one(f"### T\nDate commented: {value}\n")
    assert messages == [date_message(error)]
    assert card.date_commented is None
    assert card.date_text == value


def test_empty_date() -> None:
    card, messages = one("### T\nDate commented:\n")
    assert messages == [date_message("the date is empty")]
    assert card.date_commented is None
    assert card.date_text is None


def test_locale_month_names_in_card_dates() -> None:
    card, messages = one("### T\nDate commented: 14 décembre 2025\n", locale="fr")
    assert messages == []
    assert card.date_commented == dt.date(2025, 12, 14)


def test_link_and_date_on_consecutive_lines_of_one_paragraph() -> None:
    card, messages = one(
        "### T\nLink: https://example.org\nDate commented: 14 Dec 2025\nFirst words here.\n"
    )
    assert messages == []
    assert card.link == "https://example.org"
    assert card.date_commented == dt.date(2025, 12, 14)
    assert card.commentary == "First words here."


def test_date_before_link() -> None:
    card, messages = one("### T\n\nDate commented: 2025-01-02\n\nLink: https://example.org\n")
    assert messages == []
    assert card.link == "https://example.org"
    assert card.date_commented == dt.date(2025, 1, 2)


# --------------------------------------------------------------------------- headings


@pytest.mark.parametrize(
    ("heading", "title", "source", "topic"),
    [
        ("Title (Source) — topic", "Title", "Source", "topic"),
        ("Title (Source) – topic", "Title", "Source", "topic"),
        ("Title (Source) -- topic", "Title", "Source", "topic"),
        ("Title (Source)—topic", "Title", "Source", "topic"),
        ("Title — topic", "Title", None, "topic"),
        ("Title (Source)", "Title", "Source", None),
        ("Title", "Title", None, None),
        ("Title (Source (nested) more) — topic", "Title", "Source (nested) more", "topic"),
        ("Title (S) (T)", "Title (S)", "T", None),
        ("GPT-4 (OpenAI) — evals", "GPT-4", "OpenAI", "evals"),
        ("Self-Attention — the idea", "Self-Attention", None, "the idea"),
        ("Title - not a separator", "Title - not a separator", None, None),
        ("A — B — C", "A — B", None, "C"),
        ("— only a topic", "— only a topic", None, None),
        ("(Only source)", "(Only source)", None, None),
        ("Title ()", "Title", None, None),
        ("  Spaced    title   (Src) —  topic  ", "Spaced title", "Src", "topic"),
    ],
)
def test_split_heading(
    heading: str, title: str, source: Optional[str], topic: Optional[str]
) -> None:
    assert split_heading(heading) == (title, source, topic, None)


@pytest.mark.parametrize(
    ("heading", "title", "explicit_id"),
    [
        ("Title {#custom-id}", "Title", "custom-id"),
        ("Title {: #custom-id }", "Title", "custom-id"),
        ("Title { #cid .cls key=value }", "Title", "cid"),
        ("Title {.cls}", "Title", None),
    ],
)
def test_split_heading_attr_list(heading: str, title: str, explicit_id: Optional[str]) -> None:
    # The attribute list stays on the title's Markdown (attr_list still applies it to the
    # heading); the plain title has none of it.
    assert split_heading(heading) == (heading, None, None, explicit_id)
    assert markdown_to_text(split_heading(heading)[0]) == title


def test_heading_parts_on_a_card() -> None:
    card, messages = one("### Title (Source) — topic {#my-id}\nLink: https://example.org\n")
    assert messages == []
    assert (card.id, card.title, card.source, card.topic) == ("my-id", "Title", "Source", "topic")


@pytest.mark.parametrize(
    ("heading", "card_id"),
    [
        ("Hello World", "hello-world"),
        ("Café crème", "café-crème"),
        ("機械学習 (Blog)", "機械学習"),
        ("T ###", "t"),
    ],
)
def test_card_ids(heading: str, card_id: str) -> None:
    card, _ = one(f"### {heading}\nLink: https://example.org\n")
    assert card.id == card_id


def test_emoji_title_gets_a_hash_id() -> None:
    card, _ = one("### 🚀\nLink: https://example.org\n")
    assert card.title == "🚀"
    assert card.id.startswith("x-")
    assert len(card.id) == 10


@pytest.mark.parametrize("heading", ["###", "### ", "###   ###"])
def test_heading_without_text(heading: str) -> None:
    card, messages = one(f"{heading}\nLink: https://example.org\n")
    assert messages == [
        f"{PATH}:1: card heading has no text; the card is shown as 'Untitled'. "
        "Write a title after the '#' marks."
    ]
    assert card.title == "Untitled"
    assert card.id == "untitled"


def test_heading_with_only_an_id() -> None:
    card, messages = one("### {#only-id}\nLink: https://example.org\n")
    assert len(messages) == 1
    assert card.title == "Untitled"
    assert card.id == "only-id"


def test_duplicate_titles_get_distinct_ids_and_a_warning() -> None:
    cards, messages = parse(
        "### Same\nLink: https://a.org\n\n"  # 1
        "### Same\nLink: https://b.org\n\n"  # 4
        "### same\nLink: https://c.org\n\n"  # 7
        "### Other\nLink: https://d.org\n"  # 10
    )
    assert [c.id for c in cards] == ["same", "same-2", "same-3", "other"]
    assert [c.link for c in cards] == [
        "https://a.org",
        "https://b.org",
        "https://c.org",
        "https://d.org",
    ]
    assert messages == [
        f"{PATH}:4: card 'Same' has the same title as the card on line 1; its anchor is "
        "'#same-2'. Give each card its own title so links to them stay clear.",
        f"{PATH}:7: card 'same' has the same title as the card on line 1; its anchor is "
        "'#same-3'. Give each card its own title so links to them stay clear.",
    ]


def test_different_titles_with_the_same_slug_get_distinct_ids_silently() -> None:
    cards, messages = parse("### C++\nLink: https://a.org\n\n### C#\nLink: https://b.org\n")
    assert [c.id for c in cards] == ["c", "c-2"]
    assert messages == []


def test_id_suffix_does_not_collide_with_a_real_title() -> None:
    cards, _ = parse(
        "### A\nLink: https://a.org\n\n### A-2\nLink: https://b.org\n\n### A\nLink: https://c.org\n"
    )
    ids = [c.id for c in cards]
    assert ids[:2] == ["a", "a-2"]
    assert len(set(ids)) == 3


# --------------------------------------------------------------------------- sections


@pytest.mark.parametrize(
    "end",
    ["## Up", "# Top", "---", "***", "___", "- - -", "* * *", "  ---  "],
)
def test_section_ends(end: str) -> None:
    cards, messages = parse(
        f"### A\nLink: https://a.org\n\nInside.\n\n{end}\n\nOutside.\nDate commented: 2025-01-02\n"
    )
    assert messages == []
    assert len(cards) == 1
    assert cards[0].date_commented is None
    assert cards[0].commentary == "Inside."


def test_section_ends_at_the_next_card_heading() -> None:
    cards, messages = parse(
        "### A\nLink: https://a.org\n\nInside.\n### B\nDate commented: 2025-01-02\n"
    )
    assert messages == []
    assert [(c.title, c.link, c.date_commented) for c in cards] == [
        ("A", "https://a.org", None),
        ("B", None, dt.date(2025, 1, 2)),
    ]
    assert [c.line for c in cards] == [1, 5]


def test_section_ends_at_end_of_file() -> None:
    card, messages = one("### A\nLink: https://a.org\n\nLast words.")
    assert messages == []
    assert card.commentary == "Last words."


def test_section_does_not_end_at_a_deeper_heading() -> None:
    card, messages = one(
        "### A\nLink: https://a.org\n\nBefore.\n\n#### Sub\n\nAfter.\nDate commented: 2025-01-02\n"
    )
    assert messages == []
    assert card.date_commented == dt.date(2025, 1, 2)
    assert card.commentary.startswith("Before.")
    assert card.commentary.endswith("After.")


def test_deeper_heading_marks_are_not_in_the_commentary() -> None:
    card, _ = one("### A\nLink: https://a.org\n\nBefore.\n#### Sub\nAfter.\n")
    assert "#" not in card.commentary
    assert "Sub" in card.commentary


@pytest.mark.parametrize("underline", ["========", "--------"], ids=["h1", "h2"])
def test_setext_heading_ends_the_section(underline: str) -> None:
    # "Part two" underlined is an <h1>/<h2> in Markdown: the card section ends before it.
    cards, _ = parse(
        "### A\nLink: https://a.org\n\nInside.\n\n"
        f"Part two\n{underline}\n\nDate commented: 2025-01-02\n"
    )
    assert len(cards) == 1
    assert cards[0].date_commented is None
    assert cards[0].commentary == "Inside."


def test_heading_without_link_or_date_is_not_a_card() -> None:
    cards, messages = parse("### Just a heading\n\nSome text.\n\n### Card\nLink: https://a.org\n")
    assert [c.title for c in cards] == ["Card"]
    assert messages == []


def test_text_before_the_first_heading_is_ignored() -> None:
    cards, messages = parse("Link: https://a.org\n\n### Card\nLink: https://b.org\n")
    assert [c.link for c in cards] == ["https://b.org"]
    assert messages == []


def test_label_inside_fenced_code_is_ignored() -> None:
    body = (
        "### A\n"
        "```markdown\n"
        "### Not a heading\n"
        "Link: https://evil.example\n"
        "```\n"
        "Date commented: 2025-01-02\n"
    )
    card, messages = one(body)
    assert messages == []
    assert card.title == "A"
    assert card.link is None
    assert card.date_commented == dt.date(2025, 1, 2)


def test_section_with_labels_only_in_code_is_not_a_card() -> None:
    cards, messages = parse("### A\n~~~\nLink: https://a.org\nDate commented: 2025-01-02\n~~~\n")
    assert cards == ()
    assert messages == []


def test_fenced_heading_does_not_start_a_card() -> None:
    cards, _ = parse("```\n### A\nLink: https://a.org\n```\n")
    assert cards == ()


def test_fence_closes_only_with_the_same_marker_and_length() -> None:
    body = "### A\n````\n```\n~~~\nLink: https://evil.example\n````\nLink: https://ok.example\n"
    card, _ = one(body)
    assert card.link == "https://ok.example"


def test_unclosed_fence_runs_to_the_end() -> None:
    cards, _ = parse("### A\nLink: https://a.org\n```\n### B\nLink: https://b.org\n")
    assert [c.title for c in cards] == ["A"]


@pytest.mark.parametrize(
    ("level", "titles"),
    [(2, ["Two"]), (3, ["Three"]), (4, ["Four-a", "Four-b"])],
)
def test_card_heading_level_option(level: int, titles: list[str]) -> None:
    body = (
        "## Two\nLink: https://2.org\n\n"
        "### Three\nLink: https://3.org\n\n"
        "#### Four-a\nLink: https://4a.org\n\n"
        "---\n\n"
        "#### Four-b\nLink: https://4b.org\n"
    )
    cards, _ = parse(body, level=level)
    assert [c.title for c in cards] == titles


def test_level_two_cards_include_deeper_headings_in_their_section() -> None:
    card, _ = one("## A\nLink: https://a.org\n\n### B\nDate commented: 2025-01-02\n", level=2)
    assert card.date_commented == dt.date(2025, 1, 2)


def test_line_numbers_follow_first_line() -> None:
    cards, messages = parse("\n### A\nLink: see it\n\n### B\nDate commented: soon\n", first_line=20)
    assert [c.line for c in cards] == [21, 24]
    assert messages == [
        no_url_message("A", 22),
        date_message("'soon' is not a date this plugin can read", line=25, title="B"),
    ]


def test_custom_labels() -> None:
    labels = Labels(
        link=("Lien", "Link"),
        date=("Date du commentaire",),
        future=("Liens à joindre plus tard",),
    )
    card, messages = one(
        "### Article (Le Monde) — presse\n"
        "Lien : https://lemonde.fr/a\n"
        "**Date du commentaire :** 14 déc. 2025\n\n"
        "Très bon article.\n\n"
        "**Liens à joindre plus tard :** x ; y\n",
        labels=labels,
        locale="fr",
    )
    assert messages == []
    assert card.link == "https://lemonde.fr/a"
    assert card.date_commented == dt.date(2025, 12, 14)
    assert card.future == "x ; y"
    assert card.future_label == "Liens à joindre plus tard"
    assert card.commentary == "Très bon article."


def test_custom_labels_replace_the_default_ones() -> None:
    cards, _ = parse("### A\nLink: https://a.org\n", labels=Labels(link=("Lien",)))
    assert cards == ()


def test_date_warning_uses_the_card_title() -> None:
    _, messages = parse("### A (Src) — x\nDate commented: 03/04/2025\n")
    assert messages == [
        date_message("'03/04/2025' is ambiguous (day/month or month/day?)", title="A")
    ]


# --------------------------------------------------------------------------- commentary and future


def test_commentary_is_plain_text_with_paragraphs() -> None:
    card, _ = one(
        "### A\nLink: https://a.org\n\n"
        "Some *emphasis*, a [link](https://x.org) and `code`.\nSecond line.\n\n"
        "Para &amp; two.\n"
    )
    assert card.commentary == ("Some emphasis, a link and code. Second line.\n\nPara & two.")


@pytest.mark.parametrize(
    ("line", "future", "label"),
    [
        (f"**{FUTURE}:** a; b", "a; b", FUTURE),
        (f"**{FUTURE}**: a; b", "a; b", FUTURE),
        (f"{FUTURE}: a; b", "a; b", FUTURE),
        (f"**{FUTURE.upper()}:**  a; b", "a; b", FUTURE.upper()),
        (f"**{FUTURE}:**\na\nb", "a\nb", FUTURE),
    ],
)
def test_future_paragraph(line: str, future: str, label: str) -> None:
    card, messages = one(f"### A\nLink: https://a.org\n\nText.\n\n{line}\n\nAfter.\n")
    assert messages == []
    assert card.future == future
    assert card.future_label == label
    assert card.commentary == "Text.\n\nAfter."


def test_empty_future_paragraph() -> None:
    card, _ = one(f"### A\nLink: https://a.org\n\n**{FUTURE}:**\n")
    assert card.future is None
    assert card.commentary == ""


def test_only_the_first_future_paragraph_is_taken() -> None:
    card, _ = one(f"### A\nLink: https://a.org\n\n{FUTURE}: one\n\n{FUTURE}: two\n")
    assert card.future == "one"
    assert card.commentary == f"{FUTURE}: two"


def test_card_without_commentary() -> None:
    card, _ = one("### A\nLink: https://a.org\n")
    assert card.commentary == ""
    assert card.excerpt == ""
    assert card.future is None
    assert card.future_label is None


def test_excerpt_is_the_first_sentence() -> None:
    card, _ = one(
        "### A\nLink: https://a.org\n\nFirst sentence here. Second one.\n\nOther paragraph.\n"
    )
    assert card.excerpt == "First sentence here."


@pytest.mark.parametrize(
    ("link", "domain"),
    [
        ("https://www.example.org/a", "example.org"),
        ("https://sub.example.org:8080/a", "sub.example.org"),
        ("https://WWW.Example.ORG", "example.org"),
        ("https://user:pw@example.org/", "example.org"),
    ],
)
def test_card_domain(link: str, domain: str) -> None:
    card, _ = one(f"### A\nLink: {link}\n")
    assert card.domain == domain


def test_parse_never_raises_on_odd_input() -> None:
    body = "### \x00\nLink: \x00\x01\n\n###\u2028\nDate commented: \ufeff\n#### x\n```\n"
    cards, messages = parse(body)
    assert all(isinstance(c, Card) for c in cards)
    assert all(isinstance(m, str) for m in messages)


# --------------------------------------------------------------------------- golden file

GOLDEN = Path(__file__).resolve().parent / "golden" / "example-entry.cards.json"


def test_fixture_cards_match_the_golden_file() -> None:
    """Every exported field of the fixture's cards; FIELDNOTES_UPDATE_GOLDEN=1 rewrites it."""
    cards, messages = parse_file(FIXTURE)
    assert messages == []
    records = [export.card_record(c, "notes/retrieval/") for c in cards]
    text = json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    if os.environ.get("FIELDNOTES_UPDATE_GOLDEN") == "1":
        GOLDEN.write_text(text, "utf-8")
    assert text == GOLDEN.read_text("utf-8")


@pytest.mark.parametrize(
    ("line", "domain"),
    [
        ("https://www.Example.org:8443/a?b#c", "example.org"),
        ("www.arxiv.org/abs/1", "arxiv.org"),
        ("<http://[::1]/x>", "::1"),
        ("[paper](https://sub.example.co.uk/p)", "sub.example.co.uk"),
        ("mailto:ada@example.org", None),
    ],
)
def test_the_domain_read_with_the_link_is_the_one_the_link_gives(
    line: str, domain: Optional[str]
) -> None:
    schemes = ("http", "https", "mailto")
    card, messages = one(f"### T\nLink: {line}\n", schemes=schemes)
    assert messages == []
    assert card.link is not None
    assert card.domain == domain
    fresh = Card(**{f.name: getattr(card, f.name) for f in dataclasses.fields(Card)})
    assert fresh.domain == domain  # computed from the link when the parser did not fill it in


_URL_CHARS = st.sampled_from(list("aZ09+.-:/?#=&%()[]<>'\".,;!*_~ \t\x00\x7fé"))


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=_URL_CHARS).map(lambda t: "https:" + t) | st.text(alphabet=_URL_CHARS))
def test_lone_url_shortcut_finds_what_the_general_path_finds(value: str) -> None:
    assert find_urls(value) == _find_urls(value)


def test_card_messages_show_invisible_characters_and_cut_long_values() -> None:
    long_url = "https://" + "x" * 200 + "/a"
    body = (
        "### dra\u200bft \u202eevil\n"
        "Link: javascript:alert('\u200b')\n\n"
        f"### {'T' * 120}\n"
        f"Link: {long_url} https://b.org\n"
    )
    _, messages = parse(body)
    assert messages == [
        # The title's bidi override is removed with its other control characters; the
        # zero-width space stays, and shows.
        f"{PATH}:2: card 'dra\\u200bft evil': the link 'javascript:alert('\\u200b')' uses "
        "the scheme 'javascript:', which is not allowed; it is shown as text, not as a link. "
        "Allowed: http:, https:",
        f"{PATH}:5: card '{'T' * 80}…': the Link: line has 2 URLs; only the first "
        f"('{long_url[:80]}…') is used as the card's link. Move the others into the commentary.",
    ]
