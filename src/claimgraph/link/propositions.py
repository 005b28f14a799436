"""Normalized propositions: who does what to whom, across documents.

Each statement's content (for a denial: the denied proposition, which is its content too) is
parsed and read by the stance role parser (``claimgraph.stance.roles``) into "agent predicate
recipient" keys such as ``("russia", "arm", "taliban")``. Statements sharing a key form one
proposition, named in readable form from the entities' most frequent surface forms and a verb
phrase for the predicate class ("Russia is arming the Taliban"). Keys with a generic side
("Russia is arming insurgents") and keys of an entailed predicate (arming entails supporting)
are judged toward the specific propositions as well. Statements without a key are clustered by
their embeddings (``clusters.cluster``). A place is where, not whom: a recipient named only as
a place ("in Afghanistan", "near the border") is no recipient. Judging and ranking are
``discover``'s.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from claimgraph.link.clusters import span_text
from claimgraph.model import Statement
from claimgraph.resources import load_data

GENERIC = "*"
"""A generic or unknown party ("insurgents", "anyone", an unresolved pronoun)."""


class Key(NamedTuple):
    """A normalized proposition: canonical agent, predicate class, canonical recipient."""

    agent: str
    pred: str
    recipient: str


@dataclass(slots=True)
class _Surfaces:
    """Surface forms of the entities seen in the statements, for display names."""

    forms: dict[str, Counter[str]] = field(default_factory=dict)
    definite: Counter[tuple[str, str]] = field(default_factory=Counter)
    """(name, form) -> mentions of the form with "the"."""
    total: Counter[tuple[str, str]] = field(default_factory=Counter)
    orientation: Counter[tuple[str, str, str]] = field(default_factory=Counter)

    def add(self, name: str, form: str, definite: bool) -> None:
        self.forms.setdefault(name, Counter())[form] += 1
        self.total[(name, form)] += 1
        self.definite[(name, form)] += int(definite)


@functools.lru_cache(maxsize=1)
def settings() -> dict[str, Any]:
    """The packaged phrase table (``data/propositions.toml``)."""
    data: dict[str, Any] = load_data("propositions.toml")
    return data


@functools.lru_cache(maxsize=1)
def known_classes() -> frozenset[str]:
    """Predicate classes of the role parser's table (bare lemmas are not propositions)."""
    from claimgraph.stance import roles

    t = roles.tables()
    return frozenset(
        [*t.verb_class.values(), *t.noun_class.values(), *t.theme_class.values(), *t.entails]
    )


def parse_statements(statements: Sequence[Statement], *, nlp: Any = None) -> list[Any]:
    """The spaCy parse of each statement's sentence (each distinct text parsed once)."""
    if nlp is None:
        from claimgraph.nlp.parse import load_nlp

        nlp = load_nlp()
    texts = [span_text(s)[0] for s in statements]
    distinct = list(dict.fromkeys(texts))
    parsed = dict(zip(distinct, nlp.pipe(distinct, batch_size=64), strict=True))
    return [parsed[text] for text in texts]


def _speaker_name(statement: Statement) -> str | None:
    """The institution a statement's "it"/"we" stands for, when the attribution knows it."""
    from claimgraph.stance import roles

    for text in (statement.affiliation, statement.speaker):
        if text:
            named = roles.canonical_name(text)
            if named:
                return named
    if statement.affiliation:
        return statement.affiliation.lower()
    return None


_SELF = frozenset({"it", "its", "we", "our", "us"})


def _resolve(reading: Any, statement: Statement) -> frozenset[str]:
    from claimgraph.stance import roles

    agents = frozenset(reading.agents)
    if roles.PRONOUN not in agents:
        return agents
    rest = agents - {roles.PRONOUN}
    if reading.antecedents and not reading.pronouns & {"we", "our", "us"}:
        return rest | reading.antecedents
    who = _speaker_name(statement)
    if who and reading.pronouns & _SELF:
        return rest | {who}
    return agents


def _named(names: Iterable[str]) -> set[str]:
    from claimgraph.stance import roles

    return {n for n in names if n not in (roles.GENERIC, roles.PRONOUN)}


