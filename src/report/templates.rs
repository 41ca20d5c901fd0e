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

/// The work one render may do, in minijinja's fuel: an instruction costs 1, a byte made or
/// written 1/64 (so a render can never hold more than about 640 MB). The built-in report
/// uses 1.2 million at 10,000 communes; a runaway loop exhausts it in about a second.
pub const FUEL: u64 = 10_000_000;

/// How deep macros, includes and nested blocks may call each other.
pub const RECURSION_LIMIT: usize = 100;

/// The most bytes one template may write.
pub const MAX_OUTPUT: usize = 64 << 20;

/// The most bytes the templates of one report may write in all: the subject line, the body
/// and every appendix's render summed (narrative fragments included, as they are printed
/// through the templates). The built-in templates write 10.7 MB for 10,000 communes (the
/// body: every criterion's list of communes); the subject line is printed again in the
/// Word and Markdown headers, so this bounds the prose a build writes to a few hundred MB.
pub const MAX_TOTAL_OUTPUT: usize = 64 << 20;

/// A size in bytes as messages say it (`64 MB`).
pub fn megabytes(bytes: usize) -> String {
    format!("{} MB", bytes >> 20)
}

/// The largest user template file read, in bytes (1 MiB). The built-in templates are under
/// 10 KB each; a file beyond this is refused by its size, before it is decoded or compiled
/// (the engine takes seconds to compile tens of megabytes of tags).
pub const MAX_TEMPLATE_BYTES: u64 = 1 << 20;

/// [`MAX_TEMPLATE_BYTES`] as messages say it.
pub fn max_template_size() -> String {
    format!("{} MB", MAX_TEMPLATE_BYTES >> 20)
}

/// The most operators one tag (`{{ … }}`, `{% … %}`) may hold: `.`, `|`, `[`, `(`, signs and
/// arithmetic, comparisons, `not`, `and`, `or`, `is`, `in`, `if`. The engine parses chains of
/// attributes, filters and operators into a tree as deep as the chain and walks it
/// recursively: `{{ a.a.a… }}` or `{{ not not … 1 }}` of 100,000 links overflows the stack
/// (an abort, not an error). The built-in templates use at most a few dozen in a tag.
pub const MAX_OPERATORS: usize = 1_000;

/// The first tag of a template with more than [`MAX_OPERATORS`] operators: the byte offset
/// where it starts. String literals and comments are skipped, `{% raw %}` blocks too.
fn overlong_tag(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    let mut i = 0;
    while let Some(at) = text[i..].find('{').map(|k| i + k) {
        i = at + 1;
        match b.get(at + 1) {
            Some(b'#') => {
                i = text[at..].find("#}").map_or(b.len(), |k| at + k + 2);
                continue;
            }
            Some(b'{') | Some(b'%') => {}
            _ => continue,
        }
        let close: &[u8] = if b[at + 1] == b'{' { b"}}" } else { b"%}" };
        let (mut j, mut ops, mut quote) = (at + 2, 0usize, None::<u8>);
        let mut word = String::new();
        while j < b.len() {
            let c = b[j];
            if let Some(q) = quote {
                match c {
                    b'\\' => j += 1,
                    _ if c == q => quote = None,
                    _ => {}
                }
                j += 1;
                continue;
            }
            if b[j..].starts_with(close) {
                break;
            }
            if c.is_ascii_alphanumeric() || c == b'_' {
                word.push(c as char);
            } else {
                if matches!(word.as_str(), "not" | "and" | "or" | "is" | "in" | "if") {
                    ops += 1;
                }
                word.clear();
                match c {
                    b'"' | b'\'' => quote = Some(c),
                    b'.' | b'|' | b'[' | b'(' | b'-' | b'+' | b'~' | b'*' | b'/' | b'%' | b'<'
                    | b'>' | b'=' | b'!' => ops += 1,
                    _ => {}
                }
            }
            if ops > MAX_OPERATORS {
                return Some(at);
            }
            j += 1;
        }
        // The text of a raw block is no code.
        let tag = &text[at + 2..j.min(b.len())];
        i = (j + 2).min(b.len());
        if close == b"%}"
            && tag.trim_matches(|c: char| c == '-' || c == '+' || c.is_whitespace()) == "raw"
        {
            i = text[i..].find("endraw").map_or(b.len(), |k| i + k);
        }
    }
    None
}

