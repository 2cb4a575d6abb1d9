"""Must show 1 of issue 23: winnowing's guarantee as a property. Whatever two random Russian or
Kazakh texts are, a passage of at least t tokens put into both is reported, and every reported
match is at least k tokens long and truly shared, token by token."""

from hypothesis import given, settings
from hypothesis import strategies as st

from eacademy.library.similarity import Index, covered, shared_passages, tokens

K, T = 5, 8
RUSSIAN = ["преступление", "уголовное", "дело", "прокурор", "следователь", "расследование", "досудебное", "заявление", "рапорт", "задержание", "подозреваемый", "обвиняемый", "суд", "приговор", "кодекс", "статья", "часть", "порядок", "срок", "регистрация", "реестр", "надзор", "законность", "доказательство"]
KAZAKH = ["қылмыс", "іс", "прокурор", "тергеуші", "тергеу", "сотқа", "дейінгі", "арыз", "баянат", "ұстау", "күдікті", "айыпталушы", "сот", "үкім", "кодекс", "бап", "бөлік", "тәртіп", "мерзім", "тіркеу", "тізілім", "қадағалау", "заңдылық", "дәлел", "әділет", "өңір"]
words = st.sampled_from(RUSSIAN + KAZAKH)


@settings(max_examples=150, deadline=None)
@given(first=st.lists(words, max_size=120), second=st.lists(words, max_size=120), passage=st.lists(words, min_size=T, max_size=40),
       cut_a=st.integers(0, 120), cut_b=st.integers(0, 120))
def test_a_shared_passage_of_t_tokens_is_always_found_and_nothing_shorter_than_k_is_reported(first, second, passage, cut_a, cut_b):
    a_words = first[:cut_a] + passage + first[cut_a:]
    b_words = second[:cut_b] + passage + second[cut_b:]
    a, b = tokens(" ".join(a_words)), tokens(". ".join(b_words))  # punctuation does not matter
    found = shared_passages(a, b, k=K, t=T)
    start = min(cut_a, len(first))
    inserted = set(range(start, start + len(passage)))
    assert any(inserted & set(range(p.a_start, p.a_end)) for p in found)
    for p in found:
        assert p.length >= K
        assert [x.text for x in a[p.a_start:p.a_end]] == [x.text for x in b[p.b_start:p.b_end]]


def test_look_alike_letters_case_and_punctuation_do_not_hide_a_copy():
    original = "Досудебное расследование начинается с регистрации заявления в Едином реестре досудебных расследований."
    disguised = "ДОСУДЕБНОЕ рaсследoвание (начинается) с регистрaции заявления — в Едином реестре досудебных расследований!"
    a, b = tokens(original), tokens(disguised)
    found = shared_passages(a, b, k=K, t=T)
    assert covered(found, len(a)) == 1.0
    assert disguised[found[0].b_span[0]:found[0].b_span[1]].startswith("ДОСУДЕБНОЕ")


def test_unrelated_texts_share_nothing():
    a = tokens("Қылмыстық іс бойынша сотқа дейінгі тергеу тізілімде тіркелген кезден басталады.")
    b = tokens("Курс завершён при выполнении всех обязательных элементов и сдаче итоговой аттестации.")
    assert shared_passages(a, b, k=K, t=T) == [] and covered([], len(a)) == 0.0


def test_a_work_is_checked_against_a_collection_and_its_sources_named():
    collection = Index()
    collection.add("article-1", "Прокурор осуществляет высший надзор за соблюдением законности в деятельности органов досудебного расследования.")
    collection.add("article-2", "Қылмыстық іс бойынша сотқа дейінгі тергеу тізілімде тіркелген кезден басталады және заңмен белгіленген мерзімде жүргізіледі.")
    collection.add("article-3", "Курс завершён при выполнении всех обязательных элементов.")
    work = ("Во введении отмечено, что прокурор осуществляет высший надзор за соблюдением законности в деятельности органов "
            "досудебного расследования, а далее рассмотрены собственные выводы автора о практике.")
    share, matches = collection.check(work)
    assert [m.source for m in matches] == ["article-1"] and 0.4 < share < 0.8
    assert work[matches[0].passages[0].a_span[0]:].startswith("прокурор осуществляет")
