//! The command line as CI jobs and desktops meet it: with `--message-format json` every line
//! of stderr is JSON, matching `docs/schema/diagnostics.schema.json`, and a build or check
//! ends with the summary record; `--quiet`; colour with `--color` and `NO_COLOR` /
//! `CLICOLOR_FORCE`; the help in Vietnamese; completions and man pages; usage errors.

mod common;

use common::schema::Schema;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_ntm-report");

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs the binary with no locale and no colour variables but those given.
fn run_env(args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut cmd = Command::new(BIN);
    cmd.args(args);
    for var in [
        "LC_ALL",
        "LC_MESSAGES",
        "LANG",
        "LANGUAGE",
        "NO_COLOR",
        "CLICOLOR",
        "CLICOLOR_FORCE",
    ] {
        cmd.env_remove(var);
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    let o = cmd.output().expect("the binary runs");
    Run {
        code: o.status.code().expect("exited normally"),
        stdout: String::from_utf8(o.stdout).unwrap(),
        stderr: String::from_utf8(o.stderr).unwrap(),
    }
}

fn run(args: &[&str]) -> Run {
    run_env(args, &[])
}

/// Every line of stderr: JSON, matching the schema; the last one the summary record.
fn stream(r: &Run, what: &str) -> Vec<Value> {
    let lines: Vec<Value> = r
        .stderr
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l)
                .unwrap_or_else(|e| panic!("{what}: not JSON ({e}): {l:?}\n{}", r.stderr));
            Schema::Diagnostics.check(&v, &format!("{what}: {l}"));
            v
        })
        .collect();
    assert!(!lines.is_empty(), "{what}: nothing on stderr");
    lines
}

fn summary<'a>(lines: &'a [Value], what: &str) -> &'a Value {
    let last = lines.last().unwrap();
    assert_eq!(
        last["code"], "summary",
        "{what}: the last line is the summary"
    );
    let count = |s| lines.iter().filter(|l| l["severity"] == s).count() as u64;
    assert_eq!(last["errors"].as_u64(), Some(count("error")), "{what}");
    assert_eq!(last["warnings"].as_u64(), Some(count("warning")), "{what}");
    last
}

