"""Changing a post's title, draft state or tags by editing only the lines concerned.

The front matter is never dumped again: each change rewrites the value of
one key in the file's own format (YAML or TOML) and style (a flow list stays
a flow list, a block list a block list, quotes stay quotes, line endings and
everything else stay byte for byte).
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass

from tui.blog import frontmatter
from tui.blog.errors import BlogError
from tui.blog.naming import yaml_flow_item
from tui.blog.post import tag_key

TAG_KEYS = ("tags", "categories")


@dataclass(frozen=True)
class _Block:
    """The front matter of a text: where it is and how it is written."""

    format: str
    start: int
    """Index of the first character after the opening fence's line."""
    end: int
    """Index of the closing fence (the front matter's text ends there)."""
    newline: str


def _block(text: str) -> _Block:
    matter = frontmatter.split(text)
    if matter.format not in ("yaml", "toml") or matter.problems:
        if matter.problems:
            raise BlogError(f"Cannot change the front matter: {matter.problems[0]}")
        raise BlogError("This post has no YAML or TOML front matter to change.")
    first_end = text.find("\n")
    fenced = text[:first_end].rstrip() in ("---", "+++")
    start = first_end + 1 if fenced else 0  # Statiq's front matter has no opening fence
    newline = "\r\n" if text[:first_end].endswith("\r") else "\n"
    return _Block(matter.format, start, start + len(matter.source), newline)


@dataclass
class _Entry:
    """One top-level key of the front matter: its lines, and its value's text."""

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


def _find(text: str, block: _Block, key: str, table: str | None = None) -> _Entry | None:
    """The entry for ``key`` (in TOML ``table`` when given), or None."""
    separator = ":" if block.format == "yaml" else "="
    lines = _lines(text, block)
    current_table: str | None = None
    for index, (start, end) in enumerate(lines):
        line = text[start:end].rstrip("\r\n")
        if block.format == "toml":
            header = re.match(r"^\s*\[([^\[\]]+)\]\s*(#.*)?$", line)
            if header:
                current_table = header.group(1).strip()
                continue
            if current_table != table:
                continue
        found = re.match(rf"^{re.escape(key)}[ \t]*{separator}[ \t]*", line, re.IGNORECASE)
        if not found:
            continue
        value_start = start + found.end()
        value_end = start + len(_without_comment(line, block.format))
        entry_end = end
        # A block value goes on over the lines indented under the key (YAML),
        # and a TOML array over the lines up to its closing bracket.
        for next_start, next_end in lines[index + 1 :]:
            following = text[next_start:next_end].rstrip("\r\n")
            if block.format == "yaml" and (following[:1] in (" ", "\t", "-") or not following):
                if following.strip():
                    entry_end = next_end
                continue
            break
        if block.format == "toml" and text[value_start:value_end].startswith("["):
            depth = _bracket_depth(text[value_start:end])
            cursor = index + 1
            while depth > 0 and cursor < len(lines):
                next_start, next_end = lines[cursor]
                depth += _bracket_depth(text[next_start:next_end])
                entry_end = next_end
                cursor += 1
        return _Entry(start, entry_end, value_start, max(value_start, value_end), end)
    return None


def _lines(text: str, block: _Block) -> list[tuple[int, int]]:
    spans = []
    position = block.start
    while position < block.end:
        end = text.find("\n", position, block.end)
        end = block.end if end < 0 else end + 1
        spans.append((position, end))
        position = end
    return spans


def _without_comment(line: str, fmt: str) -> str:
    """``line`` without a trailing comment (a # outside quotes) or spaces."""
    quote = ""
    for position, character in enumerate(line):
        if quote:
            if character == quote:
                quote = ""
        elif character in "'\"":
            quote = character
        elif character == "#" and (position == 0 or line[position - 1] in " \t"):
            return line[:position].rstrip()
    return line.rstrip()


def _bracket_depth(text: str) -> int:
    text = _without_comment(text.rstrip("\r\n"), "toml")
    return text.count("[") - text.count("]")


