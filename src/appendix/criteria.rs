//! Appendix 02: the criteria each commune meets, with the counts per criterion.

use super::{Sheet, Total, Value, signed, strings};
use crate::facts::{CommuneCriterion, Facts, Status};
use crate::report::model::{Cell, Table};
use std::collections::HashMap;

/// The mark of a criterion in the printed table: `x` met, `x*` met but not by the
/// indicator values, `*` not met although the indicator values meet it, `CB` declared cơ
/// bản đạt, `KĐG` declared không đánh giá.
fn mark(c: Option<&CommuneCriterion>) -> &'static str {
    match c {
        Some(x) if x.status == Status::BasicallyMet => "CB",
        Some(x) if x.status == Status::NotAssessed => "KĐG",
        Some(x) if x.status == Status::Met && x.computed == Some(Status::NotMet) => "x*",
        Some(x) if x.status == Status::Met => "x",
        Some(x) if x.computed == Some(Status::Met) => "*",
        _ => "",
    }
}

pub(super) fn table(f: &Facts) -> Table<'static> {
    let year = f.year.to_string();
    // The year before's column only where it compares (not across rulesets that do not
    // correspond: then its counts are unknown).
    let prev = f
        .previous_year
        .filter(|_| f.previous_total_criteria_met.is_some())
        .map(|y| y.to_string());
    let mut top = vec![
        Cell::center("STT").bold().span(1, 2),
        Cell::center("Tên xã").bold().span(1, 2),
    ];
    let mut second = Vec::new();
    let mut columns = vec!["STT".to_string(), "Tên xã".to_string()];
    for g in &f.groups {
        // A group of one criterion is too narrow for "Nhóm I": its numeral alone says it.
        let label = if g.criteria.len() > 1 {
            format!("Nhóm {}", g.id)
        } else {
            g.id.clone()
        };
        top.push(Cell::center(label).bold().span(g.criteria.len().max(1), 1));
        for n in &g.criteria {
            second.push(Cell::center(n.to_string()).bold());
            columns.push(format!("TC {n}"));
        }
    }
    let tail: Vec<String> = match &prev {
        Some(p) => vec![
            format!("Năm {year}"),
            format!("Năm {p}"),
            "Tăng (+), giảm (-)".to_string(),
        ],
        None => vec![format!("Năm {year}")],
    };
    top.push(Cell::center("Số tiêu chí đạt").bold().span(tail.len(), 1));
    for t in &tail {
        second.push(Cell::center(t).bold());
        columns.push(format!("Số TC đạt {t}").replace("Số TC đạt Tăng", "Tăng"));
    }
    let mut rows = Vec::new();
    let commune_row = |i: usize, c: &crate::facts::CommuneFacts| {
        let mut row = vec![Cell::center((i + 1).to_string()), Cell::new(&c.name)];
        for g in &f.groups {
            for n in &g.criteria {
                row.push(Cell::center(mark(
                    c.criteria.iter().find(|x| x.number == *n),
                )));
            }
        }
        row.push(Cell::center(c.criteria_met.to_string()));
        if let (Some(p), Some(change)) = (c.previous_criteria_met, c.criteria_met_change) {
            row.push(Cell::center(p.to_string()));
            row.push(Cell::center(signed(change)));
        }
        row
    };
    if f.commune_groups.is_empty() {
        for (i, c) in f.communes.iter().enumerate() {
            rows.push(commune_row(i, c));
        }
    } else {
        // Group by group, each under a row of its own sub-totals ("I", "Huyện Phong Thổ
        // (cũ)"), communes numbered from 1 in each group as offices number them.
        for (k, g) in f.commune_groups.iter().enumerate() {
            rows.push(group_row(f, k, g));
            let members = f
                .communes
                .iter()
                .filter(|c| c.group.as_ref() == Some(&g.name));
            for (i, c) in members.enumerate() {
                rows.push(commune_row(i, c));
            }
        }
        let ungrouped = f.communes.iter().filter(|c| c.group.is_none());
        for (i, c) in ungrouped.enumerate() {
            rows.push(commune_row(i, c));
        }
    }
    let mut total = vec![Cell::center("").bold(), Cell::new("Tổng số xã đạt").bold()];
    for g in &f.groups {
        for n in &g.criteria {
            let count = f
                .criteria
                .iter()
                .find(|c| c.number == *n)
                .map_or(0, |c| c.count);
            total.push(Cell::center(count.to_string()).bold());
        }
    }
    total.push(Cell::center(f.total_criteria_met.to_string()).bold());
    if let (Some(p), Some(change)) = (f.previous_total_criteria_met, f.total_criteria_met_change) {
        total.push(Cell::center(p.to_string()).bold());
        total.push(Cell::center(signed(change)).bold());
    }
    rows.push(total);
    let n_crit: usize = f.groups.iter().map(|g| g.criteria.len()).sum();
    let mut widths = vec![4, 16];
    widths.extend(std::iter::repeat_n(3, n_crit));
    widths.extend(std::iter::repeat_n(7, tail.len()));
    Table {
        header: vec![top, second],
        rows: rows.into(),
        widths,
        columns,
    }
}

