//! Appendix 02b: the levels evaluated beside the NTM level, a table per level with a row
//! per registered commune (or village): the criteria of the level's set it meets, how
//! many, whether it meets the level, and the decision recognising it.

use super::{Sheet, Total, Value};
use crate::facts::{Facts, LevelResultFacts, Status};
use crate::report::model::{Block, Cell, Inline, ParagraphStyle, Table};

/// The mark of a criterion: `x` met, `CB` cơ bản đạt, `KĐG` không đánh giá.
fn mark(s: Status) -> &'static str {
    match s {
        Status::Met => "x",
        Status::BasicallyMet => "CB",
        Status::NotAssessed => "KĐG",
        Status::NotMet => "",
    }
}

/// Whether a year's facts have it: some level is evaluated.
pub(super) fn is_in(f: &Facts) -> bool {
    !f.level_results.is_empty()
}

/// The title's list of levels: "XÃ NÔNG THÔN MỚI NÂNG CAO, THÔN NÔNG THÔN MỚI KIỂU MẪU".
pub(super) fn levels_named(f: &Facts) -> String {
    let names: Vec<String> = f
        .level_results
        .iter()
        .map(|l| format!("{} {}", units(l), l.level.words()).to_uppercase())
        .collect();
    names.join(", ")
}

fn units(l: &LevelResultFacts) -> &'static str {
    if l.village { "thôn" } else { "xã" }
}

/// A caption and a table per level.
pub(super) fn blocks(f: &Facts) -> Vec<Block<'_>> {
    let mut out = Vec::new();
    for l in &f.level_results {
        out.push(Block::Paragraph {
            style: ParagraphStyle::Body,
            text: vec![Inline {
                text: format!(
                    "{} đạt chuẩn {}, theo {}{}",
                    if l.village { "Thôn" } else { "Xã" },
                    l.level.words(),
                    l.ruleset.legal_source,
                    if l.ruleset.thresholds_unverified > 0 {
                        ". Ngưỡng tái dựng, chưa đối chiếu với văn bản chính thức."
                    } else if l.village || !l.criteria_without_indicators.is_empty() {
                        ". Tình trạng tiêu chí theo kết quả đánh giá được khai báo."
                    } else {
                        "."
                    }
                ),
                bold: true,
                italic: false,
            }],
        });
        let t = table(l);
        debug_assert!(t.is_well_formed(), "appendix 02b, level {}", l.level.id());
        out.push(Block::Table(t));
    }
    out
}

