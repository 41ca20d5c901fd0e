//! Turns the files of a data folder into a checked [`Dataset`], reporting every problem
//! found in one run. Nothing after this stage can fail.

mod commune;
mod config;
mod dates;
mod groups;
mod lineage;
mod recognitions;
mod table;
pub mod units;
pub mod workbook;
mod year;

pub use config::default_classes;

use crate::dataset::{Commune, Dataset, Date, Frame, Lineage, Village};
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
/// Of several rulesets chosen by date, the latest (the one without an end) is returned.
pub fn configuration(
    files: &dyn Files,
    diags: &mut Diagnostics,
) -> Option<(crate::dataset::Config, Ruleset, Option<Ruleset>)> {
    let loaded = config::config(files, diags)?;
    let rules = loaded.commune_sets.as_ref()?.latest().clone();
    let village = loaded.village_sets.as_ref().map(|s| s.latest().clone());
    (!diags.has_errors()).then_some((loaded.config, rules, village))
}

/// Validates a data folder's setup (no year is read): for a year's workbook written before
/// the year has data. The roster is the communes that still exist (no `valid_until`), the
/// rulesets the latest.
pub fn setup(files: &dyn Files, diags: &mut Diagnostics) -> Option<Setup> {
    let loaded = config::config(files, diags)?;
    let all_rules = loaded.commune_rules();
    let mut all = config::communes(files, &all_rules, diags)?;
    let lineage = lineage::lineage(files, &mut all, diags)?;
    let entries = config::villages(files, &all, diags);
    let communes: Vec<Commune> = all
        .iter()
        .filter(|c| c.valid_until.is_none())
        .cloned()
        .collect();
    let index: HashMap<&str, usize> = communes
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    let last = Date::from_ymd(9999, 12, 31).expect("a day");
    let by_id = lineage::CommuneIndex::new(&all);
    let villages = entries
        .iter()
        .filter(|v| v.valid_until.is_none())
        .filter_map(|v| {
            let c = lineage::village_commune(v, &by_id, &lineage, last).ok()?;
            Some(Village {
                id: v.id.clone(),
                commune: *index.get(c)?,
                name: v.name.clone(),
            })
        })
        .collect();
    let commune_rules = loaded.commune_sets.as_ref()?.latest().clone();
    let village_rules = loaded.village_sets.as_ref().map(|s| s.latest().clone());
    (!diags.has_errors()).then_some(Setup {
        config: loaded.config,
        communes,
        villages,
        commune_rules,
        village_rules,
    })
}

