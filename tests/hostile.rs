//! Hostile inputs and real faults against the binary: every case must end, within a time
//! limit, with exit 1 or 2 and a located, readable message (or build correctly); never a
//! panic, an abort or a hang. Kills, signals and concurrent builds must leave `OUT/YEAR`
//! holding the complete previous output or the complete new one, and no staging folder
//! after the next build (`docs/diagnostics.md`, `src/output.rs`).
#![cfg(unix)]

mod common;

use common::copy_dir;
use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::fs;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_ntm-report");

/// Generous: a debug build on a loaded machine. The release binary answers every case here
/// in well under a second.
const LIMIT: Duration = Duration::from_secs(60);

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[derive(Debug)]
struct Outcome {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn spawn<S: AsRef<OsStr>>(args: &[S]) -> Child {
    Command::new(BIN)
        .args(args)
        .env("LANG", "en_US.UTF-8")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs")
}

/// Waits for a child, reading its output as it comes (a full pipe must not stall it);
/// panics, after killing it, if it runs past the limit.
fn finish(mut child: Child, limit: Duration) -> Outcome {
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let o = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = out.read_to_end(&mut s);
        s
    });
    let e = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = err.read_to_end(&mut s);
        s
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the command hung: still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let stdout = String::from_utf8_lossy(&o.join().unwrap()).into_owned();
    let stderr = String::from_utf8_lossy(&e.join().unwrap()).into_owned();
    Outcome {
        code: status.code(),
        stdout,
        stderr,
    }
}

fn run<S: AsRef<OsStr>>(args: &[S]) -> Outcome {
    finish(spawn(args), LIMIT)
}

/// A copy of the small example folder.
fn mini(tmp: &Path) -> PathBuf {
    let data = tmp.join("data");
    copy_dir(&root().join("examples/tam-duong-mini"), &data);
    data
}

fn check(data: &Path) -> Outcome {
    run(&[
        OsStr::new("--data"),
        data.as_os_str(),
        OsStr::new("check"),
        OsStr::new("2023"),
    ])
}

fn build(data: &Path, out: &Path) -> Outcome {
    run(&[
        OsStr::new("--data"),
        data.as_os_str(),
        OsStr::new("build"),
        OsStr::new("2023"),
        OsStr::new("--out"),
        out.as_os_str(),
    ])
}

impl Outcome {
    /// The run was refused with `code` and a message containing `message`, located at
    /// `at` (`--> at`), without a panic or an abort.
    fn refused(&self, code: i32, message: &str, at: &str) -> &Self {
        assert_eq!(self.code, Some(code), "exit code; stderr:\n{}", self.stderr);
        assert!(!self.stderr.contains("panicked"), "{}", self.stderr);
        assert!(
            self.stderr.contains(message),
            "want {message:?} in\n{}",
            self.stderr
        );
        assert!(
            self.stderr.contains(&format!("--> {at}")),
            "want `--> {at}` in\n{}",
            self.stderr
        );
        self
    }

    /// The messages stay short whatever the input: no line is echoed whole.
    fn bounded(&self, bytes: usize) -> &Self {
        assert!(
            self.stderr.len() < bytes,
            "{} bytes of messages:\n{}",
            self.stderr.len(),
            &self.stderr[..self.stderr.len().min(2000)]
        );
        self
    }
}

// ---- 1. no crash on any input -----------------------------------------------------------

#[test]
fn a_diagnostic_on_a_very_long_line_is_echoed_as_a_bounded_window() {
    let tmp = tempfile::tempdir().unwrap();
    let data = mini(tmp.path());
    // The column is beyond what a formatting width can hold, the line 5 MB long.
    let pad = " ".repeat(70_000);
    let tail = "9".repeat(5_000_000);
    let text = format!("[[sources]]\nid = \"x\"\nname = \"y\"\namount = {pad}x{tail}\n");
    fs::write(data.join("2023/funding.toml"), text).unwrap();
    let r = check(&data);
    r.refused(1, "error", "2023/funding.toml:4:70010")
        .bounded(4_000);
    assert!(r.stderr.contains("4 | …"), "{}", r.stderr);
    // The caret is under the column, inside the window.
    let lines: Vec<&str> = r.stderr.lines().collect();
    let at = lines.iter().position(|l| l.starts_with("4 | ")).unwrap();
    let caret = lines[at + 1].find('^').unwrap();
    assert_eq!(lines[at].chars().nth(caret), Some('x'), "{}", r.stderr);
}

#[test]
fn a_cell_of_megabytes_is_not_echoed_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let data = mini(tmp.path());
    let path = data.join("2023/communes.csv");
    let before = fs::read_to_string(&path).unwrap();
    // A cell of a million digits, within the bound of a line.
    let text = format!("{before}binh-lu,2.1,{},,\n", "7".repeat(1_000_000));
    fs::write(&path, text).unwrap();
    check(&data)
        .refused(1, "digits", "2023/communes.csv:205:")
        .bounded(4_000);
    // Five million: the line is refused as a whole, before it is read into cells.
    let text = format!("{before}binh-lu,2.1,{},,\n", "7".repeat(5_000_000));
    fs::write(&path, text).unwrap();
    check(&data)
        .refused(
            1,
            "this line is 5000014 bytes long; a line of a table may be at most 1 MB",
            "2023/communes.csv:205:1",
        )
        .bounded(4_000);
}

#[test]
fn a_cycle_among_funding_sources_is_reported_not_a_stack_overflow() {
    let tmp = tempfile::tempdir().unwrap();
    let data = mini(tmp.path());
    let mut text = String::new();
    for (id, parent) in [("a", "b"), ("b", "c"), ("c", "a"), ("d", "a")] {
        text += &format!("[[sources]]\nid = \"{id}\"\nname = \"{id}\"\nparent = \"{parent}\"\n");
    }
    fs::write(data.join("2023/funding.toml"), text).unwrap();
    let r = check(&data);
    r.refused(
        1,
        "the funding sources are each other's parents: a → b → c → a",
        "2023/funding.toml:4:10",
    );
    assert_eq!(r.stderr.matches("each other's parents").count(), 1);
}

