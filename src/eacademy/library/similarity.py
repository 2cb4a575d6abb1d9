"""Similarity of written works by winnowing (Schleimer, Wilkerson, Aiken, "Winnowing: local
algorithms for document fingerprinting", SIGMOD 2003), written from its definition.

A text becomes normalised word tokens (lower case; Latin letters that look Cyrillic read as
Cyrillic, so "прeступление" with a Latin "e" is the same word; punctuation and digits'
formatting dropped; Kazakh letters kept). Every k consecutive tokens (a k-gram) are hashed;
in every window of w = t − k + 1 consecutive hashes the minimum is a fingerprint (the rightmost
one on a tie, and a position is taken once). Then (the paper's two guarantees):
- any passage of at least t tokens shared by two texts shares a fingerprint, so it is found;
- nothing shorter than k tokens is ever reported (a match is at least one whole k-gram).
Matches are the shared k-grams, confirmed token by token (a hash collision reports nothing),
grown while the tokens agree and merged into passages with character spans in both texts.

Why by hand: no maintained library does winnowing over our normalisation; the paper's sample
code has two known bugs (its author's errata), so this follows the definition instead."""

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field

# Latin letters drawn like Cyrillic ones, read as those (a "look-alike" substitution hides nothing).
LOOK_ALIKES = str.maketrans("aeopcxyKkMHTBmht", "аеорсхуккмнтвмнт")
WORD = re.compile(r"[^\W\d_]+|\d+", re.UNICODE)


@dataclass(frozen=True)
class Token:
    text: str
    start: int  # character span in the original text
    end: int


def tokens(text: str) -> list[Token]:
    """The text's words, normalised, each with its place in the original."""
    return [Token(m.group().lower().translate(LOOK_ALIKES).replace("ё", "е"), m.start(), m.end()) for m in WORD.finditer(text)]


def _hash(words: list[str]) -> int:
    return int.from_bytes(hashlib.blake2b("\x1f".join(words).encode(), digest_size=8).digest())


def fingerprints(words: list[str], k: int, t: int) -> dict[int, list[int]]:
    """Winnowing: hash → the token positions of the k-grams selected as fingerprints."""
    if t < k:
        raise ValueError("the guarantee threshold t is at least the noise threshold k")
    hashes = [_hash(words[i:i + k]) for i in range(len(words) - k + 1)]
    if not hashes:
        return {}
    window = t - k + 1
    selected: dict[int, list[int]] = {}
    last = -1
    for start in range(max(1, len(hashes) - window + 1)):
        frame = hashes[start:start + window]
        low = min(frame)
        position = start + max(i for i, h in enumerate(frame) if h == low)  # the rightmost minimum
        if position != last:
            selected.setdefault(low, []).append(position)
            last = position
    return selected


@dataclass(frozen=True)
class Passage:
    """A passage two texts share: token ranges [start, end) in each, and their character spans."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    a_span: tuple[int, int]
    b_span: tuple[int, int]

    @property
    def length(self) -> int:
        return self.a_end - self.a_start


def shared_passages(a: list[Token], b: list[Token], *, k: int = 5, t: int = 8, a_prints: dict[int, list[int]] | None = None,
                    b_prints: dict[int, list[int]] | None = None) -> list[Passage]:
    """The passages of at least k tokens that `a` and `b` share, found through their
    fingerprints and grown to their full length. `a_prints`, `b_prints` save recomputing them
    (a work compared with many sources)."""
    a_words, b_words = [x.text for x in a], [x.text for x in b]
    mine = a_prints if a_prints is not None else fingerprints(a_words, k, t)
    theirs = b_prints if b_prints is not None else fingerprints(b_words, k, t)
    runs: set[tuple[int, int, int]] = set()  # (offset b − a, start in a, end in a)
    for value, positions in mine.items():
        for i in positions:
            for j in theirs.get(value, ()):
                if a_words[i:i + k] != b_words[j:j + k]:
                    continue  # a hash collision
                start, other = i, j
                while start > 0 and other > 0 and a_words[start - 1] == b_words[other - 1]:
                    start, other = start - 1, other - 1
                end = i + k
                while end < len(a_words) and end + (j - i) < len(b_words) and a_words[end] == b_words[end + (j - i)]:
                    end += 1
                runs.add((j - i, start, end))
    passages = []
    for offset, start, end in sorted(runs, key=lambda r: (r[1], r[0])):
        passages.append(Passage(start, end, start + offset, end + offset, (a[start].start, a[end - 1].end),
                                (b[start + offset].start, b[end + offset - 1].end)))
    return passages


def covered(passages: list[Passage], total: int) -> float:
    """The share of a text's tokens (of `total`) inside any shared passage."""
    marked: set[int] = set()
    for passage in passages:
        marked.update(range(passage.a_start, passage.a_end))
    return len(marked) / total if total else 0.0


@dataclass(frozen=True)
class Detection:
    """A reported copy: a character span in the checked text and its source's span."""

    span: tuple[int, int]
    source_span: tuple[int, int]


def detections(passages: list[Passage], *, gap: int = 10) -> list[Detection]:
    """Passages merged into reported copies: neighbours a few tokens apart in both texts, in the
    same order, are one copy (a word inserted, two words swapped or a synonym breaks the exact
    match into pieces, not the copy)."""
    merged: list[list[Passage]] = []
    for passage in sorted(passages, key=lambda p: (p.a_start, p.b_start)):
        if merged:
            last = merged[-1][-1]
            if passage.a_start - last.a_end <= gap and -gap <= passage.b_start - last.b_end <= gap:
                merged[-1].append(passage)
                continue
        merged.append([passage])
    return [Detection((min(p.a_span[0] for p in group), max(p.a_span[1] for p in group)),
                      (min(p.b_span[0] for p in group), max(p.b_span[1] for p in group))) for group in merged]


@dataclass
class Match:
    source: str
    passages: list[Passage]


@dataclass
class Index:
    """A collection's fingerprints (hash → the texts holding it) and its texts, to check a work
    against: the sources sharing most fingerprints with it are compared passage by passage."""

    k: int = 5
    t: int = 8
    postings: dict[int, list[str]] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)

    def add(self, key: str, text: str) -> None:
        self.texts[key] = text
        for value in fingerprints([x.text for x in tokens(text)], self.k, self.t):
            self.postings.setdefault(value, []).append(key)

    def check(self, text: str, *, candidates: int = 20) -> tuple[float, list[Match]]:
        """The share of the work's words found in the collection, and the passages by source."""
        work = tokens(text)
        prints = fingerprints([x.text for x in work], self.k, self.t)
        shared = Counter(key for value in prints for key in set(self.postings.get(value, ())))
        matches = []
        for key, _count in shared.most_common(candidates):
            passages = shared_passages(work, tokens(self.texts[key]), k=self.k, t=self.t, a_prints=prints)
            if passages:
                matches.append(Match(key, passages))
        return covered([p for m in matches for p in m.passages], len(work)), matches
