"""Bytes to text: UTF-8 (with or without BOM), UTF-16/32, and legacy single-byte encodings."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from claimledger.errors import E, InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Legacy encodings war reporting actually arrives in; Windows-1251 first because Russian and
# Ukrainian text outside UTF-8 is almost always in it.
_LEGACY = ["cp1251", "koi8_r", "koi8_u", "cp1252", "iso8859_5", "latin_1"]


def _looks_european(text: str) -> bool:
    """Latin, Cyrillic and Greek text keeps to the low code points (plus general punctuation);
    bytes of another encoding misread as UTF-16 land all over the plane."""
    if not text:
        return False
    low = sum(ord(ch) < 0x0600 or 0x2000 <= ord(ch) <= 0x206F for ch in text)
    return low / len(text) > 0.95


def _utf16_without_bom(data: bytes) -> str | None:
    if len(data) < 4 or len(data) % 2:
        return None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_european(text[:2048]) and "\x00" not in text:
            return text
    return None


def decode_bytes(data: bytes, path: str) -> str:
    """Decode a file's bytes; raise InputError for binary or undecodable content."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(E.UNDECODABLE, path) from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None:
        if "\x00" in text:
            utf16 = _utf16_without_bom(data)
            if utf16 is None:
                raise InputError(E.BINARY, path)
            return utf16
        return text
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    if b"\x00" in data:
        raise InputError(E.BINARY, path)
    best = from_bytes(data, cp_isolation=_LEGACY).best()
    if best is None:
        raise InputError(E.UNDECODABLE, path)
    return str(best)
