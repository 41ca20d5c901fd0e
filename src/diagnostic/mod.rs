//! Problems found in the user's files, collected and shown all at once, like a compiler.
//! Each carries a [`Message`] from the catalogue, shown in the chosen [`Lang`].

mod examples;
mod hint;
mod lang;
mod message;
mod term;

pub use hint::Hint;
pub use lang::Lang;
pub use message::{Message, Notice, Topic, What, Where};
pub use term::{Question, SummaryFigure, Term};

use crate::source::Location;
use std::fmt::Write as _;

/// The version of the JSON form of the messages (`--message-format json`,
/// `docs/schema/diagnostics.schema.json`); raised on any change that could break a reader.
pub const SCHEMA_VERSION: u32 = 1;

/// How serious a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Stops the build.
    Error,
    /// Reported; the build goes on.
    Warning,
}

impl Severity {
    /// The label of the human form.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Severity::Error => lang.pick("error", "lỗi"),
            Severity::Warning => lang.pick("warning", "cảnh báo"),
        }
    }
}

/// The styles of the human form on a terminal that shows colour, as rustc and cargo use them.
#[derive(Clone, Copy, Debug, Default)]
pub struct Styles {
    pub error: anstyle::Style,
    pub warning: anstyle::Style,
    /// The message after the label.
    pub message: anstyle::Style,
    /// `-->`, the line numbers and `|`, `=`.
    pub gutter: anstyle::Style,
    /// The label of the hint.
    pub help: anstyle::Style,
}

impl Styles {
    /// No styling: the text form as written to a file or a pipe.
    pub fn plain() -> Styles {
        Styles::default()
    }

    /// Colours: errors red, warnings yellow, the gutter blue, labels and message bold.
    pub fn colored() -> Styles {
        use anstyle::{AnsiColor, Style};
        let bold = Style::new().bold();
        Styles {
            error: bold.fg_color(Some(AnsiColor::BrightRed.into())),
            warning: bold.fg_color(Some(AnsiColor::BrightYellow.into())),
            message: bold,
            gutter: bold.fg_color(Some(AnsiColor::BrightBlue.into())),
            help: bold.fg_color(Some(AnsiColor::BrightCyan.into())),
        }
    }

    /// [`Styles::colored`] when `color`, else [`Styles::plain`].
    pub fn when(color: bool) -> Styles {
        if color {
            Styles::colored()
        } else {
            Styles::plain()
        }
    }
}

/// One problem, with where it is and, when we can tell, how to fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: Message,
    pub file: Option<String>,
    pub line: Option<usize>,
    pub col: Option<usize>,
    /// The offending line as echoed: short lines whole, long ones as a bounded window
    /// ([`crate::source::excerpt`]).
    pub line_text: Option<String>,
    /// Where the place is in `line_text` (1-based, in characters); `None`: at `col`.
    pub caret: Option<usize>,
    /// For a place in a workbook: the sheet (`line` and `col` are then the cell's row and
    /// column).
    pub sheet: Option<String>,
    pub hint: Option<Hint>,
}

impl Diagnostic {
    /// A diagnostic about a file as a whole (or no file at all).
    pub fn new(severity: Severity, file: Option<&str>, message: Message) -> Self {
        Diagnostic {
            severity,
            message,
            file: file.map(str::to_string),
            line: None,
            col: None,
            line_text: None,
            caret: None,
            sheet: None,
            hint: None,
        }
    }

    /// A diagnostic at a place.
    pub fn at(severity: Severity, loc: &Location, message: Message) -> Self {
        Diagnostic {
            line: Some(loc.line),
            col: Some(loc.col),
            line_text: Some(loc.line_text.clone()),
            caret: Some(loc.caret),
            sheet: loc.sheet.clone(),
            ..Diagnostic::new(severity, Some(&loc.file), message)
        }
    }

    /// Adds a hint ("did you mean …?").
    pub fn with_hint(mut self, hint: impl Into<Option<Hint>>) -> Self {
        self.hint = hint.into();
        self
    }

