//! The message catalogue: every problem the tool reports, with its stable code and its text
//! in English and Vietnamese. `text` matches every variant in both languages, so a message
//! without a translation does not compile. `docs/diagnostics.md` documents each code.

use super::Lang;

/// Formats the English or the Vietnamese text, capturing the variant's fields by name.
macro_rules! tr {
    ($lang:expr, $en:literal, $vi:literal) => {
        match $lang {
            Lang::En => format!($en),
            Lang::Vi => format!($vi),
        }
    };
}
pub(crate) use tr;

/// The units of a level (`commune`, `village`) as Vietnamese sentences name them.
fn units_vi(units: &str) -> &'static str {
    if units == "village" { "thôn" } else { "xã" }
}

/// What kind of thing an id names, as the messages say it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum What {
    Commune,
    Village,
    Criterion,
    Indicator,
    Measure,
    FundingSource,
}

impl What {
    /// The noun in a language.
    pub fn noun(self, lang: Lang) -> &'static str {
        match self {
            What::Commune => lang.pick("commune", "xã"),
            What::Village => lang.pick("village", "thôn, bản"),
            What::Criterion => lang.pick("criterion", "tiêu chí"),
            What::Indicator => lang.pick("indicator", "chỉ tiêu"),
            What::Measure => lang.pick("measure", "số liệu"),
            What::FundingSource => lang.pick("funding source", "nguồn vốn"),
        }
    }
}

/// A place in an audited report, as a message names it ("line 42", "table 3, row 2, cell 4").
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Where {
    Line(usize),
    Paragraph(usize),
    Cell {
        table: usize,
        row: usize,
        cell: usize,
    },
    Footnote(usize),
}

impl Where {
    /// The place in a language.
    pub fn text(&self, lang: Lang) -> String {
        let l = lang;
        match self {
            Where::Line(n) => tr!(l, "line {n}", "dòng {n}"),
            Where::Paragraph(n) => tr!(l, "paragraph {n}", "đoạn {n}"),
            Where::Cell { table, row, cell } => tr!(
                l,
                "table {table}, row {row}, cell {cell}",
                "bảng {table}, hàng {row}, ô {cell}"
            ),
            Where::Footnote(n) => tr!(l, "footnote {n}", "chú thích {n}"),
        }
    }
}

/// What a figure of an audited report is about, when it is compared with the data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Topic {
    /// The number of communes meeting a criterion.
    Criterion(u32),
    /// The change of that number since the year before.
    CriterionChange(u32),
    /// A district total of an indicator.
    Indicator(String),
    /// The number of communes meeting an indicator.
    IndicatorCommunes(String),
    Average,
    PreviousAverage,
    TotalCriteria,
    /// A class of communes ("10 - 14").
    Class(String),
    /// A class of villages.
    VillageClass(String),
    VillageTotal,
    Recognized,
    /// A commune's criteria met against the current set.
    Reassessed(String),
}

impl Topic {
    /// The topic in a language.
    pub fn text(&self, lang: Lang) -> String {
        let l = lang;
        match self {
            Topic::Criterion(n) => tr!(
                l,
                "communes meeting criterion {n}",
                "số xã đạt tiêu chí {n}"
            ),
            Topic::CriterionChange(n) => tr!(
                l,
                "the change in communes meeting criterion {n}",
                "số xã đạt tiêu chí {n} tăng, giảm"
            ),
            Topic::Indicator(id) => tr!(l, "indicator {id}", "chỉ tiêu {id}"),
            Topic::IndicatorCommunes(id) => tr!(
                l,
                "communes meeting indicator {id}",
                "số xã đạt chỉ tiêu {id}"
            ),
            Topic::Average => tr!(
                l,
                "the average criteria per commune",
                "bình quân tiêu chí/xã"
            ),
            Topic::PreviousAverage => tr!(
                l,
                "the average criteria per commune of the year before",
                "bình quân tiêu chí/xã năm trước"
            ),
            Topic::TotalCriteria => tr!(l, "the criteria met in all", "tổng số tiêu chí đạt"),
            Topic::Class(label) => tr!(
                l,
                "communes with {label} criteria",
                "số xã đạt {label} tiêu chí"
            ),
            Topic::VillageClass(label) => tr!(
                l,
                "villages with {label} criteria",
                "số thôn, bản đạt {label} tiêu chí"
            ),
            Topic::VillageTotal => tr!(l, "villages assessed", "số thôn, bản được đánh giá"),
            Topic::Recognized => tr!(
                l,
                "communes recognised as NTM",
                "số xã đã được công nhận đạt chuẩn nông thôn mới"
            ),
            Topic::Reassessed(c) => tr!(
                l,
                "{c}: criteria met against the current set",
                "xã {c}: số tiêu chí đạt theo bộ tiêu chí hiện hành"
            ),
        }
    }
}

