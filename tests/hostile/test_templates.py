"""A new post's template from the settings: refused when it would do more than fill in."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.blog import Blog, BlogError
from tui.cli import main
from tui.config import ConfigError, load

HEAD = "# Mes réglages\ntheme = 'nord'\n\n[new_post]\ntemplate = '''\n---\ntitle: {title}\n"


@pytest.mark.parametrize(
    ("field", "problem"),
    [
        ("{title:>9999999999}", "takes no format or conversion: write {title}"),
        ("{title:{date}}", "takes no format or conversion: write {title}"),
        ("{title!r}", "takes no format or conversion: write {title}"),
        ("{date:%Y}", "takes no format or conversion: write {date}"),
        ("{title.__class__}", "can be filled in, not {title.__class__}"),
        ("{tags[0]}", "can be filled in, not {tags[0]}"),
        ("{0}", "can be filled in, not {0}"),
        ("{}", "can be filled in, not {}"),
        ("{author}", "can be filled in, not {author}"),
    ],
)
def test_a_field_that_is_more_than_a_name_is_refused_with_its_line(
    tmp_path: Path, field: str, problem: str
) -> None:
    path = tmp_path / "config.toml"
    path.write_text(f"{HEAD}date: {{date}}\nextra: {field}\n---\n'''\n", "utf-8")
    with pytest.raises(ConfigError) as refused:
        load(path)
    assert refused.value.message.startswith(f"{path}, line 9: template: ")
    assert problem in refused.value.message


def test_a_lone_brace_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(f"{HEAD}x: {{\n---\n'''\n", "utf-8")
    with pytest.raises(ConfigError, match=r"line 5: template: .*write \{\{ and \}\}"):
        load(path)


def test_blog_new_with_such_a_template_says_so_and_writes_nothing(
    blog_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = sorted(blog_dir.iterdir())
    for field in ("{title:>9999999999}", "{title:{date}}"):
        path = tmp_path / "config.toml"
        path.write_text(f"[new_post]\ntemplate = '---\\ntitle: {field}\\n---\\n'\n", "utf-8")
        assert main(["new", "Été", "--dir", str(blog_dir), "--config", str(path)]) == 2
        captured = capsys.readouterr()
        assert captured.out == ""
        assert captured.err.startswith(f"blog: {path}, line 2: template: ")
        assert "Traceback" not in captured.err
    assert sorted(blog_dir.iterdir()) == before


def test_the_library_fills_by_name_never_by_format(tmp_path: Path) -> None:
    """A template handed to the library directly is checked there too."""
    blog = Blog(tmp_path)
    with pytest.raises(BlogError, match="takes no format"):
        blog.new_post("x", template="---\ntitle: {title:>9999999999}\n---\n")
    assert list(tmp_path.iterdir()) == []
    post, _ = blog.new_post("Été", template="---\ntitle: {title}\nslug: {slug}\n---\n{{x}}\n")
    assert post.path.read_text("utf-8") == '---\ntitle: "Été"\nslug: ete\n---\n{x}\n'
