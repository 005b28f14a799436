"""The actor-resolution table: invented documents -> who each statement is credited to.

Each case is one or more short documents (stored in order in a fresh SQLite store, so actors
merge across documents as they do for a user) and what must hold afterwards:

- ``speaks``: (cue as written, a part of the content, canonical actor name, actor kind) -- the
  statement with that cue and content is credited to the stored actor of that name and kind;
- ``not_speaker``: (cue, content part, name) -- that statement is not credited to that name;
- ``not_actors``: names no stored actor may have (pronouns, weekdays, places, fragments);
- ``kinds``: name -> kind for actors that, if stored, must be of that kind (media never people);
- ``clean_role``: the named actor's stored role carries no caption debris ("(R)", "left").

Kinds: person, organisation, government, media, group, anonymous. Every text is invented for
this table (no seed article, no annotated corpus sentence).

First run, before any fix of this round: 32 of 73 cases held. Round 6 added seven cases (role
descriptions across documents by function, plural and unnamed sources kept apart, demonym
plurals): of six run before its fix 3 held; all hold after. Two more (numbered parts of a
body as no actor, numbered officials as unnamed) held before the fix; its own unit tests are in
the store actor-merge tests.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

Case = dict[str, Any]

CASES: list[Case] = [
    # --- possessives are stripped
    {
        "docs": ["Valdoria's defence ministry said on Monday that the convoy had turned back."],
        "speaks": [
            ("said", "the convoy had turned back", "Valdorian Defence Ministry", "government")
        ],
        "not_actors": ["Valdoria's", "Valdoria's defence ministry"],
    },
    {
        "docs": ["Halvorsen's lawyer said the contract had never been signed."],
        "speaks": [("said", "the contract had never been signed", None, "anonymous")],
        "not_speaker": [("said", "the contract had never been signed", "Halvorsen")],
        "not_actors": ["Halvorsen's", "Halvorsen"],
    },
    {
        "docs": ["The Northern Dawn Front's statement said its fighters had left the valley."],
        "speaks": [("said", "its fighters had left the valley", "Northern Dawn Front", "group")],
        "not_actors": ["Northern Dawn Front's"],
    },
    {
        "docs": ["Kestovia's president, Anton Mirel, said the border would stay closed."],
        "speaks": [("said", "the border would stay closed", "Anton Mirel", "person")],
        "not_actors": ["Kestovia's", "Kestovia's president"],
    },
    {
        "docs": ["Brevania's government said the talks had failed after a week."],
        "speaks": [("said", "the talks had failed", "Brevania", "government")],
        "not_actors": ["Brevania's"],
    },
    {
        "docs": ["Mayor Ines Karro's office said the park would reopen in spring."],
        "not_actors": ["Ines Karro's", "Karro's"],
    },
    # --- roles and descriptions resolve to the named person within a document
    {
        "docs": [
            "Irma Lautner, the Kestovian interior minister, announced new checks on Monday. "
            "The minister said the checks would last a month."
        ],
        "speaks": [("said", "the checks would last a month", "Irma Lautner", "person")],
    },
    {
        "docs": [
            "Defence Minister Paolo Renz visited the base on Friday. "
            "The defence minister told reporters the base would stay open."
        ],
        "speaks": [("told", "the base would stay open", "Paolo Renz", "person")],
    },
    {
        "docs": [
            "Anna Brisk, a spokeswoman for the port authority, said the ships were late. "
            "The spokeswoman added that no cargo had been lost."
        ],
        "speaks": [("added", "no cargo had been lost", "Anna Brisk", "person")],
    },
    {
        "docs": [
            "General Tomas Arkady commands the coalition forces in the region. "
            "The top commander said the offensive had stalled."
        ],
        "speaks": [("said", "the offensive had stalled", "Tomas Arkady", "person")],
    },
    {
        "docs": [
            "The head of the coalition forces, General Tomas Arkady, said the bridge was secure."
        ],
        "speaks": [("said", "the bridge was secure", "Tomas Arkady", "person")],
    },
    {
        "docs": [
            "Dr. Mira Aalto, an epidemiologist at the city hospital, said the vaccine worked. "
            "The epidemiologist said a second dose was not needed."
        ],
        "speaks": [
            ("said", "the vaccine worked", "Mira Aalto", "person"),
            ("said", "a second dose was not needed", "Mira Aalto", "person"),
        ],
    },
    {
        "docs": [
            "Aldo Ferris arrived late to the hearing. Mr. Ferris said the charges were political."
        ],
        "speaks": [("said", "the charges were political", "Aldo Ferris", "person")],
    },
    # --- across documents, by role and affiliation
    {
        "docs": [
            "General Tomas Arkady, the head of coalition forces in Kestovia, said the airport "
            "was secure.",
            "The head of coalition forces in Kestovia said the airport had reopened to flights.",
        ],
        "speaks": [("said", "the airport had reopened", "Tomas Arkady", "person")],
    },
    {
        "docs": [
            "Lina Marsh, the spokeswoman for the Harbor Workers Union, said the strike would "
            "continue.",
            "The spokeswoman for the Harbor Workers Union said members had voted to return.",
        ],
        "speaks": [("said", "members had voted to return", "Lina Marsh", "person")],
    },
    {
        "docs": [
            "Ferran Oskel, the leader of the Tallis Party, said the vote was unfair.",
            "The leader of the Tallis Party said the count must be repeated.",
        ],
        "speaks": [("said", "the count must be repeated", "Ferran Oskel", "person")],
    },
    {
        "docs": [
            "Police chief Marta Ilves said the coast road was closed.",
            "Ilves said on Sunday that the coast road had reopened.",
        ],
        "speaks": [("said", "the coast road had reopened", "Marta Ilves", "person")],
        "not_actors": ["Sunday"],
    },
    {
        "docs": [
            "Anton Mirel, the president of Kestovia, said the mines would be sold.",
            "President Mirel said the sale had been delayed.",
        ],
        "speaks": [("said", "the sale had been delayed", "Anton Mirel", "person")],
    },
    # --- pseudonyms become the actor's name
    {
        "docs": [
            "A weapons expert who posts as Ironsight on social media said the rifles were new."
        ],
        "speaks": [("said", "the rifles were new", "Ironsight", "person")],
    },
    {
        "docs": ["An analyst who tweets as Grey Lantern said the photos were taken in March."],
        "speaks": [("said", "the photos were taken in March", "Grey Lantern", "person")],
    },
    {
        "docs": ["A researcher known online as Northwatch said the convoy was filmed at night."],
        "speaks": [("said", "the convoy was filmed at night", "Northwatch", "person")],
    },
    {
        "docs": [
            "An open-source investigator who goes by the handle Copperfield said the crates "
            "were marked in Cyrillic."
        ],
        "speaks": [("said", "the crates were marked", "Copperfield", "person")],
    },
    # --- media are typed as media, never as people
    {
        "docs": ["Minister Elsa Brandt told the Harbour Courier that the deal was off."],
        "speaks": [("told", "the deal was off", "Elsa Brandt", "person")],
        "kinds": {"Harbour Courier": "media"},
    },
    {
        "docs": ["The Meridian Press Agency reported that the talks had collapsed."],
        "speaks": [("reported", "the talks had collapsed", "Meridian Press Agency", "media")],
    },
    {
        "docs": ["According to the news agency Novapress, the ceasefire broke down overnight."],
        "speaks": [("According to", "the ceasefire broke down overnight", "Novapress", "media")],
    },
    {
        "docs": [
            "The Novapress news agency carried the first report. Novapress said the talks had "
            "failed."
        ],
        "speaks": [("said", "the talks had failed", "Novapress", "media")],
    },
    {
        "docs": ["Sputnik Kestovia reported that the minister had resigned."],
        "speaks": [("reported", "the minister had resigned", "Sputnik", "media")],
    },
    {
        "docs": ["Reuters reported that the smelter had closed for good."],
        "speaks": [("reported", "the smelter had closed", "Reuters", "media")],
    },
    {
        "docs": ["The Evening Ledger said in an editorial that the plan would fail."],
        "speaks": [("said", "the plan would fail", "Evening Ledger", "media")],
    },
    {
        "docs": ["Mayor Ivo Vell told Radio Kestovia that he would run again."],
        "speaks": [("told", "he would run again", "Ivo Vell", "person")],
        "kinds": {"Radio Kestovia": "media"},
    },
    {
        "docs": ["The Daily Beacon reported that the dam had cracked, citing engineers."],
        "speaks": [("reported", "the dam had cracked", "Daily Beacon", "media")],
    },
    # --- a speaker quoted by an agency is credited to the speaker, not the agency
    {
        "docs": [
            "Deputy Foreign Minister Oleg Varsk told the Novapress agency: "
            "“They stupidly try to say we supply weapons.”"
        ],
        "speaks": [("told", "stupidly try to say", "Oleg Varsk", "person")],
        "not_speaker": [("told", "stupidly try to say", "Novapress")],
        "kinds": {"Novapress": "media"},
    },
    {
        "docs": [
            "“Nobody has seen a single rifle,” Oleg Varsk was quoted as saying by the news "
            "agency Novapress."
        ],
        "not_speaker": [("saying", "Nobody has seen a single rifle", "Novapress")],
        "kinds": {"Novapress": "media"},
    },
    {
        "docs": ["The Meridian Press Agency quoted Oleg Varsk as saying the claims were absurd."],
        "not_speaker": [("saying", "the claims were absurd", "Meridian Press Agency")],
        "kinds": {"Meridian Press Agency": "media"},
    },
    {
        "docs": ["Oleg Varsk, quoted by the Meridian Press Agency, said the claims were absurd."],
        "speaks": [("said", "the claims were absurd", "Oleg Varsk", "person")],
    },
    # --- a capital city speaks as metonymy for its government
    {
        "docs": ["Moscow said the allegations were baseless."],
        "speaks": [("said", "the allegations were baseless", "Russia", "government")],
        "not_actors": ["Moscow"],
    },
    {
        "docs": ["Kabul rejected the claim that fighters had crossed the border."],
        "speaks": [("rejected", "fighters had crossed the border", "Afghanistan", "government")],
        "not_actors": ["Kabul"],
    },
    {
        "docs": ["Tehran denied that it had sent drones to the rebels."],
        "speaks": [("denied", "it had sent drones", "Iran", "government")],
        "not_actors": ["Tehran"],
    },
    {
        "docs": ["Washington said it would review the aid package."],
        "speaks": [("said", "it would review the aid package", "United States", "government")],
    },
    {
        "docs": ["Beijing said the exercise was routine."],
        "speaks": [("said", "the exercise was routine", "China", "government")],
        "not_actors": ["Beijing"],
    },
    {
        "docs": [
            "Officials met in Pellsburg, the capital of Ardenia, on Monday. "
            "Pellsburg said the sanctions were illegal."
        ],
        "speaks": [("said", "the sanctions were illegal", "Ardenia", "government")],
        "not_actors": ["Pellsburg", "Monday"],
    },
    {
        "docs": ["Brevania said the ship had been in its waters."],
        "speaks": [("said", "the ship had been in its waters", "Brevania", "government")],
    },
    # --- places are otherwise not actors
    {
        "docs": ["Kestovia City was quiet on Monday, residents said."],
        "not_actors": ["Kestovia City", "Monday"],
    },
    {
        "docs": ["In Harnbridge, the mayor said the flood had passed."],
        "not_actors": ["Harnbridge"],
    },
    {
        "docs": ["The Tarvo Valley, witnesses said, was shelled overnight."],
        "not_actors": ["Tarvo Valley"],
    },
    # --- pronouns, weekdays, numbers and fragments never become actors
    {
        "docs": ["The Lindqvist family issued a lengthy statement Tuesday saying they would sue."],
        "not_actors": ["Tuesday", "they"],
    },
    {
        "docs": ["“We are not leaving,” the group said."],
        "not_actors": ["group", "Group"],
    },
    {
        "docs": ["We have always said the mine is unsafe."],
        "not_actors": ["we", "We"],
    },
    {
        "docs": ["The team said the samples were clean."],
        "not_actors": ["team", "Team"],
    },
    {
        "docs": ["Two of them said the shelling began at dawn."],
        "not_actors": ["Two", "two", "them"],
    },
    {
        "docs": ["Several said the water was unsafe to drink."],
        "not_actors": ["Several", "several"],
    },
    {
        "docs": ["On Friday, officials said the road would reopen."],
        "not_actors": ["Friday"],
    },
    {
        "docs": ["It said the results would come in June."],
        "not_actors": ["It", "it", "June"],
    },
    {
        "docs": ["In 2019, 300 said they had seen the lights."],
        "not_actors": ["300", "2019"],
    },
    {
        "docs": ["Monday's statement said the mine was safe."],
        "not_actors": ["Monday", "Monday's"],
    },
    {
        "docs": ["Ambassador Lev Tarasen said on Tuesday that the talks had stalled."],
        "speaks": [("said", "the talks had stalled", "Lev Tarasen", "person")],
        "not_actors": ["Tuesday"],
    },
    # --- roles are cleaned of caption debris
    {
        "docs": ["Senator Rowan Pike (R) said the bill would pass."],
        "speaks": [("said", "the bill would pass", "Rowan Pike", "person")],
        "clean_role": "Rowan Pike",
        "not_actors": ["R"],
    },
    {
        "docs": ["Defence chief Ilse Moor (left) said the drill had gone well."],
        "speaks": [("said", "the drill had gone well", "Ilse Moor", "person")],
        "clean_role": "Ilse Moor",
    },
    {
        "docs": ["Ada Kross (centre) told reporters the plan was final."],
        "speaks": [("told", "the plan was final", "Ada Kross", "person")],
        "clean_role": "Ada Kross",
    },
    # --- "Mrs. X" is not "Mr. X"
    {
        "docs": ["Mr. Harlan Voss spoke first. Mrs. Voss has denied any role in the sale."],
        "not_speaker": [("denied", "any role in the sale", "Harlan Voss")],
    },
    {
        "docs": [
            "Former president Aldo Ferris stood beside his wife. "
            "Mrs. Ferris said the charges were political."
        ],
        "not_speaker": [("said", "the charges were political", "Aldo Ferris")],
    },
    # --- a "they" inside a quote is not the quote's speaker
    {
        "docs": ["“They stupidly try to say we arm the rebels,” said Oleg Varsk."],
        "speaks": [("said", "stupidly try to say", "Oleg Varsk", "person")],
        "not_actors": ["They", "they"],
    },
    {
        "docs": ["“They are lying,” the foreign minister, Pia Lund, said of the opposition."],
        "speaks": [("said", "They are lying", "Pia Lund", "person")],
    },
    {
        "docs": ["Ilya Dorn said: “They told us the border was closed.”"],
        "speaks": [("said", "They told us the border was closed", "Ilya Dorn", "person")],
        "not_actors": ["They", "they"],
    },
    # --- actor kinds
    {
        "docs": ["The Kestovian Interior Ministry said the protest was illegal."],
        "speaks": [
            ("said", "the protest was illegal", "Kestovian Interior Ministry", "government")
        ],
    },
    {
        "docs": ["Halvik Energy said its profits fell by a third."],
        "speaks": [("said", "its profits fell", "Halvik Energy", "organisation")],
    },
    {
        "docs": ["A senior official who asked not to be named said the plan had been dropped."],
        "speaks": [("said", "the plan had been dropped", None, "anonymous")],
    },
    {
        "docs": ["The Red Hollow Brigade said it had seized the town."],
        "speaks": [("said", "it had seized the town", "Red Hollow Brigade", "group")],
    },
    {
        "docs": ["The World Health Organization said the outbreak was contained."],
        "speaks": [
            ("said", "the outbreak was contained", "World Health Organization", "organisation")
        ],
    },
    {
        "docs": ["The Norwegian government said the fishing quota would rise."],
        "speaks": [("said", "the fishing quota would rise", "Norway", "government")],
    },
    {
        "docs": ["Kestovian officials said the border was calm."],
        "speaks": [("said", "the border was calm", None, "anonymous")],
    },
    {
        "docs": ["The Taliban said the attack had been carried out by another faction."],
        "speaks": [("said", "carried out by another faction", "Taliban", "group")],
    },
    {
        "docs": ["Juno Strand, who posts as Scopewatch, said the missile casing was decades old."],
        "speaks": [("said", "the missile casing was decades old", "Juno Strand", "person")],
    },
    # --- round 6: role descriptions resolve across documents by role class and affiliation
    {
        "docs": [
            "Ramin Dast, the representative of the political office of the Northern Dawn Front, "
            "said the talks would resume in May.",
            "The Northern Dawn Front spokesman said the fighters had withdrawn from the pass.",
        ],
        "speaks": [("said", "the fighters had withdrawn", "Ramin Dast", "person")],
    },
    {
        "docs": [
            "Ramin Dast, the representative of the political office of the Northern Dawn Front, "
            "said the talks would resume in May.",
            "The Northern Dawn Front spokesman said the fighters had withdrawn from the pass. "
            "The spokesman for the movement added that prisoners would be exchanged.",
        ],
        "speaks": [("added", "prisoners would be exchanged", "Ramin Dast", "person")],
    },
    {
        "docs": [
            "General Tomas Arkady, the top commander of the Kestovian and allied forces in "
            "Brevania, said the airport was secure. Admiral Lena Korr, the chief of the "
            "Kestovian naval command, said the ships had left the harbour.",
            "The head of Kestovian coalition forces in the country, speaking in the capital, "
            "said the airport had reopened.",
        ],
        "speaks": [("said", "the airport had reopened", "Tomas Arkady", "person")],
    },
    {
        "docs": [
            "Ramin Dast, the representative of the political office of the Northern Dawn Front, "
            "said the talks would resume in May.",
            "Northern Dawn Front officials said the fighters had withdrawn from the pass.",
        ],
        "not_speaker": [("said", "the fighters had withdrawn", "Ramin Dast")],
    },
    {
        "docs": [
            "Ramin Dast, the representative of the political office of the Northern Dawn Front, "
            "said the talks would resume in May.",
            "An unnamed Northern Dawn Front spokesman said the fighters had withdrawn.",
        ],
        "not_speaker": [("said", "the fighters had withdrawn", "Ramin Dast")],
    },
    {
        "docs": ["The Kestovians said the ceasefire had been broken twice in one night."],
        "speaks": [("said", "the ceasefire had been broken", None, "anonymous")],
        "kinds": {"Kestovians": "anonymous"},
    },
    {
        "docs": ["Villagers said the Brevanians had closed the only road to the valley."],
        "kinds": {"Brevanians": "anonymous"},
    },
    {
        "docs": [
            "Two separate bands of Korvan Front fighters said they had crossed the river at dawn."
        ],
        "not_actors": ["Two separate bands of Korvan Front fighters"],
    },
    {
        "docs": ["Two officials of the Tamsk port authority said the cranes had been repaired."],
        "speaks": [("said", "the cranes had been repaired", None, "anonymous")],
    },
]

# Cases still failing after the fixes of this round, with the reason (strict: an xfail that
# starts to pass fails the run, so the list is kept honest).
KNOWN_GAPS: dict[int, str] = {
    9: "a role named by another word (General ... commands; the top commander): no role synonyms yet",
    16: "a surname alone tagged as a common noun at the start of a sentence is not read as a name",
    30: "the outlet that cites engineers: the statement goes to the cited source, not the outlet",
    41: "an invented country the tagger calls an organisation is typed organisation",
    60: "Mrs. X after a man whose first name has no known gender still joins him",
    63: "a person name the tagger calls an organisation, with an unknown first name, stays an organisation",
}


def _norm(text: str) -> str:
    return " ".join(text.replace("’", "'").split()).lower()


def _run_case(case: Case, db: Path) -> list[str]:
    """The failures of ``case`` (empty when it holds)."""
    from claimgraph.analyze.pipeline import analyze
    from claimgraph.model import Document
    from claimgraph.store import open_store

    store = open_store(str(db))
    failures: list[str] = []
    try:
        for n, text in enumerate(case["docs"]):
            doc = Document(id=f"{n:02d}".ljust(64, "t"), text=text, language="en")
            store.put(doc, analyze(doc, embed=False))
        actors = {actor.id: actor for actor, _count in store.actors()}
        statements = list(store.statements())
        last_doc = f"{len(case['docs']) - 1:02d}".ljust(64, "t")

        def find(cue: str, content: str) -> Any:
            for st in statements:
                if st.doc_id != last_doc or st.cue is None:
                    continue
                if _norm(st.cue.text) == _norm(cue) and _norm(content) in _norm(st.content.text):
                    return st
            return None

        seen = [(s.cue.text if s.cue else None, s.content.text, s.actor_id) for s in statements]
        for cue, content, name, kind in case.get("speaks", []):
            st = find(cue, content)
            if st is None:
                failures.append(f"no statement {cue!r} / {content!r}: {seen}")
                continue
            actor = actors.get(st.actor_id) if st.actor_id else None
            if actor is None:
                failures.append(f"{cue!r} / {content!r}: no actor (speaker {st.speaker!r})")
                continue
            if name is not None and actor.name != name:
                failures.append(f"{cue!r} / {content!r}: credited to {actor.name!r}, not {name!r}")
            if actor.kind != kind:
                failures.append(f"{actor.name!r} is {actor.kind!r}, not {kind!r}")
        for cue, content, name in case.get("not_speaker", []):
            st = find(cue, content)
            credited = actors.get(st.actor_id) if st is not None and st.actor_id else None
            if credited is not None and _norm(credited.name) == _norm(name):
                failures.append(f"{cue!r} / {content!r} credited to {name!r}")
        names = {_norm(a.name): a for a in actors.values()}
        for name in case.get("not_actors", []):
            if _norm(name) in names:
                failures.append(f"{name!r} is an actor")
        for name, kind in case.get("kinds", {}).items():
            actor = names.get(_norm(name))
            if actor is not None and actor.kind != kind:
                failures.append(f"{name!r} is {actor.kind!r}, not {kind!r}")
        if "clean_role" in case:
            actor = names.get(_norm(case["clean_role"]))
            role = actor.role if actor is not None else None
            if role is not None and re.search(
                r"[()]|^\s*(?:R|D|I|L|C|left|right|centre|center)\s*$", role
            ):
                failures.append(f"role of {case['clean_role']!r} is {role!r}")
    finally:
        store.close()
    return failures


def _params() -> list[Any]:
    out = []
    for i, case in enumerate(CASES):
        marks = []
        if i in KNOWN_GAPS:
            marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_GAPS[i]))
        out.append(pytest.param(case, id=f"{i:02d}", marks=marks))
    return out


@pytest.mark.model
@pytest.mark.parametrize("case", _params())
def test_actor_table(case: Case, tmp_path: Path) -> None:
    failures = _run_case(case, tmp_path / "table.db")
    assert not failures, failures


def test_actor_table_is_large_and_covers_every_kind() -> None:
    assert len(CASES) >= 60
    kinds = {kind for case in CASES for *_, kind in case.get("speaks", [])}
    assert kinds >= {"person", "organisation", "government", "media", "group", "anonymous"}
