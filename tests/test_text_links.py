"""Markdown → plain text, excerpts, and the URL checks behind live links."""

from __future__ import annotations

import re
from typing import Optional

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mkdocs_fieldnotes.links import domain_of, is_allowed, url_scheme
from mkdocs_fieldnotes.plaintext import (
    _markup_to_text,
    first_sentence,
    fold_whitespace,
    markdown_to_text,
    strip_control,
)

WEB = ("http", "https")


@pytest.mark.parametrize(
    ("markdown", "text"),
    [
        ("[text](https://x.org)", "text"),
        ('[text](https://x.org "Title")', "text"),
        ("[a (b)](https://x.org/(c))", "a (b)"),
        ("![alt text](img.png)", "alt text"),
        ("[ref][1] and [other][]", "ref and other"),
        ("<https://x.org/a>", "https://x.org/a"),
        ("<mailto:a@example.org>", "mailto:a@example.org"),
        ("**bold** and *it* and __b__ and _i_", "bold and it and b and i"),
        ("***both*** and ___both___", "both and both"),
        ("~~del~~ ==mark== ^^ins^^", "del mark ins"),
        ("`code` and ``co`de``", "code and co`de"),
        ('<b>x</b> <span class="a">y</span><br/>z', "x yz"),
        ("&amp; &lt;x&gt; &eacute; &#8212; &#x2014;", "& <x> é — —"),
        ("line1\nline2\n  line3", "line1 line2 line3"),
        ("x {: .cls }", "x"),
        ("a  \t b", "a b"),
        ("a\x00b\x1fc", "abc"),
        ("5 < 6 > 4", "5 < 6 > 4"),
        ("2 * 3 * 4", "2 * 3 * 4"),
        ("  padded  ", "padded"),
        ("", ""),
    ],
)
def test_markdown_to_text(markdown: str, text: str) -> None:
    assert markdown_to_text(markdown) == text


@pytest.mark.parametrize(
    ("markdown", "text"),
    [
        ("snake_case_name", "snake_case_name"),
        ("see https://x.org/a_b_c for it", "see https://x.org/a_b_c for it"),
        ("my_var and _emphasis_", "my_var and emphasis"),
    ],
)
def test_intraword_underscores_are_not_emphasis(markdown: str, text: str) -> None:
    # Python-Markdown leaves intraword underscores alone; the plain text must keep them.
    assert markdown_to_text(markdown) == text


@pytest.mark.parametrize(
    ("markdown", "text"),
    [("a\\*b\\*", "a*b*"), ("\\_not emphasis\\_", "_not emphasis_"), ("1\\. item", "1. item")],
)
def test_backslash_escapes_keep_the_character(markdown: str, text: str) -> None:
    assert markdown_to_text(markdown) == text


@pytest.mark.parametrize(
    ("markdown", "text"),
    [("`**not emphasis**`", "**not emphasis**"), ("`a_b_c`", "a_b_c"), ("`[x](y)`", "[x](y)")],
)
def test_code_span_content_is_literal(markdown: str, text: str) -> None:
    assert markdown_to_text(markdown) == text


def test_strip_control_keeps_tab_and_newline() -> None:
    assert strip_control("a\tb\nc\x00d\x07e\x7f\r") == "a\tb\ncde\r"


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        ("One. Two.", "One."),
        ("Hello! World", "Hello!"),
        ("What? Yes.", "What?"),
        ("Wait… Then.", "Wait…"),
        ("No end", "No end"),
        ("One.\n\nTwo.", "One."),
        ("First para line\nstill first. Second.", "First para line\nstill first."),
        ("Version 1.5 is out. Next", "Version 1.5 is out."),
        ("See example.org today. Then", "See example.org today."),
        ("", ""),
    ],
)
def test_first_sentence(text: str, sentence: str) -> None:
    assert first_sentence(text) == sentence


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        ("e.g. this is kept whole. Next.", "e.g. this is kept whole."),
        ("It works, i.e. mostly. Next.", "It works, i.e. mostly."),
    ],
)
def test_first_sentence_does_not_cut_at_a_lower_case_abbreviation(text: str, sentence: str) -> None:
    assert first_sentence(text) == sentence


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        ('He said "hi." Then left.', 'He said "hi."'),
        ("It ended (finally.) Then", "It ended (finally.)"),
        ("She wrote “done.” Next", "She wrote “done.”"),
    ],
)
def test_first_sentence_keeps_the_closing_quote(text: str, sentence: str) -> None:
    assert first_sentence(text) == sentence


