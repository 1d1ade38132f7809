"""Benchmark the build on synthetic banks of N entries.

Usage: ``python -m scripts.bench [--sizes 1000 5000] [--repeats 3]`` (``make bench``).

For each size it synthesizes N realistic entries (an answer of about 300 words with inline
and display math, a code block, tags and related links) in a temporary folder, then
measures on this machine: cold generation (load, validate, render, write), a no-op
regeneration, a regeneration after one entry changes, ``mkdocs build``, printing the PDF,
the search index size, and in headless Chromium the time from starting to load a page to
the first search results. Times are medians of ``--repeats`` runs (one run for the site
build and the PDF at the largest size). The last line per size is machine-readable:

    bench entries=N generate_s=... noop_s=... one_change_s=... build_s=... pdf_s=... index_bytes=... search_ms=...
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from scripts import browser, build_site, generate
from scripts.print_pdf import print_pdf
from scripts.sandbox import copy_site_sources

WORDS = (
    "model data feature loss gradient weight bias variance training validation test error sample "
    "distribution probability estimate regularization penalty parameter learning rate batch epoch "
    "network layer activation embedding token sequence attention label class threshold precision "
    "recall metric ranking retrieval cluster centroid kernel margin tree split ensemble boosting "
    "bagging prior posterior likelihood expectation signal noise overfitting underfitting"
).split()
CATEGORIES = 20
TAGS = 60


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _tag_count(n: int) -> int:
    return min(TAGS, n)  # every tag defined must be used (E305), also in small banks


def _entry(rng: random.Random, index: int, n: int) -> tuple[str, str]:
    category = f"category-{index % CATEGORIES:02d}"
    entry_id = f"synthetic-question-{index:05d}"
    tag_count = _tag_count(n)
    first = index % tag_count  # so that every tag is used
    tags = sorted([first, *rng.sample([t for t in range(tag_count) if t != first], min(2, tag_count - 1))])
    related = sorted({rng.randrange(n) for _ in range(3)} - {index})
    paragraphs = [
        " ".join(_sentence(rng, 12) for _ in range(5))
        + " With $\\lambda > 0$ the penalty $\\lambda \\lVert w \\rVert_2^2$ shrinks weights.",
        "$$\n\\hat w = \\arg\\min_w \\frac{1}{n} \\sum_{i=1}^{n} (y_i - w^\\top x_i)^2"
        " + \\lambda \\lVert w \\rVert_2^2\n$$",
        " ".join(_sentence(rng, 12) for _ in range(6)),
        "```python\nimport numpy as np\n\ndef fit(X, y, lam=1.0):\n"
        "    return np.linalg.solve(X.T @ X + lam * np.eye(X.shape[1]), X.T @ y)\n```",
        "- " + _sentence(rng, 10) + "\n- " + _sentence(rng, 10) + "\n- " + _sentence(rng, 10),
        " ".join(_sentence(rng, 12) for _ in range(6)),
    ]
    answer = "\n\n".join(paragraphs)
    lines = [
        f"id: {entry_id}",
        f"title: Synthetic question {index} about {rng.choice(WORDS)} {rng.choice(WORDS)}",
        "question: >-",
        f"  {_sentence(rng, 18)[:-1]}?",
        f"category: {category}",
        f"difficulty: {rng.choice(['easy', 'medium', 'hard'])}",
        f"tags: [{', '.join(f'tag-{t:02d}' for t in tags)}]",
        "asked_because: >-",
        f"  {_sentence(rng, 20)}",
        "answer: |",
        *[f"  {line}" if line else "" for line in answer.splitlines()],
        "cheat: |",
        f"  {_sentence(rng, 14)} $w \\leftarrow w - \\eta \\nabla L$.",
        f"  {_sentence(rng, 12)}",
        "tips:",
        f"  - {_sentence(rng, 10)}",
        "pitfalls:",
        f"  - {_sentence(rng, 10)}",
        "related:" if related else "related: []",
        *[f"  - synthetic-question-{other:05d}" for other in related],
    ]
    return f"{category}/{entry_id}.yaml", "\n".join(lines) + "\n"


def synthesize(content: Path, n: int, seed: int = 0) -> None:
    """A valid content tree of ``n`` synthetic entries."""
    rng = random.Random(seed)
    categories = "".join(
        f"category-{c:02d}:\n  title: Synthetic category {c}\n  description: Questions of group {c}.\n  order: {c}\n"
        for c in range(CATEGORIES)
    )
    tags = "".join(f"tag-{t:02d}:\n  title: Tag {t}\n  description: Synthetic tag {t}.\n" for t in range(_tag_count(n)))
    (content / "questions").mkdir(parents=True)
    (content / "categories.yaml").write_text(categories, encoding="utf-8")
    (content / "tags.yaml").write_text(tags, encoding="utf-8")
    for c in range(CATEGORIES):
        (content / "questions" / f"category-{c:02d}").mkdir()
    for index in range(n):
        path, text = _entry(rng, index, n)
        (content / "questions" / path).write_text(text, encoding="utf-8")


def timed(action) -> tuple[float, object]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def run_generate(content: Path, docs: Path, cache: Path, state: Path) -> tuple[float, generate.Plan]:
    """Time what `make generate` does: build, write, and save the state for the next run."""

    def action():
        change = generate.update(content, docs, cache, state)
        assert change is not None, "synthetic content must be valid"
        return change

    return timed(action)


def search_latency(site: Path, query: str) -> float:
    """Milliseconds from starting to load the home page to the first search results."""
    with browser.serve(site) as url, browser.chromium() as chrome:
        tab = chrome.new_page()
        start = time.perf_counter()
        tab.goto(url)
        tab.keyboard.press("/")
        tab.keyboard.type(query)
        tab.locator(".md-search-result__list a").first.wait_for(timeout=60_000)
        return (time.perf_counter() - start) * 1000


def bench(n: int, repeats: int, work: Path) -> dict[str, float]:
    content = work / "content"
    synthesize(content, n)
    cache = work / "figure-cache"

    cold = []
    for attempt in range(repeats):
        docs = copy_site_sources(work / f"cold-{attempt}", guides=False) / "docs"
        state = work / f"cold-{attempt}" / "generate.sqlite"  # none yet: a cold run
        seconds, _ = run_generate(content, docs, cache, state)
        cold.append(seconds)
    site_project = work / "cold-0"
    docs = site_project / "docs"
    state = site_project / "generate.sqlite"

    noop, noop_writes = [], set()
    for _ in range(repeats):
        seconds, change = run_generate(content, docs, cache, state)
        noop.append(seconds)
        noop_writes.add(len(change.writes) + len(change.deletes))

    entry = next((content / "questions").rglob("*.yaml"))
    one_change, one_writes = [], set()
    for attempt in range(repeats):
        entry.write_text(
            entry.read_text(encoding="utf-8").replace("answer: |\n", f"answer: |\n  Edited {attempt}.\n\n", 1),
            encoding="utf-8",
        )
        seconds, change = run_generate(content, docs, cache, state)
        one_change.append(seconds)
        one_writes.add(len(change.writes) + len(change.deletes))

    builds = []
    for _ in range(1 if n > 1000 else repeats):
        out = site_project / "site"
        shutil.rmtree(out, ignore_errors=True)
        seconds, status = timed(lambda out=out: build_site.mkdocs_build(site_project / "mkdocs.yml", out))
        assert status == 0, "mkdocs build failed"
        builds.append(seconds)
    site = site_project / "site"
    pdf_seconds, _ = timed(lambda: print_pdf(site, "cheatsheet/", site / "downloads" / "cheatsheet.pdf", "bench"))
    index_bytes = (site / "search" / "search_index.json").stat().st_size
    title = next(line for line in entry.read_text().splitlines() if line.startswith("title: "))[7:]
    search = [search_latency(site, title) for _ in range(repeats)]

    return {
        "entries": n,
        "generate_s": statistics.median(cold),
        "noop_s": statistics.median(noop),
        "noop_writes": max(noop_writes),
        "one_change_s": statistics.median(one_change),
        "one_change_writes": max(one_writes),
        "build_s": statistics.median(builds),
        "pdf_s": pdf_seconds,
        "index_bytes": index_bytes,
        "search_ms": statistics.median(search),
    }


COLUMNS = (
    ("entries", 8, lambda r: f"{r['entries']}"),
    ("generate s", 11, lambda r: f"{r['generate_s']:.3f}"),
    ("entries/s", 10, lambda r: f"{r['entries'] / r['generate_s']:.0f}"),
    ("no-op s", 8, lambda r: f"{r['noop_s']:.3f}"),
    ("writes", 6, lambda r: f"{r['noop_writes']}"),
    ("1 change s", 11, lambda r: f"{r['one_change_s']:.3f}"),
    ("writes", 6, lambda r: f"{r['one_change_writes']}"),
    ("build s", 8, lambda r: f"{r['build_s']:.1f}"),
    ("ms/entry", 9, lambda r: f"{1000 * r['build_s'] / r['entries']:.2f}"),
    ("pdf s", 6, lambda r: f"{r['pdf_s']:.1f}"),
    ("index KB/entry", 15, lambda r: f"{r['index_bytes'] / r['entries'] / 1024:.2f}"),
    ("search ms", 10, lambda r: f"{r['search_ms']:.0f}"),
)


def report(results: list[dict[str, float]]) -> None:
    print(" ".join(f"{name:>{width}}" for name, width, _ in COLUMNS))
    for r in results:
        print(" ".join(f"{cell(r):>{width}}" for _, width, cell in COLUMNS))
    for r in results:
        print(
            f"bench entries={r['entries']} generate_s={r['generate_s']:.3f} noop_s={r['noop_s']:.3f} "
            f"one_change_s={r['one_change_s']:.3f} build_s={r['build_s']:.1f} pdf_s={r['pdf_s']:.1f} "
            f"index_bytes={r['index_bytes']} search_ms={r['search_ms']:.0f}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    results = []
    for n in args.sizes:
        with tempfile.TemporaryDirectory(prefix=f"bench-{n}-") as work:
            print(f"benchmarking {n} entries ...", file=sys.stderr, flush=True)
            results.append(bench(n, args.repeats, Path(work)))
    report(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
