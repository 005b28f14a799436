"""Cross-document actor merging: the pure plan, then the store applying it (no model needed)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

import pytest

from claimgraph.model import Actor, DocAnalysis, Document, Span, Statement
from claimgraph.store import open_store
from claimgraph.store.actor_merge import merge_actors, normalize_actor
from claimgraph.store.base import Store


def person(actor_id: str, name: str, *, role: str | None = None, kind: str = "person") -> Actor:
    return Actor(id=actor_id, name=name, kind=kind, role=role)  # type: ignore[arg-type]


def org(actor_id: str, name: str, *, kind: str = "org") -> Actor:
    return Actor(id=actor_id, name=name, kind=kind)  # type: ignore[arg-type]


# --- the pure plan ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stored", "incoming", "expected"),
    [
        # a surname alone joins the one full-name person with it
        (
            [person("maria-zakharova", "Maria Zakharova")],
            person("zakharova", "Zakharova"),
            "maria-zakharova",
        ),
        # a misspelt surname with the same first name
        (
            [person("anselm-kravik", "Anselm Kravik")],
            person("anselm-kravic", "Anselm Kravic"),
            "anselm-kravik",
        ),
        # a misspelt surname with a different first-name form but the same role
        (
            [person("john-nicholson", "John Nicholson", role="US commander")],
            person("jon-nicolson", "Jon Nicolson", role="commander of US forces"),
            "john-nicholson",
        ),
        # a description before the name is not part of the id
        (
            [],
            person(
                "the-ministry-s-spokeswoman-maren-holt",
                "the ministry's spokeswoman, Maren Holt",
                kind="unknown",
            ),
            "maren-holt",
        ),
        ([], person("jonas-ferrault", "Jonas Ferrault ("), "jonas-ferrault"),
        # institutions through the alias table and "Valdoria's" ~ "Valdorian"
        (
            [org("russian-foreign-ministry", "Russian Foreign Ministry")],
            org("russian-mfa", "Russian MFA"),
            "russian-foreign-ministry",
        ),
        (
            [org("valdorian-foreign-ministry", "Valdorian Foreign Ministry")],
            org("valdoria-s-foreign-ministry", "Valdoria's foreign ministry"),
            "valdorian-foreign-ministry",
        ),
        # a bare word tagged as an org that is a known person's surname
        ([person("maren-holt", "Maren Holt")], org("holt", "Holt"), "maren-holt"),
    ],
)
def test_incoming_actor_takes_the_merged_id(
    stored: list[Actor], incoming: Actor, expected: str
) -> None:
    plan = merge_actors(stored, [incoming])
    assert plan.ids[incoming.id] == expected
    merged = {a.id: a for a in plan.actors}[expected]
    assert incoming.name in {merged.name, *merged.aliases}


def test_ambiguous_surname_stays_apart() -> None:
    stored = [person("donald-trump", "Donald Trump"), person("ivanka-trump", "Ivanka Trump")]
    plan = merge_actors(stored, [person("trump", "Trump")])
    assert plan.ids["trump"] == "trump"
    assert not plan.absorbed


def test_different_first_names_and_different_roles_stay_apart() -> None:
    stored = [person("peter-marsh", "Peter Marsh", role="analyst")]
    plan = merge_actors(stored, [person("paula-march", "Paula March", role="minister")])
    assert plan.ids["paula-march"] == "paula-march"
    # short surnames never merge by spelling
    plan = merge_actors([person("ann-lee", "Ann Lee")], [person("ann-lei", "Ann Lei")])
    assert plan.ids["ann-lei"] == "ann-lei"


def test_full_name_absorbs_a_stored_surname_only_actor() -> None:
    stored = [person("zakharova", "Zakharova", role="spokeswoman")]
    plan = merge_actors(stored, [person("maria-zakharova", "Maria Zakharova")])
    assert plan.ids == {"maria-zakharova": "maria-zakharova"}
    assert plan.absorbed == {"zakharova": "maria-zakharova"}
    (actor,) = plan.actors
    assert actor.name == "Maria Zakharova" and "Zakharova" in actor.aliases
    assert actor.role == "spokeswoman"


def test_full_name_does_not_absorb_when_the_surname_becomes_ambiguous() -> None:
    stored = [person("zakharova", "Zakharova"), person("ivan-zakharova", "Ivan Zakharova")]
    plan = merge_actors(stored, [person("maria-zakharova", "Maria Zakharova")])
    assert plan.ids["maria-zakharova"] == "maria-zakharova"
    assert not plan.absorbed


def test_possessive_institution_name_gives_way_to_the_proper_one() -> None:
    stored = [org("valdoria-s-foreign-ministry", "Valdoria's foreign ministry")]
    plan = merge_actors(stored, [org("valdorian-foreign-ministry", "Valdorian Foreign Ministry")])
    assert plan.absorbed == {"valdoria-s-foreign-ministry": "valdorian-foreign-ministry"}


def test_people_and_institutions_stay_distinct() -> None:
    stored = [person("jordan-smith", "Jordan Smith"), org("jordan", "Jordan", kind="gpe")]
    plan = merge_actors(stored, [org("jordan", "Jordan", kind="gpe"), person("smith", "Smith")])
    assert plan.ids == {"jordan": "jordan", "smith": "jordan-smith"}
    kinds = {a.id: a.kind for a in plan.actors}
    assert kinds == {"jordan": "government", "jordan-smith": "person"}
    # a country is never folded into a person, even with a matching surname
    plan = merge_actors(
        [person("paul-france", "Paul France")], [org("france", "France", kind="gpe")]
    )
    assert plan.ids["france"] == "france"


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("These two videos", "org"),
        ("Reports", "org"),
        ("photographs", "person"),
        ("its spokeswoman", "unknown"),
    ],
)
def test_things_and_pointers_are_not_actors(name: str, kind: str) -> None:
    actor = Actor(id="x", name=name, kind=kind)  # type: ignore[arg-type]
    assert normalize_actor(actor) is None
    assert merge_actors([], [actor]).ids == {"x": None}


def test_a_country_that_speaks_is_an_actor() -> None:
    plan = merge_actors(
        [], [org("afghanistan", "Afghanistan", kind="gpe"), org("russia", "Russia", kind="gpe")]
    )
    assert plan.ids == {"afghanistan": "afghanistan", "russia": "russia"}


def test_anonymous_actors_keep_their_document_ids() -> None:
    anon = Actor(id="anon-abc-1", name="senior official", kind="anonymous", anonymous=True)
    stored = [Actor(id="anon-def-1", name="senior official", kind="anonymous", anonymous=True)]
    assert merge_actors(stored, [anon]).ids == {"anon-abc-1": "anon-abc-1"}


# --- the store applies it -----------------------------------------------------------------------


def _doc_with(text: str, mentions: Sequence[tuple[Actor, str]]) -> tuple[Document, DocAnalysis]:
    """A document whose statements are ``"<content>" said <speaker>`` lines, one per mention."""
    doc_id = hashlib.sha256(text.encode()).hexdigest()
    doc = Document(id=doc_id, text=text)
    statements = []
    for i, (actor, speaker) in enumerate(mentions):
        start = text.index(speaker)
        line_start = text.rfind("\n", 0, start) + 1
        statements.append(
            Statement(
                id=f"{doc_id[:8]}-{i}",
                doc_id=doc_id,
                kind="direct",
                content=Span.of(text, line_start, start - 6),
                source=Span.of(text, start, start + len(speaker)),
                speaker=actor.name,
                actor_id=actor.id,
            )
        )
    actors = tuple({a.id: a for a, _ in mentions}.values())
    return doc, DocAnalysis(doc_id=doc_id, actors=actors, statements=tuple(statements))


@pytest.fixture
def store() -> Store:
    return open_store(":memory:")


def test_store_merges_surname_first_then_full_name(store: Store) -> None:
    # the first document names only "Zakharova"; the second gives her full name
    doc1, an1 = _doc_with(
        '"No arms." said Zakharova\n', [(person("zakharova", "Zakharova"), "Zakharova")]
    )
    doc2, an2 = _doc_with(
        '"Lies." said Maria Zakharova\n"Fake." said Zakharova\n',
        [(person("maria-zakharova", "Maria Zakharova"), "Maria Zakharova")] * 2,
    )
    store.put(doc1, an1)
    store.put(doc2, an2)
    actors = {a.id: (a, n) for a, n in store.actors()}
    assert "zakharova" not in actors
    actor, count = actors["maria-zakharova"]
    assert count == 3 and "Zakharova" in actor.aliases
    said = list(store.statements(actor_id="maria-zakharova"))
    assert {s.doc_id for s in said} == {doc1.id, doc2.id}
    assert list(store.statements(actor_id="zakharova")) == []
    # spans untouched, the first document's own actors follow the merge
    first = store.analysis(doc1.id)
    assert first is not None
    assert [a.id for a in first.actors] == ["maria-zakharova"]
    assert first.statements[0].source == an1.statements[0].source
    assert first.statements[0].actor_id == "maria-zakharova"


def test_store_merges_full_name_first_then_surname_and_typo(store: Store) -> None:
    doc1, an1 = _doc_with(
        '"Sold." said Anselm Kravik\n',
        [(person("anselm-kravik", "Anselm Kravik"), "Anselm Kravik")],
    )
    doc2, an2 = _doc_with('"Not sold." said Kravik\n', [(person("kravik", "Kravik"), "Kravik")])
    doc3, an3 = _doc_with(
        '"Maybe." said Anselm Kravic\n',
        [(person("anselm-kravic", "Anselm Kravic"), "Anselm Kravic")],
    )
    for doc, analysis in ((doc1, an1), (doc2, an2), (doc3, an3)):
        store.put(doc, analysis)
    actors = {a.id: (a, n) for a, n in store.actors()}
    assert set(actors) == {"anselm-kravik"}
    actor, count = actors["anselm-kravik"]
    assert count == 3 and {"Kravik", "Anselm Kravic"} <= set(actor.aliases)


def test_store_keeps_people_apart_and_drops_non_actors(store: Store) -> None:
    doc1, an1 = _doc_with(
        '"Yes." said Donald Trump\n"No." said Ivanka Trump\n',
        [
            (person("donald-trump", "Donald Trump"), "Donald Trump"),
            (person("ivanka-trump", "Ivanka Trump"), "Ivanka Trump"),
        ],
    )
    doc2, an2 = _doc_with(
        '"Maybe." said Trump\n"Fake." said These videos\n',
        [
            (person("trump", "Trump"), "Trump"),
            (org("these-videos", "These videos"), "These videos"),
        ],
    )
    store.put(doc1, an1)
    store.put(doc2, an2)
    counts = {a.id: n for a, n in store.actors()}
    assert counts == {"donald-trump": 1, "ivanka-trump": 1, "trump": 1}
    stored = list(store.statements(doc_id=doc2.id))
    assert [s.actor_id for s in stored] == ["trump", None]
    assert stored[1].source == an2.statements[1].source  # the mention is kept, not the actor


def test_store_institution_aliases_share_one_row(store: Store) -> None:
    doc1, an1 = _doc_with(
        '"No." said Russian MFA\n', [(org("russian-mfa", "Russian MFA"), "Russian MFA")]
    )
    doc2, an2 = _doc_with(
        '"Never." said Russia\'s Foreign Ministry\n',
        [
            (
                org("russia-s-foreign-ministry", "Russia's Foreign Ministry"),
                "Russia's Foreign Ministry",
            )
        ],
    )
    store.put(doc1, an1)
    store.put(doc2, an2)
    actors = store.actors()
    assert [(a.id, n) for a, n in actors] == [("russian-foreign-ministry", 2)]
    assert {"Russian MFA", "Russia's Foreign Ministry"} <= set(actors[0][0].aliases)


def test_acronym_joins_its_institution_in_either_order() -> None:
    front = org("northern-liberation-front", "Northern Liberation Front")
    assert merge_actors([front], [org("nlf", "NLF")]).ids == {"nlf": "northern-liberation-front"}
    plan = merge_actors([org("nlf", "NLF")], [front])
    assert plan.absorbed == {"nlf": "northern-liberation-front"}
    # two institutions with the same initials: the acronym stays apart
    other = org("national-labour-federation", "National Labour Federation")
    assert merge_actors([front, other], [org("nlf", "NLF")]).ids == {"nlf": "nlf"}


def test_the_better_supported_spelling_becomes_canonical() -> None:
    stored = [Actor(id="anselm-kravic", name="Anselm Kravic", kind="person", aliases=("Kravik",))]
    plan = merge_actors(stored, [Actor(id="anselm-kravik", name="Anselm Kravik", kind="person")])
    assert plan.ids == {"anselm-kravik": "anselm-kravik"}
    assert plan.absorbed == {"anselm-kravic": "anselm-kravik"}
    assert "Anselm Kravic" in plan.actors[0].aliases


def test_a_place_tagged_as_a_person_joins_the_place() -> None:
    plan = merge_actors([org("morvania", "Morvania", kind="gpe")], [person("morvania", "Morvania")])
    assert plan.ids == {"morvania": "morvania"}
    assert plan.actors[0].kind == "government"


def test_possessive_country_institution_gets_its_proper_name() -> None:
    actor = normalize_actor(org("valdoria-s-foreign-ministry", "Valdoria’s foreign ministry"))
    assert actor is not None
    assert (actor.id, actor.name) == ("valdorian-foreign-ministry", "Valdorian Foreign Ministry")
    assert "Valdoria’s foreign ministry" in actor.aliases
    # not an institution noun, or no demonym: left alone
    assert normalize_actor(org("y", "Turkey's state-run Anadolu Agency")) == org(
        "y", "Turkey's state-run Anadolu Agency", kind="media"
    )


def test_headline_fragment_is_not_an_actor() -> None:
    assert normalize_actor(person("furious-minister", "FURIOUS MINISTER")) is None
    assert normalize_actor(org("nato", "NATO")) is not None


def test_store_finds_acronyms_across_documents(store: Store) -> None:
    doc1, an1 = _doc_with('"We hold it." said NLF\n', [(org("nlf", "NLF"), "NLF")])
    front = org("northern-liberation-front", "Northern Liberation Front")
    doc2, an2 = _doc_with(
        '"We never did." said Northern Liberation Front\n', [(front, "Northern Liberation Front")]
    )
    store.put(doc1, an1)
    store.put(doc2, an2)
    assert [(a.id, n) for a, n in store.actors()] == [("northern-liberation-front", 2)]


def test_generic_descriptions_are_scoped_to_their_document(store: Store) -> None:
    doc1, an1 = _doc_with(
        '"Fine." said the company\n', [(org("company", "company"), "the company")]
    )
    doc2, an2 = _doc_with(
        '"Sold." said the company\n"No." said Kestrel\n',
        [(org("company", "company"), "the company")],
    )
    store.put(doc1, an1)
    store.put(doc2, an2)
    counts = {a.id: n for a, n in store.actors()}
    assert counts == {f"company-{doc1.id[:12]}": 1, f"company-{doc2.id[:12]}": 1}
    # without a document the plan leaves it alone; a proper name is never scoped
    assert merge_actors([], [org("company", "company")]).ids == {"company": "company"}
    kestrel = org("kestrel-dynamics", "Kestrel Dynamics")
    assert merge_actors([], [kestrel], doc_id="d" * 64).ids == {
        "kestrel-dynamics": "kestrel-dynamics"
    }


def test_an_id_not_made_from_the_name_is_kept_with_the_name() -> None:
    # a producer's own id (and a name that is no clean person name) is not rewritten
    chosen = person("minister-x", "<b>Minister</b> of the <i>Interior</i>")
    assert normalize_actor(chosen) == chosen
    assert merge_actors([], [chosen]).ids == {"minister-x": "minister-x"}
    made = person("the-ministry-s-spokeswoman-maren-holt", "the ministry's spokeswoman, Maren Holt")
    normalized = normalize_actor(made)
    assert normalized is not None and normalized.id == "maren-holt"


def test_store_finds_candidates_written_after_an_absorbed_row(store: Store) -> None:
    # the newest row is absorbed (deleted) and SQLite may reuse its rowid for the next insert
    docs = [
        _doc_with('"One." said Vance\n', [(person("vance", "Vance"), "Vance")]),
        _doc_with('"Two." said Ada Vance\n', [(person("ada-vance", "Ada Vance"), "Ada Vance")]),
        _doc_with('"Three." said Bo Quill\n', [(person("bo-quill", "Bo Quill"), "Bo Quill")]),
        _doc_with('"Four." said Quill\n', [(person("quill", "Quill"), "Quill")]),
    ]
    for doc, analysis in docs:
        store.put(doc, analysis)
    assert {a.id: n for a, n in store.actors()} == {"ada-vance": 2, "bo-quill": 2}


def test_legacy_kinds_read_under_their_new_names(tmp_path: Path) -> None:
    """A store written with kinds "org"/"gpe" is upgraded by m006 to organisation/government."""
    import sqlite3

    from claimgraph.store import open_store

    db = tmp_path / "old.db"
    open_store(str(db)).close()
    conn = sqlite3.connect(db)
    conn.execute(
        "INSERT INTO actors VALUES ('halvik', 'Halvik', 'org', '[]', NULL, NULL, 0), "
        "('brevania', 'Brevania', 'gpe', '[]', NULL, NULL, 0)"
    )
    conn.execute("DELETE FROM migrations WHERE name = 'm006_actor_canonical'")
    conn.commit()
    conn.close()
    store = open_store(str(db))
    try:
        kinds = {a.id: a.kind for a, _ in store.actors()}
    finally:
        store.close()
    assert kinds == {"halvik": "organisation", "brevania": "government"}


def test_alias_loses_a_word_glued_on_before_the_title() -> None:
    """ "told Congress Gen. Tomas Arkady": the stray word is no part of the person's alias; a
    role before the title ("Navy spokesman Cmdr. ...") and the plain title form stay."""
    actor = normalize_actor(
        Actor(id="congress-gen-tomas-arkady", name="Congress Gen. Tomas Arkady", kind="person")
    )
    assert actor is not None
    assert actor.name == "Tomas Arkady"
    assert "Congress Gen. Tomas Arkady" not in actor.aliases
    assert "Gen. Tomas Arkady" in actor.aliases
    kept = normalize_actor(
        Actor(id="x", name="Gen. Tomas Arkady", kind="person", aliases=("Gen. Tomas Arkady",))
    )
    assert kept is not None and "Gen. Tomas Arkady" in kept.aliases


def test_role_descriptions_resolve_across_documents_by_function() -> None:
    """A stored person described by another word of the same function: "the Northern Dawn Front
    spokesman" is the representative of its office; "officials" (plural) and "an unnamed
    spokesman" stay unnamed sources."""
    stored = [
        Actor(
            id="ramin-dast",
            name="Ramin Dast",
            kind="person",
            role="the representative of the political office of the Northern Dawn Front",
            affiliation="political office of the Northern Dawn Front",
        )
    ]
    incoming = [
        Actor(
            id="a1",
            name="Northern Dawn Front spokesman",
            kind="anonymous",
            anonymous=True,
            role="spokesman",
            affiliation="Northern Dawn Front",
        ),
        Actor(
            id="a2",
            name="Northern Dawn Front officials",
            kind="anonymous",
            anonymous=True,
            role="official",
            affiliation="Northern Dawn Front",
        ),
        Actor(
            id="a3",
            name="unnamed Northern Dawn Front spokesman",
            kind="anonymous",
            anonymous=True,
            role="spokesman",
            affiliation="Northern Dawn Front",
        ),
        Actor(
            id="a4",
            name="spokesman for the movement",
            kind="anonymous",
            anonymous=True,
            role="spokesman",
            affiliation="movement",
        ),
    ]
    plan = merge_actors(stored, incoming, doc_id="d" * 64)
    assert plan.ids["a1"] == "ramin-dast"
    assert plan.ids["a4"] == "ramin-dast"  # the one spokesman of this document
    assert plan.ids["a2"] != "ramin-dast"
    assert plan.ids["a3"] != "ramin-dast"


def test_a_numbered_part_of_a_body_is_no_actor() -> None:
    """ "Two separate sets of Korvan fighters" counts parts of a body: no speaker; a numbered
    role ("Two officials of the port authority") stays an unnamed source."""
    part = Actor(id="p", name="Two separate sets of Korvan fighters", kind="organisation")
    assert normalize_actor(part) is None
    named = Actor(id="q", name="Two officials of the port authority", kind="organisation")
    kept = normalize_actor(named)
    assert kept is not None and kept.kind == "anonymous"
