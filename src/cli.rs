//! The command line: parses arguments, runs a command, prints diagnostics, returns the
//! exit code (0 success, 1 invalid data, 2 usage or I/O error).

use crate::diagnostic::{Diagnostics, Hint, Lang, Message, Notice, Severity};
use crate::load::DataDir;
use crate::output::Staging;
use crate::progress::Progress;
use crate::report::templates::Templates;
use crate::ruleset::{self, Kind, Ruleset};
use crate::{aggregate, diagnostic, render, report, validate};
use clap::{Parser, Subcommand, ValueEnum};
use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;

/// Exit code: the data is invalid.
pub const EXIT_INVALID: i32 = 1;
/// Exit code: bad usage, or a file could not be read or written.
pub const EXIT_USAGE: i32 = 2;

/// Compiles the yearly report of the National Target Program on New Rural Development
/// (nông thôn mới) from a folder of plain data.
#[derive(Parser, Debug)]
#[command(name = "ntm-report", version, about, long_about = None)]
pub struct Cli {
    /// The data folder.
    #[arg(long, global = true, default_value = "data", value_name = "DIR")]
    data: PathBuf,
    /// How to print problems found in the data.
    #[arg(long, global = true, value_enum, default_value_t = MessageFormat::Human)]
    message_format: MessageFormat,
    /// Treat warnings as errors.
    #[arg(long, global = true)]
    deny_warnings: bool,
    /// A folder of templates replacing the built-in ones file by file (default: the data
    /// folder's `templates/`, when it exists).
    #[arg(long, global = true, value_name = "DIR")]
    templates: Option<PathBuf>,
    /// The language of messages (default: Vietnamese when the locale is, else English).
    #[arg(long, global = true, value_enum)]
    lang: Option<LangArg>,
    /// The encoding of data files that have no byte-order mark and are not UTF-8, e.g.
    /// `windows-1258` as Excel writes it (UTF-16 files with a BOM are always recognised).
    #[arg(long, global = true, value_name = "ENCODING", value_parser = parse_encoding)]
    encoding: Option<&'static encoding_rs::Encoding>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
enum LangArg {
    /// Tiếng Việt.
    Vi,
    /// English.
    En,
}

fn parse_encoding(label: &str) -> Result<&'static encoding_rs::Encoding, String> {
    encoding_rs::Encoding::for_label(label.trim().as_bytes())
        .ok_or_else(|| format!("unknown encoding `{label}` (e.g. windows-1258, utf-16le, utf-8)"))
}

impl Cli {
    /// The language messages are shown in.
    fn lang(&self) -> Lang {
        match self.lang {
            Some(LangArg::Vi) => Lang::Vi,
            Some(LangArg::En) => Lang::En,
            None => Lang::from_env(),
        }
    }

