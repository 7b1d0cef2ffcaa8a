"""The cards as a standalone Python-Markdown extension (``extension.py``).

Plain Python-Markdown and MkDocs without the plugin: the extension's HTML is the plugin's HTML
for the same Markdown, its warnings are the parser's texts (with the line in the text it was
given, since neither host names the page), its options are the plugin's, checked by the same
rules. With the plugin active, a listed extension does nothing. Zensical, which names the
page, is in ``test_zensical.py``.
"""

from __future__ import annotations

import logging
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from conftest import Built, SiteFactory, main_content, plugin_message
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError

from mkdocs_fieldnotes.extension import EXTENSION_OPTIONS, FieldnotesCardsExtension

BODY = """\
# Reading notes

Intro paragraph.

### Attention Is All You Need (Vaswani et al.) — transformers
Link: https://arxiv.org/abs/1706.03762

Date commented: 14 Dec 2025

The paper that started it, with *emphasis* and `code`.

Possible links I may attach in the future: the annotated transformer

### A <b>bold</b> & sharp card
**Link:** <https://example.org/x?a=1&b=2>

**Date commented:** 2018-02

Short note.

!!! note "In an admonition"

    ### Nested card
    Link: https://nested.example.com/

    Date commented: 2025-01-02

    Inside.
"""

ENTRY = "---\ntitle: Reading notes\ntags: [ml]\n---\n\n" + BODY
EXTENSIONS = ["toc", "attr_list", "admonition"]


def convert(text: str, *extensions: object, **configs: object) -> str:
    """``text`` through Python-Markdown with ``EXTENSIONS`` and ``extensions``."""
    names = [*EXTENSIONS, *extensions]
    config = {str(extensions[0]): configs} if configs and extensions else {}
    return markdown.Markdown(extensions=names, extension_configs=config).convert(text)


def cards(html: str) -> list[BeautifulSoup]:
    return BeautifulSoup(html, "html.parser").select("article.fieldnotes-card")


@pytest.fixture
def warnings(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.WARNING, logger="mkdocs")
    return caplog


