"""Plain rows <-> value types, shared by every backend (no ORM).

Spans become ``<name>_start``, ``<name>_end``, ``<name>_text`` columns; tuples of spans and
lists become JSON text.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping
from typing import Any

from claimgraph.model import (
    Actor,
    Document,
    Span,
    Statement,
    StatementDate,
    TimeExpression,
)
from claimgraph.resources import read_data

DOCUMENT_COLUMNS = (
    "id",
    "text",
    "title",
    "outlet",
    "published",
    "authors",
    "url",
    "path",
    "language",
    "source_format",
    "title_span",
    "paragraphs",
    "boilerplate",
    "captions",
    "date_span",
    "near_duplicate_of",
    "word_count",
)

_SPAN_FIELDS = ("content", "source", "cue", "via_span", "sentence")

STATEMENT_COLUMNS = (
    "id",
    "doc_id",
    "seq",
    "kind",
    "content_start",
    "content_end",
    "content_text",
    "source_start",
    "source_end",
    "source_text",
    "cue_start",
    "cue_end",
    "cue_text",
    "cue_lemma",
    "speaker",
    "actor_id",
    "anonymous",
    "via",
    "via_span_start",
    "via_span_end",
    "via_span_text",
    "role",
    "affiliation",
    "negated",
    "hedged",
    "sentence_start",
    "sentence_end",
    "sentence_text",
    "date_value",
    "date_precision",
    "date_inferred",
    "date_span_start",
    "date_span_end",
    "date_span_text",
    "confidence",
    "component",
)

ACTOR_COLUMNS = ("id", "name", "kind", "aliases", "role", "affiliation", "anonymous")

_WORD = re.compile(r"\w+", re.UNICODE)


def _span_json(span: Span | None) -> str | None:
    return json.dumps(span.to_dict()) if span is not None else None


def _span_from_json(value: str | None) -> Span | None:
    if value is None:
        return None
    data = json.loads(value)
    return Span(int(data["start"]), int(data["end"]), str(data["text"]))


def _spans_json(spans: tuple[Span, ...]) -> str:
    return json.dumps([[s.start, s.end, s.text] for s in spans])


def _spans_from_json(value: str | None) -> tuple[Span, ...]:
    return tuple(Span(int(a), int(b), str(t)) for a, b, t in json.loads(value or "[]"))


def document_to_row(doc: Document) -> dict[str, Any]:
    """The ``documents`` row of a document."""
    return {
        "id": doc.id,
        "text": doc.text,
        "title": doc.title,
        "outlet": doc.outlet,
        "published": doc.published,
        "authors": json.dumps(list(doc.authors)),
        "url": doc.url,
        "path": doc.path,
        "language": doc.language,
        "source_format": doc.source_format,
        "title_span": _span_json(doc.title_span),
        "paragraphs": json.dumps([list(p) for p in doc.paragraphs]),
        "boilerplate": _spans_json(doc.boilerplate),
        "captions": _spans_json(doc.captions),
        "date_span": _span_json(doc.date_span),
        "near_duplicate_of": doc.near_duplicate_of,
        "word_count": doc.word_count,
    }


def row_to_document(row: Mapping[str, Any]) -> Document:
    """The document of a ``documents`` row."""
    return Document(
        id=row["id"],
        text=row["text"],
        title=row["title"],
        outlet=row["outlet"],
        published=row["published"],
        authors=tuple(json.loads(row["authors"] or "[]")),
        url=row["url"],
        path=row["path"],
        language=row["language"],
        source_format=row["source_format"],
        title_span=_span_from_json(row["title_span"]),
        paragraphs=tuple((int(a), int(b)) for a, b in json.loads(row["paragraphs"] or "[]")),
        boilerplate=_spans_from_json(row["boilerplate"]),
        captions=_spans_from_json(row["captions"]),
        date_span=_span_from_json(row["date_span"]),
        near_duplicate_of=row["near_duplicate_of"],
    )


def statement_to_row(statement: Statement, seq: int) -> dict[str, Any]:
    """The ``statements`` row of a statement (``seq``: its position in the analysis)."""
    row: dict[str, Any] = {
        "id": statement.id,
        "doc_id": statement.doc_id,
        "seq": seq,
        "kind": statement.kind,
        "cue_lemma": statement.cue_lemma,
        "speaker": statement.speaker,
        "actor_id": statement.actor_id,
        "anonymous": bool(statement.anonymous),
        "via": statement.via,
        "role": statement.role,
        "affiliation": statement.affiliation,
        "negated": bool(statement.negated),
        "hedged": bool(statement.hedged),
        "confidence": float(statement.confidence),
        "component": statement.component,
    }
    for name in _SPAN_FIELDS:
        span: Span | None = getattr(statement, name)
        row[f"{name}_start"] = span.start if span else None
        row[f"{name}_end"] = span.end if span else None
        row[f"{name}_text"] = span.text if span else None
    date = statement.date
    row["date_value"] = date.value if date else None
    row["date_precision"] = date.precision if date else None
    row["date_inferred"] = bool(date.inferred) if date else None
    row["date_span_start"] = date.span.start if date and date.span else None
    row["date_span_end"] = date.span.end if date and date.span else None
    row["date_span_text"] = date.span.text if date and date.span else None
    return row


def _row_span(row: Mapping[str, Any], name: str) -> Span | None:
    start = row[f"{name}_start"]
    if start is None:
        return None
    return Span(int(start), int(row[f"{name}_end"]), row[f"{name}_text"])


def row_to_statement(row: Mapping[str, Any]) -> Statement:
    """The statement of a ``statements`` row."""
    date = None
    if row["date_inferred"] is not None:
        date = StatementDate(
            value=row["date_value"],
            precision=row["date_precision"],
            inferred=bool(row["date_inferred"]),
            span=_row_span(row, "date_span"),
        )
    content = _row_span(row, "content")
    assert content is not None  # content is NOT NULL in every schema
    return Statement(
        id=row["id"],
        doc_id=row["doc_id"],
        kind=row["kind"],
        content=content,
        source=_row_span(row, "source"),
        cue=_row_span(row, "cue"),
        cue_lemma=row["cue_lemma"],
        speaker=row["speaker"],
        actor_id=row["actor_id"],
        anonymous=bool(row["anonymous"]),
        via=row["via"],
        via_span=_row_span(row, "via_span"),
        role=row["role"],
        affiliation=row["affiliation"],
        negated=bool(row["negated"]),
        hedged=bool(row["hedged"]),
        sentence=_row_span(row, "sentence"),
        date=date,
        confidence=float(row["confidence"]),
        component=row["component"],
    )


def actor_to_row(actor: Actor) -> dict[str, Any]:
    """The row of an actor (``aliases`` as JSON)."""
    return {
        "id": actor.id,
        "name": actor.name,
        "kind": actor.kind,
        "aliases": json.dumps(list(actor.aliases)),
        "role": actor.role,
        "affiliation": actor.affiliation,
        "anonymous": bool(actor.anonymous),
    }


def row_to_actor(row: Mapping[str, Any]) -> Actor:
    """The actor of an actor row."""
    return Actor(
        id=row["id"],
        name=row["name"],
        kind=row["kind"],
        aliases=tuple(json.loads(row["aliases"] or "[]")),
        role=row["role"],
        affiliation=row["affiliation"],
        anonymous=bool(row["anonymous"]),
    )


def merge_actor(old: Actor, new: Actor) -> Actor:
    """One actor seen in two documents: first name kept, every other name an alias."""
    aliases = list(old.aliases)
    for alias in (new.name, *new.aliases):
        if alias != old.name and alias not in aliases:
            aliases.append(alias)
    return Actor(
        id=old.id,
        name=old.name,
        kind=old.kind if old.kind != "unknown" else new.kind,
        aliases=tuple(aliases),
        role=old.role or new.role,
        affiliation=old.affiliation or new.affiliation,
        anonymous=old.anonymous and new.anonymous,
    )


def time_to_row(time: TimeExpression, doc_id: str, seq: int) -> dict[str, Any]:
    """The ``times`` row of a time expression."""
    return {
        "doc_id": doc_id,
        "seq": seq,
        "span_start": time.span.start,
        "span_end": time.span.end,
        "span_text": time.span.text,
        "value": time.value,
        "precision": time.precision,
    }


def row_to_time(row: Mapping[str, Any]) -> TimeExpression:
    """The time expression of a ``times`` row."""
    return TimeExpression(
        span=Span(int(row["span_start"]), int(row["span_end"]), row["span_text"]),
        value=row["value"],
        precision=row["precision"],
    )


@functools.lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """Words dropped from statement queries (``data/search_stopwords.txt``)."""
    text = read_data("search_stopwords.txt")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


def query_words(text: str, *, drop_stop_words: bool = False) -> list[str]:
    """The words of a user's query (punctuation and query syntax removed: text is untrusted)."""
    words = [w.lower() for w in _WORD.findall(text)]
    if drop_stop_words:
        stop = stop_words()
        kept = [w for w in words if w not in stop]
        words = kept or words
    seen: dict[str, None] = {}
    for word in words:
        seen.setdefault(word, None)
    return list(seen)
