//! The `ntm-report` binary run on `tests/fixtures/tiny`, a made-up province small enough to
//! work out by hand. Each test copies the fixture into a temporary folder, optionally breaks
//! one file, runs one command and checks the exit code, stdout, stderr and `facts.json`.
//!
//! # The fixture, worked out by hand
//!
//! Unit: the province "Sơn Mẫu" (level `province`, label `tỉnh`). Rulesets are files of
//! the fixture, not built-in ones: `rulesets/tiny-xa.toml` (communes) and
//! `rulesets/tiny-ban.toml` (villages, criteria 1–3). Classes (ntm.toml): "5 tiêu chí"
//! 5–5, "3 - 4 tiêu chí" 3–4, "dưới 3 tiêu chí" 0–2.
//!
//! Commune set `tiny-xa`, groups I (criteria 1–3) and II (criteria 4–5):
//!
//! | ind. | kind            | threshold                                              |
//! |------|-----------------|--------------------------------------------------------|
//! | 1.1  | ratio (km)      | >= 60 for category `dbkk`, >= 80 otherwise             |
//! | 2.1  | yes_no          |                                                        |
//! | 2.2  | percent         | >= 95                                                  |
//! | 3.1  | count           | == 0                                                   |
//! | 4.1  | amount          | >= 40 in 2022, >= 45 in 2023–2025                      |
//! | 5.1  | yes_no if_exists| not applicable counts as met                           |
//! | measure 4.ho-ngheo | ratio (households)                                      |
//!
//! Roster order (deliberately not alphabetical): An Bình (thuong, recognised
//! 12/QĐ-UBND of 2020-03-15), Đông Lâm (dbkk), Bắc Sơn (thuong), Cao Phong (dbkk).
//! Cao Phong's 2023 data is in `2023/communes.csv`, everything else in `communes/<id>.toml`.
//!
//! 2023, official status per commune (D = declared, C = computed, ✗ = indicator not met):
//!
//! | commune   | 1.1                  | 2.1 / 2.2      | 3.1        | 4.1     | 5.1 | met            | n |
//! |-----------|----------------------|----------------|------------|---------|-----|----------------|---|
//! | An Bình   | 12.10/12.10 = 100 %  | yes / 99.5     | 2 ✗        | 46.10   | n/a | D 1–5          | 5 |
//! | Đông Lâm  | 16.74/27.90 = 60 %   | yes / 98.70    | 4 ✗        | 44.2 ✗  | yes | C 1, 2, 5      | 3 |
//! | Bắc Sơn   | 14/20.0 = 70 % ✗     | yes / 90 ✗     | 0          | 45.00   | —   | C 3, 4; D ¬5   | 2 |
//! | Cao Phong | 10.96/20 = 54.8 % ✗  | đạt / 93.5 ✗   | 3 ✗; D ¬3  | 44.4 ✗  | n/a | C 5            | 1 |
//!
//! - Đông Lâm's 60 % is exact (16.74 × 100 ÷ 27.90; f64 gives 59.999…), and meets the
//!   `dbkk` threshold; Bắc Sơn's 70 % misses the `thuong` one.
//! - The one disagreement: An Bình, criterion 3, declared met, computed not met
//!   (criteria_met 5, criteria_met_computed 4).
//! - Total 11, average 11 / 4 = "2.75".
//!
//! 2022: An Bình declared 1–5 (5); Đông Lâm computed 1, 4 (43.2 >= 40), 5 (3); Bắc Sơn
//! computed 4 (41.5), declared ¬5 (1); Cao Phong declared 5 only (1). Total 10, "2.50".
//!
//! Per criterion, 2023 (previous count; gained; lost), names in roster order:
//!
//! | # | count | communes_met                   | prev | gained   | lost     |
//! |---|-------|--------------------------------|------|----------|----------|
//! | 1 | 2     | An Bình, Đông Lâm              | 2    |          |          |
//! | 2 | 2     | An Bình, Đông Lâm              | 1    | Đông Lâm |          |
//! | 3 | 2     | An Bình, Bắc Sơn               | 1    | Bắc Sơn  |          |
//! | 4 | 2     | An Bình, Bắc Sơn               | 3    |          | Đông Lâm |
//! | 5 | 3     | An Bình, Đông Lâm, Cao Phong   | 3    |          |          |
//!
//! Classes 2023 (2022): 5 → An Bình 1 (1); 3–4 → Đông Lâm 1 (1); 0–2 → Bắc Sơn, Cao Phong
//! 2 (2).
//!
//! District totals 2023: 1.1 = 53.80 / 80.00 km = 67.25 % → "67.3" (half away from zero;
//! half-to-even would give 67.2), facts print normalised decimals "53.8" / "80"; 3.1 = 9
//! houses; 4.1 has no total (income per person is a rate: only counts and ratios add up);
//! measure 4.ho-ngheo = 196 / 1600 = 12.25 % → "12.3" (half-to-even: 12.2).
//!
//! Villages 2023: criteria met per village 3,2 | 2,1 | 1,0 | 3,2 (by commune) →
//! {"0": 1, "1": 2, "2": 3, "3": 2}, 2 meeting all; 2022 {"0": 2, "1": 3, "2": 2, "3": 1}.
//!
//! Money 2023: funding ntm = 1200.10 + 800.6 = "2000.7" (f64: 2000.6999999999998), total
//! 2000.7 + 300.1 + 45.0 = "2345.8" (f64: 2345.7999999999997); disbursement 131.3/200 =
//! 65.65 % → "65.7" (half-to-even: 65.6), 600/1200.5 = 49.979… % → "50.0", totals
//! "2200.75" / "731.3"; contributions.value "45.0" is not normalised.
//!
//! Plan made in 2022 for 2023: Đông Lâm [2, 3] → reached [2], not reached [3]; Cao Phong
//! [1] → not reached; Bắc Sơn gained 3 unregistered. Registered 3, reached 1.
//!
//! Plan made in 2023 for 2024: Đông Lâm [3, 4] new [3, 4] → 5 (standard in 2025);
//! Bắc Sơn [3] new [] → 2; Cao Phong [1, 2] new [1, 2] → 3. To add 4, projected total 15,
//! projected average "3.75", projected classes 2 / 1 / 1.

mod common;
use common::copy_dir;

use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use tempfile::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_ntm-report");

// ---- the builder ------------------------------------------------------------------------

/// A copy of `tests/fixtures/tiny` in a temporary folder: `TMP/data` and `TMP/out`.
struct Fixture {
    tmp: TempDir,
}

/// What one run of the binary did.
#[derive(Debug)]
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Fixture {
    fn new() -> Fixture {
        let tmp = tempfile::tempdir().unwrap();
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tiny");
        copy_dir(&src, &tmp.path().join("data"));
        Fixture { tmp }
    }

    fn data(&self) -> PathBuf {
        self.tmp.path().join("data")
    }

    fn out(&self) -> PathBuf {
        self.tmp.path().join("out")
    }

    fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.data().join(rel)).unwrap()
    }

    fn write(&self, rel: &str, text: &str) -> &Self {
        fs::write(self.data().join(rel), text).unwrap();
        self
    }

    /// Replaces the one occurrence of `from` in a data file.
    fn edit(&self, rel: &str, from: &str, to: &str) -> &Self {
        let text = self.read(rel);
        assert_eq!(
            text.matches(from).count(),
            1,
            "{rel} should contain {from:?} exactly once"
        );
        self.write(rel, &text.replacen(from, to, 1))
    }

    fn rename(&self, from: &str, to: &str) -> &Self {
        fs::rename(self.data().join(from), self.data().join(to)).unwrap();
        self
    }

    /// Runs the binary in the data folder with exactly these arguments.
    fn raw(&self, args: &[&str]) -> Run {
        let out = Command::new(BIN)
            .args(args)
            .current_dir(self.data())
            .output()
            .expect("the binary runs");
        Run {
            code: out.status.code().expect("exited normally"),
            stdout: String::from_utf8(out.stdout).unwrap(),
            stderr: String::from_utf8(out.stderr).unwrap(),
        }
    }

    /// Runs the binary with `--data DATA` before `args`.
    fn run(&self, args: &[&str]) -> Run {
        let data = self.data();
        let mut all = vec!["--data", data.to_str().unwrap()];
        all.extend_from_slice(args);
        self.raw(&all)
    }

    fn check(&self, year: &str) -> Run {
        self.run(&["check", year])
    }

    fn build(&self, year: &str) -> Run {
        let out = self.out();
        self.run(&["build", year, "--out", out.to_str().unwrap()])
    }

    fn facts_bytes(&self, year: &str) -> Vec<u8> {
        fs::read(self.out().join(year).join("facts.json")).unwrap()
    }

    /// Builds `year`, which must succeed, and parses its facts.json.
    fn facts(&self, year: &str) -> Value {
        self.build(year).code(0);
        serde_json::from_slice(&self.facts_bytes(year)).unwrap()
    }
}

/// One diagnostic as printed in the human format.
#[derive(Debug, Default)]
struct Diag {
    severity: String,
    message: String,
    at: Option<String>,
    hint: Option<String>,
}

impl Run {
    fn code(&self, expected: i32) -> &Self {
        assert_eq!(
            self.code, expected,
            "exit code\n--- stdout\n{}--- stderr\n{}",
            self.stdout, self.stderr
        );
        self
    }

