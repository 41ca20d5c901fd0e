//! Criteria sets (bộ tiêu chí) as data: the file format, the checked form, and the sets
//! shipped inside the program.

use crate::dataset::Date;
use crate::diagnostic::{Diagnostics, Hint, Message, What, did_you_mean};
use crate::source::{SourceFile, Spanned};
use rust_decimal::Decimal;
use serde::Deserialize;
use std::collections::BTreeSet;

/// The rulesets built into the program: (id, file name, text).
pub const BUILTIN: &[(&str, &str, &str)] = &[
    (
        "lai-chau-xa-1285",
        "data/rulesets/lai-chau-xa-1285.toml",
        include_str!("../data/rulesets/lai-chau-xa-1285.toml"),
    ),
    (
        "lai-chau-xa-1487",
        "data/rulesets/lai-chau-xa-1487.toml",
        include_str!("../data/rulesets/lai-chau-xa-1487.toml"),
    ),
    (
        "lai-chau-ban-43",
        "data/rulesets/lai-chau-ban-43.toml",
        include_str!("../data/rulesets/lai-chau-ban-43.toml"),
    ),
    (
        "quoc-gia-xa-51-2025",
        "data/rulesets/quoc-gia-xa-51-2025.toml",
        include_str!("../data/rulesets/quoc-gia-xa-51-2025.toml"),
    ),
    (
        "quoc-gia-xa-hien-dai-51-2025",
        "data/rulesets/quoc-gia-xa-hien-dai-51-2025.toml",
        include_str!("../data/rulesets/quoc-gia-xa-hien-dai-51-2025.toml"),
    ),
];

/// The built-in ruleset with this id, as a source file.
pub fn builtin(id: &str) -> Option<SourceFile> {
    BUILTIN
        .iter()
        .find(|(i, _, _)| *i == id)
        .map(|(_, name, text)| SourceFile::from_text(format!("<built-in> {name}"), text))
}

