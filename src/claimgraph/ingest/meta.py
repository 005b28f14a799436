"""Metadata from text and URLs: outlet, dateline, date strings, language.

All lookups are offline and data-driven (``claimgraph/data/outlets.toml``; the language
model of py3langid).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any
from urllib.parse import urlsplit

from claimgraph.model import Span
from claimgraph.resources import load_data

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = "(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_TIME = (
    r"(?:,?\s*(?:at\s+|-\s+|\|\s*)?[0-2]?\d[:.][0-5]\d(?::[0-5]\d)?(?:\s*[ap]\.?m\.?)?"
    r"(?:\s+\(?[A-Z]{2,5}(?:[+-]\d{1,2})?\)?)?)?"
)
_DATE_PATTERNS = (
    re.compile(_WEEKDAY + _DAY + r"\s+" + _MONTH + r",?\s+" + _YEAR + _TIME, re.I),
    re.compile(_WEEKDAY + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR + _TIME, re.I),
    re.compile(
        _YEAR
        + r"-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?:[T ][0-2]\d:[0-5]\d(?::[0-5]\d)?(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)?)?"
    ),
)


@functools.cache
def _data(name: str) -> dict[str, Any]:
    data: dict[str, Any] = load_data(name)
    return data


def outlet_from_url(url: str | None) -> str | None:
    """The outlet of a URL from the domain table, else None."""
    if not url:
        return None
    try:
        host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    except ValueError:
        return None
    domains: dict[str, str] = _data("outlets.toml").get("domains", {})
    parts = host.split(".")
    for i in range(len(parts) - 1):
        name = domains.get(".".join(parts[i:]))
        if name:
            return name
    return None


def known_outlets() -> frozenset[str]:
    """The names of the news outlets ``outlets.toml`` knows ("CNN", "The New York Times")."""
    domains: dict[str, str] = _data("outlets.toml").get("domains", {})
    return frozenset(domains.values())


def url_host(url: str | None) -> str | None:
    """The host of a URL without ``www.``, or None."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host.removeprefix("www.") if host else None


def _iso(year: str, month: str, day: str) -> str | None:
    number = int(month) if month.isdigit() else _MONTHS.get(month.lower().rstrip("."))
    if number is None:
        return None
    try:
        return dt.date(int(year), number, int(day)).isoformat()
    except ValueError:
        return None


def parse_date(text: str | None) -> str | None:
    """An ISO date (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``) from a date string, else None."""
    if not text:
        return None
    text = text.strip()[:200]
    for pattern in _DATE_PATTERNS:
        match = pattern.search(text)
        if match:
            iso = _iso(match["year"], match["month"], match["day"])
            if iso:
                return iso
    match = re.fullmatch(r"((?:19|20)\d\d)(?:-([01]\d))?", text)
    if match:
        return text
    try:
        import dateparser

        parsed = dateparser.parse(text, settings={"PREFER_DAY_OF_MONTH": "first"})
    except Exception:  # noqa: BLE001 - dateparser may fail on odd input; the date is just unknown
        return None
    return parsed.date().isoformat() if parsed else None


def find_dateline(text: str, lines: list[tuple[int, int]], *, max_lines: int = 20) -> Span | None:
    """The dateline among the first ``max_lines`` lines: a short line that is mostly a date.

    ``lines`` are (start, end) of non-empty lines. Returns the span of the date itself
    ("Tuesday 25 April 2017 10:58 BST"); its ISO value is ``parse_date(span.text)``.
    """
    from claimgraph.ingest.clean import patterns

    prefix = patterns().dateline_prefix
    for start, end in lines[:max_lines]:
        line = text[start:end]
        if len(line) > 90:
            continue
        for pattern in _DATE_PATTERNS:
            match = pattern.search(line)
            if not match or not _iso(match["year"], match["month"], match["day"]):
                continue
            rest = (line[: match.start()] + " " + line[match.end() :]).strip(" \t,|:-–—•·()")
            rest = prefix.sub("", rest, count=1).strip(" \t,|:-–—•·()")
            if len(rest.split()) <= 2 and not rest.endswith("."):
                return Span.of(text, start + match.start(), start + match.end())
    return None


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language ("en" when too short to tell, "und" when a long
    text is in no language the model is sure of); see ``claimgraph.ingest.language``."""
    from claimgraph.ingest.language import identify_language

    return identify_language(text)[0]
