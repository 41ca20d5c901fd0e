//! Tables: CSV files as offices export them (`,` or `;` separated) and sheets of a workbook
//! (see [`super::workbook`]), checked by the same code. Headers are checked, rows read one
//! at a time with their line (or row) numbers. Where a CSV cell starts is worked out only
//! for a diagnostic, so a table of a million rows is checked without being held in memory.

use super::workbook::Sheet;
use crate::diagnostic::{Diagnostics, Hint, Message, did_you_mean};
use crate::number::{DecimalSeparator, NumberProblem, parse_decimal, read_decimal};
use crate::source::{Location, SourceFile};
use csv::ByteRecord;
use rust_decimal::Decimal;

/// A table whose header row has been read: a CSV file or a sheet of a workbook.
pub struct Table<'a> {
    /// The file's name as diagnostics show it.
    pub name: &'a str,
    pub headers: Vec<String>,
    /// The decimal separator numbers in this table use.
    pub separator: DecimalSeparator,
    origin: Origin<'a>,
    /// Whether the header row passed its checks.
    headers_ok: bool,
}

/// Where a table's rows come from.
enum Origin<'a> {
    Csv {
        src: &'a SourceFile,
        delimiter: u8,
    },
    Sheet {
        sheet: &'a Sheet,
        /// The 1-based sheet column of each table column.
        columns: Vec<usize>,
        /// The index in the sheet's rows of the header row.
        header: usize,
    },
}

/// One data row, while it is being read.
pub struct Row<'r> {
    pub line: usize,
    /// The byte offset in the source text where the row starts.
    pub byte: usize,
    record: &'r ByteRecord,
    /// The record's cells one after another, checked as UTF-8 once for all of them.
    text: &'r str,
}

impl<'r> Row<'r> {
    /// A cell by column index, trimmed ("" when the row has no such cell).
    pub fn get(&self, col: usize) -> &'r str {
        let cell = self.record.range(col).and_then(|r| self.text.get(r));
        cell.map_or("", trim)
    }

    /// The number of cells.
    fn len(&self) -> usize {
        self.record.len()
    }

    /// The cells, trimmed.
    fn cells(&self) -> impl Iterator<Item = &'r str> {
        (0..self.len()).map(|i| self.get(i))
    }
}

/// `str::trim`, quicker for the usual cell that neither starts nor ends with a space.
fn trim(cell: &str) -> &str {
    // An ASCII byte above the space is no whitespace, and a whole character.
    let plain = |b: Option<&u8>| b.is_some_and(|&b| b > b' ' && b < 0x80);
    let b = cell.as_bytes();
    if b.is_empty() || plain(b.first()) && plain(b.last()) {
        cell
    } else {
        cell.trim()
    }
}

/// The most columns a table may have. The widest table of a data folder has a column per
/// criterion or indicator, a few hundred; a header of a million columns is no table.
pub const MAX_COLUMNS: usize = 5_000;

/// The most rows of a CSV table with the wrong number of cells that are reported: past it,
/// the rest of the table is not read (a table is not checked past its first wrong row in any
/// case, and a million rows of garbage made a million errors, 1.4 GB and six seconds).
pub const MAX_WRONG_ROWS: usize = 1_000;

/// The longest line of a CSV table, in bytes (1 MiB). A row of the widest table a data
/// folder has (a column per criterion or indicator) is a few kilobytes, and even
/// [`MAX_COLUMNS`] cells of a hundred characters fit; a longer line is no row of data (a
/// file without line ends, a table saved as one line), and reading it into cells would
/// take seconds and gigabytes. Checked by one scan for line ends before anything is read.
pub const MAX_LINE_BYTES: usize = 1 << 20;

/// [`MAX_LINE_BYTES`] as messages say it.
pub fn max_line_size() -> String {
    format!("{} MB", MAX_LINE_BYTES >> 20)
}

/// The first line longer than [`MAX_LINE_BYTES`]: its number (1-based) and its length.
/// Looks back from the end of a window of the bound past each line start for a line end,
/// so a table of short lines costs a few steps per megabyte, not a search per line.
fn overlong_line(text: &str) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    let mut start = 0;
    while b.len() - start > MAX_LINE_BYTES {
        let window = &b[start..=start + MAX_LINE_BYTES];
        match window.iter().rposition(|&c| c == b'\n') {
            Some(k) => start += k + 1,
            None => {
                let rest = &b[start..];
                let len = rest.iter().position(|&c| c == b'\n').unwrap_or(rest.len());
                let line = b[..start].iter().filter(|&&c| c == b'\n').count() + 1;
                return Some((line, len));
            }
        }
    }
    None
}

