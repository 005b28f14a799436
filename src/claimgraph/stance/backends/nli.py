"""A transformers NLI cross-encoder as a stance judge (``get_judge("nli", nli_model=...)``).

Needs the optional extra ``pip install 'claimgraph[nli]'`` (torch 2.13.0 CPU + transformers).
The model is a hub id or a local folder of an ``AutoModelForSequenceClassification`` whose
``config.id2label`` names entailment / contradiction / neutral; premise = the statement's
sentence (its cue carries the polarity), hypothesis = the claim. Nothing is downloaded at
import; loading a hub id downloads it unless ``local_files_only`` is set.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from claimgraph.errors import ModelError
from claimgraph.model import Stance, StanceLabel
from claimgraph.stance.base import JudgeBase, StanceJudge, register

LABEL_NAMES: dict[str, StanceLabel] = {
    "entailment": "supports",
    "entails": "supports",
    "entail": "supports",
    "supports": "supports",
    "agree": "supports",
    "contradiction": "refutes",
    "contradicts": "refutes",
    "contradict": "refutes",
    "refutes": "refutes",
    "disagree": "refutes",
    "neutral": "neutral",
    "discuss": "neutral",
    "unrelated": "unrelated",
    "not_entailment": "neutral",
}
"""Lower-cased ``id2label`` names -> stance labels."""


def map_labels(
    id2label: dict[int, str], override: dict[str, str] | None = None
) -> dict[int, StanceLabel]:
    """Stance label of each class id; ModelError when the model's labels say nothing usable."""
    names = dict(LABEL_NAMES)
    for key, value in (override or {}).items():
        if value not in ("supports", "refutes", "neutral", "unrelated"):
            raise ModelError(f"label_map value {value!r} is not a stance label")
        names[key.lower()] = value  # type: ignore[assignment]
    mapped: dict[int, StanceLabel] = {}
    for index, label in id2label.items():
        name = str(label).strip().lower()
        if name not in names:
            raise ModelError(
                f"NLI model label {label!r} is not entailment/contradiction/neutral; "
                "pass label_map={'LABEL_0': 'refutes', ...}"
            )
        mapped[int(index)] = names[name]
    if "supports" not in mapped.values() or "refutes" not in mapped.values():
        raise ModelError(
            f"NLI model labels {sorted(id2label.values())} lack entailment or contradiction"
        )
    return mapped


class NLIJudge(JudgeBase):
    """Stance from an NLI cross-encoder (premise: the statement, hypothesis: the claim)."""

    def __init__(
        self,
        model: str,
        *,
        device: str = "cpu",
        batch_size: int = 16,
        max_length: int = 256,
        local_files_only: bool = False,
        label_map: dict[str, str] | None = None,
    ) -> None:
        if not model:
            raise ModelError(
                "the nli backend needs a model: set nli_model to a hub id or a local path"
            )
        try:
            import torch
            from transformers import AutoModelForSequenceClassification, AutoTokenizer
        except ImportError as e:
            raise ModelError(
                "the nli backend needs torch and transformers: pip install 'claimgraph[nli]'"
            ) from e
        local = Path(model).is_dir()
        try:
            self._tokenizer = AutoTokenizer.from_pretrained(
                model, local_files_only=local_files_only or local
            )
            self._model = AutoModelForSequenceClassification.from_pretrained(
                model, local_files_only=local_files_only or local
            )
        except (OSError, ValueError) as e:
            raise ModelError(f"cannot load NLI model {model}: {e}") from e
        self._model.to(device)
        self._model.eval()
        self._torch = torch
        self._device = device
        self._labels = map_labels(dict(self._model.config.id2label), label_map)
        self.batch_size = max(1, batch_size)
        self.max_length = max_length
        self.name = f"stance.nli.v1:{Path(model).name or model}"

    def judge(self, claim: str, text: str, *, context: str | None = None) -> Stance:
        """Stance of ``text`` (said in ``context``) toward ``claim``."""
        return self.judge_many([(claim, text, context)])[0]

    def judge_many(
        self,
        pairs: Sequence[tuple[str, str, str | None]],
        *,
        speakers: Sequence[str | None] | None = None,
        affiliations: Sequence[str | None] | None = None,
        documents: Sequence[str | None] | None = None,
    ) -> list[Stance]:
        """Stances of (claim, text, context) triples, in batches of ``batch_size``."""
        out: list[Stance] = []
        for begin in range(0, len(pairs), self.batch_size):
            batch = pairs[begin : begin + self.batch_size]
            premises = [context or text for _, text, context in batch]
            hypotheses = [claim for claim, _, _ in batch]
            try:
                encoded = self._tokenizer(
                    premises,
                    hypotheses,
                    padding=True,
                    truncation=True,
                    max_length=self.max_length,
                    return_tensors="pt",
                ).to(self._device)
                with self._torch.no_grad():
                    logits = self._model(**encoded).logits
            except (RuntimeError, ValueError) as e:
                raise ModelError(f"NLI model failed: {e}") from e
            probs = self._torch.softmax(logits.float(), dim=-1).cpu().numpy()
            for row in probs:
                scores: dict[StanceLabel, float] = {}
                for index, prob in enumerate(row):
                    name = self._labels.get(index, "neutral")
                    scores[name] = scores.get(name, 0.0) + float(prob)
                best = max(scores, key=lambda k: scores[k])
                out.append(Stance(best, round(scores[best], 4), judge=self.name))
        return out


@register("nli")
def make_nli(**settings: Any) -> StanceJudge:
    """NLI judge from settings ``nli_model`` (required), ``nli_device``, ``nli_batch_size``."""
    return NLIJudge(
        str(settings.get("nli_model") or ""),
        device=str(settings.get("nli_device") or "cpu"),
        batch_size=int(settings.get("nli_batch_size") or 16),
        local_files_only=bool(settings.get("local_files_only", False)),
        label_map=settings.get("label_map") or None,
    )
