//! Figure: the commune × criterion matrix. Communes in roster order are the rows, criteria
//! in ruleset order the columns (grouped under their group's numeral); a cell is filled
//! when the criterion is met (the official status), light when not, and hatched with a dark
//! red outline where the declared status and the one computed from the indicators disagree.
//! The last column counts each commune's criteria met, the last row each criterion's
//! communes. Beyond [`MAX_ROWS`] communes the picture shows the first ones and says so.

use super::svg::{Anchor, Svg};
use super::{
    AXIS, BASICALLY_MET, Legend, MARGIN, MET, NOT_ASSESSED, NOT_MET, Swatch, count, font, hatch,
    title,
};
use crate::facts::{CommuneFacts, Facts, Status};
use std::ops::Range;

/// Most communes drawn; a larger roster shows its first `MAX_ROWS`, and the caption says so.
pub const MAX_ROWS: usize = 400;
/// Most rows in one page's piece (for Word).
pub const PAGE_ROWS: usize = 40;

const CELL_W: f64 = 26.0;
const CELL_H: f64 = 20.0;
const NAME_SIZE: f64 = 12.0;
const HEAD_SIZE: f64 = 11.0;
const BAND_H: f64 = 18.0;
const NUMBERS_H: f64 = 22.0;
const PAD: f64 = 7.0;
const HEAD_NAME: &str = "Xã";
const HEAD_COUNT: &str = "Số TC đạt";
const TOTAL_ROW: &str = "Số xã đạt";
/// The grid's rectangles lie on whole SVG pixels (so on whole pixels of the picture too):
/// drawn without anti-aliasing they look the same, and rasterise faster.
const CRISP: &str = r#"shape-rendering="crispEdges""#;

/// (caption, whole SVG, page pieces) of the matrix; `None` without communes or criteria.
pub fn chart(f: &Facts, number: u32) -> Option<(String, String, Vec<String>)> {
    if f.communes.is_empty() || f.criteria.is_empty() {
        return None;
    }
    let total = f.communes.len();
    let shown = total.min(MAX_ROWS);
    let mut caption = format!(
        "Kết quả thực hiện {} tiêu chí theo xã năm {}",
        f.criteria.len(),
        f.year
    );
    let note = (shown < total).then(|| {
        format!(
            "Hình chỉ thể hiện {} xã đầu tiên theo danh sách, trong tổng số {} xã.",
            count(shown),
            count(total)
        )
    });
    if shown < total {
        caption.push_str(&format!(
            " ({} xã đầu tiên trong tổng số {} xã)",
            count(shown),
            count(total)
        ));
    }
    let title = title(number, &caption);
    let layout = Layout::new(f, &f.communes[..shown]);
    let whole = layout.draw(f, 0..shown, true, note.as_deref(), &title);
    let mut pieces = Vec::new();
    if shown > PAGE_ROWS {
        let parts = shown.div_ceil(PAGE_ROWS);
        let size = shown.div_ceil(parts);
        let mut start = 0;
        while start < shown {
            let end = (start + size).min(shown);
            let last = end == shown;
            let note = if last { note.as_deref() } else { None };
            pieces.push(layout.draw(f, start..end, last, note, &title));
            start = end;
        }
    }
    Some((caption, whole, pieces))
}

/// Column widths shared by the whole picture and its pieces, so the pieces line up.
struct Layout {
    name_w: f64,
    count_w: f64,
    width: f64,
    /// Runs of columns of one group: (first column, columns, group id).
    bands: Vec<(usize, usize, String)>,
    legend: Vec<(Swatch, String)>,
    /// "Nhóm tiêu chí:", then "I. Quy hoạch;" …, each kept on one line.
    groups_note: Vec<String>,
}