    fn diags(&self) -> Vec<Diag> {
        let mut out: Vec<Diag> = Vec::new();
        for line in self.stderr.lines() {
            if let Some((sev, msg)) = line
                .split_once(": ")
                .filter(|(s, _)| *s == "error" || *s == "warning")
            {
                out.push(Diag {
                    severity: sev.to_string(),
                    message: msg.to_string(),
                    ..Diag::default()
                });
            } else if let Some(d) = out.last_mut() {
                if let Some(at) = line.strip_prefix("  --> ") {
                    d.at = Some(at.to_string());
                } else if let Some(h) = line.strip_prefix("  = help: ") {
                    d.hint = Some(h.to_string());
                }
            }
        }
        out
    }

    /// Asserts a diagnostic whose message contains `message`, printed `--> at`; returns it.
    fn diag(&self, severity: &str, message: &str, at: &str) -> Diag {
        let all = self.diags();
        let found = all.into_iter().find(|d| {
            d.severity == severity && d.message.contains(message) && d.at.as_deref() == Some(at)
        });
        found.unwrap_or_else(|| {
            panic!(
                "no {severity} containing {message:?} at {at}\n--- stderr\n{}",
                self.stderr
            )
        })
    }

    fn error(&self, message: &str, at: &str) -> Diag {
        self.diag("error", message, at)
    }
}

/// Every file under `dir` with its bytes, by path relative to `dir`, sorted.
fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                out.push((rel, fs::read(&path).unwrap()));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

fn strs(v: &Value) -> Vec<&str> {
    v.as_array()
        .unwrap_or_else(|| panic!("not an array: {v}"))
        .iter()
        .map(|x| x.as_str().unwrap())
        .collect()
}

fn nums(v: &Value) -> Vec<u64> {
    v.as_array()
        .unwrap_or_else(|| panic!("not an array: {v}"))
        .iter()
        .map(|x| x.as_u64().unwrap())
        .collect()
}

/// The element of an array whose `key` is `value`.
fn find<'a>(list: &'a Value, key: &str, value: &str) -> &'a Value {
    list.as_array()
        .unwrap()
        .iter()
        .find(|x| x[key].as_str() == Some(value))
        .unwrap_or_else(|| panic!("no {key} = {value} in {list}"))
}

/// One field of every element of an array, as text (strings unquoted).
fn column(list: &Value, key: &str) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|x| x[key].as_str().map_or(x[key].to_string(), str::to_string))
        .collect()
}

const AN: &str = "An Bình";
const DONG: &str = "Đông Lâm";
const BAC: &str = "Bắc Sơn";
const CAO: &str = "Cao Phong";

// ---- build: facts.json against the hand-worked expectations -----------------------------

#[test]
fn facts_header_fields() {
    let fx = Fixture::new();
    let f = fx.facts("2023");
    let raw = String::from_utf8(fx.facts_bytes("2023")).unwrap();
    // Top-level keys in the order they are written (two-space indent, pretty-printed).
    let keys: Vec<&str> = raw
        .lines()
        .filter_map(|l| l.strip_prefix("  \""))
        .filter_map(|l| l.split_once("\": ").map(|(k, _)| k))
        .collect();
    let documented = [
        "schema_version",
        "year",
        "previous_year",
        "unit",
        "issuer",
        "signer",
        "recipients",
        "report",
        "ruleset",
        "village_ruleset",
        "groups",
        "communes",
        "criteria",
        "total_criteria_met",
        "previous_total_criteria_met",
        "average_criteria_per_commune",
        "previous_average_criteria_per_commune",
        "classes",
        "recognized",
        "findings",
        "villages",
        "indicators",
        "measures",
        "funding",
        "disbursement",
        "documents",
        "plan",
        "plan_outcome",
        "total_criteria_met_change",
        "recognized_percent",
        "commune_groups",
        "awaiting_acknowledgement",
        "carried",
        "recognition_events",
        "levels",
    ];
    assert_eq!(keys, documented, "fields (and order) as in docs/facts.md");
    assert_eq!(
        f["total_criteria_met_change"],
        f["total_criteria_met"].as_i64().unwrap()
            - f["previous_total_criteria_met"].as_i64().unwrap()
    );
    assert_eq!(f["schema_version"], 2);
    assert_eq!(f["year"], 2023);
    assert_eq!(f["previous_year"], 2022);
    assert_eq!(f["unit"]["level"], "province");
    assert_eq!(f["unit"]["label"], "tỉnh");
    assert_eq!(f["unit"]["name"], "Sơn Mẫu");
    assert_eq!(f["issuer"]["name"], "ỦY BAN NHÂN DÂN TỈNH SƠN MẪU");
    assert_eq!(f["signer"]["name"], "Trần Thị B");
    assert_eq!(f["recipients"].as_array().unwrap().len(), 2);
    assert_eq!(f["report"]["number"], "25/BC-UBND");
    assert_eq!(f["report"]["date"], "2024-01-05");
    assert_eq!(f["ruleset"]["id"], "tiny-xa");
    assert_eq!(f["ruleset"]["criteria_count"], 5);
    assert_eq!(f["village_ruleset"]["id"], "tiny-ban");
    assert_eq!(f["village_ruleset"]["criteria_count"], 3);
    assert_eq!(column(&f["groups"], "id"), ["I", "II"]);
    assert_eq!(nums(&f["groups"][0]["criteria"]), [1, 2, 3]);
    assert_eq!(nums(&f["groups"][1]["criteria"]), [4, 5]);
}

#[test]
fn facts_communes_in_roster_order_with_declared_and_computed() {
    let f = Fixture::new().facts("2023");
    let c = &f["communes"];
    assert_eq!(
        column(c, "id"),
        ["an-binh", "dong-lam", "bac-son", "cao-phong"]
    );
    assert_eq!(column(c, "name"), [AN, DONG, BAC, CAO]);
    let row = |id: &str| -> Vec<Value> {
        let x = find(c, "id", id);
        vec![
            x["criteria_met"].clone(),
            x["criteria_met_computed"].clone(),
            x["criteria_computed"].clone(),
            x["previous_criteria_met"].clone(),
            x["class"].clone(),
        ]
    };
    let v = |a: u32, b: u32, c: u32, d: u32, e: &str| -> Vec<Value> {
        vec![a.into(), b.into(), c.into(), d.into(), e.into()]
    };
    assert_eq!(row("an-binh"), v(5, 4, 5, 5, "5 tiêu chí"));
    assert_eq!(row("dong-lam"), v(3, 3, 5, 3, "3 - 4 tiêu chí"));
    assert_eq!(row("bac-son"), v(2, 2, 4, 1, "dưới 3 tiêu chí"));
    assert_eq!(row("cao-phong"), v(1, 1, 5, 1, "dưới 3 tiêu chí"));

    // (number, status, declared, computed, previous_status) for every criterion.
    let statuses = |id: &str| -> Vec<String> {
        find(c, "id", id)["criteria"]
            .as_array()
            .unwrap()
            .iter()
            .map(|k| {
                let s = |f: &str| k[f].as_str().unwrap_or("-").to_string();
                format!(
                    "{} {} {} {} {}",
                    k["number"],
                    s("status"),
                    s("declared"),
                    s("computed"),
                    s("previous_status")
                )
            })
            .collect()
    };
    assert_eq!(
        statuses("an-binh"),
        [
            "1 met met met met",
            "2 met met met met",
            "3 met met not_met met",
            "4 met met met met",
            "5 met met met met",
        ]
    );
    assert_eq!(
        statuses("dong-lam"),
        [
            "1 met - met met",
            "2 met - met not_met",
            "3 not_met - not_met not_met",
            "4 not_met - not_met met",
            "5 met - met met",
        ]
    );
    assert_eq!(
        statuses("bac-son"),
        [
            "1 not_met - not_met not_met",
            "2 not_met - not_met not_met",
            "3 met - met not_met",
            "4 met - met met",
            "5 not_met not_met - not_met",
        ]
    );
    assert_eq!(
        statuses("cao-phong"),
        [
            "1 not_met - not_met not_met",
            "2 not_met - not_met not_met",
            "3 not_met not_met not_met not_met",
            "4 not_met - not_met not_met",
            "5 met - met met",
        ]
    );

    // Sources: the file's default, a per-criterion override, the CSV column, none.
    let an = find(c, "id", "an-binh");
    assert_eq!(
        an["criteria"][0]["source"],
        "Hội đồng thẩm định tỉnh, tháng 12/2023"
    );
    assert_eq!(an["criteria"][3]["source"], "Cục Thống kê tỉnh");
    assert_eq!(
        find(c, "id", "cao-phong")["criteria"][2]["source"],
        "Sở Xây dựng"
    );
    assert!(find(c, "id", "dong-lam")["criteria"][0]["source"].is_null());

    assert_eq!(an["recognized"]["decision"], "12/QĐ-UBND");
    assert_eq!(an["recognized"]["date"], "2020-03-15");
    assert!(find(c, "id", "bac-son")["recognized"].is_null());

    assert_eq!(nums(&find(c, "id", "dong-lam")["gained"]), [2]);
    assert_eq!(nums(&find(c, "id", "dong-lam")["lost"]), [4]);
    assert_eq!(nums(&find(c, "id", "bac-son")["gained"]), [3]);
    assert!(nums(&find(c, "id", "bac-son")["lost"]).is_empty());
    assert!(nums(&an["gained"]).is_empty() && nums(&an["lost"]).is_empty());
}

