//! Checks of a report against the data (`audit --data DIR --year YEAR`): every claim the
//! compiled facts can answer is compared with them. [`Known`] is the only place the audit
//! reads the facts: what they say in the audit's own terms.

use super::check::{Checker, agrees};
use super::claim::{Claim, Figure};
use super::count::Polarity;
use super::names::same;
use crate::diagnostic::{Hint, Message, Severity, Topic, did_you_mean};
use crate::facts::{Facts, Status};
use crate::number::{vi, vi_count, vi_fixed};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// One criterion over the communes, as the data has it.
pub struct KnownCriterion {
    pub met: Vec<String>,
    pub not_met: Vec<String>,
    pub previous: Option<usize>,
    pub gained: Vec<String>,
    pub lost: Vec<String>,
}

/// What the compiled facts say, in the terms the claims use.
pub struct Known {
    /// The communes in roster order, with their official count of criteria met.
    pub communes: Vec<(String, u32)>,
    /// The communes' counts the year before, when there is one.
    pub previous: Option<Vec<u32>>,
    pub criteria: BTreeMap<u32, KnownCriterion>,
    pub recognized: Vec<String>,
    /// Each commune's criteria met and not met by the indicator values alone.
    pub reassessed: Vec<(String, Vec<u32>, Vec<u32>)>,
    /// District totals of indicators: numerator (or value), denominator, unit.
    pub indicators: BTreeMap<String, (Decimal, Option<Decimal>, String)>,
    /// The communes meeting each indicator, and the others.
    pub indicator_communes: BTreeMap<String, (Vec<String>, Vec<String>)>,
    /// Villages assessed, and how many meet each number of criteria.
    pub villages: Option<(usize, BTreeMap<u32, usize>)>,
    /// The communes of the year before a merger, as a report names them ("Khổng Lào" and
    /// "Khổng Lào cũ"): known names, though not of this year's roster.
    pub former: Vec<String>,
}

impl Known {
    /// The facts of a compiled year, as the audit reads them.
    pub fn from_facts(f: &Facts) -> Known {
        let criteria = f
            .criteria
            .iter()
            .map(|c| {
                let k = KnownCriterion {
                    met: c.communes_met.clone(),
                    not_met: c.communes_not_met.clone(),
                    previous: c.previous_count,
                    gained: c.gained.clone(),
                    lost: c.lost.clone(),
                };
                (c.number, k)
            })
            .collect();
        let reassessed = f
            .communes
            .iter()
            .map(|c| {
                let pick = |s: Status| {
                    c.criteria
                        .iter()
                        .filter(|x| x.computed == Some(s))
                        .map(|x| x.number)
                        .collect()
                };
                (c.name.clone(), pick(Status::Met), pick(Status::NotMet))
            })
            .collect();
        let indicators = f
            .indicators
            .iter()
            .filter_map(|i| Some((i.id.clone(), (i.numerator?, i.denominator, i.unit.clone()))))
            .collect();
        let indicator_communes = f
            .indicators
            .iter()
            .map(|i| {
                let lists = (i.communes_met.clone(), i.communes_not_met.clone());
                (i.id.clone(), lists)
            })
            .collect();
        Known {
            indicator_communes,
            communes: f
                .communes
                .iter()
                .map(|c| (c.name.clone(), c.criteria_met))
                .collect(),
            previous: f.communes.iter().map(|c| c.previous_criteria_met).collect(),
            criteria,
            recognized: f.recognized.iter().map(|r| r.name.clone()).collect(),
            reassessed,
            indicators,
            villages: f
                .villages
                .as_ref()
                .map(|v| (v.total, v.by_criteria_met.clone())),
            former: f.carried.as_ref().map_or_else(Vec::new, |c| {
                c.old_communes
                    .iter()
                    .flat_map(|o| [o.name.clone(), format!("{} cũ", o.name)])
                    .collect()
            }),
        }
    }

    fn names(&self) -> Vec<String> {
        self.communes.iter().map(|(n, _)| n.clone()).collect()
    }
}

