"""Feature extraction, data reading, splitting, scoring and tree export of the article model.

No embedding model here: a hashing bag-of-words stands in for it, so these run fast.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from claimgraph.errors import DataError
from claimgraph.stance.fnc_data import FncPair, read_fnc, split_headlines, split_pairs, split_strict
from claimgraph.stance.fnc_features import FEATURE_NAMES, pair_features
from claimgraph.stance.fnc_score import score
from claimgraph.stance.fnc_text import (
    PROTOTYPE_KINDS,
    TextInfo,
    Vocabulary,
    analyse,
    content_stems,
    lexicon,
    lexicon_counts,
    prototypes,
    split_sentences,
)
from claimgraph.stance.fnc_trees import TreeEnsemble, export_hgb

FNC_MINI = Path(__file__).resolve().parent.parent / "fixtures" / "fnc_mini"


def fake_embed(texts: Sequence[str]) -> np.ndarray:
    """Hashing bag of content words, L2-normalised (a stand-in for the sentence model)."""
    out = np.zeros((len(texts), 64), dtype=np.float32)
    for row, text in enumerate(texts):
        for word in content_stems(text):
            out[row, zlib.crc32(word.encode()) % 64] += 1.0
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.maximum(norms, 1e-12)


BODY_AGREE = (
    "The city council confirmed on Monday that the central library will close in June. "
    "Officials said the building needs a new roof. The library has served readers for 80 years."
)
BODY_DISAGREE = (
    "A story claiming the central library will close in June is false, the city council said. "
    '"The library is not closing. That report is a hoax," a council spokeswoman said. '
    "The library will keep its usual hours all year."
)
BODY_DISCUSS = (
    "The central library will reportedly close in June, according to a local blog. "
    "The council has not confirmed the claim and it is unclear whether the report is accurate."
)
BODY_UNRELATED = (
    "The football team won its third match in a row on Saturday. "
    "The coach praised the defence after a tense second half."
)
CLAIM = "Central library will close in June"


def features(claim: str, body: str, vocab: Vocabulary) -> dict[str, float]:
    head = analyse(claim, vocab, embed=fake_embed, is_claim=True)
    info = analyse(body, vocab, embed=fake_embed)
    values = pair_features(head, info)
    assert values.shape == (len(FEATURE_NAMES),)
    assert np.isfinite(values).all()
    return dict(zip(FEATURE_NAMES, values.tolist(), strict=True))


@pytest.fixture(scope="module")
def vocab() -> Vocabulary:
    return Vocabulary.fit([BODY_AGREE, BODY_DISAGREE, BODY_DISCUSS, BODY_UNRELATED, CLAIM])


def test_feature_names_are_unique() -> None:
    assert len(set(FEATURE_NAMES)) == len(FEATURE_NAMES)


def test_related_bodies_overlap_more_than_unrelated(vocab: Vocabulary) -> None:
    related = features(CLAIM, BODY_AGREE, vocab)
    unrelated = features(CLAIM, BODY_UNRELATED, vocab)
    for name in ("sim_max", "tfidf_cos", "word_cov", "char_cov", "sent_cov_max", "bigram_cov"):
        assert related[name] > unrelated[name] + 0.2, name
    assert unrelated["word_cov"] == 0.0


def test_refutation_features_fire_on_the_denial(vocab: Vocabulary) -> None:
    disagree = features(CLAIM, BODY_DISAGREE, vocab)
    agree = features(CLAIM, BODY_AGREE, vocab)
    assert disagree["top_refute"] >= 1  # "false" in a sentence about the claim
    assert agree["top_refute"] == 0
    assert disagree["first_refute"] >= 2  # "false", "hoax" in the opening sentences
    assert disagree["top_neg_near"] >= 1  # "is not closing" next to "library"
    assert agree["top_neg_near"] == 0
    assert disagree["body_refute_rate"] > agree["body_refute_rate"]


def test_hedge_features_fire_on_the_report(vocab: Vocabulary) -> None:
    discuss = features(CLAIM, BODY_DISCUSS, vocab)
    agree = features(CLAIM, BODY_AGREE, vocab)
    assert discuss["top_hedge"] >= 3  # reportedly, according to, claim/unclear/whether
    assert discuss["top_hedge"] > agree["top_hedge"]


def test_claim_polarity_and_questions(vocab: Vocabulary) -> None:
    values = features("Is the library closing? Council denies hoax", BODY_AGREE, vocab)
    assert values["claim_question"] == 1
    assert values["claim_refute"] >= 2  # denies, hoax


def _proto_features(
    claim: str, body: str, vocab: Vocabulary, sentences: dict[str, Sequence[str]] | None = None
) -> dict[str, float]:
    """Features with prototype vectors (of ``sentences``, default the packaged ones) made by the
    stand-in embedding."""
    sentences = sentences or prototypes()
    protos = [fake_embed(sentences[kind]) for kind in PROTOTYPE_KINDS]
    head = analyse(claim, vocab, embed=fake_embed, is_claim=True)
    info = analyse(body, vocab, embed=fake_embed, prototype_vectors=protos)
    assert info.proto.shape == (len(info.sentences), len(PROTOTYPE_KINDS))
    assert info.proto.any() and not head.proto.any()
    return dict(zip(FEATURE_NAMES, pair_features(head, info).tolist(), strict=True))


def test_prototypes_are_data_and_cover_every_kind() -> None:
    sentences = prototypes()
    assert set(sentences) == set(PROTOTYPE_KINDS)
    assert all(len(sentences[kind]) >= 3 for kind in PROTOTYPE_KINDS)
    assert "prototypes" not in lexicon()  # the word lists stay lists of words


def test_prototype_similarity_separates_denial_from_confirmation(vocab: Vocabulary) -> None:
    # the stand-in embedding only sees words: prototypes sharing the bodies' words
    sentences = {
        "refute": ["That report is a hoax."],
        "hedge": ["It is unclear whether the report is accurate."],
        "confirm": ["The council confirmed on Monday."],
    }
    disagree = _proto_features(CLAIM, BODY_DISAGREE, vocab, sentences)
    agree = _proto_features(CLAIM, BODY_AGREE, vocab, sentences)
    assert disagree["proto_refute_max"] > agree["proto_refute_max"]
    assert agree["proto_confirm_max"] > disagree["proto_confirm_max"]
    assert agree["proto_confirm_first"] == agree["proto_confirm_max"]  # in its first sentence
    for stat in ("top", "first", "max", "mean"):
        assert 0.0 < disagree[f"proto_refute_{stat}"] <= 1.0 + 1e-6
    # without prototype vectors the columns are zeros, not an error
    plain = features(CLAIM, BODY_DISAGREE, vocab)
    assert plain["proto_refute_max"] == 0.0


@pytest.mark.parametrize(
    ("claim", "negative"),
    [
        (CLAIM, 0.0),
        ("Library closure story is a hoax", 1.0),
        ("No, the central library will not close in June", 1.0),
        ("Is the central library closing in June?", 0.0),
    ],
)
def test_refutation_flips_with_a_negative_claim(
    vocab: Vocabulary, claim: str, negative: float
) -> None:
    values = _proto_features(claim, BODY_DISAGREE, vocab)
    assert values["claim_negative"] == negative
    sign = -1.0 if negative else 1.0
    for name in ("top_refute", "first_refute", "body_refute_rate", "top_neg_near"):
        assert values[f"flip_{name}"] == pytest.approx(sign * values[name]), name
    assert values["flip_first_refute"] * sign > 0  # the denial body does refute
    refute_vs_confirm = values["proto_refute_first"] - values["proto_confirm_first"]
    assert values["flip_proto_refute_first"] == pytest.approx(sign * refute_vs_confirm, abs=1e-6)


def test_lexicon_counts_phrases_and_words() -> None:
    counts = dict(
        zip(
            ("refute", "hedge", "support", "negation", "question"),
            lexicon_counts(
                "Police said there is no evidence the video is real, according to reports?"
            ),
            strict=True,
        )
    )
    assert counts["refute"] >= 1  # "no evidence"
    assert counts["hedge"] >= 2  # "according to", "reports"
    assert counts["negation"] >= 1  # "no"
    assert counts["question"] == 1


def test_sentence_split_keeps_quotes_and_newlines() -> None:
    text = 'He said "It is over." Then he left.\n\nA new paragraph starts here! Does it?'
    assert split_sentences(text) == [
        'He said "It is over."',
        "Then he left.",
        "A new paragraph starts here!",
        "Does it?",
    ]


def test_text_info_is_consistent(vocab: Vocabulary) -> None:
    info: TextInfo = analyse(BODY_DISAGREE, vocab, embed=fake_embed)
    assert info.n_sentences == len(info.sentences) == 4
    assert info.vectors.shape == (4, 64)
    assert info.lex.shape == (4, 5)
    assert info.proto.shape == (4, len(PROTOTYPE_KINDS))
    assert abs(sum(w * w for w in info.tfidf.values()) - 1.0) < 1e-6
    assert "library" in info.content


def test_vocabulary_round_trips_through_json(vocab: Vocabulary) -> None:
    again = Vocabulary.from_json(vocab.to_json())
    assert again == vocab


def test_read_fnc_mini_and_split_by_headline() -> None:
    data = read_fnc(FNC_MINI)
    assert len(data.bodies) == 4
    assert len(data.pairs) == 8
    assert {p.label for p in data.pairs} == {"agree", "disagree", "discuss", "unrelated"}
    kept, held = split_headlines(data.pairs, seed=7, fraction=0.5)
    assert sorted(kept + held) == list(range(8))
    kept_heads = {data.pairs[i].headline for i in kept}
    held_heads = {data.pairs[i].headline for i in held}
    assert kept_heads and held_heads and not kept_heads & held_heads
    assert split_headlines(data.pairs, seed=7, fraction=0.5) == (kept, held)


def test_read_fnc_errors(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="no \\*_bodies.csv"):
        read_fnc(tmp_path)
    (tmp_path / "x_bodies.csv").write_text("Body ID,articleBody\n1,text\n", encoding="utf-8")
    (tmp_path / "x_stances.csv").write_text(
        "Headline,Body ID,Stance\nA headline,1,maybe\n", encoding="utf-8"
    )
    with pytest.raises(DataError, match="unknown stance"):
        read_fnc(tmp_path)
    (tmp_path / "x_stances.csv").write_text(
        "Headline,Body ID,Stance\nA headline,9,agree\n", encoding="utf-8"
    )
    with pytest.raises(DataError, match="unknown Body ID"):
        read_fnc(tmp_path)


def test_fnc_score_and_f1_by_hand() -> None:
    gold = ["agree", "disagree", "discuss", "unrelated", "unrelated"]
    pred = ["agree", "discuss", "unrelated", "unrelated", "agree"]
    scores = score(gold, pred)
    # points: 1.0 + 0.25 + 0 + 0.25 + 0 = 1.5 of max 1+1+1+0.25+0.25 = 3.5
    assert scores.fnc_score == pytest.approx(100 * 1.5 / 3.5)
    assert scores.per_class_f1["agree"] == pytest.approx(2 / 3)
    assert scores.per_class_f1["disagree"] == 0.0
    assert scores.per_class_f1["unrelated"] == pytest.approx(0.5)  # tp 1, fp 1, fn 1
    assert scores.confusion[1][2] == 1
    assert scores.accuracy == pytest.approx(2 / 5)
    perfect = score(gold, gold)
    assert perfect.fnc_score == 100.0 and perfect.macro_f1 == 1.0


def test_exported_trees_match_sklearn(tmp_path: Path) -> None:
    from sklearn.ensemble import HistGradientBoostingClassifier

    rng = np.random.default_rng(0)
    x = rng.normal(size=(600, 6)).astype(np.float32)
    y = (x[:, 0] > 0).astype(int) + 2 * (x[:, 1] > 0.5).astype(int)
    clf = HistGradientBoostingClassifier(max_iter=30, random_state=0).fit(x, y)
    trees = export_hgb(clf)
    trees.save(tmp_path / "trees.npz")
    loaded = TreeEnsemble.load(tmp_path / "trees.npz")
    probe = rng.normal(size=(200, 6)).astype(np.float32)
    probe[0, 0] = np.nan  # missing values follow the learned direction
    assert np.allclose(loaded.predict_proba(probe), clf.predict_proba(probe), atol=1e-6)


def _story_pairs(n_stories: int = 10) -> list[FncPair]:
    """Stories of 3 headlines x 2 bodies (related), each headline also paired with 4 other
    stories' bodies (unrelated), like FNC-1."""
    pairs = []
    for k in range(n_stories):
        for h in range(3):
            head = f"story {k} headline {h}"
            for b in range(2):
                pairs.append(FncPair(head, f"{k}-{b}", ("agree", "discuss", "disagree")[h]))
            for other in range(1, 5):
                pairs.append(FncPair(head, f"{(k + other) % n_stories}-{h % 2}", "unrelated"))
    return pairs


