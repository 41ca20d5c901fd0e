//! The `audit` command: reads the report, compiles the data when a year is given, audits,
//! prints the findings (human or JSON, one per line) and the summary, and returns the exit
//! code: 0 when clean, 1 with findings (or invalid data), 2 when a file cannot be read.

use super::data::Known;
use super::document::Document;
use super::{Report, audit, read};
use crate::compile::Warned;
use crate::diagnostic::{Diagnostics, Lang, Message, Notice, Severity};
use std::io::Write;
use std::path::PathBuf;

/// What the command line asked for.
pub struct Options {
    pub file: PathBuf,
    /// The data folder and the year to compare with, when a year was given.
    pub data: Option<(PathBuf, i32)>,
    pub verbose: bool,
    pub json: bool,
    pub lang: Lang,
    pub encoding: Option<&'static encoding_rs::Encoding>,
}

/// Runs an audit and returns the exit code.
pub fn run(o: &Options) -> i32 {
    let name = o.file.display().to_string();
    let cannot_read = |detail: String| {
        let mut diags = Diagnostics::new();
        diags.error_in(Some(&name), Message::CannotRead { detail });
        print_diagnostics(o, &diags);
        crate::cli::EXIT_USAGE
    };
    let bytes = match crate::load::report_file(&o.file) {
        Ok(b) => b,
        Err(e) => return cannot_read(e.to_string()),
    };
    let doc = match read(&name, bytes, o.encoding) {
        Ok(d) => d,
        Err(super::ReadError::TooLarge(bytes)) => {
            let mut diags = Diagnostics::new();
            let limit = super::max_document_size();
            diags.error_in(Some(&name), Message::ReportTooLarge { bytes, limit });
            print_diagnostics(o, &diags);
            return crate::cli::EXIT_USAGE;
        }
        Err(e) => return cannot_read(e.to_string()),
    };
    let known = match &o.data {
        Some((dir, year)) => match compiled(o, dir, *year) {
            Ok(k) => Some(k),
            Err(code) => return code,
        },
        None => None,
    };
    let report = audit(&doc, known.as_ref());
    print(o, &doc, &report);
    if report.findings.is_empty() {
        0
    } else {
        crate::cli::EXIT_INVALID
    }
}

/// The facts of the data folder's year, in the audit's terms; the diagnostics and an exit
/// code when the data is invalid.
fn compiled(o: &Options, dir: &std::path::Path, year: i32) -> Result<Known, i32> {
    if !dir.is_dir() {
        let mut diags = Diagnostics::new();
        diags.error_in(Some(&dir.display().to_string()), Message::NoDataFolder);
        print_diagnostics(o, &diags);
        return Err(crate::cli::EXIT_USAGE);
    }
    let files = crate::load::DataDir::new(dir).with_encoding(o.encoding);
    let Warned {
        output,
        diagnostics,
    } = crate::compile::facts(&files, year);
    match output.filter(|_| !diagnostics.has_errors()) {
        Some(checked) => Ok(Known::from_facts(&checked.facts)),
        None => {
            print_diagnostics(o, &diagnostics);
            Err(crate::cli::EXIT_INVALID)
        }
    }
}

/// Prints the problems of the inputs (the report, the data), human or JSON.
fn print_diagnostics(o: &Options, diags: &Diagnostics) {
    let mut err = std::io::stderr().lock();
    for d in diags.sorted() {
        let _ = match o.json {
            true => writeln!(err, "{}", d.to_json(o.lang)),
            false => writeln!(err, "{}", d.render(o.lang)),
        };
    }
}

fn print(o: &Options, doc: &Document, r: &Report) {
    let mut out = std::io::stdout().lock();
    for f in &r.findings {
        let _ = match o.json {
            true => writeln!(out, "{}", f.to_json(doc, o.lang)),
            false => writeln!(out, "{}", f.render(doc, o.lang)),
        };
    }
    if o.verbose {
        for (unit, range) in &r.not_understood {
            let place = super::finding::place_of(doc, *unit, range.start).text(o.lang);
            let sentence = doc.units[*unit].text[range.clone()].replace(['\n', '\t'], " ");
            let notice = Notice::NotUnderstood { place, sentence };
            let _ = match o.json {
                true => writeln!(out, "{}", notice.to_json(o.lang)),
                false => writeln!(out, "note: {}", notice.text(o.lang)),
            };
        }
    }
    let count = |s| r.findings.iter().filter(|f| f.severity == s).count();
    let summary = Notice::AuditSummary {
        claims: r.claims,
        checked: r.checked,
        contradicted: r.contradicted,
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
        unclear: r.not_understood.len(),
    };
    let _ = if o.json {
        let json = serde_json::json!({
            "severity": "note",
            "code": summary.code(),
            "message": summary.text(o.lang),
            "claims": r.claims,
            "checked": r.checked,
            "contradicted": r.contradicted,
            "errors": count(Severity::Error),
            "warnings": count(Severity::Warning),
            "not_understood": r.not_understood.len(),
        });
        writeln!(out, "{json}")
    } else {
        writeln!(out, "{}", summary.text(o.lang))
    };
}
