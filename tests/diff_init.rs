//! `diff` and `init` through the library API (the command line is wired separately):
//! the shipped Phong Thổ data (`data/`) and the hand-made fixture `tests/fixtures/tiny`.

mod common;
use common::copy_dir;

use ntm_report::compile::{self, Checked};
use ntm_report::diagnostic::Diagnostics;
use ntm_report::diff::{self, Change, Presence};
use ntm_report::facts::{Facts, Status};
use ntm_report::load::DataDir;
use ntm_report::scaffold;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

fn manifest(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// Every file under `root`, by relative path, with its bytes.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path.strip_prefix(root).unwrap().to_path_buf();
                out.insert(rel, fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(root, root, &mut out);
    out
}

/// A year's checked data and facts, through the library's build, with its diagnostics.
fn dataset(root: &Path, year: i32) -> (Option<Checked>, Diagnostics) {
    let built = compile::facts(&DataDir::new(root), year);
    (built.output, built.diagnostics)
}

fn facts(root: &Path, year: i32) -> Facts {
    common::checked(root, year).facts
}

/// Runs `init` into `root` and returns what was created.
fn init(root: &Path, year: i32) -> Vec<(String, bool)> {
    let plan = scaffold::plan_init(&DataDir::new(root), year).unwrap();
    scaffold::write_new(root, &plan).unwrap()
}

#[test]
fn diff_of_the_shipped_years() {
    let data = manifest("data");
    let d = diff::diff(&facts(&data, 2022), &facts(&data, 2023));
    let gained: Vec<(&str, &[u32])> = d
        .communes
        .iter()
        .map(|c| (c.name.as_str(), c.gained.as_slice()))
        .collect();
    assert_eq!(
        gained,
        [
            ("Lản Nhì Thàng", &[9, 15][..]),
            ("Nậm Xe", &[8][..]),
            ("Bản Lang", &[5, 14, 15][..]),
            ("Vàng Ma Chải", &[13][..]),
            ("Mồ Sì San", &[13][..]),
        ]
    );
    let c5 = d.criteria.iter().find(|c| c.number == 5).unwrap();
    assert_eq!(c5.count, Change::new(Some(8), Some(9)));
    assert_eq!(c5.gained, ["Bản Lang"]);
    let c13 = d.criteria.iter().find(|c| c.number == 13).unwrap();
    assert_eq!(c13.gained, ["Vàng Ma Chải", "Mồ Sì San"]);
    let average = &d.average_criteria_per_commune;
    assert_eq!(
        (average.before.to_string(), average.after.to_string()),
        ("10.56".to_string(), "11.06".to_string())
    );
    // Every count change is explained by the names gained and lost.
    for c in &d.criteria {
        let (before, after) = (c.count.before.unwrap(), c.count.after.unwrap());
        assert_eq!(
            after as i64 - before as i64,
            c.gained.len() as i64 - c.lost.len() as i64
        );
    }

    let text = diff::render_text(&d, ntm_report::diagnostic::Lang::Vi, false);
    assert!(text.contains("Bản Lang: +5 +14 +15 (9 → 12)"), "{text}");
    let json: serde_json::Value = serde_json::from_str(&diff::render_json(&d)).unwrap();
    assert_eq!(json["schema_version"], 2);
    assert_eq!(json["criteria"][0]["number"], 5);
    assert_eq!(json["total_criteria_met"]["before"], 169);
    assert_eq!(json["total_criteria_met"]["after"], 177);

    // Same bytes every time.
    let again = diff::diff(&facts(&data, 2022), &facts(&data, 2023));
    assert_eq!(diff::render_json(&d), diff::render_json(&again));
    assert_eq!(diff::render_markdown(&d), diff::render_markdown(&again));
}

#[test]
fn a_year_against_itself() {
    let data = manifest("data");
    let f = facts(&data, 2023);
    let d = diff::diff(&f, &f);
    assert!(d.is_empty());
    assert!(d.communes.is_empty() && d.criteria.is_empty());
    let json: serde_json::Value = serde_json::from_str(&diff::render_json(&d)).unwrap();
    assert_eq!(json["communes"], serde_json::json!([]));
}

#[test]
fn diff_of_two_folders() {
    let tmp = tempfile::tempdir().unwrap();
    let new = tmp.path().join("new");
    copy_dir(&manifest("data"), &new);
    let file = new.join("2023/communes/ban-lang.toml");
    let text = fs::read_to_string(&file).unwrap();
    let edited = text
        .replace(
            "met = [1, 3, 4, 5, 7, 8, 12, 14, 15, 16, 18, 19]",
            "met = [1, 3, 4, 5, 7, 8, 14, 15, 16, 18, 19]",
        )
        .replace(
            "not_met = [2, 6, 9, 10, 11, 13, 17]",
            "not_met = [2, 6, 9, 10, 11, 12, 13, 17]",
        );
    assert_ne!(text, edited, "the fixture line is still there");
    fs::write(&file, edited).unwrap();

    let d =
        diff::diff(&facts(&manifest("data"), 2023), &facts(&new, 2023)).with_labels("data", "new");
    assert_eq!(d.communes.len(), 1);
    let c = &d.communes[0];
    assert_eq!((c.id.as_str(), c.presence), ("ban-lang", Presence::Changed));
    assert_eq!(c.lost, [12]);
    assert_eq!(c.criteria_met, Change::new(Some(12), Some(11)));
    assert_eq!(d.criteria.len(), 1);
    assert_eq!(d.criteria[0].count, Change::new(Some(7), Some(6)));
    assert_eq!(d.criteria[0].lost, ["Bản Lang"]);
    assert_eq!(d.total_criteria_met, Change::new(177, 176));
    let text = diff::render_text(&d, ntm_report::diagnostic::Lang::Vi, false);
    assert!(text.contains("data → new"), "{text}");
    assert!(text.contains("Bản Lang: -12 (12 → 11)"), "{text}");
    assert!(
        text.contains("TC 12 Lao động: 7 → 6 (- Bản Lang)"),
        "{text}"
    );
}

#[test]
fn init_2024_from_the_shipped_data() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("data");
    copy_dir(&manifest("data"), &root);

    let created = init(&root, 2024);
    assert!(created.iter().all(|(_, new)| *new), "{created:?}");
    let paths: Vec<&str> = created.iter().map(|(p, _)| p.as_str()).collect();
    for expected in [
        "2024/report.toml",
        "2024/communes/ban-lang.toml",
        "2024/villages.csv",
        "2024/funding.toml",
        "2024/disbursement.toml",
        "2024/plan.toml",
        "2024/narrative/tuyen-truyen.md",
        "2024/narrative/giai-phap.md",
    ] {
        assert!(paths.contains(&expected), "{expected} in {paths:?}");
    }
    assert_eq!(
        paths
            .iter()
            .filter(|p| p.starts_with("2024/communes/"))
            .count(),
        16
    );

    // The new year validates.
    let (ds, diags) = dataset(&root, 2024);
    assert!(!diags.has_errors(), "{:#?}", diags.sorted());
    let Checked {
        dataset: ds,
        facts: f2024,
    } = ds.expect("2024 validates");

    // Declared statuses are 2023's official ones.
    let f2023 = facts(&root, 2023);
    for (i, c) in f2023.communes.iter().enumerate() {
        for cr in &c.criteria {
            let declared = ds.current.communes[i].declared.get(&cr.number);
            assert_eq!(
                declared.map(|d| d.status),
                Some(cr.status),
                "{} criterion {}",
                c.name,
                cr.number
            );
            assert_eq!(
                declared.and_then(|d| d.source.as_deref()),
                Some("Chuyển từ năm 2023 — cần xác nhận")
            );
        }
    }
    // So nothing changed between 2023 and the new 2024, commune by commune…
    let d = diff::diff(&f2023, &f2024);
    assert!(d.communes.is_empty() && d.criteria.is_empty(), "{d:#?}");
    // … and villages carried over too.
    assert_eq!(
        f2023.villages.as_ref().unwrap().by_criteria_met,
        f2024.villages.as_ref().unwrap().by_criteria_met
    );

    let report = fs::read_to_string(root.join("2024/report.toml")).unwrap();
    assert!(report.contains("number = \"…/BC-UBND\""), "{report}");
    assert!(report.contains("date = \"2025-01-05\""), "{report}");
    let commune = fs::read_to_string(root.join("2024/communes/ban-lang.toml")).unwrap();
    assert!(
        commune.starts_with(
            "# Trạng thái chuyển từ năm 2023: cần xác nhận lại (carried over from 2023, to be confirmed)\n"
        ),
        "{commune}"
    );
    assert!(commune.contains("# \"2.2\" = { numerator = \"\", denominator = \"\" }"));
    assert!(commune.contains("# 2023: 15.60 / 21.30"), "{commune}");
    for (name, _) in ntm_report::narrative::FRAGMENTS {
        let text = fs::read_to_string(root.join(format!("2024/narrative/{name}.md"))).unwrap();
        assert!(ntm_report::narrative::is_blank(&text), "{name}: {text}");
    }

    // Running init again creates nothing and changes no byte.
    let before = snapshot(&root);
    let again = init(&root, 2024);
    assert!(again.iter().all(|(_, new)| !*new), "{again:?}");
    assert_eq!(again.len(), created.len());
    assert_eq!(before, snapshot(&root));
}

