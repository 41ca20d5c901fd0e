//! The document model as Markdown: the report and one file per appendix. Text is gathered
//! in a buffer that is handed to the sink in large chunks, so an appendix of any length is
//! written in linear time and bounded memory.

use super::chunked::Chunked;
use crate::report::markup::{escape, escape_into};
use crate::report::model::{AppendixSection, Block, Document, Inline, Rows, Table};
use std::io::{self, Write};

/// The report's Markdown text.
pub fn report(doc: &Document) -> String {
    let mut out = Vec::new();
    write_report(doc, &mut out).expect("writing into memory does not fail");
    String::from_utf8(out).expect("Markdown is UTF-8")
}

/// One of `doc`'s appendices as its own Markdown file.
pub fn appendix(doc: &Document, a: &AppendixSection) -> String {
    let mut out = Vec::new();
    write_appendix(doc, a, &mut out).expect("writing into memory does not fail");
    String::from_utf8(out).expect("Markdown is UTF-8")
}

/// Writes the report's Markdown text to `sink`.
pub fn write_report(doc: &Document, sink: &mut dyn Write) -> io::Result<()> {
    let h = &doc.header;
    let mut out = Out::new(sink);
    if !h.parent_body.is_empty() {
        out.push_str(&format!("{}\\\n", escape(&h.parent_body)));
    }
    out.push_str(&format!(
        "**{}**\\\n{}\n\n",
        escape(&h.issuing_body),
        escape(&h.number_line)
    ));
    out.push_str(&format!(
        "**{}**\\\n**{}**\n\n",
        escape(&h.national_name),
        escape(&h.motto)
    ));
    out.push_str(&format!("*{}*\n\n", escape(&h.place_date)));
    out.push_str(&format!(
        "# {}\n\n**{}**\n\n",
        escape(&h.kind),
        escape(&h.subject)
    ));
    let links = Links::new(doc, "phu-bieu/");
    blocks(&mut out, &doc.body, 1, &links);
    out.push_str("**Nơi nhận:**\n\n");
    for r in &h.recipients {
        out.push_str(&format!("- {}\n", escape(r)));
    }
    out.push('\n');
    let mut sig: Vec<String> = Vec::new();
    if !h.signer_on_behalf.is_empty() {
        sig.push(format!("**{}**", escape(&h.signer_on_behalf)));
    }
    sig.push(format!("**{}**", escape(&h.signer_position)));
    out.push_str(&sig.join("\\\n"));
    out.push_str(&format!("\n\n**{}**\n", escape(&h.signer_name)));
    out.finish()
}

/// Writes the Markdown file of `a`, one of `doc`'s appendices, to `sink`; a mention of
/// another appendix of the report links to its file.
pub fn write_appendix(doc: &Document, a: &AppendixSection, sink: &mut dyn Write) -> io::Result<()> {
    let mut out = Out::new(sink);
    out.push_str(&format!("# {}\n\n", escape(&a.label())));
    out.push_str(&format!("**{}**\n\n", inlines(&a.title)));
    if !a.subtitle.is_empty() {
        out.push_str(&format!("{}\n\n", inlines(&a.subtitle)));
    }
    let links = Links::new(doc, "");
    blocks(&mut out, &a.blocks, 1, &links);
    out.finish()
}

/// The appendices a text may link to, and where their files are from the text's file.
struct Links<'a> {
    codes: Vec<String>,
    prefix: &'a str,
}

impl<'a> Links<'a> {
    fn new(doc: &Document, prefix: &'a str) -> Self {
        Links {
            codes: doc
                .appendices
                .iter()
                .map(|a| a.code().to_string())
                .collect(),
            prefix,
        }
    }

