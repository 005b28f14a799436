"""The combined stance judge (the default): compositional reading + article model + pair
model, weighed by a small learned layer.

Each (claim, text) pair is read by the three judges:

- the compositional judge (``claimgraph.stance.judge.DefaultJudge``: roles, polarity, hedges;
  a long text sentence by sentence, the most decided sentence kept as its evidence);
- the article model (``claimgraph.stance.fnc``: FNC-1-trained, whole texts);
- the sentence-pair model (``claimgraph.stance.pairs``: the text's focus sentences).

``features`` turns their votes and the text's shape (short/long, length) into one vector; a
multinomial logistic regression (``combine_model.json``, trained by ``claimgraph train
combine`` on parts of the training data no judge trained on) gives the four PAIR_LABELS
probabilities. The stance records every vote (``Stance.votes``: label, confidence, how much
it moved the chosen label, the part it read) and, as evidence, the part that decided.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from claimgraph.errors import ModelError
from claimgraph.model import Span, Stance, Vote
from claimgraph.stance.base import StanceJudge, register
from claimgraph.stance.fnc_text import split_sentences, words
from claimgraph.stance.pairs_data import PAIR_LABELS
from claimgraph.stance.pairs_features import SHORT_WORDS, focus

NAME = "combined.v1"
COMBINE_FILE = "combine_model.json"
JUDGES = ("compositional", "article", "pairs")
CACHE_CHUNK = 25
"""Pairs judged between two writes of the votes cache."""
REASON_FEATURES = ("role_mismatch", "neighbour", "other_parties", "name_only")
"""The compositional judge's reasons for 'unrelated' given to the layer as flags
(``role_conflict`` counts as ``role_mismatch``)."""
FEATURE_NAMES = (
    *(f"compositional_{lab}" for lab in PAIR_LABELS),
    "compositional_hedged",
    *(f"article_{lab}" for lab in PAIR_LABELS),
    *(f"pairs_{lab}" for lab in PAIR_LABELS),
    "short",
    "length",
    *(f"short_x_{j}_{lab}" for j in JUDGES for lab in PAIR_LABELS),
    *(f"compositional_{reason}" for reason in REASON_FEATURES),
)
VETO_REASONS = ("role_mismatch", "role_conflict", "neighbour")
"""Reasons of the compositional judge that decide 'unrelated' whatever the models say: a
statement about a neighbouring proposition (another agent, recipient, object or predicate of
the claim's parties) is no support or refutation, and the models see topic, not roles."""
_PARTS = {
    "compositional": (
        slice(0, 5),
        slice(15, 19),
        slice(27, 27 + len(REASON_FEATURES)),
    ),
    "article": (slice(5, 9), slice(19, 23)),
    "pairs": (slice(9, 13), slice(23, 27)),
}


def _one_hot(stance: Stance) -> list[float]:
    row = [0.0] * len(PAIR_LABELS)
    row[PAIR_LABELS.index(stance.label)] = float(stance.confidence)
    rest = (1.0 - float(stance.confidence)) / (len(PAIR_LABELS) - 1)
    return [v if v else rest for v in row]


def _reason(stance: Stance) -> str:
    return "role_mismatch" if stance.reason == "role_conflict" else stance.reason


def vetoed(compositional: Stance) -> bool:
    """The compositional judge found the text about a neighbouring proposition."""
    return compositional.label == "unrelated" and compositional.reason in VETO_REASONS


def is_short(text: str) -> bool:
    """A sentence, headline, tweet or short paragraph (read whole by every judge)."""
    return len(words(text)) <= SHORT_WORDS or len(split_sentences(text)) <= 2


def features(
    compositional: Stance, article: np.ndarray, pairs: np.ndarray, text: str
) -> np.ndarray:
    """FEATURE_NAMES vector of one pair's votes (article, pairs: PAIR_LABELS probabilities)."""
    comp = _one_hot(compositional)
    short = float(is_short(text))
    row = [
        *comp,
        float(compositional.hedged),
        *[float(v) for v in article],
        *[float(v) for v in pairs],
        short,
        math.log1p(len(words(text))) / 6.0,
        *[short * v for v in comp],
        *[short * float(v) for v in article],
        *[short * float(v) for v in pairs],
        *[float(_reason(compositional) == r) for r in REASON_FEATURES],
    ]
    return np.asarray(row, dtype=np.float64)


def article_probabilities(model: Any, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
    """PAIR_LABELS probabilities of the article model (FNC labels mapped onto stances)."""
    from claimgraph.stance.fnc import TO_STANCE
    from claimgraph.stance.fnc_data import FNC_LABELS

    if not pairs:
        return np.zeros((0, len(PAIR_LABELS)))
    claims, bodies = model.analyse([c for c, _ in pairs], [t for _, t in pairs], workers=1)
    proba = model.predict_infos([(claims[c], bodies[t]) for c, t in pairs])
    order = [
        FNC_LABELS.index(next(f for f in FNC_LABELS if TO_STANCE[f] == lab)) for lab in PAIR_LABELS
    ]
    return np.asarray(proba)[:, order]


class Combination:
    """The learned layer: coefficients (labels x features) and intercepts, from JSON."""

    def __init__(self, coef: np.ndarray, intercept: np.ndarray, meta: Mapping[str, Any]) -> None:
        self.coef, self.intercept, self.meta = coef, intercept, dict(meta)

    @classmethod
    def load(cls, folder: str | Path | None = None) -> Combination:
        from claimgraph.stance.pairs import packaged_pairs_dir

        path = Path(folder or packaged_pairs_dir()) / COMBINE_FILE
        try:
            data = json.loads(path.read_text("utf-8"))
            coef = np.asarray(data["coef"], dtype=np.float64)
            intercept = np.asarray(data["intercept"], dtype=np.float64)
        except OSError as e:
            raise ModelError(
                "combination missing; train it with: claimgraph train combine --data DIR",
                path=str(path),
            ) from e
        except (ValueError, KeyError) as e:
            raise ModelError(f"cannot read the combination: {e}", path=str(path)) from e
        if coef.shape != (len(PAIR_LABELS), len(FEATURE_NAMES)):
            raise ModelError("combination has the wrong shape; retrain it", path=str(path))
        return cls(coef, intercept, data)

    def save(self, folder: str | Path) -> None:
        data = {**self.meta, "coef": self.coef.tolist(), "intercept": self.intercept.tolist()}
        data["features"] = list(FEATURE_NAMES)
        data["labels"] = list(PAIR_LABELS)
        Path(folder).mkdir(parents=True, exist_ok=True)
        (Path(folder) / COMBINE_FILE).write_text(json.dumps(data, indent=1) + "\n", "utf-8")

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        z = x @ self.coef.T + self.intercept
        z = z - z.max(axis=-1, keepdims=True)
        e = np.exp(z)
        return np.asarray(e / e.sum(axis=-1, keepdims=True))

    def decide(self, x: np.ndarray, compositional: Stance) -> tuple[np.ndarray, bool]:
        """(PAIR_LABELS probabilities, vetoed): the layer's, unless the text is short and the
        compositional judge's reason is one of the veto reasons recorded with the layer (then
        all on unrelated). A long text (an article) is about many things: one sentence about a
        neighbouring proposition does not make it unrelated."""
        proba = self.probabilities(x)
        short = x[FEATURE_NAMES.index("short")] > 0
        if short and vetoed(compositional) and compositional.reason in self.meta.get("veto", ()):
            out = np.zeros(len(PAIR_LABELS))
            out[PAIR_LABELS.index("unrelated")] = max(
                float(compositional.confidence), float(proba[PAIR_LABELS.index("unrelated")])
            )
            rest = (1.0 - out.max()) / (len(PAIR_LABELS) - 1)
            return np.where(out > 0, out, rest), True
        return proba, False

    def weight(self, x: np.ndarray, judge: str, label: int) -> float:
        """How much ``judge``'s inputs moved the logit of ``label`` (relative to the others)."""
        total = 0.0
        for part in _PARTS[judge]:
            contribution = self.coef[:, part] @ x[part]
            total += float(contribution[label] - contribution.mean())
        return total


def _pair_key(claim: str, text: str) -> str:
    import hashlib

    return hashlib.sha256(f"{claim}\x00{text}".encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _part(text: str, piece: str) -> Span | None:
    start = text.find(piece) if piece and piece != text.strip() else -1
    return Span.of(text, start, start + len(piece)) if start >= 0 else None


class CombinedJudge:
    """Compositional + article + pair model through the learned combination."""

    name = NAME

    def __init__(
        self, compositional: StanceJudge, article: Any, pairs: Any, combination: Combination
    ):
        self.compositional, self.article, self.pairs = compositional, article, pairs
        self.combination = combination

    def prime_vectors(self, vectors: Mapping[str, Any]) -> None:
        """Passed on to the compositional judge (see ``DefaultJudge.prime_vectors``)."""
        self.compositional.prime_vectors(vectors)

    def prepare(self, texts: Sequence[str]) -> None:
        """Passed on to the compositional judge (it parses them in one batch)."""
        self.compositional.prepare(texts)

    def parser(self) -> str | None:
        """The compositional judge's (the only part that parses)."""
        return self.compositional.parser()

    def prime_parses(self, parses: Mapping[str, bytes]) -> None:
        """Passed on to the compositional judge (see ``DefaultJudge.prime_parses``)."""
        self.compositional.prime_parses(parses)

    def judge(
        self,
        claim: str,
        text: str,
        *,
        context: str | None = None,
        speaker: str | None = None,
        affiliation: str | None = None,
        document: str | None = None,
    ) -> Stance:
        return self.judge_many(
            [(claim, text, context)],
            speakers=[speaker],
            affiliations=[affiliation],
            documents=[document],
        )[0]

    def votes(
        self,
        pairs: Sequence[tuple[str, str, str | None]],
        *,
        speakers: Sequence[str | None] | None = None,
        affiliations: Sequence[str | None] | None = None,
        documents: Sequence[str | None] | None = None,
        with_pairs: bool = True,
    ) -> tuple[list[Stance], np.ndarray, np.ndarray, list[str]]:
        """(compositional stances, article and pair probabilities, texts the models read)."""
        comp = self.compositional.judge_many(
            pairs, speakers=speakers, affiliations=affiliations, documents=documents
        )
        # the models read the sentence as written (a denial's cue is part of it), not a
        # whole document given as the context
        read = [
            context if context and text and text in context and is_short(context) else text
            for _, text, context in pairs
        ]
        simple = [(claim, r) for (claim, _, _), r in zip(pairs, read, strict=True)]
        return (
            comp,
            article_probabilities(self.article, simple),
            self.pairs.probabilities(simple) if with_pairs else np.zeros((len(simple), 4)),
            read,
        )

    def votes_cached(
        self,
        pairs: Sequence[tuple[str, str]],
        cache_path: str | Path | None,
        *,
        documents: Sequence[str | None] | None = None,
    ) -> tuple[list[Stance], np.ndarray, np.ndarray, list[str]]:
        """``votes`` of (claim, text) pairs, the compositional and article votes kept in a JSON
        file between runs (training and measuring re-read the same pairs; the pair model's
        votes are always computed). Article votes are keyed by the article model too (its
        command and split), so two article models never share votes. Cached compositional
        stances carry no evidence. ``documents``: each pair's whole document (or None), given
        as context and document the way a claim map gives them (the text is one of its
        sentences)."""
        docs = list(documents) if documents is not None else [None] * len(pairs)
        cache: dict[str, Any] = {}
        path = Path(cache_path) if cache_path else None
        if path is not None and path.is_file():
            cache = json.loads(path.read_text("utf-8"))
        article_id = _pair_key(
            str(self.article.meta.get("command", "")),
            json.dumps(self.article.meta.get("split", {}), sort_keys=True),
        )
        keys = [
            _pair_key(c, t if not d else f"{t}\x00{d}")
            for (c, t), d in zip(pairs, docs, strict=True)
        ]
        todo = list(
            dict.fromkeys(
                i
                for i, k in enumerate(keys)
                if f"c:{k}" not in cache or f"a:{article_id}:{k}" not in cache
            )
        )
        for start in range(0, len(todo), CACHE_CHUNK):
            chunk = todo[start : start + CACHE_CHUNK]
            fresh = [i for i in chunk if f"c:{keys[i]}" not in cache]
            if fresh:
                triples = [
                    (
                        pairs[i][0],
                        pairs[i][1],
                        doc if (doc := docs[i]) and pairs[i][1] in doc else None,
                    )
                    for i in fresh
                ]
                comp = self.compositional.judge_many(triples, documents=[docs[i] for i in fresh])
                for i, s in zip(fresh, comp, strict=True):
                    cache[f"c:{keys[i]}"] = [s.label, s.confidence, s.hedged, s.judge, s.reason]
            article = article_probabilities(self.article, [pairs[i] for i in chunk])
            for i, row in zip(chunk, article, strict=True):
                cache[f"a:{article_id}:{keys[i]}"] = row.tolist()
            if path is not None:  # saved as it goes: an interrupted run resumes
                path.write_text(json.dumps(cache), "utf-8")
        stances = []
        for k in keys:
            label, confidence, hedged, judge, reason = cache[f"c:{k}"]
            stances.append(
                Stance(label, float(confidence), hedged=bool(hedged), judge=judge, reason=reason)
            )
        article_p = np.array(
            [cache[f"a:{article_id}:{k}"] for k in keys], dtype=np.float64
        ).reshape(-1, 4)
        return stances, article_p, self.pairs.probabilities(list(pairs)), [t for _, t in pairs]

    def judge_many(
        self,
        pairs: Sequence[tuple[str, str, str | None]],
        *,
        speakers: Sequence[str | None] | None = None,
        affiliations: Sequence[str | None] | None = None,
        documents: Sequence[str | None] | None = None,
    ) -> list[Stance]:
        if not pairs:
            return []
        comp, article, pair_p, read = self.votes(
            pairs, speakers=speakers, affiliations=affiliations, documents=documents
        )
        out: list[Stance] = []
        for i, (claim, text, _) in enumerate(pairs):
            if not text.strip():
                out.append(Stance("unrelated", 0.5, judge=self.name))
                continue
            x = features(comp[i], article[i], pair_p[i], read[i])
            proba, veto = self.combination.decide(x, comp[i])
            k = int(proba.argmax())
            label = PAIR_LABELS[k]
            focus_part = _part(read[i], focus(claim, read[i]))
            votes = (
                Vote(
                    comp[i].judge,
                    comp[i].label,
                    float(comp[i].confidence),
                    self.combination.weight(x, "compositional", k),
                    comp[i].evidence,
                ),
                Vote(
                    str(self.article.meta.get("name", "fnc.v1")),
                    PAIR_LABELS[int(article[i].argmax())],
                    float(article[i].max()),
                    self.combination.weight(x, "article", k),
                ),
                Vote(
                    self.pairs.name,
                    PAIR_LABELS[int(pair_p[i].argmax())],
                    float(pair_p[i].max()),
                    self.combination.weight(x, "pairs", k),
                    focus_part,
                ),
            )
            decider = votes[0] if veto else max(votes, key=lambda v: v.weight)
            evidence = comp[i].evidence if comp[i].label == label else None
            if evidence is None and decider.part is not None and read[i] == text:
                evidence = decider.part
            out.append(
                Stance(
                    label,  # type: ignore[arg-type]
                    float(proba[k]),
                    evidence=evidence,
                    hedged=bool(comp[i].hedged and label in ("supports", "refutes")),
                    judge=self.name,
                    votes=votes,
                    reason=f"veto:{comp[i].reason}" if veto else f"decided:{decider.judge}",
                )
            )
        return out


def build(settings: Mapping[str, Any]) -> CombinedJudge:
    """The combined judge from the settings (``spacy_model``, ``use_embeddings``,
    ``fnc_model_dir``, ``pairs_model``: a folder with the pair model and the combination)."""
    return _shared(
        str(settings.get("spacy_model") or ""),
        bool(settings.get("use_embeddings", True)),
        str(settings.get("fnc_model_dir") or ""),
        str(settings.get("pairs_model") or ""),
    )


@functools.lru_cache(maxsize=4)
def _shared(spacy_model: str, use_embeddings: bool, fnc_dir: str, pairs_dir: str) -> CombinedJudge:
    from claimgraph.stance.fnc import load_model
    from claimgraph.stance.judge import make_compositional
    from claimgraph.stance.pairs import make_pairs

    return CombinedJudge(
        make_compositional(spacy_model=spacy_model, use_embeddings=use_embeddings),
        load_model(fnc_dir),
        make_pairs(pairs_model=pairs_dir),
        Combination.load(pairs_dir or None),
    )


@register("combined")
def make_combined(**settings: Any) -> StanceJudge:
    """Backend ``combined``: the learned combination of the three judges."""
    return build(settings)
