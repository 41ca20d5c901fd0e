//! The charts (`out/YEAR/hinh/*.svg`, and the pictures in the Word document) on the shipped
//! Phong Thổ data: the SVGs parse and show every commune and criterion, the hatched cells
//! are exactly the findings, the bars carry the facts' counts, the DOCX embeds one PNG per
//! figure, two builds give the same bytes, the Markdown links files that exist; then a
//! large roster, a district without villages or last year, and a LibreOffice round trip.

mod common;
use common::{in_ci, on_path, run_with_timeout};

use ntm_report::facts::{Facts, Status};
use ntm_report::report::chart::{self, CRITERIA, MATRIX, VILLAGES, matrix};
use ntm_report::report::model::{Block, Document};
use ntm_report::report::templates::Templates;
use roxmltree::{Document as Xml, Node};
use std::collections::{BTreeMap, BTreeSet};
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_ntm-report");

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Builds 2023 of the shipped data into a fresh folder; returns (keeper, OUT/2023).
fn build() -> (tempfile::TempDir, PathBuf) {
    let out = tempfile::tempdir().unwrap();
    let o = Command::new(BIN)
        .arg("--data")
        .arg(root().join("data"))
        .args(["build", "2023", "--out"])
        .arg(out.path())
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "build failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let dir = out.path().join("2023");
    (out, dir)
}

/// One build shared by the tests that only read it.
fn built() -> &'static Path {
    static DIR: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &DIR.get_or_init(build).1
}

/// The facts of the shipped 2023 data, through the library.
fn facts() -> &'static Facts {
    static FACTS: OnceLock<Facts> = OnceLock::new();
    FACTS.get_or_init(|| common::checked(&root().join("data"), 2023).facts)
}

fn compile<'f>(f: &'f Facts, templates: &Templates) -> Document<'f> {
    let mut diags = ntm_report::diagnostic::Diagnostics::new();
    ntm_report::report::compile(f, &BTreeMap::new(), templates, &mut diags)
        .expect("the report compiles")
}

fn svg_file(slug: &str) -> String {
    std::fs::read_to_string(built().join("hinh").join(format!("{slug}.svg")))
        .unwrap_or_else(|e| panic!("hinh/{slug}.svg: {e}"))
}

fn elements<'a>(doc: &'a Xml, name: &str) -> Vec<Node<'a, 'a>> {
    doc.descendants()
        .filter(|n| n.is_element() && n.tag_name().name() == name)
        .collect()
}

fn has_class(n: &Node, class: &str) -> bool {
    n.attribute("class")
        .is_some_and(|c| c.split_whitespace().any(|x| x == class))
}

fn texts(doc: &Xml, class: &str) -> Vec<String> {
    elements(doc, "text")
        .into_iter()
        .filter(|n| has_class(n, class))
        .map(|n| n.text().unwrap_or("").to_string())
        .collect()
}

#[test]
fn the_build_writes_three_svg_files() {
    let mut names: Vec<String> = std::fs::read_dir(built().join("hinh"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "so-xa-dat-tieu-chi.svg",
            "thon-ban-theo-so-tieu-chi.svg",
            "tieu-chi-theo-xa.svg"
        ]
    );
    for slug in chart::SLUGS {
        let svg = svg_file(slug);
        let doc = Xml::parse(&svg).unwrap_or_else(|e| panic!("{slug}.svg is not XML: {e}"));
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "svg");
        assert!(
            root.attribute("font-family")
                .unwrap()
                .contains("DejaVu Sans")
        );
        for a in ["width", "height"] {
            let v: f64 = root.attribute(a).unwrap().parse().unwrap();
            assert!(v > 100.0 && v < 5000.0, "{slug} {a} = {v}");
        }
        let title = elements(&doc, "title")[0].text().unwrap();
        assert!(title.starts_with("Hình "), "{title}");
    }
}

