"""How many actors of the demo answer key map to exactly one stored actor id.

Build a store first, then score it::

    claimgraph add demo/*.txt demo/*.html demo/*.xml demo/*.jsonl --db demo.db --engine inline
    python bench/actors_demo.py --db demo.db

An expected actor (``demo/expected.json``, ``actors``) matches a stored actor when the stored id
equals its slug, or the stored name or one of its aliases equals the expected name or one of
its proper-name aliases (vague descriptions such as "the ministry" are not used for matching).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from claimgraph.model import Actor

_VAGUE = ("the ", "a ", "an ")


def _norm(text: str) -> str:
    return " ".join(text.replace("’", "'").lower().split())


def matching_ids(expected: dict[str, Any], stored: list[Actor]) -> set[str]:
    """Ids of stored actors that name the expected actor."""
    names = {_norm(str(expected["name"]))}
    for alias in expected.get("aliases") or []:
        if not _norm(str(alias)).startswith(_VAGUE):
            names.add(_norm(str(alias)))
    out = set()
    for actor in stored:
        if actor.id == expected["id"]:
            out.add(actor.id)
            continue
        if {_norm(actor.name), *(_norm(a) for a in actor.aliases)} & names:
            out.add(actor.id)
    return out


def score(db: str, key: Path) -> dict[str, Any]:
    """Per expected actor the matching stored ids; totals of exact one-to-one matches."""
    from claimgraph.store import open_store

    expected = json.loads(key.read_text(encoding="utf-8"))["actors"]
    store = open_store(db)
    try:
        stored = [actor for actor, _count in store.actors()]
    finally:
        store.close()
    rows = {e["id"]: sorted(matching_ids(e, stored)) for e in expected}
    exact = sum(1 for e in expected if rows[e["id"]] == [e["id"]])
    unique = sum(1 for ids in rows.values() if len(ids) == 1)
    return {
        "expected": len(expected),
        "one_stored_id": unique,
        "one_stored_id_equal_to_slug": exact,
        "stored_actors": len(stored),
        "rows": rows,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", required=True, help="a store built from the demo corpus")
    parser.add_argument("--key", default=str(Path(__file__).parents[1] / "demo/expected.json"))
    args = parser.parse_args()
    result = score(args.db, Path(args.key))
    for actor_id, ids in result["rows"].items():
        mark = "ok " if ids == [actor_id] else ("1  " if len(ids) == 1 else "-- ")
        print(f"{mark}{actor_id:30} {', '.join(ids) or '(none)'}")
    print(
        f"expected actors: {result['expected']}; mapped to exactly one stored id: "
        f"{result['one_stored_id']}; that id equals the expected slug: "
        f"{result['one_stored_id_equal_to_slug']}; stored actors: {result['stored_actors']}"
    )


if __name__ == "__main__":
    main()