def keys_of(statement: Statement, parsed: Any, *, surfaces: _Surfaces | None = None) -> list[Key]:
    """The "agent predicate recipient" keys of a statement's content (raw canonical names).

    Only predicates of the role parser's classes count; a side that is generic, unresolved or
    missing reads ``GENERIC``; a key needs one named side, and a named recipient must be named
    in the content (an agent may be the speaker: "Russia says it has not armed ..."). Symmetric predicates (contact) put
    their two parties in sorted order.
    """
    from claimgraph.stance import roles

    _text, start, end = span_text(statement)
    mentioned = _mentioned(parsed, start, end)
    out: list[Key] = []
    for reading in roles.readings(parsed, start, end):
        if reading.pred not in known_classes() or reading.role_negated:
            continue
        agents = _named(_resolve(reading, statement)) or {GENERIC}
        recipients = _named(reading.recipients) or {GENERIC}
        for agent in sorted(agents):
            for recipient in sorted(recipients):
                if agent == recipient or (agent == GENERIC and recipient == GENERIC):
                    continue
                if recipient != GENERIC and not roles.shares_entity(
                    frozenset({recipient}), mentioned
                ):
                    continue  # a recipient the content never names (a pronoun read too far)
                check = recipient != GENERIC and not roles.symmetric(reading.pred)
                if check and not_a_recipient(parsed, start, end, recipient, reading.token):
                    continue  # "arms in Afghanistan": where, not whom
                if surfaces is not None:
                    surfaces.orientation[(agent, reading.pred, recipient)] += 1
                if roles.symmetric(reading.pred) and recipient != GENERIC:
                    agent, recipient = sorted((agent, recipient))  # noqa: PLW2901
                key = Key(agent, reading.pred, recipient)
                if key not in out:
                    out.append(key)
    if surfaces is not None and out:
        _collect_surfaces(parsed, start, end, surfaces)
    return out


_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_LOCATIVE = frozenset(
    {
        "in",
        "inside",
        "within",
        "across",
        "near",
        "along",
        "at",
        "throughout",
        "from",
        "into",
        "around",
    }
)
_RECIPIENT_DEPS = frozenset({"dobj", "dative", "nsubjpass", "iobj"})
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss"})


@functools.lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    from claimgraph.stance.polarity import load_lexicon

    return frozenset(load_lexicon("countries").get("countries", {}))


def _is_place(token: Any, name: str) -> bool:
    return token.ent_type_ in _PLACE_LABELS or name in _countries()


def _recipient_position(token: Any, chain: set[int]) -> bool:
    """``token`` stands where a recipient of the predicate (tokens ``chain``) stands: its
    object, "to X" / "for X" on it or on its object."""
    from claimgraph.stance import roles

    while token.dep_ in ("conj", "appos") and token.head is not token:
        token = token.head
    if token.dep_ in _RECIPIENT_DEPS:
        return token.head.i in chain
    if token.dep_ != "pobj":
        return False
    prep = token.head
    if prep.lower_ not in roles.tables().recipient_preps or prep.lower_ in _LOCATIVE:
        return False
    governor = prep.head
    return governor.i in chain or (
        governor.head.i in chain and governor.dep_ in ("dobj", "nsubjpass")
    )


def not_a_recipient(parsed: Any, start: int, end: int, name: str, predicate: Any) -> bool:
    """No mention of ``name`` in ``parsed[start:end]`` stands where a recipient of
    ``predicate`` (its head token) stands: outside the predicate's clause ("Alderholm says
    ..." beside "... received weapons"), a modifier ("the Afghan Taliban"), or a place not in
    a recipient's position ("arms in Afghanistan", "across the border with Tajikistan" name
    where; "arms Afghanistan" or "arms to Afghanistan" whom)."""
    from claimgraph.stance import roles

    top = predicate
    while top.dep_ == "conj" and top.head is not top:
        top = top.head
    clause = {t.i for t in top.subtree}
    chain = {top.i, predicate.i} | {t.i for t in top.children if t.dep_ == "conj"}
    tokens = [
        t
        for t in parsed
        if start <= t.idx < end and t.pos_ in ("PROPN", "NOUN") and roles.mention(t) == name
    ]
    if not tokens:
        return False  # named through a description the role parser resolved: trust it
    for token in tokens:
        if token.i not in clause:
            continue
        if token.dep_ in _MODIFIER_DEPS and roles.mention(token.head) != name:
            continue  # "the Afghan Taliban", "Kabul's envoy": a modifier, not a party
        if not _is_place(token, name) or _recipient_position(token, chain):
            return False
    return True


