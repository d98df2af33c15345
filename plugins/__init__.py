"""Built-in checks; each module is a pluggy plugin registered through the `govlint` entry points."""
