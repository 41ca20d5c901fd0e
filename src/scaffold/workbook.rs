//! The fillable workbook of a year (`init YEAR --workbook`, `new DIR`): one sheet per table
//! of the year, with the headers the reader knows ([`crate::validate::workbook`]), the
//! roster's communes and villages in rows, drop-down lists for statuses, number formats,
//! frozen headers and widths, and an instructions sheet in Vietnamese. Last year's statuses
//! are filled in and marked as to be confirmed; last year's indicator values are shown on a
//! reference sheet that is not read as data.

use crate::dataset::{Commune, IndicatorValue, MeasureValue, Village, YearData};
use crate::ruleset::{Kind, Ruleset};
use crate::validate::workbook::SheetKind;
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, DataValidationRule, DocProperties,
    ExcelDateTime, Format, FormatAlign, FormatBorder, Note, Workbook, Worksheet, XlsxError,
};

/// What the workbook of a year is made from.
pub struct Template<'a> {
    /// The year to fill in.
    pub year: i32,
    /// The reporting unit as the prose names it ("huyện Phong Thổ").
    pub unit: String,
    pub communes: &'a [Commune],
    pub villages: &'a [Village],
    pub rules: &'a Ruleset,
    pub village_rules: Option<&'a Ruleset>,
    /// Last year's data, when there is a last year: its statuses are carried over.
    pub previous: Option<&'a YearData>,
    /// Whether to write the sheets of commune data (not when the year already has commune
    /// files or a long table, which would give every item twice).
    pub commune_sheets: bool,
}

/// The file name of the workbook in the year folder.
pub const FILE_NAME: &str = crate::layout::WORKBOOK;

/// The source written beside statuses carried over from last year.
pub fn carried_over(prev: i32) -> String {
    format!("Chuyển từ năm {prev} — cần xác nhận")
}

/// Rows given drop-down lists and formats below the roster's (for communes or villages
/// added later) and in the documents sheet.
const SPARE_ROWS: u32 = 200;

/// The formats used.
struct Formats {
    header: Format,
    text: Format,
    carried: Format,
    carried_text: Format,
    decimal: Format,
    percent: Format,
    whole: Format,
    date: Format,
    title: Format,
    wrap: Format,
}

impl Formats {
    fn new() -> Formats {
        let header = Format::new()
            .set_bold()
            .set_text_wrap()
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter)
            .set_background_color(Color::RGB(0xD9E1F2))
            .set_border(FormatBorder::Thin);
        // Cells carried over from last year, to be confirmed: light yellow.
        let carried = Format::new()
            .set_background_color(Color::RGB(0xFFF2CC))
            .set_align(FormatAlign::Center);
        Formats {
            header,
            text: Format::new().set_num_format("@"),
            carried_text: carried.clone().set_num_format("@"),
            carried,
            decimal: Format::new().set_num_format("#,##0.0##"),
            percent: Format::new().set_num_format("0.0##"),
            whole: Format::new().set_num_format("0"),
            date: Format::new().set_num_format("dd/mm/yyyy"),
            title: Format::new().set_bold().set_font_size(14),
            wrap: Format::new().set_text_wrap(),
        }
    }
}

/// The workbook's bytes. The same input gives the same bytes (its creation time is fixed).
pub fn workbook(t: &Template) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let created = ExcelDateTime::from_ymd(2000, 1, 1)?;
    let properties = DocProperties::new()
        .set_title(format!("Nhập liệu nông thôn mới năm {}", t.year))
        .set_creation_datetime(&created);
    book.set_properties(&properties);
    let f = Formats::new();
    instructions(book.add_worksheet(), t, &f)?;
    if t.commune_sheets {
        criteria(book.add_worksheet(), t, &f)?;
        indicators(book.add_worksheet(), t, &f)?;
    }
    if let Some(vr) = t.village_rules {
        villages(book.add_worksheet(), t, vr, &f)?;
    }
    documents(book.add_worksheet(), &f)?;
    if let Some(prev) = t.previous.filter(|_| t.commune_sheets) {
        reference(book.add_worksheet(), t, prev, &f)?;
    }
    book.save_to_buffer()
}

