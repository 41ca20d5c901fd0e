//! What a report claims: the statements the extractors find, each at its place, that the
//! checks then test against each other and against the data.

use super::count::Polarity;
use rust_decimal::Decimal;
use std::ops::Range;

/// Where a claim is: its unit, its sentence, and the words that carry it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Site {
    pub unit: usize,
    pub sentence: Range<usize>,
    pub at: Range<usize>,
}

/// A number as written, with its value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Figure {
    pub value: Decimal,
    pub decimals: u32,
    pub text: String,
}

/// How a table's figure follows from other cells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// The sum of the rows above (a total row), or of the sub-rows below (a numbered row).
    Sum,
    /// The number of marked cells ("x") above.
    Marks,
    /// The number of marked cells in its row.
    RowMarks,
    /// The column two to the left less the one to the left.
    Difference,
    /// The total row over the number of rows.
    Average,
    /// A row's number ("STT") after the one before.
    Sequence,
}

/// One statement of the report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Claim {
    /// A count with the names written beside it.
    Names {
        n: u32,
        text: String,
        noun: String,
        names: Vec<String>,
    },
    /// A count of criteria with the criterion numbers listed.
    Criteria {
        n: u32,
        text: String,
        numbers: Vec<u32>,
    },
    /// A ratio and the percentage given for it.
    Percent {
        part: Figure,
        whole: Figure,
        percent: Figure,
    },
    /// A total and the parts it is said to be made of.
    Parts { total: Figure, parts: Vec<Figure> },
    /// A part that meets, the part that does not, and the whole ("13/16 … 03 không đạt").
    Split { met: u32, not_met: u32, whole: u32 },
    /// "tăng 01 xã": a change in a count of communes, and the names given for it.
    Change {
        delta: i32,
        text: String,
        gained: Option<Vec<String>>,
        lost: Option<Vec<String>>,
    },
    /// The result of one criterion over the communes.
    Criterion(CriterionClaim),
    /// A class of communes or villages by criteria met ("Số xã đạt 10-14 tiêu chí: 3 xã").
    Class {
        min: u32,
        max: u32,
        n: u32,
        text: String,
        names: Option<Vec<String>>,
        villages: bool,
    },
    /// The average criteria per commune ("Bình quân đạt 11,06 tiêu chí/xã").
    Average { value: Figure, previous: bool },
    /// "Tổng số tiêu chí đạt: 177 tiêu chí".
    TotalCriteria { n: u32 },
    /// The plan for next year: "đạt thêm 31 tiêu chí …, nâng tổng số tiêu chí đạt lên 208
    /// tiêu chí, bình quân đạt 13,00 tiêu chí/xã".
    Plan {
        added: Option<u32>,
        total: Option<u32>,
        average: Option<Figure>,
    },
    /// "Tổng số thôn, bản được đánh giá là 163 thôn, bản".
    VillageTotal { n: u32 },
    /// A commune's criteria against the current set (section 4): met, not met or not
    /// assessed, with the numbers listed.
    Reassessed {
        commune: String,
        polarity: Polarity,
        n: u32,
        of: Option<u32>,
        numbers: Option<Vec<u32>>,
    },
    /// An appendix cited ("Phụ biểu 06 kèm theo") or titled.
    Appendix {
        id: String,
        part: Option<u32>,
        title: bool,
    },
    /// An amount of a named thing ("337,3ha cây Dong riềng"), to find it stated twice.
    Amount {
        key: String,
        value: Figure,
        part: Option<u32>,
    },
    /// Communes recognised as NTM ("04/16 xã đã được công nhận đạt chuẩn"), or not yet
    /// ("12 xã chưa đạt chuẩn nông thôn mới").
    Recognized {
        n: u32,
        whole: Option<u32>,
        names: Option<Vec<String>>,
        recognized: bool,
    },
    /// The communes meeting an indicator ("Chỉ tiêu 15.2 - …: 14/16 xã đạt chỉ tiêu (trừ
    /// Dào San, Mù Sang)"), with the names given for those that meet it or do not.
    IndicatorCommunes {
        id: String,
        met: u32,
        whole: Option<u32>,
        met_names: Option<Vec<String>>,
        not_met_names: Option<Vec<String>>,
    },
    /// A figure of a table and what the cells it comes from give.
    Column {
        /// The column's header (for [`Rule::RowMarks`], the row's label).
        column: String,
        rule: Rule,
        stated: Figure,
        computed: Decimal,
        /// How many rows (or cells) it comes from.
        rows: usize,
    },
    /// A district total of an indicator ("Chỉ tiêu 2.3: … 146,51/187,62 km").
    IndicatorTotal {
        id: String,
        part: Figure,
        whole: Option<Figure>,
        unit: String,
    },
}

/// The result of one criterion as a paragraph states it.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct CriterionClaim {
    pub number: u32,
    pub met: Option<u32>,
    pub met_text: String,
    pub whole: Option<u32>,
    pub met_names: Option<Vec<String>>,
    pub not_met: Option<u32>,
    pub not_met_names: Option<Vec<String>>,
    /// The change against the year before: its size, and the names gained and lost.
    pub delta: Option<i32>,
    pub gained: Option<Vec<String>>,
    pub lost: Option<Vec<String>>,
}

/// A claim at its place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub claim: Claim,
    pub site: Site,
}