    /// The stable code of the message ("unknown-commune").
    pub fn code(&self) -> &'static str {
        self.message.code()
    }

    /// The order problems are listed in: root causes first (files that cannot be read or
    /// parsed), then by file — the data folder's own files before the year folders', as
    /// the year's data is checked against them — line and column, then the summaries that
    /// follow from other problems.
    #[allow(clippy::type_complexity)]
    fn sort_key(
        &self,
    ) -> (
        u8,
        bool,
        Option<&str>,
        Option<&str>,
        usize,
        usize,
        Severity,
        &'static str,
    ) {
        let in_year = self.file.as_deref().is_some_and(|f| {
            let b = f.as_bytes();
            b.len() >= 5 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'/'
        });
        (
            self.message.tier(),
            in_year,
            self.file.as_deref(),
            self.sheet.as_deref(),
            self.line.unwrap_or(0),
            self.col.unwrap_or(0),
            self.severity,
            self.code(),
        )
    }

    /// The rustc-like text form.
    pub fn render(&self, lang: Lang) -> String {
        self.render_styled(lang, &Styles::plain())
    }

    /// The rustc-like text form, with the label, the place, the gutter, the caret and the
    /// hint in `styles` (ANSI escapes through anstyle; [`Styles::plain`] adds none).
    pub fn render_styled(&self, lang: Lang, styles: &Styles) -> String {
        let mut out = String::new();
        let label = self.severity.label(lang);
        let level = match self.severity {
            Severity::Error => styles.error,
            Severity::Warning => styles.warning,
        };
        let (g, m) = (styles.gutter, styles.message);
        let _ = writeln!(
            out,
            "{level}{label}{level:#}{m}: {}{m:#}",
            shown(&self.message.text(lang))
        );
        let help = |out: &mut String| {
            if let Some(hint) = &self.hint {
                let help = lang.pick("help", "gợi ý");
                let h = styles.help;
                let text = hint.text(lang);
                let text = shown(&text);
                let _ = writeln!(out, "  {g}={g:#} {h}{help}{h:#}: {text}");
            }
        };
        if let (Some(file), Some(cell)) = (&self.file, self.cell()) {
            let sheet = self.sheet.as_deref().unwrap_or("");
            let (s, c) = (lang.pick("sheet", "trang tính"), lang.pick("cell", "ô"));
            let (file, sheet) = (shown(file), shown(sheet));
            let _ = writeln!(out, "  {g}-->{g:#} {file}: {s} \"{sheet}\", {c} {cell}");
            let text = shown(self.line_text.as_deref().unwrap_or(""));
            let text = if text.is_empty() {
                lang.pick("(empty)", "(ô trống)")
            } else {
                &text
            };
            let margin = " ".repeat(cell.chars().count());
            let _ = writeln!(out, "{margin} {g}|{g:#}");
            for (i, l) in text.lines().enumerate() {
                let head = if i == 0 { cell.as_str() } else { &margin };
                let _ = writeln!(out, "{g}{head} |{g:#} {l}");
            }
            help(&mut out);
            return out;
        }
        if let Some(file) = &self.file {
            let file = shown(file);
            match (self.line, self.col) {
                (Some(l), Some(c)) => {
                    let _ = writeln!(out, "  {g}-->{g:#} {file}:{l}:{c}");
                }
                _ => {
                    let _ = writeln!(out, "  {g}-->{g:#} {file}");
                }
            }
        }
        if let (Some(line), Some(text)) = (self.line, &self.line_text) {
            // No formatting widths from the data: a column of 70,000 is beyond what a width
            // takes, and the line is echoed as a bounded window.
            let (text, caret) = match self.caret {
                Some(caret) => (text.clone(), caret),
                None => crate::source::excerpt(text, self.col.unwrap_or(1)),
            };
            let margin = " ".repeat(line.to_string().len());
            let _ = writeln!(out, "{g}{margin} |{g:#}");
            let _ = writeln!(out, "{g}{line} |{g:#} {text}");
            if self.col.is_some() {
                let pad = " ".repeat(caret.saturating_sub(1));
                let _ = writeln!(out, "{g}{margin} |{g:#} {pad}{level}^{level:#}");
            }
        }
        help(&mut out);
        out
    }

    /// For a place in a workbook, the cell's name ("D7").
    pub fn cell(&self) -> Option<String> {
        let (_, row, col) = (self.sheet.as_ref()?, self.line?, self.col?);
        Some(crate::source::cell_name(row, col))
    }

    /// The JSON form: one object with severity, code, message, file, line, col and hint;
    /// for a place in a workbook also sheet and cell (line and col are then the cell's row
    /// and column).
    pub fn to_json(&self, lang: Lang) -> String {
        #[derive(serde::Serialize)]
        struct Json<'a> {
            severity: Severity,
            code: &'static str,
            message: String,
            file: Option<&'a str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            sheet: Option<&'a str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            cell: Option<String>,
            line: Option<usize>,
            col: Option<usize>,
            hint: Option<String>,
        }
        let json = Json {
            severity: self.severity,
            code: self.code(),
            message: shown(&self.message.text(lang)).into_owned(),
            file: self.file.as_deref(),
            sheet: self.sheet.as_deref(),
            cell: self.cell(),
            line: self.line,
            col: self.col,
            hint: self
                .hint
                .as_ref()
                .map(|h| shown(&h.text(lang)).into_owned()),
        };
        serde_json::to_string(&json).expect("plain data serialises")
    }
}