    /// Prints a notice on stderr, as a line of text or as a JSON object.
    fn notice(&self, notice: Notice) {
        let lang = self.lang();
        let line = match self.message_format {
            MessageFormat::Human => notice.text(lang),
            MessageFormat::Json => notice.to_json(lang),
        };
        eprintln!("{line}");
    }
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
enum MessageFormat {
    Human,
    Json,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Compile the report of YEAR into OUT/YEAR (facts.json and the documents).
    Build {
        /// The report year.
        year: i32,
        /// The output folder; the year's outputs go to OUT/YEAR.
        #[arg(long, default_value = "out", value_name = "OUT")]
        out: PathBuf,
        /// Print how long each stage took, and the peak memory after it.
        #[arg(long)]
        timings: bool,
    },
    /// Check the data of YEAR and print every problem found; write nothing.
    Check {
        /// The report year.
        year: i32,
    },
    /// Work with the report templates.
    Templates {
        #[command(subcommand)]
        action: TemplatesAction,
    },
    /// Show what changed between two years, or two data folders, commune by commune.
    ///
    /// A and B are each a year of the data folder (`2023`) or a year folder of any data
    /// folder (`old/2023`).
    Diff {
        /// The earlier side: YEAR or DIR/YEAR.
        a: String,
        /// The later side: YEAR or DIR/YEAR.
        b: String,
        /// The output format.
        #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
        format: DiffFormat,
        /// Exit with 1 when there are differences, 0 when there are none, 2 on any trouble
        /// (invalid data, bad usage), like diff(1).
        #[arg(long)]
        exit_code: bool,
        /// Across a merger of communes, also list A by its own (old) communes and where
        /// each went (the JSON form always has them).
        #[arg(long)]
        old_communes: bool,
    },
    /// Start the folder of YEAR from YEAR-1: report.toml, one file per commune with last
    /// year's declared statuses (to be confirmed), villages.csv, templates and narrative
    /// fragments. Existing files are kept, never overwritten.
    Init {
        /// The new report year.
        year: i32,
        /// Write the commune statuses, indicator values, villages and documents as one
        /// workbook to fill in, YEAR/nhap-lieu.xlsx, instead of commune files and
        /// villages.csv.
        #[arg(long)]
        workbook: bool,
    },
    /// Start a data folder for a unit with no previous year: ntm.toml, the commune roster,
    /// and the first year with its workbook to fill in (YEAR/nhap-lieu.xlsx). What is not
    /// given as an option is asked for. A folder that holds ntm.toml is refused.
    New(Box<NewArgs>),
    /// Check a report written by hand (Word, Markdown or text) against itself and, with
    /// --year, against the data: counts against names, percentages against ratios, totals
    /// against parts, classes and averages against the per-criterion lists.
    Audit {
        /// The report: a .docx, .md or text file.
        file: PathBuf,
        /// Compare with the data of YEAR in the --data folder.
        #[arg(long)]
        year: Option<i32>,
        /// Also list the sentences with numbers that were not understood as a claim.
        #[arg(long)]
        verbose: bool,
    },
    /// Print a criteria ruleset as a table (the built-in ones when none is named).
    Rules {
        /// A built-in ruleset id or a ruleset file.
        ruleset: Option<String>,
        /// List only the thresholds not yet checked against the official text.
        #[arg(long)]
        unverified: bool,
    },
}

/// The options of `new`: what the unit is.
#[derive(clap::Args, Debug)]
struct NewArgs {
    /// The folder to create (or an empty one).
    dir: PathBuf,
    /// The first report year.
    #[arg(long)]
    year: Option<i32>,
    /// Who reports: district or province.
    #[arg(long, value_parser = ["district", "province"])]
    level: Option<String>,
    /// The unit's own name ("Phong Thổ").
    #[arg(long)]
    name: Option<String>,
    /// How the prose calls the unit (default: huyện for a district, tỉnh for a province).
    #[arg(long)]
    label: Option<String>,
    /// The province the unit belongs to (for a province, itself).
    #[arg(long)]
    province: Option<String>,
    /// The place name of the "…, ngày … tháng … năm …" line (default: the unit's name).
    #[arg(long)]
    place: Option<String>,
    /// The issuing body (default: "ỦY BAN NHÂN DÂN HUYỆN <NAME>").
    #[arg(long)]
    issuer: Option<String>,
    /// The issuer's parent body, first line of the header block (default: none).
    #[arg(long, default_value = "")]
    issuer_parent: String,
    /// The issuer's abbreviation in the report number "Số: …/BC-UBND".
    #[arg(long, default_value = "UBND")]
    abbreviation: String,
    /// The first line of the signature block.
    #[arg(long, default_value = "TM. ỦY BAN NHÂN DÂN")]
    on_behalf: String,
    /// The signer's position.
    #[arg(long, default_value = "CHỦ TỊCH")]
    position: String,
    /// The signer's name.
    #[arg(long)]
    signer: Option<String>,
    /// The commune ruleset: a built-in id (`ntm-report rules`) or a file in DIR.
    #[arg(long)]
    commune_ruleset: Option<String>,
    /// The village ruleset (optional): a built-in id or a file in DIR.
    #[arg(long)]
    village_ruleset: Option<String>,
    /// A commune of the roster: "Tên xã" or "id=Tên xã"; repeat for each.
    #[arg(long = "commune")]
    communes: Vec<String>,
    /// The category every commune starts in (default: the ruleset's first); check it in
    /// communes.csv.
    #[arg(long)]
    category: Option<String>,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
enum DiffFormat {
    /// Readable text, coloured on a terminal.
    Text,
    /// Markdown tables.
    #[value(alias = "markdown")]
    Md,
    /// JSON (see docs/diff-and-init.md).
    Json,
}

#[derive(Subcommand, Debug)]
enum TemplatesAction {
    /// Write the built-in templates into DIR, to edit them (existing files are kept).
    Export {
        /// The folder to write into.
        dir: PathBuf,
    },
}

/// Runs the command line and returns the exit code.
pub fn run<I, T>(args: I) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { EXIT_USAGE } else { 0 };
        }
    };
    match &cli.command {
        Command::Build { year, out, timings } => build(&cli, *year, Some(out), *timings),
        Command::Check { year } => build(&cli, *year, None, false),
        Command::Rules {
            ruleset,
            unverified,
        } => rules(ruleset.as_deref(), *unverified),
        Command::New(args) => new_unit(&cli, args),
        Command::Templates {
            action: TemplatesAction::Export { dir },
        } => export_templates(dir),
        Command::Diff {
            a,
            b,
            format,
            exit_code,
            old_communes,
        } => diff(&cli, a, b, *format, *exit_code, *old_communes),
        Command::Init { year, workbook } => init(&cli, *year, *workbook),
        Command::Audit {
            file,
            year,
            verbose,
        } => crate::audit::command::run(&crate::audit::command::Options {
            file: file.clone(),
            data: year.map(|y| (cli.data.clone(), y)),
            verbose: *verbose,
            json: cli.message_format == MessageFormat::Json,
            lang: cli.lang(),
            encoding: cli.encoding,
        }),
    }
}

