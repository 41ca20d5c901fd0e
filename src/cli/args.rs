//! The arguments, as clap parses them; [`super::Session`] is what the commands see.

use crate::diagnostic::Lang;
use crate::terminal::ColorWhen;
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Compiles the yearly report of the National Target Program on New Rural Development
/// (nông thôn mới) from a folder of plain data.
#[derive(Parser, Debug)]
#[command(name = "ntm-report", version, about, long_about = None)]
pub(super) struct Cli {
    /// The data folder.
    #[arg(long, global = true, default_value = "data", value_name = "DIR")]
    pub(super) data: PathBuf,
    /// How to print problems found in the data.
    #[arg(long, global = true, value_enum, default_value_t = MessageFormat::Human)]
    pub(super) message_format: MessageFormat,
    /// Treat warnings as errors.
    #[arg(long, global = true)]
    pub(super) deny_warnings: bool,
    /// A folder of templates replacing the built-in ones file by file (default: the data
    /// folder's `templates/`, when it exists).
    #[arg(long, global = true, value_name = "DIR")]
    pub(super) templates: Option<PathBuf>,
    /// The language of messages (default: Vietnamese when the locale is, else English).
    #[arg(long, global = true, value_enum)]
    pub(super) lang: Option<LangArg>,
    /// The encoding of data files that have no byte-order mark and are not UTF-8, e.g.
    /// `windows-1258` as Excel writes it (UTF-16 files with a BOM are always recognised).
    #[arg(long, global = true, value_name = "ENCODING", value_parser = parse_encoding)]
    pub(super) encoding: Option<&'static encoding_rs::Encoding>,
    /// Print only errors: no warnings, no progress bar, no line saying what was done.
    #[arg(long, short = 'q', global = true)]
    pub(super) quiet: bool,
    /// When to colour: auto (on a terminal that shows colour, unless NO_COLOR is set;
    /// CLICOLOR_FORCE forces it), always or never.
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = ColorWhen::Auto)]
    pub(super) color: ColorWhen,
    #[command(subcommand)]
    pub(super) command: Command,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub(super) enum LangArg {
    /// Tiếng Việt.
    Vi,
    /// English.
    En,
}

impl LangArg {
    pub(super) fn lang(self) -> Lang {
        match self {
            LangArg::Vi => Lang::Vi,
            LangArg::En => Lang::En,
        }
    }
}

fn parse_encoding(label: &str) -> Result<&'static encoding_rs::Encoding, String> {
    encoding_rs::Encoding::for_label(label.trim().as_bytes())
        .ok_or_else(|| format!("unknown encoding `{label}` (e.g. windows-1258, utf-16le, utf-8)"))
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum MessageFormat {
    Human,
    Json,
}

#[derive(Subcommand, Debug)]
pub(super) enum Command {
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
        /// In a folder of units: a unit with problems is left out (and named), the other
        /// units and their summary are written; the exit code is still 1.
        #[arg(long)]
        keep_going: bool,
        /// The most communes whose appendix 02a (the indicators of every commune: a table
        /// per criterion, a row per commune) and figure of the criteria by commune the Word
        /// and Markdown reports print; a unit of more communes has 02a in the workbook only
        /// and no such figure (appendix 02 has the same results), and the report says so. In
        /// a folder of units, for each unit's report.
        #[arg(long, value_name = "N", default_value_t = crate::appendix::DEFAULT_DETAIL_LIMIT)]
        detail_limit: usize,
    },
    /// Check the data of YEAR and print every problem found; write nothing.
    Check {
        /// The report year.
        year: i32,
        /// In a folder of units: check as `build --keep-going` builds, naming the units with
        /// problems and checking the others and their summary without them; the exit code
        /// is still 1.
        #[arg(long)]
        keep_going: bool,
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
    /// Print the completion script of a shell (bash, zsh, fish, powershell, elvish): e.g.
    /// `ntm-report completions bash > ~/.local/share/bash-completion/completions/ntm-report`.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Write the manual pages of ntm-report and of each command into DIR (ntm-report.1,
    /// ntm-report-build.1, …), in the language of --lang.
    Man {
        /// The folder to write into (e.g. ~/.local/share/man/man1).
        dir: PathBuf,
    },
}

/// The options of `new`: what the unit is.
#[derive(clap::Args, Debug)]
pub(super) struct NewArgs {
    /// The folder to create (or an empty one).
    pub(super) dir: PathBuf,
    /// The first report year.
    #[arg(long)]
    pub(super) year: Option<i32>,
    /// Who reports: district or province.
    #[arg(long, value_parser = ["district", "province"])]
    pub(super) level: Option<String>,
    /// The unit's own name ("Phong Thổ").
    #[arg(long)]
    pub(super) name: Option<String>,
    /// How the prose calls the unit (default: huyện for a district, tỉnh for a province).
    #[arg(long)]
    pub(super) label: Option<String>,
    /// The province the unit belongs to (for a province, itself).
    #[arg(long)]
    pub(super) province: Option<String>,
    /// The place name of the "…, ngày … tháng … năm …" line (default: the unit's name).
    #[arg(long)]
    pub(super) place: Option<String>,
    /// The issuing body (default: "ỦY BAN NHÂN DÂN HUYỆN <NAME>").
    #[arg(long)]
    pub(super) issuer: Option<String>,
    /// The issuer's parent body, first line of the header block (default: none).
    #[arg(long, default_value = "")]
    pub(super) issuer_parent: String,
    /// The issuer's abbreviation in the report number "Số: …/BC-UBND".
    #[arg(long, default_value = "UBND")]
    pub(super) abbreviation: String,
    /// The first line of the signature block.
    #[arg(long, default_value = "TM. ỦY BAN NHÂN DÂN")]
    pub(super) on_behalf: String,
    /// The signer's position.
    #[arg(long, default_value = "CHỦ TỊCH")]
    pub(super) position: String,
    /// The signer's name.
    #[arg(long)]
    pub(super) signer: Option<String>,
    /// The commune ruleset: a built-in id (`ntm-report rules`) or a file in DIR.
    #[arg(long)]
    pub(super) commune_ruleset: Option<String>,
    /// The village ruleset (optional): a built-in id or a file in DIR.
    #[arg(long)]
    pub(super) village_ruleset: Option<String>,
    /// A commune of the roster: "Tên xã" or "id=Tên xã"; repeat for each.
    #[arg(long = "commune")]
    pub(super) communes: Vec<String>,
    /// The category every commune starts in (default: the ruleset's first); check it in
    /// communes.csv.
    #[arg(long)]
    pub(super) category: Option<String>,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub(super) enum DiffFormat {
    /// Readable text, coloured on a terminal.
    Text,
    /// Markdown tables.
    #[value(alias = "markdown")]
    Md,
    /// JSON (see docs/diff-and-init.md).
    Json,
}

#[derive(Subcommand, Debug)]
pub(super) enum TemplatesAction {
    /// Write the built-in templates into DIR, to edit them (existing files are kept).
    Export {
        /// The folder to write into.
        dir: PathBuf,
    },
}
