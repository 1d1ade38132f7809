"""Validate the content tree and report every problem as ``path:line: CODE message``.

Usage: ``python -m scripts.check_content [CONTENT_DIR]`` (default: ``content``).
Exit status 0 when the content is valid, 1 when any problem was found.

Each rule below is a small function whose docstring states the rule; rules yield
problems and never print. ``load_content`` runs them all and returns what is valid
together with every problem, so the generator and the tests share one entry point.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import re
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from scripts.cache import Memo
from scripts.load import Document, load_bytes, load_yaml, read_file
from scripts.problems import Problem
from scripts.schema import SLUG_PATTERN, Category, Entry, Tag

QUESTIONS_DIR = "questions"


@dataclass
class Source:
    """Where an entry came from: its file and the lines of its fields."""

    file: Path
    path: str  # how problems name the file
    digest: str = ""  # a hash of the file's bytes: the entry's version, for caches
    parsed: Document | None = None  # parsed when a problem first needs a line

    @property
    def doc(self) -> Document:
        """The parsed file, for line numbers. The entry rules get it from ``_load_entry``;
        the cross-file rules, which rarely find anything, parse the file again on demand
        (an entry taken from the cache was not parsed at all in this run)."""
        if self.parsed is None:
            self.parsed = load_yaml(self.file, self.path)[0]
        return self.parsed

    def problem(self, location: tuple, code: str, message: str) -> Problem:
        return Problem(self.path, self.doc.line_of(location), code, message)


@dataclass
class Content:
    """Everything that validated, sorted: entries by id, categories by order."""

    entries: dict[str, Entry] = field(default_factory=dict)
    categories: dict[str, Category] = field(default_factory=dict)
    tags: dict[str, Tag] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)


# --- turning pydantic errors into coded problems ------------------------------------

_CODE_BY_ERROR_TYPE = {
    "missing": "E200",
    "extra_forbidden": "E201",
    "literal_error": "E203",
    "string_pattern_mismatch": "E204",
    "string_too_long": "E205",
    "too_long": "E205",
    "too_short": "E205",
    "too_many_lines": "E205",
    "blank": "E206",
    "duplicate_item": "E207",
    "unsourced_companies": "E208",
}
_TYPE_NAMES = {
    "string_type": "text",
    "list_type": "a list",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "dict_type": "a mapping",
    "int_type": "a whole number",
}
_PYTHON_TYPE_NAMES = {
    str: "text",
    list: "a list",
    dict: "a mapping",
    int: "a number",
    float: "a number",
    bool: "true/false",
    type(None): "nothing (null)",
}


def _where(location: tuple) -> str:
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _describe(error: dict, model: type[BaseModel], location: tuple) -> str:
    kind = error["type"]
    where = _where(location)
    name = location[-1] if location else ""
    if kind == "missing":
        parent = _where(location[:-1])
        return f"{parent + ': ' if parent else ''}missing required field '{name}'"
    if kind == "extra_forbidden":
        allowed = _allowed_fields(model, location[:-1])
        close = difflib.get_close_matches(str(name), allowed, n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        return f"unknown field '{where}'{hint}"
    if kind == "string_pattern_mismatch":
        if name == "url":
            return f"{where}: must be an https:// URL, got {error['input']!r}"
        return f"{where}: must be kebab-case (a-z, 0-9, single hyphens), got {error['input']!r}"
    if kind in _TYPE_NAMES:
        got = _PYTHON_TYPE_NAMES.get(type(error["input"]), type(error["input"]).__name__)
        return f"{where}: expected {_TYPE_NAMES[kind]}, got {got}"
    return f"{where}: {error['msg']}" if where else error["msg"]


def _allowed_fields(model: type[BaseModel], location: tuple) -> list[str]:
    """The field names allowed at ``location`` inside ``model`` (best effort)."""
    for part in location:
        if isinstance(part, int):
            continue
        info = model.model_fields.get(part)
        if info is None:
            return []
        candidates = [
            arg
            for arg in getattr(info.annotation, "__args__", ()) + (info.annotation,)
            if isinstance(arg, type) and issubclass(arg, BaseModel)
        ]
        if not candidates:
            return []
        model = candidates[0]
    return list(model.model_fields)


def validate_model(
    model: type[BaseModel], data: Any, doc: Document, prefix: tuple = ()
) -> tuple[BaseModel | None, list[Problem]]:
    """Validate ``data`` against ``model``; problems point at the offending lines."""
    try:
        return model.model_validate(data), []
    except ValidationError as errors:
        problems = []
        for error in errors.errors():
            code = _CODE_BY_ERROR_TYPE.get(error["type"], "E202")
            location = tuple(error["loc"]) or (("companies",) if code == "E208" else ())
            message = _describe(error, model, location)
            problems.append(Problem(doc.path, doc.line_of(prefix + location), code, message))
        return None, problems


def _validate_table(model: type[BaseModel], doc: Document) -> tuple[dict, list[Problem]]:
    """Validate a mapping of id -> fields (categories.yaml, tags.yaml)."""
    if not isinstance(doc.data, dict):
        return {}, [Problem(doc.path, 1, "E101", "expected a mapping of ids to fields")]
    items, problems = {}, []
    for key, value in doc.data.items():
        if not isinstance(key, str) or not _is_slug(key):
            problems.append(Problem(doc.path, doc.line_of((key,)), "E204", f"id {key!r} must be kebab-case"))
            continue
        item, found = validate_model(model, value, doc, prefix=(key,))
        problems += found
        if item is not None:
            items[key] = item
    return items, problems


def _is_slug(text: str) -> bool:
    return _SLUG.fullmatch(text) is not None


# --- rules on one entry ---------------------------------------------------------------


def rule_id_matches_file(entry: Entry, source: Source) -> Iterator[Problem]:
    """An entry's id equals its file name without ``.yaml``."""
    if entry.id != source.file.stem:
        yield source.problem(("id",), "E300", f"id '{entry.id}' does not match file name '{source.file.name}'")


