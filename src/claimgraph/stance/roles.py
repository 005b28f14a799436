"""Who does what to whom: predicate readings of a claim or a statement from the spaCy parse.

A ``Reading`` is one predicate occurrence with its class (``arm``, ``support``, ``contact``...
from ``data/stance/predicates.json``, or the bare lemma for predicates not in the table),
its agents and its recipients, as canonical entity names from ``data/stance/entities.json``
("Moscow", "the Kremlin", "the Russians" -> ``russia``). Recipients that only name a kind of
party ("the Afghan warring parties", "insurgents") are generic and match any recipient weakly.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from claimgraph.stance import kinds, lexical
from claimgraph.stance.describe import desc_key, desc_words
from claimgraph.stance.polarity import load_lexicon
from claimgraph.stance.tables import _norm, canonical_name, tables

__all__ = ["GENERIC", "PRONOUN", "Reading", "canonical_name", "readings", "tables"]

GENERIC = "*"
"""Canonical name of a generic party ("the warring parties", "insurgents")."""
PRONOUN = "?"
"""Canonical name of an unresolved pronoun."""

_CLAUSE_DEPS = frozenset(
    {"ccomp", "advcl", "relcl", "acl", "xcomp", "csubj", "parataxis", "conj", "cc"}
)
_MENTION_DEPS = frozenset({"compound", "amod", "poss", "nmod", "det", "nummod", "case", "quantmod"})
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


def mention_tokens(token: Any) -> list[Any]:
    """The tokens of the noun phrase headed by ``token`` (modifiers, no clauses or conjuncts)."""
    out = [token]
    stack = [token]
    while stack:
        current = stack.pop()
        for child in current.children:
            if child.dep_ in _MENTION_DEPS or (child.dep_ == "punct" and current.i != token.i):
                out.append(child)
                stack.append(child)
    return sorted(out, key=lambda t: t.i)


def mention(token: Any) -> str:
    """Canonical name of the noun phrase headed by ``token``: an alias, GENERIC, PRONOUN or its head."""
    t = tables()
    lemma = str(token.lemma_).lower()
    text = str(token.text).lower()
    if token.pos_ == "PRON" and (lemma in t.generic or text in t.generic):
        return GENERIC  # "anyone", "everybody"
    if token.pos_ == "PRON" or text in t.pronouns:
        # "they [Russia]": a bracketed name right after the pronoun resolves it
        doc = token.doc
        if token.i + 2 < len(doc) and doc[token.i + 1].text in ("[", "("):
            named = canonical_name(doc[token.i + 2].text)
            if named:
                return named
        return PRONOUN
    named = canonical_name(" ".join(tok.text for tok in mention_tokens(token)))
    if named:
        return named
    for child in token.children:
        if child.dep_ == "appos":  # "their former enemy, the Afghan Taliban"
            named = canonical_name(" ".join(tok.text for tok in mention_tokens(child)))
            if named:
                return named
    if token.pos_ == "NOUN":
        for child in token.children:
            if child.dep_ == "appos" and child.pos_ == "PROPN":  # "a rival haulier, Mertz Freight"
                return mention(child)
    from claimgraph.stance.parties import client_of

    client = client_of(token)
    if client:
        return client  # "Kovar's lawyer said her client ...": Kovar
    described = _described(token)
    if described:
        return described  # "the Valdorian arms maker", named earlier in the document
    earlier = _definite_antecedent(token)
    if earlier:
        return earlier  # "An employee of Halvern Biologics says the company ..."
    from claimgraph.stance.parties import operated_by

    operator = operated_by(token)
    if operator is not None:
        return operator  # "tankers operated by Tarvos Lines": the operator acts
    if lemma in t.generic or text in t.generic:
        return GENERIC
    if token.pos_ == "PROPN" or token.ent_type_ in _NAME_TYPES:
        return proper_name([tok for tok in mention_tokens(token) if _is_proper(tok)] or [token])
    modifiers = [c for c in token.children if c.dep_ in ("amod", "compound") and _is_proper(c)]
    quantified = any(
        c.dep_ == "det" and str(c.lemma_).lower() in _QUANTIFIERS for c in token.children
    )
    if modifiers and not quantified:
        return proper_name([*modifiers, token])  # "the Morvanian army": one entity
    return GENERIC  # a common noun ("their former enemy", "the movement"): who, we cannot say


_QUANTIFIERS = frozenset({"no", "any", "a", "an", "every", "some", "each"})


@functools.lru_cache(maxsize=1)
def _definite_heads() -> dict[str, frozenset[str]]:
    heads = load_lexicon("entities").get("definite_heads", {})
    return {str(kind): frozenset(words) for kind, words in heads.items()}


def _definite_antecedent(token: Any) -> str | None:
    """The name a bare definite description ("the company", "the mayor") stands for: the
    nearest earlier name of that type (ORG, PERSON) in the same sentence, or None."""
    if token.pos_ != "NOUN" or token.tag_ not in ("NN", "NNP"):
        return None
    dets = [c for c in token.children if c.dep_ == "det"]
    others = [c for c in token.children if c.dep_ in ("amod", "compound", "poss", "nummod")]
    if len(dets) != 1 or str(dets[0].lemma_).lower() != "the" or others:
        return None
    lemma = str(token.lemma_).lower()
    kinds = [kind for kind, words in _definite_heads().items() if lemma in words]
    if not kinds:
        return None
    for earlier in reversed(token.doc[token.sent.start : token.i]):
        if earlier.ent_type_ in kinds and earlier.pos_ == "PROPN" and earlier.dep_ != "compound":
            return mention(earlier)
    return None


_NAME_TYPES = frozenset({"ORG", "GPE", "NORP", "PERSON", "FAC", "LOC"})


def _is_proper(token: Any) -> bool:
    return (
        bool(token.pos_ == "PROPN" or token.ent_type_ in _NAME_TYPES) and token.text[:1].isupper()
    )


def proper_name(tokens: list[Any]) -> str:
    """A name not in the alias table, as lower-case words ("kestrel dynamics")."""
    return " ".join(str(tok.text).lower() for tok in tokens if tok.dep_ != "det")


DESCRIPTIONS = "claimgraph.descriptions"
"""Key of ``Doc.user_data`` holding the document's description map (see ``describe.describe_text``)."""


