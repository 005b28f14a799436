"""``claimgraph add``, ``docs`` and ``search`` through Typer's CliRunner."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from cli_helpers import FAKE_ANALYZER, article, write_bad_files, write_corpus
from store_helpers import expected_statement_count
from typer.testing import CliRunner

import claimgraph
from claimgraph.cli import app

runner = CliRunner()


def _add(*args: str) -> object:
    return runner.invoke(app, ["add", *args], catch_exceptions=False)


def test_add_folder_with_bad_files_stores_the_rest_and_exits_3(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    write_corpus(corpus, 5)
    bad = write_bad_files(corpus)
    db = tmp_path / "cg.db"
    result = _add(str(corpus), "--db", str(db), "--no-analyze")
    assert result.exit_code == 3, result.output
    output = result.output
    assert "stored 5" in output and "failed 2" in output
    for path in bad.values():
        assert f"{path}:" in output  # each failure names its file...
    assert "empty" in output.lower()  # ...and says why
    with claimgraph.open(db) as cg:
        titles = sorted(d.title or "" for d in cg.documents())
    assert titles == sorted(
        f"Report {i}: {article(i).splitlines()[0].split(': ', 1)[1]}" for i in range(5)
    )


def test_readding_is_a_no_op(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    write_corpus(corpus, 3)
    db = str(tmp_path / "cg.db")
    first = _add(str(corpus), "--db", db, "--no-analyze")
    assert first.exit_code == 0, first.output
    with claimgraph.open(db) as cg:
        before = [(d.id, d.title) for d in cg.documents()]
    again = _add(str(corpus / "*.txt"), "--db", db, "--no-analyze")
    assert again.exit_code == 0, again.output
    assert "stored 0" in again.output
    # the file table lets the rerun skip unchanged files without reading them
    assert "unchanged files 3" in again.output
    copy = tmp_path / "copy"
    copy.mkdir()
    (copy / "same.txt").write_text(article(1), encoding="utf-8")
    third = _add(str(copy), "--db", db, "--no-analyze")
    assert "stored 0, skipped 1" in third.output
    with claimgraph.open(db) as cg:
        assert [(d.id, d.title) for d in cg.documents()] == before


def test_add_analyses_inline_and_search_and_docs(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    paths = write_corpus(corpus, 4)
    db = str(tmp_path / "cg.db")
    result = _add(str(corpus), "--db", db, "--engine", "inline", "--analyzer", FAKE_ANALYZER)
    assert result.exit_code == 0, result.output
    assert "analysed 4" in result.output
    with claimgraph.open(db) as cg:
        docs = list(cg.documents())
        assert len(docs) == 4
        for doc in docs:
            analysis = cg.store.analysis(doc.id)
            assert analysis is not None
            assert len(analysis.statements) == expected_statement_count(doc)
            assert analysis.components == {"fake": "v1"}
            # boilerplate is marked, not deleted: offsets stay valid
            assert "Stay up to date" in doc.text
            assert all(doc.text[s.start : s.end] == s.text for s in doc.boilerplate)
    listing = runner.invoke(app, ["docs", "--db", db])
    assert listing.exit_code == 0
    assert (
        "Report 2: General Arno Vey" in listing.output.replace("\n", " ")
        or "Report 2" in listing.output
    )
    assert "4 documents" in listing.output
    hits = runner.invoke(app, ["search", "dredging contracts", "--db", db])
    assert hits.exit_code == 0
    assert "Report 1" in hits.output
    assert "dredging" in hits.output
    none = runner.invoke(app, ["search", "zeppelin", "--db", db])
    assert "no document matches" in none.output
    assert paths  # the corpus was written


def test_failed_analysis_keeps_the_document_and_reruns(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    write_corpus(corpus, 2)
    poisoned = corpus / "poison.txt"
    poisoned.write_text(
        "Poisoned\nThis article says RAISE-IN-ANALYZER somewhere. Then more.\n", encoding="utf-8"
    )
    db = str(tmp_path / "cg.db")
    result = _add(str(corpus), "--db", db, "--engine", "inline", "--analyzer", FAKE_ANALYZER)
    assert result.exit_code == 3
    assert "poison.txt" in result.output and "analysis failed" in result.output
    with claimgraph.open(db) as cg:
        assert cg.store.count() == 3
        assert len(cg.store.unanalyzed()) == 1
    # the rerun retries the analysis of the stored document (and fails again, clearly)
    again = _add(str(corpus), "--db", db, "--engine", "inline", "--analyzer", FAKE_ANALYZER)
    assert again.exit_code == 3 and "analysis failed" in again.output
    poisoned.write_text("Poisoned\nThis article is fine now. Really.\n", encoding="utf-8")
    fixed = _add(str(poisoned), "--db", db, "--engine", "inline", "--analyzer", FAKE_ANALYZER)
    assert fixed.exit_code == 0 and "stored 1" in fixed.output


def test_no_analyze_then_add_analyses_stored_documents(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    write_corpus(corpus, 3)
    db = str(tmp_path / "cg.db")
    assert _add(str(corpus), "--db", db, "--no-analyze").exit_code == 0
    result = _add(str(corpus), "--db", db, "--engine", "inline", "--analyzer", FAKE_ANALYZER)
    assert result.exit_code == 0, result.output
    assert "analysed 3" in result.output
    with claimgraph.open(db) as cg:
        assert cg.store.unanalyzed() == []


def test_reanalyze_stale(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    write_corpus(corpus, 2)
    db = str(tmp_path / "cg.db")
    assert (
        _add(str(corpus), "--db", db, "--engine", "inline", "--analyzer", FAKE_ANALYZER).exit_code
        == 0
    )
    with claimgraph.open(db) as cg:
        assert cg.store.stale({"fake": "v2"}) and not cg.store.stale({"fake": "v1"})
        report = cg.reanalyze(components={"fake": "v2"}, engine="inline", analyzer=FAKE_ANALYZER)
        assert report.analyzed == 2 and report.failures == []


def test_usage_errors(tmp_path: Path) -> None:
    db = str(tmp_path / "cg.db")
    result = runner.invoke(app, ["add", "--db", db])
    assert result.exit_code == 2
    missing = runner.invoke(app, ["add", str(tmp_path / "nope"), "--db", db, "--no-analyze"])
    assert missing.exit_code == 3 and "no such file" in missing.output
    engine = runner.invoke(app, ["add", str(tmp_path), "--db", db, "--engine", "spark"])
    assert engine.exit_code == 2


def test_near_duplicates_are_linked(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    text = article(7, words=400)
    (corpus / "a.txt").write_text(text, encoding="utf-8")
    (corpus / "b.txt").write_text(
        text.replace("Monday", "Tuesday").replace("Report 7", "Wire copy"), encoding="utf-8"
    )
    db = str(tmp_path / "cg.db")
    result = _add(str(corpus), "--db", db, "--no-analyze")
    assert "near-duplicates linked 1" in result.output
    with claimgraph.open(db) as cg:
        first, second = list(cg.documents())
    assert first.near_duplicate_of is None and second.near_duplicate_of == first.id


def test_version_and_help() -> None:
    assert claimgraph.__version__ in runner.invoke(app, ["--version"]).output
    for command in ("add", "docs", "search"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0 and "--db" in result.output


@pytest.mark.shared
def test_seeds(tmp_path: Path, seeds_dir: Path) -> None:
    db = str(tmp_path / "cg.db")
    result = _add(str(seeds_dir), "--db", db, "--no-analyze")
    assert result.exit_code == 0, result.output
    assert "stored 5" in result.output
    with claimgraph.open(db) as cg:
        docs = {Path(d.path or "").name[:3]: d for d in cg.documents()}
    assert docs["001"].published == "2017-04-25"
    assert docs["001"].outlet == "The Independent"
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 5


def test_docs_limit(tmp_path: Path) -> None:
    write_corpus(tmp_path / "in", 5)
    db = str(tmp_path / "cg.db")
    assert _add(str(tmp_path / "in"), "--db", db, "--no-analyze").exit_code == 0
    result = runner.invoke(app, ["docs", "--db", db, "--limit", "2"])
    assert result.exit_code == 0
    assert "5 documents (2 shown)" in result.output
    assert "Report 0" in result.output and "Report 1" in result.output
    assert "Report 2" not in result.output
