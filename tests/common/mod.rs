//! Helpers shared by the integration tests (each test file is its own crate and uses some).
#![allow(dead_code)]

pub mod schema;
pub mod sheets;

use ntm_report::compile::{Checked, Compiled};
use ntm_report::facts::Facts;
use ntm_report::report::model::Document;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// The shipped example's 2023 facts and the report compiled from them (which borrows
/// them), through the library's build, made once per test binary.
pub fn shipped_report() -> (&'static Facts, &'static Document<'static>) {
    static BUILT: OnceLock<Compiled> = OnceLock::new();
    static DOC: OnceLock<Document<'static>> = OnceLock::new();
    let built = BUILT.get_or_init(|| compiled(Path::new("data"), 2023));
    (&built.facts, DOC.get_or_init(|| built.document()))
}

/// A data folder's year compiled with the built-in templates, through the library's build;
/// panics with the diagnostics when the data has errors.
pub fn compiled(data: &Path, year: i32) -> Compiled {
    let files = ntm_report::load::DataDir::new(data);
    let built = ntm_report::compile::compile(&ntm_report::compile::Input::new(&files, year));
    let errors = built.diagnostics.sorted();
    built
        .output
        .unwrap_or_else(|| panic!("{} {year} compiles: {errors:#?}", data.display()))
}

/// A data folder's year checked: its dataset and facts, through the library's build;
/// panics with the diagnostics when the data has errors.
pub fn checked(data: &Path, year: i32) -> Checked {
    let files = ntm_report::load::DataDir::new(data);
    let built = ntm_report::compile::facts(&files, year);
    let errors = built.diagnostics.sorted();
    built
        .output
        .unwrap_or_else(|| panic!("{} {year} is valid: {errors:#?}", data.display()))
}

/// The program the tests run.
pub const BIN: &str = env!("CARGO_BIN_EXE_ntm-report");

/// Runs the program in English on a data folder (`--lang en --data DATA ARGS…`): its exit
/// code and what it printed on stderr.
pub fn run_en(data: &Path, args: &[&str]) -> (i32, String) {
    let out = Command::new(BIN)
        .args(["--lang", "en", "--data"])
        .arg(data)
        .args(args)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    (out.status.code().unwrap_or(-1), err)
}

/// A JSON file, read (a facts.json, a summary's facts).
pub fn json(path: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

/// Whether a program is on the PATH (LibreOffice, poppler for the round-trip tests).
pub fn on_path(cmd: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|p| std::env::split_paths(&p).any(|d| d.join(cmd).is_file()))
}

/// Whether this runs in CI, where the round-trip tests must run rather than be skipped.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0")
}

/// Copies a folder tree (a data folder into a test's temporary folder).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Runs a command with a time limit; panics on failure or timeout.
pub fn run_with_timeout(cmd: &mut Command, limit: Duration) -> String {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    let start = Instant::now();
    loop {
        match child.try_wait().unwrap() {
            Some(_) => break,
            None if start.elapsed() > limit => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("{cmd:?} did not finish within {limit:?}");
            }
            None => std::thread::sleep(Duration::from_millis(200)),
        }
    }
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The XML of a Word document's body (`word/document.xml`).
pub fn docx_body(path: &Path) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}
