"""The table of hand-written attribution cases: text -> expected speaker, kind, cue, content...

Each case names the statement it expects by its cue as written and a part of its content, and
the fields that must hold. The texts are invented for these tests.
"""

from __future__ import annotations

from typing import Any

import pytest

from claimgraph.analyze.attr_resolve import HEADLINE_COMPONENT
from claimgraph.analyze.attribution import extract
from claimgraph.model import Document

Case = dict[str, Any]

CASES: list[Case] = [
    # --- direct quotes, speaker after or before
    {
        "text": "“The bridge will open in May,” said Mayor Linda Okafor.",
        "cue": "said",
        "speaker": "Linda Okafor",
        "kind": "direct",
        "content": "The bridge will open in May",
    },
    {
        "text": "“We have no plans to close the plant,” the company’s chief executive, Tom Reyes, said.",
        "cue": "said",
        "speaker": "Tom Reyes",
        "kind": "direct",
        "content": "We have no plans to close the plant",
    },
    {
        "text": "Senator Maria Delgado said: “This bill protects farmers.”",
        "cue": "said",
        "speaker": "Maria Delgado",
        "kind": "direct",
        "content": "This bill protects farmers",
    },
    {
        "text": "“Prices will fall next year,” Ahmed Karimi told reporters.",
        "cue": "told",
        "speaker": "Ahmed Karimi",
        "kind": "direct",
        "content": "Prices will fall next year",
    },
    {
        "text": '"The vote was rigged," said opposition leader Paul Mensah.',
        "cue": "said",
        "speaker": "Paul Mensah",
        "kind": "direct",
        "content": "The vote was rigged",
    },
    {
        "text": "“We will appeal,” said Jana Novak. “The ruling ignores the evidence.”",
        "cue": "said",
        "speaker": "Jana Novak",
        "kind": "direct",
        "content": "The ruling ignores the evidence",
    },
    {
        "text": "“The river is rising fast,” added the fire chief, Omar Haddad.",
        "cue": "added",
        "speaker": "Omar Haddad",
        "kind": "direct",
        "content": "The river is rising fast",
    },
    # --- indirect speech
    {
        "text": "Defense Minister Karl Brandt said that the army had withdrawn from the border.",
        "cue": "said",
        "speaker": "Karl Brandt",
        "kind": "indirect",
        "content": "the army had withdrawn from the border",
    },
    {
        "text": "Lena Fischer told CNN the shipments arrived through a third country.",
        "cue": "told",
        "speaker": "Lena Fischer",
        "kind": "indirect",
        "content": "the shipments arrived through a third country",
        "via": "CNN",
    },
    {
        "text": "Rafael Ortiz, a spokesman for the Interior Ministry, told Reuters that four people were arrested.",
        "cue": "told",
        "speaker": "Rafael Ortiz",
        "kind": "indirect",
        "content": "four people were arrested",
        "via": "Reuters",
        "role": "spokesman",
    },
    {
        "text": "The governor announced that schools would reopen on Monday.",
        "cue": "announced",
        "kind": "indirect",
        "content": "schools would reopen on Monday",
    },
    {
        "text": "Police said the suspect had fled the city before dawn.",
        "cue": "said",
        "speaker": "Police",
        "kind": "indirect",
        "content": "the suspect had fled the city before dawn",
    },
    {
        "text": "The central bank warned that inflation could rise again.",
        "cue": "warned",
        "kind": "indirect",
        "content": "inflation could rise again",
        "hedged": True,
    },
    {
        "text": "Economist Priya Nair argued the tax cut would mostly help the wealthy.",
        "cue": "argued",
        "speaker": "Priya Nair",
        "kind": "indirect",
        "content": "the tax cut would mostly help the wealthy",
    },
    {
        "text": "Hugo Lambert insisted that he had never met the minister.",
        "cue": "insisted",
        "speaker": "Hugo Lambert",
        "kind": "indirect",
        "content": "he had never met the minister",
    },
    # --- mixed quotes
    {
        "text": "Coach Sam Porter said he is “not worried” about the injury.",
        "cue": "said",
        "speaker": "Sam Porter",
        "kind": "mixed",
        "content": "he is “not worried” about the injury",
    },
    {
        "text": "Judge Ellen Park said the contract was “plainly unlawful” and void.",
        "cue": "said",
        "speaker": "Ellen Park",
        "kind": "mixed",
        "content": "the contract was “plainly unlawful” and void",
    },
    # --- according to
    {
        "text": "According to the health ministry, 40 patients were treated overnight.",
        "cue": "According to",
        "speaker": "health ministry",
        "kind": "according_to",
        "content": "40 patients were treated overnight",
    },
    {
        "text": "The dam was built in 1962, according to local historian Rosa Bianchi.",
        "cue": "according to",
        "speaker": "Rosa Bianchi",
        "kind": "according_to",
        "content": "The dam was built in 1962",
    },
    # --- X's spokesperson
    {
        "text": "The mayor’s spokeswoman, Dana Whitfield, said the budget was balanced.",
        "cue": "said",
        "speaker": "Dana Whitfield",
        "kind": "indirect",
        "content": "the budget was balanced",
    },
    {
        "text": "Apex Mining’s spokesperson said the mine would stay closed.",
        "cue": "said",
        "kind": "indirect",
        "content": "the mine would stay closed",
    },
    # --- colon-introduced block on the next paragraph
    {
        "text": "The Finnish official responded:\n\nWe have never sent troops there. We never will.\n\nLater, Mr. Virtanen said the talks resumed.",
        "cue": "responded",
        "kind": "colon_block",
        "content": "We have never sent troops there. We never will.",
    },
    {
        "text": "Anna Kowalski wrote in an essay published by the Harbor Review:\n\n“The port has been neglected for a decade.”",
        "cue": "wrote",
        "speaker": "Anna Kowalski",
        "kind": "colon_block",
        "content": "The port has been neglected for a decade.",
    },
    # --- quotes split across sentences and paragraphs
    {
        "text": "“The factory is safe,” said Ingrid Holm.\n\n“Every inspection last year found nothing wrong.”",
        "cue": "said",
        "speaker": "Ingrid Holm",
        "kind": "direct",
        "content": "Every inspection last year found nothing wrong",
    },
    {
        "text": "“We saw the convoy at noon. It was heading north,” said the witness, Bilal Aziz.",
        "cue": "said",
        "speaker": "Bilal Aziz",
        "kind": "direct",
        "content": "We saw the convoy at noon. It was heading north",
    },
    # --- pronouns and descriptions resolved
    {
        "text": "Victor Haas, the union leader, spoke after the meeting. “We will strike on Friday,” he said.",
        "cue": "said",
        "speaker": "Victor Haas",
        "kind": "direct",
        "content": "We will strike on Friday",
    },
    {
        "text": "Reporters met Olga Petrenko, the country’s foreign minister, in Kyiv. “Our borders are not negotiable,” the minister said.",
        "cue": "said",
        "speaker": "Olga Petrenko",
        "kind": "direct",
        "content": "Our borders are not negotiable",
    },
    {
        "text": "The agency interviewed Colonel Yusuf Demir, Turkey’s envoy to the talks. Later the envoy said the ceasefire was holding.",
        "cue": "said",
        "speaker": "Yusuf Demir",
        "kind": "indirect",
        "content": "the ceasefire was holding",
    },
    # --- written statements
    {
        "text": "Nadia Rahman wrote in an op-ed that the city needs more buses.",
        "cue": "wrote",
        "speaker": "Nadia Rahman",
        "kind": "written",
        "content": "the city needs more buses",
    },
    {
        "text": "Councillor Ben Adeyemi tweeted that the meeting had been cancelled.",
        "cue": "tweeted",
        "speaker": "Ben Adeyemi",
        "kind": "written",
        "content": "the meeting had been cancelled",
        "via": "Twitter",
    },
    # --- denials and refusals
    {
        "text": "The Foreign Ministry refused to comment on the report.",
        "cue": "refused",
        "kind": "refusal",
        "content": "to comment on the report",
    },
    {
        "text": "The company declined to say how many workers were affected.",
        "cue": "declined",
        "kind": "refusal",
        "content": "to say how many workers were affected",
    },
    {
        "text": "The embassy dismissed the claims as absolutely false.",
        "cue": "dismissed",
        "kind": "indirect",
        "content": "the claims as absolutely false",
    },
    {
        "text": "Minister Pavel Orlov denied that any soldiers had crossed the river.",
        "cue": "denied",
        "speaker": "Pavel Orlov",
        "kind": "indirect",
        "content": "any soldiers had crossed the river",
    },
    # --- negated / hedged cues
    {
        "text": "General Mark Ellison said he would not dispute reports that the rebels had new rifles.",
        "cue": "said",
        "speaker": "Mark Ellison",
        "kind": "indirect",
        "content": "he would not dispute reports that the rebels had new rifles",
        "negated": True,
    },
    {
        "text": "Ruth Cole does not deny that the funds were moved.",
        "cue": "deny",
        "speaker": "Ruth Cole",
        "kind": "indirect",
        "content": "the funds were moved",
        "negated": True,
    },
    {
        "text": "Officials suggested that the fire may have been set deliberately.",
        "cue": "suggested",
        "kind": "indirect",
        "content": "the fire may have been set deliberately",
        "hedged": True,
        "anonymous": True,
    },
    # --- anonymous sources and media
    {
        "text": "An anonymous senior military official told Reuters that the base had been hit twice.",
        "cue": "told",
        "kind": "indirect",
        "content": "the base had been hit twice",
        "via": "Reuters",
        "anonymous": True,
    },
    {
        "text": "An unnamed rebel commander said the group had received new weapons.",
        "cue": "said",
        "kind": "indirect",
        "content": "the group had received new weapons",
        "anonymous": True,
    },
    {
        "text": "“The deal is dead,” a senior diplomat said.",
        "cue": "said",
        "kind": "direct",
        "content": "The deal is dead",
        "anonymous": True,
    },
    {
        "text": "Sources said the minister would resign within days.",
        "cue": "said",
        "kind": "indirect",
        "content": "the minister would resign within days",
        "anonymous": True,
    },
    {
        "text": "In an interview with the BBC, Carla Mendes said the election date would not change.",
        "cue": "said",
        "speaker": "Carla Mendes",
        "kind": "indirect",
        "content": "the election date would not change",
        "via": "BBC",
    },
    # --- institutions
    {
        "text": "Russia’s Foreign Ministry said the report was fabricated.",
        "cue": "said",
        "speaker": "Russian Foreign Ministry",
        "kind": "indirect",
        "content": "the report was fabricated",
    },
    {
        "text": "The Kremlin claims its talks with the rebels are meant to bring peace.",
        "cue": "claims",
        "speaker": "Kremlin",
        "kind": "indirect",
        "content": "its talks with the rebels are meant to bring peace",
    },
    # --- more sources, media and refusals
    {
        "text": "The White House did not immediately respond to a request for comment.",
        "cue": "respond",
        "speaker": "White House",
        "kind": "refusal",
        "content": "to a request for comment",
        "negated": True,
    },
    {
        "text": "According to a statement from the Defense Ministry, the drills ended on Sunday.",
        "cue": "According to",
        "speaker": "Defense Ministry",
        "kind": "according_to",
        "content": "the drills ended on Sunday",
    },
    {
        "text": "Putin’s spokesperson Dmitry Peskov said the talks would continue.",
        "cue": "said",
        "speaker": "Dmitry Peskov",
        "kind": "indirect",
        "content": "the talks would continue",
        "role": "spokesperson",
    },
    {
        "text": "Two officials, who spoke on condition of anonymity, said the deal had collapsed.",
        "cue": "said",
        "kind": "indirect",
        "content": "the deal had collapsed",
        "anonymous": True,
    },
    {
        "text": "Maria Lopez wrote on Facebook that she had been threatened.",
        "cue": "wrote",
        "speaker": "Maria Lopez",
        "kind": "written",
        "content": "she had been threatened",
        "via": "Facebook",
    },
    {
        "text": "In an interview with Reuters, Ilya Markov, the envoy to Libya, said the claims were false.",
        "cue": "said",
        "speaker": "Ilya Markov",
        "kind": "indirect",
        "content": "the claims were false",
        "via": "Reuters",
    },
    {
        "text": (
            "Senator Ann Brooks said the bill would pass. Her rival, Congressman Paul Drake, "
            "disagreed. “It is dead on arrival,” Drake said. “We have the votes,” she said later."
        ),
        "cue": "said",
        "speaker": "Ann Brooks",
        "kind": "direct",
        "content": "We have the votes",
    },
    # --- rules from issue 3 (claim-map review)
    {  # a quote with no cue of its own continues the speaker of its own paragraph
        "text": (
            "“We will rebuild the harbour by spring,” Tessa Lund, the head of the port council, "
            "told reporters. “That is why the budget doubles next year.”\n\n"
            "The Transport Ministry refused to comment on the plan."
        ),
        "cue": "told",
        "speaker": "Tessa Lund",
        "kind": "direct",
        "content": "That is why the budget doubles next year",
    },
    {  # a source span after a closing quote and a paragraph break starts at the source
        "text": (
            "“The tunnel is safe,” said Omar Vance. “Nobody was ever at risk.”\n\n"
            "Brekka’s Transport Ministry refused to comment on the tunnel."
        ),
        "cue": "refused",
        "kind": "refusal",
        "content": "to comment on the tunnel",
        "source": "Brekka’s Transport Ministry",
    },
    {  # a standfirst "…, official and union sources say": the coordinated sources speak
        "text": (
            "Harbour deal collapses\n\n"
            "The city quietly paid the contractor twice, official and union sources say\n\n"
            "The audit was published on Monday."
        ),
        "cue": "say",
        "kind": "indirect",
        "content": "The city quietly paid the contractor twice",
        "source": "official and union sources",
        "anonymous": True,
    },
    {  # ... also when the parser glues the last noun of the clause onto the source
        "text": (
            "Harbour deal collapses\n\n"
            "The ministry quietly sold radar parts to the navy, but simultaneously supplied the "
            "rebels with rifles, diplomatic and military sources say\n\n"
            "The audit was published on Monday."
        ),
        "cue": "say",
        "kind": "indirect",
        "content": "but simultaneously supplied the rebels with rifles",
        "content_max": 120,
        "source": "diplomatic and military sources",
        "anonymous": True,
    },
    {  # a kicker line is not a speaker; "It says" goes back to the last paragraph's subject
        "text": (
            "The Marrow Group has denied paying the harbour inspectors.\n\n"
            "Brekka Harbour: Ten years since the flood\n\n"
            "It says its accounts were audited twice by the city."
        ),
        "cue": "says",
        "speaker": "Marrow Group",
        "kind": "indirect",
        "content": "its accounts were audited twice by the city",
    },
    {  # a claim made by an anonymous source, nested in another speaker's words
        "text": (
            "While Gen. Ola Brandt did not give details, he said he would not dispute claims "
            "made to reporters by an anonymous senior army official in Luzan earlier that day "
            "that the rebels had doubled their drone fleet."
        ),
        "cue": "claims",
        "kind": "indirect",
        "content": "the rebels had doubled their drone fleet",
        "anonymous": True,
    },
    {  # role and affiliation from a description standing before the name
        "text": (
            "The union will not join the strike. This was stated by the spokeswoman of the "
            "press office of the Harbour Workers Union (founded in Brekka in 1990) Mira Dalton "
            "in an interview on Friday."
        ),
        "cue": "stated",
        "speaker": "Mira Dalton",
        "kind": "indirect",
        "content": "The union will not join the strike",
        "affiliation": "Harbour Workers Union",
    },
    {  # a nested "experts determined that" inside another attribution is extracted too
        "text": (
            "The broadcaster acknowledges that inspectors from the Harbour Safety Board "
            "determined that there was little evidence of tampering."
        ),
        "cue": "determined",
        "kind": "indirect",
        "content": "there was little evidence of tampering",
        "source": "inspectors from the Harbour Safety Board",
    },
    {  # ... while the outer attribution stays
        "text": (
            "The broadcaster acknowledges that inspectors from the Harbour Safety Board "
            "determined that there was little evidence of tampering."
        ),
        "cue": "acknowledges",
        "kind": "indirect",
        "content": "inspectors from the Harbour Safety Board determined that there was",
        "content_max": 120,
    },
    {  # "it" inside a clause of an institution's sentence is that institution
        "text": (
            "Brekka Harbour Authority rejects audit\n\n"
            "The Transport Ministry on Monday displayed ledgers it said were forged by the "
            "contractor, and called the audit a fraud."
        ),
        "cue": "said",
        "speaker": "Transport Ministry",
        "kind": "indirect",
        "content": "were forged by the contractor",
    },
    {  # a dateline "PLACE (Agency) -" is not part of the source
        "text": (
            "BREKKA (Coastal Wire Service) - Valdoria on Monday accused the harbour board "
            "of hiding its losses."
        ),
        "cue": "accused",
        "speaker": "Valdoria",
        "kind": "indirect",
        "content": "the harbour board of hiding its losses",
        "source": "Valdoria",
    },
    {  # "PLACE, Date (Agency) —" as well
        "text": (
            "LUZAN, March 3 (Coastal Wire) — Mayor Tessa Lund said the port would reopen "
            "within a week."
        ),
        "cue": "said",
        "speaker": "Tessa Lund",
        "kind": "indirect",
        "content": "the port would reopen within a week",
        "source": "Mayor Tessa Lund",
    },
    {  # a standfirst's content ends at its paragraph
        "text": (
            "Harbour board says the audit ignored the storm damage\n"
            "The board met on Monday to discuss the audit."
        ),
        "cue": "says",
        "kind": "indirect",
        "content": "the audit ignored the storm damage",
    },
]

