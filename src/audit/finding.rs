//! A contradiction found, shown like a compiler's diagnostic: severity, message, place,
//! the sentence quoted with a caret under the figure, a hint; or as one JSON object.

use super::document::{Document, Place};
use crate::diagnostic::{Hint, Lang, Message, Severity, Where};
use std::fmt::Write as _;
use std::ops::Range;

/// One finding of an audit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub severity: Severity,
    pub message: Message,
    pub unit: usize,
    /// The sentence quoted, as a byte range of the unit's text.
    pub sentence: Range<usize>,
    /// The figure pointed at.
    pub at: Range<usize>,
    pub hint: Option<Hint>,
}

/// Where a byte of a unit is, as a message names it.
pub fn place_of(doc: &Document, unit: usize, at: usize) -> Where {
    let loc = doc.locate(unit, at);
    match loc.place {
        Place::Text => Where::Line(loc.line.unwrap_or(0)),
        Place::Paragraph(p) => Where::Paragraph(p),
        Place::Cell { table, row, cell } => Where::Cell { table, row, cell },
        Place::Footnote(n) => Where::Footnote(n),
    }
}

/// At most this many characters of a long sentence are quoted, around the figure.
const QUOTE: usize = 240;

impl Finding {
    pub fn code(&self) -> &'static str {
        self.message.code()
    }

    /// The quoted sentence (shortened around the figure when long) and the caret's column
    /// in it (1-based, in characters).
    fn quote(&self, doc: &Document) -> (String, usize) {
        let text = &doc.units[self.unit].text;
        let s = &text[self.sentence.clone()];
        let at = self
            .at
            .start
            .saturating_sub(self.sentence.start)
            .min(s.len());
        let before: Vec<char> = s[..at].chars().collect();
        let after: Vec<char> = s[at..].chars().collect();
        let keep_before = before.len().min(QUOTE / 3);
        let keep_after = after.len().min(QUOTE - keep_before);
        let mut q = String::new();
        if keep_before < before.len() {
            q.push('…');
        }
        q.extend(&before[before.len() - keep_before..]);
        let col = q.chars().count() + 1;
        q.extend(&after[..keep_after]);
        if keep_after < after.len() {
            q.push('…');
        }
        (q.replace(['\n', '\t'], " "), col)
    }

    /// The rustc-like text form.
    pub fn render(&self, doc: &Document, lang: Lang) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{}: {}",
            self.severity.label(lang),
            self.message.text(lang)
        );
        let loc = doc.locate(self.unit, self.at.start);
        let (quote, col) = self.quote(doc);
        let gutter = match loc.place {
            Place::Text => {
                let line = loc.line.unwrap_or(0);
                let _ = writeln!(out, "  --> {}:{line}:{}", doc.name, loc.col);
                line.to_string()
            }
            _ => {
                let place = place_of(doc, self.unit, self.at.start).text(lang);
                let _ = writeln!(out, "  --> {}: {place}", doc.name);
                String::new()
            }
        };
        let width = gutter.len().max(1);
        let _ = writeln!(out, "{:width$} |", "");
        let _ = writeln!(out, "{gutter:>width$} | {quote}");
        let len = self.at.len().min(doc.units[self.unit].text.len());
        let marks = doc.units[self.unit].text[self.at.start..self.at.start + len]
            .chars()
            .count()
            .clamp(1, 40);
        let _ = writeln!(
            out,
            "{:width$} | {:>col$}{}",
            "",
            "^",
            "^".repeat(marks - 1)
        );
        if let Some(hint) = &self.hint {
            let help = lang.pick("help", "gợi ý");
            let _ = writeln!(out, "  = {help}: {}", hint.text(lang));
        }
        out
    }

    /// The JSON form: the diagnostics' fields (severity, code, message, file, line, col,
    /// hint) and the place, the quoted sentence and the message in both languages.
    pub fn to_json(&self, doc: &Document, lang: Lang) -> String {
        #[derive(serde::Serialize)]
        struct Json<'a> {
            severity: Severity,
            code: &'static str,
            message: String,
            message_en: String,
            message_vi: String,
            file: &'a str,
            line: Option<usize>,
            col: usize,
            #[serde(skip_serializing_if = "Option::is_none")]
            paragraph: Option<usize>,
            #[serde(skip_serializing_if = "Option::is_none")]
            table: Option<usize>,
            #[serde(skip_serializing_if = "Option::is_none")]
            row: Option<usize>,
            #[serde(skip_serializing_if = "Option::is_none")]
            cell: Option<usize>,
            #[serde(skip_serializing_if = "Option::is_none")]
            footnote: Option<usize>,
            place: String,
            quote: String,
            hint: Option<String>,
        }
        let loc = doc.locate(self.unit, self.at.start);
        let (quote, _) = self.quote(doc);
        let (mut paragraph, mut table, mut row, mut cell, mut footnote) =
            (None, None, None, None, None);
        match loc.place {
            Place::Paragraph(p) => paragraph = Some(p),
            Place::Cell {
                table: t,
                row: r,
                cell: c,
            } => (table, row, cell) = (Some(t), Some(r), Some(c)),
            Place::Footnote(n) => footnote = Some(n),
            Place::Text => {}
        }
        let json = Json {
            severity: self.severity,
            code: self.code(),
            message: self.message.text(lang),
            message_en: self.message.text(Lang::En),
            message_vi: self.message.text(Lang::Vi),
            file: &doc.name,
            line: loc.line,
            col: loc.col,
            paragraph,
            table,
            row,
            cell,
            footnote,
            place: place_of(doc, self.unit, self.at.start).text(lang),
            quote,
            hint: self.hint.as_ref().map(|h| h.text(lang)),
        };
        serde_json::to_string(&json).expect("plain data serialises")
    }
}
