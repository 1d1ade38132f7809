"""Generate the site's Markdown pages from the content tree.

Usage: ``python -m scripts.generate [--check] [--content DIR] [--docs DIR]``

    load -> validate -> render figures -> render pages -> write

``render`` is a pure function from validated content (and figure SVGs) to
``{path relative to docs/: text}``. ``write`` touches only files whose text changed and
removes stale generated files; nothing is written unless every step before it succeeded.
With ``--check`` nothing is written and the exit status is 1 when the pages on disk are
out of date.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import shutil
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

import yaml
from jinja2 import (
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateSyntaxError,
    select_autoescape,
)

from scripts.cache import DEFAULT_STATE, Memo, code_stamp, collector_paused, digest, load_state, save_state
from scripts.check_content import Content, load_content, report
from scripts.exports import BASENAME, fragment_key, render_data
from scripts.figures import DEFAULT_CACHE, render_figures
from scripts.problems import Problem
from scripts.schema import DIFFICULTIES

TEMPLATES = Path(__file__).with_name("templates")

# What the generator owns below docs/: these folders are emptied of anything it did not
# just render, and these single files are rewritten. Everything else is hand-written.
GENERATED_DIRS = ("questions", "categories", "tags", "difficulty", "cheatsheet", "figures", "downloads")
GENERATED_FILES = ("index.md", "study/cards.json")
# Hand-written pages the home page features when they exist (read at the edge, in main).
FEATURED = ("guides/index.md",)


# --- render -----------------------------------------------------------------------------


def _yaml_str(text: str) -> str:
    """A YAML scalar for front matter (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return " ".join(text.split()).replace("|", r"\|")


def _attr(text: str) -> str:
    """Text for a page's `description` front matter. The theme inserts that value into an
    HTML attribute as it is, so it must already be escaped."""
    return html.escape(text, quote=True)


_PLAIN = (  # (pattern, replacement), applied in order
    (re.compile(r"(?m)^\s*(```|~~~)\S*\s*$"), ""),  # code fence lines
    (re.compile(r"(?m)^\s*#+\s+"), ""),  # heading markers
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links
)
_MARKS = str.maketrans("", "", "$*_`")  # math delimiters, emphasis and code marks


def _plain(text: str) -> str:
    """Markdown reduced to one line of plain text (for descriptions and alt text)."""
    for pattern, replacement in _PLAIN:
        text = pattern.sub(replacement, text)
    return " ".join(text.translate(_MARKS).split())


def _json_ld(entry) -> str:
    """schema.org QAPage data for search engines, safe inside a <script> element."""
    data = {
        "@context": "https://schema.org",
        "@type": "QAPage",
        "mainEntity": {
            "@type": "Question",
            "name": entry.title,
            "text": _plain(entry.question),
            "answerCount": 1,
            "acceptedAnswer": {"@type": "Answer", "text": _plain(entry.answer)},
        },
    }
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        undefined=StrictUndefined,
        autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(yaml_str=_yaml_str, cell=_cell, plain=_plain, attr=_attr)
    return env


def _records(content: Content) -> tuple[dict, dict]:
    """Category and tag records as templates see them: an id and the fields of the table."""
    categories = {cid: {"id": cid, **c.model_dump()} for cid, c in content.categories.items()}
    tags = {tid: {"id": tid, **t.model_dump()} for tid, t in content.tags.items()}
    return categories, tags


def _summary(entry, categories: dict, tags: dict) -> dict:
    """What listing pages, cheat sheets and related links show of an entry. ``_row`` must
    hash every field taken from the entry: it is what their cache keys are made of."""
    return {
        "id": entry.id,
        "title": entry.title,
        "difficulty": entry.difficulty,
        "cheat": entry.cheat,
        "category": categories[entry.category],
        "tags": [tags[tag] for tag in entry.tags],
    }


def _row(entry) -> str:
    """A hash of the fields ``_summary`` takes from an entry, for cache keys."""
    return digest(entry.id, entry.title, entry.difficulty, entry.cheat, entry.category, *entry.tags)


def _site_data(content: Content, records: tuple[dict, dict]) -> dict:
    """Plain data the listing pages lay out: every list sorted, nothing computed in Jinja."""
    rank = {level: index for index, level in enumerate(DIFFICULTIES)}
    records, tag_records = records
    categories = {cid: {**record, "entries": []} for cid, record in records.items()}
    tags = {tid: {**record, "entries": []} for tid, record in tag_records.items()}
    ordered = sorted(
        (_summary(entry, records, tag_records) for entry in content.entries.values()),
        key=lambda e: (rank[e["difficulty"]], e["title"].lower(), e["id"]),
    )
    for summary in ordered:
        categories[summary["category"]["id"]]["entries"].append(summary)
        for tag in summary["tags"]:
            tags[tag["id"]]["entries"].append(summary)
    for group in [*categories.values(), *tags.values()]:
        group["counts"] = {level: 0 for level in DIFFICULTIES}
        for summary in group["entries"]:
            group["counts"][summary["difficulty"]] += 1
    by_difficulty = {level: [e for e in ordered if e["difficulty"] == level] for level in DIFFICULTIES}
    # For each level, its entries grouped by category, in category order.
    by_level_and_category = {
        level: [(c, [e for e in c["entries"] if e["difficulty"] == level]) for c in categories.values()]
        for level in DIFFICULTIES
    }
    counts = Counter(e["difficulty"] for e in ordered)
    return {
        "entries": ordered,
        "categories": list(categories.values()),
        "tags": sorted(tags.values(), key=lambda t: t["title"].lower()),
        "difficulties": list(DIFFICULTIES),
        "by_difficulty": by_difficulty,
        "by_level_and_category": by_level_and_category,
        "counts": {"entries": len(ordered), "categories": len(categories), "tags": len(tags), **counts},
    }


def _entry_page(content: Content, records: tuple[dict, dict], entry_id: str, has_figure: bool) -> SimpleNamespace:
    """Everything an entry's page shows: the entry, and summaries of its related entries.
    Its cache key covers exactly this: the entry file's hash, the tables and ``_row``s."""
    entry = content.entries[entry_id]
    categories, tags = records
    # A namespace, not a dict: Jinja looks up `entry.title` as an attribute first.
    return SimpleNamespace(
        **{
            **dict(entry),  # the fields; nested ones (code, figure, references) stay models
            "category": categories[entry.category],
            "tags": [tags[tag] for tag in entry.tags],
            "related": [_summary(content.entries[other], categories, tags) for other in entry.related],
            "has_figure": has_figure,
            "description": _plain(entry.question),
            "json_ld": _json_ld(entry),
        }
    )


def cheat_sheet_pdfs(content: Content) -> list[tuple[str, str, str]]:
    """(page below the site root, PDF name, label) of every cheat sheet to print."""
    sheets = [("cheatsheet/", "cheatsheet.pdf", "cheat sheet")]
    used = {entry.category for entry in content.entries.values()}
    for category_id, category in content.categories.items():
        if category_id in used:
            sheets.append(
                (f"cheatsheet/{category_id}/", f"cheatsheet-{category_id}.pdf", f"cheat sheet: {category.title}")
            )
    return sheets


def _cheat_sheet(site: dict, category_id: str | None) -> dict:
    """The full cheat sheet (``category_id`` None) or one category's; each prints to a PDF."""
    if category_id is None:
        return {
            "title": "Cheat sheet",
            "heading": "ML interview cheat sheet",
            "categories": [c for c in site["categories"] if c["entries"]],
            "count": site["counts"]["entries"],
            "main": True,
        }
    c = next(c for c in site["categories"] if c["id"] == category_id)
    return {
        "title": f"Cheat sheet: {c['title']}",
        "heading": f"Cheat sheet: {c['title']}",
        "categories": [c],
        "count": len(c["entries"]),
        "main": False,
    }


@dataclass
class _Page:
    """A page rendered from a template: which one, what it shows, and its cache key."""

    template: str
    shows: tuple  # ("entry", id, has_figure), ("category", id), ("tag", id), ("level", name), ("sheet", id or None)
    key: str


def _tables(records: tuple[dict, dict], featured: Sequence[dict]) -> str:
    """A hash of what every generated file may depend on besides the entries: the code,
    the templates, the category and tag tables and the featured pages."""
    templates = [(file.name, file.read_text(encoding="utf-8")) for file in sorted(TEMPLATES.glob("*.j2"))]
    return digest(code_stamp(), json.dumps([templates, *records, list(featured)], sort_keys=True))


def _pages(content: Content, records: tuple[dict, dict], tables: str, figures: dict[str, str]) -> dict[str, _Page]:
    """Every page rendered from a template. A page's key is a hash of everything its text
    depends on: ``tables`` and the entries it shows (their whole file on an entry page,
    their ``_row`` elsewhere). Equal keys mean equal text, so a page whose key did not
    change need not be rendered."""
    categories, tags = records
    rows = {entry_id: _row(entry) for entry_id, entry in content.entries.items()}

    def listing(template: str, shows: tuple, entry_ids) -> _Page:
        return _Page(template, shows, digest(tables, template, *map(str, shows), *(rows[i] for i in entry_ids)))

    pages = {
        path: listing(template, (), rows)
        for path, template in (
            ("index.md", "home.md.j2"),
            ("categories/index.md", "categories.md.j2"),
            ("tags/index.md", "tags.md.j2"),
            ("difficulty/index.md", "difficulties.md.j2"),
        )
    }
    members: dict[tuple, list[str]] = {}
    for entry_id, entry in content.entries.items():
        has_figure = entry_id in figures
        key = digest(tables, "entry", content.sources[entry_id].digest, str(has_figure), *map(rows.get, entry.related))
        pages[f"questions/{entry_id}.md"] = _Page("entry.md.j2", ("entry", entry_id, has_figure), key)
        for group in (("category", entry.category), *(("tag", tag) for tag in entry.tags)):
            members.setdefault(group, []).append(entry_id)
    for category_id in categories:
        ids = members.get(("category", category_id), [])
        pages[f"categories/{category_id}.md"] = listing("category.md.j2", ("category", category_id), ids)
        if ids:
            pages[f"cheatsheet/{category_id}.md"] = listing("cheatsheet.md.j2", ("sheet", category_id), ids)
    for tag_id in tags:
        pages[f"tags/{tag_id}.md"] = listing("tag.md.j2", ("tag", tag_id), members.get(("tag", tag_id), []))
    for level in DIFFICULTIES:
        pages[f"difficulty/{level}.md"] = listing("difficulty.md.j2", ("level", level), rows)
    pages["cheatsheet/index.md"] = listing("cheatsheet.md.j2", ("sheet", None), rows)
    return pages


def _context(content: Content, records: tuple[dict, dict], site: dict | None, shows: tuple) -> dict:
    """The variables a template gets. Entry pages see only their entry (``_entry_page``)."""
    kind = shows[0] if shows else None
    if kind == "entry":
        return {"entry": _entry_page(content, records, shows[1], shows[2])}
    context: dict = {"site": site}
    if kind == "category":
        context["category"] = next(c for c in site["categories"] if c["id"] == shows[1])
    elif kind == "tag":
        context["tag"] = next(t for t in site["tags"] if t["id"] == shows[1])
    elif kind == "level":
        context["level"] = shows[1]
    elif kind == "sheet":
        context["sheet"] = _cheat_sheet(site, shows[1])
    return context


DATA_FILES = ("study/cards.json", *(f"downloads/{BASENAME}.{ext}" for ext in ("json", "schema.json", "csv")))


def render_changed(
    content: Content,
    figures: dict[str, str],
    featured: Sequence[dict] = (),
    fresh: dict[str, str] | None = None,
    memo: Memo | None = None,
) -> tuple[dict[str, str], dict[str, str]]:
    """``(texts, keys)``: the key of every generated file (by path relative to docs/), and
    the text of each one whose key differs from its key in ``fresh`` (so of every file when
    ``fresh`` is empty). Pure: no I/O, no clock. ``featured`` lists hand-written pages for
    the home page ({path, title, description}); ``memo`` keeps the exports' entry parts."""
    fresh = fresh or {}
    records = _records(content)
    tables = _tables(records, featured)
    pages = _pages(content, records, tables, figures)
    keys = {path: page.key for path, page in pages.items()}
    keys.update({f"figures/{entry_id}.svg": digest(svg) for entry_id, svg in figures.items()})
    data_key = digest(tables, "data", *(source.digest for source in content.sources.values()))
    keys.update(dict.fromkeys(DATA_FILES, data_key))

    stale = {path for path, key in keys.items() if fresh.get(path) != key}
    texts: dict[str, str] = {}
    env, site = _environment(), None
    for path in stale & pages.keys():
        page = pages[path]
        if site is None and page.shows[:1] != ("entry",):  # entry pages do not need it
            site = {**_site_data(content, records), "featured": list(featured)}
        texts[path] = env.get_template(page.template).render(**_context(content, records, site, page.shows))
    texts.update({path: svg for entry_id, svg in figures.items() if (path := f"figures/{entry_id}.svg") in stale})
    if stale.intersection(DATA_FILES):
        texts.update(render_data(content, memo))
    elif memo is not None:  # keep the exports' parts for the run that will need them
        for entry_id in content.entries:
            memo.keep(fragment_key(content, entry_id))
    return dict(sorted(texts.items())), dict(sorted(keys.items()))


def render(content: Content, figures: dict[str, str], featured: Sequence[dict] = ()) -> dict[str, str]:
    """Every generated file as ``{path relative to docs/: text}``. Pure: no I/O, no clock.
    ``featured`` lists hand-written pages for the home page ({path, title, description})."""
    return render_changed(content, figures, featured)[0]


# --- write ------------------------------------------------------------------------------


@dataclass
class Plan:
    """What ``write`` would change: files to (re)write and stale files to remove."""

    writes: dict[str, str] = field(default_factory=dict)
    deletes: list[str] = field(default_factory=list)
    unchanged: int = 0
    keys: dict[str, str] = field(default_factory=dict)  # every generated file's key (see _pages)
    fresh: dict[str, tuple] = field(default_factory=dict)  # files as the last run left them
    memo: Memo = field(default_factory=Memo)

    @property
    def empty(self) -> bool:
        return not self.writes and not self.deletes


def _owned_files(docs: Path) -> list[str]:
    found = []
    for folder in GENERATED_DIRS:
        for parent, _, files in os.walk(docs / folder):
            base = Path(parent).relative_to(docs).as_posix()
            found += [f"{base}/{name}" for name in files]
    found += [name for name in GENERATED_FILES if (docs / name).is_file()]
    return sorted(found)


def plan(outputs: dict[str, str], docs: Path, keys: dict[str, str] | None = None) -> Plan:
    """Compare rendered outputs with the files on disk. Paths in ``keys`` that are not in
    ``outputs`` were found up to date without being rendered (see ``render_changed``)."""
    result = Plan(keys=dict(keys or {}))
    for path, text in outputs.items():
        target = docs / path
        try:
            current = target.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            current = None
        if current == text:
            result.unchanged += 1
        else:
            result.writes[path] = text
    result.unchanged += len(result.keys.keys() - outputs.keys())
    result.deletes = [path for path in _owned_files(docs) if path not in outputs and path not in result.keys]
    return result


def _fresh(state: dict, docs: Path) -> dict[str, tuple]:
    """The records (key, status) of the generated files that are on disk as the last run
    left them, from the state that run saved."""
    if state.get("docs") != str(docs.resolve()):
        return {}
    fresh = {}
    for path, (key, *recorded) in state.get("pages", {}).items():
        try:
            status = os.stat(os.path.join(docs, path))
        except OSError:
            continue
        if _signature(status) == tuple(recorded):
            fresh[path] = (key, *recorded)
    return fresh


def _signature(status: os.stat_result) -> tuple:
    """What changes when a file is replaced or edited (the change time even under `cp -p`)."""
    return (status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns)


def remember(change: Plan, docs: Path, state: Path | None) -> None:
    """Save what the next run needs to skip unchanged work: the memo, and each generated
    file's key with its status now (after ``write``)."""
    pages = {}
    for path, key in change.keys.items():
        record = change.fresh.get(path)
        if record is None or record[0] != key:  # rendered in this run
            record = (key, *_signature(os.stat(os.path.join(docs, path))))
        pages[path] = record
    save_state(state, {"docs": str(docs.resolve()), "pages": pages}, change.memo)


def _remove_empty_folders(docs: Path) -> None:
    for folder in GENERATED_DIRS:
        base = docs / folder
        if base.is_dir():
            for directory in sorted((p for p in base.rglob("*") if p.is_dir()), reverse=True):
                if not any(directory.iterdir()):
                    directory.rmdir()
            if not any(base.iterdir()):
                base.rmdir()


def clean(docs: Path) -> int:
    """Remove every generated file below ``docs``; returns how many were removed."""
    owned = _owned_files(docs)
    for path in owned:
        (docs / path).unlink()
    _remove_empty_folders(docs)
    return len(owned)


def _backup(target: Path) -> Path:
    """A hard link (or copy) of ``target`` beside it, to restore it if the write fails."""
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".bak")
    os.close(handle)
    backup = Path(name)
    backup.unlink()
    try:
        os.link(target, backup)
    except OSError:
        shutil.copy2(target, backup)
    return backup


