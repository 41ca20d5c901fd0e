//! The comparison: two sets of facts → a [`Diff`], through the carried baseline across a
//! change of roster.

use super::*;
use crate::facts::{CommuneFacts, Facts, Status};

fn met(c: &CommuneFacts, number: u32) -> bool {
    c.criteria
        .iter()
        .any(|x| x.number == number && x.status == Status::Met)
}

fn recognition(c: &CommuneFacts) -> Option<String> {
    c.recognized
        .as_ref()
        .map(|r| format!("{} ({})", r.decision, r.date))
}

/// Criterion numbers: B's ruleset order, then those only in A.
fn criterion_numbers(a: &Facts, b: &Facts) -> Vec<u32> {
    let mut out: Vec<u32> = b.criteria.iter().map(|c| c.number).collect();
    for c in &a.criteria {
        if !out.contains(&c.number) {
            out.push(c.number);
        }
    }
    out
}

/// B's carried baseline of A, when B's facts carry A onto B's communes (two years of one
/// data folder across a change of roster).
fn carried_from<'b>(a: &Facts, b: &'b Facts) -> Option<&'b crate::facts::CarriedFacts> {
    b.carried.as_ref().filter(|c| {
        c.from_year == a.year
            && c.old_communes.len() == a.communes.len()
            && c.old_communes
                .iter()
                .zip(&a.communes)
                .all(|(o, x)| o.id == x.id)
    })
}

/// Computes what changed from `a` to `b`. When `b` carries `a` onto its communes (a merger
/// between them), B's communes are compared with that carried baseline, not matched by id.
pub fn diff(a: &Facts, b: &Facts) -> Diff {
    if let Some(c) = carried_from(a, b) {
        return across(a, b, c);
    }
    let numbers = criterion_numbers(a, b);
    let find_a = |id: &str| a.communes.iter().find(|c| c.id == id);
    let in_b = |id: &str| b.communes.iter().any(|c| c.id == id);

    let mut communes = Vec::new();
    for cb in &b.communes {
        let recognized_after = recognition(cb);
        match find_a(&cb.id) {
            Some(ca) => {
                let gained: Vec<u32> = numbers
                    .iter()
                    .copied()
                    .filter(|&n| met(cb, n) && !met(ca, n))
                    .collect();
                let lost: Vec<u32> = numbers
                    .iter()
                    .copied()
                    .filter(|&n| met(ca, n) && !met(cb, n))
                    .collect();
                let entry = CommuneDiff {
                    id: cb.id.clone(),
                    name: cb.name.clone(),
                    presence: Presence::Changed,
                    previous_name: (ca.name != cb.name).then(|| ca.name.clone()),
                    criteria_met: Change::new(Some(ca.criteria_met), Some(cb.criteria_met)),
                    gained,
                    lost,
                    recognized: Change::new(recognition(ca), recognized_after),
                    predecessors: Vec::new(),
                };
                if !entry.gained.is_empty()
                    || !entry.lost.is_empty()
                    || entry.criteria_met.changed()
                    || entry.previous_name.is_some()
                    || entry.recognized.changed()
                {
                    communes.push(entry);
                }
            }
            None => communes.push(CommuneDiff {
                id: cb.id.clone(),
                name: cb.name.clone(),
                presence: Presence::Added,
                previous_name: None,
                criteria_met: Change::new(None, Some(cb.criteria_met)),
                gained: Vec::new(),
                lost: Vec::new(),
                recognized: Change::new(None, recognized_after),
                predecessors: Vec::new(),
            }),
        }
    }
    for ca in a.communes.iter().filter(|c| !in_b(&c.id)) {
        communes.push(CommuneDiff {
            id: ca.id.clone(),
            name: ca.name.clone(),
            presence: Presence::Removed,
            previous_name: None,
            criteria_met: Change::new(Some(ca.criteria_met), None),
            gained: Vec::new(),
            lost: Vec::new(),
            recognized: Change::new(recognition(ca), None),
            predecessors: Vec::new(),
        });
    }

    let mut criteria = Vec::new();
    for &n in &numbers {
        let fa = a.criteria.iter().find(|c| c.number == n);
        let fb = b.criteria.iter().find(|c| c.number == n);
        let name = fb.or(fa).map(|c| c.name.clone()).unwrap_or_default();
        let mut gained = Vec::new();
        let mut lost = Vec::new();
        for cb in &b.communes {
            let was = find_a(&cb.id).is_some_and(|ca| met(ca, n));
            let now = met(cb, n);
            if now && !was {
                gained.push(cb.name.clone());
            } else if was && !now {
                lost.push(cb.name.clone());
            }
        }
        for ca in a.communes.iter().filter(|c| !in_b(&c.id)) {
            if met(ca, n) {
                lost.push(ca.name.clone());
            }
        }
        let entry = CriterionDiff {
            number: n,
            name,
            count: Change::new(fa.map(|c| c.count), fb.map(|c| c.count)),
            gained,
            lost,
        };
        if entry.count.changed() || !entry.gained.is_empty() || !entry.lost.is_empty() {
            criteria.push(entry);
        }
    }

    let mut labels: Vec<&str> = b.classes.iter().map(|c| c.label.as_str()).collect();
    for c in &a.classes {
        if !labels.contains(&c.label.as_str()) {
            labels.push(&c.label);
        }
    }
    let class_count = |f: &Facts, l: &str| f.classes.iter().find(|c| c.label == l).map(|c| c.count);
    let classes = labels
        .iter()
        .map(|l| ClassDiff {
            label: l.to_string(),
            count: Change::new(class_count(a, l), class_count(b, l)),
        })
        .collect();

    Diff {
        schema_version: SCHEMA_VERSION,
        a: Side::of(a),
        b: Side::of(b),
        communes,
        criteria,
        total_criteria_met: Change::new(a.total_criteria_met, b.total_criteria_met),
        average_criteria_per_commune: Change::new(
            a.average_criteria_per_commune,
            b.average_criteria_per_commune,
        ),
        classes,
        villages: villages(a, b),
        levels: levels(a, b),
        funding: funding(a, b),
        old_communes: Vec::new(),
        show_old_communes: false,
    }
}

