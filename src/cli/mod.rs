//! The command line: parses the arguments once into a checked [`Session`], runs a command
//! (one file each), prints what it has to say through the diagnostic catalogue, returns
//! the exit code (0 success, 1 invalid data, 2 usage or I/O error).

mod args;
mod audit;
mod build;
mod diff;
pub mod help;
mod init;
mod new;
mod rules;
mod templates;
mod usage;

use crate::diagnostic::{self, Diagnostics, Lang, Message, Notice, Severity};
use crate::load::DataDir;
use args::{Cli, Command, TemplatesAction};
use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};

pub use args::MessageFormat;
pub use rules::{rules_table, unverified_table};

/// Exit code: the data is invalid.
pub const EXIT_INVALID: i32 = 1;
/// Exit code: bad usage, or a file could not be read or written.
pub const EXIT_USAGE: i32 = 2;
/// Exit code of `diff --exit-code` when the two sides differ.
pub const EXIT_DIFFERENT: i32 = 1;

/// What every command shares, checked once from the arguments: the data folder, how and
/// in which language to print, whether warnings fail, where the templates are.
pub struct Session {
    pub data: PathBuf,
    pub lang: Lang,
    pub format: MessageFormat,
    pub deny_warnings: bool,
    /// The `--templates` folder, when given.
    pub templates: Option<PathBuf>,
    /// The encoding of data files that have no byte-order mark and are not UTF-8.
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// `--quiet`: only errors are printed.
    pub quiet: bool,
    /// The errors and warnings reported so far, for the summary record.
    tally: std::cell::Cell<(usize, usize)>,
}

impl Session {
    /// The session of parsed arguments: `--lang`, or else the locale.
    fn of(cli: &Cli) -> Session {
        Session {
            data: cli.data.clone(),
            lang: cli.lang.map_or_else(Lang::from_env, args::LangArg::lang),
            format: cli.message_format,
            deny_warnings: cli.deny_warnings,
            templates: cli.templates.clone(),
            encoding: cli.encoding,
            quiet: cli.quiet,
            tally: Default::default(),
        }
    }

    /// A folder of data files, read with the session's encoding.
    pub fn files(&self, dir: &Path) -> DataDir {
        DataDir::new(dir).with_encoding(self.encoding)
    }

    /// The data folder, or (printed) the error that it does not exist.
    pub fn data_dir(&self, dir: &Path) -> Result<DataDir, i32> {
        if dir.is_dir() {
            Ok(self.files(dir))
        } else {
            Err(self.fail(Some(&dir.display().to_string()), Message::NoDataFolder))
        }
    }

    /// Whether problems stop the command: an error, or with `--deny-warnings` a warning.
    pub fn failed(&self, diags: &Diagnostics) -> bool {
        diags.has_errors() || (self.deny_warnings && diags.count(Severity::Warning) > 0)
    }

    /// Prints one error (at `file`, when it has one) and returns its exit code.
    pub fn fail(&self, file: Option<&str>, message: Message) -> i32 {
        let mut diags = Diagnostics::new();
        diags.error_in(file, message);
        self.report(&diags, 0);
        invalid(&diags)
    }

    /// Prints the diagnostics from the `shown`-th on (those not printed yet), then, in the
    /// human form when there were any, the count of all; returns how many are now printed.
    pub fn report(&self, diags: &Diagnostics, shown: usize) -> usize {
        let lang = self.lang;
        let mut err = std::io::stderr().lock();
        let mut new = Diagnostics::new();
        for d in diags.iter().skip(shown) {
            new.extend_one(d.clone());
        }
        if new.is_empty() {
            return shown;
        }
        let sorted = new.sorted();
        let (e, w) = self.tally.get();
        let count = |s| sorted.iter().filter(|d| d.severity == s).count();
        self.tally
            .set((e + count(Severity::Error), w + count(Severity::Warning)));
        // --quiet: errors only.
        let sorted: Vec<_> = sorted
            .into_iter()
            .filter(|d| !self.quiet || d.severity == Severity::Error)
            .collect();
        if self.format == MessageFormat::Json {
            for d in sorted {
                let _ = writeln!(err, "{}", d.to_json(lang));
            }
            return diags.len();
        }
        // Many warnings of one kind: the first few, then their count.
        let limit = diagnostic::WARNINGS_SHOWN_PER_KIND;
        let (shown, more) = diagnostic::shown_in_human_form(sorted, limit);
        // Styled, and written through anstream, which drops the styles where colour is off.
        let styles = diagnostic::Styles::when(crate::terminal::stderr_colored());
        let mut colored = anstream::AutoStream::auto(std::io::stderr());
        for d in shown {
            let _ = writeln!(colored, "{}", d.render_styled(lang, &styles));
        }
        for (severity, code, count) in more {
            let notice = match severity {
                Severity::Error => Notice::MoreErrors { count, code },
                Severity::Warning => Notice::MoreWarnings { count, code },
            };
            let _ = writeln!(err, "{}\n", notice.text(lang));
        }
        let (errors, warnings) = (diags.count(Severity::Error), diags.count(Severity::Warning));
        if errors > 0 || (warnings > 0 && !self.quiet) {
            let summary = Notice::Summary { errors, warnings };
            let _ = writeln!(err, "{}", summary.text(lang));
        }
        diags.len()
    }

    /// The progress of a build: the stage bar only when stderr is for a person (not with
    /// `--quiet` or `--message-format json`).
    pub fn progress(&self, timings: bool, stages: u64) -> crate::progress::Progress {
        let p = crate::progress::Progress::new(timings, stages);
        if self.format == MessageFormat::Json {
            p.as_json()
        } else if self.quiet {
            p.without_bar()
        } else {
            p
        }
    }

