//! Claims of tables (Word or Markdown): a total row against the rows above it, a count of
//! marked cells ("x") against its column, a row's marks against its count, a difference
//! column, a percentage column against the two columns before it, an average row.
//!
//! Rows are read as offices lay them out: header rows first (no cell is a number), then
//! rows numbered 1, 2, 3 in an "STT" column with their sub-rows ("-", "+", "a") under them,
//! then "Tổng cộng" and "Bình quân" rows.

use super::claim::{Claim, Figure, Found, Rule, Site};
use super::document::{Cell, Document};
use super::names::fold;
use super::token::{Kind, tokens};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// The claims of every table of a document.
pub fn claims(doc: &Document, out: &mut Vec<Found>) {
    let mut tables: BTreeMap<usize, BTreeMap<(usize, usize), usize>> = BTreeMap::new();
    for (k, u) in doc.units.iter().enumerate() {
        if let Some(Cell { table, row, col }) = u.cell {
            // A cell of several paragraphs keeps its first unit: the table's grid.
            tables
                .entry(table)
                .or_default()
                .entry((row, col))
                .or_insert(k);
        }
    }
    for cells in tables.values() {
        Table::new(doc, cells).claims(out);
    }
}

/// A figure of a table and what its cells give.
fn column(column: &str, rule: Rule, stated: Figure, computed: Decimal, rows: usize) -> Claim {
    Claim::Column {
        column: column.to_string(),
        rule,
        stated,
        computed,
        rows,
    }
}

/// What a cell holds.
#[derive(Clone, Debug, PartialEq)]
enum Value {
    Empty,
    Number(Figure),
    Mark,
    Text,
}

/// Reads a cell: a number (Vietnamese format, a sign allowed), a mark ("x", "x*"), empty
/// ("", "—"), or text.
fn value(text: &str) -> Value {
    let t = text.trim();
    // "*" alone marks a note (not met, though its indicators are), not a criterion met.
    if t.is_empty() || matches!(t, "—" | "–" | "-" | "…" | "*") {
        return Value::Empty;
    }
    // "CB" (cơ bản đạt) and "KĐG" (không đánh giá) mark a criterion not counted as met.
    if matches!(fold(t).as_str(), "cb" | "kdg") {
        return Value::Empty;
    }
    if matches!(fold(t).trim_end_matches('*'), "x" | "v" | "✓" | "✔" | "dat") {
        return Value::Mark;
    }
    let toks = tokens(t);
    match toks.as_slice() {
        [n] if matches!(n.kind, Kind::Num { .. }) => number(t, n, 1),
        [s, n] if s.is_punct('+') && matches!(n.kind, Kind::Num { .. }) => number(t, n, 1),
        [s, n] if s.is_punct('-') && matches!(n.kind, Kind::Num { .. }) => number(t, n, -1),
        _ => Value::Text,
    }
}

fn number(text: &str, t: &super::token::Tok, sign: i64) -> Value {
    let v = t.num().unwrap_or_default() * Decimal::from(sign);
    Value::Number(Figure {
        value: v,
        decimals: t.decimals(),
        text: text.to_string(),
    })
}

struct Table<'a> {
    doc: &'a Document,
    cells: &'a BTreeMap<(usize, usize), usize>,
    rows: Vec<usize>,
    cols: Vec<usize>,
}

/// What a row is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind2 {
    Header,
    /// A numbered row (or any row, when the table numbers none).
    Top,
    /// A row under a numbered one ("-", "+", "a").
    Sub,
    /// A row numbered with a Roman numeral: a group of the numbered rows under it (a
    /// former district), its numbers their sub-totals.
    Group,
    Total,
    Average,
}

