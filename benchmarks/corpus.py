"""Generate a deterministic field-notes corpus as a complete MkDocs project.

    python benchmarks/corpus.py OUT_DIR --entries 1000 --cards 10 [--seed 0]
                                [--flavor fieldnotes|core|plain|floor|core-floor|blog]

Every entry follows the format of a real user's notes: YAML front matter (title, date,
lastmod, summary, description, category, tags, sometimes a series), then ``###`` cards with
``Link:``, ``Date commented:``, two to four paragraphs of commentary and sometimes a
"Possible links I may attach in the future" paragraph.

The corpus is drawn once from ``random.Random(seed)`` and then written in one of five
flavors, so the same seed gives the same pages and the same body text in each:

* ``plain``: Material with ``plugins: [search]``; entries kept out of the nav with
  ``not_in_nav`` (the baseline: what MkDocs costs without the plugin).
* ``floor``: ``plain`` plus, from a small MkDocs hook (``floor_pages.py``), the pages the
  plugin would generate for this corpus, at the same paths, with the same titles and the same
  nav entries, but empty: what MkDocs and Material cost for those pages alone, with no work
  by the plugin (the plugin's own cost is ``fieldnotes`` minus ``floor``).
* ``fieldnotes``: the same project with the ``fieldnotes`` plugin added (every feature on).
* ``core``: the same with the plugin's optional features off (``CORE_OPTIONS``).
* ``core-floor``: the floor of ``core``: ``plain`` plus the pages and nav entries the plugin
  generates with ``CORE_OPTIONS`` (no Sources, Topics, Revisit or Open threads pages), empty.
* ``blog``: the same entries as posts of Material's built-in ``blog`` and ``tags`` plugins
  (``docs/blog/posts/``, front matter as the blog plugin reads it, and the invisible
  ``<!-- more -->`` excerpt separator after the first paragraph of commentary, as a blog
  author would write it: without it Material renders each whole post into every index,
  archive and category page).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import random
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Optional

import yaml

FLAVORS = ("plain", "floor", "fieldnotes", "core", "core-floor", "blog")
FLOORS = {"floor": "fieldnotes", "core-floor": "core"}
"""Each floor flavor and the flavor whose generated pages it has, empty."""

CORE_OPTIONS = {
    "feeds": False,
    "revisit": False,
    "revisit_ages": False,
    "threads": False,
    "sources": False,
    "topics": False,
    "timeline_chart": False,
    "social_meta": "never",
}
"""The ``core`` flavor: fieldnotes with the features of issues 16-18 off (feeds, the cards'
ages, the Revisit, Open threads, Sources and Topics pages, the activity chart, social
previews): the cards, headers, tag/series/category pages, timeline and export that issue 14's
guard rails were set for."""
FIRST_DAY = dt.date(2021, 1, 1)
LAST_DAY = dt.date(2025, 12, 31)
EXCERPT_SEPARATOR = "<!-- more -->"


def _words(text: str, sep: Optional[str] = None) -> list[str]:
    """Items of a word list written as a block of text (``sep``: item separator)."""
    if sep is None:
        return text.split()
    return [item.strip() for item in text.replace("\n", "").split(sep)]


# Ordered roughly by frequency: words are drawn with Zipf-like weights, so the text has
# the shape of English prose (many short common words, a long tail of technical terms).
WORDS = _words("""
the of and to a in that is it for as on with this but be are not by which what they you
from or at have can more about one so when there their how than also much if its what
model training data paper post work think real part quite very really still just only
simply useful good clear often because while rather most each even does makes needs way
learning results scale loss compute evaluation attention tokens dataset benchmark method
approach practice details framing question argument section appendix figure table claim
pretraining finetuning alignment reward preference policy gradient optimizer schedule
batch throughput latency memory kernel precision parallelism sharding checkpoint cluster
inference serving cache decoding sampling temperature context window retrieval index
architecture transformer layer head embedding normalization activation residual mixture
experts routing sparsity quantization distillation pruning curriculum mixture filtering
deduplication contamination tokenizer vocabulary corpus crawl quality heuristics labels
annotators rubric judge ablation baseline variance seeds reproducibility determinism
stability divergence spikes warmup decay regularization overfitting generalization
emergent capabilities reasoning chain verification search planning agents tools coding
math multilingual safety refusal jailbreak robustness calibration uncertainty bias
interpretability probing circuits features neurons superposition steering editing
documentation tutorial talk lecture notes survey review thread repository library
engineering infrastructure pipeline orchestration monitoring logging dashboards failure
postmortem tradeoff constraint budget cost efficiency speedup bottleneck profiling
honestly arguably broadly mostly partly surprisingly carefully explicitly implicitly
remember revisit compare contrast summarise extend replicate measure report explain
nuance caveat limitation strength weakness insight intuition lesson takeaway pattern
""")

TOPIC_TERMS = _words("""
Pre-training Post-training Fine-tuning RLHF DPO Datasets Systems Evaluation Scaling
Inference Tokenization Optimization Architecture Interpretability Safety Alignment Agents
Retrieval Distillation Quantization Benchmarks Reasoning Multimodal Speech Vision Robotics
Compilers Kernels Networking Storage Databases Search Documentation Writing Teaching
Statistics Probability Linear-algebra Calculus Information-theory Reinforcement-learning
Bandits Causality Econometrics Forecasting Time-series Graphs Recommenders Privacy
Security Cryptography Distributed-systems Consensus Observability Testing Tooling Python
Rust CUDA JAX PyTorch Triton MLOps Data-engineering Visualization Ethics Policy Careers
""")

TAG_PARENTS = ["LLMs", "Systems", "Math", "Tooling", "Research", "Data"]

CATEGORIES = [
    "Research Notes",
    "Reading Log",
    "Tutorials",
    "Systems",
    "Blog",
    "Reviews",
    "Talks",
    "Datasets",
]

SOURCES = _words(
    """
