//! The appendices (phụ biểu): one definition per appendix, read by every writer.
//!
//! An [`Appendix`] owns its code, its title, its page orientation, when a year's facts
//! have it, and its two tables: the printed one (grouped header cells, Vietnamese number
//! format: [`Appendix::table`], for the Markdown and Word documents) and the workbook
//! sheet (one flat header row, typed values: [`Appendix::sheet`], for the Excel writer),
//! with the totals the workbook's first sheet repeats ([`Appendix::totals`]). Every figure
//! comes from the [`Facts`] as computed; nothing here adds, subtracts or parses a number.
//! Each appendix lives in its own file.

mod criteria;
mod disbursement;
mod documents;
mod funding;
pub mod index;
mod indicators;
mod levels;
mod plan;
mod villages;

use crate::date::Date;
use crate::facts::{DetailMoved, DisbursementKind, Facts};
use crate::report::model::{Block, Cell, Orientation, Table};
use rust_decimal::Decimal;

/// The most communes whose appendix 02a the Word and Markdown reports print (`build
/// --detail-limit`); above it the report keeps the summary tables and says that the
/// detail is in the workbook. 02a takes about 0.8 landscape page per commune (43 pages
/// at 50 synthetic communes, 78 at 100, 367 at 500: `docs/docx.md`); at 50 the report of
/// every district and of a province of up to 50 communes stays one signable volume.
pub const DEFAULT_DETAIL_LIMIT: usize = 50;

/// The appendices' workbook of a year, beside the report: `phu-bieu-2023.xlsx`.
pub fn workbook_file(year: i32) -> String {
    format!("phu-bieu-{year}.xlsx")
}

/// Whether appendix 02a goes to the workbook rather than the Word and Markdown reports: when
/// the unit has more than `limit` communes and 02a has any table (some indicator).
pub fn detail_moved(f: &Facts, limit: usize) -> Option<DetailMoved> {
    let communes = f.communes.len();
    (communes > limit && !f.indicators.is_empty()).then(|| DetailMoved {
        communes,
        limit,
        workbook: workbook_file(f.year),
        sheet: Appendix::Indicators.sheet_name(),
    })
}

/// An appendix of the report, in document order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Appendix {
    /// 01: documents issued to steer the programme.
    Documents,
    /// 02: criteria met, commune by commune.
    Criteria,
    /// 02a: every indicator of every commune.
    Indicators,
    /// 02b: the levels evaluated beside the NTM level, unit by unit.
    Levels,
    /// 03: funding mobilised, by source.
    Funding,
    /// 03a: what people contributed.
    Contributions,
    /// 04: development investment, allocated and disbursed.
    Investment,
    /// 05: recurrent spending, allocated and disbursed.
    Recurrent,
    /// 06: the plan for the next year.
    Plan,
    /// 07: villages by criteria met.
    Villages,
}

impl Appendix {
    /// Every appendix, in document order.
    pub const ALL: [Appendix; 10] = [
        Appendix::Documents,
        Appendix::Criteria,
        Appendix::Indicators,
        Appendix::Levels,
        Appendix::Funding,
        Appendix::Contributions,
        Appendix::Investment,
        Appendix::Recurrent,
        Appendix::Plan,
        Appendix::Villages,
    ];

