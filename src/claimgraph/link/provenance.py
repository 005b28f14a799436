"""Provenance: who cites whom, original reports versus echoes, and how independent a side is.

From the sentence of a statement ("X told CNN", "according to Reuters", "Quoting Aamaj
News, Sputnik Tajikistan recalled ...", "footage obtained by CNN", "the agency quoted
Shahin") the media that relayed it are read in order from the source outwards; the chain
ends with the outlet that published the document. A report is *original* when no other
outlet stands between the source and the document, an *echo* otherwise.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from claimgraph.analyze.media import (
    canonical_medium,
    is_medium,
    media_key,
    outlet_spellings,
    provenance_lexicon,
    same_medium,
)
from claimgraph.model import Document, Span, Statement

_FUNCTION_WORDS = {"The", "A", "An", "In", "On", "And", "But", "Or", "Of", "To", "For", "As", "At"}


@functools.lru_cache(maxsize=64)
def _medium_re(extra: tuple[str, ...] = ()) -> re.Pattern[str]:
    lex = provenance_lexicon()
    spellings = sorted(
        {re.sub(r"^The\s+", "", s) for n, o in lex["media"].items() for s in (n, *o)} | set(extra),
        key=len,
        reverse=True,
    )
    known = "|".join(re.escape(s) for s in spellings)
    suffixes = "|".join(re.escape(s) for s in lex["name_suffixes"])
    cap = r"[A-Z][\w'’-]+"
    extension = rf"(?:\s+(?!(?:{'|'.join(_FUNCTION_WORDS)})\b)[A-Z][a-z]+\b)?"
    anaphors = "|".join(re.escape(a) for a in sorted(lex["anaphors"], key=len, reverse=True))
    own = "|".join(re.escape(a) for a in sorted(lex["self_references"], key=len, reverse=True))
    prefixes = "|".join(re.escape(s) for s in lex["name_prefixes"])
    return re.compile(
        rf"(?P<own>\b(?:{own})\b)"
        rf"|(?P<known>\b(?:{known})\b{extension})"
        rf"|(?P<named>\b(?:{cap}\s+){{1,3}}(?:{suffixes})\b)"
        rf"|(?P<prefixed>\b(?:{prefixes})\s+{cap}(?:\s+(?!(?:{'|'.join(_FUNCTION_WORDS)})\b){cap})?)"
        rf"|(?P<anaphor>\b[Tt]he\s+(?:[A-Z][\w'’-]*\s+|[a-z-]+\s+)?(?:{anaphors})\b)"
    )


@functools.lru_cache(maxsize=1)
def _described_re() -> re.Pattern[str]:
    """A name described as a medium: "Runway Notes, an aviation blog," / "the news website
    Runway Notes" (the medium noun must end the description)."""
    nouns = "|".join(
        re.escape(n) for n in sorted(provenance_lexicon()["medium_nouns"], key=len, reverse=True)
    )
    cap = r"[A-Z][\w'’-]+"
    name = rf"{cap}(?:\s+{cap}){{0,3}}"
    return re.compile(
        rf"(?P<a>{name}),\s+(?:an?|the)\s+(?:[\w-]+\s+){{0,2}}?(?:{nouns})"
        r"(?=\s*[,.;:)]|\s+(?:that|which|reported|reports|said|says|wrote|published|quoted|cited)\b)"
        rf"|\b[Tt]he\s+(?:[\w-]+\s+){{0,2}}?(?:{nouns})\s+(?P<b>{name})"
    )


def _described(text: str) -> set[str]:
    """Names the text describes as media ("Runway Notes, an aviation blog")."""
    names = set()
    for match in _described_re().finditer(text):
        name = match.group("a") or match.group("b") or ""
        words = name.split()
        while words and words[0] in _FUNCTION_WORDS | set(_CALENDAR):
            words = words[1:]
        if words and not set(words) & set(_CALENDAR):
            names.add(" ".join(words))
    return names


