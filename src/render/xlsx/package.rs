//! The xlsx package (SpreadsheetML in a zip), written by hand as a stream: worksheets go
//! row by row straight into the zip's deflate stream, strings into a shared string table
//! written last. No object model, no temporary file: time is linear in the number of
//! cells and memory holds only the distinct strings and the compressed output.
//!
//! The parts and their XML follow what rust_xlsxwriter writes for the same workbook
//! (styles, theme, workbook views, page margins), so the workbook reads the same in Excel,
//! LibreOffice and calamine. Zip entries come in a fixed order with fixed timestamps.

use super::theme::THEME;
use super::{V, clip, decimal, decimal_text, excel_date};
use rust_xlsxwriter::utility::quote_sheet_name;
use rustc_hash::FxHashMap;
use std::fmt::Write as _;
use std::io::{Seek, Write};
use zip::ZipWriter;
use zip::write::SimpleFileOptions;

pub use crate::render::ooxml::Error;
use crate::render::ooxml::{self, Escape};
/// Bytes of XML gathered before they are handed to the compressor.
const CHUNK: usize = 1 << 18;

/// Cell styles: indices into `cellXfs` of `xl/styles.xml` (see [`styles`]).
const BOLD: u32 = 1;
/// `#,##0`, `#,##0.0`, … `#,##0.000000`: `DECIMALS + n`.
const DECIMALS: u32 = 2;
const CHANGE: u32 = 9;
const YEAR: u32 = 10;
const DATE: u32 = 11;
/// 1/0 shown as "Đạt" / "Chưa đạt", and as "Có" / "Không".
const MET: u32 = 12;
const APPLIES: u32 = 13;

/// A sheet of the workbook, as listed in `xl/workbook.xml`.
struct Entry {
    name: String,
    /// The autofilter range ("A1:M58001"), if any.
    filter: Option<String>,
    /// Whether its first row is repeated at the top of every printed page.
    print_titles: bool,
}

/// The layout of one worksheet, known before its rows are written.
pub(super) struct Layout<'a> {
    pub name: &'a str,
    /// Number of columns of the header row; 0 for a sheet without a table.
    pub columns: usize,
    /// Column widths in characters (already clamped).
    pub widths: &'a [usize],
    /// Last row (1-based) holding cells.
    pub last_row: u32,
    /// Last row (1-based) of the autofilter; the header row is frozen when there is one.
    pub filter_last_row: Option<u32>,
    /// Printed on landscape pages (a wide table); portrait otherwise. Either way the sheet
    /// is printed on A4, scaled to the page's width, its header row on every page.
    pub landscape: bool,
    /// The deepest outline level of its rows (0: no grouped rows).
    pub outline: u8,
}

/// The workbook being written.
pub(super) struct Package<W: Write + Seek> {
    zip: ZipWriter<W>,
    options: SimpleFileOptions,
    sheets: Vec<Entry>,
    sst: Sst,
    buf: Vec<u8>,
    /// The last text written in each column of the current sheet and its string index:
    /// consecutive rows often repeat a text (the commune of indicator rows).
    last_text: Vec<(String, u32)>,
    /// Column letters of the current sheet ("A", "B", … "AA").
    letters: Vec<String>,
    /// The column a cell of the current row without a reference would land in: the one
    /// after the last cell written.
    next_col: usize,
    /// The text of the decimal being written.
    scratch: String,
    /// Per column of the current sheet, the first and last row holding a text that reads
    /// as a number ("17.10", "01"): Excel is told not to flag them (`ignoredErrors`).
    numeric_text: Vec<Option<(u32, u32)>>,
    /// The page orientation of the current sheet.
    landscape: bool,
}

impl<W: Write + Seek> Package<W> {
    /// A workbook written into `sink`.
    pub fn new(sink: W) -> Self {
        let options = ooxml::zip_options();
        Package {
            zip: ZipWriter::new(sink),
            options,
            sheets: Vec::new(),
            sst: Sst::default(),
            buf: Vec::with_capacity(CHUNK + 4096),
            last_text: Vec::new(),
            letters: Vec::new(),
            next_col: 0,
            scratch: String::new(),
            numeric_text: Vec::new(),
            landscape: false,
        }
    }

