"""Who does what to whom: predicate readings of a claim or a statement from the spaCy parse.

A ``Reading`` is one predicate occurrence with its class (``arm``, ``support``, ``contact``...
from ``data/stance/predicates.json``, or the bare lemma for predicates not in the table),
its agents and its recipients, as canonical entity names from ``data/stance/entities.json``
("Moscow", "the Kremlin", "the Russians" -> ``russia``). Recipients that only name a kind of
party ("the Afghan warring parties", "insurgents") are generic and match any recipient weakly.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from claimgraph.stance import kinds, lexical
from claimgraph.stance.mentions import (
    DESCRIPTIONS,
    GENERIC,
    NAME_STOP,
    PRONOUN,
    conjuncts,
    is_proper,
    mention,
    mention_tokens,
    names_of,
    proper_name,
    same_entity,
    shares_entity,
    spoken_for,
)
from claimgraph.stance.polarity import cue_sets
from claimgraph.stance.tables import canonical_name, normalise, tables

__all__ = [
    "DESCRIPTIONS",
    "GENERIC",
    "NAME_STOP",
    "PRONOUN",
    "Reading",
    "canonical_name",
    "conjuncts",
    "mention",
    "mention_tokens",
    "normalise",
    "proper_name",
    "readings",
    "same_entity",
    "shares_entity",
    "spoken_for",
    "tables",
]


_CLAUSE_DEPS = frozenset(
    {"ccomp", "advcl", "relcl", "acl", "xcomp", "csubj", "parataxis", "conj", "cc"}
)
_UP_DEPS = frozenset(
    {"xcomp", "pcomp", "pobj", "prep", "conj", "dobj", "advcl", "agent", "dative", "attr"}
)


@dataclass(frozen=True, slots=True)
class Reading:
    """One predicate of a text with its roles."""

    token: Any
    """The predicate's head token (spaCy Token)."""
    pred: str
    """Predicate class (``arm``, ``support``...) or the lemma when no class applies."""
    lemma: str
    """The head's lemma."""
    agents: frozenset[str]
    """Canonical agents; empty when unknown."""
    recipients: frozenset[str]
    """Canonical recipients/targets (``GENERIC`` for a kind of party); empty when unknown."""
    pronouns: frozenset[str] = frozenset()
    """Lower-cased pronouns among the agents ("it", "they"), to resolve against the speaker."""
    antecedents: frozenset[str] = frozenset()
    """Names the agent pronouns may stand for: the nearest earlier name in the sentence."""
    role_negated: bool = False
    """The agent itself is negated ("bought on the black market, not from Russia")."""
    restricted: bool = False
    """The recipient is in restrictive focus ("sold drones only to governments"): the
    statement excludes every other recipient."""
    recipient_pronouns: frozenset[str] = frozenset()
    """Lower-cased pronouns among the recipients ("I have never taken a bribe": "i")."""


def _is_theme(token: Any) -> str | None:
    t = tables()
    for conj in conjuncts(token):
        for word in (str(conj.lemma_).lower(), str(conj.text).lower()):
            if word in t.theme_class:
                return t.theme_class[word]
    return None


def _theme_classes(pred: Any) -> list[str]:
    """Classes of a light verb from its theme nouns ("provide arms", "funding and weapons")."""
    t = tables()
    found: list[str] = []
    for child in pred.children:
        if child.dep_ in _CLAUSE_DEPS or child.dep_ in ("nsubj", "agent"):
            continue
        for sub in child.subtree:
            if sub.pos_ not in ("NOUN", "PROPN"):
                continue
            for word in (str(sub.lemma_).lower(), str(sub.text).lower()):
                name = t.theme_class.get(word)
                if name and name not in found:
                    found.append(name)
    return found


def _agent_of_clause(token: Any) -> list[Any]:
    subj = [c for c in token.children if c.dep_ == "nsubj"]
    if subj:
        return subj
    if not any(c.dep_ == "nsubjpass" for c in token.children):
        # "Tarvia offered ...": a name the parser hangs before its verb as an adverb
        subj = [
            c
            for c in token.children
            if c.dep_ in ("advmod", "npadvmod") and c.pos_ == "PROPN" and c.i < token.i
        ]
        if subj:
            return subj
    return [g for c in token.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]


