//! `facts.json`: everything the report says, computed, as a public interface
//! (documented in `docs/facts.md`). The report writers read only these facts.
//!
//! The facts are typed: quantities are [`Decimal`]s, statuses, kinds, levels and origins
//! are enums, dates are [`Date`]s. Text appears only where the data gives text (names,
//! labels, decisions). facts.json writes decimals as strings with the scale the facts hold
//! (normalised sums, fixed decimals for percentages and averages), statuses as `"met"` /
//! `"not_met"`, dates as `YYYY-MM-DD`: the serde derives below are that wire format.

pub use crate::carry::RecognitionCarry;
pub use crate::dataset::{
    Basis, Contributions, Date, Decision, DisbursementKind, Document, FundingOrigin, Issuer,
    Recognition, ReportMeta, Share, Signer, Unit, UnitLevel,
};
pub use crate::ruleset::{Comparator, Kind};
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// The version of this format; raised on any change that could break a reader.
pub const SCHEMA_VERSION: u32 = 2;

/// A short text (an indicator id) kept inline without its own allocation when it fits in
/// 24 bytes: a national report holds some 600,000 commune indicators. Written to JSON as a
/// plain string.
pub type Short = compact_str::CompactString;

/// A criterion status as it appears in the facts. A computed status is only ever met or
/// not met; a declared one may also be "cơ bản đạt" (basically met) or "không đánh giá"
/// (not assessed), which an office's appraisal gives. Only `Met` counts as met
/// (`docs/data-format.md`, "Statuses").
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Met,
    NotMet,
    /// Cơ bản đạt: counted as not met, listed and counted apart.
    BasicallyMet,
    /// Không đánh giá: counted as not met, listed and counted apart.
    NotAssessed,
}

impl Status {
    pub fn from_bool(b: bool) -> Status {
        if b { Status::Met } else { Status::NotMet }
    }

    pub fn is_met(self) -> bool {
        self == Status::Met
    }

    /// Met or not met as a yes/no, where the status is one of those two.
    pub fn as_bool(self) -> Option<bool> {
        match self {
            Status::Met => Some(true),
            Status::NotMet => Some(false),
            Status::BasicallyMet | Status::NotAssessed => None,
        }
    }

    /// How the status is written in Vietnamese.
    pub fn word(self) -> &'static str {
        match self {
            Status::Met => "đạt",
            Status::NotMet => "chưa đạt",
            Status::BasicallyMet => "cơ bản đạt",
            Status::NotAssessed => "không đánh giá",
        }
    }
}

/// The value a commune gives for an indicator: a yes/no answer, or a number. Written to JSON
/// as the status (`"met"`/`"not_met"`) or as the decimal string.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Given {
    YesNo(Status),
    Number(Decimal),
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
    pub report: ReportMeta,
    pub ruleset: RulesetFacts,
    pub village_ruleset: Option<RulesetFacts>,
    pub groups: Vec<GroupFacts>,
    pub communes: Vec<CommuneFacts>,
    pub criteria: Vec<CriterionFacts>,
    pub total_criteria_met: u32,
    pub previous_total_criteria_met: Option<u32>,
    /// Two decimals.
    pub average_criteria_per_commune: Decimal,
    pub previous_average_criteria_per_commune: Option<Decimal>,
    pub classes: Vec<ClassFacts>,
    pub recognized: Vec<RecognizedFacts>,
    pub findings: Vec<Finding>,
    pub villages: Option<VillageFacts>,
    pub indicators: Vec<IndicatorTotal>,
    pub measures: Vec<MeasureTotal>,
    pub funding: Option<FundingFacts>,
    pub disbursement: Option<DisbursementFacts>,
    pub documents: Option<Vec<Document>>,
    pub plan: Option<PlanFacts>,
    pub plan_outcome: Option<PlanOutcome>,
    /// `total_criteria_met - previous_total_criteria_met`.
    pub total_criteria_met_change: Option<i64>,
    /// Recognised communes per 100 communes, no decimals; 0 for an empty roster.
    pub recognized_percent: Decimal,
    /// The groups of the roster (former districts), in the order the roster names them;
    /// empty when the roster has no `group` column.
    pub commune_groups: Vec<CommuneGroupFacts>,
    /// Communes formed by a merger of which some old communes, not all, were recognised:
    /// awaiting acknowledgement ("chờ thừa nhận đạt chuẩn NTM").
    pub awaiting_acknowledgement: Vec<AwaitingFacts>,
    /// How the year before was carried onto this year's communes; null when the roster and
    /// the ruleset are those of the year before (it is compared as it is).
    pub carried: Option<CarriedFacts>,
    /// The year's recognition events (`recognitions.csv`): those dated in the report year
    /// up to its status date, in date order.
    pub recognition_events: Vec<RecognitionEventFacts>,
    /// Each level of recognition with the communes and villages that hold it on the status
    /// date (cumulative), in the order ntm, nang-cao, kieu-mau, hien-dai: `ntm` and the
    /// levels an event names; empty without `recognitions.csv`.
    pub levels: Vec<LevelFacts>,
    /// The levels evaluated beside the NTM level (`[[levels]]` of `ntm.toml`) whose set is
    /// in force on the status date, in the order `ntm.toml` names them; left out without.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub level_results: Vec<LevelResultFacts>,
    /// Where appendix 02a (a table per criterion, a row per commune) went when the unit has
    /// more communes than the build's detail limit (`build --detail-limit`): the Word and
    /// Markdown reports leave its tables out and say where they are, the workbook has them.
    /// Absent (`None`) when 02a is printed in the report, and in facts made without a
    /// report (`compile::facts`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub appendix_02a_moved: Option<DetailMoved>,
}