Hugging Face|Meta AI|Google DeepMind|OpenAI|Anthropic|Thinking Machines|EleutherAI|
Allen AI|Stanford CRFM|Berkeley BAIR|MIT CSAIL|CMU ML|Mistral|Cohere|Together AI|
Lilian Weng|Sebastian Raschka|Chip Huyen|Andrej Karpathy|Jay Alammar|Distill|
The Gradient|arXiv|NeurIPS|ICML|ICLR|ACL|PyTorch Blog|NVIDIA Developer|Modal|
Databricks|Weights & Biases|Semianalysis|Interconnects|Epoch AI|LessWrong|GitHub|
YouTube|Papers with Code|Stripe Engineering
""",
    "|",
)

DOMAINS = _words("""
huggingface.co arxiv.org openreview.net github.com blog.research.google ai.meta.com
deepmind.google openai.com anthropic.com thinkingmachines.ai lilianweng.github.io
magazine.sebastianraschka.com huyenchip.com karpathy.github.io jalammar.github.io
distill.pub thegradient.pub pytorch.org developer.nvidia.com modal.com
www.databricks.com wandb.ai www.semianalysis.com www.interconnects.ai epoch.ai
www.lesswrong.com www.youtube.com paperswithcode.com stripe.com docs.python.org
""")

TITLE_HEADS = _words(
    """
Notes on|Field Notes:|Reading List:|A Map of|Revisiting|Lessons from|Working Notes on|
Annotated Guide to|Resource Map:|Understanding|Practical|Deep Dive:|Primer on|Open Questions in
""",
    "|",
)

TITLE_NOUNS = _words(
    """
Scaling Laws|Preference Optimization|Data Curation|Distributed Training|Inference Serving|
Evaluation Design|Tokenizers|Mixture of Experts|Long Context|Retrieval Augmentation|
Reward Modeling|Synthetic Data|Model Merging|Sparse Attention|KV Caching|Speculative Decoding|
Quantization|Knowledge Distillation|Interpretability|Agent Tooling|Code Generation|
Math Reasoning|Multilingual Models|Safety Evaluations|Red Teaming|Benchmark Contamination|
Optimizer Choice|Learning Rate Schedules|Numerical Stability|Checkpointing|Data Loaders|
GPU Kernels|Compiler Stacks|Cluster Scheduling|Static Site Search|Docs as Code|
Technical Writing|Reproducible Research|Experiment Tracking|Causal Inference
""",
    "|",
)

CARD_ADJECTIVES = _words(
    """
Practical|Minimal|Scalable|Efficient|Robust|Sparse|Dense|Simple|Faster|Stable|Open|Small|
Large|Unified|Adaptive|Principled|Hands-on|Illustrated|Annotated|Modern|Rethinking|Beyond
""",
    "|",
)

CARD_NOUNS = _words(
    """
