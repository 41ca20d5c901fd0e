//! A loaded text file and how to turn byte offsets into lines and columns.

use crate::diagnostic::{Hint, Lang, Message, did_you_mean};
use encoding_rs::Encoding;
use unicode_normalization::UnicodeNormalization;

/// The text of one input file, normalised, with the name it is shown under.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// The path as shown in diagnostics (relative to the data folder where possible).
    pub name: String,
    /// The text: UTF-8, without a byte-order mark, `\n` line ends, Unicode NFC, without
    /// invisible characters ([`crate::text::is_invisible`]).
    pub text: String,
    /// The invisible characters removed from the text, if any (reported as a warning).
    pub invisible: Option<crate::text::Removed>,
    /// Byte offsets where lines start, computed on first use: locations in a file of any
    /// length then cost a binary search, not a scan.
    line_starts: std::sync::OnceLock<Vec<usize>>,
}

/// A place in a source file, 1-based.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    pub file: String,
    pub line: usize,
    pub col: usize,
    /// The line the place is on, as shown: the whole line when it is short, else a window
    /// of it around the place ([`excerpt`]), control characters made visible; for a
    /// workbook cell, the cell's content.
    pub line_text: String,
    /// Where the place is in `line_text` (1-based, in characters).
    pub caret: usize,
    /// For a place in a workbook: the sheet's name (`line` is then the row, `col` the
    /// column, both 1-based).
    pub sheet: Option<String>,
}

impl Location {
    /// The place at column `col` of line `line`, whose whole text is `text`.
    pub fn new(file: impl Into<String>, line: usize, col: usize, text: &str) -> Self {
        let (line_text, caret) = excerpt(text, col);
        Location {
            file: file.into(),
            line,
            col,
            line_text,
            caret,
            sheet: None,
        }
    }

    /// For a place in a workbook, the cell's name as Excel writes it ("D7").
    pub fn cell(&self) -> Option<String> {
        self.sheet.as_ref().map(|_| cell_name(self.line, self.col))
    }
}

/// The name of the cell in a 1-based row and column, as Excel writes it: `A1`, `Z9`,
/// `AA10`.
pub fn cell_name(row: usize, col: usize) -> String {
    let mut letters = Vec::new();
    let mut n = col.max(1);
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!("{}{row}", String::from_utf8_lossy(&letters))
}
/// The most characters of a line a diagnostic echoes.
pub const EXCERPT_CHARS: usize = 100;

/// A line as a diagnostic shows it, and where column `col` (1-based, in characters) is in
/// it: short lines whole, longer ones as a window of [`EXCERPT_CHARS`] around the column
/// with `…` where they are cut (a 50 MB line is never echoed whole). Control characters and
/// invisible ones (zero-width spaces, byte-order marks, direction overrides) become `�`,
/// one for one, so the caret stays under its character and nothing reaches the terminal
/// that would move the cursor or change colours.
pub fn excerpt(line: &str, col: usize) -> (String, usize) {
    let col = col.max(1);
    let start = col.saturating_sub(EXCERPT_CHARS / 3 + 1);
    let mut chars = line.chars().skip(start);
    let mut out = String::with_capacity(EXCERPT_CHARS + 8);
    let mut caret = col - start;
    if start > 0 {
        out.push('…');
        caret += 1;
    }
    for c in chars.by_ref().take(EXCERPT_CHARS) {
        out.push(visible(c));
    }
    if chars.next().is_some() {
        out.push('…');
    }
    (out, caret)
}

/// A character as echoed in a diagnostic: tabs as a space, control and invisible characters
/// as `�`.
pub fn visible(c: char) -> char {
    match c {
        '\t' => ' ',
        c if c.is_control() || crate::text::is_invisible(c) => '\u{fffd}',
        c => c,
    }
}

/// Why a file's bytes could not be turned into text, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    pub message: Message,
    pub hint: Option<Hint>,
    /// Where the first undecodable byte is.
    pub location: Location,
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} (line {}, column {})",
            self.message.text(Lang::En),
            self.location.line,
            self.location.col
        )
    }
}