def _insert(text: str, block: _Block, line: str) -> str:
    """``text`` with ``line`` added as the front matter's last line."""
    before = text[: block.end]
    if before and not before.endswith("\n"):
        before += block.newline
    return before + line + block.newline + text[block.end :]


# Scalars: titles and the draft flag.


def _quote_like(value: str, written: str, fmt: str) -> str:
    """``value`` as a scalar quoted the way ``written`` was."""
    if fmt == "toml":
        if written.startswith("'") and "'" not in value and "\n" not in value:
            return f"'{value}'"
        return json.dumps(value, ensure_ascii=False)
    if written.startswith('"'):
        return json.dumps(value, ensure_ascii=False)
    if written.startswith("'"):
        return "'" + value.replace("'", "''") + "'"
    if _plain_yaml_reads_back(value):
        return value
    return json.dumps(value, ensure_ascii=False)


def _plain_yaml_reads_back(value: str) -> bool:
    import yaml  # on first use: it takes 20 to 30 ms to import (see `yaml_matter`)

    try:
        return bool(value) and yaml.safe_load(f"k: {value}") == {"k": value}
    except yaml.YAMLError:
        return False


def set_title(text: str, title: str) -> str:
    """``text`` with its title changed (or added), in the file's own style."""
    title = title.strip()
    if not title:
        raise BlogError("A title cannot be empty.")
    block = _block(text)
    entry = _find(text, block, "title")
    if entry is None:
        separator = ": " if block.format == "yaml" else " = "
        return _insert(text, block, "title" + separator + _quote_like(title, '"', block.format))
    written = text[entry.value_start : entry.value_end]
    if block.format == "yaml" and (entry.multiline or written[:1] in ("|", ">", "")):
        raise BlogError("The title spans several lines; change it in the editor.")
    new = _quote_like(title, written, block.format)
    return text[: entry.value_start] + new + text[entry.value_end :]


def set_draft(text: str, draft: bool) -> str:
    """``text`` marked as a draft or not: `draft`, else `published`, else a new `draft`."""
    block = _block(text)
    for key, value in (("draft", draft), ("published", not draft)):
        entry = _find(text, block, key)
        if entry is None:
            continue
        written = text[entry.value_start : entry.value_end]
        word = "true" if value else "false"
        if written[:1] in ("'", '"'):
            word = written[0] + word + written[0]
        elif written[:1].isupper():  # True, Yes
            word = word.capitalize()
        return text[: entry.value_start] + word + text[entry.value_end :]
    separator = ": " if block.format == "yaml" else " = "
    return _insert(text, block, f"draft{separator}{'true' if draft else 'false'}")


# Lists: tags and categories.


def add_tag(text: str, tag: str, key: str = "tags") -> str:
    """``text`` with ``tag`` added to its ``key`` list (nothing changes if it is there)."""
    tag = tag.strip()
    if not tag:
        raise BlogError("A tag cannot be empty.")
    return _edit_list(text, key, lambda items: [*items, tag] if _absent(items, tag) else items)


def remove_tag(text: str, tag: str, key: str = "tags") -> str:
    """``text`` without ``tag`` (any case) in its ``key`` list."""
    return _edit_list(text, key, lambda items: [i for i in items if tag_key(i) != tag_key(tag)])


def rename_tag(text: str, old: str, new: str, key: str = "tags") -> str:
    """``text`` with ``old`` (any case) renamed ``new``; merged if ``new`` is there too."""
    new = new.strip()
    if not new:
        raise BlogError("A tag cannot be empty.")

    def rename(items: list[str]) -> list[str]:
        renamed: list[str] = []
        for item in items:
            value = new if tag_key(item) == tag_key(old) else item
            if _absent(renamed, value):
                renamed.append(value)
        return renamed

    return _edit_list(text, key, rename)


def _absent(items: list[str], tag: str) -> bool:
    return all(tag_key(item) != tag_key(tag) for item in items)


# The keys a list is read from, in the reader's order (tui.blog.post).
_LIST_KEYS = {"tags": ("tags", "tag", "keywords"), "categories": ("categories", "category")}


