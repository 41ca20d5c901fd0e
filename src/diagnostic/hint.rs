//! The hints shown under a message (`= help: …`), in English and Vietnamese, matched
//! exhaustively like the messages.

use super::Lang;
use super::message::tr;

/// How to fix a problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Hint {
    /// "did you mean `huoi-luong`?"
    DidYouMean {
        name: String,
    },
    /// One of a few words: "use `district` or `province`".
    UseOneOf {
        options: &'static [&'static str],
    },
    /// The keys a table accepts.
    ExpectedKeys {
        keys: String,
    },
    Comparators,
    IdForm,
    AlreadyUsedOnLine {
        line: usize,
    },
    FirstGivenAt {
        file: String,
        line: usize,
    },
    CategoriesDefinedBy {
        ruleset: String,
    },
    NameARuleset,
    YearsWithData {
        years: String,
    },
    CreateYearFolder,
    AddThreshold,
    DateForm,
    AddCommuneData {
        file: String,
        table: String,
    },
    CommunesListedIn,
    VillagesListedIn,
    NumberForm,
    MoneyForm,
    CsvNumberForm,
    NotApplicableForm,
    YesNoForm,
    RatioForm,
    ValueForm,
    VillageStatusForm,
    CriterionStatusForm,
    YesNoWordForm,
    WritePlanYear {
        year: i32,
    },
    CriteriaOfRuleset {
        ruleset: String,
    },
    Windows1258,
    Utf16,
    CloseQuote,
    TemplatesExport,
    TemplateNames {
        names: String,
    },
    RulesetYears,
    FirstGivenInSheet {
        file: String,
        sheet: String,
        cell: String,
    },
    SheetNames {
        names: String,
    },
    KnownStatuses,
    WideStatusForm,
    RatioColumns {
        id: String,
    },
    IdAsText,
}