/// One problem found in the user's files (or in the tool's own inputs).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Message {
    // ---- reading files --------------------------------------------------------------------
    /// A required file is missing.
    FileRequired,
    /// The file system refused to give the file.
    CannotRead {
        detail: String,
    },
    NotAFile {
        kind: crate::load::Kind,
    },
    NotAFolder {
        kind: crate::load::Kind,
    },
    BrokenLink,
    FileTooLarge {
        bytes: u64,
    },
    /// A report given to `audit` with more text than
    /// [`crate::audit::MAX_DOCUMENT_BYTES`].
    ReportTooLarge {
        bytes: usize,
        limit: String,
    },
    BadFileName,
    /// Bytes that are not UTF-8, in a file without a byte-order mark.
    NotUtf8 {
        byte: u8,
    },
    /// NUL bytes in a file without a byte-order mark: UTF-16 without its BOM.
    LooksLikeUtf16,
    /// A NUL byte in a file that is otherwise UTF-8 (not the pattern of UTF-16).
    NulByte,
    /// The file is not valid in the encoding it was read as.
    BadEncoding {
        encoding: String,
    },
    // ---- the command line -----------------------------------------------------------------
    /// The data folder named (`--data`, a side of `diff`) does not exist.
    NoDataFolder,
    /// An output (a build's folder, a file `init` writes in memory) could not be written.
    CannotWriteOutput {
        detail: String,
    },
    /// A file `init`, `new` or `templates export` writes could not be written.
    CannotWrite {
        detail: String,
    },
    /// The arguments do not parse, in a way the catalogue has no message of its own for
    /// (clap's own message, in English, after a translated lead).
    BadUsage {
        detail: String,
    },
    /// The arguments name a command that does not exist.
    UnknownCommand {
        given: String,
        suggestion: Option<String>,
    },
    /// The arguments give an option the command does not have.
    UnknownOption {
        given: String,
        suggestion: Option<String>,
    },
    /// Arguments the command requires are not given (`<YEAR>`).
    MissingArguments {
        names: String,
    },
    /// An option's value is not one it takes.
    BadOptionValue {
        option: String,
        value: String,
        /// The values it takes, when they are a list; empty otherwise.
        valid: String,
    },
    /// A side of `diff` is neither YEAR nor DIR/YEAR.
    NotAYearOrFolder {
        arg: String,
    },
    /// `rules NAME`: no built-in ruleset has the name and no file does.
    NoSuchRuleset {
        name: String,
    },
    /// `init YEAR` without a folder for the year before.
    NoPreviousYear {
        year: i32,
        previous: i32,
    },
    /// `init YEAR` when the year before has errors.
    PreviousYearInvalid {
        year: i32,
        errors: usize,
    },
    /// `new DIR` where DIR holds a data folder already.
    AlreadyADataFolder {
        dir: String,
    },
    /// `new` without some of what it needs.
    NewNeeds {
        options: String,
    },
    /// `new --year` that is not a number.
    YearNotANumber {
        year: String,
    },
    // ---- syntax ---------------------------------------------------------------------------
    /// The TOML parser's own message (English only, it comes from the parser).
    TomlSyntax {
        detail: String,
    },
    /// A key the file format does not have (a misspelt field).
    UnknownKey {
        key: String,
    },
    /// A key the file format requires.
    MissingKey {
        key: String,
    },
    /// A key given twice in one table.
    DuplicateKey,
    /// A value of the wrong type (`detail` from the TOML reader).
    WrongType {
        detail: String,
    },
    /// The CSV reader's own message.
    CsvSyntax {
        detail: String,
    },
    /// A `"` opened and never closed: the rest of the file would be one cell.
    UnbalancedQuote,
    UnknownColumn {
        column: String,
    },
    /// A table with more columns than [`crate::validate::table::MAX_COLUMNS`].
    TooManyColumns {
        columns: usize,
        limit: usize,
    },
    /// A line of a CSV table longer than [`crate::validate::table::MAX_LINE_BYTES`].
    LineTooLong {
        bytes: usize,
        limit: String,
    },
    DuplicateColumn {
        column: String,
    },
    MissingColumn {
        column: String,
    },
    WrongCellCount {
        cells: usize,
        expected: usize,
    },
    /// More than [`crate::validate::table::MAX_WRONG_ROWS`] rows of a CSV table with the
    /// wrong number of cells: the rest of the table is not read.
    TooManyWrongRows {
        limit: usize,
    },
    /// An empty cell where a value is required.
    MissingValue {
        column: String,
    },
    // ---- ids and references ---------------------------------------------------------------
    InvalidId {
        what: What,
        id: String,
    },
    DuplicateId {
        what: What,
        id: String,
    },
    UnknownCommune {
        id: String,
    },
    UnknownVillage {
        id: String,
    },
    UnknownCriterion {
        number: u32,
        ruleset: String,
    },
    UnknownIndicator {
        id: String,
        ruleset: String,
    },
    UnknownMeasure {
        id: String,
    },
    UnknownCategory {
        category: String,
    },
    VillageWithoutCommune {
        village: String,
    },
    VillageUnknownCommune {
        village: String,
        commune: String,
    },
    /// An item (criterion, indicator, measure) given twice for one commune.
    GivenTwice {
        item: String,
    },
    DuplicateVillageRow {
        village: String,
    },
    DuplicateDocument {
        number: String,
        date: String,
    },
    CommunePlannedTwice {
        id: String,
    },
    CriterionRegisteredTwice {
        number: u32,
    },
    EmptyRoster,
    VillagesWithoutRow {
        count: usize,
        shown: String,
    },
    CommuneWithoutData {
        id: String,
        name: String,
        year: i32,
    },
    SourceWithoutStatus {
        criterion: String,
    },
    FileNameMismatch {
        stem: String,
        id: String,
    },
    IgnoredFile {
        expected: &'static str,
    },
    InvisibleCharacters {
        count: usize,
        first: String,
    },
    // ---- values ---------------------------------------------------------------------------
    ExpectedNumber,
    NotANumber {
        text: String,
    },
    TooManyDigits,
    NumberTooLarge {
        digits: usize,
    },
    /// A whole quantity written like `1.530`: read as 1.53, meant as 1530?
    ThousandsSeparator {
        value: String,
        read: String,
        meant: String,
    },
    InvalidDate {
        text: String,
    },
    NotAStatus {
        text: String,
    },
    NotAYesNo {
        text: String,
    },
    NegativeValue {
        id: String,
        value: String,
    },
    NegativeAmount {
        value: String,
    },
    NegativeRatio,
    ZeroDenominator,
    NumeratorAboveDenominator {
        numerator: String,
        denominator: String,
    },
    PercentOver100 {
        value: String,
    },
    NotWholeNumber {
        id: String,
        value: String,
    },
    IndicatorWithoutValue {
        id: String,
    },
    IndicatorValueForm {
        id: String,
        kind: &'static str,
    },
    AlwaysApplies {
        id: String,
    },
    MissingDenominator {
        id: String,
    },
    TakesNoDenominator {
        id: String,
    },
    RatioMeasureForm {
        detail: String,
    },
    MeasureIsRatio {
        id: String,
    },
    MeasureIsScalar {
        id: String,
    },
    DisbursedAbovePlan {
        disbursed: String,
        plan: String,
    },
    ParentWithAmount {
        id: String,
    },
    SourceWithoutAmount {
        id: String,
    },
    UnknownParentSource {
        id: String,
    },
    SourceCycle {
        ids: String,
    },
    UnknownDisbursementKind {
        kind: String,
    },
    UnknownOrigin {
        origin: String,
    },
    PlanForWrongYear {
        year: i32,
        planned: i32,
    },
    RecognitionWithoutDecision,
    /// A commune's criteria (numbers in ruleset order, `, `-joined) with neither a declared
    /// status nor complete indicator values.
    CriterionWithoutStatus {
        commune: String,
        criteria: String,
        count: usize,
    },
    // ---- configuration and rulesets -------------------------------------------------------
    UnknownUnitLevel {
        level: String,
    },
    ClassGap {
        criteria: u32,
    },
    ClassOverlap {
        criteria: u32,
    },
    /// Classes over statuses leave a commune with these counts in no class.
    ClassRuleGap {
        met: u32,
        basically_met: u32,
        not_assessed: u32,
        not_met: u32,
    },
    /// A class counts a status that does not exist.
    UnknownClassCount {
        name: String,
    },
    RulesetFileMissing {
        name: String,
    },
    UnknownBuiltinRuleset {
        name: String,
    },
    RulesetWrongLevel {
        name: String,
        level: &'static str,
    },
    RulesetOutsideYears {
        id: String,
        year: i32,
        from: String,
        to: String,
    },
    NoYearFolder {
        year: i32,
    },
    NoThreshold {
        indicator: String,
        year: i32,
        category: String,
    },
    UnknownRulesetLevel {
        level: String,
    },
    CriterionDefinedTwice {
        number: u32,
    },
    UnknownGroup {
        group: String,
    },
    UnknownIndicatorKind {
        kind: String,
    },
    UnknownMeasureKind {
        kind: String,
    },
    UnknownComparator {
        comparator: String,
    },
    NeedsComparator {
        id: String,
    },
    UnknownApplicability {
        value: String,
    },
    ThresholdNotANumber,
    // ---- rosters over time, lineage, rulesets by date --------------------------------------
    /// A commune (or village, or ruleset entry) whose end is not after its start.
    EndsBeforeStart {
        id: String,
        from: String,
        until: String,
    },
    /// No commune of the roster exists on a year's status date.
    EmptyYearRoster {
        year: i32,
        date: String,
    },
    /// Two rulesets of one level in force on the same day.
    RulesetsOverlap {
        first: String,
        second: String,
        date: String,
    },
    /// No ruleset of a level in force on a year's status date.
    NoRulesetInForce {
        level: &'static str,
        year: i32,
        date: String,
    },
    /// A ruleset that extends another which extends it, in the end.
    RulesetExtendsCycle {
        chain: String,
    },
    /// An old commune wholly part of two new ones, or given twice.
    FormedTwice {
        id: String,
        first: String,
        second: String,
    },
    /// Communes that are, through the lineage, their own predecessors.
    PredecessorCycle {
        chain: String,
    },
    /// A merger with no old commune.
    MergerWithoutPredecessors {
        into: String,
    },
    /// A rename without a new name.
    EmptyRename {
        id: String,
    },
    /// Two renames of one commune on one day.
    RenamedTwice {
        id: String,
        date: String,
    },
    /// A rename giving a commune the name another commune of its group has that day: the
    /// report could not tell them apart.
    NameTaken {
        id: String,
        name: String,
        other: String,
        date: String,
    },
    /// A roster date that disagrees with the lineage.
    LineageDateMismatch {
        id: String,
        column: &'static str,
        roster: String,
        lineage: String,
    },
    /// A commune a lineage event needs on a day it does not exist.
    NotInRosterOn {
        id: String,
        date: String,
    },
    UnknownBasis {
        basis: String,
    },
    StatusDateOutsideYear {
        year: i32,
        date: String,
    },
    // ---- recognition events (recognitions.csv) -------------------------------------------
    /// An event of a unit that is neither a commune of the roster nor a village.
    UnknownRecognitionUnit {
        id: String,
    },
    /// A level that is not `ntm`, `nang-cao`, `kieu-mau` or `hien-dai`.
    UnknownRecognitionLevel {
        text: String,
    },
    /// An event that is not `cong-nhan`, `thua-nhan` or `thu-hoi`.
    UnknownRecognitionEvent {
        text: String,
    },
    /// An event dated on a day its unit does not exist.
    EventOutsideValidity {
        id: String,
        date: String,
    },
    /// An acknowledgement (thừa nhận) of a commune no merger formed.
    AcknowledgementWithoutMerger {
        id: String,
    },
    /// A revocation (thu hồi) of a recognition the unit does not hold.
    RevocationWithoutRecognition {
        id: String,
        level: &'static str,
        date: String,
    },
    /// `[[levels]]` with `of` neither `commune` nor `village`.
    UnknownLevelUnits {
        text: String,
    },
    /// `[[levels]]` naming `ntm`, the level whose sets `[rulesets]` names.
    LevelOfRulesets {
        units: &'static str,
    },
    /// A village level without a village set in `[rulesets]`.
    VillageLevelWithoutVillageSet {
        level: &'static str,
    },
    /// A level of `[[levels]]` named twice for the same units.
    LevelDeclaredTwice {
        level: &'static str,
        units: &'static str,
    },
    /// A level requiring a level that `ntm.toml` does not declare for the same units.
    RequiredLevelMissing {
        level: &'static str,
        requires: &'static str,
        units: &'static str,
    },
    /// Levels requiring each other in a circle.
    LevelRequirementCycle {
        levels: String,
    },
    /// A commune of the report year with no commune of the year before to compare with.
    NoPredecessors {
        id: String,
        from: String,
        to: String,
    },
    /// A village whose commune was split between new ones, with no event saying where it went.
    VillageOfSplitCommune {
        village: String,
        commune: String,
        date: String,
    },
    // ---- audit of a report --------------------------------------------------------------
    /// A count and the names beside it disagree.
    AuditNamesCount {
        count: String,
        named: usize,
    },
    /// A name given twice in one list.
    AuditNameTwice {
        name: String,
    },
    /// A count of criteria and the criteria listed beside it disagree.
    AuditCriteriaCount {
        count: String,
        listed: usize,
        numbers: String,
    },
    /// A percentage that its ratio does not give.
    AuditPercent {
        part: String,
        whole: String,
        exact: String,
        rounded: String,
        stated: String,
        denominator: String,
    },
    /// A total that its parts do not add up to.
    AuditPartsSum {
        total: String,
        sum: String,
        parts: String,
    },
    /// Met and not met that do not make the whole.
    AuditSplit {
        met: u32,
        not_met: u32,
        sum: u32,
        whole: u32,
    },
    /// "tăng 01 xã" without saying which.
    AuditChangeUnnamed {
        change: String,
    },
    /// A change whose size is not the names gained less the names lost.
    AuditChangeNames {
        change: String,
        gained: usize,
        lost: usize,
    },
    /// A commune named as gained that is not in the list of those meeting.
    AuditGainedNotMet {
        name: String,
        criterion: u32,
    },
    /// A commune named as lost that is in the list of those meeting.
    AuditLostButMet {
        name: String,
        criterion: u32,
    },
    /// One criterion's count given twice with two values.
    AuditCriterionTwice {
        criterion: u32,
        first: String,
        second: String,
        at: Where,
    },
    /// One amount given twice with two values.
    AuditStatedTwice {
        what: String,
        first: String,
        second: String,
        at: Where,
    },
    /// An average that the per-criterion counts do not give.
    AuditAverageCounts {
        stated: String,
        computed: String,
        total: u32,
        communes: u32,
    },
    /// An average that the stated total does not give.
    AuditAverageTotal {
        stated: String,
        computed: String,
        total: u32,
        communes: u32,
    },
    /// The year before's average that the counts and their changes do not give.
    AuditPreviousAverage {
        stated: String,
        computed: String,
        total: u32,
        communes: u32,
    },
    /// A table's total that its rows do not add up to.
    AuditColumnSum {
        column: String,
        stated: String,
        computed: String,
        rows: usize,
    },
    /// A table's count of marked cells that the marks do not give.
    AuditColumnMarks {
        column: String,
        stated: String,
        computed: String,
    },
    /// A row's count that its marks do not give.
    AuditRowMarks {
        row: String,
        stated: String,
        computed: String,
    },
    /// A difference column that its two columns do not give.
    AuditColumnDifference {
        column: String,
        stated: String,
        computed: String,
    },
    /// An average row that the total row does not give.
    AuditColumnAverage {
        column: String,
        stated: String,
        computed: String,
        rows: usize,
    },
    /// A row numbered out of sequence.
    AuditRowNumber {
        stated: String,
        expected: String,
    },
    /// A planned total that is not this year's total plus the criteria to add.
    AuditPlanTotal {
        current: u32,
        added: u32,
        sum: u32,
        stated: u32,
    },
    /// A total of criteria that the per-criterion counts do not give.
    AuditTotalCounts {
        stated: u32,
        sum: u32,
    },
    /// A class count the per-criterion lists do not allow.
    AuditClassCount {
        label: String,
        stated: String,
        possible: String,
        names: String,
    },
    /// A commune listed in a class the per-criterion lists do not put it in.
    AuditClassMember {
        name: String,
        label: String,
        count: String,
    },
    /// Classes that do not add up to all communes (or villages).
    AuditClassesSum {
        sum: u32,
        total: u32,
        villages: bool,
    },
    /// A commune's met and not-met criteria that do not make all criteria.
    AuditReassessedSum {
        commune: String,
        met: u32,
        not_met: u32,
        sum: u32,
        of: u32,
    },
    /// Criteria in neither of a commune's lists.
    AuditReassessedNeither {
        commune: String,
        numbers: String,
    },
    /// Criteria in both of a commune's lists.
    AuditReassessedBoth {
        commune: String,
        numbers: String,
    },
    /// One appendix number cited for two different things.
    AuditAppendixTwice {
        id: String,
        at: Where,
    },
    /// Two appendices with one number.
    AuditAppendixTitleTwice {
        id: String,
        at: Where,
    },
    /// A name that is not a commune of the data.
    AuditUnknownName {
        name: String,
    },
    /// A figure the data gives otherwise.
    AuditData {
        topic: Topic,
        stated: String,
        computed: String,
    },
    /// A list of communes the data gives otherwise.
    AuditDataNames {
        topic: Topic,
        missing: String,
        extra: String,
    },
    // ---- templates and narrative ----------------------------------------------------------
    TemplateSyntax {
        detail: String,
    },
    /// A variable or attribute the template uses and the context does not have.
    TemplateUndefined {
        name: String,
    },
    TemplateError {
        kind: String,
        detail: String,
    },
    TemplateOutOfFuel,
    TemplateTooDeep {
        limit: usize,
    },
    TemplateTooLarge {
        limit: String,
    },
    /// The report's templates together writing more than
    /// [`crate::report::templates::MAX_TOTAL_OUTPUT`], at the template that crossed it.
    TemplatesTooLarge {
        limit: String,
    },
    /// A table marker (`<!-- table:CODE -->`) printed more than once in the report: the
    /// places after the first are left out.
    TableRepeated {
        code: String,
        times: usize,
    },
    /// A template's tag with more operators than [`crate::report::templates::MAX_OPERATORS`]
    /// (the engine's parse tree would be deeper than its stack allows).
    TemplateExpressionTooLong {
        limit: usize,
    },
    /// A user template file larger than [`crate::report::templates::MAX_TEMPLATE_BYTES`],
    /// refused before it is decoded or compiled.
    TemplateFileTooLarge {
        bytes: u64,
        limit: String,
    },
    TemplatesFolderMissing,
    // ---- a folder of units --------------------------------------------------------------
    /// A unit named in a folder of units has no folder at its path.
    NoUnitFolder {
        unit: String,
    },
    /// Two units of a folder of units have the same id.
    DuplicateUnit {
        unit: String,
    },
    /// A unit's id is not lowercase letters, digits and hyphens, or is the summary's folder.
    BadUnitId {
        unit: String,
    },
    /// A unit's path is absolute or leaves the folder of units.
    UnitPathOutside {
        unit: String,
    },
    /// A unit's folder is itself a folder of units.
    NestedUnits {
        unit: String,
    },
    /// Two units of a folder of units have the same folder (by path, or through a
    /// symbolic link): its communes would be summed twice.
    UnitFolderShared {
        unit: String,
        first: String,
    },
    /// A folder of units names no unit.
    NoUnits,
    /// A unit is compiled with another commune ruleset than the first unit: their criteria
    /// cannot be summed.
    UnitRulesetDiffers {
        unit: String,
        ruleset: String,
        first: String,
        expected: String,
    },
    /// The previous output cannot be replaced: a file in it is open in another program
    /// (Windows refuses to rename a folder while Word or Excel holds a file of it).
    OutputInUse {
        file: String,
    },
    /// The folder a build would replace is not a report the program wrote.
    OutputNotAReport,
    UnknownTemplate,
    MissingNarrative {
        what: String,
    },
    UnusedNarrative,
    /// Data under `YEAR/levels/` that no level in force that year reads.
    UnusedLevelData {
        date: String,
    },
    // ---- provenance and dates ---------------------------------------------------------------
    /// The report's results rest on thresholds not checked against the official text.
    UnverifiedThresholds {
        ruleset: String,
        unverified: usize,
        used: usize,
    },
    /// A note or fragment speaks of a date as still to come, but the report is dated after it.
    PastForecast {
        date: String,
        report_date: String,
    },
    /// A document of the year is dated after the report that lists it.
    DocumentAfterReport {
        date: String,
        report_date: String,
    },
    /// An optional file holding nothing but comments, e.g. a template `init` wrote that nobody
    /// filled in: it counts as missing.
    NotFilledIn,
    // ---- workbooks ------------------------------------------------------------------------
    /// A workbook the reader cannot open (`detail` from the reader).
    UnreadableWorkbook {
        detail: String,
    },
    /// A workbook's package that unpacks to more than `limit_mb`, or holds more than `parts`
    /// parts or `sheets` sheets (a "zip bomb"): not read.
    WorkbookTooLarge {
        limit_mb: u64,
        parts: usize,
        sheets: usize,
    },
    /// A sheet whose cells span `range`, more than `limit` cells or beyond Excel's grid: the
    /// workbook is not read.
    SheetTooLarge {
        sheet: String,
        range: String,
        limit: u64,
    },
    /// A sheet whose name is no table of the data folder.
    UnknownSheet {
        sheet: String,
    },
    /// A table that may be given once, given in two places.
    TableGivenTwice {
        table: String,
        first: String,
        first_sheet: Option<String>,
    },
    /// A cell holding an error value (`#DIV/0!`), mostly a formula's.
    CellError {
        text: String,
    },
    /// A value under a column that has no header.
    ValueWithoutHeader,
    /// Communes whose rows in a wide sheet have nothing filled in: how many, and the first
    /// few ids.
    RowNotFilledIn {
        count: usize,
        shown: String,
    },
    /// A row's commune name that is not the roster's name of its id.
    NameMismatch {
        id: String,
        given: String,
        roster: String,
    },
    /// A ratio indicator given in one column instead of numerator and denominator.
    RatioInOneColumn {
        id: String,
    },
    /// A sheet with its headers only, as a template writes it: the table counts as missing.
    SheetNotFilledIn,
    /// A header or an id typed as a number, which lost its trailing zeros (`17.10` read as
    /// `17.1`).
    NumberAsId {
        value: String,
        meant: String,
    },
}

