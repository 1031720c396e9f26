from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tidings.ingest.published import iso_published


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2019-01-04", "2019-01-04"),
        ("2017-11-13T09:30:00Z", "2017-11-13T09:30:00+00:00"),
        ("Mon, 13 Nov 2017 09:30:00 GMT", "2017-11-13T09:30:00+00:00"),
        ("13 November 2017", "2017-11-13"),
        ("November 13, 2017", "2017-11-13"),
        ("Nov. 13, 2017", "2017-11-13"),
    ],
)
def test_dates_we_can_read_for_sure(value: str, expected: str) -> None:
    assert iso_published(value) == expected


@pytest.mark.parametrize("value", ["11/12/2017", "yesterday", "", None, "2017-13-45", "soon"])
def test_ambiguous_or_unreadable_dates_are_not_guessed(value: str | None) -> None:
    assert iso_published(value) is None


@given(st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2200, 12, 31)))
def test_iso_dates_round_trip(day: dt.date) -> None:
    assert iso_published(day.isoformat()) == day.isoformat()
    assert iso_published(day.strftime("%d %B %Y")) == day.isoformat()


def test_table_dates_are_normalised(tmp_path: object) -> None:
    from pathlib import Path

    from tidings.ingest import read
    from tidings.settings import Settings

    path = Path(str(tmp_path)) / "news.csv"
    path.write_text(
        "title,date,text\n"
        'Flood,"November 13, 2017","Floods hit Dhaka on Monday, officials in Bangladesh said."\n'
        'Storm,11/12/2017,"A storm hit Manila on Tuesday, officials in the Philippines said."\n',
        encoding="utf-8",
    )
    articles = list(read([str(path)], Settings()))
    assert [getattr(a, "published", "error") for a in articles] == ["2017-11-13", None]
