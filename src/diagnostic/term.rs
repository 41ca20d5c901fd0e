//! The words of the tables the commands print (`rules`; `diff` of a folder of units), in
//! both languages.

use super::Lang;
use super::message::tr;

/// A word or phrase of a printed table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Term {
    /// "based on", before the ruleset a ruleset extends.
    BasedOn,
    /// The column heads of a ruleset's table.
    Indicator,
    Kind,
    Threshold,
    Content,
    /// A threshold's years.
    AllYears,
    FromYear(i32),
    UntilYear(i32),
    /// The threshold of a yes/no indicator.
    Met,
    /// The footnote of the `*` marking a threshold not checked against the official text.
    NotCheckedNote,
    /// The title of `rules --unverified`.
    UncheckedTitle {
        ruleset: String,
    },
    /// Where a threshold comes from.
    Source,
    /// The count at the end of `rules --unverified`.
    UncheckedCount(usize),
    /// The heading of a ruleset's commune categories (the groups thresholds depend on).
    Categories,
    /// How many indicators the official text has, against the file's.
    IndicatorsMissing {
        official: u32,
        have: usize,
    },
    /// The criteria with no indicator, whose status is only what the data declares.
    NoIndicators {
        criteria: String,
    },
    /// A framework whose criteria are not written yet.
    Skeleton,
    /// The label of a ruleset's note.
    Note,
    /// `diff` of a folder of units: nothing differs between the two sides.
    NoDifferences,
    /// A unit found on one side only: "only in 2024".
    OnlyIn {
        side: String,
    },
    /// The heading of the summary's totals.
    Summary,
    /// The title of the Markdown form: "So sánh 2024 → 2025: các đơn vị và bản tổng hợp".
    UnitsDiffTitle {
        a: String,
        b: String,
    },
    /// The column heads of the summary's table: the figure, and its change.
    Figure,
    Change,
    /// A figure of the summary's totals, by the field of `tally` it is (`diff --format
    /// json`'s `figure`).
    SummaryFigure(SummaryFigure),
}

/// A figure of a folder of units' summary that `diff` compares.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SummaryFigure {
    Communes,
    Recognized,
    TotalCriteriaMet,
    AverageCriteriaPerCommune,
    Villages,
    VillagesMeetingAll,
    Funding,
    DisbursementPlan,
    Disbursed,
    /// The communes meeting a criterion (`criteria.5`).
    Criterion(String),
}

impl SummaryFigure {
    /// The figure of a name of `diff --format json` (`"communes"`, `"criteria.5"`).
    pub fn of(name: &str) -> Option<SummaryFigure> {
        if let Some(n) = name.strip_prefix("criteria.") {
            return Some(SummaryFigure::Criterion(n.to_string()));
        }
        Some(match name {
            "communes" => SummaryFigure::Communes,
            "recognized" => SummaryFigure::Recognized,
            "total_criteria_met" => SummaryFigure::TotalCriteriaMet,
            "average_criteria_per_commune" => SummaryFigure::AverageCriteriaPerCommune,
            "villages" => SummaryFigure::Villages,
            "villages_meeting_all" => SummaryFigure::VillagesMeetingAll,
            "funding" => SummaryFigure::Funding,
            "disbursement_plan" => SummaryFigure::DisbursementPlan,
            "disbursed" => SummaryFigure::Disbursed,
            _ => return None,
        })
    }
}

/// A question `new` asks on a terminal, for an option not given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Question {
    Year,
    Level,
    Name,
    Label,
    Province,
    Issuer,
    Signer,
    CommuneRuleset,
    Communes,
}

impl Question {
    /// The question in a language.
    pub fn text(self, lang: Lang) -> String {
        let l = lang;
        match self {
            Question::Year => tr!(l, "First report year", "Năm báo cáo đầu tiên"),
            Question::Level => tr!(
                l,
                "Level (district or province)",
                "Cấp báo cáo (district: huyện, province: tỉnh)"
            ),
            Question::Name => tr!(l, "Name of the unit", "Tên đơn vị (ví dụ: Phong Thổ)"),
            Question::Label => tr!(
                l,
                "How the report calls the unit",
                "Cách gọi đơn vị trong báo cáo"
            ),
            Question::Province => tr!(l, "Province", "Tỉnh"),
            Question::Issuer => tr!(l, "Issuing body", "Cơ quan ban hành"),
            Question::Signer => tr!(l, "Name of the signer", "Họ tên người ký"),
            Question::CommuneRuleset => tr!(
                l,
                "Commune ruleset (ntm-report rules lists them)",
                "Bộ tiêu chí xã (xem: ntm-report rules)"
            ),
            Question::Communes => tr!(
                l,
                "Communes, one per line (an empty line ends)",
                "Tên các xã, mỗi dòng một xã (dòng trống để kết thúc)"
            ),
        }
    }
}

