"""Predicate paraphrase vectors are embedded in one call per judge_many batch, same stances."""

from __future__ import annotations

from typing import Any

import pytest

from claimgraph.nlp import embed
from claimgraph.stance import paraphrase
from claimgraph.stance.judge import DefaultJudge

CLAIM = "Mayor Edda Holm injured a protester with her car"
TEXTS = [
    "Mayor Edda Holm wounded a protester with her car, witnesses said.",
    "Mayor Edda Holm insulted a protester, a video shows.",
    "The mayor's office denied that Edda Holm hurt anyone with her car.",
    "Mayor Edda Holm struck a protester with her car, police said.",
    "Mayor Edda Holm greeted a protester near her car on Monday.",
    "Edda Holm harmed nobody, her lawyer insisted.",
]


def _run(monkeypatch: pytest.MonkeyPatch, *, primed: bool) -> tuple[list[str], int]:
    paraphrase.forget()
    calls = 0
    real = embed.embed

    def counting(texts: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        return real(texts, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(embed, "embed", counting)
        if not primed:
            patch.setattr(paraphrase, "prime", lambda phrases: None)
        judge = DefaultJudge(use_embeddings=False)
        stances = judge.judge_many([(CLAIM, text, None) for text in TEXTS])
    paraphrase.forget()
    return [s.label for s in stances], calls


def test_judge_many_embeds_predicates_in_one_call(monkeypatch: pytest.MonkeyPatch) -> None:
    one_by_one, unbatched_calls = _run(monkeypatch, primed=False)
    batched, batched_calls = _run(monkeypatch, primed=True)
    assert batched == one_by_one
    assert one_by_one[0] == "supports" and one_by_one[1] == "unrelated"
    # several predicate words were compared one call at a time before priming
    assert unbatched_calls >= 3, unbatched_calls
    assert batched_calls <= 2, batched_calls


def test_prime_then_similarity_needs_no_call(monkeypatch: pytest.MonkeyPatch) -> None:
    paraphrase.forget()
    paraphrase.prime(["wound", "injure"])
    monkeypatch.setattr(embed, "embed", lambda texts, **kw: pytest.fail(f"embedded {texts}"))
    assert paraphrase.similarity("wound", "injure") >= paraphrase.SAME_PREDICATE
    paraphrase.forget()
