#!/usr/bin/env python3
"""Checks the summary of a folder of units against the units' own facts.

    scripts/check-summary.py OUT/YEAR

Reads OUT/YEAR/tong-hop/facts.json and every unit's OUT/YEAR/<id>/facts.json, and checks,
independently of the program, that each unit's row of the summary holds its own facts and
that every total equals the sum over the units: communes, recognitions, criteria met,
communes per criterion (the lengths of the lists of communes met), per class (the lengths
of the classes' lists), villages, villages meeting every criterion, villages per band,
funding and disbursement (exact decimals). Prints what differs; exit 1 if anything does.
"""

import json
import sys
from decimal import Decimal
from pathlib import Path


def amount(v):
    return Decimal("0") if v is None else Decimal(str(v))


def own_figures(f, summary):
    """A unit's figures, computed here from its facts.json alone."""
    crit = {c["number"]: len(c["communes_met"]) for c in f["criteria"]}
    classes = {c["label"]: len(c["communes"]) for c in f["classes"]}
    v = f.get("villages") or {}
    bands = {(b["min"], b["max"]): b["count"] for b in v.get("bands", [])}
    funding = (f.get("funding") or {}).get("total")
    d = f.get("disbursement") or {}
    levels = {l["level"]: l for l in f.get("levels", [])}
    return {
        "communes": len(f["communes"]),
        "recognized": len(f["recognized"]),
        "total_criteria_met": sum(c["criteria_met"] for c in f["communes"]),
        "criteria": [crit.get(c["number"], 0) for c in summary["criteria"]],
        "classes": [classes.get(label, 0) for label in summary["classes"]],
        "villages": v.get("total", 0),
        "villages_meeting_all": v.get("meeting_all", 0),
        "village_bands": [bands.get((b["min"], b["max"]), 0) for b in summary["village_bands"]],
        "funding": amount(funding),
        "disbursement_plan": amount(d.get("plan_total")),
        "disbursed": amount(d.get("disbursed_total")),
        # Without recognition events a unit's NTM communes are those it recognises.
        "level_communes": [
            len(levels[l]["communes"]) if l in levels else (len(f["recognized"]) if l == "ntm" else 0)
            for l in summary.get("levels", [])
        ],
        "level_villages": [len(levels[l]["villages"]) if l in levels else 0 for l in summary.get("levels", [])],
    }


def same(a, b):
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, Decimal) or isinstance(b, Decimal):
        return amount(a) == amount(b)
    return a == b


def main():
    if len(sys.argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    year_dir = Path(sys.argv[1])
    summary = json.loads((year_dir / "tong-hop" / "facts.json").read_text("utf-8"))
    problems = []
    total = None
    for row in summary["units"]:
        f = json.loads((year_dir / row["id"] / "facts.json").read_text("utf-8"))
        own = own_figures(f, summary)
        for key, value in own.items():
            if not same(value, row["tally"][key]):
                problems.append(f"{row['id']}: {key} is {row['tally'][key]} in the summary, {value} in its facts")
        if total is None:
            total = own
        else:
            for key, value in own.items():
                if isinstance(value, list):
                    total[key] = [a + b for a, b in zip(total[key], value)]
                else:
                    total[key] = total[key] + value
    checked = 0
    for key, value in (total or {}).items():
        checked += len(value) if isinstance(value, list) else 1
        if not same(value, summary["total"][key]):
            problems.append(f"total: {key} is {summary['total'][key]} in the summary, {value} summed over the units")
    for p in problems:
        print(p)
    print(f"{len(summary['units'])} units, {checked} totals checked, {len(problems)} differences")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
