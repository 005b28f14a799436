"""Stance = the statement's relation to the claim (roles) times its polarity (cue, negation, hedges).

``decide`` takes the parsed claim and the parsed sentence a statement stands in (with the
character span of its content) and returns a ``Stance``:

1. Role matching: every predicate reading of the content is compared with the claim's
   (``roles.readings``). The predicate must be the same class (arm ~ supply weapons ~ give
   rockets) or a broader one (support, back, assist: a weaker support, but its denial refutes);
   agents and recipients must not contradict the claim's ("Russia arms the NRF" and "Iran gives
   rockets to the group" are unrelated to "Russia arms the Taliban"); a generic recipient
   ("the Afghan warring parties") matches weakly, as does an unknown one.
2. Polarity (``polarity.polarity_of``) of the best reading: +1 supports, -1 refutes, 0 neutral;
   hedges and negated denials keep the label and lower the confidence (``Stance.hedged``).
3. Fallback when no reading maps onto the claim's: relatedness from lexical overlap of
   canonical lemmas and, when given, an embedding similarity; the polarity of the content's
   root then decides, with a lower confidence. Anaphoric denials ("reject such considerations")
   count as related.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace
from typing import Any

from claimgraph.model import Stance, StanceLabel
from claimgraph.stance import describe, paraphrase, parties, roles, shortform
from claimgraph.stance.matching import Match, Speaker, match
from claimgraph.stance.polarity import (
    Polarity,
    called_false,
    claims_called_false,
    cue_sets,
    denies_itself,
    polarity_of,
    refuses_comment,
    scarce_evidence,
    story_labelled_false,
)
from claimgraph.stance.tables import predicate_classes

NAME = "stance.compositional.v1"

SIMILAR = 0.35
"""Embedding cosine above which an unmapped statement is on the claim's topic (neutral)."""
VERY_SIMILAR = 0.8
"""Cosine above which an unmapped statement is taken as saying the claim (its polarity decides)."""

_OWN_DESCRIPTIONS = "claimgraph.own_descriptions"
"""Key of ``Doc.user_data`` caching the descriptions the parsed text itself states."""
_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ"})
_STOP_LEMMAS = frozenset(
    {"be", "have", "do", "say", "tell", "report", "claim", "include", "make", "take"}
)


def _speaker(polarity: Polarity) -> Speaker | None:
    cue = polarity.cue
    if cue is None:
        return None
    for child in cue.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            name = roles.mention(child)
            if name in (roles.PRONOUN, roles.GENERIC):
                return None
            return Speaker(
                name, child.tag_ in ("NNS", "NNPS"), roles.canonical_name(child.text) is not None
            )
    return None


def _admitted_passive(token: Any, polarity: Polarity) -> bool:
    """An agentless passive under an admission cue ("admitted the cases had been left out")."""
    cue = polarity.cue
    if cue is None or str(cue.lemma_).lower() not in cue_sets().get("admission_cues", ()):
        return False
    return parties.agentless_passive(token)


def _story_denial(polarity: Polarity) -> bool:
    """The cue denies the story itself: "dismissed the report as ...", "rejected the claims"."""
    cue = polarity.cue
    if cue is None or polarity.sign >= 0:
        return False
    nouns = cue_sets()["report_nouns"]
    return any(
        c.dep_ == "dobj" and str(c.lemma_).lower() in nouns and c.pos_ == "NOUN"
        for c in cue.children
    )


def _label(polarity: Polarity, direction: str, strength: float, judge: str) -> Stance:
    if direction == "opposite":
        # asserting the opposite predicate denies the claim's; denying it asserts the claim's
        polarity = replace(polarity, sign=-polarity.sign)
    if polarity.sign == 0:
        return Stance("neutral", round(0.55 + 0.3 * strength, 3), judge=judge)
    if direction == "narrower" and polarity.sign < 0:
        # denying arming does not deny supporting
        return Stance("neutral", 0.55, judge=judge)
    if direction == "broader" and polarity.sign < 0:
        strength = max(strength, 0.9)  # denying any support denies arming
    confidence = 0.5 + 0.45 * strength
    if polarity.hedged:
        confidence *= 0.8
    label: StanceLabel = "supports" if polarity.sign > 0 else "refutes"
    return Stance(label, round(min(confidence, 0.97), 3), hedged=polarity.hedged, judge=judge)


