//! One commune's year: `YEAR/communes/<id>.toml` files, the long `YEAR/communes.csv`, and
//! the sheets of the year's workbooks: the long table, and the wide tables of criterion
//! statuses (a column per criterion) and of indicator and measure values (a column per
//! indicator, two for a ratio).

mod wide;

use super::table::{Row, Table};
use super::workbook::{SheetKind, YearSheets};
use super::{optional_file, toml_problem};
use crate::dataset::{
    Commune, CommuneYear, Declared, IndicatorValue, IndicatorValues, ItemIds, MeasureValue,
    MeasureValues,
};
use crate::diagnostic::{Diagnostics, Hint, Message, did_you_mean};
use crate::facts::Status;
use crate::load::Files;
use crate::ruleset::{Indicator, Kind, Ruleset};
use crate::source::{Location, SourceFile, Spanned, cell_name};
use rust_decimal::Decimal;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

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
    /// Cơ bản đạt.
    #[serde(default)]
    basically_met: Vec<Spanned<u32>>,
    /// Không đánh giá.
    #[serde(default)]
    not_assessed: Vec<Spanned<u32>>,
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

/// A place to report a problem at, worked out only when there is one: a table of a million
/// rows computes no location for its good rows.
type At<'a> = &'a dyn Fn() -> Location;

/// What a commune's data may give, by the names data files use: the ruleset's criteria (by
/// number), indicators and measures. Each distinct name has a slot, where the place it was
/// first given for each commune is kept, so that it is refused a second time.
struct Items<'r> {
    rules: &'r Ruleset,
    ids: Arc<ItemIds>,
    measure_ids: Arc<ItemIds>,
    /// The indicators in ruleset order.
    by_position: Vec<&'r Indicator>,
    /// Slots by criterion, indicator (in ruleset order) and measure index.
    criteria: Vec<usize>,
    indicators: Vec<usize>,
    measures: Vec<usize>,
    slots: usize,
    /// The ids that change when read as numbers (`17.10` is 17.1), by the number's text.
    as_numbers: HashMap<String, &'r str>,
}

impl<'r> Items<'r> {
    fn new(rules: &'r Ruleset) -> Self {
        let mut names: HashMap<String, usize> = HashMap::new();
        let mut slot = |name: String| {
            let next = names.len();
            *names.entry(name).or_insert(next)
        };
        let criteria = rules
            .criteria
            .iter()
            .map(|c| slot(c.number.to_string()))
            .collect();
        let indicators = rules.indicators().map(|i| slot(i.id.clone())).collect();
        let measures = rules.measures.iter().map(|m| slot(m.id.clone())).collect();
        let value =
            |t: &str| crate::number::parse_decimal(t, crate::number::DecimalSeparator::Point);
        let as_numbers = rules
            .indicators()
            .map(|i| i.id.as_str())
            .chain(rules.measures.iter().map(|m| m.id.as_str()))
            .filter_map(|id| {
                let n = value(id)?.normalize().to_string();
                (n != id).then_some((n, id))
            })
            .collect();
        Items {
            as_numbers,
            rules,
            ids: ItemIds::indicators(rules),
            measure_ids: ItemIds::measures(rules),
            by_position: rules.indicators().collect(),
            criteria,
            indicators,
            measures,
            slots: names.len(),
        }
    }

    /// Another indicator or measure id that is the same number as `id` (`17.10` for
    /// `17.1`): what a number cell holding `id` may have been typed as.
    fn same_number(&self, id: &str) -> Option<&'r str> {
        self.as_numbers.get(id).copied()
    }

    /// A criterion's index by number.
    fn criterion(&self, number: u32) -> Option<usize> {
        self.rules.criteria.iter().position(|c| c.number == number)
    }

    /// A measure's index by id.
    fn measure(&self, id: &str) -> Option<usize> {
        self.rules.measures.iter().position(|m| m.id == id)
    }

    /// An indicator's position in ruleset order, with the indicator. Tables tend to list
    /// indicators in ruleset order: the one after `last` is tried first.
    fn indicator(&self, id: &str, last: Option<usize>) -> Option<(usize, &'r Indicator)> {
        let next = last.map_or(0, |i| i + 1);
        let i = match self.by_position.get(next) {
            Some(ind) if ind.id == id => next,
            _ => self.ids.position(id)?,
        };
        Some((i, self.by_position[i]))
    }
}

