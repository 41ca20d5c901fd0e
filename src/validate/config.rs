//! `ntm.toml`, the commune and village rosters, and the rulesets they name.

use super::table::{Row, Table};
use super::{Ids, read_error, require_file, toml_problem};
use crate::dataset::{
    ClassDef, Commune, Config, Date, Issuer, Recognition, RecognitionLevel, Signer, Tally, Unit,
    UnitLevel,
};
use crate::diagnostic::{Diagnostics, Hint, Message, What, did_you_mean};
use crate::facts::Status;
use crate::layout;
use crate::load::Files;
use crate::ruleset::{self, Level, Ruleset};
use crate::source::{Location, SourceFile, Spanned};
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
    /// The levels evaluated beside the NTM level of `[rulesets]`.
    #[serde(default)]
    levels: Vec<Spanned<RawLevel>>,
}

/// `[[levels]]`: a level of the standard (nâng cao, kiểu mẫu, hiện đại) evaluated beside
/// the NTM level, with its own sets by date.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLevel {
    level: Spanned<String>,
    /// `commune` (by default) or `village`.
    of: Option<Spanned<String>>,
    /// The level a unit must be recognised at before this one counts it as meeting it.
    requires: Option<Spanned<String>>,
    /// A ruleset id, or `[[levels.ruleset]]` tables with the days each is in force.
    ruleset: Spanned<RawChoice>,
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
    commune: Spanned<RawChoice>,
    village: Option<Spanned<RawChoice>>,
}

/// `commune = "id"` (one set for every year), or `[[rulesets.commune]]` tables, each a set
/// with the days it is in force.
enum RawChoice {
    One(String),
    Dated(Vec<Spanned<RawDated>>),
}

