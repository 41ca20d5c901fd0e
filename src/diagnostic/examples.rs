//! One example of every message and hint, for `docs/diagnostics.md` and for the tests that
//! keep that page and the catalogue in step.

use super::{Hint, Message, Topic, What, Where};

fn s(text: &str) -> String {
    text.to_string()
}

impl Message {
    /// One example of every message, in catalogue order.
    pub fn examples() -> Vec<Message> {
        use Message::*;
        vec![
            FileRequired,
            CannotRead {
                detail: s("Permission denied (os error 13)"),
            },
            NotAFile {
                kind: crate::load::Kind::Folder,
            },
            NotAFolder {
                kind: crate::load::Kind::File,
            },
            BrokenLink,
            FileTooLarge {
                bytes: 2_147_483_648,
            },
            ReportTooLarge {
                bytes: 21_005_632,
                limit: s("16 MB"),
            },
            BadFileName,
            NotUtf8 { byte: 0xF4 },
            LooksLikeUtf16,
            NulByte,
            BadEncoding {
                encoding: s("UTF-16LE"),
            },
            NoDataFolder,
            CannotWriteOutput {
                detail: s("Permission denied (os error 13)"),
            },
            CannotWrite {
                detail: s("Permission denied (os error 13)"),
            },
            BadUsage {
                detail: s("unexpected argument '--ouput' found"),
            },
            UnknownCommand {
                given: s("buidl"),
                suggestion: Some(s("build")),
            },
            UnknownOption {
                given: s("--ouput"),
                suggestion: Some(s("--out")),
            },
            MissingArguments { names: s("<YEAR>") },
            BadOptionValue {
                option: s("--lang <LANG>"),
                value: s("fr"),
                valid: s("vi, en"),
            },
            NotAYearOrFolder { arg: s("old") },
            NoSuchRuleset {
                name: s("lai-chau-xa"),
            },
            NoPreviousYear {
                year: 2024,
                previous: 2023,
            },
            PreviousYearInvalid {
                year: 2023,
                errors: 3,
            },
            AlreadyADataFolder {
                dir: s("phong-tho"),
            },
            NewNeeds {
                options: s("--name, --signer"),
            },
            YearNotANumber { year: s("2O24") },
            TomlSyntax {
                detail: s("invalid boolean, expected `true`"),
            },
            UnknownKey { key: s("sourse") },
            MissingKey { key: s("number") },
            DuplicateKey,
            WrongType {
                detail: s("invalid type: string \"1\", expected u32"),
            },
            CsvSyntax {
                detail: s("CSV parse error"),
            },
            UnbalancedQuote,
            UnknownColumn {
                column: s("recognised_by"),
            },
            TooManyColumns {
                columns: 1_000_001,
                limit: 5_000,
            },
            LineTooLong {
                bytes: 200_000_000,
                limit: s("1 MB"),
            },
            DuplicateColumn { column: s("name") },
            MissingColumn {
                column: s("category"),
            },
            WrongCellCount {
                cells: 4,
                expected: 3,
            },
            TooManyWrongRows { limit: 1_000 },
            MissingValue { column: s("name") },
            InvalidId {
                what: What::Commune,
                id: s("Huổi Luông"),
            },
            DuplicateId {
                what: What::Commune,
                id: s("muong-so"),
            },
            UnknownCommune {
                id: s("huoi-loung"),
            },
            UnknownVillage {
                id: s("muong-so-2"),
            },
            UnknownCriterion {
                number: 21,
                ruleset: s("lai-chau-xa-1285"),
            },
            UnknownIndicator {
                id: s("1.11"),
                ruleset: s("lai-chau-xa-1285"),
            },
            UnknownMeasure {
                id: s("3.1.cong-trin"),
            },
            UnknownCategory {
                category: s("thuongg"),
            },
            VillageWithoutCommune {
                village: s("muong-so-04"),
            },
            VillageUnknownCommune {
                village: s("muong-so-04"),
                commune: s("muong-soo"),
            },
            GivenTwice { item: s("5") },
            DuplicateVillageRow {
                village: s("muong-so-02"),
            },
            DuplicateDocument {
                number: s("12/KH-UBND"),
                date: s("2023-01-16"),
            },
            CommunePlannedTwice { id: s("nam-xe") },
            CriterionRegisteredTwice { number: 13 },
            EmptyRoster,
            VillagesWithoutRow {
                count: 1,
                shown: s("muong-so-03"),
            },
            CommuneWithoutData {
                id: s("mu-sang"),
                name: s("Mù Sang"),
                year: 2023,
            },
            SourceWithoutStatus { criterion: s("10") },
            FileNameMismatch {
                stem: s("ban-lang-2023"),
                id: s("ban-lang"),
            },
            IgnoredFile { expected: ".toml" },
            InvisibleCharacters {
                count: 2,
                first: s("U+200B"),
            },
            ExpectedNumber,
            NotANumber {
                text: s("mười hai"),
            },
            TooManyDigits,
            NumberTooLarge { digits: 19 },
            ThousandsSeparator {
                value: s("1.530"),
                read: s("1.53"),
                meant: s("1530"),
            },
            InvalidDate {
                text: s("2023-02-29"),
            },
            NotAStatus { text: s("y") },
            NotAYesNo {
                text: s("có lẽ")
            },
            NegativeValue {
                id: s("9.1"),
                value: s("-6"),
            },
            NegativeAmount { value: s("-3244") },
            NegativeRatio,
            ZeroDenominator,
            NumeratorAboveDenominator {
                numerator: s("27.85"),
                denominator: s("19.60"),
            },
            PercentOver100 { value: s("165.8") },
            NotWholeNumber {
                id: s("9.1"),
                value: s("6.5"),
            },
            IndicatorWithoutValue { id: s("9.1") },
            IndicatorValueForm {
                id: s("2.2"),
                kind: "ratio",
            },
            AlwaysApplies { id: s("2.1") },
            MissingDenominator { id: s("2.2") },
            TakesNoDenominator { id: s("10.1") },
            RatioMeasureForm {
                detail: s("missing field `denominator`"),
            },
            MeasureIsRatio {
                id: s("11.1.can-ngheo"),
            },
            MeasureIsScalar {
                id: s("3.1.cong-trinh"),
            },
            DisbursedAbovePlan {
                disbursed: s("6890"),
                plan: s("5939"),
            },
            ParentWithAmount { id: s("ntm") },
            SourceWithoutAmount {
                id: s("ntm-dau-tu"),
            },
            UnknownParentSource { id: s("nmt") },
            SourceCycle {
                ids: s("ntm → ntm-dau-tu → ntm"),
            },
            UnknownDisbursementKind { kind: s("dau-tu") },
            UnknownOrigin {
                origin: s("chuyen-nguon"),
            },
            PlanForWrongYear {
                year: 2023,
                planned: 2025,
            },
            RecognitionWithoutDecision,
            CriterionWithoutStatus {
                commune: s("Mường So"),
                criteria: s("2, 9, 10"),
                count: 3,
            },
            UnknownUnitLevel { level: s("huyen") },
            ClassGap { criteria: 19 },
            ClassOverlap { criteria: 15 },
            ClassRuleGap {
                met: 0,
                basically_met: 0,
                not_assessed: 19,
                not_met: 0,
            },
            UnknownClassCount {
                name: s("co_ban_dat"),
            },
            RulesetFileMissing {
                name: s("rulesets/xa.toml"),
            },
            UnknownBuiltinRuleset {
                name: s("lai-chau-xa-1258"),
            },
            RulesetWrongLevel {
                name: s("lai-chau-ban-43"),
                level: "commune",
            },
            RulesetOutsideYears {
                id: s("lai-chau-xa-1285"),
                year: 2026,
                from: s("2022"),
                to: s("2025"),
            },
            NoYearFolder { year: 2031 },
            NoThreshold {
                indicator: s("10.1"),
                year: 2023,
                category: s("thuong"),
            },
            UnknownRulesetLevel { level: s("xa") },
            CriterionDefinedTwice { number: 5 },
            UnknownGroup { group: s("VI") },
            UnknownIndicatorKind { kind: s("cout") },
            UnknownMeasureKind { kind: s("percent") },
            UnknownComparator {
                comparator: s("=>"),
            },
            NeedsComparator { id: s("2.2") },
            UnknownApplicability {
                value: s("sometimes"),
            },
            ThresholdNotANumber,
            EndsBeforeStart {
                id: s("khong-lao"),
                from: s("2025-07-01"),
                until: s("2025-06-30"),
            },
            EmptyYearRoster {
                year: 2030,
                date: s("2030-12-31"),
            },
            RulesetsOverlap {
                first: s("lai-chau-xa-1285"),
                second: s("lai-chau-xa-1487"),
                date: s("2024-10-22"),
            },
            NoRulesetInForce {
                level: "commune",
                year: 2021,
                date: s("2021-12-31"),
            },
            RulesetExtendsCycle {
                chain: s("a → b → a"),
            },
            FormedTwice {
                id: s("ban-lang"),
                first: s("khong-lao-moi"),
                second: s("phong-tho-moi"),
            },
            PredecessorCycle {
                chain: s("a → b → a"),
            },
            MergerWithoutPredecessors {
                into: s("khong-lao-moi"),
            },
            EmptyRename { id: s("giang-ma") },
            RenamedTwice {
                id: s("giang-ma"),
                date: s("2025-07-01"),
            },
            NameTaken {
                id: s("giang-ma"),
                name: s("Bình Lư"),
                other: s("binh-lu-moi"),
                date: s("2025-07-01"),
            },
            LineageDateMismatch {
                id: s("hoang-then"),
                column: "valid_until",
                roster: s("2025-06-30"),
                lineage: s("2025-07-01"),
            },
            NotInRosterOn {
                id: s("nam-xe"),
                date: s("2025-07-01"),
            },
            UnknownBasis {
                basis: s("offical"),
            },
            StatusDateOutsideYear {
                year: 2025,
                date: s("2024-12-31"),
            },
            UnknownRecognitionUnit {
                id: s("phong-tho-2052"),
            },
            UnknownRecognitionLevel { text: s("nag cao") },
            UnknownRecognitionEvent {
                text: s("cong nhn"),
            },
            EventOutsideValidity {
                id: s("muong-so"),
                date: s("2025-09-01"),
            },
            AcknowledgementWithoutMerger { id: s("giang-ma") },
            RevocationWithoutRecognition {
                id: s("binh-lu-2025"),
                level: "ntm",
                date: s("2026-06-01"),
            },
            UnknownLevelUnits { text: s("xa") },
            LevelOfRulesets { units: "commune" },
            VillageLevelWithoutVillageSet { level: "kieu-mau" },
            LevelDeclaredTwice {
                level: "nang-cao",
                units: "commune",
            },
            RequiredLevelMissing {
                level: "kieu-mau",
                requires: "nang-cao",
                units: "commune",
            },
            LevelRequirementCycle {
                levels: s("nang-cao → kieu-mau → nang-cao"),
            },
            NoPredecessors {
                id: s("khong-lao-2025"),
                from: s("2024-12-31"),
                to: s("2025-12-31"),
            },
            VillageOfSplitCommune {
                village: s("nung-nang-05"),
                commune: s("nung-nang"),
                date: s("2025-07-01"),
            },
            AuditNamesCount {
                count: s("03"),
                named: 2,
            },
            AuditNameTwice {
                name: s("Mường So"),
            },
            AuditCriteriaCount {
                count: s("13"),
                listed: 12,
                numbers: s("1, 2, 3, 4, 5, 6, 7, 8, 10, 16, 18, 19"),
            },
            AuditPercent {
                part: s("96,42"),
                whole: s("269,39"),
                exact: s("35,79"),
                rounded: s("35,8"),
                stated: s("36,7"),
                denominator: s("262,73"),
            },
            AuditPartsSum {
                total: s("3.928"),
                sum: s("3.705,99"),
                parts: s("2.500 + 1.205,99"),
            },
            AuditSplit {
                met: 13,
                not_met: 2,
                sum: 15,
                whole: 16,
            },
            AuditChangeUnnamed {
                change: s("tăng 01 xã"),
            },
            AuditChangeNames {
                change: s("tăng 02 xã"),
                gained: 1,
                lost: 0,
            },
            AuditGainedNotMet {
                name: s("Bản Lang"),
                criterion: 5,
            },
            AuditLostButMet {
                name: s("Mù Sang"),
                criterion: 5,
            },
            AuditCriterionTwice {
                criterion: 9,
                first: s("5"),
                second: s("6"),
                at: Where::Line(52),
            },
            AuditStatedTwice {
                what: s("ha cây Dong riềng"),
                first: s("337,3"),
                second: s("377,3"),
                at: Where::Line(54),
            },
            AuditAverageCounts {
                stated: s("11,06"),
                computed: s("11,00"),
                total: 176,
                communes: 16,
            },
            AuditAverageTotal {
                stated: s("11,12"),
                computed: s("11,06"),
                total: 177,
                communes: 16,
            },
            AuditPreviousAverage {
                stated: s("10,50"),
                computed: s("10,56"),
                total: 169,
                communes: 16,
            },
            AuditColumnSum {
                column: s("Số tiền (triệu đồng)"),
                stated: s("441.565"),
                computed: s("441.566"),
                rows: 4,
            },
            AuditColumnMarks {
                column: s("TC 8"),
                stated: s("13"),
                computed: s("14"),
            },
            AuditRowMarks {
                row: s("Khổng Lào"),
                stated: s("19"),
                computed: s("18"),
            },
            AuditColumnDifference {
                column: s("Tăng (+), giảm (-)"),
                stated: s("+1"),
                computed: s("+2"),
            },
            AuditColumnAverage {
                column: s("Số tiêu chí đạt năm 2023"),
                stated: s("11,10"),
                computed: s("11,06"),
                rows: 16,
            },
            AuditRowNumber {
                stated: s("5"),
                expected: s("4"),
            },
            AuditPlanTotal {
                current: 177,
                added: 31,
                sum: 208,
                stated: 209,
            },
            AuditTotalCounts {
                stated: 178,
                sum: 177,
            },
            AuditClassCount {
                label: s("19"),
                stated: s("04"),
                possible: s("0–2"),
                names: s("Mường So, Huổi Luông"),
            },
            AuditClassMember {
                name: s("Khổng Lào"),
                label: s("19"),
                count: s("18"),
            },
            AuditClassesSum {
                sum: 17,
                total: 16,
                villages: false,
            },
            AuditReassessedSum {
                commune: s("Huổi Luông"),
                met: 13,
                not_met: 5,
                sum: 18,
                of: 19,
            },
            AuditReassessedNeither {
                commune: s("Huổi Luông"),
                numbers: s("12, 14"),
            },
            AuditReassessedBoth {
                commune: s("Bản Lang"),
                numbers: s("9"),
            },
            AuditAppendixTwice {
                id: s("06"),
                at: Where::Line(12),
            },
            AuditAppendixTitleTwice {
                id: s("03"),
                at: Where::Paragraph(310),
            },
            AuditUnknownName {
                name: s("Nậm Sẻ")
            },
            AuditData {
                topic: Topic::Criterion(8),
                stated: s("13"),
                computed: s("14"),
            },
            AuditDataNames {
                topic: Topic::Criterion(5),
                missing: s("Bản Lang"),
                extra: s("Mù Sang"),
            },
            TemplateSyntax {
                detail: s("unexpected end of input, expected end of block"),
            },
            TemplateUndefined {
                name: s("unit.ten"),
            },
            TemplateError {
                kind: s("invalid operation"),
                detail: s("…"),
            },
            TemplateOutOfFuel,
            TemplateTooDeep { limit: 100 },
            TemplateTooLarge { limit: s("64 MB") },
            TemplatesTooLarge { limit: s("64 MB") },
            TableRepeated {
                code: s("02"),
                times: 20_000,
            },
            TemplateExpressionTooLong { limit: 1_000 },
            TemplateFileTooLarge {
                bytes: 62_914_560,
                limit: s("1 MB"),
            },
            TemplatesFolderMissing,
            NoUnitFolder {
                unit: s("tam-duong"),
            },
            DuplicateUnit {
                unit: s("tam-duong"),
            },
            BadUnitId {
                unit: s("Tam Đường"),
            },
            UnitPathOutside {
                unit: s("tam-duong"),
            },
            NestedUnits {
                unit: s("lai-chau"),
            },
            UnitFolderShared {
                unit: s("tam-duong-2"),
                first: s("tam-duong"),
            },
            NoUnits,
            UnitRulesetDiffers {
                unit: s("tam-duong"),
                ruleset: s("lai-chau-xa-1487"),
                first: s("phong-tho"),
                expected: s("lai-chau-xa-1285"),
            },
            OutputInUse {
                file: s("out/2023/bao-cao-ntm-2023.docx"),
            },
            OutputNotAReport,
            UnknownTemplate,
            MissingNarrative {
                what: s("tồn tại, hạn chế"),
            },
            UnusedNarrative,
            UnusedLevelData {
                date: s("2026-12-31"),
            },
            UnverifiedThresholds {
                ruleset: s("lai-chau-xa-1285"),
                unverified: 45,
                used: 45,
            },
            PastForecast {
                date: s("31/12/2023"),
                report_date: s("05/01/2024"),
            },
            DocumentAfterReport {
                date: s("15/12/2023"),
                report_date: s("05/12/2023"),
            },
            NotFilledIn,
            UnreadableWorkbook {
                detail: s("Xlsx error: Zip error: invalid Zip archive"),
            },
            WorkbookTooLarge {
                limit_mb: 256,
                parts: 10_000,
                sheets: 1_000,
            },
            SheetTooLarge {
                sheet: s("Số liệu xã"),
                range: s("A1:XFD1048576"),
                limit: 10_000_000,
            },
            UnknownSheet { sheet: s("Sheet1") },
            TableGivenTwice {
                table: s("documents"),
                first: s("2023/documents.csv"),
                first_sheet: None,
            },
            CellError { text: s("#DIV/0!") },
            ValueWithoutHeader,
            RowNotFilledIn {
                count: 16,
                shown: s("muong-so, dao-san, ma-li-pho, …"),
            },
            NameMismatch {
                id: s("muong-so"),
                given: s("Dào San"),
                roster: s("Mường So"),
            },
            RatioInOneColumn { id: s("2.2") },
            SheetNotFilledIn,
            NumberAsId {
                value: s("17.1"),
                meant: s("17.10"),
            },
        ]
    }
}

