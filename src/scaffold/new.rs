//! `ntm-report new DIR`: a data folder for a unit that has no previous year. What the
//! unit is (its level, name, issuer, signer, rulesets and communes) is given as options or
//! answered at prompts; the folder written is valid data from the first minute: `check`
//! passes with warnings that say what remains to fill in.

use super::{quoted, report_toml, workbook, year_files};
use crate::diagnostic::Diagnostics;
use crate::layout;
use crate::load::{Files, MemoryFiles, Overlay};
use crate::validate;
use std::fmt::Write as _;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// What the new unit is.
#[derive(Clone, Debug, Default)]
pub struct NewUnit {
    /// The first report year.
    pub year: i32,
    /// `district` or `province`.
    pub level: String,
    pub name: String,
    /// How the prose names the unit ("huyện", "tỉnh").
    pub label: String,
    pub province: String,
    /// The place of the "…, ngày … tháng … năm …" line.
    pub place: String,
    pub issuer_parent: String,
    pub issuer: String,
    pub abbreviation: String,
    pub on_behalf: String,
    pub position: String,
    pub signer: String,
    /// Built-in ruleset ids or paths relative to the data folder.
    pub commune_ruleset: String,
    pub village_ruleset: Option<String>,
    /// The communes, as `Tên xã` or `id=Tên xã`.
    pub communes: Vec<String>,
    /// The category every commune starts in (default: the ruleset's first).
    pub category: Option<String>,
}

/// The label the prose uses for a level by default.
pub fn default_label(level: &str) -> &'static str {
    match level {
        "province" => "tỉnh",
        _ => "huyện",
    }
}

/// The issuing body's name as Vietnamese offices write it: "ỦY BAN NHÂN DÂN HUYỆN PHONG
/// THỔ".
pub fn default_issuer(label: &str, name: &str) -> String {
    format!("ỦY BAN NHÂN DÂN {label} {name}").to_uppercase()
}

/// An id from a Vietnamese name: without diacritics, lower case, words joined by `-`
/// ("Mường So" → `muong-so`, "Đồng Lâm" → `dong-lam`).
pub fn id_of(name: &str) -> String {
    let plain: String = name
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            c => c.to_ascii_lowercase(),
        })
        .collect();
    plain
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// The roster's communes: (id, name), ids made unique.
fn communes(given: &[String]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for g in given {
        let (id, name) = match g.split_once('=') {
            Some((id, name)) => (id.trim().to_string(), name.trim().to_string()),
            None => (id_of(g), g.trim().to_string()),
        };
        let mut unique = id.clone();
        let mut n = 2;
        while out.iter().any(|(i, _)| *i == unique) {
            unique = format!("{id}-{n}");
            n += 1;
        }
        out.push((unique, name));
    }
    out
}

/// The files of the new folder, or the problems found in them (the folder `root` holds,
/// e.g., a ruleset file named by path). Nothing is written here.
pub fn plan_new(root: &dyn Files, unit: &NewUnit) -> Result<Vec<(String, Vec<u8>)>, Diagnostics> {
    let mut diags = Diagnostics::new();
    let year = unit.year;
    let mut overlay = Overlay {
        over: MemoryFiles::default(),
        under: root,
    };
    overlay
        .over
        .files
        .insert(layout::CONFIG.into(), ntm_toml(unit));
    let Some((_, rules, _)) = validate::configuration(&overlay, &mut diags) else {
        return Err(diags);
    };
    let category = match &unit.category {
        Some(c) => c.clone(),
        None => rules
            .categories
            .first()
            .map_or(String::new(), |c| c.id.clone()),
    };
    let mut roster = String::from("id,name,category\n");
    for (id, name) in communes(&unit.communes) {
        let _ = writeln!(roster, "{},{},{category}", csv_cell(&id), csv_cell(&name));
    }
    overlay.over.files.insert(layout::ROSTER.into(), roster);
    overlay
        .over
        .files
        .insert(layout::VILLAGES.into(), "id,commune,name\n".into());
    let Some(setup) = validate::setup(&overlay, &mut diags) else {
        return Err(diags);
    };
    let template = workbook::Template {
        year,
        unit: format!("{} {}", unit.label, unit.name),
        communes: &setup.communes,
        villages: &setup.villages,
        rules: &setup.commune_rules,
        village_rules: setup.village_rules.as_ref(),
        previous: None,
        commune_sheets: true,
    };
    let book = match workbook::workbook(&template) {
        Ok(b) => b,
        Err(e) => {
            let detail = e.to_string();
            let message = crate::diagnostic::Message::CannotRead { detail };
            diags.error_in(None, message);
            return Err(diags);
        }
    };
    let mut out: Vec<(String, Vec<u8>)> = [layout::CONFIG, layout::ROSTER, layout::VILLAGES]
        .iter()
        .map(|f| (f.to_string(), overlay.over.files[*f].clone().into_bytes()))
        .collect();
    let report = report_toml(&unit.abbreviation, year);
    out.push((crate::layout::Year(year).report(), report.into_bytes()));
    out.push((crate::layout::Year(year).workbook(), book));
    for (rel, text) in year_files(None, year) {
        out.push((rel, text.into_bytes()));
    }
    Ok(out)
}

