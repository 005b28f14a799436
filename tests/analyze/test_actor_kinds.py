"""Actor kinds, places speaking for governments, and descriptions matching people (no model)."""

from __future__ import annotations

import pytest

from claimgraph.analyze.actor_kinds import actor_kind, country_of_demonym, government_of
from claimgraph.analyze.actor_names import (
    capitals_named,
    describes,
    is_actor_name,
    normalize_actor,
)
from claimgraph.model import Actor


@pytest.mark.parametrize(
    "name,country",
    [
        ("Moscow", "Russia"),
        ("the Kremlin", "Russia"),
        ("Kabul", "Afghanistan"),
        ("the Norwegian government", "Norway"),
        ("Brevania's government", "Brevania"),
        ("the government of Ardenia", "Ardenia"),
        ("Kestovian government", "Kestovia"),
    ],
)
def test_places_and_governments_name_their_country(name: str, country: str) -> None:
    assert government_of(name) == country


@pytest.mark.parametrize("name", ["Halvik Energy", "the coast road", "Paris Hilton Foundation"])
def test_other_names_are_no_government(name: str) -> None:
    assert government_of(name) is None


@pytest.mark.parametrize(
    "name,spacy_kind,kind",
    [
        ("Evening Ledger", "org", "media"),
        ("Meridian Press Agency", "org", "media"),
        ("Radio Kestovia", "org", "media"),
        ("Sputnik Kestovia", "person", "media"),
        ("Harriet Post", "person", "person"),
        ("Red Hollow Brigade", "org", "group"),
        ("Kestovian Interior Ministry", "org", "government"),
        ("Halvik Energy", "org", "organisation"),
        ("Brevania", "gpe", "government"),
    ],
)
def test_kinds_from_the_name(name: str, spacy_kind: str, kind: str) -> None:
    assert actor_kind(name, spacy_kind, known_media={"sputnik": "Sputnik"}) == kind


def test_demonyms_and_capitals_from_the_text() -> None:
    assert country_of_demonym("Norwegian") == "Norway"
    assert country_of_demonym("Valdorian") == "Valdoria"
    assert country_of_demonym("tuesday") is None
    text = "Talks in Pellsburg, the capital of Ardenia, ended. The Valdorian capital, Alderholm, was calm."
    assert capitals_named(text) == {"Pellsburg": "Ardenia", "Alderholm": "Valdoria"}


@pytest.mark.parametrize("name", ["group", "We", "Tuesday", "Monday's", "300", "Several", "team"])
def test_fragments_are_no_actors(name: str) -> None:
    assert not is_actor_name(name, "org")


def test_legacy_kinds_and_capitals_normalize() -> None:
    moscow = normalize_actor(Actor(id="moscow", name="Moscow", kind="gpe"))  # type: ignore[arg-type]
    assert moscow is not None
    assert (moscow.id, moscow.name, moscow.kind) == ("russia", "Russia", "government")
    described = normalize_actor(
        Actor(
            id="head-of-us-forces-in-the-region", name="Head of US forces in the region", kind="org"
        )  # type: ignore[arg-type]
    )
    assert described is not None and described.kind == "unknown"


def test_a_description_matches_the_person_it_describes() -> None:
    arkady = Actor(
        id="tomas-arkady",
        name="Tomas Arkady",
        kind="person",
        role="the head of coalition forces in Kestovia",
    )
    castellan = Actor(
        id="irena-castellan",
        name="Irena Castellan",
        kind="person",
        role="Morvania's defence minister",
    )
    assert describes("head of coalition forces in Kestovia", arkady)
    assert describes("Morvanian defence minister", castellan)
    assert not describes("Ardenian defence minister", castellan)
    assert not describes("head of coalition forces in Brevania", arkady)
