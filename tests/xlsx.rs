//! The appendix workbook (`phu-bieu-YEAR.xlsx`) of the shipped Phong Thổ data, 2023, read
//! back with calamine and compared with the facts it was built from.

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use ntm_report::facts::{Facts, Given, Status};
use ntm_report::render::xlsx::{self, INFO_SHEET};
use ntm_report::report::model::Document;
use rust_decimal::Decimal;
use std::io::{Cursor, Read};
use std::str::FromStr;
use std::sync::OnceLock;

mod common;

fn pipeline() -> (&'static Facts, &'static Document<'static>) {
    common::shipped_report()
}

fn bytes() -> &'static Vec<u8> {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| {
        let (facts, doc) = pipeline();
        xlsx::xlsx(facts, doc)
    })
}

fn open(bytes: &[u8]) -> Xlsx<Cursor<Vec<u8>>> {
    open_workbook_from_rs(Cursor::new(bytes.to_vec())).expect("a readable xlsx")
}

/// A sheet as rows of cells (the header row first).
fn sheet(name: &str) -> Vec<Vec<Data>> {
    let mut wb = open(bytes());
    let range = wb.worksheet_range(name).expect("the sheet exists");
    range.rows().map(|r| r.to_vec()).collect()
}

fn header(rows: &[Vec<Data>]) -> Vec<String> {
    rows[0].iter().map(|c| c.to_string()).collect()
}

fn col(rows: &[Vec<Data>], name: &str) -> usize {
    header(rows)
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name:?} in {:?}", header(rows)))
}

fn num(c: &Data) -> f64 {
    match c {
        Data::Float(x) => *x,
        Data::Int(x) => *x as f64,
        other => panic!("expected a numeric cell, found {other:?}"),
    }
}

fn text(c: &Data) -> String {
    match c {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => panic!("expected a text cell, found {other:?}"),
    }
}

/// The sum of decimal strings, exactly.
/// The double nearest to a decimal, as a cell holds it.
fn double(d: &Decimal) -> f64 {
    d.to_string().parse().unwrap()
}

fn dsum<'a>(xs: impl Iterator<Item = &'a Decimal>) -> Decimal {
    xs.sum()
}

/// The sum of numeric cells, rounded to `dp` decimals, as a decimal.
fn fsum(xs: impl Iterator<Item = f64>, dp: u32) -> Decimal {
    let total: f64 = xs.sum();
    Decimal::from_str(&format!("{total:.*}", dp as usize)).unwrap()
}

fn num_or_zero(c: &Data) -> f64 {
    match c {
        Data::Empty => 0.0,
        c => num(c),
    }
}

/// The XML of a sheet of the shipped workbook, by name.
fn part_xml(name: &str) -> String {
    let b = bytes();
    let k = open(b)
        .sheet_names()
        .iter()
        .position(|n| n == name)
        .unwrap_or_else(|| panic!("no sheet {name}"));
    part(b, &format!("xl/worksheets/sheet{}.xml", k + 1))
}

/// One zip entry of the workbook as text.
fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("an xlsx is a zip");
    let mut s = String::new();
    zip.by_name(name)
        .unwrap_or_else(|_| panic!("no {name} in the workbook"))
        .read_to_string(&mut s)
        .unwrap();
    s
}

#[test]
fn sheets_follow_the_appendices() {
    let (_, doc) = pipeline();
    let wb = open(bytes());
    let mut want = vec![INFO_SHEET.to_string()];
    want.extend(doc.appendices.iter().map(|a| format!("PB{}", a.code())));
    assert_eq!(wb.sheet_names(), want);
    assert_eq!(
        want,
        [
            "Thông tin",
            "PB01",
            "PB02",
            "PB02a",
            "PB03",
            "PB03a",
            "PB04",
            "PB05",
            "PB06",
            "PB07"
        ]
    );
    for name in &want {
        assert!(name.chars().count() <= 31);
        assert!(!name.contains(['[', ']', ':', '*', '?', '/', '\\']));
    }
}

