"""Generated Russian and Kazakh text pairs with known copied spans, for measuring detection:
a source, and a suspicious text of its own words with passages of the source put in verbatim
or lightly disguised (neighbouring words swapped, Latin look-alike letters, words inserted)."""

import random
from dataclasses import dataclass

from tests.library.pan import Span

STEMS = {
    "ru": ["преступлени", "расследовани", "прокурор", "следовател", "доказательств", "задержани", "заявлени", "обвинени", "приговор",
           "надзор", "законност", "полномочи", "процессуальн", "уголовн", "досудебн", "подозреваем", "потерпевш", "свидетел", "защитник",
           "экспертиз", "протокол", "постановлени", "ходатайств", "обжаловани", "квалификаци", "реестр", "регистраци", "меропри", "сотрудник"],
    "kk": ["қылмыс", "тергеу", "прокурор", "тергеуші", "дәлел", "ұстау", "арыз", "айып", "үкім", "қадағала", "заңдылық", "өкілеттік",
           "іс", "күдікті", "жәбірленуші", "куә", "қорғаушы", "сараптама", "хаттама", "қаулы", "өтініш", "шағым", "саралау", "тізілім",
           "тіркеу", "қызметкер", "сот", "әділет", "өңір"],
}
ENDINGS = {"ru": ["е", "я", "ю", "ем", "ях", "ами", "ого", "ой", "ых", "ую", "ий", "ов"],
           "kk": ["", "ның", "ға", "ды", "да", "дан", "мен", "тар", "лар", "дың", "ті", "сі"]}
LOOK_ALIKE = str.maketrans("аеорсху", "aeopcxy")


def words_of(rng: random.Random, language: str, count: int) -> list[str]:
    return [rng.choice(STEMS[language]) + rng.choice(ENDINGS[language]) for _ in range(count)]


def text_of(rng: random.Random, words: list[str]) -> str:
    """Words as sentences of 8–15 words."""
    out, i = [], 0
    while i < len(words):
        n = rng.randint(8, 15)
        sentence = " ".join(words[i:i + n])
        out.append(sentence[:1].upper() + sentence[1:] + ".")
        i += n
    return " ".join(out)


def _disguise(rng: random.Random, words: list[str], language: str, how: str) -> list[str]:
    words = list(words)
    if how == "order":  # a few neighbouring words swapped
        for _ in range(max(1, len(words) // 15)):
            i = rng.randrange(1, len(words) - 2)
            words[i], words[i + 1] = words[i + 1], words[i]
    elif how == "look-alike":  # Latin letters drawn as Cyrillic ones
        words = [w.translate(LOOK_ALIKE) if rng.random() < 0.3 else w for w in words]
    elif how == "inserted":  # a word put in now and then
        for _ in range(max(1, len(words) // 12)):
            words.insert(rng.randrange(1, len(words) - 1), words_of(rng, language, 1)[0])
    return words


@dataclass
class Pair:
    suspicious: str
    source: str
    cases: list[Span]


def pair(rng: random.Random, language: str) -> Pair:
    source_words = words_of(rng, language, rng.randint(300, 600))
    source = text_of(rng, source_words)
    # the source's words with their character places (as written by _text)
    places, at = [], 0
    for word in source_words:
        at = source.lower().find(word, at)
        places.append((at, at + len(word)))
        at += len(word)
    pieces: list[tuple[str, tuple[int, int] | None]] = []
    for _ in range(rng.randint(1, 3)):
        pieces.append((text_of(rng, words_of(rng, language, rng.randint(40, 120))), None))
        length = rng.randint(25, 90)
        start = rng.randrange(0, len(source_words) - length)
        copied = _disguise(rng, source_words[start:start + length], language, rng.choice(["verbatim", "order", "look-alike", "inserted"]))
        pieces.append((" ".join(copied), (places[start][0], places[start + length - 1][1])))
    pieces.append((text_of(rng, words_of(rng, language, rng.randint(40, 120))), None))
    suspicious, cases = "", []
    for text, source_span in pieces:
        begin = len(suspicious) + (1 if suspicious else 0)
        suspicious = f"{suspicious} {text}" if suspicious else text
        if source_span is not None:
            cases.append(Span(begin, len(suspicious), *source_span))
    return Pair(suspicious, source, cases)
