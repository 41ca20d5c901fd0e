//! The workbook's first sheet: a row per appendix (where its sheets are, its title lines,
//! the report and unit), then the totals the printed appendices show in their last rows.

use super::{Appendix, Total, Value, strings};
use crate::facts::Facts;

/// The columns of the appendix rows.
pub fn columns() -> Vec<String> {
    strings(&[
        "Phụ biểu",
        "Trang tính",
        "Tiêu đề",
        "Kèm theo",
        "Số báo cáo",
        "Ngày báo cáo",
        "Đơn vị",
        "Số dòng dữ liệu",
    ])
}

/// Where an appendix went in the workbook.
pub struct Placed<'a> {
    pub appendix: Appendix,
    /// Its sheets' names, "PB02a, PB02a-2".
    pub sheets: &'a str,
    pub title: &'a str,
    pub subtitle: &'a str,
    /// Its data rows, on all its sheets.
    pub rows: u64,
}

/// The row of an appendix; `unit` is the unit's full name.
pub fn row<'a>(f: &'a Facts, p: &Placed<'a>, unit: &'a str) -> Vec<Value<'a>> {
    vec![
        Value::Text(p.appendix.code()),
        Value::Text(p.sheets),
        Value::Text(p.title),
        Value::Text(p.subtitle),
        Value::Text(&f.report.number),
        Value::Date(f.report.date),
        Value::Text(unit),
        Value::int(Some(p.rows)),
    ]
}

/// The columns of the totals rows.
pub fn total_columns() -> Vec<String> {
    strings(&["Số liệu tổng hợp", "Giá trị", "Đơn vị tính", "Phụ biểu"])
}

/// The totals rows of the given appendices, in their order: what, value, unit, appendix.
pub fn totals(f: &Facts, appendices: impl IntoIterator<Item = Appendix>) -> Vec<[Value<'_>; 4]> {
    appendices
        .into_iter()
        .flat_map(|a| {
            a.totals(f).into_iter().map(move |t: Total| {
                [
                    Value::Owned(t.what),
                    t.value,
                    Value::Text(t.unit),
                    Value::Text(a.code()),
                ]
            })
        })
        .collect()
}
