"""The parse analysis stores of each statement's judged sentence is cut from the parse of
the whole document (``analyze.readings.contexts_of``): no sentence is parsed twice.

An invented article about an invented story (a mayor accused of selling a park).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import pytest

from claimgraph.analyze.attribution import extract, parse
from claimgraph.analyze.pipeline import analyze
from claimgraph.analyze.readings import context_key, contexts_of, judged_text
from claimgraph.model import Document
from claimgraph.nlp import packed
from claimgraph.nlp.parse import load_nlp

pytestmark = pytest.mark.model

TEXT = (
    "Mayor denies selling Corran Park\n"
    "Councillor Ilse Varga said on Friday that Mayor Oskar Dunmore had sold Corran Park to a "
    "developer. The mayor rejected the charge; his deputy Lena Brandt called it a smear. "
    '"Not one square metre of the park has been sold," Dunmore told reporters.\n'
    "Residents said they had seen surveyors in the park for a week.\n"
)


class CountingNlp:
    """The spaCy pipeline, recording the texts it is asked to parse."""

    def __init__(self) -> None:
        self.nlp = load_nlp()
        self.meta, self.pipe_names, self.vocab = self.nlp.meta, self.nlp.pipe_names, self.nlp.vocab
        self.parsed: list[str] = []

    def pipe(self, texts: Iterable[str], **kw: Any) -> Iterator[Any]:
        texts = list(texts)
        self.parsed += texts
        return self.nlp.pipe(texts, **kw)


def _doc() -> Document:
    return Document(id="r" * 64, text=TEXT, title=TEXT.splitlines()[0])


def test_judged_sentences_are_cut_from_the_document_parse_not_parsed_again() -> None:
    doc = _doc()
    parsed = parse(doc.text)
    _, statements = extract(doc, parsed)
    texts = {t for t in (judged_text(s) for s in statements) if t}
    assert len(texts) >= 3
    nlp = CountingNlp()
    name, parses = contexts_of(parsed, statements, nlp=nlp)
    assert nlp.parsed == []
    assert name == packed.parser_name(load_nlp())
    assert set(parses) == {context_key(t) for t in texts}
    for text in texts:
        stored = packed.unpack(load_nlp(), parses[context_key(text)])
        assert stored.text == text
        start = doc.text.index(text)
        span = parsed.char_span(start, start + len(text))
        assert [(t.text, t.tag_, t.dep_) for t in stored] == [
            (t.text, t.tag_, t.dep_) for t in span
        ]


def test_a_judged_text_that_is_not_in_the_parse_is_parsed_alone() -> None:
    doc = _doc()
    parsed = parse(doc.text)
    _, statements = extract(doc, parsed)
    cut = parse(doc.text[: doc.text.index("The mayor rejected")])  # a shorter parse
    nlp = CountingNlp()
    _, parses = contexts_of(cut, statements, nlp=nlp)
    late = {t for t in (judged_text(s) for s in statements) if t and TEXT.index(t) >= len(cut.text)}
    assert late and set(nlp.parsed) == late
    assert {context_key(t) for t in late} <= set(parses)


def test_analysis_stores_one_parse_per_judged_text() -> None:
    analysis = analyze(_doc(), embed=False)
    keys = {context_key(t) for t in (judged_text(s) for s in analysis.statements) if t}
    assert keys and set(analysis.parses) == keys
    assert analysis.parser == packed.parser_name(load_nlp())
