"""Term pages with more entries than listings_page_size are split into numbered pages."""

from __future__ import annotations

import pytest
from conftest import SiteFactory, follow, main_content, page_file, text_of


def entries(count: int) -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {"index.md": "# Home\n"}
    for i in range(count):
        files[f"notes/e{i:02d}.md"] = (
            f"---\ntitle: Entry {i:02d}\ndate: 2025-01-{i % 28 + 1:02d}\ncategory: Big\n"
            f"series: Long\nseries_order: {i + 1}\ntags: [Many, page]\nfieldnotes: true\n---\n"
            "\nText.\n"
        )
    return files


@pytest.mark.parametrize("use_dirs", [True, False], ids=["dir-urls", "file-urls"])
def test_long_term_pages_are_split(build_site: SiteFactory, use_dirs: bool) -> None:
    built = build_site(entries(25), plugin={"listings_page_size": 10}, use_directory_urls=use_dirs)
    first = page_file("categories/big.md", use_dirs)
    pages = [
        first,
        page_file("categories/big/page/2.md", use_dirs),
        page_file("categories/big/page/3.md", use_dirs),
    ]
    seen: list[str] = []
    for number, path in enumerate(pages, start=1):
        soup = main_content(built.page(path))
        titles = [text_of(a) for a in soup.select(".fieldnotes-entry__title")]
        assert len(titles) == (10 if number < 3 else 5)
        seen += titles
        pager = soup.select_one("nav.fieldnotes-pager")
        assert text_of(pager.select_one("[aria-current=page]")) == str(number)
        for link in pager.select("a"):
            target, _ = follow(built, path, link["href"])
            assert target == pages[int(text_of(link)) - 1]
    assert sorted(seen) == sorted(f"Entry {i:02d}" for i in range(25))
    assert seen[0] == "Entry 24"  # newest first
    # Series pages keep counting across pages: page 2 starts at part 11.
    series2 = main_content(built.page(page_file("series/long/page/2.md", use_dirs)))
    numbers = [text_of(s) for s in series2.select(".fieldnotes-parts__number")]
    assert numbers[0] == "Part 11 of 25" and numbers[-1] == "Part 20 of 25"
    # A tag named "page" cannot take the pagination folder's name.
    tags = [t["url"] for t in built.export()["tags"]]
    assert any(u.startswith("tags/page-tag") for u in tags), tags


def test_split_timeline_pages_are_left_out_of_search(build_site: SiteFactory) -> None:
    """Year/month pages repeat the cards' text: Material's search skips them, not the index."""
    cards = "".join(
        f"### Card {i}\nLink: https://example.org/{i}\n\nDate commented: {2024 + i % 2}-03-0{i % 9 + 1}\n\n"
        f"Words {i}.\n\n---\n\n"
        for i in range(14)
    )
    built = build_site(
        {"index.md": "# Home\n", "notes/a.md": "---\ntags: [x]\n---\n\n" + cards},
        plugin={"listings_page_size": 10},
    )
    locations = {d["location"].split("#")[0] for d in built.search_index()["docs"]}
    assert "timeline/" in locations
    assert "tags/x/" in locations
    assert not {"timeline/2024/", "timeline/2025/"} & locations
    assert built.exists("timeline/2024/index.html") and built.exists("timeline/2025/index.html")