def test_first_sentence_cuts_long_text_at_a_word() -> None:
    text = " ".join(["word"] * 100)
    sentence = first_sentence(text)
    assert sentence.endswith("word…")
    assert len(sentence) <= 280
    assert text.startswith(sentence[:-1])


def test_first_sentence_limit_option() -> None:
    assert first_sentence("aaaa bbbb, cccc dddd", limit=12) == "aaaa bbbb…"
    assert first_sentence("short", limit=12) == "short"
    assert first_sentence("exactly twelve", limit=14) == "exactly twelve"


def test_first_sentence_never_exceeds_the_limit() -> None:
    assert len(first_sentence("x" * 300, limit=280)) <= 280


# --------------------------------------------------------------------------- links


@pytest.mark.parametrize(
    ("url", "scheme"),
    [
        ("https://x.org", "https"),
        ("HTTP://X.ORG", "http"),
        ("mailto:a@b.org", "mailto"),
        ("data:,x", "data"),
        ("javascript:alert(1)", "javascript"),
        ("JaVaScRiPt:alert(1)", "javascript"),
        ("java\tscript:alert(1)", "javascript"),
        ("java\nscript:alert(1)", "javascript"),
        ("java\rscript:alert(1)", "javascript"),
        ("jav\x00ascript:alert(1)", "javascript"),
        (" javascript:alert(1)", "javascript"),
        ("\x01javascript:alert(1)", "javascript"),
        ("javascript\x7f:alert(1)", "javascript"),
        ("vbscript:x", "vbscript"),
        ("svn+ssh://x", "svn+ssh"),
        ("/relative/path", None),
        ("relative/x:y", None),
        ("page.md", None),
        ("#anchor", None),
        ("//cdn.example.org/x", None),
        ("1http://x", None),
        ("+x:y", None),
        ("javascript&colon;alert(1)", None),
        ("", None),
    ],
)
def test_url_scheme(url: str, scheme: Optional[str]) -> None:
    assert url_scheme(url) == scheme


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("https://x.org", True),
        ("http://x.org/a?b#c", True),
        ("HTTPS://X.ORG", True),
        ("https://user:pw@x.org", True),
        ("https://[::1]/", True),
        ("https://", False),
        ("http:///path", False),
        ("https://[bad/", False),
        ("javascript:alert(1)", False),
        ("java\tscript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("data:text/html,x", False),
        ("mailto:a@b.org", False),
        ("/rel", False),
        ("//x.org", False),
    ],
)
def test_is_allowed_for_web_links(url: str, allowed: bool) -> None:
    assert is_allowed(url, WEB) is allowed


def test_is_allowed_other_schemes_need_no_host() -> None:
    assert is_allowed("mailto:a@b.org", ("https", "mailto"))
    assert not is_allowed("http://x.org", ("https", "mailto"))


@pytest.mark.parametrize(
    ("url", "domain"),
    [
        ("https://www.x.org/a", "x.org"),
        ("https://WWW.X.ORG", "x.org"),
        ("https://x.org:8080/a", "x.org"),
        ("https://user:pw@x.org", "x.org"),
        ("https://www2.x.org", "www2.x.org"),
        ("https://sub.www.x.org", "sub.www.x.org"),
        ("https://café.org", "café.org"),
        ("//x.org/a", "x.org"),
        ("https://[bad/", None),
        ("mailto:a@b.org", None),
        ("/rel", None),
        ("http://", None),
    ],
)
def test_domain_of(url: str, domain: Optional[str]) -> None:
    assert domain_of(url) == domain


def test_domain_of_bare_www_is_none() -> None:
    # "https://www." has no name left once "www." is dropped: nothing to show.
    assert domain_of("https://www.") is None


_CONTROL_REFERENCE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x7F)) | st.text())
def test_fast_paths_match_their_reference(value: str) -> None:
    assert strip_control(value) == _CONTROL_REFERENCE.sub("", value)
    assert fold_whitespace(value) == " ".join(value.split())


_PROSE = st.text(
    alphabet=st.sampled_from(list("ab .,;:!?'\"()-#>+*_`\\[]<>{}&~=^1\n\t\r\x00\ue000"))
)


@settings(max_examples=1000, deadline=None)
@given(_PROSE | st.text())
def test_plain_prose_shortcut_matches_the_full_conversion(value: str) -> None:
    # markdown_to_text skips its passes for text without markup; the result must not change.
    assert markdown_to_text(value) == _markup_to_text(strip_control(value))
