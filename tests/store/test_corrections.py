"""Users' corrections: stored as annotations, applied on every read, kept across re-analysis;
bad input changes nothing. Invented articles."""

from __future__ import annotations

import dataclasses
import json

import pytest
from store_helpers import make_doc

from claimgraph.errors import InputError
from claimgraph.model import Actor, DocAnalysis, Span, Statement
from claimgraph.store import open_store
from claimgraph.store.corrections import correction_from_dict, import_corrections, record

TEXT_A = "Lida Moen said the bay was closed. The harbour chief said rifles came by night."
TEXT_B = "L. Moen said the ferry was late."


def _analysis(doc, parts):
    statements = []
    for i, (content, actor) in enumerate(parts):
        start = doc.text.index(content)
        statements.append(
            Statement(
                id=f"{doc.id[:8]}-{i}",
                doc_id=doc.id,
                kind="indirect",
                content=Span.of(doc.text, start, start + len(content)),
                speaker=actor,
                actor_id=actor,
            )
        )
    actors = tuple(Actor(a, a.replace("-", " ").title(), "person") for a in {p[1] for p in parts})
    return DocAnalysis(doc_id=doc.id, statements=tuple(statements), actors=actors)


@pytest.fixture
def store(tmp_path):
    s = open_store(str(tmp_path / "c.db"))
    a, b = make_doc(TEXT_A), make_doc(TEXT_B)
    s.put(
        a,
        _analysis(a, [("the bay was closed", "lida-moen"), ("rifles came by night", "lida-moen")]),
    )
    s.put(b, _analysis(b, [("the ferry was late", "l-moen")]))
    yield s
    s.close()


def _ids(store):
    return {a.id: (a.name, n, a.corrections) for a, n in store.actors()}


def test_merge_is_applied_on_read_and_kept_after_reanalysis(store) -> None:
    c = record(store, "actor_merge", "lida-moen", {"merged": "l-moen"}, author="ed", note="same")
    actors = _ids(store)
    assert "l-moen" not in actors and actors["lida-moen"][1] == 3
    assert actors["lida-moen"][2] == (c.id,)  # shown as corrected
    assert {s.actor_id for s in store.statements()} == {"lida-moen"}
    assert len(list(store.statements(actor_id="lida-moen"))) == 3
    # re-analysis replaces the analysis; the correction still applies, nothing deleted
    b = store.document(make_doc(TEXT_B).id)
    store.put_analysis(_analysis(b, [("the ferry was late", "l-moen")]))
    assert {s.actor_id for s in store.statements()} == {"lida-moen"}
    assert [x.id for x in store.corrections()] == [c.id]
    assert (c.author, c.note) == ("ed", "same") and c.created_at


def test_split_and_rename(store) -> None:
    doc = make_doc(TEXT_A)
    moved = f"{doc.id[:8]}-1"
    record(
        store,
        "actor_split",
        "lida-moen",
        {"name": "Harbour chief", "statements": [moved]},
        author="ed",
    )
    by_id = {s.id: s.actor_id for s in store.statements()}
    assert by_id[moved] != "lida-moen" and by_id[f"{doc.id[:8]}-0"] == "lida-moen"
    names = {a.name for a, _ in store.actors()}
    assert "Harbour chief" in names
    record(store, "actor_rename", "lida-moen", {"name": "Lida Moen-Aas"}, author="ed")
    renamed = next(a for a, _ in store.actors() if a.id == "lida-moen")
    assert renamed.name == "Lida Moen-Aas" and "Lida Moen" in renamed.aliases


@pytest.mark.parametrize(
    ("kind", "target", "payload", "reason"),
    [
        ("actor_merge", "lida-moen", {"merged": "nobody"}, "unknown actor id"),
        ("actor_merge", "nobody", {"merged": "l-moen"}, "unknown actor id"),
        ("actor_merge", "l-moen", {"merged": "l-moen"}, "into itself"),
        ("actor_rename", "nobody", {"name": "X"}, "unknown actor id"),
        ("actor_split", "lida-moen", {"name": "X", "statements": ["nope"]}, "unknown statement"),
        ("stance_set", "nope", {"label": "supports", "claim": "c"}, "unknown statement"),
        ("stance_set", "x", {"label": "agrees", "claim": "c"}, "unknown stance label"),
        ("renumber", "x", {}, "unknown correction kind"),
    ],
)
def test_bad_corrections_change_nothing(store, kind, target, payload, reason) -> None:
    before = (_ids(store), [s.actor_id for s in store.statements()])
    with pytest.raises(InputError, match=reason):
        record(store, kind, target, payload, author="ed")
    assert store.corrections() == []
    assert (_ids(store), [s.actor_id for s in store.statements()]) == before