def _described(token: Any) -> str | None:
    """The named entity a common-noun description stands for, from the document's map."""
    table = token.doc.user_data.get(DESCRIPTIONS) if token.pos_ == "NOUN" else None
    if not table or any(
        c.dep_ == "det" and str(c.lemma_).lower() in _QUANTIFIERS for c in token.children
    ):
        return None  # "any armed group", "a rebel group": a kind, not the one named before
    words = [
        tok
        for tok in mention_tokens(token)
        if tok.dep_ not in ("det", "poss", "nummod", "case", "quantmod") and not tok.is_punct
    ]
    while words:
        key = desc_key(desc_words([str(tok.text) for tok in words]))
        if key in table:
            return str(table[key])
        if words[0].text[:1].isupper() or words[0].i == token.i:
            return None  # "the Vesk arms dealer": another named entity's description
        words = words[1:]
    return None


def normalise(text: str) -> str:
    """``text`` as the alias table matches it (lower case, words padded by spaces)."""
    return _norm(text)


def same_entity(a: str, b: str) -> bool:
    """Two names for one entity: equal, one's words within the other's ("kestrel" / "kestrel
    dynamics"), an acronym ("nlf" / "northern liberation front"), or a demonym ("valdorian" /
    "valdoria")."""
    if a in (GENERIC, PRONOUN) or b in (GENERIC, PRONOUN):
        return False
    if a == b:
        return True
    words_a = [w for w in a.split() if w not in _NAME_STOP]
    words_b = [w for w in b.split() if w not in _NAME_STOP]
    if not words_a or not words_b:
        return False
    if set(words_a) <= set(words_b) or set(words_b) <= set(words_a):
        return True
    for short, long in ((words_a, words_b), (words_b, words_a)):
        if len(short) == 1 and len(long) > 1 and short[0] == "".join(w[0] for w in long):
            return True
    return any(
        len(x) >= 5 and len(y) >= 5 and x[:5] == y[:5] and (x.startswith(y) or y.startswith(x))
        for x in words_a
        for y in words_b
    )


