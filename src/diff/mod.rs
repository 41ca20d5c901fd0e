//! `ntm-report diff`: what changed between two sets of [`Facts`] — two years of one data
//! folder, or one year of two folders.
//!
//! Communes are matched by id (names may change between years), criteria by number, classes
//! by label, funding sources by id. Every list is in a fixed order: communes in the roster
//! order of B, then those only in A; criteria in the ruleset order of B, then those only in
//! A; so the same inputs always give the same bytes.
//!
//! A [`Diff`] lists only the communes and criteria that changed; the summary parts (total,
//! average, classes, villages, funding) hold both sides in full so that a JSON reader sees
//! the whole picture. The text and Markdown renderers print only what changed.

mod compare;
mod markdown;
mod text;
mod units;

pub use compare::diff;
pub use markdown::render_markdown;
pub use text::render_text;
pub use units::{
    Figure, UnitDiff, UnitsDiff, diff_units, render_units_json, render_units_markdown,
    render_units_text,
};

use crate::facts::Facts;
use rust_decimal::Decimal;
use serde::Serialize;

/// The version of the JSON form; raised on any change that could break a reader.
pub const SCHEMA_VERSION: u32 = 2;

/// A value before (in A) and after (in B).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change<T> {
    pub before: T,
    pub after: T,
}

impl<T: PartialEq> Change<T> {
    pub fn new(before: T, after: T) -> Self {
        Change { before, after }
    }

    /// Whether the two sides differ.
    pub fn changed(&self) -> bool {
        self.before != self.after
    }
}

/// One side of the comparison.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Side {
    /// How the side is named in the output: the year by default, or e.g. a folder name.
    pub label: String,
    pub year: i32,
}

impl Side {
    /// A side named by the year of its facts.
    fn of(facts: &Facts) -> Side {
        Side {
            label: facts.year.to_string(),
            year: facts.year,
        }
    }
}

/// Whether a commune is on both sides or only one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Presence {
    /// On both sides, with some difference.
    Changed,
    /// Only in B.
    Added,
    /// Only in A.
    Removed,
    /// In B, formed from communes of A by a merger (or holding a part of one): compared
    /// with A carried onto it.
    Merged,
}

/// An old commune a commune of B was formed from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Predecessor {
    pub id: String,
    pub name: String,
    /// Only a part of it went into the commune (a partial transfer).
    pub part: bool,
}

/// A commune of A, across a merger: where it went.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OldCommune {
    pub id: String,
    pub name: String,
    /// Criteria met in A, by A's own ruleset.
    pub criteria_met: u32,
    /// Names of B's communes holding it (whole or in part).
    pub into: Vec<String>,
}

/// A commune that differs between A and B.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CommuneDiff {
    pub id: String,
    /// The name in B (in A for a removed commune).
    pub name: String,
    pub presence: Presence,
    /// The name in A, when it differs from the name in B.
    pub previous_name: Option<String>,
    /// Criteria met (official count); `None` on the side the commune is not on.
    pub criteria_met: Change<Option<u32>>,
    /// Criteria met in B and not in A (empty for added and removed communes).
    pub gained: Vec<u32>,
    /// Criteria met in A and not in B (empty for added and removed communes).
    pub lost: Vec<u32>,
    /// Recognition as an NTM commune: "decision (date)", `None` when not recognised.
    pub recognized: Change<Option<String>>,
    /// The communes of A it was formed from (empty unless `presence` is `merged`).
    pub predecessors: Vec<Predecessor>,
}

/// A criterion whose count or communes differ.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CriterionDiff {
    pub number: u32,
    /// The name in B (in A for a criterion only in A).
    pub name: String,
    /// Communes meeting it; `None` on a side whose ruleset has no such criterion.
    pub count: Change<Option<usize>>,
    /// Communes (names as in B) meeting it in B and not in A, including communes only in B;
    /// in roster order. `count.after - count.before == gained.len() - lost.len()`.
    pub gained: Vec<String>,
    /// Communes meeting it in A and not in B, including communes only in A.
    pub lost: Vec<String>,
}