    /// Starts the next worksheet part: everything before its first row.
    pub fn begin_sheet(&mut self, l: &Layout) -> Result<(), Error> {
        let index = self.sheets.len() + 1;
        self.zip
            .start_file(format!("xl/worksheets/sheet{index}.xml"), self.options)?;
        let filter = match (l.columns, l.filter_last_row) {
            (0, _) | (_, None) => None,
            (n, Some(r)) => Some(format!("A1:{}{}", column_letters(n - 1), r.max(1))),
        };
        self.letters = (0..l.columns.max(1)).map(column_letters).collect();
        self.last_text.clear();
        self.numeric_text.clear();
        self.landscape = l.landscape;
        let b = &mut self.buf;
        b.extend_from_slice(XML_DECL.as_bytes());
        b.extend_from_slice(
            b"<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" \
xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">",
        );
        // Outline groups have their summary row above them (a criterion before its
        // indicators, a source before its parts); printing fits the width of one page.
        b.extend_from_slice(b"<sheetPr>");
        if l.outline > 0 {
            b.extend_from_slice(b"<outlinePr summaryBelow=\"0\"/>");
        }
        b.extend_from_slice(b"<pageSetUpPr fitToPage=\"1\"/></sheetPr>");
        if l.columns == 0 || l.last_row == 0 {
            b.extend_from_slice(b"<dimension ref=\"A1\"/>");
        } else {
            let last = column_letters(l.columns - 1);
            let _ = write!(Fmt(b), "<dimension ref=\"A1:{last}{}\"/>", l.last_row);
        }
        let selected = if index == 1 { " tabSelected=\"1\"" } else { "" };
        let _ = write!(
            Fmt(b),
            "<sheetViews><sheetView{selected} workbookViewId=\"0\""
        );
        if filter.is_some() {
            b.extend_from_slice(
                b"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" \
state=\"frozen\"/><selection pane=\"bottomLeft\"/></sheetView></sheetViews>",
            );
        } else {
            b.extend_from_slice(b"/></sheetViews>");
        }
        if l.outline > 0 {
            let _ = write!(
                Fmt(b),
                "<sheetFormatPr defaultRowHeight=\"15.75\" outlineLevelRow=\"{}\"/>",
                l.outline
            );
        } else {
            b.extend_from_slice(b"<sheetFormatPr defaultRowHeight=\"15.75\"/>");
        }
        if !l.widths.is_empty() {
            b.extend_from_slice(b"<cols>");
            // Adjacent columns of the same width share one <col> element.
            let mut c = 0;
            while c < l.widths.len() {
                let w = l.widths[c];
                let mut last = c;
                while last + 1 < l.widths.len() && l.widths[last + 1] == w {
                    last += 1;
                }
                // Excel's width of `w` characters of Times New Roman 12: (8w + 5) px, stored as
                // characters in 1/256ths, which is w + 160/256.
                let _ = write!(
                    Fmt(b),
                    "<col min=\"{}\" max=\"{}\" width=\"{w}.625\" customWidth=\"1\"/>",
                    c + 1,
                    last + 1
                );
                c = last + 1;
            }
            b.extend_from_slice(b"</cols>");
        }
        b.extend_from_slice(b"<sheetData>");
        self.sheets.push(Entry {
            name: l.name.to_string(),
            print_titles: filter.is_some(),
            filter,
        });
        Ok(())
    }

