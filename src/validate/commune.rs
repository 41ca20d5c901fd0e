//! One commune's year: `YEAR/communes/<id>.toml` files and the long `YEAR/communes.csv`.

use super::table::Table;
use super::{optional_file, toml_problem};
use crate::dataset::{Commune, CommuneYear, Declared, IndicatorValue, MeasureValue};
use crate::diagnostic::{Diagnostics, Hint, Message, did_you_mean};
use crate::load::Files;
use crate::ruleset::{Indicator, Kind, Ruleset};
use crate::source::{Location, SourceFile, Spanned};
use rust_decimal::Decimal;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    commune: Spanned<String>,
    source: Option<String>,
    declared: Option<RawDeclared>,
    #[serde(default)]
    indicators: BTreeMap<String, Spanned<RawValue>>,
    #[serde(default)]
    measures: BTreeMap<String, Spanned<toml::Value>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDeclared {
    #[serde(default)]
    met: Vec<Spanned<u32>>,
    #[serde(default)]
    not_met: Vec<Spanned<u32>>,
    #[serde(default)]
    sources: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawValue {
    met: Option<bool>,
    value: Option<Spanned<toml::Value>>,
    numerator: Option<Spanned<toml::Value>>,
    denominator: Option<Spanned<toml::Value>>,
    applicable: Option<bool>,
    #[allow(dead_code)]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRatio {
    numerator: Spanned<toml::Value>,
    denominator: Spanned<toml::Value>,
}

/// Where each item of each commune was given, to refuse duplicates across files.
/// Where each item was first given: (commune, item) → (file name, line). File names are
/// shared, so a table of a million rows costs no string per row.
type Seen = BTreeMap<(usize, String), (std::sync::Arc<str>, usize)>;

/// Reads every commune's data for a year, indexed like the roster.
pub fn communes(
    files: &dyn Files,
    year: i32,
    roster: &[Commune],
    rules: &Ruleset,
    diags: &mut Diagnostics,
) -> Vec<CommuneYear> {
    let mut out = vec![CommuneYear::default(); roster.len()];
    let mut seen = Seen::new();
    let index = Roster::new(roster);
    let roster = &index;
    let dir = format!("{year}/communes");
    for name in files.list(&dir) {
        let rel = format!("{dir}/{name}");
        if !name.ends_with(".toml") {
            let message = Message::IgnoredFile { expected: ".toml" };
            diags.warning_in(Some(&rel), message);
            continue;
        }
        if let Some(src) = optional_file(files, &rel, diags) {
            toml_file(
                &src,
                name.trim_end_matches(".toml"),
                roster,
                rules,
                &mut out,
                &mut seen,
                diags,
            );
        }
    }
    let rel = format!("{year}/communes.csv");
    if let Some(src) = optional_file(files, &rel, diags) {
        csv_file(&src, roster, rules, &mut out, &mut seen, diags);
    }
    for (i, c) in roster.communes.iter().enumerate() {
        let has_data = seen
            .range((i, String::new())..)
            .next()
            .is_some_and(|((ci, _), _)| *ci == i);
        if !has_data {
            let message = Message::CommuneWithoutData {
                id: c.id.clone(),
                name: c.name.clone(),
                year,
            };
            diags.error_in(Some(&format!("{year}/")), message).hint = Some(Hint::AddCommuneData {
                file: format!("{dir}/{}.toml", c.id),
                table: rel.clone(),
            });
        }
    }
    out
}

/// The commune roster with an index by id, so that a table of any length is matched in
/// linear time.
struct Roster<'a> {
    communes: &'a [Commune],
    index: HashMap<&'a str, usize>,
}

impl<'a> Roster<'a> {
    fn new(communes: &'a [Commune]) -> Self {
        let index = communes
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.as_str(), i))
            .collect();
        Roster { communes, index }
    }
}

fn commune_index(
    id: &str,
    at: &Location,
    roster: &Roster,
    diags: &mut Diagnostics,
) -> Option<usize> {
    let id = id.trim();
    let i = roster.index.get(id).copied();
    if i.is_none() {
        let d = diags.error(at, Message::UnknownCommune { id: id.to_string() });
        d.hint = did_you_mean(id, roster.communes.iter().map(|c| c.id.as_str()))
            .or(Some(Hint::CommunesListedIn));
    }
    i
}

