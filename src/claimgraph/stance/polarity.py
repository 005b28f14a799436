"""Compositional polarity: what the sentence around a predicate does to it.

Walking from a predicate up the dependency tree to the sentence root, each node can flip,
hedge or neutralise what is said: a denial cue ("denied providing"), a negation ("has not
participated"), a negated denial ("does not refute reports that"), a refusal ("refused to
comment"), a hedge ("may be providing", "suggest"), a conditional or hypothetical ("if this
is confirmed", "any weapons funnelled here would be"), a question, or a report for the
writer ("reports say"). The words come from ``data/stance/cues.json``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from claimgraph.analyze.lexicon import cue_polarity, lexicon
from claimgraph.errors import ClaimgraphError, ModelError
from claimgraph.resources import load_data


@functools.lru_cache(maxsize=8)
def load_lexicon(name: str) -> dict[str, Any]:
    """The packaged stance lexicon ``data/stance/<name>.json``."""
    try:
        data = load_data(f"stance/{name}.json")
    except ClaimgraphError as e:
        raise ModelError(f"cannot read stance lexicon {name}.json: {e}") from e
    if not isinstance(data, dict):
        raise ModelError(f"stance lexicon {name}.json is not a JSON object")
    return data


@functools.lru_cache(maxsize=1)
def cue_sets() -> dict[str, frozenset[str]]:
    """Every list of ``cues.json`` as a frozen set of lower-case lemmas, and ``deny``: the
    attribution lexicon's denial cues (``analyze.lexicon.cue_polarity``) with the judge's
    ``deny_beyond_speech`` verbs ("slam", "scoff")."""
    data = load_lexicon("cues")
    out = {key: frozenset(v) for key, v in data.items() if isinstance(v, list)}
    speech = frozenset(c for c in lexicon().cue_class if cue_polarity(c) == "deny")
    out["deny"] = speech | out.get("deny_beyond_speech", frozenset())
    return out


def _particles() -> dict[str, list[str]]:
    value = load_lexicon("cues").get("deny_particles", {})
    return value if isinstance(value, dict) else {}


_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass"})


@dataclass(frozen=True, slots=True)
class Polarity:
    """What the context does to a predicate."""

    sign: int
    """+1 asserted, -1 denied or negated, 0 not taken a position on (see ``neutral``)."""
    hedged: bool = False
    """Hedged ("may", "reportedly", "suggest") or a negated denial ("does not refute")."""
    neutral: str | None = None
    """Why the statement takes no side: refusal, question, conditional, hypothetical, reported."""
    negated_denial: bool = False
    """A denial cue that is itself negated or refused ("would not dispute")."""
    cue: Any = None
    """The highest cue token passed on the way up (spaCy Token), for evidence and speaker."""


def _lemma(token: Any) -> str:
    return str(token.lemma_).lower()


def _cue_words(cues: dict[str, frozenset[str]]) -> frozenset[str]:
    return (
        cues["assert"]
        | cues["deny"]
        | cues["hedge_verbs"]
        | cues["evidential_verbs"]
        | cues["question_cues"]
        | cues["refuse"]
    )


def _has_neg(token: Any, cues: dict[str, frozenset[str]]) -> bool:
    for child in token.children:
        if child.dep_ == "neg":
            return True
        if (
            child.dep_ == "prep"
            and child.i < token.i
            and any(g.dep_ == "neg" for g in child.children)
        ):
            return True  # "does not by itself show": the parser hangs "not" on "by"
        if (
            token.pos_ == "NOUN"
            and child.dep_ == "det"
            and _lemma(child) in cues["negating_determiners"]
        ):
            return True  # "no plans to organise a meeting"
        if child.dep_ in ("advmod", "npadvmod") and _lemma(child) in ("never", "no"):
            return True
        if child.dep_ == "advmod" and any(
            g.dep_ == "neg" and _lemma(g) == "no" for g in child.children
        ):
            return True  # "no longer denies": the "no" hangs under "longer"
    return False


def _is_deny(token: Any, cues: dict[str, frozenset[str]]) -> bool:
    lemma = _lemma(token)
    if token.pos_ in ("VERB", "AUX") and lemma in cues["deny"]:
        needs = _particles().get(lemma)
        if needs:
            return any(c.dep_ == "prt" and _lemma(c) in needs for c in token.children)
        return True
    return token.pos_ == "NOUN" and lemma in cues["deny_nouns"]


def _falsity_child(token: Any, cues: dict[str, frozenset[str]]) -> bool:
    """``token`` is predicated false: "reports ... are false", "dismissed ... as absolutely false"."""
    for child in token.children:
        if child.dep_ in ("acomp", "attr", "oprd") and _lemma(child) in cues["falsity"]:
            return True
        if (
            child.dep_ == "prep"
            and _lemma(child) == "as"
            and any(_lemma(g) in cues["falsity"] for g in child.subtree if g.i != child.i)
        ):
            return True
    return False


def _conditional(token: Any, cues: dict[str, frozenset[str]]) -> bool:
    """An "if"/"whether"/"unless" clause, or a main clause governed by one."""
    for child in token.children:
        if child.dep_ == "mark" and _lemma(child) in cues["conditional_marks"]:
            return True
        if (
            child.dep_ == "advcl"
            and any(g.dep_ == "mark" and _lemma(g) in ("if", "unless") for g in child.children)
            and any(
                g.dep_ == "aux" and _lemma(g) in cues["hypothetical_modals"] for g in token.children
            )
        ):
            return True
    return False


def _neither_nor(token: Any) -> bool:
    heads = [token, token.head] if token.dep_ == "conj" else [token]
    return any(c.dep_ == "preconj" and _lemma(c) == "neither" for h in heads for c in h.children)


def _inverted_conditional(token: Any, cues: dict[str, frozenset[str]]) -> bool:
    """ "Should Russia begin ...", "Had Moscow armed ...": an auxiliary before the subject."""
    subject = next((c for c in token.children if c.dep_ in _SUBJECT_DEPS), None)
    if subject is None or token.dep_ == "ROOT" or token.sent.text.rstrip().endswith("?"):
        return False
    return any(
        c.dep_ in ("aux", "auxpass") and _lemma(c) in cues["inversion_aux"] and c.i < subject.i
        for c in token.children
    )


def _labelled_false(token: Any, prev: Any, cues: dict[str, frozenset[str]]) -> bool:
    """A labelling verb whose object is called false ("called the reports a fabrication")."""
    if _lemma(token) not in cues["labelling_verbs"] or prev is None or prev.dep_ != "dobj":
        return False
    complements = [c for c in token.children if c.i != prev.i]
    complements += [c for c in prev.subtree if c.dep_ in ("npadvmod", "oprd", "attr")]
    return any(
        c.dep_ in ("oprd", "attr", "npadvmod", "dobj", "acomp", "xcomp", "ccomp")
        and _lemma(c) in cues["falsity"]
        for c in complements
    )


def _failed_to_do(node: Any, xcomp: Any, cues: dict[str, frozenset[str]]) -> bool:
    """ "failed to report the cases" (a negation), not "failed to respond" (a refusal)."""
    if xcomp is None or _lemma(node) not in cues.get("failure_verbs", frozenset()):
        return False
    if _is_deny(xcomp, cues):
        return False
    has_object = any(c.dep_ in ("dobj", "ccomp") for c in xcomp.children)
    return _lemma(xcomp) not in cues["no_comment"] or has_object


def polarity_of(pred: Any, *, stop: Any = None) -> Polarity:
    """Polarity of the predicate token ``pred`` given everything above it in its sentence.

    ``stop``: a token above which nothing is looked at (None: the sentence root).
    """
    cues = cue_sets()
    sign = 1
    hedged = False
    neutral: str | None = None
    negated_denial = False
    cue = None
    prev = None
    node = pred
    called_false_at: set[int] = set()  # copulas whose falsity already flipped the sign
    sentence = pred.sent
    if sentence.text.rstrip().endswith("?"):
        neutral = "question"
    while True:
        if (
            prev is not None
            and prev.dep_ in ("relcl", "acl")
            and (
                _lemma(node) in cues["generic_pronouns"]
                or any(c.dep_ == "det" and _lemma(c) in ("any", "every") for c in node.children)
            )
        ):
            neutral = neutral or "generic"  # "anyone who arms belligerents ...", "any weapons sent"
        if _neither_nor(node):
            neutral = neutral or "refusal"  # "would neither confirm nor deny"
        if _inverted_conditional(node, cues):
            neutral = neutral or "conditional"  # "Should Russia begin arming ..."
        labelled = _labelled_false(node, prev, cues) or (
            node.i != pred.i and _report_noun_read_as_verb(node, cues, called_false_at)
        )
        if labelled:
            sign = -sign  # "called the reports that Moscow arms the Taliban a fabrication"
        via_conj = prev is not None and prev.dep_ == "conj"
        # what a clause says of its subject does not negate the subject's content:
        # "the supply of weapons will not contribute to stability" (only "... is false" does)
        via_subject = prev is not None and prev.dep_ in _SUBJECT_DEPS
        if via_subject:
            if any(
                c.dep_ == "aux" and _lemma(c) in cues["hypothetical_modals"] for c in node.children
            ):
                neutral = neutral or "hypothetical"
            if _falsity_child(node, cues) and not _is_deny(node, cues):
                sign = -sign
                called_false_at.add(node.i)
        elif not via_conj:
            lemma = _lemma(node)
            negs = _has_neg(node, cues)
            if negs and prev is not None and prev.dep_ in ("ccomp", "parataxis"):
                # only a cue's negation reaches into its clause ("does not believe that ..."):
                # "does not arm rebels, ... and no company has sold" is two claims
                negs = lemma in _cue_words(cues)
            deny = node.i != pred.i and _is_deny(node, cues)
            if node.i == pred.i and any(
                c.dep_ in ("dobj", "pobj", "nsubjpass", "attr", "nsubj")
                and any(
                    g.dep_ == "det" and _lemma(g) in cues["negating_determiners"]
                    for g in c.children
                )
                for c in node.children
            ):
                sign = -sign  # "provided no weapons"
            if negs and lemma in cues["evidential_verbs"] and node.pos_ in ("VERB", "AUX"):
                # "does not show / cannot confirm that ...": nothing shown either way
                neutral = neutral or "unproven"
            elif negs:
                sign = -sign
            if deny:
                sign = -sign
                cue = node
                if negs:
                    negated_denial = True
            elif node.i != pred.i and lemma in cues["refuse"] and node.pos_ in ("VERB", "AUX"):
                xcomp = next((c for c in node.children if c.dep_ == "xcomp"), None)
                if _failed_to_do(node, xcomp, cues):
                    sign = -sign  # "failed to report seven cases": they were not reported
                elif xcomp is not None and _is_deny(xcomp, cues):
                    sign = -sign
                    negated_denial = True
                else:
                    neutral = neutral or "refusal"
                cue = node
            elif node.i != pred.i and node.pos_ == "VERB" and lemma in cues["hedge_verbs"]:
                hedged = True
                cue = node
            elif node.i != pred.i and node.pos_ == "VERB" and lemma in cues["question_cues"]:
                neutral = neutral or "question"
                cue = node
            elif node.i != pred.i and node.pos_ in ("VERB", "AUX") and lemma in cues["assert"]:
                cue = node
            if _conditional(node, cues):
                neutral = neutral or "conditional"
            for child in node.children:
                if (
                    child.dep_ == "aux"
                    and _lemma(child) in cues["hedge_modals"]
                    or child.dep_ == "advmod"
                    and _lemma(child) in cues["hedge_adverbs"]
                    or child.dep_ == "amod"
                    and _lemma(child) in cues["hedge_adjectives"]
                ):
                    hedged = True
            if (
                prev is not None
                and prev.dep_ == "dobj"
                and not deny
                and not labelled  # "called the allegations baseless": flipped once above
                and _falsity_child(node, cues)
            ):
                sign = -sign
        if (stop is not None and node.i == stop.i) or node.head.i == node.i or node.dep_ == "ROOT":
            break
        prev, node = node, node.head
    if cue is not None and neutral is None and _lemma(cue) in cues["assert"]:
        subject = next((c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if (
            subject is not None
            and _lemma(subject) in cues["report_nouns"]
            and subject.pos_ == "NOUN"
            and (subject.tag_ == "NNS" or _lemma(subject) in ("media", "rumor", "rumour"))
        ):
            neutral = "reported"  # "reports say": the writer only reports (a named report speaks)
    if neutral is not None:
        return Polarity(0, hedged, neutral, negated_denial, cue)
    return Polarity(sign, hedged or negated_denial, None, negated_denial, cue)


def scarce_evidence(doc: Any, start: int, end: int) -> bool:
    """``doc.text[start:end]`` says there is little or no evidence ("little evidence to link")."""
    cues = cue_sets()
    for token in doc:
        if not (start <= token.idx < end and _lemma(token) in cues["evidence_nouns"]):
            continue
        if any(
            c.dep_ in ("amod", "det", "neg") and _lemma(c) in cues["scarce_quantifiers"]
            for c in token.children
        ):
            return True
    return False


def refuses_comment(doc: Any, start: int, end: int) -> bool:
    """A refusal in other words: "did not respond to a request for comment", "no further
    comment", "I am not going to comment on ..."."""
    cues = cue_sets()
    for token in doc:
        if not start <= token.idx < end or _lemma(token) not in cues["no_comment"]:
            continue
        if token.pos_ == "NOUN" and any(
            c.dep_ == "det" and _lemma(c) in cues["negating_determiners"] for c in token.children
        ):
            return True
        chain = [token, *list(token.ancestors)[:3]]
        if any(_has_neg(node, cues) or _lemma(node) in cues["refuse"] for node in chain):
            return True
    return False


