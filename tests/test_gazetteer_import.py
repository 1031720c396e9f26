"""Importing hostile and broken GeoNames files: zip bombs, damaged zips, files that are not
GeoNames at all, and a first import on a machine with no gazetteer yet."""

from __future__ import annotations

import io
import json
import shutil
import sqlite3
import struct
import subprocess
import sys
import time
import tracemalloc
import zipfile
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from small_gazetteer import SmallSources
from tidings.cli import main
from tidings.errors import GazetteerError
from tidings.geo import Gazetteer, build_gazetteer, import_geonames
from tidings.geo.dumps import DumpLimits, format_size, parse_size

KOREA = Path(__file__).parent / "samples" / "geo" / "korea.txt"
MiB = 2**20


@pytest.fixture
def writable(built: Path, tmp_path: Path) -> Path:
    """A copy of the small gazetteer that a test may import into."""
    path = tmp_path / "data" / "gazetteer.sqlite"
    path.parent.mkdir()
    shutil.copyfile(built, path)
    return path


def _counts(path: Path) -> tuple[int, int]:
    with Gazetteer(path) as gazetteer:
        info = gazetteer.info()
    return int(info["places"]), int(info["names"])


def _bomb(path: Path, unit: bytes, size: int) -> Path:
    """A zip whose one member is ``size`` bytes of ``unit`` repeated, written a mebibyte at a
    time (the test never holds the member), packed about a thousand to one."""
    block = unit * (MiB // len(unit))
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive,
        archive.open("allCountries.txt", "w", force_zip64=True) as member,
    ):
        for _ in range(size // len(block)):
            member.write(block)
    return path


def _row(number: int) -> str:
    """A valid GeoNames row for a made-up village, ``Synthplace <number>``."""
    return "\t".join(
        [str(90_000_000 + number), f"Synthplace {number}", f"Synthplace {number}", "",
         f"{38 + number % 100 / 1000:.4f}", f"{125 + number % 97 / 1000:.4f}", "P", "PPL",
         "KP", "", "13", "", "", "", str(number), "", "", "Asia/Pyongyang", "2026-01-15"]
    )  # fmt: skip


def _rows(count: int) -> bytes:
    return "".join(_row(number) + "\n" for number in range(count)).encode()


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def _damaged_zip(path: Path, text: bytes) -> Path:
    """A zip whose deflate stream of ``text`` turns to garbage (an invalid block) at 80 %,
    after the first batches of rows: headers, sizes and checksum all as for ``text``."""
    packer = zlib.compressobj(6, zlib.DEFLATED, -15)
    cut = len(text) * 8 // 10
    good = packer.compress(text[:cut]) + packer.flush(zlib.Z_FULL_FLUSH)  # a block boundary
    rest = packer.compress(text[cut:]) + packer.flush()
    data = good + b"\xff" * len(rest)  # 0b11 after a boundary: deflate's reserved block type
    stored = io.BytesIO()
    with zipfile.ZipFile(stored, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("KP.txt", data)
    raw = bytearray(stored.getvalue())
    local, central = 0, raw.index(b"PK\x01\x02")  # mark the member deflated, of text's size
    for header, method, crc in ((local, 8, 14), (central, 10, 16)):
        struct.pack_into("<H", raw, header + method, zipfile.ZIP_DEFLATED)
        struct.pack_into("<I", raw, header + crc, zlib.crc32(text))
        struct.pack_into("<I", raw, header + crc + 8, len(text))
    path.write_bytes(bytes(raw))
    return path


CHILD = """
import json, resource, sys, time
from tidings.errors import GazetteerError
from tidings.geo import import_geonames
started = time.perf_counter()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    import_geonames(sys.argv[1], sys.argv[2])
    message = None
except GazetteerError as error:
    message = str(error)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"message": message, "seconds": time.perf_counter() - started,
                  "grown": (peak - before) * 1024}))
"""


def _import_in_a_child(dump: Path, gazetteer: Path) -> dict[str, object]:
    """Import in a fresh process: its own peak memory, and a hang cut off after 60 s."""
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(dump), str(gazetteer)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    result: dict[str, object] = json.loads(done.stdout)
    return result


# --- zip bombs ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("unit", "what"),
    [(b"\n", "blank lines"), (b"a", "one endless line"), (_row(1).encode() + b"\n", "one row")],
    ids=["blank-lines", "endless-line", "one-row"],
)
def test_a_zip_bomb_is_refused_at_once_in_little_memory(
    writable: Path, tmp_path: Path, unit: bytes, what: str
) -> None:
    """300 MiB of blank lines (the 306 KB zip that ran for minutes), of one line without end
    (the kind that took 2.2 GB) or of one row again and again, each packed to 2 MB or less."""
    bomb = _bomb(tmp_path / "allCountries.zip", unit, 300 * MiB)
    assert bomb.stat().st_size < 3 * MiB, what
    before = _counts(writable)
    result = _import_in_a_child(bomb, writable)
    message = str(result["message"])
    assert message.startswith(f"{bomb}: allCountries.txt: unpacks to "), message
    assert "zip bomb" in message and "--max-ratio" in message
    assert float(str(result["seconds"])) < 5
    assert int(str(result["grown"])) < 50 * MiB
    assert _counts(writable) == before


def test_blank_lines_are_counted_and_a_long_run_refused(writable: Path, tmp_path: Path) -> None:
    """With the ratio check off, a bomb of blank lines still stops at the 1,001st blank line,
    without reading the rest; a few blank lines among rows are fine."""
    bomb = _bomb(tmp_path / "blank.zip", b"\n", 200 * MiB)
    started = time.perf_counter()
    with pytest.raises(GazetteerError, match="more than 1,000 blank lines in a row") as caught:
        import_geonames(bomb, writable, limits=DumpLimits(max_ratio=10**6))
    assert time.perf_counter() - started < 2
    assert str(caught.value).startswith(f"{bomb}: allCountries.txt: ")
    rows = KOREA.read_bytes().splitlines()
    gaps = tmp_path / "gaps.txt"
    gaps.write_bytes(b"\n\n".join(rows) + b"\n\r\n  \n" + b"\n" * 900)
    assert import_geonames(gaps, writable).places == 3
    run = tmp_path / "run.txt"
    run.write_bytes(rows[0] + b"\n" * 1500 + rows[1] + b"\n")
    with pytest.raises(GazetteerError, match=r"run\.txt: more than 1,000 .* \(lines 2 to 1,002\)"):
        import_geonames(run, writable)


def test_an_endless_line_is_refused_in_little_memory(writable: Path, tmp_path: Path) -> None:
    bomb = _bomb(tmp_path / "endless.zip", b"x", 100 * MiB)
    tracemalloc.start()
    try:
        with pytest.raises(GazetteerError, match="line 1 is longer than 1 MiB; not a GeoNames"):
            import_geonames(bomb, writable, limits=DumpLimits(max_ratio=10**6))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 16 * MiB
    plain = tmp_path / "endless.txt"
    plain.write_bytes(KOREA.read_bytes() + b"y" * (3 * MiB))
    with pytest.raises(GazetteerError, match=r"endless\.txt: line 4 is longer than 1 MiB"):
        import_geonames(plain, writable)


def test_the_unpacked_size_limit(writable: Path, tmp_path: Path) -> None:
    archive = _zip(tmp_path / "KP.zip", {"KP.txt": _rows(2_000)})
    with pytest.raises(GazetteerError, match=r"KP.txt: unpacks to .* over the limit of 100 KiB"):
        import_geonames(archive, writable, limits=DumpLimits(max_unpacked=100 * 2**10))
    assert import_geonames(archive, writable).places == 2_000


# --- damaged files and files that are not GeoNames ---------------------------------------------


def test_a_zip_damaged_halfway_changes_nothing(writable: Path, tmp_path: Path) -> None:
    """12,000 rows, the stream garbage after 9,600: the rows written before are rolled back."""
    damaged = _damaged_zip(tmp_path / "KP.zip", _rows(12_000))
    before = _counts(writable)
    with pytest.raises(GazetteerError) as caught:
        import_geonames(damaged, writable)
    message = str(caught.value)
    assert message.startswith(f"{damaged}: KP.txt: damaged or truncated after line "), message
    assert "cannot be unpacked (Error -3" in message
    assert _counts(writable) == before
    with Gazetteer(writable) as gazetteer:
        assert gazetteer.lookup("Synthplace 1") == []


def _truncated(path: Path) -> Path:
    whole = _zip(path, {"KP.txt": _rows(500)}).read_bytes()
    path.write_bytes(whole[: len(whole) // 2])
    return path


def _bzip2(path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_BZIP2) as archive:
        archive.write(KOREA, "KP.txt")
    return path


BROKEN = {
    "truncated.zip": (_truncated, "a damaged or truncated zip (File is not a zip file)"),
    "renamed.zip": (lambda p: shutil.copyfile(KOREA, p), "named .zip but not a zip archive"),
    "image.zip": (lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64)), "not a zip archive"),
    "readme.zip": (
        lambda p: _zip(p, {"readme.txt": b"x\n", "KP.csv": b"x\n"}),
        "expected one GeoNames .txt file in the zip, found none",
    ),
    "bzip2.zip": (_bzip2, "KP.txt: compressed with method 12, not deflate"),
    "KP.txt.gz": (
        lambda p: p.write_bytes(zlib.compress(b"x", wbits=31)),
        "gzip-compressed (unpack it with gunzip); GeoNames dumps are read as .zip or .txt",
    ),
    "binary.txt": (
        lambda p: p.write_bytes(KOREA.read_bytes() + b"\x00\x01\x02" * 100),
        "line 4: binary data (NUL bytes); not a GeoNames text file",
    ),
    "latin1.txt": (
        lambda p: p.write_bytes(KOREA.read_bytes() + "Café\n".encode("latin-1")),
        "line 4: not UTF-8 text",
    ),
}


@pytest.mark.parametrize("name", list(BROKEN))
def test_a_broken_file_is_named_with_its_reason(writable: Path, tmp_path: Path, name: str) -> None:
    make, reason = BROKEN[name]
    path = tmp_path / name
    make(path)
    before = _counts(writable)
    with pytest.raises(GazetteerError) as caught:
        import_geonames(path, writable)
    assert str(caught.value).startswith(f"{path}: ") and reason in str(caught.value)
    assert _counts(writable) == before


# --- a first import, on a machine with no gazetteer yet ----------------------------------------


def test_import_on_a_fresh_machine_builds_the_bundled_gazetteer_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small_sources: SmallSources
) -> None:
    """No data folder yet: it is made, the bundled gazetteer built (the builder's own code,
    over the small gazetteer's records: see conftest.small_sources), and the dump's places
    added to it: South Korea is still there."""
    home = tmp_path / "fresh-home"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    monkeypatch.delenv("TIDINGS_GAZETTEER_PATH", raising=False)
    result = CliRunner().invoke(main, ["gazetteer", "import", str(KOREA)])
    assert result.exit_code == 0, result.output
    path = home / "tidings" / "gazetteer.sqlite"
    assert f"building the offline gazetteer at {path} (once, about 20 s)" in result.output
    assert f"{path}: 3 places from {KOREA}" in result.output
    bundled = build_gazetteer(tmp_path / "bundled.sqlite")  # the same records, no import
    with Gazetteer(path) as gazetteer:
        assert gazetteer.lookup("Panmunjom")[0].region == "KP-10"  # the build's admin1 mapping
        south = gazetteer.country("South Korea")
        assert south is not None and south.iso2 == "KR"
        assert [c.feature_code for c in gazetteer.lookup("South Korea")][:1] == ["PCLI"]
        assert gazetteer.lookup("Seoul")[0].country == "KR"
        assert int(gazetteer.info()["places"]) == bundled["places"] + 3


