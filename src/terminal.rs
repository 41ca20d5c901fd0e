//! The terminal: whether what is printed is coloured, and the streams that print it.
//!
//! The choice is made once for the process (`--color auto|always|never`) and, with `auto`,
//! per stream by anstream: never with `NO_COLOR` set (not empty), always with
//! `CLICOLOR_FORCE`, otherwise only on a terminal that shows colour (`TERM=dumb` does not;
//! `CLICOLOR=0` turns it off). `--color always` and `--color never` win over the variables.
//! Text is styled through anstyle and written through [`stdout`] and [`stderr`], which drop
//! the escapes when the stream is not coloured and, on a Windows console that does not take
//! escapes, set the console's colours instead: no raw escape codes reach a console or a file.
//! Rust writes to a Windows console in UTF-16, so Vietnamese text shows correctly whatever
//! the console's code page; redirected, the bytes are UTF-8.

use std::io::Write as _;

/// `--color`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorWhen {
    /// Colour on a terminal that shows it, unless `NO_COLOR` is set (`CLICOLOR_FORCE`
    /// forces it).
    #[default]
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

impl ColorWhen {
    /// anstream's and clap's form of the choice.
    pub fn choice(self) -> anstream::ColorChoice {
        match self {
            ColorWhen::Auto => anstream::ColorChoice::Auto,
            ColorWhen::Always => anstream::ColorChoice::Always,
            ColorWhen::Never => anstream::ColorChoice::Never,
        }
    }

    /// The choice for clap's own output (help, usage errors).
    pub fn clap(self) -> clap::ColorChoice {
        match self {
            ColorWhen::Auto => clap::ColorChoice::Auto,
            ColorWhen::Always => clap::ColorChoice::Always,
            ColorWhen::Never => clap::ColorChoice::Never,
        }
    }
}

/// Sets the choice for the whole process.
pub fn set(when: ColorWhen) {
    when.choice().write_global();
}

/// Whether text written to stdout is coloured.
pub fn stdout_colored() -> bool {
    anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never
}

/// Whether text written to stderr is coloured.
pub fn stderr_colored() -> bool {
    anstream::AutoStream::choice(&std::io::stderr()) != anstream::ColorChoice::Never
}

/// Writes styled text to stdout, as the choice says (escapes kept, dropped or turned into
/// console colours); a closed pipe is not an error.
pub fn print_stdout(text: &str) {
    let mut out = anstream::stdout();
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}
