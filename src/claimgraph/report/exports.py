"""Exports of a claim map: JSON, statements as CSV, the source graph as GEXF, ClaimReview.

Exporters register in ``EXPORTERS`` (name -> function returning the file's text) the way a
plug-in would; ``export(cmap, fmt, **options)`` picks one. They read the ClaimMap only.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from claimgraph.errors import UsageError
from claimgraph.ingest.meta import known_outlets
from claimgraph.model import ClaimMap
from claimgraph.report.text import http_url, xml_safe
from claimgraph.report.view import (
    build_graph,
    build_view,
    chain,
    media_node_ids,
    name_key,
    statement_date,
)

Exporter = Callable[..., str]

CSV_COLUMNS = (
    "statement_id",
    "doc_id",
    "stance",
    "stance_confidence",
    "hedged",
    "speaker",
    "actor_id",
    "anonymous",
    "kind",
    "cue",
    "negated",
    "via",
    "content",
    "content_start",
    "content_end",
    "sentence_start",
    "sentence_end",
    "date",
    "date_inferred",
    "outlet",
    "title",
    "published",
    "url",
    "original",
    "via_chain",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def to_json(cmap: ClaimMap, **_: Any) -> str:
    """The claim map as JSON (the link layer's ``claim_map_to_dict``)."""
    from claimgraph.link import claim_map_to_dict

    return json.dumps(claim_map_to_dict(cmap), ensure_ascii=False, indent=2) + "\n"


def _cell(value: object) -> object:
    """A spreadsheet-safe cell: text that would start a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def to_csv(cmap: ClaimMap, *, include_unrelated: bool = False, **_: Any) -> str:
    """One row per statement, with its stance, offsets into the document text and provenance."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    items = cmap.statements if include_unrelated else build_view(cmap).statements
    for js in items:
        st, doc = js.statement, js.document
        day, inferred, _precision = statement_date(js)
        speaker, medium, outlet = chain(js)
        row = (
            st.id,
            doc.id,
            js.stance.label,
            f"{js.stance.confidence:.3f}",
            int(js.stance.hedged or st.hedged),
            st.speaker or "",
            st.actor_id or "",
            int(st.anonymous),
            st.kind,
            st.cue.text if st.cue else "",
            int(st.negated),
            st.via or "",
            st.content.text,
            st.content.start,
            st.content.end,
            st.sentence.start if st.sentence else "",
            st.sentence.end if st.sentence else "",
            day or "",
            int(inferred) if day else "",
            doc.outlet or "",
            doc.title or "",
            doc.published or "",
            doc.url or "",
            int(js.original),
            " > ".join(js.via_chain)
            if js.via_chain
            else " > ".join(x for x in (speaker, medium, outlet) if x),
        )
        writer.writerow([_cell(v) for v in row])
    return out.getvalue()


GEXF_NS = "http://gexf.net/1.3"
VIZ_NS = "http://gexf.net/1.3/viz"
_GEXF_COLOURS = {"supports": (0, 114, 178), "refutes": (213, 94, 0), "neutral": (122, 122, 122)}


def to_gexf(cmap: ClaimMap, **_: Any) -> str:
    """The actor → medium → outlet graph as GEXF 1.3 (Gephi), with stance and echo attributes."""
    ET.register_namespace("", GEXF_NS)
    ET.register_namespace("viz", VIZ_NS)
    view = build_view(cmap)
    graph = build_graph(view.statements)
    root = ET.Element(f"{{{GEXF_NS}}}gexf", {"version": "1.3"})
    meta = ET.SubElement(
        root, f"{{{GEXF_NS}}}meta", {"lastmodifieddate": datetime.now(UTC).strftime("%Y-%m-%d")}
    )
    ET.SubElement(meta, f"{{{GEXF_NS}}}creator").text = "claimgraph"
    ET.SubElement(meta, f"{{{GEXF_NS}}}description").text = xml_safe(
        "Provenance of statements on: " + cmap.claim.text
    )
    g = ET.SubElement(
        root, f"{{{GEXF_NS}}}graph", {"defaultedgetype": "directed", "mode": "static"}
    )
    node_attrs = ET.SubElement(g, f"{{{GEXF_NS}}}attributes", {"class": "node"})
    for i, (title, kind) in enumerate(
        (("kind", "string"), ("side", "string"), ("statements", "integer"))
    ):
        ET.SubElement(
            node_attrs, f"{{{GEXF_NS}}}attribute", {"id": f"n{i}", "title": title, "type": kind}
        )
    edge_attrs = ET.SubElement(g, f"{{{GEXF_NS}}}attributes", {"class": "edge"})
    for i, (title, kind) in enumerate((("original", "boolean"), ("sides", "string"))):
        ET.SubElement(
            edge_attrs, f"{{{GEXF_NS}}}attribute", {"id": f"e{i}", "title": title, "type": kind}
        )
    nodes = ET.SubElement(g, f"{{{GEXF_NS}}}nodes")
    for node in graph.nodes:
        el = ET.SubElement(
            nodes, f"{{{GEXF_NS}}}node", {"id": xml_safe(node.id), "label": xml_safe(node.label)}
        )
        values = ET.SubElement(el, f"{{{GEXF_NS}}}attvalues")
        for key, value in (("n0", node.kind), ("n1", node.side or ""), ("n2", str(node.weight))):
            ET.SubElement(values, f"{{{GEXF_NS}}}attvalue", {"for": key, "value": value})
        r, gr, b = _GEXF_COLOURS.get(node.side or "", (59, 59, 64))
        ET.SubElement(el, f"{{{VIZ_NS}}}color", {"r": str(r), "g": str(gr), "b": str(b)})
        ET.SubElement(el, f"{{{VIZ_NS}}}size", {"value": f"{4 + 2 * node.weight:.1f}"})
    edges = ET.SubElement(g, f"{{{GEXF_NS}}}edges")
    for i, edge in enumerate(graph.edges):
        el = ET.SubElement(
            edges,
            f"{{{GEXF_NS}}}edge",
            {
                "id": str(i),
                "source": xml_safe(edge.source),
                "target": xml_safe(edge.target),
                "weight": f"{float(edge.weight):.1f}",
            },
        )
        values = ET.SubElement(el, f"{{{GEXF_NS}}}attvalues")
        ET.SubElement(
            values, f"{{{GEXF_NS}}}attvalue", {"for": "e0", "value": str(edge.original).lower()}
        )
        ET.SubElement(
            values, f"{{{GEXF_NS}}}attvalue", {"for": "e1", "value": ",".join(edge.sides)}
        )
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def claimreview(
    cmap: ClaimMap,
    *,
    rating: str | None = None,
    rating_value: int | None = None,
    best_rating: int | None = None,
    worst_rating: int | None = None,
    reviewer: str | None = None,
    url: str | None = None,
) -> dict[str, Any]:
    """schema.org ClaimReview for the claim: the Claim reviewed with one appearance per
    statement (its article, publisher and speaker). ``reviewRating`` appears only when the
    user gives a rating; claimgraph never rates a claim itself."""
    view = build_view(cmap)
    media = set(media_node_ids(view.statements)) | {name_key(n) for n in known_outlets()}
    appearances = []
    first: tuple[str, dict[str, Any]] | None = None
    for js in view.statements:
        st, doc = js.statement, js.document
        day, _inferred, _precision = statement_date(js)
        work: dict[str, Any] = {"@type": "CreativeWork", "text": st.content.text}
        if doc.title:
            work["headline"] = doc.title
        link = http_url(doc.url)
        if link:
            work["url"] = link
        if doc.published:
            work["datePublished"] = doc.published
        if doc.outlet:
            work["publisher"] = {"@type": "Organization", "name": doc.outlet}
        speaker = st.speaker
        if speaker:
            kind = _schema_type(cmap, st.actor_id, speaker, media)
            work["author"] = {"@type": kind, "name": speaker}
        work["description"] = (
            f"{js.stance.label}{' (hedged)' if js.stance.hedged or st.hedged else ''}"
        )
        appearances.append(work)
        if js.stance.label == "supports" and day and (first is None or day < first[0]):
            first = (day, work)
    item: dict[str, Any] = {"@type": "Claim", "appearance": appearances}
    if first is not None:
        item["firstAppearance"] = first[1]
        if "author" in first[1]:
            item["author"] = first[1]["author"]
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": cmap.claim.text,
        "datePublished": datetime.now(UTC).strftime("%Y-%m-%d"),
        "itemReviewed": item,
    }
    if url:
        link = http_url(url)
        if link is None:
            raise UsageError(f"the review URL must be http(s): {url!r}")
        review["url"] = link
    if reviewer:
        review["author"] = {"@type": "Organization", "name": reviewer}
    if rating or rating_value is not None:
        rating_obj: dict[str, Any] = {"@type": "Rating"}
        if rating:
            rating_obj["alternateName"] = rating
        if rating_value is not None:
            rating_obj["ratingValue"] = rating_value
            rating_obj["bestRating"] = best_rating if best_rating is not None else 5
            rating_obj["worstRating"] = worst_rating if worst_rating is not None else 1
        review["reviewRating"] = rating_obj
    return review


