"""Read YAML files into plain data, remembering the line of every key and list item.

``load_yaml`` never raises on bad input: it returns the problems it found (syntax errors,
duplicate keys, files too large or too deeply aliased) as ``Problem`` values, so the
validator can report every file at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from scripts.problems import Problem

try:  # libyaml is several times faster; the pure-Python parser gives the same results.
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

MAX_FILE_BYTES = 256 * 1024
MAX_NODES = 20_000  # nodes visited with aliases expanded; stops "billion laughs" documents
MAX_DEPTH = 50
MAX_BRACKET_DEPTH = 1000

Location = tuple  # a path into the data: ("references", 0, "url")


@dataclass
class Document:
    """A parsed YAML file: its data, and the 1-based line of each location in it."""

    path: str
    data: Any = None
    lines: dict[Location, int] = field(default_factory=dict)
    block_scalars: set[Location] = field(default_factory=set)

    def line_of(self, location: Location) -> int:
        """The line of the deepest known prefix of ``location`` (1 when nothing matches)."""
        location = tuple(location)
        while location:
            if location in self.lines:
                return self.lines[location]
            location = location[:-1]
        return self.lines.get((), 1)

    def line_at(self, location: Location, offset: int | None) -> int:
        """The file line of line ``offset`` (1-based) of the text at ``location``.

        A block scalar (``|`` or ``>``) starts on the line after its key, so its lines map
        one to one; any other value, and an unknown offset, map to the key's line."""
        line = self.line_of(location)
        if offset and tuple(location) in self.block_scalars:
            line += offset
        return line


class _TooComplex(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def _index_node(node: yaml.Node, doc: Document) -> list[Problem]:
    """Record lines for every location below ``node``; report duplicate keys."""
    problems: list[Problem] = []
    budget = [MAX_NODES]

    def visit(node: yaml.Node, location: Location, depth: int) -> None:
        budget[0] -= 1
        # Blame the top-level key being expanded: with aliases, the node itself may sit
        # anywhere in the file.
        line = doc.lines.get(location[:1], node.start_mark.line + 1)
        if budget[0] < 0:
            raise _TooComplex(line, f"document expands to more than {MAX_NODES} nodes (alias bomb?)")
        if depth > MAX_DEPTH:
            raise _TooComplex(line, f"document is nested more than {MAX_DEPTH} levels deep")
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key_node, value_node in node.value:
                key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.start_mark)
                key_line = key_node.start_mark.line + 1
                if key in seen:
                    problems.append(Problem(doc.path, key_line, "E102", f"duplicate key {key!r}"))
                seen.add(key)
                doc.lines[location + (key,)] = key_line
                if isinstance(value_node, yaml.ScalarNode) and value_node.style in ("|", ">"):
                    doc.block_scalars.add(location + (key,))
                visit(value_node, location + (key,), depth + 1)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                doc.lines[location + (index,)] = item.start_mark.line + 1
                visit(item, location + (index,), depth + 1)

    visit(node, (), 0)
    return problems


def _bracket_depth_exceeded(text: str, limit: int) -> int | None:
    """The line where flow brackets first nest deeper than ``limit`` (counted naively,
    quotes ignored), or None. libyaml's parser recurses in C on nested flow collections and
    crashes the process on very deep ones, so they are refused before parsing."""
    if text.count("[") + text.count("{") <= limit:  # the usual case, at C speed
        return None
    depth = 0
    line = 1
    for character in text:
        if character in "[{":
            depth += 1
            if depth > limit:
                return line
        elif character in "]}":
            depth = max(0, depth - 1)
        elif character == "\n":
            line += 1
    return None


def parse_yaml(text: str, path: str) -> tuple[Document, list[Problem]]:
    """Parse YAML text. On any problem that prevents reading, ``doc.data`` stays None."""
    doc = Document(path)
    too_deep = _bracket_depth_exceeded(text, MAX_BRACKET_DEPTH)
    if too_deep is not None:
        return doc, [Problem(path, too_deep, "E103", f"brackets nest more than {MAX_BRACKET_DEPTH} levels deep")]
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return doc, [Problem(path, 1, "E101", "file is empty; expected a mapping of fields")]
        doc.lines[()] = node.start_mark.line + 1
        problems = _index_node(node, doc)
        data = loader.construct_document(node)
    except _TooComplex as error:
        return doc, [Problem(path, error.line, "E103", error.message)]
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        reason = " ".join(str(part) for part in (error.context, error.problem) if part)
        return doc, [Problem(path, line, "E100", reason or "invalid YAML")]
    except (yaml.YAMLError, ValueError, TypeError, RecursionError) as error:
        # Constructor errors without a mark (an unhashable key, say) and odd scalars.
        return doc, [Problem(path, 1, "E100", f"invalid YAML: {error}")]
    finally:
        loader.dispose()
    if data is None:
        return doc, [Problem(path, doc.lines[()], "E101", "file holds nothing (null); expected a mapping of fields")]
    doc.data = data
    return doc, problems


def read_file(file: Path, display_path: str) -> tuple[bytes | None, list[Problem]]:
    """The bytes of ``file`` (None, with the problem, when it cannot be read)."""
    try:
        return file.read_bytes(), []
    except OSError as error:
        return None, [Problem(display_path, 1, "E104", f"cannot read file: {error.strerror}")]


def load_bytes(raw: bytes, display_path: str) -> tuple[Document, list[Problem]]:
    """Decode and parse the bytes of one file; ``display_path`` is how problems name it."""
    if len(raw) > MAX_FILE_BYTES:
        message = f"file is {len(raw)} bytes; the limit is {MAX_FILE_BYTES}"
        return Document(display_path), [Problem(display_path, 1, "E103", message)]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return Document(display_path), [Problem(display_path, line, "E104", "file is not valid UTF-8")]
    return parse_yaml(text, display_path)


def load_yaml(file: Path, display_path: str) -> tuple[Document, list[Problem]]:
    """Read and parse one file; ``display_path`` is how problems name it."""
    raw, problems = read_file(file, display_path)
    if raw is None:
        return Document(display_path), problems
    return load_bytes(raw, display_path)