def write(change: Plan, docs: Path) -> None:
    """Apply a plan as one transaction. New texts are first written to temporary files
    beside their targets; then each target is backed up and replaced, and stale files are
    moved aside. If anything fails on the way, every change made so far is undone, so the
    previous pages stay exactly as they were."""
    staged: list[tuple[Path, Path]] = []
    folders: set[Path] = set()
    try:
        for path, text in change.writes.items():
            target = docs / path
            if target.parent not in folders:
                target.parent.mkdir(parents=True, exist_ok=True)
                folders.add(target.parent)
            # Named after this process, so no other run uses it; a crash's leftovers are
            # stale files in a generated folder, removed by the next run.
            temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
            stream = open(temporary, "w", encoding="utf-8", newline="\n")  # noqa: SIM115 - closed below
            staged.append((temporary, target))
            with stream:
                stream.write(text)
    except BaseException:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        raise

    done: list[tuple[Path, Path | None]] = []  # (target, its backup; None if it is new)
    try:
        for temporary, target in staged:
            backup = _backup(target) if target.exists() else None
            try:
                os.replace(temporary, target)
            except BaseException:
                if backup is not None:
                    backup.unlink()
                raise
            done.append((target, backup))
        for path in change.deletes:
            target = docs / path
            backup = _backup(target)
            target.unlink()
            done.append((target, backup))
    except BaseException:
        for target, backup in reversed(done):
            if backup is None:
                target.unlink(missing_ok=True)
            else:
                os.replace(backup, target)
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        raise
    for _, backup in done:
        if backup is not None:
            backup.unlink(missing_ok=True)
    if change.deletes:
        _remove_empty_folders(docs)