#[test]
fn a_years_groups_choose_the_thresholds_of_that_year_only() {
    let fx = Fixture::new();
    fx.write(
        "2023/groups.csv",
        "commune,name,group,decision,date,by\nbac-son,Bắc Sơn,dbkk,7/QĐ-UBND,2023-02-01,UBND tỉnh Sơn Mẫu\n",
    );
    let f = fx.facts("2023");
    let bac = find(&f["communes"], "id", "bac-son");
    assert_eq!(bac["category"], "dbkk");
    assert_eq!(bac["category_decision"]["decision"], "7/QĐ-UBND");
    assert_eq!(bac["category_decision"]["date"], "2023-02-01");
    assert_eq!(bac["category_decision"]["by"], "UBND tỉnh Sơn Mẫu");
    // 70 % of roads hardened: not met at the roster's `thuong` threshold (80), met at 60.
    let b11 = find(&bac["indicators"], "id", "1.1");
    assert_eq!(
        (b11["threshold"].as_str(), b11["met"].as_str()),
        (Some("60"), Some("met"))
    );
    // A commune the file does not name keeps the roster's category, without a decision.
    let an = find(&f["communes"], "id", "an-binh");
    assert_eq!(an["category"], "thuong");
    assert!(an.get("category_decision").is_none(), "{an}");
    // The year before has no groups.csv: the roster's category.
    let before = fx.facts("2022");
    assert_eq!(
        find(&before["communes"], "id", "bac-son")["category"],
        "thuong"
    );
}

#[test]
fn a_groups_file_naming_a_commune_not_on_the_roster_writes_nothing() {
    let fx = Fixture::new();
    fx.write(
        "2023/groups.csv",
        "commune,group\nbac-son,dbkk\nbac-sonn,dbkk\n",
    );
    let out = fx.out();
    let r = fx.run(&[
        "--lang",
        "en",
        "build",
        "2023",
        "--out",
        out.to_str().unwrap(),
    ]);
    r.code(1);
    assert!(r.stderr.contains("--> 2023/groups.csv:3:1"), "{}", r.stderr);
    assert!(r.stderr.contains("did you mean `bac-son`?"), "{}", r.stderr);
    assert!(!fx.out().join("2023").exists(), "nothing written");
}

#[test]
fn facts_commune_indicators_are_exact_decimals() {
    let f = Fixture::new().facts("2023");
    let ind = |commune: &str, id: &str| {
        find(&find(&f["communes"], "id", commune)["indicators"], "id", id).clone()
    };
    let one_of_each: Vec<String> = find(&f["communes"], "id", "an-binh")["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(one_of_each, ["1.1", "2.1", "2.2", "3.1", "4.1", "5.1"]);

    // 16.74 × 100 ÷ 27.90 is exactly 60: met at the `dbkk` threshold.
    let d11 = ind("dong-lam", "1.1");
    assert_eq!(d11["numerator"], "16.74");
    assert_eq!(d11["denominator"], "27.9", "TOML float 27.90, normalised");
    assert_eq!(d11["percent"], "60.0");
    assert_eq!(d11["comparator"], ">=");
    assert_eq!(d11["threshold"], "60");
    assert_eq!(d11["met"], "met");
    assert!(d11["value"].is_null());
    // The same category-dependent indicator for a `thuong` commune.
    let b11 = ind("bac-son", "1.1");
    assert_eq!(
        (b11["percent"].as_str(), b11["threshold"].as_str()),
        (Some("70.0"), Some("80"))
    );
    assert_eq!(b11["met"], "not_met");
    // Year-dependent threshold: 45 in 2023.
    assert_eq!(ind("dong-lam", "4.1")["threshold"], "45");
    assert_eq!(ind("dong-lam", "4.1")["met"], "not_met");
    let b41 = ind("bac-son", "4.1");
    assert_eq!(
        (b41["value"].as_str(), b41["met"].as_str()),
        (Some("45"), Some("met"))
    );
    assert_eq!(ind("an-binh", "4.1")["value"], "46.1");
    assert_eq!(
        ind("dong-lam", "2.2")["value"],
        "98.7",
        "TOML float 98.70, normalised"
    );
    assert_eq!(ind("dong-lam", "2.1")["value"], "met");
    // Count "== 0".
    assert_eq!(ind("bac-son", "3.1")["met"], "met");
    assert_eq!(ind("bac-son", "3.1")["comparator"], "==");
    assert_eq!(ind("an-binh", "3.1")["met"], "not_met");
    // "nếu có": not applicable counts as met; not given is null.
    let a51 = ind("an-binh", "5.1");
    assert_eq!(a51["applicable"], false);
    assert!(a51["value"].is_null() && a51["threshold"].is_null() && a51["comparator"].is_null());
    assert_eq!(a51["met"], "met");
    let b51 = ind("bac-son", "5.1");
    assert_eq!(b51["applicable"], true);
    assert!(b51["met"].is_null() && b51["value"].is_null());
    // From the long CSV table.
    assert_eq!(ind("cao-phong", "1.1")["numerator"], "10.96");
    assert_eq!(ind("cao-phong", "1.1")["percent"], "54.8");
    assert_eq!(ind("cao-phong", "2.1")["value"], "met");
    assert_eq!(ind("cao-phong", "4.1")["value"], "44.4");
    assert_eq!(ind("cao-phong", "5.1")["applicable"], false);
}

#[test]
fn facts_criteria_counts_names_and_changes() {
    let f = Fixture::new().facts("2023");
    let k = &f["criteria"];
    assert_eq!(column(k, "number"), ["1", "2", "3", "4", "5"]);
    assert_eq!(
        column(k, "name"),
        [
            "Giao thông",
            "Điện",
            "Nhà ở dân cư",
            "Thu nhập",
            "Tổ chức sản xuất"
        ]
    );
    assert_eq!(column(k, "group"), ["I", "I", "I", "II", "II"]);
    let expect = [
        (1, 2, vec![AN, DONG], vec![BAC, CAO], 2, vec![], vec![]),
        (2, 2, vec![AN, DONG], vec![BAC, CAO], 1, vec![DONG], vec![]),
        (3, 2, vec![AN, BAC], vec![DONG, CAO], 1, vec![BAC], vec![]),
        (4, 2, vec![AN, BAC], vec![DONG, CAO], 3, vec![], vec![DONG]),
        (5, 3, vec![AN, DONG, CAO], vec![BAC], 3, vec![], vec![]),
    ];
    for (i, (number, count, met, not_met, prev, gained, lost)) in expect.into_iter().enumerate() {
        let c = &k[i];
        assert_eq!(c["number"], number);
        assert_eq!(c["count"], count, "criterion {number}");
        assert_eq!(strs(&c["communes_met"]), met, "criterion {number}");
        assert_eq!(strs(&c["communes_not_met"]), not_met, "criterion {number}");
        assert_eq!(c["previous_count"], prev, "criterion {number}");
        assert_eq!(strs(&c["gained"]), gained, "criterion {number}");
        assert_eq!(strs(&c["lost"]), lost, "criterion {number}");
        let disagree: Vec<&str> = if number == 3 { vec![AN] } else { vec![] };
        assert_eq!(strs(&c["disagreements"]), disagree, "criterion {number}");
        assert_eq!(c["change"], count - prev, "criterion {number}");
    }
}

#[test]
fn facts_totals_average_classes_recognition_findings() {
    let f = Fixture::new().facts("2023");
    assert_eq!(f["total_criteria_met"], 11);
    assert_eq!(f["previous_total_criteria_met"], 10);
    assert_eq!(f["average_criteria_per_commune"], "2.75");
    assert_eq!(f["previous_average_criteria_per_commune"], "2.50");
    assert_eq!(f["total_criteria_met_change"], 1);
    assert_eq!(f["recognized_percent"], "25", "An Bình, 1 of 4");
    let changes: Vec<i64> = f["communes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["criteria_met_change"].as_i64().unwrap())
        .collect();
    assert_eq!(changes, [0, 0, 1, 0], "5-5, 3-3, 2-1, 1-1");

    let classes = &f["classes"];
    assert_eq!(
        column(classes, "label"),
        ["5 tiêu chí", "3 - 4 tiêu chí", "dưới 3 tiêu chí"]
    );
    let summary: Vec<(u64, u64, u64, Vec<&str>, u64)> = classes
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["min"].as_u64().unwrap(),
                c["max"].as_u64().unwrap(),
                c["count"].as_u64().unwrap(),
                strs(&c["communes"]),
                c["previous_count"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (5, 5, 1, vec![AN], 1),
            (3, 4, 1, vec![DONG], 1),
            (0, 2, 2, vec![BAC, CAO], 2),
        ]
    );

    let r = f["recognized"].as_array().unwrap();
    assert_eq!(r.len(), 1);
    assert_eq!(r[0]["id"], "an-binh");
    assert_eq!(r[0]["name"], AN);
    assert_eq!(r[0]["decision"], "12/QĐ-UBND");
    assert_eq!(r[0]["date"], "2020-03-15");
    assert_eq!(r[0]["by"], "UBND tỉnh Sơn Mẫu");
    assert_eq!(r[0]["criteria_met"], 5);
    assert_eq!(r[0]["criteria_met_computed"], 4);

    let findings = f["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0]["commune_id"], "an-binh");
    assert_eq!(findings[0]["commune"], AN);
    assert_eq!(findings[0]["criterion"], 3);
    assert_eq!(findings[0]["declared"], "met");
    assert_eq!(findings[0]["computed"], "not_met");
}

#[test]
fn facts_villages_distribution() {
    let f = Fixture::new().facts("2023");
    let v = &f["villages"];
    assert_eq!(v["total"], 8);
    assert_eq!(
        v["by_criteria_met"],
        serde_json::json!({"0": 1, "1": 2, "2": 3, "3": 2}),
        "an object with string keys"
    );
    assert_eq!(
        v["previous_by_criteria_met"],
        serde_json::json!({"0": 2, "1": 3, "2": 2, "3": 1})
    );
    assert_eq!(v["meeting_all"], 2);
    let by = &v["by_commune"];
    assert_eq!(column(by, "commune"), [AN, DONG, BAC, CAO]);
    assert_eq!(column(&by[0]["villages"], "id"), ["an-binh-1", "an-binh-2"]);
    assert_eq!(column(&by[1]["villages"], "name"), ["Nà Cang", "Pá Khoang"]);
    let counts: Vec<Vec<u64>> = by
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            assert_eq!(c["total"], 2);
            c["villages"]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x["criteria_met"].as_u64().unwrap())
                .collect()
        })
        .collect();
    assert_eq!(counts, [[3, 2], [2, 1], [1, 0], [3, 2]]);
    assert_eq!(nums(&by[1]["villages"][0]["met"]), [1, 3]);
    assert_eq!(
        nums(&by[3]["villages"][1]["met"]),
        [1, 3],
        "met / not_met / x"
    );
    // Counts 0–3 all fall in the band "up to 5", labelled by the counts that occur.
    assert_eq!(
        v["bands"],
        serde_json::json!([{"label": "00 - 05", "min": 0, "max": 5, "count": 8}])
    );
    for c in by.as_array().unwrap() {
        assert_eq!(c["bands"], serde_json::json!([2]));
    }
}

