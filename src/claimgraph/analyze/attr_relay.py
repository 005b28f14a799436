"""Attributions relayed by a medium and spans past a dateline.

"Quoting the union leader Marta Quell, the Ledger reported that ...": the one quoted says it,
through the medium; "LUZAN (Agency) - Investigators have ...": the dateline is no content.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from claimgraph.analyze.attr_lines import dateline_end
from claimgraph.analyze.attr_spans import Found, trim_span
from claimgraph.analyze.lexicon import lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc


_RELAYING = frozenset({"quoting", "citing"})


def relayed(parsed: SpacyDoc, text: str, found: list[Found]) -> list[Found]:
    """ "Quoting the union leader Marta Quell, the Ledger reported that ...", "the Gazette
    reported, citing police sources, that ...": the one quoted or cited says it, through the
    medium that reports it; "Quoting" itself is no attribution of its own."""
    drop: set[int] = set()
    for tok in parsed:
        if tok.lower_ not in _RELAYING or tok.tag_ != "VBG":
            continue
        quoted = next((c for c in tok.children if c.dep_ == "dobj"), None)
        if quoted is None and tok.dep_ == "amod" and tok.head.pos_ in ("NOUN", "PROPN"):
            quoted = tok.head  # "Quoting police sources" read as one noun phrase
        if quoted is None:
            continue
        q_start, q_end = tok.idx, max(t.idx + len(t) for t in quoted.subtree)
        sent = tok.sent
        host = [
            f
            for f in found
            if f.cue_token is not None
            and f.cue_token.i != tok.i
            and f.cue_token.sent.start == sent.start
            and f.source is not None
            and f.content is not None
            and not (f.content[0] <= q_start < f.content[1])
            and (f.cue_lemma in lexicon().speech_verbs)
        ]
        if not host:
            continue
        f = host[0]
        assert f.source is not None
        for i, other in enumerate(found):
            if other is f or other.content is None:
                continue
            if (other.cue_token is not None and other.cue_token.i == tok.i) or (
                q_start <= other.content[0] and other.content[1] <= q_end
            ):
                drop.add(i)
        f.via = re.sub(r"^(?:the|The)\s+", "", text[f.source[0] : f.source[1]])
        f.via_span = f.source
        f.speaker_override = quoted
    return [f for i, f in enumerate(found) if i not in drop]


def past_dateline(text: str, f: Found) -> None:
    """ "LUZAN (Agency) - Investigators have traced ...": the dateline is not what was said."""
    if f.content is None:
        return
    end = dateline_end(text, f.content[0])
    if end is not None and f.content[0] < end < f.content[1]:
        trimmed = trim_span(text, end, f.content[1])
        if trimmed is not None:
            f.content = trimmed
