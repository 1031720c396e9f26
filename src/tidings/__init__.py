"""tidings: turn news articles into structured, evidence-backed facts."""

from __future__ import annotations

__version__ = "0.1.0"