def rule_category_matches_folder(entry: Entry, source: Source) -> Iterator[Problem]:
    """An entry's category equals the name of the folder that holds it."""
    folder = source.file.parent.name
    if entry.category != folder:
        yield source.problem(("category",), "E301", f"category '{entry.category}' does not match folder '{folder}'")


def rule_not_related_to_self(entry: Entry, source: Source) -> Iterator[Problem]:
    """An entry does not list itself under ``related``."""
    for index, other in enumerate(entry.related):
        if other == entry.id:
            yield source.problem(("related", index), "E307", f"related lists the entry itself ('{other}')")


MARKDOWN_FIELDS = ("question", "asked_because", "answer", "cheat")
_FENCE = re.compile(r"(`{3,}|~{3,})")
_HIGH_HEADING = re.compile(r"#{1,2}(\s|$)")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")
_SLUG = re.compile(SLUG_PATTERN)


def _outside_fences(text: str) -> Iterator[tuple[int, str]]:
    """(1-based offset, line) for the lines of ``text`` outside fenced code blocks, fence
    lines left out. A fence closes on a line of nothing but its own character, at least
    as many of them as opened it."""
    fence = None
    for offset, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if fence is None:
            marker = _FENCE.match(stripped) if stripped[:1] in "`~" else None
            if marker:
                fence = marker.group(1)
            else:
                yield offset, line
        elif stripped.startswith(fence) and stripped.strip(fence[0]) == "":
            fence = None


def rule_heading_levels(entry: Entry, source: Source) -> Iterator[Problem]:
    """Markdown fields use headings of level 3 or deeper (outside code fences)."""
    for name in MARKDOWN_FIELDS:
        for offset, line in _outside_fences(getattr(entry, name)):
            stripped = line.lstrip()
            if stripped[:1] == "#" and _HIGH_HEADING.match(stripped):
                yield Problem(
                    source.path,
                    source.doc.line_at((name,), offset),
                    "E209",
                    f"{name}: heading '{stripped[:40]}' must be level 3 (###) or deeper",
                )


_LIST_ITEM = re.compile(r"( *)(?:[-*+]|\d+[.)]) +\S")


