//! `phu-bieu-YEAR.xlsx`: the appendix tables (phụ biểu) as a machine-readable spreadsheet
//! companion to the report (layout in `docs/xlsx.md`).
//!
//! One sheet per appendix, in the order of the document, after a first sheet "Thông tin"
//! that carries what the Word appendices show as banner lines (title, "(Kèm theo …)" line,
//! report number and date, unit) and the totals rows. Every appendix sheet is one flat
//! header row followed by data rows, as each [`Appendix`] defines its sheet from the
//! [`Facts`] (not from the model's display strings): counts, amounts and percentages are
//! numeric cells, criteria are 1/0 flags. A decimal becomes a cell number with a number
//! format showing the decimals the facts carry (`#,##0`, `#,##0.0`, `#,##0.00`, …); Excel
//! then shows separators of the reader's locale ("4.131,3" in a Vietnamese Excel).
//!
//! Output is a pure function of the inputs: the document properties carry the report date,
//! never the clock, and zip entries carry fixed timestamps. The rows of an appendix are
//! produced twice: a first pass measures them (column widths, row counts, continuation
//! sheets), a second writes them as XML straight into the zip's deflate stream
//! ([`package`]), since a worksheet's column widths come before its rows. Nothing but the
//! distinct strings and the compressed output is held in memory, so 10,000 communes — half
//! a million indicator rows — take linear time and little memory.

mod package;
mod parts;
mod sst;
mod theme;

use crate::appendix::index::{self, Placed};
use crate::appendix::{Appendix, Sheet, Value as V};
use crate::date::Date;
use crate::facts::Facts;
use crate::report::model::{Document, plain_text};
use crate::report::view::unit_full_name;
use package::{Layout, Number, Package, Properties};
use rust_decimal::Decimal;
use rust_xlsxwriter::ExcelDateTime;
use std::collections::BTreeSet;
use std::io::{Cursor, Seek, Write};

pub use package::Error;

/// The name of the first sheet.
pub const INFO_SHEET: &str = "Thông tin";

/// A worksheet row number (0-based, as in the writer's API).
type RowNum = u32;

/// Excel's row limit; longer tables continue on sheets "PB02a-2", "PB02a-3", ….
const MAX_ROWS: u32 = 1_048_576;
/// Excel's limit on the length of a cell's text.
const MAX_TEXT: usize = 32_767;
/// Column widths, in characters.
const MIN_WIDTH: usize = 4;
const MAX_WIDTH: usize = 60;
/// Most decimals a number format shows.
const MAX_DECIMALS: usize = 6;
/// Sheets wider than this many characters (the sum of their column widths) are printed
/// on landscape pages: about what a portrait A4 page holds in Times New Roman 12 at 85%.
const PORTRAIT_WIDTH: usize = 100;
/// The deepest outline level Excel allows.
const MAX_OUTLINE: u8 = 7;

/// The appendix workbook, as bytes.
pub fn xlsx(facts: &Facts, doc: &Document) -> Vec<u8> {
    write(facts, doc, Cursor::new(Vec::new()))
        .expect("writing a zip into memory does not fail")
        .into_inner()
}

