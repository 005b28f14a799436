"""Undated articles in a claim map: dated by their text, bounded by the corpus."""

from __future__ import annotations

import dataclasses
from datetime import date

from link_helpers import make_doc, make_statement

from claimgraph.link.dating import corpus_horizon, date_undated
from claimgraph.model import StatementDate


def test_corpus_horizon() -> None:
    today = date(2026, 11, 26)
    assert corpus_horizon([None, "2017-04-25", "2016-01"], today=today) == date(2022, 4, 25)
    assert corpus_horizon([None, None], today=today) == today
    assert corpus_horizon(["2024-02-29"], today=today) == today  # the horizon never passes today
    assert corpus_horizon(["2019-02-29", "bad"], today=today) == today  # unparseable dates ignored


def test_date_undated_fills_only_missing_dates() -> None:
    text = (
        "The envoy said the ties were political only. He gave the interview on Saturday, "
        "August 8, to a news agency. In June the minister said rifles were bought."
    )
    doc = make_doc(text)
    missing = make_statement(
        doc, "The envoy said", "the ties were political only", speaker="envoy", cue="said"
    )
    missing = dataclasses.replace(missing, date=StatementDate(None, None, False))
    known = make_statement(
        doc,
        "In June the minister said",
        "rifles were bought",
        speaker="minister",
        cue="said",
        date=StatementDate("2020-06", "month", False),
    )
    out = date_undated(doc, [missing, known], not_after=date(2022, 4, 25))
    assert out[0].date is not None and out[0].date.value == "2020-08-08"
    assert out[0].date.inferred and out[0].date.precision == "day"
    assert out[1] is known
    # a date inferred at analysis time (without the corpus) is read again
    early = dataclasses.replace(missing, date=StatementDate("2026-08-08", "day", True))
    again = date_undated(doc, [early], not_after=date(2022, 4, 25))
    assert again[0].date is not None and again[0].date.value == "2020-08-08"
    dated_doc = make_doc(text, published="2021-05-01")
    assert date_undated(dated_doc, [missing], not_after=date(2022, 1, 1)) == [missing]


def test_date_undated_reads_relative_times_against_the_placed_date() -> None:
    text = (
        "The council voted on Tuesday, March 18, to ask for an inquiry. "
        "Earlier this month, the authority said the mill had polluted the river."
    )
    doc = make_doc(text)
    st = make_statement(
        doc,
        "Earlier this month, the authority said the mill had polluted the river.",
        "the mill had polluted the river",
        speaker="authority",
        cue="said",
    )
    st = dataclasses.replace(st, date=StatementDate(None, None, False))
    (out,) = date_undated(doc, [st], not_after=date(2025, 6, 30))
    assert out.date is not None
    assert (out.date.value, out.date.precision, out.date.inferred) == ("2025-03", "month", False)
    # in a corpus that ends earlier, the latest year whose March 18 was a Tuesday: 2014
    (early,) = date_undated(doc, [st], not_after=date(2024, 6, 30))
    assert early.date is not None and early.date.value == "2014-03"
