"""Time expressions resolved against the publication date, and statement dates."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest

from claimgraph.analyze.timex import (
    date_statements,
    find_times,
    infer_published,
    is_point,
    resolve_text,
)
from claimgraph.model import Document, Span, Statement

# (text, publication date, expression as written, resolved value, precision)
RESOLVE_CASES = [
    ("In January, the general told reporters.", "2017-04-25", "In January", "2017-01", "month"),
    ("The governor spoke in December.", "2017-01-10", "in December", "2016-12", "month"),
    ("The governor spoke in December.", "2017-12-20", "in December", "2017-12", "month"),
    ("He said on Monday that it was true.", "2017-04-25", "on Monday", "2017-04-24", "day"),
    ("He said on Monday that it was true.", "2017-04-24", "on Monday", "2017-04-24", "day"),
    ("He said last Monday that it was true.", "2017-04-24", "last Monday", "2017-04-17", "day"),
    (
        "Late last year, an official told the agency.",
        "2017-03-01",
        "Late last year",
        "2016",
        "year",
    ),
    ("The spokesman claimed last month that", "2017-04-25", "last month", "2017-03", "month"),
    ("The spokesman claimed last month that", "2017-01-05", "last month", "2016-12", "month"),
    (
        "in an interview published on Saturday, August 8, to",
        "2020-08-10",
        "on Saturday, August 8",
        "2020-08-08",
        "day",
    ),
    ("He told lawmakers in March that", "2017-04-25", "in March", "2017-03", "month"),
    ("a news conference on 24 April 2017 in Kabul", None, "on 24 April 2017", "2017-04-24", "day"),
    ("The video surfaced two weeks ago.", "2017-04-25", "two weeks ago", "2017-04-11", "day"),
    ("It happened on April 24, 2017, in Kabul.", None, "on April 24, 2017", "2017-04-24", "day"),
    ("They met in September 2015 at a base.", None, "in September 2015", "2015-09", "month"),
    ("she said in a briefing on January 13.", "2022-01-20", "on January 13", "2022-01-13", "day"),
    ("she said in a briefing on December 30.", "2022-01-05", "on December 30", "2021-12-30", "day"),
    ("The minister said yesterday that", "2017-04-25", "yesterday", "2017-04-24", "day"),
    ("Earlier this year the ministry said", "2017-04-25", "Earlier this year", "2017", "year"),
    ("until the invasion in 2001.", None, "in 2001", "2001", "year"),
    ("contacts since at least 2007.", "2017-01-01", "since at least 2007", "2007", "year"),
    ("Monday's comments are the strongest yet.", "2017-04-25", "Monday's", "2017-04-24", "day"),
    ("The talks were held in May.", "2017-06-01", "in May", "2017-05", "month"),
    ("In January, the general said so.", None, "In January", None, None),
    ("He said on Monday that", None, "on Monday", None, None),
    ("The report is dated 2017-04-24 and", None, "2017-04-24", "2017-04-24", "day"),
    ("The group grew in mid-2016.", None, "in mid-2016", "2016", "year"),
    ("The attack came three days ago.", "2017-04-25", "three days ago", "2017-04-22", "day"),
    ("Talks resume next month.", "2017-12-10", "next month", "2018-01", "month"),
    ("Tuesday 25 April 2017 10:58 BST", None, "Tuesday 25 April 2017", "2017-04-25", "day"),
    ("The base was attacked last week.", "2017-04-25", "last week", "2017-04", "month"),
    ("The envoy spoke on Jan. 5 in Moscow.", "2019-03-01", "on Jan. 5", "2019-01-05", "day"),
    ("He told lawmakers in March that", "2017-04", "in March", "2017-03", "month"),
    ("In early March, the talks began.", "2017-04-25", "In early March", "2017-03", "month"),
]


@pytest.mark.parametrize(("text", "published", "written", "value", "precision"), RESOLVE_CASES)
def test_resolve(
    text: str, published: str | None, written: str, value: str | None, precision: str | None
) -> None:
    times = resolve_text(text, published)
    assert [t.span.text for t in times] == [written]
    assert times[0].value == value
    assert times[0].precision == precision
    assert text[times[0].span.start : times[0].span.end] == written


@pytest.mark.parametrize(
    "text",
    [
        "They may be providing some sort of support.",
        "The US maintains around 9,800 troops there.",
        "redeploy up to 100,000 soldiers on the same bases",
        "The Soviet Union fought in the 1980s.",
        "Come on! You are not talking to stupid people.",
    ],
)
def test_no_time_expression(text: str) -> None:
    assert resolve_text(text, "2017-04-25") == []


def test_anaphoric_expressions_take_the_previous_one() -> None:
    text = "In March, the general spoke. That month, Russia hosted talks. Echoing him that same month, the governor agreed."
    times = resolve_text(text, "2017-04-25")
    assert [(t.span.text, t.value) for t in times] == [
        ("In March", "2017-03"),
        ("That month", "2017-03"),
        ("that same month", "2017-03"),
    ]


def test_anaphoric_day_and_missing_antecedent() -> None:
    times = resolve_text("He spoke on Monday. Claims were made earlier that day.", "2017-04-25")
    assert [(t.span.text, t.value, t.precision) for t in times] == [
        ("on Monday", "2017-04-24", "day"),
        ("earlier that day", "2017-04-24", "day"),
    ]
    alone = resolve_text("That same month the talks ended.", "2017-04-25")
    assert alone[0].value is None


def test_since_is_not_a_point() -> None:
    since, during = resolve_text("contacts since 2007 and talks in 2015", "2017-01-01")
    assert not is_point(since)
    assert is_point(during)


# --- documents and statements ---------------------------------------------------------------


def _doc(text: str, published: str | None, **kw: object) -> Document:
    return Document(
        id=hashlib.sha256(text.encode()).hexdigest(), text=text, published=published, **kw
    )  # type: ignore[arg-type]


def _statement(
    doc: Document, sentence: str, content: str, cue: str, speaker: str, *, kind: str = "indirect"
) -> Statement:
    s = doc.text.index(sentence)
    c = doc.text.index(content, s)
    q = doc.text.index(cue, s)
    return Statement(
        id=f"{c}",
        doc_id=doc.id,
        kind=kind,  # type: ignore[arg-type]
        content=Span.of(doc.text, c, c + len(content)),
        cue=Span.of(doc.text, q, q + len(cue)),
        speaker=speaker,
        sentence=Span.of(doc.text, s, s + len(sentence)),
    )


def test_find_times_skips_boilerplate_and_dateline() -> None:
    text = "Tuesday 25 April 2017 10:58 BST\nSubscribe by Monday for news.\nIn January, the general spoke."
    dateline = Span.of(text, 0, len("Tuesday 25 April 2017"))
    start = text.index("Subscribe")
    boiler = Span.of(text, start, text.index("\n", start))
    doc = _doc(text, "2017-04-25", date_span=dateline, boilerplate=(boiler,))
    times = find_times(doc)
    assert [(t.span.text, t.value) for t in times] == [("In January", "2017-01")]
    assert text[times[0].span.start : times[0].span.end] == "In January"


def test_statement_dated_by_its_sentence_outside_content() -> None:
    text = (
        "In January, Gen. John Nicholson told reporters that Russia has backed the group since 2015.\n\n"
        "The ministry said the reports were false."
    )
    doc = _doc(text, "2017-04-25")
    first = _statement(
        doc,
        text.split("\n\n")[0],
        "Russia has backed the group since 2015",
        "told",
        "John Nicholson",
    )
    second = _statement(
        doc,
        "The ministry said the reports were false.",
        "the reports were false",
        "said",
        "ministry",
    )
    dated = date_statements(doc, [first, second], find_times(doc))
    assert dated[0].date is not None and dated[0].date.value == "2017-01"
    assert dated[0].date.inferred is False and dated[0].date.span is not None
    assert dated[1].date is not None
    assert (dated[1].date.value, dated[1].date.precision, dated[1].date.inferred) == (
        "2017-04-25",
        "day",
        True,
    )


def test_nearest_expression_to_the_cue_wins() -> None:
    text = "In March, after talks in Doha on Monday, the envoy said on Saturday that talks would go on."
    doc = _doc(text, "2017-04-25")
    st = _statement(doc, text, "talks would go on", "said", "envoy")
    dated = date_statements(doc, [st], find_times(doc))
    assert dated[0].date is not None and dated[0].date.value == "2017-04-22"


def test_neighbouring_sentence_naming_the_speaker_dates_the_remark() -> None:
    text = (
        "The commander of the coalition has said that he is not refuting reports that Valdoria is arming the rebels.\n\n"
        "General Ola Brandt made the remarks to journalists in Velt on Monday during a tour."
    )
    doc = _doc(text, "2017-04-25")
    st = _statement(
        doc,
        text.split("\n\n")[0],
        "he is not refuting reports that Valdoria is arming the rebels",
        "said",
        "Ola Brandt",
    )
    dated = date_statements(doc, [st], find_times(doc))
    assert dated[0].date is not None
    assert (dated[0].date.value, dated[0].date.inferred) == ("2017-04-24", False)


def test_undated_document_gives_none_or_the_texts_own_date() -> None:
    text = "The spokesman said the talks failed. In September 2015, the envoy said they met."
    doc = _doc(text, None)
    first = _statement(
        doc, "The spokesman said the talks failed.", "the talks failed", "said", "spokesman"
    )
    second = _statement(
        doc, "In September 2015, the envoy said they met.", "they met", "said", "envoy"
    )
    dated = date_statements(doc, [first, second], find_times(doc))
    # the text's latest date bounds the undated article from below: inferred, month precision
    assert dated[0].date is not None
    assert (dated[0].date.value, dated[0].date.precision) == ("2015-09", "month")
    assert dated[0].date.inferred is True
    assert dated[1].date is not None and dated[1].date.value == "2015-09"
    assert dated[1].date.inferred is False
    # a text that says nothing about when leaves the statement undated
    bare = _doc("The spokesman said the talks failed.", None)
    only = _statement(bare, bare.text, "the talks failed", "said", "spokesman")
    undated = date_statements(bare, [only], find_times(bare))[0].date
    assert undated is not None and undated.value is None and undated.precision is None


def test_that_same_month_dates_a_later_statement() -> None:
    text = "In January, the general said Russia backs the Taliban. Echoing him that same month, the governor said Iran helps them."
    doc = _doc(text, "2017-04-25")
    st = _statement(
        doc,
        "Echoing him that same month, the governor said Iran helps them.",
        "Iran helps them",
        "said",
        "governor",
    )
    dated = date_statements(doc, [st], find_times(doc))
    assert dated[0].date is not None and dated[0].date.value == "2017-01"


def test_reaction_sentence_naming_the_speaker_dates_the_remark() -> None:
    text = (
        "Vestria accused the drone maker of supplying the rebels.\n\n"
        "The foreign minister, Tomas Ardel, rejected the accusation on Monday. "
        "Speaking to reporters, he said the claims were false."
    )
    doc = _doc(text, "2025-01-14")
    st = _statement(
        doc,
        "Speaking to reporters, he said the claims were false.",
        "the claims were false",
        "said",
        "Tomas Ardel",
    )
    dated = date_statements(doc, [st], find_times(doc))
    assert dated[0].date is not None
    assert (dated[0].date.value, dated[0].date.inferred) == ("2025-01-13", False)


def test_anaphora_skips_antecedents_less_precise_than_asked() -> None:
    text = "The strike came on Saturday. The embargo dates from 2022. Officials met later that day."
    times = resolve_text(text, "2025-01-14")
    assert [(t.span.text, t.value) for t in times][-1] == ("later that day", "2025-01-11")


def test_since_followed_by_when_dates_the_when_clause() -> None:
    text = (
        "The remarks go furthest since January, when Ardel categorically rejected "
        "the accusation that the firm had supplied drones."
    )
    doc = _doc(text, "2025-07-22")
    st = _statement(
        doc, text, "the accusation that the firm had supplied drones", "rejected", "Ardel"
    )
    dated = date_statements(doc, [st], find_times(doc))
    assert dated[0].date is not None
    assert (dated[0].date.value, dated[0].date.inferred) == ("2025-01", False)


# --- undated articles: placed by what their text says --------------------------------------


@pytest.mark.parametrize(
    ("text", "not_after", "value", "precision"),
    [
        # weekday + day + month pins the year: the latest fitting year in range
        (
            "He spoke in an interview published on Saturday, August 8, to a news agency.",
            date(2022, 4, 25),
            "2020-08-08",
            "day",
        ),
        (
            "He spoke in an interview published on Saturday, August 8, to a news agency.",
            date(2019, 12, 31),
            "2015-08-08",
            "day",
        ),
        # day-first order, "the" and ordinals
        ("The vote was held on Thursday, the 4th of March.", date(2022, 1, 1), "2021-03-04", "day"),
        # an explicit year in the text bounds the weekday date from below; when no year in
        # range fits the weekday, the named year is the bound
        (
            "The war began in 2012. Talks opened on Friday, June 5.",
            date(2030, 1, 1),
            "2026-06-05",
            "day",
        ),
        (
            "The war began in 2021. Talks opened on Friday, June 5.",
            date(2025, 12, 31),
            "2021",
            "year",
        ),
        # no weekday date: the latest named date bounds the article from below
        ("The group ruled until the invasion in 2001.", date(2022, 1, 1), "2001", "year"),
        (
            "Contacts go back to 2007. In September 2015 they met.",
            date(2022, 1, 1),
            "2015-09",
            "month",
        ),
        ("The treaty of 12 March 2018 still holds.", date(2022, 1, 1), "2018-03-12", "day"),
        # years after the horizon are plans, not history
        (
            "By 2040 the army will have new rifles. The plan dates from 2016.",
            date(2022, 1, 1),
            "2016",
            "year",
        ),
        ("Nobody said when this happened.", date(2022, 1, 1), None, None),
    ],
)
def test_infer_published(
    text: str, not_after: date, value: str | None, precision: str | None
) -> None:
    found = infer_published(text, not_after=not_after)
    if value is None:
        assert found is None
        return
    assert found is not None
    assert (found.value, found.precision, found.inferred) == (value, precision, True)
    # a weekday-pinned date is the date; a named year only bounds it from below
    assert found.span is not None and text[found.span.start : found.span.end] == found.span.text
    pinned = any(day in found.span.text for day in ("Saturday", "Thursday", "Friday"))
    assert found.not_before is (not pinned)


def test_undated_document_statements_take_the_weekday_pinned_date() -> None:
    text = (
        "The envoy said the ties were political only. He gave the interview on Saturday, "
        "August 8, to a news agency."
    )
    doc = _doc(text, None)
    st = _statement(doc, "The envoy said the ties", "the ties were political only", "said", "envoy")
    (dated,) = date_statements(doc, [st], find_times(doc), not_after=date(2022, 4, 25))
    assert dated.date is not None
    assert (dated.date.value, dated.date.precision, dated.date.inferred) == (
        "2020-08-08",
        "day",
        True,
    )
    assert dated.date.span is not None and dated.date.span.text == "Saturday, August 8"
    # a dated document keeps its publication date as before
    published = _doc(text, "2021-01-05")
    st2 = _statement(
        published, "The envoy said the ties", "the ties were political only", "said", "envoy"
    )
    (kept,) = date_statements(published, [st2], find_times(published))
    assert kept.date is not None and kept.date.value != "2020-08-08"


# --- counted from the previous moment; wire datelines; undated articles ---------------------

LATER_CASES = [
    ("The order came on Thursday, March 6. Two days later, the firm said it would appeal.",
     "2025-03-12", "Two days later", "2025-03-08"),
    ("The board met on 2 June 2024. The next day the chairman resigned.",
     None, "The next day", "2024-06-03"),
    ("Inspectors visited on Monday, September 15. A week later, the report was published.",
     "2025-09-24", "A week later", "2025-09-22"),
    ("The vote was held on May 3, 2023. The following day, the mayor spoke.",
     "2023-05-10", "The following day", "2023-05-04"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "published", "written", "value"), LATER_CASES)
def test_counted_from_the_previous_day(
    text: str, published: str | None, written: str, value: str
) -> None:
    times = {t.span.text: t for t in resolve_text(text, published)}
    assert times[written].value == value
    assert times[written].precision == "day"


def test_later_without_a_day_before_or_a_count_is_unresolved() -> None:
    assert [t.value for t in resolve_text("Two days later, he left.", "2025-03-12")] == [None]
    times = resolve_text("They met on Monday. A few days later, he left.", "2025-03-12")
    assert [t.value for t in times] == ["2025-03-10", None]


def _dated_one(text: str, published: str | None, sentence: str, content: str) -> Statement:
    doc = _doc(text, published)
    st = _statement(doc, sentence, content, "said", "mayor")
    (out,) = date_statements(doc, [st], find_times(doc))
    return out


def test_wire_dateline_dates_a_republished_story() -> None:
    text = "ODDVIK, June 2 (Tessaly Press Agency) - The mayor said the bridge was safe."
    out = _dated_one(text, "2025-06-03", "The mayor said the bridge was safe.", "the bridge")
    assert out.date is not None
    assert (out.date.value, out.date.precision, out.date.inferred) == ("2025-06-02", "day", True)
    # a dateline of the publication day, or too far back to be the same story, changes nothing
    same_day = _dated_one(text, "2025-06-02", "The mayor said the bridge was safe.", "the bridge")
    assert same_day.date is not None and same_day.date.value == "2025-06-02"
    old = _dated_one(text, "2025-07-20", "The mayor said the bridge was safe.", "the bridge")
    assert old.date is not None and old.date.value == "2025-07-20"
    day_first = "ODDVIK, 2 June (TPA) - The mayor said the bridge was safe."
    out = _dated_one(day_first, "2025-06-04", "The mayor said the bridge was safe.", "the bridge")
    assert out.date is not None and out.date.value == "2025-06-02"


def test_statement_with_its_own_time_ignores_the_dateline() -> None:
    text = "ODDVIK, June 2 (Tessaly Press Agency) - The mayor said on Sunday the bridge was safe."
    out = _dated_one(
        text, "2025-06-03", "The mayor said on Sunday the bridge was safe.", "the bridge"
    )
    assert out.date is not None
    assert (out.date.value, out.date.inferred) == ("2025-06-01", False)


def test_undated_article_reads_relative_times_against_its_placed_date() -> None:
    text = (
        "The council voted on Tuesday, March 18, to ask for an inquiry. "
        "Earlier this month, the authority said the mill had polluted the river."
    )
    doc = _doc(text, None)
    st = _statement(
        doc,
        "Earlier this month, the authority said the mill had polluted the river.",
        "the mill had polluted",
        "said",
        "authority",
    )
    (out,) = date_statements(doc, [st], find_times(doc), not_after=date(2025, 12, 31))
    assert out.date is not None
    # read against a date the text only implies, the month is inferred: never on a timeline
    assert (out.date.value, out.date.precision, out.date.kind) == ("2025-03", "month", "inferred")
    assert not out.date.placed


def test_time_in_a_clause_describing_the_speaker_does_not_date_the_remark() -> None:
    text = "Ivo Brandt, who left the firm last month, said he had kept the valve records."
    doc = _doc(text, "2025-03-10")
    st = _statement(doc, text, "he had kept the valve records", "said", "Ivo Brandt")
    (out,) = date_statements(doc, [st], find_times(doc))
    assert out.date is not None
    assert (out.date.value, out.date.inferred) == ("2025-03-10", True)
    # unless the clause is about the remark itself
    text = "Ivo Brandt, who spoke to reporters on Monday, said the plan was dead."
    doc = _doc(text, "2025-03-12")
    st = _statement(doc, text, "the plan was dead", "said", "Ivo Brandt")
    (out,) = date_statements(doc, [st], find_times(doc))
    assert out.date is not None
    assert (out.date.value, out.date.inferred) == ("2025-03-10", False)


def test_later_never_passes_the_publication_date() -> None:
    text = "Tuesday 4 February 2025\n\nThe drones struck last month. Three weeks later, she spoke."
    times = {t.span.text: t.value for t in resolve_text(text, "2025-02-04")}
    assert times["Three weeks later"] is None


def test_a_year_in_a_since_clause_does_not_date_the_remark() -> None:
    text = (
        "The rebels hold more valleys now than at any time since the army drove them out in "
        "1998, the mayor of Ostrel said."
    )
    doc = _doc(text, None)
    st = _statement(doc, text, "The rebels hold more valleys", "said", "mayor of Ostrel")
    (out,) = date_statements(doc, [st], find_times(doc))
    assert out.date is not None and not out.date.placed  # a bound or undated, never stated
    # the same year outside such a clause is stated for the remark
    text = "In 1998 the mayor of Ostrel said the rebels held more valleys."
    doc = _doc(text, None)
    st = _statement(doc, text, "the rebels held more valleys", "said", "mayor of Ostrel")
    (out,) = date_statements(doc, [st], find_times(doc))
    assert out.date is not None and (out.date.value, out.date.kind) == ("1998", "stated")


def test_a_since_clause_with_an_initialism_does_not_date_the_remark() -> None:
    # the dots of "U.N.-backed" do not end the clause opened by "since"
    text = (
        "The militias are thought to hold more farmland now than at any time since the "
        "U.N.-backed mission pushed them back in 2004."
    )
    doc = _doc(text, None)
    st = _statement(doc, text, "to hold more farmland", "thought", "")
    (out,) = date_statements(doc, [st], find_times(doc))
    assert out.date is not None and not out.date.placed


def test_same_month_after_an_unplaced_month_is_not_a_background_year() -> None:
    # undated text: "In May" has no year, so "that same month" is unknown too, not the
    # background "in 2004" of an earlier sentence
    text = (
        "Rebels have held the pass since the army left it in 2004.\n\n"
        "In May, Colonel Ivar Sten said the rebels had new mortars.\n\n"
        "Echoing him that same month, the governor said the mortars came by sea."
    )
    times = {t.span.text: t.value for t in resolve_text(text, None)}
    assert times["In May"] is None
    assert times["that same month"] is None
    doc = _doc(text, None)
    sentence = "Echoing him that same month, the governor said the mortars came by sea."
    st = _statement(doc, sentence, "the mortars came by sea", "said", "governor")
    (out,) = date_statements(doc, [st], find_times(doc))
    assert out.date is not None and out.date.kind != "stated" and not out.date.placed
