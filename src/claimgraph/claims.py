"""What a claim typed by a person must be, checked the same way at every door (CLI, API, app).

A claim is a sentence: after folding whitespace, at least ``MIN_WORDS`` words and between
``MIN_CHARS`` and ``MAX_CHARS`` characters. Longer texts are articles, not claims (and a
claim map of one would judge every statement against a page of text).
"""

from __future__ import annotations

import re

from claimgraph.errors import UsageError

MIN_WORDS = 2
MIN_CHARS = 5
MAX_CHARS = 500
RULE = (
    f"a claim is one sentence of at least {MIN_WORDS} words and {MIN_CHARS}–{MAX_CHARS} "
    "characters, e.g. “Valdosa supplies rifles to the Kell brigades”"
)
_WORD = re.compile(r"\w+")


def check_claim(text: str | None, *, allow_empty: bool = False) -> str:
    """``text`` with whitespace folded, or ``UsageError`` saying what the rule is and what is
    wrong. ``allow_empty`` lets "" through (a page that shows a form when no claim is given)."""
    value = " ".join((text or "").split())
    if not value:
        if allow_empty:
            return ""
        problem = "this one is empty"
    elif len(_WORD.findall(value)) < MIN_WORDS:
        problem = f"{value[:40]!r} is one word"
    elif len(value) < MIN_CHARS:
        problem = f"{value!r} has {len(value)} characters"
    elif len(value) > MAX_CHARS:
        problem = f"this one has {len(value):,} characters"
    else:
        return value
    raise UsageError(f"{RULE}; {problem}")
