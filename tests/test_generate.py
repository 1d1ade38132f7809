"""The write step: only changed files are touched, stale ones go, failures write nothing."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from scripts import generate

from .conftest import FIXTURES, ROOT


@pytest.fixture
def project(tmp_path, figure_cache):
    """A content tree and a docs folder holding one hand-written page, generated once."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "valid", content)
    docs = tmp_path / "docs"
    (docs / "guides").mkdir(parents=True)
    (docs / "guides" / "hand-written.md").write_text("# Mine\n")
    state = tmp_path / "state.sqlite"

    def run(*extra: str) -> int:
        paths = ["--content", str(content), "--docs", str(docs), "--cache", str(figure_cache), "--state", str(state)]
        return generate.main([*paths, *extra])

    assert run() == 0
    return content, docs, run


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in folder.rglob("*")
        if p.is_file()
    }


def test_first_run_writes_every_page(project):
    _, docs, _ = project
    files = snapshot(docs)
    assert "questions/first-entry.md" in files
    assert "figures/second-entry.svg" in files
    assert "guides/hand-written.md" in files


def test_noop_run_writes_nothing(project, capsys):
    _, docs, run = project
    before = snapshot(docs)
    capsys.readouterr()
    assert run() == 0
    assert snapshot(docs) == before  # same bytes and same modification times
    assert capsys.readouterr().out.startswith("generated: 0 written, 0 removed")


def test_one_change_rewrites_only_affected_pages(project):
    content, docs, run = project
    before = snapshot(docs)
    entry = content / "questions" / "beta" / "third-entry.yaml"
    entry.write_text(entry.read_text().replace("Only the required fields.", "Only the required fields, edited."))
    assert run() == 0
    after = snapshot(docs)
    changed = {path for path in after if after[path] != before.get(path)}
    # The entry's page and the full exports hold the answer; nothing else does.
    assert changed == {
        "questions/third-entry.md",
        "downloads/ml-interview-bank.json",
        "downloads/ml-interview-bank.csv",
    }


def test_stale_pages_are_removed_and_hand_written_pages_kept(project):
    content, docs, run = project
    (content / "questions" / "beta" / "third-entry.yaml").unlink()
    second = content / "questions" / "alpha" / "second-entry.yaml"
    second.write_text(second.read_text().replace("related: [first-entry, third-entry]", "related: [first-entry]"))
    tags = content / "tags.yaml"
    tags.write_text(tags.read_text().split("tag-three:")[0])
    assert run() == 0
    assert not (docs / "questions" / "third-entry.md").exists()
    assert not (docs / "tags" / "tag-three.md").exists()
    assert (
        not (docs / "categories" / "beta.md").exists()
        or "third-entry" not in (docs / "categories" / "beta.md").read_text()
    )
    assert (docs / "guides" / "hand-written.md").read_text() == "# Mine\n"


def test_invalid_content_leaves_previous_output_untouched(project, capsys):
    content, docs, run = project
    before = snapshot(docs)
    entry = content / "questions" / "alpha" / "first-entry.yaml"
    entry.write_text(entry.read_text().replace("difficulty: medium", "difficulty: extreme"))
    (content / "questions" / "beta" / "third-entry.yaml").write_text("id: [broken\n")
    assert run() == 1
    assert snapshot(docs) == before
    err = capsys.readouterr().err
    assert "first-entry.yaml:6: E203" in err and "third-entry.yaml:2: E100" in err
    assert err.rstrip().endswith("nothing was written")


def test_failing_figure_leaves_previous_output_untouched(project):
    content, docs, run = project
    before = snapshot(docs)
    entry = content / "questions" / "alpha" / "second-entry.yaml"
    entry.write_text(entry.read_text().replace("ax.plot(x, 2 * x)", "ax.plot(x, 2 * x)\n    1 / 0"))
    assert run() == 1
    assert snapshot(docs) == before


