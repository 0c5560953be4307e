"""Reading a site's configuration files as data, never as code.

YAML, TOML and JSON are parsed; a Python settings file (Pelican's) is read
for its literal assignments only; a JavaScript or TypeScript config
(Eleventy, Astro, Docusaurus) for the few literal strings asked of it.
Nothing here runs a line of the site's code. What cannot be read is said
in ``problems``, with the file's name.
"""

from __future__ import annotations

import ast
import json
import os
import re
import tomllib
from pathlib import Path
from typing import Any

from tui.blog.opening import read_regular

MOST = 1_000_000
"""Bytes past which a config file is not read (the largest real one is 40 KB)."""


def first_present(root: Path, names: tuple[str, ...]) -> str | None:
    """The first of ``names`` that is at ``root`` (whatever it is: reading it says)."""
    return next((name for name in names if os.path.lexists(root / name)), None)


def read_text(path: Path, problems: list[str]) -> str | None:
    """The file's text, or None (and a problem) when it cannot be read."""
    try:
        read = read_regular(path, MOST)
    except FileNotFoundError:
        return None
    except OSError as error:
        problems.append(f"{path.name}: cannot be read ({error.strerror})")
        return None
    if not read.whole:
        problems.append(f"{path.name}: over {MOST // 1_000_000} MB, not read")
        return None
    return read.data.decode("utf-8", errors="replace").lstrip("\ufeff")


def read_data(path: Path, problems: list[str]) -> dict[str, Any] | None:
    """A YAML, TOML or JSON file as a mapping, by its suffix; None when absent or unreadable."""
    text = read_text(path, problems)
    if text is None:
        return None
    suffix = path.suffix.lower()
    try:
        if suffix == ".toml":
            data: object = tomllib.loads(text)
        elif suffix == ".json":
            data = json.loads(text)
        else:
            data = _load_yaml(text)
    except Exception as error:  # a broken config is told, never raised
        problems.append(f"{path.name}: not valid {suffix[1:].upper()} ({_first_line(error)})")
        return None
    if data is None:
        return {}
    if not isinstance(data, dict):
        problems.append(f"{path.name}: not a mapping of settings")
        return None
    return {str(key): value for key, value in data.items()}


def _load_yaml(text: str) -> object:
    import yaml

    class Loader(yaml.SafeLoader):
        """The safe loader, reading tags it does not know (MkDocs' !ENV,
        !!python/name) as their plain value instead of refusing the file."""

    def untagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> object:
        if isinstance(node, yaml.ScalarNode):
            return loader.construct_scalar(node)
        if isinstance(node, yaml.SequenceNode):
            return loader.construct_sequence(node)
        if isinstance(node, yaml.MappingNode):
            return loader.construct_mapping(node)
        return None

    Loader.add_multi_constructor("!", untagged)
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", untagged)
    return yaml.load(text, Loader=Loader)


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


def python_assignments(path: Path, problems: list[str]) -> dict[str, Any] | None:
    """The top-level ``NAME = literal`` assignments of a Python settings file.

    Parsed, never run: a value that is not a literal (a call, a name, an
    f-string) is left out and named in ``problems``.
    """
    text = read_text(path, problems)
    if text is None:
        return None
    try:
        tree = ast.parse(text, filename=path.name)
    except (SyntaxError, ValueError) as error:
        problems.append(f"{path.name}: not valid Python ({_first_line(error)})")
        return None
    found: dict[str, Any] = {}
    skipped: list[str] = []
    for statement in tree.body:
        if isinstance(statement, ast.Assign):
            targets, value = statement.targets, statement.value
        elif isinstance(statement, ast.AnnAssign) and statement.value is not None:
            targets, value = [statement.target], statement.value
        else:
            continue
        for target in targets:
            if not isinstance(target, ast.Name) or not target.id.isupper():
                continue
            try:
                found[target.id] = ast.literal_eval(value)
            except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
                skipped.append(target.id)
    if skipped:
        names = ", ".join(sorted(set(skipped))[:6])
        problems.append(f"{path.name}: not read, as they are not plain values: {names}")
    return found


_JS_STRING = r"""(?P<quote>['"`])(?P<value>(?:(?!(?P=quote))[^\\\n])*)(?P=quote)"""


def js_strings(path: Path, keys: tuple[str, ...], problems: list[str]) -> dict[str, list[str]]:
    """The literal strings given to ``keys`` in a JavaScript or TypeScript
    config (``path: './blog'``, ``"base": "docs"``), in the order written.

    Read as text: a value built by code is not seen, which is said when
    none of ``keys`` is found.
    """
    text = read_text(path, problems)
    found: dict[str, list[str]] = {key: [] for key in keys}
    if text is None:
        return found
    for key in keys:
        pattern = rf"""(?:^|[\s,{{(])['"]?{re.escape(key)}['"]?\s*:\s*{_JS_STRING}"""
        for match in re.finditer(pattern, text):
            found[key].append(match.group("value"))
    return found
