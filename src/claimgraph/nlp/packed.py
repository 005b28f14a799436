"""Compact, pickle-free parses: a spaCy ``Doc`` as bytes (a one-document ``DocBin`` holding
only the attributes the stance judge reads), and the name of the pipeline that made it.

Analysis stores the parse of each statement's sentence this way, so that a claim map reads
it back instead of parsing the sentence again (``claimgraph.analyze.readings``).
"""

from __future__ import annotations

from typing import Any

ATTRS = (
    "ORTH",
    "NORM",
    "LEMMA",
    "TAG",
    "POS",
    "MORPH",
    "DEP",
    "HEAD",
    "SENT_START",
    "ENT_IOB",
    "ENT_TYPE",
)
"""Token attributes kept: words and spacing, tags, morphology, the dependency tree, sentence
starts and entities. Not kept: the tensor, vectors and ``user_data`` (judges' caches)."""

FORMAT = "docbin.v1"
"""Version of the packing (part of ``parser_name``: a change makes stored parses unused)."""


def parser_name(nlp: Any) -> str:
    """The pipeline that made a parse, as stored with it: model name and version, its
    components, spaCy's version and the packing format. A judge uses a stored parse only
    when its own pipeline has the same name."""
    import spacy

    meta = nlp.meta
    pipes = ",".join(nlp.pipe_names)
    return (
        f"{meta.get('lang', '')}_{meta.get('name', '')}-{meta.get('version', '')}"
        f"[{pipes}] spacy-{spacy.__version__} {FORMAT}"
    )


def pack(doc: Any) -> bytes:
    """``doc`` as compact bytes (zlib-compressed msgpack, no pickle)."""
    from spacy.tokens import DocBin

    box = DocBin(attrs=list(ATTRS), store_user_data=False)
    box.add(doc)
    return bytes(box.to_bytes())


def unpack(nlp: Any, data: bytes) -> Any:
    """The ``Doc`` packed in ``data``, on ``nlp``'s vocabulary."""
    from spacy.tokens import DocBin

    docs = list(DocBin().from_bytes(bytes(data)).get_docs(nlp.vocab))
    if len(docs) != 1:
        raise ValueError(f"a packed parse holds one document, not {len(docs)}")
    return docs[0]
