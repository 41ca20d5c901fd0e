//! What templates see of the levels evaluated beside the NTM level: per level, the units
//! registered, meeting it and recognised at it, and the count per criterion of its set.

use crate::facts::Facts;
use crate::number::vi_count;
use serde_json::{Value, json};

/// A list of units as the view gives every list: count, names, whether any.
fn names<'a>(list: impl IntoIterator<Item = &'a String>) -> Value {
    let names: Vec<String> = list.into_iter().cloned().collect();
    super::count_names(&names)
}

/// One entry per level, in the order of the facts.
pub(super) fn view(f: &Facts) -> Value {
    let levels: Vec<Value> = f
        .level_results
        .iter()
        .map(|l| {
            let n = l.registered.len();
            let criteria: Vec<Value> = l
                .criteria
                .iter()
                .map(|c| {
                    json!({
                        "number": c.number.to_string(),
                        "name": c.name,
                        "count": vi_count(c.count),
                        "of": vi_count(n),
                    })
                })
                .collect();
            json!({
                "level": l.level.words(),
                "units": if l.village { "thôn" } else { "xã" },
                "village": l.village,
                "requires": l.requires.map(|r| r.words()),
                "legal_source": l.ruleset.legal_source,
                "thresholds_unverified": l.ruleset.thresholds_unverified > 0,
                "declared_only": !l.criteria_without_indicators.is_empty(),
                "declared_only_all": l.criteria_without_indicators.len() == l.criteria.len(),
                "declared_only_criteria": l.criteria_without_indicators.iter()
                    .map(|n| format!("{n:02}")).collect::<Vec<_>>().join(", "),
                "criteria_count": l.ruleset.criteria_count.to_string(),
                "registered": names(l.registered.iter().map(|u| &u.name)),
                "meeting": names(l.meeting.iter().map(|u| &u.name)),
                "lacking": names(l.meeting_without_requirement.iter().map(|u| &u.name)),
                "recognized": names(l.recognized.iter().map(|u| &u.name)),
                "criteria": criteria,
            })
        })
        .collect();
    let villages = f.level_results.iter().filter(|l| l.village).count();
    let row_units = match (villages, f.level_results.len() - villages) {
        (0, _) => "xã",
        (_, 0) => "thôn",
        _ => "xã (thôn)",
    };
    json!({ "any": !levels.is_empty(), "list": levels, "row_units": row_units })
}
