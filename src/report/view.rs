//! What templates see: the facts, with every number already formatted the Vietnamese way
//! and every decision already taken (booleans). Templates do no arithmetic.

use crate::facts::{
    ClassFacts, CommuneFacts, DisbursementKind, Facts, FundingOrigin, Status, Unit, UnitLevel,
};
use crate::number::{vi, vi_count, vi_int, vi_scaled};
use rust_decimal::Decimal;
use serde_json::{Value, json};

mod levels;
mod lineage;
mod recognitions;

fn opt_v(d: Option<Decimal>) -> Value {
    d.map_or(Value::Null, |x| Value::String(vi(x)))
}

/// A percentage or average of the facts, with the decimals it holds.
fn pct(d: Option<Decimal>) -> Value {
    d.map_or(Value::Null, |x| Value::String(vi_scaled(x)))
}

/// The unit's full name: "huyện Phong Thổ, tỉnh Lai Châu", "tỉnh Lai Châu".
pub fn unit_full_name(u: &Unit) -> String {
    let own = format!("{} {}", u.label, u.name).trim().to_string();
    if u.level == UnitLevel::Province || u.province.trim().is_empty() || u.province == u.name {
        own
    } else {
        format!("{own}, tỉnh {}", u.province)
    }
}

fn join(names: &[String]) -> String {
    names.join(", ")
}

/// A text with a capital first letter ("huyện Phong Thổ (cũ)" → "Huyện Phong Thổ (cũ)"),
/// for the start of a line.
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// A note from the data as a sentence of the report: a capital first letter and a final
/// full stop, whatever the file had.
pub fn sentence(note: &str) -> String {
    let t = note.trim();
    let mut chars = t.chars();
    let Some(first) = chars.next() else {
        return String::new();
    };
    let mut out: String = first.to_uppercase().chain(chars).collect();
    if !out.ends_with(['.', '!', '?', '…']) {
        out.push('.');
    }
    out
}

/// Whether `unit` counts things (households, schools, houses) rather than measuring them
/// (km, ha, %, money): a count is written with at least two digits in prose ("09 nhà").
fn counts_things(unit: &str) -> bool {
    const MEASURES: [&str; 14] = [
        "km", "ha", "m", "m²", "m2", "m³", "mm", "cm", "tấn", "kg", "lít", "đồng", "triệu", "tỷ",
    ];
    let first = unit.split_whitespace().next().unwrap_or("");
    !unit.is_empty() && !unit.contains(['%', '/']) && !MEASURES.contains(&first)
}

/// A quantity in prose: a whole count of things gets two digits ("08/12 trường"), anything
/// else keeps its own scale ("9,75/12,3 km").
fn quantity(x: Decimal, unit: &str) -> String {
    if counts_things(unit) && x.fract().is_zero() && !x.is_sign_negative() && x < Decimal::TEN {
        format!("{:02}", x.normalize())
    } else {
        vi(x)
    }
}

fn opt_quantity(x: Option<Decimal>, unit: &str) -> Value {
    x.map_or(Value::Null, |x| Value::String(quantity(x, unit)))
}

/// How many of the `n` communes meet something, and which to name: every commune ("16/16
/// xã", no names), at least two thirds of them (name those that do not: "trừ …"), or fewer
/// (name those that do). The rule is the templates', documented in `docs/wording.md`.
fn share(met: &[String], not_met: &[String], n: usize) -> Value {
    let count = met.len();
    json!({
        "count": vi_count(count),
        "total": vi_count(n),
        "any": count > 0,
        "all": n > 0 && count == n,
        "most": count < n && 3 * (n - count) <= n,
        "names": join(met),
        "except": join(not_met),
        "except_count": vi_count(not_met.len()),
    })
}

fn count_names(names: &[String]) -> Value {
    json!({ "count": vi_count(names.len()), "names": join(names), "any": !names.is_empty(), "n": names.len() })
}

