//! Bad input never passes silently. The catalogue of bad inputs: each case in
//! `tests/fixtures/bad/*.toml` breaks one file of a copy of the shipped Phong Thổ data
//! (`data/`) and names the diagnostic it must give: its code, file, line (and column,
//! message and hint where it says). Each case runs the real binary and checks that the
//! build fails with exit code 1, that the diagnostic is there in English and in Vietnamese,
//! in JSON and in the human form, and that an existing output folder is left byte for byte
//! as it was. Then: what offices really send (BOM, `;` and decimal commas, Windows-1258,
//! UTF-16, decomposed Unicode, CRLF, stray spaces) gives the same facts.json as the clean
//! data; and the order files are listed in cannot change the facts. Every JSON line checked
//! is also checked against `docs/schema/diagnostics.schema.json`.

mod common;
use common::copy_dir;
use common::schema::Schema;

use serde::Deserialize;
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;

const BIN: &str = env!("CARGO_BIN_EXE_ntm-report");
const YEAR: i32 = 2023;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixtures() -> PathBuf {
    root().join("tests/fixtures/bad")
}

/// Every file under `dir` with its bytes, by path relative to `dir`, sorted.
fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let rel = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            if path.is_dir() {
                out.push((format!("{rel}/"), Vec::new()));
                walk(root, &path, out);
            } else {
                out.push((rel, fs::read(&path).unwrap()));
            }
        }
    }
    let mut out = Vec::new();
    if dir.exists() {
        walk(dir, dir, &mut out);
    }
    out.sort();
    out
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

impl Run {
    /// The JSON objects printed on stderr (`--message-format json`): every line is one.
    fn json(&self) -> Vec<Value> {
        self.stderr
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: not JSON: {l:?}")))
            .collect()
    }
}

/// A clean build of the shipped data, made once per test run.
fn clean_output() -> &'static Path {
    static CLEAN: OnceLock<PathBuf> = OnceLock::new();
    CLEAN.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("diagnostics-clean-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let data = root().join("data");
        let r = run(&[
            "--data",
            data.to_str().unwrap(),
            "build",
            &YEAR.to_string(),
            "--out",
            dir.to_str().unwrap(),
        ]);
        assert_eq!(r.code, 0, "the shipped data builds: {}", r.stderr);
        dir
    })
}

fn clean_facts() -> Vec<u8> {
    fs::read(clean_output().join(format!("{YEAR}/facts.json"))).unwrap()
}

// ---- encodings, as the test helpers write them ------------------------------------------

/// Windows-1258 as Excel writes it: precomposed letters where the code page has them,
/// tone marks as combining characters after them; `None` when a character is not in it.
fn to_windows_1258(text: &str) -> Option<Vec<u8>> {
    let enc = encoding_rs::WINDOWS_1258;
    let one = |s: &str| -> Option<Vec<u8>> {
        let (bytes, _, errors) = enc.encode(s);
        (!errors).then(|| bytes.into_owned())
    };
    let mut out = Vec::new();
    for c in text.nfc() {
        if let Some(b) = one(&c.to_string()) {
            out.extend(b);
            continue;
        }
        if !c.is_alphabetic() {
            return None;
        }
        // The five tone marks stay combining; the rest (circumflex, breve, horn) compose.
        let tone =
            |m: &char| matches!(m, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}');
        let parts: Vec<char> = c.to_string().nfd().collect();
        let head: String = parts
            .iter()
            .filter(|m| !tone(m))
            .collect::<String>()
            .nfc()
            .collect();
        let marks = parts.iter().filter(|m| tone(m)).map(|m| m.to_string());
        for piece in std::iter::once(head).chain(marks) {
            out.extend(one(&piece)?);
        }
    }
    Some(out)
}

fn encode(text: &str, how: &str) -> Vec<u8> {
    let utf16 = |le: bool| -> Vec<u8> {
        text.encode_utf16()
            .flat_map(|u| if le { u.to_le_bytes() } else { u.to_be_bytes() })
            .collect()
    };
    match how {
        "utf-8" => text.as_bytes().to_vec(),
        "utf-8-bom" => [&b"\xEF\xBB\xBF"[..], text.as_bytes()].concat(),
        "windows-1258" => to_windows_1258(text).expect("text Windows-1258 can hold"),
        // Files holding a character Windows-1258 lacks stay UTF-8, as they do in offices.
        "windows-1258-or-utf-8" => to_windows_1258(text).unwrap_or_else(|| text.into()),
        "utf-16le" => [vec![0xFF, 0xFE], utf16(true)].concat(),
        "utf-16be" => [vec![0xFE, 0xFF], utf16(false)].concat(),
        "utf-16le-nobom" => utf16(true),
        "utf-16le-odd" => {
            let mut b = [vec![0xFF, 0xFE], utf16(true)].concat();
            b.pop();
            b
        }
        other => panic!("unknown encoding {other} in a case"),
    }
}

