//! The shipped Phong Thổ data against the real 2023 report (the seed): every figure of
//! `design.md` §6 is checked here, in the test, never in `src/`. Also the golden Markdown
//! outputs of both examples, and the rule that every printed count equals its list of names.
//!
//! Regenerate the golden files after an intended change with:
//! `UPDATE_GOLDEN=1 cargo test --test example`

mod common;
use common::copy_dir;

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_ntm-report");

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Builds `year` of a data folder into a fresh output folder; returns that folder.
fn build(data: &Path, year: i32) -> (tempfile::TempDir, PathBuf) {
    let out = tempfile::tempdir().unwrap();
    let o = Command::new(BIN)
        .arg("--data")
        .arg(data)
        .args(["build", &year.to_string(), "--out"])
        .arg(out.path())
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "build failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let dir = out.path().join(year.to_string());
    (out, dir)
}

fn facts_of(dir: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(dir.join("facts.json")).unwrap()).unwrap()
}

fn phong_tho() -> Value {
    let (_t, dir) = build(&root().join("data"), 2023);
    facts_of(&dir)
}

fn strs(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap().to_string())
        .collect()
}

fn criterion(f: &Value, n: u64) -> &Value {
    f["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["number"] == n)
        .unwrap()
}

fn commune<'a>(f: &'a Value, name: &str) -> &'a Value {
    f["communes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .unwrap()
}

const FOUR: [&str; 4] = ["Mường So", "Khổng Lào", "Ma Li Pho", "Huổi Luông"];
const ALL: [&str; 16] = [
    "Mường So",
    "Khổng Lào",
    "Ma Li Pho",
    "Huổi Luông",
    "Lản Nhì Thàng",
    "Nậm Xe",
    "Hoang Thèn",
    "Dào San",
    "Bản Lang",
    "Sì Lở Lầu",
    "Vàng Ma Chải",
    "Mồ Sì San",
    "Pa Vây Sử",
    "Tung Qua Lìn",
    "Sin Suối Hồ",
    "Mù Sang",
];

fn all_but(excluded: &[&str]) -> Vec<String> {
    ALL.iter()
        .filter(|n| !excluded.contains(n))
        .map(|n| n.to_string())
        .collect()
}

fn four_and(more: &[&str]) -> Vec<String> {
    // In roster order, as the facts list them.
    ALL.iter()
        .filter(|n| FOUR.contains(n) || more.contains(n))
        .map(|n| n.to_string())
        .collect()
}

#[test]
fn per_criterion_lists_match_the_seed() {
    let f = phong_tho();
    let expected: Vec<(u64, Vec<String>)> = vec![
        (1, all_but(&[])),
        (2, four_and(&[])),
        (3, all_but(&[])),
        (4, all_but(&[])),
        (
            5,
            four_and(&[
                "Lản Nhì Thàng",
                "Nậm Xe",
                "Hoang Thèn",
                "Dào San",
                "Bản Lang",
            ]),
        ),
        (6, four_and(&["Lản Nhì Thàng"])),
        (7, all_but(&[])),
        (8, all_but(&["Sì Lở Lầu", "Vàng Ma Chải"])),
        (9, four_and(&["Lản Nhì Thàng"])),
        (10, vec!["Mường So".into(), "Huổi Luông".into()]),
        (11, four_and(&[])),
        (12, four_and(&["Bản Lang", "Lản Nhì Thàng", "Sin Suối Hồ"])),
        (13, four_and(&["Mồ Sì San", "Vàng Ma Chải"])),
        (14, four_and(&["Bản Lang", "Nậm Xe"])),
        (15, four_and(&["Bản Lang", "Lản Nhì Thàng"])),
        (16, all_but(&["Dào San", "Vàng Ma Chải"])),
        (17, four_and(&[])),
        (
            18,
            all_but(&[
                "Pa Vây Sử",
                "Mù Sang",
                "Dào San",
                "Vàng Ma Chải",
                "Hoang Thèn",
            ]),
        ),
        (19, all_but(&[])),
    ];
    for (n, names) in expected {
        let c = criterion(&f, n);
        assert_eq!(strs(&c["communes_met"]), names, "criterion {n}");
        assert_eq!(c["count"], names.len(), "criterion {n}");
    }
}

#[test]
fn totals_average_and_classes() {
    let f = phong_tho();
    assert_eq!(f["schema_version"], 2);
    assert_eq!(f["year"], 2023);
    assert_eq!(f["total_criteria_met"], 177);
    assert_eq!(f["average_criteria_per_commune"], "11.06");
    let counts: Vec<(String, u64)> = f["communes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["name"].as_str().unwrap().to_string(),
                c["criteria_met"].as_u64().unwrap(),
            )
        })
        .collect();
    for (name, n) in [
        ("Mường So", 19),
        ("Huổi Luông", 19),
        ("Khổng Lào", 18),
        ("Ma Li Pho", 18),
        ("Lản Nhì Thàng", 13),
        ("Bản Lang", 12),
        ("Nậm Xe", 10),
    ] {
        assert!(
            counts.contains(&(name.to_string(), n)),
            "{name} should meet {n}: {counts:?}"
        );
    }
    assert_eq!(counts.iter().filter(|(_, n)| *n < 10).count(), 9);
    let classes = f["classes"].as_array().unwrap();
    let by = |min: u64| classes.iter().find(|c| c["min"] == min).unwrap();
    assert_eq!(strs(&by(19)["communes"]), ["Mường So", "Huổi Luông"]);
    assert_eq!(strs(&by(15)["communes"]), ["Khổng Lào", "Ma Li Pho"]);
    assert_eq!(
        strs(&by(10)["communes"]),
        ["Lản Nhì Thàng", "Nậm Xe", "Bản Lang"]
    );
    assert_eq!(by(0)["count"], 9);
    let rec = f["recognized"].as_array().unwrap();
    assert_eq!(
        rec.iter()
            .map(|r| r["name"].as_str().unwrap())
            .collect::<Vec<_>>(),
        FOUR
    );
    assert!(
        rec.iter()
            .all(|r| r["decision"] == "935/QĐ-UBND" && r["date"] == "2017-08-28")
    );
}

