"""Hostile and odd input: one bad input never costs another, and each gets a clear reason.

Each test feeds the real thing (a text over the length limit, a lone surrogate in JSON, a
killed ingest's workers, UTF-16 without a byte order mark, 100,000 nested ``<div>``s ...) in a
batch with good inputs, and checks that the good ones are analysed or stored and the bad one
is named with its reason.
"""

from __future__ import annotations

import dataclasses
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import click
import psutil
import pytest
from click.testing import CliRunner
from rich.console import Console
from spacy.language import Language

from tidings.cli import main
from tidings.cli.app import INTERNAL_ERROR, Commands
from tidings.errors import ArchiveError, TableError, TooLong, UnsupportedLanguage
from tidings.ingest import article_from_text, read
from tidings.ingest.decode import decode
from tidings.ingestion import ingest
from tidings.model import Article
from tidings.nlp import annotate
from tidings.output.progress import Activity
from tidings.pipeline import analyze_articles, analyze_text
from tidings.settings import Settings

GOOD = (
    "Flood cuts off mountain villages\n\n"
    "Heavy rain on Sunday sent the river over its banks in Graz, cutting off four villages, "
    'the regional council said. "We are bringing food by helicopter," mayor Anna Huber told '
    "reporters. About 300 people left their homes."
)
OTHER = (
    "Bridge closed after crash\n\n"
    "A lorry hit the old bridge in Porto on Tuesday, and the city closed it to traffic, "
    "officials said. Two people were taken to hospital, according to the police."
)
CHINESE = (
    "暴雨袭击山区村庄\n\n"
    "周日的暴雨使河水漫过河岸，四个村庄与外界隔绝。地区议会表示，约三百人被迫离开家园。"
    "市长告诉记者，救援人员正在用直升机运送食物和饮用水。气象部门预计本周晚些时候还会有降雨。"
)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def spans_off_their_text(facts: object) -> list[str]:
    """Every span of ``facts`` (anything with ``start``, ``end`` and ``text``, at any depth)
    whose text is not the article's text between its offsets."""
    text = facts.article.text  # type: ignore[attr-defined]
    wrong: list[str] = []

    def visit(value: object) -> None:
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            if all(hasattr(value, name) for name in ("start", "end", "text")):
                start, end, said = value.start, value.end, value.text  # type: ignore[attr-defined]
                if isinstance(start, int) and text[start:end] != said:
                    wrong.append(f"{type(value).__name__} {start}:{end} {said!r}")
            for field in dataclasses.fields(value):
                if field.name != "article":
                    visit(getattr(value, field.name))
        elif isinstance(value, (list, tuple)):
            for item in value:
                visit(item)

    visit(facts)
    return wrong


