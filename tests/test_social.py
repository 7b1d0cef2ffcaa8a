"""Social previews of entry pages (``social.py``): OpenGraph, Twitter card, ``article:``
metadata and JSON-LD in the ``<head>``, absolute URLs from ``site_url``, nothing on pages
that are not entries, no duplicates of tags the head already has, and the ``image`` key
checked like ``hero``.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from bs4 import BeautifulSoup
from conftest import Built, SiteFactory

from mkdocs_fieldnotes.social import Present, material_cards, script_json

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)

ENTRY = """\
---
title: Reading notes
date: 2025-12-14
lastmod: 2025-12-20
summary: The summary.
description: The description.
tags: [LLMs, Search]
author: [Ann, Bob]
image: /assets/card.png
---

### Attention Is All You Need (Vaswani et al.) — Architecture
Link: https://arxiv.org/abs/1706.03762

Date commented: 2025-12-14

The commentary.

### A second card on the same paper
Link: https://arxiv.org/abs/1706.03762

Date commented: 2025-12-15

More.
"""

FILES: dict[str, Any] = {
    "index.md": "# Home\n\nNot an entry.\n",
    "notes/reading.md": ENTRY,
    "assets/card.png": PNG,
}


def meta(soup: BeautifulSoup) -> dict[str, list[str]]:
    """The ``<meta>`` of the head by ``property`` or ``name`` (each in order)."""
    found: dict[str, list[str]] = {}
    for tag in soup.head.find_all("meta"):
        key = tag.get("property") or tag.get("name")
        if key and str(key).startswith(("og:", "twitter:", "article:")):
            found.setdefault(str(key), []).append(str(tag["content"]))
    return found


def json_ld(soup: BeautifulSoup) -> list[Any]:
    return [json.loads(s.string) for s in soup.head.select('script[type="application/ld+json"]')]


def test_script_json_cannot_end_its_element() -> None:
    text = script_json({"headline": "</script><script>alert(1)</script> & <!--"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(str(text)) == {"headline": "</script><script>alert(1)</script> & <!--"}


def test_present_reads_the_head_only() -> None:
    page = '<html><head><meta property="og:title" content="x"></head><body>'
    assert Present.of(page) == Present(opengraph=True)
    body = '<html><head></head><body><meta property="article:tag"> application/ld+json'
    assert Present.of(body) == Present()


class _Plugin:
    def __init__(self, **config: Any) -> None:
        self.config = config


def test_material_social_is_detected_by_its_config() -> None:
    assert material_cards({"material/social": _Plugin(enabled=True, cards=True)})
    assert material_cards({"social": _Plugin()})
    assert not material_cards({"material/social": _Plugin(enabled=False)})
    assert not material_cards({"material/social": _Plugin(cards=False)})
    assert not material_cards({"search": _Plugin()})


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    factory = SiteFactory(tmp_path_factory.mktemp("social"))
    result = factory(FILES, {"site_url": "https://example.org/notes/"})
    assert result.unclaimed == [] and not result.aborted, result.warnings
    return result


def test_entry_pages_have_opengraph_twitter_and_article_tags(built: Built) -> None:
    soup = built.page("notes/reading/index.html")
    assert meta(soup) == {
        "og:type": ["article"],
        "og:title": ["Reading notes"],
        "og:description": ["The description."],
        "og:url": ["https://example.org/notes/notes/reading/"],
        "og:image": ["https://example.org/notes/assets/card.png"],
        "og:site_name": ["Test site"],
        "twitter:card": ["summary_large_image"],
        "twitter:title": ["Reading notes"],
        "twitter:description": ["The description."],
        "twitter:image": ["https://example.org/notes/assets/card.png"],
        "article:published_time": ["2025-12-14"],
        "article:modified_time": ["2025-12-20"],
        "article:tag": ["LLMs", "Search"],
    }
    # Inside <head>, once each, before the page's own scripts are closed off.
    assert len(soup.find_all("meta", property="og:title")) == 1


def test_json_ld_describes_the_entry_and_cites_its_resources(built: Built) -> None:
    (article,) = json_ld(built.page("notes/reading/index.html"))
    assert article == {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": "Reading notes",
        "description": "The description.",
        "url": "https://example.org/notes/notes/reading/",
        "mainEntityOfPage": "https://example.org/notes/notes/reading/",
        "image": "https://example.org/notes/assets/card.png",
        "datePublished": "2025-12-14",
        "dateModified": "2025-12-20",
        "author": [{"@type": "Person", "name": "Ann"}, {"@type": "Person", "name": "Bob"}],
        "keywords": ["LLMs", "Search"],
        "citation": [  # once per URL
            {
                "@type": "CreativeWork",
                "name": "Attention Is All You Need",
                "url": "https://arxiv.org/abs/1706.03762",
            }
        ],
        "isPartOf": {"@type": "WebSite", "name": "Test site", "url": "https://example.org/notes/"},
    }


def test_pages_that_are_not_entries_get_nothing(built: Built) -> None:
    soup = built.page("index.html")
    assert meta(soup) == {}
    assert json_ld(soup) == []
    for listing in ("tags/llms/index.html", "timeline/index.html"):
        assert meta(built.page(listing)) == {}


def test_without_site_url_no_relative_address_is_written(build_site: SiteFactory) -> None:
    built = build_site(FILES)
    soup = built.page("notes/reading/index.html")
    found = meta(soup)
    assert "og:url" not in found and "og:image" not in found and "twitter:image" not in found
    assert found["og:title"] == ["Reading notes"]
    assert found["twitter:card"] == ["summary"]
    (article,) = json_ld(soup)
    assert "url" not in article and "image" not in article
    assert article["isPartOf"] == {"@type": "WebSite", "name": "Test site"}


def test_social_meta_never(build_site: SiteFactory) -> None:
    built = build_site(FILES, {"site_url": "https://example.org/"}, plugin={"social_meta": "never"})
    soup = built.page("notes/reading/index.html")
    assert meta(soup) == {}
    assert json_ld(soup) == []


def test_tags_the_head_already_has_are_not_written_again(
    build_site: SiteFactory, tmp_path: Any
) -> None:
    # A theme override that writes its own OpenGraph tags, as Material's social plugin does:
    # `auto` adds only what is missing (article: tags and JSON-LD).
    overrides = tmp_path / "overrides"
    overrides.mkdir()
    (overrides / "main.html").write_text(
        '{% extends "base.html" %}\n{% block extrahead %}'
        '<meta property="og:title" content="{{ page.title }}">{% endblock %}\n',
        "utf-8",
    )
    theme = {"name": "material", "custom_dir": str(overrides)}
    config = {"site_url": "https://example.org/"}
    built = build_site(FILES, config, theme=theme)
    soup = built.page("notes/reading/index.html")
    found = meta(soup)
    assert found["og:title"] == ["Reading notes"]  # the theme's, alone
    assert "twitter:card" not in found and "og:image" not in found
    assert found["article:tag"] == ["LLMs", "Search"]
    assert len(json_ld(soup)) == 1
    always = build_site(FILES, config, theme=theme, plugin={"social_meta": "always"})
    assert meta(always.page("notes/reading/index.html"))["og:title"] == ["Reading notes"] * 2


def test_a_title_cannot_break_out_of_the_json_ld(build_site: SiteFactory) -> None:
    hostile = ENTRY.replace(
        "title: Reading notes", "title: \"</script><script>alert('x')</script>\""
    ).replace("image: /assets/card.png\n", "")
    built = build_site({"index.md": "# Home\n", "notes/reading.md": hostile})
    soup = built.page("notes/reading/index.html")
    scripts = soup.find_all("script")
    assert not [s for s in scripts if "alert(" in (s.string or "") and s.get("type") is None]
    (article,) = json_ld(soup)
    assert article["headline"] == "</script><script>alert('x')</script>"
    assert meta(soup)["og:title"] == ["</script><script>alert('x')</script>"]


def test_a_missing_image_is_reported_and_the_hero_used(build_site: SiteFactory) -> None:
    text = ENTRY.replace("image: /assets/card.png", "image: missing.png\nhero: /assets/card.png")
    built = build_site({**FILES, "notes/reading.md": text}, {"site_url": "https://example.org/"})
    built.expect_plugin_warning(
        "notes/reading.md: front matter key 'image': the image 'missing.png' is not in "
        "docs_dir; no preview image is used. Add the file or fix the path (a leading / starts "
        "at docs_dir)."
    )
    found = meta(built.page("notes/reading/index.html"))
    assert found["og:image"] == ["https://example.org/assets/card.png"]


def test_an_image_address_that_is_not_allowed_is_reported(build_site: SiteFactory) -> None:
    text = ENTRY.replace("image: /assets/card.png", "image: javascript:alert(1)")
    built = build_site({**FILES, "notes/reading.md": text}, {"site_url": "https://example.org/"})
    built.expect_plugin_warning(
        "notes/reading.md: front matter key 'image': 'javascript:alert(1)' is not an allowed "
        "image address; no preview image is used. Use an https:// URL or a path to an image in "
        "docs_dir."
    )
    assert "og:image" not in meta(built.page("notes/reading/index.html"))
