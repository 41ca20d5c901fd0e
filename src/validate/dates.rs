//! Dates in the year's texts against the report's own date. A note or narrative sentence
//! that speaks of a date as still to come ("dự kiến hoàn thành giải ngân trước 31/12/2023",
//! "dự kiến hết năm 2023 …") is out of date in a report signed after that date.

use crate::date::Date;

/// Words that make a sentence speak of what is still to come.
const FORWARD: [&str; 6] = [
    "dự kiến",
    "sẽ ",
    "phấn đấu",
    "dự định",
    "chuẩn bị",
    "kế hoạch",
];

/// The day of a year, month and day, when it exists.
fn day(y: u32, m: u32, d: u32) -> Option<Date> {
    Date::from_ymd(
        u16::try_from(y).ok()?,
        u8::try_from(m).ok()?,
        u8::try_from(d).ok()?,
    )
}

/// The last day of a month.
fn month_end(y: u32, m: u32) -> Option<Date> {
    (28..=31).rev().find_map(|d| day(y, m, d))
}

/// The forward-looking dates of `text` that fall before `report`: for each, the byte offset
/// where it is written and the day it means. A sentence speaks of the future when it holds
/// one of [`FORWARD`]; the dates it names are `dd/mm/yyyy`, "hết năm YYYY" or "cuối năm
/// YYYY" (31 December), "tháng M/YYYY" or "tháng M năm YYYY" (the month's last day), and
/// "quý N/YYYY" (the quarter's last day, N in digits or I–IV).
pub fn past_forecasts(text: &str, report: Date) -> Vec<(usize, Date)> {
    let mut out = Vec::new();
    for (start, sentence) in sentences(text) {
        let lower = sentence.to_lowercase();
        if !FORWARD.iter().any(|w| lower.contains(w)) {
            continue;
        }
        for (at, day) in dates(sentence) {
            if day < report {
                out.push((start + at, day));
            }
        }
    }
    out
}

/// Sentences with their byte offsets: text up to `.`, `!`, `?` or `;` before white space,
/// or up to a line end.
fn sentences(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    let b = text.as_bytes();
    for i in 0..b.len() {
        let end = match b[i] {
            b'\n' => true,
            b'.' | b'!' | b'?' | b';' => b.get(i + 1).is_none_or(|c| c.is_ascii_whitespace()),
            _ => false,
        };
        if end {
            out.push((start, &text[start..=i]));
            start = i + 1;
        }
    }
    if start < text.len() {
        out.push((start, &text[start..]));
    }
    out
}

/// Reads digits at the start of `s`: (value, length).
fn number(s: &str) -> Option<(u32, usize)> {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    if n == 0 || n > 4 {
        return None;
    }
    Some((s[..n].parse().ok()?, n))
}

/// `dd/mm/yyyy` at the start of `s`, and its length.
fn slash_date(s: &str) -> Option<(Date, usize)> {
    let (d, a) = number(s)?;
    let s2 = s[a..].strip_prefix('/')?;
    let (m, b) = number(s2)?;
    let s3 = s2[b..].strip_prefix('/')?;
    let (y, c) = number(s3)?;
    if c != 4 {
        return None;
    }
    Some((day(y, m, d)?, a + b + c + 2))
}

/// A year of four digits at the start of `s`, after optional "năm ".
fn year(s: &str) -> Option<u32> {
    let s = s.strip_prefix("năm ").unwrap_or(s);
    let (y, n) = number(s)?;
    (n == 4).then_some(y)
}

/// A year after a month or quarter: "/2023" or " năm 2023" / " 2023".
fn year_after(after: &str) -> Option<u32> {
    after
        .strip_prefix('/')
        .and_then(|a| {
            let (y, k) = number(a)?;
            (k == 4).then_some(y)
        })
        .or_else(|| after.strip_prefix(' ').and_then(year))
}