// ---- the file, as written -------------------------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    ruleset: RawHead,
    #[serde(default)]
    categories: Vec<RawCategory>,
    #[serde(default)]
    groups: Vec<RawGroup>,
    #[serde(default)]
    criteria: Vec<Spanned<RawCriterion>>,
    #[serde(default)]
    measures: Vec<Spanned<RawMeasure>>,
    /// The programme's components (nội dung thành phần) the criteria are reported under:
    /// absent, the base's, or the 2021–2025 programme's; `[]`, none.
    components: Option<Vec<Spanned<RawComponent>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawComponent {
    title: String,
    #[serde(default)]
    criteria: Vec<Spanned<u32>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHead {
    id: String,
    level: Spanned<String>,
    name: String,
    legal_source: String,
    #[serde(default)]
    based_on: String,
    valid_from: Option<i32>,
    valid_to: Option<i32>,
    /// Read by [`extends_of`] before the file itself; kept here so the key is known.
    #[allow(dead_code)]
    extends: Option<Spanned<String>>,
    issued: Option<Spanned<String>>,
    replaced_on: Option<Spanned<String>>,
    replaced_by: Option<String>,
    official_indicators: Option<u32>,
    note: Option<String>,
    #[serde(default)]
    skeleton: bool,
    #[serde(default)]
    corresponds: Vec<RawCorrespondence>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCorrespondence {
    ruleset: String,
    criteria: Option<Vec<u32>>,
    /// Criterion of this set → the criteria of the other set it takes up.
    map: Option<std::collections::BTreeMap<String, Spanned<Vec<u32>>>>,
}

/// Only the `extends` key of a ruleset file, read before the file itself: the set it amends
/// must be known first.
#[derive(Deserialize)]
struct RawExtends {
    ruleset: RawExtendsHead,
}

#[derive(Deserialize)]
struct RawExtendsHead {
    extends: Option<Spanned<String>>,
}

/// The set a ruleset file amends (`extends`), with where it is named; `None` when the file
/// stands alone or does not parse (then [`parse`] reports why).
pub fn extends_of(src: &SourceFile) -> Option<(String, crate::source::Location)> {
    let raw: RawExtends = toml::from_str(&src.text).ok()?;
    let e = raw.ruleset.extends?;
    Some((e.get_ref().trim().to_string(), src.at(&e)))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCategory {
    id: String,
    name: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGroup {
    id: String,
    name: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCriterion {
    number: u32,
    name: String,
    group: Spanned<String>,
    #[serde(default)]
    indicators: Vec<Spanned<RawIndicator>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIndicator {
    id: Spanned<String>,
    content: String,
    kind: Spanned<String>,
    #[serde(default)]
    unit: String,
    comparator: Option<Spanned<String>>,
    applicability: Option<Spanned<String>>,
    percent_decimals: Option<u32>,
    #[serde(default)]
    source: String,
    #[serde(default)]
    verified: bool,
    #[serde(default)]
    thresholds: Vec<Spanned<RawThreshold>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawThreshold {
    value: Spanned<toml::Value>,
    from_year: Option<i32>,
    to_year: Option<i32>,
    #[serde(default)]
    categories: Vec<Spanned<String>>,
    source: Option<String>,
    verified: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeasure {
    id: String,
    name: String,
    #[serde(default)]
    unit: String,
    kind: Spanned<String>,
    percent_decimals: Option<u32>,
}

// ---- the checked form -------------------------------------------------------------------

/// Whether a set is for communes or villages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Commune,
    Village,
}

/// What an indicator measures, which decides the value it takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    YesNo,
    Ratio,
    Percent,
    Amount,
    Count,
    Level,
}

impl Kind {
    const ALL: [Kind; 6] = [
        Kind::YesNo,
        Kind::Ratio,
        Kind::Percent,
        Kind::Amount,
        Kind::Count,
        Kind::Level,
    ];
    const NAMES: [&'static str; 6] = ["yes_no", "ratio", "percent", "amount", "count", "level"];

    fn parse(s: &str) -> Option<Kind> {
        Self::NAMES
            .iter()
            .position(|n| *n == s)
            .map(|i| Self::ALL[i])
    }

    /// The kind as written in ruleset files (`"yes_no"`, `"ratio"`, …).
    pub fn name(self) -> &'static str {
        let i = Self::ALL
            .iter()
            .position(|k| *k == self)
            .expect("every kind is listed");
        Self::NAMES[i]
    }
}

/// How a value is compared with its threshold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Comparator {
    AtLeast,
    Above,
    AtMost,
    Below,
    Equal,
}

/// Written as in ruleset files (`">="`).
impl serde::Serialize for Comparator {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.symbol())
    }
}

impl Comparator {
    fn parse(s: &str) -> Option<Comparator> {
        Some(match s {
            ">=" => Comparator::AtLeast,
            ">" => Comparator::Above,
            "<=" => Comparator::AtMost,
            "<" => Comparator::Below,
            "==" => Comparator::Equal,
            _ => return None,
        })
    }

    /// The comparator as written in ruleset files.
    pub fn symbol(self) -> &'static str {
        match self {
            Comparator::AtLeast => ">=",
            Comparator::Above => ">",
            Comparator::AtMost => "<=",
            Comparator::Below => "<",
            Comparator::Equal => "==",
        }
    }

    /// As printed in documents: `≥`, `>`, `≤`, `<`, `=`.
    pub fn math_symbol(self) -> &'static str {
        match self {
            Comparator::AtLeast => "≥",
            Comparator::Above => ">",
            Comparator::AtMost => "≤",
            Comparator::Below => "<",
            Comparator::Equal => "=",
        }
    }

    /// Whether a value should stay at or under the threshold (`<=`, `<`).
    pub fn is_upper_bound(self) -> bool {
        matches!(self, Comparator::AtMost | Comparator::Below)
    }

    /// Whether `value` satisfies the comparator against `threshold` (exact arithmetic).
    pub fn holds(self, value: Decimal, threshold: Decimal) -> bool {
        match self {
            Comparator::AtLeast => value >= threshold,
            Comparator::Above => value > threshold,
            Comparator::AtMost => value <= threshold,
            Comparator::Below => value < threshold,
            Comparator::Equal => value == threshold,
        }
    }
}

/// A threshold and the years and categories it applies to.
#[derive(Clone, Debug)]
pub struct Threshold {
    pub value: Decimal,
    pub from_year: Option<i32>,
    pub to_year: Option<i32>,
    pub categories: Vec<String>,
    pub source: String,
    pub verified: bool,
}

impl Threshold {
    fn applies(&self, year: i32, category: &str) -> bool {
        self.from_year.is_none_or(|y| y <= year)
            && self.to_year.is_none_or(|y| year <= y)
            && (self.categories.is_empty() || self.categories.iter().any(|c| c == category))
    }
}

/// One indicator (chỉ tiêu).
#[derive(Clone, Debug)]
pub struct Indicator {
    pub id: String,
    pub criterion: u32,
    pub content: String,
    pub kind: Kind,
    pub unit: String,
    /// `None` for yes/no indicators.
    pub comparator: Option<Comparator>,
    /// "nếu có": where the thing does not exist, the indicator counts as met.
    pub if_exists: bool,
    pub percent_decimals: u32,
    pub source: String,
    pub verified: bool,
    pub thresholds: Vec<Threshold>,
    /// Where the indicator is defined, for diagnostics.
    pub location: crate::source::Location,
}

impl Indicator {
    /// The threshold for a commune category in a year: the first that applies.
    pub fn threshold(&self, year: i32, category: &str) -> Option<&Threshold> {
        self.thresholds.iter().find(|t| t.applies(year, category))
    }

    /// The position of [`Indicator::threshold`] in `thresholds`.
    pub fn threshold_index(&self, year: i32, category: &str) -> Option<usize> {
        self.thresholds
            .iter()
            .position(|t| t.applies(year, category))
    }
}

/// One criterion (tiêu chí).
#[derive(Clone, Debug)]
pub struct Criterion {
    pub number: u32,
    pub name: String,
    pub group: String,
    pub indicators: Vec<Indicator>,
}

/// A group of criteria ("II. Hạ tầng kinh tế - xã hội").
#[derive(Clone, Debug)]
pub struct Group {
    pub id: String,
    pub name: String,
}

/// A commune category thresholds may depend on.
#[derive(Clone, Debug)]
pub struct Category {
    pub id: String,
    pub name: String,
}

/// An auxiliary quantity summed over communes, with no pass/fail.
#[derive(Clone, Debug)]
pub struct Measure {
    pub id: String,
    pub name: String,
    pub unit: String,
    pub kind: Kind,
    /// Ratio measures: decimals shown for the percentage (default 1).
    pub percent_decimals: u32,
}

/// Units counted in whole things (households, people, schools…): a value in one of them
/// written `1.530` is read as 1.53 but surely meant 1530.
const WHOLE_UNITS: &[&str] = &[
    "hộ",
    "người",
    "nhà",
    "trường",
    "công trình",
    "thôn",
    "bản",
    "thôn, bản",
    "xã",
    "sản phẩm",
    "lao động",
    "hợp tác xã",
    "cơ sở",
];

/// Whether values of this kind and unit count whole things.
pub fn counts_whole_things(kind: Kind, unit: &str) -> bool {
    matches!(kind, Kind::Count | Kind::Level) || WHOLE_UNITS.contains(&unit.trim())
}

/// A component of the programme (nội dung thành phần) and the criteria of the set reported
/// under it, in the report's section on the components.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Component {
    pub title: String,
    pub criteria: Vec<u32>,
}

