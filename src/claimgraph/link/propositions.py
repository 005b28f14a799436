"""Normalized propositions: who does what to whom, across documents.

Each statement's content (for a denial: the denied proposition, which is its content too) is
parsed and read by the stance role parser (``claimgraph.stance.roles``) into "agent predicate
recipient" keys such as ``("russia", "arm", "taliban")``. Statements sharing a key form one
proposition, named in readable form from the entities' most frequent surface forms and a verb
phrase for the predicate class ("Russia is arming the Taliban"). Keys with a generic side
("Russia is arming insurgents") and keys of an entailed predicate (arming entails supporting)
are judged toward the specific propositions as well. Statements without a key are clustered by
their embeddings as before (``discover.cluster``). Every member is judged toward the named
proposition with the stance judge, and propositions are ranked by how contested they are:
supporters and refuters both present, then the number of independent sources on either side.
"""

from __future__ import annotations

import functools
import importlib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import numpy as np

from claimgraph.model import Statement
from claimgraph.resources import load_data

GENERIC = "*"
"""A generic or unknown party ("insurgents", "anyone", an unresolved pronoun)."""
MAX_JUDGED = 40
"""Statements judged toward one proposition at most (members first, then neighbours)."""
EMBED_NEIGHBOURS = 6
"""Unkeyed statements near a keyed proposition's centre judged toward it, at most."""
EMBED_SIMILARITY = 0.6
"""Cosine to a keyed proposition's centre from which an unkeyed statement is judged toward it."""
JUDGED_EXTRA = 10
"""Candidate propositions judged beyond ``top`` (ranked by sources before judging)."""
KEYED_BONUS = 1.0
"""Score added to a proposition with a who-does-what-to-whom key over an embedding cluster."""


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


def _span_text(statement: Statement) -> tuple[str, int, int]:
    """The text to parse (the sentence when it holds the content) and the content's offsets."""
    sent, body = statement.sentence, statement.content
    if sent is not None and sent.start <= body.start and body.end <= sent.end:
        return sent.text, body.start - sent.start, body.end - sent.start
    return body.text, 0, len(body.text)


def parse_statements(statements: Sequence[Statement], *, nlp: Any = None) -> list[Any]:
    """The spaCy parse of each statement's sentence (each distinct text parsed once)."""
    if nlp is None:
        from claimgraph.nlp.parse import load_nlp

        nlp = load_nlp()
    texts = [_span_text(s)[0] for s in statements]
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

    _text, start, end = _span_text(statement)
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


@dataclass(slots=True)
class _Candidate:
    name: str
    members: list[int]
    key: Key | None = None
    neighbours: list[int] = field(default_factory=list)


def _sources(statements: Sequence[Statement], indices: Iterable[int]) -> set[str]:
    from claimgraph.link.discover import _source

    return {_source(statements[i]) for i in indices}


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


_QUESTION_WORDS = frozenset({"whether", "if", "why", "how", "what", "when", "where", "who"})


def _declarative(statement: Statement, parsed: Any) -> bool:
    """The content reads as a sentence: it starts with a subject, not a verb or a question."""
    if "?" in statement.content.text:
        return False
    _text, start, end = _span_text(statement)
    words = [t for t in parsed if start <= t.idx < end and not t.is_punct and t.lower_ != "that"]
    if not words:
        return False
    first = words[0]
    return first.lower_ not in _QUESTION_WORDS and first.pos_ not in ("VERB", "AUX", "ADP", "PART")