#[test]
fn a_chain_of_funding_sources_of_any_depth_is_summed() {
    let tmp = tempfile::tempdir().unwrap();
    let data = mini(tmp.path());
    let n = 5_000;
    let mut text = String::from("[[sources]]\nid = \"s0\"\nname = \"s0\"\n");
    for i in 1..n {
        text += &format!(
            "[[sources]]\nid = \"s{i}\"\nname = \"s{i}\"\nparent = \"s{}\"\n",
            i - 1
        );
    }
    text += "amount = \"12.5\"\n";
    fs::write(data.join("2023/funding.toml"), text).unwrap();
    let out = tmp.path().join("out");
    let r = build(&data, &out);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let facts: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("2023/facts.json")).unwrap()).unwrap();
    let funding = &facts["funding"];
    assert_eq!(funding["total"], "12.5", "{funding}");
    let sources = funding["sources"].as_array().unwrap();
    assert_eq!(sources.len(), n);
    assert_eq!(sources[0]["amount"], "12.5");
    assert_eq!(sources[n - 1]["depth"], n - 1);
}

/// An `.xlsx` package with one sheet, `communes`, of the XML given (written by the zip crate,
/// with `sheet` written through `write` so that a large one is streamed into the deflater).
fn xlsx_with_sheet(write: &dyn Fn(&mut dyn std::io::Write)) -> Vec<u8> {
    use std::io::Write as _;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    let parts = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
        ),
        (
            "xl/workbook.xml",
            r#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="communes" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        ),
        (
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
        ),
    ];
    for (name, text) in parts {
        zip.start_file(name, opts).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.start_file("xl/worksheets/sheet1.xml", opts).unwrap();
    zip.write_all(br#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#).unwrap();
    write(&mut zip);
    zip.write_all(b"</sheetData></worksheet>").unwrap();
    zip.finish().unwrap().into_inner()
}

fn cell(at: &str, text: &str) -> String {
    format!(r#"<c r="{at}" t="inlineStr"><is><t>{text}</t></is></c>"#)
}

#[test]
fn a_workbook_that_is_a_zip_bomb_or_spans_the_whole_grid_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let data = mini(tmp.path());
    let book = data.join("2023/nhap-lieu.xlsx");
    let header = ["commune", "item", "value", "denominator", "source"]
        .iter()
        .zip(["A1", "B1", "C1", "D1", "E1"])
        .map(|(t, at)| cell(at, t))
        .collect::<String>();
    // Two cells far apart: a few hundred bytes for a rectangle of 17 billion cells (the
    // reader would allocate it whole, and abort).
    let far = format!(
        "<row r=\"1\">{header}</row><row r=\"1048576\">{}</row>",
        cell("XFD1048576", "x")
    );
    fs::write(
        &book,
        xlsx_with_sheet(&|w| w.write_all(far.as_bytes()).unwrap()),
    )
    .unwrap();
    check(&data)
        .refused(
            1,
            "sheet \"communes\" has cells over A1:XFD1048576",
            "2023/nhap-lieu.xlsx",
        )
        .bounded(4_000);
    // A cell named beyond the grid (the reader's arithmetic on its name would overflow).
    let beyond = format!(
        "<row r=\"1\">{header}{}</row>",
        cell("ZZZZZZZZ99999999999", "x")
    );
    fs::write(
        &book,
        xlsx_with_sheet(&|w| w.write_all(beyond.as_bytes()).unwrap()),
    )
    .unwrap();
    check(&data).refused(1, "beyond Excel's grid", "2023/nhap-lieu.xlsx");
    // 300 MB of rows, deflated to well under a megabyte.
    let rows = format!("<row r=\"2\">{}</row>", cell("A2", "x")).repeat(10_000);
    let bomb = xlsx_with_sheet(&|w| {
        for _ in 0..(300 << 20) / rows.len() {
            w.write_all(rows.as_bytes()).unwrap();
        }
    });
    assert!(bomb.len() < 4 << 20, "{}", bomb.len());
    fs::write(&book, bomb).unwrap();
    let start = Instant::now();
    check(&data)
        .refused(
            1,
            "this workbook unpacks to more than 256 MB",
            "2023/nhap-lieu.xlsx",
        )
        .bounded(4_000);
    assert!(start.elapsed() < LIMIT);
    // A sheet of the same table far from the corner is read as before.
    let fine = format!(
        "<row r=\"1\">{header}</row><row r=\"2\">{}{}{}{}</row>",
        cell("A2", "ban-bo"),
        cell("B2", "m.khong-co"),
        cell("C2", "1"),
        cell("E2", "x")
    );
    fs::write(
        &book,
        xlsx_with_sheet(&|w| w.write_all(fine.as_bytes()).unwrap()),
    )
    .unwrap();
    check(&data).refused(
        1,
        "m.khong-co",
        "2023/nhap-lieu.xlsx: sheet \"communes\", cell B2",
    );
}

/// An `.ods` package whose `content.xml` holds one sheet, `communes`: `doctype` before the
/// document, then `write` writes the sheet's rows (streamed into the deflater).
fn ods_with_sheet(doctype: &str, write: &dyn Fn(&mut dyn std::io::Write)) -> Vec<u8> {
    use std::io::Write as _;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    zip.start_file("META-INF/manifest.xml", opts).unwrap();
    zip.write_all(br#"<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#).unwrap();
    zip.start_file("content.xml", opts).unwrap();
    write!(zip, r#"<?xml version="1.0"?>{doctype}<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="communes">"#).unwrap();
    write(&mut zip);
    zip.write_all(b"</table:table></office:spreadsheet></office:body></office:document-content>")
        .unwrap();
    zip.finish().unwrap().into_inner()
}

/// The `.ods` forms of a zip bomb, of a cell repeated over the whole grid and of entities
/// expanding a billion times: each ends with exit 1 and an error at the workbook.
#[test]
fn an_ods_workbook_that_is_a_zip_bomb_or_repeats_a_cell_over_the_grid_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let data = mini(tmp.path());
    let book = data.join("2023/nhap-lieu.ods");
    // 270 MB of empty rows, deflated to a fraction of that.
    let rows = "<table:table-row><table:table-cell/></table:table-row>".repeat(10_000);
    let bomb = ods_with_sheet("", &|w| {
        for _ in 0..(270 << 20) / rows.len() {
            w.write_all(rows.as_bytes()).unwrap();
        }
    });
    assert!(bomb.len() < 4 << 20, "{}", bomb.len());
    fs::write(&book, bomb).unwrap();
    check(&data)
        .refused(
            1,
            "this workbook unpacks to more than 256 MB",
            "2023/nhap-lieu.ods",
        )
        .bounded(4_000);
    // One cell repeated over every row and column of the grid: 17 billion cells in a few
    // hundred bytes.
    let grid = ods_with_sheet("", &|w| {
        w.write_all(br#"<table:table-row table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="16384"><text:p>x</text:p></table:table-cell></table:table-row>"#).unwrap();
    });
    fs::write(&book, grid).unwrap();
    let r = check(&data);
    r.refused(1, "error", "2023/nhap-lieu.ods").bounded(16_000);
    // Entities expanding to ten billion bytes.
    let lol = (0..9u8)
        .map(|i| {
            let (name, of) = ((b'b' + i) as char, (b'a' + i) as char);
            format!("<!ENTITY {name} \"{}\">", format!("&{of};").repeat(10))
        })
        .collect::<String>();
    let laughs = ods_with_sheet(
        &format!("<!DOCTYPE d [<!ENTITY a \"aaaaaaaaaa\">{lol}]>"),
        &|w| {
            w.write_all(b"<table:table-row><table:table-cell><text:p>&j;</text:p></table:table-cell></table:table-row>").unwrap();
        },
    );
    fs::write(&book, laughs).unwrap();
    check(&data)
        .refused(1, "error", "2023/nhap-lieu.ods")
        .bounded(16_000);
}

#[test]
fn a_million_columns_or_rows_wrong_alike_end_quickly_with_a_screen_of_messages() {
    let tmp = tempfile::tempdir().unwrap();
    let data = mini(tmp.path());
    // A header of a hundred thousand columns: checking each against the others was
    // quadratic.
    let header: Vec<String> = (1..=100_000).map(|i| i.to_string()).collect();
    let villages = data.join("2023/villages.csv");
    let before = fs::read_to_string(&villages).unwrap();
    fs::write(&villages, format!("village,{}\n", header.join(","))).unwrap();
    check(&data)
        .refused(
            1,
            "this table has 100001 columns; at most 5000 are read",
            "2023/villages.csv:1",
        )
        .bounded(4_000);
    // A million: the header line is longer than a line may be.
    let header: Vec<String> = (1..=1_000_000).map(|i| i.to_string()).collect();
    fs::write(&villages, format!("village,{}\n", header.join(","))).unwrap();
    check(&data)
        .refused(
            1,
            "a line of a table may be at most 1 MB",
            "2023/villages.csv:1",
        )
        .bounded(4_000);
    fs::write(&villages, before).unwrap();
    // A hundred thousand rows of one item (all but the first given twice): a hundred errors,
    // then their count.
    let long = data.join("2023/communes.csv");
    let mut text = fs::read_to_string(&long).unwrap();
    text.push_str(&"binh-lu,2,đạt,,\n".repeat(100_000));
    fs::write(&long, text).unwrap();
    let r = check(&data);
    r.refused(
        1,
        "`2` is given twice for this commune",
        "2023/communes.csv:",
    );
    assert_eq!(
        r.stderr.matches("is given twice").count(),
        100,
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("… and 99899 more error(s) `duplicate-entry` like those above"),
        "{}",
        &r.stderr[r.stderr.len().saturating_sub(2_000)..]
    );
    assert!(
        r.stderr.contains("99999 error(s)"),
        "the summary counts them all"
    );
    assert!(r.stderr.len() < 100_000, "{} bytes", r.stderr.len());
}

#[test]
fn an_audited_word_file_that_is_a_zip_bomb_is_refused() {
    use std::io::Write as _;
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("bao-cao.docx");
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    zip.start_file("word/document.xml", opts).unwrap();
    zip.write_all(br#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#).unwrap();
    let para = "<w:p><w:r><w:t>16/16 xã đạt</w:t></w:r></w:p>".repeat(10_000);
    for _ in 0..(200 << 20) / para.len() {
        zip.write_all(para.as_bytes()).unwrap();
    }
    zip.write_all(b"</w:body></w:document>").unwrap();
    fs::write(&path, zip.finish().unwrap().into_inner()).unwrap();
    let r = run(&[OsStr::new("audit"), path.as_os_str()]);
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("word/document.xml unpacks to more than 64 MB"),
        "{}",
        r.stderr
    );
    r.bounded(4_000);
}

#[test]
fn toml_nested_beyond_reason_is_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    let data = mini(tmp.path());
    for nest in [
        format!("x = {}{}\n", "[".repeat(100_000), "]".repeat(100_000)),
        format!("x = {}1{}\n", "{a = ".repeat(100_000), "}".repeat(100_000)),
    ] {
        let path = data.join("2023/report.toml");
        let mut text =
            fs::read_to_string(root().join("examples/tam-duong-mini/2023/report.toml")).unwrap();
        text.push_str(&nest);
        fs::write(&path, text).unwrap();
        check(&data)
            .refused(1, "recurs", "2023/report.toml:")
            .bounded(4_000);
    }
}

#[test]
fn a_runaway_user_template_stops_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let data = mini(tmp.path());
    let out = tmp.path().join("out");
    assert_eq!(build(&data, &out).code, Some(0));
    let before = tree(&out.join("2023"));
    let templates = tmp.path().join("tpl");
    fs::create_dir(&templates).unwrap();
    for (text, message) in [
        (
            "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}",
            "does too much work",
        ),
        (
            "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}",
            "more than 100 levels deep",
        ),
        ("{{ \"ab\" * 200000000 }}", "too large"),
        (
            "{{ 'x' * 50000000 }}{{ 'x' * 50000000 }}",
            "writes more than 64 MB",
        ),
        ("a\nb {{ unit.ten_sai }}", "`unit.ten_sai` is not defined"),
        // Chains the engine would parse into a tree deeper than its stack (an abort).
        (
            &format!("{{{{ unit{} }}}}", ".x".repeat(100_000)),
            "more than 1000 operators",
        ),
        (
            &format!("{{{{ {}1 }}}}", "not ".repeat(100_000)),
            "more than 1000 operators",
        ),
    ] {
        fs::write(templates.join("trich-yeu.md"), text).unwrap();
        let r = run(&[
            OsStr::new("--data"),
            data.as_os_str(),
            OsStr::new("--templates"),
            templates.as_os_str(),
            OsStr::new("build"),
            OsStr::new("2023"),
            OsStr::new("--out"),
            out.as_os_str(),
        ]);
        let at = templates.join("trich-yeu.md").display().to_string();
        r.refused(1, message, &at);
        assert!(r.stderr.contains("nothing was written"), "{}", r.stderr);
        assert_eq!(tree(&out.join("2023")), before, "{text}");
        assert_eq!(leftovers(&out), Vec::<String>::new());
    }
    // A template file just over 1 MiB (60 MB of tags took 20 s to compile) is refused by its
    // size, before it is decoded: bytes that are no text at all get the same error, not
    // `not-utf8`; and the folder's other files are held to the same size.
    let over = ntm_report::report::templates::MAX_TEMPLATE_BYTES as usize + 1;
    let tags = "{{ unit.name }} ".repeat(over / 16 + 1);
    for (name, bytes) in [
        ("trich-yeu.md", tags.into_bytes()),
        ("phan-2.md", vec![0xff; over]),
        ("ghi-chu.md", vec![b'x'; over]),
    ] {
        fs::remove_dir_all(&templates).unwrap();
        fs::create_dir(&templates).unwrap();
        fs::write(templates.join(name), &bytes).unwrap();
        let r = run(&[
            OsStr::new("--data"),
            data.as_os_str(),
            OsStr::new("--templates"),
            templates.as_os_str(),
            OsStr::new("build"),
            OsStr::new("2023"),
            OsStr::new("--out"),
            out.as_os_str(),
        ]);
        let at = templates.join(name).display().to_string();
        let message = format!(
            "this template is {} bytes; a template may be at most 1 MB",
            bytes.len()
        );
        r.refused(1, &message, &at);
        assert!(!r.stderr.contains("not-utf8"), "{}", r.stderr);
        assert!(r.stderr.contains("nothing was written"), "{}", r.stderr);
        assert_eq!(tree(&out.join("2023")), before, "{name}");
    }
    // A template of exactly the limit is read (and renders).
    fs::remove_dir_all(&templates).unwrap();
    fs::create_dir(&templates).unwrap();
    let at_limit = ntm_report::report::templates::MAX_TEMPLATE_BYTES as usize;
    fs::write(templates.join("trich-yeu.md"), "x".repeat(at_limit)).unwrap();
    let r = run(&[
        OsStr::new("--data"),
        data.as_os_str(),
        OsStr::new("--templates"),
        templates.as_os_str(),
        OsStr::new("check"),
        OsStr::new("2023"),
    ]);
    assert!(!r.stderr.contains("template-limit"), "{}", r.stderr);
    assert!(
        !r.stderr.contains("a template may be at most"),
        "{}",
        r.stderr
    );
}

/// Templates each within their own bound (64 MB) but together past the report's total
/// (`MAX_TOTAL_OUTPUT`) are refused at the template that crossed it, and nothing is written;
/// a table marker printed in a loop places the table once (with a warning), so a template
/// cannot multiply the tables made from the data (20,000 markers wrote 224 MB of Word in 21 s).
#[test]
fn the_templates_together_write_a_bounded_total_and_each_table_goes_in_once() {
    use ntm_report::report::templates::{MAX_OUTPUT, MAX_TOTAL_OUTPUT};
    let tmp = tempfile::tempdir().unwrap();
    let data = mini(tmp.path());
    let out = tmp.path().join("out");
    assert_eq!(build(&data, &out).code, Some(0));
    let before = tree(&out.join("2023"));
    let templates = tmp.path().join("tpl");
    fs::create_dir(&templates).unwrap();
    let with_templates = |command: &str| {
        let mut args = vec![
            OsStr::new("--data"),
            data.as_os_str(),
            OsStr::new("--templates"),
            templates.as_os_str(),
            OsStr::new(command),
            OsStr::new("2023"),
        ];
        if command == "build" {
            args.extend([OsStr::new("--out"), out.as_os_str()]);
        }
        run(&args)
    };
    // Two templates of two thirds of the total each: the subject line is rendered first,
    // so the body crosses the total.
    let each = MAX_TOTAL_OUTPUT / 3 * 2;
    assert!(each < MAX_OUTPUT);
    let writes = format!("{{{{ 'x' * {each} }}}}");
    fs::write(templates.join("trich-yeu.md"), &writes).unwrap();
    fs::write(templates.join("bao-cao.md"), &writes).unwrap();
    let r = with_templates("build");
    let at = templates.join("bao-cao.md").display().to_string();
    r.refused(
        1,
        "the report's templates write more than 64 MB in all",
        &at,
    )
    .bounded(64 * 1024);
    assert!(r.stderr.contains("nothing was written"), "{}", r.stderr);
    assert_eq!(tree(&out.join("2023")), before);
    assert_eq!(leftovers(&out), Vec::<String>::new());
    // Either alone is within the total.
    fs::remove_file(templates.join("bao-cao.md")).unwrap();
    let r = with_templates("check");
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(!r.stderr.contains("template-limit"), "{}", r.stderr);

    // The appendix template printing its table's marker 5,000 times more.
    fs::remove_dir_all(&templates).unwrap();
    fs::create_dir(&templates).unwrap();
    let appendix = fs::read_to_string(root().join("templates/phu-bieu.md")).unwrap();
    let looped = format!(
        "{appendix}\n{{% for i in range(5000) %}}\n<!-- table:{{{{ code }}}} -->\n{{% endfor %}}\n"
    );
    fs::write(templates.join("phu-bieu.md"), looped).unwrap();
    let r = with_templates("build");
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let at = templates.join("phu-bieu.md").display().to_string();
    assert!(
        r.stderr.contains(
            "the table of appendix 02 is placed 5001 times (`<!-- table:02 -->`): a table goes into the report once"
        ),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains(&format!("--> {at}")), "{}", r.stderr);
    let after = tree(&out.join("2023"));
    // Every Markdown appendix holds the same table lines as the built-in templates make.
    let table_lines = |bytes: &[u8]| -> Vec<String> {
        String::from_utf8_lossy(bytes)
            .lines()
            .filter(|l| l.starts_with('|'))
            .map(str::to_string)
            .collect()
    };
    let appendices: Vec<&String> = before
        .keys()
        .filter(|k| k.starts_with("phu-bieu/"))
        .collect();
    assert!(appendices.len() >= 5, "{appendices:?}");
    for k in appendices {
        assert_eq!(table_lines(&after[k]), table_lines(&before[k]), "{k}");
    }
    // The Word file holds as many tables as before.
    let tables = |docx: &[u8]| {
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
        let mut xml = String::new();
        z.by_name("word/document.xml")
            .unwrap()
            .read_to_string(&mut xml)
            .unwrap();
        xml.matches("<w:tbl>").count()
    };
    let docx = "bao-cao-ntm-2023.docx";
    assert_eq!(tables(&after[docx]), tables(&before[docx]));
}

// ---- 3. the file system as it is ----------------------------------------------------------

#[test]
fn odd_file_system_objects_are_reported_with_exit_2_never_skipped() {
    type Setup = fn(&Path);
    let cases: [(&str, Setup, &str, &str); 10] = [
        (
            "a folder where a file is expected",
            |d| {
                fs::remove_file(d.join("2023/report.toml")).unwrap();
                fs::create_dir(d.join("2023/report.toml")).unwrap();
            },
            "this is a folder, where a file is expected",
            "2023/report.toml",
        ),
        (
            "a symbolic link loop",
            |d| {
                fs::remove_file(d.join("2023/funding.toml")).unwrap();
                std::os::unix::fs::symlink("funding.toml", d.join("2023/funding.toml")).unwrap();
            },
            "symbolic links",
            "2023/funding.toml",
        ),
        (
            "a named pipe nobody writes to (a read would block forever)",
            |d| {
                fs::remove_file(d.join("2023/funding.toml")).unwrap();
                let fifo = d.join("2023/funding.toml");
                assert!(
                    Command::new("mkfifo")
                        .arg(&fifo)
                        .status()
                        .unwrap()
                        .success()
                );
            },
            "this is a named pipe (FIFO), where a file is expected",
            "2023/funding.toml",
        ),
        (
            "a link to an endless device",
            |d| {
                fs::remove_file(d.join("2023/funding.toml")).unwrap();
                std::os::unix::fs::symlink("/dev/zero", d.join("2023/funding.toml")).unwrap();
            },
            "this is a device, where a file is expected",
            "2023/funding.toml",
        ),
        (
            "a broken link",
            |d| {
                fs::remove_file(d.join("2023/funding.toml")).unwrap();
                std::os::unix::fs::symlink("nowhere.toml", d.join("2023/funding.toml")).unwrap();
            },
            "a symbolic link to something that does not exist",
            "2023/funding.toml",
        ),
        (
            "a file name that is not Unicode",
            |d| {
                use std::os::unix::ffi::OsStrExt as _;
                fs::create_dir(d.join("2023/communes")).unwrap();
                let name = OsStr::from_bytes(b"ban-bo\xff.toml");
                fs::write(d.join("2023/communes").join(name), "commune = \"ban-bo\"\n").unwrap();
            },
            "this name is not valid Unicode",
            "2023/communes/ban-bo\u{fffd}.toml",
        ),
        (
            "a file where the commune folder is expected",
            |d| fs::write(d.join("2023/communes"), "").unwrap(),
            "this is a file, where a folder is expected",
            "2023/communes",
        ),
        (
            "a file where the year's folder is expected (not a missing year)",
            |d| {
                fs::remove_dir_all(d.join("2023")).unwrap();
                fs::write(d.join("2023"), "").unwrap();
            },
            "this is a file, where a folder is expected",
            "2023/",
        ),
        (
            "a broken link where the year's folder is expected",
            |d| {
                fs::remove_dir_all(d.join("2023")).unwrap();
                std::os::unix::fs::symlink("nowhere", d.join("2023")).unwrap();
            },
            "a symbolic link to something that does not exist",
            "2023/",
        ),
        (
            "a folder named like a commune file",
            |d| fs::create_dir_all(d.join("2023/communes/ban-bo.toml")).unwrap(),
            "this is a folder, where a file is expected",
            "2023/communes/ban-bo.toml",
        ),
    ];
    for (about, setup, message, at) in cases {
        let tmp = tempfile::tempdir().unwrap();
        let data = mini(tmp.path());
        setup(&data);
        let r = check(&data);
        assert!(
            r.code == Some(2),
            "{about}: exit {:?}\n{}",
            r.code,
            r.stderr
        );
        r.refused(2, message, at);
    }
}

#[test]
fn an_unreadable_file_is_exit_2() {
    use std::os::unix::fs::PermissionsExt as _;
    let tmp = tempfile::tempdir().unwrap();
    let data = mini(tmp.path());
    let file = data.join("2023/funding.toml");
    fs::set_permissions(&file, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(&file).is_ok() {
        // Running as root: permissions do not stop reading, so a folder stands in for an
        // unreadable file (the same path through the loader: the system refuses the read).
        fs::remove_file(&file).unwrap();
        fs::create_dir(&file).unwrap();
    }
    check(&data).refused(2, "", "2023/funding.toml");
}

#[test]
fn symbolic_links_among_the_commune_files_are_followed() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    copy_dir(&root().join("data"), &data);
    let out = tmp.path().join("out");
    let r = build(&data, &out);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let want = fs::read(out.join("2023/facts.json")).unwrap();
    // The same data with one commune's file kept elsewhere and linked (once a link here
    // was skipped without a word, and the commune had "no data").
    let elsewhere = tmp.path().join("elsewhere");
    fs::create_dir(&elsewhere).unwrap();
    let file = data.join("2023/communes/muong-so.toml");
    fs::rename(&file, elsewhere.join("muong-so.toml")).unwrap();
    std::os::unix::fs::symlink(elsewhere.join("muong-so.toml"), &file).unwrap();
    let out2 = tmp.path().join("out2");
    let r = build(&data, &out2);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(fs::read(out2.join("2023/facts.json")).unwrap(), want);
}

#[test]
fn templates_export_and_init_never_write_through_a_link_outside_their_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let outside = tmp.path().join("outside");
    fs::create_dir(&outside).unwrap();
    // templates export: a template's name is a link to a file outside (that does not exist
    // yet, so a careless write would create it).
    let dir = tmp.path().join("tpl");
    fs::create_dir(&dir).unwrap();
    std::os::unix::fs::symlink(outside.join("stolen.md"), dir.join("bao-cao.md")).unwrap();
    let r = run(&[
        OsStr::new("templates"),
        OsStr::new("export"),
        dir.as_os_str(),
    ]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.stdout.contains("kept"), "{}", r.stdout);
    assert!(
        !outside.join("stolen.md").exists(),
        "written through the link"
    );
    assert!(dir.join("trich-yeu.md").is_file());
    // init: the new year's folder is a link to a folder outside the data folder.
    let data = mini(tmp.path());
    std::os::unix::fs::symlink(&outside, data.join("2024")).unwrap();
    let r = run(&[
        OsStr::new("--data"),
        data.as_os_str(),
        OsStr::new("init"),
        OsStr::new("2024"),
    ]);
    assert_eq!(r.code, Some(2), "{}\n{}", r.stdout, r.stderr);
    assert!(r.stderr.contains("outside"), "{}", r.stderr);
    assert_eq!(
        fs::read_dir(&outside).unwrap().count(),
        0,
        "written outside"
    );
}