Attention|Transformers|Pre-training|Post-training|Reward Models|Preference Data|Tokenization|
Optimizers|Scaling|Evaluation|Inference|Batch Invariance|Determinism|Data Mixtures|
Deduplication|Curriculum|Distillation|Quantization|Pruning|Routing|Experts|Parallelism|
Sharding|Checkpoints|Kernels|Compilers|Caching|Decoding|Sampling|Retrieval|Embeddings|
Benchmarks|Agents|Planning|Verification|Self-play|Search|Probing|Circuits|Features
""",
    "|",
)

CARD_TAILS = _words(
    """
Playbook|Guide|Handbook|Survey|Field Guide|Primer|Deep Dive|Walkthrough|Explainer|Notes|
Case Study|Retrospective|Benchmark|Report|Lecture|Talk|Thread|Tutorial|Cookbook|Overview
""",
    "|",
)

TOPIC_PHRASES = _words(
    """
Pre-training + infrastructure|Post-training overview|Inference reproducibility + systems|
Data curation|Evaluation methodology|Scaling behaviour|Optimizer internals|Reward modeling|
Preference learning|Serving at scale|Numerics|Tokenizer design|Training dynamics|
Interpretability tools|Safety practice|Agent design|Retrieval pipelines|Compiler stack|
Cluster operations|Writing + teaching
""",
    "|",
)

FIRST_NAMES = ["Bryan", "Ada", "Grace", "Alan", "Katherine", "Linus", "Margaret", "Tim"]
LAST_NAMES = ["Chan", "Lovelace", "Hopper", "Turing", "Johnson", "Torvalds", "Hamilton", "Lee"]
STATUSES = ["published", "published", "published", "evergreen", "in-progress", "archived"]


@dataclasses.dataclass
class Card:
    """One annotation card: its heading parts, link, date and text."""

    title: str
    source: str
    topic: str
    link: str
    link_style: int
    commented: Optional[dt.date]
    date_format: int
    paragraphs: list[str]
    future: Optional[str]


@dataclasses.dataclass
class Entry:
    """One page of notes."""

    slug: str
    title: str
    date: dt.date
    lastmod: dt.date
    summary: str
    description: str
    category: str
    tags: list[str]
    status: str
    author: str
    series: Optional[str] = None
    series_order: Optional[int] = None
    cards: list[Card] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class Corpus:
    """The drawn corpus, independent of the flavor it is written in."""

    entries: list[Entry]
    tags: list[str]
    seed: int


# -- drawing ---------------------------------------------------------------------------


class _Drawer:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.word_weights = [1.0 / (rank + 1) ** 0.9 for rank in range(len(WORDS))]

    def sentence(self) -> str:
        n = self.rng.randint(8, 24)
        words = self.rng.choices(WORDS, weights=self.word_weights, k=n)
        if n > 14 and self.rng.random() < 0.5:
            cut = self.rng.randint(4, n - 4)
            words[cut] += ","
        text = " ".join(words)
        return text[0].upper() + text[1:] + self.rng.choice(".....?")

    def paragraph(self, low: int = 80, high: int = 150) -> str:
        target = self.rng.randint(low, high)
        sentences: list[str] = []
        count = 0
        while count < target:
            sentence = self.sentence()
            sentences.append(sentence)
            count += sentence.count(" ") + 1
        return " ".join(sentences)

    def day_between(self, first: dt.date, last: dt.date) -> dt.date:
        return first + dt.timedelta(days=self.rng.randint(0, (last - first).days))


def _slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _tag_names(rng: random.Random) -> list[str]:
    """About 150 tags, most common first: flat topics and ``Parent/Child`` tags."""
    names = list(TOPIC_TERMS)
    for term in TOPIC_TERMS[:40]:
        names.append(f"{rng.choice(TAG_PARENTS)}/{term}")
    for a, b in zip(TOPIC_TERMS[::3], TOPIC_TERMS[1::3]):
        names.append(f"{a} {b}")
        if len(names) >= 150:
            break
    names = list(dict.fromkeys(names))[:150]
    rng.shuffle(names)
    return names


def draw(entries: int, cards: int, seed: int = 0) -> Corpus:
    """Draw a corpus of ``entries`` pages with ``cards`` cards each from ``seed``."""
    d = _Drawer(seed)
    rng = d.rng
    tags = _tag_names(rng)
    tag_weights = [1.0 / (rank + 1) for rank in range(len(tags))]  # Zipf, s = 1
    titles: set[str] = set()
    result: list[Entry] = []
    for i in range(entries):
        title = f"{rng.choice(TITLE_HEADS)} {rng.choice(TITLE_NOUNS)}"
        while title in titles:
            title = f"{title} {rng.choice(['II', 'Again', 'Continued', 'Revisited', str(i)])}"
        titles.add(title)
        date = d.day_between(FIRST_DAY, LAST_DAY)
        lastmod = min(LAST_DAY, date + dt.timedelta(days=rng.choice([0, 0, 3, 14, 60, 200])))
        entry_tags: list[str] = []
        for tag in rng.choices(tags, weights=tag_weights, k=rng.randint(2, 6)):
            if tag not in entry_tags:
                entry_tags.append(tag)
        entry = Entry(
            slug=_slugify(title),
            title=title,
            date=date,
            lastmod=lastmod,
            summary=d.sentence(),
            description=f"{d.sentence()} {d.sentence()}",
            category=rng.choices(CATEGORIES, weights=[8, 6, 4, 4, 3, 2, 2, 1])[0],
            tags=entry_tags,
            status=rng.choice(STATUSES),
            author=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
        )
        card_titles: set[str] = set()
        for _ in range(cards):
            entry.cards.append(_draw_card(d, entry, card_titles))
        result.append(entry)
    _assign_series(rng, result)
    return Corpus(result, tags, seed)


def _draw_card(d: _Drawer, entry: Entry, taken: set[str]) -> Card:
    rng = d.rng
    title = f"{rng.choice(CARD_ADJECTIVES)} {rng.choice(CARD_NOUNS)} {rng.choice(CARD_TAILS)}"
    while title in taken:
        title = f"{rng.choice(CARD_ADJECTIVES)} {title}"
    taken.add(title)
    domain = rng.choice(DOMAINS)
    path = "/".join(_slugify(w) for w in title.split()[1:])
    link = f"https://{domain}/{path}"
    if rng.random() < 0.2:
        link += f"#{rng.randrange(16**8):08x}"
    commented = None if rng.random() < 0.04 else d.day_between(entry.date, entry.lastmod)
    return Card(
        title=title,
        source=rng.choice(SOURCES),
        topic=rng.choice(TOPIC_PHRASES),
        link=link,
        link_style=rng.choices(range(4), weights=[16, 2, 1, 1])[0],
        commented=commented,
        date_format=rng.randrange(6),
        paragraphs=[d.paragraph() for _ in range(rng.randint(2, 4))],
        future=d.paragraph(20, 45) if rng.random() < 0.4 else None,
    )


def _assign_series(rng: random.Random, entries: list[Entry]) -> None:
    """Put about 30% of the entries into series of 2 to 8 parts, ordered by date."""
    pool = list(range(len(entries)))
    rng.shuffle(pool)
    goal = round(len(entries) * 0.3)
    used = 0
    number = 0
    while used < goal and len(pool) - used >= 2:
        size = min(rng.randint(2, 8), len(pool) - used, max(2, goal - used))
        members = sorted(pool[used : used + size], key=lambda i: entries[i].date)
        used += size
        number += 1
        name = f"{rng.choice(TITLE_NOUNS)} Series {number}"
        for order, index in enumerate(members, start=1):
            entries[index].series = name
            entries[index].series_order = order


# -- writing ---------------------------------------------------------------------------


def _date_text(day: dt.date, style: int) -> str:
    if style == 5 and day.day <= 12:
        style = 0  # 03/04/2025 would be ambiguous: only unambiguous d/m/y is written
    return [
        day.isoformat(),
        f"{day.day} {day.strftime('%b')} {day.year}",
        f"{day.day} {day.strftime('%B')} {day.year}",
        f"{day.strftime('%b')} {day.day}, {day.year}",
        f"{day.strftime('%B')} {day.day}, {day.year}",
        f"{day.day:02d}/{day.month:02d}/{day.year}",
    ][style]


def _link_line(card: Card) -> str:
    if card.link_style == 1:
        return f"**Link:** {card.link}"
    if card.link_style == 2:
        return f"Link: <{card.link}>"
    if card.link_style == 3:
        return f"Link: [{card.title}]({card.link})"
    return f"Link: {card.link}"


def card_markdown(card: Card, separator_after_first: bool = False) -> str:
    """The Markdown of one card (``###`` heading to the ``---`` after it)."""
    lines = [f"### {card.title} ({card.source}) — {card.topic}", _link_line(card), ""]
    if card.commented is not None:
        lines += [f"Date commented: {_date_text(card.commented, card.date_format)}", ""]
    for i, paragraph in enumerate(card.paragraphs):
        lines += [paragraph, ""]
        if i == 0 and separator_after_first:
            lines += [EXCERPT_SEPARATOR, ""]
    if card.future:
        lines += [f"**Possible links I may attach in the future:** {card.future}", ""]
    lines += ["---", ""]
    return "\n".join(lines)


def body_markdown(entry: Entry, excerpt_separator: bool = False) -> str:
    """The body of an entry: its cards."""
    return "\n".join(
        card_markdown(card, excerpt_separator and i == 0) for i, card in enumerate(entry.cards)
    )


def _front_matter(data: dict[str, Any]) -> str:
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000)
    return f"---\n{text}---\n\n"


