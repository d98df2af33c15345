"""Writing files so that a reader never sees a partial one: the output of `--output-file`, the
files `--fix` rewrites, caches and review copies.

The data goes to a temporary file in the target's folder, which then replaces the target in one
`os.replace` (atomic on POSIX and Windows): a concurrent reader sees the old file or the new one,
and a run killed half-way leaves the old file and, at worst, a `.govlint-*` temporary behind.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from typing import BinaryIO


def write_atomically(path: str, data: bytes | str, *, keep_mode_of: str | None = None) -> None:
    """Replace `path` by `data` (str is written as UTF-8) in one step; OSError when it cannot.

    `keep_mode_of`: copy that file's permission bits (a fixed report keeps its mode)."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with replaced_atomically(path, keep_mode_of=keep_mode_of) as stream:
        stream.write(payload)


@contextlib.contextmanager
def replaced_atomically(path: str, *, keep_mode_of: str | None = None) -> Iterator[BinaryIO]:
    """A binary stream to a temporary file beside `path` that replaces `path` in one step when
    the block ends, and is removed when the block raises (for output written as it is made,
    never held whole in memory). OSError when it cannot."""
    import tempfile  # with shutil, random, bz2 and lzma: not for a run that only reads (`linter.fixes` for its formats)

    handle, temporary = tempfile.mkstemp(dir=os.path.dirname(os.path.abspath(path)), prefix=".govlint-")
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream
        if keep_mode_of is not None:
            os.chmod(temporary, os.stat(keep_mode_of).st_mode & 0o7777)
        else:
            os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask

