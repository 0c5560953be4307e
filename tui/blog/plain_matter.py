"""YAML front matter of plain `key: value` lines, read without PyYAML.

Most posts open with a few `key: value` lines and a list of tags or two.
PyYAML builds a node, an event and a token for every value even with
libyaml: more than half the time a post takes to read, listing a blog's
posts. :func:`load` reads such lines in about a fifth of that time, and
gives up (None) on anything it is not sure of, for PyYAML to read. What it
gives is what PyYAML's safe loader gives for the same text, value for value
and type for type; tests hold it to that on real blogs and on odd lines.

What it reads: keys at the start of their line; values that are quoted
strings without escapes, plain words (YAML 1.1's booleans and nulls
included), decimal ints, dates and times; lists in brackets or as `- item`
lines; one level of `key: value` lines under a key; blank and comment
lines. Anything else (other numbers, multi-line values, deeper nesting,
anchors, escapes, tabs) is left to PyYAML.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

_UNSURE = object()
"""What a reading gives up with: the text is PyYAML's to read."""

_KEY_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_.-]*):(?: +(.*))?")
_ITEM_LINE = re.compile(r"- +(.+)")
# PyYAML's reader refuses these; a line break other than "\n" (\r, \x85,
# \u2028, \u2029) and a byte order mark are left to it too. Named as they
# are, not as all the others: the class of all the others, up to U+10FFFF,
# took 7 ms to compile, in the app's start and in each of its workers.
_ODD_CHARACTER = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]"
)

# Plain words YAML 1.1 reads as booleans and nulls (PyYAML's resolver):
# nothing else that starts with a letter is more than a string.
# A key among them is one too (`on:` is True), so a line with one is left to PyYAML.
_WORDS: dict[str, bool | None] = {
    **dict.fromkeys(("yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"), True),
    **dict.fromkeys(("no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"), False),
    **dict.fromkeys(("null", "Null", "NULL"), None),
}

# PyYAML's resolver for plain values that start with a digit: a timestamp,
# else a float or an int (left to PyYAML), else a string.
_TIMESTAMP = re.compile(
    r"""(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
    |[0-9][0-9][0-9][0-9] -[0-9][0-9]? -[0-9][0-9]?
     (?:[Tt]|[ \t]+)[0-9][0-9]?
     :[0-9][0-9] :[0-9][0-9] (?:\.[0-9]*)?
     (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$""",
    re.X,
)
_NUMBER = re.compile(
    r"""(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?
    |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
    |[-+]?0b[0-1_]+
    |[-+]?0[0-7_]+
    |[-+]?(?:0|[1-9][0-9_]*)
    |[-+]?0x[0-9a-fA-F_]+
    |[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$""",
    re.X,
)
_DECIMAL = re.compile(r"0|[1-9][0-9]*")
"""The one kind of number read here: PyYAML reads 012 as octal, 1_000 and
1:30 (sexagesimal) as ints, and floats in ways of its own."""
# And the way PyYAML's constructor then reads a timestamp.
_TIMESTAMP_PARTS = re.compile(
    r"""(?P<year>[0-9][0-9][0-9][0-9])
    -(?P<month>[0-9][0-9]?)
    -(?P<day>[0-9][0-9]?)
    (?:(?:[Tt]|[ \t]+)
    (?P<hour>[0-9][0-9]?)
    :(?P<minute>[0-9][0-9])
    :(?P<second>[0-9][0-9])
    (?:\.(?P<fraction>[0-9]*))?
    (?:[ \t]*(?P<tz>Z|(?P<tz_sign>[-+])(?P<tz_hour>[0-9][0-9]?)
    (?::(?P<tz_minute>[0-9][0-9]))?))?)?$""",
    re.X,
)


_FLOW_MARK = re.compile(r"[\[\]{}:#]")
"""What a flow list's item may not hold: brackets, a mapping or a comment."""
_NOT_PLAIN = frozenset("-?:,[]{}#&*!|>'\"%@`" + "+.~<=")
"""What a value may not start with to be a string: YAML's marks, and what
PyYAML reads as a number (+1, .5, .inf), a null (~), a merge (<<) or "="."""


