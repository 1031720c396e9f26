"""Ingest and query costs, each against a baseline measured in the same run.

1. Throughput: ``tidings ingest`` (analysis, near-duplicates, stories, SQLite writes) against
   ``tidings analyze`` (the same analysis, facts serialised to JSON) over the same sample
   articles, one process each, in fresh subprocesses, rotating, median of ``--repeats``.
   Target: ingest >= 0.9x analyze throughput.
2. Scale: the storage side alone (writing, near-duplicate lookup, story assignment, event
   merging) for 1x, 4x and 16x the corpus: the sample's facts analysed once, then written
   again as new articles with small edits, other publishers and dates spread over two
   months. Near linear means the time per article stays flat.
3. Queries: a database generated with 1,000,000 events (100,000 articles) and the read
   side's queries timed: search, filtered events (type, country, actor, dates, story,
   sources), stories. Target: p95 under 50 ms.

    python benchmarks/ingest.py                          # print the tables
    python benchmarks/ingest.py --write docs/benchmarks.md
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import platform
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import load_texts, run_child, write_section

MARKER = "<!-- ingest -->"
EVENT_TYPES = ("ASSAULT", "PROTEST", "COERCE", "AID", "CONSULT", "ACCUSE", "DISASTER")
COUNTRIES = ("US", "FR", "KR", "UA", "NG", "BR", "IN", "PL", "DE", "JP")
CODES = ("USAGOV", "FRACOP", "PRKMIL", "KORMIL", "UKRMIL", "NGAREB", "CVL", "MED")
WORDS = (
    "harbour bridge council flood protest minister election strike border village soldiers "
    "police court market school hospital storm ceasefire talks budget pension airport"
).split()


def articles(limit: int) -> list[Any]:
    from tidings.ingest import article_from_text

    rows = load_texts(limit)
    return [
        article_from_text(row["text"], f"sample[{n}]", title=row["title"], published=row["date"])
        for n, row in enumerate(rows, start=1)
    ]


def measure_throughput(mode: str, limit: int) -> dict[str, float]:
    """One mode in this process: seconds for ``limit`` sample articles."""
    from tidings.ingestion import ingest
    from tidings.output.json import to_json
    from tidings.pipeline import analyze_articles
    from tidings.settings import Settings

    settings = Settings()
    items = articles(limit)
    list(analyze_articles(items[:2], settings))  # warm up: model and gazetteer
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        if mode == "analyze":
            for facts in analyze_articles(items, settings):
                to_json(facts)
        else:
            table = Path(folder) / "sample.jsonl"
            table.write_text(
                "".join(
                    json.dumps({"title": a.title, "text": a.text, "date": a.published}) + "\n"
                    for a in items
                ),
                encoding="utf-8",
            )
            start = time.perf_counter()
            ingest([str(table)], Path(folder) / "bench.db", settings, workers=1)
        seconds = time.perf_counter() - start
    return {"seconds": seconds, "articles": len(items)}


def measure_scale(limit: int, factors: tuple[int, ...]) -> list[dict[str, float]]:
    """Writing time per article at each multiple of the corpus (analysis done once)."""
    from tidings.pipeline import analyze_articles
    from tidings.settings import Settings
    from tidings.store.schema import connect
    from tidings.store.writer import Writer

    base = list(analyze_articles(articles(limit), Settings()))
    results = []
    for factor in factors:
        variants = list(_variants(base, factor))
        with tempfile.TemporaryDirectory() as folder:
            writer = Writer(connect(Path(folder) / "scale.db"))
            start = time.perf_counter()
            outcomes = [writer.write(facts) for facts in variants]
            seconds = time.perf_counter() - start
            stories = writer.connection.execute("SELECT COUNT(*) FROM stories").fetchone()[0]
            writer.connection.close()
        results.append(
            {
                "factor": factor,
                "articles": len(variants),
                "seconds": seconds,
                "copies": outcomes.count("copy"),
                "stories": stories,
            }
        )
    return results


def _variants(base: list[Any], factor: int) -> Any:
    """``factor`` versions of every article: the original, then edited copies from other
    publishers on other days (so that near-duplicates and stories are both exercised)."""
    from tidings.ingest import article_id

    chooser = random.Random(factor)
    for copy in range(factor):
        for facts in base:
            article = facts.article
            text = article.text if copy == 0 else _edited(article.text, chooser)
            day = chooser.randint(1, 28) if copy else None
            published = (
                f"2020-{chooser.choice(('03', '04'))}-{day:02}" if day else article.published
            )
            changed = dataclasses.replace(
                article,
                id=article_id(text),
                text=text,
                source=f"outlet{copy}",
                published=published,
                origin=f"{article.origin}#{copy}",
            )
            yield dataclasses.replace(facts, article=changed)


def _edited(text: str, chooser: random.Random) -> str:
    words = text.split(" ")
    for _ in range(3):
        position = chooser.randrange(len(words))
        words[position] = chooser.choice(WORDS)
    return " ".join(words) + f" (update {chooser.randrange(10**6)})"


def _word(chooser: random.Random) -> str:
    """A word of a 20,000-word vocabulary, drawn with Zipf-like frequencies."""
    rank = min(int(chooser.paretovariate(1.1)), 20_000)
    return f"w{rank}" if rank > len(WORDS) else WORDS[rank - 1]


def build_query_database(path: Path, events: int) -> None:
    """A database with ``events`` events over ``events // 10`` articles, written directly."""
    from tidings.store.schema import connect

    connection = connect(path)
    chooser = random.Random(7)
    per_article = 10
    connection.execute("BEGIN")
    for number in range(events // per_article):
        article = f"{number:016x}"
        story = number // 5 + 1
        day = f"2020-{chooser.randint(1, 12):02}-{chooser.randint(1, 28):02}"
        text = " ".join(_word(chooser) for _ in range(120))
        if number % 5 == 0:
            connection.execute(
                "INSERT INTO stories (id, title, first_published, last_published, articles, "
                "sources) VALUES (?, ?, ?, ?, 5, ?)",
                (story, f"Story {story}", day, day, chooser.randint(1, 6)),
            )
        connection.execute(
            "INSERT INTO articles (id, title, published, origin, text, ingested_at, story_id, "
            "publisher) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (article, f"Article {number}", day, f"gen[{number}]", text, day, story,
             f"outlet{number % 50}"),
        )  # fmt: skip
        for index in range(per_article):
            kind = chooser.choice(EVENT_TYPES)
            country = chooser.choice(COUNTRIES)
            connection.execute(
                'INSERT INTO places (article_id, id, name, text, start, "end", lat, lon, '
                "country, precision, metonymic, confidence) "
                "VALUES (?, ?, ?, ?, 0, 1, 1.0, 2.0, ?, 'city', 0, 0.9)",
                (article, f"p{index}", f"Town{index}", f"Town{index}", country),
            )
            connection.execute(
                "INSERT INTO actors (article_id, id, name, code, plural) VALUES (?, ?, ?, ?, 1)",
                (article, f"a{index}", "someone", chooser.choice(CODES)),
            )
            canonical = number * per_article + index + 1
            connection.execute(
                "INSERT INTO canonical_events (id, story_id, type, date, date_first, date_last, "
                "broad, mentions, sources, country, place_name, actor_code) "
                "VALUES (?, ?, ?, ?, ?, ?, 0, 1, ?, ?, ?, ?)",
                (canonical, story, kind, day, day, day, chooser.randint(1, 6), country,
                 f"Town{index}", chooser.choice(CODES)),
            )  # fmt: skip
            connection.execute(
                "INSERT INTO events (article_id, id, type, trigger, trigger_start, trigger_end,"
                " evidence_start, evidence_end, actor_id, place_id, date, date_first, date_last,"
                " negated, modality, canonical_id) "
                "VALUES (?, ?, ?, 'word', 0, 4, 0, 20, ?, ?, ?, ?, ?, 0, 'asserted', ?)",
                (article, f"ev{index}", kind, f"a{index}", f"p{index}", day, day, day, canonical),
            )
    connection.execute("COMMIT")
    connection.execute("ANALYZE")
    connection.close()