def messages(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


# -- plain Python-Markdown ------------------------------------------------------------------


@pytest.mark.parametrize("name", ["fieldnotes", "mkdocs_fieldnotes.extension"])
def test_both_names_load_the_extension(name: str, warnings: pytest.LogCaptureFixture) -> None:
    """The entry point (``markdown.extensions`` group) and the module path (makeExtension)."""
    html = convert(BODY, name)
    found = cards(html)
    assert [a["data-card-id"] for a in found] == [
        "attention-is-all-you-need",
        "a-bold-sharp-card",
        "nested-card",
    ]
    first = found[0]
    assert first.h3["id"] == "attention-is-all-you-need"
    assert first.h3.get_text() == "Attention Is All You Need"
    link = first.select_one("a.fieldnotes-card__link")
    assert (link["href"], link.get_text()) == ("https://arxiv.org/abs/1706.03762", "arxiv.org")
    time = first.select_one("time.fieldnotes-card__date")
    assert (time["datetime"], time.get_text()) == ("2025-12-14", "Dec 14, 2025")
    assert first.select_one(".fieldnotes-card__source").get_text() == "Vaswani et al."
    assert first.select_one(".fieldnotes-card__topic").get_text() == "transformers"
    assert first.select_one("footer.fieldnotes-card__future").get_text() == (
        "the annotated transformer"
    )
    assert "Link:" not in first.get_text() and "Date commented" not in first.get_text()
    # The nested card is inside the admonition, as with the plugin.
    assert found[2].find_parent("div", class_="admonition") is not None
    assert messages(warnings) == []


def test_user_text_is_escaped_once() -> None:
    """A heading's HTML is the author's Markdown (kept as Python-Markdown makes it); values
    from the file that the templates print (the link) are escaped by autoescape."""
    html = convert(BODY, "fieldnotes")
    second = cards(html)[1]
    assert second.select_one("a.fieldnotes-card__link")["href"] == "https://example.org/x?a=1&b=2"
    assert 'href="https://example.org/x?a=1&amp;b=2"' in html
    time = second.select_one("time.fieldnotes-card__date")
    assert (time["datetime"], time.get_text()) == ("2018-02", "Feb 2018")


@pytest.fixture(scope="module")
def plugin_build(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The entry built by MkDocs with the plugin (the extension not listed), shared by the
    read-only tests below."""
    factory = SiteFactory(tmp_path_factory.mktemp("plugin"))
    built = factory({"notes/reading.md": ENTRY}, {"markdown_extensions": EXTENSIONS})
    assert built.unclaimed == [], "the shared site must build without any warning"
    assert not built.aborted
    return built


def test_html_equals_the_plugins_cards(plugin_build: Built) -> None:
    """Same Markdown, same card HTML: the plugin's build and the extension alone."""
    built = plugin_build
    plugin_cards = main_content(built.page("notes/reading/")).select("article.fieldnotes-card")
    extension_cards = cards(convert(BODY, "fieldnotes"))
    assert len(plugin_cards) == 3
    assert [str(a) for a in extension_cards] == [str(a) for a in plugin_cards]


def test_a_page_that_is_not_an_entry_is_left_alone(warnings: pytest.LogCaptureFixture) -> None:
    """The entry rule holds: a how-to with ``Link: see below`` is not field notes."""
    howto = "# Install\n\n### Download\nLink: see below\n\nRun the installer.\n"
    assert convert(howto, "fieldnotes") == convert(howto)
    assert messages(warnings) == []


def test_warnings_give_the_line_in_the_text(warnings: pytest.LogCaptureFixture) -> None:
    """Python-Markdown names no file: the line is the line of the text converted."""
    text = "# Notes\n\n### Bad card\nLink: ftp://example.org/x\n\nDate commented: 31 Feb 2025\n"
    html = convert(text, "fieldnotes")
    assert len(cards(html)) == 1
    assert messages(warnings) == [
        plugin_message(
            "line 4: card 'Bad card': the link 'ftp://example.org/x' uses the scheme 'ftp:', "
            "which is not allowed; it is shown as text, not as a link. Allowed: http:, https:"
        ),
        plugin_message(
            "line 6: card 'Bad card': cannot read the date commented: '31 Feb 2025' is not a "
            "real date (day is out of range for month); the card is shown as undated. Write "
            "the date as YYYY-MM-DD (2025-12-14), 14 Dec 2025, or a month: 2025-12."
        ),
    ]
    assert all(r.name.startswith("mkdocs.plugins.") for r in warnings.records)


def test_front_matter_in_the_text_is_read(warnings: pytest.LogCaptureFixture) -> None:
    """Text handed over with its front matter (plain Python-Markdown): lines count from the
    file's first line, and ``fieldnotes: true`` makes an entry of a page."""
    body = "### Setup\nLink: see below\n\nText.\n"
    assert cards(convert(body, "fieldnotes")) == []  # not field notes by its cards alone
    html = convert("---\nfieldnotes: true\n---\n\n" + body, "fieldnotes")
    assert [a["data-card-id"] for a in cards(html)] == ["setup"]
    assert messages(warnings) == [
        plugin_message(
            "line 6: card 'Setup': the Link: line has no URL; the card is shown without a "
            "link. Write e.g. Link: https://example.org/paper"
        )
    ]


def test_card_in_raw_html_is_reported(warnings: pytest.LogCaptureFixture) -> None:
    text = (
        "# Notes\n\n<div>\n### Hidden\nLink: https://example.org/\n</div>\n\n"
        "### Shown\nLink: https://example.org/shown\n"
    )
    html = convert(text, "fieldnotes")
    assert [a["data-card-id"] for a in cards(html)] == ["shown"]
    assert "\ue0f0" not in html  # the marker is taken out of the raw HTML
    assert messages(warnings) == [
        plugin_message(
            "line 4: card 'Hidden' is inside raw HTML (an HTML block without markdown=\"1\"), "
            "so it is not shown as a card and its Link: and Date commented: lines are left "
            'out. Add markdown="1" to the HTML element around it (with the md_in_html '
            "extension), or move the card out of it."
        )
    ]


def test_one_markdown_instance_converts_many_texts(warnings: pytest.LogCaptureFixture) -> None:
    """The way plain Python-Markdown is often used: one instance, ``reset()`` in between."""
    md = markdown.Markdown(extensions=[*EXTENSIONS, "fieldnotes"])
    first = md.convert(BODY)
    md.reset()
    plain = md.convert("# Just text\n\nNo cards here.\n")
    md.reset()
    again = md.convert(BODY)
    assert len(cards(first)) == 3 and cards(plain) == [] and again == first
    assert messages(warnings) == []


def test_cards_are_placed_in_one_pass_and_what_they_hold_is_filled_in() -> None:
    """Cards and the header go in through the extension's own placeholders, not Python-
    Markdown's stash (which would take two or three passes over every entry page); stashed
    HTML inside a card (raw HTML, a card in another's admonition) is filled in all the same."""
    plain = "### Plain card\nLink: https://a.example/\n\nDate commented: 2025-01-02\n\nText.\n"
    md = markdown.Markdown(extensions=[*EXTENSIONS, "fieldnotes"])
    html = md.convert(plain)
    assert len(cards(html)) == 1 and md.htmlStash.html_counter == 0
    md.reset()
    html = md.convert(BODY + '\n    <div class="raw">raw <i>HTML</i></div>\n')
    found = cards(html)
    assert [c.h3.get("id") for c in found] == [
        "attention-is-all-you-need",
        "a-bold-sharp-card",
        "nested-card",
    ]
    nested = found[1].select("article.fieldnotes-card")
    assert len(nested) == 1 and nested[0].select_one("div.raw i").get_text() == "HTML"
    assert "\x02" not in html and "\x03" not in html


# -- options --------------------------------------------------------------------------------


def test_options_are_the_plugins(warnings: pytest.LogCaptureFixture) -> None:
    text = (
        "# Notes\n\n## Une fiche\nLien : https://example.org/fr\n\n"
        "Commenté le : 14 décembre 2025\n\nTexte.\n\nÀ relier : plus tard\n\n"
        "## Gopher\nLien : gopher://example.org/\n"
    )
    html = convert(
        text,
        "fieldnotes",
        cards_heading_level=2,
        cards_link_labels=["Lien"],
        cards_date_labels=["Commenté le"],
        cards_future_labels=["À relier"],
        cards_link_schemes=["https", "gopher"],
        locale="fr",
        date_format="d MMMM y",
    )
    found = cards(html)
    assert [a["data-card-id"] for a in found] == ["une-fiche", "gopher"]
    assert found[0].select_one("time").get_text() == "14 décembre 2025"
    assert found[0].select_one("footer")["data-label"] == "À relier"
    assert found[1].select_one("a.fieldnotes-card__link")["href"] == "gopher://example.org/"
    assert messages(warnings) == []


def test_revisit_ages_off_takes_the_age_off_the_cards(warnings: pytest.LogCaptureFixture) -> None:
    text = "# Notes\n\n### Old\nLink: https://example.org/old\n\nDate commented: 2001-02-03\n"
    shown = cards(convert(text, "fieldnotes"))[0]
    assert shown.select_one(".fieldnotes-age__ago").get_text().endswith("years ago")
    hidden = cards(convert(text, "fieldnotes", revisit_ages=False))[0]
    assert hidden["class"] == ["fieldnotes-card"] and hidden.select(".fieldnotes-age") == []
    assert hidden.select_one("time")["datetime"] == "2001-02-03"
    assert messages(warnings) == []


def test_the_host_themes_language_is_the_default_locale() -> None:
    """Without a host that names a language (plain Python-Markdown), English."""
    html = convert(BODY, "fieldnotes")
    assert cards(html)[0].select_one(".fieldnotes-card__date")["data-label"] == "Commented"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            {"heading_level": 2},
            "fieldnotes extension: unknown option 'heading_level'. Its options are: locale, "
            "date_format, entries, cards_heading_level, cards_link_labels, cards_date_labels, "
            "cards_future_labels, cards_revisit_labels, cards_link_schemes, status_values, "
            "status_drafts, revisit_ages, revisit_aging_months, revisit_stale_months, "
            "revisit_exempt_statuses (the plugin's other options need the plugin).",
        ),
        (
            {"tags": False},
            "fieldnotes extension: unknown option 'tags'. Its options are: locale, "
            "date_format, entries, cards_heading_level, cards_link_labels, cards_date_labels, "
            "cards_future_labels, cards_revisit_labels, cards_link_schemes, status_values, "
            "status_drafts, revisit_ages, revisit_aging_months, revisit_stale_months, "
            "revisit_exempt_statuses (the plugin's other options need the plugin).",
        ),
    ],
)
def test_unknown_options_name_the_known_ones(options: dict[str, object], message: str) -> None:
    with pytest.raises(PluginError) as raised:
        FieldnotesCardsExtension(**options)
    assert str(raised.value) == message


