"""The library's search, one interface over two engines: SQLite's FTS5 in the embedded mode,
PostgreSQL's full-text search in production.

Both index the same stems (`stemming`: Snowball for Russian, our own for Kazakh), so both
answer a query with the same records; each ranks by its own measure (FTS5's BM25, PostgreSQL's
ts_rank), with the title weighing more than the rest and the id breaking ties. A query word is
matched by its Russian or its Kazakh stem (a query does not say its language); every word must
match. A word matching nothing is replaced by the nearest indexed word (one edit for short
words, two for long ones), and the answer says so."""

from dataclasses import dataclass, field

from django.db import connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from rapidfuzz.distance import Levenshtein

from eacademy.library import stemming
from eacademy.library.models import SearchEntry

# Raw SQL below: the names are these constants, every value a parameter.
_FTS = "library_search_fts"
_VOCABULARY = "library_search_vocabulary"
_PG_DOCUMENT = "to_tsvector('simple'::regconfig, title_terms || ' ' || body_terms)"


def install(using: BaseDatabaseWrapper) -> None:
    """The engine's index over the entries, made once (after every migrate; idempotent)."""
    with using.cursor() as cursor:
        if using.vendor == "sqlite":
            cursor.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS {_FTS} USING fts5(title_terms, body_terms, content='library_searchentry', "
                           "content_rowid='id', tokenize='unicode61 remove_diacritics 0')")
            cursor.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS {_VOCABULARY} USING fts5vocab({_FTS}, 'row')")
            # The entry table's triggers keep the index in step, whatever writes it (a bulk create, a flush).
            cursor.execute(f"CREATE TRIGGER IF NOT EXISTS library_search_added AFTER INSERT ON library_searchentry BEGIN "  # noqa: S608
                           f"INSERT INTO {_FTS}(rowid, title_terms, body_terms) VALUES (new.id, new.title_terms, new.body_terms); END")
            cursor.execute(f"CREATE TRIGGER IF NOT EXISTS library_search_removed AFTER DELETE ON library_searchentry BEGIN "  # noqa: S608
                           f"INSERT INTO {_FTS}({_FTS}, rowid, title_terms, body_terms) VALUES ('delete', old.id, old.title_terms, old.body_terms); END")
            cursor.execute(f"CREATE TRIGGER IF NOT EXISTS library_search_changed AFTER UPDATE ON library_searchentry BEGIN "  # noqa: S608
                           f"INSERT INTO {_FTS}({_FTS}, rowid, title_terms, body_terms) VALUES ('delete', old.id, old.title_terms, old.body_terms); "
                           f"INSERT INTO {_FTS}(rowid, title_terms, body_terms) VALUES (new.id, new.title_terms, new.body_terms); END")
        elif using.vendor == "postgresql":
            cursor.execute(f"CREATE INDEX IF NOT EXISTS library_search_document ON library_searchentry USING gin ({_PG_DOCUMENT})")


def terms(text: str, language: str) -> str:
    return " ".join(stemming.stems(text, language))


@dataclass(frozen=True)
class Filters:
    kind: str = ""  # SearchEntry.Kind, or both
    language: str = ""
    year_from: int | None = None
    year_to: int | None = None
    access: tuple[str, ...] = ("open",)  # what the reader may see


@dataclass
class Results:
    hits: list[tuple[str, int]]  # (kind, object id), best first
    total: int
    words: list[str]  # the query's words as searched (corrected where needed)
    corrected: bool = False
    stems: set[str] = field(default_factory=set)


def _conditions(filters: Filters) -> tuple[str, list[str | int]]:
    sql: list[str] = [f"e.access IN ({', '.join(['%s'] * len(filters.access))})"]
    params: list[str | int] = list(filters.access)
    for column, value in (("e.kind", filters.kind), ("e.language", filters.language)):
        if value:
            sql.append(f"{column} = %s")
            params.append(value)
    if filters.year_from is not None:
        sql.append("e.year >= %s")
        params.append(filters.year_from)
    if filters.year_to is not None:
        sql.append("e.year <= %s")
        params.append(filters.year_to)
    return " AND ".join(sql), params


def _match(groups: list[set[str]], filters: Filters, limit: int, offset: int) -> tuple[list[tuple[str, int]], int]:
    where, params = _conditions(filters)
    if connection.vendor == "postgresql":
        query = " & ".join("(" + " | ".join(sorted(g)) + ")" for g in groups)
        rank = ("ts_rank(setweight(to_tsvector('simple'::regconfig, e.title_terms), 'A') || "
                "setweight(to_tsvector('simple'::regconfig, e.body_terms), 'D'), q)")
        base = f"FROM library_searchentry e, to_tsquery('simple'::regconfig, %s) q WHERE {_PG_DOCUMENT.replace('title_terms', 'e.title_terms').replace('body_terms', 'e.body_terms')} @@ q AND {where}"
        select = f"SELECT e.kind, e.object_id {base} ORDER BY {rank} DESC, e.id LIMIT %s OFFSET %s"
    else:
        query = " AND ".join("(" + " OR ".join(f'"{s}"' for s in sorted(g)) + ")" for g in groups)
        base = f"FROM {_FTS} f JOIN library_searchentry e ON e.id = f.rowid WHERE {_FTS} MATCH %s AND {where}"
        select = f"SELECT e.kind, e.object_id {base} ORDER BY bm25({_FTS}, 10.0, 1.0), e.id LIMIT %s OFFSET %s"
    with connection.cursor() as cursor:
        cursor.execute(select, [query, *params, limit, offset])
        hits = [(kind, object_id) for kind, object_id in cursor.fetchall()]
        cursor.execute(f"SELECT COUNT(*) {base}", [query, *params])
        total = cursor.fetchone()[0]
    return hits, total