/// Compares every claim the data can answer.
pub fn run(c: &mut Checker, k: &Known) {
    let roster = k.names();
    let named: Vec<String> = roster.iter().chain(&k.former).cloned().collect();
    for i in 0..c.claims.len() {
        let claim = c.claims[i].claim.clone();
        match &claim {
            Claim::Criterion(cc) => {
                let Some(kc) = k.criteria.get(&cc.number) else {
                    continue;
                };
                let topic = Topic::Criterion(cc.number);
                if let Some(met) = cc.met {
                    compare(c, i, topic.clone(), met as usize, kc.met.len());
                }
                if let Some(names) = &cc.met_names {
                    names_differ(c, i, topic.clone(), names, &kc.met);
                }
                if let Some(names) = &cc.not_met_names {
                    names_differ(c, i, topic.clone(), names, &kc.not_met);
                }
                if let (Some(delta), Some(prev)) = (cc.delta, kc.previous) {
                    let computed = kc.met.len() as i64 - prev as i64;
                    if i64::from(delta) != computed {
                        let m = Message::AuditData {
                            topic: Topic::CriterionChange(cc.number),
                            stated: format!("{delta:+}"),
                            computed: format!("{computed:+}"),
                        };
                        c.find(i, Severity::Error, m);
                    }
                    let t = Topic::CriterionChange(cc.number);
                    if let Some(g) = &cc.gained {
                        names_differ(c, i, t.clone(), g, &kc.gained);
                    }
                    if let Some(l) = &cc.lost {
                        names_differ(c, i, t, l, &kc.lost);
                    }
                }
            }
            Claim::Class {
                min,
                max,
                n,
                names,
                villages,
                ..
            } => {
                let label = if min == max {
                    min.to_string()
                } else {
                    format!("{min} - {max}")
                };
                if *villages {
                    let Some((_, by)) = &k.villages else {
                        continue;
                    };
                    let count: usize = by.range(*min..=*max).map(|(_, n)| n).sum();
                    compare(c, i, Topic::VillageClass(label), *n as usize, count);
                } else {
                    let in_class: Vec<String> = k
                        .communes
                        .iter()
                        .filter(|(_, m)| (*min..=*max).contains(m))
                        .map(|(n, _)| n.clone())
                        .collect();
                    compare(
                        c,
                        i,
                        Topic::Class(label.clone()),
                        *n as usize,
                        in_class.len(),
                    );
                    if let Some(names) = names {
                        names_differ(c, i, Topic::Class(label), names, &in_class);
                    }
                }
            }
            Claim::VillageTotal { n } => {
                if let Some((total, _)) = &k.villages {
                    compare(c, i, Topic::VillageTotal, *n as usize, *total);
                }
            }
            Claim::Average { value, previous } => {
                let counts: Option<Vec<u32>> = if *previous {
                    k.previous.clone()
                } else {
                    Some(k.communes.iter().map(|(_, m)| *m).collect())
                };
                let Some(counts) = counts.filter(|c| !c.is_empty()) else {
                    continue;
                };
                let exact = Decimal::from(counts.iter().sum::<u32>()) / Decimal::from(counts.len());
                let topic = if *previous {
                    Topic::PreviousAverage
                } else {
                    Topic::Average
                };
                compare_figure(c, i, topic, value, exact);
            }
            Claim::TotalCriteria { n } => {
                let total: u32 = k.communes.iter().map(|(_, m)| m).sum();
                compare(c, i, Topic::TotalCriteria, *n as usize, total as usize);
            }
            Claim::Recognized {
                n,
                names,
                recognized,
                ..
            } => {
                let list: Vec<String> = if *recognized {
                    k.recognized.clone()
                } else {
                    roster
                        .iter()
                        .filter(|r| !k.recognized.iter().any(|x| same(x, r)))
                        .cloned()
                        .collect()
                };
                compare(c, i, Topic::Recognized, *n as usize, list.len());
                if let Some(names) = names {
                    names_differ(c, i, Topic::Recognized, names, &list);
                }
            }
            Claim::Reassessed {
                commune,
                polarity,
                n,
                numbers,
                ..
            } => {
                let Some((_, met, not_met)) =
                    k.reassessed.iter().find(|(name, ..)| same(name, commune))
                else {
                    continue;
                };
                let list = match polarity {
                    Polarity::Met => met,
                    Polarity::NotMet => not_met,
                    Polarity::Unknown => continue,
                };
                let topic = Topic::Reassessed(commune.clone());
                compare(c, i, topic.clone(), *n as usize, list.len());
                if let Some(numbers) = numbers {
                    let mut sorted = numbers.clone();
                    sorted.sort_unstable();
                    if &sorted != list {
                        let join =
                            |v: &[u32]| v.iter().map(u32::to_string).collect::<Vec<_>>().join(", ");
                        let m = Message::AuditData {
                            topic,
                            stated: join(&sorted),
                            computed: join(list),
                        };
                        c.find(i, Severity::Error, m);
                    }
                }
            }
            Claim::IndicatorTotal {
                id,
                part,
                whole,
                unit,
            } => {
                let Some((num, den, known_unit)) = k.indicators.get(id) else {
                    continue;
                };
                let topic = Topic::Indicator(id.clone());
                match (whole, den) {
                    (Some(w), Some(d)) => {
                        compare_figure(c, i, topic.clone(), part, *num);
                        compare_figure(c, i, topic, w, *d);
                    }
                    (None, None)
                        if super::names::fold(known_unit).starts_with(unit.as_str())
                            && !unit.is_empty() =>
                    {
                        compare_figure(c, i, topic, part, *num)
                    }
                    _ => {}
                }
            }
            Claim::IndicatorCommunes {
                id,
                met,
                met_names,
                not_met_names,
                ..
            } => {
                let Some((known_met, known_not)) = k.indicator_communes.get(id) else {
                    continue;
                };
                let topic = Topic::IndicatorCommunes(id.clone());
                compare(c, i, topic.clone(), *met as usize, known_met.len());
                if let Some(names) = met_names {
                    names_differ(c, i, topic.clone(), names, known_met);
                }
                if let Some(names) = not_met_names {
                    names_differ(c, i, topic, names, known_not);
                }
            }
            Claim::Names { names, noun, .. } if noun == "xa" => unknown_names(c, i, names, &named),
            _ => {}
        }
    }
}

