"""A whole blog's reading, exactly: the parts it comes in, what a cache
gives back and what it is left holding, and what a survey or workers
started beforehand contribute. The survey and the workers are stood in for
here by objects that answer as they do, so that each case is exact."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import pytest

from tui.blog import Blog, Post, cache_format, read_post, store
from tui.blog.cache import PostCache
from tui.blog.index import BlogIndex
from tui.blog.parallel import ParallelReader
from tui.blog.survey import Changes, Survey, SurveyLost
from tui.blog.walk import Listed, Stamp, listed, stamp


def write(folder: Path, name: str, title: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\ntitle: {title}\n---\n", "utf-8")
    return path


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The posts this process reads from their files, by path from the blog."""
    done: list[str] = []

    def counting(path: Path, root: Path, relative: str | None = None) -> Post:
        post = read_post(path, root, relative)
        done.append(post.relative)
        return post

    monkeypatch.setattr(store, "read_post", counting)
    return done


def reading(blog: Blog, **kwargs: Any) -> list[BlogIndex]:
    return list(blog.read_parts(**kwargs))


def titles(parts: list[BlogIndex]) -> dict[str, str]:
    posts = [post for part in parts for post in part.posts()]
    found = {post.relative: post.title for post in posts}
    assert len(found) == len(posts), "a post came twice"
    return found


def cache_of(blog: Blog, folder: Path) -> PostCache:
    return PostCache(blog.root, folder)


def stamps_now(root: Path) -> dict[str, Stamp | None]:
    return dict(file for part in listed(str(root), []) for file in part)


# Parts


def test_posts_come_in_parts_of_the_size_asked(tmp_path: Path) -> None:
    for number in range(5):
        write(tmp_path, f"p{number}.md", f"P{number}")
    parts = reading(Blog(tmp_path), size=2)
    assert [len(part) for part in parts] == [2, 2, 1]
    assert all(isinstance(part, BlogIndex) and part.root == tmp_path for part in parts)
    assert titles(parts) == {f"p{n}.md": f"P{n}" for n in range(5)}
    assert [len(part) for part in reading(Blog(tmp_path), size=5)] == [5]


def test_posts_come_in_parts_of_500_unless_told(tmp_path: Path) -> None:
    for number in range(501):
        (tmp_path / f"p{number}.md").write_text("x\n")
    assert [len(part) for part in reading(Blog(tmp_path), workers=0)] == [500, 1]


def test_an_empty_blog_comes_in_no_part(tmp_path: Path) -> None:
    assert reading(Blog(tmp_path)) == []


# The cache


def test_a_next_reading_takes_unchanged_posts_from_the_cache(
    tmp_path: Path, reads: list[str]
) -> None:
    root = tmp_path / "blog"
    for name in ("a.md", "sub/b.md", "sub/c.md", "d.md"):
        write(root, name, name.upper())
    blog = Blog(root)
    first = reading(blog, cache=(cache := cache_of(blog, tmp_path)))
    assert sorted(reads) == ["a.md", "d.md", "sub/b.md", "sub/c.md"]
    cache.save()
    reads.clear()
    again = reading(blog, cache=(cache := cache_of(blog, tmp_path)))
    assert reads == []
    assert len(again) == 1 and titles(again) == titles(first)
    assert again[0].get(root / "sub" / "b.md").path == root / "sub" / "b.md"  # type: ignore[union-attr]
    cache.save()

    write(root, "sub/b.md", "Changed")
    (root / "d.md").unlink()
    write(root, "e.md", "New")
    reads.clear()
    parts = reading(blog, cache=(cache := cache_of(blog, tmp_path)))
    assert sorted(reads) == ["e.md", "sub/b.md"]
    assert titles(parts) == {
        "a.md": "A.MD",
        "sub/b.md": "Changed",
        "sub/c.md": "SUB/C.MD",
        "e.md": "New",
    }
    cache.save()
    reads.clear()
    assert titles(reading(blog, cache=cache_of(blog, tmp_path))) == titles(parts)
    assert reads == []
    assert cache.stamps() == {
        relative: current for relative, current in stamps_now(root).items() if current is not None
    }