/// A level evaluated beside the NTM level: the units registered for it (those with data
/// at the level), those meeting it, and those recognised at it.
#[derive(Clone, Debug, Serialize)]
pub struct LevelResultFacts {
    pub level: crate::dataset::RecognitionLevel,
    /// A level of villages, not of communes.
    pub village: bool,
    /// The level a unit must be recognised at (on the status date) to meet this one.
    pub requires: Option<crate::dataset::RecognitionLevel>,
    /// The level's set in force on the status date, with the thresholds its evaluation used.
    pub ruleset: RulesetFacts,
    /// Per criterion of the set, in its order: how many registered units meet it.
    pub criteria: Vec<LevelCriterionFacts>,
    /// Criteria of the set that have no indicator: their status is only the declared one.
    pub criteria_without_indicators: Vec<u32>,
    /// The registered units, in roster order, with their results.
    pub registered: Vec<LevelUnitFacts>,
    /// Registered units meeting every criterion of the set and holding the required level.
    pub meeting: Vec<Named>,
    /// Registered units meeting every criterion but not holding the required level.
    pub meeting_without_requirement: Vec<Named>,
    /// The units recognised at the level on the status date (registered or not), in roster
    /// order.
    pub recognized: Vec<Named>,
}

/// A criterion of a level's set: the registered units meeting it.
#[derive(Clone, Debug, Serialize)]
pub struct LevelCriterionFacts {
    pub number: u32,
    pub name: String,
    pub count: usize,
    /// Their names, in roster order.
    pub units_met: Vec<String>,
}

/// A unit registered for a level, with its results against the level's set.
#[derive(Clone, Debug, Serialize)]
pub struct LevelUnitFacts {
    pub id: String,
    pub name: String,
    /// For a village: its commune's name; null for a commune.
    pub commune: Option<String>,
    /// Criteria officially met (đạt).
    pub criteria_met: u32,
    /// Every criterion of the set is met.
    pub meets_criteria: bool,
    /// The required level is held on the status date (true without a requirement).
    pub requirement_held: bool,
    /// The decision recognising it at the level, held on the status date.
    pub recognized: Option<crate::dataset::Recognition>,
    /// Each criterion's official status, in the set's order.
    pub criteria: Vec<LevelStatus>,
}

/// A criterion's status at a level.
#[derive(Clone, Debug, Serialize)]
pub struct LevelStatus {
    pub number: u32,
    pub status: Status,
}

/// Appendix 02a left out of the Word and Markdown reports, and where its tables are.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DetailMoved {
    /// The unit's communes (more than `limit`).
    pub communes: usize,
    /// The most communes whose detail the report prints.
    pub limit: usize,
    /// The workbook that holds the detail: `phu-bieu-YEAR.xlsx`, beside the report.
    pub workbook: String,
    /// Its sheet: `PB02a`.
    pub sheet: String,
}

/// A recognition event of the report year.
#[derive(Clone, Debug, Serialize)]
pub struct RecognitionEventFacts {
    /// The commune's or village's id.
    pub unit: String,
    pub village: bool,
    /// The commune's or village's name.
    pub name: String,
    /// For a village: the name of its commune on the status date; null for a commune (or a
    /// village no longer on the roster).
    pub commune: Option<String>,
    pub level: crate::dataset::RecognitionLevel,
    pub event: crate::dataset::EventKind,
    pub decision: String,
    pub date: Date,
    pub by: Option<String>,
    pub note: Option<String>,
}

