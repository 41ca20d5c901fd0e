//! The year before, carried onto the report year's communes, so that the two years compare
//! commune by commune when the roster changed between them (communes merged, split or
//! renamed; another ruleset in force). The rules, as the report states them:
//!
//! - measured quantities (numerators and denominators, counts, lengths, households) are
//!   added over the old communes a new commune holds in whole, and the result is evaluated
//!   against the report year's ruleset: a computed baseline;
//! - a yes/no indicator, and the official status of a criterion, are met only where every
//!   old commune met it ("đạt ở 2/3 xã cũ" says how many did);
//! - an old commune of which only a part went into a new commune (a partial transfer) makes
//!   the quantities it reported not comparable for the communes it touches, said by name;
//! - rates and averages (percentages, amounts per person, levels) cannot be added: they are
//!   carried only from a single old commune held in whole;
//! - a criterion is compared across two rulesets only where one says it corresponds to the
//!   other.
//!
//! With the same roster and ruleset in both years nothing is carried: the year before is
//! compared as it is.

use crate::dataset::{
    Commune, CommuneYear, Dataset, Declared, IndicatorValue, IndicatorValues, ItemIds,
    MeasureValue, MeasureValues, Share,
};
use crate::evaluate::{self, YearResult};
use crate::ruleset::{Kind, Ruleset};
use std::collections::HashMap;

/// Why an indicator's quantities were not carried onto a commune.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NotCarried {
    /// Old communes of which only a part went into the commune reported it (indices in the
    /// previous roster).
    PartialTransfer(Vec<usize>),
    /// A rate or an average, given by more than one old commune: it cannot be added.
    NotAdditive,
}

/// How one commune of the report year stands to the year before.
#[derive(Clone, Debug)]
pub struct Baseline {
    /// The communes of the year before it holds (indices in the previous roster), with how
    /// much of each.
    pub predecessors: Vec<(usize, Share)>,
    /// The same commune, whole, under the same ruleset: compared as it is.
    pub same: bool,
    /// Per criterion of the report year's ruleset: how many old communes officially met it,
    /// out of how many; `None` where the criterion cannot be compared.
    pub met_by: Vec<Option<(u32, u32)>>,
    /// Indicators (ids of the report year's ruleset) whose quantities were not carried.
    pub not_carried: Vec<(String, NotCarried)>,
    /// How its NTM recognition stands after the change.
    pub recognition: RecognitionCarry,
}

/// A commune's NTM recognition across a merger.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RecognitionCarry {
    /// Nothing to carry: the same commune, or no old commune was recognised.
    None,
    /// Every old commune was recognised: the recognition carries over.
    Carried,
    /// Some old communes were recognised, not all: awaiting acknowledgement ("chờ thừa
    /// nhận đạt chuẩn NTM") until a decision is in the data.
    Awaiting,
    /// A recognition, acknowledgement or revocation decision of the commune itself is in
    /// the data.
    Own,
}

/// The year before, as the report year's communes.
#[derive(Clone, Debug)]
pub struct Carried {
    /// Indexed like the report year's roster, criteria in its ruleset's order.
    pub result: YearResult,
    /// Indexed like the report year's roster.
    pub baselines: Vec<Baseline>,
    /// Per criterion of the report year's ruleset: whether it can be compared at all.
    pub comparable: Vec<bool>,
    /// Per criterion of the report year's ruleset: the criteria of the year before's set
    /// it is compared with (itself within one set); `None`: not comparable.
    pub corresponding: Vec<Option<Vec<u32>>>,
    /// Whether anything was carried (the roster or the ruleset changed).
    pub changed: bool,
    /// The official number of criteria each commune of the year before met, by its own
    /// roster and ruleset (indexed like the previous roster).
    pub by_old: Vec<u32>,
}

