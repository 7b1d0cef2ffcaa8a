"""The example-format fixture builds as-is and yields three cards and a correct export."""

from __future__ import annotations

from conftest import FIXTURES, SiteFactory, tree_digest

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082"
)


def example_files() -> dict[str, str | bytes]:
    return {
        "index.md": "# Home\n",
        "notes/retrieval.md": (FIXTURES / "example-entry.md").read_text("utf-8"),
        "assets/images/hero.png": PNG,
        "assets/images/card.png": PNG,
    }


def test_example_shape_builds_with_drafts_published(build_site: SiteFactory) -> None:
    built = build_site(example_files(), plugin={"drafts_publish": True})
    assert not built.aborted
    page = built.page("notes/retrieval/")
    cards = page.select("article.fieldnotes-card")
    assert [c["data-card-id"] for c in cards] == [
        "okapi-at-trec-3",
        "dense-passage-retrieval",
        "beir-benchmark",
    ]
    assert [a.get_text() for a in page.select(".fieldnotes-chips a")] == [
        "Retrieval",
        "Search",
        "Ranking",
        "Evaluation",
        "Embeddings",
        "Datasets",
        "Systems",
    ]
    assert page.select_one(".fieldnotes-badge--draft").get_text() == "Draft"
    data = built.export()
    (entry,) = data["entries"]
    assert entry["status"] == "draft"
    assert [c["date_commented"] for c in entry["cards"]] == [
        "2025-11-02",
        "2025-11-14",
        "2025-11-20",
    ]


def test_draft_left_out_of_build(build_site: SiteFactory) -> None:
    built = build_site(example_files())
    docs_before = tree_digest(built.root / "docs")
    assert not built.exists("notes/retrieval/index.html")
    assert built.export()["entries"] == []
    assert tree_digest(built.root / "docs") == docs_before