    /// `md` with each mention of appendices ("Phụ biểu 02, 02a", "phụ biểu số 07") linked
    /// to their files: `[Phụ biểu 02](phu-bieu/phu-bieu-02.md), [02a](…)`. A code the
    /// report has no appendix for stays plain text.
    fn apply(&self, md: &str) -> String {
        if self.codes.is_empty() {
            return md.to_string();
        }
        let mut out = String::with_capacity(md.len() + 64);
        let mut rest = md;
        while let Some(i) = rest.find("hụ biểu ") {
            // "Phụ biểu" or "phụ biểu": the letter before is one byte.
            let Some(start) = i
                .checked_sub(1)
                .filter(|s| matches!(&rest[*s..i], "P" | "p"))
            else {
                out.push_str(&rest[..i + 1]);
                rest = &rest[i + 1..];
                continue;
            };
            let head_end = i + "hụ biểu ".len();
            let after_so = rest[head_end..]
                .strip_prefix("số ")
                .map_or(0, |_| "số ".len());
            let mut at = head_end + after_so;
            let mut first = true;
            let mut pieces: Vec<(usize, usize)> = Vec::new();
            loop {
                let code_len = rest[at..]
                    .char_indices()
                    .take_while(|(k, c)| {
                        c.is_ascii_digit() && *k < 2 || (*k == 2 && c.is_ascii_lowercase())
                    })
                    .count();
                let code = &rest[at..at + code_len];
                if code_len < 2 || !self.codes.iter().any(|c| c == code) {
                    break;
                }
                pieces.push((at, at + code_len));
                first = false;
                let sep = [", ", " và "]
                    .into_iter()
                    .find(|s| rest[at + code_len..].starts_with(s));
                match sep {
                    Some(s) => at += code_len + s.len(),
                    None => break,
                }
            }
            if first {
                out.push_str(&rest[..head_end]);
                rest = &rest[head_end..];
                continue;
            }
            out.push_str(&rest[..start]);
            let mut from = start;
            for (k, (a, b)) in pieces.iter().enumerate() {
                let label_start = if k == 0 { start } else { *a };
                out.push_str(&rest[from..label_start]);
                out.push('[');
                out.push_str(&rest[label_start..*b]);
                out.push_str(&format!("]({}phu-bieu-{}.md)", self.prefix, &rest[*a..*b]));
                from = *b;
            }
            rest = &rest[from..];
        }
        out.push_str(rest);
        out
    }
}

/// One sentence per line (semantic line breaks), so that a diff between two years shows
/// the sentence that changed: a line ends after `.`, `!` or `?` when the next sentence
/// starts with a capital letter. Continuation lines get `indent` (for list items).
/// Abbreviations of one or two capitals ("TT. Huyện ủy") do not end a sentence.
fn sentence_lines(md: &str, indent: &str) -> String {
    let mut out = String::with_capacity(md.len() + 16);
    let mut chars = md.char_indices().peekable();
    let mut last_break = 0;
    while let Some((i, c)) = chars.next() {
        out.push(c);
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let rest = &md[i + c.len_utf8()..];
        let Some(next) = rest.strip_prefix(' ') else {
            continue;
        };
        let starts_sentence = next.chars().next().is_some_and(char::is_uppercase);
        let word: &str = md[last_break..i].rsplit(' ').next().unwrap_or("");
        let abbreviation = c == '.'
            && (1..=2).contains(&word.chars().count())
            && word.chars().all(char::is_uppercase);
        if starts_sentence && !abbreviation {
            out.push('\n');
            out.push_str(indent);
            chars.next(); // the space
            last_break = i + c.len_utf8() + 1;
        }
    }
    out
}

/// Markdown text on its way to a sink.
struct Out<'w>(Chunked<&'w mut dyn std::io::Write>);

impl<'w> Out<'w> {
    fn new(sink: &'w mut dyn Write) -> Self {
        Out(Chunked::new(sink))
    }

    fn push_str(&mut self, s: &str) {
        self.0.buf.push_str(s);
    }

    fn push(&mut self, c: char) {
        self.0.buf.push(c);
    }

    fn flush_if_full(&mut self) {
        self.0.flush_if_full();
    }

    fn finish(self) -> io::Result<()> {
        self.0.finish()
    }
}

fn blocks(out: &mut Out, blocks: &[Block], shift: u8, links: &Links) {
    let mut in_list = false;
    for b in blocks {
        let is_item = matches!(b, Block::Bullet { .. });
        if in_list && !is_item {
            out.push('\n');
        }
        in_list = is_item;
        match b {
            Block::Heading { level, text } => {
                let hashes = "#".repeat(usize::from((level + shift).min(6)));
                out.push_str(&format!("{hashes} {}\n\n", inlines(text)));
            }
            Block::Paragraph { text, .. } => {
                let md = links.apply(&sentence_lines(&inlines(text), ""));
                out.push_str(&format!("{md}\n\n"));
            }
            Block::Bullet { text } => {
                let md = links.apply(&sentence_lines(&inlines(text), "  "));
                out.push_str(&format!("- {md}\n"));
            }
            Block::Table(t) => {
                table(out, t);
                out.push('\n');
            }
            Block::Figure(f) => {
                // The picture (its SVG file beside the report), then its caption.
                let caption = escape(&f.full_caption());
                out.push_str(&format!("![{caption}](hinh/{}.svg)\n\n", f.slug));
                out.push_str(&format!("*{caption}*\n\n"));
            }
        }
        out.flush_if_full();
    }
    if in_list {
        out.push('\n');
    }
}

