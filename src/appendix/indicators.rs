//! Appendix 02a: every indicator of every commune, with its value, threshold and result.
//! Printed as a table per criterion (communes × the criterion's indicators); in the
//! workbook, a row per commune and indicator. A national report has some 600,000 commune
//! indicators: the rows are made one at a time as a writer asks for them, never held whole.

use super::{Sheet, Value, strings};
use crate::facts::{
    CommuneFacts, CommuneIndicator, Comparator, Facts, Given, IndicatorTotal, Kind, Status,
};
use crate::number::{vi, vi_scaled};
use crate::report::model::{Block, Cell, Inline, ParagraphStyle, RowSource, Rows, Table};
use rust_decimal::Decimal;
use std::collections::HashMap;

const SHEET_COLUMNS: [&str; 13] = [
    "Mã xã",
    "Tên xã",
    "Chỉ tiêu",
    "Nội dung",
    "Giá trị",
    "Tử số",
    "Mẫu số",
    "Tỷ lệ (%)",
    "Ngưỡng",
    "So sánh",
    "Đơn vị",
    "Áp dụng",
    "Đạt",
];

/// The unit-wide facts of the indicators, found by id.
struct Meta<'f> {
    totals: &'f [IndicatorTotal],
    by_id: HashMap<&'f str, &'f IndicatorTotal>,
}

impl<'f> Meta<'f> {
    fn new(f: &'f Facts) -> Self {
        Meta {
            totals: &f.indicators,
            by_id: f.indicators.iter().map(|i| (i.id.as_str(), i)).collect(),
        }
    }

    /// The totals of the `k`-th indicator of a commune: communes list their indicators in
    /// the order of the totals, as a rule.
    fn of(&self, k: usize, ind: &CommuneIndicator) -> Option<&'f IndicatorTotal> {
        self.totals
            .get(k)
            .filter(|m| m.id == ind.id)
            .or_else(|| self.by_id.get(ind.id.as_str()).copied())
    }
}

/// The printed appendix: a table per criterion, communes in rows and the criterion's
/// indicators in columns, so one commune's result for one indicator is found at a row
/// and a column; each table has its caption before it and the indicators' wording after it.
pub(super) fn blocks(f: &Facts) -> Vec<Block<'_>> {
    let mut out = Vec::new();
    for c in &f.criteria {
        let of: Vec<usize> = (0..f.indicators.len())
            .filter(|&k| f.indicators[k].criterion == c.number)
            .collect();
        if of.is_empty() {
            continue;
        }
        out.push(Block::Paragraph {
            style: ParagraphStyle::Body,
            text: vec![Inline {
                text: format!("Tiêu chí số {:02} - {}", c.number, c.name),
                bold: true,
                italic: false,
            }],
        });
        let t = criterion_table(f, c.number, of.clone());
        debug_assert!(t.is_well_formed(), "appendix 02a, criterion {}", c.number);
        out.push(Block::Table(t));
        let legend: Vec<String> = of
            .iter()
            .map(|&k| {
                let i = &f.indicators[k];
                // Ratios are shown as percentages; other quantities in their unit.
                match i.unit.as_str() {
                    _ if matches!(i.kind, Kind::Ratio | Kind::Percent | Kind::YesNo) => {
                        format!("{} - {}", i.id, i.content)
                    }
                    "" => format!("{} - {}", i.id, i.content),
                    unit => format!("{} - {} ({unit})", i.id, i.content),
                }
            })
            .collect();
        out.push(Block::Paragraph {
            style: ParagraphStyle::Body,
            text: vec![Inline {
                text: format!("Chỉ tiêu {}.", legend.join("; ")),
                bold: false,
                italic: true,
            }],
        });
    }
    out
}

/// The indicator of a commune at position `k` of the totals: communes list their
/// indicators in the order of the totals, as a rule.
fn commune_indicator<'f>(c: &'f CommuneFacts, k: usize, id: &str) -> Option<&'f CommuneIndicator> {
    c.indicators
        .get(k)
        .filter(|i| i.id == id)
        .or_else(|| c.indicators.iter().find(|i| i.id == id))
}

