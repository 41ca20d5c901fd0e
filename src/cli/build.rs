//! `build` and `check`: the same library call ([`crate::compile::compile`]), so the same
//! problems; `build` then writes the outputs into `OUT/YEAR`.

use super::{EXIT_INVALID, EXIT_USAGE, Session, invalid};
use crate::compile::{self, Compiled, Input, TemplateSource, Warned};
use crate::diagnostic::{Message, Notice};
use crate::load::DataDir;
use crate::output::Staging;
use crate::progress::Progress;
use crate::units::CompiledUnits;
use std::path::Path;

/// What `build` is asked besides the year and the output folder.
#[derive(Clone, Copy, Debug)]
pub(super) struct Options {
    /// `--timings`: each stage's time and the peak memory after it.
    pub(super) timings: bool,
    /// `--keep-going`: in a folder of units, the units with problems left out.
    pub(super) keep_going: bool,
    /// `--detail-limit`: the most communes whose appendix 02a the report prints.
    pub(super) detail_limit: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            timings: false,
            keep_going: false,
            detail_limit: crate::appendix::DEFAULT_DETAIL_LIMIT,
        }
    }
}

/// `check YEAR`: everything a build does but the writing. With `keep_going`, in a folder
/// of units, what `build --keep-going` would do: the units with problems are named and
/// the others checked (and summed) without them; the exit code is still 1.
pub(super) fn check(s: &Session, year: i32, keep_going: bool) -> i32 {
    let mut progress = s.progress(false, 3);
    let options = Options {
        keep_going,
        ..Options::default()
    };
    let compiled = run(s, year, &mut progress, options);
    progress.finish();
    let code = match compiled {
        Ok((c, code)) => {
            let communes = c.communes();
            let left_out = c.left_out();
            if !left_out.is_empty() {
                let (count, units) = (left_out.len(), left_out.join(", "));
                s.notice(Notice::UnitsWithProblems { count, units });
                let units = c.units();
                s.say(Notice::OtherUnitsValid {
                    year,
                    units,
                    communes,
                });
            } else if code == 0 {
                s.say(Notice::DataValid { year, communes });
            }
            code
        }
        Err(code) => code,
    };
    s.finish(code, None);
    code
}

/// `build YEAR --out OUT`; with `keep_going`, a folder of units whose units have problems
/// is written without them, and the build still exits 1.
pub(super) fn build(s: &Session, year: i32, out: &Path, options: Options) -> i32 {
    // load and validate, evaluate and aggregate, report model, write documents
    let mut progress = s.progress(options.timings, 4);
    let target = out.join(year.to_string());
    let written = match run(s, year, &mut progress, options) {
        Ok((built, code)) => {
            let left_out = built.left_out();
            if !left_out.is_empty() {
                let (count, units) = (left_out.len(), left_out.join(", "));
                s.notice(Notice::UnitsLeftOut { count, units });
            }
            write(s, &built, &target, &mut progress).map(|n| (n, code))
        }
        Err(code) => Err(code),
    };
    if written.is_err() {
        let path = target.display().to_string();
        s.notice(Notice::NothingWritten { path });
    }
    progress.finish();
    match written {
        Ok((files, code)) => {
            s.finish(code, Some((files, &target)));
            code
        }
        Err(code) => {
            s.finish(code, None);
            code
        }
    }
}

/// What a build compiles: one report, or every unit of a folder of units and their summary.
enum Built {
    One(Box<Compiled>),
    Units(Box<CompiledUnits>),
}

impl Built {
    fn communes(&self) -> usize {
        match self {
            Built::One(c) => c.facts.communes.len(),
            Built::Units(u) => u.summary.total.communes,
        }
    }

    /// The units compiled (1 for a data folder).
    fn units(&self) -> usize {
        match self {
            Built::One(_) => 1,
            Built::Units(u) => u.units.len(),
        }
    }

    /// The ids of the units left out for their problems (`--keep-going`).
    fn left_out(&self) -> &[String] {
        match self {
            Built::One(_) => &[],
            Built::Units(u) => &u.summary.left_out,
        }
    }

    fn write(&self, staging: &Staging, progress: &mut Progress) -> anyhow::Result<usize> {
        match self {
            Built::One(c) => c.write(staging, progress),
            Built::Units(u) => u.write(staging, progress),
        }
    }
}

/// Compiles the year and prints every problem; the compiled report when nothing stops the
/// command (with the exit code it ends with: not 0 when units were left out), else its
/// exit code.
fn run(
    s: &Session,
    year: i32,
    progress: &mut Progress,
    options: Options,
) -> Result<(Built, i32), i32> {
    let data = s.data_dir(&s.data)?;
    if crate::units::is_units_folder(&data) {
        return run_units(s, &data, year, progress, options);
    }
    let (folder, shown, required) = match &s.templates {
        Some(dir) => (dir.clone(), dir.display().to_string(), true),
        None => {
            let dir = s.data.join(crate::layout::TEMPLATES);
            (dir.clone(), dir.display().to_string(), false)
        }
    };
    let templates = s.files(&folder);
    let input = Input::new(&data, year)
        .with_templates(TemplateSource::Folder {
            files: &templates as &DataDir,
            shown: &shown,
            required,
        })
        .with_detail_limit(options.detail_limit);
    let Warned {
        output,
        diagnostics,
    } = compile::compile_with(&input, progress);
    finish_run(s, output.map(|c| Built::One(Box::new(c))), &diagnostics).map(|b| (b, 0))
}

