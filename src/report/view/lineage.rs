//! What templates see of a change of roster: the new communes with the old ones they were
//! formed from, how the year before was carried onto them, what cannot be compared, the
//! recognitions carried or awaiting acknowledgement, and lists grouped by former district.

use crate::facts::{Basis, CarriedFacts, Decision, Facts, LineageKind, Share};
use crate::number::vi_count;
use serde_json::{Value, json};

/// How a decision is cited: "Nghị quyết số 1670/NQ-UBTVQH15 ngày 16/6/2025 của Ủy ban
/// Thường vụ Quốc hội". The kind of document is read from its number's sign (`NQ`: a
/// resolution), as the number is written on it.
pub fn cite(d: &Decision) -> String {
    let kind = if d.number.contains("/NQ") {
        "Nghị quyết"
    } else {
        "Quyết định"
    };
    let mut s = format!("{kind} số {}", d.number);
    if let Some(date) = d.date {
        s.push_str(&format!(" ngày {}", date.short_vi()));
    }
    if let Some(by) = &d.by {
        s.push_str(&format!(" của {by}"));
    }
    s
}

/// Names joined with commas, the last with "và": "A, B và C".
fn and_list(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} và {last}", rest.join(", ")),
    }
}

/// An old commune's name as the report year reads it: "Khổng Lào cũ" where a commune of
/// the report year has the same name.
fn old_name(f: &Facts, name: &str) -> String {
    if f.communes.iter().any(|c| c.name == name) {
        format!("{name} cũ")
    } else {
        name.to_string()
    }
}

/// "gồm Hoang Thèn, Bản Lang, Khổng Lào cũ" (and "một phần xã …" for partial transfers).
fn composition(f: &Facts, c: &crate::facts::CarriedCommune) -> String {
    let whole: Vec<String> = c
        .predecessors
        .iter()
        .filter(|p| p.share == Share::Whole)
        .map(|p| old_name(f, &p.name))
        .collect();
    let part: Vec<String> = c
        .predecessors
        .iter()
        .filter(|p| p.share == Share::Part)
        .map(|p| format!("một phần xã {}", old_name(f, &p.name)))
        .collect();
    let mut items = whole;
    items.extend(part);
    match items.as_slice() {
        [] => String::new(),
        [one] => format!("gồm {one}"),
        [rest @ .., last] => format!("gồm {} và {last}", rest.join(", ")),
    }
}

/// The commune as the merger paragraph lists it: "Khổng Lào (gồm Hoang Thèn, Bản Lang,
/// Khổng Lào cũ)", "Tả Lèng (đổi tên từ xã Giang Ma; gồm …)".
fn described(f: &Facts, cf: &CarriedFacts, c: &crate::facts::CarriedCommune) -> String {
    let renamed = cf
        .events
        .iter()
        .find(|e| e.kind == LineageKind::Rename && e.commune == c.id)
        .and_then(|e| e.from_name.clone());
    let held_self_only = c.predecessors.len() == 1 && c.predecessors[0].id == c.id;
    let mut parts: Vec<String> = Vec::new();
    if let Some(from) = renamed {
        parts.push(format!("đổi tên từ xã {from}"));
    }
    if !held_self_only {
        let comp = composition(f, c);
        if !comp.is_empty() {
            parts.push(comp);
        }
    } else if c.predecessors[0].share == Share::Part {
        // It continues, having given a part of itself to other communes.
        let to: Vec<String> = cf
            .communes
            .iter()
            .filter(|o| o.id != c.id && o.predecessors.iter().any(|p| p.id == c.id))
            .map(|o| o.name.clone())
            .collect();
        if !to.is_empty() {
            parts.push(format!("chuyển một phần sang xã {}", and_list(&to)));
        }
    }
    if c.predecessors.is_empty() {
        parts.push("thành lập mới".into());
    }
    if parts.is_empty() {
        c.name.clone()
    } else {
        format!("{} ({})", c.name, parts.join("; "))
    }
}

