//! The narrative fragments of a report: which there are and what each is for, what a blank
//! one is, the placeholder the report shows for a missing one, and the file `init` writes.
//! Validation, the report and `init` all read them here.

use crate::diagnostic::{Diagnostics, Message};
use crate::layout;
use std::collections::BTreeMap;

/// The narrative fragments a report uses, by file stem, with what each is for.
pub const FRAGMENTS: &[(&str, &str)] = &[
    ("tuyen-truyen", "công tác tuyên truyền, vận động"),
    ("bo-may", "bộ máy chỉ đạo"),
    ("tap-huan", "đào tạo, tập huấn"),
    ("thanh-phan-1", "nội dung thành phần 1.1"),
    ("thanh-phan-2", "nội dung thành phần 1.2"),
    ("thanh-phan-3", "nội dung thành phần 1.3"),
    ("thanh-phan-4", "nội dung thành phần 1.4"),
    ("thanh-phan-5", "nội dung thành phần 1.5"),
    ("thanh-phan-6", "nội dung thành phần 1.6"),
    ("thanh-phan-7", "nội dung thành phần 1.7"),
    ("thanh-phan-8", "nội dung thành phần 1.8"),
    ("thanh-phan-9", "nội dung thành phần 1.9"),
    ("thanh-phan-10", "nội dung thành phần 1.10"),
    ("thanh-phan-11", "nội dung thành phần 1.11"),
    ("ket-qua-noi-bat", "những kết quả nổi bật"),
    ("ton-tai", "tồn tại, hạn chế"),
    ("nguyen-nhan", "nguyên nhân của tồn tại, hạn chế"),
    ("muc-tieu-chung", "mục tiêu chung năm sau"),
    ("nhiem-vu", "nhiệm vụ trọng tâm"),
    ("giai-phap", "giải pháp thực hiện"),
];

/// Whether a narrative fragment has no content of its own: nothing but white space and
/// HTML comments (`<!-- … -->`, as `init` writes them). A `<!-- table: … -->` marker is
/// content. The report treats such a fragment as missing.
pub fn is_blank(text: &str) -> bool {
    let mut rest = text;
    loop {
        let t = rest.trim_start();
        if t.is_empty() {
            return true;
        }
        let Some(comment) = t.strip_prefix("<!--") else {
            return false;
        };
        if comment.trim_start().starts_with("table:") {
            return false;
        }
        match comment.find("-->") {
            Some(end) => rest = &comment[end + 3..],
            // An unclosed comment hides everything after it.
            None => return true,
        }
    }
}

/// What the report shows in place of a missing fragment.
pub fn placeholder(year: i32, what: &str, name: &str) -> String {
    let file = layout::Year(year).fragment(name);
    format!("*[Chưa có nội dung: {what} — bổ sung tệp {file}.]*")
}

/// The file `init` writes for a fragment: only a comment, so blank until written.
pub fn template(year: i32, what: &str) -> String {
    format!(
        "<!-- Năm {year}: {what}.
Viết nội dung vào tệp này (Markdown), thay cho chú thích này. Khi tệp chỉ có chú thích,
báo cáo hiện dòng \"Chưa có nội dung\" và `ntm-report build` cảnh báo.
(Write this part of the {year} report here, in Markdown, in place of this comment. While
the file holds only this comment, the report shows a placeholder and the build warns.) -->
"
    )
}

/// Whether a fragment has a place in a report whose ruleset declares `components`
/// programme components: `thanh-phan-N` only for the N-th component.
pub fn applies(name: &str, components: usize) -> bool {
    match name.strip_prefix("thanh-phan-") {
        Some(n) => n.parse::<usize>().is_ok_and(|n| n >= 1 && n <= components),
        None => true,
    }
}