def _lemmas(doc: Any, start: int, end: int) -> set[str]:
    out: set[str] = set()
    table = roles.tables()
    for token in doc:
        if token.idx < start or token.idx >= end or token.pos_ not in _CONTENT_POS:
            continue
        lemma = str(token.lemma_).lower()
        if lemma in _STOP_LEMMAS or token.is_stop:
            continue
        named = roles.canonical_name(token.text)
        out.add(
            named
            or table.verb_class.get(lemma)
            or table.noun_class.get(lemma)
            or table.theme_class.get(lemma)
            or lemma
        )
    return out


def _entities(doc: Any, start: int, end: int) -> set[str]:
    """Known entities named in ``doc.text[start:end]`` (alias table only)."""
    out: set[str] = set()
    for token in doc:
        if start <= token.idx < end and token.pos_ in ("PROPN", "NOUN", "ADJ"):
            if token.dep_ in ("compound", "amod") and token.head.pos_ in ("PROPN", "NOUN"):
                continue  # "Afghan army": named by its head phrase
            named = roles.canonical_name(" ".join(t.text for t in roles.mention_tokens(token)))
            if named:
                out.add(named)
    return out


_TEXT = "claimgraph.text"
"""Key of ``Doc.user_data`` holding the parsed text (spaCy rebuilds ``Doc.text`` on each use)."""