/// A count against the data's.
fn compare(c: &mut Checker, i: usize, topic: Topic, stated: usize, computed: usize) {
    if stated == computed {
        c.checked(i);
    } else {
        let m = Message::AuditData {
            topic,
            stated: vi_count(stated),
            computed: vi_count(computed),
        };
        c.find(i, Severity::Error, m);
    }
}

/// A figure against the data's exact value, at the decimals the report writes.
fn compare_figure(c: &mut Checker, i: usize, topic: Topic, stated: &Figure, exact: Decimal) {
    if agrees(exact, stated) {
        c.checked(i);
    } else {
        let computed = if exact.scale() > stated.decimals.max(2) {
            vi_fixed(exact, stated.decimals.max(2))
        } else {
            vi(exact)
        };
        let m = Message::AuditData {
            topic,
            stated: stated.text.clone(),
            computed,
        };
        c.find(i, Severity::Error, m);
    }
}

/// A list of names against the data's.
fn names_differ(c: &mut Checker, i: usize, topic: Topic, stated: &[String], known: &[String]) {
    let extra: Vec<&str> = stated
        .iter()
        .filter(|s| !known.iter().any(|k| same(k, s)))
        .map(String::as_str)
        .collect();
    let missing: Vec<&str> = known
        .iter()
        .filter(|k| !stated.iter().any(|s| same(k, s)))
        .map(String::as_str)
        .collect();
    if extra.is_empty() && missing.is_empty() {
        c.checked(i);
        return;
    }
    let show = |v: &[&str]| {
        if v.is_empty() {
            "—".to_string()
        } else {
            v.join(", ")
        }
    };
    let m = Message::AuditDataNames {
        topic,
        missing: show(&missing),
        extra: show(&extra),
    };
    c.find(i, Severity::Error, m);
}

/// Names of a list of communes that the data's roster does not have.
fn unknown_names(c: &mut Checker, i: usize, names: &[String], roster: &[String]) {
    for name in super::names::unknown(names, roster) {
        let hint = did_you_mean(name, roster.iter().map(String::as_str)).or_else(|| {
            let folded: Vec<String> = roster.iter().map(|r| super::names::fold(r)).collect();
            did_you_mean(&super::names::fold(name), folded.iter().map(String::as_str))
                .map(|_| Hint::CommunesListedIn)
        });
        c.find(
            i,
            Severity::Warning,
            Message::AuditUnknownName { name: name.clone() },
        );
        if let Some(f) = c.findings.last_mut() {
            f.hint = hint;
        }
    }
}