impl<'a> Table<'a> {
    fn new(doc: &'a Document, cells: &'a BTreeMap<(usize, usize), usize>) -> Table<'a> {
        let mut rows: Vec<usize> = cells.keys().map(|&(r, _)| r).collect();
        rows.dedup();
        let mut cols: Vec<usize> = cells.keys().map(|&(_, c)| c).collect();
        cols.sort_unstable();
        cols.dedup();
        Table {
            doc,
            cells,
            rows,
            cols,
        }
    }

    fn text(&self, row: usize, col: usize) -> &str {
        self.cells
            .get(&(row, col))
            .map_or("", |&k| self.doc.units[k].text.as_str())
    }

    fn value(&self, row: usize, col: usize) -> Value {
        value(self.text(row, col))
    }

    /// The label of a row: its first cells that are text, folded.
    fn label(&self, row: usize) -> String {
        self.cols
            .iter()
            .take(3)
            .map(|&c| fold(self.text(row, c)))
            .find(|t| !t.is_empty() && t.chars().any(char::is_alphabetic))
            .unwrap_or_default()
    }

    fn kinds(&self) -> Vec<Kind2> {
        let mut header = true;
        let stt = self
            .cols
            .first()
            .filter(|&&c| {
                matches!(
                    fold(self.text(self.rows[0], c)).as_str(),
                    "stt" | "tt" | "so tt"
                )
            })
            .copied();
        let stt_text = |r: usize| stt.map_or("", |c| self.text(r, c).trim().trim_end_matches('.'));
        let roman = |r: usize| {
            let t = stt_text(r);
            !t.is_empty() && t.chars().all(|ch| matches!(ch, 'I' | 'V' | 'X'))
        };
        let numbered = |r: usize| {
            let t = stt_text(r);
            !t.is_empty() && (t.chars().all(|ch| ch.is_ascii_digit()) || roman(r))
        };
        // Roman numerals are groups only when digits number the rows under them.
        let grouped = self.rows.iter().any(|&r| roman(r))
            && self.rows.iter().any(|&r| {
                stt_text(r).chars().all(|ch| ch.is_ascii_digit()) && !stt_text(r).is_empty()
            });
        let any_numbered = self.rows.iter().any(|&r| numbered(r));
        self.rows
            .iter()
            .map(|&r| {
                let label = self.label(r);
                if header
                    && !self
                        .cols
                        .iter()
                        .any(|&c| matches!(self.value(r, c), Value::Number(_)))
                {
                    return Kind2::Header;
                }
                header = false;
                // A row numbered in the STT column is one of the rows a total adds up,
                // whatever its label ("2 | Cộng đồng", the community's contribution).
                if !numbered(r) && is_total_label(&label) {
                    Kind2::Total
                } else if !numbered(r) && label.starts_with("binh quan") {
                    Kind2::Average
                } else if grouped && roman(r) {
                    Kind2::Group
                } else if !any_numbered || numbered(r) {
                    Kind2::Top
                } else {
                    Kind2::Sub
                }
            })
            .collect()
    }

    /// A column's header, as written (its header cells joined).
    fn header(&self, kinds: &[Kind2], col: usize) -> String {
        let mut parts: Vec<&str> = Vec::new();
        for (i, &r) in self.rows.iter().enumerate() {
            if kinds[i] != Kind2::Header {
                break;
            }
            let t = self.text(r, col).trim();
            if !t.is_empty() && !parts.contains(&t) {
                parts.push(t);
            }
        }
        parts.join(" ")
    }

    fn claims(&self, out: &mut Vec<Found>) {
        let kinds = self.kinds();
        let body: Vec<(usize, Kind2)> = self
            .rows
            .iter()
            .zip(&kinds)
            .filter(|(_, k)| **k != Kind2::Header)
            .map(|(&r, &k)| (r, k))
            .collect();
        if body.is_empty() {
            return;
        }
        let headers: Vec<String> = self.cols.iter().map(|&c| self.header(&kinds, c)).collect();
        let folded: Vec<String> = headers.iter().map(|h| fold(h)).collect();
        let is_percent = |i: usize| folded[i].contains('%') || folded[i].contains("ty le");
        let is_diff = |i: usize| folded[i].contains("tang") && folded[i].contains("giam");
        let skip =
            |i: usize| folded[i] == "stt" || folded[i] == "tt" || folded[i].contains("ghi chu");
        let marks: Vec<bool> = self
            .cols
            .iter()
            .map(|&c| {
                let vals: Vec<Value> = body
                    .iter()
                    .filter(|(_, k)| matches!(k, Kind2::Top | Kind2::Sub))
                    .map(|&(r, _)| self.value(r, c))
                    .collect();
                vals.contains(&Value::Mark)
                    && vals.iter().all(|v| matches!(v, Value::Mark | Value::Empty))
            })
            .collect();
        let numeric: Vec<bool> = self
            .cols
            .iter()
            .map(|&c| {
                let vals: Vec<Value> = body.iter().map(|&(r, _)| self.value(r, c)).collect();
                vals.iter().any(|v| matches!(v, Value::Number(_)))
                    && vals
                        .iter()
                        .all(|v| matches!(v, Value::Number(_) | Value::Empty))
            })
            .collect();
        for (i, &c) in self.cols.iter().enumerate() {
            if skip(i) {
                continue;
            }
            if is_percent(i) {
                self.percent_column(&body, i, &numeric, &is_percent, &skip, out);
                continue;
            }
            if is_diff(i) {
                self.difference_column(&body, i, &numeric, &headers, out);
                continue;
            }
            if marks[i] {
                self.mark_column(&body, c, &headers[i], out);
            } else if numeric[i] {
                self.sum_column(&body, c, &headers[i], out);
            }
        }
        if folded
            .first()
            .is_some_and(|h| matches!(h.as_str(), "stt" | "tt" | "so tt"))
        {
            self.sequence(&body, out);
        }
        if let Some(i) = folded
            .iter()
            .position(|h| h.contains("so tc dat") || h.contains("so tieu chi dat"))
        {
            let mark_cols: Vec<usize> = self
                .cols
                .iter()
                .zip(&marks)
                .filter(|(_, m)| **m)
                .map(|(&c, _)| c)
                .collect();
            if !mark_cols.is_empty() {
                self.row_marks(&body, self.cols[i], &mark_cols, out);
            }
        }
    }

    /// Records a claim about the cell at `row`, `col`.
    fn push(&self, row: usize, col: usize, claim: Claim, out: &mut Vec<Found>) {
        let Some(&k) = self.cells.get(&(row, col)) else {
            return;
        };
        let text = &self.doc.units[k].text;
        out.push(Found {
            claim,
            site: Site {
                unit: k,
                sentence: 0..text.len(),
                at: 0..text.len(),
            },
        });
    }

    /// A total row against the numbered rows above it; a numbered row against its sub-rows.
    fn sum_column(&self, body: &[(usize, Kind2)], col: usize, header: &str, out: &mut Vec<Found>) {
        let num = |r: usize| match self.value(r, col) {
            Value::Number(f) => Some(f.value),
            _ => None,
        };
        let mut tops: Vec<usize> = Vec::new();
        for (i, &(r, k)) in body.iter().enumerate() {
            match k {
                Kind2::Top => {
                    tops.push(r);
                    let subs: Vec<usize> = body[i + 1..]
                        .iter()
                        .take_while(|(_, k)| *k == Kind2::Sub)
                        .map(|&(s, _)| s)
                        .collect();
                    if subs.len() >= 2
                        && subs.iter().all(|&s| num(s).is_some())
                        && let Value::Number(f) = self.value(r, col)
                    {
                        let sum: Decimal = subs.iter().filter_map(|&s| num(s)).sum();
                        self.push(r, col, column(header, Rule::Sum, f, sum, subs.len()), out);
                    }
                }
                Kind2::Group => {
                    let members: Vec<usize> = body[i + 1..]
                        .iter()
                        .take_while(|(_, k)| matches!(k, Kind2::Top | Kind2::Sub))
                        .filter(|(_, k)| *k == Kind2::Top)
                        .map(|&(t, _)| t)
                        .collect();
                    if let Value::Number(f) = self.value(r, col)
                        && !members.is_empty()
                    {
                        let sum: Decimal = members.iter().filter_map(|&t| num(t)).sum();
                        self.push(
                            r,
                            col,
                            column(header, Rule::Sum, f, sum, members.len()),
                            out,
                        );
                    }
                }
                Kind2::Total => {
                    // Over the groups where every group gives the column, else over the rows.
                    let groups: Vec<usize> = body
                        .iter()
                        .filter(|(_, k)| *k == Kind2::Group)
                        .map(|&(g, _)| g)
                        .collect();
                    let parts = if !groups.is_empty() && groups.iter().all(|&g| num(g).is_some()) {
                        groups
                    } else {
                        tops.clone()
                    };
                    if let Value::Number(f) = self.value(r, col)
                        && !parts.is_empty()
                    {
                        let sum: Decimal = parts.iter().filter_map(|&t| num(t)).sum();
                        self.push(r, col, column(header, Rule::Sum, f, sum, parts.len()), out);
                    }
                }
                Kind2::Average => {
                    let total = body
                        .iter()
                        .find(|(_, k)| *k == Kind2::Total)
                        .and_then(|&(t, _)| num(t));
                    if let (Value::Number(f), Some(total)) = (self.value(r, col), total)
                        && !tops.is_empty()
                    {
                        let avg = total / Decimal::from(tops.len());
                        self.push(
                            r,
                            col,
                            column(header, Rule::Average, f, avg, tops.len()),
                            out,
                        );
                    }
                }
                _ => {}
            }
        }
    }

    /// A total row against the number of marked cells above it.
    fn mark_column(&self, body: &[(usize, Kind2)], col: usize, header: &str, out: &mut Vec<Found>) {
        let rows: Vec<usize> = body
            .iter()
            .filter(|(_, k)| matches!(k, Kind2::Top | Kind2::Sub))
            .map(|&(r, _)| r)
            .collect();
        let marked = rows
            .iter()
            .filter(|&&r| self.value(r, col) == Value::Mark)
            .count();
        for (i, &(r, k)) in body.iter().enumerate() {
            if k == Kind2::Total
                && let Value::Number(f) = self.value(r, col)
            {
                self.push(
                    r,
                    col,
                    column(header, Rule::Marks, f, Decimal::from(marked), rows.len()),
                    out,
                );
            }
            // A group row: the marks of the rows under it.
            if k == Kind2::Group
                && let Value::Number(f) = self.value(r, col)
            {
                let members: Vec<usize> = body[i + 1..]
                    .iter()
                    .take_while(|(_, k)| matches!(k, Kind2::Top | Kind2::Sub))
                    .map(|&(t, _)| t)
                    .collect();
                let marked = members
                    .iter()
                    .filter(|&&t| self.value(t, col) == Value::Mark)
                    .count();
                self.push(
                    r,
                    col,
                    column(header, Rule::Marks, f, Decimal::from(marked), members.len()),
                    out,
                );
            }
        }
    }

    /// A row's count of criteria against the marks in its row.
    fn row_marks(
        &self,
        body: &[(usize, Kind2)],
        col: usize,
        mark_cols: &[usize],
        out: &mut Vec<Found>,
    ) {
        for &(r, k) in body {
            if !matches!(k, Kind2::Top | Kind2::Sub) {
                continue;
            }
            if let Value::Number(f) = self.value(r, col) {
                let marked = mark_cols
                    .iter()
                    .filter(|&&c| self.value(r, c) == Value::Mark)
                    .count();
                let label = self.label_text(r);
                self.push(
                    r,
                    col,
                    column(
                        &label,
                        Rule::RowMarks,
                        f,
                        Decimal::from(marked),
                        mark_cols.len(),
                    ),
                    out,
                );
            }
        }
    }

    /// Rows numbered 1, 2, 3 in order (starting again under a Roman numeral).
    fn sequence(&self, body: &[(usize, Kind2)], out: &mut Vec<Found>) {
        let col = self.cols[0];
        let mut expected = 1u32;
        for &(r, _) in body {
            let t = self.text(r, col).trim().trim_end_matches('.');
            if !t.is_empty() && t.chars().all(|c| matches!(c, 'I' | 'V' | 'X')) {
                expected = 1;
                continue;
            }
            let Ok(n) = t.parse::<u32>() else {
                continue;
            };
            if let Value::Number(f) = self.value(r, col) {
                self.push(
                    r,
                    col,
                    column("STT", Rule::Sequence, f, Decimal::from(expected), 1),
                    out,
                );
            }
            expected = n + 1;
        }
    }

    fn label_text(&self, row: usize) -> String {
        self.cols
            .iter()
            .take(3)
            .map(|&c| self.text(row, c).trim())
            .find(|t| t.chars().any(char::is_alphabetic))
            .unwrap_or("")
            .to_string()
    }

    /// The two numeric columns nearest to the left of column `i` (the nearer first).
    fn left_numbers(
        &self,
        i: usize,
        numeric: &[bool],
        exclude: &dyn Fn(usize) -> bool,
    ) -> Option<(usize, usize)> {
        let left: Vec<usize> = (0..i)
            .rev()
            .filter(|&j| numeric[j] && !exclude(j))
            .take(2)
            .collect();
        match left[..] {
            [a, b] => Some((self.cols[a], self.cols[b])),
            _ => None,
        }
    }

    /// A percentage column against the two numeric columns before it.
    fn percent_column(
        &self,
        body: &[(usize, Kind2)],
        i: usize,
        numeric: &[bool],
        is_percent: &dyn Fn(usize) -> bool,
        skip: &dyn Fn(usize) -> bool,
        out: &mut Vec<Found>,
    ) {
        let exclude = |j: usize| is_percent(j) || skip(j);
        let Some((near, far)) = self.left_numbers(i, numeric, &exclude) else {
            return;
        };
        for &(r, _) in body {
            let (Value::Number(p), Value::Number(a), Value::Number(b)) = (
                self.value(r, self.cols[i]),
                self.value(r, near),
                self.value(r, far),
            ) else {
                continue;
            };
            // Share of the further column ("Đã giải ngân" of "Kế hoạch vốn"), or the other way.
            let fits = |part: &Figure, whole: &Figure| {
                super::check::percent_message(part, whole, &p).is_none()
            };
            let (part, whole) = if fits(&b, &a) { (b, a) } else { (a, b) };
            let Some(&k) = self.cells.get(&(r, self.cols[i])) else {
                continue;
            };
            let text = &self.doc.units[k].text;
            out.push(Found {
                claim: Claim::Percent {
                    part,
                    whole,
                    percent: p,
                },
                site: Site {
                    unit: k,
                    sentence: 0..text.len(),
                    at: 0..text.len(),
                },
            });
        }
    }

    /// "Tăng (+), giảm (-)": the column two to the left less the one to the left.
    fn difference_column(
        &self,
        body: &[(usize, Kind2)],
        i: usize,
        numeric: &[bool],
        headers: &[String],
        out: &mut Vec<Found>,
    ) {
        let Some((near, far)) = self.left_numbers(i, numeric, &|_| false) else {
            return;
        };
        for &(r, _) in body {
            let (Value::Number(d), Value::Number(a), Value::Number(b)) = (
                self.value(r, self.cols[i]),
                self.value(r, far),
                self.value(r, near),
            ) else {
                continue;
            };
            self.push(
                r,
                self.cols[i],
                column(&headers[i], Rule::Difference, d, a.value - b.value, 2),
                out,
            );
        }
    }
}

