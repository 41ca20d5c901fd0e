//! What templates see of the recognition events: the year's recognitions,
//! acknowledgements and revocations by name, and the communes and villages holding each
//! level on the status date.

use crate::dataset::{EventKind, RecognitionLevel};
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
                "label": if e.village { village_label(&e.name) } else { format!("xã {}", e.name) },
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
    // Per level, the communes and the villages holding it: NTM always, another level only
    // where some unit holds it (no "00 thôn đạt chuẩn nông thôn mới nâng cao", a level
    // villages do not have).
    let shown = |l: &crate::facts::LevelFacts, n: usize| l.level == RecognitionLevel::Ntm || n > 0;
    let levels: Vec<Value> = f
        .levels
        .iter()
        .map(|l| {
            let communes: Vec<String> = l.communes.iter().map(|c| c.name.clone()).collect();
            let villages: Vec<String> = l.villages.iter().map(|v| v.name.clone()).collect();
            json!({
                "level": l.level.words(),
                "communes": { "count": vi_count(communes.len()), "names": communes.join(", "), "any": !communes.is_empty(), "shown": shown(l, communes.len()) },
                "villages": { "count": vi_count(villages.len()), "names": villages.join(", "), "any": !villages.is_empty(), "shown": shown(l, villages.len()) },
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

/// A village as a sentence names it: "thôn Nà Củng", but "Bản Nà Củng" as it is when its
/// name already says what it is (bản, thôn, xóm, ấp, tổ, khu).
pub(super) fn village_label(name: &str) -> String {
    let first = name.split_whitespace().next().unwrap_or("").to_lowercase();
    if [
        "bản", "thôn", "xóm", "ấp", "tổ", "khu", "buôn", "làng", "sóc", "plei",
    ]
    .contains(&first.as_str())
    {
        name.to_string()
    } else {
        format!("thôn {name}")
    }
}
