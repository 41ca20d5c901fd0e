//! `build --keep-going` on a folder of units: a unit with problems is left out and named
//! (on stderr, in the summary's document and in its facts.json), the other units and the
//! summary over them are written, and the exit code is still 1. Without the flag nothing is
//! written. `check --keep-going` says the same without writing: the units `build
//! --keep-going` leaves out, and that the others are valid.

mod common;

use common::BIN;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

const TWO: &str = r#"
[summary]
name = "Tỉnh Lai Châu"

[[units]]
id = "phong-tho"

[[units]]
id = "tam-duong"
"#;

/// A folder of two units (the shipped Phong Thổ data and the Tam Đường example), Tam
/// Đường's communes table broken at line 3.
fn broken_folder(dir: &Path) -> PathBuf {
    let data = dir.join("units");
    common::copy_dir(&root().join("data"), &data.join("phong-tho"));
    common::copy_dir(
        &root().join("examples/tam-duong-mini"),
        &data.join("tam-duong"),
    );
    std::fs::write(data.join("ntm.toml"), TWO).unwrap();
    let table = data.join("tam-duong/2023/communes.csv");
    let text = std::fs::read_to_string(&table).unwrap();
    let broken = text.replacen("binh-lu,15,đạt", "binh-lu,15,dat?", 1);
    assert_ne!(broken, text, "the fixture has the line to break");
    std::fs::write(&table, broken).unwrap();
    data
}

#[test]
fn a_broken_unit_is_left_out_and_the_others_are_written() {
    let tmp = tempfile::tempdir().unwrap();
    let data = broken_folder(tmp.path());
    let out = tmp.path().join("out");
    let out_arg = out.to_str().unwrap();

    // Without the flag: the problem located in its unit's folder, nothing written.
    let (code, err) = common::run_en(&data, &["build", "2023", "--out", out_arg]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("--> tam-duong/2023/communes.csv:3:"), "{err}");
    assert!(!out.join("2023").exists(), "nothing is written");

    let (code, err) = common::run_en(&data, &["build", "2023", "--out", out_arg, "--keep-going"]);
    assert_eq!(code, 1, "the data still has an error: {err}");
    assert!(err.contains("--> tam-duong/2023/communes.csv:3:"), "{err}");
    assert!(
        err.contains("1 unit(s) left out for their problems") && err.contains(": tam-duong"),
        "{err}"
    );
    let year = out.join("2023");
    assert!(year.join("phong-tho/facts.json").is_file());
    assert!(
        !year.join("tam-duong").exists(),
        "the broken unit is not written"
    );

    // The summary is over the unit that built: its totals are that unit's figures.
    let summary = common::json(&year.join("tong-hop/facts.json"));
    let unit = common::json(&year.join("phong-tho/facts.json"));
    assert_eq!(summary["left_out"], serde_json::json!(["tam-duong"]));
    let units = summary["units"].as_array().unwrap();
    assert_eq!(units.len(), 1);
    assert_eq!(units[0]["id"], "phong-tho");
    let communes = unit["communes"].as_array().unwrap().len();
    assert!(communes > 0);
    assert_eq!(summary["total"]["communes"], communes);
    assert_eq!(
        summary["total"]["recognized"],
        unit["recognized"].as_array().unwrap().len()
    );
    assert_eq!(summary["total"], units[0]["tally"]);

    // The summary document names the unit left out.
    let md = std::fs::read_to_string(year.join("tong-hop/tong-hop-2023.md")).unwrap();
    let note = md
        .lines()
        .find(|l| l.contains("chưa gồm 1 đơn vị có số liệu còn lỗi"))
        .unwrap_or_else(|| panic!("no sentence on the unit left out:\n{md}"));
    assert!(note.contains("tam-duong"), "{note}");
    let word = common::docx_body(&year.join("tong-hop/tong-hop-2023.docx"));
    assert!(
        word.contains("chưa gồm 1 đơn vị"),
        "the Word report says it too"
    );

    // The JSON form: the notice is a line of its own, then the summary record says what
    // was written and that the build failed.
    let (code, err) = common::run_en(
        &data,
        &[
            "--message-format",
            "json",
            "build",
            "2023",
            "--out",
            out_arg,
            "--keep-going",
        ],
    );
    assert_eq!(code, 1, "{err}");
    let lines: Vec<Value> = err
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(lines.iter().any(|l| l["code"] == "units-left-out"), "{err}");
    let last = lines.last().unwrap();
    assert_eq!(last["code"], "summary");
    assert_eq!(last["success"], false);
    assert_eq!(last["exit_code"], 1);
    assert!(last["files_written"].as_u64().unwrap() > 0, "{err}");
}

