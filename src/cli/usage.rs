//! A usage error (the arguments do not parse) in the catalogue's words: clap finds it, the
//! catalogue says it, in the language asked for and in the message format asked for.

use crate::diagnostic::{Diagnostics, Lang, Message};
use clap::error::{ContextKind, ContextValue, ErrorKind};

/// The text of one piece of clap's context.
fn context(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => (!v.is_empty()).then(|| v.join(", ")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::StyledStrs(v) => (!v.is_empty()).then(|| {
            v.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        }),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The catalogue's message for a usage error; clap's own first line where the catalogue
/// has no message of its kind.
pub(super) fn message(e: &clap::Error, args: &[std::ffi::OsString]) -> Message {
    let arg = || context(e, ContextKind::InvalidArg);
    let given = match e.kind() {
        ErrorKind::InvalidSubcommand => {
            context(e, ContextKind::InvalidSubcommand).map(|given| Message::UnknownCommand {
                given,
                suggestion: context(e, ContextKind::SuggestedSubcommand),
            })
        }
        ErrorKind::UnknownArgument => arg().map(|given| Message::UnknownOption {
            suggestion: context(e, ContextKind::SuggestedArg)
                .or_else(|| nearest_option(&given, args)),
            given,
        }),
        ErrorKind::MissingRequiredArgument => {
            arg().map(|names| Message::MissingArguments { names })
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => arg()
            .zip(context(e, ContextKind::InvalidValue))
            .map(|(option, value)| Message::BadOptionValue {
                option,
                value,
                valid: context(e, ContextKind::ValidValue).unwrap_or_default(),
            }),
        _ => None,
    };
    given.unwrap_or_else(|| {
        // clap's first line ("error: the argument '--out <DIR>' cannot be used multiple times").
        let rendered = e.render().to_string();
        let first = rendered.lines().next().unwrap_or("");
        let detail = first.trim_start_matches("error: ").to_string();
        Message::BadUsage { detail }
    })
}

/// The long option nearest to `given` of the command the arguments name (and the options
/// every command takes): `--ouput` → `--out`.
fn nearest_option(given: &str, args: &[std::ffi::OsString]) -> Option<String> {
    let given = given.split('=').next()?.strip_prefix("--")?;
    let root = super::help::command(Lang::En);
    let sub = args
        .iter()
        .skip(1)
        .filter_map(|a| a.to_str())
        .find_map(|a| root.find_subcommand(a));
    let longs: Vec<&str> = root
        .get_arguments()
        .chain(sub.into_iter().flat_map(|c| c.get_arguments()))
        .filter_map(|a| a.get_long())
        .collect();
    match crate::diagnostic::did_you_mean(given, longs) {
        Some(crate::diagnostic::Hint::DidYouMean { name }) => Some(format!("--{name}")),
        _ => None,
    }
}

/// Prints a usage error: the diagnostic, in JSON or in the human form with the command's
/// usage line under it.
pub(super) fn print(e: &clap::Error, args: &[std::ffi::OsString], lang: Lang, json: bool) {
    let mut diags = Diagnostics::new();
    diags.error_in(None, message(e, args));
    for d in diags.sorted() {
        if json {
            eprintln!("{}", d.to_json(lang));
        } else {
            eprint!("{}", d.render(lang));
        }
    }
    if json {
        return;
    }
    let rendered = e.render().to_string();
    let usage = rendered
        .lines()
        .skip_while(|l| !l.starts_with("Usage:"))
        .take_while(|l| !l.is_empty());
    let lead = match lang {
        Lang::Vi => "Cách dùng:",
        Lang::En => "Usage:",
    };
    let mut first = true;
    for line in usage {
        if first {
            eprintln!("\n{lead}{}", &line["Usage:".len()..]);
            first = false;
        } else {
            eprintln!("{line}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(args: &[&str]) -> clap::Error {
        let mut all = vec!["ntm-report"];
        all.extend_from_slice(args);
        super::super::help::command(Lang::En)
            .try_get_matches_from(all)
            .expect_err("a usage error")
    }

    fn said(args: &[&str], lang: Lang) -> String {
        let all: Vec<std::ffi::OsString> = std::iter::once("ntm-report")
            .chain(args.iter().copied())
            .map(Into::into)
            .collect();
        message(&error(args), &all).text(lang)
    }

    #[test]
    fn usage_errors_are_said_in_the_language_asked_for() {
        let vi = said(&["buidl", "2023"], Lang::Vi);
        assert_eq!(vi, "không có lệnh `buidl`: có phải là `build`?");
        assert!(said(&["build"], Lang::Vi).contains("lệnh cần <YEAR>"));
        assert!(said(&["build"], Lang::En).contains("needs <YEAR>"));
        assert!(
            said(&["build", "2023", "--bogus"], Lang::Vi).contains("không có tùy chọn `--bogus`")
        );
        let lang = said(&["--lang", "fr", "build", "2023"], Lang::Vi);
        assert!(lang.contains("`fr`") && lang.contains("vi, en"), "{lang}");
    }

    #[test]
    fn an_error_the_catalogue_has_no_words_for_keeps_claps_line() {
        let m = message(&error(&["build", "2023", "--out", "a", "--out", "b"]), &[]);
        let Message::BadUsage { detail } = &m else {
            panic!("{m:?}");
        };
        assert!(detail.contains("--out"), "{detail}");
        assert!(m.text(Lang::Vi).starts_with("dùng lệnh sai:"));
    }
}
