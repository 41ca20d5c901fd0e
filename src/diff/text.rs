//! The text form of a diff, for a terminal (in colour when it is one).

use super::*;
use crate::diagnostic::Lang;
use crate::number::vi_scaled;
use rust_decimal::Decimal;
use std::fmt::Write as _;

/// Styling through anstyle, or none.
pub(super) struct Paint(bool);

impl Paint {
    fn wrap(&self, style: anstyle::Style, s: &str) -> String {
        if self.0 {
            format!("{style}{s}{style:#}")
        } else {
            s.to_string()
        }
    }
    fn bold(&self, s: &str) -> String {
        self.wrap(anstyle::Style::new().bold(), s)
    }
    fn green(&self, s: &str) -> String {
        self.wrap(anstyle::AnsiColor::Green.on_default(), s)
    }
    fn red(&self, s: &str) -> String {
        self.wrap(anstyle::AnsiColor::Red.on_default(), s)
    }
}

/// How the text form writes numbers and labels in a language.
pub(super) struct Words {
    pub(super) lang: Lang,
}

impl Words {
    fn pick(&self, en: &'static str, vi: &'static str) -> &'static str {
        self.lang.pick(en, vi)
    }

    /// A decimal keeping its scale: `11,06` and `170.251` in Vietnamese, `11.06` and
    /// `170251` in English.
    pub(super) fn decimal(&self, d: &Decimal) -> String {
        match self.lang {
            Lang::Vi => vi_scaled(*d),
            Lang::En => d.to_string(),
        }
    }

    pub(super) fn opt_decimal(&self, v: &Option<Decimal>) -> String {
        v.as_ref()
            .map_or_else(|| "—".to_string(), |d| self.decimal(d))
    }
}

pub(super) fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map_or_else(|| "—".to_string(), T::to_string)
}

pub(super) fn arrow(before: &str, after: &str) -> String {
    format!("{before} → {after}")
}

pub(super) fn numbers(ns: &[u32]) -> String {
    ns.iter().map(u32::to_string).collect::<Vec<_>>().join(", ")
}

