"""Nothing outside store/ reaches into a store's private methods or constants."""

from __future__ import annotations

import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "claimgraph"
PRIVATE = re.compile(
    r"\.(_query|_execute|_conn|_statements_by_rid)\b|\bsql\._|from claimgraph\.store\.\w+ import _"
)


def test_no_private_store_access_outside_store() -> None:
    offenders = []
    for path in sorted(SRC.rglob("*.py")):
        if path.parent.name == "store":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if PRIVATE.search(line):
                offenders.append(f"{path.relative_to(SRC)}:{number}: {line.strip()}")
    assert offenders == []