def _list_entry(text: str, block: _Block, key: str) -> _Entry | None:
    """The entry the post's tags (or categories) are read from, if any."""
    found = []
    for name in _LIST_KEYS.get(key, (key,)):
        for table in (None, "taxonomies") if block.format == "toml" else (None,):
            entry = _find(text, block, name, table)
            if entry is not None:
                found.append(entry)
    for entry in found:  # the first with a value, as the reader takes it
        if text[entry.value_start : entry.value_end] not in ("", "[]", "~", "null"):
            return entry
        if entry.multiline:
            return entry
    return found[0] if found else None


def _edit_list(text: str, key: str, change: Callable[[list[str]], list[str]]) -> str:
    block = _block(text)
    entry = _list_entry(text, block, key)
    if entry is None:
        items = change([])
        if not items:
            return text
        if block.format == "toml":
            values = ", ".join(json.dumps(item, ensure_ascii=False) for item in items)
            return _insert(text, block, f"{key} = [{values}]")
        values = ", ".join(yaml_flow_item(item) for item in items)
        return _insert(text, block, f"{key}: [{values}]")
    written = text[entry.value_start : entry.value_end]
    if block.format == "toml":
        return _edit_toml_array(text, entry, change)
    if written.startswith("["):
        return _edit_yaml_flow(text, block, entry, change)
    if not written and entry.multiline:
        return _edit_yaml_block(text, block, entry, change)
    if not written or written in ("~", "null"):
        items = change([])
        new = "[" + ", ".join(yaml_flow_item(item) for item in items) + "]"
        return text[: entry.value_start] + _spaced(text, entry) + new + text[entry.value_end :]
    return _edit_yaml_string(text, entry, written, change)


def _flow(inner: str, items: list[str]) -> str:
    """``items`` as a flow list spaced like the one whose inside was ``inner``."""
    if "\n" in inner:  # a list over several lines comes back on one
        return "[" + ", ".join(items) + "]"
    separator = "," if "," in inner and not re.search(r",\s", inner) else ", "
    left = inner[: len(inner) - len(inner.lstrip())] if items else ""
    right = inner[len(inner.rstrip()) :] if items else ""
    return "[" + left + separator.join(items) + right + "]"


def _closing_bracket(text: str, start: int, end: int) -> int:
    """Index of the `]` that closes the list opening at ``start``, quotes skipped."""
    quote = ""
    for position in range(start + 1, end):
        character = text[position]
        if quote:
            if character == quote:
                quote = ""
        elif character in "'\"":
            quote = character
        elif character == "]":
            return position
    return -1


def _spaced(text: str, entry: _Entry) -> str:
    """A space to put after `key:` when the value was empty and none is there."""
    return " " if text[entry.value_start - 1] == ":" else ""


def _split_flow(inner: str) -> list[str]:
    """The raw items of a flow list's inside, commas inside quotes kept."""
    items, current, quote = [], "", ""
    for character in inner:
        if quote:
            current += character
            if character == quote:
                quote = ""
        elif character in "'\"":
            quote = character
            current += character
        elif character == ",":
            items.append(current.strip())
            current = ""
        else:
            current += character
    if current.strip():
        items.append(current.strip())
    return [item for item in items if item]


def _yaml_value(raw: str) -> str:
    import yaml  # on first use, as above

    try:
        value = yaml.safe_load(raw)
    except yaml.YAMLError:
        return raw
    return raw if value is None else str(value)


def _edit_yaml_flow(
    text: str, block: _Block, entry: _Entry, change: Callable[[list[str]], list[str]]
) -> str:
    closing = _closing_bracket(text, entry.value_start, entry.end)
    if closing < 0:
        raise BlogError("The tag list is not closed; change it in the editor.")
    inner = text[entry.value_start + 1 : closing]
    raws = _split_flow(inner)
    by_value = {tag_key(_yaml_value(raw)): raw for raw in raws}
    quote = _common_quote(raws)
    items = change([_yaml_value(raw) for raw in raws])
    written = [by_value.get(tag_key(item)) or _yaml_item(item, quote) for item in items]
    return text[: entry.value_start] + _flow(inner, written) + text[closing + 1 :]


