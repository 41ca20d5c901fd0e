//! CSV tables as offices export them: `,` or `;` separated, headers checked, rows read one
//! at a time with their line numbers. Where a cell starts is worked out only for a
//! diagnostic, so a table of a million rows is checked without being held in memory.

use crate::diagnostic::{Diagnostics, Hint, Message, did_you_mean};
use crate::number::{DecimalSeparator, parse_decimal};
use crate::source::{Location, SourceFile};
use rust_decimal::Decimal;
use std::borrow::Cow;

/// A CSV file whose header row has been read.
pub struct Table<'a> {
    pub src: &'a SourceFile,
    pub headers: Vec<String>,
    /// The decimal separator numbers in this table use.
    pub separator: DecimalSeparator,
    delimiter: u8,
    /// Whether the header row passed its checks.
    headers_ok: bool,
}

/// One data row, while it is being read.
pub struct Row<'r> {
    pub line: usize,
    /// The byte offset in the source text where the row starts.
    pub byte: usize,
    cells: &'r [Cow<'r, str>],
}

impl<'r> Row<'r> {
    /// A cell by column index, trimmed ("" when the row has no such cell).
    pub fn get(&self, col: usize) -> &'r str {
        self.cells.get(col).map_or("", |c| trim(c))
    }
}

/// `str::trim`, quicker for the usual cell that neither starts nor ends with a space.
fn trim(cell: &str) -> &str {
    // An ASCII byte above the space is no whitespace, and a whole character.
    let plain = |b: Option<&u8>| b.is_some_and(|&b| b > b' ' && b < 0x80);
    let b = cell.as_bytes();
    if plain(b.first()) && plain(b.last()) {
        cell
    } else {
        cell.trim()
    }
}

impl<'a> Table<'a> {
    /// Opens a table, checking that `required` columns are there and that no column is
    /// outside `required` and `optional`; `None` when it cannot be read at all.
    pub fn open(
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
        let mut header = Vec::new();
        Records::new(&src.text, delimiter).next(&mut header);
        let headers: Vec<String> = header.iter().map(|h| h.trim().to_string()).collect();
        let headers_ok = check_headers(src, &headers, required, optional, diags);
        Some(Table {
            src,
            headers,
            separator: if semicolon {
                DecimalSeparator::Comma
            } else {
                DecimalSeparator::Point
            },
            delimiter,
            headers_ok,
        })
    }