impl Hint {
    /// The hint in a language.
    pub fn text(&self, lang: Lang) -> String {
        use Hint::*;
        let l = lang;
        match self {
            DidYouMean { name } => tr!(l, "did you mean `{name}`?", "có phải là `{name}`?"),
            UseOneOf { options } => {
                let list = one_of(options, l.pick("or", "hoặc"));
                tr!(l, "use {list}", "dùng {list}")
            }
            ExpectedKeys { keys } => tr!(
                l,
                "the keys here are {keys}",
                "các trường hợp lệ ở đây: {keys}"
            ),
            Comparators => tr!(
                l,
                "use one of >=, >, <=, <, ==",
                "dùng một trong >=, >, <=, <, =="
            ),
            IdForm => tr!(
                l,
                "ids are lower-case ASCII words joined by `-`, e.g. `huoi-luong`",
                "mã là các từ chữ thường không dấu nối bằng `-`, ví dụ `huoi-luong`"
            ),
            AlreadyUsedOnLine { line } => tr!(
                l,
                "it is already used on line {line}",
                "mã này đã dùng ở dòng {line}"
            ),
            FirstGivenAt { file, line } => tr!(
                l,
                "first given at {file}:{line}",
                "đã ghi lần đầu ở {file}:{line}"
            ),
            CategoriesDefinedBy { ruleset } => tr!(
                l,
                "the ruleset `{ruleset}` defines the categories",
                "các loại xã do bộ tiêu chí `{ruleset}` quy định"
            ),
            NameARuleset => tr!(
                l,
                "name a built-in ruleset (`ntm-report rules`) or a .toml file",
                "ghi tên một bộ tiêu chí dựng sẵn (`ntm-report rules`) hoặc một tệp .toml"
            ),
            YearsWithData { years } => {
                tr!(l, "years with data: {years}", "các năm có số liệu: {years}")
            }
            CreateYearFolder => tr!(
                l,
                "create it, e.g. with `ntm-report init`",
                "hãy tạo thư mục này, ví dụ bằng `ntm-report init`"
            ),
            AddThreshold => tr!(
                l,
                "add a [[criteria.indicators.thresholds]] entry covering that year",
                "thêm một mục [[criteria.indicators.thresholds]] áp dụng cho năm đó"
            ),
            DateForm => tr!(
                l,
                "write an existing date as YYYY-MM-DD",
                "ghi một ngày có thật theo dạng YYYY-MM-DD (năm-tháng-ngày)"
            ),
            AddCommuneData { file, table } => tr!(
                l,
                "add {file} or rows in {table}",
                "thêm tệp {file} hoặc các dòng trong {table}"
            ),
            CommunesListedIn => tr!(
                l,
                "communes are listed in communes.csv",
                "danh sách xã nằm trong communes.csv"
            ),
            VillagesListedIn => tr!(
                l,
                "villages are listed in villages.csv at the top of the data folder",
                "danh sách thôn, bản nằm trong villages.csv ở thư mục số liệu"
            ),
            NumberForm => tr!(
                l,
                "write digits with a `.` for decimals, e.g. 98.70 or \"98.70\"",
                "ghi chữ số, dùng `.` cho phần thập phân, ví dụ 98.70 hoặc \"98.70\""
            ),
            MoneyForm => tr!(l, "e.g. 3244 or \"358.0\"", "ví dụ 3244 hoặc \"358.0\""),
            CsvNumberForm => tr!(
                l,
                "write digits with a `.` for decimals (or `,` in a `;`-separated file)",
                "ghi chữ số, dùng `.` cho phần thập phân (hoặc `,` trong tệp phân cách bằng `;`)"
            ),
            NotApplicableForm => tr!(
                l,
                "for an indicator that does not apply here, write `applicable = false`",
                "với chỉ tiêu không áp dụng ở đây, ghi `applicable = false`"
            ),
            YesNoForm => tr!(
                l,
                "this indicator takes `met = true` or `met = false`",
                "chỉ tiêu này ghi `met = true` hoặc `met = false`"
            ),
            RatioForm => tr!(
                l,
                "this indicator takes `numerator` and `denominator`",
                "chỉ tiêu này ghi `numerator` (tử số) và `denominator` (mẫu số)"
            ),
            ValueForm => tr!(
                l,
                "this indicator takes `value`",
                "chỉ tiêu này ghi `value`"
            ),
            VillageStatusForm => tr!(
                l,
                "write `x` for met, leave empty for not met",
                "ghi `x` nếu đạt, để trống nếu chưa đạt"
            ),
            CriterionStatusForm => tr!(
                l,
                "write `đạt` (met) or `chưa đạt` (not met)",
                "ghi `đạt` hoặc `chưa đạt`"
            ),
            YesNoWordForm => tr!(
                l,
                "write `đạt` or `không đạt`",
                "ghi `đạt` hoặc `không đạt`"
            ),
            WritePlanYear { year } => tr!(l, "write `year = {year}`", "ghi `year = {year}`"),
            CriteriaOfRuleset { ruleset } => tr!(
                l,
                "`ntm-report rules {ruleset}` lists the criteria",
                "`ntm-report rules {ruleset}` liệt kê các tiêu chí"
            ),
            Windows1258 => tr!(
                l,
                "a file saved by Excel in a Vietnamese locale may be Windows-1258: run with `--encoding windows-1258`, or save it as UTF-8",
                "tệp do Excel lưu có thể dùng bảng mã Windows-1258: chạy lại với `--encoding windows-1258`, hoặc lưu tệp dưới dạng UTF-8"
            ),
            Utf16 => tr!(
                l,
                "run with `--encoding utf-16le` (or `utf-16be`), or save it as UTF-8",
                "chạy lại với `--encoding utf-16le` (hoặc `utf-16be`), hoặc lưu tệp dưới dạng UTF-8"
            ),
            CloseQuote => tr!(
                l,
                "close the quote, or remove it: everything after it would be one cell",
                "đóng dấu ngoặc kép hoặc xóa nó: toàn bộ phần sau sẽ bị đọc thành một ô"
            ),
            TemplatesExport => tr!(
                l,
                "`ntm-report templates export DIR` writes the built-in templates out for comparison",
                "`ntm-report templates export DIR` xuất các mẫu dựng sẵn ra để đối chiếu"
            ),
            TemplateNames { names } => tr!(l, "template names: {names}", "tên các mẫu: {names}"),
            RulesetYears => tr!(
                l,
                "name the ruleset in force that year in ntm.toml, or correct valid_from/valid_to",
                "ghi trong ntm.toml bộ tiêu chí có hiệu lực năm đó, hoặc sửa valid_from/valid_to"
            ),
            FirstGivenInSheet { file, sheet, cell } => tr!(
                l,
                "first given in {file}, sheet \"{sheet}\", cell {cell}",
                "đã ghi lần đầu ở {file}, trang tính \"{sheet}\", ô {cell}"
            ),
            SheetNames { names } => tr!(
                l,
                "name the sheet as one of the tables: {names}",
                "đặt tên trang tính theo một trong các bảng: {names}"
            ),
            KnownStatuses => tr!(
                l,
                "write `đạt` (or `x`) for met, `chưa đạt` (or leave the cell empty) for not met; give a note in the report's narrative",
                "ghi `đạt` (hoặc `x`) nếu đạt, `chưa đạt` (hoặc để trống) nếu chưa đạt; nêu rõ trong phần thuyết minh của báo cáo"
            ),
            WideStatusForm => tr!(
                l,
                "write `x` or `đạt` for met; leave the cell empty or write `chưa đạt` for not met",
                "ghi `x` hoặc `đạt` nếu đạt; để trống hoặc ghi `chưa đạt` nếu chưa đạt"
            ),
            RatioColumns { id } => tr!(
                l,
                "head two columns `{id} tử số` and `{id} mẫu số` (numerator and denominator)",
                "đặt hai cột `{id} tử số` và `{id} mẫu số`"
            ),
            IdAsText => tr!(
                l,
                "type it as text: start it with an apostrophe ('17.10) or format the cell as text",
                "gõ dạng văn bản: thêm dấu nháy đơn ở đầu ('17.10) hoặc định dạng ô là văn bản"
            ),
        }
    }
}

/// "`a`, `b` or `c`".
fn one_of(options: &[&str], or: &str) -> String {
    let quoted: Vec<String> = options.iter().map(|o| format!("`{o}`")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} {or} {last}", rest.join(", ")),
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}
