//! `ntm-report audit`: reads a report as offices write it (Word, Markdown or plain text)
//! and says, like a compiler, where it contradicts itself or the data.
//!
//! The stages: a reader turns the file into [`document::Document`] units with their places
//! ([`text`], [`markdown`], [`docx`]); [`extract`] reads the claims of each sentence
//! ([`count`], [`figures`], [`tables`]); [`check`] tests them against each other and [`data`] against
//! the compiled facts; each contradiction is a [`finding::Finding`].

pub mod check;
pub mod claim;
pub mod command;
pub mod count;
pub mod data;
pub mod document;
pub mod docx;
pub mod extract;
pub mod figures;
pub mod finding;
pub mod markdown;
pub mod names;
pub mod sentence;
pub mod tables;
pub mod text;
pub mod token;

use crate::source::SourceFile;
use document::Document;
use finding::Finding;
use std::ops::Range;

/// What an audit found.
pub struct Report {
    /// The findings, in document order.
    pub findings: Vec<Finding>,
    pub claims: usize,
    pub checked: usize,
    pub contradicted: usize,
    /// Sentences with numbers no claim was read from: (unit, byte range).
    pub not_understood: Vec<(usize, Range<usize>)>,
}

/// The most text a report given to `audit` may hold, in bytes of UTF-8 (16 MiB): the
/// decoded text of a text or Markdown file, the text of a Word document's paragraphs, cells
/// and footnotes. The largest report the program writes itself, of 10,000 communes, has a
/// Markdown body of 10.7 MB (its Word file holds less text: the appendices' tables are
/// only in the workbook); the audit reads about 4 MB a second of text dense with counts and
/// lists, so a document at the limit is read in about 4 seconds, and a larger one is
/// refused before it is parsed.
pub const MAX_DOCUMENT_BYTES: usize = 16 << 20;

/// [`MAX_DOCUMENT_BYTES`] as messages say it.
pub fn max_document_size() -> String {
    format!("{} MB", MAX_DOCUMENT_BYTES >> 20)
}

/// Why a report could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// A text file that is not valid in its encoding.
    Text(Box<crate::source::DecodeError>),
    /// A Word file that is not a readable package.
    Word(String),
    /// More text than [`MAX_DOCUMENT_BYTES`]: how many bytes it holds.
    TooLarge(usize),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Text(e) => write!(f, "{e}"),
            ReadError::Word(e) => write!(f, "not a readable Word document: {e}"),
            ReadError::TooLarge(bytes) => write!(f, "{bytes} bytes of text"),
        }
    }
}

/// Reads a report: `.docx` as Word, `.md`/`.markdown` as Markdown, anything else as text
/// (UTF-8, UTF-16 with a byte-order mark, or `encoding` when it is neither).
pub fn read(
    name: &str,
    bytes: Vec<u8>,
    encoding: Option<&'static encoding_rs::Encoding>,
) -> Result<Document, ReadError> {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".docx") || bytes.starts_with(b"PK\x03\x04") {
        let doc = docx::read(name, &bytes).map_err(ReadError::Word)?;
        let text: usize = doc.units.iter().map(|u| u.text.len()).sum();
        if text > MAX_DOCUMENT_BYTES {
            return Err(ReadError::TooLarge(text));
        }
        return Ok(doc);
    }
    let src =
        SourceFile::decode_owned(name.to_string(), bytes, encoding).map_err(ReadError::Text)?;
    if src.text.len() > MAX_DOCUMENT_BYTES {
        return Err(ReadError::TooLarge(src.text.len()));
    }
    if lower.ends_with(".md") || lower.ends_with(".markdown") {
        Ok(markdown::read(src))
    } else {
        Ok(text::read(src))
    }
}

/// Audits a document, against itself and, when given, against the compiled facts.
pub fn audit(doc: &Document, known: Option<&data::Known>) -> Report {
    let extracted = extract::extract(doc);

    let mut checker = check::Checker::new(doc, &extracted.claims);
    check::run(&mut checker);
    if let Some(known) = known {
        data::run(&mut checker, known);
    }
    let mut findings = std::mem::take(&mut checker.findings);
    findings.sort_by_key(|f| (f.unit, f.at.start, f.code()));
    findings.dedup();
    Report {
        claims: extracted.claims.len(),
        checked: checker.checked.iter().filter(|&&c| c).count(),
        contradicted: checker.contradicted.iter().filter(|&&c| c).count(),
        findings,
        not_understood: extracted.not_understood,
    }
}