    /// Ends the current worksheet part.
    pub fn end_sheet(&mut self) -> Result<(), Error> {
        let filter = self.sheets.last().and_then(|s| s.filter.clone());
        let b = &mut self.buf;
        b.extend_from_slice(b"</sheetData>");
        if let Some(f) = filter {
            let _ = write!(Fmt(b), "<autoFilter ref=\"{f}\"/>");
        }
        b.extend_from_slice(
            b"<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" \
header=\"0.3\" footer=\"0.3\"/>",
        );
        // A4 (paperSize 9), as wide as one page and as long as it takes.
        let orientation = if self.landscape {
            "landscape"
        } else {
            "portrait"
        };
        let _ = write!(
            Fmt(b),
            "<pageSetup paperSize=\"9\" orientation=\"{orientation}\" fitToWidth=\"1\" \
fitToHeight=\"0\"/><headerFooter><oddFooter>&amp;CTrang &amp;P/&amp;N</oddFooter></headerFooter>"
        );
        let ranges: Vec<String> = self
            .numeric_text
            .iter()
            .enumerate()
            .filter_map(|(c, r)| {
                let (first, last) = (*r)?;
                let col = column_letters(c);
                Some(if first == last {
                    format!("{col}{first}")
                } else {
                    format!("{col}{first}:{col}{last}")
                })
            })
            .collect();
        if !ranges.is_empty() {
            let _ = write!(
                Fmt(b),
                "<ignoredErrors><ignoredError sqref=\"{}\" numberStoredAsText=\"1\"/></ignoredErrors>",
                ranges.join(" ")
            );
        }
        b.extend_from_slice(b"</worksheet>");
        self.flush()
    }

    /// A header row: bold text cells, written even when empty.
    pub fn header_row(&mut self, r: u32, names: &[String]) -> Result<(), Error> {
        let mut digits = itoa::Buffer::new();
        let row = digits.format(r);
        let _ = write!(Fmt(&mut self.buf), "<row r=\"{row}\">");
        self.next_col = 0;
        for (c, name) in names.iter().enumerate() {
            let i = self.sst.index(clip(name));
            self.sst.count += 1;
            self.cell_start(c, row, BOLD, Some("s"));
            self.value_u64(u64::from(i));
        }
        self.buf.extend_from_slice(b"</row>");
        self.maybe_flush()
    }

    /// A data row; empty values leave no cell, a row without cells leaves no row.
    pub fn row(&mut self, r: u32, cells: &[V]) -> Result<(), Error> {
        self.row_at(r, cells, 0)
    }

    /// A data row at an outline level (0: not grouped; 1: a part of the row above it at
    /// level 0, …).
    pub fn row_at(&mut self, r: u32, cells: &[V], level: u8) -> Result<(), Error> {
        let mut digits = itoa::Buffer::new();
        let row = digits.format(r);
        let start = self.buf.len();
        if level > 0 {
            let _ = write!(
                Fmt(&mut self.buf),
                "<row r=\"{row}\" outlineLevel=\"{level}\">"
            );
        } else {
            let _ = write!(Fmt(&mut self.buf), "<row r=\"{row}\">");
        }
        self.next_col = 0;
        let open = self.buf.len();
        for (c, v) in cells.iter().enumerate() {
            self.cell(c, r, row, v);
        }
        if self.buf.len() == open {
            self.buf.truncate(start);
        } else {
            self.buf.extend_from_slice(b"</row>");
        }
        self.maybe_flush()
    }

    fn cell(&mut self, c: usize, r: u32, row: &str, v: &V) {
        match v {
            V::Empty | V::Flag(None) | V::Met(None) => {}
            V::Met(Some(b)) => self.flag(c, row, MET, *b),
            V::Applies(b) => self.flag(c, row, APPLIES, *b),
            V::Text(t) => self.text_cell(c, r, row, t),
            V::Owned(t) => self.text_cell(c, r, row, t),
            V::Int(n) => self.int(c, row, DECIMALS, *n),
            V::Change(n) => self.int(c, row, CHANGE, *n),
            V::Year(n) => self.int(c, row, YEAR, *n),
            V::Flag(Some(b)) => {
                self.cell_start(c, row, 0, None);
                self.buf.push(if *b { b'1' } else { b'0' });
                self.buf.extend_from_slice(b"</v></c>");
            }
            V::Dec(d) => {
                let mut text = std::mem::take(&mut self.scratch);
                decimal_text(*d, &mut text);
                self.dec(c, row, &text);
                self.scratch = text;
            }
            V::Date(d) => match excel_date(*d) {
                Some(x) => {
                    self.cell_start(c, row, DATE, None);
                    self.value_f64(x.to_excel());
                }
                None => self.text(c, row, &d.to_string()),
            },
        }
    }

