"""Fixtures shared by the report, web and browser tests (imported by their conftest files)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import report_builders as rb

from claimgraph.model import ClaimMap

REPO = Path(__file__).resolve().parent.parent.parent


@pytest.fixture()
def cmap() -> ClaimMap:
    return rb.sample_cmap()


@pytest.fixture()
def hostile() -> ClaimMap:
    return rb.hostile_cmap()


@pytest.fixture()
def store_db(tmp_path: Path) -> Iterator[str]:
    """A SQLite store holding the sample and the hostile articles with their analyses."""
    from claimgraph.store import open_store

    path = str(tmp_path / "report.db")
    store = open_store(path)
    rb.populate(store, rb.sample_cmap())
    rb.populate(store, rb.hostile_cmap())
    store.close()
    yield path


@pytest.fixture()
def fake_link(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Stand in for ``claimgraph.link``'s claim_map/discover: the hostile map for claims
    mentioning "border", the sample map otherwise. Records the claims asked."""
    asked: list[str] = []

    def claim_map(store: Any, claim: str, **_: Any) -> ClaimMap:
        asked.append(claim)
        return rb.hostile_cmap() if "border" in claim.lower() else rb.sample_cmap()

    def discover(store: Any, *, top: int = 20, **_: Any) -> list[Any]:
        return [
            rb.Discovered("<b>Veloria</b> supplies drones", 3, 2),
            rb.Discovered("Ports closed", 1, 1),
        ]

    import claimgraph.link as link

    monkeypatch.setattr(link, "claim_map", claim_map, raising=False)
    monkeypatch.setattr(link, "discover", discover, raising=False)
    monkeypatch.setattr(link, "discovered_claims", discover, raising=False)
    return {"asked": asked, "claim_map": claim_map, "discover": discover}
