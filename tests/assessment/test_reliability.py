"""Must show 3: our ICC and Krippendorff's alpha equal pingouin's and the krippendorff package's
(GPL, test-only) to 1e-9 on generated ratings, with and without missing ratings; plus the
calibration report on experts whose leniency is known."""

import math

import krippendorff
import numpy as np
import pandas as pd
import pingouin
import pytest

from eacademy.assessment.reliability import ICC_FORMS, alpha_band, alpha_ordinal, calibration, icc, icc_band


def _ratings(targets: int, raters: int, seed: int, missing: float = 0.0) -> np.ndarray:
    """Levels 1-4: a true level per target, a leniency per rater, noise; some ratings missing."""
    rng = np.random.default_rng(seed)
    true = rng.normal(2.5, 0.9, size=targets)
    leniency = rng.normal(0, 0.4, size=raters)
    data = np.clip(np.rint(true[:, None] + leniency[None, :] + rng.normal(0, 0.6, size=(targets, raters))), 1, 4)
    data[rng.random(data.shape) < missing] = np.nan
    return data


def _pingouin(data: np.ndarray) -> dict[str, float]:
    rows = [(t, r, data[t, r]) for t in range(data.shape[0]) for r in range(data.shape[1])]
    frame = pd.DataFrame(rows, columns=["target", "rater", "rating"])
    table = pingouin.intraclass_corr(frame, targets="target", raters="rater", ratings="rating", nan_policy="omit")
    return dict(zip(table["Type"], table["ICC"], strict=True))


@pytest.mark.parametrize(("targets", "raters", "seed", "missing"), [(60, 2, 1, 0.0), (40, 4, 2, 0.0), (25, 6, 3, 0.0), (80, 3, 4, 0.1), (50, 5, 5, 0.05)])
def test_icc_matches_pingouin(targets, raters, seed, missing):
    data = _ratings(targets, raters, seed, missing)
    ours = icc(data)
    reference = _pingouin(data)
    assert set(ours) == set(ICC_FORMS) == set(reference)
    complete = int((~np.isnan(data).any(axis=1)).sum())
    for form in ICC_FORMS:
        assert ours[form].value == pytest.approx(reference[form], abs=1e-9), form
        assert ours[form].targets == complete and ours[form].raters == raters


@pytest.mark.parametrize(("raters", "units", "seed", "missing"), [(2, 60, 1, 0.0), (4, 40, 2, 0.0), (3, 100, 3, 0.2), (6, 30, 4, 0.35), (12, 240, 5, 0.8)])
def test_ordinal_alpha_matches_the_krippendorff_package(raters, units, seed, missing):
    data = _ratings(units, raters, seed, missing).T  # raters × units, as Krippendorff writes it
    reference = krippendorff.alpha(reliability_data=data, level_of_measurement="ordinal")
    assert alpha_ordinal(data) == pytest.approx(reference, abs=1e-9)


def test_alpha_by_hand_and_its_limits():
    # Krippendorff's classic example reduced: two raters agreeing on every unit → 1
    agree = np.array([[1, 2, 3, 4, 2], [1, 2, 3, 4, 2]], dtype=float)
    assert alpha_ordinal(agree) == pytest.approx(1.0)
    assert math.isnan(alpha_ordinal(np.array([[2, 2, 2], [2, 2, 2]], dtype=float)))  # no variation: undefined
    assert math.isnan(alpha_ordinal(np.array([[1, np.nan], [np.nan, 3]])))  # no unit rated twice
    assert alpha_band(0.85) == "reliable" and alpha_band(0.7) == "tentative" and alpha_band(0.3) == "unreliable"


def test_icc_limits_and_bands():
    assert math.isnan(icc(np.array([[1.0, 2.0]]))["ICC(A,1)"].value)  # one target
    assert math.isnan(icc(np.array([[3.0, 3.0], [3.0, 3.0]]))["ICC(C,1)"].value)  # nothing varies
    perfect = icc(np.array([[1, 1], [2, 2], [4, 4]], dtype=float))
    assert perfect["ICC(A,1)"].value == pytest.approx(1.0) and icc_band(perfect["ICC(A,1)"].value) == "excellent"
    assert [icc_band(v) for v in (0.3, 0.6, 0.8)] == ["poor", "moderate", "good"]


def test_calibration_finds_the_lenient_and_the_severe_expert():
    rng = np.random.default_rng(7)
    ratings = []
    for item in range(120):
        true = rng.integers(1, 5)
        for expert, bias in (("lenient", 1.0), ("severe", -0.8), ("fair1", 0.0), ("fair2", 0.1)):
            if rng.random() < 0.7:
                ratings.append((expert, f"i{item}", float(np.clip(true + bias + rng.normal(0, 0.3), 1, 4))))
    report = {row.expert: row for row in calibration(ratings)}
    assert next(row.expert for row in calibration(ratings)) == "lenient"
    assert report["lenient"].flagged and report["lenient"].difference > 0.5
    assert report["severe"].flagged and report["severe"].difference < -0.5
    assert not report["fair1"].flagged and not report["fair2"].flagged
    assert report["fair1"].items > 50
