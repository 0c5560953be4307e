"""The metadata cache: used only when a file is untouched, never stale."""

from __future__ import annotations

import dataclasses
import datetime as dt
import inspect
import os
from pathlib import Path

import pytest

from tui.blog import Blog, Post, read_post
from tui.blog.cache import PostCache
from tui.blog.cache_format import HEADER, VERSION
from tui.blog.index import BlogIndex, TagCount
from tui.blog.post import FIELDS
from tui.blog.rows import record_of
from tui.blog.survey import Survey

STEVE = "2010-11-08-steve-jobs-stanford.md"


@pytest.fixture(params=["listed here", "surveyed", "compared by the survey"])
def surveyed(request: pytest.FixtureRequest) -> str:
    """Files listed by this process, or by a child, which compares them with
    the cache itself when it is named (as the app's next starts do)."""
    return str(request.param)


def load(
    blog_dir: Path,
    reads: list[Path],
    monkeypatch: pytest.MonkeyPatch,
    surveyed: str = "listed here",
) -> dict[str, str]:
    """Titles by file, counting the files actually read."""

    def counting(path: Path, root: Path, relative: str | None = None) -> Post:
        reads.append(path)
        return read_post(path, root, relative)

    with monkeypatch.context() as patch:
        patch.setattr("tui.blog.store.read_post", counting)
        blog = Blog(blog_dir)
        cache = PostCache(blog.root)
        survey = None
        if surveyed == "surveyed":
            survey = Survey(blog.root)
        elif surveyed == "compared by the survey":
            survey = Survey(blog.root, cache.file)
        posts = [
            post for part in blog.read_parts(cache=cache, survey=survey) for post in part.posts()
        ]
        cache.save()
    assert len({post.relative for post in posts}) == len(posts)  # each once
    return {post.relative: post.title for post in posts}


def test_the_next_start_reads_only_what_changed(
    blog_dir: Path, monkeypatch: pytest.MonkeyPatch, surveyed: str
) -> None:
    first: list[Path] = []
    titles = load(blog_dir, first, monkeypatch)
    assert len(first) == 4
    again: list[Path] = []
    assert load(blog_dir, again, monkeypatch, surveyed) == titles
    assert again == []  # every post from the cache

    post = blog_dir / STEVE
    post.write_text(post.read_text("utf-8").replace("Steve Jobs @", "Jobs à"), "utf-8")
    edited: list[Path] = []
    assert load(blog_dir, edited, monkeypatch, surveyed)[STEVE] == "Jobs à Stanford"
    assert edited == [post]


def test_rename_delete_and_a_same_mtime_rewrite_are_seen(
    blog_dir: Path, monkeypatch: pytest.MonkeyPatch, surveyed: str
) -> None:
    load(blog_dir, [], monkeypatch)
    post = blog_dir / STEVE
    before = post.stat()
    # Another size, the same modification time: still read again.
    post.write_text(post.read_text("utf-8").replace("Stanford", "Stanford!"), "utf-8")
    os.utime(post, ns=(before.st_atime_ns, before.st_mtime_ns))
    reads: list[Path] = []
    assert load(blog_dir, reads, monkeypatch, surveyed)[STEVE] == "Steve Jobs @ Stanford!"
    assert reads == [post]
    os.rename(post, blog_dir / "renamed.md")
    (blog_dir / "2010-10-25-la-revolution-mobile.md").unlink()
    reads = []
    titles = load(blog_dir, reads, monkeypatch, surveyed)
    assert reads == [blog_dir / "renamed.md"]
    assert sorted(titles) == [
        "2010-03-18-confidentialite-cache-sexe-des-peureux.md",
        "2010-06-02-les-deux-types-de-community-managers.md",
        "renamed.md",
    ]


