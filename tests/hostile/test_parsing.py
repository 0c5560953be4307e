"""Whatever bytes a file holds, reading it never raises, never hangs, never runs code."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.blog.parsing import parse_post
from tui.blog.post import Post, read_post

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FENCES = st.sampled_from(["---\n", "+++\n", "...\n", "{\n", "}\n", "---", "\ufeff---\n", ""])
YAMLISH = st.sampled_from(
    ["title: ", "tags: [", "]", "date: ", "&a ", "*a", "!!binary ", "- ", ": ", '"', "'", "\t"]
)


def parse(raw: bytes) -> Post:
    return parse_post(raw, Path("/blog/post.md"), "post.md", 0, len(raw))


@FUZZ
@given(st.binary(max_size=2_000))
def test_any_bytes_are_read(raw: bytes) -> None:
    post = parse(raw)
    assert isinstance(post.title, str)
    assert all(isinstance(tag, str) for tag in post.tags)


@FUZZ
@given(st.lists(st.one_of(FENCES, YAMLISH, st.text(max_size=20)), max_size=30))
def test_any_front_matter_is_read(parts: list[str]) -> None:
    post = parse("".join(parts).encode("utf-8", "surrogatepass"))
    assert isinstance(post.title, str)
    assert isinstance(post.problems, tuple)


BILLION_LAUGHS = "---\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{b}: &{b} [{', '.join([f'*{a}'] * 9)}]\n" for a, b in zip("abcdefgh", "bcdefghi", strict=True)
)


def test_a_billion_laughs_is_refused_with_a_message(tmp_path: Path) -> None:
    path = tmp_path / "bomb.md"
    path.write_text(BILLION_LAUGHS + "title: *i\ntags: *i\n---\nBoom.\n")
    post = read_post(path, tmp_path)
    assert post.title == "bomb.md"
    assert post.tags == ()
    assert any("aliases" in problem for problem in post.problems)


def test_deep_nesting_is_refused_with_a_message(tmp_path: Path) -> None:
    path = tmp_path / "deep.md"
    path.write_text("---\ntitle: " + "[" * 100_000 + "]" * 100_000 + "\n---\nDeep.\n")
    post = read_post(path, tmp_path)
    assert post.title == "deep.md"
    assert any("nesting" in problem for problem in post.problems)


def test_python_tags_are_never_constructed(tmp_path: Path) -> None:
    witness = tmp_path / "ran"
    path = tmp_path / "evil.md"
    path.write_text(f'---\ntitle: !!python/object/apply:os.system ["touch {witness}"]\n---\nx\n')
    post = read_post(path, tmp_path)
    assert not witness.exists()
    assert any("python/object" in problem for problem in post.problems)


def test_a_very_long_line_is_read(tmp_path: Path) -> None:
    path = tmp_path / "long.md"
    path.write_text('---\ntitle: "' + "x" * 2_000_000 + '"\n---\n' + "y" * 2_000_000)
    assert len(read_post(path, tmp_path).title) == 2_000_000
