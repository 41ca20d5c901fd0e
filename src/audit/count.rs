//! Counts in a sentence ("Có 13/16 xã đạt", "03 xã không đạt", "tăng 01 xã") with what
//! each says about itself — its whole, its noun, met or not met, a change — and the list
//! of names or criteria written beside it: in parentheses, after `:`, `gồm`, `là`, a dash
//! or a semicolon; "(trừ A, B)" lists the others of the whole.

use super::names::{self, NameList};
use super::sentence::{Sent, direction};
use super::token::{Kind, count};
use std::ops::Range;

/// Whether a count speaks of things that meet or do not meet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Polarity {
    Met,
    NotMet,
    /// "chưa đủ số liệu để đánh giá": not assessed.
    Unknown,
}

/// What is listed beside a count.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Listed {
    Names(NameList),
    /// "14/16 xã … (trừ A, B)": the names of the whole that the count leaves out.
    Except(NameList),
    /// Criterion numbers ("Tiêu chí số 1: Quy hoạch; Tiêu chí số 2: …").
    Criteria(Vec<u32>),
    /// A change's two lists: gained ("đạt mới") and lost ("không còn đạt").
    Changed {
        gained: Vec<String>,
        lost: Vec<String>,
    },
}

/// A list and where it is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct List {
    pub listed: Listed,
    pub at: Range<usize>,
}

/// A count of things in a sentence.
#[derive(Clone, Debug)]
pub struct Count {
    /// Token index of the number.
    pub idx: usize,
    pub n: u32,
    /// The number as written ("03").
    pub text: String,
    pub at: Range<usize>,
    pub whole: Option<u32>,
    /// Token index of the first word after the number (and its whole).
    pub noun_idx: usize,
    /// The folded noun ("xa", "tieu chi", "thon ban", "cho").
    pub noun: String,
    pub polarity: Polarity,
    /// +1 after "tăng", −1 after "giảm", 0 otherwise.
    pub change: i32,
    pub list: Option<List>,
}

impl Count {
    pub fn is_communes(&self) -> bool {
        self.noun == "xa" || self.noun.starts_with("xa ")
    }

    pub fn is_criteria(&self) -> bool {
        self.noun.starts_with("tieu chi")
    }

    pub fn names(&self) -> Option<&NameList> {
        match &self.list {
            Some(List {
                listed: Listed::Names(n),
                ..
            }) => Some(n),
            _ => None,
        }
    }
}

/// The counts of a sentence, with their lists.
pub fn counts(s: &Sent) -> Vec<Count> {
    let mut out: Vec<Count> = Vec::new();
    let mut i = 0;
    while i < s.len() {
        if let Some(c) = candidate(s, i) {
            i = c.noun_idx.max(i + 1);
            out.push(c);
        } else {
            i += 1;
        }
    }
    let starts: Vec<usize> = out.iter().map(|c| c.idx).collect();
    for (k, c) in out.iter_mut().enumerate() {
        let next = starts.get(k + 1).copied().unwrap_or(s.len());
        c.polarity = polarity(s, c, if k > 0 { starts[k - 1] } else { 0 }, next);
        c.list = list_after(s, c, next);
    }
    reassign_change_lists(&mut out);
    out
}

/// A count at token `i`: a whole number that is a quantity, before a noun.
fn candidate(s: &Sent, i: usize) -> Option<Count> {
    let t = &s.toks[i];
    let n = count(t)?;
    if t.decimals() > 0 || s.punct(i + 1, '%') || (i > 0 && s.punct(i - 1, '/')) {
        return None;
    }
    let (whole, noun_idx) = if s.punct(i + 1, '/') && s.toks.get(i + 2).and_then(count).is_some() {
        (s.toks.get(i + 2).and_then(count), i + 3)
    } else {
        (None, i + 1)
    };
    if !s.toks.get(noun_idx).is_some_and(|t| t.is_word()) {
        return None;
    }
    let mut words = Vec::new();
    for k in noun_idx..(noun_idx + 2).min(s.len()) {
        if !s.toks[k].is_word() {
            break;
        }
        words.push(s.folded[k].clone());
    }
    let noun = match words.as_slice() {
        [a, b, ..]
            if matches!(
                (a.as_str(), b.as_str()),
                ("tieu", "chi") | ("thon", "ban") | ("san", "pham") | ("co", "so")
            ) =>
        {
            format!("{a} {b}")
        }
        [a, ..] => a.clone(),
        [] => return None,
    };
    let change = if i > 0 {
        direction(&s.folded[i - 1])
    } else {
        0
    } + if i > 1 && s.is(i - 1, "them") {
        direction(&s.folded[i - 2])
    } else {
        0
    };
    Some(Count {
        idx: i,
        n,
        text: s.tok(i).to_string(),
        at: t.at.clone(),
        whole,
        noun_idx,
        noun,
        polarity: Polarity::Met,
        change,
        list: None,
    })
}

