//! The report model: the facts and the year's narrative, through the templates, into one
//! [`model::Document`] that every writer renders.

pub mod chart;
pub mod markup;
pub mod model;
pub mod templates;
pub mod view;

use crate::appendix::Appendix;
use crate::diagnostic::{Diagnostics, Message};
use crate::facts::Facts;
use minijinja::Value;
use model::{AppendixSection, Block, Document, Header, Inline, Text};
use std::collections::BTreeMap;
use templates::Templates;

/// The template context: the formatted view of the facts plus the narrative fragments
/// (Markdown, passed through unescaped). Missing fragments become visible placeholders,
/// each with a warning.
fn context(facts: &Facts, narrative: &BTreeMap<String, String>, diags: &mut Diagnostics) -> Value {
    let view = view::view(facts);
    let mut map: BTreeMap<String, Value> = BTreeMap::new();
    if let serde_json::Value::Object(o) = view {
        for (k, v) in o {
            map.insert(k, Value::from(minijinja::value::Serde(v)));
        }
    }
    let mut frags: BTreeMap<String, Value> = BTreeMap::new();
    for (name, text) in
        crate::narrative::fragments(facts.year, facts.ruleset.components.len(), narrative, diags)
    {
        frags.insert(name.to_string(), Value::from_safe_string(text));
    }
    map.insert("narrative".into(), Value::from(frags));
    Value::from(map)
}

/// Renders one template within what is left of the report's total output (`room`, taken
/// from as it writes); `None` with the error when it fails.
fn render_one(
    templates: &Templates,
    name: &str,
    ctx: &Value,
    room: &mut usize,
    diags: &mut Diagnostics,
) -> Option<String> {
    match templates.render_within(name, ctx, *room) {
        Ok((s, _)) => {
            *room -= s.len();
            Some(s)
        }
        Err(d) => {
            if matches!(d.message, Message::TemplatesTooLarge { .. }) {
                *room = 0;
            }
            diags.extend_one(*d);
            None
        }
    }
}

/// The templates' output for a year: the Markdown of the subject line, the body and each
/// appendix, before their table and figure markers are resolved against the facts.
#[derive(Debug)]
pub struct Rendered {
    subject: String,
    body: String,
    appendices: Vec<(Appendix, String)>,
}

/// Renders the templates of a year's report; `None` (with diagnostics) when one fails.
pub fn render(
    facts: &Facts,
    narrative: &BTreeMap<String, String>,
    templates: &Templates,
    diags: &mut Diagnostics,
) -> Option<Rendered> {
    let ctx = context(facts, narrative, diags);
    // What is left of the total the templates may write (`MAX_TOTAL_OUTPUT`); once it is
    // crossed, the templates after are not run.
    let mut room = templates::MAX_TOTAL_OUTPUT;
    let subject = render_one(templates, "trich-yeu.md", &ctx, &mut room, diags);
    let body = render_one(templates, "bao-cao.md", &ctx, &mut room, diags);
    let mut appendices = Vec::new();
    for appendix in Appendix::of(facts) {
        if room == 0 {
            break;
        }
        let ctx = minijinja::context! {
            code => appendix.code(),
            title => appendix.title(facts),
            ..ctx.clone()
        };
        if let Some(text) = render_one(templates, "phu-bieu.md", &ctx, &mut room, diags) {
            appendices.push((appendix, text));
        }
    }
    let rendered = Rendered {
        subject: subject?,
        body: body?,
        appendices,
    };
    repeated_tables(&rendered, templates, diags);
    Some(rendered)
}

/// Warns of every table placed more than once: [`assemble`] places each table once, at its
/// first marker (as it places each figure once), so that a template cannot multiply the
/// report's largest tables by printing their marker in a loop. The warning is at the first
/// template that repeats the table.
fn repeated_tables(rendered: &Rendered, templates: &Templates, diags: &mut Diagnostics) {
    let parts = std::iter::once(("bao-cao.md", rendered.body.as_str())).chain(
        rendered
            .appendices
            .iter()
            .map(|(_, text)| ("phu-bieu.md", text.as_str())),
    );
    // Each table: how many times it is placed, and the template of its first repeat.
    let mut placed: Vec<(Appendix, usize, &str)> = Vec::new();
    for (name, text) in parts {
        for m in markup::markers(text) {
            let markup::Marker::Table(code) = m else {
                continue;
            };
            let Some(a) = Appendix::from_code(code) else {
                continue;
            };
            match placed.iter_mut().find(|(p, _, _)| *p == a) {
                Some((_, times, at)) => {
                    if *times == 1 {
                        *at = name;
                    }
                    *times += 1;
                }
                None => placed.push((a, 1, name)),
            }
        }
    }
    for (a, times, at) in placed.into_iter().filter(|p| p.1 > 1) {
        let message = Message::TableRepeated {
            code: a.code().to_string(),
            times,
        };
        diags.warning_in(Some(templates.origin(at)), message);
    }
}

