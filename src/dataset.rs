//! The checked data of a reporting unit: what `validate` produces and `evaluate` reads.
//! These types cannot hold what validation refuses (unknown ids, missing thresholds,
//! numerators without denominators…), so the stages after it cannot fail.

use crate::ruleset::Ruleset;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// Who reports: a district (before 2025) or a province.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Unit {
    /// `district` or `province`.
    pub level: String,
    pub name: String,
    /// How the prose names the unit: "huyện", "tỉnh".
    pub label: String,
    pub province: String,
    pub place: String,
}

/// The issuing body of the report.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Issuer {
    pub parent: String,
    pub name: String,
    pub abbreviation: String,
}

impl Issuer {
    /// The parent body as printed (upper case), empty when there is none.
    pub fn parent_upper(&self) -> String {
        self.parent.to_uppercase()
    }
}

/// Who signs.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Signer {
    pub on_behalf: String,
    pub position: String,
    pub name: String,
}

/// A class of communes by number of criteria met (inclusive bounds).
#[derive(Clone, Debug, serde::Serialize)]
pub struct ClassDef {
    pub label: String,
    pub min: u32,
    pub max: u32,
}

/// `ntm.toml`, checked.
#[derive(Clone, Debug)]
pub struct Config {
    pub unit: Unit,
    pub issuer: Issuer,
    pub signer: Signer,
    pub recipients: Vec<String>,
    pub classes: Vec<ClassDef>,
}

/// An official recognition as an NTM commune.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Recognition {
    pub decision: String,
    /// ISO date.
    pub date: String,
    pub by: Option<String>,
}

/// A commune of the roster.
#[derive(Clone, Debug)]
pub struct Commune {
    pub id: String,
    pub name: String,
    pub category: String,
    pub recognition: Option<Recognition>,
}

/// A village of the roster.
#[derive(Clone, Debug)]
pub struct Village {
    pub id: String,
    /// Index into the commune roster.
    pub commune: usize,
    pub name: String,
}

/// The value given for an indicator.
#[derive(Clone, Debug, PartialEq)]
pub enum IndicatorValue {
    YesNo(bool),
    Scalar(Decimal),
    Ratio {
        numerator: Decimal,
        denominator: Decimal,
    },
    NotApplicable,
}

/// The value given for a measure.
#[derive(Clone, Debug, PartialEq)]
pub enum MeasureValue {
    Scalar(Decimal),
    Ratio {
        numerator: Decimal,
        denominator: Decimal,
    },
}

/// A declared (officially assessed) criterion status.
#[derive(Clone, Debug)]
pub struct Declared {
    pub met: bool,
    pub source: Option<String>,
}

/// One commune's data for one year.
#[derive(Clone, Debug, Default)]
pub struct CommuneYear {
    pub declared: BTreeMap<u32, Declared>,
    pub indicators: BTreeMap<String, IndicatorValue>,
    pub measures: BTreeMap<String, MeasureValue>,
}

/// A funding source; `amount` is the given amount for leaves, the sum for parents.
#[derive(Clone, Debug)]
pub struct FundingSource {
    pub id: String,
    pub name: String,
    pub parent: Option<String>,
    pub amount: Option<Decimal>,
}

/// What people contributed.
#[derive(Clone, Debug, Default)]
pub struct Contributions {
    pub households: Option<u64>,
    pub land_m2: Option<Decimal>,
    pub workdays: Option<u64>,
    pub value: Option<Decimal>,
}

/// Funding mobilised in a year.
#[derive(Clone, Debug, Default)]
pub struct Funding {
    pub sources: Vec<FundingSource>,
    pub contributions: Option<Contributions>,
}

/// One line of allocation and disbursement.
#[derive(Clone, Debug)]
pub struct DisbursementItem {
    pub id: String,
    pub name: String,
    /// `investment` or `recurrent`.
    pub kind: String,
    /// `carried_over` or `current`.
    pub origin: String,
    pub plan: Decimal,
    pub disbursed: Option<Decimal>,
    pub projects: Option<u64>,
    pub note: Option<String>,
}

/// A document issued during the year (appendix 01).
#[derive(Clone, Debug)]
pub struct Document {
    pub number: String,
    pub date: String,
    pub issuer: String,
    pub kind: String,
    pub title: String,
}

/// One commune's plan for the next year.
#[derive(Clone, Debug)]
pub struct CommunePlan {
    pub commune: usize,
    pub register: Vec<u32>,
    pub standard_year: Option<i32>,
}

/// The plan for the next year.
#[derive(Clone, Debug)]
pub struct Plan {
    pub year: i32,
    pub income_per_capita: Option<Decimal>,
    pub ocop_products: Option<u64>,
    pub villages_to_standard: Option<u64>,
    pub communes: Vec<CommunePlan>,
}

/// The report's own number and date.
#[derive(Clone, Debug)]
pub struct ReportMeta {
    pub number: String,
    /// ISO date.
    pub date: String,
}

/// Everything known about one year.
#[derive(Clone, Debug)]
pub struct YearData {
    pub year: i32,
    pub report: ReportMeta,
    /// Indexed like the commune roster.
    pub communes: Vec<CommuneYear>,
    /// Villages' met criteria (numbers), indexed like the village roster; `None` when the
    /// year has no village table.
    pub villages: Option<Vec<Vec<u32>>>,
    pub funding: Option<Funding>,
    pub disbursement: Option<Vec<DisbursementItem>>,
    pub documents: Option<Vec<Document>>,
    pub plan: Option<Plan>,
    /// Narrative fragments by name (file stem).
    pub narrative: BTreeMap<String, String>,
}

/// A reporting unit's checked data: configuration, rosters, rulesets, and the report year
/// with the year before it where that exists.
#[derive(Clone, Debug)]
pub struct Dataset {
    pub config: Config,
    pub communes: Vec<Commune>,
    pub villages: Vec<Village>,
    pub commune_rules: Ruleset,
    pub village_rules: Option<Ruleset>,
    pub current: YearData,
    pub previous: Option<YearData>,
}