/// Met, not met or unknown, from the words of the count's clause.
fn polarity(s: &Sent, c: &Count, prev: usize, next: usize) -> Polarity {
    let stop = |i: usize| {
        s.toks[i].kind == Kind::Punct(',')
            || s.punct(i, ';')
            || s.punct(i, '(')
            || s.punct(i, ')')
            || s.punct(i, ':')
            || s.dash(i)
    };
    let mut from = c.idx;
    while from > prev && !stop(from - 1) {
        from -= 1;
    }
    // "Số tiêu chí chưa đảm bảo …: 04 tiêu chí": the label before a colon says which.
    if from == c.idx && from > prev && s.punct(from - 1, ':') {
        from -= 1;
        while from > prev && !stop(from - 1) {
            from -= 1;
        }
    }
    let mut to = c.noun_idx;
    while to < next && !stop(to) {
        to += 1;
    }
    let words = s.folded_between(from, to);
    // "chưa đủ số liệu", and the statuses that are neither met nor not met: "cơ bản đạt",
    // "không đánh giá".
    if ["chua du", "co ban dat", "khong danh gia"]
        .iter()
        .any(|p| words.contains(p))
    {
        Polarity::Unknown
    } else if [
        "chua dat",
        "khong dat",
        "chua dam bao",
        "khong dam bao",
        "chua co ",
        "khong con dat",
        "con lai chua",
    ]
    .iter()
    .any(|p| words.contains(p) || words.ends_with(p.trim_end()))
    {
        Polarity::NotMet
    } else {
        Polarity::Met
    }
}

/// The list written after a count, if any, before the next count.
fn list_after(s: &Sent, c: &Count, next: usize) -> Option<List> {
    let mut i = c.noun_idx;
    // A list is written near its count: "Có 9/16 xã đạt tiêu chí về Trường học (…)".
    let next = next.min(c.noun_idx + 24);
    while i < next {
        let t = &s.toks[i];
        if t.is_punct('(') {
            let close = s.closing(i);
            return paren_list(s, c, i + 1, close);
        }
        if t.is_punct(':') || s.is(i, "gom") || (s.is(i, "la") && capital(s, i + 1)) {
            let from = if s.punct(i + 1, ':') { i + 2 } else { i + 1 };
            return open_list(s, c, from, &[')', '.', '(', '–', '—']);
        }
        if s.dash(i) && t.space_before && (capital(s, i + 1) || s.is(i + 1, "xa")) {
            return open_list(s, c, i + 1, &[')', '.', '(', ';']);
        }
        if t.is_punct(';') {
            return open_list(s, c, i + 1, &[')', '.', '(']);
        }
        if s.value(i) && !s.percent(i) && i != c.idx + 2 {
            return None;
        }
        i += 1;
    }
    None
}

fn capital(s: &Sent, i: usize) -> bool {
    s.toks.get(i).is_some_and(|t| t.is_word())
        && s.tok(i).chars().next().is_some_and(char::is_uppercase)
}

/// A list from token `from` to the first of `stops` (at the list's own depth).
fn open_list(s: &Sent, c: &Count, from: usize, stops: &[char]) -> Option<List> {
    let from = after_list_words(s, from);
    if from >= s.len() {
        return None;
    }
    let mut to = from;
    while to < s.len()
        && !stops
            .iter()
            .any(|&p| s.punct(to, p) || (p == '–' && s.dash(to) && s.toks[to].space_before))
    {
        to += 1;
    }
    if to == from {
        return None;
    }
    let text = s.span(from, to - 1);
    let at = s.toks[from].at.start..s.toks[to - 1].at.end;
    listed(s, c, from, to, text).map(|listed| List { listed, at })
}

/// Skips the words that announce a list: "gồm", "gồm các xã:", "là các xã", "cụ thể là".
fn after_list_words(s: &Sent, from: usize) -> usize {
    let mut i = from;
    loop {
        let skip = ["gom", "la", "cac", "xa", "cu", "the", "bao"]
            .iter()
            .any(|w| s.is(i, w))
            || (s.is(i, "bao") && s.is(i + 1, "gom"))
            || s.punct(i, ':');
        if !skip || i >= s.len() {
            return i;
        }
        // Stop at the first name: "xã" is a word of lists, "Xã Bản Lang" starts a name.
        if s.is(i, "xa") && s.tok(i).starts_with('X') {
            return i;
        }
        i += 1;
    }
}