def entry_markdown(entry: Entry, flavor: str) -> str:
    """The whole source of an entry page in ``flavor``."""
    if flavor == "blog":
        data: dict[str, Any] = {
            "title": entry.title,
            "date": {"created": entry.date, "updated": entry.lastmod},
            "description": entry.description,
            "categories": [entry.category],
            "tags": entry.tags,
        }
        return _front_matter(data) + body_markdown(entry, excerpt_separator=True)
    data = {
        "title": entry.title,
        "date": entry.date.isoformat(),
        "lastmod": entry.lastmod.isoformat(),
        "summary": entry.summary,
        "description": entry.description,
        "category": entry.category,
    }
    if entry.series:
        data["series"] = [entry.series]
        data["series_order"] = entry.series_order
    data["tags"] = entry.tags
    data["status"] = entry.status
    data["author"] = entry.author
    return _front_matter(data) + body_markdown(entry)


def entry_path(entry: Entry, flavor: str) -> str:
    """Path of an entry's source, relative to ``docs/``."""
    if flavor == "blog":
        return f"blog/posts/{entry.date.year}/{entry.slug}.md"
    return f"notes/{entry.date.year}/{entry.slug}.md"


MARKDOWN_EXTENSIONS: list[Any] = [{"toc": {"permalink": True}}, "attr_list", "md_in_html"]


