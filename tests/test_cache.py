"""The generator's cache (scripts/cache.py): it changes how much work a run does, never its output."""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from pathlib import Path

import pytest

from scripts import cache, check_content, exports, generate

from .conftest import FIXTURES


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def bank(tmp_path, figure_cache):
    """A content tree, generated once with a state file; ``run`` regenerates with it."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "valid", content)
    docs = tmp_path / "docs"
    state = tmp_path / "state.sqlite"

    def run(docs: Path = docs, state: Path = state) -> generate.Plan:
        change = generate.update(content, docs, figure_cache, state)
        assert change is not None
        return change

    run()
    return content, docs, state, run


@pytest.fixture
def settled(monkeypatch):
    """Files count as settled (unchanged for two seconds) as soon as they are written."""
    monkeypatch.setattr(check_content, "SETTLED_NS", 0)


def edit(file: Path, old: str, new: str) -> None:
    text = file.read_text()
    assert old in text, old
    file.write_text(text.replace(old, new))


EDITS = [
    ("an answer", "questions/beta/third-entry.yaml", "Only the required fields.", "Only the required fields, edited."),
    ("a title shown on other pages", "questions/alpha/first-entry.yaml", 'title: "First entry:', 'title: "Renamed:'),
    ("a cheat line", "questions/alpha/first-entry.yaml", "Line two.", "Line two, edited."),
    ("a difficulty", "questions/beta/third-entry.yaml", "difficulty: hard", "difficulty: easy"),
    ("a tag title", "tags.yaml", "title: Tag two", "title: Tag 2"),
    ("a category title", "categories.yaml", "title: Beta topics", "title: Beta subjects"),
    ("a related link", "questions/alpha/second-entry.yaml", "[first-entry, third-entry]", "[third-entry]"),
]


@pytest.mark.parametrize("name, file, old, new", EDITS, ids=[e[0] for e in EDITS])
def test_cached_run_writes_what_a_fresh_run_writes(bank, settled, tmp_path, name, file, old, new):
    content, docs, _, run = bank
    run()  # a second run, so that every status is recorded
    edit(content / file, old, new)
    run()
    fresh = tmp_path / "fresh"
    run(docs=fresh, state=tmp_path / "fresh.sqlite")
    assert tree(docs) == tree(fresh)


def test_added_and_removed_entries(bank, settled, tmp_path):
    content, docs, _, run = bank
    beta = content / "questions" / "beta"
    new = beta / "fourth-entry.yaml"
    new.write_text((beta / "third-entry.yaml").read_text().replace("third-entry", "fourth-entry"))
    run()
    assert (docs / "questions" / "fourth-entry.md").is_file()
    new.unlink()
    run()
    assert not (docs / "questions" / "fourth-entry.md").exists()
    run(docs=tmp_path / "fresh", state=tmp_path / "fresh.sqlite")
    assert tree(docs) == tree(tmp_path / "fresh")


def test_unchanged_bank_is_neither_read_nor_rendered(bank, settled, monkeypatch):
    _, docs, _, run = bank
    run()  # records every file's status
    reads, renders = [], []
    real_read, real_render = check_content.read_file, generate.render_changed

    def read_file(file, path):
        reads.append(path)
        return real_read(file, path)

    def render_changed(*args, **kwargs):
        texts, keys = real_render(*args, **kwargs)
        renders.extend(texts)
        return texts, keys

    monkeypatch.setattr(check_content, "read_file", read_file)
    monkeypatch.setattr(generate, "render_changed", render_changed)
    change = run()
    assert change.empty and change.unchanged == len(tree(docs))
    assert reads == [] and renders == []


def test_one_change_renders_only_what_depends_on_it(bank, settled, monkeypatch):
    content, _, _, run = bank
    run()
    fragments = []
    real_fragments = exports._fragments

    def counting(content, entry_id):
        fragments.append(entry_id)
        return real_fragments(content, entry_id)

    monkeypatch.setattr(exports, "_fragments", counting)
    run()  # nothing changed: the exports' parts are kept, not recomputed
    edit(content / "questions" / "beta" / "third-entry.yaml", "Only the required fields.", "Edited.")
    change = run()
    assert set(change.writes) == {
        "questions/third-entry.md",
        "downloads/ml-interview-bank.json",
        "downloads/ml-interview-bank.csv",
    }
    assert fragments == ["third-entry"]


def test_a_change_that_keeps_size_and_modification_time_is_seen(bank, settled):
    """What `cp -p` or `tar` can leave behind: other bytes, same size, same mtime. The
    change time, which no tool can set, still tells."""
    content, docs, _, run = bank
    run()
    entry = content / "questions" / "beta" / "third-entry.yaml"
    before = entry.stat()
    time.sleep(0.05)  # a later clock tick than the recorded status
    edit(entry, "Only the required fields.", "Only the required FIELDS.")
    os.utime(entry, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (entry.stat().st_size, entry.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    run()
    assert "required FIELDS." in (docs / "questions" / "third-entry.md").read_text()


def test_recently_changed_files_are_always_read(bank, monkeypatch):
    """Within two seconds of a change, a file's status may not yet differ (same clock
    tick), so its bytes are read and hashed whatever the cache says."""
    content, _, _, run = bank
    run()
    reads = []
    real_read = check_content.read_file
    monkeypatch.setattr(check_content, "read_file", lambda file, path: reads.append(path) or real_read(file, path))
    run()
    assert len(reads) == 3  # the fixture files were written moments ago


def test_damaged_state_is_ignored_and_replaced(bank, tmp_path):
    content, docs, state, run = bank
    state.write_bytes(b"this is not a database")
    edit(content / "questions" / "beta" / "third-entry.yaml", "Only the required fields.", "Edited.")
    change = run()
    assert "questions/third-entry.md" in change.writes
    run(docs=tmp_path / "fresh", state=tmp_path / "fresh.sqlite")
    assert tree(docs) == tree(tmp_path / "fresh")
    assert generate.load_state(state)["docs"] == str(docs.resolve())


def test_state_written_by_other_code_is_ignored(bank, settled, monkeypatch):
    _, _, state, run = bank
    run()
    monkeypatch.setattr(cache, "code_stamp", lambda: "other code")
    assert cache.load_state(state) == {}
    loads = []
    real_load = check_content._load_entry
    monkeypatch.setattr(check_content, "_load_entry", lambda *args: loads.append(args[1]) or real_load(*args))
    run()
    assert len(loads) == 3  # every entry validated again


def test_state_keeps_only_current_versions(bank, settled):
    content, _, state, run = bank
    run()
    entry = content / "questions" / "beta" / "third-entry.yaml"

    def rows() -> int:
        with sqlite3.connect(state) as db:
            return db.execute("SELECT count(*) FROM memo").fetchone()[0]

    counts = []
    for attempt in range(3):
        edit(entry, "Only the required fields", f"Only the required fields ({attempt})")
        run()
        counts.append(rows())
    assert counts[0] == counts[1] == counts[2]


def test_hand_edited_page_is_restored_even_with_same_size_and_mtime(bank, settled):
    content, docs, state, run = bank
    run()
    page = docs / "questions" / "third-entry.md"
    original, status = page.read_text(), page.stat()
    time.sleep(0.05)
    page.write_text(original.replace("Only", "0nly"))  # same size
    os.utime(page, ns=(status.st_atime_ns, status.st_mtime_ns))
    args = ["--content", str(content), "--docs", str(docs), "--state", str(state)]
    assert generate.main([*args, "--check"]) == 1  # --check compares every file on disk
    assert run().writes.keys() == {"questions/third-entry.md"}
    assert page.read_text() == original


def test_problems_in_cached_entries_point_at_the_right_lines(bank, settled):
    """An entry taken from the cache is parsed again only when a problem needs its lines."""
    content, _, state, run = bank
    run()
    (content / "questions" / "beta" / "third-entry.yaml").unlink()  # second-entry relates to it
    memo = cache.Memo(cache.load_state(state)["memo"])
    loaded, cached = check_content.load_content(content, memo)
    _, fresh = check_content.load_content(content)
    assert cached == fresh
    assert [(p.line, p.code) for p in cached] == [(14, "E306"), (7, "E305")]  # the related list; tag-three
    assert loaded.sources["second-entry"].parsed is not None  # parsed for its problem's line
    assert loaded.sources["first-entry"].parsed is None  # never needed