QUERIES: dict[str, dict[str, Any]] = {
    "search a word in every article": {"search": "harbour"},
    "search a word in 3% of articles": {"search": "w50"},
    "search a rare word": {"search": "w900"},
    "search two words": {"search": "w150 AND w90"},
    "events by type": {"events": {"type": "PROTEST"}},
    "events by type and country": {"events": {"type": "ASSAULT", "country": "UA"}},
    "events by actor code": {"events": {"actor": "PRKMIL"}},
    "events in a month": {"events": {"since": "2020-06-01", "until": "2020-06-30"}},
    "events of a type up to a month": {"events": {"type": "PROTEST", "until": "2020-05"}},
    "events of a story": {"events": {"story": 4321}},
    "events with 5+ sources": {"events": {"min_sources": 5}},
    "stories with 4+ sources": {"stories": {"min_sources": 4}},
}


def measure_queries(path: Path, repeats: int) -> dict[str, list[float]]:
    from tidings.store.queries import Corpus

    timings: dict[str, list[float]] = {name: [] for name in QUERIES}
    with Corpus(path) as corpus:
        for _ in range(repeats):
            for name, query in QUERIES.items():
                start = time.perf_counter()
                if "search" in query:
                    corpus.search(query["search"], limit=20)
                elif "events" in query:
                    corpus.events(limit=100, **query["events"])
                else:
                    corpus.stories(limit=100, **query["stories"])
                timings[name].append((time.perf_counter() - start) * 1000)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--limit", type=int, default=100, help="sample articles per run")
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--write", type=Path)
    parser.add_argument("--child", choices=("analyze", "ingest"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure_throughput(args.child, args.limit)))
        return
    runs: dict[str, list[dict[str, float]]] = {"analyze": [], "ingest": []}
    for repeat in range(args.repeats):
        for mode in ("analyze", "ingest") if repeat % 2 == 0 else ("ingest", "analyze"):
            runs[mode].append(run_child(__file__, ["--child", mode, "--limit", str(args.limit)]))
            print(f"  {mode} run {repeat + 1}: {runs[mode][-1]['seconds']:.1f} s", file=sys.stderr)
    scale = measure_scale(min(args.limit, 50), (1, 4, 16))
    print("  scale done", file=sys.stderr)
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "million.db"
        started = time.perf_counter()
        build_query_database(database, args.events)
        built = time.perf_counter() - started
        size = database.stat().st_size / 2**20
        timings = measure_queries(database, repeats=30)
    table = report(runs, scale, timings, args, built, size)
    print(table)
    if args.write:
        write_section(args.write, table, MARKER)