def test_a_cache_is_rewritten_only_when_what_it_holds_changed(tmp_path: Path) -> None:
    root = tmp_path / "blog"
    write(root, "a.md", "A")
    write(root, "b.md", "B")
    blog = Blog(root)
    cache = cache_of(blog, tmp_path)
    reading(blog, cache=cache)
    cache.save()
    file = cache.file
    then = file.stat().st_mtime_ns - 10**9
    os.utime(file, ns=(then, then))
    (cache := cache_of(blog, tmp_path))
    reading(blog, cache=cache)
    cache.save()
    assert file.stat().st_mtime_ns == then  # as it was: not written again
    (root / "b.md").unlink()
    reading(blog, cache=(cache := cache_of(blog, tmp_path)))
    cache.save()
    assert file.stat().st_mtime_ns != then
    kept = cache_format.read(file)
    assert kept is not None and kept.relatives == ["a.md"]


def test_a_cache_another_version_wrote_is_replaced(tmp_path: Path, reads: list[str]) -> None:
    root = tmp_path / "blog"
    path = write(root, "a.md", "A")
    blog = Blog(root)
    cache = cache_of(blog, tmp_path)
    cache.file.parent.mkdir(parents=True, exist_ok=True)
    current = stamp(os.stat(path))
    cache.file.write_bytes(cache_format.encode(["a.md"], [current], ([["a row"]], [], [])))
    assert titles(reading(blog, cache=cache)) == {"a.md": "A"}
    assert reads == ["a.md"]
    cache.save()
    reads.clear()
    assert titles(reading(blog, cache=cache_of(blog, tmp_path))) == {"a.md": "A"}
    assert reads == []  # the file now holds what this version reads


def test_an_unstatable_post_is_read_every_time_and_never_cached(
    tmp_path: Path, reads: list[str]
) -> None:
    root = tmp_path / "blog"
    write(root, "a.md", "A")
    (root / "broken.md").symlink_to(root / "nowhere.md")
    blog = Blog(root)
    for _ in range(2):
        cache = cache_of(blog, tmp_path)
        reads.clear()
        parts = reading(blog, cache=cache)
        cache.save()
        assert sorted(titles(parts)) == ["a.md", "broken.md"]
    assert reads == ["broken.md"]
    assert list(cache.stamps()) == ["a.md"]


def test_edited_posts_among_unchanged_ones_are_each_read(tmp_path: Path, reads: list[str]) -> None:
    root = tmp_path / "blog"
    for number in range(20):
        write(root, f"p{number:02}.md", f"Old {number}")
    blog = Blog(root)
    cache = cache_of(blog, tmp_path)
    reading(blog, cache=cache)
    cache.save()
    for number in range(0, 20, 2):
        write(root, f"p{number:02}.md", f"New {number}")
    reads.clear()
    parts = reading(blog, cache=cache_of(blog, tmp_path))
    assert sorted(reads) == [f"p{number:02}.md" for number in range(0, 20, 2)]
    assert titles(parts) == {
        f"p{n:02}.md": f"{'New' if n % 2 == 0 else 'Old'} {n}" for n in range(20)
    }


# A survey's listing


class FakeSurvey:
    """Lists the folder as the child does, or answers as told."""

    def __init__(
        self,
        root: Path,
        changes: Changes | None = None,
        unreadable: list[str] | None = None,
        lost_after: int | None = None,
    ) -> None:
        self.parts = [part for part in listed(str(root), [], most=1)]
        self._changes = changes
        self.unreadable = unreadable or []
        self.lost_after = lost_after
        self.listed = 0
        self.closed = 0

    def changes(self) -> Changes | None:
        return self._changes

    def files(self) -> Iterator[list[Listed]]:
        for number, part in enumerate(self.parts):
            if number == self.lost_after:
                raise SurveyLost("gone")
            self.listed += 1
            yield part

    def close(self) -> None:
        self.closed += 1


def surveyed(survey: FakeSurvey) -> Survey:
    return cast(Survey, survey)


def test_a_survey_lists_the_files_and_names_the_folders_it_could_not_read(
    tmp_path: Path,
) -> None:
    write(tmp_path, "a.md", "A")
    write(tmp_path, "sub/b.md", "B")
    survey = FakeSurvey(tmp_path, unreadable=["/x: Permission denied"])
    survey.parts[0] = [*survey.parts[0]]
    blog = Blog(tmp_path)
    blog.unreadable.append("from before")
    parts = reading(blog, survey=surveyed(survey))
    assert titles(parts) == {"a.md": "A", "sub/b.md": "B"}
    assert survey.listed == 2 and survey.closed == 1
    assert blog.unreadable == ["/x: Permission denied"]


