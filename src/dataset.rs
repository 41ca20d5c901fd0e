//! The checked data of a reporting unit: what `validate` produces and `evaluate` reads.
//! These types cannot hold what validation refuses (unknown ids, missing thresholds,
//! numerators without denominators…), so the stages after it cannot fail.

pub use crate::date::Date;
use crate::ruleset::Ruleset;
use rust_decimal::Decimal;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// The level of a reporting unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitLevel {
    District,
    Province,
}

impl UnitLevel {
    /// The names used in `ntm.toml`, in order.
    pub const NAMES: &[&str] = &["district", "province"];

    /// The level named in `ntm.toml`.
    pub fn from_name(name: &str) -> Option<UnitLevel> {
        match name {
            "district" => Some(UnitLevel::District),
            "province" => Some(UnitLevel::Province),
            _ => None,
        }
    }
}

/// Who reports: a district (before 2025) or a province.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Unit {
    pub level: UnitLevel,
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
    pub date: Date,
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
    pub indicators: IndicatorValues,
    pub measures: MeasureValues,
    /// Where the commune's data was first given (its commune file, its first row of a
    /// table, its row of a sheet): where a warning about the commune's data points.
    pub place: Option<crate::source::Location>,
}

/// A commune's indicator values, in the order of the commune ruleset's indicators.
pub type IndicatorValues = Values<IndicatorValue>;

/// A commune's measure values, in the order of the commune ruleset's measures.
pub type MeasureValues = Values<MeasureValue>;

/// The ids of a ruleset's indicators or measures in ruleset order, with an index by id:
/// shared by the values of every commune, so that a national dataset stores no id per value.
#[derive(Debug, Default)]
pub struct ItemIds {
    ids: Vec<String>,
    index: HashMap<String, usize>,
}

impl ItemIds {
    /// The indicators of a ruleset, in the order of [`Ruleset::indicators`].
    pub fn indicators(rules: &Ruleset) -> Arc<Self> {
        Self::new(rules.indicators().map(|i| i.id.clone()).collect())
    }

    /// The measures of a ruleset, in ruleset order.
    pub fn measures(rules: &Ruleset) -> Arc<Self> {
        Self::new(rules.measures.iter().map(|m| m.id.clone()).collect())
    }

    fn new(ids: Vec<String>) -> Arc<Self> {
        let index = ids
            .iter()
            .enumerate()
            .map(|(i, id)| (id.clone(), i))
            .collect();
        Arc::new(ItemIds { ids, index })
    }

    /// Where an item is in ruleset order.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    /// The id of the item at a position.
    pub fn id(&self, position: usize) -> &str {
        &self.ids[position]
    }

    /// How many items the ruleset has.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}

/// Values of a commune's items (indicators or measures): one place per item of the ruleset,
/// in ruleset order, empty where no value was given.
#[derive(Clone, Debug)]
pub struct Values<V> {
    ids: Arc<ItemIds>,
    values: Vec<Option<V>>,
}

impl<V> Default for Values<V> {
    fn default() -> Self {
        Values {
            ids: Arc::default(),
            values: Vec::new(),
        }
    }
}

impl<V: Clone> Values<V> {
    /// No values yet, for the items `ids`.
    pub fn new(ids: Arc<ItemIds>) -> Self {
        let values = vec![None; ids.len()];
        Values { ids, values }
    }
}

impl<V> Values<V> {
    /// The value of the item at a position in ruleset order.
    pub fn at(&self, position: usize) -> Option<&V> {
        self.values.get(position).and_then(Option::as_ref)
    }

    /// The value of an item by id.
    pub fn get(&self, id: &str) -> Option<&V> {
        self.at(self.ids.position(id)?)
    }

    /// Gives the item at a position in ruleset order a value; returns the one it had.
    pub fn set(&mut self, position: usize, value: V) -> Option<V> {
        self.values[position].replace(value)
    }

    /// Gives an item a value by id; returns the one it had.
    ///
    /// # Panics
    /// When the ruleset has no item `id`: validation refuses those.
    pub fn insert(&mut self, id: &str, value: V) -> Option<V> {
        let position = self
            .ids
            .position(id)
            .unwrap_or_else(|| panic!("no item `{id}` in the ruleset"));
        self.set(position, value)
    }

    /// The values given, with their ids, in ruleset order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &V)> {
        let ids = &self.ids;
        self.values
            .iter()
            .enumerate()
            .filter_map(move |(i, v)| Some((ids.id(i), v.as_ref()?)))
    }

    /// As [`Values::iter`], the values mutable.
    pub fn iter_mut(&mut self) -> impl Iterator<Item = (&str, &mut V)> {
        let ids = &self.ids;
        self.values
            .iter_mut()
            .enumerate()
            .filter_map(move |(i, v)| Some((ids.id(i), v.as_mut()?)))
    }

    /// How many items have a value.
    pub fn len(&self) -> usize {
        self.values.iter().filter(|v| v.is_some()).count()
    }

    pub fn is_empty(&self) -> bool {
        self.values.iter().all(Option::is_none)
    }
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
#[derive(Clone, Debug, Default, serde::Serialize)]
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

/// What a line of allocation pays for: development investment (appendix 04) or recurrent
/// spending (appendix 05).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DisbursementKind {
    Investment,
    Recurrent,
}

impl DisbursementKind {
    /// Both kinds, in the order of their appendices.
    pub const ALL: [DisbursementKind; 2] =
        [DisbursementKind::Investment, DisbursementKind::Recurrent];
    /// The names used in `disbursement.toml`, in the order of [`DisbursementKind::ALL`].
    pub const NAMES: &[&str] = &["investment", "recurrent"];

    /// The kind named in `disbursement.toml`.
    pub fn from_name(name: &str) -> Option<DisbursementKind> {
        let i = Self::NAMES.iter().position(|n| *n == name)?;
        Some(Self::ALL[i])
    }
}

/// Where the money of a line of allocation comes from: carried over from earlier years, or
/// allocated in the year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FundingOrigin {
    CarriedOver,
    Current,
}

impl FundingOrigin {
    /// The names used in `disbursement.toml`.
    pub const NAMES: &[&str] = &["carried_over", "current"];

    /// The origin named in `disbursement.toml`.
    pub fn from_name(name: &str) -> Option<FundingOrigin> {
        match name {
            "carried_over" => Some(FundingOrigin::CarriedOver),
            "current" => Some(FundingOrigin::Current),
            _ => None,
        }
    }

    /// As written in `disbursement.toml` and facts.json.
    pub fn name(self) -> &'static str {
        match self {
            FundingOrigin::CarriedOver => "carried_over",
            FundingOrigin::Current => "current",
        }
    }
}

/// One line of allocation and disbursement.
#[derive(Clone, Debug)]
pub struct DisbursementItem {
    pub id: String,
    pub name: String,
    pub kind: DisbursementKind,
    pub origin: FundingOrigin,
    pub plan: Decimal,
    pub disbursed: Option<Decimal>,
    pub projects: Option<u64>,
    pub note: Option<String>,
}

/// A document issued during the year (appendix 01).
#[derive(Clone, Debug, serde::Serialize)]
pub struct Document {
    pub number: String,
    pub date: Date,
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
#[derive(Clone, Debug, serde::Serialize)]
pub struct ReportMeta {
    pub number: String,
    pub date: Date,
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
