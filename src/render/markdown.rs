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

/// One appendix as its own Markdown file.
pub fn appendix(a: &AppendixSection) -> String {
    let mut out = Vec::new();
    write_appendix(a, &mut out).expect("writing into memory does not fail");
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
    blocks(&mut out, &doc.body, 1);
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

/// Writes one appendix's Markdown file to `sink`.
pub fn write_appendix(a: &AppendixSection, sink: &mut dyn Write) -> io::Result<()> {
    let mut out = Out::new(sink);
    out.push_str(&format!("# {}\n\n", escape(&a.label())));
    out.push_str(&format!("**{}**\n\n", inlines(&a.title)));
    if !a.subtitle.is_empty() {
        out.push_str(&format!("{}\n\n", inlines(&a.subtitle)));
    }
    blocks(&mut out, &a.blocks, 1);
    out.finish()
}

/// Markdown text on its way to a sink.
struct Out<'w>(Chunked<'w>);

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

fn blocks(out: &mut Out, blocks: &[Block], shift: u8) {
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
            Block::Paragraph { text, .. } => out.push_str(&format!("{}\n\n", inlines(text))),
            Block::Bullet { text } => out.push_str(&format!("- {}\n", inlines(text))),
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
