"""The claim map built from hand-made statements and a fake judge; its JSON; its timeline."""

from __future__ import annotations

import dataclasses
import json

import pytest
from link_helpers import KeywordJudge, make_doc, make_statement

from claimgraph.link import Candidate, build_claim_map, claim_map_to_dict, stance_changes, timeline
from claimgraph.link.claimmap import aggregate, headline_clauses
from claimgraph.model import Span, Stance, StatementDate

CLAIM = "Valdosa is arming the Ossory Front"

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

TITLE_A = "Lunmari Cabinet Spokesman: Reports Say Valdosa Is ‘Arming the Ossory Front’"
TEXT_A = (
    f"{TITLE_A}\n\n"
    "“They are arming the Ossory Front at night,” cabinet aide Tomas Reyl told Channel Nine.\n\n"
    "On Friday Valdosa’s Foreign Ministry dismissed the idea that the Palace of Ansel was arming the Ossory Front as absolutely false.\n\n"
    "The Corran mayor, Dorrit, said Tarsin and Belmark were quietly helping the Ossory Front."
)
TITLE_B = "Harbour envoys suggest Valdosa is arming Ossory Front units"
TEXT_B = (
    f"{TITLE_B}\n\n"
    "Admiral Marta Brenner said she was not refuting accounts that Valdosa is arming the Ossory Front.\n\n"
    "Gen. Halloran told lawmakers in March that Valdosa may be arming the Ossory Front in some way.\n\n"
    "Valdosa appears to have armed the Ossory Front over the last 18 months.\n\n"
    "Brenner later said the arming of the Ossory Front by Valdosa was plain."
)
TITLE_C = "Valdosa Openly Aligns with Ossory Front, Says Harbour Patrols ‘Alarming’"
TEXT_C = (
    f"{TITLE_C}\n\n"
    "Spokeswoman Irena Vask said Valdosa is not arming the Ossory Front.\n\n"
    "Vask said talks in Port Ansel went well."
)


@pytest.fixture()
def corpus() -> dict[str, object]:
    a = make_doc(TEXT_A, title=TITLE_A, outlet="Harbour Times", path="a.txt")
    b = make_doc(
        TEXT_B, title=TITLE_B, outlet="The Lunmar Courier", published="2017-04-25", path="b.txt"
    )
    c = make_doc(TEXT_C, title=TITLE_C, outlet="Harbour Times", path="c.txt")
    lines_a, lines_b, lines_c = (d.text.split("\n\n") for d in (a, b, c))
    statements = [
        (
            a,
            make_statement(
                a,
                lines_a[1],
                "They are arming the Ossory Front",
                speaker="Tomas Reyl",
                actor_id="tomas-reyl",
                cue="told",
                kind="direct",
            ),
        ),
        (
            a,
            make_statement(
                a,
                lines_a[2],
                "the idea that the Palace of Ansel was arming the Ossory Front as absolutely false",
                speaker="Valdosa’s Foreign Ministry",
                actor_id="valdosan-foreign-ministry",
                cue="dismissed",
                cue_lemma="dismiss",
            ),
        ),
        (
            a,
            make_statement(
                a,
                lines_a[3],
                "Tarsin and Belmark were quietly helping the Ossory Front",
                speaker="Dorrit",
                actor_id="anja-dorrit",
                cue="said",
            ),
        ),
        (
            b,
            make_statement(
                b,
                lines_b[1],
                "she was not refuting accounts that Valdosa is arming the Ossory Front",
                speaker="Marta Brenner",
                actor_id="marta-brenner",
                cue="said",
                date=StatementDate("2017-04-24", "day", False),
            ),
        ),
        (
            b,
            make_statement(
                b,
                lines_b[2],
                "Valdosa may be arming the Ossory Front in some way",
                speaker="Halloran",
                actor_id="ines-halloran",
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
                "the arming of the Ossory Front by Valdosa was plain",
                speaker="Brenner",
                actor_id="marta-brenner",
                cue="said",
            ),
        ),
        (
            c,
            make_statement(
                c,
                lines_c[1],
                "Valdosa is not arming the Ossory Front",
                speaker="Irena Vask",
                actor_id="irena-vask",
                cue="said",
                cue_lemma="say",
            ),
        ),
        (
            c,
            make_statement(
                c,
                lines_c[2],
                "talks in Port Ansel went well",
                speaker="Irena Vask",
                actor_id="irena-vask",
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
    assert "Dorrit" not in speakers
    assert not any(
        j.statement.content.text == "talks in Port Ansel went well" for j in cmap.statements
    )  # type: ignore[attr-defined]
    assert len(cmap.statements) == 7  # type: ignore[attr-defined]


def test_actor_stances(corpus: dict[str, object]) -> None:
    cmap, _ = _map(corpus)
    by_id = {a.actor.id: a for a in cmap.actors}  # type: ignore[attr-defined]
    assert set(by_id) == {
        "tomas-reyl",
        "valdosan-foreign-ministry",
        "marta-brenner",
        "ines-halloran",
        "irena-vask",
    }
    assert by_id["tomas-reyl"].stance.label == "supports"
    assert by_id["marta-brenner"].stance.label == "supports"
    assert len(by_id["marta-brenner"].statement_ids) == 2
    assert not by_id["marta-brenner"].stance.hedged
    assert (
        by_id["ines-halloran"].stance.label == "supports" and by_id["ines-halloran"].stance.hedged
    )
    assert by_id["valdosan-foreign-ministry"].stance.label == "refutes"
    assert by_id["irena-vask"].stance.label == "refutes"
    # supporters first, then refuters
    labels = [a.stance.label for a in cmap.actors]  # type: ignore[attr-defined]
    assert labels == sorted(labels, key=["supports", "refutes", "neutral"].index)


def test_provenance_in_the_map(corpus: dict[str, object]) -> None:
    cmap, _ = _map(corpus)
    reyl = next(j for j in cmap.statements if j.statement.actor_id == "tomas-reyl")  # type: ignore[attr-defined]
    assert reyl.statement.via == "Channel Nine"
    assert reyl.via_chain == ("Tomas Reyl", "Channel Nine", "Harbour Times")
    assert reyl.original is False
    nicholson = next(
        j for j in cmap.statements if j.statement.content.text.startswith("she was not refuting")
    )  # type: ignore[attr-defined]
    assert nicholson.original is True
    assert nicholson.via_chain == ("Marta Brenner", "The Lunmar Courier")
    assert cmap.independent_sources == {"supports": 3, "refutes": 2}  # type: ignore[attr-defined]


def test_document_stances_separate_the_writer_from_the_quoted(corpus: dict[str, object]) -> None:
    cmap, _ = _map(corpus)
    by_path = {d.document.path: d.stance for d in cmap.documents}  # type: ignore[attr-defined]
    # "Reports Say ..." only reports; no authorial sentence in a: neutral
    assert by_path["a.txt"].label == "neutral"
    # the headline reports ("suggest") but the writer says "Valdosa appears to have armed"
    assert by_path["b.txt"].label == "supports"
    assert (
        by_path["b.txt"].evidence is not None
        and "appears to have armed" in by_path["b.txt"].evidence.text
    )
    # "Valdosa Openly Aligns with Ossory Front" is the writer's own clause
    assert by_path["c.txt"].label == "supports"
    doc_c = corpus["docs"][2]  # type: ignore[index]
    evidence = by_path["c.txt"].evidence
    assert (
        evidence is not None
        and doc_c.text[evidence.start : evidence.end] == "Valdosa Openly Aligns with Ossory Front"
    )


def test_headline_clauses() -> None:
    clauses = headline_clauses(TITLE_C)
    assert [(TITLE_C[s:e], r) for s, e, r in clauses] == [
        ("Valdosa Openly Aligns with Ossory Front", False),
        ("Says Harbour Patrols ‘Alarming’", True),
    ]
    assert [r for _, _, r in headline_clauses(TITLE_A)] == [True, True]
    assert [
        r for _, _, r in headline_clauses("Ossory Front envoy denies any arms deal with Valdosa")
    ] == [True]


def test_judge_sees_statement_with_its_sentence(corpus: dict[str, object]) -> None:
    _, judge = _map(corpus)
    content_calls = [c for c in judge.calls if c[2] is not None]
    assert len(content_calls) == 9
    assert all(claim == CLAIM for claim, _, _ in judge.calls)
    assert ("They are arming the Ossory Front" in content_calls[0][1]) and "told Channel Nine" in (
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
    actor = next(a for a in data["actors"] if a["actor_id"] == "marta-brenner")
    assert actor["stance"] == "supports" and len(actor["statements"]) == 2
    assert {d["file"] for d in data["documents"]} == {"a.txt", "b.txt", "c.txt"}
    assert data["independent_sources"] == {"supports": 3, "refutes": 2}


def test_timeline_orders_by_date_and_finds_stance_changes() -> None:
    text = (
        "Valdosa had long denied news reports of support for the Ossory Front.\n\n"
        "Valdosa, which no longer denies its engagement with the Ossory Front, spoke up."
    )
    doc = make_doc(text, published="2017-02-01")
    lines = text.split("\n\n")
    inferred = StatementDate("2017-02-01", "day", True)
    later = make_statement(
        doc,
        lines[1],
        "its engagement with the Ossory Front",
        speaker="Valdosa",
        actor_id="valdosa",
        cue="no longer denies",
        negated=True,
        date=inferred,
    )
    earlier = make_statement(
        doc,
        lines[0],
        "news reports of support for the Ossory Front",
        speaker="Valdosa",
        actor_id="valdosa",
        cue="had long denied",
        cue_lemma="deny",
        date=inferred,
    )
    votel_doc = make_doc("Halloran said in March that Valdosa may be arming the Ossory Front.")
    halloran = make_statement(
        votel_doc,
        votel_doc.text,
        "Valdosa may be arming the Ossory Front",
        speaker="Halloran",
        actor_id="halloran",
        cue="said",
        date=StatementDate("2016-03", "month", False),
    )
    undated_doc = make_doc("An expert said Valdosa is arming the Ossory Front.")
    undated = make_statement(
        undated_doc,
        undated_doc.text,
        "Valdosa is arming the Ossory Front",
        speaker="expert",
        cue="said",
        date=StatementDate(None, None, False),
    )
    candidates = [
        Candidate(s, d)
        for s, d in ((later, doc), (undated, undated_doc), (earlier, doc), (halloran, votel_doc))
    ]
    cmap = build_claim_map(CLAIM, candidates, judge=KeywordJudge(RULES))
    rows = timeline(cmap)
    assert [r.date for r in rows] == ["2016-03", "2017-02-01", "2017-02-01", None]
    assert [r.side for r in rows[1:3]] == ["refutes", "supports"]
    assert rows[1].phase == -1 and rows[2].phase == 1
    assert rows[0].hedged and rows[0].actor == "Halloran"
    changes = stance_changes(cmap)
    assert [(c.actor_id, c.before, c.after) for c in changes] == [
        ("valdosa", "refutes", "supports")
    ]


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
    doc = make_doc(f"{title}\n\nThe minister said Valdosa is arming the Ossory Front.", title=title)
    stance = document_stance(CLAIM, doc, [], KeywordJudge(RULES)).stance
    assert (stance.label, stance.evidence) == ("neutral", None)


def test_context_keeps_the_clauses_of_content_and_cue() -> None:
    from claimgraph.link.judging import statement_context

    text = "The envoy says seized rifles prove Valdosa armed the Ossory Front; Port Ansel rejects the charge."
    doc = make_doc(text)
    envoy = make_statement(
        doc, text, "seized rifles prove Valdosa armed the Ossory Front", speaker="envoy", cue="says"
    )
    assert (
        statement_context(envoy)
        == "The envoy says seized rifles prove Valdosa armed the Ossory Front"
    )
    # a denial whose content is the charge of the clause before keeps both clauses
    moscow = make_statement(
        doc,
        text,
        "seized rifles prove Valdosa armed the Ossory Front",
        speaker="Port Ansel",
        cue="rejects",
    )
    assert statement_context(moscow) == text
    plain = make_doc("The envoy says Valdosa armed the Ossory Front.")
    st = make_statement(plain, plain.text, "Valdosa armed the Ossory Front", cue="says")
    assert statement_context(st) == plain.text


def test_headline_documents_list_only_articles_whose_writer_takes_a_side(
    corpus: dict[str, object],
) -> None:
    """An editorial none of whose statements was retrieved still gives its own stance; an
    article found the same way whose headline takes no side is not listed."""
    editorial_title = "Valdosa is arming the Ossory Front"
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
    assert claim_name("Valdosa is arming the Ossory Front") == "Valdosa"
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
