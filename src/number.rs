//! Exact decimals: parsing what users write, and printing numbers the Vietnamese way.

use rust_decimal::{Decimal, RoundingStrategy};

/// Which decimal separator a text uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecimalSeparator {
    /// `98.70`
    Point,
    /// `98,70`, as Excel writes it in a Vietnamese locale.
    Comma,
}

/// Why a text is not read as a decimal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberProblem {
    /// Not a number at all.
    NotANumber,
    /// A number with more significant digits than a decimal holds exactly
    /// ([`MAX_DIGITS`]).
    TooManyDigits,
    /// A number with more than [`MAX_INTEGER_DIGITS`] digits before the decimal point:
    /// nothing a report counts is that large, and sums of such values could not be exact.
    TooLarge { digits: usize },
}

/// The most significant digits a value may have: what a decimal holds exactly.
pub const MAX_DIGITS: usize = 28;

/// The most digits a value may have before its decimal point (a quadrillion). Keeping
/// every input below it keeps every sum, average and percentage of a report exact, however
/// many communes are added up.
pub const MAX_INTEGER_DIGITS: usize = 15;

/// Parses a decimal written by a person: optional sign, digits, one separator, digits.
/// Underscores (TOML) are ignored, surrounding spaces are trimmed; no exponent, no
/// thousands separators. The scale is kept as written (`98.70` stays `98.70`).
pub fn parse_decimal(text: &str, sep: DecimalSeparator) -> Option<Decimal> {
    read_decimal(text, sep).ok()
}

/// As [`parse_decimal`], saying why a text is not read: not a number, or a number with too
/// many digits ([`NumberProblem`]).
pub fn read_decimal(text: &str, sep: DecimalSeparator) -> Result<Decimal, NumberProblem> {
    let text = text.trim();
    let sep_char = match sep {
        DecimalSeparator::Point => '.',
        DecimalSeparator::Comma => ',',
    };
    // The text without underscores and with a decimal point: only ASCII, kept on the stack
    // (tables parse hundreds of thousands of numbers).
    let mut normal = [0u8; 64];
    let mut len = 0;
    let mut seen_digit = false;
    let mut seen_sep = false;
    for (i, c) in text.chars().enumerate() {
        let byte = match c {
            '0'..='9' => {
                seen_digit = true;
                c as u8
            }
            '_' if seen_digit => continue,
            '+' | '-' if i == 0 => c as u8,
            c if c == sep_char && !seen_sep && seen_digit => {
                seen_sep = true;
                b'.'
            }
            _ => return Err(NumberProblem::NotANumber),
        };
        if let Some(slot) = normal.get_mut(len) {
            *slot = byte;
        }
        len += 1;
    }
    if !seen_digit || text.ends_with(sep_char) {
        return Err(NumberProblem::NotANumber);
    }
    if len > normal.len() {
        // Longer than any decimal: only its digits are counted.
        return Err(too_many(text, sep_char));
    }
    let normal = std::str::from_utf8(&normal[..len]).map_err(|_| NumberProblem::NotANumber)?;
    match Decimal::from_str_exact(normal) {
        Ok(d) => within_range(d),
        Err(_) => Err(too_many(normal, '.')),
    }
}

/// A decimal within [`MAX_INTEGER_DIGITS`], as it is; else the problem.
pub fn within_range(d: Decimal) -> Result<Decimal, NumberProblem> {
    let whole = d.trunc().abs();
    let digits = if whole.is_zero() {
        0
    } else {
        whole.normalize().to_string().len()
    };
    if digits > MAX_INTEGER_DIGITS {
        Err(NumberProblem::TooLarge { digits })
    } else {
        Ok(d)
    }
}

/// The problem of a well-formed number a decimal cannot hold: too large before the point,
/// else too many significant digits.
fn too_many(text: &str, sep: char) -> NumberProblem {
    let before = text
        .split(sep)
        .next()
        .unwrap_or("")
        .chars()
        .filter(char::is_ascii_digit)
        .skip_while(|&c| c == '0')
        .count();
    if before > MAX_INTEGER_DIGITS {
        NumberProblem::TooLarge { digits: before }
    } else {
        NumberProblem::TooManyDigits
    }
}

/// Whether a value looks like a whole number written with a thousands separator: exactly
/// three digits after the separator and one to three before (`1.530`, `12,400`). Read as a
/// decimal it is a thousand times smaller than meant.
pub fn looks_like_thousands(value: Decimal) -> bool {
    let whole = value.trunc().abs();
    value.scale() == 3 && !whole.is_zero() && whole < Decimal::ONE_THOUSAND
}

/// Rounds half away from zero, the rule of Vietnamese reports (never banker's rounding).
pub fn round(value: Decimal, decimals: u32) -> Decimal {
    value.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero)
}