impl<'de> Deserialize<'de> for RawChoice {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = RawChoice;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a ruleset id, or [[rulesets.commune]] tables")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<RawChoice, E> {
                Ok(RawChoice::One(s.to_string()))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<RawChoice, A::Error> {
                let mut out = Vec::new();
                while let Some(x) = seq.next_element()? {
                    out.push(x);
                }
                Ok(RawChoice::Dated(out))
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDated {
    ruleset: Spanned<String>,
    /// The first day the set is in force.
    from: Option<Spanned<String>>,
    /// The day another set replaced it (not in force that day).
    until: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawClass {
    label: String,
    min: u32,
    max: u32,
    /// The statuses counted (`met`, `basically_met`, `not_met`, `not_assessed`); by
    /// default `["met"]`.
    counts: Option<Spanned<Vec<Spanned<String>>>>,
}

/// The default classes: 19 / 15–18 / 10–14 / under 10 (for a set of `n` criteria; the
/// lower classes are cut at `n - 1` and left out when empty, so no two overlap).
pub fn default_classes(n: u32) -> Vec<ClassDef> {
    let mut out = vec![ClassDef::by_met(format!("{n} tiêu chí"), n, n)];
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
        out.push(ClassDef::by_met(label, min, max));
    }
    out
}

/// A ruleset with the days it is in force (`None`: without bound).
#[derive(Clone, Debug)]
pub struct DatedSet {
    pub rules: Ruleset,
    pub from: Option<Date>,
    pub until: Option<Date>,
    /// Where `ntm.toml` names it.
    pub at: Location,
}

impl DatedSet {
    pub fn in_force_on(&self, d: Date) -> bool {
        self.from.is_none_or(|f| f <= d) && self.until.is_none_or(|u| d < u)
    }
}

/// The sets of one level, and where `ntm.toml` names them.
#[derive(Clone, Debug)]
pub struct Sets {
    pub sets: Vec<DatedSet>,
    pub at: Location,
}

impl Sets {
    /// The latest set: the one without an end, else the last named.
    pub fn latest(&self) -> &Ruleset {
        let s = self.sets.iter().find(|s| s.until.is_none());
        &s.or(self.sets.last()).expect("at least one set").rules
    }

    /// The set in force on a day (validation refuses overlaps, so there is at most one).
    pub fn on(&self, d: Date) -> Option<&Ruleset> {
        self.sets
            .iter()
            .find(|s| s.in_force_on(d))
            .map(|s| &s.rules)
    }
}

/// A level evaluated beside the NTM level (`[[levels]]`), with its sets by date.
#[derive(Clone, Debug)]
pub struct LevelSets {
    pub level: RecognitionLevel,
    /// A level of villages (thôn NTM kiểu mẫu), not of communes.
    pub village: bool,
    pub requires: Option<RecognitionLevel>,
    pub sets: Sets,
}

/// The configuration and the rulesets it names.
pub struct Loaded {
    pub config: Config,
    /// `None` when the commune rulesets could not be read.
    pub commune_sets: Option<Sets>,
    pub village_sets: Option<Sets>,
    /// The levels evaluated beside the NTM level, in the order `ntm.toml` names them.
    pub levels: Vec<LevelSets>,
}

impl Loaded {
    /// Every commune ruleset named, for checks that do not depend on the year.
    pub fn commune_rules(&self) -> Vec<&Ruleset> {
        self.commune_sets
            .iter()
            .flat_map(|s| s.sets.iter().map(|d| &d.rules))
            .collect()
    }
}

/// Reads `ntm.toml` and the rulesets.
pub fn config(files: &dyn Files, diags: &mut Diagnostics) -> Option<Loaded> {
    let src = require_file(files, layout::CONFIG, diags)?;
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
    let commune_sets = sets(files, &src, &raw.rulesets.commune, Level::Commune, diags);
    let village_sets = raw
        .rulesets
        .village
        .as_ref()
        .and_then(|v| sets(files, &src, v, Level::Village, diags));
    // Classes are checked against the largest set named (each year uses the classes that
    // its count can reach).
    let n = commune_sets
        .as_ref()
        .and_then(|s| s.sets.iter().map(|d| d.rules.criteria.len() as u32).max())
        .unwrap_or(19);
    let classes = match &raw.classes {
        Some(sc) => {
            let list: Vec<ClassDef> = sc
                .get_ref()
                .iter()
                .map(|c| ClassDef {
                    label: c.label.clone(),
                    min: c.min,
                    max: c.max,
                    counts: class_counts(c, &src, diags),
                })
                .collect();
            check_classes(&list, n, &src, sc, diags);
            list
        }
        None => default_classes(n),
    };
    let default_classes = raw.classes.is_none();
    let has_villages = raw.rulesets.village.is_some();
    let levels = levels(files, &src, &raw.levels, has_villages, diags);
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
            default_classes,
        },
        commune_sets,
        village_sets,
        levels,
    })
}

