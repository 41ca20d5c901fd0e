//! From a document to its claims: each unit is read sentence by sentence with what the
//! units before it set (the part of the report, the commune a section is about), and the
//! subject its own first words give (a criterion, an indicator).

use super::claim::{Claim, CriterionClaim, Found, Site};
use super::count::{self, Count, Listed, Polarity};
use super::document::{Block, Document, Unit};
use super::names;
use super::sentence::Sent;
use super::token::{Kind, Role};
use std::ops::Range;

/// What a unit is about, from its first words.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Subject {
    Criterion(u32),
    Indicator(String),
    None,
}

/// What the units read so far set.
#[derive(Default)]
struct Context {
    part: Option<u32>,
    commune: Option<String>,
}

/// The claims of a document, and the sentences with numbers that gave none.
pub struct Extracted {
    pub claims: Vec<Found>,
    /// Sentences holding a quantity from which no claim was read: (unit, range).
    pub not_understood: Vec<(usize, Range<usize>)>,
}

/// Reads every claim of a document.
pub fn extract(doc: &Document) -> Extracted {
    let mut cx = Context::default();
    let mut claims = Vec::new();
    let mut not_understood = Vec::new();
    // The document's budget of work; once a sentence does not fit in what is left, it and
    // every sentence after it are passed over without being tokenised.
    let mut work = MAX_DOCUMENT_WORK;
    let mut spent = false;
    for (k, unit) in doc.units.iter().enumerate() {
        let mut sents: Vec<Sent> = Vec::new();
        // Whether a sentence of the unit is passed over for its length: the unit is then
        // not read as a whole (a criterion's result would be read from what is left, such
        // as the count of communes whose computed result differs from the recognised one).
        let mut partly = false;
        for r in unit.sentences() {
            // A sentence far too long to be read is not even tokenised (it would be passed
            // over below), so its length costs one scan of its bytes.
            if r.len() > MAX_SENTENCE_BYTES || spent {
                not_understood.push((k, r));
                partly = true;
                continue;
            }
            let s = Sent::new(&unit.text, r);
            if readable(&s) {
                let cost = (s.len() as u64).pow(2);
                if cost > work {
                    spent = true;
                    partly = true;
                    not_understood.push((k, s.range));
                    continue;
                }
                work -= cost;
            } else {
                partly = true;
            }
            sents.push(s);
        }
        let Some(first) = sents.first() else {
            continue;
        };
        // The context (a part, a commune's heading) is in the unit's first words.
        let head = floor_boundary(&unit.text, MAX_SENTENCE_BYTES);
        update_context(&mut cx, unit, &Sent::new(&unit.text, 0..head));
        let subject = subject(first);
        let before = claims.len();
        let counts: Vec<Vec<Count>> = sents
            .iter()
            .map(|s| match readable(s) {
                true => count::counts(s),
                false => Vec::new(),
            })
            .collect();
        unit_claims(k, &sents, &counts, &subject, &cx, partly, &mut claims);
        // The claims about the whole unit; those of a sentence are made after them.
        let of_unit = claims.len();
        // The unit's claims are each at one of its sentences (which do not overlap): the
        // sentences they are at, by where they start.
        let unit_sites: std::collections::HashSet<usize> = claims[before..of_unit]
            .iter()
            .map(|c| c.site.sentence.start)
            .collect();
        for (s, counts) in sents.iter().zip(&counts) {
            if !readable(s) {
                not_understood.push((k, s.range.clone()));
                continue;
            }
            let n = claims.len();
            sentence_claims(k, s, counts, &subject, &cx, &mut claims);
            let overlaps = |c: &Found| {
                c.site.sentence.start < s.range.end && s.range.start < c.site.sentence.end
            };
            let had = unit_sites.contains(&s.range.start) || claims[n..].iter().any(overlaps);
            let words = s.toks.iter().filter(|t| t.is_word()).count();
            if claims.len() == n && !had && words >= 3 && (0..s.len()).any(|i| s.value(i)) {
                not_understood.push((k, s.range.clone()));
            }
        }
    }
    super::tables::claims(doc, &mut claims);
    Extracted {
        claims,
        not_understood,
    }
}

/// The longest sentence, in tokens, read for claims. Every claim the audit knows is written
/// in a few dozen tokens and the longest sentences of real reports (lists of villages) hold a
/// few hundred; a longer one is passed over as not understood, which bounds the work of the
/// matchers (several look back or ahead along the sentence from each number).
pub const MAX_SENTENCE_TOKENS: usize = 2_000;

/// The longest sentence, in bytes, tokenised at all: well beyond [`MAX_SENTENCE_TOKENS`]
/// tokens of Vietnamese text.
pub const MAX_SENTENCE_BYTES: usize = 64 * 1024;

