import sys

from linter.cli import program

sys.exit(program())
