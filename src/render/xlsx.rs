//! `phu-bieu-YEAR.xlsx`: the appendix tables (phụ biểu) as a machine-readable spreadsheet
//! companion to the report (layout in `docs/xlsx.md`).
//!
//! One sheet per appendix, in the order of the document, after a first sheet "Thong tin"
//! that carries what the Word appendices show as banner lines (title, "(Kèm theo …)" line,
//! report number and date, unit) and the totals rows. Every appendix sheet is one flat
//! header row followed by data rows built from the [`Facts`], not from the model's display
//! strings: counts, amounts and percentages are numeric cells, criteria are 1/0 flags.
//! Decimal strings of the facts become `f64` only here, for the cell value, with a number
//! format showing the decimals the facts carry (`#,##0`, `#,##0.0`, `#,##0.00`, …); Excel
//! then shows separators of the reader's locale ("4.131,3" in a Vietnamese Excel).
//!
//! Output is a pure function of the inputs: the document properties carry the report date,
//! never the clock, and zip entries carry fixed timestamps. Appendix sheets are written row
//! by row in rust_xlsxwriter's "low memory" mode (only the current row and the shared
//! string table are held in memory; rows go to an anonymous temporary file), so 10,000
//! communes — half a million indicator rows — take linear time and little memory. Where no
//! temporary file can be created the workbook is built in memory instead, with the same
//! content.

use crate::facts::{Facts, IndicatorTotal, Status};
use crate::number;
use crate::report::model::{Appendix, Block, Document, Table, plain_text};
use rust_decimal::Decimal;
use rust_xlsxwriter::{
    ColNum, DocProperties, ExcelDateTime, Format, RowNum, Workbook, Worksheet, XlsxError,
};
use std::collections::{BTreeSet, HashMap};
use std::str::FromStr;

/// The name of the first sheet.
pub const INFO_SHEET: &str = "Thong tin";

/// How appendix sheets are held while they are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Memory {
    /// Row by row through a temporary file (rust_xlsxwriter "low memory" mode).
    Low,
    /// Every cell in memory until the workbook is saved.
    Standard,
}

/// Excel's row limit; longer tables continue on sheets "PB02a-2", "PB02a-3", ….
const MAX_ROWS: u32 = 1_048_576;
/// Excel's limit on the length of a cell's text.
const MAX_TEXT: usize = 32_767;
/// Column widths, in characters.
const MIN_WIDTH: usize = 4;
const MAX_WIDTH: usize = 60;
/// Most decimals a number format shows.
const MAX_DECIMALS: usize = 6;

/// The appendix workbook. Uses low memory mode where a temporary file can be created.
pub fn xlsx(facts: &Facts, doc: &Document) -> Vec<u8> {
    try_xlsx(facts, doc, Memory::Low)
        .or_else(|_| try_xlsx(facts, doc, Memory::Standard))
        .expect("the appendix workbook stays within Excel's limits")
}

/// The appendix workbook, with the memory mode chosen and errors returned.
pub fn try_xlsx(facts: &Facts, doc: &Document, memory: Memory) -> Result<Vec<u8>, XlsxError> {
    let mut book = Book::new(memory);
    let mut infos = Vec::new();
    for app in &doc.appendices {
        let base = book.unique_name(&format!("PB{}", app.code));
        let mut sheet = book.sheet(&base)?;
        write_appendix(&mut book, &mut sheet, facts, app)?;
        let (names, rows) = book.finish(sheet)?;
        infos.push(AppendixInfo {
            code: app.code.clone(),
            sheets: names.join(", "),
            title: plain_text(&app.title),
            subtitle: plain_text(&app.subtitle),
            rows,
        });
    }
    let info = info_sheet(&book, facts, doc, &infos)?;
    let sheets = std::mem::take(&mut book.done);
    let wb = &mut book.workbook;
    wb.set_properties(&properties(facts));
    wb.push_worksheet(info);
    for ws in sheets {
        wb.push_worksheet(ws);
    }
    wb.save_to_buffer()
}

