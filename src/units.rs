//! A folder of units: an `ntm.toml` naming sub-units, each a data folder of its own
//! (`docs/data-format.md`, "A folder of units"). Every unit is compiled as a report of its
//! own (`OUT/YEAR/<id>/`), and the summary over them (`OUT/YEAR/tong-hop/`) is made from
//! the units' facts ([`summary`]); all of it is written into one staging folder that
//! replaces `OUT/YEAR` at once.

pub mod document;
pub mod summary;

use crate::compile::{self, Compiled, Input, TemplateSource, Warned};
use crate::diagnostic::{Diagnostic, Diagnostics, Message};
use crate::load::{Files, SubFiles};
use crate::output::Staging;
use crate::progress::Progress;
pub use crate::validate::units::{SUMMARY_DIR, UnitRef, UnitsConfig, is_units_folder};
use summary::Summary;

/// Every unit compiled, and the summary over them.
pub struct CompiledUnits {
    pub config: UnitsConfig,
    pub units: Vec<(UnitRef, Compiled)>,
    pub summary: Summary,
}

/// Compiles every unit of a folder of units for `year`, with its own `templates/` folder
/// or with `templates` for all, each unit's report printing appendix 02a when it has at
/// most `detail_limit` communes ([`Input::detail_limit`]); every unit's problems are
/// reported, each in its own folder (its path in front of the file). A problem in any unit
/// stops the whole.
pub fn compile(
    files: &dyn Files,
    year: i32,
    templates: Option<TemplateSource>,
    detail_limit: usize,
) -> Warned<CompiledUnits> {
    compile_units(files, year, templates, detail_limit, None)
}

/// When a unit is left out of a build that keeps going (`build --keep-going`): on an
/// error, and with `deny_warnings` on a warning too.
#[derive(Clone, Copy, Debug)]
pub struct KeepGoing {
    pub deny_warnings: bool,
}

impl KeepGoing {
    fn fails(self, diags: &Diagnostics) -> bool {
        diags.has_errors()
            || (self.deny_warnings && diags.count(crate::diagnostic::Severity::Warning) > 0)
    }
}

/// As [`compile`], but a unit with problems (`keep_going`) is left out, not the whole:
/// the other units are compiled and summed, and the summary lists the units left out
/// (`Summary::left_out`). Every unit's problems are still in the diagnostics, so the
/// caller knows the run failed. A problem of the folder of units itself, or every unit
/// left out, still gives no output.
pub fn compile_keep_going(
    files: &dyn Files,
    year: i32,
    templates: Option<TemplateSource>,
    detail_limit: usize,
    keep_going: KeepGoing,
) -> Warned<CompiledUnits> {
    compile_units(files, year, templates, detail_limit, Some(keep_going))
}

/// The folder of units' `ntm.toml`, checked; `None` (with the errors) when it has any.
fn units_config(
    files: &dyn Files,
    diagnostics: &mut Diagnostics,
) -> Option<crate::validate::units::UnitsConfig> {
    let config = crate::validate::units::config(files, diagnostics);
    config.filter(|_| !diagnostics.has_errors())
}

fn compile_units(
    files: &dyn Files,
    year: i32,
    templates: Option<TemplateSource>,
    detail_limit: usize,
    keep_going: Option<KeepGoing>,
) -> Warned<CompiledUnits> {
    let mut diagnostics = Diagnostics::new();
    let Some(config) = units_config(files, &mut diagnostics) else {
        return Warned::nothing(diagnostics);
    };
    if keep_going.is_some_and(|k| k.fails(&diagnostics)) {
        return Warned::nothing(diagnostics);
    }
    let results = compile_all(files, year, templates, detail_limit, &config.units);
    let shared = match templates {
        Some(TemplateSource::Folder { shown, .. }) => Some(shown),
        _ => None,
    };
    let mut units = Vec::new();
    let mut left_out: Vec<String> = Vec::new();
    for (u, w) in config.units.iter().zip(results) {
        let mut own = Diagnostics::new();
        for d in w.diagnostics.iter() {
            own.extend_one(in_unit(d, &u.path, shared));
        }
        let fails = keep_going.is_some_and(|k| k.fails(&own));
        diagnostics.extend(own);
        match w.output {
            Some(c) if !fails => units.push((u.clone(), c)),
            _ => left_out.push(u.id.clone()),
        }
    }
    let facts: Vec<(&UnitRef, &crate::facts::Facts)> =
        units.iter().map(|(u, c)| (u, &c.facts)).collect();
    let differing = rulesets_agree(&facts, &mut diagnostics);
    if keep_going.is_none() {
        if !left_out.is_empty() || diagnostics.has_errors() {
            return Warned::nothing(diagnostics);
        }
    } else {
        units.retain(|(u, _)| !differing.contains(&u.id));
        left_out.extend(differing);
        let order = |id: &String| config.units.iter().position(|u| &u.id == id);
        left_out.sort_by_key(order);
        if units.is_empty() {
            return Warned::nothing(diagnostics);
        }
    }
    let pairs: Vec<(&UnitRef, &crate::facts::Facts)> =
        units.iter().map(|(u, c)| (u, &c.facts)).collect();
    let mut summary = summary::summarize(&config, year, &pairs);
    summary.left_out = left_out;
    Warned {
        output: Some(CompiledUnits {
            config,
            units,
            summary,
        }),
        diagnostics,
    }
}

