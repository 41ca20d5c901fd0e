//! From evaluated communes to the [`Facts`]: counts and names per criterion, classes,
//! averages, district totals, changes since the previous year, plan projections.

use crate::carry::{self, Carried};
use crate::dataset::{ClassDef, Dataset, IndicatorValue, MeasureValue, Tally, YearData};
use crate::evaluate::{self, YearResult};
use crate::facts::*;
use crate::number::{fixed, percent};
use crate::ruleset::{Kind, Ruleset};
use rust_decimal::Decimal;
use std::collections::{BTreeMap, HashMap};

mod levels;
mod lineage;

/// Evaluates the dataset's years (side by side; of the year before, only the statuses are
/// kept) and computes the facts of the report year.
pub fn facts(ds: &Dataset) -> Facts {
    let (cur, prev) = std::thread::scope(|s| {
        // The year before is evaluated by its own roster and ruleset, then carried onto
        // this year's communes (unchanged when the roster and the ruleset are the same).
        let prev =
            s.spawn(move || evaluate::previous_statuses(ds).and_then(|p| carry::carry(ds, p)));
        let cur = evaluate::year(ds, &ds.current);
        let prev = prev.join().expect("evaluation does not panic");
        (cur, prev)
    });
    build(ds, &cur, prev.as_ref())
}

fn names(ds: &Dataset, idx: impl IntoIterator<Item = usize>) -> Vec<String> {
    idx.into_iter()
        .map(|i| ds.communes[i].name.clone())
        .collect()
}

/// The average criteria per commune, two decimals, half away from zero.
pub fn average(total: u32, communes: usize) -> Decimal {
    if communes == 0 {
        return fixed(Decimal::ZERO, 2);
    }
    fixed(Decimal::from(total) / Decimal::from(communes as u64), 2)
}

/// `now - before`, when there is a before.
fn change(now: impl Into<i64>, before: Option<impl Into<i64>>) -> Option<i64> {
    let now = now.into();
    before.map(|b| now - b.into())
}

/// The communes of each class: a commune is in the first class that holds its tally.
fn classes(
    ds: &Dataset,
    defs: &[ClassDef],
    tallies: &[Tally],
    previous: Option<&[Tally]>,
) -> Vec<ClassFacts> {
    let first = |t: &Tally| t.class(defs).map(|c| c as *const ClassDef);
    defs.iter()
        .map(|c| {
            let inside = |t: &Tally| first(t) == Some(c as *const ClassDef);
            let members: Vec<usize> = (0..tallies.len())
                .filter(|i| inside(&tallies[*i]))
                .collect();
            ClassFacts {
                label: c.label.clone(),
                min: c.min,
                max: c.max,
                counts: if c.by_met_only() {
                    Vec::new()
                } else {
                    c.counts.clone()
                },
                count: members.len(),
                communes: names(ds, members),
                previous_count: previous.map(|p| p.iter().filter(|t| inside(t)).count()),
            }
        })
        .collect()
}

fn class_of(defs: &[ClassDef], t: &Tally) -> String {
    t.class(defs).map(|c| c.label.clone()).unwrap_or_default()
}

fn status(b: Option<bool>) -> Option<Status> {
    b.map(Status::from_bool)
}

/// The communes (indexes) whose official status of criterion `k` is `s`.
fn with_status(cur: &YearResult, k: usize, s: Status) -> Vec<usize> {
    (0..cur.communes.len())
        .filter(|&i| cur.communes[i].criteria[k].status() == s)
        .collect()
}

