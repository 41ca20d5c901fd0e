//! The facts of a change of roster: what each commune holds of the year before, the
//! recognitions carried over a merger or awaiting acknowledgement, and the groups of the
//! roster with their sub-totals.

use crate::carry::{Carried, NotCarried, RecognitionCarry};
use crate::dataset::{Commune, Dataset, Recognition};
use crate::facts::*;

/// The recognition a commune holds: its own decision, or the latest decision of its old
/// communes when every one of them was recognised. With the names of those old communes.
pub(super) fn recognition_of(
    ds: &Dataset,
    i: usize,
    carried: Option<&Carried>,
) -> Option<(Recognition, Vec<String>)> {
    let c = &ds.communes[i];
    if let Some(r) = &c.recognition {
        return Some((r.clone(), Vec::new()));
    }
    let (carried, frame) = (carried?, ds.previous_frame.as_ref()?);
    let b = &carried.baselines[i];
    if b.recognition != RecognitionCarry::Carried {
        return None;
    }
    let old: Vec<&Commune> = b
        .predecessors
        .iter()
        .map(|(p, _)| &frame.communes[*p])
        .collect();
    let latest = old
        .iter()
        .filter_map(|o| o.recognition.as_ref())
        .max_by_key(|r| r.date)?
        .clone();
    Some((latest, old.iter().map(|o| o.name.clone()).collect()))
}

/// Communes some of whose old communes were recognised, not all.
pub(super) fn awaiting(ds: &Dataset, carried: Option<&Carried>) -> Vec<AwaitingFacts> {
    let (Some(carried), Some(frame)) = (carried, ds.previous_frame.as_ref()) else {
        return Vec::new();
    };
    ds.communes
        .iter()
        .zip(&carried.baselines)
        .filter(|(_, b)| b.recognition == RecognitionCarry::Awaiting)
        .map(|(c, b)| AwaitingFacts {
            id: c.id.clone(),
            name: c.name.clone(),
            recognized: b
                .predecessors
                .iter()
                .map(|(p, _)| &frame.communes[*p])
                .filter(|o| o.recognition.is_some())
                .map(|o| o.name.clone())
                .collect(),
            of: b.predecessors.len(),
        })
        .collect()
}

/// The groups of the roster, in the order it first names them, with their sub-totals.
pub(super) fn groups(
    ds: &Dataset,
    communes: &[CommuneFacts],
    previous_known: bool,
) -> Vec<CommuneGroupFacts> {
    let mut names: Vec<&str> = Vec::new();
    for c in &ds.communes {
        if let Some(g) = c.group.as_deref()
            && !names.contains(&g)
        {
            names.push(g);
        }
    }
    names
        .into_iter()
        .map(|g| {
            let members: Vec<&CommuneFacts> = communes
                .iter()
                .filter(|c| c.group.as_deref() == Some(g))
                .collect();
            let total: u32 = members.iter().map(|c| c.criteria_met).sum();
            let previous: Option<u32> = if previous_known {
                members.iter().map(|c| c.previous_criteria_met).sum()
            } else {
                None
            };
            CommuneGroupFacts {
                name: g.to_string(),
                communes: members.iter().map(|c| c.id.clone()).collect(),
                criteria: ds
                    .commune_rules
                    .criteria
                    .iter()
                    .map(|k| GroupCriterionCount {
                        number: k.number,
                        count: members
                            .iter()
                            .filter(|c| {
                                c.criteria
                                    .iter()
                                    .any(|x| x.number == k.number && x.status.is_met())
                            })
                            .count(),
                    })
                    .collect(),
                total_criteria_met: total,
                previous_total_criteria_met: previous,
                total_criteria_met_change: previous.map(|p| i64::from(total) - i64::from(p)),
            }
        })
        .collect()
}

