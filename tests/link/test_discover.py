"""Claim discovery over hand-built statements and embeddings."""

from __future__ import annotations

import numpy as np
from link_helpers import KeywordJudge, make_doc, make_statement

from claimgraph.link import discover_in
from claimgraph.link.clusters import claim_text, cluster

RULES = [
    (("has not",), "refutes", False),
    (("weapons",), "supports", False),
    (("arming",), "supports", False),
    (("contact",), "supports", False),
    (("ties",), "supports", False),
]


def _vec(axis: int, noise: float, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    v = np.zeros(8)
    v[axis] = 1.0
    v += rng.normal(0, noise, 8)
    return v / np.linalg.norm(v)


def _corpus() -> tuple[list, dict]:
    a = make_doc(
        "Sediqi told CNN that Russia is arming the Taliban fighters in the north. The envoy said Russia maintains contacts with Taliban leaders in Doha."
    )
    b = make_doc(
        "Nicholson said that Russia is providing weapons to Taliban fighters in Helmand. Zakharova said that Russia has not armed any Taliban faction at all."
    )
    c = make_doc(
        "The ministry said Russia keeps diplomatic ties with Taliban officials for peace talks. Votel said more troops are needed in Afghanistan this year. Votel said more soldiers are needed in Afghanistan this year again."
    )
    sa, sb, sc = a.text.split(". "), b.text.split(". "), c.text.split(". ")
    items = [
        (
            make_statement(
                a,
                sa[0],
                "Russia is arming the Taliban fighters in the north",
                speaker="Sediqi",
                actor_id="sediqi",
                cue="told",
            ),
            0,
            1,
        ),
        (
            make_statement(
                b,
                sb[0],
                "Russia is providing weapons to Taliban fighters in Helmand",
                speaker="Nicholson",
                actor_id="nicholson",
                cue="said",
            ),
            0,
            2,
        ),
        (
            make_statement(
                b,
                sb[1],
                "Russia has not armed any Taliban faction at all",
                speaker="Zakharova",
                actor_id="zakharova",
                cue="said",
                cue_lemma="say",
                negated=True,
            ),
            0,
            3,
        ),
        (
            make_statement(
                a,
                sa[1],
                "Russia maintains contacts with Taliban leaders in Doha",
                speaker="envoy",
                actor_id="kabulov",
                cue="said",
            ),
            1,
            4,
        ),
        (
            make_statement(
                c,
                sc[0],
                "Russia keeps diplomatic ties with Taliban officials for peace talks",
                speaker="ministry",
                actor_id="mfa",
                cue="said",
            ),
            1,
            5,
        ),
        (
            make_statement(
                c,
                sc[1],
                "more troops are needed in Afghanistan this year",
                speaker="Votel",
                actor_id="votel",
                cue="said",
            ),
            2,
            6,
        ),
        (
            make_statement(
                c,
                sc[2],
                "more soldiers are needed in Afghanistan this year again",
                speaker="Votel",
                actor_id="votel",
                cue="said",
            ),
            2,
            7,
        ),
    ]
    statements = [s for s, _, _ in items]
    vectors = {s.id: _vec(axis, 0.05, seed) for s, axis, seed in items}
    return statements, vectors


def test_cluster_groups_by_direction() -> None:
    statements, vectors = _corpus()
    matrix = np.stack([vectors[s.id] for s in statements])
    groups = cluster(matrix)
    assert sorted(sorted(g) for g in groups) == [[0, 1, 2], [3, 4], [5, 6]]


def test_discovery_ranks_contested_claims_first() -> None:
    statements, vectors = _corpus()
    found = discover_in(statements, vectors, judge=KeywordJudge(RULES), min_sources=2)
    assert len(found) == 2  # the Votel cluster has one source only
    first, second = found
    assert first.contested and first.supporters == 2 and first.refuters == 1
    assert first.documents == 2 and first.independent_sources == 3
    assert "has not" not in first.claim.text  # named by an asserting member, not the denial
    assert "Russia" in first.claim.text
    assert not second.contested and second.supporters == 2 and second.refuters == 0
    assert set(second.statement_ids) == {statements[3].id, statements[4].id}
    assert first.score > second.score


def test_single_source_propositions_come_last() -> None:
    statements, vectors = _corpus()
    rules = [*RULES, (("needed",), "supports", False)]
    found = discover_in(statements, vectors, judge=KeywordJudge(rules))
    assert len(found) == 3
    assert found[-1].independent_sources == 1 and not found[-1].contested
    assert "troops" in found[-1].claim.text or "soldiers" in found[-1].claim.text


def test_a_claim_no_statement_takes_a_side_on_is_not_listed() -> None:
    statements, vectors = _corpus()
    found = discover_in(statements, vectors, judge=KeywordJudge(RULES))
    assert len(found) == 2
    assert not any("troops" in d.claim.text or "soldiers" in d.claim.text for d in found)


def test_claim_text_drops_reporting_words_and_frames() -> None:
    doc = make_doc(
        "Reports Say Russia Is Arming the Taliban. He cited an article that Russia offered a reward."
    )
    st = make_statement(
        doc,
        "Reports Say Russia Is Arming the Taliban.",
        "Say Russia Is Arming the Taliban",
        kind="authorial",
    )
    assert claim_text(st) == "Russia Is Arming the Taliban"
    st2 = make_statement(
        doc,
        "He cited an article that Russia offered a reward.",
        "an article that Russia offered a reward",
        speaker="He",
        cue="cited",
    )
    assert claim_text(st2) == "Russia offered a reward"


def test_statements_without_embeddings_or_too_short_are_skipped() -> None:
    statements, _vectors = _corpus()
    rules = [*RULES, (("needed",), "supports", False)]
    # without embeddings only the who-does-what-to-whom propositions are found
    found = discover_in(statements, {}, judge=KeywordJudge(rules))
    assert found and all("Russia" in d.claim.text for d in found)
    short = make_doc("He said no.")
    tiny = make_statement(short, short.text, "no", speaker="He", cue="said")
    assert discover_in([tiny], {tiny.id: _vec(0, 0.0, 1)}, judge=KeywordJudge(RULES)) == []


def test_claim_text_cleans_the_content() -> None:
    doc = make_doc("He said that “Russia is arming the Taliban.”")
    st = make_statement(
        doc, doc.text, "that “Russia is arming the Taliban.”", speaker="He", cue="said"
    )
    assert claim_text(st) == "Russia is arming the Taliban"


def test_claim_text_drops_a_headline_attribution() -> None:
    doc = make_doc("Reports Say Russia Is Arming the Taliban")
    st = make_statement(doc, doc.text, doc.text, kind="authorial")
    assert claim_text(st) == "Russia Is Arming the Taliban"


def test_claim_text_keeps_a_frame_noun_that_is_the_subject() -> None:
    doc = make_doc("Kettel said the claims of a former clerk with a grudge are not evidence.")
    st = make_statement(
        doc, doc.text, "the claims of a former clerk with a grudge are not evidence", cue="said"
    )
    assert claim_text(st) == "The claims of a former clerk with a grudge are not evidence"
    doc2 = make_doc("Holt said that the accusations are intended to hide a failure.")
    st2 = make_statement(
        doc2, doc2.text, "that the accusations are intended to hide a failure", cue="said"
    )
    assert claim_text(st2) == "The accusations are intended to hide a failure"
