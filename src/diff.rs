//! `ntm-report diff`: what changed between two sets of [`Facts`] — two years of one data
//! folder, or one year of two folders.
//!
//! Communes are matched by id (names may change between years), criteria by number, classes
//! by label, funding sources by id. Every list is in a fixed order: communes in the roster
//! order of B, then those only in A; criteria in the ruleset order of B, then those only in
//! A; so the same inputs always give the same bytes.
//!
//! A [`Diff`] lists only the communes and criteria that changed; the summary parts (total,
//! average, classes, villages, funding) hold both sides in full so that a JSON reader sees
//! the whole picture. The text and Markdown renderers print only what changed.

use crate::diagnostic::Lang;
use crate::facts::{CommuneFacts, Facts, Status};
use crate::number::vi_scaled;
use rust_decimal::Decimal;
use serde::Serialize;
use std::fmt::Write as _;

/// The version of the JSON form; raised on any change that could break a reader.
pub const SCHEMA_VERSION: u32 = 2;

/// A value before (in A) and after (in B).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change<T> {
    pub before: T,
    pub after: T,
}

impl<T: PartialEq> Change<T> {
    pub fn new(before: T, after: T) -> Self {
        Change { before, after }
    }

    /// Whether the two sides differ.
    pub fn changed(&self) -> bool {
        self.before != self.after
    }
}

/// One side of the comparison.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Side {
    /// How the side is named in the output: the year by default, or e.g. a folder name.
    pub label: String,
    pub year: i32,
}

impl Side {
    /// A side named by the year of its facts.
    fn of(facts: &Facts) -> Side {
        Side {
            label: facts.year.to_string(),
            year: facts.year,
        }
    }
}

/// Whether a commune is on both sides or only one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Presence {
    /// On both sides, with some difference.
    Changed,
    /// Only in B.
    Added,
    /// Only in A.
    Removed,
    /// In B, formed from communes of A by a merger (or holding a part of one): compared
    /// with A carried onto it.
    Merged,
}

/// An old commune a commune of B was formed from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Predecessor {
    pub id: String,
    pub name: String,
    /// Only a part of it went into the commune (a partial transfer).
    pub part: bool,
}

/// A commune of A, across a merger: where it went.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OldCommune {
    pub id: String,
    pub name: String,
    /// Criteria met in A, by A's own ruleset.
    pub criteria_met: u32,
    /// Names of B's communes holding it (whole or in part).
    pub into: Vec<String>,
}

/// A commune that differs between A and B.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CommuneDiff {
    pub id: String,
    /// The name in B (in A for a removed commune).
    pub name: String,
    pub presence: Presence,
    /// The name in A, when it differs from the name in B.
    pub previous_name: Option<String>,
    /// Criteria met (official count); `None` on the side the commune is not on.
    pub criteria_met: Change<Option<u32>>,
    /// Criteria met in B and not in A (empty for added and removed communes).
    pub gained: Vec<u32>,
    /// Criteria met in A and not in B (empty for added and removed communes).
    pub lost: Vec<u32>,
    /// Recognition as an NTM commune: "decision (date)", `None` when not recognised.
    pub recognized: Change<Option<String>>,
    /// The communes of A it was formed from (empty unless `presence` is `merged`).
    pub predecessors: Vec<Predecessor>,
}

/// A criterion whose count or communes differ.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CriterionDiff {
    pub number: u32,
    /// The name in B (in A for a criterion only in A).
    pub name: String,
    /// Communes meeting it; `None` on a side whose ruleset has no such criterion.
    pub count: Change<Option<usize>>,
    /// Communes (names as in B) meeting it in B and not in A, including communes only in B;
    /// in roster order. `count.after - count.before == gained.len() - lost.len()`.
    pub gained: Vec<String>,
    /// Communes meeting it in A and not in B, including communes only in A.
    pub lost: Vec<String>,
}

/// The number of communes in a class.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ClassDiff {
    pub label: String,
    /// `None` on a side that has no class of this label.
    pub count: Change<Option<usize>>,
}

/// Villages by number of criteria met.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct VillagesDiff {
    /// Villages evaluated; `None` on a side without village data.
    pub total: Change<Option<usize>>,
    /// Villages meeting every criterion of the village set.
    pub meeting_all: Change<Option<usize>>,
    /// Every number of criteria that occurs on either side, ascending.
    pub by_criteria_met: Vec<VillageCountDiff>,
}

