//! The compiled reports read as an official who signs them would: both examples are built
//! with the real binary, and their Markdown (report and appendices) and the text of their
//! Word document are scanned for the defects that stop a signature. Each check is a class
//! of mistake, written independently of the code that should prevent it:
//!
//! - a phrase said twice in a row ("đang triển khai thực hiện. Đang triển khai thực hiện");
//! - a data note pasted as a fragment (no capital, no final stop);
//! - a bare one-digit count in prose ("9 công trình", "5/10 thôn, bản");
//! - every commune listed when all meet ("16/16 xã (Mường So, …)"), a list of names twice
//!   in one sentence, plan bullets that differ only by a name;
//! - a threshold cited as a decision's ("ngưỡng theo Quyết định …") while the thresholds
//!   used are not verified, and a caveat inside a heading;
//! - a forward-looking date ("dự kiến … trước 31/12/2023") before the report's date.
//!
//! Then, where LibreOffice is installed (always in CI), the Word documents are rendered:
//! the closing paragraph shares its page with the signature block, each appendix numbers
//! its pages from 1, and the "(Kèm theo …)" line never leaves a word alone on a line.
//! The shipped data is read a second time built with `--detail-limit 15`, as a unit of
//! more communes than the limit: appendix 02a's page says where its tables are instead.

mod common;
use common::{in_ci, on_path, run_with_timeout};

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_ntm-report");

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// One example built: its output folder, facts and texts.
struct Built {
    name: &'static str,
    _tmp: tempfile::TempDir,
    dir: PathBuf,
    docx_file: PathBuf,
    facts: Value,
    /// (file, Markdown text) for the report and each appendix.
    markdown: Vec<(String, String)>,
    /// The Word document's paragraphs outside tables: (style, text).
    docx: Vec<(String, String)>,
    /// The Word document rendered to PDF, once (`render`).
    pdf: OnceLock<Option<PathBuf>>,
}

fn build(name: &'static str, data: &Path, year: &str) -> Built {
    build_with(name, data, year, &[])
}

