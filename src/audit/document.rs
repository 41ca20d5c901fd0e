//! A report read for auditing: its text as a sequence of units (paragraphs, headings,
//! table cells, footnotes), each knowing where it came from, so that a claim found at a
//! byte of a unit can be shown at its line and column, or its paragraph and cell.

use crate::source::SourceFile;
use std::ops::Range;

/// Where a unit is in the file it was read from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    /// A text or Markdown file: positions map to lines and columns.
    Text,
    /// A Word paragraph of the body (1-based, counting paragraphs outside tables).
    Paragraph(usize),
    /// A Word table cell (all 1-based).
    Cell {
        table: usize,
        row: usize,
        cell: usize,
    },
    /// A Word footnote, by its number.
    Footnote(usize),
}

/// What kind of block a unit is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Block {
    Heading(u8),
    Paragraph,
    Cell,
    Footnote,
}

/// A paragraph, heading, cell or footnote: its text and where it came from.
#[derive(Clone, Debug)]
pub struct Unit {
    pub text: String,
    pub place: Place,
    pub block: Block,
    /// For [`Place::Text`]: pieces of `text` copied from the source, as (offset in the
    /// text, offset in the source), in order.
    pub map: Vec<(usize, usize)>,
    /// For a table cell (Word or Markdown): its table, row and column, 1-based.
    pub cell: Option<Cell>,
}

/// Where a cell is in the document's tables, 1-based.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Cell {
    pub table: usize,
    pub row: usize,
    pub col: usize,
}

impl Unit {
    /// A unit of a Word document.
    pub fn word(text: String, place: Place, block: Block) -> Unit {
        let cell = match place {
            Place::Cell { table, row, cell } => Some(Cell {
                table,
                row,
                col: cell,
            }),
            _ => None,
        };
        Unit {
            text,
            place,
            block,
            map: Vec::new(),
            cell,
        }
    }

    /// The sentences of the unit, as byte ranges: split after `.`, `!`, `?` or `…` that is
    /// followed by a space and not inside parentheses, and at line breaks.
    pub fn sentences(&self) -> Vec<Range<usize>> {
        sentences(&self.text)
    }

    /// The source offset of a byte of the text ([`Place::Text`] only).
    fn source_offset(&self, at: usize) -> Option<usize> {
        let i = self.map.partition_point(|&(u, _)| u <= at).checked_sub(1)?;
        let (u, s) = self.map[i];
        Some(s + (at - u))
    }
}

/// Splits a text into sentences (one pass, no copy of the text: a single line of tens of
/// megabytes is split in the time of reading it).
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut depth = 0i32;
    for (i, c) in text.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = (depth - 1).max(0),
            '\n' => {
                push(&mut out, text, start, i);
                start = i + 1;
                depth = 0;
            }
            '.' | '!' | '?' | '…' if depth == 0 => {
                let end = i + c.len_utf8();
                let mut rest = text[end..].chars();
                let next = rest.next();
                let after = rest.next();
                let ends = match next {
                    None => true,
                    Some(n) if n.is_whitespace() => after.is_none_or(|a| {
                        a.is_uppercase()
                            || a.is_ascii_digit()
                            || matches!(a, '-' | '+' | '(' | '–' | '*' | '"' | '“')
                    }),
                    _ => false,
                };
                if ends {
                    push(&mut out, text, start, end);
                    start = end;
                }
            }
            _ => {}
        }
    }
    push(&mut out, text, start, text.len());
    out
}

fn push(out: &mut Vec<Range<usize>>, text: &str, start: usize, end: usize) {
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if start + lead < end - trail {
        out.push(start + lead..end - trail);
    }
}

/// A document read for auditing.
#[derive(Clone, Debug)]
pub struct Document {
    /// The file's name as shown in findings.
    pub name: String,
    pub units: Vec<Unit>,
    /// The source of a text or Markdown file, for lines and columns.
    pub source: Option<SourceFile>,
}

/// A place in a document, ready to show.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    /// Line (text, Markdown) or paragraph (Word), 1-based.
    pub line: Option<usize>,
    pub col: usize,
    pub place: Place,
}

impl PartialOrd for Place {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Place {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.key().cmp(&other.key())
    }
}

impl Place {
    fn key(&self) -> (u8, usize, usize, usize) {
        match *self {
            Place::Text => (0, 0, 0, 0),
            Place::Paragraph(p) => (1, p, 0, 0),
            Place::Cell { table, row, cell } => (2, table, row, cell),
            Place::Footnote(n) => (3, n, 0, 0),
        }
    }
}

impl Document {
    /// Where byte `at` of unit `unit` is.
    pub fn locate(&self, unit: usize, at: usize) -> Location {
        let u = &self.units[unit];
        let col = u.text[..at.min(u.text.len())].chars().count() + 1;
        match (&u.place, &self.source) {
            (Place::Text, Some(src)) => {
                let loc = src.location(u.source_offset(at).unwrap_or(0));
                Location {
                    line: Some(loc.line),
                    col: loc.col,
                    place: Place::Text,
                }
            }
            (Place::Paragraph(p), _) => Location {
                line: Some(*p),
                col,
                place: u.place.clone(),
            },
            (place, _) => Location {
                line: None,
                col,
                place: place.clone(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn sentences_end_at_a_full_stop_outside_parentheses() {
        assert_eq!(
            split("Có 5 xã (A. B. C). Tiếp tục 4.131,3ha. - Chỉ tiêu 2.1: đạt"),
            vec![
                "Có 5 xã (A. B. C).",
                "Tiếp tục 4.131,3ha.",
                "- Chỉ tiêu 2.1: đạt"
            ]
        );
        assert_eq!(
            split("hết nhiệm vụ chi.\nDòng hai"),
            vec!["hết nhiệm vụ chi.", "Dòng hai"]
        );
        assert_eq!(split("xã Mường So. tiếp"), vec!["xã Mường So. tiếp"]);
    }
}