/// Readable text, like a changelog, with its labels and numbers in `lang` (names stay as
/// the data gives them); ANSI colours when `color`.
pub fn render_text(d: &Diff, lang: Lang, color: bool) -> String {
    let p = Paint(color);
    let w = Words { lang };
    let mut s = String::new();
    let title = format!("{} → {}", d.a.label, d.b.label);
    if d.is_empty() {
        let none = w.pick("No differences", "Không có thay đổi");
        let _ = writeln!(s, "{none}: {title}");
        return s;
    }
    let changes = w.pick("Changes", "So sánh");
    let _ = writeln!(s, "{}", p.bold(&format!("{changes} {title}")));

    if !d.communes.is_empty() {
        let _ = writeln!(s, "\n{}", p.bold(w.pick("Communes", "Xã")));
        for c in &d.communes {
            let _ = writeln!(s, "  {}", commune_line(c, &p, &w));
        }
    }

    if d.show_old_communes && !d.old_communes.is_empty() {
        let title = match lang {
            Lang::Vi => format!(
                "Năm {} theo xã cũ (số tiêu chí đạt → nay thuộc xã)",
                d.a.label
            ),
            Lang::En => format!(
                "{} by the old communes (criteria met → where it went)",
                d.a.label
            ),
        };
        let _ = writeln!(s, "\n{}", p.bold(&title));
        for line in old_commune_lines(d) {
            let _ = writeln!(s, "  {line}");
        }
    }

    if !d.criteria.is_empty() {
        let _ = writeln!(s, "\n{}", p.bold(w.pick("Criteria", "Tiêu chí")));
        let tc = w.pick("Criterion", "TC");
        for c in &d.criteria {
            let mut line = format!(
                "  {tc} {} {}: {}",
                c.number,
                c.name,
                arrow(&opt(&c.count.before), &opt(&c.count.after))
            );
            let mut names = Vec::new();
            if !c.gained.is_empty() {
                names.push(p.green(&format!("+ {}", c.gained.join(", "))));
            }
            if !c.lost.is_empty() {
                names.push(p.red(&format!("- {}", c.lost.join(", "))));
            }
            if !names.is_empty() {
                let _ = write!(line, " ({})", names.join("; "));
            }
            let _ = writeln!(s, "{line}");
        }
    }

    let _ = writeln!(s, "\n{}", p.bold(w.pick("Summary", "Tổng hợp")));
    let _ = writeln!(
        s,
        "  {}: {}",
        w.pick("Criteria met in all", "Tổng số tiêu chí đạt"),
        arrow(
            &d.total_criteria_met.before.to_string(),
            &d.total_criteria_met.after.to_string()
        )
    );
    let _ = writeln!(
        s,
        "  {}: {}",
        w.pick("Average criteria per commune", "Bình quân tiêu chí/xã"),
        arrow(
            &w.decimal(&d.average_criteria_per_commune.before),
            &w.decimal(&d.average_criteria_per_commune.after)
        )
    );
    let classes: Vec<&ClassDiff> = d.classes.iter().filter(|c| c.count.changed()).collect();
    if !classes.is_empty() {
        let _ = writeln!(s, "  {}:", w.pick("Communes by class", "Phân loại xã"));
        for c in classes {
            let _ = writeln!(
                s,
                "    {}: {}",
                c.label,
                arrow(&opt(&c.count.before), &opt(&c.count.after))
            );
        }
    }
    if let Some(rows) = summary_villages(d, &w) {
        let heading = w.pick("Villages by criteria met", "Thôn, bản theo số tiêu chí đạt");
        let _ = writeln!(s, "  {heading}:");
        for (what, before, after) in rows {
            let _ = writeln!(s, "    {what}: {}", arrow(&before, &after));
        }
    }
    for (heading, rows) in summary_levels(d, &w) {
        let _ = writeln!(s, "  {heading}:");
        for (what, before, after) in rows {
            let _ = writeln!(s, "    {what}: {}", arrow(&before, &after));
        }
    }
    if let Some(rows) = summary_funding(d, &w) {
        let heading = w.pick("Funding mobilised, million VND", "Vốn huy động, triệu đồng");
        let _ = writeln!(s, "  {heading}:");
        for (what, before, after) in rows {
            let _ = writeln!(s, "    {what}: {}", arrow(&before, &after));
        }
    }
    s
}

