"""The widgets of the main screen, one a module.

The names below are imported when first used, not with the package: the
start screen draws a glimpse of the list with `PostList` and `TagSidebar`
alone, before the editor and the preview (a few tenths of a second of
imports) are wanted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.lazy import lazy_names

if TYPE_CHECKING:
    from tui.widgets.contents import Contents
    from tui.widgets.post_editor import PostEditor
    from tui.widgets.post_list import PostList
    from tui.widgets.post_preview import PostPreview
    from tui.widgets.search_field import SearchField
    from tui.widgets.tag_sidebar import TagSidebar

__getattr__ = lazy_names(
    __name__,
    {
        "Contents": "tui.widgets.contents",
        "PostEditor": "tui.widgets.post_editor",
        "PostList": "tui.widgets.post_list",
        "PostPreview": "tui.widgets.post_preview",
        "SearchField": "tui.widgets.search_field",
        "TagSidebar": "tui.widgets.tag_sidebar",
    },
)

__all__ = ["Contents", "PostEditor", "PostList", "PostPreview", "SearchField", "TagSidebar"]
