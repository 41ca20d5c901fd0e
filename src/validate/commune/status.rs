//! The words of a criterion's status, in Vietnamese (with or without diacritics) and English.

use super::*;

/// A short text in lower case, as `str::to_lowercase` has it, written into `buf`; `None`
/// when it does not fit, being then longer than any word looked for. No allocation: a table
/// checks hundreds of thousands of cells this way. (Lower-casing character by character
/// differs from `to_lowercase` only for a final capital sigma, and no word has a sigma.)
fn lower_case<'b>(text: &str, buf: &'b mut [u8; 32]) -> Option<&'b [u8]> {
    if text.is_ascii() {
        let lower = buf.get_mut(..text.len())?;
        lower.copy_from_slice(text.as_bytes());
        lower.make_ascii_lowercase();
        return Some(lower);
    }
    let mut len = 0;
    for c in text.chars().flat_map(char::to_lowercase) {
        let n = c.len_utf8();
        c.encode_utf8(buf.get_mut(len..len + n)?);
        len += n;
    }
    Some(&buf[..len])
}

/// Whether a text is one of the (lower-case) words of a list, ignoring case. Most text is
/// written in lower case already, and is compared as it is first.
pub(super) fn one_of(text: &str, words: &[&str]) -> bool {
    let mut buf = [0; 32];
    words.contains(&text)
        || lower_case(text, &mut buf).is_some_and(|l| words.iter().any(|w| w.as_bytes() == l))
}

/// A criterion's status from a cell: met or not met by [`status_word`], or "cơ bản đạt"
/// (basically met), "không đánh giá" (not assessed). An error when it is no status, with
/// the nearest status word as the hint when there is one (compared with and without
/// diacritics), else `form`.
pub fn criterion_status(text: &str, at: At, form: Hint, diags: &mut Diagnostics) -> Option<Status> {
    if let Some(met) = status_word(text) {
        return Some(Status::from_bool(met));
    }
    if one_of(text.trim(), BASICALLY_MET) {
        return Some(Status::BasicallyMet);
    }
    if one_of(text.trim(), NOT_ASSESSED) {
        return Some(Status::NotAssessed);
    }
    let text = text.trim().to_string();
    let hint = nearest_status(&text).unwrap_or(form);
    diags.error(&at(), Message::NotAStatus { text }).hint = Some(hint);
    None
}

/// "Cơ bản đạt" as offices write it.
const BASICALLY_MET: &[&str] = &["cơ bản đạt", "basically_met"];

/// "Không đánh giá" as offices write it.
const NOT_ASSESSED: &[&str] = &["không đánh giá", "not_assessed"];

/// The status word nearest to a text that is none: the text and each word are compared
/// folded (without diacritics or case), so "co ban dat" and "cơ bản đat" both find
/// "cơ bản đạt". `None` when nothing is near.
pub fn nearest_status(text: &str) -> Option<Hint> {
    const WORDS: &[&str] = &[
        "đạt",
        "chưa đạt",
        "không đạt",
        "cơ bản đạt",
        "không đánh giá",
        "met",
        "not_met",
        "basically_met",
        "not_assessed",
    ];
    let folded = crate::text::fold(text);
    if folded.is_empty() {
        return None;
    }
    let words: Vec<String> = WORDS.iter().map(|w| crate::text::fold(w)).collect();
    let Some(Hint::DidYouMean { name }) = did_you_mean(&folded, words.iter().map(String::as_str))
    else {
        return None;
    };
    let k = words.iter().position(|w| *w == name)?;
    Some(Hint::DidYouMean {
        name: WORDS[k].to_string(),
    })
}

/// A met/not-met word as offices write it.
pub fn status_word(text: &str) -> Option<bool> {
    const MET: &[&str] = &["đạt", "met", "true", "x", "1", "có"];
    const NOT_MET: &[&str] = &[
        "chưa đạt",
        "không đạt",
        "not_met",
        "false",
        "0",
        "-",
        "không",
    ];
    let text = text.trim();
    if MET.contains(&text) {
        return Some(true);
    }
    if NOT_MET.contains(&text) {
        return Some(false);
    }
    let mut buf = [0; 32];
    let lower = lower_case(text, &mut buf)?;
    if MET.iter().any(|w| w.as_bytes() == lower) {
        Some(true)
    } else if NOT_MET.iter().any(|w| w.as_bytes() == lower) {
        Some(false)
    } else {
        None
    }
}
