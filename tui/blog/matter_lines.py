"""Where a key and its value are in the text of a post's front matter.

What `tui.blog.metadata` edits: the lines of one top-level key (in TOML,
of one key of a table), found without parsing the front matter again.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from tui.blog import frontmatter
from tui.blog.errors import BlogError


@dataclass(frozen=True)
class Block:
    """The front matter of a text: where it is and how it is written."""

    format: str
    start: int
    """Index of the first character after the opening fence's line."""
    end: int
    """Index of the closing fence (the front matter's text ends there)."""
    newline: str
    data: dict[str, Any] = field(default_factory=dict)
    """What the front matter says, as read."""


def block_of(text: str) -> Block:
    matter = frontmatter.split(text)
    if matter.format not in ("yaml", "toml") or matter.problems:
        if matter.problems:
            raise BlogError(f"Cannot change the front matter: {matter.problems[0]}")
        if matter.format == "json":
            raise BlogError(
                "This post's front matter is JSON, which is not changed in place here;"
                " change it in the editor."
            )
        raise BlogError("This post has no YAML or TOML front matter to change.")
    first_end = text.find("\n")
    fenced = text[:first_end].rstrip() in ("---", "+++")
    start = first_end + 1 if fenced else 0  # Statiq's front matter has no opening fence
    newline = "\r\n" if text[:first_end].endswith("\r") else "\n"
    return Block(matter.format, start, start + len(matter.source), newline, matter.data)


@dataclass
class Entry:
    """One key of the front matter: its lines, and its value's text."""

    start: int
    end: int
    """Index after the entry's last line (its newline included)."""
    value_start: int
    value_end: int
    """The value on the key's own line (without a comment or the newline)."""
    line_end: int
    """Index after the key's own line."""

    @property
    def multiline(self) -> bool:
        return self.end > self.line_end


_TOML_HEADER = re.compile(r"^[ \t]*(\[\[?)[ \t]*([^\[\]]+?)[ \t]*\]\]?[ \t]*(#.*)?$")
TOP = ""
"""The table of TOML's top-level keys."""


def lines(text: str, block: Block) -> list[tuple[int, int]]:
    spans = []
    position = block.start
    while position < block.end:
        end = text.find("\n", position, block.end)
        end = block.end if end < 0 else end + 1
        spans.append((position, end))
        position = end
    return spans


def toml_tables(text: str, spans: list[tuple[int, int]]) -> list[tuple[str, bool]]:
    """For each line, the TOML table it is in, and whether it is that table's header.

    An array of tables, `[[x]]`, is named with its brackets: no key is ever
    looked for in one. A line inside a multi-line array is never a header.
    """
    tables: list[tuple[str, bool]] = []
    current, depth = TOP, 0
    for start, end in spans:
        line = text[start:end].rstrip("\r\n")
        header = _TOML_HEADER.match(line) if depth == 0 else None
        if header:
            current = header[2] if header[1] == "[" else f"[[{header[2]}]]"
            tables.append((current, True))
            continue
        tables.append((current, False))
        depth = max(0, depth + bracket_depth(line))
    return tables


def find(text: str, block: Block, key: str, table: str = TOP) -> Entry | None:
    """The entry for ``key`` (in TOML ``table``), or None."""
    separator = ":" if block.format == "yaml" else "="
    spans = lines(text, block)
    tables = toml_tables(text, spans) if block.format == "toml" else None
    for index, (start, end) in enumerate(spans):
        if tables is not None and tables[index] != (table, False):
            continue
        line = text[start:end].rstrip("\r\n")
        found = re.match(rf"^{re.escape(key)}[ \t]*{separator}[ \t]*", line, re.IGNORECASE)
        if not found:
            continue
        value_start = start + found.end()
        value_end = start + len(without_comment(line))
        if value_end < value_start and text.startswith("#", value_start):
            value_start = value_end  # `key: # note`: a value goes before the comment
        entry_end = end
        # A block value goes on over the lines indented under the key (YAML),
        # and a TOML array over the lines up to its closing bracket.
        for next_start, next_end in spans[index + 1 :]:
            following = text[next_start:next_end].rstrip("\r\n")
            if block.format == "yaml" and (following[:1] in (" ", "\t", "-") or not following):
                if following.strip():
                    entry_end = next_end
                continue
            break
        if block.format == "toml" and text[value_start:value_end].startswith("["):
            depth = bracket_depth(text[value_start:end])
            cursor = index + 1
            while depth > 0 and cursor < len(spans):
                next_start, next_end = spans[cursor]
                depth += bracket_depth(text[next_start:next_end])
                entry_end = next_end
                cursor += 1
        return Entry(start, entry_end, value_start, max(value_start, value_end), end)
    return None


