"""URL checks: the allow-list of schemes for live links."""

from __future__ import annotations

import re
from typing import Optional
from urllib.parse import urlsplit

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]")


def url_scheme(url: str) -> Optional[str]:
    """The lower-cased scheme of ``url`` as a browser would read it, or ``None`` if relative.

    Browsers ignore ASCII whitespace and control characters inside a scheme
    (``java\\tscript:``), so they are removed before looking.
    """
    match = _SCHEME.match(_INVISIBLE.sub("", url))
    return match.group(1).lower() if match else None


def is_allowed(url: str, schemes: tuple[str, ...]) -> bool:
    """Whether ``url`` is absolute with one of ``schemes`` and has a host."""
    scheme = url_scheme(url)
    if scheme is None or scheme not in schemes:
        return False
    if scheme in ("http", "https"):
        return domain_of(url) is not None
    return True


def domain_of(url: str) -> Optional[str]:
    """Host name of ``url`` without ``www.``; ``None`` when there is none."""
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if host and host.startswith("www."):
        host = host[4:]
    return host or None
