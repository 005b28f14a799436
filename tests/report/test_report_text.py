"""Escaping and highlighting of untrusted text."""

from __future__ import annotations

import html

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import html as lhtml

from claimgraph.report.text import Mark, element_id, highlight, http_url, safe, visible

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "</textarea><svg onload=alert(1)>",
    '"><a href="javascript:alert(1)">x</a>',
    "\u202eevil\u202c",
    "zero\u200bwidth\ufeff",
    "&lt;already escaped&gt;",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_safe_never_emits_markup(text: str) -> None:
    out = str(safe(text))
    assert "<" not in out and ">" not in out
    assert html.unescape(out) == visible(text)


def test_visible_shows_direction_and_invisible_characters() -> None:
    assert visible("a\u202eb") == "a\u27e6U+202E\u27e7b"
    assert visible("x\u200by\ufeff") == "x\u27e6U+200B\u27e7y\u27e6U+FEFF\u27e7"
    assert visible("tab\tand\nnewline stay") == "tab\tand\nnewline stay"


def test_highlight_wraps_marks_and_escapes_pieces() -> None:
    text = "He said <b>bold</b> & more"
    start = text.index("<b>")
    out = str(highlight(text, [Mark(start, start + len("<b>bold</b>"), "content side-supports")]))
    assert '<mark class="content side-supports">&lt;b&gt;bold&lt;/b&gt;</mark>' in out
    assert out.endswith(" &amp; more")


def test_highlight_overlapping_marks_split_into_pieces() -> None:
    text = "abcdefghij"
    out = str(highlight(text, [Mark(2, 6, "content"), Mark(4, 8, "cue")]))
    assert out == (
        'ab<mark class="content">cd</mark><mark class="content cue">ef</mark>'
        '<mark class="cue">gh</mark>ij'
    )


def test_highlight_anchor_and_link() -> None:
    out = str(
        highlight("say hello", [Mark(4, 9, "content", anchor="a-1", href="#st-1", title="<x>")])
    )
    assert '<a class="anchor" id="a-1"></a>' in out
    assert '<a class="content" href="#st-1" title="&lt;x&gt;">hello</a>' in out


def test_highlight_refuses_unsafe_tokens() -> None:
    with pytest.raises(ValueError):
        highlight("abc", [Mark(0, 1, 'x" onclick="y')])
    with pytest.raises(ValueError):
        highlight("abc", [Mark(0, 1, "x", href="javascript:alert(1)")])


def test_element_id_and_http_url() -> None:
    assert element_id("st-", 'a"b<c>/d') == "st-a_b_c__d"
    assert http_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    for bad in (
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "data:text/html,x",
        "https://x/\u202e",
        None,
        "",
    ):
        assert http_url(bad) is None


@given(
    text=st.text(max_size=80),
    spans=st.lists(st.tuples(st.integers(-5, 90), st.integers(-5, 90)), max_size=6),
    window=st.tuples(st.integers(0, 90), st.integers(0, 90)),
)
def test_highlight_keeps_text_and_emits_only_our_tags(
    text: str, spans: list[tuple[int, int]], window: tuple[int, int]
) -> None:
    start, end = min(window), max(window)
    marks = [Mark(a, b, "content") for a, b in spans]
    out = str(highlight(text, marks, start=start, end=end))
    # all text survives, in order, with only hidden characters made visible
    root = lhtml.fragment_fromstring(f"<div>{out}</div>")
    # an HTML parser turns a bare CR (or CRLF) into LF, as the HTML spec's input stream does
    expected = visible(text[start:end]).replace("\r\n", "\n").replace("\r", "\n")
    assert root.text_content() == expected
    assert {el.tag for el in root.iter()} <= {"div", "mark"}
