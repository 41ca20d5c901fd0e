//! A folder of units: an `ntm.toml` with `[[units]]`, each a data folder of its own.

use super::{require_file, toml_problem};
use crate::diagnostic::{Diagnostics, Message};
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
    pub units: Vec<UnitRef>,
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

/// A unit's path made relative and checked: no absolute path, no `..`, no empty part.
fn clean_path(path: &str) -> Option<String> {
    let path = path.replace('\\', "/");
    if path.starts_with('/') || path.contains(':') {
        return None;
    }
    let parts: Vec<&str> = path
        .split('/')
        .filter(|p| !p.is_empty() && *p != ".")
        .collect();
    if parts.is_empty() || parts.contains(&"..") {
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
        if is_units_folder(&crate::load::SubFiles::new(files, &path)) {
            diags.error(&at, Message::NestedUnits { unit });
            continue;
        }
        units.push(UnitRef { id, path });
    }
    let name = raw.summary.name;
    Some(UnitsConfig { name, units })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_inside() {
        assert_eq!(clean_path("a/./b/").as_deref(), Some("a/b"));
        for bad in ["/etc", "../x", "a/../../b", "", ".", "C:/x", "a\\..\\b"] {
            assert_eq!(clean_path(bad), None, "{bad}");
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
