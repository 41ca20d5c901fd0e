//! `word/document.xml`: the header block, the body, the signature block, and one section
//! per appendix. A section's properties sit in the last paragraph of that section; the last
//! section's are the last child of `w:body`.

use super::media::{self, Cursor, Media};
use super::parts::{HEADER_DEFAULT, HEADER_FIRST};
use super::xml::Xml;
use super::{A_NS, PIC_NS, R_NS, W_NS, WP_NS};
use crate::report::model::{
    Align, AppendixSection, Block, Cell, Document, Header, Inline, Orientation, ParagraphStyle,
    Table,
};
use std::io::{self, Write};

/// A page setup, in twentieths of a point (twips).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Page {
    pub width: u32,
    pub height: u32,
    pub top: u32,
    pub right: u32,
    pub bottom: u32,
    pub left: u32,
    pub header: u32,
    pub footer: u32,
    pub landscape: bool,
}

impl Page {
    pub fn text_width(&self) -> u32 {
        self.width - self.left - self.right
    }

    /// The height between the top and bottom margins, in twips.
    pub fn text_height(&self) -> u32 {
        self.height - self.top - self.bottom
    }
}

/// A4 portrait: top and bottom 20 mm, left 30 mm, right 15 mm; the page number sits 10 mm
/// from the top edge.
pub const PORTRAIT: Page = Page {
    width: 11906,
    height: 16838,
    top: 1134,
    right: 851,
    bottom: 1134,
    left: 1701,
    header: 567,
    footer: 567,
    landscape: false,
};

/// A4 landscape. A landscape sheet is bound along its top edge (it is turned to be read), so
/// the binding margin (30 mm) is at the top, the 15 mm margin at the bottom, and the sides
/// get 20 mm each.
pub const LANDSCAPE: Page = Page {
    width: 16838,
    height: 11906,
    top: 1701,
    right: 1134,
    bottom: 851,
    left: 1134,
    header: 851,
    footer: 567,
    landscape: true,
};

fn page_of(o: Orientation) -> &'static Page {
    match o {
        Orientation::Portrait => &PORTRAIT,
        Orientation::Landscape => &LANDSCAPE,
    }
}