def _demonym(token: Any) -> bool:
    """A capitalised modifier of a noun predicate that no table knows ("Tarvian bounties",
    "Orskian drones"): the party it comes from; not a capital that only starts the sentence."""
    text = str(token.text)
    if not text[:1].isupper() or token.i == token.sent.start:
        return False
    noun = token.head
    cues = cue_sets()
    if noun.dep_ == "nsubj" and str(noun.head.lemma_).lower() in cues["assert"] | cues["deny"]:
        return False  # "a Kasarian state channel claimed": a speaker, not a predicate
    if token.pos_ == "ADJ":
        return True
    return token.pos_ == "PROPN" and text.lower().endswith(_DEMONYM_ENDINGS)


_DEMONYM_ENDINGS = ("an", "ish", "ese", "ic", "i")


def _agents(pred: Any, *, nominal: bool, object_control: frozenset[str]) -> list[Any]:
    if nominal:
        own = [c for c in pred.children if c.dep_ == "poss"]
        own += [
            c
            for c in pred.children
            if c.dep_ in ("amod", "compound") and (canonical_name(c.text) or _demonym(c))
        ]
        head = pred.head
        if (
            not own
            and pred.dep_ in ("compound", "amod")
            and str(head.lemma_).lower() in cue_sets()["report_nouns"]
        ):
            # "the Kasaria bounty story": the story's name modifier is the bounty's agent
            own = [
                c
                for c in head.children
                if c.dep_ in ("compound", "poss") and c.i < pred.i and c.pos_ == "PROPN"
            ]
        own += [
            g
            for c in pred.children
            if c.dep_ == "prep" and str(c.lemma_).lower() in ("by", "from")
            for g in c.children
            if g.dep_ == "pobj"
        ]
        if own:
            return own
    else:
        own = _agent_of_clause(pred)
        if own:
            return own
        if any(c.dep_ == "nsubjpass" for c in pred.children):
            return []
    node = pred
    while node.dep_ in _UP_DEPS and node.head.i != node.i:
        head = node.head
        if head.pos_ in ("VERB", "AUX"):
            if str(head.lemma_).lower() in object_control and node.dep_ in (
                "prep",
                "xcomp",
                "pcomp",
                "pobj",
            ):
                obj = [c for c in head.children if c.dep_ == "dobj"]
                if obj:
                    return obj
            if node.dep_ != "conj" or not _agent_of_clause(node):
                found = _agent_of_clause(head)
                if found:
                    return found
        node = head
    return []


def _recipients(pred: Any, *, nominal: bool) -> list[Any]:
    t = tables()
    out: list[Any] = []
    holders = [pred]
    # "supplying weapons to the Taliban" may hang "to" under the theme noun
    holders += [c for c in pred.children if c.dep_ in ("dobj", "nsubjpass") and _is_theme(c)]
    # "keeps channels open with the Taliban": the preposition can hang under a complement
    holders += [
        c
        for c in pred.children
        if c.dep_ in ("acomp", "oprd", "advmod", "ccomp") and c.pos_ in ("ADJ", "ADV")
    ]
    for holder in holders:
        for child in holder.children:
            dep = child.dep_
            if (
                dep == "prep"
                and str(child.lemma_).lower() == "of"
                and not (holder.i == pred.i and nominal)
            ):
                continue  # "channels of communication": "of" names a recipient only after a noun predicate
            if (
                holder.i == pred.i
                and dep in ("dobj", "dative", "iobj", "nsubjpass")
                and not nominal
            ):
                if child.pos_ == "ADP":  # spaCy's "dative" can be the preposition "to"
                    out.extend(g for g in child.children if g.dep_ == "pobj")
                elif not _is_theme(child) and not _of_theme(child):
                    out.append(child)
                else:
                    # "gave the Taliban rifles" misparsed as a compound of the theme
                    out.extend(
                        g
                        for g in child.children
                        if g.dep_ == "compound"
                        and g.pos_ == "PROPN"
                        and (canonical_name(g.text) or _after_article(g, child))
                    )
            elif dep == "prep" and str(child.lemma_).lower() in t.recipient_preps:
                for g in child.children:
                    if g.dep_ == "pobj" and not _is_theme(g) and not _time_noun(g):
                        out.append(g)  # "for months" is a time, not a recipient
            elif nominal and dep in ("compound", "amod") and child.pos_ == "PROPN":
                pass
    return out


