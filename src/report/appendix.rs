//! The appendix tables (phụ biểu), built from the facts into the document model.

use super::model::{Cell, Orientation, Rows, Table};
use crate::facts::{Facts, Status};
use crate::number::{vi, vi_fixed};
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap_or_default()
}

fn v(s: &str) -> String {
    vi(d(s))
}

fn pct(s: &str) -> String {
    let decimals = s.split_once('.').map_or(0, |(_, f)| f.len() as u32);
    vi_fixed(d(s), decimals)
}

/// The appendices a year's facts can fill, with their orientation, in order.
pub fn available(f: &Facts) -> Vec<(&'static str, Orientation)> {
    let mut out = Vec::new();
    if f.documents.is_some() {
        // Landscape: numbers, dates and issuers each fit on one line and the title still
        // gets half the width (on a portrait page it would get a fifth).
        out.push(("01", Orientation::Landscape));
    }
    out.push(("02", Orientation::Landscape));
    out.push(("02a", Orientation::Landscape));
    if let Some(fu) = &f.funding {
        out.push(("03", Orientation::Portrait));
        if fu.contributions.is_some() {
            out.push(("03a", Orientation::Portrait));
        }
    }
    if let Some(db) = &f.disbursement {
        if db.items.iter().any(|i| i.kind == "investment") {
            out.push(("04", Orientation::Landscape));
        }
        if db.items.iter().any(|i| i.kind == "recurrent") {
            out.push(("05", Orientation::Landscape));
        }
    }
    if f.plan.is_some() {
        out.push(("06", Orientation::Landscape));
    }
    if f.villages.is_some() {
        out.push(("07", Orientation::Landscape));
    }
    out
}

/// The table of an appendix, by code.
pub fn table<'f>(code: &str, f: &'f Facts) -> Option<Table<'f>> {
    let t = match code {
        "01" => documents(f)?,
        "02" => criteria(f),
        "02a" => indicators(f),
        "03" => funding(f)?,
        "03a" => contributions(f)?,
        "04" => disbursement(f, "investment")?,
        "05" => disbursement(f, "recurrent")?,
        "06" => plan(f)?,
        "07" => villages(f)?,
        _ => return None,
    };
    debug_assert!(t.is_well_formed(), "appendix {code} table is malformed");
    Some(t)
}

fn flat(columns: &[&str], widths: &[u32], rows: Vec<Vec<Cell>>) -> Table<'static> {
    Table {
        header: vec![columns.iter().map(|c| Cell::center(*c).bold()).collect()],
        rows: rows.into(),
        widths: widths.to_vec(),
        columns: columns.iter().map(|c| c.to_string()).collect(),
    }
}

fn documents(f: &Facts) -> Option<Table<'static>> {
    let docs = f.documents.as_ref()?;
    let rows = docs
        .iter()
        .enumerate()
        .map(|(i, doc)| {
            vec![
                Cell::center((i + 1).to_string()),
                Cell::new(&doc.number),
                Cell::center(super::view::short_date(&doc.date)),
                Cell::new(&doc.issuer),
                Cell::new(&doc.kind),
                Cell::new(&doc.title),
            ]
        })
        .collect();
    // The short columns are as wide as their longest text, so that a document number
    // ("2463/QĐ-UBND"), a date and an issuer stay on one line; the title takes the rest,
    // and never less than half.
    let fit = |pick: &dyn Fn(&crate::facts::DocumentFacts) -> &str, floor: u32| {
        docs.iter()
            .map(|d| ems(pick(d)))
            .max()
            .unwrap_or(0)
            .max(floor)
            + 8
    };
    let number = fit(&|d| d.number.as_str(), 40);
    let date = ems("00/00/0000") + 8;
    let issuer = fit(&|d| d.issuer.as_str(), 40);
    let kind = fit(&|d| d.kind.as_str(), 40);
    let stt = 30;
    let short = stt + number + date + issuer + kind;
    let title = short.max(LANDSCAPE_EMS.saturating_sub(short));
    Some(flat(
        &[
            "STT",
            "Số, ký hiệu",
            "Ngày ban hành",
            "Cơ quan ban hành",
            "Loại văn bản",
            "Trích yếu nội dung",
        ],
        &[stt, number, date, issuer, kind, title],
        rows,
    ))
}

/// The width of a landscape page's text at 11 pt, in tenths of an em (257 mm).
const LANDSCAPE_EMS: u32 = 662;