fn table(l: &LevelResultFacts) -> Table<'static> {
    let u = units(l);
    let n = l.criteria.len();
    let name = format!("Tên {u}");
    let mut top = vec![
        Cell::center("STT").bold().span(1, 2),
        Cell::center(&name).bold().span(1, 2),
    ];
    let mut columns = vec!["STT".to_string(), name];
    if l.village {
        top.push(Cell::center("Xã").bold().span(1, 2));
        columns.push("Xã".to_string());
    }
    top.push(Cell::center("Tiêu chí").bold().span(n.max(1), 1));
    let mut second = Vec::new();
    for c in &l.criteria {
        second.push(Cell::center(c.number.to_string()).bold());
        columns.push(format!("TC {}", c.number));
    }
    if n == 0 {
        second.push(Cell::center("").bold());
        columns.push(String::new());
    }
    for head in ["Số tiêu chí đạt", "Đạt chuẩn", "Quyết định công nhận"] {
        top.push(Cell::center(head).bold().span(1, 2));
        columns.push(head.to_string());
    }
    let mut rows = Vec::new();
    for (i, r) in l.registered.iter().enumerate() {
        let mut row = vec![Cell::center((i + 1).to_string()), Cell::new(&r.name)];
        if l.village {
            row.push(Cell::new(r.commune.clone().unwrap_or_default()));
        }
        for s in &r.criteria {
            row.push(Cell::center(mark(s.status)));
        }
        if n == 0 {
            row.push(Cell::center(""));
        }
        row.push(Cell::center(format!("{}/{n}", r.criteria_met)));
        row.push(Cell::center(if r.meets_criteria && r.requirement_held {
            "x"
        } else {
            ""
        }));
        row.push(Cell::new(
            r.recognized.as_ref().map_or(String::new(), |d| {
                format!("{} ngày {}", d.decision, d.date.short_vi())
            }),
        ));
        rows.push(row);
    }
    let mut total = vec![Cell::center("").bold(), Cell::new("Tổng số").bold()];
    if l.village {
        total.push(Cell::new("").bold());
    }
    for c in &l.criteria {
        total.push(Cell::center(c.count.to_string()).bold());
    }
    if n == 0 {
        total.push(Cell::center("").bold());
    }
    total.push(Cell::center("").bold());
    total.push(Cell::center(l.meeting.len().to_string()).bold());
    total.push(Cell::center("").bold());
    rows.push(total);
    let mut widths = vec![4, 16];
    if l.village {
        widths.push(12);
    }
    // "KĐG" needs a wider column than "x" or "CB".
    let not_assessed = l
        .registered
        .iter()
        .any(|r| r.criteria.iter().any(|c| c.status == Status::NotAssessed));
    widths.extend(std::iter::repeat_n(
        if not_assessed { 4 } else { 3 },
        n.max(1),
    ));
    widths.extend([7, 6, 14]);
    Table {
        header: vec![top, second],
        rows: rows.into(),
        widths,
        columns,
    }
}

/// The workbook sheet: a row per level and registered unit.
pub(super) fn sheet(f: &Facts, s: &mut dyn Sheet) {
    if !is_in(f) {
        return;
    }
    s.header(super::strings(&[
        "Mức đạt chuẩn",
        "Mã",
        "Tên",
        "Xã",
        "Bộ tiêu chí",
        "Số tiêu chí đạt",
        "Số tiêu chí của bộ",
        "Tiêu chí đạt",
        "Tiêu chí cơ bản đạt",
        "Tiêu chí không đánh giá",
        "Đạt đủ tiêu chí",
        "Đạt mức yêu cầu",
        "Đạt chuẩn",
        "Quyết định công nhận",
        "Ngày công nhận",
    ]));
    for l in &f.level_results {
        let n = l.criteria.len();
        for r in &l.registered {
            let with = |st: Status| -> Vec<u32> {
                r.criteria
                    .iter()
                    .filter(|c| c.status == st)
                    .map(|c| c.number)
                    .collect()
            };
            s.row(&[
                Value::Text(l.level.id()),
                Value::Text(&r.id),
                Value::Text(&r.name),
                Value::text(&r.commune),
                Value::Text(&l.ruleset.id),
                Value::Int(i64::from(r.criteria_met)),
                Value::count(n),
                Value::list(&with(Status::Met)),
                Value::list(&with(Status::BasicallyMet)),
                Value::list(&with(Status::NotAssessed)),
                Value::Flag(Some(r.meets_criteria)),
                Value::Flag(Some(r.requirement_held)),
                Value::Flag(Some(r.meets_criteria && r.requirement_held)),
                r.recognized
                    .as_ref()
                    .map_or(Value::Empty, |d| Value::Text(&d.decision)),
                r.recognized
                    .as_ref()
                    .map_or(Value::Empty, |d| Value::Date(d.date)),
            ]);
        }
    }
}

/// The totals of its tables: per level, the units registered and those meeting it.
pub(super) fn totals<'f>(f: &'f Facts, out: &mut Vec<Total<'f>>) {
    for l in &f.level_results {
        let u = units(l);
        let level = l.level.words();
        out.push(Total::new(
            format!("Số {u} đăng ký đạt chuẩn {level}"),
            Value::count(l.registered.len()),
            u,
        ));
        out.push(Total::new(
            format!("Số {u} đạt chuẩn {level}"),
            Value::count(l.meeting.len()),
            u,
        ));
    }
}
