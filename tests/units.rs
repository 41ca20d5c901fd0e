//! A folder of units: every unit's report and the summary over them, whose every figure
//! is the sum of the units' own facts; units that are broken or disagree stop the build
//! and are named by their folder.

mod common;

use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_ntm-report");

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A folder of two units: the shipped Phong Thổ data and the Tam Đường example.
fn units_folder(dir: &Path, ntm: &str) -> PathBuf {
    let data = dir.join("units");
    common::copy_dir(&root().join("data"), &data.join("phong-tho"));
    common::copy_dir(
        &root().join("examples/tam-duong-mini"),
        &data.join("tam-duong"),
    );
    std::fs::write(data.join("ntm.toml"), ntm).unwrap();
    data
}

const TWO: &str = r#"
[summary]
name = "Tỉnh Lai Châu"

[[units]]
id = "phong-tho"

[[units]]
id = "tam-duong"
path = "./tam-duong/"
"#;

fn dec(v: &Value) -> rust_decimal::Decimal {
    match v {
        Value::String(s) => s.parse().unwrap(),
        Value::Number(n) => n.to_string().parse().unwrap(),
        Value::Null => rust_decimal::Decimal::ZERO,
        other => panic!("not an amount: {other}"),
    }
}

#[test]
fn every_unit_is_built_and_the_summary_adds_up() {
    let tmp = tempfile::tempdir().unwrap();
    let data = units_folder(tmp.path(), TWO);
    let out = tmp.path().join("out");
    let (code, err) = common::run_en(&data, &["build", "2023", "--out", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    // Warnings are located in the unit's own folder.
    assert!(err.contains("--> tam-duong/2023/narrative/"), "{err}");
    let year = out.join("2023");
    // Each unit's outputs are those of its own build.
    let single = tmp.path().join("single");
    let (code, err) = common::run_en(
        &data.join("phong-tho"),
        &["build", "2023", "--out", single.to_str().unwrap()],
    );
    assert_eq!(code, 0, "{err}");
    for f in [
        "facts.json",
        "bao-cao-ntm-2023.md",
        "phu-bieu/phu-bieu-02a.md",
        "hinh/so-xa-dat-tieu-chi.svg",
    ] {
        let a = std::fs::read(year.join("phong-tho").join(f)).unwrap();
        let b = std::fs::read(single.join("2023").join(f)).unwrap();
        assert!(a == b, "{f} differs from the unit's own build");
    }
    for f in [
        "tong-hop-2023.md",
        "tong-hop-2023.docx",
        "tong-hop-2023.xlsx",
        "hinh/so-xa-theo-don-vi.svg",
    ] {
        assert!(year.join("tong-hop").join(f).is_file(), "{f}");
    }
    let summary = common::json(&year.join("tong-hop/facts.json"));
    let units: Vec<Value> = ["phong-tho", "tam-duong"]
        .iter()
        .map(|u| common::json(&year.join(u).join("facts.json")))
        .collect();
    totals_are_sums_of_rows(&summary);
    totals_are_sums_of_unit_facts(&summary, &units);
    let md = std::fs::read_to_string(year.join("tong-hop/tong-hop-2023.md")).unwrap();
    assert!(md.contains("| huyện Tam Đường |"), "{md}");
    assert!(
        md.contains("chưa xác minh"),
        "provenance reaches the summary"
    );
}

/// Every figure of the total is the sum of the same figure over the units' rows.
fn totals_are_sums_of_rows(s: &Value) {
    let total = s["total"].as_object().unwrap();
    let rows: Vec<&Value> = s["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| &u["tally"])
        .collect();
    assert_eq!(rows.len(), 2);
    for (key, t) in total {
        if key == "average_criteria_per_commune" {
            continue;
        }
        match t {
            Value::Array(items) => {
                for (i, x) in items.iter().enumerate() {
                    let sum: u64 = rows.iter().map(|r| r[key][i].as_u64().unwrap()).sum();
                    assert_eq!(x.as_u64().unwrap(), sum, "{key}[{i}]");
                }
            }
            _ => {
                let sum: rust_decimal::Decimal = rows.iter().map(|r| dec(&r[key])).sum();
                assert_eq!(dec(t), sum, "{key}");
            }
        }
    }
}

/// The totals, read against the units' own facts.json (not the summary's rows).
fn totals_are_sums_of_unit_facts(s: &Value, units: &[Value]) {
    let t = &s["total"];
    let sum = |f: &dyn Fn(&Value) -> u64| units.iter().map(f).sum::<u64>();
    let len = |v: &Value| v.as_array().map_or(0, |a| a.len() as u64);
    assert_eq!(
        t["communes"].as_u64().unwrap(),
        sum(&|u| len(&u["communes"]))
    );
    assert_eq!(
        t["recognized"].as_u64().unwrap(),
        sum(&|u| len(&u["recognized"]))
    );
    assert_eq!(
        t["total_criteria_met"].as_u64().unwrap(),
        sum(&|u| u["total_criteria_met"].as_u64().unwrap())
    );
    assert_eq!(
        t["villages"].as_u64().unwrap(),
        sum(&|u| u["villages"]["total"].as_u64().unwrap_or(0))
    );
    for (i, c) in s["criteria"].as_array().unwrap().iter().enumerate() {
        let n = c["number"].as_u64().unwrap();
        let by_unit = sum(&|u| {
            let cs = u["criteria"].as_array().unwrap();
            cs.iter()
                .find(|x| x["number"] == n)
                .map_or(0, |x| len(&x["communes_met"]))
        });
        assert_eq!(t["criteria"][i].as_u64().unwrap(), by_unit, "criterion {n}");
    }
    for (i, label) in s["classes"].as_array().unwrap().iter().enumerate() {
        let by_unit = sum(&|u| {
            let cs = u["classes"].as_array().unwrap();
            cs.iter()
                .find(|x| &x["label"] == label)
                .map_or(0, |x| len(&x["communes"]))
        });
        assert_eq!(t["classes"][i].as_u64().unwrap(), by_unit, "class {label}");
    }
    let amount = |f: &dyn Fn(&Value) -> &Value| {
        units
            .iter()
            .map(|u| dec(f(u)))
            .sum::<rust_decimal::Decimal>()
    };
    assert_eq!(dec(&t["funding"]), amount(&|u| &u["funding"]["total"]));
    assert_eq!(
        dec(&t["disbursement_plan"]),
        amount(&|u| &u["disbursement"]["plan_total"])
    );
    assert_eq!(
        dec(&t["disbursed"]),
        amount(&|u| &u["disbursement"]["disbursed_total"])
    );
    let communes = t["communes"].as_u64().unwrap();
    let avg = rust_decimal::Decimal::from(t["total_criteria_met"].as_u64().unwrap())
        / rust_decimal::Decimal::from(communes);
    assert_eq!(dec(&t["average_criteria_per_commune"]), avg.round_dp(2));
}

#[test]
fn a_broken_unit_is_named_by_its_folder_and_nothing_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let data = units_folder(tmp.path(), TWO);
    let table = data.join("tam-duong/2023/communes.csv");
    let text = std::fs::read_to_string(&table).unwrap();
    std::fs::write(
        &table,
        text.replacen("binh-lu,15,đạt", "binh-lu,15,dat?", 1),
    )
    .unwrap();
    let out = tmp.path().join("out");
    let (code, err) = common::run_en(&data, &["build", "2023", "--out", out.to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("--> tam-duong/2023/communes.csv:3:"), "{err}");
    assert!(!out.join("2023").exists(), "nothing is written");
    let (code, err) = common::run_en(&data, &["check", "2023"]);
    assert_eq!(code, 1);
    assert!(err.contains("tam-duong/2023/communes.csv:3:"), "{err}");
}

/// One folder under two units would have its communes summed twice: by the same path,
/// by another spelling of it, or through a symbolic link, it is `unit-folder-shared` at the
/// second unit's line, and nothing is written. The folder of units itself as a unit is
/// `nested-units`.
#[test]
fn one_folder_is_never_two_units() {
    let tmp = tempfile::tempdir().unwrap();
    let cases = [
        (
            "[[units]]\nid = \"tam-duong-2\"\npath = \"tam-duong\"\n",
            "unit-folder-shared",
            14,
        ),
        (
            "[[units]]\nid = \"tam-duong-2\"\npath = \"./tam-duong//\"\n",
            "unit-folder-shared",
            14,
        ),
        ("[[units]]\nid = \"lien-ket\"\n", "unit-folder-shared", 13),
        (
            "[[units]]\nid = \"ca-tinh\"\npath = \".\"\n",
            "nested-units",
            14,
        ),
    ];
    for (i, (more, code, line)) in cases.iter().enumerate() {
        let dir = tmp.path().join(i.to_string());
        let data = units_folder(&dir, &format!("{TWO}\n{more}"));
        #[cfg(unix)]
        std::os::unix::fs::symlink(data.join("tam-duong"), data.join("lien-ket")).unwrap();
        let out = dir.join("out");
        let (got, err) = common::run_en(
            &data,
            &[
                "--message-format",
                "json",
                "build",
                "2023",
                "--out",
                out.to_str().unwrap(),
            ],
        );
        if cfg!(not(unix)) && *code == "unit-folder-shared" && more.contains("lien-ket") {
            continue;
        }
        assert_eq!(got, 1, "{more}: {err}");
        let line_of = |l: &str| serde_json::from_str::<Value>(l).ok();
        let found = err
            .lines()
            .filter_map(line_of)
            .find(|d| d["code"] == *code)
            .unwrap_or_else(|| panic!("{more}: {err}"));
        assert_eq!(found["line"], json!(line), "{found}");
        assert!(!out.join("2023").exists(), "nothing is written");
    }
    // Two different folders are two units, links or not.
    let dir = tmp.path().join("fine");
    let data = units_folder(&dir, TWO);
    let (got, err) = common::run_en(&data, &["check", "2023"]);
    assert_eq!(got, 0, "{err}");
}

/// `init YEAR` on a folder of units starts every unit's year from its own year before, and
/// the folder then checks; a unit without the year before is named in its folder and
/// nothing is written to any unit.
#[test]
fn init_starts_every_units_year() {
    let tmp = tempfile::tempdir().unwrap();
    let data = units_folder(tmp.path(), TWO);
    let (code, err) = common::run_en(&data, &["init", "2024"]);
    assert_eq!(code, 0, "{err}");
    for unit in ["phong-tho", "tam-duong"] {
        let year = data.join(unit).join("2024");
        assert!(year.join("report.toml").is_file(), "{unit}");
        assert!(year.join("funding.toml").is_file(), "{unit}");
    }
    let count = |dir: &str| std::fs::read_dir(data.join(dir)).unwrap().count();
    assert_eq!(
        count("phong-tho/2024/communes"),
        count("phong-tho/2023/communes"),
        "a file per commune"
    );
    assert!(!data.join("2024").exists(), "nothing at the top");
    let o = Command::new(common::BIN)
        .args(["--lang", "en", "--data"])
        .arg(&data)
        .args(["check", "2024"])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        said.contains("2024: the data is valid (19 communes)"),
        "{said}"
    );

    // Tam Đường has no 2022: init 2023 names its folder and writes nothing, not even
    // Phong Thổ's (which has 2022).
    std::fs::remove_dir_all(data.join("phong-tho/2023")).unwrap();
    let (code, err) = common::run_en(&data, &["init", "2023"]);
    assert_eq!(
        code, 2,
        "a year before that is missing is a path that cannot be read: {err}"
    );
    assert!(err.contains("--> tam-duong/2022/"), "{err}");
    assert!(!data.join("phong-tho/2023").exists(), "nothing is written");
}

#[test]
fn units_named_wrongly_are_errors_at_their_line() {
    let tmp = tempfile::tempdir().unwrap();
    let cases: [(&str, &str, i32); 5] = [
        (
            "[[units]]\nid = \"phong-tho\"\n[[units]]\nid = \"phong-tho\"\n",
            "duplicate-unit",
            1,
        ),
        (
            "[[units]]\nid = \"x\"\npath = \"../elsewhere\"\n",
            "unit-path-outside",
            1,
        ),
        (
            "[[units]]\nid = \"x\"\npath = \"/etc\"\n",
            "unit-path-outside",
            1,
        ),
        ("[[units]]\nid = \"Phong Thổ\"\n", "bad-unit-id", 1),
        ("[[units]]\nid = \"lai-chau\"\n", "missing-unit-folder", 2),
    ];
    for (i, (units, code, exit)) in cases.iter().enumerate() {
        let dir = tmp.path().join(i.to_string());
        let data = units_folder(&dir, &format!("[summary]\nname = \"T\"\n\n{units}"));
        let (got, err) = common::run_en(&data, &["--message-format", "json", "check", "2023"]);
        assert_eq!(got, *exit, "{units}: {err}");
        assert!(
            err.contains(&format!("\"code\":\"{code}\"")),
            "{units}: {err}"
        );
        assert!(err.contains("\"file\":\"ntm.toml\""), "{err}");
        assert!(err.contains("\"line\":"), "{err}");
    }
}

#[test]
fn nested_folders_of_units_and_other_rulesets_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let data = units_folder(
        tmp.path(),
        "[summary]\nname = \"T\"\n\n[[units]]\nid = \"inner\"\n",
    );
    std::fs::create_dir_all(data.join("inner")).unwrap();
    std::fs::write(data.join("inner/ntm.toml"), TWO).unwrap();
    let (code, err) = common::run_en(&data, &["check", "2023"]);
    assert_eq!(code, 1);
    assert!(err.contains("is itself a folder of units"), "{err}");

    let data = units_folder(&tmp.path().join("b"), TWO);
    // Tam Đường on a ruleset of its own: the same criteria, another id.
    let rules = std::fs::read_to_string(root().join("data/rulesets/lai-chau-xa-1285.toml"))
        .unwrap()
        .replacen("id = \"lai-chau-xa-1285\"", "id = \"tam-duong-xa\"", 1);
    std::fs::write(data.join("tam-duong/tam-duong-xa.toml"), rules).unwrap();
    let ntm = data.join("tam-duong/ntm.toml");
    let text = std::fs::read_to_string(&ntm).unwrap();
    let text = text.replace("\"lai-chau-xa-1285\"", "\"tam-duong-xa.toml\"");
    std::fs::write(&ntm, text).unwrap();
    let (code, err) = common::run_en(&data, &["check", "2023"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("unit `tam-duong` is evaluated with ruleset `tam-duong-xa`"),
        "{err}"
    );
    assert!(err.contains("--> tam-duong/ntm.toml"), "{err}");
}

/// The synthetic generator's folder of units (built beside the binary: `cargo test` builds
/// the examples), checked by the independent script; an altered total is caught.
#[test]
fn the_synthetic_units_add_up_by_the_independent_script() {
    if !common::on_path("python3") {
        assert!(!common::in_ci(), "python3 is needed in CI");
        return;
    }
    let synth = Path::new(BIN).parent().unwrap().join("examples/synth");
    assert!(
        synth.is_file(),
        "{} (cargo test builds the examples)",
        synth.display()
    );
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("national");
    let args = [
        "--units",
        "4",
        "--communes",
        "30",
        "--villages-per-commune",
        "5",
    ];
    let made = Command::new(&synth)
        .args(args)
        .arg("--out")
        .arg(&data)
        .output()
        .unwrap();
    assert!(made.status.success());
    let out = tmp.path().join("out");
    let (code, err) = common::run_en(
        &data,
        &["--quiet", "build", "2023", "--out", out.to_str().unwrap()],
    );
    assert_eq!(code, 0, "{err}");
    let year = out.join("2023");
    for u in ["tinh-01", "tinh-02", "tinh-03", "tinh-04", "tong-hop"] {
        assert!(year.join(u).join("facts.json").is_file(), "{u}");
    }
    let script = root().join("scripts/check-summary.py");
    let check = |dir: &Path| {
        Command::new("python3")
            .arg(&script)
            .arg(dir)
            .output()
            .unwrap()
    };
    let ok = check(&year);
    let said = String::from_utf8_lossy(&ok.stdout).into_owned();
    assert!(ok.status.success(), "{said}");
    assert!(
        said.contains("4 units") && said.contains("0 differences"),
        "{said}"
    );
    // One total off by one: the script says which.
    let path = year.join("tong-hop/facts.json");
    let mut s = common::json(&path);
    let v = s["total"]["villages"].as_u64().unwrap();
    s["total"]["villages"] = Value::from(v + 1);
    std::fs::write(&path, serde_json::to_string(&s).unwrap()).unwrap();
    let bad = check(&year);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stdout).contains("total: villages"));
}