/// The diff across a merger: B's communes against A carried onto them.
fn across(a: &Facts, b: &Facts, carried: &crate::facts::CarriedFacts) -> Diff {
    let previously = |c: &CommuneFacts, n: u32| {
        c.criteria
            .iter()
            .any(|x| x.number == n && x.previous_status.is_some_and(|p| p.is_met()))
    };
    let mut communes = Vec::new();
    for (cb, cc) in b.communes.iter().zip(&carried.communes) {
        let gained: Vec<u32> = cb
            .criteria
            .iter()
            .filter(|x| x.status.is_met() && x.previous_status.is_some_and(|p| !p.is_met()))
            .map(|x| x.number)
            .collect();
        let lost: Vec<u32> = cb
            .criteria
            .iter()
            .filter(|x| x.status != Status::Met && previously(cb, x.number))
            .map(|x| x.number)
            .collect();
        // An old commune's recognition is what A's report counted: its own decision, or
        // one carried onto it over an earlier merger (in A's `recognized`).
        let held = |p: &crate::facts::PredecessorFacts| {
            let in_a = a.recognized.iter().find(|r| r.id == p.id);
            in_a.map(|r| (r.date, r.decision.clone()))
                .or_else(|| p.recognized.as_ref().map(|r| (r.date, r.decision.clone())))
        };
        let before_recognition = cc
            .predecessors
            .iter()
            .all(|p| held(p).is_some())
            .then(|| {
                cc.predecessors
                    .iter()
                    .filter_map(held)
                    .max_by_key(|(date, _)| *date)
                    .map(|(date, decision)| format!("{decision} ({date})"))
            })
            .flatten();
        let previous_name = carried
            .events
            .iter()
            .find(|e| e.kind == crate::facts::LineageKind::Rename && e.commune == cb.id)
            .and_then(|e| e.from_name.clone());
        let entry = CommuneDiff {
            id: cb.id.clone(),
            name: cb.name.clone(),
            presence: if cc.same {
                Presence::Changed
            } else {
                Presence::Merged
            },
            previous_name,
            criteria_met: Change::new(cb.previous_criteria_met, Some(cb.criteria_met)),
            gained,
            lost,
            recognized: Change::new(before_recognition, recognition(cb)),
            predecessors: if cc.same {
                Vec::new()
            } else {
                cc.predecessors
                    .iter()
                    .map(|p| Predecessor {
                        id: p.id.clone(),
                        name: p.name.clone(),
                        part: p.share == crate::facts::Share::Part,
                    })
                    .collect()
            },
        };
        if !cc.same
            || !entry.gained.is_empty()
            || !entry.lost.is_empty()
            || entry.criteria_met.changed()
            || entry.recognized.changed()
        {
            communes.push(entry);
        }
    }
    let criteria = b
        .criteria
        .iter()
        .filter(|c| c.previous_count != Some(c.count) || !c.gained.is_empty() || !c.lost.is_empty())
        .map(|c| CriterionDiff {
            number: c.number,
            name: c.name.clone(),
            count: Change::new(c.previous_count, Some(c.count)),
            gained: c.gained.clone(),
            lost: c.lost.clone(),
        })
        .collect();
    let classes = b
        .classes
        .iter()
        .map(|c| ClassDiff {
            label: c.label.clone(),
            count: Change::new(c.previous_count, Some(c.count)),
        })
        .collect();
    let name_of = |id: &str| {
        b.communes
            .iter()
            .find(|c| c.id == id)
            .map_or_else(|| id.to_string(), |c| c.name.clone())
    };
    Diff {
        schema_version: SCHEMA_VERSION,
        a: Side::of(a),
        b: Side::of(b),
        communes,
        criteria,
        // Across rulesets that do not correspond the carried totals are unknown: A's own.
        total_criteria_met: Change::new(
            b.previous_total_criteria_met
                .unwrap_or(a.total_criteria_met),
            b.total_criteria_met,
        ),
        average_criteria_per_commune: Change::new(
            b.previous_average_criteria_per_commune
                .unwrap_or(a.average_criteria_per_commune),
            b.average_criteria_per_commune,
        ),
        classes,
        villages: villages(a, b),
        levels: levels(a, b),
        funding: funding(a, b),
        old_communes: carried
            .old_communes
            .iter()
            .map(|o| OldCommune {
                id: o.id.clone(),
                name: o.name.clone(),
                criteria_met: o.criteria_met,
                into: o.into.iter().map(|i| name_of(i)).collect(),
            })
            .collect(),
        show_old_communes: false,
    }
}

