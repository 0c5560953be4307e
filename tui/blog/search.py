"""Finding and ordering posts: case and accents ignored, a few field words.

"confidentialite" finds "Confidentialité", "oeuvre" finds "œuvre", and
"tag:mobile draft:yes year:2010 photo" finds the 2010 drafts tagged mobile
that speak of photos. Posts whose title has every word come first.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, NamedTuple

from tui.blog import frontmatter
from tui.blog.encoding import decode
from tui.blog.post import Post

# Letters that no Unicode decomposition splits, spelled as a French or
# Nordic reader types them without the special key.
_SPELLED = str.maketrans({"œ": "oe", "æ": "ae", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th"})
_YES = {"yes", "y", "true", "oui", "1"}
_NO = {"no", "n", "false", "non", "0"}
_TERM = re.compile(r'(?:(\w+):)?(?:"([^"]*)"?|(\S+))')
MAX_BODY = 2_000_000
"""Characters of a body that are searched: a 50 MB file is not read whole."""


@lru_cache(maxsize=1)
def _without_marks() -> dict[int, str | None]:
    """A table dropping every combining mark, and spelling out _SPELLED (made once, 0.07 s).

    NFKD splits "é" into "e" and a combining mark; str.translate then drops
    the marks in C, four times as fast as a regular expression.
    """
    table: dict[int, str | None] = {
        code: None for code in range(0x110000) if unicodedata.combining(chr(code))
    }
    table.update(_SPELLED)
    return table


def word_in(word: str, text: str) -> bool:
    """Whether ``word`` starts a word of ``text`` (both folded).

    At the start of words, not anywhere: "ete" finds "été" but not
    "complete", "the" finds "the" but not "other"; "confid" still finds
    "confidentialité", and "oeuvre" finds "chef-d’œuvre".
    """
    if word not in text:  # the common answer, and the fast one
        return False
    return _starting(word).search(text) is not None


@lru_cache(maxsize=256)
def _starting(word: str) -> re.Pattern[str]:
    return re.compile(r"(?<![^\W_])" + re.escape(word))


def fold(text: str) -> str:
    """``text`` as search compares it: lower case, no accents, ligatures spelled out.

    Whole strings at a time, in C: bodies are folded by the megabyte, and a
    loop over characters took a second for each 1.7 MB while holding the
    interpreter the screen needs.
    """
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return decomposed.translate(_without_marks())


def folded_spans(text: str, words: Iterable[str]) -> list[tuple[int, int]]:
    """Where in ``text`` the folded ``words`` are found: (start, end) in ``text``."""
    words = [word for word in words if word]
    if not words:
        return []
    # Each character of the folded text remembers which character of ``text``
    # it came from ("œ" gives "oe": two characters, one origin).
    folded: list[str] = []
    origin: list[int] = []
    for position, char in enumerate(text):
        piece = fold(char)  # one at a time, to know where each folded character came from
        folded.append(piece)
        origin.extend([position] * len(piece))
    haystack = "".join(folded)
    spans = []
    for word in words:
        for match in _starting(word).finditer(haystack):
            spans.append((origin[match.start()], origin[match.end() - 1] + 1))
    return _merged(spans)


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


Order = Literal["newest", "oldest", "title", "modified"]
ORDERS: tuple[Order, ...] = ("newest", "oldest", "title", "modified")
ORDER_NAMES = {
    "newest": "newest first",
    "oldest": "oldest first",
    "title": "by title",
    "modified": "last modified first",
}


class Heading(NamedTuple):
    """A post's title and tags, folded once."""

    post: Post
    title: str
    tags: frozenset[str]
    tag_text: str