#[test]
fn facts_indicator_and_measure_totals() {
    let f = Fixture::new().facts("2023");
    let t = &f["indicators"];
    assert_eq!(column(t, "id"), ["1.1", "2.1", "2.2", "3.1", "4.1", "5.1"]);
    let road = find(t, "id", "1.1");
    assert_eq!(road["kind"], "ratio");
    assert_eq!(road["unit"], "km");
    assert_eq!(road["criterion"], 1);
    assert_eq!(road["comparator"], ">=");
    assert_eq!(road["numerator"], "53.8");
    assert_eq!(road["denominator"], "80");
    assert_eq!(road["percent"], "67.3", "67.25 rounds half away from zero");
    assert_eq!(strs(&road["communes_met"]), [AN, DONG]);
    assert_eq!(road["communes_reporting"], 4);

    let houses = find(t, "id", "3.1");
    assert_eq!(houses["numerator"], "9");
    assert_eq!(houses["comparator"], "==");
    assert!(houses["denominator"].is_null() && houses["percent"].is_null());
    assert_eq!(strs(&houses["communes_met"]), [BAC]);

    let income = find(t, "id", "4.1");
    assert_eq!(income["kind"], "amount");
    assert!(income["numerator"].is_null(), "amounts are rates: no sum");
    assert_eq!(income["comparator"], ">=");
    assert_eq!(strs(&income["communes_met"]), [AN, BAC]);

    for id in ["2.1", "2.2", "5.1"] {
        let x = find(t, "id", id);
        assert!(x["numerator"].is_null(), "{id}");
        assert!(x["percent"].is_null(), "{id}");
    }
    assert!(find(t, "id", "2.1")["comparator"].is_null(), "yes/no");
    assert_eq!(
        strs(&find(t, "id", "2.1")["communes_met"]),
        [AN, DONG, BAC, CAO]
    );
    assert_eq!(strs(&find(t, "id", "2.2")["communes_met"]), [AN, DONG]);
    let craft = find(t, "id", "5.1");
    assert_eq!(strs(&craft["communes_met"]), [AN, DONG, CAO]);
    assert_eq!(craft["communes_reporting"], 3, "Bắc Sơn gives no value");

    let m = f["measures"].as_array().unwrap();
    assert_eq!(m.len(), 1);
    assert_eq!(m[0]["id"], "4.ho-ngheo");
    assert_eq!(m[0]["unit"], "hộ");
    assert_eq!(m[0]["numerator"], "196");
    assert_eq!(m[0]["denominator"], "1600");
    assert_eq!(m[0]["percent"], "12.3", "12.25 rounds half away from zero");
    assert_eq!(m[0]["communes_reporting"], 4);
}

#[test]
fn facts_funding_disbursement_documents() {
    let f = Fixture::new().facts("2023");
    let fu = &f["funding"];
    assert_eq!(
        fu["total"], "2345.8",
        "exact: f64 would give 2345.7999999999997"
    );
    let s = &fu["sources"];
    assert_eq!(
        column(s, "id"),
        [
            "ntm",
            "ntm-dau-tu",
            "ntm-su-nghiep",
            "ngan-sach-tinh",
            "cong-dong"
        ]
    );
    assert_eq!(
        column(s, "amount"),
        ["2000.7", "1200.1", "800.6", "300.1", "45"]
    );
    assert_eq!(column(s, "depth"), ["0", "1", "1", "0", "0"]);
    assert!(s[0]["parent"].is_null());
    assert_eq!(s[1]["parent"], "ntm");
    let c = &fu["contributions"];
    assert_eq!(c["households"], 120);
    assert_eq!(c["land_m2"], "3500");
    assert_eq!(c["workdays"], 640);
    // Unlike every other decimal of the facts, `value` keeps the scale it was written with.
    assert_eq!(c["value"], "45.0");

    let d = &f["disbursement"];
    let percents: Vec<Option<&str>> = d["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["percent"].as_str())
        .collect();
    assert_eq!(percents, [Some("65.7"), Some("50.0"), None]);
    assert_eq!(d["items"][0]["plan"], "200");
    assert_eq!(d["items"][0]["disbursed"], "131.3");
    assert_eq!(d["items"][0]["origin"], "carried_over");
    assert_eq!(d["items"][0]["projects"], 5);
    assert!(d["items"][2]["disbursed"].is_null());
    assert_eq!(d["plan_total"], "2200.75");
    assert_eq!(d["disbursed_total"], "731.3");
    // Investment 200 + 1200.5, of which 131.3 + 600 disbursed: 52.217… % → "52.2";
    // recurrent 800.25, nothing disbursed yet.
    assert_eq!(
        d["kinds"],
        serde_json::json!([
            {"kind": "investment", "plan": "1400.5", "disbursed": "731.3", "percent": "52.2"},
            {"kind": "recurrent", "plan": "800.25", "disbursed": null, "percent": null},
        ])
    );

    let docs = &f["documents"];
    assert_eq!(column(docs, "number"), ["15/KH-UBND", "102/QĐ-UBND"]);
    assert_eq!(docs[1]["title"], "Giao chỉ tiêu, nhiệm vụ năm 2023");
    assert_eq!(docs[1]["date"], "2023-05-04");
    assert_eq!(docs[1]["kind"], "Quyết định");
}

#[test]
fn facts_plan_projection_and_outcome() {
    let f = Fixture::new().facts("2023");
    let p = &f["plan"];
    assert_eq!(p["year"], 2024);
    assert_eq!(p["income_per_capita"], "50.5");
    assert_eq!(p["ocop_products"], 3);
    assert_eq!(p["villages_to_standard"], 2);
    assert_eq!(p["criteria_to_add"], 4);
    assert_eq!(p["projected_total"], 15);
    assert_eq!(p["projected_average"], "3.75");
    let pc = &p["communes"];
    assert_eq!(
        column(pc, "id"),
        ["dong-lam", "bac-son", "cao-phong"],
        "roster order"
    );
    assert_eq!(nums(&pc[0]["register"]), [3, 4]);
    assert_eq!(nums(&pc[0]["new"]), [3, 4]);
    assert_eq!(
        (pc[0]["current"].as_u64(), pc[0]["projected"].as_u64()),
        (Some(3), Some(5))
    );
    assert_eq!(pc[0]["standard_year"], 2025);
    assert!(nums(&pc[1]["new"]).is_empty(), "criterion 3 is already met");
    assert_eq!(pc[1]["projected"], 2);
    assert!(pc[1]["standard_year"].is_null());
    assert_eq!(nums(&pc[2]["register"]), [1, 2], "sorted");
    assert_eq!(pc[2]["projected"], 3);
    let projected: Vec<(u64, Vec<&str>)> = p["projected_classes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            assert!(c["previous_count"].is_null());
            (c["count"].as_u64().unwrap(), strs(&c["communes"]))
        })
        .collect();
    assert_eq!(
        projected,
        [(2, vec![AN, DONG]), (1, vec![CAO]), (1, vec![BAC])]
    );
    assert_eq!(strs(&p["keep_standard"]), [AN]);
    assert_eq!(
        p["expected_standard"],
        serde_json::json!([{"id": "dong-lam", "name": DONG, "year": 2025}])
    );

    let o = &f["plan_outcome"];
    assert_eq!(o["planned_in"], 2022);
    assert_eq!(o["registered"], 3);
    assert_eq!(o["reached"], 1);
    assert_eq!(o["not_reached"], 2);
    let oc = &o["communes"];
    assert_eq!(column(oc, "id"), ["dong-lam", "bac-son", "cao-phong"]);
    let lists = |i: usize| -> [Vec<u64>; 4] {
        ["registered", "reached", "not_reached", "unregistered"].map(|k| nums(&oc[i][k]))
    };
    assert_eq!(lists(0), [vec![2, 3], vec![2], vec![3], vec![]]);
    assert_eq!(lists(1), [vec![], vec![], vec![], vec![3]]);
    assert_eq!(lists(2), [vec![1], vec![], vec![1], vec![]]);
}

#[test]
fn building_twice_gives_identical_bytes() {
    let a = Fixture::new();
    a.build("2023").code(0);
    let first = a.facts_bytes("2023");
    a.build("2023").code(0);
    assert_eq!(first, a.facts_bytes("2023"), "same folder, built again");
    let b = Fixture::new();
    b.build("2023").code(0);
    assert_eq!(first, b.facts_bytes("2023"), "another folder");
    assert!(first.ends_with(b"}\n"));
    // The documents written beside the facts are just as reproducible.
    assert_eq!(tree(&a.out()), tree(&b.out()));
}