/// A list in parentheses, from token `from` to the closing one at `close`.
fn paren_list(s: &Sent, c: &Count, from: usize, close: usize) -> Option<List> {
    if from >= close || from >= s.len() {
        return None;
    }
    // A label in front: "gồm:", "gồm các xã:".
    let from = after_list_words(s, from);
    if from >= close {
        return None;
    }
    // "(trừ Sì Lở Lầu, Vàng Ma Chải)": the others of the whole.
    if s.is(from, "tru") && from + 1 < close {
        let at = s.toks[from + 1].at.start..s.toks[close - 1].at.end;
        return names::list(s.span(from + 1, close - 1)).map(|l| List {
            listed: Listed::Except(l),
            at,
        });
    }
    let text = s.span(from, close - 1);
    let at = s.toks[from].at.start..s.toks[close - 1].at.end;
    if (c.change != 0 || c.noun == "xa")
        && let Some(ch) = changed(s, from, close)
    {
        return Some(List { listed: ch, at });
    }
    listed(s, c, from, close, text).map(|listed| List { listed, at })
}

/// Names or criteria numbers.
fn listed(s: &Sent, c: &Count, from: usize, to: usize, text: &str) -> Option<Listed> {
    if c.is_criteria() {
        let numbers = criteria_numbers(s, from, to);
        if !numbers.is_empty() {
            return Some(Listed::Criteria(numbers));
        }
    }
    names::list(text).map(Listed::Names)
}

/// The criterion numbers named between two tokens ("tiêu chí số 9", "tiêu chí 11", "TC5").
pub fn criteria_numbers(s: &Sent, from: usize, to: usize) -> Vec<u32> {
    let mut out = Vec::new();
    let mut i = from;
    while i < to.min(s.len()) {
        let mut k = None;
        // "thương mạitiêu chí 12": a word run into "tiêu" still names a criterion.
        let tieu = s.folded[i].ends_with("tieu") && s.is(i + 1, "chi");
        if tieu {
            k = Some(if s.is(i + 2, "so") { i + 3 } else { i + 2 });
        } else if s.is(i, "tc") {
            k = Some(i + 1);
        }
        if let Some(k) = k
            && k < to
            && let Some(n) = s.toks[k].num().filter(|_| s.toks[k].decimals() == 0)
            && let Ok(n) = u32::try_from(n.trunc().mantissa())
            && (1..100).contains(&n)
            && !out.contains(&n)
        {
            out.push(n);
        }
        i += 1;
    }
    out
}

/// "(đạt mới: A, B; không còn đạt: C)".
pub fn changed(s: &Sent, from: usize, to: usize) -> Option<Listed> {
    // Looked for within the parentheses only: a search to the sentence's end from each of
    // a sentence's parentheses was quadratic in its length.
    let gained_at = s.find_words_in(from..to, "dat moi");
    let lost_at = s.find_words_in(from..to, "khong con dat");
    if gained_at.is_none() && lost_at.is_none() {
        return None;
    }
    let part = |at: Option<usize>, skip: usize, end: usize| -> Option<Vec<String>> {
        let Some(at) = at else {
            return Some(Vec::new());
        };
        let mut k = at + skip;
        if s.punct(k, ':') {
            k += 1;
        }
        let mut e = k;
        while e < end && !s.punct(e, ';') {
            e += 1;
        }
        if e == k {
            return Some(Vec::new());
        }
        names::list(s.span(k, e - 1)).map(|l| l.names)
    };
    let gained_end = lost_at
        .filter(|&l| gained_at.is_some_and(|g| l > g))
        .unwrap_or(to);
    let gained = part(gained_at, 2, gained_end)?;
    let lost = part(lost_at, 3, to)?;
    Some(Listed::Changed { gained, lost })
}

