"""Attribution on PolNeAR-style data: claimgraph vs textacy's ``direct_quotations``, same scorer.

    python bench/attribution_vs_textacy.py ../shared/data/polnear/dev [--limit N]

Both extractors see the same texts parsed by the same spaCy pipeline
(``claimgraph.analyze.attribution.parse_many``); textacy's triples are turned into spans
(speaker tokens -> source, cue tokens -> cue, quotation -> content). textacy raises on some
documents (odd quote counts); those count as documents with no predictions and are reported.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterable, Sequence

from spacy.tokens import Token

from claimgraph.analyze.attribution import extract, parse_many
from claimgraph.evaluate.attribution import (
    PredictedRelation,
    format_scores,
    relations_from_statements,
    score_documents,
)
from claimgraph.evaluate.brat import GoldDocument, load_brat_folder
from claimgraph.model import Document


def _tokens_span(tokens: Sequence[Token]) -> tuple[tuple[int, int], ...]:
    toks = sorted(tokens, key=lambda t: t.i)
    if not toks:
        return ()
    return ((toks[0].idx, toks[-1].idx + len(toks[-1])),)


def run(data_dir: str, limit: int | None) -> int:
    from textacy.extract.triples import direct_quotations

    docs: list[GoldDocument] = load_brat_folder(data_dir, limit=limit)
    started = time.perf_counter()
    parsed = list(parse_many(d.text for d in docs))
    parse_s = time.perf_counter() - started

    ours: list[list[PredictedRelation]] = []
    started = time.perf_counter()
    for gold, doc in zip(docs, parsed, strict=True):
        _, statements = extract(Document(id=gold.name, text=gold.text), doc)
        ours.append(relations_from_statements(statements))
    ours_s = time.perf_counter() - started

    theirs: list[list[PredictedRelation]] = []
    failures = 0
    started = time.perf_counter()
    for doc in parsed:
        preds: list[PredictedRelation] = []
        try:
            for triple in direct_quotations(doc):
                content = triple.content
                cue_tokens = list(triple.cue)
                preds.append(
                    PredictedRelation(
                        content=((content.start_char, content.end_char),),
                        source=_tokens_span(list(triple.speaker)),
                        cue=_tokens_span(cue_tokens),
                        cue_lemma=cue_tokens[0].lemma_.lower() if cue_tokens else None,
                    )
                )
        except Exception:  # noqa: BLE001 - textacy fails on some documents; count them
            failures += 1
        theirs.append(preds)
    theirs_s = time.perf_counter() - started

    def items(
        preds: Iterable[list[PredictedRelation]],
    ) -> list[tuple[str, tuple, list[PredictedRelation]]]:
        return [(d.text, d.relations, p) for d, p in zip(docs, preds, strict=True)]

    print(f"parsed {len(docs)} documents in {parse_s:.1f}s")
    print(format_scores(score_documents(items(ours)), name=f"claimgraph ({ours_s:.1f}s)"))
    print()
    print(
        format_scores(
            score_documents(items(theirs)), name=f"textacy direct_quotations ({theirs_s:.1f}s)"
        )
    )
    print(f"textacy raised on {failures} of {len(docs)} documents")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("data_dir")
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args(argv)
    return run(args.data_dir, args.limit)


if __name__ == "__main__":
    sys.exit(main())