#[test]
fn the_fixture_is_clean() {
    let fx = Fixture::new();
    for year in ["2022", "2023"] {
        let r = fx.check(year);
        r.code(0);
        assert_eq!(
            r.stdout,
            format!("{year}: the data is valid (4 communes)\n")
        );
    }
    let out = fx.out();
    let build = |fx: &Fixture| {
        fx.run(&[
            "--deny-warnings",
            "build",
            "2023",
            "--out",
            out.to_str().unwrap(),
        ])
    };
    // The fixture's ruleset has three thresholds not verified against an official text, and
    // the 2023 evaluation uses them all (1.1 for `dbkk` communes, 2.2, 4.1 from 2023 on):
    // the one warning of a build, and of a check, which `--deny-warnings` makes a failure.
    let strict_check = fx.run(&["--deny-warnings", "check", "2023"]);
    for r in [build(&fx), strict_check] {
        r.code(1);
        assert_eq!(r.diags().len(), 1, "{}", r.stderr);
        r.diag(
            "warning",
            "3 of the 5 thresholds the report uses are not verified against the official text",
            "rulesets/tiny-xa.toml",
        );
        assert!(r.stderr.contains("`ntm-report rules tiny-xa --unverified`"));
    }
    // Once they are checked, a strict build says nothing at all.
    let ruleset = fx.data().join("rulesets/tiny-xa.toml");
    let text = fs::read_to_string(&ruleset).unwrap();
    let checked = text.replace("verified = false", "verified = true").replace(
        "source = \"ước tính\"",
        "source = \"ước tính\"\nverified = true",
    );
    fs::write(&ruleset, checked).unwrap();
    let r = build(&fx);
    r.code(0);
    assert_eq!(r.stderr, "", "no warnings from the report stage either");
    assert!(r.stdout.starts_with("wrote "), "{}", r.stdout);
    assert!(fx.out().join("2023/facts.json").is_file());
    let leftovers: Vec<_> = fs::read_dir(fx.out()).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "no temporary folder left beside 2023");
}

#[test]
fn facts_say_which_thresholds_the_report_used_and_whether_each_is_verified() {
    let fx = Fixture::new();
    let f = fx.facts("2023");
    let r = &f["ruleset"];
    assert_eq!(r["verified"], false);
    assert_eq!(r["thresholds_used"], 5);
    assert_eq!(r["thresholds_unverified"], 3);
    let used: Vec<(String, String, bool, u64)> = r["thresholds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["indicator"].as_str().unwrap().to_string(),
                t["value"].as_str().unwrap().to_string(),
                t["verified"].as_bool().unwrap(),
                t["communes"].as_u64().unwrap(),
            )
        })
        .collect();
    // 1.1: Đông Lâm and Cao Phong are `dbkk` (60, unverified), An Bình and Bắc Sơn not (80);
    // 2.2 says nothing of its provenance (unverified); 4.1: the 2023–2025 value (45,
    // unverified) for all four; 4.1's 2022 value is not used.
    assert_eq!(
        used,
        [
            ("1.1".into(), "60".into(), false, 2),
            ("1.1".into(), "80".into(), true, 2),
            ("2.2".into(), "95".into(), false, 4),
            ("3.1".into(), "0".into(), true, 4),
            ("4.1".into(), "45".into(), false, 4),
        ]
    );
    // The village set's statuses are declared: none of its thresholds is used.
    assert_eq!(f["village_ruleset"]["thresholds_used"], 0);
}

// ---- check: broken copies ---------------------------------------------------------------

const DONG_LAM: &str = "2023/communes/dong-lam.toml";

#[test]
fn malformed_toml() {
    let fx = Fixture::new();
    fx.edit(
        DONG_LAM,
        "\"2.1\" = { met = true }",
        "\"2.1\" = { met = ture }",
    );
    let r = fx.check("2023");
    r.code(1);
    let d = r.diags();
    let syntax = d
        .iter()
        .find(|d| d.at.as_deref().is_some_and(|a| a.starts_with(DONG_LAM)))
        .unwrap_or_else(|| panic!("{}", r.stderr));
    assert_eq!(
        syntax.at.as_deref(),
        Some(format!("{DONG_LAM}:8:17").as_str()),
        "{}",
        r.stderr
    );
}

#[test]
fn misspelt_key() {
    let fx = Fixture::new();
    fx.edit(DONG_LAM, "source = ", "sourse = ");
    let r = fx.check("2023");
    r.code(1);
    r.error("unknown field `sourse`", &format!("{DONG_LAM}:4:1"));
}

#[test]
fn misspelt_key_inside_an_indicator() {
    let fx = Fixture::new();
    fx.edit(DONG_LAM, "{ numerator = 16.74", "{ numerater = 16.74");
    let r = fx.check("2023");
    r.code(1);
    r.error("unknown field `numerater`", &format!("{DONG_LAM}:7:11"));
}

#[test]
fn unknown_commune_id_with_hint() {
    let fx = Fixture::new();
    fx.edit(
        DONG_LAM,
        "commune = \"dong-lam\"",
        "commune = \"dong-lamm\"",
    );
    let r = fx.check("2023");
    r.code(1);
    let d = r.error("unknown commune `dong-lamm`", &format!("{DONG_LAM}:3:11"));
    assert_eq!(d.hint.as_deref(), Some("did you mean `dong-lam`?"));
    // …and the commune it should have described now has no data.
    let missing = r.diag(
        "error",
        "commune `dong-lam` (Đông Lâm) has no data for 2023",
        "2023/",
    );
    assert!(
        missing
            .hint
            .unwrap()
            .contains("2023/communes/dong-lam.toml")
    );
}

#[test]
fn unknown_indicator_id() {
    let fx = Fixture::new();
    fx.edit(
        DONG_LAM,
        "\"5.1\" = { met = true }",
        "\"5.11\" = { met = true }",
    );
    let r = fx.check("2023");
    r.code(1);
    let d = r.error("unknown indicator `5.11`", &format!("{DONG_LAM}:12:10"));
    assert_eq!(d.hint.as_deref(), Some("did you mean `5.1`?"));
}

#[test]
fn numerator_above_denominator() {
    let fx = Fixture::new();
    fx.edit(DONG_LAM, "numerator = 16.74", "numerator = 30");
    let r = fx.check("2023");
    r.code(1);
    r.error(
        "the numerator (30) is above the denominator (27.90)",
        &format!("{DONG_LAM}:7:9"),
    );
}

#[test]
fn percentage_over_100() {
    let fx = Fixture::new();
    fx.edit(DONG_LAM, "value = 98.70", "value = 101.5");
    let r = fx.check("2023");
    r.code(1);
    r.error(
        "a percentage cannot be over 100 (101.5)",
        &format!("{DONG_LAM}:9:9"),
    );
}

#[test]
fn negative_value() {
    let fx = Fixture::new();
    fx.edit(
        DONG_LAM,
        "\"3.1\" = { value = 4 }",
        "\"3.1\" = { value = -1 }",
    );
    let r = fx.check("2023");
    r.code(1);
    r.error(
        "indicator `3.1` cannot be negative (-1)",
        &format!("{DONG_LAM}:10:9"),
    );
}

#[test]
fn text_where_a_number_belongs() {
    let fx = Fixture::new();
    fx.edit(DONG_LAM, "value = 44.2", "value = \"bốn mươi\"");
    let r = fx.check("2023");
    r.code(1);
    let d = r.error("expected a number", &format!("{DONG_LAM}:11:19"));
    assert!(d.hint.unwrap().contains("98.70"));
}

#[test]
fn text_where_a_number_belongs_in_the_long_table() {
    let fx = Fixture::new();
    fx.edit(
        "2023/communes.csv",
        "cao-phong,4.1,44.4,,",
        "cao-phong,4.1,bốn mươi,,",
    );
    let r = fx.check("2023");
    r.code(1);
    r.error("`bốn mươi` is not a number", "2023/communes.csv:7:15");
}

#[test]
fn nonexistent_date_in_report() {
    let fx = Fixture::new();
    fx.edit("2023/report.toml", "2024-01-05", "2023-02-29");
    let r = fx.check("2023");
    r.code(1);
    let d = r.error("`2023-02-29` is not a date", "2023/report.toml:2:8");
    assert_eq!(
        d.hint.as_deref(),
        Some("write an existing date as YYYY-MM-DD")
    );
}

#[test]
fn village_attached_to_unknown_commune() {
    let fx = Fixture::new();
    fx.edit(
        "villages.csv",
        "dong-lam-2,dong-lam,Pá Khoang",
        "dong-lam-2,dong-lan,Pá Khoang",
    );
    let r = fx.check("2023");
    r.code(1);
    let d = r.error(
        "village `dong-lam-2` names an unknown commune `dong-lan`",
        "villages.csv:5:12",
    );
    assert_eq!(d.hint.as_deref(), Some("did you mean `dong-lam`?"));
}

#[test]
fn duplicate_commune_id() {
    let fx = Fixture::new();
    fx.edit("communes.csv", "cao-phong,Cao Phong,", "bac-son,Cao Phong,");
    let r = fx.check("2023");
    r.code(1);
    let d = r.error("duplicate commune id `bac-son`", "communes.csv:5:1");
    assert_eq!(d.hint.as_deref(), Some("it is already used on line 4"));
}