/// How many villages meet a given number of criteria.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct VillageCountDiff {
    pub criteria_met: u32,
    /// `None` on a side without village data (0 when that side has villages but none at this
    /// count).
    pub villages: Change<Option<usize>>,
}

/// Funding mobilised, million VND (normalised decimals, written as strings).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FundingDiff {
    /// `None` on a side without funding data.
    pub total: Change<Option<Decimal>>,
    /// The top-level sources, matched by id: B's order, then those only in A.
    pub sources: Vec<FundingSourceDiff>,
}

/// One top-level funding source.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FundingSourceDiff {
    pub id: String,
    pub name: String,
    pub amount: Change<Option<Decimal>>,
}

/// What changed between two sets of facts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diff {
    pub schema_version: u32,
    pub a: Side,
    pub b: Side,
    /// Communes that differ: B's roster order, then the communes only in A.
    pub communes: Vec<CommuneDiff>,
    /// Criteria that differ, in ruleset order.
    pub criteria: Vec<CriterionDiff>,
    pub total_criteria_met: Change<u32>,
    /// Two decimals, decimal point (`"11.06"` in JSON).
    pub average_criteria_per_commune: Change<Decimal>,
    /// Every class of either side.
    pub classes: Vec<ClassDiff>,
    /// `None` when neither side has village data.
    pub villages: Option<VillagesDiff>,
    /// `None` when neither side has funding data.
    pub funding: Option<FundingDiff>,
    /// Across a merger (B's facts carry A onto B's communes): A by its own communes, each
    /// with the communes of B it went into; empty otherwise.
    pub old_communes: Vec<OldCommune>,
    /// Whether the text and Markdown forms list `old_communes` (`--old-communes`); JSON
    /// always has them.
    #[serde(skip)]
    pub show_old_communes: bool,
}

impl Diff {
    /// Whether there is no difference at all.
    pub fn is_empty(&self) -> bool {
        self.communes.is_empty()
            && self.criteria.is_empty()
            && !self.total_criteria_met.changed()
            && !self.average_criteria_per_commune.changed()
            && self.classes.iter().all(|c| !c.count.changed())
            && self.villages.as_ref().is_none_or(|v| {
                !v.total.changed()
                    && !v.meeting_all.changed()
                    && v.by_criteria_met.iter().all(|r| !r.villages.changed())
            })
            && self
                .funding
                .as_ref()
                .is_none_or(|f| !f.total.changed() && f.sources.iter().all(|s| !s.amount.changed()))
    }

    /// Lists A by its own communes in the text and Markdown forms, across a merger.
    pub fn showing_old_communes(mut self, yes: bool) -> Self {
        self.show_old_communes = yes;
        self
    }

    /// Names the two sides (e.g. two folder names) instead of their years.
    pub fn with_labels(mut self, a: impl Into<String>, b: impl Into<String>) -> Self {
        self.a.label = a.into();
        self.b.label = b.into();
        self
    }
}

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
        let before_recognition = cc
            .predecessors
            .iter()
            .all(|p| p.recognized.is_some())
            .then(|| {
                cc.predecessors
                    .iter()
                    .filter_map(|p| p.recognized.as_ref())
                    .max_by_key(|r| r.date)
                    .map(|r| format!("{} ({})", r.decision, r.date))
            })
            .flatten();
        let previous_name = carried
            .events
            .iter()
            .find(|e| e.kind == "rename" && e.commune == cb.id)
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

/// Styling through anstyle, or none.
struct Paint(bool);

impl Paint {
    fn wrap(&self, style: anstyle::Style, s: &str) -> String {
        if self.0 {
            format!("{style}{s}{style:#}")
        } else {
            s.to_string()
        }
    }
    fn bold(&self, s: &str) -> String {
        self.wrap(anstyle::Style::new().bold(), s)
    }
    fn green(&self, s: &str) -> String {
        self.wrap(anstyle::AnsiColor::Green.on_default(), s)
    }
    fn red(&self, s: &str) -> String {
        self.wrap(anstyle::AnsiColor::Red.on_default(), s)
    }
}

