//! `ntm-report` compiles a district's or province's yearly report on the National Target
//! Program on New Rural Development from a folder of plain data.
//!
//! The pipeline: [`load`] (the only module that reads files) → [`validate`] (all problems
//! found in one run) → [`evaluate`] (cannot fail) → [`aggregate`] (the [`facts::Facts`]) →
//! [`render`] writers → [`output`] (the only module that writes files).

// `println!` and friends panic when the other end of a pipe is gone
// (`ntm-report diff 2022 2023 | head -1`, `ntm-report check 2023 2>&1 | head`). These,
// defined before every module and so shadowing the standard ones in all of them, drop what
// cannot be written instead.
macro_rules! println {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($t)*);
    }};
}
macro_rules! print {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stdout(), $($t)*);
    }};
}
macro_rules! eprintln {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($t)*);
    }};
}
#[allow(unused_macros)]
macro_rules! eprint {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stderr(), $($t)*);
    }};
}

pub mod aggregate;
pub mod appendix;
pub mod audit;
pub mod carry;
pub mod cli;
pub mod compile;
pub mod dataset;
pub mod date;
pub mod diagnostic;
pub mod diff;
pub mod evaluate;
pub mod facts;
pub mod layout;
pub mod load;
pub mod narrative;
pub mod number;
pub mod output;
pub mod progress;
pub mod render;
pub mod report;
pub mod ruleset;
pub mod scaffold;
pub mod source;
pub mod terminal;
pub mod text;
pub mod units;
pub mod validate;
