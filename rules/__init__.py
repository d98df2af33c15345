"""Knowledge as data: templates (rules/templates) and rule packs (rules/packs)."""
