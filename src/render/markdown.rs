//! The document model as Markdown: the report and one file per appendix.

use crate::report::markup::escape;
use crate::report::model::{Appendix, Block, Cell, Document, Inline, Table};

/// The report's Markdown text.
pub fn report(doc: &Document) -> String {
    let h = &doc.header;
    let mut out = String::new();
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
    out
}

/// One appendix as its own Markdown file.
pub fn appendix(a: &Appendix) -> String {
    let mut out = format!("# PHỤ BIỂU {}\n\n", escape(&a.code));
    out.push_str(&format!("**{}**\n\n", inlines(&a.title)));
    if !a.subtitle.is_empty() {
        out.push_str(&format!("{}\n\n", inlines(&a.subtitle)));
    }
    blocks(&mut out, &a.blocks, 1);
    out
}

fn blocks(out: &mut String, blocks: &[Block], shift: u8) {
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

/// Expands spans into a grid of `n` columns (a spanned cell's text goes to its first
/// position, the others stay empty).
pub fn grid(rows: &[Vec<Cell>], n: usize) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut pending = vec![0usize; n];
    for row in rows {
        let mut line = vec![String::new(); n];
        let mut cells = row.iter();
        let mut col = 0;
        while col < n {
            if pending[col] > 0 {
                pending[col] -= 1;
                col += 1;
                continue;
            }
            let Some(c) = cells.next() else { break };
            line[col] = c.text.clone();
            for p in pending.iter_mut().skip(col).take(c.colspan) {
                *p = c.rowspan.saturating_sub(1);
            }
            col += c.colspan.max(1);
        }
        out.push(line);
    }
    out
}

fn table(out: &mut String, t: &Table) {
    let n = t.columns.len();
    let row = |cells: &[String]| {
        format!(
            "| {} |\n",
            cells
                .iter()
                .map(|c| escape(c))
                .collect::<Vec<_>>()
                .join(" | ")
        )
    };
    out.push_str(&row(&t.columns));
    out.push_str(&format!("|{}\n", "---|".repeat(n)));
    for r in grid(&t.rows, n) {
        out.push_str(&row(&r));
    }
}
