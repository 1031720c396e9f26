"""Throughput of `tidings analyze` against bare spaCy `nlp.pipe`, measured in the same run.

Four modes: bare spaCy; analyze without places, dates and events (the entities, quotes,
numbers and summary of the first issues); analyze without places; and analyze. Each
measurement runs in a fresh subprocess (so peak RSS is per mode), rotating the modes
``--repeats`` times; the median time of each mode is reported, with the ratio analyze/spaCy
throughput (target: >= 0.8), the time dates and events add to analyze without places
(target: <= 25%) and the time place resolution adds to analyze (target: <= 15%).

    python benchmarks/throughput.py                     # print the table
    python benchmarks/throughput.py --write docs/benchmarks.md
"""

from __future__ import annotations

import argparse
import csv
import json
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

MARKER = "<!-- throughput -->"
MODES = ("spacy", "core", "no-places", "analyze")
LABELS = {
    "spacy": "bare spaCy nlp.pipe",
    "core": "tidings analyze --no-places --no-dates --no-events",
    "no-places": "tidings analyze --no-places",
    "analyze": "tidings analyze",
}


def load_texts(limit: int | None) -> list[dict[str, str]]:
    from tidings.sample import sample_paths

    rows: list[dict[str, str]] = []
    for path in sample_paths():
        with path.open(encoding="utf-8", newline="") as handle:
            rows.extend(csv.DictReader(handle))
    return rows[:limit] if limit else rows


def measure(mode: str, limit: int | None) -> dict[str, float]:
    """Run one mode in this process; return seconds, articles, words and peak RSS."""
    rows = load_texts(limit)
    texts = [row["text"] for row in rows]
    if mode == "spacy":
        import spacy

        from tidings.nlp import default_model_name

        nlp = spacy.load(default_model_name())
        list(nlp.pipe(texts[:2]))  # warm up, as analyze does below
        start = time.perf_counter()
        for _doc in nlp.pipe(texts, batch_size=32):
            pass
        seconds = time.perf_counter() - start
    else:
        from tidings.ingest import article_from_text
        from tidings.output.json import to_json
        from tidings.pipeline import analyze_articles
        from tidings.settings import Settings

        core = mode == "core"
        settings = Settings(places=mode == "analyze", dates=not core, events=not core)
        articles = [
            article_from_text(
                row["text"], f"sample[{n}]", title=row["title"], published=row["date"]
            )
            for n, row in enumerate(rows, start=1)
        ]
        list(analyze_articles(articles[:2], settings))
        start = time.perf_counter()
        for facts in analyze_articles(articles, settings):
            to_json(facts)
        seconds = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "seconds": seconds,
        "articles": len(texts),
        "words": sum(len(text.split()) for text in texts),
        "peak_rss_mb": peak_kb / 1024,
    }


def run_child(script: str, arguments: list[str]) -> dict[str, float]:
    """Run ``script`` in a fresh Python process; its last stdout line is a JSON object."""
    command = [sys.executable, script, *arguments]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    result: dict[str, float] = json.loads(output.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--limit", type=int, help="use only the first N sample articles")
    parser.add_argument("--write", type=Path, help="update this Markdown file's throughput section")
    parser.add_argument("--child", choices=MODES, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child, args.limit)))
        return

    from tidings.pipeline import open_geocoder
    from tidings.settings import Settings

    open_geocoder(Settings())  # builds the gazetteer now if it is missing, not while timing
    runs: dict[str, list[dict[str, float]]] = {mode: [] for mode in MODES}
    for repeat in range(args.repeats):
        shift = repeat % len(MODES)
        for mode in MODES[shift:] + MODES[:shift]:
            limit = ["--limit", str(args.limit)] if args.limit else []
            runs[mode].append(run_child(__file__, ["--child", mode, *limit]))
            print(
                f"  {mode:8} run {repeat + 1}: {runs[mode][-1]['seconds']:.2f} s", file=sys.stderr
            )
    table = report(runs, args.repeats)
    print(table)
    if args.write:
        write_section(args.write, table)


def report(runs: dict[str, list[dict[str, float]]], repeats: int) -> str:
    rows = []
    rate = {}
    median = {}
    for mode, label in LABELS.items():
        seconds = median[mode] = statistics.median(run["seconds"] for run in runs[mode])
        first = runs[mode][0]
        rate[mode] = first["words"] / seconds
        each = ", ".join(f"{run['seconds']:.1f}" for run in runs[mode])
        rows.append(
            f"| {label} | {first['articles'] / seconds:.1f} | {first['words'] / seconds:,.0f} "
            f"| {max(run['peak_rss_mb'] for run in runs[mode]):.0f} | {each} |"
        )
    ratio = rate["analyze"] / rate["spacy"]
    added = median["analyze"] / median["no-places"] - 1
    time_and_events = median["no-places"] / median["core"] - 1
    first = runs["spacy"][0]
    return "\n".join(
        [
            MARKER,
            f"Measured {time.strftime('%Y-%m-%d')} on {platform.machine()}, Python "
            f"{platform.python_version()}, one process, {int(first['articles'])} Wikinews "
            f"articles ({int(first['words']):,} words), median of {repeats} rotating runs.",
            "",
            "| mode | articles/s | words/s | peak RSS (MB) | each run (s) |",
            "| --- | ---: | ---: | ---: | ---: |",
            *rows,
            "",
            f"**Ratio analyze / bare spaCy throughput: {ratio:.2f}** (target >= 0.80).",
            f"**Dates and events add {time_and_events:.1%} to analyze time** (without places; "
            "target <= 25%).",
            f"**Place resolution adds {added:.1%} to analyze time** (target <= 15%).",
            MARKER,
        ]
    )


def write_section(path: Path, table: str, marker: str = MARKER) -> None:
    """Replace the section between two ``marker`` lines of ``path`` (or append it)."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n\n"
    if text.count(marker) >= 2:
        before, _, rest = text.partition(marker)
        _, _, after = rest.partition(marker)
        text = before + table + after
    else:
        text = text.rstrip("\n") + "\n\n" + table + "\n"
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