def _markdown_lines(text: str) -> Iterator[tuple[int, str]]:
    """(1-based offset, line) for the lines of ``text`` outside code fences and display math."""
    in_math = False
    for offset, line in _outside_fences(text):
        stripped = line.strip()
        if stripped == "$$" or (stripped.startswith("$$") != stripped.endswith("$$") and len(stripped) > 2):
            in_math = not in_math
            if in_math:
                yield offset, line  # the opening line, so that its indentation is checked
            continue
        if not in_math:
            yield offset, line


def rule_markdown_lists(entry: Entry, source: Source) -> Iterator[Problem]:
    """Lists in Markdown fields follow Python-Markdown's rules: a blank line before a list,
    and 4 spaces of indentation per nesting level (fewer silently flattens the list)."""
    for name in ("answer",):
        previous = ""
        in_list = False
        multi_paragraph = False  # the current item has a paragraph after a blank line
        for offset, line in _markdown_lines(getattr(entry, name)):
            line_number = source.doc.line_at((name,), offset)
            item = _LIST_ITEM.match(line)
            indent = len(line) - len(line.lstrip(" "))
            if item and indent == 0 and previous.strip() and not in_list and not previous.lstrip().startswith("|"):
                yield Problem(source.path, line_number, "E210", f"{name}: a list needs a blank line before it")
            elif item and previous.strip() and multi_paragraph:
                message = f"{name}: after an item with several paragraphs, the next item needs a blank line before it"
                yield Problem(source.path, line_number, "E210", message)
            elif item and indent % 4:
                yield Problem(
                    source.path,
                    line_number,
                    "E210",
                    f"{name}: nested list item indented {indent} spaces; use 4 per level",
                )
            elif in_list and not item and line.strip() and not previous.strip() and 0 < indent < 4:
                yield Problem(
                    source.path, line_number, "E210", f"{name}: list continuation indented {indent} spaces; use 4"
                )
            if item:
                in_list = True
                multi_paragraph = False
            elif line.strip() and not previous.strip():
                if indent == 0:
                    in_list = multi_paragraph = False
                elif in_list:
                    multi_paragraph = True
            previous = line


def rule_display_math_blocks(entry: Entry, source: Source) -> Iterator[Problem]:
    """Display math ($$ ... $$) stands between blank lines; otherwise Markdown leaves the
    dollar signs in the paragraph as text."""
    for name in MARKDOWN_FIELDS:
        text = getattr(entry, name)
        lines = text.splitlines()
        opening = None  # index of the line that opened a multi-line $$ block
        for offset, line in _outside_fences(text):
            index = offset - 1
            stripped = line.strip()
            if not stripped.startswith("$$") and opening is None:
                continue
            one_line = opening is None and len(stripped) > 4 and stripped.endswith("$$")
            if opening is None and not one_line:
                opening = index
                continue
            first = index if one_line else opening
            if opening is not None and not stripped.endswith("$$"):
                continue
            opening = None
            before = lines[first - 1].strip() if first > 0 else ""
            after = lines[index + 1].strip() if index + 1 < len(lines) else ""
            if before or after:
                where = "before" if before else "after"
                yield Problem(
                    source.path,
                    source.doc.line_at((name,), first + 1),
                    "E211",
                    f"{name}: display math needs a blank line {where} it",
                )


# Raw HTML in Markdown fields: a small allow-list; everything else is reported. A "<"
# followed by a letter is read as a tag by Markdown (even inside $...$ math), which can
# break the page around it, so it counts as HTML too.
HTML_ALLOWED = {"br", "sub", "sup", "kbd"}
HTML_DANGEROUS = {"script", "iframe", "object", "embed", "style", "form", "frame", "frameset", "link", "meta", "base"}
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)([^>]*)>?|<!--|<!\[?[A-Za-z]|<\?")
_EVENT_HANDLER = re.compile(r"\bon[a-z]+\s*=", re.IGNORECASE)
_UNSAFE_URL = re.compile(
    r"\]\(\s*<?\s*(javascript|vbscript|data):|<\s*(javascript|vbscript|data):|(?:href|src)\s*=\s*[\"']?\s*(javascript|vbscript|data):",
    re.IGNORECASE,
)


def _markdown_texts(entry: Entry) -> Iterator[tuple[tuple, str]]:
    """Every field rendered as Markdown, with its location."""
    for name in MARKDOWN_FIELDS:
        yield (name,), getattr(entry, name)
    for name in ("tips", "pitfalls", "follow_ups"):
        for index, text in enumerate(getattr(entry, name)):
            yield (name, index), text
    for index, reference in enumerate(entry.references):
        yield ("references", index, "title"), reference.title
    if entry.figure:
        yield ("figure", "caption"), entry.figure.caption


def _without_code(text: str) -> list[tuple[int, str]]:
    """(1-based line offset, line) with fenced blocks removed and code spans blanked."""
    return [
        (offset, _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line) if "`" in line else line)
        for offset, line in _outside_fences(text)
    ]


