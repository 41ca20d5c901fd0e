//! The Markdown form of a diff.

use super::text::{
    Words, arrow, cell, formed_from, numbers, opt, summary_funding, summary_levels,
    summary_villages,
};
use super::*;
use crate::diagnostic::Lang;
use crate::number::vi_scaled;
use std::fmt::Write as _;

/// Markdown: a title, then tables of what changed.
pub fn render_markdown(d: &Diff) -> String {
    let (la, lb) = (cell(&d.a.label), cell(&d.b.label));
    let mut s = String::new();
    let _ = writeln!(s, "# So sánh {la} → {lb}\n");
    if d.is_empty() {
        let _ = writeln!(s, "Không có thay đổi (no differences).");
        return s;
    }

    if !d.communes.is_empty() {
        let _ = writeln!(s, "## Xã\n");
        let _ = writeln!(
            s,
            "| Xã | Đạt thêm tiêu chí | Không còn đạt | Số tiêu chí {la} | Số tiêu chí {lb} | Ghi chú |"
        );
        let _ = writeln!(s, "|---|---|---|--:|--:|---|");
        for c in &d.communes {
            let mut notes = Vec::new();
            match c.presence {
                Presence::Added => notes.push(format!("chỉ có ở {lb}")),
                Presence::Removed => notes.push(format!("chỉ có ở {la}")),
                Presence::Changed => {}
                Presence::Merged => notes.push(format!(
                    "gồm {}",
                    cell(&formed_from(c, &Words { lang: Lang::Vi }))
                )),
            }
            if let Some(prev) = &c.previous_name {
                notes.push(format!("trước đây: {}", cell(prev)));
            }
            if c.recognized.changed() {
                notes.push(format!(
                    "công nhận NTM: {}",
                    cell(&arrow(
                        &opt(&c.recognized.before),
                        &opt(&c.recognized.after)
                    ))
                ));
            }
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} | {} | {} |",
                cell(&c.name),
                numbers(&c.gained),
                numbers(&c.lost),
                opt(&c.criteria_met.before),
                opt(&c.criteria_met.after),
                notes.join("; ")
            );
        }
        s.push('\n');
    }

    if d.show_old_communes && !d.old_communes.is_empty() {
        let _ = writeln!(s, "## Năm {la} theo xã cũ\n");
        let _ = writeln!(s, "| Xã cũ | Số tiêu chí {la} | Nay thuộc xã |");
        let _ = writeln!(s, "|---|--:|---|");
        for o in &d.old_communes {
            let _ = writeln!(
                s,
                "| {} | {} | {} |",
                cell(&o.name),
                o.criteria_met,
                cell(&o.into.join(", "))
            );
        }
        s.push('\n');
    }

    if !d.criteria.is_empty() {
        let _ = writeln!(s, "## Tiêu chí\n");
        let _ = writeln!(
            s,
            "| TC | Tên tiêu chí | Số xã {la} | Số xã {lb} | Xã đạt thêm | Xã không còn đạt |"
        );
        let _ = writeln!(s, "|--:|---|--:|--:|---|---|");
        for c in &d.criteria {
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} | {} | {} |",
                c.number,
                cell(&c.name),
                opt(&c.count.before),
                opt(&c.count.after),
                cell(&c.gained.join(", ")),
                cell(&c.lost.join(", "))
            );
        }
        s.push('\n');
    }

    let _ = writeln!(s, "## Tổng hợp\n");
    let _ = writeln!(s, "| | {la} | {lb} |");
    let _ = writeln!(s, "|---|--:|--:|");
    let _ = writeln!(
        s,
        "| Tổng số tiêu chí đạt | {} | {} |",
        d.total_criteria_met.before, d.total_criteria_met.after
    );
    let _ = writeln!(
        s,
        "| Bình quân tiêu chí/xã | {} | {} |",
        vi_scaled(d.average_criteria_per_commune.before),
        vi_scaled(d.average_criteria_per_commune.after)
    );
    for c in d.classes.iter().filter(|c| c.count.changed()) {
        let _ = writeln!(
            s,
            "| Số xã {} | {} | {} |",
            cell(&c.label),
            opt(&c.count.before),
            opt(&c.count.after)
        );
    }
    for (what, before, after) in summary_villages(d, &Words { lang: Lang::Vi }).unwrap_or_default()
    {
        let _ = writeln!(s, "| Thôn, bản: {what} | {before} | {after} |");
    }
    for (heading, rows) in summary_levels(d, &Words { lang: Lang::Vi }) {
        for (what, before, after) in rows {
            let _ = writeln!(
                s,
                "| {}: {} | {before} | {after} |",
                cell(&heading),
                cell(&what)
            );
        }
    }
    if let Some(rows) = summary_funding(d, &Words { lang: Lang::Vi }) {
        for (what, before, after) in rows {
            let _ = writeln!(
                s,
                "| Vốn huy động (triệu đồng): {} | {before} | {after} |",
                cell(&what)
            );
        }
    }
    s
}
