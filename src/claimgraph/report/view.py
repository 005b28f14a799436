"""A ClaimMap arranged for display: matrix rows, timeline points, provenance graph, contexts.

Everything here reads the ClaimMap as built by the link layer; it only groups and counts
(no stance, attribution or provenance is recomputed). The same view feeds the HTML report,
the web app, and the CSV/GEXF/ClaimReview exports.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from claimgraph.model import ClaimMap, Document, JudgedStatement, Statement

SIDES: tuple[str, ...] = ("supports", "refutes", "neutral")
"""The sides shown (``unrelated`` statements are left out of every view)."""

SIDE_LABELS = {"supports": "Supports", "refutes": "Refutes", "neutral": "Reports / neutral"}
# Okabe-Ito palette (safe for the common colour-vision deficiencies), plus a shape per side
# so the sides differ without colour too.
SIDE_COLOURS = {"supports": "#0072B2", "refutes": "#D55E00", "neutral": "#7A7A7A"}
SIDE_SHAPES = {"supports": "circle", "refutes": "square", "neutral": "diamond"}

WRITER = "(article's own voice)"
UNATTRIBUTED = "(unattributed)"


def actor_key(statement: Statement) -> str:
    """The id a statement is grouped under: its actor, else its speaker, else the writer."""
    if statement.actor_id:
        return statement.actor_id
    if statement.speaker:
        return "speaker:" + statement.speaker
    return "writer" if statement.kind == "authorial" else "unattributed"


def actor_label(statement: Statement) -> str:
    if statement.speaker:
        return statement.speaker
    return WRITER if statement.kind == "authorial" else UNATTRIBUTED


@dataclass
class MatrixRow:
    """One actor's line in the stance matrix."""

    key: str
    name: str
    kind: str = "unknown"
    anonymous: bool = False
    role: str | None = None
    overall: str | None = None
    """The link layer's aggregated stance for the actor, when it gave one."""
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SIDES, 0))
    hedged: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SIDES, 0))
    statement_ids: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class TimelinePoint:
    """A dated statement on the timeline."""

    date: str
    """ISO date (``YYYY-MM-DD``; month/year precision padded to the first day)."""
    side: str
    statement_id: str
    label: str
    hedged: bool
    inferred: bool
    """Dated by the article's publication date, not by a time expression."""
    precision: str


@dataclass(frozen=True)
class Node:
    id: str
    label: str
    kind: str
    """actor, medium or outlet."""
    side: str | None = None
    """For actors: the side most of their statements take."""
    weight: int = 0


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    original: bool
    """False when every statement along it is an echo of another outlet's report."""
    weight: int
    sides: tuple[str, ...]


@dataclass
class Graph:
    nodes: list[Node]
    edges: list[Edge]

    def by_kind(self, kind: str) -> list[Node]:
        return [n for n in self.nodes if n.kind == kind]


@dataclass
class ClaimView:
    """Everything the templates need, computed once."""

    cmap: ClaimMap
    statements: list[JudgedStatement]
    """Shown statements (unrelated left out), ordered by side, then date."""
    rows: list[MatrixRow]
    points: list[TimelinePoint]
    undated: int
    graph: Graph
    documents: list[Document]
    """Documents the statements stand in, in first-seen order."""
    side_counts: dict[str, int]
    hedged_counts: dict[str, int]


def iso_day(value: str | None) -> str | None:
    """``YYYY``/``YYYY-MM``/``YYYY-MM-DD`` → ``YYYY-MM-DD`` (first day), else None."""
    if not value:
        return None
    parts = value[:10].split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else 1
        day = int(parts[2]) if len(parts) > 2 else 1
    except ValueError:
        return None
    if not (1 <= month <= 12 and 1 <= day <= 31 and 1 <= year <= 9999):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def statement_date(js: JudgedStatement) -> tuple[str | None, bool, str]:
    """(ISO day, inferred, precision) of a judged statement: its own date, else publication."""
    date = js.statement.date
    if date and date.value:
        day = iso_day(date.value)
        if day:
            return day, date.inferred, date.precision or "day"
    day = iso_day(js.document.published)
    precision = "day" if js.document.published and len(js.document.published) >= 10 else "month"
    return day, True, precision


def chain(js: JudgedStatement) -> tuple[str, str | None, str]:
    """(speaker, medium, outlet) names along which a statement reached the reader."""
    speaker = actor_label(js.statement)
    outlet = js.document.outlet or "(unknown outlet)"
    medium = js.statement.via
    if js.via_chain and len(js.via_chain) >= 3:
        medium = js.via_chain[1]
    if medium and medium.strip().casefold() == outlet.strip().casefold():
        medium = None
    return speaker, medium, outlet


def name_key(name: str | None) -> str:
    """A name compared across roles: case, spacing and a leading "the" ignored
    ("The New York Times" = "New York Times")."""
    key = " ".join((name or "").casefold().split())
    return key.removeprefix("the ")


