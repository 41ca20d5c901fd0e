//! A folder of units: an `ntm.toml` with `[[units]]`, each a data folder of its own.

use super::{require_file, toml_problem};
use crate::date::Date;
use crate::diagnostic::{Diagnostics, Hint, Message};
use crate::layout;
use crate::load::Files;
use crate::source::Spanned;
use serde::Deserialize;

/// The folder the summary is written to, beside the units' folders; no unit may take it.
pub const SUMMARY_DIR: &str = "tong-hop";

/// A checked folder of units.
#[derive(Clone, Debug)]
pub struct UnitsConfig {
    /// What the summary is of ("tỉnh Lai Châu"), as its title names it.
    pub name: String,
    /// Who issues and signs the summary, and its number and date by year.
    pub heading: SummaryHeading,
    pub units: Vec<UnitRef>,
}

/// The header and signature block of the summary: who issues it, who signs it, who
/// receives it, and each year's number and date (`[summary]` of the folder's `ntm.toml`).
/// Each part is optional; a part not given is left out of the document, never invented.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct SummaryHeading {
    /// The place of the date line ("Hà Nội").
    pub place: Option<String>,
    pub issuer: Option<SummaryIssuer>,
    pub signer: Option<SummarySigner>,
    pub recipients: Vec<String>,
    /// Each year's number and date of the summary report.
    pub reports: Vec<SummaryReport>,
}

#[derive(Clone, Debug, Default, serde::Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SummaryIssuer {
    /// The body above the issuer ("BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG"), if any.
    #[serde(default)]
    pub parent: String,
    pub name: String,
    /// Its abbreviation in document numbers ("VPĐP").
    #[serde(default)]
    pub abbreviation: String,
}

#[derive(Clone, Debug, Default, serde::Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SummarySigner {
    #[serde(default)]
    pub on_behalf: String,
    #[serde(default)]
    pub position: String,
    pub name: String,
}

/// A year's summary report: its number ("15/BC-VPĐP") and date.
#[derive(Clone, Debug, serde::Serialize)]
pub struct SummaryReport {
    pub year: i32,
    pub number: Option<String>,
    pub date: Option<Date>,
}

impl SummaryHeading {
    /// The number and date of the summary of `year`, if given.
    pub fn report(&self, year: i32) -> Option<&SummaryReport> {
        self.reports.iter().find(|r| r.year == year)
    }
}