fn properties(f: &Facts) -> DocProperties {
    let created = iso_date(&f.report.date)
        .or_else(|| ExcelDateTime::from_ymd(2000, 1, 1).ok())
        .expect("a fixed date is valid");
    DocProperties::new()
        .set_title(format!("Phụ biểu báo cáo nông thôn mới năm {}", f.year))
        .set_subject(format!("Báo cáo số {}", f.report.number))
        .set_author(f.issuer.name.clone())
        .set_company(unit_name(f))
        .set_creation_datetime(&created)
}

/// An ISO date ("2024-01-05") as an Excel date.
fn iso_date(s: &str) -> Option<ExcelDateTime> {
    let mut parts = s.trim().splitn(3, '-');
    let y = parts.next()?.parse::<u16>().ok()?;
    let m = parts.next()?.parse::<u8>().ok()?;
    let d = parts.next()?.parse::<u8>().ok()?;
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

fn opt_text(s: &Option<String>) -> V<'_> {
    s.as_deref().map_or(V::Empty, V::Text)
}

fn opt_dec(s: &Option<String>) -> V<'_> {
    s.as_deref().map_or(V::Empty, V::Dec)
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

/// The workbook being built: shared formats, the finished appendix sheets and their names.
struct Book {
    memory: Memory,
    /// The workbook, empty until every sheet is finished: low memory sheets are created
    /// from it (they share its string table and formats) and pushed in order at the end.
    workbook: Workbook,
    done: Vec<Worksheet>,
    names: BTreeSet<String>,
    header: Format,
    /// `#,##0`, `#,##0.0`, `#,##0.00`, … by number of decimals.
    decimals: Vec<Format>,
    change: Format,
    year: Format,
    date: Format,
}

/// A sheet being written: one header row, then data rows, continued on a new sheet when
/// Excel's row limit is reached.
struct Sheet {
    ws: Worksheet,
    base: String,
    columns: Vec<String>,
    widths: Vec<usize>,
    /// Next row to write.
    row: RowNum,
    names: Vec<String>,
    data_rows: u64,
}

impl Book {
    fn new(memory: Memory) -> Self {
        let dec = |n: usize| {
            let fmt = if n == 0 {
                "#,##0".to_string()
            } else {
                format!("#,##0.{}", "0".repeat(n))
            };
            Format::new().set_num_format(fmt)
        };
        Book {
            memory,
            workbook: Workbook::new(),
            done: Vec::new(),
            names: BTreeSet::new(),
            header: Format::new().set_bold(),
            decimals: (0..=MAX_DECIMALS).map(dec).collect(),
            change: Format::new().set_num_format("+#,##0;-#,##0;0"),
            year: Format::new().set_num_format("0"),
            date: Format::new().set_num_format("dd/mm/yyyy"),
        }
    }

    fn worksheet(&mut self) -> Result<Worksheet, XlsxError> {
        match self.memory {
            Memory::Low => self.workbook.new_worksheet_with_low_memory(),
            Memory::Standard => Ok(Worksheet::new()),
        }
    }

    /// A sheet name not used yet: at most 31 characters, none of `[]:*?/\`, not "History".
    fn unique_name(&mut self, wanted: &str) -> String {
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
        while taken(&self.names, &name) {
            let suffix = format!("-{k}");
            name = clean.chars().take(31 - suffix.len()).collect::<String>() + &suffix;
            k += 1;
        }
        self.names.insert(name.clone());
        name
    }

    fn sheet(&mut self, name: &str) -> Result<Sheet, XlsxError> {
        let mut ws = self.worksheet()?;
        ws.set_name(name)?;
        Ok(Sheet {
            ws,
            base: name.to_string(),
            columns: Vec::new(),
            widths: Vec::new(),
            row: 0,
            names: vec![name.to_string()],
            data_rows: 0,
        })
    }

