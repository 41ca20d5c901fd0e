//! `phu-bieu-YEAR.xlsx`: the appendix tables (phụ biểu) as a machine-readable spreadsheet
//! companion to the report (layout in `docs/xlsx.md`).
//!
//! One sheet per appendix, in the order of the document, after a first sheet "Thong tin"
//! that carries what the Word appendices show as banner lines (title, "(Kèm theo …)" line,
//! report number and date, unit) and the totals rows. Every appendix sheet is one flat
//! header row followed by data rows built from the [`Facts`], not from the model's display
//! strings: counts, amounts and percentages are numeric cells, criteria are 1/0 flags.
//! Decimal strings of the facts become numbers only here, for the cell value, with a number
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
mod theme;

use crate::facts::{Facts, IndicatorTotal, Status};
use crate::number;
use crate::report::model::{Appendix, Block, Document, Table, plain_text};
use package::{Layout, Number, Package, Properties};
use rust_decimal::Decimal;
use rust_xlsxwriter::ExcelDateTime;
use std::collections::{BTreeSet, HashMap};
use std::io::{Cursor, Seek, Write};
use std::str::FromStr;

pub use package::Error;

/// The name of the first sheet.
pub const INFO_SHEET: &str = "Thong tin";

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
        let base = names.unique(&format!("PB{}", app.code));
        let mut m = Measure::new(&mut names, base);
        write_appendix(&mut m, facts, app)?;
        let sheets = m.sheets;
        infos.push(AppendixInfo {
            code: app.code.clone(),
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
    let mut pkg = Package::new(sink);
    info_sheet(&mut pkg, facts, doc, &infos)?;
    for (app, sheets) in doc.appendices.iter().zip(&plans) {
        let mut w = Writer {
            pkg: &mut pkg,
            sheets,
            current: 0,
            row: 0,
        };
        w.begin()?;
        write_appendix(&mut w, facts, app)?;
        w.pkg.end_sheet()?;
    }
    pkg.finish(&properties(facts))
}

fn properties(f: &Facts) -> Properties {
    let (y, m, d) = ymd(&f.report.date).unwrap_or((2000, 1, 1));
    Properties {
        title: format!("Phụ biểu báo cáo nông thôn mới năm {}", f.year),
        subject: format!("Báo cáo số {}", f.report.number),
        author: f.issuer.name.clone(),
        company: unit_name(f),
        created: format!("{y:04}-{m:02}-{d:02}T00:00:00Z"),
    }
}

/// An ISO date ("2024-01-05") as year, month, day, if Excel can hold it.
fn ymd(s: &str) -> Option<(u16, u8, u8)> {
    let mut parts = s.trim().splitn(3, '-');
    let y = parts.next()?.parse::<u16>().ok()?;
    let m = parts.next()?.parse::<u8>().ok()?;
    let d = parts.next()?.parse::<u8>().ok()?;
    ExcelDateTime::from_ymd(y, m, d).ok()?;
    Some((y, m, d))
}

/// An ISO date ("2024-01-05") as an Excel date.
fn iso_date(s: &str) -> Option<ExcelDateTime> {
    let (y, m, d) = ymd(s)?;
    ExcelDateTime::from_ymd(y, m, d).ok()
}

/// "huyện Phong Thổ, tỉnh Lai Châu" / "tỉnh Lai Châu".
fn unit_name(f: &Facts) -> String {
    let u = &f.unit;
    let own = format!("{} {}", u.label, u.name).trim().to_string();
    if u.level == "province" || u.province.trim().is_empty() || u.province == u.name {
        own
    } else {
        format!("{own}, tỉnh {}", u.province)
    }
}

struct AppendixInfo {
    code: String,
    sheets: String,
    title: String,
    subtitle: String,
    rows: u64,
}

/// A cell value.
enum V<'a> {
    Empty,
    Text(&'a str),
    Owned(String),
    Int(i64),
    /// A signed change (+2, -1, 0).
    Change(i64),
    /// A year: no thousands separator.
    Year(i64),
    /// A 1/0 flag; `None` leaves the cell empty.
    Flag(Option<bool>),
    /// A decimal string of the facts ("226.84").
    Dec(&'a str),
    /// A decimal string computed here.
    DecOwned(String),
    /// An ISO date string ("2023-01-16").
    Date(&'a str),
}

fn opt_text<S: AsRef<str>>(s: &Option<S>) -> V<'_> {
    s.as_ref().map_or(V::Empty, |s| V::Text(s.as_ref()))
}

fn opt_dec<S: AsRef<str>>(s: &Option<S>) -> V<'_> {
    s.as_ref().map_or(V::Empty, |s| V::Dec(s.as_ref()))
}

fn opt_int<T: Into<i64> + Copy>(n: Option<T>) -> V<'static> {
    n.map_or(V::Empty, |n| V::Int(n.into()))
}