/// The levels of `[[levels]]`, checked: a known level other than `ntm` (the level of
/// `[rulesets]`), of communes or villages, named once, requiring a level that is declared
/// for the same units, without a cycle of requirements; their rulesets read.
fn levels(
    files: &dyn Files,
    src: &SourceFile,
    raw: &[Spanned<RawLevel>],
    has_villages: bool,
    diags: &mut Diagnostics,
) -> Vec<LevelSets> {
    let word = |w: &Spanned<String>, diags: &mut Diagnostics| {
        let text = w.get_ref().trim();
        let level = RecognitionLevel::from_id(text);
        if level.is_none() {
            let ids = RecognitionLevel::ALL.map(RecognitionLevel::id);
            let message = Message::UnknownRecognitionLevel {
                text: text.to_string(),
            };
            diags.error(&src.at(w), message).hint =
                did_you_mean(text, ids).or(Some(Hint::UseOneOf {
                    options: &["nang-cao", "kieu-mau", "hien-dai"],
                }));
        }
        level
    };
    // First the words, so that a requirement can name a level declared after it.
    let mut heads = Vec::new();
    for entry in raw {
        let e = entry.get_ref();
        let level = word(&e.level, diags);
        let village = match e.of.as_ref().map(|o| (o, o.get_ref().trim())) {
            None | Some((_, "commune")) => Some(false),
            Some((_, "village")) => Some(true),
            Some((o, other)) => {
                let message = Message::UnknownLevelUnits {
                    text: other.to_string(),
                };
                diags.error(&src.at(o), message).hint = Some(Hint::UseOneOf {
                    options: &["commune", "village"],
                });
                None
            }
        };
        let requires = match &e.requires {
            Some(r) => word(r, diags).map(Some),
            None => Some(None),
        };
        heads.push((entry, level, village, requires));
    }
    let declared = |level: RecognitionLevel, village: bool| {
        (level == RecognitionLevel::Ntm && (!village || has_villages))
            || heads
                .iter()
                .any(|(_, l, v, _)| *l == Some(level) && *v == Some(village))
    };
    let mut out = Vec::new();
    for (k, (entry, level, village, requires)) in heads.iter().enumerate() {
        let (Some(level), Some(village), Some(requires)) = (*level, *village, *requires) else {
            continue;
        };
        let e = entry.get_ref();
        let units = if village { "village" } else { "commune" };
        if level == RecognitionLevel::Ntm {
            let message = Message::LevelOfRulesets { units };
            diags.error(&src.at(&e.level), message).hint = Some(Hint::NtmLevelInRulesets);
            continue;
        }
        if village && !has_villages {
            let message = Message::VillageLevelWithoutVillageSet { level: level.id() };
            diags.error(&src.at(&e.level), message);
            continue;
        }
        let twice = heads[..k]
            .iter()
            .any(|(_, l, v, _)| *l == Some(level) && *v == Some(village));
        if twice {
            let message = Message::LevelDeclaredTwice {
                level: level.id(),
                units,
            };
            diags.error(&src.at(&e.level), message);
            continue;
        }
        if let (Some(r), Some(at)) = (requires, &e.requires) {
            if !declared(r, village) {
                let message = Message::RequiredLevelMissing {
                    level: level.id(),
                    requires: r.id(),
                    units,
                };
                diags.error(&src.at(at), message).hint = Some(Hint::DeclareRequiredLevel);
                continue;
            }
            // A chain of requirements that comes back to this level never starts.
            let mut seen = vec![level];
            let mut next = Some(r);
            let mut cycle = false;
            while let Some(n) = next {
                if seen.contains(&n) {
                    cycle = true;
                    break;
                }
                seen.push(n);
                next = heads
                    .iter()
                    .find(|(_, l, v, _)| *l == Some(n) && *v == Some(village))
                    .and_then(|(_, _, _, r)| r.flatten());
            }
            if cycle {
                let chain: Vec<&str> = seen.iter().map(|l| l.id()).collect();
                let message = Message::LevelRequirementCycle {
                    levels: format!("{} → {}", chain.join(" → "), level.id()),
                };
                diags.error(&src.at(at), message);
                continue;
            }
        }
        let kind = if village {
            Level::Village
        } else {
            Level::Commune
        };
        if let Some(sets) = sets(files, src, &e.ruleset, kind, diags) {
            out.push(LevelSets {
                level,
                village,
                requires,
                sets,
            });
        }
    }
    out
}

