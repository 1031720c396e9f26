"""Geoparsing gold data: GeoVirus and TR-News read into articles with their toponyms.

Both sets come from Gritta et al.'s *Pragmatic Guide to Geoparsing Evaluation* and are read at
run time from wherever the user keeps them (they are never bundled):

- **GeoVirus** (229 Wikinews passages on disease outbreaks, 2,170 locations)::

    <articles><article><source/><text>…</text><locations>
      <location><name/><start/><end/><lat/><lon/><page/></location>…

  One location in the file wraps three others (a stray open tag); every ``<location>`` with a
  ``<name>`` counts, nested or not. Articles inside XML comments are not part of the set.
- **TR-News** (118 news articles, 1,319 toponyms)::

    <articles><article docid=…><title/><url/><text><![CDATA[…]]></text><toponyms>
      <toponym><phrase/><start/><end/><gaztag geonameid=…><lat/><lon/>…</gaztag></toponym>…

  A toponym without a ``<gaztag>`` (44 of them: streets, "Kurdish", "West Coast") has no
  coordinates and is scored for recognition only.

Offsets are character offsets into the ``<text>`` as parsed (CDATA kept as is, entities such
as ``&amp;`` counted as one character), but not all of them point at their name: every GeoVirus
offset is one past (start and end, as if counted from one); 115 TR-News offsets, in 17 of its
articles, run late by 1 to 38 characters, more the further into the text, as if the text had
lost characters after it was annotated; and two TR-News ends cut the name short ("Kenyan"
stated as 5 characters, "Laurel County" as 6). So each toponym is placed where its name
occurs nearest to its stated start, shifted by the drift of the toponym before it in the same
article, no further than :data:`MAX_DRIFT` characters away, and ends where its name ends; a name
that does not occur there is an error in the file. :attr:`GoldDataset.realigned` counts the
toponyms moved (GeoVirus: all 2,170; TR-News: 117).

Scoring is in :mod:`.scores` (pure functions, no I/O).
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from tidings.errors import InputError
from tidings.evaluation.places.scores import GoldArticle, GoldToponym

__all__ = [
    "ANCHORS",
    "MAX_DRIFT",
    "GeoparsingAnchor",
    "GoldDataset",
    "read_dataset",
    "read_geovirus",
    "read_tr_news",
]

DatasetFormat = Literal["GeoVirus", "TR-News"]  # the data set a file holds
MAX_DRIFT = 100  # characters a stated offset may be from where its name is


@dataclass(frozen=True, kw_only=True, slots=True)
class GoldDataset:
    """The articles of one file, and how many toponyms the loader moved to their name."""

    name: DatasetFormat
    path: str
    articles: tuple[GoldArticle, ...]
    realigned: int

    @property
    def toponyms(self) -> int:
        return sum(len(article.toponyms) for article in self.articles)


@dataclass(frozen=True, kw_only=True, slots=True)
class GeoparsingAnchor:
    """A published end-to-end score to compare ours with (EUPEG, Wang and Hu 2019)."""

    system: str
    dataset: DatasetFormat
    f1: float
    accuracy_at_161: float
    auc: float  # lower is better
    note: str = "EUPEG (Wang and Hu 2019), end to end"


ANCHORS: tuple[GeoparsingAnchor, ...] = (
    GeoparsingAnchor(
        system="CamCoder", dataset="GeoVirus", f1=0.866, accuracy_at_161=0.770, auc=0.336
    ),
    GeoparsingAnchor(
        system="Edinburgh", dataset="GeoVirus", f1=0.678, accuracy_at_161=0.807, auc=0.319
    ),
    GeoparsingAnchor(
        system="CLAVIN", dataset="GeoVirus", f1=0.750, accuracy_at_161=0.786, auc=0.320
    ),
    GeoparsingAnchor(
        system="CamCoder", dataset="TR-News", f1=0.746, accuracy_at_161=0.824, auc=0.161
    ),
    GeoparsingAnchor(
        system="Edinburgh", dataset="TR-News", f1=0.612, accuracy_at_161=0.850, auc=0.127
    ),
    GeoparsingAnchor(
        system="CLAVIN", dataset="TR-News", f1=0.649, accuracy_at_161=0.829, auc=0.149
    ),
)


def read_dataset(path: Path) -> GoldDataset:
    """Read GeoVirus or TR-News, whichever the file holds. Raises InputError when the file is
    missing, unreadable, not well-formed XML or neither format."""
    root = _parse(path)
    first = root.find("article")
    if root.tag == "articles" and first is not None:
        if first.find("locations") is not None:
            return _geovirus(path, root)
        if first.find("toponyms") is not None:
            return _tr_news(path, root)
    raise InputError(str(path), "neither GeoVirus nor TR-News XML (<articles><article>…)")


def read_geovirus(path: Path) -> GoldDataset:
    """Read GeoVirus.xml (see the module docstring). Raises InputError as read_dataset."""
    return _geovirus(path, _expect(path, _parse(path), "locations"))


def read_tr_news(path: Path) -> GoldDataset:
    """Read TR-News.xml (see the module docstring). Raises InputError as read_dataset."""
    return _tr_news(path, _expect(path, _parse(path), "toponyms"))


def _parse(path: Path) -> ElementTree.Element:
    if not path.is_file():
        raise InputError(str(path), "no such file")
    try:
        return ElementTree.parse(path).getroot()
    except ElementTree.ParseError as error:
        raise InputError(str(path), f"not well-formed XML ({error})") from None
    except OSError as error:
        raise InputError(str(path), f"cannot read it ({error.strerror or error})") from None


def _expect(path: Path, root: ElementTree.Element, annotations: str) -> ElementTree.Element:
    articles = root.findall("article")
    if root.tag != "articles" or not articles:
        raise InputError(str(path), "no <articles><article> elements")
    for number, article in enumerate(articles, start=1):
        if article.find(annotations) is None:
            raise InputError(str(path), f"article {number} has no <{annotations}>")
    return root


class _Reader:
    """What the two formats share: numbers read with the file and article in any error, and
    toponyms placed where their names are."""

    def __init__(self, path: Path, identifier: str, text: str) -> None:
        self.path, self.identifier, self.text = path, identifier, text
        self.drift = 0
        self.realigned = 0

    def fail(self, reason: str) -> InputError:
        return InputError(str(self.path), f"article {self.identifier}: {reason}")

    def number(self, element: ElementTree.Element | None, tag: str, name: str) -> float | None:
        """The float in ``<tag>`` of ``element``; None when the element or value is missing."""
        value = None if element is None else (element.findtext(tag) or "").strip()
        if not value:
            return None
        try:
            number = float(value)
        except ValueError:
            raise self.fail(f"{name!r}: <{tag}> is not a number: {value!r}") from None
        if not math.isfinite(number):
            raise self.fail(f"{name!r}: <{tag}> is not a number: {value!r}")
        return number

    def toponym(
        self,
        element: ElementTree.Element,
        name_tag: str,
        coordinates: ElementTree.Element | None,
        geonameid: int | None = None,
    ) -> GoldToponym:
        name = element.findtext(name_tag) or ""
        if not name.strip():
            raise self.fail(f"a toponym has no <{name_tag}>")
        try:
            start = int((element.findtext("start") or "").strip())
            end = int((element.findtext("end") or "").strip())
        except ValueError:
            raise self.fail(f"{name!r}: <start> and <end> must be whole numbers") from None
        lat = self.number(coordinates, "lat", name)
        lon = self.number(coordinates, "lon", name)
        if lat is None or lon is None:
            lat = lon = None
        elif not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise self.fail(f"{name!r}: coordinates out of range ({lat}, {lon})")
        placed = self.place(name, start)
        if placed != (start, end):
            self.realigned += 1
        return GoldToponym(
            start=placed[0], end=placed[1], name=name, lat=lat, lon=lon, geonameid=geonameid
        )

    def place(self, name: str, start: int) -> tuple[int, int]:
        """Where ``name`` occurs nearest to ``start`` shifted by the drift so far."""
        expected = start + self.drift
        low = max(0, expected - MAX_DRIFT)
        best: int | None = None
        position = self.text.find(name, low, expected + MAX_DRIFT + len(name))
        while position != -1:
            if best is None or abs(position - expected) < abs(best - expected):
                best = position
            position = self.text.find(name, position + 1, expected + MAX_DRIFT + len(name))
        if best is None:
            raise self.fail(
                f"{name!r} is not in the text within {MAX_DRIFT} characters of offset {start}"
            )
        self.drift = best - start
        return best, best + len(name)


def _geovirus(path: Path, root: ElementTree.Element) -> GoldDataset:
    articles: list[GoldArticle] = []
    realigned = 0
    for number, element in enumerate(root.findall("article"), start=1):
        reader = _Reader(path, str(number), element.findtext("text") or "")
        # Sorted by stated start so that the drift carries from one to the next.
        locations = sorted(
            (
                location
                for location in element.iter("location")
                if location.find("name") is not None
            ),
            key=lambda location: _stated_start(location),
        )
        toponyms = [reader.toponym(location, "name", location) for location in locations]
        realigned += reader.realigned
        articles.append(_article(reader, toponyms))
    return GoldDataset(
        name="GeoVirus", path=str(path), articles=tuple(articles), realigned=realigned
    )


def _tr_news(path: Path, root: ElementTree.Element) -> GoldDataset:
    articles: list[GoldArticle] = []
    realigned = 0
    for number, element in enumerate(root.findall("article"), start=1):
        identifier = element.get("docid") or str(number)
        reader = _Reader(path, identifier, element.findtext("text") or "")
        toponyms: list[GoldToponym] = []
        for toponym in sorted(element.iter("toponym"), key=_stated_start):
            gaztag = toponym.find("gaztag")
            geonameid = None if gaztag is None else gaztag.get("geonameid")
            if geonameid is not None and not geonameid.strip().isdigit():
                raise reader.fail(f"geonameid {geonameid!r} is not a number")
            toponyms.append(
                reader.toponym(
                    toponym, "phrase", gaztag, None if geonameid is None else int(geonameid)
                )
            )
        realigned += reader.realigned
        articles.append(_article(reader, toponyms))
    return GoldDataset(
        name="TR-News", path=str(path), articles=tuple(articles), realigned=realigned
    )


def _stated_start(element: ElementTree.Element) -> int:
    value = (element.findtext("start") or "").strip()
    return int(value) if value.isdigit() else 0  # a bad value is reported when it is read


def _article(reader: _Reader, toponyms: list[GoldToponym]) -> GoldArticle:
    return GoldArticle(
        identifier=reader.identifier,
        text=reader.text,
        toponyms=tuple(sorted(toponyms, key=lambda t: (t.start, t.end))),
    )
