"""Changing a post's title, draft state or tags by editing only the lines concerned.

The front matter is never dumped again: each change rewrites the value of
one key in the file's own format (YAML or TOML) and style (a flow list stays
a flow list, a block list a block list, quotes stay quotes, line endings and
everything else stay byte for byte).

Every change goes through :func:`_edit`, which reads the new text back the
way the app reads posts: when the file's own style would make it mean
something else (`tags: a, b` given the tag "c, d"), the value is written in
a form that holds it (a list of quoted items), and when no form does, the
change is refused with the reason and the text is left as it was.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from typing import Literal

from tui.blog import readback
from tui.blog.errors import BlogError
from tui.blog.matter_lines import (
    TOP,
    Block,
    Entry,
    block_of,
    closing_bracket,
    find,
    has_table,
    insert_key,
    spaced,
    split_flow,
    unseen,
    without_comment,
)
from tui.blog.post import tag_key
from tui.blog.readback import Reading
from tui.blog.scalars import toml_literal_holds, toml_quoted, yaml_item, yaml_quoted

TAG_KEYS = ("tags", "categories")
ListKey = Literal["tags", "categories"]

Writer = Callable[[str, Block, Reading | None], str]
"""Makes the changed text: in the file's own style (given None), or in the
form that holds what the post should read as (given that reading)."""


def _edit(text: str, kind: str, wanted: Callable[[Reading], Reading], write: Writer) -> str:
    """``text`` changed by ``write``, read back as ``wanted`` makes of it, else refused."""
    block = block_of(text)
    touched = readback.TOUCHED[kind]
    try:
        goal = wanted(readback.read(text, touched))
    except ValueError as error:
        raise BlogError(f"Cannot change this post: {error}.") from error
    problem = ""
    for holding in (None, goal):
        new = write(text, block, holding)
        problem = readback.difference(goal, new, touched) or ""
        if not problem:
            return new
    raise BlogError(f"Left as it was: {problem}.")


# Scalars: titles and the draft flag.


def _quote_like(value: str, written: str, fmt: str) -> str:
    """``value`` as a scalar quoted the way ``written`` was."""
    if fmt == "toml":
        if written.startswith("'") and toml_literal_holds(value):
            return f"'{value}'"
        return toml_quoted(value)
    if written.startswith('"'):
        return yaml_quoted(value)
    if written.startswith("'"):
        return "'" + value.replace("'", "''") + "'"
    if _plain_yaml_reads_back(value):
        return value
    return yaml_quoted(value)


def _held(value: str, fmt: str) -> str:
    return toml_quoted(value) if fmt == "toml" else yaml_quoted(value)


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

    def write(text: str, block: Block, holding: Reading | None) -> str:
        entry = find(text, block, "title")
        if entry is None:
            return insert_key(text, block, "title", _held(title, block.format))
        written = text[entry.value_start : entry.value_end]
        if (block.format == "yaml" and (entry.multiline or written[:1] in ("|", ">"))) or (
            written.startswith(('"""', "'''"))
        ):
            raise BlogError("The title spans several lines; change it in the editor.")
        new = _held(title, block.format) if holding else _quote_like(title, written, block.format)
        return text[: entry.value_start] + spaced(text, entry) + new + text[entry.value_end :]

    return _edit(text, "title", lambda before: readback.expect(before, title=title), write)


def set_draft(text: str, draft: bool) -> str:
    """``text`` marked as a draft or not: `draft`, else `published`, else a new `draft`.

    When both are there and the first alone would not do, both are changed.
    """

    def write(text: str, block: Block, holding: Reading | None) -> str:
        found = [
            (entry, value)
            for key, value in (("draft", draft), ("published", not draft))
            if (entry := find(text, block, key)) is not None
        ]
        if not found:
            return insert_key(text, block, "draft", "true" if draft else "false")
        for entry, value in sorted(found[: None if holding else 1], key=lambda f: -f[0].start):
            written = text[entry.value_start : entry.value_end]
            word = "true" if value else "false"
            if holding is None and written[:1] in ("'", '"'):
                word = written[0] + word + written[0]
            elif holding is None and written[:1].isupper():  # True, Yes
                word = word.capitalize()
            text = text[: entry.value_start] + spaced(text, entry) + word + text[entry.value_end :]
        return text

    return _edit(text, "draft", lambda before: readback.expect(before, draft=draft), write)


# Lists: tags and categories.


def add_tag(text: str, tag: str, key: ListKey = "tags") -> str:
    """``text`` with ``tag`` added to its ``key`` list (nothing changes if it is there)."""
    tag = tag.strip()
    if not tag:
        raise BlogError("A tag cannot be empty.")
    return _edit_list(text, key, lambda items: [*items, tag] if _absent(items, tag) else items)