fn status(s: Option<Status>) -> V<'static> {
    V::Flag(s.map(|s| s == Status::Met))
}

fn count(n: usize) -> V<'static> {
    V::Int(i64::try_from(n).unwrap_or(i64::MAX))
}

fn list(v: &[u32]) -> V<'static> {
    V::Owned(v.iter().map(u32::to_string).collect::<Vec<_>>().join(", "))
}

/// The width a value takes in its column, in characters.
fn width(v: &V) -> usize {
    match v {
        V::Empty | V::Flag(None) => 0,
        V::Text(t) => text_width(t),
        V::Owned(t) => text_width(t),
        V::Int(n) => grouped_len(digits(n.unsigned_abs())) + usize::from(*n < 0),
        V::Change(n) => grouped_len(digits(n.unsigned_abs())) + usize::from(*n != 0),
        V::Year(n) => digits(n.unsigned_abs()) + usize::from(*n < 0),
        V::Flag(Some(_)) => 1,
        V::Dec(s) => dec_width(s),
        V::DecOwned(s) => dec_width(s),
        V::Date(s) => match iso_date(s) {
            Some(_) => 10,
            None => text_width(s),
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

/// A decimal string of the facts as a cell value and the number of decimals it carries.
/// The string is checked as a decimal first. Plain decimals of at most 15 digits keep
/// their digits (the shortest text of the double they parse to); anything else goes
/// through `f64`.
fn decimal(s: &str) -> Option<(Number<'_>, usize)> {
    if let Some(n) = plain_decimal(s) {
        return Some(n);
    }
    let d = Decimal::from_str(s.trim()).ok()?;
    let value = s.trim().parse::<f64>().ok().filter(|v| v.is_finite())?;
    Some((Number::Float(value), d.scale() as usize))
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
            n.eq_ignore_ascii_case(INFO_SHEET)
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

/// Where the rows of an appendix go: one header row, then data rows, continued on a new
/// sheet when Excel's row limit is reached.
trait Rows {
    fn header(&mut self, columns: Vec<String>) -> Result<(), Error>;
    fn row(&mut self, cells: &[V]) -> Result<(), Error>;
}

/// One worksheet of an appendix, as measured by the first pass.
struct SheetPlan {
    name: String,
    columns: Vec<String>,
    /// Widths in characters, before clamping.
    widths: Vec<usize>,
    /// Next row (0-based) after the last one.
    rows: RowNum,
}

/// The first pass.
struct Measure<'n> {
    names: &'n mut Names,
    base: String,
    sheets: Vec<SheetPlan>,
    data_rows: u64,
    /// The last text of each column and its width: consecutive rows often repeat a text.
    last: Vec<(String, usize)>,
}

impl<'n> Measure<'n> {
    fn new(names: &'n mut Names, base: String) -> Self {
        let first = SheetPlan {
            name: base.clone(),
            columns: Vec::new(),
            widths: Vec::new(),
            rows: 0,
        };
        Measure {
            names,
            base,
            sheets: vec![first],
            data_rows: 0,
            last: Vec::new(),
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

impl Rows for Measure<'_> {
    fn header(&mut self, columns: Vec<String>) -> Result<(), Error> {
        let s = self.current();
        s.widths = columns.iter().map(|c| c.chars().count()).collect();
        s.columns = columns;
        s.rows = 1;
        Ok(())
    }

    fn row(&mut self, cells: &[V]) -> Result<(), Error> {
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
            });
        }
        for (c, v) in cells.iter().enumerate() {
            let w = match v {
                V::Text(t) => self.cached_width(c, t),
                V::Owned(t) => self.cached_width(c, t),
                other => width(other),
            };
            if let Some(x) = self.current().widths.get_mut(c) {
                *x = (*x).max(w);
            }
        }
        self.current().rows += 1;
        self.data_rows += 1;
        Ok(())
    }
}

/// Column widths as set on the sheet: room for the autofilter button, within limits.
fn clamp_widths(widths: &[usize]) -> Vec<usize> {
    widths
        .iter()
        .map(|w| (w + 3).clamp(MIN_WIDTH, MAX_WIDTH))
        .collect()
}

/// The second pass: rows as XML into the package, following the plan of the first.
struct Writer<'p, 's, W: Write + Seek> {
    pkg: &'p mut Package<W>,
    sheets: &'s [SheetPlan],
    current: usize,
    /// Next row (0-based).
    row: RowNum,
}

impl<W: Write + Seek> Writer<'_, '_, W> {
    fn begin(&mut self) -> Result<(), Error> {
        let s = &self.sheets[self.current];
        let widths = clamp_widths(&s.widths);
        self.pkg.begin_sheet(&Layout {
            name: &s.name,
            columns: s.columns.len(),
            widths: &widths,
            last_row: s.rows,
            filter_last_row: (!s.columns.is_empty()).then_some(s.rows),
        })
    }
}

impl<W: Write + Seek> Rows for Writer<'_, '_, W> {
    fn header(&mut self, columns: Vec<String>) -> Result<(), Error> {
        self.pkg.header_row(1, &columns)?;
        self.row = 1;
        Ok(())
    }

    fn row(&mut self, cells: &[V]) -> Result<(), Error> {
        if self.row >= MAX_ROWS {
            self.pkg.end_sheet()?;
            self.current += 1;
            self.begin()?;
            let columns = &self.sheets[self.current].columns;
            self.pkg.header_row(1, columns)?;
            self.row = 1;
        }
        self.pkg.row(self.row + 1, cells)?;
        self.row += 1;
        Ok(())
    }
}

fn write_appendix(s: &mut impl Rows, f: &Facts, app: &Appendix) -> Result<(), Error> {
    match app.code.as_str() {
        "01" if f.documents.is_some() => documents(s, f),
        "02" => criteria(s, f),
        "02a" => indicators(s, f),
        "03" if f.funding.is_some() => funding(s, f),
        "03a"
            if f.funding
                .as_ref()
                .is_some_and(|x| x.contributions.is_some()) =>
        {
            contributions(s, f)
        }
        "04" if f.disbursement.is_some() => disbursement(s, f, "investment"),
        "05" if f.disbursement.is_some() => disbursement(s, f, "recurrent"),
        "06" if f.plan.is_some() => plan(s, f),
        "07" if f.villages.is_some() => villages(s, f),
        _ => model_table(s, app),
    }
}

fn strings(cols: &[&str]) -> Vec<String> {
    cols.iter().map(|c| c.to_string()).collect()
}

fn documents(s: &mut impl Rows, f: &Facts) -> Result<(), Error> {
    s.header(strings(&[
        "STT",
        "Số, ký hiệu",
        "Ngày ban hành",
        "Cơ quan ban hành",
        "Loại văn bản",
        "Trích yếu nội dung",
    ]))?;
    for (i, d) in f.documents.iter().flatten().enumerate() {
        s.row(&[
            count(i + 1),
            V::Text(&d.number),
            V::Date(&d.date),
            V::Text(&d.issuer),
            V::Text(&d.kind),
            V::Text(&d.title),
        ])?;
    }
    Ok(())
}

/// Criterion numbers in the order of the groups (the order of appendix 02's columns).
fn criterion_numbers(f: &Facts) -> Vec<u32> {
    let mut out: Vec<u32> = f
        .groups
        .iter()
        .flat_map(|g| g.criteria.iter().copied())
        .collect();
    if out.is_empty() {
        out = f.criteria.iter().map(|c| c.number).collect();
    }
    out
}

fn criteria(s: &mut impl Rows, f: &Facts) -> Result<(), Error> {
    let numbers = criterion_numbers(f);
    let mut columns = strings(&["STT", "Mã xã", "Tên xã"]);
    columns.extend(numbers.iter().map(|n| format!("TC {n}")));
    columns.push(format!("Số TC đạt năm {}", f.year));
    if let Some(p) = f.previous_year {
        columns.push(format!("Số TC đạt năm {p}"));
        columns.push("Tăng (+), giảm (-)".into());
    }
    columns.extend(strings(&[
        "Số TC đạt theo chỉ tiêu",
        "Phân loại",
        "Quyết định công nhận NTM",
    ]));
    s.header(columns)?;
    for (i, c) in f.communes.iter().enumerate() {
        let by_number: HashMap<u32, Status> =
            c.criteria.iter().map(|x| (x.number, x.status)).collect();
        let mut row = vec![count(i + 1), V::Text(&c.id), V::Text(&c.name)];
        row.extend(numbers.iter().map(|n| status(by_number.get(n).copied())));
        row.push(V::Int(c.criteria_met.into()));
        if f.previous_year.is_some() {
            row.push(opt_int(c.previous_criteria_met));
            row.push(c.previous_criteria_met.map_or(V::Empty, |p| {
                V::Change(i64::from(c.criteria_met) - i64::from(p))
            }));
        }
        row.push(V::Int(c.criteria_met_computed.into()));
        row.push(V::Text(&c.class));
        row.push(
            c.recognized
                .as_ref()
                .map_or(V::Empty, |r| V::Text(&r.decision)),
        );
        s.row(&row)?;
    }
    Ok(())
}

fn indicators(s: &mut impl Rows, f: &Facts) -> Result<(), Error> {
    let meta: HashMap<&str, &IndicatorTotal> =
        f.indicators.iter().map(|i| (i.id.as_str(), i)).collect();
    s.header(strings(&[
        "Mã xã",
        "Tên xã",
        "Chỉ tiêu",
        "Nội dung",
        "Giá trị",
        "Tử số",
        "Mẫu số",
        "Tỷ lệ (%)",
        "Ngưỡng",
        "So sánh",
        "Đơn vị",
        "Áp dụng",
        "Đạt",
    ]))?;
    for c in &f.communes {
        for (k, ind) in c.indicators.iter().enumerate() {
            // Communes list their indicators in the order of the totals, as a rule.
            let m = f
                .indicators
                .get(k)
                .filter(|m| m.id == ind.id)
                .or_else(|| meta.get(ind.id.as_str()).copied());
            let value = match ind.value.as_deref() {
                Some("met") => V::Flag(Some(true)),
                Some("not_met") => V::Flag(Some(false)),
                Some(x) => V::Dec(x),
                None => V::Empty,
            };
            s.row(&[
                V::Text(&c.id),
                V::Text(&c.name),
                V::Text(&ind.id),
                m.map_or(V::Empty, |m| V::Text(&m.content)),
                value,
                opt_dec(&ind.numerator),
                opt_dec(&ind.denominator),
                opt_dec(&ind.percent),
                opt_dec(&ind.threshold),
                opt_text(&ind.comparator),
                m.map_or(V::Empty, |m| V::Text(&m.unit)),
                V::Flag(Some(ind.applicable)),
                status(ind.met),
            ])?;
        }
    }
    Ok(())
}

fn funding(s: &mut impl Rows, f: &Facts) -> Result<(), Error> {
    s.header(strings(&[
        "Mã nguồn",
        "Nguồn vốn",
        "Thuộc nguồn",
        "Cấp",
        "Số tiền (triệu đồng)",
    ]))?;
    for src in f.funding.iter().flat_map(|x| &x.sources) {
        s.row(&[
            V::Text(&src.id),
            V::Text(&src.name),
            opt_text(&src.parent),
            count(src.depth),
            V::Dec(&src.amount),
        ])?;
    }
    Ok(())
}

fn contributions(s: &mut impl Rows, f: &Facts) -> Result<(), Error> {
    s.header(strings(&[
        "Số hộ tham gia",
        "Diện tích đất hiến (m²)",
        "Ngày công lao động",
        "Giá trị quy đổi (triệu đồng)",
    ]))?;
    if let Some(c) = f.funding.as_ref().and_then(|x| x.contributions.as_ref()) {
        let big =
            |n: Option<u64>| n.map_or(V::Empty, |n| V::Int(i64::try_from(n).unwrap_or(i64::MAX)));
        s.row(&[
            big(c.households),
            opt_dec(&c.land_m2),
            big(c.workdays),
            opt_dec(&c.value),
        ])?;
    }
    Ok(())
}

fn disbursement(s: &mut impl Rows, f: &Facts, kind: &str) -> Result<(), Error> {
    s.header(strings(&[
        "STT",
        "Mã",
        "Nội dung",
        "Nguồn gốc",
        "Số dự án",
        "Kế hoạch vốn (triệu đồng)",
        "Đã giải ngân (triệu đồng)",
        "Tỷ lệ giải ngân (%)",
        "Ghi chú",
    ]))?;
    let items = f.disbursement.iter().flat_map(|d| &d.items);
    for (k, i) in items.filter(|i| i.kind == kind).enumerate() {
        s.row(&[
            count(k + 1),
            V::Text(&i.id),
            V::Text(&i.name),
            V::Text(&i.origin),
            i.projects
                .map_or(V::Empty, |n| V::Int(i64::try_from(n).unwrap_or(i64::MAX))),
            V::Dec(&i.plan),
            opt_dec(&i.disbursed),
            opt_dec(&i.percent),
            opt_text(&i.note),
        ])?;
    }
    Ok(())
}

fn plan(s: &mut impl Rows, f: &Facts) -> Result<(), Error> {
    let Some(p) = &f.plan else { return Ok(()) };
    let next = p.year;
    s.header(vec![
        "STT".into(),
        "Mã xã".into(),
        "Tên xã".into(),
        format!("Số tiêu chí đạt năm {}", f.year),
        format!("Tiêu chí đăng ký năm {next}"),
        format!("Tiêu chí đăng ký đạt mới năm {next}"),
        "Số tiêu chí tăng thêm".into(),
        format!("Dự kiến số tiêu chí đạt năm {next}"),
        "Năm dự kiến đạt chuẩn NTM".into(),
    ])?;
    let by_id: HashMap<&str, &crate::facts::PlanCommune> =
        p.communes.iter().map(|x| (x.id.as_str(), x)).collect();
    for (k, c) in f.communes.iter().enumerate() {
        let pc = by_id.get(c.id.as_str());
        s.row(&[
            count(k + 1),
            V::Text(&c.id),
            V::Text(&c.name),
            V::Int(c.criteria_met.into()),
            pc.map_or(V::Empty, |x| list(&x.register)),
            pc.map_or(V::Empty, |x| list(&x.new)),
            count(pc.map_or(0, |x| x.new.len())),
            V::Int(pc.map_or(c.criteria_met, |x| x.projected).into()),
            pc.and_then(|x| x.standard_year)
                .map_or(V::Empty, |y| V::Year(y.into())),
        ])?;
    }
    Ok(())
}

fn villages(s: &mut impl Rows, f: &Facts) -> Result<(), Error> {
    let Some(vf) = &f.villages else { return Ok(()) };
    let declared = f.village_ruleset.as_ref().map_or(0, |r| r.criteria_count);
    let mut numbers: BTreeSet<u32> = (1..=u32::try_from(declared).unwrap_or(0)).collect();
    for c in &vf.by_commune {
        for v in &c.villages {
            numbers.extend(v.met.iter().copied());
        }
    }
    let mut columns = strings(&[
        "STT",
        "Tên xã",
        "Mã thôn, bản",
        "Tên thôn, bản",
        "Số TC đạt",
    ]);
    columns.extend(numbers.iter().map(|n| format!("TC {n}")));
    s.header(columns)?;
    let mut k = 0;
    // Which criteria a village meets, by column: set and cleared per village.
    let numbers: Vec<u32> = numbers.into_iter().collect();
    let mut met = vec![false; numbers.len()];
    let mut row: Vec<V> = Vec::with_capacity(5 + numbers.len());
    for c in &vf.by_commune {
        for v in &c.villages {
            k += 1;
            met.fill(false);
            for n in &v.met {
                if let Ok(i) = numbers.binary_search(n) {
                    met[i] = true;
                }
            }
            row.clear();
            row.extend([
                count(k),
                V::Text(&c.commune),
                V::Text(&v.id),
                V::Text(&v.name),
                V::Int(v.criteria_met.into()),
            ]);
            row.extend(met.iter().map(|m| V::Flag(Some(*m))));
            s.row(&row)?;
        }
    }
    Ok(())
}

/// An appendix this writer has no facts layout for: its model tables, as text.
fn model_table(s: &mut impl Rows, app: &Appendix) -> Result<(), Error> {
    let tables: Vec<&Table> = app
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .collect();
    let Some(first) = tables.first() else {
        return Ok(());
    };
    let width = first.columns.len();
    s.header(first.columns.clone())?;
    let mut result = Ok(());
    for t in &tables {
        t.rows.for_each(|r| {
            if result.is_err() {
                return;
            }
            let mut cells = Vec::with_capacity(width);
            for c in r {
                cells.push(V::Text(&c.text));
                cells.extend((1..c.colspan).map(|_| V::Empty));
            }
            result = s.row(&cells);
        });
    }
    result
}

/// The first sheet: one row per appendix (its sheets, title lines, report and unit), then
/// the totals the printed appendices show in their last rows.
fn info_sheet<W: Write + Seek>(
    pkg: &mut Package<W>,
    f: &Facts,
    doc: &Document,
    infos: &[AppendixInfo],
) -> Result<(), Error> {
    let columns: Vec<String> = strings(&[
        "Phụ biểu",
        "Trang tính",
        "Tiêu đề",
        "Kèm theo",
        "Số báo cáo",
        "Ngày báo cáo",
        "Đơn vị",
        "Số dòng dữ liệu",
    ]);
    let mut widths: Vec<usize> = columns.iter().map(|c| c.chars().count()).collect();
    let unit = unit_name(f);
    let appendix_rows: Vec<Vec<V>> = infos
        .iter()
        .map(|a| {
            vec![
                V::Text(&a.code),
                V::Text(&a.sheets),
                V::Text(&a.title),
                V::Text(&a.subtitle),
                V::Text(&f.report.number),
                V::Date(&f.report.date),
                V::Text(&unit),
                V::Int(i64::try_from(a.rows).unwrap_or(i64::MAX)),
            ]
        })
        .collect();
    for row in &appendix_rows {
        for (c, v) in row.iter().enumerate() {
            widths[c] = widths[c].max(width(v));
        }
    }
    // The totals, one per row: what, value, unit, appendix.
    let total_columns = strings(&["Số liệu tổng hợp", "Giá trị", "Đơn vị tính", "Phụ biểu"]);
    let total_rows: Vec<[V; 4]> = totals(f, doc)
        .into_iter()
        .map(|(what, value, unit, code)| [V::Owned(what), value, V::Text(unit), V::Text(code)])
        .collect();
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
    pkg.begin_sheet(&Layout {
        name: INFO_SHEET,
        columns: columns.len(),
        widths: &clamp_widths(&widths),
        last_row,
        filter_last_row: Some(last_appendix_row),
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

type Total<'a> = (String, V<'a>, &'a str, &'static str);

/// The totals rows of the printed appendices, for the appendices the document has.
fn totals<'a>(f: &'a Facts, doc: &Document) -> Vec<Total<'a>> {
    let has = |code: &str| doc.appendices.iter().any(|a| a.code == code);
    let mut out: Vec<Total<'a>> = Vec::new();
    if has("02") {
        out.push(("Số xã".into(), count(f.communes.len()), "xã", "02"));
        for n in criterion_numbers(f) {
            if let Some(c) = f.criteria.iter().find(|c| c.number == n) {
                out.push((
                    format!("Số xã đạt tiêu chí {n}"),
                    count(c.count),
                    "xã",
                    "02",
                ));
            }
        }
        out.push((
            format!("Tổng số tiêu chí đạt năm {}", f.year),
            V::Int(f.total_criteria_met.into()),
            "tiêu chí",
            "02",
        ));
        out.push((
            format!("Bình quân tiêu chí/xã năm {}", f.year),
            V::Dec(&f.average_criteria_per_commune),
            "tiêu chí/xã",
            "02",
        ));
        if let Some(p) = f.previous_year {
            out.push((
                format!("Tổng số tiêu chí đạt năm {p}"),
                opt_int(f.previous_total_criteria_met),
                "tiêu chí",
                "02",
            ));
            out.push((
                format!("Bình quân tiêu chí/xã năm {p}"),
                opt_dec(&f.previous_average_criteria_per_commune),
                "tiêu chí/xã",
                "02",
            ));
        }
    }
    if let (true, Some(fu)) = (has("03"), &f.funding) {
        out.push((
            "Tổng vốn huy động".into(),
            V::Dec(&fu.total),
            "triệu đồng",
            "03",
        ));
    }
    if let Some(db) = &f.disbursement {
        for (code, kind, what) in [
            ("04", "investment", "vốn đầu tư phát triển"),
            ("05", "recurrent", "vốn sự nghiệp"),
        ] {
            if !has(code) {
                continue;
            }
            let d = |s: &str| Decimal::from_str(s).unwrap_or_default();
            let items: Vec<_> = db.items.iter().filter(|i| i.kind == kind).collect();
            let plan: Decimal = items.iter().map(|i| d(&i.plan)).sum();
            let given: Vec<Decimal> = items
                .iter()
                .filter_map(|i| i.disbursed.as_deref().map(d))
                .collect();
            out.push((
                format!("Tổng kế hoạch {what}"),
                V::DecOwned(plan.normalize().to_string()),
                "triệu đồng",
                code,
            ));
            if !given.is_empty() {
                let disbursed: Decimal = given.iter().sum();
                out.push((
                    format!("Tổng đã giải ngân {what}"),
                    V::DecOwned(disbursed.normalize().to_string()),
                    "triệu đồng",
                    code,
                ));
                if let Some(p) = number::percent(disbursed, plan) {
                    out.push((
                        format!("Tỷ lệ giải ngân {what}"),
                        V::DecOwned(number::plain(p, 1)),
                        "%",
                        code,
                    ));
                }
            }
        }
    }
    if let (true, Some(p)) = (has("06"), &f.plan) {
        let y = p.year;
        out.push((
            format!("Số tiêu chí tăng thêm năm {y}"),
            V::Int(p.criteria_to_add.into()),
            "tiêu chí",
            "06",
        ));
        out.push((
            format!("Dự kiến tổng số tiêu chí đạt năm {y}"),
            V::Int(p.projected_total.into()),
            "tiêu chí",
            "06",
        ));
        out.push((
            format!("Dự kiến bình quân tiêu chí/xã năm {y}"),
            V::Dec(&p.projected_average),
            "tiêu chí/xã",
            "06",
        ));
        if let Some(x) = &p.income_per_capita {
            out.push((
                format!("Mục tiêu thu nhập bình quân đầu người năm {y}"),
                V::Dec(x),
                "triệu đồng/người/năm",
                "06",
            ));
        }
        if let Some(x) = p.ocop_products {
            out.push((
                format!("Mục tiêu sản phẩm OCOP từ 3 sao năm {y}"),
                V::Int(i64::try_from(x).unwrap_or(i64::MAX)),
                "sản phẩm",
                "06",
            ));
        }
        if let Some(x) = p.villages_to_standard {
            out.push((
                format!("Mục tiêu thôn, bản đạt chuẩn năm {y}"),
                V::Int(i64::try_from(x).unwrap_or(i64::MAX)),
                "thôn, bản",
                "06",
            ));
        }
    }
    if let (true, Some(v)) = (has("07"), &f.villages) {
        out.push(("Số thôn, bản".into(), count(v.total), "thôn, bản", "07"));
        for (k, n) in &v.by_criteria_met {
            out.push((
                format!("Số thôn, bản đạt {k} tiêu chí"),
                count(*n),
                "thôn, bản",
                "07",
            ));
        }
        out.push((
            "Số thôn, bản đạt tất cả tiêu chí".into(),
            count(v.meeting_all),
            "thôn, bản",
            "07",
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The digits written for a plain decimal are the shortest text of its double, and its
    /// decimals those `rust_decimal` counts: the same cell as through `f64`.
    #[test]
    fn plain_decimals_match_the_double() {
        for s in [
            "0",
            "-0",
            "7",
            "007",
            "1.50",
            "-1.50",
            "226.84",
            "0.05",
            "-0.0",
            "4131.3",
            "123456789012345",
            "0.00000000000001",
            "99999.9999999999",
            "100",
            "20000.5",
        ] {
            let (n, scale) = plain_decimal(s).expect(s);
            let mut b = Vec::new();
            n.write(&mut b);
            let want = format!("{}", s.parse::<f64>().unwrap());
            assert_eq!(String::from_utf8(b).unwrap(), want, "{s}");
            assert_eq!(scale, Decimal::from_str(s).unwrap().scale() as usize, "{s}");
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
        assert_eq!(width(&V::Dec("-4131.30")), 9);
    }
}
