//! The build as one library call: [`compile`] runs load → validate → evaluate → carry →
//! aggregate → report for a year and returns the result with every problem found
//! ([`Warned`], as typst's `compile` returns its document with its warnings). `check` and
//! `build` both call it, so they find the same problems; `build` then writes
//! ([`Compiled::write`]). [`facts`] stops after aggregate, for what needs only the facts
//! (`diff`, `init`, `audit --year`).

use crate::dataset::Dataset;
use crate::diagnostic::{Diagnostics, Hint, Message, Severity};
use crate::facts::Facts;
use crate::load::Files;
use crate::output::Staging;
use crate::progress::Progress;
use crate::report::model::Document;
use crate::report::templates::Templates;
use crate::{aggregate, render, report, validate};
use std::borrow::Cow;
use std::io::Write;

/// A result with the problems found on the way to it.
#[derive(Debug)]
pub struct Warned<T> {
    /// The result; `None` when the input has errors (they are among `diagnostics`).
    pub output: Option<T>,
    /// Every problem found, errors and warnings, in the order found.
    pub diagnostics: Diagnostics,
}

impl<T> Warned<T> {
    /// No result: the problems found say why.
    pub fn nothing(diagnostics: Diagnostics) -> Self {
        Warned {
            output: None,
            diagnostics,
        }
    }

    /// Whether the run failed: an error, or with `deny_warnings` a warning.
    pub fn failed(&self, deny_warnings: bool) -> bool {
        self.output.is_none()
            || self.diagnostics.has_errors()
            || (deny_warnings && self.diagnostics.count(Severity::Warning) > 0)
    }
}

/// Where the report's templates come from.
#[derive(Clone, Copy)]
pub enum TemplateSource<'a> {
    /// The built-in templates only.
    BuiltIn,
    /// A set of templates already made.
    Given(&'a Templates),
    /// A folder whose files replace the built-in templates of the same name, `shown` as
    /// messages name it. With `required`, a missing folder is an error; without (the data
    /// folder's `templates/`), it means the built-in templates.
    Folder {
        files: &'a dyn Files,
        shown: &'a str,
        required: bool,
    },
}

/// What a build reads: the data folder, the year, the templates, and the most communes
/// whose appendix 02a the report prints.
#[derive(Clone, Copy)]
pub struct Input<'a> {
    pub files: &'a dyn Files,
    pub year: i32,
    pub templates: TemplateSource<'a>,
    /// Above this many communes, appendix 02a is in the workbook only
    /// ([`crate::appendix::detail_moved`]).
    pub detail_limit: usize,
}

impl<'a> Input<'a> {
    /// The year of a data folder, with the built-in templates and the default detail limit.
    pub fn new(files: &'a dyn Files, year: i32) -> Self {
        Input {
            files,
            year,
            templates: TemplateSource::BuiltIn,
            detail_limit: crate::appendix::DEFAULT_DETAIL_LIMIT,
        }
    }

    /// The same, with templates from a folder.
    pub fn with_templates(mut self, templates: TemplateSource<'a>) -> Self {
        self.templates = templates;
        self
    }

    /// The same, printing appendix 02a only for at most `limit` communes.
    pub fn with_detail_limit(mut self, limit: usize) -> Self {
        self.detail_limit = limit;
        self
    }
}

/// A year's checked data and its facts.
#[derive(Debug)]
pub struct Checked {
    pub dataset: Dataset,
    pub facts: Facts,
}

/// A compiled report: the facts and the templates' output, from which the document model
/// is assembled (it borrows the facts: appendix 02a's rows are made when a writer asks).
#[derive(Debug)]
pub struct Compiled {
    pub facts: Facts,
    rendered: report::Rendered,
}

