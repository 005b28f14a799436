"""Exact counts of discovered claims on a small invented store: supporters, refuters,
documents and independent sources; echoes count once; a statement counts for one claim."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from link_helpers import make_doc, make_statement

from claimgraph.link import discover_in
from claimgraph.model import Stance
from claimgraph.stance.base import JudgeBase


class TopicJudge(JudgeBase):
    """Supports or refutes a claim about the same topic ("dam", "bridge"); a denial word refutes."""

    name = "topic.v1"

    def judge(self, claim: str, text: str, *, context: str | None = None) -> Stance:
        topic = "dam" if "dam" in claim.lower() else "bridge"
        low = text.lower()
        if topic not in low:
            return Stance("unrelated", 0.9, None, False, self.name)
        confidence = 0.9 if low.count(topic) > 1 or "both" not in low else 0.6
        label = "refutes" if any(w in low.split() for w in ("never", "not")) else "supports"
        return Stance(label, confidence, None, False, self.name)  # type: ignore[arg-type]


def _store() -> tuple[list, dict, dict]:
    a = make_doc("Orvik said the Lenn dam leaked toxic sludge into the lake for weeks.")
    b = make_doc(
        "Orvik said the Lenn dam leaked toxic sludge into the lake for weeks. "
        "Pell said the Lenn dam has never leaked any sludge into the lake."
    )
    c = make_doc(
        "The ministry said the Lenn dam did not leak sludge into the lake. "
        "Hask said the Lenn dam leaked grey sludge into the lake last spring. "
        "Mara said the Tarn bridge cracked under the weight of the new trams. "
        "Ovel said both the Tarn bridge and its ramps cracked under the new trams."
    )
    rows = [
        (a, 0, "the Lenn dam leaked toxic sludge into the lake for weeks", "Orvik", "orvik", 0),
        (b, 0, "the Lenn dam leaked toxic sludge into the lake for weeks", "Orvik", "orvik", 0),
        (b, 1, "the Lenn dam has never leaked any sludge into the lake", "Pell", "pell", 0),
        (c, 0, "the Lenn dam did not leak sludge into the lake", "ministry", "ministry", 0),
        (c, 1, "the Lenn dam leaked grey sludge into the lake last spring", "Hask", "hask", 0),
        (c, 2, "the Tarn bridge cracked under the weight of the new trams", "Mara", "mara", 1),
        (c, 3, "both the Tarn bridge and its ramps cracked under the new trams", "Ovel", "ovel", 1),
    ]
    statements, vectors = [], {}
    for doc, n, content, speaker, actor, axis in rows:
        sentence = [p for p in doc.text.split(". ")][n]
        st = make_statement(doc, sentence, content, speaker=speaker, actor_id=actor, cue="said")
        statements.append(st)
        v = np.zeros(8)
        v[axis] = 1.0
        v[7] = 0.01 * len(statements)
        vectors[st.id] = v
    docs = {d.id: d for d in (a, b, c)}
    return statements, vectors, docs


def test_counts_are_exact_and_echoes_count_once() -> None:
    statements, vectors, docs = _store()
    found = discover_in(statements, vectors, judge=TopicJudge(), documents=docs)
    dam = next(d for d in found if "dam" in d.claim.text.lower())
    assert (dam.supporters, dam.refuters, dam.independent_sources) == (2, 2, 4)
    assert dam.documents == 3 and dam.contested
    assert {s.source for s in dam.supporting} == {"orvik", "hask"}
    assert len(dam.supporting) == 3  # Orvik's remark in two articles: two statements, one source
    assert {s.source for s in dam.refuting} == {"pell", "ministry"}
    # each side's statement is traced to its document's text
    for side in (*dam.supporting, *dam.refuting):
        assert docs[side.doc_id].text[side.start : side.end] == side.text
    # contested claims first
    assert found[0] is dam


def test_a_statement_counts_for_one_claim_only() -> None:
    statements, vectors, docs = _store()
    found = discover_in(statements, vectors, judge=TopicJudge(), documents=docs)
    counted = [s.statement_id for d in found for s in (*d.supporting, *d.refuting)]
    assert len(counted) == len(set(counted))
    bridge = next(d for d in found if "bridge" in d.claim.text.lower())
    assert (bridge.supporters, bridge.refuters, bridge.contested) == (2, 0, False)
    assert bridge.independent_sources == 2 and bridge.documents == 1


def _said(doc: Any, sentence: str, content: str, speaker: str) -> Any:
    """A statement ``speaker`` said in ``sentence``, its actor id the speaker's slug."""
    return make_statement(
        doc,
        sentence,
        content,
        speaker=speaker,
        actor_id=speaker.lower().replace(" ", "-"),
        cue="said",
    )


