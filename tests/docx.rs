//! The Word writer on the shipped Phong Thổ data (`data/`, report year 2023): the package,
//! the page setup of each section, the header block, page numbers, and the appendix tables,
//! read back with a real zip reader and XML parser; then a LibreOffice round trip (DOCX →
//! PDF) that checks what a reader would see.

mod common;
use common::{in_ci, on_path, run_with_timeout};

use ntm_report::report::model::{
    Align, AppendixSection, Block, Cell, Document, Inline, Orientation, ParagraphStyle, Table,
};
use roxmltree::{Document as Xml, Node};
use std::io::{Cursor, Read};
use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;
use std::time::Duration;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// The 2023 report compiled from the shipped data, through the real pipeline.
fn report() -> &'static Document<'static> {
    common::shipped_report().1
}

fn bytes() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| ntm_report::render::docx::docx(report()))
}

/// The XML entries of a package: (name, text); the pictures (`word/media/`) are left out.
fn entries(bytes: &[u8]) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip archive");
    (0..zip.len())
        .filter_map(|i| {
            let mut f = zip.by_index(i).unwrap();
            if f.name().unwrap().starts_with("word/media/") {
                return None;
            }
            let mut s = String::new();
            f.read_to_string(&mut s).expect("UTF-8 text");
            Some((f.name().unwrap().to_string(), s))
        })
        .collect()
}

fn part(name: &str) -> String {
    entries(bytes())
        .into_iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no part {name}"))
        .1
}

fn is_w<'a>(n: &Node<'a, 'a>, name: &str) -> bool {
    n.is_element() && n.tag_name().namespace() == Some(W) && n.tag_name().name() == name
}

fn child<'a>(n: Node<'a, 'a>, name: &str) -> Option<Node<'a, 'a>> {
    n.children().find(|c| is_w(c, name))
}

fn attr(n: Node, name: &str) -> Option<u32> {
    n.attribute((W, name)).and_then(|v| v.parse().ok())
}

/// Text of a node's `w:t` descendants (a `w:br` as a line break).
fn text(n: Node) -> String {
    n.descendants()
        .filter_map(|d| {
            if is_w(&d, "t") {
                d.text()
            } else if is_w(&d, "br") {
                Some("\n")
            } else {
                None
            }
        })
        .collect()
}

/// A section of the document: its properties and its blocks (the body's children).
struct Section<'a> {
    props: Node<'a, 'a>,
    blocks: Vec<Node<'a, 'a>>,
}

