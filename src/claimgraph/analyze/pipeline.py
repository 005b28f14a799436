"""The analysis pipeline: parse once, then attribution, time expressions, dates, embeddings."""

from __future__ import annotations

from claimgraph.model import DocAnalysis, Document

COMPONENTS: dict[str, str] = {
    "parse": "spacy.v1",
    "attribution": "attribution.v1",
    "timex": "timex.v1",
    "embedding": "minilm-l6-int8.v1",
}
"""Component name -> version stored with every analysis (a change marks analyses stale)."""

MAX_PARSE_CHARS = 200_000
"""Longer documents are analysed paragraph by paragraph up to this many characters."""


def analyze(doc: Document, *, embed: bool = True) -> DocAnalysis:
    """Everything found in one document. Non-English documents are stored but not analysed."""
    if doc.language != "en":
        return DocAnalysis(doc_id=doc.id, components={"skipped": f"language:{doc.language}"})
    from claimgraph.analyze.attribution import extract
    from claimgraph.analyze.nlp import load_nlp
    from claimgraph.analyze.timex import date_statements, find_times

    nlp = load_nlp()
    text = doc.masked_text()
    if len(text) > MAX_PARSE_CHARS:
        text = text[:MAX_PARSE_CHARS]
    parsed = nlp(text)
    actors, statements = extract(doc, parsed)
    times = find_times(doc, parsed)
    statements = date_statements(doc, statements, times)
    sentences = tuple(
        (s.start_char, s.end_char) for s in parsed.sents if s.text.strip()
    )
    embeddings: dict[str, list[float]] = {}
    if embed and statements:
        from claimgraph.stance.embed import embed as embed_texts

        vectors = embed_texts([s.content.text for s in statements])
        embeddings = {s.id: [float(x) for x in v] for s, v in zip(statements, vectors, strict=True)}
    return DocAnalysis(
        doc_id=doc.id,
        sentences=sentences,
        actors=tuple(actors),
        statements=tuple(statements),
        times=tuple(times),
        embeddings=embeddings,
        components=dict(COMPONENTS),
    )
