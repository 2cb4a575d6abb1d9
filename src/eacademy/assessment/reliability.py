"""How far the experts' ratings can be trusted: our own code on NumPy arrays.

- ICC, the six McGraw & Wong forms (Shrout & Fleiss's ICC1, 2, 3) from the ANOVA of a targets ×
  raters matrix: ICC(1,1) one-way (raters differ per target), ICC(A,1) absolute agreement,
  ICC(C,1) consistency, single measures, and ICC(1,k), ICC(A,k), ICC(C,k), average measures. Targets with a
  missing rating are set aside (listwise), as pingouin's `nan_policy="omit"` does.
- Krippendorff's alpha for ordinal ratings from the raters × units reliability matrix, missing
  ratings allowed (units with fewer than two ratings do not count).
- Calibration: each expert's mean difference from the other experts on the same items.

Interpretation bands: ICC after Koo & Li (2016); alpha after Krippendorff (2004)."""

import math
from dataclasses import dataclass

import numpy as np

ICC_FORMS = ("ICC(1,1)", "ICC(A,1)", "ICC(C,1)", "ICC(1,k)", "ICC(A,k)", "ICC(C,k)")
CALIBRATION_FLAG = 0.5  # an expert half a level or more above or below the others on average


@dataclass(frozen=True)
class ICC:
    form: str
    value: float
    targets: int  # complete targets used
    raters: int


def icc(matrix: np.ndarray) -> dict[str, ICC]:
    """The six ICC forms of a targets × raters matrix (NaN: missing); NaN values when fewer than
    two complete targets or raters remain, or the targets do not vary."""
    data = np.asarray(matrix, dtype=float)
    data = data[~np.isnan(data).any(axis=1)]
    n, k = data.shape if data.ndim == 2 else (0, 0)
    if n < 2 or k < 2:
        return {form: ICC(form, math.nan, n, k) for form in ICC_FORMS}
    grand = data.mean()
    row_means, column_means = data.mean(axis=1), data.mean(axis=0)
    ss_rows = k * float(((row_means - grand) ** 2).sum())
    ss_columns = n * float(((column_means - grand) ** 2).sum())
    ss_total = float(((data - grand) ** 2).sum())
    ms_rows = ss_rows / (n - 1)
    ms_columns = ss_columns / (k - 1)
    ms_error = (ss_total - ss_rows - ss_columns) / ((n - 1) * (k - 1))
    ms_within = (ss_total - ss_rows) / (n * (k - 1))

    def ratio(numerator: float, denominator: float) -> float:
        return numerator / denominator if denominator else math.nan

    values = {
        "ICC(1,1)": ratio(ms_rows - ms_within, ms_rows + (k - 1) * ms_within),
        "ICC(A,1)": ratio(ms_rows - ms_error, ms_rows + (k - 1) * ms_error + k * (ms_columns - ms_error) / n),
        "ICC(C,1)": ratio(ms_rows - ms_error, ms_rows + (k - 1) * ms_error),
        "ICC(1,k)": ratio(ms_rows - ms_within, ms_rows),
        "ICC(A,k)": ratio(ms_rows - ms_error, ms_rows + (ms_columns - ms_error) / n),
        "ICC(C,k)": ratio(ms_rows - ms_error, ms_rows),
    }
    return {form: ICC(form, value, n, k) for form, value in values.items()}


def icc_band(value: float) -> str:
    """Koo & Li (2016): below 0.5 poor, to 0.75 moderate, to 0.9 good, above excellent."""
    if math.isnan(value):
        return "none"
    return "poor" if value < 0.5 else "moderate" if value < 0.75 else "good" if value < 0.9 else "excellent"


def alpha_ordinal(matrix: np.ndarray) -> float:
    """Krippendorff's alpha, ordinal metric, of a raters × units matrix (NaN: missing rating).

    Coincidences o_ck count, in each unit with m ≥ 2 ratings, the ordered pairs of ratings c, k
    from different raters, each weighted 1/(m-1); n_c are their margins. The ordinal distance
    between values c ≤ k is (n_c/2 + the n_g strictly between + n_k/2)²; alpha is 1 - D_o/D_e."""
    data = np.asarray(matrix, dtype=float)
    if data.ndim != 2:
        return math.nan
    values = np.unique(data[~np.isnan(data)])
    if values.size < 2:
        return math.nan
    index = {value: i for i, value in enumerate(values)}
    coincidences = np.zeros((values.size, values.size))
    for unit in data.T:
        rated = unit[~np.isnan(unit)]
        m = rated.size
        if m < 2:
            continue
        counts = np.zeros(values.size)
        for value in rated:
            counts[index[value]] += 1
        coincidences += (np.outer(counts, counts) - np.diag(counts)) / (m - 1)
    margins = coincidences.sum(axis=0)
    total = margins.sum()
    if total <= 1:
        return math.nan
    cumulative = np.cumsum(margins)
    # distance between values i ≤ j: sum of n_g for g in i..j, less half of n_i and of n_j
    between = cumulative[None, :] - cumulative[:, None] + margins[:, None]
    distance = (between - (margins[:, None] + margins[None, :]) / 2) ** 2
    distance = np.triu(distance) + np.triu(distance, 1).T
    observed = float((coincidences * distance).sum())
    expected = float((np.outer(margins, margins) * distance).sum()) / (total - 1)
    return 1.0 - observed / expected if expected else math.nan


def alpha_band(value: float) -> str:
    """Krippendorff: from 0.800 reliable, from 0.667 for tentative conclusions only, below unreliable."""
    if math.isnan(value):
        return "none"
    return "reliable" if value >= 0.8 else "tentative" if value >= 0.667 else "unreliable"


@dataclass(frozen=True)
class Leniency:
    expert: str
    items: int  # items rated by him and by at least one other expert
    difference: float  # his rating less the others' mean, averaged over the items
    flagged: bool


def calibration(ratings: list[tuple[str, str, float]]) -> list[Leniency]:
    """(expert, item, rating) → each expert's mean difference from the other experts' mean on the
    items they share; positive: he rates higher. Flagged from CALIBRATION_FLAG levels; sorted
    from the most lenient."""
    by_item: dict[str, dict[str, float]] = {}
    for expert, item, value in ratings:
        by_item.setdefault(item, {})[expert] = value
    differences: dict[str, list[float]] = {}
    for rated in by_item.values():
        if len(rated) < 2:
            continue
        total = sum(rated.values())
        for expert, value in rated.items():
            others = (total - value) / (len(rated) - 1)
            differences.setdefault(expert, []).append(value - others)
    report = [Leniency(expert, len(values), float(np.mean(values)), abs(float(np.mean(values))) >= CALIBRATION_FLAG)
              for expert, values in differences.items()]
    return sorted(report, key=lambda leniency: (-leniency.difference, leniency.expert))
