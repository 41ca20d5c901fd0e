//! Names as reports write them: lists split on commas, semicolons and "và", the word "xã"
//! in front dropped, and compared without diacritics or case, so that "Xã Bản Lang",
//! "Ban Lang" and a decomposed "Bản Lang" are one commune.

pub use crate::text::fold;

/// The name a list item gives, without "xã" or "thị trấn" words in front; `None` when
/// the item does not look like a proper name (lower-case words, digits, too long).
pub fn name_of(item: &str) -> Option<String> {
    let mut item = item.trim().trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '.' | ',' | ';' | ':' | '*' | '"' | '“' | '”')
    });
    for prefix in ["xã ", "Xã ", "XÃ "] {
        if let Some(rest) = item.strip_prefix(prefix) {
            item = rest.trim_start();
        }
    }
    if item.is_empty() || item.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let words: Vec<&str> = item.split_whitespace().collect();
    if words.len() > 6 {
        return None;
    }
    // "OCOP", "BCĐ": an abbreviation, not a name.
    if words.len() == 1
        && words[0].chars().count() > 1
        && words[0].chars().all(|c| !c.is_lowercase())
    {
        return None;
    }
    let capital = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
    if !capital(&words[0]) {
        return None;
    }
    let capitals = words.iter().filter(|w| capital(w)).count();
    if capitals * 2 < words.len() {
        return None;
    }
    if words.iter().any(|w| {
        w.chars()
            .any(|c| !(c.is_alphabetic() || c == '-' || c == '\''))
    }) {
        return None;
    }
    Some(words.join(" "))
}

/// A list of names as written, split on `,`, `;` and ` và `.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameList {
    pub names: Vec<String>,
    /// The list ends with "…" or "v.v.": it does not claim to be complete.
    pub open: bool,
}

/// Reads `text` as a list of names; `None` when any item is not a name.
pub fn list(text: &str) -> Option<NameList> {
    let mut text = text.trim();
    let mut open = false;
    for tail in ["…", "...", "v.v.", "v.v", "vv"] {
        if let Some(rest) = text.strip_suffix(tail) {
            text = rest.trim_end();
            open = true;
        }
    }
    let text = text.trim_end_matches([',', ';', '.', ' ']);
    if text.is_empty() {
        return None;
    }
    let mut names = Vec::new();
    for part in text.split([',', ';']) {
        for item in split_and(part) {
            if item.trim().is_empty() {
                continue;
            }
            names.push(name_of(item)?);
        }
    }
    (!names.is_empty()).then_some(NameList { names, open })
}

/// Splits on the word "và" (and).
fn split_and(part: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = part;
    while let Some(i) = rest.find(" và ") {
        out.push(&rest[..i]);
        rest = &rest[i + " và ".len()..];
    }
    out.push(rest);
    out
}

/// The names of a list that are not in `known` (compared folded).
pub fn unknown<'a>(names: &'a [String], known: &[String]) -> Vec<&'a String> {
    let known: Vec<String> = known.iter().map(|k| fold(k)).collect();
    names.iter().filter(|n| !known.contains(&fold(n))).collect()
}

/// Whether two names are the same commune.
pub fn same(a: &str, b: &str) -> bool {
    fold(a) == fold(b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn folding_ignores_diacritics_case_and_form() {
        assert_eq!(fold("Lản Nhì Thàng"), "lan nhi thang");
        assert_eq!(fold("Đ"), "d");
        let decomposed: String = "Huổi Luông".nfd().collect();
        assert!(same(&decomposed, "huoi  luong"));
    }

    #[test]
    fn lists_split_on_commas_semicolons_and_va() {
        let l = list("Xã Bản Lang, Lản Nhì Thàng; Mồ Sì San và xã Vàng Ma Chải").unwrap();
        assert_eq!(
            l.names,
            vec!["Bản Lang", "Lản Nhì Thàng", "Mồ Sì San", "Vàng Ma Chải"]
        );
        assert!(!l.open);
        assert!(list("Thị trấn, Ma Li Pho").is_some());
    }

    #[test]
    fn prose_is_not_a_list_of_names() {
        assert_eq!(
            list("Đạt chuẩn theo Quyết định 935/QĐ-UBND, ngày 28/8/2017"),
            None
        );
        assert_eq!(list("chanh leo, chuối, khoai sọ"), None);
        assert_eq!(list("OCOP"), None);
        assert_eq!(list("Tuy nhiên, hiện tại, hệ thống loa"), None);
        let open = list("Gầu Tào, Nàng Han, Then Kin Pang …").unwrap();
        assert!(open.open);
    }
}