/// Prints the diagnostics from the `shown`-th on (those not printed yet), then, when there
/// were any, the count of all; returns how many are now printed.
fn report(cli: &Cli, diags: &Diagnostics, shown: usize) -> usize {
    let lang = cli.lang();
    let mut err = std::io::stderr().lock();
    let mut new = Diagnostics::new();
    for d in diags.iter().skip(shown) {
        new.extend_one(d.clone());
    }
    if new.is_empty() {
        return shown;
    }
    if cli.message_format == MessageFormat::Json {
        for d in new.sorted() {
            let _ = writeln!(err, "{}", d.to_json(lang));
        }
    } else {
        // Many warnings of one kind: the first few, then their count.
        let limit = diagnostic::WARNINGS_SHOWN_PER_KIND;
        let (shown, more) = diagnostic::shown_in_human_form(new.sorted(), limit);
        // Styled, and written through anstream, which drops the styles where colour is off.
        let styles = diagnostic::Styles::when(crate::term::stderr_colored());
        let mut colored = anstream::AutoStream::auto(std::io::stderr());
        for d in shown {
            let _ = writeln!(colored, "{}", d.render_styled(lang, &styles));
        }
        for (code, count) in more {
            let _ = writeln!(err, "{}\n", Notice::MoreWarnings { count, code }.text(lang));
        }
    }
    if cli.message_format == MessageFormat::Human {
        let (errors, warnings) = (diags.count(Severity::Error), diags.count(Severity::Warning));
        if errors + warnings > 0 {
            let summary = Notice::Summary { errors, warnings };
            let _ = writeln!(err, "{}", summary.text(lang));
        }
    }
    diags.len()
}

/// The exit code of a run stopped by problems: 2 when a path could not be read, else 1.
fn invalid(diags: &Diagnostics) -> i32 {
    if diags.has_io_errors() {
        EXIT_USAGE
    } else {
        EXIT_INVALID
    }
}

/// Says that a failed build left the output folder as it was.
fn nothing_written(cli: &Cli, target: &std::path::Path) {
    let path = target.display().to_string();
    cli.notice(Notice::NothingWritten { path });
}

fn build(cli: &Cli, year: i32, out: Option<&PathBuf>, timings: bool) -> i32 {
    if !cli.data.is_dir() {
        eprintln!(
            "error: the data folder `{}` does not exist",
            cli.data.display()
        );
        return EXIT_USAGE;
    }
    // load and validate, evaluate and aggregate, report model, write documents
    let mut progress = Progress::new(timings, 4);
    let code = build_stages(cli, year, out, &mut progress);
    progress.finish();
    code
}

