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
    Some(flat(&COLUMNS, &[6, 14, 13, 14, 11, 42], rows))
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
