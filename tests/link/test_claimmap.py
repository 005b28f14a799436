"""The claim map built from hand-made statements and a fake judge; its JSON; its timeline."""

from __future__ import annotations

import dataclasses
import json

import pytest
from link_helpers import KeywordJudge, make_doc, make_statement

from claimgraph.link import Candidate, build_claim_map, claim_map_to_dict, stance_changes, timeline
from claimgraph.link.claimmap import aggregate, headline_clauses
from claimgraph.model import Span, Stance, StatementDate

CLAIM = "Russia is arming the Taliban"

RULES = [
    (("not refuting",), "supports", False),
    (("no longer denies",), "supports", False),
    (("not arming",), "refutes", False),
    (("absolutely false",), "refutes", False),
    (("long denied",), "refutes", False),
    (("may", "arming"), "supports", True),
    (("arming",), "supports", False),
    (("armed",), "supports", False),
    (("openly aligns",), "supports", False),
]

TITLE_A = "Afghan Government Spokesman: Reports Say Russia Is ‘Arming the Taliban’"
TEXT_A = (
    f"{TITLE_A}\n\n"
    "“They are arming the Taliban,” Sediq Sediqi, a spokesman for the Afghan government, told CNN.\n\n"
    "Russia’s Foreign Ministry has dismissed claims that the Kremlin is arming the Taliban as absolutely false.\n\n"
    "Helmand governor Hayat said Iran and Pakistan are assisting the Taliban."
)
TITLE_B = "US officials suggest Russia is arming Taliban fighters"
TEXT_B = (
    f"{TITLE_B}\n\n"
    "General John Nicholson said he is not refuting reports that Russia is arming the Taliban.\n\n"
    "Gen. Votel told lawmakers in March that Russia may be arming the Taliban in some way.\n\n"
    "Russia appears to have armed the Taliban over the last 18 months.\n\n"
    "Nicholson later said the arming of the Taliban by Russia was plain."
)
TITLE_C = "Russia Openly Aligns with Taliban, Says U.S. Presence ‘Disturbing’"
TEXT_C = (
    f"{TITLE_C}\n\n"
    "Spokeswoman Maria Zakharova said Russia is not arming the Taliban.\n\n"
    "Zakharova said talks in Moscow went well."
)


@pytest.fixture()
def corpus() -> dict[str, object]:
    a = make_doc(TEXT_A, title=TITLE_A, outlet="Breitbart", path="a.txt")
    b = make_doc(
        TEXT_B, title=TITLE_B, outlet="The Independent", published="2017-04-25", path="b.txt"
    )
    c = make_doc(TEXT_C, title=TITLE_C, outlet="Breitbart", path="c.txt")
    lines_a, lines_b, lines_c = (d.text.split("\n\n") for d in (a, b, c))
    statements = [
        (
            a,
            make_statement(
                a,
                lines_a[1],
                "They are arming the Taliban",
                speaker="Sediq Sediqi",
                actor_id="sediq-sediqi",
                cue="told",
                kind="direct",
            ),
        ),
        (
            a,
            make_statement(
                a,
                lines_a[2],
                "claims that the Kremlin is arming the Taliban as absolutely false",
                speaker="Russia’s Foreign Ministry",
                actor_id="russian-foreign-ministry",
                cue="dismissed",
                cue_lemma="dismiss",
            ),
        ),
        (
            a,
            make_statement(
                a,
                lines_a[3],
                "Iran and Pakistan are assisting the Taliban",
                speaker="Hayat",
                actor_id="hayatullah-hayat",
                cue="said",
            ),
        ),
        (
            b,
            make_statement(
                b,
                lines_b[1],
                "he is not refuting reports that Russia is arming the Taliban",
                speaker="John Nicholson",
                actor_id="john-nicholson",
                cue="said",
                date=StatementDate("2017-04-24", "day", False),
            ),
        ),
        (
            b,
            make_statement(
                b,
                lines_b[2],
                "Russia may be arming the Taliban in some way",
                speaker="Votel",
                actor_id="joseph-votel",
                cue="told",
                hedged=True,
                date=StatementDate("2017-03", "month", False),
            ),
        ),
        (b, make_statement(b, lines_b[3], lines_b[3], kind="authorial")),
        (
            b,
            make_statement(
                b,
                lines_b[4],
                "the arming of the Taliban by Russia was plain",
                speaker="Nicholson",
                actor_id="john-nicholson",
                cue="said",
            ),
        ),
        (
            c,
            make_statement(
                c,
                lines_c[1],
                "Russia is not arming the Taliban",
                speaker="Maria Zakharova",
                actor_id="maria-zakharova",
                cue="said",
                cue_lemma="say",
            ),
        ),
        (
            c,
            make_statement(
                c,
                lines_c[2],
                "talks in Moscow went well",
                speaker="Maria Zakharova",
                actor_id="maria-zakharova",
                cue="said",
            ),
        ),
    ]
    return {"docs": (a, b, c), "statements": statements}