fn build_stages(cli: &Cli, year: i32, out: Option<&PathBuf>, progress: &mut Progress) -> i32 {
    let files = DataDir::new(&cli.data).with_encoding(cli.encoding);
    let mut diags = Diagnostics::new();
    let ds = progress.stage("load and validate", || {
        validate::dataset(&files, year, &mut diags)
    });
    let failed = diags.has_errors() || (cli.deny_warnings && diags.count(Severity::Warning) > 0);
    let Some(mut ds) = ds.filter(|_| !failed) else {
        report(cli, &diags, 0);
        if let Some(out) = out {
            nothing_written(cli, &out.join(year.to_string()));
        }
        return invalid(&diags);
    };
    let facts = progress.stage("evaluate and aggregate", || aggregate::facts(&ds));
    // A commune's criteria without any status, in one warning at the place its data was
    // given (its commune file, its row of a table or sheet).
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
            None => diags.warning_in(Some(&format!("{year}/")), message),
        };
    }
    let shown = report(cli, &diags, 0);
    if cli.deny_warnings && diags.count(Severity::Warning) > 0 {
        if let Some(out) = out {
            nothing_written(cli, &out.join(year.to_string()));
        }
        return EXIT_INVALID;
    }
    let Some(out) = out else {
        let communes = facts.communes.len();
        println!("{}", Notice::DataValid { year, communes }.text(cli.lang()));
        return 0;
    };
    // The report states results computed with the ruleset's thresholds: say once how many
    // of those it used are not verified against the official text.
    let r = &facts.ruleset;
    if r.thresholds_unverified > 0 {
        let message = Message::UnverifiedThresholds {
            ruleset: r.id.clone(),
            unverified: r.thresholds_unverified,
            used: r.thresholds_used,
        };
        diags.warning_in(Some(&ds.commune_rules.file), message);
    }
    let Some(templates) = load_templates(cli, &mut diags) else {
        report(cli, &diags, shown);
        nothing_written(cli, &out.join(year.to_string()));
        return invalid(&diags);
    };
    let target = out.join(year.to_string());
    let staging = Staging::new_with(&target, |dir| {
        let path = dir.display().to_string();
        let seconds = crate::output::LOCK_WAIT.as_secs();
        cli.notice(Notice::Waiting { path, seconds });
    });
    let staging = match staging {
        Ok(staging) => staging,
        Err(e) => {
            eprintln!("error: {e:#}");
            nothing_written(cli, &target);
            return EXIT_USAGE;
        }
    };
    // From here on only the facts and the narrative are needed.
    let narrative = std::mem::take(&mut ds.current.narrative);
    drop(ds);
    // facts.json needs only the facts: it is written while the report is compiled.
    let written = std::thread::scope(|s| {
        let json = s.spawn(|| staging.write_with("facts.json", |f| render::json::write(&facts, f)));
        let doc = progress.stage("report model", || {
            report::compile(&facts, &narrative, &templates, &mut diags)
        });
        report(cli, &diags, shown);
        let doc = doc.filter(|_| !(cli.deny_warnings && diags.count(Severity::Warning) > 0))?;
        Some(progress.stage("write documents", || {
            json.join().expect("the JSON writer does not panic")?;
            write_all(&staging, year, &facts, &doc).map(|n| n + 1)
        }))
    });
    let Some(written) = written else {
        nothing_written(cli, &target);
        return EXIT_INVALID;
    };
    match written.and_then(|files| staging.commit().map(|()| files)) {
        Ok(files) => {
            let path = target.display().to_string();
            println!("{}", Notice::Wrote { path, files }.text(cli.lang()));
            0
        }
        Err(e) => {
            match e.downcast_ref::<crate::output::InUse>() {
                Some(in_use) => {
                    let mut diags = Diagnostics::new();
                    let file = in_use.file.display().to_string();
                    diags.error_in(Some(&file), in_use.message());
                    report(cli, &diags, 0);
                }
                None => eprintln!("error: {e:#}"),
            }
            nothing_written(cli, &target);
            EXIT_USAGE
        }
    }
}

/// Writes the documents of a build (all outputs but facts.json) into the staging folder, each
/// as soon as it is made; returns how many files were written. The Word and Excel writers
/// are independent, so they run side by side.
fn write_all(
    staging: &Staging,
    year: i32,
    facts: &crate::facts::Facts,
    doc: &report::model::Document,
) -> anyhow::Result<usize> {
    let docx = format!("bao-cao-ntm-{year}.docx");
    let xlsx = format!("phu-bieu-{year}.xlsx");
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
        put(format!("bao-cao-ntm-{year}.md"), &|f| {
            render::markdown::write_report(doc, f)
        })?;
        for a in &doc.appendices {
            put(format!("phu-bieu/{}.md", a.slug()), &|f| {
                render::markdown::write_appendix(doc, a, f)
            })?;
        }
        for fig in doc.figures() {
            put(format!("hinh/{}.svg", fig.slug), &|f| {
                f.write_all(fig.svg.as_bytes())
            })?;
        }
        docx.join().expect("the Word writer does not panic")?;
        xlsx.join().expect("the Excel writer does not panic")
    })?;
    Ok(n)
}

