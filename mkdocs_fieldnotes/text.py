"""Markdown → plain text for excerpts and the JSON export (no Markdown rendering)."""

from __future__ import annotations

import html
import re

_CODE = re.compile(r"(`+)(.+?)\1", re.S)
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_|~~|==|\^\^)(?=\S)(.+?)(?<=\S)\1", re.S)
_ATTR_LIST = re.compile(r"\{:?[^}]*\}\s*$")
_SPACE = re.compile(r"[ \t\r\f\v]+")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)]?\s+(?=[A-Z0-9\"“‘(\[¿¡]|\S)")
# C0 controls (but tab and newline), DEL, and the bidi embedding/override/isolate controls
# that can make text display in a misleading order ("Trojan Source").
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


def strip_control(value: str) -> str:
    """Remove control characters (keeping tab and newline) and bidi override controls."""
    return _CONTROL.sub("", value)


def markdown_to_text(markdown: str) -> str:
    """Return the readable text of a Markdown paragraph: markup removed, whitespace folded."""
    text = strip_control(markdown)
    text = _CODE.sub(lambda m: m.group(2).strip(), text)
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _REF_LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _TAG.sub("", text)
    for _ in range(3):  # nested emphasis such as ***x***
        text = _EMPHASIS.sub(r"\2", text)
    text = _ATTR_LIST.sub("", text)
    text = text.replace("\\", "") if "\\" in text else text
    text = html.unescape(text)
    return _SPACE.sub(" ", text.replace("\n", " ")).strip()


def first_sentence(text: str, limit: int = 280) -> str:
    """First sentence of ``text`` (at most ``limit`` characters, cut at a word with "…")."""
    paragraph = text.split("\n\n", 1)[0].strip()
    match = _SENTENCE_END.search(paragraph)
    sentence = paragraph[: match.start()].strip() if match else paragraph
    if len(sentence) > limit:
        cut = sentence[:limit].rsplit(" ", 1)[0].rstrip(",;:")
        sentence = cut + "…"
    return sentence