def test_failure_while_staging_leaves_previous_output_untouched(project, figure_cache, monkeypatch):
    """If writing the new files fails half-way, no target file has been replaced."""
    content, docs, _ = project
    before = snapshot(docs)
    for name in ("first-entry", "third-entry"):
        entry = next(content.rglob(f"{name}.yaml"))
        entry.write_text(entry.read_text().replace("cheat: |\n", "cheat: |\n  Edited.\n"))
    change = generate.build(content, docs, figure_cache)
    assert len(change.writes) > 2
    calls = []

    def failing_open(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise OSError("disk full (injected)")
        return open(*args, **kwargs)

    monkeypatch.setattr(generate, "open", failing_open, raising=False)  # shadows the built-in there
    with pytest.raises(OSError, match="injected"):
        generate.write(change, docs)
    assert snapshot(docs) == before  # no target replaced, no temporary file left behind


def test_failure_while_replacing_rolls_back_every_change(project, figure_cache, monkeypatch):
    """A crash half-way through moving new pages into place (and removing stale ones)
    undoes the moves already made."""
    content, docs, _ = project
    (docs / "questions" / "orphan.md").write_text("stale")  # a stale page to remove
    before = snapshot(docs)
    for name in ("first-entry", "third-entry"):
        entry = next(content.rglob(f"{name}.yaml"))
        entry.write_text(entry.read_text().replace("cheat: |\n", "cheat: |\n  Edited.\n"))
    change = generate.build(content, docs, figure_cache)
    assert len(change.writes) > 3 and change.deletes
    real_replace = generate.os.replace
    calls = []

    def failing_replace(source, target):
        calls.append(target)
        if len(calls) == 3:
            raise OSError("power cut (injected)")
        return real_replace(source, target)

    monkeypatch.setattr(generate.os, "replace", failing_replace)
    with pytest.raises(OSError, match="injected"):
        generate.write(change, docs)
    monkeypatch.setattr(generate.os, "replace", real_replace)
    assert snapshot(docs) == before  # same files, same bytes, same times; no stray temporaries


def test_template_error_leaves_previous_output_untouched(project, monkeypatch, capsys):
    """A broken template (a bug, not bad content) is reported without a traceback."""
    _, docs, run = project
    before = snapshot(docs)
    templates = docs.parent / "templates"
    shutil.copytree(generate.TEMPLATES, templates)
    entry = templates / "entry.md.j2"
    entry.write_text(entry.read_text().replace("{{ entry.title }}", "{{ entry.no_such_field }}", 1))
    monkeypatch.setattr(generate, "TEMPLATES", templates)
    capsys.readouterr()
    assert run() == 1
    err = capsys.readouterr().err
    assert "template error" in err and "no_such_field" in err and "Traceback" not in err
    assert snapshot(docs) == before


def test_check_mode(project):
    content, docs, run = project
    assert run("--check") == 0
    entry = content / "questions" / "alpha" / "first-entry.yaml"
    entry.write_text(entry.read_text().replace("A tip.", "A better tip."))
    before = snapshot(docs)
    assert run("--check") == 1
    assert snapshot(docs) == before  # --check never writes
    (docs / "questions" / "orphan.md").write_text("stale")
    assert run() == 0
    assert run("--check") == 0
    assert not (docs / "questions" / "orphan.md").exists()


def test_clean_removes_only_generated_files(project):
    _, docs, _ = project
    assert generate.clean(docs) > 0
    remaining = {p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file()}
    assert remaining == {"guides/hand-written.md"}


def test_gitignore_covers_every_generated_path():
    ignored = (ROOT / ".gitignore").read_text().splitlines()
    for folder in generate.GENERATED_DIRS:
        assert f"/docs/{folder}/" in ignored
    for name in generate.GENERATED_FILES:
        assert f"/docs/{name}" in ignored


def test_command_line_reports_problems_without_traceback(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "valid", content)
    (content / "questions" / "alpha" / "first-entry.yaml").write_text("id: first-entry\n\ttitle: tab\n")
    result = subprocess.run(
        [sys.executable, "-m", "scripts.generate", "--content", str(content), "--docs", str(tmp_path / "docs")],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "first-entry.yaml:2: E100" in result.stderr
    assert not (tmp_path / "docs").exists()


def test_home_page_features_the_guides_when_they_exist(project):
    _, docs, run = project
    assert "guides/index.md" not in (docs / "index.md").read_text()
    (docs / "guides" / "index.md").write_text(
        '---\ntitle: Study guides\ndescription: "How to prepare: a plan."\n---\n\n# Guides\n'
    )
    assert run() == 0
    assert "[study guides](guides/index.md):** How to prepare: a plan." in (docs / "index.md").read_text()
