//! Helpers shared by the integration tests (each test file is its own crate and uses some).
#![allow(dead_code)]

pub mod schema;
pub mod sheets;

use ntm_report::diagnostic::Diagnostics;
use ntm_report::facts::Facts;
use ntm_report::report::model::Document;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// The shipped example's 2023 facts and the report compiled from them (which borrows
/// them), through the real pipeline, made once per test binary.
pub fn shipped_report() -> (&'static Facts, &'static Document<'static>) {
    static FACTS: OnceLock<(Facts, BTreeMap<String, String>)> = OnceLock::new();
    static DOC: OnceLock<Document<'static>> = OnceLock::new();
    let (facts, narrative) = FACTS.get_or_init(|| {
        let files = ntm_report::load::DataDir::new("data");
        let mut diags = Diagnostics::new();
        let ds = ntm_report::validate::dataset(&files, 2023, &mut diags)
            .expect("the shipped data is valid");
        (ntm_report::aggregate::facts(&ds), ds.current.narrative)
    });
    let doc = DOC.get_or_init(|| {
        ntm_report::report::compile(
            facts,
            narrative,
            &ntm_report::report::templates::Templates::default(),
            &mut Diagnostics::new(),
        )
        .expect("the shipped report compiles")
    });
    (facts, doc)
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