/// The most characters of a message or hint shown: values quoted from the data (an id, a
/// cell) are cut beyond it.
pub const MESSAGE_CHARS: usize = 400;

/// A message, hint or file name as printed: control and invisible characters made visible
/// (`�`), and at most [`MESSAGE_CHARS`] characters, then `…`.
pub fn shown(text: &str) -> std::borrow::Cow<'_, str> {
    use crate::source::visible;
    let clean = text.chars().all(|c| visible(c) == c || c == '\n');
    if clean && text.len() <= MESSAGE_CHARS {
        return text.into();
    }
    let mut out: String = text
        .chars()
        .take(MESSAGE_CHARS)
        .map(|c| if c == '\n' { c } else { visible(c) })
        .collect();
    if text.chars().nth(MESSAGE_CHARS).is_some() {
        out.push('…');
    }
    out.into()
}

/// The problems found in one run.
#[derive(Clone, Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    fn push(&mut self, d: Diagnostic) -> &mut Diagnostic {
        self.items.push(d);
        self.items.last_mut().expect("just pushed")
    }

    /// Records an error at a place.
    pub fn error(&mut self, loc: &Location, message: Message) -> &mut Diagnostic {
        self.push(Diagnostic::at(Severity::Error, loc, message))
    }

    /// Records a warning at a place.
    pub fn warning(&mut self, loc: &Location, message: Message) -> &mut Diagnostic {
        self.push(Diagnostic::at(Severity::Warning, loc, message))
    }

    /// Records an error about a file as a whole (or no file at all).
    pub fn error_in(&mut self, file: Option<&str>, message: Message) -> &mut Diagnostic {
        self.push(Diagnostic::new(Severity::Error, file, message))
    }

    /// Records a warning about a file as a whole (or no file at all).
    pub fn warning_in(&mut self, file: Option<&str>, message: Message) -> &mut Diagnostic {
        self.push(Diagnostic::new(Severity::Warning, file, message))
    }

    /// Whether a path could not be read ([`Message::is_io`]): exit code 2.
    pub fn has_io_errors(&self) -> bool {
        self.items
            .iter()
            .any(|d| d.severity == Severity::Error && d.message.is_io())
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.items.iter().filter(|d| d.severity == severity).count()
    }

    /// The problems sorted by file, line and column, duplicates removed.
    pub fn sorted(&self) -> Vec<Diagnostic> {
        let mut v = self.items.clone();
        v.sort_by_cached_key(|d| {
            let (tier, in_year, file, sheet, line, col, severity, code) = d.sort_key();
            (
                tier,
                in_year,
                file.map(str::to_string),
                sheet.map(str::to_string),
                line,
                col,
                severity,
                code,
                d.message.text(Lang::En),
            )
        });
        v.dedup();
        v
    }

    /// Adds a diagnostic made elsewhere (e.g. by the template engine).
    pub fn extend_one(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }
}

impl std::ops::Deref for Diagnostics {
    type Target = [Diagnostic];
    fn deref(&self) -> &[Diagnostic] {
        &self.items
    }
}

