//! The long table: `YEAR/communes.csv`, or a sheet of the same columns, a row per commune
//! and item.

use super::*;

/// A number in a table's cell: reported when it cannot be read; a warning when it looks
/// like a whole number with a thousands separator (`1.530`) where that is what it surely is:
/// a quantity counted in whole things (`whole`), or a point in a `;`-separated table, where
/// a Vietnamese Excel writes the decimal comma and the thousands point.
pub(super) fn csv_number(
    t: &Table,
    text: &str,
    whole: bool,
    at: At,
    diags: &mut Diagnostics,
) -> Option<Decimal> {
    match t.decimal(text) {
        Ok(d) => {
            let other = t.separator == crate::number::DecimalSeparator::Comma && text.contains('.');
            if whole || other {
                crate::validate::thousands_warning(d, &at(), diags);
            }
            Some(d)
        }
        Err(p) => {
            let fallback = (
                Message::NotANumber {
                    text: text.to_string(),
                },
                Hint::CsvNumberForm,
            );
            crate::validate::number_problem(p, &at(), fallback, diags);
            None
        }
    }
}

/// The columns of the long table.
pub(super) struct Columns {
    commune: Option<usize>,
    item: Option<usize>,
    value: Option<usize>,
    denominator: Option<usize>,
    source: Option<usize>,
}

/// The columns of the long table, and their Vietnamese names in a sheet.
pub(super) const LONG_REQUIRED: &[&str] = &["commune", "item", "value"];

pub(super) const LONG_OPTIONAL: &[&str] = &["denominator", "source"];

pub(super) const LONG_ALIASES: &[(&str, &str)] = &[
    ("mã xã", "commune"),
    ("mục", "item"),
    ("giá trị", "value"),
    ("mẫu số", "denominator"),
    ("nguồn", "source"),
];

/// Reads the long table, a CSV file or a sheet.
pub(super) fn long_table(
    t: &Table,
    roster: &Roster,
    items: &Items,
    out: &mut [CommuneYear],
    seen: &mut Seen,
    diags: &mut Diagnostics,
) {
    let table = seen.table(t);
    let mut long = LongTable {
        t,
        table,
        cols: Columns {
            commune: t.col("commune"),
            item: t.col("item"),
            value: t.col("value"),
            denominator: t.col("denominator"),
            source: t.col("source"),
        },
        roster,
        items,
        last_commune: None,
        last_indicator: None,
    };
    // The rows of a malformed table are not taken: the communes they name have no data.
    let had_data = seen.has_data.clone();
    let ok = t.rows(diags, |row, diags| long.row(row, out, seen, diags));
    if !ok {
        seen.has_data = had_data;
    }
}

/// The long table being read, with what its rows are checked against.
pub(super) struct LongTable<'a> {
    t: &'a Table<'a>,
    /// Its index in [`Seen::tables`].
    table: u32,
    cols: Columns,
    roster: &'a Roster<'a>,
    items: &'a Items<'a>,
    /// The commune and indicator of the row before: a commune's rows usually follow one
    /// another, its indicators in ruleset order, so these are tried first.
    last_commune: Option<usize>,
    last_indicator: Option<usize>,
}

impl LongTable<'_> {
    /// Checks one row and keeps its value.
    fn row(
        &mut self,
        row: &Row,
        out: &mut [CommuneYear],
        seen: &mut Seen,
        diags: &mut Diagnostics,
    ) {
        let (t, cols, roster, items) = (self.t, &self.cols, self.roster, self.items);
        let rules = items.rules;
        let cell = |col: Option<usize>| col.map_or("", |i| row.get(i));
        let locate = |col| t.locate(row.line, row.byte, col);
        let commune = cell(cols.commune);
        let ci = match self.last_commune {
            Some(i) if roster.communes[i].id == commune => i,
            _ => {
                let Some(i) = commune_index(commune, &|| locate(cols.commune), roster, diags)
                else {
                    return;
                };
                self.last_commune = Some(i);
                out[i].place.get_or_insert_with(|| locate(cols.commune));
                i
            }
        };
        let item = cell(cols.item);
        let value = cell(cols.value);
        let at = || locate(cols.value);
        let item_at = || locate(cols.item);
        let here = First::of(t, self.table, row, cols.item);
        let table = self.table;
        // Notes the item in `slot`; false, with an error, when the commune gave it before.
        let mut note =
            |slot: usize, item: &str, diags: &mut Diagnostics| match seen.note(ci, slot, here) {
                None => true,
                Some(first) => {
                    let hint = seen.hint(first, (table, t), cols.item);
                    given_twice(item, &item_at(), hint, diags);
                    false
                }
            };
        // An id typed as a number has lost its trailing zeros: `17.10` reads `17.1`.
        if item.contains('.')
            && t.is_number(row, cols.item)
            && let Some(meant) = items.same_number(item)
        {
            let message = Message::NumberAsId {
                value: item.to_string(),
                meant: meant.to_string(),
            };
            diags.error(&item_at(), message).hint = Some(Hint::IdAsText);
            return;
        }
        if let Ok(num) = item.parse::<u32>() {
            let Some(k) = items.criterion(num) else {
                unknown_criterion(num, &item_at(), rules, diags);
                return;
            };
            let Some(status) = criterion_status(value, &at, Hint::CriterionStatusForm, diags)
            else {
                return;
            };
            if note(items.criteria[k], &num.to_string(), diags) {
                let source = Some(cell(cols.source).to_string()).filter(|s| !s.is_empty());
                out[ci].declared.insert(num, Declared { status, source });
            }
        } else if let Some(k) = items.measure(item) {
            let m = &rules.measures[k];
            let den = cell(cols.denominator);
            let den_at = || locate(cols.denominator);
            let Some(val) = csv_measure(t, m, value, den, &at, &den_at, diags) else {
                return;
            };
            if note(items.measures[k], item, diags) {
                out[ci].measures.set(k, val);
            }
        } else {
            let Some((i, ind)) = known_indicator(item, &item_at, items, self.last_indicator, diags)
            else {
                return;
            };
            self.last_indicator = Some(i);
            let den = cell(cols.denominator);
            let den_at = || locate(cols.denominator);
            let Some(v) = csv_indicator(t, ind, value, den, &at, &den_at, diags) else {
                return;
            };
            if note(items.indicators[i], item, diags)
                && let Some(v) = checked(ind, v, &at, diags)
            {
                out[ci].indicators.set(i, v);
            }
        }
    }
}

