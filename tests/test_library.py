"""The blog library on its own: no terminal, no Textual."""

from __future__ import annotations

import datetime as dt
import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tui.blog import Blog, BlogError, BlogIndex, frontmatter, read_post
from tui.blog.display import printable
from tui.blog.encoding import decode
from tui.blog.files import atomic_write
from tui.blog.naming import slugify
from tui.blog.post import category_key, read_head, tag_key
from tui.blog.store import PostText
from tui.blog.walk import listed, stamp


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def test_the_library_imports_nothing_from_textual() -> None:
    code = "import sys, tui.blog, tui.blog.watch, tui.cli; print('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


def test_sample_blog_reads_as_four_french_posts(blog_dir: Path) -> None:
    index = Blog(blog_dir).load()
    posts = index.posts()
    assert [p.date.date().isoformat() if p.date else None for p in posts] == [
        "2010-11-08",
        "2010-10-25",
        "2010-06-02",
        "2010-03-18",
    ]
    assert all(not p.problems and not p.draft for p in posts)
    confidentiality = (blog_dir / posts[3].relative).read_text("utf-8")
    assert "peureux est celle d’une entreprise recroquevillée" in confidentiality
    assert (
        "\n> Les entreprises doivent être ouvertes, et réactives pour innover." in confidentiality
    )
    for post in posts:
        text = (blog_dir / post.relative).read_text("utf-8")
        assert "à\u00a0 " not in text and "author: BLOmiG" in text and "lang: fr" in text
        body = text.split("---\n", 2)[2]
        assert post.title not in body.splitlines()[1]  # the title is not repeated
    assert "«\u00a0moblog\u00a0»" in (blog_dir / posts[1].relative).read_text("utf-8")


@pytest.mark.parametrize(
    ("text", "fmt", "title", "body_line"),
    [
        ("---\ntitle: A\n---\nbody", "yaml", "A", 3),
        ("--- \ntitle: A\n---  \nbody", "yaml", "A", 3),
        ("---\ntitle: A\n...\nbody", "yaml", "A", 3),
        ("---\r\ntitle: A\r\n---\r\nbody", "yaml", "A", 3),
        ('+++\ntitle = "A"\n+++\nbody', "toml", "A", 3),
        ("---\n---\nbody", "yaml", None, 2),
        ("no front matter", None, None, 0),
    ],
)
def test_front_matter_is_found(
    text: str, fmt: str | None, title: str | None, body_line: int
) -> None:
    matter = frontmatter.split(text)
    assert matter.format == fmt
    assert matter.data.get("title") == title
    assert matter.body_line == body_line
    assert not matter.problems
    if fmt:
        assert text[matter.body_offset :] == "body"


def test_front_matter_problems_are_reported_not_raised() -> None:
    assert "not valid YAML" in frontmatter.split("---\nbad: [\n---\n").problems[0]
    assert "no closing ---" in frontmatter.split("---\ntitle: x\n").problems[0]
    assert "not valid TOML" in frontmatter.split("+++\nx = \n+++\n").problems[0]
    assert "not a list of" in frontmatter.split("---\n- a\n---\n").problems[0]
    matter = frontmatter.split("---\ntitle: T\ndate: 2018-02-31\n---\n")
    assert matter.data["title"] == "T"
    assert matter.problems == ("date: 2018-02-31 is not a real date",)