def _map(corpus: dict[str, object]) -> tuple[object, KeywordJudge]:
    judge = KeywordJudge(RULES)
    candidates = [Candidate(st, doc, 1.0) for doc, st in corpus["statements"]]  # type: ignore[attr-defined]
    return build_claim_map(CLAIM, candidates, judge=judge), judge


def test_unrelated_statements_are_left_out(corpus: dict[str, object]) -> None:
    cmap, _ = _map(corpus)
    speakers = {j.statement.speaker for j in cmap.statements}  # type: ignore[attr-defined]
    assert "Hayat" not in speakers
    assert not any(j.statement.content.text == "talks in Moscow went well" for j in cmap.statements)  # type: ignore[attr-defined]
    assert len(cmap.statements) == 7  # type: ignore[attr-defined]


def test_actor_stances(corpus: dict[str, object]) -> None:
    cmap, _ = _map(corpus)
    by_id = {a.actor.id: a for a in cmap.actors}  # type: ignore[attr-defined]
    assert set(by_id) == {
        "sediq-sediqi",
        "russian-foreign-ministry",
        "john-nicholson",
        "joseph-votel",
        "maria-zakharova",
    }
    assert by_id["sediq-sediqi"].stance.label == "supports"
    assert by_id["john-nicholson"].stance.label == "supports"
    assert len(by_id["john-nicholson"].statement_ids) == 2
    assert not by_id["john-nicholson"].stance.hedged
    assert by_id["joseph-votel"].stance.label == "supports" and by_id["joseph-votel"].stance.hedged
    assert by_id["russian-foreign-ministry"].stance.label == "refutes"
    assert by_id["maria-zakharova"].stance.label == "refutes"
    # supporters first, then refuters
    labels = [a.stance.label for a in cmap.actors]  # type: ignore[attr-defined]
    assert labels == sorted(labels, key=["supports", "refutes", "neutral"].index)


def test_provenance_in_the_map(corpus: dict[str, object]) -> None:
    cmap, _ = _map(corpus)
    sediqi = next(j for j in cmap.statements if j.statement.actor_id == "sediq-sediqi")  # type: ignore[attr-defined]
    assert sediqi.statement.via == "CNN"
    assert sediqi.via_chain == ("Sediq Sediqi", "CNN", "Breitbart")
    assert sediqi.original is False
    nicholson = next(
        j for j in cmap.statements if j.statement.content.text.startswith("he is not refuting")
    )  # type: ignore[attr-defined]
    assert nicholson.original is True
    assert nicholson.via_chain == ("John Nicholson", "The Independent")
    assert cmap.independent_sources == {"supports": 3, "refutes": 2}  # type: ignore[attr-defined]


def test_document_stances_separate_the_writer_from_the_quoted(corpus: dict[str, object]) -> None:
    cmap, _ = _map(corpus)
    by_path = {d.document.path: d.stance for d in cmap.documents}  # type: ignore[attr-defined]
    # "Reports Say ..." only reports; no authorial sentence in a: neutral
    assert by_path["a.txt"].label == "neutral"
    # the headline reports ("suggest") but the writer says "Russia appears to have armed"
    assert by_path["b.txt"].label == "supports"
    assert (
        by_path["b.txt"].evidence is not None
        and "appears to have armed" in by_path["b.txt"].evidence.text
    )
    # "Russia Openly Aligns with Taliban" is the writer's own clause
    assert by_path["c.txt"].label == "supports"
    doc_c = corpus["docs"][2]  # type: ignore[index]
    evidence = by_path["c.txt"].evidence
    assert (
        evidence is not None
        and doc_c.text[evidence.start : evidence.end] == "Russia Openly Aligns with Taliban"
    )


def test_headline_clauses() -> None:
    clauses = headline_clauses(TITLE_C)
    assert [(TITLE_C[s:e], r) for s, e, r in clauses] == [
        ("Russia Openly Aligns with Taliban", False),
        ("Says U.S. Presence ‘Disturbing’", True),
    ]
    assert [r for _, _, r in headline_clauses(TITLE_A)] == [True, True]
    assert [
        r for _, _, r in headline_clauses("Taliban spokesman denies military ties with Russia")
    ] == [True]