// ---- the catalogue of bad inputs --------------------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    about: String,
    /// The data folder the case starts from, relative to the repository (default `data`).
    base: Option<String>,
    year: Option<i32>,
    /// The exit code (1 by default; 2 for a path that cannot be read).
    exit: Option<i32>,
    #[serde(default)]
    args: Vec<String>,
    #[serde(default)]
    edit: Vec<Edit>,
    expect: Expect,
}

/// One change to a file of the data copy: replace `from` (which must occur once) by `to`,
/// or write `text`, or `remove` it; then write it in `encode` (UTF-8 by default).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Edit {
    file: String,
    from: Option<String>,
    to: Option<String>,
    text: Option<String>,
    #[serde(default)]
    remove: bool,
    encode: Option<String>,
}

/// The diagnostic a case must give. `line`: a number (0: none), a text whose first line in
/// the broken file is meant, or by default the line where the last edit's `to` starts.
/// `file` defaults to the last edited file. Texts are substrings.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    code: String,
    file: Option<String>,
    line: Option<toml::Value>,
    col: Option<u64>,
    message: Option<String>,
    vi: Option<String>,
    hint: Option<String>,
}

/// A copy of the data with the case's edits; returns the expected file and line.
fn apply(case: &Case, data: &Path) -> (Option<String>, Option<u64>) {
    let mut last: Option<(String, String, Option<usize>)> = None;
    for e in &case.edit {
        let path = data.join(&e.file);
        if e.remove {
            fs::remove_file(&path).unwrap();
            last = Some((e.file.clone(), String::new(), None));
            continue;
        }
        let old = fs::read_to_string(&path).unwrap_or_default();
        let (text, at) = match (&e.text, &e.from, &e.to) {
            (Some(t), None, None) => (t.clone(), None),
            (None, Some(from), Some(to)) => {
                assert_eq!(
                    old.matches(from.as_str()).count(),
                    1,
                    "{from:?} once in {}",
                    e.file
                );
                let at = old.find(from.as_str()).unwrap();
                (old.replacen(from.as_str(), to, 1), Some(at))
            }
            (None, None, None) => (old, None),
            _ => panic!("an edit has `from` and `to`, or `text`, or neither"),
        };
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).unwrap();
        }
        fs::write(&path, encode(&text, e.encode.as_deref().unwrap_or("utf-8"))).unwrap();
        last = Some((e.file.clone(), text, at));
    }
    let file = case
        .expect
        .file
        .as_ref()
        .map(|f| f.replace("{fixtures}", fixtures().to_str().unwrap()))
        .or(last.as_ref().map(|l| l.0.clone()));
    let line_at = |text: &str, at: usize| text[..at].matches('\n').count() as u64 + 1;
    let line = match &case.expect.line {
        Some(toml::Value::Integer(0)) => None,
        Some(toml::Value::Integer(n)) => Some(*n as u64),
        Some(toml::Value::String(needle)) => {
            // In the expected file: the last edited one unless the case names another.
            let named = case.expect.file.as_ref().filter(|f| {
                last.as_ref().is_none_or(|l| l.0 != **f) && data.join(f.as_str()).is_file()
            });
            let other = named.map(|f| fs::read_to_string(data.join(f)).unwrap());
            let text = match &other {
                Some(t) => t,
                None => &last.as_ref().expect("an edited file").1,
            };
            let at = text
                .find(needle.as_str())
                .unwrap_or_else(|| panic!("{needle:?}"));
            Some(line_at(text, at))
        }
        Some(other) => panic!("line = {other}"),
        None => last
            .as_ref()
            .and_then(|(_, text, at)| at.map(|a| line_at(text, a))),
    };
    (file, line)
}

fn matches(d: &Value, exp: &Expect, file: &Option<String>, line: Option<u64>) -> bool {
    d["code"] == exp.code.as_str()
        && d["file"].as_str() == file.as_deref()
        && d["line"].as_u64() == line
        && (exp.col.is_none() || d["col"].as_u64() == exp.col)
}