def test_export_import_round_trip_and_invalid_file(store, tmp_path) -> None:
    c = record(store, "actor_merge", "lida-moen", {"merged": "l-moen"}, author="ed")
    exported = json.loads(json.dumps([x.to_dict() for x in store.corrections()]))
    other = open_store(str(tmp_path / "other.db"))
    for doc_id in [make_doc(TEXT_A).id, make_doc(TEXT_B).id]:
        other.put(store.document(doc_id), store.analysis(doc_id))
    # the stored analysis reads corrected: the copy carries lida-moen; re-put the original
    other.put_analysis(
        _analysis(store.document(make_doc(TEXT_B).id), [("the ferry was late", "l-moen")])
    )
    bad = [*exported, {"kind": "stance_set", "target": "x", "payload": {"label": "nope"}}]
    with pytest.raises(InputError, match="item 2"):
        import_corrections(other, bad, where="team.json")
    assert other.corrections() == []
    assert [x.id for x in import_corrections(other, exported, where="team.json")] == [c.id]
    assert import_corrections(other, exported, where="team.json") == []  # already there
    assert "l-moen" not in {a.id for a, _ in other.actors()}
    other.close()
    with pytest.raises(InputError, match="must be a JSON object"):
        correction_from_dict([1, 2], where="team.json")


def test_stance_correction_wins_over_the_judge(store) -> None:
    from claimgraph.link.claimmap import stance_corrections

    sid = f"{make_doc(TEXT_A).id[:8]}-0"
    c = record(
        store, "stance_set", sid, {"label": "refutes", "claim": "The bay is open"}, author="ed"
    )
    found = stance_corrections(store, "the bay  is open")
    assert found[sid].label == "refutes" and found[sid].judge.endswith(c.id)
    assert stance_corrections(store, "Another claim") == {}
    assert dataclasses.asdict(store.corrections()[0])["kind"] == "stance_set"


def test_m004_upgrades_a_store_of_the_previous_version(tmp_path, monkeypatch) -> None:  # noqa: ANN001
    import sqlite3

    from claimgraph.store import migrations, sqlite

    path = str(tmp_path / "old.db")
    doc = make_doc("Tor Aas said the ferry was late. In 2001 the quay was built.")
    before = tuple(m for m in migrations.SQLITE_MIGRATIONS if m[0] != "m004_corrections_and_dates")
    with monkeypatch.context() as patch:  # a store as the previous version left it
        patch.setattr(sqlite, "SQLITE_MIGRATIONS", before)
        old = open_store(path)
        old.put(doc)
        old.close()
    conn = sqlite3.connect(path)
    for seq, (inferred, span) in enumerate([(0, None), (1, None), (1, (36, 43))]):
        conn.execute(
            "INSERT INTO statements (id, doc_id, seq, kind, content_start, content_end, "
            "content_text, anonymous, negated, hedged, confidence, component, date_value, "
            "date_precision, date_inferred, date_span_start, date_span_end, date_span_text) "
            "VALUES (?, ?, ?, 'indirect', 12, 31, 'the ferry was late', 0, 0, 0, 1.0, 'old', "
            "'2001', 'year', ?, ?, ?, ?)",
            (
                f"s{seq}",
                doc.id,
                seq,
                inferred,
                *(span or (None, None)),
                "In 2001" if span else None,
            ),
        )
    conn.commit()
    conn.close()
    store = open_store(path)  # upgraded by m004, nothing lost
    try:
        assert "m004_corrections_and_dates" in store.migrations()
        kinds = {s.id: (s.date.kind, s.date.placed) for s in store.statements() if s.date}
        # a bound of the previous version was stored as an inferred date with its span: it
        # becomes "inferred", never placed on a timeline, until re-analysis says "bound"
        assert kinds == {
            "s0": ("stated", True),
            "s1": ("published", True),
            "s2": ("inferred", False),
        }
        assert store.corrections() == []
        assert store.document(doc.id).text == doc.text
    finally:
        store.close()
