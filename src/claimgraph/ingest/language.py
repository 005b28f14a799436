"""The language of a text and the model's confidence, by py3langid (its model ships in the
wheel as a numpy archive: no download, no pickle)."""

from __future__ import annotations

import functools
import re
from typing import Any

ANALYSED = frozenset({"en"})
"""Languages the analysis reads (attributions, statements, stances); other documents are
stored, tagged and searchable, but not analysed."""
MIN_WORDS = 8
"""Below this many words the text is too short to tell: taken as English."""
MIN_CONFIDENCE = 0.5
"""Below this probability the language is "und" (undetermined) for a long text, English for a
short one."""
LONG_TEXT_WORDS = 30
_WORD = re.compile(r"[^\W\d_]+")


@functools.cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def identify_language(text: str) -> tuple[str, float]:
    """``(ISO 639-1 code, probability)`` of the text's language; ``("und", p)`` when the model
    is unsure of a long text or finds no language in it, ``("en", p)`` for a short or empty one."""
    sample = text[:20_000]
    words = len(_WORD.findall(sample))
    if words == 0:
        return "en", 0.0
    code, probability = _identifier().classify(sample)
    probability = float(probability)
    if code == "zxx" or probability < MIN_CONFIDENCE:
        if words >= LONG_TEXT_WORDS:
            return "und", probability
        return "en", probability
    if words < MIN_WORDS and code not in ANALYSED:
        return "en", probability
    return str(code), probability


def is_analysed(language: str) -> bool:
    """Whether documents in ``language`` get an analysis."""
    return language in ANALYSED
