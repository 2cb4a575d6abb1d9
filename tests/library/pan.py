"""PAN's measures of plagiarism detection (Potthast, Stein, Barrón-Cedeño, Rosso, "An Evaluation
Framework for Plagiarism Detection", COLING 2010), written from their definitions: a case and a
detection are each a set of characters in the suspicious and in the source document; a
detection detects a case when they share characters in both."""

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    """Characters [start, end) of the suspicious document and [source_start, source_end) of the source."""

    start: int
    end: int
    source_start: int
    source_end: int

    def characters(self) -> set[tuple[str, int]]:
        return {("d", i) for i in range(self.start, self.end)} | {("s", i) for i in range(self.source_start, self.source_end)}


def _detects(r: Span, s: Span) -> bool:
    return r.start < s.end and s.start < r.end and r.source_start < s.source_end and s.source_start < r.source_end


def scores(cases: list[Span], found: list[Span]) -> dict[str, float]:
    """Macro precision and recall, granularity and plagdet = F1 / log2(1 + granularity)."""
    shared = {(i, j): cases[i].characters() & found[j].characters() if _detects(found[j], cases[i]) else set()
              for i in range(len(cases)) for j in range(len(found))}
    precision = (sum(len(set().union(*(shared[i, j] for i in range(len(cases))))) / len(found[j].characters()) for j in range(len(found)))
                 / len(found)) if found else 0.0
    recall = (sum(len(set().union(*(shared[i, j] for j in range(len(found))))) / len(cases[i].characters()) for i in range(len(cases)))
              / len(cases)) if cases else 0.0
    detected = [i for i in range(len(cases)) if any(shared[i, j] for j in range(len(found)))]
    granularity = sum(sum(1 for j in range(len(found)) if shared[i, j]) for i in detected) / len(detected) if detected else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "granularity": granularity, "plagdet": f1 / math.log2(1 + granularity)}
