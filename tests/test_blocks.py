"""Parsing again only around an edit gives the blocks a full parse gives."""

from __future__ import annotations

import random
from itertools import pairwise
from pathlib import Path
from typing import Any

from tests.test_preview import LONG
from tui.blog.frontmatter import split
from tui.widgets.blocks import Block, parse_blocks, reparsed
from tui.widgets.markdown_parser import preview_parser

SNIPPETS = ["x", "\n", "\n\n", "```", "~~~\n", "- ", "1. ", "# ", "> ", "    ", "|", "---\n"]
SNIPPETS += ["===", "<div>\n", "<!--", "*", "  ", "[a]: /b\n", "[a]", "\t", "| a |\n| - |\n"]


def signature(blocks: list[Block]) -> list[Any]:
    return [
        (
            block.start,
            block.end,
            block.source,
            [
                (
                    token.type,
                    token.content,
                    token.map,
                    token.info,
                    [(child.type, child.content, child.attrs) for child in token.children or []],
                )
                for token in block.tokens
            ],
        )
        for block in blocks
    ]


def edit(text: str, rng: random.Random) -> str:
    at = rng.randrange(len(text) + 1)
    if rng.random() < 0.3:
        return text[:at] + text[at + rng.randrange(1, 8) :]
    return text[:at] + rng.choice(SNIPPETS) + text[at:]


def check_edits(texts: list[str], edits: int, seed: int) -> tuple[int, int]:
    """Random edits of ``texts``; how many were parsed in part and in full."""
    parser = preview_parser()
    rng = random.Random(seed)
    in_part = in_full = 0
    for _ in range(edits):
        text = rng.choice(texts)
        lines = text.splitlines(keepends=True)
        env: dict[str, Any] = {}
        blocks = parse_blocks(parser, lines, 0, env)
        changed = edit(text, rng)
        new_lines = changed.splitlines(keepends=True)
        result = reparsed(parser, blocks, lines, new_lines, env)
        if result is None:
            in_full += 1
            continue
        in_part += 1
        assert signature(result) == signature(parse_blocks(parser, new_lines)), changed
    return in_part, in_full


def test_blocks_cover_the_body_and_keep_their_lines() -> None:
    lines = LONG.splitlines(keepends=True)
    blocks = parse_blocks(preview_parser(), lines)
    assert blocks[0].source == "# Titre\n"
    assert all(a.end <= b.start for a, b in pairwise(blocks))
    assert all(block.source == "".join(lines[block.start : block.end]) for block in blocks)


def test_an_edit_in_a_paragraph_parses_a_few_lines_again() -> None:
    parser = preview_parser()
    lines = LONG.splitlines(keepends=True)
    blocks = parse_blocks(parser, lines)
    new_lines = LONG.replace("Paragraphe 20 ", "Paragraphe 20 bis ").splitlines(keepends=True)
    result = reparsed(parser, blocks, lines, new_lines, {})
    assert result is not None
    kept = sum(1 for old, new in zip(blocks, result, strict=True) if old.tokens is new.tokens)
    assert kept >= len(blocks) - 3


def test_an_opened_fence_or_a_changed_reference_parses_the_whole_body() -> None:
    parser = preview_parser()
    text = "[a]\n\nOne\n\n[a]: /one\n\nTwo\n\nThree\n"
    lines = text.splitlines(keepends=True)
    blocks = parse_blocks(parser, lines)
    fenced = text.replace("One", "```\nOne").splitlines(keepends=True)
    assert reparsed(parser, blocks, lines, fenced, {}) is None
    other = text.replace("/one", "/two").splitlines(keepends=True)
    assert reparsed(parser, blocks, lines, other, {}) is None
    assert reparsed(parser, blocks, lines, lines, {}) is blocks


def test_random_edits_of_a_long_post_equal_a_full_parse() -> None:
    in_part, in_full = check_edits([LONG], 120, seed=5)
    assert in_part > in_full  # most edits are parsed in part


def test_random_edits_of_real_posts_equal_a_full_parse(corpora: Path) -> None:
    texts = []
    for path in sorted(corpora.rglob("*.md"))[::7]:
        try:
            text = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        texts.append(text[split(text).body_offset :] or "empty")
    in_part, _ = check_edits(texts, 500, seed=7)
    assert in_part > 350