/// The built-in templates, with the user's replacements read from the templates folder.
fn load_templates(cli: &Cli, diags: &mut Diagnostics) -> Option<Templates> {
    let mut t = Templates::default();
    let dir = match &cli.templates {
        Some(d) if !d.is_dir() => {
            let file = d.display().to_string();
            diags.error_in(Some(&file), Message::TemplatesFolderMissing);
            return None;
        }
        Some(d) => d.clone(),
        None => cli.data.join("templates"),
    };
    let files = DataDir::new(&dir).with_encoding(cli.encoding);
    let shown_dir = dir.display().to_string();
    let names = validate::list_as(&files, "", shown_dir.trim_end_matches('/'), diags);
    if diags.has_io_errors() {
        return None;
    }
    for name in names {
        let shown = dir.join(&name).display().to_string();
        match crate::load::Files::read(&files, &name) {
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
            Err(e) => {
                crate::validate::read_error(&shown, e, diags);
                return None;
            }
        }
    }
    Some(t)
}

fn export_templates(dir: &std::path::Path) -> i32 {
    for (name, text) in Templates::defaults() {
        let path = dir.join(name);
        match crate::output::write_new_file(dir, name, text.as_bytes()) {
            Ok(true) => println!("wrote    {}", path.display()),
            Ok(false) => println!("kept     {} (exists)", path.display()),
            Err(e) => {
                eprintln!("error: cannot write {}: {e}", path.display());
                return EXIT_USAGE;
            }
        }
    }
    0
}

fn load_ruleset(name: &str) -> Result<Ruleset, i32> {
    let src = match ruleset::builtin(name) {
        Some(s) => s,
        None => match crate::load::read_file(std::path::Path::new(name)) {
            Ok(Some(bytes)) => {
                match crate::source::SourceFile::from_bytes(name.to_string(), &bytes) {
                    Ok(s) => s,
                    Err(e) => {
                        eprintln!("error: {name}: {e}");
                        return Err(EXIT_INVALID);
                    }
                }
            }
            Ok(None) => {
                eprintln!("error: `{name}` is neither a built-in ruleset nor a readable file");
                let ids: Vec<&str> = ruleset::BUILTIN.iter().map(|b| b.0).collect();
                eprintln!("  = help: built-in rulesets: {}", ids.join(", "));
                return Err(EXIT_USAGE);
            }
            Err(e) => {
                eprintln!("error: {name}: {e}");
                return Err(EXIT_USAGE);
            }
        },
    };
    let mut diags = Diagnostics::new();
    let mut open = |n: &str, at: &crate::source::Location, d: &mut Diagnostics| {
        let found = ruleset::builtin(n).or_else(|| {
            let bytes = std::fs::read(n).ok()?;
            crate::source::SourceFile::from_bytes(n.to_string(), &bytes).ok()
        });
        if found.is_none() {
            let message = crate::diagnostic::Message::UnknownBuiltinRuleset {
                name: n.to_string(),
            };
            d.error(at, message);
        }
        found
    };
    match ruleset::parse_with_bases(&src, &mut open, &mut diags) {
        Some(r) => Ok(r),
        None => {
            for d in diags.sorted() {
                eprintln!("{}", d.render(Lang::from_env()));
            }
            Err(EXIT_INVALID)
        }
    }
}

fn rules(name: Option<&str>, unverified: bool) -> i32 {
    let names: Vec<&str> = match name {
        Some(n) => vec![n],
        None => ruleset::BUILTIN.iter().map(|b| b.0).collect(),
    };
    let mut out = String::new();
    for n in names {
        match load_ruleset(n) {
            Ok(r) => out.push_str(&if unverified {
                unverified_table(&r)
            } else {
                rules_table(&r)
            }),
            Err(code) => return code,
        }
    }
    print!("{out}");
    0
}

fn years(t: &ruleset::Threshold) -> String {
    match (t.from_year, t.to_year) {
        (None, None) => "mọi năm".into(),
        (Some(a), None) => format!("từ {a}"),
        (None, Some(b)) => format!("đến {b}"),
        (Some(a), Some(b)) if a == b => a.to_string(),
        (Some(a), Some(b)) => format!("{a}–{b}"),
    }
}

