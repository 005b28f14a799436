"""The claim map reads the parses analysis stored (``analyze.readings``, table
``statement_parses``) instead of parsing statement sentences, and its output is the same as
when the judge parses them itself.

Three invented articles about an invented story (a ferry operator accused of dumping fuel).
"""

from __future__ import annotations

import dataclasses
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from link_helpers import make_doc

from claimgraph.analyze.pipeline import analyze
from claimgraph.analyze.readings import context_key, judged_text, keys_of
from claimgraph.link.claimmap import UnparsedWarning, claim_map
from claimgraph.report.exports import to_json
from claimgraph.stance.judge import DefaultJudge
from claimgraph.store import open_store

pytestmark = pytest.mark.model

ARTICLES = (
    (
        "Ferry firm accused of dumping fuel\n"
        "Harbour inspector Tomas Brill said on Monday that Norrvik Lines dumped fuel oil into "
        "the Selka fjord last winter. The company rejected the accusation; its chief executive "
        "Anja Vell called it a fabrication. Local fishermen said they had seen an oily sheen "
        "for weeks.\n"
    ),
    (
        "Norrvik Lines denies fuel dumping\n"
        "Norrvik Lines denied on Tuesday that any of its ferries had dumped fuel in the fjord. "
        '"We have never released a drop of oil into the Selka," a spokesman said. An '
        "environmental group said the samples it took proved the ferries were to blame.\n"
    ),
    (
        "Inquiry into Selka fjord pollution\n"
        "The regional council said it would open an inquiry into the pollution of the Selka "
        "fjord. Councillor Mira Hask said the council had evidence that a ferry operator "
        "dumped fuel, according to a local radio station.\n"
    ),
)
CLAIM = "Norrvik Lines dumped fuel into the Selka fjord."


class RecordingJudge(DefaultJudge):
    """The compositional judge, recording every text it had to parse itself."""

    def __init__(self, *, read_stored: bool = True) -> None:
        super().__init__(use_embeddings=False)
        self.read_stored = read_stored
        self.parsed: list[str] = []

    def prime_parses(self, parses: Any) -> None:
        if self.read_stored:
            super().prime_parses(parses)

    def _parse_many(self, texts: Sequence[str]) -> dict[str, Any]:
        # the judge caches parses under the same key analysis stores them under
        self.parsed += [t for t in dict.fromkeys(texts) if context_key(t) not in self._parses]
        return super()._parse_many(texts)


def _build(path: Path, *, with_parses: bool) -> Any:
    store = open_store(str(path))
    for number, text in enumerate(ARTICLES):
        doc = dataclasses.replace(
            make_doc(text, title=text.splitlines()[0], outlet="The Fjord Post"),
            published=f"2024-02-0{number + 1}",
        )
        analysis = analyze(doc, embed=False)
        if not with_parses:  # as an earlier version stored it
            analysis = dataclasses.replace(analysis, parses={}, parser="")
        store.put(doc, analysis)
    return store


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> Any:
    root = tmp_path_factory.mktemp("parses")
    stored, bare = (
        _build(root / "stored.db", with_parses=True),
        _build(root / "bare.db", with_parses=False),
    )
    yield stored, bare
    stored.close()
    bare.close()


def test_analysis_stores_the_parse_of_each_judged_sentence(stores: Any) -> None:
    stored, _ = stores
    judge = RecordingJudge()
    statements = list(stored.statements())
    keys = keys_of(statements)
    assert len(keys) >= 5
    found = stored.parses(list(keys.values()), parser=judge.parser())
    assert set(found) == set(keys.values())
    assert stored.parses(list(keys.values()), parser="another pipeline") == {}
    text = next(t for t in (judged_text(s) for s in statements) if t)
    doc = DefaultJudge(use_embeddings=False)
    doc.prime_parses({text: found[context_key(text)]})
    assert [t.text for t in doc.parse_many([text])[text]] == [t.text for t in judge.nlp(text)]


def test_the_claim_map_reads_stored_parses_and_shows_the_same(stores: Any) -> None:
    stored, bare = stores
    reading, parsing = RecordingJudge(), RecordingJudge(read_stored=False)
    with warnings.catch_warnings():
        warnings.simplefilter("error", UnparsedWarning)  # the stored store needs no parsing
        with_parses = claim_map(stored, CLAIM, judge=reading)
    without = claim_map(stored, CLAIM, judge=parsing)
    assert with_parses.statements and to_json(with_parses) == to_json(without)
    sentences = {judged_text(j.statement) for j in with_parses.statements} - {None}
    assert sentences and not sentences & set(reading.parsed)
    assert sentences <= set(parsing.parsed)


def test_a_store_without_parses_still_maps_the_same_and_says_how_to_fix_it(
    stores: Any,
) -> None:
    stored, bare = stores
    with pytest.warns(UnparsedWarning, match="--reanalyze"):
        old = claim_map(bare, CLAIM, judge=RecordingJudge())
    new = claim_map(stored, CLAIM, judge=RecordingJudge())
    assert [(j.statement.id, j.stance) for j in old.statements] == [
        (j.statement.id, j.stance) for j in new.statements
    ]