#[test]
fn info_sheet_has_a_title_row_per_appendix() {
    let (facts, doc) = pipeline();
    let rows = sheet(INFO_SHEET);
    assert_eq!(
        header(&rows),
        [
            "Phụ biểu",
            "Trang tính",
            "Tiêu đề",
            "Kèm theo",
            "Số báo cáo",
            "Ngày báo cáo",
            "Đơn vị",
            "Số dòng dữ liệu"
        ]
    );
    for (k, a) in doc.appendices.iter().enumerate() {
        let r = &rows[k + 1];
        assert_eq!(text(&r[0]), a.code());
        assert_eq!(text(&r[1]), format!("PB{}", a.code()));
        assert_eq!(text(&r[2]), ntm_report::report::model::plain_text(&a.title));
        assert!(text(&r[3]).starts_with("(Kèm theo Báo cáo số 15/BC-UBND"));
        assert_eq!(text(&r[4]), facts.report.number);
        // The report date is a date cell (2023-12-20).
        match &r[5] {
            Data::DateTime(d) => assert_eq!(d.as_f64(), 45280.0),
            other => panic!("report date is {other:?}"),
        }
        assert_eq!(text(&r[6]), "huyện Phong Thổ, tỉnh Lai Châu");
    }
    assert_eq!(
        text(&rows[1][2]),
        "DANH MỤC VĂN BẢN LÃNH ĐẠO, CHỈ ĐẠO, ĐIỀU HÀNH THỰC HIỆN CHƯƠNG TRÌNH NĂM 2023"
    );
    // Data rows per appendix: 16 communes in 02 and 06, 163 villages in 07.
    let count = |code: &str| {
        let r = rows
            .iter()
            .find(|r| r[0] == Data::String(code.into()))
            .unwrap();
        num(&r[7])
    };
    assert_eq!(count("02"), 16.0);
    assert_eq!(count("06"), 16.0);
    assert_eq!(count("07"), 163.0);
    // A row per commune and indicator, and per commune and criterion (19 each).
    let indicator_rows: usize = facts.communes.iter().map(|c| c.indicators.len()).sum();
    assert_eq!(count("02a"), (indicator_rows + 16 * 19) as f64);

    // The totals the printed tables show in their last rows.
    let total = |label: &str| {
        let r = rows
            .iter()
            .find(|r| r[0] == Data::String(label.into()))
            .unwrap_or_else(|| panic!("no total {label:?}"));
        num(&r[1])
    };
    assert_eq!(total("Tổng số tiêu chí đạt năm 2023"), 177.0);
    assert_eq!(total("Bình quân tiêu chí/xã năm 2023"), 11.06);
    assert_eq!(total("Số xã đạt tiêu chí 8"), 14.0);
    assert_eq!(total("Tổng vốn huy động"), 441565.0);
    assert_eq!(total("Tổng kế hoạch vốn đầu tư phát triển"), 9183.0);
    assert_eq!(total("Tổng đã giải ngân vốn đầu tư phát triển"), 5180.0);
    assert_eq!(total("Số tiêu chí tăng thêm năm 2024"), 31.0);
    assert_eq!(total("Số thôn, bản"), 163.0);
    assert_eq!(total("Số thôn, bản đạt 10 tiêu chí"), 16.0);
}

