//! Levels evaluated beside the NTM level (`[[levels]]` of `ntm.toml`): the communes and
//! villages registered for a level are judged against its own set, meet it only with every
//! criterion and the level it requires, and are counted per level in the facts, the report,
//! appendix 02b, the workbook and `diff`. A folder without levels has none of it.

mod common;

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_ntm-report");

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn province(dir: &Path) -> PathBuf {
    let data = dir.join("lai-chau");
    common::copy_dir(&root().join("examples/lai-chau-province"), &data);
    data
}

/// Builds a year; the exit code, stderr and the output folder.
fn build(data: &Path, year: i32) -> (i32, String, PathBuf) {
    let out = data.parent().unwrap().join("out");
    let o = Command::new(BIN)
        .args(["--lang", "en", "build", &year.to_string(), "--data"])
        .arg(data)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr).to_string();
    (
        o.status.code().unwrap_or(-1),
        err,
        out.join(year.to_string()),
    )
}

fn facts(dir: &Path) -> Value {
    common::json(&dir.join("facts.json"))
}

fn names(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|n| n["name"].as_str().unwrap().to_string())
        .collect()
}

/// The ids of a list of units.
fn ids(v: &Value) -> Vec<&str> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect()
}

fn level<'a>(f: &'a Value, id: &str, village: bool) -> &'a Value {
    f["level_results"]
        .as_array()
        .expect("level_results")
        .iter()
        .find(|l| l["level"] == id && l["village"] == village)
        .unwrap_or_else(|| panic!("level {id} in {}", f["level_results"]))
}

/// Rewrites a line of a file (the first holding `from`).
fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} has {from}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// The registered communes' statuses, read from the level's own table in the test: the
/// expected counts are the data's, not the program's.
fn table_counts(data: &Path) -> std::collections::BTreeMap<String, (usize, usize)> {
    let text = std::fs::read_to_string(data.join("2025/levels/nang-cao/communes.csv")).unwrap();
    let mut out = std::collections::BTreeMap::new();
    for line in text.lines().skip(1) {
        let cells: Vec<&str> = line.split(',').collect();
        let e = out.entry(cells[0].to_string()).or_insert((0, 0));
        e.1 += 1;
        if cells[2] == "đạt" {
            e.0 += 1;
        }
    }
    out
}