/// The levels evaluated beside the NTM level on either side that differ: B's order, then
/// those only in A.
fn levels<'a>(a: &'a Facts, b: &'a Facts) -> Vec<LevelDiff> {
    use crate::facts::{LevelResultFacts, Named};
    let mut out = Vec::new();
    let mut seen = Vec::new();
    for l in b.level_results.iter().chain(&a.level_results) {
        let key = (l.level, l.village);
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        let find = |f: &'a Facts| f.level_results.iter().find(|x| (x.level, x.village) == key);
        let (la, lb) = (find(a), find(b));
        // Units gaining or losing a level are named only where both sides evaluate it.
        let moved = |pick: fn(&LevelResultFacts) -> &[Named]| match (la, lb) {
            (Some(x), Some(y)) => {
                // The names of `to` whose id is not in `from`, in `to`'s order.
                let only = |to: &[Named], from: &[Named]| -> Vec<String> {
                    to.iter()
                        .filter(|n| !from.iter().any(|m| m.id == n.id))
                        .map(|n| n.name.clone())
                        .collect()
                };
                let (xa, xb) = (pick(x), pick(y));
                (only(xb, xa), only(xa, xb))
            }
            _ => (Vec::new(), Vec::new()),
        };
        let (meeting_gained, meeting_lost) = moved(|l| &l.meeting);
        let (recognized_gained, recognized_lost) = moved(|l| &l.recognized);
        let count = |f: fn(&LevelResultFacts) -> usize| Change::new(la.map(f), lb.map(f));
        let d = LevelDiff {
            level: l.level,
            village: l.village,
            registered: count(|l| l.registered.len()),
            meeting: count(|l| l.meeting.len()),
            recognized: count(|l| l.recognized.len()),
            meeting_gained,
            meeting_lost,
            recognized_gained,
            recognized_lost,
        };
        let changed = d.registered.changed()
            || d.meeting.changed()
            || d.recognized.changed()
            || !d.meeting_gained.is_empty()
            || !d.meeting_lost.is_empty()
            || !d.recognized_gained.is_empty()
            || !d.recognized_lost.is_empty();
        if changed {
            out.push(d);
        }
    }
    out
}

fn villages(a: &Facts, b: &Facts) -> Option<VillagesDiff> {
    if a.villages.is_none() && b.villages.is_none() {
        return None;
    }
    let (va, vb) = (a.villages.as_ref(), b.villages.as_ref());
    let mut counts: Vec<u32> = va
        .into_iter()
        .chain(vb)
        .flat_map(|v| v.by_criteria_met.keys().copied())
        .collect();
    counts.sort_unstable();
    counts.dedup();
    let at = |v: Option<&crate::facts::VillageFacts>, n: u32| {
        v.map(|v| v.by_criteria_met.get(&n).copied().unwrap_or(0))
    };
    Some(VillagesDiff {
        total: Change::new(va.map(|v| v.total), vb.map(|v| v.total)),
        meeting_all: Change::new(va.map(|v| v.meeting_all), vb.map(|v| v.meeting_all)),
        by_criteria_met: counts
            .into_iter()
            .map(|n| VillageCountDiff {
                criteria_met: n,
                villages: Change::new(at(va, n), at(vb, n)),
            })
            .collect(),
    })
}

fn funding(a: &Facts, b: &Facts) -> Option<FundingDiff> {
    if a.funding.is_none() && b.funding.is_none() {
        return None;
    }
    let (fa, fb) = (a.funding.as_ref(), b.funding.as_ref());
    let mut sources: Vec<FundingSourceDiff> = Vec::new();
    for f in fb.into_iter().chain(fa) {
        for s in f.sources.iter().filter(|s| s.parent.is_none()) {
            if sources.iter().any(|x| x.id == s.id) {
                continue;
            }
            let amount = |side: Option<&crate::facts::FundingFacts>| {
                side.and_then(|f| {
                    f.sources
                        .iter()
                        .find(|x| x.id == s.id && x.parent.is_none())
                })
                .map(|x| x.amount.normalize())
            };
            sources.push(FundingSourceDiff {
                id: s.id.clone(),
                name: s.name.clone(),
                amount: Change::new(amount(fa), amount(fb)),
            });
        }
    }
    Some(FundingDiff {
        total: Change::new(
            fa.map(|f| f.total.normalize()),
            fb.map(|f| f.total.normalize()),
        ),
        sources,
    })
}

// ---------------------------------------------------------------------------------------
// Rendering
