//! Checks of a report against itself: each claim on its own (a count against its names, a
//! percentage against its ratio, a total against its parts), then the claims together
//! (the per-criterion lists against the classes and the average, a figure stated twice).

use super::claim::{Claim, CriterionClaim, Figure, Found, Rule};
use super::count::Polarity;
use super::document::Document;
use super::finding::{Finding, place_of};
use super::names::{fold, same};
use crate::diagnostic::{Message, Severity};
use crate::number::{percent, round, vi, vi_fixed};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// The findings of the checks, and which claims were checked and contradicted.
pub struct Checker<'a> {
    pub doc: &'a Document,
    pub claims: &'a [Found],
    pub checked: Vec<bool>,
    pub contradicted: Vec<bool>,
    pub findings: Vec<Finding>,
}

impl<'a> Checker<'a> {
    pub fn new(doc: &'a Document, claims: &'a [Found]) -> Checker<'a> {
        Checker {
            doc,
            claims,
            checked: vec![false; claims.len()],
            contradicted: vec![false; claims.len()],
            findings: Vec::new(),
        }
    }

    /// Marks claim `i` as checked.
    pub fn checked(&mut self, i: usize) {
        self.checked[i] = true;
    }

    /// Records a finding at claim `i`.
    pub fn find(&mut self, i: usize, severity: Severity, message: Message) {
        self.checked[i] = true;
        self.contradicted[i] = true;
        let site = &self.claims[i].site;
        self.findings.push(Finding {
            severity,
            message,
            unit: site.unit,
            sentence: site.sentence.clone(),
            at: site.at.clone(),
            hint: None,
        });
    }

    /// The place of claim `i`, for a message that points back at it.
    pub fn place(&self, i: usize) -> crate::diagnostic::Where {
        let site = &self.claims[i].site;
        place_of(self.doc, site.unit, site.at.start)
    }
}

/// Whether `stated` (with the decimals it is written with) is `exact` rounded: within
/// half a unit of its last digit.
pub fn agrees(exact: Decimal, stated: &Figure) -> bool {
    let half = Decimal::new(5, stated.decimals + 1);
    (exact - stated.value).abs() <= half
}

/// Runs every check of the report against itself.
pub fn run(c: &mut Checker) {
    for i in 0..c.claims.len() {
        single(c, i);
    }
    criteria(c);
    reassessed(c);
    stated_twice(c);
}