def _vocabulary(low: int, high: int) -> list[str]:
    """The indexed stems of a length in [low, high]."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT word FROM ts_stat('SELECT to_tsvector(''simple''::regconfig, title_terms || '' '' || body_terms) "
                           "FROM library_searchentry') WHERE length(word) BETWEEN %s AND %s", [low, high])
        else:
            cursor.execute(f"SELECT term FROM {_VOCABULARY} WHERE length(term) BETWEEN %s AND %s", [low, high])  # noqa: S608
        return [row[0] for row in cursor.fetchall()]


def _indexed(stems: set[str]) -> bool:
    with connection.cursor() as cursor:
        marks = ", ".join(["%s"] * len(stems))
        if connection.vendor == "postgresql":
            cursor.execute("SELECT 1 FROM library_searchentry e WHERE " + _PG_DOCUMENT.replace("title_terms", "e.title_terms").replace("body_terms", "e.body_terms")  # noqa: S608
                           + " @@ to_tsquery('simple'::regconfig, %s) LIMIT 1", [" | ".join(sorted(stems))])
        else:
            cursor.execute(f"SELECT 1 FROM {_VOCABULARY} WHERE term IN ({marks}) LIMIT 1", sorted(stems))  # noqa: S608
        return cursor.fetchone() is not None


def _nearest(stems: set[str]) -> str | None:
    """The indexed stem closest to any of the word's stems, if it is close enough."""
    best: tuple[int, str] | None = None
    for stem in stems:
        allowed = 1 if len(stem) <= 5 else 2
        for candidate in _vocabulary(len(stem) - allowed, len(stem) + allowed):
            distance = Levenshtein.distance(stem, candidate, score_cutoff=allowed)
            if distance <= allowed and (best is None or (distance, candidate) < best):
                best = (distance, candidate)
    return best[1] if best else None


def find(text: str, filters: Filters, *, limit: int = 20, offset: int = 0) -> Results:
    words = [m.group() for m in stemming.WORD.finditer(text)][:12]
    groups, shown, corrected = [], [], False
    for word in words:
        stems = stemming.query_stems(word)
        if not _indexed(stems):
            nearest = _nearest(stems)
            if nearest is None:
                return Results([], 0, words)
            stems, word, corrected = {nearest}, nearest, True
        groups.append(stems)
        shown.append(word)
    if not groups:
        return Results([], 0, words)
    hits, total = _match(groups, filters, limit, offset)
    if corrected and not total:  # the word it was read as is in nothing this reader may see: not shown either
        return Results([], 0, words)
    return Results(hits, total, shown, corrected, set().union(*groups))


def highlighted(text: str, stems: set[str], language: str) -> SafeString:
    """The text, escaped, with the words the query found marked."""
    out, last = [], 0
    for m in stemming.WORD.finditer(text):
        word = stemming.normalised(m.group())
        if stemming.stem(word, language) in stems or stemming.query_stems(word) & stems:
            out.append(escape(text[last:m.start()]) + "<mark>" + escape(m.group()) + "</mark>")
            last = m.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 -- every piece is escaped above


def snippet(text: str, stems: set[str], language: str, *, width: int = 240) -> SafeString:
    """A piece of a long text around its first found word, highlighted."""
    for m in stemming.WORD.finditer(text):
        if stemming.stem(stemming.normalised(m.group()), language) in stems:
            start = max(0, m.start() - width // 3)
            piece = text[start:start + width]
            return highlighted(("…" if start else "") + piece + ("…" if start + width < len(text) else ""), stems, language)
    return highlighted(text[:width] + ("…" if len(text) > width else ""), stems, language)


def entry(kind: str, object_id: int, *, titles: list[tuple[str, str]], bodies: list[tuple[str, str]], language: str,
          year: int | None, access: str = "open") -> SearchEntry:
    """One record's or work's entry: its titles and the rest, each (text, language), as stems."""
    return SearchEntry(kind=kind, object_id=object_id, title_terms=" ".join(terms(t, lang) for t, lang in titles),
                       body_terms=" ".join(terms(b, lang) for b, lang in bodies), language=language, year=year, access=access)


def entry_save(row: SearchEntry) -> None:
    """Index (or re-index) one record or work."""
    SearchEntry.objects.update_or_create(kind=row.kind, object_id=row.object_id, defaults={
        field: getattr(row, field) for field in ("title_terms", "body_terms", "language", "year", "access")})


def entries_add(rows: list[SearchEntry]) -> None:
    """Index many new records at once (a MARC import, the demo)."""
    SearchEntry.objects.bulk_create(rows, batch_size=500)