/// Roman numerals for the group rows of a table (I, II, …), as offices number them.
fn roman(mut n: usize) -> String {
    const DIGITS: [(usize, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (v, d) in DIGITS {
        while n >= v {
            out.push_str(d);
            n -= v;
        }
    }
    out
}

/// A group's row: its numeral, its name, how many of its communes meet each criterion,
/// and its totals.
fn group_row(f: &Facts, k: usize, g: &crate::facts::CommuneGroupFacts) -> Vec<Cell> {
    let mut row = vec![
        Cell::center(roman(k + 1)).bold(),
        Cell::new(crate::report::view::capitalised(&g.name)).bold(),
    ];
    for cg in &f.groups {
        for n in &cg.criteria {
            let count = g
                .criteria
                .iter()
                .find(|c| c.number == *n)
                .map_or(0, |c| c.count);
            row.push(Cell::center(count.to_string()).bold());
        }
    }
    row.push(Cell::center(g.total_criteria_met.to_string()).bold());
    if f.previous_year.is_some() && f.previous_total_criteria_met.is_some() {
        row.push(
            Cell::center(
                g.previous_total_criteria_met
                    .map_or(String::new(), |p| p.to_string()),
            )
            .bold(),
        );
        row.push(Cell::center(g.total_criteria_met_change.map_or(String::new(), signed)).bold());
    }
    row
}

/// Criterion numbers in the order of the groups (the order of the table's columns).
fn criterion_numbers(f: &Facts) -> Vec<u32> {
    let mut out: Vec<u32> = f
        .groups
        .iter()
        .flat_map(|g| g.criteria.iter().copied())
        .collect();
    if out.is_empty() {
        out = f.criteria.iter().map(|c| c.number).collect();
    }
    out
}

pub(super) fn sheet(f: &Facts, s: &mut dyn Sheet) {
    let numbers = criterion_numbers(f);
    let mut columns = strings(&["STT", "Mã xã", "Tên xã"]);
    columns.extend(numbers.iter().map(|n| format!("TC {n}")));
    columns.push(format!("Số TC đạt năm {}", f.year));
    if let Some(p) = f.previous_year {
        columns.push(format!("Số TC đạt năm {p}"));
        columns.push("Tăng (+), giảm (-)".into());
    }
    columns.extend(strings(&[
        "Số TC đạt theo chỉ tiêu",
        "Phân loại",
        "Quyết định công nhận NTM",
    ]));
    s.header(columns);
    for (i, c) in f.communes.iter().enumerate() {
        let by_number: HashMap<u32, Status> =
            c.criteria.iter().map(|x| (x.number, x.status)).collect();
        let mut row = vec![
            Value::count(i + 1),
            Value::Text(&c.id),
            Value::Text(&c.name),
        ];
        row.extend(
            numbers
                .iter()
                .map(|n| Value::Flag(by_number.get(n).map(|s| s.is_met()))),
        );
        row.push(Value::Int(c.criteria_met.into()));
        if f.previous_year.is_some() {
            row.push(Value::int(c.previous_criteria_met));
            row.push(c.criteria_met_change.map_or(Value::Empty, Value::Change));
        }
        row.push(Value::Int(c.criteria_met_computed.into()));
        row.push(Value::Text(&c.class));
        row.push(
            c.recognized
                .as_ref()
                .map_or(Value::Empty, |r| Value::Text(&r.decision)),
        );
        s.row(&row);
    }
}

pub(super) fn totals<'f>(f: &'f Facts, out: &mut Vec<Total<'f>>) {
    out.push(Total::new("Số xã", Value::count(f.communes.len()), "xã"));
    for n in criterion_numbers(f) {
        if let Some(c) = f.criteria.iter().find(|c| c.number == n) {
            let what = format!("Số xã đạt tiêu chí {n}");
            out.push(Total::new(what, Value::count(c.count), "xã"));
        }
    }
    let year = f.year;
    out.push(Total::new(
        format!("Tổng số tiêu chí đạt năm {year}"),
        Value::Int(f.total_criteria_met.into()),
        "tiêu chí",
    ));
    out.push(Total::new(
        format!("Bình quân tiêu chí/xã năm {year}"),
        Value::Dec(f.average_criteria_per_commune),
        "tiêu chí/xã",
    ));
    if let Some(p) = f.previous_year {
        out.push(Total::new(
            format!("Tổng số tiêu chí đạt năm {p}"),
            Value::int(f.previous_total_criteria_met),
            "tiêu chí",
        ));
        out.push(Total::new(
            format!("Bình quân tiêu chí/xã năm {p}"),
            Value::dec(f.previous_average_criteria_per_commune),
            "tiêu chí/xã",
        ));
    }
}
