"""A piece of text written as a YAML or TOML string that reads back as itself.

JSON's quoting is not enough for either: it leaves DEL and the C1 controls
as they are, which YAML's reader refuses and TOML forbids, and YAML takes a
raw NEL or line separator inside quotes for a line break.
"""

from __future__ import annotations

from tui.blog.naming import yaml_flow_item

_SHORT = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _escaped(value: str, unsafe: frozenset[int] | range, toml: bool) -> str:
    pieces = ['"']
    for character in value:
        code = ord(character)
        if character in _SHORT:
            pieces.append(_SHORT[character])
        elif code < 0x20 or code == 0x7F or code in unsafe:
            pieces.append(f"\\u{code:04X}" if toml or code > 0xFF else f"\\x{code:02X}")
        else:
            pieces.append(character)
    pieces.append('"')
    return "".join(pieces)


# What YAML's reader refuses (or reads as a line break) inside double quotes.
_YAML_UNSAFE = frozenset(
    {*range(0x80, 0xA0), 0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF, *range(0xD800, 0xE000)}
)


def yaml_quoted(value: str) -> str:
    """``value`` as a YAML double-quoted string, every unsafe character escaped."""
    return _escaped(value, _YAML_UNSAFE, toml=False)


def toml_quoted(value: str) -> str:
    """``value`` as a TOML basic string."""
    return _escaped(value, range(0), toml=True)


def toml_literal_holds(value: str) -> bool:
    """Whether ``value`` can be written as a TOML literal string, 'like this'."""
    return not any(c == "'" or (ord(c) < 0x20 and c != "\t") or ord(c) == 0x7F for c in value)


def yaml_item(value: str) -> str:
    """``value`` as an item of a YAML list: bare when it is a plain word, else quoted."""
    bare = yaml_flow_item(value)
    return bare if bare == value else yaml_quoted(value)