def test_title_falls_back_to_heading_then_file_name(tmp_path: Path) -> None:
    heading = write(tmp_path, "a.md", "---\ndate: 2020-01-01\n---\n\n# From the heading #\n")
    bare = write(tmp_path, "2019-3-4-bare.md", "just text\n")
    bundle = write(tmp_path, "my-trip/index.md", "text\n")
    number = write(tmp_path, "n.md", "---\ntitle: 2001\n---\n")
    assert read_post(heading, tmp_path).title == "From the heading"
    assert read_post(bare, tmp_path).title == "2019-3-4-bare.md"
    assert read_post(bare, tmp_path).date == dt.datetime(2019, 3, 4)
    assert read_post(bare, tmp_path).date_source == "file name"
    assert read_post(bundle, tmp_path).title == "my-trip"
    assert read_post(bundle, tmp_path).date_source == "modified"
    assert read_post(number, tmp_path).title == "2001"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2013-06-27 11:00:00 +0000", dt.datetime(2013, 6, 27, 11)),
        ('"2020-05-01"', dt.datetime(2020, 5, 1)),
        # The day as written, in the post's own offset: the 11th, as the generator shows it.
        ("2012-10-11T23:39:45-04:00", dt.datetime(2012, 10, 11, 23, 39, 45)),
        ("2015-10-01 01:00:00", dt.datetime(2015, 10, 1, 1)),
    ],
)
def test_dates_in_the_shapes_blogs_use(tmp_path: Path, value: str, expected: dt.datetime) -> None:
    post = read_post(write(tmp_path, "p.md", f"---\ndate: {value}\n---\n"), tmp_path)
    assert post.date == expected
    assert post.date_source == "front matter"


def test_dates_from_the_path(tmp_path: Path) -> None:
    post = read_post(write(tmp_path, "2021/07/14/fete/index.md", "x\n"), tmp_path)
    assert post.date == dt.datetime(2021, 7, 14)
    assert post.date_source == "path"


@pytest.mark.parametrize(
    ("front", "tags", "draft"),
    [
        ("tags: [a, B, b]", ("a", "B"), False),
        ("tags: a, b c", ("a", "b c"), False),
        ("tags: jekyll splits spaces", ("jekyll", "splits", "spaces"), False),
        ("tags:\n  - x\n  -\n  - 3", ("x", "3"), False),
        ('draft: "false"', (), False),
        ('draft: "true"', (), True),
        ("draft: yes", (), True),
        ("published: false", (), True),
    ],
)
def test_tags_and_drafts(tmp_path: Path, front: str, tags: tuple[str, ...], draft: bool) -> None:
    post = read_post(write(tmp_path, "p.md", f"---\n{front}\n---\n"), tmp_path)
    assert post.tags == tags
    assert post.draft is draft


def test_files_under_drafts_are_drafts(tmp_path: Path) -> None:
    assert read_post(write(tmp_path, "_drafts/x.md", "x\n"), tmp_path).draft


def test_index_filters_by_all_tags_and_counts_what_is_left(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "---\ntags: [Python, Été]\ndate: 2020-01-03\n---\n")
    write(tmp_path, "b.md", "---\ntags: [python]\ndate: 2020-01-02\n---\n")
    write(tmp_path, "c.md", "---\ntags: [été, rust]\ndate: 2020-01-01\n---\n")
    index = Blog(tmp_path).load()
    assert [p.relative for p in index.filter([tag_key("PYTHON")])] == ["a.md", "b.md"]
    assert [p.relative for p in index.filter(["python", tag_key("ÉTÉ")])] == ["a.md"]
    assert index.filter(["python", "rust"]) == []
    counts = {tag.name: tag.count for tag in index.tag_counts()}
    # Ties between spellings go the same way on every machine.
    assert counts == {"été": 2, "python": 2, "rust": 1}
    left = index.tag_counts(index.filter(["rust"]))
    assert [(tag.key, tag.count) for tag in left] == [("rust", 1), ("été", 1)]
    index.remove(tmp_path / "c.md")
    assert "rust" not in {tag.key for tag in index.tag_counts()}
    assert len(BlogIndex(tmp_path, index.posts())) == 2