/// The largest character boundary of `text` at or before `at`.
fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The work the matchers may do on one document, in the square of each sentence's length in
/// tokens (what the scans along a sentence from each of its numbers cost at most): as much
/// as 64 sentences at [`MAX_SENTENCE_TOKENS`]. A real report, however long, is far within it
/// (a sentence of 50 tokens costs 2,500: a hundred thousand of them fit); in a document of
/// hundreds of sentences near the bound, which no report is, the sentence that does not fit
/// and all after it are passed over as not understood, without being tokenised, so that the
/// audit ends in a second or two.
pub const MAX_DOCUMENT_WORK: u64 = 64 * (MAX_SENTENCE_TOKENS as u64).pow(2);

/// Whether a sentence is short enough to be read for claims.
fn readable(s: &Sent) -> bool {
    s.len() <= MAX_SENTENCE_TOKENS
}

fn site(unit: usize, s: &Sent, at: Range<usize>) -> Site {
    Site {
        unit,
        sentence: s.range.clone(),
        at,
    }
}

/// The part of the report ("Phần thứ hai") and the commune a section is about.
fn update_context(cx: &mut Context, unit: &Unit, s: &Sent) {
    let first_word = (0..s.len()).find(|&i| s.toks[i].is_word());
    if let Some(w) = first_word {
        for (n, name) in [(1, "nhat"), (2, "hai"), (3, "ba"), (4, "tu")] {
            if s.words_at(w, &format!("phan thu {name}")) {
                cx.part = Some(n);
                cx.commune = None;
            }
        }
    }
    let heading_like = matches!(unit.block, Block::Heading(_))
        || (s
            .toks
            .first()
            .is_some_and(|t| t.kind == Kind::Id || t.role == Role::Marker || roman(s, 0))
            && unit.text.split_whitespace().count() <= 30);
    if heading_like {
        cx.commune = commune_heading(s);
    }
}

/// Whether token `i` is a Roman numeral followed by a full stop ("II.").
fn roman(s: &Sent, i: usize) -> bool {
    s.toks[i].is_word()
        && s.tok(i).chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
        && s.punct(i + 1, '.')
}

/// "4.1.1 Xã Huổi Luông": the commune a heading is about.
fn commune_heading(s: &Sent) -> Option<String> {
    let w = (0..s.len()).find(|&i| s.toks[i].is_word())?;
    if !s.is(w, "xa") || w + 1 >= s.len() {
        return None;
    }
    names::name_of(s.span(w + 1, s.len() - 1))
}

/// A unit's subject, from its first words: "Tiêu chí số 8", "(TC11)", "Chỉ tiêu 2.3".
fn subject(s: &Sent) -> Subject {
    let end = (0..s.len())
        .find(|&i| (s.value(i) && !is_subject_number(s, i)) || s.is(i, "co"))
        .unwrap_or(s.len())
        .min(30);
    for i in 0..end {
        if s.words_at(i, "chi tieu")
            && let Some(t) = s
                .toks
                .get(i + 2)
                .filter(|t| matches!(t.kind, Kind::Id | Kind::Num { .. }))
        {
            let id = s.text[t.at.clone()].trim_end_matches('.').to_string();
            return Subject::Indicator(id);
        }
        if let Some(n) = criterion_number_at(s, i) {
            return Subject::Criterion(n);
        }
    }
    Subject::None
}

/// Whether the number at `i` is the one of "tiêu chí số N" or "TCN".
fn is_subject_number(s: &Sent, i: usize) -> bool {
    (i >= 2 && s.words_at(i - 2, "tieu chi"))
        || (i >= 3 && s.words_at(i - 3, "tieu chi so"))
        || (i >= 1 && s.is(i - 1, "tc"))
        || (i >= 2 && s.words_at(i - 2, "chi tieu"))
}

/// "tiêu chí (số) N" or "TCN" at token `i`.
fn criterion_number_at(s: &Sent, i: usize) -> Option<u32> {
    let k = if s.words_at(i, "tieu chi so") {
        i + 3
    } else if s.words_at(i, "tieu chi") {
        i + 2
    } else if s.toks[i].is_word() && s.folded[i].starts_with("tc") && s.folded[i].len() > 2 {
        return s.folded[i][2..]
            .parse()
            .ok()
            .filter(|n| (1..100).contains(n));
    } else if s.is(i, "tc") {
        i + 1
    } else {
        return None;
    };
    let t = s.toks.get(k)?;
    let n = t.num().filter(|_| t.decimals() == 0)?;
    let n = u32::try_from(n.mantissa()).ok()?;
    (1..100).contains(&n).then_some(n)
}