def denies_itself(root: Any) -> bool:
    """The text's own main verb is a denial ("dismissed the claims", "not denying reports"),
    or a pseudo-cleft of one ("What we reject is any suggestion that ...")."""
    cues = cue_sets()
    if _is_deny(root, cues):
        return True
    return any(c.dep_ == "csubj" and _is_deny(c, cues) for c in root.children)


def called_false(root: Any) -> bool:
    """The text's main clause calls its subject false ("These allegations are false")."""
    cues = cue_sets()
    return _falsity_child(root, cues) and not _is_deny(root, cues)


def story_labelled_false(root: Any) -> bool:
    """The text is the false label a speaker gives a report: in 'called the report "a fantasy
    built on blurry photographs"' the quoted label is the content."""
    cues = cue_sets()
    head = root.head
    if _lemma(root) not in cues["falsity"] or head.i == root.i:
        return False
    if root.dep_ == "appos" and head.dep_ == "dobj":  # parsed as the report's apposition
        return _lemma(head) in cues["report_nouns"] and (
            _lemma(head.head) in cues["labelling_verbs"]
        )
    if root.dep_ not in ("oprd", "attr", "npadvmod", "dobj", "xcomp", "ccomp"):
        return False
    objects = [c for c in head.children if c.dep_ == "dobj" and c.i != root.i]
    objects += [g for c in objects for g in c.children]  # "called the SeaTrace report ..."
    return _lemma(head) in cues["labelling_verbs"] and any(
        _lemma(c) in cues["report_nouns"] for c in objects
    )


