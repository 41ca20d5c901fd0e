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
    NulByte,
    CloseQuote,
    TemplatesExport,
    TemplateNames {
        names: String,
    },
    BuiltinRulesets {
        ids: String,
    },
    BreakSourceCycle,
    TemplateLimits,
    SymlinkRule,
    RenameFile,
    InvisibleCharacters,
    ThousandsSeparator {
        meant: String,
    },
    DigitsLimit,
    RulesetYears,
    /// The end of a commune ended by a merger is the merger's effective date.
    UntilIsEffectiveDate,
    /// The days a unit of a recognition event exists.
    EventWithinValidity {
        from: String,
        until: String,
    },
    AcknowledgeMergedCommune,
    NtmLevelInRulesets,
    DeclareRequiredLevel,
    RecogniseBeforeRevoking,
    RulesetDates,
    CoverStatusDate {
        date: String,
    },
    RosterForStatusDate {
        date: String,
    },
    BreakCycle,
    OneSuccessor,
    DistinctNames,
    MoveVillages,
    NamePredecessors,
    FirstGivenInSheet {
        file: String,
        sheet: String,
        cell: String,
    },
    SheetNames {
        names: String,
    },
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
                "write `đạt` (met), `chưa đạt` (not met), `cơ bản đạt` (basically met) or `không đánh giá` (not assessed)",
                "ghi `đạt`, `chưa đạt`, `cơ bản đạt` hoặc `không đánh giá`"
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
            NulByte => tr!(
                l,
                "remove the NUL byte (a file cut or joined by a program, or binary data pasted in); if the whole file is UTF-16, run with `--encoding utf-16le`",
                "xóa byte NUL (tệp bị một chương trình cắt hoặc ghép, hoặc dán dữ liệu nhị phân vào); nếu cả tệp là UTF-16, chạy lại với `--encoding utf-16le`"
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
            BuiltinRulesets { ids } => tr!(
                l,
                "built-in rulesets: {ids}",
                "các bộ tiêu chí dựng sẵn: {ids}"
            ),
            BreakSourceCycle => tr!(
                l,
                "give the source at the top of the tree no `parent`",
                "bỏ `parent` ở nguồn vốn đứng đầu cây"
            ),
            TemplateLimits => tr!(
                l,
                "a template may run a bounded amount of work, nesting and output (README, “The report”); look for a loop or a macro that calls itself",
                "mỗi mẫu chỉ được làm một lượng việc, độ lồng và độ dài có giới hạn; hãy tìm vòng lặp hoặc macro tự gọi chính nó"
            ),
            SymlinkRule => tr!(
                l,
                "symbolic links are followed; what they lead to must be a regular file (or a folder, where a folder is expected)",
                "liên kết tượng trưng (symlink) được đi theo; đích của nó phải là một tệp thường (hoặc một thư mục, ở chỗ cần thư mục)"
            ),
            RenameFile => tr!(
                l,
                "rename it with letters, digits and `-` (e.g. `huoi-luong.toml`)",
                "đổi tên tệp chỉ gồm chữ, số và `-` (ví dụ `huoi-luong.toml`)"
            ),
            InvisibleCharacters => tr!(
                l,
                "zero-width spaces, byte-order marks, soft hyphens and control characters, often pasted from the web or Excel, print as nothing and would make equal names differ: they are removed as the file is read; delete them to silence this warning",
                "dấu cách độ rộng bằng 0, dấu BOM, gạch nối mềm và ký tự điều khiển (thường do dán từ web hoặc Excel) không hiển thị nhưng làm hai tên giống nhau thành khác nhau: chúng đã được bỏ khi đọc tệp; hãy xóa chúng để hết cảnh báo này"
            ),
            ThousandsSeparator { meant } => tr!(
                l,
                "numbers take no thousands separator: write {meant} if that is meant; a `.` (or a `,` in a `;`-separated file) is the decimal separator",
                "số không ghi dấu phân cách hàng nghìn: nếu đúng là {meant} thì ghi {meant}; dấu `.` (hoặc `,` trong tệp phân cách bằng `;`) là dấu thập phân"
            ),
            DigitsLimit => tr!(
                l,
                "values are kept as exact decimals: round it, or give it in a larger unit",
                "giá trị được lưu dưới dạng số thập phân chính xác: hãy làm tròn, hoặc ghi theo đơn vị lớn hơn"
            ),
            RulesetYears => tr!(
                l,
                "name the ruleset in force that year in ntm.toml, or correct valid_from/valid_to",
                "ghi trong ntm.toml bộ tiêu chí có hiệu lực năm đó, hoặc sửa valid_from/valid_to"
            ),
            EventWithinValidity { from, until } => tr!(
                l,
                "it exists from {from} until (not including) {until}: correct the date or the unit",
                "đơn vị này tồn tại từ {from} đến trước ngày {until}: hãy sửa ngày hoặc mã đơn vị"
            ),
            NtmLevelInRulesets => tr!(
                l,
                "name the NTM sets in [rulesets] (`commune`, `village`), and only nang-cao, kieu-mau or hien-dai in [[levels]]",
                "ghi bộ tiêu chí NTM tại [rulesets] (`commune`, `village`); tại [[levels]] chỉ ghi nang-cao, kieu-mau hoặc hien-dai"
            ),
            DeclareRequiredLevel => tr!(
                l,
                "add a [[levels]] entry for the required level (`ntm` is always declared for communes, and for villages with a village set), or correct `requires`",
                "thêm mục [[levels]] cho mức được yêu cầu (mức `ntm` luôn có cho xã, và cho thôn khi có bộ tiêu chí thôn), hoặc sửa `requires`"
            ),
            AcknowledgeMergedCommune => tr!(
                l,
                "an acknowledgement is for a commune formed by a merger (lineage.toml); a recognition of its own is `cong-nhan`",
                "thừa nhận dành cho xã hình thành do sắp xếp (lineage.toml); công nhận xã là `cong-nhan`"
            ),
            RecogniseBeforeRevoking => tr!(
                l,
                "give the recognition it revokes first: a `cong-nhan` or `thua-nhan` row dated before it, or the roster's recognized_* columns",
                "cần có quyết định công nhận trước đó: một dòng `cong-nhan` hoặc `thua-nhan` có ngày trước, hoặc các cột recognized_* của danh sách xã"
            ),
            UntilIsEffectiveDate => tr!(
                l,
                "valid_until is the first day a commune no longer exists: the effective date of the merger that ended it (valid_from of the new commune)",
                "valid_until là ngày đầu tiên xã không còn tồn tại: ngày có hiệu lực của việc sắp xếp (bằng valid_from của xã mới)"
            ),
            RulesetDates => tr!(
                l,
                "one ruleset's `until` is the next one's `from`: the day the new set replaced the old",
                "ngày `until` của bộ tiêu chí trước là ngày `from` của bộ sau: ngày bộ mới thay thế bộ cũ"
            ),
            CoverStatusDate { date } => tr!(
                l,
                "add a [[rulesets.commune]] entry in force on {date} to ntm.toml, or set status_date in the year's report.toml",
                "thêm vào ntm.toml một mục [[rulesets.commune]] có hiệu lực vào ngày {date}, hoặc ghi status_date trong report.toml của năm"
            ),
            RosterForStatusDate { date } => tr!(
                l,
                "give communes.csv rows valid on {date} (valid_from, valid_until), or set status_date in the year's report.toml",
                "bổ sung vào communes.csv các xã tồn tại vào ngày {date} (valid_from, valid_until), hoặc ghi status_date trong report.toml của năm"
            ),
            BreakCycle => tr!(
                l,
                "a commune formed on a day comes from communes that existed before it; check `into`, `whole` and `part` in lineage.toml",
                "xã hình thành vào một ngày được lập từ các xã có trước đó; kiểm tra `into`, `whole` và `part` trong lineage.toml"
            ),
            OneSuccessor => tr!(
                l,
                "an old commune that went wholly into one new commune is listed in that merger's `whole` only; one split between new communes goes in each one's `part`",
                "xã cũ nhập toàn bộ vào một xã mới chỉ ghi trong `whole` của lần sắp xếp đó; xã cũ bị chia cho nhiều xã mới thì ghi trong `part` của từng xã"
            ),
            DistinctNames => tr!(
                l,
                "check the new name in lineage.toml against the decision; two communes of one group cannot share a name",
                "đối chiếu tên mới trong lineage.toml với văn bản quyết định; hai xã trong cùng một nhóm không thể trùng tên"
            ),
            NamePredecessors => tr!(
                l,
                "add a [[merger]] to lineage.toml with `into` = the new commune and the old communes it was formed from in `whole` (or `part`)",
                "thêm vào lineage.toml một mục [[merger]] có `into` là xã mới và các xã cũ hợp thành trong `whole` (hoặc `part`)"
            ),
            MoveVillages => tr!(
                l,
                "list the village in `villages` of the merger that took it, or give it its own row in villages.csv",
                "ghi thôn, bản vào `villages` của việc sắp xếp đã nhận thôn, bản đó, hoặc ghi một dòng riêng trong villages.csv"
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
            WideStatusForm => tr!(
                l,
                "write `x` or `đạt` for met; leave the cell empty or write `chưa đạt` for not met; `cơ bản đạt` or `không đánh giá` where the appraisal says so",
                "ghi `x` hoặc `đạt` nếu đạt; để trống hoặc ghi `chưa đạt` nếu chưa đạt; ghi `cơ bản đạt` hoặc `không đánh giá` theo kết quả thẩm định"
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