#[test]
fn criteria_flags_and_counts_equal_the_facts() {
    let (facts, _) = pipeline();
    let rows = sheet("PB02");
    assert_eq!(rows.len(), facts.communes.len() + 1, "no totals row");
    let name = col(&rows, "Tên xã");
    let met = col(&rows, "Số TC đạt năm 2023");
    let prev = col(&rows, "Số TC đạt năm 2022");
    let change = col(&rows, "Tăng (+), giảm (-)");
    for (c, r) in facts.communes.iter().zip(&rows[1..]) {
        assert_eq!(text(&r[name]), c.name);
        assert_eq!(text(&r[col(&rows, "Mã xã")]), c.id);
        for cc in &c.criteria {
            let flag = num(&r[col(&rows, &format!("TC {}", cc.number))]);
            let want = if cc.status == Status::Met { 1.0 } else { 0.0 };
            assert_eq!(flag, want, "{} TC {}", c.name, cc.number);
        }
        let flags: f64 = (1..=19)
            .map(|n| num(&r[col(&rows, &format!("TC {n}"))]))
            .sum();
        assert_eq!(flags, f64::from(c.criteria_met));
        assert_eq!(num(&r[met]), f64::from(c.criteria_met));
        assert_eq!(num(&r[prev]), f64::from(c.previous_criteria_met.unwrap()));
        assert_eq!(
            num(&r[change]),
            f64::from(c.criteria_met) - f64::from(c.previous_criteria_met.unwrap())
        );
        assert_eq!(
            num(&r[col(&rows, "Số TC đạt theo chỉ tiêu")]),
            f64::from(c.criteria_met_computed)
        );
    }
    let by_name = |n: &str| {
        rows.iter()
            .find(|r| r[name] == Data::String(n.into()))
            .map(|r| num(&r[met]))
            .unwrap()
    };
    assert_eq!(by_name("Mường So"), 19.0);
    assert_eq!(by_name("Huổi Luông"), 19.0);
    assert_eq!(by_name("Khổng Lào"), 18.0);
    assert_eq!(by_name("Lản Nhì Thàng"), 13.0);
    assert_eq!(by_name("Bản Lang"), 12.0);
    // Criterion 8: 14 communes; criterion 2: 4.
    let tc = |n: u32| -> f64 {
        rows[1..]
            .iter()
            .map(|r| num(&r[col(&rows, &format!("TC {n}"))]))
            .sum()
    };
    assert_eq!(tc(8), 14.0);
    assert_eq!(tc(2), 4.0);
    let total: f64 = rows[1..].iter().map(|r| num(&r[met])).sum();
    assert_eq!(total, 177.0);
}

#[test]
fn indicator_rows_carry_numbers() {
    let (facts, _) = pipeline();
    let rows = sheet("PB02a");
    assert_eq!(
        header(&rows),
        [
            "Mã xã",
            "Tên xã",
            "Chỉ tiêu",
            "Nội dung",
            "Giá trị",
            "Tử số",
            "Mẫu số",
            "Tỷ lệ (%)",
            "Ngưỡng",
            "So sánh",
            "Đơn vị",
            "Áp dụng",
            "Đạt"
        ]
    );
    let ind = col(&rows, "Chỉ tiêu");
    let met_col = col(&rows, "Đạt");
    let of = |id: &'static str| {
        rows[1..]
            .iter()
            .filter(move |r| r[ind] == Data::String(id.into()))
    };
    let (n, d) = (col(&rows, "Tử số"), col(&rows, "Mẫu số"));
    // District totals of 2.2: 226,84/318,39 km.
    assert_eq!(
        fsum(of("2.2").map(|r| num(&r[n])), 2),
        Decimal::new(22684, 2)
    );
    assert_eq!(
        fsum(of("2.2").map(|r| num(&r[d])), 2),
        Decimal::new(31839, 2)
    );
    assert_eq!(of("2.2").count(), 16);
    // 2.3: 146,51/187,62 km, and the facts agree with the sheet.
    let total = facts.indicators.iter().find(|i| i.id == "2.3").unwrap();
    assert_eq!(
        fsum(of("2.3").map(|r| num(&r[n])), 2),
        total.numerator.unwrap()
    );
    assert_eq!(
        total.numerator.map(|d| d.to_string()).as_deref(),
        Some("146.51")
    );

    // Row by row, every numeric field equals the facts: each criterion's row (its
    // official status), then a row per indicator of it.
    let mut it = rows[1..].iter();
    for c in &facts.communes {
        let mut criterion = None;
        for i in &c.indicators {
            let number = facts
                .indicators
                .iter()
                .find(|t| t.id == i.id)
                .map(|t| t.criterion);
            if number != criterion {
                criterion = number;
                let n = number.unwrap();
                let r = it.next().expect("a row per commune and criterion");
                assert_eq!(text(&r[0]), c.id);
                assert_eq!(text(&r[ind]), format!("TC {n}"));
                let facts_c = facts.criteria.iter().find(|x| x.number == n).unwrap();
                assert_eq!(text(&r[ind + 1]), facts_c.name);
                let st = c.criteria.iter().find(|x| x.number == n).unwrap().status;
                assert_eq!(num(&r[met_col]), if st.is_met() { 1.0 } else { 0.0 });
                assert_eq!(r[n_col(&rows)], Data::Empty, "no value on a criterion row");
            }
            let r = it.next().expect("one row per commune and indicator");
            assert_eq!(text(&r[0]), c.id);
            assert_eq!(text(&r[1]), c.name);
            assert_eq!(text(&r[ind]), i.id);
            let pairs = [
                (&i.numerator, n),
                (&i.denominator, d),
                (&i.percent, col(&rows, "Tỷ lệ (%)")),
                (&i.threshold, col(&rows, "Ngưỡng")),
            ];
            for (want, k) in pairs {
                match want {
                    Some(x) => assert_eq!(num(&r[k]), double(x)),
                    None => assert_eq!(r[k], Data::Empty),
                }
            }
            let value = &r[col(&rows, "Giá trị")];
            match &i.value {
                Some(Given::YesNo(s)) => assert_eq!(num(value), flag(s.is_met())),
                Some(Given::Number(x)) => assert_eq!(num(value), double(x)),
                None => assert_eq!(*value, Data::Empty),
            }
            let met = &r[col(&rows, "Đạt")];
            match i.met {
                Some(s) => assert_eq!(num(met), flag(s.is_met())),
                None => assert_eq!(*met, Data::Empty),
            }
            assert_eq!(
                num(&r[col(&rows, "Áp dụng")]),
                if i.applicable { 1.0 } else { 0.0 }
            );
            assert_eq!(
                text(&r[col(&rows, "So sánh")]),
                i.comparator.map_or("", |c| c.math_symbol())
            );
        }
    }
    assert!(it.next().is_none());
}

fn n_col(rows: &[Vec<Data>]) -> usize {
    col(rows, "Tử số")
}

#[test]
fn funding_and_disbursement_amounts_are_numbers() {
    let (facts, _) = pipeline();
    let rows = sheet("PB03");
    let fu = facts.funding.as_ref().unwrap();
    assert_eq!(rows.len(), fu.sources.len() + 1, "no totals row");
    let amount = col(&rows, "Số tiền (triệu đồng)");
    let part = col(&rows, "Trong đó (triệu đồng)");
    for (s, r) in fu.sources.iter().zip(&rows[1..]) {
        assert_eq!(text(&r[0]), s.id);
        assert_eq!(text(&r[1]), s.name);
        // Each amount in the column of its level, none in the other.
        let (mine, other) = if s.depth == 0 {
            (amount, part)
        } else {
            (part, amount)
        };
        assert_eq!(num(&r[mine]), double(&s.amount));
        assert_eq!(r[other], Data::Empty);
        // A part names its source by name, not by the data file's id.
        let parent = s
            .parent
            .as_ref()
            .map(|p| fu.sources.iter().find(|x| &x.id == p).unwrap().name.clone());
        assert_eq!(
            text(&r[col(&rows, "Thuộc nguồn")]),
            parent.unwrap_or_default()
        );
    }
    // A plain SUM over the amount column is the total: 5.112 + 170.251 + 265.844 + 358.
    assert_eq!(
        fsum(rows[1..].iter().map(|r| num_or_zero(&r[amount])), 0),
        fu.total
    );
    // Parts are grouped under their source (outline level 1).
    let xml = part_xml("PB03");
    assert_eq!(xml.matches("outlineLevel=\"1\"").count(), 4, "{xml}");
    assert_eq!(
        dsum(
            fu.sources
                .iter()
                .filter(|s| s.parent.is_none())
                .map(|s| &s.amount)
        ),
        Decimal::from(441_565)
    );

    let rows = sheet("PB03a");
    assert_eq!(num(&rows[1][0]), 279.0);
    assert_eq!(num(&rows[1][1]), 58690.0);
    assert_eq!(num(&rows[1][2]), 1790.0);
    assert_eq!(num(&rows[1][3]), 358.0);

    let rows = sheet("PB04");
    let (plan, given, pct) = (
        col(&rows, "Kế hoạch vốn (triệu đồng)"),
        col(&rows, "Đã giải ngân (triệu đồng)"),
        col(&rows, "Tỷ lệ giải ngân (%)"),
    );
    assert_eq!(rows.len(), 3);
    assert_eq!(
        [
            num(&rows[1][plan]),
            num(&rows[1][given]),
            num(&rows[1][pct])
        ],
        [5939.0, 3890.0, 65.5]
    );
    assert_eq!(num(&rows[1][col(&rows, "Số dự án")]), 48.0);
    assert_eq!(
        [
            num(&rows[2][plan]),
            num(&rows[2][given]),
            num(&rows[2][pct])
        ],
        [3244.0, 1290.0, 39.8]
    );
    let rows = sheet("PB05");
    assert_eq!(num(&rows[1][plan]), 1570.0);
    assert_eq!(rows[1][given], Data::Empty, "nothing disbursed yet");
    assert_eq!(num(&rows[2][plan]), 1868.0);
}