/// Where an item was first given for a commune.
#[derive(Clone, Copy)]
enum First {
    /// In a commune file (by index in [`Seen::files`]), on a line.
    Toml { file: u32, line: u32 },
    /// In a CSV table (by index in [`Seen::tables`]), in the row starting at `byte` on
    /// `line`.
    Csv { table: u32, line: u32, byte: usize },
    /// In a cell of a sheet (by index in [`Seen::tables`]).
    Cell { table: u32, row: u32, col: u32 },
}

impl First {
    /// The place of a value in column `col` of a table's row.
    fn of(t: &Table, table: u32, row: &Row, col: Option<usize>) -> First {
        match t.sheet_column(col) {
            Some(c) => First::Cell {
                table,
                row: line32(row.line),
                col: line32(c),
            },
            None => First::Csv {
                table,
                line: line32(row.line),
                byte: row.byte,
            },
        }
    }
}

/// Where each item of each commune was first given, to refuse duplicates across files.
struct Seen {
    slots: usize,
    /// By commune, then slot.
    first: Vec<Option<First>>,
    /// Whether a commune has data in any file.
    has_data: Vec<bool>,
    /// Whether a commune has a row in a wide sheet, filled in or not.
    listed: Vec<bool>,
    /// The commune files read.
    files: Vec<String>,
    /// The tables read: file, and sheet for a sheet.
    tables: Vec<(String, Option<String>)>,
}

impl Seen {
    fn new(communes: usize, slots: usize) -> Self {
        Seen {
            slots,
            first: vec![None; communes * slots],
            has_data: vec![false; communes],
            listed: vec![false; communes],
            files: Vec::new(),
            tables: Vec::new(),
        }
    }

    /// Starts reading a table; its index.
    fn table(&mut self, t: &Table) -> u32 {
        let sheet = t.as_sheet().map(|s| s.name.clone());
        self.tables.push((t.name.to_string(), sheet));
        u32::try_from(self.tables.len() - 1).unwrap_or(u32::MAX)
    }

    /// Where an item was first given, as a hint. A place in the table being read (`t`,
    /// index `current`) is located exactly, at the cell in column `col`.
    fn hint(&self, first: First, current: (u32, &Table), col: Option<usize>) -> Hint {
        match first {
            First::Toml { file, line } => Hint::FirstGivenAt {
                file: self.files[file as usize].clone(),
                line: line as usize,
            },
            First::Csv { table, line, byte } => {
                let line = if table == current.0 {
                    current.1.locate(line as usize, byte, col).line
                } else {
                    line as usize
                };
                let file = self.tables[table as usize].0.clone();
                Hint::FirstGivenAt { file, line }
            }
            First::Cell { table, row, col } => {
                let (file, sheet) = &self.tables[table as usize];
                Hint::FirstGivenInSheet {
                    file: file.clone(),
                    sheet: sheet.clone().unwrap_or_default(),
                    cell: cell_name(row as usize, col as usize),
                }
            }
        }
    }

    /// Records an item of a commune given at `here`; where it was given before, if it was.
    fn note(&mut self, ci: usize, slot: usize, here: First) -> Option<First> {
        self.has_data[ci] = true;
        let first = &mut self.first[ci * self.slots + slot];
        match first {
            Some(f) => Some(*f),
            None => {
                *first = Some(here);
                None
            }
        }
    }
}

/// A line number as kept in [`First`]; files do not have four billion lines.
fn line32(line: usize) -> u32 {
    u32::try_from(line).unwrap_or(u32::MAX)
}

