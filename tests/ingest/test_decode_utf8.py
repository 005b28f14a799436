"""One invalid byte in a UTF-8 file: decoded as UTF-8 with the byte replaced, and a warning."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest

import claimgraph
from claimgraph.ingest.decode import decode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "cli"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "store"))

from cli_helpers import FAKE_ANALYZER, article  # noqa: E402

TEXT = (
    "Harbour Times · 2 March 2024\n\n"
    "The minister said that he is \u201cnot aware\u201d of any shipment to the Kell brigades. "
    "A caf\u00e9 owner in Port Ansel said the boats came at night. "
)


def _corrupt(text: str) -> tuple[bytes, int]:
    data = text.encode("utf-8")
    offset = data.index(b"boats")
    return data[:offset] + b"\x97" + data[offset:], offset


def test_one_bad_byte_is_replaced_and_warned_about(caplog: pytest.LogCaptureFixture) -> None:
    data, offset = _corrupt(TEXT)
    with caplog.at_level(logging.WARNING, logger="claimgraph.ingest"):
        text = decode(data, path="story.txt")
    assert "\u201cnot aware\u201d" in text
    assert "caf\u00e9" in text
    assert "the \ufffdboats came" in text
    assert "story.txt" in caplog.text and f"byte {offset}" in caplog.text
    assert "0x97" in caplog.text


def test_a_cp1252_file_is_still_read_as_cp1252(caplog: pytest.LogCaptureFixture) -> None:
    data = "The caf\u00e9 owner said \u201cno\u201d to the na\u00efve plan.".encode("cp1252")
    with caplog.at_level(logging.WARNING, logger="claimgraph.ingest"):
        text = decode(data, path="old.txt")
    assert text == "The caf\u00e9 owner said \u201cno\u201d to the na\u00efve plan."
    assert "invalid UTF-8" not in caplog.text


def test_the_corrupted_copy_stays_a_near_duplicate_of_the_clean_one(tmp_path: Path) -> None:
    clean = article(3, words=300).replace("spokesman", "spokesman \u2014 \u201cSenior\u201d \u2014")
    (tmp_path / "a.txt").write_text(clean, encoding="utf-8")
    data, _ = _corrupt(clean.replace("Paragraph sentence 7", "Paragraph boats 7"))
    (tmp_path / "b.txt").write_bytes(data)
    with claimgraph.open(str(tmp_path / "cg.db")) as cg:
        report = cg.add([str(tmp_path / "a.txt")], analyzer=FAKE_ANALYZER)
        report = cg.add([str(tmp_path / "b.txt")], analyzer=FAKE_ANALYZER)
        assert report.near_duplicates == 1
        docs = {d.path.rsplit("/", 1)[-1]: d for d in cg.documents()}
    assert "\u00e2" not in docs["b.txt"].text
    assert docs["b.txt"].near_duplicate_of == docs["a.txt"].id
