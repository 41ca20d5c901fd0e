//! The published JSON Schemas (`docs/schema/`) against the real outputs: facts.json of every
//! year of every example, `diff --format json` between them, and the lines of stderr with
//! `--message-format json`. An output changed without its schema fails here; so do
//! deliberately broken outputs, so that the schemas are known to check something.

mod common;

use common::schema::Schema;
use ntm_report::diagnostic::Message;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

const BIN: &str = env!("CARGO_BIN_EXE_ntm-report");

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every data folder shipped with the program: `data/`, each folder of `examples/` with an
/// `ntm.toml`, and the hand-worked fixture of `tests/cli.rs`.
fn data_folders() -> Vec<PathBuf> {
    let mut out = vec![root().join("data")];
    let mut examples: Vec<PathBuf> = std::fs::read_dir(root().join("examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("ntm.toml").is_file())
        .collect();
    examples.sort();
    out.extend(examples);
    out.push(root().join("tests/fixtures/tiny"));
    out
}

/// The year folders of a data folder, ascending.
fn years(dir: &Path) -> Vec<i32> {
    let mut years: Vec<i32> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| {
            let e = e.unwrap();
            let name = e.file_name().into_string().ok()?;
            (e.path().is_dir() && name.len() == 4)
                .then(|| name.parse().ok())
                .flatten()
        })
        .collect();
    years.sort_unstable();
    years
}

/// The facts of one year of one data folder, through the library's build.
fn facts(dir: &Path, year: i32) -> ntm_report::facts::Facts {
    common::checked(dir, year).facts
}

/// Every year of every data folder, with its facts, made once; then the shipped 2023 with
/// the statuses and classes no example uses: a criterion declared cơ bản đạt, one không
/// đánh giá, and a class over statuses.
fn all_facts() -> &'static [(String, ntm_report::facts::Facts)] {
    static ALL: OnceLock<Vec<(String, ntm_report::facts::Facts)>> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut out = Vec::new();
        for dir in data_folders() {
            for year in years(&dir) {
                let name = format!("{}/{year}", dir.strip_prefix(root()).unwrap().display());
                out.push((name, facts(&dir, year)));
            }
        }
        let tmp = tempfile::tempdir().unwrap();
        common::copy_dir(&root().join("data"), tmp.path());
        let file = tmp.path().join("2023/communes/muong-so.toml");
        let text = std::fs::read_to_string(&file).unwrap();
        let edited = text.replace(
            "met = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19]\nnot_met = []",
            "met = [1, 2, 3, 4, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19]\nnot_met = []\n\
             basically_met = [5]\nnot_assessed = [6]",
        );
        assert_ne!(edited, text, "the line to edit is in muong-so.toml");
        std::fs::write(&file, edited).unwrap();
        let config = tmp.path().join("ntm.toml");
        let ntm = std::fs::read_to_string(&config).unwrap();
        let classes = [("19 tiêu chí", "", 19, 19), ("ở mức cơ bản", "counts = [\"met\", \"basically_met\", \"not_assessed\"]\n", 19, 19), ("dưới 19", "", 0, 18)]
            .iter()
            .map(|(label, counts, min, max)| {
                format!("\n[[classes]]\nlabel = \"{label}\"\n{counts}min = {min}\nmax = {max}\n")
            })
            .collect::<String>();
        std::fs::write(&config, format!("{ntm}{classes}")).unwrap();
        out.push(("data/2023, other statuses".into(), facts(tmp.path(), 2023)));
        // A build above the detail limit: appendix 02a in the workbook only.
        let files = ntm_report::load::DataDir::new(root().join("data"));
        let input = ntm_report::compile::Input::new(&files, 2023).with_detail_limit(15);
        let moved = ntm_report::compile::compile(&input).output.unwrap().facts;
        assert!(moved.appendix_02a_moved.is_some());
        out.push(("data/2023, 02a in the workbook".into(), moved));
        out
    })
}

fn facts_json(f: &ntm_report::facts::Facts) -> Value {
    serde_json::from_slice(&ntm_report::render::json::facts(f)).expect("facts.json is JSON")
}

#[test]
fn every_example_is_covered() {
    let names: Vec<&str> = all_facts().iter().map(|(n, _)| n.as_str()).collect();
    for want in [
        "data/2022",
        "data/2023",
        "examples/tam-duong-mini/2023",
        "examples/lai-chau-province/2024",
        "examples/lai-chau-province/2025",
        "examples/lai-chau-province/2026",
        "tests/fixtures/tiny/2023",
    ] {
        assert!(names.contains(&want), "{want} not among {names:?}");
    }
}