    /// Reads the data rows in order, skipping blank ones, and calls `each` on every row of
    /// a well-formed table. Rows with the wrong number of cells are reported; a table with
    /// such a row or with wrong headers is not checked further, and what `each` found in it
    /// is dropped. Returns whether the table is well-formed.
    pub fn rows(
        &self,
        diags: &mut Diagnostics,
        mut each: impl FnMut(&Row, &mut Diagnostics),
    ) -> bool {
        let mut records = Records::new(&self.src.text, self.delimiter);
        let mut record = Vec::new();
        records.next(&mut record);
        let mut ok = self.headers_ok;
        let mut found = Diagnostics::new();
        while let Some((line, byte)) = records.next(&mut record) {
            if record.iter().all(|c| trim(c).is_empty()) {
                continue;
            }
            if record.len() != self.headers.len() {
                let message = if record.iter().any(|c| trim(c).contains('\n')) {
                    Message::UnbalancedQuote
                } else {
                    Message::WrongCellCount {
                        cells: record.len(),
                        expected: self.headers.len(),
                    }
                };
                diags.error(&self.src.line_location(line), message);
                ok = false;
                continue;
            }
            if ok {
                let row = Row {
                    line,
                    byte,
                    cells: &record,
                };
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
    pub fn locate(&self, line: usize, byte: usize, col: Option<usize>) -> Location {
        let starts = cell_starts(&self.src.text, byte, self.delimiter);
        match col.and_then(|i| starts.get(i)) {
            Some(&offset) => self.src.location(offset),
            None => self.src.line_location(line),
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

/// Records read the way the `csv` crate reads them with a delimiter, `"` quotes (doubled
/// inside a quoted cell), line ends as record ends and blank lines skipped; but over text in
/// memory, so that cells are slices of it, copied only to undouble a quote. The text has
/// `\n` line ends only (see [`SourceFile`]).
struct Records<'a> {
    text: &'a str,
    delimiter: u8,
    /// Where the next record is looked for, and its line.
    pos: usize,
    line: usize,
}

/// What ended a cell.
enum End {
    Delimiter,
    Line,
    Text,
}

impl<'a> Records<'a> {
    fn new(text: &'a str, delimiter: u8) -> Self {
        Records {
            text,
            delimiter,
            pos: 0,
            line: 1,
        }
    }

    /// Reads the next record into `cells`, untrimmed; returns the line and byte offset the
    /// reader was at before it (before the blank lines it skips, as the `csv` crate counts),
    /// `None` at the end of the text.
    fn next(&mut self, cells: &mut Vec<Cow<'a, str>>) -> Option<(usize, usize)> {
        cells.clear();
        let start = (self.line, self.pos);
        let b = self.text.as_bytes();
        while b.get(self.pos) == Some(&b'\n') {
            self.pos += 1;
            self.line += 1;
        }
        if self.pos >= b.len() {
            return None;
        }
        loop {
            let (cell, end) = if b.get(self.pos) == Some(&b'"') {
                self.quoted()
            } else {
                self.unquoted(None)
            };
            cells.push(cell);
            match end {
                End::Delimiter => {}
                End::Line | End::Text => return Some(start),
            }
        }
    }

    /// A cell without quotes, or the rest of a quoted cell after its closing quote (`head`
    /// being what was inside the quotes): up to the next delimiter or line end.
    fn unquoted(&mut self, head: Option<Cow<'a, str>>) -> (Cow<'a, str>, End) {
        let b = self.text.as_bytes();
        let from = self.pos;
        let to = b[from..]
            .iter()
            .position(|&c| c == self.delimiter || c == b'\n')
            .map_or(b.len(), |n| from + n);
        let part = &self.text[from..to];
        let cell = match head {
            None => Cow::Borrowed(part),
            Some(head) if part.is_empty() => head,
            Some(head) => Cow::Owned(head.into_owned() + part),
        };
        (cell, self.end_at(to))
    }

    /// A cell starting with a quote.
    fn quoted(&mut self) -> (Cow<'a, str>, End) {
        let b = self.text.as_bytes();
        let mut from = self.pos + 1;
        let mut undoubled: Option<String> = None;
        loop {
            let Some(n) = self.text[from..].find('"') else {
                // Never closed: the cell runs to the end of the text.
                let part = &self.text[from..];
                self.line += part.matches('\n').count();
                self.pos = b.len();
                return (join(undoubled, part), End::Text);
            };
            let quote = from + n;
            let part = &self.text[from..quote];
            self.line += part.matches('\n').count();
            if b.get(quote + 1) == Some(&b'"') {
                let mut s = undoubled.unwrap_or_default();
                s.push_str(part);
                s.push('"');
                undoubled = Some(s);
                from = quote + 2;
                continue;
            }
            let head = join(undoubled, part);
            self.pos = quote + 1;
            return match b.get(self.pos) {
                Some(&c) if c != self.delimiter && c != b'\n' => self.unquoted(Some(head)),
                _ => (head, self.end_at(self.pos)),
            };
        }
    }

    /// Ends a cell at byte `at` (a delimiter, a line end or the end of the text), moving
    /// past it.
    fn end_at(&mut self, at: usize) -> End {
        match self.text.as_bytes().get(at) {
            None => {
                self.pos = at;
                End::Text
            }
            Some(b'\n') => {
                self.pos = at + 1;
                self.line += 1;
                End::Line
            }
            Some(_) => {
                self.pos = at + 1;
                End::Delimiter
            }
        }
    }
}

/// What was inside a cell's quotes: `part` after the `undoubled` text before it, if any.
fn join<'a>(undoubled: Option<String>, part: &'a str) -> Cow<'a, str> {
    match undoubled {
        None => Cow::Borrowed(part),
        Some(mut s) => {
            s.push_str(part);
            Cow::Owned(s)
        }
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
    let at = &|| src.line_location(1);
    for (i, h) in headers.iter().enumerate() {
        if !required.contains(&h.as_str()) && !optional.contains(&h.as_str()) {
            let column = h.clone();
            diags.error(&at(), Message::UnknownColumn { column }).hint =
                did_you_mean(h, required.iter().chain(optional).copied());
            ok = false;
        }
        if headers[..i].contains(h) {
            let column = h.clone();
            diags.error(&at(), Message::DuplicateColumn { column });
            ok = false;
        }
    }
    for r in required {
        if !headers.iter().any(|h| h == r) {
            let column = r.to_string();
            diags.error(&at(), Message::MissingColumn { column });
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

    /// Each record with the line and byte the reader was at before it, and its cells.
    type Read = Vec<((usize, usize), Vec<String>)>;

    fn read_by_csv_crate(text: &str, delimiter: u8) -> Read {
        let mut reader = csv::ReaderBuilder::new()
            .buffer_capacity(16)
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut out = Vec::new();
        let mut record = csv::StringRecord::new();
        while reader.read_record(&mut record).unwrap() {
            let p = record.position().unwrap();
            let cells = record.iter().map(String::from).collect();
            out.push(((p.line() as usize, p.byte() as usize), cells));
        }
        out
    }

    fn read_by_records(text: &str, delimiter: u8) -> Read {
        let mut records = Records::new(text, delimiter);
        let mut cells = Vec::new();
        let mut out = Vec::new();
        while let Some(at) = records.next(&mut cells) {
            out.push((at, cells.iter().map(|c| c.to_string()).collect()));
        }
        out
    }

    #[test]
    fn records_are_read_as_the_csv_crate_reads_them() {
        // (With `;` as delimiter, `,` is a character like `x`.)
        for t in texts(&['"', ',', '\n', 'x', 'ạ'], 6) {
            assert_eq!(
                read_by_records(&t, b','),
                read_by_csv_crate(&t, b','),
                "{t:?}"
            );
        }
        let t = "a,b\n\n x ,\"y,\"\"z\"\"\"\n\"q\"r,s\n\"multi\nline\",\"\"\n,\n";
        assert_eq!(read_by_records(t, b','), read_by_csv_crate(t, b','));
    }
}
