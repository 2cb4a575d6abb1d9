"""Must show 4 (figures): item analysis checked against independent computations — scipy for
moments and correlations, plain Python loops for the classical figures, a scipy optimiser for
the Rasch likelihood — and a small matrix worked by hand."""

import json
import math
import subprocess
import sys

import numpy as np
import pytest
from scipy import optimize, stats

from eacademy.exams.analysis import analyse, gains, rasch, read_csv


def _simulated(n: int = 400, k: int = 12, seed: int = 3) -> np.ndarray:
    rng = np.random.default_rng(seed)
    theta, b = rng.normal(size=n), np.linspace(-1.5, 1.5, k)
    x = (rng.random((n, k)) < 1 / (1 + np.exp(b[None, :] - theta[:, None]))).astype(float)
    x[:, 3] = np.round(x[:, 3] * rng.choice([0.5, 1.0], size=n), 2)  # a partially credited item
    x[rng.random((n, k)) < 0.03] = np.nan  # unanswered
    return x


def test_test_figures_match_scipy_and_the_textbook_formulas():
    x = _simulated()
    scored = np.nan_to_num(x)
    n, k = scored.shape
    total = scored.sum(1)
    figures = analyse(x)["test"]
    assert figures["attempts"] == n
    assert figures["mean"] == pytest.approx(total.mean() / k)
    assert figures["median"] == pytest.approx(np.median(total) / k)
    assert figures["sd"] == pytest.approx(np.std(total, ddof=1) / k)
    assert figures["skewness"] == pytest.approx(stats.skew(total, bias=False))
    assert figures["kurtosis"] == pytest.approx(stats.kurtosis(total, bias=False))
    item_variances = sum(statistics_variance(list(scored[:, i])) for i in range(k))
    alpha = k / (k - 1) * (1 - item_variances / statistics_variance(list(total)))
    assert figures["alpha"] == pytest.approx(alpha)
    assert figures["error_ratio"] == pytest.approx(math.sqrt(1 - alpha))
    assert figures["sem"] == pytest.approx(np.std(total, ddof=1) * math.sqrt(1 - alpha) / k)


def statistics_variance(values: list[float]) -> float:
    import statistics

    return statistics.variance(values)


def test_alpha_is_kr20_on_right_wrong_items():
    x = (_simulated() >= 1).astype(float)  # 0/1 only
    p = x.mean(0)
    n, k = x.shape
    total = x.sum(1)
    kr20 = k / (k - 1) * (1 - (p * (1 - p)).sum() * n / (n - 1) / total.var(ddof=1))
    assert analyse(x)["test"]["alpha"] == pytest.approx(kr20)


def test_item_figures_match_independent_loops():
    x = _simulated()
    scored = np.nan_to_num(x)
    _n, k = scored.shape
    total = scored.sum(1)
    items = analyse(x)["items"]
    covariances_with_total = [np.cov(scored[:, i], total)[0, 1] for i in range(k)]
    for i, figures in enumerate(items):
        item, rest = scored[:, i], total - scored[:, i]
        assert figures.facility == pytest.approx(item.mean())
        assert figures.sd == pytest.approx(item.std(ddof=1))
        assert figures.discrimination == pytest.approx(stats.pearsonr(item, rest)[0])
        best = np.cov(np.sort(item), np.sort(rest))[0, 1]
        assert figures.discriminative_efficiency == pytest.approx(np.cov(item, rest)[0, 1] / best)
        assert figures.effective_weight == pytest.approx(math.sqrt(covariances_with_total[i]) / sum(math.sqrt(c) for c in covariances_with_total))


def test_a_small_matrix_worked_by_hand():
    # 4 attempts × 3 questions. Totals 3, 2, 1, 0: mean 1.5 of 3 = 0.5; sd = √(5/3) / 3.
    x = np.array([[1, 1, 1], [1, 1, 0], [1, 0, 0], [0, 0, 0]], dtype=float)
    result = analyse(x)
    assert result["test"]["mean"] == pytest.approx(0.5)
    assert result["test"]["sd"] == pytest.approx(math.sqrt(5 / 3) / 3)
    # item variances 0.25, 1/3, 0.25 (n-1) → alpha = 3/2 · (1 - (5/6)/(5/3)) = 0.75
    assert result["test"]["alpha"] == pytest.approx(0.75)
    assert [i.facility for i in result["items"]] == pytest.approx([0.75, 0.5, 0.25])
    # Question 1 (1, 1, 1, 0) against the rest (2, 1, 0, 0): Σdx·dy = 0.75, Σdx² = 0.75, Σdy² = 2.75 → r = √(3/11)
    assert result["items"][0].discrimination == pytest.approx(math.sqrt(3 / 11))


