//! The summary's documents: the document model (Markdown and Word, through the report's
//! writers) and the workbook, each table a row per unit and a total row.

use super::summary::{Summary, Tally};
use crate::number::{vi, vi_count, vi_int, vi_scaled};
use crate::report::model::{Block, Cell, Document, Header, Inline, ParagraphStyle, Rows, Table};
use rust_decimal::Decimal;

/// A table of the summary: its title, column names, and a row per unit then the total.
pub struct SummaryTable {
    pub title: String,
    pub sheet: &'static str,
    pub columns: Vec<String>,
    /// Per unit then the total: the unit's name and its values.
    pub rows: Vec<(String, Vec<Value>)>,
}

/// A cell value: a count or an amount.
#[derive(Clone, Copy)]
pub enum Value {
    Count(u64),
    Amount(Decimal),
    Average(Decimal),
}

impl Value {
    fn text(self) -> String {
        match self {
            Value::Count(n) => vi_count(n as usize),
            Value::Amount(d) => vi(d),
            Value::Average(d) => vi_scaled(d),
        }
    }
}

fn counts(v: &[usize]) -> impl Iterator<Item = Value> + '_ {
    v.iter().map(|&n| Value::Count(n as u64))
}

/// The summary's tables, in document order.
pub fn tables(s: &Summary) -> Vec<SummaryTable> {
    let rows = |f: &dyn Fn(&Tally) -> Vec<Value>| {
        let mut out: Vec<(String, Vec<Value>)> = s
            .units
            .iter()
            .map(|u| (u.name.clone(), f(&u.tally)))
            .collect();
        out.push(("Tổng cộng".to_string(), f(&s.total)));
        out
    };
    let overview = |t: &Tally| {
        vec![
            Value::Count(t.communes as u64),
            Value::Count(t.recognized as u64),
            Value::Count(t.total_criteria_met),
            Value::Average(t.average_criteria_per_commune),
            Value::Count(t.villages as u64),
            Value::Count(t.villages_meeting_all as u64),
            Value::Amount(t.funding),
            Value::Amount(t.disbursement_plan),
            Value::Amount(t.disbursed),
        ]
    };
    let names = |v: &[&str]| v.iter().map(|c| c.to_string()).collect::<Vec<_>>();
    let mut all = vec![
        SummaryTable {
            title: "Kết quả chung theo đơn vị".into(),
            sheet: "Tong hop",
            columns: names(&[
                "Số xã",
                "Số xã đạt chuẩn NTM",
                "Tổng số tiêu chí đạt",
                "Bình quân tiêu chí/xã",
                "Số thôn, bản",
                "Số thôn, bản đạt chuẩn",
                "Vốn huy động (triệu đồng)",
                "Kế hoạch vốn giải ngân (triệu đồng)",
                "Đã giải ngân (triệu đồng)",
            ]),
            rows: rows(&overview),
        },
        SummaryTable {
            title: "Số xã đạt từng tiêu chí theo đơn vị".into(),
            sheet: "Tieu chi",
            columns: s
                .criteria
                .iter()
                .map(|c| format!("TC {}", c.number))
                .collect(),
            rows: rows(&|t| counts(&t.criteria).collect()),
        },
        SummaryTable {
            title: "Phân loại xã theo số tiêu chí đạt".into(),
            sheet: "Phan loai xa",
            columns: s.classes.clone(),
            rows: rows(&|t| counts(&t.classes).collect()),
        },
        SummaryTable {
            title: "Thôn, bản theo số tiêu chí đạt".into(),
            sheet: "Thon ban",
            columns: s
                .village_bands
                .iter()
                .map(|b| match b.min == b.max {
                    true => format!("{:02} tiêu chí", b.min),
                    false => format!("{:02} - {:02} tiêu chí", b.min, b.max),
                })
                .collect(),
            rows: rows(&|t| counts(&t.village_bands).collect()),
        },
    ];
    if !s.levels.is_empty() {
        // After the overview: the communes at each level (cumulative), and the villages at
        // the levels some village holds.
        let villages: Vec<usize> = (0..s.levels.len())
            .filter(|&i| s.total.level_villages[i] > 0)
            .collect();
        let columns = s
            .levels
            .iter()
            .map(|l| format!("Số xã đạt chuẩn {}", l.words()))
            .chain(
                villages
                    .iter()
                    .map(|&i| format!("Số thôn, bản đạt chuẩn {}", s.levels[i].words())),
            )
            .collect();
        all.insert(
            1,
            SummaryTable {
                title: if villages.is_empty() {
                    "Số xã đạt chuẩn theo mức".into()
                } else {
                    "Số xã, thôn, bản đạt chuẩn theo mức".into()
                },
                sheet: "Theo muc",
                columns,
                rows: rows(&|t| {
                    let v: Vec<usize> = villages.iter().map(|&i| t.level_villages[i]).collect();
                    counts(&t.level_communes)
                        .chain(counts(&v).collect::<Vec<_>>())
                        .collect()
                }),
            },
        );
    }
    all
}