fn build(ds: &Dataset, cur: &YearResult, carried: Option<&Carried>) -> Facts {
    let prev = carried.map(|c| &c.result);
    let rules = &ds.commune_rules;
    let defs = &*ds.classes();
    // Per criterion: whether it compares with the year before (another ruleset that does
    // not say it corresponds does not). Counts over all criteria compare only when all do.
    let comparable: Vec<bool> = carried.map_or_else(
        || vec![true; rules.criteria.len()],
        |c| c.comparable.clone(),
    );
    let all_comparable = comparable.iter().all(|b| *b);
    let moved = carried.is_some_and(|c| c.changed);
    let tallies: Vec<Tally> = cur.communes.iter().map(|c| c.tally()).collect();
    let prev_tallies: Option<Vec<Tally>> = prev
        .filter(|_| all_comparable)
        .map(|p| p.communes.iter().map(|c| c.tally()).collect());
    let counts: Vec<u32> = tallies.iter().map(|t| t.met).collect();
    let prev_counts: Option<Vec<u32>> = prev_tallies
        .as_ref()
        .map(|p| p.iter().map(|t| t.met).collect());
    let total: u32 = counts.iter().sum();

    let communes = ds
        .communes
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let r = &cur.communes[i];
            let pr = prev.map(|p| &p.communes[i]);
            let data = &ds.current.communes[i];
            let baseline = carried.filter(|_| moved).map(|c| &c.baselines[i]);
            let criteria = r
                .criteria
                .iter()
                .enumerate()
                .map(|(k, cr)| CommuneCriterion {
                    number: cr.number,
                    status: cr.status(),
                    declared: cr.declared,
                    computed: status(cr.computed),
                    previous_status: pr
                        .filter(|_| comparable[k])
                        .and_then(|p| p.criterion(cr.number))
                        .map(|p| p.status()),
                    source: data.declared.get(&cr.number).and_then(|d| d.source.clone()),
                    previous_met_by: baseline
                        .and_then(|b| b.met_by[k])
                        .map(|(met, of)| MetBy { met, of }),
                })
                .collect();
            let (gained, lost) = match pr.filter(|_| all_comparable) {
                Some(p) => {
                    let was = p.met();
                    let now = r.met();
                    (
                        now.iter().filter(|n| !was.contains(n)).copied().collect(),
                        was.iter().filter(|n| !now.contains(n)).copied().collect(),
                    )
                }
                None => (Vec::new(), Vec::new()),
            };
            CommuneFacts {
                id: c.id.clone(),
                name: c.name.clone(),
                category: c.category.clone(),
                category_decision: c.category_decision.clone(),
                criteria_met: counts[i],
                criteria_basically_met: tallies[i].basically_met,
                criteria_not_assessed: tallies[i].not_assessed,
                criteria_met_computed: r
                    .criteria
                    .iter()
                    .filter(|x| x.computed == Some(true))
                    .count() as u32,
                criteria_computed: r.criteria.iter().filter(|x| x.computed.is_some()).count()
                    as u32,
                previous_criteria_met: prev_counts.as_ref().map(|p| p[i]),
                class: class_of(defs, &tallies[i]),
                recognized: lineage::recognition_of(ds, i, carried).map(|(r, _)| r),
                criteria,
                gained,
                lost,
                indicators: commune_indicators(rules, r),
                criteria_met_change: change(counts[i], prev_counts.as_ref().map(|p| p[i])),
                group: c.group.clone(),
            }
        })
        .collect::<Vec<_>>();

    let criteria = rules
        .criteria
        .iter()
        .enumerate()
        .map(|(k, c)| {
            let met: Vec<usize> = (0..ds.communes.len())
                .filter(|&i| cur.communes[i].criteria[k].official)
                .collect();
            let not_met: Vec<usize> = (0..ds.communes.len())
                .filter(|i| !met.contains(i))
                .collect();
            let (previous_count, gained, lost) = match prev.filter(|_| comparable[k]) {
                Some(p) => {
                    let was: Vec<usize> = (0..ds.communes.len())
                        .filter(|&i| p.communes[i].criteria[k].official)
                        .collect();
                    (
                        Some(was.len()),
                        names(ds, met.iter().copied().filter(|i| !was.contains(i))),
                        names(ds, was.iter().copied().filter(|i| !met.contains(i))),
                    )
                }
                None => (None, Vec::new(), Vec::new()),
            };
            let count = met.len();
            CriterionFacts {
                number: c.number,
                name: c.name.clone(),
                group: c.group.clone(),
                count,
                change: change(count as i64, previous_count.map(|p| p as i64)),
                communes_met: names(ds, met),
                communes_not_met: names(ds, not_met),
                communes_basically_met: names(ds, with_status(cur, k, Status::BasicallyMet)),
                communes_not_assessed: names(ds, with_status(cur, k, Status::NotAssessed)),
                previous_count,
                gained,
                lost,
                disagreements: names(
                    ds,
                    (0..ds.communes.len()).filter(|&i| cur.communes[i].criteria[k].disagrees()),
                ),
            }
        })
        .collect();

    let findings = ds
        .communes
        .iter()
        .enumerate()
        .flat_map(|(i, c)| {
            cur.communes[i]
                .criteria
                .iter()
                .filter(|cr| cr.disagrees())
                .map(move |cr| Finding {
                    commune_id: c.id.clone(),
                    commune: c.name.clone(),
                    criterion: cr.number,
                    declared: cr.declared.unwrap_or(Status::NotMet),
                    computed: Status::from_bool(cr.computed.unwrap_or_default()),
                })
        })
        .collect();

    let recognized: Vec<RecognizedFacts> = ds
        .communes
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            lineage::recognition_of(ds, i, carried).map(|(r, from)| RecognizedFacts {
                id: c.id.clone(),
                name: c.name.clone(),
                decision: r.decision,
                date: r.date,
                by: r.by,
                criteria_met: counts[i],
                criteria_met_computed: communes[i].criteria_met_computed,
                acknowledged: from.is_empty()
                    && matches!(
                        crate::dataset::standing(
                            &ds.recognitions,
                            &c.id,
                            false,
                            crate::dataset::RecognitionLevel::Ntm,
                            ds.status_date(),
                        ),
                        crate::dataset::Standing::Held(e)
                            if e.kind == crate::dataset::EventKind::ThuaNhan
                    ),
                carried_from: from,
            })
        })
        .collect();

    let (recognition_events, levels) = recognitions(ds, &recognized);
    let level_results = levels::levels(ds, &recognized);
    let prev_total: Option<u32> = prev_counts.as_ref().map(|p| p.iter().sum());
    let recognized_count = recognized.len();
    let commune_groups = lineage::groups(ds, &communes, prev_counts.is_some());
    Facts {
        schema_version: SCHEMA_VERSION,
        year: ds.current.year,
        previous_year: ds.previous.as_ref().map(|p| p.year),
        unit: ds.config.unit.clone(),
        issuer: ds.config.issuer.clone(),
        signer: ds.config.signer.clone(),
        recipients: ds.config.recipients.clone(),
        report: ds.current.report.clone(),
        ruleset: ruleset_facts(rules, threshold_uses(ds, cur)),
        // Villages carry declared statuses only: no threshold of the village set is used.
        village_ruleset: ds
            .village_rules
            .as_ref()
            .map(|r| ruleset_facts(r, Vec::new())),
        groups: rules
            .groups
            .iter()
            .map(|g| GroupFacts {
                id: g.id.clone(),
                name: g.name.clone(),
                criteria: rules
                    .criteria
                    .iter()
                    .filter(|c| c.group == g.id)
                    .map(|c| c.number)
                    .collect(),
            })
            .collect(),
        total_criteria_met: total,
        previous_total_criteria_met: prev_total,
        total_criteria_met_change: change(total, prev_total),
        recognized_percent: fixed(
            percent(
                Decimal::from(recognized_count as u64),
                Decimal::from(ds.communes.len() as u64),
            )
            .unwrap_or_default(),
            0,
        ),
        average_criteria_per_commune: average(total, ds.communes.len()),
        previous_average_criteria_per_commune: prev_counts
            .as_ref()
            .map(|p| average(p.iter().sum(), ds.communes.len())),
        classes: classes(ds, defs, &tallies, prev_tallies.as_deref()),
        communes,
        criteria,
        recognized,
        recognition_events,
        levels,
        level_results,
        appendix_02a_moved: None,
        findings,
        villages: villages(ds, cur, prev),
        indicators: indicator_totals(ds, cur),
        measures: measure_totals(ds, &ds.current),
        funding: funding(&ds.current),
        disbursement: disbursement(&ds.current),
        documents: ds.current.documents.clone(),
        plan: plan(ds, &counts, cur),
        // The plan of the year before names its own communes: across a change of the
        // roster its outcome is not compared.
        plan_outcome: plan_outcome(
            ds,
            cur,
            prev.filter(|_| carried.is_some_and(|c| !c.changed)),
        ),
        commune_groups,
        awaiting_acknowledgement: lineage::awaiting(ds, carried),
        carried: lineage::carried_facts(ds, carried),
    }
}

