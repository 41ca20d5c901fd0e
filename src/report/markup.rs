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

/// Parses Markdown into blocks; `resolve` supplies the blocks a marker stands for (none:
/// the marker is dropped).
pub fn parse<'f>(
    markdown: &str,
    resolve: &mut dyn FnMut(Marker<'_>) -> Vec<Block<'f>>,
) -> Vec<Block<'f>> {
    let markdown = isolate_markers(markdown);
    let markdown = markdown.as_ref();
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
        if heading.is_none() {
            for i in text.iter_mut() {
                if let Some(t) = without_repeated_clauses(&i.text) {
                    i.text = t;
                }
            }
        }
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
                    blocks.extend(resolve(marker));
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
                    let widths = column_widths(&head, &rows);
                    blocks.push(Block::Table(Table {
                        columns: head.iter().map(|c| c.text.clone()).collect(),
                        header: vec![head.into_iter().map(Cell::bold).collect()],
                        rows: rows.into(),
                        widths,
                    }));
                }
            }
            _ => {}
        }
    }
    flush(&mut blocks, &mut text, heading, in_item);
    blocks
}

/// The relative widths of a pipe table's columns, from what they hold: a column is as wide
/// as its longest value (up to 30 characters, beyond which it wraps), and never narrower
/// than its header's longest word or half its header, so that a number column stays
/// narrow and a name column gets the room.
fn column_widths(head: &[Cell], rows: &[Vec<Cell>]) -> Vec<u32> {
    let chars = |s: &str| u32::try_from(s.chars().count()).unwrap_or(u32::MAX);
    head.iter()
        .enumerate()
        .map(|(k, h)| {
            let body = rows
                .iter()
                .filter_map(|r| r.get(k))
                .map(|c| chars(&c.text))
                .max()
                .unwrap_or(0)
                .min(30);
            let word = h.text.split_whitespace().map(chars).max().unwrap_or(0);
            body.max(word).max(chars(&h.text) / 2).max(3)
        })
        .collect()
}

/// The text with every marker on a line of its own. A template whose whitespace control
/// glues text to a marker (`<!-- table:02 -->Ghi chú …`) would otherwise turn the line into
/// raw HTML, and the table would silently be lost.
fn isolate_markers(markdown: &str) -> std::borrow::Cow<'_, str> {
    let glued = |i: usize| {
        let rest = &markdown[i..];
        let end = rest.find("-->").map_or(rest.len(), |e| e + 3);
        let before = markdown[..i].ends_with('\n') || i == 0;
        let after = rest[end..].starts_with('\n') || end == rest.len();
        !(before && after)
    };
    let starts: Vec<usize> = markdown
        .match_indices("<!--")
        .map(|(i, _)| i)
        .filter(|&i| Marker::of(marker_text(&markdown[i..])).is_some() && glued(i))
        .collect();
    if starts.is_empty() {
        return std::borrow::Cow::Borrowed(markdown);
    }
    let mut out = String::with_capacity(markdown.len() + 4 * starts.len());
    let mut from = 0;
    for i in starts {
        let end = i + marker_text(&markdown[i..]).len();
        out.push_str(&markdown[from..i]);
        out.push_str("\n\n");
        out.push_str(&markdown[i..end]);
        out.push_str("\n\n");
        from = end;
    }
    out.push_str(&markdown[from..]);
    std::borrow::Cow::Owned(out)
}

/// The markers of a text, in order, as [`parse`] finds them.
pub fn markers(markdown: &str) -> impl Iterator<Item = Marker<'_>> {
    markdown
        .match_indices("<!--")
        .filter_map(|(i, _)| Marker::of(marker_text(&markdown[i..])))
}

/// The comment `<!-- … -->` at the start of `s`.
fn marker_text(s: &str) -> &str {
    s.find("-->").map_or(s, |e| &s[..e + 3])
}

