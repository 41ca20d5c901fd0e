//! The wide sheets of commune data, laid out like appendix 02: a row per commune (its id
//! in `commune`, optionally its `name` as a check), then
//! - criterion statuses: a column per criterion headed by its number (`1` … `19`), the cell
//!   `x`/`đạt` for met, empty or `chưa đạt` for not met; `source` (`Nguồn`) gives the
//!   source of the row's statuses, `N source` (`Nguồn N`) that of criterion N;
//! - indicator and measure values: a column per indicator or measure headed by its id
//!   (`10.1`), two for a ratio (`2.2 tử số` and `2.2 mẫu số`, or `2.2 numerator` and
//!   `2.2 denominator`); an empty cell gives no value.
//!
//! The cells are read as the long table reads them.

use super::{
    Declared, First, Items, Roster, Seen, checked, commune_index, criterion_status, csv_indicator,
    csv_measure, given_twice,
};
use crate::dataset::{Commune, CommuneYear};
use crate::diagnostic::{Diagnostics, Hint, Message};
use crate::facts::Status;
use crate::ruleset::Kind;
use crate::validate::table::{Row, Table};
use crate::validate::workbook::Sheet;

/// What the wide sheets are read into.
pub(super) struct Read<'a> {
    pub roster: &'a Roster<'a>,
    pub items: &'a Items<'a>,
    pub out: &'a mut [CommuneYear],
    pub seen: &'a mut Seen,
}

/// Column names shared by both wide sheets, with their Vietnamese names.
const COMMON_ALIASES: &[(&str, &str)] = &[("mã xã", "commune"), ("tên xã", "name")];

/// What one column of the indicator sheet gives.
enum Value {
    /// An indicator, by position in ruleset order; the columns of its value (or
    /// numerator) and denominator.
    Indicator(usize),
    /// A measure, by index.
    Measure(usize),
}