#[test]
fn changes_since_2022_match_the_seed() {
    let f = phong_tho();
    assert_eq!(f["previous_year"], 2022);
    let gains: [(u64, &[&str]); 6] = [
        (5, &["Bản Lang"]),
        (8, &["Nậm Xe"]),
        (9, &["Lản Nhì Thàng"]),
        (13, &["Vàng Ma Chải", "Mồ Sì San"]),
        (14, &["Bản Lang"]),
        (15, &["Lản Nhì Thàng", "Bản Lang"]),
    ];
    for n in 1..=19u64 {
        let c = criterion(&f, n);
        let want: Vec<String> = gains
            .iter()
            .find(|g| g.0 == n)
            .map_or(vec![], |g| g.1.iter().map(|s| s.to_string()).collect());
        assert_eq!(strs(&c["gained"]), want, "criterion {n} gained");
        assert!(strs(&c["lost"]).is_empty(), "criterion {n} lost nothing");
        assert_eq!(
            c["previous_count"].as_u64().unwrap() + want.len() as u64,
            c["count"].as_u64().unwrap()
        );
    }
    let outcome = &f["plan_outcome"];
    assert_eq!(outcome["planned_in"], 2022);
    let dao_san = outcome["communes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "Dào San")
        .unwrap();
    assert_eq!(dao_san["not_reached"], serde_json::json!([16]));
}

#[test]
fn re_evaluation_against_the_new_set_matches_the_seed() {
    let f = phong_tho();
    let cases: [(&str, &[u64]); 7] = [
        ("Mường So", &[6, 13, 15, 17]),
        ("Khổng Lào", &[8, 10, 11, 13, 15, 17]),
        ("Ma Li Pho", &[8, 9, 10, 11, 13, 15, 17]),
        ("Huổi Luông", &[9, 11, 13, 15, 17]),
        ("Hoang Thèn", &[2, 6, 9, 10, 11, 12, 13, 14, 15, 17, 18]),
        ("Lản Nhì Thàng", &[2, 6, 10, 11, 13, 14, 17]),
        ("Bản Lang", &[2, 6, 9, 10, 11, 13, 17]),
    ];
    for (name, not_met) in cases {
        let c = commune(&f, name);
        let computed_not: Vec<u64> = c["criteria"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|x| x["computed"] == "not_met")
            .map(|x| x["number"].as_u64().unwrap())
            .collect();
        assert_eq!(computed_not, not_met, "{name}");
        assert_eq!(c["criteria_met_computed"], 19 - not_met.len(), "{name}");
    }
    // Findings are facts, not errors: the recognised communes disagree with their declarations.
    let findings = f["findings"].as_array().unwrap();
    assert!(
        findings
            .iter()
            .any(|x| x["commune"] == "Mường So" && x["criterion"] == 6)
    );
}

#[test]
fn villages_match_the_seed() {
    let f = phong_tho();
    let v = &f["villages"];
    assert_eq!(v["total"], 163);
    let by = v["by_criteria_met"].as_object().unwrap();
    let sum = |lo: u64, hi: u64| -> u64 {
        by.iter()
            .filter(|(k, _)| (lo..=hi).contains(&k.parse::<u64>().unwrap()))
            .map(|(_, n)| n.as_u64().unwrap())
            .sum()
    };
    assert_eq!(sum(0, 2), 0);
    assert_eq!(sum(3, 5), 23);
    assert_eq!(sum(6, 9), 92);
    for (k, n) in [(10, 16), (11, 18), (12, 3), (13, 5), (14, 3), (15, 3)] {
        assert_eq!(sum(k, k), n, "villages meeting {k}");
    }
    assert_eq!(sum(16, 99), 0);
}

#[test]
fn district_totals_match_the_seed() {
    let f = phong_tho();
    let ind = |id: &str| {
        f["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == id)
            .unwrap()
            .clone()
    };
    for (id, num, den, pct) in [
        ("2.1", "161.5", Some("161.5"), Some("100.0")),
        ("2.2", "226.84", Some("318.39"), Some("71.2")),
        ("2.3", "146.51", Some("187.62"), Some("78.1")),
        ("2.4", "96.42", Some("269.39"), Some("35.8")),
        ("4.2", "16021", Some("16184"), Some("98.99")),
        ("6.3", "139", Some("163"), None),
        ("9.1", "364", None, None),
        ("9.2", "13181", Some("15621"), Some("84.4")),
        ("11.1", "6757", Some("17617"), Some("38.35")),
    ] {
        let i = ind(id);
        assert_eq!(i["numerator"], num, "{id}");
        assert_eq!(i["denominator"].as_str(), den, "{id}");
        if let Some(p) = pct {
            assert_eq!(i["percent"], p, "{id}");
        }
    }
    let measures = f["measures"].as_array().unwrap();
    let m = |n: &str, d: Option<&str>| {
        assert!(
            measures
                .iter()
                .any(|x| x["numerator"] == n && x["denominator"].as_str() == d),
            "a measure {n}/{d:?} in {measures:?}"
        )
    };
    m("322.2", Some("385"));
    m("190", None);
    m("4131.3", None);
    m("36", Some("163"));
    m("3110", Some("17617"));
}

#[test]
fn money_matches_the_seed() {
    let f = phong_tho();
    let fu = &f["funding"];
    let amounts: Vec<&str> = fu["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["amount"].as_str().unwrap())
        .collect();
    for a in [
        "5112", "3244", "1868", "170251", "265844", "161128", "104716", "358",
    ] {
        assert!(amounts.contains(&a), "funding amount {a} in {amounts:?}");
    }
    assert_eq!(fu["total"], "441565");
    let c = &fu["contributions"];
    assert_eq!(
        (
            c["households"].as_u64(),
            c["land_m2"].as_str(),
            c["workdays"].as_u64()
        ),
        (Some(279), Some("58690"), Some(1790))
    );
    assert_eq!(c["value"], "358.0");
    let items = f["disbursement"]["items"].as_array().unwrap();
    let carried = items.iter().find(|i| i["plan"] == "5939").unwrap();
    assert_eq!(
        (
            carried["disbursed"].as_str(),
            carried["percent"].as_str(),
            carried["projects"].as_u64()
        ),
        (Some("3890"), Some("65.5"), Some(48))
    );
    assert!(
        items
            .iter()
            .any(|i| i["plan"] == "3244" && i["disbursed"] == "1290")
    );
    assert!(
        items
            .iter()
            .any(|i| i["plan"] == "1570" && i["kind"] == "recurrent")
    );
    assert!(
        items
            .iter()
            .any(|i| i["plan"] == "1868" && i["kind"] == "recurrent")
    );
}

#[test]
fn plan_for_2024_matches_the_seed() {
    let f = phong_tho();
    let p = &f["plan"];
    assert_eq!(p["year"], 2024);
    assert_eq!(p["criteria_to_add"], 31);
    assert_eq!(p["projected_average"], "13.00");
    let classes = p["projected_classes"].as_array().unwrap();
    assert_eq!(
        classes.iter().find(|c| c["min"] == 10).unwrap()["count"],
        10
    );
    assert_eq!(p["income_per_capita"], "45");
    assert_eq!(p["ocop_products"], 8);
    assert_eq!(p["villages_to_standard"], 6);
    let expected: Vec<(&str, u64)> = p["expected_standard"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["name"].as_str().unwrap(), e["year"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        expected,
        [
            ("Lản Nhì Thàng", 2025),
            ("Hoang Thèn", 2025),
            ("Bản Lang", 2025)
        ]
    );
    assert_eq!(strs(&p["keep_standard"]), FOUR);
}

/// Nothing is hard-coded: a commune whose criterion is computed from its indicators moves
/// the counts, the lists, the classes and the average when an indicator value changes.
#[test]
fn changing_an_indicator_changes_the_report() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&root().join("data"), tmp.path());
    let file = tmp.path().join("2023/communes/nam-xe.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    // Criterion 14 no longer declared: its status now comes from the indicators (still met).
    let undeclared = text.replace(
        "met = [1, 3, 4, 5, 7, 8, 14, 16, 18, 19]",
        "met = [1, 3, 4, 5, 7, 8, 16, 18, 19]",
    );
    assert_ne!(undeclared, text, "the fixture line to edit is there");
    std::fs::write(&file, &undeclared).unwrap();
    let (_o1, d1) = build(tmp.path(), 2023);
    let f1 = facts_of(&d1);
    assert_eq!(
        criterion(&f1, 14)["count"],
        6,
        "computed from indicators, still met"
    );
    assert_eq!(f1["average_criteria_per_commune"], "11.06");
    // Now education indicator 14.2 falls below its threshold.
    std::fs::write(
        &file,
        undeclared.replace(
            "\"14.2\" = { value = \"86.3\" }",
            "\"14.2\" = { value = \"70.0\" }",
        ),
    )
    .unwrap();
    let (_o2, d2) = build(tmp.path(), 2023);
    let f2 = facts_of(&d2);
    let c14 = criterion(&f2, 14);
    assert_eq!(c14["count"], 5);
    assert!(!strs(&c14["communes_met"]).contains(&"Nậm Xe".to_string()));
    assert_eq!(f2["total_criteria_met"], 176);
    assert_eq!(f2["average_criteria_per_commune"], "11.00");
    assert_eq!(commune(&f2, "Nậm Xe")["criteria_met"], 9);
    let under10 = f2["classes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["min"] == 0)
        .unwrap();
    assert_eq!(under10["count"], 10);
    let md = std::fs::read_to_string(d2.join("bao-cao-ntm-2023.md")).unwrap();
    assert!(md.contains("Có 05/16 xã đạt tiêu chí về Giáo dục và Đào tạo (Mường So, Khổng Lào, Ma Li Pho, Huổi Luông, Bản Lang)"));
    assert!(md.contains("bình quân đạt 11,00 tiêu chí/xã"));
}

/// One declared status changed to "cơ bản đạt": the criterion's count, its lists, the
/// commune's count and class, the total and the average change as `docs/data-format.md`
/// says (cơ bản đạt is not đạt, listed apart); a class over statuses takes the commune.
#[test]
fn a_status_changed_to_basically_met_changes_counts_lists_and_classes() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&root().join("data"), tmp.path());
    let file = tmp.path().join("2023/communes/muong-so.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    let edited = text.replace(
        "met = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19]\nnot_met = []",
        "met = [1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19]\nnot_met = []\nbasically_met = [5]",
    );
    assert_ne!(edited, text, "the fixture line to edit is there");
    std::fs::write(&file, &edited).unwrap();
    let (_o, d) = build(tmp.path(), 2023);
    let f = facts_of(&d);
    let c5 = criterion(&f, 5);
    assert_eq!(c5["count"], 8, "cơ bản đạt is not counted as met");
    assert!(!strs(&c5["communes_met"]).contains(&"Mường So".to_string()));
    assert!(strs(&c5["communes_not_met"]).contains(&"Mường So".to_string()));
    assert_eq!(strs(&c5["communes_basically_met"]), ["Mường So"]);
    assert!(criterion(&f, 6).get("communes_basically_met").is_none());
    let ms = commune(&f, "Mường So");
    assert_eq!(ms["criteria_met"], 18);
    assert_eq!(ms["criteria_basically_met"], 1);
    assert_eq!(ms["class"], "15 - 18 tiêu chí");
    let status5 = ms["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["number"] == 5)
        .unwrap();
    assert_eq!(status5["status"], "basically_met");
    assert_eq!(status5["declared"], "basically_met");
    assert_eq!(f["total_criteria_met"], 176);
    assert_eq!(f["average_criteria_per_commune"], "11.00");
    let md = std::fs::read_to_string(d.join("bao-cao-ntm-2023.md")).unwrap();
    assert!(
        md.contains("Có 01 xã cơ bản đạt tiêu chí, chưa tính là đạt: Mường So."),
        "the criterion's sentence names it"
    );
    assert!(md.contains("01 tiêu chí cơ bản đạt không được tính là đạt"));
    assert!(md.contains("- Số xã đạt 19 tiêu chí: 01 xã (Huổi Luông)."));
    let p02 = std::fs::read_to_string(d.join("phu-bieu/phu-bieu-02.md")).unwrap();
    assert!(p02.contains("| CB |"), "appendix 02 marks it");
    assert!(p02.contains("CB: tiêu chí cơ bản đạt"));

    // A class over statuses, before the default ones: every criterion đạt or cơ bản đạt.
    let config = tmp.path().join("ntm.toml");
    let ntm = std::fs::read_to_string(&config).unwrap();
    let classes = r#"
[[classes]]
label = "19 tiêu chí"
min = 19
max = 19

[[classes]]
label = "chuẩn ở mức cơ bản"
counts = ["met", "basically_met"]
min = 19
max = 19

[[classes]]
label = "15 - 18 tiêu chí"
min = 15
max = 18

[[classes]]
label = "10 - 14 tiêu chí"
min = 10
max = 14

[[classes]]
label = "dưới 10 tiêu chí"
min = 0
max = 9
"#;
    std::fs::write(&config, format!("{ntm}{classes}")).unwrap();
    let (_o2, d2) = build(tmp.path(), 2023);
    let f2 = facts_of(&d2);
    assert_eq!(commune(&f2, "Mường So")["class"], "chuẩn ở mức cơ bản");
    assert_eq!(commune(&f2, "Huổi Luông")["class"], "19 tiêu chí");
    let class = f2["classes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["label"] == "chuẩn ở mức cơ bản")
        .unwrap();
    assert_eq!(class["counts"], serde_json::json!(["met", "basically_met"]));
    assert_eq!(strs(&class["communes"]), ["Mường So"]);
    let md2 = std::fs::read_to_string(d2.join("bao-cao-ntm-2023.md")).unwrap();
    assert!(md2.contains(
        "- Số xã đạt chuẩn ở mức cơ bản (tính các tiêu chí đạt hoặc cơ bản đạt): 01 xã (Mường So)."
    ));
}

/// Every "NN/MM xã … (names)" in the report lists exactly NN names, and every "NN/MM xã …
/// (trừ names)" the MM − NN others.
fn check_counts_equal_names(md: &str) -> usize {
    let re = regex::Regex::new(r"(\d+)/(\d+) xã([^.;()]*)\((trừ )?([^)]*)\)").unwrap();
    let mut n = 0;
    for cap in re.captures_iter(md) {
        let count: usize = cap[1].parse().unwrap();
        let total: usize = cap[2].parse().unwrap();
        let names: Vec<&str> = cap[5].split(", ").filter(|s| !s.is_empty()).collect();
        let named = if cap.get(4).is_some() {
            total - count
        } else {
            count
        };
        assert_eq!(
            named,
            names.len(),
            "count and names disagree in: {}",
            &cap[0]
        );
        n += 1;
    }
    n
}

#[test]
fn every_count_equals_the_names_listed() {
    let (_t, dir) = build(&root().join("data"), 2023);
    let md = std::fs::read_to_string(dir.join("bao-cao-ntm-2023.md")).unwrap();
    assert!(
        check_counts_equal_names(&md) >= 40,
        "the report has its per-criterion and per-indicator sentences"
    );
    // "NN xã (names)" in class and list sentences too.
    let re = regex::Regex::new(r"(\d+) xã \(([^)]*)\)").unwrap();
    for cap in re.captures_iter(&md) {
        let names = cap[2].split(", ").count();
        assert_eq!(cap[1].parse::<usize>().unwrap(), names, "{}", &cap[0]);
    }
}

#[test]
fn key_figures_appear_in_vietnamese_format() {
    let (_t, dir) = build(&root().join("data"), 2023);
    let md = std::fs::read_to_string(dir.join("bao-cao-ntm-2023.md")).unwrap();
    // One sentence per line: the sentences of a paragraph, joined again.
    let md = md.replace("\n  ", " ").replace(".\nSo với", ". So với");
    for s in [
        "bình quân đạt 11,06 tiêu chí/xã",
        "226,84/318,39 km, đạt 71,2%",
        "146,51/187,62 km, đạt 78,1%",
        "96,42/269,39 km, đạt 35,8%",
        "16.021/16.184 hộ, đạt 98,99%",
        "Có 09/16 xã đạt tiêu chí về Trường học (Mường So, Khổng Lào, Ma Li Pho, Huổi Luông, Lản Nhì Thàng, Nậm Xe, Hoang Thèn, Dào San, Bản Lang). So với năm 2022, tăng 01 xã: Bản Lang.",
        "Có 14/16 xã đạt tiêu chí về Thông tin và Truyền thông (trừ Sì Lở Lầu, Vàng Ma Chải). So với năm 2022, tăng 01 xã: Nậm Xe.",
        "Có 16/16 xã đạt tiêu chí về Quy hoạch, không thay đổi so với năm 2022.",
        "Chỉ tiêu 15.2 - Xã đạt tiêu chí quốc gia về y tế: 14/16 xã đạt chỉ tiêu (trừ Dào San, Mù Sang).",
        "Các xã Lản Nhì Thàng, Hoang Thèn, Bản Lang phấn đấu đạt chuẩn nông thôn mới năm 2025.",
        "Phong Thổ, ngày 20 tháng 12 năm 2023",
        "đã giải ngân 3.890 triệu đồng, đạt 65,5% kế hoạch",
        "Phấn đấu đạt thêm 31 tiêu chí",
        "Xã Dào San đăng ký nhưng chưa đạt: Tiêu chí số 16: Văn hóa.",
    ] {
        assert!(md.contains(s), "missing: {s}");
    }
}

fn golden(example: &str, data: &Path, year: i32) {
    let (_t, dir) = build(data, year);
    let gold = root().join("tests/golden").join(example);
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut produced = Vec::new();
    for sub in ["", "phu-bieu"] {
        for e in std::fs::read_dir(dir.join(sub)).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "md") {
                produced.push(p.strip_prefix(&dir).unwrap().to_path_buf());
            }
        }
    }
    produced.sort();
    if update {
        let _ = std::fs::remove_dir_all(&gold);
    }
    for rel in &produced {
        let new = std::fs::read_to_string(dir.join(rel)).unwrap();
        let g = gold.join(rel);
        if update {
            std::fs::create_dir_all(g.parent().unwrap()).unwrap();
            std::fs::write(&g, &new).unwrap();
            continue;
        }
        let old = std::fs::read_to_string(&g).unwrap_or_else(|_| {
            panic!(
                "no golden file {}: run UPDATE_GOLDEN=1 cargo test --test example",
                g.display()
            )
        });
        if old != new {
            let line = old
                .lines()
                .zip(new.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(0);
            panic!(
                "{} differs from its golden file at line {}:\n  golden:   {}\n  produced: {}\n(if intended: UPDATE_GOLDEN=1 cargo test --test example)",
                rel.display(),
                line + 1,
                old.lines().nth(line).unwrap_or(""),
                new.lines().nth(line).unwrap_or("")
            );
        }
    }
    if !update {
        let count = walk_md(&gold);
        assert_eq!(
            count,
            produced.len(),
            "golden files without a produced twin in {}",
            gold.display()
        );
    }
}

fn walk_md(dir: &Path) -> usize {
    let mut n = 0;
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            n += walk_md(&p);
        } else if p.extension().is_some_and(|x| x == "md") {
            n += 1;
        }
    }
    n
}

#[test]
fn golden_phong_tho_2023() {
    golden("phong-tho-2023", &root().join("data"), 2023);
}

#[test]
fn golden_tam_duong_mini_2023() {
    golden(
        "tam-duong-mini-2023",
        &root().join("examples/tam-duong-mini"),
        2023,
    );
}

#[test]
fn golden_lai_chau_province_2025() {
    golden(
        "lai-chau-province-2025",
        &root().join("examples/lai-chau-province"),
        2025,
    );
}

#[test]
fn golden_lai_chau_province_2026() {
    golden(
        "lai-chau-province-2026",
        &root().join("examples/lai-chau-province"),
        2026,
    );
}

/// 2026 is evaluated under the 2026–2030 national set (10 criteria, no confirmed indicator)
/// with the groups its groups.csv assigns, and compared with 2025 (19 criteria) through the
/// correspondence the example's ruleset declares; criteria 4 and 7 correspond to nothing.
#[test]
fn the_province_example_compares_2026_with_2025_as_its_ruleset_declares() {
    let (_t, dir) = build(&root().join("examples/lai-chau-province"), 2026);
    let f = facts_of(&dir);
    assert_eq!(f["ruleset"]["id"], "lai-chau-xa-2026");
    assert_eq!(f["ruleset"]["criteria_count"], 10);
    assert_eq!(f["ruleset"]["official_indicators"], 47);
    let lacking: Vec<u64> = f["ruleset"]["criteria_without_indicators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_u64().unwrap())
        .collect();
    assert_eq!(lacking, (1..=10).collect::<Vec<u64>>());
    let carried = &f["carried"];
    assert_eq!(carried["from_ruleset"], "lai-chau-xa-1487");
    assert_eq!(
        carried["not_comparable_criteria"],
        serde_json::json!([4, 7])
    );
    let two = carried["corresponding"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["criterion"] == 2)
        .expect("criterion 2 corresponds");
    assert_eq!(
        two["from_criteria"],
        serde_json::json!([2, 3, 4, 5, 6, 7, 8, 9])
    );
    let criterion = |n: u64| {
        f["criteria"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["number"] == n)
            .unwrap()
            .clone()
    };
    // Criterion 2 was met in 2025 only by Phong Thổ, the one commune meeting all of 2–9.
    assert_eq!(criterion(2)["previous_count"], 1);
    assert!(
        criterion(4)["previous_count"].is_null(),
        "not comparable: no subtraction"
    );
    let communes = f["communes"].as_array().unwrap();
    let phong_tho = communes
        .iter()
        .find(|c| c["id"] == "phong-tho-2025")
        .unwrap();
    assert_eq!(phong_tho["category"], "con-lai");
    assert_eq!(phong_tho["category_decision"]["decision"], "45/QĐ-UBND");
    assert_eq!(phong_tho["criteria_basically_met"], 2);
    let khong_lao = communes
        .iter()
        .find(|c| c["id"] == "khong-lao-2025")
        .unwrap();
    assert_eq!(khong_lao["category"], "dtts-mien-nui-kv2-3");
    assert_eq!(khong_lao["criteria_not_assessed"], 1);
    let report = std::fs::read_to_string(dir.join("bao-cao-ntm-2026.md")).unwrap();
    for needle in [
        "tiêu chí số 02 - Hạ tầng kinh tế - xã hội tương ứng tiêu chí số 02, 03, 04, 05, 06, 07, 08 và 09",
        "07 - Khoa học công nghệ và chuyển đổi số không so sánh được với năm 2025",
        "47 chỉ tiêu, chưa xác minh",
    ] {
        assert!(
            report.contains(needle),
            "{needle:?} missing from the report"
        );
    }
    // No merger between 2025 and 2026: the report lists no commune as changed.
    assert!(!report.contains("xã thay đổi như sau"), "{report}");
}

/// The province example compares 2025 with 2024 across the merger of communes: an
/// independent script (`tests/check_carry.py`, written apart from the Rust code) works out
/// from the lineage and 2024's statuses by its old communes how each new commune stood in
/// 2024, and checks every "tăng/giảm … so với năm 2024" clause and appendix 02's last-year
/// column against that.
#[test]
fn the_province_example_compares_across_the_merger_by_the_rules() {
    let python = common::on_path("python3")
        && Command::new("python3")
            .args(["-c", "import tomllib"])
            .status()
            .is_ok_and(|s| s.success());
    if !python {
        assert!(!common::in_ci(), "python3 (3.11 or later) is needed in CI");
        eprintln!("skipped: no python3 of 3.11 or later on the PATH");
        return;
    }
    let data = root().join("examples/lai-chau-province");
    let out = tempfile::tempdir().unwrap();
    for year in ["2024", "2025"] {
        let o = Command::new(BIN)
            .arg("--data")
            .arg(&data)
            .args(["build", year, "--out"])
            .arg(out.path())
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let o = Command::new("python3")
        .arg(root().join("tests/check_carry.py"))
        .arg(&data)
        .arg(out.path())
        .arg("2025")
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(said.contains("19 criteria, 9 communes"), "{said}");
}

#[test]
fn a_district_without_narrative_gets_placeholders_and_warnings() {
    let out = tempfile::tempdir().unwrap();
    let o = Command::new(BIN)
        .arg("--data")
        .arg(root().join("examples/tam-duong-mini"))
        .args(["build", "2023", "--out"])
        .arg(out.path())
        .output()
        .unwrap();
    assert!(o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("warning: no narrative for"), "{err}");
    let md = std::fs::read_to_string(out.path().join("2023/bao-cao-ntm-2023.md")).unwrap();
    assert!(
        md.contains("*\\[Chưa có nội dung:") || md.contains("[Chưa có nội dung:"),
        "placeholder shown"
    );
    assert!(
        !md.contains("so với năm 2022"),
        "no previous year, no comparison"
    );
    check_counts_equal_names(&md);
}

#[test]
fn two_builds_give_identical_bytes() {
    let (_a, da) = build(&root().join("data"), 2023);
    let (_b, db) = build(&root().join("data"), 2023);
    let mut files = Vec::new();
    collect(&da, &da, &mut files);
    assert!(files.len() >= 10);
    for rel in files {
        assert_eq!(
            std::fs::read(da.join(&rel)).unwrap(),
            std::fs::read(db.join(&rel)).unwrap(),
            "{}",
            rel.display()
        );
    }
}

fn collect(base: &Path, dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            collect(base, &p, out);
        } else {
            out.push(p.strip_prefix(base).unwrap().to_path_buf());
        }
    }
}

/// Appendix 02a is a table per criterion, communes in rows and the criterion's indicators
/// in columns; the rows are not held as cells but made from the facts as a writer asks.
#[test]
fn appendix_02a_is_a_table_per_criterion_made_from_the_facts() {
    use ntm_report::report::model::{Align, Block, Rows};
    let (facts, doc) = common::shipped_report();
    let a = doc.appendices.iter().find(|a| a.code() == "02a").unwrap();
    let tables: Vec<_> = a
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .collect();
    assert_eq!(
        tables.len(),
        facts.criteria.len(),
        "one table per criterion"
    );
    let mut cells = 0;
    for (t, c) in tables.iter().zip(&facts.criteria) {
        assert!(matches!(t.rows, Rows::Made(_)));
        assert!(t.is_well_formed());
        let ids: Vec<&str> = facts
            .indicators
            .iter()
            .filter(|i| i.criterion == c.number)
            .map(|i| i.id.as_str())
            .collect();
        assert_eq!(t.columns.len(), ids.len() + 3, "criterion {}", c.number);
        for (col, id) in t.columns[2..].iter().zip(&ids) {
            assert!(col.starts_with(&format!("{id} (")), "{col}");
        }
        let mut rows = Vec::new();
        t.rows.for_each(|r| rows.push(r.to_vec()));
        assert_eq!(rows.len(), facts.communes.len());
        for (r, commune) in rows.iter().zip(&facts.communes) {
            assert_eq!(r[1].text, commune.name);
            // Text on the left, numbers (one percent style) on the right.
            for cell in &r[2..r.len() - 1] {
                let numeric = cell.text.starts_with(|ch: char| ch.is_ascii_digit());
                let want = if numeric {
                    Align::Right
                } else if cell.text == "—" {
                    Align::Center
                } else {
                    Align::Left
                };
                assert_eq!(cell.align, want, "{}", cell.text);
            }
            cells += r.len() - 3;
        }
    }
    // Every indicator of every commune is in exactly one cell.
    let all: usize = facts.communes.iter().map(|c| c.indicators.len()).sum();
    assert_eq!(cells, all);
    // Mường So's road 2.4 is judged against its own threshold (60 %), not the header's (50 %).
    let roads = &tables[1];
    let mut first = Vec::new();
    roads.rows.for_each(|r| {
        if first.is_empty() {
            first = r.iter().map(|c| c.text.clone()).collect();
        }
    });
    assert_eq!(first[5], "72,1% (≥ 60%)");
    assert_eq!(roads.columns[5], "2.4 (≥ 50%)");
}

/// A year evaluated against another ruleset than the year before: criteria are compared
/// only where the sets say they correspond; the others, and every count over all criteria,
/// are said not to be comparable.
#[test]
fn a_criterion_without_a_corresponding_one_is_not_compared() {
    let tmp = tempfile::tempdir().unwrap();
    common::copy_dir(&root().join("examples/lai-chau-province"), tmp.path());
    let ntm = tmp.path().join("ntm.toml");
    let text = std::fs::read_to_string(&ntm).unwrap();
    let text = text
        .replace("until = \"2024-10-22\"", "until = \"2025-01-01\"")
        .replace(
            "ruleset = \"lai-chau-xa-1487\"\nfrom = \"2024-10-22\"",
            "ruleset = \"rulesets/xa-moi.toml\"\nfrom = \"2025-01-01\"",
        );
    assert!(text.contains("xa-moi"));
    std::fs::write(&ntm, text).unwrap();
    std::fs::create_dir_all(tmp.path().join("rulesets")).unwrap();
    // Criterion 17 is declared to correspond to nothing of the set before.
    let numbers: Vec<String> = (1..=19)
        .filter(|n| *n != 17)
        .map(|n| n.to_string())
        .collect();
    std::fs::write(
        tmp.path().join("rulesets/xa-moi.toml"),
        format!(
            "[ruleset]\nid = \"xa-moi\"\nextends = \"lai-chau-xa-1285\"\nlevel = \"commune\"\n\
             name = \"Bộ tiêu chí thử\"\nlegal_source = \"Quyết định thử\"\nbased_on = \"\"\n\
             valid_from = 2025\nvalid_to = 2026\n\n[[ruleset.corresponds]]\n\
             ruleset = \"lai-chau-xa-1285\"\ncriteria = [{}]\n",
            numbers.join(", ")
        ),
    )
    .unwrap();
    let (_out, dir) = build(tmp.path(), 2025);
    let f = facts_of(&dir);
    for c in f["criteria"].as_array().unwrap() {
        let n = c["number"].as_u64().unwrap();
        assert_eq!(c["previous_count"].is_null(), n == 17, "criterion {n}");
    }
    assert!(f["previous_total_criteria_met"].is_null());
    assert!(f["previous_average_criteria_per_commune"].is_null());
    assert_eq!(
        f["carried"]["not_comparable_criteria"],
        serde_json::json!([17])
    );
    let md = std::fs::read_to_string(dir.join("bao-cao-ntm-2025.md")).unwrap();
    let line = md
        .lines()
        .find(|l| l.starts_with("**Tiêu chí số 17"))
        .unwrap();
    assert!(line.contains("không so sánh được với năm 2024"), "{line}");
    assert!(!line.contains("tăng") && !line.contains("giảm"), "{line}");
    assert!(
        md.contains(
            "Tiêu chí số 17 - Môi trường và an toàn thực phẩm không so sánh được với năm 2024"
        ),
        "the reason is said once"
    );
    assert!(!md.contains("(năm 2024:"), "no average of 2024");
    let other: String = md
        .lines()
        .skip_while(|l| !l.starts_with("**Tiêu chí số 02"))
        .take_while(|l| !l.is_empty())
        .collect();
    assert!(
        other.contains("So với năm 2024"),
        "criterion 2 is compared: {other}"
    );
}

/// A commune that gives a part of itself to another and continues: listed with where the
/// part went, and not comparable by name (its quantities cannot be split).
#[test]
fn a_commune_that_gives_a_part_and_continues_is_said_so() {
    let tmp = tempfile::tempdir().unwrap();
    common::copy_dir(&root().join("examples/lai-chau-province"), tmp.path());
    let edit = |file: &str, from: &str, to: &str| {
        let p = tmp.path().join(file);
        let text = std::fs::read_to_string(&p).unwrap();
        assert!(text.contains(from), "{file}: {from}");
        std::fs::write(&p, text.replacen(from, to, 1)).unwrap();
    };
    edit(
        "communes.csv",
        "nung-nang,Nùng Nàng,thuong,huyện Tam Đường (cũ),,2025-07-01,,,",
        "nung-nang,Nùng Nàng,thuong,huyện Tam Đường (cũ),,,,,",
    );
    edit(
        "lineage.toml",
        "whole = [\"giang-ma\", \"ta-leng\", \"ho-thau\"]\npart = [\"nung-nang\"]",
        "whole = [\"giang-ma\", \"ta-leng\", \"ho-thau\"]",
    );
    // Nùng Nàng's 2025 values: those of Khun Há, for the example's sake.
    let rows = tmp.path().join("2025/communes.csv");
    let text = std::fs::read_to_string(&rows).unwrap();
    let extra: String = text
        .lines()
        .filter(|l| l.starts_with("khun-ha-2025,"))
        .map(|l| format!("{}\n", l.replacen("khun-ha-2025,", "nung-nang,", 1)))
        .collect();
    std::fs::write(&rows, format!("{text}{extra}")).unwrap();
    let (_out, dir) = build(tmp.path(), 2025);
    let md = std::fs::read_to_string(dir.join("bao-cao-ntm-2025.md")).unwrap();
    assert!(
        md.contains("Nùng Nàng (chuyển một phần sang xã Bình Lư)"),
        "{md}"
    );
    assert!(
        md.contains("Xã Nùng Nàng cũ được chia về các xã Nùng Nàng và Bình Lư"),
        "{md}"
    );
    let f = facts_of(&dir);
    let nn = f["carried"]["communes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "nung-nang")
        .unwrap();
    assert_eq!(nn["same"], false);
    assert_eq!(nn["predecessors"][0]["share"], "part");
}

/// The ids of a level's communes (or villages) in facts.json.
fn level_ids(f: &Value, level: &str, key: &str) -> Vec<String> {
    f["levels"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["level"] == level)
        .unwrap_or_else(|| panic!("level {level}"))[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_province_example_states_recognitions_acknowledgements_and_revocations() {
    let data = root().join("examples/lai-chau-province");
    // 2025: Khổng Lào, awaiting acknowledgement after the merger, is acknowledged; Phong
    // Thổ, recognised by its old communes, is recognised at nâng cao.
    let (_t, dir) = build(&data, 2025);
    let f = facts_of(&dir);
    let awaiting: Vec<&str> = f["awaiting_acknowledgement"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(awaiting, ["dao-san-2025"]);
    let events: Vec<(&str, &str, &str)> = f["recognition_events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["unit"].as_str().unwrap(),
                e["level"].as_str().unwrap(),
                e["event"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        events,
        [
            ("khong-lao-01", "kieu-mau", "cong-nhan"),
            ("binh-lu-01", "ntm", "cong-nhan"),
            ("khong-lao-2025", "ntm", "thua-nhan"),
            ("phong-tho-2025", "nang-cao", "cong-nhan")
        ]
    );
    // Villages follow their old communes through the mergers; the one recognised in 2023
    // is counted too.
    assert_eq!(
        level_ids(&f, "ntm", "villages"),
        ["muong-so-01", "khong-lao-01", "binh-lu-01"]
    );
    assert_eq!(level_ids(&f, "kieu-mau", "villages"), ["khong-lao-01"]);
    assert!(level_ids(&f, "kieu-mau", "communes").is_empty());
    assert_eq!(
        level_ids(&f, "ntm", "communes"),
        ["phong-tho-2025", "khong-lao-2025"]
    );
    assert_eq!(level_ids(&f, "nang-cao", "communes"), ["phong-tho-2025"]);
    let md = std::fs::read_to_string(dir.join("bao-cao-ntm-2025.md")).unwrap();
    assert!(md.contains(
        "- Trong năm 2025, xã Khổng Lào được thừa nhận đạt chuẩn nông thôn mới sau sắp xếp theo Quyết định số 1890/QĐ-UBND ngày 20/11/2025 của UBND tỉnh Lai Châu."
    ));
    assert!(md.contains("01 xã đạt chuẩn nông thôn mới nâng cao (Phong Thổ)"));
    assert!(md.contains("chờ thừa nhận đạt chuẩn nông thôn mới: 01 xã (Dào San)"));

    // 2026: the recognitions carried in 2025 are gone with the change of set; the events
    // recognise Phong Thổ (acknowledged) and Khổng Lào, and Dào San's is revoked.
    let (_t, dir) = build(&data, 2026);
    let f = facts_of(&dir);
    let recognized: Vec<&str> = f["recognized"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(recognized, ["phong-tho-2025", "khong-lao-2025"]);
    assert_eq!(level_ids(&f, "nang-cao", "communes"), ["phong-tho-2025"]);
    let md = std::fs::read_to_string(dir.join("bao-cao-ntm-2026.md")).unwrap();
    assert!(!md.contains("chưa có xã nào được công nhận"));
    assert!(md.contains("có 02/09 xã đã được công nhận đạt chuẩn nông thôn mới"));
    assert!(md.contains(
        "- Trong năm 2026, xã Dào San bị thu hồi quyết định công nhận đạt chuẩn nông thôn mới theo Quyết định số 733/QĐ-UBND ngày 25/5/2026 của UBND tỉnh Lai Châu."
    ));
    assert!(md.contains("Lũy kế đến nay: 02 xã đạt chuẩn nông thôn mới (Phong Thổ, Khổng Lào)"));
}

#[test]
fn without_its_events_the_province_example_recognises_no_commune_in_2026() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    copy_dir(&root().join("examples/lai-chau-province"), &data);
    std::fs::remove_file(data.join("recognitions.csv")).unwrap();
    let (_t, dir) = build(&data, 2026);
    let f = facts_of(&dir);
    assert_eq!(f["recognized"], serde_json::json!([]));
    assert_eq!(f["levels"], serde_json::json!([]));
    assert_eq!(f["recognition_events"], serde_json::json!([]));
}

#[test]
fn village_events_count_per_level_and_a_revocation_ends_a_recognition() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    copy_dir(&root().join("examples/tam-duong-mini"), &data);
    let villages = std::fs::read_to_string(data.join("villages.csv")).unwrap();
    let ids: Vec<&str> = villages
        .lines()
        .skip(1)
        .take(2)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    let csv = format!(
        "unit,level,event,decision,date,issuer,note\n\
         {a},ntm,cong-nhan,1/QĐ-UBND,2022-03-01,UBND huyện,\n\
         {a},kieu-mau,công nhận,2/QĐ-UBND,2023-06-01,UBND huyện,\n\
         {b},ntm,cong-nhan,3/QĐ-UBND,2022-03-01,UBND huyện,\n\
         {b},ntm,thu-hoi,4/QĐ-UBND,2023-09-01,UBND huyện,\n\
         binh-lu,ntm,cong-nhan,5/QĐ-UBND,2023-10-01,UBND tỉnh,\n\
         binh-lu,ntm,thu-hoi,6/QĐ-UBND,2024-02-01,UBND tỉnh,\n",
        a = ids[0],
        b = ids[1]
    );
    std::fs::write(data.join("recognitions.csv"), csv).unwrap();
    let (_t, dir) = build(&data, 2023);
    let f = facts_of(&dir);
    assert_eq!(level_ids(&f, "ntm", "villages"), [ids[0]]);
    assert_eq!(level_ids(&f, "kieu-mau", "villages"), [ids[0]]);
    // Bình Lư's revocation comes after the status date: it is recognised in 2023.
    assert_eq!(level_ids(&f, "ntm", "communes"), ["binh-lu"]);
    let events: Vec<&str> = f["recognition_events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["decision"].as_str().unwrap())
        .collect();
    assert_eq!(events, ["2/QĐ-UBND", "4/QĐ-UBND", "5/QĐ-UBND"]);
    let md = std::fs::read_to_string(dir.join("bao-cao-ntm-2023.md")).unwrap();
    assert!(md.contains("thôn đạt chuẩn nông thôn mới kiểu mẫu"), "{md}");
}
