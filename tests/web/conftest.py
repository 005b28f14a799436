"""Fixtures: the report tests' hand-built claim maps and populated store."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "report"))

from report_fixtures import cmap, fake_link, hostile, store_db  # noqa: E402,F401
