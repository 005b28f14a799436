"""The analysis pipeline: parse once, then attribution, time expressions, dates, embeddings,
and the parse of each statement's judged sentence (``analyze.readings``), stored so that a
claim map need not parse it.

``analyze`` handles one document; ``analyze_many`` a batch: the texts go through one
``nlp.pipe``, the statements of the whole batch through one embedding call (distinct
texts only, sorted by length, with a per-process cache of recent statement vectors) and
their judged sentences through one more ``nlp.pipe``.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

import numpy as np

from claimgraph.analyze.attr_resolve import COMPONENT as ATTRIBUTION_COMPONENT
from claimgraph.analyze.readings import COMPONENT as READINGS_COMPONENT
from claimgraph.analyze.readings import keys_of, parse_contexts
from claimgraph.analyze.timex import COMPONENT as TIMEX_COMPONENT
from claimgraph.model import DocAnalysis, Document, Statement

COMPONENTS: dict[str, str] = {
    "parse": "spacy.v1",
    "attribution": ATTRIBUTION_COMPONENT,
    "timex": TIMEX_COMPONENT,
    "embedding": "minilm-l6-int8.v1",
    "readings": READINGS_COMPONENT,
}
"""Component name -> version stored with every analysis (a change marks analyses stale)."""

MAX_PARSE_CHARS = 200_000
"""Longer documents are analysed paragraph by paragraph up to this many characters."""
PIPE_BATCH = 16
"""Documents per ``nlp.pipe`` batch."""
VECTOR_CACHE = 50_000
"""Statement vectors kept per process (by text hash): wire copies and repeated quotes are
embedded once."""

_vectors: OrderedDict[bytes, np.ndarray] = OrderedDict()


def _skipped(doc: Document) -> DocAnalysis:
    return DocAnalysis(doc_id=doc.id, components={"skipped": f"language:{doc.language}"})


def _parse_text(doc: Document) -> str:
    text = doc.masked_text()
    return text[:MAX_PARSE_CHARS] if len(text) > MAX_PARSE_CHARS else text


def _key(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def embed_statements(statements: Sequence[Statement]) -> dict[str, list[float]]:
    """Statement id -> embedding of its content; each distinct text is embedded once (and
    not at all when this process embedded it recently)."""
    if not statements:
        return {}
    from claimgraph.nlp.embed import embed as embed_texts

    texts = [s.content.text for s in statements]
    keys = [_key(t) for t in texts]
    todo: dict[bytes, str] = {}
    for key, text in zip(keys, texts, strict=True):
        if key not in _vectors and key not in todo:
            todo[key] = text
    if todo:
        vectors = embed_texts(list(todo.values()))
        for key, vector in zip(todo, vectors, strict=True):
            _vectors[key] = np.asarray(vector, dtype=np.float32)
    out: dict[str, list[float]] = {}
    for statement, key in zip(statements, keys, strict=True):
        _vectors.move_to_end(key)
        out[statement.id] = _vectors[key].tolist()
    while len(_vectors) > VECTOR_CACHE:
        _vectors.popitem(last=False)
    return out


def _finish(doc: Document, parsed: Any) -> tuple[DocAnalysis, list[Statement]]:
    from claimgraph.analyze.attribution import extract
    from claimgraph.analyze.timex import date_statements, find_times

    actors, statements = extract(doc, parsed)
    times = find_times(doc, parsed)
    statements = date_statements(doc, statements, times)
    sentences = tuple((s.start_char, s.end_char) for s in parsed.sents if s.text.strip())
    analysis = DocAnalysis(
        doc_id=doc.id,
        sentences=sentences,
        actors=tuple(actors),
        statements=tuple(statements),
        times=tuple(times),
        components=dict(COMPONENTS),
    )
    return analysis, statements


def analyze(doc: Document, *, embed: bool = True) -> DocAnalysis:
    """Everything found in one document. Non-English documents are stored but not analysed."""
    if doc.language != "en":
        return _skipped(doc)
    from claimgraph.analyze.attribution import parse

    analysis, statements = _finish(doc, parse(_parse_text(doc)))
    if embed and statements:
        analysis = _with_embeddings(analysis, embed_statements(statements))
    return _with_parses(analysis, *parse_contexts(statements)) if statements else analysis


def _with_embeddings(analysis: DocAnalysis, embeddings: dict[str, list[float]]) -> DocAnalysis:
    return dataclasses.replace(analysis, embeddings=embeddings)


def _with_parses(analysis: DocAnalysis, parser: str, parses: dict[str, bytes]) -> DocAnalysis:
    """``analysis`` with the packed parses of its statements' judged sentences."""
    wanted = set(keys_of(analysis.statements).values())
    mine = {k: data for k, data in parses.items() if k in wanted}
    return dataclasses.replace(analysis, parses=mine, parser=parser)


def analyze_many(
    docs: Sequence[Document], *, embed: bool = True
) -> list[DocAnalysis | BaseException]:
    """``analyze`` of each document, batched: one ``nlp.pipe`` over the texts and one
    embedding call over the batch's statements. A document that fails gives its exception
    in its place (the others are still analysed)."""
    from claimgraph.analyze.attribution import parse_many

    results: list[DocAnalysis | BaseException] = [_skipped(d) for d in docs]
    english = [i for i, d in enumerate(docs) if d.language == "en"]
    try:
        # The attribution parse starts a sentence at every line break (news paragraphs).
        parses = list(parse_many((_parse_text(docs[i]) for i in english), batch_size=PIPE_BATCH))
    except Exception:  # one bad text fails the batch: analyse one by one instead
        for i in english:
            try:
                results[i] = analyze(docs[i], embed=embed)
            except Exception as e:
                results[i] = e
        return results
    found: dict[int, list[Statement]] = {}
    for i, parsed in zip(english, parses, strict=True):
        try:
            results[i], found[i] = _finish(docs[i], parsed)
        except Exception as e:
            results[i] = e
    if embed and found:
        vectors = embed_statements([s for i in found for s in found[i]])
        for i, statements in found.items():
            analysis = results[i]
            if statements and isinstance(analysis, DocAnalysis):
                results[i] = _with_embeddings(analysis, {s.id: vectors[s.id] for s in statements})
    if any(found.values()):
        parser, packed = parse_contexts([s for i in found for s in found[i]])
        for i, statements in found.items():
            analysis = results[i]
            if statements and isinstance(analysis, DocAnalysis):
                results[i] = _with_parses(analysis, parser, packed)
    return results
