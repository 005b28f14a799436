"""The cue classifier: is this verb the cue of an attribution? Trained on PolNeAR-style data.

Features are read off the parse (lemma, lexicon class, dependency, the cue's children, the
subject's kind, quotes nearby). The model is a logistic regression fitted with scikit-learn by
``train_cue_model`` and saved as plain JSON (feature weights + intercept) under
``claimgraph/analyze/models/attribution_cue.json`` with the data hash and the command that made it.
"""

from __future__ import annotations

import functools
import json
import math
from importlib import resources
from typing import TYPE_CHECKING, Any

from claimgraph.analyze.lexicon import lexicon
from claimgraph.errors import ModelError

if TYPE_CHECKING:
    from spacy.tokens import Token

MODEL_FILE = "attribution_cue.json"
DEFAULT_THRESHOLD = 0.45
_CLAUSE_MARKERS = frozenset({"that", "if", "whether", "\u201c", '"'})


def features(tok: Token, quoted: list[tuple[int, int]]) -> dict[str, float]:
    """Sparse features of a candidate cue token."""
    lex = lexicon()
    lemma = tok.lemma_.lower()
    cls = lex.cue_class.get(lemma, "none")
    deps = {c.dep_ for c in tok.children}
    f: dict[str, float] = {
        "bias": 1.0,
        f"lemma={lemma}": 1.0,
        f"class={cls}": 1.0,
        f"dep={tok.dep_}": 1.0,
        f"tag={tok.tag_}": 1.0,
        f"class={cls}|dep={tok.dep_}": 1.0,
        "speech": 1.0 if lemma in lex.speech_verbs else 0.0,
    }
    for d in deps:
        f[f"child={d}"] = 1.0
        f[f"class={cls}|child={d}"] = 1.0
    has_clause = bool(deps & {"ccomp", "parataxis"})
    f[f"lemma={lemma}|clause={has_clause}"] = 1.0
    f[f"class={cls}|clause={has_clause}"] = 1.0
    if "xcomp" in deps:
        f[f"lemma={lemma}|xcomp"] = 1.0
    subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is not None:
        kind = subj.ent_type_ or ("PRON" if subj.pos_ == "PRON" else subj.pos_)
        f[f"subj={kind}"] = 1.0
        f[f"class={cls}|subj={kind}"] = 1.0
        if subj.lemma_.lower() in lex.roles:
            f["subj_role"] = 1.0
        if subj.pos_ == "PRON":
            f[f"subj_word={subj.lower_}"] = 1.0
    else:
        f["no_subj"] = 1.0
    for c in tok.children:
        if c.dep_ == "ccomp":
            first = c.left_edge
            marker = first.lower_ if first.lower_ in _CLAUSE_MARKERS else first.pos_
            f[f"ccomp_first={marker}"] = 1.0
    start, end = tok.sent.start_char, tok.sent.end_char
    in_quote = any(s <= tok.idx < e for s, e in quoted)
    near_quote = any(s < end and start < e for s, e in quoted)
    f[f"in_quote={in_quote}"] = 1.0
    f[f"in_quote={in_quote}|class={cls}"] = 1.0
    f[f"in_quote={in_quote}|lemma={lemma}"] = 1.0
    if any(c.dep_ in ("ccomp", "parataxis") and c.i < tok.i for c in tok.children):
        f["clause_before"] = 1.0
    f[f"near_quote={near_quote}|class={cls}"] = 1.0
    f[f"head_dep={tok.head.dep_}|dep={tok.dep_}"] = 1.0
    if tok.head is not tok:
        f[f"head_class={lex.cue_class.get(tok.head.lemma_.lower(), 'none')}"] = 1.0
    if any(c.dep_ == "neg" for c in tok.children):
        f["neg"] = 1.0
    f[f"word={tok.lower_}"] = 1.0
    for c in tok.children:
        if c.dep_ in ("prep", "agent", "dative") and c.i > tok.i:
            # "talk about", "call for", "point to": the preposition tells a cue from a motion
            f[f"prep={c.lower_}"] = 1.0
            f[f"lemma={lemma}|prep={c.lower_}"] = 1.0
    return f


class CueModel:
    """A logistic regression over ``features``, loaded from JSON."""

    def __init__(
        self, weights: dict[str, float], intercept: float, threshold: float, meta: dict[str, Any]
    ) -> None:
        self.weights = weights
        self.intercept = intercept
        self.threshold = threshold
        self.meta = meta

    def score(self, feats: dict[str, float]) -> float:
        z = self.intercept + sum(self.weights.get(k, 0.0) * v for k, v in feats.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CueModel:
        try:
            return cls(
                {str(k): float(v) for k, v in data["weights"].items()},
                float(data["intercept"]),
                float(data.get("threshold", DEFAULT_THRESHOLD)),
                dict(data.get("meta", {})),
            )
        except (KeyError, TypeError, ValueError) as e:
            raise ModelError(f"malformed cue model: {e}") from e


@functools.lru_cache(maxsize=1)
def load_cue_model() -> CueModel | None:
    """The packaged cue model, or None when none has been trained yet (rules are used instead)."""
    ref = resources.files("claimgraph.analyze").joinpath("models").joinpath(MODEL_FILE)
    if not ref.is_file():
        return None
    try:
        data = json.loads(ref.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        raise ModelError(f"cannot read cue model {MODEL_FILE}: {e}") from e
    return CueModel.from_dict(data)


def rule_score(tok: Token, quoted: list[tuple[int, int]]) -> float:
    """Fallback without a model: listed speech verbs with a clause or a quote nearby."""
    lex = lexicon()
    lemma = tok.lemma_.lower()
    if lemma not in lex.cue_class:
        return 0.0
    deps = {c.dep_ for c in tok.children}
    near_quote = any(s < tok.sent.end_char and tok.sent.start_char < e for s, e in quoted)
    if deps & {"ccomp", "parataxis"} or near_quote or lex.cue_class[lemma] in ("refuse", "deny"):
        return 0.9 if lemma in lex.speech_verbs else 0.6
    return 0.2
