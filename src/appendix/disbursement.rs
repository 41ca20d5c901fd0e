//! Appendices 04 (development investment) and 05 (recurrent spending): each line's
//! allocation and disbursement, and their totals.

use super::{Sheet, Total, Value, flat, or_dash, strings};
use crate::facts::{DisbursementKind, Facts, FundingOrigin};
use crate::number::{vi, vi_scaled};
use crate::report::model::{Cell, Table};

pub(super) fn table(f: &Facts, kind: DisbursementKind) -> Option<Table<'static>> {
    let db = f.disbursement.as_ref()?;
    let total = db.total_of(kind)?;
    let mut rows: Vec<Vec<Cell>> = db
        .items_of(kind)
        .enumerate()
        .map(|(k, i)| {
            vec![
                Cell::center((k + 1).to_string()),
                Cell::new(&i.name),
                Cell::num(i.projects.map(|p| p.to_string()).unwrap_or_default()),
                Cell::num(vi(i.plan)),
                Cell::num(or_dash(i.disbursed.map(vi))),
                Cell::num(or_dash(i.percent.map(vi_scaled))),
                Cell::new(i.note.clone().unwrap_or_default()),
            ]
        })
        .collect();
    rows.push(vec![
        Cell::center(""),
        Cell::new("Tổng cộng").bold(),
        Cell::num(""),
        Cell::num(vi(total.plan)).bold(),
        Cell::num(or_dash(total.disbursed.map(vi))).bold(),
        Cell::num(or_dash(total.percent.map(vi_scaled))).bold(),
        Cell::new(""),
    ]);
    Some(flat(
        &[
            "STT",
            "Nội dung",
            "Số dự án",
            "Kế hoạch vốn (triệu đồng)",
            "Đã giải ngân (triệu đồng)",
            "Tỷ lệ giải ngân (%)",
            "Ghi chú",
        ],
        // The notes are sentences: the widest column.
        &[5, 26, 8, 11, 11, 9, 30],
        rows,
    ))
}

pub(super) fn sheet(f: &Facts, kind: DisbursementKind, s: &mut dyn Sheet) {
    let Some(db) = &f.disbursement else { return };
    s.header(strings(&[
        "STT",
        "Mã",
        "Nội dung",
        "Nguồn gốc",
        "Số dự án",
        "Kế hoạch vốn (triệu đồng)",
        "Đã giải ngân (triệu đồng)",
        "Tỷ lệ giải ngân (%)",
        "Ghi chú",
    ]));
    for (k, i) in db.items_of(kind).enumerate() {
        s.row(&[
            Value::count(k + 1),
            Value::Text(&i.id),
            Value::Text(&i.name),
            Value::Owned(origin_label(i.origin, f.year)),
            Value::int(i.projects),
            Value::Dec(i.plan),
            Value::dec(i.disbursed),
            Value::dec(i.percent),
            Value::text(&i.note),
        ]);
    }
}

/// Where an item's money comes from, in words: "Năm trước chuyển sang", "Năm 2023".
fn origin_label(o: FundingOrigin, year: i32) -> String {
    match o {
        FundingOrigin::CarriedOver => "Năm trước chuyển sang".to_string(),
        FundingOrigin::Current => format!("Năm {year}"),
    }
}

pub(super) fn totals<'f>(f: &'f Facts, kind: DisbursementKind, out: &mut Vec<Total<'f>>) {
    let Some(t) = f.disbursement.as_ref().and_then(|d| d.total_of(kind)) else {
        return;
    };
    let what = match kind {
        DisbursementKind::Investment => "vốn đầu tư phát triển",
        DisbursementKind::Recurrent => "vốn sự nghiệp",
    };
    out.push(Total::new(
        format!("Tổng kế hoạch {what}"),
        Value::Dec(t.plan),
        "triệu đồng",
    ));
    if let Some(d) = t.disbursed {
        out.push(Total::new(
            format!("Tổng đã giải ngân {what}"),
            Value::Dec(d),
            "triệu đồng",
        ));
        if let Some(p) = t.percent {
            out.push(Total::new(
                format!("Tỷ lệ giải ngân {what}"),
                Value::Dec(p),
                "%",
            ));
        }
    }
}
