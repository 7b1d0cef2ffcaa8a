"""Markdown → plain text for excerpts and the JSON export (no Markdown rendering)."""

from __future__ import annotations

import html
import re
import unicodedata

_CODE = re.compile(r"(`+)(.+?)\1", re.S)
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_IMAGE = re.compile(r"!\[([^\]]*)\]\((?:[^()]|\([^)]*\))*\)")
_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_STAR_EMPHASIS = re.compile(r"(\*\*|\*|~~|==|\^\^)(?=\S)(.+?)(?<=\S)\1", re.S)
# Underscores only emphasize at word boundaries: snake_case_name stays as written.
_UNDERSCORE_EMPHASIS = re.compile(r"(?<![\w\\])(__|_)(?=\S)(.+?)(?<=\S)\1(?!\w)", re.S)
_BLOCK_MARK = re.compile(r"^[ \t]{0,3}(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d{1,9}[.)][ \t]+)", re.M)
_BLOCK_STARTS = frozenset("#>-*+0123456789")
_LINE_BLOCK = re.compile(r"\n[ \t]{0,3}[#>*+\d-]")
# The characters a pass of _markup_to_text acts on (code, escapes, links, tags, emphasis,
# attribute lists, entities); its placeholders \ue000/\ue001 are not ASCII.
_MARKUP_BYTES = b"`\\[<*~=^_{&"
_ATTR_LIST = re.compile(r"\{:?[^}]*\}\s*$")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*(?=\s+)|[。！？]")
_OPENERS = '"“‘([¿¡«'
# C0 controls (but tab and newline), DEL, and the bidi embedding/override/isolate controls
# that can make text display in a misleading order ("Trojan Source").
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
# Placeholders for protected text (code spans, escaped characters) while markup is removed.
_HOLD = "\ue000{}\ue001"
_HELD = re.compile("\ue000(\\d+)\ue001")


_ASCII_CONTROLS = bytes([*range(0, 9), 11, 12, *range(14, 32), 127])


def strip_control(value: str) -> str:
    """Remove control characters (keeping tab and newline) and bidi override controls."""
    if value.isascii():  # the same removal as _CONTROL, at the speed of bytes.translate
        data = value.encode("ascii")
        kept = data.translate(None, _ASCII_CONTROLS)
        return value if len(kept) == len(data) else kept.decode("ascii")
    return _CONTROL.sub("", value)


BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800\u034f")
"""Characters that show nothing although Unicode counts them as printable: the Hangul and
Braille fillers and the combining grapheme joiner (format characters, such as zero-width
spaces and bidi marks, are found by their category)."""

# ...and the variation selectors, invisible alone (after an emoji, they choose its style).
_BLANK = BLANK_LETTERS.union(map(chr, [*range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0)]))


def only_invisible(text: str) -> bool:
    """Whether ``text`` shows nothing: it is empty or made only of whitespace, control and
    format characters (zero-width spaces and joiners, bidi marks) and blank fillers."""
    return all(
        char.isspace() or char in _BLANK or unicodedata.category(char) in ("Cc", "Cf")
        for char in text
    )


def fold_whitespace(text: str) -> str:
    """``" ".join(text.split())``: runs of whitespace become one space, ends are trimmed."""
    if text.isascii():  # common case: once lines are joined, nothing is left to fold
        joined = text.replace("\n", " ") if "\n" in text else text
        if "  " not in joined and joined.isprintable():  # no tab, CR or other control
            return joined.strip()
    return " ".join(text.split())


def markdown_to_text(markdown: str) -> str:
    """Return the readable text of Markdown: markup removed, whitespace folded.

    Code spans and backslash-escaped characters are kept as written; intraword
    underscores (``snake_case``) are not emphasis.
    """
    text = strip_control(markdown)
    if _is_plain(text):  # most commentary is prose: nothing for the passes below to do
        return fold_whitespace(text)
    return _markup_to_text(text)


def _is_plain(text: str) -> bool:
    """ASCII text without any character or line start that a pass of ``_markup_to_text``
    would act on (checked at the speed of ``bytes.translate``)."""
    if not text.isascii():
        return False
    data = text.encode("ascii")
    if len(data.translate(None, _MARKUP_BYTES)) != len(data):
        return False
    if text.lstrip(" \t")[:1] in _BLOCK_STARTS:
        return False
    return "\n" not in text or not _LINE_BLOCK.search(text)


def _markup_to_text(text: str) -> str:
    text = text.replace("\ue000", "").replace("\ue001", "")
    held: list[str] = []

    def hold(value: str) -> str:
        held.append(value)
        return _HOLD.format(len(held) - 1)

    # Each pass runs only when its marker character is present: most commentary has little
    # markup, and this runs for every paragraph of every card.
    if "`" in text:
        text = _CODE.sub(lambda m: hold(m.group(2).strip()), text)
    if "\\" in text:
        text = _ESCAPE.sub(lambda m: hold(m.group(1)), text)
    if text.lstrip(" \t")[:1] in _BLOCK_STARTS or ("\n" in text and _LINE_BLOCK.search(text)):
        text = _BLOCK_MARK.sub("", text)
    if "[" in text:
        text = _IMAGE.sub(r"\1", text)
        text = _LINK.sub(r"\1", text)
        text = _REF_LINK.sub(r"\1", text)
    if "<" in text:
        text = _AUTOLINK.sub(r"\1", text)
        text = _TAG.sub("", text)
    for _ in range(3):  # nested emphasis such as ***x***
        before = text
        if "*" in text or "~~" in text or "==" in text or "^^" in text:
            text = _STAR_EMPHASIS.sub(r"\2", text)
        if "_" in text:
            text = _UNDERSCORE_EMPHASIS.sub(r"\2", text)
        if text == before:
            break
    if "{" in text:
        text = _ATTR_LIST.sub("", text)
    if "&" in text:
        text = html.unescape(text)
    if held:
        text = _HELD.sub(lambda m: held[int(m.group(1))], text)
    return fold_whitespace(text)


def first_sentence(text: str, limit: int = 280) -> str:
    """First sentence of ``text``: at most ``limit`` characters, cut at a word with "…".

    A sentence ends at ``.``, ``!``, ``?`` or ``…`` (with any closing quote or bracket)
    followed by a space and a capital letter, a digit or an opening quote; or at a CJK
    full stop. "e.g. this" does not end a sentence.
    """
    paragraph = text.split("\n\n", 1)[0].strip()
    sentence = paragraph
    for match in _SENTENCE_END.finditer(paragraph):
        rest = paragraph[match.end() :].lstrip()
        if match.group(0)[0] in "。！？" or not rest:
            sentence = paragraph[: match.end()]
            break
        if rest[0].isupper() or rest[0].isdigit() or rest[0] in _OPENERS:
            sentence = paragraph[: match.end()]
            break
    sentence = sentence.strip()
    if len(sentence) > limit:
        cut = sentence[: limit - 1]
        if " " in cut:
            cut = cut.rsplit(" ", 1)[0]
        sentence = cut.rstrip(",;: ") + "…"
    return sentence
