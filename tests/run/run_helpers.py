"""A toy analyzer with a batch form, importable by worker processes as ``run_helpers:toy``.

``toy`` makes one authorial statement of the whole text; ``toy_many`` is its batch form and
records the batch sizes it saw (in this process) in ``BATCHES``.
"""

from __future__ import annotations

import hashlib

from claimgraph.model import DocAnalysis, Document, Span, Statement

BATCHES: list[int] = []


def make_doc(text: str) -> Document:
    return Document(id=hashlib.sha256(text.encode()).hexdigest(), text=text)


def toy(doc: Document) -> DocAnalysis:
    if "RAISE" in doc.text:
        raise RuntimeError("toy analyzer refuses this document")
    statement = Statement(
        id=doc.id[:24], doc_id=doc.id, kind="authorial", content=Span.of(doc.text, 0, len(doc.text))
    )
    return DocAnalysis(doc_id=doc.id, statements=(statement,), components={"toy": "v1"})


def toy_many(docs: list[Document]) -> list[DocAnalysis | BaseException]:
    BATCHES.append(len(docs))
    out: list[DocAnalysis | BaseException] = []
    for doc in docs:
        try:
            out.append(toy(doc))
        except RuntimeError as e:
            out.append(e)
    return out
