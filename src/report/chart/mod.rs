//! The report's charts, drawn from the facts as SVG (see `docs/charts.md`):
//!
//! - [`MATRIX`]: communes × criteria, met / not met, with the cells where the declared and
//!   the computed status disagree hatched;
//! - [`CRITERIA`]: communes meeting each criterion, this year beside last year;
//! - [`VILLAGES`]: villages by the number of village criteria they meet.
//!
//! The SVG is written by hand (a grid of rectangles and a few bar charts need no plotting
//! library) with the bundled DejaVu Sans, and turned into PNG by [`raster`] for Word.

pub mod bars;
pub mod font;
pub mod matrix;
pub mod raster;
pub mod svg;
pub mod units;

use super::model::Figure;
use crate::facts::Facts;
use svg::{Anchor, Svg, n};

/// The commune × criterion matrix.
pub const MATRIX: &str = "tieu-chi-theo-xa";
/// Communes meeting each criterion, this year and last.
pub const CRITERIA: &str = "so-xa-dat-tieu-chi";
/// Villages by the number of criteria met.
pub const VILLAGES: &str = "thon-ban-theo-so-tieu-chi";
/// The figures a template can place with `<!-- figure:SLUG -->`.
pub const SLUGS: [&str; 3] = [MATRIX, CRITERIA, VILLAGES];

/// The figure `slug` drawn from `facts`, numbered `number`; `None` for an unknown slug or
/// a chart without data (no communes, no villages).
pub fn figure(slug: &str, number: u32, facts: &Facts) -> Option<Figure> {
    let (caption, svg, pieces) = match slug {
        MATRIX => matrix::chart(facts, number)?,
        CRITERIA => bars::criteria(facts, number)?,
        VILLAGES => bars::villages(facts, number)?,
        _ => return None,
    };
    Some(Figure {
        number,
        slug: slug.to_string(),
        caption,
        svg,
        pieces,
    })
}

/// "Hình N. caption", the title inside the SVG.
fn title(number: u32, caption: &str) -> String {
    format!("Hình {number}. {caption}")
}

// ---------------------------------------------------------------------------------------
// Shared drawing: colours, legends, axes

/// Outer margin.
const MARGIN: f64 = 12.0;
/// Met / this year: a mid green (a mid grey in black-and-white print).
const MET: &str = "#43a047";
/// Not met: light grey.
const NOT_MET: &str = "#e6e6e6";
/// Cơ bản đạt: a paler green than met.
const BASICALLY_MET: &str = "#b9dfa0";
/// Không đánh giá: amber, unlike every other status.
const NOT_ASSESSED: &str = "#ffd27a";
/// This year's bars.
const THIS_YEAR: &str = "#1565c0";
/// Last year's bars.
const LAST_YEAR: &str = "#b0b0b0";
/// Disagreement marks: dark red hatching and outline.
const MARK: &str = "#b71c1c";
/// Grid lines and axes.
const GRID: &str = "#d0d0d0";
const AXIS: &str = "#555555";
const LEGEND_SIZE: f64 = 11.0;

/// Hatching: stripes rising at 45°, 1.1 px wide, one every 5 px across them, on a grid
/// fixed to the picture (stripes of neighbouring cells line up).
const HATCH_PERIOD: f64 = 5.0;
const HATCH_WIDTH: f64 = 1.1;

