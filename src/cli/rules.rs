//! `rules [RULESET]`: a criteria ruleset printed as a table, or its thresholds not yet
//! checked against the official text.

use super::{Session, invalid};
use crate::diagnostic::{Diagnostics, Hint, Lang, Message, Term};
use crate::ruleset::{self, Kind, Ruleset};
use crate::source::{Location, SourceFile};
use std::fmt::Write as _;

pub(super) fn run(s: &Session, name: Option<&str>, unverified: bool) -> i32 {
    let names: Vec<&str> = match name {
        Some(n) => vec![n],
        None => ruleset::BUILTIN.iter().map(|b| b.0).collect(),
    };
    let mut out = String::new();
    for n in names {
        let mut diags = Diagnostics::new();
        match load(n, &mut diags) {
            Some(r) if !diags.has_errors() => out.push_str(&if unverified {
                unverified_table(&r, s.lang)
            } else {
                rules_table(&r, s.lang)
            }),
            _ => {
                s.report(&diags, 0);
                return invalid(&diags);
            }
        }
    }
    print!("{out}");
    0
}

/// A ruleset file's text, or the reason it cannot be had.
fn read(name: &str, diags: &mut Diagnostics) -> Option<SourceFile> {
    match crate::load::read_file(std::path::Path::new(name)) {
        Ok(Some(bytes)) => match SourceFile::from_bytes(name.to_string(), &bytes) {
            Ok(s) => Some(s),
            Err(e) => {
                diags.error(&e.location, e.message).hint = e.hint;
                None
            }
        },
        Ok(None) => None,
        Err(e) => {
            crate::validate::read_error(name, e, diags);
            None
        }
    }
}

/// A built-in ruleset by id, or a ruleset file, with the rulesets it is based on.
fn load(name: &str, diags: &mut Diagnostics) -> Option<Ruleset> {
    let src = match ruleset::builtin(name) {
        Some(s) => s,
        None => {
            let src = read(name, diags);
            if src.is_none() && !diags.has_errors() {
                let ids: Vec<&str> = ruleset::BUILTIN.iter().map(|b| b.0).collect();
                let name = name.to_string();
                diags.error_in(None, Message::NoSuchRuleset { name }).hint =
                    Some(Hint::BuiltinRulesets {
                        ids: ids.join(", "),
                    });
            }
            src?
        }
    };
    let mut open = |n: &str, at: &Location, d: &mut Diagnostics| {
        let found = ruleset::builtin(n).or_else(|| read(n, &mut Diagnostics::new()));
        if found.is_none() {
            let name = n.to_string();
            d.error(at, Message::UnknownBuiltinRuleset { name });
        }
        found
    };
    ruleset::parse_with_bases(&src, &mut open, diags)
}

/// The years a threshold applies to.
fn years(t: &ruleset::Threshold, lang: Lang) -> String {
    match (t.from_year, t.to_year) {
        (None, None) => Term::AllYears.text(lang),
        (Some(a), None) => Term::FromYear(a).text(lang),
        (None, Some(b)) => Term::UntilYear(b).text(lang),
        (Some(a), Some(b)) if a == b => a.to_string(),
        (Some(a), Some(b)) => format!("{a}–{b}"),
    }
}

/// A threshold as the tables show it: comparator, value, years, categories.
fn threshold(i: &ruleset::Indicator, t: &ruleset::Threshold, mark: &str, lang: Lang) -> String {
    let cats = if t.categories.is_empty() {
        String::new()
    } else {
        format!(" [{}]", t.categories.join(","))
    };
    format!(
        "{} {}{mark} ({}){cats}",
        i.comparator.map_or("", |c| c.symbol()),
        t.value,
        years(t, lang)
    )
}