#[test]
fn the_matrix_shows_every_commune_and_criterion_in_order() {
    let f = facts();
    let svg = svg_file(MATRIX);
    let doc = Xml::parse(&svg).unwrap();
    let names: Vec<String> = f.communes.iter().map(|c| c.name.clone()).collect();
    assert_eq!(texts(&doc, "commune"), names, "communes in roster order");
    let numbers: Vec<String> = f.criteria.iter().map(|c| c.number.to_string()).collect();
    assert_eq!(numbers.len(), 19);
    assert_eq!(
        texts(&doc, "criterion"),
        numbers,
        "criteria in ruleset order"
    );
    // One cell per commune and criterion, filled as the official status says.
    let cells: Vec<Node> = elements(&doc, "rect")
        .into_iter()
        .filter(|n| has_class(n, "cell"))
        .collect();
    assert_eq!(cells.len(), 16 * 19);
    for c in &f.communes {
        for cc in &c.criteria {
            let cell = cells
                .iter()
                .find(|n| {
                    n.attribute("data-commune") == Some(&c.id)
                        && n.attribute("data-criterion") == Some(&cc.number.to_string())
                })
                .unwrap_or_else(|| panic!("no cell for {} / {}", c.name, cc.number));
            let want = match cc.status {
                Status::Met => "met",
                Status::NotMet => "not-met",
                Status::BasicallyMet => "basically-met",
                Status::NotAssessed => "not-assessed",
            };
            assert!(has_class(cell, want), "{} / {}: {want}", c.name, cc.number);
        }
    }
    // The totals row: 177 criteria in all.
    assert!(
        elements(&doc, "text")
            .iter()
            .any(|n| n.text() == Some("177"))
    );
}

#[test]
fn the_hatched_cells_are_exactly_the_findings() {
    let f = facts();
    let doc_text = svg_file(MATRIX);
    let doc = Xml::parse(&doc_text).unwrap();
    let marked: BTreeSet<(String, String)> = elements(&doc, "rect")
        .into_iter()
        .filter(|n| has_class(n, "disagree"))
        .map(|n| {
            (
                n.attribute("data-commune").unwrap().to_string(),
                n.attribute("data-criterion").unwrap().to_string(),
            )
        })
        .collect();
    let findings: BTreeSet<(String, String)> = f
        .findings
        .iter()
        .map(|x| (x.commune_id.clone(), x.criterion.to_string()))
        .collect();
    assert!(!findings.is_empty(), "the example data has findings");
    assert_eq!(marked, findings);
    assert_eq!(
        elements(&doc, "rect")
            .iter()
            .filter(|n| has_class(n, "disagree"))
            .count(),
        f.findings.len(),
        "one mark per finding"
    );
    // The legend explains the mark. Each marked cell and the legend's swatch are hatched:
    // stripes drawn just before the outline, inside it.
    assert!(doc_text.contains("Kết quả công nhận khác kết quả tính từ các chỉ tiêu"));
    let drawn: Vec<Node> = doc
        .root_element()
        .children()
        .filter(|n| n.is_element())
        .collect();
    let mut hatched = 0;
    for (i, n) in drawn.iter().enumerate() {
        if !(has_class(n, "disagree")
            || has_class(n, "legend") && n.attribute("fill") == Some("none"))
        {
            continue;
        }
        hatched += 1;
        let stripes = drawn[i - 1];
        assert!(has_class(&stripes, "hatch"), "stripes before {n:?}");
        let box_of = |a: &str| -> f64 { n.attribute(a).unwrap().parse().unwrap() };
        let (x, y) = (box_of("x"), box_of("y"));
        let (w, h) = (box_of("width"), box_of("height"));
        let d = stripes.attribute("d").unwrap();
        let numbers: Vec<f64> = d
            .split(['M', 'L', ' '])
            .filter(|t| !t.is_empty())
            .map(|t| t.parse().unwrap())
            .collect();
        assert!(numbers.len() >= 8, "a few stripes: {d}");
        for p in numbers.chunks(2) {
            assert!(p[0] >= x - 0.05 && p[0] <= x + w + 0.05, "{d}");
            assert!(p[1] >= y - 0.05 && p[1] <= y + h + 0.05, "{d}");
        }
    }
    assert_eq!(hatched, f.findings.len() + 1, "the cells and the legend");
    assert!(!doc_text.contains("<pattern"), "stripes, not a pattern");
}

#[test]
fn the_matrix_grid_lies_on_whole_pixels_so_crisp_edges_change_nothing() {
    // The grid's rectangles are drawn without anti-aliasing (faster); on whole pixels
    // that gives exactly the anti-aliased picture.
    let svg = svg_file(MATRIX);
    let crisp = r#" shape-rendering="crispEdges""#;
    assert!(svg.matches(crisp).count() > 16 * 19);
    assert_eq!(
        chart::raster::png(&svg).unwrap(),
        chart::raster::png(&svg.replace(crisp, "")).unwrap()
    );
}