impl Term {
    /// The term in a language.
    pub fn text(&self, lang: Lang) -> String {
        let l = lang;
        match self {
            Term::BasedOn => tr!(l, "based on", "dựa trên"),
            Term::Indicator => tr!(l, "indicator", "chỉ tiêu"),
            Term::Kind => tr!(l, "kind", "loại"),
            Term::Threshold => tr!(l, "threshold", "ngưỡng"),
            Term::Content => tr!(l, "content", "nội dung"),
            Term::AllYears => tr!(l, "all years", "mọi năm"),
            Term::FromYear(year) => tr!(l, "from {year}", "từ {year}"),
            Term::UntilYear(year) => tr!(l, "until {year}", "đến {year}"),
            Term::Met => tr!(l, "met", "đạt"),
            Term::NotCheckedNote => tr!(
                l,
                "* not checked against the official text",
                "* chưa đối chiếu với văn bản chính thức"
            ),
            Term::UncheckedTitle { ruleset } => tr!(
                l,
                "{ruleset} — thresholds not checked against the official text:",
                "{ruleset} — các ngưỡng chưa đối chiếu với văn bản chính thức:"
            ),
            Term::Source => tr!(l, "source", "nguồn"),
            Term::UncheckedCount(count) => {
                tr!(l, "{count} unverified", "{count} ngưỡng chưa đối chiếu")
            }
            Term::Categories => tr!(
                l,
                "commune categories (thresholds may differ by them):",
                "nhóm xã, loại xã (ngưỡng có thể khác nhau theo nhóm):"
            ),
            Term::IndicatorsMissing { official, have } => tr!(
                l,
                "the official text has {official} indicators; this file has {have}",
                "văn bản chính thức có {official} chỉ tiêu; tệp này có {have}"
            ),
            Term::NoIndicators { criteria } => tr!(
                l,
                "criteria with no indicator (status only as the data declares it): {criteria}",
                "tiêu chí chưa có chỉ tiêu (tình trạng chỉ theo kết quả đánh giá được khai báo): {criteria}"
            ),
            Term::Skeleton => tr!(
                l,
                "skeleton: no criterion of the framework is written yet; it evaluates nothing",
                "khung chưa có nội dung: chưa có tiêu chí nào, không dùng để đánh giá được"
            ),
            Term::Note => tr!(l, "note", "ghi chú"),
            Term::NoDifferences => tr!(l, "No differences", "Không có thay đổi"),
            Term::OnlyIn { side } => tr!(l, "only in {side}", "chỉ có ở {side}"),
            Term::Summary => tr!(l, "Summary", "Tổng hợp"),
            Term::UnitsDiffTitle { a, b } => tr!(
                l,
                "Changes {a} → {b}: the units and the summary",
                "So sánh {a} → {b}: các đơn vị và bản tổng hợp"
            ),
            Term::Figure => tr!(l, "Figure", "Chỉ tiêu"),
            Term::Change => tr!(l, "Change", "Thay đổi"),
            Term::SummaryFigure(f) => f.text(lang),
        }
    }
}

impl SummaryFigure {
    /// The figure's words in a language.
    pub fn text(&self, lang: Lang) -> String {
        let l = lang;
        match self {
            SummaryFigure::Communes => tr!(l, "Communes", "Số xã"),
            SummaryFigure::Recognized => tr!(l, "Communes recognised NTM", "Số xã đạt chuẩn NTM"),
            SummaryFigure::TotalCriteriaMet => {
                tr!(l, "Criteria met in total", "Tổng số tiêu chí đạt")
            }
            SummaryFigure::AverageCriteriaPerCommune => {
                tr!(l, "Average criteria per commune", "Bình quân tiêu chí/xã")
            }
            SummaryFigure::Villages => tr!(l, "Villages", "Số thôn, bản"),
            SummaryFigure::VillagesMeetingAll => tr!(
                l,
                "Villages meeting every criterion",
                "Số thôn, bản đạt chuẩn"
            ),
            SummaryFigure::Funding => tr!(l, "Funding (million VND)", "Vốn huy động (triệu đồng)"),
            SummaryFigure::DisbursementPlan => tr!(
                l,
                "Disbursement plan (million VND)",
                "Kế hoạch vốn giải ngân (triệu đồng)"
            ),
            SummaryFigure::Disbursed => {
                tr!(l, "Disbursed (million VND)", "Đã giải ngân (triệu đồng)")
            }
            SummaryFigure::Criterion(n) => {
                tr!(l, "Communes meeting criterion {n}", "Số xã đạt TC {n}")
            }
        }
    }
}