fn inlines(text: &[Inline]) -> String {
    let mut s = String::new();
    for i in text {
        let t = escape(&i.text);
        // Emphasis markers must hug the text: keep surrounding spaces outside them.
        let (lead, core, trail) = split_spaces(&t);
        let core = match (i.bold, i.italic) {
            (true, true) if !core.is_empty() => format!("***{core}***"),
            (true, false) if !core.is_empty() => format!("**{core}**"),
            (false, true) if !core.is_empty() => format!("*{core}*"),
            _ => core.to_string(),
        };
        s.push_str(lead);
        s.push_str(&core);
        s.push_str(trail);
    }
    s
}

fn split_spaces(t: &str) -> (&str, &str, &str) {
    let core = t.trim();
    let start = t.len() - t.trim_start().len();
    (&t[..start], core, &t[start + core.len()..])
}

/// Expands spans into a grid of `n` columns, row by row: calls `line` with each row's
/// texts (a spanned cell's text goes to its first position, the others stay empty).
fn grid(rows: &Rows, n: usize, mut line: impl FnMut(&mut dyn Iterator<Item = &str>)) {
    let mut pending = vec![0usize; n];
    // For each column, the index of the cell whose text it shows.
    let mut shown: Vec<Option<usize>> = vec![None; n];
    rows.for_each(|row| {
        shown.iter_mut().for_each(|s| *s = None);
        let mut cells = row.iter().enumerate();
        let mut col = 0;
        while col < n {
            if pending[col] > 0 {
                pending[col] -= 1;
                col += 1;
                continue;
            }
            let Some((i, c)) = cells.next() else { break };
            shown[col] = Some(i);
            for p in pending.iter_mut().skip(col).take(c.colspan) {
                *p = c.rowspan.saturating_sub(1);
            }
            col += c.colspan.max(1);
        }
        line(&mut shown.iter().map(|s| s.map_or("", |i| row[i].text.as_str())));
    });
}

fn table(out: &mut Out, t: &Table) {
    let n = t.columns.len();
    let row = |out: &mut Out, cells: &mut dyn Iterator<Item = &str>| {
        out.push_str("| ");
        for (i, c) in cells.enumerate() {
            if i > 0 {
                out.push_str(" | ");
            }
            escape_into(&mut out.0.buf, c);
        }
        out.push_str(" |\n");
        out.flush_if_full();
    };
    row(out, &mut t.columns.iter().map(String::as_str));
    out.push_str(&format!("|{}\n", "---|".repeat(n)));
    grid(&t.rows, n, |cells| row(out, cells));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_sentence_per_line() {
        assert_eq!(
            sentence_lines("Có 16/16 xã. Tỷ lệ 98,99%. Xem TT. Huyện ủy.", ""),
            "Có 16/16 xã.\nTỷ lệ 98,99%.\nXem TT. Huyện ủy."
        );
        // A list item's next sentence is indented under its text; numbers keep their dots.
        assert_eq!(
            sentence_lines("Vốn 1.570 triệu đồng. Đang triển khai.", "  "),
            "Vốn 1.570 triệu đồng.\n  Đang triển khai."
        );
        // A sentence that starts with a number (it could read as a list) stays on the line.
        assert_eq!(
            sentence_lines("Xong. 09 công trình.", ""),
            "Xong. 09 công trình."
        );
    }

    #[test]
    fn mentions_of_appendices_link_to_their_files() {
        let links = Links {
            codes: ["02", "02a", "07"].map(String::from).to_vec(),
            prefix: "phu-bieu/",
        };
        assert_eq!(
            links.apply("(Chi tiết tại Phụ biểu 02, 02a kèm theo.)"),
            "(Chi tiết tại [Phụ biểu 02](phu-bieu/phu-bieu-02.md), [02a](phu-bieu/phu-bieu-02a.md) kèm theo.)"
        );
        assert_eq!(
            links.apply("theo phụ biểu số 07 và Phụ biểu 09"),
            "theo [phụ biểu số 07](phu-bieu/phu-bieu-07.md) và Phụ biểu 09"
        );
    }
}