#[test]
fn facts_json_of_every_example_matches_its_schema() {
    for (name, f) in all_facts() {
        Schema::Facts.check(&facts_json(f), &format!("facts.json of {name}"));
    }
}

/// The schemas say which version they describe; it is the one the program writes.
#[test]
fn the_schemas_describe_the_versions_written() {
    let version = |s: Schema| s.json()["properties"]["schema_version"]["const"].clone();
    assert_eq!(
        version(Schema::Facts),
        json!(ntm_report::facts::SCHEMA_VERSION)
    );
    assert_eq!(
        version(Schema::Diff),
        json!(ntm_report::diff::SCHEMA_VERSION)
    );
    assert_eq!(
        version(Schema::DiffUnits),
        json!(ntm_report::diff::SCHEMA_VERSION)
    );
    for s in [
        Schema::Facts,
        Schema::Diff,
        Schema::Diagnostics,
        Schema::DiffUnits,
    ] {
        let id = s.json()["$id"].as_str().unwrap();
        let v = match s {
            Schema::Facts => ntm_report::facts::SCHEMA_VERSION,
            Schema::Diff | Schema::DiffUnits => ntm_report::diff::SCHEMA_VERSION,
            Schema::Diagnostics => ntm_report::diagnostic::SCHEMA_VERSION,
        };
        assert!(id.ends_with(&format!(":{v}")), "{}: $id {id}", s.file());
    }
}

/// Every field a schema declares is written by some example (none is dead), and every
/// nullable field is seen with a value in some example, so its type is checked too.
#[test]
fn the_examples_exercise_every_field_of_the_facts_schema() {
    fn walk(v: &Value, path: String, seen: &mut std::collections::BTreeSet<String>) {
        match v {
            Value::Object(m) => {
                for (k, x) in m {
                    // The keys of `by_criteria_met` are counts, not fields.
                    let k = if k.parse::<u32>().is_ok() { "#" } else { k };
                    let p = format!("{path}.{k}");
                    if !x.is_null() {
                        seen.insert(p.clone());
                    }
                    walk(x, p, seen);
                }
            }
            Value::Array(a) => a.iter().for_each(|x| walk(x, format!("{path}[]"), seen)),
            _ => {}
        }
    }
    let mut seen = Default::default();
    for (_, f) in all_facts() {
        walk(&facts_json(f), String::new(), &mut seen);
    }
    // A projected class has no previous count: it is always null.
    seen.insert(".plan.projected_classes[].previous_count".into());
    let schema = Schema::Facts.json();
    let mut declared = Default::default();
    fields(schema, schema, String::new(), &mut declared);
    // The village set's statuses are declared, so it uses no thresholds (docs/facts.md); its
    // entries have the type of the commune set's, which the examples give.
    let unseen: Vec<&String> = declared
        .iter()
        .filter(|p| {
            !seen.contains(*p)
                && !p.starts_with(".village_ruleset.thresholds[].")
                && !p.starts_with(".village_ruleset.criteria_without_indicators")
                && !p.starts_with(".village_ruleset.official_indicators")
                // The programme's components are the commune set's: a village set has none.
                && !p.starts_with(".village_ruleset.components[]")
                // A level's set has the type of the commune set's, whose thresholds and
                // components the examples give; the province example's nâng cao set has
                // no indicator. Villages at a level are evaluated on a copy of
                // tam-duong-mini (`tests/levels.rs`).
                && !p.starts_with(".level_results[].ruleset.thresholds[]")
                && !p.starts_with(".level_results[].ruleset.components[]")
                && !p.starts_with(".level_results[].ruleset.criteria_without_indicators")
                && !p.starts_with(".level_results[].ruleset.official_indicators")
                && p.as_str() != ".level_results[].registered[].commune"
        })
        .collect();
    assert!(
        unseen.is_empty(),
        "never given a value by an example: {unseen:?}"
    );
}

/// The field paths a schema declares (`.communes[].criteria`), following `$ref`s.
fn fields(root: &Value, node: &Value, path: String, out: &mut std::collections::BTreeSet<String>) {
    if let Some(r) = node["$ref"].as_str() {
        let target = root
            .pointer(r.trim_start_matches('#'))
            .expect("a known $ref");
        return fields(root, target, path, out);
    }
    for branch in node["anyOf"].as_array().into_iter().flatten() {
        fields(root, branch, path.clone(), out);
    }
    if let Some(props) = node["properties"].as_object() {
        for (k, sub) in props {
            let p = format!("{path}.{k}");
            out.insert(p.clone());
            fields(root, sub, p, out);
        }
    }
    if node["items"].is_object() {
        fields(root, &node["items"], format!("{path}[]"), out);
    }
    if node["additionalProperties"].is_object() {
        let p = format!("{path}.#");
        out.insert(p.clone());
        fields(root, &node["additionalProperties"], p, out);
    }
}