/// Writes the appendix workbook into `sink` (a file, or memory) as it is made, and returns
/// the sink.
pub fn write<W: Write + Seek>(facts: &Facts, doc: &Document, sink: W) -> Result<W, Error> {
    // First pass: sheet names, column widths and row counts.
    let mut names = Names::default();
    let mut plans = Vec::with_capacity(doc.appendices.len());
    let mut infos = Vec::with_capacity(doc.appendices.len());
    for app in &doc.appendices {
        let base = names.unique(&app.appendix.sheet_name());
        let mut m = Measure::new(&mut names, base);
        app.appendix.sheet(facts, &mut m);
        let sheets = m.sheets;
        infos.push(AppendixInfo {
            appendix: app.appendix,
            sheets: sheets
                .iter()
                .map(|s| s.name.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            title: plain_text(&app.title),
            subtitle: plain_text(&app.subtitle),
            rows: m.data_rows,
        });
        plans.push(sheets);
    }
    // Second pass: the sheets, in order.
    let mut pkg = Package::new(super::Latch::new(sink));
    info_sheet(&mut pkg, facts, doc, &infos)?;
    for (app, sheets) in doc.appendices.iter().zip(&plans) {
        let mut w = Writer {
            pkg: &mut pkg,
            sheets,
            current: 0,
            row: 0,
            error: None,
        };
        w.begin()?;
        app.appendix.sheet(facts, &mut w);
        if let Some(e) = w.error {
            return Err(e);
        }
        w.pkg.end_sheet()?;
    }
    pkg.finish(&properties(facts))?.into_inner()
}

fn properties(f: &Facts) -> Properties {
    let date = f.report.date;
    let (y, m, d) = match excel_date(date) {
        Some(_) => (date.year(), date.month(), date.day()),
        None => (2000, 1, 1),
    };
    Properties {
        title: format!("Phụ biểu báo cáo nông thôn mới năm {}", f.year),
        subject: format!("Báo cáo số {}", f.report.number),
        author: f.issuer.name.clone(),
        company: unit_full_name(&f.unit),
        created: format!("{y:04}-{m:02}-{d:02}T00:00:00Z"),
    }
}

/// A date as an Excel date, if Excel can hold it (1900–9999).
fn excel_date(d: Date) -> Option<ExcelDateTime> {
    ExcelDateTime::from_ymd(d.year(), d.month(), d.day()).ok()
}

struct AppendixInfo {
    appendix: Appendix,
    sheets: String,
    title: String,
    subtitle: String,
    rows: u64,
}

/// The text of a decimal, exactly as `Display` writes it (`-12.50`, `0.05`, `7`), made
/// from the digits of its mantissa without a division per digit: workbook cells format
/// hundreds of thousands of decimals.
fn decimal_text(d: Decimal, out: &mut String) {
    out.clear();
    if d.is_sign_negative() {
        out.push('-');
    }
    let scale = d.scale() as usize;
    let mut buf = itoa::Buffer::new();
    let raw = d.mantissa().unsigned_abs();
    let digits = if raw == 0 { "" } else { buf.format(raw) };
    let zeros = scale.saturating_sub(digits.len());
    let whole = (digits.len() + zeros) - scale;
    if whole == 0 {
        out.push('0');
    } else {
        out.push_str(&digits[..whole]);
    }
    if scale > 0 {
        out.push('.');
        out.extend(std::iter::repeat_n('0', zeros));
        out.push_str(&digits[whole..]);
    }
}

/// The width a value takes in its column, in characters.
fn width(v: &V) -> usize {
    match v {
        V::Empty | V::Flag(None) | V::Met(None) => 0,
        V::Text(t) => text_width(t),
        V::Owned(t) => text_width(t),
        V::Int(n) => grouped_len(digits(n.unsigned_abs())) + usize::from(*n < 0),
        V::Change(n) => grouped_len(digits(n.unsigned_abs())) + usize::from(*n != 0),
        V::Year(n) => digits(n.unsigned_abs()) + usize::from(*n < 0),
        V::Flag(Some(_)) => 1,
        V::Met(Some(_)) => "Chưa đạt".chars().count(),
        V::Applies(_) => "Không".chars().count(),
        V::Dec(d) => {
            let mut s = String::new();
            decimal_text(*d, &mut s);
            dec_width(&s)
        }
        V::Date(d) => match excel_date(*d) {
            Some(_) => 10,
            None => text_width(&d.to_string()),
        },
    }
}

fn dec_width(s: &str) -> usize {
    match decimal(s) {
        Some((_, scale)) => {
            let int = s.trim_start_matches('-').split('.').next().unwrap_or("");
            grouped_len(int.len())
                + usize::from(s.starts_with('-'))
                + scale
                + usize::from(scale > 0)
        }
        None => text_width(s),
    }
}

/// The widest line of a text cell (nothing for an empty text).
fn text_width(t: &str) -> usize {
    clip(t)
        .lines()
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(0)
}

/// Number of decimal digits of `n`.
fn digits(mut n: u64) -> usize {
    let mut k = 1;
    while n >= 10 {
        n /= 10;
        k += 1;
    }
    k
}

/// Length of an integer of `n` digits once thousands separators are added.
fn grouped_len(n: usize) -> usize {
    n + n.saturating_sub(1) / 3
}

fn clip(t: &str) -> &str {
    if t.len() <= MAX_TEXT {
        return t;
    }
    match t.char_indices().nth(MAX_TEXT) {
        Some((i, _)) => &t[..i],
        None => t,
    }
}

/// The text of a decimal ([`decimal_text`]) as a cell value and the number of decimals it
/// carries. Plain decimals of at most 15 digits keep their digits (the shortest text of the
/// double they are nearest to); longer ones become the nearest double.
fn decimal(s: &str) -> Option<(Number<'_>, usize)> {
    if let Some(n) = plain_decimal(s) {
        return Some(n);
    }
    let scale = s.split_once('.').map_or(0, |(_, f)| f.len());
    // The correctly rounded double of a decimal's own text (which cannot fail to read).
    let value = s.parse::<f64>().ok().filter(|v| v.is_finite())?;
    Some((Number::Float(value), scale))
}

/// `-?\d+(\.\d+)?` with at most 15 digits: a decimal that a double holds exactly enough
/// for its shortest text to be these digits, without leading or trailing zeros.
fn plain_decimal(s: &str) -> Option<(Number<'_>, usize)> {
    let (negative, body) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) if !f.is_empty() => (i, f),
        Some(_) => return None,
        None => (body, ""),
    };
    let all_digits = |x: &str| x.bytes().all(|b| b.is_ascii_digit());
    if int.is_empty() || int.len() + frac.len() > 15 || !all_digits(int) || !all_digits(frac) {
        return None;
    }
    let number = Number::Plain {
        negative,
        int: int.trim_start_matches('0'),
        frac: frac.trim_end_matches('0'),
    };
    Some((number, frac.len()))
}