#[test]
fn every_unit_good_gives_no_left_out_field() {
    let tmp = tempfile::tempdir().unwrap();
    let data = broken_folder(tmp.path());
    // Repaired: both units build, the flag changes nothing.
    let table = data.join("tam-duong/2023/communes.csv");
    let text = std::fs::read_to_string(&table).unwrap();
    std::fs::write(&table, text.replacen("dat?", "đạt", 1)).unwrap();
    let out = tmp.path().join("out");
    let (code, err) = common::run_en(
        &data,
        &[
            "build",
            "2023",
            "--out",
            out.to_str().unwrap(),
            "--keep-going",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("left out"), "{err}");
    let summary = common::json(&out.join("2023/tong-hop/facts.json"));
    assert!(summary.get("left_out").is_none(), "{summary}");
    assert_eq!(summary["units"].as_array().unwrap().len(), 2);
    let md = std::fs::read_to_string(out.join("2023/tong-hop/tong-hop-2023.md")).unwrap();
    assert!(!md.contains("chưa gồm"), "{md}");
}

#[test]
fn a_unit_on_another_ruleset_is_left_out_and_every_unit_broken_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let data = broken_folder(tmp.path());
    // Tam Đường repaired but on a ruleset of its own: it cannot be summed with Phong Thổ.
    let table = data.join("tam-duong/2023/communes.csv");
    let text = std::fs::read_to_string(&table).unwrap();
    std::fs::write(&table, text.replacen("dat?", "đạt", 1)).unwrap();
    let rules = std::fs::read_to_string(root().join("data/rulesets/lai-chau-xa-1285.toml"))
        .unwrap()
        .replacen("id = \"lai-chau-xa-1285\"", "id = \"tam-duong-xa\"", 1);
    std::fs::write(data.join("tam-duong/tam-duong-xa.toml"), rules).unwrap();
    let ntm = data.join("tam-duong/ntm.toml");
    let text = std::fs::read_to_string(&ntm).unwrap();
    std::fs::write(
        &ntm,
        text.replace("\"lai-chau-xa-1285\"", "\"tam-duong-xa.toml\""),
    )
    .unwrap();
    let out = tmp.path().join("out");
    let out_arg = out.to_str().unwrap();
    let (code, err) = common::run_en(&data, &["build", "2023", "--out", out_arg, "--keep-going"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("--> tam-duong/ntm.toml"), "{err}");
    let summary = common::json(&out.join("2023/tong-hop/facts.json"));
    assert_eq!(summary["left_out"], serde_json::json!(["tam-duong"]));
    assert!(!out.join("2023/tam-duong").exists());

    // Both units broken: no unit is left to write, so nothing is.
    let out = tmp.path().join("out2");
    for unit in ["phong-tho", "tam-duong"] {
        std::fs::write(data.join(unit).join("ntm.toml"), "[unit\n").unwrap();
    }
    let (code, err) = common::run_en(
        &data,
        &[
            "build",
            "2023",
            "--out",
            out.to_str().unwrap(),
            "--keep-going",
        ],
    );
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("--> phong-tho/ntm.toml"), "{err}");
    assert!(err.contains("--> tam-duong/ntm.toml"), "{err}");
    assert!(!err.contains("left out"), "{err}");
    assert!(err.contains("nothing was written"), "{err}");
    assert!(!out.join("2023").exists());
}

