"""Who is speaking: resolve a source mention to an actor (names, roles, pronouns, descriptions).

No coreference model is available offline, so the rules run over the parse: "he" is the last
named person mentioned outside quotes; "the senior Taliban official" / "Putin's envoy" is the most
recent actor whose name, role or affiliation shares a descriptive word; an indefinite role noun
("an unnamed Taliban official", "sources") is an anonymous actor of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from claimgraph.analyze.actors import ActorRegistry, institution
from claimgraph.analyze.attr_lines import dateline_end
from claimgraph.analyze.attr_source import following_person, glued_start
from claimgraph.analyze.lexicon import lexicon
from claimgraph.analyze.source_names import NAMED_AS, pseudonym, titled_name

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

MALE_FEMALE = frozenset({"he", "she", "him", "her"})
PLURAL = frozenset({"they", "them"})
NEUTER = frozenset({"it"})
GROUP_ENTS = ("ORG", "GPE", "NORP")


@dataclass(frozen=True, slots=True)
class Resolved:
    """The actor a source mention refers to, with what the mention itself says about it."""

    actor_id: str | None
    role: str | None = None
    affiliation: str | None = None
    anonymous: bool = False


def _ent_of(tok: Token) -> SpacySpan | None:
    if not tok.ent_type_:
        return None
    for ent in tok.doc.ents:
        if ent.start <= tok.i < ent.end:
            return ent
    return None


def _np_tokens(root: Token) -> list[Token]:
    drop: set[int] = set()
    for t in root.children:
        if t.dep_ in ("relcl", "acl", "advcl") or (t.pos_ == "VERB" and t.i > root.i):
            drop |= {x.i for x in t.subtree}
        elif t.lower_ in ("quoting", "citing") and t.i < root.i:
            drop |= {x.i for x in t.subtree}  # "Quoting police sources" parsed as one phrase
    return [t for t in root.subtree if t.i not in drop]


def _affiliation(tokens: list[Token]) -> str | None:
    """The institution named in a role phrase ("a spokesman for the Afghan government")."""
    for t in tokens:
        if t.dep_ == "pobj" and t.head.lower_ in ("for", "of", "at", "with", "from"):
            phrase = [x for x in t.subtree if x.dep_ != "det" or x.i != t.left_edge.i]
            words = " ".join(x.text for x in phrase)
            known = institution(words)
            return known[0] if known else words
    for t in tokens:
        ent = _ent_of(t)
        if ent is not None and ent.label_ in GROUP_ENTS:
            known = institution(ent.text)
            return known[0] if known else ent.text
    return None


def _text(tokens: list[Token]) -> str:
    if not tokens:
        return ""
    tokens = sorted(tokens, key=lambda t: t.i)
    run = [tokens[0]]
    for t in tokens[1:]:  # up to the first gap (a dropped clause)
        if t.i != run[-1].i + 1:
            break
        run.append(t)
    tokens = run
    # a Span's text joins only its own tokens (Doc.text rebuilds the whole document)
    return tokens[0].doc[tokens[0].i : tokens[-1].i + 1].text.strip(" ,")


def _is_anonymous(np_text: str, root: Token) -> bool:
    low = " " + np_text.lower() + " "
    lex = lexicon()
    if any(f" {phrase} " in low or low.strip().startswith(phrase) for phrase in lex.anonymity):
        return True
    det = next((c for c in root.children if c.dep_ == "det"), None)
    return bool(
        root.lemma_.lower() in lex.roles
        and det is not None
        and det.lower_ in ("a", "an", "some", "several", "two", "three")
    )


def _anonymity_clause(root: Token) -> bool:
    """ "A mechanic, who spoke on condition of anonymity, said ...", "said the official, who
    declined to be named": a phrase of the source's sentence withholds its name."""
    phrases = lexicon().anonymity_clauses
    parts = [list(root.subtree)]
    if root.head is not root:  # "..., speaking on condition of anonymity," on the cue verb
        parts += [list(c.subtree) for c in root.head.children if c.tag_ == "VBG" and c is not root]
    for tokens in parts:
        low = " ".join(t.lower_ for t in tokens)
        if any(p in low for p in phrases):
            return True
    return False