def rule_safe_markdown(entry: Entry, source: Source) -> Iterator[Problem]:
    """Markdown fields carry no raw HTML beyond a small allow-list, no scripts, frames or
    event handlers, no javascript:, vbscript: or data: links, and no snippet includes."""
    for location, text in _markdown_texts(entry):
        if "--8<--" in text:
            offset = text[: text.index("--8<--")].count("\n") + 1
            line = source.doc.line_at(location, offset)
            yield Problem(source.path, line, "E503", f"{_where(location)}: the --8<-- include syntax is not allowed")
        if "<" not in text:  # no HTML possible; then only an unsafe scheme needs the line scan
            lowered = text.lower()
            if "script:" not in lowered and "data:" not in lowered:
                continue
        where = _where(location)
        for offset, line in _without_code(text):
            line_number = source.doc.line_at(location, offset)
            for match in _UNSAFE_URL.finditer(line):
                scheme = next(group for group in match.groups() if group).lower()
                yield Problem(source.path, line_number, "E502", f"{where}: {scheme}: URLs are not allowed")
            for match in _TAG.finditer(line):
                name = (match.group(2) or "").lower()
                attributes = match.group(3) or ""
                if name in HTML_DANGEROUS or (name and _EVENT_HANDLER.search(attributes)):
                    yield Problem(
                        source.path, line_number, "E501", f"{where}: <{name}> or event handler is not allowed"
                    )
                elif name not in HTML_ALLOWED or attributes.strip():
                    snippet = match.group(0)[:20]
                    hint = " (inside math write \\lt for <)" if "$" in line else ""
                    yield Problem(
                        source.path, line_number, "E500", f"{where}: raw HTML {snippet!r} is not allowed{hint}"
                    )


def _python_syntax(code: str, source: Source, location: tuple, error_code: str) -> Iterator[Problem]:
    try:
        compile(code, f"{source.path}:{_where(location)}", "exec")
    except SyntaxError as error:
        line = source.doc.line_at(location, error.lineno)
        yield Problem(source.path, line, error_code, f"{_where(location)}: {error.msg}")
    except ValueError as error:  # null bytes
        yield source.problem(location, error_code, f"{_where(location)}: {error}")


def rule_code_compiles(entry: Entry, source: Source) -> Iterator[Problem]:
    """``code.solution`` and ``code.checks`` are valid Python."""
    if entry.code is not None:
        yield from _python_syntax(entry.code.solution, source, ("code", "solution"), "E400")
        yield from _python_syntax(entry.code.checks, source, ("code", "checks"), "E400")


def rule_figure_compiles(entry: Entry, source: Source) -> Iterator[Problem]:
    """``figure.script`` is valid Python."""
    if entry.figure is not None:
        yield from _python_syntax(entry.figure.script, source, ("figure", "script"), "E401")


ENTRY_RULES = (
    rule_id_matches_file,
    rule_category_matches_folder,
    rule_not_related_to_self,
    rule_heading_levels,
    rule_markdown_lists,
    rule_display_math_blocks,
    rule_safe_markdown,
    rule_code_compiles,
    rule_figure_compiles,
)


# --- rules across files -----------------------------------------------------------------


@dataclass
class _Raw:
    """What the cross-file rules need, taken from raw data so that one invalid entry
    does not make its neighbours report unknown ids or unused tags."""

    ids: dict[str, Source] = field(default_factory=dict)
    tags_used: set[str] = field(default_factory=set)


