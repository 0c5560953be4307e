"""A new post is written exactly as its site's generator wants it: the bytes,
the path, the warning and the draft mark, site by site."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.sites import make, sites_read_afresh  # noqa: F401 (a fixture)
from tui.blog import Blog
from tui.blog.conventions import Convention, detect, for_site

NOW = dt.datetime(2026, 12, 7, 10, 30, tzinfo=dt.UTC)


def write_new(
    folder: Path, tags: tuple[str, ...] = ("x",), with_site: bool = True
) -> tuple[str, str, int, Convention, bool]:
    """The new post's path (from ``folder``), text, body line, convention and draft state."""
    blog = Blog(folder)
    posts = blog.load().posts()
    convention = detect(posts, blog.site) if with_site else detect(posts)
    post, line = blog.new_post("A new one", now=NOW, tags=list(tags), convention=convention)
    return post.relative, (folder / post.relative).read_text("utf-8"), line, convention, post.draft


YAML_DRAFT = '---\ntitle: "A new one"\ndate: 2026-12-07\ntags: [x]\ndraft: true\n---\n\n'
ASTRO_WARNING = (
    "this site's collection schema has no draft field: the post is "
    "published at the next build until you add one"
)


@pytest.mark.parametrize(
    ("files", "opened", "path", "text", "warning"),
    [
        pytest.param(
            {"_config.yml": "title: x\n", "ab/notes.txt": "x\n"},
            "ab",
            "2026-12-07-a-new-one.md",
            '---\ntitle: "A new one"\ndate: 2026-12-07\ntags: [x]\npublished: false\n---\n\n',
            None,
            id="jekyll-opened-below-the-root-drafts-by-published-false",
        ),
        pytest.param(
            {"_config.yml": "title: x\n", "_posts/2024-01-01-one.md": "---\ntitle: One\n---\n"},
            "",
            "_drafts/a-new-one.md",
            '---\ntitle: "A new one"\ndate: 2026-12-07\ntags: [x]\n---\n\n',
            None,
            id="jekyll-at-the-root-drafts-folder",
        ),
        pytest.param(
            {"_config.yml": "new_post_name: :title.md\n", "source/_posts/.keep": ""},
            "source",
            "_drafts/a-new-one.md",
            '---\ntitle: "A new one"\ndate: 2026-12-07\ntags: [x]\n---\n\n',
            None,
            id="hexo-opened-at-source-drafts-folder-from-there",
        ),
        pytest.param(
            {"hugo.toml": 'baseURL = "https://example.org"\n', "content/posts/.keep": ""},
            "content",
            "posts/2026-12-07-a-new-one.md",
            YAML_DRAFT,
            None,
            id="hugo-opened-at-content-posts-folder-from-there",
        ),
        pytest.param(
            {
                "pelicanconf.py": "PATH = 'content'\n",
                "content/one.md": "---\ntitle: One\ndate: 2020-01-01\n---\nText\n",
            },
            "",
            "content/a-new-one.md",
            '---\ntitle: "A new one"\ndate: 2026-12-07\ntags: [x]\nstatus: draft\n---\n\n',
            None,
            id="pelican-with-yaml-posts-status-draft",
        ),
        pytest.param(
            {".eleventy.js": "module.exports = () => ({ dir: { input: 'src' } });\n"},
            "",
            "src/2026-12-07-a-new-one.md",
            '---\ntitle: "A new one"\ndate: 2026-12-07\ntags: [x]\npermalink: false\n'
            "eleventyExcludeFromCollections: true\n---\n\n",
            None,
            id="eleventy-without-drafts-out-of-the-build",
        ),
        pytest.param(
            {
                ".eleventy.js": (
                    "module.exports = (c) => { c.addGlobalData('eleventyComputed', "
                    "{ permalink: (d) => (d.draft ? false : d.permalink) });\n"
                    "  return { dir: { input: 'src' } }; };\n"
                )
            },
            "",
            "src/2026-12-07-a-new-one.md",
            YAML_DRAFT,
            None,
            id="eleventy-that-honours-draft",
        ),
        pytest.param(
            {
                "astro.config.mjs": "export default {}\n",
                "src/content/config.ts": (
                    "schema: z.object({\n  title: z.string(),\n  draft: z.boolean(),\n})\n"
                ),
                "src/content/blog/.keep": "",
            },
            "",
            "src/content/blog/2026-12-07-a-new-one.md",
            YAML_DRAFT,
            None,
            id="astro-with-a-draft-field",
        ),
        pytest.param(
            {
                "astro.config.mjs": "export default {}\n",
                "src/content/config.ts": "schema: z.object({\n  title: z.string(),\n})\n",
                "src/content/blog/.keep": "",
            },
            "",
            "src/content/blog/2026-12-07-a-new-one.md",
            '---\ntitle: "A new one"\ndate: 2026-12-07\ntags: [x]\n---\n\n',
            ASTRO_WARNING,
            id="astro-without-a-draft-field-is-told",
        ),
        pytest.param(
            {"astro.config.mjs": "export default {}\n", "src/content/blog/.keep": ""},
            "",
            "src/content/blog/2026-12-07-a-new-one.md",
            YAML_DRAFT,
            None,
            id="astro-whose-schema-is-not-read-keeps-draft-true",
        ),
        pytest.param(
            {"hugo.toml": 'baseURL = "https://example.org"\n'},
            "",
            "content/posts/2026-12-07-a-new-one.md",
            YAML_DRAFT,
            None,
            id="hugo-empty-draft-true",
        ),
    ],
)
def test_each_generator_gets_its_draft_mark_and_folder(
    tmp_path: Path,
    files: dict[str, str],
    opened: str,
    path: str,
    text: str,
    warning: str | None,
) -> None:
    make(tmp_path, files)
    relative, written, line, convention, _ = write_new(tmp_path / opened if opened else tmp_path)
    assert relative == path
    assert written == text
    assert line == text.count("\n")
    assert convention.warning == warning