/// Writes `word/document.xml` for `doc` into `sink`, drawing its figures from `media`.
pub fn document(sink: &mut dyn Write, doc: &Document, media: &Media) -> io::Result<()> {
    let mut x = Xml::new(sink);
    let mut pictures = Cursor::new(media);
    x.raw(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#);
    x.raw("\n");
    x.raw(&format!(
        r#"<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}" xmlns:wp="{WP_NS}" xmlns:a="{A_NS}" xmlns:pic="{PIC_NS}"><w:body>"#
    ));
    header_block(&mut x, &doc.header);
    blocks(&mut x, &doc.body, &PORTRAIT, &mut pictures, true);
    signature(&mut x, &doc.header);
    // The body section: portrait, numbered from 1, no page number on its first page; each
    // appendix the same in its own orientation (Decree 30: an appendix has its own numbering).
    let mut pending: &Page = &PORTRAIT;
    for a in &doc.appendices {
        section_end(&mut x, Some(pending));
        appendix(&mut x, a, &mut pictures);
        pending = page_of(a.orientation);
    }
    section_end(&mut x, None);
    sect_pr(&mut x, pending);
    x.raw("</w:body></w:document>");
    x.finish()
}

/// The small paragraph that closes a section: it carries the section's properties, or, for
/// the last section, only keeps a paragraph after a final table.
fn section_end(x: &mut Xml, sect: Option<&Page>) {
    x.raw(r#"<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr>"#);
    if let Some(page) = sect {
        sect_pr(x, page);
    }
    x.raw("</w:pPr></w:p>");
}

/// A section's properties. The report's body and each appendix are sections of their own:
/// each numbers its pages from 1 (`w:pgNumType w:start="1"`), with the page number in the
/// top margin from its second page on (a title page with the empty header).
fn sect_pr(x: &mut Xml, page: &Page) {
    x.raw("<w:sectPr>");
    x.raw(&format!(
        r#"<w:headerReference w:type="first" r:id="{HEADER_FIRST}"/>"#
    ));
    x.raw(&format!(
        r#"<w:headerReference w:type="default" r:id="{HEADER_DEFAULT}"/><w:type w:val="nextPage"/>"#
    ));
    x.raw(&format!(
        r#"<w:pgSz w:w="{}" w:h="{}"{}/>"#,
        page.width,
        page.height,
        if page.landscape {
            r#" w:orient="landscape""#
        } else {
            ""
        }
    ));
    x.raw(&format!(
        r#"<w:pgMar w:top="{}" w:right="{}" w:bottom="{}" w:left="{}" w:header="{}" w:footer="{}" w:gutter="0"/>"#,
        page.top, page.right, page.bottom, page.left, page.header, page.footer
    ));
    x.raw(r#"<w:pgNumType w:start="1"/><w:cols w:space="720"/><w:titlePg/>"#);
    x.raw(r#"<w:docGrid w:linePitch="360"/></w:sectPr>"#);
}

// ---------------------------------------------------------------------------------------
// Runs and paragraphs

#[derive(Clone, Copy, Default)]
struct Fmt {
    bold: bool,
    italic: bool,
    /// Half-points; `None` keeps the style's size.
    size: Option<u32>,
}

impl Fmt {
    fn b(size: u32) -> Self {
        Fmt {
            bold: true,
            size: Some(size),
            ..Fmt::default()
        }
    }
    fn plain(size: u32) -> Self {
        Fmt {
            size: Some(size),
            ..Fmt::default()
        }
    }
}

/// One run; line breaks and tabs in the text become `w:br` and `w:tab`.
/// Opens a `w:t` for `text`, saying its spaces matter where a reader could drop them (at
/// either end, or two in a row); most table cells need no such attribute.
fn t_open(x: &mut Xml, text: &str) {
    if text.starts_with(' ') || text.ends_with(' ') || text.contains("  ") {
        x.raw(r#"<w:t xml:space="preserve">"#);
    } else {
        x.raw("<w:t>");
    }
}

fn run(x: &mut Xml, text: &str, f: Fmt) {
    if text.is_empty() {
        return;
    }
    x.raw("<w:r>");
    if f.bold || f.italic || f.size.is_some() {
        x.raw("<w:rPr>");
        if f.bold {
            x.raw("<w:b/><w:bCs/>");
        }
        if f.italic {
            x.raw("<w:i/><w:iCs/>");
        }
        if let Some(s) = f.size {
            x.raw(r#"<w:sz w:val=""#);
            x.num(s);
            x.raw(r#""/><w:szCs w:val=""#);
            x.num(s);
            x.raw(r#""/>"#);
        }
        x.raw("</w:rPr>");
    }
    if !text.contains(['\n', '\t', '\r']) {
        t_open(x, text);
        x.text(text);
        x.raw("</w:t>");
    } else {
        let mut first = true;
        for line in text.split('\n') {
            if !first {
                x.raw("<w:br/>");
            }
            first = false;
            let mut first_seg = true;
            for seg in line.split('\t') {
                if !first_seg {
                    x.raw("<w:tab/>");
                }
                first_seg = false;
                let seg = seg.trim_end_matches('\r');
                if !seg.is_empty() {
                    t_open(x, seg);
                    x.text(seg);
                    x.raw("</w:t>");
                }
            }
        }
    }
    x.raw("</w:r>");
}

/// Runs of inlines; `force` adds bold or italic to every run.
fn inlines(x: &mut Xml, text: &[Inline], force: Fmt) {
    for i in text {
        run(
            x,
            &i.text,
            Fmt {
                bold: i.bold || force.bold,
                italic: i.italic || force.italic,
                size: force.size,
            },
        );
    }
}

fn p_open(x: &mut Xml, style: &str, extra: &str) {
    x.raw(r#"<w:p><w:pPr><w:pStyle w:val=""#);
    x.raw(style);
    x.raw(r#""/>"#);
    x.raw(extra);
    x.raw("</w:pPr>");
}

/// A paragraph of one styled text, set directly (for the header and signature blocks).
/// `ppr` is the paragraph properties' content.
fn line(x: &mut Xml, ppr: &str, text: &str, f: Fmt) {
    x.raw("<w:p><w:pPr>");
    x.raw(ppr);
    x.raw("</w:pPr>");
    run(x, text, f);
    x.raw("</w:p>");
}

const CENTER_TIGHT: &str = r#"<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:ind w:firstLine="0"/><w:jc w:val="center"/>"#;

/// A short horizontal rule: an empty, tiny paragraph with a bottom border, indented to
/// leave `width` in the middle of `available`, `before` twips below the line above (clear
/// of its descenders).
fn rule(x: &mut Xml, available: u32, width: u32, before: u32) {
    let ind = available.saturating_sub(width) / 2;
    x.raw(&format!(
        concat!(
            r#"<w:p><w:pPr><w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="auto"/></w:pBdr>"#,
            r#"<w:spacing w:before="{before}" w:after="0" w:line="240" w:lineRule="auto"/><w:ind w:left="{ind}" w:right="{ind}" w:firstLine="0"/>"#,
            r#"<w:jc w:val="center"/><w:rPr><w:sz w:val="4"/><w:szCs w:val="4"/></w:rPr></w:pPr></w:p>"#
        ),
        ind = ind,
        before = before
    ));
}

// ---------------------------------------------------------------------------------------
// Header block, title, signature

/// Rough width of `text` in Times New Roman at `size` half-points, in twips (for sizing the
/// rules under the header lines; the exact width is the renderer's business).
fn text_width(text: &str, size: u32, bold: bool) -> u32 {
    let em: f64 = text
        .chars()
        .map(|c| match c {
            ' ' => 0.25,
            ',' | '.' | ':' | ';' | '\'' => 0.25,
            '-' | '(' | ')' | '/' => 0.33,
            c if c.is_ascii_digit() => 0.5,
            c if c.is_uppercase() => {
                if bold {
                    0.74
                } else {
                    0.70
                }
            }
            _ => {
                if bold {
                    0.5
                } else {
                    0.46
                }
            }
        })
        .sum();
    (em * f64::from(size) * 10.0).round() as u32
}

/// Breaks `text` once, at the space that best balances the two lines, when it does not
/// fit in `available` twips ("ỦY BAN NHÂN DÂN\nHUYỆN PHONG THỔ"). A break after a comma or
/// before "ngày" or "của" is preferred when its longer line is within a fifth of the best
/// balance: Vietnamese words are several syllables, and those places never cut one.
fn balance(text: &str, size: u32, bold: bool, available: u32) -> String {
    if text_width(text, size, bold) <= available || text.contains('\n') {
        return text.to_string();
    }
    let candidates: Vec<(u32, usize, bool)> = text
        .match_indices(' ')
        .map(|(i, _)| {
            let (a, b) = (&text[..i], &text[i + 1..]);
            let w = text_width(a, size, bold).max(text_width(b, size, bold));
            let preferred =
                a.ends_with([',', ';']) || b.starts_with("ngày ") || b.starts_with("của ");
            (w, i, preferred)
        })
        .collect();
    let Some(&(best, best_i, _)) = candidates.iter().min() else {
        return text.to_string();
    };
    let i = candidates
        .iter()
        .filter(|(w, _, p)| *p && *w <= best + best / 5)
        .min()
        .map_or(best_i, |c| c.1);
    format!("{}\n{}", &text[..i], &text[i + 1..])
}

/// Widths of the header block's columns (issuing body | national name).
const HEADER_COLS: [u32; 2] = [3600, 5754];
/// Widths of the signature table's columns (recipients | signer).
const SIGN_COLS: [u32; 2] = [4300, 5054];

fn borderless_table_open(x: &mut Xml, cols: &[u32]) {
    let total: u32 = cols.iter().sum();
    x.raw(&format!(
        r#"<w:tbl><w:tblPr><w:tblW w:w="{total}" w:type="dxa"/><w:tblInd w:w="0" w:type="dxa"/>"#
    ));
    x.raw(concat!(
        r#"<w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders>"#,
        r#"<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>"#
    ));
    for c in cols {
        x.raw(&format!(r#"<w:gridCol w:w="{c}"/>"#));
    }
    x.raw("</w:tblGrid>");
}

fn tc_open(x: &mut Xml, width: u32) {
    x.raw(&format!(
        r#"<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>"#
    ));
}

fn header_block(x: &mut Xml, h: &Header) {
    let [lw, rw] = HEADER_COLS;
    borderless_table_open(x, &HEADER_COLS);
    // Row 1: the issuing body | the national name and motto, each with its rule.
    x.raw("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
    tc_open(x, lw);
    let mut widest = 0;
    if !h.parent_body.is_empty() {
        let t = balance(&h.parent_body.to_uppercase(), 26, false, lw);
        line(x, CENTER_TIGHT, &t, Fmt::plain(26));
    }
    let issuing = balance(&h.issuing_body.to_uppercase(), 26, true, lw);
    for l in issuing.lines() {
        widest = widest.max(text_width(l, 26, true));
    }
    line(x, CENTER_TIGHT, &issuing, Fmt::b(26));
    // Decree 30: a rule of 1/3 to 1/2 of the line above it.
    rule(x, lw, widest.min(lw) * 2 / 5, 20);
    x.raw("</w:tc>");
    tc_open(x, rw);
    let national = h.national_name.to_uppercase();
    line(x, CENTER_TIGHT, &national, Fmt::b(24));
    line(x, CENTER_TIGHT, &h.motto, Fmt::b(26));
    // The rule under the motto is as long as the motto.
    rule(x, rw, text_width(&h.motto, 26, true).min(rw), 20);
    x.raw("</w:tc></w:tr>");
    // Row 2: the number | the place and date.
    x.raw("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
    let spaced = r#"<w:spacing w:before="120" w:after="0" w:line="240" w:lineRule="auto"/><w:ind w:firstLine="0"/><w:jc w:val="center"/>"#;
    tc_open(x, lw);
    line(x, spaced, &h.number_line, Fmt::plain(26));
    x.raw("</w:tc>");
    tc_open(x, rw);
    line(
        x,
        spaced,
        &h.place_date,
        Fmt {
            italic: true,
            size: Some(28),
            ..Fmt::default()
        },
    );
    x.raw("</w:tc></w:tr></w:tbl>");
    // The kind of document and its subject, with a short rule under the subject.
    line(
        x,
        r#"<w:keepNext/><w:spacing w:before="360" w:after="0" w:line="240" w:lineRule="auto"/><w:ind w:firstLine="0"/><w:jc w:val="center"/>"#,
        &h.kind,
        Fmt::b(28),
    );
    let tw = PORTRAIT.text_width();
    line(
        x,
        r#"<w:keepNext/><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:ind w:left="567" w:right="567" w:firstLine="0"/><w:jc w:val="center"/>"#,
        &h.subject,
        Fmt::b(28),
    );
    let subject_w = text_width(&h.subject, 28, true).min(tw - 1134);
    rule(x, tw, (subject_w / 3).clamp(1134, 2835), 60);
    // Room between the title and the body.
    x.raw(r#"<w:p><w:pPr><w:spacing w:before="0" w:after="120" w:line="240" w:lineRule="auto"/><w:ind w:firstLine="0"/></w:pPr></w:p>"#);
}

fn signature(x: &mut Xml, h: &Header) {
    let [lw, rw] = SIGN_COLS;
    borderless_table_open(x, &SIGN_COLS);
    x.raw("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
    tc_open(x, lw);
    line(
        x,
        r#"<w:spacing w:before="240" w:after="0" w:line="240" w:lineRule="auto"/><w:ind w:firstLine="0"/><w:jc w:val="left"/>"#,
        "Nơi nhận:",
        Fmt {
            bold: true,
            italic: true,
            size: Some(24),
        },
    );
    // A recipient running onto a second line hangs under its text, not under the dash.
    let hanging = r#"<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:ind w:left="142" w:hanging="142"/><w:jc w:val="left"/>"#;
    for r in &h.recipients {
        line(x, hanging, &format!("- {r}"), Fmt::plain(22));
    }
    x.raw("</w:tc>");
    tc_open(x, rw);
    let first_center = r#"<w:spacing w:before="240" w:after="0" w:line="240" w:lineRule="auto"/><w:ind w:firstLine="0"/><w:jc w:val="center"/>"#;
    let mut ppr = first_center;
    if !h.signer_on_behalf.is_empty() {
        line(x, ppr, &h.signer_on_behalf, Fmt::b(28));
        ppr = CENTER_TIGHT;
    }
    line(x, ppr, &h.signer_position, Fmt::b(28));
    // Room for the signature and the seal.
    for _ in 0..4 {
        line(x, CENTER_TIGHT, "", Fmt::plain(28));
    }
    line(
        x,
        r#"<w:spacing w:before="240" w:after="0" w:line="240" w:lineRule="auto"/><w:ind w:firstLine="0"/><w:jc w:val="center"/>"#,
        &h.signer_name,
        Fmt::b(28),
    );
    x.raw("</w:tc></w:tr></w:tbl>");
}

// ---------------------------------------------------------------------------------------
// Blocks

/// Paragraph properties that keep a paragraph with the next one: a list label ("Y tế:") or
/// a table's caption never ends a page.
const KEEP_NEXT: &str = "<w:keepNext/>";
/// The closing paragraph: kept whole and with the signature block after it.
const KEEP_WHOLE: &str = "<w:keepNext/><w:keepLines/>";

/// Whether a paragraph introduces what follows it (it ends with a colon).
fn introduces(text: &[Inline]) -> bool {
    text.last()
        .is_some_and(|i| i.text.trim_end().ends_with(':'))
}

/// Writes blocks; `closing`: the last paragraph closes the report and is kept with the
/// signature block that follows.
fn blocks(x: &mut Xml, blocks: &[Block], page: &Page, pictures: &mut Cursor, closing: bool) {
    let last = blocks.len().saturating_sub(1);
    for (k, b) in blocks.iter().enumerate() {
        let keep = if closing && k == last {
            KEEP_WHOLE
        } else {
            // A paragraph before a table is its caption: it stays with the table.
            let captions = matches!(blocks.get(k + 1), Some(Block::Table(_)));
            match b {
                Block::Paragraph { text, .. } | Block::Bullet { text }
                    if introduces(text) || captions =>
                {
                    KEEP_NEXT
                }
                _ => "",
            }
        };
        match b {
            Block::Heading { level, text } => {
                let style = match level {
                    0 | 1 => "Heading1",
                    2 => "Heading2",
                    3 => "Heading3",
                    4 => "Heading4",
                    _ => "Heading5",
                };
                p_open(x, style, "");
                inlines(x, text, Fmt::default());
                x.raw("</w:p>");
            }
            Block::Paragraph { style, text } => {
                let style = match style {
                    ParagraphStyle::Body => "Body",
                    ParagraphStyle::Center => "Center",
                };
                p_open(x, style, keep);
                inlines(x, text, Fmt::default());
                x.raw("</w:p>");
            }
            Block::Bullet { text } => {
                // Administrative style: a plain "- " in an indented paragraph, no Word list.
                p_open(x, "Body", keep);
                run(x, "- ", Fmt::default());
                inlines(x, text, Fmt::default());
                x.raw("</w:p>");
            }
            Block::Table(t) => {
                table(x, t, page);
                // A paragraph after every table: two tables in a row would otherwise merge.
                x.raw(r#"<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:rPr><w:sz w:val="12"/><w:szCs w:val="12"/></w:rPr></w:pPr></w:p>"#);
            }
            Block::Figure(f) => media::figure(x, f, pictures, page),
        }
        x.flush_if_full();
    }
}

fn appendix(x: &mut Xml, a: &AppendixSection, pictures: &mut Cursor) {
    let page = page_of(a.orientation);
    p_open(x, "Heading1", "");
    run(x, &a.label(), Fmt::default());
    x.raw("</w:p>");
    let keep = r#"<w:keepNext/><w:spacing w:after="0"/>"#;
    if !a.title.is_empty() {
        p_open(x, "Center", keep);
        let title = balanced(&a.title, true, page);
        inlines(
            x,
            &title,
            Fmt {
                bold: true,
                ..Fmt::default()
            },
        );
        x.raw("</w:p>");
    }
    if !a.subtitle.is_empty() {
        p_open(x, "Center", r#"<w:keepNext/>"#);
        let subtitle = balanced(&a.subtitle, false, page);
        inlines(
            x,
            &subtitle,
            Fmt {
                italic: true,
                ..Fmt::default()
            },
        );
        x.raw("</w:p>");
    }
    blocks(x, &a.blocks, page, pictures, false);
}

/// A centred line of one run that may not fit the page's width, broken once where its two
/// lines balance ("(Kèm theo Báo cáo số … ngày …\ncủa UBND huyện Phong Thổ)"), so that no
/// word is left alone on a last line. The break is made when the estimate reaches 85 % of
/// the width: the estimate is rough, a balanced pair of lines is never wrong.
fn balanced(text: &[Inline], bold: bool, page: &Page) -> Vec<Inline> {
    let [only] = text else {
        return text.to_vec();
    };
    let available = page.text_width() * 85 / 100;
    vec![Inline {
        text: balance(&only.text, 28, bold || only.bold, available),
        ..only.clone()
    }]
}

// ---------------------------------------------------------------------------------------
// Tables

/// Column widths in twips, proportional to `widths`, adding up to `total`.
fn grid_widths(widths: &[u32], n: usize, total: u32) -> Vec<u32> {
    let rel: Vec<u64> = if widths.len() == n && widths.iter().any(|w| *w > 0) {
        widths.iter().map(|w| u64::from(*w)).collect()
    } else {
        vec![1; n]
    };
    let sum: u64 = rel.iter().sum();
    let mut out: Vec<u32> = rel
        .iter()
        .map(|w| (w * u64::from(total) / sum) as u32)
        .collect();
    let used: u32 = out.iter().sum();
    if let Some(last) = out.last_mut() {
        *last += total - used;
    }
    out
}

/// Cell text size (half-points) for a table of `n` columns on `page`.
fn cell_size(n: usize, page: &Page) -> u32 {
    match (page.landscape, n) {
        (true, n) if n > 12 => 20,
        (true, _) => 22,
        (false, n) if n > 4 => 22,
        (false, _) => 24,
    }
}

/// Writes a table. Header rows repeat on every page (`w:tblHeader`); a cell spanning
/// columns gets `w:gridSpan`, one spanning rows `w:vMerge` "restart", and each row it
/// covers below gets an empty continuation cell (`w:vMerge`) of the same span, so every
/// row covers exactly the grid's columns.
fn table(x: &mut Xml, t: &Table, page: &Page) {
    let n = if t.widths.is_empty() {
        t.columns.len()
    } else {
        t.widths.len()
    };
    if n == 0 {
        return;
    }
    let total = page.text_width();
    let cols = grid_widths(&t.widths, n, total);
    let size = cell_size(n, page);
    let margin = if n > 12 { 40 } else { 57 };
    x.raw(&format!(
        concat!(
            r#"<w:tbl><w:tblPr><w:tblW w:w="{total}" w:type="dxa"/><w:jc w:val="center"/><w:tblInd w:w="0" w:type="dxa"/>"#,
            r#"<w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/>"#,
            r#"<w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/>"#,
            r#"<w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders>"#,
            r#"<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="{m}" w:type="dxa"/><w:right w:w="{m}" w:type="dxa"/></w:tblCellMar>"#,
            r#"<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>"#
        ),
        total = total,
        m = margin
    ));
    for c in &cols {
        x.raw(&format!(r#"<w:gridCol w:w="{c}"/>"#));
    }
    x.raw("</w:tblGrid>");
    let styles = CellStyles::new(size, false);
    let kept = CellStyles::new(size, true);
    let mut spans = Spans::new(n);
    let mut height = 0;
    for row in &t.header {
        x.raw("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
        spans.row(x, row, &cols, &kept, true);
        x.raw("</w:tr>");
        height += row_height(row, &cols, size, margin);
    }
    // A row is not split across pages (the reader would lose the row's label). A short
    // table — at most KEPT_ROWS rows, and short enough to fit on a page under an
    // appendix's title — keeps every row with the next, so it is never broken. A longer
    // one keeps only its header and first KEPT_START rows together: it starts right
    // under its title or caption, never with a row or two at a page's foot, and never
    // leaves its title alone on a page because a block of kept rows did not fit there;
    // its last row keeps with the one before, so no page holds the last row alone.
    let budget = page.text_height().saturating_sub(TITLE_RESERVE);
    let mut pending: std::collections::VecDeque<Vec<Cell>> = std::collections::VecDeque::new();
    let mut long = false;
    let mut r = 0;
    let mut emit = |x: &mut Xml, spans: &mut Spans, row: &[Cell], keep_next: bool| {
        x.raw("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
        let styles = if keep_next || r < KEPT_START {
            &kept
        } else {
            &styles
        };
        spans.row(x, row, &cols, styles, false);
        x.raw("</w:tr>");
        r += 1;
        x.flush_if_full();
    };
    t.rows.for_each(|row| {
        if long {
            // Rows are written two behind: which row is the last but one is known only
            // when the rows end. The written row's cells are reused for the new one.
            let mut oldest = pending.pop_front().expect("a long table holds two rows");
            emit(x, &mut spans, &oldest, false);
            copy_row(&mut oldest, row);
            pending.push_back(oldest);
            return;
        }
        height += row_height(row, &cols, size, margin);
        pending.push_back(row.to_vec());
        if pending.len() > KEPT_ROWS || height > budget {
            long = true;
            while pending.len() > 2 {
                let p = pending.pop_front().expect("more than two rows");
                emit(x, &mut spans, &p, false);
            }
        }
    });
    // A short table keeps every row with the next; a long one its last row but one, so no
    // page holds its last row alone.
    let n = pending.len();
    for (k, p) in pending.iter().enumerate() {
        emit(x, &mut spans, p, !long || k + 1 < n);
    }
    x.raw("</w:tbl>");
}

/// Overwrites `to` with the cells of `from`, reusing its allocations.
fn copy_row(to: &mut Vec<Cell>, from: &[Cell]) {
    to.truncate(from.len());
    for (t, f) in to.iter_mut().zip(from) {
        t.text.clone_from(&f.text);
        t.colspan = f.colspan;
        t.rowspan = f.rowspan;
        t.align = f.align;
        t.bold = f.bold;
    }
    let n = to.len();
    to.extend(from[n..].iter().cloned());
}

/// A table of up to this many rows is kept on one page where it fits.
const KEPT_ROWS: usize = 20;
/// How many body rows of a longer table keep with its header.
const KEPT_START: usize = 2;
/// Room kept on a page for an appendix's label, title lines and "(Kèm theo …)" line above a
/// short table (twips).
const TITLE_RESERVE: u32 = 2400;

/// Rough height of a table row in twips: its tallest cell, each as many lines as its text
/// takes in its column at `size` half-points (single spacing, 1 pt before and after).
fn row_height(row: &[Cell], cols: &[u32], size: u32, margin: u32) -> u32 {
    let mut col = 0;
    let mut lines = 1;
    for c in row {
        if col >= cols.len() {
            break;
        }
        let span = c.colspan.clamp(1, cols.len() - col);
        let width: u32 = cols[col..col + span].iter().sum();
        let width = width.saturating_sub(2 * margin).max(1);
        let l: u32 = c
            .text
            .split('\n')
            .map(|p| text_width(p, size, c.bold).div_ceil(width).max(1))
            .sum();
        lines = lines.max(l);
        col += span;
    }
    lines * size * 23 / 2 + 40
}

/// The opening of a cell paragraph in each alignment, for one text size.
struct CellStyles {
    left: String,
    center: String,
    right: String,
}

impl CellStyles {
    /// `keep`: the paragraphs keep with the next (their row stays with the row below).
    fn new(size: u32, keep: bool) -> Self {
        let keep = if keep { "<w:keepNext/>" } else { "" };
        let p = |a: &str| format!(r#"<w:p><w:pPr><w:pStyle w:val="C{size}{a}"/>{keep}</w:pPr>"#);
        CellStyles {
            left: p("L"),
            center: p("C"),
            right: p("R"),
        }
    }
    fn get(&self, a: Align) -> &str {
        match a {
            Align::Left => &self.left,
            Align::Center => &self.center,
            Align::Right => &self.right,
        }
    }
}

/// Row spans running down the grid: for each column, how many more rows a cell above
/// covers, and at the first column of such a cell, how many columns it spans.
struct Spans {
    left: Vec<usize>,
    width: Vec<usize>,
}

impl Spans {
    fn new(n: usize) -> Self {
        Spans {
            left: vec![0; n],
            width: vec![0; n],
        }
    }

    /// Writes one row's cells. A row short of cells is padded with empty ones and extra
    /// cells are dropped, so the row always covers the grid (a malformed table still makes
    /// a valid document; `Table::is_well_formed` is what the builders assert).
    fn row(&mut self, x: &mut Xml, row: &[Cell], cols: &[u32], styles: &CellStyles, head: bool) {
        let n = cols.len();
        let mut cells = row.iter();
        let mut col = 0;
        while col < n {
            if self.left[col] > 0 {
                // Continuation of a cell above.
                let span = self.width[col].clamp(1, n - col);
                for l in &mut self.left[col..col + span] {
                    *l = l.saturating_sub(1);
                }
                let w: u32 = cols[col..col + span].iter().sum();
                x.raw(r#"<w:tc><w:tcPr><w:tcW w:w=""#);
                x.num(w);
                x.raw(r#"" w:type="dxa"/>"#);
                grid_span(x, span);
                x.raw(r#"<w:vMerge/></w:tcPr>"#);
                x.raw(styles.get(Align::Left));
                x.raw("</w:p></w:tc>");
                col += span;
                continue;
            }
            let empty;
            let c = match cells.next() {
                Some(c) => c,
                None => {
                    empty = Cell::new("");
                    &empty
                }
            };
            // The span stops short of the grid's end and of any column still covered.
            let mut span = 1;
            while span < c.colspan && col + span < n && self.left[col + span] == 0 {
                span += 1;
            }
            let rows = c.rowspan.max(1);
            if rows > 1 {
                for l in &mut self.left[col..col + span] {
                    *l = rows - 1;
                }
                for wd in &mut self.width[col..col + span] {
                    *wd = 0;
                }
                self.width[col] = span;
            }
            x.raw("<w:tc>");
            if head || span > 1 || rows > 1 {
                let w: u32 = cols[col..col + span].iter().sum();
                x.raw(r#"<w:tcPr><w:tcW w:w=""#);
                x.num(w);
                x.raw(r#"" w:type="dxa"/>"#);
                grid_span(x, span);
                if rows > 1 {
                    x.raw(r#"<w:vMerge w:val="restart"/>"#);
                }
                x.raw(r#"<w:vAlign w:val="center"/></w:tcPr>"#);
            }
            x.raw(styles.get(c.align));
            run(
                x,
                &c.text,
                Fmt {
                    bold: c.bold,
                    ..Fmt::default()
                },
            );
            x.raw("</w:p></w:tc>");
            col += span;
        }
    }
}

fn grid_span(x: &mut Xml, span: usize) {
    if span > 1 {
        x.raw(r#"<w:gridSpan w:val=""#);
        x.num(span as u64);
        x.raw(r#""/>"#);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn xml_of(f: impl FnOnce(&mut Xml)) -> String {
        let mut out = Vec::new();
        let mut x = Xml::new(&mut out);
        f(&mut x);
        x.finish().unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn widths_add_up_to_the_text_width() {
        let w = grid_widths(&[4, 16, 3, 3, 3], 5, 14570);
        assert_eq!(w.iter().sum::<u32>(), 14570);
        assert!(w[1] > 4 * w[2] - 5);
        assert_eq!(grid_widths(&[], 3, 9354).iter().sum::<u32>(), 9354);
    }

    #[test]
    fn row_spans_become_vertical_merges_with_continuation_cells() {
        let t = Table {
            header: vec![
                vec![
                    Cell::center("STT").bold().span(1, 2),
                    Cell::center("Nhóm").bold().span(2, 1),
                ],
                vec![Cell::center("1"), Cell::center("2")],
            ],
            rows: vec![vec![Cell::new("1"), Cell::new("a & b"), Cell::num("3")]].into(),
            widths: vec![1, 1, 1],
            columns: vec!["STT".into(), "1".into(), "2".into()],
        };
        let s = xml_of(|x| table(x, &t, &PORTRAIT));
        assert_eq!(s.matches("<w:tblHeader/>").count(), 2);
        assert_eq!(s.matches(r#"<w:vMerge w:val="restart"/>"#).count(), 1);
        assert_eq!(s.matches("<w:vMerge/>").count(), 1);
        assert_eq!(s.matches(r#"<w:gridSpan w:val="2"/>"#).count(), 1);
        assert!(s.contains("a &amp; b"));
        // Three rows of three grid columns: 2 + 3 + 3 cells.
        assert_eq!(s.matches("<w:tc>").count(), 8);
    }

    /// Which body rows keep with the next, in order.
    fn kept_rows(t: &Table) -> Vec<bool> {
        let s = xml_of(|x| table(x, t, &LANDSCAPE));
        s.split("<w:tr>")
            .skip(1 + t.header.len())
            .map(|r| r.contains("<w:keepNext/>"))
            .collect()
    }

    fn rows_of(n: usize, text: &str) -> Table<'static> {
        Table {
            header: vec![vec![Cell::center("STT"), Cell::center("Nội dung")]],
            rows: (0..n)
                .map(|k| vec![Cell::center(k.to_string()), Cell::new(text)])
                .collect::<Vec<_>>()
                .into(),
            widths: vec![1, 9],
            columns: vec!["STT".into(), "Nội dung".into()],
        }
    }

    /// A short table is kept whole; a long one keeps its first rows with its header (so
    /// it starts under its title, the title never alone on a page) and its last row with
    /// the one before (never alone on a page), and nothing else.
    #[test]
    fn tables_keep_their_start_and_their_end_together() {
        assert!(kept_rows(&rows_of(12, "một dòng")).iter().all(|k| *k));
        let long = kept_rows(&rows_of(40, "một dòng"));
        let want: Vec<bool> = (0..40).map(|k| k < KEPT_START || k == 38).collect();
        assert_eq!(long, want);
        // Twenty rows of several lines each do not fit a page under a title: long.
        let tall =
            "Kế hoạch thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới ".repeat(6);
        let tall = kept_rows(&rows_of(20, &tall));
        assert_eq!(
            tall.iter().filter(|k| **k).count(),
            KEPT_START + 1,
            "{tall:?}"
        );
        assert!(tall[18] && !tall[19]);
    }

    #[test]
    fn a_short_row_is_padded() {
        let t = Table {
            header: vec![],
            rows: vec![vec![Cell::new("x")]].into(),
            widths: vec![1, 1],
            columns: vec!["a".into(), "b".into()],
        };
        let s = xml_of(|x| table(x, &t, &PORTRAIT));
        assert_eq!(s.matches("<w:tc>").count(), 2);
    }

    #[test]
    fn long_issuing_bodies_break_in_the_middle() {
        assert_eq!(
            balance("ỦY BAN NHÂN DÂN HUYỆN PHONG THỔ", 26, true, 3600),
            "ỦY BAN NHÂN DÂN\nHUYỆN PHONG THỔ"
        );
        assert_eq!(balance("UBND", 26, true, 3600), "UBND");
        // Syllables of one word stay together where a comma or "ngày" offers a break.
        assert_eq!(
            balance(
                "DANH MỤC VĂN BẢN LÃNH ĐẠO, CHỈ ĐẠO, ĐIỀU HÀNH THỰC HIỆN CHƯƠNG TRÌNH NĂM 2023",
                28,
                true,
                12000
            ),
            "DANH MỤC VĂN BẢN LÃNH ĐẠO, CHỈ ĐẠO,\nĐIỀU HÀNH THỰC HIỆN CHƯƠNG TRÌNH NĂM 2023"
        );
        assert_eq!(
            balance(
                "(Kèm theo Báo cáo số 15/BC-UBND ngày 20/12/2023 của UBND huyện Phong Thổ)",
                28,
                false,
                7950
            ),
            "(Kèm theo Báo cáo số 15/BC-UBND\nngày 20/12/2023 của UBND huyện Phong Thổ)"
        );
    }
}