/// The number of communes in a class.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ClassDiff {
    pub label: String,
    /// `None` on a side that has no class of this label.
    pub count: Change<Option<usize>>,
}

/// Villages by number of criteria met.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct VillagesDiff {
    /// Villages evaluated; `None` on a side without village data.
    pub total: Change<Option<usize>>,
    /// Villages meeting every criterion of the village set.
    pub meeting_all: Change<Option<usize>>,
    /// Every number of criteria that occurs on either side, ascending.
    pub by_criteria_met: Vec<VillageCountDiff>,
}

/// How many villages meet a given number of criteria.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct VillageCountDiff {
    pub criteria_met: u32,
    /// `None` on a side without village data (0 when that side has villages but none at this
    /// count).
    pub villages: Change<Option<usize>>,
}

/// A level evaluated beside the NTM level (`[[levels]]`) whose figures differ.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LevelDiff {
    pub level: crate::dataset::RecognitionLevel,
    /// A level of villages, not of communes.
    pub village: bool,
    /// Units registered for it; `None` on a side that does not evaluate the level.
    pub registered: Change<Option<usize>>,
    /// Units meeting every criterion and the required level.
    pub meeting: Change<Option<usize>>,
    /// Units recognised at the level on the status date.
    pub recognized: Change<Option<usize>>,
    /// Units (names as in B) meeting it in B and not in A, by id; in roster order.
    pub meeting_gained: Vec<String>,
    /// Units meeting it in A and not in B.
    pub meeting_lost: Vec<String>,
    /// Units recognised in B and not in A.
    pub recognized_gained: Vec<String>,
    /// Units recognised in A and not in B.
    pub recognized_lost: Vec<String>,
}

/// Funding mobilised, million VND (normalised decimals, written as strings).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FundingDiff {
    /// `None` on a side without funding data.
    pub total: Change<Option<Decimal>>,
    /// The top-level sources, matched by id: B's order, then those only in A.
    pub sources: Vec<FundingSourceDiff>,
}

/// One top-level funding source.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FundingSourceDiff {
    pub id: String,
    pub name: String,
    pub amount: Change<Option<Decimal>>,
}

/// What changed between two sets of facts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diff {
    pub schema_version: u32,
    pub a: Side,
    pub b: Side,
    /// Communes that differ: B's roster order, then the communes only in A.
    pub communes: Vec<CommuneDiff>,
    /// Criteria that differ, in ruleset order.
    pub criteria: Vec<CriterionDiff>,
    pub total_criteria_met: Change<u32>,
    /// Two decimals, decimal point (`"11.06"` in JSON).
    pub average_criteria_per_commune: Change<Decimal>,
    /// Every class of either side.
    pub classes: Vec<ClassDiff>,
    /// `None` when neither side has village data.
    pub villages: Option<VillagesDiff>,
    /// `None` when neither side has funding data.
    pub funding: Option<FundingDiff>,
    /// The levels evaluated beside the NTM level that differ: B's order, then A's; left
    /// out when none does.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub levels: Vec<LevelDiff>,
    /// Across a merger (B's facts carry A onto B's communes): A by its own communes, each
    /// with the communes of B it went into; empty otherwise.
    pub old_communes: Vec<OldCommune>,
    /// Whether the text and Markdown forms list `old_communes` (`--old-communes`); JSON
    /// always has them.
    #[serde(skip)]
    pub show_old_communes: bool,
}

impl Diff {
    /// Whether there is no difference at all.
    pub fn is_empty(&self) -> bool {
        self.communes.is_empty()
            && self.criteria.is_empty()
            && self.levels.is_empty()
            && !self.total_criteria_met.changed()
            && !self.average_criteria_per_commune.changed()
            && self.classes.iter().all(|c| !c.count.changed())
            && self.villages.as_ref().is_none_or(|v| {
                !v.total.changed()
                    && !v.meeting_all.changed()
                    && v.by_criteria_met.iter().all(|r| !r.villages.changed())
            })
            && self
                .funding
                .as_ref()
                .is_none_or(|f| !f.total.changed() && f.sources.iter().all(|s| !s.amount.changed()))
    }

