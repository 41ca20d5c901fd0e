//! `lineage.toml`: how the roster changed over time — communes merged (wholly or with a
//! part of their territory) and renamed — checked against the roster's dates, which it may
//! also complete (a commune ended by a merger ends on the merger's date).

use super::config::VillageEntry;
use super::{optional_file, toml_problem};
use crate::dataset::{Basis, Commune, Date, Decision, Lineage, Merger, Provenance, Rename};
use crate::diagnostic::{Diagnostics, Hint, Message, did_you_mean};
use crate::load::Files;
use crate::source::{Location, SourceFile, Spanned};
use serde::Deserialize;
use std::collections::HashMap;

const FILE: &str = crate::layout::LINEAGE;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLineage {
    /// Default source of every event.
    source: Option<String>,
    /// Default basis of every event.
    basis: Option<Spanned<String>>,
    #[serde(default)]
    merger: Vec<Spanned<RawMerger>>,
    #[serde(default)]
    rename: Vec<Spanned<RawRename>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMerger {
    into: Spanned<String>,
    #[serde(default)]
    whole: Vec<Spanned<String>>,
    #[serde(default)]
    part: Vec<Spanned<String>>,
    #[serde(default)]
    villages: Vec<Spanned<String>>,
    date: Spanned<String>,
    decision: Option<String>,
    decision_date: Option<Spanned<String>>,
    by: Option<String>,
    basis: Option<Spanned<String>>,
    source: Option<String>,
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRename {
    commune: Spanned<String>,
    name: Spanned<String>,
    date: Spanned<String>,
    decision: Option<String>,
    decision_date: Option<Spanned<String>>,
    by: Option<String>,
    basis: Option<Spanned<String>>,
    source: Option<String>,
    note: Option<String>,
}

/// The decision and provenance of an event, as written (the keys both kinds share).
struct RawAbout<'a> {
    decision: &'a Option<String>,
    decision_date: &'a Option<Spanned<String>>,
    by: &'a Option<String>,
    basis: &'a Option<Spanned<String>>,
    source: &'a Option<String>,
    note: &'a Option<String>,
}

macro_rules! about {
    ($r:expr) => {
        RawAbout {
            decision: &$r.decision,
            decision_date: &$r.decision_date,
            by: &$r.by,
            basis: &$r.basis,
            source: &$r.source,
            note: &$r.note,
        }
    };
}

/// Reads `lineage.toml` (an empty lineage when there is none) and checks it against the
/// roster `all`, whose missing dates it completes. `None` when it has errors.
pub fn lineage(files: &dyn Files, all: &mut [Commune], diags: &mut Diagnostics) -> Option<Lineage> {
    let Some(src) = optional_file(files, FILE, diags) else {
        return Some(Lineage::default());
    };
    let raw: RawLineage = match toml::from_str(&src.text) {
        Ok(r) => r,
        Err(e) => {
            toml_problem(&src, &e, diags);
            return None;
        }
    };
    let before = diags.has_errors();
    let mut c = Checker {
        src: &src,
        index: all
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.clone(), i))
            .collect(),
        ids: all.iter().map(|c| c.id.clone()).collect(),
        diags,
        default_basis: None,
        default_source: raw.source.clone(),
        failed: false,
    };
    c.default_basis = raw.basis.as_ref().and_then(|b| c.basis(b));
    let mut mergers: Vec<(Merger, &Spanned<RawMerger>)> = raw
        .merger
        .iter()
        .filter_map(|m| Some((c.merger(m)?, m)))
        .collect();
    let mut renames: Vec<(Rename, &Spanned<RawRename>)> = raw
        .rename
        .iter()
        .filter_map(|r| Some((c.rename(r)?, r)))
        .collect();
    if c.failed {
        return None;
    }
    mergers.sort_by_key(|(m, _)| m.date);
    renames.sort_by_key(|(r, _)| r.date);
    c.one_successor(&mergers);
    if c.failed || c.cycles(&mergers) {
        return None;
    }
    c.dates(all, &mergers);
    c.renames(all, &mut renames);
    if c.failed || (!before && c.diags.has_errors()) {
        return None;
    }
    Some(Lineage {
        mergers: mergers.into_iter().map(|(m, _)| m).collect(),
        renames: renames.into_iter().map(|(r, _)| r).collect(),
    })
}