def test_judge_sees_statement_with_its_sentence(corpus: dict[str, object]) -> None:
    _, judge = _map(corpus)
    content_calls = [c for c in judge.calls if c[2] is not None]
    assert len(content_calls) == 9
    assert all(claim == CLAIM for claim, _, _ in judge.calls)
    assert ("They are arming the Taliban" in content_calls[0][1]) and "told CNN" in (
        content_calls[0][2] or ""
    )


@pytest.mark.parametrize(
    ("stances", "label", "hedged"),
    [
        ([Stance("supports", 0.9), Stance("refutes", 0.6)], "supports", False),
        ([Stance("supports", 0.9, hedged=True), Stance("refutes", 0.6)], "refutes", False),
        (
            [Stance("supports", 0.6, hedged=True), Stance("supports", 0.5, hedged=True)],
            "supports",
            True,
        ),
        ([Stance("neutral", 0.7), Stance("unrelated", 0.9)], "neutral", False),
        ([Stance("unrelated", 0.9)], "unrelated", False),
        ([], "unrelated", False),
    ],
)
def test_aggregate(stances: list[Stance], label: str, hedged: bool) -> None:
    result = aggregate(stances)
    assert (result.label, result.hedged) == (label, hedged)
    assert 0.0 <= result.confidence <= 1.0


def test_json_shape(corpus: dict[str, object]) -> None:
    cmap, _ = _map(corpus)
    data = json.loads(json.dumps(claim_map_to_dict(cmap)))  # type: ignore[arg-type]
    assert data["claim"] == CLAIM
    first = data["statements"][0]
    for key in (
        "id",
        "file",
        "doc_id",
        "speaker",
        "actor_id",
        "source",
        "cue",
        "content",
        "kind",
        "stance",
        "confidence",
        "hedged",
        "anonymous",
        "via",
        "via_chain",
        "original",
        "same_as",
        "date",
    ):
        assert key in first
    assert set(first["date"]) >= {"value", "precision", "inferred"}
    docs = {d.id: d for d in corpus["docs"]}  # type: ignore[attr-defined]
    for st in data["statements"]:
        text = docs[st["doc_id"]].text
        assert text[st["content"]["start"] : st["content"]["end"]] == st["content"]["text"]
        if st["source"]:
            assert text[st["source"]["start"] : st["source"]["end"]] == st["source"]["text"]
    actor = next(a for a in data["actors"] if a["actor_id"] == "john-nicholson")
    assert actor["stance"] == "supports" and len(actor["statements"]) == 2
    assert {d["file"] for d in data["documents"]} == {"a.txt", "b.txt", "c.txt"}
    assert data["independent_sources"] == {"supports": 3, "refutes": 2}


def test_timeline_orders_by_date_and_finds_stance_changes() -> None:
    text = (
        "Russia had long denied news reports of support for the Taliban.\n\n"
        "Russia, which no longer denies its engagement with the Taliban, spoke up."
    )
    doc = make_doc(text, published="2017-02-01")
    lines = text.split("\n\n")
    inferred = StatementDate("2017-02-01", "day", True)
    later = make_statement(
        doc,
        lines[1],
        "its engagement with the Taliban",
        speaker="Russia",
        actor_id="russia",
        cue="no longer denies",
        negated=True,
        date=inferred,
    )
    earlier = make_statement(
        doc,
        lines[0],
        "news reports of support for the Taliban",
        speaker="Russia",
        actor_id="russia",
        cue="had long denied",
        cue_lemma="deny",
        date=inferred,
    )
    votel_doc = make_doc("Votel said in March that Russia may be arming the Taliban.")
    votel = make_statement(
        votel_doc,
        votel_doc.text,
        "Russia may be arming the Taliban",
        speaker="Votel",
        actor_id="votel",
        cue="said",
        date=StatementDate("2016-03", "month", False),
    )
    undated_doc = make_doc("An expert said Russia is arming the Taliban.")
    undated = make_statement(
        undated_doc,
        undated_doc.text,
        "Russia is arming the Taliban",
        speaker="expert",
        cue="said",
        date=StatementDate(None, None, False),
    )
    candidates = [
        Candidate(s, d)
        for s, d in ((later, doc), (undated, undated_doc), (earlier, doc), (votel, votel_doc))
    ]
    cmap = build_claim_map(CLAIM, candidates, judge=KeywordJudge(RULES))
    rows = timeline(cmap)
    assert [r.date for r in rows] == ["2016-03", "2017-02-01", "2017-02-01", None]
    assert [r.side for r in rows[1:3]] == ["refutes", "supports"]
    assert rows[1].phase == -1 and rows[2].phase == 1
    assert rows[0].hedged and rows[0].actor == "Votel"
    changes = stance_changes(cmap)
    assert [(c.actor_id, c.before, c.after) for c in changes] == [("russia", "refutes", "supports")]


