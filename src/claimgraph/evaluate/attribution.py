"""Scoring attribution extraction against PolNeAR-style BRAT data.

Matching (one-to-one, greedy by best overlap): a predicted relation matches a reference one when
their content spans have token-overlap F1 >= 0.5; for the "attribution" score their source
spans must also overlap (a reference without a source accepts any prediction). Scores are given
for all relations and for speech-verb relations: references whose cue contains a verb of saying
from the packaged lexicon, predictions whose cue lemma is one. Precision over speech-verb
predictions counts a match to any reference.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from claimgraph.analyze.lexicon import is_speech_cue_text, is_speech_verb
from claimgraph.evaluate.brat import GoldDocument, GoldRelation, Pieces, load_brat_folder
from claimgraph.model import Statement

MIN_CONTENT_F1 = 0.5
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class PredictedRelation:
    """One extracted attribution, as spans."""

    content: Pieces
    source: Pieces = ()
    cue: Pieces = ()
    cue_lemma: str | None = None


@dataclass
class Counts:
    """True positives, predictions and references of one subset."""

    tp_pred: int = 0
    tp_gold: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp_pred / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "matched_predictions": self.tp_pred,
            "matched_references": self.tp_gold,
            "predictions": self.predicted,
            "references": self.gold,
        }


@dataclass
class AttributionScores:
    """Scores of one run: content-only and attribution (content + source), all and speech verbs."""

    documents: int = 0
    content: Counts = field(default_factory=Counts)
    attribution: Counts = field(default_factory=Counts)
    speech_content: Counts = field(default_factory=Counts)
    speech_attribution: Counts = field(default_factory=Counts)

    def to_dict(self) -> dict[str, object]:
        return {
            "documents": self.documents,
            "content": self.content.to_dict(),
            "attribution": self.attribution.to_dict(),
            "speech_content": self.speech_content.to_dict(),
            "speech_attribution": self.speech_attribution.to_dict(),
        }


def _tokens(text: str, pieces: Pieces) -> set[int]:
    out: set[int] = set()
    for s, e in pieces:
        for m in _WORD.finditer(text, s, e):
            out.add(m.start())
    return out


def token_f1(text: str, a: Pieces, b: Pieces) -> float:
    """Token-overlap F1 of two (possibly discontinuous) spans of ``text``."""
    ta, tb = _tokens(text, a), _tokens(text, b)
    if not ta or not tb:
        return 0.0
    common = len(ta & tb)
    return 2 * common / (len(ta) + len(tb))


def _overlap(a: Pieces, b: Pieces) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def _match(
    text: str, gold: Sequence[GoldRelation], pred: Sequence[PredictedRelation], *, need_source: bool
) -> list[tuple[int, int]]:
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            f1 = token_f1(text, g.content, p.content)
            if f1 < MIN_CONTENT_F1:
                continue
            if need_source and g.source and not (p.source and _overlap(g.source, p.source)):
                continue
            pairs.append((f1, gi, pi))
    pairs.sort(key=lambda x: (-x[0], x[1], x[2]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out.append((gi, pi))
    return out


def _add(
    counts: Counts, matches: list[tuple[int, int]], gold_mask: list[bool], pred_mask: list[bool]
) -> None:
    counts.gold += sum(gold_mask)
    counts.predicted += sum(pred_mask)
    counts.tp_gold += sum(1 for gi, _ in matches if gold_mask[gi])
    counts.tp_pred += sum(1 for _, pi in matches if pred_mask[pi])


def score_documents(
    items: Iterable[tuple[str, Sequence[GoldRelation], Sequence[PredictedRelation]]],
) -> AttributionScores:
    """Score (text, reference relations, predicted relations) triples."""
    scores = AttributionScores()
    for text, gold, pred in items:
        scores.documents += 1
        all_g = [True] * len(gold)
        all_p = [True] * len(pred)
        speech_g = [is_speech_cue_text(g.cue_text) for g in gold]
        speech_p = [is_speech_verb(p.cue_lemma) for p in pred]
        m_content = _match(text, gold, pred, need_source=False)
        m_attr = _match(text, gold, pred, need_source=True)
        _add(scores.content, m_content, all_g, all_p)
        _add(scores.attribution, m_attr, all_g, all_p)
        _add(scores.speech_content, m_content, speech_g, speech_p)
        _add(scores.speech_attribution, m_attr, speech_g, speech_p)
    return scores


def relations_from_statements(statements: Iterable[Statement]) -> list[PredictedRelation]:
    """Statements as scorer relations; statements sharing one cue (a quote continued after
    "…," he said. "…") are one relation with several content pieces, as annotators mark them.
    Authorial statements (the writer's own voice) are no attribution and are left out."""
    grouped: dict[tuple[int, int], list[Statement]] = {}
    out: list[PredictedRelation] = []
    for st in statements:
        if st.kind == "authorial":
            continue  # the writer's own voice: no attribution relation to score
        if st.cue is None:
            out.append(_relation([st]))
        else:
            grouped.setdefault((st.cue.start, st.cue.end), []).append(st)
    out.extend(_relation(group) for group in grouped.values())
    return out


def _relation(group: list[Statement]) -> PredictedRelation:
    head = group[0]
    pieces = tuple(sorted((st.content.start, st.content.end) for st in group))
    return PredictedRelation(
        content=pieces,
        source=((head.source.start, head.source.end),) if head.source else (),
        cue=((head.cue.start, head.cue.end),) if head.cue else (),
        cue_lemma=head.cue_lemma,
    )


Extractor = Callable[[Sequence[GoldDocument]], Iterable[list[PredictedRelation]]]


def claimgraph_extractor(*, threshold: float | None = None) -> Extractor:
    """Our extractor over gold documents' texts (parsed in batches)."""

    def run(docs: Sequence[GoldDocument]) -> Iterable[list[PredictedRelation]]:
        from claimgraph.analyze.attribution import extract, parse_many
        from claimgraph.model import Document

        for gold_doc, parsed in zip(docs, parse_many(d.text for d in docs), strict=True):
            doc = Document(id=gold_doc.name, text=gold_doc.text)
            _, statements = extract(doc, parsed, threshold=threshold)
            yield relations_from_statements(statements)

    return run


def evaluate_attribution(
    data_dir: str | Path,
    *,
    limit: int | None = None,
    extractor: Extractor | None = None,
    threshold: float | None = None,
) -> AttributionScores:
    """Run an extractor (ours by default) on ``DATA_DIR/text`` and score it against ``DATA_DIR/attributions``."""
    docs = load_brat_folder(data_dir, limit=limit)
    run = extractor or claimgraph_extractor(threshold=threshold)
    preds = list(run(docs))
    return score_documents((d.text, d.relations, p) for d, p in zip(docs, preds, strict=True))


def format_scores(scores: AttributionScores, *, name: str = "claimgraph") -> str:
    """A plain-text table of the scores."""
    lines = [
        f"{name}: {scores.documents} documents",
        f"{'relations':<28}{'P':>8}{'R':>8}{'F1':>8}{'pred':>7}{'gold':>7}",
    ]
    for label, c in (
        ("attribution (all)", scores.attribution),
        ("attribution (speech verbs)", scores.speech_attribution),
        ("content only (all)", scores.content),
        ("content only (speech verbs)", scores.speech_content),
    ):
        lines.append(
            f"{label:<28}{c.precision:>8.3f}{c.recall:>8.3f}{c.f1:>8.3f}{c.predicted:>7}{c.gold:>7}"
        )
    return "\n".join(lines)