/// A checked criteria set.
#[derive(Clone, Debug)]
pub struct Ruleset {
    pub id: String,
    pub level: Level,
    pub name: String,
    pub legal_source: String,
    pub based_on: String,
    pub valid_from: Option<i32>,
    pub valid_to: Option<i32>,
    pub categories: Vec<Category>,
    pub groups: Vec<Group>,
    pub criteria: Vec<Criterion>,
    pub measures: Vec<Measure>,
    /// The set this one amends (`extends`): criteria it does not define are the base's.
    pub extends: Option<String>,
    /// The day the decision issuing the set was signed.
    pub issued: Option<Date>,
    /// The day another set replaced this one, and which.
    pub replaced_on: Option<Date>,
    pub replaced_by: Option<String>,
    /// How many indicators the official text has, where that is known: a reconstruction
    /// may have fewer.
    pub official_indicators: Option<u32>,
    /// What is known and not known of the set, as its file says.
    pub note: Option<String>,
    /// A framework whose criteria are not yet written (`skeleton = true`): it may have none,
    /// and `rules` says it is a skeleton.
    pub skeleton: bool,
    /// The programme's components the report groups the criteria under (`[[components]]`,
    /// the base's when a file amending it gives none); empty: the criteria are reported in
    /// their own order, under no component.
    pub components: Vec<Component>,
    /// Sets whose criteria this one's correspond to, number for number.
    pub corresponds: Vec<Correspondence>,
    /// The file it was read from, as shown to users.
    pub file: String,
    /// Indicator id → (criterion index, indicator index), for lookups in large tables.
    indicator_index: std::collections::HashMap<String, (usize, usize)>,
}

/// Criteria of another set that assess what this set's criteria assess, so that counts
/// under the two sets can be compared: number for number (`criteria`), or each criterion
/// of this set to criteria of the other (`map`, across a change of set).
#[derive(Clone, Debug)]
pub struct Correspondence {
    pub ruleset: String,
    /// `None`: every criterion both sets have.
    pub criteria: Option<Vec<u32>>,
    /// Criterion of this set → the other set's criteria it takes up, with where the file
    /// names them (checked against the other set once both are read); a criterion the map
    /// does not name corresponds to nothing.
    pub map: Option<Vec<CriterionMap>>,
}

/// One entry of a correspondence map.
#[derive(Clone, Debug)]
pub struct CriterionMap {
    pub criterion: u32,
    pub from: Vec<u32>,
    pub location: crate::source::Location,
}

