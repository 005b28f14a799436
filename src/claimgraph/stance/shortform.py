"""Denial and debunking in headline and tweet wording, which the parser reads badly:
"Tarvia slams rumours it arms Sorn Legion" (the verb tagged a noun), "X? Total hoax.",
"... isn't happening", "No evidence X did Y", "The X story is fake".

``debunked(pred, start, end)`` says whether the short text around the predicate token denies
it in one of these ways that ``polarity.polarity_of`` (a walk up the parse) cannot see. The
words are the judge's cue lexicon (``data/stance/cues.json``: deny verbs, falsity words,
evidence nouns and scarce quantifiers, ``unhappening_verbs``).
"""

from __future__ import annotations

from typing import Any

from claimgraph.stance.polarity import cue_sets, load_lexicon

_NEGATORS = frozenset({"not", "n't", "never", "no"})


def _lemma(token: Any) -> str:
    return str(token.lemma_).lower()


def _forms(text: str) -> set[str]:
    """Lemmas an inflected verb form may have ("slams", "denies", "dismisses", "rejected")."""
    word = text.lower()
    out = {word}
    if word.endswith("ies"):
        out.add(word[:-3] + "y")
    if word.endswith("es"):
        out.add(word[:-2])
    if word.endswith("s"):
        out.add(word[:-1])
    if word.endswith("ied"):
        out.add(word[:-3] + "y")
    if word.endswith("ed"):
        out |= {word[:-2], word[:-1]}
    return out


def _denial_word(token: Any) -> bool:
    cues = cue_sets()
    if token.pos_ in ("ADP", "DET", "PRON", "PUNCT"):
        return False
    particles = load_lexicon("cues").get("deny_particles", {})
    for form in _forms(str(token.text)) | {_lemma(token)}:
        if form in cues["deny"] and form not in particles:
            return True
    return False


def _misread(token: Any) -> bool:
    """A denial verb the parser took for another part of speech or hung off a noun."""
    if not _denial_word(token):
        return False
    return token.pos_ != "VERB" or token.dep_ in ("compound", "amod", "nsubj", "dep")


def _no_evidence(token: Any) -> bool:
    cues = cue_sets()
    return _lemma(token) in cues["evidence_nouns"] and any(
        c.dep_ in ("det", "amod", "neg", "nummod") and _lemma(c) in cues["scarce_quantifiers"]
        for c in token.children
    )


def _unhappening(token: Any) -> bool:
    """ "isn't happening", "never happened"."""
    verbs = cue_sets().get("unhappening_verbs", frozenset())
    return _lemma(token) in verbs and any(
        c.dep_ in ("neg", "advmod") and _lemma(c) in _NEGATORS for c in token.children
    )


def _debunk_sentence(sent: list[Any]) -> bool:
    """A sentence that only calls something false: "Total hoax.", "Fake news.", "Isn't
    happening.", "No evidence. Zero."."""
    cues = cue_sets()
    words = [t for t in sent if not t.is_punct and not str(t.text).startswith(("#", "@"))]
    if not words or len(words) > 6:
        return False
    return any(
        _lemma(t) in cues["falsity"] or str(t.text).lower() in cues["falsity"]
        for t in words
        if t.pos_ in ("NOUN", "ADJ", "PROPN", "VERB")
    ) or any(_unhappening(t) or _no_evidence(t) for t in words)


def debunked(pred: Any, start: int, end: int) -> bool:
    """The short text ``[start, end)`` around ``pred`` denies it in headline or tweet
    wording: a misparsed denial verb before it in its sentence ("X slams rumours it arms
    Y"), a "no evidence" or "isn't happening" over it, or a sentence of its own that only
    calls it false ("X arming Y? Total hoax.")."""
    doc = pred.doc
    ancestors = {a.i for a in pred.ancestors}
    sent = pred.sent
    for token in sent:
        if not start <= token.idx < end or token.i == pred.i:
            continue
        if token.i < pred.i and token.i not in ancestors and _misread(token):
            return True  # the parser reads the headline's verb as a noun
        if token.i in ancestors and (_unhappening(token) or _no_evidence(token)):
            return True  # "the offer isn't happening", "No evidence X hacked Y"
    return any(
        pred.i not in {t.i for t in part} and _debunk_sentence(part)
        for part in _parts(doc, start, end)
    )


def _parts(doc: Any, start: int, end: int) -> list[list[Any]]:
    """The tokens of ``[start, end)`` cut at sentence ends and question marks (the parser
    often keeps "X? Isn't happening." in one sentence)."""
    parts: list[list[Any]] = [[]]
    for token in doc:
        if not start <= token.idx < end:
            continue
        if token.is_sent_start and parts[-1]:
            parts.append([])
        parts[-1].append(token)
        if str(token.text) in ("?", "!", "."):
            parts.append([])
    return [p for p in parts if p]