def without_comment(line: str) -> str:
    """``line`` without a trailing comment (a # outside quotes) or spaces."""
    for position, character in _unquoted(line, 0, len(line)):
        if character == "#":
            return line[:position].rstrip()
    return line.rstrip()


def _unquoted(text: str, start: int, end: int) -> Iterator[tuple[int, str]]:
    """The characters of ``text[start:end]`` outside quoted strings, with their index.

    A quote opens a string only where one may start (not in `it's`), and in a
    double-quoted string a backslash escapes the next character (YAML, TOML).
    A comment's ``#`` is given, then the rest of its line is skipped; a ``#``
    inside a word (`C#`) is not.
    """
    quote, escaped, comment = "", False, False
    for position in range(start, end):
        character = text[position]
        if comment:
            comment = character != "\n"
            if comment:
                continue
        elif quote:
            if escaped:
                escaped = False
            elif character == "\\" and quote == '"':
                escaped = True
            elif character == quote:
                quote = ""
            continue
        elif character in "'\"" and not (position and text[position - 1].isalnum()):
            quote = character
            continue
        elif character == "#":
            comment = not position or text[position - 1] in " \t\n"
            if not comment:
                continue
        yield position, character


def bracket_depth(text: str) -> int:
    """How many more brackets ``text`` opens than it closes, outside quotes and comments."""
    depth = 0
    for _, character in _unquoted(text, 0, len(text)):
        if character in "[]":
            depth += 1 if character == "[" else -1
    return depth


def insert_key(text: str, block: Block, key: str, value: str, table: str = TOP) -> str:
    """``text`` with the line ``key: value`` (or ``key = value``) added.

    In YAML, as the front matter's last line; in TOML, as the last line of
    ``table``: for the top level, before the first table's header, since a
    key written after it would be that table's.
    A key the front matter has, written in a way not found in its lines (a
    quoted key, an inline table), is never added a second time.
    """
    where = block.data if table == TOP else block.data.get(table)
    if isinstance(where, dict) and key.lower() in (name.lower() for name in where):
        raise unseen(key)
    if block.format == "yaml":
        if text[block.start : block.start + 1].isupper():  # Statiq's keys: Title, Tags
            key = key.capitalize()
        return _insert_at(text, block.end, f"{key}: {value}", block.newline)
    spans = lines(text, block)
    tables = toml_tables(text, spans)
    inside = table == TOP
    position = block.end
    for index, (name, header) in enumerate(tables):
        if header and inside:  # the header of the next table: insert above it
            while index > 0 and _blank_or_comment(text, spans[index - 1]):
                index -= 1
            position = spans[index][0]
            break
        if header:
            inside = name == table
    return _insert_at(text, position, f"{key} = {value}", block.newline)


def unseen(key: str) -> BlogError:
    """Why a key the front matter has, but none of its lines shows, is not changed."""
    return BlogError(
        f"The key {key} is written in a way this app does not change in place"
        " (a quoted key, an inline table); change it in the editor."
    )


def has_table(text: str, block: Block, table: str) -> bool:
    return (table, True) in toml_tables(text, lines(text, block))


def _blank_or_comment(text: str, span: tuple[int, int]) -> bool:
    line = text[span[0] : span[1]].strip()
    return not line or line.startswith("#")


def _insert_at(text: str, position: int, line: str, newline: str) -> str:
    before = text[:position]
    if before and not before.endswith("\n"):
        before += newline
    return before + line + newline + text[position:]


def spaced(text: str, entry: Entry) -> str:
    """A space to put after `key:` when the value was empty and none is there."""
    return " " if text[entry.value_start - 1] in ":=" else ""


def closing_bracket(text: str, start: int, end: int) -> int:
    """Index of the `]` that closes the list opening at ``start`` (-1 if none before ``end``).

    Brackets in quotes or comments do not count, nor those of a list inside it.
    """
    depth = 0
    for position, character in _unquoted(text, start + 1, end):
        if character == "[":
            depth += 1
        elif character == "]":
            if not depth:
                return position
            depth -= 1
    return -1


def split_flow(inner: str) -> list[str]:
    """The raw items of a flow list's inside, commas inside quotes kept."""
    commas = [
        position for position, character in _unquoted(inner, 0, len(inner)) if character == ","
    ]
    pieces = [inner[a + 1 : b] for a, b in zip([-1, *commas], [*commas, len(inner)], strict=True)]
    return [piece.strip() for piece in pieces if piece.strip()]