def test_what_a_lost_survey_had_not_listed_is_listed_here_each_once(
    tmp_path: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("a.md", "b.md", "sub/c.md", "sub/d.md"):
        write(tmp_path, name, name)
    survey = FakeSurvey(tmp_path, lost_after=2)
    first_two = [relative for part in survey.parts[:2] for relative, _ in part]
    write(tmp_path, "locked/e.md", "e.md")
    real_scandir = os.scandir

    def scandir(path: Any) -> Any:
        if os.path.basename(os.fspath(path)) == "locked":
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    blog = Blog(tmp_path)
    parts = reading(blog, survey=surveyed(survey))
    assert sorted(titles(parts)) == ["a.md", "b.md", "sub/c.md", "sub/d.md"]
    assert sorted(reads) == ["a.md", "b.md", "sub/c.md", "sub/d.md"]
    assert reads[:2] == first_two
    assert survey.closed == 1
    assert blog.unreadable == [f"{tmp_path / 'locked'}: Permission denied"]


def test_a_post_that_links_to_another_in_the_blog_is_read_whole(tmp_path: Path) -> None:
    write(tmp_path, "sub/real.md", "Real")
    (tmp_path / "link.md").symlink_to(tmp_path / "sub" / "real.md")
    posts = {post.relative: post for part in reading(Blog(tmp_path)) for post in part.posts()}
    assert (posts["link.md"].title, posts["link.md"].problems) == ("Real", ())


def cached_blog(tmp_path: Path) -> tuple[Blog, Path]:
    root = tmp_path / "blog"
    for name in ("a.md", "b.md", "c.md"):
        write(root, name, name.upper())
    blog = Blog(root)
    cache = cache_of(blog, tmp_path)
    reading(blog, cache=cache)
    cache.save()
    return blog, root


def test_when_the_survey_compared_this_very_cache_its_word_is_taken(
    tmp_path: Path, reads: list[str]
) -> None:
    blog, root = cached_blog(tmp_path)
    reads.clear()
    cache = cache_of(blog, tmp_path)
    cache.load()
    none = Changes(cache.digest, [], [], ["/locked: Permission denied"])
    survey = FakeSurvey(root, none)
    parts = reading(blog, cache=cache, survey=surveyed(survey))
    assert titles(parts) == {"a.md": "A.MD", "b.md": "B.MD", "c.md": "C.MD"}
    assert len(parts) == 1
    assert survey.listed == 0  # no file listed again
    assert reads == []
    assert blog.unreadable == ["/locked: Permission denied"]
    file = cache.file
    then = file.stat().st_mtime_ns - 10**9
    os.utime(file, ns=(then, then))
    cache.save()
    assert file.stat().st_mtime_ns == then
    assert sorted(cache.stamps()) == ["a.md", "b.md", "c.md"]


def test_what_the_survey_says_changed_is_read_and_what_went_is_left_out(
    tmp_path: Path, reads: list[str]
) -> None:
    blog, root = cached_blog(tmp_path)
    reads.clear()
    write(root, "b.md", "Changed")
    write(root, "d.md", "New")
    (root / "c.md").unlink()
    cache = cache_of(blog, tmp_path)
    cache.load()
    now = stamps_now(root)
    changes = Changes(cache.digest, [("b.md", now["b.md"]), ("d.md", now["d.md"])], ["c.md"], [])
    survey = FakeSurvey(root, changes)
    parts = reading(blog, cache=cache, survey=surveyed(survey))
    assert titles(parts) == {"a.md": "A.MD", "b.md": "Changed", "d.md": "New"}
    assert sorted(reads) == ["b.md", "d.md"] and survey.listed == 0
    cache.save()
    assert cache.stamps() == now
    reads.clear()
    assert titles(reading(blog, cache=cache_of(blog, tmp_path))) == titles(parts)
    assert reads == []


def test_a_survey_that_compared_another_cache_is_not_taken_at_its_word(
    tmp_path: Path, reads: list[str]
) -> None:
    blog, root = cached_blog(tmp_path)
    reads.clear()
    write(root, "b.md", "Changed")
    cache = cache_of(blog, tmp_path)
    cache.load()
    stale = Changes(b"another cache", [], [], ["/said: of another"])
    survey = FakeSurvey(root, stale)
    parts = reading(blog, cache=cache, survey=surveyed(survey))
    assert titles(parts) == {"a.md": "A.MD", "b.md": "Changed", "c.md": "C.MD"}
    assert reads == ["b.md"]
    assert blog.unreadable == []


def test_a_survey_without_a_cache_only_lists(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "A")
    survey = FakeSurvey(tmp_path, Changes(b"", [], [], []))
    assert titles(reading(Blog(tmp_path), survey=surveyed(survey))) == {"a.md": "A"}
    empty = cache_of(Blog(tmp_path), tmp_path / "none")
    survey = FakeSurvey(tmp_path, Changes(b"", [], [], []))
    assert titles(reading(Blog(tmp_path), cache=empty, survey=surveyed(survey))) == {"a.md": "A"}


# Workers


class FakeReader:
    """Workers: those that read their shares of the folder (``found``), or
    those given the files to parse (``add``, then ``rest``)."""

    made: list[tuple[Path, int]] = []

    def __init__(self, root: Path, workers: int, found: list[list[Any]] | None = None) -> None:
        self.root = root
        self.reads_shares = found is not None
        self._found = found or []
        self.added: list[tuple[Path, str]] = []
        self._parsed: list[Post] = []
        self.closed = 0
        FakeReader.made.append((root, workers))

    def found(self, path_of: Any) -> Iterator[list[Any]]:
        for part in self._found:
            yield [(name, then, worker_post(path_of(name), name)) for name, then in part]

    slow = False
    """Whether no post is parsed until the listing is over (then one at a time)."""

    def add(self, path: Path, relative: str) -> list[Post]:
        self.added.append((path, relative))
        self._parsed.append(worker_post(path, relative))
        if len(self._parsed) < 2 or self.slow:
            return []
        done, self._parsed = self._parsed, []
        return done

    def rest(self) -> Iterator[list[Post]]:
        while self._parsed:
            yield [self._parsed.pop(0)] if self.slow else self._parsed
            self._parsed = self._parsed if self.slow else []

    def close(self) -> None:
        self.closed += 1


def worker_post(path: Path, relative: str) -> Post:
    post = read_post(path, path.parents[relative.count("/")], relative)
    post.title = f"{post.title} (worker)"
    return post


@pytest.fixture
def workers(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Path, int]]:
    """The workers started for a reading, as (folder, how many); from 3 files."""
    FakeReader.made = []
    monkeypatch.setattr(store, "ParallelReader", FakeReader)
    monkeypatch.setattr(store, "PARALLEL_FROM", 3)
    monkeypatch.setattr(store, "worker_count", lambda: 2)
    return FakeReader.made


