#!/usr/bin/env python3
"""An independent check of the comparison across a merger, written apart from the Rust code.

    python3 tests/check_carry.py DATA OUT YEAR

DATA is a data folder with `communes.csv`, `lineage.toml` and the years YEAR-1 and YEAR; OUT
holds the builds of both years (`OUT/YEAR-1/facts.json`: the year before by its own communes,
and `OUT/YEAR/`: the report). From the lineage and the year before's official statuses it
works out, by the rules of docs/data-format.md, how each new commune stood the year before —
a criterion met only where every old commune met it — and checks against that:

- the change against YEAR-1 in every per-criterion paragraph ("không thay đổi so với năm
  YEAR-1", or "So với năm YEAR-1, tăng/giảm N xã: names") — the count and the communes named,
  the communes meeting it read from its names, its "(trừ …)" list, or every commune;
- the "last year" column of appendix 02 (criteria met per commune, and the total row).

Exits 1 with every disagreement listed; prints a one-line summary otherwise. Uses only the
standard library (Python 3.11+).
"""
import csv
import json
import re
import sys
import tomllib
from datetime import date
from pathlib import Path


def day(text):
    return date.fromisoformat(text) if text else None


def exists(row, d):
    start, end = day(row.get("valid_from", "")), day(row.get("valid_until", ""))
    return (start is None or start <= d) and (end is None or d < end)


def status_date(data, year):
    report = tomllib.loads((data / str(year) / "report.toml").read_text(encoding="utf-8"))
    return day(report.get("status_date")) or date(year, 12, 31)