#[test]
fn a_blank_left_in_an_uncommented_line_is_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("data");
    copy_dir(&manifest("data"), &root);
    init(&root, 2024);
    let file = root.join("2024/communes/ban-lang.toml");
    let text = fs::read_to_string(&file).unwrap();
    let line = text
        .lines()
        .find(|l| l.starts_with("# \"10.1\" = "))
        .unwrap()
        .to_string();
    let uncommented = line.trim_start_matches("# ").to_string();
    fs::write(&file, text.replace(&line, &uncommented)).unwrap();
    let (_, diags) = dataset(&root, 2024);
    assert!(diags.has_errors(), "an empty value must not pass silently");
    assert!(
        diags
            .sorted()
            .iter()
            .any(|d| d.file.as_deref() == Some("2024/communes/ban-lang.toml")),
        "{:#?}",
        diags.sorted()
    );
}

#[test]
fn init_on_the_tiny_fixture() {
    // Cao Phong's 2023 data is in the long table `2023/communes.csv`: it gets a TOML file.
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("data");
    copy_dir(&manifest("tests/fixtures/tiny"), &root);
    init(&root, 2024);
    let (ds, diags) = dataset(&root, 2024);
    assert!(!diags.has_errors(), "{:#?}", diags.sorted());
    let ds = ds.unwrap().dataset;
    let (prev, _) = dataset(&root, 2023);
    let prev = prev.unwrap().dataset;
    for (i, c) in ds.communes.iter().enumerate() {
        let now: Vec<(u32, Status)> = ds.current.communes[i]
            .declared
            .iter()
            .map(|(n, d)| (*n, d.status))
            .collect();
        let was: Vec<(u32, Status)> = prev.current.communes[i]
            .declared
            .iter()
            .map(|(n, d)| (*n, d.status))
            .collect();
        assert_eq!(now, was, "{}", c.id);
    }
    assert!(root.join("2024/communes/cao-phong.toml").exists());
}