/// `check` and its stdout as well: (exit code, stdout, stderr).
fn check(data: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(BIN)
        .args(["--lang", "en", "--data"])
        .arg(data)
        .arg("check")
        .args(args)
        .output()
        .unwrap();
    let said = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (
        out.status.code().unwrap(),
        said(&out.stdout),
        said(&out.stderr),
    )
}

#[test]
fn check_keep_going_names_the_units_build_leaves_out() {
    let tmp = tempfile::tempdir().unwrap();
    let data = broken_folder(tmp.path());

    // Without the flag: the problem, no valid line.
    let (code, out, err) = check(&data, &["2023"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("--> tam-duong/2023/communes.csv:3:"), "{err}");
    assert!(!err.contains("keep-going") && out.is_empty(), "{out}{err}");

    // With it: the same problem, the unit build --keep-going leaves out, the others valid.
    let (code, out, err) = check(&data, &["2023", "--keep-going"]);
    assert_eq!(code, 1, "the data still has an error: {err}");
    assert!(err.contains("--> tam-duong/2023/communes.csv:3:"), "{err}");
    assert!(
        err.contains("1 unit(s) with problems, which `build --keep-going` leaves out: tam-duong"),
        "{err}"
    );
    let phong_tho = communes_of(&root().join("data"));
    assert_eq!(
        out.trim(),
        format!("2023: the data of the other 1 unit(s) is valid ({phong_tho} communes)")
    );
    // The same units as the build leaves out.
    let built = tmp.path().join("out");
    let (_, build_err) = common::run_en(
        &data,
        &[
            "build",
            "2023",
            "--out",
            built.to_str().unwrap(),
            "--keep-going",
        ],
    );
    assert!(
        build_err
            .contains("left out for their problems, neither written nor in the summary: tam-duong")
    );
    assert!(!tmp.path().join("units/out").exists());

    // JSON: a note on stderr, the summary record failed; in Vietnamese.
    let o = Command::new(BIN)
        .args(["--lang", "vi", "--message-format", "json", "--data"])
        .arg(&data)
        .args(["check", "2023", "--keep-going"])
        .output()
        .unwrap();
    let lines: Vec<Value> = String::from_utf8_lossy(&o.stderr)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    for l in &lines {
        common::schema::Schema::Diagnostics.check(l, "a line of check --keep-going");
    }
    let note = lines
        .iter()
        .find(|l| l["code"] == "units-with-problems")
        .expect("the note");
    assert_eq!(
        note["message"],
        "1 đơn vị có lỗi, `build --keep-going` sẽ bỏ ra: tam-duong"
    );
    let last = lines.last().unwrap();
    assert_eq!(
        (last["success"].clone(), last["exit_code"].clone()),
        (json!(false), json!(1))
    );
    let stdout: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(stdout["code"], "other-units-valid");

    // Repaired: both units valid, the flag changes nothing.
    let table = data.join("tam-duong/2023/communes.csv");
    let text = std::fs::read_to_string(&table).unwrap();
    std::fs::write(&table, text.replacen("dat?", "đạt", 1)).unwrap();
    let plain = check(&data, &["2023"]);
    assert_eq!(plain.0, 0, "{}", plain.2);
    assert_eq!(check(&data, &["2023", "--keep-going"]), plain);
    assert!(plain.1.contains("the data is valid"), "{}", plain.1);

    // Every unit broken: nothing is valid, no unit named as left out.
    for unit in ["phong-tho", "tam-duong"] {
        std::fs::write(data.join(unit).join("ntm.toml"), "[unit\n").unwrap();
    }
    let (code, out, err) = check(&data, &["2023", "--keep-going"]);
    assert_eq!(code, 1, "{err}");
    assert!(out.is_empty() && !err.contains("leaves out"), "{out}{err}");
}

/// The communes of a data folder (its roster).
fn communes_of(data: &Path) -> usize {
    let text = std::fs::read_to_string(data.join("communes.csv")).unwrap();
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .count()
}