/// Bars of a chart: (year, key, value) from the `data-` attributes.
fn bars(svg: &str, key: &str) -> Vec<(String, String, usize)> {
    let doc = Xml::parse(svg).unwrap();
    elements(&doc, "rect")
        .into_iter()
        .filter(|n| has_class(n, "bar"))
        .map(|n| {
            (
                n.attribute("data-year").unwrap().to_string(),
                n.attribute(key).unwrap().to_string(),
                n.attribute("data-value").unwrap().parse().unwrap(),
            )
        })
        .collect()
}

#[test]
fn the_bar_chart_has_one_bar_per_criterion_and_year() {
    let f = facts();
    let svg = svg_file(CRITERIA);
    let got = bars(&svg, "data-criterion");
    let mut want = Vec::new();
    for c in &f.criteria {
        want.push((
            "2022".to_string(),
            c.number.to_string(),
            c.previous_count.expect("2022 is in the data"),
        ));
        want.push(("2023".to_string(), c.number.to_string(), c.count));
    }
    assert_eq!(got, want);
    // Every criterion is labelled with its number and name.
    let doc = Xml::parse(&svg).unwrap();
    let labels = texts(&doc, "criterion");
    assert_eq!(labels.len(), f.criteria.len());
    for (l, c) in labels.iter().zip(&f.criteria) {
        assert!(l.starts_with(&format!("{}. ", c.number)), "{l}");
    }
    assert!(
        svg.contains(">Năm 2022<") && svg.contains(">Năm 2023<"),
        "legend"
    );
}

#[test]
fn the_village_chart_counts_villages_by_criteria_met() {
    let f = facts();
    let v = f.villages.as_ref().unwrap();
    let got = bars(&svg_file(VILLAGES), "data-criteria-met");
    let most = f.village_ruleset.as_ref().unwrap().criteria_count as u32;
    let prev = v.previous_by_criteria_met.as_ref().unwrap();
    let mut want = Vec::new();
    for k in 0..=most {
        want.push((
            "2022".to_string(),
            k.to_string(),
            *prev.get(&k).unwrap_or(&0),
        ));
        want.push((
            "2023".to_string(),
            k.to_string(),
            *v.by_criteria_met.get(&k).unwrap_or(&0),
        ));
    }
    assert_eq!(got, want);
    let total: usize = got.iter().filter(|b| b.0 == "2023").map(|b| b.2).sum();
    assert_eq!(total, 163, "every village is in a bar");
}

#[test]
fn the_markdown_links_svg_files_that_exist_with_numbered_captions() {
    let md = std::fs::read_to_string(built().join("bao-cao-ntm-2023.md")).unwrap();
    let re =
        regex::Regex::new(r"(?m)^!\[(Hình (\d+)\. [^\]]+)\]\((hinh/[a-z0-9-]+\.svg)\)$").unwrap();
    let found: Vec<(String, String, String)> = re
        .captures_iter(&md)
        .map(|c| (c[1].to_string(), c[2].to_string(), c[3].to_string()))
        .collect();
    assert_eq!(found.len(), 3, "{found:?}");
    for (i, (caption, n, path)) in found.iter().enumerate() {
        assert_eq!(n, &(i + 1).to_string(), "numbered in order");
        assert!(built().join(path).is_file(), "{path} exists");
        assert!(
            md.contains(&format!("\n*{caption}*\n")),
            "caption line {caption}"
        );
    }
    assert!(md.contains("Hình 1. Kết quả thực hiện 19 tiêu chí theo xã năm 2023"));
    assert!(md.contains("Hình 2. Số xã đạt từng tiêu chí năm 2023 so với năm 2022"));
    assert!(md.contains("Hình 3. Số thôn, bản theo số tiêu chí đạt năm 2023 so với năm 2022"));
    // Matrix and bars in II.2, the villages in II.3.
    let p2 = md.find("2. Kết quả thực hiện các mục tiêu").unwrap();
    let p3 = md.find("3. Kết quả thực hiện Bộ tiêu chí thôn").unwrap();
    let p4 = md.find("4. Kết quả đánh giá các xã đã đạt chuẩn").unwrap();
    let at = |s: &str| md.find(s).unwrap();
    assert!(p2 < at("](hinh/tieu-chi-theo-xa.svg)") && at("](hinh/so-xa-dat-tieu-chi.svg)") < p3);
    assert!(
        p3 < at("](hinh/thon-ban-theo-so-tieu-chi.svg)")
            && at("](hinh/thon-ban-theo-so-tieu-chi.svg)") < p4
    );
}

