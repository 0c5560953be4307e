"""blog-tui reads each real site as the site's own generator does.

For every post a generator lists (tests/generators), the app's ``blog list
--json`` of the same site must give the same title, day, tags, categories,
draft state and language. The agreement per field is printed (``pytest -s``).
"""

from __future__ import annotations

import html
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests.generators import SITES, Truth, site_root, truth

FIELDS = ("title", "day", "tags", "categories", "draft", "language")


def _app_listing(root: Path, home: Path) -> dict[str, dict[str, Any]]:
    """The app's reading of ``root``, by path relative to it."""
    result = subprocess.run(
        [sys.executable, "-m", "tui", "list", "--dir", str(root), "--json"],
        capture_output=True,
        text=True,
        timeout=300,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "TZ": "UTC", "XDG_CONFIG_HOME": str(home)},
        check=True,
    )
    listing: dict[str, dict[str, Any]] = {}
    for post in json.loads(result.stdout):
        path = Path(post["path"])
        relative = path.relative_to(root) if path.is_absolute() else path
        listing[relative.as_posix()] = post
    return listing


def _app_value(post: dict[str, Any], field: str) -> object:
    if field == "day":
        date = post.get("date")
        return date[:10] if isinstance(date, str) else None
    if field == "title":
        return (post.get("title") or "").strip()
    return post.get(field)


def _expected(record: Truth, field: str) -> object:
    """The generator's value as a reader sees it: a title's entities as the
    characters a browser shows and without the spaces around it; tags and
    categories once each (the app folds duplicates, on purpose)."""
    value = record[field]  # type: ignore[literal-required]
    if field == "title":
        return html.unescape(value or "").strip()
    if field in ("tags", "categories"):
        return list({str(item).casefold(): str(item) for item in value}.values())
    return value


KEPT: dict[str, dict[str, str]] = {
    # Disagreements kept on purpose, by site and field, with the reason.
    "fr-nhoizey": {
        "draft": "a folder of posts in no known site: its drafts/ holds drafts"
        " (the Eleventy run here has no drafts at all)",
    },
}
"""Where the app differs from the generator on purpose (the README says why)."""
LEAST = 0.99
"""The share of posts on which every field must agree."""


def _agreement(
    records: list[Truth], app: dict[str, dict[str, Any]], languages: bool
) -> tuple[dict[str, list[str]], Counter[str]]:
    """Per field, the paths on which the app differs from the generator, and
    how many posts were compared."""
    differing: dict[str, list[str]] = {field: [] for field in ("listed", "kind", *FIELDS)}
    compared: Counter[str] = Counter()
    spoken = Counter(record["language"] for record in records if record["language"])
    default = spoken.most_common(1)[0][0] if spoken else None
    for record in records:
        post = app.get(record["path"])
        compared["listed"] += 1
        if post is None:
            differing["listed"].append(record["path"])
            continue
        if record["kind"] == "post":
            compared["kind"] += 1
            if post["kind"] != "post":
                differing["kind"].append(record["path"])
        for field in FIELDS:
            expected = _expected(record, field)
            if field == "language" and (not languages or expected in (None, default)):
                continue  # the default language is not marked; Eleventy has none
            if field == "day" and expected is None:
                continue  # dated by the file's time only: nothing to compare
            if field == "title" and record["title"] is None:
                continue  # untitled: the app shows a heading or the file's name
            compared[field] += 1
            if _app_value(post, field) != expected:
                differing[field].append(record["path"])
    return differing, compared


@pytest.mark.timeout(900)
@pytest.mark.parametrize("site", sorted(SITES))
def test_the_app_reads_each_post_as_its_generator_does(site: str, tmp_path: Path) -> None:
    root = site_root(site)
    if not root.is_dir():
        pytest.skip(f"{root} is not beside the project")
    records = truth(site)
    if records is None:
        pytest.skip(f"the generator of {site} is not installed (.ci/generators)")
    posts = [record for record in records if record["kind"] in ("post", None)]
    app = _app_listing(root, tmp_path)
    languages = not SITES[site].__name__.endswith("eleventy")
    differing, compared = _agreement(posts, app, languages)
    print(
        f"\n{site}: "
        + ", ".join(f"{f} {compared[f] - len(p)}/{compared[f]}" for f, p in differing.items())
    )
    for field, paths in differing.items():
        for path in paths[:3]:
            print(f"  {field} differs: {path}")
    kept = KEPT.get(site, {})
    failing = {
        field: paths[:5]
        for field, paths in differing.items()
        if field not in kept
        and ((field in ("listed", "kind") and paths) or len(paths) > compared[field] * (1 - LEAST))
    }
    assert not failing, failing
    # No page listed as a post, where the generator tells them apart.
    if any(record["kind"] for record in records):
        generator_posts = {record["path"] for record in records if record["kind"] == "post"}
        extra = [
            path
            for path, post in app.items()
            if post["kind"] == "post" and path not in generator_posts
        ]
        assert not extra, extra[:5]