_IN_PLACE = frozenset({"in", "inside", "within", "throughout", "across"})
_TO_PREPS = frozenset({"to", "for"})


def _receivers(verb: Any) -> list[Any]:
    """The tokens standing where a recipient of ``verb`` stands: its object, dative, "to X"."""
    out = [c for c in verb.children if c.dep_ in ("dobj", "dative", "iobj")]
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in _TO_PREPS:
            out.extend(c for c in prep.children if c.dep_ == "pobj")
    return out


def located_in(
    statements: Sequence[Statement], parses: Sequence[Any], groups: Mapping[str, str]
) -> dict[str, set[str]]:
    """Place -> the parties the statements locate in it (canonical names, merged by
    ``groups``): "the Varn Front in Moldova", "rifles to the Front in Moldova" (the place on
    the verb of a recipient), "the Afghan Taliban" (a demonym), "Moldova's militias"."""
    from claimgraph.analyze.actor_kinds import country_of_demonym
    from claimgraph.stance import roles

    found: dict[str, set[str]] = {}

    def add(place: str, actor_token: Any) -> None:
        actor = roles.mention(actor_token)
        if actor in (GENERIC, roles.PRONOUN) or actor_token.pos_ not in ("PROPN", "NOUN"):
            return
        if _is_place(actor_token, actor):
            return
        actor, place = groups.get(actor, actor), groups.get(place, place)
        if actor != place:
            found.setdefault(place, set()).add(actor)

    for statement, parsed in zip(statements, parses, strict=True):
        _text, start, end = span_text(statement)
        for token in parsed:
            if not start <= token.idx < end or token.pos_ not in ("PROPN", "NOUN"):
                continue
            for child in token.children:  # "the Afghan Taliban", "Moldova's militias"
                if child.dep_ in ("amod", "compound", "poss", "nmod"):
                    country = country_of_demonym(child.lower_)
                    if country is not None:
                        add(country.lower(), token)
                    elif _is_place(child, roles.mention(child)):
                        add(roles.mention(child), token)
            if token.dep_ != "pobj" or token.head.lower_ not in _IN_PLACE:
                continue
            place = roles.mention(token)
            if place in (GENERIC, roles.PRONOUN) or not _is_place(token, place):
                continue
            holder = token.head.head
            if holder.pos_ in ("VERB", "AUX"):
                for receiver in _receivers(holder):
                    add(place, receiver)
            else:
                add(place, holder)
    return found


def _mentioned(parsed: Any, start: int, end: int) -> frozenset[str]:
    """Canonical names of the noun phrases in characters ``[start, end)`` of ``parsed``."""
    from claimgraph.stance import roles

    names = {
        roles.mention(token)
        for token in parsed
        if start <= token.idx < end and token.pos_ in ("PROPN", "NOUN")
    }
    return frozenset(names - {roles.GENERIC, roles.PRONOUN})