#[test]
fn plan_and_villages() {
    let (facts, _) = pipeline();
    let rows = sheet("PB06");
    let add = col(&rows, "Số tiêu chí tăng thêm");
    let added: f64 = rows[1..].iter().map(|r| num(&r[add])).sum();
    assert_eq!(added, 31.0);
    let projected = col(&rows, "Dự kiến số tiêu chí đạt năm 2024");
    let total: f64 = rows[1..].iter().map(|r| num(&r[projected])).sum();
    assert_eq!(total, 208.0);
    let lnt = rows
        .iter()
        .find(|r| r[2] == Data::String("Lản Nhì Thàng".into()))
        .unwrap();
    assert_eq!(
        text(&lnt[col(&rows, "Tiêu chí đăng ký đạt mới năm 2024")]),
        "13, 14"
    );
    assert_eq!(num(&lnt[col(&rows, "Năm dự kiến đạt chuẩn NTM")]), 2025.0);

    let rows = sheet("PB07");
    let vf = facts.villages.as_ref().unwrap();
    assert_eq!(rows.len(), vf.total + 1);
    let met = col(&rows, "Số TC đạt");
    let mut r = rows[1..].iter();
    for c in &vf.by_commune {
        for v in &c.villages {
            let row = r.next().unwrap();
            assert_eq!(text(&row[1]), c.commune);
            assert_eq!(text(&row[2]), v.id);
            assert_eq!(text(&row[3]), v.name);
            assert_eq!(num(&row[met]), f64::from(v.criteria_met));
            let flags: Vec<u32> = (1..=18)
                .filter(|n| num(&row[col(&rows, &format!("TC {n}"))]) == 1.0)
                .collect();
            assert_eq!(flags, v.met);
        }
    }
    // 163 villages: 16 meet exactly 10 criteria, 3 meet 15.
    let with = |k: f64| rows[1..].iter().filter(|r| num(&r[met]) == k).count();
    assert_eq!(with(10.0), 16);
    assert_eq!(with(15.0), 3);
}

#[test]
fn documents_have_dates() {
    let (facts, _) = pipeline();
    let rows = sheet("PB01");
    let docs = facts.documents.as_ref().unwrap();
    assert_eq!(rows.len(), docs.len() + 1);
    assert_eq!(text(&rows[1][1]), "12/KH-UBND");
    match &rows[1][2] {
        // 2023-01-16
        Data::DateTime(d) => assert_eq!(d.as_f64(), 44942.0),
        other => panic!("document date is {other:?}"),
    }
}

#[test]
fn headers_are_flat_frozen_and_filtered() {
    let b = bytes();
    let mut wb = open(b);
    let names = wb.sheet_names();
    for (k, name) in names.iter().enumerate() {
        let merged = wb.merge_cells_by_sheet_name(name).unwrap();
        assert!(merged.is_empty(), "{name}: merged cells {merged:?}");
        let xml = part(b, &format!("xl/worksheets/sheet{}.xml", k + 1));
        assert!(
            xml.contains(
                "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
            ),
            "{name}: header row frozen"
        );
        assert!(xml.contains("<autoFilter ref=\"A1:"), "{name}: autofilter");
        assert!(xml.contains("<cols>"), "{name}: column widths");
        assert!(!xml.contains("<mergeCell"), "{name}: merged cells");
        // The header row is bold text only.
        let range = wb.worksheet_range(name).unwrap();
        let first: Vec<&Data> = range.rows().next().unwrap().iter().collect();
        assert!(first.iter().all(|c| matches!(c, Data::String(_))), "{name}");
    }
    // Number formats: integers, one and two decimals.
    let styles = part(b, "xl/styles.xml");
    for fmt in ["#,##0", "#,##0.0", "#,##0.00"] {
        assert!(styles.contains(&format!("formatCode=\"{fmt}\"")), "{fmt}");
    }
}