/// Carries the evaluated year before (`prev`, by its own roster) onto the report year.
pub fn carry(ds: &Dataset, prev: YearResult) -> Option<Carried> {
    let (data, frame) = (ds.previous.as_ref()?, ds.previous_frame.as_ref()?);
    let (old, new) = (&frame.commune_rules, &ds.commune_rules);
    let corresponding: Vec<Option<Vec<u32>>> = new
        .criteria
        .iter()
        .map(|c| new.corresponding(old, c.number))
        .collect();
    let comparable: Vec<bool> = corresponding.iter().map(Option::is_some).collect();
    // Indicator quantities carry only where a criterion is compared with its own number.
    let same_number: Vec<bool> = new
        .criteria
        .iter()
        .zip(&corresponding)
        .map(|(c, m)| m.as_deref() == Some(&[c.number][..]))
        .collect();
    let same_roster = frame.communes.len() == ds.communes.len()
        && frame
            .communes
            .iter()
            .zip(&ds.communes)
            .all(|(a, b)| a.id == b.id);
    let by_old: Vec<u32> = prev.communes.iter().map(|c| c.met_count()).collect();
    if same_roster && old.id == new.id {
        let baselines = (0..ds.communes.len())
            .map(|i| Baseline {
                predecessors: vec![(i, Share::Whole)],
                same: true,
                met_by: prev.communes[i]
                    .criteria
                    .iter()
                    .map(|c| Some((u32::from(c.official), 1)))
                    .collect(),
                not_carried: Vec::new(),
                recognition: RecognitionCarry::None,
            })
            .collect();
        return Some(Carried {
            result: prev,
            baselines,
            comparable,
            corresponding,
            changed: false,
            by_old,
        });
    }
    let comp = ds
        .lineage
        .composition(&ds.all_communes, frame.status_date, data_status(ds));
    let index: HashMap<&str, usize> = frame
        .communes
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    let ids = ItemIds::indicators(new);
    let measure_ids = ItemIds::measures(new);
    let mut communes = Vec::with_capacity(ds.communes.len());
    let mut baselines = Vec::with_capacity(ds.communes.len());
    for c in &ds.communes {
        let predecessors: Vec<(usize, Share)> = comp
            .get(&c.id)
            .map(|v| {
                v.iter()
                    .filter_map(|(id, s)| Some((*index.get(id.as_str())?, *s)))
                    .collect()
            })
            .unwrap_or_default();
        let same = predecessors.len() == 1
            && predecessors[0].1 == Share::Whole
            && frame.communes[predecessors[0].0].id == c.id
            && old.id == new.id;
        let met_by: Vec<Option<(u32, u32)>> = corresponding
            .iter()
            .map(|from| {
                let from = from.as_ref().filter(|_| !predecessors.is_empty())?;
                let ks: Vec<usize> = from
                    .iter()
                    .map(|n| old.criteria.iter().position(|o| o.number == *n))
                    .collect::<Option<_>>()?;
                // An old commune met it when it met every criterion it corresponds to.
                let met = predecessors
                    .iter()
                    .filter(|(p, _)| ks.iter().all(|k| prev.communes[*p].criteria[*k].official))
                    .count() as u32;
                Some((met, predecessors.len() as u32))
            })
            .collect();
        let mut cy = CommuneYear {
            declared: Default::default(),
            indicators: IndicatorValues::new(ids.clone()),
            measures: MeasureValues::new(measure_ids.clone()),
            place: None,
        };
        for (cr, m) in new.criteria.iter().zip(&met_by) {
            if let Some((met, of)) = m {
                cy.declared.insert(
                    cr.number,
                    Declared {
                        status: crate::facts::Status::from_bool(met == of),
                        source: None,
                    },
                );
            }
        }
        let mut not_carried = Vec::new();
        if !predecessors.is_empty() {
            carry_indicators(
                (old, new),
                &same_number,
                data,
                &predecessors,
                &mut cy,
                &mut not_carried,
            );
            carry_measures(new, data, &predecessors, &mut cy);
        }
        let mut r = evaluate::commune(new, c, &cy, data.year);
        for cr in &mut r.criteria {
            cr.indicators = Vec::new();
        }
        communes.push(r);
        baselines.push(Baseline {
            recognition: recognition(c, &predecessors, &frame.communes, same),
            predecessors,
            same,
            met_by,
            not_carried,
        });
    }
    Some(Carried {
        result: YearResult {
            year: prev.year,
            communes,
            villages: prev.villages,
        },
        baselines,
        comparable,
        corresponding,
        changed: true,
        by_old,
    })
}

