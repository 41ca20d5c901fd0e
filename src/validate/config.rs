//! `ntm.toml`, the commune and village rosters, and the rulesets they name.

use super::table::Table;
use super::{Ids, read_error, require_file, toml_problem};
use crate::dataset::{
    ClassDef, Commune, Config, Date, Issuer, Recognition, Signer, Unit, UnitLevel, Village,
};
use crate::diagnostic::{Diagnostics, Hint, Message, What, did_you_mean};
use crate::load::Files;
use crate::ruleset::{self, Level, Ruleset};
use crate::source::{SourceFile, Spanned};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    unit: RawUnit,
    issuer: RawIssuer,
    signer: RawSigner,
    #[serde(default)]
    recipients: Vec<String>,
    rulesets: RawRulesets,
    classes: Option<Spanned<Vec<RawClass>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawUnit {
    level: Spanned<String>,
    name: String,
    label: String,
    province: String,
    place: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIssuer {
    #[serde(default)]
    parent: String,
    name: String,
    abbreviation: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSigner {
    #[serde(default)]
    on_behalf: String,
    position: String,
    name: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRulesets {
    commune: Spanned<String>,
    village: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawClass {
    label: String,
    min: u32,
    max: u32,
}

/// The default classes: 19 / 15–18 / 10–14 / under 10 (for a set of `n` criteria; the
/// lower classes are cut at `n - 1` and left out when empty, so no two overlap).
pub fn default_classes(n: u32) -> Vec<ClassDef> {
    let mut out = vec![ClassDef {
        label: format!("{n} tiêu chí"),
        min: n,
        max: n,
    }];
    let below = n.saturating_sub(1);
    for (min, max) in [(15, below), (10, 14), (0, 9)] {
        let max = max.min(below);
        if n == 0 || min > max {
            continue;
        }
        let label = match (min, max) {
            (0, m) => format!("dưới {} tiêu chí", m + 1),
            (a, b) if a == b => format!("{a} tiêu chí"),
            (a, b) => format!("{a} - {b} tiêu chí"),
        };
        out.push(ClassDef { label, min, max });
    }
    out
}

/// The configuration and the rulesets it names.
pub struct Loaded {
    pub config: Config,
    pub commune_rules: Option<Ruleset>,
    pub village_rules: Option<Ruleset>,
}

/// Reads `ntm.toml` and the rulesets.
pub fn config(files: &dyn Files, diags: &mut Diagnostics) -> Option<Loaded> {
    let src = require_file(files, "ntm.toml", diags)?;
    let raw: RawConfig = match toml::from_str(&src.text) {
        Ok(r) => r,
        Err(e) => {
            toml_problem(&src, &e, diags);
            return None;
        }
    };
    let level_name = raw.unit.level.get_ref().trim();
    let level = UnitLevel::from_name(level_name);
    if level.is_none() {
        let message = Message::UnknownUnitLevel {
            level: level_name.to_string(),
        };
        diags.error(&src.at(&raw.unit.level), message).hint = Some(Hint::UseOneOf {
            options: UnitLevel::NAMES,
        });
    }
    let commune_rules = ruleset_named(files, &src, &raw.rulesets.commune, Level::Commune, diags);
    let village_rules = raw
        .rulesets
        .village
        .as_ref()
        .and_then(|v| ruleset_named(files, &src, v, Level::Village, diags));
    let n = commune_rules
        .as_ref()
        .map_or(19, |r| r.criteria.len() as u32);
    let classes = match &raw.classes {
        Some(sc) => {
            let list: Vec<ClassDef> = sc
                .get_ref()
                .iter()
                .map(|c| ClassDef {
                    label: c.label.clone(),
                    min: c.min,
                    max: c.max,
                })
                .collect();
            check_classes(&list, n, &src, sc, diags);
            list
        }
        None => default_classes(n),
    };
    Some(Loaded {
        config: Config {
            unit: Unit {
                // An unknown level is reported above, and the dataset is then refused.
                level: level.unwrap_or(UnitLevel::District),
                name: raw.unit.name,
                label: raw.unit.label,
                province: raw.unit.province,
                place: raw.unit.place,
            },
            issuer: Issuer {
                parent: raw.issuer.parent,
                name: raw.issuer.name,
                abbreviation: raw.issuer.abbreviation,
            },
            signer: Signer {
                on_behalf: raw.signer.on_behalf,
                position: raw.signer.position,
                name: raw.signer.name,
            },
            recipients: raw.recipients,
            classes,
        },
        commune_rules,
        village_rules,
    })
}

fn check_classes(
    list: &[ClassDef],
    n: u32,
    src: &SourceFile,
    at: &Spanned<Vec<RawClass>>,
    diags: &mut Diagnostics,
) {
    for k in 0..=n {
        let hits = list.iter().filter(|c| c.min <= k && k <= c.max).count();
        if hits != 1 {
            let message = if hits == 0 {
                Message::ClassGap { criteria: k }
            } else {
                Message::ClassOverlap { criteria: k }
            };
            diags.error(&src.at(at), message);
            return;
        }
    }
}

/// Resolves a ruleset name: a built-in id, or a path relative to the data folder.
fn ruleset_named(
    files: &dyn Files,
    config: &SourceFile,
    name: &Spanned<String>,
    level: Level,
    diags: &mut Diagnostics,
) -> Option<Ruleset> {
    let n = name.get_ref().trim();
    let src = if n.ends_with(".toml") || n.contains('/') {
        match files.read(n) {
            Ok(Some(s)) => {
                super::note_invisible(&s, diags);
                s
            }
            Ok(None) => {
                let message = Message::RulesetFileMissing {
                    name: n.to_string(),
                };
                diags.error(&config.at(name), message);
                return None;
            }
            Err(e) => {
                read_error(n, e, diags);
                return None;
            }
        }
    } else {
        match ruleset::builtin(n) {
            Some(s) => s,
            None => {
                let message = Message::UnknownBuiltinRuleset {
                    name: n.to_string(),
                };
                diags.error(&config.at(name), message).hint =
                    did_you_mean(n, ruleset::BUILTIN.iter().map(|b| b.0))
                        .or(Some(Hint::NameARuleset));
                return None;
            }
        }
    };
    let rs = ruleset::parse(&src, diags)?;
    if rs.level != level {
        let message = Message::RulesetWrongLevel {
            name: n.to_string(),
            level: match level {
                Level::Commune => "commune",
                Level::Village => "village",
            },
        };
        diags.error(&config.at(name), message);
        return None;
    }
    Some(rs)
}

/// Reads the commune roster.
pub fn communes(
    files: &dyn Files,
    rules: Option<&Ruleset>,
    diags: &mut Diagnostics,
) -> Option<Vec<Commune>> {
    let src = require_file(files, "communes.csv", diags)?;
    let t = Table::open(
        &src,
        &["id", "name", "category"],
        &["recognized_decision", "recognized_date", "recognized_by"],
        diags,
    )?;
    let mut ids = Ids::default();
    let mut out = Vec::new();
    let id_col = t.col("id");
    let ok = t.rows(diags, |row, diags| {
        if !ids.add(&t, row, id_col, What::Commune, diags) {
            return;
        }
        let id = t.cell(row, "id");
        let name = t.required(row, "name", diags);
        let category = t.required(row, "category", diags);
        if let Some(rs) = rules
            && !category.is_empty()
            && !rs.categories.iter().any(|c| c.id == category)
        {
            let message = Message::UnknownCategory {
                category: category.to_string(),
            };
            diags.error(&t.at(row, "category"), message).hint =
                did_you_mean(category, rs.categories.iter().map(|c| c.id.as_str())).or(Some(
                    Hint::CategoriesDefinedBy {
                        ruleset: rs.id.clone(),
                    },
                ));
        }
        let decision = t.cell(row, "recognized_decision");
        let date = t.cell(row, "recognized_date");
        let recognition = if decision.is_empty() && date.is_empty() {
            None
        } else {
            if decision.is_empty() {
                let at = t.at(row, "recognized_decision");
                diags.error(&at, Message::RecognitionWithoutDecision);
            }
            let parsed = Date::parse_iso(date);
            if date.is_empty() {
                t.required(row, "recognized_date", diags);
            } else if parsed.is_none() {
                let text = date.to_string();
                diags
                    .error(&t.at(row, "recognized_date"), Message::InvalidDate { text })
                    .hint = Some(Hint::DateForm);
            }
            let by = t.cell(row, "recognized_by");
            // Without a valid date the roster is refused (reported above).
            parsed.map(|date| Recognition {
                decision: decision.to_string(),
                date,
                by: (!by.is_empty()).then(|| by.to_string()),
            })
        };
        out.push(Commune {
            id: id.to_string(),
            name: name.to_string(),
            category: category.to_string(),
            recognition,
        });
    });
    if !ok {
        return None;
    }
    if out.is_empty() {
        diags.error_in(Some(&src.name), Message::EmptyRoster);
    }
    Some(out)
}

/// Reads the village roster (optional file).
pub fn villages(files: &dyn Files, communes: &[Commune], diags: &mut Diagnostics) -> Vec<Village> {
    let Some(src) = super::optional_file(files, "villages.csv", diags) else {
        return Vec::new();
    };
    let Some(t) = Table::open(&src, &["id", "commune", "name"], &[], diags) else {
        return Vec::new();
    };
    let mut ids = Ids::default();
    let mut out = Vec::new();
    let index: std::collections::HashMap<&str, usize> = communes
        .iter()
        .enumerate()
        .map(|(i, x)| (x.id.as_str(), i))
        .collect();
    let id_col = t.col("id");
    let ok = t.rows(diags, |row, diags| {
        if !ids.add(&t, row, id_col, What::Village, diags) {
            return;
        }
        let id = t.cell(row, "id");
        let name = t.required(row, "name", diags);
        let c = t.cell(row, "commune");
        let Some(ci) = index.get(c).copied() else {
            let village = id.to_string();
            let message = if c.is_empty() {
                Message::VillageWithoutCommune { village }
            } else {
                let commune = c.to_string();
                Message::VillageUnknownCommune { village, commune }
            };
            let d = diags.error(&t.at(row, "commune"), message);
            d.hint = did_you_mean(c, communes.iter().map(|x| x.id.as_str()));
            return;
        };
        out.push(Village {
            id: id.to_string(),
            commune: ci,
            name: name.to_string(),
        });
    });
    if !ok {
        return Vec::new();
    }
    out
}