/// The checks of one claim on its own.
fn single(c: &mut Checker, i: usize) {
    match &c.claims[i].claim {
        Claim::Names { n, text, names, .. } => {
            if names.len() != *n as usize {
                let named = names.len();
                c.find(
                    i,
                    Severity::Error,
                    Message::AuditNamesCount {
                        count: text.clone(),
                        named,
                    },
                );
            } else {
                c.checked(i);
            }
            let mut seen: Vec<String> = Vec::new();
            for name in names {
                if seen.contains(&fold(name)) {
                    c.find(
                        i,
                        Severity::Warning,
                        Message::AuditNameTwice { name: name.clone() },
                    );
                }
                seen.push(fold(name));
            }
        }
        Claim::Criteria { n, text, numbers } => {
            if numbers.len() != *n as usize {
                let list = numbers
                    .iter()
                    .map(u32::to_string)
                    .collect::<Vec<_>>()
                    .join(", ");
                let message = Message::AuditCriteriaCount {
                    count: text.clone(),
                    listed: numbers.len(),
                    numbers: list,
                };
                c.find(i, Severity::Error, message);
            } else {
                c.checked(i);
            }
        }
        Claim::Percent {
            part,
            whole,
            percent: p,
        } => {
            if let Some(message) = percent_message(part, whole, p) {
                c.find(i, Severity::Error, message);
            } else {
                c.checked(i);
            }
        }
        Claim::Parts { total, parts } => {
            let sum: Decimal = parts.iter().map(|p| p.value).sum();
            if sum != total.value {
                let decimals = parts.iter().map(|p| p.decimals).max().unwrap_or(0);
                let message = Message::AuditPartsSum {
                    total: total.text.clone(),
                    sum: vi_fixed(sum, decimals),
                    parts: parts
                        .iter()
                        .map(|p| p.text.as_str())
                        .collect::<Vec<_>>()
                        .join(" + "),
                };
                c.find(i, Severity::Error, message);
            } else {
                c.checked(i);
            }
        }
        Claim::Split {
            met,
            not_met,
            whole,
        } => {
            if met + not_met != *whole {
                let message = Message::AuditSplit {
                    met: *met,
                    not_met: *not_met,
                    sum: met + not_met,
                    whole: *whole,
                };
                c.find(i, Severity::Error, message);
            } else {
                c.checked(i);
            }
        }
        Claim::Column {
            column,
            rule,
            stated,
            computed,
            rows,
        } => {
            let ok = match rule {
                Rule::Average => agrees(*computed, stated),
                _ => stated.value == *computed,
            };
            if ok {
                c.checked(i);
                return;
            }
            let (column, stated_text, rows) = (column.clone(), stated.text.clone(), *rows);
            let computed = match rule {
                Rule::Average => vi_fixed(*computed, stated.decimals),
                Rule::Difference if computed.is_sign_positive() && !computed.is_zero() => {
                    format!("+{}", vi(*computed))
                }
                _ => vi(*computed),
            };
            let message = match rule {
                Rule::Sum => Message::AuditColumnSum {
                    column,
                    stated: stated_text,
                    computed,
                    rows,
                },
                Rule::Marks => Message::AuditColumnMarks {
                    column,
                    stated: stated_text,
                    computed,
                },
                Rule::RowMarks => Message::AuditRowMarks {
                    row: column,
                    stated: stated_text,
                    computed,
                },
                Rule::Difference => Message::AuditColumnDifference {
                    column,
                    stated: stated_text,
                    computed,
                },
                Rule::Average => Message::AuditColumnAverage {
                    column,
                    stated: stated_text,
                    computed,
                    rows,
                },
                Rule::Sequence => Message::AuditRowNumber {
                    stated: stated_text,
                    expected: computed,
                },
            };
            c.find(i, Severity::Error, message);
        }
        Claim::Change {
            delta,
            text,
            gained,
            lost,
        } => match (gained, lost) {
            (None, None) if *delta != 0 => c.find(
                i,
                Severity::Warning,
                Message::AuditChangeUnnamed {
                    change: text.clone(),
                },
            ),
            (Some(g), Some(l)) if g.len() as i32 - l.len() as i32 != *delta => {
                let message = Message::AuditChangeNames {
                    change: text.clone(),
                    gained: g.len(),
                    lost: l.len(),
                };
                c.find(i, Severity::Error, message);
            }
            _ => c.checked(i),
        },
        _ => {}
    }
}

/// The message for a percentage its ratio does not give, if it does not.
pub fn percent_message(part: &Figure, whole: &Figure, stated: &Figure) -> Option<Message> {
    let exact = percent(part.value, whole.value)?;
    if agrees(exact, stated) {
        return None;
    }
    Some(Message::AuditPercent {
        part: part.text.clone(),
        whole: whole.text.clone(),
        exact: vi_fixed(exact, 2),
        rounded: vi_fixed(exact, stated.decimals),
        stated: stated.text.clone(),
        denominator: denominator(part, whole, stated),
    })
}

/// The denominator that gives the stated percentage: a whole number when the ratio is of
/// whole numbers and one fits, else rounded to the decimals of the written denominator.
fn denominator(part: &Figure, whole: &Figure, stated: &Figure) -> String {
    if stated.value.is_zero() {
        return "—".into();
    }
    let exact = part.value * Decimal::ONE_HUNDRED / stated.value;
    if part.decimals == 0 && whole.decimals == 0 {
        let near = round(exact, 0);
        let fits = percent(part.value, near).is_some_and(|p| agrees(p, stated));
        if fits {
            return vi(near);
        }
    }
    vi_fixed(exact, whole.decimals.max(2))
}