def remove_tag(text: str, tag: str, key: ListKey = "tags") -> str:
    """``text`` without ``tag`` (any case) in its ``key`` list."""
    return _edit_list(text, key, lambda items: [i for i in items if tag_key(i) != tag_key(tag)])


def rename_tag(text: str, old: str, new: str, key: ListKey = "tags") -> str:
    """``text`` with ``old`` (any case) renamed ``new``; merged if ``new`` is there too."""
    new = new.strip()
    if not new:
        raise BlogError("A tag cannot be empty.")

    def rename(items: list[str]) -> list[str]:
        # Merged into a tag the post has: its spelling stays.
        kept = [item for item in items if tag_key(item) == tag_key(new) != tag_key(old)]
        spelling = kept[0] if kept else new
        renamed: list[str] = []
        for item in items:
            value = spelling if tag_key(item) == tag_key(old) else item
            if _absent(renamed, value):
                renamed.append(value)
        return renamed

    return _edit_list(text, key, rename)


def _absent(items: list[str], tag: str) -> bool:
    return all(tag_key(item) != tag_key(tag) for item in items)


# The keys a list is read from, in the reader's order (tui.blog.post).
_LIST_KEYS = {"tags": ("tags", "tag", "keywords"), "categories": ("categories", "category")}


def _list_entry(text: str, block: Block, key: str) -> Entry | None:
    """The entry the post's tags (or categories) are read from, if any."""
    found = []
    for name in _LIST_KEYS[key]:
        for table in (TOP, "taxonomies") if block.format == "toml" else (TOP,):
            entry = find(text, block, name, table)
            if entry is not None:
                found.append(entry)
    for entry in found:  # the first with a value, as the reader takes it
        if text[entry.value_start : entry.value_end] not in ("", "[]", "~", "null"):
            return entry
        if entry.multiline:
            return entry
    return found[0] if found else None


def _edit_list(text: str, key: ListKey, change: Callable[[list[str]], list[str]]) -> str:
    def wanted(before: Reading) -> Reading:
        items = _as_read(change(list(getattr(before, key))))
        return readback.expect(before, **{key: items})

    def write(text: str, block: Block, holding: Reading | None) -> str:
        if _list_entry(text, block, key) is None and _read_from_elsewhere(block, key):
            raise unseen(key)
        if holding is not None:
            return _hold_list(text, block, key, list(getattr(holding, key)))
        return _write_list(text, block, key, change)

    return _edit(text, key, wanted, write)


def _read_from_elsewhere(block: Block, key: str) -> bool:
    """Whether the post has ``key`` where no line shows it (Zola's inline taxonomies)."""
    taxonomies = block.data.get("taxonomies")
    places = [block.data, taxonomies if isinstance(taxonomies, dict) else {}]
    names = _LIST_KEYS[key]
    return any(
        str(name).lower() in names and value for place in places for name, value in place.items()
    )


def _as_read(items: list[str]) -> tuple[str, ...]:
    """``items`` as the reader gives a list back: stripped, each tag once."""
    seen: dict[str, str] = {}
    for item in items:
        if item.strip():
            seen.setdefault(tag_key(item.strip()), item.strip())
    return tuple(seen.values())


def _new_list_line(text: str, block: Block, key: str, items: list[str]) -> str:
    if block.format == "yaml":
        return insert_key(text, block, key, "[" + ", ".join(map(yaml_item, items)) + "]")
    value = "[" + ", ".join(map(toml_quoted, items)) + "]"
    # Zola reads tags and categories from [taxonomies] only: a new list goes there.
    table = "taxonomies" if has_table(text, block, "taxonomies") else TOP
    return insert_key(text, block, key, value, table)


def _hold_list(text: str, block: Block, key: str, items: list[str]) -> str:
    """``text`` with the list written anew, one quoted item where needed, on one line."""
    entry = _list_entry(text, block, key)
    if entry is None:
        return _new_list_line(text, block, key, items) if items else text
    quoted = map(yaml_item if block.format == "yaml" else toml_quoted, items)
    value = "[" + ", ".join(quoted) + "]"
    rest = text[entry.value_end : entry.line_end] + text[entry.end :]
    return text[: entry.value_start] + spaced(text, entry) + value + rest


def _write_list(text: str, block: Block, key: str, change: Callable[[list[str]], list[str]]) -> str:
    entry = _list_entry(text, block, key)
    if entry is None:
        items = change([])
        return _new_list_line(text, block, key, items) if items else text
    written = text[entry.value_start : entry.value_end]
    if block.format == "toml":
        return _edit_toml_array(text, entry, change)
    if written.startswith("["):
        return _edit_yaml_flow(text, entry, change)
    if not written and entry.multiline:
        return _edit_yaml_block(text, block, entry, change)
    if not written or written in ("~", "null"):
        items = change([])
        new = "[" + ", ".join(yaml_item(item) for item in items) + "]"
        return text[: entry.value_start] + spaced(text, entry) + new + text[entry.value_end :]
    return _edit_yaml_string(text, entry, written, change)


