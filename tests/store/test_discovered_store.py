"""Stored discovered claims (migration m005_discovered_claims), on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from store_helpers import fake_analyze, make_doc

from claimgraph.link.claimmap import make_claim
from claimgraph.link.clusters import DiscoveredClaim, SideStatement
from claimgraph.link.discovered import claims, from_dict, signature, stored, to_dict
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
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE discovered_claims")
    conn.execute("DELETE FROM migrations WHERE name = 'm005_discovered_claims'")
    conn.commit()
    conn.close()
    again = open_store(str(path))
    try:
        assert "m005_discovered_claims" in again.migrations()
        assert again.discovered() is None and again.count() == 1
        assert len(list(again.statements())) == len(fake_analyze(doc).statements)
    finally:
        again.close()
