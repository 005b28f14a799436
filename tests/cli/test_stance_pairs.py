"""``claimgraph stance --pairs`` asks the selected judge (default: the stance_backend
setting) for every text shape: a one-sentence denial, a headline, a sentence, a whole
article, an unrelated text. Pairs invented for this test, labelled before the first run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimgraph.cli import app

pytestmark = [pytest.mark.model]

CLAIM = "Valdoria is supplying weapons to the rebels"

CASES = {
    # the parser reads "claims" after "said" as a verb; the denial still counts
    "sentence": (
        "The ministry said claims that Valdoria arms the rebels are absolutely false",
        "refutes",
    ),
    "headline": ("Valdoria denies arming rebels", "refutes"),
    "support": (
        "General Mara Holt said Valdoria is supplying weapons to the rebels in the north.",
        "supports",
    ),
    "article_refutes": (
        "Ministry rejects arms reports\n\n"
        "KESTA, June 4 - Valdoria's foreign ministry on Tuesday rejected reports about the "
        "conflict in the northern hills.\n\n"
        "Spokesman Ivo Brandt said Valdoria is not supplying weapons to the rebels and never "
        "has.\n\nThe talks resume next week in Kesta.",
        "refutes",
    ),
    "article_supports": (
        "Arms route found\n\n"
        "KESTA, June 4 - Investigators said on Tuesday that Valdoria is supplying weapons to "
        "the rebels through mountain passes.\n\n"
        "The investigators photographed crates marked with Valdorian army codes.",
        "supports",
    ),
    "unrelated": (
        "The central bank of Kesta raised interest rates by half a point on Tuesday.",
        "unrelated",
    ),
}


def _run(tmp_path: Path, *options: str) -> dict[str, dict[str, object]]:
    path = tmp_path / "pairs.jsonl"
    lines = [json.dumps({"id": k, "claim": CLAIM, "text": t}) for k, (t, _) in CASES.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["stance", "--pairs", str(path), *options])
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    return {str(o["id"]): o for o in out}


def test_default_judge_reads_every_text_shape(tmp_path: Path) -> None:
    out = _run(tmp_path)
    assert list(out) == list(CASES)
    got = {k: o["label"] for k, o in out.items()}
    assert got == {k: label for k, (_, label) in CASES.items()}
    assert {o["judge"] for o in out.values()} == {"stance.compositional.v1"}


def test_stance_backend_setting_chooses_the_default_judge(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLAIMGRAPH_STANCE_BACKEND", "pairs")
    out = _run(tmp_path)
    assert {o["judge"] for o in out.values()} == {"pairs.v1"}
    # --judge overrides the setting
    chosen = _run(tmp_path, "--judge", "compositional")
    assert {o["judge"] for o in chosen.values()} == {"stance.compositional.v1"}