// ---- 5. exit codes and order ----------------------------------------------------------------

#[test]
fn a_path_that_cannot_be_read_is_exit_2_everywhere() {
    let tmp = tempfile::tempdir().unwrap();
    let data = mini(tmp.path());
    let missing = tmp.path().join("missing/2023");
    for (args, code) in [
        (
            vec![OsStr::new("diff"), missing.as_os_str(), OsStr::new("2023")],
            2,
        ),
        (
            vec![OsStr::new("diff"), OsStr::new("2019"), OsStr::new("2023")],
            2,
        ),
        (vec![OsStr::new("check"), OsStr::new("2019")], 2),
        (vec![OsStr::new("build"), OsStr::new("2019")], 2),
        // The year before the one `init` starts is missing: a folder that is not there.
        (vec![OsStr::new("init"), OsStr::new("2019")], 2),
        (
            vec![
                OsStr::new("diff"),
                OsStr::new("2019"),
                OsStr::new("2023"),
                OsStr::new("--exit-code"),
            ],
            2,
        ),
    ] {
        let mut all = vec![OsStr::new("--data"), data.as_os_str()];
        all.extend(args.iter().copied());
        let r = run(&all);
        assert_eq!(r.code, Some(code), "{args:?}: {}", r.stderr);
        assert!(!r.stderr.contains("panicked"));
    }
}

