//! The one document model: what the report says and how it is laid out, written to
//! Markdown and to Word alike. Tables with grouped header cells and landscape pages live
//! here, not in any writer's text.

use crate::appendix::Appendix;
use std::sync::Arc;

/// A run of text with its emphasis.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Inline {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
}

impl Inline {
    pub fn plain(text: impl Into<String>) -> Self {
        Inline {
            text: text.into(),
            bold: false,
            italic: false,
        }
    }
}

/// A paragraph's text: runs of inlines.
pub type Text = Vec<Inline>;

/// Plain text of some inlines.
pub fn plain_text(text: &[Inline]) -> String {
    text.iter().map(|i| i.text.as_str()).collect()
}

/// How a paragraph is set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParagraphStyle {
    /// Justified body text with a first-line indent.
    Body,
    /// Centred (titles, notes under titles).
    Center,
}

/// A block of the document.
#[derive(Clone, Debug, PartialEq)]
pub enum Block<'f> {
    /// A heading; level 1 is a part ("Phần thứ nhất"), 2 a section ("I."), 3–5 below.
    Heading {
        level: u8,
        text: Text,
    },
    Paragraph {
        style: ParagraphStyle,
        text: Text,
    },
    /// A list item ("- …").
    Bullet {
        text: Text,
    },
    Table(Table<'f>),
    /// A chart with its numbered caption ("Hình 1. …").
    Figure(Figure),
}

/// A figure: a chart drawn from the facts, numbered in document order. The Markdown report
/// links its SVG file (`hinh/SLUG.svg`); the Word writer embeds it as PNG.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    /// 1, 2, … in document order.
    pub number: u32,
    /// File stem of the picture: `hinh/SLUG.svg`.
    pub slug: String,
    /// The caption without its label ("Kết quả thực hiện 19 tiêu chí theo xã năm 2023").
    pub caption: String,
    /// The whole picture, as SVG text.
    pub svg: String,
    /// For paged documents: the picture cut into pieces that each fit a page, in order
    /// (a matrix of many communes); empty when the whole picture fits one page.
    pub pieces: Vec<String>,
}

impl Figure {
    /// "Hình 1."
    pub fn label(&self) -> String {
        format!("Hình {}.", self.number)
    }

    /// "Hình 1. Kết quả …"
    pub fn full_caption(&self) -> String {
        format!("{} {}", self.label(), self.caption)
    }

    /// The SVG of each page's piece: the pieces, or the whole picture when it is one piece.
    pub fn pages(&self) -> Vec<&str> {
        if self.pieces.is_empty() {
            vec![self.svg.as_str()]
        } else {
            self.pieces.iter().map(String::as_str).collect()
        }
    }
}

/// Horizontal alignment of a cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

/// A table cell; spans are for header cells grouping others.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    pub colspan: usize,
    pub rowspan: usize,
    pub align: Align,
    pub bold: bool,
}

impl Cell {
    pub fn new(text: impl Into<String>) -> Self {
        Cell {
            text: text.into(),
            colspan: 1,
            rowspan: 1,
            align: Align::Left,
            bold: false,
        }
    }
    pub fn num(text: impl Into<String>) -> Self {
        Cell {
            align: Align::Right,
            ..Cell::new(text)
        }
    }
    pub fn center(text: impl Into<String>) -> Self {
        Cell {
            align: Align::Center,
            ..Cell::new(text)
        }
    }
    pub fn bold(mut self) -> Self {
        self.bold = true;
        self
    }
    pub fn span(mut self, cols: usize, rows: usize) -> Self {
        self.colspan = cols;
        self.rowspan = rows;
        self
    }
}

/// A table: header rows (which may group columns and repeat on every page) and body rows.
/// Every row covers exactly `widths.len()` columns once spans are counted.
#[derive(Clone, Debug, PartialEq)]
pub struct Table<'f> {
    pub header: Vec<Vec<Cell>>,
    pub rows: Rows<'f>,
    /// Relative column widths.
    pub widths: Vec<u32>,
    /// The flat column names, one per column (for Markdown and spreadsheets).
    pub columns: Vec<String>,
}

/// Page orientation of a section.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Orientation {
    Portrait,
    Landscape,
}

/// An appendix (phụ biểu) as the document lays it out: its own section with a heading,
/// the title and "(Kèm theo …)" lines, and content.
#[derive(Clone, Debug, PartialEq)]
pub struct AppendixSection<'f> {
    /// Which appendix (its code, label and file name).
    pub appendix: Appendix,
    pub title: Text,
    pub subtitle: Text,
    pub orientation: Orientation,
    pub blocks: Vec<Block<'f>>,
}

impl AppendixSection<'_> {
    /// "02a".
    pub fn code(&self) -> &'static str {
        self.appendix.code()
    }

    /// Its heading: "PHỤ BIỂU 02a".
    pub fn label(&self) -> String {
        self.appendix.label()
    }

    /// File stem of its own Markdown file: "phu-bieu-02a".
    pub fn slug(&self) -> String {
        self.appendix.slug()
    }
}

