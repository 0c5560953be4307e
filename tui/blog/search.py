"""Finding and ordering posts: case and accents ignored, a few field words.

"confidentialite" finds "Confidentialité", "oeuvre" finds "œuvre", and
"tag:mobile draft:yes year:2010 photo" finds the 2010 drafts tagged mobile
that speak of photos. Posts whose title has every word come first.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from array import array
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from tui.blog import frontmatter
from tui.blog.encoding import decode
from tui.blog.opening import read_regular
from tui.blog.orders import Order
from tui.blog.post import Post, is_page_key

# Letters that no Unicode decomposition splits, spelled as a French or
# Nordic reader types them without the special key.
_SPELLED = str.maketrans({"œ": "oe", "æ": "ae", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th"})
_YES = {"yes", "y", "true", "oui", "1"}
_NO = {"no", "n", "false", "non", "0"}
_TERM = re.compile(r'(?:(\w+):)?(?:"([^"]*)"?|(\S+))')
MAX_BODY = 2_000_000
"""Characters of a body that are searched: a 50 MB file is not read whole."""
_RUN = re.compile(r"[^\W_]+")
"""A run of letters and digits: where `word_in` finds a word, one of these starts."""


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
    # Where it is found, the character before it is looked at: what the
    # regular expression of `_starting` asks ([^\W_] is what isalnum() says
    # of a character), without it: a phrase among 10,000 posts took 295 ms
    # with it, 68 ms so.
    found = text.find(word)
    while found > 0 and text[found - 1].isalnum():
        found = text.find(word, found + 1)
    return found >= 0


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
        # Before any folding: the list's rows come here with no words, and
        # the first fold of a text with accents makes a table (70 ms) that a
        # next start's first frame then waited for.
        return []
    # Most texts (a post's blocks, as the preview marks them) have none of
    # the words: that is seen in the whole text folded at once, in C, before
    # folding it a character at a time (4 ms for a 6 KB post's blocks).
    folded_text = fold(text)
    words = [word for word in words if word in folded_text]
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


Reading = tuple[int, int, int, str]
"""A body read: its file's mtime and size then, the reading's number, the folded body."""


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
        return not (self.words or self.has_fields)

    @property
    def has_fields(self) -> bool:
        """Whether field words (tag:, draft:, year:) narrow the posts."""
        return bool(self.tags or self.draft is not None or self.years)

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


class _Words:
    """The words of the bodies read, each with the posts it starts a word of.

    A word made of letters and digits only is found at the start of a word
    of a body exactly when one of the body's runs of letters and digits
    starts with it: the posts whose body has it are those of the runs that
    start with it, found in the sorted runs, with no body looked at. A
    search of a 10,000-post blog took 60 to 110 ms when every body was
    looked through for every word.

    Posts are known by a number of their own reading: a post read again gets
    a new one, and what its old reading held is no longer asked for. The
    folded bodies are kept too, for what the runs alone cannot tell (a
    phrase, "e-mail"): reading them again from the disk took seconds.
    """

    def __init__(self) -> None:
        self._posts_of: dict[str, array[int]] = {}
        self.readings: dict[str, Reading] = {}
        """The bodies read, by the post's path from the blog's folder."""
        self._numbers = itertools.count()
        self._changes = itertools.count(1)
        self.version = 0
        """A number no other reading of a body left (0: none yet), so that
        what was worked out from the bodies known is known to be out of date.
        Each is taken once (in C, whichever thread reads) and set after the
        reading is kept: it never comes back to one seen before."""
        self._sorted: list[str] = []

    def read(self, post: Post) -> None:
        """Read ``post``'s body and its words, unless they are known as its file is now."""
        known = self.readings.get(post.relative)
        if known is not None and known[:2] == (post.mtime_ns, post.size):
            return
        number = next(self._numbers)
        body = folded_body(post)
        posts_of = self._posts_of
        for run in set(_RUN.findall(body)):
            numbers = posts_of.get(run)
            if numbers is None:
                numbers = posts_of[run] = array("I")
            numbers.append(number)
        self.readings[post.relative] = (post.mtime_ns, post.size, number, body)
        self.version = next(self._changes)

    def exactly(self, run: str) -> set[int]:
        """The readings with ``run`` as a whole run of letters and digits."""
        return set(self._posts_of.get(run, ()))

    def sorted_runs(self) -> list[str]:
        """Every run, sorted; sorted again if runs came since."""
        runs = self._sorted
        if len(runs) != len(self._posts_of):  # runs only ever come: some are new
            runs = self._sorted = sorted(self._posts_of)
        return runs

    def starting(self, prefix: str) -> set[int]:
        """The readings with a run of letters and digits that starts with ``prefix``."""
        runs = self.sorted_runs()
        found: set[int] = set()
        for position in range(bisect_left(runs, prefix), len(runs)):
            run = runs[position]
            if not run.startswith(prefix):
                break
            found.update(self._posts_of[run])
        return found

    def candidates(self, word: str) -> set[int]:
        """The readings where ``word`` may start a word: all of those where it
        does, and, for a word with other characters than letters and digits
        (a phrase, "e-mail"), some where it does not."""
        runs = _RUN.findall(word)
        if not runs:
            return {reading[2] for reading in list(self.readings.values())}
        # Its runs but the last are whole runs of the body; the last may go on.
        found = self.starting(runs[-1])
        for run in runs[:-1]:
            found &= self.exactly(run)
        return found


