//! `build --detail-limit N`: a unit of more than N communes has appendix 02a (a table per
//! criterion, a row per commune) in the workbook only, and its reports leave out the
//! figure of the criteria by commune (appendix 02 has the same, as a table). Its Word and Markdown reports keep
//! the appendix's title and say, in its place, which file and sheet hold the detail; the
//! workbook is the same as without the limit; facts.json says where 02a went. At or below
//! the limit every output is the default build's, byte for byte. In a folder of units, each
//! unit's report is decided by its own communes. A value that is not a count is a usage
//! error said through the catalogue.

mod common;

use common::sheets::{column, read_grid, sheet, text_of};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_ntm-report");

/// The sentence that stands for 02a's tables, as the built-in template words it.
const SAID: &str = "kết quả thực hiện các chỉ tiêu của từng xã không in trong phụ biểu này; \
                    chi tiết tại trang tính PB02a của tệp phu-bieu-2023.xlsx gửi kèm theo báo cáo";

/// The sentence that stands for the figure of the criteria by commune.
const NO_FIGURE: &str = "Do số xã nhiều (16 xã), hình kết quả thực hiện các tiêu chí theo từng \
                         xã không in trong báo cáo; kết quả từng tiêu chí của từng xã tại";

/// The pictures of a Word document (`word/media/*`).
fn pictures(docx: &Path) -> usize {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(docx).unwrap()).unwrap();
    (0..zip.len())
        .filter(|&i| {
            zip.by_index(i)
                .unwrap()
                .name()
                .unwrap()
                .starts_with("word/media/")
        })
        .count()
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `build 2023` of `data` into `out` with more arguments: the exit code and stderr.
fn build(data: &Path, out: &Path, args: &[&str]) -> (i32, String) {
    let o = Command::new(BIN)
        .args(["--lang", "en", "--data"])
        .arg(data)
        .args(["build", "2023", "--out"])
        .arg(out)
        .args(args)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    (o.status.code().unwrap(), err)
}

fn built(data: &Path, out: &Path, args: &[&str]) -> PathBuf {
    let (code, err) = build(data, out, args);
    assert_eq!(code, 0, "{err}");
    out.join("2023")
}

fn facts(dir: &Path) -> Value {
    common::json(&dir.join("facts.json"))
}

