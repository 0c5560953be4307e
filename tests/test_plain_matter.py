"""Plain front matter read without PyYAML gives what PyYAML gives, or nothing."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

import pytest

from tui.blog import plain_matter, yaml_matter
from tui.blog.encoding import decode
from tui.blog.frontmatter import split


def same(fast: Any, slow: Any) -> bool:
    """Equal, of the same types all the way down, keys in the same order."""
    if type(fast) is not type(slow):
        return False
    if isinstance(fast, dict):
        return list(fast) == list(slow) and all(same(fast[key], slow[key]) for key in fast)
    if isinstance(fast, list):
        return len(fast) == len(slow) and all(map(same, fast, slow))
    return bool(fast == slow)


def agrees_with_pyyaml(source: str) -> bool:
    """Whether the plain reading of ``source`` is PyYAML's, when there is one."""
    fast = plain_matter.load(source)
    if fast is None:
        return True
    slow, problem = yaml_matter.load(source)
    return problem is None and same(fast, {} if slow is None else slow)


READ_HERE = {
    "title: Hello, world [part 1]\n": {"title": "Hello, world [part 1]"},
    'title: "Quoted: with # and, commas"\n': {"title": "Quoted: with # and, commas"},
    "title: 'single'\ndraft: true\npublished: No\n": {
        "title": "single",
        "draft": True,
        "published": False,
    },
    "title: It's C# and a:b\n": {"title": "It's C# and a:b"},
    "date: 2000-01-01\n": {"date": dt.date(2000, 1, 1)},
    "date: 2019-03-04T10:00:00+01:00\n": {
        "date": dt.datetime(2019, 3, 4, 10, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    },
    "date: 2019-03-04 10:00:00.5Z\n": {
        "date": dt.datetime(2019, 3, 4, 10, 0, 0, 500000, tzinfo=dt.UTC)
    },
    # Jekyll's zone is not YAML's (+01:00): a string, which the app reads itself.
    "date: 2019-03-04 10:00:00 +0100\n": {"date": "2019-03-04 10:00:00 +0100"},
    "tags: [a, 'b c', \"d\"]\ncategories: []\n": {"tags": ["a", "b c", "d"], "categories": []},
    "tags:\n  - a\n  - b\nweight: 10\n": {"tags": ["a", "b"], "weight": 10},
    "tags:\n- a\n- b\n": {"tags": ["a", "b"]},
    "# a comment\n\nimage:\n  path: /img/a.jpg\n  alt: An image\ntopicid: null\n": {
        "image": {"path": "/img/a.jpg", "alt": "An image"},
        "topicid": None,
    },
    "summary:\ntitle: Été ☀\n": {"summary": None, "title": "Été ☀"},
    "a: \"\"\nb: ''\n": {"a": "", "b": ""},
    # A no-break space is not YAML's white space: part of the item.
    "tags: [\xa0a, \xa0b]\n": {"tags": ["\xa0a", "\xa0b"]},
    "tags: [X, aX]\n": {"tags": ["X", "aX"]},
    "X: a\nXY: bX\n": {"X": "a", "XY": "bX"},
    # Trailing spaces are not part of a value; a no-break space or an X is.
    "title: a\xa0\ntags:\n- b\xa0\n- cX\nimage:\n  alt: d\xa0\n  path: eX\n  size: big  \n": {
        "title": "a\xa0",
        "tags": ["b\xa0", "cX"],
        "image": {"alt": "d\xa0", "path": "eX", "size": "big"},
    },
    # Seven digits of a second: six are kept, as PyYAML does.
    "date: 2024-01-01 10:00:00.1234567\n": {"date": dt.datetime(2024, 1, 1, 10, 0, 0, 123456)},
    "date: 2024-01-01 10:00:00 +05:30\n": {
        "date": dt.datetime(2024, 1, 1, 10, tzinfo=dt.timezone(dt.timedelta(hours=5, minutes=30)))
    },
    "date: 2024-01-01 10:00:00-05\n": {
        "date": dt.datetime(2024, 1, 1, 10, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    },
}


@pytest.mark.parametrize("source", READ_HERE)
def test_plain_lines_are_read_as_pyyaml_reads_them(source: str) -> None:
    expected = READ_HERE[source]
    assert same(plain_matter.load(source), expected)
    assert same(yaml_matter.load(source)[0], expected)


LEFT_TO_PYYAML = [
    "image: &img /a.jpg\nthumb: *img\n",  # anchors and aliases
    "on: push\n",  # a key YAML reads as True
    "version: 012\n",  # octal
    "version: 1.10\n",  # a float
    "count: 1_000\n",
    'title: "an \\"escape\\""\n',
    "title: 'it''s'\n",
    "title: a long\n  title on two lines\n",
    "title: a\r\ndraft: true\r\n",  # CRLF
    "title: a # a comment after it\n",
    "text: |\n  a block\n",
    "title:\ttab\n",
    "date: 2018-02-31\n",  # no such day: PyYAML's reading says so
    "tags: [a, [b]]\n",
    "tags: [a,]\n",
    "authors:\n  - name: A\n",
    "a:\n  b:\n    c: d\n",
    "title: x: y\n",  # PyYAML refuses it
    "title: \x07bell\n",
    "key:\n  - a\n  b: c\n",
    "image:\n  alt:\n",
    "tags: [a{b]\n",  # PyYAML refuses these three
    'title: "a"b"\n',
    "title: a:\n",
]


@pytest.mark.parametrize("source", LEFT_TO_PYYAML)
def test_what_it_is_not_sure_of_is_left_to_pyyaml(source: str) -> None:
    assert plain_matter.load(source) is None


def test_a_post_is_read_the_same_either_way(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "---\ntitle: A\ndate: 2020-02-02\ntags:\n  - x\n---\nBody\n"
    fast = split(text)
    monkeypatch.setattr(plain_matter, "load", lambda source: None)
    assert split(text) == fast
    assert fast.data == {"title": "A", "date": dt.date(2020, 2, 2), "tags": ["x"]}


PIECES = [
    *("a", "Yes", "yes", "NO", "on", "null", "Null", "~", "1", "012", "0", "10", "1_0"),
    *("1:30", "1.5", ".5", "2020-01-02", "2020-1-2", "2020-01-02 10:00:00"),
    *("2020-01-02T10:00:00Z", "2020-01-02 10:00:00 +0100", "2020-02-31", "2020-1-2t1:00:00.5"),
    *("x y", "x: y", "x #c", "x#c", '"q"', '"q\\"', "'s'", "'it''s'", '"a, b"', "[a, b]"),
    *("[]", "[a,]", "[ a ]", "[1, 2]", "[yes]", "[a: b]", "{a: b}", "-x", "- x", "/p/x"),
    *("@x", "`x`", "%x", "é", "Été", "ж", "😀", "\t", "x\t", "|", ">", "&a x", "*a"),
    *("!!str x", "?x", "", " ", "#", ":", "a:b", "http://x", "+1", "-1", "=", "<<", "x,y"),
    *("(x)", "$x", "x ", '"', "'", "[", "]", "\u2028", "\x85", "\r", "\ufeff", "\x07"),
]
KEYS = ["title", "tags", "on", "yes", "Null", "a.b", "a-b", "_x", "x y", '"k"', "1a", "date"]


def random_front_matter(chance: random.Random) -> str:
    lines = []
    for _ in range(chance.randint(1, 3)):
        key, piece, roll = chance.choice(KEYS), chance.choice(PIECES), chance.random()
        if roll < 0.55:
            lines.append(f"{key}:{chance.choice([' ', '  ', ''])}{piece}")
        elif roll < 0.7:
            lines.append(f"{key}:")
        elif roll < 0.85:
            lines.append(" " * chance.choice([0, 0, 1, 2]) + f"- {piece}")
        elif roll < 0.92:
            lines.append(" " * chance.choice([0, 2, 4]) + f"{key}: {piece}")
        else:
            lines.append(chance.choice(["", "# c", "  # c", " ", piece]))
    return "\n".join(lines) + chance.choice(["\n", ""])


def test_random_front_matter_is_read_as_pyyaml_reads_it_or_left_to_it() -> None:
    chance = random.Random(5)
    sources = [random_front_matter(chance) for _ in range(20_000)]
    read = [source for source in sources if plain_matter.load(source) is not None]
    assert len(read) > 1000  # the test tries the reading, not only the giving up
    assert [source for source in read if not agrees_with_pyyaml(source)] == []


def test_real_front_matter_is_read_as_pyyaml_reads_it_or_left_to_it(corpora: Path) -> None:
    sources = []
    for path in sorted(corpora.rglob("*.md")):
        matter = split(decode(path.read_bytes()).text)
        if matter.format == "yaml":
            sources.append(matter.source)
    read = [source for source in sources if plain_matter.load(source) is not None]
    assert len(read) > len(sources) / 2
    assert [source for source in read if not agrees_with_pyyaml(source)] == []


def test_the_sample_blog_is_read_without_pyyaml(blog_dir: Path) -> None:
    for path in blog_dir.glob("*.md"):
        assert plain_matter.load(split(path.read_text()).source) is not None, path.name


def test_the_characters_left_to_pyyaml_are_those_its_reader_refuses_and_odd_line_breaks() -> None:
    from yaml.reader import Reader

    left_to_it = "\r\x85\u2028\u2029\ufeff"  # line breaks but "\n", and a byte order mark
    for code in range(0x110000):
        character = chr(code)
        refused = Reader.NON_PRINTABLE.match(character) is not None
        odd = plain_matter._ODD_CHARACTER.match(character) is not None
        assert odd == (refused or character in left_to_it), hex(code)
