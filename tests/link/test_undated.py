"""Honest dates: only published and stated dates place a statement on the timeline; a bound
("not before 2001") or an inferred date is listed apart, as undated, in every output; an
undated article may take the date of another article reporting the same remark.

Three invented articles: an undated one naming "in 2001", a dated one, and an undated one
echoing the dated one's remark.
"""

from __future__ import annotations

import csv
import io
import json

from link_helpers import KeywordJudge, make_doc, make_statement

from claimgraph.analyze.timex import date_statements, find_times
from claimgraph.link.claimmap import build_claim_map
from claimgraph.link.dating import borrow_dates, same_report
from claimgraph.link.retrieve import Candidate
from claimgraph.link.timeline import stance_changes, timeline
from claimgraph.report import exports
from claimgraph.report.view import build_view, date_label, statement_date

UNDATED_2001 = (
    "The Velmar militia was driven out of Ostrava Bay in 2001. "
    "Harbour chief Lida Moen said the militia was smuggling rifles through the bay again."
)
DATED = (
    "Port warden Anselm Krug said the militia was buying rifles from a foreign navy "
    "and moving them at night across the northern channel."
)
ECHO = (
    "Anselm Krug said the militia was buying rifles from a foreign navy and moving them at "
    "night across the northern channel, according to a radio report."
)
CLAIM = "The militia is smuggling rifles"


def _analysed(text: str, published: str | None, sentence: str, content: str, speaker: str):
    doc = make_doc(text, published=published)
    st = make_statement(doc, sentence, content, speaker=speaker, cue="said")
    (dated,) = date_statements(doc, [st], find_times(doc))
    return doc, dated


def _corpus():
    a = _analysed(
        UNDATED_2001,
        None,
        "Harbour chief Lida Moen said the militia was smuggling rifles through the bay again.",
        "the militia was smuggling rifles through the bay again",
        "Lida Moen",
    )
    b = _analysed(
        DATED,
        "2019-06-04",
        DATED,
        "the militia was buying rifles from a foreign navy and moving them at night across "
        "the northern channel",
        "Anselm Krug",
    )
    c = _analysed(
        ECHO,
        None,
        ECHO,
        "the militia was buying rifles from a foreign navy and moving them at night across "
        "the northern channel",
        "Anselm Krug",
    )
    return a, b, c


def test_analysis_says_what_each_date_is() -> None:
    (_, bound), (_, published), (_, echo) = _corpus()
    assert bound.date is not None
    assert (bound.date.value, bound.date.kind, bound.date.not_before) == ("2001", "bound", True)
    assert bound.date.span is not None and bound.date.span.text == "in 2001"  # the evidence
    assert not bound.date.placed
    assert published.date is not None and published.date.kind == "published"
    assert published.date.placed and published.date.value == "2019-06-04"
    assert echo.date is not None and echo.date.kind == "undated" and not echo.date.placed
    assert date_label(bound.date) == "undated (not before 2001 from “in 2001”)"
    assert date_label(published.date) == "2019-06-04 (published)"


def test_a_stated_date_places_a_statement_in_an_undated_article() -> None:
    text = "In March 2015 the harbour chief said the bay was closed to smugglers."
    _, st = _analysed(text, None, text, "the bay was closed to smugglers", "harbour chief")
    assert st.date is not None
    assert (st.date.value, st.date.kind, st.date.placed) == ("2015-03", "stated", True)


def test_an_undated_echo_takes_the_date_of_the_report_it_repeats() -> None:
    (_, bound), (doc_b, published), (_, echo) = _corpus()
    assert same_report(echo, published) and not same_report(bound, published)
    out = borrow_dates([bound, echo], [bound, published, echo])
    assert out[0] is bound  # nothing else reports Lida Moen's remark: it stays undated
    assert out[1].date is not None and out[1].date.placed
    assert out[1].date.value == "2019-06-04" and out[1].date.kind == "published"
    assert (out[1].date.via_document, out[1].date.via_statement) == (doc_b.id, published.id)
    assert "via article " + doc_b.id[:12] in date_label(out[1].date)


def _map():
    (doc_a, bound), (doc_b, published), (doc_c, echo) = _corpus()
    judge = KeywordJudge([(("militia", "rifles"), "supports", False)])
    docs = {doc_a.id: doc_a, doc_b.id: doc_b, doc_c.id: doc_c}
    statements = [bound, published, echo]
    candidates = [Candidate(s, docs[s.doc_id], 1.0) for s in statements]
    return build_claim_map(
        CLAIM,
        candidates,
        judge=judge,
        actors={},
        vectors={},
        doc_statements={d: [s for s in statements if s.doc_id == d] for d in docs},
    ), bound


def test_a_bound_never_places_a_statement_anywhere() -> None:
    cmap, bound = _map()
    rows = {r.statement_id: r for r in timeline(cmap)}
    assert not rows[bound.id].placed and rows[bound.id].kind == "bound"
    assert rows[bound.id].date == "2001"  # kept, with its kind, for who wants to see it
    assert timeline(cmap)[-1].statement_id == bound.id  # listed after every placed row
    assert all(c.before_date != "2001" and c.after_date != "2001" for c in stance_changes(cmap))
    view = build_view(cmap)
    assert [p.date for p in view.points] == ["2019-06-04"]
    assert bound.id in {js.statement.id for js in view.undated_statements}
    assert view.undated == 2  # the bound and the undated echo (not borrowed in this map)
    by_id = {js.statement.id: js for js in cmap.statements}
    assert statement_date(by_id[bound.id])[0] is None
    table = list(csv.DictReader(io.StringIO(exports.to_csv(cmap))))
    row = next(r for r in table if r["statement_id"] == bound.id)
    assert (row["date"], row["date_kind"]) == ("", "bound")
    assert row["date_note"].startswith("undated (not before 2001")
    review = exports.claimreview(cmap)
    first = review["itemReviewed"]["firstAppearance"]
    assert first["author"]["name"] == "Anselm Krug"  # never the "2001" article
    gexf = exports.to_gexf(cmap)
    assert 'title="undated"' in gexf and "2001" not in gexf
    data = json.loads(exports.to_json(cmap))
    dates = {s["id"]: s["date"] for s in data["statements"]}
    assert dates[bound.id]["kind"] == "bound" and dates[bound.id]["placed"] is False


def test_the_html_report_lists_bounds_apart() -> None:
    from claimgraph.report.html import render_report

    cmap, _bound = _map()
    page = render_report(cmap)
    assert "2001-01-01" not in page
    assert "undated (not before 2001" in page
    assert 'data-date-kind="bound"' in page
