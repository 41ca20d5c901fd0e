//! One commune's year: `YEAR/communes/<id>.toml` files, the long `YEAR/communes.csv`, and
//! the sheets of the year's workbooks: the long table, and the wide tables of criterion
//! statuses (a column per criterion) and of indicator and measure values (a column per
//! indicator, two for a ratio).

mod long;
mod status;
mod toml_file;
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
use long::*;
use rust_decimal::Decimal;
use serde::Deserialize;
use status::one_of;
pub use status::{criterion_status, status_word};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use toml_file::*;

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
    let y = crate::layout::Year(year);
    let place = Place {
        dir: y.communes_dir(),
        table: y.commune_table(),
        every: true,
    };
    read(files, year, &place, roster, rules, sheets, diags).0
}

/// Reads the communes' data at a level beside the NTM one (`YEAR/levels/<level>/`),
/// indexed like the roster: `None` for a commune that has none (not registered).
pub fn level_communes(
    files: &dyn Files,
    year: i32,
    level: &str,
    roster: &[Commune],
    rules: &Ruleset,
    diags: &mut Diagnostics,
) -> Vec<Option<CommuneYear>> {
    let y = crate::layout::Year(year);
    let place = Place {
        dir: y.level_communes_dir(level),
        table: y.level_commune_table(level),
        every: false,
    };
    let (out, given) = read(
        files,
        year,
        &place,
        roster,
        rules,
        &YearSheets::default(),
        diags,
    );
    out.into_iter()
        .zip(given)
        .map(|(c, g)| g.then_some(c))
        .collect()
}

/// Where a year's commune data is read from.
struct Place {
    /// The folder of commune files.
    dir: String,
    /// The long table.
    table: String,
    /// Every commune of the roster must have data (a level's data is given only by the
    /// communes registered for it).
    every: bool,
}

/// Reads the communes' data from a place, indexed like the roster, with whether each
/// commune was given at all.
fn read(
    files: &dyn Files,
    year: i32,
    place: &Place,
    roster: &[Commune],
    rules: &Ruleset,
    sheets: &YearSheets,
    diags: &mut Diagnostics,
) -> (Vec<CommuneYear>, Vec<bool>) {
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
    let dir = &place.dir;
    for name in super::list(files, dir, diags) {
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
    let rel = &place.table;
    if let Some(src) = optional_file(files, rel, diags) {
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
        if place.every && !seen.has_data[i] && !seen.listed[i] {
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
    (out, seen.has_data)
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
