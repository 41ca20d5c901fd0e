//! Appendix 06: the plan for the next year, commune by commune.

use super::{Sheet, Total, Value, flat, numbers};
use crate::facts::{Facts, PlanCommune};
use crate::number::vi_scaled;
use crate::report::model::{Cell, Table};
use std::collections::HashMap;

fn by_id(communes: &[PlanCommune]) -> HashMap<&str, &PlanCommune> {
    communes.iter().map(|x| (x.id.as_str(), x)).collect()
}

pub(super) fn table(f: &Facts) -> Option<Table<'static>> {
    let p = f.plan.as_ref()?;
    let by_id = by_id(&p.communes);
    let mut rows = Vec::new();
    for (k, c) in f.communes.iter().enumerate() {
        let pc = by_id.get(c.id.as_str()).copied();
        rows.push(vec![
            Cell::center((k + 1).to_string()),
            Cell::new(&c.name),
            Cell::center(c.criteria_met.to_string()),
            Cell::center(pc.map(|x| numbers(&x.new)).unwrap_or_default()),
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
        Cell::center(vi_scaled(f.average_criteria_per_commune)).bold(),
        Cell::center(""),
        Cell::center(""),
        Cell::center(vi_scaled(p.projected_average)).bold(),
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

pub(super) fn sheet(f: &Facts, s: &mut dyn Sheet) {
    let Some(p) = &f.plan else { return };
    let next = p.year;
    s.header(vec![
        "STT".into(),
        "Mã xã".into(),
        "Tên xã".into(),
        format!("Số tiêu chí đạt năm {}", f.year),
        format!("Tiêu chí đăng ký năm {next}"),
        format!("Tiêu chí đăng ký đạt mới năm {next}"),
        "Số tiêu chí tăng thêm".into(),
        format!("Dự kiến số tiêu chí đạt năm {next}"),
        "Năm dự kiến đạt chuẩn NTM".into(),
    ]);
    let by_id = by_id(&p.communes);
    for (k, c) in f.communes.iter().enumerate() {
        let pc = by_id.get(c.id.as_str());
        s.row(&[
            Value::count(k + 1),
            Value::Text(&c.id),
            Value::Text(&c.name),
            Value::Int(c.criteria_met.into()),
            pc.map_or(Value::Empty, |x| Value::list(&x.register)),
            pc.map_or(Value::Empty, |x| Value::list(&x.new)),
            Value::count(pc.map_or(0, |x| x.new.len())),
            Value::Int(pc.map_or(c.criteria_met, |x| x.projected).into()),
            pc.and_then(|x| x.standard_year)
                .map_or(Value::Empty, |y| Value::Year(y.into())),
        ]);
    }
}

pub(super) fn totals<'f>(f: &'f Facts, out: &mut Vec<Total<'f>>) {
    let Some(p) = &f.plan else { return };
    let y = p.year;
    out.push(Total::new(
        format!("Số tiêu chí tăng thêm năm {y}"),
        Value::Int(p.criteria_to_add.into()),
        "tiêu chí",
    ));
    out.push(Total::new(
        format!("Dự kiến tổng số tiêu chí đạt năm {y}"),
        Value::Int(p.projected_total.into()),
        "tiêu chí",
    ));
    out.push(Total::new(
        format!("Dự kiến bình quân tiêu chí/xã năm {y}"),
        Value::Dec(p.projected_average),
        "tiêu chí/xã",
    ));
    if let Some(x) = p.income_per_capita {
        out.push(Total::new(
            format!("Mục tiêu thu nhập bình quân đầu người năm {y}"),
            Value::Dec(x),
            "triệu đồng/người/năm",
        ));
    }
    if let Some(x) = p.ocop_products {
        out.push(Total::new(
            format!("Mục tiêu sản phẩm OCOP từ 3 sao năm {y}"),
            Value::int(Some(x)),
            "sản phẩm",
        ));
    }
    if let Some(x) = p.villages_to_standard {
        out.push(Total::new(
            format!("Mục tiêu thôn, bản đạt chuẩn năm {y}"),
            Value::int(Some(x)),
            "thôn, bản",
        ));
    }
}
