//! `ntm-report init YEAR`: a new year's folder, started from the year before.
//!
//! [`plan_init`] reads the previous year through the normal validation and returns the
//! files to create, as text; [`write_new`] writes those that do not exist yet and never
//! touches one that does, so `init` can be run again at any time. Everything carried over
//! is marked as to be confirmed, and every template parses as valid data, so
//! `ntm-report check YEAR` works from the first minute.

pub mod new;
pub mod workbook;

use crate::compile::{self, Checked, Warned};
use crate::dataset::{Dataset, IndicatorValue, MeasureValue};
use crate::diagnostic::{Diagnostics, Message, Severity};
use crate::facts::{Facts, Status};
use crate::layout::Year;
use crate::load::Files;
use crate::narrative;
use crate::ruleset::{Indicator, Kind};
use std::fmt::Write as _;
use std::path::Path;

/// The files to create for `year` from the folder of `year - 1`: (path relative to the data
/// folder, content). `Err` (the problem, for the user) when the previous year does not
/// exist or its data has errors.
pub fn plan_init(files: &dyn Files, year: i32) -> Result<Vec<(String, String)>, Diagnostics> {
    let Checked { dataset: ds, facts } = previous(files, year)?;
    let mut out = Vec::new();
    out.push((
        Year(year).report(),
        report_toml(&ds.config.issuer.abbreviation, year),
    ));
    let long_table = matches!(files.read(&Year(year).commune_table()), Ok(Some(_)));
    if !long_table {
        for (i, c) in ds.communes.iter().enumerate() {
            out.push((Year(year).commune(&c.id), commune_toml(&ds, i, year)));
        }
    }
    if let Some(v) = villages_csv(&ds) {
        out.push((Year(year).villages(), v));
    }
    if matches!(files.read(&Year(year - 1).groups()), Ok(Some(_))) {
        out.push((Year(year).groups(), groups_csv(&ds)));
    }
    out.extend(year_files(Some((&ds, &facts)), year));
    Ok(out)
}

/// `YEAR/groups.csv` from the year before's: each commune in the group it was assigned,
/// with the deciding decision, for the province to keep or change.
fn groups_csv(ds: &Dataset) -> String {
    let mut s = String::from("commune,name,group,decision,date,by\n");
    for c in &ds.communes {
        let d = c.category_decision.as_ref();
        let cell = |t: &str| {
            if t.contains([',', '"', '\n']) {
                format!("\"{}\"", t.replace('"', "\"\""))
            } else {
                t.to_string()
            }
        };
        let _ = writeln!(
            s,
            "{},{},{},{},{},{}",
            c.id,
            cell(&c.name),
            cell(&c.category),
            cell(d.map_or("", |d| d.decision.as_str())),
            d.map_or(String::new(), |d| d.date.to_string()),
            cell(d.and_then(|d| d.by.as_deref()).unwrap_or("")),
        );
    }
    s
}

/// As [`plan_init`], with the commune statuses, indicator values, villages and documents
/// in one fillable workbook, `YEAR/nhap-lieu.xlsx` ([`workbook`]), instead of commune files
/// and `villages.csv`. When the year already has commune files or a long table, the
/// workbook has no commune sheets (they would give every item twice).
pub fn plan_init_workbook(
    files: &dyn Files,
    year: i32,
) -> Result<Vec<(String, Vec<u8>)>, Diagnostics> {
    let Checked { dataset: ds, facts } = previous(files, year)?;
    let has_communes = matches!(files.read(&Year(year).commune_table()), Ok(Some(_)))
        || !files.list(&Year(year).communes_dir()).is_empty();
    let template = workbook::Template {
        year,
        unit: format!("{} {}", ds.config.unit.label, ds.config.unit.name),
        communes: &ds.communes,
        villages: &ds.villages,
        rules: &ds.commune_rules,
        village_rules: ds.village_rules.as_ref(),
        previous: Some(&ds.current),
        commune_sheets: !has_communes,
    };
    let book = workbook::workbook(&template).map_err(|e| {
        let mut diags = Diagnostics::new();
        let detail = e.to_string();
        let file = Year(year).workbook();
        diags.error_in(Some(&file), Message::CannotWriteOutput { detail });
        diags
    })?;
    let mut out = vec![(
        Year(year).report(),
        report_toml(&ds.config.issuer.abbreviation, year).into_bytes(),
    )];
    out.push((Year(year).workbook(), book));
    for (rel, text) in year_files(Some((&ds, &facts)), year) {
        out.push((rel, text.into_bytes()));
    }
    Ok(out)
}