def folded_body(post: Post) -> str:
    """The body of ``post`` as search compares it ("" if it cannot be read)."""
    try:
        raw = read_regular(post.path, MAX_BODY * 4).data
        text = decode(raw).text
        return fold(text[frontmatter.split(text).body_offset :][:MAX_BODY])
    except (OSError, ValueError):
        return ""


class Searcher:
    """Matches posts against queries; the words of bodies are read once, kept.

    The app uses it from the screen and from worker threads at once: each
    dict is read and written an item at a time, so at worst two threads read
    the same body twice.
    """

    def __init__(self) -> None:
        self._words = _Words()
        # By the path from the blog's folder, as below: a string hashes in a
        # tenth of the time a Path first does.
        self._headings: dict[str, Heading] = {}
        self._kept: tuple[int, list[Post], list[Heading], list[Reading | None]] | None = None
        """What `_aligned` last gave, for which posts, after which body read."""

    def learn(self, post: Post) -> None:
        """Read the words of ``post``'s body, unless they are known as its file is now."""
        self._words.read(post)

    def learned(self, posts: list[Post] | None = None) -> None:
        """Sort the words read, once many have been, and line ``posts`` up
        with their headings and bodies (see `_aligned`): else the first
        search after would, on the screen's time (a blog's runs number in the
        hundreds of thousands)."""
        self._words.sorted_runs()
        if posts is not None:
            self._aligned(posts)

    def at_once(
        self, posts: list[Post], query: Query, most: int | None = None
    ) -> list[Post] | None:
        """:meth:`search`, when the words of every body it needs are known;
        else None, and nothing read: that is for a thread. None too for more
        than ``most`` posts, unless the query is one word of letters and
        digits (as it is while the first word is typed), which is quicker.

        The search the field does as each key is typed, on the screen's time:
        a word at a time, each in comprehensions over the posts the words
        before it left (a loop over the posts took twice as long). At 10,000
        posts one word took 9 ms; titles_first, then elsewhere, took 60 ms.
        """
        words = query.words
        one_word = len(words) == 1 and not query.has_fields and _RUN.fullmatch(words[0]) is not None
        if most is not None and len(posts) > most and not one_word:
            return None
        matching = self._matching(posts, query)
        if matching is None:
            return None
        in_title, rest = matching
        return in_title + rest

    def _matching(
        self, posts: list[Post], query: Query, keep_lined_up: bool = True
    ) -> tuple[list[Post], list[Post]] | None:
        """The posts that match ``query`` whose title has every word, and the
        others, each in their order; None if a body it needs is not known.
        What it lines up (see `_aligned`) is kept unless ``keep_lined_up`` is false."""
        words = query.words
        heads, bodies = self._aligned(posts, keep_lined_up)
        if query.has_fields:
            kept = [query.accepts(post, head.tags) for post, head in zip(posts, heads, strict=True)]
            posts = [post for post, keep in zip(posts, kept, strict=True) if keep]
            heads = [head for head, keep in zip(heads, kept, strict=True) if keep]
            bodies = [body for body, keep in zip(bodies, kept, strict=True) if keep]
        titled = [True] * len(posts)  # whether every word so far is in the title
        for number, word in enumerate(words, 1):
            in_title = [word in head.title and word_in(word, head.title) for head in heads]
            in_heading = [
                yes or (word in head.tag_text and word_in(word, head.tag_text))
                for head, yes in zip(heads, in_title, strict=True)
            ]
            if None in bodies and None in (
                body for body, yes in zip(bodies, in_heading, strict=True) if not yes
            ):
                return None  # a body not read yet, or changed since
            having = self._words.candidates(word)
            # Words of letters and digits are found by the runs alone; others
            # (phrases, "e-mail") only where they may be, in the body itself.
            plain = _RUN.fullmatch(word) is not None
            found = [
                yes
                or (
                    body is not None  # it is by now: this tells the type checker
                    and body[2] in having
                    and (plain or word_in(word, body[3]))
                )
                for yes, body in zip(in_heading, bodies, strict=True)
            ]
            if number == len(words):  # the last: the answer, in two lists at once
                titled = [yes and now for yes, now in zip(titled, in_title, strict=True)]
                return [post for post, yes in zip(posts, titled, strict=True) if yes], [
                    post
                    for post, yes, keep in zip(posts, titled, found, strict=True)
                    if keep and not yes
                ]
            titled = [
                yes and now for yes, now, keep in zip(titled, in_title, found, strict=True) if keep
            ]
            posts = [post for post, keep in zip(posts, found, strict=True) if keep]
            heads = [head for head, keep in zip(heads, found, strict=True) if keep]
            bodies = [body for body, keep in zip(bodies, found, strict=True) if keep]
        return posts, []  # no word: every post the field words keep

    def _aligned(
        self, posts: list[Post], keep_lined_up: bool = True
    ) -> tuple[list[Heading], list[Reading | None]]:
        """Each of ``posts``' heading, and the reading of its body (None where
        its body is not known as its file is now), in their order.

        Kept for the next search of the same posts, as the field searches
        the list again at each key: looking each post up took half of a
        search's time. They are the same when the posts are (posts compare
        by identity, so the list compares in C) and no body was read since.
        Not kept for a thread's part of a list (``keep_lined_up`` false): the next key
        would line the whole list up again, on the screen's time.
        """
        words = self._words
        version = words.version
        kept = self._kept
        if kept is not None and kept[0] == version and kept[1] == posts:
            return kept[2], kept[3]
        headings = self._headings
        heads = [
            known
            if (known := headings.get(post.relative)) is not None and known.post is post
            else self._heading(post)
            for post in posts
        ]
        readings = words.readings
        bodies = [
            reading
            if (reading := readings.get(post.relative)) is not None
            and reading[0] == post.mtime_ns
            and reading[1] == post.size
            else None
            for post in posts
        ]
        if keep_lined_up:
            self._kept = (version, list(posts), heads, bodies)
        return heads, bodies

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
            ordered = posts[::-1]
        elif order == "title":
            # Folded, so "Économie" sorts with the E's and "zèbre" after "Zoo".
            ordered = sorted(posts, key=lambda post: (self._heading(post).title, post.title))
        elif order == "modified":
            ordered = sorted(posts, key=lambda post: post.mtime_ns, reverse=True)
        else:
            return posts  # newest first: the pages are already last (see post.PAGE_MARK)
        # Pages after the posts, in every order: never above a dated post.
        pages = [post for post in ordered if is_page_key(post.sort_key)]
        if not pages:
            return ordered
        return [post for post in ordered if not is_page_key(post.sort_key)] + pages

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
        """Those of ``posts`` with every word somewhere in title, tags and body,
        in their order; the bodies it needs read first (in a thread: it reads
        files)."""
        posts = list(posts)
        while True:
            for post in posts:
                if self._not_in_heading(self._heading(post), query.words):
                    self._words.read(post)
            matching = self._matching(posts, query, keep_lined_up=False)
            if matching is not None:
                in_title, rest = matching  # none in title from titles_first: their order
                return in_title + rest
            # Another thread read a body again meanwhile, for a newer post:
            # this reading's own is read again.

    def search(self, posts: Iterable[Post], query: Query) -> list[Post]:
        """``posts`` that match ``query``: title matches first, each part in the given order."""
        in_title, rest = self.titles_first(posts, query)
        return in_title + self.elsewhere(rest, query)