def test_flags_point_at_questions_to_review():
    rng = np.random.default_rng(5)
    ability = rng.random(300)
    good = (rng.random((300, 5)) < ability[:, None]).astype(float)
    easy = np.ones((300, 1))
    easy[:5] = 0
    reversed_key = (rng.random((300, 1)) > ability[:, None]).astype(float)
    items = analyse(np.hstack([good, easy, reversed_key]))["items"]
    assert "too_easy" in items[5].flags
    assert "negative_discrimination" in items[6].flags
    assert all("negative_discrimination" not in i.flags for i in items[:5])


def _jml_by_optimiser(x: np.ndarray) -> np.ndarray:
    """The same likelihood maximised by a general optimiser, as an independent reference."""
    n, k = x.shape

    def negative_log_likelihood(params: np.ndarray) -> float:
        theta, b = params[:n], np.concatenate([params[n:], [-params[n:].sum()]])
        eta = theta[:, None] - b[None, :]
        return float(-(x * eta - np.logaddexp(0, eta)).sum())

    found = optimize.minimize(negative_log_likelihood, np.zeros(n + k - 1), method="L-BFGS-B", options={"maxiter": 5000, "gtol": 1e-9})
    b = np.concatenate([found.x[n:], [-found.x[n:].sum()]])
    return b * (k - 1) / k


def test_rasch_difficulties_match_an_optimiser_and_recover_the_truth():
    rng = np.random.default_rng(11)
    n, k = 300, 8
    truth = np.linspace(-1.2, 1.2, k)
    theta = rng.normal(size=n)
    x = (rng.random((n, k)) < 1 / (1 + np.exp(truth[None, :] - theta[:, None]))).astype(float)
    x = x[(x.sum(1) > 0) & (x.sum(1) < k)]  # the optimiser has no finite answer for extreme persons
    difficulties, abilities = rasch(x)
    assert difficulties == pytest.approx(_jml_by_optimiser(x), abs=2e-3)
    assert np.corrcoef(difficulties, truth)[0, 1] > 0.97
    assert not np.isnan(abilities).any()


def test_rasch_sets_extreme_items_and_persons_aside():
    x = np.array([[1, 1, 0, 1], [1, 0, 0, 1], [1, 1, 0, 0], [1, 0, 0, 0], [1, 1, 0, 1]], dtype=float)
    difficulties, _abilities = rasch(x)
    assert math.isnan(difficulties[0]) and math.isnan(difficulties[2])  # everyone right / everyone wrong
    assert difficulties[1] < difficulties[3] or difficulties[1] == pytest.approx(difficulties[3])


def test_hake_gain_and_effect_size():
    pre = np.array([0.2, 0.5, 1.0, 0.4])
    post = np.array([0.6, 0.75, 1.0, 0.7])
    figures = gains(pre, post)
    assert figures["mean_difference"] == pytest.approx(0.2375)
    assert figures["class_gain"] == pytest.approx((0.7625 - 0.525) / (1 - 0.525))
    assert figures["mean_individual_gain"] == pytest.approx(np.mean([0.4 / 0.8, 0.25 / 0.5, 0.3 / 0.6]))
    assert figures["undefined_individual_gains"] == 1  # the listener who scored 100% at input
    diff = post - pre
    assert figures["effect_size"] == pytest.approx(diff.mean() / diff.std(ddof=1))


def test_the_command_prints_every_figure(tmp_path):
    x = _simulated(n=60, k=5)
    lines = ["q1,q2,q3,q4,q5"] + [",".join("" if math.isnan(v) else f"{v:g}" for v in row) for row in x]
    path = tmp_path / "responses.csv"
    path.write_text("\n".join(lines) + "\n")
    done = subprocess.run([sys.executable, "-m", "eacademy", "items", "analyze", str(path), "--json"], capture_output=True, text=True, check=True)
    printed = json.loads(done.stdout)
    assert set(printed["test"]) == {"attempts", "mean", "median", "sd", "skewness", "kurtosis", "alpha", "error_ratio", "sem"}
    assert [i["column"] for i in printed["items"]] == ["q1", "q2", "q3", "q4", "q5"]
    assert set(printed["items"][0]) == {"column", "facility", "sd", "discrimination", "discriminative_efficiency", "effective_weight", "rasch_difficulty", "flags"}
    assert printed["test"]["mean"] == pytest.approx(analyse(x)["test"]["mean"])


@pytest.mark.parametrize(
    ("content", "fault"),
    [("", "empty"), ("q1,q2\n", "no attempts"), ("q1,q2\n1,abc\n", "not a table of numbers"), ("q1,q2\n1,2\n", "outside [0, 1]"),
     ("q1,q2\n1,0,1\n", "the header 2")],
)
def test_bad_csv_is_refused_with_a_clear_message(content, fault):
    with pytest.raises(ValueError, match=fault.replace("[", r"\[").replace("]", r"\]")):
        read_csv(content)