impl Ruleset {
    /// The criteria of `other` (an earlier set) that criterion `number` of this set is
    /// compared with: itself within one set; across sets, what this set's map says, else
    /// the same number where either set says they correspond; `None`: not comparable.
    pub fn corresponding(&self, other: &Ruleset, number: u32) -> Option<Vec<u32>> {
        let mapped = self
            .corresponds
            .iter()
            .filter(|c| c.ruleset == other.id && self.id != other.id)
            .find_map(|c| c.map.as_ref());
        if let Some(map) = mapped {
            let entry = map.iter().find(|m| m.criterion == number)?;
            let all_there = entry.from.iter().all(|n| other.criterion(*n).is_some());
            return (all_there && !entry.from.is_empty()).then(|| entry.from.clone());
        }
        self.comparable_with(other, number).then(|| vec![number])
    }

    /// Whether criterion `number` of this set can be compared with the same-numbered
    /// criterion of `other`: always within one set; otherwise only where either set says so.
    pub fn comparable_with(&self, other: &Ruleset, number: u32) -> bool {
        if self.id == other.id {
            return true;
        }
        let says = |a: &Ruleset, b: &Ruleset| {
            a.corresponds.iter().any(|c| {
                c.ruleset == b.id && c.criteria.as_ref().is_none_or(|l| l.contains(&number))
            })
        };
        (says(self, other) || says(other, self))
            && self.criterion(number).is_some()
            && other.criterion(number).is_some()
    }

    /// Every indicator, in ruleset order.
    pub fn indicators(&self) -> impl Iterator<Item = &Indicator> {
        self.criteria.iter().flat_map(|c| c.indicators.iter())
    }

    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        let &(c, i) = self.indicator_index.get(id)?;
        Some(&self.criteria[c].indicators[i])
    }

    pub fn criterion(&self, number: u32) -> Option<&Criterion> {
        self.criteria.iter().find(|c| c.number == number)
    }

    pub fn measure(&self, id: &str) -> Option<&Measure> {
        self.measures.iter().find(|m| m.id == id)
    }

    pub fn group(&self, id: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.id == id)
    }

    /// How many indicators of the official text this file does not have, where the file
    /// says how many the official text has.
    pub fn indicators_missing(&self) -> Option<u32> {
        let have = u32::try_from(self.indicators().count()).unwrap_or(u32::MAX);
        self.official_indicators.map(|n| n.saturating_sub(have))
    }

    /// The criteria with no indicator: their status is only what the data declares.
    pub fn criteria_without_indicators(&self) -> Vec<u32> {
        let empty = self.criteria.iter().filter(|c| c.indicators.is_empty());
        empty.map(|c| c.number).collect()
    }
}

/// Parses and checks a ruleset file; problems go to `diags`.
pub fn parse(src: &SourceFile, diags: &mut Diagnostics) -> Option<Ruleset> {
    parse_amending(src, None, diags)
}

/// How a ruleset file names the set it extends is resolved: a name, and where it is
/// written, to its file (`None` when there is none, with a diagnostic).
pub type Open<'a> =
    dyn FnMut(&str, &crate::source::Location, &mut Diagnostics) -> Option<SourceFile> + 'a;

/// Parses a ruleset file, first reading (through `open`) the sets it extends, in turn.
pub fn parse_with_bases(
    src: &SourceFile,
    open: &mut Open,
    diags: &mut Diagnostics,
) -> Option<Ruleset> {
    let mut chain = Vec::new();
    parse_chain(src, open, diags, &mut chain)
}

fn parse_chain(
    src: &SourceFile,
    open: &mut Open,
    diags: &mut Diagnostics,
    chain: &mut Vec<String>,
) -> Option<Ruleset> {
    let base = match extends_of(src) {
        Some((name, at)) => {
            let circle = chain.contains(&name);
            chain.push(name.clone());
            if circle || chain.len() > 8 {
                let chain = chain.join(" → ");
                diags.error(&at, Message::RulesetExtendsCycle { chain });
                return None;
            }
            let base_src = open(&name, &at, diags)?;
            Some(parse_chain(&base_src, open, diags, chain)?)
        }
        None => None,
    };
    parse_amending(src, base.as_ref(), diags)
}

/// [`parse_with_bases`] for a built-in set, whose bases are built in too.
pub fn parse_builtin(id: &str, diags: &mut Diagnostics) -> Option<Ruleset> {
    let src = builtin(id)?;
    let mut open = |name: &str, at: &crate::source::Location, diags: &mut Diagnostics| {
        let found = builtin(name);
        if found.is_none() {
            let message = Message::UnknownBuiltinRuleset {
                name: name.to_string(),
            };
            diags.error(at, message);
        }
        found
    };
    parse_with_bases(&src, &mut open, diags)
}