impl Section<'_> {
    fn text(&self) -> String {
        self.blocks
            .iter()
            .map(|b| text(*b))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// Splits the body into sections: each ends at a paragraph whose `w:pPr` holds a
/// `w:sectPr`, and the last one's `w:sectPr` is the last child of `w:body`.
fn sections<'a>(doc: &'a Xml<'a>) -> Vec<Section<'a>> {
    let body = child(doc.root_element(), "body").expect("w:body");
    let kids: Vec<Node> = body.children().filter(|c| c.is_element()).collect();
    let last = *kids.last().unwrap();
    assert!(is_w(&last, "sectPr"), "the body's last child is its sectPr");
    let mut out = Vec::new();
    let mut blocks = Vec::new();
    for k in &kids[..kids.len() - 1] {
        assert!(
            !is_w(k, "sectPr"),
            "a w:sectPr only as the body's last child"
        );
        blocks.push(*k);
        if let Some(s) = child(*k, "pPr").and_then(|p| child(p, "sectPr")) {
            out.push(Section {
                props: s,
                blocks: std::mem::take(&mut blocks),
            });
        }
    }
    out.push(Section {
        props: last,
        blocks,
    });
    out
}

const MM: f64 = 1440.0 / 25.4;

fn mm(twips: u32) -> f64 {
    f64::from(twips) / MM
}

#[test]
fn the_package_has_fixed_entries_deflated_with_fixed_times() {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes())).unwrap();
    let mut names = Vec::new();
    let mut media_bytes = 0;
    for i in 0..zip.len() {
        let f = zip.by_index(i).unwrap();
        // XML is deflated; the PNG pictures are compressed already and stored as they are.
        let picture = f.name().unwrap().starts_with("word/media/");
        if picture {
            media_bytes += f.compressed_size() as usize;
        }
        assert_eq!(
            f.compression(),
            if picture {
                zip::CompressionMethod::Stored
            } else {
                zip::CompressionMethod::Deflated
            },
            "{} compression",
            f.name().unwrap()
        );
        let t = f.last_modified().expect("a modification time");
        assert_eq!(
            (t.year(), t.month(), t.day(), t.hour(), t.minute()),
            (1980, 1, 1, 0, 0),
            "{} has the fixed 1980-01-01 timestamp",
            f.name().unwrap()
        );
        names.push(f.name().unwrap().to_string());
    }
    assert_eq!(
        names,
        [
            "[Content_Types].xml",
            "_rels/.rels",
            "docProps/core.xml",
            "docProps/app.xml",
            "word/document.xml",
            "word/_rels/document.xml.rels",
            "word/styles.xml",
            "word/settings.xml",
            "word/header1.xml",
            "word/header2.xml",
            "word/media/image1.png",
            "word/media/image2.png",
            "word/media/image3.png",
        ]
    );
    // Every part is well-formed XML, and core.xml carries no clock time.
    for (name, s) in entries(bytes()) {
        Xml::parse(&s).unwrap_or_else(|e| panic!("{name} is not well-formed: {e}"));
    }
    let core = part("docProps/core.xml");
    assert!(!core.contains("dcterms:created") && !core.contains("dcterms:modified"));
    let types = part("[Content_Types].xml");
    for p in [
        "/word/document.xml",
        "/word/styles.xml",
        "/word/settings.xml",
        "/word/header1.xml",
        "/word/header2.xml",
        "/docProps/core.xml",
        "/docProps/app.xml",
    ] {
        assert!(types.contains(&format!("PartName=\"{p}\"")), "{p} typed");
    }
    // Compression pays off: the document part shrinks a lot.
    assert!((bytes().len() - media_bytes) * 4 < part("word/document.xml").len());
}

#[test]
fn the_same_model_gives_the_same_bytes() {
    let again = ntm_report::render::docx::docx(report());
    assert!(again == bytes(), "two calls give identical bytes");
}

#[test]
fn the_body_is_portrait_a4_and_each_appendix_has_its_own_section() {
    let doc = report();
    let xml = part("word/document.xml");
    let x = Xml::parse(&xml).unwrap();
    let secs = sections(&x);
    assert_eq!(
        secs.len(),
        1 + doc.appendices.len(),
        "body + one per appendix"
    );
    assert!(doc.appendices.iter().any(|a| a.code() == "02"));
    for (i, s) in secs.iter().enumerate() {
        let sz = child(s.props, "pgSz").expect("w:pgSz");
        let (w, h) = (attr(sz, "w").unwrap(), attr(sz, "h").unwrap());
        let orient = sz.attribute((W, "orient")).unwrap_or("portrait");
        let landscape = i > 0 && doc.appendices[i - 1].orientation == Orientation::Landscape;
        if landscape {
            assert_eq!((w, h, orient), (16838, 11906, "landscape"), "section {i}");
        } else {
            assert_eq!((w, h, orient), (11906, 16838, "portrait"), "section {i}");
        }
        if i > 0 {
            let kind = child(s.props, "type").and_then(|t| t.attribute((W, "val")));
            assert_eq!(kind, Some("nextPage"), "appendix {i} starts a new page");
            let a = &doc.appendices[i - 1];
            let t = s.text();
            assert!(
                t.starts_with(&format!("PHỤ BIỂU {}", a.code())),
                "section {i} opens with its appendix heading: {}",
                &t[..t.len().min(80)]
            );
        }
    }
    // The first section is the body: it has the header block and the signature.
    let body = secs[0].text();
    assert!(body.contains("BÁO CÁO") && body.contains("Nơi nhận:"));
    assert!(!body.contains("PHỤ BIỂU 02\n"));
    // Appendix 02 (criteria by commune) is landscape.
    let i = doc
        .appendices
        .iter()
        .position(|a| a.code() == "02")
        .unwrap();
    let sz = child(secs[i + 1].props, "pgSz").unwrap();
    assert_eq!(sz.attribute((W, "orient")), Some("landscape"));
}

