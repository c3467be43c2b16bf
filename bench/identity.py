"""Entity identity at corpus scale: one film per real film, one person per real person (issue 17).

    .venv/bin/python bench/identity.py [--data ../shared/data] [--limit N] [--db PATH] [--json]
    .venv/bin/python bench/identity.py --check-gold   # every gold name occurs in the data

Every record of wikipedia-movie-data/movies_dev.jsonl with an ``extract`` is written, as it
is, to one JSONL corpus and ingested into one fresh store (``text_field="extract"``). A
document's path ``<corpus>#L<n>`` names its record. Then:

(a) titles shared by records of different years: a group passes when every record's document
    is linked to a film of the record's year and records of different years are different
    films; records of one page (href) at most two years apart are one film, of either
    year.                                                                      goal >= 0.98
(b) records whose document's film has the record's year (or its one-page twin's). goal >= 0.99
(c) person identity against bench/identity_gold.json: a gold name's entity is the person
    whose key or alias key is name_key(name) (the one with the most claims when several);
    pairs within a gold group should be one entity, the listed pairs of different people
    (and every variant of either) should not.
        precision = merged pairs that are truly one person / merged pairs     goal >= 0.99
        recall    = truly-same pairs merged / truly-same pairs                goal >= 0.95
    A name the store does not know splits every pair it is in.
(d) entity counts by type, and "films" whose title is only digits and punctuation ("76",
    "1874-1911"): all, and those no record is titled (want 0; "1917" is a film).

The naive baseline beside it needs no second ingest: one film per exact title (its year the
first record's), one person per exact name_key (every gold name taken as known).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from itertools import combinations, product
from pathlib import Path
from typing import Any, NamedTuple

from sqlalchemy import func, or_, select

import backtrace
from backtrace.keys import name_key
from backtrace.store.schema import aliases, claims, documents, entities

ROOT = Path(__file__).resolve().parents[1]
GOLD = Path(__file__).resolve().parent / "identity_gold.json"
SOURCE = Path("wikipedia-movie-data") / "movies_dev.jsonl"
GOALS = {"a_title_groups": 0.98, "b_record_year": 0.99, "c_precision": 0.99, "c_recall": 0.95}
_LINE = re.compile(r"#L(\d+)$")
_NOT_A_TITLE = re.compile(r"^[\W\d_]+$")


# Records of one title and one page (href) listed under years this close are one film (its
# festival and its release year, read in every such pair of the dev data); further apart,
# the page is a remake's link to the original's article.
SAME_PAGE_YEARS = 2


class Record(NamedTuple):
    title: str
    year: int | None
    page: str = ""  # the record's href: the article it is


Link = tuple[int | None, int | None]  # (film id, film year) a record's document is linked to


# -- the corpus --------------------------------------------------------------------------
def write_corpus(source: Path, out: Path, limit: int = 0) -> tuple[list[Record], list[int]]:
    """Copy the records with an extract to ``out`` byte for byte; returns them, and for each
    the line (from 1) of its first identical copy (a repeated line is stored once)."""
    records: list[Record] = []
    first: dict[bytes, int] = {}
    same_as: list[int] = []
    with source.open("rb") as src, out.open("wb") as dst:
        for raw in src:
            line = raw.rstrip(b"\r\n")
            if not line.strip():
                continue
            record = json.loads(line)
            extract = record.get("extract")
            if not isinstance(extract, str) or not extract.strip():
                continue
            dst.write(line + b"\n")
            records.append(Record(str(record.get("title") or ""), _year(record.get("year")),
                                  str(record.get("href") or "")))
            same_as.append(first.setdefault(line, len(records)))
            if limit and len(records) >= limit:
                break
    return records, same_as


def _year(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


# -- (a) and (b): films --------------------------------------------------------------------
def title_groups(records: Sequence[Record]) -> dict[str, list[int]]:
    """Record indexes by exact title, for titles whose records have two or more years."""
    groups: dict[str, list[int]] = defaultdict(list)
    for i, rec in enumerate(records):
        groups[rec.title].append(i)
    return {t: ix for t, ix in groups.items() if len({records[i].year for i in ix}) >= 2}


def one_film(a: Record, b: Record) -> bool:
    """Two records of one title that are one film: the same year, or the same page of years
    at most ``SAME_PAGE_YEARS`` apart."""
    if a.year == b.year:
        return True
    return bool(a.page) and a.page == b.page and a.year is not None and b.year is not None \
        and abs(a.year - b.year) <= SAME_PAGE_YEARS


def films_of(records: Sequence[Record], ix: Sequence[int]) -> dict[int, int]:
    """Each record index's real film (the smallest index of its group under ``one_film``)."""
    unit = {i: i for i in ix}

    def root(i: int) -> int:
        while unit[i] != i:
            i = unit[i]
        return i

    for a, b in combinations(ix, 2):
        if one_film(records[a], records[b]):
            unit[root(b)] = root(a)
    return {i: root(i) for i in ix}


