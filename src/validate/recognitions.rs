//! The recognition events of communes and villages (`recognitions.csv` at the folder's
//! root): recognised at a level (công nhận), acknowledged after a merger (thừa nhận),
//! revoked (thu hồi), each with its decision. A unit's standing at a level in a year is
//! what its events say on the year's status date; the roster's `recognized_*` columns are
//! a recognition at level `ntm` on their date.

use super::config::VillageEntry;
use super::table::{Row, Table};
use crate::dataset::{
    Commune, Date, EventKind, Lineage, Recognition, RecognitionEvent, RecognitionLevel, Standing,
};
use crate::diagnostic::{Diagnostics, Hint, Message, did_you_mean};
use crate::load::Files;
use crate::source::Location;

const REQUIRED: &[&str] = &["unit", "level", "event", "decision", "date"];
const OPTIONAL: &[&str] = &["issuer", "note"];

/// The words of each level: its id, then the Vietnamese names (compared folded).
const LEVELS: &[(RecognitionLevel, &[&str])] = &[
    (RecognitionLevel::Ntm, &["ntm", "nông thôn mới"]),
    (
        RecognitionLevel::NangCao,
        &[
            "nang-cao",
            "nâng cao",
            "ntm nâng cao",
            "nông thôn mới nâng cao",
        ],
    ),
    (
        RecognitionLevel::KieuMau,
        &[
            "kieu-mau",
            "kiểu mẫu",
            "ntm kiểu mẫu",
            "nông thôn mới kiểu mẫu",
        ],
    ),
    (
        RecognitionLevel::HienDai,
        &[
            "hien-dai",
            "hiện đại",
            "ntm hiện đại",
            "nông thôn mới hiện đại",
        ],
    ),
];

/// The words of each event: its id, then the Vietnamese words (compared folded).
const EVENTS: &[(EventKind, &[&str])] = &[
    (EventKind::CongNhan, &["cong-nhan", "công nhận"]),
    (EventKind::ThuaNhan, &["thua-nhan", "thừa nhận"]),
    (EventKind::ThuHoi, &["thu-hoi", "thu hồi"]),
];

/// The levels a village is recognised at.
const VILLAGE_LEVELS: &[&str] = &["ntm", "kieu-mau"];

/// Reads and checks `recognitions.csv`; its events in date order (the file's order on one
/// day), empty without the file. `all` is every commune the roster ever had (with its
/// roster recognition), `villages` every village.
pub fn read(
    files: &dyn Files,
    all: &[Commune],
    lineage: &Lineage,
    villages: &[VillageEntry],
    diags: &mut Diagnostics,
) -> Vec<RecognitionEvent> {
    let Some(src) = super::optional_file(files, crate::layout::RECOGNITIONS, diags) else {
        return Vec::new();
    };
    let Some(t) = Table::open(&src, REQUIRED, OPTIONAL, diags) else {
        return Vec::new();
    };
    let mut read: Vec<(RecognitionEvent, Location)> = Vec::new();
    let ok = t.rows(diags, |row, diags| {
        if let Some(e) = event(&t, row, all, villages, diags) {
            read.push((e, t.at(row, "date")));
        }
    });
    if !ok {
        return Vec::new();
    }
    read.sort_by_key(|(e, _)| e.decision.date);
    // The roster's recognitions come first on their day.
    let mut timeline: Vec<RecognitionEvent> = all
        .iter()
        .filter_map(|c| {
            Some(RecognitionEvent {
                unit: c.id.clone(),
                village: false,
                level: RecognitionLevel::Ntm,
                kind: EventKind::CongNhan,
                decision: c.recognition.clone()?,
                note: None,
            })
        })
        .collect();
    timeline.sort_by_key(|e| e.decision.date);
    for (e, at) in &read {
        check_history(e, at, &timeline, all, lineage, diags);
        let k = timeline.partition_point(|x| x.decision.date <= e.decision.date);
        timeline.insert(k, e.clone());
    }
    read.into_iter().map(|(e, _)| e).collect()
}

/// One row: its unit, level and event known, dated within the unit's existence.
fn event(
    t: &Table,
    row: &Row,
    all: &[Commune],
    villages: &[VillageEntry],
    diags: &mut Diagnostics,
) -> Option<RecognitionEvent> {
    let unit = t.required(row, "unit", diags);
    let level = t.required(row, "level", diags);
    let kind = t.required(row, "event", diags);
    let decision = t.required(row, "decision", diags);
    let date = t.required(row, "date", diags);
    if [unit, level, kind, decision, date]
        .iter()
        .any(|c| c.is_empty())
    {
        return None;
    }
    let commune = all.iter().find(|c| c.id == unit);
    let village = villages.iter().find(|v| v.id == unit);
    if commune.is_none() && village.is_none() {
        let message = Message::UnknownRecognitionUnit {
            id: unit.to_string(),
        };
        let ids = all
            .iter()
            .map(|c| c.id.as_str())
            .chain(villages.iter().map(|v| v.id.as_str()));
        diags.error(&t.at(row, "unit"), message).hint = did_you_mean(unit, ids);
        return None;
    }
    let level = word(t, row, "level", level, LEVELS, diags)?;
    if village.is_some() && commune.is_none() && !VILLAGE_LEVELS.contains(&level.id()) {
        let message = Message::UnknownRecognitionLevel {
            text: t.cell(row, "level").to_string(),
        };
        diags.error(&t.at(row, "level"), message).hint = Some(Hint::UseOneOf {
            options: VILLAGE_LEVELS,
        });
        return None;
    }
    let kind = word(t, row, "event", kind, EVENTS, diags)?;
    let Some(date) = Date::parse_iso(date) else {
        let text = date.to_string();
        diags
            .error(&t.at(row, "date"), Message::InvalidDate { text })
            .hint = Some(Hint::DateForm);
        return None;
    };
    let (from, until) = match (commune, village) {
        (Some(c), _) => (c.valid_from, c.valid_until),
        (None, Some(v)) => (v.valid_from, v.valid_until),
        (None, None) => return None,
    };
    if from.is_some_and(|f| date < f) || until.is_some_and(|u| date >= u) {
        let message = Message::EventOutsideValidity {
            id: unit.to_string(),
            date: date.to_string(),
        };
        diags.error(&t.at(row, "date"), message).hint = Some(Hint::EventWithinValidity {
            from: from.map_or_else(|| "…".to_string(), |d| d.to_string()),
            until: until.map_or_else(|| "…".to_string(), |d| d.to_string()),
        });
        return None;
    }
    let by = t.cell(row, "issuer");
    let note = t.cell(row, "note");
    Some(RecognitionEvent {
        unit: unit.to_string(),
        village: commune.is_none(),
        level,
        kind,
        decision: Recognition {
            decision: decision.to_string(),
            date,
            by: (!by.is_empty()).then(|| by.to_string()),
        },
        note: (!note.is_empty()).then(|| note.to_string()),
    })
}