def test_split_strict_holds_out_whole_stories() -> None:
    pairs = _story_pairs()
    kept, held = split_strict(pairs, seed=3, fraction=0.2)
    assert kept and held and not set(kept) & set(held)
    kept_heads = {pairs[i].headline for i in kept}
    kept_bodies = {pairs[i].body_id for i in kept}
    held_heads = {pairs[i].headline for i in held}
    held_bodies = {pairs[i].body_id for i in held}
    assert not kept_heads & held_heads
    assert not kept_bodies & held_bodies
    assert len(held_heads) == 6  # 2 of 10 stories, 3 headlines each
    # every related pair of a held-out story is held out; dropped pairs cross the sides
    assert {pairs[i].label for i in held} >= {"agree", "discuss", "disagree"}
    dropped = set(range(len(pairs))) - set(kept) - set(held)
    assert dropped and all(pairs[i].label == "unrelated" for i in dropped)
    assert split_strict(pairs, seed=3, fraction=0.2) == (kept, held)
    assert split_strict(pairs, seed=4, fraction=0.2) != (kept, held)


def test_headline_split_shares_bodies_but_strict_does_not() -> None:
    pairs = _story_pairs()
    kept, held = split_pairs(pairs, by="headline", seed=3, fraction=0.2)
    assert {pairs[i].body_id for i in kept} & {pairs[i].body_id for i in held}
    assert not {pairs[i].headline for i in kept} & {pairs[i].headline for i in held}
    assert split_pairs(pairs, by="strict", seed=3, fraction=0.2) == split_strict(
        pairs, seed=3, fraction=0.2
    )
    with pytest.raises(DataError, match="unknown split"):
        split_pairs(pairs, by="bodies")


