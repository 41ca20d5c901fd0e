//! Appendix 01: the documents issued during the year to steer the programme.

use super::{Sheet, Value, flat, strings};
use crate::facts::Facts;
use crate::report::model::{Cell, Table};

const COLUMNS: [&str; 6] = [
    "STT",
    "Số, ký hiệu",
    "Ngày ban hành",
    "Cơ quan ban hành",
    "Loại văn bản",
    "Trích yếu nội dung",
];

pub(super) fn table(f: &Facts) -> Option<Table<'static>> {
    let docs = f.documents.as_ref()?;
    let rows = docs
        .iter()
        .enumerate()
        .map(|(i, doc)| {
            vec![
                Cell::center((i + 1).to_string()),
                Cell::new(&doc.number),
                Cell::center(doc.date.short_vi()),
                Cell::new(&doc.issuer),
                Cell::new(&doc.kind),
                Cell::new(&doc.title),
            ]
        })
        .collect();
    // The short columns are as wide as their longest text, so that a document number
    // ("2463/QĐ-UBND"), a date and an issuer stay on one line; the title takes the rest,
    // and never less than half.
    let fit = |pick: &dyn Fn(&crate::facts::Document) -> &str, floor: u32| {
        docs.iter()
            .map(|d| ems(pick(d)))
            .max()
            .unwrap_or(0)
            .max(floor)
            + 8
    };
    let number = fit(&|d| d.number.as_str(), 40);
    let date = ems("00/00/0000") + 8;
    let issuer = fit(&|d| d.issuer.as_str(), 40);
    let kind = fit(&|d| d.kind.as_str(), 40);
    let stt = 30;
    let short = stt + number + date + issuer + kind;
    let title = short.max(LANDSCAPE_EMS.saturating_sub(short));
    Some(flat(
        &COLUMNS,
        &[stt, number, date, issuer, kind, title],
        rows,
    ))
}

/// The width of a landscape page's text at 11 pt, in tenths of an em (257 mm).
const LANDSCAPE_EMS: u32 = 662;

/// A rough width of `text` in Times New Roman, in tenths of an em: enough to size a column
/// so that its text stays on one line.
fn ems(text: &str) -> u32 {
    text.chars()
        .map(|c| match c {
            ' ' | ',' | '.' | ':' | ';' => 3,
            '-' | '(' | ')' | '/' => 4,
            c if c.is_ascii_digit() => 5,
            c if c.is_uppercase() => 8,
            _ => 5,
        })
        .sum()
}

pub(super) fn sheet(f: &Facts, s: &mut dyn Sheet) {
    let Some(docs) = &f.documents else { return };
    s.header(strings(&COLUMNS));
    for (i, d) in docs.iter().enumerate() {
        s.row(&[
            Value::count(i + 1),
            Value::Text(&d.number),
            Value::Date(d.date),
            Value::Text(&d.issuer),
            Value::Text(&d.kind),
            Value::Text(&d.title),
        ]);
    }
}
