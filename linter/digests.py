"""SHA-256 and BLAKE2b without loading OpenSSL for a run that hashes little.

Importing `hashlib` loads OpenSSL's libcrypto (about 2.5 ms, the largest single import of a
one-file check). Python's own modules give the same digests: `hashlib.blake2b` is `_blake2`'s in
any case, and `_sha256` (`_sha2` from Python 3.12) is the SHA-256 hashlib uses without OpenSSL.
OpenSSL's SHA-256 is about five times faster on a report-sized input, so a run hashes with
Python's until it has hashed `BUILTIN_BYTES` bytes, then with hashlib.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hashlib import _Hash

try:
    from _blake2 import blake2b
except ImportError:  # a Python built without it
    from hashlib import blake2b

try:
    from _sha2 import sha256 as _builtin_sha256  # Python 3.12+
except ImportError:
    try:
        from _sha256 import sha256 as _builtin_sha256
    except ImportError:  # a Python built without it
        _builtin_sha256 = None

__all__ = ["blake2b", "sha256"]

BUILTIN_BYTES = 1 << 20
"""Bytes a run hashes with Python's SHA-256 (about 3 ms of hashing) before importing hashlib."""
_builtin_left = BUILTIN_BYTES if _builtin_sha256 is not None else 0


def sha256(*parts: bytes) -> _Hash:
    """A SHA-256 hash object fed `parts` in order (what `hashlib.sha256()` and `update`s make)."""
    global _builtin_left
    size = sum(map(len, parts))
    if size <= _builtin_left:
        _builtin_left -= size
        digest = _builtin_sha256()
    else:
        _builtin_left = 0
        import hashlib

        digest = hashlib.sha256()
    for part in parts:
        digest.update(part)
    return digest