#[test]
fn numbers_are_numeric_cells() {
    for name in [
        "PB02", "PB02a", "PB03", "PB03a", "PB04", "PB05", "PB06", "PB07",
    ] {
        let rows = sheet(name);
        let head = header(&rows);
        let mut numeric = 0;
        for r in &rows[1..] {
            for (c, h) in r.iter().zip(&head) {
                match c {
                    // Indicator ids ("2.2") are names, not numbers; criterion lists
                    // ("13, 14") are text.
                    Data::String(s) if h != "Chỉ tiêu" => {
                        let looks_numeric = !s.is_empty()
                            && s.chars()
                                .all(|ch| ch.is_ascii_digit() || ch == '.' || ch == ',');
                        assert!(
                            !looks_numeric || s.contains(", "),
                            "{name}, {h}: number stored as text {s:?}"
                        );
                    }
                    Data::Float(_) | Data::Int(_) => numeric += 1,
                    _ => {}
                }
            }
        }
        assert!(numeric > 0, "{name} has numeric cells");
    }
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let (facts, doc) = pipeline();
    let again = xlsx::xlsx(facts, doc);
    assert!(again == *bytes(), "two builds differ");
    // The document properties carry the report date, not the clock.
    let core = part(&again, "docProps/core.xml");
    assert!(core.contains("2023-12-20T00:00:00Z"), "{core}");
}

#[test]
fn writing_into_a_file_gives_the_bytes_made_in_memory() {
    let (facts, doc) = pipeline();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("phu-bieu.xlsx");
    let file = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    let mut file = xlsx::write(facts, doc, file).unwrap();
    std::io::Write::flush(&mut file).unwrap();
    drop(file);
    assert!(std::fs::read(&path).unwrap() == *bytes());
}

/// 10,000 communes (about 580,000 indicator rows): `cargo test --release -- --ignored`.
#[test]
#[ignore = "large: run in release mode"]
fn ten_thousand_communes() {
    let (facts, doc) = pipeline();
    let mut big = facts.clone();
    let seed = facts.communes.clone();
    big.communes = (0..10_000)
        .map(|k| {
            let mut c = seed[k % seed.len()].clone();
            c.id = format!("{}-{k}", c.id);
            c.name = format!("{} {k}", c.name);
            c
        })
        .collect();
    let start = std::time::Instant::now();
    let out = xlsx::xlsx(&big, doc);
    let took = start.elapsed();
    // A row per commune and indicator, and per commune and criterion with indicators.
    let criteria = facts.criteria.len();
    let rows: usize = big
        .communes
        .iter()
        .map(|c| c.indicators.len() + criteria)
        .sum();
    eprintln!("{rows} indicator rows, {} bytes, {took:?}", out.len());
    let mut wb = open(&out);
    let range = wb.worksheet_range("PB02a").unwrap();
    assert_eq!(range.height(), rows + 1);
    let range = wb.worksheet_range("PB02").unwrap();
    assert_eq!(range.height(), 10_001);
}