/// The text without a clause that repeats the one just before it, or `None` when no clause
/// does. A template's phrase followed by a note from the data that says the same ("…; đang
/// triển khai thực hiện. Đang triển khai thực hiện.") reads as one phrase. Clauses end at
/// `.` or `;` before a space; they are compared without case and final punctuation, and only
/// clauses of two words or more count.
pub fn without_repeated_clauses(s: &str) -> Option<String> {
    let mut pieces: Vec<&str> = Vec::new();
    let mut start = 0;
    let bytes = s.as_bytes();
    for (i, b) in bytes.iter().enumerate() {
        if (*b == b'.' || *b == b';') && bytes.get(i + 1) == Some(&b' ') {
            pieces.push(&s[start..i + 2]);
            start = i + 2;
        }
    }
    pieces.push(&s[start..]);
    let key = |p: &str| {
        p.trim()
            .trim_end_matches(['.', ';', ',', ' '])
            .to_lowercase()
    };
    let mut out = String::with_capacity(s.len());
    let mut prev = String::new();
    let mut dropped = false;
    for p in pieces {
        let k = key(p);
        if !k.is_empty() && k == prev && k.split_whitespace().count() >= 2 {
            dropped = true;
            // The kept clause takes the dropped one's final stop ("…; X. X." → "…; X.").
            if p.trim_end().ends_with('.') && out.trim_end().ends_with(';') {
                let end = out.trim_end().len();
                out.truncate(end - 1);
                out.push_str(". ");
            }
            continue;
        }
        prev = k;
        out.push_str(p);
    }
    if !dropped {
        return None;
    }
    let end = out.trim_end().len();
    out.truncate(end);
    Some(out)
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
    // The special characters are ASCII, and no byte of a longer UTF-8 sequence is: a byte
    // scan finds them, and cuts only between characters (a value of 50 MB is escaped in a
    // blink, even unoptimised).
    let special = |b: u8| {
        matches!(
            b,
            b'\\' | b'`' | b'*' | b'_' | b'[' | b']' | b'<' | b'>' | b'|' | b'#'
        )
    };
    let mut start = 0;
    for (i, &b) in s.as_bytes().iter().enumerate() {
        if special(b) {
            out.push_str(&s[start..i]);
            out.push('\\');
            out.push(char::from(b));
            start = i + 1;
        }
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
            Vec::new()
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
    fn a_marker_glued_to_text_still_places_its_table() {
        for md in [
            "<!-- table:02 -->Ghi chú: x.",
            "Trên.<!-- table:02 -->\n\nGhi chú: x.",
        ] {
            let mut asked = Vec::new();
            let blocks = parse(md, &mut |m| {
                asked.push(format!("{m:?}"));
                Vec::new()
            });
            assert_eq!(asked, ["Table(\"02\")"], "{md}");
            assert!(
                blocks
                    .iter()
                    .any(|b| matches!(b, Block::Paragraph { text, .. } if plain_text(text) == "Ghi chú: x.")),
                "{md}: {blocks:?}"
            );
        }
    }

    #[test]
    fn a_clause_said_twice_in_a_row_is_said_once() {
        let t = |s: &str| without_repeated_clauses(s);
        assert_eq!(
            t("1.570 triệu đồng; đang triển khai thực hiện. Đang triển khai thực hiện").as_deref(),
            Some("1.570 triệu đồng; đang triển khai thực hiện.")
        );
        assert_eq!(
            t("Vốn: 1.868 triệu đồng; đang triển khai thực hiện; Đang triển khai thực hiện.")
                .as_deref(),
            Some("Vốn: 1.868 triệu đồng; đang triển khai thực hiện.")
        );
        // Different clauses, decimals and one-word repeats stay.
        assert_eq!(t("Đạt 1.570 triệu đồng. Đạt 1.868 triệu đồng."), None);
        assert_eq!(t("Có. Có."), None);
        let blocks = parse(
            "- A: 5 triệu đồng; đang làm. Đang làm\n",
            &mut |_| Vec::new(),
        );
        assert!(
            matches!(&blocks[0], Block::Bullet { text } if plain_text(text) == "A: 5 triệu đồng; đang làm.")
        );
    }

    #[test]
    fn escaped_names_survive() {
        let name = "Bản A|B *x* _y_";
        let blocks = parse(&format!("Tên: {}", escape(name)), &mut |_| Vec::new());
        let Block::Paragraph { text, .. } = &blocks[0] else {
            panic!()
        };
        assert_eq!(plain_text(text), format!("Tên: {name}"));
    }
}
