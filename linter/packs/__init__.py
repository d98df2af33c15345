"""Rule packs: provincial and local requirements as YAML (rules/packs/*.yaml, plugins, local files).

    resolve_packs(["national", "shandong"], config_dir)  → ResolvedPacks (rules + overrides)
    apply_packs(rules, settings)                         → the checker's hook: rules and settings for a run

See docs/rule-packs.md for the pack format.
"""

from linter.packs.parse import Pack, PackRule, parse_pack
from linter.packs.resolve import (
    ResolvedPacks,
    apply_packs,
    find_pack,
    listed_packs,
    registered_packs,
    resolve_packs,
    rule_catalogue,
)

__all__ = [
    "Pack",
    "PackRule",
    "ResolvedPacks",
    "apply_packs",
    "find_pack",
    "listed_packs",
    "parse_pack",
    "registered_packs",
    "resolve_packs",
    "rule_catalogue",
]