/// The old communes a merged commune was formed from: "Hoang Thèn, Bản Lang, một phần
/// Nùng Nàng".
pub(super) fn formed_from(c: &CommuneDiff, w: &Words) -> String {
    c.predecessors
        .iter()
        .map(|p| {
            if p.part {
                format!("{} {}", w.pick("part of", "một phần"), p.name)
            } else {
                p.name.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A across a merger, by its own communes: each with its criteria and where it went.
pub(super) fn old_commune_lines(d: &Diff) -> Vec<String> {
    d.old_communes
        .iter()
        .map(|o| format!("{}: {} → {}", o.name, o.criteria_met, o.into.join(", ")))
        .collect()
}

pub(super) fn commune_line(c: &CommuneDiff, p: &Paint, w: &Words) -> String {
    let count = arrow(&opt(&c.criteria_met.before), &opt(&c.criteria_met.after));
    let mut line = c.name.clone();
    match c.presence {
        Presence::Added => {
            let _ = write!(line, ": {} ({count})", p.green(w.pick("added", "mới")));
            return line;
        }
        Presence::Removed => {
            let removed = w.pick("removed", "không còn");
            let _ = write!(line, ": {} ({count})", p.red(removed));
            return line;
        }
        Presence::Changed => {}
        Presence::Merged => {
            let from = w.pick("formed from", "gồm");
            let _ = write!(line, " ({from}: {})", formed_from(c, w));
        }
    }
    if let Some(prev) = &c.previous_name {
        let _ = write!(line, " ({}: {prev})", w.pick("formerly", "trước đây"));
    }
    line.push(':');
    for n in &c.gained {
        let _ = write!(line, " {}", p.green(&format!("+{n}")));
    }
    for n in &c.lost {
        let _ = write!(line, " {}", p.red(&format!("-{n}")));
    }
    let _ = write!(line, " ({count})");
    if c.recognized.changed() {
        let _ = write!(
            line,
            "; {}: {}",
            w.pick("recognised as NTM", "công nhận NTM"),
            arrow(&opt(&c.recognized.before), &opt(&c.recognized.after))
        );
    }
    line
}

/// The changed village rows as (what, before, after).
pub(super) fn summary_villages(d: &Diff, w: &Words) -> Option<Vec<(String, String, String)>> {
    let v = d.villages.as_ref()?;
    let mut rows = Vec::new();
    if v.total.changed() {
        rows.push((
            w.pick("Villages assessed", "Số thôn, bản được đánh giá")
                .to_string(),
            opt(&v.total.before),
            opt(&v.total.after),
        ));
    }
    for r in v.by_criteria_met.iter().filter(|r| r.villages.changed()) {
        rows.push((
            format!("{} {}", r.criteria_met, w.pick("criteria", "tiêu chí")),
            opt(&r.villages.before),
            opt(&r.villages.after),
        ));
    }
    if v.meeting_all.changed() {
        rows.push((
            w.pick(
                "Meeting the standard (every criterion)",
                "Đạt chuẩn (mọi tiêu chí)",
            )
            .to_string(),
            opt(&v.meeting_all.before),
            opt(&v.meeting_all.after),
        ));
    }
    (!rows.is_empty()).then_some(rows)
}

/// A changed figure: what, before, after.
pub(super) type Row = (String, String, String);

/// Per level that differs: its heading and its changed rows as (what, before, after), the
/// units gaining or losing it named.
pub(super) fn summary_levels(d: &Diff, w: &Words) -> Vec<(String, Vec<Row>)> {
    d.levels
        .iter()
        .map(|l| {
            let units = if l.village {
                w.pick("villages", "thôn")
            } else {
                w.pick("communes", "xã")
            };
            let heading = match w.lang {
                Lang::En => format!("Level {} ({units})", l.level.id()),
                Lang::Vi => format!("Mức {} ({units})", l.level.words()),
            };
            let mut rows = Vec::new();
            let mut row =
                |what: &str, c: &Change<Option<usize>>, gained: &[String], lost: &[String]| {
                    if !c.changed() && gained.is_empty() && lost.is_empty() {
                        return;
                    }
                    let mut what = what.to_string();
                    let mut named = Vec::new();
                    if !gained.is_empty() {
                        named.push(format!("+ {}", gained.join(", ")));
                    }
                    if !lost.is_empty() {
                        named.push(format!("- {}", lost.join(", ")));
                    }
                    if !named.is_empty() {
                        what = format!("{what} ({})", named.join("; "));
                    }
                    rows.push((what, opt(&c.before), opt(&c.after)));
                };
            row(w.pick("Registered", "Đăng ký"), &l.registered, &[], &[]);
            row(
                w.pick("Meeting the level", "Đạt đủ tiêu chí"),
                &l.meeting,
                &l.meeting_gained,
                &l.meeting_lost,
            );
            row(
                w.pick("Recognised", "Đã được công nhận"),
                &l.recognized,
                &l.recognized_gained,
                &l.recognized_lost,
            );
            (heading, rows)
        })
        .collect()
}

/// The changed funding rows as (what, before, after), the total first.
pub(super) fn summary_funding(d: &Diff, w: &Words) -> Option<Vec<(String, String, String)>> {
    let f = d.funding.as_ref()?;
    let mut rows = Vec::new();
    if f.total.changed() {
        rows.push((
            w.pick("Total", "Tổng").to_string(),
            w.opt_decimal(&f.total.before),
            w.opt_decimal(&f.total.after),
        ));
    }
    for s in f.sources.iter().filter(|s| s.amount.changed()) {
        rows.push((
            s.name.clone(),
            w.opt_decimal(&s.amount.before),
            w.opt_decimal(&s.amount.after),
        ));
    }
    (!rows.is_empty()).then_some(rows)
}

/// A table cell: `|` would end the cell, a line break the row.
pub(super) fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}