fn ruleset_facts(r: &Ruleset, thresholds: Vec<ThresholdUse>) -> RulesetFacts {
    let missing = r.indicators_missing().is_some_and(|n| n > 0);
    let lacking = if missing {
        r.criteria_without_indicators()
    } else {
        Vec::new()
    };
    RulesetFacts {
        id: r.id.clone(),
        name: r.name.clone(),
        legal_source: r.legal_source.clone(),
        based_on: r.based_on.clone(),
        criteria_count: r.criteria.len(),
        verified: r
            .indicators()
            .all(|i| i.verified && i.thresholds.iter().all(|t| t.verified)),
        thresholds_used: thresholds.len(),
        thresholds_unverified: thresholds.iter().filter(|t| !t.verified).count(),
        thresholds,
        criteria_without_indicators: lacking.clone(),
        official_indicators: r.official_indicators.filter(|_| !lacking.is_empty()),
        components: r.components.clone(),
    }
}

/// The thresholds the report year's communes were judged against: for every indicator with
/// a comparator, each threshold that applied to at least one commune with a value.
fn threshold_uses(ds: &Dataset, cur: &YearResult) -> Vec<ThresholdUse> {
    let judged: Vec<_> = ds.communes.iter().zip(&cur.communes).collect();
    threshold_uses_of(&ds.commune_rules, ds.current.year, &judged)
}