/// The checked data of the year before `year` and its facts; `Err` (the problem) when it
/// does not exist or has errors.
fn previous(files: &dyn Files, year: i32) -> Result<Checked, Diagnostics> {
    let prev = year - 1;
    let mut problem = Diagnostics::new();
    if !files.is_dir(&Year(prev).dir()) {
        let folder = Year(prev).shown();
        // A file in the year folder's place is reported as what it is.
        if let Err(e) = files.listing(&Year(prev).dir()) {
            crate::validate::read_error(&folder, e, &mut problem);
            return Err(problem);
        }
        problem.error_in(
            Some(&folder),
            Message::NoPreviousYear {
                year,
                previous: prev,
            },
        );
        return Err(problem);
    }
    let Warned {
        output,
        diagnostics,
    } = compile::facts(files, prev);
    match output {
        Some(checked) if !diagnostics.has_errors() => Ok(checked),
        _ => {
            let errors = diagnostics.count(Severity::Error);
            let folder = Year(prev).shown();
            problem.error_in(
                Some(&folder),
                Message::PreviousYearInvalid { year: prev, errors },
            );
            Err(problem)
        }
    }
}

/// The files of a new year besides its commune and village data: funding, disbursement,
/// plan and narrative templates, from last year's data when there is a last year.
fn year_files(previous: Option<(&Dataset, &Facts)>, year: i32) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let funding = previous.and_then(|(ds, _)| ds.current.funding.as_ref());
    out.push((Year(year).funding(), funding_toml(funding, year)));
    out.push((Year(year).disbursement(), disbursement_toml(year)));
    out.push((Year(year).plan(), plan_toml(previous, year)));
    // The component fragments of the year before's set (all, for a first year).
    let components = previous.map_or(usize::MAX, |(_, f)| f.ruleset.components.len());
    for (name, what) in narrative::FRAGMENTS {
        if narrative::applies(name, components) {
            out.push((Year(year).fragment(name), narrative::template(year, what)));
        }
    }
    out
}

/// Writes each file under `root` unless it exists (never overwrites), creating folders;
/// returns (path, created?) in the order given.
pub fn write_new<T: AsRef<[u8]>>(
    root: &Path,
    files: &[(String, T)],
) -> std::io::Result<Vec<(String, bool)>> {
    let mut out = Vec::new();
    for (rel, text) in files {
        let created = crate::output::write_new_file(root, rel, text.as_ref())?;
        out.push((rel.clone(), created));
    }
    Ok(out)
}

/// A TOML basic string.
fn quoted(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// One line of a comment: no line breaks.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn list(ns: &[u32]) -> String {
    let items: Vec<String> = ns.iter().map(u32::to_string).collect();
    format!("[{}]", items.join(", "))
}

fn report_toml(abbreviation: &str, year: i32) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "# Báo cáo năm {year}: số và ngày ban hành (report number and date)."
    );
    let _ = writeln!(
        s,
        "# Điền số báo cáo khi được cấp số (fill in the number once it is assigned)."
    );
    let _ = writeln!(s, "number = {}", quoted(&format!("…/BC-{abbreviation}")));
    let _ = writeln!(
        s,
        "# Ngày dự kiến, cần xác nhận (a placeholder date, to be confirmed)."
    );
    let _ = writeln!(s, "date = \"{}-01-05\"", year + 1);
    s
}

/// An indicator's previous value as shown in a comment.
fn shown(v: Option<&IndicatorValue>) -> String {
    match v {
        None => "—".into(),
        Some(IndicatorValue::YesNo(true)) => "đạt".into(),
        Some(IndicatorValue::YesNo(false)) => "không đạt".into(),
        Some(IndicatorValue::Scalar(d)) => d.to_string(),
        Some(IndicatorValue::Ratio {
            numerator,
            denominator,
        }) => format!("{numerator} / {denominator}"),
        Some(IndicatorValue::NotApplicable) => "không áp dụng".into(),
    }
}

/// The empty value of an indicator: `""` where the number or the status goes.
fn blank(kind: Kind) -> &'static str {
    match kind {
        Kind::YesNo => "{ met = \"\" }",
        Kind::Ratio => "{ numerator = \"\", denominator = \"\" }",
        _ => "{ value = \"\" }",
    }
}