    /// Writes the header row of a new sheet.
    fn header(&self, s: &mut Sheet, columns: Vec<String>) -> Result<(), XlsxError> {
        s.widths = columns.iter().map(|c| c.chars().count()).collect();
        for (c, name) in columns.iter().enumerate() {
            s.ws.write_string_with_format(0, col(c), clip(name), &self.header)?;
        }
        s.columns = columns;
        s.row = 1;
        Ok(())
    }

    /// Writes one data row, starting a continuation sheet when the current one is full.
    fn row(&mut self, s: &mut Sheet, cells: &[V]) -> Result<(), XlsxError> {
        if s.row >= MAX_ROWS {
            let name = self.unique_name(&format!("{}-{}", s.base, s.names.len() + 1));
            let mut next = self.worksheet()?;
            next.set_name(&name)?;
            let full = std::mem::replace(&mut s.ws, next);
            let done = self.close(full, s)?;
            self.done.push(done);
            s.names.push(name);
            let columns = std::mem::take(&mut s.columns);
            self.header(s, columns)?;
        }
        let r = s.row;
        for (c, v) in cells.iter().enumerate() {
            let width = self.cell(&mut s.ws, r, col(c), v)?;
            if let Some(w) = s.widths.get_mut(c) {
                *w = (*w).max(width);
            }
        }
        s.row += 1;
        s.data_rows += 1;
        Ok(())
    }

    /// Writes a cell; returns the width its text takes, in characters.
    fn cell(&self, ws: &mut Worksheet, r: RowNum, c: ColNum, v: &V) -> Result<usize, XlsxError> {
        Ok(match v {
            V::Empty | V::Flag(None) => 0,
            V::Text(t) => text(ws, r, c, t)?,
            V::Owned(t) => text(ws, r, c, t)?,
            V::Int(n) => {
                ws.write_number_with_format(r, c, *n as f64, &self.decimals[0])?;
                grouped_len(&n.unsigned_abs().to_string()) + usize::from(*n < 0)
            }
            V::Change(n) => {
                ws.write_number_with_format(r, c, *n as f64, &self.change)?;
                grouped_len(&n.unsigned_abs().to_string()) + usize::from(*n != 0)
            }
            V::Year(n) => {
                ws.write_number_with_format(r, c, *n as f64, &self.year)?;
                n.to_string().len()
            }
            V::Flag(Some(b)) => {
                ws.write_number(r, c, if *b { 1.0 } else { 0.0 })?;
                1
            }
            V::Dec(s) => self.dec(ws, r, c, s)?,
            V::DecOwned(s) => self.dec(ws, r, c, s)?,
            V::Date(s) => match iso_date(s) {
                Some(d) => {
                    ws.write_datetime_with_format(r, c, d, &self.date)?;
                    10
                }
                None => text(ws, r, c, s)?,
            },
        })
    }

    fn dec(&self, ws: &mut Worksheet, r: RowNum, c: ColNum, s: &str) -> Result<usize, XlsxError> {
        Ok(match decimal(s) {
            Some((value, scale)) => {
                let fmt = &self.decimals[scale.min(MAX_DECIMALS)];
                ws.write_number_with_format(r, c, value, fmt)?;
                let int = s.trim_start_matches('-').split('.').next().unwrap_or("");
                grouped_len(int) + usize::from(s.starts_with('-')) + scale + usize::from(scale > 0)
            }
            None => text(ws, r, c, s)?,
        })
    }

    /// Freezes the header, sets the autofilter and the column widths of a finished sheet.
    fn close(&self, mut ws: Worksheet, s: &Sheet) -> Result<Worksheet, XlsxError> {
        if !s.columns.is_empty() {
            let last = col(s.columns.len() - 1);
            ws.set_freeze_panes(1, 0)?;
            ws.autofilter(0, 0, s.row.saturating_sub(1), last)?;
            for (c, w) in s.widths.iter().enumerate() {
                // Room for the autofilter button.
                let w = (w + 3).clamp(MIN_WIDTH, MAX_WIDTH);
                ws.set_column_width(col(c), w as f64)?;
            }
        }
        Ok(ws)
    }

