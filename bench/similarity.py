"""Must show 2 of issue 23: detection quality by PAN's measures on generated ru/kk pairs with
known copied spans, and the time to check a 100-page dissertation (30,000 words) against a
repository of 10,000 documents (800 words each), with the repository's fingerprints indexed;
the time is also given as a ratio to reading the dissertation once (tokenising and
fingerprinting it), measured in the same process."""

import random
import time

from tests.library.copies import pair, text_of, words_of
from tests.library.pan import Span, scores

from bench.common import in_process_demo, report
from eacademy.library.similarity import Index, detections, fingerprints, shared_passages, tokens

BENCH = "similarity"
DOCUMENTS, DOCUMENT_WORDS, DISSERTATION_WORDS = 10_000, 800, 30_000


def quality() -> dict[str, float]:
    rng = random.Random(2023)
    cases, found = [], []
    for n in range(100):
        example = pair(rng, "ru" if n % 2 else "kk")
        offset = 10**7 * n
        cases += [Span(c.start + offset, c.end + offset, c.source_start + offset, c.source_end + offset) for c in example.cases]
        found += [Span(d.span[0] + offset, d.span[1] + offset, d.source_span[0] + offset, d.source_span[1] + offset)
                  for d in detections(shared_passages(tokens(example.suspicious), tokens(example.source)))]
    return scores(cases, found)


def main() -> None:
    measured = quality()
    report(BENCH, "precision", measured["precision"], "ratio", "informational", True)
    report(BENCH, "recall", measured["recall"], "ratio", "informational", True)
    report(BENCH, "granularity", measured["granularity"], "ratio", "<= 1.1", measured["granularity"] <= 1.1)
    report(BENCH, "plagdet", measured["plagdet"], "ratio", ">= 0.90", measured["plagdet"] >= 0.90)

    rng = random.Random(7)
    index = Index()
    for n in range(DOCUMENTS):
        index.add(f"doc-{n}", text_of(rng, words_of(rng, "ru" if n % 2 else "kk", DOCUMENT_WORDS)))
    # the dissertation: its own words, with passages of five repository documents in it
    parts = [text_of(rng, words_of(rng, "ru", DISSERTATION_WORDS // 6)) for _ in range(6)]
    for n, key in enumerate(rng.sample(sorted(index.texts), 5)):
        parts.insert(2 * n + 1, index.texts[key][:1500])
    dissertation = " ".join(parts)
    started = time.perf_counter()
    fingerprints([x.text for x in tokens(dissertation)], index.k, index.t)
    baseline = time.perf_counter() - started
    started = time.perf_counter()
    share, matches = index.check(dissertation)
    elapsed = time.perf_counter() - started
    report(BENCH, "sources_found_of_5", len([m for m in matches if sum(p.length for p in m.passages) >= 100]), "sources", ">= 5",
           len([m for m in matches if sum(p.length for p in m.passages) >= 100]) >= 5)
    report(BENCH, "similarity_percent", 100 * share, "%", "informational", True)
    report(BENCH, "seconds_per_100_page_dissertation", elapsed, "s", "informational", True)
    report(BENCH, "check_to_reading_once", elapsed / baseline, "ratio", "<= 10", elapsed / baseline <= 10)
    with in_process_demo():
        stored(index, dissertation, elapsed)


def stored(index: Index, dissertation: str, in_memory: float) -> None:
    """The same check as the application runs it: the collection's fingerprints in the
    database (SQLite), the report written; against the in-memory index's time above."""
    from django.contrib.auth import get_user_model

    from eacademy.library.models import CheckMatch
    from eacademy.library.services import honesty

    for key, text in index.texts.items():
        honesty.document_put(key=key, title=key, text=text)
    actor = get_user_model().objects.get(username="lecturer")
    started = time.perf_counter()
    result = honesty.check(actor=actor, key="bench:dissertation", title="Диссертация", text=dissertation)
    elapsed = time.perf_counter() - started
    sources = CheckMatch.objects.filter(check_run=result, source__key__startswith="doc-").values("source").distinct().count()
    report(BENCH, "stored_sources_found_of_5", sources, "sources", ">= 5", sources >= 5)
    report(BENCH, "stored_seconds_per_100_page_dissertation", elapsed, "s", "informational", True)
    report(BENCH, "stored_check_to_in_memory_check", elapsed / in_memory, "ratio", "<= 5", elapsed / in_memory <= 5)


if __name__ == "__main__":
    main()