/// As [`build`], with more options of `build`.
fn build_with(name: &'static str, data: &Path, year: &str, options: &[&str]) -> Built {
    let tmp = tempfile::tempdir().unwrap();
    let o = Command::new(BIN)
        .arg("--data")
        .arg(data)
        .args(["build", year, "--out"])
        .arg(tmp.path())
        .args(options)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let dir = tmp.path().join(year);
    let facts = serde_json::from_slice(&std::fs::read(dir.join("facts.json")).unwrap()).unwrap();
    let report = format!("bao-cao-ntm-{year}.md");
    let mut markdown = vec![(
        REPORT.to_string(),
        std::fs::read_to_string(dir.join(&report)).unwrap(),
    )];
    let mut appendices: Vec<_> = std::fs::read_dir(dir.join("phu-bieu"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    appendices.sort();
    for p in appendices {
        let rel = format!("phu-bieu/{}", p.file_name().unwrap().to_string_lossy());
        markdown.push((rel, std::fs::read_to_string(&p).unwrap()));
    }
    let docx_file = dir.join(format!("bao-cao-ntm-{year}.docx"));
    let docx = docx_paragraphs(&docx_file);
    Built {
        name,
        _tmp: tmp,
        dir,
        docx_file,
        facts,
        markdown,
        docx,
        pdf: OnceLock::new(),
    }
}

/// The report's Markdown file, as [`Built::markdown`] names it.
const REPORT: &str = "bao-cao.md";

fn examples() -> &'static [Built] {
    static BUILT: OnceLock<Vec<Built>> = OnceLock::new();
    BUILT.get_or_init(|| {
        vec![
            build("data", &root().join("data"), "2023"),
            build(
                "tam-duong-mini",
                &root().join("examples/tam-duong-mini"),
                "2023",
            ),
            // The province after the 2025 reform: a third reader of the same rules.
            build(
                "lai-chau-province",
                &root().join("examples/lai-chau-province"),
                "2025",
            ),
            // A unit of more communes than the detail limit: appendix 02a's tables are in
            // the workbook only, and the report says where.
            build_with(
                "data, 02a in the workbook",
                &root().join("data"),
                "2023",
                &["--detail-limit", "15"],
            ),
        ]
    })
}

/// The paragraphs of `word/document.xml` that are not in a table: (style, text).
fn docx_paragraphs(path: &Path) -> Vec<(String, String)> {
    let xml = common::docx_body(path);
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let w = |n: &roxmltree::Node, name: &str| n.is_element() && n.tag_name().name() == name;
    doc.descendants()
        .filter(|n| w(n, "p") && !n.ancestors().any(|a| w(&a, "tbl")))
        .map(|p| {
            let style = p
                .descendants()
                .find(|n| w(n, "pStyle"))
                .and_then(|n| {
                    n.attributes()
                        .find(|a| a.name() == "val")
                        .map(|a| a.value().to_string())
                })
                .unwrap_or_default();
            let text = p
                .descendants()
                .filter_map(|n| {
                    if w(&n, "t") {
                        n.text().map(str::to_string)
                    } else if w(&n, "br") || w(&n, "tab") {
                        Some(" ".into())
                    } else {
                        None
                    }
                })
                .collect::<String>();
            (style, text)
        })
        .filter(|(_, t)| !t.trim().is_empty())
        .collect()
}

/// Prose of a Markdown file: its lines outside tables, without list markers and links,
/// joined into paragraphs (semantic line breaks undone); headings apart.
fn prose(md: &str) -> (Vec<String>, Vec<String>) {
    let link = regex::Regex::new(r"\[([^\]]*)\]\([^)]*\)").unwrap();
    let (mut paragraphs, mut headings) = (Vec::new(), Vec::new());
    let mut cur = String::new();
    let flush = |cur: &mut String, out: &mut Vec<String>| {
        if !cur.trim().is_empty() {
            out.push(std::mem::take(cur).trim().to_string());
        }
        cur.clear();
    };
    for line in md.lines() {
        if line.starts_with("![") {
            flush(&mut cur, &mut paragraphs);
            continue;
        }
        let line = link.replace_all(line, "$1").replace('\\', "");
        if line.starts_with('#') {
            flush(&mut cur, &mut paragraphs);
            headings.push(line.trim_start_matches('#').trim().to_string());
        } else if line.starts_with('|') || line.trim().is_empty() {
            flush(&mut cur, &mut paragraphs);
        } else if let Some(item) = line.strip_prefix("- ") {
            flush(&mut cur, &mut paragraphs);
            cur.push_str(item);
        } else {
            cur.push(' ');
            cur.push_str(line.trim());
        }
    }
    flush(&mut cur, &mut paragraphs);
    (paragraphs, headings)
}

/// Every paragraph and heading of an example, Markdown and Word alike, with where it is.
fn texts(b: &Built) -> Vec<(String, bool, String)> {
    let mut out = Vec::new();
    for (file, md) in &b.markdown {
        let (ps, hs) = prose(md);
        out.extend(ps.into_iter().map(|p| (file.clone(), false, p)));
        out.extend(hs.into_iter().map(|h| (file.clone(), true, h)));
    }
    for (style, text) in &b.docx {
        out.push(("docx".into(), style.starts_with("Heading"), text.clone()));
    }
    out
}

/// Sentences of a paragraph: split after `.`, `!`, `?` before a space and a capital.
fn sentences(p: &str) -> Vec<String> {
    let re = regex::Regex::new(r"([.!?]) (\p{Lu})").unwrap();
    re.replace_all(p, "$1\u{1}$2")
        .split('\u{1}')
        .map(str::to_string)
        .collect()
}

fn commune_names(b: &Built) -> Vec<String> {
    b.facts["communes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn no_phrase_is_said_twice_in_a_row() {
    let split = regex::Regex::new(r"[.;] ").unwrap();
    for b in examples() {
        for (file, _, p) in texts(b) {
            let clauses: Vec<String> = split
                .split(&p)
                .map(|c| c.trim().trim_end_matches(['.', ';']).to_lowercase())
                .collect();
            for w in clauses.windows(2) {
                assert!(
                    w[0].split_whitespace().count() < 2 || w[0] != w[1],
                    "{}/{file}: {:?} twice in: {p}",
                    b.name,
                    w[0]
                );
            }
        }
    }
}

#[test]
fn every_paragraph_ends_as_a_sentence() {
    for b in examples() {
        for (file, heading, p) in texts(b) {
            if heading || file != REPORT {
                continue;
            }
            let last = p.trim_end_matches(['*', ' ']).chars().last().unwrap();
            // A sentence ends with a stop, a list item may end with a semicolon, a label
            // introduces what follows; a signature line and the header's lines stand alone.
            let ok = matches!(last, '.' | ':' | ';' | ')' | '!' | '?' | ']')
                || !p.contains(' ')
                || p.starts_with("Hình ")
                || p.starts_with("**")
                || p.starts_with('*');
            assert!(
                ok,
                "{}/{file}: a fragment without a final stop: {p}",
                b.name
            );
        }
    }
}

#[test]
fn counts_in_prose_have_two_digits() {
    // A digit 1–9 standing alone before a counted noun, or as the first term of a ratio.
    let nouns = "xã|thôn|bản|hộ|công trình|dự án|sản phẩm|lớp|trạm|chợ|trường|văn bản|cuộc|đội|chủ thể|nhà|tiêu chí|chỉ tiêu|cơ sở|học viên|doanh nghiệp|hợp tác xã|đơn vị|người";
    let counted = regex::Regex::new(&format!(r"(^|[^\d.,/\p{{L}}])([1-9]) ({nouns})\b")).unwrap();
    let ratio = regex::Regex::new(r"(^|[^\d.,/])([1-9])/(\d+)($|[^\d/])").unwrap();
    // "Tiêu chí số 9: …" and "Tiêu chí 6 …" are labels, not counts.
    let label = regex::Regex::new(r"(?i)(tiêu chí|chỉ tiêu|số|hình|phụ biểu) \d+").unwrap();
    for b in examples() {
        for (file, heading, p) in texts(b) {
            if heading {
                continue;
            }
            for s in sentences(&p) {
                let s = label.replace_all(&s, "#");
                assert!(
                    !counted.is_match(&s) && !ratio.is_match(&s),
                    "{}/{file}: a one-digit count in: {s}",
                    b.name
                );
            }
        }
    }
}

#[test]
fn names_are_listed_once_and_only_where_they_tell_something() {
    let re = regex::Regex::new(r"(\d+)/(\d+) xã([^.;()]*)\((trừ )?([^)]*)\)").unwrap();
    for b in examples() {
        let names = commune_names(b);
        let n = names.len();
        let all = names.join(", ");
        for (file, _, p) in texts(b) {
            // "16/16 xã" says every commune: listing all of them says nothing more.
            assert!(
                !p.contains(&format!("({all})")),
                "{}/{file}: every commune listed in: {p}",
                b.name
            );
            for s in sentences(&p) {
                for pair in names.windows(2) {
                    let list = format!("{}, {}", pair[0], pair[1]);
                    assert!(
                        s.matches(&list).count() < 2,
                        "{}/{file}: {list} twice in one sentence: {s}",
                        b.name
                    );
                }
            }
        }
        // "NN/NN xã … (names)" names NN communes, "(trừ names)" the others.
        for (file, md) in &b.markdown {
            for cap in re.captures_iter(md) {
                // "huyện Phong Thổ (cũ)": a former district's name, not a list.
                if &cap[5] == "cũ" {
                    continue;
                }
                let count: usize = cap[1].parse().unwrap();
                let total: usize = cap[2].parse().unwrap();
                let listed = cap[5].split(", ").filter(|s| !s.is_empty()).count();
                let want = if cap.get(4).is_some() {
                    total - count
                } else {
                    count
                };
                assert_eq!(listed, want, "{}/{file}: {}", b.name, &cap[0]);
                assert!(count < n, "{}/{file}: all named in {}", b.name, &cap[0]);
            }
        }
    }
}

#[test]
fn plan_bullets_differ_by_more_than_a_name() {
    for b in examples() {
        let names = commune_names(b);
        let (md_file, md) = &b.markdown[0];
        let bullets: Vec<String> = md
            .lines()
            .filter_map(|l| l.strip_prefix("- "))
            .map(|l| {
                let mut t = l.to_string();
                for name in &names {
                    t = t.replace(name.as_str(), "NAME");
                }
                t
            })
            .collect();
        for w in bullets.windows(2) {
            assert!(
                w[0] != w[1] || !w[0].contains("NAME"),
                "{}/{md_file}: two bullets differ only by a name: {}",
                b.name,
                w[0]
            );
        }
    }
}

#[test]
fn unverified_thresholds_are_never_cited_as_official_and_no_caveat_is_a_heading() {
    let caveat = regex::Regex::new(r"(?i)tái dựng|chưa đối chiếu|chưa xác minh|minh họa").unwrap();
    for b in examples() {
        let r = &b.facts["ruleset"];
        let unverified = r["thresholds_unverified"].as_u64().unwrap();
        let used = r["thresholds_used"].as_u64().unwrap();
        let listed = r["thresholds"].as_array().unwrap();
        assert_eq!(listed.len() as u64, used, "{}", b.name);
        assert_eq!(
            listed.iter().filter(|t| t["verified"] == false).count() as u64,
            unverified,
            "{}",
            b.name
        );
        let source = r["legal_source"].as_str().unwrap();
        let mut said = false;
        for (file, heading, p) in texts(b) {
            if heading {
                assert!(
                    !caveat.is_match(&p),
                    "{}/{file}: a caveat in a heading: {p}",
                    b.name
                );
                continue;
            }
            if unverified > 0 {
                assert!(
                    !p.to_lowercase()
                        .contains(&format!("ngưỡng theo {}", source.to_lowercase())),
                    "{}/{file}: unverified thresholds cited as official: {p}",
                    b.name
                );
            }
            if file == "phu-bieu/phu-bieu-02a.md" && caveat.is_match(&p) {
                said = true;
                assert_eq!(
                    sentences(&p).iter().filter(|s| caveat.is_match(s)).count(),
                    1,
                    "{}: the caveat is one sentence: {p}",
                    b.name
                );
            }
        }
        assert_eq!(said, unverified > 0, "{}: appendix 02a's note", b.name);
    }
}

/// A day `dd/mm/yyyy` → (y, m, d).
fn day(d: &str) -> (u32, u32, u32) {
    let p: Vec<u32> = d.split('/').map(|x| x.parse().unwrap()).collect();
    (p[2], p[1], p[0])
}

#[test]
fn nothing_is_expected_before_the_report_date() {
    let date = regex::Regex::new(r"\b(\d{1,2}/\d{1,2}/\d{4})\b").unwrap();
    let year_end = regex::Regex::new(r"(?i)(hết|cuối) năm (\d{4})").unwrap();
    let forward = regex::Regex::new(r"(?i)dự kiến|\bsẽ\b|phấn đấu").unwrap();
    for b in examples() {
        let iso = b.facts["report"]["date"].as_str().unwrap();
        let p: Vec<u32> = iso.split('-').map(|x| x.parse().unwrap()).collect();
        let report = (p[0], p[1], p[2]);
        for (file, _, par) in texts(b) {
            for s in sentences(&par) {
                if !forward.is_match(&s) {
                    continue;
                }
                let mut days: Vec<(u32, u32, u32)> =
                    date.captures_iter(&s).map(|c| day(&c[1])).collect();
                days.extend(
                    year_end
                        .captures_iter(&s)
                        .map(|c| (c[2].parse().unwrap(), 12, 31)),
                );
                for d in days {
                    assert!(
                        d >= report,
                        "{}/{file}: expects {d:?}, but the report is dated {iso}: {s}",
                        b.name
                    );
                }
            }
        }
    }
}

#[test]
fn the_shipped_report_is_dated_before_the_year_end_it_expects() {
    let b = &examples()[0];
    assert_eq!(b.facts["report"]["date"], "2023-12-20");
    let md = &b.markdown[0].1;
    assert!(md.contains("*Phong Thổ, ngày 20 tháng 12 năm 2023*"));
    assert!(md.contains("dự kiến hoàn thành giải ngân trước ngày 31/12/2023."));
}

// ---- rendered pages ---------------------------------------------------------------------

fn render(b: &Built) -> Option<PathBuf> {
    b.pdf.get_or_init(|| render_once(b)).clone()
}

fn render_once(b: &Built) -> Option<PathBuf> {
    let tools = ["soffice", "pdftotext"];
    if let Some(missing) = tools.iter().find(|t| !on_path(t)) {
        assert!(
            !in_ci(),
            "{missing} not found, and CI must render the reports: install libreoffice-writer-nogui poppler-utils"
        );
        println!("skipped: {missing} not found; install libreoffice-writer-nogui poppler-utils");
        return None;
    }
    let docx = &b.docx_file;
    let profile = b.dir.join("lo-profile");
    run_with_timeout(
        Command::new("soffice")
            .arg("--headless")
            .arg(format!(
                "-env:UserInstallation=file://{}",
                profile.display()
            ))
            .args(["--convert-to", "pdf", "--outdir"])
            .arg(&b.dir)
            .arg(docx),
        Duration::from_secs(300),
    );
    Some(docx.with_extension("pdf"))
}

/// The text of every page, laid out.
fn pages(pdf: &Path) -> Vec<String> {
    use unicode_normalization::UnicodeNormalization;
    // Into a file: a long text through a pipe would fill it before the command ends.
    let txt = pdf.with_extension("txt");
    run_with_timeout(
        Command::new("pdftotext").arg("-layout").arg(pdf).arg(&txt),
        Duration::from_secs(120),
    );
    let all: String = std::fs::read_to_string(&txt).unwrap().nfc().collect();
    let mut pages: Vec<String> = all.split('\u{c}').map(str::to_string).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

fn first_line(page: &str) -> &str {
    page.lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim()
}

#[test]
fn rendered_reports_keep_the_signature_number_appendices_and_set_their_lines() {
    for b in examples() {
        let Some(pdf) = render(b) else { return };
        let pages = pages(&pdf);
        let signer = b.facts["signer"]["name"].as_str().unwrap();
        // The closing sentence, "Nơi nhận:" and the signer share one page.
        let closing = pages
            .iter()
            .position(|p| p.contains("Trên đây là báo cáo"))
            .unwrap_or_else(|| panic!("{}: no closing paragraph", b.name));
        let page = &pages[closing];
        assert!(
            page.contains("Nơi nhận:") && page.contains(signer),
            "{}: the signature block is not on the closing paragraph's page {}:\n{page}",
            b.name,
            closing + 1
        );
        // The body's first page and each appendix's first page carry no number; the page
        // after an appendix's first, if it is the same appendix, is its page 2.
        assert!(first_line(&pages[0]).parse::<u32>().is_err());
        let starts: Vec<usize> = (0..pages.len())
            .filter(|&i| first_line(&pages[i]).starts_with("PHỤ BIỂU"))
            .collect();
        let appendices = b.markdown.len() - 1;
        assert_eq!(
            starts.len(),
            appendices,
            "{}: each appendix starts a page",
            b.name
        );
        for (k, &s) in starts.iter().enumerate() {
            let end = starts.get(k + 1).copied().unwrap_or(pages.len());
            for (n, i) in (s + 1..end).enumerate() {
                assert_eq!(
                    first_line(&pages[i]),
                    (n + 2).to_string(),
                    "{}: page {} is page {} of {}",
                    b.name,
                    i + 1,
                    n + 2,
                    first_line(&pages[s])
                );
            }
        }
        page_flow(b, &pages, &starts);
        // "(Kèm theo …)" never leaves one word on a line of its own.
        for &s in &starts {
            let lines: Vec<&str> = pages[s].lines().map(str::trim).collect();
            let at = lines
                .iter()
                .position(|l| l.starts_with("(Kèm theo"))
                .unwrap_or_else(|| panic!("{}: no (Kèm theo …) line", b.name));
            if !lines[at].ends_with(')') {
                let next = lines[at + 1];
                assert!(
                    next.split_whitespace().count() >= 2,
                    "{}: one word alone after {:?}: {next:?}",
                    b.name,
                    lines[at]
                );
            }
        }
    }
}

/// Page breaks an official would send back: a body page ending with a heading or with a
/// label that introduces what follows ("Y tế:", "Nơi nhận:"); an appendix whose first
/// page holds its title and nothing of its table; a page that continues a table with a
/// single row of it (the last row alone on a page).
fn page_flow(b: &Built, pages: &[String], starts: &[usize]) {
    let heading = regex::Regex::new(r"^([IVX]+|\d+(\.\d+)*)\. \S").unwrap();
    let row = regex::Regex::new(r"^\d+\s+\S").unwrap();
    let numbers = regex::Regex::new(r"^\d+(\s+\d+){3,}").unwrap();
    let lines = |p: &str| -> Vec<String> {
        p.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect()
    };
    let body_end = starts.first().copied().unwrap_or(pages.len());
    for (i, page) in pages.iter().enumerate() {
        let ls = lines(page);
        let Some(last) = ls.last() else { continue };
        if i < body_end {
            assert!(
                !last.ends_with(':') && !heading.is_match(last),
                "{}: page {} ends with {last:?}, which belongs with what follows it",
                b.name,
                i + 1
            );
        } else if starts.contains(&i) {
            let at = ls
                .iter()
                .position(|l| l.starts_with("(Kèm theo"))
                .unwrap_or_else(|| panic!("{}: no (Kèm theo …) line on page {}", b.name, i + 1));
            let skip = if ls[at].ends_with(')') { 1 } else { 2 };
            assert!(
                ls.len() >= at + skip + 4,
                "{}: page {} holds the appendix title without its table:\n{page}",
                b.name,
                i + 1
            );
        } else {
            let rows = ls[1..]
                .iter()
                .filter(|l| row.is_match(l) && !numbers.is_match(l))
                .count();
            assert!(
                rows != 1,
                "{}: page {} continues a table with a single row:\n{page}",
                b.name,
                i + 1
            );
        }
    }
}

/// The pages of each appendix, by the first line of its first page ("PHỤ BIỂU 02a").
fn appendix_pages<'p>(pages: &'p [String], label: &str) -> &'p [String] {
    let starts: Vec<usize> = (0..pages.len())
        .filter(|&i| first_line(&pages[i]).starts_with("PHỤ BIỂU"))
        .collect();
    let k = starts
        .iter()
        .position(|&i| first_line(&pages[i]) == label)
        .unwrap_or_else(|| panic!("no page starts with {label}"));
    let end = starts.get(k + 1).copied().unwrap_or(pages.len());
    &pages[starts[k]..end]
}

/// Appendix 02a of a unit above the detail limit, as the signer reads it: one page that
/// names the workbook and its sheet, with the note on the thresholds and no table; the
/// report is shorter by the other pages 02a had.
#[test]
fn appendix_02a_in_the_workbook_is_one_page_that_says_where() {
    let all = examples();
    let (full, moved) = (&all[0], &all[3]);
    assert!(moved.facts["appendix_02a_moved"].is_object());
    let (Some(full_pdf), Some(moved_pdf)) = (render(full), render(moved)) else {
        return;
    };
    let (full_pages, moved_pages) = (pages(&full_pdf), pages(&moved_pdf));
    let flat = |p: &str| p.split_whitespace().collect::<Vec<_>>().join(" ");
    let full_02a = appendix_pages(&full_pages, "PHỤ BIỂU 02a");
    assert!(
        full_02a.len() > 1,
        "the full 02a has {} pages",
        full_02a.len()
    );
    assert!(
        full_02a.iter().any(|p| p.contains("Kết quả theo chỉ tiêu")),
        "the full 02a has its tables"
    );
    let moved_02a = appendix_pages(&moved_pages, "PHỤ BIỂU 02a");
    assert_eq!(moved_02a.len(), 1, "{moved_02a:#?}");
    let page = flat(&moved_02a[0]);
    for said in [
        "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU",
        "Do số xã nhiều (16 xã), kết quả thực hiện các chỉ tiêu của từng xã không in trong phụ biểu này",
        "trang tính PB02a của tệp phu-bieu-2023.xlsx gửi kèm theo báo cáo (mỗi dòng là một tiêu chí hoặc một chỉ tiêu của một xã).",
        "Ghi chú:",
        "chưa đối chiếu với văn bản chính thức",
    ] {
        assert!(page.contains(said), "{said:?} not on the page:\n{page}");
    }
    assert!(!page.contains("Kết quả theo chỉ tiêu") && !page.contains("Tiêu chí số 01"));
    assert_eq!(
        moved_pages.len(),
        full_pages.len() - (full_02a.len() - 1),
        "only 02a's pages are gone"
    );
    // The body says it where it sends the reader to the appendices.
    let body = flat(&moved_pages[..moved_pages.len() - moved_02a.len()].join("\n"));
    assert!(
        body.contains(
            "kết quả các chỉ tiêu của từng xã tại trang tính PB02a của tệp phu-bieu-2023.xlsx"
        ),
        "the body names the workbook"
    );
}