/// Reads every commune's data for a year, indexed like the roster.
pub fn communes(
    files: &dyn Files,
    year: i32,
    roster: &[Commune],
    rules: &Ruleset,
    sheets: &YearSheets,
    diags: &mut Diagnostics,
) -> Vec<CommuneYear> {
    let items = Items::new(rules);
    let blank = CommuneYear {
        indicators: IndicatorValues::new(items.ids.clone()),
        measures: MeasureValues::new(items.measure_ids.clone()),
        ..CommuneYear::default()
    };
    let mut out = vec![blank; roster.len()];
    let mut seen = Seen::new(roster.len(), items.slots);
    let index = Roster::new(roster);
    let roster = &index;
    let dir = crate::layout::Year(year).communes_dir();
    for name in super::list(files, &dir, diags) {
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
                &items,
                &mut out,
                &mut seen,
                diags,
            );
        }
    }
    let rel = crate::layout::Year(year).commune_table();
    if let Some(src) = optional_file(files, &rel, diags) {
        let t = Table::open(&src, LONG_REQUIRED, LONG_OPTIONAL, diags);
        if let Some(t) = t {
            long_table(&t, roster, &items, &mut out, &mut seen, diags);
        }
    }
    let mut read = wide::Read {
        roster,
        items: &items,
        out: &mut out,
        seen: &mut seen,
    };
    for sheet in sheets.of(SheetKind::Communes) {
        let aliases = LONG_ALIASES;
        let t = Table::sheet(sheet, LONG_REQUIRED, LONG_OPTIONAL, aliases, diags);
        long_table(&t, roster, &items, read.out, read.seen, diags);
    }
    for sheet in sheets.of(SheetKind::Criteria) {
        read.criteria(sheet, diags);
    }
    for sheet in sheets.of(SheetKind::Indicators) {
        read.indicators(sheet, diags);
    }
    for (i, c) in roster.communes.iter().enumerate() {
        // A commune with an empty row in a workbook is not filled in yet, which that sheet
        // warns about; one that appears nowhere is an error.
        if !seen.has_data[i] && !seen.listed[i] {
            let message = Message::CommuneWithoutData {
                id: c.id.clone(),
                name: c.name.clone(),
                year,
            };
            diags
                .error_in(Some(&crate::layout::Year(year).shown()), message)
                .hint = Some(Hint::AddCommuneData {
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

fn commune_index(id: &str, at: At, roster: &Roster, diags: &mut Diagnostics) -> Option<usize> {
    let id = id.trim();
    let i = roster.index.get(id).copied();
    if i.is_none() {
        let d = diags.error(&at(), Message::UnknownCommune { id: id.to_string() });
        d.hint = did_you_mean(id, roster.communes.iter().map(|c| c.id.as_str()))
            .or(Some(Hint::CommunesListedIn));
    }
    i
}

/// Reports an item given a second time, with where it was first given.
fn given_twice(item: &str, at: &Location, first: Hint, diags: &mut Diagnostics) {
    let message = Message::GivenTwice {
        item: item.to_string(),
    };
    diags.error(at, message).hint = Some(first);
}

/// Notes an item of a commune file given at `loc`; false, with an error, when the commune's
/// data gave it before (in this file or another).
fn note_toml(
    seen: &mut Seen,
    ci: usize,
    slot: usize,
    item: &str,
    loc: &Location,
    diags: &mut Diagnostics,
) -> bool {
    let file = u32::try_from(seen.files.len() - 1).unwrap_or(u32::MAX);
    let here = First::Toml {
        file,
        line: line32(loc.line),
    };
    match seen.note(ci, slot, here) {
        None => true,
        Some(First::Toml { file, line }) => {
            let file = seen.files[file as usize].clone();
            let line = line as usize;
            given_twice(item, loc, Hint::FirstGivenAt { file, line }, diags);
            false
        }
        Some(_) => unreachable!("tables are read after the commune files"),
    }
}

fn toml_file(
    src: &SourceFile,
    stem: &str,
    roster: &Roster,
    items: &Items,
    out: &mut [CommuneYear],
    seen: &mut Seen,
    diags: &mut Diagnostics,
) {
    let rules = items.rules;
    let raw: RawFile = match toml::from_str(&src.text) {
        Ok(r) => r,
        Err(e) => {
            toml_problem(src, &e, diags);
            return;
        }
    };
    let at = src.at(&raw.commune);
    let id = raw.commune.get_ref().trim();
    let Some(ci) = commune_index(id, &|| at.clone(), roster, diags) else {
        return;
    };
    if stem != id {
        let message = Message::FileNameMismatch {
            stem: stem.to_string(),
            id: id.to_string(),
        };
        diags.warning(&at, message);
    }
    // A file with nothing else still counts as data for the commune.
    seen.has_data[ci] = true;
    out[ci].place.get_or_insert_with(|| at.clone());
    seen.files.push(src.name.clone());
    if let Some(d) = &raw.declared {
        let lists = [
            (&d.met, Status::Met),
            (&d.not_met, Status::NotMet),
            (&d.basically_met, Status::BasicallyMet),
            (&d.not_assessed, Status::NotAssessed),
        ];
        for (list, status) in lists {
            for n in list {
                let loc = src.at(n);
                let num = *n.get_ref();
                let Some(k) = items.criterion(num) else {
                    unknown_criterion(num, &loc, rules, diags);
                    continue;
                };
                let item = num.to_string();
                if note_toml(seen, ci, items.criteria[k], &item, &loc, diags) {
                    let source = d
                        .sources
                        .get(&num.to_string())
                        .cloned()
                        .or_else(|| raw.source.clone());
                    out[ci].declared.insert(num, Declared { status, source });
                }
            }
        }
        for key in d.sources.keys() {
            // A key that is no criterion number has no status either.
            let number = key.trim().parse::<u32>().ok();
            if number.is_none_or(|n| !out[ci].declared.contains_key(&n)) {
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
        let at = || loc.clone();
        let Some((i, ind)) = known_indicator(id, &at, items, None, diags) else {
            continue;
        };
        if !note_toml(seen, ci, items.indicators[i], id, &loc, diags) {
            continue;
        }
        if let Some(value) = toml_indicator(src, ind, v.get_ref(), &at, diags) {
            out[ci].indicators.set(i, value);
        }
    }
    for (id, v) in &raw.measures {
        let id = &id.trim().to_string();
        let loc = src.at(v);
        let at = || loc.clone();
        let Some(k) = items.measure(id) else {
            let d = diags.error(&loc, Message::UnknownMeasure { id: id.clone() });
            d.hint = did_you_mean(id, rules.measures.iter().map(|m| m.id.as_str()));
            continue;
        };
        let m = &rules.measures[k];
        if !note_toml(seen, ci, items.measures[k], id, &loc, diags) {
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
                        let whole = crate::ruleset::counts_whole_things(m.kind, &m.unit);
                        number(src, &n, whole, diags)
                            .zip(number(src, &d, whole, diags))
                            .and_then(|(n, d)| ratio_ok(n, d, &at, diags))
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
            _ => {
                let whole = crate::ruleset::counts_whole_things(m.kind, &m.unit);
                number(src, v, whole, diags).map(MeasureValue::Scalar)
            }
        };
        match (value, m.kind) {
            (Some(MeasureValue::Scalar(_)), Kind::Ratio) => {
                diags.error(&loc, Message::MeasureIsRatio { id: id.clone() });
            }
            (Some(MeasureValue::Ratio { .. }), k) if k != Kind::Ratio => {
                diags.error(&loc, Message::MeasureIsScalar { id: id.clone() });
            }
            (Some(val), _) => {
                out[ci].measures.set(k, val);
            }
            (None, _) => {}
        }
    }
}

fn known_indicator<'r>(
    id: &str,
    at: At,
    items: &Items<'r>,
    last: Option<usize>,
    diags: &mut Diagnostics,
) -> Option<(usize, &'r Indicator)> {
    let ind = items.indicator(id, last);
    if ind.is_none() {
        let rules = items.rules;
        let message = Message::UnknownIndicator {
            id: id.to_string(),
            ruleset: rules.id.clone(),
        };
        let d = diags.error(&at(), message);
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

/// A number in a TOML value; `whole`: of a quantity counted in whole things, where a value
/// written `1.530` gets a warning (1530 with a thousands separator?).
fn number(
    src: &SourceFile,
    v: &Spanned<toml::Value>,
    whole: bool,
    diags: &mut Diagnostics,
) -> Option<Decimal> {
    match src.exact_number(v) {
        Ok(d) => {
            if whole && !matches!(v.get_ref(), toml::Value::Integer(_)) {
                super::thousands_warning(d, &src.at(v), diags);
            }
            Some(d)
        }
        Err(p) => {
            let fallback = (Message::ExpectedNumber, Hint::NumberForm);
            super::number_problem(p, &src.at(v), fallback, diags);
            None
        }
    }
}

/// A number in a table's cell: reported when it cannot be read; a warning when it looks
/// like a whole number with a thousands separator (`1.530`) where that is what it surely is:
/// a quantity counted in whole things (`whole`), or a point in a `;`-separated table, where
/// a Vietnamese Excel writes the decimal comma and the thousands point.
fn csv_number(
    t: &Table,
    text: &str,
    whole: bool,
    at: At,
    diags: &mut Diagnostics,
) -> Option<Decimal> {
    match t.decimal(text) {
        Ok(d) => {
            let other = t.separator == crate::number::DecimalSeparator::Comma && text.contains('.');
            if whole || other {
                super::thousands_warning(d, &at(), diags);
            }
            Some(d)
        }
        Err(p) => {
            let fallback = (
                Message::NotANumber {
                    text: text.to_string(),
                },
                Hint::CsvNumberForm,
            );
            super::number_problem(p, &at(), fallback, diags);
            None
        }
    }
}

fn ratio_ok(n: Decimal, d: Decimal, at: At, diags: &mut Diagnostics) -> Option<(Decimal, Decimal)> {
    if (n.is_sign_negative() && !n.is_zero()) || (d.is_sign_negative() && !d.is_zero()) {
        diags.error(&at(), Message::NegativeRatio);
        None
    } else if d.is_zero() {
        diags.error(&at(), Message::ZeroDenominator).hint = Some(Hint::NotApplicableForm);
        None
    } else {
        Some((n, d))
    }
}

/// Checks a value against the indicator's kind; shared by the TOML and CSV readers.
fn checked(
    ind: &Indicator,
    value: IndicatorValue,
    at: At,
    diags: &mut Diagnostics,
) -> Option<IndicatorValue> {
    match &value {
        IndicatorValue::NotApplicable if !ind.if_exists => {
            let id = ind.id.clone();
            diags.error(&at(), Message::AlwaysApplies { id });
            return None;
        }
        IndicatorValue::Ratio {
            numerator,
            denominator,
        } => {
            ratio_ok(*numerator, *denominator, at, diags)?;
            if numerator > denominator {
                let message = Message::NumeratorAboveDenominator {
                    numerator: numerator.to_string(),
                    denominator: denominator.to_string(),
                };
                diags.error(&at(), message);
                return None;
            }
        }
        IndicatorValue::Scalar(v) => {
            let (id, value) = (|| ind.id.clone(), || v.to_string());
            if v.is_sign_negative() && !v.is_zero() {
                let (id, value) = (id(), value());
                diags.error(&at(), Message::NegativeValue { id, value });
                return None;
            }
            if ind.kind == Kind::Percent && *v > Decimal::ONE_HUNDRED {
                let value = value();
                diags.error(&at(), Message::PercentOver100 { value });
                return None;
            }
            if matches!(ind.kind, Kind::Count | Kind::Level) && !v.fract().is_zero() {
                let (id, value) = (id(), value());
                let d = diags.error(&at(), Message::NotWholeNumber { id, value });
                if crate::number::looks_like_thousands(*v) {
                    let meant = (*v * Decimal::ONE_THOUSAND).trunc().to_string();
                    d.hint = Some(Hint::ThousandsSeparator { meant });
                }
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
    at: At,
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
            let whole = crate::ruleset::counts_whole_things(ind.kind, &ind.unit);
            let (n, d) = (number(src, n, whole, diags)?, number(src, d, whole, diags)?);
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
        ) if k != Kind::YesNo && k != Kind::Ratio => {
            IndicatorValue::Scalar(number(src, x, false, diags)?)
        }
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
            diags
                .error(&at(), Message::IndicatorWithoutValue { id })
                .hint = Some(kind_hint(k));
            return None;
        }
        (k, _) => {
            let message = Message::IndicatorValueForm {
                id: ind.id.clone(),
                kind: k.name(),
            };
            diags.error(&at(), message).hint = Some(kind_hint(k));
            return None;
        }
    };
    checked(ind, value, at, diags)
}

/// The columns of the long table.
struct Columns {
    commune: Option<usize>,
    item: Option<usize>,
    value: Option<usize>,
    denominator: Option<usize>,
    source: Option<usize>,
}

/// The columns of the long table, and their Vietnamese names in a sheet.
const LONG_REQUIRED: &[&str] = &["commune", "item", "value"];
const LONG_OPTIONAL: &[&str] = &["denominator", "source"];
const LONG_ALIASES: &[(&str, &str)] = &[
    ("mã xã", "commune"),
    ("mục", "item"),
    ("giá trị", "value"),
    ("mẫu số", "denominator"),
    ("nguồn", "source"),
];

/// Reads the long table, a CSV file or a sheet.
fn long_table(
    t: &Table,
    roster: &Roster,
    items: &Items,
    out: &mut [CommuneYear],
    seen: &mut Seen,
    diags: &mut Diagnostics,
) {
    let table = seen.table(t);
    let mut long = LongTable {
        t,
        table,
        cols: Columns {
            commune: t.col("commune"),
            item: t.col("item"),
            value: t.col("value"),
            denominator: t.col("denominator"),
            source: t.col("source"),
        },
        roster,
        items,
        last_commune: None,
        last_indicator: None,
    };
    // The rows of a malformed table are not taken: the communes they name have no data.
    let had_data = seen.has_data.clone();
    let ok = t.rows(diags, |row, diags| long.row(row, out, seen, diags));
    if !ok {
        seen.has_data = had_data;
    }
}

/// The long table being read, with what its rows are checked against.
struct LongTable<'a> {
    t: &'a Table<'a>,
    /// Its index in [`Seen::tables`].
    table: u32,
    cols: Columns,
    roster: &'a Roster<'a>,
    items: &'a Items<'a>,
    /// The commune and indicator of the row before: a commune's rows usually follow one
    /// another, its indicators in ruleset order, so these are tried first.
    last_commune: Option<usize>,
    last_indicator: Option<usize>,
}

impl LongTable<'_> {
    /// Checks one row and keeps its value.
    fn row(
        &mut self,
        row: &Row,
        out: &mut [CommuneYear],
        seen: &mut Seen,
        diags: &mut Diagnostics,
    ) {
        let (t, cols, roster, items) = (self.t, &self.cols, self.roster, self.items);
        let rules = items.rules;
        let cell = |col: Option<usize>| col.map_or("", |i| row.get(i));
        let locate = |col| t.locate(row.line, row.byte, col);
        let commune = cell(cols.commune);
        let ci = match self.last_commune {
            Some(i) if roster.communes[i].id == commune => i,
            _ => {
                let Some(i) = commune_index(commune, &|| locate(cols.commune), roster, diags)
                else {
                    return;
                };
                self.last_commune = Some(i);
                out[i].place.get_or_insert_with(|| locate(cols.commune));
                i
            }
        };
        let item = cell(cols.item);
        let value = cell(cols.value);
        let at = || locate(cols.value);
        let item_at = || locate(cols.item);
        let here = First::of(t, self.table, row, cols.item);
        let table = self.table;
        // Notes the item in `slot`; false, with an error, when the commune gave it before.
        let mut note =
            |slot: usize, item: &str, diags: &mut Diagnostics| match seen.note(ci, slot, here) {
                None => true,
                Some(first) => {
                    let hint = seen.hint(first, (table, t), cols.item);
                    given_twice(item, &item_at(), hint, diags);
                    false
                }
            };
        // An id typed as a number has lost its trailing zeros: `17.10` reads `17.1`.
        if item.contains('.')
            && t.is_number(row, cols.item)
            && let Some(meant) = items.same_number(item)
        {
            let message = Message::NumberAsId {
                value: item.to_string(),
                meant: meant.to_string(),
            };
            diags.error(&item_at(), message).hint = Some(Hint::IdAsText);
            return;
        }
        if let Ok(num) = item.parse::<u32>() {
            let Some(k) = items.criterion(num) else {
                unknown_criterion(num, &item_at(), rules, diags);
                return;
            };
            let Some(status) = criterion_status(value, &at, Hint::CriterionStatusForm, diags)
            else {
                return;
            };
            if note(items.criteria[k], &num.to_string(), diags) {
                let source = Some(cell(cols.source).to_string()).filter(|s| !s.is_empty());
                out[ci].declared.insert(num, Declared { status, source });
            }
        } else if let Some(k) = items.measure(item) {
            let m = &rules.measures[k];
            let den = cell(cols.denominator);
            let den_at = || locate(cols.denominator);
            let Some(val) = csv_measure(t, m, value, den, &at, &den_at, diags) else {
                return;
            };
            if note(items.measures[k], item, diags) {
                out[ci].measures.set(k, val);
            }
        } else {
            let Some((i, ind)) = known_indicator(item, &item_at, items, self.last_indicator, diags)
            else {
                return;
            };
            self.last_indicator = Some(i);
            let den = cell(cols.denominator);
            let den_at = || locate(cols.denominator);
            let Some(v) = csv_indicator(t, ind, value, den, &at, &den_at, diags) else {
                return;
            };
            if note(items.indicators[i], item, diags)
                && let Some(v) = checked(ind, v, &at, diags)
            {
                out[ci].indicators.set(i, v);
            }
        }
    }
}

fn csv_indicator(
    t: &Table,
    ind: &Indicator,
    value: &str,
    den: &str,
    at: At,
    den_at: At,
    diags: &mut Diagnostics,
) -> Option<IndicatorValue> {
    // A yes/no word is no "not applicable" word: most yes/no values are settled here.
    if ind.kind == Kind::YesNo
        && let Some(m) = status_word(value)
    {
        return Some(IndicatorValue::YesNo(m));
    }
    if one_of(value, &["không áp dụng", "n/a", "na"]) {
        return Some(IndicatorValue::NotApplicable);
    }
    if value.is_empty() {
        let id = ind.id.clone();
        diags
            .error(&at(), Message::IndicatorWithoutValue { id })
            .hint = Some(kind_hint(ind.kind));
        return None;
    }
    match ind.kind {
        Kind::YesNo => match status_word(value) {
            Some(m) => Some(IndicatorValue::YesNo(m)),
            None => {
                let text = value.to_string();
                diags.error(&at(), Message::NotAYesNo { text }).hint = Some(Hint::YesNoWordForm);
                None
            }
        },
        kind => {
            // Count and level values get the thousands hint with their not-whole error.
            let whole = kind == Kind::Ratio && crate::ruleset::counts_whole_things(kind, &ind.unit);
            let n = csv_number(t, value, whole, at, diags)?;
            match (kind, den.is_empty()) {
                (Kind::Ratio, true) => {
                    let id = ind.id.clone();
                    diags.error(&at(), Message::MissingDenominator { id });
                    None
                }
                (Kind::Ratio, false) => {
                    csv_number(t, den, whole, den_at, diags).map(|d| IndicatorValue::Ratio {
                        numerator: n,
                        denominator: d,
                    })
                }
                (_, false) => {
                    let id = ind.id.clone();
                    diags.error(&den_at(), Message::TakesNoDenominator { id });
                    None
                }
                (_, true) => Some(IndicatorValue::Scalar(n)),
            }
        }
    }
}

/// A measure's value from the cells of a table: the value (or numerator) and the
/// denominator ("" when none is given).
fn csv_measure(
    t: &Table,
    m: &crate::ruleset::Measure,
    value: &str,
    den: &str,
    at: At,
    den_at: At,
    diags: &mut Diagnostics,
) -> Option<MeasureValue> {
    let whole = crate::ruleset::counts_whole_things(m.kind, &m.unit);
    let n = csv_number(t, value, whole, at, diags)?;
    match (m.kind, den.is_empty()) {
        (Kind::Ratio, false) => {
            let d = csv_number(t, den, whole, den_at, diags)?;
            let (numerator, denominator) = ratio_ok(n, d, at, diags)?;
            Some(MeasureValue::Ratio {
                numerator,
                denominator,
            })
        }
        (Kind::Ratio, true) => {
            let id = m.id.clone();
            diags.error(&at(), Message::MissingDenominator { id });
            None
        }
        (_, false) => {
            let id = m.id.clone();
            diags.error(&den_at(), Message::MeasureIsScalar { id });
            None
        }
        (_, true) => Some(MeasureValue::Scalar(n)),
    }
}

/// A short text in lower case, as `str::to_lowercase` has it, written into `buf`; `None`
/// when it does not fit, being then longer than any word looked for. No allocation: a table
/// checks hundreds of thousands of cells this way. (Lower-casing character by character
/// differs from `to_lowercase` only for a final capital sigma, and no word has a sigma.)
fn lower_case<'b>(text: &str, buf: &'b mut [u8; 32]) -> Option<&'b [u8]> {
    if text.is_ascii() {
        let lower = buf.get_mut(..text.len())?;
        lower.copy_from_slice(text.as_bytes());
        lower.make_ascii_lowercase();
        return Some(lower);
    }
    let mut len = 0;
    for c in text.chars().flat_map(char::to_lowercase) {
        let n = c.len_utf8();
        c.encode_utf8(buf.get_mut(len..len + n)?);
        len += n;
    }
    Some(&buf[..len])
}

/// Whether a text is one of the (lower-case) words of a list, ignoring case. Most text is
/// written in lower case already, and is compared as it is first.
fn one_of(text: &str, words: &[&str]) -> bool {
    let mut buf = [0; 32];
    words.contains(&text)
        || lower_case(text, &mut buf).is_some_and(|l| words.iter().any(|w| w.as_bytes() == l))
}

/// A criterion's status from a cell: met or not met by [`status_word`], or "cơ bản đạt"
/// (basically met), "không đánh giá" (not assessed). An error when it is no status, with
/// the nearest status word as the hint when there is one (compared with and without
/// diacritics), else `form`.
pub fn criterion_status(text: &str, at: At, form: Hint, diags: &mut Diagnostics) -> Option<Status> {
    if let Some(met) = status_word(text) {
        return Some(Status::from_bool(met));
    }
    if one_of(text.trim(), BASICALLY_MET) {
        return Some(Status::BasicallyMet);
    }
    if one_of(text.trim(), NOT_ASSESSED) {
        return Some(Status::NotAssessed);
    }
    let text = text.trim().to_string();
    let hint = nearest_status(&text).unwrap_or(form);
    diags.error(&at(), Message::NotAStatus { text }).hint = Some(hint);
    None
}

/// "Cơ bản đạt" as offices write it.
const BASICALLY_MET: &[&str] = &["cơ bản đạt", "basically_met"];
/// "Không đánh giá" as offices write it.
const NOT_ASSESSED: &[&str] = &["không đánh giá", "not_assessed"];

/// The status word nearest to a text that is none: the text and each word are compared
/// folded (without diacritics or case), so "co ban dat" and "cơ bản đat" both find
/// "cơ bản đạt". `None` when nothing is near.
pub fn nearest_status(text: &str) -> Option<Hint> {
    const WORDS: &[&str] = &[
        "đạt",
        "chưa đạt",
        "không đạt",
        "cơ bản đạt",
        "không đánh giá",
        "met",
        "not_met",
        "basically_met",
        "not_assessed",
    ];
    let folded = crate::text::fold(text);
    if folded.is_empty() {
        return None;
    }
    let words: Vec<String> = WORDS.iter().map(|w| crate::text::fold(w)).collect();
    let Some(Hint::DidYouMean { name }) = did_you_mean(&folded, words.iter().map(String::as_str))
    else {
        return None;
    };
    let k = words.iter().position(|w| *w == name)?;
    Some(Hint::DidYouMean {
        name: WORDS[k].to_string(),
    })
}

/// A met/not-met word as offices write it.
pub fn status_word(text: &str) -> Option<bool> {
    const MET: &[&str] = &["đạt", "met", "true", "x", "1", "có"];
    const NOT_MET: &[&str] = &[
        "chưa đạt",
        "không đạt",
        "not_met",
        "false",
        "0",
        "-",
        "không",
    ];
    let text = text.trim();
    if MET.contains(&text) {
        return Some(true);
    }
    if NOT_MET.contains(&text) {
        return Some(false);
    }
    let mut buf = [0; 32];
    let lower = lower_case(text, &mut buf)?;
    if MET.iter().any(|w| w.as_bytes() == lower) {
        Some(true)
    } else if NOT_MET.iter().any(|w| w.as_bytes() == lower) {
        Some(false)
    } else {
        None
    }
}
