"""How one statement reading relates to one claim reading: same or broader predicate, and
agents and recipients that are the claim's, open, generic or other (``match``).

Used by ``claimgraph.stance.compositional``; pronouns resolve against the ``Speaker``.
"""

from __future__ import annotations

from dataclasses import dataclass

from claimgraph.stance import objects, paraphrase, roles
from claimgraph.stance.tables import predicate_classes


@dataclass(frozen=True, slots=True)
class Match:
    """How one statement reading relates to one claim reading."""

    reading: roles.Reading
    strength: float
    """1.0 same predicate and roles; lower for broader predicates and unknown roles."""
    direction: str
    """same, broader (statement's predicate is implied by the claim's) or narrower."""
    mismatch: bool
    """The roles contradict the claim's (other agent or other recipient)."""
    anchored: bool = True
    """The agent or the recipient is the claim's: without one, the statement only mentions
    the predicate ("anyone who arms belligerents", "weapons funnelled here") and takes no side."""
    unknown: frozenset[str] = frozenset()
    """Roles ("agent", "recipient") the statement leaves open."""
    conflicting: frozenset[str] = frozenset()
    """Roles that contradict the claim's (for a mismatch)."""
    excludes: bool = False
    """The statement restricts the predicate to other recipients ("sold drones only to
    governments"): asserting it denies the claim."""


def role_relation(claim_side: frozenset[str], stmt_side: frozenset[str]) -> tuple[str, float]:
    stmt = stmt_side - {roles.PRONOUN}
    if not claim_side or not stmt:
        return "unknown", 0.8
    if roles.shares_entity(claim_side, stmt):
        return "same", 1.0
    if roles.GENERIC in stmt or roles.GENERIC in claim_side:
        return "generic", 0.8
    return "different", 0.0


def pred_relation(claim: roles.Reading, stmt: roles.Reading) -> tuple[str, float] | None:
    if claim.pred == stmt.pred or (claim.lemma == stmt.lemma and claim.pred == claim.lemma):
        return "same", 1.0
    if roles.entails(claim.pred, stmt.pred):
        return "broader", 0.7
    if roles.entails(stmt.pred, claim.pred):
        return "narrower", 0.9
    if roles.opposite(claim.pred, stmt.pred):
        return "opposite", 0.9  # "reported every case" against "concealed the cases"
    classes = predicate_classes()
    if (
        (claim.pred == claim.lemma or stmt.pred == stmt.lemma)
        and not (claim.pred in classes and stmt.pred in classes)
        and paraphrase.same_predicate(claim.token, stmt.token)
    ):
        return "same", 0.9  # "wounded a protester" against "injured a protester"
    return None


_SELF_PRONOUNS = frozenset({"it", "its", "we", "our", "us", "i", "my", "me"})
_PLURAL_PRONOUNS = frozenset({"they", "them", "their"})


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who says it, as far as the sentence tells: the subject of the cue."""

    name: str
    plural: bool
    known: bool = True
    """A name of the alias table (an institution or country), not just a person's name."""
    person: str | None = None
    """The speaking person's name when the attribution step gives one: their "I"."""


_SINGULAR_FIRST = frozenset({"i", "me", "my", "myself"})


def _resolve_recipients(stmt: roles.Reading, speaker: Speaker | None) -> frozenset[str]:
    """Recipients with a first-person singular pronoun replaced by the speaking person ("I have
    never taken a bribe")."""
    recipients = stmt.recipients
    if roles.PRONOUN not in recipients or speaker is None:
        return recipients
    person = speaker.person or (None if speaker.known or speaker.plural else speaker.name)
    if person and stmt.recipient_pronouns and stmt.recipient_pronouns <= _SINGULAR_FIRST:
        return (recipients - {roles.PRONOUN}) | {person}
    return recipients