/// The thresholds of `rules` that the communes' results were judged against.
fn threshold_uses_of(
    rules: &Ruleset,
    year: i32,
    results: &[(&crate::dataset::Commune, &evaluate::CommuneResult)],
) -> Vec<ThresholdUse> {
    let mut out = Vec::new();
    for (k, c) in rules.criteria.iter().enumerate() {
        for (j, ind) in c.indicators.iter().enumerate() {
            let Some(cmp) = ind.comparator else { continue };
            let mut communes = vec![0usize; ind.thresholds.len()];
            for (commune, r) in results {
                let judged = matches!(
                    r.criteria[k].indicators[j].value,
                    Some(ref v) if *v != IndicatorValue::NotApplicable
                );
                if !judged {
                    continue;
                }
                if let Some(t) = ind.threshold_index(year, &commune.category) {
                    communes[t] += 1;
                }
            }
            for (t, n) in ind.thresholds.iter().zip(communes) {
                if n > 0 {
                    out.push(ThresholdUse {
                        indicator: ind.id.clone(),
                        comparator: cmp,
                        value: dec(t.value),
                        categories: t.categories.clone(),
                        from_year: t.from_year,
                        to_year: t.to_year,
                        source: t.source.clone(),
                        verified: t.verified,
                        communes: n,
                    });
                }
            }
        }
    }
    out
}

/// A quantity as the facts hold it: normalised (`98.70` → `98.7`).
fn dec(d: Decimal) -> Decimal {
    d.normalize()
}

fn commune_indicators(rules: &Ruleset, r: &evaluate::CommuneResult) -> Vec<CommuneIndicator> {
    rules
        .criteria
        .iter()
        .zip(&r.criteria)
        .flat_map(|(c, cr)| c.indicators.iter().zip(&cr.indicators))
        .map(|(ind, ir)| {
            let (value, numerator, denominator) = match &ir.value {
                None | Some(IndicatorValue::NotApplicable) => (None, None, None),
                Some(IndicatorValue::YesNo(m)) => {
                    (Some(Given::YesNo(Status::from_bool(*m))), None, None)
                }
                Some(IndicatorValue::Scalar(x)) => (Some(Given::Number(dec(*x))), None, None),
                Some(IndicatorValue::Ratio {
                    numerator,
                    denominator,
                }) => (None, Some(dec(*numerator)), Some(dec(*denominator))),
            };
            CommuneIndicator {
                id: Short::from(ind.id.as_str()),
                value,
                numerator,
                denominator,
                percent: ir.percent.map(|p| fixed(p, ind.percent_decimals)),
                applicable: ir.value != Some(IndicatorValue::NotApplicable),
                comparator: ind.comparator,
                threshold: ir.threshold.map(dec),
                met: status(ir.met),
            }
        })
        .collect()
}