/// Writes a header row, with column widths, and the page setup a printed form needs: A4
/// landscape, the header row on every page, gridlines; one page wide when the columns are
/// few enough to stay legible.
fn headers(ws: &mut Worksheet, f: &Formats, cols: &[(String, f64)]) -> Result<(), XlsxError> {
    ws.set_paper_size(9)
        .set_landscape()
        .set_print_gridlines(true)
        .set_repeat_rows(0, 0)?;
    if cols.len() <= 30 {
        ws.set_print_fit_to_pages(1, 0);
    }
    for (c, (h, width)) in cols.iter().enumerate() {
        let c = col(c);
        ws.write_string_with_format(0, c, h, &f.header)?;
        ws.set_column_width(c, *width)?;
    }
    ws.set_row_height(0, 32)?;
    Ok(())
}

/// A column index as the writer takes it.
fn col(i: usize) -> u16 {
    u16::try_from(i).unwrap_or(u16::MAX)
}

/// A row index as the writer takes it.
fn row(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// A drop-down list; `strict` refuses other values, otherwise they are accepted after a
/// warning (`x` for met is accepted though not in the list).
fn list(items: &[&str], message: &str, strict: bool) -> Result<DataValidation, XlsxError> {
    let style = if strict {
        DataValidationErrorStyle::Stop
    } else {
        DataValidationErrorStyle::Warning
    };
    Ok(DataValidation::new()
        .allow_list_strings(items)?
        .set_input_message(message)?
        .set_error_title("Giá trị không có trong danh sách")?
        .set_error_message(format!("Chọn một trong: {}.", items.join(", ")))?
        .set_error_style(style))
}

fn instructions(ws: &mut Worksheet, t: &Template, f: &Formats) -> Result<(), XlsxError> {
    ws.set_name(SheetKind::Instructions.vi())?;
    let prev = t.year - 1;
    let title = format!("Sổ nhập liệu nông thôn mới năm {} — {}", t.year, t.unit);
    let mut lines: Vec<String> = vec![
        "Sổ này là nơi nhập số liệu của năm. Đặt tệp trong thư mục năm của thư mục số liệu (ví dụ data/{year}/), rồi chạy: ntm-report check {year}, sau đó ntm-report build {year}.".into(),
        "Không đổi tên các trang tính và không sửa dòng tiêu đề (dòng 1): chương trình đọc số liệu theo tên trang và tên cột. Có thể thêm dòng, không thêm cột lạ.".into(),
        "Mỗi dòng là một xã (hoặc một thôn, bản). Cột \"Mã xã\" phải đúng mã trong danh sách xã (communes.csv); cột \"Tên xã\" chỉ để đối chiếu.".into(),
        "Trang \"Tiêu chí\": mỗi cột là một tiêu chí (1, 2, …). Chọn \"đạt\", \"chưa đạt\", \"cơ bản đạt\" hoặc \"không đánh giá\" (cũng có thể ghi x cho đạt; để trống là chưa đạt; cơ bản đạt và không đánh giá không tính là đạt). Cột \"Nguồn\" ghi nguồn của kết quả (ví dụ: Rà soát của Văn phòng Điều phối NTM, tháng 12/{year}).".into(),
        "Trang \"Chỉ tiêu\": mỗi cột là một chỉ tiêu (ví dụ 10.1); chỉ tiêu tỷ lệ có hai cột \"tử số\" và \"mẫu số\". Ghi số (dấu thập phân theo máy), \"đạt\"/\"không đạt\" với chỉ tiêu đạt/không đạt, \"không áp dụng\" với chỉ tiêu \"nếu có\" mà xã không có. Để trống nếu chưa có số liệu. Di chuột lên ô tiêu đề để xem nội dung chỉ tiêu.".into(),
        "Số được đọc đúng như Excel lưu (15 chữ số có nghĩa). Ô công thức được đọc theo giá trị đã tính khi lưu tệp. Ô báo lỗi (#DIV/0!, #N/A…) là lỗi.".into(),
        "Trang \"Thôn bản\": mỗi cột là một tiêu chí thôn, bản; ghi x nếu đạt, để trống nếu chưa đạt.".into(),
        "Trang \"Văn bản\": các văn bản chỉ đạo, điều hành đã ban hành trong năm (phụ biểu 01): số, ký hiệu; ngày ban hành; cơ quan ban hành; loại văn bản; trích yếu.".into(),
    ];
    if t.previous.is_some() {
        lines.push(format!("Các ô tô màu vàng là kết quả chuyển từ năm {prev}, CẦN XÁC NHẬN: sửa theo kết quả đánh giá năm {}, rồi sửa cột \"Nguồn\" (đang ghi \"{}\").", t.year, carried_over(prev)));
        lines.push(format!("Trang \"Tham khảo\" ghi giá trị các chỉ tiêu năm {prev} để đối chiếu; trang này không được đọc như số liệu."));
    }
    lines.push("Mọi lỗi và cảnh báo được báo kèm tên trang và ô, ví dụ: --> 2023/nhap-lieu.xlsx: trang tính \"Tiêu chí\", ô D7.".into());
    ws.set_column_width(0, 110)?;
    ws.write_string_with_format(0, 0, &title, &f.title)?;
    for (i, line) in lines.iter().enumerate() {
        let text = line.replace("{year}", &t.year.to_string());
        ws.write_string_with_format(row(i + 2), 0, format!("{}. {text}", i + 1), &f.wrap)?;
    }
    Ok(())
}

fn criteria(ws: &mut Worksheet, t: &Template, f: &Formats) -> Result<(), XlsxError> {
    ws.set_name(SheetKind::Criteria.vi())?;
    let mut cols: Vec<(String, f64)> = vec![
        ("Mã xã".into(), 18.0),
        ("Tên xã".into(), 20.0),
        ("Nguồn".into(), 36.0),
    ];
    cols.extend(t.rules.criteria.iter().map(|c| (c.number.to_string(), 9.0)));
    headers(ws, f, &cols)?;
    for (k, c) in t.rules.criteria.iter().enumerate() {
        let note = Note::new(format!("Tiêu chí {}. {}", c.number, c.name)).add_author_prefix(false);
        ws.insert_note(0, col(3 + k), &note)?;
    }
    let last = row(t.communes.len()) + SPARE_ROWS;
    let first_status = 3u16;
    let last_status = first_status + col(t.rules.criteria.len()) - 1;
    ws.set_column_range_format(0, 2, &f.text)?;
    let statuses = list(
        &["đạt", "chưa đạt", "cơ bản đạt", "không đánh giá"],
        "Chọn đạt, chưa đạt, cơ bản đạt hoặc không đánh giá (để trống là chưa đạt).",
        false,
    )?;
    ws.add_data_validation(1, first_status, last, last_status, &statuses)?;
    let prev = t.previous;
    for (i, c) in t.communes.iter().enumerate() {
        let r = row(i + 1);
        ws.write_string_with_format(r, 0, &c.id, &f.text)?;
        ws.write_string_with_format(r, 1, &c.name, &f.text)?;
        let Some(p) = prev else { continue };
        let declared = &p.communes[i].declared;
        if declared.is_empty() {
            continue;
        }
        ws.write_string_with_format(r, 2, carried_over(p.year), &f.carried_text)?;
        for (k, cr) in t.rules.criteria.iter().enumerate() {
            if let Some(d) = declared.get(&cr.number) {
                let word = d.status.word();
                ws.write_string_with_format(r, first_status + col(k), word, &f.carried)?;
            }
        }
    }
    ws.set_freeze_panes(1, 2)?;
    Ok(())
}

/// The columns of the indicator sheet: header, what it holds, and the kind.
fn value_columns(rules: &Ruleset) -> Vec<(String, String, Kind, bool)> {
    let mut out = Vec::new();
    for ind in rules.indicators() {
        let unit = if ind.unit.is_empty() {
            String::new()
        } else {
            format!(" ({})", ind.unit)
        };
        let about = format!("Chỉ tiêu {}: {}{unit}", ind.id, ind.content);
        if ind.kind == Kind::Ratio {
            out.push((
                format!("{} tử số", ind.id),
                format!("{about} — tử số"),
                ind.kind,
                ind.if_exists,
            ));
            out.push((
                format!("{} mẫu số", ind.id),
                format!("{about} — mẫu số"),
                ind.kind,
                false,
            ));
        } else {
            out.push((ind.id.clone(), about, ind.kind, ind.if_exists));
        }
    }
    for m in &rules.measures {
        let unit = if m.unit.is_empty() {
            String::new()
        } else {
            format!(" ({})", m.unit)
        };
        let about = format!("Số liệu {}: {}{unit}", m.id, m.name);
        if m.kind == Kind::Ratio {
            out.push((
                format!("{} tử số", m.id),
                format!("{about} — tử số"),
                m.kind,
                false,
            ));
            out.push((
                format!("{} mẫu số", m.id),
                format!("{about} — mẫu số"),
                m.kind,
                false,
            ));
        } else {
            out.push((m.id.clone(), about, m.kind, false));
        }
    }
    out
}

fn indicators(ws: &mut Worksheet, t: &Template, f: &Formats) -> Result<(), XlsxError> {
    ws.set_name(SheetKind::Indicators.vi())?;
    let columns = value_columns(t.rules);
    let mut cols: Vec<(String, f64)> = vec![("Mã xã".into(), 18.0), ("Tên xã".into(), 20.0)];
    cols.extend(columns.iter().map(|(h, _, _, _)| (h.clone(), 11.0)));
    headers(ws, f, &cols)?;
    ws.set_column_range_format(0, 1, &f.text)?;
    let last = row(t.communes.len()) + SPARE_ROWS;
    for (k, (_, about, kind, if_exists)) in columns.iter().enumerate() {
        let c = col(2 + k);
        ws.insert_note(0, c, &Note::new(about).add_author_prefix(false))?;
        let na = if *if_exists {
            ", hoặc \"không áp dụng\""
        } else {
            ""
        };
        let (format, validation) = match kind {
            Kind::YesNo => {
                let mut words = vec!["đạt", "không đạt"];
                if *if_exists {
                    words.push("không áp dụng");
                }
                (None, list(&words, "Chọn đạt hoặc không đạt.", true)?)
            }
            Kind::Percent => (
                Some(&f.percent),
                DataValidation::new()
                    .allow_decimal_number(DataValidationRule::Between(0.0, 100.0))
                    .set_input_message(format!("Tỷ lệ phần trăm, từ 0 đến 100{na}."))?,
            ),
            Kind::Count | Kind::Level => (
                Some(&f.whole),
                DataValidation::new()
                    .allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0))
                    .set_input_message(format!("Số nguyên, không âm{na}."))?,
            ),
            Kind::Ratio | Kind::Amount => (
                Some(&f.decimal),
                DataValidation::new()
                    .allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0))
                    .set_input_message(format!("Số, không âm{na}."))?,
            ),
        };
        // Where the words "không áp dụng" may also do, another value warns, not refuses.
        let validation = if *if_exists && *kind != Kind::YesNo {
            validation.set_error_style(DataValidationErrorStyle::Warning)
        } else {
            validation
        };
        ws.add_data_validation(1, c, last, c, &validation)?;
        if let Some(format) = format {
            ws.set_column_format(c, format)?;
        }
    }
    for (i, c) in t.communes.iter().enumerate() {
        let r = row(i + 1);
        ws.write_string_with_format(r, 0, &c.id, &f.text)?;
        ws.write_string_with_format(r, 1, &c.name, &f.text)?;
    }
    ws.set_freeze_panes(1, 2)?;
    Ok(())
}