/// A rough width of `text` in Times New Roman, in tenths of an em: enough to size a column
/// so that its text stays on one line.
fn ems(text: &str) -> u32 {
    text.chars()
        .map(|c| match c {
            ' ' | ',' | '.' | ':' | ';' => 3,
            '-' | '(' | ')' | '/' => 4,
            c if c.is_ascii_digit() => 5,
            c if c.is_uppercase() => 8,
            _ => 5,
        })
        .sum()
}

fn criteria(f: &Facts) -> Table<'static> {
    let year = f.year.to_string();
    let prev = f.previous_year.map(|y| y.to_string());
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
    for (i, c) in f.communes.iter().enumerate() {
        let mut row = vec![Cell::center((i + 1).to_string()), Cell::new(&c.name)];
        for g in &f.groups {
            for n in &g.criteria {
                let cc = c.criteria.iter().find(|x| x.number == *n);
                let mark = match cc {
                    Some(x) if x.status == Status::Met && x.computed == Some(Status::NotMet) => {
                        "x*"
                    }
                    Some(x) if x.status == Status::Met => "x",
                    Some(x) if x.computed == Some(Status::Met) => "*",
                    _ => "",
                };
                row.push(Cell::center(mark));
            }
        }
        row.push(Cell::center(c.criteria_met.to_string()));
        if let Some(p) = c.previous_criteria_met {
            row.push(Cell::center(p.to_string()));
            row.push(Cell::center(signed(
                i64::from(c.criteria_met) - i64::from(p),
            )));
        }
        rows.push(row);
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
    if let Some(p) = f.previous_total_criteria_met {
        total.push(Cell::center(p.to_string()).bold());
        total.push(Cell::center(signed(i64::from(f.total_criteria_met) - i64::from(p))).bold());
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

fn signed(n: i64) -> String {
    match n {
        0 => "0".into(),
        n if n > 0 => format!("+{n}"),
        n => n.to_string(),
    }
}

fn indicators(f: &Facts) -> Table<'_> {
    let columns = ["Chỉ tiêu", "Nội dung", "Giá trị", "Ngưỡng", "Kết quả"];
    Table {
        rows: Rows::Indicators(f),
        ..flat(&columns, &[6, 50, 20, 12, 12], Vec::new())
    }
}

/// The rows of appendix 02a, one at a time: for each commune a title row, then a row per
/// indicator with its value, threshold and result. The cells are reused from row to row,
/// so a national table costs no more memory than a district's.
pub fn indicator_rows(f: &Facts, each: &mut dyn FnMut(&[Cell])) {
    let meta: BTreeMap<&str, &crate::facts::IndicatorTotal> =
        f.indicators.iter().map(|i| (i.id.as_str(), i)).collect();
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
        for ind in &c.indicators {
            let m = meta.get(ind.id.as_str());
            let unit = m.map_or("", |m| m.unit.as_str());
            let [id, content, value, threshold, result] = &mut row;
            id.text.clear();
            id.text.push_str(&ind.id);
            content.text.clear();
            content.text.push_str(m.map_or("", |m| m.content.as_str()));
            let value = &mut value.text;
            value.clear();
            match (&ind.value, &ind.numerator, &ind.denominator) {
                _ if !ind.applicable => value.push_str("Không áp dụng"),
                (Some(x), _, _) if x == "met" => value.push_str("Đạt"),
                (Some(x), _, _) if x == "not_met" => value.push_str("Chưa đạt"),
                (Some(x), _, _) => {
                    let _ = write!(value, "{} {unit}", v(x));
                    value.truncate(value.trim_end().len());
                }
                (None, Some(n), Some(dd)) => {
                    let _ = write!(
                        value,
                        "{}/{} {unit} ({}%)",
                        v(n),
                        v(dd),
                        ind.percent.as_deref().map(pct).unwrap_or_default()
                    );
                }
                _ => value.push('—'),
            }
            let ratio = m.is_some_and(|m| {
                m.kind == crate::ruleset::Kind::Ratio || m.kind == crate::ruleset::Kind::Percent
            });
            let threshold = &mut threshold.text;
            threshold.clear();
            match (&ind.comparator, &ind.threshold) {
                (Some(cmp), Some(t)) => {
                    let sym = match cmp.as_str() {
                        ">=" => "≥",
                        "<=" => "≤",
                        "==" => "=",
                        other => other,
                    };
                    if ratio {
                        let _ = write!(threshold, "{sym} {}%", v(t));
                    } else {
                        let _ = write!(threshold, "{sym} {} {unit}", v(t));
                        threshold.truncate(threshold.trim_end().len());
                    }
                }
                _ => threshold.push_str("Đạt"),
            }
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

fn funding(f: &Facts) -> Option<Table<'static>> {
    let fu = f.funding.as_ref()?;
    let mut rows = Vec::new();
    let mut k = 0;
    for s in fu.sources.iter().filter(|s| s.parent.is_none()) {
        k += 1;
        rows.push(vec![
            Cell::center(k.to_string()).bold(),
            Cell::new(&s.name).bold(),
            Cell::num(v(&s.amount)).bold(),
        ]);
        for c in fu
            .sources
            .iter()
            .filter(|c| c.parent.as_deref() == Some(s.id.as_str()))
        {
            rows.push(vec![
                Cell::center("-"),
                Cell::new(&c.name),
                Cell::num(v(&c.amount)),
            ]);
        }
    }
    rows.push(vec![
        Cell::center(""),
        Cell::new("Tổng cộng").bold(),
        Cell::num(v(&fu.total)).bold(),
    ]);
    Some(flat(
        &["STT", "Nguồn vốn", "Số tiền (triệu đồng)"],
        &[6, 64, 20],
        rows,
    ))
}

fn contributions(f: &Facts) -> Option<Table<'static>> {
    let c = f.funding.as_ref()?.contributions.as_ref()?;
    let opt = |x: Option<String>| x.unwrap_or_else(|| "—".into());
    let row = vec![
        Cell::num(opt(c.households.map(crate::number::vi_int))),
        Cell::num(opt(c.land_m2.as_deref().map(v))),
        Cell::num(opt(c.workdays.map(crate::number::vi_int))),
        Cell::num(opt(c
            .value
            .as_deref()
            .map(|x| vi_fixed(d(x), d(x).scale())))),
    ];
    Some(flat(
        &[
            "Số hộ tham gia",
            "Diện tích đất hiến (m²)",
            "Ngày công lao động",
            "Giá trị quy đổi (triệu đồng)",
        ],
        &[20, 25, 20, 25],
        vec![row],
    ))
}

fn disbursement(f: &Facts, kind: &str) -> Option<Table<'static>> {
    let db = f.disbursement.as_ref()?;
    let items: Vec<_> = db.items.iter().filter(|i| i.kind == kind).collect();
    if items.is_empty() {
        return None;
    }
    let mut rows = Vec::new();
    let (mut plan, mut disbursed, mut any_disbursed) = (Decimal::ZERO, Decimal::ZERO, false);
    for (k, i) in items.iter().enumerate() {
        plan += d(&i.plan);
        if let Some(x) = &i.disbursed {
            disbursed += d(x);
            any_disbursed = true;
        }
        rows.push(vec![
            Cell::center((k + 1).to_string()),
            Cell::new(&i.name),
            Cell::num(i.projects.map(|p| p.to_string()).unwrap_or_default()),
            Cell::num(v(&i.plan)),
            Cell::num(i.disbursed.as_deref().map(v).unwrap_or_else(|| "—".into())),
            Cell::num(i.percent.as_deref().map(pct).unwrap_or_else(|| "—".into())),
            Cell::new(i.note.clone().unwrap_or_default()),
        ]);
    }
    let total_pct = if any_disbursed {
        crate::number::percent(disbursed, plan).map_or("—".into(), |p| vi_fixed(p, 1))
    } else {
        "—".into()
    };
    rows.push(vec![
        Cell::center(""),
        Cell::new("Tổng cộng").bold(),
        Cell::num(""),
        Cell::num(vi(plan)).bold(),
        Cell::num(if any_disbursed {
            vi(disbursed)
        } else {
            "—".into()
        })
        .bold(),
        Cell::num(total_pct).bold(),
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
        &[5, 30, 8, 12, 12, 10, 23],
        rows,
    ))
}

