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

/// The narrative fragments a report uses, by file stem, with what each is for.
pub const FRAGMENTS: &[(&str, &str)] = &[
    ("tuyen-truyen", "công tác tuyên truyền, vận động"),
    ("bo-may", "bộ máy chỉ đạo"),
    ("tap-huan", "đào tạo, tập huấn"),
    ("thanh-phan-1", "nội dung thành phần 1.1"),
    ("thanh-phan-2", "nội dung thành phần 1.2"),
    ("thanh-phan-3", "nội dung thành phần 1.3"),
    ("thanh-phan-4", "nội dung thành phần 1.4"),
    ("thanh-phan-5", "nội dung thành phần 1.5"),
    ("thanh-phan-6", "nội dung thành phần 1.6"),
    ("thanh-phan-7", "nội dung thành phần 1.7"),
    ("thanh-phan-8", "nội dung thành phần 1.8"),
    ("thanh-phan-9", "nội dung thành phần 1.9"),
    ("thanh-phan-10", "nội dung thành phần 1.10"),
    ("thanh-phan-11", "nội dung thành phần 1.11"),
    ("ket-qua-noi-bat", "những kết quả nổi bật"),
    ("ton-tai", "tồn tại, hạn chế"),
    ("nguyen-nhan", "nguyên nhân của tồn tại, hạn chế"),
    ("muc-tieu-chung", "mục tiêu chung năm sau"),
    ("nhiem-vu", "nhiệm vụ trọng tâm"),
    ("giai-phap", "giải pháp thực hiện"),
];

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
    for (name, what) in FRAGMENTS {
        let text = match narrative
            .get(*name)
            .filter(|t| !crate::scaffold::fragment_is_blank(t))
        {
            Some(t) => t.clone(),
            None => {
                let file = format!("{}/narrative/{name}.md", facts.year);
                let message = Message::MissingNarrative {
                    what: what.to_string(),
                };
                diags.warning_in(Some(&file), message);
                format!("*[Chưa có nội dung: {what} — bổ sung tệp {file}.]*")
            }
        };
        frags.insert(name.to_string(), Value::from_safe_string(text));
    }
    for name in narrative.keys() {
        if !FRAGMENTS.iter().any(|(n, _)| n == name) {
            let file = format!("{}/narrative/{name}.md", facts.year);
            diags.warning_in(Some(&file), Message::UnusedNarrative);
        }
    }
    map.insert("narrative".into(), Value::from(frags));
    Value::from(map)
}

fn render_one(
    templates: &Templates,
    name: &str,
    ctx: &Value,
    diags: &mut Diagnostics,
) -> Option<String> {
    match templates.render(name, ctx) {
        Ok(s) => Some(s),
        Err(d) => {
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
    let subject = render_one(templates, "trich-yeu.md", &ctx, diags);
    let body = render_one(templates, "bao-cao.md", &ctx, diags);
    let mut appendices = Vec::new();
    for appendix in Appendix::of(facts) {
        let ctx = minijinja::context! {
            code => appendix.code(),
            title => appendix.title(facts),
            ..ctx.clone()
        };
        if let Some(text) = render_one(templates, "phu-bieu.md", &ctx, diags) {
            appendices.push((appendix, text));
        }
    }
    Some(Rendered {
        subject: subject?,
        body: body?,
        appendices,
    })
}

/// The document model of rendered templates: markers resolved into the appendices' tables
/// and the figures.
pub fn assemble<'f>(facts: &'f Facts, rendered: &Rendered) -> Document<'f> {
    let mut appendices = Vec::new();
    for (appendix, text) in &rendered.appendices {
        let mut blocks = markup::parse(text, &mut |m| tables_only(m, facts));
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
        m => tables_only(m, facts),
    });
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
/// table per criterion with its caption and legend); figures go only in the body, once each.
fn tables_only<'f>(m: markup::Marker<'_>, facts: &'f Facts) -> Vec<Block<'f>> {
    match m {
        markup::Marker::Table(code) => {
            Appendix::from_code(code).map_or(Vec::new(), |a| a.blocks(facts))
        }
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