pub(super) fn csv_indicator(
    t: &Table,
    ind: &Indicator,
    value: &str,
    den: &str,
    at: At,
    den_at: At,
    diags: &mut Diagnostics,
) -> Option<IndicatorValue> {
    // A yes/no word is no "not applicable" word: most yes/no values are settled here.
    if ind.kind == Kind::YesNo
        && let Some(m) = status_word(value)
    {
        return Some(IndicatorValue::YesNo(m));
    }
    if one_of(value, &["không áp dụng", "n/a", "na"]) {
        return Some(IndicatorValue::NotApplicable);
    }
    if value.is_empty() {
        let id = ind.id.clone();
        diags
            .error(&at(), Message::IndicatorWithoutValue { id })
            .hint = Some(kind_hint(ind.kind));
        return None;
    }
    match ind.kind {
        Kind::YesNo => match status_word(value) {
            Some(m) => Some(IndicatorValue::YesNo(m)),
            None => {
                let text = value.to_string();
                diags.error(&at(), Message::NotAYesNo { text }).hint = Some(Hint::YesNoWordForm);
                None
            }
        },
        kind => {
            // Count and level values get the thousands hint with their not-whole error.
            let whole = kind == Kind::Ratio && crate::ruleset::counts_whole_things(kind, &ind.unit);
            let n = csv_number(t, value, whole, at, diags)?;
            match (kind, den.is_empty()) {
                (Kind::Ratio, true) => {
                    let id = ind.id.clone();
                    diags.error(&at(), Message::MissingDenominator { id });
                    None
                }
                (Kind::Ratio, false) => {
                    csv_number(t, den, whole, den_at, diags).map(|d| IndicatorValue::Ratio {
                        numerator: n,
                        denominator: d,
                    })
                }
                (_, false) => {
                    let id = ind.id.clone();
                    diags.error(&den_at(), Message::TakesNoDenominator { id });
                    None
                }
                (_, true) => Some(IndicatorValue::Scalar(n)),
            }
        }
    }
}

/// A measure's value from the cells of a table: the value (or numerator) and the
/// denominator ("" when none is given).
pub(super) fn csv_measure(
    t: &Table,
    m: &crate::ruleset::Measure,
    value: &str,
    den: &str,
    at: At,
    den_at: At,
    diags: &mut Diagnostics,
) -> Option<MeasureValue> {
    let whole = crate::ruleset::counts_whole_things(m.kind, &m.unit);
    let n = csv_number(t, value, whole, at, diags)?;
    match (m.kind, den.is_empty()) {
        (Kind::Ratio, false) => {
            let d = csv_number(t, den, whole, den_at, diags)?;
            let (numerator, denominator) = ratio_ok(n, d, at, diags)?;
            Some(MeasureValue::Ratio {
                numerator,
                denominator,
            })
        }
        (Kind::Ratio, true) => {
            let id = m.id.clone();
            diags.error(&at(), Message::MissingDenominator { id });
            None
        }
        (_, false) => {
            let id = m.id.clone();
            diags.error(&den_at(), Message::MeasureIsScalar { id });
            None
        }
        (_, true) => Some(MeasureValue::Scalar(n)),
    }
}