fn indicator_totals(ds: &Dataset, cur: &YearResult) -> Vec<IndicatorTotal> {
    let rules = &ds.commune_rules;
    let mut out = Vec::new();
    for (k, c) in rules.criteria.iter().enumerate() {
        for (j, ind) in c.indicators.iter().enumerate() {
            let results: Vec<(usize, &evaluate::IndicatorResult)> = cur
                .communes
                .iter()
                .enumerate()
                .map(|(i, r)| (i, &r.criteria[k].indicators[j]))
                .collect();
            let (mut num, mut den, mut any_num) = (Decimal::ZERO, Decimal::ZERO, false);
            for (_, r) in &results {
                match &r.value {
                    Some(IndicatorValue::Ratio {
                        numerator,
                        denominator,
                    }) => {
                        num += numerator;
                        den += denominator;
                        any_num = true;
                    }
                    // Counts add up over communes; amounts (income per person, m² per
                    // person) are rates, whose sum would mean nothing.
                    Some(IndicatorValue::Scalar(x)) if ind.kind == Kind::Count => {
                        num += x;
                        any_num = true;
                    }
                    _ => {}
                }
            }
            let is_ratio = ind.kind == Kind::Ratio;
            out.push(IndicatorTotal {
                id: ind.id.clone(),
                criterion: c.number,
                content: ind.content.clone(),
                kind: ind.kind,
                unit: ind.unit.clone(),
                comparator: ind.comparator,
                numerator: any_num.then(|| dec(num)),
                denominator: (is_ratio && any_num).then(|| dec(den)),
                percent: if is_ratio {
                    percent(num, den).map(|p| fixed(p, ind.percent_decimals))
                } else {
                    None
                },
                communes_met: names(
                    ds,
                    results
                        .iter()
                        .filter(|(_, r)| r.met == Some(true))
                        .map(|(i, _)| *i),
                ),
                communes_not_met: names(
                    ds,
                    results
                        .iter()
                        .filter(|(_, r)| r.met != Some(true))
                        .map(|(i, _)| *i),
                ),
                communes_not_applicable: results
                    .iter()
                    .filter(|(_, r)| r.value == Some(IndicatorValue::NotApplicable))
                    .count(),
                communes_reporting: results.iter().filter(|(_, r)| r.value.is_some()).count(),
            });
        }
    }
    out
}

fn measure_totals(ds: &Dataset, data: &YearData) -> Vec<MeasureTotal> {
    ds.commune_rules
        .measures
        .iter()
        .map(|m| {
            let (mut num, mut den, mut n) = (Decimal::ZERO, Decimal::ZERO, 0);
            for cy in &data.communes {
                match cy.measures.get(&m.id) {
                    Some(MeasureValue::Scalar(x)) => {
                        num += x;
                        n += 1;
                    }
                    Some(MeasureValue::Ratio {
                        numerator,
                        denominator,
                    }) => {
                        num += numerator;
                        den += denominator;
                        n += 1;
                    }
                    None => {}
                }
            }
            let ratio = m.kind == Kind::Ratio;
            MeasureTotal {
                id: m.id.clone(),
                name: m.name.clone(),
                unit: m.unit.clone(),
                numerator: dec(num),
                denominator: ratio.then(|| dec(den)),
                percent: if ratio {
                    percent(num, den).map(|p| fixed(p, m.percent_decimals))
                } else {
                    None
                },
                communes_reporting: n,
            }
        })
        .collect()
}

fn villages(ds: &Dataset, cur: &YearResult, prev: Option<&YearResult>) -> Option<VillageFacts> {
    let counts = cur.villages.as_ref()?;
    let rules = ds.village_rules.as_ref()?;
    let met_lists = ds.current.villages.as_ref()?;
    let dist = |cs: &[u32]| {
        let mut m = BTreeMap::new();
        for c in cs {
            *m.entry(*c).or_insert(0) += 1;
        }
        m
    };
    // One pass over the villages, grouped by commune (villages may be listed in any order).
    let mut grouped: Vec<Vec<VillageRow>> = vec![Vec::new(); ds.communes.len()];
    for (vi, v) in ds.villages.iter().enumerate() {
        grouped[v.commune].push(VillageRow {
            id: v.id.clone(),
            name: v.name.clone(),
            criteria_met: counts[vi],
            met: met_lists[vi].clone(),
        });
    }
    let by_criteria_met = dist(counts);
    let mut bands = village_bands(&by_criteria_met);
    let by_commune = ds
        .communes
        .iter()
        .zip(grouped)
        .map(|(c, villages)| {
            let in_band = bands
                .iter()
                .map(|b| {
                    villages
                        .iter()
                        .filter(|v| b.min <= v.criteria_met && v.criteria_met <= b.max)
                        .count()
                })
                .collect();
            VillageCommuneFacts {
                commune: c.name.clone(),
                total: villages.len(),
                villages,
                bands: in_band,
            }
        })
        .collect::<Vec<_>>();
    for (k, b) in bands.iter_mut().enumerate() {
        b.count = by_commune.iter().map(|c| c.bands[k]).sum();
    }
    Some(VillageFacts {
        total: counts.len(),
        by_criteria_met,
        previous_by_criteria_met: prev.and_then(|p| p.villages.as_deref()).map(dist),
        meeting_all: counts
            .iter()
            .filter(|c| **c as usize == rules.criteria.len())
            .count(),
        by_commune,
        bands,
    })
}

