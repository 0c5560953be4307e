"""An MDX post's body as Markdown the preview can show: its `import` and
`export` lines, JSX elements and `{/* comments */}` as code blocks, never
read as paragraphs or lost."""

from __future__ import annotations

import re

_STATEMENT = re.compile(r"^(?:import|export)\s")
_JSX_OPEN = re.compile(r"^\s*<([A-Z][\w.]*)\b")
_COMMENT = re.compile(r"^\s*\{/\*.*\*/\}\s*$")
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")


def as_markdown(body: str) -> str:
    """``body`` with each run of MDX lines (statements, JSX, comments) in a
    fenced code block; Markdown and code blocks already there unchanged."""
    lines = body.split("\n")
    out: list[str] = []
    fence: str | None = None
    index = 0
    while index < len(lines):
        line = lines[index]
        opening = _FENCE.match(line)
        if fence is not None or opening:
            if opening and fence is None:
                fence = opening.group(1)[0] * len(opening.group(1))
            elif opening and opening.group(1).startswith(fence or ""):
                fence = None
            out.append(line)
            index += 1
            continue
        end = _mdx_run(lines, index)
        if end > index:
            language = "js" if _STATEMENT.match(line) else "jsx"
            out += [f"```{language}", *lines[index:end], "```"]
            index = end
        else:
            out.append(line)
            index += 1
    return "\n".join(out)


def _mdx_run(lines: list[str], start: int) -> int:
    """The end of the MDX lines from ``start`` (``start`` itself when none)."""
    index = start
    while index < len(lines):
        line = lines[index]
        if _STATEMENT.match(line) or _COMMENT.match(line):
            index += 1
            continue
        element = _JSX_OPEN.match(line)
        if element is None:
            break
        name = element.group(1)
        # The element runs to its closing tag, or to the line ending its own tag.
        closing = f"</{name}>"
        while index < len(lines):
            current = lines[index]
            index += 1
            if closing in current or current.rstrip().endswith("/>"):
                break
    return index
