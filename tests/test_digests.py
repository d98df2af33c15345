"""linter.digests gives hashlib's digests, with Python's own SHA-256 within its budget and
OpenSSL's past it."""

from __future__ import annotations

import hashlib

import pytest

from linter import digests

PARTS = [b"", b"a", "政府信息公开".encode(), bytes(range(256)) * 300]


@pytest.mark.parametrize("builtin_left", [digests.BUILTIN_BYTES, 0])
def test_sha256_of_parts_is_hashlibs(builtin_left, monkeypatch) -> None:
    monkeypatch.setattr(digests, "_builtin_left", builtin_left)
    for count in range(len(PARTS) + 1):
        parts = PARTS[:count]
        expected = hashlib.sha256(b"".join(parts))
        found = digests.sha256(*parts)
        assert (found.hexdigest(), found.digest()) == (expected.hexdigest(), expected.digest())


def test_past_its_budget_sha256_is_openssls(monkeypatch) -> None:
    monkeypatch.setattr(digests, "_builtin_left", 10)
    assert type(digests.sha256(b"0123456789")) is not type(hashlib.sha256())
    assert type(digests.sha256(b"a")) is type(hashlib.sha256())
    assert digests._builtin_left == 0


def test_blake2b_is_hashlibs() -> None:
    assert digests.blake2b is hashlib.blake2b