def _vector(axis: int, n: int) -> np.ndarray:
    v = np.zeros(8)
    v[axis] = 1.0
    v[7] = 0.01 * n
    return v


def test_a_relaying_report_counts_for_the_original_speaker() -> None:
    """ "The Gazette recalled that Voss had said ...": Voss is the source, once."""
    text = (
        "The Gazette recalled that councillor Voss had said that the Lenn dam leaked sludge. "
        "Voss said that the Lenn dam leaked sludge into the lake. "
        "Pell said the Lenn dam has never leaked any sludge into the lake."
    )
    doc = make_doc(text)
    outer = make_statement(
        doc,
        "The Gazette recalled that councillor Voss had said that the Lenn dam leaked sludge",
        "that councillor Voss had said that the Lenn dam leaked sludge",
        speaker="The Gazette",
        actor_id="gazette",
        cue="recalled",
    )
    inner = make_statement(
        doc,
        "The Gazette recalled that councillor Voss had said that the Lenn dam leaked sludge",
        "that the Lenn dam leaked sludge",
        speaker="Voss",
        actor_id="voss",
        cue="had said",
    )
    own = make_statement(
        doc,
        "Voss said that the Lenn dam leaked sludge into the lake",
        "that the Lenn dam leaked sludge into the lake",
        speaker="Voss",
        actor_id="voss",
        cue="said",
    )
    pell = make_statement(
        doc,
        "Pell said the Lenn dam has never leaked any sludge into the lake",
        "the Lenn dam has never leaked any sludge into the lake",
        speaker="Pell",
        actor_id="pell",
        cue="said",
    )
    statements = [outer, inner, own, pell]
    vectors = {s.id: _vector(0, n) for n, s in enumerate(statements)}
    found = discover_in(statements, vectors, judge=TopicJudge(), documents={doc.id: doc})
    dam = found[0]
    assert {s.source for s in dam.supporting} == {"voss"}
    assert (dam.supporters, dam.refuters, dam.independent_sources) == (1, 1, 2)


def test_one_speaker_on_both_sides_is_no_dispute() -> None:
    """A source counts on the side most of its statements take; a tie on neither."""
    a = make_doc(
        "Orvik said the Lenn dam leaked sludge into the lake. "
        "Orvik said the Lenn dam has never leaked sludge into the lake."
    )
    b = make_doc(
        "Hask said the Lenn dam leaked sludge into the lake in May. "
        "Hask said the Lenn dam leaked sludge into the lake in June. "
        "Hask said the Lenn dam did not leak sludge into the lake in July."
    )
    rows = [
        (a, "Orvik", "the Lenn dam leaked sludge into the lake"),
        (a, "Orvik", "the Lenn dam has never leaked sludge into the lake"),
        (b, "Hask", "the Lenn dam leaked sludge into the lake in May"),
        (b, "Hask", "the Lenn dam leaked sludge into the lake in June"),
        (b, "Hask", "the Lenn dam did not leak sludge into the lake in July"),
    ]
    statements = []
    for doc, speaker, content in rows:
        sentence = f"{speaker} said {content}"
        statements.append(_said(doc, sentence, content, speaker))
    vectors = {s.id: _vector(0, n) for n, s in enumerate(statements)}
    docs = {d.id: d for d in (a, b)}
    found = discover_in(statements, vectors, judge=TopicJudge(), documents=docs)
    dam = found[0]
    assert len(dam.supporting) == 3 and len(dam.refuting) == 2
    # Hask mostly supports; Orvik is one each way: on neither side
    assert (dam.supporters, dam.refuters) == (1, 0)
    assert dam.independent_sources == 2 and not dam.contested


class SluiceJudge(JudgeBase):
    """Supports a claim about the sluice with any text about the sluice; else unrelated."""

    name = "sluice.v1"

    def judge(self, claim: str, text: str, *, context: str | None = None) -> Stance:
        both = "sluice" in claim.lower() and "sluice" in text.lower()
        return Stance("supports" if both else "unrelated", 0.8, None, False, self.name)


def test_two_wordings_of_one_proposition_are_merged_with_the_variant_listed() -> None:
    """Worded alike but far apart as embeddings: the judge reads each toward the other."""
    rows = [
        ("Tomas said workers opened the sluice gate at night every week.", "Tomas", 0),
        ("Bria said the quarry opened a drainage sluice late at night.", "Bria", 1),
        ("Cora said the ferry sank beside the old pier in March.", "Cora", 2),
    ]
    statements, vectors, docs = [], {}, {}
    for n, (sentence, speaker, axis) in enumerate(rows):
        doc = make_doc(sentence)
        docs[doc.id] = doc
        content = sentence.split(" said ", 1)[1].rstrip(".")
        st = make_statement(
            doc,
            sentence.rstrip("."),
            content,
            speaker=speaker,
            actor_id=speaker.lower(),
            cue="said",
        )
        statements.append(st)
        vectors[st.id] = _vector(axis, n)
    found = discover_in(statements, vectors, judge=SluiceJudge(), documents=docs)
    sluice = [d for d in found if "sluice" in d.claim.text.lower()]
    assert len(sluice) == 1
    assert len(sluice[0].variants) == 1 and "sluice" in sluice[0].variants[0].lower()
    assert (sluice[0].supporters, sluice[0].refuters, sluice[0].documents) == (2, 0, 2)