# texts and the speakers / sources no statement of theirs may have (issue 3 rules)
NOT_SPEAKERS: list[tuple[str, set[str]]] = [
    (  # headline words are no source: "Reports Say ...", all-caps "... SAYS FURIOUS MINISTER"
        "Reports Say Valdoria Is ‘Arming the Rebels’\n\nBy Ann Wells\n\n"
        "The minister spoke to reporters on Monday.",
        {"Reports"},
    ),
    (
        "HARBOUR SCANDAL: ‘NOT ONE’ OF OUR BOATS IS MISSING, SAYS ANGRY MAYOR\n\n"
        "The mayor said the fleet was complete.",
        {"ANGRY MAYOR"},
    ),
    (  # "a small company with a shared office ordering drones": no speaker
        "Brask told the broadcaster that the firm should have asked harder questions about a "
        "small company with a shared office ordering 32 military drones.",
        {"shared office", "a shared office ordering 32 military drones"},
    ),
    (  # "discussed drones": a topic, not an attribution
        "The meetings were held in the capital. The intelligence officers discussed drones "
        "and border crossings with them.",
        {"intelligence officers", "The intelligence officers"},
    ),
    (  # a dateline is not a speaker
        "BREKKA (Coastal Wire Service) - Valdoria on Monday accused the harbour board of "
        "hiding its losses.",
        {"BREKKA (Coastal Wire Service) - Valdoria", "BREKKA"},
    ),
]


