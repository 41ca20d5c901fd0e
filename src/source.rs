//! A loaded text file and how to turn byte offsets into lines and columns.

use unicode_normalization::UnicodeNormalization;

/// The text of one input file, normalised, with the name it is shown under.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// The path as shown in diagnostics (relative to the data folder where possible).
    pub name: String,
    /// The text: UTF-8, without a byte-order mark, `\n` line ends, Unicode NFC.
    pub text: String,
}

/// A place in a source file, 1-based.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    pub file: String,
    pub line: usize,
    pub col: usize,
    /// The whole line the place is on.
    pub line_text: String,
}

impl SourceFile {
    /// Decodes raw bytes (UTF-8, a BOM tolerated), unifies line ends, normalises to NFC.
    pub fn from_bytes(name: String, bytes: &[u8]) -> Result<Self, String> {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let text = std::str::from_utf8(bytes)
            .map_err(|e| format!("not valid UTF-8 (byte {})", e.valid_up_to()))?;
        Ok(Self::from_text(name, text))
    }

    /// As [`SourceFile::from_bytes`] for text already decoded.
    pub fn from_text(name: String, text: &str) -> Self {
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        let text: String = text.nfc().collect();
        SourceFile { name, text }
    }

    /// The location of a byte offset.
    pub fn location(&self, offset: usize) -> Location {
        let offset = offset.min(self.text.len());
        let before = &self.text[..floor_char_boundary(&self.text, offset)];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = before[line_start..].chars().count() + 1;
        let line_text = self.text[line_start..]
            .lines()
            .next()
            .unwrap_or("")
            .to_string();
        Location {
            file: self.name.clone(),
            line,
            col,
            line_text,
        }
    }

    /// The location of the start of a 1-based line.
    pub fn line_location(&self, line: usize) -> Location {
        let line_text = self
            .text
            .lines()
            .nth(line.saturating_sub(1))
            .unwrap_or("")
            .to_string();
        Location {
            file: self.name.clone(),
            line,
            col: 1,
            line_text,
        }
    }

    /// The location of the first line that contains `needle`, or the start of the file.
    pub fn find(&self, needle: &str) -> Location {
        match self.text.find(needle) {
            Some(i) => self.location(i),
            None => self.location(0),
        }
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
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
    fn decomposed_text_is_composed() {
        let f = SourceFile::from_text("a".into(), "Huo\u{302}\u{309}i");
        assert_eq!(f.text, "Huổi");
    }
}

/// A TOML value with the span it was written at.
pub type Spanned<T> = toml::Spanned<T>;

/// What went wrong reading a number from a TOML value.
#[derive(Debug, PartialEq, Eq)]
pub enum NumberError {
    /// Not a number nor a string holding one.
    NotANumber,
}

impl SourceFile {
    /// The exact decimal a TOML value holds: a string (`"98.70"`), an integer, or a float
    /// whose digits are read back from the source text, never through `f64`.
    pub fn exact_number(
        &self,
        value: &Spanned<toml::Value>,
    ) -> Result<rust_decimal::Decimal, NumberError> {
        use crate::number::{DecimalSeparator, parse_decimal};
        match value.get_ref() {
            toml::Value::Integer(i) => Ok((*i).into()),
            toml::Value::String(s) => {
                parse_decimal(s, DecimalSeparator::Point).ok_or(NumberError::NotANumber)
            }
            toml::Value::Float(_) => {
                let raw = self.text.get(value.span()).unwrap_or("");
                parse_decimal(raw, DecimalSeparator::Point).ok_or(NumberError::NotANumber)
            }
            _ => Err(NumberError::NotANumber),
        }
    }

    /// The location where a spanned value starts.
    pub fn at<T>(&self, value: &Spanned<T>) -> Location {
        self.location(value.span().start)
    }

    /// A TOML syntax or shape error as a location and message.
    pub fn toml_error(&self, err: &toml::de::Error) -> (Location, String) {
        let loc = self.location(err.span().map_or(0, |s| s.start));
        (loc, err.message().trim().to_string())
    }
}