/// What the per-criterion claims say about each commune: met, not met, or unknown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Known {
    Met,
    NotMet,
    Unknown,
}

/// The checks across the criteria: the same criterion twice, gains against lists, the
/// classes and the average against the per-criterion counts and lists.
fn criteria(c: &mut Checker) {
    let mut first: BTreeMap<u32, usize> = BTreeMap::new();
    for i in 0..c.claims.len() {
        let Claim::Criterion(cc) = &c.claims[i].claim else {
            continue;
        };
        let cc = cc.clone();
        c.checked(i);
        match first.get(&cc.number) {
            Some(&j) => {
                let Claim::Criterion(fc) = &c.claims[j].claim else {
                    unreachable!()
                };
                if fc.met.is_some() && cc.met.is_some() && fc.met != cc.met {
                    let message = Message::AuditCriterionTwice {
                        criterion: cc.number,
                        first: fc.met_text.clone(),
                        second: cc.met_text.clone(),
                        at: c.place(j),
                    };
                    c.find(i, Severity::Error, message);
                }
            }
            None => {
                first.insert(cc.number, i);
            }
        }
        changes_against_lists(c, i, &cc);
    }
    let canonical: Vec<(usize, CriterionClaim)> = first
        .values()
        .map(|&i| match &c.claims[i].claim {
            Claim::Criterion(cc) => (i, cc.clone()),
            _ => unreachable!(),
        })
        .collect();
    let communes = commune_count(c, &canonical);
    let Some(n) = communes else {
        return;
    };
    let numbers: Vec<u32> = canonical.iter().map(|(_, cc)| cc.number).collect();
    let k = numbers.len() as u32;
    let complete = k >= 2
        && numbers.iter().copied().eq(1..=k)
        && canonical.iter().all(|(_, cc)| cc.met.is_some());
    if complete {
        totals(c, &canonical, n);
    }
    let roster = roster(c);
    if complete && roster.len() == n as usize {
        classes(c, &canonical, &roster, k);
    }
    classes_sum(c, n, if complete { Some(k) } else { None });
}

/// Gained communes must meet the criterion; lost ones must not.
fn changes_against_lists(c: &mut Checker, i: usize, cc: &CriterionClaim) {
    let Some(met) = &cc.met_names else {
        return;
    };
    for name in cc.gained.iter().flatten() {
        if !met.iter().any(|m| same(m, name)) {
            let message = Message::AuditGainedNotMet {
                name: name.clone(),
                criterion: cc.number,
            };
            c.find(i, Severity::Error, message);
        }
    }
    for name in cc.lost.iter().flatten() {
        if met.iter().any(|m| same(m, name)) {
            let message = Message::AuditLostButMet {
                name: name.clone(),
                criterion: cc.number,
            };
            c.find(i, Severity::Error, message);
        }
    }
}

/// The number of communes: the whole most criterion counts are over ("x/16 xã").
fn commune_count(c: &Checker, canonical: &[(usize, CriterionClaim)]) -> Option<u32> {
    let mut votes: BTreeMap<u32, usize> = BTreeMap::new();
    for (_, cc) in canonical {
        if let Some(w) = cc.whole {
            *votes.entry(w).or_default() += 1;
        }
    }
    for f in c.claims {
        if let Claim::Recognized { whole: Some(w), .. } = f.claim {
            *votes.entry(w).or_default() += 1;
        }
    }
    votes
        .into_iter()
        .max_by_key(|&(w, n)| (n, w))
        .map(|(w, _)| w)
}

