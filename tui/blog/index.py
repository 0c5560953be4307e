"""The posts of a blog, kept so that filtering by tag is a set intersection."""

from __future__ import annotations

import os
import threading
from bisect import bisect_left
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain
from operator import attrgetter
from pathlib import Path

from tui.blog.post import CATEGORY_PREFIX, LANGUAGE_PREFIX, Post, relative_path

SORT_KEY = attrgetter("sort_key")


@dataclass(frozen=True)
class TagCount:
    """A tag as the sidebar shows it."""

    key: str
    name: str
    count: int

    @property
    def is_category(self) -> bool:
        return self.key.startswith(CATEGORY_PREFIX)

    @property
    def is_language(self) -> bool:
        return self.key.startswith(LANGUAGE_PREFIX)


def main_language(languages: Mapping[str, int], total: int, default: str | None) -> str | None:
    """The language a blog is written in, which its posts need not be marked
    with: the site's ``default`` when its config names one, else the one
    most of its ``total`` posts have (``languages``: how many have each).
    None when most posts say no language."""
    if default:
        return default.lower()
    if not languages:
        return None
    language, count = max(languages.items(), key=lambda item: (item[1], item[0]))
    # Posts that say no language are counted as one more: a few marked fr
    # among many unmarked are what is marked.
    return language if count >= total - sum(languages.values()) else None