fn villages(ws: &mut Worksheet, t: &Template, vr: &Ruleset, f: &Formats) -> Result<(), XlsxError> {
    ws.set_name(SheetKind::Villages.vi())?;
    let mut cols: Vec<(String, f64)> = vec![
        ("Mã thôn, bản".into(), 22.0),
        ("Tên thôn, bản".into(), 22.0),
    ];
    cols.extend(vr.criteria.iter().map(|c| (c.number.to_string(), 6.0)));
    headers(ws, f, &cols)?;
    for (k, c) in vr.criteria.iter().enumerate() {
        let note = Note::new(format!("Tiêu chí {}. {}", c.number, c.name)).add_author_prefix(false);
        ws.insert_note(0, col(2 + k), &note)?;
    }
    ws.set_column_range_format(0, 1, &f.text)?;
    let last = row(t.villages.len()) + SPARE_ROWS;
    let last_col = col(1 + vr.criteria.len());
    let marks = list(
        &["x", "chưa đạt"],
        "Ghi x nếu đạt; để trống nếu chưa đạt.",
        false,
    )?;
    ws.add_data_validation(1, 2, last, last_col, &marks)?;
    let prev = t.previous.and_then(|p| p.villages.as_ref());
    for (i, v) in t.villages.iter().enumerate() {
        let r = row(i + 1);
        let commune = t.communes.get(v.commune).map_or("", |c| c.name.as_str());
        ws.write_string_with_format(r, 0, &v.id, &f.text)?;
        let name = format!("{} ({commune})", v.name);
        ws.write_string_with_format(r, 1, name, &f.text)?;
        let Some(met) = prev.and_then(|p| p.get(i)) else {
            continue;
        };
        for (k, c) in vr.criteria.iter().enumerate() {
            if met.contains(&c.number) {
                ws.write_string_with_format(r, col(2 + k), "x", &f.carried)?;
            }
        }
    }
    ws.set_freeze_panes(1, 2)?;
    Ok(())
}

