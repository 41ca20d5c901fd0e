//! Indicator → criterion → commune: the pass/fail decisions. Pure, and it cannot fail: every
//! value it reads has been checked by `validate`.

use crate::dataset::{Commune, CommuneYear, Dataset, IndicatorValue, YearData};
use crate::facts::Status;
use crate::number::percent;
use crate::ruleset::{Criterion, Indicator, Ruleset};
use rust_decimal::Decimal;

/// An indicator's value judged against its threshold. Results come in the order of the
/// ruleset's indicators, which say which indicator each is: a national build holds a
/// million of them, and they carry no id.
#[derive(Clone, Debug)]
pub struct IndicatorResult {
    pub value: Option<IndicatorValue>,
    pub threshold: Option<Decimal>,
    /// For ratios: numerator ÷ denominator × 100, unrounded.
    pub percent: Option<Decimal>,
    /// `None` when no value was given.
    pub met: Option<bool>,
}

/// A criterion's declared, computed and official status for one commune.
#[derive(Clone, Debug)]
pub struct CriterionResult {
    pub number: u32,
    /// Đạt, chưa đạt, cơ bản đạt or không đánh giá, as the office declared it.
    pub declared: Option<Status>,
    /// `Some(false)` as soon as one given indicator fails; `Some(true)` when all are given
    /// and met; `None` otherwise.
    pub computed: Option<bool>,
    /// Met (đạt) by the declared status where there is one, else by the computed one;
    /// not met without either. Cơ bản đạt and không đánh giá are not met.
    pub official: bool,
    pub indicators: Vec<IndicatorResult>,
}

impl CriterionResult {
    /// Declared (met or not met) and computed statuses both exist and disagree. A
    /// declared "cơ bản đạt" or "không đánh giá" is no disagreement: it says what the
    /// indicators cannot.
    pub fn disagrees(&self) -> bool {
        matches!((self.declared.and_then(Status::as_bool), self.computed), (Some(d), Some(c)) if d != c)
    }

    /// The official status: the declared one where there is one, else met or not met.
    pub fn status(&self) -> Status {
        self.declared
            .unwrap_or_else(|| Status::from_bool(self.official))
    }

    /// Neither a declared status nor a computed one: counted as not met.
    pub fn unknown(&self) -> bool {
        self.declared.is_none() && self.computed.is_none()
    }
}

/// One commune's results for one year.
#[derive(Clone, Debug)]
pub struct CommuneResult {
    pub criteria: Vec<CriterionResult>,
}

impl CommuneResult {
    /// The official number of criteria met.
    pub fn met_count(&self) -> u32 {
        self.criteria.iter().filter(|c| c.official).count() as u32
    }

    /// How many criteria have the official status `s`.
    pub fn count(&self, s: Status) -> u32 {
        self.criteria.iter().filter(|c| c.status() == s).count() as u32
    }

    /// How many criteria have each official status.
    pub fn tally(&self) -> crate::dataset::Tally {
        let mut t = crate::dataset::Tally::default();
        for c in &self.criteria {
            match c.status() {
                Status::Met => t.met += 1,
                Status::NotMet => t.not_met += 1,
                Status::BasicallyMet => t.basically_met += 1,
                Status::NotAssessed => t.not_assessed += 1,
            }
        }
        t
    }

    /// The numbers of the criteria officially met.
    pub fn met(&self) -> Vec<u32> {
        self.criteria
            .iter()
            .filter(|c| c.official)
            .map(|c| c.number)
            .collect()
    }

    pub fn criterion(&self, number: u32) -> Option<&CriterionResult> {
        self.criteria.iter().find(|c| c.number == number)
    }
}

/// A year evaluated.
#[derive(Clone, Debug)]
pub struct YearResult {
    pub year: i32,
    /// Indexed like the commune roster.
    pub communes: Vec<CommuneResult>,
    /// Criteria met per village, indexed like the village roster.
    pub villages: Option<Vec<u32>>,
}

