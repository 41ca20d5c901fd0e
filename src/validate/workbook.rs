//! Workbooks (`.xlsx`, `.xlsm`, `.xls`, `.ods`) in a year folder, read as data: each sheet
//! is one of the folder's tables, found by its name. A sheet is turned into rows of cell
//! texts, written the way the same table's CSV would hold them, and then checked by the
//! same code as the CSV ([`super::table::Table::sheet`]); diagnostics name the sheet and the
//! cell.
//!
//! What a cell holds becomes text this way:
//! - text: as typed (Unicode NFC, line ends `\n`);
//! - a number: its decimal digits as Excel keeps them, to 15 significant digits (Excel
//!   stores a double and shows and compares 15 digits: `14.2` is `14.2`, the result
//!   `=0.1+0.2` is `0.3`); trailing zeros of the decimal part are not kept (`98.70` typed as
//!   a number is `98.7`; type it as text to keep them);
//! - a number formatted as a percentage (`92.5%`, held as 0.925): as shown, `92.5` (in
//!   `.xlsx` files; an `.ods` file does not tell its reader the format);
//! - a date: `YYYY-MM-DD` (with ` HH:MM:SS` when it has a time of day);
//! - `TRUE`/`FALSE`: `true`/`false`;
//! - a formula: the value last computed and saved with the file;
//! - an error value (`#DIV/0!`, `#N/A` …): an error at its cell.

use super::read_error;
use super::table::Table;
use crate::diagnostic::{Diagnostics, Hint, Message};
use crate::load::Files;
use crate::source::{Location, SourceFile};
use calamine::{Data, Reader};
use rust_decimal::Decimal;
use unicode_normalization::UnicodeNormalization;

/// The tables a sheet of a year's workbook can be, by its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum SheetKind {
    /// The long commune table, as `YEAR/communes.csv`.
    Communes,
    /// Declared criterion statuses, wide: a row per commune, a column per criterion.
    Criteria,
    /// Indicator and measure values, wide: a row per commune, a column per indicator.
    Indicators,
    /// Village statuses, as `YEAR/villages.csv`.
    Villages,
    /// Documents issued, as `YEAR/documents.csv`.
    Documents,
    /// Instructions for the person who fills the workbook: not data.
    Instructions,
    /// Last year's values shown for reference: not data.
    Reference,
}

/// Every sheet kind with its English name (the CSV table's file stem, where there is one)
/// and its Vietnamese name. Names are matched ignoring case and surrounding spaces.
pub const SHEET_NAMES: &[(SheetKind, &str, &str)] = &[
    (SheetKind::Communes, "communes", "Số liệu xã"),
    (SheetKind::Criteria, "criteria", "Tiêu chí"),
    (SheetKind::Indicators, "indicators", "Chỉ tiêu"),
    (SheetKind::Villages, "villages", "Thôn bản"),
    (SheetKind::Documents, "documents", "Văn bản"),
    (SheetKind::Instructions, "instructions", "Hướng dẫn"),
    (SheetKind::Reference, "reference", "Tham khảo"),
];

impl SheetKind {
    /// The kind of a sheet by its name.
    pub fn of(name: &str) -> Option<SheetKind> {
        let name = name.trim().to_lowercase();
        SHEET_NAMES
            .iter()
            .find(|(_, en, vi)| *en == name || vi.to_lowercase() == name)
            .map(|(k, _, _)| *k)
    }

    /// The Vietnamese sheet name.
    pub fn vi(self) -> &'static str {
        SHEET_NAMES
            .iter()
            .find(|(k, _, _)| *k == self)
            .map_or("", |(_, _, vi)| vi)
    }

    /// The English sheet name.
    pub fn en(self) -> &'static str {
        SHEET_NAMES
            .iter()
            .find(|(k, _, _)| *k == self)
            .map_or("", |(_, en, _)| en)
    }
}