fn files_in(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            if e.file_type().unwrap().is_dir() {
                files_in(&e.path())
            } else {
                1
            }
        })
        .sum()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn json_mode_gives_only_json_lines_ending_with_a_summary() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let data = root().join("data");
    let json = ["--message-format", "json", "--lang", "en"];

    // A good build: the warning, then the summary with the files written.
    let args = [
        &json[..],
        &["--data", s(&data), "build", "2023", "--out", s(&out)],
    ]
    .concat();
    let r = run(&args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lines = stream(&r, "a good build");
    let last = summary(&lines, "a good build");
    assert_eq!(last["success"], true);
    assert_eq!(last["exit_code"], 0);
    let target = out.join("2023");
    assert_eq!(last["output"], s(&target));
    assert_eq!(
        last["files_written"].as_u64(),
        Some(files_in(&target) as u64)
    );
    assert!(lines.iter().any(|l| l["code"] == "unverified-thresholds"));
    // --timings: JSON too, before the summary.
    let timed = [&args[..], &["--timings"]].concat();
    let r = run(&timed);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lines = stream(&r, "a build with --timings");
    summary(&lines, "a build with --timings");
    let stages: Vec<&str> = lines
        .iter()
        .filter(|l| l["code"] == "timing")
        .map(|l| l["stage"].as_str().unwrap())
        .collect();
    assert_eq!(stages.last(), Some(&"total"), "{}", r.stderr);
    assert!(stages.len() >= 4, "{stages:?}");

    // check: the same warnings, nothing written.
    let r = run(&[&json[..], &["--data", s(&data), "check", "2023"]].concat());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let check = stream(&r, "check");
    let last = summary(&check, "check");
    assert_eq!(
        (last["files_written"].as_u64(), &last["output"]),
        (Some(0), &Value::Null)
    );
    let warnings = |l: &[Value]| -> Vec<String> {
        l.iter()
            .filter(|l| l["severity"] == "warning")
            .map(|l| l.to_string())
            .collect()
    };
    assert_eq!(warnings(&check), warnings(&lines), "check and build agree");

    // A missing data folder.
    let missing = tmp.path().join("no-such-folder");
    let r = run(&[
        &json[..],
        &["--data", s(&missing), "build", "2023", "--out", s(&out)],
    ]
    .concat());
    assert_eq!(r.code, 2, "{}", r.stderr);
    let lines = stream(&r, "a missing data folder");
    assert_eq!(summary(&lines, "a missing data folder")["success"], false);
    assert!(
        lines.iter().any(|l| l["code"] == "missing-data-folder"),
        "{}",
        r.stderr
    );

    // An unreadable file: a folder where report.toml is expected, and a file that is not
    // UTF-8.
    let copy = tmp.path().join("data");
    common::copy_dir(&data, &copy);
    std::fs::remove_file(copy.join("2023/report.toml")).unwrap();
    std::fs::create_dir(copy.join("2023/report.toml")).unwrap();
    std::fs::write(copy.join("2023/villages.csv"), b"id,met\n\xff\xfe\x00x\n").unwrap();
    let r = run(&[
        &json[..],
        &["--data", s(&copy), "build", "2023", "--out", s(&out)],
    ]
    .concat());
    assert_eq!(r.code, 2, "{}", r.stderr);
    let lines = stream(&r, "an unreadable file");
    summary(&lines, "an unreadable file");
    for code in ["not-a-file", "nothing-written"] {
        assert!(
            lines.iter().any(|l| l["code"] == code),
            "{code}: {}",
            r.stderr
        );
    }

    // A bad template.
    let bad = root().join("tests/fixtures/bad/templates-syntax");
    let r = run(&[
        &json[..],
        &[
            "--data",
            s(&data),
            "--templates",
            s(&bad),
            "build",
            "2023",
            "--out",
            s(&out),
        ],
    ]
    .concat());
    assert_eq!(r.code, 1, "{}", r.stderr);
    let lines = stream(&r, "a bad template");
    summary(&lines, "a bad template");
    assert!(
        lines.iter().any(|l| l["code"] == "template-syntax"),
        "{}",
        r.stderr
    );

    // A usage error: after the parse, and from the parser itself.
    let r = run(&[&json[..], &["--data", s(&data), "diff", "2023", "old"]].concat());
    assert_eq!(r.code, 2, "{}", r.stderr);
    let lines = stream(&r, "a side of diff");
    assert!(
        lines.iter().any(|l| l["code"] == "not-a-year"),
        "{}",
        r.stderr
    );
    let r = run(&[&json[..], &["build", "2023", "--ouput", "x"]].concat());
    assert_eq!(r.code, 2, "{}", r.stderr);
    let lines = stream(&r, "an unknown option");
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["code"], "usage", "{}", r.stderr);
    assert!(
        lines[0]["message"].as_str().unwrap().contains("--ouput"),
        "{}",
        r.stderr
    );
}

/// check and build give the same warnings on every example.
#[test]
fn check_and_build_agree_on_warnings() {
    let tmp = tempfile::tempdir().unwrap();
    for (dir, year) in [
        ("data", "2023"),
        ("examples/tam-duong-mini", "2023"),
        ("examples/lai-chau-province", "2025"),
    ] {
        let data = root().join(dir);
        let json = ["--message-format", "json", "--data", s(&data)];
        let out = tmp.path().join(dir.replace('/', "-"));
        let build = run(&[&json[..], &["build", year, "--out", s(&out)]].concat());
        let check = run(&[&json[..], &["check", year]].concat());
        let warnings = |r: &Run| -> Vec<String> {
            stream(r, dir)
                .into_iter()
                .filter(|l| l["severity"] == "warning")
                .map(|l| l.to_string())
                .collect()
        };
        assert!(!warnings(&build).is_empty(), "{dir} has warnings");
        assert_eq!(warnings(&check), warnings(&build), "{dir}");
        let denied = |cmd: &[&str]| run(&[&json[..], &["--deny-warnings"], cmd].concat()).code;
        let out = s(&out);
        assert_eq!(
            denied(&["check", year]),
            denied(&["build", year, "--out", out])
        );
    }
}

#[test]
fn quiet_prints_only_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let data = root().join("data");
    let out = tmp.path().join("out");
    let build = ["--data", s(&data), "build", "2023", "--out", s(&out)];
    let r = run(&[&["--quiet"][..], &build].concat());
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        (r.stdout.as_str(), r.stderr.as_str()),
        ("", ""),
        "a clean build says nothing"
    );
    let loud = run(&build);
    assert!(
        loud.stderr.contains("warning"),
        "without --quiet: {}",
        loud.stderr
    );
    // JSON: errors only, and the summary still counts the warnings.
    let r = run(&[&["-q", "--message-format", "json"][..], &build].concat());
    let lines = stream(&r, "quiet JSON");
    assert_eq!(lines.len(), 1, "{}", r.stderr);
    assert_eq!(lines[0]["warnings"], 1);
    // Errors are still printed.
    let missing = tmp.path().join("none");
    let r = run(&["-q", "--data", s(&missing), "check", "2023"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.starts_with("error: "), "{}", r.stderr);
}