/// Every date the sentence names, with its byte offset.
fn dates(sentence: &str) -> Vec<(usize, Date)> {
    let lower = sentence.to_lowercase();
    // Lower-casing Vietnamese keeps byte lengths for the words looked for here, but not in
    // general: offsets are taken from `lower` only when the lengths agree.
    let same = lower.len() == sentence.len();
    let mut out = Vec::new();
    for (i, _) in sentence.char_indices() {
        let prev_digit = sentence[..i]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_digit() || c == '/');
        if !prev_digit && let Some((day, _)) = slash_date(&sentence[i..]) {
            out.push((i, day));
        }
    }
    if !same {
        return out;
    }
    for marker in ["hết năm ", "cuối năm "] {
        for (i, _) in lower.match_indices(marker) {
            if let Some(end) = year(&lower[i + marker.len()..]).and_then(|y| day(y, 12, 31)) {
                out.push((i, end));
            }
        }
    }
    for (i, _) in lower.match_indices("tháng ") {
        let rest = &lower[i + "tháng ".len()..];
        let Some((m, n)) = number(rest) else { continue };
        if let Some(end) = year_after(&rest[n..]).and_then(|y| month_end(y, m)) {
            out.push((i, end));
        }
    }
    for (i, _) in lower.match_indices("quý ") {
        let rest = &lower[i + "quý ".len()..];
        let (q, n) = match number(rest) {
            Some((q, n)) => (q, n),
            None => {
                let roman = ["iv", "iii", "ii", "i"]
                    .into_iter()
                    .find(|r| rest.starts_with(r));
                match roman {
                    Some("i") => (1, 1),
                    Some("ii") => (2, 2),
                    Some("iii") => (3, 3),
                    Some("iv") => (4, 2),
                    _ => continue,
                }
            }
        };
        let end = year_after(&rest[n..])
            .filter(|_| (1..=4).contains(&q))
            .and_then(|y| month_end(y, q * 3));
        if let Some(end) = end {
            out.push((i, end));
        }
    }
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: u16, m: u8, d: u8) -> Date {
        Date::from_ymd(y, m, d).unwrap()
    }

    const JAN_2024: (u16, u8, u8) = (2024, 1, 5);
    const DEC_2023: (u16, u8, u8) = (2023, 12, 20);

    fn found(text: &str, report: (u16, u8, u8)) -> Vec<(u16, u8, u8)> {
        past_forecasts(text, ymd(report.0, report.1, report.2))
            .into_iter()
            .map(|(_, d)| (d.year(), d.month(), d.day()))
            .collect()
    }

    #[test]
    fn a_forecast_before_the_report_date_is_found() {
        let note = "Số giải ngân là lũy kế; dự kiến hoàn thành giải ngân trước 31/12/2023.";
        assert_eq!(found(note, JAN_2024), [(2023, 12, 31)]);
        assert_eq!(found(note, DEC_2023), []);
        let at = past_forecasts(note, ymd(2024, 1, 5))[0].0;
        assert!(note[at..].starts_with("31/12/2023"));
    }

    #[test]
    fn year_ends_months_and_quarters_count() {
        let t = "Dự kiến đến hết năm 2023 có thêm 08 sản phẩm đạt OCOP.";
        assert_eq!(found(t, JAN_2024), [(2023, 12, 31)]);
        assert_eq!(found(t, DEC_2023), []);
        assert_eq!(
            found("Sẽ hoàn thành trong tháng 11/2023.", DEC_2023),
            [(2023, 11, 30)]
        );
        assert_eq!(
            found("Phấn đấu xong trong quý IV năm 2023.", JAN_2024),
            [(2023, 12, 31)]
        );
        assert_eq!(
            found("Dự kiến xong cuối năm 2023.", JAN_2024),
            [(2023, 12, 31)]
        );
    }

    #[test]
    fn past_facts_and_other_sentences_are_not_forecasts() {
        // A sentence without a forward-looking word is about what happened.
        assert_eq!(found("Đã giải ngân hết trước 31/12/2023.", JAN_2024), []);
        // The forecast is in another sentence than the date.
        assert_eq!(
            found(
                "Dự kiến hoàn thành. Quyết định số 12 ngày 03/8/2023.",
                JAN_2024
            ),
            []
        );
        // Numbers that are not dates.
        assert_eq!(
            found("Dự kiến 1.570/3.244 triệu đồng, 12/2023.", JAN_2024),
            []
        );
        assert_eq!(found("Dự kiến năm 2025 đạt chuẩn.", JAN_2024), []);
    }

    #[test]
    fn sentences_keep_their_offsets() {
        let s = sentences("Mot. Hai; ba\nbon");
        assert_eq!(s, [(0, "Mot."), (4, " Hai;"), (9, " ba\n"), (13, "bon")]);
    }
}