def test_counts_of_most_of_the_posts_are_those_of_the_posts_themselves(tmp_path: Path) -> None:
    # Counted as the whole blog's less the few others: the same counts.
    for number in range(12):
        tags = ["tous"] + (["pair"] if number % 2 == 0 else []) + (["seul"] if number == 5 else [])
        write(tmp_path, f"{number:02}.md", f"---\ntags: [{', '.join(tags)}]\n---\n")
    blog = Blog(tmp_path)
    index = blog.load()

    def counted(posts: list[Any]) -> dict[str, int]:
        counts: dict[str, int] = {}
        for post in posts:
            for key in post.tag_keys:
                counts[key] = counts.get(key, 0) + 1
        return counts

    def counts(posts: list[Any]) -> dict[str, int]:
        return {tag.key: tag.count for tag in index.tag_counts(posts)}

    posts = index.posts()
    five = next(post for post in posts if post.relative == "05.md")
    for kept in (posts, posts[1:], posts[::-1][:7], [p for p in posts if p is not five]):
        assert counts(kept) == counted(kept)
    assert "seul" not in counts([p for p in posts if p is not five])  # none left: not listed
    twice = posts + posts[:1]  # one post twice: counted twice
    assert counts(twice) == counted(twice) and counts(twice)["tous"] == 13
    # A post replaced in the index since: the list's copy is counted, not the new one.
    stale = posts[:]
    write(tmp_path, "05.md", "---\ntags: [autre]\n---\n")
    index.add(read_post(tmp_path / "05.md", tmp_path))
    assert counts(stale) == counted(stale) == {"tous": 12, "pair": 6, "seul": 1}
    assert counts(index.posts()) == {"tous": 11, "pair": 6, "autre": 1}


def test_scan_finds_posts_in_subfolders_and_skips_machinery(tmp_path: Path) -> None:
    for name in ("a.md", "sub/b.markdown", "sub/deep/c.MD", "notes.txt", ".hidden.md"):
        write(tmp_path, name, "x\n")
    for skipped in (".git", "node_modules", "_site", "public", "themes", "_layouts"):
        write(tmp_path, f"{skipped}/x.md", "x\n")
    found = sorted(p.relative_to(tmp_path).as_posix() for p in Blog(tmp_path).scan())
    assert found == ["a.md", "sub/b.markdown", "sub/deep/c.MD"]


def test_save_is_atomic_keeps_permissions_and_writes_through_links(tmp_path: Path) -> None:
    real = write(tmp_path, "real.md", "old\n")
    real.chmod(0o604)
    link = tmp_path / "link.md"
    link.symlink_to(real)
    blog = Blog(tmp_path)
    saved, _post = blog.save(blog.open(link), "new\n")
    assert link.is_symlink()
    assert real.read_text() == "new\n"
    assert stat.S_IMODE(real.stat().st_mode) == 0o604
    assert saved.raw == b"new\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.md", "real.md"]


def test_a_failed_write_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    path = write(tmp_path, "p.md", "old\n")

    class Boom(Exception):
        pass

    def explode(*args: object, **kwargs: object) -> None:
        raise Boom

    original = os.replace
    os.replace = explode
    try:
        with pytest.raises(Boom):
            atomic_write(path, b"new\n")
    finally:
        os.replace = original
    assert path.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["p.md"]


def test_save_refuses_a_file_that_could_not_be_decoded(tmp_path: Path) -> None:
    path = tmp_path / "bad.md"
    path.write_bytes(b"caf\xe9\n")
    blog = Blog(tmp_path)
    with pytest.raises(BlogError, match="read-only"):
        blog.save(blog.open(path), "cafe\n")
    assert path.read_bytes() == b"caf\xe9\n"


def test_unchanged_text_gives_back_the_very_bytes() -> None:
    for raw in (b"\xef\xbb\xbfa\r\nb", "\ufeffa\r\n".encode("utf-16-le"), b"a\rb\nc\r\n"):
        document = PostText(Path("x.md"), raw, decode(raw))
        assert document.encode(document.text) == raw


