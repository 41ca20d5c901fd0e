//! Turns the files of a data folder into a checked [`Dataset`], reporting every problem
//! found in one run. Nothing after this stage can fail.

mod commune;
mod config;
mod table;
pub mod workbook;
mod year;

pub use config::default_classes;

use crate::dataset::Dataset;
use crate::diagnostic::{Diagnostics, Hint, Message, What};
use crate::load::{Files, ReadError};
use crate::ruleset::{Kind, Ruleset};
use crate::source::SourceFile;
use std::collections::HashMap;
use table::{Row, Table};

/// A data folder's setup, without any year: `ntm.toml`, the rosters and the rulesets.
pub struct Setup {
    pub config: crate::dataset::Config,
    pub communes: Vec<crate::dataset::Commune>,
    pub villages: Vec<crate::dataset::Village>,
    pub commune_rules: Ruleset,
    pub village_rules: Option<Ruleset>,
}

/// Validates `ntm.toml` and the rulesets it names; `None` (with the errors) when it cannot.
pub fn configuration(
    files: &dyn Files,
    diags: &mut Diagnostics,
) -> Option<(crate::dataset::Config, Ruleset, Option<Ruleset>)> {
    let loaded = config::config(files, diags)?;
    let rules = loaded.commune_rules?;
    (!diags.has_errors()).then_some((loaded.config, rules, loaded.village_rules))
}

/// Validates a data folder's setup (no year is read): for a year's workbook written before
/// the year has data.
pub fn setup(files: &dyn Files, diags: &mut Diagnostics) -> Option<Setup> {
    let loaded = config::config(files, diags)?;
    let commune_rules = loaded.commune_rules?;
    let communes = config::communes(files, Some(&commune_rules), diags)?;
    let villages = config::villages(files, &communes, diags);
    (!diags.has_errors()).then_some(Setup {
        config: loaded.config,
        communes,
        villages,
        commune_rules,
        village_rules: loaded.village_rules,
    })
}

/// Validates the data of `year` (and of the year before, when its folder exists).
pub fn dataset(files: &dyn Files, year: i32, diags: &mut Diagnostics) -> Option<Dataset> {
    let loaded = config::config(files, diags);
    let commune_rules = loaded.as_ref().and_then(|l| l.commune_rules.clone());
    let communes = config::communes(files, commune_rules.as_ref(), diags);
    let villages = communes
        .as_deref()
        .map(|c| config::villages(files, c, diags))
        .unwrap_or_default();
    if !files.is_dir(&year.to_string()) {
        let have: Vec<String> = (1900..2200)
            .filter(|y| files.is_dir(&y.to_string()))
            .map(|y| y.to_string())
            .collect();
        let d = diags.error_in(Some(&format!("{year}/")), Message::NoYearFolder { year });
        d.hint = Some(if have.is_empty() {
            Hint::CreateYearFolder
        } else {
            Hint::YearsWithData {
                years: have.join(", "),
            }
        });
        return None;
    }
    let (loaded, communes, rules) = (loaded?, communes?, commune_rules?);
    check_thresholds(&rules, &communes, year, diags);
    let village_rules = loaded.village_rules;
    for rs in std::iter::once(&rules).chain(village_rules.as_ref()) {
        check_years(rs, year, diags, true);
        if files.is_dir(&(year - 1).to_string()) {
            check_years(rs, year - 1, diags, false);
        }
    }
    let ctx = year::Context {
        files,
        communes: &communes,
        villages: &villages,
        rules: &rules,
        village_rules: village_rules.as_ref(),
    };
    let previous_exists = files.is_dir(&(year - 1).to_string());
    if previous_exists {
        check_thresholds(&rules, &communes, year - 1, diags);
    }
    // The two years are independent: they are read and checked side by side, each with its
    // own diagnostics, which are then merged (the output is sorted, so order does not show).
    let (current, previous) = std::thread::scope(|s| {
        let prev = previous_exists.then(|| {
            s.spawn(|| {
                let mut d = Diagnostics::new();
                let y = year::year(&ctx, year - 1, &mut d);
                (y, d)
            })
        });
        let current = year::year(&ctx, year, diags);
        let previous = prev.map(|h| h.join().expect("validation does not panic"));
        (current, previous)
    });
    let previous = previous.and_then(|(y, d)| {
        diags.extend(d);
        y
    });
    if diags.has_errors() {
        return None;
    }
    Some(Dataset {
        config: loaded.config,
        communes,
        villages,
        commune_rules: rules,
        village_rules,
        current: current?,
        previous,
    })
}