/// Village bands as offices report them: the low counts together (up to 5), 6–9 together,
/// then each count from 10 up; only bands in which some count occurs, labelled by the
/// counts that occur (`"03 - 05"`, `"06 - 09"`, `"10"`). Their `count` is left at 0.
pub fn village_bands(by_count: &BTreeMap<u32, usize>) -> Vec<VillageBand> {
    let mut bands: Vec<VillageBand> = Vec::new();
    for &k in by_count.keys() {
        let (lo, hi) = match k {
            0..=5 => (0, 5),
            6..=9 => (6, 9),
            _ => (k, k),
        };
        if bands.iter().any(|b| b.min <= k && k <= b.max) {
            continue;
        }
        let seen = || by_count.keys().copied().filter(|x| (lo..=hi).contains(x));
        let lo_seen = seen().min().unwrap_or(lo);
        let hi_seen = seen().max().unwrap_or(hi);
        let hi_label = if lo == hi { hi_seen } else { hi };
        let label = if lo_seen == hi_label {
            format!("{hi_label:02}")
        } else {
            format!("{lo_seen:02} - {hi_label:02}")
        };
        bands.push(VillageBand {
            label,
            min: lo,
            max: hi,
            count: 0,
        });
    }
    bands
}

fn funding(data: &YearData) -> Option<FundingFacts> {
    let f = data.funding.as_ref()?;
    // Validation guarantees a forest: known, acyclic parents. Amounts are summed bottom up
    // and depths counted top down, each in one pass over an index, without recursion: a
    // chain of any length is neither a stack overflow nor quadratic.
    let index: HashMap<&str, usize> = f
        .sources
        .iter()
        .enumerate()
        .rev()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    let parent: Vec<Option<usize>> = f
        .sources
        .iter()
        .map(|s| s.parent.as_deref().and_then(|p| index.get(p).copied()))
        .collect();
    let n = f.sources.len();
    let mut depth: Vec<Option<usize>> = vec![None; n];
    for i in 0..n {
        let mut chain = Vec::new();
        let mut cur = Some(i);
        while let Some(c) = cur {
            if depth[c].is_some() || chain.len() > n {
                break;
            }
            chain.push(c);
            cur = parent[c];
        }
        let first = cur.and_then(|c| depth[c]).map_or(0, |d| d + 1);
        for (d, &c) in (first..).zip(chain.iter().rev()) {
            depth[c] = Some(d);
        }
    }
    let depth: Vec<usize> = depth.into_iter().map(Option::unwrap_or_default).collect();
    let has_children: Vec<bool> = {
        let mut v = vec![false; n];
        for p in parent.iter().flatten() {
            v[*p] = true;
        }
        v
    };
    let mut amount: Vec<Decimal> = f
        .sources
        .iter()
        .zip(&has_children)
        .map(|(s, &parent)| {
            if parent {
                Decimal::ZERO
            } else {
                s.amount.unwrap_or_default()
            }
        })
        .collect();
    // Deepest first: each source's amount is complete when it is added to its parent's.
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(depth[i]));
    for i in order {
        if let Some(p) = parent[i]
            && p != i
        {
            amount[p] = amount[p].saturating_add(amount[i]);
        }
    }
    let total = f
        .sources
        .iter()
        .zip(&amount)
        .filter(|(s, _)| s.parent.is_none())
        .fold(Decimal::ZERO, |t, (_, a)| t.saturating_add(*a));
    Some(FundingFacts {
        sources: f
            .sources
            .iter()
            .enumerate()
            .map(|(i, s)| FundingSourceFacts {
                id: s.id.clone(),
                name: s.name.clone(),
                parent: s.parent.clone(),
                depth: depth[i],
                amount: dec(amount[i]),
            })
            .collect(),
        total: dec(total),
        contributions: f.contributions.as_ref().map(|c| Contributions {
            land_m2: c.land_m2.map(dec),
            ..c.clone()
        }),
    })
}

