//! Problems found in the user's files, collected and shown all at once, like a compiler.

use crate::source::Location;
use std::fmt::Write as _;

/// How serious a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Stops the build.
    Error,
    /// Reported; the build goes on.
    Warning,
}

/// One problem, with where it is and, when we can tell, how to fix it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    pub file: Option<String>,
    pub line: Option<usize>,
    pub col: Option<usize>,
    #[serde(skip)]
    pub line_text: Option<String>,
    pub hint: Option<String>,
}

impl Diagnostic {
    /// Adds a hint ("did you mean …?").
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    fn sort_key(&self) -> (Option<&str>, usize, usize, Severity) {
        (
            self.file.as_deref(),
            self.line.unwrap_or(0),
            self.col.unwrap_or(0),
            self.severity,
        )
    }

    /// The rustc-like text form.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let _ = writeln!(out, "{label}: {}", self.message);
        if let Some(file) = &self.file {
            match (self.line, self.col) {
                (Some(l), Some(c)) => {
                    let _ = writeln!(out, "  --> {file}:{l}:{c}");
                }
                _ => {
                    let _ = writeln!(out, "  --> {file}");
                }
            }
        }
        if let (Some(line), Some(text)) = (self.line, &self.line_text) {
            let width = line.to_string().len();
            let _ = writeln!(out, "{:width$} |", "");
            let _ = writeln!(out, "{line} | {text}");
            if let Some(col) = self.col {
                let _ = writeln!(out, "{:width$} | {:>col$}", "", "^");
            }
        }
        if let Some(hint) = &self.hint {
            let _ = writeln!(out, "  = help: {hint}");
        }
        out
    }
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

    fn push(
        &mut self,
        severity: Severity,
        loc: Option<&Location>,
        message: String,
    ) -> &mut Diagnostic {
        self.items.push(Diagnostic {
            severity,
            message,
            file: loc.map(|l| l.file.clone()),
            line: loc.map(|l| l.line),
            col: loc.map(|l| l.col),
            line_text: loc.map(|l| l.line_text.clone()),
            hint: None,
        });
        self.items.last_mut().expect("just pushed")
    }

    /// Records an error at a place.
    pub fn error(&mut self, loc: &Location, message: impl Into<String>) -> &mut Diagnostic {
        self.push(Severity::Error, Some(loc), message.into())
    }

    /// Records a warning at a place.
    pub fn warning(&mut self, loc: &Location, message: impl Into<String>) -> &mut Diagnostic {
        self.push(Severity::Warning, Some(loc), message.into())
    }

    /// Records an error about a file as a whole (or no file at all).
    pub fn error_in(&mut self, file: Option<&str>, message: impl Into<String>) -> &mut Diagnostic {
        let d = self.push(Severity::Error, None, message.into());
        d.file = file.map(str::to_string);
        d
    }

    /// Records a warning about a file as a whole (or no file at all).
    pub fn warning_in(
        &mut self,
        file: Option<&str>,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        let d = self.push(Severity::Warning, None, message.into());
        d.file = file.map(str::to_string);
        d
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
        v.sort_by(|a, b| {
            a.sort_key()
                .cmp(&b.sort_key())
                .then(a.message.cmp(&b.message))
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

/// Sets a hint on the last diagnostic, convenience for `d.error(..).hint = ..`.
pub trait Hint {
    fn hint(&mut self, hint: impl Into<String>);
}

impl Hint for Diagnostic {
    fn hint(&mut self, hint: impl Into<String>) {
        self.hint = Some(hint.into());
    }
}

/// The closest candidate to a misspelt name, for a "did you mean …?" hint.
pub fn did_you_mean<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        let d = edit_distance(name, c);
        if d <= (name.chars().count().max(3) / 3).max(2) && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| format!("did you mean `{c}`?"))
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_nearest_id() {
        let ids = ["huoi-luong", "muong-so", "ma-li-pho"];
        assert_eq!(
            did_you_mean("huoi-loung", ids).as_deref(),
            Some("did you mean `huoi-luong`?")
        );
        assert_eq!(did_you_mean("zzzzzzzz", ids), None);
    }

    #[test]
    fn renders_like_a_compiler() {
        let loc = Location {
            file: "2023/a.toml".into(),
            line: 3,
            col: 5,
            line_text: "x = 1".into(),
        };
        let mut ds = Diagnostics::new();
        ds.error(&loc, "bad value").hint("write a number");
        let text = ds.sorted()[0].render();
        assert!(
            text.starts_with("error: bad value\n  --> 2023/a.toml:3:5\n"),
            "{text}"
        );
        assert!(text.contains("3 | x = 1"));
        assert!(text.contains("= help: write a number"));
    }
}