/// A ruleset as a readable table.
pub fn rules_table(r: &Ruleset) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    let _ = writeln!(s, "{} — {}", r.id, r.name);
    let _ = writeln!(s, "  {}", r.legal_source);
    if !r.based_on.is_empty() {
        let _ = writeln!(s, "  dựa trên: {}", r.based_on);
    }
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "{:<7} {:<8} {:<18} nội dung",
        "chỉ tiêu", "loại", "ngưỡng"
    );
    for g in &r.groups {
        let _ = writeln!(s, "{}. {}", g.id, g.name);
        for c in r.criteria.iter().filter(|c| c.group == g.id) {
            let _ = writeln!(s, "  {:>2}. {}", c.number, c.name);
            for i in &c.indicators {
                let mut thresholds: Vec<String> = i
                    .thresholds
                    .iter()
                    .map(|t| {
                        let cats = if t.categories.is_empty() {
                            String::new()
                        } else {
                            format!(" [{}]", t.categories.join(","))
                        };
                        let mark = if t.verified { "" } else { "*" };
                        format!(
                            "{} {}{mark} ({}){cats}",
                            i.comparator.map_or("", |c| c.symbol()),
                            t.value,
                            years(t)
                        )
                    })
                    .collect();
                if thresholds.is_empty() {
                    thresholds.push(if i.kind == Kind::YesNo {
                        "đạt".into()
                    } else {
                        "—".into()
                    });
                }
                let exists = if i.if_exists && !i.content.contains("(nếu có)") {
                    " (nếu có)"
                } else {
                    ""
                };
                let _ = writeln!(
                    s,
                    "      {:<6} {:<8} {:<18} {}{exists}",
                    i.id,
                    i.kind.name(),
                    thresholds[0],
                    i.content
                );
                for t in &thresholds[1..] {
                    let _ = writeln!(s, "      {:<6} {:<8} {t}", "", "");
                }
            }
        }
    }
    let _ = writeln!(
        s,
        "\n* chưa đối chiếu với văn bản chính thức (not checked against the official text)\n"
    );
    s
}

/// The thresholds of a ruleset not yet checked against the official text.
pub fn unverified_table(r: &Ruleset) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    let mut n = 0;
    let _ = writeln!(
        s,
        "{} — thresholds not checked against the official text:",
        r.id
    );
    for i in r.indicators() {
        let unverified: Vec<&ruleset::Threshold> =
            i.thresholds.iter().filter(|t| !t.verified).collect();
        if i.kind == Kind::YesNo && !i.verified {
            n += 1;
            let _ = writeln!(s, "  {:<6} yes_no {:<22} source: {}", i.id, "", i.source);
        }
        for t in unverified {
            n += 1;
            let cats = if t.categories.is_empty() {
                String::new()
            } else {
                format!(" [{}]", t.categories.join(","))
            };
            let what = format!(
                "{} {} ({}){cats}",
                i.comparator.map_or("", |c| c.symbol()),
                t.value,
                years(t)
            );
            let _ = writeln!(s, "  {:<6} {:<29} source: {}", i.id, what, t.source);
        }
    }
    let _ = writeln!(s, "{n} unverified\n");
    s
}

/// Exit code of `diff --exit-code` when the two sides differ.
pub const EXIT_DIFFERENT: i32 = 1;

/// A side of `diff`: a year of the `--data` folder, or a year folder `DIR/YEAR`.
fn diff_side(cli: &Cli, arg: &str) -> Result<(PathBuf, i32), String> {
    if let Ok(year) = arg.trim().parse::<i32>() {
        return Ok((cli.data.clone(), year));
    }
    let path = std::path::Path::new(arg);
    let year = path
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.parse::<i32>().ok())
        .ok_or_else(|| format!("`{arg}` is neither a year nor a year folder (DIR/YEAR)"))?;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    Ok((dir.to_path_buf(), year))
}

