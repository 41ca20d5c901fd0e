//! The entry points the fuzz targets drive, shared with the randomized smoke test of the
//! main crate (`tests/properties.rs` includes this file): each puts arbitrary bytes in one
//! file of a small valid data folder held in memory ([`MemoryFiles`]) and runs the whole
//! front of the pipeline. They panic only on a bug: a panic inside the library, a dataset
//! returned along with errors, or facts that do not serialise.

use ntm_report::diagnostic::{Diagnostics, Lang};
use ntm_report::facts::Facts;
use ntm_report::load::MemoryFiles;
use ntm_report::number::{DecimalSeparator, parse_decimal};
use ntm_report::report::model::Block;
use ntm_report::report::templates::{DEFAULTS, Templates};
use ntm_report::source::SourceFile;
use ntm_report::{compile, render, report};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The report year of the base folder.
pub const YEAR: i32 = 2023;

/// A small valid data folder: two communes (one in a TOML file, one in the long table),
/// one village, and small rulesets of its own (so that a run takes milliseconds) with every
/// kind of indicator, categories, year-dependent thresholds and measures.
pub const BASE: &[(&str, &str)] = &[
    (
        "ntm.toml",
        r#"recipients = ["Lưu: VT."]

[unit]
level = "district"
name = "Thử Nghiệm"
label = "huyện"
province = "Lai Châu"
place = "Thử Nghiệm"

[issuer]
name = "ỦY BAN NHÂN DÂN HUYỆN THỬ NGHIỆM"
abbreviation = "UBND"

[signer]
position = "CHỦ TỊCH"
name = "Nguyễn Văn A"

[rulesets]
commune = "rulesets/xa.toml"
village = "rulesets/ban.toml"
"#,
    ),
    (
        "rulesets/xa.toml",
        r#"[ruleset]
id = "xa-thu"
level = "commune"
name = "Bộ tiêu chí xã thử nghiệm"
legal_source = "Không có thật"
valid_from = 2022
valid_to = 2025

[[categories]]
id = "thuong"
name = "Xã thường"

[[categories]]
id = "dbkk"
name = "Xã đặc biệt khó khăn"

[[groups]]
id = "I"
name = "Hạ tầng"

[[criteria]]
number = 1
name = "Quy hoạch"
group = "I"

[[criteria.indicators]]
id = "1.1"
content = "Có quy hoạch chung xây dựng xã"
kind = "yes_no"

[[criteria]]
number = 2
name = "Giao thông"
group = "I"

[[criteria.indicators]]
id = "2.1"
content = "Đường xã được nhựa hóa, bê tông hóa"
kind = "ratio"
unit = "km"
comparator = ">="
percent_decimals = 1

[[criteria.indicators.thresholds]]
value = "90"
categories = ["dbkk"]

[[criteria.indicators.thresholds]]
value = "100"

[[criteria]]
number = 3
name = "Thu nhập"
group = "I"

[[criteria.indicators]]
id = "3.1"
content = "Thu nhập bình quân đầu người"
kind = "amount"
unit = "triệu đồng/người/năm"
comparator = ">="

[[criteria.indicators.thresholds]]
value = 39.0
to_year = 2022

[[criteria.indicators.thresholds]]
value = "42"
from_year = 2023

[[criteria]]
number = 4
name = "Nhà ở dân cư"
group = "I"

[[criteria.indicators]]
id = "4.1"
content = "Nhà tạm, dột nát"
kind = "count"
comparator = "=="

[[criteria.indicators.thresholds]]
value = 0

[[criteria.indicators]]
id = "4.2"
content = "Tỷ lệ hộ có nhà ở kiên cố"
kind = "percent"
comparator = ">="

[[criteria.indicators.thresholds]]
value = "80"

[[criteria]]
number = 5
name = "Tổ chức sản xuất"
group = "I"

[[criteria.indicators]]
id = "5.1"
content = "Làng nghề (nếu có)"
kind = "yes_no"
applicability = "if_exists"

[[measures]]
id = "m.cong-trinh"
name = "Công trình thủy lợi"
kind = "count"

[[measures]]
id = "m.ho-ngheo"
name = "Hộ nghèo"
unit = "hộ"
kind = "ratio"
"#,
    ),
    (
        "rulesets/ban.toml",
        r#"[ruleset]
id = "ban-thu"
level = "village"
name = "Bộ tiêu chí thôn, bản thử nghiệm"
legal_source = "Không có thật"

[[groups]]
id = "I"
name = "Chung"

[[criteria]]
number = 1
name = "Giao thông"
group = "I"

[[criteria]]
number = 2
name = "Điện"
group = "I"

[[criteria]]
number = 3
name = "Nhà văn hóa"
group = "I"
"#,
    ),
    (
        "communes.csv",
        "id,name,category,recognized_decision,recognized_date\n\
         an-binh,An Bình,thuong,935/QĐ-UBND,2017-08-28\n\
         bac-son,Bắc Sơn,dbkk,,\n",
    ),
    (
        "villages.csv",
        "id,commune,name\nan-binh-1,an-binh,Bản Nà Cang\nbac-son-1,bac-son,Bản Pa\n",
    ),
    (
        "2023/report.toml",
        "number = \"1/BC-UBND\"\ndate = \"2024-01-05\"\n",
    ),
    (
        "2023/communes/an-binh.toml",
        r#"commune = "an-binh"
source = "Rà soát tháng 12/2023"

[declared]
met = [1, 2]
not_met = [5]

[declared.sources]
2 = "Phòng Kinh tế - Hạ tầng"

[indicators]
"1.1" = { met = true }
"2.1" = { numerator = "10.4", denominator = 10.4 }
"3.1" = { value = 43.25 }
"4.1" = { value = 0, note = "đã xóa hết nhà tạm" }
"4.2" = { value = "85.5" }
"5.1" = { applicable = false }

[measures]
"m.cong-trinh" = 14
"m.ho-ngheo" = { numerator = 170, denominator = 1290 }
"#,
    ),
    (
        "2023/communes.csv",
        "commune,item,value,denominator,source\n\
         bac-son,1,đạt,,Phòng Kinh tế - Hạ tầng\n\
         bac-son,1.1,đạt,,\n\
         bac-son,2.1,14.20,20.15,\n\
         bac-son,3.1,38.5,,\n\
         bac-son,4.2,71.5,,\n\
         bac-son,5.1,không áp dụng,,\n\
         bac-son,m.cong-trinh,12,,\n\
         bac-son,m.ho-ngheo,87,360,\n",
    ),
    (
        "2023/villages.csv",
        "village,1,2,3\nan-binh-1,x,,x\nbac-son-1,,đạt,\n",
    ),
    (
        "2023/documents.csv",
        "number,date,issuer,kind,title\n\
         12/KH-UBND,2023-01-16,UBND huyện,Kế hoạch,\"Kế hoạch thực hiện, năm 2023\"\n",
    ),
];