impl Read<'_> {
    /// The commune of a row; `None` (reported) when the id is not on the roster.
    fn commune(&mut self, t: &Table, row: &Row, diags: &mut Diagnostics) -> Option<usize> {
        let id = t.cell(row, "commune");
        if id.is_empty() {
            t.required(row, "commune", diags);
            return None;
        }
        let ci = commune_index(id, &|| t.at(row, "commune"), self.roster, diags)?;
        check_name(t, row, &self.roster.communes[ci], diags);
        self.seen.listed[ci] = true;
        self.out[ci]
            .place
            .get_or_insert_with(|| t.at(row, "commune"));
        Some(ci)
    }

    /// Notes the item in `slot` of commune `ci`, given in column `col`; false, with an
    /// error, when it was given before.
    #[allow(clippy::too_many_arguments)]
    fn note(
        &mut self,
        t: &Table,
        table: u32,
        row: &Row,
        col: usize,
        ci: usize,
        slot: usize,
        item: &str,
        diags: &mut Diagnostics,
    ) -> bool {
        let here = First::of(t, table, row, Some(col));
        match self.seen.note(ci, slot, here) {
            None => true,
            Some(first) => {
                let hint = self.seen.hint(first, (table, t), Some(col));
                given_twice(item, &t.locate(row.line, row.byte, Some(col)), hint, diags);
                false
            }
        }
    }

    /// Reads a sheet of criterion statuses.
    pub fn criteria(&mut self, sheet: &Sheet, diags: &mut Diagnostics) {
        let rules = self.items.rules;
        let numbers: Vec<String> = rules
            .criteria
            .iter()
            .map(|c| c.number.to_string())
            .collect();
        let sources: Vec<String> = numbers.iter().map(|n| format!("{n} source")).collect();
        let optional: Vec<&str> = ["name", "source"]
            .into_iter()
            .chain(numbers.iter().map(String::as_str))
            .chain(sources.iter().map(String::as_str))
            .collect();
        let vi_sources: Vec<(String, &str)> = numbers
            .iter()
            .zip(&sources)
            .map(|(n, s)| (format!("nguồn {n}"), s.as_str()))
            .collect();
        let aliases: Vec<(&str, &str)> = COMMON_ALIASES
            .iter()
            .copied()
            .chain([("nguồn", "source")])
            .chain(vi_sources.iter().map(|(a, c)| (a.as_str(), *c)))
            .collect();
        let t = Table::sheet(sheet, &["commune"], &optional, &aliases, diags);
        let table = self.seen.table(&t);
        // (criterion index, number, status column, source column)
        let columns: Vec<(usize, u32, usize, Option<usize>)> = rules
            .criteria
            .iter()
            .enumerate()
            .filter_map(|(k, c)| {
                let col = t.col(&numbers[k])?;
                Some((k, c.number, col, t.col(&sources[k])))
            })
            .collect();
        let source_col = t.col("source");
        let mut empty = EmptyRows::default();
        t.rows(diags, |row, diags| {
            let Some(ci) = self.commune(&t, row, diags) else {
                return;
            };
            if columns
                .iter()
                .all(|&(_, _, col, _)| row.get(col).is_empty())
            {
                empty.note(&self.roster.communes[ci].id, || t.at(row, "commune"));
                return;
            }
            let row_source = source_col.map_or("", |c| row.get(c));
            for &(k, number, col, scol) in &columns {
                let text = row.get(col);
                let at = || t.locate(row.line, row.byte, Some(col));
                let status = if text.is_empty() {
                    Status::NotMet
                } else {
                    match criterion_status(text, &at, Hint::WideStatusForm, diags) {
                        Some(status) => status,
                        None => continue,
                    }
                };
                let item = number.to_string();
                let slot = self.items.criteria[k];
                if self.note(&t, table, row, col, ci, slot, &item, diags) {
                    let own = scol.map_or("", |c| row.get(c));
                    let source = [own, row_source]
                        .into_iter()
                        .find(|s| !s.is_empty())
                        .map(str::to_string);
                    self.out[ci]
                        .declared
                        .insert(number, Declared { status, source });
                }
            }
        });
        empty.report(diags);
    }

    /// Reads a sheet of indicator and measure values.
    pub fn indicators(&mut self, sheet: &Sheet, diags: &mut Diagnostics) {
        let rules = self.items.rules;
        let inds: Vec<_> = rules.indicators().collect();
        // Every column the sheet may have: its header and what it gives (a ratio by its
        // numerator's column). A ratio's plain id is accepted here only to be reported.
        let mut names: Vec<(String, Option<Value>)> = Vec::new();
        let ids = inds
            .iter()
            .enumerate()
            .map(|(i, ind)| (ind.id.as_str(), ind.kind, Value::Indicator(i)))
            .chain(
                rules
                    .measures
                    .iter()
                    .enumerate()
                    .map(|(k, m)| (m.id.as_str(), m.kind, Value::Measure(k))),
            );
        let mut aliases_owned = Vec::new();
        for (id, kind, value) in ids {
            if kind == Kind::Ratio {
                let (n, d) = (format!("{id} numerator"), format!("{id} denominator"));
                aliases_owned.push((format!("{id} tử số"), n.clone()));
                aliases_owned.push((format!("{id} mẫu số"), d.clone()));
                names.push((n, Some(value)));
                names.push((d, None));
                names.push((id.to_string(), None));
            } else {
                names.push((id.to_string(), Some(value)));
            }
        }
        let optional: Vec<&str> = std::iter::once("name")
            .chain(names.iter().map(|(n, _)| n.as_str()))
            .collect();
        let aliases: Vec<(&str, &str)> = COMMON_ALIASES
            .iter()
            .copied()
            .chain(aliases_owned.iter().map(|(a, c)| (a.as_str(), c.as_str())))
            .collect();
        let t = Table::sheet(sheet, &["commune"], &optional, &aliases, diags);
        let table = self.seen.table(&t);
        // A ratio needs both its columns, and is not given in one.
        let mut ok = true;
        let header_at = |col: usize| t.header_at(col);
        let mut columns: Vec<(Value, usize, Option<usize>)> = Vec::new();
        let ratio = |id: &str| {
            let n = t.col(&format!("{id} numerator"));
            let d = t.col(&format!("{id} denominator"));
            (t.col(id), n, d)
        };
        for (name, value) in names {
            let Some(value) = value else { continue };
            let (id, kind) = match value {
                Value::Indicator(i) => (inds[i].id.as_str(), inds[i].kind),
                Value::Measure(k) => (rules.measures[k].id.as_str(), rules.measures[k].kind),
            };
            if kind != Kind::Ratio {
                if let Some(col) = t.col(&name) {
                    columns.push((value, col, None));
                }
                continue;
            }
            let (plain, n, d) = ratio(id);
            if let Some(col) = plain {
                let message = Message::RatioInOneColumn { id: id.to_string() };
                diags.error(&header_at(col), message).hint =
                    Some(Hint::RatioColumns { id: id.to_string() });
                ok = false;
            }
            match (n, d) {
                (Some(n), Some(d)) => columns.push((value, n, Some(d))),
                (None, None) => {}
                (Some(c), None) | (None, Some(c)) => {
                    let column = if n.is_some() {
                        format!("{id} mẫu số")
                    } else {
                        format!("{id} tử số")
                    };
                    diags.error(&header_at(c), Message::MissingColumn { column });
                    ok = false;
                }
            }
        }
        if !ok {
            return;
        }
        let mut empty = EmptyRows::default();
        t.rows(diags, |row, diags| {
            let Some(ci) = self.commune(&t, row, diags) else {
                return;
            };
            let mut any = false;
            for (value, col, den_col) in &columns {
                let (col, den_col) = (*col, *den_col);
                let text = row.get(col);
                let den = den_col.map_or("", |c| row.get(c));
                if text.is_empty() && den.is_empty() {
                    continue;
                }
                any = true;
                let at = || t.locate(row.line, row.byte, Some(col));
                let den_at = || t.locate(row.line, row.byte, den_col);
                match *value {
                    Value::Indicator(i) => {
                        let ind = inds[i];
                        let Some(v) = csv_indicator(&t, ind, text, den, &at, &den_at, diags) else {
                            continue;
                        };
                        let slot = self.items.indicators[i];
                        if self.note(&t, table, row, col, ci, slot, &ind.id, diags)
                            && let Some(v) = checked(ind, v, &at, diags)
                        {
                            self.out[ci].indicators.set(i, v);
                        }
                    }
                    Value::Measure(k) => {
                        let m = &rules.measures[k];
                        let Some(v) = csv_measure(&t, m, text, den, &at, &den_at, diags) else {
                            continue;
                        };
                        let slot = self.items.measures[k];
                        if self.note(&t, table, row, col, ci, slot, &m.id, diags) {
                            self.out[ci].measures.set(k, v);
                        }
                    }
                }
            }
            if !any {
                empty.note(&self.roster.communes[ci].id, || t.at(row, "commune"));
            }
        });
        empty.report(diags);
    }
}

