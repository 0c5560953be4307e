"""Making text from files safe to show: nothing in it is ever interpreted."""

from __future__ import annotations

import re

# C0 controls (tab excepted), DEL and C1 controls: a terminal would act on them.
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control pictures": ␛, ␀, ␊ ...
    if code == 0x7F:
        return "\u2421"
    return f"\\x{code:02x}"


def printable(text: str) -> str:
    """``text`` with control characters replaced by visible stand-ins.

    Rich markup needs no escaping here: callers build ``Text`` objects, which
    never parse markup.
    """
    return _CONTROL.sub(_picture, text)
