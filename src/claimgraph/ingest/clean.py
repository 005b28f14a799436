"""Boilerplate, bylines and captions, marked as spans (never deleted: offsets stay valid).

The patterns are data (``claimgraph/data/boilerplate.toml``); this module only applies them.
Line-level patterns catch calls to action, comment widgets, share buttons, cookie notices and
the like; block patterns catch multi-paragraph appeals (a donation block) from their first line
to their last; ``corpus_boilerplate`` adds lines that repeat across documents of one outlet.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from claimgraph.model import Document, Span
from claimgraph.resources import load_data

_LINE = re.compile(r"[^\r\n]+")
_SPACES = re.compile(r"[\s\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*$")


@dataclass(frozen=True, slots=True)
class Line:
    """A non-empty line of a text, without its surrounding whitespace."""

    start: int
    end: int
    text: str
    key: str = ""
    """The line normalized for matching: quotes straightened, spaces collapsed."""


def normalize_line(line: str) -> str:
    """A line as patterns see it: curly quotes straightened, spaces collapsed, stripped."""
    return _SPACES.sub(" ", line.translate(_QUOTES)).strip()


@dataclass(frozen=True, slots=True)
class LinePattern:
    category: str
    regex: re.Pattern[str]
    max_chars: int


@dataclass(frozen=True, slots=True)
class BlockPattern:
    category: str
    start: re.Pattern[str]
    end: re.Pattern[str]
    cont: re.Pattern[str]
    max_lines: int
    tight: bool = False


@dataclass(frozen=True, slots=True)
class Patterns:
    """The compiled contents of ``boilerplate.toml``."""

    lines: tuple[LinePattern, ...]
    blocks: tuple[BlockPattern, ...]
    bylines: tuple[LinePattern, ...]
    captions: tuple[re.Pattern[str], ...]
    outlets: tuple[re.Pattern[str], ...]
    outlets_in_text: tuple[re.Pattern[str], ...]
    dateline_prefix: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class Cleaning:
    """What ``find_boilerplate`` marks in one text."""

    boilerplate: tuple[Span, ...] = ()
    """Lines and blocks of boilerplate (bylines included)."""
    captions: tuple[Span, ...] = ()
    """Image captions (kept as text, marked)."""
    authors: tuple[str, ...] = ()
    """Authors captured from byline lines ("By Jane Doe")."""
    outlet: str | None = None
    """An outlet named inside a boilerplate line ("... notifications from The Independent")."""


@functools.cache
def patterns() -> Patterns:
    """Load and compile the boilerplate patterns (once per process)."""
    data: dict[str, Any] = load_data("boilerplate.toml")
    flags = re.IGNORECASE

    def line_patterns(key: str, default_category: str) -> tuple[LinePattern, ...]:
        return tuple(
            LinePattern(
                entry.get("category", default_category),
                re.compile(entry["pattern"], flags),
                int(entry.get("max_chars", 200)),
            )
            for entry in data.get(key, [])
        )

    prefixes = [entry["pattern"] for entry in data.get("dateline_prefix", [])] or ["(?!)"]
    return Patterns(
        lines=line_patterns("line", "boilerplate"),
        blocks=tuple(
            BlockPattern(
                entry.get("category", "block"),
                re.compile(entry["start"], flags),
                re.compile(entry["end"], flags),
                re.compile(entry["continue"], flags),
                int(entry.get("max_lines", 10)),
                bool(entry.get("tight", False)),
            )
            for entry in data.get("block", [])
        ),
        bylines=line_patterns("byline", "byline"),
        captions=tuple(re.compile(e["pattern"], flags) for e in data.get("caption", [])),
        outlets=tuple(re.compile(e["pattern"]) for e in data.get("outlet_in_boilerplate", [])),
        outlets_in_text=tuple(re.compile(e["pattern"]) for e in data.get("outlet_in_text", [])),
        dateline_prefix=re.compile("|".join(f"(?:{p})" for p in prefixes), flags),
    )


def lines(text: str) -> list[Line]:
    """The non-empty lines of ``text`` with offsets of their stripped content."""
    out = []
    for match in _LINE.finditer(text):
        raw = match.group()
        stripped = raw.strip()
        if not stripped:
            continue
        start = match.start() + (len(raw) - len(raw.lstrip()))
        out.append(Line(start, start + len(stripped), stripped, normalize_line(stripped)))
    return out


def boilerplate_category(line: str) -> str | None:
    """The category of boilerplate a single line is (``None`` for article text)."""
    return _category(normalize_line(line))


def _category(key: str) -> str | None:
    for pattern in patterns().lines:
        if len(key) <= pattern.max_chars and pattern.regex.fullmatch(key):
            return pattern.category
    return None


def byline_author(line: str) -> str | None:
    """The author named by a byline line ("By Jane Doe" -> "Jane Doe"), else ``None``."""
    return _author(normalize_line(line))


def _author(key: str) -> str | None:
    if _SENTENCE_END.search(key) or len(key.split()) > 14:
        return None
    for pattern in patterns().bylines:
        if len(key) <= pattern.max_chars:
            match = pattern.regex.fullmatch(key)
            if match and match.groupdict().get("author"):
                return match.group("author").strip()
    return None


def is_caption(line: str) -> bool:
    """True when a line reads as an image caption with a credit ("... (AFP/Getty)")."""
    return _is_caption(normalize_line(line))


def _is_caption(key: str) -> bool:
    return len(key) <= 600 and any(p.fullmatch(key) for p in patterns().captions)


def find_boilerplate(text: str) -> Cleaning:
    """Mark boilerplate lines and blocks, bylines and captions of one text."""
    all_lines = lines(text)
    marked: dict[int, str] = {}
    authors: list[str] = []
    for i, line in enumerate(all_lines):
        category = _category(line.key)
        if category:
            marked[i] = category
            continue
        author = _author(line.key)
        if author:
            marked[i] = "byline"
            if author not in authors:
                authors.append(author)
    _mark_blocks(text, all_lines, marked)
    masthead = _masthead(all_lines, marked)
    captions = _captions(all_lines, marked)
    spans = tuple(Span.of(text, all_lines[i].start, all_lines[i].end) for i in sorted(marked))
    outlet = None
    for i in sorted(marked):
        outlet = outlet_in_line(all_lines[i].text)
        if outlet:
            break
    outlet = outlet or masthead or _wire_outlet(all_lines, marked)
    return Cleaning(
        boilerplate=merge_spans(text, spans),
        captions=tuple(Span.of(text, all_lines[i].start, all_lines[i].end) for i in captions),
        authors=tuple(authors),
        outlet=outlet,
    )


def outlet_in_line(line: str) -> str | None:
    """An outlet named in a boilerplate line ("... from The Independent" -> "The Independent")."""
    key = _SPACES.sub(" ", line).strip()
    for pattern in patterns().outlets:
        match = pattern.search(key)
        if match:
            return match.group("outlet").strip().rstrip(".,;:")
    return None


def _masthead(all_lines: list[Line], marked: dict[int, str]) -> str | None:
    """An outlet name on its own line just under the byline ("The Luzan Tribune"), or under the
    date line when it reads as a medium's name ("Kellmar Post", "Radio Nordvik"): marked."""
    for i in range(len(all_lines) - 1):
        if (i + 1) in marked:
            continue
        after_byline = marked.get(i) == "byline"
        if not after_byline and not (i < 8 and _DATE_LINE.fullmatch(all_lines[i].key)):
            continue
        name = all_lines[i + 1].key
        words = name.split()
        if (
            1 <= len(words) <= 6
            and len(name) <= 60
            and not _SENTENCE_END.search(name)
            and all(w[0].isupper() or w in _NAME_LINKS for w in words)
            and words[0][0].isupper()
            and (after_byline or _medium_name(words))
        ):
            marked[i + 1] = "masthead"
            return name
    return None


