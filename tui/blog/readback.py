"""Reading an edited post back the way the app reads posts, to judge the edit.

An in-place change of the front matter is kept only when the new text reads
as exactly what was asked (the title, the draft state, the tags) and as
everything it was before otherwise: same other keys, same problems, same
body. A change that would mean something else is never written.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from tui.blog import frontmatter
from tui.blog.parsing import parse_post

_PATH = Path("post.md")
"""Where the post is taken to be: a name that says nothing (no date, no
language, no drafts folder), so that only its text is read."""

TOUCHED = {
    "title": frozenset({"title"}),
    "draft": frozenset({"draft", "published"}),
    "tags": frozenset({"tags", "tag", "keywords", "taxonomies"}),
    "categories": frozenset({"categories", "category", "taxonomies"}),
}
"""The front-matter keys each kind of change may rewrite (Zola's taxonomies
hold tags and categories)."""


@dataclass(frozen=True)
class Reading:
    """What a post's text says, as the app reads it."""

    title: str
    draft: bool
    tags: tuple[str, ...]
    categories: tuple[str, ...]
    date: dt.datetime | None
    problems: tuple[str, ...]
    others: tuple[tuple[str, str], ...]
    """Every other key of the front matter and its value (as repr)."""
    body: str


def read(text: str, touched: frozenset[str]) -> Reading:
    """``text`` as the post list would show it; keys in ``touched`` left out of ``others``."""
    matter = frontmatter.split(text)
    try:
        raw = text.encode("utf-8")
    except UnicodeEncodeError as error:  # a lone surrogate: no file can hold it
        raise ValueError("it holds a character no file can hold") from error
    post = parse_post(raw, _PATH, _PATH.name, 0, 0)
    others = tuple(
        (key, repr(value)) for key, value in matter.data.items() if key.lower() not in touched
    )
    return Reading(
        post.title,
        post.draft,
        post.tags,
        post.categories,
        post.date,
        post.problems,
        others,
        text[matter.body_offset :],
    )


def expect(before: Reading, **changes: object) -> Reading:
    """``before`` with the fields asked for changed."""
    return dataclasses.replace(before, **changes)  # type: ignore[arg-type]


def difference(wanted: Reading, text: str, touched: frozenset[str]) -> str | None:
    """Why ``text`` does not read as ``wanted`` (None when it does)."""
    try:
        got = read(text, touched)
    except ValueError as error:
        return str(error)
    if got.problems != wanted.problems:
        new = [problem for problem in got.problems if problem not in wanted.problems]
        if new:
            return f"the front matter would no longer read well ({new[0]})"
        gone = [problem for problem in wanted.problems if problem not in got.problems]
        return f"a problem with the post would no longer be told ({(gone or wanted.problems)[0]})"
    for name, label in (("title", "title"), ("tags", "tags"), ("categories", "categories")):
        if getattr(got, name) != getattr(wanted, name):
            shown, asked = _shown(getattr(got, name)), _shown(getattr(wanted, name))
            return f"the {label} would read back as {shown}, not {asked}"
    if got.draft != wanted.draft:
        return "the post would read back as " + ("a draft" if got.draft else "not a draft")
    if got.date != wanted.date:
        return "the post's date would change"
    if got.others != wanted.others:
        return "other keys of the front matter would change"
    if got.body != wanted.body:
        return "the text after the front matter would change"
    return None


def _shown(value: str | tuple[str, ...]) -> str:
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return ", ".join(json.dumps(item, ensure_ascii=False) for item in value) or "none"