/// The document model of rendered templates: markers resolved into the appendices' tables
/// and the figures.
pub fn assemble<'f>(facts: &'f Facts, rendered: &Rendered) -> Document<'f> {
    // Each table goes in once, at its first marker (body first, then the appendices).
    let mut tables: Vec<Appendix> = Vec::new();
    let mut appendices = Vec::new();
    let mut parsed = Vec::new();
    // Figures are numbered in the order their markers appear in the body.
    let mut figures: Vec<String> = Vec::new();
    let body = markup::parse(&rendered.body, &mut |m| match m {
        markup::Marker::Figure(slug) if !figures.iter().any(|s| s == slug) => {
            let Some(f) = chart::figure(slug, figures.len() as u32 + 1, facts) else {
                return Vec::new();
            };
            figures.push(slug.to_string());
            vec![Block::Figure(f)]
        }
        m => tables_once(m, facts, &mut tables),
    });
    for (appendix, text) in &rendered.appendices {
        parsed.push((
            appendix,
            markup::parse(text, &mut |m| tables_once(m, facts, &mut tables)),
        ));
    }
    for (appendix, mut blocks) in parsed {
        let title = take_first(&mut blocks, |b| matches!(b, Block::Heading { .. }));
        let subtitle = take_first(&mut blocks, |b| matches!(b, Block::Paragraph { .. }));
        appendices.push(AppendixSection {
            appendix: *appendix,
            title,
            subtitle,
            orientation: appendix.orientation(),
            blocks,
        });
    }
    Document {
        header: header(facts, unescape(rendered.subject.trim())),
        body,
        appendices,
    }
}

/// Compiles the report of a year ([`render`], then [`assemble`]); `None` (with
/// diagnostics) when a template fails.
pub fn compile<'f>(
    facts: &'f Facts,
    narrative: &BTreeMap<String, String>,
    templates: &Templates,
    diags: &mut Diagnostics,
) -> Option<Document<'f>> {
    render(facts, narrative, templates, diags).map(|r| assemble(facts, &r))
}

/// Resolves a table marker into the appendix's blocks (its table, or for appendix 02a a
/// table per criterion with its caption and legend), unless that table is already among
/// `placed` (a table goes in once: [`repeated_tables`] warns of the others); figures go
/// only in the body, once each.
fn tables_once<'f>(
    m: markup::Marker<'_>,
    facts: &'f Facts,
    placed: &mut Vec<Appendix>,
) -> Vec<Block<'f>> {
    match m {
        markup::Marker::Table(code) => match Appendix::from_code(code) {
            Some(a) if !placed.contains(&a) => {
                placed.push(a);
                a.blocks(facts)
            }
            _ => Vec::new(),
        },
        markup::Marker::Figure(_) => Vec::new(),
    }
}

/// Takes the text of the first block matching `pick` out of `blocks`.
fn take_first(blocks: &mut Vec<Block>, pick: impl Fn(&Block) -> bool) -> Text {
    match blocks.iter().position(pick) {
        Some(i) => match blocks.remove(i) {
            Block::Heading { text, .. }
            | Block::Paragraph { text, .. }
            | Block::Bullet { text } => text,
            Block::Table(_) | Block::Figure(_) => Vec::new(),
        },
        None => Vec::new(),
    }
}

fn unescape(s: &str) -> String {
    model::plain_text(
        &markup::parse(s, &mut |_| Vec::new())
            .into_iter()
            .flat_map(|b| match b {
                Block::Heading { text, .. }
                | Block::Paragraph { text, .. }
                | Block::Bullet { text } => text,
                Block::Table(_) | Block::Figure(_) => Vec::<Inline>::new(),
            })
            .collect::<Vec<_>>(),
    )
}

fn header(f: &Facts, subject: String) -> Header {
    Header {
        parent_body: f.issuer.parent_upper(),
        issuing_body: f.issuer.name.to_uppercase(),
        number_line: format!("Số: {}", f.report.number),
        national_name: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".into(),
        motto: "Độc lập - Tự do - Hạnh phúc".into(),
        place_date: f.report.date.place_line(&f.unit.place),
        kind: "BÁO CÁO".into(),
        subject,
        signer_on_behalf: f.signer.on_behalf.clone(),
        signer_position: f.signer.position.clone(),
        signer_name: f.signer.name.clone(),
        recipients: f.recipients.clone(),
    }
}
