//! Characters that print as nothing: byte-order marks in the middle of a file, zero-width
//! spaces and joiners, direction marks and overrides, soft hyphens, and control characters.
//! Copied from web pages and Excel sheets, they make two equal-looking ids differ, and in a
//! Word file some of them are not even allowed. Every input file loses them as it is read
//! ([`crate::source::SourceFile`]), with one warning per file saying where the first was.
//! Also: text folded for comparison without diacritics ([`fold`]).

use unicode_normalization::UnicodeNormalization;

/// Whether a character prints as nothing and is removed from input text. Tabs and line
/// ends are kept (they are layout); everything else in the control range goes.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00}'..='\u{08}'
            | '\u{0b}'..='\u{1f}'
            | '\u{7f}'..='\u{9f}'
            | '\u{ad}' // soft hyphen
            | '\u{61c}' // Arabic letter mark
            | '\u{180e}' // Mongolian vowel separator
            | '\u{200b}'..='\u{200f}' // zero-width space, non-joiner, joiner; LRM, RLM
            | '\u{2028}'..='\u{202e}' // line/paragraph separators; embeddings, overrides
            | '\u{2060}'..='\u{2064}' // word joiner, invisible operators
            | '\u{2066}'..='\u{2069}' // direction isolates
            | '\u{feff}' // byte-order mark, zero-width no-break space
    )
}

/// Whether the UTF-8 text `bytes` holds an [invisible](is_invisible) character, found by
/// its encoding without decoding the text. Vietnamese letters with two marks
/// (U+1EA0–U+1EF9) share the lead byte 0xE1 with U+180E, and punctuation such as "–" and
/// "…" the lead byte 0xE2 with the zero-width characters, so the bytes after a lead byte
/// decide.
fn has_invisible(bytes: &[u8]) -> bool {
    let at = |i: usize| bytes.get(i).copied().unwrap_or(0);
    bytes.iter().enumerate().any(|(i, &b)| match b {
        0x00..=0x08 | 0x0b..=0x1f | 0x7f => true,
        // U+0080–U+009F (C1 controls), U+00AD
        0xc2 => matches!(at(i + 1), 0x80..=0x9f | 0xad),
        // U+061C
        0xd8 => at(i + 1) == 0x9c,
        // U+180E
        0xe1 => at(i + 1) == 0xa0 && at(i + 2) == 0x8e,
        // U+200B–U+200F, U+2028–U+202E; U+2060–U+2064, U+2066–U+2069
        0xe2 => match at(i + 1) {
            0x80 => matches!(at(i + 2), 0x8b..=0x8f | 0xa8..=0xae),
            0x81 => matches!(at(i + 2), 0xa0..=0xa4 | 0xa6..=0xa9),
            _ => false,
        },
        // U+FEFF
        0xef => at(i + 1) == 0xbb && at(i + 2) == 0xbf,
        _ => false,
    })
}

/// Invisible characters removed from a text: how many, and the byte offset in the cleaned
/// text where the first one was.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Removed {
    pub count: usize,
    pub first: usize,
    /// The first one removed.
    pub char: char,
}

/// The text without its invisible characters, and what was removed (`None` when the text
/// had none, and then it is returned as it was, without a copy).
pub fn remove_invisible(text: String) -> (String, Option<Removed>) {
    if !has_invisible(text.as_bytes()) {
        return (text, None);
    }
    let mut out = String::with_capacity(text.len());
    let mut removed: Option<Removed> = None;
    for c in text.chars() {
        if is_invisible(c) {
            match &mut removed {
                Some(r) => r.count += 1,
                None => {
                    removed = Some(Removed {
                        count: 1,
                        first: out.len(),
                        char: c,
                    })
                }
            }
        } else {
            out.push(c);
        }
    }
    (out, removed)
}

/// The character as `U+200B`, for messages.
pub fn code_point(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

/// A text folded for comparison: no diacritics, `đ` → `d`, lower case, single spaces.
pub fn fold(text: &str) -> String {
    // Each character decomposed on its own, without the normal form's reordering of
    // combining marks: the same result whenever every mark is one of those dropped
    // (U+0300–U+036F, all of Vietnamese), and several times faster (`audit` folds every word
    // of a report). A text with another mark goes through the normal form.
    let mut out = Folded::new(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c);
            continue;
        }
        let mut other_mark = false;
        unicode_normalization::char::decompose_canonical(c, |d| {
            if !d.is_ascii()
                && !is_dropped_mark(d)
                && unicode_normalization::char::canonical_combining_class(d) != 0
            {
                other_mark = true;
            }
            out.push(d);
        });
        if other_mark {
            return fold_normalized(text);
        }
    }
    out.text
}