/// How the text form writes numbers and labels in a language.
struct Words {
    lang: Lang,
}

impl Words {
    fn pick(&self, en: &'static str, vi: &'static str) -> &'static str {
        self.lang.pick(en, vi)
    }

    /// A decimal keeping its scale: `11,06` and `170.251` in Vietnamese, `11.06` and
    /// `170251` in English.
    fn decimal(&self, d: &Decimal) -> String {
        match self.lang {
            Lang::Vi => vi_scaled(*d),
            Lang::En => d.to_string(),
        }
    }

    fn opt_decimal(&self, v: &Option<Decimal>) -> String {
        v.as_ref()
            .map_or_else(|| "—".to_string(), |d| self.decimal(d))
    }
}

fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map_or_else(|| "—".to_string(), T::to_string)
}

fn arrow(before: &str, after: &str) -> String {
    format!("{before} → {after}")
}

fn numbers(ns: &[u32]) -> String {
    ns.iter().map(u32::to_string).collect::<Vec<_>>().join(", ")
}

/// Readable text, like a changelog, with its labels and numbers in `lang` (names stay as
/// the data gives them); ANSI colours when `color`.
pub fn render_text(d: &Diff, lang: Lang, color: bool) -> String {
    let p = Paint(color);
    let w = Words { lang };
    let mut s = String::new();
    let title = format!("{} → {}", d.a.label, d.b.label);
    if d.is_empty() {
        let none = w.pick("No differences", "Không có thay đổi");
        let _ = writeln!(s, "{none}: {title}");
        return s;
    }
    let changes = w.pick("Changes", "So sánh");
    let _ = writeln!(s, "{}", p.bold(&format!("{changes} {title}")));

    if !d.communes.is_empty() {
        let _ = writeln!(s, "\n{}", p.bold(w.pick("Communes", "Xã")));
        for c in &d.communes {
            let _ = writeln!(s, "  {}", commune_line(c, &p, &w));
        }
    }

    if d.show_old_communes && !d.old_communes.is_empty() {
        let title = match lang {
            Lang::Vi => format!(
                "Năm {} theo xã cũ (số tiêu chí đạt → nay thuộc xã)",
                d.a.label
            ),
            Lang::En => format!(
                "{} by the old communes (criteria met → where it went)",
                d.a.label
            ),
        };
        let _ = writeln!(s, "\n{}", p.bold(&title));
        for line in old_commune_lines(d) {
            let _ = writeln!(s, "  {line}");
        }
    }

    if !d.criteria.is_empty() {
        let _ = writeln!(s, "\n{}", p.bold(w.pick("Criteria", "Tiêu chí")));
        let tc = w.pick("Criterion", "TC");
        for c in &d.criteria {
            let mut line = format!(
                "  {tc} {} {}: {}",
                c.number,
                c.name,
                arrow(&opt(&c.count.before), &opt(&c.count.after))
            );
            let mut names = Vec::new();
            if !c.gained.is_empty() {
                names.push(p.green(&format!("+ {}", c.gained.join(", "))));
            }
            if !c.lost.is_empty() {
                names.push(p.red(&format!("- {}", c.lost.join(", "))));
            }
            if !names.is_empty() {
                let _ = write!(line, " ({})", names.join("; "));
            }
            let _ = writeln!(s, "{line}");
        }
    }

    let _ = writeln!(s, "\n{}", p.bold(w.pick("Summary", "Tổng hợp")));
    let _ = writeln!(
        s,
        "  {}: {}",
        w.pick("Criteria met in all", "Tổng số tiêu chí đạt"),
        arrow(
            &d.total_criteria_met.before.to_string(),
            &d.total_criteria_met.after.to_string()
        )
    );
    let _ = writeln!(
        s,
        "  {}: {}",
        w.pick("Average criteria per commune", "Bình quân tiêu chí/xã"),
        arrow(
            &w.decimal(&d.average_criteria_per_commune.before),
            &w.decimal(&d.average_criteria_per_commune.after)
        )
    );
    let classes: Vec<&ClassDiff> = d.classes.iter().filter(|c| c.count.changed()).collect();
    if !classes.is_empty() {
        let _ = writeln!(s, "  {}:", w.pick("Communes by class", "Phân loại xã"));
        for c in classes {
            let _ = writeln!(
                s,
                "    {}: {}",
                c.label,
                arrow(&opt(&c.count.before), &opt(&c.count.after))
            );
        }
    }
    if let Some(rows) = summary_villages(d, &w) {
        let heading = w.pick("Villages by criteria met", "Thôn, bản theo số tiêu chí đạt");
        let _ = writeln!(s, "  {heading}:");
        for (what, before, after) in rows {
            let _ = writeln!(s, "    {what}: {}", arrow(&before, &after));
        }
    }
    if let Some(rows) = summary_funding(d, &w) {
        let heading = w.pick("Funding mobilised, million VND", "Vốn huy động, triệu đồng");
        let _ = writeln!(s, "  {heading}:");
        for (what, before, after) in rows {
            let _ = writeln!(s, "    {what}: {}", arrow(&before, &after));
        }
    }
    s
}

