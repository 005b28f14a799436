"""Stored parses of judged sentences (migration m006_stored_readings), on SQLite and
PostgreSQL: written with an analysis, read by key and pipeline, replaced with it, and a
store of the previous version upgraded with nothing lost."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from store_helpers import downgrade_sqlite, fake_analyze, make_doc

from claimgraph.analyze.readings import context_key, keys_of
from claimgraph.model import DocAnalysis
from claimgraph.store import Store, open_store

TEXT = "Orvik said the Lenn dam leaked sludge. Pell said it never leaked at all.\n"
PARSER = "en_test_pipeline-1.0[parser] spacy-3.8 docbin.v1"


def _with_parses(analysis: DocAnalysis, tag: bytes = b"") -> DocAnalysis:
    keys = keys_of(analysis.statements)
    assert keys, "the fake analysis has sentences to parse"
    parses = {key: b"packed:" + tag + text.encode() for text, key in keys.items()}
    return dataclasses.replace(analysis, parses=parses, parser=PARSER)


def test_parses_are_stored_and_read_by_key_and_pipeline(store: Store) -> None:
    doc = make_doc(TEXT)
    analysis = _with_parses(fake_analyze(doc))
    store.put(doc, analysis)
    keys = list(analysis.parses)
    assert store.parses([*keys, "no-such-key"], parser=PARSER) == analysis.parses
    assert store.parses(keys, parser="another pipeline") == {}
    assert store.parses([], parser=PARSER) == {}
    read = store.analysis(doc.id)
    assert read is not None and read.parses == analysis.parses and read.parser == PARSER


def test_parses_are_replaced_with_the_analysis(store: Store) -> None:
    doc = make_doc(TEXT)
    store.put(doc, _with_parses(fake_analyze(doc)))
    again = _with_parses(fake_analyze(doc), b"v2:")
    store.put_analysis(again)
    assert store.parses(list(again.parses), parser=PARSER) == again.parses
    store.put_analysis(dataclasses.replace(again, parses={}, parser=""))
    assert store.parses(list(again.parses), parser=PARSER) == {}


def test_an_older_store_is_upgraded_with_nothing_lost(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    store = open_store(str(path))
    doc = make_doc(TEXT)
    store.put(doc, fake_analyze(doc))
    store.close()
    downgrade_sqlite(path, "statement_parses", "m006_stored_readings")
    again = open_store(str(path))
    try:
        assert again.migrations()[-1] == "m006_stored_readings"
        assert again.count() == 1
        assert len(list(again.statements())) == len(fake_analyze(doc).statements)
        sentence = next(iter(keys_of(list(again.statements()))))
        assert again.parses([context_key(sentence)], parser=PARSER) == {}
        analysis = _with_parses(fake_analyze(doc))
        again.put_analysis(analysis)  # what ``add --reanalyze`` does
        assert again.parses(list(analysis.parses), parser=PARSER) == analysis.parses
    finally:
        again.close()