impl Hint {
    /// One example of every hint, in catalogue order.
    pub fn examples() -> Vec<Hint> {
        use Hint::*;
        vec![
            DidYouMean {
                name: s("huoi-luong"),
            },
            UseOneOf {
                options: &["district", "province"],
            },
            ExpectedKeys {
                keys: s("`number`, `date`"),
            },
            Comparators,
            IdForm,
            AlreadyUsedOnLine { line: 2 },
            FirstGivenAt {
                file: s("2023/communes/huoi-luong.toml"),
                line: 7,
            },
            CategoriesDefinedBy {
                ruleset: s("lai-chau-xa-1285"),
            },
            NameARuleset,
            YearsWithData {
                years: s("2022, 2023"),
            },
            CreateYearFolder,
            AddThreshold,
            DateForm,
            AddCommuneData {
                file: s("2023/communes/mu-sang.toml"),
                table: s("2023/communes.csv"),
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
            WritePlanYear { year: 2024 },
            CriteriaOfRuleset {
                ruleset: s("lai-chau-xa-1285"),
            },
            Windows1258,
            Utf16,
            NulByte,
            CloseQuote,
            TemplatesExport,
            TemplateNames {
                names: s("bao-cao.md, trich-yeu.md, …"),
            },
            BuiltinRulesets {
                ids: s("lai-chau-xa-1285, lai-chau-thon-1285"),
            },
            BreakSourceCycle,
            TemplateLimits,
            SymlinkRule,
            RenameFile,
            InvisibleCharacters,
            ThousandsSeparator { meant: s("1530") },
            DigitsLimit,
            RulesetYears,
            UntilIsEffectiveDate,
            EventWithinValidity {
                from: s("…"),
                until: s("2025-07-01"),
            },
            AcknowledgeMergedCommune,
            NtmLevelInRulesets,
            DeclareRequiredLevel,
            RecogniseBeforeRevoking,
            RulesetDates,
            CoverStatusDate {
                date: s("2021-12-31"),
            },
            RosterForStatusDate {
                date: s("2030-12-31"),
            },
            BreakCycle,
            OneSuccessor,
            DistinctNames,
            MoveVillages,
            NamePredecessors,
            FirstGivenInSheet {
                file: s("2023/nhap-lieu.xlsx"),
                sheet: s("Tiêu chí"),
                cell: s("D7"),
            },
            SheetNames {
                names: s("\"Tiêu chí\" (criteria), …"),
            },
            WideStatusForm,
            RatioColumns { id: s("2.2") },
            IdAsText,
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The variant names declared in an enum of a source file.
    fn variants(src: &str, decl: &str) -> Vec<String> {
        let body = &src[src.find(decl).expect("the enum")..];
        let body = &body[..body.find("\n}\n").expect("its end")];
        body.lines()
            .filter_map(|l| l.strip_prefix("    "))
            .filter(|l| l.starts_with(|c: char| c.is_ascii_uppercase()))
            .map(|l| {
                l.split(|c: char| !c.is_alphanumeric())
                    .next()
                    .unwrap_or("")
                    .to_string()
            })
            .collect()
    }

    fn names<T: std::fmt::Debug>(items: &[T]) -> Vec<String> {
        items
            .iter()
            .map(|i| {
                let d = format!("{i:?}");
                d.split(|c: char| !c.is_alphanumeric())
                    .next()
                    .unwrap_or("")
                    .to_string()
            })
            .collect()
    }

    #[test]
    fn every_message_and_hint_has_an_example() {
        let m = variants(include_str!("message.rs"), "pub enum Message {");
        assert_eq!(names(&Message::examples()), m);
        let h = variants(include_str!("hint.rs"), "pub enum Hint {");
        assert_eq!(names(&Hint::examples()), h);
    }

    #[test]
    fn every_text_exists_in_both_languages_and_differs() {
        use crate::diagnostic::Lang;
        for m in Message::examples() {
            let (en, vi) = (m.text(Lang::En), m.text(Lang::Vi));
            assert!(!en.is_empty() && !vi.is_empty(), "{m:?}");
            assert_ne!(en, vi, "{m:?} is not translated");
        }
        for h in Hint::examples() {
            assert_ne!(
                h.text(Lang::En),
                h.text(Lang::Vi),
                "{h:?} is not translated"
            );
        }
    }
}
