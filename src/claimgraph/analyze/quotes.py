"""Quotation marks: find quoted regions in text, tolerating unbalanced and mixed marks.

Never raises: an opening mark with no closing one closes at the end of its paragraph
(news copy often leaves a multi-paragraph quote open and reopens it on the next paragraph).
"""

from __future__ import annotations

OPENERS = {"\u201c": "\u201d", "\u00ab": "\u00bb", "\u201e": "\u201d"}
CLOSERS = {"\u201d", "\u00bb"}
STRAIGHT = '"'


def quote_regions(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quoted region, quote marks included, in text order.

    Curly quotes pair by direction; straight quotes (and ``''`` pairs of apostrophes) alternate
    within a paragraph. A region left
    open ends at the paragraph break (a blank line or a newline).
    """
    regions: list[tuple[int, int]] = []
    open_at: int | None = None
    straight_open: int | None = None
    n = len(text)
    i = 0
    while i < n:
        ch = text[i]
        if ch == "\n":
            if open_at is not None:
                regions.append((open_at, _rstrip(text, open_at, i)))
                open_at = None
            if straight_open is not None:
                regions.append((straight_open, _rstrip(text, straight_open, i)))
                straight_open = None
        elif ch in OPENERS:
            if open_at is not None:  # a new opener before a closer: close the old one here
                regions.append((open_at, _rstrip(text, open_at, i)))
            open_at = i
        elif ch in CLOSERS:
            if open_at is not None:
                regions.append((open_at, i + 1))
                open_at = None
            # a closer with no opener: ignore it
        elif ch == STRAIGHT or (ch == "'" and text.startswith("''", i)):
            # a straight double quote, or two apostrophes standing for one (''like this'')
            width = 1 if ch == STRAIGHT else 2
            if straight_open is None:
                straight_open = i
            else:
                regions.append((straight_open, i + width))
                straight_open = None
            i += width
            continue
        i += 1
    if open_at is not None:
        regions.append((open_at, _rstrip(text, open_at, n)))
    if straight_open is not None:
        regions.append((straight_open, _rstrip(text, straight_open, n)))
    regions.sort()
    return [r for r in regions if r[1] - r[0] > 1]


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start + 1 and text[end - 1].isspace():
        end -= 1
    return end


def region_at(regions: list[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    """The quoted region overlapping ``[start, end)`` the most, if any."""
    best: tuple[int, int] | None = None
    best_overlap = 0
    for s, e in regions:
        overlap = min(e, end) - max(s, start)
        if overlap > best_overlap:
            best, best_overlap = (s, e), overlap
    return best


def inner(text: str, start: int, end: int) -> tuple[int, int]:
    """The region without its surrounding quote marks and trailing punctuation inside them."""
    s, e = start, end
    while s < e and (text[s] in OPENERS or text[s] in CLOSERS or text[s] in (STRAIGHT, "'")):
        s += 1
    while e > s and (
        text[e - 1] in CLOSERS or text[e - 1] in (STRAIGHT, "'") or text[e - 1] in ",;"
    ):
        e -= 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e
