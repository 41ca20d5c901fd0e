//! Appendix 02a: every indicator of every commune, with its value, threshold and result.
//! A national report has some 600,000 of these rows: they are made one at a time as a
//! writer asks for them, never held whole.

use super::{Sheet, Value, flat, strings};
use crate::facts::{CommuneIndicator, Facts, Given, IndicatorTotal, Kind, Status};
use crate::number::{vi, vi_scaled};
use crate::report::model::{Cell, RowSource, Rows, Table};
use std::collections::HashMap;
use std::fmt::Write as _;

const COLUMNS: [&str; 5] = ["Chỉ tiêu", "Nội dung", "Giá trị", "Ngưỡng", "Kết quả"];

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

pub(super) fn table(f: &Facts) -> Table<'_> {
    Table {
        rows: Rows::Made(RowSource::new(move |each| rows(f, each))),
        ..flat(&COLUMNS, &[6, 50, 20, 12, 12], Vec::new())
    }
}

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

/// The printed rows: for each commune a title row, then a row per indicator with its
/// value, threshold and result. The cells are reused from row to row, so a national table
/// costs no more memory than a district's.
fn rows(f: &Facts, each: &mut dyn FnMut(&[Cell])) {
    let meta = Meta::new(f);
    let mut title = [Cell::new("").bold().span(5, 1)];
    let mut row = [
        Cell::center(""),
        Cell::new(""),
        Cell::num(""),
        Cell::center(""),
        Cell::center(""),
    ];
    for (k, c) in f.communes.iter().enumerate() {
        let t = &mut title[0].text;
        t.clear();
        let _ = write!(t, "{}. Xã {}", k + 1, c.name);
        each(&title);
        for (j, ind) in c.indicators.iter().enumerate() {
            let m = meta.of(j, ind);
            let [id, content, value, threshold, result] = &mut row;
            id.text.clear();
            id.text.push_str(&ind.id);
            content.text.clear();
            content.text.push_str(m.map_or("", |m| m.content.as_str()));
            value_text(&mut value.text, ind, m);
            threshold_text(&mut threshold.text, ind, m);
            result.text.clear();
            result.text.push_str(match ind.met {
                _ if !ind.applicable => "Đạt (không áp dụng)",
                Some(Status::Met) => "Đạt",
                Some(Status::NotMet) => "Chưa đạt",
                None => "Chưa có số liệu",
            });
            each(&row);
        }
    }
}

fn value_text(out: &mut String, ind: &CommuneIndicator, m: Option<&IndicatorTotal>) {
    let unit = m.map_or("", |m| m.unit.as_str());
    out.clear();
    match (&ind.value, &ind.numerator, &ind.denominator) {
        _ if !ind.applicable => out.push_str("Không áp dụng"),
        (Some(Given::YesNo(Status::Met)), _, _) => out.push_str("Đạt"),
        (Some(Given::YesNo(Status::NotMet)), _, _) => out.push_str("Chưa đạt"),
        (Some(Given::Number(x)), _, _) => {
            let _ = write!(out, "{} {unit}", vi(*x));
            out.truncate(out.trim_end().len());
        }
        (None, Some(n), Some(d)) => {
            let _ = write!(
                out,
                "{}/{} {unit} ({}%)",
                vi(*n),
                vi(*d),
                ind.percent.map(vi_scaled).unwrap_or_default()
            );
        }
        _ => out.push('—'),
    }
}

fn threshold_text(out: &mut String, ind: &CommuneIndicator, m: Option<&IndicatorTotal>) {
    let unit = m.map_or("", |m| m.unit.as_str());
    let ratio = m.is_some_and(|m| m.kind == Kind::Ratio || m.kind == Kind::Percent);
    out.clear();
    match (ind.comparator, ind.threshold) {
        (Some(cmp), Some(t)) => {
            let sym = cmp.math_symbol();
            if ratio {
                let _ = write!(out, "{sym} {}%", vi(t));
            } else {
                let _ = write!(out, "{sym} {} {unit}", vi(t));
                out.truncate(out.trim_end().len());
            }
        }
        _ => out.push_str("Đạt"),
    }
}

pub(super) fn sheet(f: &Facts, s: &mut dyn Sheet) {
    let meta = Meta::new(f);
    s.header(strings(&SHEET_COLUMNS));
    for c in &f.communes {
        for (k, ind) in c.indicators.iter().enumerate() {
            let m = meta.of(k, ind);
            let value = match ind.value {
                Some(Given::YesNo(st)) => Value::Flag(Some(st.is_met())),
                Some(Given::Number(x)) => Value::Dec(x),
                None => Value::Empty,
            };
            s.row(&[
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
                    .map_or(Value::Empty, |c| Value::Text(c.symbol())),
                m.map_or(Value::Empty, |m| Value::Text(&m.unit)),
                Value::Flag(Some(ind.applicable)),
                Value::Flag(ind.met.map(Status::is_met)),
            ]);
        }
    }
}