/// One sheet: its rows of cell texts.
#[derive(Clone, Debug, Default)]
pub struct Sheet {
    /// The workbook's name as shown in diagnostics (`2023/nhap-lieu.xlsx`).
    pub file: String,
    /// The sheet's name as written in the workbook.
    pub name: String,
    /// The rows that have a cell with content, in order.
    pub rows: Vec<SheetRow>,
    /// Cells that hold an error value (`#DIV/0!`): 1-based row and column.
    pub errors: Vec<(usize, usize)>,
}

/// A row of a sheet.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SheetRow {
    /// The 1-based row number.
    pub row: usize,
    /// The cells' texts from column A on ("" for an empty cell).
    pub cells: Vec<String>,
    /// The 0-based columns whose cells held numbers: a header or an id typed as a number
    /// has lost its trailing zeros (`17.10` is `17.1`).
    pub numbers: Vec<usize>,
}

impl Sheet {
    /// The location of a cell (1-based row and column), with its content.
    pub fn location(&self, row: usize, col: usize) -> Location {
        let text = self
            .rows
            .binary_search_by_key(&row, |r| r.row)
            .ok()
            .and_then(|i| self.rows[i].cells.get(col.wrapping_sub(1)))
            .cloned()
            .unwrap_or_default();
        Location {
            file: self.file.clone(),
            line: row,
            col,
            line_text: text,
            caret: col,
            sheet: Some(self.name.clone()),
        }
    }

    /// The location of the sheet as a whole: its first cell with content.
    pub fn start(&self) -> Location {
        match self.rows.first() {
            Some(r) => {
                let col = r.cells.iter().position(|c| !c.is_empty()).unwrap_or(0);
                self.location(r.row, col + 1)
            }
            None => self.location(1, 1),
        }
    }
}

/// The sheets of a year's workbooks that are data, with the table each one is.
#[derive(Default)]
pub struct YearSheets {
    sheets: Vec<(SheetKind, Sheet)>,
}

impl YearSheets {
    /// Reads the workbooks of a year folder; a sheet whose name is no table's is reported
    /// and left out.
    pub fn read(files: &dyn Files, year: i32, diags: &mut Diagnostics) -> YearSheets {
        let mut sheets = Vec::new();
        for book in workbooks(files, &year.to_string(), diags) {
            for sheet in book {
                match SheetKind::of(&sheet.name) {
                    Some(SheetKind::Instructions | SheetKind::Reference) => {}
                    Some(kind) => sheets.push((kind, sheet)),
                    None => {
                        let message = Message::UnknownSheet {
                            sheet: sheet.name.clone(),
                        };
                        let names: Vec<String> = SHEET_NAMES
                            .iter()
                            .map(|(_, en, vi)| format!("\"{vi}\" ({en})"))
                            .collect();
                        diags.warning_in(Some(&sheet.file), message).hint =
                            Some(Hint::SheetNames {
                                names: names.join(", "),
                            });
                    }
                }
            }
        }
        YearSheets { sheets }
    }

    /// The sheets of a kind, in the order of the workbooks' names and of their sheets.
    pub fn of(&self, kind: SheetKind) -> impl Iterator<Item = &Sheet> {
        self.sheets
            .iter()
            .filter(move |(k, _)| *k == kind)
            .map(|(_, s)| s)
    }

    /// The one table of a kind that may be given once: its CSV file (`csv`) or a sheet.
    /// Every further one is an error that names the first.
    pub fn single(
        &self,
        kind: SheetKind,
        csv: Option<SourceFile>,
        diags: &mut Diagnostics,
    ) -> Option<Input<'_>> {
        let mut first: Option<Input> = csv.map(Input::Csv);
        for sheet in self.of(kind) {
            match &first {
                None => first = Some(Input::Sheet(sheet)),
                Some(f) => {
                    let message = Message::TableGivenTwice {
                        table: kind.en().to_string(),
                        first: f.file().to_string(),
                        first_sheet: f.sheet_name().map(str::to_string),
                    };
                    diags.error(&sheet.start(), message);
                }
            }
        }
        first
    }
}