/// The communes and villages holding a level of recognition on the status date.
#[derive(Clone, Debug, Serialize)]
pub struct LevelFacts {
    pub level: crate::dataset::RecognitionLevel,
    /// The communes, in roster order (for `ntm`: those of `recognized`).
    pub communes: Vec<Named>,
    /// The villages, in roster order.
    pub villages: Vec<Named>,
}

/// A commune or a village by id and name.
#[derive(Clone, Debug, Serialize)]
pub struct Named {
    pub id: String,
    pub name: String,
}

impl Named {
    pub fn new(id: &str, name: &str) -> Named {
        Named {
            id: id.to_string(),
            name: name.to_string(),
        }
    }
}

/// A group of communes (a former district, "huyện Phong Thổ (cũ)") with its sub-totals.
#[derive(Clone, Debug, Serialize)]
pub struct CommuneGroupFacts {
    pub name: String,
    /// Ids of its communes, in roster order.
    pub communes: Vec<String>,
    /// Per criterion of the ruleset, in its order: how many of the group's communes meet it.
    pub criteria: Vec<GroupCriterionCount>,
    pub total_criteria_met: u32,
    pub previous_total_criteria_met: Option<u32>,
    /// `total_criteria_met - previous_total_criteria_met`.
    pub total_criteria_met_change: Option<i64>,
}

#[derive(Clone, Debug, Serialize)]
pub struct GroupCriterionCount {
    pub number: u32,
    pub count: usize,
}

/// A commune awaiting acknowledgement of its NTM status after a merger.
#[derive(Clone, Debug, Serialize)]
pub struct AwaitingFacts {
    pub id: String,
    pub name: String,
    /// Names of its old communes that were recognised.
    pub recognized: Vec<String>,
    /// How many old communes it was formed from.
    pub of: usize,
}

/// The year before, carried onto this year's communes (`docs/data-format.md`, "Comparing
/// across a merger").
#[derive(Clone, Debug, Serialize)]
pub struct CarriedFacts {
    pub from_year: i32,
    /// The ruleset the year before was evaluated against.
    pub from_ruleset: String,
    /// The changes of the roster between the two status dates, in date order.
    pub events: Vec<LineageEvent>,
    /// Each commune of this year, in roster order, with what it holds of the year before.
    pub communes: Vec<CarriedCommune>,
    /// The communes of the year before, in their roster order: the year before by the old
    /// communes.
    pub old_communes: Vec<OldCommune>,
    /// Criteria that cannot be compared with the year before (another ruleset that does not
    /// say it corresponds); their previous counts are null.
    pub not_comparable_criteria: Vec<u32>,
    /// Criteria compared with other criteria of the year before's set, as this year's set
    /// declares (`map` of `[[ruleset.corresponds]]`); left out when none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub corresponding: Vec<CorrespondingCriterion>,
}

/// A criterion of this year's set and the criteria of the year before's set it is compared
/// with: met the year before where every one of them was met.
#[derive(Clone, Debug, Serialize)]
pub struct CorrespondingCriterion {
    pub criterion: u32,
    pub from_criteria: Vec<u32>,
}

/// What a lineage event is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LineageKind {
    /// Communes merged into one (some perhaps only in part).
    Merger,
    /// A commune renamed, with nothing else changed.
    Rename,
}

/// A merger or a rename between the two status dates.
#[derive(Clone, Debug, Serialize)]
pub struct LineageEvent {
    /// `"merger"` or `"rename"`.
    pub kind: LineageKind,
    /// The commune formed, taking others in, or renamed (id of this year's roster).
    pub commune: String,
    /// Its name this year.
    pub name: String,
    /// Old communes held in whole / in part (mergers), names of the year before.
    pub whole: Vec<String>,
    pub part: Vec<String>,
    /// The name before (renames).
    pub from_name: Option<String>,
    pub date: Date,
    pub decision: Option<Decision>,
    pub basis: Basis,
    pub source: Option<String>,
}

/// A commune of this year and the communes of the year before it holds.
#[derive(Clone, Debug, Serialize)]
pub struct CarriedCommune {
    pub id: String,
    pub name: String,
    /// The same commune, whole, under the same ruleset: compared as it is.
    pub same: bool,
    pub predecessors: Vec<PredecessorFacts>,
    /// Indicators whose quantities of the year before were not carried onto it.
    pub not_carried: Vec<NotCarriedFacts>,
    pub recognition: RecognitionCarry,
}