/// The header block and signature data of an administrative document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
    pub parent_body: String,
    pub issuing_body: String,
    /// "Số: …/BC-UBND"
    pub number_line: String,
    pub national_name: String,
    pub motto: String,
    /// "Phong Thổ, ngày 05 tháng 01 năm 2024"
    pub place_date: String,
    /// "BÁO CÁO"
    pub kind: String,
    pub subject: String,
    pub signer_on_behalf: String,
    pub signer_position: String,
    pub signer_name: String,
    pub recipients: Vec<String>,
}

/// The whole report. Its longest tables are not held as cells but made from the facts
/// it was compiled from as they are written (see [`Rows`]), so it borrows those facts.
#[derive(Clone, Debug, PartialEq)]
pub struct Document<'f> {
    pub header: Header,
    pub body: Vec<Block<'f>>,
    pub appendices: Vec<AppendixSection<'f>>,
}

impl Document<'_> {
    /// The figures of the body and the appendices, in document order.
    pub fn figures(&self) -> impl Iterator<Item = &Figure> {
        self.body
            .iter()
            .chain(self.appendices.iter().flat_map(|a| a.blocks.iter()))
            .filter_map(|b| match b {
                Block::Figure(f) => Some(f),
                _ => None,
            })
    }
}

/// A table's body rows: held as cells, or made one at a time as a writer asks for them.
/// Appendix 02a's tables (a row per commune, 600,000 values for a national report) are
/// never held whole.
#[derive(Clone, Debug, PartialEq)]
pub enum Rows<'f> {
    Cells(Vec<Vec<Cell>>),
    Made(RowSource<'f>),
}

/// Rows made on demand: a function that calls its argument with every row, in order (it
/// may reuse one row's cells for the next). It borrows what it makes the rows from.
#[derive(Clone)]
pub struct RowSource<'f>(Arc<MakeRows<'f>>);

/// What a [`RowSource`] holds: a function giving every row to its argument.
type MakeRows<'f> = dyn Fn(&mut dyn FnMut(&[Cell])) + Send + Sync + 'f;

impl<'f> RowSource<'f> {
    pub fn new(rows: impl Fn(&mut dyn FnMut(&[Cell])) + Send + Sync + 'f) -> Self {
        RowSource(Arc::new(rows))
    }
}

impl std::fmt::Debug for RowSource<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RowSource")
    }
}

/// Two sources are equal when they are the same source.
impl PartialEq for RowSource<'_> {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::addr_eq(Arc::as_ptr(&self.0), Arc::as_ptr(&other.0))
    }
}

impl Rows<'_> {
    /// Calls `each` with every row, in order.
    pub fn for_each(&self, mut each: impl FnMut(&[Cell])) {
        match self {
            Rows::Cells(rows) => rows.iter().for_each(|r| each(r)),
            Rows::Made(source) => (source.0)(&mut each),
        }
    }
}

impl From<Vec<Vec<Cell>>> for Rows<'_> {
    fn from(rows: Vec<Vec<Cell>>) -> Self {
        Rows::Cells(rows)
    }
}

impl Table<'_> {
    /// Checks that every row covers the declared columns (spans counted, header row spans
    /// included). Used by tests and debug assertions.
    pub fn is_well_formed(&self) -> bool {
        let n = self.widths.len();
        if self.columns.len() != n {
            return false;
        }
        let mut pending = vec![0usize; n];
        let mut ok = true;
        let mut check = |row: &[Cell]| {
            let mut col = 0;
            let mut cells = row.iter();
            while col < n {
                if pending[col] > 0 {
                    pending[col] -= 1;
                    col += 1;
                    continue;
                }
                let Some(c) = cells.next() else {
                    ok = false;
                    return;
                };
                if c.colspan == 0 || col + c.colspan > n {
                    ok = false;
                    return;
                }
                for p in &mut pending[col..col + c.colspan] {
                    *p = c.rowspan - 1;
                }
                col += c.colspan;
            }
            if cells.next().is_some() {
                ok = false;
            }
        };
        for row in &self.header {
            check(row);
        }
        self.rows.for_each(&mut check);
        ok && pending.iter().all(|p| *p == 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grouped_headers_are_checked() {
        let t = Table {
            header: vec![
                vec![Cell::new("STT").span(1, 2), Cell::new("Nhóm I").span(2, 1)],
                vec![Cell::new("1"), Cell::new("2")],
            ],
            rows: vec![vec![Cell::new("1"), Cell::new("x"), Cell::new("")]].into(),
            widths: vec![1, 1, 1],
            columns: vec!["STT".into(), "1".into(), "2".into()],
        };
        assert!(t.is_well_formed());
        let mut bad = t.clone();
        bad.rows = vec![vec![Cell::new("1"), Cell::new("x")]].into();
        assert!(!bad.is_well_formed());
    }
}