#[test]
fn init_keeps_a_long_commune_table() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("data");
    copy_dir(&manifest("tests/fixtures/tiny"), &root);
    fs::create_dir_all(root.join("2024")).unwrap();
    fs::write(
        root.join("2024/communes.csv"),
        "commune,item,value,denominator,source\n",
    )
    .unwrap();
    let plan = scaffold::plan_init(&DataDir::new(&root), 2024).unwrap();
    assert!(
        plan.iter().all(|(p, _)| !p.starts_with("2024/communes/")),
        "no commune files beside an existing long table"
    );
}

#[test]
fn init_needs_a_valid_previous_year() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("data");
    copy_dir(&manifest("tests/fixtures/tiny"), &root);
    let text = |e: Diagnostics| {
        let e = e.sorted();
        assert_eq!(e.len(), 1, "{e:?}");
        e[0].render(ntm_report::diagnostic::Lang::En)
    };
    let e = text(scaffold::plan_init(&DataDir::new(&root), 2026).unwrap_err());
    assert!(e.contains("`2025/` does not exist"), "{e}");
    fs::write(root.join("2023/report.toml"), "number = 1\n").unwrap();
    let e = text(scaffold::plan_init(&DataDir::new(&root), 2024).unwrap_err());
    assert!(e.contains("error(s)"), "{e}");
    assert!(!root.join("2024").exists(), "nothing is written on failure");
}

