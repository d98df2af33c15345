"""The user's language for what govlint itself says: `--help`, the errors and notes on stderr and
the closing summary. Chinese when the locale is Chinese (the first of LC_ALL, LC_MESSAGES, LANG
that is set starts with `zh`), English otherwise. Findings are always Chinese: they quote the report.

Messages are written in English where they arise and translated where they leave govlint:
`--help` through `HelpFormatter`, stderr through `say`. One gettext catalogue, `zh_CN.po` beside
this file, holds every translation (read as text: no compiled .mo to keep in step). A msgid may
hold `{name}` placeholders: it then translates any message of that shape, the placeholders'
text carried over (`cannot read file: {reason}` translates `cannot read file: Permission denied`).
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import functools
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

CATALOGUE = Path(__file__).with_name("zh_CN.po")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


_chosen: list[str] = []
"""Languages chosen by `speaking` (innermost last), ahead of the locale."""


@contextlib.contextmanager
def speaking(chosen: str) -> Iterator[None]:
    """Translate into `chosen` ("zh" or "en") whatever the locale, e.g. for the HTML page, which
    is a Chinese document."""
    _chosen.append(chosen)
    try:
        yield
    finally:
        _chosen.pop()


def language() -> str:
    """"zh" or "en"."""
    if _chosen:
        return _chosen[-1]
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def _(message: str) -> str:
    """`message` in the user's language: itself in English or when the catalogue lacks it."""
    if language() != "zh" or not message:
        return message
    exact, shaped = _catalogue()
    if message in exact:
        return exact[message]
    for pattern, translation in shaped:
        match = pattern.fullmatch(message)
        if match:
            # a placeholder's own text is translated only when the catalogue has it as it stands
            return translation.format(**{name: exact.get(value, value) for name, value in match.groupdict().items()})
    return message


def say(message: str, stream: TextIO | None = None) -> None:
    """Print a note or error of govlint's (`govlint: …`) on stderr, translated. The text after
    a leading `path: ` is translated on its own, the path kept."""
    stream = stream or sys.stderr
    print(f"govlint: {_located(message)}", file=stream)


def _located(message: str) -> str:
    translated = _(message)
    if translated != message or ": " not in message:
        return translated
    place, rest = message.split(": ", 1)
    return f"{place}: {_located(rest)}"


class HelpFormatter(argparse.HelpFormatter):
    """argparse's help with descriptions, group titles and option help translated."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                 width: int | None = None) -> None:
        # argparse makes a formatter for every argument added (to check its metavar) and asks
        # shutil for the width each time: shutil, bz2 and lzma imported for nothing.
        super().__init__(prog, indent_increment, max_help_position, _terminal_width() - 2 if width is None else width)

    def _format_text(self, text: str) -> str:
        return super()._format_text(_(text))

    def _expand_help(self, action: argparse.Action) -> str:
        if action.help:
            action = copy.copy(action)
            action.help = _(action.help)
        return super()._expand_help(action)

    def start_section(self, heading: str | None) -> None:
        super().start_section(_(heading) if heading else heading)

    def add_usage(self, usage, actions, groups, prefix=None) -> None:
        super().add_usage(usage, actions, groups, _("usage: ") if prefix is None else prefix)


def _terminal_width() -> int:
    """`shutil.get_terminal_size().columns`: $COLUMNS, else the width of the terminal on stdout, else 80."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns > 0:
        return columns
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80
    except (AttributeError, ValueError, OSError):
        return 80


@functools.cache
def _catalogue() -> tuple[dict[str, str], list[tuple[re.Pattern[str], str]]]:
    entries = parse_po(CATALOGUE.read_text(encoding="utf-8"))
    exact = {msgid: msgstr for msgid, msgstr in entries.items() if not _PLACEHOLDER.search(msgid)}
    # most literal text first ("cannot write fixed file: {reason}" before "cannot {what}"); a msgid
    # of placeholders only would match any message, so it is no pattern
    literal = {msgid: _PLACEHOLDER.sub("", msgid).strip() for msgid in entries if msgid not in exact}
    shaped = [(_shape(msgid), entries[msgid]) for msgid in sorted(literal, key=lambda m: -len(literal[m]))
              if literal[msgid]]
    return exact, shaped


def _shape(msgid: str) -> re.Pattern[str]:
    parts = _PLACEHOLDER.split(msgid)
    # split gives text, name, text, name, …: literal text escaped, names as non-greedy groups
    return re.compile("".join(re.escape(part) if i % 2 == 0 else f"(?P<{part}>.+?)" for i, part in enumerate(parts)),
                      re.DOTALL)


def parse_po(text: str) -> dict[str, str]:
    """The msgid → msgstr pairs of a .po file (continued strings joined, untranslated skipped)."""
    import ast

    entries: dict[str, str] = {}
    current: dict[str, list[str]] = {"msgid": [], "msgstr": []}
    field = None
    for raw in [*text.splitlines(), "msgid \"\""]:
        line = raw.strip()
        keyword = next((k for k in ("msgid", "msgstr") if line.startswith(k + " ")), None)
        if keyword == "msgid":
            msgid, msgstr = "".join(current["msgid"]), "".join(current["msgstr"])
            if msgid and msgstr:
                entries[msgid] = msgstr
            current = {"msgid": [], "msgstr": []}
        if keyword:
            field, line = keyword, line[len(keyword) + 1:]
        if field and line.startswith('"'):
            current[field].append(ast.literal_eval(line))
    return entries
