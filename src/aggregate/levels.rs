//! The facts of the levels evaluated beside the NTM level (`[[levels]]` of `ntm.toml`):
//! for each, the units registered for it, those meeting every criterion of its set (and
//! the level it requires), and those recognised at it on the status date.

use crate::dataset::{Dataset, LevelFrame, LevelYear, RecognitionLevel, Standing, standing};
use crate::evaluate;
use crate::facts::{
    LevelCriterionFacts, LevelResultFacts, LevelStatus, LevelUnitFacts, Named, RecognizedFacts,
    Status,
};

/// Each level of the report year's frame, in the order `ntm.toml` names them.
pub(super) fn levels(ds: &Dataset, recognized: &[RecognizedFacts]) -> Vec<LevelResultFacts> {
    ds.levels
        .iter()
        .zip(&ds.current.levels)
        .map(|(l, data)| level(ds, l, data, recognized))
        .collect()
}

/// One registered unit's results: its statuses in the set's order.
struct Unit {
    id: String,
    name: String,
    commune: Option<String>,
    statuses: Vec<LevelStatus>,
}

fn level(
    ds: &Dataset,
    l: &LevelFrame,
    data: &LevelYear,
    recognized: &[RecognizedFacts],
) -> LevelResultFacts {
    let d = ds.status_date();
    let rules = &l.rules;
    let year = ds.current.year;
    // Each registered commune evaluated once against the level's set.
    let results: Vec<(usize, evaluate::CommuneResult)> = if l.village {
        Vec::new()
    } else {
        ds.communes
            .iter()
            .zip(&data.communes)
            .enumerate()
            .filter_map(|(i, (c, cy))| Some((i, evaluate::commune(rules, c, cy.as_ref()?, year))))
            .collect()
    };
    let units: Vec<Unit> = if l.village {
        ds.villages
            .iter()
            .zip(&data.villages)
            .filter_map(|(v, met)| {
                let met = met.as_ref()?;
                let statuses = rules
                    .criteria
                    .iter()
                    .map(|c| LevelStatus {
                        number: c.number,
                        status: Status::from_bool(met.contains(&c.number)),
                    })
                    .collect();
                Some(Unit {
                    id: v.id.clone(),
                    name: v.name.clone(),
                    commune: Some(ds.communes[v.commune].name.clone()),
                    statuses,
                })
            })
            .collect()
    } else {
        results
            .iter()
            .map(|(i, r)| Unit {
                id: ds.communes[*i].id.clone(),
                name: ds.communes[*i].name.clone(),
                commune: None,
                statuses: r
                    .criteria
                    .iter()
                    .map(|cr| LevelStatus {
                        number: cr.number,
                        status: cr.status(),
                    })
                    .collect(),
            })
            .collect()
    };
    // Recognised at a level on the status date: for communes at the NTM level, the
    // recognitions the report counts (carried across a merger too); else the events.
    let ntm: std::collections::HashSet<&str> = recognized.iter().map(|r| r.id.as_str()).collect();
    let held = |id: &str, level: RecognitionLevel| match (level, l.village) {
        (RecognitionLevel::Ntm, false) => ntm.contains(id),
        _ => matches!(
            standing(&ds.recognitions, id, l.village, level, d),
            Standing::Held(_)
        ),
    };
    let n = rules.criteria.len();
    let registered: Vec<LevelUnitFacts> = units
        .iter()
        .map(|u| {
            let met = u
                .statuses
                .iter()
                .filter(|s| s.status == Status::Met)
                .count();
            let recognition = match standing(&ds.recognitions, &u.id, l.village, l.level, d) {
                Standing::Held(e) => Some(e.decision.clone()),
                _ => None,
            };
            LevelUnitFacts {
                id: u.id.clone(),
                name: u.name.clone(),
                commune: u.commune.clone(),
                criteria_met: u32::try_from(met).unwrap_or(u32::MAX),
                meets_criteria: met == n,
                requirement_held: l.requires.is_none_or(|r| held(&u.id, r)),
                recognized: recognition,
                criteria: u.statuses.clone(),
            }
        })
        .collect();
    let named = |u: &LevelUnitFacts| Named::new(&u.id, &u.name);
    let meeting = registered
        .iter()
        .filter(|u| u.meets_criteria && u.requirement_held)
        .map(named)
        .collect();
    let meeting_without_requirement = registered
        .iter()
        .filter(|u| u.meets_criteria && !u.requirement_held)
        .map(named)
        .collect();
    let recognized_units: Vec<Named> = if l.village {
        ds.villages
            .iter()
            .filter(|v| held(&v.id, l.level))
            .map(|v| Named::new(&v.id, &v.name))
            .collect()
    } else {
        ds.communes
            .iter()
            .filter(|c| held(&c.id, l.level))
            .map(|c| Named::new(&c.id, &c.name))
            .collect()
    };
    let criteria = rules
        .criteria
        .iter()
        .enumerate()
        .map(|(k, c)| {
            let met: Vec<String> = units
                .iter()
                .filter(|u| u.statuses[k].status == Status::Met)
                .map(|u| u.name.clone())
                .collect();
            LevelCriterionFacts {
                number: c.number,
                name: c.name.clone(),
                count: met.len(),
                units_met: met,
            }
        })
        .collect();
    let judged: Vec<_> = results.iter().map(|(i, r)| (&ds.communes[*i], r)).collect();
    let thresholds = super::threshold_uses_of(rules, year, &judged);
    LevelResultFacts {
        level: l.level,
        village: l.village,
        requires: l.requires,
        ruleset: super::ruleset_facts(rules, thresholds),
        criteria,
        criteria_without_indicators: if l.village {
            Vec::new()
        } else {
            rules.criteria_without_indicators()
        },
        registered,
        meeting,
        meeting_without_requirement,
        recognized: recognized_units,
    }
}