/// A combining mark [`fold`] removes.
fn is_dropped_mark(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

/// [`fold`] through the canonical decomposition (NFD) of the whole text.
fn fold_normalized(text: &str) -> String {
    let mut out = Folded::new(text.len());
    for c in text.nfd() {
        out.push(c);
    }
    out.text
}

/// The folded text as it is made, from decomposed characters.
struct Folded {
    text: String,
    space: bool,
}

impl Folded {
    fn new(capacity: usize) -> Self {
        Folded {
            text: String::with_capacity(capacity),
            space: false,
        }
    }

    fn push(&mut self, c: char) {
        if is_dropped_mark(c) {
            return;
        }
        if c.is_whitespace() {
            self.space = !self.text.is_empty();
            return;
        }
        if self.space {
            self.text.push(' ');
            self.space = false;
        }
        match c {
            'đ' | 'Đ' => self.text.push('d'),
            c if c.is_ascii() => self.text.push(c.to_ascii_lowercase()),
            c => self.text.extend(c.to_lowercase()),
        }
    }
}

#[cfg(test)]
mod tests {

    /// The byte scan agrees with decoding, character by character, over every character
    /// up to U+FFFF and beside Vietnamese letters that share its lead bytes.
    #[test]
    fn the_byte_scan_finds_exactly_the_invisible_characters() {
        for c in (0u32..=0xffff).filter_map(char::from_u32) {
            for text in [format!("{c}"), format!("Xã Ưu Ỷ {c}…"), format!("ạ{c}")] {
                assert_eq!(
                    has_invisible(text.as_bytes()),
                    text.chars().any(is_invisible),
                    "U+{:04X}",
                    c as u32
                );
            }
        }
        assert!(!has_invisible(
            "Mường So – Huổi Luông … “x” ạ ả ấ Ỷ".as_bytes()
        ));
    }
    use super::*;

    /// The fast fold is the fold of the normal form: Vietnamese in both forms, other marks,
    /// Hangul, spaces.
    #[test]
    fn folding_by_characters_is_folding_the_normal_form() {
        for text in [
            "Huổi Luông",
            "Hu\u{1ed5}i  Lu\u{f4}ng\t",
            "Huo\u{302}\u{309}i Luo\u{302}ng",
            "ĐẠT chuẩn Nông thôn mới",
            "a\u{0591}\u{05b0}b",
            "q\u{301}\u{323}\u{1ab0}x",
            "한국어 ǅ ﬁ Σίσυφος",
            "  x  ",
            "",
        ] {
            assert_eq!(fold(text), fold_normalized(text), "{text:?}");
        }
        assert_eq!(fold("Hu\u{1ed5}i Lu\u{f4}ng"), "huoi luong");
    }

    #[test]
    fn removes_what_prints_as_nothing_and_keeps_the_rest() {
        let (t, r) =
            remove_invisible("huoi\u{200b}-luong,\u{feff}Huổi\u{ad} Luông\t\u{1b}[31m\n".into());
        assert_eq!(t, "huoi-luong,Huổi Luông\t[31m\n");
        let r = r.unwrap();
        assert_eq!((r.count, r.first, r.char), (4, 4, '\u{200b}'));
        let plain = "Mường So, ô, ư, đ — “quoted” … 1 234\u{a0}5".to_string();
        assert_eq!(remove_invisible(plain.clone()), (plain, None));
    }

    #[test]
    fn every_invisible_character_is_found_by_the_byte_scan() {
        for c in (0..=0x10ffff)
            .filter_map(char::from_u32)
            .filter(|c| is_invisible(*c))
        {
            let (t, r) = remove_invisible(format!("a{c}b"));
            assert_eq!(
                (t.as_str(), r.map(|r| r.char)),
                ("ab", Some(c)),
                "{}",
                code_point(c)
            );
        }
    }
}
