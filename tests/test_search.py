"""Finding and ordering posts, without a terminal."""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.blog import Blog, Post, frontmatter
from tui.blog.encoding import decode
from tui.blog.search import (
    Query,
    Searcher,
    fold,
    folded_body,
    folded_spans,
    parse_query,
    word_in,
)

CONFIDENTIALITE = "2010-03-18-confidentialite-cache-sexe-des-peureux.md"
MOBILE = "2010-10-25-la-revolution-mobile.md"
STEVE = "2010-11-08-steve-jobs-stanford.md"


def relatives(posts: list[Post]) -> list[str]:
    return [post.relative for post in posts]


def test_folding_ignores_case_accents_and_spells_ligatures() -> None:
    assert fold("Confidentialité") == "confidentialite"
    assert fold("Œuvre, cœur") == "oeuvre, coeur"
    assert fold("ÉCONOMIE Straße") == "economie strasse"
    assert fold("ascii Only") == "ascii only"


def test_spans_point_at_the_original_text() -> None:
    text = "Confidentialité : les œuvres"
    assert folded_spans(text, ["confidentialite"]) == [(0, 15)]
    start, end = folded_spans(text, ["oeuvre"])[0]
    assert text[start:end] == "œuvre"
    assert folded_spans(text, ["les", "le"]) == [(18, 21)]  # overlapping matches merge
    assert folded_spans(text, []) == []


def test_spans_without_words_fold_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    """The list's rows ask for spans with no words: the first fold of a text
    with accents makes a table that a next start's first frame waited for."""

    def folding(text: str) -> str:
        raise AssertionError(f"folded {text!r}")

    monkeypatch.setattr("tui.blog.search.fold", folding)
    assert folded_spans("Économie", []) == []
    assert folded_spans("Économie", [""]) == []


def test_words_are_found_where_words_start() -> None:
    assert word_in("ete", fold("Un été à Paris"))
    assert not word_in("ete", fold("complete"))
    assert not word_in("the", "other")
    assert word_in("confid", "confidentialite")
    assert word_in("oeuvre", fold("chef-d’œuvre"))
    assert word_in("42", "page-42")
    assert folded_spans("complete été", ["ete"]) == [(9, 12)]


@given(
    text=st.text(alphabet="ab é_-’œ1\u0301²", max_size=30),
    word=st.text(alphabet="ab é_-’œ1\u0301²", min_size=1, max_size=4),
)
def test_a_word_starts_where_the_regular_expression_says(text: str, word: str) -> None:
    """word_in looks at the character before each place it finds: the same
    answer as a search for the word not preceded by a letter or a digit."""
    assert word_in(word, text) == (re.search(r"(?<![^\W_])" + re.escape(word), text) is not None)


def test_queries_understand_field_words() -> None:
    query = parse_query('tag:Mobile draft:yes year:2010 "deux types" Photo')
    assert query == Query(("deux types", "photo"), ("mobile",), True, (2010,))
    assert parse_query("draft:no").draft is False
    # Field words that make no sense are searched as written.
    assert parse_query("year:soon colour:red").words == ("year:soon", "colour:red")
    assert parse_query("   ").is_empty


def search(blog_dir: Path, text: str) -> list[str]:
    blog = Blog(blog_dir)
    blog.load()
    return relatives(Searcher().search(blog.index.posts(), parse_query(text)))


def test_search_without_accents_over_titles_tags_and_bodies(blog_dir: Path) -> None:
    assert search(blog_dir, "confidentialite") == [CONFIDENTIALITE]
    assert search(blog_dir, "REVOLUTION") == [MOBILE]
    assert search(blog_dir, "instagram") == [MOBILE]  # only in the body
    assert search(blog_dir, "reseaux sociaux mobile") == [MOBILE]  # tags and title
    assert search(blog_dir, "jobs instagram") == []  # every word must be found


def test_title_matches_come_first(blog_dir: Path) -> None:
    newer = "2011-01-01-souvenir.md"
    (blog_dir / newer).write_text('---\ntitle: "Souvenir"\n---\nLe discours de Stanford.\n')
    assert search(blog_dir, "stanford") == [STEVE, newer]  # newer, but only in its body