#[test]
fn unknown_comparator_in_ruleset() {
    let fx = Fixture::new();
    fx.edit(
        "rulesets/tiny-xa.toml",
        "comparator = \"==\"",
        "comparator = \"=\"",
    );
    let r = fx.check("2023");
    r.code(1);
    let d = r.error("unknown comparator `=`", "rulesets/tiny-xa.toml:84:14");
    assert_eq!(d.hint.as_deref(), Some("use one of >=, >, <=, <, =="));
}

#[test]
fn threshold_missing_for_the_year() {
    let fx = Fixture::new();
    fx.edit(
        "rulesets/tiny-xa.toml",
        "from_year = 2023",
        "from_year = 2024",
    );
    let r = fx.check("2023");
    r.code(1);
    for cat in ["dbkk", "thuong"] {
        r.error(
            &format!("indicator `4.1` has no threshold for 2023 (category `{cat}`)"),
            "rulesets/tiny-xa.toml:97:6",
        );
    }
    // 2022 still has its threshold.
    fx.check("2022").code(0);
}

#[test]
fn missing_year_folder() {
    let fx = Fixture::new();
    let r = fx.check("2031");
    // A year without a folder is a path that cannot be read: 2, as for a missing folder.
    r.code(2);
    let d = r.error("there is no data for 2031", "2031/");
    assert_eq!(d.hint.as_deref(), Some("years with data: 2022, 2023"));
}

#[test]
fn errors_in_the_previous_year_block_the_report_year() {
    let fx = Fixture::new();
    fx.edit(
        "2022/communes/bac-son.toml",
        "value = 41.5",
        "value = -41.5",
    );
    let r = fx.check("2023");
    r.code(1);
    r.error(
        "indicator `4.1` cannot be negative",
        "2022/communes/bac-son.toml:11:9",
    );
}

#[test]
fn every_problem_is_reported_in_one_run() {
    let fx = Fixture::new();
    fx.edit(
        DONG_LAM,
        "\"3.1\" = { value = 4 }",
        "\"3.1\" = { value = -1 }",
    )
    .edit("2023/report.toml", "2024-01-05", "2024-13-05");
    let r = fx.check("2023");
    r.code(1);
    r.error("cannot be negative", &format!("{DONG_LAM}:10:9"));
    r.error("is not a date", "2023/report.toml:2:8");
    assert!(
        r.stderr.contains("2 error(s), 0 warning(s)"),
        "{}",
        r.stderr
    );
}

// ---- build: a failure writes nothing ---------------------------------------------------

#[test]
fn failed_build_leaves_the_previous_output_untouched() {
    let fx = Fixture::new();
    fx.build("2023").code(0);
    let before = tree(&fx.out());
    assert!(before.len() > 1, "facts.json and the documents");
    fx.edit(
        DONG_LAM,
        "\"3.1\" = { value = 4 }",
        "\"3.1\" = { value = -4 }",
    );
    let r = fx.build("2023");
    r.code(1);
    r.error("cannot be negative", &format!("{DONG_LAM}:10:9"));
    let target = fx.out().join("2023");
    assert!(
        r.stderr.contains(&format!(
            "nothing was written: {} is left as it was",
            target.display()
        )),
        "{}",
        r.stderr
    );
    assert_eq!(r.stdout, "");
    assert_eq!(before, tree(&fx.out()), "byte-identical, nothing beside it");
}

/// `--out` naming the data folder would make `OUT/YEAR` the year's data: a folder that is
/// not a report this program wrote is never replaced (`output-not-a-report`, exit 2, at
/// the folder), whatever it holds; an output of an earlier build, an empty folder or none
/// at all are written as before.
#[test]
fn a_folder_that_is_not_a_report_is_never_replaced() {
    let fx = Fixture::new();
    let data = fx.data();
    let year = tree(&data.join("2023"));
    assert!(year.len() > 5, "the year's data");
    let r = fx.run(&["build", "2023", "--out", data.to_str().unwrap()]);
    r.code(2);
    r.diag(
        "error",
        "is not a report written by ntm-report",
        &data.join("2023").display().to_string(),
    );
    assert_eq!(year, tree(&data.join("2023")), "the data is as it was");
    assert!(
        fx.check("2023").stdout.contains("valid"),
        "and still checks"
    );

    // Somebody's folder of other files, with or without a file named like a report's.
    let other = fx.out().join("2023");
    fs::create_dir_all(other.join("hinh")).unwrap();
    fs::write(other.join("ghi-chu.txt"), "của tôi").unwrap();
    fs::write(other.join("hinh/facts.json"), "{}").unwrap();
    let before = tree(&fx.out());
    fx.build("2023").code(2);
    assert_eq!(before, tree(&fx.out()));

    // An empty folder, then the previous output: replaced.
    fs::remove_dir_all(&other).unwrap();
    fs::create_dir_all(&other).unwrap();
    fx.build("2023").code(0);
    assert!(other.join("facts.json").is_file());
    fx.build("2023").code(0);
}

#[test]
fn deny_warnings_on_a_report_warning_writes_nothing() {
    let fx = Fixture::new();
    fx.build("2023").code(0);
    let before = tree(&fx.out());
    fs::remove_file(fx.data().join("2023/narrative/ton-tai.md")).unwrap();
    // `check` compiles the report as `build` does: both warn about the missing fragment.
    let r = fx.run(&["--deny-warnings", "check", "2023"]);
    r.code(1);
    r.diag("warning", "no narrative for", "2023/narrative/ton-tai.md");
    let out = fx.out();
    let r = fx.run(&[
        "--deny-warnings",
        "build",
        "2023",
        "--out",
        out.to_str().unwrap(),
    ]);
    r.code(1);
    r.diag("warning", "no narrative for", "2023/narrative/ton-tai.md");
    assert_eq!(before, tree(&out), "untouched");
    // Without --deny-warnings it is only a warning.
    fx.build("2023").code(0);
    assert_ne!(before, tree(&out));
}

#[test]
fn deny_warnings_on_a_report_warning_says_nothing_was_written() {
    let fx = Fixture::new();
    fs::remove_file(fx.data().join("2023/narrative/ton-tai.md")).unwrap();
    let out = fx.out();
    let r = fx.run(&[
        "--deny-warnings",
        "build",
        "2023",
        "--out",
        out.to_str().unwrap(),
    ]);
    r.code(1);
    assert!(r.stderr.contains("nothing was written"), "{}", r.stderr);
}

// ---- input forms that must give the same facts ------------------------------------------

#[test]
fn semicolon_csv_with_decimal_commas_gives_the_same_facts() {
    let comma = Fixture::new();
    comma.build("2023").code(0);
    let semi = Fixture::new();
    // As Excel writes it in a Vietnamese locale: `;`, decimal commas, a BOM, CRLF.
    let text = semi.read("2023/communes.csv");
    let converted: String = text
        .lines()
        .map(|line| {
            let cells: Vec<String> = line
                .split(',')
                .enumerate()
                .map(|(i, c)| match i {
                    // value and denominator; item ids such as `1.1` stay as they are
                    2 | 3 => c.replace('.', ","),
                    _ => c.to_string(),
                })
                .collect();
            cells.join(";") + "\r\n"
        })
        .collect();
    assert!(converted.contains("cao-phong;1.1;10,96;20;"), "{converted}");
    assert!(converted.contains("cao-phong;4.1;44,4;;"), "{converted}");
    semi.write("2023/communes.csv", &format!("\u{feff}{converted}"));
    semi.build("2023").code(0);
    assert_eq!(comma.facts_bytes("2023"), semi.facts_bytes("2023"));
}

#[test]
fn decomposed_unicode_gives_the_same_facts() {
    use unicode_normalization::UnicodeNormalization;
    let composed = Fixture::new();
    composed.build("2023").code(0);
    let decomposed = Fixture::new();
    for rel in ["communes.csv", "villages.csv", "2023/communes.csv"] {
        let nfd: String = decomposed.read(rel).nfd().collect();
        assert_ne!(nfd, decomposed.read(rel));
        decomposed.write(rel, &nfd);
    }
    decomposed.build("2023").code(0);
    assert_eq!(composed.facts_bytes("2023"), decomposed.facts_bytes("2023"));
}

// ---- diagnostics as JSON ---------------------------------------------------------------

#[test]
fn message_format_json_prints_one_object_per_diagnostic() {
    let fx = Fixture::new();
    fx.edit(
        DONG_LAM,
        "\"3.1\" = { value = 4 }",
        "\"3.1\" = { value = -4 }",
    )
    .edit("2023/report.toml", "2024-01-05", "2024-02-30");
    let r = fx.run(&["--message-format", "json", "check", "2023"]);
    r.code(1);
    let mut objects: Vec<Value> = r
        .stderr
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l:?}")))
        .collect();
    assert_eq!(objects.len(), 3, "{}", r.stderr);
    // The last line is the summary record.
    let summary = objects.pop().unwrap();
    assert_eq!(summary["code"], "summary");
    assert_eq!(
        (summary["errors"].as_u64(), summary["warnings"].as_u64()),
        (Some(2), Some(0))
    );
    for o in &objects {
        let mut keys: Vec<&str> = o.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            ["code", "col", "file", "hint", "line", "message", "severity"]
        );
        assert_eq!(o["severity"], "error");
    }
    // Sorted by file, then line.
    assert_eq!(objects[0]["file"], DONG_LAM);
    assert_eq!(
        (objects[0]["line"].as_u64(), objects[0]["col"].as_u64()),
        (Some(10), Some(9))
    );
    assert_eq!(
        objects[0]["message"],
        "indicator `3.1` cannot be negative (-4)"
    );
    assert_eq!(objects[1]["file"], "2023/report.toml");
    assert_eq!(objects[1]["line"], 2);
    assert_eq!(objects[1]["hint"], "write an existing date as YYYY-MM-DD");
}