def long_text(characters: int) -> str:
    paragraph = GOOD.split("\n\n", 1)[1] + "\n\n"
    return (paragraph * (characters // len(paragraph) + 1))[:characters]


def stored_origins(database: Path) -> list[str]:
    with sqlite3.connect(database) as connection:
        return sorted(row[0] for row in connection.execute("SELECT origin FROM articles"))


def recorded_errors(database: Path) -> dict[str, str]:
    with sqlite3.connect(database) as connection:
        return dict(connection.execute("SELECT origin, reason FROM errors").fetchall())


# --- a text over the length limit -----------------------------------------------------------


def test_a_text_over_max_chars_is_refused_by_name_and_the_batch_goes_on(tmp_path: Path) -> None:
    first = write(tmp_path, "a.txt", GOOD)
    huge = write(tmp_path, "huge.txt", long_text(1_000_001))  # under the 5 MB input cap
    last = write(tmp_path, "c.txt", OTHER)
    result = CliRunner().invoke(
        main, ["analyze", str(first), str(huge), str(last), "--format", "jsonl"]
    )
    assert result.exit_code == 1, result.output
    analysed = [json.loads(line)["article"]["origin"] for line in result.stdout.splitlines()]
    assert analysed == [str(first), str(last)]
    assert f"{huge}: 1,000,001 characters of text is over the 1,000,000-character" in (
        " ".join(result.stderr.split())
    )
    assert "TIDINGS_MAX_CHARS" in " ".join(result.stderr.split())


def test_ingest_with_one_worker_stores_the_others_and_records_the_long_one(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    good = [write(folder, "a.txt", GOOD), write(folder, "c.txt", OTHER)]
    huge = write(folder, "b.txt", long_text(60_000))
    database = tmp_path / "news.db"
    summary = ingest([str(folder)], database, Settings(max_chars=50_000), workers=1)
    assert (summary.new, summary.failed) == (2, 1)
    assert stored_origins(database) == [str(path) for path in good]
    assert (
        "60,000 characters of text is over the 50,000-character"
        in (recorded_errors(database)[str(huge)])
    )
    again = ingest([], database, Settings(max_chars=100_000), retry_failed=True)
    assert (again.new, again.failed) == (1, 0)  # a raised limit lets it in


def test_an_article_made_by_hand_over_the_limit_goes_to_on_error(tmp_path: Path) -> None:
    articles = [
        article_from_text(GOOD, "good"),
        article_from_text(long_text(5_000), "long"),
        article_from_text(OTHER, "other"),
    ]
    failures: list[Exception] = []
    settings = Settings(max_chars=4_000, places=False)
    facts = list(analyze_articles(articles, settings, failures.append))
    assert [item.article.origin for item in facts] == ["good", "other"]
    assert [type(error) for error in failures] == [TooLong]


def test_spacy_failing_on_one_text_costs_only_that_text(nlp: Language) -> None:
    articles = [
        article_from_text(GOOD, "good"),
        article_from_text(long_text(3_000), "long"),
        article_from_text(OTHER, "other"),
    ]
    failed: list[tuple[str, str]] = []
    saved = nlp.max_length
    nlp.max_length = 2_000  # spaCy's own E088 refusal, for real, on the middle text
    try:
        documents = list(
            annotate(
                articles,
                nlp,
                batch_size=8,
                on_failure=lambda article, error: failed.append((article.origin, str(error))),
            )
        )
    finally:
        nlp.max_length = saved
    assert [document.article.origin for document in documents] == ["good", "other"]
    assert [origin for origin, _ in failed] == ["long"]
    assert "E088" in failed[0][1]


# --- lone surrogates ------------------------------------------------------------------------


def test_a_lone_surrogate_in_json_is_repaired_and_the_table_stored(tmp_path: Path) -> None:
    broken = GOOD.replace("Heavy rain", "Heavy \\ud800rain")
    rows = [
        json.dumps({"text": OTHER}),
        '{"text": "' + broken.replace("\n", "\\n").replace('"', '\\"') + '"}',
        json.dumps({"text": GOOD.replace("Graz", "Linz")}),
    ]
    table = write(tmp_path, "news.jsonl", "\n".join(rows) + "\n")
    database = tmp_path / "news.db"
    summary = ingest([str(table)], database, Settings(), workers=1)
    assert (summary.new, summary.failed) == (3, 0)
    with sqlite3.connect(database) as connection:
        (text,) = connection.execute(
            "SELECT text FROM articles WHERE origin = ?", (f"{table}[2]",)
        ).fetchone()
    assert text == GOOD.replace("Heavy rain", "Heavy \ufffdrain")  # one character for one


def test_analyze_text_with_a_lone_surrogate_keeps_every_span() -> None:
    text = GOOD.replace("mayor", "\udc80mayor")
    facts = analyze_text(text, Settings(places=False))
    assert facts.article.text == GOOD.replace("mayor", "\ufffdmayor")
    assert spans_off_their_text(facts) == []
    speakers = {quote.speaker.name for quote in facts.quotes if quote.speaker is not None}
    assert any(name.endswith("Anna Huber") for name in speakers), speakers


# --- workers of a killed ingest -------------------------------------------------------------


def test_workers_exit_when_their_ingest_is_killed(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    for number in range(200):
        write(folder, f"story{number:03}.txt", GOOD.replace("300", str(number + 10)))
    command = [sys.executable, "-m", "tidings", "ingest", str(folder),
               "--db", str(tmp_path / "news.db"), "--workers", "2"]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    parent = psutil.Process(process.pid)
    deadline = time.monotonic() + 90
    workers: list[psutil.Process] = []
    while time.monotonic() < deadline and process.poll() is None:
        workers = [child for child in parent.children() if "spawn" in " ".join(child.cmdline())]
        if len(workers) >= 2:
            break
        time.sleep(0.1)
    assert len(workers) >= 2, "the ingest started no workers"
    time.sleep(1.0)  # let them get to work
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    _gone, alive = psutil.wait_procs(workers, timeout=30)
    for orphan in alive:  # leave nothing behind, whatever the outcome
        orphan.kill()
    assert not alive, f"{len(alive)} worker(s) lived on after their ingest was killed"


# --- language, encodings, markup, tables, archives -----------------------------------------


def test_chinese_is_not_taken_for_english(tmp_path: Path) -> None:
    chinese = write(tmp_path, "zh.txt", CHINESE)
    english = write(tmp_path, "en.txt", GOOD)
    items = list(read([str(chinese), str(english)], Settings()))
    assert isinstance(items[0], UnsupportedLanguage)
    assert items[0].language == "zh" and "Chinese" in items[0].reason
    assert isinstance(items[1], Article) and items[1].language == "en"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le"])
def test_utf16_and_utf32_without_a_byte_order_mark_are_text(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(GOOD.encode(encoding))  # no BOM
    (article,) = read([str(path)], Settings())
    assert isinstance(article, Article)
    assert article.text == GOOD and article.title == "Flood cuts off mountain villages"


def test_nul_bytes_at_random_are_still_binary() -> None:
    data = bytes(range(256)) * 20
    with pytest.raises(Exception, match="binary data"):
        decode(data, "blob", max_bytes=10**6)


def test_text_inside_100000_nested_divs_is_found(tmp_path: Path) -> None:
    body = "".join(f"<p>{line}</p>" for line in GOOD.split("\n\n")[1].split(". "))
    html = (
        "<!doctype html><html><head><title>Flood cuts off mountain villages</title></head><body>"
        + "<div>" * 100_000
        + body
        + "</div>" * 100_000
        + "</body></html>"
    )
    page = write(tmp_path, "deep.html", html)
    (article,) = read([str(page)], Settings())
    assert isinstance(article, Article), article
    assert "mayor Anna Huber told reporters" in article.text


@pytest.mark.parametrize(
    ("value", "kind"), [("12345", "a JSON number"), ("true", "a JSON true/false")]
)
def test_a_json_text_that_is_not_a_string_is_an_error(
    tmp_path: Path, value: str, kind: str
) -> None:
    table = write(tmp_path, "news.jsonl", f'{{"text": {value}}}\n' + json.dumps({"text": GOOD}))
    error, article = read([str(table)], Settings())
    assert isinstance(error, TableError)
    assert str(error) == f"{table}[1]: the 'text' column holds {kind}, not text"
    assert isinstance(article, Article) and article.text == GOOD


def test_a_warc_response_without_a_target_uri_is_named_plainly(tmp_path: Path) -> None:
    html = b"<html><body><p>" + GOOD.encode() + b"</p></body></html>"
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + html
    record = (
        b"WARC/1.0\r\nWARC-Type: response\r\n"
        b"Content-Type: application/http; msgtype=response\r\n"
        b"Content-Length: " + str(len(http)).encode() + b"\r\n\r\n" + http + b"\r\n\r\n"
    )
    archive = tmp_path / "crawl.warc"
    archive.write_bytes(record)
    (error,) = read([str(archive)], Settings())
    assert isinstance(error, ArchiveError)
    assert str(error) == (
        f"{archive}[record 1]: broken record: a response record without a WARC-Target-URI header"
    )


# --- the command line -----------------------------------------------------------------------


def test_an_internal_error_has_its_own_exit_code_and_asks_for_a_report() -> None:
    @click.group(cls=Commands)
    def group() -> None:
        """A group like tidings' own."""

    @group.command()
    def crash() -> None:
        {}["missing"]  # a bug

    @group.command()
    def fail() -> None:
        raise click.UsageError("bad usage")

    crashed = CliRunner().invoke(group, ["crash"])
    assert crashed.exit_code == INTERNAL_ERROR == 70
    assert "internal error: KeyError: 'missing'" in crashed.stderr
    assert "please report it" in crashed.stderr and "Traceback" in crashed.stderr
    assert CliRunner().invoke(group, ["fail"]).exit_code == 2  # usage errors stay 2


def test_ingest_limit_stops_after_n_articles(tmp_path: Path) -> None:
    database = tmp_path / "demo.db"
    result = CliRunner().invoke(
        main, ["ingest", "--sample", "--limit", "3", "--workers", "1", "--db", str(database)]
    )
    assert result.exit_code == 0, result.output
    assert "read 3 · new 3" in result.stderr
    assert len(stored_origins(database)) == 3
    with sqlite3.connect(database) as connection:
        urls = [row[0] for row in connection.execute("SELECT url FROM articles")]
    assert all(url.startswith("https://en.wikinews.org/wiki/") for url in urls), urls


def test_progress_off_a_terminal_is_a_line_every_few_seconds() -> None:
    out = io.StringIO()
    console = Console(file=out, force_terminal=False, width=200)
    now = [0.0]
    with Activity(console, "ingesting", total=100, rate=True, clock=lambda: now[0]) as activity:
        for done in range(1, 101):
            now[0] += 0.5  # two articles a second
            activity.update(done)
    lines = out.getvalue().splitlines()
    assert len(lines) == 10  # at 5, 10 ... 50 s; nothing for the first five seconds
    assert lines[0] == "ingesting: 10 of 100 · 2.0/s · about 45 s left · 5 s"
    assert lines[-1].startswith("ingesting: 100 of 100 · 2.0/s")
