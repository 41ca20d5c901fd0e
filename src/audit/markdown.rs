//! Markdown reports, read with a real Markdown parser: each paragraph, heading, list item
//! and table cell becomes a unit whose text is what a reader sees (emphasis, escapes and
//! links resolved, pictures and HTML comments left out), mapped back to the source.

use super::document::{Block, Cell, Document, Place, Unit};
use crate::source::SourceFile;
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// Reads a Markdown report.
pub fn read(src: SourceFile) -> Document {
    let mut units = Vec::new();
    let mut cur: Option<Unit> = None;
    let mut in_image = 0;
    let mut heading: Option<u8> = None;
    let mut cell: Option<Cell> = None;
    let (mut tables, mut row, mut col) = (0, 0, 0);
    let flush = |cur: &mut Option<Unit>, units: &mut Vec<Unit>| {
        if let Some(u) = cur.take()
            && !u.text.trim().is_empty()
        {
            units.push(u);
        }
    };
    let parser = Parser::new_ext(&src.text, Options::ENABLE_TABLES).into_offset_iter();
    for (event, range) in parser {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                flush(&mut cur, &mut units);
                heading = Some(level_number(level));
            }
            Event::End(TagEnd::Heading(_)) => {
                flush(&mut cur, &mut units);
                heading = None;
            }
            Event::Start(Tag::Table(_)) => {
                tables += 1;
                row = 0;
            }
            Event::Start(Tag::TableHead | Tag::TableRow) => {
                row += 1;
                col = 0;
            }
            Event::Start(Tag::TableCell) => {
                flush(&mut cur, &mut units);
                col += 1;
                cell = Some(Cell {
                    table: tables,
                    row,
                    col,
                });
            }
            Event::End(TagEnd::TableCell) => {
                flush(&mut cur, &mut units);
                cell = None;
            }
            Event::Start(Tag::Paragraph | Tag::Item)
            | Event::End(TagEnd::Paragraph | TagEnd::Item) => flush(&mut cur, &mut units),
            Event::Start(Tag::Image { .. }) => in_image += 1,
            Event::End(TagEnd::Image) => in_image -= 1,
            Event::Text(t) | Event::Code(t) if in_image == 0 => {
                let u = cur.get_or_insert_with(|| Unit {
                    text: String::new(),
                    place: Place::Text,
                    block: match (heading, cell) {
                        (Some(l), _) => Block::Heading(l),
                        (None, Some(_)) => Block::Cell,
                        _ => Block::Paragraph,
                    },
                    map: Vec::new(),
                    cell,
                });
                // Escaped text is shorter than its source: map its start only.
                let at = if t.len() == range.len() {
                    range.start
                } else {
                    src.text[range.clone()]
                        .find(t.chars().next().unwrap_or(' '))
                        .map_or(range.start, |k| range.start + k)
                };
                u.map.push((u.text.len(), at));
                u.text.push_str(&t);
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(u) = cur.as_mut() {
                    u.text.push(' ');
                }
            }
            _ => {}
        }
    }
    flush(&mut cur, &mut units);
    Document {
        name: src.name.clone(),
        units,
        source: Some(src),
    }
}

fn level_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_are_what_a_reader_sees() {
        let text = "# BÁO CÁO\n\n**Tiêu chí số 02 - Giao thông:** Có 04/16 xã\n(A, B).\n\n- một\n- hai \\| ba\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n![Hình 1](h.svg)\n";
        let doc = read(SourceFile::from_text("r.md".into(), text));
        let texts: Vec<&str> = doc.units.iter().map(|u| u.text.as_str()).collect();
        assert_eq!(
            texts,
            vec![
                "BÁO CÁO",
                "Tiêu chí số 02 - Giao thông: Có 04/16 xã (A, B).",
                "một",
                "hai | ba",
                "a",
                "b",
                "1",
                "2"
            ]
        );
        assert_eq!(doc.units[0].block, Block::Heading(1));
        let at = doc.units[1].text.find("(A").unwrap();
        let loc = doc.locate(1, at);
        assert_eq!((loc.line, loc.col), (Some(4), 1));
    }
}
