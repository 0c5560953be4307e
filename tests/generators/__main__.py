"""Writes each site's truth as JSON: ``python -m tests.generators OUT_FOLDER [SITE ...]``.

One file per site, ``OUT_FOLDER/<site>.json``, a list of records sorted by
path; a site whose generator is not installed is said so and skipped.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from tests.generators import SITES, truth


def main(arguments: list[str]) -> int:
    if not arguments:
        print(__doc__, file=sys.stderr)
        return 2
    folder = Path(arguments[0])
    folder.mkdir(parents=True, exist_ok=True)
    for site in arguments[1:] or sorted(SITES):
        started = time.monotonic()
        records = truth(site)
        if records is None:
            print(f"{site}: generator not installed (or site absent)", file=sys.stderr)
            continue
        records = sorted(records, key=lambda record: record["path"])
        text = json.dumps(records, ensure_ascii=False, indent=1)
        (folder / f"{site}.json").write_text(text + "\n", encoding="utf-8")
        posts = sum(record["kind"] == "post" for record in records)
        seconds = time.monotonic() - started
        print(f"{site}: {len(records)} files, {posts} posts, {seconds:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