impl Message {
    /// Whether the message says that a path could not be read or written (a file, a
    /// folder, a year asked for that has no folder) or that the command line asks for
    /// something that is not there: the command then exits with 2, not 1.
    pub fn is_io(&self) -> bool {
        use Message::*;
        matches!(
            self,
            CannotRead { .. }
                | NotAFile { .. }
                | NotAFolder { .. }
                | BrokenLink
                | FileTooLarge { .. }
                | ReportTooLarge { .. }
                | BadFileName
                | NoDataFolder
                | CannotWriteOutput { .. }
                | CannotWrite { .. }
                | NotAYearOrFolder { .. }
                | NoSuchRuleset { .. }
                | AlreadyADataFolder { .. }
                | NewNeeds { .. }
                | YearNotANumber { .. }
                | NoYearFolder { .. }
                | NoPreviousYear { .. }
                | TemplatesFolderMissing
                | NoUnitFolder { .. }
                | OutputInUse { .. }
                | OutputNotAReport
        )
    }

    /// Where the message goes in the list: 0 for a file that could not be read or parsed
    /// at all (everything else about it follows from that), 2 for summaries that follow
    /// from other problems (a commune without data, villages without a row), 1 for the rest.
    pub fn tier(&self) -> u8 {
        use Message::*;
        match self {
            m if m.is_io() => 0,
            NotUtf8 { .. } | LooksLikeUtf16 | NulByte | BadEncoding { .. } | TomlSyntax { .. } => 0,
            CsvSyntax { .. } | UnbalancedQuote => 0,
            CommuneWithoutData { .. } | VillagesWithoutRow { .. } => 2,
            _ => 1,
        }
    }

