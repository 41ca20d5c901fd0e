//! The invariants of `ARCHITECTURE.md` that a search of the source can check: where files
//! are read and written, where numbers are parsed, where appendix codes and year paths are
//! spelt. Each test names the invariant it checks; a change that breaks one fails here, not
//! in a review.

use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir` (or the file `dir`), with its text up to its unit tests (`#[cfg(test)]` at the
/// start of a line): what the program runs, not what its tests do.
fn sources(dir: &str) -> Vec<(String, String)> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|e| e == "rs") {
                out.push(p);
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    let start = root.join(dir);
    if start.is_file() {
        files.push(start);
    } else {
        walk(&start, &mut files);
    }
    assert!(!files.is_empty(), "{dir} holds Rust files");
    files
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            let code = match text.find("\n#[cfg(test)]") {
                Some(at) => text[..at].to_string(),
                None => text,
            };
            let rel = p
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, code)
        })
        .collect()
}

/// The files of `dir` whose code contains any of `needles`, outside `allowed` (path
/// prefixes), with the first line that does.
fn offenders(dir: &str, needles: &[&str], allowed: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for (rel, code) in sources(dir) {
        if allowed.iter().any(|a| rel.starts_with(a)) {
            continue;
        }
        for (n, line) in code.lines().enumerate() {
            let code_part = line.split("//").next().unwrap_or("");
            if needles.iter().any(|x| code_part.contains(x)) {
                found.push(format!("{rel}:{}: {}", n + 1, line.trim()));
                break;
            }
        }
    }
    found
}

#[test]
fn only_load_output_and_the_memory_figure_touch_the_file_system() {
    // `load` reads input, `output` writes output folders (and the files of `init` and
    // `templates export`, through its writers); `progress` reads the process's own peak
    // memory from /proc for `--timings`.
    let found = offenders(
        "src",
        &[
            "std::fs",
            "fs::read",
            "fs::write",
            "fs::create",
            "File::open",
            "File::create",
        ],
        &["src/load.rs", "src/output.rs", "src/progress.rs"],
    );
    assert!(
        found.is_empty(),
        "std::fs outside load and output:\n{}",
        found.join("\n")
    );
}

#[test]
fn nothing_downstream_of_aggregate_parses_a_decimal() {
    let needles = ["parse::<Decimal>", "Decimal::from_str", "parse_decimal"];
    let mut found = Vec::new();
    for dir in ["src/appendix", "src/report", "src/render", "src/diff"] {
        found.extend(offenders(dir, &needles, &[]));
    }
    assert!(
        found.is_empty(),
        "decimal parsing after aggregate:\n{}",
        found.join("\n")
    );
}

#[test]
fn no_writer_names_an_appendix_by_its_code() {
    // The codes belong to `src/appendix/`; the audit reads them from a report's text.
    let codes: Vec<String> = (1..=7)
        .flat_map(|n| [format!("\"0{n}\""), format!("\"0{n}a\"")])
        .collect();
    let needles: Vec<&str> = codes.iter().map(String::as_str).collect();
    let mut found = Vec::new();
    for dir in [
        "src/render",
        "src/report",
        "src/units",
        "src/units.rs",
        "src/cli",
        "src/compile.rs",
    ] {
        found.extend(offenders(dir, &needles, &[]));
    }
    assert!(
        found.is_empty(),
        "appendix codes outside src/appendix:\n{}",
        found.join("\n")
    );
}

#[test]
fn one_xml_escaper() {
    let found = offenders("src/render", &["\"&amp;\""], &["src/render/ooxml.rs"]);
    assert!(
        found.is_empty(),
        "an escaper outside ooxml.rs:\n{}",
        found.join("\n")
    );
}

#[test]
fn year_paths_are_spelt_only_in_the_layout() {
    let found = offenders("src", &["format!(\"{year}/"], &["src/layout.rs"]);
    assert!(
        found.is_empty(),
        "a year's path outside layout.rs:\n{}",
        found.join("\n")
    );
}

#[test]
fn report_and_scaffold_do_not_import_each_other() {
    let mut found = offenders("src/report", &["crate::scaffold"], &[]);
    for (rel, code) in sources("src") {
        if rel.starts_with("src/scaffold") && code.contains("crate::report") {
            found.push(rel);
        }
    }
    assert!(
        found.is_empty(),
        "an import between report and scaffold:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_stages_are_chained_only_in_compile() {
    let needles = ["validate::dataset(", "aggregate::facts("];
    let allowed = ["src/compile.rs", "src/validate", "src/aggregate"];
    // benches/stages.rs times the stages one by one, beside the whole compile.
    let mut found = offenders("src", &needles, &allowed);
    for dir in ["tests", "fuzz", "examples", "benches"] {
        found.extend(
            offenders(dir, &needles, &[])
                .into_iter()
                .filter(|f| !f.starts_with("tests/architecture.rs"))
                .filter(|f| !f.starts_with("benches/stages.rs")),
        );
    }
    assert!(
        found.is_empty(),
        "the stages chained outside compile:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_checks_see_code() {
    // The helpers above must find what they look for, or every test passes by finding nothing.
    assert!(!offenders("src", &["std::fs"], &[]).is_empty());
    assert!(!offenders("src", &["\"02a\""], &[]).is_empty());
    assert!(!offenders("src", &["crate::compile"], &[]).is_empty());
}