/// The value a cell's word names (its id, or a Vietnamese word with or without
/// diacritics); an error with the nearest word when it names none.
fn word<T: Copy>(
    t: &Table,
    row: &Row,
    column: &str,
    text: &str,
    words: &[(T, &[&str])],
    diags: &mut Diagnostics,
) -> Option<T> {
    let folded = crate::text::fold(text);
    for (value, ws) in words {
        if ws.iter().any(|w| crate::text::fold(w) == folded) {
            return Some(*value);
        }
    }
    let all: Vec<&str> = words
        .iter()
        .flat_map(|(_, ws)| ws.iter().copied())
        .collect();
    let folded_all: Vec<String> = all.iter().map(|w| crate::text::fold(w)).collect();
    let hint = match did_you_mean(&folded, folded_all.iter().map(String::as_str)) {
        Some(Hint::DidYouMean { name }) => {
            folded_all
                .iter()
                .position(|w| *w == name)
                .map(|k| Hint::DidYouMean {
                    name: all[k].to_string(),
                })
        }
        _ => None,
    };
    let text = text.to_string();
    let message = if column == "level" {
        Message::UnknownRecognitionLevel { text }
    } else {
        Message::UnknownRecognitionEvent { text }
    };
    let options: &'static [&'static str] = if column == "level" {
        &["ntm", "nang-cao", "kieu-mau", "hien-dai"]
    } else {
        &["cong-nhan", "thua-nhan", "thu-hoi"]
    };
    diags.error(&t.at(row, column), message).hint = hint.or(Some(Hint::UseOneOf { options }));
    None
}

/// An acknowledgement needs a merger that formed the commune; a revocation needs a
/// recognition to revoke: the unit's own, or (for a commune formed by a merger) one of its
/// old communes' before the merger.
fn check_history(
    e: &RecognitionEvent,
    at: &Location,
    timeline: &[RecognitionEvent],
    all: &[Commune],
    lineage: &Lineage,
    diags: &mut Diagnostics,
) {
    let formed_by = || {
        lineage
            .mergers
            .iter()
            .filter(|m| !e.village && m.into == e.unit && m.date <= e.decision.date)
    };
    match e.kind {
        EventKind::CongNhan => {}
        EventKind::ThuaNhan => {
            if formed_by().next().is_none() {
                let message = Message::AcknowledgementWithoutMerger { id: e.unit.clone() };
                diags.error(at, message).hint = Some(Hint::AcknowledgeMergedCommune);
            }
        }
        EventKind::ThuHoi => {
            let held = |unit: &str, d: Date| {
                matches!(
                    crate::dataset::standing(timeline, unit, e.village, e.level, d),
                    Standing::Held(_)
                )
            };
            let own = held(&e.unit, e.decision.date);
            let inherited = formed_by().any(|m| {
                let before = m.date.previous_day();
                m.whole.iter().chain(&m.part).any(|p| {
                    p != &m.into
                        && all.iter().any(|c| &c.id == p)
                        && before.is_some_and(|d| held(p, d))
                })
            });
            if !own && !inherited {
                let message = Message::RevocationWithoutRecognition {
                    id: e.unit.clone(),
                    level: e.level.id(),
                    date: e.decision.date.to_string(),
                };
                diags.error(at, message).hint = Some(Hint::RecogniseBeforeRevoking);
            }
        }
    }
}

/// Sets each commune's NTM recognition on day `d`: the roster's decision (its
/// `recognition` as read) and the events up to that day; a revocation is kept so that
/// nothing is carried onto the commune from its old communes.
pub fn apply(events: &[RecognitionEvent], communes: &mut [Commune], d: Date) {
    for c in communes {
        let roster = c.recognition.take().filter(|r| r.date <= d);
        match crate::dataset::standing(events, &c.id, false, RecognitionLevel::Ntm, d) {
            Standing::Never => c.recognition = roster,
            Standing::Held(e) => {
                // The roster's decision stands when it is the later one.
                c.recognition = Some(match roster {
                    Some(r) if r.date > e.decision.date => r,
                    _ => e.decision.clone(),
                });
            }
            Standing::Revoked(e) => match roster {
                Some(r) if r.date > e.decision.date => c.recognition = Some(r),
                _ => c.revoked = Some(e.decision.clone()),
            },
        }
    }
}