def resolve(
    root: Token,
    registry: ActorRegistry,
    *,
    blocked: list[tuple[int, int]],
    previous: str | None,
    headline: bool = False,
) -> Resolved:
    """Resolve the source mention headed by ``root``.

    ``blocked`` are char ranges (quotes, the statement's own content) whose mentions do not count;
    ``previous`` is the id of the last statement's speaker; in a ``headline`` a bare role
    ("Taliban spokesman denies ...") is read as definite, the person the body names.
    """
    lex = lexicon()
    low = root.lower_
    register_mentions(root.sent, registry, blocked=blocked, before=root.left_edge.idx)
    if low in ("i", "me") and registry.author and not any(s <= root.idx < e for s, e in blocked):
        # "I" in the writer's own voice, outside quotes: the article's one author
        return Resolved(registry.add_person(registry.author, role="author"))
    if root.pos_ == "PRON" or low in MALE_FEMALE | PLURAL | NEUTER:
        antecedent = _clause_subject(root) if low in NEUTER | PLURAL else None
        if antecedent is not None:  # "The army displayed rifles it said were seized"
            return resolve(antecedent, registry, blocked=blocked, previous=previous)
        if low in MALE_FEMALE:
            gender = "m" if low in ("he", "him") else "f"
            target = _previous_subject(root, registry, gender)
            if target is None and previous is not None:
                # "Sofia Trell said ... against Alderholm. '...,' she said": the last speaker,
                # before a name that only appeared in what was said
                last_speaker = registry.get(previous)
                if (
                    last_speaker.kind in ("person", "anonymous")
                    and not last_speaker.plural
                    and last_speaker.gender in (None, gender)
                ):
                    target = registry.resolve_id(previous)
            if target is None:
                target = registry.last(("person", "anonymous"), gender=gender, singular=True)
            if previous and registry.get(previous).kind == "person" and target is None:
                target = previous
        elif low in PLURAL:
            target = registry.last(("org", "gpe", "anonymous"))
        elif low in NEUTER:
            target = registry.last(("org", "gpe"))
        else:
            target = None
        if target is not None:
            return Resolved(registry.resolve_id(target), anonymous=registry.get(target).anonymous)
        return Resolved(None)
    tokens = _np_tokens(root)
    dl = dateline_end(root.doc.text, root.idx)
    if dl is not None:  # "LUZAN (Agency) - Morvania": the dateline is not part of the name
        tokens = [t for t in tokens if t.idx >= dl] or [root]
    cut = glued_start(root)
    if cut is not None:
        tokens = [t for t in tokens if t.i >= cut] or [root]
    np_text = _text(tokens)
    # a person named in the phrase: the head itself, or an appositive ("a spokesman, Sediq Sediqi")
    person = None
    ent = _ent_of(root)
    if ent is not None and ent.label_ == "PERSON":
        person = ent
    else:
        for t in tokens:
            e = _ent_of(t)
            if (
                e is not None
                and e.label_ == "PERSON"
                and (t.dep_ in ("appos", "compound") or t.head is root)
            ):
                person = e
                break
    if person is None and root.lemma_.lower() in lex.roles:
        person = _appositive_name(root)
    if person is None:
        person = following_person(root)
        if person is not None:  # "the representative of X (...) Name": the role comes first
            tokens = tokens + [t for t in person if t not in tokens]
    if person is not None:
        person_is_root = person.start <= root.i < person.end
        role_tokens = [t for t in tokens if t.i < person.start or t.i >= person.end]
        role_tokens = [t for t in role_tokens if not t.is_punct or t.text in ("’s", "'s")]
        appos = [c for c in root.children if c.dep_ == "appos" and c.i >= person.end]
        if appos:
            role_tokens = [t for a in appos for t in a.subtree]
        else:
            role_tokens = [t for t in role_tokens if t.i < person.start]
        role_text = _text(role_tokens) or None
        if role_text and not any(
            t.lemma_.lower() in lex.roles or t.pos_ == "NOUN" for t in role_tokens
        ):
            role_text = None
        affiliation = _affiliation(role_tokens) if role_tokens else None
        honorific = root.doc[person.start - 1] if person.start > 0 else None
        name_text = person.text
        if honorific is not None and honorific.lower_.rstrip(".") in ("mr", "mrs", "ms", "miss"):
            name_text = f"{honorific.text} {person.text}"  # "Mrs. Voss" is not "Mr. Voss"
        actor_id = registry.add_person(name_text, role=role_text, affiliation=affiliation)
        if not person_is_root and _definite(root) and root.lemma_.lower() in lex.roles:
            # "A former nurse told the paper ..." then "The nurse, Pieter Holm, said": named
            earlier = registry.last_anonymous(root.lemma_.lower())
            if earlier is not None:
                registry.identify(earlier, actor_id)
        return Resolved(actor_id, role=role_text, affiliation=affiliation)
    if root.pos_ == "PROPN" and not root.is_lower:
        # a capitalised name the tagger did not call a person: a person if it matches one we know
        for actor_id in reversed(registry.order):
            entry = registry.get(actor_id)
            if entry.kind == "person" and root.text.lower() in entry.name.lower().split():
                registry.add_alias(actor_id, np_text)
                return Resolved(registry.resolve_id(actor_id))
    start = ent.start_char if ent is not None else root.left_edge.idx
    if root.pos_ == "PROPN" and NAMED_AS.search(root.doc.text[max(0, start - 60) : start]):
        # "an analyst who tweets as Grey Lantern said": a pseudonym, a person's name
        return Resolved(registry.add_person(ent.text if ent is not None else np_text))
    if (ent is not None and ent.label_ in GROUP_ENTS + ("FAC",)) or (
        root.pos_ == "PROPN" and not root.is_lower
    ):
        name = np_text if ent is None else _group_name(root, tokens, ent)
        kind = "gpe" if ent is not None and ent.label_ == "GPE" else "org"
        if kind == "org" and _person_elsewhere(root, name):
            return Resolved(registry.add_person(name))
        return Resolved(registry.add_group(name, kind))
    goes_by = pseudonym(root)
    if goes_by is not None:  # "an expert who posts as Ironsight": the name he goes by
        return Resolved(registry.add_person(goes_by, role=np_text))
    if root.lemma_.lower() in lex.writings:
        # "a statement from the Defense Ministry", "the Front's statement": its author speaks
        for poss in root.children:
            if poss.dep_ == "poss" and poss.pos_ in ("PROPN", "NOUN"):
                return resolve(poss, registry, blocked=blocked, previous=previous)
        for prep in root.children:
            if prep.dep_ == "prep" and prep.lower_ in ("from", "by", "of"):
                pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    return resolve(pobj, registry, blocked=blocked, previous=previous)
    if root.lemma_.lower() in lex.writings and previous is not None:
        # "the tweet stated", "another tweet said": the author last quoted
        return Resolved(registry.resolve_id(previous), anonymous=registry.get(previous).anonymous)
    words = {t.lower_.replace("’s", "").replace("'s", "") for t in tokens if not t.is_punct}
    is_role = root.lemma_.lower() in lex.roles or any(
        t.lemma_.lower() in lex.roles for t in tokens if t.head is root
    )
    definite = any(
        c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that") for c in root.children
    ) or any(c.dep_ == "poss" for c in root.children)
    plural = root.tag_ in ("NNS", "NNPS")  # "US officials suggest ...": no one person
    if is_role and (definite or (headline and not plural)):
        target = (
            _headline_person(registry, words, root.lemma_.lower())
            if headline
            else registry.find_by_description(words, person=True)
        )
        if target is not None:
            registry.add_alias(target, np_text)
            return Resolved(registry.resolve_id(target), anonymous=registry.get(target).anonymous)
    withheld = root.pos_ != "PRON" and _anonymity_clause(root)
    if is_role or withheld or _is_anonymous(np_text, root):
        affiliation = _affiliation(tokens)
        anonymous = withheld or _is_anonymous(np_text, root) or not definite
        if anonymous:
            actor_id = registry.add_anonymous(
                np_text,
                role=root.lemma_.lower(),
                affiliation=affiliation,
                at=root.idx,
                plural=root.tag_ in ("NNS", "NNPS"),
            )
            return Resolved(actor_id, role=np_text, affiliation=affiliation, anonymous=True)
        return Resolved(
            registry.add_group(np_text, "unknown"), role=np_text, affiliation=affiliation
        )
    known = institution(np_text)
    if known is not None:
        return Resolved(registry.add_group(np_text, known[1]))
    earlier = _kind_noun(root, tokens, registry)
    if earlier is not None:  # "Aldwick Pulp rejected ... 'We ...,' the company said"
        return Resolved(earlier)
    if root.lemma_.lower() in lex.institutions:
        name = _group_name(root, tokens, None)
        return Resolved(registry.add_group(name, "org"))
    if definite and not plural and root.pos_ == "NOUN":
        # "the epidemiologist": a person the text described so ("Mira Aalto, an epidemiologist")
        target = registry.find_by_head(root.lemma_.lower())
        if target is not None:
            registry.add_alias(target, np_text)
            return Resolved(registry.resolve_id(target))
    return Resolved(None)


