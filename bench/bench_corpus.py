"""A generated news corpus for the benchmarks: fictional articles with attributed statements.

Every article is different (random names, places, verbs and numbers) so parsing, search
and deduplication do real work; the same seed gives the same corpus.
"""

from __future__ import annotations

import random
from pathlib import Path

FIRST = [
    "Ana",
    "Boris",
    "Clara",
    "Dmitri",
    "Elena",
    "Farid",
    "Greta",
    "Hugo",
    "Ines",
    "Jonas",
    "Kaia",
    "Luca",
    "Mira",
    "Nils",
    "Olga",
    "Pavel",
]
LAST = [
    "Ruiz",
    "Vey",
    "Marr",
    "Castellan",
    "Lisle",
    "Okoro",
    "Brandt",
    "Novak",
    "Haddad",
    "Lindqvist",
    "Moreau",
    "Tanaka",
    "Silva",
]
ROLES = [
    "a spokesman for",
    "the head of",
    "a senior official at",
    "an analyst with",
    "the director of",
]
ORGS = [
    "the Ministry of Ports",
    "Kestrel Dynamics",
    "the Northern Liberation Front",
    "the customs office",
    "the national rail company",
    "Valdosa Shipping",
    "the Defence Ministry",
    "the harbour authority",
    "the Armatura Group",
    "the border police",
    "the central bank",
    "the election commission",
]
PLACES = ["Lunmar", "Valdosa", "Tarsinia", "Castel Ridge", "the northern provinces", "the capital"]
OUTLETS = ["The Lunmar Courier", "Harbour Times", "Valdosa Wire", "Ridgeline Daily", "The Clarion"]
CUES = [
    "said",
    "told reporters",
    "claimed",
    "denied",
    "insisted",
    "acknowledged",
    "warned",
    "added",
]
THINGS = [
    "combat drones",
    "rifles",
    "dredging contracts",
    "fuel shipments",
    "radar parts",
    "a leaked audit",
    "secret payments",
    "border patrol reports",
    "cargo manifests",
    "export licences",
]
VERBS = ["supplied", "sold", "delivered", "financed", "smuggled", "approved", "hid", "shipped"]
FILLER = [
    "The dispute has dragged on for months, with officials on both sides trading accusations.",
    "Independent observers have not been able to verify the figures.",
    "Parliament is expected to debate the matter again next week.",
    "The documents, seen by this newspaper, run to more than forty pages.",
    "Residents of {place} said prices had risen sharply since the spring.",
    "Trade through {place} fell by {n} percent last year, according to customs data.",
    "A previous inquiry in {year} found no wrongdoing.",
    "The company's shares fell {n} percent on the news.",
]


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def article(index: int, *, seed: int = 7, paragraphs: int = 8) -> str:
    """The text of generated article ``index`` (title line, dateline, paragraphs)."""
    rng = random.Random(seed * 1_000_003 + index)
    org, target = rng.sample(ORGS, 2)
    thing = rng.choice(THINGS)
    verb = rng.choice(VERBS)
    month = rng.choice(["January", "March", "May", "June", "September", "November"])
    lines = [
        f"{org[0].upper() + org[1:]} accused of having {verb} {thing} to {target} ({index})",
        f"{rng.choice(OUTLETS)} · {rng.randint(1, 28)} {month} {rng.choice([2023, 2024, 2025])}",
        "",
    ]
    for _ in range(paragraphs):
        person = _person(rng)
        role = f"{rng.choice(ROLES)} {rng.choice(ORGS)}"
        kind = rng.randrange(4)
        if kind == 0:
            text = (
                f'"{org[0].upper() + org[1:]} {verb} {thing} to {target} in {rng.choice(PLACES)}," '
                f"{person}, {role}, {rng.choice(CUES)} on {rng.choice(['Monday', 'Tuesday', 'Friday'])}."
            )
        elif kind == 1:
            text = (
                f"{person} {rng.choice(CUES)} that {rng.choice(ORGS)} had never {verb} any {thing}, "
                f"calling the reports {rng.choice(['baseless', 'a fabrication', 'misleading'])}."
            )
        elif kind == 2:
            text = (
                f"According to {role}, at least {rng.randint(2, 900)} shipments of {thing} "
                f"may have reached {rng.choice(PLACES)} since {month}."
            )
        else:
            text = f"{person}, {role}, declined to comment when asked about {thing}."
        filler = " ".join(
            rng.choice(FILLER).format(
                place=rng.choice(PLACES), n=rng.randint(2, 40), year=rng.randint(2001, 2022)
            )
            for _ in range(rng.randint(1, 3))
        )
        lines += [f"{text} {filler}", ""]
    lines.append("Stay up to date with notifications from the newsroom")
    return "\n".join(lines) + "\n"


def write_corpus(folder: Path, count: int, *, seed: int = 7, per_folder: int = 1000) -> list[Path]:
    """Write ``count`` articles as .txt files (in sub-folders of ``per_folder``)."""
    paths = []
    for index in range(count):
        sub = folder / f"part{index // per_folder:04d}"
        sub.mkdir(parents=True, exist_ok=True)
        path = sub / f"article_{index:07d}.txt"
        path.write_text(article(index, seed=seed), encoding="utf-8")
        paths.append(path)
    return paths


def texts(count: int, *, seed: int = 7) -> list[str]:
    return [article(i, seed=seed) for i in range(count)]