def _collect_surfaces(parsed: Any, start: int, end: int, surfaces: _Surfaces) -> None:
    """Surface forms of the named mentions in ``parsed[start:end]``."""
    from claimgraph.stance import roles

    for token in parsed:
        if token.idx < start or token.idx >= end or token.dep_ == "compound":
            continue
        if token.pos_ not in ("PROPN", "NOUN"):
            continue
        name = roles.mention(token)
        if name in (roles.GENERIC, roles.PRONOUN):
            continue
        tokens = roles.mention_tokens(token)
        proper = [t for t in tokens if t.text[:1].isupper() and t.pos_ in ("PROPN", "ADJ", "NOUN")]
        kept = [t for t in tokens if t.dep_ not in ("det", "poss", "case")]
        forms = []
        if proper and proper[-1].i - proper[0].i + 1 == len(proper):
            forms.append(parsed[proper[0].i : proper[-1].i + 1].text)
        if kept:
            forms.append(parsed[kept[0].i : kept[-1].i + 1].text)
        aliased = roles.canonical_name(name) is not None
        # a form that itself names the entity ("NRF", not the "TB" of "anti-TB fighters")
        form = next(
            (f for f in forms if not aliased or roles.canonical_name(f) == name),
            None,
        )
        if form is None:
            continue
        definite = any(t.dep_ == "det" and t.lower_ == "the" for t in tokens)
        surfaces.add(name, form, definite)


def entity_groups(names: Iterable[str]) -> dict[str, str]:
    """Each name -> the representative of the names denoting one entity ("kestrel" and
    "kestrel dynamics", "nlf" and "northern liberation front"): the most frequent, then longest."""
    from claimgraph.stance import roles

    counts = Counter(n for n in names if n != GENERIC)
    order = sorted(counts, key=lambda n: (-counts[n], -len(n), n))
    parent: dict[str, str] = {}
    for name in order:
        parent[name] = next(
            (rep for rep in dict.fromkeys(parent.values()) if roles.same_entity(name, rep)), name
        )
    parent[GENERIC] = GENERIC
    return parent


def _third_person(lemma: str) -> str:
    if lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        return lemma + "es"
    if lemma.endswith("y") and lemma[-2:-1] not in tuple("aeiou"):
        return lemma[:-1] + "ies"
    return lemma + "s"


def display_name(name: str, surfaces: _Surfaces, members: Sequence[str] = ()) -> str:
    """A readable name for a canonical entity: its canonical name as written in the statements
    when seen, else its most frequent surface form; "the" when most mentions had it."""
    if name == GENERIC:
        return str(settings()["generic"]["display"])
    forms: Counter[str] = Counter()
    for member in (name, *members):
        forms.update(surfaces.forms.get(member, Counter()))
    if not forms:
        return " ".join(w.upper() if len(w) <= 3 else w.capitalize() for w in name.split())
    # the canonical name when it was seen at all ("Russia" over "Moscow"), else the most frequent
    form = min(forms, key=lambda f: (f.lower() != name, -forms[f], len(f), f))
    share = float(settings()["articles"]["definite_share"])
    # "the" when most mentions of the entity, or of the form chosen, had it
    shares = []
    for forms_counted in ([form], list(forms)):
        total = sum(surfaces.total[(m, f)] for m in (name, *members) for f in forms_counted)
        definite = sum(surfaces.definite[(m, f)] for m in (name, *members) for f in forms_counted)
        shares.append(definite / total if total else 0.0)
    if max(shares) >= share and not form.lower().startswith("the "):
        form = "the " + form
    return form


def name_key(key: Key, surfaces: _Surfaces, groups: Mapping[str, str] | None = None) -> str:
    """The readable proposition of ``key``: "Russia is arming the Taliban"."""
    from claimgraph.stance import roles

    groups = groups or {}
    agent, recipient = key.agent, key.recipient
    if roles.symmetric(key.pred):
        # the orientation the statements used most ("Russia keeps contact with the Taliban")
        forward = sum(
            n
            for (a, p, r), n in surfaces.orientation.items()
            if p == key.pred and groups.get(a, a) == agent and groups.get(r, r) == recipient
        )
        backward = sum(
            n
            for (a, p, r), n in surfaces.orientation.items()
            if p == key.pred and groups.get(a, a) == recipient and groups.get(r, r) == agent
        )
        if backward > forward:
            agent, recipient = recipient, agent
    phrase = settings()["phrases"].get(key.pred) or _third_person(key.pred)

    def members(rep: str) -> list[str]:
        return [n for n, r in groups.items() if r == rep and n != rep]

    text = " ".join(
        (
            display_name(agent, surfaces, members(agent)),
            str(phrase),
            display_name(recipient, surfaces, members(recipient)),
        )
    )
    return text[:1].upper() + text[1:]


