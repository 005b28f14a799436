"""The judge's denial verbs have one home: attribution cues of class ``deny`` plus the
judge's own ``deny_beyond_speech`` list; no verb is written in both."""

from __future__ import annotations

from claimgraph.analyze.lexicon import cue_polarity, lexicon
from claimgraph.stance.polarity import cue_sets, load_lexicon


def test_denial_verbs_are_listed_once() -> None:
    speech = {c for c in lexicon().cue_class if cue_polarity(c) == "deny"}
    beyond = set(load_lexicon("cues")["deny_beyond_speech"])
    assert not speech & beyond
    assert "deny" not in load_lexicon("cues")
    assert cue_sets()["deny"] == frozenset(speech | beyond)


def test_denial_verbs_come_from_both_lists() -> None:
    deny = cue_sets()["deny"]
    assert {"deny", "reject", "challenge"} <= deny  # attribution cues
    assert {"slam", "scoff"} <= deny  # judge-only verbs
    assert "say" not in deny
