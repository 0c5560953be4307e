"""The site a folder is in: its generator, which files are posts, and each
field as that generator reads it; new posts its generator keeps as drafts."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tests.sites import make, posts_of, sites_read_afresh  # noqa: F401 (a fixture)
from tui.blog import Blog
from tui.blog.conventions import detect
from tui.blog.site import site_for
from tui.blog.site.config_files import python_assignments

JEKYLL = {
    "_config.yml": "title: A blog\nexclude:\n  - notes/\n",
    "_posts/2024-03-01-hello-world.md": "---\ntags: a b\ncategory: Elixir in Production\n---\nHi\n",
    "news/_posts/2024-03-02-second.md": "---\ntitle: Second\ndraft: true\n---\n",
    "_posts/2024-03-03-hidden.md": "---\ntitle: Hidden\npublished: false\n---\n",
    "_posts/undated.md": "---\ntitle: Undated\n---\n",
    "_drafts/idea.md": "---\ntitle: Idea\n---\n",
    "about.md": "---\ntitle: About\n---\n",
    "notes/todo.md": "---\ntitle: Excluded\n---\n",
    "_layouts/x.md": "layout\n",
}


def test_a_jekyll_site_is_read_as_jekyll_reads_it(tmp_path: Path) -> None:
    posts = posts_of(make(tmp_path, JEKYLL))
    assert Blog(tmp_path).site.name == "jekyll"
    hello = posts["_posts/2024-03-01-hello-world.md"]
    assert (hello.kind, hello.title, hello.day) == ("post", "Hello World", "2024-03-01")
    assert hello.tags == ("a", "b")  # a string of tags is split on spaces
    assert hello.categories == ("Elixir in Production",)  # `category` is one, spaces and all
    second = posts["news/_posts/2024-03-02-second.md"]
    assert second.categories == ("news",)  # the folder above _posts
    # Jekyll has no `draft` key: such a post is published, and the user is told.
    assert not second.draft
    assert any("Jekyll does not read this key" in problem for problem in second.problems)
    assert posts["_posts/2024-03-03-hidden.md"].draft  # published: false
    assert posts["_drafts/idea.md"].draft and posts["_drafts/idea.md"].kind == "post"
    # Pages, apart: a page, an excluded file, a file Jekyll skips in _posts.
    for page in ("about.md", "notes/todo.md", "_posts/undated.md"):
        assert posts[page].kind == "page", page
    ordered = Blog(tmp_path).load().posts()
    kinds = [post.kind for post in ordered]
    assert kinds == sorted(kinds, key=lambda kind: kind == "page")  # pages never above a post


def test_the_site_is_found_from_a_folder_inside_it(tmp_path: Path) -> None:
    make(tmp_path, JEKYLL)
    blog = Blog(tmp_path / "_posts")
    assert blog.site.name == "jekyll" and blog.site.root == tmp_path
    post = posts_of(tmp_path / "_posts")["2024-03-01-hello-world.md"]
    assert post.kind == "post"


def test_a_folder_in_no_known_site_keeps_the_apps_own_rules(tmp_path: Path) -> None:
    make(tmp_path / "blog", {"a.md": "---\ntitle: A\ntags: x, y\ndraft: true\nkeywords: k\n---\n"})
    (tmp_path / "blog" / ".git").mkdir()  # the walk up stops at a repository
    make(tmp_path, {"_config.yml": "title: above the repository\n"})
    blog = Blog(tmp_path / "blog")
    assert blog.site.name == ""
    post = posts_of(tmp_path / "blog")["a.md"]
    assert (post.kind, post.tags, post.draft) == ("post", ("x", "y"), True)


HUGO = {
    "hugo.toml": 'baseURL = "https://example.org"\n[params]\nmainSections = ["blog"]\n',
    "content/_index.md": "---\ntitle: Home\n---\n",
    "content/blog/_index.md": "---\ntitle: Blog\n---\n",
    "content/blog/late.md": (
        "---\ntitle: Late\ndate: 2018-06-29 21:45:00-04:00\nkeywords: [seo, words]\n"
        "tags: [go]\n---\n"
    ),
    "content/blog/bundle/index.md": "---\ntitle: Bundle\ndate: 2020-01-01\n---\n",
    "content/blog/bundle/part.md": "---\ntitle: A resource\n---\n",
    "content/blog/headless/index.md": "---\ntitle: Headless\nheadless: true\n---\n",
    "content/docs/guide.md": "---\ntitle: Guide\ndate: 2021-01-01\n---\n",
    "archetypes/default.md": "---\ntitle: '{{ .Name }}'\n---\n",
    "layouts/_shortcodes/note.md": "{{ .Inner }}\n",
}


def test_a_hugo_site_is_read_as_hugo_reads_it(tmp_path: Path) -> None:
    posts = posts_of(make(tmp_path, HUGO))
    late = posts["content/blog/late.md"]
    # The day in the post's own offset, not a day late in UTC; keywords are no tags.
    assert (late.kind, late.day, late.tags) == ("post", "2018-06-29", ("go",))
    assert posts["content/blog/bundle/index.md"].kind == "post"
    assert "content/blog/_index.md" not in posts  # a section's page: not listed at all
    for page in (
        "content/blog/bundle/part.md",  # a bundle's resource
        "content/blog/headless/index.md",
        "content/docs/guide.md",  # not in mainSections
        "archetypes/default.md",
        "layouts/_shortcodes/note.md",
    ):
        assert posts[page].kind == "page", page


def test_hexo_categories_are_a_hierarchy_and_dates_come_from_new_post_name(
    tmp_path: Path,
) -> None:
    posts = posts_of(
        make(
            tmp_path,
            {
                "_config.yml": "new_post_name: :year-:month-:day-:title.md\n",
                "scaffolds/post.md": "---\ntitle: {{ title }}\n---\n",
                "source/_posts/2023-05-06-jdk.md": (
                    "---\ntitle: JDK\ncategories: [Java, JDK]\ntags: System Design\n---\n"
                ),
                "source/_posts/2023-05-07-two.md": (
                    "---\ncategories:\n  - [Diary, Life]\n  - Work\n---\n"
                ),
                "source/_posts/2023-05-08-one.md": "---\ncategories: System Design\n---\n",
                "source/_drafts/later.md": "---\ntitle: Later\n---\n",
                "source/about/index.md": "---\ntitle: About\n---\n",
            },
        )
    )
    assert Blog(tmp_path).site.name == "hexo"
    jdk = posts["source/_posts/2023-05-06-jdk.md"]
    assert jdk.categories == ("Java", "Java/JDK")  # JDK is Java's child, not its sibling
    assert jdk.tags == ("System Design",)  # one tag, spaces and all
    assert (jdk.day, jdk.date_source) == ("2023-05-06", "file name")
    two = posts["source/_posts/2023-05-07-two.md"]
    assert two.categories == ("Diary", "Diary/Life", "Work")
    assert two.title == "two"
    assert posts["source/_posts/2023-05-08-one.md"].categories == ("System Design",)
    assert posts["source/_drafts/later.md"].draft
    assert posts["source/about/index.md"].kind == "page"
    assert posts["scaffolds/post.md"].kind == "page"


def test_pelican_headers_status_and_categories(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    settings = (
        "import os\n"
        f"open({str(marker)!r}, 'w').write('the settings were run')\n"
        "SITENAME = 'A blog'\nPATH = 'content'\nDEFAULT_CATEGORY = 'misc'\n"
        "TIMEZONE = os.environ.get('TZ', 'UTC')\n"
    )
    posts = posts_of(
        make(
            tmp_path,
            {
                "pelicanconf.py": settings,
                "content/first.md": (
                    "Title: First post\nDate: 2016-05-08\nTags: a b, c\n\n# Heading\n"
                ),
                "content/python/second.md": (
                    "title: Second\ndate: 2016-05-09\nstatus: draft\n\nText\n"
                ),
                "content/third.md": "Title: Third\nCategory: Notes\nStatus: hidden\n\nText\n",
                "content/pages/about.md": "Title: About\n\nText\n",
            },
        )
    )
    assert not marker.exists()  # read as data, never run
    first = posts["content/first.md"]
    assert (first.title, first.day, first.tags, first.categories, first.draft) == (
        "First post", "2016-05-08", ("a b", "c"), ("misc",), False
    )  # fmt: skip
    second = posts["content/python/second.md"]
    assert (second.categories, second.draft) == (("python",), True)  # the folder is the category
    assert posts["content/third.md"].categories == ("Notes",)
    assert posts["content/third.md"].draft  # hidden: not in the article lists
    assert posts["content/pages/about.md"].kind == "page"
    problems: list[str] = []
    assert python_assignments(tmp_path / "pelicanconf.py", problems) == {
        "SITENAME": "A blog", "PATH": "content", "DEFAULT_CATEGORY": "misc"
    }  # fmt: skip
    assert problems == ["pelicanconf.py: not read, as they are not plain values: TIMEZONE"]


def test_astro_mkdocs_docusaurus_zola_and_eleventy_dates_and_posts(tmp_path: Path) -> None:
    astro = make(
        tmp_path / "astro",
        {
            "astro.config.mjs": "export default {}\n",
            "src/content.config.ts": (
                'const blog = defineCollection({ loader: glob({ base: "./content/blog" }),\n'
                "  schema: z.object({\n    title: z.string(),\n    pubDate: z.coerce.date(),\n"
                "  }) })\n"
            ),
            "content/blog/one.md": "---\ntitle: One\npubDate: 2022-07-08\ntags: a b\n---\n",
            "src/pages/about.md": "---\ntitle: About\n---\n",
        },
    )
    one = posts_of(astro)["content/blog/one.md"]
    assert (one.kind, one.day, one.date_source, one.tags) == (
        "post",
        "2022-07-08",
        "front matter",
        (),
    )
    assert posts_of(astro)["src/pages/about.md"].kind == "page"

    mkdocs = make(
        tmp_path / "mkdocs",
        {
            "mkdocs.yml": "site_name: x\nplugins:\n  - blog\n  - search\nextra: !ENV CI\n",
            "docs/blog/posts/one.md": (
                "---\ndate:\n  created: 2023-11-26\n---\n# From the heading\n"
            ),
            "docs/index.md": "# Home\n",
        },
    )
    posts = posts_of(mkdocs)
    assert (posts["docs/blog/posts/one.md"].day, posts["docs/blog/posts/one.md"].title) == (
        "2023-11-26", "From the heading"
    )  # fmt: skip
    assert posts["docs/index.md"].kind == "page"

    docusaurus = make(
        tmp_path / "docusaurus",
        {
            "docusaurus.config.ts": (
                "export default { presets: [['classic', { blog: { path: 'blog' } }]],\n"
                "  plugins: [['@docusaurus/plugin-content-blog',\n"
                "    { id: 'c', path: './community' }]] }\n"
            ),
            "blog/2021-08-26-welcome/index.mdx": "---\ntitle: Welcome\n---\nimport X from 'x';\n",
            "blog/_template/index.mdx": "---\ntitle: Template\n---\n",
            "community/2022/01/02/talk.md": "---\ntitle: Talk\nunlisted: true\n---\n",
            "docs/intro.md": "---\ntitle: Intro\n---\n",
        },
    )
    posts = posts_of(docusaurus)
    welcome = posts["blog/2021-08-26-welcome/index.mdx"]
    assert (welcome.kind, welcome.day) == ("post", "2021-08-26")  # .mdx, dated by its folder
    assert posts["community/2022/01/02/talk.md"].day == "2022-01-02"
    assert posts["blog/_template/index.mdx"].kind == "page"
    assert posts["docs/intro.md"].kind == "page"

    zola = make(
        tmp_path / "zola",
        {
            "config.toml": 'base_url = "https://example.org"\ncompile_sass = false\n',
            "content/blog/_index.md": '+++\ntitle = "Blog"\nsort_by = "date"\n+++\n',
            "content/blog/2024-02-08_hello.md": (
                '+++\ntitle = "Hello"\ntags = ["ignored"]\n[taxonomies]\ntags = ["rust"]\n+++\n'
            ),
            "content/pages/_index.md": '+++\ntitle = "Pages"\n+++\n',
            "content/pages/about.md": '+++\ntitle = "About"\n+++\n',
        },
    )
    posts = posts_of(zola)
    hello = posts["content/blog/2024-02-08_hello.md"]
    assert (hello.kind, hello.day, hello.tags) == ("post", "2024-02-08", ("rust",))
    assert posts["content/pages/about.md"].kind == "page"

    eleventy = make(
        tmp_path / "eleventy",
        {
            ".eleventy.js": (
                "module.exports = (c) => { c.addCollection('posts', (api) => api.getAll()"
                ".filter((p) => p.inputPath.startsWith('./src/blog/')));\n"
                "  return { dir: { input: 'src' } }; };\n"
            ),
            ".eleventyignore": "**/_*.md\n",
            "src/blog/one.md": (
                "---\ntitle: One\ndate: 2018-09-11 19:00:00\ntags: v8 release\n---\n"
            ),
            "src/blog/_draft.md": "---\ntitle: Ignored\n---\n",
            "src/docs/index.md": "---\ntitle: Docs\n---\n",
        },
    )
    posts = posts_of(eleventy)
    assert (posts["src/blog/one.md"].kind, posts["src/blog/one.md"].tags) == (
        "post", ("v8 release",)
    )  # fmt: skip
    assert posts["src/blog/_draft.md"].kind == "page"
    assert posts["src/docs/index.md"].kind == "page"


NOW = dt.datetime(2026, 12, 7, 10, 30, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("files", "path", "text"),
    [
        (
            JEKYLL,
            "_drafts/a-new-one.md",
            '---\ntitle: "A new one"\ndate: 2026-12-07\ntags: [x]\n---\n\n',
        ),
        (
            {
                "pelicanconf.py": "SITENAME = 'x'\nPATH = 'content'\n",
                "content/posts/one.md": "Title: One\nDate: 2016-05-08\n\nText\n",
            },
            "content/posts/a-new-one.md",
            "Title: A new one\nDate: 2016-05-08\nTags: x\nStatus: draft\n\n",
        ),
        (
            {
                "config.toml": 'base_url = "https://example.org"\n',
                "content/blog/_index.md": '+++\ntitle = "Blog"\nsort_by = "date"\n+++\n',
            },
            "content/blog/2026-12-07-a-new-one.md",
            '+++\ntitle = "A new one"\ndate = 2026-12-07\ndraft = true\n\n[taxonomies]\n'
            'tags = ["x"]\n+++\n\n',
        ),
    ],
)
def test_a_new_post_is_a_draft_its_generator_keeps_unpublished(
    tmp_path: Path, files: dict[str, str], path: str, text: str
) -> None:
    make(tmp_path, files)
    blog = Blog(tmp_path)
    convention = detect(blog.load().posts(), blog.site)
    post, _ = blog.new_post("A new one", now=NOW, tags=["x"], convention=convention)
    assert post.relative == path
    written = (tmp_path / path).read_text("utf-8")
    if "Date: 2016" in text:  # Pelican's date: the day of the new post
        text = text.replace("2016-05-08", "2026-12-07")
    assert written == text
    assert post.draft and post.kind == "post"


def test_an_astro_site_without_a_draft_field_is_told_so(tmp_path: Path) -> None:
    make(
        tmp_path,
        {
            "astro.config.mjs": "export default {}\n",
            "src/content/config.ts": "schema: z.object({\n  title: z.string(),\n})\n",
            "src/content/blog/one.md": "---\ntitle: One\ndate: 2020-01-01\n---\n",
        },
    )
    blog = Blog(tmp_path)
    convention = detect(blog.load().posts(), blog.site)
    assert convention.warning and "no draft field" in convention.warning
    assert convention.draft_key == "none"
    assert "no draft field" in str(blog.site.describe()["drafts"])


def test_a_changed_config_reads_the_site_again(tmp_path: Path) -> None:
    make(tmp_path, {"_config.yml": "title: x\n", "about.md": "---\ntitle: About\n---\n"})
    blog = Blog(tmp_path)
    blog.load()
    assert blog.site.name == "jekyll"
    assert [post.kind for post in blog.index.posts()] == ["page"]
    (tmp_path / "_config.yml").unlink()
    found, gone = blog.refresh([tmp_path / "_config.yml"])
    assert blog.site.name == ""
    assert ([post.kind for post in found], gone) == (["post"], [])


def test_blog_site_json_says_what_the_site_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tui.cli import main

    make(tmp_path, HUGO)
    assert main(["site", "--dir", str(tmp_path / "content"), "--json"]) == 0
    said = json.loads(capsys.readouterr().out)
    assert (said["generator"], said["root"], said["new_posts"]) == (
        "hugo", str(tmp_path), "content/blog"
    )  # fmt: skip
    assert main(["list", "--dir", str(tmp_path), "--json", "--kind", "page"]) == 0
    pages = json.loads(capsys.readouterr().out)
    assert {page["kind"] for page in pages} == {"page"} and len(pages) == 5


# The real sites, with the counts their generators give (../shared/corpora/sites/README.md).
SITE_POSTS = {
    "jekyll-elixir": ("jekyll", 73),
    "hugo-opentelemetry": ("hugo", 372),
    "pelican-fullstackpython": ("pelican", 66),
    "mkdocs-instructor": ("mkdocs", 57),
    "hexo-hexojs": ("hexo", 58),
    "astro-alanaktion": ("astro", 82),
    "docusaurus-wasmcloud": ("docusaurus", 372),
    "zola-rustosdev": ("zola", 77),  # 75 monthly posts and 2 showcase pages, sorted by date
    "eleventy-v8": ("eleventy", 154),  # the `posts` collection: src/blog/*.md
}


@pytest.mark.parametrize("name", sorted(SITE_POSTS))
def test_each_real_site_is_recognised_with_its_posts(corpora: Path, name: str) -> None:
    generator, count = SITE_POSTS[name]
    blog = Blog(corpora / "sites" / name)
    assert blog.site.name == generator
    posts = [post for post in blog.load().posts() if post.kind == "post"]
    assert len(posts) == count
    assert not [post.relative for post in posts if post.date_source == "modified"]


def test_a_date_that_does_not_exist_leaves_the_post_undated_not_dated_today(
    tmp_path: Path,
) -> None:
    make(
        tmp_path,
        {
            "leap.md": "---\ntitle: Leap\ndate: 2018-02-31\n---\n",
            "2018-02-30-named.md": "---\ndate: 2018-02-31\n---\n",
            "2021-08-26-welcome/index.md": "---\ntitle: Welcome\n---\n",
        },
    )
    posts = posts_of(tmp_path)
    leap = posts["leap.md"]
    assert (leap.date, leap.day) == (None, "no date")
    assert leap.problems == ("date: 2018-02-31 is not a real date",)
    assert posts["2018-02-30-named.md"].date is None  # nor by a name that is no date either
    welcome = posts["2021-08-26-welcome/index.md"]
    assert (welcome.day, welcome.date_source) == ("2021-08-26", "path")  # the bundle's folder


def test_a_post_dated_later_is_scheduled_where_the_generator_holds_it_back(
    tmp_path: Path,
) -> None:
    later = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    text = f"---\ntitle: Later\ndate: {later}\n---\n"
    make(tmp_path / "jekyll", {"_config.yml": "title: x\n", f"_posts/{later}-later.md": text})
    make(tmp_path / "held", {"_config.yml": "future: true\n", f"_posts/{later}-later.md": text})
    make(tmp_path / "eleventy", {".eleventy.js": "module.exports = {}\n", "later.md": text})
    assert posts_of(tmp_path / "jekyll")[f"_posts/{later}-later.md"].scheduled
    assert not posts_of(tmp_path / "held")[f"_posts/{later}-later.md"].scheduled  # future: true
    assert not posts_of(tmp_path / "eleventy")["later.md"].scheduled  # Eleventy builds it


def test_hostile_config_files_are_told_never_run_nor_waited_on(tmp_path: Path) -> None:
    import os

    fifo = make(tmp_path / "fifo", {"a.md": "---\ntitle: A\n---\n"})
    os.mkfifo(fifo / "_config.yml")  # would block a plain open() for ever
    site = site_for(fifo)
    assert site.name == "jekyll"
    assert any("_config.yml" in problem for problem in site.generator.problems)
    assert posts_of(fifo)["a.md"].kind == "page"  # Jekyll's defaults: no _posts/

    broken = make(tmp_path / "broken", {"mkdocs.yml": "plugins: [blog\n", "docs/a.md": "# A\n"})
    (problem,) = site_for(broken).generator.problems[:1]
    assert problem.startswith("mkdocs.yml: not valid YML")

    # Whitespace by the megabyte, and code where a value would be: read as text, at once.
    blank = make(
        tmp_path / "blank",
        {
            "astro.config.mjs": "export default {}\n",
            "src/content.config.ts": " " * 900_000 + "\nschema: z.object({ title: z.string() })\n",
            "src/content/blog/a.md": "---\ntitle: A\n---\n",
        },
    )
    assert posts_of(blank)["src/content/blog/a.md"].kind == "post"
    (tmp_path / "big").mkdir()
    (tmp_path / "big" / "docusaurus.config.js").write_bytes(b"x" * 1_500_000)
    assert any("over 1 MB" in problem for problem in site_for(tmp_path / "big").generator.problems)


def test_a_date_no_generator_reads_is_told_in_words(tmp_path: Path) -> None:
    make(
        tmp_path,
        {
            "mapping.md": "---\ndate:\n  updated: 2023-01-02\n---\n",
            "2020-01-02-words.md": "---\ndate: last spring\n---\n",
        },
    )
    posts = posts_of(tmp_path)
    assert posts["mapping.md"].problems == (
        "date: a mapping of updated is not a date this app can read; listed undated",
    )
    words = posts["2020-01-02-words.md"]
    assert words.problems == (
        "date: last spring is not a date this app can read; dated by the file's name instead",
    )
    assert words.day == "2020-01-02"


def test_a_new_post_takes_the_sites_archetype_or_scaffold_as_written(tmp_path: Path) -> None:
    hugo = make(
        tmp_path / "hugo",
        {
            "hugo.toml": 'baseURL = "https://example.org"\n',
            "archetypes/default.md": "---\ntitle: nothing\n---\n",
            "archetypes/blog.md": (
                '---\ntitle: \'{{ replace .File.ContentBaseName "-" " " | title }}\'\n'
                "date: {{ .Date }}\n# Who wrote it:\nauthor:\n  - name: {a: 1}\n"
                "linkTitle: '{{ .Name }}'\ndraft: true\n---\n\n"
                "## Summary\n\n{{< note >}}Hi{{< /note >}}\n"
            ),
            "content/blog/one.md": "---\ntitle: One\ndate: 2024-01-01\n---\n",
        },
    )
    blog = Blog(hugo)
    convention = detect(blog.load().posts(), blog.site)
    post, line = blog.new_post("Two", now=NOW, tags=["x"], convention=convention)
    assert (hugo / post.relative).read_text("utf-8") == (
        '---\ntitle: "Two"\ndate: 2026-12-07\n# Who wrote it:\nauthor:\n  - name: {a: 1}\n'
        "tags: [x]\ndraft: true\n---\n\n## Summary\n\n{{< note >}}Hi{{< /note >}}\n"
    )
    assert line == 10  # the body's first line
    assert convention.warning == (
        "archetypes/blog.md: linktitle left out of the new post, as template actions write"
        " them there (they are not run here)"
    )

    hexo = make(
        tmp_path / "hexo",
        {
            "_config.yml": "new_post_name: :year-:month-:day-:title.md\n",
            "scaffolds/post.md": "---\ntitle: {{ title }}\nlayout: post\n---\nWrite {{ here }}\n",
            "scaffolds/draft.md": "---\ntitle: {{ title }}\ncomments: false\n---\n\nA draft.\n",
        },
    )
    blog = Blog(hexo)
    convention = detect(blog.load().posts(), blog.site)
    post, _ = blog.new_post("Three", now=NOW, convention=convention)
    assert post.relative == "source/_drafts/three.md"
    assert (hexo / post.relative).read_text("utf-8") == (
        '---\ntitle: "Three"\ndate: 2026-12-07\ncomments: false\ntags: []\n---\n\nA draft.\n'
    )
