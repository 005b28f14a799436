"""Exports: outlet-less articles stay apart in GEXF; a news medium that also speaks is one
node; ClaimReview types media as NewsMediaOrganization, never Person."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import report_builders as rb

from claimgraph.model import Actor, ActorStance, Claim, ClaimMap, Stance
from claimgraph.report.exports import to_claimreview, to_gexf

NS = {"g": "http://gexf.net/1.3"}

LOOSE_1 = "Kell brigades armed\n\nOfficials said Valdosa supplies rifles to the Kell brigades.\n"
LOOSE_2 = "Rifles at the border\n\nA trader said Valdosa supplies rifles to the Kell brigades.\n"
WIRE = (
    "Valdosa and the brigades\n\n"
    "Lunmar Wire reported that Valdosa supplies rifles to the Kell brigades.\n\n"
    "General Ilse Varga told The Lunmar Wire that Valdosa supplies rifles to the brigades.\n"
)
OTHER = (
    "Denial from the capital\n\n"
    "The ministry told Lunmar Wire that it does not supply rifles to anyone.\n"
)


def _cmap() -> ClaimMap:
    loose_1 = rb.make_doc(LOOSE_1, title="Kell brigades armed", path="loose1.txt")
    loose_2 = rb.make_doc(LOOSE_2, title="Rifles at the border", path="loose2.txt")
    wire = rb.make_doc(WIRE, title="Valdosa and the brigades", outlet="Harbour Times")
    other = rb.make_doc(OTHER, title="Denial", outlet="Lunmar Wire")
    s1 = rb.statement(
        loose_1, "Valdosa supplies rifles to the Kell brigades", speaker="Officials", actor_id=None
    )
    s2 = rb.statement(
        loose_2, "Valdosa supplies rifles to the Kell brigades", speaker="A trader", actor_id=None
    )
    s3 = rb.statement(
        wire,
        "Valdosa supplies rifles to the Kell brigades.\n\nGeneral",
        speaker="Lunmar Wire",
        actor_id="lunmar-wire",
    )
    s4 = rb.statement(
        wire,
        "Valdosa supplies rifles to the brigades",
        speaker="Ilse Varga",
        actor_id="ilse-varga",
        via="The Lunmar Wire",
    )
    s5 = rb.statement(
        other,
        "it does not supply rifles to anyone",
        speaker="the ministry",
        actor_id="ministry",
        via="Lunmar Wire",
    )
    return ClaimMap(
        claim=Claim("Valdosa supplies rifles to the Kell brigades", id="c"),
        statements=(
            rb.judged(s1, loose_1, "supports"),
            rb.judged(s2, loose_2, "supports"),
            rb.judged(s3, wire, "supports"),
            rb.judged(s4, wire, "supports"),
            rb.judged(s5, other, "refutes"),
        ),
        actors=(
            ActorStance(
                Actor("lunmar-wire", "Lunmar Wire", kind="person"),
                Stance("supports", 0.8),
                (s3.id,),
            ),
            ActorStance(
                Actor("ilse-varga", "Ilse Varga", kind="person"), Stance("supports", 0.8), (s4.id,)
            ),
            ActorStance(
                Actor("ministry", "the ministry", kind="org"), Stance("refutes", 0.8), (s5.id,)
            ),
        ),
        documents=(),
    )


def _nodes() -> dict[str, tuple[str, str]]:
    root = ET.fromstring(to_gexf(_cmap()))
    nodes = {}
    for node in root.iterfind(".//g:node", NS):
        kind = node.find("g:attvalues/g:attvalue[@for='n0']", NS)
        assert kind is not None
        nodes[node.get("id") or ""] = (node.get("label") or "", kind.get("value") or "")
    return nodes


def test_outlet_less_articles_are_not_one_hub() -> None:
    nodes = _nodes()
    unknown = [label for label, kind in nodes.values() if "(unknown outlet)" in label]
    assert len(unknown) == 2
    assert any("Kell brigades armed" in label for label in unknown)
    assert "outlet:(unknown outlet)" not in nodes


def test_a_medium_that_speaks_is_one_node() -> None:
    nodes = _nodes()
    wire = [i for i, (label, _) in nodes.items() if "lunmar wire" in label.casefold()]
    assert len(wire) == 1, nodes
    assert nodes[wire[0]][1] == "outlet"
    assert not any(i.startswith("actor:") and "wire" in i for i in nodes)


def test_claimreview_types_media_as_news_organizations() -> None:
    review = json.loads(to_claimreview(_cmap()))
    authors = {
        a["author"]["name"]: a["author"]["@type"] for a in review["itemReviewed"]["appearance"]
    }
    assert authors["Lunmar Wire"] == "NewsMediaOrganization"
    assert authors["Ilse Varga"] == "Person"
    assert authors["the ministry"] == "Organization"


def test_a_known_outlet_is_a_news_organization_even_without_its_articles() -> None:
    cmap = rb.sample_cmap()
    doc = cmap.statements[0].document
    st = rb.statement(
        doc, "the Republic of Veloria is supplying drones", speaker="CNN", actor_id="cnn"
    )
    cmap = ClaimMap(
        claim=cmap.claim,
        statements=(rb.judged(st, doc, "supports"),),
        actors=(
            ActorStance(Actor("cnn", "CNN", kind="person"), Stance("supports", 0.8), (st.id,)),
        ),
        documents=(),
    )
    review = json.loads(to_claimreview(cmap))
    assert review["itemReviewed"]["appearance"][0]["author"]["@type"] == "NewsMediaOrganization"