fn note_seen(
    seen: &mut Seen,
    ci: usize,
    item: &str,
    at: &Location,
    diags: &mut Diagnostics,
) -> bool {
    if let Some(first) = seen.get(&(ci, item.to_string())) {
        let message = Message::GivenTwice {
            item: item.to_string(),
        };
        diags.error(at, message).hint = Some(Hint::FirstGivenAt {
            file: first.0.to_string(),
            line: first.1,
        });
        return false;
    }
    seen.insert((ci, item.to_string()), (shared_name(&at.file), at.line));
    true
}

/// The file name as a shared string: consecutive rows of one file share one allocation.
fn shared_name(file: &str) -> std::sync::Arc<str> {
    thread_local! {
        static LAST: std::cell::RefCell<Option<std::sync::Arc<str>>> = const { std::cell::RefCell::new(None) };
    }
    LAST.with(|last| {
        let mut last = last.borrow_mut();
        match &*last {
            Some(a) if &**a == file => a.clone(),
            _ => {
                let a: std::sync::Arc<str> = file.into();
                *last = Some(a.clone());
                a
            }
        }
    })
}

fn toml_file(
    src: &SourceFile,
    stem: &str,
    roster: &Roster,
    rules: &Ruleset,
    out: &mut [CommuneYear],
    seen: &mut Seen,
    diags: &mut Diagnostics,
) {
    let raw: RawFile = match toml::from_str(&src.text) {
        Ok(r) => r,
        Err(e) => {
            toml_problem(src, &e, diags);
            return;
        }
    };
    let at = src.at(&raw.commune);
    let id = raw.commune.get_ref().trim();
    let Some(ci) = commune_index(id, &at, roster, diags) else {
        return;
    };
    if stem != id {
        let message = Message::FileNameMismatch {
            stem: stem.to_string(),
            id: id.to_string(),
        };
        diags.warning(&at, message);
    }
    // An empty marker so that a file with nothing else still counts as data for the commune.
    seen.entry((ci, String::new()))
        .or_insert((shared_name(&at.file), at.line));
    if let Some(d) = &raw.declared {
        for (list, met) in [(&d.met, true), (&d.not_met, false)] {
            for n in list {
                let loc = src.at(n);
                let num = *n.get_ref();
                if rules.criterion(num).is_none() {
                    unknown_criterion(num, &loc, rules, diags);
                    continue;
                }
                if note_seen(seen, ci, &num.to_string(), &loc, diags) {
                    let source = d
                        .sources
                        .get(&num.to_string())
                        .cloned()
                        .or_else(|| raw.source.clone());
                    out[ci].declared.insert(num, Declared { met, source });
                }
            }
        }
        for key in d.sources.keys() {
            if !out[ci]
                .declared
                .contains_key(&key.trim().parse().unwrap_or(0))
            {
                let message = Message::SourceWithoutStatus {
                    criterion: key.clone(),
                };
                diags.error(&src.find(&format!("{key} =")), message);
            }
        }
    }
    for (id, v) in &raw.indicators {
        let id = &id.trim().to_string();
        let loc = src.at(v);
        let Some(ind) = known_indicator(id, &loc, rules, diags) else {
            continue;
        };
        if !note_seen(seen, ci, id, &loc, diags) {
            continue;
        }
        if let Some(value) = toml_indicator(src, ind, v.get_ref(), &loc, diags) {
            out[ci].indicators.insert(id.clone(), value);
        }
    }
    for (id, v) in &raw.measures {
        let id = &id.trim().to_string();
        let loc = src.at(v);
        let Some(m) = rules.measure(id) else {
            let d = diags.error(&loc, Message::UnknownMeasure { id: id.clone() });
            d.hint = did_you_mean(id, rules.measures.iter().map(|m| m.id.as_str()));
            continue;
        };
        if !note_seen(seen, ci, id, &loc, diags) {
            continue;
        }
        let value = match v.get_ref() {
            toml::Value::Table(_) => {
                let text = &src.text[v.span()];
                let parsed =
                    toml::de::ValueDeserializer::parse(text).and_then(RawRatio::deserialize);
                match parsed {
                    Ok(r) => {
                        let shift = |s: &Spanned<toml::Value>| {
                            let span = s.span();
                            Spanned::new(
                                span.start + v.span().start..span.end + v.span().start,
                                s.get_ref().clone(),
                            )
                        };
                        let (n, d) = (shift(&r.numerator), shift(&r.denominator));
                        number(src, &n, diags)
                            .zip(number(src, &d, diags))
                            .and_then(|(n, d)| ratio_ok(n, d, &loc, diags))
                            .map(|(numerator, denominator)| MeasureValue::Ratio {
                                numerator,
                                denominator,
                            })
                    }
                    Err(e) => {
                        let detail = e.message().trim().to_string();
                        diags.error(&loc, Message::RatioMeasureForm { detail });
                        None
                    }
                }
            }
            _ => number(src, v, diags).map(MeasureValue::Scalar),
        };
        match (value, m.kind) {
            (Some(MeasureValue::Scalar(_)), Kind::Ratio) => {
                diags.error(&loc, Message::MeasureIsRatio { id: id.clone() });
            }
            (Some(MeasureValue::Ratio { .. }), k) if k != Kind::Ratio => {
                diags.error(&loc, Message::MeasureIsScalar { id: id.clone() });
            }
            (Some(val), _) => {
                out[ci].measures.insert(id.clone(), val);
            }
            (None, _) => {}
        }
    }
}

