//! `new DIR`: a data folder for a unit with no previous year, from options or answers.

use super::args::NewArgs;
use super::{EXIT_INVALID, EXIT_USAGE, Session};
use crate::diagnostic::{Message, Notice, Question};
use std::io::Write;

/// Asks for a value on stderr and reads one line of stdin; `default` when the answer is
/// empty or at the end of the input. Asks only on a terminal: otherwise (a script, CI) the
/// answer is `default` at once.
fn ask(question: &str, default: Option<&str>) -> Option<String> {
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() {
        return default.map(str::to_string);
    }
    let mut err = std::io::stderr().lock();
    match default {
        Some(d) if !d.is_empty() => {
            let _ = write!(err, "{question} [{d}]: ");
        }
        _ => {
            let _ = write!(err, "{question}: ");
        }
    }
    let _ = err.flush();
    let mut line = String::new();
    match std::io::stdin().read_line(&mut line) {
        Ok(0) | Err(_) => default.map(str::to_string),
        Ok(_) => {
            let answer = line.trim();
            if answer.is_empty() {
                default.map(str::to_string)
            } else {
                Some(answer.to_string())
            }
        }
    }
}

pub(super) fn run(s: &Session, a: &NewArgs) -> i32 {
    use crate::scaffold::new::{NewUnit, default_issuer, default_label, plan_new};
    let dir = a.dir.display().to_string();
    if a.dir.join(crate::layout::CONFIG).exists() {
        s.fail(Some(&dir), Message::AlreadyADataFolder { dir: dir.clone() });
        return EXIT_USAGE;
    }
    let q = |question: Question| question.text(s.lang);
    let mut missing: Vec<&str> = Vec::new();
    let mut get =
        |given: &Option<String>, flag: &'static str, question: String, default: Option<String>| {
            let v = given.clone().or_else(|| ask(&question, default.as_deref()));
            if v.as_deref().is_none_or(str::is_empty) {
                missing.push(flag);
            }
            v.unwrap_or_default()
        };
    let year = get(
        &a.year.map(|y| y.to_string()),
        "--year",
        q(Question::Year),
        None,
    );
    let level = get(
        &a.level,
        "--level",
        q(Question::Level),
        Some("district".into()),
    );
    let name = get(&a.name, "--name", q(Question::Name), None);
    let label = get(
        &a.label,
        "--label",
        q(Question::Label),
        Some(default_label(&level).into()),
    );
    let province = get(&a.province, "--province", q(Question::Province), None);
    let issuer = get(
        &a.issuer,
        "--issuer",
        q(Question::Issuer),
        Some(default_issuer(&label, &name)),
    );
    let signer = get(&a.signer, "--signer", q(Question::Signer), None);
    let commune_ruleset = get(
        &a.commune_ruleset,
        "--commune-ruleset",
        q(Question::CommuneRuleset),
        None,
    );
    let mut communes = a.communes.clone();
    if communes.is_empty() {
        let question = q(Question::Communes);
        if std::io::IsTerminal::is_terminal(&std::io::stdin()) {
            eprintln!("{question}:");
        }
        while let Some(c) = ask("  ", None).filter(|c| !c.is_empty()) {
            communes.push(c);
        }
        if communes.is_empty() {
            missing.push("--commune");
        }
    }
    if !missing.is_empty() {
        let options = missing.join(", ");
        // At the folder it would make: the error names the place of the command.
        s.fail(Some(&dir), Message::NewNeeds { options });
        return EXIT_USAGE;
    }
    let Ok(year) = year.parse::<i32>() else {
        s.fail(Some(&dir), Message::YearNotANumber { year });
        return EXIT_USAGE;
    };
    let unit = NewUnit {
        year,
        place: a.place.clone().unwrap_or_else(|| name.clone()),
        level,
        name,
        label,
        province,
        issuer_parent: a.issuer_parent.clone(),
        issuer,
        abbreviation: a.abbreviation.clone(),
        on_behalf: a.on_behalf.clone(),
        position: a.position.clone(),
        signer,
        commune_ruleset,
        village_ruleset: a.village_ruleset.clone(),
        communes,
        category: a.category.clone(),
    };
    let files = s.files(&a.dir);
    let planned = match plan_new(&files, &unit) {
        Ok(p) => p,
        Err(diags) => {
            s.report(&diags, 0);
            return EXIT_INVALID;
        }
    };
    match crate::scaffold::write_new(&a.dir, &planned) {
        Ok(done) => {
            let created = s.list_written(&a.dir, &done);
            let kept = done.len() - created;
            s.say(Notice::UnitStarted {
                created,
                kept,
                dir,
                year,
            });
            0
        }
        Err(e) => {
            let detail = e.to_string();
            s.fail(Some(&dir), Message::CannotWrite { detail });
            EXIT_USAGE
        }
    }
}