/// The old communes a merged commune was formed from: "Hoang Thèn, Bản Lang, một phần
/// Nùng Nàng".
fn formed_from(c: &CommuneDiff, w: &Words) -> String {
    c.predecessors
        .iter()
        .map(|p| {
            if p.part {
                format!("{} {}", w.pick("part of", "một phần"), p.name)
            } else {
                p.name.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A across a merger, by its own communes: each with its criteria and where it went.
fn old_commune_lines(d: &Diff) -> Vec<String> {
    d.old_communes
        .iter()
        .map(|o| format!("{}: {} → {}", o.name, o.criteria_met, o.into.join(", ")))
        .collect()
}

fn commune_line(c: &CommuneDiff, p: &Paint, w: &Words) -> String {
    let count = arrow(&opt(&c.criteria_met.before), &opt(&c.criteria_met.after));
    let mut line = c.name.clone();
    match c.presence {
        Presence::Added => {
            let _ = write!(line, ": {} ({count})", p.green(w.pick("added", "mới")));
            return line;
        }
        Presence::Removed => {
            let removed = w.pick("removed", "không còn");
            let _ = write!(line, ": {} ({count})", p.red(removed));
            return line;
        }
        Presence::Changed => {}
        Presence::Merged => {
            let from = w.pick("formed from", "gồm");
            let _ = write!(line, " ({from}: {})", formed_from(c, w));
        }
    }
    if let Some(prev) = &c.previous_name {
        let _ = write!(line, " ({}: {prev})", w.pick("formerly", "trước đây"));
    }
    line.push(':');
    for n in &c.gained {
        let _ = write!(line, " {}", p.green(&format!("+{n}")));
    }
    for n in &c.lost {
        let _ = write!(line, " {}", p.red(&format!("-{n}")));
    }
    let _ = write!(line, " ({count})");
    if c.recognized.changed() {
        let _ = write!(
            line,
            "; {}: {}",
            w.pick("recognised as NTM", "công nhận NTM"),
            arrow(&opt(&c.recognized.before), &opt(&c.recognized.after))
        );
    }
    line
}

/// The changed village rows as (what, before, after).
fn summary_villages(d: &Diff, w: &Words) -> Option<Vec<(String, String, String)>> {
    let v = d.villages.as_ref()?;
    let mut rows = Vec::new();
    if v.total.changed() {
        rows.push((
            w.pick("Villages assessed", "Số thôn, bản được đánh giá")
                .to_string(),
            opt(&v.total.before),
            opt(&v.total.after),
        ));
    }
    for r in v.by_criteria_met.iter().filter(|r| r.villages.changed()) {
        rows.push((
            format!("{} {}", r.criteria_met, w.pick("criteria", "tiêu chí")),
            opt(&r.villages.before),
            opt(&r.villages.after),
        ));
    }
    if v.meeting_all.changed() {
        rows.push((
            w.pick(
                "Meeting the standard (every criterion)",
                "Đạt chuẩn (mọi tiêu chí)",
            )
            .to_string(),
            opt(&v.meeting_all.before),
            opt(&v.meeting_all.after),
        ));
    }
    (!rows.is_empty()).then_some(rows)
}

/// The changed funding rows as (what, before, after), the total first.
fn summary_funding(d: &Diff, w: &Words) -> Option<Vec<(String, String, String)>> {
    let f = d.funding.as_ref()?;
    let mut rows = Vec::new();
    if f.total.changed() {
        rows.push((
            w.pick("Total", "Tổng").to_string(),
            w.opt_decimal(&f.total.before),
            w.opt_decimal(&f.total.after),
        ));
    }
    for s in f.sources.iter().filter(|s| s.amount.changed()) {
        rows.push((
            s.name.clone(),
            w.opt_decimal(&s.amount.before),
            w.opt_decimal(&s.amount.after),
        ));
    }
    (!rows.is_empty()).then_some(rows)
}

/// A table cell: `|` would end the cell, a line break the row.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// Markdown: a title, then tables of what changed.
pub fn render_markdown(d: &Diff) -> String {
    let (la, lb) = (cell(&d.a.label), cell(&d.b.label));
    let mut s = String::new();
    let _ = writeln!(s, "# So sánh {la} → {lb}\n");
    if d.is_empty() {
        let _ = writeln!(s, "Không có thay đổi (no differences).");
        return s;
    }

    if !d.communes.is_empty() {
        let _ = writeln!(s, "## Xã\n");
        let _ = writeln!(
            s,
            "| Xã | Đạt thêm tiêu chí | Không còn đạt | Số tiêu chí {la} | Số tiêu chí {lb} | Ghi chú |"
        );
        let _ = writeln!(s, "|---|---|---|--:|--:|---|");
        for c in &d.communes {
            let mut notes = Vec::new();
            match c.presence {
                Presence::Added => notes.push(format!("chỉ có ở {lb}")),
                Presence::Removed => notes.push(format!("chỉ có ở {la}")),
                Presence::Changed => {}
                Presence::Merged => notes.push(format!(
                    "gồm {}",
                    cell(&formed_from(c, &Words { lang: Lang::Vi }))
                )),
            }
            if let Some(prev) = &c.previous_name {
                notes.push(format!("trước đây: {}", cell(prev)));
            }
            if c.recognized.changed() {
                notes.push(format!(
                    "công nhận NTM: {}",
                    cell(&arrow(
                        &opt(&c.recognized.before),
                        &opt(&c.recognized.after)
                    ))
                ));
            }
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} | {} | {} |",
                cell(&c.name),
                numbers(&c.gained),
                numbers(&c.lost),
                opt(&c.criteria_met.before),
                opt(&c.criteria_met.after),
                notes.join("; ")
            );
        }
        s.push('\n');
    }

    if d.show_old_communes && !d.old_communes.is_empty() {
        let _ = writeln!(s, "## Năm {la} theo xã cũ\n");
        let _ = writeln!(s, "| Xã cũ | Số tiêu chí {la} | Nay thuộc xã |");
        let _ = writeln!(s, "|---|--:|---|");
        for o in &d.old_communes {
            let _ = writeln!(
                s,
                "| {} | {} | {} |",
                cell(&o.name),
                o.criteria_met,
                cell(&o.into.join(", "))
            );
        }
        s.push('\n');
    }

    if !d.criteria.is_empty() {
        let _ = writeln!(s, "## Tiêu chí\n");
        let _ = writeln!(
            s,
            "| TC | Tên tiêu chí | Số xã {la} | Số xã {lb} | Xã đạt thêm | Xã không còn đạt |"
        );
        let _ = writeln!(s, "|--:|---|--:|--:|---|---|");
        for c in &d.criteria {
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} | {} | {} |",
                c.number,
                cell(&c.name),
                opt(&c.count.before),
                opt(&c.count.after),
                cell(&c.gained.join(", ")),
                cell(&c.lost.join(", "))
            );
        }
        s.push('\n');
    }

    let _ = writeln!(s, "## Tổng hợp\n");
    let _ = writeln!(s, "| | {la} | {lb} |");
    let _ = writeln!(s, "|---|--:|--:|");
    let _ = writeln!(
        s,
        "| Tổng số tiêu chí đạt | {} | {} |",
        d.total_criteria_met.before, d.total_criteria_met.after
    );
    let _ = writeln!(
        s,
        "| Bình quân tiêu chí/xã | {} | {} |",
        vi_scaled(d.average_criteria_per_commune.before),
        vi_scaled(d.average_criteria_per_commune.after)
    );
    for c in d.classes.iter().filter(|c| c.count.changed()) {
        let _ = writeln!(
            s,
            "| Số xã {} | {} | {} |",
            cell(&c.label),
            opt(&c.count.before),
            opt(&c.count.after)
        );
    }
    for (what, before, after) in summary_villages(d, &Words { lang: Lang::Vi }).unwrap_or_default()
    {
        let _ = writeln!(s, "| Thôn, bản: {what} | {before} | {after} |");
    }
    if let Some(rows) = summary_funding(d, &Words { lang: Lang::Vi }) {
        for (what, before, after) in rows {
            let _ = writeln!(
                s,
                "| Vốn huy động (triệu đồng): {} | {before} | {after} |",
                cell(&what)
            );
        }
    }
    s
}

