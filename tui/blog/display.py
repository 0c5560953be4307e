"""Making text from files safe to show: nothing in it is ever interpreted."""

from __future__ import annotations

import re

# C0 controls (tab excepted), DEL and C1 controls: a terminal would act on
# them. Bidirectional overrides and isolates: they would reorder what is
# shown around them, so that a name reads as something it is not.
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control pictures": ␛, ␀, ␊ ...
    if code == 0x7F:
        return "\u2421"
    if code > 0xFF:
        return f"<U+{code:04X}>"
    return f"\\x{code:02x}"


def printable(text: str) -> str:
    """``text`` with control characters replaced by visible stand-ins.

    Rich markup needs no escaping here: callers build ``Text`` objects, which
    never parse markup.
    """
    return _CONTROL.sub(_picture, text)


# What a terminal would act on inside a multi-line text: every control but
# tab, line feed and carriage return, and the bidirectional overrides.
_UNSAFE_IN_TEXT = re.compile(
    r"[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def unsafe_character(text: str) -> str | None:
    """The first character of ``text`` that a terminal would act on, if any."""
    found = _UNSAFE_IN_TEXT.search(text)
    return found.group() if found else None


def printable_text(text: str) -> str:
    """``text`` with its lines kept and every character a terminal would act on made visible."""
    return _UNSAFE_IN_TEXT.sub(_picture, text)