def doc_text(doc: Any) -> str:
    """``doc.text``, built once per parse and kept in its ``user_data``."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return str(text)


def _tokens_in(doc: Any, start: int, end: int) -> Any:
    """The tokens of ``doc`` starting in ``[start, end)`` (a slice of it, not every token)."""
    span = doc.char_span(start, end, alignment_mode="expand") if end > start else None
    if span is None:
        return [t for t in doc if start <= t.idx < end]
    return [t for t in span if start <= t.idx < end]


def _root_in(doc: Any, start: int, end: int) -> Any | None:
    inside = [t for t in _tokens_in(doc, start, end) if not t.is_punct]
    if not inside:
        return None
    for token in inside:
        if not (start <= token.head.idx < end) or token.head.i == token.i:
            return token
    return inside[0]


def _anaphoric(doc: Any, start: int, end: int) -> bool:
    """The content refers back to the disputed story ("such considerations", "this information")."""
    cues = cue_sets()
    for token in doc:
        if token.idx < start or token.idx >= end:
            continue
        lemma = str(token.lemma_).lower()
        if token.pos_ == "PRON" and lemma in cues["anaphoric_pronouns"] and _short(doc, start, end):
            return True  # "Moscow denies it"
        if (
            token.pos_ == "PRON"
            and lemma in cues["anaphoric_pronouns"]
            and token.dep_ == "nsubj"
            and any(
                c.dep_ in ("attr", "acomp") and str(c.lemma_).lower() in cues["falsity"]
                for c in token.head.children
            )
        ):
            return True  # "they know that this is a fake"
        if lemma in cues["report_nouns"] and any(
            c.dep_ in ("det", "amod", "poss")
            and str(c.lemma_).lower() in cues["anaphoric_determiners"]
            for c in token.children
        ):
            return True
    return False


def _short(doc: Any, start: int, end: int) -> bool:
    return sum(1 for t in doc if start <= t.idx < end and not t.is_punct) <= 2


def decide(
    claim_doc: Any,
    doc: Any,
    start: int,
    end: int,
    *,
    similarity: Callable[[], float | None] | None = None,
    speaker: str | None = None,
    affiliation: str | None = None,
    judge: str = NAME,
    descriptions: Mapping[str, str] | None = None,
    on_topic: bool = False,
) -> Stance:
    """Stance of ``doc.text[start:end]`` (in the sentence(s) of ``doc``) toward the parsed claim.

    ``speaker`` / ``affiliation``: the statement's resolved speaker and the institution they
    speak for, when the attribution step knows them; used for pronouns the sentence cannot
    resolve ("It says it maintains ties with the Taliban", a chief executive's "we").
    ``descriptions``: the statement's document's description map (``describe.describe_text``:
    "the arms maker" -> "kestrel dynamics"); descriptions stated in ``doc`` itself are added.
    ``on_topic``: the statement's document names every party of the claim, so a statement
    that names no other party and takes no side we can see is neutral, not unrelated.
    """
    with described(doc, description_table(claim_doc, doc, descriptions)):
        return _decide(
            claim_doc,
            doc,
            start,
            end,
            similarity=similarity,
            speaker=speaker,
            affiliation=affiliation,
            judge=judge,
            on_topic=on_topic,
        )


def description_table(
    claim_doc: Any, doc: Any, descriptions: Mapping[str, str] | None = None
) -> dict[str, str]:
    """The description map ``decide`` reads ``doc`` with toward the claim: what the claim
    and ``doc`` themselves state, and the document's ``descriptions``."""
    own = doc.user_data.get(_OWN_DESCRIPTIONS)
    if own is None:  # an article judged sentence by sentence: read its descriptions once
        own = doc.user_data[_OWN_DESCRIPTIONS] = describe.describe_text(doc_text(doc))
    claim_own = claim_doc.user_data.get(_OWN_DESCRIPTIONS)
    if claim_own is None:  # "The referee Ansel Kovar took ...": "this referee" is Kovar
        claim_own = claim_doc.user_data[_OWN_DESCRIPTIONS] = describe.describe_text(claim_doc.text)
    return {**claim_own, **own, **(descriptions or {})}


@contextlib.contextmanager
def described(doc: Any, table: Mapping[str, str]) -> Iterator[None]:
    """``doc`` read with the description map ``table`` (``roles.DESCRIPTIONS``) meanwhile."""
    previous = doc.user_data.get(roles.DESCRIPTIONS)
    doc.user_data[roles.DESCRIPTIONS] = table
    try:
        yield
    finally:
        if previous is None:
            doc.user_data.pop(roles.DESCRIPTIONS, None)
        else:
            doc.user_data[roles.DESCRIPTIONS] = previous


def _decide(
    claim_doc: Any,
    doc: Any,
    start: int,
    end: int,
    *,
    similarity: Callable[[], float | None] | None,
    speaker: str | None,
    affiliation: str | None,
    judge: str,
    on_topic: bool = False,
) -> Stance:
    hint = None
    if affiliation:
        hint = Speaker(
            roles.canonical_name(affiliation) or affiliation.lower(),
            False,
            True,
            speaker.lower() if speaker and not roles.canonical_name(speaker) else None,
        )
    elif speaker:
        known = roles.canonical_name(speaker)
        hint = Speaker(known or speaker.lower(), False, known is not None)
    end = _extend_reported(doc, start, end)
    start, end = _extend_fragment(doc, start, end)
    claim_readings = _claim_readings(claim_doc)
    stmt_readings = roles.readings(doc, start, end)
    best: tuple[Match, Polarity] | None = None
    mismatches = 0
    conflicts: set[str] = set()
    for stmt in stmt_readings:
        polarity = polarity_of(stmt.token)
        if stmt.role_negated and polarity.sign != 0:
            polarity = replace(polarity, sign=-polarity.sign)
        who = _speaker(polarity)
        if who is None or (hint and hint.person and roles.same_entity(who.name, hint.person)):
            who = hint  # the cue's subject is the resolved speaker: their affiliation counts
        party = roles.spoken_for(polarity.cue)
        if party:  # "the company's spokesman said": its "we" is the company
            who = Speaker(party, False, True, who.name if who else None)
        if who and not stmt.agents and _admitted_passive(stmt.token, polarity):
            # "Halvern admitted that the cases had been left out": its own act
            stmt = replace(stmt, agents=frozenset({who.name}))
        elif party and not stmt.agents and parties.agentless_passive(stmt.token):
            # "every event was reported, the company's spokesman said": the company's act
            stmt = replace(stmt, agents=frozenset({party}))
        if who and roles.symmetric(stmt.pred) and not stmt.agents - {roles.PRONOUN}:
            # "the Taliban denied any meeting with Russian officials": the speaker is a party
            stmt = replace(stmt, agents=frozenset({who.name}))
        for claim in claim_readings:
            found = match(claim, stmt, who)
            if found is None:
                continue
            if found.mismatch:
                mismatches += 1
                if found.direction != "broader":
                    conflicts |= found.conflicting
                continue
            if (
                not stmt.agents
                and stmt.token.pos_ == "NOUN"
                and polarity.sign != 0
                and not (polarity.sign < 0 and _in_report(stmt.token))
            ):
                # "the supply of weapons to the parties will not help": a mention, no assertion
                polarity = Polarity(
                    0, polarity.hedged, "mention", polarity.negated_denial, polarity.cue
                )
            if polarity.sign >= 0 and shortform.debunked(stmt.token, start, end):
                # "X slams rumours it arms Y", "X arming Y? Total hoax."
                polarity = Polarity(-1, polarity.hedged, None, False, polarity.cue)
            if best is None or found.strength > best[0].strength:
                best = (found, polarity)
    if best is not None and best[0].unknown & conflicts:
        # "gave the Taliban rifles to help them": the open role of one predicate is the
        # conflicting role of another in the same statement
        return Stance("unrelated", 0.7, judge=judge, reason="role_conflict")
    if best is not None:
        found, polarity = best
        if not found.anchored and polarity.sign != 0:
            polarity = Polarity(
                0, polarity.hedged, "unanchored", polarity.negated_denial, polarity.cue
            )
        if found.excludes and polarity.sign != 0:
            # asserting "only to governments" denies the claim; denying it says nothing
            polarity = replace(polarity, sign=-1 if polarity.sign > 0 else 0)
        claim_neg = any(polarity_of(c.token).sign < 0 for c in claim_readings)
        if claim_neg and polarity.sign != 0:
            polarity = Polarity(
                -polarity.sign, polarity.hedged, None, polarity.negated_denial, polarity.cue
            )
        return _label(polarity, found.direction, found.strength, judge)
    if mismatches:
        return Stance("unrelated", 0.75, judge=judge, reason="role_mismatch")
    return _fallback(
        claim_doc, doc, start, end, similarity=similarity, judge=judge, on_topic=on_topic
    )


def _extend_fragment(doc: Any, start: int, end: int) -> tuple[int, int]:
    """The span grown to the clause a quoted fragment heads: in 'his government had "never
    authorised" any transfer of weapons to an armed group' the fragment's verb takes its
    subject and objects from outside the quote marks. Not past the cue or the sentence."""
    root = _root_in(doc, start, end)
    if root is None or root.dep_ == "ROOT" or root.head.i == root.i:
        return start, end
    tokens = list(root.subtree)
    lo = tokens[0].idx
    hi = tokens[-1].idx + len(tokens[-1].text)
    sent = root.sent
    if lo < sent.start_char or hi > sent.end_char or (lo >= start and hi <= end):
        return start, end
    inside = sum(1 for t in tokens if start <= t.idx < end)
    if inside * 2 < len(tokens) and inside < 4:
        return start, end  # a word or two quoted ("a fabrication"): the label, not the claim
    return min(start, lo), max(end, hi)


def _extend_reported(doc: Any, start: int, end: int) -> int:
    """End of the span grown over the clause of a report noun it ends in ("dismissed the
    claims by the minister | that drones had been supplied ..."), within the sentence."""
    cues = cue_sets()
    grown = end
    for token in doc:
        if start <= token.idx < end and token.pos_ == "NOUN":
            if str(token.lemma_).lower() not in cues["report_nouns"]:
                continue
            for child in token.children:
                if child.dep_ in ("acl", "ccomp", "relcl") and child.idx >= end:
                    last = max(child.subtree, key=lambda t: t.i)
                    if last.sent.start == token.sent.start:
                        grown = max(grown, last.idx + len(last.text))
    return grown


def _fallback(
    claim_doc: Any,
    doc: Any,
    start: int,
    end: int,
    *,
    similarity: Callable[[], float | None] | None,
    judge: str,
    on_topic: bool = False,
) -> Stance:
    root = _root_in(doc, start, end)
    if root is None:
        return Stance("unrelated", 0.5, judge=judge)
    claim_readings = roles.readings(claim_doc)
    claim_lemmas = _lemmas(claim_doc, 0, len(claim_doc.text))
    stmt_lemmas = _lemmas(doc, start, end)
    claim_entities = _entities(claim_doc, 0, len(claim_doc.text))
    stmt_entities = _entities(doc, start, end)
    if claim_entities - stmt_entities and stmt_entities - claim_entities:
        # about other parties ("supplied helicopters to the Afghan army"): not this claim
        return Stance("unrelated", 0.6, judge=judge, reason="other_parties")
    overlap = len(claim_lemmas & stmt_lemmas) / max(len(claim_lemmas), 1)
    claim_parties = frozenset(n for r in claim_readings for n in r.agents | r.recipients) - {
        roles.GENERIC,
        roles.PRONOUN,
    }
    claim_agents = frozenset(a for r in claim_readings for a in r.agents)
    names = _names_in(doc, start, end) | stmt_entities
    # entities alone ("Russia", "the Taliban") do not make a statement about the claim, and
    # words alone do not either when the claim's agent is not named
    related = (
        overlap >= 0.5
        and bool((claim_lemmas & stmt_lemmas) - claim_entities - claim_parties)
        and (not claim_agents or roles.shares_entity(claim_agents, names))
    )
    topical = related or roles.shares_entity(claim_parties, names)
    off_predicate = bool(claim_readings) and not _says_predicate(
        claim_readings, doc, start, end, stmt_lemmas
    )
    related = related and not off_predicate  # names and words without the claim's predicate
    polarity = polarity_of(root)
    if polarity.sign != 0 and (denies_itself(root) or called_false(root)):
        polarity = replace(
            polarity, sign=-polarity.sign, hedged=polarity.hedged or polarity.sign < 0
        )
    if claims_called_false(doc, start, end) or (on_topic and story_labelled_false(root)):
        polarity = replace(polarity, sign=-1, neutral=None)
        related, score = True, 0.5  # "stood by its position that the claims were baseless"
    elif polarity.sign != 0 and scarce_evidence(doc, start, end):
        # "there was little evidence to link the equipment to Russia"
        polarity = Polarity(-polarity.sign, True, None, False, polarity.cue)
    if polarity.neutral == "refusal" or refuses_comment(doc, start, end):
        # "declined to comment", "did not respond to a request for comment": no side taken
        return Stance("neutral", 0.5, judge=judge)
    if off_predicate and _neighbour(doc, start, end, claim_parties):
        # "claims that Moscow arms the Taliban are false" against a claim of bounties: a
        # denial of another proposition of the same parties
        return Stance("unrelated", 0.7, judge=judge, reason="neighbour")
    score = overlap
    if not related and (_anaphoric(doc, start, end) or (on_topic and _story_denial(polarity))):
        # a reaction to the story itself: a denial refutes it, anything else takes no side
        if polarity.sign >= 0:
            return Stance("neutral", 0.5, judge=judge)
        related, score = True, 0.5
    if not related and off_predicate:
        if _neighbour(doc, start, end, claim_parties):
            # "Valdoria funds the group" against "Valdoria arms the group": another proposition
            return Stance("unrelated", 0.7, judge=judge, reason="neighbour")
        value = similarity() if similarity is not None else None
        if not on_topic and (value is None or value < VERY_SIMILAR):
            # "Valdoria's central bank raised rates": only a name in common
            return Stance("unrelated", 0.65, judge=judge, reason="name_only")
    if not related:
        value = similarity() if similarity is not None else None
        if value is not None and value >= VERY_SIMILAR and polarity.sign != 0:
            related, score = True, value
        elif topical or (value is not None and value >= SIMILAR):
            # on the topic, but the parse cannot say how: it takes no side we can see
            return Stance("neutral", 0.45, judge=judge)
        elif on_topic:
            # said in an article about the claim's parties, naming no other party
            return Stance("neutral", 0.4, judge=judge)
        else:
            return Stance(
                "unrelated", round(0.5 + 0.3 * (1 - max(score, value or 0.0)), 3), judge=judge
            )
    if polarity.sign == 0:
        return Stance("neutral", 0.5, judge=judge)
    confidence = 0.45 + 0.15 * min(score, 1.0)
    if polarity.hedged:
        confidence *= 0.85
    label: StanceLabel = "supports" if polarity.sign > 0 else "refutes"
    return Stance(label, round(confidence, 3), hedged=polarity.hedged, judge=judge)


def _names_in(doc: Any, start: int, end: int) -> frozenset[str]:
    """Names of proper-noun phrases in ``doc.text[start:end]`` (alias or proper name)."""
    out: set[str] = set()
    for token in doc:
        if start <= token.idx < end and token.pos_ == "PROPN" and token.dep_ != "compound":
            name = roles.mention(token)
            if name not in (roles.GENERIC, roles.PRONOUN):
                out.add(name)
    return frozenset(out)


def _says_predicate(
    claim_readings: list[roles.Reading], doc: Any, start: int, end: int, lemmas: set[str]
) -> bool:
    """The text names the claim's predicate: its class or lemma, or a paraphrase of it."""
    stmt_readings = roles.readings(doc, start, end)
    verb_class = roles.tables().verb_class
    classes = predicate_classes()
    # "paid bounties": "pay" says bounties here, not the funding its verb class names
    retold = {
        verb_class[r.lemma]
        for r in stmt_readings
        if r.lemma in verb_class and r.pred not in (r.lemma, verb_class[r.lemma])
    }
    preds = {r.pred for r in stmt_readings}
    said = (lemmas - (retold - preds)) | preds | {r.lemma for r in stmt_readings}
    for claim in claim_readings:
        if claim.pred in said:
            return True
        other_class = claim.pred != claim.lemma and any(
            r.lemma == claim.lemma and r.pred not in (r.lemma, claim.pred) for r in stmt_readings
        )
        if claim.lemma in said and not other_class:  # "supplying fuel" is not "supplying weapons"
            return True
        if any(
            paraphrase.same_predicate(claim.token, r.token)
            for r in stmt_readings
            if not (other_class and r.lemma == claim.lemma)
            and not (claim.pred in classes and r.pred in classes - {claim.pred})
        ):
            return True
    return False


def _neighbour(doc: Any, start: int, end: int, claim_parties: frozenset[str]) -> bool:
    """The text asserts some other predicate of the claim's parties."""
    cues = cue_sets()
    said = cues["assert"] | cues["deny"] | cues["question_cues"] | cues["refuse"]
    said |= cues["no_comment"] | cues["hedge_verbs"] | cues["evidential_verbs"]
    return any(
        roles.shares_entity(claim_parties, r.agents | r.recipients) and r.lemma not in said
        for r in roles.readings(doc, start, end)
    )


def _in_report(token: Any) -> bool:
    """A noun predicate naming a report ("'bounty' rumours", "reports of talks"): denying the
    report denies the predicate."""
    nouns = cue_sets()["report_nouns"]
    head = token.head
    if token.dep_ in ("compound", "amod", "nmod") and str(head.lemma_).lower() in nouns:
        return True
    return (
        token.dep_ == "pobj"
        and head.dep_ == "prep"
        and str(head.lemma_).lower() in ("of", "about", "on")
        and str(head.head.lemma_).lower() in nouns
    )


def _claim_readings(claim_doc: Any) -> list[roles.Reading]:
    """The claim's predicates, without those that only describe a party ("the NRF fighting
    the Taliban"): a statement about the Taliban's fight is not about the claim."""
    found = roles.readings(claim_doc)
    kept = [
        r
        for r in found
        if not (r.token.dep_ in ("acl", "relcl") and r.token.head.pos_ in ("NOUN", "PROPN"))
    ]
    return kept or found