def group_passes(records: Sequence[Record], links: Sequence[Link], ix: Sequence[int]) -> bool:
    """Every record linked to a film of its real film's years, records of one page of one
    real film to one film, and records of different real films never to one film (records
    of one year may be two films: two pages)."""
    films = films_of(records, ix)
    years: dict[int, set[int | None]] = defaultdict(set)
    for i in ix:
        years[films[i]].add(records[i].year)
    stored: dict[int, set[int]] = defaultdict(set)
    for i in ix:
        film, year = links[i]
        if film is None or year is None or year not in years[films[i]]:
            return False
        stored[films[i]].add(film)
    for a, b in combinations(ix, 2):
        same_page = records[a].page and records[a].page == records[b].page
        if same_page and films[a] == films[b] and links[a][0] != links[b][0]:
            return False
    return all(not (a & b) for a, b in combinations(stored.values(), 2))


def real_years(records: Sequence[Record]) -> list[set[int | None]]:
    """Each record's acceptable film years: its own and those of its one-page records."""
    by_title: dict[str, list[int]] = defaultdict(list)
    for i, rec in enumerate(records):
        by_title[rec.title].append(i)
    out: list[set[int | None]] = [{rec.year} for rec in records]
    for ix in by_title.values():
        if len(ix) > 1 and len({records[i].page for i in ix}) < len(ix):
            films = films_of(records, ix)
            for i in ix:
                out[i] = {records[j].year for j in ix if films[j] == films[i]}
    return out


def score_films(records: Sequence[Record], links: Sequence[Link]) -> dict[str, Any]:
    """(a) and (b) for one way of linking records to films."""
    groups = title_groups(records)
    failed = [t for t, ix in groups.items() if not group_passes(records, links, ix)]
    unlinked = sum(film is None for film, _ in links)
    right = sum(film is not None and year in years
                for years, (film, year) in zip(real_years(records), links, strict=True))
    return {
        "groups": len(groups), "groups_passed": len(groups) - len(failed),
        "a_title_groups": (len(groups) - len(failed)) / len(groups) if groups else 1.0,
        "records": len(records), "records_right_year": right, "records_unlinked": unlinked,
        "b_record_year": right / len(records) if records else 1.0,
        "failed_groups": [
            {"title": t, "records": [[records[i].year, *links[i]] for i in groups[t]]}
            for t in failed],
    }


def naive_links(records: Sequence[Record]) -> list[Link]:
    """One film per exact title; its year is the first such record's."""
    films: dict[str, tuple[int, int | None]] = {}
    for rec in records:
        films.setdefault(rec.title, (len(films) + 1, rec.year))
    return [films[rec.title] for rec in records]