fn plan(f: &Facts) -> Option<Table<'static>> {
    let p = f.plan.as_ref()?;
    let by_id: BTreeMap<&str, &crate::facts::PlanCommune> =
        p.communes.iter().map(|x| (x.id.as_str(), x)).collect();
    let mut rows = Vec::new();
    for (k, c) in f.communes.iter().enumerate() {
        let pc = by_id.get(c.id.as_str()).copied();
        let list = |v: &[u32]| v.iter().map(u32::to_string).collect::<Vec<_>>().join(", ");
        rows.push(vec![
            Cell::center((k + 1).to_string()),
            Cell::new(&c.name),
            Cell::center(c.criteria_met.to_string()),
            Cell::center(pc.map(|x| list(&x.new)).unwrap_or_default()),
            Cell::center(pc.map_or(0, |x| x.new.len()).to_string()),
            Cell::center(pc.map_or(c.criteria_met, |x| x.projected).to_string()),
            Cell::center(
                pc.and_then(|x| x.standard_year)
                    .map(|y| y.to_string())
                    .unwrap_or_default(),
            ),
        ]);
    }
    rows.push(vec![
        Cell::center(""),
        Cell::new("Tổng cộng").bold(),
        Cell::center(f.total_criteria_met.to_string()).bold(),
        Cell::center(""),
        Cell::center(p.criteria_to_add.to_string()).bold(),
        Cell::center(p.projected_total.to_string()).bold(),
        Cell::center(""),
    ]);
    rows.push(vec![
        Cell::center(""),
        Cell::new("Bình quân tiêu chí/xã").bold(),
        Cell::center(vi_fixed(d(&f.average_criteria_per_commune), 2)).bold(),
        Cell::center(""),
        Cell::center(""),
        Cell::center(vi_fixed(d(&p.projected_average), 2)).bold(),
        Cell::center(""),
    ]);
    let year = f.year;
    let next = p.year;
    let cols = [
        "STT".to_string(),
        "Tên xã".to_string(),
        format!("Số tiêu chí đạt năm {year}"),
        format!("Tiêu chí đăng ký đạt mới năm {next}"),
        "Số tiêu chí tăng thêm".to_string(),
        format!("Dự kiến số tiêu chí đạt năm {next}"),
        "Năm dự kiến đạt chuẩn NTM".to_string(),
    ];
    let cols: Vec<&str> = cols.iter().map(String::as_str).collect();
    Some(flat(&cols, &[5, 20, 12, 25, 12, 14, 12], rows))
}

