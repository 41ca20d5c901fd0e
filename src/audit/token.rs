//! The words, numbers and punctuation of a sentence, with numbers read the Vietnamese way
//! (`4.131,3`: dot for thousands, comma for decimals) and each number's role worked out
//! from its neighbours: a value, a year, a date, a document number, a section number.

use rust_decimal::Decimal;
use std::ops::Range;

/// What a token is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A number as written: its value and how many decimals were written.
    Num { value: Decimal, decimals: u32 },
    /// Dotted digits that are not thousands groups: a section or indicator number (`2.1`,
    /// `4.1.1`).
    Id,
    /// Letters (and digits after them: `m2`, `TC11`).
    Word,
    /// One character of punctuation (`%`, `/`, `(`, `–`, …).
    Punct(char),
}

/// What a number is for, from the words around it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// A quantity: a count, an amount, a percentage's digits.
    Value,
    /// A year (`năm 2023`, `2021-2025`).
    Year,
    /// Part of a date (`28/8/2017`, `ngày 2-9`).
    Date,
    /// Part of a document number (`935/QĐ-UBND`, `Quyết định số 1285`).
    DocNumber,
    /// A list or section marker at the start of a paragraph (`1.`, `b)`).
    Marker,
    /// An end of a range before a noun (`10 - 14 tiêu chí`, `03-05 tiêu chí`).
    Range,
    /// A level or grade (`mức độ 2`).
    Level,
    /// Not a number.
    None,
}

/// One token of a text, by byte range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tok {
    pub kind: Kind,
    pub at: Range<usize>,
    /// Whether whitespace comes right before it.
    pub space_before: bool,
    pub role: Role,
}

impl Tok {
    /// The value of a number token.
    pub fn num(&self) -> Option<Decimal> {
        match self.kind {
            Kind::Num { value, .. } => Some(value),
            _ => None,
        }
    }

    /// The value of a number that is a quantity.
    pub fn value(&self) -> Option<Decimal> {
        self.num().filter(|_| self.role == Role::Value)
    }

    /// The decimals written.
    pub fn decimals(&self) -> u32 {
        match self.kind {
            Kind::Num { decimals, .. } => decimals,
            _ => 0,
        }
    }

    pub fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct(c)
    }

    pub fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }
}

/// A whole count from a value token (`04` → 4).
pub fn count(t: &Tok) -> Option<u32> {
    let v = t.value()?;
    if v.fract().is_zero() && v >= Decimal::ZERO && v <= Decimal::from(1_000_000_000u32) {
        u32::try_from(v.trunc().mantissa() / 10i128.pow(v.scale())).ok()
    } else {
        None
    }
}

/// The tokens of `text`, with the role of each number.
pub fn tokens(text: &str) -> Vec<Tok> {
    let mut toks = scan(text);
    assign_roles(text, &mut toks);
    toks
}

fn is_word_char(c: char) -> bool {
    is_letter(c) || c.is_numeric() || matches!(c, '²' | '³' | '\u{300}'..='\u{36f}')
}

/// `char::is_alphabetic`, answered without its table for the letters of Vietnamese (the
/// Latin blocks up to Latin Extended-B, and Latin Extended Additional: every character in
/// them but `×` and `÷` is a letter), which the table look-up made the tokeniser's largest
/// cost.
fn is_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || matches!(c, '\u{c0}'..='\u{d6}' | '\u{d8}'..='\u{f6}' | '\u{f8}'..='\u{24f}' | '\u{1e00}'..='\u{1eff}')
        || (!c.is_ascii() && c.is_alphabetic())
}