def _schema_type(cmap: ClaimMap, actor_id: str | None, speaker: str, media: set[str]) -> str:
    """schema.org type of a speaker: NewsMediaOrganization for a news medium (a known outlet,
    or a medium or outlet of this map), Organization for institutions and places, else Person."""
    if name_key(speaker) in media:
        return "NewsMediaOrganization"
    for stance in cmap.actors:
        if stance.actor.id == actor_id:
            return "Organization" if stance.actor.kind in ("org", "gpe") else "Person"
    return "Person"


def to_claimreview(cmap: ClaimMap, **options: Any) -> str:
    """ClaimReview JSON-LD text (see :func:`claimreview` for the options)."""
    return json.dumps(claimreview(cmap, **options), ensure_ascii=False, indent=2) + "\n"


EXPORTERS: dict[str, Exporter] = {
    "json": to_json,
    "csv": to_csv,
    "gexf": to_gexf,
    "claimreview": to_claimreview,
}
"""Format name -> exporter. Register another with ``EXPORTERS["name"] = function``."""


def export(cmap: ClaimMap, fmt: str, **options: Any) -> str:
    """The claim map in format ``fmt`` (one of ``EXPORTERS``)."""
    try:
        exporter = EXPORTERS[fmt]
    except KeyError as e:
        known = ", ".join(sorted(EXPORTERS))
        raise UsageError(f"unknown export format {fmt!r} (known: {known})") from e
    return exporter(cmap, **options)
