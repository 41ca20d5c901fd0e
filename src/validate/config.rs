//! `ntm.toml`, the commune and village rosters, and the rulesets they name.

use super::table::Table;
use super::{Ids, date_ok, require_file};
use crate::dataset::{ClassDef, Commune, Config, Issuer, Recognition, Signer, Unit, Village};
use crate::diagnostic::{Diagnostics, did_you_mean};
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

/// The default classes: 19 / 15–18 / 10–14 / under 10 (for a set of `n` criteria).
pub fn default_classes(n: u32) -> Vec<ClassDef> {
    let c = |label: &str, min, max| ClassDef {
        label: label.to_string(),
        min,
        max,
    };
    vec![
        c(&format!("{n} tiêu chí"), n, n),
        c(
            &format!("15 - {} tiêu chí", n.saturating_sub(1)),
            15,
            n.saturating_sub(1),
        ),
        c("10 - 14 tiêu chí", 10, 14),
        c("dưới 10 tiêu chí", 0, 9),
    ]
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
            let (loc, msg) = src.toml_error(&e);
            diags.error(&loc, msg);
            return None;
        }
    };
    let level = raw.unit.level.get_ref();
    if level != "district" && level != "province" {
        diags
            .error(
                &src.at(&raw.unit.level),
                format!("unknown unit level `{level}`"),
            )
            .hint = Some("use `district` or `province`".into());
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
                level: level.clone(),
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
            let what = if hits == 0 {
                "no class holds"
            } else {
                "more than one class holds"
            };
            diags.error(&src.at(at), format!("{what} communes with {k} criteria"));
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
    let n = name.get_ref();
    let src = if n.ends_with(".toml") || n.contains('/') {
        match files.read(n) {
            Ok(Some(s)) => s,
            Ok(None) => {
                diags.error(
                    &config.at(name),
                    format!("ruleset file `{n}` does not exist"),
                );
                return None;
            }
            Err(e) => {
                diags.error(
                    &config.at(name),
                    format!("ruleset file `{n}` cannot be read: {e}"),
                );
                return None;
            }
        }
    } else {
        match ruleset::builtin(n) {
            Some(s) => s,
            None => {
                let d = diags.error(
                    &config.at(name),
                    format!("no built-in ruleset is called `{n}`"),
                );
                d.hint = did_you_mean(n, ruleset::BUILTIN.iter().map(|b| b.0)).or_else(|| {
                    Some("name a built-in ruleset (`ntm-report rules`) or a .toml file".into())
                });
                return None;
            }
        }
    };
    let rs = ruleset::parse(&src, diags)?;
    if rs.level != level {
        diags.error(
            &config.at(name),
            format!("ruleset `{n}` is not a {level:?} set").to_lowercase(),
        );
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
    let t = Table::read(
        &src,
        &["id", "name", "category"],
        &["recognized_decision", "recognized_date", "recognized_by"],
        None,
        diags,
    )?;
    let mut ids = Ids::default();
    let mut out = Vec::new();
    for row in &t.rows {
        let id = t.cell(row, "id");
        if !ids.add(id, &t.at(row, "id"), "commune", diags) {
            continue;
        }
        let category = t.cell(row, "category");
        if let Some(rs) = rules
            && !rs.categories.iter().any(|c| c.id == category)
        {
            let d = diags.error(
                &t.at(row, "category"),
                format!("unknown commune category `{category}`"),
            );
            d.hint = did_you_mean(category, rs.categories.iter().map(|c| c.id.as_str()))
                .or_else(|| Some(format!("the ruleset `{}` defines the categories", rs.id)));
        }
        let decision = t.cell(row, "recognized_decision");
        let date = t.cell(row, "recognized_date");
        let recognition = if decision.is_empty() && date.is_empty() {
            None
        } else {
            if decision.is_empty() || !date_ok(date) {
                diags.error(
                    &t.at(row, "recognized_date"),
                    "a recognition needs both a decision number and a valid date (YYYY-MM-DD)",
                );
            }
            let by = t.cell(row, "recognized_by");
            Some(Recognition {
                decision: decision.to_string(),
                date: date.to_string(),
                by: (!by.is_empty()).then(|| by.to_string()),
            })
        };
        if t.cell(row, "name").is_empty() {
            diags.error(&t.at(row, "name"), "the commune has no name");
        }
        out.push(Commune {
            id: id.to_string(),
            name: t.cell(row, "name").to_string(),
            category: category.to_string(),
            recognition,
        });
    }
    if out.is_empty() {
        diags.error_in(Some(&src.name), "the roster lists no commune");
    }
    Some(out)
}

/// Reads the village roster (optional file).
pub fn villages(files: &dyn Files, communes: &[Commune], diags: &mut Diagnostics) -> Vec<Village> {
    let src = match files.read("villages.csv") {
        Ok(Some(s)) => s,
        Ok(None) => return Vec::new(),
        Err(e) => {
            diags.error_in(Some("villages.csv"), format!("cannot be read: {e}"));
            return Vec::new();
        }
    };
    let Some(t) = Table::read(&src, &["id", "commune", "name"], &[], None, diags) else {
        return Vec::new();
    };
    let mut ids = Ids::default();
    let mut out = Vec::new();
    for row in &t.rows {
        let id = t.cell(row, "id");
        if !ids.add(id, &t.at(row, "id"), "village", diags) {
            continue;
        }
        let c = t.cell(row, "commune");
        let Some(ci) = communes.iter().position(|x| x.id == c) else {
            let msg = if c.is_empty() {
                format!("village `{id}` is attached to no commune")
            } else {
                format!("village `{id}` names an unknown commune `{c}`")
            };
            let d = diags.error(&t.at(row, "commune"), msg);
            d.hint = did_you_mean(c, communes.iter().map(|x| x.id.as_str()));
            continue;
        };
        out.push(Village {
            id: id.to_string(),
            commune: ci,
            name: t.cell(row, "name").to_string(),
        });
    }
    out
}
