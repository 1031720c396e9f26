"""Constraints a fact's type carries for JSON Schema, as ``Annotated`` metadata.

``Annotated[int, Minimum(0)]`` is an ``int`` to Python and mypy, and ``{"type": "integer",
"minimum": 0}`` to :mod:`tidings.schema.generate`. Each class is one JSON Schema keyword.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Maximum", "MinItems", "MinLength", "Minimum", "Pattern"]


@dataclass(frozen=True, slots=True)
class Pattern:
    """The string matches this regular expression (JSON Schema ``pattern``)."""

    regex: str


@dataclass(frozen=True, slots=True)
class Minimum:
    """The number is at least this (``minimum``)."""

    value: float


@dataclass(frozen=True, slots=True)
class Maximum:
    """The number is at most this (``maximum``)."""

    value: float


@dataclass(frozen=True, slots=True)
class MinLength:
    """The string has at least this many characters (``minLength``)."""

    value: int


@dataclass(frozen=True, slots=True)
class MinItems:
    """The list has at least this many items (``minItems``)."""

    value: int
