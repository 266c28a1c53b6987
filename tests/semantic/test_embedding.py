"""The packaged MiniLM loads with no network and embeds as the published model does."""

import socket
import threading

import numpy as np
import pytest

import semantic
from semantic import embedding
from semantic.minilm import model_dir


@pytest.fixture(autouse=True)
def _no_network_at_all(monkeypatch):
    """Loading the model opens no socket at all, not even to this machine."""

    def refuse(*args, **kwargs):
        raise AssertionError("the embedding model must not open a socket")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_the_model_is_read_from_the_installed_package():
    directory = model_dir()
    assert (directory / "model.safetensors").exists()
    assert "site-packages" in str(directory.resolve()) or "dist-packages" in str(directory.resolve())


def test_the_transformer_matches_the_published_all_minilm_l6_v2_vector():
    # sentence-transformers' all-MiniLM-L6-v2 gives this sentence a vector starting
    # 0.0677, 0.0635, 0.0487, 0.0793, 0.0374 (the model card's example sentence).
    vector = semantic.embed_minilm(["This is an example sentence"])[0]
    assert np.allclose(vector[:5], [0.06766, 0.06350, 0.04871, 0.07930, 0.03745], atol=2e-4)


def test_paraphrases_are_closer_than_unrelated_sentences():
    for embed in (semantic.embed, semantic.embed_minilm):
        v = embed(["The night carer was exhausted after a double shift.",
                   "The carer on nights was very tired after working two shifts back to back.",
                   "The hoist battery failed during the transfer."])
        assert v[0] @ v[1] > v[0] @ v[2] + 0.1


def test_vectors_are_normalised_float32_and_the_same_every_time():
    texts = ["Medication was given twice because the chart was not signed.", "see email", ""]
    first = semantic.embed(texts)
    again = semantic.embed(list(reversed(texts)))[::-1]
    assert first.dtype == np.float32 and first.shape == (3, 384)
    assert np.allclose(np.linalg.norm(first[:2], axis=1), 1.0, atol=1e-5)
    assert np.allclose(first, again, atol=1e-6)
    assert semantic.embed([]).shape == (0, 384)


def test_a_narrative_longer_than_the_window_is_embedded_whole():
    start = "The handover between the day and night teams was rushed. "
    end = "Later the resident fell from the bed because the bed rails were down. "
    long_text = start * 3 + end * 3
    model = embedding.minilm()
    # A 48-token window stands for the model's 256 (the same code, a quarter of the time).
    assert len(model.chunks(long_text, max_tokens=48)) == 2
    whole, first, second, unrelated = model.embed([long_text, start, end, "Quarterly budget figures for the council."], max_tokens=48)
    # The end of the narrative still counts: the vector is as close to its second half as to its first.
    assert whole @ second > whole @ unrelated + 0.2
    assert whole @ first > whole @ unrelated + 0.2


def test_the_model_is_loaded_once_however_many_threads_ask():
    seen = []
    threads = [threading.Thread(target=lambda: seen.append(embedding.minilm())) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({id(m) for m in seen}) == 1


def test_distilled_token_vectors_are_kept_in_the_cache_directory(tmp_path):
    model = embedding.StaticModel(embedding.minilm(), tmp_path / "static.npy")
    ids = model.tokenizer.ids("wildfire helicopter dispatch " * 3)
    model.ensure(ids)
    model._save(force=True)
    reloaded = embedding.StaticModel(embedding.minilm(), tmp_path / "static.npy")
    assert reloaded.known[ids].all()
    assert np.allclose(reloaded.embed(["wildfire helicopter dispatch"]), model.embed(["wildfire helicopter dispatch"]))