def report(
    runs: dict[str, list[dict[str, float]]],
    scale: list[dict[str, float]],
    timings: dict[str, list[float]],
    args: argparse.Namespace,
    built: float,
    size: float,
) -> str:
    median = {mode: statistics.median(run["seconds"] for run in runs[mode]) for mode in runs}
    ratio = median["analyze"] / median["ingest"]
    per_article = [item["seconds"] / item["articles"] * 1000 for item in scale]
    lines = [
        MARKER,
        f"Measured {time.strftime('%Y-%m-%d')} on {platform.machine()}, Python "
        f"{platform.python_version()}, one process.",
        "",
        f"**Throughput** ({args.limit} sample articles, median of {args.repeats} rotating runs):",
        "",
        "| mode | seconds | articles/s | each run (s) |",
        "| --- | ---: | ---: | ---: |",
    ]
    for mode, label in (("analyze", "tidings analyze (JSON)"), ("ingest", "tidings ingest")):
        each = ", ".join(f"{run['seconds']:.1f}" for run in runs[mode])
        lines.append(f"| {label} | {median[mode]:.1f} | {args.limit / median[mode]:.2f} | {each} |")
    lines += [
        "",
        f"**Ratio ingest / analyze throughput: {ratio:.2f}** (target >= 0.90).",
        "",
        "**Scale** (storage alone: near-duplicates, stories, event merging, SQLite; the "
        f"facts of {scale[0]['articles']:.0f} sample articles written as new articles):",
        "",
        "| corpus | articles | ms per article | vs 1x | copies found | stories |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for item, cost in zip(scale, per_article, strict=True):
        lines.append(
            f"| {item['factor']:.0f}x | {item['articles']:.0f} | {cost:.1f} | "
            f"{cost / per_article[0]:.2f} | {item['copies']:.0f} | {item['stories']:.0f} |"
        )
    lines += [
        "",
        f"**Queries** on a generated database of {args.events:,} events "
        f"({args.events // 10:,} articles, {size:.0f} MiB, built in {built:.0f} s), "
        "30 runs each:",
        "",
        "| query | p50 (ms) | p95 (ms) |",
        "| --- | ---: | ---: |",
    ]
    for name, values in timings.items():
        ordered = sorted(values)
        p95 = ordered[int(0.95 * (len(ordered) - 1))]
        lines.append(f"| {name} | {statistics.median(ordered):.1f} | {p95:.1f} |")
    worst = max(sorted(v)[int(0.95 * (len(v) - 1))] for v in timings.values())
    lines += ["", f"**Slowest p95: {worst:.1f} ms** (target < 50 ms).", MARKER]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