fn disbursement(data: &YearData) -> Option<DisbursementFacts> {
    let items = data.disbursement.as_ref()?;
    Some(DisbursementFacts {
        items: items
            .iter()
            .map(|i| DisbursementRow {
                id: i.id.clone(),
                name: i.name.clone(),
                kind: i.kind,
                origin: i.origin,
                plan: dec(i.plan),
                disbursed: i.disbursed.map(dec),
                percent: i
                    .disbursed
                    .and_then(|d| percent(d, i.plan))
                    .map(|p| fixed(p, 1)),
                projects: i.projects,
                note: i.note.clone(),
            })
            .collect(),
        plan_total: dec(items.iter().map(|i| i.plan).sum()),
        disbursed_total: dec(items.iter().filter_map(|i| i.disbursed).sum()),
        kinds: DisbursementKind::ALL
            .into_iter()
            .filter_map(|kind| {
                let of_kind: Vec<_> = items.iter().filter(|i| i.kind == kind).collect();
                if of_kind.is_empty() {
                    return None;
                }
                let plan: Decimal = of_kind.iter().map(|i| i.plan).sum();
                let given: Vec<Decimal> = of_kind.iter().filter_map(|i| i.disbursed).collect();
                let disbursed = (!given.is_empty()).then(|| given.iter().sum::<Decimal>());
                Some(KindTotal {
                    kind,
                    plan: dec(plan),
                    disbursed: disbursed.map(dec),
                    percent: disbursed
                        .and_then(|d| percent(d, plan))
                        .map(|p| fixed(p, 1)),
                })
            })
            .collect(),
    })
}

fn plan(ds: &Dataset, counts: &[u32], cur: &YearResult) -> Option<PlanFacts> {
    let p = ds.current.plan.as_ref()?;
    let mut projected_counts = counts.to_vec();
    // A registered criterion reached moves from its status today to met.
    let mut projected_tallies: Vec<Tally> = cur.communes.iter().map(|c| c.tally()).collect();
    let communes: Vec<PlanCommune> = p
        .communes
        .iter()
        .map(|cp| {
            let met = cur.communes[cp.commune].met();
            let new: Vec<u32> = cp
                .register
                .iter()
                .copied()
                .filter(|n| !met.contains(n))
                .collect();
            projected_counts[cp.commune] += new.len() as u32;
            let t = &mut projected_tallies[cp.commune];
            for n in &new {
                let was = cur.communes[cp.commune]
                    .criterion(*n)
                    .map_or(Status::NotMet, |c| c.status());
                match was {
                    Status::NotMet => t.not_met = t.not_met.saturating_sub(1),
                    Status::BasicallyMet => t.basically_met = t.basically_met.saturating_sub(1),
                    Status::NotAssessed => t.not_assessed = t.not_assessed.saturating_sub(1),
                    Status::Met => continue,
                }
                t.met += 1;
            }
            let c = &ds.communes[cp.commune];
            PlanCommune {
                id: c.id.clone(),
                name: c.name.clone(),
                register: cp.register.clone(),
                new,
                current: counts[cp.commune],
                projected: projected_counts[cp.commune],
                standard_year: cp.standard_year,
            }
        })
        .collect();
    let to_add: u32 = communes.iter().map(|c| c.new.len() as u32).sum();
    let projected_total: u32 = projected_counts.iter().sum();
    Some(PlanFacts {
        year: p.year,
        income_per_capita: p.income_per_capita.map(dec),
        ocop_products: p.ocop_products,
        villages_to_standard: p.villages_to_standard,
        criteria_to_add: to_add,
        projected_total,
        projected_average: average(projected_total, ds.communes.len()),
        projected_classes: classes(ds, &ds.classes(), &projected_tallies, None),
        keep_standard: ds
            .communes
            .iter()
            .filter(|c| c.recognition.is_some())
            .map(|c| c.name.clone())
            .collect(),
        expected_standard: communes
            .iter()
            .filter_map(|c| {
                c.standard_year.map(|y| ExpectedStandard {
                    id: c.id.clone(),
                    name: c.name.clone(),
                    year: y,
                })
            })
            .collect(),
        communes,
    })
}

