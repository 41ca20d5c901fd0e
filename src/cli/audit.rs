//! `audit FILE`: a report written by hand checked against itself and the data.

use super::{MessageFormat, Session};
use std::path::PathBuf;

pub(super) fn run(s: &Session, file: PathBuf, year: Option<i32>, verbose: bool) -> i32 {
    crate::audit::command::run(&crate::audit::command::Options {
        file,
        data: year.map(|y| (s.data.clone(), y)),
        verbose,
        json: s.format == MessageFormat::Json,
        lang: s.lang,
        encoding: s.encoding,
    })
}