/// The sentence on where the lineage comes from, when any of it is not official.
fn provenance(cf: &CarriedFacts) -> Option<String> {
    let names = |basis: Basis| -> Vec<String> {
        let mut v: Vec<String> = Vec::new();
        for e in cf.events.iter().filter(|e| e.basis == basis) {
            if !v.contains(&e.name) {
                v.push(e.name.clone());
            }
        }
        v
    };
    let (reported, illustrative) = (names(Basis::Reported), names(Basis::Illustrative));
    let mut parts = Vec::new();
    if !reported.is_empty() {
        parts.push(format!(
            "thành phần xã cũ của xã {} theo nguồn thông tin chưa đối chiếu với văn bản quyết định",
            and_list(&reported)
        ));
    }
    if !illustrative.is_empty() {
        parts.push(format!(
            "của xã {} là giả định minh họa, chưa đối chiếu với văn bản quyết định",
            and_list(&illustrative)
        ));
    }
    if parts.is_empty() {
        return None;
    }
    let mut s = parts.join("; ");
    if reported.is_empty() {
        s = format!("thành phần xã cũ {s}", s = s.trim_start_matches("của "));
    }
    Some(crate::report::view::sentence(&s))
}

/// The merger paragraph's context; `{"has": false}` when nothing was carried.
pub fn view(f: &Facts) -> Value {
    let Some(cf) = &f.carried else {
        return json!({ "has": false });
    };
    // Communes the roster changed: a change of ruleset alone changes none.
    let unchanged = |c: &crate::facts::CarriedCommune| {
        c.same
            || matches!(c.predecessors.as_slice(),
                [p] if p.id == c.id && p.share == crate::dataset::Share::Whole)
    };
    let changed: Vec<&crate::facts::CarriedCommune> =
        cf.communes.iter().filter(|c| !unchanged(c)).collect();
    let moved = cf.events.iter().any(|e| e.kind == LineageKind::Merger);
    let mut decisions: Vec<String> = Vec::new();
    let mut dates: Vec<String> = Vec::new();
    for e in &cf.events {
        if let Some(d) = &e.decision {
            let c = cite(d);
            if !decisions.contains(&c) {
                decisions.push(c);
            }
        }
        let d = e.date.short_vi();
        if !dates.contains(&d) {
            dates.push(d);
        }
    }
    // The new communes, under their group when the roster has groups.
    let group_of = |id: &str| {
        f.communes
            .iter()
            .find(|c| c.id == id)
            .and_then(|c| c.group.clone())
    };
    let mut groups: Vec<(Option<String>, Vec<String>)> = Vec::new();
    for c in &changed {
        let g = group_of(&c.id);
        let text = described(f, cf, c);
        match groups.iter_mut().find(|(x, _)| *x == g) {
            Some((_, v)) => v.push(text),
            None => groups.push((g, vec![text])),
        }
    }
    let groups: Vec<Value> = groups
        .into_iter()
        .map(|(g, v)| {
            let label = g.as_deref().map(crate::report::view::capitalised);
            json!({ "label": label, "has_label": g.is_some(), "communes": v.join("; ") })
        })
        .collect();
    // Partial transfers: which old commune, into which communes, which indicators.
    let mut partial: Vec<(String, Vec<String>, Vec<String>)> = Vec::new();
    for c in &cf.communes {
        for n in c
            .not_carried
            .iter()
            .filter(|n| n.reason == "partial_transfer")
        {
            for p in &n.parts {
                let entry = match partial.iter_mut().find(|(o, _, _)| o == p) {
                    Some(e) => e,
                    None => {
                        partial.push((p.clone(), Vec::new(), Vec::new()));
                        partial.last_mut().expect("just pushed")
                    }
                };
                if !entry.1.contains(&c.name) {
                    entry.1.push(c.name.clone());
                }
                if !entry.2.contains(&n.indicator) {
                    entry.2.push(n.indicator.clone());
                }
            }
        }
    }
    let partial: Vec<Value> = partial
        .into_iter()
        .map(|(old, into, inds)| {
            json!({
                "old": old_name(f, &old),
                "into": and_list(&into),
                "count": vi_count(inds.len()),
                // Every indicator of the set: said so rather than listed.
                "all": inds.len() == f.indicators.len(),
                "indicators": inds.join(", "),
            })
        })
        .collect();
    let criterion_name = |n: u32| {
        f.criteria
            .iter()
            .find(|c| c.number == n)
            .map_or(String::new(), |c| c.name.clone())
    };
    let not_comparable: Vec<String> = cf
        .not_comparable_criteria
        .iter()
        .map(|n| format!("{n:02} - {}", criterion_name(*n)))
        .collect();
    let corresponding: Vec<String> = cf
        .corresponding
        .iter()
        .map(|c| {
            let from: Vec<String> = c.from_criteria.iter().map(|n| format!("{n:02}")).collect();
            let name = criterion_name(c.criterion);
            let n = c.criterion;
            format!(
                "tiêu chí số {n:02} - {name} tương ứng tiêu chí số {}",
                and_list(&from)
            )
        })
        .collect();
    json!({
        "has": true,
        "merged": moved,
        "corresponding": corresponding.join("; "),
        "any_corresponding": !corresponding.is_empty(),
        "from_year": cf.from_year.to_string(),
        "decisions": and_list(&decisions),
        "any_decision": !decisions.is_empty(),
        "dates": and_list(&dates),
        "old_count": vi_count(cf.old_communes.len()),
        "new_count": vi_count(cf.communes.len()),
        "changed_count": vi_count(changed.len()),
        "any_changed": !changed.is_empty(),
        "groups": groups,
        "provenance": provenance(cf),
        "partial": partial,
        "any_partial": !partial.is_empty(),
        "not_comparable": not_comparable.join("; "),
        "any_not_comparable": !not_comparable.is_empty(),
        "all_comparable": not_comparable.is_empty(),
    })
}