/// Changes a copy of `v` at a JSON pointer.
fn altered(v: &Value, pointer: &str, f: impl FnOnce(&mut Value)) -> Value {
    let mut v = v.clone();
    f(v.pointer_mut(pointer)
        .unwrap_or_else(|| panic!("no {pointer}")));
    v
}

fn removed(v: &Value, pointer: &str) -> Value {
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    altered(v, parent, |p| {
        p.as_object_mut().unwrap().remove(key).expect("present");
    })
}

#[test]
fn a_broken_facts_json_fails() {
    let good = facts_json(
        &all_facts()
            .iter()
            .find(|(n, _)| n == "data/2023")
            .unwrap()
            .1,
    );
    assert!(Schema::Facts.errors(&good).is_empty());
    let set = |pointer: &str, to: Value| altered(&good, pointer, |x| *x = to);
    let broken = [
        ("a field missing", removed(&good, "/year")),
        (
            "a field added",
            set("", {
                let mut g = good.clone();
                g["total"] = json!(1);
                g
            }),
        ),
        ("another version", set("/schema_version", json!(3))),
        (
            "a count as a string",
            set("/communes/0/criteria_met", json!("19")),
        ),
        (
            "a decimal as a JSON number",
            set("/ruleset/thresholds/0/value", json!(100)),
        ),
        (
            "a decimal with a comma",
            set("/ruleset/thresholds/0/value", json!("2,5")),
        ),
        (
            "a decimal with trailing zeros",
            set("/ruleset/thresholds/0/value", json!("100.00")),
        ),
        (
            "a status unknown",
            set("/communes/0/criteria/0/status", json!("yes")),
        ),
        (
            "a date that is not ISO",
            set("/report/date", json!("20/12/2023")),
        ),
        (
            "a null that may not be",
            set("/communes/0/criteria/0/status", Value::Null),
        ),
        (
            "a comparator unknown",
            set("/ruleset/thresholds/0/comparator", json!("=>")),
        ),
        (
            "names not strings",
            set("/criteria/0/communes_met", json!([1, 2])),
        ),
        (
            "a deep field added",
            altered(&good, "/communes/0/indicators/0", |x| {
                x["note"] = json!("");
            }),
        ),
        (
            "appendix 02a moved without its sheet",
            set("", {
                let mut g = good.clone();
                g["appendix_02a_moved"] =
                    json!({"communes": 16, "limit": 15, "workbook": "phu-bieu-2023.xlsx"});
                g
            }),
        ),
        (
            "appendix 02a moved as a flag",
            set("", {
                let mut g = good.clone();
                g["appendix_02a_moved"] = json!(true);
                g
            }),
        ),
    ];
    for (what, v) in broken {
        assert!(
            !Schema::Facts.errors(&v).is_empty(),
            "facts.json with {what} passes the schema"
        );
    }
}

/// The diffs the examples give: each year of a folder against the next and the other way
/// round, each year against itself (no difference), and across folders (communes added and
/// removed, different rulesets).
fn all_diffs() -> Vec<(String, Value)> {
    let all = all_facts();
    let mut out = Vec::new();
    let mut push = |a: &(String, ntm_report::facts::Facts),
                    b: &(String, ntm_report::facts::Facts)| {
        let d = ntm_report::diff::diff(&a.1, &b.1).with_labels(&a.0, &b.0);
        let text = ntm_report::diff::render_json(&d);
        let v = serde_json::from_str(&text).expect("diff --format json is JSON");
        out.push((format!("{} → {}", a.0, b.0), v));
    };
    for pair in all.windows(2) {
        let folder = |n: &str| n.rsplit_once('/').unwrap().0.to_string();
        if folder(&pair[0].0) == folder(&pair[1].0) {
            push(&pair[0], &pair[1]);
            push(&pair[1], &pair[0]);
        }
    }
    for x in all {
        push(x, x);
    }
    push(&all[0], &all[all.len() - 1]);
    let mini = all.iter().find(|(n, _)| n.contains("tam-duong")).unwrap();
    let province = all.iter().find(|(n, _)| n.contains("2025")).unwrap();
    push(mini, province);
    out
}