impl Compiled {
    /// The document model every writer renders.
    pub fn document(&self) -> Document<'_> {
        report::assemble(&self.facts, &self.rendered)
    }

    /// Writes every output of the year into `staging` (facts.json beside the documents,
    /// the Word and Excel writers side by side); returns how many files were written.
    pub fn write(&self, staging: &Staging, progress: &mut Progress) -> anyhow::Result<usize> {
        self.write_in(staging, "", progress)
    }

    /// As [`Compiled::write`], into the folder `dir` (empty, or ending in `/`) of the
    /// staging folder: a unit's folder in a build of a folder of units.
    pub fn write_in(
        &self,
        staging: &Staging,
        dir: &str,
        progress: &mut Progress,
    ) -> anyhow::Result<usize> {
        let facts = &self.facts;
        std::thread::scope(|s| {
            let json = s.spawn(|| {
                staging.write_with(&format!("{dir}{}", crate::output::FACTS), |f| {
                    render::json::write(facts, f)
                })
            });
            progress.stage("write documents", || {
                let doc = self.document();
                let n = write_documents(staging, dir, facts, &doc)?;
                json.join().expect("the JSON writer does not panic")?;
                Ok(n + 1)
            })
        })
    }
}

/// Load, validate, evaluate, carry and aggregate a year: its facts, with every problem of
/// its data (those of the report's templates are [`compile`]'s).
pub fn facts(files: &dyn Files, year: i32) -> Warned<Checked> {
    facts_with(files, year, &mut Progress::silent())
}

fn facts_with(files: &dyn Files, year: i32, progress: &mut Progress) -> Warned<Checked> {
    let mut diagnostics = Diagnostics::new();
    let ds = progress.stage("load and validate", || {
        validate::dataset(files, year, &mut diagnostics)
    });
    let Some(dataset) = ds.filter(|_| !diagnostics.has_errors()) else {
        return Warned::nothing(diagnostics);
    };
    let facts = progress.stage("evaluate and aggregate", || aggregate::facts(&dataset));
    criteria_without_status(&facts, &dataset, &mut diagnostics);
    Warned {
        output: Some(Checked { dataset, facts }),
        diagnostics,
    }
}

/// The whole build of a year but the writing: its facts and its report, with every
/// problem of the data and of the templates.
pub fn compile(input: &Input) -> Warned<Compiled> {
    compile_with(input, &mut Progress::silent())
}

/// As [`compile`], showing the stages on `progress` (`--timings`, the bar of long builds).
pub fn compile_with(input: &Input, progress: &mut Progress) -> Warned<Compiled> {
    let Warned {
        output,
        mut diagnostics,
    } = facts_with(input.files, input.year, progress);
    let Some(Checked {
        mut dataset,
        mut facts,
    }) = output
    else {
        return Warned::nothing(diagnostics);
    };
    let diags = &mut diagnostics;
    unverified_thresholds(&facts, &dataset.commune_rules.file, diags);
    facts.appendix_02a_moved = crate::appendix::detail_moved(&facts, input.detail_limit);
    // From here on only the facts and the narrative are needed.
    let narrative = std::mem::take(&mut dataset.current.narrative);
    drop(dataset);
    let templates = load_templates(&input.templates, diags);
    let rendered = templates.and_then(|t| {
        progress.stage("report model", || {
            report::render(&facts, &narrative, &t, diags)
        })
    });
    let output = rendered.map(|rendered| Compiled { facts, rendered });
    Warned {
        output,
        diagnostics,
    }
}

/// A commune's criteria without any status, in one warning at the place its data was given
/// (its commune file, its row of a table or sheet).
fn criteria_without_status(facts: &Facts, ds: &Dataset, diags: &mut Diagnostics) {
    for (f, data) in facts.communes.iter().zip(&ds.current.communes) {
        let mut missing: Vec<u32> = f
            .criteria
            .iter()
            .filter(|c| c.declared.is_none() && c.computed.is_none())
            .map(|c| c.number)
            .collect();
        if missing.is_empty() {
            continue;
        }
        missing.sort_unstable();
        let missing: Vec<String> = missing.iter().map(u32::to_string).collect();
        let message = Message::CriterionWithoutStatus {
            commune: f.name.clone(),
            count: missing.len(),
            criteria: missing.join(", "),
        };
        match &data.place {
            Some(place) => diags.warning(place, message),
            None => diags.warning_in(Some(&crate::layout::Year(facts.year).shown()), message),
        };
    }
}

/// The report states results computed with the ruleset's thresholds: says once how many of
/// those it used are not verified against the official text.
fn unverified_thresholds(facts: &Facts, ruleset_file: &str, diags: &mut Diagnostics) {
    let r = &facts.ruleset;
    if r.thresholds_unverified > 0 {
        let message = Message::UnverifiedThresholds {
            ruleset: r.id.clone(),
            unverified: r.thresholds_unverified,
            used: r.thresholds_used,
        };
        diags.warning_in(Some(ruleset_file), message);
    }
}