/// The rulesets of one level `ntm.toml` names, with the days each is in force; `None` when
/// one cannot be read. Sets of one level must not be in force on the same day.
fn sets(
    files: &dyn Files,
    config: &SourceFile,
    choice: &Spanned<RawChoice>,
    level: Level,
    diags: &mut Diagnostics,
) -> Option<Sets> {
    let at = config.at(choice);
    let mut out = Vec::new();
    let mut ok = true;
    match choice.get_ref() {
        RawChoice::One(name) => {
            let rules = ruleset_named(files, name, &at, level, diags);
            ok &= rules.is_some();
            out.extend(rules.map(|rules| DatedSet {
                rules,
                from: None,
                until: None,
                at: at.clone(),
            }));
        }
        RawChoice::Dated(list) => {
            for entry in list {
                let e = entry.get_ref();
                let here = config.at(&e.ruleset);
                let day = |d: &Option<Spanned<String>>, diags: &mut Diagnostics| {
                    let d = d.as_ref()?;
                    let text = d.get_ref().trim();
                    let parsed = Date::parse_iso(text);
                    if parsed.is_none() {
                        let text = text.to_string();
                        diags
                            .error(&config.at(d), Message::InvalidDate { text })
                            .hint = Some(Hint::DateForm);
                    }
                    parsed
                };
                let from = day(&e.from, diags);
                let until = day(&e.until, diags);
                if let (Some(f), Some(u)) = (from, until)
                    && u <= f
                {
                    let message = Message::EndsBeforeStart {
                        id: e.ruleset.get_ref().trim().to_string(),
                        from: f.to_string(),
                        until: u.to_string(),
                    };
                    let until_at = e.until.as_ref().map_or(here.clone(), |u| config.at(u));
                    diags.error(&until_at, message).hint = Some(Hint::RulesetDates);
                    ok = false;
                }
                let rules = ruleset_named(files, e.ruleset.get_ref(), &here, level, diags);
                ok &= rules.is_some();
                out.extend(rules.map(|rules| DatedSet {
                    rules,
                    from,
                    until,
                    at: here,
                }));
            }
        }
    }
    if !ok {
        return None;
    }
    if out.is_empty() {
        let key = "ruleset".to_string();
        diags.error(&at, Message::MissingKey { key });
        return None;
    }
    check_overlaps(&out, diags);
    check_correspondences(&out, diags);
    Some(Sets { sets: out, at })
}

/// A correspondence map naming a criterion the other set (named in `ntm.toml` too) does
/// not have: an error at the map's entry.
fn check_correspondences(sets: &[DatedSet], diags: &mut Diagnostics) {
    for s in sets {
        for c in &s.rules.corresponds {
            let other = sets.iter().find(|o| o.rules.id == c.ruleset);
            let (Some(other), Some(map)) = (other, &c.map) else {
                continue;
            };
            for entry in map {
                for n in entry
                    .from
                    .iter()
                    .filter(|n| other.rules.criterion(**n).is_none())
                {
                    let message = Message::UnknownCriterion {
                        number: *n,
                        ruleset: other.rules.id.clone(),
                    };
                    diags.error(&entry.location, message);
                }
            }
        }
    }
}

/// Two sets of one level in force on the same day: an error at the later entry.
fn check_overlaps(sets: &[DatedSet], diags: &mut Diagnostics) {
    for (j, b) in sets.iter().enumerate() {
        for a in &sets[..j] {
            let starts_before_end = |x: &DatedSet, y: &DatedSet| match (x.from, y.until) {
                (Some(f), Some(u)) => f < u,
                _ => true,
            };
            if starts_before_end(a, b) && starts_before_end(b, a) {
                let first_day = match (a.from, b.from) {
                    (Some(x), Some(y)) => Some(x.max(y)),
                    (x, y) => x.or(y),
                };
                let message = Message::RulesetsOverlap {
                    first: a.rules.id.clone(),
                    second: b.rules.id.clone(),
                    date: first_day.map_or("…".to_string(), |d| d.to_string()),
                };
                diags.error(&b.at, message).hint = Some(Hint::RulesetDates);
                break;
            }
        }
    }
}

/// The statuses a class counts, each named by its key; an unknown name is an error.
fn class_counts(c: &RawClass, src: &SourceFile, diags: &mut Diagnostics) -> Vec<Status> {
    let Some(list) = &c.counts else {
        return vec![Status::Met];
    };
    let mut out = Vec::new();
    for name in list.get_ref() {
        let status = match name.get_ref().trim() {
            "met" => Status::Met,
            "not_met" => Status::NotMet,
            "basically_met" => Status::BasicallyMet,
            "not_assessed" => Status::NotAssessed,
            other => {
                let message = Message::UnknownClassCount {
                    name: other.to_string(),
                };
                diags.error(&src.at(name), message).hint = Some(Hint::UseOneOf {
                    options: &["met", "basically_met", "not_met", "not_assessed"],
                });
                continue;
            }
        };
        if !out.contains(&status) {
            out.push(status);
        }
    }
    out
}

