"""The pluggable backends: an NLI cross-encoder built here, and a fake OpenAI-compatible server."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any

import pytest

from claimgraph.errors import ModelError, UsageError
from claimgraph.model import Stance
from claimgraph.stance import BACKENDS, get_judge
from claimgraph.stance.base import StanceJudge

CLAIM = "Russia is arming the Taliban"
TEXT = "Moscow denied sending weapons to the Taliban."


def test_unknown_backend_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="unknown stance backend"):
        get_judge("no-such-backend")


def test_importing_stance_loads_no_backend() -> None:
    import subprocess
    import sys

    code = (
        "import sys, claimgraph.stance; "
        "heavy = [m for m in ('torch', 'transformers', 'spacy', 'onnxruntime') if m in sys.modules]; "
        "assert not heavy, heavy"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# --- NLI cross-encoder --------------------------------------------------------------


def _tiny_nli(path: Path, *, winner: int, id2label: dict[int, str]) -> Path:
    """A 1-layer BERT classifier with a WordPiece vocab built here; the bias makes ``winner`` win."""
    torch = pytest.importorskip(
        "torch", reason="nli extra not installed: pip install 'claimgraph[nli]'"
    )
    transformers = pytest.importorskip("transformers")
    from tokenizers import BertWordPieceTokenizer

    corpus = path / "corpus.txt"
    corpus.write_text(
        "russia is arming the taliban\nmoscow denied sending weapons to the taliban\n"
        "the governor said iran gives rockets to the group\n",
        encoding="utf-8",
    )
    wordpiece = BertWordPieceTokenizer(lowercase=True)
    wordpiece.train([str(corpus)], vocab_size=200, min_frequency=1)
    model_dir = path / "tiny-nli"
    model_dir.mkdir()
    wordpiece.save_model(str(model_dir))
    tokenizer = transformers.BertTokenizerFast(vocab_file=str(model_dir / "vocab.txt"))
    tokenizer.save_pretrained(str(model_dir))
    config = transformers.BertConfig(
        vocab_size=tokenizer.vocab_size,
        hidden_size=16,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=32,
        max_position_embeddings=64,
        num_labels=len(id2label),
        id2label=id2label,
        label2id={v: k for k, v in id2label.items()},
    )
    torch.manual_seed(0)
    model = transformers.BertForSequenceClassification(config)
    with torch.no_grad():
        model.classifier.weight.zero_()
        model.classifier.bias.fill_(-5.0)
        model.classifier.bias[winner] = 5.0
    model.save_pretrained(str(model_dir))
    return model_dir


NLI_LABELS = {0: "CONTRADICTION", 1: "NEUTRAL", 2: "ENTAILMENT"}


@pytest.mark.model
@pytest.mark.parametrize(("winner", "expected"), [(0, "refutes"), (1, "neutral"), (2, "supports")])
def test_nli_backend_maps_id2label(tmp_path: Path, winner: int, expected: str) -> None:
    model_dir = _tiny_nli(tmp_path, winner=winner, id2label=NLI_LABELS)
    judge = get_judge("nli", nli_model=str(model_dir), db="ignored.db")
    assert isinstance(judge, StanceJudge)
    stance = judge.judge(CLAIM, "sending weapons to the Taliban", context=TEXT)
    assert isinstance(stance, Stance)
    assert stance.label == expected
    assert stance.confidence > 0.9
    assert stance.judge.startswith("stance.nli.v1")
    many = judge.judge_many([(CLAIM, TEXT, None)] * 5)
    assert [s.label for s in many] == [expected] * 5


@pytest.mark.model
def test_nli_backend_two_label_model_with_label_map(tmp_path: Path) -> None:
    model_dir = _tiny_nli(tmp_path, winner=1, id2label={0: "LABEL_0", 1: "LABEL_1"})
    with pytest.raises(ModelError, match="label_map"):
        get_judge("nli", nli_model=str(model_dir))
    judge = get_judge(
        "nli", nli_model=str(model_dir), label_map={"LABEL_0": "supports", "LABEL_1": "refutes"}
    )
    assert judge.judge(CLAIM, TEXT).label == "refutes"


def test_nli_backend_errors_are_model_errors(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="needs a model"):
        get_judge("nli", nli_model="")
    pytest.importorskip("transformers")
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ModelError, match="cannot load NLI model"):
        get_judge("nli", nli_model=str(empty))


def test_nli_label_mapping_needs_both_poles() -> None:
    from claimgraph.stance.backends.nli import map_labels

    assert map_labels({0: "entailment", 1: "neutral", 2: "contradiction"}) == {
        0: "supports",
        1: "neutral",
        2: "refutes",
    }
    with pytest.raises(ModelError, match="lack entailment or contradiction"):
        map_labels({0: "entailment", 1: "neutral"})


# --- OpenAI-compatible endpoint -------------------------------------------------------


class _FakeChat(BaseHTTPRequestHandler):
    replies: list[Any] = []
    requests: list[dict[str, Any]] = []

    def do_POST(self) -> None:  # noqa: N802 - http.server's naming
        length = int(self.headers.get("Content-Length", "0"))
        body = json.loads(self.rfile.read(length))
        type(self).requests.append(
            {"path": self.path, "body": body, "auth": self.headers.get("Authorization")}
        )
        reply = type(self).replies.pop(0)
        if isinstance(reply, int):
            self.send_response(reply)
            self.end_headers()
            self.wfile.write(b"server error")
            return
        raw = (
            reply
            if isinstance(reply, bytes)
            else json.dumps(
                {"choices": [{"message": {"role": "assistant", "content": reply}}]}
            ).encode()
        )
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture()
def fake_server() -> Iterator[str]:
    _FakeChat.replies = []
    _FakeChat.requests = []
    server = HTTPServer(("127.0.0.1", 0), _FakeChat)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    finally:
        server.shutdown()
        server.server_close()


def test_openai_backend_round_trip(fake_server: str) -> None:
    _FakeChat.replies = [
        '{"label": "refutes", "confidence": 0.8}',
        '```json\n{"label": "Supports", "confidence": 0.9, "hedged": true}\n```',
        'Sure! Here is my answer: {"label": "disagree", "confidence": 70}',
    ]
    judge = get_judge(
        "openai", openai_base_url=fake_server + "/", openai_model="tiny", openai_api_key="k"
    )
    first = judge.judge(CLAIM, "sending weapons to the Taliban", context=TEXT)
    assert first == Stance("refutes", 0.8, judge="stance.openai.v1:tiny")
    rest = judge.judge_many([(CLAIM, TEXT, None), (CLAIM, TEXT, None)])
    assert [(s.label, s.confidence, s.hedged) for s in rest] == [
        ("supports", 0.9, True),
        ("refutes", 0.7, False),
    ]
    sent = _FakeChat.requests[0]
    assert sent["path"] == "/v1/chat/completions"
    assert sent["auth"] == "Bearer k"
    assert sent["body"]["model"] == "tiny"
    user = json.loads(sent["body"]["messages"][-1]["content"])
    assert user == {"claim": CLAIM, "statement": "sending weapons to the Taliban", "sentence": TEXT}


@pytest.mark.parametrize(
    ("reply", "message"),
    [
        ("I think it supports the claim.", "not JSON"),
        ('{"label": "supports", "confidence": 0.9', "not JSON"),
        ('{"label": maybe}', "not valid JSON"),
        ('{"label": "probably"}', "no valid label"),
        ('{"label": "supports", "confidence": "high"}', "not a number"),
        ('{"label": "supports", "confidence": -3}', "outside"),
        ("", "empty reply"),
        (b"<html>oops</html>", "did not return JSON"),
        (b'{"choices": []}', "no choices"),
        (500, "HTTP 500"),
    ],
)
def test_openai_backend_bad_replies_are_model_errors(
    fake_server: str, reply: Any, message: str
) -> None:
    _FakeChat.replies = [reply]
    judge = get_judge("openai", openai_base_url=fake_server, openai_model="tiny")
    with pytest.raises(ModelError, match=message):
        judge.judge(CLAIM, TEXT)


def test_openai_backend_unreachable_is_a_model_error() -> None:
    judge = get_judge(
        "openai", openai_base_url="http://127.0.0.1:9/v1", openai_model="x", openai_timeout=2
    )
    with pytest.raises(ModelError, match="cannot reach"):
        judge.judge(CLAIM, TEXT)


def test_backends_register_like_plugins() -> None:
    get_judge("openai", openai_base_url="http://127.0.0.1:9/v1")
    assert "openai" in BACKENDS
    assert "default" in BACKENDS or get_judge("default") is not None
    assert "default" in BACKENDS


def test_every_builtin_judge_class_implements_the_whole_protocol() -> None:
    """The claim map calls judge_many with the statements' context, prime_vectors and
    prepare on any judge: every built-in class has them (no probing in link/)."""
    import inspect as inspect_mod

    from claimgraph.stance.backends.nli import NLIJudge
    from claimgraph.stance.backends.openai_compat import OpenAIJudge
    from claimgraph.stance.base import JudgeBase, StanceJudge
    from claimgraph.stance.fnc import ArticleStanceJudge
    from claimgraph.stance.judge import DefaultJudge

    assert isinstance(DefaultJudge(), StanceJudge)
    for cls in (DefaultJudge, ArticleStanceJudge, NLIJudge, OpenAIJudge):
        for method in ("judge", "judge_many", "prime_vectors", "prepare"):
            assert callable(getattr(cls, method, None)), (cls.__name__, method)
        params = inspect_mod.signature(cls.judge_many).parameters
        assert {"speakers", "affiliations", "documents"} <= set(params), cls.__name__

    class OnlyJudge(JudgeBase):
        name = "only.v1"

        def judge(self, claim: str, text: str, *, context: str | None = None) -> Stance:
            return Stance("supports" if "yes" in text else "unrelated", 0.9, judge=self.name)

    only = OnlyJudge()
    assert isinstance(only, StanceJudge)
    got = only.judge_many([("c", "yes", None), ("c", "no", None)], speakers=["A", None])
    assert [s.label for s in got] == ["supports", "unrelated"]
