"""Whole builds of the small fixture tree: deterministic, and atomic when a step fails."""

from __future__ import annotations

import shutil
import sqlite3
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from scripts import build_site, generate
from scripts.check_content import load_content
from scripts.generate import cheat_sheet_pdfs
from scripts.print_pdf import Job, print_pdfs
from scripts.sandbox import copy_site_sources

from .conftest import FIXTURES


# The only files allowed to differ between two builds of the same content (see README):
# the PDFs carry their creation time, the Anki package Anki's timestamps.
def nondeterministic(path: str) -> bool:
    return path.startswith("downloads/") and path.endswith((".pdf", ".apkg"))


def build(folder: Path) -> Path:
    project = copy_site_sources(folder, guides=False)  # the guides link to real entries
    assert (
        generate.main(
            [
                *("--content", str(FIXTURES / "valid"), "--docs", str(project / "docs")),
                *("--cache", str(folder / "cache"), "--state", str(folder / "state.sqlite")),
            ]
        )
        == 0
    )
    assert build_site.build_site(project / "mkdocs.yml", project / "site", FIXTURES / "valid", None) == 0
    return project


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    return build(tmp_path_factory.mktemp("first")), build(tmp_path_factory.mktemp("second"))


def test_generated_pages_figures_and_exports_are_byte_identical(two_builds):
    first, second = two_builds
    assert files(first / "docs") == files(second / "docs")


def test_site_differs_only_in_the_documented_files(two_builds):
    first, second = (files(project / "site") for project in two_builds)
    assert first.keys() == second.keys()
    differing = {path for path in first if first[path] != second[path]}
    assert all(nondeterministic(path) for path in differing), differing


def test_pdf_text_is_identical(two_builds):
    texts = [
        "\n".join(page.extract_text() for page in PdfReader(p / "site" / build_site.PDF).pages) for p in two_builds
    ]
    assert texts[0] == texts[1] and texts[0].strip()


def test_anki_notes_are_identical(two_builds, tmp_path):
    notes = []
    for index, project in enumerate(two_builds):
        with zipfile.ZipFile(project / "site" / build_site.ANKI) as package:
            package.extract("collection.anki2", tmp_path / str(index))
        with sqlite3.connect(tmp_path / str(index) / "collection.anki2") as db:
            notes.append(db.execute("select guid, flds, tags from notes order by guid").fetchall())
    assert notes[0] == notes[1] and len(notes[0]) == 3


def test_failed_mkdocs_build_leaves_the_previous_site(two_builds, tmp_path):
    project = two_builds[0]
    before = files(project / "site")
    page = project / "docs" / "contributing" / "index.md"
    original = page.read_text()
    page.write_text(original + "\n[a broken link](no-such-page.md)\n")  # a strict-mode warning
    try:
        assert build_site.build_site(project / "mkdocs.yml", project / "site", FIXTURES / "valid") != 0
    finally:
        page.write_text(original)
    assert files(project / "site") == before
    assert not (project / "site.new").exists()


def test_failed_pdf_print_leaves_the_previous_site(two_builds, monkeypatch):
    project = two_builds[1]
    before = files(project / "site")
    monkeypatch.setenv("CHROMIUM", "/bin/false")  # a browser that cannot start
    assert build_site.build_site(project / "mkdocs.yml", project / "site", FIXTURES / "valid", None) != 0
    assert files(project / "site") == before
    assert not (project / "site.new").exists()


def test_invalid_content_builds_nothing(two_builds, tmp_path):
    project = two_builds[1]
    before = files(project / "site")
    broken = tmp_path / "content"
    shutil.copytree(FIXTURES / "valid", broken)
    (broken / "questions" / "alpha" / "first-entry.yaml").write_text("id: [broken\n")
    assert build_site.build_site(project / "mkdocs.yml", project / "site", broken) == 1
    assert files(project / "site") == before


def test_pdfs_are_reprinted_only_when_their_page_changes(two_builds, tmp_path):
    site = two_builds[0] / "site"
    content, _ = load_content(FIXTURES / "valid")
    jobs = [Job(page, tmp_path / "out" / name, label) for page, name, label in cheat_sheet_pdfs(content)]
    cache = tmp_path / "cache"
    assert print_pdfs(site, jobs, cache) == 3  # the full sheet and one per category
    assert print_pdfs(site, jobs, cache) == 0  # nothing changed: all from the cache
    assert all(job.out.read_bytes().startswith(b"%PDF") for job in jobs)
    page = site / "cheatsheet" / "alpha" / "index.html"
    page.write_text(page.read_text().replace("Alpha topics", "Alpha topics, edited"))
    assert print_pdfs(site, jobs, cache) == 1  # only the changed page is printed again
