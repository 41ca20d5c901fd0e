//! `diff` on a folder of units (two years, or two folders of units): each unit's own diff,
//! headed by its name, and the summary's totals before and after.
//!
//! Units are matched by id: B's units in B's order, then those only in A.

use super::text::Words;
use super::{Diff, Presence, Side};
use crate::diagnostic::{Lang, SummaryFigure, Term};
use crate::units::UnitsFacts;
use crate::units::summary::Tally;
use rust_decimal::Decimal;
use serde::Serialize;
use std::fmt::Write as _;

/// What changed between two folders of units.
#[derive(Clone, Debug, Serialize)]
pub struct UnitsDiff {
    pub schema_version: u32,
    /// Always `"units"`: the JSON form of a folder of units (a single report's has none).
    pub kind: &'static str,
    pub a: Side,
    pub b: Side,
    /// Every unit of either side.
    pub units: Vec<UnitDiff>,
    /// The summary's totals, every figure with both sides.
    pub summary: Vec<Figure>,
}

/// One unit: its own diff when it is on both sides.
#[derive(Clone, Debug, Serialize)]
pub struct UnitDiff {
    pub id: String,
    /// Its name in B (in A when only there).
    pub name: String,
    /// `changed` on both sides (whether or not anything differs), else `added`/`removed`.
    pub presence: Presence,
    pub diff: Option<Diff>,
}

/// A figure of the summary's total before and after.
#[derive(Clone, Debug, Serialize)]
pub struct Figure {
    /// The figure: a field of the summary's `total` (`communes`, `funding` …), or
    /// `criteria.N` for the communes meeting criterion N.
    pub figure: String,
    pub before: Option<Decimal>,
    pub after: Option<Decimal>,
}

impl Figure {
    fn changed(&self) -> bool {
        self.before != self.after
    }
}

impl UnitsDiff {
    /// Whether there is no difference at all.
    pub fn is_empty(&self) -> bool {
        self.units
            .iter()
            .all(|u| u.diff.as_ref().is_some_and(Diff::is_empty))
            && self.summary.iter().all(|f| !f.changed())
    }

    /// Names the two sides (e.g. two folder names) instead of their years, in every unit's
    /// diff too.
    pub fn with_labels(mut self, a: &str, b: &str) -> Self {
        self.a.label = a.to_string();
        self.b.label = b.to_string();
        for u in &mut self.units {
            u.diff = u.diff.take().map(|d| d.with_labels(a, b));
        }
        self
    }

    /// Lists A by its own communes in each unit's text and Markdown forms.
    pub fn showing_old_communes(mut self, yes: bool) -> Self {
        for u in &mut self.units {
            u.diff = u.diff.take().map(|d| d.showing_old_communes(yes));
        }
        self
    }
}

/// The scalar figures of a tally, by the names of its fields.
fn figures(t: &Tally) -> Vec<(&'static str, Decimal)> {
    let n = |v: usize| Decimal::from(v as u64);
    vec![
        ("communes", n(t.communes)),
        ("recognized", n(t.recognized)),
        ("total_criteria_met", Decimal::from(t.total_criteria_met)),
        (
            "average_criteria_per_commune",
            t.average_criteria_per_commune,
        ),
        ("villages", n(t.villages)),
        ("villages_meeting_all", n(t.villages_meeting_all)),
        ("funding", t.funding),
        ("disbursement_plan", t.disbursement_plan),
        ("disbursed", t.disbursed),
    ]
}