def test_field_words_filter(blog_dir: Path) -> None:
    assert search(blog_dir, "tag:apple") == [STEVE, MOBILE]
    assert search(blog_dir, "tag:reseaux-sociaux") == []
    assert len(search(blog_dir, 'tag:"réseaux sociaux"')) == 2
    assert len(search(blog_dir, "year:2010")) == 4
    assert search(blog_dir, "year:2011") == []
    assert search(blog_dir, "draft:yes") == []
    assert search(blog_dir, "tag:apple year:2010 stanford") == [STEVE]


def test_an_edited_body_is_read_again(blog_dir: Path) -> None:
    blog = Blog(blog_dir)
    blog.load()
    searcher = Searcher()
    query = parse_query("zanzibar")
    assert searcher.search(blog.index.posts(), query) == []
    path = blog_dir / STEVE
    path.write_text(path.read_text("utf-8") + "\nZanzibar.\n", "utf-8")
    blog.index.add(blog.refresh([path])[0][0])
    assert relatives(searcher.search(blog.index.posts(), query)) == [STEVE]


def post(title: str, day: int, mtime: int) -> Post:
    date = dt.datetime(2020, 1, day)
    return Post(
        Path(f"/b/{day}.md"), f"{day}.md", title, date, "front matter", (), False, mtime_ns=mtime
    )


def test_orders() -> None:
    posts = [post("Zoo", 3, 1), post("Économie", 2, 3), post("abeille", 1, 2)]  # newest first
    searcher = Searcher()
    assert [p.title for p in searcher.ordered(posts, "newest")] == ["Zoo", "Économie", "abeille"]
    assert [p.title for p in searcher.ordered(posts, "oldest")] == ["abeille", "Économie", "Zoo"]
    assert [p.title for p in searcher.ordered(posts, "title")] == ["abeille", "Économie", "Zoo"]
    assert [p.title for p in searcher.ordered(posts, "modified")] == ["Économie", "abeille", "Zoo"]


# What the README promises, written here without the searcher's helpers: a
# search that agreed with itself alone once hid what both got wrong.


def spec_fold(text: str) -> str:
    """Case and accents ignored: lower case, each letter without its marks,
    "œ" and "æ" spelled as they are typed without the key."""
    if text.isascii():
        return text.lower()  # nothing to take off: the same, sooner
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    unmarked = "".join(char for char in decomposed if not unicodedata.combining(char))
    return unmarked.replace("œ", "oe").replace("æ", "ae")


def starts_a_word(word: str, text: str) -> bool:
    """Whether ``word`` is in ``text`` where a word starts: at the start of
    the text, or after a character that is neither a letter nor a digit
    (``[^\\W_]``: what str.isalnum() says yes to)."""
    return re.search(r"(?<![^\W_])" + re.escape(word), text) is not None


@dataclass
class SpecQuery:
    words: list[str]
    tags: list[str]
    draft: bool | None
    year: int | None


def spec_query(text: str) -> SpecQuery:
    """Words, "phrases", tag:name, tag:"two words", draft:yes|no, year:2010."""
    query = SpecQuery([], [], None, None)
    for field, phrase, plain in re.findall(r'(?:(tag|draft|year):)?(?:"([^"]*)"|(\S+))', text):
        value = phrase or plain
        if field == "tag":
            query.tags.append(spec_fold(value))
        elif field == "draft" and value in ("yes", "no"):
            query.draft = value == "yes"
        elif field == "year" and value.isdigit():
            query.year = int(value)
        elif value.strip():
            query.words.append(spec_fold(f"{field}:{value}" if field else value))
    return query


def body_of(post: Post) -> str:
    """The post's text after its front matter."""
    text = decode(post.path.read_bytes()).text
    return text[frontmatter.split(text).body_offset :]