def test_a_bad_dump_on_a_fresh_machine_builds_nothing(tmp_path: Path) -> None:
    """The dump is opened and checked before the 20 s build: a non-zip fails at once."""
    target = tmp_path / "fresh" / "tidings" / "gazetteer.sqlite"
    fake = tmp_path / "KP.zip"
    fake.write_text("not a zip\n")
    with pytest.raises(GazetteerError, match=r"named \.zip but not a zip archive"):
        import_geonames(fake, target)
    assert not (tmp_path / "fresh").exists()


# --- the command line --------------------------------------------------------------------------


def test_cli_names_a_bad_file_and_exits_2(writable: Path, tmp_path: Path) -> None:
    damaged = _damaged_zip(tmp_path / "KP.zip", _rows(12_000))
    result = CliRunner().invoke(
        main, ["gazetteer", "import", str(damaged), "--path", str(writable)]
    )
    assert result.exit_code == 2, result.output
    assert f"error: {damaged}: KP.txt: damaged or truncated after line" in result.output
    assert "Traceback" not in result.output and isinstance(result.exception, SystemExit)


def test_cli_limits_are_options(writable: Path, tmp_path: Path) -> None:
    archive = _zip(tmp_path / "KP.zip", {"KP.txt": _rows(2_000)})
    runner = CliRunner()
    command = ["gazetteer", "import", str(archive), "--path", str(writable)]
    result = runner.invoke(main, [*command, "--max-unpacked", "64K"])
    assert result.exit_code == 2 and "over the limit of 64 KiB" in result.output
    assert "raise the limit with --max-unpacked" in result.output
    result = runner.invoke(main, [*command, "--max-unpacked", "lots"])
    assert result.exit_code == 2 and "'lots' is not a size" in result.output
    bomb = _bomb(tmp_path / "rows.zip", _row(7).encode() + b"\n", 3 * MiB)
    result = runner.invoke(main, ["gazetteer", "import", str(bomb), "--path", str(writable)])
    assert result.exit_code == 2 and "zip bomb" in result.output
    result = runner.invoke(
        main, ["gazetteer", "import", str(bomb), "--path", str(writable), "--max-ratio", "10000"]
    )
    assert result.exit_code == 0, result.output
    assert "places from" in result.output


