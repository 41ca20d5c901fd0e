//! What templates see of the recognition events: the year's recognitions,
//! acknowledgements and revocations by name, and the communes and villages holding each
//! level on the status date.

use crate::dataset::EventKind;
use crate::facts::Facts;
use crate::number::vi_count;
use serde_json::{Value, json};

/// The year's events and the cumulative counts per level; `any` is false without
/// recognition events.
pub(super) fn view(f: &Facts) -> Value {
    let events: Vec<Value> = f
        .recognition_events
        .iter()
        .map(|e| {
            json!({
                "name": e.name,
                "village": e.village,
                "commune": e.commune,
                "level": e.level.words(),
                "recognised": e.event == EventKind::CongNhan,
                "acknowledged": e.event == EventKind::ThuaNhan,
                "revoked": e.event == EventKind::ThuHoi,
                "decision": e.decision,
                "date": e.date.short_vi(),
                "by": e.by,
            })
        })
        .collect();
    let levels: Vec<Value> = f
        .levels
        .iter()
        .map(|l| {
            let communes: Vec<String> = l.communes.iter().map(|c| c.name.clone()).collect();
            let villages: Vec<String> = l.villages.iter().map(|v| v.name.clone()).collect();
            json!({
                "level": l.level.words(),
                "communes": { "count": vi_count(communes.len()), "names": communes.join(", "), "any": !communes.is_empty() },
                "villages": { "count": vi_count(villages.len()), "names": villages.join(", "), "any": !villages.is_empty() },
            })
        })
        .collect();
    json!({
        "any": !f.levels.is_empty(),
        "any_events": !events.is_empty(),
        "events": events,
        "levels": levels,
        "any_villages": f.levels.iter().any(|l| !l.villages.is_empty()),
    })
}