/// Claims made by a unit as a whole: a criterion's result, a commune's reassessment.
fn unit_claims(
    k: usize,
    sents: &[Sent],
    counts: &[Vec<Count>],
    subject: &Subject,
    cx: &Context,
    partly: bool,
    out: &mut Vec<Found>,
) {
    let all: Vec<(usize, Count)> = counts
        .iter()
        .enumerate()
        .flat_map(|(si, cs)| cs.iter().cloned().map(move |c| (si, c)))
        .collect();
    if let Subject::Criterion(number) = subject
        && !partly
        && let Some(found) = criterion_claim(k, *number, sents, &all)
    {
        out.push(found);
    }
    if let Some(commune) = &cx.commune {
        // The first count of criteria in each sentence, by its token.
        let first_criteria: Vec<Option<usize>> = counts
            .iter()
            .map(|cs| cs.iter().filter(|c| c.is_criteria()).map(|c| c.idx).min())
            .collect();
        for (si, c) in &all {
            if !c.is_criteria() || c.change != 0 {
                continue;
            }
            let s = &sents[*si];
            // The first count of criteria in its sentence, not one inside its own list.
            if first_criteria[*si].is_some_and(|first| first < c.idx) {
                continue;
            }
            let numbers = match &c.list {
                Some(l) => match &l.listed {
                    Listed::Criteria(n) => Some(n.clone()),
                    _ => None,
                },
                None => None,
            };
            out.push(Found {
                claim: Claim::Reassessed {
                    commune: commune.clone(),
                    polarity: c.polarity,
                    n: c.n,
                    of: c.whole,
                    numbers,
                },
                site: site(k, s, c.at.clone()),
            });
        }
    }
}

/// The result of a criterion, from the counts of its paragraph.
fn criterion_claim(k: usize, number: u32, sents: &[Sent], all: &[(usize, Count)]) -> Option<Found> {
    let communes = || all.iter().filter(|(_, c)| c.is_communes());
    let met = communes().find(|(_, c)| c.change == 0 && c.polarity == Polarity::Met);
    let not_met = communes().find(|(_, c)| c.change == 0 && c.polarity == Polarity::NotMet);
    let change = communes().find(|(_, c)| c.change != 0);
    let mut claim = CriterionClaim {
        number,
        ..CriterionClaim::default()
    };
    let mut at = None;
    if let Some((si, c)) = met {
        claim.met = Some(c.n);
        claim.met_text = c.text.clone();
        claim.whole = c.whole;
        claim.met_names = c.names().filter(|l| !l.open).map(|l| l.names.clone());
        if let Some(l) = except(c) {
            claim.not_met = c.whole.map(|w| w.saturating_sub(c.n));
            claim.not_met_names = Some(l);
        }
        at = Some((*si, c.at.clone()));
    } else if let Some(si) = sents
        .iter()
        .position(|s| s.find_words(0, "chua co xa nao dat").is_some())
    {
        claim.met = Some(0);
        claim.met_text = "0".into();
        claim.met_names = Some(Vec::new());
        at = Some((si, sents[si].range.clone()));
    }
    if let Some((_, c)) = not_met {
        claim.not_met = Some(c.n);
        claim.not_met_names = c.names().filter(|l| !l.open).map(|l| l.names.clone());
    }
    if let Some((_, c)) = change {
        claim.delta = Some(c.change * c.n as i32);
        match c.list.as_ref().map(|l| &l.listed) {
            Some(Listed::Names(l)) if c.change > 0 => claim.gained = Some(l.names.clone()),
            Some(Listed::Names(l)) => claim.lost = Some(l.names.clone()),
            Some(Listed::Changed { gained, lost }) => {
                claim.gained = Some(gained.clone());
                claim.lost = Some(lost.clone());
            }
            _ => {}
        }
    } else if let Some((si, i)) = sents
        .iter()
        .enumerate()
        .find_map(|(si, s)| s.find_words(0, "khong thay doi so voi").map(|i| (si, i)))
    {
        claim.delta = Some(0);
        if let Some(Listed::Changed { gained, lost }) = unchanged_lists(&sents[si], i) {
            claim.gained = Some(gained);
            claim.lost = Some(lost);
        } else {
            claim.gained = Some(Vec::new());
            claim.lost = Some(Vec::new());
        }
    }
    let (si, at) = at?;
    Some(Found {
        claim: Claim::Criterion(claim),
        site: site(k, &sents[si], at),
    })
}

/// "không thay đổi so với năm 2022 (đạt mới: …; không còn đạt: …)".
fn unchanged_lists(s: &Sent, from: usize) -> Option<Listed> {
    let open = (from..s.len()).find(|&i| s.punct(i, '('))?;
    count::changed(s, open + 1, s.closing(open))
}