def _after_article(name: Any, theme: Any) -> bool:
    """ "offered the Sorn Legion bounties": the theme's article comes before the name, so the
    name is the theme's own noun phrase only in the parse (a recipient in fact)."""
    return any(
        c.dep_ == "det" and str(c.lemma_).lower() == "the" and c.i < name.i for c in theme.children
    ) and not _is_theme(name)


def _of_theme(token: Any) -> bool:
    """ "some sort of support", "a kind of aid": a theme behind a measure noun, no recipient."""
    return any(
        c.dep_ == "prep"
        and str(c.lemma_).lower() == "of"
        and any(g.dep_ == "pobj" and _is_theme(g) for g in c.children)
        for c in token.children
    )


def _time_noun(token: Any) -> bool:
    return token.ent_type_ in ("DATE", "TIME") or str(token.lemma_).lower() in tables().time_nouns


_NOT_PARTIES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})


def _antecedents(tokens: list[Any], *, exclude: frozenset[str]) -> frozenset[str]:
    """Names the pronouns among ``tokens`` most likely stand for: the nearest earlier alias."""
    found: set[str] = set()
    for token in tokens:
        for conj in conjuncts(token):
            if mention(conj) != PRONOUN or str(conj.text).lower() in ("we", "us", "i", "me", "our"):
                continue
            for earlier in reversed(conj.doc[conj.sent.start : conj.i]):
                if earlier.pos_ not in ("PROPN", "NOUN") or earlier.ent_type_ in _NOT_PARTIES:
                    continue  # "on Friday": a date is nobody's antecedent
                name = canonical_name(earlier.text)
                if name is None and earlier.pos_ == "PROPN" and earlier.dep_ != "compound":
                    name = mention(earlier)
                if name and name not in (GENERIC, PRONOUN) and name not in exclude:
                    found.add(name)
                    break
    return frozenset(found)


def _arrival_subject(token: Any) -> Any | None:
    return next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _arrival_roles(token: Any) -> tuple[list[Any], list[Any]] | None:
    """(origin, destination) tokens of "X's weapons reached / ended up with / fell into the
    hands of Y"; None when ``token`` is not such a verb with a theme subject."""
    if token.pos_ != "VERB" or str(token.lemma_).lower() not in tables().arrival:
        return None
    subject = _arrival_subject(token)
    if subject is None or not _is_theme(subject):
        return None
    origin = [
        c
        for c in subject.children
        if c.dep_ in ("amod", "compound", "poss") and (canonical_name(c.text) or is_proper(c))
    ]
    destination: list[Any] = [c for c in token.children if c.dep_ == "dobj"]
    for prep in (c for c in token.children if c.dep_ == "prep"):
        lemma = str(prep.lemma_).lower()
        objects = [g for g in prep.children if g.dep_ == "pobj"]
        if lemma == "from":
            origin.extend(objects)
        elif lemma in ("to", "into", "with", "for"):
            for obj in objects:
                # "into the hands of the Taliban"
                owners = [
                    g
                    for p in obj.children
                    if p.dep_ == "prep" and str(p.lemma_).lower() == "of"
                    for g in p.children
                    if g.dep_ == "pobj"
                ]
                destination.extend(owners or [obj])
    return origin, destination


def _converse_source(token: Any) -> Any | None:
    """The "from" preposition of a receiving verb ("received rifles from Moscow"), if any."""
    if token.pos_ != "VERB" or str(token.lemma_).lower() not in tables().converse:
        return None
    objects = [c for c in token.children if c.dep_ == "dobj"]
    for holder in (token, *objects):  # "received payments from Brenmark": under the object
        found = next(
            (c for c in holder.children if c.dep_ == "prep" and str(c.lemma_).lower() == "from"),
            None,
        )
        if found is not None:
            return found
    return None


def _receiving(token: Any) -> bool:
    """A receiving verb with no "from" ("took a bribe"; not "get", also a giving verb)."""
    t = tables()
    lemma = str(token.lemma_).lower()
    return token.pos_ == "VERB" and lemma in t.converse and lemma not in t.light