/// Parses and checks a ruleset file that amends `base` (its `extends`): the base's
/// categories, groups, criteria and measures stand unless the file defines them again
/// (a criterion by number, a measure by id).
pub fn parse_amending(
    src: &SourceFile,
    base: Option<&Ruleset>,
    diags: &mut Diagnostics,
) -> Option<Ruleset> {
    let raw: RawFile = match toml::from_str(&src.text) {
        Ok(r) => r,
        Err(e) => {
            let (loc, message, hint) = src.toml_error(&e);
            diags.error(&loc, message).hint = hint;
            return None;
        }
    };
    let before = diags.count(crate::diagnostic::Severity::Error);
    let level = match raw.ruleset.level.get_ref().trim() {
        "commune" => Level::Commune,
        "village" => Level::Village,
        other => {
            let message = Message::UnknownRulesetLevel {
                level: other.to_string(),
            };
            diags.error(&src.at(&raw.ruleset.level), message).hint = Some(Hint::UseOneOf {
                options: &["commune", "village"],
            });
            Level::Commune
        }
    };
    let mut category_ids: Vec<&str> = raw.categories.iter().map(|c| c.id.as_str()).collect();
    let mut group_ids: Vec<&str> = raw.groups.iter().map(|g| g.id.as_str()).collect();
    if let Some(b) = base {
        category_ids.extend(b.categories.iter().map(|c| c.id.as_str()));
        group_ids.extend(b.groups.iter().map(|g| g.id.as_str()));
    }
    if raw.criteria.is_empty() && base.is_none() && !raw.ruleset.skeleton {
        diags.error(
            &src.at(&raw.ruleset.level),
            Message::MissingKey {
                key: "criteria".to_string(),
            },
        );
    }
    let dates = head_dates(src, &raw.ruleset, diags);
    let mut seen_numbers = BTreeSet::new();
    let mut seen_ids = BTreeSet::new();
    // Indicator ids of the base's criteria that this file does not replace.
    if let Some(b) = base {
        let replaced: Vec<u32> = raw.criteria.iter().map(|c| c.get_ref().number).collect();
        for c in b.criteria.iter().filter(|c| !replaced.contains(&c.number)) {
            seen_ids.extend(c.indicators.iter().map(|i| i.id.clone()));
        }
        let own: Vec<&str> = raw
            .measures
            .iter()
            .map(|m| m.get_ref().id.as_str())
            .collect();
        seen_ids.extend(
            b.measures
                .iter()
                .filter(|m| !own.contains(&m.id.as_str()))
                .map(|m| m.id.clone()),
        );
    }
    let mut criteria = Vec::new();
    for rc in &raw.criteria {
        let c = rc.get_ref();
        if !seen_numbers.insert(c.number) {
            let message = Message::CriterionDefinedTwice { number: c.number };
            diags.error(&src.at(rc), message);
        }
        if !group_ids.contains(&c.group.get_ref().as_str()) {
            let message = Message::UnknownGroup {
                group: c.group.get_ref().clone(),
            };
            let d = diags.error(&src.at(&c.group), message);
            d.hint = did_you_mean(c.group.get_ref(), group_ids.iter().copied());
        }
        let mut indicators = Vec::new();
        for ri in &c.indicators {
            let id = &ri.get_ref().id;
            if !seen_ids.insert(id.get_ref().clone()) {
                let message = Message::DuplicateId {
                    what: What::Indicator,
                    id: id.get_ref().clone(),
                };
                diags.error(&src.at(id), message);
            }
            if let Some(ind) = check_indicator(src, c.number, ri.get_ref(), &category_ids, diags) {
                indicators.push(ind);
            }
        }
        criteria.push(Criterion {
            number: c.number,
            name: c.name.clone(),
            group: c.group.get_ref().clone(),
            indicators,
        });
    }
    let mut measures = Vec::new();
    for rm in &raw.measures {
        let m = rm.get_ref();
        let kind = match Kind::parse(m.kind.get_ref()) {
            Some(k @ (Kind::Count | Kind::Amount | Kind::Ratio)) => k,
            _ => {
                let message = Message::UnknownMeasureKind {
                    kind: m.kind.get_ref().clone(),
                };
                diags.error(&src.at(&m.kind), message).hint = Some(Hint::UseOneOf {
                    options: &["count", "amount", "ratio"],
                });
                continue;
            }
        };
        if !seen_ids.insert(m.id.clone()) {
            let message = Message::DuplicateId {
                what: What::Measure,
                id: m.id.clone(),
            };
            diags.error(&src.at(rm), message);
        }
        measures.push(Measure {
            id: m.id.clone(),
            name: m.name.clone(),
            unit: m.unit.clone(),
            kind,
            percent_decimals: m.percent_decimals.unwrap_or(1),
        });
    }
    if diags.count(crate::diagnostic::Severity::Error) > before {
        return None;
    }
    let mut categories: Vec<Category> = raw
        .categories
        .into_iter()
        .map(|c| Category {
            id: c.id,
            name: c.name,
        })
        .collect();
    let mut groups: Vec<Group> = raw
        .groups
        .into_iter()
        .map(|g| Group {
            id: g.id,
            name: g.name,
        })
        .collect();
    if let Some(b) = base {
        criteria = amend(&b.criteria, criteria, |c| c.number);
        measures = amend(&b.measures, measures, |m| m.id.clone());
        categories = amend(&b.categories, categories, |c| c.id.clone());
        groups = amend(&b.groups, groups, |g| g.id.clone());
    }
    let corresponds = correspondences(src, raw.ruleset.corresponds, &criteria, diags);
    let components = components(src, raw.components.as_ref(), &criteria, base, diags);
    if diags.count(crate::diagnostic::Severity::Error) > before {
        return None;
    }
    let indicator_index = criteria
        .iter()
        .enumerate()
        .flat_map(|(c, cr)| {
            cr.indicators
                .iter()
                .enumerate()
                .map(move |(i, ind)| (ind.id.clone(), (c, i)))
        })
        .collect();
    Some(Ruleset {
        indicator_index,
        id: raw.ruleset.id,
        level,
        name: raw.ruleset.name,
        legal_source: raw.ruleset.legal_source,
        based_on: raw.ruleset.based_on,
        valid_from: raw.ruleset.valid_from.or(base.and_then(|b| b.valid_from)),
        valid_to: raw.ruleset.valid_to.or(base.and_then(|b| b.valid_to)),
        categories,
        groups,
        criteria,
        measures,
        extends: base.map(|b| b.id.clone()),
        issued: dates.0,
        replaced_on: dates.1,
        replaced_by: raw.ruleset.replaced_by,
        official_indicators: raw.ruleset.official_indicators,
        note: raw.ruleset.note,
        skeleton: raw.ruleset.skeleton,
        components,
        corresponds,
        file: src.name.clone(),
    })
}

