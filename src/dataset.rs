//! The checked data of a reporting unit: what `validate` produces and `evaluate` reads.
//! These types cannot hold what validation refuses (unknown ids, missing thresholds,
//! numerators without denominators…), so the stages after it cannot fail.

pub use crate::date::Date;
use crate::ruleset::Ruleset;
use rust_decimal::Decimal;

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// The level of a reporting unit: a district (before 2025), a province (over its communes,
/// since districts were abolished on 1 July 2025), or a commune (its own report).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitLevel {
    District,
    Province,
    Commune,
}

impl UnitLevel {
    /// The names used in `ntm.toml`, in order.
    pub const NAMES: &[&str] = &["district", "province", "commune"];

    /// The level named in `ntm.toml`.
    pub fn from_name(name: &str) -> Option<UnitLevel> {
        match name {
            "district" => Some(UnitLevel::District),
            "province" => Some(UnitLevel::Province),
            "commune" => Some(UnitLevel::Commune),
            _ => None,
        }
    }
}

/// Who reports: a district, a province or a commune.
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

/// A class of communes by a count of their criteria (inclusive bounds): by default the
/// criteria met (đạt); a class may count other statuses with them ("xã cơ bản đạt chuẩn":
/// every criterion đạt or cơ bản đạt). A commune is in the first class, in order, whose
/// range holds its count.
#[derive(Clone, Debug, serde::Serialize)]
pub struct ClassDef {
    pub label: String,
    pub min: u32,
    pub max: u32,
    /// The statuses counted; `[Met]` for a class by criteria met.
    pub counts: Vec<crate::facts::Status>,
}

impl ClassDef {
    /// A class by the number of criteria met.
    pub fn by_met(label: String, min: u32, max: u32) -> ClassDef {
        ClassDef {
            label,
            min,
            max,
            counts: vec![crate::facts::Status::Met],
        }
    }

    /// Whether the class counts criteria met only.
    pub fn by_met_only(&self) -> bool {
        self.counts == [crate::facts::Status::Met]
    }

    /// Whether a commune with these counts of each status falls in the range.
    pub fn holds(&self, tally: &Tally) -> bool {
        let n: u32 = self.counts.iter().map(|s| tally.of(*s)).sum();
        self.min <= n && n <= self.max
    }
}

/// How many of a commune's criteria have each official status.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub met: u32,
    pub not_met: u32,
    pub basically_met: u32,
    pub not_assessed: u32,
}

impl Tally {
    pub fn of(&self, s: crate::facts::Status) -> u32 {
        use crate::facts::Status::*;
        match s {
            Met => self.met,
            NotMet => self.not_met,
            BasicallyMet => self.basically_met,
            NotAssessed => self.not_assessed,
        }
    }

    /// The first class of `defs` that holds this tally.
    pub fn class<'a>(&self, defs: &'a [ClassDef]) -> Option<&'a ClassDef> {
        defs.iter().find(|c| c.holds(self))
    }
}

/// `ntm.toml`, checked.
#[derive(Clone, Debug)]
pub struct Config {
    pub unit: Unit,
    pub issuer: Issuer,
    pub signer: Signer,
    pub recipients: Vec<String>,
    pub classes: Vec<ClassDef>,
    /// `classes` are the defaults (no `[[classes]]` in ntm.toml): each year uses the
    /// defaults for the size of its own set.
    pub default_classes: bool,
}

/// An official recognition as an NTM commune.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Recognition {
    pub decision: String,
    pub date: Date,
    pub by: Option<String>,
}

/// A level of recognition: xã (or thôn) NTM, NTM nâng cao, NTM kiểu mẫu, NTM hiện đại.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RecognitionLevel {
    Ntm,
    NangCao,
    KieuMau,
    HienDai,
}

impl RecognitionLevel {
    /// Every level, in order.
    pub const ALL: [RecognitionLevel; 4] = [
        RecognitionLevel::Ntm,
        RecognitionLevel::NangCao,
        RecognitionLevel::KieuMau,
        RecognitionLevel::HienDai,
    ];

    /// The level of an id (`ntm`, `nang-cao`, `kieu-mau`, `hien-dai`).
    pub fn from_id(id: &str) -> Option<RecognitionLevel> {
        RecognitionLevel::ALL.into_iter().find(|l| l.id() == id)
    }