#[test]
fn root_causes_are_listed_before_what_follows_from_them() {
    let tmp = tempfile::tempdir().unwrap();
    let data = mini(tmp.path());
    // A commune's only data is a file that does not parse: the commune then has no data.
    let table = data.join("2023/communes.csv");
    let text = fs::read_to_string(&table).unwrap();
    let kept: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with("khun-ha,"))
        .collect();
    fs::write(&table, kept.join("\n") + "\n").unwrap();
    fs::create_dir(data.join("2023/communes")).unwrap();
    fs::write(
        data.join("2023/communes/khun-ha.toml"),
        "commune = \"khun-ha\n",
    )
    .unwrap();
    let r = check(&data);
    let syntax = r
        .stderr
        .find("--> 2023/communes/khun-ha.toml")
        .expect(&r.stderr);
    let follows = r.stderr.find("no data").expect(&r.stderr);
    assert!(syntax < follows, "{}", r.stderr);
}

#[test]
fn a_closed_pipe_ends_the_output_without_a_panic() {
    for args in [
        vec!["rules"],
        vec!["--data", "data", "diff", "2022", "2023"],
    ] {
        let mut child = Command::new(BIN)
            .args(&args)
            .current_dir(root())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let mut err = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        let status = child.wait().unwrap();
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_ne!(status.code(), Some(101), "{args:?}: {err}");
    }
}