struct Checker<'a> {
    src: &'a SourceFile,
    index: HashMap<String, usize>,
    ids: Vec<String>,
    diags: &'a mut Diagnostics,
    default_basis: Option<Basis>,
    default_source: Option<String>,
    failed: bool,
}

impl Checker<'_> {
    fn error(&mut self, at: Location, message: Message) -> &mut crate::diagnostic::Diagnostic {
        self.failed = true;
        self.diags.error(&at, message)
    }

    /// A commune id of the roster.
    fn commune(&mut self, id: &Spanned<String>) -> Option<String> {
        let text = id.get_ref().trim();
        if self.index.contains_key(text) {
            return Some(text.to_string());
        }
        let hint = did_you_mean(text, self.ids.iter().map(String::as_str))
            .or(Some(Hint::CommunesListedIn));
        let at = self.src.at(id);
        self.error(
            at,
            Message::UnknownCommune {
                id: text.to_string(),
            },
        )
        .hint = hint;
        None
    }

    fn date(&mut self, d: &Spanned<String>) -> Option<Date> {
        let text = d.get_ref().trim();
        let parsed = Date::parse_iso(text);
        if parsed.is_none() {
            let at = self.src.at(d);
            let text = text.to_string();
            self.error(at, Message::InvalidDate { text }).hint = Some(Hint::DateForm);
        }
        parsed
    }

    fn basis(&mut self, b: &Spanned<String>) -> Option<Basis> {
        let text = b.get_ref().trim();
        let parsed = Basis::parse(text);
        if parsed.is_none() {
            let at = self.src.at(b);
            let basis = text.to_string();
            self.error(at, Message::UnknownBasis { basis }).hint = Some(Hint::UseOneOf {
                options: &Basis::NAMES,
            });
        }
        parsed
    }

    /// The decision and provenance of an event; `at` is where to say that no basis is given.
    fn about(&mut self, a: RawAbout, at: Location) -> Option<(Option<Decision>, Provenance)> {
        let basis = match a.basis {
            Some(b) => self.basis(b)?,
            None => match self.default_basis {
                Some(b) => b,
                None => {
                    let key = "basis".to_string();
                    self.error(at, Message::MissingKey { key }).hint = Some(Hint::UseOneOf {
                        options: &Basis::NAMES,
                    });
                    return None;
                }
            },
        };
        let date = match a.decision_date {
            Some(d) => Some(self.date(d)?),
            None => None,
        };
        let decision = a.decision.as_ref().map(|n| Decision {
            number: n.trim().to_string(),
            date,
            by: a.by.clone(),
        });
        let provenance = Provenance {
            basis,
            source: a.source.clone().or_else(|| self.default_source.clone()),
            note: a.note.clone(),
        };
        Some((decision, provenance))
    }

    fn merger(&mut self, m: &Spanned<RawMerger>) -> Option<Merger> {
        let r = m.get_ref();
        let into = self.commune(&r.into);
        let whole: Vec<Option<String>> = r.whole.iter().map(|w| self.commune(w)).collect();
        let part: Vec<Option<String>> = r.part.iter().map(|p| self.commune(p)).collect();
        let date = self.date(&r.date);
        let about = self.about(about!(r), self.src.at(m));
        let (into, date, (decision, provenance)) = (into?, date?, about?);
        let whole: Vec<String> = whole.into_iter().collect::<Option<_>>()?;
        let part: Vec<String> = part.into_iter().collect::<Option<_>>()?;
        if !whole.iter().chain(&part).any(|p| *p != into) {
            let at = self.src.at(&r.into);
            let message = Message::MergerWithoutPredecessors { into: into.clone() };
            self.error(at, message);
            return None;
        }
        if part.contains(&into) {
            let at = self.src.at(&r.into);
            let chain = format!("{into} → {into}");
            self.error(at, Message::PredecessorCycle { chain }).hint = Some(Hint::BreakCycle);
            return None;
        }
        Some(Merger {
            into,
            whole,
            part,
            villages: r
                .villages
                .iter()
                .map(|v| v.get_ref().trim().to_string())
                .collect(),
            date,
            decision,
            provenance,
        })
    }

    fn rename(&mut self, r: &Spanned<RawRename>) -> Option<Rename> {
        let raw = r.get_ref();
        let commune = self.commune(&raw.commune);
        let date = self.date(&raw.date);
        let about = self.about(about!(raw), self.src.at(r));
        let (commune, date, (decision, provenance)) = (commune?, date?, about?);
        Some(Rename {
            commune,
            from: String::new(),
            name: raw.name.get_ref().trim().to_string(),
            date,
            decision,
            provenance,
        })
    }

    /// The whole of an old commune goes into one new commune only, and is not also split.
    fn one_successor(&mut self, mergers: &[(Merger, &Spanned<RawMerger>)]) {
        // Old commune → the commune it went wholly into, and with what share elsewhere.
        let mut whole_into: HashMap<&str, &str> = HashMap::new();
        let mut part_into: HashMap<&str, &str> = HashMap::new();
        for (m, raw) in mergers {
            let r = raw.get_ref();
            for (w, at) in m.whole.iter().zip(&r.whole) {
                if *w == m.into {
                    continue;
                }
                let earlier = whole_into.get(w.as_str()).or(part_into.get(w.as_str()));
                if let Some(first) = earlier.copied() {
                    let message = Message::FormedTwice {
                        id: w.clone(),
                        first: first.to_string(),
                        second: m.into.clone(),
                    };
                    let at = self.src.at(at);
                    self.error(at, message).hint = Some(Hint::OneSuccessor);
                } else {
                    whole_into.insert(w, &m.into);
                }
            }
            for (p, at) in m.part.iter().zip(&r.part) {
                let twice_here =
                    m.part.iter().filter(|x| *x == p).count() > 1 || m.whole.contains(p);
                let earlier = whole_into.get(p.as_str()).copied();
                if let Some(first) = earlier.or(twice_here.then_some(m.into.as_str())) {
                    let message = Message::FormedTwice {
                        id: p.clone(),
                        first: first.to_string(),
                        second: m.into.clone(),
                    };
                    let at = self.src.at(at);
                    self.error(at, message).hint = Some(Hint::OneSuccessor);
                } else {
                    part_into.insert(p, &m.into);
                }
            }
        }
    }

    /// Whether communes are, through the mergers, their own predecessors (reported).
    fn cycles(&mut self, mergers: &[(Merger, &Spanned<RawMerger>)]) -> bool {
        // Edges old → new, with the merger that makes each.
        let mut next: HashMap<&str, Vec<(&str, usize)>> = HashMap::new();
        for (k, (m, _)) in mergers.iter().enumerate() {
            for p in m.whole.iter().chain(&m.part).filter(|p| **p != m.into) {
                next.entry(p.as_str()).or_default().push((&m.into, k));
            }
        }
        let mut state: HashMap<&str, u8> = HashMap::new(); // 1: on the path, 2: done
        let mut found = None;
        let mut starts: Vec<&str> = next.keys().copied().collect();
        starts.sort_unstable();
        for s in starts {
            if found.is_none() {
                found = walk(s, &next, &mut state, &mut vec![(s, usize::MAX)]);
            }
        }
        let Some((path, k)) = found else {
            return false;
        };
        let chain = path.join(" → ");
        let at = self.src.at(&mergers[k].1.get_ref().into);
        self.error(at, Message::PredecessorCycle { chain }).hint = Some(Hint::BreakCycle);
        true
    }

    /// Checks the roster's dates against the mergers, completing missing ones: a new
    /// commune starts on its merger's date, an old commune taken in whole ends on it, and
    /// every old commune exists the day before.
    fn dates(&mut self, all: &mut [Commune], mergers: &[(Merger, &Spanned<RawMerger>)]) {
        for (m, raw) in mergers {
            let r = raw.get_ref();
            let d = m.date;
            let into = self.index[&m.into];
            let into_at = self.src.at(&r.into);
            if m.absorbs() {
                self.exists_before(&all[into], d, &into_at);
            } else {
                self.set_date(&mut all[into], "valid_from", d, &into_at);
            }
            for (w, at) in m.whole.iter().zip(&r.whole).filter(|(w, _)| **w != m.into) {
                let i = self.index[w];
                let at = self.src.at(at);
                if self.set_date(&mut all[i], "valid_until", d, &at) {
                    self.exists_before(&all[i], d, &at);
                }
            }
            for (p, at) in m.part.iter().zip(&r.part) {
                let i = self.index[p];
                self.exists_before(&all[i], d, &self.src.at(at));
            }
        }
        for c in all.iter_mut() {
            if let (Some(f), Some(u)) = (c.valid_from, c.valid_until)
                && u <= f
                && !self.failed
            {
                let message = Message::EndsBeforeStart {
                    id: c.id.clone(),
                    from: f.to_string(),
                    until: u.to_string(),
                };
                self.diags.error_in(Some(FILE), message).hint = Some(Hint::UntilIsEffectiveDate);
                self.failed = true;
            }
        }
    }

    /// A commune must exist on the day before `d`.
    fn exists_before(&mut self, c: &Commune, d: Date, at: &Location) {
        let ok = c.valid_from.is_none_or(|f| f < d) && c.valid_until.is_none_or(|u| u >= d);
        if !ok {
            let message = Message::NotInRosterOn {
                id: c.id.clone(),
                date: d.previous_day().unwrap_or(d).to_string(),
            };
            self.error(at.clone(), message).hint = Some(Hint::UntilIsEffectiveDate);
        }
    }

    /// Gives a roster date that is missing; a different one is an error (and false).
    fn set_date(&mut self, c: &mut Commune, column: &'static str, d: Date, at: &Location) -> bool {
        let slot = if column == "valid_from" {
            &mut c.valid_from
        } else {
            &mut c.valid_until
        };
        match *slot {
            None => *slot = Some(d),
            Some(x) if x == d => {}
            Some(x) => {
                let message = Message::LineageDateMismatch {
                    id: c.id.clone(),
                    column,
                    roster: x.to_string(),
                    lineage: d.to_string(),
                };
                self.error(at.clone(), message).hint = Some(Hint::UntilIsEffectiveDate);
                return false;
            }
        }
        true
    }

    /// A renamed commune exists before and on the day of its new name; each rename learns
    /// the name it replaces.
    fn renames(&mut self, all: &[Commune], renames: &mut [(Rename, &Spanned<RawRename>)]) {
        let mut names: HashMap<String, String> = HashMap::new();
        let mut seen: Vec<(String, Date)> = Vec::new();
        for (r, raw) in renames.iter_mut() {
            let c = &all[self.index[&r.commune]];
            let name_at = self.src.at(&raw.get_ref().name);
            if r.name.is_empty() {
                let message = Message::EmptyRename { id: c.id.clone() };
                self.error(name_at.clone(), message);
            }
            if seen.contains(&(c.id.clone(), r.date)) {
                let message = Message::RenamedTwice {
                    id: c.id.clone(),
                    date: r.date.to_string(),
                };
                self.error(name_at.clone(), message);
            }
            seen.push((c.id.clone(), r.date));
            let at = self.src.at(&raw.get_ref().date);
            if !(c.valid_from.is_none_or(|f| f < r.date) && c.valid_on(r.date)) {
                let message = Message::NotInRosterOn {
                    id: c.id.clone(),
                    date: r.date.to_string(),
                };
                self.error(at, message).hint = Some(Hint::UntilIsEffectiveDate);
            }
            let before = names.get(&r.commune).cloned().unwrap_or(c.name.clone());
            r.from = before;
            names.insert(r.commune.clone(), r.name.clone());
            // Two communes of one group (or of a roster without groups) with one name on a
            // day: every list of the report would be ambiguous.
            let clash = all.iter().find(|o| {
                o.id != c.id
                    && o.valid_on(r.date)
                    && o.group == c.group
                    && names.get(&o.id).unwrap_or(&o.name) == &r.name
            });
            if let Some(o) = clash {
                let message = Message::NameTaken {
                    id: c.id.clone(),
                    name: r.name.clone(),
                    other: o.id.clone(),
                    date: r.date.to_string(),
                };
                self.error(name_at, message).hint = Some(Hint::DistinctNames);
            }
        }
    }
}