fn plan_outcome(ds: &Dataset, cur: &YearResult, prev: Option<&YearResult>) -> Option<PlanOutcome> {
    let prev_data = ds.previous.as_ref()?;
    let p = prev_data
        .plan
        .as_ref()
        .filter(|p| p.year == ds.current.year)?;
    let prev = prev?;
    let mut communes = Vec::new();
    for (ci, c) in ds.communes.iter().enumerate() {
        let registered: Vec<u32> = p
            .communes
            .iter()
            .find(|x| x.commune == ci)
            .map(|x| x.register.clone())
            .unwrap_or_default();
        let now = cur.communes[ci].met();
        let was = prev.communes[ci].met();
        let reached: Vec<u32> = registered
            .iter()
            .copied()
            .filter(|n| now.contains(n))
            .collect();
        let not_reached: Vec<u32> = registered
            .iter()
            .copied()
            .filter(|n| !now.contains(n))
            .collect();
        let unregistered: Vec<u32> = now
            .iter()
            .copied()
            .filter(|n| !was.contains(n) && !registered.contains(n))
            .collect();
        if registered.is_empty() && unregistered.is_empty() {
            continue;
        }
        communes.push(PlanOutcomeCommune {
            id: c.id.clone(),
            name: c.name.clone(),
            registered,
            reached,
            not_reached,
            unregistered,
        });
    }
    let registered: u32 = communes.iter().map(|c| c.registered.len() as u32).sum();
    let reached: u32 = communes.iter().map(|c| c.reached.len() as u32).sum();
    Some(PlanOutcome {
        planned_in: prev_data.year,
        registered,
        reached,
        communes,
        not_reached: registered - reached,
    })
}

/// The year's recognition events, and the communes and villages holding each level on the
/// status date; both empty without recognition events.
fn recognitions(
    ds: &Dataset,
    recognized: &[RecognizedFacts],
) -> (Vec<RecognitionEventFacts>, Vec<LevelFacts>) {
    use crate::dataset::{RecognitionLevel, Standing, standing};
    let events = &ds.recognitions;
    if events.is_empty() {
        return (Vec::new(), Vec::new());
    }
    let d = ds.status_date();
    let year = ds.current.year;
    let commune_name = |id: &str| {
        ds.communes
            .iter()
            .chain(&ds.all_communes)
            .find(|c| c.id == id)
            .map_or_else(|| id.to_string(), |c| c.name.clone())
    };
    let the_year: Vec<RecognitionEventFacts> = events
        .iter()
        .filter(|e| i32::from(e.decision.date.year()) == year && e.decision.date <= d)
        .map(|e| {
            let village = ds.villages.iter().find(|v| e.village && v.id == e.unit);
            RecognitionEventFacts {
                unit: e.unit.clone(),
                village: e.village,
                name: match (e.village, village) {
                    (false, _) => commune_name(&e.unit),
                    (true, Some(v)) => v.name.clone(),
                    (true, None) => e.unit.clone(),
                },
                commune: village.map(|v| ds.communes[v.commune].name.clone()),
                level: e.level,
                event: e.kind,
                decision: e.decision.decision.clone(),
                date: e.decision.date,
                by: e.decision.by.clone(),
                note: e.note.clone(),
            }
        })
        .collect();
    let held = |unit: &str, village: bool, level| {
        matches!(standing(events, unit, village, level, d), Standing::Held(_))
    };
    let levels = RecognitionLevel::ALL
        .into_iter()
        .filter(|l| *l == RecognitionLevel::Ntm || events.iter().any(|e| e.level == *l))
        .map(|level| LevelFacts {
            level,
            communes: if level == RecognitionLevel::Ntm {
                recognized
                    .iter()
                    .map(|r| Named::new(&r.id, &r.name))
                    .collect()
            } else {
                ds.communes
                    .iter()
                    .filter(|c| held(&c.id, false, level))
                    .map(|c| Named::new(&c.id, &c.name))
                    .collect()
            },
            villages: ds
                .villages
                .iter()
                .filter(|v| held(&v.id, true, level))
                .map(|v| Named::new(&v.id, &v.name))
                .collect(),
        })
        .collect();
    (the_year, levels)
}
