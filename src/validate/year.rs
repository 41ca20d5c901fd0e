//! One year folder: the report's number and date, commune data, villages, funding,
//! disbursement, documents, plan and narrative.

use super::commune::{communes, criterion_status, level_communes};
use super::dates;
use super::workbook::{Input, SheetKind, YearSheets};
use super::{optional_file, require_file, toml_problem};
use crate::dataset::{
    Commune, CommunePlan, Contributions, Date, DisbursementItem, DisbursementKind, Document,
    Funding, FundingOrigin, FundingSource, LevelFrame, LevelYear, Plan, ReportMeta, Village,
    YearData,
};
use crate::diagnostic::{Diagnostics, Hint, Message, What, did_you_mean};
use crate::facts::Status;
use crate::layout::Year;
use crate::load::Files;
use crate::ruleset::Ruleset;
use crate::source::{Location, SourceFile, Spanned};
use rust_decimal::Decimal;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use std::collections::{BTreeMap, HashMap, HashSet};

/// What every year is checked against.
pub struct Context<'a> {
    pub files: &'a dyn Files,
    pub communes: &'a [Commune],
    pub villages: &'a [Village],
    pub rules: &'a Ruleset,
    pub village_rules: Option<&'a Ruleset>,
    /// The levels evaluated beside the NTM level, with their sets in force that year.
    pub levels: &'a [LevelFrame],
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReport {
    number: String,
    date: Spanned<String>,
    status_date: Option<Spanned<String>>,
}

/// A year's `report.toml`: the report's number and date, and the day its statuses are
/// assessed with where the file gives it.
pub struct Report {
    pub meta: Option<ReportMeta>,
    pub status_date: Date,
    pub status_date_at: Option<Location>,
}

/// 31 December of a year (the default status date).
pub fn year_end(year: i32) -> Date {
    let y = u16::try_from(year.clamp(1, 9999)).unwrap_or(9999);
    Date::year_end(y).expect("31 December of years 1–9999 exists")
}

