"""Stored discovered claims (migration m005_discovered_claims), on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

from store_helpers import downgrade_sqlite, fake_analyze, make_doc

from claimgraph.link.claimmap import make_claim
from claimgraph.link.clusters import DiscoveredClaim, SideStatement
from claimgraph.link.discovered import (
    claims,
    from_dict,
    judge_fingerprint,
    signature,
    stored,
    to_dict,
)
from claimgraph.model import Stance
from claimgraph.stance.base import JudgeBase
from claimgraph.store import Store, open_store


class CountingJudge(JudgeBase):
    """Supports every statement; counts how often discovery asked it."""

    name = "counting.v1"

    def __init__(self) -> None:
        self.calls = 0

    def judge(self, claim: str, text: str, *, context: str | None = None) -> Stance:
        self.calls += 1
        return Stance("supports", 0.9, None, False, self.name)


def _item() -> DiscoveredClaim:
    side = SideStatement("s1", "d1", 4, 20, "the dam <leaked>", "orvik", "Orvik")
    return DiscoveredClaim(
        claim=make_claim("The Lenn dam leaked"),
        statement_ids=("s1", "s2"),
        documents=1,
        supporters=1,
        refuters=1,
        neutral=0,
        independent_sources=2,
        score=11.1,
        contested=True,
        supporting=(side,),
        refuting=(SideStatement("s2", "d1", 30, 44, "it never did", "pell", None),),
        variants=("The dam at Lenn leaked",),
    )


def test_round_trip_of_a_discovered_claim() -> None:
    item = _item()
    assert from_dict(json.loads(json.dumps(to_dict(item)))) == item


def test_save_and_read_discovered(store: Store) -> None:
    assert store.discovered() is None
    store.save_discovered("sig-1", "[1]")
    store.save_discovered("sig-2", json.dumps([to_dict(_item())]))
    assert store.discovered() == ("sig-2", json.dumps([to_dict(_item())]))


def test_claims_are_read_back_until_the_store_changes(store: Store) -> None:
    judge = CountingJudge()
    doc = make_doc("Orvik said the Lenn dam leaked toxic sludge into the lake for many weeks.")
    store.put(doc, fake_analyze(doc))
    first = claims(store, judge=judge)
    asked = judge.calls
    assert first and asked > 0
    assert store.discovered() is not None and stored(store, judge) == first
    assert claims(store, judge=judge) == first and judge.calls == asked  # read, not judged
    before = signature(store, judge)
    other = make_doc("Pell said the Lenn dam never leaked any sludge into the lake at all.")
    store.put(other, fake_analyze(other))
    assert signature(store, judge) != before
    assert stored(store, judge) is None  # stale: computed again on the next listing
    claims(store, judge=judge)
    assert judge.calls > asked


def test_an_older_store_is_upgraded_with_nothing_lost(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    store = open_store(str(path))
    doc = make_doc("Orvik said the Lenn dam leaked toxic sludge into the lake for many weeks.")
    store.put(doc, fake_analyze(doc))
    store.close()
    downgrade_sqlite(path, "discovered_claims", "m005_discovered_claims")
    again = open_store(str(path))
    try:
        assert "m005_discovered_claims" in again.migrations()
        assert again.discovered() is None and again.count() == 1
        assert len(list(again.statements())) == len(fake_analyze(doc).statements)
    finally:
        again.close()


class ModelStub:
    """A model a judge holds: only its metadata matters to the fingerprint."""

    def __init__(self, meta: dict[str, object]) -> None:
        self.meta = meta


class ModelJudge(CountingJudge):
    """Same name whatever its model and settings."""

    name = "model-judge.v1"

    def __init__(self, meta: dict[str, object], *, use_embeddings: bool = True) -> None:
        super().__init__()
        self._model = ModelStub(meta)
        self._use_embeddings = use_embeddings
        self._workers = 1
        self.api_key = "secret-key"


def test_a_judge_that_keeps_its_name_but_changes_its_model_makes_the_list_stale(
    store: Store,
) -> None:
    doc = make_doc("Orvik said the Lenn dam leaked toxic sludge into the lake for many weeks.")
    store.put(doc, fake_analyze(doc))
    first = ModelJudge({"data": {"train.csv": "aa11"}, "seed": 1})
    claims(store, judge=first)
    assert stored(store, first) is not None
    retrained = ModelJudge({"data": {"train.csv": "bb22"}, "seed": 1})
    assert retrained.name == first.name
    assert judge_fingerprint(retrained) != judge_fingerprint(first)
    assert stored(store, retrained) is None  # another model: stale
    claims(store, judge=retrained)
    assert retrained.calls > 0  # recomputed with the new judge
    assert stored(store, retrained) is not None and stored(store, first) is None
    no_embeddings = ModelJudge({"data": {"train.csv": "bb22"}, "seed": 1}, use_embeddings=False)
    assert stored(store, no_embeddings) is None  # a setting that changes its answers


def test_settings_that_do_not_change_answers_keep_the_fingerprint() -> None:
    one = ModelJudge({"seed": 3})
    two = ModelJudge({"seed": 3})
    two._workers, two.api_key = 8, "another-key"
    assert judge_fingerprint(one) == judge_fingerprint(two)
    assert "secret" not in judge_fingerprint(one) and judge_fingerprint(one).startswith(
        "model-judge.v1@"
    )


def test_a_judge_may_give_its_own_fingerprint() -> None:
    judge = CountingJudge()
    judge.fingerprint = "counting.v1@weights-7"  # type: ignore[attr-defined]
    assert judge_fingerprint(judge) == "counting.v1@weights-7"