#[test]
fn margins_follow_decree_30() {
    let xml = part("word/document.xml");
    let x = Xml::parse(&xml).unwrap();
    for (i, s) in sections(&x).iter().enumerate() {
        let m = child(s.props, "pgMar").expect("w:pgMar");
        let get = |k| mm(attr(m, k).unwrap());
        let (top, bottom, left, right) = (get("top"), get("bottom"), get("left"), get("right"));
        let landscape = child(s.props, "pgSz")
            .and_then(|p| p.attribute((W, "orient")))
            .is_some_and(|o| o == "landscape");
        if landscape {
            // Bound along the top edge: the binding margin (30–35 mm) on top, 15–20 mm at
            // the bottom, 20–25 mm at the sides.
            assert!((29.9..=35.1).contains(&top), "section {i} top {top}");
            assert!(
                (14.9..=20.1).contains(&bottom),
                "section {i} bottom {bottom}"
            );
            assert!((19.9..=25.1).contains(&left), "section {i} left {left}");
            assert!((19.9..=25.1).contains(&right), "section {i} right {right}");
        } else {
            assert!((19.9..=25.1).contains(&top), "section {i} top {top}");
            assert!(
                (19.9..=25.1).contains(&bottom),
                "section {i} bottom {bottom}"
            );
            assert!((29.9..=35.1).contains(&left), "section {i} left {left}");
            assert!((14.9..=20.1).contains(&right), "section {i} right {right}");
        }
        // The page number sits inside the top margin.
        let header = attr(m, "header").unwrap();
        assert!(mm(header) >= 5.0 && mm(header) + 6.0 <= top, "section {i}");
    }
}

#[test]
fn styles_set_times_new_roman_14pt_justified_with_first_line_indent() {
    let styles = part("word/styles.xml");
    let x = Xml::parse(&styles).unwrap();
    let defaults = x
        .descendants()
        .find(|n| is_w(n, "rPrDefault"))
        .expect("w:rPrDefault");
    let fonts = defaults
        .descendants()
        .find(|n| is_w(n, "rFonts"))
        .expect("w:rFonts");
    for a in ["ascii", "hAnsi", "cs", "eastAsia"] {
        assert_eq!(fonts.attribute((W, a)), Some("Times New Roman"), "{a}");
    }
    let sz = defaults.descendants().find(|n| is_w(n, "sz")).unwrap();
    assert_eq!(attr(sz, "val"), Some(28), "14 pt");
    // Every font named anywhere is Times New Roman.
    for f in x.descendants().filter(|n| is_w(n, "rFonts")) {
        for a in f.attributes() {
            assert_eq!(a.value(), "Times New Roman");
        }
    }
    let style = |id: &str| {
        x.descendants()
            .find(|n| is_w(n, "style") && n.attribute((W, "styleId")) == Some(id))
            .unwrap_or_else(|| panic!("style {id}"))
    };
    let body = style("Body");
    let jc = body.descendants().find(|n| is_w(n, "jc")).unwrap();
    assert_eq!(jc.attribute((W, "val")), Some("both"));
    let ind = body.descendants().find(|n| is_w(n, "ind")).unwrap();
    assert_eq!(attr(ind, "firstLine"), Some(567), "1 cm");
    let spacing = x
        .descendants()
        .find(|n| is_w(n, "pPrDefault"))
        .and_then(|p| p.descendants().find(|n| is_w(n, "spacing")))
        .unwrap();
    assert!(
        attr(spacing, "after").unwrap() >= 120,
        "spacing after ≥ 6 pt"
    );
    let line = attr(spacing, "line").unwrap();
    assert!((240..=360).contains(&line), "single to 1.5 lines");
    // Headings: level 1 centred bold, level 5 bold italic.
    let h1 = style("Heading1");
    assert!(h1.descendants().any(|n| is_w(&n, "b")));
    assert!(
        h1.descendants()
            .any(|n| is_w(&n, "jc") && n.attribute((W, "val")) == Some("center"))
    );
    let h5 = style("Heading5");
    assert!(h5.descendants().any(|n| is_w(&n, "b")) && h5.descendants().any(|n| is_w(&n, "i")));
}

