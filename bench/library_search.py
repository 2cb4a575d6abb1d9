"""The library's search over 20,000 catalogue records (the demo's 3,000 and 17,000 more, in
Russian and Kazakh): a set of queries through the full-text index (stems, ranking, both
languages) against a plain scan of the titles for the queries' first words (`icontains`, no
morphology), in the same process and SQLite database."""

import random
import time

from bench.common import in_process_demo, report

BENCH = "library_search"
MORE = 17_000
QUERIES = ["преступления", "прокурорского надзора", "қылмыстық процесс", "досудебное расследование учебник", "цифровые доказательства",
           "сот сараптамасы", "коррупции противодействие", "криминалистика практикум", "финансовый мониторинг", "құқықтар"]
ROUNDS = 5
TOPICS = [("Уголовный процесс", "Қылмыстық процесс"), ("Прокурорский надзор", "Прокурорлық қадағалау"), ("Криминалистика", "Криминалистика"),
          ("Противодействие коррупции", "Сыбайлас жемқорлыққа қарсы іс-қимыл"), ("Досудебное расследование", "Сотқа дейінгі тергеп-тексеру"),
          ("Судебная экспертиза", "Сот сараптамасы"), ("Финансовый мониторинг", "Қаржы мониторингі"), ("Защита прав человека", "Адам құқықтарын қорғау")]


def main() -> None:
    with in_process_demo():
        _run()


def _run() -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from eacademy.core.models import User
    from eacademy.library import search
    from eacademy.library import services as catalogue
    from eacademy.library.models import Record

    rng = random.Random(5)
    forms = [("учебник", "оқулық"), ("курс лекций", "дәрістер курсы"), ("практикум", "практикум"), ("хрестоматия", "хрестоматия")]
    records = []
    for n in range(MORE):
        (ru, kk), (form_ru, form_kk) = rng.choice(TOPICS), rng.choice(forms)
        kazakh = n % 3 == 0
        records.append(Record(title=f"{kk}: {form_kk}, {n}-бөлім" if kazakh else f"{ru}: {form_ru}, часть {n}", language="kk" if kazakh else "ru",
                              summary=f"{ru}. {form_ru}", year=2000 + n % 26))
    catalogue.records_add(actor=User.objects.get(username="librarian"), records=records, reason="bench")

    def searched() -> int:
        return sum(search.find(q, search.Filters(), limit=20).total for q in QUERIES)

    def scanned() -> int:
        return sum(Record.objects.filter(title__icontains=q.split()[0]).count() + len(Record.objects.filter(title__icontains=q.split()[0])[:20])
                   for q in QUERIES)

    searched(), scanned()  # warm the caches alike
    started = time.perf_counter()
    for _ in range(ROUNDS):
        found = searched()
    index_time = time.perf_counter() - started
    started = time.perf_counter()
    for _ in range(ROUNDS):
        scanned()
    scan_time = time.perf_counter() - started
    with CaptureQueriesContext(connection) as one:
        search.find("преступления", search.Filters())
    with CaptureQueriesContext(connection) as three:
        search.find("досудебное расследование учебник", search.Filters())
    report(BENCH, "records", Record.objects.count(), "records", "informational", True)
    report(BENCH, "found_per_round", found, "hits", "informational", True)
    report(BENCH, "ms_per_query", 1000 * index_time / (ROUNDS * len(QUERIES)), "ms", "informational", True)
    report(BENCH, "index_to_title_scan", index_time / scan_time, "ratio", "<= 1.0", index_time / scan_time <= 1.0)
    report(BENCH, "queries_one_word", len(one), "queries", "<= 3", len(one) <= 3)
    report(BENCH, "queries_three_words", len(three), "queries", "<= 5", len(three) <= 5)
