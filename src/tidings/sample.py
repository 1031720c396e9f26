"""The bundled sample: 295 dated Wikinews articles (CC BY 2.5), for demos, tests and benchmarks.

Attribution: each row's URL on en.wikinews.org, "Wikinews, CC BY 2.5",
https://creativecommons.org/licenses/by/2.5/ (see data/wikinews/LICENSE.md).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

SAMPLE_FILES = ("wikinews_2019.csv", "wikinews_2020.csv")
ATTRIBUTION = "Sample articles: Wikinews (https://en.wikinews.org), CC BY 2.5."


def sample_paths() -> list[Path]:
    """Paths of the bundled Wikinews CSV files (columns url, date, title, text)."""
    folder = resources.files("tidings") / "data" / "wikinews"
    return [Path(str(folder / name)) for name in SAMPLE_FILES]
