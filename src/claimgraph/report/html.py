"""The self-contained HTML report: one file a journalist can email.

``render_report(cmap)`` returns a page with its styles inlined, charts drawn as SVG on the
server, no script at all, and a Content-Security-Policy that forbids scripts, network access
and frames. Article text and every name in it are escaped (see ``claimgraph.report.text``).
The same Jinja environment and macros are used by the web app.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from importlib import resources
from typing import Any

from jinja2 import BaseLoader, ChoiceLoader, Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from claimgraph.model import ClaimMap, Document, JudgedStatement, Statement
from claimgraph.report import svg
from claimgraph.report.text import (
    Mark,
    element_id,
    highlight,
    http_url,
    jinja_finalize,
    paragraphs,
    safe,
)
from claimgraph.report.view import (
    SIDE_COLOURS,
    SIDE_LABELS,
    SIDE_SHAPES,
    SIDES,
    ClaimView,
    actor_label,
    build_view,
    chain,
    statement_date,
)
from claimgraph.version import __version__

CONTEXT_CHARS = 160
"""Characters of context shown around a statement that has no sentence span."""


def make_env(*extra: BaseLoader) -> Environment:
    """The Jinja environment of the report (and, with the web app's loader first, of the app).

    Autoescaping is on for every template; ``finalize`` makes hidden characters visible.
    """
    loader = ChoiceLoader([*extra, PackageLoader("claimgraph.report", "templates")])
    env = Environment(
        loader=loader,
        autoescape=select_autoescape(default=True, default_for_string=True),
        finalize=jinja_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        SIDES=SIDES,
        SIDE_LABELS=SIDE_LABELS,
        SIDE_COLOURS=SIDE_COLOURS,
        SIDE_SHAPES=SIDE_SHAPES,
        bubble=svg.bubble,
        shape_svg=legend_shape,
        element_id=element_id,
        http_url=http_url,
        statement_date=statement_date,
        chain=chain,
        actor_label=actor_label,
        safe_text=safe,
        version=__version__,
    )
    return env


def legend_shape(side: str, *, hollow: bool = False) -> Markup:
    colour = SIDE_COLOURS[side]
    mark = svg.shape(
        SIDE_SHAPES[side], 8, 8, 5, fill="#ffffff" if hollow else colour, stroke=colour
    )
    return Markup(
        f'<svg class="legend-mark" width="16" height="16" viewBox="0 0 16 16">{mark}</svg>'
    )


def statement_marks(
    st: Statement, *, side: str | None, link: Callable[[Statement], str | None] | None = None
) -> list[Mark]:
    """Highlights for one statement: content (by side), cue, source mention, medium."""
    marks = []
    css = f"content side-{side}" if side in SIDES else "content other"
    marks.append(
        Mark(
            st.content.start,
            st.content.end,
            css,
            title=actor_label(st) + (f" — {SIDE_LABELS[side]}" if side in SIDES else ""),
            href=link(st) if link else None,
        )
    )
    for span, css in ((st.cue, "cue"), (st.source, "source"), (st.via_span, "via")):
        if span is not None:
            marks.append(Mark(span.start, span.end, css))
    return marks


def context(
    js: JudgedStatement, *, link: Callable[[Statement], str | None] | None = None
) -> Markup:
    """The statement's sentence (or a window around it) with its parts highlighted."""
    st = js.statement
    text = js.document.text
    if st.sentence is not None:
        start = min(st.sentence.start, st.content.start)
        end = max(st.sentence.end, st.content.end)
    else:
        start = max(0, st.content.start - CONTEXT_CHARS)
        end = min(len(text), st.content.end + CONTEXT_CHARS)
    html = highlight(
        text, statement_marks(st, side=js.stance.label, link=link), start=start, end=end
    )
    before = "… " if start > 0 and st.sentence is None else ""
    after = " …" if end < len(text) and st.sentence is None else ""
    return Markup(before) + html + Markup(after)


def article(
    doc: Document,
    judged: Iterable[JudgedStatement],
    *,
    others: Sequence[Statement] = (),
    anchor_prefix: str = "a-",
    back: Callable[[Statement], str | None] | None = None,
) -> list[Markup]:
    """The document's paragraphs as HTML with the claim's statements (by side) and any other
    attributions (``others``) highlighted; each claim statement gets an anchor."""
    marks: list[Mark] = []
    seen: set[str] = set()
    for js in judged:
        if js.document.id != doc.id:
            continue
        seen.add(js.statement.id)
        for m in statement_marks(js.statement, side=js.stance.label, link=back):
            if "content" in m.css:
                m = Mark(
                    m.start,
                    m.end,
                    m.css,
                    m.title,
                    element_id(anchor_prefix, js.statement.id),
                    m.href,
                )
            marks.append(m)
    for st in others:
        if st.id not in seen and st.doc_id == doc.id:
            for m in statement_marks(st, side=None):
                if "content" in m.css:
                    m = Mark(m.start, m.end, m.css, m.title, element_id(anchor_prefix, st.id))
                marks.append(m)
    text = doc.text
    spans = paragraphs(doc.masked_text(), doc.paragraphs)
    return [highlight(text, marks, start=s, end=e) for s, e in spans]


_DISCOVERED_FACTS = (
    ("supporters", "supporting sources"),
    ("refuters", "refuting sources"),
    ("neutral", "neutral sources"),
    ("supports", "supporting"),
    ("refutes", "refuting"),
    ("independent_sources", "independent sources"),
    ("documents", "articles"),
    ("statement_ids", "statements"),
)


def discovered_rows(items: Iterable[Any]) -> list[dict[str, Any]]:
    """Discovered claims from the link layer (``DiscoveredClaim``), read by attribute so
    its type can evolve: the text, whether it is contested, and the counts it carries."""
    rows = []
    for item in items:
        claim = getattr(item, "claim", None)
        text = getattr(item, "text", None) or getattr(claim, "text", None) or str(item)
        facts = []
        for name, label in _DISCOVERED_FACTS:
            value = getattr(item, name, None)
            if isinstance(value, list | tuple | set | dict):
                value = len(value)
            if isinstance(value, int) and not isinstance(value, bool):
                facts.append((label, value))
        contested = getattr(item, "contested", None)
        if contested is None:
            contested = bool(getattr(item, "supporters", getattr(item, "supports", 0))) and bool(
                getattr(item, "refuters", getattr(item, "refutes", 0))
            )
        rows.append({"text": str(text), "facts": facts, "contested": bool(contested)})
    return rows


def _stylesheet() -> str:
    return resources.files("claimgraph.report").joinpath("templates/report.css").read_text("utf-8")


def csp_hash(text: str) -> str:
    """The CSP source expression allowing exactly this inline block."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def report_context(
    view: ClaimView, *, discovered: Iterable[Any] = (), store: Any = None
) -> dict[str, Any]:
    """Template variables for the report (and for the app's claim page)."""
    cmap = view.cmap
    others: dict[str, list[Statement]] = {}
    if store is not None:
        for doc in view.documents:
            others[doc.id] = list(store.statements(doc_id=doc.id))

    def to_article(st: Statement) -> str:
        return "#" + element_id("a-", st.id)

    def to_card(st: Statement) -> str:
        return "#" + element_id("st-", st.id)

    largest = max([max(r.counts.values()) for r in view.rows] + [1])
    return {
        "view": view,
        "cmap": cmap,
        "claim": cmap.claim,
        "largest": largest,
        "contexts": {js.statement.id: context(js, link=to_article) for js in view.statements},
        "articles": {
            doc.id: article(doc, view.statements, others=others.get(doc.id, ()), back=to_card)
            for doc in view.documents
        },
        "doc_stances": {d.document.id: d.stance for d in cmap.documents},
        "timeline_svg": svg.timeline(view.points),
        "graph_svg": svg.graph(view.graph),
        "discovered": discovered_rows(discovered),
        "generated": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def render_report(cmap: ClaimMap, *, discovered: Iterable[Any] = (), store: Any = None) -> str:
    """One self-contained HTML page for a claim map (no script, no network).

    ``discovered`` are the link layer's contested claims to list at the end; with ``store``
    the article views also highlight the documents' other attributions.
    """
    env = make_env()
    css = _stylesheet()
    view = build_view(cmap)
    ctx = report_context(view, discovered=discovered, store=store)
    csp = (
        f"default-src 'none'; style-src {csp_hash(css)}; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )
    return env.get_template("report.html.j2").render(**ctx, css=Markup(css), csp=csp)