/// The components of the 2021–2025 programme, for a set whose file names none.
const PROGRAMME_2021_2025: &str = include_str!("../data/rulesets/chuong-trinh-2021-2025.toml");

#[derive(Deserialize)]
struct RawProgramme {
    components: Vec<RawComponent>,
}

/// The 2021–2025 programme's components, with the criteria of the 19-criterion sets.
fn programme_2021_2025() -> Vec<Component> {
    let raw: RawProgramme = toml::from_str(PROGRAMME_2021_2025).expect("a valid built-in file");
    raw.components
        .into_iter()
        .map(|c| Component {
            title: c.title,
            criteria: c.criteria.into_iter().map(|n| n.into_inner()).collect(),
        })
        .collect()
}

/// The file's components, each criterion one of the set's; a file without the key keeps
/// its base's, or, with no base, reports under the 2021–2025 programme's.
fn components(
    src: &SourceFile,
    raw: Option<&Vec<Spanned<RawComponent>>>,
    criteria: &[Criterion],
    base: Option<&Ruleset>,
    diags: &mut Diagnostics,
) -> Vec<Component> {
    let Some(raw) = raw else {
        return base.map_or_else(programme_2021_2025, |b| b.components.clone());
    };
    raw.iter()
        .map(|c| {
            let c = c.get_ref();
            for n in &c.criteria {
                if !criteria.iter().any(|x| x.number == *n.get_ref()) {
                    let message = Message::UnknownCriterion {
                        number: *n.get_ref(),
                        ruleset: src.name.clone(),
                    };
                    diags.error(&src.at(n), message);
                }
            }
            Component {
                title: c.title.trim().to_string(),
                criteria: c.criteria.iter().map(|n| *n.get_ref()).collect(),
            }
        })
        .collect()
}

/// The file's correspondences; a map naming a criterion this set does not have is an
/// error at the entry (the other set's criteria are checked once both sets are read).
fn correspondences(
    src: &SourceFile,
    raw: Vec<RawCorrespondence>,
    criteria: &[Criterion],
    diags: &mut Diagnostics,
) -> Vec<Correspondence> {
    let mut out = Vec::new();
    for c in raw {
        let map = c.map.map(|m| {
            let mut entries = Vec::new();
            for (key, from) in m {
                let location = src.at(&from);
                let known = key.trim().parse::<u32>().ok();
                match known.filter(|n| criteria.iter().any(|c| c.number == *n)) {
                    Some(criterion) => entries.push(CriterionMap {
                        criterion,
                        from: from.into_inner(),
                        location,
                    }),
                    None => {
                        let message = match known {
                            Some(number) => Message::UnknownCriterion {
                                number,
                                ruleset: src.name.clone(),
                            },
                            None => Message::NotANumber { text: key },
                        };
                        diags.error(&location, message);
                    }
                }
            }
            entries
        });
        out.push(Correspondence {
            ruleset: c.ruleset,
            criteria: c.criteria,
            map,
        });
    }
    out
}