/// The threshold most communes are judged against, for the header.
fn typical(f: &Facts, k: usize, id: &str) -> Option<(Comparator, Decimal)> {
    let mut seen: Vec<((Comparator, Decimal), usize)> = Vec::new();
    for c in &f.communes {
        let Some(i) = commune_indicator(c, k, id) else {
            continue;
        };
        if let (Some(cmp), Some(t)) = (i.comparator, i.threshold) {
            match seen.iter_mut().find(|(x, _)| *x == (cmp, t)) {
                Some((_, n)) => *n += 1,
                None => seen.push(((cmp, t), 1)),
            }
        }
    }
    // The most used; the first seen among equals.
    let most = seen.iter().map(|(_, n)| *n).max()?;
    seen.into_iter().find(|(_, n)| *n == most).map(|(x, _)| x)
}

/// A threshold as a header shows it: "≥ 70%", "= 0", "≥ 42".
fn threshold_text(kind: Kind, cmp: Comparator, t: Decimal) -> String {
    let percent = if matches!(kind, Kind::Ratio | Kind::Percent) {
        "%"
    } else {
        ""
    };
    format!("{} {}{percent}", cmp.math_symbol(), vi(t))
}

fn criterion_table(f: &Facts, number: u32, of: Vec<usize>) -> Table<'_> {
    let heads: Vec<Option<(Comparator, Decimal)>> = of
        .iter()
        .map(|&k| typical(f, k, &f.indicators[k].id))
        .collect();
    let mut ids = vec![
        Cell::center("STT").bold().span(1, 2),
        Cell::center("Tên xã").bold().span(1, 2),
    ];
    let mut thresholds = Vec::new();
    let mut columns = vec!["STT".to_string(), "Tên xã".to_string()];
    for (&k, head) in of.iter().zip(&heads) {
        let i = &f.indicators[k];
        let t = head.map_or("Đạt".to_string(), |(cmp, t)| {
            threshold_text(i.kind, cmp, t)
        });
        ids.push(Cell::center(i.id.as_str()).bold());
        thresholds.push(Cell::center(t.clone()));
        columns.push(format!("{} ({t})", i.id));
    }
    ids.push(Cell::center("Kết quả theo chỉ tiêu").bold().span(1, 2));
    columns.push("Kết quả theo chỉ tiêu".into());
    // Indicator columns share what the number, name and result leave, up to twice the
    // width of a criterion with many indicators (17 has 12).
    let each = (96 / of.len().max(1) as u32).clamp(8, 16);
    // "STT" fits its column on one line; the result column holds a list of ids on two.
    let mut widths = vec![5, 16];
    widths.extend(std::iter::repeat_n(each, of.len()));
    widths.push(24);
    Table {
        header: vec![ids, thresholds],
        rows: Rows::Made(RowSource::new(move |each| {
            criterion_rows(f, number, &of, &heads, each)
        })),
        widths,
        columns,
    }
}

/// A row per commune: its number, name, the value of each indicator (with its own
/// threshold where it is not the header's) and what the values give for the criterion.
/// The cells are reused from row to row.
fn criterion_rows(
    f: &Facts,
    number: u32,
    of: &[usize],
    heads: &[Option<(Comparator, Decimal)>],
    each: &mut dyn FnMut(&[Cell]),
) {
    let mut row: Vec<Cell> = Vec::with_capacity(of.len() + 3);
    let mut not_met: Vec<&str> = Vec::new();
    let mut missing: Vec<&str> = Vec::new();
    for (n, c) in f.communes.iter().enumerate() {
        row.clear();
        not_met.clear();
        missing.clear();
        row.push(Cell::center((n + 1).to_string()));
        row.push(Cell::new(c.name.as_str()));
        for (&k, head) in of.iter().zip(heads) {
            let total = &f.indicators[k];
            let ind = commune_indicator(c, k, &total.id);
            row.push(value_cell(ind, total.kind, *head));
            match ind {
                Some(i) if i.met == Some(Status::NotMet) => not_met.push(total.id.as_str()),
                Some(i) if i.met.is_none() && i.applicable => missing.push(total.id.as_str()),
                None => missing.push(total.id.as_str()),
                _ => {}
            }
        }
        let computed = c
            .criteria
            .iter()
            .find(|x| x.number == number)
            .and_then(|x| x.computed);
        let result = match computed {
            Some(Status::Met) => "Đạt".to_string(),
            Some(Status::NotMet | Status::BasicallyMet | Status::NotAssessed) => {
                format!("Chưa đạt: {}", not_met.join(", "))
            }
            None if missing.is_empty() => "—".to_string(),
            None => format!("Thiếu số liệu: {}", missing.join(", ")),
        };
        row.push(Cell::new(result));
        each(&row);
    }
}

