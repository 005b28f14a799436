"""Untrusted text made safe for display: escaping, visible control characters, highlighting.

Article text, titles, outlets and speaker names come from the web and are untrusted. Nothing
here ever emits a piece of that text without escaping it; highlighting splits the text at
offsets first and escapes each piece, so an offset can never cut an entity or a tag.
Invisible and direction-changing characters (RTL override, zero-width joiners, BOM) are shown
as a visible ``⟦U+202E⟧`` token, so a name cannot masquerade as another or reorder a page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

# C0/C1 controls except tab and newline, bidi embeddings/overrides/isolates, zero-width and
# invisible format characters, soft hyphen, BOM, interlinear annotation, object replacement.
_HIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e"
    "\u2060-\u206f\ufeff\ufff9-\ufffb]"
)
# Characters XML 1.0 cannot carry at all (for GEXF and other XML exports).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def visible(text: str) -> str:
    """``text`` with hidden and direction-changing characters replaced by ``⟦U+XXXX⟧`` tokens.

    The result is plain text (no markup): safe to escape into element content or attributes.
    """
    return _HIDDEN.sub(lambda m: f"\u27e6U+{ord(m.group()):04X}\u27e7", text)


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids (they would make the file unreadable)."""
    return _NOT_XML.sub("\ufffd", text)


def safe(text: str | None) -> Markup:
    """Escaped, control-visible markup for one piece of untrusted text."""
    return escape(visible(text or ""))


def jinja_finalize(value: object) -> object:
    """Jinja ``finalize`` hook: every plain string printed by a template passes through
    :func:`visible` before autoescaping; our own ``Markup`` is left alone."""
    if isinstance(value, Markup) or not isinstance(value, str):
        return value
    return visible(value)


@dataclass(frozen=True, slots=True)
class Mark:
    """A highlighted range of a text."""

    start: int
    end: int
    css: str
    """CSS class(es) of the highlight (from a fixed set chosen by our code, never from text)."""
    title: str | None = None
    """Tooltip (untrusted: escaped)."""
    anchor: str | None = None
    """An element id placed where the mark starts (ids are made by our code from hashes)."""
    href: str | None = None
    """A link target for the mark (our own URLs or fragments only)."""


_SAFE_TOKEN = re.compile(r"^[A-Za-z0-9 _:./#?=&%-]*$")


def _token(value: str) -> str:
    """Class names, ids and hrefs we generate must be plain tokens; refuse anything else."""
    if not _SAFE_TOKEN.match(value) or value.lower().lstrip().startswith("javascript"):
        raise ValueError(f"unsafe markup token {value!r}")
    return value


def highlight(
    text: str, marks: Iterable[Mark], *, start: int = 0, end: int | None = None
) -> Markup:
    """HTML for ``text[start:end]`` with ``marks`` (offsets into ``text``) wrapped in ``<mark>``.

    Overlapping marks are allowed: the text is cut at every mark boundary and each piece gets
    the classes of all marks covering it. Every piece of text is escaped separately.
    """
    stop = len(text) if end is None else min(end, len(text))
    begin = max(0, min(start, stop))
    inside = [m for m in marks if m.end > begin and m.start < stop and m.end > m.start]
    cuts = {begin, stop}
    for m in inside:
        cuts.add(max(m.start, begin))
        cuts.add(min(m.end, stop))
    bounds = sorted(cuts)
    out: list[str] = []
    anchored: set[str] = set()
    for a, b in zip(bounds, bounds[1:], strict=False):
        piece = safe(text[a:b])
        covering = [m for m in inside if m.start <= a and m.end >= b]
        for m in inside:
            if m.anchor and m.anchor not in anchored and max(m.start, begin) == a:
                anchored.add(m.anchor)
                out.append(f'<a class="anchor" id="{_token(m.anchor)}"></a>')
        if not covering:
            out.append(piece)
            continue
        classes = " ".join(dict.fromkeys(_token(m.css) for m in covering))
        titles = "; ".join(dict.fromkeys(m.title for m in covering if m.title))
        title_attr = f' title="{safe(titles)}"' if titles else ""
        href = next((m.href for m in covering if m.href), None)
        if href:
            out.append(f'<a class="{classes}" href="{_token(href)}"{title_attr}>{piece}</a>')
        else:
            out.append(f'<mark class="{classes}"{title_attr}>{piece}</mark>')
    return Markup("".join(out))


def element_id(prefix: str, value: str) -> str:
    """An HTML id / fragment made from an id of ours (hashes), reduced to safe characters."""
    return prefix + re.sub(r"[^A-Za-z0-9_-]", "_", value)[:80]


def http_url(url: str | None) -> str | None:
    """``url`` if it is a plain http(s) URL we may link to, else None (javascript:, data:...)."""
    if not url:
        return None
    candidate = url.strip()
    if re.match(r"^https?://[^\s<>\"'`]+$", candidate, flags=re.IGNORECASE) and not _HIDDEN.search(
        candidate
    ):
        return candidate
    return None


def paragraphs(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Paragraph ranges to display: the document's own, else split at blank lines."""
    if spans:
        return [(s, e) for s, e in spans if 0 <= s < e <= len(text)]
    out: list[tuple[int, int]] = []
    for m in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*", text):
        if m.group().strip():
            out.append((m.start(), m.end()))
    return out