#[test]
fn every_part_is_well_formed_xml() {
    let b = bytes();
    let mut zip = zip::ZipArchive::new(Cursor::new(&b[..])).expect("an xlsx is a zip");
    let names: Vec<String> = (0..zip.len())
        .map(|i| zip.by_index(i).unwrap().name().unwrap().to_string())
        .collect();
    for want in [
        "[Content_Types].xml",
        "_rels/.rels",
        "xl/workbook.xml",
        "xl/_rels/workbook.xml.rels",
        "xl/styles.xml",
        "xl/sharedStrings.xml",
        "xl/theme/theme1.xml",
        "docProps/core.xml",
        "docProps/app.xml",
    ] {
        assert!(names.iter().any(|n| n == want), "no {want}");
    }
    for name in &names {
        let mut s = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
        roxmltree::Document::parse(&s).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

/// LibreOffice Calc, the spreadsheet many offices use, reads every cell of every sheet where
/// calamine reads it (the tests above check calamine's reading against the facts): cells
/// that follow one another carry no reference, and the ones after a gap do. Needs `soffice`
/// with Calc (Debian `libreoffice-calc-nogui`); CI installs it.
#[test]
fn libreoffice_calc_reads_every_cell_where_the_workbook_puts_it() {
    let calc = std::path::Path::new("/usr/lib/libreoffice/program/libscfiltlo.so");
    if !common::on_path("soffice") || !calc.is_file() {
        assert!(
            !common::in_ci(),
            "LibreOffice Calc not found, and CI must run this test: install libreoffice-calc-nogui"
        );
        println!("skipped: LibreOffice Calc not found; install libreoffice-calc-nogui to run it");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("phu-bieu.xlsx");
    std::fs::write(&path, bytes()).unwrap();
    // Every sheet to its own CSV file ("phu-bieu-SHEET.csv"), UTF-8, comma-separated.
    common::run_with_timeout(
        std::process::Command::new("soffice")
            .arg("--headless")
            .arg(format!(
                "-env:UserInstallation=file://{}",
                dir.path().join("lo-profile").display()
            ))
            .args([
                "--convert-to",
                "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
                "--outdir",
            ])
            .arg(dir.path())
            .arg(&path),
        std::time::Duration::from_secs(180),
    );
    let mut book = open(bytes());
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).unwrap();
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let ours: std::collections::BTreeSet<(usize, usize)> = range
            .used_cells()
            .filter(|(_, _, d)| !matches!(d, Data::Empty))
            .map(|(r, c, _)| (r + r0 as usize, c + c0 as usize))
            .collect();
        let file = dir.path().join(format!("phu-bieu-{name}.csv"));
        let text = std::fs::read_to_string(&file)
            .unwrap_or_else(|e| panic!("LibreOffice wrote no {}: {e}", file.display()));
        let mut theirs = std::collections::BTreeSet::new();
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        for (r, record) in reader.records().enumerate() {
            for (c, cell) in record.unwrap().iter().enumerate() {
                if !cell.is_empty() {
                    theirs.insert((r, c));
                }
            }
        }
        assert!(!ours.is_empty(), "{name} has cells");
        assert_eq!(
            ours, theirs,
            "sheet {name}: cells differ between calamine and Calc"
        );
    }
}

/// What a clerk prints: every sheet in Times New Roman, on A4 scaled to the page's width
/// (landscape where the table is wide), its header row repeated on every page, pages
/// numbered in the footer.
#[test]
fn every_sheet_prints_on_a4_in_times_new_roman() {
    let b = bytes();
    let styles = part(b, "xl/styles.xml");
    assert!(!styles.contains("Calibri"), "{styles}");
    assert_eq!(
        styles.matches("<name val=\"Times New Roman\"/>").count(),
        2,
        "regular and bold"
    );
    let workbook = part(b, "xl/workbook.xml");
    let names = open(b).sheet_names();
    for (k, name) in names.iter().enumerate() {
        let xml = part(b, &format!("xl/worksheets/sheet{}.xml", k + 1));
        assert!(xml.contains("<pageSetUpPr fitToPage=\"1\"/>"), "{name}");
        assert!(
            xml.contains("paperSize=\"9\"") && xml.contains("fitToWidth=\"1\" fitToHeight=\"0\""),
            "{name}: A4, one page wide"
        );
        assert!(
            xml.contains("&amp;P/&amp;N</oddFooter>"),
            "{name}: page numbers"
        );
        let titles = |quoted: String| {
            format!(
                "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"{k}\">{quoted}!$1:$1</definedName>"
            )
        };
        assert!(
            workbook.contains(&titles(format!("'{name}'")))
                || workbook.contains(&titles(name.clone())),
            "{name}: header row on every page"
        );
    }
    // The indicator table is wide; the contributions table, four columns, is not.
    assert!(part_xml("PB02a").contains("orientation=\"landscape\""));
    assert!(part_xml("PB03a").contains("orientation=\"portrait\""));
}

/// Readers that guess a column's type from its values (pandas' `read_excel`, Power
/// Query) turn a column whose every text reads as a number into numbers: "17.10" would
/// become 17.1 and "01" would become 1. No text column of any sheet is of that kind, and
/// Excel is told not to flag the ids that read as numbers (`ignoredErrors`).
#[test]
fn text_ids_stay_text_in_readers_that_guess_types() {
    let b = bytes();
    let names = open(b).sheet_names();
    for (k, name) in names.iter().enumerate() {
        let rows = sheet(name);
        let head = header(&rows);
        let xml = part(b, &format!("xl/worksheets/sheet{}.xml", k + 1));
        for (c, h) in head.iter().enumerate() {
            let texts: Vec<&str> = rows[1..]
                .iter()
                .filter_map(|r| match r.get(c) {
                    Some(Data::String(s)) if !s.is_empty() => Some(s.as_str()),
                    _ => None,
                })
                .collect();
            let numeric = texts
                .iter()
                .filter(|t| t.trim().parse::<f64>().is_ok())
                .count();
            if numeric == 0 {
                continue;
            }
            let has_other = rows[1..].iter().any(
                |r| matches!(r.get(c), Some(Data::String(s)) if s.trim().parse::<f64>().is_err()),
            );
            assert!(
                has_other,
                "{name}, column {h:?}: every text reads as a number ({:?})",
                &texts[..texts.len().min(3)]
            );
            assert!(
                xml.contains("numberStoredAsText=\"1\""),
                "{name}, column {h:?}: Excel would flag {numeric} ids as numbers stored as text"
            );
        }
    }
    // "17.10" is a text cell after "17.9".
    let rows = sheet("PB02a");
    let ind = col(&rows, "Chỉ tiêu");
    assert!(
        rows.iter().any(|r| r[ind] == Data::String("17.10".into())),
        "indicator 17.10 is text"
    );
    let xml = part_xml("PB02a");
    assert!(
        xml.contains("<ignoredError sqref=\"C"),
        "the indicator column is covered: {}",
        &xml[xml.len().saturating_sub(300)..]
    );
}

/// Cells say things in Vietnamese words and signs, not in the codes of the data files:
/// no snake_case code ("carried_over") and no ASCII comparator (">=") in any cell.
#[test]
fn cells_hold_words_not_codes() {
    let b = bytes();
    for name in open(b).sheet_names() {
        for r in sheet(&name) {
            for c in r {
                let Data::String(s) = c else { continue };
                let code =
                    s.contains('_') && s.chars().all(|ch| ch.is_ascii_lowercase() || ch == '_');
                assert!(!code, "{name}: code {s:?} in a cell");
                assert!(
                    !matches!(s.as_str(), ">=" | "<=" | "==" | ">" | "<"),
                    "{name}: comparator {s:?}"
                );
            }
        }
    }
    // Results and applicability are numbers (1/0, a SUM counts them) shown as words.
    let styles = part(b, "xl/styles.xml");
    for words in [
        "&quot;Đạt&quot;;&quot;Đạt&quot;;&quot;Chưa đạt&quot;",
        "&quot;Có&quot;;&quot;Có&quot;;&quot;Không&quot;",
    ] {
        let at = styles
            .find(words)
            .unwrap_or_else(|| panic!("no format {words}"));
        let id: String = styles[..at]
            .rsplit("numFmtId=\"")
            .next()
            .unwrap()
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        let xf = styles
            .split("<cellXfs")
            .nth(1)
            .unwrap()
            .split("<xf ")
            .skip(1)
            .position(|x| x.starts_with(&format!("numFmtId=\"{id}\"")))
            .unwrap();
        assert!(
            part_xml("PB02a").contains(&format!(" s=\"{xf}\"><v>1</v>")),
            "PB02a shows {words} (style {xf})"
        );
    }
    let rows = sheet("PB04");
    let origin = col(&rows, "Nguồn gốc");
    assert_eq!(text(&rows[1][origin]), "Năm trước chuyển sang");
    assert_eq!(text(&rows[2][origin]), "Năm 2023");
}

/// A yes/no cell's number.
fn flag(b: bool) -> f64 {
    if b { 1.0 } else { 0.0 }
}