/// Every measured indicator needs a threshold for every commune category in use.
fn check_thresholds(
    rules: &Ruleset,
    communes: &[crate::dataset::Commune],
    year: i32,
    diags: &mut Diagnostics,
) {
    // Unknown categories are reported on the roster, not once per indicator here.
    let mut categories: Vec<&str> = communes
        .iter()
        .map(|c| c.category.as_str())
        .filter(|c| rules.categories.iter().any(|k| k.id == *c))
        .collect();
    categories.sort_unstable();
    categories.dedup();
    for ind in rules.indicators().filter(|i| i.kind != Kind::YesNo) {
        for cat in &categories {
            if ind.threshold(year, cat).is_none() {
                let message = Message::NoThreshold {
                    indicator: ind.id.clone(),
                    year,
                    category: cat.to_string(),
                };
                diags.error(&ind.location, message).hint = Some(Hint::AddThreshold);
            }
        }
    }
}

/// A ruleset applied to a year outside the years it is in force: an error for the report
/// year, a warning for the year before (only compared with).
fn check_years(rules: &Ruleset, year: i32, diags: &mut Diagnostics, report_year: bool) {
    let inside =
        rules.valid_from.is_none_or(|y| y <= year) && rules.valid_to.is_none_or(|y| year <= y);
    if inside {
        return;
    }
    let bound = |y: Option<i32>| y.map_or("…".to_string(), |y| y.to_string());
    let message = Message::RulesetOutsideYears {
        id: rules.id.clone(),
        year,
        from: bound(rules.valid_from),
        to: bound(rules.valid_to),
    };
    let file = Some(rules.file.as_str());
    let d = if report_year {
        diags.error_in(file, message)
    } else {
        diags.warning_in(file, message)
    };
    d.hint = Some(Hint::RulesetYears);
}

/// Reports a file that exists but cannot be read, under the name `rel` it is shown as.
pub(crate) fn read_error(rel: &str, e: ReadError, diags: &mut Diagnostics) {
    match e {
        ReadError::Io(detail) => {
            diags.error_in(Some(rel), Message::CannotRead { detail });
        }
        ReadError::NotAFile(kind) => {
            diags.error_in(Some(rel), Message::NotAFile { kind }).hint = Some(Hint::SymlinkRule);
        }
        ReadError::NotAFolder(kind) => {
            diags.error_in(Some(rel), Message::NotAFolder { kind }).hint = Some(Hint::SymlinkRule);
        }
        ReadError::BrokenLink => {
            diags.error_in(Some(rel), Message::BrokenLink).hint = Some(Hint::SymlinkRule);
        }
        ReadError::TooLarge { bytes } => {
            diags.error_in(Some(rel), Message::FileTooLarge { bytes });
        }
        ReadError::BadName => {
            diags.error_in(Some(rel), Message::BadFileName).hint = Some(Hint::RenameFile);
        }
        ReadError::Decode(d) => {
            let mut at = d.location;
            at.file = rel.to_string();
            diags.error(&at, d.message).hint = d.hint;
        }
    }
}

/// The names in a folder of the data (sorted), reporting what cannot be listed or named:
/// nothing in a folder is skipped without a word.
pub(crate) fn list(files: &dyn Files, rel: &str, diags: &mut Diagnostics) -> Vec<String> {
    list_as(files, rel, rel, diags)
}

/// As [`list`], the folder shown in messages as `shown`.
pub(crate) fn list_as(
    files: &dyn Files,
    rel: &str,
    shown: &str,
    diags: &mut Diagnostics,
) -> Vec<String> {
    match files.listing(rel) {
        Ok(listing) => {
            for bad in listing.bad_names {
                read_error(&format!("{shown}/{bad}"), ReadError::BadName, diags);
            }
            listing.names
        }
        Err(e) => {
            read_error(shown, e, diags);
            Vec::new()
        }
    }
}