def _resolve(stmt: roles.Reading, speaker: Speaker | None) -> frozenset[str]:
    """Agents with a pronoun replaced by the speaker when it surely is the speaker.

    "it"/"we" are the speaking institution ("Russia says it has not supplied..."); "they" only
    when the speaker is plural ("The Russians have said that they maintain contact").
    """
    agents = stmt.agents
    if roles.PRONOUN not in agents:
        return agents
    # "it" is the speaking institution; "we" too, but a person's "we" is their organisation,
    # which the judge cannot name: only speakers of the alias table stand for "we"
    first_person = stmt.pronouns & _SELF_PRONOUNS - {"it", "its"}
    person = None
    if speaker is not None:
        person = speaker.person or (None if speaker.known or speaker.plural else speaker.name)
    if person and stmt.pronouns and stmt.pronouns <= _SINGULAR_FIRST:
        return (agents - {roles.PRONOUN}) | {person}  # a person's "I" is that person
    if speaker is not None and (
        (stmt.pronouns & {"it", "its"})
        or (first_person and speaker.known)
        or (speaker.plural and stmt.pronouns & _PLURAL_PRONOUNS)
    ):
        return (agents - {roles.PRONOUN}) | {speaker.name}
    if stmt.antecedents and not stmt.pronouns & {"we", "our", "us", "i", "my", "me"}:
        return (agents - {roles.PRONOUN}) | stmt.antecedents
    return agents


def match(claim: roles.Reading, stmt: roles.Reading, speaker: Speaker | None) -> Match | None:
    """Relation of a statement reading to a claim reading, or None when the predicates differ."""
    pred = pred_relation(claim, stmt)
    if pred is None:
        return None
    agents = _resolve(stmt, speaker)
    if pred[0] in ("same", "narrower") and objects.conflict(claim.token, stmt.token):
        # "supplying drones" against "supplying tanks": another proposition
        return Match(stmt, 0.0, pred[0], True, conflicting=frozenset({"object"}))
    if roles.symmetric(claim.pred) or roles.symmetric(stmt.pred):
        return _symmetric_match(claim, stmt, agents, pred)
    options = [(claim.agents, claim.recipients, agents, _resolve_recipients(stmt, speaker))]
    best: Match | None = None
    for c_agents, c_recips, s_agents, s_recips in options:
        agent_rel, agent_w = role_relation(c_agents, s_agents)
        recip_rel, recip_w = role_relation(c_recips, s_recips)
        if agent_rel == "generic":
            agent_rel, agent_w = "unknown", 0.7
        excludes = (
            stmt.restricted
            and agent_rel == "same"
            and recip_rel in ("generic", "different")
            and pred[0] != "broader"
        )
        if excludes:
            recip_rel, recip_w = "same", 0.9  # "only to governments": not to the claim's
        mismatch = agent_rel == "different" or recip_rel == "different"
        strength = pred[1] * agent_w * recip_w
        anchored = "same" in (agent_rel, recip_rel)
        if not anchored:
            if pred[0] != "same":
                continue  # "your support makes all the difference": too vague to count
            strength *= 0.8
        unknown = frozenset(
            name
            for name, rel in (("agent", agent_rel), ("recipient", recip_rel))
            if rel == "unknown"
        )
        conflicting = frozenset(
            name
            for name, rel in (("agent", agent_rel), ("recipient", recip_rel))
            if rel == "different"
        )
        candidate = Match(
            stmt, strength, pred[0], mismatch, anchored, unknown, conflicting, excludes
        )
        if (
            best is None
            or (best.mismatch and not mismatch)
            or (best.mismatch == mismatch and candidate.strength > best.strength)
        ):
            best = candidate
    return best


def _symmetric_match(
    claim: roles.Reading, stmt: roles.Reading, agents: frozenset[str], pred: tuple[str, float]
) -> Match | None:
    """Contact between A and B is contact between B and A: compare the sets of parties."""
    direction, weight = pred
    claim_parties = claim.agents | claim.recipients
    parties = (agents | stmt.recipients) - {roles.PRONOUN}
    named = parties - {roles.GENERIC}
    if not claim_parties or not named:
        if direction != "same":
            return None
        return Match(stmt, weight * 0.6, direction, False, anchored=False)
    extra = {n for n in named if not any(roles.same_entity(n, c) for c in claim_parties)}
    matched = {c for c in claim_parties if any(roles.same_entity(c, n) for n in named)}
    if extra or not matched:
        return Match(stmt, 0.0, direction, True)
    if matched == claim_parties:
        return Match(stmt, weight, direction, False)
    # one party named, the other unknown: an unresolved "we"/"they" may be anyone
    unresolved = roles.PRONOUN in agents | stmt.recipients
    return Match(stmt, weight * 0.8, direction, False, anchored=not unresolved)