    /// The id written in data files and facts.json.
    pub fn id(self) -> &'static str {
        match self {
            RecognitionLevel::Ntm => "ntm",
            RecognitionLevel::NangCao => "nang-cao",
            RecognitionLevel::KieuMau => "kieu-mau",
            RecognitionLevel::HienDai => "hien-dai",
        }
    }

    /// The standard as documents name it ("đạt chuẩn nông thôn mới nâng cao").
    pub fn words(self) -> &'static str {
        match self {
            RecognitionLevel::Ntm => "nông thôn mới",
            RecognitionLevel::NangCao => "nông thôn mới nâng cao",
            RecognitionLevel::KieuMau => "nông thôn mới kiểu mẫu",
            RecognitionLevel::HienDai => "nông thôn mới hiện đại",
        }
    }
}

/// What a recognition event does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EventKind {
    /// Công nhận: recognised at the level.
    CongNhan,
    /// Thừa nhận: a commune formed by a merger acknowledged at the level.
    ThuaNhan,
    /// Thu hồi: the recognition revoked.
    ThuHoi,
}

/// A recognition event of a commune or a village (`recognitions.csv`, or the roster's
/// `recognized_*` columns: a `cong-nhan` at level `ntm`).
#[derive(Clone, Debug)]
pub struct RecognitionEvent {
    /// The commune's or the village's id.
    pub unit: String,
    pub village: bool,
    pub level: RecognitionLevel,
    pub kind: EventKind,
    pub decision: Recognition,
    pub note: Option<String>,
}

/// What a unit's events at a level say on a day.
#[derive(Clone, Copy, Debug)]
pub enum Standing<'a> {
    /// No event up to that day.
    Never,
    /// Recognised (or acknowledged) by this event.
    Held(&'a RecognitionEvent),
    /// Revoked by this event.
    Revoked(&'a RecognitionEvent),
}

/// The standing of `unit` at `level` on day `d`, from `events` (in date order).
pub fn standing<'a>(
    events: &'a [RecognitionEvent],
    unit: &str,
    village: bool,
    level: RecognitionLevel,
    d: Date,
) -> Standing<'a> {
    let mut s = Standing::Never;
    for e in events.iter().filter(|e| {
        e.unit == unit && e.village == village && e.level == level && e.decision.date <= d
    }) {
        s = match e.kind {
            EventKind::CongNhan | EventKind::ThuaNhan => Standing::Held(e),
            EventKind::ThuHoi => Standing::Revoked(e),
        };
    }
    s
}

/// A commune of the roster.
#[derive(Clone, Debug)]
pub struct Commune {
    pub id: String,
    /// The name on the day the roster is taken (a rename changes it from its date).
    pub name: String,
    /// The commune category (the group thresholds are chosen by): the roster's, or the one
    /// the year's `groups.csv` assigns.
    pub category: String,
    /// The decision that assigned `category` for the year (`groups.csv`); `None`: the
    /// roster's category.
    pub category_decision: Option<Recognition>,
    /// Its NTM recognition on the status date of the year it is read for: the roster's
    /// decision and the events of `recognitions.csv` up to that day.
    pub recognition: Option<Recognition>,
    /// The revocation of its NTM recognition, when the events up to that day end with one:
    /// nothing is carried onto it from old communes.
    pub revoked: Option<Recognition>,
    /// The group the commune is listed under in a province's report, as printed
    /// ("huyện Phong Thổ (cũ)"); `None` when the roster has no groups.
    pub group: Option<String>,
    /// The first day the commune exists; `None`: from before any data.
    pub valid_from: Option<Date>,
    /// The day it ceased to exist (the effective date of the merger that ended it); `None`:
    /// it still exists.
    pub valid_until: Option<Date>,
}

impl Commune {
    /// Whether the commune exists on day `d`.
    pub fn valid_on(&self, d: Date) -> bool {
        self.valid_from.is_none_or(|f| f <= d) && self.valid_until.is_none_or(|u| d < u)
    }
}

/// How a piece of lineage is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// Checked against the text of the decision.
    Official,
    /// From a press or secondary source, not checked against the decision's text.
    Reported,
    /// Made up for an example: not to be relied on.
    Illustrative,
}