def test_workers_parse_the_files_once_there_are_enough(
    tmp_path: Path, workers: list[tuple[Path, int]], reads: list[str]
) -> None:
    for name in ("a.md", "b.md", "c.md", "d.md", "sub/e.md"):
        write(tmp_path, name, name)
    blog = Blog(tmp_path)
    parts = list(blog.read_parts(size=2, workers=2))
    assert workers == [(tmp_path, 2)]
    assert reads == []
    assert titles(parts) == {
        name: f"{name} (worker)" for name in ("a.md", "b.md", "c.md", "d.md", "sub/e.md")
    }
    assert [len(part) for part in parts] == [2, 2, 1]


def test_workers_slower_than_the_listing_give_their_posts_in_parts_too(
    tmp_path: Path, workers: list[tuple[Path, int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(FakeReader, "slow", True)
    for name in ("a.md", "b.md", "c.md", "d.md", "e.md"):
        write(tmp_path, name, name)
    parts = list(Blog(tmp_path).read_parts(size=2, workers=2))
    assert [len(part) for part in parts] == [2, 2, 1]
    assert set(titles(parts).values()) == {f"{n}.md (worker)" for n in "abcde"}


def test_workers_are_started_as_many_as_the_machine_has_unless_told(
    tmp_path: Path, workers: list[tuple[Path, int]], reads: list[str]
) -> None:
    for name in ("a.md", "b.md", "c.md"):
        write(tmp_path, name, name)
    blog = Blog(tmp_path)
    for count in (0, 1):
        assert titles(reading(blog, workers=count)) == {n: n for n in ("a.md", "b.md", "c.md")}
    assert workers == []
    assert sorted(reads) == ["a.md", "a.md", "b.md", "b.md", "c.md", "c.md"]
    reads.clear()
    assert set(titles(reading(blog)).values()) == {
        "a.md (worker)",
        "b.md (worker)",
        "c.md (worker)",
    }
    assert workers == [(tmp_path, 2)] and reads == []


def test_fewer_files_than_it_takes_are_read_here(
    tmp_path: Path, workers: list[tuple[Path, int]], reads: list[str]
) -> None:
    write(tmp_path, "a.md", "A")
    write(tmp_path, "b.md", "B")
    assert titles(reading(Blog(tmp_path), workers=4)) == {"a.md": "A", "b.md": "B"}
    assert workers == [] and sorted(reads) == ["a.md", "b.md"]


def test_workers_started_beforehand_are_given_the_files_then_stopped(
    tmp_path: Path, workers: list[tuple[Path, int]], reads: list[str]
) -> None:
    for name in ("a.md", "b.md", "c.md", "d.md"):
        write(tmp_path, name, name)
    early = FakeReader(tmp_path, 0)
    workers.clear()
    parts = reading(Blog(tmp_path), workers=0, started=cast(ParallelReader, early))
    assert titles(parts) == {name: f"{name} (worker)" for name in ("a.md", "b.md", "c.md", "d.md")}
    assert sorted(relative for _, relative in early.added) == ["a.md", "b.md", "c.md", "d.md"]
    assert all(path == tmp_path / relative for path, relative in early.added)
    assert workers == [] and reads == []
    assert early.closed >= 1


def test_workers_that_read_their_shares_are_taken_at_their_word_where_it_holds(
    tmp_path: Path, workers: list[tuple[Path, int]], reads: list[str]
) -> None:
    for name in ("a.md", "b.md", "c.md", "d.md"):
        write(tmp_path, name, name)
    (tmp_path / "broken.md").symlink_to(tmp_path / "nowhere.md")
    now = stamps_now(tmp_path)
    old = (1, 2, 3, 4)
    shares = [
        [("a.md", now["a.md"]), ("c.md", now["c.md"])],
        [("b.md", old), ("gone.md", old), ("ghost.md", None), ("broken.md", None)],
    ]
    early = FakeReader(tmp_path, 0, shares)
    workers.clear()
    blog = Blog(tmp_path)
    cache = cache_of(blog, tmp_path / "cache")
    parts = list(
        blog.read_parts(size=2, cache=cache, workers=0, started=cast(ParallelReader, early))
    )
    assert titles(parts) == {
        "a.md": "a.md (worker)",
        "b.md": "b.md",
        "c.md": "c.md (worker)",
        "d.md": "d.md",
        "broken.md": "broken.md (worker)",
    }
    assert sorted(reads) == ["b.md", "d.md"]
    assert [len(part) for part in parts] == [2, 2, 1]  # b.md was read before an edit
    assert early.closed >= 1 and workers == []
    cache.save()
    assert cache.stamps() == {name: now[name] for name in ("a.md", "b.md", "c.md", "d.md")}


def test_workers_reading_shares_leave_what_the_cache_holds_alone(
    tmp_path: Path, workers: list[tuple[Path, int]], reads: list[str]
) -> None:
    for name in ("a.md", "b.md"):
        write(tmp_path / "blog", name, name)
    root = tmp_path / "blog"
    blog = Blog(root)
    cache = cache_of(blog, tmp_path)
    reading(blog, cache=cache, workers=0)
    cache.save()
    write(root, "b.md", "Changed")
    reads.clear()
    # A worker read a.md too: the cache's post is the one shown, once.
    early = FakeReader(root, 0, [[("a.md", stamps_now(root)["a.md"])]])
    parts = reading(
        blog, cache=cache_of(blog, tmp_path), workers=0, started=cast(ParallelReader, early)
    )
    assert titles(parts) == {"a.md": "a.md", "b.md": "Changed"}
    assert reads == ["b.md"]


def test_a_cache_another_version_wrote_is_replaced_by_what_workers_read(
    tmp_path: Path, workers: list[tuple[Path, int]], reads: list[str]
) -> None:
    root = tmp_path / "blog"
    path = write(root, "a.md", "A")
    blog = Blog(root)
    cache = cache_of(blog, tmp_path)
    cache.file.parent.mkdir(parents=True, exist_ok=True)
    current = stamp(os.stat(path))
    cache.file.write_bytes(cache_format.encode(["a.md"], [current], ([["a row"]], [], [])))
    early = FakeReader(root, 0, [[("a.md", current)]])
    parts = reading(blog, cache=cache, workers=0, started=cast(ParallelReader, early))
    assert titles(parts) == {"a.md": "A (worker)"} and reads == []
    cache.save()
    assert titles(reading(blog, cache=cache_of(blog, tmp_path))) == {"a.md": "A (worker)"}
    assert reads == []