/// The base's items in its order, each replaced by the amending file's item with the same
/// key; the amending file's new items after them.
fn amend<T: Clone, K: PartialEq>(base: &[T], own: Vec<T>, key: impl Fn(&T) -> K) -> Vec<T> {
    let mut own: Vec<Option<T>> = own.into_iter().map(Some).collect();
    let mut out: Vec<T> = base
        .iter()
        .map(|b| {
            let k = key(b);
            own.iter_mut()
                .find(|o| o.as_ref().is_some_and(|o| key(o) == k))
                .and_then(Option::take)
                .unwrap_or_else(|| b.clone())
        })
        .collect();
    out.extend(own.into_iter().flatten());
    out
}

/// The head's `issued` and `replaced_on` dates, checked.
fn head_dates(
    src: &SourceFile,
    head: &RawHead,
    diags: &mut Diagnostics,
) -> (Option<Date>, Option<Date>) {
    let mut one = |d: &Option<Spanned<String>>| {
        let d = d.as_ref()?;
        let text = d.get_ref().trim();
        let parsed = Date::parse_iso(text);
        if parsed.is_none() {
            let text = text.to_string();
            diags.error(&src.at(d), Message::InvalidDate { text }).hint = Some(Hint::DateForm);
        }
        parsed
    };
    (one(&head.issued), one(&head.replaced_on))
}