impl SourceFile {
    /// Decodes raw bytes as UTF-8, or as the byte-order mark says (UTF-8, UTF-16LE,
    /// UTF-16BE); unifies line ends, normalises to NFC.
    pub fn from_bytes(name: String, bytes: &[u8]) -> Result<Self, Box<DecodeError>> {
        Self::decode(name, bytes, None)
    }

    /// As [`SourceFile::from_bytes`], with the encoding of files that have no byte-order
    /// mark and are not UTF-8 (`--encoding`, e.g. Windows-1258 as Excel writes it).
    /// A file with a byte-order mark is always read as the mark says; a file without one
    /// that is valid UTF-8 and holds no NUL byte is read as UTF-8.
    pub fn decode(
        name: String,
        bytes: &[u8],
        fallback: Option<&'static Encoding>,
    ) -> Result<Self, Box<DecodeError>> {
        Self::decode_owned(name, bytes.to_vec(), fallback)
    }

    /// As [`SourceFile::decode`], taking the bytes: a UTF-8 file of any size becomes text
    /// without being copied.
    pub fn decode_owned(
        name: String,
        bytes: Vec<u8>,
        fallback: Option<&'static Encoding>,
    ) -> Result<Self, Box<DecodeError>> {
        if let Some((enc, bom)) = Encoding::for_bom(&bytes) {
            return decode_strict(&name, &bytes[bom..], enc).map(|t| Self::from_string(name, t));
        }
        let bytes = match (bytes.contains(&0), String::from_utf8(bytes)) {
            (false, Ok(text)) => return Ok(Self::from_string(name, text)),
            (_, Ok(text)) => text.into_bytes(),
            (_, Err(e)) => e.into_bytes(),
        };
        if let Some(enc) = fallback {
            return decode_strict(&name, &bytes, enc).map(|t| Self::from_string(name, t));
        }
        let (at, message, hint) = match (
            bytes.iter().position(|b| *b == 0),
            std::str::from_utf8(&bytes),
        ) {
            (Some(at), _) if looks_like_utf16(&bytes) => (at, Message::LooksLikeUtf16, Hint::Utf16),
            (Some(at), _) => (at, Message::NulByte, Hint::NulByte),
            (None, Err(e)) => {
                let at = e.valid_up_to();
                (at, Message::NotUtf8 { byte: bytes[at] }, Hint::Windows1258)
            }
            (None, Ok(_)) => unreachable!("valid UTF-8 without NUL bytes was returned above"),
        };
        Err(Box::new(decode_error(
            &name,
            &bytes,
            at,
            message,
            Some(hint),
        )))
    }

    /// As [`SourceFile::from_bytes`] for text already decoded.
    pub fn from_text(name: String, text: &str) -> Self {
        Self::from_string(name, text.to_string())
    }

    /// As [`SourceFile::from_text`], taking the text.
    pub fn from_string(name: String, text: String) -> Self {
        let text = if text.contains('\r') {
            text.replace("\r\n", "\n").replace('\r', "\n")
        } else {
            text
        };
        // Invisible characters go before normalising: one between a letter and its tone mark
        // would keep them apart.
        let (text, invisible) = crate::text::remove_invisible(text);
        // Most files are NFC already: the quick check spares normalising megabytes of text.
        let text = if is_nfc(&text) {
            text
        } else {
            text.nfc().collect()
        };
        SourceFile {
            name,
            text,
            invisible,
            line_starts: std::sync::OnceLock::new(),
        }
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        })
    }

    /// The text of the line starting at byte `start`, without its line end.
    fn line_at(&self, start: usize) -> &str {
        let rest = &self.text[start.min(self.text.len())..];
        rest.split('\n').next().unwrap_or("")
    }

    /// The location of a byte offset.
    pub fn location(&self, offset: usize) -> Location {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let starts = self.line_starts();
        let index = starts.partition_point(|&s| s <= offset).saturating_sub(1);
        let line_start = starts[index];
        let col = self.text[line_start..offset].chars().count() + 1;
        Location::new(self.name.clone(), index + 1, col, self.line_at(line_start))
    }

    /// The location of the start of a 1-based line.
    pub fn line_location(&self, line: usize) -> Location {
        let starts = self.line_starts();
        let line_text = match starts.get(line.saturating_sub(1)) {
            Some(&start) if line > 0 => self.line_at(start),
            _ => "",
        };
        Location::new(self.name.clone(), line, 1, line_text)
    }

    /// The location of the first line that contains `needle`, or the start of the file.
    pub fn find(&self, needle: &str) -> Location {
        match self.text.find(needle) {
            Some(i) => self.location(i),
            None => self.location(0),
        }
    }
}