def load(source: str) -> dict[str, Any] | None:
    """What PyYAML's safe loader reads in ``source``, or None when it is not
    plain lines this module is sure of. Never raises."""
    if _ODD_CHARACTER.search(source):
        return None
    data: dict[str, Any] = {}
    last = ""  # the last key at the start of a line
    open_ = False  # whether its value is empty: indented lines may follow
    under: list[Any] | dict[str, Any] | None = None  # what they make
    indent = 0  # theirs
    for line in source.split("\n"):
        stripped = line.lstrip(" ")
        if not stripped or stripped[0] == "#":
            continue  # a blank line or a comment
        depth = len(line) - len(stripped)
        item = _ITEM_LINE.fullmatch(stripped)
        if depth or item:  # a line under the last key: a list's item, or a key of a mapping
            if not open_:
                return None  # a value on more than one line
            if under is None:
                indent, under = depth, [] if item else {}
                data[last] = under
            elif depth != indent:
                return None  # deeper nesting
            if item:
                if not isinstance(under, list):
                    return None
                value = _scalar(item[1].rstrip(" "))
                under.append(value)
            else:
                found = _KEY_LINE.fullmatch(stripped)
                text = (found[2] or "").rstrip(" ") if found else ""
                if found is None or found[1] in _WORDS or not text or isinstance(under, list):
                    return None  # not a key, or one with lines of its own under it
                value = under[found[1]] = _value(text)
            if value is _UNSURE:
                return None
            continue
        found = _KEY_LINE.fullmatch(line)
        if found is None or found[1] in _WORDS:  # YAML reads these keys as booleans or nulls
            return None
        last, text = found[1], (found[2] or "").rstrip(" ")
        open_, under = not text, None
        value = data[last] = _value(text) if text else None
        if value is _UNSURE:
            return None
    return data


def _value(text: str) -> Any:
    if text[0] == "[":
        return _flow_list(text)
    return _scalar(text)


def _flow_list(text: str) -> Any:
    """``[a, "b", 'c']`` on one line, without commas or brackets in its items."""
    if text[-1] != "]":
        return _UNSURE
    inside = text[1:-1].strip(" ")
    if not inside:
        return []
    values = []
    for item in inside.split(","):
        item = item.strip(" ")
        if not item or _FLOW_MARK.search(item):
            return _UNSURE
        value = _scalar(item)
        if value is _UNSURE:
            return _UNSURE
        values.append(value)
    return values


def _scalar(text: str) -> Any:
    """One value on one line, without its trailing spaces."""
    if not text:
        return _UNSURE  # a null, in a list
    first = text[0]
    if first == '"':
        inside = text[1:-1]
        if len(text) < 2 or text[-1] != '"' or '"' in inside or "\\" in inside:
            return _UNSURE
        return inside
    if first == "'":
        inside = text[1:-1]
        if len(text) < 2 or text[-1] != "'" or "'" in inside:
            return _UNSURE
        return inside
    if ": " in text or text[-1] == ":" or " #" in text or "\t" in text:
        return _UNSURE  # a mapping, a comment, or what YAML refuses
    if first.isdigit():
        if _DECIMAL.fullmatch(text):
            return int(text)
        if _TIMESTAMP.match(text):
            return _timestamp(text)
        if _NUMBER.match(text):
            return _UNSURE
        return text
    if first in _NOT_PLAIN:
        return _UNSURE
    return _WORDS.get(text, text)


def _timestamp(text: str) -> Any:
    parts = _TIMESTAMP_PARTS.match(text)
    if parts is None:
        return _UNSURE
    year, month, day = int(parts["year"]), int(parts["month"]), int(parts["day"])
    try:
        if not parts["hour"]:
            return dt.date(year, month, day)
        fraction = int((parts["fraction"] or "")[:6].ljust(6, "0"))
        zone = None
        if parts["tz_sign"]:
            delta = dt.timedelta(hours=int(parts["tz_hour"]), minutes=int(parts["tz_minute"] or 0))
            zone = dt.timezone(-delta if parts["tz_sign"] == "-" else delta)
        elif parts["tz"]:
            zone = dt.UTC
        return dt.datetime(
            year,
            month,
            day,
            int(parts["hour"]),
            int(parts["minute"]),
            int(parts["second"]),
            fraction,
            tzinfo=zone,
        )
    except ValueError:
        return _UNSURE  # no such day: PyYAML's reading says why
