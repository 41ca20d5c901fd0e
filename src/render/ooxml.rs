//! What the two Office Open XML writers (Word, `docx`; Excel, `xlsx`) share: the error
//! type, the zip setup (deflate level, fixed timestamps and permissions: the same model
//! always gives the same bytes) and the XML escaper.

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime};

/// Errors of the zip writer and of the sink it writes to.
pub type Error = zip::result::ZipError;

/// Deflate level of the XML parts. Level 1 compresses the repetitive markup of long tables
/// and sheets at several times the speed of the default level 6, for a somewhat larger
/// file.
pub const LEVEL: i64 = 1;

/// The options of every zip entry: deflated at [`LEVEL`], dated 1980-01-01, mode 0644.
pub fn zip_options() -> SimpleFileOptions {
    SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(LEVEL))
        .last_modified_time(DateTime::default())
        .system(zip::System::Unix)
        .unix_permissions(0o644)
}

/// Where escaped text goes, and what the consumer makes of characters XML 1.0 does not
/// allow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Escape {
    /// WordprocessingML text and attributes: `&`, `<`, `>`, `"` and `'` as entities;
    /// characters XML does not allow (controls other than tab, line feed and carriage
    /// return; U+FFFE, U+FFFF) dropped.
    Word,
    /// A SpreadsheetML cell or shared string: `&`, `<`, `>` as entities; tab and line feed
    /// kept; other controls, U+FFFE and U+FFFF as Excel's `_xHHHH_`, and a literal
    /// `_xHHHH_` protected as `_x005F_xHHHH_`.
    ExcelText,
    /// A SpreadsheetML attribute or document property: `&`, `"`, `<`, `>` as entities, a
    /// line feed as `&#xA;`, controls other than tab as `_xHHHH_`.
    ExcelAttribute,
}

/// A buffer escaped text is appended to: the Word writer's text, the Excel writer's bytes.
/// The chunked writer (`render::chunked`) holds one too.
pub trait Buffer {
    fn push_str(&mut self, s: &str);
    fn with_capacity(n: usize) -> Self;
    fn as_bytes(&self) -> &[u8];
    fn len(&self) -> usize;
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    fn clear(&mut self);
}

impl Buffer for String {
    fn push_str(&mut self, s: &str) {
        String::push_str(self, s);
    }
    fn with_capacity(n: usize) -> Self {
        String::with_capacity(n)
    }
    fn as_bytes(&self) -> &[u8] {
        str::as_bytes(self)
    }
    fn len(&self) -> usize {
        String::len(self)
    }
    fn clear(&mut self) {
        String::clear(self);
    }
}

impl Buffer for Vec<u8> {
    fn push_str(&mut self, s: &str) {
        self.extend_from_slice(s.as_bytes());
    }
    fn with_capacity(n: usize) -> Self {
        Vec::with_capacity(n)
    }
    fn as_bytes(&self) -> &[u8] {
        self
    }
    fn len(&self) -> usize {
        Vec::len(self)
    }
    fn clear(&mut self) {
        Vec::clear(self);
    }
}

/// Appends `s` to `out`, escaped as `how` says.
pub fn escape_into(out: &mut impl Buffer, s: &str, how: Escape) {
    let mut start = 0;
    for (i, c) in s.char_indices() {
        let code = c as u32;
        let rep: Option<&str> = match (how, c) {
            (_, '&') => Some("&amp;"),
            (_, '<') => Some("&lt;"),
            (_, '>') => Some("&gt;"),
            (Escape::Word | Escape::ExcelAttribute, '"') => Some("&quot;"),
            (Escape::Word, '\'') => Some("&apos;"),
            (Escape::Word, '\t' | '\n' | '\r') => None,
            (Escape::Word, c) if code < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => Some(""),
            (Escape::ExcelText, '\t' | '\n') => None,
            (Escape::ExcelText, '_') if is_escape_like(&s.as_bytes()[i..]) => Some("_x005F_"),
            (Escape::ExcelText, c) if code < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {
                out.push_str(&s[start..i]);
                excel_code(out, code);
                start = i + c.len_utf8();
                continue;
            }
            (Escape::ExcelAttribute, '\n') => Some("&#xA;"),
            (Escape::ExcelAttribute, '\t') => None,
            (Escape::ExcelAttribute, _) if code < 0x20 => {
                out.push_str(&s[start..i]);
                excel_code(out, code);
                start = i + c.len_utf8();
                continue;
            }
            _ => None,
        };
        if let Some(rep) = rep {
            out.push_str(&s[start..i]);
            out.push_str(rep);
            start = i + c.len_utf8();
        }
    }
    out.push_str(&s[start..]);
}

/// `s`, escaped as `how` says.
pub fn escape(s: &str, how: Escape) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(&mut out, s, how);
    out
}

/// Excel's escape of a character XML does not allow: `_xHHHH_`.
fn excel_code(out: &mut impl Buffer, code: u32) {
    out.push_str(&format!("_x{code:04X}_"));
}

/// `_xHHHH_` at the start of `s`.
fn is_escape_like(s: &[u8]) -> bool {
    s.len() >= 7 && s[1] == b'x' && s[6] == b'_' && s[2..6].iter().all(u8::is_ascii_hexdigit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_escapes_markup_and_drops_what_xml_does_not_allow() {
        assert_eq!(
            escape("a & b <c> \"d\" 'e'\u{1}\u{FFFF}", Escape::Word),
            "a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos;"
        );
        assert_eq!(escape("Hòa\tx\n\r", Escape::Word), "Hòa\tx\n\r");
    }

    #[test]
    fn excel_text_codes_controls_and_protects_literal_codes() {
        assert_eq!(
            escape("a<b & c>\u{1}_x00AB_ _x12_\t\n\r\"'", Escape::ExcelText),
            "a&lt;b &amp; c&gt;_x0001__x005F_x00AB_ _x12_\t\n_x000D_\"'"
        );
        assert_eq!(
            escape("x\u{FFFE}y\u{FFFF}", Escape::ExcelText),
            "x_xFFFE_y_xFFFF_"
        );
        assert_eq!(escape("Hòa Bình", Escape::ExcelText), "Hòa Bình");
    }

    #[test]
    fn excel_attributes_quote_and_keep_tabs() {
        assert_eq!(
            escape("'Bản \"A\"'!\n\t\r<&>", Escape::ExcelAttribute),
            "'Bản &quot;A&quot;'!&#xA;\t_x000D_&lt;&amp;&gt;"
        );
    }
}