#[test]
fn message_format_json_build_failure_prints_only_json() {
    let fx = Fixture::new();
    fx.edit(
        DONG_LAM,
        "\"3.1\" = { value = 4 }",
        "\"3.1\" = { value = -4 }",
    );
    let out = fx.out();
    let r = fx.run(&[
        "--message-format",
        "json",
        "build",
        "2023",
        "--out",
        out.to_str().unwrap(),
    ]);
    r.code(1);
    for l in r.stderr.lines() {
        assert!(serde_json::from_str::<Value>(l).is_ok(), "not JSON: {l:?}");
    }
}

// ---- warnings ---------------------------------------------------------------------------

#[test]
fn deny_warnings_turns_a_warning_into_failure() {
    let fx = Fixture::new();
    fx.rename(
        "2023/communes/bac-son.toml",
        "2023/communes/bac-son-2023.toml",
    );
    let r = fx.check("2023");
    r.code(0);
    r.diag(
        "warning",
        "this file is named `bac-son-2023.toml` but describes `bac-son`",
        "2023/communes/bac-son-2023.toml:2:11",
    );
    // With the fixture's one warning (`unverified-thresholds`).
    assert!(
        r.stderr.contains("0 error(s), 2 warning(s)"),
        "{}",
        r.stderr
    );

    let r = fx.run(&["--deny-warnings", "check", "2023"]);
    r.code(1);
    r.diag(
        "warning",
        "but describes `bac-son`",
        "2023/communes/bac-son-2023.toml:2:11",
    );

    let out = fx.out();
    let r = fx.run(&[
        "--deny-warnings",
        "build",
        "2023",
        "--out",
        out.to_str().unwrap(),
    ]);
    r.code(1);
    assert!(r.stderr.contains("nothing was written"), "{}", r.stderr);
    assert!(!out.join("2023").exists());
}

#[test]
fn a_criterion_without_any_status_is_a_warning() {
    let fx = Fixture::new();
    fx.edit(
        "2023/communes/bac-son.toml",
        "not_met = [5]",
        "not_met = []",
    );
    let r = fx.check("2023");
    r.code(0);
    // At the commune's own file, where its data was given.
    r.diag(
        "warning",
        "Bắc Sơn: criterion 5 has neither a declared status nor complete indicator values",
        "2023/communes/bac-son.toml:2:11",
    );
    fx.run(&["--deny-warnings", "check", "2023"]).code(1);
}

#[test]
fn criteria_without_status_are_one_warning_per_commune_in_number_order_at_the_table_row() {
    let fx = Fixture::new();
    // Cao Phong's data is in the long table: drop the values of criteria 2 and 4 (neither
    // has a declared status there), so that both have no status.
    let table = fx.read("2023/communes.csv");
    let kept: Vec<&str> = table
        .lines()
        .filter(|l| {
            let item = l.split(',').nth(1).unwrap_or("");
            !(l.starts_with("cao-phong,") && ["2.1", "2.2", "4.1"].contains(&item))
        })
        .collect();
    fx.write("2023/communes.csv", &(kept.join("\n") + "\n"));
    let r = fx.check("2023");
    r.code(0);
    let d = r.diag(
        "warning",
        "Cao Phong: 2 criteria (2, 4) have neither a declared status nor complete indicator values",
        "2023/communes.csv:2:1",
    );
    assert!(d.message.contains("counted as not met"));
    assert_eq!(
        r.stderr.matches("neither a declared status").count(),
        1,
        "{}",
        r.stderr
    );
}

#[test]
fn many_warnings_of_one_kind_show_the_first_ten_and_a_count() {
    let fx = Fixture::new();
    for i in 0..13 {
        fx.write(&format!("2023/narrative/ghi-chu-{i:02}.txt"), "x");
    }
    let r = fx.check("2023");
    r.code(0);
    let shown = r.diags().iter().filter(|d| d.severity == "warning").count();
    // Ten, and the fixture's one warning of another kind (`unverified-thresholds`).
    assert_eq!(shown, 11, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("… and 3 more warning(s) `ignored-file` like those above"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("0 error(s), 14 warning(s)"),
        "{}",
        r.stderr
    );
    // The JSON form lists every one.
    let json = fx.run(&["--message-format", "json", "check", "2023"]);
    assert_eq!(json.stderr.matches("\"ignored-file\"").count(), 13);
}

// ---- rules ------------------------------------------------------------------------------

#[test]
fn rules_prints_a_ruleset_file_as_a_table() {
    let fx = Fixture::new();
    let r = fx.raw(&["--lang", "vi", "rules", "rulesets/tiny-xa.toml"]);
    r.code(0);
    let out = &r.stdout;
    assert!(out.contains("chỉ tiêu loại"), "{out}");
    assert!(
        out.contains("* chưa đối chiếu với văn bản chính thức"),
        "{out}"
    );
    // In English, the table's own words are English; the ruleset's text stays as written.
    let en = fx
        .raw(&["--lang", "en", "rules", "rulesets/tiny-xa.toml"])
        .stdout;
    assert!(en.contains(">= 60* (all years) [dbkk]"), "{en}");
    assert!(en.contains(">= 45* (2023–2025)"), "{en}");
    assert!(
        en.contains("* not checked against the official text"),
        "{en}"
    );
    assert!(en.contains("   1. Giao thông"), "{en}");
    assert!(
        out.starts_with("tiny-xa — Bộ tiêu chí xã thử nghiệm\n"),
        "{out}"
    );
    assert!(
        out.contains("Quyết định số 1/QĐ-TEST (không có thật)"),
        "{out}"
    );
    for needle in [
        "I. Hạ tầng",
        "II. Kinh tế",
        "   1. Giao thông",
        "   5. Tổ chức sản xuất",
        ">= 60* (mọi năm) [dbkk]",
        ">= 80 (mọi năm)",
        "== 0 (mọi năm)",
        ">= 40 (2022)",
        ">= 45* (2023–2025)",
        "(nếu có)",
    ] {
        assert!(out.contains(needle), "{needle:?} missing from\n{out}");
    }
    let order: Vec<usize> = ["1.1", "2.1", "2.2", "3.1", "4.1", "5.1"]
        .iter()
        .map(|id| out.find(&format!("      {id} ")).expect(id))
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "ruleset order");
}

#[test]
fn rules_unverified_lists_the_unchecked_thresholds() {
    let fx = Fixture::new();
    let en = fx.raw(&[
        "--lang",
        "en",
        "rules",
        "--unverified",
        "rulesets/tiny-xa.toml",
    ]);
    assert!(en.stdout.contains("4 unverified"), "{}", en.stdout);
    let r = fx.raw(&[
        "--lang",
        "vi",
        "rules",
        "--unverified",
        "rulesets/tiny-xa.toml",
    ]);
    r.code(0);
    let lines: Vec<&str> = r.stdout.lines().filter(|l| l.starts_with("  ")).collect();
    assert_eq!(lines.len(), 4, "{}", r.stdout);
    assert!(
        lines[0].contains("1.1") && lines[0].contains(">= 60 (mọi năm) [dbkk]"),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].contains("2.2")
            && lines[1].contains(">= 95")
            && lines[1].contains("nguồn: ước tính")
    );
    assert!(
        lines[2].contains("4.1")
            && lines[2].contains(">= 45 (2023–2025)")
            && lines[2].contains("nguồn: dự kiến")
    );
    assert!(lines[3].contains("5.1") && lines[3].contains("yes_no"));
    assert!(r.stdout.contains("4 ngưỡng chưa đối chiếu"), "{}", r.stdout);
    assert!(
        !r.stdout.contains(">= 80"),
        "verified thresholds are not listed"
    );
}

#[test]
fn rules_lists_the_2026_national_set_with_what_it_lacks() {
    let fx = Fixture::new();
    let r = fx.raw(&["--lang", "vi", "rules", "quoc-gia-xa-51-2025"]);
    r.code(0);
    let out = &r.stdout;
    let names = [
        "Quy hoạch",
        "Hạ tầng kinh tế - xã hội",
        "Phát triển kinh tế nông thôn",
        "Đào tạo nguồn nhân lực nông thôn",
        "Văn hóa, giáo dục, y tế",
        "Giảm nghèo và an sinh xã hội",
        "Khoa học công nghệ và chuyển đổi số",
        "Môi trường và cảnh quan nông thôn",
        "Xây dựng hệ thống chính trị và hành chính công",
        "Tiếp cận pháp luật và an ninh, quốc phòng",
    ];
    let at: Vec<usize> = names
        .iter()
        .enumerate()
        .map(|(i, n)| out.find(&format!("{:>4}. {n}\n", i + 1)).expect(n))
        .collect();
    assert!(
        at.windows(2).all(|w| w[0] < w[1]),
        "criteria in order:\n{out}"
    );
    assert!(
        out.contains("Quyết định số 51/2025/QĐ-TTg ngày 29/12/2025"),
        "{out}"
    );
    for group in [
        "do-thi-hoa — Xã nhóm 1",
        "con-lai — Xã nhóm 2",
        "dtts-mien-nui-kv2-3 — Xã nhóm 3",
    ] {
        assert!(out.contains(group), "{group} missing from\n{out}");
    }
    assert!(
        out.contains("văn bản chính thức có 47 chỉ tiêu; tệp này có 0"),
        "{out}"
    );
    assert!(
        out.contains("tiêu chí chưa có chỉ tiêu") && out.contains("1, 2, 3, 4, 5, 6, 7, 8, 9, 10"),
        "{out}"
    );
    // --unverified says the same: nothing of the official indicators is in the file.
    let en = fx.raw(&[
        "--lang",
        "en",
        "rules",
        "--unverified",
        "quoc-gia-xa-51-2025",
    ]);
    en.code(0);
    assert!(
        en.stdout
            .contains("the official text has 47 indicators; this file has 0"),
        "{}",
        en.stdout
    );
    assert!(
        en.stdout.contains("criteria with no indicator"),
        "{}",
        en.stdout
    );
    assert!(
        en.stdout.contains("Chưa xác minh"),
        "the note is printed: {}",
        en.stdout
    );
    // Every built-in is listed by `rules` alone, the skeleton marked as one.
    let all = fx.raw(&["--lang", "en", "rules"]);
    all.code(0);
    assert!(
        all.stdout.contains("quoc-gia-xa-51-2025 — "),
        "{}",
        all.stdout
    );
    let skeleton = all
        .stdout
        .find("quoc-gia-xa-hien-dai-51-2025 — ")
        .expect(&all.stdout);
    assert!(
        all.stdout[skeleton..].contains("skeleton: no criterion"),
        "{}",
        all.stdout
    );
    // A set with every indicator of its text says nothing of missing ones.
    let tiny = fx
        .raw(&["--lang", "en", "rules", "rulesets/tiny-xa.toml"])
        .stdout;
    assert!(!tiny.contains("the official text has"), "{tiny}");
}