def test_new_post_names_stay_in_the_folder(tmp_path: Path) -> None:
    blog = Blog(tmp_path)
    day = dt.datetime(2026, 1, 2, 9, 30)
    post, line = blog.new_post("../../etc/passwd", day)
    assert post.path.parent == tmp_path
    assert post.path.name == "2026-01-02-etc-passwd.md"
    again, _ = blog.new_post("../../etc/passwd", day)
    assert again.path.name == "2026-01-02-etc-passwd-2.md"
    assert post.draft and post.title == "../../etc/passwd" and post.tags == ()
    lines = post.path.read_text().split("\n")
    assert lines[line - 1] == "---" or lines[line - 1] == ""
    assert lines[line] == "" and len(lines) == line + 1
    with pytest.raises(BlogError):
        blog.new_post("   ", day)


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Confidentialité : cache-sexe des peureux !", "confidentialite-cache-sexe-des-peureux"),
        ("Œuvre & cœur", "oeuvre-coeur"),
        ("...", "untitled"),
        ("日本語", "untitled"),
        ("a" * 100, "a" * 60),
    ],
)
def test_slugify(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_printable_shows_control_characters() -> None:
    assert printable("a\x1b[31mb\x07\x9b") == "a␛[31mb␇\\x9b"
    assert printable("[bold]x[/bold]\tok") == "[bold]x[/bold]\tok"


@pytest.mark.parametrize(
    ("name", "text", "title", "tags", "categories"),
    [
        (
            "zola.md",
            '+++\ntitle = "Z"\ndate = 2021-03-04\n[taxonomies]\ntags = ["rust", "Web"]\n'
            'categories = ["Notes"]\n+++\nbody\n',
            "Z",
            ("rust", "Web"),
            ("Notes",),
        ),
        (
            "hugo.md",
            '{\n  "title": "J",\n  "tags": ["a"],\n  "params": {"x": 1}\n}\nbody {not json}\n',
            "J",
            ("a",),
            (),
        ),
        ("kw.md", "---\ntitle: K\nkeywords: one, two\n---\n", "K", ("one", "two"), ()),
        ("cat.md", "---\ncategory: News\ntags: [news]\n---\n", "cat.md", ("news",), ("News",)),
        ("statiq.md", "Title: S\nTags: [x]\n---\n# Heading\n", "S", ("x",), ()),
        ("number.md", "---\ntitle: 1.10\n---\n", "1.10", (), ()),
        ("day.md", "---\ntitle: 2001-01-01\n---\n", "2001-01-01", (), ()),
    ],
)
def test_dialects(
    tmp_path: Path,
    name: str,
    text: str,
    title: str,
    tags: tuple[str, ...],
    categories: tuple[str, ...],
) -> None:
    post = read_post(write(tmp_path, name, text), tmp_path)
    assert (post.title, post.tags, post.categories, post.problems) == (title, tags, categories, ())


def test_json_front_matter_leaves_the_body_alone() -> None:
    matter = frontmatter.split('{"title": "J"}\nBody {x}\n')
    assert matter.format == "json" and matter.data == {"title": "J"}
    assert matter.body_line == 1
    assert "not valid JSON" in frontmatter.split('{\n"title": \n}\n').problems[0]
    assert frontmatter.split("{% include x.html %}\ntext\n").format is None


def test_text_before_a_rule_is_not_front_matter() -> None:
    assert frontmatter.split("Just a sentence: really\nmore text\n---\nafter\n").format is None
    assert frontmatter.split("No key here\n---\n").format is None


def test_categories_never_merge_with_tags(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "---\ntags: [news]\ncategories: [News]\n---\n")
    write(tmp_path, "b.md", "---\ntags: [news]\n---\n")
    index = Blog(tmp_path).load()
    counts = {(tag.name, tag.is_category): tag.count for tag in index.tag_counts()}
    assert counts == {("news", False): 2, ("News", True): 1}
    assert [p.relative for p in index.filter([category_key("news")])] == ["a.md"]


def test_translations_and_section_pages(tmp_path: Path) -> None:
    write(tmp_path, "trip/index.md", "---\ntitle: Trip\n---\n")
    write(tmp_path, "trip/index.pt-br.md", "text\n")
    write(tmp_path, "_index.md", "+++\ntitle = 'Blog'\n+++\n")
    write(tmp_path, "section/_index.fr.md", "---\ntitle: Section\n---\n")
    posts = {p.relative: p for p in Blog(tmp_path).load().posts()}
    assert sorted(posts) == ["trip/index.md", "trip/index.pt-br.md"]
    assert posts["trip/index.pt-br.md"].language == "pt-br"
    assert posts["trip/index.pt-br.md"].translation_of == "trip/index.md"
    assert posts["trip/index.pt-br.md"].title == "trip"
    assert posts["trip/index.md"].language is None


def test_retag_writes_each_file_and_reports(blog_dir: Path) -> None:
    from tui.blog.retag import Retag, apply

    blog = Blog(blog_dir)
    index = blog.load()
    retag = Retag(tag_key("Apple"), "Apple", "apple-inc")
    posts = retag.posts(index)
    assert [p.path.name for p in posts] == [
        "2010-11-08-steve-jobs-stanford.md",
        "2010-10-25-la-revolution-mobile.md",
    ]
    (blog_dir / "2010-10-25-la-revolution-mobile.md").write_bytes(
        b"---\ntags: [Apple, \xff]\n---\n"
    )
    report = apply(blog, retag, posts, skip=())
    assert report.changed == [posts[0].path]
    assert report.failed[0][0] == posts[1].path and "not valid UTF-8" in report.failed[0][1]
    assert (blog_dir / "2010-10-25-la-revolution-mobile.md").read_bytes().endswith(b"\xff]\n---\n")
    skipped = apply(
        blog, Retag(tag_key("vidéo"), "vidéo", "video"), posts[:1], skip=[posts[0].path]
    )
    assert skipped.failed == [(posts[0].path, "it has unsaved changes in the editor")]


def test_retag_leaves_read_only_and_rewritten_posts_as_they_are(
    blog_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A blog-wide rename writes as a save does: never over a read-only post
    nor over a file another program rewrote after it was read."""
    from tui.blog import store
    from tui.blog.retag import Retag, apply

    blog = Blog(blog_dir)
    index = blog.load()
    retag = Retag(tag_key("Apple"), "Apple", "apple-inc")
    newest, older = retag.posts(index)
    newest.path.chmod(0o444)
    before = newest.path.read_bytes()
    opened = store.Blog.open

    def open_then_rewritten(self: Blog, path: Path) -> store.PostText:
        document = opened(self, path)
        if path == older.path:  # another program writes it as the rename goes
            path.write_bytes(document.raw.replace(b"Apple", b"Pomme"))
        return document

    monkeypatch.setattr(store.Blog, "open", open_then_rewritten)
    report = apply(blog, retag, [newest, older])
    assert report.changed == []
    assert report.failed == [
        (newest.path, "it is read-only"),
        (older.path, "another program changed it as it was being written"),
    ]
    assert newest.path.read_bytes() == before
    assert b"Pomme" in older.path.read_bytes() and b"apple-inc" not in older.path.read_bytes()


def test_posts_are_ordered_by_date_then_path_newest_first(tmp_path: Path) -> None:
    """The order (datetime, path) gives, whatever the dates' shapes: a second
    with and without its fraction, a time zone (the time as written, in the
    post's own offset: the day the generator shows), the same date on two
    paths, no date at all."""
    dates = {
        "a.md": "2020-01-01T10:00:00",
        "b.md": "2020-01-01T10:00:00.5",
        "c.md": "2020-01-01T10:00:00",
        "d.md": "2020-01-01T11:30:00+02:00",  # 11:30 as written
        "e.md": "0999-12-31",
        "f.md": "2020-01-01",
        "z/a.md": "2020-01-01T10:00:00",
    }
    for name, date in dates.items():
        write(tmp_path, name, f"---\ndate: {date}\n---\n")
    write(tmp_path, "g.md", "---\ntitle: No date\n---\n")
    os.utime(tmp_path / "g.md", (0, 0))  # its date is then the file's, 1970
    posts = list(Blog(tmp_path).read(Blog(tmp_path).scan()))
    expected = sorted(posts, key=lambda post: (post.date, post.relative), reverse=True)
    assert [post.relative for post in expected] == [
        "d.md", "b.md", "z/a.md", "c.md", "a.md", "f.md", "g.md", "e.md"
    ]  # fmt: skip
    assert BlogIndex(tmp_path, posts).posts() == expected


def test_absorbing_parts_read_elsewhere_equals_adding_each_post(tmp_path: Path) -> None:
    for number in range(30):
        tags = ", ".join(f"T{tag}" if number % 2 else f"t{tag}" for tag in range(number % 4))
        write(tmp_path, f"sub{number % 3}/p{number}.md", f"---\ntags: [{tags}]\n---\n")
        os.utime(tmp_path / f"sub{number % 3}/p{number}.md", (number * 86400, number * 86400))
    posts = list(Blog(tmp_path).read(Blog(tmp_path).scan()))
    whole = BlogIndex(tmp_path, posts)

    merged = BlogIndex(tmp_path)
    for start in (0, 7, 19):  # parts as a reading thread hands them over, each sorted
        part = BlogIndex(tmp_path, posts[start : {0: 7, 7: 19, 19: 30}[start]])
        part.posts()
        merged.absorb(part)
    assert merged.posts() == whole.posts()
    assert merged.tag_counts() == whole.tag_counts()
    assert merged.filter(["t1", "t2"]) == whole.filter(["t1", "t2"])


def test_adding_a_batch_equals_adding_each_post(tmp_path: Path) -> None:
    """Spellings included: "Rust" on two posts, "rust" on one, is "Rust"."""
    for number in range(12):
        spelling = "rust" if number == 5 else "Rust"
        write(tmp_path, f"p{number}.md", f"---\ntags: [{spelling}, t{number % 3}]\n---\n")
    posts = list(Blog(tmp_path).read(Blog(tmp_path).scan()))
    one_by_one = BlogIndex(tmp_path, posts)
    batched = BlogIndex(tmp_path)
    batched.add_all(posts[:5])
    batched.add_all(posts[5:])
    assert batched.posts() == one_by_one.posts()
    assert batched.tag_counts() == one_by_one.tag_counts()
    assert {tag.name for tag in batched.tag_counts()} == {"Rust", "t0", "t1", "t2"}
    # A batch that reads some posts again, one of them twice, replaces them.
    again = list(Blog(tmp_path).read([tmp_path / "p0.md", tmp_path / "p1.md", tmp_path / "p0.md"]))
    batched.add_all(again)
    assert len(batched) == 12
    by_name = {post.relative: post for post in posts} | {"p0.md": again[2], "p1.md": again[1]}
    assert set(batched.filter(["t0"])) == {post for post in by_name.values() if "t0" in post.tags}
    assert {tag.key: tag.count for tag in batched.tag_counts()} == {
        tag.key: tag.count for tag in one_by_one.tag_counts()
    }
    assert batched.get(tmp_path / "p0.md") is again[2]


def test_absorbing_a_part_that_shares_posts_with_the_index_counts_each_once(
    tmp_path: Path,
) -> None:
    """As at a next start: the list holds the glimpse's posts when the
    reading hands over the whole blog, those posts read again among it."""
    for number in range(6):
        write(tmp_path, f"p{number}.md", f"---\ntags: [t{number % 2}, all]\n---\n")
    posts = list(Blog(tmp_path).read(Blog(tmp_path).scan()))
    whole = BlogIndex(tmp_path, posts)
    index = BlogIndex(tmp_path, whole.posts()[:2])
    index.posts()
    again = list(Blog(tmp_path).read(Blog(tmp_path).scan()))  # other objects, same readings
    part = BlogIndex(tmp_path, again)
    part.posts()
    index.absorb(part)
    assert [post.relative for post in index.posts()] == [post.relative for post in whole.posts()]
    assert index.tag_counts() == whole.tag_counts()
    assert set(index.filter(["all"])) == set(again)


def test_absorbing_keeps_newer_readings_and_what_was_deleted_meanwhile(tmp_path: Path) -> None:
    for name in ("a.md", "b.md", "c.md"):
        write(tmp_path, name, "---\ntags: [old]\n---\n")
    blog = Blog(tmp_path)
    old = {post.relative: post for post in blog.read(blog.scan())}
    write(tmp_path, "a.md", "---\ntags: [new]\n---\n")
    os.utime(tmp_path / "a.md", ns=(0, old["a.md"].mtime_ns + 1_000_000_000))
    index = BlogIndex(tmp_path, [read_post(tmp_path / "a.md", tmp_path)])  # the watcher was quicker
    index.absorb(BlogIndex(tmp_path, old.values()), unless_gone={tmp_path / "c.md"})
    assert sorted(post.relative for post in index.posts()) == ["a.md", "b.md"]
    assert index.get(tmp_path / "a.md").tags == ("new",)  # type: ignore[union-attr]
    assert {tag.name: tag.count for tag in index.tag_counts()} == {"new": 1, "old": 1}


def test_a_post_is_read_whole_whatever_size_it_was_listed_at(tmp_path: Path) -> None:
    """The stamp a listing gave is taken, not stat'ed again; the bytes are
    what the file holds when it is read, grown or shrunk since."""
    path = tmp_path / "post.md"
    text = "---\ntitle: Grown\n---\n\n" + "Une ligne de plus.\n" * 20_000  # past any one read
    path.write_text(text, "utf-8")
    listed = (10, 1_000, 2_000, 3)  # a listing's stamp, from before the post grew
    post = read_post(path, tmp_path, "post.md", listed)
    assert post.stamp == listed and post.size == 10 and post.mtime_ns == 1_000
    assert post.title == "Grown"
    assert read_head(path) == (text.encode(), len(text))
    path.write_text("---\ntitle: Shrunk\n---\n", "utf-8")
    assert read_post(path, tmp_path, "post.md", listed).title == "Shrunk"
    assert read_post(path, tmp_path).stamp == stamp(os.stat(path))


def test_a_listing_can_say_which_files_are_links_and_stamps_what_they_point_to(
    tmp_path: Path,
) -> None:
    (tmp_path / "a.md").write_text("# A\n", "utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "link.md").symlink_to(tmp_path / "a.md")
    (tmp_path / "gone.md").symlink_to(tmp_path / "nowhere.md")
    links: set[str] = set()
    with_links = dict(file for part in listed(str(tmp_path), [], links=links) for file in part)
    assert links == {"sub/link.md", "gone.md"}
    assert with_links == dict(file for part in listed(str(tmp_path), []) for file in part)
    assert with_links["a.md"] == with_links["sub/link.md"] == stamp(os.stat(tmp_path / "a.md"))
    assert with_links["gone.md"] is None  # read, to say why it cannot be


def test_a_listing_can_keep_some_files_and_stat_only_those(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("a.md", "b.md", "c.md", "sub/d.md"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("# Post\n", "utf-8")
    stat_ed: list[str] = []
    real_stat = os.stat

    def counted(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        stat_ed.append(os.fsdecode(path))
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", counted)
    kept = [file for part in listed(str(tmp_path), [], keep=lambda r: r != "b.md") for file in part]
    assert sorted(relative for relative, _ in kept) == ["a.md", "c.md", "sub/d.md"]
    assert all(current is not None for _, current in kept)
    assert sorted(os.path.basename(name) for name in stat_ed) == ["a.md", "c.md", "d.md"]