/// Prints the problems found; what was compiled when nothing stops the command.
fn finish_run(
    s: &Session,
    output: Option<Built>,
    diagnostics: &crate::diagnostic::Diagnostics,
) -> Result<Built, i32> {
    s.report(diagnostics, 0);
    match output {
        Some(c) if !s.failed(diagnostics) => Ok(c),
        _ if diagnostics.has_errors() => Err(invalid(diagnostics)),
        _ => Err(EXIT_INVALID),
    }
}

/// A folder of units: every unit compiled (with `--templates` for all when given, else
/// each with its own `templates/`), every unit's problems printed.
fn run_units(
    s: &Session,
    data: &DataDir,
    year: i32,
    progress: &mut Progress,
    options: Options,
) -> Result<(Built, i32), i32> {
    let keep_going = options.keep_going;
    let detail_limit = options.detail_limit;
    let shared = s
        .templates
        .as_ref()
        .map(|dir| (s.files(dir), dir.display().to_string()));
    let templates = shared
        .as_ref()
        .map(|(files, shown)| TemplateSource::Folder {
            files: files as &DataDir,
            shown,
            required: true,
        });
    let Warned {
        output,
        diagnostics,
    } = progress.stage("load and validate", || match keep_going {
        false => crate::units::compile(data, year, templates, detail_limit),
        true => {
            let deny_warnings = s.deny_warnings;
            let keep = crate::units::KeepGoing { deny_warnings };
            crate::units::compile_keep_going(data, year, templates, detail_limit, keep)
        }
    });
    match output {
        // --keep-going: the others are written (the command names the units left out); the
        // exit code says the data had problems.
        Some(u) if keep_going && s.failed(&diagnostics) => {
            s.report(&diagnostics, 0);
            let code = match diagnostics.has_errors() {
                true => invalid(&diagnostics),
                false => EXIT_INVALID,
            };
            Ok((Built::Units(Box::new(u)), code))
        }
        output => {
            finish_run(s, output.map(|u| Built::Units(Box::new(u))), &diagnostics).map(|b| (b, 0))
        }
    }
}

/// Writes a compiled report into `target`, replacing what was there only once every file
/// is written.
fn write(
    s: &Session,
    compiled: &Built,
    target: &Path,
    progress: &mut Progress,
) -> Result<usize, i32> {
    let staging = Staging::new_with(target, |dir| {
        let path = dir.display().to_string();
        let seconds = crate::output::LOCK_WAIT.as_secs();
        s.notice(Notice::Waiting { path, seconds });
    });
    let written = staging.and_then(|staging| {
        let files = compiled.write(&staging, progress)?;
        staging.commit()?;
        Ok(files)
    });
    match written {
        Ok(files) => {
            let path = target.display().to_string();
            s.say(Notice::Wrote { path, files });
            Ok(files)
        }
        Err(e) => {
            let in_use = e.downcast_ref::<crate::output::InUse>();
            match (in_use, e.downcast_ref::<crate::output::NotAReport>()) {
                // Word or Excel holds a file of the previous output: name it.
                (Some(in_use), _) => {
                    s.fail(Some(&in_use.file.display().to_string()), in_use.message())
                }
                // Somebody's files (the data itself, with `--out` the data folder).
                (None, Some(not)) => s.fail(Some(&not.folder.display().to_string()), not.message()),
                (None, None) => {
                    let detail = causes(&e);
                    let target = target.display().to_string();
                    s.fail(Some(&target), Message::CannotWriteOutput { detail })
                }
            };
            Err(EXIT_USAGE)
        }
    }
}

/// An error and its causes, as `{:#}` joins them, without a cause its error already says
/// (the zip writer's "i/o error: No space left on device" is caused by "No space left on
/// device", which was printed twice).
fn causes(e: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if !out.contains(&text) {
            if !out.is_empty() {
                out.push_str(": ");
            }
            out.push_str(&text);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::causes;

    #[test]
    fn a_cause_already_said_is_not_said_again() {
        let io = std::io::Error::from_raw_os_error(28);
        let said = io.to_string();
        let e = anyhow::Error::new(std::io::Error::other(format!("i/o error: {said}")))
            .context("cannot write a.docx");
        assert_eq!(
            causes(&e),
            format!("cannot write a.docx: i/o error: {said}")
        );
        let e = anyhow::Error::new(io).context("cannot write b.xlsx");
        assert_eq!(causes(&e), format!("cannot write b.xlsx: {said}"));
    }
}