impl Basis {
    pub const NAMES: [&'static str; 3] = ["official", "reported", "illustrative"];

    pub fn parse(s: &str) -> Option<Basis> {
        Some(match s {
            "official" => Basis::Official,
            "reported" => Basis::Reported,
            "illustrative" => Basis::Illustrative,
            _ => return None,
        })
    }
}

/// The decision behind a change of the roster.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Decision {
    /// "1670/NQ-UBTVQH15".
    pub number: String,
    pub date: Option<Date>,
    pub by: Option<String>,
}

/// Where a piece of lineage comes from.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Provenance {
    pub basis: Basis,
    pub source: Option<String>,
    pub note: Option<String>,
}

/// Old communes forming a commune on a day: wholly (`whole`) or with a part of their
/// territory (`part`, a partial transfer). When `into` is itself in `whole`, it existed
/// before and takes the others in; otherwise it is new from `date`.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Merger {
    pub into: String,
    pub whole: Vec<String>,
    pub part: Vec<String>,
    /// Villages of the `part` communes that move into `into`.
    pub villages: Vec<String>,
    /// The effective date: the old communes end, the new one begins.
    pub date: Date,
    pub decision: Option<Decision>,
    pub provenance: Provenance,
}

impl Merger {
    /// Whether `into` existed before the merger and took the others in.
    pub fn absorbs(&self) -> bool {
        self.whole.contains(&self.into)
    }
}

/// A commune's new name from a day.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Rename {
    pub commune: String,
    /// The name before.
    pub from: String,
    pub name: String,
    pub date: Date,
    pub decision: Option<Decision>,
    pub provenance: Provenance,
}

/// How the roster changed over time (`lineage.toml`), in date order.
#[derive(Clone, Debug, Default)]
pub struct Lineage {
    pub mergers: Vec<Merger>,
    pub renames: Vec<Rename>,
}

impl Lineage {
    /// What each commune existing on day `to` holds of the communes that existed on day
    /// `from` (an earlier day), following the mergers in between: ids of the communes of
    /// `from`, each with its share. A commune that continues without a merger holds itself
    /// whole; one that gave a part away holds only a part of itself. A commune that came
    /// into being in between without a merger holds nothing (no entry).
    pub fn composition(
        &self,
        all: &[Commune],
        from: Date,
        to: Date,
    ) -> HashMap<String, Vec<(String, Share)>> {
        let mut comp: HashMap<String, Vec<(String, Share)>> = all
            .iter()
            .filter(|c| c.valid_on(from))
            .map(|c| (c.id.clone(), vec![(c.id.clone(), Share::Whole)]))
            .collect();
        let events: Vec<&Merger> = self
            .mergers
            .iter()
            .filter(|m| from < m.date && m.date <= to)
            .collect();
        let mut k = 0;
        while k < events.len() {
            let day = events[k].date;
            let same_day: Vec<&Merger> = events[k..]
                .iter()
                .take_while(|m| m.date == day)
                .copied()
                .collect();
            k += same_day.len();
            let before = comp.clone();
            let donors: Vec<&String> = same_day.iter().flat_map(|m| &m.part).collect();
            let part_of = |id: &String| -> Vec<(String, Share)> {
                before
                    .get(id)
                    .map(|v| v.iter().map(|(p, _)| (p.clone(), Share::Part)).collect())
                    .unwrap_or_default()
            };
            let whole_of = |id: &String| -> Vec<(String, Share)> {
                if donors.contains(&id) {
                    part_of(id)
                } else {
                    before.get(id).cloned().unwrap_or_default()
                }
            };
            for m in &same_day {
                let mut held: Vec<(String, Share)> = Vec::new();
                for w in &m.whole {
                    held.extend(whole_of(w));
                }
                for p in &m.part {
                    held.extend(part_of(p));
                }
                comp.insert(m.into.clone(), merge_shares(held));
            }
            for c in all {
                let targeted = same_day.iter().any(|m| m.into == c.id);
                if targeted {
                    continue;
                }
                if !c.valid_on(day) {
                    comp.remove(&c.id);
                } else if donors.contains(&&c.id) {
                    comp.insert(c.id.clone(), part_of(&c.id));
                }
            }
        }
        comp.retain(|id, _| all.iter().any(|c| c.id == *id && c.valid_on(to)));
        comp
    }
}

