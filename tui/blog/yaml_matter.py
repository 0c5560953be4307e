"""YAML front matter, parsed safely.

Imported by `frontmatter` when it first meets YAML that is more than the
plain lines `plain_matter` reads, not with it: PyYAML
takes 20 to 30 ms to import (its reader compiles a regex of every character
it refuses), which the app's window would otherwise wait for at every start.
"""

from __future__ import annotations

from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler

from tui.blog.frontmatter import InvalidDate

try:  # The C loader is ten times faster; fall back where libyaml is missing.
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]


class _Loader(_BaseLoader):
    """The safe YAML loader, with impossible dates kept as text, not raised."""


def _construct_timestamp(loader: _Loader, node: yaml.Node) -> Any:
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)  # type: ignore[arg-type]
    except ValueError:
        return InvalidDate(loader.construct_scalar(node))  # type: ignore[arg-type]


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def load(source: str) -> tuple[Any, str | None]:
    """The value ``source`` holds, or None and why it is not YAML."""
    try:
        return YAMLHandler().load(source, Loader=_Loader), None
    except yaml.YAMLError as error:
        return None, f"the front matter is not valid YAML: {_message(error, source)}"


def _message(error: yaml.YAMLError, source: str) -> str:
    mark = getattr(error, "problem_mark", None)
    problem = getattr(error, "problem", None)
    if isinstance(error, yaml.reader.ReaderError) and isinstance(error.character, int):
        # A character YAML refuses. Its position counts the UTF-8 bytes libyaml
        # read, not characters: the first such character in the text is the one.
        at = source.find(chr(error.character))
        line, column = source.count("\n", 0, at), at - source.rfind("\n", 0, at) - 1
        problem = f"unacceptable character #x{error.character:04x}: {error.reason}"
    elif mark is not None:
        line, column = mark.line, mark.column
    else:
        return str(error)
    # +2: the block counts its lines from 0, and it starts on the file's line 2.
    return f"{problem} (line {line + 2}, column {column + 1})"