_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE_LINE = re.compile(
    rf"(?i)(?:(?:updated|published|posted)\s*:?\s*)?(?:[a-z]+day,?\s+)?"
    rf"(?:\d{{1,2}}\s+{_MONTH}|{_MONTH}\s+\d{{1,2}},?)\s+\d{{4}}(?:,?\s+(?:at\s+)?[\d:.]+\s*[\w ]{{0,12}})?"
)
"""A line that is only a date ("Tuesday 4 March 2025", "March 4, 2025 10:58 GMT")."""


@functools.lru_cache(maxsize=1)
def _medium_words() -> tuple[frozenset[str], frozenset[str]]:
    """(last words, first words) of media names, shared with provenance (data/provenance.toml)."""
    data = load_data("provenance.toml")
    return frozenset(data["name_suffixes"]), frozenset(data["name_prefixes"])


def _medium_name(words: list[str]) -> bool:
    suffixes, prefixes = _medium_words()
    return len(words) >= 2 and (words[-1] in suffixes or words[0] in prefixes)


_NAME_LINKS = {"of", "the", "and", "&", "for", "de", "du", "la", "le"}


def _wire_outlet(all_lines: list[Line], marked: dict[int, str]) -> str | None:
    """The agency of a wire dateline at the start of an early paragraph ("KABUL (Reuters) -")."""
    seen = 0
    for i, line in enumerate(all_lines):
        if i in marked:
            continue
        seen += 1
        if seen > 8:
            break
        for pattern in patterns().outlets_in_text:
            match = pattern.match(line.key)
            if match:
                return match.group("outlet").strip()
    return None