fn known_indicator<'r>(
    id: &str,
    loc: &Location,
    rules: &'r Ruleset,
    diags: &mut Diagnostics,
) -> Option<&'r Indicator> {
    let ind = rules.indicator(id);
    if ind.is_none() {
        let message = Message::UnknownIndicator {
            id: id.to_string(),
            ruleset: rules.id.clone(),
        };
        let d = diags.error(loc, message);
        d.hint = did_you_mean(id, rules.indicators().map(|i| i.id.as_str()));
    }
    ind
}

fn unknown_criterion(number: u32, loc: &Location, rules: &Ruleset, diags: &mut Diagnostics) {
    let ruleset = rules.id.clone();
    diags
        .error(loc, Message::UnknownCriterion { number, ruleset })
        .hint = Some(Hint::CriteriaOfRuleset {
        ruleset: rules.id.clone(),
    });
}

fn number(src: &SourceFile, v: &Spanned<toml::Value>, diags: &mut Diagnostics) -> Option<Decimal> {
    match src.exact_number(v) {
        Ok(d) => Some(d),
        Err(_) => {
            diags.error(&src.at(v), Message::ExpectedNumber).hint = Some(Hint::NumberForm);
            None
        }
    }
}

fn ratio_ok(
    n: Decimal,
    d: Decimal,
    loc: &Location,
    diags: &mut Diagnostics,
) -> Option<(Decimal, Decimal)> {
    if (n.is_sign_negative() && !n.is_zero()) || (d.is_sign_negative() && !d.is_zero()) {
        diags.error(loc, Message::NegativeRatio);
        None
    } else if d.is_zero() {
        diags.error(loc, Message::ZeroDenominator).hint = Some(Hint::NotApplicableForm);
        None
    } else {
        Some((n, d))
    }
}

/// Checks a value against the indicator's kind; shared by the TOML and CSV readers.
fn checked(
    ind: &Indicator,
    value: IndicatorValue,
    loc: &Location,
    diags: &mut Diagnostics,
) -> Option<IndicatorValue> {
    match &value {
        IndicatorValue::NotApplicable if !ind.if_exists => {
            let id = ind.id.clone();
            diags.error(loc, Message::AlwaysApplies { id });
            return None;
        }
        IndicatorValue::Ratio {
            numerator,
            denominator,
        } => {
            ratio_ok(*numerator, *denominator, loc, diags)?;
            if numerator > denominator {
                let message = Message::NumeratorAboveDenominator {
                    numerator: numerator.to_string(),
                    denominator: denominator.to_string(),
                };
                diags.error(loc, message);
                return None;
            }
        }
        IndicatorValue::Scalar(v) => {
            let (id, value) = (ind.id.clone(), v.to_string());
            if v.is_sign_negative() && !v.is_zero() {
                diags.error(loc, Message::NegativeValue { id, value });
                return None;
            }
            if ind.kind == Kind::Percent && *v > Decimal::ONE_HUNDRED {
                diags.error(loc, Message::PercentOver100 { value });
                return None;
            }
            if matches!(ind.kind, Kind::Count | Kind::Level) && !v.fract().is_zero() {
                diags.error(loc, Message::NotWholeNumber { id, value });
                return None;
            }
        }
        _ => {}
    }
    Some(value)
}