def test_bad_values_are_refused_by_the_plugins_rules() -> None:
    with pytest.raises(PluginError) as raised:
        FieldnotesCardsExtension(cards_heading_level=9)
    assert "fieldnotes extension:" in str(raised.value)
    assert "'cards_heading_level'" in str(raised.value)
    with pytest.raises(PluginError) as typed:
        FieldnotesCardsExtension(cards_link_labels="Link")
    assert str(typed.value).startswith("fieldnotes extension: option 'cards_link_labels': ")


def test_every_option_has_the_plugins_default() -> None:
    extension = FieldnotesCardsExtension()
    assert set(extension.config) == set(EXTENSION_OPTIONS)
    assert extension.getConfig("cards_heading_level") == 3
    assert extension.getConfig("cards_link_labels") == ["Link"]
    assert extension.getConfig("locale") is None
    assert all(description for _, description in extension.config.values())


# -- MkDocs ---------------------------------------------------------------------------------


def test_mkdocs_without_the_plugin_renders_cards_and_strict_counts_warnings(
    build_site: SiteFactory,
) -> None:
    built = build_site(
        {"index.md": "# Home\n", "notes/reading.md": ENTRY.replace("14 Dec 2025", "Dec 41")},
        {"markdown_extensions": [*EXTENSIONS, "fieldnotes"], "plugins": ["search"]},
    )
    page = main_content(built.page("notes/reading/"))
    assert [a["data-card-id"] for a in page.select("article.fieldnotes-card")] == [
        "attention-is-all-you-need",
        "a-bold-sharp-card",
        "nested-card",
    ]
    # MkDocs took the front matter out and names no page: the line is in the Markdown.
    built.expect_plugin_warning(
        "line 8: card 'Attention Is All You Need': cannot read the date commented: 'Dec 41' "
        "is not a date this plugin can read; the card is shown as undated. Write the date as YYYY-MM-DD "
        "(2025-12-14), 14 Dec 2025, or a month: 2025-12."
    )
    assert built.aborted  # a plugin-namespace logger: --strict counts it
    assert not built.exists("fieldnotes.json") and not built.exists("tags/index.html")


@pytest.mark.parametrize("name", ["fieldnotes", "mkdocs_fieldnotes.extension"])
def test_with_the_plugin_active_the_listed_extension_does_nothing(
    build_site: SiteFactory, plugin_build: Built, name: str
) -> None:
    """One mkdocs.yml for MkDocs (plugin) and Zensical (extension): no double rendering."""
    alone = plugin_build
    both = build_site({"notes/reading.md": ENTRY}, {"markdown_extensions": [*EXTENSIONS, name]})
    expected = main_content(alone.page("notes/reading/"))
    page = main_content(both.page("notes/reading/"))
    ids = [a["data-card-id"] for a in page.select("article.fieldnotes-card")]
    assert ids == ["attention-is-all-you-need", "a-bold-sharp-card", "nested-card"]
    assert len(page.select("h3.fieldnotes-card__title, [id=attention-is-all-you-need]")) == 1
    assert str(page) == str(expected)
    assert both.export() == alone.export()


def test_a_disabled_plugin_leaves_the_cards_to_the_extension(build_site: SiteFactory) -> None:
    built = build_site(
        {"notes/reading.md": ENTRY},
        {"markdown_extensions": [*EXTENSIONS, "fieldnotes"]},
        plugin={"enabled": False},
    )
    page = main_content(built.page("notes/reading/"))
    assert len(page.select("article.fieldnotes-card")) == 3
    assert not built.exists("fieldnotes.json")


def test_mkdocs_reports_bad_extension_options(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "docs").mkdir()
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: S\nmarkdown_extensions:\n  - fieldnotes:\n      cards_heading_level: 0\n",
        "utf-8",
    )
    with pytest.raises(Abort):
        load_config(str(config))
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 1
    assert errors[0].startswith(
        "Config value 'markdown_extensions': Failed to load extension 'fieldnotes'."
    )
    assert errors[0].endswith(
        "PluginError: fieldnotes extension: 'cards_heading_level' must be between 1 and 6, got 0."
    )


def test_options_that_differ_between_plugin_and_extension_are_reported(
    build_site: SiteFactory,
) -> None:
    """One mkdocs.yml for MkDocs and Zensical: different card options give different sites."""
    built = build_site(
        {"notes/reading.md": ENTRY},
        {
            "markdown_extensions": [
                *EXTENSIONS,
                {"mkdocs_fieldnotes.extension": {"cards_link_labels": ["Link", "URL"]}},
            ]
        },
        plugin={"locale": "fr"},
    )
    built.expect_plugin_warning(
        "the 'mkdocs_fieldnotes.extension' Markdown extension sets 'locale' to None and the "
        "plugin to 'fr'. MkDocs uses the plugin's value, Zensical the extension's, so the two "
        "sites differ: give both the same value."
    )
    built.expect_plugin_warning(
        "the 'mkdocs_fieldnotes.extension' Markdown extension sets 'cards_link_labels' to "
        "['Link', 'URL'] and the plugin to ['Link']. MkDocs uses the plugin's value, Zensical "
        "the extension's, so the two sites differ: give both the same value."
    )
    assert built.aborted
    same = build_site(
        {"notes/reading.md": ENTRY},
        {"markdown_extensions": [*EXTENSIONS, {"fieldnotes": {"locale": "fr"}}]},
        plugin={"locale": "fr"},
    )
    assert not same.aborted and same.warnings == []


def test_turning_the_plugin_off_leaves_nothing_of_the_last_build(build_site: SiteFactory) -> None:
    """MkDocs keeps a plugin with on_startup across builds in one process (as in serve)."""
    on = build_site({"notes/reading.md": ENTRY}, {"markdown_extensions": EXTENSIONS})
    off = build_site(
        {"notes/reading.md": ENTRY}, {"markdown_extensions": EXTENSIONS}, plugin={"enabled": False}
    )
    assert len(main_content(on.page("notes/reading/")).select("article.fieldnotes-card")) == 3
    page = main_content(off.page("notes/reading/"))
    assert page.select("article") == []
    assert "\ue0f0" not in str(page) and "Link:" in page.get_text()
