//! Word reports (`.docx`): the body's paragraphs and table cells, in document order, and
//! the footnotes, read from the package with the zip crate and an XML parser. Each unit
//! knows its place: paragraph N of the body, or table T, row R, cell C, or footnote N.

use super::document::{Block, Document, Place, Unit};
use roxmltree::Node;
use std::io::Read;
use unicode_normalization::UnicodeNormalization;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// The most bytes a part of the package (`word/document.xml`) is read to. The text of a
/// long report is a few MB.
pub const MAX_PART_BYTES: u64 = 64 << 20;

/// Reads a Word report.
pub fn read(name: &str, bytes: &[u8]) -> Result<Document, String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let body = part(&mut zip, "word/document.xml")?.ok_or("it has no word/document.xml")?;
    let xml = roxmltree::Document::parse(&body).map_err(|e| format!("word/document.xml: {e}"))?;
    let mut r = Reader::default();
    if let Some(b) = xml.root_element().children().find(|n| is(n, "body")) {
        r.block(b, None);
    }
    if let Some(notes) = part(&mut zip, "word/footnotes.xml")? {
        let xml =
            roxmltree::Document::parse(&notes).map_err(|e| format!("word/footnotes.xml: {e}"))?;
        for n in xml.root_element().children().filter(|n| is(n, "footnote")) {
            let kind = n.attribute((W, "type")).unwrap_or("normal");
            let id: usize = n
                .attribute((W, "id"))
                .and_then(|i| i.parse().ok())
                .unwrap_or(0);
            if kind != "normal" {
                continue;
            }
            let text: Vec<String> = n
                .descendants()
                .filter(|p| is(p, "p"))
                .map(paragraph_text)
                .collect();
            r.push(text.join("\n"), Place::Footnote(id), Block::Footnote);
        }
    }
    Ok(Document {
        name: name.to_string(),
        units: r.units,
        source: None,
    })
}

/// One part of the package as text, `None` when it is absent.
fn part(
    zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
    path: &str,
) -> Result<Option<String>, String> {
    let file = match zip.by_name(path) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(format!("{path}: {e}")),
    };
    // A part is read up to a bound: a few KB of package can unpack to gigabytes.
    let mut text = String::new();
    file.take(MAX_PART_BYTES + 1)
        .read_to_string(&mut text)
        .map_err(|e| format!("{path}: {e}"))?;
    if text.len() as u64 > MAX_PART_BYTES {
        let mb = MAX_PART_BYTES >> 20;
        return Err(format!(
            "{path} unpacks to more than {mb} MB: no report is that long (a damaged file?)"
        ));
    }
    Ok(Some(text))
}

fn is(n: &Node, local: &str) -> bool {
    n.is_element() && n.tag_name().name() == local && n.tag_name().namespace() == Some(W)
}

#[derive(Default)]
struct Reader {
    units: Vec<Unit>,
    paragraphs: usize,
    tables: usize,
}

impl Reader {
    fn push(&mut self, text: String, place: Place, block: Block) {
        let text: String = text.nfc().collect();
        if !text.trim().is_empty() {
            self.units.push(Unit::word(text, place, block));
        }
    }

    /// The paragraphs and tables of a body, a cell or a content control, in order. Inside
    /// a table cell, `cell` is its place.
    fn block(&mut self, node: Node, cell: Option<&Place>) {
        for n in node.children().filter(Node::is_element) {
            if is(&n, "p") {
                let text = paragraph_text(n);
                match cell {
                    Some(place) => self.push(text, place.clone(), Block::Cell),
                    None => {
                        self.paragraphs += 1;
                        let block = heading_level(n).map_or(Block::Paragraph, Block::Heading);
                        self.push(text, Place::Paragraph(self.paragraphs), block);
                    }
                }
            } else if is(&n, "tbl") {
                self.table(n);
            } else if is(&n, "sdt")
                && let Some(c) = n.children().find(|c| is(c, "sdtContent"))
            {
                self.block(c, cell);
            }
        }
    }

    fn table(&mut self, tbl: Node) {
        self.tables += 1;
        let table = self.tables;
        for (r, row) in tbl.children().filter(|n| is(n, "tr")).enumerate() {
            for (c, tc) in row.children().filter(|n| is(n, "tc")).enumerate() {
                let place = Place::Cell {
                    table,
                    row: r + 1,
                    cell: c + 1,
                };
                self.block(tc, Some(&place));
            }
        }
    }
}

/// The heading level of a paragraph, from its style ("Heading2") or outline level.
fn heading_level(p: Node) -> Option<u8> {
    let ppr = p.children().find(|n| is(n, "pPr"))?;
    if let Some(style) = ppr
        .children()
        .find(|n| is(n, "pStyle"))
        .and_then(|s| s.attribute((W, "val")))
    {
        let lower = style.to_ascii_lowercase();
        if let Some(level) = lower.strip_prefix("heading").and_then(|l| l.parse().ok()) {
            return Some(level);
        }
        if lower == "title" {
            return Some(1);
        }
    }
    ppr.children()
        .find(|n| is(n, "outlineLvl"))
        .and_then(|o| o.attribute((W, "val")))
        .and_then(|v| v.parse::<u8>().ok())
        .map(|l| l + 1)
}

/// The text of a paragraph as a reader sees it: its runs' text, tabs and line breaks;
/// not deleted text, field codes or the fallback copies of text boxes.
fn paragraph_text(p: Node) -> String {
    let mut out = String::new();
    collect(p, &mut out, true);
    out
}

fn collect(node: Node, out: &mut String, top: bool) {
    for n in node.children() {
        if !n.is_element() {
            continue;
        }
        let name = n.tag_name().name();
        if name == "Fallback" || ["del", "instrText", "pPr", "rPr"].iter().any(|t| is(&n, t)) {
            continue;
        }
        // A paragraph nested in a text box is its own line.
        if !top && is(&n, "p") {
            out.push('\n');
        }
        if is(&n, "t") {
            out.push_str(n.text().unwrap_or(""));
        } else if is(&n, "tab") {
            out.push('\t');
        } else if is(&n, "br") || is(&n, "cr") {
            out.push('\n');
        } else if is(&n, "noBreakHyphen") {
            out.push('-');
        } else {
            collect(n, out, false);
        }
    }
}
