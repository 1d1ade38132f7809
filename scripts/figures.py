"""Turn entries' figure scripts into SVG text, with a cache keyed by the script's hash.

Each script runs in its own interpreter (``scripts.figure_runner``) with a timeout, so a
slow, crashing or misbehaving script cannot take the build down with it; its failure
becomes an E402 problem that points at the line of the script that raised.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from importlib.metadata import version
from pathlib import Path

from scripts.check_content import Content
from scripts.problems import Problem

RUNNER = Path(__file__).with_name("figure_runner.py")
DEFAULT_CACHE = Path(".cache/figures")
TIMEOUT_SECONDS = 60


@cache
def _matplotlib_version() -> str:
    """Read from the installed package's metadata: importing matplotlib takes a fifth of a second."""
    return version("matplotlib")


def _cache_key(script: str) -> str:
    digest = hashlib.sha256()
    for part in (RUNNER.read_bytes(), _matplotlib_version().encode(), script.encode()):
        digest.update(part)
        digest.update(b"\0")
    return digest.hexdigest()


def run_script(script: str, timeout: float = TIMEOUT_SECONDS) -> tuple[str | None, str, int | None]:
    """Run one figure script: (svg, "", None) or (None, error message, line in the script)."""
    with tempfile.TemporaryDirectory(prefix="figure-") as folder:
        env = {**os.environ, "MPLBACKEND": "Agg", "PYTHONHASHSEED": "0"}
        try:
            result = subprocess.run(
                [sys.executable, str(RUNNER)],
                input=script,
                capture_output=True,
                text=True,
                cwd=folder,
                env=env,
                timeout=timeout,
            )
        except subprocess.TimeoutExpired:
            return None, f"figure script ran longer than {timeout:g} seconds", None
    if result.returncode != 0 or not result.stdout.startswith("<?xml"):
        lines = [line for line in result.stderr.strip().splitlines() if line.strip()]
        message = lines[-1] if lines else f"figure script failed (exit status {result.returncode})"
        return None, message, _script_line(result.stderr)
    return result.stdout, "", None


def _script_line(stderr: str) -> int | None:
    """The line inside the script named by the traceback, if any."""
    found = re.findall(r'File "<figure>", line (\d+)', stderr)
    return int(found[-1]) if found else None


def render_figures(
    content: Content, cache_dir: Path = DEFAULT_CACHE, jobs: int = 2
) -> tuple[dict[str, str], list[Problem]]:
    """SVG text for every entry that has a figure, or the problems that prevented it."""
    wanted = {entry_id: entry.figure.script for entry_id, entry in content.entries.items() if entry.figure}
    cache_dir.mkdir(parents=True, exist_ok=True)
    svgs: dict[str, str] = {}
    missing: dict[str, str] = {}
    for entry_id, script in wanted.items():
        cached = cache_dir / f"{_cache_key(script)}.svg"
        if cached.is_file():
            svgs[entry_id] = cached.read_text(encoding="utf-8")
        else:
            missing[entry_id] = script

    problems: list[Problem] = []
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        results = dict(zip(missing, pool.map(run_script, missing.values()), strict=True))
    for entry_id, (svg, error, offset) in results.items():
        if svg is None:
            source = content.sources[entry_id]
            line = source.doc.line_at(("figure", "script"), offset)
            problems.append(Problem(source.path, line, "E402", f"figure.script: {error}"))
            continue
        target = cache_dir / f"{_cache_key(missing[entry_id])}.svg"
        temporary = target.with_suffix(".tmp")
        temporary.write_text(svg, encoding="utf-8")
        temporary.replace(target)
        svgs[entry_id] = svg
    return dict(sorted(svgs.items())), sorted(problems)
