//! Criteria sets (bộ tiêu chí) as data: the file format, the checked form, and the sets
//! shipped inside the program.

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
        "lai-chau-ban-43",
        "data/rulesets/lai-chau-ban-43.toml",
        include_str!("../data/rulesets/lai-chau-ban-43.toml"),
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
    criteria: Vec<Spanned<RawCriterion>>,
    #[serde(default)]
    measures: Vec<Spanned<RawMeasure>>,
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
    /// The file it was read from, as shown to users.
    pub file: String,
    /// Indicator id → (criterion index, indicator index), for lookups in large tables.
    indicator_index: std::collections::HashMap<String, (usize, usize)>,
}

impl Ruleset {
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
}

/// Parses and checks a ruleset file; problems go to `diags`.
pub fn parse(src: &SourceFile, diags: &mut Diagnostics) -> Option<Ruleset> {
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
    let category_ids: Vec<&str> = raw.categories.iter().map(|c| c.id.as_str()).collect();
    let group_ids: Vec<&str> = raw.groups.iter().map(|g| g.id.as_str()).collect();
    let mut seen_numbers = BTreeSet::new();
    let mut seen_ids = BTreeSet::new();
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
        valid_from: raw.ruleset.valid_from,
        valid_to: raw.ruleset.valid_to,
        categories: raw
            .categories
            .into_iter()
            .map(|c| Category {
                id: c.id,
                name: c.name,
            })
            .collect(),
        groups: raw
            .groups
            .into_iter()
            .map(|g| Group {
                id: g.id,
                name: g.name,
            })
            .collect(),
        criteria,
        measures,
        file: src.name.clone(),
    })
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
            let rs = parse(&builtin(id).unwrap(), &mut d);
            assert!(rs.is_some(), "{id}: {:?}", d.sorted());
            assert_eq!(&rs.unwrap().id, id);
        }
    }
}
