"""Must show 2 of issue 23 (the test's half; `make bench BENCH=similarity` prints the figures
and the time): on generated Russian and Kazakh pairs with known copied spans, verbatim and
lightly disguised, detection reaches plagdet ≥ 0.90 with granularity ≤ 1.1, by PAN's measures."""

import random

from eacademy.library.similarity import detections, shared_passages, tokens
from tests.library.copies import pair
from tests.library.pan import Span, scores


def test_copies_are_found_with_pan_plagdet_of_at_least_0_9_and_granularity_of_at_most_1_1():
    rng = random.Random(23)
    cases, found = [], []
    for n in range(40):
        example = pair(rng, "ru" if n % 2 else "kk")
        offset = 10**7 * n  # every pair in a character space of its own
        for case in example.cases:
            cases.append(Span(case.start + offset, case.end + offset, case.source_start + offset, case.source_end + offset))
        for d in detections(shared_passages(tokens(example.suspicious), tokens(example.source))):
            found.append(Span(d.span[0] + offset, d.span[1] + offset, d.source_span[0] + offset, d.source_span[1] + offset))
    measured = scores(cases, found)
    assert measured["plagdet"] >= 0.90 and measured["granularity"] <= 1.1, measured


def test_the_scorer_follows_pan_s_definition():
    case = Span(0, 100, 0, 100)
    assert scores([case], [case]) == {"precision": 1.0, "recall": 1.0, "granularity": 1.0, "plagdet": 1.0}
    halves = [Span(0, 50, 0, 50), Span(50, 100, 50, 100)]
    split = scores([case], halves)
    assert split["granularity"] == 2 and split["precision"] == 1.0 and split["recall"] == 1.0
    assert abs(split["plagdet"] - 1 / 1.584962500721156) < 1e-9
    assert scores([case], [Span(200, 300, 200, 300)])["recall"] == 0.0