/// Decodes without a byte-order mark and without replacement characters.
fn decode_strict(
    name: &str,
    bytes: &[u8],
    enc: &'static Encoding,
) -> Result<String, Box<DecodeError>> {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let cap = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len() * 3 + 16);
    let mut text = String::with_capacity(cap);
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut text, true);
    match result {
        encoding_rs::DecoderResult::InputEmpty => Ok(text),
        _ => {
            let message = Message::BadEncoding {
                encoding: enc.name().to_string(),
            };
            let rest = &bytes[read.min(bytes.len())..];
            Err(Box::new(located(name, &text, rest, message, None)))
        }
    }
}

/// An error at byte `at` of a file whose bytes before `at` are ASCII-compatible.
fn decode_error(
    name: &str,
    bytes: &[u8],
    at: usize,
    message: Message,
    hint: Option<Hint>,
) -> DecodeError {
    let before = String::from_utf8_lossy(&bytes[..at]);
    located(name, &before, &bytes[at..], message, hint)
}

/// Locates an error after the decoded text `before`; `rest` completes the line shown.
fn located(
    name: &str,
    before: &str,
    rest: &[u8],
    message: Message,
    hint: Option<Hint>,
) -> DecodeError {
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    let head = before[start..].trim_end_matches('\r');
    let col = head.chars().count() + 1;
    let tail = String::from_utf8_lossy(rest);
    let tail = tail.split(['\n', '\r']).next().unwrap_or("");
    DecodeError {
        message,
        hint,
        location: Location::new(name, line, col, &format!("{head}{tail}").replace('\0', "")),
    }
}

/// Whether bytes with NUL bytes among them look like UTF-16 written without its byte-order
/// mark: in such text of mostly Latin letters, digits and punctuation, every other byte is
/// NUL (the high bytes of the first 1,024 bytes' code units at the even or the odd offsets,
/// at least one in four). A NUL byte here and there in a UTF-8 file is not UTF-16.
fn looks_like_utf16(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    let units = head.len() / 2;
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in head.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    units > 0 && even.max(odd) * 4 >= units
}

/// Whether a text is in NFC by the quick check. Characters below U+0300 are NFC and never
/// combine, so only the runs of other characters between them are looked at: offices' data
/// is mostly digits, commas and ASCII ids.
fn is_nfc(text: &str) -> bool {
    use unicode_normalization::{IsNormalized, is_nfc_quick};
    let bytes = text.as_bytes();
    let mut i = 0;
    // A byte from 0xCC up starts a character from U+0300 up.
    while let Some(n) = first_from_0xcc(&bytes[i..]) {
        i += n;
        // The run starts at a character boundary and ends before the next ASCII byte, also
        // one; the character before it, if any, is below U+0300, so the check of the run
        // starts from the same state as the check of the whole text would be in there.
        let end = bytes[i..]
            .iter()
            .position(u8::is_ascii)
            .map_or(bytes.len(), |n| i + n);
        if is_nfc_quick(text[i..end].chars()) != IsNormalized::Yes {
            return false;
        }
        i = end;
    }
    true
}