/// The diff of two folders of units.
pub fn diff_units(a: &UnitsFacts, b: &UnitsFacts) -> UnitsDiff {
    let mut units = Vec::new();
    let name_of = |f: &UnitsFacts, id: &str| {
        f.summary
            .units
            .iter()
            .find(|u| u.id == id)
            .map(|u| u.name.clone())
            .unwrap_or_default()
    };
    for (u, fb) in &b.units {
        let fa = a.units.iter().find(|(x, _)| x.id == u.id).map(|(_, f)| f);
        units.push(UnitDiff {
            id: u.id.clone(),
            name: name_of(b, &u.id),
            presence: match fa {
                Some(_) => Presence::Changed,
                None => Presence::Added,
            },
            diff: fa.map(|fa| super::diff(fa, fb)),
        });
    }
    for (u, _) in &a.units {
        if !b.units.iter().any(|(x, _)| x.id == u.id) {
            units.push(UnitDiff {
                id: u.id.clone(),
                name: name_of(a, &u.id),
                presence: Presence::Removed,
                diff: None,
            });
        }
    }
    let (ta, tb) = (&a.summary.total, &b.summary.total);
    let mut summary: Vec<Figure> = figures(ta)
        .into_iter()
        .zip(figures(tb))
        .map(|((k, x), (_, y))| Figure {
            figure: k.to_string(),
            before: Some(x),
            after: Some(y),
        })
        .collect();
    // The communes meeting each criterion, matched by number: B's order, then A's others.
    let count = |s: &UnitsFacts, number: u32| {
        s.summary
            .criteria
            .iter()
            .position(|c| c.number == number)
            .map(|i| Decimal::from(s.summary.total.criteria[i] as u64))
    };
    let mut numbers: Vec<u32> = b.summary.criteria.iter().map(|c| c.number).collect();
    for c in &a.summary.criteria {
        if !numbers.contains(&c.number) {
            numbers.push(c.number);
        }
    }
    for n in numbers {
        summary.push(Figure {
            figure: format!("criteria.{n}"),
            before: count(a, n),
            after: count(b, n),
        });
    }
    UnitsDiff {
        schema_version: super::SCHEMA_VERSION,
        kind: "units",
        a: Side {
            label: a.summary.year.to_string(),
            year: a.summary.year,
        },
        b: Side {
            label: b.summary.year.to_string(),
            year: b.summary.year,
        },
        units,
        summary,
    }
}

/// A figure's words in a language, from the catalogue; a figure it does not know, by its
/// name.
fn label(figure: &str, lang: Lang) -> String {
    SummaryFigure::of(figure).map_or_else(|| figure.to_string(), |f| f.text(lang))
}

/// A text with a capital first letter ("chỉ có ở 2024" → "Chỉ có ở 2024").
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn value(v: &Option<Decimal>, w: &Words) -> String {
    w.opt_decimal(v)
}

/// The figures of the summary that changed, as `(label, before, after, change)`.
fn changed_figures(d: &UnitsDiff, w: &Words) -> Vec<(String, String, String, String)> {
    d.summary
        .iter()
        .filter(|f| f.changed())
        .map(|f| {
            let change = match (f.before, f.after) {
                (Some(x), Some(y)) => {
                    let c = y - x;
                    let sign = if c > Decimal::ZERO { "+" } else { "" };
                    format!("{sign}{}", w.decimal(&c))
                }
                _ => String::new(),
            };
            (
                label(&f.figure, w.lang),
                value(&f.before, w),
                value(&f.after, w),
                change,
            )
        })
        .collect()
}

/// The text form: each unit's own diff under its name, then the summary's changed totals.
pub fn render_units_text(d: &UnitsDiff, lang: Lang, color: bool) -> String {
    let w = Words { lang };
    let mut s = String::new();
    let title = format!("{} → {}", d.a.label, d.b.label);
    let none = Term::NoDifferences.text(lang);
    if d.is_empty() {
        let _ = writeln!(s, "{none}: {title}");
        return s;
    }
    for u in &d.units {
        let _ = writeln!(s, "=== {} ({}) ===", u.name, u.id);
        let only = |side: &Side| Term::OnlyIn {
            side: side.label.clone(),
        };
        match (&u.diff, u.presence) {
            (Some(diff), _) => s.push_str(&super::render_text(diff, lang, color)),
            (None, Presence::Added) => {
                let _ = writeln!(s, "{}", only(&d.b).text(lang));
            }
            (None, _) => {
                let _ = writeln!(s, "{}", only(&d.a).text(lang));
            }
        }
        s.push('\n');
    }
    let head = Term::Summary.text(lang);
    let _ = writeln!(s, "=== {head} ({title}) ===");
    let figures = changed_figures(d, &w);
    if figures.is_empty() {
        let _ = writeln!(s, "{none}");
    }
    for (label, before, after, change) in figures {
        let _ = writeln!(s, "  {label}: {before} → {after} ({change})");
    }
    s
}