/// Validates the data of `year` (and of the year before, when its folder exists), each
/// year against the roster and the rulesets of its status date.
pub fn dataset(files: &dyn Files, year: i32, diags: &mut Diagnostics) -> Option<Dataset> {
    let loaded = config::config(files, diags);
    let all_rules = loaded
        .as_ref()
        .map(|l| l.commune_rules())
        .unwrap_or_default();
    let mut all = config::communes(files, &all_rules, diags);
    let lineage = all
        .as_deref_mut()
        .and_then(|a| lineage::lineage(files, a, diags));
    let village_entries = all
        .as_deref()
        .map(|c| config::villages(files, c, diags))
        .unwrap_or_default();
    if let (Some(a), Some(l)) = (&all, &lineage) {
        lineage::check_moved_villages(files, a, l, &village_entries, diags);
    }
    let events = match (&all, &lineage) {
        (Some(a), Some(l)) => recognitions::read(files, a, l, &village_entries, diags),
        _ => Vec::new(),
    };
    if !files.is_dir(&year.to_string()) {
        // A file, a device or a broken link in the year folder's place is no missing year.
        if let Err(e) = files.listing(&crate::layout::Year(year).dir()) {
            read_error(&crate::layout::Year(year).shown(), e, diags);
            return None;
        }
        let have: Vec<String> = (1900..2200)
            .filter(|y| files.is_dir(&y.to_string()))
            .map(|y| y.to_string())
            .collect();
        let d = diags.error_in(
            Some(&crate::layout::Year(year).shown()),
            Message::NoYearFolder { year },
        );
        d.hint = Some(if have.is_empty() {
            Hint::CreateYearFolder
        } else {
            Hint::YearsWithData {
                years: have.join(", "),
            }
        });
        return None;
    }
    let (loaded, all, lineage) = (loaded?, all?, lineage?);
    let history = History {
        files,
        loaded: &loaded,
        all: &all,
        lineage: &lineage,
        villages: &village_entries,
        events: &events,
    };
    let previous_exists = files.is_dir(&(year - 1).to_string());
    let current_report = year::report(files, year, diags);
    let previous_report = previous_exists.then(|| year::report(files, year - 1, diags));
    let current_frame = history.frame(year, &current_report, true, diags);
    let previous_frame = previous_report
        .as_ref()
        .and_then(|r| history.frame(year - 1, r, false, diags));
    let frame = current_frame?;
    if previous_exists && previous_frame.is_none() {
        return None;
    }
    if let Some(pf) = &previous_frame {
        history.check_carry(files, &frame, pf, year, diags);
    }
    fn ctx<'a>(files: &'a dyn Files, f: &'a Frame) -> year::Context<'a> {
        year::Context {
            files,
            communes: &f.communes,
            villages: &f.villages,
            rules: &f.commune_rules,
            village_rules: f.village_rules.as_ref(),
            levels: &f.levels,
        }
    }
    // The two years are independent: they are read and checked side by side, each with its
    // own diagnostics, which are then merged (the output is sorted, so order does not show).
    let (current, previous) = std::thread::scope(|s| {
        let prev = previous_frame
            .as_ref()
            .zip(previous_report.as_ref())
            .map(|(f, r)| {
                let c = ctx(files, f);
                s.spawn(move || {
                    let mut d = Diagnostics::new();
                    let y = year::year(&c, year - 1, r, &mut d);
                    (y, d)
                })
            });
        let current = year::year(&ctx(files, &frame), year, &current_report, diags);
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
        communes: frame.communes,
        villages: frame.villages,
        commune_rules: frame.commune_rules,
        village_rules: frame.village_rules,
        levels: frame.levels,
        current: current?,
        previous_frame: previous.as_ref().and(previous_frame),
        previous,
        all_communes: all,
        lineage,
        recognitions: events,
    })
}

/// What a year's frame is made from.
struct History<'a> {
    files: &'a dyn Files,
    loaded: &'a config::Loaded,
    all: &'a [Commune],
    lineage: &'a Lineage,
    villages: &'a [config::VillageEntry],
    events: &'a [crate::dataset::RecognitionEvent],
}

