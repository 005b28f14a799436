"""The claim map's charts, each described once as a Vega-Lite spec and rendered twice.

``timeline_spec(points)`` is plain JSON: the report turns it into SVG on the server with
vl-convert (``to_svg``: no script in the page, no network, text as SVG ``<text>`` in the
reader's own sans-serif font), and the web app hands the very same spec to vega-embed.

The timeline puts one band per side on the y axis; statements of the same side and day are
stacked alternately above and below the band's centre line (``yOffset`` in pixels, at most
``MAX_SLOTS`` apart, then sharing places) and the band is made tall enough for the highest
stack, so a mark never leaves its band and never reaches the axis labels. The x domain is padded by two days
on each side, so the first and last marks stay clear of the side labels and the right edge.
"""

from __future__ import annotations

import json
import math
import re
from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from markupsafe import Markup

from claimgraph.report.text import element_id, safe
from claimgraph.report.view import SIDE_COLOURS, SIDE_LABELS, SIDE_SHAPES, SIDES, TimelinePoint

VEGA_LITE_VERSION = "6.4"
"""The Vega-Lite the report is rendered with; the app vendors the same major.minor."""

FONT = '"Helvetica Neue", Helvetica, Arial, "Liberation Sans", sans-serif'
INK = "#1d1d1f"
MUTED = "#6b6b70"
RULE = "#e3e3e8"

MAX_SLOTS = 9
"""Most marks of one side and day placed apart; more than that share sub-bands (in band)."""
LANE_MIN = 56
SLOT_PX = 13


def slot_offset(slot: int) -> int:
    """Pixels from the band's centre line for the ``slot``-th mark of a side and day: the
    first on the line, then alternately above and below."""
    step = (slot + 1) // 2
    return step * SLOT_PX * (-1 if slot % 2 else 1)


def _ticks(first: date, last: date) -> dict[str, Any]:
    """Axis ticks and label format for a date range (days for short spans, months else)."""
    span = (last - first).days
    if span > 120:
        step = max(1, round(span / 30 / 7))
        return {"tickCount": {"interval": "month", "step": step}, "format": "%b %Y"}
    step = max(1, math.ceil(span / 7))
    return {"tickCount": {"interval": "day", "step": step}, "format": "%d %b %Y"}


def timeline_rows(points: list[TimelinePoint]) -> tuple[list[dict[str, Any]], int]:
    """The timeline's data rows (one per dated statement) and the band height in pixels;
    ``offset`` is a mark's distance from its band's top edge."""
    counts: dict[tuple[str, str], int] = defaultdict(int)
    rows: list[dict[str, Any]] = []
    for p in sorted(points, key=lambda p: (p.date, SIDES.index(p.side), p.statement_id)):
        n = counts[(p.side, p.date)]
        counts[(p.side, p.date)] += 1
        tip = f"{' '.join(p.label.split())} — {p.date}"
        tip += " (publication date)" if p.inferred else ""
        tip += " — hedged" if p.hedged else ""
        rows.append(
            {
                "date": p.date,
                "side": p.side,
                "lane": SIDE_LABELS[p.side],
                "slot": n % MAX_SLOTS,
                "inferred": p.inferred,
                "hedged": p.hedged,
                "tip": tip,
                "href": "#" + element_id("st-", p.statement_id),
            }
        )
    slots = min(MAX_SLOTS, max(counts.values(), default=1))
    reach = max(abs(slot_offset(n)) for n in range(slots))
    lane = max(LANE_MIN, 2 * (reach + 12))
    for row in rows:
        row["offset"] = lane // 2 + slot_offset(row.pop("slot"))
    return rows, lane