def test_fast_objective_matches_the_scorer() -> None:
    from claimgraph.stance.fnc_data import FNC_LABELS
    from claimgraph.train.stance import _fast_objective

    rng = np.random.default_rng(1)
    gold = rng.integers(0, 4, size=300)
    pred = np.where(rng.random(300) < 0.6, gold, rng.integers(0, 4, size=300))
    scores = score([FNC_LABELS[g] for g in gold], [FNC_LABELS[p] for p in pred])
    assert _fast_objective(gold, pred) == pytest.approx(scores.fnc_score / 100 + scores.macro_f1)


def test_model_with_a_feature_subset_picks_its_columns(tmp_path: Path, vocab: Vocabulary) -> None:
    from sklearn.ensemble import HistGradientBoostingClassifier

    from claimgraph.stance.fnc import FncModel

    names = ("sim_max", "top_refute", "word_cov")
    cols = [FEATURE_NAMES.index(n) for n in names]
    rng = np.random.default_rng(0)
    full = rng.normal(size=(400, len(FEATURE_NAMES))).astype(np.float32)
    y = (full[:, cols[0]] > 0).astype(int) + 2 * (full[:, cols[1]] > 0).astype(int)
    clf = HistGradientBoostingClassifier(max_iter=20, random_state=0).fit(full[:, cols], y)
    model = FncModel(vocab=vocab, trees=export_hgb(clf), class_weights=np.ones(4), features=names)
    model.save(tmp_path)
    loaded = FncModel.load(tmp_path)
    assert loaded.features == names
    expected = clf.predict_proba(full[:, cols])
    assert np.allclose(loaded.probabilities(full), expected / expected.sum(1, keepdims=True))
