//! CSV tables as offices export them: `,` or `;` separated, headers checked, every row with
//! its line number.

use crate::diagnostic::{Diagnostics, did_you_mean};
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
}

impl<'a> Table<'a> {
    /// Reads a table, checking that `required` columns are there and that no column is
    /// outside `required`, `optional` (and `extra_ok`, when given, accepts more).
    pub fn read(
        src: &'a SourceFile,
        required: &[&str],
        optional: &[&str],
        extra_ok: Option<&dyn Fn(&str) -> bool>,
        diags: &mut Diagnostics,
    ) -> Option<Table<'a>> {
        let first = src.text.lines().next().unwrap_or("");
        let semicolon = first.matches(';').count() > first.matches(',').count();
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(if semicolon { b';' } else { b',' })
            .has_headers(true)
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(src.text.as_bytes());
        let headers: Vec<String> = match reader.headers() {
            Ok(h) => h.iter().map(str::to_string).collect(),
            Err(e) => {
                diags.error(
                    &src.line_location(1),
                    format!("this CSV file cannot be read: {e}"),
                );
                return None;
            }
        };
        let mut ok = true;
        for (i, h) in headers.iter().enumerate() {
            let known = required.contains(&h.as_str())
                || optional.contains(&h.as_str())
                || extra_ok.is_some_and(|f| f(h));
            if !known {
                let d = diags.error(&src.line_location(1), format!("unknown column `{h}`"));
                d.hint = did_you_mean(h, required.iter().chain(optional).copied());
                ok = false;
            }
            if headers[..i].contains(h) {
                diags.error(&src.line_location(1), format!("column `{h}` appears twice"));
                ok = false;
            }
        }
        for r in required {
            if !headers.iter().any(|h| h == r) {
                diags.error(&src.line_location(1), format!("column `{r}` is missing"));
                ok = false;
            }
        }
        let mut rows = Vec::new();
        for rec in reader.records() {
            match rec {
                Ok(rec) => {
                    let line = rec.position().map_or(0, |p| p.line() as usize);
                    if rec.iter().all(str::is_empty) {
                        continue;
                    }
                    if rec.len() != headers.len() {
                        diags.error(
                            &src.line_location(line),
                            format!(
                                "this row has {} cells, the header has {}",
                                rec.len(),
                                headers.len()
                            ),
                        );
                        ok = false;
                        continue;
                    }
                    rows.push(Row {
                        line,
                        cells: rec.iter().map(str::to_string).collect(),
                    });
                }
                Err(e) => {
                    let line = e.position().map_or(1, |p| p.line() as usize);
                    diags.error(
                        &src.line_location(line),
                        format!("this CSV row cannot be read: {e}"),
                    );
                    ok = false;
                }
            }
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

    /// The location of a cell.
    pub fn at(&self, row: &Row, name: &str) -> Location {
        let mut loc = self.src.line_location(row.line);
        if let Some(i) = self.col(name) {
            let value = &row.cells[i];
            if let Some(pos) = loc
                .line_text
                .find(value.as_str())
                .filter(|_| !value.is_empty())
            {
                loc.col = loc.line_text[..pos].chars().count() + 1;
            }
        }
        loc
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