// ---- 6. invisible characters ----------------------------------------------------------------

#[test]
fn invisible_characters_never_make_an_id_unknown_nor_reach_the_report() {
    let tmp = tempfile::tempdir().unwrap();
    let data = mini(tmp.path());
    let out = tmp.path().join("out");
    // A zero-width space inside ids, a byte-order mark in mid-file, a soft hyphen and a
    // zero-width joiner inside a name.
    let table = data.join("2023/communes.csv");
    let text = fs::read_to_string(&table).unwrap();
    fs::write(&table, text.replace("binh-lu,", "binh\u{200b}-lu,")).unwrap();
    let roster = data.join("communes.csv");
    let text = fs::read_to_string(&roster).unwrap();
    let text = text.replacen("ban-bo,Bản Bo", "\u{feff}ban-bo,Bản\u{ad} B\u{200d}o", 1);
    fs::write(&roster, text).unwrap();
    let r = build(&data, &out);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stderr.contains("invisible character(s) removed") && r.stderr.contains("U+200B"),
        "{}",
        r.stderr
    );
    for file in ["bao-cao-ntm-2023.md", "facts.json"] {
        let text = fs::read_to_string(out.join("2023").join(file)).unwrap();
        assert!(text.contains("Bản Bo"), "{file}");
        for c in ['\u{200b}', '\u{feff}', '\u{ad}', '\u{200d}'] {
            assert!(!text.contains(c), "{file} holds U+{:04X}", c as u32);
        }
    }
}