/// The report year's status date.
fn data_status(ds: &Dataset) -> crate::dataset::Date {
    ds.current.status_date
}

/// Adds each indicator's quantities over the old communes, where they can be added.
fn carry_indicators(
    (old, new): (&Ruleset, &Ruleset),
    comparable: &[bool],
    data: &crate::dataset::YearData,
    predecessors: &[(usize, Share)],
    cy: &mut CommuneYear,
    not_carried: &mut Vec<(String, NotCarried)>,
) {
    for (cr, ok) in new.criteria.iter().zip(comparable) {
        if !ok {
            continue;
        }
        for ind in &cr.indicators {
            let Some(before) = old.indicator(&ind.id).filter(|o| o.kind == ind.kind) else {
                continue;
            };
            let values: Vec<(Option<&IndicatorValue>, Share, usize)> = predecessors
                .iter()
                .map(|&(p, s)| (data.communes[p].indicators.get(&before.id), s, p))
                .collect();
            let partial: Vec<usize> = values
                .iter()
                .filter(|(v, s, _)| v.is_some() && *s == Share::Part)
                .map(|(_, _, p)| *p)
                .collect();
            if !partial.is_empty() {
                not_carried.push((ind.id.clone(), NotCarried::PartialTransfer(partial)));
                continue;
            }
            if values.iter().any(|(v, _, _)| v.is_none()) {
                continue;
            }
            let given: Vec<&IndicatorValue> = values.iter().filter_map(|(v, _, _)| *v).collect();
            match added(ind.kind, &given) {
                Ok(Some(v)) => {
                    cy.indicators.insert(&ind.id, v);
                }
                Ok(None) => {}
                Err(why) => not_carried.push((ind.id.clone(), why)),
            }
        }
    }
}

/// One indicator's values of several old communes, added up; `Err` when they cannot be.
fn added(kind: Kind, given: &[&IndicatorValue]) -> Result<Option<IndicatorValue>, NotCarried> {
    if let [one] = given {
        return Ok(Some((*one).clone()));
    }
    let present: Vec<&IndicatorValue> = given
        .iter()
        .copied()
        .filter(|v| **v != IndicatorValue::NotApplicable)
        .collect();
    if present.is_empty() {
        return Ok(Some(IndicatorValue::NotApplicable));
    }
    Ok(Some(match kind {
        Kind::YesNo => IndicatorValue::YesNo(
            present
                .iter()
                .all(|v| matches!(v, IndicatorValue::YesNo(true))),
        ),
        Kind::Ratio => {
            let (mut n, mut d) = (rust_decimal::Decimal::ZERO, rust_decimal::Decimal::ZERO);
            for v in &present {
                if let IndicatorValue::Ratio {
                    numerator,
                    denominator,
                } = v
                {
                    n += numerator;
                    d += denominator;
                }
            }
            IndicatorValue::Ratio {
                numerator: n,
                denominator: d,
            }
        }
        Kind::Count => IndicatorValue::Scalar(
            present
                .iter()
                .filter_map(|v| match v {
                    IndicatorValue::Scalar(x) => Some(*x),
                    _ => None,
                })
                .sum(),
        ),
        Kind::Percent | Kind::Amount | Kind::Level => return Err(NotCarried::NotAdditive),
    }))
}

