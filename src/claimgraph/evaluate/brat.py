"""Reading PolNeAR-style BRAT standoff attribution annotations.

A data folder holds ``text/NAME.txt`` and ``attributions/NAME[_ANNOTATOR].ann``. ``T`` lines are
Source, Cue and Content spans (character offsets, ``;`` between discontinuous pieces); ``E``
lines tie one attribution together. When a text was annotated several times, the first
annotation file in sorted order is the reference.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from claimgraph.errors import DataError

Pieces = tuple[tuple[int, int], ...]
_ANN_LINE = re.compile(r"^[TERAMN#]\d*\t")


@dataclass(frozen=True, slots=True)
class GoldRelation:
    """One annotated attribution."""

    content: Pieces
    """Content span pieces."""
    cue: Pieces = ()
    """Cue span pieces."""
    source: Pieces = ()
    """Source span pieces (empty for "Attribution-no-source")."""
    cue_text: str = ""
    """The cue as written ("said", "according to")."""


@dataclass(frozen=True, slots=True)
class GoldDocument:
    """A text and its reference attributions."""

    name: str
    text: str
    relations: tuple[GoldRelation, ...]


def _pieces(offsets: str) -> Pieces:
    out = []
    for piece in offsets.split(";"):
        parts = piece.split()
        if len(parts) != 2:
            raise ValueError(f"bad offsets {offsets!r}")
        out.append((int(parts[0]), int(parts[1])))
    return tuple(out)


def read_ann(path: str | Path) -> list[GoldRelation]:
    """The attributions of one ``.ann`` file."""
    path = Path(path)
    spans: dict[str, tuple[str, Pieces, str]] = {}
    events: list[list[tuple[str, str]]] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise DataError(f"cannot read annotation file: {e}", path=str(path)) from e
    for n, line in enumerate(lines, 1):
        if not _ANN_LINE.match(line):
            continue  # blank, or the rest of a span text that contained a line break
        fields = line.split("\t")
        try:
            if line.startswith("T"):
                label, _, offsets = fields[1].partition(" ")
                spans[fields[0]] = (label, _pieces(offsets), fields[2] if len(fields) > 2 else "")
            elif line.startswith("E"):
                pairs = [a.split(":", 1) for a in fields[1].split()]
                events.append([(a[0], a[1]) for a in pairs if len(a) == 2])
        except (IndexError, ValueError) as e:
            raise DataError(f"line {n}: malformed BRAT line: {e}", path=str(path)) from e
    relations = []
    for args in events:
        roles: dict[str, list[tuple[Pieces, str]]] = {}
        for role, ref in args:
            if ref in spans:
                roles.setdefault(role, []).append((spans[ref][1], spans[ref][2]))
        if "Content" not in roles:
            continue
        content = tuple(p for pieces, _ in roles["Content"] for p in pieces)
        cue = tuple(p for pieces, _ in roles.get("Cue", []) for p in pieces)
        source = tuple(p for pieces, _ in roles.get("Source", []) for p in pieces)
        cue_text = " ".join(t for _, t in roles.get("Cue", []))
        relations.append(GoldRelation(content=content, cue=cue, source=source, cue_text=cue_text))
    return relations


def load_brat_folder(data_dir: str | Path, *, limit: int | None = None) -> list[GoldDocument]:
    """Texts of ``DATA_DIR/text`` with their reference attributions from ``DATA_DIR/attributions``."""
    root = Path(data_dir)
    text_dir, ann_dir = root / "text", root / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise DataError("expected text/ and attributions/ folders", path=str(root))
    anns: dict[str, list[Path]] = {}
    for ann in sorted(ann_dir.glob("*.ann")):
        anns.setdefault(ann.stem, []).append(ann)
    docs = []
    for txt in sorted(text_dir.glob("*.txt")):
        candidates = anns.get(txt.stem) or [
            a for stem, files in anns.items() if stem.rsplit("_", 1)[0] == txt.stem for a in files
        ]
        if not candidates:
            continue
        try:
            with txt.open(encoding="utf-8", newline="") as fh:
                text = fh.read()
        except (OSError, UnicodeDecodeError) as e:
            raise DataError(f"cannot read text: {e}", path=str(txt)) from e
        docs.append(GoldDocument(txt.stem, text, tuple(read_ann(sorted(candidates)[0]))))
        if limit is not None and len(docs) >= limit:
            break
    if not docs:
        raise DataError("no text with an annotation file found", path=str(root))
    return docs
