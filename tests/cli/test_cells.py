"""Terminal tables show article text as it is: brackets are not markup, cuts end on a word."""

from __future__ import annotations

from types import SimpleNamespace as NS

import pytest
from rich.console import Console

from claimgraph.cli import claims_cmds
from claimgraph.cli._app import console
from claimgraph.cli.cells import cell, shorten
from claimgraph.cli.claims_cmds import print_claim_map

BRACKETED = "Officials said Valdosa gave support to [the Northern Front] in terms of rifles."


@pytest.mark.parametrize(
    ("text", "size", "expected"),
    [
        ("the deal was signed in September 2021 by both", 30, "the deal was signed in…"),
        ("funds for the terrorist cells of the east", 24, "funds for the terrorist…"),
        ("short enough", 30, "short enough"),
        ("a Supercalifragilistic", 10, "a…"),
        ("Supercalifragilistic", 8, "Superca…"),
    ],
)
def test_shorten_cuts_at_a_word_boundary_with_an_ellipsis(
    text: str, size: int, expected: str
) -> None:
    assert shorten(text, size) == expected
    assert len(shorten(text, size)) <= size


def test_cell_keeps_brackets() -> None:
    with console.capture() as captured:
        console.print(cell(BRACKETED))
    assert "[the Northern Front]" in captured.get()


def _claim_map() -> NS:
    stance = NS(label="supports", hedged=False)
    document = NS(
        title="Rifles for [the front]",
        path="a.txt",
        id="abc",
        outlet="[bold]Wire",
        published="2024-03-01",
    )
    statement = NS(
        kind="indirect",
        speaker="[dim]Officials",
        source=None,
        content=NS(text=BRACKETED),
        date=None,
        doc_id="abc",
    )
    return NS(
        claim=NS(text="Valdosa arms [the Northern Front]"),
        actors=[
            NS(
                actor=NS(name="[italic]Officials", anonymous=False),
                stance=stance,
                statement_ids=["s"],
            )
        ],
        statements=[
            NS(
                statement=statement,
                via_chain=["[x] a", "[y] b"],
                original=True,
                stance=stance,
                document=document,
            )
        ],
        documents=[NS(document=document, stance=stance)],
        independent_sources={"supports": 1},
        single_source_sides={"supports": ["only [the Wire]"]},
    )


def test_claim_map_tables_show_bracketed_article_text(monkeypatch: pytest.MonkeyPatch) -> None:
    wide = Console(width=400, record=True)
    monkeypatch.setattr(claims_cmds, "console", wide)
    print_claim_map(_claim_map())
    out = wide.export_text()
    for text in (
        "Valdosa arms [the Northern Front]",
        "[the Northern Front] in terms of rifles",
        "[dim]Officials",
        "[italic]Officials",
        "[bold]Wire",
        "[y] b",
        "Rifles for [the front]",
        "only [the Wire]",
    ):
        assert text in out, text
