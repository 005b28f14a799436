"""The charts described once as Vega-Lite specs (report/charts.py): valid specs, marks kept
inside their bands, and the report's SVG rendered offline with no script and no fonts fetched."""

from __future__ import annotations

import json
import re
from importlib import resources

import jsonschema
import pytest
import report_builders as rb
from lxml import etree

from claimgraph.report.charts import LANE_MIN, MAX_SLOTS, timeline_spec, timeline_svg
from claimgraph.report.view import SIDE_COLOURS, SIDES, TimelinePoint, build_view


def points(n_same_day: int = 0) -> list[TimelinePoint]:
    """Invented points: a spread over two weeks plus ``n_same_day`` on one side and day."""
    spread = [
        TimelinePoint("2025-06-02", "supports", "p1", "Mayor Ilse Varga", False, False, "day"),
        TimelinePoint("2025-06-09", "refutes", "p2", "Port authority", True, False, "day"),
        TimelinePoint("2025-06-16", "neutral", "p3", "Harbour Post", False, True, "day"),
    ]
    crowd = [
        TimelinePoint(
            "2025-06-09", "supports", f"c{i:02d}", f"Council member {i}", False, False, "day"
        )
        for i in range(n_same_day)
    ]
    return spread + crowd


@pytest.fixture(scope="module")
def schema() -> dict:
    import altair

    text = resources.files(altair).joinpath("vegalite/v6/schema/vega-lite-schema.json")
    return json.loads(text.read_text("utf-8"))


@pytest.mark.parametrize("crowd", [0, 4, 30])
def test_timeline_spec_is_valid_vega_lite(schema: dict, crowd: int) -> None:
    spec = timeline_spec(points(crowd))
    assert spec is not None
    jsonschema.validate(spec, schema)
    json.dumps(spec)  # plain JSON: the app embeds it as is


def test_no_points_no_spec() -> None:
    assert timeline_spec([]) is None
    assert 'data-points="0"' in timeline_svg([])


@pytest.mark.parametrize("crowd", [0, 1, 2, 5, MAX_SLOTS, 40])
def test_marks_stay_inside_their_band(crowd: int) -> None:
    """Every mark's centre is at least its radius plus a margin inside its side's band, so
    a crowded day never spills over the neighbouring band or the axis labels."""
    spec = timeline_spec(points(crowd))
    assert spec is not None
    lane = spec["height"] / len(SIDES)
    assert lane >= LANE_MIN
    radius = (spec["mark"]["size"] / 3.14159) ** 0.5
    y_scale = spec["encoding"]["y"]["scale"]
    assert y_scale["paddingInner"] == 0 and y_scale["paddingOuter"] == 0, "bands are lane high"
    assert spec["encoding"]["yOffset"]["scale"] is None, "offsets are pixels in the band"
    offsets = [row["offset"] for row in spec["data"]["values"]]
    assert len(offsets) == 3 + crowd
    for offset in offsets:
        assert radius + 4 <= offset <= lane - radius - 4
    # crowded marks of one day are placed apart up to MAX_SLOTS
    crowd_offsets = {r["offset"] for r in spec["data"]["values"] if r["href"].startswith("#st-c")}
    assert len(crowd_offsets) == min(crowd, MAX_SLOTS)
    # the x domain is padded beyond the first and last date
    first, last = spec["encoding"]["x"]["scale"]["domain"]
    dates = [r["date"] for r in spec["data"]["values"]]
    assert first < min(dates) and last > max(dates)


def test_report_svg_is_static_offline_and_escaped() -> None:
    hostile = [
        TimelinePoint(
            "2025-06-02",
            "supports",
            "h1",
            '<script>alert(1)</script><b>"Mayor"</b>',
            False,
            False,
            "day",
        )
    ]
    svg = str(timeline_svg(points(3) + hostile))
    root = etree.fromstring(svg.encode("utf-8"))
    tags = {etree.QName(e).localname for e in root.iter() if isinstance(e.tag, str)}
    assert tags <= {"svg", "g", "path", "line", "rect", "text", "a"}, tags
    assert "<script" not in svg and "alert(1)</script>" not in svg
    assert "&lt;script&gt;" in svg, "the label is kept, escaped"
    # no style (the report's CSP allows only its own stylesheet), no font or URL fetched
    assert "style=" not in svg and "@font-face" not in svg and "url(" not in svg
    assert not re.search(r'href="(?!#st-)', svg), "links only to the page's statement cards"
    assert root.get("data-points") == "7" and root.get("width") == "100%"
    # labels are SVG text in the reader's sans-serif (no embedded or external font)
    families = {e.get("font-family") for e in root.iter("{*}text")}
    assert families and all(f and f.endswith("sans-serif") for f in families)


def test_report_and_app_use_the_same_spec() -> None:
    from claimgraph.web.render import viz_data

    view = build_view(rb.sample_cmap())
    spec = viz_data(view)["timeline"]
    assert spec == timeline_spec(view.points)
    sides = [row["side"] for row in spec["data"]["values"]]
    assert sorted(sides) == sorted(p.side for p in view.points)
    svg = str(timeline_svg(view.points))
    for side in SIDES:
        drawn = svg.count(f'stroke="{SIDE_COLOURS[side]}"')
        assert drawn >= sides.count(side)