/// Sheet names in use.
#[derive(Default)]
struct Names(BTreeSet<String>);

impl Names {
    /// A sheet name not used yet: at most 31 characters, none of `[]:*?/\`, not "History".
    fn unique(&mut self, wanted: &str) -> String {
        let clean: String = wanted
            .chars()
            .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
            .collect();
        let clean = clean.trim_matches('\'').to_string();
        let clean = if clean.is_empty() || clean.eq_ignore_ascii_case("history") {
            "PB".to_string()
        } else {
            clean
        };
        let taken = |names: &BTreeSet<String>, n: &str| {
            n.to_lowercase() == INFO_SHEET.to_lowercase()
                || names.iter().any(|x| x.to_lowercase() == n.to_lowercase())
        };
        let mut name: String = clean.chars().take(31).collect();
        let mut k = 2;
        while taken(&self.0, &name) {
            let suffix = format!("-{k}");
            name = clean.chars().take(31 - suffix.len()).collect::<String>() + &suffix;
            k += 1;
        }
        self.0.insert(name.clone());
        name
    }
}

/// One worksheet of an appendix, as measured by the first pass.
struct SheetPlan {
    name: String,
    columns: Vec<String>,
    /// Widths in characters, before clamping.
    widths: Vec<usize>,
    /// Next row (0-based) after the last one.
    rows: RowNum,
    /// The deepest outline level of its rows.
    outline: u8,
}

/// The first pass.
struct Measure<'n> {
    names: &'n mut Names,
    base: String,
    sheets: Vec<SheetPlan>,
    data_rows: u64,
    /// The last text of each column and its width: consecutive rows often repeat a text.
    last: Vec<(String, usize)>,
    /// The text of the decimal being measured.
    scratch: String,
}

impl<'n> Measure<'n> {
    fn new(names: &'n mut Names, base: String) -> Self {
        let first = SheetPlan {
            name: base.clone(),
            columns: Vec::new(),
            widths: Vec::new(),
            rows: 0,
            outline: 0,
        };
        Measure {
            names,
            base,
            sheets: vec![first],
            data_rows: 0,
            last: Vec::new(),
            scratch: String::new(),
        }
    }

    fn current(&mut self) -> &mut SheetPlan {
        self.sheets.last_mut().expect("a sheet is always open")
    }

    fn cached_width(&mut self, c: usize, t: &str) -> usize {
        if self.last.len() <= c {
            self.last.resize_with(c + 1, || (String::new(), usize::MAX));
        }
        let slot = &mut self.last[c];
        if slot.1 == usize::MAX || slot.0 != t {
            slot.0.clear();
            slot.0.push_str(t);
            slot.1 = text_width(t);
        }
        slot.1
    }
}