fn diff(cli: &Cli, a: &str, b: &str, format: DiffFormat, exit_code: bool, old: bool) -> i32 {
    // With --exit-code, 1 means "different", so any trouble is 2, as with diff(1).
    let invalid = if exit_code { EXIT_USAGE } else { EXIT_INVALID };
    let mut diags = Diagnostics::new();
    let mut sides = Vec::new();
    for arg in [a, b] {
        let (dir, year) = match diff_side(cli, arg) {
            Ok(side) => side,
            Err(e) => {
                eprintln!("error: {e}");
                return EXIT_USAGE;
            }
        };
        if !dir.is_dir() {
            eprintln!("error: the data folder `{}` does not exist", dir.display());
            return EXIT_USAGE;
        }
        let files = DataDir::new(&dir).with_encoding(cli.encoding);
        sides.push(validate::dataset(&files, year, &mut diags).map(|ds| aggregate::facts(&ds)));
    }
    report(cli, &diags, 0);
    let failed = diags.has_errors() || (cli.deny_warnings && diags.count(Severity::Warning) > 0);
    let invalid = if diags.has_io_errors() {
        EXIT_USAGE
    } else {
        invalid
    };
    let (Some(Some(fa)), Some(Some(fb))) = (sides.first(), sides.get(1)) else {
        return invalid;
    };
    if failed {
        return invalid;
    }
    let mut d = crate::diff::diff(fa, fb).showing_old_communes(old);
    if a.trim().parse::<i32>().is_err() || b.trim().parse::<i32>().is_err() {
        d = d.with_labels(a, b);
    }
    let text = match format {
        DiffFormat::Text => crate::diff::render_text(&d, cli.lang(), crate::term::stdout_colored()),
        DiffFormat::Md => crate::diff::render_markdown(&d),
        DiffFormat::Json => crate::diff::render_json(&d),
    };
    crate::term::print_stdout(&text);
    if exit_code && !d.is_empty() {
        EXIT_DIFFERENT
    } else {
        0
    }
}

fn init(cli: &Cli, year: i32, workbook: bool) -> i32 {
    if !cli.data.is_dir() {
        eprintln!(
            "error: the data folder `{}` does not exist",
            cli.data.display()
        );
        return EXIT_USAGE;
    }
    let files = DataDir::new(&cli.data).with_encoding(cli.encoding);
    let planned = if workbook {
        crate::scaffold::plan_init_workbook(&files, year)
    } else {
        crate::scaffold::plan_init(&files, year).map(|p| {
            p.into_iter()
                .map(|(rel, text)| (rel, text.into_bytes()))
                .collect()
        })
    };
    let planned = match planned {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_INVALID;
        }
    };
    match crate::scaffold::write_new(&cli.data, &planned) {
        Ok(done) => {
            for (rel, created) in &done {
                let path = cli.data.join(rel);
                if *created {
                    println!("wrote    {}", path.display());
                } else {
                    println!("kept     {} (exists)", path.display());
                }
            }
            let created = done.iter().filter(|(_, c)| *c).count();
            println!(
                "{created} file(s) created, {} kept. The statuses carried over from {} are to be confirmed; then run `ntm-report check {year}`.",
                done.len() - created,
                year - 1
            );
            0
        }
        Err(e) => {
            eprintln!("error: {e}");
            EXIT_USAGE
        }
    }
}

/// Asks for a value on stderr and reads one line of stdin; `default` when the answer is
/// empty or at the end of the input. Asks only on a terminal: otherwise (a script, CI) the
/// answer is `default` at once.
fn ask(question: &str, default: Option<&str>) -> Option<String> {
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() {
        return default.map(str::to_string);
    }
    let mut err = std::io::stderr().lock();
    match default {
        Some(d) if !d.is_empty() => {
            let _ = write!(err, "{question} [{d}]: ");
        }
        _ => {
            let _ = write!(err, "{question}: ");
        }
    }
    let _ = err.flush();
    let mut line = String::new();
    match std::io::stdin().read_line(&mut line) {
        Ok(0) | Err(_) => default.map(str::to_string),
        Ok(_) => {
            let answer = line.trim();
            if answer.is_empty() {
                default.map(str::to_string)
            } else {
                Some(answer.to_string())
            }
        }
    }
}