def claims_called_false(doc: Any, start: int, end: int) -> bool:
    """The text calls the claims false: "its position that the claims were baseless"."""
    cues = cue_sets()
    for token in doc:
        if not start <= token.idx < end or not _falsity_child(token, cues):
            continue
        subject = next((c for c in token.children if c.dep_ in _SUBJECT_DEPS), None)
        if subject is not None and _lemma(subject) in cues["report_nouns"]:
            return True
    return False


def _report_noun_read_as_verb(
    token: Any, cues: dict[str, frozenset[str]], flipped: frozenset[int] | set[int] = frozenset()
) -> bool:
    """ "said claims that X are absolutely false": the parser reads the report noun as a verb
    with no subject of its own, and its "that" clause ends in a copula calling it false.
    ``flipped``: copulas whose falsity the walk up from the predicate already counted (the
    predicate is the copula's clausal subject: "claims that Moscow arms ... are false")."""
    if token.pos_ != "VERB" or _lemma(token) not in cues["report_nouns"]:
        return False
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if following is None or following.lower_ != "that":
        return False
    if any(c.dep_ in _SUBJECT_DEPS for c in token.children):
        return False  # "the ministry claims that ...": a verb indeed
    # the copula hangs under the report noun, or beside it when the parser gave it the noun's
    # head ("said [claims that it ships tanks] [are absolutely false]", the copula subjectless)
    beside = [
        c
        for c in token.head.children
        if c.i > token.i
        and c.dep_ in ("ccomp", "conj", "parataxis")
        and _lemma(c) == "be"
        and not any(g.dep_ in _SUBJECT_DEPS for g in c.children)
    ]
    scope = [*token.subtree, *(t for c in beside for t in c.subtree)]
    return any(
        t.dep_ in ("acomp", "attr")
        and _lemma(t) in cues["falsity"]
        and _lemma(t.head) == "be"
        and t.head.i not in flipped
        and not _has_neg(t.head, cues)
        for t in scope
        if t.i > token.i
    )