def mkdocs_config(flavor: str, corpus: Corpus) -> dict[str, Any]:
    """The ``mkdocs.yml`` of ``flavor``."""
    config: dict[str, Any] = {
        "site_name": f"Field notes benchmark ({flavor})",
        # Every flavor has one, so the plugin's feeds (which need it) are in the measurement.
        "site_url": "https://bench.example.org/",
        "theme": {"name": "material"},
        "markdown_extensions": MARKDOWN_EXTENSIONS,
    }
    if flavor == "blog":
        config["plugins"] = [
            "search",
            {"blog": {"authors": False}},
            {"tags": {"tags_hierarchy": True}},
        ]
    else:
        plugin: list[Any] = {"fieldnotes": ["fieldnotes"], "core": [{"fieldnotes": CORE_OPTIONS}]}
        config["plugins"] = ["search", *plugin.get(flavor, [])]
        config["not_in_nav"] = "/notes/**"
    if flavor in FLOORS:
        config["hooks"] = [FLOOR_HOOK]
    return config


FLOOR_HOOK = "floor_pages.py"
FLOOR_PAGES = "floor_pages.json"
FLOOR_HOOK_SOURCE = """\
\"\"\"Adds the pages the fieldnotes plugin would generate, empty (see benchmarks/corpus.py).\"\"\"

import json
import os

from mkdocs.structure.files import File, InclusionLevel

from mkdocs_fieldnotes.navigation import tidy_nav
from mkdocs_fieldnotes.plan import INDEX_ORDER

PAGES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "floor_pages.json")
KINDS = INDEX_ORDER  # the plugin's order of its index pages in the navigation


def _pages():
    with open(PAGES, encoding="utf-8") as f:
        return json.load(f)


def on_files(files, config):
    for src_uri, markdown, in_nav, _ in _pages():
        level = InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, src_uri, content=markdown, inclusion=level))
    return files


def on_nav(nav, config, files):
    # The same navigation as the plugin's: index pages one link each, in its order.
    pages = _pages()
    indexes = sorted((p for p in pages if p[2]), key=lambda p: KINDS.index(p[3]))
    per_term = [p[0] for p in pages if not p[2]]
    tidy_nav(nav, config, files, nav_given=False, per_term=per_term, indexes=[p[0] for p in indexes])
    return nav
"""


