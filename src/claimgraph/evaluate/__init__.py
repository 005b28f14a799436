"""Scorers that run on any annotated data folder (PolNeAR-style attribution, ...)."""

from __future__ import annotations

from claimgraph.evaluate.attribution import (
    AttributionScores,
    PredictedRelation,
    evaluate_attribution,
    score_documents,
)
from claimgraph.evaluate.brat import GoldRelation, load_brat_folder, read_ann

__all__ = [
    "AttributionScores",
    "GoldRelation",
    "PredictedRelation",
    "evaluate_attribution",
    "load_brat_folder",
    "read_ann",
    "score_documents",
]