def _clause_subject(pron: Token) -> Token | None:
    """The institution heading the main clause a pronoun sits in, left of it and agreeing in
    number ("The Morvanian army displayed rifles it said were seized" -> the army)."""
    head = pron.head
    subj: Token | None = None
    for _ in range(6):  # up from the pronoun's own verb to a clause with a subject before it
        if head.head.i == head.i:
            break
        head = head.head
        subj = next((c for c in head.children if c.dep_ == "nsubj" and c.i < pron.i), None)
        if subj is not None:
            break
    if subj is None or subj.pos_ not in ("NOUN", "PROPN"):
        return None
    plural = subj.tag_ in ("NNS", "NNPS")
    if plural != (pron.lower_ in PLURAL):
        return None
    lex = lexicon()
    group = (_ent_of(subj) is not None and subj.ent_type_ in ("ORG", "GPE")) or (
        subj.lemma_.lower() in lex.institutions
    )
    return subj if group else None


def _headline_person(registry: ActorRegistry, words: set[str], role: str) -> str | None:
    """The person a headline's bare role stands for: the first one described by every word of
    the headline's phrase ("Valdorian minister" -> a minister of Valdoria)."""
    wanted = {w for w in words if len(w) > 2 and w not in ("the", "top", "senior")}

    def matches(w: str, have: set[str]) -> bool:
        return any(
            w == h or (min(len(w), len(h)) >= 5 and (w.startswith(h) or h.startswith(w)))
            for h in have
        )

    for actor_id in registry.order:
        entry = registry.get(actor_id)
        if entry.kind not in ("person", "anonymous") or role not in entry.words:
            continue
        if all(matches(w, entry.words) for w in wanted):
            return registry.resolve_id(actor_id)
    return None