def _mark_blocks(text: str, all_lines: list[Line], marked: dict[int, str]) -> None:
    for block in patterns().blocks:
        i = 0
        while i < len(all_lines):
            key = all_lines[i].key
            if len(key) > 300 or not block.start.fullmatch(key):
                i += 1
                continue
            stop = None
            for j in range(i + 1, min(len(all_lines), i + 1 + block.max_lines)):
                if len(all_lines[j].key) <= 200 and block.end.fullmatch(all_lines[j].key):
                    stop = j
                    break
            if stop is None:  # no closing line: take what reads like the appeal
                stop = i
                while (
                    stop + 1 < len(all_lines)
                    and stop + 1 - i <= block.max_lines
                    and len(all_lines[stop + 1].key) <= 600
                    and not (
                        block.tight and _blank_between(text, all_lines[stop], all_lines[stop + 1])
                    )
                    and block.cont.fullmatch(all_lines[stop + 1].key)
                ):
                    stop += 1
            for k in range(i, stop + 1):
                marked.setdefault(k, block.category)
            i = stop + 1


def _blank_between(text: str, first: Line, second: Line) -> bool:
    """True when a blank line separates two lines."""
    return text[first.end : second.start].replace("\r", "").count("\n") > 1


_CUT_OFF = re.compile(r".{20,300}\s(?![aio]$)[a-z]")
"""A line cut off by a scraper inside a word ("... a secret base in eastern Afghanistan in t"):
a single-letter lower-case last word that is no word (not "a", "i", "o") and no final stop."""


def _captions(all_lines: list[Line], marked: dict[int, str]) -> list[int]:
    found = [
        i
        for i, line in enumerate(all_lines)
        if i not in marked and (_is_caption(line.key) or _CUT_OFF.fullmatch(line.text.strip()))
    ]
    extra = []
    for i in found:  # the same caption without its credit, just before or after it
        for j in (i - 1, i + 1):
            if 0 <= j < len(all_lines) and j not in marked and j not in found:
                other = all_lines[j].key
                if len(other) >= 20 and all_lines[i].key.startswith(other):
                    extra.append(j)
    return sorted(set(found) | set(extra))


def merge_spans(text: str, spans: Iterable[Span]) -> tuple[Span, ...]:
    """Sorted spans with overlapping or adjacent-by-whitespace ones merged."""
    ordered = sorted(spans, key=lambda s: (s.start, s.end))
    merged: list[tuple[int, int]] = []
    for span in ordered:
        if merged and (span.start <= merged[-1][1] or not text[merged[-1][1] : span.start].strip()):
            merged[-1] = (merged[-1][0], max(merged[-1][1], span.end))
        else:
            merged.append((span.start, span.end))
    return tuple(Span.of(text, s, e) for s, e in merged)


def covered(start: int, end: int, spans: Iterable[Span]) -> bool:
    """True when ``[start, end)`` lies entirely inside one of ``spans``."""
    return any(s.start <= start and end <= s.end for s in spans)


def _outlet_key(doc: Document) -> str | None:
    if doc.outlet:
        return doc.outlet.casefold()
    if doc.url:
        host = urlsplit(doc.url).hostname
        return host.removeprefix("www.") if host else None
    return None


def corpus_boilerplate(docs: list[Document], *, min_docs: int = 3) -> list[Document]:
    """Mark short lines repeated in at least ``min_docs`` documents of one outlet.

    Documents whose outlet (or URL host) is unknown are returned unchanged: without knowing two
    articles come from one outlet, a repeated line may be a quote echoed across the press.
    Ids are left unchanged so that re-ingesting one article alone gives the same id.
    """
    groups: dict[str, list[int]] = defaultdict(list)
    for index, doc in enumerate(docs):
        key = _outlet_key(doc)
        if key is not None:
            groups[key].append(index)
    result = list(docs)
    for members in groups.values():
        if len(members) < min_docs:
            continue
        seen: dict[str, set[int]] = defaultdict(set)
        for index in members:
            for line in _candidate_lines(docs[index]):
                seen[line.key.casefold()].add(index)
        repeated = {key for key, where in seen.items() if len(where) >= min_docs}
        if not repeated:
            continue
        for index in members:
            result[index] = _with_marked_lines(docs[index], repeated)
    return result


def _candidate_lines(doc: Document) -> list[Line]:
    out = []
    for line in lines(doc.text):
        if doc.title_span and doc.title_span.start <= line.start < doc.title_span.end:
            continue
        if len(line.text) <= 150 and len(line.text.split()) <= 20:
            out.append(line)
    return out


def _with_marked_lines(doc: Document, repeated: set[str]) -> Document:
    new = [
        Span.of(doc.text, line.start, line.end)
        for line in _candidate_lines(doc)
        if line.key.casefold() in repeated and not covered(line.start, line.end, doc.boilerplate)
    ]
    if not new:
        return doc
    boilerplate = merge_spans(doc.text, [*doc.boilerplate, *new])
    paragraphs = tuple(p for p in doc.paragraphs if not covered(p[0], p[1], boilerplate))
    return dataclasses.replace(doc, boilerplate=boilerplate, paragraphs=paragraphs)
