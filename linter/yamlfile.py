"""Reading YAML knowledge files (templates, packs) with positions for error messages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from linter.errors import DataFileError


def load_yaml(path: Path | str, text: str | None = None, *, positions: bool = True) -> Any:
    """Parse YAML with ruamel.

    With `positions` (round-trip mode) every mapping keeps its line numbers for error messages;
    without, the C parser reads plain data several times faster (templates, read on every run).
    """
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError

    path = Path(path)
    if text is None:
        text = path.read_text(encoding="utf-8")
    try:
        return YAML(typ="rt" if positions else "safe").load(text)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        raise DataFileError(f"{where}: {error.problem or error.context}") from None


def position(node: Any, key: Any = None) -> tuple[int, int] | None:
    """1-based (line, column) of a mapping (or of one of its keys) read by `load_yaml`."""
    lc = getattr(node, "lc", None)
    if lc is None:
        return None
    if key is not None:
        try:
            line, column = lc.key(key)
            return line + 1, column + 1
        except (KeyError, TypeError):
            pass
    return lc.line + 1, lc.col + 1
