//! `diff` on a folder of units: each unit's own diff under its name, and the summary's
//! totals before and after, in the text, Markdown and JSON forms.

mod common;

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_ntm-report");

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A folder of units over the shipped data (2022 and 2023) under each of `ids`.
fn units_folder(dir: &Path, ids: &[&str]) -> PathBuf {
    let mut ntm = String::from("[summary]\nname = \"Tỉnh T\"\n");
    for id in ids {
        common::copy_dir(&root().join("data"), &dir.join(id));
        ntm.push_str(&format!("\n[[units]]\nid = \"{id}\"\n"));
    }
    std::fs::write(dir.join("ntm.toml"), ntm).unwrap();
    dir.to_path_buf()
}

fn run(data: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(BIN)
        .args(["--lang", "en", "--color", "never", "--data"])
        .arg(data)
        .args(args)
        .output()
        .unwrap();
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (
        out.status.code().unwrap(),
        text(&out.stdout),
        text(&out.stderr),
    )
}

fn dec(v: &Value) -> rust_decimal::Decimal {
    v.as_str().unwrap().parse().unwrap()
}

fn figure<'a>(d: &'a Value, name: &str) -> &'a Value {
    d["summary"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["figure"] == name)
        .unwrap_or_else(|| panic!("no figure {name}"))
}