/// Depth-first search for a cycle from `node`; the path so far is in `path`. Returns the
/// cycle (as ids, first repeated at the end) and the merger that closes it.
fn walk<'a>(
    node: &'a str,
    next: &HashMap<&'a str, Vec<(&'a str, usize)>>,
    state: &mut HashMap<&'a str, u8>,
    path: &mut Vec<(&'a str, usize)>,
) -> Option<(Vec<String>, usize)> {
    match state.get(node) {
        Some(2) => return None,
        Some(1) => {
            let start = path.iter().position(|(n, _)| *n == node).unwrap_or(0);
            let ids: Vec<String> = path[start..].iter().map(|(n, _)| n.to_string()).collect();
            let closing = path.last().map_or(0, |(_, k)| *k);
            return Some((ids, closing));
        }
        _ => {}
    }
    state.insert(node, 1);
    for &(to, k) in next.get(node).map(Vec::as_slice).unwrap_or(&[]) {
        path.push((to, k));
        if let Some(found) = walk(to, next, state, path) {
            return Some(found);
        }
        path.pop();
    }
    state.insert(node, 2);
    None
}

/// The roster on a day: the communes that exist then, with their names of that day, in
/// roster order — grouped, when the roster has groups, by group in order of first
/// appearance.
pub fn roster_on(all: &[Commune], lineage: &Lineage, d: Date) -> Vec<Commune> {
    let mut out: Vec<Commune> = all.iter().filter(|c| c.valid_on(d)).cloned().collect();
    for r in lineage.renames.iter().filter(|r| r.date <= d) {
        if let Some(c) = out.iter_mut().find(|c| c.id == r.commune) {
            c.name = r.name.clone();
        }
    }
    if out.iter().any(|c| c.group.is_some()) {
        // Groups in the order the roster file first names them, whatever the year.
        let mut groups: Vec<&Option<String>> = Vec::new();
        for c in all {
            if !groups.contains(&&c.group) {
                groups.push(&c.group);
            }
        }
        out.sort_by_key(|c| groups.iter().position(|g| **g == c.group));
    }
    out
}