def related(key: Key, other: Key) -> bool:
    """``other`` bears on ``key``: the same parties or a generic side in their place, and the
    same predicate class or one entailing the other (arming a group is supporting it)."""
    from claimgraph.stance import roles

    if key == other:
        return False
    same_pred = (
        key.pred == other.pred
        or roles.entails(key.pred, other.pred)
        or roles.entails(other.pred, key.pred)
    )
    if not same_pred:
        return False
    pairs = [(other.agent, other.recipient)]
    if roles.symmetric(key.pred) or roles.symmetric(other.pred):
        pairs.append((other.recipient, other.agent))
    for agent, recipient in pairs:
        agent_ok = agent == key.agent or (agent == GENERIC and key.agent != GENERIC)
        recipient_ok = recipient == key.recipient or (
            recipient == GENERIC and key.recipient != GENERIC
        )
        if agent_ok and recipient_ok and GENERIC not in (key.agent, key.recipient):
            return True
        if (agent, recipient) == (key.agent, key.recipient):
            return True
    return False


def normalized_keys(
    statements: Sequence[Statement], parses: Sequence[Any]
) -> tuple[list[list[Key]], _Surfaces, dict[str, str]]:
    """Each statement's keys with entity names merged across the corpus, the surface forms
    seen and the name -> representative table."""
    surfaces = _Surfaces()
    raw = [keys_of(s, p, surfaces=surfaces) for s, p in zip(statements, parses, strict=True)]
    names = [n for keys in raw for k in keys for n in (k.agent, k.recipient)]
    groups = entity_groups(names)
    from claimgraph.stance import roles

    out: list[list[Key]] = []
    for keys in raw:
        merged: list[Key] = []
        for k in keys:
            agent, recipient = groups.get(k.agent, k.agent), groups.get(k.recipient, k.recipient)
            if agent == recipient:
                continue
            if roles.symmetric(k.pred) and GENERIC not in (agent, recipient):
                agent, recipient = sorted((agent, recipient))
            key = Key(agent, k.pred, recipient)
            if key not in merged:
                merged.append(key)
        out.append(merged)
    return out, surfaces, groups


def parties(
    statements: Sequence[Statement], by_key: Mapping[Key, Any], groups: Mapping[str, str]
) -> frozenset[str]:
    """Names that act in the corpus: agents of keys, speakers, their affiliations and actors."""
    from claimgraph.stance import roles

    names = {k.agent for k in by_key} - {GENERIC}
    for s in statements:
        for text in (s.speaker, s.affiliation, (s.actor_id or "").replace("-", " ")):
            if text:
                names.add(roles.canonical_name(text) or text.lower())
    return frozenset(groups.get(n, n) for n in names)


def is_party(name: str, known: frozenset[str]) -> bool:
    """``name`` is an entity of the alias table or acts somewhere in the corpus."""
    from claimgraph.stance import roles

    aliased = {canonical for _alias, canonical in roles.tables().aliases}
    # exact names only: "afghanistan" is not "afghan government", "tajikistan" not "sputnik
    # tajikistan" (spellings of one entity are already merged by ``entity_groups``)
    return name in aliased or name in known


def place_names(
    statements: Sequence[Statement], parses: Sequence[Any], groups: Mapping[str, str]
) -> frozenset[str]:
    """Canonical names (merged by ``groups``) the statements' contents name as places: a
    country, or a mention the parser reads as a place (GPE, LOC, FAC)."""
    from claimgraph.stance import roles

    found: set[str] = set()
    for statement, parsed in zip(statements, parses, strict=True):
        _text, start, end = span_text(statement)
        for token in parsed:
            if start <= token.idx < end and token.pos_ in ("PROPN", "NOUN"):
                name = roles.mention(token)
                if name not in (GENERIC, roles.PRONOUN) and _is_place(token, name):
                    found.add(groups.get(name, name))
    return frozenset(found)
