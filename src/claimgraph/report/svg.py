"""Glyphs and the graph drawn as SVG on the server: the stance matrix's bubbles, the legend's
shapes, the provenance graph (the timeline is a Vega-Lite spec: ``claimgraph.report.charts``).

Server-side SVG needs no script, so the emailed report works with scripts blocked and its
Content-Security-Policy can forbid them outright. Every label is escaped with ``safe``.
"""

from __future__ import annotations

import math

from markupsafe import Markup

from claimgraph.report.text import safe
from claimgraph.report.view import (
    SIDE_COLOURS,
    SIDE_LABELS,
    SIDE_SHAPES,
    SIDES,
    Graph,
    Node,
)

INK = "#1d1d1f"
MUTED = "#6b6b70"
RULE = "#d9d9de"


def shape(
    kind: str, x: float, y: float, r: float, *, fill: str, stroke: str, extra: str = ""
) -> str:
    """An SVG circle, square or diamond centred on (x, y)."""
    if kind == "square":
        s = r * 1.75
        return (
            f'<rect x="{x - s / 2:.1f}" y="{y - s / 2:.1f}" width="{s:.1f}" height="{s:.1f}" '
            f'fill="{fill}" stroke="{stroke}" stroke-width="1.5"{extra}/>'
        )
    if kind == "diamond":
        d = r * 1.3
        pts = f"{x:.1f},{y - d:.1f} {x + d:.1f},{y:.1f} {x:.1f},{y + d:.1f} {x - d:.1f},{y:.1f}"
        return (
            f'<polygon points="{pts}" fill="{fill}" stroke="{stroke}" stroke-width="1.5"{extra}/>'
        )
    return (
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{fill}" stroke="{stroke}" '
        f'stroke-width="1.5"{extra}/>'
    )


def bubble(count: int, hedged: int, side: str, largest: int) -> Markup:
    """A matrix cell: a shape sized by the statement count, a dashed ring when some are hedged."""
    if count <= 0:
        return Markup('<span class="zero" aria-label="none">·</span>')
    size = 44
    r = 5 + 14 * math.sqrt(count / max(largest, 1))
    c = size / 2
    colour = SIDE_COLOURS[side]
    ring = ""
    if hedged:
        ring = (
            f'<circle cx="{c}" cy="{c}" r="{min(r + 3.5, c - 0.5):.1f}" fill="none" '
            f'stroke="{INK}" stroke-width="1.2" stroke-dasharray="2 2"/>'
        )
    label = f"{count} {SIDE_LABELS[side].lower()}" + (f", {hedged} hedged" if hedged else "")
    mark = shape(SIDE_SHAPES[side], c, c, r, fill=colour, stroke="#ffffff")
    return Markup(
        f'<svg class="bubble" width="{size}" height="{size}" viewBox="0 0 {size} {size}" '
        f'role="img" aria-label="{safe(label)}" data-count="{count}" data-hedged="{hedged}">'
        f"<title>{safe(label)}</title>{ring}{mark}</svg>"
        f'<span class="count">{count}</span>'
        + (f'<span class="hedge-note" title="hedged">~{hedged}</span>' if hedged else "")
    )


def _clip(text: str, n: int = 26) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


GRAPH_ROW, GRAPH_TOP, GRAPH_BOX_W, GRAPH_BOX_H = 30, 40, 200, 22


