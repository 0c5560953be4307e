"""Making text from files safe to show: nothing in it is ever interpreted."""

from __future__ import annotations

import re
from collections.abc import Iterable

from tui.lazy import compiled

# C0 controls (tab excepted), DEL and C1 controls: a terminal would act on
# them. Bidirectional overrides and isolates: they would reorder what is
# shown around them, so that a name reads as something it is not.
_BIDI = (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
BEYOND_C0 = (*range(0x7F, 0xA0), *_BIDI)
"""DEL, the C1 controls and the bidirectional characters: what is unsafe
beyond the C0 controls (which JSON, for one, escapes by itself)."""
_CONTROLS = (*range(0x00, 0x09), *range(0x0A, 0x20), *BEYOND_C0)


def _picture(code: int) -> str:
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control pictures": ␛, ␀, ␊ ...
    if code == 0x7F:
        return "\u2421"
    if code > 0xFF:
        return f"<U+{code:04X}>"
    return f"\\x{code:02x}"


def character_class(codes: Iterable[int]) -> str:
    """A regular expression that matches any one of the characters ``codes``."""
    return "[" + "".join(re.escape(chr(code)) for code in codes) + "]"


# A table, not a regular expression: compiling one of these character
# classes took 2 ms of the first frame, which shows names and titles.
_PICTURES = {code: _picture(code) for code in _CONTROLS}


def printable(text: str) -> str:
    """``text`` with control characters replaced by visible stand-ins.

    Rich markup needs no escaping here: callers build ``Text`` objects, which
    never parse markup.
    """
    # Every character replaced is one that str.isprintable() refuses: most
    # text has none and is returned as it is, without looking each one up.
    return text if text.isprintable() else text.translate(_PICTURES)


# What a terminal would act on inside a multi-line text: every control but
# tab, line feed and carriage return, and the bidirectional overrides.
_UNSAFE_IN_TEXT = character_class(code for code in _CONTROLS if code not in (0x0A, 0x0D))


def unsafe_character(text: str) -> str | None:
    """The first character of ``text`` that a terminal would act on, if any."""
    found = compiled(_UNSAFE_IN_TEXT).search(text)
    return found.group() if found else None


def printable_text(text: str) -> str:
    """``text`` with its lines kept and every character a terminal would act on made visible."""
    # Searched for, not translated: a long post has none, and str.translate
    # looks each character up (18 ms against 1 ms for 200 KB).
    return compiled(_UNSAFE_IN_TEXT).sub(lambda found: _PICTURES[ord(found.group())], text)


def printable_lines(text: str) -> str:
    """``text`` line by line, each made :func:`printable`: only line feeds stay.

    For text that is shown and never saved (a message, a question): a
    carriage return there would be dropped or act on the terminal, so it is
    shown as a symbol like every other control.
    """
    return "\n".join(printable(line) for line in text.split("\n"))


LONGEST_LINE = 5_000
"""Characters of the longest line the editor is given to edit.

Textual's TextArea wraps a line again, whole, at each key typed in it, and
paints each of its rows from the whole line. A key cost (CPU, the whole app,
120x40) 6 ms in a short line; at 5,000 characters 14 ms, 24 ms in the split
view (the preview follows); at 10,000 20 and 57 ms; 1.4 s at 1,000,000. Keys
are to be answered within 50 ms, on a machine busier than that one too, so a
longer line (a minified table, an image in base64) makes its post read-only
here: 13 of the 7,732 real posts beside the project have one.
"""
LONG_LINE_SHOWN = 2_000
"""Characters shown of such a line: more than a screenful of an 80-column
pane, and cursor keys in it as quick as in a short line."""


def long_line(text: str, limit: int = LONGEST_LINE, start: int = 0) -> tuple[int, int] | None:
    """Where the first line of ``text`` longer than ``limit`` starts (from the
    line at ``start``), and its length.

    Line breaks are LF or CR, as the editor splits lines (CRLF counts as one).
    """
    # Steps of ``limit`` characters, searched backwards for a break with C's
    # speed: a few steps a post, not one a line (5 MB in a few milliseconds).
    end = len(text)
    while end - start > limit:
        window = start + limit + 1
        brk = max(text.rfind("\n", start, window), text.rfind("\r", start, window))
        if brk < 0:
            ends = [i for i in (text.find("\n", start), text.find("\r", start)) if i >= 0]
            return start, min(ends, default=end) - start
        start = brk + 1
    return None


def bounded_lines(text: str, limit: int = LONGEST_LINE, shown: int = LONG_LINE_SHOWN) -> str:
    """``text`` with each line longer than ``limit`` cut to its first ``shown``
    characters, and a marker saying so.

    What is shown of a post whose line is too long to edit (see
    :data:`LONGEST_LINE`): laid out whole, such a line holds up the preview
    and the editor for seconds. Most text has none, and is returned as it is.
    """
    pieces, done = [], 0
    while (found := long_line(text, limit, done)) is not None:
        start, length = found
        marker = f" … ({length - shown:,} more characters on this line, not shown)"
        pieces += [text[done : start + shown], marker]
        done = start + length
    return "".join(pieces) + text[done:] if pieces else text