fn criterion_label(f: &Facts, number: u32) -> Value {
    let name = f
        .criteria
        .iter()
        .find(|c| c.number == number)
        .map_or("", |c| c.name.as_str());
    json!({ "number": number.to_string(), "name": name })
}

/// A class; `this_year`: of the year's communes (grouped like them), not a projection.
fn class_view(f: &Facts, c: &ClassFacts, this_year: bool) -> Value {
    let by_group = if this_year {
        lineage::by_group(f, |x| x.class == c.label)
    } else {
        Vec::new()
    };
    json!({
        "grouped": !by_group.is_empty() && c.count > 0,
        "by_group": by_group,
        "label": c.label,
        "min": c.min.to_string(),
        "max": c.max.to_string(),
        "count": vi_count(c.count),
        "names": join(&c.communes),
        "any": c.count > 0,
        "is_range_above_zero": c.min > 0 && c.min != c.max,
        "previous_count": c.previous_count.map(vi_count),
        // A class over other statuses than met says what it counts.
        "counts": (!c.counts.is_empty()).then(|| {
            c.counts
                .iter()
                .map(|s| s.word())
                .collect::<Vec<_>>()
                .join(" hoặc ")
        }),
    })
}

/// The criteria of every commune declared cơ bản đạt or không đánh giá: how the report
/// counts them is said once, where the classes and the average are.
fn other_statuses(f: &Facts) -> Value {
    let basically: u32 = f.communes.iter().map(|c| c.criteria_basically_met).sum();
    let not_assessed: u32 = f.communes.iter().map(|c| c.criteria_not_assessed).sum();
    json!({
        "any": basically + not_assessed > 0,
        "basically_met": vi_count(basically as usize),
        "any_basically_met": basically > 0,
        "not_assessed": vi_count(not_assessed as usize),
        "any_not_assessed": not_assessed > 0,
    })
}

fn change(f: &Facts, c: &crate::facts::CriterionFacts) -> Value {
    let not_comparable = f
        .carried
        .as_ref()
        .is_some_and(|cf| cf.not_comparable_criteria.contains(&c.number));
    let (Some(p), Some(change)) = (c.previous_count, c.change) else {
        return json!({
            "has_previous": false,
            "not_comparable": not_comparable,
            "previous_year": f.previous_year.map(|y| y.to_string()),
        });
    };
    let partly = lineage::partly_met(f, c.number);
    let (gained, lost) = (&c.gained, &c.lost);
    let direction = match change.cmp(&0) {
        std::cmp::Ordering::Greater => "tăng",
        std::cmp::Ordering::Less => "giảm",
        std::cmp::Ordering::Equal => "không thay đổi",
    };
    json!({
        "has_previous": true,
        "previous_year": f.previous_year.map(|y| y.to_string()),
        "previous_count": vi_count(p),
        "direction": direction,
        "changed": change != 0,
        "delta": vi_count(usize::try_from(change.unsigned_abs()).unwrap_or(usize::MAX)),
        "gained": join(gained),
        "lost": join(lost),
        "has_gained": !gained.is_empty(),
        "has_lost": !lost.is_empty(),
        "only_gained": !gained.is_empty() && lost.is_empty(),
        "only_lost": gained.is_empty() && !lost.is_empty(),
        "mixed": !gained.is_empty() && !lost.is_empty(),
        "not_comparable": false,
        "any_partly": !partly.is_empty(),
        "partly": partly,
    })
}

fn reeval(f: &Facts, c: &CommuneFacts) -> Value {
    let pick = |s: Option<Status>| -> Vec<Value> {
        c.criteria
            .iter()
            .filter(|x| x.computed == s)
            .map(|x| criterion_label(f, x.number))
            .collect()
    };
    let met = pick(Some(Status::Met));
    let not_met = pick(Some(Status::NotMet));
    let unknown = pick(None);
    json!({
        "name": c.name,
        "total": vi_count(c.criteria.len()),
        "met_count": vi_count(met.len()),
        "not_met_count": vi_count(not_met.len()),
        "unknown_count": vi_count(unknown.len()),
        "has_unknown": !unknown.is_empty(),
        "has_not_met": !not_met.is_empty(),
        "met": met,
        "not_met": not_met,
        "unknown": unknown,
        "official_count": vi_count(c.criteria_met as usize),
    })
}