#[derive(Clone, Debug, Serialize)]
pub struct PredecessorFacts {
    pub id: String,
    /// The name of the year before.
    pub name: String,
    pub share: Share,
    /// Its official number of criteria met the year before, by its own ruleset.
    pub criteria_met: u32,
    pub recognized: Option<Recognition>,
}

/// Why an indicator's quantities were not carried.
#[derive(Clone, Debug, Serialize)]
pub struct NotCarriedFacts {
    pub indicator: String,
    /// `"partial_transfer"`: an old commune given in part reported it (named in `parts`);
    /// `"not_additive"`: a rate or average given by several old communes.
    pub reason: &'static str,
    pub parts: Vec<String>,
}

/// A commune of the year before and where it went.
#[derive(Clone, Debug, Serialize)]
pub struct OldCommune {
    pub id: String,
    pub name: String,
    pub group: Option<String>,
    pub criteria_met: u32,
    /// Ids of this year's communes holding it (whole or in part).
    pub into: Vec<String>,
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
    /// Criteria the ruleset file gives no indicator (their status is only the declared
    /// one), where the official text has indicators the file lacks; left out when none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub criteria_without_indicators: Vec<u32>,
    /// How many indicators the official text has, where the file says so and lacks some;
    /// left out otherwise and when every criterion has indicators.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub official_indicators: Option<u32>,
    /// The programme's components the report groups the criteria under, in order; empty
    /// when the ruleset declares none (the criteria are then reported in their order).
    pub components: Vec<crate::ruleset::Component>,
}