/// Every unit's facts for `year` and the summary over them, without the report (`diff`):
/// the same checks as [`compile`] but the templates', every unit's problems reported in
/// its folder, nothing when any unit has an error.
pub fn facts(files: &dyn Files, year: i32) -> Warned<UnitsFacts> {
    let mut diagnostics = Diagnostics::new();
    let Some(config) = units_config(files, &mut diagnostics) else {
        return Warned::nothing(diagnostics);
    };
    let results = parallel(&config.units, |u: &UnitRef| {
        compile::facts(&SubFiles::new(files, &u.path), year)
    });
    let mut units = Vec::new();
    for (u, w) in config.units.iter().zip(results) {
        for d in w.diagnostics.iter() {
            diagnostics.extend_one(in_unit(d, &u.path, None));
        }
        if let Some(c) = w.output {
            units.push((u.clone(), c.facts));
        }
    }
    let pairs: Vec<(&UnitRef, &crate::facts::Facts)> = units.iter().map(|(u, f)| (u, f)).collect();
    rulesets_agree(&pairs, &mut diagnostics);
    if units.len() < config.units.len() || diagnostics.has_errors() {
        return Warned::nothing(diagnostics);
    }
    let summary = summary::summarize(&config, year, &pairs);
    drop(pairs);
    Warned {
        output: Some(UnitsFacts { units, summary }),
        diagnostics,
    }
}

/// Every unit's facts and the summary over them.
pub struct UnitsFacts {
    pub units: Vec<(UnitRef, crate::facts::Facts)>,
    pub summary: Summary,
}

/// The units compiled side by side, as many at once as there are cores.
fn compile_all(
    files: &dyn Files,
    year: i32,
    templates: Option<TemplateSource>,
    detail_limit: usize,
    units: &[UnitRef],
) -> Vec<Warned<Compiled>> {
    let one = |u: &UnitRef| {
        let sub = SubFiles::new(files, &u.path);
        let own = SubFiles::new(&sub, crate::layout::TEMPLATES);
        let source = templates.unwrap_or(TemplateSource::Folder {
            files: &own,
            shown: crate::layout::TEMPLATES,
            required: false,
        });
        let input = Input::new(&sub, year)
            .with_templates(source)
            .with_detail_limit(detail_limit);
        compile::compile(&input)
    };
    parallel(units, one)
}

/// `init YEAR` of a folder of units: every unit's files of the new year, planned by `plan`
/// in the unit's own folder, as paths of the folder of units (`tam-duong/2024/report.toml`).
/// Every unit is planned before anything is written; the problems of every unit are
/// returned together, each located in its unit's folder, and then nothing is planned.
pub fn plan_init<T>(
    files: &dyn Files,
    plan: impl Fn(&dyn Files) -> Result<Vec<(String, T)>, Diagnostics>,
) -> Result<Vec<(String, T)>, Diagnostics> {
    let mut diagnostics = Diagnostics::new();
    let Some(config) = units_config(files, &mut diagnostics) else {
        return Err(diagnostics);
    };
    let mut planned = Vec::new();
    for u in &config.units {
        match plan(&SubFiles::new(files, &u.path)) {
            Ok(files) => {
                planned.extend(
                    files
                        .into_iter()
                        .map(|(rel, t)| (format!("{}/{rel}", u.path), t)),
                );
            }
            Err(d) => {
                for d in d.iter() {
                    diagnostics.extend_one(in_unit(d, &u.path, None));
                }
            }
        }
    }
    if diagnostics.has_errors() {
        Err(diagnostics)
    } else {
        Ok(planned)
    }
}

