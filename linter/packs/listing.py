"""Text for `govlint packs`: each pack, where it comes from, what it changes and its rules."""

from __future__ import annotations

from linter.packs.parse import Pack


def describe_pack(pack: Pack) -> str:
    lines = [f"{pack.name}  [{pack.origin}]  {pack.path}", f"  {pack.description}"]
    if pack.extends:
        lines.append("  extends: " + ", ".join(r.name for r in pack.extends))
    if pack.severity:
        lines.append("  severity: " + ", ".join(f"{code}={sev}" for code, sev in pack.severity.items()))
    if pack.disable:
        lines.append("  disables: " + ", ".join(pack.disable))
    for code, options in pack.options.items():
        lines.append(f"  options {code}: " + ", ".join(f"{k}={v}" for k, v in options.items()))
    for rule in pack.rules:
        lines.append(f"  {rule.code:8} {rule.name:32} {str(rule.severity):8} {rule.message}")
    return "\n".join(lines)
