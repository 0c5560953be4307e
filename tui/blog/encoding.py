"""Turning a post's bytes into text and back, without losing a byte.

A post keeps the encoding and byte-order mark it was read with, so that
saving writes the same bytes back when the text did not change.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from tui.blog.display import long_line

# Longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


BINARY_PROBE = 8_192
"""Bytes looked at for a NUL, the mark of a file that is not text."""


@dataclass(frozen=True)
class Decoded:
    """A file's text and what is needed to write it back as it was."""

    text: str
    encoding: str = "utf-8"
    bom: bytes = b""
    read_only_reason: str | None = None
    """Why the text must not be saved here (it could not be decoded
    faithfully, or a line of it is too long to edit)."""

    def encode(self, text: str) -> bytes:
        """The bytes to write for ``text``, in this file's encoding."""
        return self.bom + text.encode(self.encoding)


def decode(raw: bytes) -> Decoded:
    """Decode a post's bytes: UTF-8, or any UTF with a byte-order mark.

    Bytes that are not valid in their encoding are shown with replacement
    characters and the result is marked read-only, so that saving can never
    re-encode the file behind the user's back.
    """
    bom, encoding = b"", "utf-8"
    for mark, name in _BOMS:
        if raw.startswith(mark):
            bom, encoding = mark, name
            break
    payload = raw[len(bom) :]
    if encoding == "utf-8" and b"\x00" in payload[:BINARY_PROBE]:
        # Text never holds NUL: an image or an archive named .md. Shown as
        # far as it decodes, never written back.
        reason = "looks like a binary file (it holds NUL bytes); opened read-only"
        text = payload.decode("utf-8", errors="replace").replace("\x00", "\N{SYMBOL FOR NULL}")
        return Decoded(text, encoding, bom, reason)
    try:
        text = payload.decode(encoding)
    except UnicodeDecodeError as error:
        offset = error.start + len(bom)
        bad = raw[offset : offset + 1].hex()
        label = encoding.upper().replace("-LE", "").replace("-BE", "")
        reason = (
            f"not valid {label} (byte 0x{bad} at offset {offset}); "
            "opened read-only so it is never re-encoded"
        )
        return Decoded(payload.decode(encoding, errors="replace"), encoding, bom, reason)
    found = long_line(text)
    if found:
        reason = f"a line of {found[1]:,} characters: too long to edit here; use $EDITOR (E)"
        return Decoded(text, encoding, bom, reason)
    return Decoded(text, encoding, bom)
