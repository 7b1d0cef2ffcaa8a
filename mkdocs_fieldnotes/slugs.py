"""The one slug rule for card ids, tags, series and categories.

Rule: Unicode NFKC, case-folded; every run of characters that are not letters, combining
marks or digits becomes a single ``-``; leading/trailing ``-`` are dropped. Letters of every script
stay (``Café`` → ``café``, ``機械学習`` → ``機械学習``). A name with no letter or digit (only
emoji or punctuation) gets ``x-`` and 8 hex digits of its SHA-1, so every name has a slug.
Slugs never contain ``/``, ``\\``, ``.`` or ``..``, so they are safe as path segments.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable

_DASHES = re.compile(r"-{2,}")
_ASCII_OTHER = re.compile(r"[^a-z0-9]+")
MAX_LENGTH = 80


def _digest(name: str, length: int = 8) -> str:
    return hashlib.sha1(name.encode("utf-8", "surrogatepass")).hexdigest()[:length]


def slugify(name: str) -> str:
    """Slug of ``name`` following the module's rule (never empty)."""
    if name.isascii():  # the same rule, without a Python call per character
        slug = _ASCII_OTHER.sub("-", name.lower()).strip("-")
    else:
        text = unicodedata.normalize("NFKC", name).casefold()
        # Letters, combining marks (Devanagari vowel signs, Arabic harakat) and digits stay.
        kept = "".join(c if unicodedata.category(c)[0] in "LMN" else "-" for c in text)
        slug = _DASHES.sub("-", kept).strip("-")
    if len(slug) > MAX_LENGTH:
        slug = slug[:MAX_LENGTH].rstrip("-") + "-" + _digest(name, 6)
    return slug or f"x-{_digest(name)}"


def unique_slugs(names: Iterable[str]) -> dict[str, str]:
    """Map each distinct name to a slug that no other name in ``names`` has.

    Names are taken in sorted order; the first name of a colliding group keeps the plain
    slug, the others get ``-`` and 6 hex digits of their own SHA-1, which does not depend
    on how many other names collide.
    """
    result: dict[str, str] = {}
    taken: set[str] = set()
    for name in sorted(set(names), key=lambda n: (n.casefold(), n)):
        slug = slugify(name)
        if slug in taken:
            slug = f"{slug}-{_digest(name, 6)}"
            n = 2
            while slug in taken:  # astronomically unlikely hash collision
                slug = f"{slugify(name)}-{_digest(name, 6)}-{n}"
                n += 1
        taken.add(slug)
        result[name] = slug
    return result


def unique_in_page(base: str, taken: set[str]) -> str:
    """``base``, or ``base-2``, ``base-3``… whichever is not in ``taken``; adds it to ``taken``."""
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate
