"""Real builds: the age of each card, ``Revisited:`` lines, the Revisit and Open threads pages,
and the reference date (``SOURCE_DATE_EPOCH``, pinned by ``conftest.py`` to 2026-01-15)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from conftest import (
    REFERENCE_EPOCH,
    Built,
    SiteFactory,
    follow,
    main_content,
    page_file,
    page_url,
    text_of,
    tree_digest,
)

FUTURE = "Possible links I may attach in the future"
DATE_HINT = "Write the date as YYYY-MM-DD (2025-12-14), 14 Dec 2025, or a month: 2025-12."
ON = {"revisit": True, "threads": True}  # conftest turns both off for the other test files

ALPHA = f"""\
---
title: Alpha <b>notes</b>
date: 2025-06-01
tags: [LLMs/Pre-training, Search]
---

### Old paper (Someone & Co) — scaling
Link: https://example.org/old

Date commented: 2024-03-02

Revisited: 2024-06-01

Old commentary.

**{FUTURE}:** a [follow-up](https://arxiv.org/abs/1); notes on <i>x</i> & y; [bad](javascript:alert(1)).

---

### Revisited paper
Link: https://example.org/rev

Date commented: 2023-01-05

**Revisited:** 30 Nov 2025

Revisited commentary.

{FUTURE}:

- first thread
- second <thread>

---

### Aging paper
Link: https://example.org/aging

Date commented: 2025-05-01

Aging commentary.
"""

BETA = """\
---
title: Beta <script>alert(1)</script>
date: 2025-12-20
---

### Fresh note
Link: https://example.org/fresh

Date commented: 2026-01-10

Fresh commentary.

### Stale & odd card
Link: https://example.org/odd

Date commented: 2024-12-01

Odd commentary.
"""

GAMMA = """\
---
title: Gamma
date: 2019-01-01
status: evergreen
tags: [Search]
---

### Evergreen card
Link: https://example.org/evergreen

Date commented: 2019-01-01

Kept up to date.
"""

DRAFT = f"""\
---
title: Draft
status: draft
---

### Draft card
Link: https://example.org/draft

Date commented: 2020-01-01

{FUTURE}: hidden thread
"""

GUIDE = """\
# Guide

### Install
Revisited: 2020-01-01

Run the installer.
"""


def site_files() -> dict[str, str | bytes]:
    return {
        "index.md": "# Home\n",
        "guide.md": GUIDE,
        "notes/alpha.md": ALPHA,
        "notes/beta.md": BETA,
        "notes/gamma.md": GAMMA,
        "notes/draft.md": DRAFT,
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, use_dirs: bool) -> Built:
    """One strict build per URL style, shared by the read-only tests of this module."""
    factory = SiteFactory(tmp_path_factory.mktemp("revisit"))
    result = factory(site_files(), plugin=ON, use_directory_urls=use_dirs)
    assert result.unclaimed == [], "the main site must build without any warning"
    assert not result.aborted
    return result


def cards_of(built: Built, src: str, use_dirs: bool) -> dict[str, Any]:
    page = main_content(built.page(page_file(src, use_dirs)))
    return {card["data-card-id"]: card for card in page.select("article.fieldnotes-card")}


# -- cards --------------------------------------------------------------------------------


def test_each_card_shows_its_age_and_state(built: Built, use_dirs: bool) -> None:
    cards = {
        **cards_of(built, "notes/alpha.md", use_dirs),
        **cards_of(built, "notes/beta.md", use_dirs),
    }
    cards.update(cards_of(built, "notes/gamma.md", use_dirs))
    seen = {}
    for card_id, card in cards.items():
        age = card.select_one(".fieldnotes-card__meta > .fieldnotes-age")
        badge = age.select_one(".fieldnotes-badge")
        seen[card_id] = (
            [c for c in card["class"] if c != "fieldnotes-card"],
            age["class"],
            text_of(age.select_one(".fieldnotes-age__ago")),
            text_of(badge) if badge else None,
        )
        assert age.select_one(".fieldnotes-age__ago")["title"] == "as of Jan 15, 2026"
    assert seen == {
        "old-paper": (
            ["fieldnotes-card--stale"],
            ["fieldnotes-age", "fieldnotes-age--stale"],
            "1 year ago",
            "Stale",
        ),
        "revisited-paper": ([], ["fieldnotes-age", "fieldnotes-age--fresh"], "1 month ago", None),
        "aging-paper": (
            ["fieldnotes-card--aging"],
            ["fieldnotes-age", "fieldnotes-age--aging"],
            "8 months ago",
            "Aging",
        ),
        "fresh-note": ([], ["fieldnotes-age", "fieldnotes-age--fresh"], "5 days ago", None),
        "stale-odd-card": (
            ["fieldnotes-card--stale"],
            ["fieldnotes-age", "fieldnotes-age--stale"],
            "1 year ago",
            "Stale",
        ),
        # evergreen: the age, never a badge
        "evergreen-card": ([], ["fieldnotes-age", "fieldnotes-age--exempt"], "7 years ago", None),
    }


def test_a_revisited_card_shows_both_dates_and_loses_its_line(built: Built, use_dirs: bool) -> None:
    card = cards_of(built, "notes/alpha.md", use_dirs)["revisited-paper"]
    meta = card.select_one(".fieldnotes-card__meta")
    commented, revisited = meta.select("time")
    assert (commented["class"], commented["datetime"], text_of(commented)) == (
        ["fieldnotes-card__date"],
        "2023-01-05",
        "Jan 5, 2023",
    )
    assert (revisited["class"], revisited["data-label"]) == (
        ["fieldnotes-card__revisited"],
        "Revisited",
    )
    assert (revisited["datetime"], text_of(revisited)) == ("2025-11-30", "Nov 30, 2025")
    assert "30 Nov 2025" not in text_of(card)  # the line as written is gone: data, not text
    assert [text_of(p) for p in card.select(":scope > p:not(.fieldnotes-card__meta)")] == [
        "Revisited commentary."
    ]
    # The list after the empty future-links label is the card's footer.
    footer = card.select_one("footer.fieldnotes-card__future")
    assert [text_of(li) for li in footer.select("ul > li")] == ["first thread", "second"]
    assert footer.select("p") == []


def test_the_future_links_footer_keeps_its_markdown(built: Built, use_dirs: bool) -> None:
    card = cards_of(built, "notes/alpha.md", use_dirs)["old-paper"]
    footer = card.select_one("footer.fieldnotes-card__future")
    assert text_of(footer) == "a follow-up; notes on x & y; bad."


def test_timeline_items_carry_age_and_revisit(built: Built, use_dirs: bool) -> None:
    timeline = main_content(built.page("timeline/"))
    items = {
        text_of(li.select_one(".fieldnotes-timeline__title")): li
        for li in timeline.select("li.fieldnotes-timeline__item")
    }
    assert items["Old paper"]["class"] == [
        "fieldnotes-timeline__item",
        "fieldnotes-timeline__item--stale",
    ]
    assert items["Aging paper"]["class"] == [
        "fieldnotes-timeline__item",
        "fieldnotes-timeline__item--aging",
    ]
    assert items["Fresh note"]["class"] == ["fieldnotes-timeline__item"]
    line = items["Revisited paper"].select_one(".fieldnotes-timeline__entry")
    assert text_of(line) == "in Alpha <b>notes</b> · Revisited Nov 30, 2025 · 1 month ago"
    assert line.select_one(".fieldnotes-timeline__revisited time")["datetime"] == "2025-11-30"
    assert text_of(items["Old paper"].select_one(".fieldnotes-timeline__entry")) == (
        "in Alpha <b>notes</b> · Revisited Jun 1, 2024 · 1 year ago Stale"
    )
    assert "Draft card" not in items


def test_a_page_that_is_not_an_entry_is_left_alone(built: Built, use_dirs: bool) -> None:
    page = main_content(built.page(page_file("guide.md", use_dirs)))
    assert page.select("[class*='fieldnotes']") == []
    assert "Revisited: 2020-01-01" in text_of(page)


# -- the Revisit page ---------------------------------------------------------------------


def test_revisit_page_lists_stale_cards_by_first_tag(built: Built, use_dirs: bool) -> None:
    page = main_content(built.page("revisit/"))
    assert text_of(page.h1) == "Revisit"
    assert text_of(page.select_one(".fieldnotes-revisit__summary")) == (
        "2 stale cards: not revisited for 12 months or more. Ages as of Jan 15, 2026."
    )
    groups = page.select("h2.fieldnotes-revisit__group")
    assert [text_of(h) for h in groups] == ["LLMs/Pre-training (1)", "Untagged (1)"]
    assert groups[0]["id"]  # headings get ids and permalinks like the page's own
    _, tag_page = follow(built, "revisit/index.html", groups[0].a["href"])
    assert text_of(main_content(tag_page).h1) == "Tag: LLMs/Pre-training"
    items = page.select("ol.fieldnotes-revisit > li")
    assert [text_of(li.select_one(".fieldnotes-revisit__title")) for li in items] == [
        "Old paper",
        "Stale & odd card",
    ]
    first = items[0]
    assert (
        text_of(first.select_one(".fieldnotes-revisit__head")) == "Old paper Someone & Co scaling"
    )
    assert text_of(first.select_one(".fieldnotes-revisit__meta")) == (
        "in Alpha <b>notes</b> Commented Mar 2, 2024 Revisited Jun 1, 2024 1 year ago Stale"
    )
    target, _ = follow(
        built, "revisit/index.html", first.select_one(".fieldnotes-revisit__title")["href"]
    )
    assert target == page_file("notes/alpha.md", use_dirs)
    second = items[1].select_one(".fieldnotes-revisit__meta")
    assert text_of(second.a) == "Beta <script>alert(1)</script>"  # escaped, shown as text
    assert second.find("script") is None
    follow(built, "revisit/index.html", items[1].select_one(".fieldnotes-revisit__title")["href"])


def test_threads_page_lists_every_thread_by_entry(built: Built, use_dirs: bool) -> None:
    page = main_content(built.page("threads/"))
    assert text_of(page.h1) == "Open threads"
    assert text_of(page.select_one(".fieldnotes-threads__summary")) == "5 threads · 1 entry"
    (heading,) = page.select("h2.fieldnotes-threads__entry")
    assert text_of(heading) == "Alpha <b>notes</b> (5)"
    follow(built, "threads/index.html", heading.a["href"])
    cards = page.select("p.fieldnotes-threads__card")
    assert [text_of(p) for p in cards] == ["Old paper Mar 2, 2024", "Revisited paper Jan 5, 2023"]
    for p in cards:
        path, _ = follow(built, "threads/index.html", p.a["href"])
        assert path == page_file("notes/alpha.md", use_dirs)
    lists = page.select("ul.fieldnotes-threads")
    assert [[text_of(li) for li in ul.select("li")] for ul in lists] == [
        ["a follow-up", "notes on x & y", "bad"],
        ["first thread", "second"],
    ]
    link = lists[0].select_one("a")
    assert (link["href"], link["rel"]) == (
        "https://arxiv.org/abs/1",
        ["noopener", "noreferrer", "external"],
    )
    assert len(lists[0].select("a")) == 1  # javascript: stays text
    assert "hidden thread" not in text_of(page)  # drafts are not published


def test_both_pages_have_one_nav_link_each_and_are_in_search(built: Built, use_dirs: bool) -> None:
    home = built.page("index.html")
    links = [text_of(a) for a in home.select("nav.md-nav--primary > ul > li > a")]
    assert links.count("Revisit") == 1
    assert links.count("Open threads") == 1
    assert links.index("Timeline") < links.index("Revisit") < links.index("Open threads")
    records = {r["location"]: r for r in built.search_index()["docs"]}
    for src, title in (("revisit/index.md", "Revisit"), ("threads/index.md", "Open threads")):
        assert records[page_url(src, use_dirs)]["title"] == title


def test_export_carries_revisits_states_and_threads(built: Built) -> None:
    data = built.export()
    assert data["as_of"] == "2026-01-15"
    cards = {c["id"]: c for e in data["entries"] for c in e["cards"]}
    assert {k: (c["revisited"], c["staleness"]) for k, c in cards.items()} == {
        "old-paper": ("2024-06-01", "stale"),
        "revisited-paper": ("2025-11-30", "fresh"),
        "aging-paper": (None, "aging"),
        "fresh-note": (None, "fresh"),
        "stale-odd-card": (None, "stale"),
        "evergreen-card": (None, "exempt"),
    }
    assert cards["old-paper"]["threads"] == [
        {"text": "a follow-up", "links": ["https://arxiv.org/abs/1"]},
        {"text": "notes on x & y", "links": []},
        {"text": "bad", "links": []},
    ]
    assert cards["revisited-paper"]["threads"] == [
        {"text": "first thread", "links": []},
        {"text": "second", "links": []},
    ]


# -- warnings -----------------------------------------------------------------------------

BAD_DATES = """\
---
title: Bad
---

### Bad revisit
Link: https://example.org/a

Date commented: 2025-01-02

Revisited: 31/02/2025

### Backwards
Date commented: 2025-05-02

Revisited: March 2024
"""


def test_bad_revisit_dates_are_reported_with_file_and_line(build_site: SiteFactory) -> None:
    built = build_site({"index.md": "# Home\n", "notes/bad.md": BAD_DATES}, plugin=ON)
    built.expect_plugin_warning(
        "notes/bad.md:10: card 'Bad revisit': cannot read the revisit date: '31/02/2025' is not "
        f"a real date (day is out of range for month); the revisit is left out. {DATE_HINT}"
    )
    built.expect_plugin_warning(
        "notes/bad.md:15: card 'Backwards': the revisit date (2024-03) is before the date "
        "commented (2025-05-02); the card's age counts from the date commented. Correct the one "
        "that is wrong."
    )
    assert built.aborted  # --strict counts them
    page = main_content(built.page("notes/bad/"))
    assert "Revisited" not in text_of(page)  # both lines are data, taken out of the text
    ages = [text_of(age) for age in page.select(".fieldnotes-age")]
    assert ages == ["1 year ago Stale", "8 months ago Aging"]  # from the dates commented


def test_a_malformed_source_date_epoch_stops_the_build(
    build_site: SiteFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "2026-01-15")
    built = build_site({"index.md": "# Home\n", "notes/alpha.md": ALPHA}, plugin=ON)
    assert built.aborted
    # MkDocs logs the PluginError as an error, then aborts.
    built.expect_warning(
        "fieldnotes: the environment variable SOURCE_DATE_EPOCH is '2026-01-15', which is not a "
        "whole number of seconds since 1970-01-01 UTC; the plugin reads it as the date cards' "
        "ages count to. Set it to such a number (e.g. 1767225600 for 2026-01-01), or unset it to "
        "use today's date."
    )
    assert not built.exists("index.html")


# -- the reference date -------------------------------------------------------------------


def test_the_same_epoch_gives_the_same_bytes_and_another_epoch_other_states(
    build_site: SiteFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = build_site(site_files(), plugin=ON)
    second = build_site(site_files(), plugin=ON)
    assert tree_digest(first.site_dir) == tree_digest(second.site_dir)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(REFERENCE_EPOCH) + 365 * 86400))  # 2027
    later = build_site(site_files(), plugin=ON)
    assert later.export()["as_of"] == "2027-01-15"
    states = {c["id"]: c["staleness"] for e in later.export()["entries"] for c in e["cards"]}
    assert states["revisited-paper"] == "stale"
    assert states["fresh-note"] == "stale"
    page = main_content(later.page("revisit/"))
    assert text_of(page.select_one(".fieldnotes-revisit__summary")) == (
        "5 stale cards: not revisited for 12 months or more. Ages as of Jan 15, 2027."
    )
    changed = {
        path
        for path, digest in tree_digest(later.site_dir).items()
        if tree_digest(first.site_dir).get(path) != digest
    }
    assert {"notes/alpha/index.html", "revisit/index.html", "timeline/index.html"} <= changed


def test_without_source_date_epoch_ages_count_to_today(
    build_site: SiteFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    before = dt.datetime.now(dt.timezone.utc).date()
    built = build_site(site_files(), plugin=ON)
    after = dt.datetime.now(dt.timezone.utc).date()
    assert built.export()["as_of"] in {before.isoformat(), after.isoformat()}


# -- options ------------------------------------------------------------------------------


def test_pages_turned_off(build_site: SiteFactory) -> None:
    built = build_site(site_files(), plugin={"revisit": False, "threads": False})
    assert not built.exists("revisit") and not built.exists("threads")
    links = [text_of(a) for a in built.page("index.html").select("nav.md-nav--primary a")]
    assert "Revisit" not in links and "Open threads" not in links
    # Cards keep their age; the export its states.
    card = cards_of(built, "notes/alpha.md", True)["old-paper"]
    assert "fieldnotes-card--stale" in card["class"]


def test_ages_turned_off_leave_cards_and_listings_but_not_the_revisit_page_or_export(
    build_site: SiteFactory,
) -> None:
    """``revisit_ages: false``: no age, badge or aging/stale class on cards, timeline and tag
    pages; the Revisit page still shows each stale card's age, the export its state."""
    built = build_site(site_files(), plugin={**ON, "revisit_ages": False})
    assert built.unclaimed == []
    cards = cards_of(built, "notes/alpha.md", True)
    assert list(cards) == ["old-paper", "revisited-paper", "aging-paper"]
    for card in cards.values():
        assert card["class"] == ["fieldnotes-card"]
        assert card.select(".fieldnotes-age, .fieldnotes-badge") == []
    # The meta row keeps its dates.
    meta = cards["old-paper"].select_one(".fieldnotes-card__meta")
    assert [t["datetime"] for t in meta.select("time")] == ["2024-03-02", "2024-06-01"]
    for path in ("timeline/", "tags/search/"):
        page = main_content(built.page(path))
        items = page.select("li.fieldnotes-timeline__item")
        assert items, path
        assert {" ".join(li["class"]) for li in items} == {"fieldnotes-timeline__item"}
        assert page.select(".fieldnotes-age") == [], path
    line = next(
        li.select_one(".fieldnotes-timeline__entry")
        for li in main_content(built.page("timeline/")).select("li.fieldnotes-timeline__item")
        if text_of(li.select_one(".fieldnotes-timeline__title")) == "Old paper"
    )
    assert text_of(line) == "in Alpha <b>notes</b> · Revisited Jun 1, 2024"
    revisit = main_content(built.page("revisit/"))
    ages = [
        text_of(a.select_one(".fieldnotes-age__ago")) for a in revisit.select(".fieldnotes-age")
    ]
    assert ages and all(age.endswith("ago") for age in ages)
    states = {c["id"]: c["staleness"] for e in built.export()["entries"] for c in e["cards"]}
    assert (states["old-paper"], states["aging-paper"]) == ("stale", "aging")


def test_nothing_stale_and_no_threads_makes_no_page(build_site: SiteFactory) -> None:
    built = build_site(
        {"index.md": "# Home\n", "notes/beta.md": BETA.replace("2024-12-01", "2025-12-01")},
        plugin=ON,
    )
    assert not built.exists("revisit") and not built.exists("threads")
    links = [text_of(a) for a in built.page("index.html").select("nav.md-nav--primary a")]
    assert "Revisit" not in links and "Open threads" not in links


def test_a_page_of_the_users_hosts_the_empty_revisit_listing(build_site: SiteFactory) -> None:
    files = {
        "index.md": "# Home\n",
        "notes/beta.md": BETA.replace("2024-12-01", "2025-12-01"),
        "revisit/index.md": "# To reread\n\nWhat I should look at again.\n\n<!-- fieldnotes:listing -->\n",
    }
    built = build_site(files, plugin=ON)
    page = main_content(built.page("revisit/"))
    assert text_of(page.h1) == "To reread"
    assert text_of(page.select_one(".fieldnotes-empty")) == "Nothing here yet."


def test_grouped_by_entry_limited_in_french_with_other_paths(build_site: SiteFactory) -> None:
    plugin = {
        **ON,
        "locale": "fr",
        "revisit_group_by": "entry",
        "revisit_limit": 1,
        "revisit_path": "a-relire",
        "threads_path": "pistes",
        "revisit_aging_months": 1,
        "revisit_stale_months": 8,
    }
    built = build_site(site_files(), plugin=plugin, use_directory_urls=False)
    page = main_content(built.page("a-relire/index.html"))
    assert text_of(page.h1) == "À relire"
    assert text_of(page.select_one(".fieldnotes-revisit__summary")) == (
        "3 fiches à relire : pas relues depuis 8 mois ou plus. Les 2 plus récentes ne sont pas "
        "listées ici. Âges au 15 janv. 2026."
    )
    (group,) = page.select("h2.fieldnotes-revisit__group")
    assert text_of(group) == "Alpha <b>notes</b> (1 sur 2)"
    path, _ = follow(built, "a-relire/index.html", group.a["href"])
    assert path == "notes/alpha.html"
    (item,) = page.select("ol.fieldnotes-revisit > li")
    assert text_of(item.select_one(".fieldnotes-revisit__meta")) == (
        "Commenté 2 mars 2024 Relu 1 juin 2024 il y a 1 an À relire"
    )
    threads = main_content(built.page("pistes/index.html"))
    assert text_of(threads.h1) == "Pistes ouvertes"
    assert text_of(threads.select_one(".fieldnotes-threads__summary")) == "5 pistes · 1 entrée"
    cards = cards_of(built, "notes/alpha.md", False)
    assert text_of(cards["aging-paper"].select_one(".fieldnotes-age")) == "il y a 8 mois À relire"
    revisited = cards["revisited-paper"]  # 1 month: aging from 1, stale from 8
    assert text_of(revisited.select_one(".fieldnotes-age")) == "il y a 1 mois Vieillissante"
    assert "fieldnotes-card--aging" in revisited["class"]
    assert revisited.select_one(".fieldnotes-card__revisited")["data-label"] == "Relu"


def test_custom_revisit_labels_and_exempt_statuses(build_site: SiteFactory) -> None:
    entry = ALPHA.replace("Revisited: 2024-06-01", "Relu : 2025-12-01").replace(
        "tags: [LLMs/Pre-training, Search]", "status: kept\ntags: [Search]"
    )
    plugin = {
        **ON,
        "cards_revisit_labels": ["Relu"],
        "revisit_exempt_statuses": [],
        "status_values": [],
    }
    built = build_site({"index.md": "# Home\n", "notes/alpha.md": entry}, plugin=plugin)
    cards = {c["id"]: c for c in built.export()["entries"][0]["cards"]}
    assert (cards["old-paper"]["revisited"], cards["old-paper"]["staleness"]) == (
        "2025-12-01",
        "fresh",
    )
    plugin["revisit_exempt_statuses"] = ["Kept"]
    again = build_site({"index.md": "# Home\n", "notes/alpha.md": entry}, plugin=plugin)
    states = {c["staleness"] for c in again.export()["entries"][0]["cards"]}
    assert states == {"exempt"}
    assert not again.exists("revisit")


def test_threads_continue_on_numbered_pages(build_site: SiteFactory, use_dirs: bool) -> None:
    def entry(name: str, day: int) -> str:
        threads = "; ".join(f"{name} thread {i}" for i in range(6))
        return (
            f"---\ntitle: {name}\ndate: 2025-12-{day:02d}\n---\n\n### {name} card\n"
            f"Date commented: 2025-12-{day:02d}\n\n{FUTURE}: {threads}\n"
        )

    files = {
        "index.md": "# Home\n",
        "notes/one.md": entry("One", 2),
        "notes/two.md": entry("Two", 1),
    }
    built = build_site(files, plugin={**ON, "listings_page_size": 10}, use_directory_urls=use_dirs)
    first = main_content(built.page("threads/index.html"))
    second_file = page_file("threads/page/2.md", use_dirs)
    second = main_content(built.page(second_file))
    assert [text_of(h) for h in first.select("h2")] == ["One (6)"]
    assert [text_of(h) for h in second.select("h2")] == ["Two (6)"]
    assert text_of(second.h1) == "Open threads (2)"
    assert text_of(second.select_one(".fieldnotes-threads__summary")) == "12 threads · 2 entries"
    pager = first.select_one("nav.fieldnotes-pager")
    assert (
        follow(built, "threads/index.html", pager.select_one("a[rel=next]")["href"])[0]
        == second_file
    )
    links = [text_of(a) for a in built.page("index.html").select("nav.md-nav--primary a")]
    assert links.count("Open threads") == 1 and "Open threads (2)" not in links


def test_other_themes_render_both_pages(build_site: SiteFactory) -> None:
    built = build_site(site_files(), plugin=ON, theme="mkdocs")
    page = BeautifulSoup(
        (built.site_dir / "revisit" / "index.html").read_text("utf-8"), "html.parser"
    )
    assert [
        text_of(li.select_one(".fieldnotes-revisit__title"))
        for li in page.select("ol.fieldnotes-revisit > li")
    ] == [
        "Old paper",
        "Stale & odd card",
    ]
    threads = BeautifulSoup(
        (built.site_dir / "threads" / "index.html").read_text("utf-8"), "html.parser"
    )
    assert len(threads.select("ul.fieldnotes-threads > li")) == 5


def test_docs_dir_is_untouched(build_site: SiteFactory, tmp_path: Path) -> None:
    built = build_site(site_files(), plugin=ON)
    docs = built.root / "docs"
    assert sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file()) == sorted(
        site_files()
    )