/// `f` of every item, in order, on at most as many threads as the machine has cores.
pub fn parallel<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads = cores.min(items.len()).max(1);
    let next = AtomicUsize::new(0);
    let out: Mutex<Vec<Option<R>>> = Mutex::new((0..items.len()).map(|_| None).collect());
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(i) else { break };
                    let r = f(item);
                    out.lock().expect("no worker panics")[i] = Some(r);
                }
            });
        }
    });
    let out = out.into_inner().expect("no worker panics");
    out.into_iter()
        .map(|r| r.expect("every item done"))
        .collect()
}

/// A unit's diagnostic as the folder of units names it: the unit's path before its file
/// (not before the files of a `--templates` folder, which are named as given).
fn in_unit(d: &Diagnostic, path: &str, shared_templates: Option<&str>) -> Diagnostic {
    let mut d = d.clone();
    let shared = shared_templates.is_some_and(|t| {
        let t = t.trim_end_matches('/');
        d.file
            .as_deref()
            .is_some_and(|f| f == t || f.starts_with(&format!("{t}/")))
    });
    match d.file.take() {
        // A built-in file or a shared templates folder, named as it is.
        Some(f) if shared || f.starts_with('<') => d.file = Some(f),
        Some(f) => d.file = Some(format!("{path}/{f}")),
        None => d.file = Some(format!("{path}/")),
    }
    d
}

/// Every unit's commune ruleset is the first unit's: a unit on another is an error in its
/// `ntm.toml`. Returns the ids of the units on another.
fn rulesets_agree(
    units: &[(&UnitRef, &crate::facts::Facts)],
    diags: &mut Diagnostics,
) -> Vec<String> {
    let mut differing = Vec::new();
    let Some((first, f)) = units.first() else {
        return differing;
    };
    let expected = &f.ruleset.id;
    for (u, f) in &units[1..] {
        if &f.ruleset.id != expected {
            let file = format!("{}/{}", u.path, crate::layout::CONFIG);
            let message = Message::UnitRulesetDiffers {
                unit: u.id.clone(),
                ruleset: f.ruleset.id.clone(),
                first: first.id.clone(),
                expected: expected.clone(),
            };
            diags.error_in(Some(&file), message);
            differing.push(u.id.clone());
        }
    }
    differing
}

impl CompiledUnits {
    /// Writes every unit's outputs into `staging/<id>/` and the summary into
    /// `staging/tong-hop/`; returns how many files were written.
    pub fn write(&self, staging: &Staging, progress: &mut Progress) -> anyhow::Result<usize> {
        let written = progress.stage("write documents", || {
            parallel(&self.units, |(u, c)| {
                c.write_in(staging, &format!("{}/", u.id), &mut Progress::silent())
            })
        });
        let mut n = 0;
        for w in written {
            n += w?;
        }
        Ok(n + write_summary(&self.summary, staging)?)
    }
}

/// The summary's files: facts.json, the Markdown and Word reports, the workbook, the chart.
fn write_summary(s: &Summary, staging: &Staging) -> anyhow::Result<usize> {
    let dir = SUMMARY_DIR;
    let year = s.year;
    staging.write_with(&format!("{dir}/{}", crate::output::FACTS), |f| {
        serde_json::to_writer_pretty(&mut *f, s)?;
        std::io::Write::write_all(f, b"\n")
    })?;
    let doc = document::document(s);
    staging.write_with(&format!("{dir}/tong-hop-{year}.md"), |f| {
        crate::render::markdown::write_report(&doc, f)
    })?;
    staging.write_with(&format!("{dir}/tong-hop-{year}.docx"), |f| {
        crate::render::docx::write(&doc, f).map_err(std::io::Error::other)?;
        Ok(())
    })?;
    let book = document::workbook(s)?;
    staging.put(&format!("{dir}/tong-hop-{year}.xlsx"), &book)?;
    let mut n = 4;
    for fig in doc.figures() {
        staging.put(&format!("{dir}/hinh/{}.svg", fig.slug), fig.svg.as_bytes())?;
        n += 1;
    }
    Ok(n)
}