/// The communes of a sheet whose rows have nothing filled in: one warning for all, at the
/// first of them.
#[derive(Default)]
struct EmptyRows {
    first: Option<crate::source::Location>,
    ids: Vec<String>,
}

impl EmptyRows {
    fn note(&mut self, id: &str, at: impl FnOnce() -> crate::source::Location) {
        if self.first.is_none() {
            self.first = Some(at());
        }
        self.ids.push(format!("`{id}`"));
    }

    fn report(self, diags: &mut Diagnostics) {
        let Some(first) = self.first else { return };
        let count = self.ids.len();
        let mut shown = self.ids[..count.min(5)].join(", ");
        if count > 5 {
            shown.push_str(", …");
        }
        diags.warning(&first, Message::RowNotFilledIn { count, shown });
    }
}

/// A `name` cell, when the sheet has one, must be the roster's name of the row's commune: a
/// warning otherwise (rows shifted against their ids, most often).
fn check_name(t: &Table, row: &Row, commune: &Commune, diags: &mut Diagnostics) {
    let name = t.cell(row, "name");
    if name.is_empty() || name.to_lowercase() == commune.name.to_lowercase() {
        return;
    }
    let message = Message::NameMismatch {
        id: commune.id.clone(),
        given: name.to_string(),
        roster: commune.name.clone(),
    };
    diags.warning(&t.at(row, "name"), message);
}
