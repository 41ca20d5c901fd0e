//! The xlsx package (SpreadsheetML in a zip), written by hand as a stream: worksheets go
//! row by row straight into the zip's deflate stream, strings into a shared string table
//! written last. No object model, no temporary file: time is linear in the number of
//! cells and memory holds only the distinct strings and the compressed output.
//!
//! The parts and their XML follow what rust_xlsxwriter writes for the same workbook
//! (styles, theme, workbook views, page margins), so the workbook reads the same in Excel,
//! LibreOffice and calamine. Zip entries come in a fixed order with fixed timestamps.

use super::parts::{self, XML_DECL};
use super::sst::Sst;
use super::theme::THEME;
use super::{V, clip, decimal, decimal_text, excel_date};
use crate::render::chunked::Chunked;
pub use crate::render::ooxml::Error;
use crate::render::ooxml::{self, Escape};
use std::fmt::Write as _;
use std::io::{Seek, Write};
use zip::ZipWriter;
use zip::write::SimpleFileOptions;

/// Bytes of XML gathered before they are handed to the compressor.
pub(super) const CHUNK: usize = 1 << 18;

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
pub(super) struct Entry {
    pub(super) name: String,
    /// The autofilter range ("A1:M58001"), if any.
    pub(super) filter: Option<String>,
    /// Whether its first row is repeated at the top of every printed page.
    pub(super) print_titles: bool,
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
    /// The zip, behind the buffer worksheets are written into.
    out: Chunked<ZipWriter<W>, Vec<u8>>,
    options: SimpleFileOptions,
    sheets: Vec<Entry>,
    sst: Sst,
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
            out: Chunked::with_chunk(ZipWriter::new(sink), CHUNK),
            options,
            sheets: Vec::new(),
            sst: Sst::default(),
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
        self.out
            .sink()?
            .start_file(format!("xl/worksheets/sheet{index}.xml"), self.options)?;
        let filter = match (l.columns, l.filter_last_row) {
            (0, _) | (_, None) => None,
            (n, Some(r)) => Some(format!("A1:{}{}", column_letters(n - 1), r.max(1))),
        };
        self.letters = (0..l.columns.max(1)).map(column_letters).collect();
        self.last_text.clear();
        self.numeric_text.clear();
        self.landscape = l.landscape;
        let b = &mut self.out.buf;
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
        let b = &mut self.out.buf;
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
        let _ = write!(Fmt(&mut self.out.buf), "<row r=\"{row}\">");
        self.next_col = 0;
        for (c, name) in names.iter().enumerate() {
            let i = self.sst.index(clip(name));
            self.sst.count += 1;
            self.cell_start(c, row, BOLD, Some("s"));
            self.value_u64(u64::from(i));
        }
        self.out.buf.extend_from_slice(b"</row>");
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
        let start = self.out.buf.len();
        if level > 0 {
            let _ = write!(
                Fmt(&mut self.out.buf),
                "<row r=\"{row}\" outlineLevel=\"{level}\">"
            );
        } else {
            let _ = write!(Fmt(&mut self.out.buf), "<row r=\"{row}\">");
        }
        self.next_col = 0;
        let open = self.out.buf.len();
        for (c, v) in cells.iter().enumerate() {
            self.cell(c, r, row, v);
        }
        if self.out.buf.len() == open {
            self.out.buf.truncate(start);
        } else {
            self.out.buf.extend_from_slice(b"</row>");
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
                self.out.buf.push(if *b { b'1' } else { b'0' });
                self.out.buf.extend_from_slice(b"</v></c>");
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
        self.out.buf.push(if b { b'1' } else { b'0' });
        self.out.buf.extend_from_slice(b"</v></c>");
    }

    fn int(&mut self, c: usize, row: &str, style: u32, n: i64) {
        self.cell_start(c, row, style, None);
        // Cells hold doubles: integers beyond 2^53 are written as the double they become.
        if n.unsigned_abs() <= 1 << 53 {
            if n < 0 {
                self.out.buf.push(b'-');
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
                value.write(&mut self.out.buf);
                self.out.buf.extend_from_slice(b"</v></c>");
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
        let b = &mut self.out.buf;
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
        self.out
            .buf
            .extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
        self.out.buf.extend_from_slice(b"</v></c>");
    }

    fn value_f64(&mut self, x: f64) {
        let _ = write!(Fmt(&mut self.out.buf), "{x}");
        self.out.buf.extend_from_slice(b"</v></c>");
    }

    fn maybe_flush(&mut self) -> Result<(), Error> {
        if self.out.is_full() {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<(), Error> {
        Ok(self.out.write_out()?)
    }

    /// Writes the other parts and the zip's directory, and returns the sink.
    pub fn finish(mut self, props: &Properties) -> Result<W, Error> {
        self.out
            .sink()?
            .start_file("xl/sharedStrings.xml", self.options)?;
        self.sst.write(&mut self.out)?;
        let mut zip = self.out.into_sink()?;
        let n = self.sheets.len();
        let parts: [(&str, String); 8] = [
            ("[Content_Types].xml", parts::content_types(n)),
            ("_rels/.rels", parts::PACKAGE_RELS.to_string()),
            ("xl/_rels/workbook.xml.rels", parts::workbook_rels(n)),
            ("xl/theme/theme1.xml", THEME.to_string()),
            ("xl/styles.xml", parts::styles()),
            ("xl/workbook.xml", parts::workbook(&self.sheets)),
            ("docProps/core.xml", parts::core(props)),
            ("docProps/app.xml", parts::app(props, &self.sheets)),
        ];
        for (name, text) in &parts {
            zip.start_file(*name, self.options)?;
            zip.write_all(text.as_bytes())?;
        }
        zip.finish()
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

pub(super) fn escape_text(b: &mut Vec<u8>, s: &str) {
    ooxml::escape_into(b, s, Escape::ExcelText);
}

/// Text of an attribute or of a property element.
pub(super) fn escape_attr(s: &str) -> String {
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
pub(super) struct Fmt<'a>(pub(super) &'a mut Vec<u8>);

impl std::fmt::Write for Fmt<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.extend_from_slice(s.as_bytes());
        Ok(())
    }
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