/// The sheets of an appendix: one header row, then data rows, continued on a new sheet
/// when Excel's row limit is reached.
impl Sheet for Measure<'_> {
    fn header(&mut self, columns: Vec<String>) {
        let s = self.current();
        s.widths = columns.iter().map(|c| c.chars().count()).collect();
        s.columns = columns;
        s.rows = 1;
    }

    fn row_at(&mut self, level: u8, cells: &[V]) {
        if self.current().rows >= MAX_ROWS {
            let name = self
                .names
                .unique(&format!("{}-{}", self.base, self.sheets.len() + 1));
            let columns = self.current().columns.clone();
            self.sheets.push(SheetPlan {
                name,
                widths: columns.iter().map(|c| c.chars().count()).collect(),
                columns,
                rows: 1,
                outline: 0,
            });
        }
        let s = self.current();
        s.outline = s.outline.max(level.min(MAX_OUTLINE));
        for (c, v) in cells.iter().enumerate() {
            let w = match v {
                V::Text(t) => self.cached_width(c, t),
                V::Owned(t) => self.cached_width(c, t),
                V::Dec(d) => {
                    decimal_text(*d, &mut self.scratch);
                    dec_width(&self.scratch)
                }
                other => width(other),
            };
            if let Some(x) = self.current().widths.get_mut(c) {
                *x = (*x).max(w);
            }
        }
        self.current().rows += 1;
        self.data_rows += 1;
    }
}

/// Column widths as set on the sheet: room for the autofilter button, within limits.
fn clamp_widths(widths: &[usize]) -> Vec<usize> {
    widths
        .iter()
        .map(|w| (w + 3).clamp(MIN_WIDTH, MAX_WIDTH))
        .collect()
}

/// Whether a sheet of these (clamped) column widths is printed on landscape pages.
fn is_wide(widths: &[usize]) -> bool {
    widths.iter().sum::<usize>() > PORTRAIT_WIDTH
}

/// The second pass: rows as XML into the package, following the plan of the first.
struct Writer<'p, 's, W: Write + Seek> {
    pkg: &'p mut Package<W>,
    sheets: &'s [SheetPlan],
    current: usize,
    /// Next row (0-based).
    row: RowNum,
    /// The first error of the package; nothing more is written after it.
    error: Option<Error>,
}

impl<W: Write + Seek> Writer<'_, '_, W> {
    fn begin(&mut self) -> Result<(), Error> {
        let s = &self.sheets[self.current];
        let widths = clamp_widths(&s.widths);
        self.pkg.begin_sheet(&Layout {
            name: &s.name,
            columns: s.columns.len(),
            landscape: is_wide(&widths),
            widths: &widths,
            last_row: s.rows,
            filter_last_row: (!s.columns.is_empty()).then_some(s.rows),
            outline: s.outline,
        })
    }
}

impl<W: Write + Seek> Writer<'_, '_, W> {
    fn try_row(&mut self, level: u8, cells: &[V]) -> Result<(), Error> {
        if self.row >= MAX_ROWS {
            self.pkg.end_sheet()?;
            self.current += 1;
            self.begin()?;
            let columns = &self.sheets[self.current].columns;
            self.pkg.header_row(1, columns)?;
            self.row = 1;
        }
        self.pkg
            .row_at(self.row + 1, cells, level.min(MAX_OUTLINE))?;
        self.row += 1;
        Ok(())
    }
}

impl<W: Write + Seek> Sheet for Writer<'_, '_, W> {
    fn header(&mut self, columns: Vec<String>) {
        if self.error.is_none() {
            self.error = self.pkg.header_row(1, &columns).err();
            self.row = 1;
        }
    }

    fn row_at(&mut self, level: u8, cells: &[V]) {
        if self.error.is_none() {
            self.error = self.try_row(level, cells).err();
        }
    }
}