def _find(text: str, cue: str, content: str):  # type: ignore[no-untyped-def]
    _, statements = extract(Document(id="t" * 64, text=text))
    for s in statements:
        if s.cue is not None and s.cue.text == cue and content in s.content.text:
            return s, statements
    return None, statements


@pytest.mark.model
@pytest.mark.parametrize("case", CASES, ids=[f"{i:02d}-{c['kind']}" for i, c in enumerate(CASES)])
def test_case_table(case: dict) -> None:  # type: ignore[type-arg]
    found, statements = _find(case["text"], case["cue"], case["content"])
    seen = [(s.cue.text if s.cue else None, s.kind, s.speaker, s.content.text) for s in statements]
    assert found is not None, (
        f"no statement with cue {case['cue']!r} and content {case['content']!r}: {seen}"
    )
    # the content is the reported words, not the whole sentence
    limit = case.get("content_max", len(case["content"]) + 12)
    assert len(found.content.text) <= limit, found.content.text
    assert found.kind == case["kind"], seen
    if "speaker" in case:
        assert found.speaker == case["speaker"], seen
    assert found.via == case.get("via"), found.via
    assert found.anonymous == case.get("anonymous", False)
    assert found.negated == case.get("negated", False)
    if "hedged" in case:
        assert found.hedged == case["hedged"]
    if "role" in case:
        assert found.role is not None and case["role"] in found.role
    if "source" in case:
        assert found.source is not None and found.source.text == case["source"], seen
    if "affiliation" in case:
        assert found.affiliation is not None and case["affiliation"] in found.affiliation
    for st in statements:  # source spans are trimmed and stay inside one paragraph
        if st.source is not None:
            src = st.source.text
            assert src == src.strip(' \n\t“”"‘’'), src
            assert "\n" not in src, src


