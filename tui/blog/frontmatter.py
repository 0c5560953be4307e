"""Finding and reading the front matter at the top of a post.

The post's own text is the truth: this module only reads it. It locates
the front-matter block (so the preview can skip it and the editor can put
the cursor below it) and parses it into a dict, reporting problems instead
of raising, so that a broken post is still listed and can be opened.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from tui.blog import plain_matter

_FENCES = {"---": ("yaml", ("---", "...")), "+++": ("toml", ("+++",))}


@dataclass(frozen=True)
class FrontMatter:
    """Where a post's front matter is, and what it says."""

    format: str | None = None
    """"yaml", "toml", "json", or None when the post has no front matter."""
    data: dict[str, Any] = field(default_factory=dict)
    source: str = ""
    """The front matter's own text, between the fences."""
    body_offset: int = 0
    """Index in the text where the body starts."""
    body_line: int = 0
    """Line number (from 0) where the body starts."""
    problems: tuple[str, ...] = ()


class InvalidDate(str):
    """A date the YAML spells like a date but that does not exist (2018-02-31)."""


def split(text: str) -> FrontMatter:
    """Locate and parse the front matter of ``text`` (a post without its BOM)."""
    first_end = text.find("\n")
    first = (text if first_end < 0 else text[:first_end]).rstrip()
    if first == "{" or first.startswith('{"'):
        return _split_json(text)
    if first_end < 0:
        return FrontMatter()
    if first not in _FENCES:
        return _split_unopened(text)
    fmt, closers = _FENCES[first]
    position, line = first_end + 1, 1
    while position <= len(text):
        end = text.find("\n", position)
        current = text[position:] if end < 0 else text[position:end]
        if current.rstrip() in closers:
            source = text[first_end + 1 : position]
            body_offset = len(text) if end < 0 else end + 1
            data, problems = _parse(source, fmt)
            return FrontMatter(fmt, data, source, body_offset, line + 1, problems)
        if end < 0:
            break
        position, line = end + 1, line + 1
    return FrontMatter(problems=(f"the front matter has no closing {first} line",))


_KEY_LINE = re.compile(r"[A-Za-z_][\w-]*:(?:[ \t]|$)")
_UNOPENED_LIMIT = 40
"""Lines searched for the closing fence of front matter that has no opening one."""


def _split_unopened(text: str) -> FrontMatter:
    """Statiq's front matter: `Key: value` lines up to a `---` line, no opening fence.

    Only taken as front matter when the first line is a key and the block
    reads as a YAML mapping, so ordinary text before a `---` rule stays text.
    """
    if not _KEY_LINE.match(text):
        return FrontMatter()
    position = 0
    for line_number in range(_UNOPENED_LIMIT):
        end = text.find("\n", position)
        if end < 0:
            return FrontMatter()
        if text[position:end].rstrip() == "---":
            source = text[:position]
            data, problems = _parse(source, "yaml")
            if problems or not data:
                return FrontMatter()
            return FrontMatter("yaml", data, source, end + 1, line_number + 1)
        position = end + 1
    return FrontMatter()


def _split_json(text: str) -> FrontMatter:
    """Hugo's JSON front matter: an object at the top, the body after it."""
    import json  # on first use: few blogs write JSON, and the workers start sooner

    try:
        data, end = json.JSONDecoder().raw_decode(text)
    except json.JSONDecodeError as error:
        problem = f"the front matter is not valid JSON: {error.msg} (line {error.lineno})"
        return FrontMatter(problems=(problem,))
    if not isinstance(data, dict):
        return FrontMatter(problems=("the front matter is not a JSON object",))
    line_end = text.find("\n", end)
    body_offset = len(text) if line_end < 0 else line_end + 1
    body_line = text.count("\n", 0, body_offset)
    data = {str(key): value for key, value in data.items()}
    return FrontMatter("json", data, text[:end], body_offset, body_line)


def _parse(source: str, fmt: str) -> tuple[dict[str, Any], tuple[str, ...]]:
    try:
        if fmt == "toml":
            data, problem = _load_toml(source)
        elif (plain := plain_matter.load(source)) is not None:
            data, problem = plain, None
        else:
            from tui.blog import yaml_matter  # on first use: see its docstring

            data, problem = yaml_matter.load(source)
    except (ValueError, TypeError, RecursionError) as error:  # odd values, deep nesting
        return {}, (f"the front matter cannot be read: {error}",)
    if problem:
        return {}, (problem,)
    if data is None:
        return {}, ()
    if not isinstance(data, dict):
        return {}, ("the front matter is not a list of `key: value` lines",)
    if "*" in source and _expanded_size(data) > MAX_VALUES:
        # YAML aliases (written *name) can make a few lines stand for a billion
        # values ("billion laughs"): anything that walked them would never finish.
        return {}, (
            f"the front matter holds more than {MAX_VALUES:,} values once its aliases "
            "are expanded; not read",
        )
    problems = tuple(
        f"{key}: {value} is not a real date"
        for key, value in data.items()
        if isinstance(value, InvalidDate)
    )
    return {str(key): value for key, value in data.items()}, problems


def _load_toml(source: str) -> tuple[Any, str | None]:
    """The value ``source`` holds, or None and why it is not TOML."""
    import tomllib  # on first use, as json above

    try:
        return tomllib.loads(source), None
    except tomllib.TOMLDecodeError as error:
        return None, f"the front matter is not valid TOML: {error}"


MAX_VALUES = 100_000
"""Values a front matter may hold, its YAML aliases expanded."""


def _expanded_size(data: Any) -> int:
    """How many values ``data`` holds, counting shared ones each time; stops past MAX_VALUES."""
    count = 0
    stack = [data]
    while stack and count <= MAX_VALUES:
        value = stack.pop()
        count += 1
        if isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list | tuple):
            stack.extend(value)
    return count


def as_date(value: object) -> dt.datetime | None:
    """A front-matter date in any common shape, as a naive datetime: the
    time as written, in the post's own offset, so that its day is the one
    the author wrote and the generator shows (2018-06-29 21:45:00-04:00 is
    the 29th, not the 30th in UTC)."""
    if isinstance(value, InvalidDate):
        return None
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, dt.date):
        moment = dt.datetime(value.year, value.month, value.day)
    elif isinstance(value, str):
        parsed = _parse_date_text(value.strip())
        if parsed is None:
            return None
        moment = parsed
    else:
        return None
    return moment.replace(tzinfo=None) if moment.tzinfo is not None else moment


def _parse_date_text(text: str) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        pass
    for shape in ("%Y-%m-%d %H:%M:%S %z", "%Y-%m-%d %H:%M %z", "%Y/%m/%d"):
        try:
            return dt.datetime.strptime(text, shape)
        except ValueError:
            continue
    return None
