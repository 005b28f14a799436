"""What a claim map reads back of what analysis stored, and the warnings it gives when a
store was analysed by an earlier version: the packed parses of judged sentences
(``claimgraph.analyze.readings``) and the statements nested in statements
(``claimgraph.analyze.nested``)."""

from __future__ import annotations

import warnings
from collections.abc import Sequence

from claimgraph.analyze.readings import keys_of
from claimgraph.model import Statement
from claimgraph.stance.base import StanceJudge
from claimgraph.store.base import Store


class StaleAnalysisWarning(UserWarning):
    """Documents a claim map reads were analysed before statements nested in statements
    were stored (``claimgraph.analyze.nested``): the map misses those."""


def warn_stale(store: Store, doc_ids: Sequence[str]) -> None:
    """Warn when some of ``doc_ids`` were analysed by the default analyzer of an earlier
    version, without nested statements, and say how to store them."""
    from claimgraph.analyze.nested import COMPONENT
    from claimgraph.analyze.pipeline import COMPONENTS

    # only analyses of the default analyzer (its parse component): not hand-made ones
    parse = {"parse": COMPONENTS["parse"]}
    old = set(store.stale({"nested": COMPONENT})) & set(doc_ids)
    if old:  # the second scan only when the first found some
        old -= set(store.stale(parse))
    if old:
        warnings.warn(
            f"{len(old)} of the documents this claim map reads were analysed by an earlier "
            'claimgraph, without the statements nested in their statements ("claims made '
            'by an official that ..."); store them once with: '
            f"claimgraph add --db {store.url} --reanalyze",
            StaleAnalysisWarning,
            stacklevel=3,
        )


class UnparsedWarning(UserWarning):
    """The store holds no parses of the statements a claim map judges: they are parsed."""


def stored_parses(
    store: Store, judge: StanceJudge, statements: Sequence[Statement]
) -> dict[str, bytes]:
    """Key -> packed parse stored for the judged sentences of ``statements`` by the judge's
    pipeline (nothing when the judge reads no parses). When the store has none of them (its
    documents were analysed by an earlier version, or with another spaCy pipeline), warns
    that the judge parses them and how to store them."""
    parser = judge.parser()
    keys = sorted(set(keys_of(statements).values()))
    if parser is None or not keys:
        return {}
    found = store.parses(keys, parser=parser)
    if not found:
        warnings.warn(
            f"the store has no parse of the {len(keys)} sentences this claim map judges "
            "(analysed by an earlier claimgraph or another spaCy pipeline), so they are "
            f"parsed now; store them once with: claimgraph add --db {store.url} --reanalyze",
            UnparsedWarning,
            stacklevel=3,
        )
    return found
