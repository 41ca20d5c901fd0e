//! CSV tables as offices export them: `,` or `;` separated, headers checked, every row with
//! its line number and where each of its cells starts.

use crate::diagnostic::{Diagnostics, Hint, Message, did_you_mean};
use crate::number::{DecimalSeparator, parse_decimal};
use crate::source::{Location, SourceFile};
use rust_decimal::Decimal;

/// A CSV file read into rows of trimmed cells.
pub struct Table<'a> {
    pub src: &'a SourceFile,
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
    /// The decimal separator numbers in this table use.
    pub separator: DecimalSeparator,
}

/// One data row.
pub struct Row {
    pub line: usize,
    pub cells: Vec<String>,
    /// The byte offset in the source text where each cell's content starts.
    starts: Vec<usize>,
}

impl<'a> Table<'a> {
    /// Reads a table, checking that `required` columns are there and that no column is
    /// outside `required` and `optional`.
    pub fn read(
        src: &'a SourceFile,
        required: &[&str],
        optional: &[&str],
        diags: &mut Diagnostics,
    ) -> Option<Table<'a>> {
        let first = src.text.lines().next().unwrap_or("");
        let semicolon = first.matches(';').count() > first.matches(',').count();
        let delimiter = if semicolon { b';' } else { b',' };
        if let Some(at) = unclosed_quote(&src.text, delimiter) {
            diags
                .error(&src.location(at), Message::UnbalancedQuote)
                .hint = Some(Hint::CloseQuote);
            return None;
        }
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(true)
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(src.text.as_bytes());
        let headers: Vec<String> = match reader.headers() {
            Ok(h) => h.iter().map(str::to_string).collect(),
            Err(e) => {
                let detail = e.to_string();
                diags.error(&src.line_location(1), Message::CsvSyntax { detail });
                return None;
            }
        };
        let mut ok = check_headers(src, &headers, required, optional, diags);
        let mut rows = Vec::new();
        for rec in reader.records() {
            let rec = match rec {
                Ok(rec) => rec,
                Err(e) => {
                    let line = e.position().map_or(1, |p| p.line() as usize);
                    let detail = e.to_string();
                    diags.error(&src.line_location(line), Message::CsvSyntax { detail });
                    ok = false;
                    continue;
                }
            };
            let (line, byte) = rec
                .position()
                .map_or((0, 0), |p| (p.line() as usize, p.byte() as usize));
            if rec.iter().all(str::is_empty) {
                continue;
            }
            if rec.len() != headers.len() {
                let message = if rec.iter().any(|c| c.contains('\n')) {
                    Message::UnbalancedQuote
                } else {
                    Message::WrongCellCount {
                        cells: rec.len(),
                        expected: headers.len(),
                    }
                };
                diags.error(&src.line_location(line), message);
                ok = false;
                continue;
            }
            rows.push(Row {
                line,
                cells: rec.iter().map(str::to_string).collect(),
                starts: cell_starts(&src.text, byte, delimiter),
            });
        }
        ok.then_some(Table {
            src,
            headers,
            rows,
            separator: if semicolon {
                DecimalSeparator::Comma
            } else {
                DecimalSeparator::Point
            },
        })
    }

    /// The index of a column.
    pub fn col(&self, name: &str) -> Option<usize> {
        self.headers.iter().position(|h| h == name)
    }

    /// A cell by column name ("" when the column is absent).
    pub fn cell<'r>(&self, row: &'r Row, name: &str) -> &'r str {
        self.col(name).map_or("", |i| row.cells[i].as_str())
    }

    /// A cell that must not be empty; an error when it is.
    pub fn required<'r>(&self, row: &'r Row, name: &str, diags: &mut Diagnostics) -> &'r str {
        let value = self.cell(row, name);
        if value.is_empty() {
            let column = name.to_string();
            diags.error(&self.at(row, name), Message::MissingValue { column });
        }
        value
    }

    /// The location of a cell: where its content starts.
    pub fn at(&self, row: &Row, name: &str) -> Location {
        match self.col(name).and_then(|i| row.starts.get(i)) {
            Some(&offset) => self.src.location(offset),
            None => self.src.line_location(row.line),
        }
    }

    /// A number in a cell; `;`-separated tables may use a decimal comma.
    pub fn decimal(&self, text: &str) -> Option<Decimal> {
        parse_decimal(text, DecimalSeparator::Point).or_else(|| {
            (self.separator == DecimalSeparator::Comma)
                .then(|| parse_decimal(text, DecimalSeparator::Comma))
                .flatten()
        })
    }
}