    /// The code the documents number it by ("01", "02a", …), also the name templates use.
    pub fn code(self) -> &'static str {
        match self {
            Appendix::Documents => "01",
            Appendix::Criteria => "02",
            Appendix::Indicators => "02a",
            Appendix::Levels => "02b",
            Appendix::Funding => "03",
            Appendix::Contributions => "03a",
            Appendix::Investment => "04",
            Appendix::Recurrent => "05",
            Appendix::Plan => "06",
            Appendix::Villages => "07",
        }
    }

    /// The appendix of a code (a template's table marker).
    pub fn from_code(code: &str) -> Option<Appendix> {
        Appendix::ALL.into_iter().find(|a| a.code() == code)
    }

    /// Its heading line: "PHỤ BIỂU 02a".
    pub fn label(self) -> String {
        format!("PHỤ BIỂU {}", self.code())
    }

    /// The stem of its own Markdown file: "phu-bieu-02a".
    pub fn slug(self) -> String {
        format!("phu-bieu-{}", self.code())
    }

    /// The name of its (first) workbook sheet: "PB02a".
    pub fn sheet_name(self) -> String {
        format!("PB{}", self.code())
    }

    /// Its title, for the year of the facts (the plan's: the next year).
    pub fn title(self, f: &Facts) -> String {
        let year = f.year;
        match self {
            Appendix::Documents => format!(
                "DANH MỤC VĂN BẢN LÃNH ĐẠO, CHỈ ĐẠO, ĐIỀU HÀNH THỰC HIỆN CHƯƠNG TRÌNH NĂM {year}"
            ),
            Appendix::Criteria => {
                format!("KẾT QUẢ THỰC HIỆN BỘ TIÊU CHÍ XÃ NÔNG THÔN MỚI NĂM {year}")
            }
            Appendix::Indicators => format!(
                "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU THEO BỘ TIÊU CHÍ XÃ NÔNG THÔN MỚI NĂM {year}"
            ),
            Appendix::Levels => format!(
                "KẾT QUẢ THỰC HIỆN BỘ TIÊU CHÍ {} NĂM {year}",
                levels::levels_named(f)
            ),
            Appendix::Funding => {
                format!("KẾT QUẢ HUY ĐỘNG VỐN THỰC HIỆN CHƯƠNG TRÌNH NĂM {year}")
            }
            Appendix::Contributions => format!("KẾT QUẢ HUY ĐỘNG NHÂN DÂN ĐÓNG GÓP NĂM {year}"),
            Appendix::Investment => format!(
                "KẾT QUẢ PHÂN BỔ, GIẢI NGÂN VỐN ĐẦU TƯ PHÁT TRIỂN NGÂN SÁCH TRUNG ƯƠNG NĂM {year}"
            ),
            Appendix::Recurrent => {
                format!("KẾT QUẢ PHÂN BỔ, GIẢI NGÂN VỐN SỰ NGHIỆP NGÂN SÁCH TRUNG ƯƠNG NĂM {year}")
            }
            Appendix::Plan => format!(
                "KẾ HOẠCH THỰC HIỆN CÁC TIÊU CHÍ NÔNG THÔN MỚI NĂM {}",
                year + 1
            ),
            Appendix::Villages => {
                format!("KẾT QUẢ THỰC HIỆN BỘ TIÊU CHÍ THÔN, BẢN NÔNG THÔN MỚI NĂM {year}")
            }
        }
    }

    /// The page orientation of its section.
    pub fn orientation(self) -> Orientation {
        // Appendix 01 is landscape: numbers, dates and issuers each fit on one line and the
        // title still gets half the width (on a portrait page it would get a fifth).
        match self {
            Appendix::Funding | Appendix::Contributions => Orientation::Portrait,
            _ => Orientation::Landscape,
        }
    }

    /// Whether a year's facts fill it.
    pub fn is_in(self, f: &Facts) -> bool {
        let has_kind = |k: DisbursementKind| {
            f.disbursement
                .as_ref()
                .is_some_and(|d| d.total_of(k).is_some())
        };
        match self {
            Appendix::Documents => f.documents.is_some(),
            Appendix::Criteria | Appendix::Indicators => true,
            Appendix::Levels => levels::is_in(f),
            Appendix::Funding => f.funding.is_some(),
            Appendix::Contributions => f
                .funding
                .as_ref()
                .is_some_and(|fu| fu.contributions.is_some()),
            Appendix::Investment => has_kind(DisbursementKind::Investment),
            Appendix::Recurrent => has_kind(DisbursementKind::Recurrent),
            Appendix::Plan => f.plan.is_some(),
            Appendix::Villages => f.villages.is_some(),
        }
    }

    /// The appendices a year's facts fill, in document order.
    pub fn of(f: &Facts) -> Vec<Appendix> {
        Appendix::ALL.into_iter().filter(|a| a.is_in(f)).collect()
    }

    /// What it prints (Markdown and Word): its table, or for appendix 02a a table per
    /// criterion with its caption and legend; nothing when the facts do not fill it, nor
    /// for 02a when it was moved to the workbook (`Facts::appendix_02a_moved`: the
    /// template says where it is).
    pub fn blocks(self, f: &Facts) -> Vec<Block<'_>> {
        match self {
            Appendix::Indicators if f.appendix_02a_moved.is_some() => Vec::new(),
            Appendix::Indicators => indicators::blocks(f),
            Appendix::Levels => levels::blocks(f),
            _ => self.table(f).map(Block::Table).into_iter().collect(),
        }
    }

    /// Its printed table when it is one table (every appendix but 02a, whose tables
    /// [`Appendix::blocks`] gives); `None` when the facts do not fill it.
    pub fn table(self, f: &Facts) -> Option<Table<'_>> {
        let t = match self {
            Appendix::Documents => documents::table(f)?,
            Appendix::Criteria => criteria::table(f),
            Appendix::Indicators | Appendix::Levels => return None,
            Appendix::Funding => funding::table(f)?,
            Appendix::Contributions => funding::contributions_table(f)?,
            Appendix::Investment => disbursement::table(f, DisbursementKind::Investment)?,
            Appendix::Recurrent => disbursement::table(f, DisbursementKind::Recurrent)?,
            Appendix::Plan => plan::table(f)?,
            Appendix::Villages => villages::table(f)?,
        };
        debug_assert!(t.is_well_formed(), "appendix {} is malformed", self.code());
        Some(t)
    }

    /// Its workbook sheet: a header row, then a row per record, typed. Nothing is written
    /// when the facts do not fill it.
    pub fn sheet(self, f: &Facts, out: &mut dyn Sheet) {
        match self {
            Appendix::Documents => documents::sheet(f, out),
            Appendix::Criteria => criteria::sheet(f, out),
            Appendix::Indicators => indicators::sheet(f, out),
            Appendix::Levels => levels::sheet(f, out),
            Appendix::Funding => funding::sheet(f, out),
            Appendix::Contributions => funding::contributions_sheet(f, out),
            Appendix::Investment => disbursement::sheet(f, DisbursementKind::Investment, out),
            Appendix::Recurrent => disbursement::sheet(f, DisbursementKind::Recurrent, out),
            Appendix::Plan => plan::sheet(f, out),
            Appendix::Villages => villages::sheet(f, out),
        }
    }

    /// The totals its printed table shows, one value each, for the workbook's first sheet.
    pub fn totals(self, f: &Facts) -> Vec<Total<'_>> {
        let mut out = Vec::new();
        match self {
            Appendix::Criteria => criteria::totals(f, &mut out),
            Appendix::Funding => funding::totals(f, &mut out),
            Appendix::Investment => disbursement::totals(f, DisbursementKind::Investment, &mut out),
            Appendix::Recurrent => disbursement::totals(f, DisbursementKind::Recurrent, &mut out),
            Appendix::Plan => plan::totals(f, &mut out),
            Appendix::Villages => villages::totals(f, &mut out),
            Appendix::Levels => levels::totals(f, &mut out),
            Appendix::Documents | Appendix::Indicators | Appendix::Contributions => {}
        }
        out
    }
}

