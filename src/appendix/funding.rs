//! Appendices 03 (funding mobilised, by source) and 03a (what people contributed).

use super::{Sheet, Total, Value, flat, or_dash, strings};
use crate::facts::{Facts, FundingSourceFacts};
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

/// A row per source, each part right after the source it details (an outline group in
/// the workbook). Amounts sit in a column per level — the top-level sources in "Số tiền",
/// their parts in "Trong đó", … — so a plain SUM over any amount column adds no amount
/// twice, and the first column's sum is the total mobilised.
pub(super) fn sheet(f: &Facts, s: &mut dyn Sheet) {
    let Some(fu) = &f.funding else { return };
    let levels = fu
        .sources
        .iter()
        .map(|x| x.depth)
        .max()
        .map_or(1, |d| d + 1);
    let mut columns = strings(&["Mã nguồn", "Nguồn vốn", "Thuộc nguồn", "Cấp"]);
    columns.extend((0..levels).map(amount_column));
    s.header(columns);
    // A part names its source by the source's name, as the printed table does.
    let names: std::collections::HashMap<&str, &str> = fu
        .sources
        .iter()
        .map(|x| (x.id.as_str(), x.name.as_str()))
        .collect();
    for src in tree_order(&fu.sources) {
        let parent = src.parent.as_deref().map_or(Value::Empty, |p| {
            Value::Text(names.get(p).copied().unwrap_or(p))
        });
        let mut cells = vec![
            Value::Text(&src.id),
            Value::Text(&src.name),
            parent,
            Value::count(src.depth),
        ];
        cells.extend((0..levels).map(|d| {
            if d == src.depth {
                Value::Dec(src.amount)
            } else {
                Value::Empty
            }
        }));
        s.row_at(u8::try_from(src.depth).unwrap_or(u8::MAX), &cells);
    }
}

/// The header of the amount column of sources at `depth`.
fn amount_column(depth: usize) -> String {
    match depth {
        0 => "Số tiền (triệu đồng)".to_string(),
        1 => "Trong đó (triệu đồng)".to_string(),
        d => format!("Trong đó, cấp {d} (triệu đồng)"),
    }
}

/// The sources, each followed by its parts (in the order of the facts), walked with an
/// explicit stack; a source whose parent is unknown stands at the top.
fn tree_order(sources: &[FundingSourceFacts]) -> Vec<&FundingSourceFacts> {
    let known: std::collections::HashSet<&str> = sources.iter().map(|x| x.id.as_str()).collect();
    let is_top = |x: &FundingSourceFacts| x.parent.as_deref().is_none_or(|p| !known.contains(p));
    let mut out = Vec::with_capacity(sources.len());
    let mut seen = std::collections::HashSet::new();
    let mut stack: Vec<&FundingSourceFacts> = sources.iter().filter(|x| is_top(x)).rev().collect();
    while let Some(x) = stack.pop() {
        if !seen.insert(x.id.as_str()) {
            continue;
        }
        out.push(x);
        stack.extend(
            sources
                .iter()
                .filter(|c| c.parent.as_deref() == Some(x.id.as_str()))
                .rev(),
        );
    }
    out
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