    /// Closes the last sheet of an appendix; returns its sheet names and data row count.
    fn finish(&mut self, mut s: Sheet) -> Result<(Vec<String>, u64), XlsxError> {
        let ws = std::mem::replace(&mut s.ws, Worksheet::new());
        let ws = self.close(ws, &s)?;
        self.done.push(ws);
        Ok((s.names, s.data_rows))
    }
}

fn col(c: usize) -> ColNum {
    ColNum::try_from(c).unwrap_or(ColNum::MAX)
}

fn clip(t: &str) -> &str {
    match t.char_indices().nth(MAX_TEXT) {
        Some((i, _)) => &t[..i],
        None => t,
    }
}

/// Writes a text cell (nothing for an empty text); returns its width.
fn text(ws: &mut Worksheet, r: RowNum, c: ColNum, t: &str) -> Result<usize, XlsxError> {
    if t.is_empty() {
        return Ok(0);
    }
    let t = clip(t);
    ws.write_string(r, c, t)?;
    Ok(t.lines().map(|l| l.chars().count()).max().unwrap_or(0))
}

/// Length of an integer's digits once thousands separators are added.
fn grouped_len(digits: &str) -> usize {
    let n = digits.len();
    n + n.saturating_sub(1) / 3
}

/// A decimal string of the facts as a cell value and the number of decimals it carries.
/// The string is checked as a decimal first: the conversion to `f64` happens only here.
fn decimal(s: &str) -> Option<(f64, usize)> {
    let d = Decimal::from_str(s.trim()).ok()?;
    let value = s.trim().parse::<f64>().ok().filter(|v| v.is_finite())?;
    Some((value, d.scale() as usize))
}

fn write_appendix(
    book: &mut Book,
    s: &mut Sheet,
    f: &Facts,
    app: &Appendix,
) -> Result<(), XlsxError> {
    match app.code.as_str() {
        "01" if f.documents.is_some() => documents(book, s, f),
        "02" => criteria(book, s, f),
        "02a" => indicators(book, s, f),
        "03" if f.funding.is_some() => funding(book, s, f),
        "03a"
            if f.funding
                .as_ref()
                .is_some_and(|x| x.contributions.is_some()) =>
        {
            contributions(book, s, f)
        }
        "04" if f.disbursement.is_some() => disbursement(book, s, f, "investment"),
        "05" if f.disbursement.is_some() => disbursement(book, s, f, "recurrent"),
        "06" if f.plan.is_some() => plan(book, s, f),
        "07" if f.villages.is_some() => villages(book, s, f),
        _ => model_table(book, s, app),
    }
}

fn strings(cols: &[&str]) -> Vec<String> {
    cols.iter().map(|c| c.to_string()).collect()
}