/// `part / whole × 100`, unrounded; `None` when `whole` is zero.
pub fn percent(part: Decimal, whole: Decimal) -> Option<Decimal> {
    if whole.is_zero() {
        None
    } else {
        part.checked_mul(Decimal::ONE_HUNDRED)?.checked_div(whole)
    }
}

/// A decimal rounded half away from zero to exactly `decimals` digits after the point
/// (`11.0625` → `11.06`, `13` → `13.00`): the form of percentages and averages in the facts.
pub fn fixed(value: Decimal, decimals: u32) -> Decimal {
    let mut r = round(value, decimals);
    r.rescale(decimals);
    r
}

/// [`fixed`] as a plain string (`"11.06"`): the form used in facts.json.
pub fn plain(value: Decimal, decimals: u32) -> String {
    fixed(value, decimals).to_string()
}

/// Vietnamese format with a fixed number of decimals: `4.131,3`, `98,99`, `11,06`.
pub fn vi_fixed(value: Decimal, decimals: u32) -> String {
    vi_text(&plain(value, decimals))
}

/// Vietnamese format of the value normalised (`226.84` → `226,84`, `161.50` → `161,5`,
/// `16021` → `16.021`).
pub fn vi(value: Decimal) -> String {
    vi_text(&value.normalize().to_string())
}

/// Vietnamese format with the decimals the value holds (`71.0` → `71,0`, `358.0` →
/// `358,0`): for percentages and averages already made [`fixed`].
pub fn vi_scaled(value: Decimal) -> String {
    vi_text(&value.to_string())
}

/// Vietnamese format of a whole count, at least two digits (`04`, `16`, `163`).
pub fn vi_count(n: usize) -> String {
    if n < 10 {
        format!("{n:02}")
    } else {
        vi_text(&n.to_string())
    }
}

/// Vietnamese format of a whole number without padding (`1.790`).
pub fn vi_int(n: u64) -> String {
    vi_text(&n.to_string())
}

fn vi_text(plain: &str) -> String {
    let (sign, digits) = match plain.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", plain),
    };
    let (int, frac) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    let mut out = String::from(sign);
    let len = int.len();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (len - i) % 3 == 0 {
            out.push('.');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push(',');
        out.push_str(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn parses_exactly_as_written() {
        let p = DecimalSeparator::Point;
        assert_eq!(parse_decimal("98.70", p).unwrap().to_string(), "98.70");
        assert_eq!(
            parse_decimal(" -1_000.5 ", p).unwrap().to_string(),
            "-1000.5"
        );
        assert_eq!(
            parse_decimal("71,2", DecimalSeparator::Comma)
                .unwrap()
                .to_string(),
            "71.2"
        );
        for bad in ["", "1.", ".5", "1.2.3", "1e3", "abc", "1,5", "--1", "1-"] {
            assert!(parse_decimal(bad, p).is_none(), "{bad:?} should be refused");
        }
        // More digits than a decimal holds, with or without underscores.
        let long = format!("1{}", "0".repeat(70));
        assert_eq!(parse_decimal(&long, p), None);
        assert_eq!(parse_decimal(&format!("{long}_"), p), None);
        let long = format!("0.{}1", "0_".repeat(40));
        assert_eq!(
            parse_decimal(&long, p),
            Decimal::from_str_exact(&long.replace('_', "")).ok()
        );
    }

    #[test]
    fn rounds_half_away_from_zero() {
        assert_eq!(plain(d("2.345"), 2), "2.35");
        assert_eq!(plain(d("2.5"), 0), "3");
        assert_eq!(plain(d("-2.5"), 0), "-3");
        assert_eq!(plain(d("11.0625"), 2), "11.06");
        assert_eq!(plain(d("13"), 2), "13.00");
    }

    #[test]
    fn formats_the_vietnamese_way() {
        assert_eq!(vi(d("4131.3")), "4.131,3");
        assert_eq!(vi(d("226.84")), "226,84");
        assert_eq!(vi(d("16021")), "16.021");
        assert_eq!(vi(d("265844")), "265.844");
        assert_eq!(vi_fixed(d("98.9928"), 2), "98,99");
        assert_eq!(vi_fixed(d("1234567.891"), 1), "1.234.567,9");
        assert_eq!(vi_fixed(d("-1234"), 0), "-1.234");
        assert_eq!(vi_count(4), "04");
        assert_eq!(vi_count(16), "16");
        assert_eq!(vi_count(1790), "1.790");
    }

    #[test]
    fn percent_is_unrounded_and_safe() {
        assert_eq!(plain(percent(d("226.84"), d("318.39")).unwrap(), 1), "71.2");
        assert_eq!(plain(percent(d("146.51"), d("187.62")).unwrap(), 1), "78.1");
        assert!(percent(d("1"), d("0")).is_none());
    }
}