/// A CSV cell, quoted when it must be.
fn csv_cell(text: &str) -> String {
    if text.contains([',', '"', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// `ntm.toml` for the unit.
fn ntm_toml(u: &NewUnit) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "# Đơn vị báo cáo, cơ quan ban hành, người ký và bộ tiêu chí (docs/data-format.md)."
    );
    let _ = writeln!(
        s,
        "# Nơi nhận báo cáo: điền danh sách (recipients of the report: fill in)."
    );
    let _ = writeln!(s, "recipients = []\n");
    let _ = writeln!(s, "[unit]");
    let _ = writeln!(s, "level = {}", quoted(&u.level));
    let _ = writeln!(s, "name = {}", quoted(&u.name));
    let _ = writeln!(s, "label = {}", quoted(&u.label));
    let _ = writeln!(s, "province = {}", quoted(&u.province));
    let _ = writeln!(s, "place = {}\n", quoted(&u.place));
    let _ = writeln!(s, "[issuer]");
    let _ = writeln!(s, "parent = {}", quoted(&u.issuer_parent));
    let _ = writeln!(s, "name = {}", quoted(&u.issuer));
    let _ = writeln!(s, "abbreviation = {}\n", quoted(&u.abbreviation));
    let _ = writeln!(s, "[signer]");
    let _ = writeln!(s, "on_behalf = {}", quoted(&u.on_behalf));
    let _ = writeln!(s, "position = {}", quoted(&u.position));
    let _ = writeln!(s, "name = {}\n", quoted(&u.signer));
    let _ = writeln!(s, "[rulesets]");
    let _ = writeln!(s, "commune = {}", quoted(&u.commune_ruleset));
    if let Some(v) = &u.village_ruleset {
        let _ = writeln!(s, "village = {}", quoted(v));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_made_from_vietnamese_names() {
        assert_eq!(id_of("Mường So"), "muong-so");
        assert_eq!(id_of("Đông Lâm"), "dong-lam");
        assert_eq!(id_of("  Sì Lờ Lầu "), "si-lo-lau");
        assert_eq!(id_of("Thị trấn Phong Thổ"), "thi-tran-phong-tho");
        let c = communes(&[
            "Bản Lang".into(),
            "ban-lang-2=Bản Láng".into(),
            "Bản Lang".into(),
        ]);
        let ids: Vec<&str> = c.iter().map(|(i, _)| i.as_str()).collect();
        assert_eq!(ids, ["ban-lang", "ban-lang-2", "ban-lang-3"]);
    }

    #[test]
    fn the_issuer_is_named_as_offices_write_it() {
        assert_eq!(
            default_issuer("huyện", "Phong Thổ"),
            "ỦY BAN NHÂN DÂN HUYỆN PHONG THỔ"
        );
    }
}