/// "Có 5 xã đạt tiêu chí, tăng 01 xã so với năm 2022 (A, B, C, D, E)": a list after a change
/// that has as many names as an earlier count, and not as many as the change, is that
/// count's list; the change then names no commune.
fn reassign_change_lists(counts: &mut [Count]) {
    for k in 0..counts.len() {
        let (before, rest) = counts.split_at_mut(k);
        let c = &mut rest[0];
        let Some(n) = c.names().map(|l| l.names.len()) else {
            continue;
        };
        if c.change == 0 || n == c.n as usize {
            continue;
        }
        if let Some(p) = before
            .iter_mut()
            .rev()
            .find(|p| p.change == 0 && p.list.is_none() && p.noun == c.noun && p.n as usize == n)
        {
            p.list = c.list.take();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts_of(text: &str) -> Vec<Count> {
        counts(&Sent::new(text, 0..text.len()))
    }

    fn names(c: &Count) -> Vec<String> {
        c.names().map(|l| l.names.clone()).unwrap_or_default()
    }

    #[test]
    fn a_count_and_its_names() {
        let c = counts_of(
            "Có 13/16 xã đạt tiêu chí, tăng 01 xã so với năm 2022 – xã Nậm Xe; 03 xã không đạt tiêu chí gồm Sì Lở Lầu, Vàng Ma Chải.",
        );
        assert_eq!(c.len(), 3);
        assert_eq!(
            (c[0].n, c[0].whole, c[0].polarity),
            (13, Some(16), Polarity::Met)
        );
        assert!(c[0].list.is_none());
        assert_eq!((c[1].n, c[1].change), (1, 1));
        assert_eq!(names(&c[1]), vec!["Nậm Xe"]);
        assert_eq!((c[2].n, c[2].polarity), (3, Polarity::NotMet));
        assert_eq!(names(&c[2]), vec!["Sì Lở Lầu", "Vàng Ma Chải"]);
    }

    #[test]
    fn a_list_after_an_unnamed_change_belongs_to_the_count() {
        let c = counts_of(
            "Hiện có 5 xã đạt tiêu chí, tăng 01 xã so với năm 2022 (Mường So, Khổng Lào, Ma Li Pho, Huổi Luông, Lản Nhì Thàng).",
        );
        assert_eq!(names(&c[0]).len(), 5);
        assert!(c[1].list.is_none());
    }

    #[test]
    fn criteria_lists_and_labelled_changes() {
        let c = counts_of(
            "Số tiêu chí đã đạt 13/19 tiêu chí (Tiêu chí số 1: Quy hoạch, tiêu chí 11, hộ nghèo, Tiêu chí 16 văn hóa)",
        );
        assert_eq!(
            c[0].list.as_ref().unwrap().listed,
            Listed::Criteria(vec![1, 11, 16])
        );
        let c = counts_of(
            "Số tiêu chí chưa đảm bảo theo bộ tiêu chí mới là 06 tiêu chí (Gồm: tiêu chí 9: Nhà ở)",
        );
        assert_eq!(c[0].polarity, Polarity::NotMet);
        let c = counts_of(
            "tăng 01 xã so với năm 2022 (đạt mới: Bản Lang, Nậm Xe; không còn đạt: Mù Sang)",
        );
        assert_eq!(
            c[0].list.as_ref().unwrap().listed,
            Listed::Changed {
                gained: vec!["Bản Lang".into(), "Nậm Xe".into()],
                lost: vec!["Mù Sang".into()]
            }
        );
    }

    #[test]
    fn an_except_list_names_the_others() {
        let c = counts_of(
            "Có 14/16 xã đạt tiêu chí về Văn hóa (trừ Dào San, Vàng Ma Chải), không thay đổi so với năm 2022.",
        );
        assert_eq!((c[0].n, c[0].whole), (14, Some(16)));
        assert_eq!(
            c[0].list.as_ref().unwrap().listed,
            Listed::Except(names::list("Dào San, Vàng Ma Chải").unwrap())
        );
    }

    #[test]
    fn words_that_announce_a_list() {
        let c = counts_of("có 03 xã chưa đạt, gồm các xã: Mù Sang, Dào San và xã Pa Vây Sử.");
        assert_eq!(names(&c[0]), vec!["Mù Sang", "Dào San", "Pa Vây Sử"]);
        let c = counts_of("Có 02/16 xã đạt tiêu chí (gồm: Mường So, Huổi Luông)");
        assert_eq!(names(&c[0]), vec!["Mường So", "Huổi Luông"]);
        let c = counts_of("tại 02 xã: Xã Bản Lang, Nậm Xe");
        assert_eq!(names(&c[0]), vec!["Bản Lang", "Nậm Xe"]);
    }

    #[test]
    fn prose_in_parentheses_is_no_list() {
        let c = counts_of(
            "có 04/16 xã đã được công nhận đạt chuẩn NTM (Đạt chuẩn theo Quyết định 935/QĐ-UBND, ngày 28/8/2017) chiếm 25%; 12 xã chưa đạt chuẩn nông thôn mới (gồm: Hoang Thèn, Bản Lang)",
        );
        assert!(c[0].list.is_none());
        assert_eq!((c[1].n, c[1].polarity), (12, Polarity::NotMet));
        assert_eq!(names(&c[1]).len(), 2);
    }
}
