"""claimgraph: who claims what, who denies it, on whose evidence, and when."""

from __future__ import annotations

from claimgraph.api import Claimgraph, open  # noqa: A004
from claimgraph.version import __version__

__all__ = ["Claimgraph", "open", "__version__"]