#[test]
fn diff_json_between_the_examples_matches_its_schema() {
    let diffs = all_diffs();
    let non_empty = diffs
        .iter()
        .filter(|(_, v)| !v["communes"].as_array().unwrap().is_empty())
        .count();
    assert!(non_empty >= 5, "the examples differ: {non_empty}");
    for (name, v) in &diffs {
        Schema::Diff.check(v, &format!("diff --format json of {name}"));
    }
    // Each kind of commune entry and the optional parts are exercised.
    let all: Vec<&Value> = diffs.iter().map(|(_, v)| v).collect();
    for presence in ["changed", "added", "removed"] {
        assert!(
            all.iter().any(|v| v["communes"]
                .as_array()
                .unwrap()
                .iter()
                .any(|c| c["presence"] == presence)),
            "no {presence} commune"
        );
    }
    assert!(all.iter().any(|v| !v["villages"].is_null()));
    assert!(all.iter().any(|v| !v["funding"].is_null()));
    assert!(all.iter().any(|v| {
        v["funding"]["sources"]
            .as_array()
            .is_some_and(|s| !s.is_empty())
    }));
}

#[test]
fn a_broken_diff_json_fails() {
    let diffs = all_diffs();
    let good = &diffs
        .iter()
        .find(|(n, _)| n == "data/2022 → data/2023")
        .unwrap()
        .1;
    assert!(Schema::Diff.errors(good).is_empty());
    let broken = [
        ("a field missing", removed(good, "/total_criteria_met")),
        (
            "a presence unknown",
            altered(good, "/communes/0/presence", |x| *x = json!("moved")),
        ),
        (
            "an average as a number",
            altered(good, "/average_criteria_per_commune/after", |x| {
                *x = json!(11.06)
            }),
        ),
        (
            "a change without its before",
            removed(good, "/communes/0/criteria_met/before"),
        ),
        (
            "a field added",
            altered(good, "/a", |x| x["path"] = json!("data")),
        ),
    ];
    for (what, v) in broken {
        assert!(
            !Schema::Diff.errors(&v).is_empty(),
            "diff JSON with {what} passes the schema"
        );
    }
}

/// The codes the diagnostics schema lists are exactly the catalogue's.
#[test]
fn the_diagnostics_schema_lists_every_code() {
    let listed: std::collections::BTreeSet<&str> =
        Schema::Diagnostics.json()["$defs"]["diagnostic"]["properties"]["code"]["enum"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap())
            .collect();
    let catalogue: std::collections::BTreeSet<&str> =
        Message::examples().iter().map(Message::code).collect();
    let missing: Vec<&&str> = catalogue.difference(&listed).collect();
    let extra: Vec<&&str> = listed.difference(&catalogue).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "docs/schema/diagnostics.schema.json: codes missing {missing:?}, not in the catalogue {extra:?}"
    );
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str]) -> Run {
    let o = Command::new(BIN)
        .args(args)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .output()
        .expect("the binary runs");
    Run {
        code: o.status.code().expect("exited normally"),
        stdout: String::from_utf8(o.stdout).unwrap(),
        stderr: String::from_utf8(o.stderr).unwrap(),
    }
}

/// Every line of stderr parsed and checked against the diagnostics schema.
fn stream(r: &Run, what: &str) -> Vec<Value> {
    r.stderr
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l)
                .unwrap_or_else(|e| panic!("{what}: a line of stderr is not JSON ({e}): {l:?}"));
            Schema::Diagnostics.check(&v, &format!("{what}: {l}"));
            v
        })
        .collect()
}

#[test]
fn the_json_stream_of_builds_and_checks_matches_its_schema() {
    let tmp = tempfile::tempdir().unwrap();
    let data = root().join("data");
    let data = data.to_str().unwrap();
    let out = tmp.path().join("out");
    let out = out.to_str().unwrap();
    for lang in ["en", "vi"] {
        let args = ["--message-format", "json", "--lang", lang, "--data", data];
        let build = [&args[..], &["build", "2023", "--out", out]].concat();
        let r = run(&build);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let lines = stream(&r, "build");
        assert!(lines.iter().any(|l| l["code"] == "unverified-thresholds"));
        let denied = [
            &args[..],
            &["--deny-warnings", "build", "2023", "--out", out],
        ]
        .concat();
        let r = run(&denied);
        assert_eq!(r.code, 1, "{}", r.stderr);
        let lines = stream(&r, "build --deny-warnings");
        assert!(lines.iter().any(|l| l["code"] == "nothing-written"));
        let r = run(&[&args[..], &["check", "2023"]].concat());
        assert_eq!(r.code, 0, "{}", r.stderr);
        stream(&r, "check");
        assert!(r.stdout.contains("2023"));
    }
}