/// Shares of one old commune reached by several paths are a part, unless all are whole and
/// there is one (it cannot be whole twice).
fn merge_shares(held: Vec<(String, Share)>) -> Vec<(String, Share)> {
    let mut out: Vec<(String, Share)> = Vec::new();
    for (id, share) in held {
        match out.iter_mut().find(|(i, _)| *i == id) {
            Some(e) => e.1 = Share::Part,
            None => out.push((id, share)),
        }
    }
    out
}

/// A commune of one year and how much of an old commune it holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Share {
    /// All of the old commune.
    Whole,
    /// A part of it (a partial transfer): its measured quantities cannot be split.
    Part,
}

/// The roster, villages and rulesets of one year: what the year's data is read against.
#[derive(Clone, Debug)]
pub struct Frame {
    /// The day the year's statuses are assessed (`status_date` of `report.toml`, by default
    /// 31 December): the roster and the rulesets in force that day apply.
    pub status_date: Date,
    pub communes: Vec<Commune>,
    pub villages: Vec<Village>,
    pub commune_rules: Ruleset,
    pub village_rules: Option<Ruleset>,
    /// The levels evaluated beside the NTM level whose set is in force that day.
    pub levels: Vec<LevelFrame>,
}

/// A level evaluated beside the NTM level (`[[levels]]` of `ntm.toml`), with its set in
/// force on a year's status date.
#[derive(Clone, Debug)]
pub struct LevelFrame {
    pub level: RecognitionLevel,
    /// A level of villages (thôn NTM kiểu mẫu), not of communes.
    pub village: bool,
    /// The level a unit must be recognised at for this one to count it as meeting it.
    pub requires: Option<RecognitionLevel>,
    pub rules: Ruleset,
}

/// A year's data at a level beside the NTM one: the units registered for it (that gave
/// data at the level) with their values.
#[derive(Clone, Debug, Default)]
pub struct LevelYear {
    /// For a commune level, indexed like the commune roster (`None`: not registered);
    /// empty for a village level.
    pub communes: Vec<Option<CommuneYear>>,
    /// For a village level, the criteria each village meets, indexed like the village
    /// roster (`None`: not registered); empty for a commune level.
    pub villages: Vec<Option<Vec<u32>>>,
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
    pub status: crate::facts::Status,
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
    /// The day the year's statuses are assessed (by default 31 December).
    pub status_date: Date,
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
    /// The data at each level of the year's frame (`Frame::levels`), in its order.
    pub levels: Vec<LevelYear>,
}

/// A reporting unit's checked data: configuration, the report year's roster and rulesets,
/// the report year with the year before it where that exists, and how the roster changed.
#[derive(Clone, Debug)]
pub struct Dataset {
    pub config: Config,
    /// The report year's roster (on its status date).
    pub communes: Vec<Commune>,
    pub villages: Vec<Village>,
    /// The sets in force on the report year's status date.
    pub commune_rules: Ruleset,
    pub village_rules: Option<Ruleset>,
    /// The levels evaluated beside the NTM level on the report year's status date.
    pub levels: Vec<LevelFrame>,
    pub current: YearData,
    /// The year before, indexed like its own roster ([`Dataset::previous_frame`]).
    pub previous: Option<YearData>,
    /// The roster, villages and rulesets of the year before; present with `previous`.
    pub previous_frame: Option<Frame>,
    /// Every commune the roster ever had, in roster order.
    pub all_communes: Vec<Commune>,
    pub lineage: Lineage,
    /// Every recognition event of `recognitions.csv`, in date order (the file's order on
    /// one day); empty without the file.
    pub recognitions: Vec<RecognitionEvent>,
}

