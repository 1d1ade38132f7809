"""The benchmark's own parts (its timings are never asserted: they live in `make bench`)."""

from __future__ import annotations

import re

from scripts import bench
from scripts.check_content import load_content
from scripts.sandbox import copy_site_sources


def test_synthetic_bank_is_valid_and_regenerates_incrementally(tmp_path):
    content = tmp_path / "content"
    bench.synthesize(content, 40)
    loaded, problems = load_content(content)
    assert problems == [] and len(loaded.entries) == 40
    docs = copy_site_sources(tmp_path / "project", guides=False) / "docs"
    state = tmp_path / "state.sqlite"
    _, cold = bench.run_generate(content, docs, tmp_path / "figures", state)
    assert len(cold.writes) > 40
    _, noop = bench.run_generate(content, docs, tmp_path / "figures", state)
    assert noop.empty


def test_report_ends_with_one_machine_readable_line_per_size(capsys):
    result = {
        "entries": 1000,
        "generate_s": 1.5,
        "noop_s": 0.1,
        "noop_writes": 0,
        "one_change_s": 0.2,
        "one_change_writes": 3,
        "build_s": 20.0,
        "pdf_s": 9.0,
        "index_bytes": 2_800_000,
        "search_ms": 2400.0,
    }
    bench.report([result, {**result, "entries": 5000}])
    lines = capsys.readouterr().out.splitlines()
    pattern = (
        r"bench entries=\d+ generate_s=[\d.]+ noop_s=[\d.]+ one_change_s=[\d.]+ build_s=[\d.]+ "
        r"pdf_s=[\d.]+ index_bytes=\d+ search_ms=\d+"
    )
    assert all(re.fullmatch(pattern, line) for line in lines[-2:])
    assert lines[-2].startswith("bench entries=1000 ") and lines[-1].startswith("bench entries=5000 ")
