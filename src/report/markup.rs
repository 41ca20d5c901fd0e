//! Rendered template text (a small Markdown subset) → document blocks. Headings,
//! paragraphs, list items, bold and italic, pipe tables, and the markers `<!-- table:ID -->`
//! and `<!-- figure:SLUG -->` where a table or a chart built from the facts goes.

use super::model::{Block, Cell, Inline, ParagraphStyle, Table, Text};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// A marker in the text: what goes where it stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Marker<'a> {
    /// `<!-- table:ID -->`
    Table(&'a str),
    /// `<!-- figure:SLUG -->`
    Figure(&'a str),
}

impl<'a> Marker<'a> {
    /// The marker an HTML comment is, if it is one.
    fn of(html: &'a str) -> Option<Marker<'a>> {
        let inner = html
            .trim()
            .strip_prefix("<!--")?
            .strip_suffix("-->")?
            .trim();
        if let Some(id) = inner.strip_prefix("table:") {
            Some(Marker::Table(id.trim()))
        } else {
            inner
                .strip_prefix("figure:")
                .map(|slug| Marker::Figure(slug.trim()))
        }
    }
}

/// Parses Markdown into blocks; `resolve` supplies the block a marker stands for (none:
/// the marker is dropped).
pub fn parse<'f>(
    markdown: &str,
    resolve: &mut dyn FnMut(Marker<'_>) -> Option<Block<'f>>,
) -> Vec<Block<'f>> {
    let mut blocks = Vec::new();
    let mut text: Text = Vec::new();
    let (mut bold, mut italic) = (0u32, 0u32);
    let mut heading: Option<u8> = None;
    let mut in_item = 0u32;
    let mut tbl: Option<(Vec<Vec<Cell>>, bool)> = None;
    let mut row: Vec<Cell> = Vec::new();
    let push_text = |text: &mut Text, s: &str, bold: u32, italic: u32| {
        if s.is_empty() {
            return;
        }
        match text.last_mut() {
            Some(last) if last.bold == (bold > 0) && last.italic == (italic > 0) => {
                last.text.push_str(s)
            }
            _ => text.push(Inline {
                text: s.to_string(),
                bold: bold > 0,
                italic: italic > 0,
            }),
        }
    };
    let flush = |blocks: &mut Vec<Block>, text: &mut Text, heading: Option<u8>, in_item: u32| {
        trim(text);
        if text.is_empty() {
            return;
        }
        let t = std::mem::take(text);
        blocks.push(match (heading, in_item) {
            (Some(level), _) => Block::Heading { level, text: t },
            (None, 0) => Block::Paragraph {
                style: ParagraphStyle::Body,
                text: t,
            },
            (None, _) => Block::Bullet { text: t },
        });
    };
    for ev in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        match ev {
            Event::Start(Tag::Heading { level, .. }) => {
                flush(&mut blocks, &mut text, heading, in_item);
                heading = Some(match level {
                    HeadingLevel::H1 => 1,
                    HeadingLevel::H2 => 2,
                    HeadingLevel::H3 => 3,
                    HeadingLevel::H4 => 4,
                    _ => 5,
                });
            }
            Event::End(TagEnd::Heading(_)) => {
                flush(&mut blocks, &mut text, heading, in_item);
                heading = None;
            }
            Event::Start(Tag::Item) => {
                flush(&mut blocks, &mut text, heading, in_item);
                in_item += 1;
            }
            Event::End(TagEnd::Item) => {
                flush(&mut blocks, &mut text, heading, in_item);
                in_item -= 1;
            }
            Event::End(TagEnd::Paragraph) => flush(&mut blocks, &mut text, heading, in_item),
            Event::Start(Tag::Strong) => bold += 1,
            Event::End(TagEnd::Strong) => bold = bold.saturating_sub(1),
            Event::Start(Tag::Emphasis) => italic += 1,
            Event::End(TagEnd::Emphasis) => italic = italic.saturating_sub(1),
            Event::Text(s) | Event::Code(s) => push_text(&mut text, &s, bold, italic),
            Event::SoftBreak | Event::HardBreak => push_text(&mut text, " ", bold, italic),
            Event::Html(s) | Event::InlineHtml(s) => {
                if let Some(marker) = Marker::of(&s) {
                    flush(&mut blocks, &mut text, heading, in_item);
                    if let Some(b) = resolve(marker) {
                        blocks.push(b);
                    }
                }
            }
            Event::Start(Tag::Table(_)) => {
                flush(&mut blocks, &mut text, heading, in_item);
                tbl = Some((Vec::new(), true));
            }
            Event::Start(Tag::TableHead) | Event::Start(Tag::TableRow) => row.clear(),
            Event::End(TagEnd::TableCell) => {
                trim(&mut text);
                let cell = Cell::new(super::model::plain_text(&std::mem::take(&mut text)));
                row.push(cell);
            }
            Event::End(TagEnd::TableHead) | Event::End(TagEnd::TableRow) => {
                if let Some((rows, _)) = &mut tbl {
                    rows.push(std::mem::take(&mut row));
                }
            }
            Event::End(TagEnd::Table) => {
                if let Some((mut rows, _)) = tbl.take()
                    && !rows.is_empty()
                {
                    let head = rows.remove(0);
                    let n = head.len();
                    blocks.push(Block::Table(Table {
                        columns: head.iter().map(|c| c.text.clone()).collect(),
                        header: vec![head.into_iter().map(Cell::bold).collect()],
                        rows: rows.into(),
                        widths: vec![1; n],
                    }));
                }
            }
            _ => {}
        }
    }
    flush(&mut blocks, &mut text, heading, in_item);
    blocks
}