def test_zola_without_tags_has_no_taxonomies_table(tmp_path: Path) -> None:
    make(
        tmp_path,
        {
            "config.toml": 'base_url = "https://example.org"\n',
            "content/blog/_index.md": '+++\ntitle = "Blog"\nsort_by = "date"\n+++\n',
        },
    )
    relative, written, line, _, draft = write_new(tmp_path, tags=())
    assert relative == "content/blog/2026-12-07-a-new-one.md"
    assert written == '+++\ntitle = "A new one"\ndate = 2026-12-07\ndraft = true\n+++\n\n'
    assert line == 6
    assert draft


def test_a_hugo_toml_archetype_is_read_as_toml(tmp_path: Path) -> None:
    make(
        tmp_path,
        {
            "hugo.toml": 'baseURL = "https://example.org"\n',
            "archetypes/default.md": (
                '+++\ntitle = "{{ .Name }}"\nauthor = "Me"\nsummary = "{{ .Summary }}"\n'
                'weight = "{{ .W }}"\n+++\nBody\n'
            ),
            "content/posts/one.md": '+++\ntitle = "One"\ndate = 2024-01-01\n+++\n',
        },
    )
    relative, written, line, convention, draft = write_new(tmp_path)
    assert relative == "content/posts/a-new-one.md"
    assert written == (
        '+++\ntitle = "A new one"\ndate = 2026-12-07\nauthor = "Me"\ntags = ["x"]\n'
        "draft = true\n+++\n\nBody\n"
    )
    assert line == 8
    assert convention.warning == (
        "archetypes/default.md: summary and weight left out of the new post, as template"
        " actions write them there (they are not run here)"
    )
    assert draft


def test_a_hexo_toml_scaffold_is_read_as_toml(tmp_path: Path) -> None:
    make(
        tmp_path,
        {
            "_config.yml": "title: x\n",
            "source/_posts/one.md": '+++\ntitle = "One"\ndate = 2024-01-01\n+++\n',
            "scaffolds/draft.md": '+++\ntitle = "{{ title }}"\ncomments = false\n+++\n',
        },
    )
    relative, written, _, convention, draft = write_new(tmp_path)
    assert relative == "source/_drafts/a-new-one.md"
    assert written == (
        '+++\ntitle = "A new one"\ndate = 2026-12-07\ncomments = false\ntags = ["x"]\n+++\n\n'
    )
    assert convention.warning is None
    assert draft


SHARING = (
    "---\ntitle: P{i}\ndate: 2024-01-0{i}\nlayout: post   \n"
    'author: "A: B" # note:\ntype: :x\ncomments:\n  - x\nlang: en{i}\n'
    "extra:\n  author: nested\n---\n"
)