    /// A text cell of a data row, noted when it reads as a number.
    fn text_cell(&mut self, c: usize, r: u32, row: &str, t: &str) {
        if reads_as_number(t) {
            if self.numeric_text.len() <= c {
                self.numeric_text.resize(c + 1, None);
            }
            let slot = &mut self.numeric_text[c];
            *slot = Some(slot.map_or((r, r), |(first, _)| (first, r)));
        }
        self.text(c, row, t);
    }

    fn text(&mut self, c: usize, row: &str, t: &str) {
        if t.is_empty() {
            return;
        }
        if self.last_text.len() <= c {
            self.last_text
                .resize_with(c + 1, || (String::new(), u32::MAX));
        }
        let i = match &self.last_text[c] {
            (last, i) if *i != u32::MAX && last == t => *i,
            _ => {
                let i = self.sst.index(clip(t));
                let slot = &mut self.last_text[c];
                slot.0.clear();
                slot.0.push_str(t);
                slot.1 = i;
                i
            }
        };
        self.sst.count += 1;
        self.cell_start(c, row, 0, Some("s"));
        self.value_u64(u64::from(i));
    }

    /// A 1/0 cell in a style that shows it in words.
    fn flag(&mut self, c: usize, row: &str, style: u32, b: bool) {
        self.cell_start(c, row, style, None);
        self.buf.push(if b { b'1' } else { b'0' });
        self.buf.extend_from_slice(b"</v></c>");
    }

    fn int(&mut self, c: usize, row: &str, style: u32, n: i64) {
        self.cell_start(c, row, style, None);
        // Cells hold doubles: integers beyond 2^53 are written as the double they become.
        if n.unsigned_abs() <= 1 << 53 {
            if n < 0 {
                self.buf.push(b'-');
            }
            self.value_u64(n.unsigned_abs());
        } else {
            self.value_f64(n as f64);
        }
    }

    fn dec(&mut self, c: usize, row: &str, s: &str) {
        match decimal(s) {
            Some((value, scale)) => {
                let style = DECIMALS + u32::try_from(scale.min(super::MAX_DECIMALS)).unwrap_or(0);
                self.cell_start(c, row, style, None);
                value.write(&mut self.buf);
                self.buf.extend_from_slice(b"</v></c>");
            }
            None => self.text(c, row, s),
        }
    }

    /// `<c r="B7" s="2" t="s"><v>`.
    fn cell_start(&mut self, c: usize, row: &str, style: u32, kind: Option<&str>) {
        if self.letters.len() <= c {
            self.letters
                .extend((self.letters.len()..=c).map(column_letters));
        }
        let b = &mut self.buf;
        // A cell right after the previous one needs no reference ("C4"): readers place it in
        // the next column, as SpreadsheetML allows. Only a cell after a gap says where it is.
        b.extend_from_slice(b"<c");
        if c != self.next_col {
            b.extend_from_slice(b" r=\"");
            b.extend_from_slice(self.letters[c].as_bytes());
            b.extend_from_slice(row.as_bytes());
            b.push(b'"');
        }
        self.next_col = c + 1;
        if style > 0 {
            b.extend_from_slice(b" s=\"");
            b.extend_from_slice(itoa::Buffer::new().format(style).as_bytes());
            b.push(b'"');
        }
        if let Some(k) = kind {
            b.extend_from_slice(b" t=\"");
            b.extend_from_slice(k.as_bytes());
            b.push(b'"');
        }
        b.extend_from_slice(b"><v>");
    }

    fn value_u64(&mut self, n: u64) {
        self.buf
            .extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
        self.buf.extend_from_slice(b"</v></c>");
    }

    fn value_f64(&mut self, x: f64) {
        let _ = write!(Fmt(&mut self.buf), "{x}");
        self.buf.extend_from_slice(b"</v></c>");
    }