def test_sizes_for_people() -> None:
    assert parse_size("4G") == parse_size("4GiB") == parse_size("4 gb") == 4 * 2**30
    assert parse_size("1.5M") == 3 * MiB // 2 and parse_size("1000") == 1000
    for bad in ("", "G", "-1M", "0", "lots", "inf"):
        with pytest.raises(ValueError):
            parse_size(bad)
    assert format_size(4 * 2**30) == "4 GiB" and format_size(812) == "812 bytes"
    assert format_size(3 * MiB // 2) == "1.5 MiB"


def test_a_gazetteer_made_by_an_import_alone_is_refused(writable: Path) -> None:
    """Earlier versions made a gazetteer of the dump's places only; say how to mend one."""
    with sqlite3.connect(writable) as db:
        db.execute("DELETE FROM countries")
    db.close()
    with pytest.raises(GazetteerError, match="holds no countries, only imported places; rebuild"):
        import_geonames(KOREA, writable)


def test_a_bomb_that_lies_about_its_packed_size_is_refused(writable: Path, tmp_path: Path) -> None:
    """A header claiming 2 GiB packed would make 60 MiB unpacked look like a modest ratio."""
    bomb = tmp_path / "KP.zip"
    with (
        zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("KP.txt", "w") as member,
    ):
        for _ in range(60):
            member.write(_row(3).encode() + b"\n" * (MiB - len(_row(3)) - 1))
    raw = bytearray(bomb.read_bytes())
    struct.pack_into("<I", raw, raw.index(b"PK\x01\x02") + 20, 2**31)  # the packed size
    bomb.write_bytes(bytes(raw))
    with pytest.raises(GazetteerError, match=r"KP\.txt: a damaged zip \(it declares 2 GiB packed"):
        import_geonames(bomb, writable)
