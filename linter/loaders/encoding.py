"""Decoding report bytes: UTF-8 (with or without BOM), UTF-16 (BOM or NUL pattern), GB18030/GBK.

The order is deterministic on purpose: strict UTF-8 almost never accepts GB bytes by accident,
and GB18030 is a superset of GB2312 and GBK, the encodings Chinese government pages use.

A file that is one of these except for a few bytes (a last character cut mid-byte, one line
pasted in GBK into a UTF-8 file) is read with those bytes replaced by U+FFFD, which the PARSE003
rule reports where it stands; only a file that no encoding fits is refused.
"""

from __future__ import annotations

import codecs

from linter.errors import InputError

_SAMPLE = 4096


def _looks_utf16(data: bytes) -> str | None:
    sample = data[:_SAMPLE]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    # Digits, punctuation and line breaks put NULs on one side only; UTF-8 and GB text have none.
    # (A CJK character can have a NUL low byte, e.g. 一 is 00 4E, so the other side may have a few.)
    needed = max(2, half * 0.03)
    if odd_nuls >= needed and odd_nuls > 2 * even_nuls:
        return "utf-16-le"
    if even_nuls >= needed and even_nuls > 2 * odd_nuls:
        return "utf-16-be"
    return None


def decode(path: str, data: bytes) -> tuple[str, str]:
    """Return (text, encoding name) or raise InputError with a plain reason."""
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise InputError(path, "file is empty")
    if data.startswith(codecs.BOM_UTF8):
        return _strict(path, data[3:], "utf-8-sig"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(path, data, "utf-16"), "utf-16"
    utf16 = _looks_utf16(data)
    if utf16:
        return _strict(path, data, utf16), utf16
    if b"\x00" in data[:_SAMPLE]:
        raise InputError(path, "binary file (contains NUL bytes), not a text report")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    text, encoding = _mostly_utf8(data) or _gb18030(path, data)
    if _control_ratio(text) > 0.05:
        raise InputError(path, "binary file (mostly control characters), not a text report")
    return text, encoding


def _mostly_utf8(data: bytes) -> tuple[str, str] | None:
    """UTF-8 with a few undecodable bytes replaced. GBK text read as UTF-8 gives about one valid
    character for ten replaced bytes; a UTF-8 report with a damaged character or a pasted GBK
    line gives mostly valid characters."""
    text = data.decode("utf-8", errors="replace")
    replaced = text.count(REPLACEMENT)
    valid = len(text) - len(text.encode("ascii", "ignore")) - replaced  # non-ASCII characters
    return (text, "utf-8") if valid >= replaced else None


def _gb18030(path: str, data: bytes) -> tuple[str, str]:
    """GB18030 (GBK), with a few undecodable bytes replaced (a last character cut mid-byte)."""
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        text = data.decode("gb18030", errors="replace")
    if text.count(REPLACEMENT) <= max(2, len(text) * _GB_DAMAGE_ALLOWED):
        return text, "gb18030"
    raise InputError(path, "unknown encoding: not UTF-8, UTF-16 or GB18030/GBK")


_GB_DAMAGE_ALLOWED = 0.01
"""GB18030 reads almost any byte pair, so its replaced bytes are few even in a foreign file: only
a file with next to none is taken as damaged GB18030."""


REPLACEMENT = "\ufffd"
"""What an undecodable byte becomes (the PARSE003 rule reports where)."""


def _strict(path: str, data: bytes, encoding: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        raise InputError(path, f"invalid {encoding} text") from None
    if encoding == "utf-16":
        text = text.lstrip("\ufeff")
    return text


def _control_ratio(text: str) -> float:
    sample = text[:_SAMPLE]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n\f")
    return controls / max(1, len(sample))
