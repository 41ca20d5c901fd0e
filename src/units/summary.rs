//! The summary of a folder of units (`OUT/YEAR/tong-hop/`): per unit the figures of its
//! own facts, and the totals, each the sum over the units of the same field (so the sum
//! over the units equals the total by construction). Averages are not summed: the total's
//! is computed from the total's counts, as each unit's is from its own.

use crate::facts::Facts;
use crate::validate::units::UnitRef;
use rust_decimal::Decimal;
use serde::Serialize;

/// The summary's facts: `tong-hop/facts.json`.
#[derive(Clone, Debug, Serialize)]
pub struct Summary {
    pub schema_version: u32,
    pub year: i32,
    /// What the summary is of (the folder of units' `[summary] name`).
    pub name: String,
    /// Who issues and signs it; its number and date (`[summary]`, each part optional).
    pub heading: crate::validate::units::SummaryHeading,
    /// The commune ruleset every unit is evaluated with.
    pub ruleset: String,
    /// Thresholds used by some unit and not verified against the official text of the
    /// ruleset: the most of any unit (the summary says so, as the units' reports do).
    pub thresholds_unverified: usize,
    /// The criteria, in ruleset order: `tally.criteria[i]` counts communes meeting the i-th.
    pub criteria: Vec<Named>,
    /// The classes of communes by criteria met, in the order units first give them.
    pub classes: Vec<String>,
    /// The village bands (villages by criteria met), in the order units first give them.
    pub village_bands: Vec<Band>,
    /// The levels of recognition some unit's facts give (`levels`), in the order ntm,
    /// nang-cao, kieu-mau, hien-dai; empty when no unit records recognition events.
    pub levels: Vec<crate::dataset::RecognitionLevel>,
    pub units: Vec<UnitSummary>,
    pub total: Tally,
    /// The ids of the units left out of a build that kept going past their problems
    /// (`build --keep-going`), in the folder's order; the figures are those of the others.
    /// Absent when every unit is in.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub left_out: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Named {
    pub number: u32,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Band {
    pub min: u32,
    pub max: u32,
}

/// One unit's line of the summary.
#[derive(Clone, Debug, Serialize)]
pub struct UnitSummary {
    pub id: String,
    pub path: String,
    /// Its `[unit]` name and label ("huyện Phong Thổ").
    pub name: String,
    pub level: crate::dataset::UnitLevel,
    pub tally: Tally,
}

/// The figures summed over units.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub communes: usize,
    /// Communes recognised as meeting the NTM standard.
    pub recognized: usize,
    /// The sum of the criteria met by each commune.
    pub total_criteria_met: u64,
    /// Two decimals; `total_criteria_met ÷ communes` (not summed).
    pub average_criteria_per_commune: Decimal,
    /// Communes meeting each criterion (in the order of [`Summary::criteria`]).
    pub criteria: Vec<usize>,
    /// Communes in each class (in the order of [`Summary::classes`]).
    pub classes: Vec<usize>,
    pub villages: usize,
    pub villages_meeting_all: usize,
    /// Villages in each band (in the order of [`Summary::village_bands`]).
    pub village_bands: Vec<usize>,
    /// Communes and villages holding each level on the status date (in the order of
    /// [`Summary::levels`]).
    pub level_communes: Vec<usize>,
    pub level_villages: Vec<usize>,
    /// Funding mobilised, million VND.
    pub funding: Decimal,
    /// The disbursement plan and what was disbursed, million VND.
    pub disbursement_plan: Decimal,
    pub disbursed: Decimal,
}

impl Tally {
    fn add(&mut self, o: &Tally) {
        let add_all = |a: &mut Vec<usize>, b: &[usize]| {
            a.resize(a.len().max(b.len()), 0);
            a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
        };
        self.communes += o.communes;
        self.recognized += o.recognized;
        self.total_criteria_met += o.total_criteria_met;
        add_all(&mut self.criteria, &o.criteria);
        add_all(&mut self.classes, &o.classes);
        self.villages += o.villages;
        self.villages_meeting_all += o.villages_meeting_all;
        add_all(&mut self.village_bands, &o.village_bands);
        add_all(&mut self.level_communes, &o.level_communes);
        add_all(&mut self.level_villages, &o.level_villages);
        self.funding += o.funding;
        self.disbursement_plan += o.disbursement_plan;
        self.disbursed += o.disbursed;
    }

    fn with_average(mut self) -> Tally {
        let total = u32::try_from(self.total_criteria_met).unwrap_or(u32::MAX);
        self.average_criteria_per_commune = crate::aggregate::average(total, self.communes);
        self
    }
}

