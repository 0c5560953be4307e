"""The orders the post list can be in, and what they are called.

Apart from the search that sorts by them (`tui.blog.search`): a next
start's glimpse is checked (`tui.blog.glimpse_child`) in the order the
list was left in, by a process that must not wait for the reading and
searching modules to import.
"""

from __future__ import annotations

from typing import Literal

Order = Literal["newest", "oldest", "title", "modified"]
ORDERS: tuple[Order, ...] = ("newest", "oldest", "title", "modified")
ORDER_NAMES = {
    "newest": "newest first",
    "oldest": "oldest first",
    "title": "by title",
    "modified": "last modified first",
}
