"""Finding and ordering posts, without a terminal."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tui.blog import Blog, Post
from tui.blog.search import Query, Searcher, fold, folded_spans, parse_query, word_in

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


def test_words_are_found_where_words_start() -> None:
    assert word_in("ete", fold("Un été à Paris"))
    assert not word_in("ete", fold("complete"))
    assert not word_in("the", "other")
    assert word_in("confid", "confidentialite")
    assert word_in("oeuvre", fold("chef-d’œuvre"))
    assert word_in("42", "page-42")
    assert folded_spans("complete été", ["ete"]) == [(9, 12)]


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