class WordsJudge(JudgeBase):
    """Reads a claim by its verb: "arming" claims are supported by texts with "arm" (refuted
    with "never"); "supports" claims by texts with "back" or "support"; else unrelated."""

    name = "words.v1"

    def judge(self, claim: str, text: str, *, context: str | None = None) -> Stance:
        low = text.lower()
        word = "arm" if " arming " in f" {claim.lower()} " else "support"
        hit = word in low or (word == "support" and "back" in low)
        if not hit or "orvania" not in low:
            return Stance("unrelated", 0.9, None, False, self.name)
        label = "refutes" if "never" in low.split() else "supports"
        return Stance(label, 0.8, None, False, self.name)  # type: ignore[arg-type]


def _keyed_store() -> tuple[list, dict, dict]:
    """Orvania arms the Varn Front: Brask (in two articles) and Tovi say so, the Orvanian
    ministry and the Front deny it; Lisk and Dara say Orvania supports the Front (another
    proposition)."""
    one = make_doc(
        "Brask said Orvania is arming the Varn Front. "
        "The Orvanian ministry said Orvania has never armed the Varn Front."
    )
    two = make_doc(
        "Brask said Orvania is arming the Varn Front. Tovi said Orvania is arming the Varn Front."
    )
    three = make_doc(
        "Lisk said Orvania supports the Varn Front. Dara said Orvania supports the Varn Front. "
        "The Varn Front said Orvania has never armed the Varn Front."
    )
    rows = [
        (one, 0, "Orvania is arming the Varn Front", "Brask"),
        (one, 1, "Orvania has never armed the Varn Front", "ministry"),
        (two, 0, "Orvania is arming the Varn Front", "Brask"),
        (two, 1, "Orvania is arming the Varn Front", "Tovi"),
        (three, 0, "Orvania supports the Varn Front", "Lisk"),
        (three, 1, "Orvania supports the Varn Front", "Dara"),
        (three, 2, "Orvania has never armed the Varn Front", "Varn Front"),
    ]
    statements, vectors = [], {}
    for doc, n, content, speaker in rows:
        sentence = doc.text.split(". ")[n].rstrip(".")
        st = _said(doc, sentence, content, speaker)
        statements.append(st)
        vectors[st.id] = _vector(n % 2, len(statements))
    return statements, vectors, {d.id: d for d in (one, two, three)}


@pytest.mark.model
def test_keyed_counts_are_exact_and_supports_is_not_arms() -> None:
    statements, vectors, docs = _keyed_store()
    found = discover_in(statements, vectors, judge=WordsJudge(), documents=docs)
    names = [d.claim.text for d in found]
    arming = next(d for d in found if d.claim.text == "Orvania is arming the Varn Front")
    backing = next(d for d in found if d.claim.text == "Orvania supports the Varn Front")
    assert "Orvania supports the Varn Front" not in arming.variants, names
    assert (arming.supporters, arming.refuters, arming.independent_sources) == (2, 2, 4)
    assert (arming.documents, arming.contested) == (3, True)
    assert len(arming.supporting) == 3 and len(arming.refuting) == 2
    assert (backing.supporters, backing.refuters, backing.independent_sources) == (2, 0, 2)
    assert backing.documents == 1 and not backing.contested
    assert found[0] is arming
    # every count is the count of what is listed behind the sides
    for item in found:
        sides = (*item.supporting, *item.refuting)
        assert item.independent_sources == len({s.source for s in sides})
        assert item.documents == len({s.doc_id for s in sides})
        assert item.supporters + item.refuters <= item.independent_sources
        for s in sides:
            assert docs[s.doc_id].text[s.start : s.end] == s.text


@pytest.mark.model
def test_a_recipient_that_never_speaks_is_still_a_party() -> None:
    """The Varn Front is armed, not a place: without its own statement it stays the recipient
    of a who-does-what-to-whom claim (not a sentence named by an embedding cluster)."""
    statements, vectors, docs = _keyed_store()
    quiet = [s for s in statements if s.speaker != "Varn Front"]
    found = discover_in(quiet, vectors, judge=WordsJudge(), documents=docs)
    arming = next(d for d in found if d.claim.text == "Orvania is arming the Varn Front")
    assert (arming.supporters, arming.refuters, arming.documents) == (2, 1, 2)
    assert not arming.variants