fn indicator_line(ind: &Indicator, prev: i32, value: Option<&IndicatorValue>) -> String {
    let unit = if ind.unit.is_empty() {
        String::new()
    } else {
        format!(" ({})", one_line(&ind.unit))
    };
    let exists = if ind.if_exists && !ind.content.contains("nếu có") {
        " (nếu có)"
    } else {
        ""
    };
    let code = format!("# {} = {}", quoted(&ind.id), blank(ind.kind));
    format!(
        "{code:<48} # {prev}: {} — {}{unit}{exists}\n",
        shown(value),
        one_line(&ind.content)
    )
}

fn commune_toml(ds: &Dataset, i: usize, year: i32) -> String {
    let prev = year - 1;
    let c = &ds.communes[i];
    let data = &ds.current.communes[i];
    let rules = &ds.commune_rules;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "# Trạng thái chuyển từ năm {prev}: cần xác nhận lại (carried over from {prev}, to be confirmed)"
    );
    let _ = writeln!(
        s,
        "# Xã {}, năm {year}. Sửa `met` / `not_met` theo kết quả đánh giá năm {year}, rồi ghi",
        one_line(&c.name)
    );
    let _ = writeln!(
        s,
        "# nguồn vào `source` (edit the statuses to the {year} assessment, then the source)."
    );
    let _ = writeln!(s, "commune = {}", quoted(&c.id));
    let _ = writeln!(
        s,
        "source = {}",
        quoted(&format!("Chuyển từ năm {prev} — cần xác nhận"))
    );
    let met: Vec<u32> = data
        .declared
        .iter()
        .filter(|(_, d)| d.status == Status::Met)
        .map(|(n, _)| *n)
        .collect();
    let not_met: Vec<u32> = data
        .declared
        .iter()
        .filter(|(_, d)| d.status == Status::NotMet)
        .map(|(n, _)| *n)
        .collect();
    let _ = writeln!(s, "\n[declared]");
    if data.declared.is_empty() {
        let _ = writeln!(
            s,
            "# Năm {prev} không có trạng thái công bố (no declared status in {prev})."
        );
    }
    let _ = writeln!(s, "met = {}", list(&met));
    let _ = writeln!(s, "not_met = {}", list(&not_met));
    for (key, status) in [
        ("basically_met", Status::BasicallyMet),
        ("not_assessed", Status::NotAssessed),
    ] {
        let these: Vec<u32> = data
            .declared
            .iter()
            .filter(|(_, d)| d.status == status)
            .map(|(n, _)| *n)
            .collect();
        if !these.is_empty() {
            let _ = writeln!(s, "{key} = {}", list(&these));
        }
    }

    let _ = writeln!(s, "\n[indicators]");
    let _ = writeln!(
        s,
        "# Giá trị chỉ tiêu năm {year}: bỏ dấu \"#\" đầu dòng và điền vào chỗ \"\" (số, hoặc"
    );
    let _ = writeln!(
        s,
        "# met = true / false); chỉ tiêu \"nếu có\" mà xã không có thì ghi {{ applicable = false }}."
    );
    let _ = writeln!(
        s,
        "# Cuối dòng là giá trị năm {prev}, để đối chiếu. (Values for {year}: remove the \"#\" and"
    );
    let _ = writeln!(
        s,
        "# fill in the \"\"; the {prev} value is shown at the end of each line, for reference.)"
    );
    for cr in &rules.criteria {
        if cr.indicators.is_empty() {
            continue;
        }
        let _ = writeln!(s, "#\n# TC {}. {}", cr.number, one_line(&cr.name));
        for ind in &cr.indicators {
            s.push_str(&indicator_line(ind, prev, data.indicators.get(&ind.id)));
        }
    }

    if !rules.measures.is_empty() {
        let _ = writeln!(s, "\n[measures]");
        let _ = writeln!(
            s,
            "# Số liệu bổ trợ, cộng cho toàn {} (auxiliary quantities, summed over communes).",
            one_line(&ds.config.unit.label)
        );
        for m in &rules.measures {
            let template = if m.kind == Kind::Ratio {
                "{ numerator = \"\", denominator = \"\" }"
            } else {
                "\"\""
            };
            let before = match data.measures.get(&m.id) {
                None => "—".to_string(),
                Some(MeasureValue::Scalar(d)) => d.to_string(),
                Some(MeasureValue::Ratio {
                    numerator,
                    denominator,
                }) => format!("{numerator} / {denominator}"),
            };
            let unit = if m.unit.is_empty() {
                String::new()
            } else {
                format!(" ({})", one_line(&m.unit))
            };
            let code = format!("# {} = {template}", quoted(&m.id));
            let _ = writeln!(
                s,
                "{code:<48} # {prev}: {before} — {}{unit}",
                one_line(&m.name)
            );
        }
    }
    s
}