def _common_quote(raws: list[str]) -> str:
    """The quote most items of a list use ("" for bare items)."""
    quotes = [raw[0] if raw[:1] in ("'", '"') else "" for raw in raws]
    # On a tie, bare: it is what a person types.
    return max(("", '"', "'"), key=quotes.count)


def _yaml_item(item: str, quote: str) -> str:
    if quote == '"':
        return json.dumps(item, ensure_ascii=False)
    if quote == "'":
        return "'" + item.replace("'", "''") + "'"
    return yaml_flow_item(item)


def _edit_yaml_block(
    text: str, block: _Block, entry: _Entry, change: Callable[[list[str]], list[str]]
) -> str:
    item_lines = []
    position = text.find("\n", entry.start, entry.end) + 1
    while position < entry.end:
        end = text.find("\n", position, entry.end)
        end = entry.end if end < 0 else end + 1
        item_lines.append((position, end))
        position = end
    raws = []
    for start, end in item_lines:
        line = _without_comment(text[start:end].rstrip("\r\n"), "yaml")
        found = re.match(r"^(\s*)-\s*(.*)$", line)
        if not found:
            raise BlogError("The tag list is not a plain list; change it in the editor.")
        raws.append((found.group(1), found.group(2), start, end))
    indent = raws[0][0] if raws else "  "
    quote = _common_quote([raw for _, raw, _, _ in raws])
    by_value = {tag_key(_yaml_value(raw)): (s, e) for _, raw, s, e in raws}
    items = change([_yaml_value(raw) for _, raw, _, _ in raws])
    pieces = []
    for item in items:
        kept = by_value.get(tag_key(item))
        if kept:
            line = text[kept[0] : kept[1]]
            pieces.append(line if line.endswith("\n") else line + block.newline)
        else:
            pieces.append(f"{indent}- {_yaml_item(item, quote)}{block.newline}")
    body = "".join(pieces)
    first_item = item_lines[0][0] if item_lines else entry.end
    if not items:  # an empty block list becomes an empty flow list
        key_line_end = first_item
        newline = block.newline if text[entry.value_end : key_line_end].endswith("\n") else ""
        return text[: entry.value_start] + _spaced(text, entry) + "[]" + newline + text[entry.end :]
    return text[:first_item] + body + text[entry.end :]


def _edit_yaml_string(
    text: str, entry: _Entry, written: str, change: Callable[[list[str]], list[str]]
) -> str:
    """`tags: a, b` (or Jekyll's `tags: a b`): a string, kept as one."""
    quote = written[0] if written[:1] in ("'", '"') else ""
    inner = _yaml_value(written)
    comma = "," in inner
    raws = [item.strip() for item in (inner.split(",") if comma else inner.split())]
    items = change([raw for raw in raws if raw])
    if not comma and any(" " in item for item in items):
        comma = True  # a tag with a space cannot live in a space-separated string
    joined = (", " if comma else " ").join(items)
    new = f"{quote}{joined}{quote}" if quote else _quote_like(joined, "", "yaml")
    return text[: entry.value_start] + new + text[entry.value_end :]


def _edit_toml_array(text: str, entry: _Entry, change: Callable[[list[str]], list[str]]) -> str:
    written = text[entry.value_start : entry.end]
    closing = written.rfind("]")
    if not written.startswith("[") or closing < 0:
        raise BlogError("The tag list is not an array; change it in the editor.")
    array = written[: closing + 1]
    try:
        values = tomllib.loads(f"x = {array}")["x"]
    except tomllib.TOMLDecodeError as error:
        raise BlogError(f"Cannot read the tag list: {error}") from error
    raws = _split_flow(array[1:-1].replace("\n", " "))
    quote = _common_quote(raws) or '"'
    by_value = {tag_key(str(value)): raw for value, raw in zip(values, raws, strict=False)}
    items = change([str(value) for value in values])
    pieces = []
    for item in items:
        raw = by_value.get(tag_key(item))
        if raw is None:
            use_literal = quote == "'" and "'" not in item
            raw = f"'{item}'" if use_literal else json.dumps(item, ensure_ascii=False)
        pieces.append(raw)
    end = entry.value_start + closing + 1
    return text[: entry.value_start] + _flow(array[1:-1], pieces) + text[end:]
