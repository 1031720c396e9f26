"""Number words, units and currencies: the vocabulary behind :mod:`.claims`.

Everything here works on lower-cased token strings and knows nothing of spaCy, so it can be
tested (and property-tested) on its own.

``parse_number`` turns the tokens of one written number into a float:
``["1,000"]`` -> 1000, ``["2.5", "million"]`` -> 2500000, ``["3bn"]`` -> 3e9,
``["one", "hundred", "and", "twenty", "five"]`` -> 125, ``["a", "dozen"]`` -> 12,
``["half", "a", "million"]`` -> 500000. Vague plurals count as their magnitude:
``["tens", "of", "thousands"]`` -> 10000 (the caller marks these with the "several" qualifier).

Units are normalised to singular names ("metre", "square kilometre", "percent", "year");
currencies to ISO 4217 codes ("USD", "EUR", "GBP") where one country owns the word, else to the
singular word ("peso", "franc").
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

SMALL_NUMBERS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALES: dict[str, float] = {
    "hundred": 1e2, "thousand": 1e3, "lakh": 1e5, "million": 1e6, "crore": 1e7,
    "billion": 1e9, "trillion": 1e12,
}  # fmt: skip
SCALE_ABBREVIATIONS: dict[str, float] = {
    "k": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "tn": 1e12,
    "trn": 1e12,
}
FRACTIONS: dict[str, float] = {"half": 0.5, "quarter": 0.25}
# Plural magnitudes used as vague counts: "dozens of people", "thousands of miles".
VAGUE_MAGNITUDES: dict[str, float] = {
    "tens": 10, "dozens": 12, "scores": 20, "hundreds": 1e2, "thousands": 1e3,
    "millions": 1e6, "billions": 1e9, "trillions": 1e12,
}  # fmt: skip
NUMBER_WORDS = frozenset(SMALL_NUMBERS) | frozenset(SCALES) | {"dozen"}

_DIGITS = re.compile(r"(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?")
_SUFFIXED = re.compile(r"(\d[\d,]*(?:\.\d+)?|\.\d+)(k|mn|mln|bn|tn|trn)", re.IGNORECASE)


def parse_digits(text: str) -> float | None:
    """'1,000' -> 1000.0, '2.5' -> 2.5, '3bn' -> 3e9; None for codes, times and phone numbers."""
    if _DIGITS.fullmatch(text) and any(char.isdigit() for char in text):
        value = float(text.replace(",", ""))
        return value if math.isfinite(value) else None  # a run of 400 digits is not a figure
    suffixed = _SUFFIXED.fullmatch(text)
    if suffixed:
        base = parse_digits(suffixed.group(1))
        if base is not None:
            return base * SCALE_ABBREVIATIONS[suffixed.group(2).lower()]
    return None


def parse_number(words: Sequence[str]) -> float | None:
    """The value of one written number given as lower-cased tokens, or None if it is not one."""
    total = 0.0
    current: float | None = None
    last_scale = 0.0
    seen_number = False
    for index, word in enumerate(words):
        if word in ("-", "and", "of"):
            continue
        if word in ("a", "an"):
            if index == 0:
                current = 1.0
            continue
        if word in SMALL_NUMBERS:
            current = (current or 0.0) + SMALL_NUMBERS[word]
        elif word in FRACTIONS and current is None and last_scale:
            total += FRACTIONS[word] * last_scale  # "a million and a half"
        elif word in FRACTIONS:
            current = (current or 0.0) + FRACTIONS[word]
        elif word == "dozen":
            current = (1.0 if current is None else current) * 12
        elif word == "hundred":
            current = (1.0 if current is None else current) * 100
        elif word in SCALES or word in SCALE_ABBREVIATIONS:
            scale = SCALES.get(word) or SCALE_ABBREVIATIONS[word]
            total += (1.0 if current is None else current) * scale
            current, last_scale = None, scale
        elif word in VAGUE_MAGNITUDES:
            magnitude = VAGUE_MAGNITUDES[word]
            total = (total or 1.0) * magnitude if current is None else current * magnitude
            current = None
        else:
            digits = parse_digits(word)
            if digits is None:
                return None
            current = (current or 0.0) + digits
        seen_number = True
    if not seen_number:
        return None
    return total + (current or 0.0)


def _expand(table: dict[str, tuple[str, ...]]) -> dict[tuple[str, ...], str]:
    """{"metre": ("m", "metres metre")} -> {("m",): "metre", ("metres",): "metre", ...}."""
    return {tuple(form.split()): name for name, forms in table.items() for form in forms}


# Each form is one spelling, its tokens separated by spaces as spaCy splits them.
UNITS: dict[tuple[str, ...], str] = _expand(
    {
        "metre": ("m", "metre", "metres", "meter", "meters"),
        "kilometre": ("km", "kms", "kilometre", "kilometres", "kilometer", "kilometers"),
        "centimetre": ("cm", "centimetre", "centimetres", "centimeter", "centimeters"),
        "millimetre": ("mm", "millimetre", "millimetres", "millimeter", "millimeters"),
        "micrometre": (
            "µm",
            "micrometre",
            "micrometres",
            "micrometer",
            "micrometers",
            "micron",
            "microns",
        ),
        "mile": ("mile", "miles", "mi"),
        "light year": ("light year", "light years", "light - years", "light - year"),
        "astronomical unit": ("astronomical unit", "astronomical units", "au"),
        "nautical mile": ("nautical mile", "nautical miles", "nmi"),
        "foot": ("foot", "feet", "ft"),
        "inch": ("inch", "inches"),
        "yard": ("yard", "yards"),
        "square kilometre": (
            "km2",
            "km²",
            "sq km",
            "square km",
            "square kilometre",
            "square kilometres",
            "square kilometer",
            "square kilometers",
        ),
        "square metre": (
            "m2",
            "m²",
            "sq m",
            "square metre",
            "square metres",
            "square meter",
            "square meters",
        ),
        "square mile": ("sq mi", "square mile", "square miles"),
        "hectare": ("ha", "hectare", "hectares"),
        "acre": ("acre", "acres"),
        "kilogram": (
            "kg",
            "kgs",
            "kilo",
            "kilos",
            "kilogram",
            "kilograms",
            "kilogramme",
            "kilogrammes",
        ),
        "gram": ("g", "gram", "grams", "gramme", "grammes"),
        "tonne": ("tonne", "tonnes", "ton", "tons", "metric ton", "metric tons"),
        "pound": ("lb", "lbs"),
        "ounce": ("oz", "ounce", "ounces"),
        "litre": ("litre", "litres", "liter", "liters"),
        "gallon": ("gallon", "gallons", "us gallons", "u.s. gallons", "imperial gallons"),
        "barrel": ("barrel", "barrels", "bbl"),
        "cubic metre": ("cubic metre", "cubic metres", "cubic meter", "cubic meters", "m3"),
        "kilometre per hour": (
            "km / h",
            "km/h",
            "kph",
            "kmh",
            "kilometres per hour",
            "kilometers per hour",
            "kilometres an hour",
            "kilometers an hour",
        ),
        "mile per hour": ("mph", "miles per hour", "miles an hour"),
        "metre per second": ("m / s", "m/s", "metres per second", "meters per second"),
        "knot": ("knot", "knots"),
        "degree Celsius": ("° c", "°c", "degrees celsius", "degree celsius", "degrees c"),
        "degree Fahrenheit": ("° f", "°f", "degrees fahrenheit", "degree fahrenheit", "degrees f"),
        "degree": ("°", "degree", "degrees"),
        "percent": ("%", "percent", "per cent", "pc", "pct"),
        "percentage point": ("percentage point", "percentage points"),
        "watt": ("watt", "watts"),
        "kilowatt": ("kw", "kilowatt", "kilowatts"),
        "megawatt": ("mw", "megawatt", "megawatts"),
        "gigawatt": ("gw", "gigawatt", "gigawatts"),
        "kilowatt hour": ("kwh", "kilowatt hour", "kilowatt hours", "kilowatt - hours"),
        "megawatt hour": ("mwh", "megawatt hour", "megawatt hours"),
        "magnitude": ("magnitude",),
        "times": ("times", "time", "fold"),
        "second": ("second", "seconds", "secs"),
        "minute": ("minute", "minutes", "mins"),
        "hour": ("hour", "hours", "hrs"),
        "day": ("day", "days"),
        "week": ("week", "weeks"),
        "month": ("month", "months"),
        "year": ("year", "years", "yrs"),
        "decade": ("decade", "decades"),
        "century": ("century", "centuries"),
    }
)
TIME_UNITS = frozenset(
    {"second", "minute", "hour", "day", "week", "month", "year", "decade", "century"}
)
# Abbreviations that count as units only when written right after the digits ("5g", not "5 g").
GLUED_ONLY_UNITS = frozenset({("g",), ("mi",), ("ha",)})
MAX_UNIT_WORDS = max(len(form) for form in UNITS)

CURRENCY_SYMBOLS: dict[str, str] = {
    "$": "USD", "us$": "USD", "a$": "AUD", "au$": "AUD", "c$": "CAD", "ca$": "CAD",
    "hk$": "HKD", "nz$": "NZD", "s$": "SGD", "r$": "BRL", "€": "EUR", "£": "GBP",
    "¥": "JPY", "₹": "INR", "₩": "KRW", "₽": "RUB", "₺": "TRY", "₱": "PHP", "₦": "NGN",
    "₪": "ILS", "₫": "VND", "₴": "UAH", "rs": "INR", "rs.": "INR",
}  # fmt: skip
CURRENCY_CODES = frozenset(
    {
        "USD", "EUR", "GBP", "JPY", "CNY", "RMB", "INR", "KRW", "RUB", "CHF", "AUD", "CAD",
        "HKD", "NZD", "SGD", "BRL", "MXN", "ZAR", "TRY", "SEK", "NOK", "DKK", "PLN", "ILS",
        "NGN", "KES", "EGP", "PKR", "BDT", "IDR", "MYR", "THB", "PHP", "VND", "UAH", "SAR",
        "AED", "QAR", "IRR", "ARS", "CLP", "COP", "PEN",
    }
)  # fmt: skip
CURRENCY_WORDS: dict[tuple[str, ...], str] = _expand(
    {
        "USD": (
            "dollar",
            "dollars",
            "us dollar",
            "us dollars",
            "u.s. dollars",
            "u.s. dollar",
            "american dollars",
        ),
        "AUD": ("australian dollar", "australian dollars"),
        "CAD": ("canadian dollar", "canadian dollars"),
        "HKD": ("hong kong dollar", "hong kong dollars"),
        "NZD": ("new zealand dollar", "new zealand dollars"),
        "SGD": ("singapore dollar", "singapore dollars"),
        "EUR": ("euro", "euros"),
        "GBP": ("pound", "pounds", "pounds sterling", "sterling", "quid"),
        "JPY": ("yen",),
        "CNY": ("yuan", "renminbi"),
        "INR": ("rupee", "rupees", "indian rupees"),
        "PKR": ("pakistani rupees",),
        "RUB": ("ruble", "rubles", "rouble", "roubles"),
        "KRW": ("won",),
        "TRY": ("lira", "liras", "turkish lira"),
        "ZAR": ("rand",),
        "NGN": ("naira",),
        "ILS": ("shekel", "shekels"),
        "PLN": ("zloty", "zlotys", "złoty", "złotys", "złotych"),
        "UAH": ("hryvnia", "hryvnias"),
        "THB": ("baht",),
        "MYR": ("ringgit",),
        "IDR": ("rupiah",),
        "BRL": ("reais", "brazilian real"),
        "SAR": ("riyal", "riyals", "saudi riyals"),
        "AED": ("dirham", "dirhams"),
        "CHF": ("swiss franc", "swiss francs"),
        "MXN": ("mexican peso", "mexican pesos"),
        "PHP": ("philippine peso", "philippine pesos"),
        "ARS": ("argentine peso", "argentine pesos"),
        "peso": ("peso", "pesos"),
        "franc": ("franc", "francs"),
        "krona": ("krona", "kronor", "krone", "kroner"),
        "shilling": ("shilling", "shillings"),
        "cent": ("cent", "cents"),
        "bitcoin": ("bitcoin", "bitcoins"),
    }
)
MAX_CURRENCY_WORDS = max(len(form) for form in CURRENCY_WORDS)


def match_table(
    words: Sequence[str], table: dict[tuple[str, ...], str], longest: int
) -> tuple[str, int] | None:
    """The longest entry of ``table`` that ``words`` starts with: (name, words used)."""
    for size in range(min(longest, len(words)), 0, -1):
        name = table.get(tuple(words[:size]))
        if name is not None:
            return name, size
    return None
