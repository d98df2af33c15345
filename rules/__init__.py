"""Knowledge as data: templates (rules/templates) and rule packs (rules/packs)."""

from pathlib import Path

FOLDER = Path(__file__).parent
"""The folder of the shipped knowledge files (a plain directory: importlib.resources, with the
zipfile and tempfile modules it imports, would cost a one-file run several milliseconds)."""