fn kind_hint(kind: Kind) -> Hint {
    match kind {
        Kind::YesNo => Hint::YesNoForm,
        Kind::Ratio => Hint::RatioForm,
        _ => Hint::ValueForm,
    }
}

fn toml_indicator(
    src: &SourceFile,
    ind: &Indicator,
    v: &RawValue,
    loc: &Location,
    diags: &mut Diagnostics,
) -> Option<IndicatorValue> {
    let value = match (ind.kind, v) {
        (
            _,
            RawValue {
                applicable: Some(false),
                met: None,
                value: None,
                numerator: None,
                denominator: None,
                ..
            },
        ) => IndicatorValue::NotApplicable,
        (
            Kind::YesNo,
            RawValue {
                met: Some(m),
                value: None,
                numerator: None,
                denominator: None,
                applicable: None | Some(true),
                ..
            },
        ) => IndicatorValue::YesNo(*m),
        (
            Kind::Ratio,
            RawValue {
                met: None,
                value: None,
                numerator: Some(n),
                denominator: Some(d),
                applicable: None | Some(true),
                ..
            },
        ) => {
            let (n, d) = (number(src, n, diags)?, number(src, d, diags)?);
            IndicatorValue::Ratio {
                numerator: n,
                denominator: d,
            }
        }
        (
            k,
            RawValue {
                met: None,
                value: Some(x),
                numerator: None,
                denominator: None,
                applicable: None | Some(true),
                ..
            },
        ) if k != Kind::YesNo && k != Kind::Ratio => IndicatorValue::Scalar(number(src, x, diags)?),
        (
            k,
            RawValue {
                met: None,
                value: None,
                numerator: None,
                denominator: None,
                ..
            },
        ) => {
            let id = ind.id.clone();
            diags.error(loc, Message::IndicatorWithoutValue { id }).hint = Some(kind_hint(k));
            return None;
        }
        (k, _) => {
            let message = Message::IndicatorValueForm {
                id: ind.id.clone(),
                kind: k.name(),
            };
            diags.error(loc, message).hint = Some(kind_hint(k));
            return None;
        }
    };
    checked(ind, value, loc, diags)
}

