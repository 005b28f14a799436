"""Crash safety (SIGKILL mid-batch, then rerun) and two writers plus a reader on one SQLite store."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

from cli_helpers import FAKE_ANALYZER, write_corpus
from store_helpers import expected_statement_count

from claimgraph.store import open_store

CLI = [sys.executable, "-c", "from claimgraph.cli import main; main()"]


def _add(db: Path, folder: Path, env: dict[str, str], *extra: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            *CLI,
            "add",
            str(folder),
            "--db",
            str(db),
            "--engine",
            "inline",
            "--analyzer",
            FAKE_ANALYZER,
            "-q",
            *extra,
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.OperationalError:  # not created yet
        return 0


def _check_consistent(db: Path) -> int:
    """Integrity ok; every stored document has its whole analysis; returns the document count."""
    store = open_store(str(db))
    try:
        assert store.integrity_check() == "ok"  # type: ignore[attr-defined]
        count = 0
        for doc in store.documents():
            count += 1
            analysis = store.analysis(doc.id)
            assert analysis is not None, f"{doc.path} stored without its analysis"
            assert len(analysis.statements) == expected_statement_count(doc)
            assert set(analysis.embeddings) == {s.id for s in analysis.statements}
        return count
    finally:
        store.close()


def test_sigkill_mid_batch_then_rerun_completes(
    tmp_path: Path, subprocess_env: dict[str, str]
) -> None:
    corpus = tmp_path / "in"
    write_corpus(corpus, 150)
    db = tmp_path / "cg.db"
    env = dict(subprocess_env, CLAIMGRAPH_TEST_ANALYZE_DELAY="0.03")
    process = _add(db, corpus, env)
    deadline = time.monotonic() + 120
    while _count(db) < 15:
        assert process.poll() is None, process.stderr.read() if process.stderr else ""
        assert time.monotonic() < deadline, "add stored nothing in 120 s"
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL
    stored_before = _check_consistent(db)
    assert 15 <= stored_before < 150
    rerun = _add(db, corpus, subprocess_env)
    out, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err.decode()
    assert f"stored {150 - stored_before}," in out.decode()
    assert _check_consistent(db) == 150


def test_two_writers_and_a_reader(tmp_path: Path, subprocess_env: dict[str, str]) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    write_corpus(first, 60)
    write_corpus(second, 60, start=40)  # 20 articles in both folders
    db = tmp_path / "cg.db"
    open_store(str(db)).close()  # created once; both writers then migrate nothing
    env = dict(subprocess_env, CLAIMGRAPH_TEST_ANALYZE_DELAY="0.005")
    reads: list[int] = []
    errors: list[BaseException] = []
    stop = threading.Event()

    def reader() -> None:
        store = open_store(str(db), readonly=True)
        try:
            while not stop.is_set():
                reads.append(
                    len(store.search("drones", limit=5)) + sum(1 for _ in store.documents())
                )
        except BaseException as e:  # reported below
            errors.append(e)
        finally:
            store.close()

    thread = threading.Thread(target=reader)
    thread.start()
    writers = [_add(db, first, env), _add(db, second, env)]
    results = [w.communicate(timeout=300) for w in writers]
    stop.set()
    thread.join()
    for writer, (_, err) in zip(writers, results, strict=True):
        assert writer.returncode == 0, err.decode()
    assert not errors, errors
    assert len(reads) > 5
    assert _check_consistent(db) == 100


def test_web_app_serves_while_add_runs(tmp_path: Path, subprocess_env: dict[str, str]) -> None:
    from fastapi.testclient import TestClient

    from claimgraph.web.app import create_app

    corpus = tmp_path / "in"
    write_corpus(corpus, 80)
    db = tmp_path / "cg.db"
    open_store(str(db)).close()
    writer = _add(db, corpus, dict(subprocess_env, CLAIMGRAPH_TEST_ANALYZE_DELAY="0.05"))
    statuses: list[int] = []
    seen_counts: set[int] = set()
    with TestClient(create_app(str(db)), base_url="http://127.0.0.1") as client:
        while writer.poll() is None:
            for url in ("/healthz", "/search?q=drones", "/"):
                statuses.append(client.get(url).status_code)
            seen_counts.add(_count(db))
        out, err = writer.communicate(timeout=300)
        assert writer.returncode == 0, err.decode()
        final = client.get("/search?q=dredging")
        assert final.status_code == 200 and "Report 1" in final.text
    assert statuses and set(statuses) == {200}
    assert len(seen_counts) > 2  # the app answered while the store was growing
    assert _check_consistent(db) == 80


def _children(pid: int) -> set[int]:
    result = subprocess.run(
        ["ps", "--ppid", str(pid), "-o", "pid="], capture_output=True, text=True
    )
    return {int(p) for p in result.stdout.split()}


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status


def _is_pool_worker(pid: int) -> bool:
    try:
        return "spawn_main" in Path(f"/proc/{pid}/cmdline").read_text()
    except OSError:
        return False


def test_sigkill_with_process_pool_leaves_no_workers(
    tmp_path: Path, subprocess_env: dict[str, str]
) -> None:
    corpus = tmp_path / "in"
    write_corpus(corpus, 120)
    db = tmp_path / "cg.db"
    env = dict(subprocess_env, CLAIMGRAPH_TEST_ANALYZE_DELAY="0.1")
    process = subprocess.Popen(
        [*CLI, "add", str(corpus), "--db", str(db), "--engine", "process", "--workers", "2"]
        + ["--analyzer", FAKE_ANALYZER, "-q"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 120
    while _count(db) < 5:
        assert process.poll() is None, process.stderr.read() if process.stderr else ""
        assert time.monotonic() < deadline, "add stored nothing in 120 s"
        time.sleep(0.05)
    workers = _children(process.pid)
    assert len(workers) >= 2  # the pool (and multiprocessing's resource tracker)
    process.send_signal(signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 20
    while any(_alive(p) for p in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    left = [p for p in workers if _alive(p) and _is_pool_worker(p)]
    assert not left, f"pool workers outlived the killed add: {left}"
    stored = _check_consistent(db)
    rerun = _add(db, corpus, subprocess_env)
    _, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err.decode()
    assert _check_consistent(db) == 120 and stored < 120