def _group_name(root: Token, tokens: list[Token], ent: SpacySpan | None) -> str:
    """ "Russia's Foreign Ministry" stays whole; "the Kremlin" -> "Kremlin"; appositions dropped."""
    drop: set[int] = set()
    for child in root.children:
        if child.dep_ in ("appos", "prep", "punct", "cc", "conj") and child.i > root.i:
            if child.dep_ == "prep" and child.lower_ == "of":
                continue
            drop |= {t.i for t in child.subtree}
    kept = [t for t in tokens if t.i not in drop]
    comma = next((t.i for t in kept if t.i > root.i and t.text in (",", "(", "—", "–")), None)
    if comma is not None:  # "sets of Taliban, one in the north and another in the west"
        kept = [t for t in kept if t.i < comma]
    while kept and (kept[0].dep_ == "det" or kept[0].is_punct):
        kept = kept[1:]
    while kept and kept[-1].is_punct:
        kept = kept[:-1]
    return _text(kept) or (ent.text if ent is not None else root.text)


def _person_elsewhere(root: Token, name: str) -> bool:
    """ "'...,' Tobias Renk said" tagged a group, and "Renk" a person elsewhere in the text:
    a full name whose surname the document uses for a person is a person."""
    words = name.split()
    if not 2 <= len(words) <= 3 or any(not w[:1].isupper() for w in words):
        return False
    lex = lexicon()
    if institution(name) is not None or any(w.lower() in lex.institutions for w in words):
        return False
    if words[0].lower() in lex.gender:
        return True
    return any(
        ent.label_ == "PERSON" and ent.text.split()[-1] == words[-1] for ent in root.doc.ents
    )


