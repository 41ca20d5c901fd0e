//! `templates export DIR`: the built-in templates written out, to edit them.

use super::{EXIT_USAGE, Session};
use crate::diagnostic::{Message, Notice};
use crate::report::templates::Templates;
use std::path::Path;

pub(super) fn export(s: &Session, dir: &Path) -> i32 {
    for (name, text) in Templates::defaults() {
        let path = dir.join(name).display().to_string();
        match crate::output::write_new_file(dir, name, text.as_bytes()) {
            Ok(true) => s.say(Notice::FileWritten { path }),
            Ok(false) => s.say(Notice::FileKept { path }),
            Err(e) => {
                let detail = e.to_string();
                s.fail(Some(&path), Message::CannotWrite { detail });
                return EXIT_USAGE;
            }
        }
    }
    0
}