    fn maybe_flush(&mut self) -> Result<(), Error> {
        if self.buf.len() >= CHUNK {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<(), Error> {
        self.zip.write_all(&self.buf)?;
        self.buf.clear();
        Ok(())
    }

    /// Writes the other parts and the zip's directory, and returns the sink.
    pub fn finish(mut self, props: &Properties) -> Result<W, Error> {
        self.zip.start_file("xl/sharedStrings.xml", self.options)?;
        self.sst.write(&mut self.buf, &mut self.zip)?;
        self.flush()?;
        let n = self.sheets.len();
        let parts: [(&str, String); 8] = [
            ("[Content_Types].xml", content_types(n)),
            ("_rels/.rels", PACKAGE_RELS.to_string()),
            ("xl/_rels/workbook.xml.rels", workbook_rels(n)),
            ("xl/theme/theme1.xml", THEME.to_string()),
            ("xl/styles.xml", styles()),
            ("xl/workbook.xml", workbook(&self.sheets)),
            ("docProps/core.xml", core(props)),
            ("docProps/app.xml", app(props, &self.sheets)),
        ];
        for (name, text) in &parts {
            self.zip.start_file(*name, self.options)?;
            self.zip.write_all(text.as_bytes())?;
        }
        self.zip.finish()
    }
}

/// The document properties.
pub(super) struct Properties {
    pub title: String,
    pub subject: String,
    pub author: String,
    pub company: String,
    /// "2024-01-05T00:00:00Z".
    pub created: String,
}

/// A decimal value ready to be written: the digits of the facts, normalised, or a double.
pub(super) enum Number<'a> {
    /// Sign, integer digits without leading zeros, decimals without trailing zeros: the
    /// same text as the shortest form of the double the string parses to.
    Plain {
        negative: bool,
        int: &'a str,
        frac: &'a str,
    },
    Float(f64),
}

impl Number<'_> {
    pub(super) fn write(&self, b: &mut Vec<u8>) {
        match self {
            Number::Plain {
                negative,
                int,
                frac,
            } => {
                if *negative {
                    b.push(b'-');
                }
                b.extend_from_slice(if int.is_empty() { b"0" } else { int.as_bytes() });
                if !frac.is_empty() {
                    b.push(b'.');
                    b.extend_from_slice(frac.as_bytes());
                }
            }
            Number::Float(x) => {
                let _ = write!(Fmt(b), "{x}");
            }
        }
    }
}

/// The shared string table, in order of first use.
#[derive(Default)]
struct Sst {
    map: FxHashMap<Box<str>, u32>,
    /// Number of text cells (the `count` of `<sst>`).
    count: u64,
}

impl Sst {
    fn index(&mut self, t: &str) -> u32 {
        if let Some(i) = self.map.get(t) {
            return *i;
        }
        let i = u32::try_from(self.map.len()).unwrap_or(u32::MAX);
        self.map.insert(t.into(), i);
        i
    }

    fn write<W: Write>(&self, b: &mut Vec<u8>, out: &mut W) -> Result<(), Error> {
        let mut strings: Vec<(&str, u32)> = self.map.iter().map(|(s, i)| (&**s, *i)).collect();
        strings.sort_unstable_by_key(|x| x.1);
        b.extend_from_slice(XML_DECL.as_bytes());
        let _ = write!(
            Fmt(b),
            "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" \
count=\"{}\" uniqueCount=\"{}\">",
            self.count,
            strings.len()
        );
        let ws = ['\t', '\n', ' '];
        for (s, _) in strings {
            if s.starts_with(ws) || s.ends_with(ws) {
                b.extend_from_slice(b"<si><t xml:space=\"preserve\">");
            } else {
                b.extend_from_slice(b"<si><t>");
            }
            escape_text(b, s);
            b.extend_from_slice(b"</t></si>");
            if b.len() >= CHUNK {
                out.write_all(b)?;
                b.clear();
            }
        }
        b.extend_from_slice(b"</sst>");
        Ok(())
    }
}

fn escape_text(b: &mut Vec<u8>, s: &str) {
    ooxml::escape_into(b, s, Escape::ExcelText);
}

/// Text of an attribute or of a property element.
fn escape_attr(s: &str) -> String {
    ooxml::escape(s, Escape::ExcelAttribute)
}

/// Whether Excel would read a text as a number ("17.10", "01", "-2.5", "1e3") and flag it
/// as a number stored as text.
fn reads_as_number(t: &str) -> bool {
    let t = t.trim();
    t.starts_with(|c: char| c.is_ascii_digit() || c == '.' || c == '-' || c == '+')
        && t.parse::<f64>().is_ok()
}

