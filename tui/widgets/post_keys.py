"""Keys that act on a post the same way from the list and from the preview.

Each pane lists them among its own keys, in its own order (the footer
shows them in that order); their ids start with the pane's name, so a
user can bind them differently in each pane.
"""

from __future__ import annotations

from textual.binding import Binding

_KEYS = {
    "edit": ("e", "screen.edit", "Edit", True),
    "external": ("E", "screen.open_external", "$EDITOR", False),
    "add_tag": ("plus", "screen.add_tag", "Add tag", False),
    "remove_tag": ("minus", "screen.remove_tag", "Remove tag", False),
    "view": ("v", "screen.cycle_view", "View", True),
    "tags": ("t", "screen.focus_tags", "Tags", True),
    "search": ("slash", "screen.search", "Search", True),
    "next": ("right_square_bracket", "screen.next_post", "Next post", False),
    "previous": ("left_square_bracket", "screen.previous_post", "Previous post", False),
    "help": ("question_mark", "app.help", "Help", True),
}


def post_keys(pane: str, *names: str) -> list[Binding]:
    """The shared keys ``names`` of ``pane`` ("list" or "preview"), in that order."""
    return [
        Binding(key, action, description, show=show, id=f"{pane}.{name}")
        for name in names
        for key, action, description, show in [_KEYS[name]]
    ]