/// How the report names communes whose recognition was carried over a merger, and those
/// awaiting acknowledgement.
pub fn recognition(f: &Facts) -> Value {
    let carried: Vec<Value> = f
        .recognized
        .iter()
        .filter(|r| !r.carried_from.is_empty())
        .map(|r| {
            json!({
                "name": r.name,
                "from": and_list(&r.carried_from.iter().map(|n| old_name(f, n)).collect::<Vec<_>>()),
                "from_count": vi_count(r.carried_from.len()),
            })
        })
        .collect();
    let awaiting: Vec<Value> = f
        .awaiting_acknowledgement
        .iter()
        .map(|a| {
            json!({
                "name": a.name,
                "recognized": and_list(&a.recognized.iter().map(|n| old_name(f, n)).collect::<Vec<_>>()),
                "recognized_count": vi_count(a.recognized.len()),
                "of": vi_count(a.of),
            })
        })
        .collect();
    let own_recognized = f
        .recognized
        .iter()
        .filter(|r| r.carried_from.is_empty())
        .count();
    let carried_any = !carried.is_empty();
    let awaiting_any = !awaiting.is_empty();
    json!({
        "carried": carried,
        "any_carried": carried_any,
        "awaiting": awaiting,
        "any_awaiting": awaiting_any,
        "awaiting_count": vi_count(f.awaiting_acknowledgement.len()),
        "own_count": vi_count(own_recognized),
    })
}

/// A list of communes meeting something, by group: for each group of the roster, how many
/// of its communes meet it and which to name (the same rule as [`super::share`]). Empty
/// when the roster has no groups. Communes are told apart by id, not by name.
pub fn by_group(f: &Facts, meets: impl Fn(&crate::facts::CommuneFacts) -> bool) -> Vec<Value> {
    f.commune_groups
        .iter()
        .map(|g| {
            let members: Vec<&crate::facts::CommuneFacts> = g
                .communes
                .iter()
                .filter_map(|id| f.communes.iter().find(|c| c.id == *id))
                .collect();
            let (yes, no): (Vec<&crate::facts::CommuneFacts>, Vec<_>) =
                members.iter().partition(|c| meets(c));
            let names = |v: &[&crate::facts::CommuneFacts]| {
                v.iter()
                    .map(|c| c.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let (count, n) = (yes.len(), members.len());
            json!({
                "label": g.name,
                "count": vi_count(count),
                "total": vi_count(n),
                "any": count > 0,
                "all": n > 0 && count == n,
                "most": count < n && 3 * (n - count) <= n,
                "names": names(&yes),
                "except": names(&no),
            })
        })
        .collect()
}

/// The communes of a criterion's gain that only some of their old communes met the year
/// before: "Bình Lư (02/03 xã cũ)", for "đạt ở 2/3 xã cũ".
pub fn partly_met(f: &Facts, number: u32) -> Vec<Value> {
    f.communes
        .iter()
        .filter_map(|c| {
            let k = c.criteria.iter().find(|x| x.number == number)?;
            let by = k.previous_met_by?;
            let gained = k.status.is_met() && k.previous_status.is_some_and(|p| !p.is_met());
            (gained && by.met > 0 && by.met < by.of).then(
                || json!({ "name": c.name, "met": vi_count(by.met as usize), "of": vi_count(by.of as usize) }),
            )
        })
        .collect()
}
