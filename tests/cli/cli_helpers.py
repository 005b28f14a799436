"""Articles written for the CLI and pipeline tests (fictional; no text from elsewhere)."""

from __future__ import annotations

from pathlib import Path

FAKE_ANALYZER = "store_helpers:fake_analyze"
"""The deterministic analyzer of tests/store, for tests about storage rather than analysis."""

OUTLETS = ("The Lunmar Courier", "Harbour Times", "Valdosa Wire")
TOPICS = (
    ("Kestrel Dynamics", "combat drones", "the Northern Liberation Front"),
    ("the Ministry of Ports", "harbour dredging contracts", "a Valdosan shipping firm"),
    ("General Arno Vey", "border patrol reports", "the customs office"),
    ("Senator Ilsa Marr", "a leaked audit", "the national rail company"),
)


def article(index: int, *, words: int = 120) -> str:
    """A plain-text article: title line, dateline, paragraphs with attributed statements."""
    actor, thing, target = TOPICS[index % len(TOPICS)]
    outlet = OUTLETS[index % len(OUTLETS)]
    day = 1 + index % 27
    lines = [
        f"Report {index}: {actor} and {thing}",
        f"{outlet} · {day} March 2024",
        "",
        f"{actor} supplied {thing} to {target}, officials said on Monday, in report number {index}.",
        f'"We have seen no evidence of this," a spokesman for {target} told the {outlet} in a statement.',
        f"Critics said the deal, first disclosed in issue {index}, may have broken export rules.",
    ]
    filler = " ".join(
        f"Paragraph sentence {i} of story {index} discusses {thing} in detail."
        for i in range(words // 10)
    )
    lines += [filler, "", "Stay up to date with notifications from the newsroom", ""]
    return "\n".join(lines)


def write_corpus(folder: Path, count: int, *, start: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(start, start + count):
        path = folder / f"article_{index:05d}.txt"
        path.write_text(article(index), encoding="utf-8")
        paths.append(path)
    return paths


def write_bad_files(folder: Path) -> dict[str, Path]:
    """An empty file and a binary file (each must fail with a message naming it)."""
    folder.mkdir(parents=True, exist_ok=True)
    empty = folder / "empty.txt"
    empty.write_bytes(b"")
    binary = folder / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    return {"empty": empty, "binary": binary}