def main(data, out, year):
    data, out = Path(data), Path(out)
    rows = list(csv.DictReader((data / "communes.csv").open(encoding="utf-8")))
    lineage_file = data / "lineage.toml"
    lineage = tomllib.loads(lineage_file.read_text(encoding="utf-8")) if lineage_file.exists() else {}
    before, now = status_date(data, year - 1), status_date(data, year)

    # Names of the report year (renames applied), in the report's words.
    names = {r["id"]: r["name"] for r in rows}
    for r in lineage.get("rename", []):
        if day(r["date"]) <= now:
            names[r["commune"]] = r["name"]

    # Old communes each commune of the report year holds: the mergers between the two
    # status dates (one step is enough here; the example has no chain of mergers).
    current = [r["id"] for r in rows if exists(r, now)]
    preds = {c: [c] for c in current}
    for m in lineage.get("merger", []):
        if before < day(m["date"]) <= now:
            preds[m["into"]] = list(m.get("whole", [])) + list(m.get("part", []))

    facts = json.loads((out / str(year - 1) / "facts.json").read_text(encoding="utf-8"))
    met_before = {
        c["id"]: {k["number"] for k in c["criteria"] if k["status"] == "met"}
        for c in facts["communes"]
    }
    numbers = [k["number"] for k in facts["criteria"]]

    def carried(c, n):
        return all(n in met_before[p] for p in preds[c])

    problems = []
    report = (out / str(year) / f"bao-cao-ntm-{year}.md").read_text(encoding="utf-8")
    # A criterion's paragraph: its first line and the lines of its other sentences (the
    # Markdown has one sentence per line), up to the blank line or the indicator list.
    paragraphs, cur = [], None
    for line in report.splitlines():
        if line.startswith("**Tiêu chí số "):
            cur = [line]
            paragraphs.append(cur)
        elif cur is not None and line.strip() and not line.startswith("- "):
            cur.append(line)
        else:
            cur = None
    # "Có 05/09 xã đạt tiêu chí về X (A, B)", "… (trừ A, B)", "… X" (every commune) or
    # "Chưa có xã nào đạt tiêu chí về X", then the change: ", không thay đổi so với năm …"
    # in the sentence, or a sentence of its own "So với năm …, tăng 01 xã: A."
    label = re.compile(r"^\*\*Tiêu chí số (\d+) - ([^*]+):\*\* (.*)$")

    def parse(text):
        m = label.match(text)
        if not m:
            return None
        name = re.escape(m[2])
        return re.match(
            rf"(?:Có (\d+)/(\d+) xã đạt tiêu chí về {name}(?: \((trừ )?([^)]*)\))?|Chưa có xã nào đạt tiêu chí về {name})(.*)$",
            m[3],
        ), int(m[1])

    # Groups of the roster (former districts), in the order it names them: a sentence may
    # give its count group by group ("…, trong đó huyện A (cũ) 01/05 xã (X), huyện B (cũ)
    # 04/04 xã, huyện C (cũ) chưa có xã nào").
    group_of = {r["id"]: r.get("group", "") for r in rows}
    groups = []
    for c in current:
        if group_of[c] and group_of[c] not in groups:
            groups.append(group_of[c])

    def grouped(text):
        """The communes a group-by-group count names, or None when it is not one."""
        if not text.startswith(", trong đó "):
            return None, text
        rest, met = text[len(", trong đó "):], set()
        for g in groups:
            members = {names[c] for c in current if group_of[c] == g}
            m = re.match(re.escape(g) + r" (?:(\d+)/(\d+) xã(?: \((trừ )?([^)]*)\))?|chưa có xã nào)(, )?", rest)
            if not m:
                continue
            listed = {x.strip() for x in (m[4] or "").split(",") if x.strip()}
            if m[1] is None:
                got = set()
            elif m[3]:
                got = members - listed
            elif m[4] is not None:
                got = listed
            else:
                got = set(members)
            if m[1] is not None and (int(m[1]) != len(got) or int(m[2]) != len(members)):
                problems.append(f"group {g}: {m[1]}/{m[2]} said, {len(got)}/{len(members)} named or implied")
            met |= got
            rest = rest[m.end():]
        return met, rest

    checked = 0
    everyone = {names[c] for c in current}
    for par in paragraphs:
        parsed = parse(" ".join(par))
        if not parsed or not parsed[0]:
            problems.append(f"a per-criterion sentence not understood: {par[0]!r}")
            continue
        m, n = parsed
        count = int(m[1]) if m[1] else 0
        listed = {x.strip() for x in (m[4] or "").split(",") if x.strip()}
        if m[3]:
            met_now = everyone - listed
        elif m[4] is not None:
            met_now = listed
        elif m[1]:
            met_now = set(everyone)
        else:
            met_now = set()
        rest = m[5]
        by_group, rest = grouped(rest)
        if by_group is not None:
            met_now = by_group
        if len(met_now) != count:
            problems.append(f"criterion {n}: {count} communes said, {len(met_now)} named or implied")
        was = {names[c] for c in current if carried(c, n)}
        gained, lost = sorted(met_now - was), sorted(was - met_now)
        delta = len(met_now) - len(was)
        want_gained = set(gained)
        want_lost = set(lost)
        said = re.search(r"(tăng|giảm) (\d+) xã", rest)
        if delta == 0 and not gained:
            ok = f"không thay đổi so với năm {year - 1}" in rest
        elif delta == 0:
            ok = "số xã đạt không thay đổi" in rest
        else:
            ok = bool(said) and int(said[2]) == abs(delta) and said[1] == ("tăng" if delta > 0 else "giảm")
        if not ok:
            problems.append(f"criterion {n}: expected a change of {delta:+d} (was {len(was)}), report says {rest!r}")
        one = re.search(r"(?:tăng|giảm) \d+ xã: ([^.]*)\.", rest)
        named = {x.strip() for x in one[1].split(",")} if one else set()
        mixed = re.search(r"đạt mới: ([^;]*); không còn đạt: ([^)]*)\)", rest)
        if mixed:
            got_g = {x.strip() for x in mixed[1].split(",")}
            got_l = {x.strip() for x in mixed[2].split(",")}
            if got_g != want_gained or got_l != want_lost:
                problems.append(f"criterion {n}: gained/lost {got_g}/{got_l}, expected {want_gained}/{want_lost}")
        elif named and named != (want_gained or want_lost):
            problems.append(f"criterion {n}: names {named}, expected {want_gained or want_lost}")
        # "Năm 2024, xã A đạt ở 2/3 xã cũ, xã B …": gained communes some of whose old
        # communes met it, with how many.
        partly = re.search(rf"Năm {year - 1}, (xã .*?), chưa tính là đạt\.", rest)
        said_partly = {}
        if partly:
            for x in re.finditer(r"xã (.+?) đạt ở (\d+)/(\d+) xã cũ", partly[1]):
                said_partly[x[1]] = (int(x[2]), int(x[3]))
        want_partly = {}
        for c in current:
            k = sum(n in met_before[p] for p in preds[c])
            if names[c] in want_gained and 0 < k < len(preds[c]):
                want_partly[names[c]] = (k, len(preds[c]))
        if said_partly != want_partly:
            problems.append(f"criterion {n}: old communes meeting it said {said_partly}, expected {want_partly}")
        checked += 1
    if checked != len(numbers):
        problems.append(f"{checked} per-criterion sentences found, {len(numbers)} criteria")

    # Appendix 02: the last year's column, per commune and in total.
    table = (out / str(year) / "phu-bieu" / "phu-bieu-02.md").read_text(encoding="utf-8")
    header = next(l for l in table.splitlines() if l.startswith("| STT"))
    cells = [c.strip() for c in header.strip("|").split("|")]
    last = cells.index(f"Số TC đạt Năm {year - 1}")
    by_name = {names[c]: c for c in current}
    total_expected = 0
    rows_seen = groups_seen = 0
    for l in table.splitlines():
        if not l.startswith("| ") or l.startswith("| STT"):
            continue
        cs = [c.strip() for c in l.strip("|").split("|")]
        name = cs[1]
        if name in by_name:
            c = by_name[name]
            want = sum(carried(c, n) for n in numbers)
            total_expected += want
            rows_seen += 1
            if cs[last] != str(want):
                problems.append(f"appendix 02, {name}: last year {cs[last]}, expected {want} (from {', '.join(preds[c])})")
        elif name.lower() in {g.lower() for g in groups}:
            g = next(g for g in groups if g.lower() == name.lower())
            want = sum(carried(c, n) for c in current if group_of[c] == g for n in numbers)
            if cs[last] != str(want):
                problems.append(f"appendix 02, {name}: last year {cs[last]}, expected {want}")
            groups_seen += 1
        elif name.startswith("Tổng số xã đạt"):
            if cs[last] != str(total_expected):
                problems.append(f"appendix 02, total: last year {cs[last]}, expected {total_expected}")
    if groups_seen != len(groups):
        problems.append(f"appendix 02 has {groups_seen} group rows, the roster {len(groups)} groups")
    if rows_seen != len(current):
        problems.append(f"appendix 02 has {rows_seen} commune rows, the roster {len(current)}")

    # Recognition across the merger: carried where every old commune was recognised,
    # awaiting acknowledgement where some were.
    recognized_old = {r["id"] for r in rows if r.get("recognized_decision")}
    # A commune with an NTM event of its own by the status date (recognitions.csv:
    # recognised, acknowledged or revoked) stands by that event, not by its old communes.
    own = set()
    events = data / "recognitions.csv"
    if events.exists():
        with events.open(encoding="utf-8") as f:
            for e in csv.DictReader(f):
                if e["level"].strip() == "ntm" and day(e["date"]) <= status_date(data, year):
                    own.add(e["unit"])
    keep, wait = [], []
    for c in current:
        if c in recognized_old or c in own or preds[c] == [c]:
            continue
        k = sum(p in recognized_old for p in preds[c])
        if k == len(preds[c]):
            keep.append(names[c])
        elif k:
            wait.append(names[c])
    for name in keep:
        if not re.search(rf"- Xã {re.escape(name)} hình thành từ các xã .*, đều đã được công nhận", report):
            problems.append(f"{name}: its recognition carried over is not said")
    waiting = re.search(r"Số xã chờ thừa nhận đạt chuẩn nông thôn mới: (\d+) xã \(([^)]*)\)", report)
    got = [x.strip() for x in waiting[2].split(",")] if waiting else []
    if got != wait or (waiting and int(waiting[1]) != len(wait)):
        problems.append(f"awaiting acknowledgement: report says {got}, expected {wait}")

    if problems:
        print("\n".join(problems))
        return 1
    print(f"carried baseline agrees: {checked} criteria, {rows_seen} communes, {total_expected} criteria met in {year - 1}; {len(keep)} recognition(s) carried, {len(wait)} awaiting acknowledgement")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], int(sys.argv[3])))
