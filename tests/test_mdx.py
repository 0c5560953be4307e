"""An MDX post's statements, JSX and comments are shown as code, not as text."""

from __future__ import annotations

from tui.blog.mdx import as_markdown


def test_statements_jsx_and_comments_become_code_blocks() -> None:
    body = (
        "import Tabs from '@theme/Tabs';\nimport X from 'y';\n\nSome *text*.\n\n"
        '{/* truncate */}\n\n<Tabs>\n  <TabItem value="a">\n  Hi\n  </TabItem>\n</Tabs>\n'
        '<Img src="x" />\nend\n'
    )
    assert as_markdown(body) == (
        "```js\nimport Tabs from '@theme/Tabs';\nimport X from 'y';\n```\n\nSome *text*.\n\n"
        "```jsx\n{/* truncate */}\n```\n\n"
        '```jsx\n<Tabs>\n  <TabItem value="a">\n  Hi\n  </TabItem>\n</Tabs>\n'
        '<Img src="x" />\n```\nend\n'
    )


def test_code_blocks_and_html_stay_as_they_are() -> None:
    body = "```js\nimport inside from 'a fence';\n```\n<div>plain html</div>\nimportant words\n"
    assert as_markdown(body) == body