_CALENDAR = (
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip


@functools.lru_cache(maxsize=256)
def document_credits(text: str) -> tuple[str | None, str | None]:
    """(the agency credited by a wire dateline, the outlet a republication notice names as
    the first publisher) read from an article's text; None where the text has none."""
    lex = provenance_lexicon()
    credit = None
    match = re.search(lex["dateline_credit"], text[:2000])
    if match:
        credit = canonical_medium(match.group("outlet").strip())
    first = None
    for pattern in lex["republished"]:
        for found in re.finditer(pattern, text):
            name = re.sub(r"^the\s+", "", found.group("outlet").strip().rstrip(".,;:"))
            if name.split()[0] not in _CALENDAR:
                first = canonical_medium(name)
                break
        if first:
            break
    return credit, first


@functools.lru_cache(maxsize=256)
def _dateline_day(text: str, published: str | None) -> str | None:
    """The day of the article's wire dateline ("BRENHOLT, March 4 (Meridian Wire) -")."""
    from claimgraph.analyze import timex

    match = re.search(timex.lexicon()["dateline"], text[:2000])
    if match is None:
        return None
    times = timex.resolve_text(match.group("when"), published)
    return times[0].value if times and times[0].precision == "day" else None


def _after_dateline(text: str, doc: Document, statement: Statement) -> bool:
    """True when the statement is dated (by its own words) after the wire dateline: the
    republishing outlet added it ("the mayor said on Wednesday" under a Tuesday dateline)."""
    when = statement.date
    if when is None or not when.value or when.inferred or when.precision != "day":
        return False
    day = _dateline_day(text, doc.published)
    return day is not None and when.value > day


def publisher(doc: Document) -> str | None:
    """The outlet that published ``doc``: its ``outlet``, else the agency of its wire dateline
    unless a notice says the story was first published by that agency elsewhere."""
    if doc.outlet:
        return canonical_medium(doc.outlet) or doc.outlet
    text = doc.masked_text()
    credit, first = document_credits(text)
    masthead = _masthead(text)
    if masthead and not (first and same_medium(first, masthead)):
        return masthead
    if credit and not (first and same_medium(first, credit)):
        return credit
    return None


@functools.lru_cache(maxsize=256)
def _masthead(text: str, max_lines: int = 8) -> str | None:
    """A line near the top that is nothing but a medium's name ("Kellmar Post")."""
    lex = provenance_lexicon()
    cap = r"[A-Z][\w'’&-]+"
    suffixes = "|".join(re.escape(s) for s in lex["name_suffixes"])
    prefixes = "|".join(re.escape(s) for s in lex["name_prefixes"])
    name = re.compile(
        rf"(?:The\s+)?(?:{cap}\s+){{1,3}}(?:{suffixes})|(?:{prefixes})\s+{cap}(?:\s+{cap})?"
    )
    lines = [line.strip() for line in text.splitlines() if line.strip()][:max_lines]
    for line in lines[1:]:  # the first line is the title
        if name.fullmatch(line):
            return canonical_medium(line)
    return None


def document_relays(doc: Document) -> list[str]:
    """Media every statement of ``doc`` came through before its publisher: the agency of a
    wire dateline and the first publisher of a republished story, when not the publisher."""
    own = publisher(doc)
    out: list[str] = []
    for name in document_credits(doc.masked_text()):
        if name and not same_medium(name, own) and not any(same_medium(name, o) for o in out):
            out.append(name)
    return out


@functools.lru_cache(maxsize=1)
def _lead_words() -> frozenset[str]:
    """Capitalised words that start a sentence before a medium's name ("Quoting Aamaj News")."""
    lex = provenance_lexicon()
    words = {w.lower() for w in _FUNCTION_WORDS}
    for phrase in (*lex["before"], *lex["relay"]):
        words.update(phrase.split())
    return frozenset(words)


@dataclass(frozen=True, slots=True)
class MediumMention:
    """A medium named (or referred back to) in the text."""

    name: str
    """Canonical name."""
    span: Span
    """Where it is written."""
    rank: int = 2
    """0: the source spoke to it directly (told, interview); 1: it relays another medium
    (quoting); 2: it reports (according to, reported); 3: the whole article came through it
    (a wire dateline or a republication notice, see ``document_relays``)."""


def find_media(
    text: str, *, outlets: Mapping[str, str] | None = None, own: str | None = None
) -> list[MediumMention]:
    """Every medium mention in ``text``; anaphors ("the agency") take the last one named.

    ``outlets`` adds the corpus's outlets (spelling key -> name, see ``outlet_spellings``);
    ``own`` is the publishing outlet, which "this newspaper" refers to.
    """
    known = tuple(sorted((outlets or {}).items()))
    return list(_find_media(text, known, own))


@functools.lru_cache(maxsize=512)
def _find_media(
    text: str, known: tuple[tuple[str, str], ...], own: str | None
) -> tuple[MediumMention, ...]:
    """``find_media`` cached: a claim map asks it of one document once per statement."""
    outlets = dict(known)
    extra = tuple(sorted({m.group(0) for m in _spelled(text, outlets)} | _described(text)))
    mentions: list[MediumMention] = []
    last: str | None = None
    for match in _medium_re(extra).finditer(text):
        start = match.start()
        if match.group("own"):
            if not own:
                continue
            name = own
        elif match.group("anaphor"):
            if last is None:
                continue
            name = last
        else:
            raw = match.group(0)
            while (m := re.match(r"([A-Z][\w'’-]*)\s+", raw)) and m.group(
                1
            ).lower() in _lead_words():
                start, raw = start + m.end(), raw[m.end() :]
            if match.group("named") and not re.search(r"[A-Z][\w'’-]*\s+\S", raw):
                continue  # only the suffix word is left ("Quoting News")
            name = outlets.get(media_key(raw)) or canonical_medium(raw) or raw.strip()
            last = name
        mentions.append(MediumMention(name, Span.of(text, start, match.end())))
    return tuple(mentions)


def _spelled(text: str, outlets: Mapping[str, str]) -> list[re.Match[str]]:
    """Occurrences in ``text`` of the outlets' spellings, as written (capitalised)."""
    found: list[re.Match[str]] = []
    for key in outlets:
        for match in re.finditer(rf"\b{re.escape(key)}\b", text, flags=re.IGNORECASE):
            if match.group(0)[:1].isupper():
                found.append(match)
    return found


def _trigger(text: str, mention: MediumMention) -> int | None:
    """The rank of the citation context around a mention, None when it is not a citation."""
    lex = provenance_lexicon()
    before = text[max(0, mention.span.start - 90) : mention.span.start]
    before = re.sub(r"\s*\bthe$", "", before.rstrip().lower()).rstrip()
    after = text[mention.span.end : mention.span.end + 90].lower()
    # skip an apposition describing the medium ("Runway Notes, an aviation blog, reported")
    after = re.sub(r"^,\s+(?:an?|the)\s+[^,.;]{1,50},", "", after)
    if (
        re.search(r"\binterview\b[^.;:]{0,70}\b(?:to|with)$", before)
        or re.search(r"\b(?:told|tells|telling)$", before)
        or re.search(r"\b(?:speaking|talking|spoke|talked)(?:\s+[a-z]+ly)?\s+(?:to|with)$", before)
        or re.search(
            r"\b(?:message|statement|comments?|remarks|letter|e-?mail|reply|response)\s+"
            r"(?:sent\s+|given\s+)?(?:to|with)$",
            before,
        )
    ):
        return 0
    for phrase in lex["relay"]:
        if before.endswith(phrase):
            return 1
    for phrase in sorted(lex["before"], key=len, reverse=True):
        if before.endswith(phrase):
            return 0 if phrase.startswith(("obtained", "interview", "told")) else 2
    words = re.findall(r"[a-z]+", after)[:3]
    if words and words[0] in ("has", "had", "have", "also", "later", "then", "purportedly"):
        words = words[1:]
    if words and words[0] in lex["after"]:
        return 2
    return None


def citing_media(
    text: str,
    start: int,
    end: int,
    *,
    exclude: Iterable[tuple[int, int]] = (),
    outlets: Mapping[str, str] | None = None,
    own: str | None = None,
) -> list[MediumMention]:
    """Media cited in ``text[start:end]``, source-nearest first (told < quoting < reported)."""
    media = find_media(text, outlets=outlets, own=own)
    skip = list(exclude)
    found: list[MediumMention] = []
    for mention in media:
        if not (start <= mention.span.start and mention.span.end <= end):
            continue
        if any(s < mention.span.end and mention.span.start < e for s, e in skip):
            continue
        rank = _trigger(text, mention)
        if rank is None:
            continue
        if any(same_medium(f.name, mention.name) for f in found):
            continue
        found.append(MediumMention(mention.name, mention.span, rank))
    found.sort(key=lambda m: (m.rank, m.span.start))
    return found


def _paragraph_bounds(doc: Document, offset: int) -> list[tuple[int, int]]:
    paragraphs = list(doc.paragraphs) or [
        (m.start(), m.end()) for m in re.finditer(r"[^\n]+", doc.text)
    ]
    return [p for p in paragraphs if p[1] <= offset or p[0] <= offset < p[1]]


def statement_media(
    doc: Document, statement: Statement, *, outlets: Mapping[str, str] | None = None
) -> list[MediumMention]:
    """The media that relayed ``statement``, source-nearest first.

    Reads the statement's sentence (cue and source included) and, for statements standing
    in a block introduced by a paragraph ending with ":" ("CNN reports:"), that paragraph.
    The statement's own ``via`` (set by attribution) comes first when given. ``outlets``
    (see ``outlet_spellings``) names the corpus's outlets; the document's own is added.
    """
    text = doc.masked_text()
    own = publisher(doc)
    known = {**(outlets or {}), **outlet_spellings(own)}
    region = statement.sentence or statement.content
    extra = [s for s in (statement.cue, statement.source) if s is not None]
    start = min([region.start, *(s.start for s in extra)])
    end = max([region.end, *(s.end for s in extra)])
    exclude = (
        [(statement.content.start, statement.content.end)] if statement.kind != "authorial" else []
    )
    found = citing_media(text, start, end, exclude=exclude, outlets=known, own=own)
    if not found:
        before = _paragraph_bounds(doc, statement.content.start)
        for s, e in reversed(before[:-1][-3:]):
            if text[s:e].rstrip().endswith(":"):
                found = citing_media(text, s, e, outlets=known, own=own)
                break
    if not found:
        posted = signed_post(text, statement.content.start, statement.content.end)
        if posted:
            found = [
                MediumMention(posted, Span(statement.content.end, statement.content.end, ""), 0)
            ]
    if statement.via:
        via = (
            known.get(media_key(statement.via)) or canonical_medium(statement.via) or statement.via
        )
        span = statement.via_span or Span(0, 0, "")
        found = [MediumMention(via, span, 0), *(m for m in found if not same_medium(m.name, via))]
    for name in document_relays(doc) if not _after_dateline(text, doc, statement) else ():
        if not any(same_medium(m.name, name) for m in found):
            found.append(MediumMention(name, Span(0, 0, ""), 3))
    return found


_LINE = re.compile(r"(?m)^[^\n]*")


def signed_post(text: str, start: int, end: int) -> str | None:
    """The medium of an embedded post whose signature line ("— Jane Roe (@janeroe) March 3,
    2025") stands within ``text[start:end]`` (a quoted block) or on the line after the one
    where it ends; None when there is none."""
    entries = provenance_lexicon()["post_signature"]
    stop = text.find("\n", end)  # the end of the line after the one where it ends
    stop = len(text) if stop < 0 else text.find("\n", stop + 1)
    stop = len(text) if stop < 0 else stop
    for line in _LINE.finditer(text, start + 1, stop):
        if not line.group(0).strip():
            continue
        for entry in entries:
            match = re.match(entry["pattern"], line.group(0))
            if match:
                name = entry.get("medium") or match.groupdict().get("medium") or ""
                return canonical_medium(name)
    return None


def outlet_name(doc: Document) -> str:
    """The publishing outlet's name (see ``publisher``), or the file (or id) when the outlet
    is unknown."""
    name = publisher(doc)
    if name:
        return name
    if doc.path:
        return re.split(r"[\\/]", doc.path)[-1]
    return doc.id[:12]


def is_document_source(statement: Statement) -> bool:
    """True when the statement's source is a record (footage, document) rather than a person."""
    words = set(
        re.findall(
            r"[a-z]+",
            (statement.speaker or statement.source.text if statement.source else "").lower(),
        )
    )
    return bool(words & set(provenance_lexicon()["documents"]))


def via_chain(statement: Statement, media: Sequence[str], outlet: str) -> tuple[str, ...]:
    """speaker -> media ... -> outlet, as names (repeats dropped)."""
    chain: list[str] = []
    first = statement.speaker or (statement.source.text if statement.source else None)
    if statement.kind == "authorial":
        first = None
    for name in (first, *media, outlet):
        if name and (not chain or not same_medium(chain[-1], name)):
            chain.append(name)
    return tuple(chain)


def is_original(media: Sequence[str], outlet: str) -> bool:
    """First-hand: no other outlet between the source and the publishing outlet."""
    return all(same_medium(m, outlet) for m in media)


__all__ = [
    "MediumMention",
    "canonical_medium",
    "citing_media",
    "document_credits",
    "document_relays",
    "find_media",
    "is_document_source",
    "is_medium",
    "is_original",
    "outlet_name",
    "outlet_spellings",
    "publisher",
    "same_medium",
    "signed_post",
    "statement_media",
    "via_chain",
]
