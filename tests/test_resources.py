"""The one loader for packaged data files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from claimgraph.errors import ClaimgraphError
from claimgraph.resources import load_data, read_data

SRC = Path(__file__).resolve().parent.parent / "src" / "claimgraph"


def test_load_data_parses_by_ending() -> None:
    assert isinstance(load_data("link.toml"), dict)
    assert isinstance(load_data("stance/predicates.json"), dict)
    text = load_data("search_stopwords.txt")
    assert isinstance(text, str) and text == read_data("search_stopwords.txt")


def test_load_data_is_cached() -> None:
    assert load_data("timex.toml") is load_data("timex.toml")


def test_missing_and_escaping_names_are_clear_errors() -> None:
    with pytest.raises(ClaimgraphError, match="no_such_file.toml"):
        read_data("no_such_file.toml")
    with pytest.raises(ClaimgraphError, match="not a plain relative path"):
        read_data("../settings.py")


def test_no_other_module_reads_data_files_itself() -> None:
    pattern = re.compile(r"""files\(\s*["']claimgraph(\.data)?["']\s*\)""")
    offenders = [
        p.relative_to(SRC).as_posix()
        for p in SRC.rglob("*.py")
        if p.name != "resources.py" and pattern.search(p.read_text(encoding="utf-8"))
    ]
    assert offenders == []