/// Excel's name of a 0-based column: A, B, … Z, AA, ….
fn column_letters(c: usize) -> String {
    let mut n = c + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// `write!` into a byte buffer.
struct Fmt<'a>(&'a mut Vec<u8>);

impl std::fmt::Write for Fmt<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.extend_from_slice(s.as_bytes());
        Ok(())
    }
}

/// Integer formatting without `fmt` machinery.
const XML_DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

const PACKAGE_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>\
</Relationships>";

fn content_types(sheets: usize) -> String {
    let mut s = String::from(XML_DECL);
    s.push_str(
        "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>\
<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>\
<Override PartName=\"/xl/theme/theme1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.theme+xml\"/>\
<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>",
    );
    for k in 1..=sheets {
        let _ = write!(
            s,
            "<Override PartName=\"/xl/worksheets/sheet{k}.xml\" \
ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        );
    }
    s.push_str(
        "<Override PartName=\"/xl/sharedStrings.xml\" \
ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/></Types>",
    );
    s
}

fn workbook_rels(sheets: usize) -> String {
    let mut s = String::from(XML_DECL);
    s.push_str(
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
    );
    let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    for k in 1..=sheets {
        let _ = write!(
            s,
            "<Relationship Id=\"rId{k}\" Type=\"{rel}/worksheet\" Target=\"worksheets/sheet{k}.xml\"/>"
        );
    }
    let _ = write!(
        s,
        "<Relationship Id=\"rId{}\" Type=\"{rel}/theme\" Target=\"theme/theme1.xml\"/>\
<Relationship Id=\"rId{}\" Type=\"{rel}/styles\" Target=\"styles.xml\"/>\
<Relationship Id=\"rId{}\" Type=\"{rel}/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>",
        sheets + 1,
        sheets + 2,
        sheets + 3
    );
    s
}

/// Fonts (regular, bold), and one cell style per number format; the indices are the
/// constants [`BOLD`], [`DECIMALS`], [`CHANGE`], [`YEAR`], [`DATE`], [`MET`] and [`APPLIES`].
fn styles() -> String {
    let mut formats: Vec<String> = (0..=super::MAX_DECIMALS)
        .map(|n| {
            if n == 0 {
                "#,##0".to_string()
            } else {
                format!("#,##0.{}", "0".repeat(n))
            }
        })
        .collect();
    formats.push("+#,##0;-#,##0;0".into());
    formats.push("0".into());
    formats.push("dd/mm/yyyy".into());
    // Sections: positive; negative; zero. The value stays 1 or 0 (SUM counts them).
    formats.push("\"Đạt\";\"Đạt\";\"Chưa đạt\"".into());
    formats.push("\"Có\";\"Có\";\"Không\"".into());
    let mut s = String::from(XML_DECL);
    let _ = write!(
        s,
        "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\
<numFmts count=\"{}\">",
        formats.len()
    );
    for (k, f) in formats.iter().enumerate() {
        let _ = write!(
            s,
            "<numFmt numFmtId=\"{}\" formatCode=\"{}\"/>",
            164 + k,
            escape_attr(f)
        );
    }
    s.push_str(
        "</numFmts><fonts count=\"2\"><font><sz val=\"12\"/><color theme=\"1\"/>\
<name val=\"Times New Roman\"/><family val=\"1\"/></font><font><b/><sz val=\"12\"/><color theme=\"1\"/>\
<name val=\"Times New Roman\"/><family val=\"1\"/></font></fonts>\
<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>\
<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>",
    );
    let _ = write!(
        s,
        "<cellXfs count=\"{}\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>\
<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>",
        formats.len() + 2
    );
    for k in 0..formats.len() {
        let _ = write!(
            s,
            "<xf numFmtId=\"{}\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>",
            164 + k
        );
    }
    s.push_str(
        "</cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>\
<dxfs count=\"0\"/><tableStyles count=\"0\" defaultTableStyle=\"TableStyleMedium9\" defaultPivotStyle=\"PivotStyleLight16\"/></styleSheet>",
    );
    s
}

fn workbook(sheets: &[Entry]) -> String {
    let mut s = String::from(XML_DECL);
    s.push_str(
        "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" \
xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">\
<fileVersion appName=\"xl\" lastEdited=\"4\" lowestEdited=\"4\" rupBuild=\"4505\"/>\
<workbookPr defaultThemeVersion=\"124226\"/><bookViews><workbookView xWindow=\"240\" yWindow=\"15\" \
windowWidth=\"16095\" windowHeight=\"9660\"/></bookViews><sheets>",
    );
    for (k, e) in sheets.iter().enumerate() {
        let _ = write!(
            s,
            "<sheet name=\"{}\" sheetId=\"{}\" r:id=\"rId{}\"/>",
            escape_attr(&e.name),
            k + 1,
            k + 1
        );
    }
    s.push_str("</sheets>");
    if sheets.iter().any(|e| e.filter.is_some()) {
        s.push_str("<definedNames>");
        // Sorted by name as Excel writes them: "_xlnm.Print_Titles" before
        // "_xlnm._FilterDatabase".
        for (k, e) in sheets.iter().enumerate() {
            if e.print_titles {
                let _ = write!(
                    s,
                    "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"{k}\">{}!$1:$1</definedName>",
                    escape_attr(&quote_sheet_name(&e.name))
                );
            }
        }
        for (k, e) in sheets.iter().enumerate() {
            let Some(f) = &e.filter else { continue };
            // "A1:M58001" as "$A$1:$M$58001".
            let absolute: String = f
                .split(':')
                .map(|r| {
                    let digits = r.find(|c: char| c.is_ascii_digit()).unwrap_or(r.len());
                    format!("${}${}", &r[..digits], &r[digits..])
                })
                .collect::<Vec<_>>()
                .join(":");
            let _ = write!(
                s,
                "<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"{k}\" hidden=\"1\">{}!{absolute}</definedName>",
                escape_attr(&quote_sheet_name(&e.name))
            );
        }
        s.push_str("</definedNames>");
    }
    s.push_str("<calcPr calcId=\"124519\" fullCalcOnLoad=\"1\"/></workbook>");
    s
}

fn core(p: &Properties) -> String {
    let mut s = String::from(XML_DECL);
    let _ = write!(
        s,
        "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
<dc:title>{title}</dc:title><dc:subject>{subject}</dc:subject><dc:creator>{author}</dc:creator>\
<cp:lastModifiedBy>{author}</cp:lastModifiedBy>\
<dcterms:created xsi:type=\"dcterms:W3CDTF\">{created}</dcterms:created>\
<dcterms:modified xsi:type=\"dcterms:W3CDTF\">{created}</dcterms:modified></cp:coreProperties>",
        title = escape_attr(&p.title),
        subject = escape_attr(&p.subject),
        author = escape_attr(&p.author),
        created = p.created,
    );
    s
}

fn app(p: &Properties, sheets: &[Entry]) -> String {
    let mut s = String::from(XML_DECL);
    let n = sheets.len();
    let _ = write!(
        s,
        "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" \
xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">\
<Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>\
<HeadingPairs><vt:vector size=\"2\" baseType=\"variant\"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant>\
<vt:variant><vt:i4>{n}</vt:i4></vt:variant></vt:vector></HeadingPairs>\
<TitlesOfParts><vt:vector size=\"{n}\" baseType=\"lpstr\">"
    );
    for e in sheets {
        let _ = write!(s, "<vt:lpstr>{}</vt:lpstr>", escape_attr(&e.name));
    }
    let _ = write!(
        s,
        "</vt:vector></TitlesOfParts><Company>{}</Company><LinksUpToDate>false</LinksUpToDate>\
<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged><AppVersion>12.0000</AppVersion></Properties>",
        escape_attr(&p.company)
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
        assert_eq!(column_letters(16383), "XFD");
    }

    #[test]
    fn escapes() {
        let mut b = Vec::new();
        escape_text(&mut b, "a<b & c>\u{1}_x00AB_ _x12_\t\n\r");
        assert_eq!(
            String::from_utf8(b).unwrap(),
            "a&lt;b &amp; c&gt;_x0001__x005F_x00AB_ _x12_\t\n_x000D_"
        );
    }
}
