"""Reading YAML knowledge files (templates, packs) with positions for error messages, within bounds."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from linter.errors import DataFileError

MAX_BYTES = 1_000_000
"""A knowledge file larger than this is refused (the largest shipped one is about 10 kB)."""
MAX_VALUES = 100_000
"""Values a file may hold once its YAML aliases are expanded (an alias bomb expands to billions)."""
MAX_DEPTH = 100
"""Nesting depth of mappings and lists a file may have."""


def read_text(path: Path) -> str:
    """The UTF-8 text of a knowledge file (a BOM is allowed), refused with its place when it is
    not UTF-8 or larger than `MAX_BYTES`."""
    with path.open("rb") as stream:
        data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise DataFileError(f"{path}: larger than {MAX_BYTES // 1000} kB; not read")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = data[:error.start]
        line = before.count(b"\n") + 1
        column = len(before.rsplit(b"\n", 1)[-1].decode("utf-8", "replace")) + 1
        raise DataFileError(f"{path}:{line}:{column}: not UTF-8 text (byte 0x{data[error.start]:02x}); "
                            "save the file as UTF-8") from None


def plain(value: Any) -> Any:
    """ruamel's commented containers → plain dicts and lists (for options and messages)."""
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def load_yaml(path: Path | str, text: str | None = None, *, positions: bool = True) -> Any:
    """Parse YAML with ruamel, refusing a file that is too large, nested too deep, or that its
    YAML aliases expand beyond `MAX_VALUES` values.

    With `positions` (round-trip mode) every mapping keeps its line numbers for error messages;
    without, the C parser reads plain data several times faster (templates, read on every run).
    """
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    path = Path(path)
    if text is None:
        text = read_text(path)
    elif len(text) > MAX_BYTES:
        raise DataFileError(f"{path}: larger than {MAX_BYTES // 1000} kB; not read")
    _check_flow_depth(path, text)
    try:
        data = YAML(typ="rt" if positions else "safe").load(text)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        raise DataFileError(f"{where}: {error.problem or error.context}") from None
    except (YAMLError, ValueError, TypeError, RecursionError) as error:  # e.g. a timestamp 2023-13-45
        raise DataFileError(f"{path}: not valid YAML: {type(error).__name__}: {error}") from None
    _check_size(path, data)
    return data


_TOKEN_START = frozenset(" \t\n[{,:-?")


def _check_flow_depth(path: Path, text: str) -> None:
    """Refuse brackets nested deeper than `MAX_DEPTH` before parsing: the YAML scanner's time
    grows with the square of the flow depth. Quoted text and comments are skipped; a bracket
    inside a plain scalar may be counted, which only matters past a hundred unclosed ones."""
    depth, index, line, line_start = 0, 0, 1, 0
    while index < len(text):
        char = text[index]
        at_token = index == 0 or text[index - 1] in _TOKEN_START
        if char in "\"'" and at_token:
            end = _closing_quote(text, index)
            newlines = text.count("\n", index, end)
            if newlines:
                line, line_start = line + newlines, text.rindex("\n", index, end) + 1
            index = end
            continue
        if char == "#" and at_token:
            index = text.find("\n", index)
            index = len(text) if index < 0 else index
            continue
        if char == "\n":
            line, line_start = line + 1, index + 1
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                raise DataFileError(f"{path}:{line}:{index - line_start + 1}: brackets nested more than "
                                    f"{MAX_DEPTH} levels deep; not read")
        elif char in "]}":
            depth = max(0, depth - 1)
        index += 1


def _closing_quote(text: str, start: int) -> int:
    """Index just after the quoted scalar opening at `start`."""
    quote, index = text[start], start + 1
    while index < len(text):
        if quote == '"' and text[index] == "\\":
            index += 2
            continue
        if text[index] == quote:
            if quote == "'" and text[index + 1:index + 2] == "'":
                index += 2
                continue
            return index + 1
        index += 1
    return index


def _check_size(path: Path, data: Any) -> None:
    """Count the values as a reader of `data` sees them (aliases expanded), stopping at the bounds;
    a problem is placed at the key whose value is too large."""
    count = 0
    stack: list[tuple[Any, int, str]] = [(data, 1, str(path))]
    while stack:
        node, depth, where = stack.pop()
        count += 1
        if count > MAX_VALUES or depth > MAX_DEPTH:
            what = (f"YAML aliases expand the file to more than {MAX_VALUES} values" if count > MAX_VALUES
                    else f"values nested more than {MAX_DEPTH} levels deep")
            raise DataFileError(f"{where}: {what}; not read")
        if isinstance(node, dict):
            for key, value in node.items():
                stack.append((value, depth + 1, _key_place(path, node, key) or where))
        elif isinstance(node, list):
            stack.extend((child, depth + 1, where) for child in node)


def _key_place(path: Path, node: Any, key: Any) -> str | None:
    try:
        line, column = node.lc.key(key)
    except (AttributeError, KeyError, TypeError):
        return None
    return f"{path}:{line + 1}:{column + 1}"