/// Adds each measure over the old communes held in whole (a part makes it not carried).
fn carry_measures(
    new: &Ruleset,
    data: &crate::dataset::YearData,
    predecessors: &[(usize, Share)],
    cy: &mut CommuneYear,
) {
    for m in &new.measures {
        let values: Vec<(Option<&MeasureValue>, Share)> = predecessors
            .iter()
            .map(|&(p, s)| (data.communes[p].measures.get(&m.id), s))
            .collect();
        if values.iter().any(|(v, s)| v.is_none() || *s == Share::Part) {
            continue;
        }
        let mut total: Option<MeasureValue> = None;
        for (v, _) in values {
            let v = v.expect("checked above").clone();
            total = Some(match (total, v) {
                (None, v) => v,
                (Some(MeasureValue::Scalar(a)), MeasureValue::Scalar(b)) => {
                    MeasureValue::Scalar(a + b)
                }
                (
                    Some(MeasureValue::Ratio {
                        numerator: a,
                        denominator: b,
                    }),
                    MeasureValue::Ratio {
                        numerator: c,
                        denominator: d,
                    },
                ) => MeasureValue::Ratio {
                    numerator: a + c,
                    denominator: b + d,
                },
                (Some(t), _) => t,
            });
        }
        if let Some(t) = total {
            cy.measures.insert(&m.id, t);
        }
    }
}

/// How a commune's recognition stands after the change of roster.
fn recognition(
    c: &Commune,
    predecessors: &[(usize, Share)],
    old: &[Commune],
    same: bool,
) -> RecognitionCarry {
    if same {
        return RecognitionCarry::None;
    }
    if c.recognition.is_some() || c.revoked.is_some() {
        return RecognitionCarry::Own;
    }
    let recognised = predecessors
        .iter()
        .filter(|(p, _)| old[*p].recognition.is_some())
        .count();
    match recognised {
        0 => RecognitionCarry::None,
        n if n == predecessors.len() => RecognitionCarry::Carried,
        _ => RecognitionCarry::Awaiting,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    fn ratio(n: i64, d: i64) -> IndicatorValue {
        IndicatorValue::Ratio {
            numerator: Decimal::from(n),
            denominator: Decimal::from(d),
        }
    }

    #[test]
    fn ratios_and_counts_add_up_over_old_communes() {
        let (a, b) = (ratio(3, 4), ratio(5, 10));
        assert_eq!(added(Kind::Ratio, &[&a, &b]), Ok(Some(ratio(8, 14))));
        let (x, y) = (
            IndicatorValue::Scalar(Decimal::from(2)),
            IndicatorValue::Scalar(Decimal::from(5)),
        );
        assert_eq!(
            added(Kind::Count, &[&x, &y]),
            Ok(Some(IndicatorValue::Scalar(Decimal::from(7))))
        );
    }

    #[test]
    fn rates_of_several_old_communes_are_not_added() {
        let (x, y) = (
            IndicatorValue::Scalar(Decimal::from(40)),
            IndicatorValue::Scalar(Decimal::from(50)),
        );
        assert_eq!(added(Kind::Amount, &[&x, &y]), Err(NotCarried::NotAdditive));
        assert_eq!(
            added(Kind::Percent, &[&x, &y]),
            Err(NotCarried::NotAdditive)
        );
        // One old commune in whole: its value stands.
        assert_eq!(added(Kind::Amount, &[&x]), Ok(Some(x.clone())));
    }

    #[test]
    fn yes_no_is_met_only_where_every_old_commune_met_it() {
        let (t, f, na) = (
            IndicatorValue::YesNo(true),
            IndicatorValue::YesNo(false),
            IndicatorValue::NotApplicable,
        );
        assert_eq!(added(Kind::YesNo, &[&t, &t]), Ok(Some(t.clone())));
        assert_eq!(added(Kind::YesNo, &[&t, &f]), Ok(Some(f.clone())));
        assert_eq!(added(Kind::YesNo, &[&t, &na]), Ok(Some(t.clone())));
        assert_eq!(added(Kind::YesNo, &[&na, &na]), Ok(Some(na.clone())));
    }
}
