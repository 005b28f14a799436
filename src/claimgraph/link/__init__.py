"""Cross-document linking: claim maps, provenance, claim discovery and timelines.

from claimgraph.link import claim_map, claim_map_to_dict
cmap = claim_map(store, "Russia is supplying weapons to the Taliban")
"""

from __future__ import annotations

from claimgraph.link.claimmap import build_claim_map, claim_map
from claimgraph.link.discover import DiscoveredClaim, discover, discover_in
from claimgraph.link.discovered import claims as discovered_claims
from claimgraph.link.discovered import refresh as refresh_discovered
from claimgraph.link.retrieve import Candidate
from claimgraph.link.serialize import claim_map_to_dict
from claimgraph.link.timeline import StanceChange, TimelineRow, stance_changes, timeline

__all__ = [
    "Candidate",
    "DiscoveredClaim",
    "StanceChange",
    "TimelineRow",
    "build_claim_map",
    "claim_map",
    "claim_map_to_dict",
    "discover",
    "discovered_claims",
    "discover_in",
    "refresh_discovered",
    "stance_changes",
    "timeline",
]
