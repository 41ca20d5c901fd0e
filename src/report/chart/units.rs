//! The summary's figure: for each unit, its communes and those recognised as meeting the
//! NTM standard (horizontal bars, one row per unit in the order the folder of units names
//! them).

use super::svg::{Anchor, Svg};
use super::{AXIS, GRID, LAST_YEAR, Legend, MARGIN, MET, Swatch, count, font, tick_step, title};
use crate::report::model::Figure;
use crate::units::summary::Summary;

/// The figure's file stem: `tong-hop/hinh/SLUG.svg`.
pub const UNITS: &str = "so-xa-theo-don-vi";

const LABEL_SIZE: f64 = 11.0;
const VALUE_SIZE: f64 = 9.5;
const BAR_H: f64 = 9.0;

/// The figure numbered `number`; `None` without units.
pub fn figure(s: &Summary, number: u32) -> Option<Figure> {
    if s.units.is_empty() {
        return None;
    }
    let caption = format!("Số xã và số xã đạt chuẩn NTM theo đơn vị năm {}", s.year);
    const LABEL_W: f64 = 200.0;
    const PLOT_W: f64 = 380.0;
    let labels: Vec<Vec<String>> = s
        .units
        .iter()
        .map(|u| font::wrap(&u.name, LABEL_SIZE, false, LABEL_W))
        .collect();
    let row_h = |lines: usize| (2.0 * BAR_H + 12.0).max(lines as f64 * 13.0 + 6.0);
    let max = s
        .units
        .iter()
        .map(|u| u.tally.communes)
        .max()
        .unwrap_or(0)
        .max(1) as u64;
    let step = tick_step(max, 8);
    let axis_max = max.div_ceil(step) * step;
    let scale = PLOT_W / axis_max as f64;
    let value_room = font::width(&count(max as usize), VALUE_SIZE, false) + 8.0;
    let width = 2.0 * MARGIN + LABEL_W + 10.0 + PLOT_W + value_room;
    let entries = [
        (Swatch::Fill(LAST_YEAR), "Số xã".to_string()),
        (Swatch::Fill(MET), "Số xã đạt chuẩn NTM".to_string()),
    ];
    let legend = Legend::layout(&entries, width - 2.0 * MARGIN);
    let plot_top = MARGIN + legend.height() + 8.0;
    let plot_bottom = plot_top + labels.iter().map(|l| row_h(l.len())).sum::<f64>();
    let height = plot_bottom + 36.0 + MARGIN;
    let x0 = MARGIN + LABEL_W + 10.0;
    let mut svg = Svg::new(width, height, &title(number, &caption));
    legend.draw(&mut svg, x0, MARGIN);
    let mut t = 0;
    while t <= axis_max {
        let x = x0 + t as f64 * scale;
        let grid = format!(r#"stroke="{GRID}" stroke-width="1""#);
        svg.line(x, plot_top, x, plot_bottom, &grid);
        let tick = count(t as usize);
        svg.text(x, plot_bottom + 15.0, 10.0, Anchor::Middle, false, &tick);
        t += step;
    }
    let mut y = plot_top;
    for (u, lines) in s.units.iter().zip(&labels) {
        let h = row_h(lines.len());
        let mid = y + h / 2.0;
        let first = mid - (lines.len() as f64 - 1.0) * 13.0 / 2.0 + 4.0;
        for (i, l) in lines.iter().enumerate() {
            let at = first + i as f64 * 13.0;
            svg.text(MARGIN + LABEL_W, at, LABEL_SIZE, Anchor::End, false, l);
        }
        let mut by = mid - BAR_H - 1.0;
        for (color, key, v) in [
            (LAST_YEAR, "communes", u.tally.communes),
            (MET, "recognized", u.tally.recognized),
        ] {
            let w = v as f64 * scale;
            let attrs = format!(
                r#"fill="{color}" class="bar" data-unit="{}" data-series="{key}" data-value="{v}""#,
                super::svg::escape(&u.id)
            );
            svg.rect(x0, by, w, BAR_H, &attrs);
            let at = by + BAR_H / 2.0 + 3.5;
            svg.text(
                x0 + w + 3.0,
                at,
                VALUE_SIZE,
                Anchor::Start,
                false,
                &count(v),
            );
            by += BAR_H + 2.0;
        }
        y += h;
    }
    let axis = format!(r#"stroke="{AXIS}" stroke-width="1""#);
    svg.line(x0, plot_top, x0, plot_bottom, &axis);
    svg.line(x0, plot_bottom, x0 + PLOT_W, plot_bottom, &axis);
    Some(Figure {
        number,
        slug: UNITS.to_string(),
        caption,
        svg: svg.finish(),
        pieces: Vec::new(),
    })
}
