"""Builders for store tests: documents, analyses and a small deterministic analyzer.

``fake_analyze`` stands in for the spaCy pipeline where a test is about storage, executors
or crashes rather than analysis: every sentence of the masked text becomes an authorial
statement, with a 4-d embedding derived from its words. It is importable by worker
processes as ``store_helpers:fake_analyze`` (this folder is on their ``sys.path``).
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import time
from pathlib import Path

from claimgraph.model import Actor, DocAnalysis, Document, Span, Statement, StatementDate

_SENTENCE = re.compile(r"[^.!?\n]+[.!?]")


def make_doc(text: str, **fields: object) -> Document:
    """A document with a content-hash id and one paragraph per non-empty line."""
    doc_id = hashlib.sha256(" ".join(text.split()).encode()).hexdigest()
    paragraphs = tuple((m.start(), m.end()) for m in re.finditer(r"[^\n]+", text))
    return Document(id=doc_id, text=text, paragraphs=paragraphs, **fields)  # type: ignore[arg-type]


def statement_id(doc_id: str, start: int, end: int) -> str:
    return hashlib.sha256(f"{doc_id}:{start}:{end}".encode()).hexdigest()[:24]


def fake_analyze(doc: Document) -> DocAnalysis:
    """One authorial statement per sentence; actor 'the-writer' shared across documents."""
    delay = float(os.environ.get("CLAIMGRAPH_TEST_ANALYZE_DELAY", "0") or 0)
    if delay:
        time.sleep(delay)
    if "KILL-THE-WORKER" in doc.text:
        os._exit(13)  # a worker dying in native code, out of memory...
    if "RAISE-IN-ANALYZER" in doc.text:
        raise RuntimeError("the analyzer choked on this document")
    text = doc.masked_text()
    statements = []
    embeddings: dict[str, list[float]] = {}
    writer = Actor(id="the-writer", name="The Writer", kind="person", aliases=(doc.outlet or "?",))
    for match in _SENTENCE.finditer(text):
        start = match.start() + (len(match.group()) - len(match.group().lstrip()))
        span = Span.of(doc.text, start, match.end())
        sid = statement_id(doc.id, span.start, span.end)
        statements.append(
            Statement(
                id=sid,
                doc_id=doc.id,
                kind="authorial",
                content=span,
                sentence=span,
                speaker="The Writer",
                actor_id="the-writer",
                date=StatementDate(doc.published, "day" if doc.published else None, True),
                component="fake.v1",
            )
        )
        digest = hashlib.sha256(span.text.encode()).digest()
        embeddings[sid] = [b / 255.0 for b in digest[:4]]
    return DocAnalysis(
        doc_id=doc.id,
        sentences=tuple((s.content.start, s.content.end) for s in statements),
        actors=(writer, Actor(id="a-reader", name="A Reader", aliases=(doc.title or "?",))),
        statements=tuple(statements),
        embeddings=embeddings,
        components={"fake": "v1"},
    )


def expected_statement_count(doc: Document) -> int:
    return len(_SENTENCE.findall(doc.masked_text()))


def downgrade_sqlite(path: str | Path, table: str, migration: str) -> None:
    """Make the SQLite store at ``path`` look as the claimgraph before ``migration`` left it:
    the ``table`` that migration creates dropped and the migration unrecorded."""
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(f"DROP TABLE {table}")
        conn.execute("DELETE FROM migrations WHERE name = ?", (migration,))
    conn.close()
