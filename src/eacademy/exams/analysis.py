"""Item analysis of a test, our own code on NumPy arrays (the definitions are Moodle's quiz
statistics; Rasch by joint maximum likelihood). Scores are fractions of each question's mark,
unanswered counts 0; every figure is a fraction, not a percent.

- test: attempts, mean, median, sd (n-1), skewness and kurtosis (unbiased cumulant ratios
  G1, G2 — scipy's `bias=False`), Cronbach's alpha (= KR-20 when every item is 0/1),
  error ratio √(1-α), standard error of measurement sd·√(1-α);
- item: facility, sd, discrimination (item-rest correlation), discriminative efficiency
  (its covariance with the rest over the largest covariance the same scores could have),
  effective weight (√cov(item, total) over the sum for all items), Rasch difficulty, flags.
"""

import io
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from django.utils.translation import gettext_lazy

RASCH_METHOD = "JMLE (joint maximum likelihood), Newton steps, extreme persons and items set aside, Wright's (L-1)/L bias correction"

# Moodle's and the literature's usual thresholds for questions worth a second look.
TOO_EASY, TOO_HARD, WEAK_DISCRIMINATION = 0.9, 0.1, 0.2


def _none(value: float) -> float | None:
    return None if value is None or not math.isfinite(value) else float(value)


def _test_figures(total: np.ndarray, k: int, item_var: np.ndarray) -> dict[str, float | None]:
    n = total.size
    mean = total.mean()
    deviations = total - mean
    m2, m3, m4 = (float(np.mean(deviations**p)) for p in (2, 3, 4))
    k2 = n * m2 / (n - 1) if n > 1 else math.nan
    skewness = kurtosis = math.nan
    if n > 2 and m2 > 0:
        skewness = (n * n * m3 / ((n - 1) * (n - 2))) / k2**1.5
    if n > 3 and m2 > 0:
        k4 = n * n * ((n + 1) * m4 - 3 * (n - 1) * m2 * m2) / ((n - 1) * (n - 2) * (n - 3))
        kurtosis = k4 / (k2 * k2)
    var_total = k2
    alpha = k / (k - 1) * (1 - item_var.sum() / var_total) if k > 1 and var_total > 0 else math.nan
    error_ratio = math.sqrt(max(0.0, 1 - alpha)) if math.isfinite(alpha) else math.nan
    sd = math.sqrt(var_total) if math.isfinite(var_total) else math.nan
    return {
        "attempts": n, "mean": mean / k, "median": float(np.median(total)) / k, "sd": sd / k,
        "skewness": _none(skewness), "kurtosis": _none(kurtosis), "alpha": _none(alpha),
        "error_ratio": _none(error_ratio), "sem": _none(sd * error_ratio / k),
    }


def rasch(scores: np.ndarray, max_iterations: int = 200, tolerance: float = 1e-6) -> tuple[np.ndarray, np.ndarray]:
    """(item difficulties, person abilities) in logits; NaN where a score is extreme (all or
    nothing), which has no finite estimate. Fractional scores are taken as expected scores."""
    n, k = scores.shape
    items = np.ones(k, dtype=bool)
    persons = np.ones(n, dtype=bool)
    while True:  # set aside extreme persons and items until none is left
        sub = scores[np.ix_(persons, items)]
        person_raw, item_raw = sub.sum(1), sub.sum(0)
        keep_p = (person_raw > 0) & (person_raw < items.sum())
        keep_i = (item_raw > 0) & (item_raw < persons.sum())
        if keep_p.all() and keep_i.all():
            break
        persons[np.flatnonzero(persons)[~keep_p]] = False
        items[np.flatnonzero(items)[~keep_i]] = False
        if persons.sum() < 2 or items.sum() < 2:
            return np.full(k, np.nan), np.full(n, np.nan)
    x = scores[np.ix_(persons, items)]
    length = x.shape[1]
    r, s = x.sum(1), x.sum(0)
    theta = np.log(r / (length - r))
    b = np.log((x.shape[0] - s) / s)
    b -= b.mean()
    for _iteration in range(max_iterations):
        p = 1 / (1 + np.exp(b[None, :] - theta[:, None]))
        w = p * (1 - p)
        step_theta = np.clip((r - p.sum(1)) / w.sum(1), -1, 1)
        step_b = np.clip((p.sum(0) - s) / w.sum(0), -1, 1)
        theta += step_theta
        b += step_b
        b -= b.mean()
        if max(np.abs(step_theta).max(), np.abs(step_b).max()) < tolerance:
            break
    difficulties = np.full(k, np.nan)
    abilities = np.full(n, np.nan)
    correction = (length - 1) / length
    difficulties[items] = b * correction
    abilities[persons] = theta * correction
    return difficulties, abilities