def _flow(inner: str, items: list[str]) -> str:
    """``items`` as a flow list spaced like the one whose inside was ``inner``."""
    if "\n" in inner:  # a list over several lines comes back on one
        return "[" + ", ".join(items) + "]"
    separator = "," if "," in inner and not re.search(r",\s", inner) else ", "
    left = inner[: len(inner) - len(inner.lstrip())] if items else ""
    right = inner[len(inner.rstrip()) :] if items else ""
    return "[" + left + separator.join(items) + right + "]"


def _yaml_value(raw: str) -> str:
    import yaml  # on first use, as above

    try:
        value = yaml.safe_load(raw)
    except yaml.YAMLError:
        return raw
    return raw if value is None else str(value)


def _edit_yaml_flow(text: str, entry: Entry, change: Callable[[list[str]], list[str]]) -> str:
    closing = closing_bracket(text, entry.value_start, entry.end)
    if closing < 0:
        raise BlogError("The tag list is not closed; change it in the editor.")
    inner = text[entry.value_start + 1 : closing]
    raws = split_flow(inner)
    by_value = {_yaml_value(raw): raw for raw in raws}
    quote = _common_quote(raws)
    items = change([_yaml_value(raw) for raw in raws])
    written = [by_value.get(item) or _yaml_item(item, quote) for item in items]
    return text[: entry.value_start] + _flow(inner, written) + text[closing + 1 :]


def _common_quote(raws: list[str]) -> str:
    """The quote most items of a list use ("" for bare items)."""
    quotes = [raw[0] if raw[:1] in ("'", '"') else "" for raw in raws]
    # On a tie, bare: it is what a person types.
    return max(("", '"', "'"), key=quotes.count)


def _yaml_item(item: str, quote: str) -> str:
    if quote == '"':
        return yaml_quoted(item)
    if quote == "'":
        return "'" + item.replace("'", "''") + "'"
    return yaml_item(item)


def _edit_yaml_block(
    text: str, block: Block, entry: Entry, change: Callable[[list[str]], list[str]]
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
        line = without_comment(text[start:end].rstrip("\r\n"))
        found = re.match(r"^(\s*)-\s*(.*)$", line)
        if not found:
            raise BlogError("The tag list is not a plain list; change it in the editor.")
        raws.append((found.group(1), found.group(2), start, end))
    indent = raws[0][0] if raws else "  "
    quote = _common_quote([raw for _, raw, _, _ in raws])
    by_value = {_yaml_value(raw): (s, e) for _, raw, s, e in raws}
    items = change([_yaml_value(raw) for _, raw, _, _ in raws])
    pieces = []
    for item in items:
        kept = by_value.get(item)
        if kept:
            line = text[kept[0] : kept[1]]
            pieces.append(line if line.endswith("\n") else line + block.newline)
        else:
            pieces.append(f"{indent}- {_yaml_item(item, quote)}{block.newline}")
    body = "".join(pieces)
    first_item = item_lines[0][0] if item_lines else entry.end
    if not items:  # an empty block list becomes an empty flow list
        rest = text[entry.value_end : first_item] + text[entry.end :]
        return text[: entry.value_start] + spaced(text, entry) + "[]" + rest
    return text[:first_item] + body + text[entry.end :]


def _edit_yaml_string(
    text: str, entry: Entry, written: str, change: Callable[[list[str]], list[str]]
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


def _edit_toml_array(text: str, entry: Entry, change: Callable[[list[str]], list[str]]) -> str:
    written = text[entry.value_start : entry.end]
    closing = closing_bracket(written, 0, len(written)) if written.startswith("[") else -1
    if closing < 0:
        raise BlogError("The tag list is not an array; change it in the editor.")
    array = written[: closing + 1]
    try:
        values = tomllib.loads(f"x = {array}")["x"]
    except tomllib.TOMLDecodeError as error:
        raise BlogError(f"Cannot read the tag list: {error}") from error
    raws = split_flow(array[1:-1])
    quote = _common_quote(raws) or '"'
    by_value = {str(value): raw for value, raw in zip(values, raws, strict=False)}
    items = change([str(value) for value in values])
    pieces = []
    for item in items:
        raw = by_value.get(item)
        if raw is None:
            raw = f"'{item}'" if quote == "'" and toml_literal_holds(item) else toml_quoted(item)
        pieces.append(raw)
    end = entry.value_start + closing + 1
    return text[: entry.value_start] + _flow(array[1:-1], pieces) + text[end:]