/// Every file under `dir` with its bytes, by path relative to `dir`, sorted.
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap().display().to_string();
                out.push((rel, std::fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

/// The Word tables of a document (`<w:tbl>` elements).
fn tables(xml: &str) -> usize {
    xml.matches("<w:tbl>").count()
}

/// The criteria of the facts that have indicators: one table each in appendix 02a.
fn criteria_with_indicators(f: &Value) -> usize {
    let ind = f["indicators"].as_array().unwrap();
    f["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| ind.iter().any(|i| i["criterion"] == c["number"]))
        .count()
}

#[test]
fn above_the_limit_02a_is_in_the_workbook_and_the_report_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let data = root().join("data");
    // The shipped data has 16 communes: 16 is at the limit, 15 above it.
    let full = built(&data, &tmp.path().join("full"), &["--detail-limit", "16"]);
    let moved = built(&data, &tmp.path().join("moved"), &["--detail-limit", "15"]);

    let f = facts(&moved);
    assert_eq!(
        f["appendix_02a_moved"],
        json!({"communes": 16, "limit": 15, "workbook": "phu-bieu-2023.xlsx", "sheet": "PB02a"})
    );
    assert!(facts(&full).get("appendix_02a_moved").is_none());
    // Nothing else of the facts changes.
    let mut rest = f.clone();
    rest.as_object_mut().unwrap().remove("appendix_02a_moved");
    assert_eq!(rest, facts(&full));

    // Word: 02a's tables are gone, one per criterion with indicators, and only they; the
    // sentence stands in their place, the title stays.
    let (full_xml, moved_xml) = (
        common::docx_body(&full.join("bao-cao-ntm-2023.docx")),
        common::docx_body(&moved.join("bao-cao-ntm-2023.docx")),
    );
    let per_criterion = criteria_with_indicators(&f);
    assert!(per_criterion > 10, "{per_criterion}");
    assert_eq!(tables(&full_xml) - tables(&moved_xml), per_criterion);
    assert!(
        full_xml.contains("Kết quả theo chỉ tiêu") && !moved_xml.contains("Kết quả theo chỉ tiêu")
    );
    assert!(!full_xml.contains(SAID) && moved_xml.contains(SAID));
    assert!(moved_xml.contains("PHỤ BIỂU 02a"));
    assert!(moved_xml.contains("KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU THEO"));
    assert!(
        moved_xml.len() < full_xml.len() / 2,
        "02a was most of the document"
    );

    // The figure of the criteria by commune (one picture per page of it) is left out, and
    // a sentence says where its content is; the other figures stay.
    let matrix_pages = full_xml
        .matches("Kết quả thực hiện 19 tiêu chí theo xã")
        .count();
    let (full_pics, moved_pics) = (
        pictures(&full.join("bao-cao-ntm-2023.docx")),
        pictures(&moved.join("bao-cao-ntm-2023.docx")),
    );
    assert!(full_pics >= 3, "{full_pics}");
    assert_eq!(
        full_pics - moved_pics,
        1,
        "16 communes: the figure is one page"
    );
    assert!(matrix_pages >= 1 && !moved_xml.contains("Kết quả thực hiện 19 tiêu chí theo xã"));
    assert!(!full_xml.contains(NO_FIGURE) && moved_xml.contains(NO_FIGURE));
    assert!(full.join("hinh/tieu-chi-theo-xa.svg").exists());
    assert!(!moved.join("hinh/tieu-chi-theo-xa.svg").exists());
    assert!(moved.join("hinh/so-xa-dat-tieu-chi.svg").exists());

    // Markdown: the appendix's file has the sentence and no table; the report's pointer to
    // the appendices names the workbook's sheet; the figure's link is gone.
    let md = |dir: &Path| std::fs::read_to_string(dir.join("phu-bieu/phu-bieu-02a.md")).unwrap();
    let (full_md, moved_md) = (md(&full), md(&moved));
    assert!(full_md.lines().any(|l| l.starts_with('|')));
    assert!(!moved_md.lines().any(|l| l.starts_with('|')), "{moved_md}");
    assert!(moved_md.contains(SAID) && moved_md.starts_with("# PHỤ BIỂU 02a"));
    let report = std::fs::read_to_string(moved.join("bao-cao-ntm-2023.md")).unwrap();
    assert!(
        report.contains(
            "; kết quả các chỉ tiêu của từng xã tại trang tính PB02a của tệp phu-bieu-2023.xlsx.)"
        ),
        "the report's pointer to appendix 02a"
    );
    assert!(report.contains(NO_FIGURE) && !report.contains("hinh/tieu-chi-theo-xa.svg"));
    let full_report = std::fs::read_to_string(full.join("bao-cao-ntm-2023.md")).unwrap();
    assert!(!full_report.contains(NO_FIGURE) && full_report.contains("hinh/tieu-chi-theo-xa.svg"));

    // The workbook is the same, and its sheet PB02a holds every commune's every indicator.
    assert_eq!(
        std::fs::read(full.join("phu-bieu-2023.xlsx")).unwrap(),
        std::fs::read(moved.join("phu-bieu-2023.xlsx")).unwrap()
    );
    // Each commune's criteria (`TC 2`), each followed by its indicators' rows.
    let grid = read_grid(&moved.join("phu-bieu-2023.xlsx"));
    let rows = sheet(&grid, "PB02a");
    let col = column(rows, "Chỉ tiêu").unwrap();
    let indicator_rows: Vec<(String, String)> = rows[1..]
        .iter()
        .map(|r| (text_of(r.first()), text_of(r.get(col))))
        .filter(|(_, id)| !id.starts_with("TC "))
        .collect();
    let given: Vec<(String, String)> = f["communes"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| {
            let id = c["id"].as_str().unwrap().to_string();
            c["indicators"]
                .as_array()
                .unwrap()
                .iter()
                .map(move |i| (id.clone(), i["id"].as_str().unwrap().to_string()))
        })
        .collect();
    assert!(given.len() > 500, "{}", given.len());
    assert_eq!(indicator_rows, given, "a row per commune indicator");
}

#[test]
fn at_or_below_the_limit_every_output_is_the_default_builds() {
    let tmp = tempfile::tempdir().unwrap();
    let data = root().join("data");
    let default = files(&built(&data, &tmp.path().join("default"), &[]));
    let at = files(&built(
        &data,
        &tmp.path().join("at"),
        &["--detail-limit", "16"],
    ));
    assert!(default.len() > 10);
    assert_eq!(default, at);
    // Zero communes is a limit too: every report has 02a in the workbook.
    let zero = built(
        &root().join("examples/tam-duong-mini"),
        &tmp.path().join("zero"),
        &["--detail-limit", "0"],
    );
    assert_eq!(facts(&zero)["appendix_02a_moved"]["communes"], json!(3));
}

/// A folder of two units, the shipped Phong Thổ data (16 communes) and the Tam Đường
/// example (3): with a limit of 5 only Phong Thổ's report has 02a in the workbook.
#[test]
fn each_unit_of_a_folder_is_decided_by_its_own_communes() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("units");
    common::copy_dir(&root().join("data"), &data.join("phong-tho"));
    common::copy_dir(
        &root().join("examples/tam-duong-mini"),
        &data.join("tam-duong"),
    );
    std::fs::write(
        data.join("ntm.toml"),
        "[summary]\nname = \"Tỉnh Lai Châu\"\n\n[[units]]\nid = \"phong-tho\"\n\n[[units]]\nid = \"tam-duong\"\n",
    )
    .unwrap();
    let out = built(&data, &tmp.path().join("out"), &["--detail-limit", "5"]);
    let moved = out.join("phong-tho");
    assert_eq!(
        facts(&moved)["appendix_02a_moved"]["limit"],
        json!(5),
        "Phong Thổ has 16 communes"
    );
    assert!(common::docx_body(&moved.join("bao-cao-ntm-2023.docx")).contains(SAID));
    let kept = out.join("tam-duong");
    assert!(facts(&kept).get("appendix_02a_moved").is_none());
    let xml = common::docx_body(&kept.join("bao-cao-ntm-2023.docx"));
    assert!(xml.contains("Kết quả theo chỉ tiêu") && !xml.contains("trang tính PB02a"));
    // Without the option both units are under the default limit.
    let default = built(&data, &tmp.path().join("default"), &[]);
    assert!(
        facts(&default.join("phong-tho"))
            .get("appendix_02a_moved")
            .is_none()
    );
}

#[test]
fn a_limit_that_is_not_a_count_is_a_usage_error() {
    let tmp = tempfile::tempdir().unwrap();
    let data = root().join("data");
    let out = tmp.path().join("out");
    for bad in ["abc", "-1", "1.5", "50 xã", ""] {
        let arg = format!("--detail-limit={bad}");
        let (code, err) = build(&data, &out, &[&arg]);
        assert_eq!(code, 2, "{arg}: {err}");
        assert!(
            err.contains(&format!("`{bad}` is not a value of --detail-limit <N>")),
            "{arg}: {err}"
        );
        // In JSON, the catalogue's code.
        let o = Command::new(BIN)
            .args(["--lang", "vi", "--message-format", "json", "--data"])
            .arg(&data)
            .args(["build", "2023", &arg])
            .output()
            .unwrap();
        let line: Value = serde_json::from_slice(&o.stderr).unwrap();
        assert_eq!(line["code"], "usage", "{line}");
        assert!(
            line["message"]
                .as_str()
                .unwrap()
                .contains("không phải là một giá trị của --detail-limit"),
            "{line}"
        );
    }
    assert!(!out.exists(), "nothing is written");
}