@dataclass
class ItemFigures:
    facility: float
    sd: float
    discrimination: float | None
    discriminative_efficiency: float | None
    effective_weight: float | None
    rasch_difficulty: float | None
    flags: list[str]

    @property
    def flag_labels(self) -> list[str]:
        return [str(FLAG_LABELS[flag]) for flag in self.flags]


FLAG_LABELS = {
    "too_easy": gettext_lazy("too easy"), "too_hard": gettext_lazy("too hard"), "negative_discrimination": gettext_lazy("negative discrimination"),
    "weak_discrimination": gettext_lazy("weak discrimination"), "negative_effective_weight": gettext_lazy("negative effective weight"),
    "no_rasch_estimate": gettext_lazy("no Rasch estimate"),
}


def _flags(facility: float, discrimination: float | None, effective_weight: float | None, difficulty: float | None) -> list[str]:
    flags = []
    if facility >= TOO_EASY:
        flags.append("too_easy")
    if facility <= TOO_HARD:
        flags.append("too_hard")
    if discrimination is not None and discrimination < 0:
        flags.append("negative_discrimination")
    elif discrimination is not None and discrimination < WEAK_DISCRIMINATION:
        flags.append("weak_discrimination")
    if effective_weight is None and discrimination is not None:
        flags.append("negative_effective_weight")
    if difficulty is None:
        flags.append("no_rasch_estimate")
    return flags


def analyse(scores: np.ndarray) -> dict:
    """`scores`: attempts × questions, fractions in [0, 1], NaN for unanswered."""
    x = np.nan_to_num(np.asarray(scores, dtype=float), nan=0.0)
    n, k = x.shape
    total = x.sum(1)
    item_mean = x.mean(0)
    ddof = 1 if n > 1 else 0
    item_var = x.var(0, ddof=ddof)
    rest = total[:, None] - x
    xc, rc = x - item_mean, rest - rest.mean(0)
    cov_rest = (xc * rc).sum(0) / max(n - 1, 1)
    sd_rest = rest.std(0, ddof=ddof)
    item_sd = np.sqrt(item_var)
    with np.errstate(divide="ignore", invalid="ignore"):
        discrimination = cov_rest / (item_sd * sd_rest)
        sorted_x, sorted_rest = np.sort(x, 0), np.sort(rest, 0)
        max_cov = ((sorted_x - item_mean) * (sorted_rest - rest.mean(0))).sum(0) / max(n - 1, 1)
        efficiency = cov_rest / max_cov
    cov_total = item_var + cov_rest
    roots = np.sqrt(np.clip(cov_total, 0, None))
    weights = roots / roots.sum() if roots.sum() > 0 else np.full(k, np.nan)
    difficulties, _abilities = rasch(x)
    items = []
    for i in range(k):
        weight = None if cov_total[i] < 0 else _none(weights[i])
        figures = ItemFigures(
            facility=float(item_mean[i]), sd=float(item_sd[i]), discrimination=_none(discrimination[i]),
            discriminative_efficiency=_none(efficiency[i]), effective_weight=weight, rasch_difficulty=_none(difficulties[i]), flags=[],
        )
        figures.flags = _flags(figures.facility, figures.discrimination, weight, figures.rasch_difficulty)
        items.append(figures)
    return {"test": _test_figures(total, k, item_var), "items": items, "rasch_method": RASCH_METHOD}