/// A threshold the evaluation used, and where it comes from.
#[derive(Clone, Debug, Serialize)]
pub struct ThresholdUse {
    pub indicator: String,
    pub comparator: Comparator,
    pub value: Decimal,
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
    /// The decision that assigned `category` for the year (the year's `groups.csv`); left
    /// out when the category is the roster's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category_decision: Option<crate::dataset::Recognition>,
    /// The official count: criteria đạt.
    pub criteria_met: u32,
    /// Criteria declared cơ bản đạt (not in `criteria_met`); left out when none.
    #[serde(skip_serializing_if = "is_zero")]
    pub criteria_basically_met: u32,
    /// Criteria declared không đánh giá (not in `criteria_met`); left out when none.
    #[serde(skip_serializing_if = "is_zero")]
    pub criteria_not_assessed: u32,
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
    /// `criteria_met - previous_criteria_met`.
    pub criteria_met_change: Option<i64>,
    /// The group it is listed under (`group` of the roster), e.g. "huyện Phong Thổ (cũ)".
    pub group: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct CommuneCriterion {
    pub number: u32,
    pub status: Status,
    pub declared: Option<Status>,
    pub computed: Option<Status>,
    pub previous_status: Option<Status>,
    pub source: Option<String>,
    /// Carried across a merger: how many of its old communes officially met the criterion
    /// the year before, out of how many (`previous_status` is met only when all did).
    pub previous_met_by: Option<MetBy>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct MetBy {
    pub met: u32,
    pub of: u32,
}

#[derive(Clone, Debug, Serialize)]
pub struct CommuneIndicator {
    pub id: Short,
    /// Yes/no values and numbers (normalised); null for ratios, not applicable, not given.
    pub value: Option<Given>,
    pub numerator: Option<Decimal>,
    pub denominator: Option<Decimal>,
    /// With the indicator's `percent_decimals`.
    pub percent: Option<Decimal>,
    pub applicable: bool,
    pub comparator: Option<Comparator>,
    pub threshold: Option<Decimal>,
    pub met: Option<Status>,
}

#[derive(Clone, Debug, Serialize)]
pub struct CriterionFacts {
    pub number: u32,
    pub name: String,
    pub group: String,
    pub count: usize,
    pub communes_met: Vec<String>,
    /// Every commune that does not meet it, the ones below included.
    pub communes_not_met: Vec<String>,
    /// Communes declared cơ bản đạt; left out when none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub communes_basically_met: Vec<String>,
    /// Communes declared không đánh giá; left out when none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub communes_not_assessed: Vec<String>,
    pub previous_count: Option<usize>,
    pub gained: Vec<String>,
    pub lost: Vec<String>,
    /// Communes whose computed status disagrees with the declared one.
    pub disagreements: Vec<String>,
    /// `count - previous_count`.
    pub change: Option<i64>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ClassFacts {
    pub label: String,
    pub min: u32,
    pub max: u32,
    /// The statuses the class counts, when not only `met`; left out for a class by
    /// criteria met.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub counts: Vec<Status>,
    pub count: usize,
    pub communes: Vec<String>,
    pub previous_count: Option<usize>,
}

#[derive(Clone, Debug, Serialize)]
pub struct RecognizedFacts {
    pub id: String,
    pub name: String,
    pub decision: String,
    pub date: Date,
    pub by: Option<String>,
    pub criteria_met: u32,
    pub criteria_met_computed: u32,
    /// The decision is an acknowledgement after a merger (thừa nhận, `recognitions.csv`),
    /// not a recognition (công nhận).
    pub acknowledged: bool,
    /// A recognition carried over a merger: the names of the old communes, all recognised,
    /// whose decision it is (the latest of theirs); empty for the commune's own decision.
    pub carried_from: Vec<String>,
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
    /// The bands of appendix 07 for the counts that occur: up to 5 criteria together, 6–9
    /// together, then each count from 10 up.
    pub bands: Vec<VillageBand>,
}

#[derive(Clone, Debug, Serialize)]
pub struct VillageCommuneFacts {
    pub commune: String,
    pub total: usize,
    pub villages: Vec<VillageRow>,
    /// The commune's villages in each of [`VillageFacts::bands`], in that order.
    pub bands: Vec<usize>,
}

/// Villages meeting between `min` and `max` criteria (inclusive).
#[derive(Clone, Debug, Serialize)]
pub struct VillageBand {
    /// `"03 - 05"`, `"06 - 09"`, `"10"`: the counts that occur in the band.
    pub label: String,
    pub min: u32,
    pub max: u32,
    pub count: usize,
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
    pub kind: Kind,
    pub unit: String,
    pub comparator: Option<Comparator>,
    /// Ratios: sum of numerators; counts: the sum of values; null otherwise.
    pub numerator: Option<Decimal>,
    pub denominator: Option<Decimal>,
    pub percent: Option<Decimal>,
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
    pub numerator: Decimal,
    pub denominator: Option<Decimal>,
    pub percent: Option<Decimal>,
    pub communes_reporting: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct FundingFacts {
    pub sources: Vec<FundingSourceFacts>,
    pub total: Decimal,
    /// `land_m2` normalised, `value` with the decimals it was written with.
    pub contributions: Option<Contributions>,
}

#[derive(Clone, Debug, Serialize)]
pub struct FundingSourceFacts {
    pub id: String,
    pub name: String,
    pub parent: Option<String>,
    pub depth: usize,
    pub amount: Decimal,
}

#[derive(Clone, Debug, Serialize)]
pub struct DisbursementFacts {
    pub items: Vec<DisbursementRow>,
    pub plan_total: Decimal,
    pub disbursed_total: Decimal,
    /// The totals of each kind that has items, in the order of [`DisbursementKind::ALL`]
    /// (the total rows of appendices 04 and 05).
    pub kinds: Vec<KindTotal>,
}

#[derive(Clone, Debug, Serialize)]
pub struct DisbursementRow {
    pub id: String,
    pub name: String,
    pub kind: DisbursementKind,
    pub origin: FundingOrigin,
    pub plan: Decimal,
    pub disbursed: Option<Decimal>,
    /// One decimal.
    pub percent: Option<Decimal>,
    pub projects: Option<u64>,
    pub note: Option<String>,
}

/// The items of one kind, summed.
#[derive(Clone, Debug, Serialize)]
pub struct KindTotal {
    pub kind: DisbursementKind,
    pub plan: Decimal,
    /// The sum of the `disbursed` values given; null when no item of the kind gives one.
    pub disbursed: Option<Decimal>,
    /// `disbursed ÷ plan × 100`, one decimal; null without `disbursed` or when `plan` is 0.
    pub percent: Option<Decimal>,
}

impl DisbursementFacts {
    /// The items of a kind, in file order.
    pub fn items_of(&self, kind: DisbursementKind) -> impl Iterator<Item = &DisbursementRow> {
        self.items.iter().filter(move |i| i.kind == kind)
    }

    /// The totals of a kind; `None` when it has no items.
    pub fn total_of(&self, kind: DisbursementKind) -> Option<&KindTotal> {
        self.kinds.iter().find(|k| k.kind == kind)
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct PlanFacts {
    pub year: i32,
    pub income_per_capita: Option<Decimal>,
    pub ocop_products: Option<u64>,
    pub villages_to_standard: Option<u64>,
    /// Registered criteria not met this year.
    pub criteria_to_add: u32,
    pub projected_total: u32,
    /// Two decimals.
    pub projected_average: Decimal,
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
    /// `registered - reached`.
    pub not_reached: u32,
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
