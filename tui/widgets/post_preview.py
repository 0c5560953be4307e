"""The rendered post: a header with its metadata, then the Markdown body."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, cast
from weakref import WeakKeyDictionary

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Markdown, Static
from textual.widgets.markdown import MarkdownBlock

from tui.blog import Post
from tui.blog.display import printable
from tui.blog.search import folded_spans
from tui.widgets.blocks import Block, agreement, parse_blocks, reparsed
from tui.widgets.markdown_parser import preview_parser
from tui.widgets.post_keys import post_keys

if TYPE_CHECKING:
    from textual.css.styles import RulesMap

FIRST_PIECE = 3_000
"""Characters rendered before the preview first shows: more than a screenful."""
BATCH = 50
"""Blocks mounted at first after that (then twice as many each time), so that
keys are answered in between."""


def first_piece(markdown: str, at_least: int) -> str:
    """The start of ``markdown``: ``at_least`` characters, up to the next blank
    line outside a fenced code block, so that no block is cut in two."""
    fence = ""
    position = 0
    for line in markdown.splitlines(keepends=True):
        position += len(line)
        stripped = line.lstrip()
        if fence:
            if stripped.startswith(fence):
                fence = ""
        elif stripped.startswith(("```", "~~~")):
            fence = stripped[:3]
        elif not stripped.strip() and position >= at_least:
            return markdown[:position]
    return markdown


WORDS_A_MINUTE = 230


def same_content(one: Content, other: Content) -> bool:
    """Whether two contents show alike (Content's == looks at the text alone)."""
    return one.plain == other.plain and one.spans == other.spans


def header_content(
    post: Post, words: int | None = None, main_language: str | None = None
) -> Content:
    """Title, date, tags, length and problems of ``post``, shown as plain text;
    its language unless it is the blog's ``main_language``."""
    parts: list[str | tuple[str, str]] = [(printable(post.title), "bold $text-primary")]
    date = post.day
    if post.date_source == "modified":
        date += " (date of the file)"
    parts.append(("\n" + date, "$text-muted"))
    if post.draft:
        parts.append(("  draft", "italic $text-warning"))
    if post.language and post.language != main_language:
        language = printable(post.language)
        if post.translation_of:
            of = printable(post.translation_of)
            parts.append((f"  translation ({language}) of {of}", "bold $text-secondary"))
        else:
            parts.append((f"  language {language}", "bold $text-secondary"))
    if post.categories:
        categories = ", ".join(printable(category) for category in post.categories)
        parts.append((f"  in {categories}", "$text-secondary"))
    if post.tags:
        parts.append(("  " + "  ".join(f"#{printable(tag)}" for tag in post.tags), "$accent"))
    parts.append(("\n" + printable(post.relative), "$text-muted"))
    if words is not None:
        minutes = max(1, round(words / WORDS_A_MINUTE))
        parts.append((f"  ·  {words:,} words  ·  {minutes} min read", "$text-muted"))
    for problem in post.problems:
        parts.append((f"\n⚠ {printable(problem)}", "$text-error"))
    return Content.assemble(*parts)


def _set_text(block: MarkdownBlock, content: Content) -> None:
    """Show ``content`` in ``block``, laying the screen out again only if its height changes.

    A layout takes every block of the post along (0.05 to 0.15 s in a long
    one); a character typed in a paragraph seldom adds a line to it, and
    marking searched words never does.
    """
    if type(block).set_content is not MarkdownBlock.set_content:
        block.set_content(content)  # a code block shows its text in a label of its own
        return
    same_height = _same_height(block, block._content, content)
    block._content = content  # as MarkdownBlock.set_content does
    block.update(content, layout=not same_height)


def _growing(blocks: list[Block]) -> Iterator[list[Block]]:
    """``blocks`` in batches of BATCH, then twice as many each time: each mount
    lays out the whole body again, so a long post costs a few layouts, not
    one per BATCH blocks."""
    first, size = 0, BATCH
    while first < len(blocks):
        yield blocks[first : first + size]
        first, size = first + size, size * 2


def _same_height(widget: Widget, old: Content, new: Content) -> bool:
    """Whether ``new`` takes as many lines as ``old`` in ``widget``: measured
    as Widget.get_content_height does, with the styles as rules."""
    width, rules = widget.content_size.width, cast("RulesMap", widget.styles)
    return width > 0 and old.get_height(rules, width) == new.get_height(rules, width)


class PostPreview(VerticalScroll, can_focus=True):
    """The post as it will read, without its front matter."""

    BINDINGS = [
        Binding("down,j", "scroll_down", "Scroll down", show=False, id="preview.down"),
        Binding("up,k", "scroll_up", "Scroll up", show=False, id="preview.up"),
        *post_keys("preview", "edit", "external", "add_tag", "remove_tag", "view", "tags"),
        Binding("escape", "screen.focus_list", "Back to list", id="preview.back"),
        *post_keys("preview", "search"),
        Binding("n", "next_match", "Next match", show=False, id="preview.next_match"),
        Binding("N", "previous_match", "Previous match", show=False, id="preview.previous_match"),
        *post_keys("preview", "next", "previous"),
        Binding("o", "screen.toggle_contents", "Contents", id="preview.contents"),
        Binding("w", "toggle_wide", "Wide", show=False, id="preview.wide"),
        *post_keys("preview", "help"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        # The blocks on screen, each with its widgets (a link reference
        # definition has none); while ``_whole`` they are those of ``_lines``.
        self._blocks: list[Block] = []
        self._widgets: list[list[Widget]] = []
        self._lines: list[str] = []
        self._env: dict[str, Any] = {}
        self._whole = False
        self._parser = preview_parser()
        self._post: Post | None = None
        self._word_count: int | None = None
        self.markdown = ""
        """The Markdown last given to show (its blocks may still be arriving)."""
        self._words: tuple[str, ...] = ()
        # The text of blocks where searched words are marked, as it was.
        self._unmarked: WeakKeyDictionary[MarkdownBlock, Content] = WeakKeyDictionary()
        self._match = -1
        self._wide = False
        self._header = Content()
        self.main_language: str | None = None
        """The blog's own language, which the header does not mark a post with."""

    def watch_has_focus(self, has_focus: bool) -> None:
        # Only the preview's own border follows its focus. Textual would apply
        # the stylesheet again to every block below it: over a thousand
        # widgets in a 200 KB post, seconds at each Enter or Escape.
        self.app.stylesheet.update_nodes([self], animate=True)

    def compose(self) -> ComposeResult:
        yield Static(id="preview-header")
        yield Markdown(id="preview-body", open_links=False, parser_factory=preview_parser)

    def show_post(self, post: Post | None) -> None:
        """Show the header of ``post`` (or nothing); its length once the body is shown."""
        if post is None or self._post is None or post.path != self._post.path:
            self._word_count = None  # another post: its length is not known yet
        self._post = post
        self._show_header()

    def set_main_language(self, language: str | None) -> None:
        """Mark posts with their language unless it is ``language``, the blog's own."""
        if language != self.main_language:
            self.main_language = language
            if self._post is not None:
                self._show_header()

    def _count_words(self, markdown: str) -> None:
        count = len(markdown.split())
        if count != self._word_count:
            self._word_count = count
            self._show_header()

    def _show_header(self) -> None:
        post = self._post
        content = header_content(post, self._word_count, self.main_language) if post else Content()
        if not same_content(content, self._header):
            # Only when it changed, and laid out only when its lines do: a
            # layout takes the whole post along, and the split view asks for
            # the header at every pause in typing (the word count changes).
            header = self.query_one("#preview-header", Static)
            header.update(content, layout=not _same_height(header, self._header, content))
            self._header = content

    async def show_body(self, markdown: str) -> None:
        """Show the first screenful of ``markdown`` at once; :meth:`show_rest` follows.

        Textual's Markdown widget mounts a widget a block: a long post takes
        seconds, so the first blocks go first.
        """
        self.markdown = markdown
        self._count_words(markdown)
        piece = first_piece(markdown, FIRST_PIECE)
        lines = piece.splitlines(keepends=True)
        env: dict[str, Any] = {}
        blocks = parse_blocks(self._parser, lines, 0, env)
        self._whole = False
        await self._rebuild(blocks)
        if piece == markdown:
            self._remember(markdown, lines, env)

    async def show_rest(self, markdown: str) -> None:
        """Show the whole of ``markdown``, keeping the blocks already on screen."""
        if self._whole and self._body.source == markdown:
            return
        lines = markdown.splitlines(keepends=True)
        env: dict[str, Any] = {}
        # A fresh parser in the thread: markdown-it's state is not shared.
        blocks = await asyncio.to_thread(parse_blocks, preview_parser(), lines, 0, env)
        self._whole = False
        await self._rebuild(blocks)
        self._remember(markdown, lines, env)

    async def update_body(self, markdown: str) -> None:
        """Show ``markdown``, an edit of what is shown: only changed blocks are rebuilt."""
        self.markdown = markdown
        self._count_words(markdown)
        lines = markdown.splitlines(keepends=True)
        blocks = None
        if self._whole:
            # A few lines around the edit are parsed again, here: milliseconds.
            blocks = reparsed(self._parser, self._blocks, self._lines, lines, self._env)
        if blocks is None:
            await self.show_rest(markdown)
            return
        self._whole = False
        await self._rebuild(blocks)
        self._remember(markdown, lines, self._env)

    def _remember(self, markdown: str, lines: list[str], env: dict[str, Any]) -> None:
        body = self._body
        body._markdown = markdown  # what Markdown.source gives
        body._table_of_contents = None  # made again from the headings when asked
        self._lines, self._env, self._whole = lines, env, True

    @property
    def _body(self) -> Markdown:
        return self.query_one("#preview-body", Markdown)

    async def _rebuild(self, blocks: list[Block]) -> None:
        """Make the blocks on screen ``blocks``: keep those whose source is the same
        at the start and at the end, build and mount the others."""
        body = self._body
        old = self._blocks
        same_start, same_end = agreement(
            [block.source for block in old], [block.source for block in blocks]
        )
        old_end, new_end = len(old) - same_end, len(blocks) - same_end
        stale = [widget for group in self._widgets[same_start:old_end] for widget in group]
        kept_after = self._widgets[old_end:]
        anchor = next((widget for group in kept_after for widget in group), None)
        if same_end and (shift := blocks[new_end].start - old[old_end].start):
            for group in kept_after:  # the lines they came from moved
                for widget in group:
                    if isinstance(widget, MarkdownBlock):
                        start, end = widget.source_range
                        widget.source_range = (start + shift, end + shift)
        # The record changes before each await, so that a render cancelled by
        # the next one leaves it true to what is mounted.
        self._blocks = blocks[:same_start] + blocks[new_end:]
        self._widgets = self._widgets[:same_start] + kept_after
        fresh = blocks[same_start:new_end]
        if len(stale) == 1 and len(fresh) == 1 and self._edit_in_place(stale[0], fresh[0]):
            self._blocks[same_start:same_start] = fresh
            self._widgets[same_start:same_start] = [stale]
            return
        batches = _growing(fresh)
        at = same_start
        # The removal and the first mount laid out once, not once each: no
        # paint (and so no layout) until both are done. The removal is not
        # waited for, so that it does not hold up the mount.
        with self.app.batch_update():
            removed = body.remove_children(stale) if stale else None
            at = await self._mount(next(batches, []), at, anchor)
        for batch in batches:
            at = await self._mount(batch, at, anchor)
        if removed is not None:
            await removed

    async def _mount(self, batch: list[Block], at: int, anchor: Widget | None) -> int:
        """Build and mount ``batch``, the blocks from ``at`` on, before ``anchor``;
        where the next ones go."""
        body = self._body
        groups: list[list[Widget]] = [list(body._parse_markdown(b.tokens)) for b in batch]
        self._blocks[at:at] = batch
        self._widgets[at:at] = groups
        widgets = [widget for group in groups for widget in group]
        if widgets:
            await body.mount_all(widgets, before=anchor)
            if self._words:
                self._mark_within(widgets)
        return at + len(batch)

    def _edit_in_place(self, widget: Widget, block: Block) -> bool:
        """Give ``widget``, a paragraph on screen, the text of ``block`` if that is
        a paragraph too (typing inside one): one widget changed, none mounted."""
        paragraph = self._body.get_block_class("paragraph_open")
        if type(widget) is not paragraph or widget.children:
            return False
        built = list(self._body._parse_markdown(block.tokens))
        if len(built) != 1 or type(built[0]) is not paragraph or built[0]._blocks:
            return False
        fresh = built[0]
        assert isinstance(widget, MarkdownBlock)
        widget._token, widget._inline_token = fresh._token, fresh._inline_token
        widget.source_range = fresh.source_range
        self._show(widget, fresh._content)
        return True

    # Searched words

    def mark(self, words: Sequence[str]) -> None:
        """Mark where the (folded) ``words`` are found; ``n`` and ``N`` go from one to the next."""
        if tuple(words) == self._words:
            return  # "tag:", a space...: the search changed, not its words; blocks stay as marked
        self._words = tuple(words)
        self._match = -1
        self._mark_within(self._body.children)

    def _mark_within(self, widgets: Iterable[Widget]) -> None:
        for widget in widgets:
            if isinstance(widget, MarkdownBlock):
                self._mark(widget)
            for block in widget.query(MarkdownBlock):
                self._mark(block)

    def _mark(self, block: MarkdownBlock) -> None:
        """Show ``block`` with the searched words marked (or none, when none are)."""
        self._show(block, self._unmarked.get(block) or block._content)

    def _show(self, block: MarkdownBlock, text: Content) -> None:
        """Show ``text`` in ``block``, the searched words marked in it."""
        spans = folded_spans(text.plain, self._words) if self._words else []
        content = text
        for start, end in spans:
            content = content.stylize("reverse bold", start, end)
        if spans:
            self._unmarked[block] = text  # what the block says, unmarked
        else:
            self._unmarked.pop(block, None)
        if not same_content(content, block._content):
            _set_text(block, content)

    def _matches(self) -> list[MarkdownBlock]:
        return [block for block in self._body.query(MarkdownBlock) if block in self._unmarked]

    def action_next_match(self) -> None:
        """Scroll to the next block where a searched word is found."""
        self._go_to_match(1)

    def action_previous_match(self) -> None:
        """Scroll to the previous block where a searched word is found."""
        self._go_to_match(-1)

    def _go_to_match(self, by: int) -> None:
        matches = self._matches()
        if not matches:
            self.notify("No match in this post" if self._words else "Search first, with /")
            return
        self._match = (self._match + by) % len(matches)
        self.scroll_to_widget(matches[self._match], top=True, animate=False)

    # Reading

    def headings(self) -> list[tuple[int, str, str]]:
        """(level, text, widget id) of each heading, for the table of contents."""
        return [(level, text, id) for level, text, id in self._body.table_of_contents if id]

    def go_to_heading(self, heading_id: str) -> None:
        self.scroll_to_widget(self._body.query_one(f"#{heading_id}"), top=True, animate=False)

    def action_toggle_wide(self) -> None:
        """Read at the width of the pane instead of about 80 columns."""
        # An inline width, not a class: a class restyles every block of the post.
        self._wide = not self._wide
        for widget in (self.query_one("#preview-header"), self._body):
            widget.styles.max_width = "100%" if self._wide else None