fn new_unit(cli: &Cli, a: &NewArgs) -> i32 {
    use crate::scaffold::new::{NewUnit, default_issuer, default_label, plan_new};
    if a.dir.join("ntm.toml").exists() {
        eprintln!(
            "error: {} already holds a data folder (ntm.toml): start a new year there with `ntm-report --data {} init YEAR --workbook`",
            a.dir.display(),
            a.dir.display()
        );
        return EXIT_USAGE;
    }
    let vi = cli.lang() == Lang::Vi;
    let q = |en: &str, vi_text: &str| {
        if vi {
            vi_text.to_string()
        } else {
            en.to_string()
        }
    };
    let mut missing: Vec<&str> = Vec::new();
    let mut get =
        |given: &Option<String>, flag: &'static str, question: String, default: Option<String>| {
            let v = given.clone().or_else(|| ask(&question, default.as_deref()));
            if v.as_deref().is_none_or(str::is_empty) {
                missing.push(flag);
            }
            v.unwrap_or_default()
        };
    let year = get(
        &a.year.map(|y| y.to_string()),
        "--year",
        q("First report year", "Năm báo cáo đầu tiên"),
        None,
    );
    let level = get(
        &a.level,
        "--level",
        q(
            "Level (district or province)",
            "Cấp báo cáo (district: huyện, province: tỉnh)",
        ),
        Some("district".into()),
    );
    let name = get(
        &a.name,
        "--name",
        q("Name of the unit", "Tên đơn vị (ví dụ: Phong Thổ)"),
        None,
    );
    let label = get(
        &a.label,
        "--label",
        q(
            "How the report calls the unit",
            "Cách gọi đơn vị trong báo cáo",
        ),
        Some(default_label(&level).into()),
    );
    let province = get(&a.province, "--province", q("Province", "Tỉnh"), None);
    let issuer = get(
        &a.issuer,
        "--issuer",
        q("Issuing body", "Cơ quan ban hành"),
        Some(default_issuer(&label, &name)),
    );
    let signer = get(
        &a.signer,
        "--signer",
        q("Name of the signer", "Họ tên người ký"),
        None,
    );
    let commune_ruleset = get(
        &a.commune_ruleset,
        "--commune-ruleset",
        q(
            "Commune ruleset (ntm-report rules lists them)",
            "Bộ tiêu chí xã (xem: ntm-report rules)",
        ),
        None,
    );
    let mut communes = a.communes.clone();
    if communes.is_empty() {
        let question = q(
            "Communes, one per line (an empty line ends)",
            "Tên các xã, mỗi dòng một xã (dòng trống để kết thúc)",
        );
        if std::io::IsTerminal::is_terminal(&std::io::stdin()) {
            eprintln!("{question}:");
        }
        while let Some(c) = ask("  ", None).filter(|c| !c.is_empty()) {
            communes.push(c);
        }
        if communes.is_empty() {
            missing.push("--commune");
        }
    }
    if !missing.is_empty() {
        eprintln!(
            "error: `new` needs {} (as options, or answered when asked)",
            missing.join(", ")
        );
        return EXIT_USAGE;
    }
    let Ok(year) = year.parse::<i32>() else {
        eprintln!("error: the year `{year}` is not a number");
        return EXIT_USAGE;
    };
    let unit = NewUnit {
        year,
        place: a.place.clone().unwrap_or_else(|| name.clone()),
        level,
        name,
        label,
        province,
        issuer_parent: a.issuer_parent.clone(),
        issuer,
        abbreviation: a.abbreviation.clone(),
        on_behalf: a.on_behalf.clone(),
        position: a.position.clone(),
        signer,
        commune_ruleset,
        village_ruleset: a.village_ruleset.clone(),
        communes,
        category: a.category.clone(),
    };
    let files = DataDir::new(&a.dir).with_encoding(cli.encoding);
    let planned = match plan_new(&files, &unit) {
        Ok(p) => p,
        Err(diags) => {
            report(cli, &diags, 0);
            return EXIT_INVALID;
        }
    };
    match crate::scaffold::write_new(&a.dir, &planned) {
        Ok(done) => {
            for (rel, created) in &done {
                let path = a.dir.join(rel);
                if *created {
                    println!("wrote    {}", path.display());
                } else {
                    println!("kept     {} (exists)", path.display());
                }
            }
            let created = done.iter().filter(|(_, c)| *c).count();
            let dir = a.dir.display();
            println!(
                "{created} file(s) created, {} kept. Check the communes' categories in {dir}/communes.csv and list the villages in {dir}/villages.csv; fill in {dir}/{year}/nhap-lieu.xlsx; then `ntm-report --data {dir} check {year}` says what remains.",
                done.len() - created,
            );
            0
        }
        Err(e) => {
            eprintln!("error: {e}");
            EXIT_USAGE
        }
    }
}