# -- (c): people ---------------------------------------------------------------------------
def load_gold(path: Path = GOLD) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def gold_pairs(gold: Mapping[str, Any]) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """(pairs that are one person, pairs that are different people), each sorted. A listed
    different pair stands for every variant of either person's group."""
    group_of: dict[str, list[str]] = {}
    same: set[tuple[str, str]] = set()
    for entry in gold["same"]:
        names = list(dict.fromkeys(entry["names"]))
        for name in names:
            if name in group_of:
                raise ValueError(f"{name!r} is in two gold groups")
            group_of[name] = names
        same.update(_pair(a, b) for a, b in combinations(names, 2))
    different: set[tuple[str, str]] = set()
    for entry in gold["different"]:
        a, b = entry["names"]
        pairs = product(group_of.get(a, [a]), group_of.get(b, [b]))
        different.update(_pair(x, y) for x, y in pairs)
    clash = same & different
    if clash:
        raise ValueError(f"gold pairs both same and different: {sorted(clash)[:5]}")
    return same, different


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def gold_names(gold: Mapping[str, Any]) -> list[str]:
    names = [n for e in gold["same"] for n in e["names"]]
    names += [n for e in gold["different"] for n in e["names"]]
    return list(dict.fromkeys(names))


def score_people(same: Iterable[tuple[str, str]], different: Iterable[tuple[str, str]],
                 entity_of: Mapping[str, object]) -> dict[str, Any]:
    """Pairwise precision and recall; ``entity_of[name]`` is None for a name not known."""
    def merged(a: str, b: str) -> bool:
        x, y = entity_of.get(a), entity_of.get(b)
        return x is not None and x == y

    same, different = sorted(same), sorted(different)
    splits = [p for p in same if not merged(*p)]
    merges = [p for p in different if merged(*p)]
    kept = len(same) - len(splits)
    precision = kept / (kept + len(merges)) if kept + len(merges) else 1.0
    names = {n for p in [*same, *different] for n in p}
    return {
        "same_pairs": len(same), "different_pairs": len(different),
        "c_precision": precision, "c_recall": kept / len(same) if same else 1.0,
        "split_pairs": [list(p) for p in splits], "merged_pairs": [list(p) for p in merges],
        "unknown_names": sorted(n for n in names if entity_of.get(n) is None),
    }


# -- reading the store -----------------------------------------------------------------------
def film_links(conn: Any, records: Sequence[Record], same_as: Sequence[int]) -> list[Link]:
    """The film (and its year) each record's document is linked to."""
    by_line: dict[int, Link] = {}
    rows = conn.execute(select(documents.c.path, documents.c.film_id, entities.c.year)
                        .outerjoin(entities, entities.c.id == documents.c.film_id))
    for path, film, year in rows:
        m = _LINE.search(path or "")
        if m:
            by_line[int(m.group(1))] = (film, year or None) if film is not None else (None, None)
    return [by_line.get(line, by_line.get(same_as[line - 1], (None, None)))
            for line in range(1, len(records) + 1)]


def person_entities(conn: Any, names: Iterable[str]) -> dict[str, int | None]:
    """Each name's person: key or alias key equal to its name_key; most claims wins."""
    keys = {n: name_key(n) for n in names}
    wanted = set(keys.values())
    candidates: dict[str, set[int]] = defaultdict(set)
    rows = conn.execute(select(entities.c.id, entities.c.key, aliases.c.key)
                        .outerjoin(aliases, aliases.c.entity_id == entities.c.id)
                        .where(entities.c.type == "person",
                               or_(entities.c.key.in_(wanted), aliases.c.key.in_(wanted))))
    for entity_id, key, alias_key in rows:
        for k in (key, alias_key):
            if k in wanted:
                candidates[k].add(entity_id)
    ids = {i for c in candidates.values() for i in c}
    weight: Counter[int] = Counter()
    if ids:
        rows = conn.execute(select(claims.c.value_entity_id, func.count())
                            .where(claims.c.value_entity_id.in_(ids))
                            .group_by(claims.c.value_entity_id))
        weight.update({entity_id: n for entity_id, n in rows})
    best = {k: min(c, key=lambda i: (-weight[i], i)) for k, c in candidates.items()}
    return {n: best.get(k) for n, k in keys.items()}