/// The Markdown form: a section per unit (its own diff, headings one level down), then
/// the summary's table of changed totals.
pub fn render_units_markdown(d: &UnitsDiff) -> String {
    let vi = Lang::Vi;
    let w = Words { lang: vi };
    let (la, lb) = (super::text::cell(&d.a.label), super::text::cell(&d.b.label));
    let mut s = String::new();
    let title = Term::UnitsDiffTitle {
        a: la.clone(),
        b: lb.clone(),
    };
    let _ = writeln!(s, "# {}\n", title.text(vi));
    let none = Term::NoDifferences.text(vi);
    if d.is_empty() {
        // Said in both languages, as the Markdown form of one report's diff says it.
        let en = Term::NoDifferences.text(Lang::En).to_lowercase();
        let _ = writeln!(s, "{none} ({en}).");
        return s;
    }
    for u in &d.units {
        let _ = writeln!(s, "## {} ({})\n", super::text::cell(&u.name), u.id);
        match (&u.diff, u.presence) {
            (Some(diff), _) => {
                // The unit's own diff, its headings one level down, without its title.
                let md = super::render_markdown(diff);
                for line in md
                    .lines()
                    .skip_while(|l| l.starts_with("# ") || l.is_empty())
                {
                    if line.starts_with('#') {
                        let _ = writeln!(s, "#{line}");
                    } else {
                        let _ = writeln!(s, "{line}");
                    }
                }
                s.push('\n');
            }
            (None, presence) => {
                let side = match presence {
                    Presence::Added => &lb,
                    _ => &la,
                };
                let only = Term::OnlyIn { side: side.clone() }.text(vi);
                let _ = writeln!(s, "{}.\n", capitalised(&only));
            }
        }
    }
    let _ = writeln!(s, "## {}\n", Term::Summary.text(vi));
    let figures = changed_figures(d, &w);
    if figures.is_empty() {
        let _ = writeln!(s, "{none}.");
        return s;
    }
    let (figure, change) = (Term::Figure.text(vi), Term::Change.text(vi));
    let _ = writeln!(s, "| {figure} | {la} | {lb} | {change} |");
    let _ = writeln!(s, "|---|--:|--:|--:|");
    for (label, before, after, change) in figures {
        let _ = writeln!(s, "| {label} | {before} | {after} | {change} |");
    }
    s
}

/// The JSON form: every unit with its own diff (as `diff --format json` gives it for one
/// report), and every figure of the summary's total with both sides.
pub fn render_units_json(d: &UnitsDiff) -> String {
    let mut s = serde_json::to_string_pretty(d).expect("a diff always serialises");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every figure the summary compares has its words in the catalogue, in both languages.
    #[test]
    fn every_figure_has_its_words_in_the_catalogue() {
        let names = figures(&Tally::default())
            .into_iter()
            .map(|(name, _)| name.to_string())
            .chain(std::iter::once("criteria.5".to_string()));
        for name in names {
            let f = SummaryFigure::of(&name).unwrap_or_else(|| panic!("{name}: no words"));
            let (en, vi) = (f.text(Lang::En), f.text(Lang::Vi));
            assert_ne!(en, vi, "{name}");
            assert_eq!(label(&name, Lang::Vi), vi);
        }
        assert_eq!(label("criteria.5", Lang::Vi), "Số xã đạt TC 5");
        assert_eq!(
            label("criteria.5", Lang::En),
            "Communes meeting criterion 5"
        );
        assert_eq!(label("unknown", Lang::Vi), "unknown");
    }
}