/// The year before as carried, for the facts; `None` when it is compared as it is.
pub(super) fn carried_facts(ds: &Dataset, carried: Option<&Carried>) -> Option<CarriedFacts> {
    let carried = carried.filter(|c| c.changed)?;
    let (data, frame) = (ds.previous.as_ref()?, ds.previous_frame.as_ref()?);
    let old = &frame.communes;
    let old_name = |id: &str| {
        old.iter()
            .find(|c| c.id == id)
            .map_or_else(|| id.to_string(), |c| c.name.clone())
    };
    let new_name = |id: &str| {
        ds.communes
            .iter()
            .find(|c| c.id == id)
            .map_or_else(|| id.to_string(), |c| c.name.clone())
    };
    let (from, to) = (frame.status_date, ds.current.status_date);
    let mut events: Vec<LineageEvent> = Vec::new();
    for m in ds
        .lineage
        .mergers
        .iter()
        .filter(|m| from < m.date && m.date <= to)
    {
        events.push(LineageEvent {
            kind: LineageKind::Merger,
            commune: m.into.clone(),
            name: new_name(&m.into),
            whole: m.whole.iter().map(|w| old_name(w)).collect(),
            part: m.part.iter().map(|p| old_name(p)).collect(),
            from_name: None,
            date: m.date,
            decision: m.decision.clone(),
            basis: m.provenance.basis,
            source: m.provenance.source.clone(),
        });
    }
    for r in ds
        .lineage
        .renames
        .iter()
        .filter(|r| from < r.date && r.date <= to)
    {
        events.push(LineageEvent {
            kind: LineageKind::Rename,
            commune: r.commune.clone(),
            name: r.name.clone(),
            whole: Vec::new(),
            part: Vec::new(),
            from_name: Some(r.from.clone()),
            date: r.date,
            decision: r.decision.clone(),
            basis: r.provenance.basis,
            source: r.provenance.source.clone(),
        });
    }
    // Stable: mergers before renames of the same day, each in file order.
    events.sort_by_key(|e| e.date);
    let communes: Vec<CarriedCommune> = ds
        .communes
        .iter()
        .zip(&carried.baselines)
        .map(|(c, b)| CarriedCommune {
            id: c.id.clone(),
            name: c.name.clone(),
            same: b.same,
            predecessors: b
                .predecessors
                .iter()
                .map(|&(p, share)| PredecessorFacts {
                    id: old[p].id.clone(),
                    name: old[p].name.clone(),
                    share,
                    criteria_met: carried.by_old[p],
                    recognized: old[p].recognition.clone(),
                })
                .collect(),
            not_carried: b
                .not_carried
                .iter()
                .map(|(id, why)| match why {
                    NotCarried::PartialTransfer(ps) => NotCarriedFacts {
                        indicator: id.clone(),
                        reason: "partial_transfer",
                        parts: ps.iter().map(|p| old[*p].name.clone()).collect(),
                    },
                    NotCarried::NotAdditive => NotCarriedFacts {
                        indicator: id.clone(),
                        reason: "not_additive",
                        parts: Vec::new(),
                    },
                })
                .collect(),
            recognition: b.recognition,
        })
        .collect();
    let old_communes = old
        .iter()
        .enumerate()
        .map(|(p, o)| OldCommune {
            id: o.id.clone(),
            name: o.name.clone(),
            group: o.group.clone(),
            criteria_met: carried.by_old[p],
            into: ds
                .communes
                .iter()
                .zip(&carried.baselines)
                .filter(|(_, b)| b.predecessors.iter().any(|(q, _)| *q == p))
                .map(|(c, _)| c.id.clone())
                .collect(),
        })
        .collect();
    Some(CarriedFacts {
        from_year: data.year,
        from_ruleset: frame.commune_rules.id.clone(),
        events,
        communes,
        old_communes,
        not_comparable_criteria: ds
            .commune_rules
            .criteria
            .iter()
            .zip(&carried.comparable)
            .filter(|(_, ok)| !**ok)
            .map(|(c, _)| c.number)
            .collect(),
        corresponding: ds
            .commune_rules
            .criteria
            .iter()
            .zip(&carried.corresponding)
            .filter_map(|(c, from)| {
                let from = from.as_ref().filter(|f| f.as_slice() != [c.number])?;
                Some(crate::facts::CorrespondingCriterion {
                    criterion: c.number,
                    from_criteria: from.clone(),
                })
            })
            .collect(),
    })
}
