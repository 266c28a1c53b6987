"""Suggestions a reviewer sees: the right factors, the phrases behind them, nothing for too little text."""

import numpy as np
import pytest

import semantic
from tests.semantic.synthetic import RARE, narratives

CODES = [
    semantic.CodeText("Fatigue", "Fatigue: tiredness, long hours, night shifts, lack of sleep or rest affecting work."),
    semantic.CodeText("Equipment", "Equipment: a device, hoist, bed, mattress or wheelchair was faulty, broken or failed."),
    semantic.CodeText("Communication", "Communication: information not passed on, handover gaps, messages lost, not told."),
]
NEW_REPORT = (
    "Mrs B was found on the floor at 3am. The night worker had done three long shifts in a row and was "
    "exhausted. The call bell was working."
)


@pytest.fixture(scope="module")
def trained():
    texts, labels = narratives(90, seed=1)
    return semantic.train_coder(texts, labels)


def test_a_trained_model_suggests_the_factors_a_report_describes(trained):
    text = "The hoist battery failed during the transfer. It was noticed during the usual checks."
    suggestions = trained.suggest(text)
    assert suggestions and suggestions[0].key == "Equipment"
    assert 0.5 <= suggestions[0].confidence <= 1.0
    assert all(s.key != "Fatigue" for s in suggestions)


def test_each_suggestion_shows_the_phrases_that_support_it(trained):
    text = ("The resident was not harmed and the manager was informed. Nobody told the night staff about the change "
            "in the care plan. It was noticed during the usual checks.")
    [first, *_] = trained.suggest(text)
    assert first.key == "Communication"
    assert first.phrases == ("Nobody told the night staff about the change in the care plan.",)


def test_too_little_text_gets_no_confident_suggestion(trained):
    assert trained.suggest("see email") == []
    assert trained.suggested(trained.scores(["see email"])[0]) == []


def test_a_label_seen_fewer_than_five_times_is_not_learned(trained):
    assert trained.skipped_labels == {RARE: 3}
    assert RARE not in trained.labels
    assert set(trained.labels) == {"Fatigue", "Equipment", "Communication"}


def test_training_stores_a_held_out_evaluation(trained):
    assert trained.kind == "supervised"
    assert trained.evaluation["reports"] == 90
    assert trained.evaluation["micro_f1"] > 0.8


def test_scores_are_between_zero_and_one_for_every_label(trained):
    [scores] = trained.scores([NEW_REPORT])
    assert set(scores) == set(trained.labels)
    assert all(0.0 <= v <= 1.0 for v in scores.values())
    assert trained.suggested(scores)[0] == "Fatigue"


def test_a_stored_model_gives_the_same_scores_and_is_not_a_pickle(trained):
    blob = trained.to_bytes()
    assert b"pickle" not in blob[:200] and not blob.startswith(b"\x80")
    loaded = semantic.CoderModel.from_bytes(blob)
    assert loaded.labels == trained.labels and loaded.skipped_labels == trained.skipped_labels
    assert loaded.evaluation == trained.evaluation
    assert loaded.scores([NEW_REPORT]) == trained.scores([NEW_REPORT])


def test_cold_start_ranks_the_code_closest_to_the_narrative():
    model = semantic.cold_start(CODES)
    assert model.kind == "cold_start" and model.labels == ("Fatigue", "Equipment", "Communication")
    [fatigue, *_] = model.suggest(NEW_REPORT)
    assert fatigue.key == "Fatigue"
    assert fatigue.phrases and "exhausted" in " ".join(fatigue.phrases)
    loaded = semantic.CoderModel.from_bytes(model.to_bytes())
    assert np.allclose(list(loaded.scores([NEW_REPORT])[0].values()), list(model.scores([NEW_REPORT])[0].values()))


def test_codes_blend_in_labels_the_organisation_has_not_used_enough():
    texts, labels = narratives(40, seed=2)
    codes = [*CODES, semantic.CodeText(RARE, "Weather: snow, ice, rain, heat or wind made the work dangerous.")]
    model = semantic.train_coder(texts, labels, codes=codes)
    assert model.kind == "blend"
    assert RARE in model.labels and model.skipped_labels == {RARE: 3}
    [scores] = model.scores(["Thick snow and ice on the path outside made the morning visit dangerous for staff."])
    assert max(scores, key=scores.get) == RARE


def test_with_nothing_learnable_the_codes_still_give_suggestions():
    model = semantic.train_coder(["Snow on the path."] * 3, [[RARE]] * 3, codes=CODES)
    assert model.kind == "cold_start"
    assert model.skipped_labels == {RARE: 3}
    assert model.suggest(NEW_REPORT)[0].key == "Fatigue"


def test_a_model_that_cannot_be_trusted_abstains_rather_than_guess():
    # The codes are dealt out at random, so no narrative says anything about them: nothing is confident.
    texts, _ = narratives(90, seed=4)
    rng = np.random.default_rng(4)
    labels = [[["Fatigue", "Equipment", "Communication"][int(rng.integers(3))]] for _ in texts]
    model = semantic.train_coder(texts, labels)
    assert model.confident_at > 1.0
    assert model.suggest(NEW_REPORT) == []
    assert model.evaluation["coverage"] == 0.0
    always = semantic.train_coder(texts, labels, abstain=False)
    assert always.confident_at == 0.0 and always.suggest(NEW_REPORT)


def test_the_confidence_point_comes_from_cross_validation_and_is_kept():
    texts, labels = narratives(90, seed=1)
    model = semantic.train_coder(texts, labels)
    evaluation = model.evaluation
    assert 0.0 < model.confident_at <= 1.0 and evaluation["abstains"]
    assert evaluation["confidence_point"] == round(model.confident_at, 4)
    assert evaluation["target_precision"] == semantic.TARGET_PRECISION
    # Where it suggests, the held-out reports' first suggestion reached the target.
    assert evaluation["precision_at_1"] >= semantic.TARGET_PRECISION and evaluation["coverage"] > 0.5
    assert semantic.CoderModel.from_bytes(model.to_bytes()).confident_at == model.confident_at


def test_abstaining_can_be_turned_off_and_the_point_is_still_measured():
    texts, labels = narratives(90, seed=1)
    always = semantic.train_coder(texts, labels, abstain=False)
    assert always.confident_at == 0.0 and not always.evaluation["abstains"]
    assert 0.0 < always.evaluation["confidence_point"] <= 1.0
