"""Names a source mention gives a person: a pseudonym ("an expert who posts as Ironsight") and
the titles written before a name ("Defence Minister Paolo Renz", "Mrs. Voss")."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from claimgraph.analyze.lexicon import lexicon

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

__all__ = ["NAMED_AS", "pseudonym", "titled_name"]


NAMED_AS = re.compile(
    r"\b(?:posts|tweets|writes|blogs|goes|known)(?: online| on [\w ]{1,20}?)? (?:as|by|under)"
    r"(?: the (?:handle|name|alias|pseudonym|username))? [\"“'@]?$"
)
_PSEUDONYM = re.compile(
    r"\b(?:who )?(?:posts|tweets|writes|blogs|goes|is known|known)"
    r"(?: (?:online|on [A-Z]\w*|on social media|on \w+ media))?"
    r"(?: (?:as|by|under)) (?:the (?:handle|name|alias|pseudonym|username) )?[\"“']?@?"
    r"(?P<name>[A-Z][\w.\-]*(?: [A-Z][\w.\-]*){0,2})"
)


def pseudonym(root: Token) -> str | None:
    """The name a source goes by ("a weapons expert who posts as Ironsight", "an analyst known
    online as Grey Lantern"), read from the relative clause or participle after its noun."""
    if root.pos_ not in ("NOUN", "PROPN"):
        return None
    for child in root.children:
        if child.dep_ not in ("relcl", "acl") or child.i < root.i:
            continue
        span = root.doc[child.left_edge.i : child.right_edge.i + 1]
        m = _PSEUDONYM.search(span.text)
        if m is not None:
            return m.group("name")
    return None


def titled_name(ent: SpacySpan) -> str:
    """A person's name with the titles and honorific written just before it ("Defence Minister
    Paolo Renz", "Mrs. Voss"), so that "the defence minister" and "she" can find the person."""
    lex = lexicon()
    start = ent.start
    doc = ent.doc
    while start > 0:
        tok = doc[start - 1]
        word = tok.lower_.rstrip(".")
        if tok.dep_ != "compound" or not (
            word in lex.titles
            or word in lex.roles
            or (
                tok.pos_ in ("PROPN", "NOUN")
                and any(
                    t.lower_.rstrip(".") in lex.roles | lex.titles for t in doc[start : ent.start]
                )
            )
        ):
            break
        start -= 1
    return doc[start : ent.end].text if start < ent.start else ent.text