def expected(posts: list[Post], text: str, known: dict[str, list[str]] | None = None) -> list[str]:
    """The posts the README says ``text`` finds, in the order it says: those
    whose title has every word first, then the others, each newest first.
    ``known``: each post's folded title, tags and body, kept from a search
    of the same posts before."""
    query = spec_query(text)
    known = {} if known is None else known
    found = []
    for post in posts:  # newest first, as the index gives them
        tags = [spec_fold(tag) for tag in (*post.tags, *post.categories)]
        if not all(tag in tags for tag in query.tags):
            continue
        if query.draft is not None and post.draft != query.draft:
            continue
        if query.year is not None and (post.date is None or post.date.year != query.year):
            continue
        places = known.get(post.relative)
        if places is None:
            places = known[post.relative] = [spec_fold(post.title), *tags, spec_fold(body_of(post))]
        if all(any(starts_a_word(word, place) for place in places) for word in query.words):
            found.append(post)
    title_has_all = [
        post
        for post in found
        if all(starts_a_word(word, spec_fold(post.title)) for word in query.words)
    ]
    return relatives(title_has_all + [post for post in found if post not in title_has_all])


def test_the_specification_reads_as_the_readme_says(blog_dir: Path) -> None:
    """The oracle itself, on the README's own examples."""
    assert spec_fold("Confidentialité") == "confidentialite"
    assert starts_a_word("oeuvre", spec_fold("chef-d’œuvre"))
    assert starts_a_word("ete", spec_fold("Un été")) and not starts_a_word("ete", "complete")
    assert spec_query('tag:"réseaux sociaux" draft:no year:2010 "deux types" Photo') == SpecQuery(
        ["deux types", "photo"], ["reseaux sociaux"], False, 2010
    )
    posts = Blog(blog_dir).load().posts()
    assert expected(posts, "confidentialite") == [CONFIDENTIALITE]
    assert expected(posts, "tag:apple") == [STEVE, MOBILE]
    assert expected(posts, "stanford tag:apple year:2010") == [STEVE]


def sample_words(bodies: list[str], rng: random.Random) -> list[str]:
    """Words to search for: pieces of the bodies (whole words, their starts,
    phrases, what holds a hyphen or an apostrophe), and some from nowhere."""
    words = ["zzzq", "e-mail", "d'", "’", "--", "c++", "2010", "l'homme", "deux types"]
    for body in rng.sample(bodies, min(len(bodies), 6)):
        if not body.strip():
            continue
        for _ in range(4):
            start = rng.randrange(len(body))
            words.append(body[start : start + rng.randint(1, 14)].strip())
    return [word for word in words if word]


def test_the_bodies_words_find_what_looking_through_the_bodies_found(corpora: Path) -> None:
    rng = random.Random(5)
    for name in ("fr-nhoizey", "hugo-ropensci", "jekyll-mademistakes", "messy"):
        blog = Blog(corpora / name)
        blog.load()
        posts = blog.index.posts()
        bodies = sorted(body_of(post) for post in posts)  # as written: the query is folded
        searcher = Searcher()
        known: dict[str, list[str]] = {}
        for word in sample_words(bodies, rng):
            if '"' in word:
                continue  # it would end the phrase
            for text in (f'"{word}"', f"{word} {rng.choice(['the', 'le', 'a'])}"):
                query = parse_query(text)
                assert relatives(searcher.search(posts, query)) == expected(posts, text, known), (
                    name,
                    text,
                )


WRITTEN = "abé é-_'’œ1 \u0301.EeŒ"


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    posts=st.lists(
        st.tuples(
            st.text(alphabet=WRITTEN, max_size=12),  # the title
            st.lists(st.text(alphabet="abé-’œ1E", min_size=1, max_size=4), max_size=2),
            st.booleans(),  # a draft
            st.sampled_from([2019, 2020]),
            st.text(alphabet=WRITTEN + "\n", max_size=40),  # the body
        ),
        min_size=1,
        max_size=6,
    ),
    word=st.text(alphabet=WRITTEN, min_size=1, max_size=5),
)
def test_any_word_is_found_as_looking_through_the_bodies_found_it(
    tmp_path: Path, posts: list[tuple[str, list[str], bool, int, str]], word: str
) -> None:
    folder = tmp_path / str(len(list(tmp_path.iterdir())))
    folder.mkdir()
    for number, (title, tags, draft, year, body) in enumerate(posts):
        front = (
            f"title: {json.dumps(title)}\ntags: {json.dumps(tags)}\ndate: {year}-01-0{number + 1}"
        )
        front += "\ndraft: true" if draft else ""
        (folder / f"{number}.md").write_text(f"---\n{front}\n---\n{body}\n", "utf-8")
    blog = Blog(folder)
    blog.load()
    listed = blog.index.posts()
    searcher = Searcher()
    tag = next((tags[0] for _, tags, *_ in posts if tags), "a")
    for text in (word, f'"{word}"', f"tag:{tag} {word}", f"draft:no {word}", f"year:2020 {word}"):
        assert relatives(searcher.search(listed, parse_query(text))) == expected(listed, text), text