/// A CSV reader over a table's text: `"` quotes (doubled inside a quoted cell), rows of
/// any length (a short or long row is reported, not fatal), blank lines skipped, the first
/// row the header. Headers are trimmed by the reader; cells only when they are looked at
/// ([`Row::get`]), so that reading a row copies its cells once and allocates nothing.
fn reader(text: &str, delimiter: u8) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(true)
        .flexible(true)
        .trim(csv::Trim::Headers)
        .from_reader(text.as_bytes())
}

impl<'a> Table<'a> {
    /// Opens a sheet of a workbook as a table: its first row with content holds the
    /// headers, matched ignoring case and runs of spaces; `aliases` gives other names of
    /// columns (Vietnamese headers). A column without a header is left out (a value in it
    /// is reported).
    pub fn sheet(
        sheet: &'a Sheet,
        required: &[&str],
        optional: &[&str],
        aliases: &[(&str, &str)],
        diags: &mut Diagnostics,
    ) -> Table<'a> {
        let canonical = |cell: &str| -> String {
            let h = cell.split_whitespace().collect::<Vec<_>>().join(" ");
            let lower = h.to_lowercase();
            let known = required
                .iter()
                .chain(optional)
                .find(|c| c.to_lowercase() == lower)
                .or_else(|| {
                    aliases
                        .iter()
                        .find(|(a, _)| a.to_lowercase() == lower)
                        .map(|(_, c)| c)
                });
            known.map_or(h, |c| c.to_string())
        };
        // The header row: the first that names every required column (title rows may come
        // before it), or else the first row.
        let top = sheet.rows.iter().take(super::workbook::HEADER_ROWS);
        let header = top
            .enumerate()
            .find(|(_, r)| {
                let names: Vec<String> = r.cells.iter().map(|c| canonical(c)).collect();
                required.iter().all(|q| names.iter().any(|n| n == q))
            })
            .map_or(0, |(i, _)| i);
        let header_row = sheet.rows.get(header);
        let mut headers = Vec::new();
        let mut columns = Vec::new();
        let mut numeric_ok = true;
        for (i, cell) in header_row.map_or(&[][..], |r| &r.cells).iter().enumerate() {
            let h = canonical(cell);
            if h.is_empty() {
                continue;
            }
            // A header typed as a number has lost its trailing zeros: `17.10` reads `17.1`.
            if header_row.is_some_and(|r| r.numbers.contains(&i)) && h.contains('.') {
                let value = |t: &str| parse_decimal(t, DecimalSeparator::Point);
                let meant = required
                    .iter()
                    .chain(optional)
                    .find(|k| **k != h && value(k).is_some() && value(k) == value(&h));
                if let Some(meant) = meant {
                    let row = header_row.map_or(1, |r| r.row);
                    let message = Message::NumberAsId {
                        value: h.clone(),
                        meant: meant.to_string(),
                    };
                    diags.error(&sheet.location(row, i + 1), message).hint = Some(Hint::IdAsText);
                    numeric_ok = false;
                }
            }
            headers.push(h);
            columns.push(i + 1);
        }
        let row = header_row.map_or(1, |r| r.row);
        let at = |i: Option<usize>| sheet.location(row, i.map_or(1, |i| columns[i]));
        let headers_ok = check_headers(&at, &headers, required, optional, diags) && numeric_ok;
        Table {
            name: &sheet.file,
            headers,
            separator: DecimalSeparator::Point,
            origin: Origin::Sheet {
                sheet,
                columns,
                header,
            },
            headers_ok,
        }
    }

    /// Opens a table, checking that `required` columns are there and that no column is
    /// outside `required` and `optional`; `None` when it cannot be read at all.
    pub fn open(
        src: &'a SourceFile,
        required: &[&str],
        optional: &[&str],
        diags: &mut Diagnostics,
    ) -> Option<Table<'a>> {
        if let Some((line, bytes)) = overlong_line(&src.text) {
            let limit = max_line_size();
            diags.error(
                &src.line_location(line),
                Message::LineTooLong { bytes, limit },
            );
            return None;
        }
        let first = src.text.lines().next().unwrap_or("");
        let semicolon = first.matches(';').count() > first.matches(',').count();
        let delimiter = if semicolon { b';' } else { b',' };
        if let Some(at) = unclosed_quote(&src.text, delimiter) {
            diags
                .error(&src.location(at), Message::UnbalancedQuote)
                .hint = Some(Hint::CloseQuote);
            return None;
        }
        let headers: Vec<String> = match reader(&src.text, delimiter).headers() {
            Ok(h) => h.iter().map(str::to_string).collect(),
            Err(e) => {
                let detail = e.to_string();
                diags.error(&src.line_location(1), Message::CsvSyntax { detail });
                return None;
            }
        };
        if headers.len() > MAX_COLUMNS {
            let message = Message::TooManyColumns {
                columns: headers.len(),
                limit: MAX_COLUMNS,
            };
            diags.error(&src.line_location(1), message);
            return None;
        }
        // Every column's problem is on the header line: its place is found once.
        let line = src.line_location(1);
        let at = |_| line.clone();
        let headers_ok = check_headers(&at, &headers, required, optional, diags);
        Some(Table {
            name: &src.name,
            headers,
            separator: if semicolon {
                DecimalSeparator::Comma
            } else {
                DecimalSeparator::Point
            },
            origin: Origin::Csv { src, delimiter },
            headers_ok,
        })
    }

    /// Reads the data rows in order, skipping blank ones, and calls `each` on every row of
    /// a well-formed table. Rows with the wrong number of cells are reported; a table with
    /// such a row or with wrong headers is not checked further, and what `each` found in it
    /// is dropped. Returns whether the table is well-formed.
    pub fn rows(&self, diags: &mut Diagnostics, each: impl FnMut(&Row, &mut Diagnostics)) -> bool {
        match &self.origin {
            Origin::Csv { src, delimiter } => self.csv_rows(src, *delimiter, diags, each),
            Origin::Sheet {
                sheet,
                columns,
                header,
            } => self.sheet_rows(sheet, columns, *header, diags, each),
        }
    }

    /// [`Table::rows`] of a sheet: every row after the header row. A sheet's rows all have
    /// a cell for every column; a value in a column without a header is reported.
    fn sheet_rows(
        &self,
        sheet: &Sheet,
        columns: &[usize],
        header: usize,
        diags: &mut Diagnostics,
        mut each: impl FnMut(&Row, &mut Diagnostics),
    ) -> bool {
        for &(row, col) in &sheet.errors {
            let text = sheet.location(row, col).line_text;
            diags.error(&sheet.location(row, col), Message::CellError { text });
        }
        let mut found = Diagnostics::new();
        let mut record = ByteRecord::new();
        for (i, r) in sheet.rows.iter().enumerate().skip(header + 1) {
            for (c, cell) in r.cells.iter().enumerate() {
                if !cell.trim().is_empty() && !columns.contains(&(c + 1)) {
                    diags.error(&sheet.location(r.row, c + 1), Message::ValueWithoutHeader);
                }
            }
            record.clear();
            for &c in columns {
                record.push_field(r.cells.get(c - 1).map_or("", String::as_str).as_bytes());
            }
            let text = std::str::from_utf8(record.as_slice()).expect("cells are text");
            let row = Row {
                line: r.row,
                byte: i,
                record: &record,
                text,
            };
            if row.cells().all(str::is_empty) {
                continue;
            }
            if self.headers_ok {
                each(&row, &mut found);
            }
        }
        if self.headers_ok {
            diags.extend(found);
        }
        self.headers_ok
    }

    /// [`Table::rows`] of a CSV file.
    fn csv_rows(
        &self,
        src: &SourceFile,
        delimiter: u8,
        diags: &mut Diagnostics,
        mut each: impl FnMut(&Row, &mut Diagnostics),
    ) -> bool {
        let mut reader = reader(&src.text, delimiter);
        let mut record = ByteRecord::new();
        let mut ok = self.headers_ok;
        let mut found = Diagnostics::new();
        let mut wrong = 0;
        loop {
            match reader.read_byte_record(&mut record) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => {
                    unreadable(src, e.position(), e.to_string(), diags);
                    ok = false;
                    continue;
                }
            }
            // A row's cells are checked as UTF-8 together, once (a `StringRecord` checks each
            // cell on its own when the row is not all ASCII, as most Vietnamese rows are not).
            let text = match std::str::from_utf8(record.as_slice()) {
                Ok(text) => text,
                Err(e) => {
                    unreadable(src, record.position(), e.to_string(), diags);
                    ok = false;
                    continue;
                }
            };
            let (mut line, mut byte) = record
                .position()
                .map_or((0, 0), |p| (p.line() as usize, p.byte() as usize));
            // After blank lines the reader's position is the first of them: the row starts
            // after them, and that is the line its diagnostics name.
            let blank = src.text.as_bytes()[byte.min(src.text.len())..]
                .iter()
                .take_while(|b| **b == b'\n')
                .count();
            line += blank;
            byte += blank;
            let row = Row {
                line,
                byte,
                record: &record,
                text,
            };
            if row.cells().all(str::is_empty) {
                continue;
            }
            if row.len() != self.headers.len() {
                let message = if row.cells().any(|c| c.contains('\n')) {
                    Message::UnbalancedQuote
                } else {
                    Message::WrongCellCount {
                        cells: row.len(),
                        expected: self.headers.len(),
                    }
                };
                diags.error(&src.line_location(line), message);
                ok = false;
                wrong += 1;
                if wrong == MAX_WRONG_ROWS {
                    let message = Message::TooManyWrongRows {
                        limit: MAX_WRONG_ROWS,
                    };
                    diags.error(&src.line_location(line), message);
                    break;
                }
                continue;
            }
            if ok {
                each(&row, &mut found);
            }
        }
        if ok {
            diags.extend(found);
        }
        ok
    }

    /// The index of a column.
    pub fn col(&self, name: &str) -> Option<usize> {
        self.headers.iter().position(|h| h == name)
    }

    /// A cell by column name ("" when the column is absent).
    pub fn cell<'r>(&self, row: &Row<'r>, name: &str) -> &'r str {
        self.col(name).map_or("", |i| row.get(i))
    }

    /// A cell that must not be empty; an error when it is.
    pub fn required<'r>(&self, row: &Row<'r>, name: &str, diags: &mut Diagnostics) -> &'r str {
        let value = self.cell(row, name);
        if value.is_empty() {
            let column = name.to_string();
            diags.error(&self.at(row, name), Message::MissingValue { column });
        }
        value
    }

    /// The location of a cell: where its content starts.
    pub fn at(&self, row: &Row, name: &str) -> Location {
        self.locate(row.line, row.byte, self.col(name))
    }

    /// The location of the cell in column `col` of the row starting at byte `byte` on line
    /// `line`: where its content starts (the start of the line when there is no such cell).
    /// In a sheet, `line` is the row and the location is the cell.
    pub fn locate(&self, line: usize, byte: usize, col: Option<usize>) -> Location {
        match &self.origin {
            Origin::Csv { src, delimiter } => {
                let starts = cell_starts(&src.text, byte, *delimiter);
                match col.and_then(|i| starts.get(i)) {
                    Some(&offset) => src.location(offset),
                    None => src.line_location(line),
                }
            }
            Origin::Sheet { sheet, columns, .. } => {
                let c = col.and_then(|i| columns.get(i)).copied();
                sheet.location(line, c.unwrap_or(1))
            }
        }
    }

    /// In a sheet, the 1-based sheet column of a table column; `None` in a CSV file.
    pub fn sheet_column(&self, col: Option<usize>) -> Option<usize> {
        match &self.origin {
            Origin::Sheet { columns, .. } => {
                Some(col.and_then(|i| columns.get(i)).map_or(1, |c| *c))
            }
            Origin::Csv { .. } => None,
        }
    }

    /// The location of a column's header (in a CSV file, the header line).
    pub fn header_at(&self, col: usize) -> Location {
        match &self.origin {
            Origin::Csv { src, .. } => src.line_location(1),
            Origin::Sheet {
                sheet,
                columns,
                header,
            } => {
                let row = sheet.rows.get(*header).map_or(1, |r| r.row);
                sheet.location(row, columns.get(col).copied().unwrap_or(1))
            }
        }
    }

    /// Whether a cell of a row was a number in a sheet (never in a CSV file).
    pub fn is_number(&self, row: &Row, col: Option<usize>) -> bool {
        match (&self.origin, col) {
            (Origin::Sheet { sheet, columns, .. }, Some(i)) => {
                let r = sheet.rows.get(row.byte);
                let c = columns.get(i).map(|c| c - 1);
                r.zip(c).is_some_and(|(r, c)| r.numbers.contains(&c))
            }
            _ => false,
        }
    }

    /// Whether the table is a sheet with nothing below its headers, as a template writes it.
    pub fn is_blank_sheet(&self) -> bool {
        match &self.origin {
            Origin::Csv { .. } => false,
            Origin::Sheet { sheet, header, .. } => sheet.rows.len() <= header + 1,
        }
    }

    /// The sheet the table is, when it is one.
    pub fn as_sheet(&self) -> Option<&'a Sheet> {
        match self.origin {
            Origin::Sheet { sheet, .. } => Some(sheet),
            Origin::Csv { .. } => None,
        }
    }

    /// A number in a cell; `;`-separated tables may use a decimal comma.
    pub fn decimal(&self, text: &str) -> Result<Decimal, NumberProblem> {
        match read_decimal(text, DecimalSeparator::Point) {
            Err(NumberProblem::NotANumber) if self.separator == DecimalSeparator::Comma => {
                read_decimal(text, DecimalSeparator::Comma)
            }
            other => other,
        }
    }
}

