"""A new post's template: the user's text with {title}, {date}, {tags} and {slug}.

Filled by substitution, never by ``str.format``: a format spec such as
``{title:>9999999999}`` would make a post of gigabytes, and ``{title.__class__}``
or ``{title:{date}}`` would read attributes or nest fields.
"""

from __future__ import annotations

import string
from collections.abc import Mapping

from tui.blog.errors import BlogError

FIELDS = ("title", "date", "tags", "slug")


class TemplateError(BlogError):
    """A template that cannot be filled; ``field`` is the text at fault, when there is one."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.field = field


def _parts(template: str) -> list[tuple[str, str | None]]:
    """The template as literal text and field names, each checked."""
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as error:  # a lone "{" or "}"
        raise TemplateError(f"{error} (write {{{{ and }}}} for braces)") from error
    parts: list[tuple[str, str | None]] = []
    for literal, name, spec, conversion in parsed:
        if name is None:
            parts.append((literal, None))
            continue
        written = (
            "{"
            + name
            + (f"!{conversion}" if conversion else "")
            + (f":{spec}" if spec else "")
            + "}"
        )
        if name not in FIELDS:
            raise TemplateError(
                f"only {{title}}, {{date}}, {{tags}} and {{slug}} can be filled in, not {written}",
                written,
            )
        if spec or conversion:
            raise TemplateError(
                f"a field takes no format or conversion: write {{{name}}}, not {written}", written
            )
        parts.append((literal, name))
    return parts


def check(template: str) -> None:
    """Raise :class:`TemplateError` unless ``template`` can be filled."""
    _parts(template)


def fill(template: str, values: Mapping[str, str]) -> str:
    """``template`` with each field replaced by its value in ``values``."""
    return "".join(literal + (values[name] if name else "") for literal, name in _parts(template))