/// A commune's value of an indicator: text ("Đạt", "KAD") on the left, numbers on the
/// right with one percent style ("79,7%"), and the commune's own threshold in parentheses
/// where it is not the one in the header.
fn value_cell(
    ind: Option<&CommuneIndicator>,
    kind: Kind,
    head: Option<(Comparator, Decimal)>,
) -> Cell {
    let Some(i) = ind else {
        return Cell::center("—");
    };
    let mut cell = match (&i.value, i.numerator, i.denominator) {
        _ if !i.applicable => Cell::new("KAD"),
        (Some(Given::YesNo(Status::Met)), _, _) => Cell::new("Đạt"),
        (Some(Given::YesNo(Status::NotMet)), _, _) => Cell::new("Chưa đạt"),
        (Some(Given::Number(x)), _, _) if kind == Kind::Percent => {
            Cell::num(format!("{}%", vi(*x)))
        }
        (Some(Given::Number(x)), _, _) => Cell::num(vi(*x)),
        (None, Some(n), Some(d)) => match i.percent {
            Some(p) => Cell::num(format!("{}%", vi_scaled(p))),
            None => Cell::num(format!("{}/{}", vi(n), vi(d))),
        },
        _ => return Cell::center("—"),
    };
    if let (Some(cmp), Some(t)) = (i.comparator, i.threshold)
        && head != Some((cmp, t))
        && i.applicable
    {
        cell.text
            .push_str(&format!(" ({})", threshold_text(kind, cmp, t)));
    }
    cell
}

/// A row per commune and indicator, after a row per commune and criterion ("TC 2", the
/// criterion's name, its official status in "Đạt") that sums up the indicator rows after
/// it (an outline group in the workbook). The criterion rows also keep the indicator
/// column text for readers that guess a column's type from its values: "17.10" stays
/// "17.10", not the number 17.1.
pub(super) fn sheet(f: &Facts, s: &mut dyn Sheet) {
    let meta = Meta::new(f);
    let labels: HashMap<u32, (String, &str)> = f
        .criteria
        .iter()
        .map(|c| (c.number, (format!("TC {}", c.number), c.name.as_str())))
        .collect();
    s.header(strings(&SHEET_COLUMNS));
    for c in &f.communes {
        let mut criterion = None;
        for (k, ind) in c.indicators.iter().enumerate() {
            let m = meta.of(k, ind);
            let number = m.map(|m| m.criterion);
            if number != criterion {
                criterion = number;
                if let Some((label, name)) = number.and_then(|n| labels.get(&n)) {
                    let status = c
                        .criteria
                        .iter()
                        .find(|x| Some(x.number) == number)
                        .map(|x| x.status.is_met());
                    let mut cells = vec![Value::Empty; SHEET_COLUMNS.len()];
                    cells[0] = Value::Text(&c.id);
                    cells[1] = Value::Text(&c.name);
                    cells[2] = Value::Text(label);
                    cells[3] = Value::Text(name);
                    cells[SHEET_COLUMNS.len() - 1] = Value::Met(status);
                    s.row_at(0, &cells);
                }
            }
            let value = match ind.value {
                Some(Given::YesNo(st)) => Value::Met(Some(st.is_met())),
                Some(Given::Number(x)) => Value::Dec(x),
                None => Value::Empty,
            };
            s.row_at(
                1,
                &[
                    Value::Text(&c.id),
                    Value::Text(&c.name),
                    Value::Text(&ind.id),
                    m.map_or(Value::Empty, |m| Value::Text(&m.content)),
                    value,
                    Value::dec(ind.numerator),
                    Value::dec(ind.denominator),
                    Value::dec(ind.percent),
                    Value::dec(ind.threshold),
                    ind.comparator
                        .map_or(Value::Empty, |c| Value::Text(c.math_symbol())),
                    m.map_or(Value::Empty, |m| Value::Text(&m.unit)),
                    Value::Applies(ind.applicable),
                    Value::Met(ind.met.map(Status::is_met)),
                ],
            );
        }
    }
}