/// The first sheet: one row per appendix (its sheets, title lines, report and unit), then
/// the totals the printed appendices show in their last rows.
fn info_sheet<W: Write + Seek>(
    pkg: &mut Package<W>,
    f: &Facts,
    doc: &Document,
    infos: &[AppendixInfo],
) -> Result<(), Error> {
    let columns = index::columns();
    let mut widths: Vec<usize> = columns.iter().map(|c| c.chars().count()).collect();
    let unit = unit_full_name(&f.unit);
    let appendix_rows: Vec<Vec<V>> = infos
        .iter()
        .map(|a| {
            let placed = Placed {
                appendix: a.appendix,
                sheets: &a.sheets,
                title: &a.title,
                subtitle: &a.subtitle,
                rows: a.rows,
            };
            index::row(f, &placed, &unit)
        })
        .collect();
    for row in &appendix_rows {
        for (c, v) in row.iter().enumerate() {
            widths[c] = widths[c].max(width(v));
        }
    }
    // The totals, one per row: what, value, unit, appendix.
    let total_columns = index::total_columns();
    let total_rows = index::totals(f, doc.appendices.iter().map(|a| a.appendix));
    for row in &total_rows {
        for (c, v) in row.iter().enumerate() {
            let w = width(v);
            // The long labels of the totals share the first column with the short codes;
            // they are not allowed to widen it beyond a reading width.
            widths[c] = widths[c].max(if c == 0 { w.min(40) } else { w });
        }
    }
    // Rows, 1-based: header, appendices, an empty row, the totals header, the totals.
    let last_appendix_row = 1 + u32::try_from(appendix_rows.len()).unwrap_or(u32::MAX);
    let totals_header = last_appendix_row + 2;
    let last_row = totals_header + u32::try_from(total_rows.len()).unwrap_or(u32::MAX);
    let widths = clamp_widths(&widths);
    pkg.begin_sheet(&Layout {
        name: INFO_SHEET,
        columns: columns.len(),
        landscape: is_wide(&widths),
        widths: &widths,
        last_row,
        filter_last_row: Some(last_appendix_row),
        outline: 0,
    })?;
    pkg.header_row(1, &columns)?;
    for (k, row) in (2..).zip(&appendix_rows) {
        pkg.row(k, row)?;
    }
    pkg.header_row(totals_header, &total_columns)?;
    for (k, row) in (totals_header + 1..).zip(&total_rows) {
        pkg.row(k, row)?;
    }
    pkg.end_sheet()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The digits written for a plain decimal are the shortest text of its double, and its
    /// decimals those of the decimal: the same cell as through `f64`.
    #[test]
    fn plain_decimals_match_the_double() {
        for (mantissa, scale) in [
            (0, 0),
            (7, 0),
            (150, 2),
            (-150, 2),
            (22684, 2),
            (5, 2),
            (41313, 1),
            (123456789012345, 0),
            (1, 14),
            (999999999999999, 10),
            (100, 0),
            (200005, 1),
        ] {
            let d = Decimal::new(mantissa, scale);
            let s = d.to_string();
            let (n, decimals) = plain_decimal(&s).expect(&s);
            let mut b = Vec::new();
            n.write(&mut b);
            let want = format!("{}", s.parse::<f64>().unwrap());
            assert_eq!(String::from_utf8(b).unwrap(), want, "{s}");
            assert_eq!(decimals, scale as usize, "{s}");
        }
        for s in ["-0", "007", "-0.0"] {
            let (n, _) = plain_decimal(s).expect(s);
            let mut b = Vec::new();
            n.write(&mut b);
            assert_eq!(
                String::from_utf8(b).unwrap(),
                format!("{}", s.parse::<f64>().unwrap())
            );
        }
        for s in [
            "",
            "-",
            "1.",
            ".5",
            "+5",
            "1e5",
            " 5",
            "1_000",
            "1234567890123456",
        ] {
            assert!(plain_decimal(s).is_none(), "{s}");
        }
    }

    #[test]
    fn widths_of_numbers() {
        assert_eq!(width(&V::Int(1234567)), 9);
        assert_eq!(width(&V::Int(-12)), 3);
        assert_eq!(width(&V::Change(0)), 1);
        assert_eq!(width(&V::Change(-1000)), 6);
        assert_eq!(width(&V::Year(2025)), 4);
        assert_eq!(width(&V::Dec(Decimal::new(-413130, 2))), 9);
    }

    /// The text made from a decimal's mantissa is the text `Display` writes.
    #[test]
    fn decimal_text_is_the_display_text() {
        let mut out = String::new();
        let mut check = |d: Decimal| {
            decimal_text(d, &mut out);
            assert_eq!(out, d.to_string());
        };
        for (m, scale) in [
            (0i64, 0u32),
            (0, 2),
            (5, 2),
            (-5, 2),
            (1250, 2),
            (7, 0),
            (-7, 3),
        ] {
            check(Decimal::new(m, scale));
        }
        check(-Decimal::ZERO);
        check(Decimal::MAX);
        check(Decimal::MIN);
        let mut x: i64 = 1;
        for scale in 0..=18 {
            for _ in 0..40 {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                check(Decimal::new(x >> (scale % 40), scale));
            }
        }
    }
}
