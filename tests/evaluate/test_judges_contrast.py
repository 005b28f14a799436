"""The one contrast-set reader (``evaluate.judges.read_contrast``), used by ``claimgraph eval
stance --sets contrast`` and eval/contrast.py alike: it keeps each pair's document."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from claimgraph.errors import DataError
from claimgraph.evaluate.judges import ContrastPair, judge_contrast, read_contrast
from claimgraph.model import Stance

DOCUMENT = "The Tamsk Guard held the bridge. Officers said Ostria is arming the insurgents."


def _write(folder: Path, rows: list[dict[str, Any]], name: str = "a.jsonl") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", "utf-8")


def test_reads_every_file_with_kind_story_and_document(tmp_path: Path) -> None:
    _write(
        tmp_path,
        [
            {
                "claim": "Ostria arms the Tamsk Guard",
                "text": "Officers said Ostria is arming the insurgents.",
                "label": "supports",
                "kind": "document-description",
                "story": "ostria",
                "document": DOCUMENT,
            }
        ],
    )
    _write(tmp_path, [{"claim": "C", "text": "T", "label": "unrelated"}], "b.jsonl")
    rows = read_contrast(tmp_path)
    assert rows[0] == ContrastPair(
        "Ostria arms the Tamsk Guard",
        "Officers said Ostria is arming the insurgents.",
        "supports",
        "document-description",
        "ostria",
        DOCUMENT,
    )
    assert rows[1].document is None and rows[1].kind == ""
    assert read_contrast(tmp_path / "b.jsonl") == rows[1:]


@pytest.mark.parametrize(
    "line", ['{"claim": "C", "text": "T", "label": "agree"}', '{"claim": "C"}', "not json"]
)
def test_a_bad_line_names_its_file_and_line(tmp_path: Path, line: str) -> None:
    (tmp_path / "bad.jsonl").write_text('{"claim": "C", "text": "T", "label": "neutral"}\n' + line)
    with pytest.raises(DataError) as info:
        read_contrast(tmp_path)
    assert "line 2" in str(info.value) and "bad.jsonl" in str(info.value)


def test_an_empty_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="jsonl"):
        read_contrast(tmp_path)


class Recorder:
    def __init__(self) -> None:
        self.calls: list[Any] = []

    def judge_many(self, pairs: Any, **kwargs: Any) -> list[Stance]:
        self.calls.append((list(pairs), kwargs.get("documents")))
        return [Stance("neutral", 0.5) for _ in pairs]


def test_the_document_is_the_context_and_the_document_of_its_sentence() -> None:
    rows = [
        ContrastPair(
            "C", "Officers said Ostria is arming the insurgents.", "supports", "", "", DOCUMENT
        ),
        ContrastPair("C", "Not in it.", "unrelated", "", "", DOCUMENT),
        ContrastPair("C", "Alone.", "neutral"),
    ]
    judge = Recorder()
    assert len(judge_contrast(judge, rows)) == 3
    ((pairs, documents),) = judge.calls
    assert [context for _, _, context in pairs] == [DOCUMENT, None, None]
    assert documents == [DOCUMENT, DOCUMENT, None]


def test_eval_contrast_script_uses_the_same_reader(
    tmp_path: Path, load_script: Callable[[str], ModuleType]
) -> None:
    module = load_script("eval/contrast.py")
    _write(tmp_path, [{"claim": "C", "text": "T", "label": "neutral", "document": "D"}])
    assert module.read_pairs(tmp_path) == read_contrast(tmp_path)
    assert module.judge_rows is judge_contrast
    (tmp_path / "empty").mkdir()
    with pytest.raises(SystemExit, match="no \\*.jsonl files"):
        module.read_pairs(tmp_path / "empty")