/// The diff as pretty-printed JSON (decimals as strings, like `facts.json`).
pub fn render_json(d: &Diff) -> String {
    let mut s = serde_json::to_string_pretty(d).expect("a diff always serialises");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::DataDir;

    fn facts(year: i32) -> Facts {
        let built = crate::compile::facts(&DataDir::new("data"), year);
        let sorted = built.diagnostics.sorted();
        built
            .output
            .unwrap_or_else(|| panic!("{year} is valid: {sorted:?}"))
            .facts
    }

    fn commune<'d>(d: &'d Diff, name: &str) -> &'d CommuneDiff {
        d.communes
            .iter()
            .find(|c| c.name == name)
            .unwrap_or_else(|| panic!("{name} is in the diff"))
    }

    #[test]
    fn shipped_2022_to_2023() {
        let d = diff(&facts(2022), &facts(2023));
        assert_eq!(commune(&d, "Bản Lang").gained, vec![5, 14, 15]);
        assert_eq!(
            commune(&d, "Bản Lang").criteria_met,
            Change::new(Some(9), Some(12))
        );
        assert_eq!(commune(&d, "Nậm Xe").gained, vec![8]);
        assert_eq!(commune(&d, "Lản Nhì Thàng").gained, vec![9, 15]);
        assert_eq!(commune(&d, "Mồ Sì San").gained, vec![13]);
        assert_eq!(commune(&d, "Vàng Ma Chải").gained, vec![13]);
        assert!(d.communes.iter().all(|c| c.lost.is_empty()));
        let c5 = d.criteria.iter().find(|c| c.number == 5).unwrap();
        assert_eq!(c5.count, Change::new(Some(8), Some(9)));
        assert_eq!(c5.gained, vec!["Bản Lang".to_string()]);
        assert!(c5.lost.is_empty());
        assert_eq!(
            d.average_criteria_per_commune,
            Change::new(Decimal::new(1056, 2), Decimal::new(1106, 2))
        );
        assert_eq!(d.total_criteria_met, Change::new(169, 177));
        assert!(!d.is_empty());
        // Roster order of B.
        let order: Vec<&str> = d.communes.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(
            order,
            [
                "lan-nhi-thang",
                "nam-xe",
                "ban-lang",
                "vang-ma-chai",
                "mo-si-san"
            ]
        );
        // Criteria in ruleset order.
        let numbers: Vec<u32> = d.criteria.iter().map(|c| c.number).collect();
        let mut sorted = numbers.clone();
        sorted.sort_unstable();
        assert_eq!(numbers, sorted);
    }

    #[test]
    fn a_year_against_itself_is_empty() {
        let f = facts(2023);
        let d = diff(&f, &f);
        assert!(d.is_empty(), "{d:#?}");
        assert!(render_text(&d, Lang::Vi, false).starts_with("Không có thay đổi: 2023 → 2023"));
        assert!(render_text(&d, Lang::En, false).starts_with("No differences: 2023 → 2023"));
        assert!(render_markdown(&d).contains("Không có thay đổi"));
    }

    #[test]
    fn renders_text_markdown_and_json() {
        let d = diff(&facts(2022), &facts(2023));
        let text = render_text(&d, Lang::Vi, false);
        assert!(text.starts_with("So sánh 2022 → 2023\n\nXã\n"), "{text}");
        assert!(text.contains("  Bản Lang: +5 +14 +15 (9 → 12)\n"), "{text}");
        assert!(
            text.contains("TC 5 Trường học: 8 → 9 (+ Bản Lang)"),
            "{text}"
        );
        assert!(
            text.contains("Bình quân tiêu chí/xã: 10,56 → 11,06"),
            "{text}"
        );
        assert!(!text.contains('\x1b'));
        assert!(
            render_text(&d, Lang::Vi, true).contains("\x1b[32m+5\x1b[0m"),
            "{:?}",
            render_text(&d, Lang::Vi, true)
        );
        // English: every label, and numbers with a decimal point.
        let en = render_text(&d, Lang::En, false);
        for label in [
            "Changes 2022 → 2023\n",
            "\nCommunes\n",
            "\nCriteria\n",
            "  Criterion 5 Trường học: 8 → 9 (+ Bản Lang)\n",
            "\nSummary\n",
            "  Criteria met in all: 169 → 177\n",
            "  Average criteria per commune: 10.56 → 11.06\n",
            "  Communes by class:\n",
            "  Villages by criteria met:\n",
            "  Funding mobilised, million VND:\n",
            "    Total: 402034 → 441565\n",
        ] {
            assert!(en.contains(label), "{label:?} not in\n{en}");
        }
        for vi in ["Xã", "Tổng hợp", "Bình quân", "triệu đồng", "So sánh"] {
            assert!(!en.contains(vi), "{vi} in the English text\n{en}");
        }
        let md = render_markdown(&d);
        assert!(
            md.contains("| Bản Lang | 5, 14, 15 |  | 9 | 12 |  |"),
            "{md}"
        );
        assert!(
            md.contains("| 5 | Trường học | 8 | 9 | Bản Lang |  |"),
            "{md}"
        );
        let v: serde_json::Value = serde_json::from_str(&render_json(&d)).unwrap();
        assert_eq!(v["average_criteria_per_commune"]["after"], "11.06");
        assert_eq!(v["communes"][2]["gained"], serde_json::json!([5, 14, 15]));
        assert_eq!(v["a"]["label"], "2022");
    }

    #[test]
    fn added_removed_and_renamed_communes() {
        let a = facts(2023);
        let mut b = a.clone();
        let removed = b.communes.remove(0); // Mường So, meets all 19
        let mut added = b.communes[0].clone();
        added.id = "xa-moi".into();
        added.name = "Xã | Mới".into();
        b.communes.push(added);
        b.communes[0].name = "Khổng Lào Mới".into();
        let d = diff(&a, &b).with_labels("cũ", "mới");
        let ids: Vec<(&str, Presence)> = d
            .communes
            .iter()
            .map(|c| (c.id.as_str(), c.presence))
            .collect();
        assert_eq!(
            ids,
            [
                ("khong-lao", Presence::Changed),
                ("xa-moi", Presence::Added),
                ("muong-so", Presence::Removed),
            ]
        );
        assert_eq!(d.communes[0].previous_name.as_deref(), Some("Khổng Lào"));
        assert_eq!(d.communes[2].criteria_met, Change::new(Some(19), None));
        // Criterion 1: the facts' own counts are untouched here, but the names follow the
        // communes: the added one gained it, the removed one lost it.
        let c1 = d.criteria.iter().find(|c| c.number == 1).unwrap();
        assert_eq!(c1.gained, vec!["Xã | Mới".to_string()]);
        assert_eq!(c1.lost, vec![removed.name.clone()]);
        let md = render_markdown(&d);
        assert!(md.contains("| Xã \\| Mới |"), "{md}");
        assert!(md.starts_with("# So sánh cũ → mới"));
        let text = render_text(&d, Lang::Vi, false);
        assert!(text.contains("Mường So: không còn (19 → —)"), "{text}");
        assert!(
            text.contains("Khổng Lào Mới (trước đây: Khổng Lào):"),
            "{text}"
        );
        let text = render_text(&d, Lang::En, false);
        assert!(text.contains("Mường So: removed (19 → —)"), "{text}");
        assert!(text.contains("Xã | Mới: added ("), "{text}");
        assert!(
            text.contains("Khổng Lào Mới (formerly: Khổng Lào):"),
            "{text}"
        );
    }
}