def entity_counts(conn: Any, titles: Iterable[str] = ()) -> dict[str, Any]:
    """Entities by type, and films titled only with digits and punctuation: all of them, and
    those that are no record's title ("1874-1911", "76"; a film called "1917" is fine)."""
    rows = conn.execute(select(entities.c.type, func.count()).group_by(entities.c.type))
    by_type = {etype: n for etype, n in rows}
    names = conn.execute(select(entities.c.name).where(entities.c.type == "film")).scalars()
    numeric = sorted(n for n in names if _NOT_A_TITLE.match(n or ""))
    known = {name_key(t) for t in titles}
    return {"by_type": by_type, "numeric_films": numeric,
            "numeric_not_titles": [n for n in numeric if name_key(n) not in known]}


# -- checking the gold -----------------------------------------------------------------------
def missing_names(names: Iterable[str], casts: set[str], texts: str) -> list[str]:
    """Gold names found neither as a cast entry nor, as a whole name, in any extract (not
    inside a longer name: no capitalised word, unless after a full stop, nor Jr./Sr. next)."""
    missing = []
    for name in names:
        if name in casts:
            continue
        after = "" if name.endswith(".") else r"(?! [A-Z][a-z])"  # else a sentence ends
        pattern = re.compile(r"(?<![\w.-])" + re.escape(name)
                             + r"(?![\w-])(?!,? (?:Jr|Sr)\b)" + after)
        if not pattern.search(texts):
            missing.append(name)
    return missing


def check_gold(source: Path, gold: Mapping[str, Any]) -> int:
    casts: set[str] = set()
    texts: list[str] = []
    with source.open(encoding="utf-8") as src:
        for line in src:
            record = json.loads(line)
            if isinstance(record.get("extract"), str) and record["extract"].strip():
                texts.append(record["extract"])
                casts.update(c for c in record.get("cast") or [] if isinstance(c, str))
    same, different = gold_pairs(gold)
    names = gold_names(gold)
    missing = missing_names(names, casts, "\n".join(texts))
    print(f"gold: {len(gold['same'])} groups, {len(gold['different'])} listed different pairs; "
          f"{len(names)} names; pairs: {len(same)} same, {len(different)} different")
    for name in missing:
        print(f"  not in the data: {name}")
    print("all gold names occur in the data" if not missing else f"{len(missing)} missing")
    return 1 if missing else 0