/// A value of a workbook cell, as the facts hold it.
#[derive(Clone, Debug, PartialEq)]
pub enum Value<'a> {
    Empty,
    Text(&'a str),
    Owned(String),
    Int(i64),
    /// A signed change (+2, -1, 0).
    Change(i64),
    /// A year: no thousands separator.
    Year(i64),
    /// A 1/0 flag; `None` leaves the cell empty.
    Flag(Option<bool>),
    /// A result, 1/0 shown as "Đạt" / "Chưa đạt"; `None` leaves the cell empty.
    Met(Option<bool>),
    /// Whether an indicator applies, 1/0 shown as "Có" / "Không".
    Applies(bool),
    /// A decimal, shown with the decimals it holds.
    Dec(Decimal),
    Date(Date),
}

impl<'a> Value<'a> {
    pub fn text(s: &'a Option<String>) -> Value<'a> {
        s.as_deref().map_or(Value::Empty, Value::Text)
    }

    pub fn dec(d: Option<Decimal>) -> Value<'static> {
        d.map_or(Value::Empty, Value::Dec)
    }

    pub fn int(n: Option<impl TryInto<i64>>) -> Value<'static> {
        n.map_or(Value::Empty, |n| {
            Value::Int(n.try_into().unwrap_or(i64::MAX))
        })
    }

    pub fn count(n: usize) -> Value<'static> {
        Value::Int(i64::try_from(n).unwrap_or(i64::MAX))
    }

    /// Criterion numbers, "1, 5, 14".
    pub fn list(v: &[u32]) -> Value<'static> {
        Value::Owned(numbers(v))
    }
}