/// A ruleset as a readable table.
pub fn rules_table(r: &Ruleset, lang: Lang) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{} — {}", r.id, r.name);
    let _ = writeln!(s, "  {}", r.legal_source);
    if !r.based_on.is_empty() {
        let _ = writeln!(s, "  {}: {}", Term::BasedOn.text(lang), r.based_on);
    }
    what_is_missing(&mut s, r, lang);
    if !r.categories.is_empty() {
        let _ = writeln!(s, "  {}", Term::Categories.text(lang));
        for c in &r.categories {
            let _ = writeln!(s, "    {} — {}", c.id, c.name);
        }
    }
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "{:<7} {:<8} {:<18} {}",
        Term::Indicator.text(lang),
        Term::Kind.text(lang),
        Term::Threshold.text(lang),
        Term::Content.text(lang)
    );
    for g in &r.groups {
        let _ = writeln!(s, "{}. {}", g.id, g.name);
        for c in r.criteria.iter().filter(|c| c.group == g.id) {
            let _ = writeln!(s, "  {:>2}. {}", c.number, c.name);
            for i in &c.indicators {
                let mut thresholds: Vec<String> = i
                    .thresholds
                    .iter()
                    .map(|t| threshold(i, t, if t.verified { "" } else { "*" }, lang))
                    .collect();
                if thresholds.is_empty() {
                    thresholds.push(if i.kind == Kind::YesNo {
                        Term::Met.text(lang)
                    } else {
                        "—".into()
                    });
                }
                let exists = if i.if_exists && !i.content.contains("(nếu có)") {
                    " (nếu có)"
                } else {
                    ""
                };
                let _ = writeln!(
                    s,
                    "      {:<6} {:<8} {:<18} {}{exists}",
                    i.id,
                    i.kind.name(),
                    thresholds[0],
                    i.content
                );
                for t in &thresholds[1..] {
                    let _ = writeln!(s, "      {:<6} {:<8} {t}", "", "");
                }
            }
        }
    }
    let _ = writeln!(s, "\n{}\n", Term::NotCheckedNote.text(lang));
    s
}

/// What a ruleset file says it lacks of the official text: a skeleton, indicators the
/// official text has and the file does not, criteria without indicators; and its note.
fn what_is_missing(s: &mut String, r: &Ruleset, lang: Lang) {
    if r.skeleton {
        let _ = writeln!(s, "  {}", Term::Skeleton.text(lang));
    }
    if let (Some(official), Some(missing)) = (r.official_indicators, r.indicators_missing())
        && missing > 0
    {
        let have = r.indicators().count();
        let _ = writeln!(
            s,
            "  {}",
            Term::IndicatorsMissing { official, have }.text(lang)
        );
    }
    let empty = r.criteria_without_indicators();
    if !empty.is_empty() {
        let criteria = empty
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        let _ = writeln!(s, "  {}", Term::NoIndicators { criteria }.text(lang));
    }
    if let Some(note) = &r.note {
        let _ = writeln!(s, "  {}: {note}", Term::Note.text(lang));
    }
}

/// The thresholds of a ruleset not yet checked against the official text, after what the
/// file says it lacks of the official text.
pub fn unverified_table(r: &Ruleset, lang: Lang) -> String {
    let mut s = String::new();
    let mut n = 0;
    let ruleset = r.id.clone();
    let _ = writeln!(s, "{}", Term::UncheckedTitle { ruleset }.text(lang));
    what_is_missing(&mut s, r, lang);
    let source = Term::Source.text(lang);
    for i in r.indicators() {
        if i.kind == Kind::YesNo && !i.verified {
            n += 1;
            let _ = writeln!(s, "  {:<6} yes_no {:<22} {source}: {}", i.id, "", i.source);
        }
        for t in i.thresholds.iter().filter(|t| !t.verified) {
            n += 1;
            let what = threshold(i, t, "", lang);
            let _ = writeln!(s, "  {:<6} {:<29} {source}: {}", i.id, what, t.source);
        }
    }
    let _ = writeln!(s, "{}\n", Term::UncheckedCount(n).text(lang));
    s
}
