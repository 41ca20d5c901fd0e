//! The report's templates: defaults built into the program, replaced file by file from a
//! user's folder, rendered with minijinja (strict undefined, Markdown escaping).

use crate::diagnostic::{Diagnostic, Hint, Message, Severity};
use crate::report::markup::escape;
use minijinja::{AutoEscape, Environment, UndefinedBehavior, Value};
use std::collections::BTreeMap;
use std::sync::Arc;

/// The built-in templates: (name, text).
pub const DEFAULTS: &[(&str, &str)] = &[
    ("bao-cao.md", include_str!("../../templates/bao-cao.md")),
    ("macros.md", include_str!("../../templates/macros.md")),
    (
        "phan-1-chi-dao.md",
        include_str!("../../templates/phan-1-chi-dao.md"),
    ),
    (
        "phan-1-thanh-phan.md",
        include_str!("../../templates/phan-1-thanh-phan.md"),
    ),
    (
        "phan-1-tong-hop.md",
        include_str!("../../templates/phan-1-tong-hop.md"),
    ),
    (
        "phan-1-von.md",
        include_str!("../../templates/phan-1-von.md"),
    ),
    ("phan-2.md", include_str!("../../templates/phan-2.md")),
    ("trich-yeu.md", include_str!("../../templates/trich-yeu.md")),
    ("phu-bieu.md", include_str!("../../templates/phu-bieu.md")),
];

/// A template's text and where it came from (shown in errors).
#[derive(Clone, Debug)]
pub struct TemplateFile {
    pub origin: String,
    pub text: String,
}

/// The set of templates a build uses.
#[derive(Clone, Debug)]
pub struct Templates {
    files: BTreeMap<String, TemplateFile>,
}

impl Default for Templates {
    fn default() -> Self {
        let files = DEFAULTS
            .iter()
            .map(|(name, text)| {
                (
                    name.to_string(),
                    TemplateFile {
                        origin: format!("<built-in> templates/{name}"),
                        text: text.to_string(),
                    },
                )
            })
            .collect();
        Templates { files }
    }
}

impl Templates {
    /// Replaces a default template; false when no default has that name.
    pub fn replace(&mut self, name: &str, origin: String, text: String) -> bool {
        match self.files.get_mut(name) {
            Some(f) => {
                *f = TemplateFile { origin, text };
                true
            }
            None => false,
        }
    }

    fn env(&self) -> Environment<'static> {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_debug(false);
        env.set_auto_escape_callback(|_| AutoEscape::Custom("markdown".into()));
        env.set_formatter(|out, _state, value| {
            if value.is_safe() {
                write!(out, "{}", value.as_str().unwrap_or_default())?;
            } else if let Some(s) = value.as_str() {
                write!(out, "{}", escape(s))?;
            } else if value.is_none() {
                return Err(minijinja::Error::new(
                    minijinja::ErrorKind::UndefinedError,
                    "a value that is missing (none) was printed",
                ));
            } else {
                write!(out, "{value}")?;
            }
            Ok(())
        });
        let sources: Arc<BTreeMap<String, String>> = Arc::new(
            self.files
                .iter()
                .map(|(k, f)| (k.clone(), f.text.clone()))
                .collect(),
        );
        env.set_loader(move |name| Ok(sources.get(name).cloned()));
        env
    }

    /// Renders a template with a context; an error names the template file and line.
    pub fn render(&self, name: &str, ctx: &Value) -> Result<String, Box<Diagnostic>> {
        let env = self.env();
        let result = env.get_template(name).and_then(|t| t.render(ctx));
        result.map_err(|e| Box::new(self.diagnostic(name, &e)))
    }

    fn diagnostic(&self, name: &str, e: &minijinja::Error) -> Diagnostic {
        let at = e.name().unwrap_or(name);
        let file = self.files.get(at);
        let line_text = e
            .line()
            .and_then(|l| file.and_then(|f| f.text.lines().nth(l.saturating_sub(1))))
            .map(str::to_string);
        let detail = e.detail().unwrap_or_default().to_string();
        let message = match e.kind() {
            minijinja::ErrorKind::SyntaxError => Message::TemplateSyntax { detail },
            minijinja::ErrorKind::UndefinedError => Message::TemplateUndefined { detail },
            kind => Message::TemplateError {
                kind: kind.to_string(),
                detail,
            },
        };
        Diagnostic {
            severity: Severity::Error,
            message,
            file: Some(file.map_or(at.to_string(), |f| f.origin.clone())),
            line: e.line(),
            col: e.line().map(|_| 1),
            line_text,
            sheet: None,
            hint: Some(Hint::TemplatesExport),
        }
    }

    /// The templates as (name, text), for `templates export`.
    pub fn defaults() -> impl Iterator<Item = (&'static str, &'static str)> {
        DEFAULTS.iter().copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_undefined_names_file_and_line() {
        let mut t = Templates::default();
        assert!(t.replace(
            "trich-yeu.md",
            "my/trich-yeu.md".into(),
            "dòng 1\n{{ khong_co }}\n".into()
        ));
        let err = t.render("trich-yeu.md", &Value::from(())).unwrap_err();
        assert_eq!(err.file.as_deref(), Some("my/trich-yeu.md"));
        assert_eq!(err.line, Some(2));
        assert_eq!(err.message.code(), "template-undefined");
    }

    #[test]
    fn values_are_escaped_for_markdown_but_safe_text_is_not() {
        let mut t = Templates::default();
        t.replace("trich-yeu.md", "x".into(), "{{ a }} {{ b }}".into());
        let ctx =
            minijinja::context! { a => "A|B*", b => Value::from_safe_string("**đậm**".into()) };
        assert_eq!(t.render("trich-yeu.md", &ctx).unwrap(), "A\\|B\\* **đậm**");
    }

    #[test]
    fn syntax_errors_are_reported() {
        let mut t = Templates::default();
        t.replace("trich-yeu.md", "u.md".into(), "a\n{% if %}\n".into());
        let err = t.render("trich-yeu.md", &Value::from(())).unwrap_err();
        assert_eq!((err.file.as_deref(), err.line), (Some("u.md"), Some(2)));
        assert_eq!(err.message.code(), "template-syntax");
    }
}
