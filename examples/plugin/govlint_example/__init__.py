"""An example govlint plugin.

govlint loads this module through the `govlint` entry point declared in pyproject.toml and
calls its hook implementations: `govlint_rules` adds Python rules, `govlint_packs` adds YAML
rule packs that users select by name (`packs = ["example-city"]`).
"""

from __future__ import annotations

import re
from pathlib import Path

from linter.diagnostics import Finding
from linter.hookspecs import hookimpl
from linter.rules_api import rule

# "XX镇", "××年", "ＸＸ" (full-width letters are folded in line.norm): placeholders of a template
# copied without filling them in.
_PLACEHOLDER = re.compile(r"[Xx×]{2,}")


@rule("EXA001", "unfilled-placeholder", severity="error")
def unfilled_placeholder(report, context):
    """A template placeholder (XX, ××) was left in the report.

    Reports are often written from last year's file or a template; a placeholder left in
    ("XX镇人民政府", "20XX年") means a name or number was never filled in.

    Wrong: 本报告由XX镇人民政府办公室编制。  Right: 本报告由大章镇人民政府办公室编制。
    """
    for line in report.document.lines:
        for match in _PLACEHOLDER.finditer(line.norm):
            yield Finding(f"报告中留有未填写的占位符“{match.group()}”", line.locate(match.start(), match.end()))


@hookimpl
def govlint_rules():
    return [unfilled_placeholder]


@hookimpl
def govlint_packs():
    return [Path(__file__).parent / "packs" / "example-city.yaml"]