/// Evaluates the report year of a dataset.
pub fn year(ds: &Dataset, data: &YearData) -> YearResult {
    evaluate_year(&ds.commune_rules, &ds.communes, data, true)
}

/// Evaluates the year before the report year, against its own roster and rulesets, down
/// to its criterion statuses: each commune's indicator results are dropped as soon as its
/// criteria are judged (a national dataset has some 600,000 indicators a year).
pub fn previous_statuses(ds: &Dataset) -> Option<YearResult> {
    let (data, frame) = (ds.previous.as_ref()?, ds.previous_frame.as_ref()?);
    Some(evaluate_year(
        &frame.commune_rules,
        &frame.communes,
        data,
        false,
    ))
}

/// Evaluates a year of communes `roster` against `rules`, keeping or dropping each
/// commune's indicator results.
pub fn evaluate_year(
    rules: &Ruleset,
    roster: &[Commune],
    data: &YearData,
    keep_indicators: bool,
) -> YearResult {
    let communes = roster
        .iter()
        .zip(&data.communes)
        .map(|(c, cy)| {
            let mut r = commune(rules, c, cy, data.year);
            if !keep_indicators {
                for cr in &mut r.criteria {
                    cr.indicators = Vec::new();
                }
            }
            r
        })
        .collect();
    let villages = data
        .villages
        .as_ref()
        .map(|vs| vs.iter().map(|met| met.len() as u32).collect());
    YearResult {
        year: data.year,
        communes,
        villages,
    }
}

/// Evaluates one commune against a ruleset.
pub fn commune(rules: &Ruleset, commune: &Commune, data: &CommuneYear, year: i32) -> CommuneResult {
    // The values are in ruleset order: criterion by criterion, indicator by indicator.
    let mut first = 0;
    let criteria = rules
        .criteria
        .iter()
        .map(|c| {
            let r = criterion(c, first, commune, data, year);
            first += c.indicators.len();
            r
        })
        .collect();
    CommuneResult { criteria }
}

/// Evaluates a criterion whose first indicator is at position `first` in ruleset order.
fn criterion(
    c: &Criterion,
    first: usize,
    commune: &Commune,
    data: &CommuneYear,
    year: i32,
) -> CriterionResult {
    let indicators: Vec<IndicatorResult> = c
        .indicators
        .iter()
        .enumerate()
        .map(|(i, ind)| {
            let value = data.indicators.at(first + i);
            indicator(ind, value, &commune.category, year)
        })
        .collect();
    let computed = if indicators.is_empty() {
        None
    } else if indicators.iter().any(|i| i.met == Some(false)) {
        Some(false)
    } else if indicators.iter().all(|i| i.met == Some(true)) {
        Some(true)
    } else {
        None
    };
    let declared = data.declared.get(&c.number).map(|d| d.status);
    CriterionResult {
        number: c.number,
        declared,
        computed,
        official: declared.map_or(computed.unwrap_or(false), Status::is_met),
        indicators,
    }
}

/// Judges one indicator value; the comparison uses unrounded values.
pub fn indicator(
    ind: &Indicator,
    value: Option<&IndicatorValue>,
    category: &str,
    year: i32,
) -> IndicatorResult {
    let threshold = ind.threshold(year, category).map(|t| t.value);
    let mut pct = None;
    let met = value.map(|v| match v {
        IndicatorValue::NotApplicable => true,
        IndicatorValue::YesNo(m) => *m,
        IndicatorValue::Scalar(x) => compare(ind, *x, threshold),
        IndicatorValue::Ratio {
            numerator,
            denominator,
        } => {
            pct = percent(*numerator, *denominator);
            pct.is_some_and(|p| compare(ind, p, threshold))
        }
    });
    IndicatorResult {
        value: value.cloned(),
        threshold,
        percent: pct,
        met,
    }
}