_PUBLIC_KINDS = ("ministry", "regulator", "agency", "police", "council", "court", "union")


def _kind_noun(root: Token, tokens: list[Token], registry: ActorRegistry) -> str | None:
    """The organisation "the company" / "the ministry" stands for: the most recent one of
    that kind named as a source (a company: any organisation that is no public body or
    medium; a ministry: one with "ministry" in its name)."""
    lex = lexicon()
    noun = root.lemma_.lower()
    kind = lex.org_nouns.get(noun)
    if kind is None or kind == "medium" or root.tag_ != "NN" or not _definite(root):
        return None
    if any(
        t.i != root.i and t.dep_ != "det" and not t.is_punct and t.lower_ != "itself"
        for t in tokens
    ):
        return None  # "the state oil company": a description of its own
    synonyms = {n for n, k in lex.org_nouns.items() if k == kind} | {kind, noun}

    def fits(name: str) -> bool:
        words = {w.lower() for w in name.replace("’", "'").split()}
        if name.lower() in lex.media or any(lex.org_nouns.get(w) == "medium" for w in words):
            return False
        if words & synonyms:
            return True
        return kind == "firm" and not words & set(_PUBLIC_KINDS) and not words & lex.institutions

    for actor_id in reversed(registry.order):
        entry = registry.get(actor_id)
        if entry.kind == "org" and fits(entry.name):
            return registry.resolve_id(actor_id)
    # none has spoken yet: the last organisation of that kind the text named
    for ent in reversed([e for e in root.doc.ents if e.end_char <= root.idx]):
        if ent.root.dep_ == "compound" or ent.root.head.pos_ == "PROPN":
            continue  # part of a longer name ("the Vossberg Ledger")
        if ent.label_ == "ORG" and fits(ent.text) and _text(list(ent)) == ent.text:
            name_tokens = [t for t in ent if t.dep_ != "case" and t.tag_ != "POS"]
            return registry.add_group(_group_name(ent.root, name_tokens, ent), "org")
    return None


def _definite(root: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in root.children)


def _appositive_name(root: Token) -> SpacySpan | None:
    """ "Dravenna's coach, Milo Brant, said": a capitalised name in apposition to a role noun
    is a person even when the tagger called it something else."""
    for c in root.children:
        if c.dep_ != "appos" or c.pos_ != "PROPN" or c.i < root.i:
            continue
        words = [t for t in c.subtree if t.dep_ == "compound" and t.i < c.i] + [c]
        if len(words) < 2 or any(not t.text[:1].isupper() or t.pos_ != "PROPN" for t in words):
            continue
        if any(t.ent_type_ in ("GPE", "NORP", "LOC", "DATE") for t in words):
            continue
        start = min(t.i for t in words)
        if words[-1].i - start + 1 != len(words):
            continue
        name = root.doc[start : c.i + 1]
        if institution(name.text) is not None:
            continue
        return name
    return None