fn scan(text: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    let mut space = true;
    while let Some(&(i, c)) = chars.peek() {
        if c.is_whitespace() {
            space = true;
            chars.next();
            continue;
        }
        if c.is_ascii_digit() {
            let mut end = i;
            let bytes = text.as_bytes();
            let mut j = i;
            while j < bytes.len() {
                let b = bytes[j];
                let next_digit = bytes.get(j + 1).is_some_and(u8::is_ascii_digit);
                if b.is_ascii_digit() || ((b == b'.' || b == b',') && next_digit) {
                    j += 1;
                    end = j;
                } else {
                    break;
                }
            }
            while chars.peek().is_some_and(|&(k, _)| k < end) {
                chars.next();
            }
            // "36.7%": a decimal point, as in English, before a percent sign.
            let run = &text[i..end];
            let point_percent = text[end..].trim_start().starts_with('%')
                && run.matches('.').count() == 1
                && !run.contains(',')
                && run.split('.').nth(1).is_some_and(|f| f.len() != 3);
            let parts = if point_percent {
                match Decimal::from_str_exact(run) {
                    Ok(value) => vec![(
                        Kind::Num {
                            value,
                            decimals: run.split('.').nth(1).map_or(0, |f| f.len() as u32),
                        },
                        i..end,
                    )],
                    Err(_) => number(run, i),
                }
            } else {
                number(run, i)
            };
            for (kind, at) in parts {
                out.push(Tok {
                    kind,
                    at,
                    space_before: space,
                    role: Role::None,
                });
                space = false;
            }
            space = false;
            continue;
        }
        if is_letter(c) {
            let mut end = i + c.len_utf8();
            chars.next();
            while let Some(&(k, d)) = chars.peek() {
                if is_word_char(d) {
                    end = k + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            out.push(Tok {
                kind: Kind::Word,
                at: i..end,
                space_before: space,
                role: Role::None,
            });
            space = false;
            continue;
        }
        chars.next();
        out.push(Tok {
            kind: Kind::Punct(c),
            at: i..i + c.len_utf8(),
            space_before: space,
            role: Role::None,
        });
        space = false;
    }
    out
}

/// Reads a run of digits, dots and commas (each dot or comma between digits).
fn number(run: &str, base: usize) -> Vec<(Kind, Range<usize>)> {
    let commas = run.matches(',').count();
    if commas > 1 {
        // "9,10,11": a list written without spaces.
        let mut out = Vec::new();
        let mut start = 0;
        for part in run.split(',') {
            out.extend(number(part, base + start));
            out.push((
                Kind::Punct(','),
                base + start + part.len()..base + start + part.len() + 1,
            ));
            start += part.len() + 1;
        }
        out.pop();
        return out;
    }
    let (int, frac) = match run.split_once(',') {
        Some((i, f)) => (i, Some(f)),
        None => (run, None),
    };
    let groups: Vec<&str> = int.split('.').collect();
    let thousands =
        groups.len() == 1 || (groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3));
    if !thousands {
        return vec![(Kind::Id, base..base + run.len())];
    }
    let digits: String = groups.concat();
    let text = match frac {
        Some(f) => format!("{digits}.{f}"),
        None => digits,
    };
    match Decimal::from_str_exact(&text) {
        Ok(value) => vec![(
            Kind::Num {
                value,
                decimals: frac.map_or(0, |f| f.len() as u32),
            },
            base..base + run.len(),
        )],
        Err(_) => vec![(Kind::Id, base..base + run.len())],
    }
}

/// The text of a token.
pub fn text<'a>(src: &'a str, t: &Tok) -> &'a str {
    &src[t.at.clone()]
}

/// A word folded for comparison: lower case, without diacritics.
pub fn word_is(src: &str, t: &Tok, folded: &str) -> bool {
    t.is_word() && crate::audit::names::fold(text(src, t)) == folded
}

/// The words before "số N" that make N a document's number ("Quyết định số", "Hướng dẫn
/// số", "Công văn số"), folded.
const DOCUMENT_WORDS: &[&str] = &[
    "dinh", "quyet", "dan", "ban", "thong", "nghi", "luat", "van", "cao", "thi", "hoach", "trinh",
    "thuc",
];

/// The words before a year ("năm 2023", "giai đoạn 2021", "đến 2025"), folded.
const YEAR_WORDS: &[&str] = &[
    "nam", "doan", "den", "tu", "thang", "ky", "truoc", "sau", "va",
];

fn is_year_value(v: Decimal) -> bool {
    v >= Decimal::from(1900) && v <= Decimal::from(2100)
}

