"""Time expressions resolved against the publication date, and the date of each statement.

``find_times`` scans the article text (boilerplate masked) for dates, months, weekdays,
years, relative ("last month", "two weeks ago") and anaphoric ("that same month")
expressions and resolves each against the publication date: a month after the
publication month is taken from the year before ("in December" in a January article),
a weekday is the most recent such day on or before publication, "N weeks ago" goes
through dateparser with ``RELATIVE_BASE`` = publication date. ``date_statements`` gives
every statement the expression governing its cue, or the publication date (inferred).
"""

from __future__ import annotations

import calendar
import dataclasses
import functools
import re
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

from claimgraph.analyze.timex_context import (
    dateline_day,
    describing_clauses,
    in_period_clause,
    is_point,
    later_day,
    lexicon,
    split_sentences,
)
from claimgraph.model import DatePrecision, Document, Span, Statement, StatementDate, TimeExpression

COMPONENT = "timex.v2"

_MONTHS = {name: i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({abbr: i for i, abbr in enumerate(calendar.month_abbr) if abbr and abbr != "May"})
_MONTHS["Sept"] = 9
_WEEKDAYS = {name: i for i, name in enumerate(calendar.day_name)}
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WEEKDAY_RE = "|".join(_WEEKDAYS)
_NUMBER_WORDS = (
    "a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|several|\\d{1,3}"
)


@dataclasses.dataclass(frozen=True, slots=True)
class Anchor:
    """A reference date with the precision it is known to."""

    day: date
    precision: DatePrecision


def parse_iso(value: str | None) -> Anchor | None:
    """``YYYY-MM-DD`` / ``YYYY-MM`` / ``YYYY`` (a longer ISO timestamp is cut) as an Anchor."""
    if not value:
        return None
    text = value.strip()[:10]
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return Anchor(date.fromisoformat(text), "day")
        if re.fullmatch(r"\d{4}-\d{2}", text):
            return Anchor(date(int(text[:4]), int(text[5:7]), 1), "month")
        if re.fullmatch(r"\d{4}", text):
            return Anchor(date(int(text), 1, 1), "year")
    except ValueError:
        return None
    return None


def format_date(day: date, precision: DatePrecision) -> str:
    """ISO text of ``day`` cut to ``precision``."""
    if precision == "day":
        return day.isoformat()
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return f"{day.year:04d}"


def _shift_month(day: date, months: int) -> date:
    index = day.year * 12 + (day.month - 1) + months
    return date(index // 12, index % 12 + 1, 1)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


# --- the finder -------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    lex = lexicon()
    preps = "|".join(sorted(lex["span_prepositions"], key=len, reverse=True))
    parts = "|".join(re.escape(p) for p in sorted(lex["part_modifiers"], key=len, reverse=True))
    lead = (
        rf"(?:(?i:(?P<prep>{preps}))\s+(?i:(?:at least|as early as|as late as|as of)\s+)?)?"
        rf"(?:(?i:(?P<part>{parts}))[\s-]+(?:(?i:of)\s+)?)?"
    )
    wd = rf"(?:(?P<wd>{_WEEKDAY_RE}),?\s+)?"
    number = rf"(?P<num>{_NUMBER_WORDS})"
    anaphoric = "|".join(re.escape(k) for k in sorted(lex["anaphoric"], key=len, reverse=True))
    following = "|".join(re.escape(k) for k in sorted(lex["following"], key=len, reverse=True))
    relative = "|".join(re.escape(k) for k in sorted(lex["relative"], key=len, reverse=True))
    return [
        ("iso", re.compile(rf"{lead}\b(?P<y>\d{{4}})-(?P<m>\d{{2}})-(?P<d>\d{{2}})\b")),
        (
            "dmy",
            re.compile(
                rf"{lead}{wd}\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{_MONTH_RE})\.?,?\s+(?P<y>\d{{4}})\b"
            ),
        ),
        (
            "mdy",
            re.compile(
                rf"{lead}{wd}\b(?P<month>{_MONTH_RE})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b"
            ),
        ),
        ("my", re.compile(rf"{lead}\b(?P<month>{_MONTH_RE})\.?,?\s+(?P<y>\d{{4}})\b")),
        (
            "md",
            re.compile(
                rf"{lead}{wd}\b(?P<month>{_MONTH_RE})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?![\d,.]*\d)"
            ),
        ),
        (
            "dm",
            re.compile(
                rf"{lead}{wd}\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{_MONTH_RE})\b"
            ),
        ),
        ("ago", re.compile(rf"(?i:\b{number}\s+(?P<unit>day|week|month|year)s?\s+ago\b)")),
        ("later", re.compile(rf"(?i:\b{number}\s+(?P<unit>day|week)s?\s+later\b)")),
        ("following", re.compile(rf"(?i:\b(?P<phrase>{following})\b)")),
        ("anaphoric", re.compile(rf"(?i:\b(?P<phrase>{anaphoric})\b)")),
        (
            "relative",
            re.compile(rf"(?:(?i:(?P<part>{parts}))[\s-]+)?(?i:\b(?P<phrase>{relative})\b)"),
        ),
        (
            "month",
            re.compile(
                rf"(?:(?i:\b(?P<rel>last|this|next))\s+)?{lead}\b(?P<month>{_MONTH_RE})\b(?!\.?\s*\d)"
            ),
        ),
        (
            "weekday",
            re.compile(
                rf"(?:(?i:\b(?P<rel>last|this|next))\s+)?(?:(?i:(?P<prep>{preps}))\s+)?\b(?P<wd>{_WEEKDAY_RE})(?:['’]s)?\b"
            ),
        ),
        ("year", re.compile(rf"{lead}(?<![\d,.$£€])\b(?P<y>(?:1[89]|20)\d\d)\b(?![\d,]|s\b)")),
    ]


def _word_before(text: str, start: int) -> str:
    match = re.search(r"([A-Za-z-]+)\W*$", text[max(0, start - 30) : start])
    return match.group(1).lower() if match else ""


def _scan(text: str) -> list[tuple[int, int, str, re.Match[str]]]:
    """Non-overlapping matches, the earlier pattern (more specific) winning."""
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, int, str, re.Match[str]]] = []
    month_preps = set(lexicon()["month_prepositions"])
    for kind, pattern in _patterns():
        for match in pattern.finditer(text):
            start, end = match.span()
            if start == end or any(s < end and start < e for s, e in taken):
                continue
            groups = match.groupdict()
            if kind in ("month", "year") and not (
                groups.get("prep") or groups.get("part") or groups.get("rel")
            ):
                # a bare month (or year) counts only after a preposition or part modifier
                before = _word_before(text, start)
                if kind == "month" and before not in month_preps:
                    continue
                if kind == "year" and before in ("no", "number", "page", "route"):
                    continue
            if (
                kind == "month"
                and groups.get("month") == "May"
                and not (groups.get("prep") or groups.get("part") or groups.get("rel"))
            ):
                continue
            taken.append((start, end))
            found.append((start, end, kind, match))
    found.sort(key=lambda item: item[0])
    return found