# -- the run ---------------------------------------------------------------------------------
def table(ours: Mapping[str, float], naive: Mapping[str, float]) -> str:
    rows = [("(a) same-title groups in separate films of their year", "a_title_groups"),
            ("(b) records whose film has the record's year", "b_record_year"),
            ("(c) person identity: pairwise precision", "c_precision"),
            ("(c) person identity: pairwise recall", "c_recall")]
    out = [f"{'measure':<56} {'goal':>6} {'ours':>7} {'naive':>7}"]
    for label, key in rows:
        out.append(f"{label:<56} {GOALS[key]:>6.2f} {ours[key]:>7.4f} {naive[key]:>7.4f}")
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--limit", type=int, default=0, help="only the first N records with text")
    ap.add_argument("--db", default=None, help="keep the store here (must not exist yet)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--check-gold", action="store_true", help="check the gold names occur")
    args = ap.parse_args(argv)

    source = Path(args.data) / SOURCE
    if not source.exists():
        print(f"skipped: {source} not found", file=sys.stderr)
        return 0
    gold = load_gold()
    if args.check_gold:
        return check_gold(source, gold)
    if args.db and Path(args.db).exists():
        ap.error(f"{args.db} exists; the benchmark needs a fresh store")

    tmp = tempfile.TemporaryDirectory()
    corpus = Path(tmp.name) / "movies_with_text.jsonl"
    records, same_as = write_corpus(source, corpus, args.limit)
    start = time.perf_counter()
    with backtrace.open(args.db or str(Path(tmp.name) / "identity.db")) as kb:
        report = kb.ingest([corpus], text_field="extract")
        elapsed = time.perf_counter() - start
        with kb.store.read() as conn:
            links = film_links(conn, records, same_as)
            entity_of = person_entities(conn, gold_names(gold))
            counts = entity_counts(conn, (r.title for r in records))

    same, different = gold_pairs(gold)
    ours = {**score_films(records, links), **score_people(same, different, entity_of)}
    naive_keys = {n: name_key(n) for n in gold_names(gold)}
    naive = {**score_films(records, naive_links(records)),
             **score_people(same, different, naive_keys)}
    naive.pop("failed_groups")  # nearly every group: not worth printing
    limit = f" --limit {args.limit}" if args.limit else ""
    if Path(args.data).resolve() != (ROOT.parent / "shared" / "data").resolve():
        limit += f" --data {args.data}"
    figures = {
        "corpus": str(SOURCE), "records": len(records), "stored": report.stored,
        "failed": len(report.failed), "ingest_seconds": round(elapsed, 1),
        "documents_per_second": round(report.stored / elapsed, 1) if elapsed else None,
        "entities": counts["by_type"], "numeric_films": counts["numeric_films"],
        "numeric_films_not_titles": counts["numeric_not_titles"],
        "ours": ours, "naive": naive, "gold_groups": len(gold["same"]),
        "gold_listed_different": len(gold["different"]),
        "reproduce": f".venv/bin/python bench/identity.py{limit}",
    }
    if args.json:
        print(json.dumps(figures, indent=1, ensure_ascii=False))
        return 0
    report_text(figures)
    return 0


def report_text(f: Mapping[str, Any]) -> None:
    ours, naive, types = f["ours"], f["naive"], dict(f["entities"])
    print(f"corpus: {f['corpus']} ({f['records']} records with text)")
    print(f"ingest: {f['stored']} stored, {f['failed']} failed in {f['ingest_seconds']} s "
          f"({f['documents_per_second']} documents/s)")
    others = ", ".join(f"{t} {n}" for t, n in sorted(types.items())
                       if t not in ("film", "person"))
    stray = f["numeric_films_not_titles"]
    print(f"(d) films {types.get('film', 0)}, people {types.get('person', 0)}, other: "
          f"{others or 'none'}")
    print(f"    films titled only with digits/punctuation: {len(f['numeric_films'])}, of which "
          f"no record's title (want 0): {len(stray)} {stray[:12]}")
    print(f"(a) title groups with several years: {ours['groups']}, passed {ours['groups_passed']}"
          f" (naive {naive['groups_passed']})")
    for g in ours["failed_groups"][:10]:
        recs = "; ".join(f"{y}->film {fid} ({fy})" for y, fid, fy in g["records"])
        print(f"    failed: {g['title']!r}: {recs}")
    print(f"(b) records linked to a film of their year: {ours['records_right_year']} of "
          f"{ours['records']} (not linked to any film: {ours['records_unlinked']})")
    print(f"(c) gold: {f['gold_groups']} groups, {f['gold_listed_different']} listed different "
          f"pairs -> {ours['same_pairs']} same pairs, {ours['different_pairs']} different pairs")
    print(f"    names the store does not know ({len(ours['unknown_names'])}): "
          f"{', '.join(ours['unknown_names'][:40])}")
    print(f"    split (should be one person), {len(ours['split_pairs'])}:")
    for a, b in ours["split_pairs"][:20]:
        print(f"      {a!r} / {b!r}")
    print(f"    merged (should be different people), {len(ours['merged_pairs'])}:")
    for a, b in ours["merged_pairs"][:20]:
        print(f"      {a!r} / {b!r}")
    print()
    print(table(ours, naive))
    print(f"\nreproduce: {f['reproduce']}")


if __name__ == "__main__":
    sys.exit(main())
