"""The charts say no more than their data: a red line only where a target exists, and axis
labels that do not run into one another."""

import re

from eacademy.analytics.charts import bar_chart, line_chart


def _major_guide_colour(svg: str) -> str:
    return re.search(r"\.axis \.major\.guide\.line\{[^}]*stroke:(#[0-9a-f]+)", svg).group(1)


def test_a_red_line_is_drawn_only_for_a_target():
    assert _major_guide_colour(bar_chart("Trained", ["2024", "2025"], {"Trained": [1200, 1900]}, target=1750)) == "#c0392b"
    assert _major_guide_colour(bar_chart("Share", ["A", "B"], {"Share": [0.4, 0.7]}, percent=True)) == "#d0d4da"
    assert _major_guide_colour(line_chart("Index", ["2024", "2025"], {"Index": [0.5, 0.6]}, percent=True, range_=(0, 1))) == "#d0d4da"


def test_long_labels_are_slanted_and_short_ones_side_by_side():
    short = bar_chart("Trained", ["2023", "2024", "2025"], {"Trained": [1, 2, 3]})
    long = bar_chart("Index", [f"Противодействие коррупции: методика расследования {n}" for n in range(8)], {"Index": [0.5] * 8}, percent=True)
    assert "rotate(35" not in short and "rotate(35" in long