fn run_case(name: &str) {
    let spec = fs::read_to_string(fixtures().join(format!("{name}.toml"))).unwrap();
    let case: Case = toml::from_str(&spec).unwrap_or_else(|e| panic!("{name}.toml: {e}"));
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    copy_dir(&root().join(case.base.as_deref().unwrap_or("data")), &data);
    let (file, line) = apply(&case, &data);
    let out = tmp.path().join("out");
    copy_dir(clean_output(), &out);
    let before = tree(&out);
    let year = case.year.unwrap_or(YEAR).to_string();
    let fx = fixtures();
    let extra: Vec<String> = case
        .args
        .iter()
        .map(|a| a.replace("{fixtures}", fx.to_str().unwrap()))
        .collect();
    let args = |lang: &str, format: &str, command: &[&str]| -> Vec<String> {
        let mut v: Vec<String> = ["--data", data.to_str().unwrap(), "--lang", lang]
            .iter()
            .map(|s| s.to_string())
            .collect();
        v.extend(["--message-format".into(), format.into()]);
        v.extend(extra.iter().cloned());
        v.extend(command.iter().map(|s| s.to_string()));
        v
    };
    let exp = &case.expect;
    let context = format!(
        "case {name} ({}): expected {} at {file:?}:{line:?}",
        case.about, exp.code
    );

    // English, JSON, build over an existing output folder.
    let build = ["build", year.as_str(), "--out", out.to_str().unwrap()];
    let a = args("en", "json", &build);
    let r = run(&a.iter().map(String::as_str).collect::<Vec<_>>());
    let exit = case.exit.unwrap_or(1);
    assert_eq!(r.code, exit, "{context}\n{}", r.stderr);
    assert_eq!(r.stdout, "", "{context}");
    let objects = r.json();
    for o in &objects {
        Schema::Diagnostics.check(o, &context);
    }
    let message_ok = |d: &Value| {
        let m = d["message"].as_str().unwrap_or_default();
        exp.message
            .as_ref()
            .is_none_or(|want| m.contains(want.as_str()))
    };
    let en = objects
        .iter()
        .find(|d| matches(d, exp, &file, line) && message_ok(d))
        .unwrap_or_else(|| panic!("{context}; got\n{}", r.stderr));
    assert_eq!(en["severity"], "error", "{context}");
    let text = |v: &Value| v.as_str().unwrap_or_default().to_string();
    if let Some(m) = &exp.message {
        assert!(text(&en["message"]).contains(m.as_str()), "{context}: {en}");
    }
    if let Some(h) = &exp.hint {
        assert!(text(&en["hint"]).contains(h.as_str()), "{context}: {en}");
    }
    // The summary record ends the stream; before it, that nothing was written.
    let summary = objects.last().unwrap();
    assert_eq!(summary["code"], "summary", "{context}: {}", r.stderr);
    assert_eq!(summary["success"], false, "{context}");
    assert!(
        summary["errors"].as_u64() >= Some(1),
        "{context}: {summary}"
    );
    assert_eq!(summary["files_written"], 0, "{context}");
    let note = &objects[objects.len() - 2];
    assert_eq!(note["code"], "nothing-written", "{context}: {}", r.stderr);
    let target = out.join(&year);
    assert_eq!(
        note["message"],
        format!(
            "nothing was written: {} is left as it was",
            target.display()
        )
    );
    assert_eq!(
        before,
        tree(&out),
        "{context}: the output folder was touched"
    );
    assert_eq!(
        tree(tmp.path())
            .iter()
            .filter(|(p, _)| p.contains(".partial"))
            .count(),
        0
    );

    // Vietnamese, JSON: the same diagnostic, translated.
    let a = args("vi", "json", &build);
    let r = run(&a.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(r.code, exit, "{context}");
    let objects = r.json();
    for o in &objects {
        Schema::Diagnostics.check(o, &context);
    }
    let vi = objects
        .into_iter()
        .find(|d| matches(d, exp, &file, line) && d["message"] != en["message"])
        .unwrap_or_else(|| panic!("{context} (vi); got\n{}", r.stderr));
    assert_ne!(vi["message"], en["message"], "{context}: not translated");
    if !en["hint"].is_null() {
        assert_ne!(vi["hint"], en["hint"], "{context}: hint not translated");
    }
    if let Some(m) = &exp.vi {
        assert!(text(&vi["message"]).contains(m.as_str()), "{context}: {vi}");
    }

    // Vietnamese, the human form: label, place, the line with a caret, the hint.
    let a = args("vi", "human", &build);
    let r = run(&a.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(r.code, exit, "{context}");
    assert!(r.stderr.ends_with(&format!(
        "không ghi tệp nào: {} được giữ nguyên như trước\n",
        target.display()
    )));
    assert_eq!(
        before,
        tree(&out),
        "{context}: the output folder was touched"
    );
    let mut block = format!("lỗi: {}\n", text(&vi["message"]));
    if let Some(f) = &file {
        block += &match (line, vi["col"].as_u64()) {
            (Some(l), Some(c)) => format!("  --> {f}:{l}:{c}\n"),
            _ => format!("  --> {f}\n"),
        };
    }
    assert!(
        r.stderr.contains(&block),
        "{context}: {block:?} not in\n{}",
        r.stderr
    );
    if let Some(l) = line {
        assert!(
            r.stderr.contains(&format!("\n{l} | ")),
            "{context}: no source line"
        );
    }
    if let Some(h) = vi["hint"].as_str() {
        assert!(r.stderr.contains(&format!("  = gợi ý: {h}\n")), "{context}");
    }
    assert!(r.stderr.contains(" lỗi, "), "{context}: the count line");
    assert_eq!(r.stdout, "", "{context}");
}

macro_rules! bad_cases {
    ($($test:ident => $name:literal,)*) => {
        /// Every case file, each run by the test of the same name.
        const CASES: &[&str] = &[$($name),*];
        $(
            #[test]
            fn $test() {
                run_case($name);
            }
        )*
    };
}

bad_cases! {
    toml_syntax => "toml-syntax",
    unknown_key => "unknown-key",
    unknown_key_config => "unknown-key-config",
    missing_key => "missing-key",
    missing_value => "missing-value",
    missing_indicator_value => "missing-indicator-value",
    unbalanced_quote => "unbalanced-quote",
    unbalanced_quote_inside => "unbalanced-quote-inside",
    wrong_cell_count => "wrong-cell-count",
    unknown_column => "unknown-column",
    unknown_commune => "unknown-commune",
    unknown_commune_plan => "unknown-commune-plan",
    unknown_village => "unknown-village",
    unknown_criterion => "unknown-criterion",
    unknown_correspondence => "unknown-correspondence",
    unknown_indicator => "unknown-indicator",
    unknown_measure => "unknown-measure",
    unknown_category => "unknown-category",
    unknown_group_year => "unknown-group-year",
    duplicate_id => "duplicate-id",
    duplicate_row_villages => "duplicate-row-villages",
    duplicate_row_documents => "duplicate-row-documents",
    duplicate_entry => "duplicate-entry",
    duplicate_key => "duplicate-key",
    percent_over_100 => "percent-over-100",
    numerator_above_denominator => "numerator-above-denominator",
    negative_length => "negative-length",
    negative_amount => "negative-amount",
    zero_denominator => "zero-denominator",
    lineage_unknown_commune => "lineage-unknown-commune",
    ends_before_start => "ends-before-start",
    formed_twice => "formed-twice",
    empty_year_roster => "empty-year-roster",
    rulesets_overlap => "rulesets-overlap",
    no_ruleset_in_force => "no-ruleset-in-force",
    predecessor_cycle => "predecessor-cycle",
    lineage_date => "lineage-date",
    no_predecessors => "no-predecessors",
    merger_without_predecessors => "merger-without-predecessors",
    name_taken => "name-taken",
    empty_rename => "empty-rename",
    renamed_twice => "renamed-twice",
    unknown_basis => "unknown-basis",
    ruleset_extends_cycle => "ruleset-extends-cycle",
    text_for_number => "text-for-number",
    text_for_number_csv => "text-for-number-csv",
    wrong_type => "wrong-type",
    invalid_date => "invalid-date",
    invalid_date_csv => "invalid-date-csv",
    not_a_status => "not-a-status",
    unknown_status_word => "unknown-status-word",
    unknown_status_word_diacritics => "unknown-status-word-diacritics",
    unknown_class_count => "unknown-class-count",
    village_without_commune => "village-without-commune",
    plan_year => "plan-year",
    disbursed_above_plan => "disbursed-above-plan",
    unknown_option => "unknown-option",
    class_coverage => "class-coverage",
    unknown_comparator => "unknown-comparator",
    missing_threshold => "missing-threshold",
    duplicate_indicator_id => "duplicate-indicator-id",
    ruleset_years => "ruleset-years",
    missing_year => "missing-year",
    missing_file => "missing-file",
    missing_commune_data => "missing-commune-data",
    not_utf8 => "not-utf8",
    utf16_without_bom => "utf16-without-bom",
    nul_byte => "nul-byte",
    bad_encoding => "bad-encoding",
    template_syntax => "template-syntax",
    template_undefined => "template-undefined",
    unknown_recognition_level => "unknown-recognition-level",
    unknown_recognition_event => "unknown-recognition-event",
    event_outside_validity => "event-outside-validity",
    revocation_without_recognition => "revocation-without-recognition",
    acknowledgement_without_merger => "acknowledgement-without-merger",
    unknown_recognition_unit => "unknown-recognition-unit",
    required_level_missing => "required-level-missing",
    level_requirement_cycle => "level-requirement-cycle",
    level_of_rulesets => "level-of-rulesets",
    duplicate_level => "duplicate-level",
    unknown_level_word => "unknown-level-word",
    unknown_level_diacritics => "unknown-level-diacritics",
    level_unknown_commune => "level-unknown-commune",
    level_unknown_status => "level-unknown-status",
}

#[test]
fn every_case_file_has_a_test() {
    let mut files: Vec<String> = fs::read_dir(fixtures())
        .unwrap()
        .filter_map(|e| e.unwrap().file_name().into_string().ok())
        .filter_map(|n| n.strip_suffix(".toml").map(str::to_string))
        .collect();
    files.sort();
    let mut listed: Vec<String> = CASES.iter().map(|s| s.to_string()).collect();
    listed.sort();
    assert_eq!(files, listed);
}

/// The codes that are warnings (the build goes on unless `--deny-warnings`).
const WARNINGS: &[&str] = &[
    "file-name-mismatch",
    "ignored-file",
    "no-status",
    "not-filled-in",
    "unknown-sheet",
    "name-mismatch",
    "missing-narrative",
    "unused-narrative",
    "unknown-template",
    "table-repeated",
    "invisible-characters",
    "thousands-separator",
    "name-twice",
    "change-unnamed",
    "amount-twice",
    "appendix-twice",
    "unknown-name",
    "unverified-thresholds",
    "past-forecast",
    "document-after-report",
];

fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

/// The catalogue part of `docs/diagnostics.md`, made from the message catalogue itself.
fn catalogue_markdown() -> String {
    use ntm_report::diagnostic::{Hint, Lang, Message};
    let cases: Vec<(String, Case)> = CASES
        .iter()
        .map(|n| {
            let text = fs::read_to_string(fixtures().join(format!("{n}.toml"))).unwrap();
            (n.to_string(), toml::from_str(&text).unwrap())
        })
        .collect();
    let mut codes: Vec<&str> = Vec::new();
    for m in Message::examples() {
        if !codes.contains(&m.code()) {
            codes.push(m.code());
        }
    }
    let mut out = String::new();
    for code in codes {
        out += &format!("### `{code}`\n\n");
        let severity = match code {
            c if WARNINGS.contains(&c) => "warning (cảnh báo)",
            "ruleset-years" => "error for the report year, warning for the year before",
            _ => "error (lỗi)",
        };
        let io = Message::examples()
            .iter()
            .any(|m| m.code() == code && m.is_io());
        let exit = if io {
            ", exit 2 (a path that cannot be read)"
        } else {
            ""
        };
        out += &format!("Severity: {severity}{exit}.\n\n| English | Tiếng Việt |\n|---|---|\n");
        for m in Message::examples().iter().filter(|m| m.code() == code) {
            out += &format!(
                "| {} | {} |\n",
                cell(&m.text(Lang::En)),
                cell(&m.text(Lang::Vi))
            );
        }
        let fixtures: Vec<String> = cases
            .iter()
            .filter(|(_, c)| c.expect.code == code)
            .map(|(n, c)| format!("`{n}` ({})", c.about))
            .collect();
        if !fixtures.is_empty() {
            out += &format!("\nTested by {}.\n", fixtures.join("; "));
        }
        out += "\n";
    }
    out += "## Hints\n\n| English | Tiếng Việt |\n|---|---|\n";
    for h in Hint::examples() {
        out += &format!(
            "| {} | {} |\n",
            cell(&h.text(Lang::En)),
            cell(&h.text(Lang::Vi))
        );
    }
    out
}

/// `docs/diagnostics.md` lists every code with every message in both languages and the cases
/// that test it. Regenerate its catalogue with `UPDATE_DOCS=1 cargo test --test diagnostics`.
#[test]
fn the_documented_catalogue_is_current() {
    const START: &str = "<!-- catalogue: generated by tests/diagnostics.rs -->\n";
    const END: &str = "<!-- end of catalogue -->\n";
    let path = root().join("docs/diagnostics.md");
    let doc = fs::read_to_string(&path).unwrap();
    let (Some(a), Some(b)) = (doc.find(START), doc.find(END)) else {
        panic!("docs/diagnostics.md lacks the catalogue markers");
    };
    let fresh = catalogue_markdown();
    let current = &doc[a + START.len()..b];
    if std::env::var_os("UPDATE_DOCS").is_some() {
        let new = format!("{}{START}{fresh}{}", &doc[..a], &doc[b..]);
        fs::write(&path, new).unwrap();
    } else {
        assert!(
            current == fresh,
            "docs/diagnostics.md is stale: UPDATE_DOCS=1 cargo test --test diagnostics"
        );
    }
    for name in CASES {
        let spec: Case =
            toml::from_str(&fs::read_to_string(fixtures().join(format!("{name}.toml"))).unwrap())
                .unwrap();
        assert!(
            fresh.contains(&format!("### `{}`", spec.expect.code)),
            "{name}: unknown code"
        );
    }
}

// ---- a failed build writes nothing -------------------------------------------------------

#[test]
fn a_failed_first_build_creates_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    copy_dir(&root().join("data"), &data);
    fs::write(
        data.join("2023/report.toml"),
        "number = \"1\"\ndate = \"2023-02-29\"\n",
    )
    .unwrap();
    let out = tmp.path().join("out");
    let r = run(&[
        "--data",
        data.to_str().unwrap(),
        "build",
        "2023",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("error: `2023-02-29` is not a date\n  --> 2023/report.toml:2:8\n"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.ends_with(&format!(
            "nothing was written: {} is left as it was\n",
            out.join("2023").display()
        )),
        "{}",
        r.stderr
    );
    assert!(!out.exists(), "no output folder, no temporary folder");
}

#[test]
fn the_locale_chooses_the_language() {
    let data = root().join("data");
    let check = |envs: &[(&str, &str)], args: &[&str]| {
        let mut c = Command::new(BIN);
        c.env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("LANG");
        for (k, v) in envs {
            c.env(k, v);
        }
        let o = c
            .arg("--data")
            .arg(&data)
            .args(args)
            .args(["check", "2031"])
            .output()
            .unwrap();
        String::from_utf8(o.stderr).unwrap()
    };
    assert!(check(&[("LANG", "vi_VN.UTF-8")], &[]).starts_with("lỗi: không có số liệu năm 2031"));
    assert!(check(&[("LANG", "en_US.UTF-8")], &[]).starts_with("error: there is no data for 2031"));
    assert!(check(&[], &[]).starts_with("error: "));
    assert!(check(&[("LANG", "vi_VN"), ("LC_ALL", "C")], &[]).starts_with("error: "));
    assert!(check(&[("LANG", "en_US"), ("LC_MESSAGES", "vi_VN")], &[]).starts_with("lỗi: "));
    assert!(check(&[("LANG", "vi_VN")], &["--lang", "en"]).starts_with("error: "));
    assert!(check(&[], &["--lang", "vi"]).ends_with("1 lỗi, 0 cảnh báo\n"));
}

// ---- what offices really send -------------------------------------------------------------

/// The data files of a folder, by path relative to it.
fn data_files(dir: &Path) -> Vec<String> {
    tree(dir)
        .into_iter()
        .map(|(p, _)| p)
        .filter(|p| !p.ends_with('/') && !p.ends_with("README.md"))
        .collect()
}

/// Rewrites every text file of a data copy with `f(path, text) -> bytes`.
fn convert(data: &Path, f: impl Fn(&str, &str) -> Vec<u8>) {
    for rel in data_files(data) {
        let path = data.join(&rel);
        let text = fs::read_to_string(&path).unwrap();
        fs::write(&path, f(&rel, &text)).unwrap();
    }
}

/// A CSV text rewritten with `delimiter`, cells padded with spaces where `pad`.
fn rewrite_csv(text: &str, delimiter: char, pad: bool) -> String {
    let first = text.lines().next().unwrap_or("");
    let from = if first.contains(';') { b';' } else { b',' };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .delimiter(from)
        .from_reader(text.as_bytes());
    let mut out = String::new();
    for rec in reader.records() {
        let cells: Vec<String> = rec
            .unwrap()
            .iter()
            .map(|c| {
                let quoted = if c.contains([delimiter, '"', '\n']) {
                    format!("\"{}\"", c.replace('"', "\"\""))
                } else if pad {
                    format!("  {c}")
                } else {
                    c.to_string()
                };
                if pad { format!("{quoted} ") } else { quoted }
            })
            .collect();
        out += &cells.join(&delimiter.to_string());
        out += "\n";
    }
    out
}

/// Every commune TOML file of a year turned into rows of the long table `YEAR/communes.csv`,
/// `;`-separated with decimal commas, as an office exports it from Excel.
fn to_long_table(data: &Path, year: &str) {
    let dir = data.join(year).join("communes");
    let mut rows = vec!["commune;item;value;denominator;source".to_string()];
    let dec = |v: &toml::Value| -> String {
        match v {
            toml::Value::String(s) => s.replace('.', ","),
            toml::Value::Integer(i) => i.to_string(),
            other => panic!("write decimals as strings in the shipped data: {other}"),
        }
    };
    let mut names: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    for path in names {
        let t: toml::Table = toml::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
        let id = t["commune"].as_str().unwrap();
        let default_source = t.get("source").and_then(|s| s.as_str()).unwrap_or("");
        if let Some(d) = t.get("declared") {
            let sources = d.get("sources").and_then(|s| s.as_table());
            for (key, word) in [("met", "đạt"), ("not_met", "chưa đạt")] {
                for n in d.get(key).and_then(|l| l.as_array()).into_iter().flatten() {
                    let n = n.as_integer().unwrap().to_string();
                    let src = sources
                        .and_then(|s| s.get(&n))
                        .and_then(|s| s.as_str())
                        .unwrap_or(default_source);
                    rows.push(format!("{id};{n};{word};;\"{src}\""));
                }
            }
        }
        for (item, v) in t
            .get("indicators")
            .and_then(|i| i.as_table())
            .into_iter()
            .flatten()
        {
            let v = v.as_table().unwrap();
            let row = if let Some(m) = v.get("met") {
                let w = if m.as_bool().unwrap() {
                    "đạt"
                } else {
                    "không đạt"
                };
                format!("{id};{item};{w};;")
            } else if v.get("applicable").is_some() {
                format!("{id};{item};không áp dụng;;")
            } else if let Some(x) = v.get("value") {
                format!("{id};{item};{};;", dec(x))
            } else {
                format!(
                    "{id};{item};{};{};",
                    dec(&v["numerator"]),
                    dec(&v["denominator"])
                )
            };
            rows.push(row);
        }
        for (item, v) in t
            .get("measures")
            .and_then(|i| i.as_table())
            .into_iter()
            .flatten()
        {
            let row = match v.as_table() {
                Some(r) => format!(
                    "{id};{item};{};{};",
                    dec(&r["numerator"]),
                    dec(&r["denominator"])
                ),
                None => format!("{id};{item};{};;", dec(v)),
            };
            rows.push(row);
        }
    }
    fs::remove_dir_all(&dir).unwrap();
    fs::write(data.join(year).join("communes.csv"), rows.join("\n") + "\n").unwrap();
}

/// Stray spaces inside TOML strings where they are harmless: ids, numbers, dates.
fn pad_toml(rel: &str, text: &str) -> String {
    let re = regex::Regex::new(
        r#"(?m)^(commune|date|level|kind|origin|plan|disbursed|amount) = "([^"]*)""#,
    )
    .unwrap();
    let text = re.replace_all(text, "$1 = \"  $2 \"").into_owned();
    let nums = regex::Regex::new(r#"(numerator|denominator|value) = "([-0-9.]+)""#).unwrap();
    let text = nums.replace_all(&text, "$1 = \" $2  \"").into_owned();
    if rel.contains("/communes/") {
        let keys = regex::Regex::new(r#"(?m)^"([0-9][^"]*)" ="#).unwrap();
        keys.replace_all(&text, "\" $1 \" =").into_owned()
    } else {
        text
    }
}

/// Builds a converted copy of the data; returns its facts.json.
fn facts_of(data: &Path, extra: &[&str]) -> Vec<u8> {
    let out = data.parent().unwrap().join("out");
    let mut args = vec!["--data", data.to_str().unwrap()];
    args.extend_from_slice(extra);
    args.extend(["build", "2023", "--out", out.to_str().unwrap()]);
    let r = run(&args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    fs::read(out.join("2023/facts.json")).unwrap()
}

fn variant(f: impl Fn(&Path)) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    copy_dir(&root().join("data"), &data);
    f(&data);
    (tmp, data)
}

fn is_csv(rel: &str) -> bool {
    rel.ends_with(".csv")
}

#[test]
fn utf8_with_bom_gives_the_same_facts() {
    let (_t, data) = variant(|d| convert(d, |_, t| encode(t, "utf-8-bom")));
    assert_eq!(facts_of(&data, &[]), clean_facts());
}

#[test]
fn crlf_gives_the_same_facts() {
    let (_t, data) = variant(|d| convert(d, |_, t| t.replace('\n', "\r\n").into_bytes()));
    assert_eq!(facts_of(&data, &[]), clean_facts());
}

#[test]
fn utf16_with_a_bom_gives_the_same_facts() {
    for how in ["utf-16le", "utf-16be"] {
        let (_t, data) = variant(|d| convert(d, |_, t| encode(t, how)));
        assert_eq!(facts_of(&data, &[]), clean_facts(), "{how}");
    }
}

#[test]
fn windows_1258_gives_the_same_facts_with_encoding() {
    let (_t, data) = variant(|d| convert(d, |_, t| encode(t, "windows-1258-or-utf-8")));
    for rel in data_files(&data)
        .iter()
        .filter(|r| is_csv(r) || r.contains("/communes/"))
    {
        let bytes = fs::read(data.join(rel)).unwrap();
        let original = fs::read_to_string(root().join("data").join(rel)).unwrap();
        assert!(
            original.is_ascii() || std::str::from_utf8(&bytes).is_err(),
            "{rel} converted"
        );
    }
    assert_eq!(
        facts_of(&data, &["--encoding", "windows-1258"]),
        clean_facts()
    );
    // Without --encoding, the error says what to do.
    let r = run(&[
        "--data",
        data.to_str().unwrap(),
        "--lang",
        "en",
        "check",
        "2023",
    ]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("error: this file is not UTF-8"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("--encoding windows-1258"), "{}", r.stderr);
}

#[test]
fn decomposed_unicode_gives_the_same_facts() {
    let (_t, data) = variant(|d| convert(d, |_, t| t.nfd().collect::<String>().into_bytes()));
    let roster = fs::read_to_string(data.join("communes.csv")).unwrap();
    assert!(
        !roster.contains("Huổi Luông") && roster.contains(&"Huổi Luông".nfd().collect::<String>())
    );
    let facts = facts_of(&data, &[]);
    assert_eq!(facts, clean_facts());
    assert!(
        String::from_utf8(facts).unwrap().contains("\"Huổi Luông\""),
        "composed again"
    );
}

#[test]
fn semicolons_and_decimal_commas_give_the_same_facts() {
    let (_t, data) = variant(|d| {
        convert(d, |rel, t| {
            if is_csv(rel) {
                rewrite_csv(t, ';', false).into_bytes()
            } else {
                t.as_bytes().to_vec()
            }
        });
        to_long_table(d, "2022");
        to_long_table(d, "2023");
    });
    let long = fs::read_to_string(data.join("2023/communes.csv")).unwrap();
    assert!(
        long.contains("huoi-luong;2.2;17,85;19,60;"),
        "{}",
        &long[..400]
    );
    assert_eq!(facts_of(&data, &[]), clean_facts());
}

#[test]
fn stray_spaces_give_the_same_facts() {
    let (_t, data) = variant(|d| {
        convert(d, |rel, t| {
            if is_csv(rel) {
                rewrite_csv(t, ',', true).into_bytes()
            } else if rel.ends_with(".toml") {
                pad_toml(rel, t).into_bytes()
            } else {
                t.as_bytes().to_vec()
            }
        })
    });
    let commune = fs::read_to_string(data.join("2023/communes/huoi-luong.toml")).unwrap();
    assert!(commune.contains("commune = \"  huoi-luong \""), "{commune}");
    assert!(
        commune.contains("\" 2.2 \" = { numerator = \" 17.85  \""),
        "{commune}"
    );
    assert_eq!(facts_of(&data, &[]), clean_facts());
}

#[test]
fn an_excel_export_in_a_vietnamese_locale_gives_the_same_facts() {
    // All at once: the long table with `;` and decimal commas, Windows-1258, CRLF, NFD
    // text in the rosters, stray spaces.
    let (_t, data) = variant(|d| {
        to_long_table(d, "2023");
        to_long_table(d, "2022");
        convert(d, |rel, t| {
            let t = if is_csv(rel) {
                rewrite_csv(t, ';', true)
            } else {
                t.to_string()
            };
            let t: String = if rel == "communes.csv" {
                t.nfd().collect()
            } else {
                t
            };
            let t = t.replace('\n', "\r\n");
            if is_csv(rel) {
                encode(&t, "windows-1258")
            } else {
                encode(&t, "utf-8-bom")
            }
        });
    });
    assert_eq!(
        facts_of(&data, &["--encoding", "windows-1258"]),
        clean_facts()
    );
}

// ---- the order files are listed in cannot matter -------------------------------------------

/// A data folder in memory whose folder listings come back in reverse order.
struct Reversed(ntm_report::load::MemoryFiles);

impl ntm_report::load::Files for Reversed {
    fn read(
        &self,
        rel: &str,
    ) -> Result<Option<ntm_report::source::SourceFile>, ntm_report::load::ReadError> {
        self.0.read(rel)
    }
    fn read_bytes(&self, rel: &str) -> Result<Option<Vec<u8>>, ntm_report::load::ReadError> {
        self.0.read_bytes(rel)
    }
    fn list(&self, rel: &str) -> Vec<String> {
        let mut v = self.0.list(rel);
        v.reverse();
        v
    }
    fn is_dir(&self, rel: &str) -> bool {
        self.0.is_dir(rel)
    }
}

fn facts_json(files: &dyn ntm_report::load::Files) -> Vec<u8> {
    let built = ntm_report::compile::facts(files, YEAR);
    let errors = built.diagnostics.sorted();
    let checked = built.output.unwrap_or_else(|| panic!("{errors:?}"));
    ntm_report::render::json::facts(&checked.facts)
}

#[test]
fn the_order_files_are_listed_in_does_not_matter() {
    let data = root().join("data");
    let mut memory = ntm_report::load::MemoryFiles::default();
    for rel in data_files(&data) {
        memory
            .bytes
            .insert(rel.clone(), fs::read(data.join(&rel)).unwrap());
    }
    let disk = facts_json(&ntm_report::load::DataDir::new(&data));
    let in_memory = facts_json(&memory);
    let reversed = facts_json(&Reversed(memory));
    assert_eq!(disk, in_memory);
    assert_eq!(disk, reversed);
    assert_eq!(disk, clean_facts(), "the binary writes the same");
}