/// One unit of a folder of units.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitRef {
    /// Its output folder: `OUT/YEAR/<id>/`.
    pub id: String,
    /// Its data folder, relative to the folder of units, `/`-separated.
    pub path: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawUnits {
    summary: RawSummary,
    units: Spanned<Vec<Spanned<RawUnitRef>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSummary {
    name: String,
    place: Option<String>,
    issuer: Option<SummaryIssuer>,
    signer: Option<SummarySigner>,
    #[serde(default)]
    recipients: Vec<String>,
    #[serde(default)]
    reports: Vec<Spanned<RawSummaryReport>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSummaryReport {
    year: i32,
    number: Option<String>,
    date: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawUnitRef {
    id: Spanned<String>,
    path: Option<Spanned<String>>,
}

/// Whether the folder is a folder of units: its `ntm.toml` has a `units` key. (A file that
/// does not parse is not: reading it as a data folder reports why.)
pub fn is_units_folder(files: &dyn Files) -> bool {
    let Ok(Some(src)) = files.read(layout::CONFIG) else {
        return false;
    };
    toml::from_str::<toml::Table>(&src.text).is_ok_and(|t| t.contains_key("units"))
}

/// Whether an id is fit for a folder name: lowercase ASCII letters, digits and hyphens.
fn good_id(id: &str) -> bool {
    !id.is_empty()
        && id != SUMMARY_DIR
        && !id.starts_with('-')
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// A unit's path made relative and checked: no absolute path, no `..`; `Some("")` for
/// the folder of units itself (`.`).
fn clean_path(path: &str) -> Option<String> {
    let path = path.replace('\\', "/");
    if path.starts_with('/') || path.contains(':') {
        return None;
    }
    let parts: Vec<&str> = path
        .split('/')
        .filter(|p| !p.is_empty() && *p != ".")
        .collect();
    if parts.contains(&"..") {
        return None;
    }
    Some(parts.join("/"))
}

/// Reads and checks the folder of units' `ntm.toml`: ids well formed and unique, paths
/// inside the folder and existing, no unit itself a folder of units.
pub fn config(files: &dyn Files, diags: &mut Diagnostics) -> Option<UnitsConfig> {
    let src = require_file(files, layout::CONFIG, diags)?;
    let raw: RawUnits = match toml::from_str(&src.text) {
        Ok(r) => r,
        Err(e) => {
            toml_problem(&src, &e, diags);
            return None;
        }
    };
    if raw.units.get_ref().is_empty() {
        diags.error(&src.at(&raw.units), Message::NoUnits);
        return None;
    }
    let mut units: Vec<UnitRef> = Vec::new();
    let mut identities = Vec::new();
    for u in raw.units.get_ref() {
        let u = u.get_ref();
        let id = u.id.get_ref().clone();
        let unit = id.clone();
        if !good_id(&id) {
            diags.error(&src.at(&u.id), Message::BadUnitId { unit });
            continue;
        }
        if units.iter().any(|x| x.id == id) {
            diags.error(&src.at(&u.id), Message::DuplicateUnit { unit });
            continue;
        }
        let at = u.path.as_ref().map_or_else(|| src.at(&u.id), |p| src.at(p));
        let given = u.path.as_ref().map_or(&id, |p| p.get_ref());
        let Some(path) = clean_path(given) else {
            diags.error(&at, Message::UnitPathOutside { unit });
            continue;
        };
        if !files.is_dir(&path) {
            diags.error(&at, Message::NoUnitFolder { unit });
            continue;
        }
        if path.is_empty() || is_units_folder(&crate::load::SubFiles::new(files, &path)) {
            diags.error(&at, Message::NestedUnits { unit });
            continue;
        }
        // One folder under two units, by its path or through a link.
        let identity = files.identity(&path);
        let shared = units
            .iter()
            .zip(&identities)
            .find(|(x, other)| x.path == path || (identity.is_some() && **other == identity));
        if let Some((first, _)) = shared {
            let first = first.id.clone();
            diags.error(&at, Message::UnitFolderShared { unit, first });
            continue;
        }
        identities.push(identity);
        units.push(UnitRef { id, path });
    }
    let heading = heading(&src, &raw.summary, diags);
    let name = raw.summary.name;
    Some(UnitsConfig {
        name,
        heading,
        units,
    })
}

/// The summary's heading, its dates checked and each year given once.
fn heading(
    src: &crate::source::SourceFile,
    raw: &RawSummary,
    diags: &mut Diagnostics,
) -> SummaryHeading {
    let mut reports: Vec<SummaryReport> = Vec::new();
    for r in &raw.reports {
        let at = src.at(r);
        let r = r.get_ref();
        if reports.iter().any(|x| x.year == r.year) {
            let item = format!("[[summary.reports]] year = {}", r.year);
            diags.error(&at, Message::GivenTwice { item });
            continue;
        }
        let date = match &r.date {
            None => None,
            Some(d) => {
                let parsed = Date::parse_iso(d.get_ref().trim());
                if parsed.is_none() {
                    let text = d.get_ref().clone();
                    diags.error(&src.at(d), Message::InvalidDate { text }).hint =
                        Some(Hint::DateForm);
                }
                parsed
            }
        };
        let number = r
            .number
            .as_ref()
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty());
        reports.push(SummaryReport {
            year: r.year,
            number,
            date,
        });
    }
    let nonblank = |s: &str| !s.trim().is_empty();
    SummaryHeading {
        place: raw
            .place
            .as_deref()
            .map(str::trim)
            .filter(|p| nonblank(p))
            .map(str::to_string),
        issuer: raw.issuer.as_ref().filter(|i| nonblank(&i.name)).cloned(),
        signer: raw.signer.as_ref().filter(|s| nonblank(&s.name)).cloned(),
        recipients: raw
            .recipients
            .iter()
            .filter(|r| nonblank(r))
            .cloned()
            .collect(),
        reports,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_inside() {
        assert_eq!(clean_path("a/./b/").as_deref(), Some("a/b"));
        for bad in ["/etc", "../x", "a/../../b", "C:/x", "a\\..\\b"] {
            assert_eq!(clean_path(bad), None, "{bad}");
        }
        // The folder of units itself: refused as a folder of units (`nested-units`).
        for itself in ["", ".", "./", "./."] {
            assert_eq!(clean_path(itself).as_deref(), Some(""), "{itself}");
        }
    }

    #[test]
    fn ids_are_folder_names() {
        assert!(good_id("phong-tho-2"));
        for bad in ["", "Phong", "tong-hop", "-x", "a b", "xã", "a/b", ".."] {
            assert!(!good_id(bad), "{bad}");
        }
    }
}