# --- command line -----------------------------------------------------------------------


def collect(content_dir: Path, cache: Path, memo: Memo | None = None) -> tuple[Content, dict[str, str], list[Problem]]:
    """Load, validate and render figures: every problem of the content tree, in order."""
    content, problems = load_content(content_dir, memo)
    if problems:
        return content, {}, problems
    figures, problems = render_figures(content, cache)
    return content, figures, problems


def featured_pages(docs: Path) -> list[dict]:
    """Title and description (from the front matter) of each FEATURED page that exists."""
    pages = []
    for path in FEATURED:
        file = docs / path
        if file.is_file():
            text = file.read_text(encoding="utf-8")
            meta = yaml.safe_load(text.split("---", 2)[1]) if text.startswith("---") else {}
            pages.append({"path": path, "title": meta.get("title", path), "description": meta.get("description", "")})
    return pages


def build(
    content_dir: Path, docs: Path, cache: Path, state: Path | None = None, trust_disk: bool = True
) -> Plan | None:
    """Validate and render; returns the plan, or None after reporting the problems.

    ``state`` is the file where ``remember`` saved the previous run's work (see
    scripts/cache.py); unchanged entries are then not validated again, and pages whose key
    did not change are not rendered or read, unless ``trust_disk`` is false."""
    with collector_paused():
        saved = load_state(state)
        memo = Memo(saved.get("memo"))
        content, figures, problems = collect(content_dir, cache, memo)
        if problems:
            report(problems)
            return None
        fresh = _fresh(saved, docs) if trust_disk else {}
        known = {path: record[0] for path, record in fresh.items()}
        texts, keys = render_changed(content, figures, featured_pages(docs), known, memo)
        change = plan(texts, docs, keys)
        change.memo, change.fresh = memo, fresh
        return change