def media_node_ids(statements: Iterable[JudgedStatement]) -> dict[str, str]:
    """Graph node id of each medium and outlet name (by ``name_key``): ``outlet:...`` for
    names that are some article's outlet, else ``medium:...``."""
    ids: dict[str, str] = {}
    rows = [chain(js) + (bool(js.document.outlet),) for js in statements]
    for _speaker, _medium, outlet, known in rows:
        if known:
            ids.setdefault(name_key(outlet), "outlet:" + outlet.casefold())
    for _speaker, medium, _outlet, _known in rows:
        if medium:
            ids.setdefault(name_key(medium), "medium:" + medium.casefold())
    return ids


def build_graph(statements: Iterable[JudgedStatement]) -> Graph:
    """Actors → media → outlets, weighted by statements; an edge is an echo when all its
    statements are echoes (``JudgedStatement.original`` false)."""
    nodes: dict[str, dict[str, object]] = {}
    edge_weight: Counter[tuple[str, str]] = Counter()
    edge_original: dict[tuple[str, str], bool] = {}
    edge_sides: dict[tuple[str, str], set[str]] = defaultdict(set)
    actor_sides: dict[str, Counter[str]] = defaultdict(Counter)

    def node(node_id: str, label: str, kind: str) -> str:
        entry = nodes.setdefault(node_id, {"label": label, "kind": kind, "weight": 0})
        entry["weight"] = int(entry["weight"]) + 1  # type: ignore[call-overload]
        return node_id

    statements = list(statements)
    media = media_node_ids(statements)
    for js in statements:
        speaker, medium, outlet = chain(js)
        side = js.stance.label
        # a speaker that is also a medium or an outlet ("CNN reported", "told CNN") is one node
        speaker_node = media.get(name_key(speaker))
        if speaker_node:
            a = node(speaker_node, speaker, speaker_node.split(":", 1)[0])
        else:
            a = node("actor:" + actor_key(js.statement), speaker, "actor")
        actor_sides[a][side] += 1
        if js.document.outlet:
            o = node(media[name_key(outlet)], outlet, "outlet")
        else:  # each outlet-less article is its own node, never one shared hub
            label = js.document.title or js.document.path or js.document.id[:12]
            o = node("document:" + js.document.id, f"{outlet}: {label}", "outlet")
        hops = [a]
        if medium:
            medium_id = media[name_key(medium)]
            hops.append(node(medium_id, medium, medium_id.split(":", 1)[0]))
        hops.append(o)
        for src, dst in zip(hops, hops[1:], strict=False):
            if src == dst:
                continue
            edge_weight[(src, dst)] += 1
            edge_original[(src, dst)] = edge_original.get((src, dst), False) or js.original
            edge_sides[(src, dst)].add(side)
    out_nodes = []
    for node_id, entry in nodes.items():
        main_side: str | None = None
        if node_id in actor_sides:
            main_side = actor_sides[node_id].most_common(1)[0][0]
        out_nodes.append(
            Node(node_id, str(entry["label"]), str(entry["kind"]), main_side, int(entry["weight"]))  # type: ignore[call-overload]
        )
    edges = [
        Edge(s, t, edge_original[(s, t)], w, tuple(x for x in SIDES if x in edge_sides[(s, t)]))
        for (s, t), w in edge_weight.items()
    ]
    return Graph(out_nodes, edges)


def build_view(cmap: ClaimMap) -> ClaimView:
    """Arrange a ClaimMap for display."""
    shown = [js for js in cmap.statements if js.stance.label in SIDES]
    side_rank = {s: i for i, s in enumerate(SIDES)}
    shown.sort(
        key=lambda js: (
            side_rank[js.stance.label],
            statement_date(js)[0] or "9999",
            js.statement.id,
        )
    )
    overall = {a.actor.id: a for a in cmap.actors}
    rows: dict[str, MatrixRow] = {}
    points: list[TimelinePoint] = []
    undated = 0
    docs: dict[str, Document] = {}
    side_counts = dict.fromkeys(SIDES, 0)
    hedged_counts = dict.fromkeys(SIDES, 0)
    for js in shown:
        st = js.statement
        side = js.stance.label
        hedged = js.stance.hedged or st.hedged
        key = actor_key(st)
        row = rows.get(key)
        if row is None:
            known = overall.get(st.actor_id or "")
            actor = known.actor if known else None
            row = MatrixRow(
                key=key,
                name=actor.name if actor else actor_label(st),
                kind=actor.kind if actor else ("anonymous" if st.anonymous else "unknown"),
                anonymous=actor.anonymous if actor else st.anonymous,
                role=(actor.role if actor else None) or st.role,
                overall=known.stance.label if known else None,
            )
            rows[key] = row
        row.counts[side] += 1
        row.statement_ids.append(st.id)
        side_counts[side] += 1
        if hedged:
            row.hedged[side] += 1
            hedged_counts[side] += 1
        day, inferred, precision = statement_date(js)
        if day:
            points.append(TimelinePoint(day, side, st.id, row.name, hedged, inferred, precision))
        else:
            undated += 1
        docs.setdefault(js.document.id, js.document)
    ordered = sorted(rows.values(), key=lambda r: (-r.total, r.name.casefold()))
    return ClaimView(
        cmap=cmap,
        statements=shown,
        rows=ordered,
        points=points,
        undated=undated,
        graph=build_graph(shown),
        documents=list(docs.values()),
        side_counts=side_counts,
        hedged_counts=hedged_counts,
    )