#[test]
fn each_unit_has_its_own_diff_and_the_summary_its_totals() {
    let tmp = tempfile::tempdir().unwrap();
    let data = units_folder(&tmp.path().join("u"), &["phong-tho", "ban-sao"]);
    let (code, one, err) = run(
        &root().join("data"),
        &["diff", "2022", "2023", "--format", "json"],
    );
    assert_eq!(code, 0, "{err}");
    let one: Value = serde_json::from_str(&one).unwrap();

    let (code, out, err) = run(&data, &["diff", "2022", "2023", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let d: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(d["kind"], "units");
    let units = d["units"].as_array().unwrap();
    let ids: Vec<&str> = units.iter().map(|u| u["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["phong-tho", "ban-sao"]);
    for u in units {
        assert_eq!(u["presence"], "changed");
        // A unit's diff is the diff of its own folder.
        assert_eq!(u["diff"], one, "{}", u["id"]);
    }
    // The summary's totals: here twice the one folder's, before and after.
    let two = rust_decimal::Decimal::from(2);
    let t = figure(&d, "total_criteria_met");
    assert_eq!(
        dec(&t["before"]),
        two * rust_decimal::Decimal::from(one["total_criteria_met"]["before"].as_u64().unwrap())
    );
    assert_eq!(
        dec(&t["after"]),
        two * rust_decimal::Decimal::from(one["total_criteria_met"]["after"].as_u64().unwrap())
    );
    let f = figure(&d, "funding");
    assert_eq!(
        dec(&f["before"]),
        two * dec(&one["funding"]["total"]["before"])
    );
    assert_eq!(
        dec(&f["after"]),
        two * dec(&one["funding"]["total"]["after"])
    );
    for c in one["criteria"].as_array().unwrap() {
        let n = c["number"].as_u64().unwrap();
        let got = figure(&d, &format!("criteria.{n}"));
        let before = c["count"]["before"].as_u64().unwrap();
        let after = c["count"]["after"].as_u64().unwrap();
        assert_eq!(
            dec(&got["before"]),
            two * rust_decimal::Decimal::from(before)
        );
        assert_eq!(dec(&got["after"]), two * rust_decimal::Decimal::from(after));
    }

    // Text: each unit headed by its name, then the summary's changed totals.
    let (code, text, err) = run(&data, &["diff", "2022", "2023"]);
    assert_eq!(code, 0, "{err}");
    let (_, one_text, _) = run(&root().join("data"), &["diff", "2022", "2023"]);
    for id in ["phong-tho", "ban-sao"] {
        let head = format!("=== huyện Phong Thổ ({id}) ===\n");
        let at = text.find(&head).unwrap_or_else(|| panic!("{text}"));
        assert!(text[at + head.len()..].starts_with(&one_text), "{text}");
    }
    let summary = &text[text.find("=== Summary (2022 → 2023) ===").expect("summary")..];
    let (b, a) = (
        2 * one["total_criteria_met"]["before"].as_u64().unwrap(),
        2 * one["total_criteria_met"]["after"].as_u64().unwrap(),
    );
    assert!(
        summary.contains(&format!("Criteria met in total: {b} → {a} (+{})", a - b)),
        "{summary}"
    );
    assert!(
        !summary.contains("Communes: "),
        "unchanged figures are not listed: {summary}"
    );

    // Markdown: a section per unit, its own headings one level down, and the summary table.
    let (code, md, err) = run(&data, &["diff", "2022", "2023", "--format", "md"]);
    assert_eq!(code, 0, "{err}");
    assert!(md.contains("## huyện Phong Thổ (phong-tho)"), "{md}");
    assert!(md.contains("### Xã"), "{md}");
    assert!(
        md.contains("## Tổng hợp\n\n| Chỉ tiêu | 2022 | 2023 | Thay đổi |"),
        "{md}"
    );
    assert!(
        md.contains(&format!(
            "| Tổng số tiêu chí đạt | {b} | {a} | +{} |",
            a - b
        )),
        "{md}"
    );

    // The same year on both sides: no difference, and --exit-code says so.
    let (code, text, err) = run(&data, &["diff", "2023", "2023", "--exit-code"]);
    assert_eq!(code, 0, "{err}");
    assert!(text.starts_with("No differences: 2023 → 2023"), "{text}");
    let (code, _, _) = run(&data, &["diff", "2022", "2023", "--exit-code"]);
    assert_eq!(code, 1);
}

#[test]
fn a_unit_only_on_one_side_and_a_broken_unit() {
    let tmp = tempfile::tempdir().unwrap();
    let a = units_folder(&tmp.path().join("a"), &["phong-tho", "ban-sao"]);
    let b = units_folder(&tmp.path().join("b"), &["phong-tho"]);
    let (sa, sb) = (
        a.join("2023").display().to_string(),
        b.join("2023").display().to_string(),
    );
    let (code, out, err) = run(&a, &["diff", &sa, &sb, "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let d: Value = serde_json::from_str(&out).unwrap();
    let units = d["units"].as_array().unwrap();
    assert_eq!(units[0]["id"], "phong-tho");
    assert_eq!(units[1]["id"], "ban-sao");
    assert_eq!(units[1]["presence"], "removed");
    assert!(units[1]["diff"].is_null());
    let c = figure(&d, "communes");
    assert_eq!(
        dec(&c["before"]),
        rust_decimal::Decimal::TWO * dec(&c["after"])
    );
    let (_, text, _) = run(&a, &["diff", &sa, &sb]);
    assert!(
        text.contains(&format!("=== huyện Phong Thổ (ban-sao) ===\nonly in {sa}")),
        "{text}"
    );

    // A broken unit: located in its folder, no diff printed.
    let table = a.join("ban-sao/2023/villages.csv");
    let t = std::fs::read_to_string(&table).unwrap();
    std::fs::write(&table, t.replacen("\nmuong-so-02,", "\nmuong-so-02,x,", 1)).unwrap();
    let (code, out, err) = run(&a, &["diff", "2022", "2023"]);
    assert_eq!(code, 1, "{err}");
    assert!(out.is_empty(), "{out}");
    assert!(err.contains("--> ban-sao/2023/villages.csv:3"), "{err}");
}

/// `diff --format json` on a folder of units matches `docs/schema/diff-units.schema.json`,
/// and each unit's own diff matches `diff.schema.json`: two years of one folder, and two
/// folders of which one lacks a unit (on one side only: no diff), both ways.
#[test]
fn the_json_of_a_folder_of_units_matches_its_schemas() {
    use common::schema::Schema;
    let tmp = tempfile::tempdir().unwrap();
    let a = units_folder(&tmp.path().join("a"), &["phong-tho", "ban-sao"]);
    let b = units_folder(&tmp.path().join("b"), &["phong-tho"]);
    let (sa, sb) = (
        a.join("2023").display().to_string(),
        b.join("2023").display().to_string(),
    );
    let mut presences = Vec::new();
    for args in [
        vec!["diff", "2022", "2023", "--format", "json"],
        vec!["diff", &sa, &sb, "--format", "json"],
        vec!["diff", &sb, &sa, "--format", "json"],
    ] {
        let (code, out, err) = run(&a, &args);
        assert_eq!(code, 0, "{err}");
        let d: Value = serde_json::from_str(&out).unwrap();
        Schema::DiffUnits.check(&d, &format!("{args:?}"));
        for u in d["units"].as_array().unwrap() {
            presences.push(u["presence"].as_str().unwrap().to_string());
            if !u["diff"].is_null() {
                Schema::Diff.check(&u["diff"], &format!("{args:?}, unit {}", u["id"]));
            }
        }
    }
    for p in ["changed", "added", "removed"] {
        assert!(
            presences.iter().any(|x| x == p),
            "no {p} unit: {presences:?}"
        );
    }
    // A broken output fails: the schema is exact.
    let (_, out, _) = run(&a, &["diff", "2022", "2023", "--format", "json"]);
    let mut d: Value = serde_json::from_str(&out).unwrap();
    d["summary"][0]["figure"] = Value::from("communes_total");
    assert!(!Schema::DiffUnits.errors(&d).is_empty());
}
