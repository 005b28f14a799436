"""Table cells built from article text: never read as Rich markup, cut at a word boundary."""

from __future__ import annotations

from rich.text import Text

ELLIPSIS = "…"


def shorten(text: str, size: int) -> str:
    """``text`` with whitespace folded, cut to at most ``size`` characters at a word boundary
    with an ellipsis (a single word longer than ``size`` is cut inside it)."""
    flat = " ".join(text.split())
    if len(flat) <= size:
        return flat
    head = flat[: size - 1]
    if flat[size - 1] != " " and " " in head:
        head = head[: head.rindex(" ")]
    return head.rstrip(" ,;:") + ELLIPSIS


def cell(text: str | None, size: int | None = None, *, style: str = "") -> Text:
    """A Rich ``Text`` cell: the article's characters shown as they are (``[the Taliban]``
    stays), optionally shortened to ``size`` characters."""
    value = text or ""
    return Text(shorten(value, size) if size else value, style=style)
