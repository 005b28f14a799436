"""Features of one (claim/headline, body) pair, from two ``TextInfo`` analyses.

Groups: embedding similarities (claim vs body sentences), lexical overlap (TF-IDF, words,
bigrams, character n-grams, names, numbers), polarity of the body sentences most related to
the claim (refuting words, hedges, support words, negation near claim terms, questions), the
body's overall polarity, the claim's own polarity, and sizes. The order is FEATURE_NAMES.

Two groups meant to transfer to unseen stories: similarity of the body sentences to generic
prototype sentences (refuting, hedging, confirming; ``TextInfo.proto``), and "flipped" body
refutation: the body's refutation signals times -1 when the claim itself is negative (a
headline calling the story a hoax, or negated). A debunking body disagrees with a headline
asserting the story but agrees with one calling it a hoax; flipping gives the trees one
direction for both.
"""

from __future__ import annotations

import math

import numpy as np

from claimgraph.stance.fnc_text import LEX_COLUMNS, PROTOTYPE_KINDS, TextInfo, negations

TOP_K = 3
"""Body sentences most related to the claim whose polarity is measured."""
NEG_WINDOW = 4
"""Words either side of a claim term within which a negation counts as 'near'."""
CHAR_N = 5

_LEX = list(LEX_COLUMNS)
_PROTO_STATS = ("top", "first", "max", "mean")
_FLIPPED = (
    "top_refute",
    "topw_refute",
    "first_refute",
    "body_refute_rate",
    "top_neg_near",
    "top_refute_related",
    "proto_refute_top",
    "proto_refute_first",
)
FEATURE_NAMES: tuple[str, ...] = (
    "sim_max",
    "sim_top3",
    "sim_mean",
    "sim_first",
    "sim_first3",
    "sim_std",
    "sim_argmax_pos",
    "sim_body_mean",
    "sim_second_gap",
    "tfidf_cos",
    "word_cov",
    "word_cov_first3",
    "bigram_cov",
    "char_cov",
    "name_cov",
    "name_count",
    "number_cov",
    "sent_cov_max",
    "sent_cov_top3",
    "sent_jaccard_max",
    "n_related_sents",
    *(f"top_{c}" for c in _LEX),
    *(f"topw_{c}" for c in _LEX),
    "top_neg_near",
    "top_refute_related",
    *(f"first_{c}" for c in _LEX),
    *(f"body_{c}_rate" for c in _LEX),
    *(f"claim_{c}" for c in _LEX),
    "claim_x_body_refute",
    "claim_refute_x_sim",
    "log_body_sents",
    "log_body_words",
    "claim_words",
    *(f"proto_{kind}_{stat}" for kind in PROTOTYPE_KINDS for stat in _PROTO_STATS),
    *(f"flip_{name}" for name in _FLIPPED),
    "claim_negative",
)


def _char_grams(text: str, n: int = CHAR_N) -> set[str]:
    return {text[i : i + n] for i in range(max(len(text) - n + 1, 0))}


def _neg_near(tokens: tuple[str, ...], terms: frozenset[str], negs: frozenset[str]) -> int:
    term_pos = [i for i, t in enumerate(tokens) if t in terms]
    if not term_pos:
        return 0
    count = 0
    for i, token in enumerate(tokens):
        is_neg = token in negs or token.endswith("n't")
        if is_neg and any(abs(i - j) <= NEG_WINDOW for j in term_pos):
            count += 1
    return count