/// Where the first byte from 0xCC up is, looking at 32 bytes at a time.
fn first_from_0xcc(bytes: &[u8]) -> Option<usize> {
    let mut chunks = bytes.chunks_exact(32);
    let mut at = 0;
    for chunk in &mut chunks {
        if chunk.iter().fold(0, |m, &b| m.max(b)) >= 0xCC {
            break;
        }
        at += 32;
    }
    bytes[at..].iter().position(|&b| b >= 0xCC).map(|n| at + n)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A TOML value with the span it was written at.
pub type Spanned<T> = toml::Spanned<T>;

/// What went wrong reading a number from a TOML value: not a number nor a string holding
/// one, or a number with too many digits.
pub type NumberError = crate::number::NumberProblem;

impl SourceFile {
    /// The exact decimal a TOML value holds: a string (`"98.70"`), an integer, or a float
    /// whose digits are read back from the source text, never through `f64`.
    pub fn exact_number(
        &self,
        value: &Spanned<toml::Value>,
    ) -> Result<rust_decimal::Decimal, NumberError> {
        use crate::number::{DecimalSeparator, read_decimal};
        match value.get_ref() {
            toml::Value::Integer(i) => crate::number::within_range((*i).into()),
            toml::Value::String(s) => read_decimal(s, DecimalSeparator::Point),
            toml::Value::Float(_) => {
                let raw = self.text.get(value.span()).unwrap_or("");
                read_decimal(raw, DecimalSeparator::Point)
            }
            _ => Err(NumberError::NotANumber),
        }
    }

    /// The location where a spanned value starts.
    pub fn at<T>(&self, value: &Spanned<T>) -> Location {
        self.location(value.span().start)
    }

    /// A TOML syntax or shape error as a location, a message from the catalogue and a hint.
    pub fn toml_error(&self, err: &toml::de::Error) -> (Location, Message, Option<Hint>) {
        let loc = self.location(err.span().map_or(0, |s| s.start));
        let (message, mut hint) = classify_toml(err.message().trim());
        // A whole number written `1.530` (households, workdays…): the reader says "invalid
        // type: floating point `1.53`", the text says a thousands separator.
        if let Message::WrongType { detail } = &message
            && detail.contains("floating point")
        {
            let written = err.span().and_then(|s| self.text.get(s)).unwrap_or("");
            let read =
                crate::number::parse_decimal(written, crate::number::DecimalSeparator::Point);
            if let Some(v) = read.filter(|v| crate::number::looks_like_thousands(*v)) {
                let meant = (v * rust_decimal::Decimal::ONE_THOUSAND)
                    .trunc()
                    .to_string();
                hint = Some(Hint::ThousandsSeparator { meant });
            }
        }
        (loc, message, hint)
    }
}

/// Sorts the TOML reader's messages into the catalogue; the rest keep the reader's text.
fn classify_toml(msg: &str) -> (Message, Option<Hint>) {
    let quoted = |s: &str| -> Vec<String> {
        s.split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect()
    };
    if let Some(rest) = msg.strip_prefix("unknown field ") {
        let names = quoted(rest);
        if let Some((key, expected)) = names.split_first() {
            let hint = did_you_mean(key, expected.iter().map(String::as_str)).or_else(|| {
                (!expected.is_empty()).then(|| Hint::ExpectedKeys {
                    keys: expected
                        .iter()
                        .map(|k| format!("`{k}`"))
                        .collect::<Vec<_>>()
                        .join(", "),
                })
            });
            return (Message::UnknownKey { key: key.clone() }, hint);
        }
    }
    if let Some(rest) = msg.strip_prefix("missing field ")
        && let Some(key) = quoted(rest).first()
    {
        return (Message::MissingKey { key: key.clone() }, None);
    }
    if msg.starts_with("duplicate key") {
        return (Message::DuplicateKey, None);
    }
    if msg.starts_with("invalid type") || msg.starts_with("invalid value") {
        let detail = msg.to_string();
        return (Message::WrongType { detail }, None);
    }
    let detail = msg.to_string();
    (Message::TomlSyntax { detail }, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_count_characters() {
        let f = SourceFile::from_bytes(
            "a.toml".into(),
            "\u{feff}x = 1\r\nxã = \"Huổi\"\n".as_bytes(),
        )
        .unwrap();
        let at = f.text.find("\"Huổi").unwrap();
        let loc = f.location(at);
        assert_eq!((loc.line, loc.col), (2, 6));
        assert_eq!(loc.line_text, "xã = \"Huổi\"");
    }

    #[test]
    fn encodings_by_bom_and_fallback() {
        let text = "id,name\r\nhuoi-luong,Huổi Luông\r\n";
        let want = "id,name\nhuoi-luong,Huổi Luông\n";
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in text.encode_utf16() {
            le.extend(u.to_le_bytes());
            be.extend(u.to_be_bytes());
        }
        for bytes in [le, be] {
            let f = SourceFile::from_bytes("a.csv".into(), &bytes).unwrap();
            assert_eq!(f.text, want);
        }
        // Windows-1258 writes tone marks as combining characters: "ổ" is "ô" + U+0309.
        let cp1258 = b"id,name\nhuoi-luong,Hu\xF4\xD2i Lu\xF4ng\n";
        let e = SourceFile::from_bytes("a.csv".into(), cp1258).unwrap_err();
        assert_eq!(e.message, Message::NotUtf8 { byte: 0xF4 });
        assert_eq!(e.hint, Some(Hint::Windows1258));
        assert_eq!((e.location.line, e.location.col), (2, 14));
        let f = SourceFile::decode("a.csv".into(), cp1258, Some(encoding_rs::WINDOWS_1258));
        assert_eq!(f.unwrap().text, want);
        // UTF-16 without its byte-order mark is not taken for UTF-8.
        let e = SourceFile::from_bytes("a.csv".into(), b"i\0d\0").unwrap_err();
        assert_eq!(e.message, Message::LooksLikeUtf16);
        let e = SourceFile::from_bytes("a.csv".into(), b"\0i\0d\0,\0n\0a\0m\0e").unwrap_err();
        assert_eq!(e.message, Message::LooksLikeUtf16);
        // A NUL byte in a UTF-8 file is one, where it is.
        let text = format!(
            "id,name\nhuoi-luong,Huổi{}\0 Luông,{}\n",
            "x".repeat(50),
            "y".repeat(2000)
        );
        let e = SourceFile::from_bytes("a.csv".into(), text.as_bytes()).unwrap_err();
        assert_eq!((e.message, e.hint), (Message::NulByte, Some(Hint::NulByte)));
        assert_eq!((e.location.line, e.location.col), (2, 66));
        // A valid UTF-8 file stays UTF-8 whatever the fallback.
        let f = SourceFile::decode(
            "a".into(),
            "Huổi".as_bytes(),
            Some(encoding_rs::WINDOWS_1258),
        );
        assert_eq!(f.unwrap().text, "Huổi");
    }

    #[test]
    fn toml_messages_are_sorted_into_the_catalogue() {
        let (m, h) = classify_toml("unknown field `sourse`, expected one of `commune`, `source`");
        assert_eq!(
            m,
            Message::UnknownKey {
                key: "sourse".into()
            }
        );
        assert_eq!(
            h,
            Some(Hint::DidYouMean {
                name: "source".into()
            })
        );
        let (m, _) = classify_toml("missing field `number`");
        assert_eq!(
            m,
            Message::MissingKey {
                key: "number".into()
            }
        );
        assert_eq!(classify_toml("duplicate key").0, Message::DuplicateKey);
        assert_eq!(classify_toml("invalid boolean").0.code(), "toml-syntax");
    }

    #[test]
    fn the_nfc_check_agrees_with_the_quick_check_of_the_whole_text() {
        use unicode_normalization::{IsNormalized, is_nfc_quick};
        // ASCII, Latin-1, combining marks, precomposed Vietnamese, a Hangul vowel (maybe),
        // a mark NFC never has (no).
        let alphabet = [
            "a", " ", "\u{e9}", "\u{1a1}", "\u{301}", "\u{323}", "\u{1ea1}", "\u{1ed1}",
            "\u{1161}", "\u{340}",
        ];
        let mut texts = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = texts
                .iter()
                .flat_map(|t| alphabet.iter().map(move |c| format!("{t}{c}")))
                .collect();
            texts = longer;
            for t in &texts {
                let quick = is_nfc_quick(t.chars()) == IsNormalized::Yes;
                assert_eq!(is_nfc(t), quick, "{t:?}");
            }
        }
        let long = format!("{}\u{301}", "x".repeat(100));
        assert!(!is_nfc(&long));
    }

    #[test]
    fn decomposed_text_is_composed() {
        let f = SourceFile::from_text("a".into(), "Huo\u{302}\u{309}i");
        assert_eq!(f.text, "Huổi");
    }
}
