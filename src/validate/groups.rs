//! A year's commune groups (`YEAR/groups.csv`): the category each commune is assigned for
//! the year, which chooses its thresholds, with the decision that assigned it.

use super::table::{Row, Table};
use crate::dataset::{Commune, Date, Recognition};
use crate::diagnostic::{Diagnostics, Hint, Message, What, did_you_mean};
use crate::layout::Year;
use crate::load::Files;
use crate::ruleset::Ruleset;

const REQUIRED: &[&str] = &["commune", "group"];
const OPTIONAL: &[&str] = &["decision", "date", "by", "name"];

/// Sets the category of each commune `groups.csv` names for `year` (the year's roster,
/// `communes`); a folder without the file keeps the roster's categories. A commune not on
/// the year's roster, a group the year's commune ruleset does not define, a commune named
/// twice and a decision without a valid date are errors.
pub fn assign(
    files: &dyn Files,
    year: i32,
    rules: &Ruleset,
    communes: &mut [Commune],
    diags: &mut Diagnostics,
) {
    let Some(src) = super::optional_file(files, &Year(year).groups(), diags) else {
        return;
    };
    let Some(t) = Table::open(&src, REQUIRED, OPTIONAL, diags) else {
        return;
    };
    let mut ids = super::Ids::default();
    let col = t.col("commune");
    let mut assigned: Vec<(usize, String, Option<Recognition>)> = Vec::new();
    let ok = t.rows(diags, |row, diags| {
        if !ids.add(&t, row, col, What::Commune, diags) {
            return;
        }
        let id = t.cell(row, "commune");
        let Some(ci) = communes.iter().position(|c| c.id == id) else {
            let message = Message::UnknownCommune { id: id.to_string() };
            let d = diags.error(&t.at(row, "commune"), message);
            d.hint = did_you_mean(id, communes.iter().map(|c| c.id.as_str()));
            return;
        };
        let group = t.required(row, "group", diags);
        if group.is_empty() || !known_group(&t, row, group, rules, diags) {
            return;
        }
        if let Some(decision) = decision(&t, row, diags) {
            assigned.push((ci, group.to_string(), decision));
        }
    });
    if ok {
        for (ci, group, decision) in assigned {
            communes[ci].category = group;
            communes[ci].category_decision = decision;
        }
    }
}

/// Whether the group is a category of the year's commune ruleset (an error if not).
fn known_group(
    t: &Table,
    row: &Row,
    group: &str,
    rules: &Ruleset,
    diags: &mut Diagnostics,
) -> bool {
    if rules.categories.iter().any(|c| c.id == group) {
        return true;
    }
    let message = Message::UnknownCategory {
        category: group.to_string(),
    };
    let ids = rules.categories.iter().map(|c| c.id.as_str());
    diags.error(&t.at(row, "group"), message).hint =
        did_you_mean(group, ids).or(Some(Hint::CategoriesDefinedBy {
            ruleset: rules.id.clone(),
        }));
    false
}

/// The deciding decision of a row: `Some(None)` when the row names none, `None` (with an
/// error) when its date is missing or not a date.
fn decision(t: &Table, row: &Row, diags: &mut Diagnostics) -> Option<Option<Recognition>> {
    let number = t.cell(row, "decision");
    let text = t.cell(row, "date");
    if number.is_empty() && text.is_empty() {
        return Some(None);
    }
    let number = t.required(row, "decision", diags);
    let text = t.required(row, "date", diags);
    if number.is_empty() || text.is_empty() {
        return None;
    }
    let Some(date) = Date::parse_iso(text) else {
        let text = text.to_string();
        diags
            .error(&t.at(row, "date"), Message::InvalidDate { text })
            .hint = Some(Hint::DateForm);
        return None;
    };
    let by = t.cell(row, "by");
    Some(Some(Recognition {
        decision: number.to_string(),
        date,
        by: (!by.is_empty()).then(|| by.to_string()),
    }))
}