/// Every commune of the roster by id (the first of an id), so that each of a hundred
/// thousand villages finds its commune in constant time.
pub struct CommuneIndex<'a>(std::collections::HashMap<&'a str, &'a Commune>);

impl<'a> CommuneIndex<'a> {
    pub fn new(all: &'a [Commune]) -> Self {
        let mut by_id = std::collections::HashMap::with_capacity(all.len());
        for c in all {
            by_id.entry(c.id.as_str()).or_insert(c);
        }
        CommuneIndex(by_id)
    }

    pub fn get(&self, id: &str) -> Option<&'a Commune> {
        self.0.get(id).copied()
    }
}

/// The commune a village belongs to on day `d`: the one it started in, followed through
/// the mergers up to `d` (a commune taken in whole takes its villages; a village of a
/// commune that gave a part follows the merger that lists it). `Err` with the commune and
/// day when the village's commune was split and no merger says where the village went.
pub fn village_commune<'a>(
    v: &'a VillageEntry,
    all: &CommuneIndex,
    lineage: &'a Lineage,
    d: Date,
) -> Result<&'a str, (&'a str, Date)> {
    let mut c: &str = &v.commune;
    for m in lineage.mergers.iter().filter(|m| m.date <= d) {
        let moves = (m.whole.iter().any(|w| w == c) && m.into != c)
            || (m.part.iter().any(|p| p == c) && m.villages.contains(&v.id));
        if moves {
            c = &m.into;
        }
    }
    match all.get(c) {
        Some(x) if x.valid_on(d) => Ok(c),
        Some(x) => Err((c, x.valid_until.unwrap_or(d))),
        None => Err((c, d)),
    }
}

/// Villages a merger moves must be villages of its `part` communes.
pub fn check_moved_villages(
    files: &dyn Files,
    all: &[Commune],
    lineage: &Lineage,
    villages: &[VillageEntry],
    diags: &mut Diagnostics,
) {
    if lineage.mergers.iter().all(|m| m.villages.is_empty()) {
        return;
    }
    let Ok(Some(src)) = files.read(FILE) else {
        return;
    };
    let all = CommuneIndex::new(all);
    for m in &lineage.mergers {
        let eve = m.date.previous_day().unwrap_or(m.date);
        for v in &m.villages {
            let known = villages.iter().find(|x| x.id == *v).is_some_and(|x| {
                village_commune(x, &all, lineage, eve).is_ok_and(|c| m.part.iter().any(|p| p == c))
            });
            if !known {
                let message = Message::UnknownVillage { id: v.clone() };
                diags.error(&src.find(&format!("\"{v}\"")), message).hint =
                    did_you_mean(v, villages.iter().map(|x| x.id.as_str()))
                        .or(Some(Hint::VillagesListedIn));
            }
        }
    }
}
