"""The bank as data: the compact card file the study pages load, and the JSON/CSV exports.

Everything here is a pure function of the validated content. The export's JSON Schema is
generated from ``BankExport``, the same model the tests validate the export with, so the
documented format cannot drift from the data.
"""

from __future__ import annotations

import csv
import io
import json
from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict

from scripts.cache import Memo
from scripts.check_content import Content
from scripts.schema import Entry

FORMAT = "ml-interview-bank"
VERSION = 1
BASENAME = "ml-interview-bank"
CSV_COLUMNS = ("id", "title", "category", "difficulty", "tags", "question", "cheat", "answer", "url")


def entry_url(entry_id: str) -> str:
    """An entry's page, relative to the site root (ids alone make URLs)."""
    return f"questions/{entry_id}/"


class ExportEntry(Entry):
    """An entry as stored in content/, plus where it lives on the site."""

    url: str
    category_title: str


class Named(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    title: str
    description: str


class BankExport(BaseModel):
    """The whole question bank. ``version`` changes only when a field changes meaning or goes away."""

    model_config = ConfigDict(extra="forbid", title="ML Interview Question Bank export")

    format: Literal["ml-interview-bank"]
    version: Literal[1]
    categories: list[Named]
    tags: list[Named]
    entries: list[ExportEntry]


def _dump(data: object, indent: int | None = None) -> str:
    separators = None if indent else (",", ":")
    return json.dumps(data, ensure_ascii=False, indent=indent, separators=separators) + "\n"


def _dump_with_list(data: dict, items: list[str]) -> str:
    """``_dump(data)`` where the last key of ``data`` holds the list whose members are
    already serialized as ``items``: entries are serialized once and kept between runs."""
    head = _dump({**data, next(reversed(data)): []})
    assert head.endswith("[]}\n")
    return f"{head[:-4]}[{','.join(items)}]}}\n"


def _entry_record(content: Content, entry_id: str) -> dict:
    entry = content.entries[entry_id]
    return {
        **entry.model_dump(mode="json", exclude_defaults=False),
        "url": entry_url(entry_id),
        "category_title": content.categories[entry.category].title,
    }


def _card(content: Content, entry_id: str) -> dict:
    entry = content.entries[entry_id]
    return {
        "id": entry_id,
        "title": entry.title,
        "question": entry.question.strip(),
        "cheat": entry.cheat.strip(),
        "category": entry.category,
        "difficulty": entry.difficulty,
        "tags": list(entry.tags),
        "url": entry_url(entry_id),
    }


def _csv_row(content: Content, entry_id: str) -> str:
    entry = content.entries[entry_id]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(
        [
            entry_id,
            entry.title,
            entry.category,
            entry.difficulty,
            ";".join(entry.tags),
            entry.question,
            entry.cheat,
            entry.answer,
            entry_url(entry_id),
        ]
    )
    return buffer.getvalue()


def _fragments(content: Content, entry_id: str) -> tuple[str, str, str]:
    """One entry's part of the JSON export, of the card file and of the CSV export."""
    record, card = _dump(_entry_record(content, entry_id)), _dump(_card(content, entry_id))
    return record.rstrip("\n"), card.rstrip("\n"), _csv_row(content, entry_id)


def fragment_key(content: Content, entry_id: str) -> tuple:
    """Everything an entry's fragments depend on: its file's hash and its category's title."""
    entry = content.entries[entry_id]
    return ("export", content.sources[entry_id].digest, content.categories[entry.category].title)


def _bank_head(content: Content) -> dict:
    """The export without its entries (``render_data`` adds their serialized parts). Its
    shape is ``BankExport``'s; the tests validate the written file against the JSON Schema
    generated from that model."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "categories": [
            {"id": cid, "title": c.title, "description": c.description} for cid, c in content.categories.items()
        ],
        "tags": [{"id": tid, "title": t.title, "description": t.description} for tid, t in content.tags.items()],
        "entries": [],
    }


@cache
def export_schema() -> str:
    schema = BankExport.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return _dump(schema, indent=2)


def render_data(content: Content, memo: Memo | None = None) -> dict[str, str]:
    """The data files, keyed by their path below docs/: the card file the study pages load
    (no answers: they stay on the entry pages), and the JSON and CSV exports (one row per
    entry, tags joined with ';', newlines inside fields kept, quoted).

    An entry's fragments are kept in ``memo`` under the hash of its file and its
    category's title, everything they depend on."""
    memo = memo or Memo()
    fragments = [
        memo.get(fragment_key(content, entry_id), _fragments, content, entry_id) for entry_id in content.entries
    ]
    bank = _bank_head(content)
    cards = {
        "version": VERSION,
        "categories": [{"id": cid, "title": c.title} for cid, c in content.categories.items()],
        "tags": [{"id": tid, "title": t.title} for tid, t in content.tags.items()],
        "cards": [],
    }
    header = io.StringIO()
    csv.writer(header, lineterminator="\n").writerow(CSV_COLUMNS)
    return {
        "study/cards.json": _dump_with_list(cards, [card for _, card, _ in fragments]),
        f"downloads/{BASENAME}.json": _dump_with_list(bank, [record for record, _, _ in fragments]),
        f"downloads/{BASENAME}.schema.json": export_schema(),
        f"downloads/{BASENAME}.csv": header.getvalue() + "".join(row for _, _, row in fragments),
    }