/// A table to read: a CSV file or a sheet.
pub enum Input<'a> {
    Csv(SourceFile),
    Sheet(&'a Sheet),
}

impl Input<'_> {
    /// Opens the table (see [`Table::open`] and [`Table::sheet`]).
    pub fn open(
        &self,
        required: &[&str],
        optional: &[&str],
        aliases: &[(&str, &str)],
        diags: &mut Diagnostics,
    ) -> Option<Table<'_>> {
        match self {
            Input::Csv(src) => Table::open(src, required, optional, diags),
            Input::Sheet(sheet) => Some(Table::sheet(sheet, required, optional, aliases, diags)),
        }
    }

    /// The file's name.
    pub fn file(&self) -> &str {
        match self {
            Input::Csv(src) => &src.name,
            Input::Sheet(sheet) => &sheet.file,
        }
    }

    /// The sheet's name, for a sheet.
    pub fn sheet_name(&self) -> Option<&str> {
        match self {
            Input::Csv(_) => None,
            Input::Sheet(sheet) => Some(&sheet.name),
        }
    }
}

/// Whether a file name is a workbook's: `.xlsx`, `.xlsm`, `.xls` or `.ods`, and not the
/// lock file an office program keeps beside an open workbook (`~$…`, `.~lock.…#`).
pub fn is_workbook(name: &str) -> bool {
    let lower = name.to_lowercase();
    let ext = [".xlsx", ".xlsm", ".xls", ".ods"];
    ext.iter().any(|e| lower.ends_with(e)) && !name.starts_with("~$") && !name.starts_with(".~")
}

/// The workbooks of a folder (sorted by name), each read into its sheets; a workbook that
/// cannot be read is reported.
pub fn workbooks(files: &dyn Files, dir: &str, diags: &mut Diagnostics) -> Vec<Vec<Sheet>> {
    let mut out = Vec::new();
    for name in super::list(files, dir, diags) {
        if !is_workbook(&name) {
            continue;
        }
        let rel = format!("{dir}/{name}");
        match files.read_bytes(&rel) {
            Ok(Some(bytes)) => match read(&rel, bytes) {
                Ok(sheets) => out.push(sheets),
                Err(message) => {
                    diags.error_in(Some(&rel), *message);
                }
            },
            Ok(None) => {}
            Err(e) => read_error(&rel, e, diags),
        }
    }
    out
}

/// The most bytes the parts of a workbook's package (`.xlsx`, `.ods`: a zip) may unpack to,
/// counted as they are unpacked (the sizes a package declares are not trusted). A workbook
/// of 10,000 communes' data unpacks to a few MB; a "zip bomb" of a few KB to gigabytes.
pub const MAX_UNPACKED_BYTES: u64 = 256 << 20;

/// The most parts a workbook's package may hold (a workbook of data has a dozen).
pub const MAX_PARTS: usize = 10_000;

/// The most sheets a workbook may have (each is looked up and read; a few bytes can name the
/// same sheet a hundred thousand times).
pub const MAX_SHEETS: usize = 1_000;

/// The most cells a sheet may span, from its first row and column with content to its last
/// (the reader holds the whole rectangle): 10 million, a thousand times a large table.
pub const MAX_SHEET_CELLS: u64 = 10_000_000;

/// Excel's grid: 1,048,576 rows and 16,384 columns (A … XFD). A cell beyond it is damage.
const MAX_ROWS: u32 = 1 << 20;
const MAX_COLUMNS: u32 = 1 << 14;

