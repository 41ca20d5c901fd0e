//! `facts.json`: everything the report says, computed, as a public interface
//! (documented in `docs/facts.md`). Decimals are strings; statuses are `"met"`,
//! `"not_met"` or null. The report writers read only these facts.

use crate::dataset::{Issuer, Recognition, Signer, Unit};
use serde::Serialize;
use std::collections::BTreeMap;

/// The version of this format; raised on any change that could break a reader.
pub const SCHEMA_VERSION: u32 = 1;

/// A short text (an indicator id, a decimal, a comparator) kept inline without its own
/// allocation when it fits in 24 bytes: a national report holds some 600,000 commune
/// indicators, each with several of them. Written to JSON as a plain string.
pub type Short = compact_str::CompactString;

/// A criterion status as it appears in the facts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Met,
    NotMet,
}

impl Status {
    pub fn from_bool(b: bool) -> Status {
        if b { Status::Met } else { Status::NotMet }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Facts {
    pub schema_version: u32,
    pub year: i32,
    pub previous_year: Option<i32>,
    pub unit: Unit,
    pub issuer: Issuer,
    pub signer: Signer,
    pub recipients: Vec<String>,
    pub report: ReportFacts,
    pub ruleset: RulesetFacts,
    pub village_ruleset: Option<RulesetFacts>,
    pub groups: Vec<GroupFacts>,
    pub communes: Vec<CommuneFacts>,
    pub criteria: Vec<CriterionFacts>,
    pub total_criteria_met: u32,
    pub previous_total_criteria_met: Option<u32>,
    pub average_criteria_per_commune: String,
    pub previous_average_criteria_per_commune: Option<String>,
    pub classes: Vec<ClassFacts>,
    pub recognized: Vec<RecognizedFacts>,
    pub findings: Vec<Finding>,
    pub villages: Option<VillageFacts>,
    pub indicators: Vec<IndicatorTotal>,
    pub measures: Vec<MeasureTotal>,
    pub funding: Option<FundingFacts>,
    pub disbursement: Option<DisbursementFacts>,
    pub documents: Option<Vec<DocumentFacts>>,
    pub plan: Option<PlanFacts>,
    pub plan_outcome: Option<PlanOutcome>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ReportFacts {
    pub number: String,
    pub date: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct RulesetFacts {
    pub id: String,
    pub name: String,
    pub legal_source: String,
    pub based_on: String,
    pub criteria_count: usize,
    /// Every indicator and threshold of the set is marked as checked against the official
    /// text (`verified = true` in the ruleset file).
    pub verified: bool,
    /// How many distinct thresholds the report year's evaluation compared a value with.
    pub thresholds_used: usize,
    /// How many of those are not checked against the official text.
    pub thresholds_unverified: usize,
    /// Each threshold used, in ruleset order, with its provenance.
    pub thresholds: Vec<ThresholdUse>,
}

/// A threshold the evaluation used, and where it comes from.
#[derive(Clone, Debug, Serialize)]
pub struct ThresholdUse {
    pub indicator: String,
    pub comparator: String,
    pub value: String,
    /// The commune categories it applies to; empty: every category.
    pub categories: Vec<String>,
    pub from_year: Option<i32>,
    pub to_year: Option<i32>,
    pub source: String,
    pub verified: bool,
    /// How many communes were judged against it.
    pub communes: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct GroupFacts {
    pub id: String,
    pub name: String,
    pub criteria: Vec<u32>,
}

#[derive(Clone, Debug, Serialize)]
pub struct CommuneFacts {
    pub id: String,
    pub name: String,
    pub category: String,
    /// The official count.
    pub criteria_met: u32,
    /// How many criteria the indicator values alone show as met.
    pub criteria_met_computed: u32,
    /// Criteria with a computed status (met or not).
    pub criteria_computed: u32,
    pub previous_criteria_met: Option<u32>,
    pub class: String,
    pub recognized: Option<Recognition>,
    pub criteria: Vec<CommuneCriterion>,
    pub gained: Vec<u32>,
    pub lost: Vec<u32>,
    pub indicators: Vec<CommuneIndicator>,
}

#[derive(Clone, Debug, Serialize)]
pub struct CommuneCriterion {
    pub number: u32,
    pub status: Status,
    pub declared: Option<Status>,
    pub computed: Option<Status>,
    pub previous_status: Option<Status>,
    pub source: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct CommuneIndicator {
    pub id: Short,
    /// `"met"`/`"not_met"` for yes/no values, the number otherwise; null when not given.
    pub value: Option<Short>,
    pub numerator: Option<Short>,
    pub denominator: Option<Short>,
    pub percent: Option<Short>,
    pub applicable: bool,
    pub comparator: Option<Short>,
    pub threshold: Option<Short>,
    pub met: Option<Status>,
}

#[derive(Clone, Debug, Serialize)]
pub struct CriterionFacts {
    pub number: u32,
    pub name: String,
    pub group: String,
    pub count: usize,
    pub communes_met: Vec<String>,
    pub communes_not_met: Vec<String>,
    pub previous_count: Option<usize>,
    pub gained: Vec<String>,
    pub lost: Vec<String>,
    /// Communes whose computed status disagrees with the declared one.
    pub disagreements: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ClassFacts {
    pub label: String,
    pub min: u32,
    pub max: u32,
    pub count: usize,
    pub communes: Vec<String>,
    pub previous_count: Option<usize>,
}

#[derive(Clone, Debug, Serialize)]
pub struct RecognizedFacts {
    pub id: String,
    pub name: String,
    pub decision: String,
    pub date: String,
    pub by: Option<String>,
    pub criteria_met: u32,
    pub criteria_met_computed: u32,
}

#[derive(Clone, Debug, Serialize)]
pub struct Finding {
    pub commune_id: String,
    pub commune: String,
    pub criterion: u32,
    pub declared: Status,
    pub computed: Status,
}

#[derive(Clone, Debug, Serialize)]
pub struct VillageFacts {
    pub total: usize,
    /// Number of criteria met → number of villages (only counts that occur).
    pub by_criteria_met: BTreeMap<u32, usize>,
    pub previous_by_criteria_met: Option<BTreeMap<u32, usize>>,
    /// Villages meeting every criterion of the village set.
    pub meeting_all: usize,
    pub by_commune: Vec<VillageCommuneFacts>,
}

#[derive(Clone, Debug, Serialize)]
pub struct VillageCommuneFacts {
    pub commune: String,
    pub total: usize,
    pub villages: Vec<VillageRow>,
}

#[derive(Clone, Debug, Serialize)]
pub struct VillageRow {
    pub id: String,
    pub name: String,
    pub criteria_met: u32,
    pub met: Vec<u32>,
}

#[derive(Clone, Debug, Serialize)]
pub struct IndicatorTotal {
    pub id: String,
    pub criterion: u32,
    pub content: String,
    pub kind: crate::ruleset::Kind,
    pub unit: String,
    pub comparator: Option<String>,
    /// Ratios: sum of numerators; counts: the sum of values; null otherwise.
    pub numerator: Option<String>,
    pub denominator: Option<String>,
    pub percent: Option<String>,
    pub communes_met: Vec<String>,
    /// Every other commune: not met, or without a value.
    pub communes_not_met: Vec<String>,
    /// Communes where an "if it exists" indicator does not apply (counted as met).
    pub communes_not_applicable: usize,
    pub communes_reporting: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct MeasureTotal {
    pub id: String,
    pub name: String,
    pub unit: String,
    pub numerator: String,
    pub denominator: Option<String>,
    pub percent: Option<String>,
    pub communes_reporting: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct FundingFacts {
    pub sources: Vec<FundingSourceFacts>,
    pub total: String,
    pub contributions: Option<ContributionFacts>,
}

#[derive(Clone, Debug, Serialize)]
pub struct FundingSourceFacts {
    pub id: String,
    pub name: String,
    pub parent: Option<String>,
    pub depth: usize,
    pub amount: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct ContributionFacts {
    pub households: Option<u64>,
    pub land_m2: Option<String>,
    pub workdays: Option<u64>,
    pub value: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct DisbursementFacts {
    pub items: Vec<DisbursementRow>,
    pub plan_total: String,
    pub disbursed_total: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct DisbursementRow {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub origin: String,
    pub plan: String,
    pub disbursed: Option<String>,
    /// One decimal.
    pub percent: Option<String>,
    pub projects: Option<u64>,
    pub note: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct DocumentFacts {
    pub number: String,
    pub date: String,
    pub issuer: String,
    pub kind: String,
    pub title: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct PlanFacts {
    pub year: i32,
    pub income_per_capita: Option<String>,
    pub ocop_products: Option<u64>,
    pub villages_to_standard: Option<u64>,
    /// Registered criteria not met this year.
    pub criteria_to_add: u32,
    pub projected_total: u32,
    pub projected_average: String,
    pub projected_classes: Vec<ClassFacts>,
    pub communes: Vec<PlanCommune>,
    /// Recognised communes, to keep at the standard.
    pub keep_standard: Vec<String>,
    pub expected_standard: Vec<ExpectedStandard>,
}

#[derive(Clone, Debug, Serialize)]
pub struct PlanCommune {
    pub id: String,
    pub name: String,
    pub register: Vec<u32>,
    /// Registered and not met this year.
    pub new: Vec<u32>,
    pub current: u32,
    pub projected: u32,
    pub standard_year: Option<i32>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ExpectedStandard {
    pub id: String,
    pub name: String,
    pub year: i32,
}

#[derive(Clone, Debug, Serialize)]
pub struct PlanOutcome {
    /// The year the plan was made in.
    pub planned_in: i32,
    pub registered: u32,
    pub reached: u32,
    pub communes: Vec<PlanOutcomeCommune>,
}

#[derive(Clone, Debug, Serialize)]
pub struct PlanOutcomeCommune {
    pub id: String,
    pub name: String,
    pub registered: Vec<u32>,
    pub reached: Vec<u32>,
    pub not_reached: Vec<u32>,
    /// Gained this year without having been registered.
    pub unregistered: Vec<u32>,
}
