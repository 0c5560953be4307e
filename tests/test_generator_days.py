"""The day a Node generator's instant falls on, in the offset the post itself writes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.generators._node import own_day


@pytest.mark.parametrize(
    ("written", "instant", "zone", "day"),
    [
        ("2019-07-25 01:00:00 +02:00", "2019-07-24T23:00:00.000Z", None, "2019-07-25"),
        ("2024-03-01T23:30:00-05:00", "2024-03-02T04:30:00.000Z", None, "2024-03-01"),
        ("'2024-03-01T23:30:00.000Z'", "2024-03-01T23:30:00.000Z", None, "2024-03-01"),
        ("2018-09-11 19:00:00", "2018-09-11T19:00:00.000Z", None, "2018-09-11"),
        ("2020-01-01 01:00:00", "2019-12-31T16:00:00.000Z", "Asia/Tokyo", "2020-01-01"),
        ("'2026-08-12'", "2026-08-12T00:00:00.000Z", None, "2026-08-12"),
    ],
)
def test_the_day_is_the_one_the_post_writes(
    tmp_path: Path, written: str, instant: str, zone: str | None, day: str
) -> None:
    post = tmp_path / "post.md"
    post.write_text(f"---\ntitle: A\ndate: {written}\n---\nBody\n", encoding="utf-8")
    assert own_day(instant, zone, post) == day


def test_a_date_from_the_file_name_is_the_generators_day(tmp_path: Path) -> None:
    post = tmp_path / "2014-06-14-post.md"
    post.write_text("---\ntitle: A\n---\nBody at 12:00 +09:00\n", encoding="utf-8")
    assert own_day("2014-06-14T00:00:00.000Z", None, post) == "2014-06-14"
    assert own_day(None, None, post) is None
