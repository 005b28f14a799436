"""Lines of a news text that are not body copy: headlines, kickers, standfirsts and datelines.

Attribution treats them apart: a headline yields an attribution only when a real source noun
phrase stands in it, its actors are never the antecedent of a pronoun, and a dateline prefix
("LUZAN (Meridian Press Agency) - ", "PARIS, May 3 (Wire) — ") is never part of a source.
"""

from __future__ import annotations

import re

_DATELINE = re.compile(
    r"[ \t]*[A-Z][A-Z'’.\- ]{1,40}(?:,[^\n()]{1,40})?"
    r"(?:[ \t]*\([^()\n]{2,60}\)[ \t]*[-–—]+|[ \t]+[-–—]{1,2}(?=[ \t]))[ \t]*"
)
"""A wire dateline opening a paragraph: "LUZAN (Agency) -", "LUZAN, May 3 (Wire) —", and the
plain "LUZAN —" (a dash between spaces, so that "U.S.-backed" is no dateline)."""
_SENTENCE_END = ".!?"
_CLOSERS = '”"’»'


def paragraph_start(text: str, pos: int) -> int:
    """Offset of the start of the line holding ``pos``."""
    return text.rfind("\n", 0, pos) + 1


def dateline_end(text: str, pos: int) -> int | None:
    """End of a dateline prefix opening the line that holds ``pos`` (None when there is none)."""
    start = paragraph_start(text, pos)
    m = _DATELINE.match(text, start)
    return m.end() if m is not None else None


def _is_all_caps(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 8 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _title_case(words: list[str]) -> bool:
    long = [w for w in words if len(w.strip("‘’“”\"'()")) > 3]
    if len(long) < 2:
        return False
    caps = sum(w.strip("‘’“”\"'()")[:1].isupper() for w in long)
    return caps >= 0.6 * len(long)


def _ends_sentence(line: str) -> bool:
    line = line.rstrip()
    if not line:
        return False
    if line[-1] in _SENTENCE_END:
        return True
    return len(line) > 1 and line[-1] in _CLOSERS and line[-2] in _SENTENCE_END + ","


def title_lines(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, all_caps) of each title-like line: headlines, standfirsts before the body,
    kickers and subheads (short lines with no sentence end), and any all-caps line."""
    out: list[tuple[int, int, bool]] = []
    body_started = False
    for m in re.finditer(r"[^\n]+", text):
        line = m.group().strip()
        if not line:
            continue
        words = line.split()
        caps = _is_all_caps(line)
        ends = _ends_sentence(line)
        if caps:
            out.append((m.start(), m.end(), True))
        elif (
            not ends
            and not line.endswith(":")
            and len(words) <= 30
            and (not body_started or len(words) <= 10 or _title_case(words))
        ):
            out.append((m.start(), m.end(), False))
        if ends and len(words) >= 12:
            body_started = True
    return out


def line_at(lines: list[tuple[int, int, bool]], pos: int) -> tuple[int, int, bool] | None:
    """The title line holding ``pos``, if any."""
    for line in lines:
        if line[0] <= pos < line[1]:
            return line
    return None