def floor_pages(corpus: Corpus, of: str = "fieldnotes") -> list[tuple[str, str, bool, str]]:
    """``(src_uri, Markdown, in nav, kind)`` of each page the plugin generates for ``corpus`` in
    the flavor ``of`` (``fieldnotes``: default options; ``core``: ``CORE_OPTIONS``), the
    Markdown being the plugin's own for that page without the listing."""
    from mkdocs_fieldnotes.config import FieldnotesConfig
    from mkdocs_fieldnotes.entries import ReadOptions, parse_page
    from mkdocs_fieldnotes.i18n import words
    from mkdocs_fieldnotes.plan import PageOptions, markdown_source
    from mkdocs_fieldnotes.plan import plan_site as build_site
    from mkdocs_fieldnotes.revisit import reference_day

    entries = []
    for entry in corpus.entries:
        path = entry_path(entry, "fieldnotes")
        parsed = parse_page(path, entry_markdown(entry, "fieldnotes"), ReadOptions())
        if parsed.entry is not None:
            entries.append(parsed.entry)
    config = FieldnotesConfig()
    config.load_dict(dict(CORE_OPTIONS) if of == "core" else {})
    errors, _ = config.validate()
    if errors:
        raise ValueError(f"floor options: {errors}")
    # The Revisit page depends on the date ages count to: the one the plugin will use.
    now = dt.datetime.now(dt.timezone.utc)
    today = reference_day(os.environ.get("SOURCE_DATE_EPOCH"), now)
    site = build_site(entries, PageOptions.from_config(config, today), words("en"))
    return [
        (page.src_uri, markdown_source(page.title, "", page.searchable), page.in_nav, page.kind)
        for page in site.listings
        if not page.empty
    ]


HOME = """\
# Field notes benchmark

A generated corpus of {entries} entries with {cards} cards each (seed {seed}).
"""


def write(corpus: Corpus, out_dir: Path, flavor: str) -> list[Path]:
    """Write ``corpus`` as a MkDocs project in ``out_dir``; return the entry files."""
    if flavor not in FLAVORS:
        raise ValueError(f"unknown flavor {flavor!r}; choose one of {', '.join(FLAVORS)}")
    docs = out_dir / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    cards = len(corpus.entries[0].cards) if corpus.entries else 0
    (out_dir / "mkdocs.yml").write_text(
        yaml.safe_dump(mkdocs_config(flavor, corpus), sort_keys=False), "utf-8"
    )
    home = HOME.format(entries=len(corpus.entries), cards=cards, seed=corpus.seed)
    (docs / "index.md").write_text(home, "utf-8")
    if flavor == "blog":
        (docs / "blog").mkdir(exist_ok=True)
        (docs / "blog" / "index.md").write_text("# Blog\n", "utf-8")
        (docs / "tags.md").write_text("# Tags\n\n<!-- material/tags -->\n", "utf-8")
    if flavor in FLOORS:
        (out_dir / FLOOR_HOOK).write_text(FLOOR_HOOK_SOURCE, "utf-8")
        pages = json.dumps(floor_pages(corpus, FLOORS[flavor]), ensure_ascii=False, indent=0)
        (out_dir / FLOOR_PAGES).write_text(pages + "\n", "utf-8")
    written = []
    for entry in corpus.entries:
        path = docs / entry_path(entry, flavor)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(entry_markdown(entry, flavor), "utf-8")
        written.append(path)
    return written


def generate(
    out_dir: Path, entries: int, cards: int, seed: int = 0, flavor: str = "fieldnotes"
) -> list[Path]:
    """Draw a corpus and write it as ``flavor`` into ``out_dir``; return the entry files."""
    return write(draw(entries, cards, seed), Path(out_dir), flavor)


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", type=Path, help="folder for mkdocs.yml and docs/")
    parser.add_argument("--entries", type=int, default=1000, help="number of entries (pages)")
    parser.add_argument("--cards", type=int, default=10, help="cards per entry")
    parser.add_argument("--seed", type=int, default=0, help="random seed (same seed, same text)")
    parser.add_argument("--flavor", choices=FLAVORS, default="fieldnotes")
    args = parser.parse_args(argv)
    if args.entries < 1 or args.cards < 1:
        parser.error("--entries and --cards must be at least 1")
    if (args.out_dir / "docs").exists() and any((args.out_dir / "docs").iterdir()):
        parser.error(f"{args.out_dir / 'docs'} is not empty")
    files = generate(args.out_dir, args.entries, args.cards, args.seed, args.flavor)
    size = sum(f.stat().st_size for f in files)
    print(f"wrote {len(files)} entries ({size / 1e6:.1f} MB of Markdown) to {args.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