/// Each fragment of the report (of a ruleset with `components` programme components): its
/// name and its text, the year's own or the placeholder. Warns about each missing or blank
/// fragment and each file that is not a fragment of this report.
pub fn fragments(
    year: i32,
    components: usize,
    narrative: &BTreeMap<String, String>,
    diags: &mut Diagnostics,
) -> Vec<(&'static str, String)> {
    let mut out = Vec::with_capacity(FRAGMENTS.len());
    for (name, what) in FRAGMENTS.iter().filter(|(n, _)| applies(n, components)) {
        let text = match narrative.get(*name).filter(|t| !is_blank(t)) {
            Some(t) => t.clone(),
            None => {
                let file = layout::Year(year).fragment(name);
                let message = Message::MissingNarrative {
                    what: what.to_string(),
                };
                diags.warning_in(Some(&file), message);
                placeholder(year, what, name)
            }
        };
        out.push((*name, text));
    }
    for name in narrative.keys() {
        if !FRAGMENTS.iter().any(|(n, _)| n == name) || !applies(name, components) {
            let file = layout::Year(year).fragment(name);
            diags.warning_in(Some(&file), Message::UnusedNarrative);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comment_only_fragments_are_blank() {
        assert!(is_blank(""));
        assert!(is_blank("  \n\t"));
        assert!(is_blank(&template(2024, "bộ máy chỉ đạo")));
        assert!(is_blank("<!-- a --> <!-- b -->\n"));
        assert!(is_blank("<!-- never closed"));
        assert!(!is_blank("<!-- a -->\nNội dung."));
        assert!(!is_blank("Nội dung. <!-- a -->"));
        assert!(!is_blank("<!-- table: 02 -->"));
    }

    #[test]
    fn missing_and_unknown_fragments_are_warned_about() {
        let mut narrative = BTreeMap::new();
        narrative.insert("bo-may".to_string(), "Ban chỉ đạo.".to_string());
        narrative.insert("ton-tai".to_string(), template(2023, "tồn tại"));
        narrative.insert("ghi-chu".to_string(), "x".to_string());
        let mut diags = Diagnostics::new();
        let got = fragments(2023, 11, &narrative, &mut diags);
        assert_eq!(got.len(), FRAGMENTS.len());
        assert_eq!(got[1], ("bo-may", "Ban chỉ đạo.".to_string()));
        let ton_tai = &got.iter().find(|(n, _)| *n == "ton-tai").unwrap().1;
        assert_eq!(
            ton_tai,
            "*[Chưa có nội dung: tồn tại, hạn chế — bổ sung tệp 2023/narrative/ton-tai.md.]*"
        );
        let sorted = diags.sorted();
        // 19 missing or blank, one not a fragment.
        assert_eq!(sorted.len(), FRAGMENTS.len());
        assert!(sorted.iter().any(|d| d.message == Message::UnusedNarrative
            && d.file.as_deref() == Some("2023/narrative/ghi-chu.md")));
    }

    #[test]
    fn component_fragments_belong_to_the_components_a_ruleset_declares() {
        let mut narrative = BTreeMap::new();
        narrative.insert("thanh-phan-2".to_string(), "Hạ tầng.".to_string());
        let mut diags = Diagnostics::new();
        // A set of two components: thanh-phan-1 and -2 only, the first missing.
        let got = fragments(2026, 2, &narrative, &mut diags);
        let names: Vec<&str> = got.iter().map(|(n, _)| *n).collect();
        assert!(names.contains(&"thanh-phan-1") && names.contains(&"thanh-phan-2"));
        assert!(!names.contains(&"thanh-phan-3"));
        assert_eq!(got.len(), FRAGMENTS.len() - 9);
        // A set of none: no component fragment is asked for, and one given is unused.
        let mut diags = Diagnostics::new();
        let got = fragments(2026, 0, &narrative, &mut diags);
        assert!(got.iter().all(|(n, _)| !n.starts_with("thanh-phan-")));
        let sorted = diags.sorted();
        assert!(sorted.iter().any(|d| d.message == Message::UnusedNarrative
            && d.file.as_deref() == Some("2026/narrative/thanh-phan-2.md")));
        assert!(
            !sorted
                .iter()
                .any(|d| d.file.as_deref() == Some("2026/narrative/thanh-phan-1.md"))
        );
    }
}