@pytest.mark.model
@pytest.mark.parametrize("text,forbidden", NOT_SPEAKERS, ids=range(len(NOT_SPEAKERS)))
def test_not_speakers(text: str, forbidden: set[str]) -> None:
    _, statements = extract(Document(id="n" * 64, text=text))
    for st in statements:
        assert st.speaker not in forbidden, (st.speaker, st.content.text)
        assert st.source is None or st.source.text not in forbidden, st.source.text


def test_case_table_covers_every_kind() -> None:
    kinds = {c["kind"] for c in CASES}
    assert {
        "direct",
        "indirect",
        "mixed",
        "according_to",
        "colon_block",
        "written",
        "refusal",
    } <= kinds
    assert len(CASES) >= 40
    assert any(c.get("via") for c in CASES) and any(c.get("anonymous") for c in CASES)
    assert any(c.get("negated") for c in CASES)


@pytest.mark.model
def test_headline_marked_and_never_an_antecedent() -> None:
    text = (
        "Marrow Group rejects audit findings\n\n"
        "The harbour board met on Monday. “It is a fair audit,” it said."
    )
    _, statements = extract(Document(id="h" * 64, text=text))
    head = [s for s in statements if s.cue is not None and s.cue.text == "rejects"]
    assert head and head[0].speaker == "Marrow Group"
    assert head[0].component == HEADLINE_COMPONENT
    body = [s for s in statements if s.cue is not None and s.cue.text == "said"]
    assert body and body[0].speaker != "Marrow Group"
    assert body[0].component != HEADLINE_COMPONENT


@pytest.mark.model
def test_headline_role_resolves_to_the_person_the_body_describes() -> None:
    text = (
        "Valdorian minister says he is not denying the reports\n\n"
        "Morvania's defence minister, Irena Castellan, said the case was closed. "
        "Valdoria's foreign minister, Tomas Vireo, said on Monday that he was not denying the "
        "reports. Port officials said the harbour was calm.\n\n"
        "Harbour officials say the port is closed\n\n"
    )
    _, statements = extract(Document(id="r" * 64, text=text))
    by_cue = {(s.cue.text if s.cue else "", s.content.text[:12]): s for s in statements}
    head = [s for s in statements if s.component == HEADLINE_COMPONENT and s.cue]
    says = [s for s in head if s.cue is not None and s.cue.text == "says"]
    assert says and says[0].speaker == "Tomas Vireo", by_cue
    # a plural role in a headline is not one person of the body
    say = [s for s in head if s.cue is not None and s.cue.text == "say"]
    assert say and say[0].speaker not in ("Irena Castellan", "Tomas Vireo"), by_cue