/// Reports a row the CSV reader could not read. Not expected: the text is UTF-8 and rows
/// may have any number of cells.
fn unreadable(
    src: &SourceFile,
    at: Option<&csv::Position>,
    detail: String,
    diags: &mut Diagnostics,
) {
    let line = at.map_or(1, |p| p.line() as usize);
    diags.error(&src.line_location(line), Message::CsvSyntax { detail });
}

/// Checks a header row; `at` locates the header of a column (by index), or the row.
fn check_headers(
    at: &dyn Fn(Option<usize>) -> Location,
    headers: &[String],
    required: &[&str],
    optional: &[&str],
    diags: &mut Diagnostics,
) -> bool {
    let mut ok = true;
    let mut seen = std::collections::HashSet::new();
    for (i, h) in headers.iter().enumerate() {
        if !required.contains(&h.as_str()) && !optional.contains(&h.as_str()) {
            let column = h.clone();
            diags
                .error(&at(Some(i)), Message::UnknownColumn { column })
                .hint = did_you_mean(h, required.iter().chain(optional).copied());
            ok = false;
        }
        if !seen.insert(h.as_str()) {
            let column = h.clone();
            diags.error(&at(Some(i)), Message::DuplicateColumn { column });
            ok = false;
        }
    }
    for r in required {
        if !headers.iter().any(|h| h == r) {
            let column = r.to_string();
            diags.error(&at(None), Message::MissingColumn { column });
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

/// The offset of a quote that opens a cell and is never closed. Only quotes are looked at:
/// one opens a cell when it is the first byte of the file, of a line or after a delimiter.
fn unclosed_quote(text: &str, delimiter: u8) -> Option<usize> {
    let b = text.as_bytes();
    let mut from = 0;
    while let Some(n) = text[from..].find('"') {
        let open = from + n;
        from = open + 1;
        let field_start =
            open == 0 || matches!(b[open - 1], b'\n' | b'\r') || b[open - 1] == delimiter;
        if !field_start {
            continue;
        }
        // The quote that closes the cell: the first one not doubled.
        loop {
            let Some(n) = text[from..].find('"') else {
                return Some(open);
            };
            let close = from + n;
            if b.get(close + 1) == Some(&b'"') {
                from = close + 2;
            } else {
                from = close + 1;
                break;
            }
        }
    }
    None
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

    /// A line over the bound is refused where it is, before any row is read; one at the
    /// bound is read.
    #[test]
    fn a_line_longer_than_the_bound_is_refused_before_it_is_read() {
        let at = "x".repeat(MAX_LINE_BYTES);
        let text = format!("a\n1\n{at}\n");
        let (rows, found) = read(&text, &["a"]);
        assert_eq!((rows.len(), found), (2, vec![]));
        for text in [
            format!("a\n1\n{at}x\n2\n"),
            format!("a\n1\n{at}x"),
            format!("a\n1\n\"{at}\n"),
        ] {
            let (rows, found) = read(&text, &["a"]);
            assert_eq!((rows, found), (vec![], vec![("line-too-long", 3, 1)]));
        }
        let src = SourceFile::from_text("t.csv".into(), &format!("{at}x,b\n1,2\n"));
        let mut diags = Diagnostics::new();
        assert!(Table::open(&src, &["a", "b"], &[], &mut diags).is_none());
        let d = diags.iter().next().unwrap();
        let bytes = MAX_LINE_BYTES + 3;
        let limit = max_line_size();
        assert_eq!(d.message, Message::LineTooLong { bytes, limit });
        assert_eq!(d.line, Some(1));
    }

    /// Past [`MAX_WRONG_ROWS`] rows with the wrong number of cells, the rest is not read.
    #[test]
    fn a_table_of_garbage_is_read_up_to_the_bound_of_wrong_rows() {
        let text = format!("a,b\n1,2\n{}", "x;;\n".repeat(MAX_WRONG_ROWS + 500));
        let (_, found) = read(&text, &["a", "b"]);
        assert_eq!(found.len(), MAX_WRONG_ROWS + 1);
        assert!(
            found[..MAX_WRONG_ROWS]
                .iter()
                .all(|f| f.0 == "wrong-cell-count")
        );
        let last = MAX_WRONG_ROWS + 2;
        assert_eq!(found[MAX_WRONG_ROWS], ("wrong-cell-count", last, 1));
        let src = SourceFile::from_text("t.csv".into(), &text);
        let mut diags = Diagnostics::new();
        let t = Table::open(&src, &["a", "b"], &[], &mut diags).unwrap();
        assert!(!t.rows(&mut diags, |_, _| {}));
        let d = diags.iter().last().unwrap();
        let limit = MAX_WRONG_ROWS;
        assert_eq!(d.message, Message::TooManyWrongRows { limit });
        // One wrong row less than the bound: every one reported, nothing more.
        let text = format!("a,b\n{}", "x;;\n".repeat(MAX_WRONG_ROWS - 1));
        let (_, found) = read(&text, &["a", "b"]);
        assert_eq!(found.len(), MAX_WRONG_ROWS - 1);
    }

    #[test]
    fn an_unclosed_quote_is_found() {
        assert_eq!(unclosed_quote("a,b\n1,\"2\n3,4\n", b','), Some(6));
        assert_eq!(unclosed_quote("a,b\n1,\"2\"\"x\n\"\n3,4\n", b','), None);
        assert_eq!(unclosed_quote("a;b\n1;5\" pipe\n", b';'), None);
    }

    /// Byte by byte, the way the CSV reader goes: what the quote search must agree with.
    fn unclosed_quote_bytewise(text: &str, delimiter: u8) -> Option<usize> {
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

    /// Every text of up to `max` characters from `alphabet`.
    fn texts(alphabet: &[char], max: usize) -> Vec<String> {
        let mut all = vec![String::new()];
        let mut last = vec![String::new()];
        for _ in 0..max {
            last = last
                .iter()
                .flat_map(|t| alphabet.iter().map(move |c| format!("{t}{c}")))
                .collect();
            all.extend(last.iter().cloned());
        }
        all
    }

    #[test]
    fn the_quote_search_agrees_with_the_bytewise_scan() {
        for t in texts(&['"', ',', ';', '\n', '\r', 'x'], 7) {
            for d in [b',', b';'] {
                assert_eq!(
                    unclosed_quote(&t, d),
                    unclosed_quote_bytewise(&t, d),
                    "{t:?}"
                );
            }
        }
    }

    /// What a table's rows were read as, each with its line, its trimmed cells and the line
    /// and column where its last cell starts; and what was reported, as code, line and
    /// column.
    type Read = (
        Vec<(usize, Vec<String>, (usize, usize))>,
        Vec<(&'static str, usize, usize)>,
    );

    fn read(text: &str, columns: &[&str]) -> Read {
        let src = SourceFile::from_text("t.csv".into(), text);
        let mut diags = Diagnostics::new();
        let mut rows = Vec::new();
        if let Some(t) = Table::open(&src, columns, &[], &mut diags) {
            let last = Some(columns.len() - 1);
            t.rows(&mut diags, |row, _| {
                let cells = (0..columns.len()).map(|i| row.get(i).to_string()).collect();
                let at = t.locate(row.line, row.byte, last);
                rows.push((row.line, cells, (at.line, at.col)));
            });
        }
        let found = diags.iter();
        let found = found.map(|d| (d.code(), d.line.unwrap_or(0), d.col.unwrap_or(0)));
        (rows, found.collect())
    }

    fn cells(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| c.to_string()).collect()
    }

    #[test]
    fn quoted_cells_keep_their_quotes_delimiters_and_line_ends() {
        let text = "id,name,note\n\
                    x-1,\"Bản \"\"Mới\"\"\",\"a,b;c\"\n\
                    x-2,\"hai\ndòng\",z\n\
                    x-3,ba,\" c \"\n\
                    x-4,\"q\"r,\"\"\n";
        let (rows, found) = read(text, &["id", "name", "note"]);
        assert_eq!(found, []);
        assert_eq!(
            rows,
            [
                (2, cells(&["x-1", "Bản \"Mới\"", "a,b;c"]), (2, 19)),
                (3, cells(&["x-2", "hai\ndòng", "z"]), (4, 7)),
                // After a cell over two lines, lines are still counted in the text.
                (5, cells(&["x-3", "ba", "c"]), (5, 8)),
                (6, cells(&["x-4", "qr", ""]), (6, 10)),
            ]
        );
    }

    #[test]
    fn semicolon_tables_keep_commas_in_their_cells() {
        let text = "commune;item;value\nxa-a;1.1;1,5\nxa-a; 1.2 ;\"2,5\"\n";
        let src = SourceFile::from_text("t.csv".into(), text);
        let mut diags = Diagnostics::new();
        let t = Table::open(&src, &["commune", "item", "value"], &[], &mut diags).unwrap();
        assert!(t.separator == DecimalSeparator::Comma);
        let mut values = Vec::new();
        let ok = t.rows(&mut diags, |row, _| {
            values.push((t.cell(row, "item").to_string(), t.decimal(row.get(2)).ok()));
        });
        assert!(ok && diags.is_empty());
        let d = |s: &str| s.parse::<Decimal>().ok();
        assert_eq!(values, [("1.1".into(), d("1.5")), ("1.2".into(), d("2.5"))]);
        let (rows, _) = read(text, &["commune", "item", "value"]);
        assert_eq!(rows[1], (3, cells(&["xa-a", "1.2", "2,5"]), (3, 12)));
    }

    #[test]
    fn headers_and_cells_are_trimmed() {
        let text = " a ,\tb\n  x\t, \u{a0}y \n\"  z \",\" \"\n";
        let (rows, found) = read(text, &["a", "b"]);
        assert_eq!(found, []);
        assert_eq!(
            rows,
            [
                (2, cells(&["x", "y"]), (2, 7)),
                (3, cells(&["z", ""]), (3, 8))
            ]
        );
    }

    #[test]
    fn blank_rows_are_skipped_and_wrong_ones_reported() {
        let text = "a,b\n1,2\n\n , \n3,4,5\n6\n7,\"x\ny\",8\n9,10\n";
        let (rows, found) = read(text, &["a", "b"]);
        // Rows after a wrong one are not checked.
        assert_eq!(rows, [(2, cells(&["1", "2"]), (2, 3))]);
        assert_eq!(
            found,
            [
                ("wrong-cell-count", 5, 1),
                ("wrong-cell-count", 6, 1),
                ("unbalanced-quote", 7, 1),
            ]
        );
        let (_, found) = read("a,b\n1,\"2\n3,4\n", &["a", "b"]);
        assert_eq!(found, [("unbalanced-quote", 2, 3)]);
        // A row right after blank lines is reported on its own line, not the blank one.
        let (_, found) = read("a,b\n1,2\n\n\n3,4,5\n", &["a", "b"]);
        assert_eq!(found, [("wrong-cell-count", 5, 1)]);
    }

    #[test]
    fn cells_are_located_where_the_reader_finds_them() {
        for t in texts(&['"', ',', '\n', 'x', ' ', 'ạ'], 6) {
            let mut reader = reader(&t, b',');
            let mut record = csv::StringRecord::new();
            while reader.read_record(&mut record).unwrap() {
                let p = record.position().unwrap();
                let (line, byte) = (p.line() as usize, p.byte() as usize);
                // The reader's position is before the blank lines it skipped.
                let blank = t[byte..].len() - t[byte..].trim_start_matches('\n').len();
                assert_eq!(line + blank, t[..byte + blank].matches('\n').count() + 1);
                let starts = cell_starts(&t, byte + blank, b',');
                assert_eq!(starts.len(), record.len(), "{t:?}");
                for (&s, cell) in starts.iter().zip(&record) {
                    let cell = cell.trim_start_matches(' ');
                    let rest = &t[s..];
                    assert!(
                        rest.starts_with('"') || rest.starts_with(cell),
                        "{t:?}: {cell:?} at {s}"
                    );
                }
            }
        }
    }
}