fn check_headers(
    src: &SourceFile,
    headers: &[String],
    required: &[&str],
    optional: &[&str],
    diags: &mut Diagnostics,
) -> bool {
    let mut ok = true;
    let at = src.line_location(1);
    for (i, h) in headers.iter().enumerate() {
        if !required.contains(&h.as_str()) && !optional.contains(&h.as_str()) {
            let column = h.clone();
            diags.error(&at, Message::UnknownColumn { column }).hint =
                did_you_mean(h, required.iter().chain(optional).copied());
            ok = false;
        }
        if headers[..i].contains(h) {
            let column = h.clone();
            diags.error(&at, Message::DuplicateColumn { column });
            ok = false;
        }
    }
    for r in required {
        if !headers.iter().any(|h| h == r) {
            let column = r.to_string();
            diags.error(&at, Message::MissingColumn { column });
            ok = false;
        }
    }
    ok
}

/// Where each cell of the record starting at byte `from` starts, past leading blanks. A
/// quote opens a quoted cell only as its first byte, as the CSV reader has it.
fn cell_starts(text: &str, from: usize, delimiter: u8) -> Vec<usize> {
    let b = text.as_bytes();
    let mut starts = Vec::new();
    let mut i = from;
    let mut field_start = true;
    let mut quoted = false;
    while i <= b.len() {
        if field_start {
            let skip = b[i..]
                .iter()
                .take_while(|c| matches!(c, b' ' | b'\t'))
                .count();
            starts.push(i + skip);
            field_start = false;
            if b.get(i) == Some(&b'"') {
                quoted = true;
                i += 1;
                continue;
            }
        }
        let Some(&c) = b.get(i) else { break };
        if quoted {
            if c == b'"' {
                if b.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    quoted = false;
                }
            }
        } else if c == delimiter {
            field_start = true;
        } else if c == b'\n' || c == b'\r' {
            break;
        }
        i += 1;
    }
    starts
}

/// The offset of a quote that opens a cell and is never closed.
fn unclosed_quote(text: &str, delimiter: u8) -> Option<usize> {
    let b = text.as_bytes();
    let mut field_start = true;
    let mut open: Option<usize> = None;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if open.is_some() {
            if c == b'"' {
                if b.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    open = None;
                }
            }
        } else if field_start && c == b'"' {
            open = Some(i);
        }
        field_start = open.is_none() && (c == delimiter || c == b'\n' || c == b'\r');
        i += 1;
    }
    open
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_located_where_they_start() {
        let text = "a,b,c\n x,\"y,z\", w\n";
        let from = text.find('x').unwrap();
        let starts = cell_starts(text, from, b',');
        let cells: Vec<&str> = starts.iter().map(|&s| &text[s..s + 1]).collect();
        assert_eq!(cells, ["x", "\"", "w"]);
    }

    #[test]
    fn an_unclosed_quote_is_found() {
        assert_eq!(unclosed_quote("a,b\n1,\"2\n3,4\n", b','), Some(6));
        assert_eq!(unclosed_quote("a,b\n1,\"2\"\"x\n\"\n3,4\n", b','), None);
        assert_eq!(unclosed_quote("a;b\n1;5\" pipe\n", b';'), None);
    }
}