def rule_known_category(entry: Entry, source: Source, content: Content) -> Iterator[Problem]:
    """An entry's category is defined in categories.yaml."""
    if content.categories and entry.category not in content.categories:
        yield source.problem(("category",), "E303", f"unknown category '{entry.category}'")


def rule_known_tags(entry: Entry, source: Source, content: Content) -> Iterator[Problem]:
    """Every tag an entry uses is defined in tags.yaml."""
    for index, tag in enumerate(entry.tags):
        if tag not in content.tags:
            close = difflib.get_close_matches(tag, list(content.tags), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            yield source.problem(("tags", index), "E304", f"unknown tag '{tag}'{hint}")


def rule_known_related(entry: Entry, source: Source, content: Content, raw: _Raw) -> Iterator[Problem]:
    """Every id under ``related`` names an existing entry."""
    for index, other in enumerate(entry.related):
        if other not in raw.ids:
            yield source.problem(("related", index), "E306", f"related id '{other}' does not exist")


def _tags_defined_but_unused(tags_doc: Document, content: Content, raw: _Raw) -> Iterator[Problem]:
    """Every tag defined in tags.yaml is used by at least one entry."""
    for tag in content.tags:
        if tag not in raw.tags_used:
            yield Problem(
                tags_doc.path, tags_doc.line_of((tag,)), "E305", f"tag '{tag}' is defined but no entry uses it"
            )


# --- putting it together -------------------------------------------------------------


def display_path(file: Path) -> str:
    """A path for messages: relative to the working directory when below it."""
    try:
        relative = os.path.relpath(file)
    except ValueError:  # another drive on Windows
        return str(file)
    return str(file) if relative.startswith("..") else relative


def entry_files(root: Path) -> list[Path]:
    """Every candidate entry file below ``root/questions``, sorted; hidden ones are skipped."""
    found = []
    for folder, subfolders, files in os.walk(root / QUESTIONS_DIR):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        parent = Path(folder)
        found += [parent / name for name in files if name.endswith((".yaml", ".yml")) and name[0] != "."]
    return sorted(found, key=lambda path: path.parts)  # the order of paths, without their slow comparisons


def load_content(root: Path, memo: Memo | None = None) -> tuple[Content, list[Problem]]:
    """Load and validate the content tree below ``root``. Never raises on bad content.

    With a ``memo`` (see scripts/cache.py), an entry file whose bytes did not change since
    the run that filled it is not parsed or checked again; the cross-file rules always run."""
    memo = memo or Memo()
    content = Content()
    problems: list[Problem] = []

    categories_doc, found = load_yaml(root / "categories.yaml", display_path(root / "categories.yaml"))
    problems += found
    if categories_doc.data is not None:
        categories, found = _validate_table(Category, categories_doc)
        problems += found
        content.categories = dict(sorted(categories.items(), key=lambda item: (item[1].order, item[0])))

    tags_doc, found = load_yaml(root / "tags.yaml", display_path(root / "tags.yaml"))
    problems += found
    if tags_doc.data is not None:
        tags, found = _validate_table(Tag, tags_doc)
        problems += found
        content.tags = dict(sorted(tags.items()))

    raw = _Raw()
    loaded: list[tuple[Entry, Source]] = []
    questions = root / QUESTIONS_DIR
    # Paths for messages, built as strings: pathlib would cost more than the rest for an
    # unchanged file. entry_files' paths all start with the questions folder's.
    shown, skip = display_path(questions), len(str(questions)) + 1
    started = time.time_ns()
    for file in entry_files(root):
        path = os.path.join(shown, str(file)[skip:])
        if file.suffix != ".yaml" or file.parent.parent != questions:
            data, found = read_file(file, path)
            if data is not None:
                doc, found = load_bytes(data, path)
                where = f"{QUESTIONS_DIR}/<category>/<id>.yaml"
                found.append(Problem(path, doc.line_of(()), "E301", f"entry files live at {where}"))
            problems += found
            continue
        entry, found, fields, source = _entry_record(file, path, memo, started)
        problems += found
        if fields is not None:
            _collect_raw(fields, source, raw, problems)
        if entry is not None:
            loaded.append((entry, source))

    for entry, source in loaded:
        problems += rule_known_category(entry, source, content)
        problems += rule_known_tags(entry, source, content)
        problems += rule_known_related(entry, source, content, raw)
        if entry.id in content.entries:
            continue  # reported as E302 while collecting
        content.entries[entry.id] = entry
        content.sources[entry.id] = source
    if tags_doc.data is not None:
        problems += _tags_defined_but_unused(tags_doc, content, raw)

    content.entries = dict(sorted(content.entries.items()))
    return content, sorted(set(problems))


SETTLED_NS = 2_000_000_000


def _settled_status(file: Path, now: int) -> tuple | None:
    """A file's path, inode, size and modification and change times, or None if it changed
    in the two seconds before ``now`` (or cannot be read). As in git's index, a status is
    only taken to stand for a file's bytes once it is older than the clock's resolution:
    a change within the same tick could leave it as it was. The change time cannot be set
    by tools that preserve modification times (cp -p, tar), so it moves on every change."""
    try:
        status = os.stat(file)
    except OSError:
        return None
    if status.st_ctime_ns > now - SETTLED_NS:
        return None
    return (str(file), status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns)


def _entry_record(file: Path, path: str, memo: Memo, now: int) -> tuple:
    """(entry, problems, raw id and tags, source) of one entry file on its own; the entry is
    None when invalid, the id and tags when the file holds no mapping. From the memo when
    the file did not change: an unchanged file is not even read, as its status stands for
    the hash of its bytes."""
    status = _settled_status(file, now)
    version = memo.lookup(("version", *status)) if status else None
    record = memo.lookup(("entry", str(file), path, version)) if version else None
    if record is None:
        data, problems = read_file(file, path)
        if data is None:
            return None, problems, None, None
        version = hashlib.sha256(data).hexdigest()
        if status:
            memo.store(("version", *status), version)
        record = memo.get(("entry", str(file), path, version), _load_entry, file, path, data)
    return (*record, Source(file, path, version))


def _load_entry(file: Path, path: str, data: bytes) -> tuple[Entry | None, list[Problem], dict | None]:
    """Parse, validate and check one entry file on its own: every rule but the cross-file
    ones. Returns the entry (None if invalid), the problems, and the raw id and tags (None
    if the file does not hold a mapping)."""
    doc, problems = load_bytes(data, path)
    if doc.data is None:
        return None, problems, None
    source = Source(file, path, parsed=doc)
    if not isinstance(doc.data, dict):
        return None, [*problems, source.problem((), "E101", "expected a mapping of field names to values")], None
    fields = {"id": doc.data.get("id"), "tags": doc.data.get("tags")}
    entry, found = validate_model(Entry, doc.data, doc)
    problems += found
    if entry is not None:
        for rule in ENTRY_RULES:
            problems += rule(entry, source)
    return entry, problems, fields


def _collect_raw(data: dict, source: Source, raw: _Raw, problems: list[Problem]) -> None:
    """Note the id and tags of an entry before validation; report duplicate ids."""
    entry_id = data.get("id")
    if isinstance(entry_id, str) and entry_id:
        first = raw.ids.get(entry_id)
        if first is not None:
            message = f"id '{entry_id}' is already used by {first.path}"
            problems.append(source.problem(("id",), "E302", message))
        else:
            raw.ids[entry_id] = source
    tags = data.get("tags")
    if isinstance(tags, list):
        raw.tags_used.update(tag for tag in tags if isinstance(tag, str))


def report(problems: list[Problem], stream=None) -> None:
    """Print problems one per line, then a count (to standard error by default)."""
    stream = stream or sys.stderr
    for problem in problems:
        print(problem, file=stream)
    files = len({problem.path for problem in problems})
    print(f"{len(problems)} problem(s) in {files} file(s)", file=stream)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    root = Path(args[0]) if args else Path("content")
    content, problems = load_content(root)
    if problems:
        report(problems)
        return 1
    print(f"content OK: {len(content.entries)} entries, {len(content.categories)} categories, {len(content.tags)} tags")
    return 0


if __name__ == "__main__":
    sys.exit(main())
