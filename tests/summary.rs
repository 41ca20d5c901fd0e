//! The summary of a folder of units as an official signs it: who issues it, its number and
//! date, the signer and the recipients, each from the folder's `[summary]`, and nothing
//! invented where a part is not given; the communes at each level of recognition.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_ntm-report");

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Two units (the shipped Phong Thổ data and the Tam Đường example) under `summary`.
fn folder(dir: &Path, summary: &str) -> PathBuf {
    let data = dir.join("units");
    common::copy_dir(&root().join("data"), &data.join("phong-tho"));
    common::copy_dir(
        &root().join("examples/tam-duong-mini"),
        &data.join("tam-duong"),
    );
    let ntm =
        format!("{summary}\n[[units]]\nid = \"phong-tho\"\n\n[[units]]\nid = \"tam-duong\"\n");
    std::fs::write(data.join("ntm.toml"), ntm).unwrap();
    data
}

/// Builds 2023 and returns the exit code, stderr and the summary's Markdown.
fn build(data: &Path, out: &Path) -> (i32, String, String) {
    let o = Command::new(BIN)
        .args(["--lang", "en", "--data"])
        .arg(data)
        .args(["build", "2023", "--out"])
        .arg(out)
        .output()
        .unwrap();
    let md =
        std::fs::read_to_string(out.join("2023/tong-hop/tong-hop-2023.md")).unwrap_or_default();
    (
        o.status.code().unwrap(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
        md,
    )
}

/// The text of a Word document's body, its runs joined.
fn docx_text(path: &Path) -> String {
    let xml = common::docx_body(path);
    let mut text = String::new();
    let mut in_tag = false;
    for c in xml.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

const FULL: &str = r#"
[summary]
name = "Tỉnh Lai Châu"
place = "Lai Châu"
recipients = ["Bộ Nông nghiệp và Môi trường (b/c);", "Lưu: VT, NN."]

[summary.issuer]
parent = "Ủy ban nhân dân tỉnh Lai Châu"
name = "Văn phòng Điều phối nông thôn mới tỉnh"
abbreviation = "VPĐP"

[summary.signer]
on_behalf = "KT. CHÁNH VĂN PHÒNG"
position = "PHÓ CHÁNH VĂN PHÒNG"
name = "Lò Văn B"

[[summary.reports]]
year = 2023
number = "12/BC-VPĐP"
date = "2024-01-08"

[[summary.reports]]
year = 2024
number = "9/BC-VPĐP"
"#;

#[test]
fn the_summary_is_issued_numbered_dated_and_signed_as_given() {
    let dir = tempfile::tempdir().unwrap();
    let data = folder(dir.path(), FULL);
    let (code, err, md) = build(&data, &dir.path().join("out"));
    assert_eq!(code, 0, "{err}");
    let head: String = md.lines().take(12).collect::<Vec<_>>().join("\n");
    assert!(head.contains("ỦY BAN NHÂN DÂN TỈNH LAI CHÂU"), "{head}");
    assert!(
        head.contains("VĂN PHÒNG ĐIỀU PHỐI NÔNG THÔN MỚI TỈNH"),
        "{head}"
    );
    assert!(head.contains("Số: 12/BC-VPĐP"), "{head}");
    assert!(
        head.contains("Lai Châu, ngày 08 tháng 01 năm 2024"),
        "{head}"
    );
    assert!(md.contains("Lò Văn B"), "the signer's name");
    assert!(md.contains("KT. CHÁNH VĂN PHÒNG"), "on behalf");
    assert!(
        md.contains("Bộ Nông nghiệp và Môi trường (b/c);"),
        "the recipients"
    );
    // The Word document says the same.
    let docx = dir.path().join("out/2023/tong-hop/tong-hop-2023.docx");
    let text = docx_text(&docx);
    for part in [
        "Số: 12/BC-VPĐP",
        "Lai Châu, ngày 08 tháng 01 năm 2024",
        "Lò Văn B",
        "Lưu: VT, NN.",
    ] {
        assert!(text.contains(part), "{part} in the Word document");
    }
}

#[test]
fn what_is_not_given_is_left_to_be_written_not_invented() {
    let dir = tempfile::tempdir().unwrap();
    // A year without a report entry: the number is left blank before the abbreviation,
    // the day, month and year are left to be written.
    let summary = FULL.replace(
        "year = 2023\nnumber = \"12/BC-VPĐP\"\ndate = \"2024-01-08\"",
        "year = 2022",
    );
    let data = folder(dir.path(), &summary);
    let (code, err, md) = build(&data, &dir.path().join("out"));
    assert_eq!(code, 0, "{err}");
    assert!(md.contains("Số:       /BC-VPĐP"), "{md}");
    assert!(md.contains("Lai Châu, ngày … tháng … năm …"), "{md}");
    assert!(!md.contains("12/BC-VPĐP"));

    // Only a name: the name heads the summary, which is dated by its year, unsigned.
    let dir = tempfile::tempdir().unwrap();
    let data = folder(dir.path(), "[summary]\nname = \"Tỉnh Lai Châu\"\n");
    let (code, err, md) = build(&data, &dir.path().join("out"));
    assert_eq!(code, 0, "{err}");
    assert!(md.contains("**TỈNH LAI CHÂU**"), "{md}");
    assert!(md.contains("*Năm 2023*"), "{md}");
    assert!(
        !md.contains("Số:"),
        "no number line without an abbreviation"
    );
}

#[test]
fn a_bad_summary_date_or_a_year_given_twice_is_located_and_nothing_is_written() {
    for (bad, code_word) in [
        (
            FULL.replace("date = \"2024-01-08\"", "date = \"08/01/2024\""),
            "08/01/2024",
        ),
        (FULL.replace("year = 2024", "year = 2023"), "2023"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let data = folder(dir.path(), &bad);
        let out = dir.path().join("out");
        let (code, err, _) = build(&data, &out);
        assert_eq!(code, 1, "{err}");
        assert!(err.contains("ntm.toml:"), "located in ntm.toml: {err}");
        assert!(err.contains(code_word), "{err}");
        assert!(!out.join("2023").exists(), "nothing written");
    }
}

/// Two units of the province example's shape: one with its recognition events, one without.
fn levels_folder(dir: &Path) -> PathBuf {
    let data = dir.join("units");
    let example = root().join("examples/lai-chau-province");
    common::copy_dir(&example, &data.join("lai-chau"));
    common::copy_dir(&example, &data.join("khong-su-kien"));
    std::fs::remove_file(data.join("khong-su-kien/recognitions.csv")).unwrap();
    let ntm = "[summary]\nname = \"Tỉnh Lai Châu\"\n\n[[units]]\nid = \"lai-chau\"\n\n[[units]]\nid = \"khong-su-kien\"\n";
    std::fs::write(data.join("ntm.toml"), ntm).unwrap();
    data
}

#[test]
fn the_summary_counts_the_communes_at_each_level_as_the_units_do() {
    let dir = tempfile::tempdir().unwrap();
    let data = levels_folder(dir.path());
    let out = dir.path().join("out");
    let o = Command::new(BIN)
        .arg("--data")
        .arg(&data)
        .args(["build", "2025", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let summary = common::json(&out.join("2025/tong-hop/facts.json"));
    let levels: Vec<&str> = summary["levels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap())
        .collect();
    assert!(
        levels.contains(&"ntm") && levels.contains(&"nang-cao"),
        "{levels:?}"
    );
    let mut total = vec![0u64; levels.len()];
    for unit in summary["units"].as_array().unwrap() {
        let id = unit["id"].as_str().unwrap();
        let own = common::json(&out.join(format!("2025/{id}/facts.json")));
        let tally = &unit["tally"];
        for (i, level) in levels.iter().enumerate() {
            // From the unit's own facts: its level's communes, or, without events, its
            // recognised communes for ntm.
            let held = own["levels"]
                .as_array()
                .unwrap()
                .iter()
                .find(|l| l["level"] == *level)
                .map(|l| l["communes"].as_array().unwrap().len());
            let expected = match (held, *level) {
                (Some(n), _) => n,
                (None, "ntm") => own["recognized"].as_array().unwrap().len(),
                (None, _) => 0,
            } as u64;
            assert_eq!(
                tally["level_communes"][i].as_u64(),
                Some(expected),
                "{id} {level}"
            );
            total[i] += expected;
        }
    }
    for (i, n) in total.iter().enumerate() {
        assert_eq!(summary["total"]["level_communes"][i].as_u64(), Some(*n));
    }
    assert!(total[levels.iter().position(|l| *l == "nang-cao").unwrap()] > 0);
    let md = std::fs::read_to_string(out.join("2025/tong-hop/tong-hop-2025.md")).unwrap();
    assert!(md.contains("đạt chuẩn theo mức"), "{md}");
    assert!(
        md.contains("Số xã đạt chuẩn nông thôn mới nâng cao"),
        "{md}"
    );

    // The independent script agrees.
    if common::on_path("python3") {
        let check = Command::new("python3")
            .arg(root().join("scripts/check-summary.py"))
            .arg(out.join("2025"))
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&check.stdout);
        assert!(
            check.status.success() && said.contains(" 0 differences"),
            "{said}"
        );
    }
}

#[test]
fn without_recognition_events_the_summary_has_no_level_table() {
    let dir = tempfile::tempdir().unwrap();
    let data = folder(dir.path(), "[summary]\nname = \"Tỉnh Lai Châu\"\n");
    let (code, err, md) = build(&data, &dir.path().join("out"));
    assert_eq!(code, 0, "{err}");
    assert!(!md.contains("theo mức"), "{md}");
    let summary = common::json(&dir.path().join("out/2023/tong-hop/facts.json"));
    assert_eq!(summary["levels"].as_array().map(Vec::len), Some(0));
}