/// The communes the report names, in the order it first names them.
fn roster(c: &Checker) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut add = |names: &[String]| {
        for n in names {
            if !out.iter().any(|o| same(o, n)) {
                out.push(n.clone());
            }
        }
    };
    for f in c.claims {
        match &f.claim {
            Claim::Criterion(cc) => {
                for l in [&cc.met_names, &cc.not_met_names, &cc.gained, &cc.lost]
                    .into_iter()
                    .flatten()
                {
                    add(l);
                }
            }
            Claim::Class {
                names: Some(l),
                villages: false,
                ..
            }
            | Claim::Recognized { names: Some(l), .. } => add(l),
            _ => {}
        }
    }
    out
}

/// The status of every commune for one criterion, as far as the claim tells.
fn statuses(cc: &CriterionClaim, roster: &[String], n: u32) -> Vec<Known> {
    let named = |list: &Option<Vec<String>>, name: &String| {
        list.as_ref()
            .is_some_and(|l| l.iter().any(|x| same(x, name)))
    };
    let met = cc.met.unwrap_or(0);
    let exact_met = cc.met_names.as_ref().is_some_and(|l| l.len() as u32 == met);
    let exact_not = cc
        .not_met_names
        .as_ref()
        .is_some_and(|l| l.len() as u32 + met == n);
    roster
        .iter()
        .map(|name| {
            if exact_met {
                if named(&cc.met_names, name) {
                    Known::Met
                } else {
                    Known::NotMet
                }
            } else if exact_not {
                if named(&cc.not_met_names, name) {
                    Known::NotMet
                } else {
                    Known::Met
                }
            } else if met == n {
                Known::Met
            } else if met == 0 {
                Known::NotMet
            } else if named(&cc.met_names, name) || named(&cc.gained, name) {
                Known::Met
            } else if named(&cc.not_met_names, name) || named(&cc.lost, name) {
                Known::NotMet
            } else {
                Known::Unknown
            }
        })
        .collect()
}

/// The class label as the report writes it ("19", "15 - 18", "dưới 10").
fn label(min: u32, max: u32) -> String {
    if min == max {
        min.to_string()
    } else {
        format!("{min} - {max}")
    }
}