/// Reads every sheet of a workbook's bytes; `Err` with the message to report when the bytes
/// are no workbook, or one too large to be a table of data (see [`MAX_UNPACKED_BYTES`],
/// [`MAX_PARTS`], [`MAX_SHEET_CELLS`]): nothing of such a workbook is read.
pub fn read(file: &str, bytes: Vec<u8>) -> Result<Vec<Sheet>, Box<Message>> {
    let unreadable = |e: &dyn std::fmt::Display| {
        Box::new(Message::UnreadableWorkbook {
            detail: e.to_string(),
        })
    };
    check_package(&bytes)?;
    let percent = may_show_percentages(&bytes);
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes))
        .map_err(|e| unreadable(&e))?;
    let names = book.sheet_names();
    if names.len() > MAX_SHEETS {
        return Err(too_large());
    }
    let mut sheets = Vec::new();
    for name in names {
        let range = match &mut book {
            // Read cell by cell, so that the extent is known before the rectangle is made.
            calamine::Sheets::Xlsx(x) => xlsx_range(x, &name)?,
            book => book.worksheet_range(&name).map_err(|e| unreadable(&e))?,
        };
        check_extent(&name, range.start(), range.end())?;
        // Number formats, to read a percentage as shown (only .xlsx files give them). Reading
        // them costs a second pass over the sheet: only when some format is a percentage.
        let styles = match percent {
            true => book.worksheet_style(&name).ok(),
            false => None,
        };
        let styles = styles.unwrap_or_else(calamine::StyleRange::empty);
        sheets.push(sheet(file, &name, &range, &styles));
    }
    Ok(sheets)
}

/// The message for a workbook over [`MAX_UNPACKED_BYTES`], [`MAX_PARTS`] or [`MAX_SHEETS`].
fn too_large() -> Box<Message> {
    Box::new(Message::WorkbookTooLarge {
        limit_mb: MAX_UNPACKED_BYTES >> 20,
        parts: MAX_PARTS,
        sheets: MAX_SHEETS,
    })
}

/// Unpacks every part of a zip package (an `.xlsx` or `.ods` file) without keeping it, and
/// refuses a package that holds more than [`MAX_PARTS`] parts or unpacks to more than
/// [`MAX_UNPACKED_BYTES`]. Bytes that are no zip are left to the workbook reader to refuse.
fn check_package(bytes: &[u8]) -> Result<(), Box<Message>> {
    use std::io::Read;
    let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        return Ok(());
    };
    if zip.len() > MAX_PARTS {
        return Err(too_large());
    }
    let mut left = MAX_UNPACKED_BYTES;
    for i in 0..zip.len() {
        let Ok(part) = zip.by_index(i) else {
            continue;
        };
        let unpacked = std::io::copy(&mut part.take(left + 1), &mut std::io::sink()).unwrap_or(0);
        left = match left.checked_sub(unpacked) {
            Some(l) => l,
            None => return Err(too_large()),
        };
    }
    Ok(())
}

/// A sheet of an `.xlsx` file as a range, read cell by cell: a cell beyond Excel's grid, or
/// a sheet whose cells span more than [`MAX_SHEET_CELLS`], is refused before the range's
/// rectangle is made (a few bytes can name the cells A1 and XFD1048576).
fn xlsx_range<RS: std::io::Read + std::io::Seek>(
    book: &mut calamine::Xlsx<RS>,
    name: &str,
) -> Result<calamine::Range<Data>, Box<Message>> {
    let unreadable = |e: calamine::XlsxError| {
        Box::new(Message::UnreadableWorkbook {
            detail: calamine::Error::Xlsx(e).to_string(),
        })
    };
    let mut reader = match book.worksheet_cells_reader(name) {
        Ok(r) => r,
        // A chart sheet or a macro sheet: no cells (as the reader's own range gives).
        Err(calamine::XlsxError::NotAWorksheet(_)) => return Ok(calamine::Range::default()),
        Err(e) => return Err(unreadable(e)),
    };
    let mut cells = Vec::new();
    let (mut start, mut end) = ((u32::MAX, u32::MAX), (0, 0));
    while let Some(cell) = reader.next_cell().map_err(unreadable)? {
        if matches!(cell.get_value(), calamine::DataRef::Empty) {
            continue;
        }
        let (r, c) = cell.get_position();
        (start, end) = (
            (start.0.min(r), start.1.min(c)),
            (end.0.max(r), end.1.max(c)),
        );
        check_extent(name, Some(start), Some(end))?;
        cells.push(calamine::Cell::new(
            (r, c),
            Data::from(cell.get_value().clone()),
        ));
    }
    Ok(calamine::Range::from_sparse(cells))
}

