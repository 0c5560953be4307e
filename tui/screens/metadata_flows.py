"""The main screen's metadata changes: a post's tags, title and draft state,
and renaming a tag across the blog. Each is a flow of questions, then one
call to the blog library.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.content import Content
from textual.notifications import SeverityLevel

from tui.blog import BlogError
from tui.blog.display import printable
from tui.blog.metadata import add_tag, remove_tag, set_draft, set_title
from tui.blog.post import CATEGORY_PREFIX, DRAFT_FOLDERS, Post, category_key, relative_path, tag_key
from tui.blog.retag import Report, Retag, apply
from tui.dialogs import ChoiceScreen, ConfirmScreen, PromptScreen

if TYPE_CHECKING:
    from tui.screens.main import MainScreen

LISTED_FILES = 12
"""Files named in the question before a blog-wide change; the rest are counted."""


async def change_post(screen: MainScreen, what: str, change: Callable[[str], str]) -> None:
    """Apply ``change`` to the open post's text, then save unless it had unsaved edits."""
    document = screen.document
    if document is None:
        return
    if screen.editor.read_only:
        screen.notify("Cannot change this post: it is read-only.", severity="error")
        return
    before = screen.editor.text
    try:
        after = change(before)
    except BlogError as error:  # refused: the text is as it was, and the reason is shown
        screen.notify(printable(error.message), severity="error", markup=False)
        return
    if after == before:
        screen.notify(f"Nothing to change: {what}.", markup=False)
        return
    had_edits = screen.modified
    screen.replace_editor_text(after)
    if had_edits:
        screen.notify(f"{what}; not saved yet (ctrl+s saves).", markup=False)
    elif await screen.save_current():
        screen.notify(f"{what}.", markup=False)


async def add_tag_flow(screen: MainScreen) -> None:
    post = await _open_target(screen)
    if post is None:
        return
    shown = "  ".join(f"#{printable(tag)}" for tag in post.tags) or "no tags yet"
    tag = await screen.app.push_screen_wait(
        PromptScreen(f"Add a tag to {printable(post.title)}", "Tag", hint=Content(shown))
    )
    if tag:
        await change_post(screen, f"Added #{printable(tag)}", lambda text: add_tag(text, tag))


async def remove_tag_flow(screen: MainScreen) -> None:
    post = await _open_target(screen)
    if post is None:
        return
    choices = [f"#{tag}" for tag in post.tags] + [f"category: {c}" for c in post.categories]
    if not choices:
        screen.notify("This post has no tags.")
        return
    choice = await screen.app.push_screen_wait(
        ChoiceScreen(f"Remove a tag from {printable(post.title)}", choices)
    )
    if choice is None:
        return
    if choice.startswith("#"):
        tag = choice[1:]
        await change_post(screen, f"Removed #{tag}", lambda text: remove_tag(text, tag))
    else:
        category = choice.removeprefix("category: ")
        await change_post(
            screen,
            f"Removed the category {category}",
            lambda text: remove_tag(text, category, key="categories"),
        )


async def change_title_flow(screen: MainScreen) -> None:
    post = await _open_target(screen)
    if post is None:
        return
    title = await screen.app.push_screen_wait(
        PromptScreen("Change the title", "Title", value=post.title)
    )
    if title and title != post.title:
        await change_post(screen, "Title changed", lambda text: set_title(text, title))


async def toggle_draft_flow(screen: MainScreen) -> None:
    post = await _open_target(screen)
    if post is None:
        return
    draft = not post.draft
    folders = DRAFT_FOLDERS.intersection(post.relative.split("/")[:-1])
    if not draft and folders:  # its front matter cannot make it published
        screen.notify(
            f"Still a draft: it is in the folder {printable(min(folders))}; "
            "move it out of that folder to publish it.",
            severity="warning",
            markup=False,
        )
        return
    what = "Marked as a draft" if draft else "No longer a draft"
    await change_post(screen, what, lambda text: set_draft(text, draft))


async def _open_target(screen: MainScreen) -> Post | None:
    """Open the post the action is for (asking about unsaved text); its entry."""
    path = screen.target_path()
    if path is None or not await screen.switch_to(path, "change another post"):
        return None
    return screen.current_post()


async def rename_tag_flow(screen: MainScreen, key: str) -> None:
    """Rename (or merge) a tag in every post that has it, after showing which."""
    index = screen.blog.index
    old = index.tag_name(key)
    is_category = key.startswith(CATEGORY_PREFIX)
    kind = "category" if is_category else "tag"
    new = await screen.app.push_screen_wait(
        PromptScreen(
            f"Rename the {kind} {printable(old)}",
            "New name",
            value=old,
            hint="An existing name merges the two.",
        )
    )
    if not new or new == old:
        return
    retag = Retag(key, old, new)
    posts = retag.posts(index)
    merging = any(tag.name.casefold() == new.casefold() for tag in index.tag_counts()) and (
        tag_key(new) != tag_key(old)
    )
    verb = "Merge" if merging else "Rename"
    lines = [printable(post.relative) for post in posts[:LISTED_FILES]]
    if len(posts) > LISTED_FILES:
        lines.append(f"… and {len(posts) - LISTED_FILES} more")
    question = Content.assemble(
        f"{verb} {printable(old)} into " if merging else f"{verb} {printable(old)} as ",
        (printable(new), "bold"),
        f"?\nThese {len(posts)} files will change:\n"
        if len(posts) != 1
        else "?\nThis file will change:\n",
        "\n".join(lines),
    )
    if not await screen.app.push_screen_wait(ConfirmScreen(question, yes=verb)):
        return
    open_path = screen.document.path if screen.document else None
    skip = [open_path] if open_path is not None and screen.modified else []
    report = await asyncio.to_thread(apply, screen.blog, retag, posts, skip)
    found, gone = await asyncio.to_thread(screen.blog.refresh, report.changed)
    await screen.apply_changes(found, gone)
    new_key = category_key(new) if is_category else tag_key(new)
    if key in screen.selected_tags:
        screen.selected_tags = (screen.selected_tags - {key}) | {new_key}
    message, severity = _summary(screen, report, verb, old, new, merging)
    timeout = 8 if severity == "information" else 20
    screen.notify(message, severity=severity, markup=False, timeout=timeout)


def _summary(
    screen: MainScreen, report: Report, verb: str, old: str, new: str, merging: bool
) -> tuple[str, SeverityLevel]:
    """What a blog-wide rename did: how many files it changed, and each it refused and why."""
    count = len(report.changed)
    if count:
        files = "file" if count == 1 else "files"
        into = "into" if merging else "as"
        summary = f"{verb}d {printable(old)} {into} {printable(new)} in {count} {files}."
    else:
        summary = f"Nothing {verb.lower()}d: no file was changed."
    if not report.failed:
        return summary, "information"
    refused = [  # each listed as left as it was: no need to say it again
        f"{printable(relative_path(path, screen.blog.root))}: "
        + printable(reason.removeprefix("Left as it was: "))
        for path, reason in report.failed[:LISTED_FILES]
    ]
    if len(report.failed) > LISTED_FILES:
        refused.append(f"… and {len(report.failed) - LISTED_FILES} more")
    listed = "\n".join(refused)
    return f"{summary}\nLeft as they were ({len(report.failed)}):\n{listed}", (
        "warning" if count else "error"
    )
