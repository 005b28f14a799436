"""What the sentence-pair model reads of a (claim, text) pair besides its token vectors.

- ``focus``: the part of a long text the model reads (the sentences sharing most content
  words with the claim, in text order, at most FOCUS_SENTENCES); short texts are read whole.
  Training and inference use the same function, so the model learns on the shape it sees.
- ``lexical``: cheap features of the pair (LEXICAL_NAMES): coverage of the claim's content
  words, negation and denial words of the text the claim lacks, hedges, number and name
  mismatches, length. The word lists are those of the article model
  (``data/fnc_lexicon.json``, read through ``claimgraph.stance.fnc_text``).
"""

from __future__ import annotations

import math
import re

import numpy as np

from claimgraph.stance.fnc_text import content_stems, lexicon, negations, split_sentences, words

FOCUS_SENTENCES = 2
"""Sentences of a long text the pair model reads."""
SHORT_WORDS = 60
"""Texts of at most this many words are read whole."""
LEXICAL_NAMES = (
    "claim_coverage",
    "text_coverage",
    "bigram_coverage",
    "negation_text_only",
    "negation_claim_only",
    "refute_words",
    "hedge_words",
    "claim_number_missing",
    "text_number_other",
    "claim_name_missing",
    "question",
    "text_length",
    "claim_length",
)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_TOKEN = re.compile(r"[a-z0-9']+")


def focus(claim: str, text: str) -> str:
    """The part of ``text`` the pair model reads against ``claim`` (see the module doc)."""
    if len(words(text)) <= SHORT_WORDS:
        return text.strip()
    sentences = split_sentences(text)
    if len(sentences) <= FOCUS_SENTENCES:
        return text.strip()
    wanted = set(content_stems(claim))
    scored = []
    for i, sentence in enumerate(sentences):
        stems = set(content_stems(sentence))
        overlap = len(wanted & stems) / (1.0 + math.log1p(len(stems)))
        scored.append((-overlap, i))
    keep = sorted(i for _, i in sorted(scored)[:FOCUS_SENTENCES])
    return " ".join(sentences[i] for i in keep)


def _phrases(lower: str, entries: list[str]) -> int:
    padded = " " + " ".join(_TOKEN.findall(lower)) + " "
    return sum(padded.count(f" {e} ") for e in entries)


def _names(text: str) -> set[str]:
    tokens = words(text)
    return {t.lower() for i, t in enumerate(tokens) if i > 0 and t[:1].isupper()}


def lexical(claim: str, text: str) -> np.ndarray:
    """LEXICAL_NAMES features of the pair (float32)."""
    c_stems, t_stems = content_stems(claim), content_stems(text)
    c_set, t_set = set(c_stems), set(t_stems)
    c_bi = set(zip(c_stems, c_stems[1:], strict=False))
    t_bi = set(zip(t_stems, t_stems[1:], strict=False))
    c_lower, t_lower = claim.lower().replace("’", "'"), text.lower().replace("’", "'")
    c_words = {w.lower() for w in words(claim)} | ({"n't"} if "n't" in c_lower else set())
    t_words = {w.lower() for w in words(text)} | ({"n't"} if "n't" in t_lower else set())
    neg = negations()
    lex = lexicon()
    c_numbers, t_numbers = set(_NUMBER.findall(claim)), set(_NUMBER.findall(text))
    c_names = _names(claim)
    t_all = {w.lower() for w in words(text)}
    features = [
        len(c_set & t_set) / max(1, len(c_set)),
        len(c_set & t_set) / max(1, len(t_set)),
        len(c_bi & t_bi) / max(1, len(c_bi)),
        float(bool((t_words & neg) - c_words)),
        float(bool((c_words & neg) - t_words)),
        min(3, _phrases(t_lower, lex["refute"]) - _phrases(c_lower, lex["refute"])) / 3.0,
        min(3, max(0, _phrases(t_lower, lex["hedge"]) - _phrases(c_lower, lex["hedge"]))) / 3.0,
        float(bool(c_numbers - t_numbers)),
        float(bool(c_numbers) and bool(t_numbers - c_numbers)),
        len(c_names - t_all) / max(1, len(c_names)),
        float("?" in text),
        math.log1p(len(t_stems)) / 5.0,
        math.log1p(len(c_stems)) / 5.0,
    ]
    return np.asarray(features, dtype=np.float32)