/// Each class against what the per-criterion lists allow.
fn classes(c: &mut Checker, canonical: &[(usize, CriterionClaim)], roster: &[String], _k: u32) {
    let n = roster.len() as u32;
    let per: Vec<Vec<Known>> = canonical
        .iter()
        .map(|(_, cc)| statuses(cc, roster, n))
        .collect();
    let range: Vec<(u32, u32)> = (0..roster.len())
        .map(|r| {
            let met = per.iter().filter(|s| s[r] == Known::Met).count() as u32;
            let unknown = per.iter().filter(|s| s[r] == Known::Unknown).count() as u32;
            (met, met + unknown)
        })
        .collect();
    for i in 0..c.claims.len() {
        let Claim::Class {
            min,
            max,
            n: stated,
            text,
            names,
            villages: false,
        } = &c.claims[i].claim
        else {
            continue;
        };
        let (min, max, stated) = (*min, *max, *stated);
        let (text, names) = (text.clone(), names.clone());
        let inside = range
            .iter()
            .filter(|&&(lo, hi)| lo >= min && hi <= max)
            .count() as u32;
        let touching: Vec<&String> = roster
            .iter()
            .zip(&range)
            .filter(|(_, (lo, hi))| *hi >= min && *lo <= max)
            .map(|(name, _)| name)
            .collect();
        let most = touching.len() as u32;
        if stated < inside || stated > most {
            let possible = if inside == most {
                inside.to_string()
            } else {
                format!("{inside}–{most}")
            };
            let message = Message::AuditClassCount {
                label: label(min, max),
                stated: text,
                possible,
                names: if touching.is_empty() {
                    "—".into()
                } else {
                    touching
                        .iter()
                        .map(|s| s.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                },
            };
            c.find(i, Severity::Error, message);
        } else {
            c.checked(i);
        }
        for name in names.iter().flatten() {
            let Some(r) = roster.iter().position(|x| same(x, name)) else {
                continue;
            };
            let (lo, hi) = range[r];
            if hi < min || lo > max {
                let count = if lo == hi {
                    lo.to_string()
                } else {
                    format!("{lo}–{hi}")
                };
                let message = Message::AuditClassMember {
                    name: name.clone(),
                    label: label(min, max),
                    count,
                };
                c.find(i, Severity::Error, message);
            }
        }
    }
}

/// The average and the total against the sum of the per-criterion counts, and the year
/// before's average against the counts less their changes.
fn totals(c: &mut Checker, canonical: &[(usize, CriterionClaim)], n: u32) {
    let total: u32 = canonical.iter().filter_map(|(_, cc)| cc.met).sum();
    let previous: Option<i64> = canonical
        .iter()
        .map(|(_, cc)| Some(i64::from(cc.met?) - i64::from(cc.delta?)))
        .sum();
    let mut stated_total = None;
    for i in 0..c.claims.len() {
        if let Claim::Plan {
            added,
            total: planned,
            average,
        } = &c.claims[i].claim
        {
            let (added, planned, average) = (*added, *planned, average.clone());
            plan(
                c,
                i,
                stated_total.unwrap_or(total),
                added,
                planned,
                average,
                n,
            );
        }
        if let Claim::TotalCriteria { n: t } = c.claims[i].claim {
            stated_total = Some(t);
            if t != total {
                c.find(
                    i,
                    Severity::Error,
                    Message::AuditTotalCounts {
                        stated: t,
                        sum: total,
                    },
                );
            } else {
                c.checked(i);
            }
        }
    }
    for i in 0..c.claims.len() {
        let Claim::Average {
            value,
            previous: prev,
        } = &c.claims[i].claim
        else {
            continue;
        };
        let (value, prev) = (value.clone(), *prev);
        let sum = match (prev, previous) {
            (false, _) => total,
            (true, Some(p)) if p >= 0 => p as u32,
            (true, _) => continue,
        };
        let exact = Decimal::from(sum) / Decimal::from(n.max(1));
        if !agrees(exact, &value) {
            let (stated, computed) = (value.text.clone(), vi_fixed(exact, value.decimals));
            let m = if prev {
                Message::AuditPreviousAverage {
                    stated,
                    computed,
                    total: sum,
                    communes: n,
                }
            } else {
                Message::AuditAverageCounts {
                    stated,
                    computed,
                    total: sum,
                    communes: n,
                }
            };
            c.find(i, Severity::Error, m);
        } else {
            c.checked(i);
        }
        if let (Some(t), false) = (stated_total, prev) {
            let exact = Decimal::from(t) / Decimal::from(n.max(1));
            if !agrees(exact, &value) && t != total {
                let m = Message::AuditAverageTotal {
                    stated: value.text.clone(),
                    computed: vi_fixed(exact, value.decimals),
                    total: t,
                    communes: n,
                };
                c.find(i, Severity::Error, m);
            }
        }
    }
}

/// Next year's planned total against this year's and the criteria to add, and the planned
/// average against the planned total.
fn plan(
    c: &mut Checker,
    i: usize,
    current: u32,
    added: Option<u32>,
    planned: Option<u32>,
    average: Option<Figure>,
    n: u32,
) {
    c.checked(i);
    let total = match (added, planned) {
        (Some(a), Some(p)) => {
            if current + a != p {
                let m = Message::AuditPlanTotal {
                    current,
                    added: a,
                    sum: current + a,
                    stated: p,
                };
                c.find(i, Severity::Error, m);
            }
            p
        }
        (Some(a), None) => current + a,
        (None, Some(p)) => p,
        (None, None) => return,
    };
    if let Some(avg) = average {
        let exact = Decimal::from(total) / Decimal::from(n.max(1));
        if !agrees(exact, &avg) {
            let m = Message::AuditAverageTotal {
                stated: avg.text.clone(),
                computed: vi_fixed(exact, avg.decimals),
                total,
                communes: n,
            };
            c.find(i, Severity::Error, m);
        }
    }
}

/// The classes of communes add up to all communes when they cover every count of
/// criteria; the classes of villages add up to the villages assessed.
fn classes_sum(c: &mut Checker, n: u32, k: Option<u32>) {
    for villages in [false, true] {
        let classes: Vec<(usize, u32, u32, u32)> = c
            .claims
            .iter()
            .enumerate()
            .filter_map(|(i, f)| match f.claim {
                Claim::Class {
                    min,
                    max,
                    n,
                    villages: v,
                    ..
                } if v == villages => Some((i, min, max, n)),
                _ => None,
            })
            .collect();
        let Some(&(last, ..)) = classes.last() else {
            continue;
        };
        // A class stated twice ("Đạt 18 tiêu chí: 11 thôn, bản", then "Số thôn, bản đạt
        // đủ 18 tiêu chí: 11 thôn, bản") is one class: counted once, at its first statement.
        let mut seen: Vec<(u32, u32)> = Vec::new();
        let classes: Vec<(usize, u32, u32, u32)> = classes
            .into_iter()
            .filter(|&(_, a, b, _)| {
                let new = !seen.contains(&(a, b));
                seen.push((a, b));
                new
            })
            .collect();
        let sum: u32 = classes.iter().map(|&(.., n)| n).sum();
        let total = if villages {
            c.claims.iter().find_map(|f| match f.claim {
                Claim::VillageTotal { n } => Some(n),
                _ => None,
            })
        } else {
            let mut covered: Vec<(u32, u32)> = classes.iter().map(|&(_, a, b, _)| (a, b)).collect();
            covered.sort();
            let contiguous = covered.first().is_some_and(|&(a, _)| a == 0)
                && covered.windows(2).all(|w| w[1].0 == w[0].1 + 1)
                && k.is_none_or(|k| covered.last().is_some_and(|&(_, b)| b == k));
            contiguous.then_some(n)
        };
        let Some(total) = total else {
            continue;
        };
        if sum != total {
            let severity = if sum > total || !villages {
                Severity::Error
            } else {
                Severity::Warning
            };
            c.find(
                last,
                severity,
                Message::AuditClassesSum {
                    sum,
                    total,
                    villages,
                },
            );
        }
    }
}

/// Each commune's met and not-met criteria (section 4) against each other.
fn reassessed(c: &mut Checker) {
    /// One of a commune's counts: the claim, the count, its whole, the numbers listed.
    type Part = (usize, u32, Option<u32>, Option<Vec<u32>>);
    struct Commune {
        name: String,
        met: Option<Part>,
        not_met: Option<Part>,
        unknown: Option<Part>,
    }
    let mut list: Vec<Commune> = Vec::new();
    for (i, f) in c.claims.iter().enumerate() {
        let Claim::Reassessed {
            commune,
            polarity,
            n,
            of,
            numbers,
        } = &f.claim
        else {
            continue;
        };
        if list.last().is_none_or(|l| &l.name != commune) {
            list.push(Commune {
                name: commune.clone(),
                met: None,
                not_met: None,
                unknown: None,
            });
        }
        let cur = list.last_mut().expect("just pushed");
        match polarity {
            Polarity::Met if cur.met.is_none() && of.is_some() => {
                cur.met = Some((i, *n, *of, numbers.clone()))
            }
            Polarity::NotMet if cur.not_met.is_none() => {
                cur.not_met = Some((i, *n, *of, numbers.clone()))
            }
            Polarity::Unknown if cur.unknown.is_none() => {
                cur.unknown = Some((i, *n, *of, numbers.clone()))
            }
            _ => {}
        }
    }
    for cm in list {
        let (Some((mi, met, Some(of), met_list)), Some((ni, not_met, _, not_list))) =
            (cm.met, cm.not_met)
        else {
            continue;
        };
        let unknown = cm.unknown.as_ref().map_or(0, |u| u.1);
        c.checked(mi);
        if met + not_met + unknown != of {
            let message = Message::AuditReassessedSum {
                commune: cm.name.clone(),
                met,
                not_met,
                sum: met + not_met + unknown,
                of,
            };
            c.find(ni, Severity::Error, message);
        }
        let (Some(ml), Some(nl)) = (met_list, not_list) else {
            continue;
        };
        let ul: Vec<u32> = cm.unknown.and_then(|u| u.3).unwrap_or_default();
        let join = |v: Vec<u32>| v.iter().map(u32::to_string).collect::<Vec<_>>().join(", ");
        let neither: Vec<u32> = (1..=of)
            .filter(|x| !ml.contains(x) && !nl.contains(x) && !ul.contains(x))
            .collect();
        if !neither.is_empty() {
            let message = Message::AuditReassessedNeither {
                commune: cm.name.clone(),
                numbers: join(neither),
            };
            c.find(ni, Severity::Error, message);
        }
        let both: Vec<u32> = ml.iter().copied().filter(|x| nl.contains(x)).collect();
        if !both.is_empty() {
            let message = Message::AuditReassessedBoth {
                commune: cm.name.clone(),
                numbers: join(both),
            };
            c.find(ni, Severity::Error, message);
        }
    }
}

/// An appendix number cited in two parts of the report, two appendices with one number,
/// and one named amount with two values.
fn stated_twice(c: &mut Checker) {
    let mut cited: BTreeMap<String, (usize, Option<u32>)> = BTreeMap::new();
    let mut titled: BTreeMap<String, usize> = BTreeMap::new();
    let mut amounts: BTreeMap<(String, Option<u32>), usize> = BTreeMap::new();
    for i in 0..c.claims.len() {
        match &c.claims[i].claim {
            Claim::Appendix {
                id,
                part,
                title: false,
            } => match cited.get(id) {
                Some(&(j, p)) if p.is_some() && part.is_some() && p != *part => {
                    let message = Message::AuditAppendixTwice {
                        id: id.clone(),
                        at: c.place(j),
                    };
                    c.find(i, Severity::Warning, message);
                }
                Some(_) => c.checked(i),
                None => {
                    cited.insert(id.clone(), (i, *part));
                }
            },
            Claim::Appendix {
                id, title: true, ..
            } => match titled.get(id) {
                Some(&j) => {
                    let message = Message::AuditAppendixTitleTwice {
                        id: id.clone(),
                        at: c.place(j),
                    };
                    c.find(i, Severity::Warning, message);
                }
                None => {
                    titled.insert(id.clone(), i);
                }
            },
            Claim::Amount { key, value, part } => match amounts.get(&(key.clone(), *part)) {
                Some(&j) => {
                    let Claim::Amount { value: first, .. } = &c.claims[j].claim else {
                        unreachable!()
                    };
                    if first.value != value.value {
                        let site = &c.claims[i].site;
                        let what = c.doc.units[site.unit].text[site.at.clone()]
                            .trim_start_matches(|ch: char| {
                                ch.is_ascii_digit() || ch == '.' || ch == ','
                            })
                            .trim()
                            .to_string();
                        let message = Message::AuditStatedTwice {
                            what,
                            first: first.text.clone(),
                            second: value.text.clone(),
                            at: c.place(j),
                        };
                        c.find(i, Severity::Warning, message);
                    } else {
                        c.checked(i);
                        c.checked(j);
                    }
                }
                None => {
                    amounts.insert((key.clone(), *part), i);
                }
            },
            _ => {}
        }
    }
}