// ---- 4. atomic output, kills, signals, concurrent builds -------------------------------------

/// Every file of a folder with its bytes.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(base, &p, out);
            } else {
                let rel = p.strip_prefix(base).unwrap().display().to_string();
                out.insert(rel, fs::read(&p).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    if dir.is_dir() {
        walk(dir, dir, &mut out);
    }
    out
}

/// Hidden entries of an output folder: staging folders and the like.
fn leftovers(out: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(out)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    v.sort();
    v
}

/// A data folder slow enough to be interrupted: the small example with each commune
/// copied `copies` times (its villages with it).
fn big(tmp: &Path, copies: usize) -> PathBuf {
    let src = root().join("examples/tam-duong-mini");
    let data = tmp.join("big");
    copy_dir(&src, &data);
    let read = |rel: &str| fs::read_to_string(src.join(rel)).unwrap();
    let rows = |text: &str| -> (String, Vec<Vec<String>>) {
        let mut lines = text.lines();
        let header = lines.next().unwrap().to_string();
        let rows = lines
            .filter(|l| !l.is_empty())
            .map(|l| l.split(',').map(str::to_string).collect())
            .collect();
        (header, rows)
    };
    let write = |rel: &str, header: &str, rows: Vec<Vec<String>>| {
        let mut s = header.to_string() + "\n";
        for r in rows {
            s += &r.join(",");
            s += "\n";
        }
        fs::write(data.join(rel), s).unwrap();
    };
    let (h, communes) = rows(&read("communes.csv"));
    let (vh, villages) = rows(&read("villages.csv"));
    let (ch, long) = rows(&read("2023/communes.csv"));
    let (sh, statuses) = rows(&read("2023/villages.csv"));
    let copy_id = |id: &str, i: usize| format!("{id}-x{i}");
    let village_of = |v: &str, i: usize| -> String {
        let commune = communes
            .iter()
            .map(|c| &c[0])
            .find(|c| v.starts_with(&format!("{c}-")))
            .unwrap();
        format!("{}{}", copy_id(commune, i), &v[commune.len()..])
    };
    let mut c2 = Vec::new();
    let mut v2 = Vec::new();
    let mut l2 = Vec::new();
    let mut s2 = Vec::new();
    for i in 0..copies {
        for c in &communes {
            let mut c = c.clone();
            c[1] = format!("{} {i}", c[1]);
            c[0] = copy_id(&c[0], i);
            c2.push(c);
        }
        for v in &villages {
            let mut v = v.clone();
            v[0] = village_of(&v[0], i);
            v[1] = copy_id(&v[1], i);
            v2.push(v);
        }
        for r in &long {
            let mut r = r.clone();
            r[0] = copy_id(&r[0], i);
            l2.push(r);
        }
        for r in &statuses {
            let mut r = r.clone();
            r[0] = village_of(&r[0], i);
            s2.push(r);
        }
    }
    write("communes.csv", &h, c2);
    write("villages.csv", &vh, v2);
    write("2023/communes.csv", &ch, l2);
    write("2023/villages.csv", &sh, s2);
    data
}

/// What `OUT/2023` holds: the complete previous output, the complete new one, or neither.
fn state(
    out: &Path,
    old: &BTreeMap<String, Vec<u8>>,
    new: &BTreeMap<String, Vec<u8>>,
) -> &'static str {
    let now = tree(&out.join("2023"));
    if &now == old {
        "old"
    } else if &now == new {
        "new"
    } else {
        "mixed"
    }
}