#[test]
fn colour_follows_the_option_and_the_variables() {
    let tmp = tempfile::tempdir().unwrap();
    let copy = tmp.path().join("data");
    common::copy_dir(&root().join("tests/fixtures/tiny"), &copy);
    let file = copy.join("2023/report.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, format!("{text}\nunknown_key = 1\n")).unwrap();
    let check = ["--data", s(&copy), "check", "2023"];
    let shipped = root().join("data");
    let diff = ["--data", s(&shipped), "diff", "2022", "2023"];
    let esc = |r: &Run| r.stderr.contains('\x1b') || r.stdout.contains('\x1b');
    let with =
        |opts: &[&str], cmd: &[&str], env: &[(&str, &str)]| run_env(&[opts, cmd].concat(), env);
    for cmd in [&check[..], &diff[..]] {
        // Not a terminal: no colour by default.
        assert!(!esc(&with(&[], cmd, &[])), "{cmd:?}");
        // Forced: colour, in diagnostics as in diff.
        let forced = with(&[], cmd, &[("CLICOLOR_FORCE", "1")]);
        assert!(esc(&forced), "{cmd:?}: CLICOLOR_FORCE gives colour");
        assert!(esc(&with(&["--color", "always"], cmd, &[])), "{cmd:?}");
        // NO_COLOR and --color never win.
        assert!(!esc(&with(
            &[],
            cmd,
            &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]
        )));
        assert!(!esc(&with(
            &["--color", "never"],
            cmd,
            &[("CLICOLOR_FORCE", "1")]
        )));
        // With the escapes taken out, the same text as without colour.
        let plain = with(&[], cmd, &[]);
        let strip = |t: &str| anstream::adapter::strip_str(t).to_string();
        assert_eq!(strip(&forced.stderr), plain.stderr, "{cmd:?}");
        assert_eq!(strip(&forced.stdout), plain.stdout, "{cmd:?}");
    }
}

#[test]
fn the_help_in_vietnamese_with_the_exit_codes() {
    let vi = run(&["--lang", "vi", "--help"]);
    assert_eq!(vi.code, 0);
    for want in [
        "Cách dùng:",
        "Lệnh:",
        "Tùy chọn:",
        "Mã thoát:",
        "Lập báo cáo",
    ] {
        assert!(vi.stdout.contains(want), "{want}: {}", vi.stdout);
    }
    assert!(!vi.stdout.contains("Usage:") && !vi.stdout.contains("Print help"));
    // The system's language, without --lang.
    let vi = run_env(&["build", "--help"], &[("LANG", "vi_VN.UTF-8")]);
    assert!(vi.stdout.contains("Năm báo cáo."), "{}", vi.stdout);
    let en = run(&["--help"]);
    for want in ["Usage:", "Exit codes:", "129, 130, 143"] {
        assert!(en.stdout.contains(want), "{want}: {}", en.stdout);
    }
    // Options only where they apply.
    let rules = run(&["rules", "--help"]).stdout;
    assert!(
        !rules.contains("--data") && !rules.contains("--deny-warnings"),
        "{rules}"
    );
    assert!(run(&["build", "--help"]).stdout.contains("--data <DIR>"));
}

#[test]
fn completions_and_man_pages() {
    let r = run(&["completions", "bash"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("complete -F") && r.stdout.contains("ntm-report"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("--message-format"));
    for shell in ["zsh", "fish", "powershell", "elvish"] {
        let r = run(&["completions", shell]);
        assert_eq!(r.code, 0, "{shell}: {}", r.stderr);
        assert!(r.stdout.contains("build"), "{shell}");
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("man1");
    let r = run(&["man", s(&dir)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let page = std::fs::read_to_string(dir.join("ntm-report.1")).unwrap();
    assert!(page.contains(".TH ntm-report 1"), "{page}");
    let build = std::fs::read_to_string(dir.join("ntm-report-build.1")).unwrap();
    assert!(build.contains("\\-\\-out"), "{build}");
    assert!(r.stdout.contains("ntm-report-build.1"), "{}", r.stdout);
    // Again, in Vietnamese: the pages are replaced.
    let r = run(&["--lang", "vi", "man", s(&dir)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let build = std::fs::read_to_string(dir.join("ntm-report-build.1")).unwrap();
    assert!(build.contains("Năm báo cáo."), "{build}");
}