def timeline_spec(points: list[TimelinePoint], *, width: int = 700) -> dict[str, Any] | None:
    """The timeline as a Vega-Lite spec (None when no statement is dated)."""
    if not points:
        return None
    rows, lane = timeline_rows(points)
    days = sorted(date.fromisoformat(p.date) for p in points)
    first, last = days[0] - timedelta(days=2), days[-1] + timedelta(days=2)
    sides = list(SIDES)
    colours = [SIDE_COLOURS[s] for s in sides]

    def side_scale(rng: list[str]) -> dict[str, Any]:
        return {"field": "side", "type": "nominal", "scale": {"domain": sides, "range": rng}}

    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "description": f"Timeline of {len(points)} dated statements, one band per side.",
        "width": width,
        "height": lane * len(sides),
        "background": "#ffffff",
        "padding": {"left": 4, "right": 16, "top": 8, "bottom": 4},
        "data": {"values": rows},
        "mark": {"type": "point", "filled": True, "size": 80, "strokeWidth": 1.8, "opacity": 1},
        "encoding": {
            "x": {
                "field": "date",
                "type": "temporal",
                "scale": {"type": "utc", "domain": [first.isoformat(), last.isoformat()]},
                "axis": {"title": None, "grid": True, "labelColor": MUTED, **_ticks(first, last)},
            },
            "y": {
                "field": "lane",
                "type": "nominal",
                "scale": {
                    "domain": [SIDE_LABELS[s] for s in sides],
                    "paddingInner": 0,
                    "paddingOuter": 0,
                },
                "axis": {
                    "title": None,
                    "labelFontSize": 13,
                    "labelFontWeight": 600,
                    "labelPadding": 10,
                    "ticks": False,
                    "domain": False,
                    "labelColor": {
                        "condition": [
                            {
                                "test": f"datum.value === {json.dumps(SIDE_LABELS[s])}",
                                "value": SIDE_COLOURS[s],
                            }
                            for s in sides
                        ],
                        "value": INK,
                    },
                },
            },
            # pixels from the band's top edge (bands have no padding: each is ``lane`` high);
            # a mark is at least 12 px inside its band
            "yOffset": {"field": "offset", "type": "quantitative", "scale": None},
            "shape": {
                **side_scale([SIDE_SHAPES[s] for s in sides]),
                "legend": None,
            },
            "stroke": {**side_scale(colours), "legend": None},
            "fill": {
                "condition": {"test": "datum.inferred", "value": "#ffffff"},
                **side_scale(colours),
                "legend": None,
            },
            "href": {"field": "href", "type": "nominal"},
            "description": {"field": "tip", "type": "nominal"},
            "tooltip": {"field": "tip", "type": "nominal"},
        },
        "config": {
            "font": FONT,
            "view": {"stroke": RULE},
            "axis": {"labelFontSize": 11, "gridColor": RULE},
        },
    }


# vl-convert resolves links against its own loader's base URL; the spec's links are
# fragments of the page (``#st-...``), put back as such.
_LOADER_BASE = re.compile(r'(xlink:href|href)="https://vega\.github\.io/vega-datasets/(#[^"]*)"')
_SIZE = re.compile(r'^<svg ([^>]*?)width="[\d.]+" height="[\d.]+"')


def to_svg(spec: dict[str, Any], *, css_class: str, label: str, **data: Any) -> Markup:
    """A spec rendered to an inline SVG on the server (vl-convert; no network access),
    scaled to its container, with ``css_class``, an aria label and ``data-*`` attributes."""
    import vl_convert

    svg = vl_convert.vegalite_to_svg(spec, vl_version=VEGA_LITE_VERSION, allowed_base_urls=[])
    svg = _LOADER_BASE.sub(r'\1="\2"', svg).replace(' class="marks"', "", 1)
    attrs = f'class="chart {css_class}" role="img" aria-label="{safe(label)}"'
    attrs += "".join(f' data-{k.replace("_", "-")}="{safe(str(v))}"' for k, v in data.items())
    svg, found = _SIZE.subn(lambda m: f'<svg {m.group(1)}width="100%" {attrs}', svg, count=1)
    if not found:
        raise ValueError("vl-convert returned an SVG without a size")
    return Markup(svg)


def timeline_svg(points: list[TimelinePoint], *, width: int = 700) -> Markup:
    """The report's timeline: the spec as SVG, or a line saying nothing is dated."""
    spec = timeline_spec(points, width=width)
    if spec is None:
        return Markup('<p class="chart timeline muted" data-points="0">No dated statements.</p>')
    return to_svg(
        spec,
        css_class="timeline",
        label=f"timeline of {len(points)} dated statements",
        points=len(points),
    )