impl Layout {
    fn new(f: &Facts, communes: &[CommuneFacts]) -> Layout {
        let name_w = communes
            .iter()
            .map(|c| font::width(&c.name, NAME_SIZE, false))
            .chain([
                font::width(HEAD_NAME, HEAD_SIZE, true),
                font::width(TOTAL_ROW, HEAD_SIZE, true),
            ])
            .fold(0.0, f64::max)
            .ceil()
            + 2.0 * PAD;
        let count_w = (font::width(HEAD_COUNT, HEAD_SIZE, true) + 2.0 * PAD)
            .max(40.0)
            .ceil();
        let width = 2.0 * MARGIN + name_w + CELL_W * f.criteria.len() as f64 + count_w;
        let mut bands: Vec<(usize, usize, String)> = Vec::new();
        for (i, c) in f.criteria.iter().enumerate() {
            match bands.last_mut() {
                Some((_, n, g)) if *g == c.group => *n += 1,
                _ => bands.push((i, 1, c.group.clone())),
            }
        }
        let mut legend = vec![
            (Swatch::Fill(MET), "Đạt".to_string()),
            (Swatch::Fill(NOT_MET), "Chưa đạt".to_string()),
        ];
        // The two other statuses have their colour in the legend only where a commune has
        // them.
        let has = |s: Status| {
            f.communes
                .iter()
                .any(|c| c.criteria.iter().any(|cc| cc.status == s))
        };
        if has(Status::BasicallyMet) {
            legend.push((Swatch::Fill(BASICALLY_MET), "Cơ bản đạt".to_string()));
        }
        if has(Status::NotAssessed) {
            legend.push((Swatch::Fill(NOT_ASSESSED), "Không đánh giá".to_string()));
        }
        legend.push((
            Swatch::Hatch,
            "Kết quả công nhận khác kết quả tính từ các chỉ tiêu (màu ô theo kết quả công nhận)"
                .to_string(),
        ));
        let mut groups_note: Vec<String> = Vec::new();
        if !f.groups.is_empty() {
            groups_note.push("Nhóm tiêu chí:".to_string());
            let last = f.groups.len() - 1;
            for (i, g) in f.groups.iter().enumerate() {
                let end = if i == last { "." } else { ";" };
                groups_note.push(format!("{}. {}{end}", g.id, g.name));
            }
        }
        Layout {
            name_w,
            count_w,
            width,
            bands,
            legend,
            groups_note,
        }
    }