// ---- the commands, as a user runs them ----------------------------------------------------

fn run(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_ntm-report"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

#[test]
fn diff_command_text_json_and_exit_codes() {
    let o = run(&["diff", "2022", "2023"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "without --exit-code, differences are not a failure"
    );
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.contains("Bản Lang: +5 +14 +15 (9 → 12)"), "{text}");
    assert!(text.contains("Nậm Xe: +8 (9 → 10)"), "{text}");
    assert!(
        !text.contains('\u{1b}'),
        "no colour when stdout is not a terminal"
    );

    let o = run(&["diff", "2022", "2023", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("--format json parses");
    assert!(v.is_object());

    let md = run(&["diff", "2022", "2023", "--format", "md"]);
    assert!(
        String::from_utf8(md.stdout).unwrap().contains('|'),
        "Markdown tables"
    );

    assert_eq!(
        run(&["diff", "2022", "2023", "--exit-code"]).status.code(),
        Some(1)
    );
    assert_eq!(
        run(&["diff", "2023", "2023", "--exit-code"]).status.code(),
        Some(0)
    );
    assert_eq!(
        run(&["diff", "2023", "2031", "--exit-code"]).status.code(),
        Some(2),
        "trouble is 2"
    );
}

#[test]
fn init_command_then_check_accepts_the_new_year() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&manifest("data"), tmp.path());
    let data = tmp.path().to_str().unwrap();
    let o = run(&["--data", data, "init", "2024"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let said = String::from_utf8(o.stdout).unwrap();
    assert!(
        said.contains("2024/communes/muong-so.toml"),
        "prints what it created: {said}"
    );
    let check = run(&["--data", data, "check", "2024"]);
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    let err = String::from_utf8_lossy(&check.stderr);
    assert!(
        !err.lines().any(|l| l.starts_with("error")),
        "warnings only: {err}"
    );
    assert!(err.contains("0 error(s)"), "{err}");
    let before = snapshot(tmp.path());
    assert!(run(&["--data", data, "init", "2024"]).status.success());
    assert_eq!(
        snapshot(tmp.path()),
        before,
        "a second init changes nothing"
    );
}

/// Across the merger of 1 July 2025 the province example's communes are compared with 2024
/// carried onto them, worked out here from `lineage.toml` and 2024 by its old communes: a
/// criterion met in 2024 only where every old commune met it.
#[test]
fn diff_across_a_merger_compares_with_the_old_communes_carried() {
    let root = manifest("examples/lai-chau-province");
    let (a, b) = (facts(&root, 2024), facts(&root, 2025));
    let d = diff::diff(&a, &b);
    let lineage: toml::Value =
        toml::from_str(&fs::read_to_string(root.join("lineage.toml")).unwrap()).unwrap();
    let ids = |v: Option<&toml::Value>| -> Vec<String> {
        v.and_then(|v| v.as_array())
            .map(|a| a.iter().map(|x| x.as_str().unwrap().to_string()).collect())
            .unwrap_or_default()
    };
    let met_2024 = |id: &str, n: u32| {
        a.communes
            .iter()
            .find(|c| c.id == id)
            .unwrap()
            .criteria
            .iter()
            .any(|k| k.number == n && k.status == Status::Met)
    };
    assert!(d.communes.iter().all(|c| c.presence != Presence::Removed));
    assert_eq!(d.old_communes.len(), a.communes.len());
    let mut merged = 0;
    for m in lineage["merger"].as_array().unwrap() {
        let into = m["into"].as_str().unwrap();
        let mut old = ids(m.get("whole"));
        old.extend(ids(m.get("part")));
        let c = d
            .communes
            .iter()
            .find(|c| c.id == into)
            .unwrap_or_else(|| panic!("{into} listed"));
        assert_eq!(c.presence, Presence::Merged, "{into}");
        let listed: Vec<&str> = c.predecessors.iter().map(|p| p.id.as_str()).collect();
        let mut want: Vec<&str> = old.iter().map(String::as_str).collect();
        let mut got = listed.clone();
        want.sort_unstable();
        got.sort_unstable();
        assert_eq!(got, want, "{into}");
        let before = a
            .criteria
            .iter()
            .filter(|k| old.iter().all(|o| met_2024(o, k.number)))
            .count() as u32;
        assert_eq!(c.criteria_met.before, Some(before), "{into}");
        for o in &old {
            let oc = d.old_communes.iter().find(|x| x.id == *o).unwrap();
            assert!(oc.into.contains(&c.name), "{o} went into {}", c.name);
        }
        merged += 1;
    }
    assert_eq!(merged, 9);
    // The criteria's counts before are the carried ones, over the 9 communes.
    for k in &d.criteria {
        let before = b
            .communes
            .iter()
            .filter(|c| {
                let pred: Vec<&str> = d
                    .communes
                    .iter()
                    .find(|x| x.id == c.id)
                    .map(|x| x.predecessors.iter().map(|p| p.id.as_str()).collect())
                    .unwrap_or_default();
                !pred.is_empty() && pred.iter().all(|p| met_2024(p, k.number))
            })
            .count();
        assert_eq!(k.count.before, Some(before), "criterion {}", k.number);
    }
    let json: serde_json::Value = serde_json::from_str(&diff::render_json(&d)).unwrap();
    assert_eq!(json["schema_version"], 2);
    assert_eq!(json["communes"][0]["presence"], "merged");
    // The text form names the old communes and, on request, where each went.
    let vi = ntm_report::diagnostic::Lang::Vi;
    let text = diff::render_text(&d.clone().showing_old_communes(true), vi, false);
    assert!(
        text.contains("Khổng Lào (gồm: Hoang Thèn, Bản Lang, Khổng Lào)"),
        "{text}"
    );
    assert!(text.contains("Nùng Nàng: 13 → Bình Lư, Tả Lèng"), "{text}");
    assert!(!diff::render_text(&d, vi, false).contains("theo xã cũ"));
    let en = diff::render_text(&d, ntm_report::diagnostic::Lang::En, false);
    assert!(
        en.contains("Bình Lư (formed from: Bình Lư, Sơn Bình, part of Nùng Nàng)"),
        "{en}"
    );
}

/// `diff 2025 2026` on the province example compares across the change of set through the
/// correspondence its 2026 ruleset declares: a criterion of 2026 was met in 2025 by the
/// communes that met every 2025 criterion it corresponds to; one corresponding to nothing
/// (4 and 7) has no count before, never a subtraction.
#[test]
fn diff_across_a_change_of_set_goes_through_the_declared_correspondence() {
    let root = manifest("examples/lai-chau-province");
    let a = facts(&root, 2025);
    let set: toml::Value =
        toml::from_str(&fs::read_to_string(root.join("rulesets/xa-2026.toml")).unwrap()).unwrap();
    let map = set["ruleset"]["corresponds"][0]["map"].as_table().unwrap();
    let o = run(&[
        "diff",
        "2025",
        "2026",
        "--data",
        "examples/lai-chau-province",
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let d: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let listed = d["criteria"].as_array().unwrap();
    assert!(!listed.is_empty());
    for k in listed {
        let n = k["number"].as_u64().unwrap();
        let before = &k["count"]["before"];
        match map.get(&n.to_string()) {
            None => assert!(before.is_null(), "criterion {n}: {k}"),
            Some(from) => {
                let from: Vec<u32> = from
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|x| x.as_integer().unwrap() as u32)
                    .collect();
                let met = a
                    .communes
                    .iter()
                    .filter(|c| {
                        from.iter().all(|f| {
                            c.criteria
                                .iter()
                                .any(|x| x.number == *f && x.status == Status::Met)
                        })
                    })
                    .count();
                assert_eq!(before.as_u64(), Some(met as u64), "criterion {n}: {k}");
            }
        }
    }
    let numbers: Vec<u64> = listed
        .iter()
        .map(|k| k["number"].as_u64().unwrap())
        .collect();
    assert!(numbers.contains(&4) && numbers.contains(&7), "{numbers:?}");
    assert!(
        numbers.iter().any(|n| map.contains_key(&n.to_string())),
        "a corresponding criterion changed: {numbers:?}"
    );
}

/// `init` writes the next year's `groups.csv` from the year before's: every commune in the
/// group it was assigned, with the decision; a folder without groups gets none.
#[test]
fn init_writes_the_year_before_s_commune_groups() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("data");
    copy_dir(&manifest("examples/lai-chau-province"), &root);
    let written = init(&root, 2027);
    assert!(
        written.iter().any(|(p, _)| p == "2027/groups.csv"),
        "{written:?}"
    );
    let rows = |y: &str| -> Vec<Vec<String>> {
        fs::read_to_string(root.join(y).join("groups.csv"))
            .unwrap()
            .lines()
            .skip(1)
            .map(|l| l.split(',').map(str::to_string).collect())
            .collect()
    };
    let (before, after) = (rows("2026"), rows("2027"));
    assert_eq!(after.len(), before.len());
    for (a, b) in after.iter().zip(&before) {
        // commune, group, decision, date as 2026 assigned them.
        assert_eq!((&a[0], &a[2], &a[3], &a[4]), (&b[0], &b[2], &b[3], &b[4]));
    }
    // The shipped data has no groups: init writes none.
    let tmp2 = tempfile::tempdir().unwrap();
    let plain = tmp2.path().join("data");
    copy_dir(&manifest("data"), &plain);
    let written = init(&plain, 2024);
    assert!(!written.iter().any(|(p, _)| p.ends_with("groups.csv")));
}

/// A recognition the year before held only by carrying it over a merger (its old communes
/// were all recognised) is the "before" of the next year's comparison, not a blank: Phong
/// Thổ was an NTM commune in 2025 by the old communes' 2017 decision, and is acknowledged
/// in 2026.
#[test]
fn a_recognition_carried_over_a_merger_is_the_next_years_before() {
    let root = manifest("examples/lai-chau-province");
    let (a, b) = (facts(&root, 2025), facts(&root, 2026));
    let carried = a
        .recognized
        .iter()
        .find(|r| r.id == "phong-tho-2025")
        .expect("Phong Thổ is recognised in 2025");
    assert!(!carried.carried_from.is_empty(), "by its old communes");
    let d = diff::diff(&a, &b);
    let pt = d
        .communes
        .iter()
        .find(|c| c.id == "phong-tho-2025")
        .expect("Phong Thổ changed");
    assert_eq!(
        pt.recognized.before.as_deref(),
        Some(format!("{} ({})", carried.decision, carried.date).as_str())
    );
    assert!(
        pt.recognized
            .after
            .as_deref()
            .unwrap()
            .starts_with("512/QĐ-UBND")
    );
}
