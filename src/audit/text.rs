//! Plain text reports: a paragraph per line (a line that starts in lower case continues the
//! one before, as when text was wrapped), with the markers text exports of Word documents
//! leave: `[bookmark: …]` and `[footnoteRef:N]` are dropped, and a footnote's text
//! `[N: …]` becomes a unit of its own.

use super::document::{Block, Document, Place, Unit};
use crate::source::SourceFile;

/// Reads a plain text report.
pub fn read(src: SourceFile) -> Document {
    let mut units = Vec::new();
    let text = &src.text;
    let mut pending: Option<Unit> = None;
    let mut offset = 0;
    for line in text.split('\n') {
        let start = offset;
        offset += line.len() + 1;
        let trimmed = line.trim();
        if trimmed.is_empty() {
            units.extend(pending.take());
            continue;
        }
        let lead = line.len() - line.trim_start().len();
        let continues = lead == 0
            && wraps(trimmed)
            && pending.as_ref().is_some_and(|p| {
                p.text
                    .trim_end()
                    .chars()
                    .last()
                    .is_some_and(|c| c.is_alphanumeric() || c == ',')
            });
        let (body, notes) = strip_markers(trimmed, start + lead);
        match (&mut pending, continues) {
            (Some(p), true) => {
                p.text.push(' ');
                for (t, s) in body.pieces {
                    p.map.push((p.text.len(), s));
                    p.text.push_str(&t);
                }
            }
            _ => {
                units.extend(pending.take());
                let mut u = Unit {
                    text: String::new(),
                    place: Place::Text,
                    block: Block::Paragraph,
                    map: Vec::new(),
                    cell: None,
                };
                for (t, s) in body.pieces {
                    u.map.push((u.text.len(), s));
                    u.text.push_str(&t);
                }
                pending = Some(u);
            }
        }
        if !notes.is_empty() {
            units.extend(pending.take());
            units.extend(notes);
        }
    }
    units.extend(pending.take());
    units.retain(|u| !u.text.trim().is_empty());
    Document {
        name: src.name.clone(),
        units,
        source: Some(src),
    }
}

/// Whether a line reads as the rest of the line before: it starts in lower case, and not
/// with a list marker ("b)", "đ)").
fn wraps(line: &str) -> bool {
    let mut chars = line.chars();
    let first = chars.next();
    first.is_some_and(char::is_lowercase) && chars.next() != Some(')')
}

/// Text pieces copied from the source, each with its source offset.
#[derive(Default)]
struct Pieces {
    pieces: Vec<(String, usize)>,
}

impl Pieces {
    fn push(&mut self, text: &str, at: usize) {
        if !text.is_empty() {
            self.pieces.push((text.to_string(), at));
        }
    }
}

/// A line without its markers, and the footnotes it holds.
fn strip_markers(line: &str, base: usize) -> (Pieces, Vec<Unit>) {
    let mut body = Pieces::default();
    let mut notes = Vec::new();
    let mut rest = 0;
    let mut i = 0;
    let bytes = line.as_bytes();
    while i < bytes.len() {
        if bytes[i] != b'[' {
            i += 1;
            continue;
        }
        let Some(close) = matching(line, i) else {
            i += 1;
            continue;
        };
        let inner = &line[i + 1..close];
        let marker = inner.starts_with("bookmark:") || inner.starts_with("footnoteRef:");
        let note = inner
            .split_once(':')
            .filter(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
        if marker || note.is_some() {
            body.push(&line[rest..i], base + rest);
            if let (false, Some((_, text))) = (marker, note) {
                let lead = text.len() - text.trim_start().len();
                let at = base + i + 1 + inner.len() - text.len() + lead;
                notes.push(Unit {
                    text: text.trim().to_string(),
                    place: Place::Text,
                    block: Block::Footnote,
                    map: vec![(0, at)],
                    cell: None,
                });
            }
            rest = close + 1;
            i = close + 1;
        } else {
            i += 1;
        }
    }
    body.push(&line[rest..], base + rest);
    (body, notes)
}

/// The `]` closing the `[` at byte `open`.
fn matching(line: &str, open: usize) -> Option<usize> {
    let mut depth = 0;
    for (k, c) in line[open..].char_indices() {
        match c {
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    return Some(open + k);
                }
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_go_and_footnotes_become_units() {
        let src = SourceFile::from_text(
            "r.txt".into(),
            "[bookmark: _H1]Kiện toàn Văn phòng[footnoteRef:1]; 16/16 xã. [1:  Quyết định số 970]\nhai\n\nBa",
        );
        let doc = read(src);
        let texts: Vec<&str> = doc.units.iter().map(|u| u.text.as_str()).collect();
        assert_eq!(
            texts,
            vec![
                "Kiện toàn Văn phòng; 16/16 xã. ",
                "Quyết định số 970",
                "hai",
                "Ba"
            ]
        );
        assert_eq!(doc.units[1].block, Block::Footnote);
        let at = doc.units[0].text.find("16/16").unwrap();
        let loc = doc.locate(0, at);
        assert_eq!((loc.line, loc.col), (Some(1), 52));
        let loc = doc.locate(1, 0);
        let line = doc.source.as_ref().unwrap().text.lines().next().unwrap();
        let quyet = line[..line.find("Quyết").unwrap()].chars().count() + 1;
        assert_eq!(loc.col, quyet);
    }

    #[test]
    fn a_wrapped_line_continues_its_paragraph() {
        let doc = read(SourceFile::from_text(
            "r.txt".into(),
            "trong nông\nnghiệp nông thôn.\nMới",
        ));
        assert_eq!(doc.units[0].text, "trong nông nghiệp nông thôn.");
        let at = doc.units[0].text.find("nghiệp").unwrap();
        assert_eq!(doc.locate(0, at).line, Some(2));
    }
}
