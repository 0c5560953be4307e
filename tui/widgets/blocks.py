"""A Markdown body as its top-level blocks, and how an edit changes them.

The preview keeps one group of widgets per top-level block. After an edit
only the blocks whose source changed are parsed again and rebuilt: a
one-character edit in a 200 KB post reparses a few lines, not 200 KB
(markdown-it needs about 0.1 s for that), and remounts one widget, not 600.
Nothing here imports Textual; the tests compare it with a full parse.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token


@dataclass
class Block:
    """One top-level block: its lines ``start:end`` in the body, and its tokens."""

    start: int
    end: int
    source: str
    tokens: list[Token] = field(repr=False)

    def shifted(self, lines: int) -> Block:
        if lines:
            for token in self.tokens:
                if token.map is not None:
                    token.map = [token.map[0] + lines, token.map[1] + lines]
        return Block(self.start + lines, self.end + lines, self.source, self.tokens)


def parse_blocks(
    parser: MarkdownIt, lines: list[str], first_line: int = 0, env: dict[str, Any] | None = None
) -> list[Block]:
    """The top-level blocks of ``lines``, numbered from ``first_line``.

    ``env`` carries the link reference definitions: those of the whole body
    when only a part of it is parsed again.
    """
    tokens = parser.parse("".join(lines), {} if env is None else env)
    blocks: list[Block] = []
    group: list[Token] = []
    for token in tokens:
        group.append(token)
        # A top-level block ends with its closing token or is a single token.
        if token.level == 0 and token.nesting <= 0:
            start, end = group[0].map or (0, 0)
            block = Block(start, end, "".join(lines[start:end]), group)
            blocks.append(block.shifted(first_line))
            group = []
    return blocks


def reparsed(
    parser: MarkdownIt,
    blocks: list[Block],
    old_lines: list[str],
    new_lines: list[str],
    env: dict[str, Any],
) -> list[Block] | None:
    """The blocks of ``new_lines``, parsing again only around what changed.

    ``blocks`` are the blocks of ``old_lines``. The lines from the block
    before the first change to the block after the last one are parsed
    again. Where a top-level block ends, markdown-it starts afresh, so the
    result equals a full parse when the block after the change comes out
    unchanged at the same place; None when it does not (a code fence opened,
    a list that now swallows what follows), or when a link reference
    definition changed: then the caller parses the whole body.
    """
    old_count, new_count = len(old_lines), len(new_lines)
    same_start, same_end = agreement(old_lines, new_lines)
    if same_start == old_count == new_count:
        return blocks
    old_changed_end = old_count - same_end
    changed = old_lines[same_start:old_changed_end] + new_lines[same_start : new_count - same_end]
    if not blocks or any("]:" in line for line in changed):
        return None
    # The block before the change, for a paragraph that the change continues.
    first = bisect_right([block.end for block in blocks], same_start)
    keep_before = max(first - 1, 0)
    window_start = blocks[first - 1].start if first else 0
    # The block after the change, to check that parsing settles back.
    last = bisect_left([block.start for block in blocks], old_changed_end + 1) - 1
    after = last + 1
    delta = new_count - old_count
    if after < len(blocks):
        check: Block | None = blocks[after]
        window_end = blocks[after].end + delta
        keep_from = after + 1
    else:
        check, window_end, keep_from = None, new_count, len(blocks)
    window = parse_blocks(parser, new_lines[window_start:window_end], window_start, dict(env))
    if check is not None and (
        not window or window[-1].source != check.source or window[-1].end != window_end
    ):
        return None
    return blocks[:keep_before] + window + [block.shifted(delta) for block in blocks[keep_from:]]


def agreement(old: Sequence[str], new: Sequence[str]) -> tuple[int, int]:
    """How many items of ``old`` and ``new`` agree at the start, and then at the end."""
    shortest = min(len(old), len(new))
    same_start = 0
    while same_start < shortest and old[same_start] == new[same_start]:
        same_start += 1
    same_end = 0
    while (
        same_end < shortest - same_start
        and old[len(old) - 1 - same_end] == new[len(new) - 1 - same_end]
    ):
        same_end += 1
    return same_start, same_end