fn csv_file(
    src: &SourceFile,
    roster: &Roster,
    rules: &Ruleset,
    out: &mut [CommuneYear],
    seen: &mut Seen,
    diags: &mut Diagnostics,
) {
    let Some(t) = Table::read(
        src,
        &["commune", "item", "value"],
        &["denominator", "source"],
        diags,
    ) else {
        return;
    };
    for row in &t.rows {
        let Some(ci) = commune_index(t.cell(row, "commune"), &t.at(row, "commune"), roster, diags)
        else {
            continue;
        };
        let item = t.cell(row, "item");
        let value = t.cell(row, "value");
        let loc = t.at(row, "value");
        let item_loc = t.at(row, "item");
        if let Ok(num) = item.parse::<u32>() {
            if rules.criterion(num).is_none() {
                unknown_criterion(num, &item_loc, rules, diags);
                continue;
            }
            let met = match status_word(value) {
                Some(m) => m,
                None => {
                    let text = value.to_string();
                    diags.error(&loc, Message::NotAStatus { text }).hint =
                        Some(Hint::CriterionStatusForm);
                    continue;
                }
            };
            if note_seen(seen, ci, &num.to_string(), &item_loc, diags) {
                let source = Some(t.cell(row, "source").to_string()).filter(|s| !s.is_empty());
                out[ci].declared.insert(num, Declared { met, source });
            }
        } else if let Some(m) = rules.measure(item) {
            let Some(n) = t.decimal(value) else {
                not_a_number(value, &loc, diags);
                continue;
            };
            let den = t.cell(row, "denominator");
            let val = match (m.kind, den.is_empty()) {
                (Kind::Ratio, false) => {
                    let Some(d) = t.decimal(den) else {
                        not_a_number(den, &t.at(row, "denominator"), diags);
                        continue;
                    };
                    match ratio_ok(n, d, &loc, diags) {
                        Some((numerator, denominator)) => MeasureValue::Ratio {
                            numerator,
                            denominator,
                        },
                        None => continue,
                    }
                }
                (Kind::Ratio, true) => {
                    let id = item.to_string();
                    diags.error(&loc, Message::MissingDenominator { id });
                    continue;
                }
                (_, false) => {
                    let id = item.to_string();
                    diags.error(&t.at(row, "denominator"), Message::MeasureIsScalar { id });
                    continue;
                }
                (_, true) => MeasureValue::Scalar(n),
            };
            if note_seen(seen, ci, item, &item_loc, diags) {
                out[ci].measures.insert(item.to_string(), val);
            }
        } else {
            let Some(ind) = known_indicator(item, &item_loc, rules, diags) else {
                continue;
            };
            let Some(v) = csv_indicator(&t, row, ind, &loc, diags) else {
                continue;
            };
            if note_seen(seen, ci, item, &item_loc, diags)
                && let Some(v) = checked(ind, v, &loc, diags)
            {
                out[ci].indicators.insert(item.to_string(), v);
            }
        }
    }
}

fn csv_indicator(
    t: &Table,
    row: &super::table::Row,
    ind: &Indicator,
    loc: &Location,
    diags: &mut Diagnostics,
) -> Option<IndicatorValue> {
    let value = t.cell(row, "value");
    let lower = value.to_lowercase();
    if ["không áp dụng", "n/a", "na"].contains(&lower.as_str()) {
        return Some(IndicatorValue::NotApplicable);
    }
    let id = ind.id.clone();
    if value.is_empty() {
        diags.error(loc, Message::IndicatorWithoutValue { id }).hint = Some(kind_hint(ind.kind));
        return None;
    }
    match ind.kind {
        Kind::YesNo => match status_word(value) {
            Some(m) => Some(IndicatorValue::YesNo(m)),
            None => {
                let text = value.to_string();
                diags.error(loc, Message::NotAYesNo { text }).hint = Some(Hint::YesNoWordForm);
                None
            }
        },
        kind => {
            let Some(n) = t.decimal(value) else {
                not_a_number(value, loc, diags);
                return None;
            };
            let den = t.cell(row, "denominator");
            match (kind, den.is_empty()) {
                (Kind::Ratio, true) => {
                    diags.error(loc, Message::MissingDenominator { id });
                    None
                }
                (Kind::Ratio, false) => match t.decimal(den) {
                    Some(d) => Some(IndicatorValue::Ratio {
                        numerator: n,
                        denominator: d,
                    }),
                    None => {
                        not_a_number(den, &t.at(row, "denominator"), diags);
                        None
                    }
                },
                (_, false) => {
                    diags.error(
                        &t.at(row, "denominator"),
                        Message::TakesNoDenominator { id },
                    );
                    None
                }
                (_, true) => Some(IndicatorValue::Scalar(n)),
            }
        }
    }
}

fn not_a_number(text: &str, loc: &Location, diags: &mut Diagnostics) {
    let text = text.to_string();
    diags.error(loc, Message::NotANumber { text }).hint = Some(Hint::CsvNumberForm);
}

/// A met/not-met word as offices write it.
pub fn status_word(text: &str) -> Option<bool> {
    match text.trim().to_lowercase().as_str() {
        "đạt" | "met" | "true" | "x" | "1" | "có" => Some(true),
        "chưa đạt" | "không đạt" | "not_met" | "false" | "0" | "-" | "không" => {
            Some(false)
        }
        _ => None,
    }
}
