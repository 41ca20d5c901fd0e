//! `diff A B`: what changed between two years, or two data folders, commune by commune.

use super::args::DiffFormat;
use super::{EXIT_DIFFERENT, EXIT_INVALID, EXIT_USAGE, Session};
use crate::compile::{self, Warned};
use crate::diagnostic::{Diagnostics, Message};
use std::path::{Path, PathBuf};

/// A side of `diff`: a year of the `--data` folder, or a year folder `DIR/YEAR`.
fn side(s: &Session, arg: &str) -> Option<(PathBuf, i32)> {
    if let Ok(year) = arg.trim().parse::<i32>() {
        return Some((s.data.clone(), year));
    }
    let path = Path::new(arg);
    let year = path
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.parse::<i32>().ok())?;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    Some((dir.to_path_buf(), year))
}

pub(super) fn run(
    s: &Session,
    a: &str,
    b: &str,
    format: DiffFormat,
    exit_code: bool,
    old_communes: bool,
) -> i32 {
    let mut diags = Diagnostics::new();
    let mut sides = Vec::new();
    let mut folders = Vec::new();
    for arg in [a, b] {
        let Some((dir, year)) = side(s, arg) else {
            // Located at the argument itself: a path or a mistyped year.
            s.fail(
                Some(arg),
                Message::NotAYearOrFolder {
                    arg: arg.to_string(),
                },
            );
            return EXIT_USAGE;
        };
        let files = match s.data_dir(&dir) {
            Ok(files) => files,
            Err(_) => return EXIT_USAGE,
        };
        folders.push((files, year));
    }
    let labelled = a.trim().parse::<i32>().is_err() || b.trim().parse::<i32>().is_err();
    // Two folders of units: each unit's diff and the summary's.
    if folders
        .iter()
        .all(|(files, _)| crate::units::is_units_folder(files))
    {
        let mut sides = Vec::new();
        for (files, year) in &folders {
            let Warned {
                output,
                diagnostics,
            } = crate::units::facts(files, *year);
            diags.extend(diagnostics);
            sides.push(output);
        }
        s.report(&diags, 0);
        let invalid = if diags.has_io_errors() || exit_code {
            EXIT_USAGE
        } else {
            EXIT_INVALID
        };
        let (Some(Some(ua)), Some(Some(ub))) = (sides.first(), sides.get(1)) else {
            return invalid;
        };
        if s.failed(&diags) {
            return invalid;
        }
        let mut d = crate::diff::diff_units(ua, ub).showing_old_communes(old_communes);
        if labelled {
            d = d.with_labels(a, b);
        }
        let text = match format {
            DiffFormat::Text => {
                crate::diff::render_units_text(&d, s.lang, crate::terminal::stdout_colored())
            }
            DiffFormat::Md => crate::diff::render_units_markdown(&d),
            DiffFormat::Json => crate::diff::render_units_json(&d),
        };
        crate::terminal::print_stdout(&text);
        return if exit_code && !d.is_empty() {
            EXIT_DIFFERENT
        } else {
            0
        };
    }
    for (files, year) in &folders {
        let Warned {
            output,
            diagnostics,
        } = compile::facts(files, *year);
        diags.extend(diagnostics);
        sides.push(output.map(|c| c.facts));
    }
    s.report(&diags, 0);
    // With --exit-code, 1 means "different", so any trouble is 2, as with diff(1).
    let invalid = if diags.has_io_errors() || exit_code {
        EXIT_USAGE
    } else {
        EXIT_INVALID
    };
    let (Some(Some(fa)), Some(Some(fb))) = (sides.first(), sides.get(1)) else {
        return invalid;
    };
    if s.failed(&diags) {
        return invalid;
    }
    let mut d = crate::diff::diff(fa, fb).showing_old_communes(old_communes);
    if labelled {
        d = d.with_labels(a, b);
    }
    let text = match format {
        DiffFormat::Text => crate::diff::render_text(&d, s.lang, crate::terminal::stdout_colored()),
        DiffFormat::Md => crate::diff::render_markdown(&d),
        DiffFormat::Json => crate::diff::render_json(&d),
    };
    crate::terminal::print_stdout(&text);
    if exit_code && !d.is_empty() {
        EXIT_DIFFERENT
    } else {
        0
    }
}