/// The most items of a list a message names; the rest are counted.
pub const LIST_ITEMS: usize = 10;

/// Items joined by `sep`, at most [`LIST_ITEMS`] of them, then "… (N)" with the count of all.
pub fn clip_list(items: &[&str], sep: &str) -> String {
    if items.len() <= LIST_ITEMS {
        return items.join(sep);
    }
    format!("{}{sep}… ({})", items[..LIST_ITEMS].join(sep), items.len())
}

/// Names longer than this get no "did you mean" hint (nothing that long is a typo of an id).
const SUGGEST_MAX_CHARS: usize = 64;
/// The most candidates compared for one hint: the search stays cheap however long the
/// roster, and however many unknown names a table holds.
const SUGGEST_MAX_CANDIDATES: usize = 20_000;

/// How many warnings of one kind (code) the human form shows; the rest are counted.
pub const WARNINGS_SHOWN_PER_KIND: usize = 10;

/// How many errors of one kind (code) the human form shows; the rest are counted. A table
/// of a million rows each wrong the same way gives one screen, not 170 MB of messages; the
/// JSON form lists them all.
pub const ERRORS_SHOWN_PER_KIND: usize = 100;

/// Of sorted diagnostics, those the human form shows: the first `limit` warnings and the
/// first [`ERRORS_SHOWN_PER_KIND`] errors of each code; with, for each code that had more,
/// its severity and how many more (in code order, errors first).
pub fn shown_in_human_form(
    sorted: Vec<Diagnostic>,
    limit: usize,
) -> (Vec<Diagnostic>, Vec<(Severity, &'static str, usize)>) {
    let mut counts: std::collections::BTreeMap<(Severity, &'static str), usize> =
        Default::default();
    let cap = |s: Severity| match s {
        Severity::Error => ERRORS_SHOWN_PER_KIND,
        Severity::Warning => limit,
    };
    let mut shown = Vec::new();
    for d in sorted {
        let n = counts.entry((d.severity, d.code())).or_default();
        *n += 1;
        if *n > cap(d.severity) {
            continue;
        }
        shown.push(d);
    }
    let more = counts
        .into_iter()
        .filter(|&((s, _), n)| n > cap(s))
        .map(|((s, c), n)| (s, c, n - cap(s)))
        .collect();
    (shown, more)
}

/// The closest candidate to a misspelt name, for a "did you mean …?" hint.
pub fn did_you_mean<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<Hint> {
    let mut best: Option<(usize, &str)> = None;
    let len = name.chars().count();
    if len > SUGGEST_MAX_CHARS {
        return None;
    }
    let limit = (len.max(3) / 3).max(2);
    for c in candidates.into_iter().take(SUGGEST_MAX_CANDIDATES) {
        // The distance is at least the difference in length: most candidates are skipped
        // without computing it.
        if c.chars().count().abs_diff(len) > limit {
            continue;
        }
        let d = edit_distance(name, c);
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| Hint::DidYouMean {
        name: c.to_string(),
    })
}

/// The edit distance between two names, through `strsim`: optimal string alignment, in which
/// two neighbouring letters swapped (`huoi-loung` for `huoi-luong`), the commonest slip of
/// the keyboard, count as one edit, as do a letter added, left out or replaced.
fn edit_distance(a: &str, b: &str) -> usize {
    strsim::osa_distance(a, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_nearest_id() {
        let ids = ["huoi-luong", "muong-so", "ma-li-pho"];
        assert_eq!(
            did_you_mean("huoi-loung", ids).map(|h| h.text(Lang::En)),
            Some("did you mean `huoi-luong`?".to_string())
        );
        assert_eq!(did_you_mean("zzzzzzzz", ids), None);
    }

    #[test]
    fn a_swapped_pair_of_letters_is_one_edit() {
        assert_eq!(edit_distance("huoi-loung", "huoi-luong"), 1);
        assert_eq!(edit_distance("mường so", "mường sô"), 1);
        assert_eq!(edit_distance("ban-bo", "ban-bo"), 0);
        assert_eq!(edit_distance("abc", ""), 3);
        // Two swaps cost two: "ma-li-pho" is not one edit from "am-il-pho".
        assert_eq!(edit_distance("am-il-pho", "ma-li-pho"), 2);
    }

    #[test]
    fn many_warnings_of_a_kind_are_counted_not_shown() {
        let mut ds = Diagnostics::new();
        for i in 0..13 {
            let file = format!("2023/narrative/{i:02}.md");
            ds.warning_in(Some(&file), Message::UnusedNarrative);
        }
        ds.warning_in(Some("2023/x"), Message::NotFilledIn);
        ds.error_in(Some("2023/y"), Message::FileRequired);
        ds.error_in(Some("2023/z"), Message::FileRequired);
        let (shown, more) = shown_in_human_form(ds.sorted(), 10);
        assert_eq!(shown.len(), 13);
        let unused = shown.iter().filter(|d| d.code() == "unused-narrative");
        assert_eq!(unused.count(), 10);
        assert_eq!(more, [(Severity::Warning, "unused-narrative", 3)]);
        // Errors are shown up to their own, larger limit.
        let (shown, more) = shown_in_human_form(ds.sorted(), 0);
        assert_eq!(shown.len(), 2);
        assert_eq!(
            more,
            [
                (Severity::Warning, "not-filled-in", 1),
                (Severity::Warning, "unused-narrative", 13)
            ]
        );
        for i in 0..ERRORS_SHOWN_PER_KIND + 5 {
            ds.error_in(
                Some(&format!("2023/communes/{i}.toml")),
                Message::FileRequired,
            );
        }
        let (shown, more) = shown_in_human_form(ds.sorted(), 10);
        let required = shown.iter().filter(|d| d.code() == "missing-file").count();
        assert_eq!(required, ERRORS_SHOWN_PER_KIND);
        assert_eq!(more[0], (Severity::Error, "missing-file", 7));
    }

    #[test]
    fn renders_like_a_compiler() {
        let loc = Location {
            file: "2023/a.toml".into(),
            line: 3,
            col: 5,
            line_text: "x = 1".into(),
            caret: 5,
            sheet: None,
        };
        let mut ds = Diagnostics::new();
        ds.error(&loc, Message::ExpectedNumber).hint = Some(Hint::NumberForm);
        let text = ds.sorted()[0].render(Lang::En);
        assert!(
            text.starts_with("error: expected a number\n  --> 2023/a.toml:3:5\n"),
            "{text}"
        );
        assert!(text.contains("3 | x = 1"));
        assert!(text.contains("  |     ^\n"), "{text}");
        assert!(text.contains("= help: write digits"));
        let vi = ds.sorted()[0].render(Lang::Vi);
        assert!(
            vi.starts_with("lỗi: cần một số\n  --> 2023/a.toml:3:5\n"),
            "{vi}"
        );
        assert!(vi.contains("= gợi ý: ghi chữ số"), "{vi}");
    }

    #[test]
    fn colour_adds_escapes_and_nothing_else() {
        let loc = Location {
            file: "2023/a.toml".into(),
            line: 12,
            col: 5,
            line_text: "x = 1".into(),
            caret: 5,
            sheet: None,
        };
        let mut ds = Diagnostics::new();
        ds.error(&loc, Message::ExpectedNumber).hint = Some(Hint::NumberForm);
        ds.warning_in(Some("2023/b.md"), Message::UnusedNarrative);
        let cell = Location {
            sheet: Some("Tiêu chí".into()),
            line: 7,
            col: 4,
            line_text: "y".into(),
            ..loc.clone()
        };
        ds.error(&cell, Message::ExpectedNumber);
        for d in ds.sorted() {
            for lang in [Lang::En, Lang::Vi] {
                let plain = d.render(lang);
                let colored = d.render_styled(lang, &Styles::colored());
                assert!(!plain.contains('\x1b'), "{plain}");
                assert!(colored.contains("\x1b["), "{colored}");
                let stripped = anstream::adapter::strip_str(&colored).to_string();
                assert_eq!(stripped, plain);
            }
        }
        let e = ds.sorted()[0].render_styled(Lang::En, &Styles::colored());
        assert!(e.starts_with("\x1b[1m\x1b[91merror\x1b[0m"), "{e:?}");
    }
}
