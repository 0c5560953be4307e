"""The user's settings: a TOML file in the platform's config folder, or --config.

```toml
folder = "~/blog/content/posts"   # opened by `blog` with no folder
theme = "gruvbox"                  # any Textual theme
editor = "nvim"                    # instead of $VISUAL / $EDITOR

[new_post]
template = '''
---
title: {title}
date: {date}
tags: {tags}
draft: true
---

'''

[keys]                             # binding id = "keys"; the help lists the ids
"list.edit" = "i"
```

Reading it imports nothing from Textual, so the commands for scripts stay fast.
"""

from __future__ import annotations

import errno
import re
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple

import platformdirs

from tui.blog.errors import BlogError
from tui.blog.files import atomic_write
from tui.blog.opening import read_regular
from tui.blog.template import TemplateError
from tui.blog.template import check as check_template
from tui.lazy import compiled

APP_NAME = "blog-tui"


def default_path() -> Path:
    """Where the settings live when --config does not say: ~/.config/blog-tui/config.toml."""
    return Path(platformdirs.user_config_dir(APP_NAME)) / "config.toml"


class Config(NamedTuple):
    """Settings; every one is optional.

    A named tuple, not a dataclass: read before the app's first frame (see
    tui/widgets/tag_sidebar.py's Row)."""

    folder: Path | None = None
    theme: str | None = None
    editor: str | None = None
    template: str | None = None
    """A new post's text, with {title}, {date}, {tags} and {slug} filled in."""
    keys: Mapping[str, str] = MappingProxyType({})
    """The keys of bindings, by binding id (the file's [keys])."""
    path: Path | None = None
    """The file these settings came from."""


class ConfigError(BlogError):
    """A settings file that cannot be used: the message names the file, the line, the problem."""


def load(path: Path | None = None) -> Config:
    """Read the settings at ``path``, else at the default place (absent there is fine).

    Raises:
        ConfigError: the file cannot be read or says something it should not.
    """
    explicit = path is not None
    path = path if path is not None else default_path()
    try:
        text = _read_settings(path)
    except (FileNotFoundError, NotADirectoryError):  # a file where its folder should be: none
        if explicit:
            raise ConfigError(f"{path}: no such file") from None
        return Config()
    except OSError as error:
        raise ConfigError(f"{path}: cannot be read: {error.strerror or error}") from error
    except UnicodeDecodeError as error:
        raise ConfigError(f"{path}: cannot be read: {error}") from error
    import tomllib  # only when there is a file: 3 ms before the first frame otherwise

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: {error}") from error
    return _config(path, text, data)


SETTINGS_MOST = 1 << 20
"""Bytes past which a file is not a settings file."""


def _read_settings(path: Path) -> str:
    """The settings file's text, its line endings kept; only a regular file,
    so that a FIFO or /dev/zero given as --config cannot hang the start."""
    read = read_regular(path, SETTINGS_MOST)
    if not read.whole:
        raise OSError(errno.EFBIG, f"larger than {SETTINGS_MOST >> 20} MB")
    return read.data.decode("utf-8")


def _config(path: Path, text: str, data: dict[str, object]) -> Config:
    def fail(key: str, problem: str) -> ConfigError:
        return ConfigError(f"{path}, line {_line_of(text, key)}: {key}: {problem}")

    def string(table: dict[str, object], key: str) -> str | None:
        value = table.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            raise fail(key, "must be a non-empty string in quotes")
        return value

    known = {"folder", "theme", "editor", "new_post", "keys"}
    for key in data:
        if key not in known:
            raise fail(key, f"unknown setting (known: {', '.join(sorted(known))})")
    folder = string(data, "folder")
    new_post = data.get("new_post", {})
    if not isinstance(new_post, dict):
        raise fail("new_post", "must be a table: [new_post]")
    template = string(new_post, "template")
    if template is not None:
        try:
            check_template(template)
        except TemplateError as error:
            line = _line_of(text, "template")
            at = text.find(error.field, text.find("template")) if error.field else -1
            if at >= 0:
                line = text.count("\n", 0, at) + 1
            raise ConfigError(f"{path}, line {line}: template: {error.message}") from error
    keys = data.get("keys", {})
    if not isinstance(keys, dict) or not all(isinstance(v, str) for v in keys.values()):
        raise fail("keys", 'must be a table of binding id = "keys"')
    return Config(
        folder=Path(folder).expanduser() if folder else None,
        theme=string(data, "theme"),
        editor=string(data, "editor"),
        template=template,
        keys={str(k): str(v) for k, v in keys.items()},
        path=path,
    )


def _line_of(text: str, key: str) -> int:
    """The line (from 1) where ``key`` is set, or 1 when it cannot be found."""
    name = re.escape(key)
    found = re.search(rf'^[ \t]*"?{name}"?[ \t]*=|^[ \t]*\[{name}\]', text, re.MULTILINE)
    return text.count("\n", 0, found.start()) + 1 if found else 1


# theme = "name"  # a comment: the value is replaced, the rest of the line kept.
# Compiled when a theme is remembered, not as the app starts (see tui/lazy.py).
_THEME = (
    r"(?m)^[ \t]*theme[ \t]*=[ \t]*"
    r"""(?P<value>"[^"\n]*"|'[^'\n]*'|[^#\n]*?)"""
    r"[ \t]*(?:#.*)?\r?$"
)


def remember_theme(theme: str, path: Path | None = None) -> Path:
    """Write ``theme = "name"`` into the settings file, every other line left as it is.

    The file is made when there is none. Returns the file written.

    Raises:
        ConfigError: the file cannot be read or written, or would not read back.
    """
    path = path if path is not None else default_path()
    try:
        text = _read_settings(path)
    except (FileNotFoundError, NotADirectoryError):
        text = ""
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot be read: {error}") from error
    import json  # here, like tomllib: none of this is needed before the first frame
    import tomllib

    value = json.dumps(theme, ensure_ascii=False)  # a TOML basic string, too
    table = re.search(r"^[ \t]*\[", text, re.MULTILINE)
    top, tables = (text[: table.start()], text[table.start() :]) if table else (text, "")
    found = compiled(_THEME).search(top)
    if found:
        top = top[: found.start("value")] + value + top[found.end("value") :]
    else:
        newline = "\r\n" if "\r\n" in text else "\n"
        top = f"theme = {value}{newline}" + top
    updated = top + tables
    try:
        if tomllib.loads(updated).get("theme") != theme:
            raise ConfigError(f"{path}: the theme could not be written in")
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: {error}") from error
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, updated.encode("utf-8"))
    except OSError as error:
        raise ConfigError(f"{path}: cannot be written: {error}") from error
    return path