/// The entries of a zip: (name, bytes).
fn entries(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip archive");
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut b = Vec::new();
            f.read_to_end(&mut b).unwrap();
            (f.name().unwrap().to_string(), b)
        })
        .collect()
}

fn entry(all: &[(String, Vec<u8>)], name: &str) -> String {
    let b = &all
        .iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no {name}"))
        .1;
    String::from_utf8(b.clone()).unwrap()
}

/// Width and height from a PNG's header.
fn png_size(png: &[u8]) -> (u32, u32) {
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "a PNG");
    let be = |i: usize| u32::from_be_bytes(png[i..i + 4].try_into().unwrap());
    (be(16), be(20))
}

#[test]
fn the_docx_embeds_one_png_per_figure_with_its_caption() {
    let bytes = std::fs::read(built().join("bao-cao-ntm-2023.docx")).unwrap();
    let all = entries(&bytes);
    let media: Vec<&(String, Vec<u8>)> = all
        .iter()
        .filter(|(n, _)| n.starts_with("word/media/"))
        .collect();
    let names: Vec<&str> = media.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "word/media/image1.png",
            "word/media/image2.png",
            "word/media/image3.png"
        ]
    );
    for (name, png) in &media {
        let (w, h) = png_size(png);
        assert!(
            w >= 1000 && h >= 400,
            "{name}: {w} × {h} px, sharp enough for print"
        );
    }
    let types = entry(&all, "[Content_Types].xml");
    assert!(types.contains(r#"<Default Extension="png" ContentType="image/png"/>"#));
    let rels_text = entry(&all, "word/_rels/document.xml.rels");
    let rels = Xml::parse(&rels_text).unwrap();
    let target = |id: &str| {
        rels.descendants()
            .find(|n| n.attribute("Id") == Some(id))
            .and_then(|n| n.attribute("Target"))
            .map(str::to_string)
    };
    let doc_text = entry(&all, "word/document.xml");
    let doc = Xml::parse(&doc_text).unwrap();
    let drawings = elements(&doc, "drawing");
    assert_eq!(drawings.len(), 3, "a drawing per figure");
    // The text width of the portrait body: 165 mm.
    let text_width: u64 = (11906 - 1701 - 851) * 635;
    for (i, d) in drawings.iter().enumerate() {
        let blip = d
            .descendants()
            .find(|n| n.tag_name().name() == "blip")
            .unwrap();
        let id = blip
            .attribute((
                "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
                "embed",
            ))
            .unwrap();
        assert_eq!(
            target(id).as_deref(),
            Some(format!("media/image{}.png", i + 1).as_str())
        );
        let ext = d
            .descendants()
            .find(|n| n.tag_name().name() == "extent")
            .unwrap();
        let cx: u64 = ext.attribute("cx").unwrap().parse().unwrap();
        let cy: u64 = ext.attribute("cy").unwrap().parse().unwrap();
        assert!(
            cx <= text_width && cx > text_width * 3 / 4,
            "figure {} width {cx}",
            i + 1
        );
        // The aspect ratio of the PNG is kept.
        let (w, h) = png_size(&media[i].1);
        let (a, b) = (cx as f64 / cy as f64, f64::from(w) / f64::from(h));
        assert!((a - b).abs() < 0.01, "aspect {a} vs {b}");
    }
    // Each picture is followed by its caption, centred and italic.
    let paragraphs: Vec<Node> = elements(&doc, "p");
    for n in 1..=3 {
        let label = format!("Hình {n}.");
        let i = paragraphs
            .iter()
            .position(|p| {
                p.descendants()
                    .filter(|t| t.tag_name().name() == "t")
                    .filter_map(|t| t.text())
                    .collect::<String>()
                    .starts_with(&label)
            })
            .unwrap_or_else(|| panic!("no caption {label}"));
        let p = &paragraphs[i];
        assert!(
            paragraphs[i - 1]
                .descendants()
                .any(|x| x.tag_name().name() == "drawing")
        );
        let jc = p
            .descendants()
            .find(|x| x.tag_name().name() == "jc")
            .unwrap();
        assert_eq!(
            jc.attribute((
                "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
                "val"
            )),
            Some("center")
        );
        assert!(
            p.descendants().any(|x| x.tag_name().name() == "i"),
            "italic"
        );
    }
}

#[test]
fn two_builds_give_the_same_svg_png_and_docx_bytes() {
    let (_a, a) = build();
    let (_b, b) = build();
    for slug in chart::SLUGS {
        let rel = format!("hinh/{slug}.svg");
        assert_eq!(
            std::fs::read(a.join(&rel)).unwrap(),
            std::fs::read(b.join(&rel)).unwrap(),
            "{rel}"
        );
    }
    let docx = "bao-cao-ntm-2023.docx";
    let (x, y) = (
        std::fs::read(a.join(docx)).unwrap(),
        std::fs::read(b.join(docx)).unwrap(),
    );
    let (ex, ey) = (entries(&x), entries(&y));
    for ((n1, b1), (n2, b2)) in ex.iter().zip(&ey) {
        assert_eq!((n1, b1), (n2, b2), "{n1}");
    }
    assert_eq!(x, y, "the DOCX bytes");
    // The library renders the same PNG again, too.
    let svg = std::fs::read_to_string(a.join("hinh/tieu-chi-theo-xa.svg")).unwrap();
    let p1 = chart::raster::png(&svg).unwrap();
    let p2 = chart::raster::png(&svg).unwrap();
    assert_eq!(p1, p2);
    assert_eq!(
        p1.png,
        ex.iter()
            .find(|(n, _)| n == "word/media/image1.png")
            .unwrap()
            .1
    );
}

#[test]
fn a_large_roster_makes_a_taller_matrix_capped_and_cut_into_pages() {
    let mut f = facts().clone();
    let base = f.communes.clone();
    f.communes = (0..450)
        .map(|i| {
            let mut c = base[i % base.len()].clone();
            c.id = format!("xa-{i:03}");
            c.name = format!("Xã Thử Nghiệm {i:03}");
            c
        })
        .collect();
    let fig = chart::figure(MATRIX, 1, &f).unwrap();
    assert!(
        fig.caption
            .ends_with("(400 xã đầu tiên trong tổng số 450 xã)"),
        "{}",
        fig.caption
    );
    let doc = Xml::parse(&fig.svg).unwrap();
    let names = texts(&doc, "commune");
    assert_eq!(names.len(), matrix::MAX_ROWS);
    assert_eq!(names[399], "Xã Thử Nghiệm 399");
    assert!(fig.svg.contains("Hình chỉ thể hiện 400 xã đầu tiên"));
    let height: f64 = doc
        .root_element()
        .attribute("height")
        .unwrap()
        .parse()
        .unwrap();
    assert!(height > 400.0 * 20.0, "taller: {height}");
    // Pieces for Word: each at most a page's rows, together every row once, in order.
    assert_eq!(fig.pieces.len(), 10);
    let mut all = Vec::new();
    for p in &fig.pieces {
        let d = Xml::parse(p).unwrap();
        let rows = texts(&d, "commune");
        assert!(rows.len() <= matrix::PAGE_ROWS);
        assert_eq!(
            texts(&d, "criterion").len(),
            19,
            "every piece has the header"
        );
        all.extend(rows);
    }
    assert_eq!(all, names);
    // A piece renders, and the DOCX holds one picture per piece.
    let r = chart::raster::png(&fig.pieces[0]).unwrap();
    assert!(r.height_px > r.width_px);
    let small = Document {
        header: compile(facts(), &Templates::default()).header,
        body: vec![Block::Figure(fig)],
        appendices: Vec::new(),
    };
    let docx = ntm_report::render::docx::docx(&small);
    let all = entries(&docx);
    assert_eq!(
        all.iter()
            .filter(|(n, _)| n.starts_with("word/media/"))
            .count(),
        10
    );
    assert_eq!(
        entry(&all, "word/document.xml")
            .matches("<w:drawing>")
            .count(),
        10
    );
}

#[test]
fn without_villages_or_last_year_the_charts_adapt() {
    let mut f = facts().clone();
    f.villages = None;
    f.previous_year = None;
    for c in &mut f.criteria {
        c.previous_count = None;
    }
    assert!(chart::figure(VILLAGES, 3, &f).is_none());
    let bars_fig = chart::figure(CRITERIA, 2, &f).unwrap();
    assert_eq!(bars_fig.caption, "Số xã đạt từng tiêu chí năm 2023");
    let got = bars(&bars_fig.svg, "data-criterion");
    assert_eq!(got.len(), 19, "one bar per criterion");
    assert!(got.iter().all(|b| b.0 == "2023"));
    assert!(chart::figure("khong-co", 1, &f).is_none(), "unknown slug");
    // Without villages, the report has two figures and no village section.
    let mut f = facts().clone();
    f.villages = None;
    let doc = compile(&f, &Templates::default());
    let captions: Vec<String> = doc.figures().map(|x| x.full_caption()).collect();
    assert_eq!(
        captions,
        [
            "Hình 1. Kết quả thực hiện 19 tiêu chí theo xã năm 2023",
            "Hình 2. Số xã đạt từng tiêu chí năm 2023 so với năm 2022"
        ]
    );
}

#[test]
fn figures_are_numbered_in_the_order_a_template_places_them() {
    let mut t = Templates::default();
    let src = "### 2. Kết quả\n\n<!-- figure:thon-ban-theo-so-tieu-chi -->\n\n<!-- figure:tieu-chi-theo-xa -->\n\n<!-- figure:tieu-chi-theo-xa -->\n\n<!-- figure:khong-co -->\n";
    assert!(t.replace("phan-1-tong-hop.md", "test".into(), src.into()));
    let doc = compile(facts(), &t);
    let got: Vec<(u32, String)> = doc.figures().map(|f| (f.number, f.slug.clone())).collect();
    assert_eq!(
        got,
        [
            (1, "thon-ban-theo-so-tieu-chi".to_string()),
            (2, "tieu-chi-theo-xa".to_string())
        ],
        "a repeated or unknown marker adds nothing"
    );
}

// ---------------------------------------------------------------------------------------
// LibreOffice: the pictures show in the rendered pages.

#[test]
fn libreoffice_shows_the_three_pictures_with_their_captions() {
    let tools = ["soffice", "pdfimages", "pdftotext"];
    if let Some(missing) = tools.iter().find(|t| !on_path(t)) {
        assert!(
            !in_ci(),
            "{missing} not found, and CI must run the LibreOffice round trip"
        );
        println!("skipped: {missing} not found (install libreoffice-writer-nogui poppler-utils)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("bao-cao.docx");
    std::fs::copy(built().join("bao-cao-ntm-2023.docx"), &docx).unwrap();
    run_with_timeout(
        Command::new("soffice")
            .arg("--headless")
            .arg(format!(
                "-env:UserInstallation=file://{}",
                dir.path().join("lo").display()
            ))
            .args(["--convert-to", "pdf", "--outdir"])
            .arg(dir.path())
            .arg(&docx),
        Duration::from_secs(180),
    );
    let pdf = dir.path().join("bao-cao.pdf");
    let list = run_with_timeout(
        Command::new("pdfimages").arg("-list").arg(&pdf),
        Duration::from_secs(60),
    );
    // Header lines, then one line per image; our three are the large ones.
    let large: Vec<(u32, u32)> = list
        .lines()
        .skip(2)
        .filter_map(|l| {
            let c: Vec<&str> = l.split_whitespace().collect();
            Some((c.get(3)?.parse().ok()?, c.get(4)?.parse().ok()?, *c.get(2)?))
        })
        .filter(|c| c.2 == "image")
        .map(|c| (c.0, c.1))
        .filter(|(w, h)| *w >= 1000 && *h >= 400)
        .collect();
    assert_eq!(large.len(), 3, "{list}");
    assert!(!list.contains("smask"), "opaque pictures: {list}");
    use unicode_normalization::UnicodeNormalization;
    // To a file: a pipe would fill up while the command is waited for.
    let txt = dir.path().join("bao-cao.txt");
    run_with_timeout(
        Command::new("pdftotext").arg(&pdf).arg(&txt),
        Duration::from_secs(60),
    );
    let text: String = std::fs::read_to_string(&txt).unwrap().nfc().collect();
    for caption in [
        "Hình 1. Kết quả thực hiện 19 tiêu chí theo xã năm 2023",
        "Hình 2. Số xã đạt từng tiêu chí năm 2023 so với năm 2022",
        "Hình 3. Số thôn, bản theo số tiêu chí đạt năm 2023 so với năm 2022",
    ] {
        assert!(text.contains(caption), "{caption} not in the PDF text");
    }
}