/// The summary of the units' facts (every unit on the same commune ruleset: checked
/// before, in [`super::compile`]).
pub fn summarize(
    config: &crate::validate::units::UnitsConfig,
    year: i32,
    units: &[(&UnitRef, &Facts)],
) -> Summary {
    let name = config.name.as_str();
    let mut classes: Vec<String> = Vec::new();
    let mut bands: Vec<Band> = Vec::new();
    for (_, f) in units {
        for c in &f.classes {
            if !classes.contains(&c.label) {
                classes.push(c.label.clone());
            }
        }
        for b in f.villages.iter().flat_map(|v| &v.bands) {
            let band = Band {
                min: b.min,
                max: b.max,
            };
            if !bands.contains(&band) {
                bands.push(band);
            }
        }
    }
    let levels: Vec<crate::dataset::RecognitionLevel> = crate::dataset::RecognitionLevel::ALL
        .into_iter()
        .filter(|l| {
            units
                .iter()
                .any(|(_, f)| f.levels.iter().any(|x| x.level == *l))
        })
        .collect();
    let first = units.first().map(|(_, f)| *f);
    let criteria = first.map_or_else(Vec::new, |f| {
        f.criteria
            .iter()
            .map(|c| Named {
                number: c.number,
                name: c.name.clone(),
            })
            .collect()
    });
    let rows: Vec<UnitSummary> = units
        .iter()
        .map(|(u, f)| UnitSummary {
            id: u.id.clone(),
            path: u.path.clone(),
            name: format!("{} {}", f.unit.label, f.unit.name),
            level: f.unit.level,
            tally: tally(f, &criteria, &classes, &bands, &levels),
        })
        .collect();
    let mut total = Tally {
        criteria: vec![0; criteria.len()],
        classes: vec![0; classes.len()],
        village_bands: vec![0; bands.len()],
        level_communes: vec![0; levels.len()],
        level_villages: vec![0; levels.len()],
        ..Tally::default()
    };
    for r in &rows {
        total.add(&r.tally);
    }
    Summary {
        schema_version: crate::facts::SCHEMA_VERSION,
        year,
        name: name.to_string(),
        heading: config.heading.clone(),
        ruleset: first.map_or_else(String::new, |f| f.ruleset.id.clone()),
        thresholds_unverified: units
            .iter()
            .map(|(_, f)| f.ruleset.thresholds_unverified)
            .max()
            .unwrap_or(0),
        criteria,
        classes,
        village_bands: bands,
        levels,
        units: rows,
        total: total.with_average(),
        left_out: Vec::new(),
    }
}

/// One unit's figures, read from its facts.
fn tally(
    f: &Facts,
    criteria: &[Named],
    classes: &[String],
    bands: &[Band],
    levels: &[crate::dataset::RecognitionLevel],
) -> Tally {
    let level_of = |l: &crate::dataset::RecognitionLevel| f.levels.iter().find(|x| x.level == *l);
    let count_of = |n: u32| {
        f.criteria
            .iter()
            .find(|c| c.number == n)
            .map_or(0, |c| c.count)
    };
    let class_of = |l: &String| {
        f.classes
            .iter()
            .find(|c| &c.label == l)
            .map_or(0, |c| c.count)
    };
    let band_of = |b: &Band| {
        f.villages
            .iter()
            .flat_map(|v| &v.bands)
            .find(|x| x.min == b.min && x.max == b.max)
            .map_or(0, |x| x.count)
    };
    let (plan, disbursed) = f
        .disbursement
        .as_ref()
        .map_or((Decimal::ZERO, Decimal::ZERO), |d| {
            (d.plan_total, d.disbursed_total)
        });
    Tally {
        communes: f.communes.len(),
        recognized: f.recognized.len(),
        total_criteria_met: u64::from(f.total_criteria_met),
        average_criteria_per_commune: Decimal::ZERO,
        criteria: criteria.iter().map(|c| count_of(c.number)).collect(),
        classes: classes.iter().map(class_of).collect(),
        villages: f.villages.as_ref().map_or(0, |v| v.total),
        villages_meeting_all: f.villages.as_ref().map_or(0, |v| v.meeting_all),
        village_bands: bands.iter().map(band_of).collect(),
        // A unit without recognition events has no `levels`: its NTM communes are those
        // it recognises.
        level_communes: levels
            .iter()
            .map(|l| match (l, level_of(l)) {
                (_, Some(x)) => x.communes.len(),
                (crate::dataset::RecognitionLevel::Ntm, None) => f.recognized.len(),
                (_, None) => 0,
            })
            .collect(),
        level_villages: levels
            .iter()
            .map(|l| level_of(l).map_or(0, |x| x.villages.len()))
            .collect(),
        funding: f.funding.as_ref().map_or(Decimal::ZERO, |x| x.total),
        disbursement_plan: plan,
        disbursed,
    }
    .with_average()
}