/// The built-in templates, with the replacements read from the templates folder.
fn load_templates<'t>(
    from: &TemplateSource<'t>,
    diags: &mut Diagnostics,
) -> Option<Cow<'t, Templates>> {
    let (files, shown, required) = match *from {
        TemplateSource::BuiltIn => return Some(Cow::Owned(Templates::default())),
        TemplateSource::Given(t) => return Some(Cow::Borrowed(t)),
        TemplateSource::Folder {
            files,
            shown,
            required,
        } => (files, shown, required),
    };
    let mut t = Templates::default();
    if required && !files.is_dir("") {
        diags.error_in(Some(shown), Message::TemplatesFolderMissing);
        return None;
    }
    let shown_dir = shown.trim_end_matches('/');
    let names = validate::list_as(files, "", shown_dir, diags);
    if diags.has_io_errors() {
        return None;
    }
    for name in names {
        let shown = format!("{shown_dir}/{name}");
        // Every file of the folder is held to the size of a template, known or not, before
        // it is decoded.
        match files.read_at_most(&name, report::templates::MAX_TEMPLATE_BYTES) {
            Ok(Some(mut src)) => {
                src.name.clone_from(&shown);
                validate::note_invisible(&src, diags);
                if !t.replace(&name, shown.clone(), src.text) {
                    let known: Vec<&str> = Templates::defaults().map(|(n, _)| n).collect();
                    let d = diags.warning_in(Some(&shown), Message::UnknownTemplate);
                    d.hint = crate::diagnostic::did_you_mean(&name, known.iter().copied()).or(
                        Some(Hint::TemplateNames {
                            names: known.join(", "),
                        }),
                    );
                }
            }
            Ok(None) => {}
            Err(crate::load::ReadError::TooLarge { bytes }) => {
                let limit = report::templates::max_template_size();
                let message = Message::TemplateFileTooLarge { bytes, limit };
                diags.error_in(Some(&shown), message).hint = Some(Hint::TemplateLimits);
                return None;
            }
            Err(e) => {
                validate::read_error(&shown, e, diags);
                return None;
            }
        }
    }
    Some(Cow::Owned(t))
}

/// Writes the documents of a build (all outputs but facts.json) into the staging folder,
/// each as soon as it is made; returns how many files were written. The Word and Excel
/// writers are independent, so they run side by side.
fn write_documents(
    staging: &Staging,
    dir: &str,
    facts: &Facts,
    doc: &Document,
) -> anyhow::Result<usize> {
    let year = facts.year;
    let docx = format!("{dir}bao-cao-ntm-{year}.docx");
    let xlsx = format!("{dir}{}", crate::appendix::workbook_file(year));
    let mut n = 2;
    std::thread::scope(|s| -> anyhow::Result<()> {
        let docx = s.spawn(|| {
            staging.write_with(&docx, |f| {
                render::docx::write(doc, f).map_err(std::io::Error::other)?;
                Ok(())
            })
        });
        let xlsx = s.spawn(|| {
            staging.write_with(&xlsx, |f| {
                render::xlsx::write(facts, doc, f).map_err(std::io::Error::other)?;
                Ok(())
            })
        });
        let mut put = |rel: String, write: &dyn Fn(&mut dyn Write) -> std::io::Result<()>| {
            n += 1;
            staging.write_with(&rel, |f| write(f))
        };
        put(format!("{dir}bao-cao-ntm-{year}.md"), &|f| {
            render::markdown::write_report(doc, f)
        })?;
        for a in &doc.appendices {
            put(format!("{dir}phu-bieu/{}.md", a.slug()), &|f| {
                render::markdown::write_appendix(doc, a, f)
            })?;
        }
        for fig in doc.figures() {
            put(format!("{dir}hinh/{}.svg", fig.slug), &|f| {
                f.write_all(fig.svg.as_bytes())
            })?;
        }
        docx.join().expect("the Word writer does not panic")?;
        xlsx.join().expect("the Excel writer does not panic")
    })?;
    Ok(n)
}
