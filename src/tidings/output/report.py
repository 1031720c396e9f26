"""A readable report of one article's facts, for people, with rich; fits in 80 columns."""

from __future__ import annotations

from collections import defaultdict

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from tidings.model import QUESTIONS, Entity, Facts, MainEvent, Place, Quantity, Quote
from tidings.output.event_lines import event_line, event_note

ENTITY_HEADINGS = {
    "PERSON": "People",
    "ORG": "Organisations",
    "GPE": "Countries, cities, states",
    "LOC": "Other places",
    "FAC": "Buildings, roads, facilities",
    "NORP": "Nationalities, groups",
    "EVENT": "Named events",
    "PRODUCT": "Products",
    "LAW": "Laws",
    "WORK_OF_ART": "Works",
}
QUOTE_PREVIEW = 240


def render(facts: Facts) -> RenderableType:
    """Everything in one panel: header, summary, main event, events, entities, places,
    quotes, numbers."""
    article = facts.article
    headline = Text(article.title or "(no headline)", style="bold")
    where = Text(article.url or article.origin, style="dim", no_wrap=True, overflow="ellipsis")
    parts: list[RenderableType] = [headline, _byline(facts), where]
    parts += _section(
        "Summary", [_bullets([s.text for s in facts.summary])] if facts.summary else []
    )
    if facts.main_event is not None:
        parts += _section("Main event", [_main_event(facts.main_event)])
    parts += _section("Events", _events(facts))
    parts += _section("Entities", [_entities_table(facts.entities)] if facts.entities else [])
    parts += _section("Places", _places(facts) if facts.places else [])
    parts += _section("Quotes", [_quote(q) for q in facts.quotes])
    parts += _section("Numbers", [_quantities_table(facts.quantities)] if facts.quantities else [])
    return Panel(Group(*parts), title=f"tidings · {article.id}", title_align="left", expand=True)


def print_report(facts: Facts, console: Console) -> None:
    """Print the report of one article."""
    console.print(render(facts))


def _byline(facts: Facts) -> Text:
    article = facts.article
    bits = [
        article.source,
        article.author,
        f"published {article.published}" if article.published else "date unknown",
        article.language,
        f"{len(article.text.split()):,} words",
    ]
    return Text(" · ".join(bit for bit in bits if bit), style="dim")


def _section(heading: str, items: list[RenderableType]) -> list[RenderableType]:
    if not items:
        return [
            Text(""),
            Text(heading, style="bold cyan"),
            Padding(Text("none found", style="dim"), (0, 2)),
        ]
    return [Text(""), Text(heading, style="bold cyan"), *(Padding(i, (0, 0, 0, 2)) for i in items)]


def _bullets(texts: list[str]) -> Table:
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column()
    for text in texts:
        table.add_row("•", " ".join(text.split()))
    return table


def _main_event(main: MainEvent) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="magenta", no_wrap=True)
    table.add_column()
    for question in QUESTIONS:
        answer = getattr(main, question)
        table.add_row(question.capitalize(), " ".join(answer.text.split()) if answer else "—")
    return table


def _events(facts: Facts) -> list[RenderableType]:
    """What happened, in the article's order; then, set apart, what did not happen or was
    only feared, ordered, intended or typical."""
    items: list[RenderableType] = []
    others = [event for event in facts.events if not event.happened]
    for group in ([e for e in facts.events if e.happened], others):
        if group is others and others:
            items.append(Text("Not happened, or not one occurrence:", style="bold"))
        table = Table.grid(padding=(0, 1))
        table.add_column(no_wrap=True)
        table.add_column()
        for event in group:
            line = Text(event_line(event, facts))
            note = event_note(event, facts)
            if note:
                line.append(f" ({note})", style="dim")
            table.add_row("•", line)
        if group:
            items.append(table)
    return items


def _entities_table(entities: tuple[Entity, ...]) -> Table:
    by_type: dict[str, list[Entity]] = defaultdict(list)
    for entity in entities:
        by_type[entity.type].append(entity)
    table = Table.grid(padding=(0, 2))
    table.add_column(style="magenta", no_wrap=True)
    table.add_column()
    for label, heading in ENTITY_HEADINGS.items():
        members = sorted(by_type.get(label, []), key=lambda e: -len(e.mentions))
        if members:
            names = ", ".join(
                e.name + (f" ×{len(e.mentions)}" if len(e.mentions) > 1 else "") for e in members
            )
            table.add_row(heading, names)
    return table


def _places(facts: Facts) -> list[RenderableType]:
    """The focus in one line, then one row per distinct place, with how it was mentioned."""
    items: list[RenderableType] = []
    if facts.focus:
        about = ", ".join(focus.name for focus in facts.focus[:3])
        items.append(Text.assemble(("About: ", "bold"), about))
    groups: dict[tuple[str, float | None, float | None], list[Place]] = defaultdict(list)
    for place in facts.places:
        groups[place.name, place.lat, place.lon].append(place)
    table = Table.grid(padding=(0, 2))
    table.add_column(style="magenta", max_width=24)
    table.add_column(no_wrap=True)
    table.add_column()
    for (name, lat, lon), mentions in groups.items():
        first = mentions[0]
        count = f" ×{len(mentions)}" if len(mentions) > 1 else ""
        if lat is None or lon is None:
            reason = (first.reason or "").split(" (")[0]
            table.add_row(name + count, "not placed", Text(reason, style="dim"))
            continue
        where = f"{abs(lat):.2f}{'N' if lat >= 0 else 'S'} {abs(lon):.2f}{'E' if lon >= 0 else 'W'}"
        metonymic = sum(place.metonymic for place in mentions)
        detail = " · ".join(
            bit
            for bit in (
                first.admin1 or first.country,
                first.precision,
                f"metonymic ×{metonymic}" if metonymic else "",
            )
            if bit
        )
        table.add_row(name + count, where, detail)
    items.append(table)
    if any((place.reason or "").startswith("not in the gazetteer") for place in facts.places):
        items.append(
            Text(
                "Villages, rivers and zones: import a GeoNames dump (tidings gazetteer import).",
                style="dim",
            )
        )
    return items


def _quote(quote: Quote) -> Text:
    speaker = quote.speaker.name if quote.speaker else "unknown speaker"
    line = Text()
    line.append(speaker, style="bold")
    if quote.speaker and quote.speaker.resolved_from:
        line.append(f" (“{quote.speaker.resolved_from.text}”)", style="dim")
    cue = f" {quote.cue.text}" if quote.cue else ""
    line.append(f"{cue} [{quote.kind}]: ", style="dim")
    body = " ".join(quote.text.split())
    if len(body) > QUOTE_PREVIEW:
        body = body[: QUOTE_PREVIEW - 1].rsplit(" ", 1)[0] + "…"
    line.append(f"“{body}”" if quote.kind == "direct" else body)
    return line


def _quantities_table(quantities: tuple[Quantity, ...]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="green", max_width=28)
    table.add_column(justify="right", no_wrap=True)
    table.add_column()
    for quantity in quantities:
        value = "?" if quantity.value is None else f"{quantity.value:,.10g}"
        detail = " ".join(
            bit
            for bit in (
                quantity.qualifier and f"({quantity.qualifier})",
                quantity.unit,
                quantity.counted and f"counted: {quantity.counted}",
            )
            if bit
        )
        table.add_row(" ".join(quantity.text.split()), value, detail)
    return table