fn compare(ind: &Indicator, value: Decimal, threshold: Option<Decimal>) -> bool {
    match (ind.comparator, threshold) {
        (Some(cmp), Some(t)) => cmp.holds(value, t),
        // Validation guarantees a comparator and a threshold for measured indicators.
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::{IndicatorValues, ItemIds};
    use crate::diagnostic::Diagnostics;
    use crate::ruleset::parse;
    use crate::source::SourceFile;
    use std::str::FromStr;

    const RULES: &str = r#"
[ruleset]
id = "t"
level = "commune"
name = "T"
legal_source = "x"
[[categories]]
id = "a"
name = "A"
[[groups]]
id = "I"
name = "G"
[[criteria]]
number = 4
name = "Điện"
group = "I"
[[criteria.indicators]]
id = "4.1"
content = "Hệ thống điện"
kind = "yes_no"
[[criteria.indicators]]
id = "4.2"
content = "Tỷ lệ hộ dùng điện"
kind = "ratio"
comparator = ">="
[[criteria.indicators.thresholds]]
value = "95"
[[criteria]]
number = 13
name = "Tổ chức sản xuất"
group = "I"
[[criteria.indicators]]
id = "13.4"
content = "Làng nghề"
kind = "yes_no"
applicability = "if_exists"
"#;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn setup() -> (Ruleset, Commune) {
        let rules = parse(
            &SourceFile::from_text("r".into(), RULES),
            &mut Diagnostics::new(),
        )
        .unwrap();
        let c = Commune {
            id: "x".into(),
            name: "X".into(),
            category: "a".into(),
            category_decision: None,
            recognition: None,
            revoked: None,
            group: None,
            valid_from: None,
            valid_until: None,
        };
        (rules, c)
    }

    /// A commune's year with no data, for the indicators of `rules`.
    fn blank(rules: &Ruleset) -> CommuneYear {
        CommuneYear {
            indicators: IndicatorValues::new(ItemIds::indicators(rules)),
            ..CommuneYear::default()
        }
    }

    #[test]
    fn criterion_needs_every_indicator() {
        let (rules, c) = setup();
        let mut data = blank(&rules);
        data.indicators.insert("4.1", IndicatorValue::YesNo(true));
        let r = commune(&rules, &c, &data, 2023);
        assert_eq!(r.criteria[0].computed, None, "4.2 missing: unknown");
        data.indicators.insert(
            "4.2",
            IndicatorValue::Ratio {
                numerator: d("94.99"),
                denominator: d("100"),
            },
        );
        assert_eq!(
            commune(&rules, &c, &data, 2023).criteria[0].computed,
            Some(false)
        );
        data.indicators.insert(
            "4.2",
            IndicatorValue::Ratio {
                numerator: d("16021"),
                denominator: d("16184"),
            },
        );
        assert_eq!(
            commune(&rules, &c, &data, 2023).criteria[0].computed,
            Some(true)
        );
    }

    #[test]
    fn comparison_uses_unrounded_values() {
        let (rules, c) = setup();
        let mut data = blank(&rules);
        data.indicators.insert("4.1", IndicatorValue::YesNo(true));
        // 94.996 % would print as 95,0 % but is below 95 %.
        data.indicators.insert(
            "4.2",
            IndicatorValue::Ratio {
                numerator: d("94996"),
                denominator: d("100000"),
            },
        );
        assert_eq!(
            commune(&rules, &c, &data, 2023).criteria[0].computed,
            Some(false)
        );
    }

    #[test]
    fn not_applicable_counts_as_met_and_declared_wins() {
        let (rules, c) = setup();
        let mut data = blank(&rules);
        data.indicators
            .insert("13.4", IndicatorValue::NotApplicable);
        data.declared.insert(
            13,
            crate::dataset::Declared {
                status: Status::NotMet,
                source: None,
            },
        );
        let r = commune(&rules, &c, &data, 2023);
        let c13 = r.criterion(13).unwrap();
        assert_eq!(
            (c13.computed, c13.declared, c13.official),
            (Some(true), Some(Status::NotMet), false)
        );
        assert!(c13.disagrees());
        assert!(r.criterion(4).unwrap().unknown());
        assert_eq!(r.met_count(), 0);
    }
}