/// The files [`csv_tables`] replaces, chosen by the first byte of the input.
pub const CSV_FILES: &[&str] = &[
    "communes.csv",
    "villages.csv",
    "2023/communes.csv",
    "2023/villages.csv",
    "2023/documents.csv",
];

/// The base folder with one file's bytes replaced.
pub fn folder_with(rel: &str, bytes: &[u8]) -> MemoryFiles {
    let mut files = MemoryFiles::default();
    for (name, text) in BASE {
        if *name != rel {
            files.files.insert(name.to_string(), text.to_string());
        }
    }
    files.bytes.insert(rel.to_string(), bytes.to_vec());
    files
}

/// Compiles a folder (the library's whole build), and when it is valid writes its facts.
pub fn run(files: &MemoryFiles) {
    let built = compile::compile(&compile::Input::new(files, YEAR));
    for d in built.diagnostics.sorted() {
        let _ = (d.render(Lang::En), d.render(Lang::Vi), d.to_json(Lang::Vi));
    }
    if let Some(compiled) = built.output {
        assert!(
            !built.diagnostics.has_errors(),
            "a report came back with errors"
        );
        let json = render::json::facts(&compiled.facts);
        assert!(
            serde_json::from_slice::<serde_json::Value>(&json).is_ok(),
            "facts.json is JSON"
        );
    }
}

