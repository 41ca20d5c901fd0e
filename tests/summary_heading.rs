//! The summary of a folder of units as an official signs it: who issues it, its number and
//! date, the signer and the recipients, each from the folder's `[summary]`, and nothing
//! invented where a part is not given.

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
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
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