#[test]
fn the_header_block_has_the_issuer_national_name_motto_and_date() {
    let doc = report();
    let h = &doc.header;
    let xml = part("word/document.xml");
    let x = Xml::parse(&xml).unwrap();
    let body = child(x.root_element(), "body").unwrap();
    let first = body.children().find(|c| c.is_element()).unwrap();
    assert!(is_w(&first, "tbl"), "the header block is a table");
    // Borderless.
    let borders = first.descendants().find(|n| is_w(n, "tblBorders")).unwrap();
    for b in borders.children().filter(|c| c.is_element()) {
        assert_eq!(b.attribute((W, "val")), Some("nil"));
    }
    let cells: Vec<String> = first
        .descendants()
        .filter(|n| is_w(n, "tc"))
        .map(|c| {
            c.children()
                .filter(|p| is_w(p, "p"))
                .map(text)
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect();
    assert_eq!(cells.len(), 4, "two columns, two rows");
    assert_eq!(
        cells[0].replace('\n', " ").trim(),
        h.issuing_body,
        "the issuing body on the left"
    );
    assert!(cells[1].contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
    assert!(cells[1].contains("Độc lập - Tự do - Hạnh phúc"));
    assert!(cells[2].starts_with("Số:"));
    assert_eq!(cells[3], h.place_date);
    assert!(h.place_date.contains("ngày") && h.place_date.contains("tháng 12 năm 2023"));
    // The motto and the issuing body have a rule under them: an empty paragraph with a
    // bottom border.
    let rules = first
        .descendants()
        .filter(|n| is_w(n, "pBdr"))
        .filter(|n| n.children().any(|b| is_w(&b, "bottom")))
        .count();
    assert_eq!(rules, 2);
    // The place and date is italic; "BÁO CÁO" and the subject follow, bold and centred.
    let date_run = first
        .descendants()
        .filter(|n| is_w(n, "r"))
        .find(|r| text(*r) == h.place_date)
        .unwrap();
    assert!(date_run.descendants().any(|n| is_w(&n, "i")));
    let paras: Vec<Node> = body.children().filter(|c| is_w(c, "p")).take(3).collect();
    assert_eq!(text(paras[0]), "BÁO CÁO");
    assert_eq!(text(paras[1]), h.subject);
    for p in &paras[..2] {
        let ppr = child(*p, "pPr").unwrap();
        let jc = child(ppr, "jc").unwrap();
        assert_eq!(jc.attribute((W, "val")), Some("center"));
        assert!(p.descendants().any(|n| is_w(&n, "b")), "bold");
    }
    // The signature block: "Nơi nhận:" and the recipients, the signer's name.
    let all = text(body);
    assert!(all.contains("Nơi nhận:"));
    for r in &h.recipients {
        assert!(all.contains(&format!("- {r}")), "recipient {r}");
    }
    assert!(all.contains(&h.signer_position) && all.contains(&h.signer_name));
}

#[test]
fn page_numbers_are_in_the_top_margin_from_page_two_on() {
    let xml = part("word/document.xml");
    let x = Xml::parse(&xml).unwrap();
    let rels = part("word/_rels/document.xml.rels");
    let rels = Xml::parse(&rels).unwrap();
    let target = |id: &str| {
        rels.descendants()
            .find(|n| n.attribute("Id") == Some(id))
            .and_then(|n| n.attribute("Target"))
            .map(|t| format!("word/{t}"))
            .unwrap_or_else(|| panic!("no relationship {id}"))
    };
    let secs = sections(&x);
    assert!(
        child(secs[0].props, "titlePg").is_some(),
        "no number on the first page"
    );
    for (i, s) in secs.iter().enumerate() {
        let refs: Vec<Node> = s
            .props
            .children()
            .filter(|c| is_w(c, "headerReference"))
            .collect();
        let default = refs
            .iter()
            .find(|r| r.attribute((W, "type")) == Some("default"))
            .unwrap_or_else(|| panic!("section {i} references the page-number header"));
        let header = part(&target(default.attribute((R, "id")).unwrap()));
        let hx = Xml::parse(&header).unwrap();
        let instr: String = hx
            .descendants()
            .filter(|n| is_w(n, "instrText"))
            .filter_map(|n| n.text())
            .collect();
        assert_eq!(instr.trim(), "PAGE", "section {i}: a PAGE field");
        assert!(
            hx.descendants()
                .any(|n| is_w(&n, "jc") && n.attribute((W, "val")) == Some("center")),
            "centred"
        );
        // Decree 30: the body and each appendix number their own pages from 1, with no
        // number on their first page.
        assert_eq!(
            child(s.props, "pgNumType").and_then(|p| p.attribute((W, "start"))),
            Some("1"),
            "section {i} numbers its pages from 1"
        );
        assert!(
            child(s.props, "titlePg").is_some(),
            "section {i}: unnumbered first page"
        );
    }
    // The first page's header of every section has no field.
    for s in &secs {
        let first = s
            .props
            .children()
            .find(|c| is_w(c, "headerReference") && c.attribute((W, "type")) == Some("first"))
            .expect("a first-page header");
        let h = part(&target(first.attribute((R, "id")).unwrap()));
        assert!(!h.contains("PAGE"));
    }
}

/// Page flow: a paragraph that introduces what follows ("Y tế:") is kept with it, headings
/// are kept with their text, and the closing paragraph is kept whole and with the
/// signature block, a table whose one row never splits across pages.
#[test]
fn labels_headings_and_the_closing_paragraph_are_kept_with_what_follows() {
    let xml = part("word/document.xml");
    let x = Xml::parse(&xml).unwrap();
    let styles = part("word/styles.xml");
    let sx = Xml::parse(&styles).unwrap();
    let body = &sections(&x)[0];
    let ppr_has = |p: Node, name: &str| child(p, "pPr").is_some_and(|pp| child(pp, name).is_some());
    let mut labels = 0;
    for b in body.blocks.iter().filter(|b| is_w(b, "p")) {
        let t = text(*b);
        if t.trim_end().ends_with(':') && !t.trim().is_empty() {
            labels += 1;
            assert!(
                ppr_has(*b, "keepNext"),
                "label not kept with what follows: {t}"
            );
        }
    }
    assert!(labels >= 3, "the shipped narrative has labels ({labels})");
    for l in 1..=5 {
        let style = sx
            .descendants()
            .find(|n| {
                is_w(n, "style") && n.attribute((W, "styleId")) == Some(&format!("Heading{l}"))
            })
            .unwrap();
        let ppr = child(style, "pPr").unwrap();
        assert!(child(ppr, "keepNext").is_some() && child(ppr, "keepLines").is_some());
    }
    // The signature table: the last table of the body section, after the closing paragraph.
    let sig = body
        .blocks
        .iter()
        .rposition(|b| is_w(b, "tbl"))
        .expect("the signature table");
    assert!(text(body.blocks[sig]).contains("Nơi nhận:"));
    let closing = body.blocks[sig - 1];
    assert!(
        text(closing).starts_with("Trên đây là báo cáo"),
        "{}",
        text(closing)
    );
    assert!(ppr_has(closing, "keepNext") && ppr_has(closing, "keepLines"));
    let rows: Vec<Node> = body.blocks[sig]
        .children()
        .filter(|c| is_w(c, "tr"))
        .collect();
    assert_eq!(rows.len(), 1, "recipients and signer share one row");
    let trpr = child(rows[0], "trPr").expect("row properties");
    assert!(
        child(trpr, "cantSplit").is_some(),
        "the signature row never splits"
    );
}

/// Checks every table: the grid matches the text width, each row covers the grid exactly
/// (spans counted), and row-spanning cells continue with `<w:vMerge/>` cells.
#[test]
fn tables_fill_the_grid_and_appendix_tables_repeat_their_header_rows() {
    let doc = report();
    let xml = part("word/document.xml");
    let x = Xml::parse(&xml).unwrap();
    let secs = sections(&x);
    let mut merged = 0;
    for (i, s) in secs.iter().enumerate() {
        let sz = child(s.props, "pgSz").unwrap();
        let m = child(s.props, "pgMar").unwrap();
        let text_width =
            attr(sz, "w").unwrap() - attr(m, "left").unwrap() - attr(m, "right").unwrap();
        let tables: Vec<Node> = s
            .blocks
            .iter()
            .flat_map(|b| b.descendants())
            .filter(|n| is_w(n, "tbl"))
            .collect();
        if i > 0 {
            let a = &doc.appendices[i - 1];
            let model_tables = a
                .blocks
                .iter()
                .filter(|b| matches!(b, Block::Table(_)))
                .count();
            assert_eq!(tables.len(), model_tables, "appendix {}", a.code());
            assert!(model_tables > 0, "appendix {} has a table", a.code());
        }
        for t in tables {
            let grid: Vec<u32> = child(t, "tblGrid")
                .unwrap()
                .children()
                .filter(|c| is_w(c, "gridCol"))
                .map(|c| attr(c, "w").unwrap())
                .collect();
            let n = grid.len() as u32;
            assert!(grid.iter().sum::<u32>() <= text_width);
            let rows: Vec<Node> = t.children().filter(|c| is_w(c, "tr")).collect();
            let mut open: Vec<u32> = vec![0; grid.len()];
            for (r, row) in rows.iter().enumerate() {
                let mut covered = 0;
                for tc in row.children().filter(|c| is_w(c, "tc")) {
                    let pr = child(tc, "tcPr");
                    let span = pr
                        .and_then(|p| child(p, "gridSpan"))
                        .and_then(|g| attr(g, "val"))
                        .unwrap_or(1);
                    let vmerge = pr.and_then(|p| child(p, "vMerge"));
                    if let Some(v) = vmerge {
                        let col = covered as usize;
                        match v.attribute((W, "val")) {
                            Some("restart") => open[col] = span,
                            _ => {
                                assert_eq!(open[col], span, "row {r}: continues a merge above");
                                assert!(text(tc).is_empty(), "a continuation cell is empty");
                                merged += 1;
                            }
                        }
                    } else if (covered as usize) < open.len() {
                        open[covered as usize] = 0;
                    }
                    covered += span;
                }
                assert_eq!(covered, n, "row {r} covers the {n} grid columns");
            }
            // Grouped header rows (the appendix tables all have a header) repeat.
            if i > 0 {
                let first = child(rows[0], "trPr").and_then(|p| child(p, "tblHeader"));
                assert!(first.is_some(), "section {i}: the header row repeats");
            }
            // Header rows come first and only first.
            let flags: Vec<bool> = rows
                .iter()
                .map(|r| {
                    child(*r, "trPr")
                        .and_then(|p| child(p, "tblHeader"))
                        .is_some()
                })
                .collect();
            let k = flags.iter().take_while(|f| **f).count();
            assert!(flags[k..].iter().all(|f| !f));
        }
    }
    assert!(
        merged > 0,
        "appendix 02's grouped header continues merged cells"
    );
    // Every table of the model is well-formed, and its header rows are marked.
    for a in &doc.appendices {
        for b in &a.blocks {
            if let Block::Table(t) = b {
                assert!(t.is_well_formed(), "appendix {}", a.code());
            }
        }
    }
}

#[test]
fn appendix_headings_and_landscape_tables() {
    let doc = report();
    let xml = part("word/document.xml");
    let x = Xml::parse(&xml).unwrap();
    let secs = sections(&x);
    let i = doc
        .appendices
        .iter()
        .position(|a| a.code() == "02")
        .unwrap();
    let s = &secs[i + 1];
    let paras: Vec<Node> = s.blocks.iter().copied().filter(|b| is_w(b, "p")).collect();
    assert_eq!(text(paras[0]), "PHỤ BIỂU 02");
    let a = &doc.appendices[i];
    assert_eq!(
        text(paras[1]),
        ntm_report::report::model::plain_text(&a.title)
    );
    assert!(
        paras[1]
            .descendants()
            .filter(|n| is_w(n, "r"))
            .all(|r| r.descendants().any(|n| is_w(&n, "b")))
    );
    if !a.subtitle.is_empty() {
        assert!(
            paras[2].descendants().any(|n| is_w(&n, "i")),
            "subtitle italic"
        );
    }
    // The many-column landscape table is set smaller (10 pt cell styles).
    let t = s.blocks.iter().find(|b| is_w(b, "tbl")).unwrap();
    let style = t
        .descendants()
        .find(|n| is_w(n, "pStyle"))
        .and_then(|n| n.attribute((W, "val")))
        .unwrap();
    assert!(
        style.starts_with("C20") || style.starts_with("C22"),
        "{style}"
    );
}

#[test]
fn text_is_escaped_and_runs_keep_emphasis() {
    let tricky = "A & B <c> \"d\" 'e'";
    let doc = Document {
        header: ntm_report::report::model::Header {
            parent_body: "UBND TỈNH <X>".into(),
            issuing_body: "SỞ A & B".into(),
            number_line: "Số: 01/BC-UBND".into(),
            national_name: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".into(),
            motto: "Độc lập - Tự do - Hạnh phúc".into(),
            place_date: "X, ngày 05 tháng 01 năm 2024".into(),
            kind: "BÁO CÁO".into(),
            subject: tricky.into(),
            signer_on_behalf: String::new(),
            signer_position: "GIÁM ĐỐC".into(),
            signer_name: "Nguyễn Văn A".into(),
            recipients: vec!["Lưu: VT.".into()],
        },
        body: vec![
            Block::Heading {
                level: 2,
                text: vec![Inline::plain("I. KẾT QUẢ")],
            },
            Block::Paragraph {
                style: ParagraphStyle::Body,
                text: vec![
                    Inline::plain("x "),
                    Inline {
                        text: tricky.into(),
                        bold: true,
                        italic: true,
                    },
                ],
            },
            Block::Bullet {
                text: vec![Inline::plain("một")],
            },
            Block::Table(Table {
                header: vec![vec![Cell::center("A").bold(), Cell::center("B").bold()]],
                rows: vec![vec![Cell::new(tricky), Cell::num("1,5")]].into(),
                widths: vec![1, 1],
                columns: vec!["A".into(), "B".into()],
            }),
            Block::Table(Table {
                header: vec![],
                rows: vec![vec![Cell::new("x")]].into(),
                widths: vec![1],
                columns: vec!["x".into()],
            }),
        ],
        appendices: vec![AppendixSection {
            appendix: ntm_report::appendix::Appendix::Documents,
            title: vec![Inline::plain("T")],
            subtitle: vec![],
            orientation: Orientation::Portrait,
            blocks: vec![],
        }],
    };
    let bytes = ntm_report::render::docx::docx(&doc);
    let xml = entries(&bytes)
        .into_iter()
        .find(|(n, _)| n == "word/document.xml")
        .unwrap()
        .1;
    let x = Xml::parse(&xml).expect("well-formed");
    let all = text(x.root_element());
    assert!(all.contains(tricky) && all.contains("SỞ A & B") && all.contains("UBND TỈNH <X>"));
    let body = child(x.root_element(), "body").unwrap();
    let run = body
        .descendants()
        .filter(|n| is_w(n, "r"))
        .find(|r| {
            text(*r) == tricky
                && r.ancestors()
                    .any(|a| is_w(&a, "p") && text(a).starts_with("x "))
        })
        .unwrap();
    assert!(run.descendants().any(|n| is_w(&n, "b")));
    assert!(run.descendants().any(|n| is_w(&n, "i")));
    assert!(
        all.contains("- một"),
        "a bullet is a plain \"- \" paragraph"
    );
    assert!(!xml.contains("w:numPr"), "no Word numbering");
    // A w:t whose spaces a reader could drop (at either end, two in a row) keeps them.
    let mut preserved = 0;
    for t in x.descendants().filter(|n| is_w(n, "t")) {
        let s = t.text().unwrap_or("");
        if s.starts_with(' ') || s.ends_with(' ') || s.contains("  ") {
            assert_eq!(
                t.attribute(("http://www.w3.org/XML/1998/namespace", "space")),
                Some("preserve"),
                "{s:?}"
            );
            preserved += 1;
        }
    }
    assert!(
        preserved > 0,
        "the document has runs with significant spaces"
    );
    // Two tables in a row stay two tables (a paragraph between them).
    assert_eq!(
        body.children().filter(|c| is_w(c, "tbl")).count(),
        4,
        "header block, two tables, signature"
    );
    // No parent body line when it is empty; the on-behalf line is omitted.
    assert!(!all.contains("TM."));
    let secs = sections(&x);
    assert_eq!(secs.len(), 2);
    let _ = Align::Left;
}

// ---------------------------------------------------------------------------------------
// LibreOffice round trip

/// Page sizes in points, from `pdfinfo`.
fn page_sizes(pdf: &Path) -> Vec<(f64, f64)> {
    let info = run_with_timeout(
        Command::new("pdfinfo")
            .args(["-f", "1", "-l", "100000"])
            .arg(pdf),
        Duration::from_secs(60),
    );
    info.lines()
        .filter(|l| l.starts_with("Page") && l.contains(" size: "))
        .map(|l| {
            let size = l.split(" size: ").nth(1).unwrap();
            let mut it = size.split_whitespace();
            let w: f64 = it.next().unwrap().parse().unwrap();
            it.next(); // "x"
            let h: f64 = it.next().unwrap().parse().unwrap();
            (w, h)
        })
        .collect()
}

fn page_text(pdf: &Path, page: usize) -> String {
    use unicode_normalization::UnicodeNormalization;
    let p = page.to_string();
    run_with_timeout(
        Command::new("pdftotext")
            .args(["-f", &p, "-l", &p, "-layout"])
            .arg(pdf)
            .arg("-"),
        Duration::from_secs(60),
    )
    .nfc()
    .collect()
}

fn near(a: f64, b: f64) -> bool {
    (a - b).abs() < 2.0
}

#[test]
fn libreoffice_renders_a4_pages_landscape_appendices_and_page_numbers() {
    let tools = ["soffice", "pdfinfo", "pdftotext"];
    if let Some(missing) = tools.iter().find(|t| !on_path(t)) {
        if in_ci() {
            panic!(
                "{missing} not found, and CI must run the LibreOffice round trip: install libreoffice-writer-nogui poppler-utils"
            );
        }
        println!(
            "skipped: LibreOffice (soffice) not found; install libreoffice-writer-nogui poppler-utils to run it ({missing} is missing)"
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("bao-cao.docx");
    std::fs::write(&docx, bytes()).unwrap();
    let profile = dir.path().join("lo-profile");
    run_with_timeout(
        Command::new("soffice")
            .arg("--headless")
            .arg(format!(
                "-env:UserInstallation=file://{}",
                profile.display()
            ))
            .args(["--convert-to", "pdf", "--outdir"])
            .arg(dir.path())
            .arg(&docx),
        Duration::from_secs(180),
    );
    let pdf = dir.path().join("bao-cao.pdf");
    assert!(pdf.is_file(), "LibreOffice wrote no PDF");
    let sizes = page_sizes(&pdf);
    assert!(sizes.len() >= 3, "pages: {sizes:?}");
    let (w, h) = sizes[0];
    assert!(
        near(w, 595.3) && near(h, 841.9),
        "page 1 is A4 portrait: {w} x {h}"
    );
    let first = page_text(&pdf, 1);
    assert!(
        first.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        "{first}"
    );
    assert!(first.contains("Độc lập - Tự do - Hạnh phúc"), "{first}");
    assert!(first.contains("BÁO CÁO"));
    // No page number on page 1: its first line is the header block.
    let top1 = first.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    assert!(
        top1.trim().parse::<u32>().is_err(),
        "page 1 unnumbered: {top1}"
    );
    // Page 2 carries its number at the top.
    let second = page_text(&pdf, 2);
    let top = second.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    assert_eq!(top.trim(), "2", "page 2 starts with its number");
    // Some page is landscape A4 and holds appendix 02, with its page number on top.
    let landscape: Vec<usize> = sizes
        .iter()
        .enumerate()
        .filter(|(_, (w, h))| near(*w, 841.9) && near(*h, 595.3))
        .map(|(i, _)| i + 1)
        .collect();
    assert!(!landscape.is_empty(), "a landscape page: {sizes:?}");
    let starts = |code: &str| {
        landscape
            .iter()
            .copied()
            .find(|p| {
                page_text(&pdf, *p)
                    .lines()
                    .any(|l| l.trim() == format!("PHỤ BIỂU {code}"))
            })
            .unwrap_or_else(|| panic!("a landscape page with PHỤ BIỂU {code}"))
    };
    // An appendix numbers its own pages: its first page has no number, its second is 2.
    let first_line = |p: usize| {
        page_text(&pdf, p)
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("")
            .trim()
            .to_string()
    };
    let page02a = starts("02a");
    assert_eq!(
        first_line(page02a),
        "PHỤ BIỂU 02a",
        "no number on its first page"
    );
    assert_eq!(
        first_line(page02a + 1),
        "2",
        "appendix 02a's second page is its page 2"
    );
    // Every page is A4, one way or the other.
    for (i, (w, h)) in sizes.iter().enumerate() {
        let a4 = (near(*w, 595.3) && near(*h, 841.9)) || (near(*w, 841.9) && near(*h, 595.3));
        assert!(a4, "page {} is A4: {w} x {h}", i + 1);
    }
}