fn documents(ws: &mut Worksheet, f: &Formats) -> Result<(), XlsxError> {
    ws.set_name(SheetKind::Documents.vi())?;
    let cols: Vec<(String, f64)> = [
        ("Số, ký hiệu", 16.0),
        ("Ngày ban hành", 14.0),
        ("Cơ quan ban hành", 24.0),
        ("Loại văn bản", 14.0),
        ("Trích yếu", 80.0),
    ]
    .iter()
    .map(|(h, w)| (h.to_string(), *w))
    .collect();
    headers(ws, f, &cols)?;
    ws.set_column_format(0, &f.text)?;
    ws.set_column_format(1, &f.date)?;
    ws.set_column_range_format(2, 4, &f.text)?;
    let from = ExcelDateTime::from_ymd(1990, 1, 1)?;
    let dates = DataValidation::new()
        .allow_date(DataValidationRule::GreaterThanOrEqualTo(from))
        .set_input_message("Ngày ban hành (ngày/tháng/năm).")?;
    ws.add_data_validation(1, 1, SPARE_ROWS, 1, &dates)?;
    let kinds = [
        "Quyết định",
        "Kế hoạch",
        "Công văn",
        "Báo cáo",
        "Hướng dẫn",
        "Thông báo",
        "Chỉ thị",
        "Nghị quyết",
    ];
    let kinds = list(&kinds, "Loại văn bản (có thể ghi loại khác).", false)?
        .set_error_style(DataValidationErrorStyle::Information);
    ws.add_data_validation(1, 3, SPARE_ROWS, 3, &kinds)?;
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

/// Last year's indicator values, for reference: a sheet the reader leaves out.
fn reference(
    ws: &mut Worksheet,
    t: &Template,
    prev: &YearData,
    f: &Formats,
) -> Result<(), XlsxError> {
    ws.set_name(SheetKind::Reference.vi())?;
    let columns = value_columns(t.rules);
    let mut cols: Vec<(String, f64)> = vec![("Mã xã".into(), 18.0), ("Tên xã".into(), 20.0)];
    cols.extend(columns.iter().map(|(h, _, _, _)| (h.clone(), 11.0)));
    headers(ws, f, &cols)?;
    ws.write_string(
        row(t.communes.len() + 2),
        0,
        format!(
            "Giá trị năm {}, để đối chiếu; trang này không được đọc như số liệu.",
            prev.year
        ),
    )?;
    for (i, c) in t.communes.iter().enumerate() {
        let r = row(i + 1);
        ws.write_string(r, 0, &c.id)?;
        ws.write_string(r, 1, &c.name)?;
        let data = &prev.communes[i];
        let mut k = 2u16;
        for ind in t.rules.indicators() {
            match data.indicators.get(&ind.id) {
                Some(IndicatorValue::Ratio {
                    numerator,
                    denominator,
                }) => {
                    ws.write_string(r, k, numerator.to_string())?;
                    ws.write_string(r, k + 1, denominator.to_string())?;
                }
                Some(IndicatorValue::Scalar(v)) => {
                    ws.write_string(r, k, v.to_string())?;
                }
                Some(IndicatorValue::YesNo(m)) => {
                    ws.write_string(r, k, if *m { "đạt" } else { "không đạt" })?;
                }
                Some(IndicatorValue::NotApplicable) => {
                    ws.write_string(r, k, "không áp dụng")?;
                }
                None => {}
            }
            k += if ind.kind == Kind::Ratio { 2 } else { 1 };
        }
        for m in &t.rules.measures {
            match data.measures.get(&m.id) {
                Some(MeasureValue::Ratio {
                    numerator,
                    denominator,
                }) => {
                    ws.write_string(r, k, numerator.to_string())?;
                    ws.write_string(r, k + 1, denominator.to_string())?;
                }
                Some(MeasureValue::Scalar(v)) => {
                    ws.write_string(r, k, v.to_string())?;
                }
                None => {}
            }
            k += if m.kind == Kind::Ratio { 2 } else { 1 };
        }
    }
    ws.set_freeze_panes(1, 2)?;
    Ok(())
}