/// Claims within one sentence.
fn sentence_claims(
    k: usize,
    s: &Sent,
    counts: &[Count],
    subject: &Subject,
    cx: &Context,
    out: &mut Vec<Found>,
) {
    count_claims(k, s, counts, out);
    super::figures::percents(k, s, out);
    super::figures::parts(k, s, out);
    super::figures::classes(k, s, counts, out);
    super::figures::averages(k, s, out);
    super::figures::appendices(k, s, cx.part, out);
    super::figures::amounts(k, s, cx.part, out);
    if let Subject::Indicator(id) = subject {
        super::figures::indicator_total(k, s, id, out);
        indicator_communes(k, s, id, counts, out);
    }
}

/// The names of a "(trừ …)" list beside a count.
fn except(c: &Count) -> Option<Vec<String>> {
    match c.list.as_ref().map(|l| &l.listed) {
        Some(Listed::Except(l)) if !l.open => Some(l.names.clone()),
        _ => None,
    }
}

/// "NN/MM xã đạt chỉ tiêu": how many communes meet the indicator a line is about.
fn indicator_communes(k: usize, s: &Sent, id: &str, counts: &[Count], out: &mut Vec<Found>) {
    let Some(c) = counts
        .iter()
        .find(|c| c.is_communes() && c.change == 0 && c.polarity == Polarity::Met)
    else {
        return;
    };
    out.push(Found {
        claim: Claim::IndicatorCommunes {
            id: id.to_string(),
            met: c.n,
            whole: c.whole,
            met_names: c.names().filter(|l| !l.open).map(|l| l.names.clone()),
            not_met_names: except(c),
        },
        site: site(k, s, c.at.clone()),
    });
}

/// Counts with names or criteria beside them; met and not met against the whole; changes;
/// recognised communes.
fn count_claims(k: usize, s: &Sent, counts: &[Count], out: &mut Vec<Found>) {
    for (i, c) in counts.iter().enumerate() {
        match c.list.as_ref().map(|l| &l.listed) {
            Some(Listed::Names(l)) if !l.open => out.push(Found {
                claim: Claim::Names {
                    n: c.n,
                    text: c.text.clone(),
                    noun: c.noun.clone(),
                    names: l.names.clone(),
                },
                site: site(k, s, c.at.clone()),
            }),
            Some(Listed::Except(l)) if !l.open && c.whole.is_some() => out.push(Found {
                claim: Claim::Names {
                    n: c.whole.unwrap_or_default().saturating_sub(c.n),
                    text: format!("{}/{}", c.text, c.whole.unwrap_or_default()),
                    noun: c.noun.clone(),
                    names: l.names.clone(),
                },
                site: site(k, s, c.at.clone()),
            }),
            Some(Listed::Criteria(numbers)) => out.push(Found {
                claim: Claim::Criteria {
                    n: c.n,
                    text: c.text.clone(),
                    numbers: numbers.clone(),
                },
                site: site(k, s, c.at.clone()),
            }),
            _ => {}
        }
        if c.change != 0 && c.is_communes() {
            let (gained, lost) = match c.list.as_ref().map(|l| &l.listed) {
                Some(Listed::Names(l)) if c.change > 0 => (Some(l.names.clone()), None),
                Some(Listed::Names(l)) => (None, Some(l.names.clone())),
                Some(Listed::Changed { gained, lost }) => {
                    (Some(gained.clone()), Some(lost.clone()))
                }
                _ => (None, None),
            };
            out.push(Found {
                claim: Claim::Change {
                    delta: c.change * c.n as i32,
                    text: s
                        .span(c.idx.saturating_sub(1), c.noun_idx.min(s.len() - 1))
                        .to_string(),
                    gained,
                    lost,
                },
                site: site(k, s, c.at.clone()),
            });
        }
        if c.change == 0
            && c.polarity == Polarity::Met
            && let Some(whole) = c.whole
            && let Some(n) = counts[i + 1..]
                .iter()
                .find(|d| d.change == 0 && d.polarity == Polarity::NotMet && d.noun == c.noun)
        {
            out.push(Found {
                claim: Claim::Split {
                    met: c.n,
                    not_met: n.n,
                    whole,
                },
                site: site(k, s, c.at.start..n.at.end),
            });
        }
        if c.is_communes() && c.change == 0 {
            let after = s.folded_between(c.noun_idx, (c.noun_idx + 8).min(s.len()));
            let recognized = after.contains("cong nhan dat chuan")
                || after.starts_with("xa da dat chuan nong thon moi");
            let not_recognized = after.starts_with("xa chua dat chuan nong thon moi")
                || s.folded_words_before(c.idx, 8)
                    .ends_with("so xa chua dat chuan nong thon moi");
            if recognized || not_recognized {
                out.push(Found {
                    claim: Claim::Recognized {
                        n: c.n,
                        whole: c.whole,
                        names: c.names().filter(|l| !l.open).map(|l| l.names.clone()),
                        recognized,
                    },
                    site: site(k, s, c.at.clone()),
                });
            }
        }
    }
}