#[test]
fn rules_unknown_ruleset_is_a_usage_error() {
    let fx = Fixture::new();
    let r = fx.raw(&["rules", "no-such-ruleset"]);
    r.code(2);
    assert!(
        r.stderr
            .contains("`no-such-ruleset` is neither a built-in ruleset nor a readable file"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("= help: built-in rulesets:"),
        "{}",
        r.stderr
    );
    assert_eq!(r.stdout, "");
}

#[test]
fn rules_invalid_ruleset_file_is_invalid_data() {
    let fx = Fixture::new();
    fx.edit(
        "rulesets/tiny-xa.toml",
        "kind = \"count\"\nunit = \"nhà\"",
        "kind = \"cout\"\nunit = \"nhà\"",
    );
    let r = fx.raw(&["rules", "rulesets/tiny-xa.toml"]);
    r.code(1);
    let d = r.error(
        "unknown indicator kind `cout`",
        "rulesets/tiny-xa.toml:82:8",
    );
    assert_eq!(d.hint.as_deref(), Some("did you mean `count`?"));
}

// ---- usage ------------------------------------------------------------------------------

#[test]
fn usage_errors_exit_2_and_help_exits_0() {
    let fx = Fixture::new();
    let r = fx.raw(&[]);
    r.code(2);
    assert!(r.stderr.contains("Usage:"), "{}", r.stderr);
    fx.raw(&["build"]).code(2);
    fx.raw(&["build", "twenty"]).code(2);
    fx.raw(&["check", "2023", "--bogus"]).code(2);
    fx.raw(&["frobnicate"]).code(2);
    fx.raw(&["--message-format", "xml", "check", "2023"])
        .code(2);
    let r = fx.raw(&["--help"]);
    r.code(0);
    for word in ["build", "check", "rules", "--message-format", "--lang"] {
        assert!(
            r.stdout.contains(word),
            "{word} missing from --help:\n{}",
            r.stdout
        );
    }
    // The options of the commands that read data are shown with them.
    let r = fx.raw(&["build", "--help"]);
    r.code(0);
    for word in ["--data", "--deny-warnings", "--templates", "--out"] {
        assert!(r.stdout.contains(word), "{word} missing:\n{}", r.stdout);
    }
    let r = fx.raw(&["--version"]);
    r.code(0);
    assert!(r.stdout.starts_with("ntm-report "), "{}", r.stdout);
}

#[test]
fn a_missing_data_folder_is_a_usage_error() {
    let fx = Fixture::new();
    for command in [
        &["check", "2023"][..],
        &["build", "2023"],
        &["init", "2024"],
    ] {
        let mut args = vec!["--data", "no-such-folder"];
        args.extend_from_slice(command);
        let r = fx.raw(&args);
        r.code(2);
        r.error("the data folder does not exist", "no-such-folder");
        let mut args = vec!["--lang", "vi", "--message-format", "json"];
        args.extend_from_slice(&["--data", "no-such-folder"]);
        args.extend_from_slice(command);
        let r = fx.raw(&args);
        r.code(2);
        let first: Value = serde_json::from_str(r.stderr.lines().next().unwrap()).unwrap();
        assert_eq!(first["code"], "missing-data-folder", "{}", r.stderr);
        assert_eq!(first["message"], "không có thư mục dữ liệu này");
        assert_eq!(first["file"], "no-such-folder");
    }
}

// ---- known bugs in src/ (see the report) --------------------------------------------------

#[test]
fn default_classes_hold_each_commune_once() {
    let fx = Fixture::new();
    let text = fx.read("ntm.toml");
    let cut = text.find("[[classes]]").unwrap();
    fx.write("ntm.toml", &text[..cut]);
    let f = fx.facts("2023");
    let total: u64 = f["classes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["count"].as_u64().unwrap())
        .sum();
    assert_eq!(
        total, 4,
        "each commune in exactly one class: {}",
        f["classes"]
    );
}

#[test]
fn a_ruleset_outside_its_years_is_reported() {
    let fx = Fixture::new();
    fx.edit(
        "rulesets/tiny-xa.toml",
        "valid_to = 2025",
        "valid_to = 2022",
    );
    let r = fx.check("2023");
    assert!(
        r.diags().iter().any(|d| d.message.contains("2023")),
        "applying a 2022-only ruleset to 2023 passes silently:\n{}{}",
        r.stdout,
        r.stderr
    );
}

#[test]
fn a_bad_measure_denominator_in_the_long_table_is_an_error() {
    let fx = Fixture::new();
    fx.edit(
        "2023/communes.csv",
        "cao-phong,4.ho-ngheo,87,360,",
        "cao-phong,4.ho-ngheo,87,ba trăm,",
    );
    let r = fx.check("2023");
    r.code(1);
}

#[test]
fn csv_locations_point_at_the_offending_cell() {
    let fx = Fixture::new();
    fx.edit(
        "villages.csv",
        "dong-lam-2,dong-lam,Pá Khoang",
        "dong-lam-2,dong,Pá Khoang",
    );
    let r = fx.check("2023");
    r.code(1);
    r.error(
        "village `dong-lam-2` names an unknown commune `dong`",
        "villages.csv:5:12",
    );
}

#[test]
fn a_criterion_written_with_a_leading_zero_is_still_a_duplicate() {
    let fx = Fixture::new();
    // bac-son.toml declares criterion 5 not met; the long table now says met.
    let csv = fx.read("2023/communes.csv") + "bac-son,05,đạt,,\n";
    fx.write("2023/communes.csv", &csv);
    let r = fx.check("2023");
    r.code(1);
    r.error("is given twice for this commune", "2023/communes.csv:10:9");
}

#[test]
fn a_measure_percentage_follows_its_percent_decimals() {
    let fx = Fixture::new();
    fx.edit(
        "rulesets/tiny-xa.toml",
        "unit = \"hộ\"\nkind = \"ratio\"",
        "unit = \"hộ\"\nkind = \"ratio\"\npercent_decimals = 2",
    );
    let f = fx.facts("2023");
    assert_eq!(f["measures"][0]["percent"], "12.25");
}

#[test]
fn build_prints_each_warning_once() {
    let fx = Fixture::new();
    fx.rename(
        "2023/communes/bac-son.toml",
        "2023/communes/bac-son-2023.toml",
    );
    let r = fx.build("2023");
    r.code(0);
    // The renamed file, and the fixture's unverified thresholds: each once.
    assert_eq!(r.diags().len(), 2, "{}", r.stderr);
    assert_eq!(r.stderr.matches("not verified").count(), 1, "{}", r.stderr);
    assert_eq!(r.stderr.matches("2 warning(s)").count(), 1, "{}", r.stderr);
}

// ---- check and build agree ----------------------------------------------------------------

/// `check` and `build` make the same library call: on every data folder of the project and
/// each of its years, with `--deny-warnings`, they exit alike and print the same problems.
#[test]
fn check_and_build_report_the_same_problems_on_every_example() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut folders = vec![root.join("data")];
    let mut examples: Vec<PathBuf> = fs::read_dir(root.join("examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("ntm.toml").is_file())
        .collect();
    examples.sort();
    folders.extend(examples);
    let out = TempDir::new().unwrap();
    let mut compared = 0;
    for data in &folders {
        let mut years: Vec<String> = fs::read_dir(data)
            .unwrap()
            .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<i32>().ok())
            .map(|y| y.to_string())
            .collect();
        years.sort();
        for year in &years {
            let run = |args: &[&str]| {
                let o = Command::new(BIN)
                    .args([
                        "--lang",
                        "en",
                        "--message-format",
                        "json",
                        "--deny-warnings",
                    ])
                    .arg("--data")
                    .arg(data)
                    .args(args)
                    .output()
                    .unwrap();
                let problems: Vec<Value> = String::from_utf8(o.stderr)
                    .unwrap()
                    .lines()
                    .map(|l| serde_json::from_str::<Value>(l).unwrap())
                    .filter(|v| v["severity"] != "note")
                    .collect();
                (o.status.code(), problems)
            };
            let check = run(&["check", year]);
            let build = run(&["build", year, "--out", out.path().to_str().unwrap()]);
            assert_eq!(check, build, "{} {year}", data.display());
            compared += 1;
        }
    }
    assert!(compared >= 5, "data 2022 and 2023, the examples' years");
}