/// A commune's TOML file of arbitrary bytes.
pub fn commune_toml(data: &[u8]) {
    run(&folder_with("2023/communes/an-binh.toml", data));
}

/// One of the CSV tables (chosen by the first byte) of arbitrary bytes.
pub fn csv_tables(data: &[u8]) {
    let Some((which, rest)) = data.split_first() else {
        return;
    };
    let rel = CSV_FILES[usize::from(*which) % CSV_FILES.len()];
    run(&folder_with(rel, rest));
}

/// The rulesets [`ruleset_toml`] replaces, chosen by the first byte of the input.
pub const RULESET_FILES: &[&str] = &["rulesets/xa.toml", "rulesets/ban.toml"];

/// One of the base folder's ruleset files (the commune set or the village set, chosen by
/// the first byte) of arbitrary bytes, through validation and evaluation of the folder.
pub fn ruleset_toml(data: &[u8]) {
    let Some((which, rest)) = data.split_first() else {
        return;
    };
    let rel = RULESET_FILES[usize::from(*which) % RULESET_FILES.len()];
    run(&folder_with(rel, rest));
}

/// The facts of the valid base folder, made once.
pub fn base_facts() -> &'static Facts {
    static FACTS: OnceLock<Facts> = OnceLock::new();
    FACTS.get_or_init(|| {
        let mut files = MemoryFiles::default();
        for (name, text) in BASE {
            files.files.insert(name.to_string(), text.to_string());
        }
        compile::facts(&files, YEAR)
            .output
            .expect("the base folder is valid")
            .facts
    })
}

/// One user template (which of the built-in ones it replaces is chosen by the first byte)
/// of arbitrary bytes, decoded as a template file on disk is, compiled into the report of
/// the base folder and written as Markdown and Word. The sandbox must hold: a template
/// either renders or ends with an error diagnostic, and its output stays within the cap.
pub fn template(data: &[u8]) {
    let Some((which, rest)) = data.split_first() else {
        return;
    };
    let name = DEFAULTS[usize::from(*which) % DEFAULTS.len()].0;
    let Ok(src) = SourceFile::from_bytes(format!("templates/{name}"), rest) else {
        return;
    };
    let mut templates = Templates::default();
    assert!(templates.replace(name, src.name.clone(), src.text));
    let facts = base_facts();
    let mut diags = Diagnostics::new();
    let doc = report::compile(facts, &BTreeMap::new(), &templates, &mut diags);
    for d in diags.sorted() {
        let _ = (d.render(Lang::En), d.render(Lang::Vi), d.to_json(Lang::Vi));
    }
    match doc {
        None => assert!(diags.has_errors(), "a report failed without an error"),
        Some(mut doc) => {
            let _ = render::markdown::report(&doc);
            for a in &doc.appendices {
                let _ = render::markdown::appendix(&doc, a);
            }
            // The figures come from the facts, not from the template, and rasterising them
            // costs a hundred times the rest of a run: Word and Excel get the document
            // without them.
            let no_figure = |b: &Block| !matches!(b, Block::Figure(_));
            doc.body.retain(no_figure);
            for a in &mut doc.appendices {
                a.blocks.retain(no_figure);
            }
            let _ = render::docx::docx(&doc);
            let _ = render::xlsx::xlsx(facts, &doc);
        }
    }
}

/// `parse_decimal` on arbitrary text: what it accepts prints back to the same number.
pub fn decimal(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for sep in [DecimalSeparator::Point, DecimalSeparator::Comma] {
        if let Some(d) = parse_decimal(text, sep) {
            let again = parse_decimal(&d.to_string(), DecimalSeparator::Point);
            assert_eq!(again, Some(d), "{text:?} read as {d} does not read back");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_base_folder_is_valid() {
        let rel = "2023/communes/an-binh.toml";
        let text = BASE.iter().find(|(n, _)| *n == rel).expect("in the base").1;
        let files = folder_with(rel, text.as_bytes());
        let built = compile::compile(&compile::Input::new(&files, YEAR));
        assert!(built.output.is_some(), "{:?}", built.diagnostics.sorted());
    }
}