    /// The stable code of the message, for CI and for `docs/diagnostics.md`.
    pub fn code(&self) -> &'static str {
        use Message::*;
        match self {
            FileRequired => "missing-file",
            CannotRead { .. } => "unreadable-file",
            NotAFile { .. } => "not-a-file",
            NotAFolder { .. } => "not-a-folder",
            BrokenLink => "broken-link",
            FileTooLarge { .. } => "file-too-large",
            ReportTooLarge { .. } => "report-too-large",
            BadFileName => "bad-file-name",
            NoDataFolder => "missing-data-folder",
            CannotWriteOutput { .. } => "cannot-write-output",
            CannotWrite { .. } => "cannot-write",
            BadUsage { .. }
            | UnknownCommand { .. }
            | UnknownOption { .. }
            | MissingArguments { .. }
            | BadOptionValue { .. } => "usage",
            NotAYearOrFolder { .. } => "not-a-year",
            NoSuchRuleset { .. } => "no-such-ruleset",
            NoPreviousYear { .. } => "missing-previous-year",
            PreviousYearInvalid { .. } => "previous-year-invalid",
            AlreadyADataFolder { .. } => "already-a-data-folder",
            NewNeeds { .. } => "new-needs",
            YearNotANumber { .. } => "year-not-a-number",
            NotUtf8 { .. } => "not-utf8",
            LooksLikeUtf16 => "utf16-without-bom",
            NulByte => "nul-byte",
            BadEncoding { .. } => "bad-encoding",
            TomlSyntax { .. } => "toml-syntax",
            UnknownKey { .. } => "unknown-key",
            MissingKey { .. } => "missing-key",
            DuplicateKey => "duplicate-key",
            WrongType { .. } => "wrong-type",
            CsvSyntax { .. } => "csv-syntax",
            UnbalancedQuote => "unbalanced-quote",
            UnknownColumn { .. } => "unknown-column",
            TooManyColumns { .. } => "too-many-columns",
            LineTooLong { .. } => "line-too-long",
            DuplicateColumn { .. } => "duplicate-column",
            MissingColumn { .. } => "missing-column",
            WrongCellCount { .. } | TooManyWrongRows { .. } => "wrong-cell-count",
            MissingValue { .. } => "missing-value",
            InvalidId { .. } => "invalid-id",
            DuplicateId { .. } => "duplicate-id",
            UnknownCommune { .. } => "unknown-commune",
            UnknownVillage { .. } => "unknown-village",
            UnknownCriterion { .. } => "unknown-criterion",
            UnknownIndicator { .. } => "unknown-indicator",
            UnknownMeasure { .. } => "unknown-measure",
            UnknownCategory { .. } => "unknown-category",
            VillageWithoutCommune { .. } => "village-without-commune",
            VillageUnknownCommune { .. } => "unknown-commune",
            GivenTwice { .. } => "duplicate-entry",
            DuplicateVillageRow { .. } => "duplicate-row",
            DuplicateDocument { .. } => "duplicate-row",
            CommunePlannedTwice { .. } => "duplicate-entry",
            CriterionRegisteredTwice { .. } => "duplicate-entry",
            EmptyRoster => "empty-roster",
            VillagesWithoutRow { .. } => "missing-row",
            CommuneWithoutData { .. } => "missing-commune-data",
            SourceWithoutStatus { .. } => "source-without-status",
            FileNameMismatch { .. } => "file-name-mismatch",
            IgnoredFile { .. } => "ignored-file",
            InvisibleCharacters { .. } => "invisible-characters",
            ExpectedNumber => "not-a-number",
            NotANumber { .. } => "not-a-number",
            TooManyDigits => "too-many-digits",
            NumberTooLarge { .. } => "number-too-large",
            ThousandsSeparator { .. } => "thousands-separator",
            InvalidDate { .. } => "invalid-date",
            NotAStatus { .. } => "not-a-status",
            NotAYesNo { .. } => "not-a-status",
            NegativeValue { .. } => "negative-value",
            NegativeAmount { .. } => "negative-value",
            NegativeRatio => "negative-value",
            ZeroDenominator => "zero-denominator",
            NumeratorAboveDenominator { .. } => "numerator-above-denominator",
            PercentOver100 { .. } => "percent-over-100",
            NotWholeNumber { .. } => "not-whole-number",
            IndicatorWithoutValue { .. } => "missing-value",
            IndicatorValueForm { .. } => "wrong-value-form",
            AlwaysApplies { .. } => "not-applicable-refused",
            MissingDenominator { .. } => "missing-value",
            TakesNoDenominator { .. } => "wrong-value-form",
            RatioMeasureForm { .. } => "wrong-value-form",
            MeasureIsRatio { .. } => "wrong-value-form",
            MeasureIsScalar { .. } => "wrong-value-form",
            DisbursedAbovePlan { .. } => "disbursed-above-plan",
            ParentWithAmount { .. } => "parent-with-amount",
            SourceWithoutAmount { .. } => "missing-value",
            UnknownParentSource { .. } => "unknown-source",
            SourceCycle { .. } => "source-cycle",
            UnknownDisbursementKind { .. } => "unknown-option",
            UnknownOrigin { .. } => "unknown-option",
            PlanForWrongYear { .. } => "plan-year",
            RecognitionWithoutDecision => "missing-value",
            CriterionWithoutStatus { .. } => "no-status",
            UnknownUnitLevel { .. } => "unknown-option",
            ClassGap { .. } => "class-coverage",
            ClassOverlap { .. } => "class-coverage",
            ClassRuleGap { .. } => "class-coverage",
            UnknownClassCount { .. } => "unknown-class-count",
            RulesetFileMissing { .. } => "missing-file",
            UnknownBuiltinRuleset { .. } => "unknown-ruleset",
            RulesetWrongLevel { .. } => "ruleset-level",
            RulesetOutsideYears { .. } => "ruleset-years",
            NoYearFolder { .. } => "missing-year",
            EndsBeforeStart { .. } => "ends-before-start",
            EmptyYearRoster { .. } => "empty-year-roster",
            RulesetsOverlap { .. } => "rulesets-overlap",
            NoRulesetInForce { .. } => "no-ruleset-in-force",
            RulesetExtendsCycle { .. } => "ruleset-extends-cycle",
            FormedTwice { .. } => "formed-twice",
            PredecessorCycle { .. } => "predecessor-cycle",
            MergerWithoutPredecessors { .. } => "merger-without-predecessors",
            NameTaken { .. } => "name-taken",
            EmptyRename { .. } => "empty-rename",
            RenamedTwice { .. } => "renamed-twice",
            LineageDateMismatch { .. } => "lineage-date",
            NotInRosterOn { .. } => "not-in-roster-on",
            UnknownBasis { .. } => "unknown-option",
            StatusDateOutsideYear { .. } => "status-date-year",
            NoPredecessors { .. } => "no-predecessors",
            UnknownRecognitionUnit { .. } => "unknown-recognition-unit",
            UnknownRecognitionLevel { .. } => "unknown-recognition-level",
            UnknownRecognitionEvent { .. } => "unknown-recognition-event",
            EventOutsideValidity { .. } => "event-outside-validity",
            AcknowledgementWithoutMerger { .. } => "acknowledgement-without-merger",
            RevocationWithoutRecognition { .. } => "revocation-without-recognition",
            UnknownLevelUnits { .. } => "unknown-option",
            LevelOfRulesets { .. } => "level-of-rulesets",
            VillageLevelWithoutVillageSet { .. } => "village-level-without-set",
            LevelDeclaredTwice { .. } => "duplicate-level",
            RequiredLevelMissing { .. } => "required-level-missing",
            LevelRequirementCycle { .. } => "level-requirement-cycle",
            VillageOfSplitCommune { .. } => "village-of-split-commune",
            NoThreshold { .. } => "missing-threshold",
            UnknownRulesetLevel { .. } => "unknown-option",
            CriterionDefinedTwice { .. } => "duplicate-id",
            UnknownGroup { .. } => "unknown-group",
            UnknownIndicatorKind { .. } => "unknown-option",
            UnknownMeasureKind { .. } => "unknown-option",
            UnknownComparator { .. } => "unknown-comparator",
            NeedsComparator { .. } => "missing-comparator",
            UnknownApplicability { .. } => "unknown-option",
            ThresholdNotANumber => "not-a-number",
            AuditNamesCount { .. } => "count-names",
            AuditNameTwice { .. } => "name-twice",
            AuditCriteriaCount { .. } => "count-criteria",
            AuditPercent { .. } => "wrong-percent",
            AuditPartsSum { .. } => "parts-sum",
            AuditSplit { .. } => "split-sum",
            AuditChangeUnnamed { .. } => "change-unnamed",
            AuditChangeNames { .. } => "change-names",
            AuditGainedNotMet { .. } => "change-list",
            AuditLostButMet { .. } => "change-list",
            AuditCriterionTwice { .. } => "criterion-twice",
            AuditStatedTwice { .. } => "amount-twice",
            AuditAverageCounts { .. } => "average",
            AuditAverageTotal { .. } => "average",
            AuditPreviousAverage { .. } => "average",
            AuditColumnSum { .. } => "table-sum",
            AuditColumnMarks { .. } => "table-marks",
            AuditRowMarks { .. } => "table-marks",
            AuditColumnDifference { .. } => "table-difference",
            AuditColumnAverage { .. } => "table-average",
            AuditRowNumber { .. } => "row-number",
            AuditPlanTotal { .. } => "plan-total",
            AuditTotalCounts { .. } => "total-criteria",
            AuditClassCount { .. } => "class-count",
            AuditClassMember { .. } => "class-member",
            AuditClassesSum { .. } => "classes-sum",
            AuditReassessedSum { .. } => "reassessed-sum",
            AuditReassessedNeither { .. } => "reassessed-lists",
            AuditReassessedBoth { .. } => "reassessed-lists",
            AuditAppendixTwice { .. } => "appendix-twice",
            AuditAppendixTitleTwice { .. } => "appendix-twice",
            AuditUnknownName { .. } => "unknown-name",
            AuditData { .. } => "data-differs",
            AuditDataNames { .. } => "data-differs",
            TemplateSyntax { .. } => "template-syntax",
            TemplateUndefined { .. } => "template-undefined",
            TemplateError { .. } => "template-error",
            TemplateOutOfFuel => "template-limit",
            TemplateTooDeep { .. } => "template-limit",
            TemplateTooLarge { .. } => "template-limit",
            TemplatesTooLarge { .. } => "template-limit",
            TableRepeated { .. } => "table-repeated",
            TemplateExpressionTooLong { .. } => "template-limit",
            TemplateFileTooLarge { .. } => "template-limit",
            TemplatesFolderMissing => "missing-templates-folder",
            NoUnitFolder { .. } => "missing-unit-folder",
            DuplicateUnit { .. } => "duplicate-unit",
            UnitFolderShared { .. } => "unit-folder-shared",
            BadUnitId { .. } => "bad-unit-id",
            UnitPathOutside { .. } => "unit-path-outside",
            NestedUnits { .. } => "nested-units",
            NoUnits => "no-units",
            UnitRulesetDiffers { .. } => "unit-ruleset-differs",
            OutputInUse { .. } => "output-in-use",
            OutputNotAReport => "output-not-a-report",
            UnknownTemplate => "unknown-template",
            MissingNarrative { .. } => "missing-narrative",
            UnusedNarrative => "unused-narrative",
            UnusedLevelData { .. } => "unused-level-data",
            UnverifiedThresholds { .. } => "unverified-thresholds",
            PastForecast { .. } => "past-forecast",
            DocumentAfterReport { .. } => "document-after-report",
            NotFilledIn => "not-filled-in",
            UnreadableWorkbook { .. } => "unreadable-workbook",
            WorkbookTooLarge { .. } | SheetTooLarge { .. } => "workbook-too-large",
            UnknownSheet { .. } => "unknown-sheet",
            TableGivenTwice { .. } => "duplicate-table",
            CellError { .. } => "cell-error",
            ValueWithoutHeader => "value-without-header",
            RowNotFilledIn { .. } => "not-filled-in",
            NameMismatch { .. } => "name-mismatch",
            RatioInOneColumn { .. } => "wrong-value-form",
            SheetNotFilledIn => "not-filled-in",
            NumberAsId { .. } => "number-as-id",
        }
    }

    /// The message in a language.
    pub fn text(&self, lang: Lang) -> String {
        use Message::*;
        let l = lang;
        match self {
            FileRequired => tr!(
                l,
                "this file is required but does not exist",
                "thiếu tệp bắt buộc này"
            ),
            CannotRead { detail } => tr!(
                l,
                "this file cannot be read: {detail}",
                "không đọc được tệp này: {detail}"
            ),
            NotAFile { kind } => {
                let what = kind.noun(l);
                tr!(
                    l,
                    "this is {what}, where a file is expected",
                    "đây là {what}, không phải một tệp"
                )
            }
            NotAFolder { kind } => {
                let what = kind.noun(l);
                tr!(
                    l,
                    "this is {what}, where a folder is expected",
                    "đây là {what}, không phải một thư mục"
                )
            }
            BrokenLink => tr!(
                l,
                "this is a symbolic link to something that does not exist",
                "đây là một liên kết tượng trưng (symlink) trỏ tới nơi không tồn tại"
            ),
            FileTooLarge { bytes } => {
                let max = crate::load::MAX_FILE_BYTES;
                tr!(
                    l,
                    "this file is too large to read ({bytes} bytes; at most {max} are read)",
                    "tệp này quá lớn ({bytes} byte; chỉ đọc tối đa {max} byte)"
                )
            }
            ReportTooLarge { bytes, limit } => tr!(
                l,
                "this report holds {bytes} bytes of text; `audit` reads at most {limit} (the report of 10,000 communes holds 11 MB): is it the right file?",
                "báo cáo này có {bytes} byte chữ; `audit` chỉ đọc tối đa {limit} (báo cáo của 10.000 xã có 11 MB): có đúng tệp không?"
            ),
            BadFileName => tr!(
                l,
                "this name is not valid Unicode (shown with �): the file cannot be named in messages or the report",
                "tên này không phải Unicode hợp lệ (hiển thị bằng �): không thể ghi tên tệp trong thông báo hay báo cáo"
            ),
            NoDataFolder => tr!(
                l,
                "the data folder does not exist",
                "không có thư mục dữ liệu này"
            ),
            CannotWriteOutput { detail } => tr!(
                l,
                "the outputs cannot be written: {detail}",
                "không ghi được kết quả: {detail}"
            ),
            CannotWrite { detail } => tr!(
                l,
                "cannot write here: {detail}",
                "không ghi được vào đây: {detail}"
            ),
            BadUsage { detail } => tr!(
                l,
                "bad usage: {detail} (`ntm-report --help` lists the commands and options)",
                "dùng lệnh sai: {detail} (`ntm-report --help` liệt kê các lệnh và tùy chọn)"
            ),
            UnknownCommand {
                given,
                suggestion: Some(suggestion),
            } => tr!(
                l,
                "there is no command `{given}`: did you mean `{suggestion}`?",
                "không có lệnh `{given}`: có phải là `{suggestion}`?"
            ),
            UnknownCommand {
                given,
                suggestion: None,
            } => tr!(
                l,
                "there is no command `{given}` (`ntm-report --help` lists the commands)",
                "không có lệnh `{given}` (`ntm-report --help` liệt kê các lệnh)"
            ),
            UnknownOption {
                given,
                suggestion: Some(suggestion),
            } => tr!(
                l,
                "the command has no option `{given}`: did you mean `{suggestion}`?",
                "lệnh không có tùy chọn `{given}`: có phải là `{suggestion}`?"
            ),
            UnknownOption {
                given,
                suggestion: None,
            } => tr!(
                l,
                "the command has no option `{given}` (`--help` lists its options)",
                "lệnh không có tùy chọn `{given}` (`--help` liệt kê các tùy chọn của lệnh)"
            ),
            MissingArguments { names } => tr!(
                l,
                "the command needs {names}, which is not given",
                "lệnh cần {names} nhưng chưa được cho"
            ),
            BadOptionValue {
                option,
                value,
                valid,
            } if !valid.is_empty() => tr!(
                l,
                "`{value}` is not a value of {option}: it takes {valid}",
                "`{value}` không phải là một giá trị của {option}: các giá trị là {valid}"
            ),
            BadOptionValue { option, value, .. } => tr!(
                l,
                "`{value}` is not a value of {option}",
                "`{value}` không phải là một giá trị của {option}"
            ),
            NotAYearOrFolder { arg } => tr!(
                l,
                "`{arg}` is neither a year nor a year folder (DIR/YEAR)",
                "`{arg}` không phải một năm hay thư mục của một năm (THƯ_MỤC/NĂM)"
            ),
            NoSuchRuleset { name } => tr!(
                l,
                "`{name}` is neither a built-in ruleset nor a readable file",
                "`{name}` không phải bộ tiêu chí dựng sẵn, cũng không phải tệp đọc được"
            ),
            NoPreviousYear { year, previous } => tr!(
                l,
                "there is no data for {previous} to start {year} from: the folder `{previous}/` does not exist",
                "không có dữ liệu năm {previous} để bắt đầu năm {year}: không có thư mục `{previous}/`"
            ),
            PreviousYearInvalid { year, errors } => tr!(
                l,
                "the {year} data has {errors} error(s): fix them first (`ntm-report check {year}` lists them)",
                "dữ liệu năm {year} có {errors} lỗi: hãy sửa trước (`ntm-report check {year}` liệt kê các lỗi)"
            ),
            AlreadyADataFolder { dir } => tr!(
                l,
                "{dir} already holds a data folder (ntm.toml): start a new year there with `ntm-report --data {dir} init YEAR --workbook`",
                "{dir} đã là một thư mục dữ liệu (có ntm.toml): bắt đầu năm mới ở đó bằng `ntm-report --data {dir} init NĂM --workbook`"
            ),
            NewNeeds { options } => tr!(
                l,
                "`new` needs {options} (as options, or answered when asked)",
                "lệnh `new` cần {options} (ghi thành tùy chọn, hoặc trả lời khi được hỏi)"
            ),
            YearNotANumber { year } => tr!(
                l,
                "the year `{year}` is not a number",
                "năm `{year}` không phải là số"
            ),
            NotUtf8 { byte } => tr!(
                l,
                "this file is not UTF-8 (byte 0x{byte:02X} here)",
                "tệp này không phải UTF-8 (byte 0x{byte:02X} ở đây)"
            ),
            LooksLikeUtf16 => tr!(
                l,
                "this file looks like UTF-16 without a byte-order mark",
                "tệp này có vẻ là UTF-16 nhưng thiếu dấu thứ tự byte (BOM)"
            ),
            NulByte => tr!(
                l,
                "this file holds a NUL byte (0x00) here, which no text file has",
                "tệp này chứa byte NUL (0x00) ở đây, điều mà không tệp văn bản nào có"
            ),
            BadEncoding { encoding } => tr!(
                l,
                "this file is not valid {encoding}",
                "tệp này không đúng bảng mã {encoding}"
            ),
            TomlSyntax { detail } => tr!(l, "{detail}", "lỗi cú pháp TOML: {detail}"),
            UnknownKey { key } => tr!(
                l,
                "unknown field `{key}`",
                "trường `{key}` không có trong định dạng tệp"
            ),
            MissingKey { key } => tr!(l, "missing field `{key}`", "thiếu trường bắt buộc `{key}`"),
            DuplicateKey => tr!(l, "this key is given twice", "khóa này được ghi hai lần"),
            WrongType { detail } => tr!(
                l,
                "wrong type of value: {detail}",
                "giá trị sai kiểu: {detail}"
            ),
            CsvSyntax { detail } => tr!(
                l,
                "this CSV file cannot be read: {detail}",
                "không đọc được tệp CSV này: {detail}"
            ),
            UnbalancedQuote => tr!(
                l,
                "this quote `\"` is never closed",
                "dấu ngoặc kép `\"` này không được đóng"
            ),
            UnknownColumn { column } => tr!(
                l,
                "unknown column `{column}`",
                "cột `{column}` không có trong định dạng tệp"
            ),
            LineTooLong { bytes, limit } => tr!(
                l,
                "this line is {bytes} bytes long; a line of a table may be at most {limit} (is the file a table of data, with a line per row?)",
                "dòng này dài {bytes} byte; mỗi dòng của bảng chỉ được tối đa {limit} (tệp có phải bảng số liệu, mỗi hàng một dòng không?)"
            ),
            TooManyColumns { columns, limit } => tr!(
                l,
                "this table has {columns} columns; at most {limit} are read (is the separator right, or the file a table of data at all?)",
                "bảng này có {columns} cột; chỉ đọc tối đa {limit} cột (dấu phân cách có đúng không, tệp có phải bảng số liệu không?)"
            ),
            DuplicateColumn { column } => tr!(
                l,
                "column `{column}` appears twice",
                "cột `{column}` xuất hiện hai lần"
            ),
            MissingColumn { column } => {
                tr!(l, "column `{column}` is missing", "thiếu cột `{column}`")
            }
            WrongCellCount { cells, expected } => tr!(
                l,
                "this row has {cells} cells, the header has {expected}",
                "dòng này có {cells} ô, dòng tiêu đề có {expected}"
            ),
            TooManyWrongRows { limit } => tr!(
                l,
                "{limit} rows have the wrong number of cells: the rest of the table is not read (is the separator right, or the file a table of data at all?)",
                "{limit} dòng có số ô sai: phần còn lại của bảng không được đọc (dấu phân cách có đúng không, tệp có phải bảng số liệu không?)"
            ),
            MissingValue { column } => tr!(
                l,
                "the `{column}` cell of this row is empty",
                "ô `{column}` của dòng này bị bỏ trống"
            ),
            InvalidId { what, id } => {
                let w = what.noun(l);
                tr!(
                    l,
                    "`{id}` is not a valid {w} id",
                    "`{id}` không phải mã {w} hợp lệ"
                )
            }
            DuplicateId { what, id } => {
                let w = what.noun(l);
                tr!(l, "duplicate {w} id `{id}`", "mã {w} `{id}` bị trùng")
            }
            UnknownCommune { id } => tr!(
                l,
                "unknown commune `{id}`",
                "không có xã `{id}` trong danh sách xã"
            ),
            UnknownVillage { id } => tr!(
                l,
                "unknown village `{id}`",
                "không có thôn, bản `{id}` trong danh sách thôn, bản"
            ),
            UnknownCriterion { number, ruleset } => tr!(
                l,
                "criterion {number} is not in the ruleset `{ruleset}`",
                "bộ tiêu chí `{ruleset}` không có tiêu chí {number}"
            ),
            UnknownIndicator { id, ruleset } => tr!(
                l,
                "unknown indicator `{id}` (not in the ruleset `{ruleset}`)",
                "không có chỉ tiêu `{id}` (bộ tiêu chí `{ruleset}` không có)"
            ),
            UnknownMeasure { id } => tr!(
                l,
                "unknown measure `{id}`",
                "không có số liệu `{id}` trong bộ tiêu chí"
            ),
            UnknownCategory { category } => tr!(
                l,
                "unknown commune category `{category}`",
                "không có loại xã `{category}`"
            ),
            VillageWithoutCommune { village } => tr!(
                l,
                "village `{village}` is attached to no commune",
                "thôn, bản `{village}` không thuộc xã nào"
            ),
            VillageUnknownCommune { village, commune } => tr!(
                l,
                "village `{village}` names an unknown commune `{commune}`",
                "thôn, bản `{village}` ghi thuộc xã `{commune}`, không có trong danh sách xã"
            ),
            GivenTwice { item } => tr!(
                l,
                "`{item}` is given twice for this commune",
                "`{item}` được ghi hai lần cho xã này"
            ),
            DuplicateVillageRow { village } => tr!(
                l,
                "village `{village}` has two rows",
                "thôn, bản `{village}` có hai dòng"
            ),
            DuplicateDocument { number, date } => tr!(
                l,
                "document {number} of {date} is listed twice",
                "văn bản số {number} ngày {date} được liệt kê hai lần"
            ),
            CommunePlannedTwice { id } => tr!(
                l,
                "commune `{id}` is planned twice",
                "xã `{id}` có hai kế hoạch"
            ),
            CriterionRegisteredTwice { number } => tr!(
                l,
                "criterion {number} is registered twice",
                "tiêu chí {number} được đăng ký hai lần"
            ),
            EmptyRoster => tr!(
                l,
                "the roster lists no commune",
                "danh sách xã không có xã nào"
            ),
            VillagesWithoutRow { count, shown } => tr!(
                l,
                "{count} village(s) of the roster have no row: {shown}",
                "{count} thôn, bản trong danh sách không có dòng: {shown}"
            ),
            CommuneWithoutData { id, name, year } => tr!(
                l,
                "commune `{id}` ({name}) has no data for {year}",
                "xã `{id}` ({name}) không có số liệu năm {year}"
            ),
            SourceWithoutStatus { criterion } => tr!(
                l,
                "a source is given for criterion `{criterion}`, which has no declared status",
                "có nguồn cho tiêu chí `{criterion}` nhưng tiêu chí này không có kết quả công bố"
            ),
            FileNameMismatch { stem, id } => tr!(
                l,
                "this file is named `{stem}.toml` but describes `{id}`",
                "tệp tên `{stem}.toml` nhưng ghi số liệu của xã `{id}`"
            ),
            IgnoredFile { expected } => tr!(
                l,
                "ignored: files here end in {expected}",
                "bỏ qua: các tệp ở đây phải có đuôi {expected}"
            ),
            InvisibleCharacters { count, first } => tr!(
                l,
                "{count} invisible character(s) removed from this file, the first ({first}) here",
                "đã bỏ {count} ký tự vô hình khỏi tệp này, ký tự đầu tiên ({first}) ở đây"
            ),
            ExpectedNumber => tr!(l, "expected a number", "cần một số"),
            NotANumber { text } => tr!(l, "`{text}` is not a number", "`{text}` không phải là số"),
            TooManyDigits => tr!(
                l,
                "this number has more digits than can be held exactly (at most 28 significant digits)",
                "số này có nhiều chữ số hơn mức có thể lưu chính xác (tối đa 28 chữ số có nghĩa)"
            ),
            NumberTooLarge { digits } => {
                let max = crate::number::MAX_INTEGER_DIGITS;
                tr!(
                    l,
                    "this number has {digits} digits before the decimal point; at most {max} are accepted",
                    "số này có {digits} chữ số ở phần nguyên; chỉ chấp nhận tối đa {max} chữ số"
                )
            }
            ThousandsSeparator { value, read, meant } => {
                let vi_read = read.replace('.', ",");
                tr!(
                    l,
                    "`{value}` is read as the decimal number {read}, but it looks like {meant} written with a thousands separator",
                    "`{value}` được đọc là số thập phân {vi_read}, nhưng có vẻ là {meant} viết có dấu phân cách hàng nghìn"
                )
            }
            InvalidDate { text } => tr!(
                l,
                "`{text}` is not a date",
                "`{text}` không phải là ngày có thật"
            ),
            NotAStatus { text } => tr!(
                l,
                "`{text}` is not a status (đạt, cơ bản đạt, chưa đạt, không đánh giá)",
                "`{text}` không phải là kết quả đánh giá (đạt, cơ bản đạt, chưa đạt, không đánh giá)"
            ),
            NotAYesNo { text } => tr!(
                l,
                "`{text}` is not a yes/no value",
                "`{text}` không phải là giá trị đạt/không đạt"
            ),
            NegativeValue { id, value } => tr!(
                l,
                "indicator `{id}` cannot be negative ({value})",
                "chỉ tiêu `{id}` không thể âm ({value})"
            ),
            NegativeAmount { value } => tr!(
                l,
                "an amount cannot be negative ({value})",
                "số tiền, số lượng không thể âm ({value})"
            ),
            NegativeRatio => tr!(
                l,
                "a numerator or denominator cannot be negative",
                "tử số, mẫu số không thể âm"
            ),
            ZeroDenominator => tr!(l, "the denominator is zero", "mẫu số bằng 0"),
            NumeratorAboveDenominator {
                numerator,
                denominator,
            } => tr!(
                l,
                "the numerator ({numerator}) is above the denominator ({denominator})",
                "tử số ({numerator}) lớn hơn mẫu số ({denominator})"
            ),
            PercentOver100 { value } => tr!(
                l,
                "a percentage cannot be over 100 ({value})",
                "tỷ lệ phần trăm không thể vượt quá 100 ({value})"
            ),
            NotWholeNumber { id, value } => tr!(
                l,
                "indicator `{id}` is a whole number ({value})",
                "chỉ tiêu `{id}` phải là số nguyên ({value})"
            ),
            IndicatorWithoutValue { id } => tr!(
                l,
                "indicator `{id}` has no value",
                "chỉ tiêu `{id}` không có giá trị"
            ),
            IndicatorValueForm { id, kind } => tr!(
                l,
                "indicator `{id}` is of kind {kind}, which this value does not fit",
                "chỉ tiêu `{id}` thuộc loại {kind}, giá trị này không đúng dạng"
            ),
            AlwaysApplies { id } => tr!(
                l,
                "indicator `{id}` always applies; it cannot be marked not applicable",
                "chỉ tiêu `{id}` luôn được áp dụng, không thể ghi là không áp dụng"
            ),
            MissingDenominator { id } => tr!(
                l,
                "`{id}` is a ratio: the denominator is missing",
                "`{id}` là tỷ lệ: thiếu mẫu số"
            ),
            TakesNoDenominator { id } => tr!(
                l,
                "indicator `{id}` takes no denominator",
                "chỉ tiêu `{id}` không có mẫu số"
            ),
            RatioMeasureForm { detail } => tr!(
                l,
                "a ratio measure is written {{ numerator = …, denominator = … }}: {detail}",
                "số liệu dạng tỷ lệ được ghi {{ numerator = …, denominator = … }}: {detail}"
            ),
            MeasureIsRatio { id } => tr!(
                l,
                "measure `{id}` is a ratio: give a numerator and a denominator",
                "số liệu `{id}` là tỷ lệ: ghi tử số và mẫu số"
            ),
            MeasureIsScalar { id } => tr!(
                l,
                "measure `{id}` takes a single value",
                "số liệu `{id}` chỉ có một giá trị"
            ),
            DisbursedAbovePlan { disbursed, plan } => tr!(
                l,
                "more disbursed ({disbursed}) than allocated ({plan})",
                "số giải ngân ({disbursed}) lớn hơn kế hoạch vốn ({plan})"
            ),
            ParentWithAmount { id } => tr!(
                l,
                "source `{id}` has sub-sources: its amount is their sum, do not give it",
                "nguồn `{id}` có nguồn con: số tiền là tổng các nguồn con, không ghi riêng"
            ),
            SourceWithoutAmount { id } => tr!(
                l,
                "source `{id}` has no amount",
                "nguồn `{id}` không có số tiền"
            ),
            UnknownParentSource { id } => tr!(
                l,
                "unknown parent source `{id}`",
                "không có nguồn cha `{id}`"
            ),
            SourceCycle { ids } => tr!(
                l,
                "the funding sources are each other's parents: {ids}",
                "các nguồn vốn là nguồn cha của nhau: {ids}"
            ),
            UnknownDisbursementKind { kind } => {
                tr!(l, "unknown kind `{kind}`", "loại vốn `{kind}` không hợp lệ")
            }
            UnknownOrigin { origin } => tr!(
                l,
                "unknown origin `{origin}`",
                "nguồn gốc vốn `{origin}` không hợp lệ"
            ),
            PlanForWrongYear { year, planned } => tr!(
                l,
                "the plan in the {year} folder is for {planned}",
                "kế hoạch trong thư mục {year} lại ghi cho năm {planned}"
            ),
            RecognitionWithoutDecision => tr!(
                l,
                "a recognition needs a decision number",
                "công nhận đạt chuẩn cần có số quyết định"
            ),
            CriterionWithoutStatus {
                commune,
                criteria,
                count: 1,
            } => tr!(
                l,
                "{commune}: criterion {criteria} has neither a declared status nor complete indicator values; counted as not met",
                "{commune}: tiêu chí {criteria} không có kết quả công bố và cũng không đủ số liệu chỉ tiêu; được tính là chưa đạt"
            ),
            CriterionWithoutStatus {
                commune,
                criteria,
                count,
            } => tr!(
                l,
                "{commune}: {count} criteria ({criteria}) have neither a declared status nor complete indicator values; counted as not met",
                "{commune}: {count} tiêu chí ({criteria}) không có kết quả công bố và cũng không đủ số liệu chỉ tiêu; được tính là chưa đạt"
            ),
            UnknownUnitLevel { level } => tr!(
                l,
                "unknown unit level `{level}`",
                "cấp báo cáo `{level}` không hợp lệ"
            ),
            ClassGap { criteria } => tr!(
                l,
                "no class holds communes with {criteria} criteria",
                "không nhóm nào chứa các xã đạt {criteria} tiêu chí"
            ),
            ClassOverlap { criteria } => tr!(
                l,
                "more than one class holds communes with {criteria} criteria",
                "nhiều nhóm cùng chứa các xã đạt {criteria} tiêu chí"
            ),
            ClassRuleGap {
                met,
                basically_met,
                not_assessed,
                not_met,
            } => tr!(
                l,
                "no class holds a commune with {met} criteria met, {basically_met} basically met, {not_assessed} not assessed and {not_met} not met",
                "không nhóm nào chứa xã có {met} tiêu chí đạt, {basically_met} cơ bản đạt, {not_assessed} không đánh giá và {not_met} chưa đạt"
            ),
            UnknownClassCount { name } => tr!(
                l,
                "a class cannot count `{name}`: it counts statuses",
                "nhóm xã không đếm được `{name}`: chỉ đếm theo kết quả tiêu chí"
            ),
            RulesetFileMissing { name } => tr!(
                l,
                "ruleset file `{name}` does not exist",
                "không có tệp bộ tiêu chí `{name}`"
            ),
            UnknownBuiltinRuleset { name } => tr!(
                l,
                "no built-in ruleset is called `{name}`",
                "không có bộ tiêu chí dựng sẵn nào tên `{name}`"
            ),
            RulesetWrongLevel { name, level } => tr!(
                l,
                "ruleset `{name}` is not a {level} set",
                "`{name}` không phải bộ tiêu chí cấp {level}"
            ),
            RulesetOutsideYears { id, year, from, to } => tr!(
                l,
                "the ruleset `{id}` applies from {from} to {to}, not to {year}",
                "bộ tiêu chí `{id}` áp dụng từ {from} đến {to}, không áp dụng cho năm {year}"
            ),
            EndsBeforeStart { id, from, until } => tr!(
                l,
                "`{id}` ends on {until}, which is not after it starts ({from})",
                "`{id}` kết thúc ngày {until}, không sau ngày bắt đầu ({from})"
            ),
            EmptyYearRoster { year, date } => tr!(
                l,
                "no commune of the roster exists on {date}, the status date of {year}",
                "không có xã nào của danh sách tồn tại vào ngày {date}, ngày đánh giá của năm {year}"
            ),
            RulesetsOverlap {
                first,
                second,
                date,
            } => tr!(
                l,
                "the rulesets `{first}` and `{second}` are both in force on {date}",
                "bộ tiêu chí `{first}` và `{second}` cùng có hiệu lực vào ngày {date}"
            ),
            NoRulesetInForce { level, year, date } => tr!(
                l,
                "no {level} ruleset is in force on {date}, the status date of {year}",
                "không có bộ tiêu chí cấp {level} nào có hiệu lực vào ngày {date}, ngày đánh giá của năm {year}"
            ),
            RulesetExtendsCycle { chain } => tr!(
                l,
                "rulesets that extend one another in a circle: {chain}",
                "các bộ tiêu chí sửa đổi lẫn nhau thành vòng: {chain}"
            ),
            FormedTwice { id, first, second } => tr!(
                l,
                "the whole of `{id}` cannot go both into `{first}` and into `{second}`",
                "toàn bộ xã `{id}` không thể vừa nhập vào `{first}` vừa nhập vào `{second}`"
            ),
            PredecessorCycle { chain } => tr!(
                l,
                "communes that are their own predecessors: {chain}",
                "các xã là tiền thân của chính mình: {chain}"
            ),
            MergerWithoutPredecessors { into } => tr!(
                l,
                "the merger forming `{into}` names no old commune",
                "việc sắp xếp thành lập xã `{into}` không nêu xã cũ nào"
            ),
            EmptyRename { id } => tr!(
                l,
                "the rename of `{id}` gives no new name",
                "mục đổi tên xã `{id}` không ghi tên mới"
            ),
            RenamedTwice { id, date } => tr!(
                l,
                "`{id}` is renamed twice on {date}",
                "xã `{id}` được đổi tên hai lần trong cùng ngày {date}"
            ),
            NameTaken {
                id,
                name,
                other,
                date,
            } => tr!(
                l,
                "`{id}` renamed {name} on {date}, the name `{other}` has that day: the report could not tell them apart",
                "xã `{id}` đổi tên thành {name} từ ngày {date}, trùng tên với xã `{other}` cùng ngày: báo cáo không phân biệt được hai xã"
            ),
            LineageDateMismatch {
                id,
                column,
                roster,
                lineage,
            } => tr!(
                l,
                "`{id}` has {column} = {roster} in communes.csv, but its lineage makes it {lineage}",
                "`{id}` có {column} = {roster} trong communes.csv, nhưng theo lịch sử sắp xếp phải là {lineage}"
            ),
            NotInRosterOn { id, date } => tr!(
                l,
                "`{id}` does not exist on {date} by the dates of communes.csv",
                "theo các ngày trong communes.csv, xã `{id}` không tồn tại vào ngày {date}"
            ),
            UnknownBasis { basis } => tr!(
                l,
                "unknown basis `{basis}`",
                "căn cứ `{basis}` không hợp lệ"
            ),
            StatusDateOutsideYear { year, date } => tr!(
                l,
                "the status date {date} is not in {year}",
                "ngày đánh giá {date} không thuộc năm {year}"
            ),
            UnknownRecognitionUnit { id } => tr!(
                l,
                "`{id}` is neither a commune of the roster nor a village",
                "`{id}` không phải là xã trong danh sách xã hay thôn trong danh sách thôn"
            ),
            UnknownRecognitionLevel { text } => tr!(
                l,
                "unknown recognition level `{text}`",
                "không có mức công nhận `{text}`"
            ),
            UnknownRecognitionEvent { text } => tr!(
                l,
                "unknown recognition event `{text}`",
                "không có loại sự kiện công nhận `{text}`"
            ),
            EventOutsideValidity { id, date } => tr!(
                l,
                "`{id}` does not exist on {date}, the date of this event",
                "`{id}` không tồn tại vào ngày {date}, ngày của sự kiện này"
            ),
            AcknowledgementWithoutMerger { id } => tr!(
                l,
                "`{id}` is acknowledged (thừa nhận), but no merger of lineage.toml formed it before that day",
                "xã `{id}` được thừa nhận nhưng lineage.toml không có việc sắp xếp nào hình thành xã này trước ngày đó"
            ),
            RevocationWithoutRecognition { id, level, date } => tr!(
                l,
                "the recognition of `{id}` at level `{level}` is revoked on {date}, but it holds none that day",
                "thu hồi công nhận mức `{level}` của `{id}` ngày {date} nhưng khi đó chưa được công nhận"
            ),
            UnknownLevelUnits { text } => tr!(
                l,
                "a level is of `commune` or `village` units, not `{text}`",
                "mức đạt chuẩn áp dụng cho `commune` (xã) hoặc `village` (thôn), không phải `{text}`"
            ),
            LevelOfRulesets { units } => {
                let vi = units_vi(units);
                tr!(
                    l,
                    "the `ntm` level of {units}s is the one whose sets [rulesets] names: [[levels]] are the levels beside it",
                    "mức `ntm` của {vi} là mức có bộ tiêu chí ghi tại [rulesets]: [[levels]] chỉ ghi các mức khác"
                )
            }
            VillageLevelWithoutVillageSet { level } => tr!(
                l,
                "the village level `{level}` needs the village set of [rulesets] (`village = …`)",
                "mức `{level}` của thôn cần có bộ tiêu chí thôn tại [rulesets] (`village = …`)"
            ),
            LevelDeclaredTwice { level, units } => {
                let vi = units_vi(units);
                tr!(
                    l,
                    "the {units} level `{level}` is declared twice",
                    "mức `{level}` của {vi} được khai báo hai lần"
                )
            }
            RequiredLevelMissing {
                level,
                requires,
                units,
            } => {
                let vi = units_vi(units);
                tr!(
                    l,
                    "the {units} level `{level}` requires the level `{requires}`, which ntm.toml does not declare for {units}s",
                    "mức `{level}` của {vi} yêu cầu mức `{requires}` nhưng ntm.toml không khai báo mức này cho {vi}"
                )
            }
            LevelRequirementCycle { levels } => tr!(
                l,
                "levels require each other in a circle: {levels}",
                "các mức yêu cầu lẫn nhau thành vòng: {levels}"
            ),
            NoPredecessors { id, from, to } => tr!(
                l,
                "`{id}` came into being between {from} and {to}, and lineage.toml names no commune it was formed from: the year before cannot be carried onto it",
                "xã `{id}` hình thành trong khoảng {from} đến {to} nhưng lineage.toml không nêu xã cũ nào: không thể chuyển số liệu năm trước sang xã này"
            ),
            VillageOfSplitCommune {
                village,
                commune,
                date,
            } => tr!(
                l,
                "the village `{village}` belongs to `{commune}`, which was split on {date}, and no merger says where the village went",
                "thôn, bản `{village}` thuộc xã `{commune}` đã được chia tách ngày {date}, nhưng không có việc sắp xếp nào nêu thôn, bản này về xã nào"
            ),
            NoYearFolder { year } => tr!(
                l,
                "there is no data for {year}: the folder `{year}/` does not exist",
                "không có số liệu năm {year}: không có thư mục `{year}/`"
            ),
            NoThreshold {
                indicator,
                year,
                category,
            } => tr!(
                l,
                "indicator `{indicator}` has no threshold for {year} (category `{category}`)",
                "chỉ tiêu `{indicator}` không có ngưỡng cho năm {year} (loại xã `{category}`)"
            ),
            UnknownRulesetLevel { level } => tr!(
                l,
                "unknown ruleset level `{level}`",
                "cấp bộ tiêu chí `{level}` không hợp lệ"
            ),
            CriterionDefinedTwice { number } => tr!(
                l,
                "criterion {number} is defined twice",
                "tiêu chí {number} được định nghĩa hai lần"
            ),
            UnknownGroup { group } => tr!(
                l,
                "unknown group `{group}`",
                "không có nhóm tiêu chí `{group}`"
            ),
            UnknownIndicatorKind { kind } => tr!(
                l,
                "unknown indicator kind `{kind}`",
                "loại chỉ tiêu `{kind}` không hợp lệ"
            ),
            UnknownMeasureKind { kind } => tr!(
                l,
                "unknown measure kind `{kind}`",
                "loại số liệu `{kind}` không hợp lệ"
            ),
            UnknownComparator { comparator } => tr!(
                l,
                "unknown comparator `{comparator}`",
                "phép so sánh `{comparator}` không hợp lệ"
            ),
            NeedsComparator { id } => tr!(
                l,
                "indicator `{id}` needs a comparator",
                "chỉ tiêu `{id}` cần có phép so sánh (comparator)"
            ),
            UnknownApplicability { value } => tr!(
                l,
                "unknown applicability `{value}`",
                "phạm vi áp dụng `{value}` không hợp lệ"
            ),
            ThresholdNotANumber => tr!(l, "a threshold must be a number", "ngưỡng phải là một số"),
            AuditNamesCount { count, named } => tr!(
                l,
                "the count is {count}, but {named} name(s) are listed",
                "ghi số lượng {count} nhưng liệt kê {named} tên"
            ),
            AuditNameTwice { name } => {
                tr!(l, "{name} is listed twice", "{name} được liệt kê hai lần")
            }
            AuditCriteriaCount {
                count,
                listed,
                numbers,
            } => tr!(
                l,
                "the count is {count} criteria, but {listed} are listed ({numbers})",
                "ghi {count} tiêu chí nhưng liệt kê {listed} tiêu chí ({numbers})"
            ),
            AuditPercent {
                part,
                whole,
                exact,
                rounded,
                stated,
                denominator,
            } => tr!(
                l,
                "{part}/{whole} is {exact}%, which rounds to {rounded}%, not {stated}% ({stated}% would take a denominator of {denominator})",
                "{part}/{whole} = {exact}%, làm tròn là {rounded}%, không phải {stated}% (muốn đạt {stated}% thì mẫu số phải là {denominator})"
            ),
            AuditPartsSum { total, sum, parts } => tr!(
                l,
                "the parts ({parts}) add up to {sum}, not to the total {total}",
                "các phần ({parts}) cộng lại là {sum}, không phải tổng số {total}"
            ),
            AuditSplit {
                met,
                not_met,
                sum,
                whole,
            } => tr!(
                l,
                "{met} meeting and {not_met} not meeting make {sum}, not the {whole} in all",
                "{met} đạt và {not_met} chưa đạt cộng lại là {sum}, không phải tổng số {whole}"
            ),
            AuditChangeUnnamed { change } => tr!(
                l,
                "\"{change}\" does not say which commune",
                "ghi \"{change}\" nhưng không nêu tên xã nào"
            ),
            AuditChangeNames {
                change,
                gained,
                lost,
            } => tr!(
                l,
                "\"{change}\", but {gained} commune(s) are named as gained and {lost} as lost",
                "ghi \"{change}\" nhưng nêu tên {gained} xã đạt mới và {lost} xã không còn đạt"
            ),
            AuditGainedNotMet { name, criterion } => tr!(
                l,
                "{name} is named as newly meeting criterion {criterion}, but is not in the list of communes meeting it",
                "xã {name} được nêu là mới đạt tiêu chí {criterion} nhưng không có trong danh sách xã đạt"
            ),
            AuditLostButMet { name, criterion } => tr!(
                l,
                "{name} is named as no longer meeting criterion {criterion}, but is in the list of communes meeting it",
                "xã {name} được nêu là không còn đạt tiêu chí {criterion} nhưng lại có trong danh sách xã đạt"
            ),
            AuditCriterionTwice {
                criterion,
                first,
                second,
                at,
            } => {
                let at = at.text(l);
                tr!(
                    l,
                    "criterion {criterion} is met by {second} communes here, by {first} at {at}",
                    "tiêu chí {criterion}: ở đây ghi {second} xã đạt, ở {at} ghi {first} xã"
                )
            }
            AuditStatedTwice {
                what,
                first,
                second,
                at,
            } => {
                let at = at.text(l);
                tr!(
                    l,
                    "\"{what}\" is {second} here but {first} at {at}",
                    "\"{what}\" ở đây ghi {second}, ở {at} ghi {first}"
                )
            }
            AuditAverageCounts {
                stated,
                computed,
                total,
                communes,
            } => tr!(
                l,
                "the per-criterion counts add up to {total} criteria; over {communes} communes that is {computed} per commune, not {stated}",
                "số xã đạt từng tiêu chí cộng lại là {total} tiêu chí; chia cho {communes} xã được {computed} tiêu chí/xã, không phải {stated}"
            ),
            AuditAverageTotal {
                stated,
                computed,
                total,
                communes,
            } => tr!(
                l,
                "{total} criteria over {communes} communes is {computed} per commune, not {stated}",
                "{total} tiêu chí chia cho {communes} xã được {computed} tiêu chí/xã, không phải {stated}"
            ),
            AuditPreviousAverage {
                stated,
                computed,
                total,
                communes,
            } => tr!(
                l,
                "the counts less their changes give {total} criteria the year before; over {communes} communes that is {computed} per commune, not {stated}",
                "số xã đạt từng tiêu chí trừ phần tăng, giảm cho {total} tiêu chí năm trước; chia cho {communes} xã được {computed} tiêu chí/xã, không phải {stated}"
            ),
            AuditColumnSum {
                column,
                stated,
                computed,
                rows,
            } => tr!(
                l,
                "column \"{column}\": its {rows} rows add up to {computed}, not {stated}",
                "cột \"{column}\": {rows} dòng cộng lại là {computed}, không phải {stated}"
            ),
            AuditColumnMarks {
                column,
                stated,
                computed,
            } => tr!(
                l,
                "column \"{column}\": {computed} cell(s) are marked, not {stated}",
                "cột \"{column}\": có {computed} ô được đánh dấu, không phải {stated}"
            ),
            AuditRowMarks {
                row,
                stated,
                computed,
            } => tr!(
                l,
                "row \"{row}\": {computed} cell(s) are marked, not {stated}",
                "dòng \"{row}\": có {computed} ô được đánh dấu, không phải {stated}"
            ),
            AuditColumnDifference {
                column,
                stated,
                computed,
            } => tr!(
                l,
                "column \"{column}\": the two columns before it differ by {computed}, not {stated}",
                "cột \"{column}\": hai cột trước chênh lệch {computed}, không phải {stated}"
            ),
            AuditColumnAverage {
                column,
                stated,
                computed,
                rows,
            } => tr!(
                l,
                "column \"{column}\": the total over {rows} rows is {computed}, not {stated}",
                "cột \"{column}\": tổng chia cho {rows} dòng được {computed}, không phải {stated}"
            ),
            AuditRowNumber { stated, expected } => tr!(
                l,
                "this row is numbered {stated}; the rows before it make {expected} the next number",
                "dòng này đánh số {stated}; theo các dòng trước, số thứ tự phải là {expected}"
            ),
            AuditPlanTotal {
                current,
                added,
                sum,
                stated,
            } => tr!(
                l,
                "the {current} criteria met this year and the {added} to add make {sum}, not {stated}",
                "{current} tiêu chí đã đạt năm nay cộng {added} tiêu chí phấn đấu đạt thêm là {sum}, không phải {stated}"
            ),
            AuditTotalCounts { stated, sum } => tr!(
                l,
                "the per-criterion counts add up to {sum} criteria, not {stated}",
                "số xã đạt từng tiêu chí cộng lại là {sum} tiêu chí, không phải {stated}"
            ),
            AuditClassCount {
                label,
                stated,
                possible,
                names,
            } => tr!(
                l,
                "by the per-criterion lists, {possible} commune(s) can have {label} criteria ({names}), not {stated}",
                "theo danh sách xã đạt từng tiêu chí, số xã có thể đạt {label} tiêu chí là {possible} ({names}), không phải {stated}"
            ),
            AuditClassMember { name, label, count } => tr!(
                l,
                "{name} is put with {label} criteria, but the per-criterion lists give it {count}",
                "xã {name} được xếp vào nhóm đạt {label} tiêu chí nhưng theo danh sách từng tiêu chí xã này đạt {count}"
            ),
            AuditClassesSum {
                sum,
                total,
                villages,
            } => {
                let what = if *villages {
                    l.pick("villages", "thôn, bản")
                } else {
                    l.pick("communes", "xã")
                };
                tr!(
                    l,
                    "the classes add up to {sum} {what}, not {total}",
                    "các nhóm cộng lại là {sum} {what}, không phải {total}"
                )
            }
            AuditReassessedSum {
                commune,
                met,
                not_met,
                sum,
                of,
            } => tr!(
                l,
                "{commune}: {met} criteria met and {not_met} not met make {sum}, not {of}",
                "xã {commune}: {met} tiêu chí đạt và {not_met} tiêu chí chưa đạt cộng lại là {sum}, không phải {of}"
            ),
            AuditReassessedNeither { commune, numbers } => tr!(
                l,
                "{commune}: criteria {numbers} are in neither the list of met nor the list of not met",
                "xã {commune}: tiêu chí {numbers} không có trong danh sách đạt lẫn danh sách chưa đạt"
            ),
            AuditReassessedBoth { commune, numbers } => tr!(
                l,
                "{commune}: criteria {numbers} are in both the list of met and the list of not met",
                "xã {commune}: tiêu chí {numbers} có trong cả danh sách đạt và danh sách chưa đạt"
            ),
            AuditAppendixTwice { id, at } => {
                let at = at.text(l);
                tr!(
                    l,
                    "appendix {id} is cited here and at {at} for something else, in another part of the report",
                    "phụ biểu {id} được dẫn ở đây và ở {at} cho một nội dung khác, thuộc phần khác của báo cáo"
                )
            }
            AuditAppendixTitleTwice { id, at } => {
                let at = at.text(l);
                tr!(
                    l,
                    "a second appendix is numbered {id} (the first is at {at})",
                    "có phụ biểu thứ hai cùng số {id} (phụ biểu đầu ở {at})"
                )
            }
            AuditUnknownName { name } => tr!(
                l,
                "{name} is not a commune of the data",
                "{name} không có trong danh sách xã của số liệu"
            ),
            AuditData {
                topic,
                stated,
                computed,
            } => {
                let topic = topic.text(l);
                tr!(
                    l,
                    "{topic}: the report says {stated}, the data gives {computed}",
                    "{topic}: báo cáo ghi {stated}, số liệu cho {computed}"
                )
            }
            AuditDataNames {
                topic,
                missing,
                extra,
            } => {
                let topic = topic.text(l);
                tr!(
                    l,
                    "{topic}: the list differs from the data (listed but not by the data: {extra}; by the data but not listed: {missing})",
                    "{topic}: danh sách khác số liệu (có trong báo cáo nhưng số liệu không có: {extra}; số liệu có nhưng báo cáo không ghi: {missing})"
                )
            }
            TemplateSyntax { detail } => tr!(
                l,
                "template error: syntax error: {detail}",
                "lỗi mẫu báo cáo: sai cú pháp: {detail}"
            ),
            TemplateUndefined { name } => tr!(
                l,
                "template error: `{name}` is not defined (no such variable or attribute)",
                "lỗi mẫu báo cáo: `{name}` không tồn tại (không có biến hoặc thuộc tính này)"
            ),
            TemplateError { kind, detail } => tr!(
                l,
                "template error: {kind}: {detail}",
                "lỗi mẫu báo cáo: {kind}: {detail}"
            ),
            TemplateOutOfFuel => tr!(
                l,
                "the template does too much work (loops or macro calls without end?): it was stopped here",
                "mẫu báo cáo phải làm quá nhiều việc (vòng lặp hoặc macro không dừng?): đã dừng tại đây"
            ),
            TemplateTooDeep { limit } => tr!(
                l,
                "macros or includes call each other more than {limit} levels deep",
                "macro hoặc include gọi lồng nhau quá {limit} cấp"
            ),
            TemplateExpressionTooLong { limit } => tr!(
                l,
                "this tag has more than {limit} operators (`.`, `|`, `-`, `not` …): split the expression with `{{% set %}}`",
                "thẻ này có hơn {limit} toán tử (`.`, `|`, `-`, `not` …): hãy tách biểu thức bằng `{{% set %}}`"
            ),
            TemplateFileTooLarge { bytes, limit } => tr!(
                l,
                "this template is {bytes} bytes; a template may be at most {limit} (the built-in ones are under 10 KB: is it the right file?)",
                "mẫu báo cáo này có {bytes} byte; mỗi mẫu chỉ được tối đa {limit} (các mẫu có sẵn đều dưới 10 KB: có đúng tệp không?)"
            ),
            TemplateTooLarge { limit } => tr!(
                l,
                "the template writes more than {limit}",
                "mẫu báo cáo sinh ra hơn {limit}"
            ),
            TemplatesTooLarge { limit } => tr!(
                l,
                "the report's templates write more than {limit} in all: the total was crossed in this template",
                "các mẫu của báo cáo sinh ra tổng cộng hơn {limit}: tổng bị vượt khi chạy đến mẫu này"
            ),
            TableRepeated { code, times } => tr!(
                l,
                "the table of appendix {code} is placed {times} times (`<!-- table:{code} -->`): a table goes into the report once, the places after the first are left out",
                "bảng của phụ biểu {code} được đặt {times} lần (`<!-- table:{code} -->`): mỗi bảng chỉ đưa vào báo cáo một lần, các chỗ sau chỗ đầu tiên bị bỏ qua"
            ),
            TemplatesFolderMissing => tr!(
                l,
                "the templates folder does not exist",
                "không có thư mục mẫu báo cáo này"
            ),
            NoUnitFolder { unit } => tr!(
                l,
                "the folder of unit `{unit}` does not exist",
                "không có thư mục của đơn vị `{unit}`"
            ),
            DuplicateUnit { unit } => tr!(
                l,
                "unit `{unit}` is named twice",
                "đơn vị `{unit}` được khai báo hai lần"
            ),
            BadUnitId { unit } => tr!(
                l,
                "`{unit}` cannot be a unit id: use lowercase letters without diacritics, digits and hyphens (not `tong-hop`, the summary's folder)",
                "`{unit}` không dùng được làm mã đơn vị: chỉ dùng chữ thường không dấu, chữ số và dấu gạch ngang (không dùng `tong-hop`, thư mục của báo cáo tổng hợp)"
            ),
            UnitPathOutside { unit } => tr!(
                l,
                "the path of unit `{unit}` leaves the folder of units: give a folder inside it, without `..`",
                "đường dẫn của đơn vị `{unit}` ra ngoài thư mục các đơn vị: hãy chỉ một thư mục bên trong, không dùng `..`"
            ),
            NestedUnits { unit } => tr!(
                l,
                "the folder of unit `{unit}` is itself a folder of units: name its units here directly",
                "thư mục của đơn vị `{unit}` lại là một thư mục các đơn vị: hãy khai báo trực tiếp các đơn vị của nó ở đây"
            ),
            UnitFolderShared { unit, first } => tr!(
                l,
                "the folder of unit `{unit}` is the folder of unit `{first}`: its communes would be counted twice in the summary; give each unit its own folder",
                "thư mục của đơn vị `{unit}` cũng là thư mục của đơn vị `{first}`: các xã trong đó sẽ bị tính hai lần trong báo cáo tổng hợp; mỗi đơn vị cần một thư mục riêng"
            ),
            NoUnits => tr!(
                l,
                "this folder of units names no unit",
                "thư mục các đơn vị này chưa khai báo đơn vị nào"
            ),
            UnitRulesetDiffers {
                unit,
                ruleset,
                first,
                expected,
            } => tr!(
                l,
                "unit `{unit}` is evaluated with ruleset `{ruleset}`, unit `{first}` with `{expected}`: their criteria cannot be summed",
                "đơn vị `{unit}` được đánh giá theo bộ tiêu chí `{ruleset}`, đơn vị `{first}` theo `{expected}`: không cộng gộp được các tiêu chí"
            ),
            OutputInUse { file } => tr!(
                l,
                "{file} is open in another program (Word or Excel), so the previous output cannot be replaced: close it and build again",
                "tệp {file} đang được mở trong một chương trình khác (Word hoặc Excel) nên không thay được bản báo cáo cũ: hãy đóng tệp rồi chạy lại"
            ),
            OutputNotAReport => tr!(
                l,
                "this folder is not a report written by ntm-report (it has no facts.json), so the build does not replace it: replacing it would delete its files. Give --out another folder (the default is `out`), not the data folder",
                "thư mục này không phải là bản báo cáo do ntm-report ghi (không có tệp facts.json) nên không bị ghi đè: ghi đè sẽ xóa các tệp trong đó. Hãy chọn thư mục khác cho --out (mặc định là `out`), không dùng thư mục số liệu"
            ),
            UnknownTemplate => tr!(
                l,
                "not a template name the report uses; ignored",
                "báo cáo không dùng mẫu nào tên này; bỏ qua"
            ),
            MissingNarrative { what } => tr!(
                l,
                "no narrative for {what}: the report shows a placeholder",
                "chưa có nội dung {what}: báo cáo để chỗ trống có đánh dấu"
            ),
            UnusedNarrative => tr!(
                l,
                "this narrative fragment is not used by the report",
                "báo cáo không dùng đoạn nội dung này"
            ),
            UnusedLevelData { date } => tr!(
                l,
                "this is not read: no level of [[levels]] in ntm.toml with its set in force on {date} has such data",
                "dữ liệu này không được đọc: ntm.toml không có mức nào tại [[levels]] có bộ tiêu chí hiệu lực ngày {date} dùng dữ liệu này"
            ),
            UnverifiedThresholds {
                ruleset,
                unverified,
                used,
            } => tr!(
                l,
                "{unverified} of the {used} thresholds the report uses are not verified against the official text of the ruleset; the report says so where it gives results computed with them (list them: `ntm-report rules {ruleset} --unverified`)",
                "{unverified}/{used} ngưỡng báo cáo sử dụng chưa được đối chiếu với văn bản chính thức của bộ tiêu chí; báo cáo có ghi chú tại các kết quả tính theo các ngưỡng này (xem danh sách: `ntm-report rules {ruleset} --unverified`)"
            ),
            PastForecast { date, report_date } => tr!(
                l,
                "this speaks of {date} as still to come, but the report is dated {report_date}: say what happened, or date the report earlier",
                "nội dung này nói về mốc {date} như việc sắp tới, nhưng báo cáo đề ngày {report_date}: ghi kết quả thực tế, hoặc sửa ngày báo cáo"
            ),
            DocumentAfterReport { date, report_date } => tr!(
                l,
                "this document is dated {date}, after the report that lists it ({report_date})",
                "văn bản này ban hành ngày {date}, sau ngày của báo cáo liệt kê nó ({report_date})"
            ),
            NotFilledIn => tr!(
                l,
                "this file has no data yet (only comments): the report treats it as missing",
                "tệp này chưa có số liệu (chỉ có chú thích): báo cáo coi như chưa có tệp"
            ),
            UnreadableWorkbook { detail } => tr!(
                l,
                "this workbook cannot be read: {detail}",
                "không đọc được sổ tính (workbook) này: {detail}"
            ),
            WorkbookTooLarge {
                limit_mb,
                parts,
                sheets,
            } => tr!(
                l,
                "this workbook unpacks to more than {limit_mb} MB, or holds more than {parts} parts or {sheets} sheets: it is not read (a workbook of data is far smaller; the file may be damaged or made to do harm)",
                "sổ tính (workbook) này khi giải nén lớn hơn {limit_mb} MB, hoặc có hơn {parts} thành phần hay {sheets} trang tính: không được đọc (một sổ tính số liệu nhỏ hơn nhiều; tệp có thể bị hỏng hoặc được tạo ra để gây hại)"
            ),
            SheetTooLarge {
                sheet,
                range,
                limit,
            } => tr!(
                l,
                "sheet \"{sheet}\" has cells over {range}, beyond Excel's grid or more than {limit} cells: the workbook is not read (delete the stray cells far from the table)",
                "trang tính \"{sheet}\" có ô trải trên {range}, vượt lưới ô của Excel hoặc quá {limit} ô: sổ tính không được đọc (xóa các ô lạc ở xa bảng số liệu)"
            ),
            UnknownSheet { sheet } => tr!(
                l,
                "sheet \"{sheet}\" is not a table of the data folder: it is not read",
                "trang tính \"{sheet}\" không phải một bảng số liệu: không được đọc"
            ),
            TableGivenTwice {
                table,
                first,
                first_sheet,
            } => {
                let first = match first_sheet {
                    Some(sheet) => {
                        let word = l.pick("sheet", "trang tính");
                        format!("{first}, {word} \"{sheet}\"")
                    }
                    None => first.clone(),
                };
                tr!(
                    l,
                    "the table `{table}` is given twice: here and in {first}",
                    "bảng `{table}` được nhập hai lần: ở đây và ở {first}"
                )
            }
            CellError { text } => tr!(
                l,
                "this cell holds the error value {text} (a formula that failed)",
                "ô này chứa giá trị lỗi {text} (công thức bị lỗi)"
            ),
            ValueWithoutHeader => tr!(
                l,
                "this cell has a value but its column has no header",
                "ô này có giá trị nhưng cột của nó không có tiêu đề"
            ),
            RowNotFilledIn { count: 1, shown } => tr!(
                l,
                "nothing is filled in for commune {shown} in this sheet",
                "dòng của xã {shown} trong trang tính này chưa được điền"
            ),
            RowNotFilledIn { count, shown } => tr!(
                l,
                "nothing is filled in for {count} communes in this sheet: {shown}",
                "{count} xã chưa được điền trong trang tính này: {shown}"
            ),
            NameMismatch { id, given, roster } => tr!(
                l,
                "this row is commune `{id}`, named \"{roster}\" in communes.csv, not \"{given}\"",
                "dòng này là xã `{id}`, trong communes.csv tên là \"{roster}\", không phải \"{given}\""
            ),
            RatioInOneColumn { id } => tr!(
                l,
                "indicator {id} is a ratio: it takes two columns, not one",
                "chỉ tiêu {id} là một tỷ lệ: cần hai cột, không phải một"
            ),
            SheetNotFilledIn => tr!(
                l,
                "this sheet has no data yet (only its headers): the report treats the table as missing",
                "trang tính này chưa có số liệu (chỉ có dòng tiêu đề): báo cáo coi như chưa có bảng này"
            ),
            NumberAsId { value, meant } => tr!(
                l,
                "this cell is a number, {value}, and may be meant as `{meant}`: a number loses its trailing zeros",
                "ô này là một số, {value}, có thể là `{meant}`: số bị bỏ các chữ số 0 ở cuối"
            ),
        }
    }
}