fn trim(text: &mut Text) {
    if let Some(first) = text.first_mut() {
        first.text = first.text.trim_start().to_string();
    }
    if let Some(last) = text.last_mut() {
        last.text = last.text.trim_end().to_string();
    }
    text.retain(|i| !i.text.is_empty());
}

/// Escapes text so that Markdown shows it as written (`|`, `*`, `_`, `#` at line start …).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(&mut out, s);
    out
}

/// Appends `s` to `out`, escaped as [`escape`] does.
pub fn escape_into(out: &mut String, s: &str) {
    const SPECIAL: [char; 10] = ['\\', '`', '*', '_', '[', ']', '<', '>', '|', '#'];
    let mut start = 0;
    for (i, c) in s.match_indices(SPECIAL) {
        out.push_str(&s[start..i]);
        out.push('\\');
        out.push_str(c);
        start = i + c.len();
    }
    out.push_str(&s[start..]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::model::plain_text;

    #[test]
    fn blocks_and_emphasis() {
        let md = "## I. KẾT QUẢ\n\nCó **09/16** xã\nđạt *tiêu chí*.\n\n- một\n- hai\n\n<!-- table:02 -->\n\n<!--figure:ma-tran -->\n\n<!-- khác -->\n";
        let mut asked = Vec::new();
        let blocks = parse(md, &mut |m| {
            asked.push(format!("{m:?}"));
            None
        });
        assert_eq!(asked, ["Table(\"02\")", "Figure(\"ma-tran\")"]);
        assert!(
            matches!(&blocks[0], Block::Heading { level: 2, text } if plain_text(text) == "I. KẾT QUẢ")
        );
        let Block::Paragraph { text, .. } = &blocks[1] else {
            panic!()
        };
        assert_eq!(plain_text(text), "Có 09/16 xã đạt tiêu chí.");
        assert!(text.iter().any(|i| i.bold && i.text == "09/16"));
        assert!(matches!(&blocks[2], Block::Bullet { text } if plain_text(text) == "một"));
        assert_eq!(blocks.len(), 4);
    }

    #[test]
    fn escaped_names_survive() {
        let name = "Bản A|B *x* _y_";
        let blocks = parse(&format!("Tên: {}", escape(name)), &mut |_| None);
        let Block::Paragraph { text, .. } = &blocks[0] else {
            panic!()
        };
        assert_eq!(plain_text(text), format!("Tên: {name}"));
    }
}
