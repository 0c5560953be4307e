"""Hexo: `source/_posts` and `source/_drafts`, dates from `new_post_name`, nested categories."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from tui.blog.site.generator import Generator, Reading, under
from tui.blog.site.jekyll import settings

_PLACEHOLDER = re.compile(r":(year|month|day|i_month|i_day|title|hour|minute|second)")
_PATTERNS = {
    "year": r"(?P<year>\d{4})",
    "month": r"(?P<month>\d{2})",
    "i_month": r"(?P<month>\d{1,2})",
    "day": r"(?P<day>\d{2})",
    "i_day": r"(?P<day>\d{1,2})",
    "hour": r"\d{2}",
    "minute": r"\d{2}",
    "second": r"\d{2}",
    "title": r"(?P<title>.+)",
}


class Hexo(Generator):
    name = "hexo"
    label = "Hexo"
    tag_keys = ("tags", "tag")  # Hexo reads `tag` and `category` when the plural is absent
    split_tags = "none"
    draft_keys = ("published",)
    draft_folders = frozenset({"_drafts"})

    def __init__(self, root: Path) -> None:
        super().__init__(root)
        name, config = settings(root, self.problems)
        if name:
            self.config_files.append(name)
        source = config.get("source_dir")
        self.source = (
            source.strip("/") if isinstance(source, str) and source.strip("/") else "source"
        )
        post_name = config.get("new_post_name")
        self.post_name = post_name if isinstance(post_name, str) else ":title.md"
        self.name_pattern = _name_pattern(self.post_name)
        default = config.get("default_category")
        self.default_category = default if isinstance(default, str) else "uncategorized"
        language = config.get("language")
        if isinstance(language, list):
            self.languages = tuple(str(item) for item in language)
        elif isinstance(language, str) and language != "default":
            self.languages = (language,)
        self.default_language = self.languages[0] if self.languages else None
        self.new_posts = f"{self.source}/_posts"
        self.draft_folder = f"{self.source}/_drafts"
        self.draft_mark = "in _drafts/"

    def excluded(self, relative: str) -> bool:
        return relative.split("/")[0] in {"node_modules", "public", "themes"}

    def kind(self, relative: str) -> str:
        if under(relative, self.new_posts) or under(relative, self.draft_folder or ""):
            return "post"
        return "page"

    def read(self, reading: Reading) -> None:
        data = reading.data
        reading.draft = under(reading.relative, self.draft_folder or "") or (
            data.get("published") is False
        )
        if reading.kind != "post":
            return
        folder = self.new_posts if under(reading.relative, self.new_posts) else self.draft_folder
        inside = reading.relative[len(folder or "") + 1 :]  # below _posts/ or _drafts/
        found = self.name_pattern.fullmatch(inside)
        if found and "date" not in data:
            parts = found.groupdict()
            if parts.get("year") and parts.get("month") and parts.get("day"):
                try:
                    reading.date = dt.datetime(
                        int(parts["year"]), int(parts["month"]), int(parts["day"])
                    )
                    reading.date_source = "file name"
                except ValueError:
                    pass
        if not str(data.get("title") or "").strip():
            named = found.groupdict().get("title") if found else None
            reading.title = named or Path(inside).stem
        reading.categories = hierarchy(data.get("categories", data.get("category")))


def _name_pattern(post_name: str) -> re.Pattern[str]:
    """A pattern matching the file names ``new_post_name`` makes."""
    pattern, position, seen = "", 0, set()
    for found in _PLACEHOLDER.finditer(post_name):
        pattern += re.escape(post_name[position : found.start()])
        name = found.group(1)
        group = _PATTERNS[name]
        key = "month" if name == "i_month" else "day" if name == "i_day" else name
        if key in seen:
            group = re.sub(r"\?P<\w+>", "", group)
        seen.add(key)
        pattern += group
        position = found.end()
    stem = post_name[position:]
    pattern += re.escape(stem.rsplit(".", 1)[0] if "." in stem else stem)  # the suffix: any
    return re.compile(pattern + r"\.[^.]+")


def hierarchy(value: object) -> tuple[str, ...]:
    """Hexo's categories: a list is one branch (each item the child of the
    one before), a list in it another branch; as "Parent/Child" paths."""
    if value is None:
        return ()
    if not isinstance(value, list):
        text = str(value).strip()
        return (text,) if text else ()
    found: list[str] = []
    branch: list[str] = []
    for item in value:
        if isinstance(item, list):
            sub: list[str] = []
            for name in item:
                if name is None or isinstance(name, (list, dict)) or not str(name).strip():
                    continue
                sub.append(str(name).strip())
                found.append("/".join(sub))
        elif item is not None and not isinstance(item, dict) and str(item).strip():
            branch.append(str(item).strip())
            found.append("/".join(branch))
    seen: dict[str, str] = {}
    for path in found:
        seen.setdefault(path.casefold(), path)
    return tuple(seen.values())