/// What the command line says besides diagnostics, in both languages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// The count line at the end of an audit.
    AuditSummary {
        claims: usize,
        checked: usize,
        contradicted: usize,
        errors: usize,
        warnings: usize,
        unclear: usize,
    },
    /// `audit --verbose`: a sentence with numbers that no claim was read from.
    NotUnderstood { place: String, sentence: String },
    /// After a failed build: the previous output is untouched.
    NothingWritten { path: String },
    /// The count line under the diagnostics.
    Summary { errors: usize, warnings: usize },
    /// `check` found no error.
    DataValid { year: i32, communes: usize },
    /// `build` wrote its outputs.
    Wrote { path: String, files: usize },
    /// `build --keep-going`: units with problems left out of what was written.
    UnitsLeftOut { count: usize, units: String },
    /// `check --keep-going`: the units with problems, which `build --keep-going` leaves out.
    UnitsWithProblems { count: usize, units: String },
    /// `check --keep-going` with units left out: the other units' data is valid.
    OtherUnitsValid {
        year: i32,
        units: usize,
        communes: usize,
    },
    /// Another build is writing into the same output folder: this one waits.
    Waiting { path: String, seconds: u64 },
    /// Warnings of one kind beyond those shown.
    MoreWarnings { count: usize, code: &'static str },
    /// Errors of one kind beyond those shown.
    MoreErrors { count: usize, code: &'static str },
    /// `init`, `new`, `templates export`: a file written.
    FileWritten { path: String },
    /// The same: a file kept as it was, since it exists.
    FileKept { path: String },
    /// `init` is done.
    YearStarted {
        created: usize,
        kept: usize,
        previous: i32,
        year: i32,
    },
    /// `new` is done.
    UnitStarted {
        created: usize,
        kept: usize,
        dir: String,
        year: i32,
    },
}

impl Notice {
    /// A stable code, used when the notice is printed as JSON.
    pub fn code(&self) -> &'static str {
        match self {
            Notice::AuditSummary { .. } => "audit-summary",
            Notice::NotUnderstood { .. } => "not-understood",
            Notice::NothingWritten { .. } => "nothing-written",
            Notice::Summary { .. } => "summary",
            Notice::DataValid { .. } => "data-valid",
            Notice::Wrote { .. } => "wrote",
            Notice::UnitsLeftOut { .. } => "units-left-out",
            Notice::UnitsWithProblems { .. } => "units-with-problems",
            Notice::OtherUnitsValid { .. } => "other-units-valid",
            Notice::Waiting { .. } => "waiting",
            Notice::MoreWarnings { .. } => "more-warnings",
            Notice::MoreErrors { .. } => "more-errors",
            Notice::FileWritten { .. } => "file-written",
            Notice::FileKept { .. } => "file-kept",
            Notice::YearStarted { .. } => "year-started",
            Notice::UnitStarted { .. } => "unit-started",
        }
    }

    /// The JSON form, beside the diagnostics' objects: severity `note`, code, message.
    pub fn to_json(&self, lang: Lang) -> String {
        #[derive(serde::Serialize)]
        struct Json {
            severity: &'static str,
            code: &'static str,
            message: String,
        }
        let json = Json {
            severity: "note",
            code: self.code(),
            message: self.text(lang),
        };
        serde_json::to_string(&json).expect("plain data serialises")
    }

    /// The notice in a language.
    pub fn text(&self, lang: Lang) -> String {
        let l = lang;
        match self {
            Notice::AuditSummary {
                claims,
                checked,
                contradicted,
                errors,
                warnings,
                unclear,
            } => tr!(
                l,
                "audit: {claims} claims found, {checked} checked, {contradicted} contradicted; {errors} error(s), {warnings} warning(s); {unclear} sentence(s) with numbers not understood (--verbose lists them)",
                "kiểm tra: tìm thấy {claims} nội dung, đối chiếu {checked}, mâu thuẫn {contradicted}; {errors} lỗi, {warnings} cảnh báo; {unclear} câu có số liệu chưa hiểu được (--verbose để xem)"
            ),
            Notice::NotUnderstood { place, sentence } => tr!(
                l,
                "not understood ({place}): {sentence}",
                "chưa hiểu được ({place}): {sentence}"
            ),
            Notice::NothingWritten { path } => tr!(
                l,
                "nothing was written: {path} is left as it was",
                "không ghi tệp nào: {path} được giữ nguyên như trước"
            ),
            Notice::Summary { errors, warnings } => tr!(
                l,
                "{errors} error(s), {warnings} warning(s)",
                "{errors} lỗi, {warnings} cảnh báo"
            ),
            Notice::DataValid { year, communes } => tr!(
                l,
                "{year}: the data is valid ({communes} communes)",
                "{year}: số liệu hợp lệ ({communes} xã)"
            ),
            Notice::Wrote { path, files } => tr!(
                l,
                "wrote {path} ({files} files)",
                "đã ghi {path} ({files} tệp)"
            ),
            Notice::UnitsLeftOut { count, units } => tr!(
                l,
                "{count} unit(s) left out for their problems, neither written nor in the summary: {units}",
                "bỏ ra {count} đơn vị có lỗi, không ghi và không tính vào bản tổng hợp: {units}"
            ),
            Notice::UnitsWithProblems { count, units } => tr!(
                l,
                "{count} unit(s) with problems, which `build --keep-going` leaves out: {units}",
                "{count} đơn vị có lỗi, `build --keep-going` sẽ bỏ ra: {units}"
            ),
            Notice::OtherUnitsValid {
                year,
                units,
                communes,
            } => tr!(
                l,
                "{year}: the data of the other {units} unit(s) is valid ({communes} communes)",
                "{year}: số liệu của {units} đơn vị còn lại hợp lệ ({communes} xã)"
            ),
            Notice::Waiting { path, seconds } => tr!(
                l,
                "another build is writing into {path}: waiting for it to finish (at most {seconds} s)…",
                "một lần dựng báo cáo khác đang ghi vào {path}: đang chờ lần đó xong (tối đa {seconds} giây)…"
            ),
            Notice::MoreWarnings { count, code } => tr!(
                l,
                "… and {count} more warning(s) `{code}` like those above (`--message-format json` lists them all)",
                "… và {count} cảnh báo `{code}` khác như trên (`--message-format json` liệt kê đủ)"
            ),
            Notice::MoreErrors { count, code } => tr!(
                l,
                "… and {count} more error(s) `{code}` like those above (`--message-format json` lists them all)",
                "… và {count} lỗi `{code}` khác như trên (`--message-format json` liệt kê đủ)"
            ),
            Notice::FileWritten { path } => tr!(l, "wrote    {path}", "đã ghi   {path}"),
            Notice::FileKept { path } => {
                tr!(l, "kept     {path} (exists)", "giữ nguyên {path} (đã có)")
            }
            Notice::YearStarted {
                created,
                kept,
                previous,
                year,
            } => tr!(
                l,
                "{created} file(s) created, {kept} kept. The statuses carried over from {previous} are to be confirmed; then run `ntm-report check {year}`.",
                "đã tạo {created} tệp, giữ nguyên {kept}. Các kết quả chuyển sang từ năm {previous} cần được xác nhận; sau đó chạy `ntm-report check {year}`."
            ),
            Notice::UnitStarted {
                created,
                kept,
                dir,
                year,
            } => tr!(
                l,
                "{created} file(s) created, {kept} kept. Check the communes' categories in {dir}/communes.csv and list the villages in {dir}/villages.csv; fill in {dir}/{year}/nhap-lieu.xlsx; then `ntm-report --data {dir} check {year}` says what remains.",
                "đã tạo {created} tệp, giữ nguyên {kept}. Kiểm tra nhóm của các xã trong {dir}/communes.csv và liệt kê các thôn, bản trong {dir}/villages.csv; điền {dir}/{year}/nhap-lieu.xlsx; sau đó `ntm-report --data {dir} check {year}` cho biết còn thiếu gì."
            ),
        }
    }
}
