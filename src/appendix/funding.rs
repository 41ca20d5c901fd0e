//! Appendices 03 (funding mobilised, by source) and 03a (what people contributed).

use super::{Sheet, Total, Value, flat, or_dash, strings};
use crate::facts::Facts;
use crate::number::{vi, vi_int, vi_scaled};
use crate::report::model::{Cell, Table};

pub(super) fn table(f: &Facts) -> Option<Table<'static>> {
    let fu = f.funding.as_ref()?;
    let mut rows = Vec::new();
    let mut k = 0;
    for s in fu.sources.iter().filter(|s| s.parent.is_none()) {
        k += 1;
        rows.push(vec![
            Cell::center(k.to_string()).bold(),
            Cell::new(&s.name).bold(),
            Cell::num(vi(s.amount)).bold(),
        ]);
        for c in fu
            .sources
            .iter()
            .filter(|c| c.parent.as_deref() == Some(s.id.as_str()))
        {
            rows.push(vec![
                Cell::center("-"),
                Cell::new(&c.name),
                Cell::num(vi(c.amount)),
            ]);
        }
    }
    rows.push(vec![
        Cell::center(""),
        Cell::new("Tổng cộng").bold(),
        Cell::num(vi(fu.total)).bold(),
    ]);
    Some(flat(
        &["STT", "Nguồn vốn", "Số tiền (triệu đồng)"],
        &[6, 64, 20],
        rows,
    ))
}

pub(super) fn sheet(f: &Facts, s: &mut dyn Sheet) {
    let Some(fu) = &f.funding else { return };
    s.header(strings(&[
        "Mã nguồn",
        "Nguồn vốn",
        "Thuộc nguồn",
        "Cấp",
        "Số tiền (triệu đồng)",
    ]));
    for src in &fu.sources {
        s.row(&[
            Value::Text(&src.id),
            Value::Text(&src.name),
            Value::text(&src.parent),
            Value::count(src.depth),
            Value::Dec(src.amount),
        ]);
    }
}

pub(super) fn totals<'f>(f: &'f Facts, out: &mut Vec<Total<'f>>) {
    if let Some(fu) = &f.funding {
        out.push(Total::new(
            "Tổng vốn huy động",
            Value::Dec(fu.total),
            "triệu đồng",
        ));
    }
}

const CONTRIBUTION_COLUMNS: [&str; 4] = [
    "Số hộ tham gia",
    "Diện tích đất hiến (m²)",
    "Ngày công lao động",
    "Giá trị quy đổi (triệu đồng)",
];

pub(super) fn contributions_table(f: &Facts) -> Option<Table<'static>> {
    let c = f.funding.as_ref()?.contributions.as_ref()?;
    let row = vec![
        Cell::num(or_dash(c.households.map(vi_int))),
        Cell::num(or_dash(c.land_m2.map(vi))),
        Cell::num(or_dash(c.workdays.map(vi_int))),
        Cell::num(or_dash(c.value.map(vi_scaled))),
    ];
    Some(flat(&CONTRIBUTION_COLUMNS, &[20, 25, 20, 25], vec![row]))
}

pub(super) fn contributions_sheet(f: &Facts, s: &mut dyn Sheet) {
    let Some(fu) = &f.funding else { return };
    s.header(strings(&CONTRIBUTION_COLUMNS));
    if let Some(c) = &fu.contributions {
        s.row(&[
            Value::int(c.households),
            Value::dec(c.land_m2),
            Value::int(c.workdays),
            Value::dec(c.value),
        ]);
    }
}
