"""``add`` through each engine (process pool, Dask LocalCluster) and into PostgreSQL."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from cli_helpers import FAKE_ANALYZER, write_bad_files, write_corpus
from store_helpers import expected_statement_count
from typer.testing import CliRunner

import claimgraph
from claimgraph.cli import app

runner = CliRunner()


def _check_analysed(db: str, count: int) -> None:
    with claimgraph.open(db) as cg:
        docs = list(cg.documents())
        assert len(docs) == count
        for doc in docs:
            analysis = cg.store.analysis(doc.id)
            assert analysis is not None and len(analysis.statements) == expected_statement_count(
                doc
            )


def test_process_engine(tmp_path: Path) -> None:
    write_corpus(tmp_path / "in", 6)
    db = str(tmp_path / "cg.db")
    args = ["add", str(tmp_path / "in"), "--db", db, "--engine", "process", "--workers", "2"]
    result = runner.invoke(app, [*args, "--analyzer", FAKE_ANALYZER])
    assert result.exit_code == 0, result.output
    assert "analysed 6" in result.output
    _check_analysed(db, 6)


@pytest.mark.dask
def test_dask_engine_local_cluster(tmp_path: Path) -> None:
    write_corpus(tmp_path / "in", 6)
    db = str(tmp_path / "cg.db")
    args = ["add", str(tmp_path / "in"), "--db", db, "--engine", "dask", "--workers", "2"]
    result = runner.invoke(app, [*args, "--analyzer", FAKE_ANALYZER])
    assert result.exit_code == 0, result.output
    assert "analysed 6" in result.output
    _check_analysed(db, 6)


@pytest.mark.dask
def test_dask_engine_on_a_running_scheduler(tmp_path: Path) -> None:
    """``--scheduler tcp://...``: the cluster is someone else's (here a LocalCluster started
    apart, as a user would start ``dask scheduler`` and ``dask worker``)."""
    from dask.distributed import LocalCluster

    write_corpus(tmp_path / "in", 5)
    db = str(tmp_path / "cg.db")
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        address = cluster.scheduler_address
        assert address.startswith("tcp://")
        args = ["add", str(tmp_path / "in"), "--db", db, "--engine", "dask", "--scheduler", address]
        result = runner.invoke(app, [*args, "--analyzer", FAKE_ANALYZER])
        assert result.exit_code == 0, result.output
        assert "analysed 5" in result.output
        # the user's cluster is left running for the next job
        assert cluster.status.name == "running"
    _check_analysed(db, 5)


def test_dask_unreachable_scheduler_is_a_clear_error(tmp_path: Path) -> None:
    write_corpus(tmp_path / "in", 2)
    args = ["add", str(tmp_path / "in"), "--db", str(tmp_path / "cg.db"), "--engine", "dask"]
    result = runner.invoke(app, [*args, "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 2
    assert "Dask scheduler" in result.output


@pytest.fixture()
def pg_url() -> Iterator[str]:
    import psycopg

    admin = os.environ.get("CLAIMGRAPH_TEST_PG_URL")
    if not admin:
        pytest.fail(
            "CLAIMGRAPH_TEST_PG_URL is not set: run scripts/pg-start DIR and export its URL",
            pytrace=False,
        )
    name = f"cg_cli_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(urlsplit(admin)._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.postgres
def test_add_docs_search_on_postgres(tmp_path: Path, pg_url: str) -> None:
    write_corpus(tmp_path / "in", 5)
    write_bad_files(tmp_path / "in")
    args = ["add", str(tmp_path / "in"), "--db", pg_url, "--engine", "inline"]
    result = runner.invoke(app, [*args, "--analyzer", FAKE_ANALYZER])
    assert result.exit_code == 3, result.output
    assert "stored 5" in result.output and "failed 2" in result.output
    _check_analysed(pg_url, 5)
    again = runner.invoke(app, [*args, "--analyzer", FAKE_ANALYZER])
    assert "stored 0" in again.output
    listing = runner.invoke(app, ["docs", "--db", pg_url])
    assert "5 documents" in listing.output
    hits = runner.invoke(app, ["search", "dredging", "--db", pg_url])
    assert hits.exit_code == 0 and "Report 1" in hits.output
    with claimgraph.open(pg_url) as cg:
        actors = dict((a.id, n) for a, n in cg.store.actors())
        assert actors["the-writer"] == sum(expected_statement_count(d) for d in cg.documents())


@pytest.mark.postgres
def test_two_writers_on_postgres(
    tmp_path: Path, pg_url: str, subprocess_env: dict[str, str]
) -> None:
    import subprocess
    import sys

    write_corpus(tmp_path / "a", 40)
    write_corpus(tmp_path / "b", 40, start=20)  # 20 articles in both
    claimgraph.open(pg_url).close()
    command = [sys.executable, "-c", "from claimgraph.cli import main; main()", "add"]
    options = ["--db", pg_url, "--engine", "inline", "--analyzer", FAKE_ANALYZER, "-q"]
    writers = [
        subprocess.Popen(
            [*command, str(tmp_path / f), *options], env=subprocess_env, stderr=subprocess.PIPE
        )
        for f in ("a", "b")
    ]
    for writer in writers:
        _, err = writer.communicate(timeout=300)
        assert writer.returncode == 0, err.decode()
    _check_analysed(pg_url, 60)
    with claimgraph.open(pg_url) as cg:
        actors = dict((a.id, (a, n)) for a, n in cg.store.actors())
        assert actors["the-writer"][1] == sum(expected_statement_count(d) for d in cg.documents())
        aliases = actors["a-reader"][0].aliases
        assert sorted(aliases) == sorted(d.title for d in cg.documents())  # unioned, each once