/// The village table with last year's statuses, when last year had one.
fn villages_csv(ds: &Dataset) -> Option<String> {
    let rules = ds.village_rules.as_ref()?;
    let rows = ds.current.villages.as_ref()?;
    let mut s = String::from("village");
    for c in &rules.criteria {
        let _ = write!(s, ",{}", c.number);
    }
    s.push('\n');
    for (v, met) in ds.villages.iter().zip(rows) {
        s.push_str(&v.id);
        for c in &rules.criteria {
            s.push_str(if met.contains(&c.number) { ",x" } else { "," });
        }
        s.push('\n');
    }
    Some(s)
}

fn funding_toml(previous: Option<&crate::dataset::Funding>, year: i32) -> String {
    let prev = year - 1;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "# Vốn huy động năm {year}, triệu đồng (funding mobilised in {year}, million VND)."
    );
    let _ = writeln!(
        s,
        "# CHƯA CÓ SỐ LIỆU (not filled in yet): bỏ dấu \"#\" đầu dòng và điền số tiền vào chỗ \"\"."
    );
    let _ = writeln!(
        s,
        "# Nguồn có nguồn con thì không ghi `amount` (a source with sub-sources has no amount)."
    );
    let _ = writeln!(s, "# Xem docs/data-format.md, `YEAR/funding.toml`.");
    match previous {
        Some(f) if !f.sources.is_empty() => {
            let _ = writeln!(
                s,
                "# Các nguồn dưới đây chép từ năm {prev} (sources copied from {prev})."
            );
            for src in &f.sources {
                let leaf = !f
                    .sources
                    .iter()
                    .any(|c| c.parent.as_deref() == Some(src.id.as_str()));
                let _ = writeln!(s, "\n# [[sources]]");
                let _ = writeln!(s, "# id = {}", quoted(&src.id));
                if let Some(p) = &src.parent {
                    let _ = writeln!(s, "# parent = {}", quoted(p));
                }
                let _ = writeln!(s, "# name = {}", quoted(&src.name));
                if leaf {
                    let before = src.amount.map_or("—".to_string(), |a| a.to_string());
                    let _ = writeln!(s, "{:<48} # {prev}: {before}", "# amount = \"\"");
                }
            }
        }
        _ => {
            s.push_str(
                "\n# [[sources]]\n# id = \"ntm\"\n# name = \"Vốn Chương trình MTQG xây dựng nông thôn mới\"\n\
                 \n# [[sources]]\n# id = \"ntm-dau-tu\"\n# parent = \"ntm\"\n# name = \"Vốn đầu tư phát triển\"\n# amount = \"\"\n",
            );
        }
    }
    let c = previous.and_then(|f| f.contributions.as_ref());
    let was = |v: Option<String>| v.unwrap_or_else(|| "—".into());
    let _ = writeln!(
        s,
        "\n# Đóng góp của Nhân dân (people's contributions), nếu có:"
    );
    let _ = writeln!(s, "# [contributions]");
    let lines = [
        (
            "# households = 0",
            was(c.and_then(|c| c.households).map(|v| v.to_string())),
        ),
        (
            "# land_m2 = \"\"",
            was(c.and_then(|c| c.land_m2).map(|v| v.to_string())),
        ),
        (
            "# workdays = 0",
            was(c.and_then(|c| c.workdays).map(|v| v.to_string())),
        ),
        (
            "# value = \"\"",
            was(c.and_then(|c| c.value).map(|v| v.to_string())),
        ),
    ];
    for (code, before) in lines {
        let _ = writeln!(s, "{code:<48} # {prev}: {before}");
    }
    s
}

fn disbursement_toml(year: i32) -> String {
    let prev = year - 1;
    format!(
        "# Phân bổ và giải ngân vốn ngân sách trung ương năm {year}, triệu đồng
# (allocation and disbursement of the central budget in {year}, million VND).
# CHƯA CÓ SỐ LIỆU (not filled in yet): mỗi khoản một khối [[items]]; bỏ dấu \"#\" và điền.
# kind: \"investment\" (đầu tư) hoặc \"recurrent\" (sự nghiệp);
# origin: \"carried_over\" (năm {prev} chuyển sang) hoặc \"current\" (năm {year}).
# Xem docs/data-format.md, `YEAR/disbursement.toml`.

# [[items]]
# id = \"dau-tu-chuyen-nguon\"
# name = \"Vốn đầu tư năm {prev} chuyển nguồn sang năm {year}\"
# kind = \"investment\"
# origin = \"carried_over\"
# plan = \"\"                                    # số được giao (allocated)
# disbursed = \"\"                               # số đã giải ngân (disbursed), nếu có
# projects = 0                                  # số dự án, nếu có
# note = \"\"

# [[items]]
# id = \"dau-tu-{year}\"
# name = \"Vốn đầu tư năm {year}\"
# kind = \"investment\"
# origin = \"current\"
# plan = \"\"
# disbursed = \"\"

# [[items]]
# id = \"su-nghiep-{year}\"
# name = \"Vốn sự nghiệp năm {year}\"
# kind = \"recurrent\"
# origin = \"current\"
# plan = \"\"
"
    )
}