def test_a_damaged_cache_is_ignored(blog_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load(blog_dir, [], monkeypatch)
    PostCache(Blog(blog_dir).root).file.write_text("{not json", "utf-8")
    reads: list[Path] = []
    assert len(load(blog_dir, reads, monkeypatch)) == 4
    assert len(reads) == 4


def test_an_unchanged_blog_leaves_the_cache_file_alone(
    blog_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load(blog_dir, [], monkeypatch)
    file = PostCache(Blog(blog_dir).root).file
    written = file.stat().st_mtime_ns
    os.utime(file, ns=(written - 10**9, written - 10**9))
    load(blog_dir, [], monkeypatch)
    assert file.stat().st_mtime_ns == written - 10**9  # not written again
    (blog_dir / STEVE).unlink()
    load(blog_dir, [], monkeypatch)
    assert file.stat().st_mtime_ns != written - 10**9  # one post fewer: written
    reads: list[Path] = []
    assert len(load(blog_dir, reads, monkeypatch)) == 3
    assert reads == []


def test_posts_in_subfolders_come_back_from_the_cache_as_they_were(
    tmp_path: Path, surveyed: str
) -> None:
    for name in ("a.md", "2019/05/b.md", "deep/er/c.markdown"):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\ntitle: {name}\ntags: [x, Y]\ndate: 2019-05-01\n---\nbody\n")

    def read() -> list[Post]:
        blog = Blog(tmp_path)
        cache = PostCache(blog.root)
        survey = None
        if surveyed != "listed here":
            survey = Survey(blog.root, cache.file if surveyed == "compared by the survey" else None)
        posts = sorted(
            (post for part in blog.read_parts(cache=cache, survey=survey) for post in part.posts()),
            key=lambda post: post.relative,
        )
        cache.save()
        return posts

    first, again = read(), read()
    assert [post.relative for post in again] == ["2019/05/b.md", "a.md", "deep/er/c.markdown"]
    for read_post_, cached in zip(first, again, strict=True):
        assert cached is not read_post_
        assert cached.path == read_post_.path == tmp_path / cached.relative
        assert (cached.title, cached.date, cached.tags, cached.sort_key) == (
            read_post_.title,
            read_post_.date,
            read_post_.tags,
            read_post_.sort_key,
        )
        assert cached.tag_keys == read_post_.tag_keys


def many_posts(folder: Path, count: int) -> list[tuple[Post, tuple[int, int, int, int]]]:
    """Posts with tags spelt in more than one way, some with categories, and
    their stamps: what a reading hands the cache."""
    return [
        (
            Post(
                folder / f"{number}.md",
                f"{number}.md",
                f'Post "{number}", été',
                dt.datetime(2020, 1, 1) + dt.timedelta(hours=number % 500),
                "front matter",
                # Some have a tag twice, spelt two ways: one post, once in the counts.
                ("a", "B" if number % 3 else "b", f"t{number % 7}", *("A",) * (number % 11 == 0)),
                number % 2 == 0,
                categories=("Notes",) if number % 5 == 0 else (),
                size=number,
            ),
            (number, number, number, number),
        )
        for number in range(count)
    ]


def test_the_cache_gives_back_the_index_as_a_reading_makes_it(tmp_path: Path) -> None:
    posts = many_posts(tmp_path, 2_007)
    stamps = {post.relative: current for post, current in posts}
    PostCache(tmp_path).save([post for post, _ in reversed(posts)], stamps)  # in any order
    again = PostCache(tmp_path)
    again.load()
    assert again.size == len(posts)
    restored, restored_stamps = again.restore(lambda relative: tmp_path / relative)
    assert restored_stamps == stamps
    made = BlogIndex(tmp_path, [post for post, _ in posts])
    assert [p.relative for p in restored.posts()] == [p.relative for p in made.posts()]
    # The sidebar's counts, before the sets are made, then after.
    assert restored.tag_counts() == made.tag_counts()
    assert restored.tag_counts()[0] == TagCount("a", "a", len(posts))
    for tags in (["a"], ["b", "t3"], ["category:notes"], ["t1", "category:notes"], ["nope"]):
        assert [p.relative for p in restored.filter(tags)] == [
            p.relative for p in made.filter(tags)
        ]
    cached = restored.get(tmp_path / "12.md")
    assert cached is not None
    assert (cached.title, cached.draft, cached.size, cached.path) == (
        'Post "12", été',
        True,
        12,
        tmp_path / "12.md",
    )
    # A post left out keeps the rest in order, and in the tags' counts.
    restored.discard(["12.md", "22.md", "not-there.md"])
    made.remove(tmp_path / "12.md")
    made.remove(tmp_path / "22.md")
    assert [p.relative for p in restored.posts()] == [p.relative for p in made.posts()]
    assert restored.tag_counts() == made.tag_counts()


@pytest.mark.parametrize(
    "damage",
    ["truncated", "one byte changed", "another Python", "an old version", "not marshal"],
)
def test_a_cache_damaged_or_from_elsewhere_is_not_used(tmp_path: Path, damage: str) -> None:
    posts = many_posts(tmp_path, 50)
    cache = PostCache(tmp_path)
    cache.save([post for post, _ in posts], {post.relative: current for post, current in posts})
    data = cache.file.read_bytes()
    if damage == "truncated":
        data = data[: len(data) // 2]
    elif damage == "one byte changed":
        data = data[:-100] + bytes([data[-100] ^ 1]) + data[-99:]
    elif damage == "another Python":
        data = data.replace(b"python ", b"python x", 1)
    elif damage == "an old version":
        data = data.replace(HEADER, HEADER.replace(b"cache %d" % VERSION, b"cache 1"), 1)
    else:
        data = HEADER + bytes(20) + b"{not marshal"
    cache.file.write_bytes(data)
    again = PostCache(tmp_path)
    again.load()
    assert again.size == 0
    restored, stamps = again.restore(lambda relative: tmp_path / relative)
    assert (len(restored), stamps) == (0, {})


def test_every_post_of_the_real_blogs_comes_back_from_the_cache_field_for_field(
    corpora: Path, tmp_path: Path
) -> None:
    """The cache builds posts by a way of its own (``Post.known``): each must
    be the post a reading makes, down to what the index and the sort use."""
    blog = Blog(corpora)
    cache = PostCache(blog.root, tmp_path)
    read = {post.relative: post for part in blog.read_parts(cache=cache) for post in part.posts()}
    cache.save()
    again = {
        post.relative: post
        for part in blog.read_parts(cache=PostCache(blog.root, tmp_path))
        for post in part.posts()
    }
    assert len(again) == len(read) > 20
    for relative, post in read.items():
        cached = again[relative]
        assert cached is not post
        assert cached.stamp is None  # the reading knows it: the stamp the row was kept with
        assert cached.labels == post.labels
        assert cached.tag_keys == post.tag_keys
        assert {**vars(cached), "stamp": post.stamp} == vars(post), relative
        assert cached.day == post.day


def test_a_post_from_the_cache_is_made_whole_when_first_asked_for(tmp_path: Path) -> None:
    read = Post(
        tmp_path / "a.md",
        "a.md",
        "A",
        dt.datetime(2020, 5, 1),
        "front matter",
        ("x",),
        True,
        categories=("Notes",),
        language="fr",
        problems=("odd date",),
        size=7,
    )
    asked: list[str] = []

    def path_of(relative: str) -> Path:
        asked.append(relative)
        return tmp_path / relative

    deferred = Post.deferred(path_of, "a.md", record_of(read))
    assert deferred.sort_key == read.sort_key and asked == []  # nothing else made yet
    # What the index and writing the cache again need, still without making it.
    assert deferred.labels == read.labels
    assert deferred.record == record_of(read) and asked == []
    # Fields with defaults come from the record, not from the class.
    assert (deferred.categories, deferred.language, deferred.problems) == (
        ("Notes",),
        "fr",
        ("odd date",),
    )
    assert asked == ["a.md"]
    assert deferred.record is None
    assert {**vars(deferred), "labels": read.labels} == vars(read)
    with pytest.raises(AttributeError):
        getattr(deferred, "no_such_field")  # noqa: B009
    assert dataclasses.replace(deferred, title="B").categories == ("Notes",)
    assert Post(tmp_path / "b.md", "b.md", "B", None, "modified", (), False).categories == ()


def test_posts_restored_and_never_shown_are_written_back_as_they_were(tmp_path: Path) -> None:
    posts = many_posts(tmp_path, 30)
    stamps = {post.relative: current for post, current in posts}
    PostCache(tmp_path).save([post for post, _ in posts], stamps)
    first = PostCache(tmp_path)
    first.load()
    restored, _ = first.restore(lambda relative: tmp_path / relative)
    assert all(post.record is not None for post in restored.posts())
    PostCache(tmp_path).save(restored.posts(), stamps)  # from their rows
    assert all(post.record is not None for post in restored.posts())  # still not made
    again = PostCache(tmp_path)
    again.load()
    twice, _ = again.restore(lambda relative: tmp_path / relative)
    originals = {post.relative: post for post, _ in posts}
    assert len(twice) == len(originals)
    for post in twice.posts():
        original = originals[post.relative]
        assert post.labels == original.labels
        assert post.title == original.title  # now made whole
        assert vars(post) == vars(original)


def test_a_record_holds_the_fields_in_the_order_known_takes_them(tmp_path: Path) -> None:
    """A deferred post finds its date, tags and categories in its record by
    their place in FIELDS, and known() takes the record as its arguments."""
    taken = list(inspect.signature(Post.known).parameters)[2:]  # after path, relative
    assert taken == ["date_text" if name == "date" else name for name in FIELDS]
    path = tmp_path / "post.md"
    path.write_text("---\ntitle: T\ndate: 2020-02-02\ntags: [a, B]\ncategories: [c]\n---\n")
    record = record_of(read_post(path, tmp_path))
    assert [record[FIELDS.index(name)] for name in ("tags", "categories")] == [["a", "B"], ["c"]]