/// A small file system of its own, when the system lets the tests mount one (as root on
/// Linux); `None` elsewhere.
struct Tmpfs(PathBuf);

impl Tmpfs {
    fn mount(at: &Path, bytes: u64) -> Option<Tmpfs> {
        fs::create_dir_all(at).unwrap();
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={bytes}"), "tmpfs"])
            .arg(at)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then(|| Tmpfs(at.to_path_buf()))
    }

    fn read_only(&self) {
        let s = Command::new("mount")
            .args(["-o", "remount,ro"])
            .arg(&self.0)
            .status()
            .unwrap();
        assert!(s.success());
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_full_disk_or_a_read_only_output_keeps_the_previous_output_with_one_message() {
    let tmp = tempfile::tempdir().unwrap();
    let data = mini(tmp.path());
    let probe = tmp.path().join("probe");
    assert_eq!(build(&data, &probe).code, Some(0));
    let size: u64 = tree(&probe.join("2023"))
        .values()
        .map(|v| v.len() as u64)
        .sum();
    // Room for one output and half of another.
    let Some(fs_) = Tmpfs::mount(&tmp.path().join("small"), size * 3 / 2) else {
        eprintln!("skipped: cannot mount a tmpfs here");
        return;
    };
    let out = fs_.0.clone();
    assert_eq!(build(&data, &out).code, Some(0));
    let before = tree(&out.join("2023"));
    // The next build differs (one more document) and does not fit.
    let docs = data.join("2023/documents.csv");
    let mut text =
        fs::read_to_string(&docs).unwrap_or_else(|_| "number,date,issuer,kind,title\n".to_string());
    text.push_str("99/KH-UBND,2023-12-01,UBND huyện,Kế hoạch,Văn bản thêm\n");
    fs::write(&docs, text).unwrap();
    let r = build(&data, &out);
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert!(r.stderr.contains("No space left on device"), "{}", r.stderr);
    assert!(r.stderr.contains("nothing was written"), "{}", r.stderr);
    // One message, no debugging lines of the zip writer.
    assert!(!r.stderr.contains("ZipWriter"), "{}", r.stderr);
    let errors = r.stderr.lines().filter(|l| l.starts_with("error:")).count();
    assert_eq!(errors, 1, "{}", r.stderr);
    // The system's reason once, whichever writer met the full disk first.
    assert_eq!(
        r.stderr.matches("No space left on device").count(),
        1,
        "{}",
        r.stderr
    );
    assert_eq!(tree(&out.join("2023")), before);
    assert_eq!(leftovers(&out), Vec::<String>::new());
    // A read-only output folder: refused, the previous output kept.
    fs_.read_only();
    let r = build(&data, &out);
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert!(r.stderr.contains("Read-only file system"), "{}", r.stderr);
    assert_eq!(tree(&out.join("2023")), before);
}

#[test]
fn kills_and_signals_at_any_moment_leave_the_previous_or_the_new_output() {
    let tmp = tempfile::tempdir().unwrap();
    let small = mini(tmp.path());
    let slow = big(tmp.path(), 200);
    let out = tmp.path().join("out");
    // The expected outputs: the small folder's (the previous one) and the slow one's.
    let r = build(&slow, &out);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let new = tree(&out.join("2023"));
    let start = Instant::now();
    assert_eq!(build(&small, &out).code, Some(0));
    let old = tree(&out.join("2023"));
    let t = start.elapsed();
    let start = Instant::now();
    assert_eq!(build(&slow, &out).code, Some(0));
    let whole = start.elapsed() + t;
    let mut seen = BTreeMap::new();
    for k in 0..12 {
        let signal = if k % 2 == 0 { "KILL" } else { "TERM" };
        assert_eq!(build(&small, &out).code, Some(0));
        assert_eq!(tree(&out.join("2023")), old);
        let child = spawn(&[
            OsStr::new("--data"),
            slow.as_os_str(),
            OsStr::new("build"),
            OsStr::new("2023"),
            OsStr::new("--out"),
            out.as_os_str(),
        ]);
        // Moments spread over the whole build, the last ones near its end.
        std::thread::sleep(whole.mul_f64(k as f64 / 11.0));
        let pid = rustix::process::Pid::from_child(&child);
        let sig = match signal {
            "KILL" => rustix::process::Signal::KILL,
            _ => rustix::process::Signal::TERM,
        };
        let _ = rustix::process::kill_process(pid, sig);
        let r = finish(child, LIMIT);
        let s = state(&out, &old, &new);
        assert_ne!(s, "mixed", "after SIG{signal} at {k}/11: {}", r.stderr);
        *seen.entry(s).or_insert(0) += 1;
        if signal == "TERM" {
            // Cleaned up on the signal itself, not only at the next build.
            assert_eq!(leftovers(&out), Vec::<String>::new(), "SIGTERM at {k}/11");
            // 143 once it stages (the handler removes the staging folder first); before that
            // the signal ends the process as usual, with nothing to clean.
            assert!(
                matches!(r.code, Some(0 | 143) | None),
                "{:?} {}",
                r.code,
                r.stderr
            );
        }
        // The next build removes what a kill left behind.
        assert_eq!(build(&small, &out).code, Some(0));
        assert_eq!(
            leftovers(&out),
            Vec::<String>::new(),
            "after SIG{signal} at {k}/11"
        );
    }
    eprintln!("states after the interruptions: {seen:?} (build: {whole:?})");
    assert!(seen.contains_key("old"), "{seen:?}");
}

#[test]
fn concurrent_builds_into_one_folder_never_mix_nor_orphan_outputs() {
    let tmp = tempfile::tempdir().unwrap();
    let small = mini(tmp.path());
    let slow = big(tmp.path(), 100);
    let out = tmp.path().join("out");
    assert_eq!(build(&small, &out).code, Some(0));
    let a = tree(&out.join("2023"));
    assert_eq!(build(&slow, &out).code, Some(0));
    let b = tree(&out.join("2023"));
    let children: Vec<Child> = (0..4)
        .map(|i| {
            let data = if i % 2 == 0 { &slow } else { &small };
            spawn(&[
                OsStr::new("--data"),
                data.as_os_str(),
                OsStr::new("build"),
                OsStr::new("2023"),
                OsStr::new("--out"),
                out.as_os_str(),
            ])
        })
        .collect();
    let outcomes: Vec<Outcome> = children.into_iter().map(|c| finish(c, LIMIT)).collect();
    for o in &outcomes {
        assert_eq!(o.code, Some(0), "{}", o.stderr);
    }
    assert!(
        outcomes
            .iter()
            .any(|o| o.stderr.contains("another build is writing into")),
        "one of them waited, and said so"
    );
    assert_ne!(state(&out, &a, &b), "mixed");
    assert_eq!(leftovers(&out), Vec::<String>::new());
}
