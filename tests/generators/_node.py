"""Running a Node generator on a copy of a site: the part that Hexo, Eleventy, Astro and
Docusaurus share.

Each generator has its own npm folder, ``.generators/node/<name>/`` (``.ci/generators``), and a
small listing script of ours beside this file that loads the site through the generator's own
API and writes JSON records to the file $LIST_JSON names: ``path``, ``kind``, ``title``,
``date`` (an ISO instant, or null), ``zone`` (the generator's time zone for dates written
without one; null for UTC), ``tags``, ``categories``, ``draft``, ``language``. ``records``
turns ``date`` into the day in the post's own offset.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from tests.generators import GENERATORS, Truth

HERE = Path(__file__).resolve().parent
TIMEOUT = 300
"""Seconds a generator may take on one site before the run counts as failed."""


def node_modules(name: str) -> Path | None:
    """The generator's installed ``node_modules``, or None when it or Node is missing."""
    folder = GENERATORS / "node" / name / "node_modules"
    if shutil.which("node") is None or not folder.is_dir():
        return None
    return folder


@contextmanager
def scratch_copy(root: Path) -> Iterator[Path]:
    """A copy of the site in a scratch folder of its own (generators write caches into it)."""
    with tempfile.TemporaryDirectory(prefix="blog-generator-") as scratch:
        copy = Path(scratch) / root.name
        shutil.copytree(root, copy, symlinks=True)
        yield copy


def run_script(
    script: str, *args: str | Path, cwd: Path, env: dict[str, str] | None = None
) -> list[dict[str, Any]]:
    """Run one of our listing scripts with Node in UTC and return the records it writes to the
    file named by $LIST_JSON (generators print their own chatter on stdout)."""
    listing = cwd.parent / "listing.json"
    env = {
        **os.environ,
        **(env or {}),
        "TZ": "UTC",
        "NO_COLOR": "1",
        "NODE_NO_WARNINGS": "1",
        "LIST_JSON": str(listing),
    }
    env.pop("NODE_OPTIONS", None)
    done = subprocess.run(
        ["node", str(HERE / script), *map(str, args)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{script} failed ({done.returncode}):\n{done.stderr[-4000:]}")
    rows: list[dict[str, Any]] = json.loads(listing.read_text(encoding="utf-8"))
    return rows


# The first front matter's top-level `date:` as written, and an offset ending its time.
_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
_DATE_LINE = re.compile(r"^date[ \t]*:[ \t]*(.*?)[ \t]*(?:#.*)?$", re.M)
_OFFSET = re.compile(r"\d:\d\d(?::\d\d(?:\.\d+)?)?[ \t]*(Z|[+-]\d\d(?::?\d\d)?)['\"]?$", re.I)


def written_offset(source: Path) -> timedelta | None:
    """The offset the post writes in its front matter `date`, or None where it writes none."""
    try:
        text = source.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    matter = _MATTER.match(text)
    line = _DATE_LINE.search(matter.group(1)) if matter else None
    found = _OFFSET.search(line.group(1)) if line else None
    if found is None:
        return None
    offset = found.group(1).upper().replace(":", "")
    if offset == "Z":
        return timedelta(0)
    minutes = int(offset[1:3]) * 60 + (int(offset[3:5]) if len(offset) > 3 else 0)
    return timedelta(minutes=minutes if offset[0] == "+" else -minutes)


def own_day(instant: str | None, zone: str | None, source: Path) -> str | None:
    """The day of the generator's instant in the post's own offset, else in the generator's
    zone for dates written without one (UTC when it has none)."""
    if instant is None:
        return None
    moment = datetime.fromisoformat(instant.replace("Z", "+00:00"))
    offset = written_offset(source)
    if offset is not None:
        moment = moment.astimezone(timezone(offset))
    elif zone:
        moment = moment.astimezone(ZoneInfo(zone))
    else:
        moment = moment.astimezone(UTC)
    return moment.date().isoformat()


def records(rows: list[dict[str, Any]], root: Path) -> list[Truth]:
    """The script's rows as records, with each date made a day; sorted by path."""
    truths: list[Truth] = [
        {
            "path": row["path"],
            "kind": row["kind"],
            "title": row["title"],
            "day": own_day(row["date"], row.get("zone"), root / row["path"]),
            "tags": [str(tag) for tag in row["tags"]],
            "categories": [str(category) for category in row["categories"]],
            "draft": bool(row["draft"]),
            "language": row["language"],
        }
        for row in rows
    ]
    return sorted(truths, key=lambda truth: (truth["path"], truth["kind"] or ""))
