"""Statements nested in statements ("claims made by an unnamed official that ...") are found
at analysis time (``claimgraph.analyze.nested``) and stored: the statement list, the actors,
statement search and the claim map show the same statements, and a store analysed before
says how to add them.

Two invented articles about an invented story (a shipyard accused of selling patrol boats).
"""

from __future__ import annotations

import dataclasses
import warnings
from pathlib import Path
from typing import Any

import pytest
from link_helpers import make_doc

import claimgraph
from claimgraph.analyze.nested import COMPONENT
from claimgraph.analyze.pipeline import analyze
from claimgraph.link.claimmap import StaleAnalysisWarning, UnparsedWarning, claim_map
from claimgraph.stance.judge import DefaultJudge
from claimgraph.store import open_store

pytestmark = pytest.mark.model

ARTICLES = (
    (
        "Shipyard silent on boat sales\n"
        "Admiral Pell Varro would not dispute reports by unnamed port officials that the Hesk "
        "shipyard had sold patrol boats to the rebels. "
        "The shipyard did not answer questions.\n"
    ),
    (
        "Hesk shipyard denies selling boats\n"
        "The Hesk shipyard denied on Tuesday that it had sold patrol boats to the rebels. "
        '"We build ferries, not gunboats," its director Ona Fisk said.\n'
    ),
)
CLAIM = "The Hesk shipyard sold patrol boats to the rebels."
NESTED = "the Hesk shipyard had sold patrol boats to the rebels"


def _docs() -> list[Any]:
    return [
        dataclasses.replace(
            make_doc(text, title=text.splitlines()[0], outlet="The Harbour Times"),
            published=f"2024-05-0{number + 1}",
        )
        for number, text in enumerate(ARTICLES)
    ]


def _build(path: Path, *, old: bool) -> Any:
    store = open_store(str(path))
    for doc in _docs():
        analysis = analyze(doc, embed=False)
        if old:  # as the version before stored it: no nested statements
            analysis = dataclasses.replace(
                analysis,
                statements=tuple(s for s in analysis.statements if s.component != COMPONENT),
                actors=tuple(a for a in analysis.actors if not a.id.startswith("anon-")),
                components={k: v for k, v in analysis.components.items() if k != "nested"},
            )
        store.put(doc, analysis)
    return store


def _nested(statements: Any) -> list[Any]:
    return [s for s in statements if s.component == COMPONENT]


def test_analysis_stores_the_nested_statement_with_its_speaker(tmp_path: Path) -> None:
    store = _build(tmp_path / "new.db", old=False)
    try:
        (st,) = _nested(store.statements())
        assert st.content.text.rstrip(".") == NESTED
        assert st.anonymous and st.speaker == "unnamed port officials"
        # the actors list and statement search see it
        assert any(a.id == st.actor_id for a, _ in store.actors())
        assert st.id in {s.id for s in store.search_statements("patrol boats", limit=20)}
        with warnings.catch_warnings():
            warnings.simplefilter("error", StaleAnalysisWarning)
            warnings.simplefilter("error", UnparsedWarning)
            cmap = claim_map(store, CLAIM, judge=DefaultJudge(use_embeddings=False))
        mapped = {j.statement.id: j for j in cmap.statements}
        assert st.id in mapped and mapped[st.id].statement == st
        assert mapped[st.id].stance.label == "supports"
    finally:
        store.close()


def test_a_store_analysed_before_warns_and_reanalyze_adds_them(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    _build(path, old=True).close()
    cg = claimgraph.open(path)
    try:
        assert not _nested(cg.store.statements())
        with pytest.warns(StaleAnalysisWarning, match="--reanalyze"):
            old_map = claim_map(cg.store, CLAIM, judge=DefaultJudge(use_embeddings=False))
        assert not _nested(j.statement for j in old_map.statements)
        assert len(cg.stale()) == 2
        cg.reanalyze(discover=False)
        assert not cg.stale()
        (st,) = _nested(cg.store.statements())
        assert st.content.text.rstrip(".") == NESTED
        with warnings.catch_warnings():
            warnings.simplefilter("error", StaleAnalysisWarning)
            new_map = claim_map(cg.store, CLAIM, judge=DefaultJudge(use_embeddings=False))
        assert st.id in {j.statement.id for j in new_map.statements}
        # nothing else was lost: every statement of the old map is still in the new one
        assert {j.statement.id for j in old_map.statements} <= {
            j.statement.id for j in new_map.statements
        }
    finally:
        cg.close()
