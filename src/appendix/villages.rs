//! Appendix 07: villages by number of criteria met, commune by commune.

use super::{Sheet, Total, Value, strings};
use crate::facts::Facts;
use crate::report::model::{Cell, Table};
use std::collections::BTreeSet;

pub(super) fn table(f: &Facts) -> Option<Table<'static>> {
    let vf = f.villages.as_ref()?;
    let bands = &vf.bands;
    let mut columns = vec![
        "STT".to_string(),
        "Tên xã".to_string(),
        "Số thôn, bản".to_string(),
    ];
    let mut top = vec![
        Cell::center("STT").bold().span(1, 2),
        Cell::center("Tên xã").bold().span(1, 2),
        Cell::center("Số thôn, bản").bold().span(1, 2),
        Cell::center("Số thôn, bản theo số tiêu chí đạt")
            .bold()
            .span(bands.len().max(1), 1),
    ];
    let mut second = Vec::new();
    for b in bands {
        second.push(Cell::center(format!("{} TC", b.label)).bold());
        columns.push(format!("Đạt {} tiêu chí", b.label));
    }
    if bands.is_empty() {
        top.pop();
        top.push(
            Cell::center("Số thôn, bản theo số tiêu chí đạt")
                .bold()
                .span(1, 2),
        );
        columns.push("—".into());
    }
    let mut rows = Vec::new();
    for (k, c) in vf.by_commune.iter().enumerate() {
        let mut row = vec![
            Cell::center((k + 1).to_string()),
            Cell::new(&c.commune),
            Cell::center(c.total.to_string()),
        ];
        row.extend(
            c.bands
                .iter()
                .map(|&n| Cell::center(if n == 0 { String::new() } else { n.to_string() })),
        );
        if bands.is_empty() {
            row.push(Cell::center(""));
        }
        rows.push(row);
    }
    let mut total = vec![
        Cell::center(""),
        Cell::new("Tổng cộng").bold(),
        Cell::center(vf.total.to_string()).bold(),
    ];
    total.extend(
        bands
            .iter()
            .map(|b| Cell::center(b.count.to_string()).bold()),
    );
    if bands.is_empty() {
        total.push(Cell::center(""));
    }
    rows.push(total);
    let mut widths = vec![5, 20, 10];
    widths.extend(std::iter::repeat_n(8, bands.len().max(1)));
    let header = if second.is_empty() {
        vec![top.into_iter().map(|c| c.span(1, 1)).collect()]
    } else {
        vec![top, second]
    };
    Some(Table {
        header,
        rows: rows.into(),
        widths,
        columns,
    })
}

pub(super) fn sheet(f: &Facts, s: &mut dyn Sheet) {
    let Some(vf) = &f.villages else { return };
    let declared = f.village_ruleset.as_ref().map_or(0, |r| r.criteria_count);
    let mut numbers: BTreeSet<u32> = (1..=u32::try_from(declared).unwrap_or(0)).collect();
    for c in &vf.by_commune {
        for v in &c.villages {
            numbers.extend(v.met.iter().copied());
        }
    }
    let mut columns = strings(&[
        "STT",
        "Tên xã",
        "Mã thôn, bản",
        "Tên thôn, bản",
        "Số TC đạt",
    ]);
    columns.extend(numbers.iter().map(|n| format!("TC {n}")));
    s.header(columns);
    let mut k = 0;
    // Which criteria a village meets, by column: set and cleared per village.
    let numbers: Vec<u32> = numbers.into_iter().collect();
    let mut met = vec![false; numbers.len()];
    let mut row: Vec<Value> = Vec::with_capacity(5 + numbers.len());
    for c in &vf.by_commune {
        for v in &c.villages {
            k += 1;
            met.fill(false);
            for n in &v.met {
                if let Ok(i) = numbers.binary_search(n) {
                    met[i] = true;
                }
            }
            row.clear();
            row.extend([
                Value::count(k),
                Value::Text(&c.commune),
                Value::Text(&v.id),
                Value::Text(&v.name),
                Value::Int(v.criteria_met.into()),
            ]);
            row.extend(met.iter().map(|m| Value::Flag(Some(*m))));
            s.row(&row);
        }
    }
}

pub(super) fn totals<'f>(f: &'f Facts, out: &mut Vec<Total<'f>>) {
    let Some(v) = &f.villages else { return };
    out.push(Total::new(
        "Số thôn, bản",
        Value::count(v.total),
        "thôn, bản",
    ));
    for (k, n) in &v.by_criteria_met {
        out.push(Total::new(
            format!("Số thôn, bản đạt {k} tiêu chí"),
            Value::count(*n),
            "thôn, bản",
        ));
    }
    out.push(Total::new(
        "Số thôn, bản đạt tất cả tiêu chí",
        Value::count(v.meeting_all),
        "thôn, bản",
    ));
}