fn check_classes(
    list: &[ClassDef],
    n: u32,
    src: &SourceFile,
    at: &Spanned<Vec<RawClass>>,
    diags: &mut Diagnostics,
) {
    if list.iter().any(|c| !c.by_met_only()) {
        return check_rule_classes(list, n, src, at, diags);
    }
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

/// Classes that count other statuses than met: a commune is in the first that holds it, so
/// they may overlap, but every split of `n` criteria into the four statuses must fall in
/// one.
fn check_rule_classes(
    list: &[ClassDef],
    n: u32,
    src: &SourceFile,
    at: &Spanned<Vec<RawClass>>,
    diags: &mut Diagnostics,
) {
    for met in 0..=n {
        for basically_met in 0..=n - met {
            for not_assessed in 0..=n - met - basically_met {
                let tally = Tally {
                    met,
                    basically_met,
                    not_assessed,
                    not_met: n - met - basically_met - not_assessed,
                };
                if tally.class(list).is_none() {
                    let message = Message::ClassRuleGap {
                        met,
                        basically_met,
                        not_assessed,
                        not_met: tally.not_met,
                    };
                    diags.error(&src.at(at), message);
                    return;
                }
            }
        }
    }
}

/// Resolves a ruleset name: a built-in id, or a path relative to the data folder; a set
/// that `extends` another is read over that one.
fn ruleset_named(
    files: &dyn Files,
    name: &str,
    at: &Location,
    level: Level,
    diags: &mut Diagnostics,
) -> Option<Ruleset> {
    let n = name.trim();
    let src = open_ruleset(files, n, at, diags)?;
    let mut open = |name: &str, at: &Location, diags: &mut Diagnostics| {
        open_ruleset(files, name.trim(), at, diags)
    };
    let rs = ruleset::parse_with_bases(&src, &mut open, diags)?;
    if rs.level != level {
        let message = Message::RulesetWrongLevel {
            name: n.to_string(),
            level: match level {
                Level::Commune => "commune",
                Level::Village => "village",
            },
        };
        diags.error(at, message);
        return None;
    }
    Some(rs)
}

/// The file of a ruleset name: a built-in id, or a path relative to the data folder.
fn open_ruleset(
    files: &dyn Files,
    n: &str,
    at: &Location,
    diags: &mut Diagnostics,
) -> Option<SourceFile> {
    if n.ends_with(".toml") || n.contains('/') {
        match files.read(n) {
            Ok(Some(s)) => {
                super::note_invisible(&s, diags);
                Some(s)
            }
            Ok(None) => {
                let message = Message::RulesetFileMissing {
                    name: n.to_string(),
                };
                diags.error(at, message);
                None
            }
            Err(e) => {
                read_error(n, e, diags);
                None
            }
        }
    } else {
        let found = ruleset::builtin(n);
        if found.is_none() {
            let message = Message::UnknownBuiltinRuleset {
                name: n.to_string(),
            };
            diags.error(at, message).hint =
                did_you_mean(n, ruleset::BUILTIN.iter().map(|b| b.0)).or(Some(Hint::NameARuleset));
        }
        found
    }
}

/// Reads the commune roster: every commune that ever was, each with the days it exists.
pub fn communes(
    files: &dyn Files,
    rules: &[&Ruleset],
    diags: &mut Diagnostics,
) -> Option<Vec<Commune>> {
    let src = require_file(files, layout::ROSTER, diags)?;
    let t = Table::open(
        &src,
        &["id", "name", "category"],
        &[
            "recognized_decision",
            "recognized_date",
            "recognized_by",
            "group",
            "valid_from",
            "valid_until",
        ],
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
        check_category(&t, row, category, rules, diags);
        let recognition = recognition(&t, row, diags);
        let (valid_from, valid_until) = validity(&t, row, id, diags);
        let group = t.cell(row, "group");
        out.push(Commune {
            id: id.to_string(),
            name: name.to_string(),
            category: category.to_string(),
            category_decision: None,
            recognition,
            revoked: None,
            group: (!group.is_empty()).then(|| group.to_string()),
            valid_from,
            valid_until,
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

/// A category must be one a commune ruleset defines.
fn check_category(
    t: &Table,
    row: &Row,
    category: &str,
    rules: &[&Ruleset],
    diags: &mut Diagnostics,
) {
    if rules.is_empty()
        || category.is_empty()
        || rules
            .iter()
            .any(|rs| rs.categories.iter().any(|c| c.id == category))
    {
        return;
    }
    let rs = rules[0];
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

/// The recognition columns of a roster row.
fn recognition(t: &Table, row: &Row, diags: &mut Diagnostics) -> Option<Recognition> {
    let decision = t.cell(row, "recognized_decision");
    let date = t.cell(row, "recognized_date");
    if decision.is_empty() && date.is_empty() {
        return None;
    }
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
}

/// The `valid_from` and `valid_until` cells of a roster row (empty: without bound); the end
/// must come after the start.
fn validity(
    t: &Table,
    row: &Row,
    id: &str,
    diags: &mut Diagnostics,
) -> (Option<Date>, Option<Date>) {
    let day = |column: &str, diags: &mut Diagnostics| {
        let text = t.cell(row, column);
        if text.is_empty() {
            return None;
        }
        let d = Date::parse_iso(text);
        if d.is_none() {
            let text = text.to_string();
            diags
                .error(&t.at(row, column), Message::InvalidDate { text })
                .hint = Some(Hint::DateForm);
        }
        d
    };
    let from = day("valid_from", diags);
    let until = day("valid_until", diags);
    if let (Some(f), Some(u)) = (from, until)
        && u <= f
    {
        let message = Message::EndsBeforeStart {
            id: id.to_string(),
            from: f.to_string(),
            until: u.to_string(),
        };
        diags.error(&t.at(row, "valid_until"), message).hint = Some(Hint::UntilIsEffectiveDate);
        return (from, None);
    }
    (from, until)
}

/// A village of the roster file: the commune it belongs to from its start, and its days.
#[derive(Clone, Debug)]
pub struct VillageEntry {
    pub id: String,
    pub commune: String,
    pub name: String,
    pub valid_from: Option<Date>,
    pub valid_until: Option<Date>,
}

impl VillageEntry {
    pub fn valid_on(&self, d: Date) -> bool {
        self.valid_from.is_none_or(|f| f <= d) && self.valid_until.is_none_or(|u| d < u)
    }
}

/// Reads the village roster (optional file).
pub fn villages(
    files: &dyn Files,
    communes: &[Commune],
    diags: &mut Diagnostics,
) -> Vec<VillageEntry> {
    let Some(src) = super::optional_file(files, layout::VILLAGES, diags) else {
        return Vec::new();
    };
    let Some(t) = Table::open(
        &src,
        &["id", "commune", "name"],
        &["valid_from", "valid_until"],
        diags,
    ) else {
        return Vec::new();
    };
    let mut ids = Ids::default();
    let mut out = Vec::new();
    let index: std::collections::HashSet<&str> = communes.iter().map(|x| x.id.as_str()).collect();
    let id_col = t.col("id");
    let ok = t.rows(diags, |row, diags| {
        if !ids.add(&t, row, id_col, What::Village, diags) {
            return;
        }
        let id = t.cell(row, "id");
        let name = t.required(row, "name", diags);
        let c = t.cell(row, "commune");
        if !index.contains(c) {
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
        }
        let (valid_from, valid_until) = validity(&t, row, id, diags);
        out.push(VillageEntry {
            id: id.to_string(),
            commune: c.to_string(),
            name: name.to_string(),
            valid_from,
            valid_until,
        });
    });
    if !ok {
        return Vec::new();
    }
    out
}