/// Whether a row's label (folded) names a total: "Tổng cộng", "Tổng số", "Cộng", "Toàn
/// huyện", "Toàn tỉnh". "Cộng đồng" (the community) is a source of funds, not a sum.
fn is_total_label(label: &str) -> bool {
    let mut words = label
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty());
    let first = words.next().unwrap_or_default();
    let second = words.next().unwrap_or_default();
    first.starts_with("tong")
        || (first == "cong" && second != "dong")
        || label.starts_with("toan huyen")
        || label.starts_with("toan tinh")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The funding appendix as the program writes it: the community's row, numbered 2, is
    /// added into the total, not taken for a total of the rows above it.
    #[test]
    fn a_numbered_row_of_the_community_is_a_part_not_a_total() {
        let md = "| STT | Nguồn vốn | Số tiền (triệu đồng) |\n|---|---|---|\n\
                  | 1 | Vốn Chương trình | 420.000 |\n| - | Vốn đầu tư | 300.000 |\n\
                  | - | Vốn sự nghiệp | 120.000 |\n| 2 | Cộng đồng | 20.000,5 |\n\
                  |  | Tổng cộng | 440.000,5 |\n";
        let doc = crate::audit::read("r.md", md.as_bytes().to_vec(), None).unwrap();
        let report = crate::audit::audit(&doc, None);
        assert!(report.findings.is_empty(), "{:?}", report.findings);
        // Three sums checked: row 1 by its sub-rows, the total by rows 1 and 2.
        assert!(report.checked >= 2, "{}", report.checked);
        let wrong = md.replace("440.000,5", "440.000");
        let doc = crate::audit::read("r.md", wrong.into_bytes(), None).unwrap();
        assert_eq!(crate::audit::audit(&doc, None).findings.len(), 1);
        for (label, total) in [
            ("tong cong", true),
            ("tong so", true),
            ("cong", true),
            ("cong:", true),
            ("toan huyen", true),
            ("cong dong", false),
            ("von cong dong", false),
        ] {
            assert_eq!(is_total_label(label), total, "{label}");
        }
    }

    #[test]
    fn cells_are_numbers_marks_or_text() {
        assert!(matches!(value("5.112"), Value::Number(f) if f.value == Decimal::from(5112)));
        assert!(matches!(value("+2"), Value::Number(f) if f.value == Decimal::from(2)));
        assert!(matches!(value("-1"), Value::Number(f) if f.value == Decimal::from(-1)));
        assert_eq!(value("x*"), Value::Mark);
        assert_eq!(value("—"), Value::Empty);
        assert_eq!(value("TC 1"), Value::Text);
    }
}
