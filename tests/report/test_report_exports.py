"""Exports: JSON, CSV, GEXF 1.3, ClaimReview JSON-LD."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
import report_builders as rb

from claimgraph.errors import UsageError
from claimgraph.model import ClaimMap
from claimgraph.report.exports import CSV_COLUMNS, EXPORTERS, claimreview, export

GEXF = "{http://gexf.net/1.3}"


def test_csv_one_row_per_statement_with_true_offsets(cmap: ClaimMap) -> None:
    rows = list(csv.DictReader(io.StringIO(export(cmap, "csv"))))
    assert len(rows) == 6
    assert tuple(rows[0]) == CSV_COLUMNS
    docs = {js.document.id: js.document for js in cmap.statements}
    for row in rows:
        text = docs[row["doc_id"]].text
        assert text[int(row["content_start"]) : int(row["content_end"])] == row["content"]
    by_side = {s: sum(r["stance"] == s for r in rows) for s in ("supports", "refutes", "neutral")}
    assert by_side == {"supports": 3, "refutes": 2, "neutral": 1}
    echo = [r for r in rows if r["original"] == "0"]
    assert len(echo) == 1 and echo[0]["via_chain"] == "Ada Okafor > Harbor Radio > The Courier"
    assert [r["hedged"] for r in rows if r["speaker"] == "Priya Raman"] == ["1"]


def test_csv_neutralises_spreadsheet_formulas(hostile: ClaimMap) -> None:
    doc = rb.make_doc('=HYPERLINK("http://evil") he said it.', outlet="+Outlet")
    st = rb.statement(doc, '=HYPERLINK("http://evil")', speaker="@speaker", actor_id="s")
    cmap = ClaimMap(rb.Claim("x"), (rb.judged(st, doc, "supports"),), (), ())
    row = next(csv.DictReader(io.StringIO(export(cmap, "csv"))))
    assert row["content"].startswith("'=") and row["speaker"] == "'@speaker"
    assert row["outlet"] == "'+Outlet"


def test_gexf_is_valid_graph(cmap: ClaimMap) -> None:
    text = export(cmap, "gexf")
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == f"{GEXF}gexf" and root.get("version") == "1.3"
    graph = root.find(f"{GEXF}graph")
    assert graph is not None and graph.get("defaultedgetype") == "directed"
    nodes = graph.findall(f"{GEXF}nodes/{GEXF}node")
    edges = graph.findall(f"{GEXF}edges/{GEXF}edge")
    ids = {n.get("id") for n in nodes}
    assert len(nodes) == 7  # 4 speakers, Harbor Radio, 2 outlets
    assert all(e.get("source") in ids and e.get("target") in ids for e in edges)
    assert len({e.get("id") for e in edges}) == len(edges)
    kinds = {
        n.get("label"): n.find(f"{GEXF}attvalues/{GEXF}attvalue[@for='n0']").get("value")
        for n in nodes
    }
    assert kinds["Harbor Radio"] == "medium" and kinds["The Courier"] == "outlet"
    originals = [e.find(f"{GEXF}attvalues/{GEXF}attvalue[@for='e0']").get("value") for e in edges]
    assert "false" in originals and "true" in originals


def test_gexf_survives_control_characters(hostile: ClaimMap) -> None:
    doc = rb.make_doc("Bad\x00name\x1b said it was fine.", outlet="Out\x01let")
    st = rb.statement(doc, "it was fine", speaker="Bad\x00name\x1b", actor_id="bad\x02id")
    cmap = ClaimMap(rb.Claim("fine\x07"), (rb.judged(st, doc, "refutes"),), (), ())
    root = ET.fromstring(export(cmap, "gexf").encode("utf-8"))
    labels = [n.get("label") for n in root.iter(f"{GEXF}node")]
    assert "Out\ufffdlet" in labels
    ET.fromstring(export(hostile, "gexf").encode("utf-8"))


def test_claimreview_without_rating(cmap: ClaimMap) -> None:
    review = json.loads(export(cmap, "claimreview"))
    assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == rb.CLAIM
    assert "reviewRating" not in review
    item = review["itemReviewed"]
    assert item["@type"] == "Claim" and len(item["appearance"]) == 6
    first = item["firstAppearance"]
    assert first["author"] == {"@type": "Person", "name": "senior commander"}
    ministry = [
        a
        for a in item["appearance"]
        if a.get("author", {}).get("name") == "Velorian Foreign Ministry"
    ]
    assert ministry and ministry[0]["author"]["@type"] == "Organization"
    courier = [a for a in item["appearance"] if a["publisher"]["name"] == "The Courier"]
    assert courier and all("url" not in a for a in courier), (
        "a javascript: URL must not be exported"
    )


def test_claimreview_with_rating() -> None:
    review = claimreview(
        rb.sample_cmap(),
        rating="Mostly false",
        rating_value=2,
        reviewer="Desk",
        url="https://desk.example/r/1",
    )
    assert review["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "Mostly false",
        "ratingValue": 2,
        "bestRating": 5,
        "worstRating": 1,
    }
    assert review["author"] == {"@type": "Organization", "name": "Desk"}
    assert review["url"] == "https://desk.example/r/1"
    with pytest.raises(UsageError):
        claimreview(rb.sample_cmap(), url="javascript:alert(1)")


def test_json_export_is_the_link_layer_dict(cmap: ClaimMap) -> None:
    from claimgraph.link import claim_map_to_dict

    assert json.loads(export(cmap, "json")) == json.loads(json.dumps(claim_map_to_dict(cmap)))


def test_unknown_format_is_a_usage_error(cmap: ClaimMap) -> None:
    assert set(EXPORTERS) == {"json", "csv", "gexf", "claimreview"}
    with pytest.raises(UsageError):
        export(cmap, "pdf")
