"""Writing a stream of Facts in one of the CLI's formats: report, json or jsonl."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain
from typing import TextIO

from rich.console import Console

from tidings.model import Facts
from tidings.output.json import to_json
from tidings.output.report import print_report

FORMATS = ("report", "json", "jsonl")


def write_facts(stream: Iterator[Facts], output_format: str, out: TextIO) -> int:
    """Write every article of ``stream`` to ``out``; return how many were written.

    ``json`` pretty-prints a lone article and falls back to JSON Lines as soon as a second one
    arrives; ``jsonl`` is always one compact object per line; ``report`` is for people.
    """
    count = 0
    if output_format == "report":
        console = Console(file=out, width=report_width(out))
        for facts in stream:
            print_report(facts, console)
            count += 1
        return count
    if output_format == "json":
        first = next(stream, None)
        second = next(stream, None)
        if first is None:
            return 0
        if second is None:
            out.write(to_json(first, indent=2) + "\n")
            return 1
        stream = chain((first, second), stream)
    for facts in stream:
        out.write(to_json(facts) + "\n")
        count += 1
    return count


def report_width(out: TextIO) -> int:
    """The terminal's width within 60-100 columns; 80 when writing to a file or pipe."""
    width = Console(file=out).width if out.isatty() else 80
    return min(max(width, 60), 100)