def _resolve_weekday(
    weekday: int, anchor: Anchor | None, rel: str | None
) -> tuple[date, DatePrecision] | None:
    if anchor is None or anchor.precision != "day":
        return None
    back = (anchor.day.weekday() - weekday) % 7
    if rel == "last" and back == 0:
        back = 7
    if rel == "next":
        ahead = (weekday - anchor.day.weekday()) % 7 or 7
        return anchor.day + timedelta(days=ahead), "day"
    return anchor.day - timedelta(days=back), "day"


def _month_year(month: int, anchor: Anchor | None, rel: str | None) -> int | None:
    """Year of a month named without one: the latest such month not after publication."""
    if anchor is None or anchor.precision == "year" and rel is None:
        return anchor.day.year if anchor else None
    year = anchor.day.year
    if rel == "next":
        return year + 1 if month <= anchor.day.month else year
    if rel == "this":
        return year
    if month > anchor.day.month or (rel == "last" and month == anchor.day.month):
        return year - 1
    return year


def _ago(match: re.Match[str], anchor: Anchor | None) -> tuple[date, DatePrecision] | None:
    if anchor is None or anchor.precision != "day":
        return None
    import dateparser

    settings: Any = {
        "RELATIVE_BASE": datetime.combine(anchor.day, datetime.min.time()),
        "PREFER_DAY_OF_MONTH": "first",
        "PREFER_DATES_FROM": "past",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    phrase = re.sub(r"(?i)^(a few|several)\b", "3", match.group(0))
    parsed = dateparser.parse(phrase, languages=["en"], settings=settings)
    if parsed is None:
        return None
    unit = match.group("unit").lower()
    precision: DatePrecision = (
        "day" if unit in ("day", "week") else "month" if unit == "month" else "year"
    )
    return parsed.date(), precision


def _relative(
    phrase: str, part: str | None, anchor: Anchor | None
) -> tuple[date, DatePrecision] | None:
    spec = lexicon()["relative"][phrase.lower()]
    unit, shift = spec["unit"], int(spec["shift"])
    if anchor is None:
        return None
    if unit == "year":
        return date(anchor.day.year + shift, 1, 1), "year"
    if anchor.precision == "year":
        return None
    if unit == "month":
        return _shift_month(anchor.day, shift), "month"
    if anchor.precision != "day":
        return None
    if unit == "week":
        return anchor.day + timedelta(days=7 * shift), "month" if shift else "day"
    return anchor.day + timedelta(days=shift), "day"


def _cut(day: date, precision: DatePrecision, wanted: DatePrecision) -> DatePrecision:
    order = {"year": 0, "month": 1, "day": 2}
    return wanted if order[wanted] < order[precision] else precision


def _resolve(
    kind: str,
    match: re.Match[str],
    anchor: Anchor | None,
    history: Sequence[tuple[date, DatePrecision, bool]] = (),
) -> tuple[date, DatePrecision] | None:
    """Resolve one match; ``history`` holds the earlier resolved (date, precision, is a point)."""
    groups = match.groupdict()
    if kind == "iso":
        day = _safe_date(int(groups["y"]), int(groups["m"]), int(groups["d"]))
        return (day, "day") if day else None
    if kind in ("dmy", "mdy"):
        day = _safe_date(int(groups["y"]), _MONTHS[groups["month"]], int(groups["d"]))
        return (day, "day") if day else None
    if kind == "my":
        return date(int(groups["y"]), _MONTHS[groups["month"]], 1), "month"
    if kind in ("md", "dm"):
        month, dom = _MONTHS[groups["month"]], int(groups["d"])
        if anchor is None or anchor.precision == "year" and anchor.day.year is None:
            return None
        year = anchor.day.year
        day = _safe_date(year, month, dom)
        if day is None:
            return None
        if (
            anchor.precision == "day"
            and day > anchor.day + timedelta(days=1)
            or anchor.precision == "month"
            and (month, 1) > (anchor.day.month, 1)
        ):
            day = _safe_date(year - 1, month, dom)
        return (day, "day") if day else None
    if kind == "month":
        month = _MONTHS[groups["month"]]
        month_year = _month_year(month, anchor, (groups.get("rel") or "").lower() or None)
        return (date(month_year, month, 1), "month") if month_year else None
    if kind == "year":
        return date(int(groups["y"]), 1, 1), "year"
    if kind == "weekday":
        return _resolve_weekday(
            _WEEKDAYS[groups["wd"]], anchor, (groups.get("rel") or "").lower() or None
        )
    if kind == "ago":
        return _ago(match, anchor)
    if kind == "relative":
        return _relative(groups["phrase"], groups.get("part"), anchor)
    if kind in ("later", "following"):
        day = later_day(kind, groups, history)
        if day is None or anchor is not None and anchor.precision == "day" and day > anchor.day:
            return None  # never after publication: the moment counted from was not the one meant
        return day, "day"
    if kind == "anaphoric":
        wanted: DatePrecision = lexicon()["anaphoric"][groups["phrase"].lower()]
        order = {"year": 0, "month": 1, "day": 2}
        # the latest earlier moment known at least as precisely ("that day" is not a year)
        fitting = [h for h in history if h[2] and order[h[1]] >= order[wanted]]
        pool = fitting or [h for h in history if h[2]] or list(history)
        if not pool:
            return None
        day, precision, _point = pool[-1]
        return day, _cut(day, precision, wanted)
    return None


def resolve_text(text: str, published: str | None) -> list[TimeExpression]:
    """Every time expression of ``text`` resolved against ``published`` (ISO), in text order."""
    anchor = parse_iso(published)
    times: list[TimeExpression] = []
    history: list[tuple[date, DatePrecision, bool]] = []
    for start, end, kind, match in _scan(text):
        resolved = _resolve(kind, match, anchor, history)
        if resolved is not None:
            value, precision = format_date(resolved[0], resolved[1]), resolved[1]
            expression = TimeExpression(Span.of(text, start, end), value, precision)
            history.append((resolved[0], resolved[1], is_point(expression)))
            times.append(expression)
        else:
            unknown = TimeExpression(Span.of(text, start, end), None, None)
            if is_point(unknown):
                # an unplaced latest moment ("In January", no year): what counts from it
                # ("that same month") is unplaced, not taken from a background "in 2001"
                history.clear()
            times.append(unknown)
    return times


def find_times(
    doc: Document, parsed: Any = None, *, published: str | None = None
) -> list[TimeExpression]:
    """Time expressions of ``doc`` (boilerplate skipped) resolved against its publication date
    (or ``published`` when given: the date an undated article was placed at).

    ``parsed`` (a spaCy Doc of the masked text) is accepted for the pipeline's signature;
    the finder works on the text alone. Spans are offsets into ``doc.text``.
    """
    masked = doc.masked_text()
    found = resolve_text(masked, published or doc.published)
    # re-read span text from doc.text (identical outside boilerplate, which is masked)
    return [
        dataclasses.replace(t, span=Span.of(doc.text, t.span.start, t.span.end))
        for t in found
        if doc.date_span is None or not (doc.date_span.start <= t.span.start < doc.date_span.end)
    ]


# --- undated articles -------------------------------------------------------------------

PLAUSIBLE_YEARS = 20
"""How far before ``not_after`` a weekday-pinned date is looked for when the text names no
year that bounds it from below."""


@functools.lru_cache(maxsize=1)
def _weekday_date() -> re.Pattern[str]:
    ordinal = r"(?:st|nd|rd|th)?"
    return re.compile(
        rf"\b(?P<wd>{_WEEKDAY_RE}),?\s+(?:the\s+)?(?:(?P<d1>\d{{1,2}}){ordinal}\s+(?:of\s+)?"
        rf"(?P<m1>{_MONTH_RE})|(?P<m2>{_MONTH_RE})\.?\s+(?P<d2>\d{{1,2}}){ordinal})\b"
        r"(?!,?\s*\d)"
    )


def infer_published(text: str, *, not_after: date | None = None) -> StatementDate | None:
    """A publication date read from the text of an article that has none, ``inferred``.

    A weekday with a day and month but no year ("on Saturday, August 8") pins the year: the
    latest year, not after ``not_after`` (default today) and not before the latest year the
    text names, in which that day fell on that weekday (day precision). Otherwise the
    latest date the text names ("in 2001", "September 2015") bounds the date from below and
    is returned at its own precision with ``not_before``. None when the text gives neither.
    """
    limit = not_after or date.today()
    floor: tuple[int, Span, str, DatePrecision] | None = None
    for start, end, kind, match in _scan(text):
        if kind not in ("iso", "dmy", "mdy", "my", "year"):
            continue
        resolved = _resolve(kind, match, None)
        if resolved is None or resolved[0] > limit:
            continue
        year = resolved[0].year
        if floor is None or year > floor[0]:
            value = format_date(resolved[0], resolved[1])
            floor = (year, Span.of(text, start, end), value, resolved[1])
    lowest = floor[0] if floor else limit.year - PLAUSIBLE_YEARS
    for match in _weekday_date().finditer(text):
        month = _MONTHS[match.group("m1") or match.group("m2")]
        dom = int(match.group("d1") or match.group("d2"))
        weekday = _WEEKDAYS[match.group("wd")]
        fits = [
            day
            for year in range(lowest, limit.year + 1)
            if (day := _safe_date(year, month, dom)) is not None
            and day <= limit
            and day.weekday() == weekday
        ]
        if fits:
            span = Span.of(text, match.start(), match.end())
            return StatementDate(
                fits[-1].isoformat(), "day", inferred=True, span=span, kind="inferred"
            )
    if floor is not None:
        return StatementDate(
            floor[2], floor[3], inferred=True, span=floor[1], not_before=True, kind="bound"
        )
    return None


# --- dating statements --------------------------------------------------------------------


_WHEN = re.compile(r",?\s+when\b")
"""After "since January", a "when" clause tells what happened at that point."""


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def _speaker_words(statement: Statement) -> set[str]:
    words: set[str] = set()
    for name in (statement.speaker, statement.source.text if statement.source else None):
        if name:
            tokens = re.findall(r"[A-Za-z][A-Za-z'’-]+", name)
            if tokens:
                words.add(tokens[-1].lower())
    return words - {"he", "she", "they", "it", "him", "her"}


def date_statements(
    doc: Document,
    statements: Sequence[Statement],
    times: Sequence[TimeExpression],
    *,
    not_after: date | None = None,
) -> list[Statement]:
    """``statements`` with ``date`` filled.

    The date is the time expression in the statement's sentence outside its content (the
    one nearest the cue when several); else one in a neighbouring sentence that names the
    same speaker and refers to the remark ("made the comments ... on Monday"); else the
    publication date with ``inferred=True`` (the day of a wire dateline a few days earlier
    when there is one: a republished story); an undated document gives the date its text
    implies (``infer_published``, bounded by ``not_after``; given ``not_after``, relative
    expressions are read against that date), else ``value=None``. A time expression in a
    clause describing the speaker (", who left last month,") does not date the remark.
    """
    text = doc.text
    sentences = split_sentences(doc.masked_text())
    usable = [
        t
        for t in times
        if t.value is not None
        and (is_point(t) or _WHEN.match(text, t.span.end) is not None)
        and not in_period_clause(text, t.span.start)
    ]
    attributed = [s for s in statements if s.kind != "authorial"]
    refs = set(lexicon()["statement_references"])

    def in_any_content(t: TimeExpression) -> bool:
        return any(
            _overlaps(t.span.start, t.span.end, s.content.start, s.content.end) for s in attributed
        )

    def sentence_index(offset: int) -> int:
        for i, (s, e) in enumerate(sentences):
            if s <= offset < e:
                return i
        return -1

    published = parse_iso(doc.published)
    # what each expression says without an anchor placed by inference: a relative one
    # ("earlier this month") read against an inferred date is itself inferred
    own_values = {t.span.start: t.value for t in times}
    implied = None
    if published is None:
        implied = infer_published(doc.masked_text(), not_after=not_after)
        if implied is not None and implied.span is not None:
            implied = dataclasses.replace(
                implied, span=Span.of(text, implied.span.start, implied.span.end)
            )
        if (
            not_after is not None
            and implied is not None
            and implied.value
            and not implied.not_before
        ):
            # relative expressions ("earlier this month") read against the placed date; only
            # when the corpus bounds the placement (``not_after``): without it (at analysis)
            # the year may be wrong, and such dates would not be read again (see
            # ``claimgraph.link.dating.date_undated``)
            times = find_times(doc, published=implied.value)
            usable = [
                t
                for t in times
                if t.value is not None
                and (is_point(t) or _WHEN.match(text, t.span.end) is not None)
                and not in_period_clause(text, t.span.start)
            ]
    else:
        wired = dateline_day(doc, times, published.day) if published.precision == "day" else None
        published = Anchor(wired, "day") if wired else published
    dated: list[Statement] = []
    for statement in statements:
        pivot = (statement.cue or statement.source or statement.content).start
        if statement.sentence is not None:
            region = (statement.sentence.start, statement.sentence.end)
        else:
            i = sentence_index(pivot)
            region = sentences[i] if i >= 0 else (statement.content.start, statement.content.end)
        lo = min(region[0], statement.content.start)
        hi = max(region[1], statement.cue.end if statement.cue else region[1])
        aside = describing_clauses(text, lo, hi, refs)
        own = [
            t
            for t in usable
            if lo <= t.span.start
            and t.span.end <= hi
            and not _overlaps(
                t.span.start, t.span.end, statement.content.start, statement.content.end
            )
            and not any(s <= t.span.start and t.span.end <= e for s, e in aside)
        ]
        chosen: TimeExpression | None = None
        if own:
            chosen = min(own, key=lambda t: abs(t.span.start - pivot))
        elif statement.kind != "authorial":
            speaker = _speaker_words(statement)
            i = sentence_index(pivot)
            neighbours = [
                j for j in (i + 1, i - 1, i + 2, i - 2) if i >= 0 and 0 <= j < len(sentences)
            ]
            for j in neighbours:
                s, e = sentences[j]
                words = {w.lower() for w in re.findall(r"[A-Za-z][A-Za-z'’-]+", text[s:e])}
                if not speaker & words or not refs & words:
                    continue
                aside_there = describing_clauses(text, s, e, refs)
                near = [
                    t
                    for t in usable
                    if s <= t.span.start < e
                    and not in_any_content(t)
                    and not any(a <= t.span.start and t.span.end <= b for a, b in aside_there)
                ]
                if near:
                    chosen = near[0]
                    break
        if chosen is not None:
            stated = published is not None or own_values.get(chosen.span.start) is not None
            when = StatementDate(
                chosen.value,
                chosen.precision,
                inferred=not stated,
                span=chosen.span,
                kind="stated" if stated else "inferred",
            )
        elif published is not None:
            when = StatementDate(
                format_date(published.day, published.precision),
                published.precision,
                inferred=True,
                kind="published",
            )
        elif implied is not None:
            when = implied
        else:
            when = StatementDate(None, None, inferred=False, kind="undated")
        dated.append(dataclasses.replace(statement, date=when))
    return dated
