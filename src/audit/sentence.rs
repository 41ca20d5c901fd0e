//! One sentence of a unit, tokenised, with the folded form of each word, and the small
//! matchers the claim extractors are written with.

use super::names::fold;
use super::token::{self, Kind, Role, Tok};
use std::ops::Range;

/// A sentence: its tokens (offsets into the unit's text) and folded words.
pub struct Sent<'a> {
    /// The unit's whole text.
    pub text: &'a str,
    /// The sentence's byte range in it.
    pub range: Range<usize>,
    pub toks: Vec<Tok>,
    /// The folded text of each word token (empty for other tokens).
    pub folded: Vec<String>,
}

impl<'a> Sent<'a> {
    pub fn new(text: &'a str, range: Range<usize>) -> Sent<'a> {
        let mut toks = token::tokens(&text[range.clone()]);
        for t in &mut toks {
            t.at = t.at.start + range.start..t.at.end + range.start;
        }
        let folded = toks
            .iter()
            .map(|t| {
                if t.is_word() {
                    fold(&text[t.at.clone()])
                } else {
                    String::new()
                }
            })
            .collect();
        Sent {
            text,
            range,
            toks,
            folded,
        }
    }

    pub fn len(&self) -> usize {
        self.toks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.toks.is_empty()
    }

    /// The text of a token.
    pub fn tok(&self, i: usize) -> &'a str {
        &self.text[self.toks[i].at.clone()]
    }

    /// The text between two tokens, both included.
    pub fn span(&self, from: usize, to: usize) -> &'a str {
        &self.text[self.toks[from].at.start..self.toks[to].at.end]
    }

    /// Whether token `i` is the folded word `w`.
    pub fn is(&self, i: usize, w: &str) -> bool {
        self.folded.get(i).is_some_and(|f| f == w)
    }

    /// Whether the words from token `i` on are `words` (folded, space separated).
    pub fn words_at(&self, i: usize, words: &str) -> bool {
        words.split(' ').enumerate().all(|(k, w)| self.is(i + k, w))
    }

    /// Whether token `i` is the punctuation `c`.
    pub fn punct(&self, i: usize, c: char) -> bool {
        self.toks.get(i).is_some_and(|t| t.is_punct(c))
    }

    /// Whether token `i` is a dash between spaces (`–`, `-`, `—`).
    pub fn dash(&self, i: usize) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| matches!(t.kind, Kind::Punct('–' | '—' | '-')))
    }

    /// Whether token `i` is a number that is a quantity.
    pub fn value(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.role == Role::Value)
    }

    /// Whether token `i` is a quantity followed by `%`.
    pub fn percent(&self, i: usize) -> bool {
        self.value(i) && self.punct(i + 1, '%')
    }

    /// The first index at or after `from` where the folded words `words` start.
    pub fn find_words(&self, from: usize, words: &str) -> Option<usize> {
        (from..self.len()).find(|&i| self.words_at(i, words))
    }

    /// As [`Sent::find_words`], the words starting within `range` only.
    pub fn find_words_in(&self, range: Range<usize>, words: &str) -> Option<usize> {
        range
            .take_while(|&i| i < self.len())
            .find(|&i| self.words_at(i, words))
    }

    /// The folded words from `from` up to (not including) `to`, space separated.
    pub fn folded_between(&self, from: usize, to: usize) -> String {
        let mut s = String::new();
        for f in &self.folded[from.min(self.len())..to.min(self.len())] {
            if !f.is_empty() {
                if !s.is_empty() {
                    s.push(' ');
                }
                s.push_str(f);
            }
        }
        s
    }

    /// The last `n` folded words before token `to`, space separated: the end of
    /// `folded_between(0, to)`, enough for a phrase of `n` words to be matched against it with
    /// `ends_with`, in work that does not grow with the sentence.
    pub fn folded_words_before(&self, to: usize, n: usize) -> String {
        let mut words: Vec<&str> = self.folded[..to.min(self.len())]
            .iter()
            .rev()
            .filter(|f| !f.is_empty())
            .take(n)
            .map(String::as_str)
            .collect();
        words.reverse();
        words.join(" ")
    }

    /// The index of the `)` closing the `(` at `open`, or the sentence's end.
    pub fn closing(&self, open: usize) -> usize {
        let mut depth = 0;
        for i in open..self.len() {
            if self.punct(i, '(') {
                depth += 1;
            } else if self.punct(i, ')') {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
        }
        self.len()
    }

    /// The parenthesis depth at each token (a `(` is at the depth inside it).
    pub fn depths(&self) -> Vec<i32> {
        let mut depth = 0;
        self.toks
            .iter()
            .map(|t| {
                if t.is_punct('(') {
                    depth += 1;
                    depth
                } else if t.is_punct(')') {
                    let d = depth;
                    depth = (depth - 1).max(0);
                    d
                } else {
                    depth
                }
            })
            .collect()
    }

    /// Whether the sentence (or the unit it belongs to) speaks of a plan or a target.
    pub fn planned(&self) -> bool {
        let f = self.folded_between(0, self.len());
        ["phan dau", "du kien dat", "ke hoach nam", "muc tieu"]
            .iter()
            .any(|p| f.contains(p))
    }
}

/// Whether a folded word is "tăng"/"giảm" (increase/decrease), as +1/−1.
pub fn direction(folded: &str) -> i32 {
    match folded {
        "tang" => 1,
        "giam" => -1,
        _ => 0,
    }
}