/// The output of a render, refusing to grow past `cap` bytes.
struct Capped {
    bytes: Vec<u8>,
    cap: usize,
    over: bool,
}

impl std::io::Write for Capped {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.bytes.len() + buf.len() > self.cap {
            self.over = true;
            return Err(std::io::Error::other("the template's output is too large"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Whether an error is minijinja's recursion limit at run time (it has no kind of its own;
/// nesting too deep to parse is a syntax error, reported as such).
fn is_recursion(e: &minijinja::Error) -> bool {
    if e.kind() == minijinja::ErrorKind::SyntaxError {
        return false;
    }
    let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = cur {
        if err.to_string().contains("recursion limit") {
            return true;
        }
        cur = err.source();
    }
    false
}

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
        // The sandbox of user templates: a budget for all the work of one render (every
        // instruction, every loop iteration and macro call, every byte made or written),
        // a depth for macros and includes calling each other, and a size for the output.
        env.set_fuel(Some(FUEL));
        env.set_recursion_limit(RECURSION_LIMIT);
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
    /// A template that would run too long, nest too deep or write too much stops with an
    /// error saying which limit it hit ([`FUEL`], [`RECURSION_LIMIT`], [`MAX_OUTPUT`]).
    pub fn render(&self, name: &str, ctx: &Value) -> Result<String, Box<Diagnostic>> {
        self.render_with_fuel(name, ctx).map(|(text, _)| text)
    }

    /// As [`Templates::render`], also returning the fuel the render consumed.
    pub fn render_with_fuel(
        &self,
        name: &str,
        ctx: &Value,
    ) -> Result<(String, u64), Box<Diagnostic>> {
        self.render_within(name, ctx, MAX_OUTPUT)
    }

    /// As [`Templates::render_with_fuel`], with at most `room` bytes left of the report's
    /// [`MAX_TOTAL_OUTPUT`]: a render that would write more stops, with an error at the
    /// template where the total was crossed.
    pub fn render_within(
        &self,
        name: &str,
        ctx: &Value,
        room: usize,
    ) -> Result<(String, u64), Box<Diagnostic>> {
        self.check_operators()?;
        let env = self.env();
        let mut out = Capped {
            bytes: Vec::new(),
            cap: room.min(MAX_OUTPUT),
            over: false,
        };
        let result = env
            .get_template(name)
            .and_then(|t| t.render_captured_to(ctx, &mut out))
            .map(|c| c.state().fuel_levels().map_or(0, |(used, _)| used));
        match result {
            Ok(fuel) => {
                let text = String::from_utf8(out.bytes).map_err(|_| {
                    let e = minijinja::Error::new(
                        minijinja::ErrorKind::WriteFailure,
                        "the output is not UTF-8",
                    );
                    Box::new(self.diagnostic(name, &e))
                })?;
                Ok((text, fuel))
            }
            Err(e) if out.over && room < MAX_OUTPUT => Err(Box::new(self.limit(
                name,
                &e,
                Message::TemplatesTooLarge {
                    limit: megabytes(MAX_TOTAL_OUTPUT),
                },
            ))),
            Err(e) if out.over => Err(Box::new(self.limit(
                name,
                &e,
                Message::TemplateTooLarge {
                    limit: megabytes(MAX_OUTPUT),
                },
            ))),
            Err(e) if e.kind() == minijinja::ErrorKind::OutOfFuel => {
                Err(Box::new(self.limit(name, &e, Message::TemplateOutOfFuel)))
            }
            Err(e) if is_recursion(&e) => Err(Box::new(self.limit(
                name,
                &e,
                Message::TemplateTooDeep {
                    limit: RECURSION_LIMIT,
                },
            ))),
            Err(e) => Err(Box::new(self.diagnostic(name, &e))),
        }
    }

    /// Refuses a template with a tag of more than [`MAX_OPERATORS`] operators, at the tag.
    fn check_operators(&self) -> Result<(), Box<Diagnostic>> {
        for f in self.files.values() {
            if let Some(at) = overlong_tag(&f.text) {
                let src = crate::source::SourceFile::from_text(f.origin.clone(), &f.text);
                let message = Message::TemplateExpressionTooLong {
                    limit: MAX_OPERATORS,
                };
                let mut d = Diagnostic::at(Severity::Error, &src.location(at), message);
                d.hint = Some(Hint::TemplateLimits);
                return Err(Box::new(d));
            }
        }
        Ok(())
    }

    /// A limit of the sandbox hit, at the place the template was when it stopped.
    fn limit(&self, name: &str, e: &minijinja::Error, message: Message) -> Diagnostic {
        let mut d = self.diagnostic(name, e);
        d.message = message;
        d.hint = Some(Hint::TemplateLimits);
        d
    }

    fn diagnostic(&self, name: &str, e: &minijinja::Error) -> Diagnostic {
        let at = e.name().unwrap_or(name);
        let file = self.files.get(at);
        let origin = file.map_or(at.to_string(), |f| f.origin.clone());
        // The expression that failed, when the engine knows where it is.
        let range = e
            .range()
            .filter(|r| file.is_some_and(|f| f.text.get(r.clone()).is_some()));
        let loc = file.and_then(|f| {
            let src = crate::source::SourceFile::from_text(origin.clone(), &f.text);
            match (&range, e.line()) {
                (Some(r), _) => Some(src.location(r.start)),
                (None, Some(l)) => Some(src.line_location(l)),
                (None, None) => None,
            }
        });
        let expr = range
            .as_ref()
            .and_then(|r| file.and_then(|f| f.text.get(r.clone())))
            .map(|t| t.trim().to_string());
        let detail = e.detail().unwrap_or_default().to_string();
        let message = match e.kind() {
            minijinja::ErrorKind::SyntaxError => Message::TemplateSyntax { detail },
            minijinja::ErrorKind::UndefinedError => Message::TemplateUndefined {
                name: expr.unwrap_or(detail),
            },
            kind => Message::TemplateError {
                kind: kind.to_string(),
                detail,
            },
        };
        let mut d = match &loc {
            Some(loc) => Diagnostic::at(Severity::Error, loc, message),
            None => Diagnostic::new(Severity::Error, Some(&origin), message),
        };
        d.hint = Some(Hint::TemplatesExport);
        d
    }

    /// Where a template comes from, as messages name it (its file, or `<built-in> …`).
    pub fn origin<'a>(&'a self, name: &'a str) -> &'a str {
        self.files.get(name).map_or(name, |f| f.origin.as_str())
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
        assert_eq!(
            err.message,
            Message::TemplateUndefined {
                name: "khong_co".into()
            }
        );
        assert_eq!(
            (err.col, err.line_text.as_deref()),
            (Some(4), Some("{{ khong_co }}"))
        );
    }

    #[test]
    fn an_undefined_attribute_is_named() {
        let mut t = Templates::default();
        t.replace(
            "trich-yeu.md",
            "u.md".into(),
            "a\n  {{ unit.ten_sai }}\n".into(),
        );
        let ctx = minijinja::context! { unit => minijinja::context! { name => "x" } };
        let err = t.render("trich-yeu.md", &ctx).unwrap_err();
        let text = err.render(crate::diagnostic::Lang::En);
        assert!(text.contains("`unit.ten_sai`"), "{text}");
        assert!(text.contains("u.md:2:6"), "{text}");
    }

    #[test]
    fn values_are_escaped_for_markdown_but_safe_text_is_not() {
        let mut t = Templates::default();
        t.replace("trich-yeu.md", "x".into(), "{{ a }} {{ b }}".into());
        let ctx =
            minijinja::context! { a => "A|B*", b => Value::from_safe_string("**đậm**".into()) };
        assert_eq!(t.render("trich-yeu.md", &ctx).unwrap(), "A\\|B\\* **đậm**");
    }

    /// A user template that would never end, or nest or write without bound, stops with a
    /// located error naming the limit (in a fraction of a second in a release build).
    #[test]
    fn user_templates_are_sandboxed_in_work_depth_and_size() {
        let cases = [
            (
                "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}",
                "template-limit",
                Message::TemplateOutOfFuel,
            ),
            (
                "{% macro m(n) %}{% for i in range(1000) %}{{ i }}{% endfor %}{% endmacro %}\n{% for i in range(100000) %}{{ m(i) }}{% endfor %}",
                "template-limit",
                Message::TemplateOutOfFuel,
            ),
            (
                "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}",
                "template-limit",
                Message::TemplateTooDeep {
                    limit: RECURSION_LIMIT,
                },
            ),
            (
                "x\n{% include \"trich-yeu.md\" %}",
                "template-limit",
                Message::TemplateTooDeep {
                    limit: RECURSION_LIMIT,
                },
            ),
            (
                "{% set x = \"a\" * 100000000 %}{{ x }}",
                "template-limit",
                Message::TemplateTooLarge {
                    limit: "64 MB".into(),
                },
            ),
            (
                "{% set ns = namespace(s=\"ab\") %}{% for i in range(60) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s }}",
                "template-limit",
                Message::TemplateOutOfFuel,
            ),
        ];
        for (text, code, message) in cases {
            let mut t = Templates::default();
            t.replace("trich-yeu.md", "my/trich-yeu.md".into(), text.into());
            let err = t.render("trich-yeu.md", &Value::from(())).unwrap_err();
            assert_eq!((err.code(), &err.message), (code, &message), "{text}");
            assert_eq!(err.file.as_deref(), Some("my/trich-yeu.md"), "{text}");
            // The engine does not say where the output overflowed: the file is named.
            let sized = matches!(message, Message::TemplateTooLarge { .. });
            assert!(err.line.is_some() || sized, "{text}: no line");
        }
    }

    /// Values a template could make too large to hold (lists doubled in a namespace or
    /// through a macro, strings repeated or padded, filters on huge sequences) end on the
    /// fuel, in a fraction of a second, before they are made: the fuel pays for data as well
    /// as for instructions.
    #[test]
    fn values_too_large_to_make_stop_on_fuel() {
        let double = "{% set ns = namespace(l=[1]) %}{% for i in range(40) %}{% set ns.l = ns.l + ns.l %}{% endfor %}";
        let cases = [
            double.to_string(),
            format!("{double}{{{{ ns.l|length }}}}"),
            "{% macro f(l, n) %}{% if n > 0 %}{{ f(l + l, n - 1) }}{% else %}{{ l|length }}{% endif %}{% endmacro %}{{ f([1], 60) }}".into(),
            "{% set ns = namespace(l=[1]) %}{% for i in range(40) %}{% set ns.l = ns.l * 2 %}{% endfor %}{{ ns.l|join(',') }}".into(),
            "{% set ns = namespace(l=[1]) %}{% for i in range(40) %}{% set ns.l = ns.l * 2 %}{% endfor %}{{ ns.l|batch(1000000000)|list|length }}".into(),
            "{% set ns = namespace(l=[1]) %}{% for i in range(40) %}{% set ns.l = ns.l * 2 %}{% endfor %}{{ ns.l|list|length }}".into(),
            "{% set ns = namespace(l=[1]) %}{% for i in range(40) %}{% set ns.l = ns.l * 2 %}{% endfor %}{{ ns.l|sort|first }}".into(),
            "{% set ns = namespace(d={}) %}{% for i in range(1000000) %}{% set ns.d = dict(ns.d, **{i|string: i}) %}{% endfor %}".into(),
            "{% set ns = namespace(s='ab') %}{% for i in range(60) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}".into(),
            "{% set ns = namespace(s='ab') %}{% for i in range(60) %}{% set ns.s = ns.s + ns.s %}{% endfor %}".into(),
            "{{ ('a' * 100000)|replace('a', 'a' * 100000) }}".into(),
            "{{ 'a'|center(2000000000) }}".into(),
            "{{ 'a'|indent(2000000000, true) }}".into(),
            "{{ '%2000000000s'|format('a') }}".into(),
            "{{ range(100000)|list|string * 100000 }}".into(),
            "{{ ([1] * 1000000000)|tojson }}".into(),
        ];
        for (k, text) in cases.into_iter().enumerate() {
            let mut t = Templates::default();
            t.replace("trich-yeu.md", "my/trich-yeu.md".into(), text.clone());
            let start = std::time::Instant::now();
            let err = t.render("trich-yeu.md", &Value::from(())).unwrap_err();
            let took = start.elapsed();
            // The doublings end on the fuel; the engine refuses some others on its own
            // ("repeated sequence is too large"), which is as good.
            let codes: &[&str] = if k < 3 {
                &["template-limit"]
            } else {
                &["template-limit", "template-error"]
            };
            assert!(codes.contains(&err.code()), "{text}: {:?}", err.message);
            assert_eq!(err.file.as_deref(), Some("my/trich-yeu.md"), "{text}");
            // A test build on a loaded machine; scripts/hostile-sweep.sh holds the release
            // binary to 5 s.
            assert!(
                took < std::time::Duration::from_secs(60),
                "{text}: {took:?}"
            );
        }
    }

    /// Nesting too deep to parse is a syntax error, not a crash.
    #[test]
    fn chains_too_long_for_the_engine_are_refused_at_their_tag() {
        let n = 100_000;
        for (what, text) in [
            ("attributes", format!("a\n{{{{ unit{} }}}}", ".x".repeat(n))),
            ("filters", format!("a\n{{{{ 1{} }}}}", "|abs".repeat(n))),
            ("signs", format!("a\n{{{{ {}1 }}}}", "-".repeat(n))),
            ("not", format!("a\n{{{{ {}1 }}}}", "not ".repeat(n))),
            ("sums", format!("a\n{{% set x = 1{} %}}", "+1".repeat(n))),
            ("items", format!("a\n{{{{ x{} }}}}", "[0]".repeat(n))),
        ] {
            let mut t = Templates::default();
            t.replace("trich-yeu.md", "my/trich-yeu.md".into(), text.clone());
            let err = t.render("trich-yeu.md", &Value::from(())).unwrap_err();
            let message = Message::TemplateExpressionTooLong {
                limit: MAX_OPERATORS,
            };
            assert_eq!(
                (err.code(), &err.message),
                ("template-limit", &message),
                "{what}"
            );
            assert_eq!(err.file.as_deref(), Some("my/trich-yeu.md"), "{what}");
            assert_eq!((err.line, err.col), (Some(2), Some(1)), "{what}");
        }
        // What is no operator is not counted: text outside tags, string literals, comments,
        // raw blocks; and a chain within the limit renders.
        let dots = ".".repeat(5_000);
        let ok = format!(
            "{dots} {{{{ \"{dots}\" }}}} {{# {dots} #}} {{% raw %}}{{{{ {dots} }}}}{{% endraw %}} {{{{ 1{} }}}}",
            "+1".repeat(400)
        );
        let mut t = Templates::default();
        t.replace("trich-yeu.md", "my/trich-yeu.md".into(), ok);
        let out = t.render("trich-yeu.md", &Value::from(())).unwrap();
        assert!(out.ends_with(" 401"), "{}", &out[out.len() - 20..]);
        // Chains just within the limit render, or fail with an error, without overflowing
        // the stack (of a test's thread, 2 MB; the program's main thread has 8 MB).
        let n = MAX_OPERATORS - 1;
        for text in [
            format!("{{{{ unit{} }}}}", ".x".repeat(n)),
            format!("{{{{ 1{} }}}}", "|abs".repeat(n)),
            format!("{{{{ {}1 }}}}", "-".repeat(n)),
            format!("{{{{ {}1 }}}}", "not ".repeat(n)),
            format!("{{% set x = 1{} %}}{{{{ x }}}}", "+1".repeat(n)),
        ] {
            let mut t = Templates::default();
            t.replace("trich-yeu.md", "my/trich-yeu.md".into(), text.clone());
            let _ = t.render("trich-yeu.md", &Value::from(()));
        }
        // The built-in templates are far from the limit.
        for (name, text) in DEFAULTS {
            assert_eq!(overlong_tag(text), None, "{name}");
        }
    }

    #[test]
    fn deeply_nested_templates_are_a_syntax_error() {
        for text in [
            format!(
                "{}{}",
                "{% if true %}".repeat(5000),
                "{% endif %}".repeat(5000)
            ),
            // Within MAX_OPERATORS, beyond the engine's own nesting limit.
            format!("{{{{ {}1{} }}}}", "(".repeat(500), ")".repeat(500)),
            format!("{{{{ {}1{} }}}}", "[".repeat(500), "]".repeat(500)),
        ] {
            let mut t = Templates::default();
            t.replace("trich-yeu.md", "u.md".into(), text);
            let err = t.render("trich-yeu.md", &Value::from(())).unwrap_err();
            assert_eq!(err.code(), "template-syntax");
        }
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