def test_a_search_is_done_at_once_only_when_every_body_it_needs_is_known(blog_dir: Path) -> None:
    blog = Blog(blog_dir)
    blog.load()
    posts = blog.index.posts()
    searcher = Searcher()
    query = parse_query("instagram")  # only in a body
    assert searcher.at_once(posts, query) is None  # no body read yet
    for post in posts:
        searcher.learn(post)
    assert relatives(searcher.at_once(posts, query) or []) == [MOBILE]
    two_words = parse_query("instagram mobile")
    assert relatives(searcher.at_once(posts, two_words) or []) == [MOBILE]
    assert searcher.at_once(posts, two_words, most=len(posts) - 1) is None  # for a thread
    assert searcher.at_once(posts, query, most=1) is not None  # one word: always at once
    path = blog_dir / STEVE
    path.write_text(path.read_text("utf-8") + "\nInstagram aussi.\n", "utf-8")
    blog.index.add(blog.refresh([path])[0][0])
    posts = blog.index.posts()
    assert searcher.at_once(posts, query) is None  # its body changed since
    assert relatives(searcher.search(posts, query)) == [STEVE, MOBILE]
    assert relatives(searcher.at_once(posts, query) or []) == [STEVE, MOBILE]


def test_a_search_at_once_answers_for_the_posts_it_is_given_as_they_are_now(
    blog_dir: Path,
) -> None:
    # What it lines up with a list (each post's heading and body) is kept
    # for the next search of the same posts: never for other posts.
    blog = Blog(blog_dir)
    blog.load()
    posts = blog.index.posts()
    searcher = Searcher()
    for post in posts:
        searcher.learn(post)
    searcher.learned(posts)
    query = parse_query("zanzibar")
    assert searcher.at_once(posts, query) == []
    path = blog_dir / STEVE
    path.write_text(path.read_text("utf-8") + "\nZanzibar.\n", "utf-8")
    again = blog.refresh([path])[0][0]
    listed = list(posts)
    where = relatives(listed).index(STEVE)
    listed[where] = again  # the post read again, its body not yet
    assert searcher.at_once(listed, query) is None
    searcher.learn(again)
    assert relatives(searcher.at_once(listed, query) or []) == [STEVE]
    # The same list changed in place, with no body read in between: the
    # old post's body is known as its file is now, no longer as it was.
    listed[where] = posts[where]
    assert searcher.at_once(listed, query) is None
    listed[where] = again
    assert relatives(searcher.at_once(listed, query) or []) == [STEVE]
    # A thread's search of part of the list leaves the whole list lined up.
    searcher.elsewhere(listed[:2], query)
    assert searcher._kept is not None and searcher._kept[1] == listed


def test_a_search_at_once_finds_what_a_search_in_two_steps_finds(corpora: Path) -> None:
    rng = random.Random(7)
    for name in ("fr-nhoizey", "jekyll-mademistakes"):
        blog = Blog(corpora / name)
        blog.load()
        posts = blog.index.posts()
        searcher = Searcher()
        for post in posts:
            searcher.learn(post)
        bodies = sorted(folded_body(post) for post in rng.sample(posts, 6))
        words = [
            word
            for body in bodies
            for word in rng.sample(body.split() or ["x"], min(3, len(body.split()) or 1))
        ]
        for word in words:
            for text in (word, word[:2], f"{word} le", f"tag:{word} {word}", f"year:2015 {word}"):
                query = parse_query(text)
                found = searcher.at_once(posts, query)
                assert found is not None, (name, text)
                assert relatives(found) == relatives(searcher.search(posts, query)), (name, text)