def pair_features(claim: TextInfo, body: TextInfo) -> np.ndarray:
    """The feature vector of (claim, body), float32, in FEATURE_NAMES order."""
    head = claim.mean_vector
    sims = body.vectors @ head if len(body.vectors) else np.zeros(1, np.float32)
    n = len(sims)
    order = np.argsort(-sims)
    top_sims = sims[order[:TOP_K]]
    terms = claim.content
    n_terms = max(len(terms), 1)

    cov = np.array([len(terms & s) / n_terms for s in body.sentence_content] or [0.0])
    jac = np.array(
        [len(terms & s) / max(len(terms | s), 1) for s in body.sentence_content] or [0.0]
    )
    # Relatedness of each sentence to the claim: meaning plus shared words.
    relevance = sims + cov[: len(sims)] if len(cov) == len(sims) else sims
    rel_order = np.argsort(-relevance)[:TOP_K]
    weights = np.clip(sims[rel_order], 0.0, None)

    lex = body.lex if len(body.lex) else np.zeros((1, len(_LEX)), np.float32)
    top_lex = lex[rel_order].sum(axis=0)
    top_w = (lex[rel_order] * weights[:, None]).sum(axis=0)
    negs = negations()
    neg_near = sum(
        _neg_near(body.sentence_tokens[i], terms, negs)
        for i in rel_order
        if i < len(body.sentence_tokens)
    )
    related = (sims >= 0.45) | (cov >= 0.5) if len(cov) == len(sims) else sims >= 0.45
    refute_col = _LEX.index("refute")
    refute_related = float(lex[related, refute_col].sum()) if related.any() else 0.0
    first_lex = lex[:5].sum(axis=0)
    body_rate = body.lex_total / max(body.n_sentences, 1)

    tfidf = sum(w * body.tfidf.get(t, 0.0) for t, w in claim.tfidf.items())
    first3 = frozenset().union(*body.sentence_content[:3]) if body.sentence_content else frozenset()
    grams = _char_grams(claim.lower)
    char_cov = sum(1 for g in grams if g in body.lower) / max(len(grams), 1)
    bigram_cov = len(claim.bigrams & body.bigrams) / max(len(claim.bigrams), 1)
    names = claim.capitals
    name_cov = len(names & body.content) / len(names) if names else -1.0
    number_cov = len(claim.numbers & body.numbers) / len(claim.numbers) if claim.numbers else -1.0

    claim_lex = claim.lex_total
    proto = body.proto if len(body.proto) else np.zeros((1, len(PROTOTYPE_KINDS)), np.float32)
    proto_stats = np.stack(
        [
            proto[rel_order].max(axis=0),
            proto[:5].max(axis=0),
            proto.max(axis=0),
            proto.mean(axis=0),
        ],
        axis=1,
    )  # (kinds, stats)
    # A claim that calls the story false (or is negated) flips what a refuting body means.
    negative = float(claim_lex[refute_col] + claim_lex[_LEX.index("negation")] > 0)
    sign = 1.0 - 2.0 * negative
    refute_k, confirm_k = PROTOTYPE_KINDS.index("refute"), PROTOTYPE_KINDS.index("confirm")
    flipped = [
        top_lex[refute_col],
        top_w[refute_col],
        first_lex[refute_col],
        body_rate[refute_col],
        float(neg_near),
        refute_related,
        proto_stats[refute_k, 0] - proto_stats[confirm_k, 0],
        proto_stats[refute_k, 1] - proto_stats[confirm_k, 1],
    ]
    values = [
        float(top_sims[0]),
        float(top_sims.mean()),
        float(sims.mean()),
        float(sims[0]),
        float(sims[:3].mean()),
        float(sims.std()),
        float(order[0]) / max(n - 1, 1),
        float(body.mean_vector @ head),
        float(top_sims[0] - top_sims[1]) if len(top_sims) > 1 else 0.0,
        float(tfidf),
        len(terms & body.content) / n_terms,
        len(terms & first3) / n_terms,
        bigram_cov,
        char_cov,
        name_cov,
        float(len(names)),
        number_cov,
        float(cov.max()),
        float(np.sort(cov)[-TOP_K:].mean()),
        float(jac.max()),
        float(related.sum()),
        *top_lex.tolist(),
        *top_w.tolist(),
        float(neg_near),
        refute_related,
        *first_lex.tolist(),
        *body_rate.tolist(),
        *claim_lex.tolist(),
        float(claim_lex[refute_col] * body_rate[refute_col]),
        float(claim_lex[refute_col] * top_sims[0]),
        math.log1p(body.n_sentences),
        math.log1p(body.n_words),
        float(len(claim.sentence_tokens[0]) if claim.sentence_tokens else 0),
        *proto_stats.reshape(-1).tolist(),
        *(sign * float(v) for v in flipped),
        negative,
    ]
    return np.asarray(values, dtype=np.float32)


def feature_matrix(pairs: list[tuple[TextInfo, TextInfo]]) -> np.ndarray:
    """Stacked features of many (claim, body) analyses, shape (n, len(FEATURE_NAMES))."""
    out = np.zeros((len(pairs), len(FEATURE_NAMES)), dtype=np.float32)
    for row, (claim, body) in enumerate(pairs):
        out[row] = pair_features(claim, body)
    return out