class _RelativeEvidenceJudge(KeywordJudge):
    """Returns evidence counted from the start of the text it was given, as real judges do."""

    def judge(self, claim: str, text: str, *, context: str | None = None) -> Stance:
        stance = super().judge(claim, text, context=context)
        return Stance(
            stance.label,
            stance.confidence,
            Span.of(text, 0, min(6, len(text))),
            stance.hedged,
            self.name,
        )


def test_evidence_is_placed_in_the_document(corpus: dict[str, object]) -> None:
    candidates = [Candidate(st, doc, 1.0) for doc, st in corpus["statements"]]  # type: ignore[attr-defined]
    cmap = build_claim_map(CLAIM, candidates, judge=_RelativeEvidenceJudge(RULES))
    for item in cmap.statements:
        ev = item.stance.evidence
        assert ev is not None
        assert item.document.text[ev.start : ev.end] == ev.text
        assert ev.start == item.statement.content.start


def test_article_that_only_quotes_is_neutral() -> None:
    from claimgraph.link.claimmap import document_stance

    title = "Minister visits the northern border"
    doc = make_doc(f"{title}\n\nThe minister said Russia is arming the Taliban.", title=title)
    stance = document_stance(CLAIM, doc, [], KeywordJudge(RULES)).stance
    assert (stance.label, stance.evidence) == ("neutral", None)


def test_context_keeps_the_clauses_of_content_and_cue() -> None:
    from claimgraph.link.judging import statement_context

    text = "The envoy says seized rifles prove Russia armed the Taliban; Moscow rejects the charge."
    doc = make_doc(text)
    envoy = make_statement(
        doc, text, "seized rifles prove Russia armed the Taliban", speaker="envoy", cue="says"
    )
    assert statement_context(envoy) == "The envoy says seized rifles prove Russia armed the Taliban"
    # a denial whose content is the charge of the clause before keeps both clauses
    moscow = make_statement(
        doc, text, "seized rifles prove Russia armed the Taliban", speaker="Moscow", cue="rejects"
    )
    assert statement_context(moscow) == text
    plain = make_doc("The envoy says Russia armed the Taliban.")
    st = make_statement(plain, plain.text, "Russia armed the Taliban", cue="says")
    assert statement_context(st) == plain.text


def test_headline_documents_list_only_articles_whose_writer_takes_a_side(
    corpus: dict[str, object],
) -> None:
    """An editorial none of whose statements was retrieved still gives its own stance; an
    article found the same way whose headline takes no side is not listed."""
    editorial_title = "Russia is arming the Taliban"
    editorial = make_doc(f"{editorial_title}\n\nOpinion. Enough is enough.", title=editorial_title)
    report_title = "Minister visits the northern border"
    report = make_doc(f"{report_title}\n\nThe minister travelled north.", title=report_title)
    candidates = [Candidate(st, doc, 1.0) for doc, st in corpus["statements"]]  # type: ignore[attr-defined]
    cmap = build_claim_map(
        CLAIM, candidates, judge=KeywordJudge(RULES), headline_documents=[editorial, report]
    )
    sides = {d.document.id: d.stance.label for d in cmap.documents}
    assert sides[editorial.id] == "supports"
    assert report.id not in sides
    assert len(sides) == 1 + len({doc.id for doc, _ in corpus["statements"]})  # type: ignore[attr-defined]


def test_claim_name_is_the_first_capitalised_run() -> None:
    from claimgraph.link.claimmap import claim_name

    assert claim_name("Norvik Pharma concealed side effects") == "Norvik Pharma"
    assert claim_name("The umpire Carlo Besson took a bribe") == "Carlo Besson"
    assert claim_name("Russia is arming the Taliban") == "Russia"
    assert claim_name("the drones were sold abroad") is None


@pytest.mark.parametrize(
    ("text", "url", "expected"),
    [
        ("Norvik hid the harm\n\nEditorial\n\nMonday 3 March\n\nBody.", None, True),
        ("Norvik hid the harm\n\nOPINION:\n\nBody.", None, True),
        ("Norvik hid the harm\n\nBy Ana Roth\n\nBody.", "https://x.example/opinion/norvik", True),
        ("Norvik hid the harm\n\nBy Ana Roth\n\nAn editorial board met on Monday.", None, False),
        ("Regulator finds Norvik left cases out\n\nBody of the report.", None, False),
    ],
)
def test_is_opinion_reads_the_kicker_or_the_url(text: str, url: str | None, expected: bool) -> None:
    from claimgraph.link.claimmap import is_opinion

    doc = dataclasses.replace(make_doc(text), url=url)
    assert is_opinion(doc) is expected