def read_csv(text: str) -> tuple[list[str], np.ndarray]:
    """A header of question names, then one row per attempt; a blank cell is unanswered."""
    header_line, _newline, body = text.replace("\r\n", "\n").partition("\n")
    header = [h.strip() for h in header_line.split(",")]
    if not header_line.strip():
        raise ValueError("the file is empty")
    body = "\n".join(line for line in body.split("\n") if line.strip())
    if not body:
        raise ValueError("the file has a header but no attempts")
    filled = re.sub(r"(?m)(?<=,)[ \t]*(?=,|$)|^[ \t]*(?=,)", "nan", body)  # blank cells: unanswered
    try:
        values = np.loadtxt(io.StringIO(filled), delimiter=",", dtype=float, ndmin=2)
    except ValueError as exc:
        raise ValueError(f"not a table of numbers: {exc}") from None
    if values.shape[1] != len(header):
        raise ValueError(f"the rows have {values.shape[1]} cells, the header {len(header)}")
    bad = ~np.isnan(values) & ((values < 0) | (values > 1))
    if bad.any():
        row, column = np.argwhere(bad)[0]
        raise ValueError(f"line {row + 2}, column {header[column]!r}: {values[row, column]} is outside [0, 1]")
    return header, values


# What each figure is called on the test's page (the dictionaries' keys are the API's names).
FIGURE_LABELS = {
    "attempts": gettext_lazy("Attempts"), "mean": gettext_lazy("Mean score"), "median": gettext_lazy("Median score"),
    "sd": gettext_lazy("Standard deviation"), "skewness": gettext_lazy("Skewness"), "kurtosis": gettext_lazy("Kurtosis"),
    "alpha": gettext_lazy("Cronbach's alpha"), "error_ratio": gettext_lazy("Error ratio"), "sem": gettext_lazy("Standard error of measurement"),
    "listeners": gettext_lazy("Listeners with both controls"), "pre_mean": gettext_lazy("Input control, mean"),
    "post_mean": gettext_lazy("Output control, mean"), "mean_difference": gettext_lazy("Mean difference"),
    "class_gain": gettext_lazy("Normalised gain of the group"), "mean_individual_gain": gettext_lazy("Mean individual gain"),
    "undefined_individual_gains": gettext_lazy("Listeners with a full input score"), "effect_size": gettext_lazy("Effect size (d)"),
}


def labelled(figures: Mapping[str, object] | None) -> list[tuple[str, object]]:
    return [(str(FIGURE_LABELS.get(name, name)), value) for name, value in (figures or {}).items()]


def gains(pre: np.ndarray, post: np.ndarray) -> dict[str, float | int | None]:
    """Input vs output control of the same listeners (fractions): mean paired difference,
    Hake's normalised gain of the class averages and the mean of individual gains (a listener
    with a perfect input score has no individual gain: counted apart), effect size d_z."""
    diff = post - pre
    pre_mean, post_mean = float(pre.mean()), float(post.mean())
    defined = pre < 1
    individual = (post[defined] - pre[defined]) / (1 - pre[defined])
    sd_diff = float(diff.std(ddof=1)) if diff.size > 1 else math.nan
    return {
        "listeners": int(diff.size), "pre_mean": pre_mean, "post_mean": post_mean, "mean_difference": float(diff.mean()),
        "class_gain": _none((post_mean - pre_mean) / (1 - pre_mean)) if pre_mean < 1 else None,
        "mean_individual_gain": _none(float(individual.mean())) if individual.size else None,
        "undefined_individual_gains": int((~defined).sum()),
        "effect_size": _none(float(diff.mean()) / sd_diff) if sd_diff and math.isfinite(sd_diff) else None,
    }