    /// Prints a notice on stderr, as a line of text or as a JSON object; with `--quiet`,
    /// only the notices that go with an error.
    pub fn notice(&self, notice: Notice) {
        if self.quiet && !matches!(notice, Notice::NothingWritten { .. }) {
            return;
        }
        eprintln!("{}", self.form(&notice));
    }

    /// Prints a command's result on stdout, as a line of text or as a JSON object (not
    /// with `--quiet`).
    pub fn say(&self, notice: Notice) {
        if !self.quiet {
            println!("{}", self.form(&notice));
        }
    }

    /// The last line of a `build` or `check` with `--message-format json`: the summary
    /// record, as cargo ends with `build-finished` — the errors and warnings reported, the
    /// files written and the output folder (null for `check`, or when nothing was written).
    pub fn finish(&self, code: i32, written: Option<(usize, &Path)>) {
        if self.format != MessageFormat::Json {
            return;
        }
        #[derive(serde::Serialize)]
        struct Summary {
            severity: &'static str,
            code: &'static str,
            message: String,
            schema_version: u32,
            success: bool,
            exit_code: i32,
            errors: usize,
            warnings: usize,
            files_written: usize,
            output: Option<String>,
        }
        let (errors, warnings) = self.tally.get();
        let json = Summary {
            severity: "note",
            code: "summary",
            message: Notice::Summary { errors, warnings }.text(self.lang),
            schema_version: diagnostic::SCHEMA_VERSION,
            success: code == 0,
            exit_code: code,
            errors,
            warnings,
            files_written: written.map_or(0, |(n, _)| n),
            output: written.map(|(_, dir)| dir.display().to_string()),
        };
        let json = serde_json::to_string(&json).expect("plain data serialises");
        eprintln!("{json}");
    }

    fn form(&self, notice: &Notice) -> String {
        match self.format {
            MessageFormat::Human => notice.text(self.lang),
            MessageFormat::Json => notice.to_json(self.lang),
        }
    }

    /// Says, for each file `init`, `new` or `templates export` planned, whether it was
    /// written or kept; returns how many were written.
    pub fn list_written(&self, root: &Path, done: &[(String, bool)]) -> usize {
        for (rel, created) in done {
            let path = root.join(rel).display().to_string();
            self.say(if *created {
                Notice::FileWritten { path }
            } else {
                Notice::FileKept { path }
            });
        }
        done.iter().filter(|(_, c)| *c).count()
    }
}

/// The exit code of a run stopped by problems: 2 when a path could not be read, else 1.
pub fn invalid(diags: &Diagnostics) -> i32 {
    if diags.has_io_errors() {
        EXIT_USAGE
    } else {
        EXIT_INVALID
    }
}

/// Runs the command line and returns the exit code.
pub fn run<I, T>(args: I) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    use clap::{FromArgMatches as _, ValueEnum as _};
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    // What the help, clap's own messages and a usage error need, before the parse.
    let early = |name| help::early(&args, name);
    let color = early("--color")
        .and_then(|v| crate::terminal::ColorWhen::from_str(&v, false).ok())
        .unwrap_or_default();
    crate::terminal::set(color);
    let lang = early("--lang")
        .and_then(|v| args::LangArg::from_str(&v, false).ok())
        .map_or_else(Lang::from_env, args::LangArg::lang);
    let parsed = help::command(lang)
        .color(color.clap())
        .try_get_matches_from(&args)
        .and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(c) => c,
        Err(e) if e.use_stderr() => {
            let json = early("--message-format").as_deref() == Some("json");
            usage::print(&e, &args, lang, json);
            return EXIT_USAGE;
        }
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { EXIT_USAGE } else { 0 };
        }
    };
    let session = Session::of(&cli);
    let s = &session;
    match cli.command {
        Command::Completions { shell } => {
            let mut cmd = help::command(s.lang);
            let mut out = std::io::stdout().lock();
            clap_complete::generate(shell, &mut cmd, "ntm-report", &mut out);
            0
        }
        Command::Man { dir } => {
            let pages = help::man_pages(s.lang);
            match crate::output::write_files(&dir, &pages) {
                Ok(()) => {
                    for (name, _) in &pages {
                        let path = dir.join(name).display().to_string();
                        s.say(Notice::FileWritten { path });
                    }
                    0
                }
                Err(e) => {
                    let path = dir.display().to_string();
                    let detail = e.to_string();
                    s.fail(Some(&path), Message::CannotWrite { detail })
                }
            }
        }
        Command::Build {
            year,
            out,
            timings,
            keep_going,
            detail_limit,
        } => {
            let options = build::Options {
                timings,
                keep_going,
                detail_limit,
            };
            build::build(s, year, &out, options)
        }
        Command::Check { year, keep_going } => build::check(s, year, keep_going),
        Command::Rules {
            ruleset,
            unverified,
        } => rules::run(s, ruleset.as_deref(), unverified),
        Command::New(args) => new::run(s, &args),
        Command::Templates {
            action: TemplatesAction::Export { dir },
        } => templates::export(s, &dir),
        Command::Diff {
            a,
            b,
            format,
            exit_code,
            old_communes,
        } => diff::run(s, &a, &b, format, exit_code, old_communes),
        Command::Init { year, workbook } => init::run(s, year, workbook),
        Command::Audit {
            file,
            year,
            verbose,
        } => audit::run(s, file, year, verbose),
    }
}
