"""The settings table is the only source of settings: every key the code reads is in it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from claimgraph import settings
from claimgraph.errors import UsageError

SRC = Path(__file__).resolve().parent.parent / "src" / "claimgraph"
# A read of a settings mapping: settings.get("x"), self.settings["x"], cg.settings.get("x"),
# settings.load()["x"], and the CLI's `values = settings.load()`.
READ = re.compile(
    r"""\b(?:\w*settings(?:\.load\(\))?|values)\s*(?:\.get\(|\[)\s*["']([a-z_]+)["']"""
)
NOT_SETTINGS = {"ingest/readers/html.py"}  # `values` there are HTML attributes


def _reads() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC).as_posix()
        if rel in NOT_SETTINGS or rel == "settings.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for name in READ.findall(line):
                found.setdefault(name, []).append(f"{rel}:{number}")
    return found


def test_every_setting_read_is_in_the_table() -> None:
    reads = _reads()
    assert len(reads) >= 10, "the scan no longer finds the settings reads"
    unknown = {k: v for k, v in reads.items() if k not in settings.names()}
    assert unknown == {}


def test_every_setting_in_the_table_is_read() -> None:
    unread = settings.names() - set(_reads()) - {"max_document_bytes", "max_decompressed_bytes"}
    assert unread == set()


def test_every_setting_can_be_set_from_toml_and_env(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    samples = {bool: True, int: 7, float: 2.5, str: "x", dict: {"LABEL_0": "supports"}}
    lines = []
    for s in settings.SETTINGS:
        value = samples[type(s.default)]
        if isinstance(value, dict):
            lines.append(f'{s.name} = {{ LABEL_0 = "supports" }}')
        elif isinstance(value, bool):
            lines.append(f"{s.name} = true")
        else:
            lines.append(f"{s.name} = {value!r}".replace("'", '"'))
    config = tmp_path / "claimgraph.toml"
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    loaded = settings.load(config)
    for s in settings.SETTINGS:
        assert loaded[s.name] == samples[type(s.default)], s.name
    monkeypatch.setenv("CLAIMGRAPH_USE_EMBEDDINGS", "false")
    monkeypatch.setenv("CLAIMGRAPH_OPENAI_TIMEOUT", "3.5")
    monkeypatch.setenv("CLAIMGRAPH_LABEL_MAP", '{"LABEL_1": "refutes"}')
    loaded = settings.load(config)
    assert loaded["use_embeddings"] is False
    assert loaded["openai_timeout"] == 3.5
    assert loaded["label_map"] == {"LABEL_1": "refutes"}


def test_bad_environment_value_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMGRAPH_LOCAL_FILES_ONLY", "maybe")
    with pytest.raises(UsageError, match="CLAIMGRAPH_LOCAL_FILES_ONLY"):
        settings.load("no-such-config.toml")


def test_defaults_are_fresh_copies() -> None:
    first = settings.defaults()
    first["label_map"]["x"] = "supports"
    assert settings.defaults()["label_map"] == {}
