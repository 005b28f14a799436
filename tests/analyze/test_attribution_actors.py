"""Actor ids, alias tables, name merging and cue lexicons (no model needed)."""

from __future__ import annotations

import pytest

from claimgraph.analyze.actors import (
    ActorRegistry,
    institution,
    is_actor_name,
    slug,
    split_person_name,
    strip_titles,
)
from claimgraph.analyze.lexicon import cue_polarity, is_speech_cue_text, is_speech_verb, lexicon


@pytest.mark.parametrize(
    "alias",
    [
        "Russian MFA",
        "Russia's Foreign Ministry",
        "Russia’s Foreign Ministry",
        "the Russian Foreign Ministry",
        "Russian foreign ministry",
    ],
)
def test_institution_aliases_share_one_id(alias: str) -> None:
    known = institution(alias)
    assert known == ("Russian Foreign Ministry", "org")
    reg = ActorRegistry("d" * 64)
    assert reg.add_group(alias, "org") == "russian-foreign-ministry"


def test_unknown_institution_is_not_invented() -> None:
    assert institution("Ministry of Silly Walks") is None


def test_titles_are_stripped_for_the_canonical_name() -> None:
    assert strip_titles("Gen. John Nicholson") == "John Nicholson"
    assert strip_titles("US Army General John Nicholson") == "John Nicholson"
    assert strip_titles("Mr Mattis") == "Mattis"
    assert strip_titles("Zakharova’s") == "Zakharova"
    assert slug("Suheil Shahin") == "suheil-shahin"
    assert slug("Robert O’Brien") == "robert-o-brien"


def test_person_mentions_merge_by_last_name_and_small_misspelling() -> None:
    reg = ActorRegistry("d" * 64)
    a = reg.add_person("Gen. Nicholson")
    b = reg.add_person("General John Nicholson", role="the top commander")
    c = reg.add_person("Nicolson")
    assert reg.resolve_id(a) == reg.resolve_id(b) == reg.resolve_id(c) == "john-nicholson"
    actor = next(x for x in reg.actors() if x.id == "john-nicholson")
    assert actor.name == "John Nicholson" and actor.kind == "person"
    assert {"Gen. Nicholson", "Nicolson"} <= set(actor.aliases)
    assert actor.role == "the top commander"


def test_different_first_names_stay_apart_and_people_differ_from_institutions() -> None:
    reg = ActorRegistry("d" * 64)
    assert reg.add_person("Donald Trump") != reg.add_person("Ivanka Trump")
    assert reg.add_person("Jordan Smith") != reg.add_group("Jordan", "gpe")
    kinds = {a.name: a.kind for a in reg.actors()}
    assert kinds["Jordan"] == "government" and kinds["Jordan Smith"] == "person"


def test_anonymous_actors_are_per_document_and_found_by_description() -> None:
    reg = ActorRegistry("abc" + "0" * 61)
    anon = reg.add_anonymous("an unnamed Taliban official", role="official", affiliation="Taliban")
    assert anon.startswith("anon-abc") and reg.get(anon).anonymous
    assert reg.find_by_description({"the", "senior", "taliban", "official"}, person=True) == anon
    assert reg.find_by_description({"the", "french", "minister"}, person=True) is None


def test_cue_polarity_and_speech_verbs_come_from_the_lexicon() -> None:
    assert cue_polarity("deny") == "deny"
    assert cue_polarity("refute", negated=True) == "not_deny"
    assert cue_polarity("say") == "assert"
    assert cue_polarity("according to") == "assert"
    assert cue_polarity("frobnicate") == "unknown"
    assert is_speech_verb("tell") and is_speech_verb("tweet") and not is_speech_verb("believe")
    assert (
        is_speech_cue_text("has said")
        and is_speech_cue_text("told")
        and is_speech_cue_text("wrote")
    )
    assert not is_speech_cue_text("believes")
    lex = lexicon()
    assert lex.media["cnn"] == "CNN" and lex.media["ria novosti"] == "RIA Novosti"


def test_pronouns_skip_people_of_the_other_gender() -> None:
    reg = ActorRegistry("d" * 64)
    ann = reg.add_person("Senator Ann Brooks")
    reg.add_person("Congressman Paul Drake")
    reg.add_person("Chris Lee")  # unknown gender: compatible with both
    assert reg.last(("person",), gender="f") == "chris-lee"
    reg.add_person("Paul Drake")
    assert reg.last(("person",), gender="f") == "chris-lee"
    assert reg.last(("person",), gender="m") == "paul-drake"
    assert reg.get(ann).gender == "f"


@pytest.mark.parametrize(
    ("mention", "name", "description"),
    [
        ("the ministry’s spokeswoman, Maren Holt", "Maren Holt", "the ministry's spokeswoman"),
        ("Kestrel Dynamics boss Anselm Kravic", "Anselm Kravic", "Kestrel Dynamics boss"),
        ("former President Barack Obama", "Barack Obama", "former"),
        ("Gen. John Nicholson", "John Nicholson", None),
        ("Jonas Ferrault (", "Jonas Ferrault", None),
        ("Zakharova’s", "Zakharova", None),
        ("Ludwig van Beethoven", "Ludwig van Beethoven", None),
    ],
)
def test_person_names_lose_descriptions_and_stray_punctuation(
    mention: str, name: str, description: str | None
) -> None:
    assert split_person_name(mention) == (name, description)


def test_a_role_before_a_full_name_makes_a_person_not_an_institution() -> None:
    reg = ActorRegistry("d" * 64)
    holt = reg.add_group("the ministry’s spokeswoman, Maren Holt", "unknown")
    assert holt == "maren-holt"
    entry = reg.get(holt)
    assert entry.kind == "person" and entry.role == "the ministry's spokeswoman"
    assert reg.add_person("Holt") == "maren-holt"
    # an institution after a description stays an institution
    assert reg.get(reg.add_group("Turkey's state-run Anadolu Agency", "org")).kind == "org"
    assert reg.add_person("Jonas Ferrault (") == "jonas-ferrault"


@pytest.mark.parametrize(
    ("name", "kind", "expected"),
    [
        ("These two videos", "org", False),
        ("Reports", "org", False),
        ("the footage", "unknown", False),
        ("its spokeswoman", "unknown", False),
        ("FURIOUS MINISTER", "person", False),
        ("Afghanistan", "gpe", True),
        ("Russia", "gpe", True),
        ("NATO", "org", True),
        ("Armatura Review", "org", True),
        ("the senior official", "anonymous", True),
    ],
)
def test_things_pointers_and_headlines_are_not_actors(name: str, kind: str, expected: bool) -> None:
    assert is_actor_name(name, kind) is expected
