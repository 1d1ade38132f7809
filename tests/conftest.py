"""Shared fixtures: the repository paths, a real site build, a real headless Chromium.

The site is built once per test session into a temporary folder, from a copy of the
hand-written docs plus pages generated from the real content, so the tests never touch
the developer's docs/ or site/.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from scripts import browser, build_site, generate
from scripts.check_content import Content, load_content
from scripts.sandbox import copy_site_sources

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
# The content under test; CONTENT_DIR points the suite at another tree (for example a draft).
CONTENT = Path(os.environ.get("CONTENT_DIR", ROOT / "content")).resolve()


@dataclass
class BuiltSite:
    root: Path  # the temporary project: mkdocs.yml, docs/, overrides/
    docs: Path
    site: Path
    pdf: Path


@pytest.fixture(scope="session")
def content() -> Content:
    loaded, problems = load_content(CONTENT)
    assert not problems, "\n".join(map(str, problems))
    return loaded


@pytest.fixture(scope="session")
def figure_cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("figure-cache")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> BuiltSite:
    """The real content, generated and built with `mkdocs build --strict`, PDF printed."""
    project = copy_site_sources(tmp_path_factory.mktemp("project"))
    docs = project / "docs"
    state = tmp_path_factory.mktemp("state") / "generate.sqlite"
    assert generate.main(["--content", str(CONTENT), "--docs", str(docs), "--state", str(state)]) == 0
    site = project / "site"
    cache = tmp_path_factory.mktemp("pdf-cache")  # print for real once per test session
    assert build_site.build_site(project / "mkdocs.yml", site, CONTENT, cache) == 0
    return BuiltSite(project, docs, site, site / build_site.PDF)


@pytest.fixture(scope="session")
def built_offline(built_site) -> Path:
    """The offline edition of the same project (mkdocs-offline.yml), for file:// use."""
    shutil.copy(ROOT / "mkdocs-offline.yml", built_site.root / "mkdocs-offline.yml")
    site = built_site.root / "site-offline"
    assert build_site.build_site(built_site.root / "mkdocs-offline.yml", site, CONTENT, None) == 0
    return site


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    with browser.serve(built_site.site) as url:
        yield url


@pytest.fixture(scope="session")
def chromium(built_site, built_offline):
    # Build (and print) first: Playwright's sync API allows one running instance per thread.
    with browser.chromium() as instance:
        yield instance


@pytest.fixture
def page(chromium, site_url):
    """A fresh browser tab that records every request leaving the local server."""
    context = chromium.new_context()
    tab = context.new_page()
    tab.outside_requests = []
    tab.on(
        "request",
        lambda request: None if request.url.startswith(site_url) else tab.outside_requests.append(request.url),
    )
    yield tab
    context.close()