impl History<'_> {
    /// The roster, villages and rulesets of a year, on its status date; `None` (with errors)
    /// when the roster is empty that day or no ruleset is in force.
    fn frame(
        &self,
        year: i32,
        report: &year::Report,
        report_year: bool,
        diags: &mut Diagnostics,
    ) -> Option<Frame> {
        let d = report.status_date;
        let mut communes = lineage::roster_on(self.all, self.lineage, d);
        if communes.is_empty() {
            let message = Message::EmptyYearRoster {
                year,
                date: d.to_string(),
            };
            let hint = Hint::RosterForStatusDate {
                date: d.to_string(),
            };
            let at = report.status_date_at.clone();
            let at = at.unwrap_or_else(|| roster_line(self.files, 1));
            let e = diags.error(&at, message);
            e.hint = Some(hint);
        }
        let commune_rules =
            self.in_force(self.loaded.commune_sets.as_ref(), "commune", year, d, diags);
        let village_rules = match &self.loaded.village_sets {
            Some(sets) => Some(self.in_force(Some(sets), "village", year, d, diags)?),
            None => None,
        };
        let commune_rules = commune_rules?;
        if communes.is_empty() {
            return None;
        }
        groups::assign(self.files, year, &commune_rules, &mut communes, diags);
        recognitions::apply(self.events, &mut communes, d);
        for rs in std::iter::once(&commune_rules).chain(village_rules.as_ref()) {
            check_years(rs, year, diags, report_year);
        }
        check_thresholds(&commune_rules, &communes, year, diags);
        let villages = self.villages_on(&communes, d, diags);
        // A level whose sets are not in force that day is not evaluated that year.
        let levels = self
            .loaded
            .levels
            .iter()
            .filter_map(|l| {
                Some(crate::dataset::LevelFrame {
                    level: l.level,
                    village: l.village,
                    requires: l.requires,
                    rules: l.sets.on(d)?.clone(),
                })
            })
            .collect();
        Some(Frame {
            status_date: d,
            communes,
            villages,
            commune_rules,
            village_rules,
            levels,
        })
    }

    fn in_force(
        &self,
        sets: Option<&config::Sets>,
        level: &'static str,
        year: i32,
        d: Date,
        diags: &mut Diagnostics,
    ) -> Option<Ruleset> {
        let sets = sets?;
        if let Some(rs) = sets.on(d) {
            return Some(rs.clone());
        }
        let message = Message::NoRulesetInForce {
            level,
            year,
            date: d.to_string(),
        };
        diags.error(&sets.at, message).hint = Some(Hint::CoverStatusDate {
            date: d.to_string(),
        });
        None
    }

    /// The year before is carried onto the report year's communes: each of them needs
    /// communes of the year before (itself, or the old communes lineage.toml names), and
    /// this year's ruleset thresholds for the year before.
    fn check_carry(
        &self,
        files: &dyn Files,
        cur: &Frame,
        prev: &Frame,
        year: i32,
        diags: &mut Diagnostics,
    ) {
        let same = cur.communes.len() == prev.communes.len()
            && cur
                .communes
                .iter()
                .zip(&prev.communes)
                .all(|(a, b)| a.id == b.id);
        if same && cur.commune_rules.id == prev.commune_rules.id {
            return;
        }
        let comp = self
            .lineage
            .composition(self.all, prev.status_date, cur.status_date);
        let roster = files.read(crate::layout::ROSTER).ok().flatten();
        for c in &cur.communes {
            if comp.get(&c.id).is_some_and(|v| !v.is_empty()) {
                continue;
            }
            let message = Message::NoPredecessors {
                id: c.id.clone(),
                from: prev.status_date.to_string(),
                to: cur.status_date.to_string(),
            };
            let at = roster
                .as_ref()
                .and_then(|src| {
                    let i = src.text.find(&format!("\n{},", c.id))?;
                    Some(src.location(i + 1))
                })
                .unwrap_or_else(|| roster_line(files, 1));
            diags.error(&at, message).hint = Some(Hint::NamePredecessors);
        }
        check_thresholds(&cur.commune_rules, &cur.communes, year - 1, diags);
    }

    /// The villages that exist on day `d`, each in the commune it belongs to that day.
    fn villages_on(&self, communes: &[Commune], d: Date, diags: &mut Diagnostics) -> Vec<Village> {
        let index: HashMap<&str, usize> = communes
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.as_str(), i))
            .collect();
        let all = lineage::CommuneIndex::new(self.all);
        let mut out = Vec::new();
        for v in self.villages.iter().filter(|v| v.valid_on(d)) {
            match lineage::village_commune(v, &all, self.lineage, d) {
                Ok(c) => out.push(Village {
                    id: v.id.clone(),
                    commune: index[c],
                    name: v.name.clone(),
                }),
                Err((commune, ended)) => {
                    let message = Message::VillageOfSplitCommune {
                        village: v.id.clone(),
                        commune: commune.to_string(),
                        date: ended.to_string(),
                    };
                    diags.error_in(Some(crate::layout::VILLAGES), message).hint =
                        Some(Hint::MoveVillages);
                }
            }
        }
        out
    }
}

/// A line of the commune roster (the header, line 1, for a problem with the roster as a
/// whole).
fn roster_line(files: &dyn Files, line: usize) -> crate::source::Location {
    match files.read(crate::layout::ROSTER) {
        Ok(Some(src)) => src.line_location(line),
        _ => crate::source::Location {
            file: crate::layout::ROSTER.to_string(),
            line,
            col: 1,
            line_text: String::new(),
            caret: 1,
            sheet: None,
        },
    }
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