/// Reads `YEAR/report.toml`.
pub fn report(files: &dyn Files, year: i32, diags: &mut Diagnostics) -> Report {
    let mut out = Report {
        meta: None,
        status_date: year_end(year),
        status_date_at: None,
    };
    let Some(src) = require_file(files, &Year(year).report(), diags) else {
        return out;
    };
    let Some(raw) = parse_toml::<RawReport>(&src, diags) else {
        return out;
    };
    let text = raw.date.get_ref().trim();
    let date = Date::parse_iso(text);
    if date.is_none() {
        let text = text.to_string();
        diags
            .error(&src.at(&raw.date), Message::InvalidDate { text })
            .hint = Some(Hint::DateForm);
    }
    if let Some(sd) = &raw.status_date {
        let text = sd.get_ref().trim();
        let at = src.at(sd);
        match Date::parse_iso(text) {
            Some(d) if i32::from(d.year()) == year => out.status_date = d,
            Some(_) => {
                let date = text.to_string();
                diags.error(&at, Message::StatusDateOutsideYear { year, date });
            }
            None => {
                let text = text.to_string();
                diags.error(&at, Message::InvalidDate { text }).hint = Some(Hint::DateForm);
            }
        }
        out.status_date_at = Some(at);
    }
    out.meta = date.map(|date| ReportMeta {
        number: raw.number.trim().to_string(),
        date,
    });
    out
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFunding {
    #[serde(default)]
    sources: Vec<Spanned<RawSource>>,
    contributions: Option<RawContributions>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    id: String,
    name: String,
    parent: Option<Spanned<String>>,
    amount: Option<Spanned<toml::Value>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawContributions {
    households: Option<u64>,
    land_m2: Option<Spanned<toml::Value>>,
    workdays: Option<u64>,
    value: Option<Spanned<toml::Value>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDisbursement {
    #[serde(default)]
    items: Vec<Spanned<RawItem>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawItem {
    id: String,
    name: String,
    kind: Spanned<String>,
    origin: Spanned<String>,
    plan: Spanned<toml::Value>,
    disbursed: Option<Spanned<toml::Value>>,
    projects: Option<u64>,
    note: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlan {
    year: Spanned<i32>,
    income_per_capita: Option<Spanned<toml::Value>>,
    ocop_products: Option<u64>,
    villages_to_standard: Option<u64>,
    #[serde(default)]
    communes: Vec<RawCommunePlan>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCommunePlan {
    commune: Spanned<String>,
    #[serde(default)]
    register: Vec<Spanned<u32>>,
    standard_year: Option<i32>,
}

fn parse_toml<T: DeserializeOwned>(src: &SourceFile, diags: &mut Diagnostics) -> Option<T> {
    match toml::from_str(&src.text) {
        Ok(v) => Some(v),
        Err(e) => {
            toml_problem(src, &e, diags);
            None
        }
    }
}

fn money(src: &SourceFile, v: &Spanned<toml::Value>, diags: &mut Diagnostics) -> Option<Decimal> {
    match src.exact_number(v) {
        Ok(d) if d.is_sign_negative() && !d.is_zero() => {
            let value = d.to_string();
            diags.error(&src.at(v), Message::NegativeAmount { value });
            None
        }
        Ok(d) => Some(d),
        Err(p) => {
            let fallback = (Message::ExpectedNumber, Hint::MoneyForm);
            super::number_problem(p, &src.at(v), fallback, diags);
            None
        }
    }
}

/// Reads and checks a year folder; its `report.toml` has been read already.
pub fn year(
    ctx: &Context,
    year: i32,
    report: &Report,
    diags: &mut Diagnostics,
) -> Option<YearData> {
    let files = ctx.files;
    let sheets = YearSheets::read(files, year, diags);
    let commune_data = communes(files, year, ctx.communes, ctx.rules, &sheets, diags);
    let village_table = optional_file(files, &Year(year).villages(), diags);
    let village_table = sheets.single(SheetKind::Villages, village_table, diags);
    let villages = ctx
        .village_rules
        .zip(village_table)
        .and_then(|(vr, input)| villages(ctx, vr, &input, true, diags))
        .map(|v| v.into_iter().map(Option::unwrap_or_default).collect());
    let levels = ctx
        .levels
        .iter()
        .map(|l| level_year(ctx, year, l, diags))
        .collect();
    unused_level_data(ctx, year, report.status_date, diags);
    let funding =
        optional_file(files, &Year(year).funding(), diags).and_then(|s| funding(&s, diags));
    // The report's date, for the texts and documents that must agree with it.
    let day = report.meta.as_ref().map(|r| r.date);
    let disbursement = optional_file(files, &Year(year).disbursement(), diags)
        .and_then(|s| disbursement(&s, day, diags));
    let document_table = optional_file(files, &Year(year).documents(), diags);
    let documents = sheets
        .single(SheetKind::Documents, document_table, diags)
        .and_then(|input| documents(&input, day, diags));
    let plan =
        optional_file(files, &Year(year).plan(), diags).and_then(|s| plan(ctx, &s, year, diags));
    let mut narrative = BTreeMap::new();
    let dir = Year(year).narrative_dir();
    for name in super::list(files, &dir, diags) {
        let rel = format!("{dir}/{name}");
        match name.strip_suffix(".md") {
            Some(stem) => {
                if let Some(src) = optional_file(files, &rel, diags) {
                    if let Some(day) = day {
                        past_forecasts(&src, 0, &src.text, day, diags);
                    }
                    narrative.insert(stem.to_string(), src.text.trim().to_string());
                }
            }
            None => {
                diags.warning_in(Some(&rel), Message::IgnoredFile { expected: ".md" });
            }
        }
    }
    Some(YearData {
        year,
        status_date: report.status_date,
        report: report.meta.clone()?,
        communes: commune_data,
        villages,
        funding,
        disbursement,
        documents,
        plan,
        narrative,
        levels,
    })
}

/// Data under `YEAR/levels/` that no level of the year reads is said, never skipped in
/// silence: a folder of a level not declared (or whose set is not in force that day), the
/// villages of a commune level, the communes of a village level, anything else.
fn unused_level_data(ctx: &Context, year: i32, d: Date, diags: &mut Diagnostics) {
    let dir = Year(year).levels_dir();
    if !ctx.files.is_dir(&dir) {
        return;
    }
    let date = d.to_string();
    for name in super::list(ctx.files, &dir, diags) {
        let rel = format!("{dir}/{name}");
        let here: Vec<&LevelFrame> = ctx.levels.iter().filter(|l| l.level.id() == name).collect();
        if here.is_empty() || !ctx.files.is_dir(&rel) {
            let date = date.clone();
            diags.warning_in(Some(&rel), Message::UnusedLevelData { date });
            continue;
        }
        // The paths the levels read, as the layout spells them.
        let y = Year(year);
        let mut read = Vec::new();
        if here.iter().any(|l| !l.village) {
            read.extend([y.level_commune_table(&name), y.level_communes_dir(&name)]);
        }
        if here.iter().any(|l| l.village) {
            read.push(y.level_villages(&name));
        }
        for entry in super::list(ctx.files, &rel, diags) {
            let at = format!("{rel}/{entry}");
            if !read.contains(&at) {
                let date = date.clone();
                diags.warning_in(Some(&at), Message::UnusedLevelData { date });
            }
        }
    }
}

/// A level's data for the year: the communes (or villages) registered for it, with their
/// values against the level's set.
fn level_year(ctx: &Context, year: i32, l: &LevelFrame, diags: &mut Diagnostics) -> LevelYear {
    let id = l.level.id();
    if l.village {
        let src = optional_file(ctx.files, &Year(year).level_villages(id), diags);
        let villages = src
            .and_then(|src| villages(ctx, &l.rules, &Input::Csv(src), false, diags))
            .unwrap_or_else(|| vec![None; ctx.villages.len()]);
        LevelYear {
            communes: Vec::new(),
            villages,
        }
    } else {
        LevelYear {
            communes: level_communes(ctx.files, year, id, ctx.communes, &l.rules, diags),
            villages: Vec::new(),
        }
    }
}

/// The Vietnamese names of the village table's columns, in a sheet.
const VILLAGE_ALIASES: &[(&str, &str)] = &[("mã thôn, bản", "village"), ("tên thôn, bản", "name")];

/// The villages' met criteria, indexed like the village roster: `None` for a village
/// without a row, which is an error when `every` village must have one.
fn villages(
    ctx: &Context,
    rules: &Ruleset,
    input: &Input,
    every: bool,
    diags: &mut Diagnostics,
) -> Option<Vec<Option<Vec<u32>>>> {
    let rel = input.file();
    let numbers: Vec<String> = rules
        .criteria
        .iter()
        .map(|c| c.number.to_string())
        .collect();
    let required: Vec<&str> = std::iter::once("village")
        .chain(numbers.iter().map(String::as_str))
        .collect();
    // A sheet may also name each village, for the person filling it in.
    let optional: &[&str] = match input {
        Input::Csv(_) => &[],
        Input::Sheet(_) => &["name"],
    };
    let t = input.open(&required, optional, VILLAGE_ALIASES, diags)?;
    // A sheet of headers only is a template not filled in: it counts as missing.
    if t.is_blank_sheet() {
        diags.warning(&t.header_at(0), Message::SheetNotFilledIn);
        return None;
    }
    let mut out: Vec<Option<Vec<u32>>> = vec![None; ctx.villages.len()];
    let index: std::collections::HashMap<&str, usize> = ctx
        .villages
        .iter()
        .enumerate()
        .map(|(i, v)| (v.id.as_str(), i))
        .collect();
    let columns: Vec<(u32, Option<usize>)> = rules
        .criteria
        .iter()
        .map(|c| (c.number, t.col(&c.number.to_string())))
        .collect();
    let ok = t.rows(diags, |row, diags| {
        let id = t.cell(row, "village");
        let Some(vi) = index.get(id).copied() else {
            if id.is_empty() {
                t.required(row, "village", diags);
                return;
            }
            let message = Message::UnknownVillage { id: id.into() };
            diags.error(&t.at(row, "village"), message).hint =
                did_you_mean(id, ctx.villages.iter().map(|v| v.id.as_str()))
                    .or(Some(Hint::VillagesListedIn));
            return;
        };
        if out[vi].is_some() {
            let village = id.to_string();
            diags.error(
                &t.at(row, "village"),
                Message::DuplicateVillageRow { village },
            );
            return;
        }
        let mut met = Vec::new();
        for &(number, col) in &columns {
            let cell = col.map_or("", |i| row.get(i));
            let at = || t.locate(row.line, row.byte, col);
            let form = Hint::VillageStatusForm;
            if !cell.is_empty() && criterion_status(cell, &at, form, diags) == Some(Status::Met) {
                met.push(number);
            }
        }
        out[vi] = Some(met);
    });
    if !ok {
        return None;
    }
    let mut missing = Vec::new();
    for (v, row) in ctx.villages.iter().zip(&out) {
        if row.is_none() {
            missing.push(v.id.as_str());
        }
    }
    if every && !missing.is_empty() {
        let shown: Vec<&str> = missing.iter().take(5).copied().collect();
        let message = Message::VillagesWithoutRow {
            count: missing.len(),
            shown: format!(
                "{}{}",
                shown.join(", "),
                if missing.len() > 5 { ", …" } else { "" }
            ),
        };
        diags.error_in(Some(rel), message);
        return None;
    }
    Some(out)
}

fn funding(src: &SourceFile, diags: &mut Diagnostics) -> Option<Funding> {
    let raw: RawFunding = parse_toml(src, diags)?;
    if raw.sources.is_empty() && raw.contributions.is_none() {
        diags.warning_in(Some(&src.name), Message::NotFilledIn);
        return None;
    }
    let ids: Vec<&str> = raw
        .sources
        .iter()
        .map(|s| s.get_ref().id.as_str())
        .collect();
    // Each id's first position, and which ids are parents: lookups in constant time, so
    // that a file of any number of sources is checked in linear time.
    let mut first: HashMap<&str, usize> = HashMap::with_capacity(ids.len());
    for (i, id) in ids.iter().enumerate() {
        first.entry(id).or_insert(i);
    }
    let parents: HashSet<&str> = raw
        .sources
        .iter()
        .filter_map(|s| s.get_ref().parent.as_ref().map(|p| p.get_ref().as_str()))
        .collect();
    let mut sources = Vec::new();
    for (i, s) in raw.sources.iter().enumerate() {
        let r = s.get_ref();
        if first[r.id.as_str()] < i {
            let message = Message::DuplicateId {
                what: What::FundingSource,
                id: r.id.clone(),
            };
            diags.error(&src.at(s), message);
        }
        if let Some(p) = &r.parent
            && (!first.contains_key(p.get_ref().as_str()) || p.get_ref() == &r.id)
        {
            let message = Message::UnknownParentSource {
                id: p.get_ref().clone(),
            };
            let d = diags.error(&src.at(p), message);
            d.hint = did_you_mean(p.get_ref(), ids.iter().copied());
        }
        let has_children = parents.contains(r.id.as_str());
        let amount = r.amount.as_ref().and_then(|a| money(src, a, diags));
        match (has_children, &r.amount) {
            (true, Some(a)) => {
                let id = r.id.clone();
                diags.error(&src.at(a), Message::ParentWithAmount { id });
            }
            (false, None) => {
                let id = r.id.clone();
                diags.error(&src.at(s), Message::SourceWithoutAmount { id });
            }
            _ => {}
        }
        sources.push(FundingSource {
            id: r.id.clone(),
            name: r.name.clone(),
            parent: r.parent.as_ref().map(|p| p.get_ref().clone()),
            amount,
        });
    }
    source_cycles(src, &raw.sources, &first, diags);
    let contributions = raw.contributions.map(|c| Contributions {
        households: c.households,
        land_m2: c.land_m2.as_ref().and_then(|v| money(src, v, diags)),
        workdays: c.workdays,
        value: c.value.as_ref().and_then(|v| money(src, v, diags)),
    });
    Some(Funding {
        sources,
        contributions,
    })
}

/// Reports every cycle among the sources' parents (`a` under `b` under `a`), once, at the
/// source of the cycle that comes first in the file. A source that is its own parent is
/// reported as an unknown parent. Each source is walked once: linear in the number of
/// sources, and no recursion, so a chain of any length is checked.
fn source_cycles(
    src: &SourceFile,
    sources: &[Spanned<RawSource>],
    first: &HashMap<&str, usize>,
    diags: &mut Diagnostics,
) {
    // 0: not visited, 1: on the walk being made, 2: done.
    let mut state = vec![0u8; sources.len()];
    let parent_of = |i: usize| {
        let p = sources[i].get_ref().parent.as_ref()?;
        first.get(p.get_ref().as_str()).copied().filter(|&j| j != i)
    };
    for start in 0..sources.len() {
        let mut path = Vec::new();
        let mut cur = Some(start);
        while let Some(i) = cur {
            match state[i] {
                0 => {
                    state[i] = 1;
                    path.push(i);
                    cur = parent_of(i);
                }
                1 => {
                    // Back on this walk: the path from `i` on is a cycle.
                    let at = path.iter().position(|&p| p == i).unwrap_or(0);
                    let cycle = &path[at..];
                    let head = cycle.iter().copied().min().unwrap_or(i);
                    let mut names: Vec<&str> = Vec::new();
                    let mut j = head;
                    loop {
                        names.push(&sources[j].get_ref().id);
                        match parent_of(j) {
                            Some(p) if p != head && names.len() <= cycle.len() => j = p,
                            _ => break,
                        }
                    }
                    names.push(&sources[head].get_ref().id);
                    let s = &sources[head];
                    let at = s.get_ref().parent.as_ref().map_or(src.at(s), |p| src.at(p));
                    let message = Message::SourceCycle {
                        ids: crate::diagnostic::clip_list(&names, " → "),
                    };
                    diags.error(&at, message).hint = Some(Hint::BreakSourceCycle);
                    break;
                }
                _ => break,
            }
        }
        for i in path {
            state[i] = 2;
        }
    }
}

fn disbursement(
    src: &SourceFile,
    report: Option<Date>,
    diags: &mut Diagnostics,
) -> Option<Vec<DisbursementItem>> {
    let raw: RawDisbursement = parse_toml(src, diags)?;
    if raw.items.is_empty() {
        diags.warning_in(Some(&src.name), Message::NotFilledIn);
        return None;
    }
    let mut out = Vec::new();
    for s in &raw.items {
        let r = s.get_ref();
        let (kind_name, origin_name) = (r.kind.get_ref().trim(), r.origin.get_ref().trim());
        let kind = DisbursementKind::from_name(kind_name);
        if kind.is_none() {
            let message = Message::UnknownDisbursementKind {
                kind: kind_name.into(),
            };
            diags.error(&src.at(&r.kind), message).hint = Some(Hint::UseOneOf {
                options: DisbursementKind::NAMES,
            });
        }
        let origin = FundingOrigin::from_name(origin_name);
        if origin.is_none() {
            let message = Message::UnknownOrigin {
                origin: origin_name.into(),
            };
            diags.error(&src.at(&r.origin), message).hint = Some(Hint::UseOneOf {
                options: FundingOrigin::NAMES,
            });
        }
        if let (Some(note), Some(day)) = (&r.note, report) {
            // The value starts after its opening quote.
            past_forecasts(src, note.span().start + 1, note.get_ref(), day, diags);
        }
        let plan = money(src, &r.plan, diags);
        let disbursed = r.disbursed.as_ref().and_then(|d| money(src, d, diags));
        if let (Some(p), Some(d), Some(at)) = (plan, disbursed, &r.disbursed)
            && d > p
        {
            let message = Message::DisbursedAbovePlan {
                disbursed: d.to_string(),
                plan: p.to_string(),
            };
            diags.error(&src.at(at), message);
        }
        // An item of an unknown kind or origin, or without a plan, is reported above; the
        // year is then refused.
        let (Some(kind), Some(origin), Some(plan)) = (kind, origin, plan) else {
            continue;
        };
        out.push(DisbursementItem {
            id: r.id.clone(),
            name: r.name.clone(),
            kind,
            origin,
            plan,
            disbursed,
            projects: r.projects,
            note: r.note.as_ref().map(|n| n.get_ref().clone()),
        });
    }
    Some(out)
}

/// Warns about each forecast in a note that the report's date has overtaken. `at` is the
/// offset of the text in the file.
fn past_forecasts(src: &SourceFile, at: usize, text: &str, report: Date, diags: &mut Diagnostics) {
    for (offset, day) in dates::past_forecasts(text, report) {
        let message = Message::PastForecast {
            date: day.short_vi(),
            report_date: report.short_vi(),
        };
        diags.warning(&src.location(at + offset), message);
    }
}

/// The Vietnamese names of the documents table's columns, in a sheet.
const DOCUMENT_ALIASES: &[(&str, &str)] = &[
    ("số, ký hiệu", "number"),
    ("ngày ban hành", "date"),
    ("cơ quan ban hành", "issuer"),
    ("loại văn bản", "kind"),
    ("trích yếu", "title"),
];

fn documents(
    input: &Input,
    report: Option<Date>,
    diags: &mut Diagnostics,
) -> Option<Vec<Document>> {
    let required = ["number", "date", "issuer", "kind", "title"];
    let t = input.open(&required, &[], DOCUMENT_ALIASES, diags)?;
    // A sheet of headers only is a template not filled in: it counts as missing.
    if t.is_blank_sheet() {
        diags.warning(&t.header_at(0), Message::SheetNotFilledIn);
        return None;
    }
    let mut out = Vec::new();
    let ok = t.rows(diags, |row, diags| {
        t.required(row, "number", diags);
        let text = t.required(row, "date", diags);
        let date = Date::parse_iso(text);
        if !text.is_empty() && date.is_none() {
            let text = text.to_string();
            diags
                .error(&t.at(row, "date"), Message::InvalidDate { text })
                .hint = Some(Hint::DateForm);
        }
        // A row without a valid date is reported above; the year is then refused.
        let Some(date) = date else { return };
        if let Some(r) = report
            && date > r
        {
            let message = Message::DocumentAfterReport {
                date: date.short_vi(),
                report_date: r.short_vi(),
            };
            diags.warning(&t.at(row, "date"), message);
        }
        if let Some(prev) = out
            .iter()
            .find(|d: &&Document| d.number == t.cell(row, "number") && d.date == date)
        {
            let message = Message::DuplicateDocument {
                number: prev.number.clone(),
                date: prev.date.to_string(),
            };
            diags.error(&t.at(row, "number"), message);
            return;
        }
        out.push(Document {
            number: t.cell(row, "number").to_string(),
            date,
            issuer: t.cell(row, "issuer").to_string(),
            kind: t.cell(row, "kind").to_string(),
            title: t.cell(row, "title").to_string(),
        });
    });
    ok.then_some(out)
}

fn plan(ctx: &Context, src: &SourceFile, year: i32, diags: &mut Diagnostics) -> Option<Plan> {
    let raw: RawPlan = parse_toml(src, diags)?;
    let planned = *raw.year.get_ref();
    if planned != year + 1 {
        let message = Message::PlanForWrongYear { year, planned };
        diags.error(&src.at(&raw.year), message).hint =
            Some(Hint::WritePlanYear { year: year + 1 });
    }
    if raw.communes.is_empty()
        && raw.income_per_capita.is_none()
        && raw.ocop_products.is_none()
        && raw.villages_to_standard.is_none()
    {
        diags.warning_in(Some(&src.name), Message::NotFilledIn);
        return None;
    }
    let mut communes = Vec::new();
    let index: std::collections::HashMap<&str, usize> = ctx
        .communes
        .iter()
        .enumerate()
        .map(|(i, x)| (x.id.as_str(), i))
        .collect();
    for c in &raw.communes {
        let id = c.commune.get_ref().trim();
        let Some(ci) = index.get(id).copied() else {
            let d = diags.error(
                &src.at(&c.commune),
                Message::UnknownCommune { id: id.into() },
            );
            d.hint = did_you_mean(id, ctx.communes.iter().map(|x| x.id.as_str()))
                .or(Some(Hint::CommunesListedIn));
            continue;
        };
        if communes.iter().any(|p: &CommunePlan| p.commune == ci) {
            let message = Message::CommunePlannedTwice { id: id.into() };
            diags.error(&src.at(&c.commune), message);
            continue;
        }
        let mut register = Vec::new();
        for n in &c.register {
            let number = *n.get_ref();
            if ctx.rules.criterion(number).is_none() {
                let ruleset = ctx.rules.id.clone();
                diags
                    .error(&src.at(n), Message::UnknownCriterion { number, ruleset })
                    .hint = Some(Hint::CriteriaOfRuleset {
                    ruleset: ctx.rules.id.clone(),
                });
            } else if register.contains(&number) {
                diags.error(&src.at(n), Message::CriterionRegisteredTwice { number });
            } else {
                register.push(*n.get_ref());
            }
        }
        register.sort_unstable();
        communes.push(CommunePlan {
            commune: ci,
            register,
            standard_year: c.standard_year,
        });
    }
    communes.sort_by_key(|c| c.commune);
    Some(Plan {
        year: *raw.year.get_ref(),
        income_per_capita: raw
            .income_per_capita
            .as_ref()
            .and_then(|v| money(src, v, diags)),
        ocop_products: raw.ocop_products,
        villages_to_standard: raw.villages_to_standard,
        communes,
    })
}