class BlogIndex:
    """Every post of the blog at ``root``, by path and by tag. Plain Python, no I/O."""

    def __init__(self, root: Path, posts: Iterable[Post] = ()) -> None:
        self.root = root
        # By the path from the root, a string: a Path hashes its parts the
        # first time it is hashed (a quarter of a second at 100,000 posts).
        self._posts: dict[str, Post] = {}
        # Sets of posts, not of paths: a Post hashes by identity.
        self._by_tag: dict[str, set[Post]] = {}
        self._unmade: tuple[list[Post], dict[str, list[int]]] | None = None
        """What the sets of a restored index are made from when first needed
        (see :meth:`restore`): its posts, and the places of each tag's in them."""
        self._making = threading.Lock()
        self._spellings: dict[str, Counter[str]] = {}
        self._ordered: list[Post] | None = None
        self._languages: dict[str, int] | None = None
        """How many posts have each language, made when first asked after a change."""
        for post in posts:
            self.add(post)

    def __len__(self) -> int:
        return len(self._posts)

    def __contains__(self, path: object) -> bool:
        return isinstance(path, Path) and relative_path(path, self.root) in self._posts

    def get(self, path: Path) -> Post | None:
        return self._posts.get(relative_path(path, self.root))

    def add(self, post: Post) -> None:
        """Add a post, or replace the one at the same path."""
        if post.relative in self._posts:
            self._remove(post.relative)
        self._posts[post.relative] = post
        by_tag, spellings = self._tags(), self._spellings
        for key, tag in post.labels:
            if key in by_tag:
                by_tag[key].add(post)
                spellings[key][tag] += 1
            else:  # not setdefault: it would make a set and a Counter for every tag of every post
                by_tag[key] = {post}
                spellings[key] = Counter({tag: 1})
        self._ordered = self._languages = None

    def add_all(self, posts: Sequence[Post]) -> None:
        """Add many posts at once (a reading's batch): as :meth:`add` does
        for each, with the spellings counted once for all of them."""
        own, by_tag = self._posts, self._tags()
        relatives = {post.relative for post in posts}
        # Not relatives.isdisjoint(own): with a dict, that walks the dict.
        if len(relatives) < len(posts) or any(map(own.__contains__, relatives)):
            for post in posts:  # some replace others: one at a time, in order
                self.add(post)
            return
        for post in posts:
            own[post.relative] = post
            for key, _ in post.labels:
                if key in by_tag:
                    by_tag[key].add(post)
                else:
                    by_tag[key] = {post}
        # Counted in one call, in C: a Counter step for every tag of every
        # post was a tenth of a second at 100,000 posts.
        spellings = self._spellings
        for (key, tag), count in Counter(chain.from_iterable([p.labels for p in posts])).items():
            if key in spellings:
                spellings[key][tag] += count
            else:
                spellings[key] = Counter({tag: count})
        self._ordered = self._languages = None

    def restore(
        self,
        newest_first: list[Post],
        places: dict[str, list[int]],
        spellings: dict[str, dict[str, int]],
    ) -> None:
        """Become the index of ``newest_first``, as one was kept (see
        `tui.blog.cache`): ``places`` gives, for each tag's key, where its
        posts are in that list, and ``spellings`` how each tag was spelt.

        Nothing is worked out again: no sort, no step for every tag of every
        post. The sets of each tag's posts are made when first needed (a
        filter, a change), or by :meth:`make_sets`: at 100,000 posts they take
        a fifth of a second, and the list and the sidebar need only their
        sizes, the lengths of ``places`` (where a post is once a tag).
        """
        self._posts = {post.relative: post for post in newest_first}
        if len(self._posts) < len(newest_first):
            raise ValueError("a post listed twice")
        self._spellings = {key: Counter(spelt) for key, spelt in spellings.items()}
        if places.keys() != self._spellings.keys():
            raise ValueError("tags without their spellings")
        self._by_tag, self._unmade = {}, (newest_first, places)
        self._ordered, self._languages = newest_first, None

    @staticmethod
    def kept(
        newest_first: Sequence[Post],
    ) -> tuple[dict[str, list[int]], dict[str, dict[str, int]]]:
        """What :meth:`restore` makes the index of ``newest_first`` again
        from: each tag's places in it (a post once a tag, however it is
        spelt), and how many times each spelling of it is used."""
        places: dict[str, list[int]] = {}
        for place, post in enumerate(newest_first):
            for key in dict.fromkeys([key for key, _ in post.labels]):
                if key in places:
                    places[key].append(place)
                else:
                    places[key] = [place]
        spellings: dict[str, dict[str, int]] = {}
        # Counted as add_all counts them: in one call, in C.
        labels = chain.from_iterable([post.labels for post in newest_first])
        for (key, tag), count in Counter(labels).items():
            spellings.setdefault(key, {})[tag] = count
        return places, spellings

    def make_sets(self) -> None:
        """Make the sets of each tag's posts now, if this index was restored
        and they are not made yet. Safe from another thread than the one
        that uses the index: the first to come makes them, the other waits."""
        self._tags()

    def _tags(self) -> dict[str, set[Post]]:
        """Each tag's posts, by the tag's key."""
        if self._unmade is not None:
            with self._making:
                if self._unmade is not None:
                    posts, places = self._unmade
                    at = posts.__getitem__
                    self._by_tag = {key: set(map(at, where)) for key, where in places.items()}
                    self._unmade = None
        return self._by_tag

    def discard(self, relatives: Collection[str]) -> None:
        """Remove the posts at ``relatives`` (paths from the root), if here,
        keeping the order: the list is not sorted again."""
        ordered = self._ordered
        gone = {post for relative in relatives if (post := self._remove(relative)) is not None}
        if ordered is not None:
            self._ordered = [post for post in ordered if post not in gone] if gone else ordered

    def relatives(self) -> list[str]:
        """The paths from the root of every post here, in no order."""
        return list(self._posts)

    def absorb(self, part: BlogIndex, unless_gone: Collection[Path] = ()) -> None:
        """Take in the posts of ``part``, an index made elsewhere (a reading thread).

        A post already here and newer (read again since) is kept, and one
        whose path is in ``unless_gone`` is left out. ``part`` must not be
        used afterwards: its sets become this index's.
        """
        # What the two share, and what went meanwhile, is settled first, a
        # step for each; the rest is merged without a step in Python for each
        # post: at 100,000 posts this is what keeps the screen answering
        # while a blog loads.
        part.discard([relative_path(path, part.root) for path in unless_gone])
        self._languages = None
        if not self._posts:
            # Nothing to merge with (the first part of a reading): taken whole.
            self._posts, self._by_tag, self._unmade = part._posts, part._by_tag, part._unmade
            self._spellings, self._ordered = part._spellings, part._ordered
            return
        for relative in part._posts.keys() & self._posts.keys() if self._posts else ():
            if self._posts[relative].mtime_ns <= part._posts[relative].mtime_ns:
                self._remove(relative)
            else:
                part._remove(relative)
        ordered = self._ordered
        self._posts.update(part._posts)
        by_tag = self._tags()
        for key, posts in part._tags().items():
            if key in by_tag:
                by_tag[key] |= posts
                self._spellings[key].update(part._spellings[key])
            else:
                by_tag[key] = posts
                self._spellings[key] = part._spellings[key]
        if ordered is not None:
            # Two runs already sorted: merging them is linear. A part not
            # sorted yet is sorted alone first (a few posts read again, where
            # this index holds a whole blog): cheaper than sorting both.
            self._ordered = sorted(ordered + part.posts(), key=SORT_KEY, reverse=True)
        else:
            self._ordered = None

    def remove(self, path: Path) -> Post | None:
        return self._remove(relative_path(path, self.root))

    def remove_all(self, paths: Iterable[Path]) -> list[Post]:
        """Remove the posts at ``paths``, and every post under those that are
        folders (a path that is no post here may have been one); the posts removed.

        A burst of changes (a git checkout deleting thousands of page
        bundles) is a step for each path and for each post removed, and one
        sort of the paths, in C, when some are folders: looking through
        every post for each folder stood the app still for minutes.
        """
        removed: list[Post] = []
        folders: list[str] = []
        # Cut from the path's text: PurePath.relative_to parses both paths
        # again (0.1 s for 2,000 paths). Path has made its text "/"-joined
        # and without "." or empty parts, as relative_path would give it.
        inside = f"{self.root}{os.sep}" if os.sep == "/" else None
        for path in paths:
            text = str(path)
            if inside is not None and text.startswith(inside):
                relative = text[len(inside) :]
            else:
                relative = relative_path(path, self.root)
            post = self._remove(relative)
            if post is not None:
                removed.append(post)
            elif self._posts:
                folders.append(relative)
        if folders:
            names = sorted(self._posts)
            for folder in folders:
                prefix = "" if folder == "." else folder + "/"
                under = []
                at = bisect_left(names, prefix)  # no slice: a copy of the rest of the list
                while at < len(names) and names[at].startswith(prefix):
                    under.append(names[at])
                    at += 1
                # A folder inside another gone too: its posts went with the first.
                removed += [post for name in under if (post := self._remove(name)) is not None]
        return removed

    def _remove(self, relative: str) -> Post | None:
        post = self._posts.pop(relative, None)
        if post is None:
            return None
        by_tag = self._tags()
        for key, tag in post.labels:
            if key not in by_tag:
                continue  # the post had the tag twice, spelt two ways: gone with the first
            by_tag[key].discard(post)
            self._spellings[key][tag] -= 1
            if not by_tag[key]:
                del by_tag[key]
                del self._spellings[key]
        self._ordered = self._languages = None
        return post

    def posts(self) -> list[Post]:
        """All posts, newest first."""
        if self._ordered is None:
            self._ordered = sorted(self._posts.values(), key=SORT_KEY, reverse=True)
        return self._ordered

    def filter(self, tags: Iterable[str] = ()) -> list[Post]:
        """The posts that have every one of ``tags`` (keys), newest first."""
        keys = set(tags)
        if not keys:
            return self.posts()
        by_tag = self._tags()
        sets = [by_tag.get(key, set()) for key in keys]
        allowed = set.intersection(*sets)
        return [post for post in self.posts() if post in allowed]

    def _others(self, posts: Sequence[Post]) -> list[Post] | None:
        """The posts of the blog not in ``posts``, when ``posts`` are more than
        half of the blog's, each once; else None (they are counted themselves)."""
        everything = self._posts.values()
        if len(posts) * 2 <= len(everything):
            return None
        kept = set(posts)  # a post hashes by identity: three times quicker than by id()
        others = [post for post in everything if post not in kept]
        if len(kept) != len(posts) or len(everything) - len(others) != len(kept):
            return None  # a post twice, or one that is not (or no longer) the blog's
        return others

    def languages(self) -> dict[str, int]:
        """How many posts have each language (by its spelling, fr), made once
        a change from the tags' counts: a step for each tag, none for each post."""
        languages = self._languages
        if languages is None:
            unmade = self._unmade
            held: Mapping[str, Collection[object]] = (
                unmade[1] if unmade is not None else self._by_tag
            )
            languages = {
                self.tag_name(key): len(posts)
                for key, posts in held.items()
                if key.startswith(LANGUAGE_PREFIX)
            }
            self._languages = languages
        return languages

    def main_language(self, default: str | None = None) -> str | None:
        """The blog's own language (see `main_language`): its posts are not marked with it."""
        return main_language(self.languages(), len(self._posts), default)

    def tag_name(self, key: str) -> str:
        """The spelling of a tag that most posts use."""
        spellings = self._spellings.get(key)
        if not spellings:
            return key
        return max(spellings.items(), key=lambda item: (item[1], item[0]))[0]

    def tag_counts(self, posts: Sequence[Post] | None = None) -> list[TagCount]:
        """Each tag with the number of ``posts`` (default: all) that have it.

        Most used first, then alphabetically; tags none of the posts have are
        left out.
        """
        others = None if posts is None else self._others(posts)
        if posts is not None and others is None:
            counts = _counted(posts)
        else:
            unmade = self._unmade
            if unmade is not None:  # as many as the sets will hold
                counts = Counter({key: len(where) for key, where in unmade[1].items()})
            else:
                counts = Counter({key: len(posts) for key, posts in self._by_tag.items()})
            if others:
                # Most posts: the whole blog's counts less those of the few
                # others (a search for a common word keeps nearly all).
                gone = _counted(others)
                counts = Counter({key: n - gone[key] for key, n in counts.items() if n > gone[key]})
        return sorted(
            (TagCount(key, self.tag_name(key), count) for key, count in counts.items()),
            key=lambda tag: (-tag.count, tag.key),
        )


def _counted(posts: Iterable[Post]) -> Counter[str]:
    """How many of ``posts`` have each tag. Counted in C: at 10,000 posts, one
    Counter.update a post took 9 ms, this 4."""
    return Counter(chain.from_iterable(post.tag_keys for post in posts))