    /// Lists A by its own communes in the text and Markdown forms, across a merger.
    pub fn showing_old_communes(mut self, yes: bool) -> Self {
        self.show_old_communes = yes;
        self
    }

    /// Names the two sides (e.g. two folder names) instead of their years.
    pub fn with_labels(mut self, a: impl Into<String>, b: impl Into<String>) -> Self {
        self.a.label = a.into();
        self.b.label = b.into();
        self
    }
}

/// The diff as pretty-printed JSON (decimals as strings, like `facts.json`).
pub fn render_json(d: &Diff) -> String {
    let mut s = serde_json::to_string_pretty(d).expect("a diff always serialises");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Lang;
    use crate::load::DataDir;

    fn facts(year: i32) -> Facts {
        let built = crate::compile::facts(&DataDir::new("data"), year);
        let sorted = built.diagnostics.sorted();
        built
            .output
            .unwrap_or_else(|| panic!("{year} is valid: {sorted:?}"))
            .facts
    }

    fn commune<'d>(d: &'d Diff, name: &str) -> &'d CommuneDiff {
        d.communes
            .iter()
            .find(|c| c.name == name)
            .unwrap_or_else(|| panic!("{name} is in the diff"))
    }

    #[test]
    fn shipped_2022_to_2023() {
        let d = diff(&facts(2022), &facts(2023));
        assert_eq!(commune(&d, "Bản Lang").gained, vec![5, 14, 15]);
        assert_eq!(
            commune(&d, "Bản Lang").criteria_met,
            Change::new(Some(9), Some(12))
        );
        assert_eq!(commune(&d, "Nậm Xe").gained, vec![8]);
        assert_eq!(commune(&d, "Lản Nhì Thàng").gained, vec![9, 15]);
        assert_eq!(commune(&d, "Mồ Sì San").gained, vec![13]);
        assert_eq!(commune(&d, "Vàng Ma Chải").gained, vec![13]);
        assert!(d.communes.iter().all(|c| c.lost.is_empty()));
        let c5 = d.criteria.iter().find(|c| c.number == 5).unwrap();
        assert_eq!(c5.count, Change::new(Some(8), Some(9)));
        assert_eq!(c5.gained, vec!["Bản Lang".to_string()]);
        assert!(c5.lost.is_empty());
        assert_eq!(
            d.average_criteria_per_commune,
            Change::new(Decimal::new(1056, 2), Decimal::new(1106, 2))
        );
        assert_eq!(d.total_criteria_met, Change::new(169, 177));
        assert!(!d.is_empty());
        // Roster order of B.
        let order: Vec<&str> = d.communes.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(
            order,
            [
                "lan-nhi-thang",
                "nam-xe",
                "ban-lang",
                "vang-ma-chai",
                "mo-si-san"
            ]
        );
        // Criteria in ruleset order.
        let numbers: Vec<u32> = d.criteria.iter().map(|c| c.number).collect();
        let mut sorted = numbers.clone();
        sorted.sort_unstable();
        assert_eq!(numbers, sorted);
    }

    #[test]
    fn a_year_against_itself_is_empty() {
        let f = facts(2023);
        let d = diff(&f, &f);
        assert!(d.is_empty(), "{d:#?}");
        assert!(render_text(&d, Lang::Vi, false).starts_with("Không có thay đổi: 2023 → 2023"));
        assert!(render_text(&d, Lang::En, false).starts_with("No differences: 2023 → 2023"));
        assert!(render_markdown(&d).contains("Không có thay đổi"));
    }

    #[test]
    fn renders_text_markdown_and_json() {
        let d = diff(&facts(2022), &facts(2023));
        let text = render_text(&d, Lang::Vi, false);
        assert!(text.starts_with("So sánh 2022 → 2023\n\nXã\n"), "{text}");
        assert!(text.contains("  Bản Lang: +5 +14 +15 (9 → 12)\n"), "{text}");
        assert!(
            text.contains("TC 5 Trường học: 8 → 9 (+ Bản Lang)"),
            "{text}"
        );
        assert!(
            text.contains("Bình quân tiêu chí/xã: 10,56 → 11,06"),
            "{text}"
        );
        assert!(!text.contains('\x1b'));
        assert!(
            render_text(&d, Lang::Vi, true).contains("\x1b[32m+5\x1b[0m"),
            "{:?}",
            render_text(&d, Lang::Vi, true)
        );
        // English: every label, and numbers with a decimal point.
        let en = render_text(&d, Lang::En, false);
        for label in [
            "Changes 2022 → 2023\n",
            "\nCommunes\n",
            "\nCriteria\n",
            "  Criterion 5 Trường học: 8 → 9 (+ Bản Lang)\n",
            "\nSummary\n",
            "  Criteria met in all: 169 → 177\n",
            "  Average criteria per commune: 10.56 → 11.06\n",
            "  Communes by class:\n",
            "  Villages by criteria met:\n",
            "  Funding mobilised, million VND:\n",
            "    Total: 402034 → 441565\n",
        ] {
            assert!(en.contains(label), "{label:?} not in\n{en}");
        }
        for vi in ["Xã", "Tổng hợp", "Bình quân", "triệu đồng", "So sánh"] {
            assert!(!en.contains(vi), "{vi} in the English text\n{en}");
        }
        let md = render_markdown(&d);
        assert!(
            md.contains("| Bản Lang | 5, 14, 15 |  | 9 | 12 |  |"),
            "{md}"
        );
        assert!(
            md.contains("| 5 | Trường học | 8 | 9 | Bản Lang |  |"),
            "{md}"
        );
        let v: serde_json::Value = serde_json::from_str(&render_json(&d)).unwrap();
        assert_eq!(v["average_criteria_per_commune"]["after"], "11.06");
        assert_eq!(v["communes"][2]["gained"], serde_json::json!([5, 14, 15]));
        assert_eq!(v["a"]["label"], "2022");
    }

    #[test]
    fn added_removed_and_renamed_communes() {
        let a = facts(2023);
        let mut b = a.clone();
        let removed = b.communes.remove(0); // Mường So, meets all 19
        let mut added = b.communes[0].clone();
        added.id = "xa-moi".into();
        added.name = "Xã | Mới".into();
        b.communes.push(added);
        b.communes[0].name = "Khổng Lào Mới".into();
        let d = diff(&a, &b).with_labels("cũ", "mới");
        let ids: Vec<(&str, Presence)> = d
            .communes
            .iter()
            .map(|c| (c.id.as_str(), c.presence))
            .collect();
        assert_eq!(
            ids,
            [
                ("khong-lao", Presence::Changed),
                ("xa-moi", Presence::Added),
                ("muong-so", Presence::Removed),
            ]
        );
        assert_eq!(d.communes[0].previous_name.as_deref(), Some("Khổng Lào"));
        assert_eq!(d.communes[2].criteria_met, Change::new(Some(19), None));
        // Criterion 1: the facts' own counts are untouched here, but the names follow the
        // communes: the added one gained it, the removed one lost it.
        let c1 = d.criteria.iter().find(|c| c.number == 1).unwrap();
        assert_eq!(c1.gained, vec!["Xã | Mới".to_string()]);
        assert_eq!(c1.lost, vec![removed.name.clone()]);
        let md = render_markdown(&d);
        assert!(md.contains("| Xã \\| Mới |"), "{md}");
        assert!(md.starts_with("# So sánh cũ → mới"));
        let text = render_text(&d, Lang::Vi, false);
        assert!(text.contains("Mường So: không còn (19 → —)"), "{text}");
        assert!(
            text.contains("Khổng Lào Mới (trước đây: Khổng Lào):"),
            "{text}"
        );
        let text = render_text(&d, Lang::En, false);
        assert!(text.contains("Mường So: removed (19 → —)"), "{text}");
        assert!(text.contains("Xã | Mới: added ("), "{text}");
        assert!(
            text.contains("Khổng Lào Mới (formerly: Khổng Lào):"),
            "{text}"
        );
    }
}
