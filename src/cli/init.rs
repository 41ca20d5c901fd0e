//! `init YEAR`: the new year's folder, started from the year before.

use super::{EXIT_INVALID, EXIT_USAGE, Session};
use crate::diagnostic::{Message, Notice};

pub(super) fn run(s: &Session, year: i32, workbook: bool) -> i32 {
    let files = match s.data_dir(&s.data) {
        Ok(files) => files,
        Err(code) => return code,
    };
    let plan = |files: &dyn crate::load::Files| {
        if workbook {
            crate::scaffold::plan_init_workbook(files, year)
        } else {
            crate::scaffold::plan_init(files, year).map(|p| {
                p.into_iter()
                    .map(|(rel, text)| (rel, text.into_bytes()))
                    .collect()
            })
        }
    };
    // A folder of units: every unit's year, each started from its own year before.
    let planned = if crate::units::is_units_folder(&files) {
        crate::units::plan_init(&files, plan)
    } else {
        plan(&files)
    };
    let planned = match planned {
        Ok(p) => p,
        Err(diags) => {
            s.report(&diags, 0);
            // A year before that cannot be read (a file in its folder's place) is exit 2.
            return if diags.has_io_errors() {
                EXIT_USAGE
            } else {
                EXIT_INVALID
            };
        }
    };
    match crate::scaffold::write_new(&s.data, &planned) {
        Ok(done) => {
            let created = s.list_written(&s.data, &done);
            let kept = done.len() - created;
            let previous = year - 1;
            s.say(Notice::YearStarted {
                created,
                kept,
                previous,
                year,
            });
            0
        }
        Err(e) => {
            let detail = e.to_string();
            s.fail(
                Some(&s.data.display().to_string()),
                Message::CannotWrite { detail },
            );
            EXIT_USAGE
        }
    }
}