_NAME_STOP = frozenset({"the", "of", "and", "'s", "for"})
NAME_STOP = _NAME_STOP
"""Words that do not distinguish names ("the", "of")."""


def shares_entity(first: frozenset[str], second: frozenset[str]) -> bool:
    """Some name of ``first`` and some name of ``second`` denote the same entity."""
    return any(same_entity(a, b) for a in first for b in second)


def _conjuncts(token: Any) -> list[Any]:
    out = [token]
    for child in token.children:
        if child.dep_ == "conj":
            out.extend(_conjuncts(child))
    return out


def conjuncts(token: Any) -> list[Any]:
    """``token`` and the tokens conjoined to it ("Iran and Pakistan")."""
    return _conjuncts(token)


def _names(tokens: list[Any]) -> frozenset[str]:
    names: set[str] = set()
    for token in tokens:
        for conj in _conjuncts(token):
            if conj.pos_ in ("NOUN", "PROPN", "PRON", "ADJ", "NUM", "X"):
                names.add(mention(conj))
    return frozenset(names)


def _is_theme(token: Any) -> str | None:
    t = tables()
    for conj in _conjuncts(token):
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
    return [g for c in token.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]


def _agents(pred: Any, *, nominal: bool, object_control: frozenset[str]) -> list[Any]:
    if nominal:
        own = [c for c in pred.children if c.dep_ == "poss"]
        own += [
            c for c in pred.children if c.dep_ in ("amod", "compound") and canonical_name(c.text)
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
                elif not _is_theme(child):
                    out.append(child)
                else:
                    # "gave the Taliban rifles" misparsed as a compound of the theme
                    out.extend(
                        g
                        for g in child.children
                        if g.dep_ == "compound" and g.pos_ == "PROPN" and canonical_name(g.text)
                    )
            elif dep == "prep" and str(child.lemma_).lower() in t.recipient_preps:
                for g in child.children:
                    if g.dep_ == "pobj" and not _is_theme(g):
                        out.append(g)
            elif nominal and dep in ("compound", "amod") and child.pos_ == "PROPN":
                pass
    return out


_NOT_PARTIES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})


def _antecedents(tokens: list[Any], *, exclude: frozenset[str]) -> frozenset[str]:
    """Names the pronouns among ``tokens`` most likely stand for: the nearest earlier alias."""
    found: set[str] = set()
    for token in tokens:
        for conj in _conjuncts(token):
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
        if c.dep_ in ("amod", "compound", "poss") and (canonical_name(c.text) or _is_proper(c))
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


def readings(doc: Any, start: int = 0, end: int | None = None) -> list[Reading]:
    """Predicate readings whose head lies in characters ``[start, end)`` of the parsed ``doc``."""
    from claimgraph.stance.polarity import cue_sets

    object_control = cue_sets()["object_control"]
    stop = len(doc.text) if end is None else end
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
                n.i
                for c in token.children
                if c.dep_ in ("dobj", "nsubjpass")
                for n in _conjuncts(c)
            }
            recipient_tokens = [r for r in recipient_tokens if r.i not in themes]
        agents = _names(agent_tokens)
        pronouns = frozenset(
            str(c.text).lower()
            for a in agent_tokens
            for c in _conjuncts(a)
            if mention(c) == PRONOUN
        )
        recipients = _names(recipient_tokens) | kinds.other_kinds(recipient_tokens)
        recipient_pronouns = frozenset(
            str(c.text).lower()
            for r in recipient_tokens
            for c in _conjuncts(r)
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