/// One summary table in the document model: STT, unit, then the values.
fn table(t: &SummaryTable) -> Table<'static> {
    let mut header = vec![Cell::center("STT").bold(), Cell::center("Đơn vị").bold()];
    header.extend(t.columns.iter().map(|c| Cell::center(c.clone()).bold()));
    let last = t.rows.len().saturating_sub(1);
    let body = t
        .rows
        .iter()
        .enumerate()
        .map(|(i, (name, values))| {
            let total = i == last;
            let stt = if total {
                String::new()
            } else {
                (i + 1).to_string()
            };
            let mut row = vec![Cell::center(stt), Cell::new(name.clone())];
            row.extend(values.iter().map(|v| Cell::num(v.text())));
            if total {
                row = row.into_iter().map(Cell::bold).collect();
            }
            row
        })
        .collect();
    let mut columns = vec!["STT".to_string(), "Đơn vị".to_string()];
    columns.extend(t.columns.iter().cloned());
    let mut widths = vec![6, 22];
    widths.extend(t.columns.iter().map(|_| 9));
    Table {
        header: vec![header],
        rows: Rows::Cells(body),
        widths,
        columns,
    }
}

fn text(s: impl Into<String>) -> Vec<Inline> {
    vec![Inline::plain(s)]
}

/// The header and signature block, from the folder's `[summary]`: what is not given stays
/// out (an issuer not given is the summary's name; a date not given leaves the day, month
/// and year to be written by hand).
fn header(s: &Summary) -> Header {
    let h = &s.heading;
    let report = h.report(s.year);
    let issuing_body = h
        .issuer
        .as_ref()
        .map_or_else(|| s.name.to_uppercase(), |i| i.name.to_uppercase());
    let parent_body = h
        .issuer
        .as_ref()
        .map(|i| i.parent.trim().to_uppercase())
        .unwrap_or_default();
    let abbreviation = h
        .issuer
        .as_ref()
        .map(|i| i.abbreviation.trim())
        .unwrap_or("");
    let number_line = match (report.and_then(|r| r.number.as_deref()), abbreviation) {
        (Some(n), _) => format!("Số: {n}"),
        (None, "") => String::new(),
        (None, a) => format!("Số:       /BC-{a}"),
    };
    let place_date = match (report.and_then(|r| r.date), &h.place) {
        (Some(d), Some(p)) => d.place_line(p),
        (Some(d), None) => format!("N{}", &d.day_line()["n".len()..]),
        (None, Some(p)) => format!("{p}, ngày … tháng … năm …"),
        (None, None) => format!("Năm {}", s.year),
    };
    let signer = h.signer.clone().unwrap_or_default();
    Header {
        parent_body,
        issuing_body,
        number_line,
        national_name: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".into(),
        motto: "Độc lập - Tự do - Hạnh phúc".into(),
        place_date,
        kind: "BÁO CÁO TỔNG HỢP".into(),
        subject: format!(
            "Kết quả thực hiện Bộ tiêu chí quốc gia về xã nông thôn mới năm {} của {} đơn vị",
            s.year,
            s.units.len()
        ),
        signer_on_behalf: signer.on_behalf.trim().to_string(),
        signer_position: signer.position.trim().to_string(),
        signer_name: signer.name.trim().to_string(),
        recipients: h.recipients.clone(),
    }
}