/// Village bands as offices report them: the low counts together (up to 5), 6–9 together,
/// then each count from 10 up. Returns (label, low, high) for the counts that occur.
pub fn village_bands(by_count: &BTreeMap<u32, usize>) -> Vec<(String, u32, u32)> {
    let mut bands: Vec<(String, u32, u32)> = Vec::new();
    for &k in by_count.keys() {
        let (lo, hi) = match k {
            0..=5 => (0, 5),
            6..=9 => (6, 9),
            _ => (k, k),
        };
        if bands.iter().any(|b| b.1 <= k && k <= b.2) {
            continue;
        }
        let lo_seen = by_count
            .keys()
            .copied()
            .filter(|x| (lo..=hi).contains(x))
            .min()
            .unwrap_or(lo);
        let hi_seen = by_count
            .keys()
            .copied()
            .filter(|x| (lo..=hi).contains(x))
            .max()
            .unwrap_or(hi);
        let hi_label = if lo == hi { hi_seen } else { hi };
        let label = if lo_seen == hi_label {
            format!("{hi_label:02}")
        } else {
            format!("{lo_seen:02} - {hi_label:02}")
        };
        bands.push((label, lo, hi));
    }
    bands
}

fn villages(f: &Facts) -> Option<Table<'static>> {
    let vf = f.villages.as_ref()?;
    let bands = village_bands(&vf.by_criteria_met);
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
    for (label, _, _) in &bands {
        second.push(Cell::center(format!("{label} TC")).bold());
        columns.push(format!("Đạt {label} tiêu chí"));
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
    let mut totals = vec![0usize; bands.len()];
    for (k, c) in vf.by_commune.iter().enumerate() {
        let mut row = vec![
            Cell::center((k + 1).to_string()),
            Cell::new(&c.commune),
            Cell::center(c.total.to_string()),
        ];
        for (b, (_, lo, hi)) in bands.iter().enumerate() {
            let n = c
                .villages
                .iter()
                .filter(|v| *lo <= v.criteria_met && v.criteria_met <= *hi)
                .count();
            totals[b] += n;
            row.push(Cell::center(if n == 0 {
                String::new()
            } else {
                n.to_string()
            }));
        }
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
    total.extend(totals.iter().map(|t| Cell::center(t.to_string()).bold()));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn village_bands_group_low_counts() {
        let m: BTreeMap<u32, usize> = [(3, 5), (5, 18), (6, 40), (9, 52), (10, 16), (15, 3)]
            .into_iter()
            .collect();
        let labels: Vec<String> = village_bands(&m).into_iter().map(|b| b.0).collect();
        assert_eq!(labels, ["03 - 05", "06 - 09", "10", "15"]);
    }
}