def test_lines_every_recent_yaml_post_gives_are_shared(tmp_path: Path) -> None:
    make(tmp_path, {f"2024-01-0{i}-p.md": SHARING.format(i=i) for i in range(1, 4)})
    relative, written, line, convention, _ = write_new(tmp_path, with_site=False)
    assert convention.shared == ('author: "A: B" # note:', "layout: post", "type: :x")
    assert relative == "2026-12-07-a-new-one.md"
    assert written == (
        '---\ntitle: "A new one"\ndate: 2026-12-07\nauthor: "A: B" # note:\nlayout: post\n'
        "type: :x\ntags: [x]\ndraft: true\n---\n\n"
    )
    assert line == 10


@pytest.mark.parametrize(
    "files",
    [
        pytest.param(
            {f"2024-01-0{i}-p.md": SHARING.format(i=i) for i in range(1, 3)}, id="two-posts"
        ),
        pytest.param(
            {
                **{f"2024-01-0{i}-p.md": SHARING.format(i=i) for i in range(1, 4)},
                "2024-01-04-p.md": "---\ntitle: P4\ndate: 2024-01-04\n---\n",
            },
            id="one-post-without",
        ),
        pytest.param(
            {
                **{f"2024-01-0{i}-p.md": "---\nlayout: post\n---\n" for i in range(1, 3)},
                "2024-01-03-p.md": '+++\ntitle = """\nlayout: post\n"""\n+++\n',
            },
            id="one-toml-post",
        ),
    ],
)
def test_lines_not_every_post_of_three_yaml_ones_gives_are_not_shared(
    tmp_path: Path, files: dict[str, str]
) -> None:
    make(tmp_path, files)
    _, _, _, convention, _ = write_new(tmp_path, with_site=False)
    assert convention.shared == ()


@pytest.mark.parametrize(
    ("tags", "text", "line"),
    [
        ((), "Title: A new one\nDate: 2026-12-07\nStatus: draft\n\n", 4),
        (
            ("a,b", " c  d "),
            "Title: A new one\nDate: 2026-12-07\nTags: a b, c d\nStatus: draft\n\n",
            5,
        ),
    ],
)
def test_pelican_headers_exactly(tags: tuple[str, ...], text: str, line: int) -> None:
    convention = Convention(format="pelican", draft_key="status", layout="plain")
    assert convention.text("  A  new\tone ", NOW, tags) == (text, line)


@pytest.mark.parametrize(
    ("convention", "text"),
    [
        (
            Convention(draft_key="status"),
            '---\ntitle: "T"\ndate: 2026-12-07\ntags: []\nstatus: draft\n---\n\n',
        ),
        (
            Convention(draft_key="eleventy"),
            '---\ntitle: "T"\ndate: 2026-12-07\ntags: []\npermalink: false\n'
            "eleventyExcludeFromCollections: true\n---\n\n",
        ),
        (
            Convention(format="toml", draft_key="eleventy"),
            '+++\ntitle = "T"\ndate = 2026-12-07\ntags = []\npermalink = false\n'
            "eleventyExcludeFromCollections = true\n+++\n\n",
        ),
        (
            Convention(format="toml", taxonomies=True, draft_key="none"),
            '+++\ntitle = "T"\ndate = 2026-12-07\n+++\n\n',
        ),
    ],
)
def test_each_draft_mark_is_written_exactly(convention: Convention, text: str) -> None:
    assert convention.text("T", NOW) == (text, text.count("\n"))


def test_a_drafts_folder_unknown_leaves_the_name_alone() -> None:
    convention = Convention(draft_key="folder", folder="posts")
    assert convention.relative_path("A new one", NOW.date()) == "2026-12-07-a-new-one.md"


def test_a_learnt_convention_without_a_folder_takes_the_generators(tmp_path: Path) -> None:
    make(tmp_path, {"hugo.toml": 'baseURL = "https://example.org"\n'})
    site = Blog(tmp_path).site
    convention = for_site(Convention(layout="plain"), site)
    assert convention.relative_path("A new one", NOW.date()) == "content/posts/a-new-one.md"
    assert for_site(Convention(folder="blog"), site).folder == "blog"