    /// The SVG of the rows `rows` (indexes into the roster), with the totals row when
    /// `totals`, and a note under the legend.
    fn draw(
        &self,
        f: &Facts,
        rows: Range<usize>,
        totals: bool,
        note: Option<&str>,
        title: &str,
    ) -> String {
        let inner = self.width - 2.0 * MARGIN;
        let legend = Legend::layout(&self.legend, inner);
        let units: Vec<&str> = self.groups_note.iter().map(String::as_str).collect();
        let mut notes = font::wrap_units(&units, 10.0, false, inner);
        if let Some(note) = note {
            notes.extend(font::wrap(note, 10.0, false, inner));
        }
        let grid_top = MARGIN + BAND_H + NUMBERS_H;
        let body_h = CELL_H * rows.len() as f64 + if totals { CELL_H + 4.0 } else { 0.0 };
        let legend_top = grid_top + body_h + 12.0;
        let height = legend_top + legend.height() + 14.0 * notes.len() as f64 + MARGIN;
        let mut s = Svg::new(self.width, height, title);
        let x_cells = MARGIN + self.name_w;
        let x_count = x_cells + CELL_W * f.criteria.len() as f64;

        // Header: group bands, criterion numbers, the name and count headings.
        for (first, n, id) in &self.bands {
            let x = x_cells + CELL_W * *first as f64;
            let w = CELL_W * *n as f64;
            s.rect(
                x + 1.0,
                MARGIN,
                w - 2.0,
                BAND_H - 3.0,
                &format!(r##"fill="#dcdcdc" {CRISP}"##),
            );
            s.text(x + w / 2.0, MARGIN + 11.5, 10.0, Anchor::Middle, true, id);
        }
        for (j, c) in f.criteria.iter().enumerate() {
            let x = x_cells + CELL_W * j as f64 + CELL_W / 2.0;
            let y = MARGIN + BAND_H + 15.0;
            s.text_with(
                x,
                y,
                HEAD_SIZE,
                Anchor::Middle,
                true,
                &c.number.to_string(),
                r#"class="criterion""#,
            );
        }
        let head_y = MARGIN + (BAND_H + NUMBERS_H) / 2.0 + 4.0;
        s.text(
            MARGIN + PAD,
            head_y,
            HEAD_SIZE,
            Anchor::Start,
            true,
            HEAD_NAME,
        );
        s.text(
            x_count + self.count_w / 2.0,
            head_y,
            HEAD_SIZE,
            Anchor::Middle,
            true,
            HEAD_COUNT,
        );
        s.line(
            MARGIN,
            grid_top - 1.0,
            self.width - MARGIN,
            grid_top - 1.0,
            &format!(r#"stroke="{AXIS}" stroke-width="1""#),
        );

        // One row per commune.
        for (i, ci) in rows.clone().enumerate() {
            let c = &f.communes[ci];
            let y = grid_top + CELL_H * i as f64;
            if i % 2 == 1 {
                let stripe = format!(r##"fill="#f4f4f4" {CRISP}"##);
                s.rect(MARGIN, y, self.name_w, CELL_H, &stripe);
                s.rect(x_count, y, self.count_w, CELL_H, &stripe);
            }
            s.text_with(
                MARGIN + PAD,
                y + 14.5,
                NAME_SIZE,
                Anchor::Start,
                false,
                &c.name,
                r#"class="commune""#,
            );
            for (j, k) in f.criteria.iter().enumerate() {
                let x = x_cells + CELL_W * j as f64;
                let cell = c.criteria.iter().find(|cc| cc.number == k.number);
                let (fill, class) = match cell.map(|cc| cc.status) {
                    Some(Status::Met) => (MET, "met"),
                    Some(Status::NotMet) => (NOT_MET, "not-met"),
                    Some(Status::BasicallyMet) => (BASICALLY_MET, "basically-met"),
                    Some(Status::NotAssessed) => (NOT_ASSESSED, "not-assessed"),
                    None => ("#ffffff", "none"),
                };
                let data = format!(
                    r#"data-commune="{}" data-criterion="{}""#,
                    super::svg::escape(&c.id),
                    k.number
                );
                s.rect(
                    x + 1.0,
                    y + 1.0,
                    CELL_W - 2.0,
                    CELL_H - 2.0,
                    &format!(r#"fill="{fill}" {CRISP} class="cell {class}" {data}"#),
                );
                let disagree = cell.is_some_and(
                    |cc| matches!((cc.declared.and_then(Status::as_bool), cc.computed.and_then(Status::as_bool)), (Some(d), Some(k)) if d != k),
                );
                if disagree {
                    let (mx, my, mw, mh) = (x + 2.0, y + 2.0, CELL_W - 4.0, CELL_H - 4.0);
                    hatch(&mut s, mx, my, mw, mh);
                    s.rect(
                        mx,
                        my,
                        mw,
                        mh,
                        &format!(
                            r#"fill="none" stroke="{}" stroke-width="2" {CRISP} class="disagree" {data}"#,
                            super::MARK
                        ),
                    );
                }
            }
            s.text(
                x_count + self.count_w / 2.0,
                y + 14.5,
                NAME_SIZE,
                Anchor::Middle,
                false,
                &c.criteria_met.to_string(),
            );
        }

        // Totals: communes meeting each criterion, and criteria met in all.
        if totals {
            let y = grid_top + CELL_H * rows.len() as f64 + 4.0;
            s.line(
                MARGIN,
                y - 2.0,
                self.width - MARGIN,
                y - 2.0,
                &format!(r#"stroke="{AXIS}" stroke-width="1""#),
            );
            s.text(
                MARGIN + PAD,
                y + 14.5,
                HEAD_SIZE,
                Anchor::Start,
                true,
                TOTAL_ROW,
            );
            // Counts of three digits or more get a smaller size, to stay inside their column.
            let widest = f
                .criteria
                .iter()
                .map(|k| font::width(&count(k.count), HEAD_SIZE, true))
                .fold(0.0, f64::max);
            let size = if widest > CELL_W - 4.0 {
                (HEAD_SIZE * (CELL_W - 4.0) / widest * 2.0).floor() / 2.0
            } else {
                HEAD_SIZE
            };
            for (j, k) in f.criteria.iter().enumerate() {
                let x = x_cells + CELL_W * j as f64 + CELL_W / 2.0;
                s.text(x, y + 14.5, size, Anchor::Middle, true, &count(k.count));
            }
            s.text(
                x_count + self.count_w / 2.0,
                y + 14.5,
                HEAD_SIZE,
                Anchor::Middle,
                true,
                &count(f.total_criteria_met as usize),
            );
        }

        // Group separators, over header and rows.
        for (first, _, _) in self.bands.iter().skip(1) {
            let x = x_cells + CELL_W * *first as f64;
            s.line(
                x,
                MARGIN + BAND_H,
                x,
                grid_top + body_h,
                &format!(r#"stroke="{AXIS}" stroke-width="1""#),
            );
        }

        legend.draw(&mut s, MARGIN, legend_top);
        let mut y = legend_top + legend.height() + 10.0;
        for line in &notes {
            s.text(MARGIN, y, 10.0, Anchor::Start, false, line);
            y += 14.0;
        }
        s.finish()
    }
}
