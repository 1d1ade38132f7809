"""Print built pages (the cheat sheets) to A4 PDFs with headless Chromium.

Usage: ``python -m scripts.print_pdf [--site site] [--page cheatsheet/] [--out PATH] [--footer TEXT]``

Pages are served from the built site on 127.0.0.1 and printed once their math is typeset
and their fonts are loaded. A PDF depends only on its page's HTML, the site's style
sheets, the footer and the print settings, so each one is cached under .cache/pdf by a
hash of those: a rebuild prints only the pages that changed. Output files are written
atomically; a failed run leaves any previous PDF in place.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import shutil
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError

from scripts.browser import WAIT_FOR_PAGE, ChromiumNotFound, chromium, serve

DEFAULT_CACHE = Path(".cache/pdf")
MARGINS = {"top": "7mm", "bottom": "9mm", "left": "7mm", "right": "7mm"}
FOOTER = """
<div style="width: 100%; font-size: 7px; color: #555; padding: 0 7mm;
            display: flex; justify-content: space-between; font-family: sans-serif;">
  <span>{footer}</span>
  <span>page <span class="pageNumber"></span> of <span class="totalPages"></span></span>
</div>
"""


@dataclass(frozen=True)
class Job:
    """One page to print: its path below the site root, the output file, the footer text."""

    page: str
    out: Path
    footer: str


def page_file(site: Path, page: str) -> Path:
    """The HTML file of ``page`` ("cheatsheet/" or, without directory URLs, "cheatsheet.html")."""
    for candidate in (site / page / "index.html", site / page, site / (page.rstrip("/") + ".html")):
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"{site / page} does not exist: build the site first (make site)")


def _styles(site: Path) -> list[bytes]:
    """The site's style sheets, which every printed page uses."""
    return [css.read_bytes() for css in sorted((site / "assets").rglob("*.css"))]


def cache_key(site: Path, job: Job, styles: list[bytes]) -> str:
    """A hash of everything the printed PDF depends on (``styles``: see ``_styles``)."""
    digest = hashlib.sha256()
    parts = [page_file(site, job.page).read_bytes(), job.footer.encode(), repr(MARGINS).encode(), FOOTER.encode()]
    for part in [*parts, *styles]:
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


def print_pdfs(site: Path, jobs: list[Job], cache: Path | None = DEFAULT_CACHE) -> int:
    """Print every job; returns how many were printed (the rest came from the cache)."""
    styles = _styles(site)  # read once, not once per job
    keys = {job: cache_key(site, job, styles) for job in jobs}
    todo = [job for job in jobs if cache is None or not (cache / f"{keys[job]}.pdf").is_file()]
    if todo:
        # Playwright's sync API refuses to start in a thread that already runs an event loop
        # (for example under another Playwright session); a thread of its own always works.
        with ThreadPoolExecutor(max_workers=1) as pool:
            pool.submit(_print, site, todo, keys, cache).result()
    if cache is not None:
        for job in jobs:
            job.out.parent.mkdir(parents=True, exist_ok=True)
            temporary = job.out.with_name(f".{job.out.name}.tmp")
            shutil.copyfile(cache / f"{keys[job]}.pdf", temporary)
            temporary.replace(job.out)
    return len(todo)


def _print(site: Path, todo: list[Job], keys: dict[Job, str], cache: Path | None) -> None:
    with serve(site) as base, chromium() as browser:
        tab = browser.new_page()
        for job in todo:
            relative = page_file(site, job.page).relative_to(site).as_posix()
            tab.goto(base + relative.removesuffix("index.html"), wait_until="load")
            if not tab.evaluate(WAIT_FOR_PAGE):
                raise RuntimeError(f"math on {job.page} was not typeset within 10 seconds")
            printed = tab.pdf(
                format="A4",
                print_background=True,
                margin=MARGINS,
                display_header_footer=True,
                header_template="<span></span>",
                footer_template=FOOTER.format(footer=html.escape(job.footer)),
            )
            _write(job.out if cache is None else cache / f"{keys[job]}.pdf", printed)


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(data)
    temporary.replace(path)


def print_pdf(site: Path, page: str, out: Path, footer: str) -> None:
    """Print one page, without the cache (used by the benchmark)."""
    print_pdfs(site, [Job(page, out, footer)], cache=None)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=Path("site"), help="built site folder (default: site)")
    parser.add_argument("--page", default="cheatsheet/", help="page to print, relative to the site")
    parser.add_argument("--out", type=Path, help="output PDF (default: SITE/downloads/cheatsheet.pdf)")
    parser.add_argument("--footer", default="ML Interview Question Bank: cheat sheet", help="footer text")
    args = parser.parse_args(argv)
    out = args.out or args.site / "downloads" / "cheatsheet.pdf"
    try:
        print_pdfs(args.site, [Job(args.page, out, args.footer)])
    except (FileNotFoundError, ChromiumNotFound, RuntimeError, PlaywrightError) as error:
        print(f"print_pdf: {error}", file=sys.stderr)
        return 1
    print(f"printed {out} ({out.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