fn documents(book: &mut Book, s: &mut Sheet, f: &Facts) -> Result<(), XlsxError> {
    book.header(
        s,
        strings(&[
            "STT",
            "Số, ký hiệu",
            "Ngày ban hành",
            "Cơ quan ban hành",
            "Loại văn bản",
            "Trích yếu nội dung",
        ]),
    )?;
    for (i, d) in f.documents.iter().flatten().enumerate() {
        book.row(
            s,
            &[
                count(i + 1),
                V::Text(&d.number),
                V::Date(&d.date),
                V::Text(&d.issuer),
                V::Text(&d.kind),
                V::Text(&d.title),
            ],
        )?;
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

fn criteria(book: &mut Book, s: &mut Sheet, f: &Facts) -> Result<(), XlsxError> {
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
    book.header(s, columns)?;
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
        book.row(s, &row)?;
    }
    Ok(())
}

fn indicators(book: &mut Book, s: &mut Sheet, f: &Facts) -> Result<(), XlsxError> {
    let meta: HashMap<&str, &IndicatorTotal> =
        f.indicators.iter().map(|i| (i.id.as_str(), i)).collect();
    book.header(
        s,
        strings(&[
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
        ]),
    )?;
    for c in &f.communes {
        for ind in &c.indicators {
            let m = meta.get(ind.id.as_str());
            let value = match ind.value.as_deref() {
                Some("met") => V::Flag(Some(true)),
                Some("not_met") => V::Flag(Some(false)),
                Some(x) => V::Dec(x),
                None => V::Empty,
            };
            book.row(
                s,
                &[
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
                ],
            )?;
        }
    }
    Ok(())
}

fn funding(book: &mut Book, s: &mut Sheet, f: &Facts) -> Result<(), XlsxError> {
    book.header(
        s,
        strings(&[
            "Mã nguồn",
            "Nguồn vốn",
            "Thuộc nguồn",
            "Cấp",
            "Số tiền (triệu đồng)",
        ]),
    )?;
    for src in f.funding.iter().flat_map(|x| &x.sources) {
        book.row(
            s,
            &[
                V::Text(&src.id),
                V::Text(&src.name),
                opt_text(&src.parent),
                count(src.depth),
                V::Dec(&src.amount),
            ],
        )?;
    }
    Ok(())
}

fn contributions(book: &mut Book, s: &mut Sheet, f: &Facts) -> Result<(), XlsxError> {
    book.header(
        s,
        strings(&[
            "Số hộ tham gia",
            "Diện tích đất hiến (m²)",
            "Ngày công lao động",
            "Giá trị quy đổi (triệu đồng)",
        ]),
    )?;
    if let Some(c) = f.funding.as_ref().and_then(|x| x.contributions.as_ref()) {
        let big =
            |n: Option<u64>| n.map_or(V::Empty, |n| V::Int(i64::try_from(n).unwrap_or(i64::MAX)));
        book.row(
            s,
            &[
                big(c.households),
                opt_dec(&c.land_m2),
                big(c.workdays),
                opt_dec(&c.value),
            ],
        )?;
    }
    Ok(())
}

fn disbursement(book: &mut Book, s: &mut Sheet, f: &Facts, kind: &str) -> Result<(), XlsxError> {
    book.header(
        s,
        strings(&[
            "STT",
            "Mã",
            "Nội dung",
            "Nguồn gốc",
            "Số dự án",
            "Kế hoạch vốn (triệu đồng)",
            "Đã giải ngân (triệu đồng)",
            "Tỷ lệ giải ngân (%)",
            "Ghi chú",
        ]),
    )?;
    let items = f.disbursement.iter().flat_map(|d| &d.items);
    for (k, i) in items.filter(|i| i.kind == kind).enumerate() {
        book.row(
            s,
            &[
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
            ],
        )?;
    }
    Ok(())
}

fn plan(book: &mut Book, s: &mut Sheet, f: &Facts) -> Result<(), XlsxError> {
    let Some(p) = &f.plan else { return Ok(()) };
    let next = p.year;
    book.header(
        s,
        vec![
            "STT".into(),
            "Mã xã".into(),
            "Tên xã".into(),
            format!("Số tiêu chí đạt năm {}", f.year),
            format!("Tiêu chí đăng ký năm {next}"),
            format!("Tiêu chí đăng ký đạt mới năm {next}"),
            "Số tiêu chí tăng thêm".into(),
            format!("Dự kiến số tiêu chí đạt năm {next}"),
            "Năm dự kiến đạt chuẩn NTM".into(),
        ],
    )?;
    let by_id: HashMap<&str, &crate::facts::PlanCommune> =
        p.communes.iter().map(|x| (x.id.as_str(), x)).collect();
    for (k, c) in f.communes.iter().enumerate() {
        let pc = by_id.get(c.id.as_str());
        book.row(
            s,
            &[
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
            ],
        )?;
    }
    Ok(())
}

fn villages(book: &mut Book, s: &mut Sheet, f: &Facts) -> Result<(), XlsxError> {
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
    book.header(s, columns)?;
    let mut k = 0;
    let mut met = BTreeSet::new();
    for c in &vf.by_commune {
        for v in &c.villages {
            k += 1;
            met.clear();
            met.extend(v.met.iter().copied());
            let mut row = vec![
                count(k),
                V::Text(&c.commune),
                V::Text(&v.id),
                V::Text(&v.name),
                V::Int(v.criteria_met.into()),
            ];
            row.extend(numbers.iter().map(|n| V::Flag(Some(met.contains(n)))));
            book.row(s, &row)?;
        }
    }
    Ok(())
}

/// An appendix this writer has no facts layout for: its model tables, as text.
fn model_table(book: &mut Book, s: &mut Sheet, app: &Appendix) -> Result<(), XlsxError> {
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
    book.header(s, first.columns.clone())?;
    for t in &tables {
        for r in &t.rows {
            let mut cells = Vec::with_capacity(width);
            for c in r {
                cells.push(V::Text(&c.text));
                cells.extend((1..c.colspan).map(|_| V::Empty));
            }
            book.row(s, &cells)?;
        }
    }
    Ok(())
}

/// The first sheet: one row per appendix (its sheets, title lines, report and unit), then
/// the totals the printed appendices show in their last rows.
fn info_sheet(
    book: &Book,
    f: &Facts,
    doc: &Document,
    infos: &[AppendixInfo],
) -> Result<Worksheet, XlsxError> {
    let mut ws = Worksheet::new();
    ws.set_name(INFO_SHEET)?;
    let columns = [
        "Phụ biểu",
        "Trang tính",
        "Tiêu đề",
        "Kèm theo",
        "Số báo cáo",
        "Ngày báo cáo",
        "Đơn vị",
        "Số dòng dữ liệu",
    ];
    let mut widths: Vec<usize> = columns.iter().map(|c| c.chars().count()).collect();
    let mut grow = |c: usize, w: usize| widths[c] = widths[c].max(w);
    for (c, name) in columns.iter().enumerate() {
        ws.write_string_with_format(0, col(c), *name, &book.header)?;
    }
    let unit = unit_name(f);
    let mut r: RowNum = 1;
    for a in infos {
        let cells = [
            V::Text(&a.code),
            V::Text(&a.sheets),
            V::Text(&a.title),
            V::Text(&a.subtitle),
            V::Text(&f.report.number),
            V::Date(&f.report.date),
            V::Text(&unit),
            V::Int(i64::try_from(a.rows).unwrap_or(i64::MAX)),
        ];
        for (c, v) in cells.iter().enumerate() {
            let w = book.cell(&mut ws, r, col(c), v)?;
            grow(c, w);
        }
        r += 1;
    }
    let last_appendix_row = r - 1;

    // The totals, one per row: what, value, unit, appendix.
    r += 1;
    for (c, name) in ["Số liệu tổng hợp", "Giá trị", "Đơn vị tính", "Phụ biểu"]
        .iter()
        .enumerate()
    {
        ws.write_string_with_format(r, col(c), *name, &book.header)?;
    }
    r += 1;
    for (what, value, unit, code) in totals(f, doc) {
        let cells = [V::Owned(what), value, V::Text(unit), V::Text(code)];
        for (c, v) in cells.iter().enumerate() {
            let w = book.cell(&mut ws, r, col(c), v)?;
            // The long labels of the totals share the first column with the short codes;
            // they are not allowed to widen it beyond a reading width.
            grow(c, if c == 0 { w.min(40) } else { w });
        }
        r += 1;
    }
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, last_appendix_row, col(columns.len() - 1))?;
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(col(c), (w + 3).clamp(MIN_WIDTH, MAX_WIDTH) as f64)?;
    }
    Ok(ws)
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