fn assign_roles(src: &str, toks: &mut [Tok]) {
    let n = toks.len();
    let word = |toks: &[Tok], i: usize| -> String {
        toks.get(i)
            .filter(|t| t.is_word())
            .map(|t| crate::audit::names::fold(text(src, t)))
            .unwrap_or_default()
    };
    let punct = |toks: &[Tok], i: usize, c: char| toks.get(i).is_some_and(|t| t.is_punct(c));
    let attached = |toks: &[Tok], i: usize| toks.get(i).is_some_and(|t| !t.space_before);
    for i in 0..n {
        if !matches!(toks[i].kind, Kind::Num { .. }) {
            continue;
        }
        let prev = if i > 0 {
            word(toks, i - 1)
        } else {
            String::new()
        };
        let prev2 = if i > 1 {
            word(toks, i - 2)
        } else {
            String::new()
        };
        let is_int = toks[i].decimals() == 0;
        let raw = text(src, &toks[i]).to_string();
        let plain_year = is_int
            && !raw.contains('.')
            && raw.len() == 4
            && toks[i].num().is_some_and(is_year_value);
        // Dates: d/m/y, or after "ngày".
        let slash_after = punct(toks, i + 1, '/') && attached(toks, i + 1) && attached(toks, i + 2);
        let date3 = slash_after
            && matches!(toks.get(i + 2).map(|t| &t.kind), Some(Kind::Num { .. }))
            && punct(toks, i + 3, '/')
            && attached(toks, i + 3);
        let after_date = i >= 2
            && punct(toks, i - 1, '/')
            && attached(toks, i - 1)
            && attached(toks, i)
            && toks[i - 2].role == Role::Date;
        let date =
            date3 || after_date || (prev == "ngay" && (slash_after || punct(toks, i + 1, '-')));
        let document = (slash_after && toks.get(i + 2).is_some_and(|t| t.is_word()))
            || (prev == "so" && (DOCUMENT_WORDS.contains(&prev2.as_str()) || slash_after))
            || (prev == "dinh" && prev2 == "quyet");
        let dash = |k: usize| punct(toks, k, '-') || punct(toks, k, '–');
        let year_range = (dash(i + 1)
            && toks
                .get(i + 2)
                .and_then(Tok::num)
                .is_some_and(is_year_value))
            || (i >= 2 && dash(i - 1) && toks[i - 2].role == Role::Year);
        let year = plain_year && (YEAR_WORDS.contains(&prev.as_str()) || year_range);
        let role = if date {
            Role::Date
        } else if document {
            Role::DocNumber
        } else if year {
            Role::Year
        } else if (prev == "do" && prev2 == "muc") || prev == "muc" {
            Role::Level
        } else if is_int && range_end(src, toks, i) {
            Role::Range
        } else if (i == 0 || (i == 1 && toks[0].is_punct('-')))
            && (punct(toks, i + 1, '.') || punct(toks, i + 1, ')'))
            && toks.get(i + 2).is_none_or(|t| t.space_before)
        {
            // "1. …", "2) …" at the start of a paragraph.
            Role::Marker
        } else {
            Role::Value
        };
        toks[i].role = role;
    }
}

/// Whether the number at `i` is an end of "A - B" followed by a word.
fn range_end(src: &str, toks: &[Tok], i: usize) -> bool {
    let dash = |k: usize| {
        toks.get(k)
            .is_some_and(|t| matches!(t.kind, Kind::Punct('-' | '–' | '—')))
    };
    let int = |k: usize| {
        toks.get(k)
            .is_some_and(|t| matches!(t.kind, Kind::Num { decimals: 0, .. }))
    };
    let word = |k: usize| {
        toks.get(k)
            .is_some_and(|t| t.is_word() && !text(src, t).is_empty())
    };
    (dash(i + 1) && int(i + 2) && word(i + 3))
        || (i >= 2 && dash(i - 1) && int(i - 2) && word(i + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The letters answered without the table are exactly `char::is_alphabetic`'s.
    #[test]
    fn the_quick_letter_test_is_the_alphabetic_property() {
        for c in ('\0'..='\u{2fff}').chain(['\u{1f600}', '\u{20000}']) {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?} U+{:04X}", c as u32);
        }
    }

    fn nums(text: &str) -> Vec<(String, Role)> {
        tokens(text)
            .iter()
            .filter(|t| matches!(t.kind, Kind::Num { .. }))
            .map(|t| (t.num().unwrap().to_string(), t.role))
            .collect()
    }

    #[test]
    fn vietnamese_numbers() {
        assert_eq!(
            nums("4.131,3ha; 5.112 triệu; 96,42/269,39km"),
            vec![
                ("4131.3".to_string(), Role::Value),
                ("5112".to_string(), Role::Value),
                ("96.42".to_string(), Role::Value),
                ("269.39".to_string(), Role::Value),
            ]
        );
        let t = tokens("Chỉ tiêu 2.1: đạt 36,7%");
        assert_eq!(t[2].kind, Kind::Id);
        let pct = t.iter().find(|t| t.num().is_some()).unwrap();
        assert_eq!(pct.decimals(), 1);
    }

    #[test]
    fn years_dates_and_document_numbers_are_not_values() {
        let roles: Vec<Role> = nums(
            "Quyết định số 935/QĐ-UBND ngày 28/8/2017 giai đoạn 2016-2020 năm 2023 có 04/16 xã",
        )
        .into_iter()
        .map(|(_, r)| r)
        .collect();
        assert_eq!(
            roles,
            vec![
                Role::DocNumber,
                Role::Date,
                Role::Date,
                Role::Date,
                Role::Year,
                Role::Year,
                Role::Year,
                Role::Value,
                Role::Value
            ]
        );
    }

    #[test]
    fn a_decimal_point_before_a_percent_sign() {
        assert_eq!(nums("đạt 36.7%"), vec![("36.7".to_string(), Role::Value)]);
        assert_eq!(
            nums("đạt 36.700 tấn"),
            vec![("36700".to_string(), Role::Value)]
        );
    }

    #[test]
    fn a_list_without_spaces_is_several_numbers() {
        assert_eq!(nums("9,10,11").len(), 3);
        assert_eq!(nums("1.205,99").len(), 1);
    }
}