/// Where an appendix's sheet goes (the workbook writer).
pub trait Sheet {
    /// The header row: one name per column.
    fn header(&mut self, columns: Vec<String>);
    /// A data row, one value per column.
    fn row(&mut self, cells: &[Value]) {
        self.row_at(0, cells);
    }
    /// A data row at an outline level: 0 for a row that stands alone or sums up the rows
    /// after it at level 1 (a criterion before its indicators, a source before its parts),
    /// and so on down.
    fn row_at(&mut self, level: u8, cells: &[Value]);
}

/// A total of a printed appendix: what it counts, its value and unit.
#[derive(Clone, Debug, PartialEq)]
pub struct Total<'a> {
    pub what: String,
    pub value: Value<'a>,
    pub unit: &'static str,
}

impl<'a> Total<'a> {
    fn new(what: impl Into<String>, value: Value<'a>, unit: &'static str) -> Self {
        Total {
            what: what.into(),
            value,
            unit,
        }
    }
}

/// Criterion numbers as printed: "1, 5, 14".
fn numbers(v: &[u32]) -> String {
    v.iter().map(u32::to_string).collect::<Vec<_>>().join(", ")
}

/// A signed whole number as printed in a change column: "+2", "0", "-1".
fn signed(n: i64) -> String {
    match n {
        n if n > 0 => format!("+{n}"),
        n => n.to_string(),
    }
}

/// A table with one header row of bold, centred column names.
fn flat(columns: &[&str], widths: &[u32], rows: Vec<Vec<Cell>>) -> Table<'static> {
    Table {
        header: vec![columns.iter().map(|c| Cell::center(*c).bold()).collect()],
        rows: rows.into(),
        widths: widths.to_vec(),
        columns: columns.iter().map(|c| c.to_string()).collect(),
    }
}

fn strings(cols: &[&str]) -> Vec<String> {
    cols.iter().map(|c| c.to_string()).collect()
}

/// "—" where a value is not given.
fn or_dash(s: Option<String>) -> String {
    s.unwrap_or_else(|| "—".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_name_one_appendix_each() {
        for a in Appendix::ALL {
            assert_eq!(Appendix::from_code(a.code()), Some(a));
        }
        assert_eq!(Appendix::from_code("08"), None);
        assert_eq!(Appendix::Indicators.slug(), "phu-bieu-02a");
        assert_eq!(Appendix::Indicators.label(), "PHỤ BIỂU 02a");
        assert_eq!(Appendix::Indicators.sheet_name(), "PB02a");
    }
}
