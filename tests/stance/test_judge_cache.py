"""The default judge parses each distinct context once, in batches, and remembers parses."""

from __future__ import annotations

from typing import Any

import pytest

from claimgraph.stance.judge import DefaultJudge

pytestmark = pytest.mark.model

CLAIM = "Russia is supplying weapons to the Taliban"
TRIPLES = [
    (CLAIM, "Russia is arming the Taliban", "Officials said Russia is arming the Taliban."),
    (CLAIM, "the reports were baseless", "Moscow called the reports were baseless."),
    (CLAIM, "Russia is arming the Taliban", "Officials said Russia is arming the Taliban."),
    (CLAIM, "it rained in Kabul", None),
]


class CountingNlp:
    def __init__(self, nlp: Any) -> None:
        self.nlp = nlp
        self.piped: list[str] = []

    def pipe(self, texts: Any, **options: Any) -> Any:
        texts = list(texts)
        self.piped.extend(texts)
        return self.nlp.pipe(texts, **options)

    def __call__(self, text: str) -> Any:
        return self.nlp(text)


def test_contexts_parsed_once_and_cached() -> None:
    fresh = DefaultJudge(use_embeddings=False)
    expected = fresh.judge_many(TRIPLES)
    judge = DefaultJudge(use_embeddings=False)
    counter = CountingNlp(judge.nlp)
    judge.__dict__["nlp"] = counter
    first = judge.judge_many(TRIPLES)
    assert sorted(counter.piped) == sorted(
        {
            "Officials said Russia is arming the Taliban.",
            "Moscow called the reports were baseless.",
            "it rained in Kabul",
        }
    )
    again = judge.judge_many(list(reversed(TRIPLES)))
    assert len(counter.piped) == 3  # nothing parsed again
    assert first == expected
    assert list(reversed(again)) == expected
    assert first[0].label == "supports"


def test_one_shared_default_judge_per_configuration() -> None:
    from claimgraph.stance import get_judge

    first = get_judge("compositional", use_embeddings=False)
    assert get_judge("compositional", use_embeddings=False) is first
    assert get_judge("compositional", use_embeddings=True) is not first


def test_shared_judge_gives_serial_answers_under_threads() -> None:
    from concurrent.futures import ThreadPoolExecutor

    serial = DefaultJudge(use_embeddings=False).judge_many(TRIPLES)
    shared = DefaultJudge(use_embeddings=False)
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda _: shared.judge_many(TRIPLES), range(8)))
    assert all(r == serial for r in results)


DOCUMENT = (
    "Kestrel Dynamics, the Valdorian arms maker, denied the report. "
    "Officials said the arms maker had sold drones to the rebels."
)


def test_readings_are_read_once_per_parse_span_and_description_map(monkeypatch: Any) -> None:
    from claimgraph.stance import roles
    from claimgraph.stance.compositional import described

    judge = DefaultJudge(use_embeddings=False)
    expected = judge.judge_many(
        [("Kestrel Dynamics sold drones to the rebels", "the arms maker had sold drones", None)],
        documents=[DOCUMENT],
    )
    read: list[tuple[int, int]] = []
    real = roles._read  # counted, not replaced

    def counting(doc: Any, start: int, stop: int) -> list[Any]:
        read.append((start, stop))
        return real(doc, start, stop)

    monkeypatch.setattr(roles, "_read", counting)
    fresh = DefaultJudge(use_embeddings=False)
    triple = ("Kestrel Dynamics sold drones to the rebels", "the arms maker had sold drones", None)
    assert fresh.judge_many([triple], documents=[DOCUMENT]) == expected
    # the claim once and the statement once: priming predicate vectors and judging share them
    assert len(read) == 2 and len(set(read)) == 2
    doc = fresh.parse_many(["the arms maker had sold drones"])["the arms maker had sold drones"]
    first = roles.readings(doc)  # with no description map: read (3)
    with described(doc, {"arms maker": "kestrel dynamics"}):
        named = roles.readings(doc)  # another description map: read again (4)
        assert roles.readings(doc) == named
    assert roles.readings(doc) == first and len(read) == 4
    assert [r.agents for r in named] != [r.agents for r in first]
