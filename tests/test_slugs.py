"""The one slug rule for card ids, tags, series and categories."""

from __future__ import annotations

import hashlib
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mkdocs_fieldnotes.slugs import MAX_LENGTH, slugify, unique_in_page, unique_slugs


def sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Hello World", "hello-world"),
        ("LLMs", "llms"),
        ("Post-training", "post-training"),
        ("Pre-training + infrastructure", "pre-training-infrastructure"),
        ("  --Spaced--  ", "spaced"),
        ("a_b", "a-b"),
        ("a.b", "a-b"),
        ("one   two\tthree", "one-two-three"),
        ("2025", "2025"),
        ("GPT-4o", "gpt-4o"),
        ("x—y", "x-y"),
        ("Straße", "strasse"),
        ("ﬁle", "file"),
        ("Ａｂｃ", "abc"),
        ("a\u200bb", "a-b"),
    ],
)
def test_ascii_and_compatibility_forms(name: str, slug: str) -> None:
    assert slugify(name) == slug


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Café", "café"),
        ("Cafe\u0301", "café"),  # decomposed é is composed first
        ("Tiếng Việt", "tiếng-việt"),
        ("ñandú", "ñandú"),
        ("Ελληνικά", "ελληνικά"),
        ("Русский язык", "русский-язык"),
        ("機械学習", "機械学習"),
        ("深層 学習", "深層-学習"),
        ("한국어", "한국어"),
        ("العربية", "العربية"),
        ("ภาษาไทย", "ภาษาไทย"),
    ],
)
def test_letters_of_every_script_are_kept(name: str, slug: str) -> None:
    assert slugify(name) == slug


@pytest.mark.parametrize(
    "name",
    ["हिन्दी", "देवनागरी", "தமிழ்", "مُحَمَّد", "İstanbul"],
    ids=["hindi", "devanagari", "tamil", "arabic-harakat", "dotted-capital-i"],
)
def test_combining_marks_do_not_split_a_word(name: str) -> None:
    # The module promises "letters of every script stay": vowel signs and other combining
    # marks belong to the word, they are not separators.
    slug = slugify(name)
    assert "-" not in slug
    assert len(slug) >= len(name) - 1


@pytest.mark.parametrize("name", ["🚀", "🚀🔥", "...", "..", ".", "///", "__", "", "   ", "\x00"])
def test_names_without_letters_get_a_hash(name: str) -> None:
    assert slugify(name) == f"x-{sha1(name)[:8]}"


def test_hash_slugs_differ_for_different_names() -> None:
    assert slugify("🚀") != slugify("🔥")


@pytest.mark.parametrize(
    "name",
    ["../etc/passwd", "..", "../..", "a/../b", "./x", "a\\b", "/abs/path", "C:\\win", ".hidden."],
)
def test_slugs_are_safe_path_segments(name: str) -> None:
    slug = slugify(name)
    assert "/" not in slug
    assert "\\" not in slug
    assert "." not in slug
    assert slug not in ("", ".", "..")


def test_traversal_name() -> None:
    assert slugify("../etc/passwd") == "etc-passwd"


def test_long_names_are_capped_with_a_hash() -> None:
    name = "word " * 60
    slug = slugify(name)
    assert len(slug) <= MAX_LENGTH + 7
    assert slug.endswith("-" + sha1(name)[:6])
    assert slug.startswith("word-word-")
    assert "--" not in slug


def test_long_names_sharing_a_prefix_get_different_slugs() -> None:
    a = slugify("x" * 100 + "a")
    b = slugify("x" * 100 + "b")
    assert a != b
    assert a[:MAX_LENGTH] == b[:MAX_LENGTH]


def test_name_at_the_limit_is_not_capped() -> None:
    assert slugify("x" * MAX_LENGTH) == "x" * MAX_LENGTH


# --------------------------------------------------------------------------- unique_slugs


def test_unique_slugs_collisions() -> None:
    names = ["C++", "C#", "C", "c", "Café", "cafe"]
    slugs = unique_slugs(names)
    assert slugs == {
        "C": "c",
        "c": f"c-{sha1('c')[:6]}",
        "C#": f"c-{sha1('C#')[:6]}",
        "C++": f"c-{sha1('C++')[:6]}",
        "Café": "café",
        "cafe": "cafe",
    }


def test_unique_slugs_without_collisions_are_plain() -> None:
    assert unique_slugs(["LLMs", "RLHF", "Systems"]) == {
        "LLMs": "llms",
        "RLHF": "rlhf",
        "Systems": "systems",
    }


def test_unique_slugs_ignores_duplicate_names() -> None:
    assert unique_slugs(["A", "A", "A"]) == {"A": "a"}


def test_unique_slugs_literal_hash_name_does_not_collide() -> None:
    taken_by_hash = f"c-{sha1('c')[:6]}"
    slugs = unique_slugs(["C", "c", taken_by_hash])
    assert len(set(slugs.values())) == 3


def test_unique_slugs_suffix_does_not_depend_on_other_names() -> None:
    alone = unique_slugs(["C", "C++"])["C++"]
    crowded = unique_slugs(["C", "C#", "c", "C++", "C--"])["C++"]
    assert alone == crowded


# --------------------------------------------------------------------------- unique_in_page


def test_unique_in_page() -> None:
    taken: set[str] = set()
    assert [unique_in_page(base, taken) for base in ["a", "a", "b", "a"]] == [
        "a",
        "a-2",
        "b",
        "a-3",
    ]
    assert taken == {"a", "a-2", "a-3", "b"}


def test_unique_in_page_skips_taken_suffixes() -> None:
    taken = {"a", "a-2"}
    assert unique_in_page("a", taken) == "a-3"
    assert "a-3" in taken


# --------------------------------------------------------------------------- properties

names = st.text(alphabet=st.characters(codec="utf-8"), max_size=120)


@settings(max_examples=400, deadline=None)
@given(names)
def test_slugify_properties(name: str) -> None:
    slug = slugify(name)
    assert slug
    assert "/" not in slug
    assert "\\" not in slug
    assert "." not in slug
    assert not re.search(r"\s", slug)
    assert not slug.startswith("-")
    assert not slug.endswith("-")
    assert "--" not in slug
    assert len(slug) <= MAX_LENGTH + 7
    assert slugify(name) == slug


@settings(max_examples=300, deadline=None)
@given(st.lists(names, max_size=12))
def test_unique_slugs_are_distinct_and_order_independent(items: list[str]) -> None:
    slugs = unique_slugs(items)
    assert set(slugs) == set(items)
    assert len(set(slugs.values())) == len(slugs)
    assert unique_slugs(list(reversed(items))) == slugs
    assert unique_slugs(sorted(items)) == slugs


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["C", "c", "C++", "C#", "c#", "🚀", "🔥", "a", "A", "a-2"])))
def test_unique_slugs_with_many_collisions(items: list[str]) -> None:
    slugs = unique_slugs(items)
    assert len(set(slugs.values())) == len(set(items))
    for name, slug in slugs.items():
        assert slug.startswith(slugify(name))