def _nested_theme(token: Any, preds: list[str]) -> bool:
    """A noun predicate inside the theme of a verb of the same class ("providing ... support")."""
    if token.pos_ != "NOUN":
        return False
    node = token
    for _ in range(4):
        if node.dep_ not in ("dobj", "pobj", "prep", "conj", "nsubjpass") or node.head.i == node.i:
            return False
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return bool(set(preds) & set(_classes(node)))
    return False


def _classes(token: Any) -> list[str]:
    """Predicate classes of ``token`` (several for "provided funding and weapons")."""
    t = tables()
    lemma = str(token.lemma_).lower()
    text = str(token.text).lower()
    if token.pos_ in ("VERB", "AUX"):
        idiom = lexical.idiom_class(token)
        if idiom:
            return [idiom]  # "this referee was bought", "sold the result"
        particles = [
            str(c.lemma_).lower()
            for c in token.children
            if c.dep_ == "prt" or (c.dep_ == "prep" and c.i == token.i + 1)
        ]  # "covered up"; "left out of the report" (the parser makes "out" a preposition)
        for phrasal in (f"{lemma} {p}" for p in particles):
            if phrasal in t.verb_class:
                return [t.verb_class[phrasal]]  # "covered up", "left out"
        if lemma in t.verb_class and lemma in t.light:
            themes = [c for c in _theme_classes(token) if c != t.verb_class[lemma]]
            if themes:
                return themes  # "paid bounties": the theme's class, not the verb's
        if lemma in t.verb_class:
            pred = t.verb_class[lemma]
            themes = _theme_classes(token)
            if pred == "support" and "arm" in themes:
                return ["arm", pred]  # "propped up the Taliban with arms"
            return [pred]
        if lemma in t.conveyance and not _theme_classes(token):
            return lexical.conveyed(token)  # "carried oil": a class of its own
        if lemma in t.light or lemma in t.converse:
            themes = _theme_classes(token)
            if not themes and token.dep_ == "acl":
                theme = _is_theme(token.head)  # "weapons being funnelled here"
                themes = [theme] if theme else []
            if not themes and token.dep_ == "conj" and token.head.pos_ in ("VERB", "AUX"):
                # "they got the weapons ... and they were provided by the Russians"
                themes = _theme_classes(token.head)
            return themes
        if lemma in t.arrival:
            subject = _arrival_subject(token)
            theme = _is_theme(subject) if subject is not None else None
            if theme:
                return [theme]  # "Russian weapons were reaching the Taliban"
        return [lemma] if token.pos_ == "VERB" else []
    if token.pos_ != "NOUN":
        return []
    if text in t.noun_class or lemma in t.noun_class:
        pred = t.noun_class.get(text) or t.noun_class[lemma]
        for child in token.children:
            qualified = t.qualifiers.get(pred, {}).get(str(child.lemma_).lower())
            if child.dep_ in ("amod", "compound") and qualified:
                return [qualified]  # "military ties"
        return [pred]
    if lemma in t.supply_nouns or text in t.supply_nouns:
        themes = _theme_classes(token)
        head = token.head
        if not themes and head.i != token.i and _is_theme(head):
            themes = [str(_is_theme(head))]  # "arms supplies", "weapons deliveries"
        if not themes:
            themes = [
                t.theme_class[str(c.lemma_).lower()]
                for c in token.children
                if c.dep_ == "compound" and str(c.lemma_).lower() in t.theme_class
            ]
        return themes
    return []


READINGS = "claimgraph.readings"
"""Key of ``Doc.user_data`` caching the readings of each span (under the description map
they were read with)."""


def readings(doc: Any, start: int = 0, end: int | None = None) -> list[Reading]:
    """Predicate readings whose head lies in characters ``[start, end)`` of the parsed ``doc``.

    Computed once per parse, span and description map (``Doc.user_data[DESCRIPTIONS]``, the
    only other thing they depend on) and cached on the parse: a claim map reads each
    statement's readings to prime predicate vectors and again to judge it."""
    stop = len(doc.text) if end is None else end
    table = doc.user_data.get(DESCRIPTIONS)
    key = (start, stop, frozenset(table.items()) if table else None)
    cache = doc.user_data.setdefault(READINGS, {})
    found = cache.get(key)
    if found is None:
        found = cache[key] = tuple(_read(doc, start, stop))
    return list(found)