/// Hatches the rectangle (`x`, `y`, `w`, `h`) in [`MARK`]: the stripes are line segments
/// clipped to it, in one path. The rectangle is then outlined with a stroke of at least
/// 1 px, which covers the segments' square ends (they reach less than 0.5 px past the edge).
///
/// Drawn as lines rather than an SVG `<pattern>`: a pattern is rendered into a tile and
/// resampled for every pixel it covers, which took a quarter of the matrix's rendering
/// time; the stripes are the same (those of a 5 px tile rotated 45°, whose 2.2 px line
/// on the tile's edge shows its inner half).
fn hatch(s: &mut Svg, x: f64, y: f64, w: f64, h: f64) {
    use std::f64::consts::SQRT_2;
    use std::fmt::Write as _;
    // Stripe k's centre line is x + y = k·step + offset.
    let step = HATCH_PERIOD * SQRT_2;
    let offset = HATCH_WIDTH / 2.0 * SQRT_2;
    let (right, bottom) = (x + w, y + h);
    let mut d = String::new();
    let mut k = ((x + y - offset) / step).floor();
    loop {
        let c = k * step + offset;
        if c >= right + bottom {
            break;
        }
        let (xa, xb) = (x.max(c - bottom), right.min(c - y));
        if xb > xa {
            let _ = write!(d, "M{} {}L{} {}", n(xa), n(c - xa), n(xb), n(c - xb));
        }
        k += 1.0;
    }
    if !d.is_empty() {
        s.path(
            &d,
            &format!(r#"fill="none" stroke="{MARK}" stroke-width="{HATCH_WIDTH}" class="hatch""#),
        );
    }
}

/// What a legend entry's swatch looks like.
#[derive(Clone, Copy)]
enum Swatch {
    Fill(&'static str),
    Hatch,
}

/// A legend laid out in lines no wider than a width.
struct Legend {
    /// (x, first line, swatch, label lines)
    items: Vec<(f64, usize, Swatch, Vec<String>)>,
    lines: usize,
}

const SWATCH: f64 = 13.0;
const LINE_H: f64 = 16.0;

impl Legend {
    fn layout(entries: &[(Swatch, String)], max: f64) -> Legend {
        let mut items = Vec::new();
        let (mut x, mut line) = (0.0, 0usize);
        for (swatch, label) in entries {
            let text_w = font::width(label, LEGEND_SIZE, false);
            let w = SWATCH + 5.0 + text_w;
            if x > 0.0 && x + w > max {
                x = 0.0;
                line += 1;
            }
            if w > max {
                // Too long for any line: wrap the label under its swatch's line.
                let lines = font::wrap(label, LEGEND_SIZE, false, max - SWATCH - 5.0);
                let n = lines.len();
                items.push((0.0, line, *swatch, lines));
                line += n;
                x = 0.0;
                continue;
            }
            items.push((x, line, *swatch, vec![label.clone()]));
            x += w + 18.0;
        }
        let lines = items
            .iter()
            .map(|(_, l, _, t)| l + t.len())
            .max()
            .unwrap_or(0);
        Legend { items, lines }
    }

    fn height(&self) -> f64 {
        self.lines as f64 * LINE_H
    }

    fn draw(&self, s: &mut Svg, x0: f64, y0: f64) {
        for (x, line, swatch, labels) in &self.items {
            let (x, y) = (x0 + x, y0 + *line as f64 * LINE_H);
            let attrs = match swatch {
                Swatch::Fill(c) => format!(r#"fill="{c}" class="legend""#),
                Swatch::Hatch => {
                    hatch(s, x, y + 1.0, SWATCH, SWATCH - 2.0);
                    format!(r#"fill="none" stroke="{MARK}" stroke-width="1.5" class="legend""#)
                }
            };
            s.rect(x, y + 1.0, SWATCH, SWATCH - 2.0, &attrs);
            for (i, t) in labels.iter().enumerate() {
                let ty = y + 11.0 + i as f64 * LINE_H;
                s.text(x + SWATCH + 5.0, ty, LEGEND_SIZE, Anchor::Start, false, t);
            }
        }
    }
}

/// A tick step for an axis from 0 to `max`: 1, 2 or 5 times a power of ten, giving at
/// most `most` steps.
fn tick_step(max: u64, most: u64) -> u64 {
    let mut p = 1u64;
    loop {
        for m in [1, 2, 5] {
            let step = m * p;
            if max.div_ceil(step) <= most {
                return step;
            }
        }
        p *= 10;
    }
}

/// A count as labels show it (`1.790`).
fn count(n: usize) -> String {
    crate::number::vi_int(n as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tick_steps_are_round() {
        assert_eq!(tick_step(16, 8), 2);
        assert_eq!(tick_step(5, 8), 1);
        assert_eq!(tick_step(26, 8), 5);
        assert_eq!(tick_step(163, 8), 50);
        assert_eq!(tick_step(0, 8), 1);
    }

    #[test]
    fn legends_wrap_to_their_width() {
        let entries = vec![
            (Swatch::Fill(MET), "Đạt".to_string()),
            (Swatch::Fill(NOT_MET), "Chưa đạt".to_string()),
            (
                Swatch::Hatch,
                "Kết quả công nhận khác kết quả tính từ các chỉ tiêu".to_string(),
            ),
        ];
        assert_eq!(Legend::layout(&entries, 2000.0).lines, 1);
        let narrow = Legend::layout(&entries, 150.0);
        assert!(narrow.lines >= 3, "{}", narrow.lines);
    }
}