def graph_layout(g: Graph, *, width: int = 880) -> tuple[dict[str, tuple[float, float]], int]:
    """Top-left corner of each node's box in three columns (speakers, media, outlets), and
    the number of rows. Speakers are grouped by side; media and outlets sit near the
    weighted mean row of what feeds them (fewer crossings), one row apart at least."""
    columns: dict[str, list[Node]] = {"actor": [], "medium": [], "outlet": []}
    for node in g.nodes:
        columns[node.kind].append(node)
    side_rank = {s: i for i, s in enumerate(SIDES)}
    columns["actor"].sort(key=lambda n: (side_rank.get(n.side or "", 9), -n.weight, n.label))
    pos: dict[str, tuple[float, float]] = {}
    row_h, top, box_w = GRAPH_ROW, GRAPH_TOP, GRAPH_BOX_W
    xs = {"actor": 20.0, "medium": (width - box_w) / 2, "outlet": width - box_w - 20.0}
    for i, node in enumerate(columns["actor"]):
        pos[node.id] = (xs["actor"], top + i * row_h)
    rows = max([len(c) for c in columns.values()] + [1])
    bottom = top + (rows - 1) * row_h
    for kind in ("medium", "outlet"):

        def centre(node: Node) -> float:
            feeds = [
                (pos[e.source][1], e.weight)
                for e in g.edges
                if e.target == node.id and e.source in pos
            ]
            total = sum(w for _, w in feeds)
            return sum(y * w for y, w in feeds) / total if total else bottom

        ordered = sorted(columns[kind], key=lambda n: (centre(n), n.label))
        ys: list[float] = []
        for node in ordered:
            ys.append(max(min(centre(node), bottom), ys[-1] + row_h if ys else top))
        overflow = (ys[-1] - bottom) if ys else 0
        if overflow > 0:
            ys = [max(top + i * row_h, y - overflow) for i, y in enumerate(ys)]
        for node, y in zip(ordered, ys, strict=True):
            pos[node.id] = (xs[kind], y)
    return pos, rows


def graph(g: Graph, *, width: int = 880) -> Markup:
    """The provenance graph in three columns: speakers → media → outlets.

    Solid edges carry at least one original (first-hand) statement; dashed edges only echoes.
    """
    pos, rows = graph_layout(g, width=width)
    row_h, top, box_w, box_h = GRAPH_ROW, GRAPH_TOP, GRAPH_BOX_W, GRAPH_BOX_H
    columns: dict[str, list[Node]] = {"actor": [], "medium": [], "outlet": []}
    for node in g.nodes:
        columns[node.kind].append(node)
    xs = {"actor": 20.0, "medium": (width - box_w) / 2, "outlet": width - box_w - 20.0}
    height = top + rows * row_h + 10
    parts = [
        f'<svg class="provenance" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-label="provenance graph" data-nodes="{len(g.nodes)}" data-edges="{len(g.edges)}">'
    ]
    for kind, title in (("actor", "Speakers"), ("medium", "Via"), ("outlet", "Outlets")):
        if columns[kind] or kind != "medium":
            parts.append(
                f'<text x="{xs[kind]}" y="20" font-size="12" font-weight="600" '
                f'fill="{MUTED}" letter-spacing="0.06em">{title.upper()}</text>'
            )
    for e in g.edges:
        if e.source not in pos or e.target not in pos:
            continue
        x1, y1 = pos[e.source]
        x2, y2 = pos[e.target]
        x1 += box_w
        y1 += box_h / 2
        y2 += box_h / 2
        mid = (x1 + x2) / 2
        colour = SIDE_COLOURS[e.sides[0]] if len(e.sides) == 1 else MUTED
        dash = "" if e.original else ' stroke-dasharray="5 4"'
        w = 1.2 + math.log2(e.weight) if e.weight > 1 else 1.2
        kind = "original" if e.original else "echo"
        parts.append(
            f'<path class="edge {kind}" d="M{x1:.1f},{y1:.1f} C{mid:.1f},{y1:.1f} {mid:.1f},{y2:.1f} '
            f'{x2:.1f},{y2:.1f}" fill="none" stroke="{colour}" stroke-opacity="0.7" '
            f'stroke-width="{w:.1f}"{dash}><title>{e.weight} statement(s), {kind}</title></path>'
        )
    for node in g.nodes:
        x, y = pos[node.id]
        colour = SIDE_COLOURS.get(node.side or "", "#3b3b40") if node.kind == "actor" else "#3b3b40"
        fill = "#ffffff" if node.kind != "outlet" else "#f3f3f5"
        parts.append(
            f'<g class="node {node.kind}"><title>{safe(node.label)} ({node.weight})</title>'
            f'<rect x="{x}" y="{y}" width="{box_w}" height="{box_h}" rx="4" fill="{fill}" '
            f'stroke="{colour}" stroke-width="{2 if node.kind == "actor" else 1}"/>'
            f'<text x="{x + 8}" y="{y + 15}" font-size="12" fill="{INK}">'
            f"{safe(_clip(node.label))}</text>"
            f'<text x="{x + box_w - 8}" y="{y + 15}" font-size="11" text-anchor="end" '
            f'fill="{MUTED}">{node.weight}</text></g>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))