def update(content_dir: Path, docs: Path, cache: Path, state: Path | None) -> Plan | None:
    """What `make generate` does: build, write the changes, and remember them for the next
    run; None after reporting problems. The collector is paused throughout (see
    ``collector_paused``): the run builds many objects that live until it ends."""
    with collector_paused():
        change = build(content_dir, docs, cache, state)
        if change is not None:
            write(change, docs)
            remember(change, docs, state)
        return change


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="exit 1 if generated pages are out of date; write nothing")
    mode.add_argument("--clean", action="store_true", help="remove every generated file and exit")
    parser.add_argument("--content", type=Path, default=Path("content"), help="content folder (default: content)")
    parser.add_argument("--docs", type=Path, default=Path("docs"), help="MkDocs docs folder (default: docs)")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="figure cache (default: .cache/figures)")
    parser.add_argument(
        "--state", type=Path, default=DEFAULT_STATE, help="what the last run did (default: .cache/generate.sqlite)"
    )
    args = parser.parse_args(argv)

    if args.clean:
        print(f"removed {clean(args.docs)} generated files")
        return 0
    try:
        if args.check:
            change = build(args.content, args.docs, args.cache, args.state, trust_disk=False)
        else:
            change = update(args.content, args.docs, args.cache, args.state)
    except TemplateError as error:  # a bug in scripts/templates/, not in the content
        where = f"{error.filename}:{error.lineno}: " if isinstance(error, TemplateSyntaxError) else ""
        print(f"generate: template error: {where}{error}", file=sys.stderr)
        print("nothing was written", file=sys.stderr)
        return 1
    if change is None:
        print("nothing was written", file=sys.stderr)
        return 1
    if args.check:
        for path in sorted(change.writes):
            print(f"out of date: {args.docs / path}", file=sys.stderr)
        for path in change.deletes:
            print(f"stale: {args.docs / path}", file=sys.stderr)
        if not change.empty:
            print("generated pages are out of date: run `make generate`", file=sys.stderr)
            return 1
        print(f"generated pages are up to date ({change.unchanged} files)")
        return 0
    print(f"generated: {len(change.writes)} written, {len(change.deletes)} removed, {change.unchanged} unchanged")
    return 0


if __name__ == "__main__":
    sys.exit(main())