def _read(doc: Any, start: int, stop: int) -> list[Reading]:
    object_control = cue_sets()["object_control"]
    out: list[Reading] = []
    for token in doc:
        if token.idx < start or token.idx >= stop:
            continue
        preds = _classes(token)
        if not preds or _nested_theme(token, preds):
            continue
        nominal = token.pos_ == "NOUN"
        source = _converse_source(token)
        arrival = _arrival_roles(token)
        if lexical.idiom_class(token):
            # "Somebody bought the referee", "the referee was bought": the object is bribed
            agent_tokens = _agent_of_clause(token) or [
                g for c in token.children if c.dep_ == "agent" for g in c.children
            ]
            objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
            recipient_tokens = [] if preds[0] == "fix" else objects  # "sold the result"
            source, arrival = None, None
        elif arrival is not None:
            agent_tokens, recipient_tokens = arrival
        elif source is not None:
            # "the Taliban bought their weapons from Russia": the source is the agent
            # "from Valdoria, from Kestrel or from anyone else": every source, conjoined too
            sources = [source] + [
                c
                for c in token.children
                if c.dep_ == "prep" and str(c.lemma_).lower() == "from" and c.i != source.i
            ]
            sources += [
                g for p in sources for g in p.subtree if g.dep_ == "conj" and g.pos_ == "ADP"
            ]
            agent_tokens = [g for p in sources for g in p.children if g.dep_ == "pobj"]
            recipient_tokens = _agent_of_clause(token) or _agents(
                token, nominal=False, object_control=object_control
            )
        elif _receiving(token):
            # "took a bribe", "accepted 40,000 crowns": the subject receives, the giver is open
            agent_tokens = []
            recipient_tokens = _agent_of_clause(token) or _agents(
                token, nominal=False, object_control=object_control
            )
        else:
            agent_tokens = _agents(token, nominal=nominal, object_control=object_control)
            recipient_tokens = _recipients(token, nominal=nominal)
        if any(p.startswith(lexical.CONVEY) for p in preds):
            # "carried oil to the port": the goods are the theme, not a recipient
            themes = {
                n.i for c in token.children if c.dep_ in ("dobj", "nsubjpass") for n in conjuncts(c)
            }
            recipient_tokens = [r for r in recipient_tokens if r.i not in themes]
        agents = names_of(agent_tokens)
        pronouns = frozenset(
            str(c.text).lower() for a in agent_tokens for c in conjuncts(a) if mention(c) == PRONOUN
        )
        recipients = names_of(recipient_tokens) | kinds.other_kinds(recipient_tokens)
        recipient_pronouns = frozenset(
            str(c.text).lower()
            for r in recipient_tokens
            for c in conjuncts(r)
            if mention(c) == PRONOUN
        )
        if (
            recipients - {GENERIC}
            and GENERIC in recipients
            and not kinds.has_generic(recipient_tokens)
        ):
            recipients = recipients - {GENERIC}
        if PRONOUN in recipients:
            # "gave the Taliban weapons to help them": the nearest name before the pronoun
            found = _antecedents(recipient_tokens, exclude=agents)
            if found:
                recipients = (recipients - {PRONOUN}) | found
        recipients = recipients - agents or recipients
        if lexical.idiom_class(token) and recipient_tokens and recipients <= {GENERIC}:
            continue  # "the inspector was bought": an idiom only for a person we can name
        antecedents = (
            _antecedents(agent_tokens, exclude=recipients) if PRONOUN in agents else frozenset()
        )
        lemma = str(token.lemma_).lower()
        negated = source is not None and any(c.dep_ == "neg" for c in source.children)
        restricted = kinds.restricted(recipient_tokens)
        out.extend(
            Reading(
                token,
                pred,
                lemma,
                agents,
                recipients,
                pronouns,
                antecedents,
                negated,
                restricted,
                recipient_pronouns,
            )
            for pred in preds
        )
    return out


def entails(pred: str, broader: str) -> bool:
    """``pred`` implies ``broader`` (arming a group is supporting it)."""
    return broader in tables().entails.get(pred, frozenset())


def opposite(pred: str, other: str) -> bool:
    """Asserting ``other`` denies ``pred`` (reporting the cases / concealing them)."""
    return tables().opposites.get(pred) == other


def symmetric(pred: str) -> bool:
    """The relation holds both ways (contact between A and B)."""
    return pred in tables().symmetric