fn plan_toml(previous: Option<(&Dataset, &Facts)>, year: i32) -> String {
    let prev = year - 1;
    let next = year + 1;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "# Kế hoạch năm {next} (the plan for {next}), lập cuối năm {year}."
    );
    let _ = writeln!(
        s,
        "# CHƯA CÓ SỐ LIỆU (not filled in yet): bỏ dấu \"#\" đầu dòng và điền."
    );
    let _ = writeln!(s, "# Xem docs/data-format.md, `YEAR/plan.toml`.");
    let _ = writeln!(s, "year = {next}");
    let _ = writeln!(
        s,
        "{:<48} # thu nhập bình quân, triệu đồng/người/năm",
        "# income_per_capita = \"\""
    );
    let _ = writeln!(
        s,
        "{:<48} # sản phẩm OCOP đạt 3 sao trở lên",
        "# ocop_products = 0"
    );
    let _ = writeln!(
        s,
        "{:<48} # thôn, bản đạt chuẩn NTM",
        "# villages_to_standard = 0"
    );
    let _ = writeln!(
        s,
        "\n# Tiêu chí từng xã đăng ký đạt trong năm {next}. Ghi chú cuối dòng: tiêu chí chưa đạt"
    );
    let _ = writeln!(
        s,
        "# năm {prev}, để tham khảo (criteria not met in {prev}, for reference)."
    );
    let Some((ds, facts)) = previous else {
        return s;
    };
    for (i, c) in facts.communes.iter().enumerate() {
        let not_met: Vec<u32> = c
            .criteria
            .iter()
            .filter(|x| x.status == Status::NotMet)
            .map(|x| x.number)
            .collect();
        if not_met.is_empty() {
            continue;
        }
        let _ = writeln!(s, "\n# [[communes]]");
        let _ = writeln!(
            s,
            "{:<48} # {}",
            format!("# commune = {}", quoted(&c.id)),
            one_line(&c.name)
        );
        let _ = writeln!(
            s,
            "{:<48} # chưa đạt năm {prev}: {}",
            "# register = []",
            not_met
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        );
        let standard = ds
            .current
            .plan
            .as_ref()
            .and_then(|p| p.communes.iter().find(|p| p.commune == i))
            .and_then(|p| p.standard_year)
            .filter(|y| *y >= next);
        if let Some(y) = standard {
            let _ = writeln!(
                s,
                "{:<48} # theo kế hoạch năm {prev}",
                format!("# standard_year = {y}")
            );
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::MemoryFiles;

    #[test]
    fn a_missing_previous_year_is_an_error() {
        let files = MemoryFiles::default();
        let e = plan_init(&files, 2030).unwrap_err().sorted();
        assert_eq!(e.len(), 1);
        let text = e[0].message.text(crate::diagnostic::Lang::En);
        assert!(text.contains("`2029/` does not exist"), "{text}");
        assert_eq!(e[0].file.as_deref(), Some("2029/"));
    }

    #[test]
    fn write_new_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("2024")).unwrap();
        std::fs::write(dir.path().join("2024/report.toml"), "edited").unwrap();
        let files = vec![
            ("2024/report.toml".to_string(), "new".to_string()),
            ("2024/narrative/a.md".to_string(), "x".to_string()),
        ];
        let done = write_new(dir.path(), &files).unwrap();
        assert_eq!(
            done,
            vec![
                ("2024/report.toml".to_string(), false),
                ("2024/narrative/a.md".to_string(), true)
            ]
        );
        assert_eq!(
            std::fs::read_to_string(dir.path().join("2024/report.toml")).unwrap(),
            "edited"
        );
        assert_eq!(
            std::fs::read_to_string(dir.path().join("2024/narrative/a.md")).unwrap(),
            "x"
        );
    }
}
