"""The widgets of the main screen, one a module."""

from __future__ import annotations

from tui.widgets.contents import Contents
from tui.widgets.post_editor import PostEditor
from tui.widgets.post_list import PostList
from tui.widgets.post_preview import PostPreview
from tui.widgets.search_field import SearchField
from tui.widgets.tag_sidebar import TagSidebar

__all__ = ["Contents", "PostEditor", "PostList", "PostPreview", "SearchField", "TagSidebar"]