@dataclass(frozen=True)
class Query:
    """What the user typed in the search field, understood."""

    words: tuple[str, ...] = ()
    """Folded words (or "quoted phrases") that must all be found."""
    tags: tuple[str, ...] = ()
    """Folded tags or categories (tag:name) the post must have."""
    draft: bool | None = None
    years: tuple[int, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not (self.words or self.tags or self.draft is not None or self.years)

    def accepts(self, post: Post, tags: frozenset[str]) -> bool:
        """Whether the field words allow ``post``, whose folded tags are ``tags``."""
        if self.draft is not None and post.draft != self.draft:
            return False
        if self.years and (post.date is None or post.date.year not in self.years):
            return False
        return all(tag in tags for tag in self.tags)


def parse_query(text: str) -> Query:
    """``text`` as a query: words, "phrases", tag:x, draft:yes|no, year:2010.

    A field word that does not make sense (year:soon, colour:red) is
    searched as a plain word, so nothing typed is silently ignored.
    """
    words: list[str] = []
    tags: list[str] = []
    draft: bool | None = None
    years: list[int] = []
    for found in _TERM.finditer(text):
        field, phrase, word = found.group(1), found.group(2), found.group(3)
        value = phrase if phrase is not None else word or ""
        name = (field or "").lower()
        if name == "tag" and value:
            tags.append(fold(value))
        elif name == "draft" and value.lower() in _YES | _NO:
            draft = value.lower() in _YES
        elif name == "year" and value.isdigit():
            years.append(int(value))
        elif field is not None and phrase is None:
            words.append(fold(found.group(0)))
        elif value.strip():
            words.append(fold(value))
    return Query(tuple(words), tuple(tags), draft, tuple(years))


class Searcher:
    """Matches posts against queries; bodies are read once, kept folded.

    The app uses it from the screen and from worker threads at once: each
    dict is read and written an item at a time, so at worst two threads fold
    the same text twice.
    """

    def __init__(self) -> None:
        self._bodies: dict[str, tuple[int, int, str]] = {}
        # By the path from the blog's folder, as below: a string hashes in a
        # tenth of the time a Path first does.
        self._headings: dict[str, Heading] = {}

    def body(self, post: Post) -> str:
        """The folded body of ``post``, read again when its file changed."""
        known = self._bodies.get(post.relative)
        if known is not None and known[:2] == (post.mtime_ns, post.size):
            return known[2]
        try:
            with open(post.path, "rb") as file:
                raw = file.read(MAX_BODY * 4)
            text = decode(raw).text
            body = fold(text[frontmatter.split(text).body_offset :][:MAX_BODY])
        except (OSError, ValueError):
            body = ""
        self._bodies[post.relative] = (post.mtime_ns, post.size, body)
        return body

    def _heading(self, post: Post) -> Heading:
        # By path, so that a post read again replaces its old reading here
        # instead of piling up beside it.
        known = self._headings.get(post.relative)
        if known is None or known.post is not post:
            tags = frozenset(fold(tag) for tag in (*post.tags, *post.categories))
            known = Heading(post, fold(post.title), tags, " ".join(tags))
            self._headings[post.relative] = known
        return known

    def ordered(self, posts: list[Post], order: Order) -> list[Post]:
        """``posts`` (newest first, as the index gives them) in ``order``."""
        if order == "oldest":
            return posts[::-1]
        if order == "title":
            # Folded, so "Économie" sorts with the E's and "zèbre" after "Zoo".
            return sorted(posts, key=lambda post: (self._heading(post).title, post.title))
        if order == "modified":
            return sorted(posts, key=lambda post: post.mtime_ns, reverse=True)
        return posts

    def titles_first(self, posts: Iterable[Post], query: Query) -> tuple[list[Post], list[Post]]:
        """Posts whose title has every word, and those left to look at."""
        in_title: list[Post] = []
        rest: list[Post] = []
        for post in posts:
            heading = self._heading(post)
            if not query.accepts(post, heading.tags):
                continue
            if all(word_in(word, heading.title) for word in query.words):
                in_title.append(post)
            else:
                rest.append(post)
        return in_title, rest

    @staticmethod
    def _not_in_heading(heading: Heading, words: Iterable[str]) -> list[str]:
        return [
            word
            for word in words
            if not word_in(word, heading.title) and not word_in(word, heading.tag_text)
        ]

    def in_headings(self, post: Post, query: Query) -> bool:
        """Whether every word of ``query`` is in the title or the tags of ``post``."""
        return not self._not_in_heading(self._heading(post), query.words)

    def elsewhere(self, posts: Iterable[Post], query: Query) -> list[Post]:
        """Those of ``posts`` with every word somewhere in title, tags and body."""
        found = []
        for post in posts:
            words = self._not_in_heading(self._heading(post), query.words)
            if not words:
                found.append(post)
                continue
            body = self.body(post)
            if all(word_in(word, body) for word in words):
                found.append(post)
        return found

    def search(self, posts: Iterable[Post], query: Query) -> list[Post]:
        """``posts`` that match ``query``: title matches first, each part in the given order."""
        in_title, rest = self.titles_first(posts, query)
        return in_title + self.elsewhere(rest, query)