def _previous_subject(pron: Token, registry: ActorRegistry, gender: str) -> str | None:
    """ "Kovar broke his silence on Thursday. 'I never took a bribe,' he wrote.": a pronoun
    at the start of its clause refers to the person subject of the previous sentence of the
    same paragraph, before any person named in an earlier paragraph."""
    doc = pron.doc
    sent = pron.sent
    if sent.start == 0:
        return None
    prev = doc[sent.start - 1].sent
    between = doc.text[prev.end_char : sent.start_char]
    if "\n" in between:
        return None  # a new paragraph
    if any(t.ent_type_ == "PERSON" for t in sent if t.i < pron.i and t.text not in ('"', "“")):
        return None  # a person named closer, in the pronoun's own sentence
    subj = next((t for t in prev if t.dep_ == "nsubj" and t.head.dep_ == "ROOT"), None)
    if subj is None or subj.pos_ != "PROPN":
        return None
    name = _person_name(subj)
    if name is None:
        return None
    last = name.split()[-1].lower()
    for actor_id in reversed(registry.order):
        entry = registry.get(actor_id)
        names = {entry.name.lower(), *(a.lower() for a in entry.aliases)}
        if not any(last in n.split() for n in names):
            continue
        if entry.kind != "person" or entry.gender not in (None, gender):
            return None  # a group of that name: "he" is someone else
        return registry.resolve_id(actor_id)
    # a subject the tagger did not call a person ("Kovar himself broke his silence"); "he"
    # names a person, so it is one unless it is a known institution
    if institution(name) is not None or subj.lemma_.lower() in lexicon().institutions:
        return None
    return registry.add_person(name)


def _person_name(subj: Token) -> str | None:
    """The name heading a subject ("Tomas Kovar"), or None for a place, group or nationality."""
    ent = _ent_of(subj)
    if ent is not None and ent.label_ in ("GPE", "NORP", "LOC", "FAC", "DATE", "TIME"):
        return None
    if ent is not None and ent.label_ == "PERSON":
        return ent.text
    if ent is not None and len(ent) > 1:
        return None  # "Brenmark Construction": a multi-word name the tagger saw as a group
    words = [t for t in subj.subtree if t.dep_ == "compound" and t.i < subj.i] + [subj]
    if any(not t.text[:1].isupper() for t in words):
        return None
    return " ".join(t.text for t in words)


def register_mentions(
    sent: SpacySpan,
    registry: ActorRegistry,
    *,
    blocked: list[tuple[int, int]],
    before: int | None = None,
) -> None:
    """Record the people named in a sentence (outside quotes) so pronouns can find them, and
    unnamed people it introduces ("spoke to a former data manager")."""
    _register_descriptions(sent, registry, blocked=blocked, before=before)
    for ent in sent.ents:
        if before is not None and ent.start_char >= before:
            continue
        if any(s <= ent.start_char < e for s, e in blocked):
            continue
        if ent.label_ == "PERSON" and ent.root.dep_ != "poss":
            role = None
            for c in ent.root.children:
                if c.dep_ == "appos":
                    role = _text(list(c.subtree))
            registry.add_person(
                titled_name(ent),
                role=role,
                affiliation=_affiliation(list(ent.root.subtree)) if role else None,
            )


def _register_descriptions(
    sent: SpacySpan,
    registry: ActorRegistry,
    *,
    blocked: list[tuple[int, int]],
    before: int | None,
) -> None:
    """ "The paper spoke to a former lab technician ...": one unnamed person, an actor a
    later "she" can point to (anonymous unless the text names them)."""
    roles = lexicon().roles
    for tok in sent:
        if before is not None and tok.idx >= before:
            break
        if tok.pos_ != "NOUN" or tok.tag_ != "NN" or tok.lemma_.lower() not in roles:
            continue
        if any(s <= tok.idx < e for s, e in blocked):
            continue
        det = next((c for c in tok.children if c.dep_ == "det"), None)
        if det is None or det.lower_ not in ("a", "an"):
            continue
        if tok.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj", "attr"):
            continue
        if any(t.ent_type_ == "PERSON" for t in tok.subtree):
            continue  # "a spokeswoman, Runa Tamm": the name is registered
        tokens = _np_tokens(tok)
        registry.add_anonymous(
            _text(tokens), role=tok.lemma_.lower(), affiliation=_affiliation(tokens), at=tok.idx
        )