impl Dataset {
    /// The classes of the report year: the ones ntm.toml defines, else the default ones
    /// for the size of the year's commune set.
    pub fn classes(&self) -> std::borrow::Cow<'_, [ClassDef]> {
        if self.config.default_classes {
            let n = u32::try_from(self.commune_rules.criteria.len()).unwrap_or(u32::MAX);
            std::borrow::Cow::Owned(crate::validate::default_classes(n))
        } else {
            std::borrow::Cow::Borrowed(&self.config.classes)
        }
    }

    /// The report year's frame, borrowed.
    pub fn status_date(&self) -> Date {
        self.current.status_date
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse_iso(s).unwrap()
    }

    fn commune(id: &str, from: Option<&str>, until: Option<&str>) -> Commune {
        Commune {
            id: id.into(),
            name: id.into(),
            category: "a".into(),
            category_decision: None,
            recognition: None,
            revoked: None,
            group: None,
            valid_from: from.map(d),
            valid_until: until.map(d),
        }
    }

    fn merger(into: &str, whole: &[&str], part: &[&str], date: &str) -> Merger {
        Merger {
            into: into.into(),
            whole: whole.iter().map(|s| s.to_string()).collect(),
            part: part.iter().map(|s| s.to_string()).collect(),
            villages: Vec::new(),
            date: d(date),
            decision: None,
            provenance: Provenance {
                basis: Basis::Illustrative,
                source: None,
                note: None,
            },
        }
    }

    fn held(comp: &HashMap<String, Vec<(String, Share)>>, id: &str) -> Vec<(String, Share)> {
        let mut v = comp.get(id).cloned().unwrap_or_default();
        v.sort();
        v
    }

    #[test]
    fn a_commune_exists_from_its_first_day_until_the_day_it_ends() {
        let c = commune("a", Some("2025-07-01"), Some("2026-01-01"));
        assert!(!c.valid_on(d("2025-06-30")));
        assert!(c.valid_on(d("2025-07-01")));
        assert!(c.valid_on(d("2025-12-31")));
        assert!(!c.valid_on(d("2026-01-01")));
        assert!(commune("b", None, None).valid_on(d("1990-01-01")));
    }

    #[test]
    fn composition_follows_mergers_partial_transfers_and_absorptions() {
        let end = Some("2025-07-01");
        let all = vec![
            commune("a", None, end),
            commune("b", None, end),
            commune("s", None, end),
            commune("k", None, None),
            commune("x", Some("2025-07-01"), None),
            commune("z", None, None),
        ];
        let lineage = Lineage {
            mergers: vec![
                merger("x", &["a", "b"], &["s"], "2025-07-01"),
                merger("k", &["k"], &["s"], "2025-07-01"),
            ],
            renames: Vec::new(),
        };
        let comp = lineage.composition(&all, d("2024-12-31"), d("2025-12-31"));
        use Share::*;
        assert_eq!(
            held(&comp, "x"),
            vec![("a".into(), Whole), ("b".into(), Whole), ("s".into(), Part)]
        );
        assert_eq!(
            held(&comp, "k"),
            vec![("k".into(), Whole), ("s".into(), Part)]
        );
        assert_eq!(held(&comp, "z"), vec![("z".into(), Whole)]);
        assert!(!comp.contains_key("a"), "a ended");
        // Before the merger, nothing changes.
        let before = lineage.composition(&all, d("2023-12-31"), d("2024-12-31"));
        assert_eq!(held(&before, "a"), vec![("a".into(), Whole)]);
        assert!(!before.contains_key("x"));
    }

    #[test]
    fn a_commune_that_gives_a_part_away_holds_only_a_part_of_itself() {
        let all = vec![commune("d", None, None), commune("r", None, None)];
        let lineage = Lineage {
            mergers: vec![merger("r", &["r"], &["d"], "2025-03-01")],
            renames: Vec::new(),
        };
        let comp = lineage.composition(&all, d("2024-12-31"), d("2025-12-31"));
        assert_eq!(held(&comp, "d"), vec![("d".into(), Share::Part)]);
        assert_eq!(
            held(&comp, "r"),
            vec![("d".into(), Share::Part), ("r".into(), Share::Whole)]
        );
    }

    #[test]
    fn mergers_in_a_chain_between_two_years_compose() {
        let all = vec![
            commune("a", None, Some("2025-03-01")),
            commune("b", None, Some("2025-03-01")),
            commune("m", Some("2025-03-01"), Some("2025-09-01")),
            commune("c", None, Some("2025-09-01")),
            commune("n", Some("2025-09-01"), None),
        ];
        let lineage = Lineage {
            mergers: vec![
                merger("m", &["a", "b"], &[], "2025-03-01"),
                merger("n", &["m", "c"], &[], "2025-09-01"),
            ],
            renames: Vec::new(),
        };
        let comp = lineage.composition(&all, d("2024-12-31"), d("2025-12-31"));
        use Share::*;
        assert_eq!(
            held(&comp, "n"),
            vec![
                ("a".into(), Whole),
                ("b".into(), Whole),
                ("c".into(), Whole)
            ]
        );
    }
}