fn check_indicator(
    src: &SourceFile,
    criterion: u32,
    ri: &RawIndicator,
    category_ids: &[&str],
    diags: &mut Diagnostics,
) -> Option<Indicator> {
    let mut ok = true;
    let kind = Kind::parse(ri.kind.get_ref().trim());
    if kind.is_none() {
        let message = Message::UnknownIndicatorKind {
            kind: ri.kind.get_ref().clone(),
        };
        let d = diags.error(&src.at(&ri.kind), message);
        d.hint = did_you_mean(ri.kind.get_ref(), Kind::NAMES).or(Some(Hint::UseOneOf {
            options: &Kind::NAMES,
        }));
        ok = false;
    }
    let comparator = match &ri.comparator {
        Some(c) => match Comparator::parse(c.get_ref().trim()) {
            Some(c) => Some(c),
            None => {
                let message = Message::UnknownComparator {
                    comparator: c.get_ref().clone(),
                };
                diags.error(&src.at(c), message).hint = Some(Hint::Comparators);
                ok = false;
                None
            }
        },
        None => None,
    };
    if kind.is_some_and(|k| k != Kind::YesNo) && comparator.is_none() && ri.comparator.is_none() {
        let id = ri.id.get_ref().clone();
        diags.error(&src.at(&ri.id), Message::NeedsComparator { id });
        ok = false;
    }
    let if_exists = match ri.applicability.as_ref().map(|a| a.get_ref().trim()) {
        None | Some("always") => false,
        Some("if_exists") => true,
        Some(other) => {
            let a = ri.applicability.as_ref().expect("matched Some");
            let message = Message::UnknownApplicability {
                value: other.to_string(),
            };
            diags.error(&src.at(a), message).hint = Some(Hint::UseOneOf {
                options: &["always", "if_exists"],
            });
            ok = false;
            false
        }
    };
    let mut thresholds = Vec::new();
    for rt in &ri.thresholds {
        let t = rt.get_ref();
        let value = match src.exact_number(&t.value) {
            Ok(v) => v,
            Err(p) => {
                let at = src.at(&t.value);
                let fallback = (Message::ThresholdNotANumber, Hint::NumberForm);
                crate::validate::number_problem(p, &at, fallback, diags);
                ok = false;
                continue;
            }
        };
        for c in &t.categories {
            if !category_ids.contains(&c.get_ref().as_str()) {
                let message = Message::UnknownCategory {
                    category: c.get_ref().clone(),
                };
                let d = diags.error(&src.at(c), message);
                d.hint = did_you_mean(c.get_ref(), category_ids.iter().copied());
                ok = false;
            }
        }
        thresholds.push(Threshold {
            value,
            from_year: t.from_year,
            to_year: t.to_year,
            categories: t.categories.iter().map(|c| c.get_ref().clone()).collect(),
            source: t.source.clone().unwrap_or_else(|| ri.source.clone()),
            verified: t.verified.unwrap_or(ri.verified),
        });
    }
    ok.then(|| Indicator {
        id: ri.id.get_ref().clone(),
        criterion,
        content: ri.content.clone(),
        kind: kind.expect("checked"),
        unit: ri.unit.clone(),
        comparator,
        if_exists,
        percent_decimals: ri.percent_decimals.unwrap_or(1),
        source: ri.source.clone(),
        verified: ri.verified,
        thresholds,
        location: src.at(&ri.id),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_names_round_trip() {
        for k in Kind::ALL {
            assert_eq!(Kind::parse(k.name()), Some(k));
        }
        assert_eq!(Kind::parse("ratios"), None);
    }
    use crate::diagnostic::Lang;

    const SMALL: &str = r#"
[ruleset]
id = "t"
level = "commune"
name = "T"
legal_source = "QĐ test"

[[categories]]
id = "dbkk"
name = "ĐBKK"

[[groups]]
id = "I"
name = "Nhóm"

[[criteria]]
number = 10
name = "Thu nhập"
group = "I"

[[criteria.indicators]]
id = "10.1"
content = "Thu nhập"
kind = "amount"
comparator = ">="
[[criteria.indicators.thresholds]]
value = 39.50
to_year = 2022
[[criteria.indicators.thresholds]]
value = "36"
categories = ["dbkk"]
[[criteria.indicators.thresholds]]
value = 42
"#;

    #[test]
    fn thresholds_follow_year_and_category() {
        let mut d = Diagnostics::new();
        let rs = parse(&SourceFile::from_text("t.toml".into(), SMALL), &mut d).expect("valid");
        let ind = rs.indicator("10.1").unwrap();
        assert_eq!(
            ind.threshold(2022, "thuong").unwrap().value.to_string(),
            "39.50"
        );
        assert_eq!(ind.threshold(2023, "dbkk").unwrap().value.to_string(), "36");
        assert_eq!(
            ind.threshold(2023, "thuong").unwrap().value.to_string(),
            "42"
        );
    }

    #[test]
    fn bad_comparator_and_duplicate_id_are_reported_with_lines() {
        let text = SMALL.replace("comparator = \">=\"", "comparator = \"=>\"")
            + "\n[[criteria.indicators]]\nid = \"10.1\"\ncontent = \"x\"\nkind = \"yes_no\"\n";
        let mut d = Diagnostics::new();
        assert!(parse(&SourceFile::from_text("t.toml".into(), &text), &mut d).is_none());
        let msgs: Vec<String> = d
            .sorted()
            .iter()
            .map(|x| format!("{}:{}", x.line.unwrap(), x.message.text(Lang::En)))
            .collect();
        assert!(
            msgs.iter().any(|m| m.ends_with("unknown comparator `=>`")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter()
                .any(|m| m.contains("duplicate indicator id `10.1`")),
            "{msgs:?}"
        );
    }

    #[test]
    fn builtin_rulesets_are_valid() {
        for (id, _, _) in BUILTIN {
            let mut d = Diagnostics::new();
            let rs = parse_builtin(id, &mut d);
            assert!(rs.is_some(), "{id}: {:?}", d.sorted());
            assert_eq!(&rs.unwrap().id, id);
        }
    }

    #[test]
    fn components_name_criteria_of_the_set_and_amending_sets_keep_them() {
        let text = format!(
            "{SMALL}\n[[components]]\ntitle = \"Thu nhập\"\ncriteria = [10]\n\n[[components]]\ntitle = \"Khác\"\n"
        );
        let mut d = Diagnostics::new();
        let rs = parse(&SourceFile::from_text("t.toml".into(), &text), &mut d).expect("valid");
        assert_eq!(rs.components.len(), 2);
        assert_eq!(rs.components[0].criteria, vec![10]);
        assert!(rs.components[1].criteria.is_empty());
        // 1285 names none: the 2021–2025 programme's eleven; 1487 amends 1285 and keeps them.
        let mut d = Diagnostics::new();
        let amended = parse_builtin("lai-chau-xa-1487", &mut d).expect("valid");
        assert_eq!(amended.components.len(), 11);
        assert_eq!(amended.components[9].criteria, vec![19]);
        // The 2026–2030 set declares none: its report lists the criteria in their order.
        let set2026 = parse_builtin("quoc-gia-xa-51-2025", &mut d).expect("valid");
        assert!(set2026.components.is_empty());
        // A component naming a criterion the set does not have is an error at its line.
        let bad = text.replace("criteria = [10]", "criteria = [10, 12]");
        let mut d = Diagnostics::new();
        assert!(parse(&SourceFile::from_text("t.toml".into(), &bad), &mut d).is_none());
        let e = &d.sorted()[0];
        assert!(e.message.text(Lang::En).contains("12"), "{:?}", e.message);
        assert_eq!(
            e.line,
            Some(bad.lines().position(|l| l.contains("[10, 12]")).unwrap() + 1)
        );
    }
}