/// The template context for a year's facts.
pub fn view(f: &Facts) -> Value {
    let n = f.communes.len();
    let by_id: std::collections::HashMap<&str, &CommuneFacts> =
        f.communes.iter().map(|c| (c.id.as_str(), c)).collect();
    let criteria: Vec<Value> = f
        .criteria
        .iter()
        .map(|c| {
            let indicators: Vec<Value> = f
                .indicators
                .iter()
                .filter(|i| i.criterion == c.number)
                .map(|i| indicator(i, n))
                .collect();
            let prefix = format!("{}.", c.number);
            let measures: Vec<Value> = f
                .measures
                .iter()
                .filter(|m| m.id.starts_with(&prefix))
                .map(measure)
                .collect();
            json!({
                "number": c.number.to_string(),
                "number2": format!("{:02}", c.number),
                "name": c.name,
                "group": c.group,
                "count": vi_count(c.count),
                "total": vi_count(n),
                "names": join(&c.communes_met),
                "any": c.count > 0,
                "all": c.count == n,
                "share": share(&c.communes_met, &c.communes_not_met, n),
                "grouped": !f.commune_groups.is_empty() && c.count > 0 && c.count < n,
                "by_group": lineage::by_group(f, |x| {
                    x.criteria
                        .iter()
                        .any(|k| k.number == c.number && k.status == Status::Met)
                }),
                "not_met": count_names(&c.communes_not_met),
                "basically_met": count_names(&c.communes_basically_met),
                "not_assessed": count_names(&c.communes_not_assessed),
                "change": change(f, c),
                "indicators": indicators,
                "measures": measures,
                "disagreements": count_names(&c.disagreements),
            })
        })
        .collect();
    let tc: serde_json::Map<String, Value> = f
        .criteria
        .iter()
        .zip(&criteria)
        .map(|(c, v)| (c.number.to_string(), v.clone()))
        .collect();
    let ind: serde_json::Map<String, Value> = f
        .indicators
        .iter()
        .map(|i| (i.id.clone(), indicator_total(i, n)))
        .collect();
    let measure: serde_json::Map<String, Value> = f
        .measures
        .iter()
        .map(|m| (m.id.clone(), measure(m)))
        .collect();
    let recognized_names: Vec<String> = f.recognized.iter().map(|r| r.name.clone()).collect();
    let not_recognized: Vec<String> = f
        .communes
        .iter()
        .filter(|c| c.recognized.is_none())
        .map(|c| c.name.clone())
        .collect();
    let mut decisions: Vec<Value> = Vec::new();
    let mut seen: Vec<(String, crate::facts::Date)> = Vec::new();
    // A recognition carried over a merger is the old communes' decision, not the
    // commune's: it is said apart (`recognition_carry`).
    for r in f.recognized.iter().filter(|r| r.carried_from.is_empty()) {
        let key = (r.decision.clone(), r.date);
        if seen.contains(&key) {
            continue;
        }
        let names: Vec<String> = f
            .recognized
            .iter()
            .filter(|x| x.decision == r.decision && x.date == r.date && x.carried_from.is_empty())
            .map(|x| x.name.clone())
            .collect();
        decisions.push(json!({ "decision": r.decision, "date": r.date.short_vi(), "by": r.by, "acknowledged": r.acknowledged, "communes": count_names(&names) }));
        seen.push(key);
    }
    let targeted: Vec<&CommuneFacts> = f
        .plan
        .as_ref()
        .map(|p| {
            p.expected_standard
                .iter()
                .filter_map(|e| {
                    by_id
                        .get(e.id.as_str())
                        .copied()
                        .filter(|c| c.recognized.is_none())
                })
                .collect()
        })
        .unwrap_or_default();
    let target_years: Vec<String> = f.plan.as_ref().map_or(Vec::new(), |p| {
        let mut ys: Vec<String> = Vec::new();
        for e in &p.expected_standard {
            let y = e.year.to_string();
            if !ys.contains(&y) {
                ys.push(y);
            }
        }
        ys
    });
    json!({
        "year": f.year.to_string(),
        "next_year": (f.year + 1).to_string(),
        "has_previous": f.previous_year.is_some(),
        "previous_year": f.previous_year.map(|y| y.to_string()),
        "unit": {
            "name": f.unit.name, "label": f.unit.label, "province": f.unit.province, "place": f.unit.place,
            "is_province": f.unit.level == UnitLevel::Province,
        },
        "issuer": {
            "name": f.issuer.name,
            "abbreviation": f.issuer.abbreviation,
            "short": format!("{} {} {}", f.issuer.abbreviation, f.unit.label, f.unit.name),
        },
        "report": { "number": f.report.number, "date": f.report.date.short_vi() },
        "ruleset": ruleset(&f.ruleset),
        "village_ruleset": f.village_ruleset.as_ref().map(ruleset),
        "communes": { "count": vi_count(n), "names": join(&f.communes.iter().map(|c| c.name.clone()).collect::<Vec<_>>()) },
        "criteria": criteria,
        "tc": tc,
        "components": f.ruleset.components.iter().map(|c| json!({
            "title": c.title,
            "criteria": c.criteria.iter().map(u32::to_string).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "ind": ind,
        "measure": measure,
        "total_met": vi_int(u64::from(f.total_criteria_met)),
        "average": vi_scaled(f.average_criteria_per_commune),
        "previous_average": f.previous_average_criteria_per_commune.map(vi_scaled),
        "classes": f.classes.iter().map(|c| class_view(f, c, true)).collect::<Vec<_>>(),
        "other_statuses": other_statuses(f),
        "recognized": {
            "count": vi_count(recognized_names.len()),
            "names": join(&recognized_names),
            "any": !recognized_names.is_empty(),
            "percent": vi_scaled(f.recognized_percent),
            // One decision for every recognised commune: the names are given once.
            "one_decision": decisions.len() == 1,
            "decisions": decisions,
            "communes": f.recognized.iter().filter_map(|r| by_id.get(r.id.as_str())).map(|c| reeval(f, c)).collect::<Vec<_>>(),
        },
        "not_recognized": count_names(&not_recognized),
        "lineage": lineage::view(f),
        "recognition_carry": lineage::recognition(f),
        "recognitions": recognitions::view(f),
        "level_results": levels::view(f),
        "targeted": {
            "any": !targeted.is_empty(),
            "names": join(&targeted.iter().map(|c| c.name.clone()).collect::<Vec<_>>()),
            "count": vi_count(targeted.len()),
            "years": target_years.join(", "),
            "communes": targeted.iter().map(|c| reeval(f, c)).collect::<Vec<_>>(),
        },
        "findings": { "count": vi_count(f.findings.len()), "any": !f.findings.is_empty() },
        "villages": villages(f),
        "funding": funding(f),
        "disbursement": disbursement(f),
        "documents": match &f.documents {
            Some(d) => json!({ "has": true, "count": vi_count(d.len()) }),
            None => json!({ "has": false, "count": "00" }),
        },
        "plan": plan(f),
        "plan_outcome": plan_outcome(f),
        "indicator_detail": indicator_detail(f),
    })
}

/// Whether appendix 02a's tables are in the report or, for a unit of many communes, only in
/// the workbook (the decision is `Facts::appendix_02a_moved`): the file and sheet to name.
fn indicator_detail(f: &Facts) -> Value {
    match &f.appendix_02a_moved {
        Some(m) => json!({
            "moved": true,
            "workbook": m.workbook,
            "sheet": m.sheet,
            "communes": vi_count(m.communes),
            "limit": vi_count(m.limit),
        }),
        None => json!({ "moved": false }),
    }
}

/// A ruleset and its provenance: whether the thresholds the report used are checked
/// against the official text.
fn ruleset(r: &crate::facts::RulesetFacts) -> Value {
    json!({
        "name": r.name,
        "legal_source": r.legal_source,
        "criteria_count": r.criteria_count.to_string(),
        "verified": r.verified,
        "thresholds_verified": r.thresholds_unverified == 0,
        "thresholds_used": vi_count(r.thresholds_used),
        "thresholds_unverified": vi_count(r.thresholds_unverified),
        "no_thresholds": r.thresholds_used == 0,
        "declared_only": !r.criteria_without_indicators.is_empty(),
        "declared_only_criteria": r.criteria_without_indicators.iter()
            .map(|n| format!("{n:02}")).collect::<Vec<_>>().join(", "),
        "official_indicators": r.official_indicators.map(|n| vi_count(n as usize)),
    })
}

fn measure(m: &crate::facts::MeasureTotal) -> Value {
    json!({
        "name": m.name, "unit": m.unit, "value": quantity(m.numerator, &m.unit),
        "numerator": quantity(m.numerator, &m.unit), "denominator": opt_quantity(m.denominator, &m.unit),
        "percent": pct(m.percent), "has_ratio": m.denominator.is_some(),
        "reported": m.communes_reporting > 0,
    })
}

fn indicator(i: &crate::facts::IndicatorTotal, n: usize) -> Value {
    let mut v = indicator_total(i, n);
    v["id"] = json!(i.id);
    v
}

fn indicator_total(i: &crate::facts::IndicatorTotal, n: usize) -> Value {
    let na = i.communes_not_applicable;
    json!({
        "id": i.id,
        "content": i.content,
        "unit": i.unit,
        "numerator": opt_quantity(i.numerator, &i.unit),
        "denominator": opt_quantity(i.denominator, &i.unit),
        "total": opt_quantity(i.numerator, &i.unit),
        "share": share(&i.communes_met, &i.communes_not_met, n),
        "not_applicable": vi_count(na),
        "any_not_applicable": na > 0,
        "all_not_applicable": n > 0 && na == n,
        "percent": pct(i.percent),
        "has_ratio": i.denominator.is_some(),
        "has_total": i.numerator.is_some() && i.denominator.is_none(),
        "at_most": i.comparator.is_some_and(|c| c.is_upper_bound()),
        "communes_met": count_names(&i.communes_met),
        "reported": i.communes_reporting > 0,
    })
}

fn villages(f: &Facts) -> Value {
    let Some(vf) = &f.villages else {
        return json!({ "has": false });
    };
    let bands: Vec<Value> = vf
        .bands
        .iter()
        .map(|b| json!({ "label": b.label, "count": vi_count(b.count) }))
        .collect();
    json!({
        "has": true,
        "total": vi_count(vf.total),
        "bands": bands,
        "meeting_all": vi_count(vf.meeting_all),
        "any_meeting_all": vf.meeting_all > 0,
    })
}

fn funding(f: &Facts) -> Value {
    let Some(fu) = &f.funding else {
        return json!({ "has": false });
    };
    let top: Vec<Value> = fu
        .sources
        .iter()
        .filter(|s| s.parent.is_none())
        .map(|s| {
            let children: Vec<Value> = fu
                .sources
                .iter()
                .filter(|c| c.parent.as_deref() == Some(s.id.as_str()))
                .map(|c| json!({ "name": c.name, "amount": vi(c.amount) }))
                .collect();
            json!({ "name": s.name, "amount": vi(s.amount), "has_children": !children.is_empty(), "children": children })
        })
        .collect();
    let contributions = fu.contributions.as_ref().map(|c| {
        json!({
            "households": c.households.map(vi_int),
            "land_m2": c.land_m2.map(vi),
            "workdays": c.workdays.map(vi_int),
            "value": c.value.map(vi_scaled),
        })
    });
    json!({ "has": true, "total": vi(fu.total), "sources": top, "contributions": contributions })
}

fn disbursement(f: &Facts) -> Value {
    let Some(db) = &f.disbursement else {
        return json!({ "has": false });
    };
    let item = |i: &crate::facts::DisbursementRow| {
        json!({
            "name": i.name, "plan": vi(i.plan), "disbursed": opt_v(i.disbursed), "has_disbursed": i.disbursed.is_some(),
            "percent": pct(i.percent), "projects": i.projects.map(|p| vi_count(p as usize)), "note": i.note.as_deref().map(sentence),
            "carried_over": i.origin == FundingOrigin::CarriedOver,
        })
    };
    // The items of each kind, under the kind's name ("investment", "recurrent").
    let mut out = serde_json::Map::new();
    out.insert("has".into(), json!(true));
    for (kind, name) in DisbursementKind::ALL
        .into_iter()
        .zip(DisbursementKind::NAMES)
    {
        let items: Vec<Value> = db.items_of(kind).map(item).collect();
        out.insert(name.to_string(), Value::Array(items));
    }
    Value::Object(out)
}

fn plan(f: &Facts) -> Value {
    let Some(p) = &f.plan else {
        return json!({ "has": false });
    };
    let expected: Vec<Value> = p
        .expected_standard
        .iter()
        .map(|e| json!({ "name": e.name, "year": e.year.to_string() }))
        .collect();
    // Communes expected to reach the standard in the same year share one sentence.
    let mut years: Vec<i32> = Vec::new();
    for e in &p.expected_standard {
        if !years.contains(&e.year) {
            years.push(e.year);
        }
    }
    let expected_by_year: Vec<Value> = years
        .iter()
        .map(|y| {
            let names: Vec<String> = p
                .expected_standard
                .iter()
                .filter(|e| e.year == *y)
                .map(|e| e.name.clone())
                .collect();
            json!({ "year": y.to_string(), "names": join(&names), "many": names.len() > 1, "count": vi_count(names.len()) })
        })
        .collect();
    json!({
        "has": true,
        "year": p.year.to_string(),
        "keep": count_names(&p.keep_standard),
        "expected": expected,
        "expected_by_year": expected_by_year,
        "expected_names": join(&p.expected_standard.iter().map(|e| e.name.clone()).collect::<Vec<_>>()),
        "expected_count": vi_count(p.expected_standard.len()),
        "to_add": vi_count(p.criteria_to_add as usize),
        "projected_total": vi_int(u64::from(p.projected_total)),
        "projected_average": vi_scaled(p.projected_average),
        "classes": p.projected_classes.iter().map(|c| class_view(f, c, false)).collect::<Vec<_>>(),
        "income": p.income_per_capita.map(vi),
        "ocop": p.ocop_products.map(|x| vi_count(x as usize)),
        "villages_target": p.villages_to_standard.map(|x| vi_count(x as usize)),
    })
}

fn plan_outcome(f: &Facts) -> Value {
    let Some(o) = &f.plan_outcome else {
        return json!({ "has": false });
    };
    let list = |pick: &dyn Fn(&crate::facts::PlanOutcomeCommune) -> &Vec<u32>| -> Vec<Value> {
        o.communes
            .iter()
            .filter(|c| !pick(c).is_empty())
            .map(|c| {
                let crit: Vec<Value> = pick(c).iter().map(|n| criterion_label(f, *n)).collect();
                json!({ "name": c.name, "criteria": crit })
            })
            .collect()
    };
    let not_reached = list(&|c| &c.not_reached);
    let reached = list(&|c| &c.reached);
    let unregistered = list(&|c| &c.unregistered);
    json!({
        "has": true,
        "planned_in": o.planned_in.to_string(),
        "registered": vi_count(o.registered as usize),
        "reached_count": vi_count(o.reached as usize),
        "not_reached_count": vi_count(o.not_reached as usize),
        "reached": reached,
        "not_reached": not_reached,
        "unregistered": unregistered,
        "any_not_reached": o.registered > o.reached,
        "any_unregistered": o.communes.iter().any(|c| !c.unregistered.is_empty()),
    })
}