/// Warns, once per file, of the invisible characters removed from it as it was read.
pub(crate) fn note_invisible(src: &SourceFile, diags: &mut Diagnostics) {
    if let Some(r) = src.invisible {
        let message = Message::InvisibleCharacters {
            count: r.count,
            first: crate::text::code_point(r.char),
        };
        diags.warning(&src.location(r.first), message).hint = Some(Hint::InvisibleCharacters);
    }
}

/// Reports a number that could not be read: `fallback` (the message and hint for a text
/// that is no number) or what is wrong with its digits.
pub(crate) fn number_problem(
    problem: crate::number::NumberProblem,
    at: &crate::source::Location,
    fallback: (Message, Hint),
    diags: &mut Diagnostics,
) {
    use crate::number::NumberProblem;
    let (message, hint) = match problem {
        NumberProblem::NotANumber => fallback,
        NumberProblem::TooManyDigits => (Message::TooManyDigits, Hint::DigitsLimit),
        NumberProblem::TooLarge { digits } => {
            (Message::NumberTooLarge { digits }, Hint::DigitsLimit)
        }
    };
    diags.error(at, message).hint = Some(hint);
}

/// Warns of a value that only makes sense with the other decimal convention: a whole
/// quantity written `1.530` (read as 1.53, meant as 1530).
pub(crate) fn thousands_warning(
    value: rust_decimal::Decimal,
    at: &crate::source::Location,
    diags: &mut Diagnostics,
) {
    if !crate::number::looks_like_thousands(value) {
        return;
    }
    let meant = (value * rust_decimal::Decimal::ONE_THOUSAND)
        .trunc()
        .to_string();
    let message = Message::ThousandsSeparator {
        value: value.to_string(),
        read: value.normalize().to_string(),
        meant: meant.clone(),
    };
    diags.warning(at, message).hint = Some(Hint::ThousandsSeparator { meant });
}

/// Reads a file that must exist.
fn require_file(files: &dyn Files, rel: &str, diags: &mut Diagnostics) -> Option<SourceFile> {
    match files.read(rel) {
        Ok(Some(s)) => {
            note_invisible(&s, diags);
            Some(s)
        }
        Ok(None) => {
            diags.error_in(Some(rel), Message::FileRequired);
            None
        }
        Err(e) => {
            read_error(rel, e, diags);
            None
        }
    }
}

/// Reads a file that may be missing.
pub(crate) fn optional_file(
    files: &dyn Files,
    rel: &str,
    diags: &mut Diagnostics,
) -> Option<SourceFile> {
    match files.read(rel) {
        Ok(s) => {
            if let Some(s) = &s {
                note_invisible(s, diags);
            }
            s
        }
        Err(e) => {
            read_error(rel, e, diags);
            None
        }
    }
}

/// Reports a TOML file that does not parse into its expected shape.
fn toml_problem(src: &SourceFile, e: &toml::de::Error, diags: &mut Diagnostics) {
    let (loc, message, hint) = src.toml_error(e);
    diags.error(&loc, message).hint = hint;
}

/// Tracks ids seen in a table, to report malformed and duplicate ones.
#[derive(Default)]
struct Ids {
    /// Where each id was first used: the line and byte offset of its row.
    seen: HashMap<String, (usize, usize)>,
}

impl Ids {
    /// Records the id in column `col` of a row; false (with an error) when it is malformed
    /// or already seen.
    fn add(
        &mut self,
        t: &Table,
        row: &Row,
        col: Option<usize>,
        what: What,
        diags: &mut Diagnostics,
    ) -> bool {
        let id = col.map_or("", |i| row.get(i));
        let at = || t.locate(row.line, row.byte, col);
        if id.is_empty() {
            let column = "id".to_string();
            diags.error(&at(), Message::MissingValue { column });
            return false;
        }
        let well_formed = !id.is_empty()
            && id.split('-').all(|p| {
                !p.is_empty()
                    && p.bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            });
        if !well_formed {
            let id = id.to_string();
            diags.error(&at(), Message::InvalidId { what, id }).hint = Some(Hint::IdForm);
            return false;
        }
        if let Some(&(line, byte)) = self.seen.get(id) {
            let line = t.locate(line, byte, col).line;
            let id = id.to_string();
            diags.error(&at(), Message::DuplicateId { what, id }).hint =
                Some(Hint::AlreadyUsedOnLine { line });
            return false;
        }
        self.seen.insert(id.to_string(), (row.line, row.byte));
        true
    }
}