#[test]
fn the_province_counts_its_communes_at_nang_cao_beside_ntm() {
    let t = tempfile::tempdir().unwrap();
    let data = province(t.path());
    let (code, err, dir) = build(&data, 2025);
    assert_eq!(code, 0, "{err}");
    let f = facts(&dir);
    let l = level(&f, "nang-cao", false);
    assert_eq!(l["requires"], "ntm");
    let counts = table_counts(&data);
    let registered = l["registered"].as_array().unwrap();
    assert_eq!(registered.len(), counts.len());
    for r in registered {
        let (met, of) = counts[r["id"].as_str().unwrap()];
        assert_eq!(r["criteria_met"], met as u64, "{r}");
        assert_eq!(r["meets_criteria"], met == of, "{r}");
    }
    // Khổng Lào declares one criterion cơ bản đạt and one không đánh giá: neither is met.
    let kl = registered
        .iter()
        .find(|r| r["name"] == "Khổng Lào")
        .unwrap();
    let statuses: Vec<&str> = kl["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["status"].as_str().unwrap())
        .collect();
    assert!(statuses.contains(&"basically_met") && statuses.contains(&"not_assessed"));
    // Bình Lư is not recognised as NTM: the requirement does not hold.
    let bl = registered.iter().find(|r| r["name"] == "Bình Lư").unwrap();
    assert_eq!(bl["requirement_held"], false);
    assert_eq!(names(&l["meeting"]), ["Phong Thổ"]);
    assert_eq!(names(&l["recognized"]), ["Phong Thổ"]);
    // Per criterion, the count is the registered communes that meet it.
    for c in l["criteria"].as_array().unwrap() {
        let n = c["number"].as_u64().unwrap() as usize - 1;
        let met = registered
            .iter()
            .filter(|r| r["criteria"][n]["status"] == "met")
            .count();
        assert_eq!(c["count"], met as u64, "{c}");
    }
    let md = std::fs::read_to_string(dir.join("bao-cao-ntm-2025.md")).unwrap();
    assert!(md.contains("Số xã đăng ký xây dựng xã đạt chuẩn nông thôn mới nâng cao năm 2025: 03 xã (Phong Thổ, Khổng Lào, Bình Lư)"), "{md}");
    assert!(md.contains(
        "Lũy kế số xã đã được công nhận đạt chuẩn nông thôn mới nâng cao: 01 xã (Phong Thổ)"
    ));
    assert!(md.contains("tình trạng các tiêu chí là kết quả đánh giá được khai báo"));
    let appendix = std::fs::read_to_string(dir.join("phu-bieu/phu-bieu-02b.md")).unwrap();
    assert!(
        appendix.contains("NÔNG THÔN MỚI NÂNG CAO NĂM 2025"),
        "{appendix}"
    );
    assert!(appendix.contains("| 2 | Khổng Lào |"), "{appendix}");
    let body = common::docx_body(&dir.join("bao-cao-ntm-2025.docx"));
    assert!(
        body.contains("PHỤ BIỂU 02b"),
        "the Word report has appendix 02b"
    );
    assert!(body.contains("Kết quả xây dựng xã đạt chuẩn nông thôn mới nâng cao"));
    let book = common::sheets::read_grid(&dir.join("phu-bieu-2025.xlsx"));
    let sheet = book
        .iter()
        .find(|(name, _)| name.contains("02b"))
        .unwrap_or_else(|| {
            panic!(
                "a 02b sheet in {:?}",
                book.iter().map(|s| &s.0).collect::<Vec<_>>()
            )
        });
    // A header row and a row per registered commune.
    assert_eq!(sheet.1.len(), 1 + registered.len());
}

#[test]
fn meeting_every_criterion_without_the_required_level_is_said_apart() {
    let t = tempfile::tempdir().unwrap();
    let data = province(t.path());
    // Bình Lư meets the 19 criteria but is not recognised as NTM.
    let (code, err, dir) = build(&data, 2025);
    assert_eq!(code, 0, "{err}");
    let l = level(&facts(&dir), "nang-cao", false).clone();
    assert_eq!(names(&l["meeting_without_requirement"]), ["Bình Lư"]);
    let md = std::fs::read_to_string(dir.join("bao-cao-ntm-2025.md")).unwrap();
    let apart = "Số xã đạt đủ 19 tiêu chí nhưng chưa được công nhận đạt chuẩn nông thôn mới: 01 xã (Bình Lư)";
    assert!(md.contains(apart), "{md}");
    // Khổng Lào's cơ bản đạt and không đánh giá become đạt: it meets the level (it is
    // acknowledged as NTM in November 2025); Bình Lư's income falls short.
    let table = data.join("2025/levels/nang-cao/communes.csv");
    edit(
        &table,
        "khong-lao-2025,14,cơ bản đạt,",
        "khong-lao-2025,14,đạt,",
    );
    edit(
        &table,
        "khong-lao-2025,7,không đánh giá,",
        "khong-lao-2025,7,đạt,",
    );
    edit(&table, "binh-lu-2025,10,đạt,", "binh-lu-2025,10,chưa đạt,");
    let (code, err, dir) = build(&data, 2025);
    assert_eq!(code, 0, "{err}");
    let f = facts(&dir);
    let l = level(&f, "nang-cao", false);
    assert_eq!(names(&l["meeting"]), ["Phong Thổ", "Khổng Lào"]);
    assert!(
        l["meeting_without_requirement"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    let md = std::fs::read_to_string(dir.join("bao-cao-ntm-2025.md")).unwrap();
    assert!(
        !md.contains("nhưng chưa được công nhận đạt chuẩn nông thôn mới"),
        "{md}"
    );
    assert!(md.contains("| 14 | Giáo dục và Đào tạo | 03/03 |"), "{md}");
    assert!(md.contains("| 10 | Thu nhập | 02/03 |"), "{md}");
}

#[test]
fn a_level_is_evaluated_only_while_its_set_is_in_force() {
    let t = tempfile::tempdir().unwrap();
    let data = province(t.path());
    // The nâng cao set ends on 15/02/2026: the 2026 report has no level beside NTM.
    let (code, err, dir) = build(&data, 2026);
    assert_eq!(code, 0, "{err}");
    let f = facts(&dir);
    assert!(f.get("level_results").is_none(), "{}", f["level_results"]);
    assert!(!dir.join("phu-bieu/phu-bieu-02b.md").exists());
    // diff 2025 2026 says the level is no longer evaluated.
    let o = Command::new(BIN)
        .args([
            "--lang", "en", "diff", "2025", "2026", "--format", "json", "--data",
        ])
        .arg(&data)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let d: Value = serde_json::from_slice(&o.stdout).unwrap();
    let nc = &d["levels"][0];
    assert_eq!(nc["level"], "nang-cao");
    assert_eq!(nc["registered"]["before"], 3);
    assert_eq!(nc["registered"]["after"], Value::Null);
    // Not evaluated in 2026: nobody gains or loses it, it is not there.
    assert_eq!(nc["meeting_lost"], serde_json::json!([]));
    assert_eq!(nc["recognized"]["after"], Value::Null);
}

#[test]
fn diff_names_the_communes_that_come_to_meet_a_level() {
    let t = tempfile::tempdir().unwrap();
    let a = province(&t.path().join("a"));
    let b = province(&t.path().join("b"));
    let table = b.join("2025/levels/nang-cao/communes.csv");
    edit(
        &table,
        "khong-lao-2025,14,cơ bản đạt,",
        "khong-lao-2025,14,đạt,",
    );
    edit(
        &table,
        "khong-lao-2025,7,không đánh giá,",
        "khong-lao-2025,7,đạt,",
    );
    let o = Command::new(BIN)
        .args(["--lang", "en", "diff"])
        .arg(a.join("2025"))
        .arg(b.join("2025"))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(text.contains("Level nang-cao (communes)"), "{text}");
    assert!(
        text.contains("Meeting the level (+ Khổng Lào): 1 → 2"),
        "{text}"
    );
}

/// Tam Đường with a village level (thôn NTM kiểu mẫu) requiring the village's NTM
/// recognition, on a small set of its own.
fn villages_at_kieu_mau(dir: &Path) -> PathBuf {
    let data = dir.join("tam-duong");
    common::copy_dir(&root().join("examples/tam-duong-mini"), &data);
    std::fs::create_dir_all(data.join("rulesets")).unwrap();
    std::fs::write(
        data.join("rulesets/thon-kieu-mau.toml"),
        r#"components = []

[ruleset]
id = "thu-thon-kieu-mau"
level = "village"
name = "Bộ tiêu chí thôn kiểu mẫu (thử)"
legal_source = "Bộ tiêu chí thôn nông thôn mới kiểu mẫu (tệp thử)"
valid_from = 2022
valid_to = 2025

[[groups]]
id = "TC"
name = "Tiêu chí"

[[criteria]]
number = 1
name = "Thu nhập"
group = "TC"

[[criteria]]
number = 2
name = "Cảnh quan"
group = "TC"
"#,
    )
    .unwrap();
    let config = data.join("ntm.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(
        &config,
        format!(
            "{text}\n[[levels]]\nlevel = \"kieu-mau\"\nof = \"village\"\nrequires = \"ntm\"\nruleset = \"rulesets/thon-kieu-mau.toml\"\n"
        ),
    )
    .unwrap();
    std::fs::write(
        data.join("recognitions.csv"),
        "unit,level,event,decision,date,issuer,note\nbinh-lu-01,ntm,cong-nhan,1/QĐ-UBND,2022-03-01,UBND huyện,\n",
    )
    .unwrap();
    std::fs::create_dir_all(data.join("2023/levels/kieu-mau")).unwrap();
    std::fs::write(
        data.join("2023/levels/kieu-mau/villages.csv"),
        "village,1,2\nbinh-lu-01,x,x\nbinh-lu-02,x,x\nbinh-lu-03,x,\n",
    )
    .unwrap();
    data
}

#[test]
fn villages_are_evaluated_at_their_own_levels() {
    let t = tempfile::tempdir().unwrap();
    let data = villages_at_kieu_mau(t.path());
    let (code, err, dir) = build(&data, 2023);
    assert_eq!(code, 0, "{err}");
    let f = facts(&dir);
    let l = level(&f, "kieu-mau", true);
    let registered = ids(&l["registered"]);
    assert_eq!(registered, ["binh-lu-01", "binh-lu-02", "binh-lu-03"]);
    // Both criteria are met by 01 and 02; only 01 is recognised as an NTM village.
    let meeting = ids(&l["meeting"]);
    assert_eq!(meeting, ["binh-lu-01"]);
    let without = ids(&l["meeting_without_requirement"]);
    assert_eq!(without, ["binh-lu-02"]);
    assert_eq!(l["criteria"][1]["count"], 2);
    assert_eq!(l["registered"][0]["commune"], "Bình Lư");
    let md = std::fs::read_to_string(dir.join("bao-cao-ntm-2023.md")).unwrap();
    assert!(
        md.contains(
            "Số thôn đăng ký xây dựng thôn đạt chuẩn nông thôn mới kiểu mẫu năm 2023: 03 thôn"
        ),
        "{md}"
    );
    let appendix = std::fs::read_to_string(dir.join("phu-bieu/phu-bieu-02b.md")).unwrap();
    assert!(
        appendix.contains("THÔN NÔNG THÔN MỚI KIỂU MẪU"),
        "{appendix}"
    );
    assert!(
        appendix.contains("mỗi dòng một thôn đã đăng ký"),
        "{appendix}"
    );
}

#[test]
fn a_village_level_needs_the_village_set() {
    let t = tempfile::tempdir().unwrap();
    let data = villages_at_kieu_mau(t.path());
    edit(&data.join("ntm.toml"), "village = \"lai-chau-ban-43\"", "");
    let (code, err, dir) = build(&data, 2023);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("the village level `kieu-mau` needs the village set of [rulesets]"),
        "{err}"
    );
    assert!(err.contains("ntm.toml:"), "located: {err}");
    assert!(!dir.exists(), "nothing is written");
}

#[test]
fn a_folder_without_levels_has_no_trace_of_them() {
    let t = tempfile::tempdir().unwrap();
    let data = t.path().join("data");
    common::copy_dir(&root().join("data"), &data);
    let (code, err, dir) = build(&data, 2023);
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(dir.join("facts.json")).unwrap();
    assert!(!text.contains("level_results"));
    assert!(!dir.join("phu-bieu/phu-bieu-02b.md").exists());
    let md = std::fs::read_to_string(dir.join("bao-cao-ntm-2023.md")).unwrap();
    assert!(!md.contains("02b"));
}

/// Data under `YEAR/levels/` that no level of the year reads is a warning at its path:
/// the folder of a level not declared, of a level whose set is not in force that year,
/// and the villages of a commune level.
#[test]
fn level_data_nothing_reads_is_said_not_skipped() {
    let t = tempfile::tempdir().unwrap();
    let data = province(t.path());
    let write = |rel: &str, text: &str| {
        let p = data.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    write(
        "2025/levels/kieu-mau/communes.csv",
        "commune,item,value,denominator,source\nphong-tho-2025,1,đạt,,\n",
    );
    write("2025/levels/nang-cao/villages.csv", "village,1\n");
    write(
        "2026/levels/nang-cao/communes.csv",
        "commune,item,value,denominator,source\nphong-tho-2025,1,đạt,,\n",
    );
    let warned = |year: &str| -> Vec<String> {
        let o = Command::new(BIN)
            .args([
                "--lang",
                "en",
                "--message-format",
                "json",
                "check",
                year,
                "--data",
            ])
            .arg(&data)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8_lossy(&o.stderr)
            .lines()
            .map(|l| serde_json::from_str::<Value>(l).unwrap())
            .filter(|d| d["code"] == "unused-level-data")
            .map(|d| d["file"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        warned("2025"),
        ["2025/levels/kieu-mau", "2025/levels/nang-cao/villages.csv"]
    );
    // 2026 reads 2025 too, as the year before.
    assert_eq!(
        warned("2026"),
        [
            "2025/levels/kieu-mau",
            "2025/levels/nang-cao/villages.csv",
            "2026/levels/nang-cao"
        ]
    );
}