def _parties(
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


def _is_party(name: str, known: frozenset[str]) -> bool:
    """``name`` is an entity of the alias table or acts somewhere in the corpus."""
    from claimgraph.stance import roles

    aliased = {canonical for _alias, canonical in roles.tables().aliases}
    # exact names only: "afghanistan" is not "afghan government", "tajikistan" not "sputnik
    # tajikistan" (spellings of one entity are already merged by ``entity_groups``)
    return name in aliased or name in known


def propositions_in(
    statements: Sequence[Statement],
    vectors: Mapping[str, np.ndarray],
    *,
    judge: Any,
    top: int = 20,
    parses: Sequence[Any] | None = None,
    nlp: Any = None,
    distance: float | None = None,
) -> list[Any]:
    """The ``top`` most contested propositions among ``statements`` (pure: no store).

    ``parses``: the spaCy parse of each statement's sentence (``parse_statements``), made with
    ``nlp`` (default ``load_nlp()``) when not given. ``vectors``: statement embeddings for the
    statements without a key (those without a vector are left out of the embedding clusters).
    Returns ``discover.DiscoveredClaim`` items, most contested first.
    """
    from claimgraph.stance import roles

    disc = importlib.import_module("claimgraph.link.discover")
    from claimgraph.link.claimmap import judge_statements, make_claim
    from claimgraph.link.retrieve import content_words

    usable = [s for s in statements if s.content.text.strip()]
    usable.sort(key=lambda s: (s.kind == "authorial", -len(s.content.text)))
    usable = usable[: disc.MAX_STATEMENTS]
    if not usable:
        return []
    if parses is None:
        parses = parse_statements(usable, nlp=nlp)
    else:
        by_id = {s.id: p for s, p in zip(statements, parses, strict=True)}
        parses = [by_id[s.id] for s in usable]
    keys, surfaces, groups = normalized_keys(usable, parses)

    by_key: dict[Key, list[int]] = {}
    for i, ks in enumerate(keys):
        for k in ks:
            by_key.setdefault(k, []).append(i)
    # keys by the parties they name: related keys share one (the index keeps this near linear)
    by_party: dict[str, list[Key]] = {}
    for k in by_key:
        for party in {k.agent, k.recipient} - {GENERIC}:
            by_party.setdefault(party, []).append(k)

    def near_keys(key: Key) -> list[Key]:
        found = {o for p in (key.agent, key.recipient) for o in by_party.get(p, [])}
        return sorted(found)

    known = _parties(usable, by_key, groups)
    candidates: list[_Candidate] = []
    for key, members in by_key.items():
        if GENERIC in (key.agent, key.recipient):
            continue  # a generic side is judged toward the specific propositions it bears on
        if not roles.symmetric(key.pred) and not _is_party(key.recipient, known):
            continue  # "arms to Afghanistan": a destination, not a party of the corpus
        cand = _Candidate(name_key(key, surfaces, groups), members, key)
        inside = set(members)
        cand.neighbours = [
            i
            for other in near_keys(key)
            if related(key, other)
            for i in by_key[other]
            if i not in inside
        ]
        candidates.append(cand)

    # statements without a key: clusters of their embeddings, as before
    # (short ones are no propositions without a key: "Russia is arming the Taliban" has one)
    # a statement whose keys all have a generic side bearing on no proposition counts as unkeyed
    attached = {
        k
        for k in by_key
        if GENERIC not in (k.agent, k.recipient)
        or any(
            related(full, k) for full in near_keys(k) if GENERIC not in (full.agent, full.recipient)
        )
    }
    unkeyed = [
        i
        for i, ks in enumerate(keys)
        if not set(ks) & attached
        and usable[i].id in vectors
        and len(content_words(usable[i].content.text)) >= disc.MIN_WORDS
    ]
    matrix = np.zeros((len(usable), 1))
    if unkeyed or vectors:
        dim = len(next(iter(vectors.values()))) if vectors else 1
        matrix = np.zeros((len(usable), dim))
        for i, s in enumerate(usable):
            if s.id in vectors:
                matrix[i] = np.asarray(vectors[s.id], dtype=np.float64)
        matrix = disc._normalise(matrix)
    if unkeyed:
        sub = matrix[unkeyed]
        for group in disc.cluster(sub, distance=distance or disc.DISTANCE):
            members = [unkeyed[k] for k in group]
            rep = disc.representative([usable[i] for i in members], sub[group])
            members = [members[rep], *(m for k, m in enumerate(members) if k != rep)]
            # a name with a subject: not a question or a fragment ("Are intended to cover...")
            named = [m for m in members if _declarative(usable[m], parses[m])]
            if named and named[0] != members[0]:
                members = [named[0], *(m for m in members if m != named[0])]
            candidates.append(_Candidate(disc.claim_text(usable[members[0]]), members))
        # unkeyed statements near a keyed proposition are judged toward it too
        for cand in candidates:
            if cand.key is None:
                continue
            with_vec = [i for i in cand.members if usable[i].id in vectors]
            if not with_vec:
                continue
            centre = disc._normalise(matrix[with_vec].mean(axis=0, keepdims=True))[0]
            sims = matrix[unkeyed] @ centre
            near = [unkeyed[k] for k in np.argsort(-sims) if sims[k] >= EMBED_SIMILARITY]
            cand.neighbours.extend(near[:EMBED_NEIGHBOURS])

    def prescore(c: _Candidate) -> tuple[int, int, int, int]:
        sources = len(_sources(usable, c.members))
        around = len(_sources(usable, [*c.members, *c.neighbours]))
        docs = len({usable[i].doc_id for i in c.members})
        return (-(sources + around), -docs, c.key is None, c.members[0])

    candidates.sort(key=prescore)
    found: list[tuple[Any, _Candidate, set[str]]] = []
    for cand in candidates[: top + JUDGED_EXTRA]:
        judged_idx = list(dict.fromkeys([*cand.members, *cand.neighbours]))[:MAX_JUDGED]
        judged = [usable[i] for i in judged_idx]
        stances = judge_statements(judge, cand.name, judged)
        sides: dict[str, set[str]] = {"supports": set(), "refutes": set(), "neutral": set()}
        own: dict[str, set[str]] = {"supports": set(), "refutes": set(), "neutral": set()}
        inside = set(cand.members)
        for i, stance in zip(judged_idx, stances, strict=True):
            if stance.label in sides:
                sides[stance.label].update(_sources(usable, [i]))
                if i in inside:
                    own[stance.label].update(_sources(usable, [i]))
        sup, ref = len(sides["supports"]), len(sides["refutes"])
        all_sources = sides["supports"] | sides["refutes"] | sides["neutral"]
        docs = len({usable[i].doc_id for i in cand.members})
        contested = sup > 0 and ref > 0
        # sources judged as neighbours (a generic or entailed reading) weigh half
        w_sup = (sup + len(own["supports"])) / 2
        w_ref = (ref + len(own["refutes"])) / 2
        score = (
            3.0 * min(w_sup, w_ref)
            + 1.0 * (w_sup + w_ref)
            + 0.5 * len(all_sources)
            + 0.25 * docs
            + (KEYED_BONUS if cand.key is not None else 0.0)
        )
        # members first, then the neighbours judged on either side
        shown = [
            *cand.members,
            *(
                i
                for i, stance in zip(judged_idx, stances, strict=True)
                if i not in set(cand.members) and stance.label in ("supports", "refutes")
            ),
        ]
        discovered = disc.DiscoveredClaim(
            claim=make_claim(cand.name),
            statement_ids=tuple(dict.fromkeys(usable[i].id for i in shown)),
            documents=docs,
            supporters=sup,
            refuters=ref,
            neutral=len(sides["neutral"]),
            independent_sources=max(len(_sources(usable, cand.members)), len(all_sources)),
            score=round(score, 3),
            contested=contested,
        )
        found.append((discovered, cand, all_sources))
    found.sort(key=lambda f: (-f[0].contested, -f[0].score, f[0].claim.text))
    return _fold(found, usable)[:top]


def _fold(found: list[tuple[Any, _Candidate, set[str]]], usable: Sequence[Statement]) -> list[Any]:
    """Drop a proposition named like a better one, or one of the same parties with a related
    predicate whose own speakers were all judged toward the better one already ("Russia supports
    the Taliban" under "Russia is arming the Taliban" when nobody says only the former)."""
    kept: list[tuple[Any, _Candidate, set[str]]] = []
    for item in found:
        discovered, cand, _sources_seen = item
        name = discovered.claim.text.lower()
        own = _sources(usable, cand.members)
        redundant = False
        for better, better_cand, better_sources in kept:
            if better.claim.text.lower() == name:
                redundant = True
            elif cand.key is not None and better_cand.key is not None:
                key, other = cand.key, better_cand.key
                same_parties = {key.agent, key.recipient} == {other.agent, other.recipient}
                if same_parties and related(other, key) and own <= better_sources:
                    redundant = True
            if redundant:
                break
        if not redundant:
            kept.append(item)
    return [discovered for discovered, _cand, _seen in kept]