/// A cell's name from its 0-based row and column.
fn cell_at((row, col): (u32, u32)) -> String {
    crate::source::cell_name(row as usize + 1, col as usize + 1)
}

/// Refuses a sheet with a cell beyond Excel's grid or spanning more than
/// [`MAX_SHEET_CELLS`] cells.
fn check_extent(
    name: &str,
    start: Option<(u32, u32)>,
    end: Option<(u32, u32)>,
) -> Result<(), Box<Message>> {
    let (Some(start), Some(end)) = (start, end) else {
        return Ok(());
    };
    let rows = u64::from(end.0.saturating_sub(start.0)) + 1;
    let cols = u64::from(end.1.saturating_sub(start.1)) + 1;
    if end.0 >= MAX_ROWS || end.1 >= MAX_COLUMNS || rows * cols > MAX_SHEET_CELLS {
        return Err(Box::new(Message::SheetTooLarge {
            sheet: normal(name),
            range: format!("{}:{}", cell_at(start), cell_at(end)),
            limit: MAX_SHEET_CELLS,
        }));
    }
    Ok(())
}

/// Whether an `.xlsx` package may format a cell as a percentage: its styles part has a
/// format code with `%`, or uses Excel's built-in percentage formats (ids 9 and 10). Other
/// files (`.ods`, `.xls`) give their reader no formats: false.
fn may_show_percentages(bytes: &[u8]) -> bool {
    let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        return false;
    };
    let Ok(mut part) = zip.by_name("xl/styles.xml") else {
        return false;
    };
    let mut xml = String::new();
    if std::io::Read::read_to_string(&mut part, &mut xml).is_err() {
        return true;
    }
    let codes = xml.split("formatCode=\"").skip(1);
    let coded = codes
        .filter_map(|c| c.split('"').next())
        .any(|c| c.contains('%'));
    coded || xml.contains("numFmtId=\"9\"") || xml.contains("numFmtId=\"10\"")
}

/// Whether a cell's number format shows its number as a percentage (`0.0%`).
fn is_percent(styles: &calamine::StyleRange, pos: (u32, u32)) -> bool {
    let format = styles.get(pos).and_then(|s| s.number_format.as_ref());
    format.is_some_and(|f| {
        // A `%` outside quoted text and escapes of the format code.
        let mut quoted = false;
        let mut escaped = false;
        f.format_code.chars().any(|c| {
            let percent = c == '%' && !quoted && !escaped;
            escaped = c == '\\' && !escaped;
            if c == '"' {
                quoted = !quoted;
            }
            percent
        })
    })
}

/// How many rows with content, from the top, may hold a sheet's headers (title rows may
/// come first).
pub const HEADER_ROWS: usize = 10;

/// A sheet from the range of cells the workbook holds.
fn sheet(
    file: &str,
    name: &str,
    range: &calamine::Range<Data>,
    styles: &calamine::StyleRange,
) -> Sheet {
    let mut out = Sheet {
        file: file.to_string(),
        name: normal(name),
        ..Sheet::default()
    };
    let Some((row0, col0)) = range.start() else {
        return out;
    };
    for (r, cells) in range.rows().enumerate() {
        let row = row0 as usize + r + 1;
        if cells.iter().all(|c| matches!(c, Data::Empty)) {
            continue;
        }
        let mut texts = vec![String::new(); col0 as usize];
        let mut numbers = Vec::new();
        for (c, cell) in cells.iter().enumerate() {
            let col = col0 as usize + c;
            let pos = (row as u32 - 1, col as u32);
            if matches!(cell, Data::Error(_)) {
                out.errors.push((row, col + 1));
            }
            let value = match cell {
                Data::Float(f) => Some(*f),
                Data::Int(i) => Some(*i as f64),
                _ => None,
            };
            if value.is_some() {
                numbers.push(col);
            }
            match value {
                Some(v) if is_percent(styles, pos) => texts.push(percent(v)),
                _ => texts.push(text(cell)),
            }
        }
        while texts.last().is_some_and(String::is_empty) {
            texts.pop();
        }
        out.rows.push(SheetRow {
            row,
            cells: texts,
            numbers,
        });
    }
    out
}