/// The summary as a document.
pub fn document(s: &Summary) -> Document<'static> {
    let t = &s.total;
    let header = header(s);
    let mut body = vec![Block::Paragraph {
        style: ParagraphStyle::Body,
        text: text(format!(
            "Tổng hợp từ báo cáo của {} đơn vị ({}): {} xã, trong đó {} xã đạt chuẩn nông thôn mới; tổng số tiêu chí đạt {}, bình quân {} tiêu chí/xã; {} thôn, bản, trong đó {} thôn, bản đạt chuẩn. Mỗi số liệu là tổng của các đơn vị, lấy từ chính dữ liệu của báo cáo từng đơn vị (bộ tiêu chí {}).",
            s.units.len(),
            s.units
                .iter()
                .map(|u| u.name.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            vi_count(t.communes),
            vi_count(t.recognized),
            vi_int(t.total_criteria_met),
            vi_scaled(t.average_criteria_per_commune),
            vi_count(t.villages),
            vi_count(t.villages_meeting_all),
            s.ruleset,
        )),
    }];
    if !s.left_out.is_empty() {
        // A build that kept going past units with problems: the summary says which units
        // its figures leave out.
        body.push(Block::Paragraph {
            style: ParagraphStyle::Body,
            text: vec![Inline {
                text: format!(
                    "Lưu ý: bản tổng hợp này chưa gồm {} đơn vị có số liệu còn lỗi ({}); các số liệu trên là tổng của {} đơn vị còn lại.",
                    s.left_out.len(),
                    s.left_out.join(", "),
                    s.units.len(),
                ),
                bold: false,
                italic: true,
            }],
        });
    }
    if s.thresholds_unverified > 0 {
        body.push(Block::Paragraph {
            style: ParagraphStyle::Body,
            text: vec![Inline {
                text: format!(
                    "Lưu ý: kết quả của các đơn vị được tính với ngưỡng chỉ tiêu chưa đối chiếu với văn bản chính thức của bộ tiêu chí (chưa xác minh; đến {} ngưỡng ở một đơn vị); danh sách ngưỡng có trong báo cáo của từng đơn vị.",
                    s.thresholds_unverified
                ),
                bold: false,
                italic: true,
            }],
        });
    }
    for (i, st) in tables(s).iter().enumerate() {
        body.push(Block::Heading {
            level: 2,
            text: text(format!("{}. {}", roman(i + 1), st.title)),
        });
        body.push(Block::Table(table(st)));
        if i == 0
            && let Some(f) = crate::report::chart::units::figure(s, 1)
        {
            body.push(Block::Figure(f));
        }
    }
    Document {
        header,
        body,
        appendices: Vec::new(),
    }
}

fn roman(n: usize) -> &'static str {
    ["", "I", "II", "III", "IV", "V", "VI"]
        .get(n)
        .copied()
        .unwrap_or("")
}

/// The summary's workbook: a sheet per table, a row per unit and the total row, values as
/// numbers.
pub fn workbook(s: &Summary) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    // A fixed creation date: the same data gives the same bytes.
    let date = ExcelDateTime::from_ymd(2000, 1, 1)?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&date));
    let bold = Format::new().set_bold();
    for t in tables(s) {
        let sheet = book.add_worksheet();
        sheet.set_name(t.sheet)?;
        sheet.write_string_with_format(0, 0, "STT", &bold)?;
        sheet.write_string_with_format(0, 1, "Đơn vị", &bold)?;
        for (c, name) in t.columns.iter().enumerate() {
            sheet.write_string_with_format(0, c as u16 + 2, name, &bold)?;
        }
        let last = t.rows.len().saturating_sub(1);
        for (i, (name, values)) in t.rows.iter().enumerate() {
            let r = i as u32 + 1;
            if i < last {
                sheet.write_number(r, 0, (i + 1) as f64)?;
            }
            sheet.write_string(r, 1, name)?;
            for (c, v) in values.iter().enumerate() {
                let n = match *v {
                    Value::Count(n) => n as f64,
                    // The nearest f64 of the decimal's text, as the report's workbook does.
                    Value::Amount(d) | Value::Average(d) => {
                        d.to_string().parse::<f64>().unwrap_or(0.0)
                    }
                };
                sheet.write_number(r, c as u16 + 2, n)?;
            }
        }
        sheet.set_column_width(1, 28)?;
    }
    book.save_to_buffer()
}
