"""How the cache's file is laid out, read by the app and by the survey child.

A header naming the format's version and this Python (marshal's format is
its own), a digest of all that follows, then two parts written with
`marshal`, which reads plain lists and numbers back in half the time JSON
takes:

- the stamps: every post's path from the blog's folder, and its file's
  stamp when it was read, newest post first;
- the posts: each one's fields, in the same order, then the index's places
  and spellings of the tags (see `tui.blog.cache`).

The survey child (`tui.blog.survey`) reads only the first part, to say
which files changed since: a tenth of the file's reading. A damaged, old
or foreign file is simply not used.

Kept light (hashlib, marshal, struct; no dataclasses, which would double
its import): the child imports it.
"""

from __future__ import annotations

import hashlib
import marshal
import struct
import sys
from pathlib import Path
from typing import Any, NamedTuple

from tui.blog.opening import read_regular
from tui.blog.walk import Stamp

VERSION = 9
"""Bumped whenever what the file holds changes, so old caches are ignored."""
HEADER = f"blog-tui cache {VERSION} python {sys.implementation.cache_tag}\n".encode()
DIGEST = 20
"""Bytes of the digest after the header."""
_LENGTH = struct.Struct("<Q")
"""The length of the stamps' part, before it."""
_START = len(HEADER) + DIGEST
MOST = 1 << 30
"""Bytes past which a file is not a cache of ours (100,000 posts take some 30 MB)."""


class Contents(NamedTuple):
    """What a cache file holds."""

    digest: bytes
    """Of everything after the header: two files with the same one hold the same."""
    relatives: list[str]
    stamps: list[Stamp]
    posts: tuple[Any, ...] | None
    """The posts' part, unless only the stamps were read: (rows, places, spellings)."""


def encode(relatives: list[str], stamps: list[Stamp], posts: tuple[Any, ...]) -> bytes:
    """What to write to the file (marshal's types only)."""
    first = marshal.dumps((relatives, stamps))
    data = _LENGTH.pack(len(first)) + first + marshal.dumps(posts)
    return HEADER + digest(data) + data


def read(file: Path, stamps_only: bool = False) -> Contents | None:
    """What ``file`` holds (``stamps_only``: all but the posts); None when it
    cannot be read, is damaged, of another version or from another Python."""
    try:
        read = read_regular(file, MOST)
    except OSError:
        return None
    if not read.whole:
        return None
    data = read.data
    view = memoryview(data)
    if not data.startswith(HEADER) or data[len(HEADER) : _START] != (said := digest(view[_START:])):
        return None
    try:
        (length,) = _LENGTH.unpack_from(data, _START)
        middle = _START + _LENGTH.size + length
        relatives, stamps = marshal.loads(view[_START + _LENGTH.size : middle])
        posts = None if stamps_only else marshal.loads(view[middle:])
    except (EOFError, ValueError, TypeError, struct.error):
        return None
    if len(relatives) != len(stamps):
        return None
    return Contents(said, relatives, stamps, posts)


def digest(data: bytes | memoryview) -> bytes:
    return hashlib.blake2b(data, digest_size=DIGEST).digest()