/// Text as the rest of the program reads it: NFC, `\n` line ends.
fn normal(text: &str) -> String {
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    };
    if unicode_normalization::is_nfc(&text) {
        text
    } else {
        text.nfc().collect()
    }
}

/// A cell's content as text (see the module's documentation).
pub fn text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => normal(s),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number(*f),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) if d.is_duration() => number(d.as_f64()),
        Data::DateTime(d) => {
            let (y, mo, da, h, mi, s, ms) = d.to_ymd_hms_milli();
            if (h, mi, s, ms) == (0, 0, 0, 0) {
                format!("{y:04}-{mo:02}-{da:02}")
            } else {
                format!("{y:04}-{mo:02}-{da:02} {h:02}:{mi:02}:{s:02}")
            }
        }
        Data::DateTimeIso(s) => {
            let s = s.trim();
            s.strip_suffix("T00:00:00").unwrap_or(s).replace('T', " ")
        }
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
    }
}

/// A number cell's decimal digits: the double rounded to the 15 significant digits Excel
/// keeps, without trailing zeros.
pub fn number(f: f64) -> String {
    match Decimal::from_f64_retain(f) {
        Some(d) => d.round_sf(15).unwrap_or(d).normalize().to_string(),
        None => f.to_string(),
    }
}

/// A number cell formatted as a percentage, as it is shown: 0.925 shown as 92.5% is
/// `92.5`.
pub fn percent(f: f64) -> String {
    match Decimal::from_f64_retain(f) {
        Some(d) => {
            let d = d.round_sf(15).unwrap_or(d) * Decimal::ONE_HUNDRED;
            d.normalize().to_string()
        }
        None => (f * 100.0).to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keep_the_digits_excel_shows() {
        assert_eq!(number(14.2), "14.2");
        assert_eq!(number(0.1 + 0.2), "0.3");
        assert_eq!(number(1761.0), "1761");
        assert_eq!(number(-2.5), "-2.5");
        assert_eq!(number(0.0), "0");
        assert_eq!(number(98.70), "98.7");
        assert_eq!(number(123456789012345.0), "123456789012345");
        assert_eq!(number(0.000123), "0.000123");
        assert_eq!(number(46.300000000000004), "46.3");
        assert_eq!(percent(0.925), "92.5");
        assert_eq!(percent(1.0), "100");
        assert_eq!(percent(0.1 + 0.2), "30");
    }

    #[test]
    fn sheet_names_in_both_languages() {
        assert_eq!(SheetKind::of("documents"), Some(SheetKind::Documents));
        assert_eq!(SheetKind::of(" Văn bản "), Some(SheetKind::Documents));
        assert_eq!(SheetKind::of("TIÊU CHÍ"), Some(SheetKind::Criteria));
        assert_eq!(SheetKind::of("Sheet1"), None);
    }

    #[test]
    fn lock_files_are_no_workbooks() {
        assert!(is_workbook("nhap-lieu.xlsx"));
        assert!(is_workbook("NHAP.ODS"));
        assert!(!is_workbook("~$nhap-lieu.xlsx"));
        assert!(!is_workbook(".~lock.nhap-lieu.ods#"));
        assert!(!is_workbook("documents.csv"));
    }
}
