//! Figures: communes meeting each criterion (horizontal bars, one row per criterion in
//! ruleset order, last year's bar above this year's where the facts have it), and villages
//! by the number of village criteria met (vertical bars, one slot per count from 0 to the
//! set's size, last year beside this year where known).

use super::svg::{Anchor, Svg, n};
use super::{
    AXIS, GRID, LAST_YEAR, Legend, MARGIN, Swatch, THIS_YEAR, count, font, tick_step, title,
};
use crate::facts::Facts;
use std::collections::BTreeMap;

const LABEL_SIZE: f64 = 11.0;
const VALUE_SIZE: f64 = 9.5;
const TICK_SIZE: f64 = 10.0;

fn year_legend(previous: Option<i32>, year: i32) -> Vec<(Swatch, String)> {
    let mut v = Vec::new();
    if let Some(p) = previous {
        v.push((Swatch::Fill(LAST_YEAR), format!("Năm {p}")));
    }
    v.push((Swatch::Fill(THIS_YEAR), format!("Năm {year}")));
    v
}

fn bar_attrs(color: &str, year: i32, key: &str, value: usize) -> String {
    format!(r#"fill="{color}" class="bar" data-year="{year}" {key} data-value="{value}""#)
}

/// (caption, SVG, no pieces) of communes meeting each criterion; `None` without criteria.
pub fn criteria(f: &Facts, number: u32) -> Option<(String, String, Vec<String>)> {
    if f.criteria.is_empty() || f.communes.is_empty() {
        return None;
    }
    let previous = f
        .previous_year
        .filter(|_| f.criteria.iter().any(|c| c.previous_count.is_some()));
    let caption = match previous {
        Some(p) => format!("Số xã đạt từng tiêu chí năm {} so với năm {p}", f.year),
        None => format!("Số xã đạt từng tiêu chí năm {}", f.year),
    };
    let title = title(number, &caption);

    const LABEL_W: f64 = 250.0;
    const PLOT_W: f64 = 380.0;
    let bars: f64 = if previous.is_some() { 2.0 } else { 1.0 };
    let bar_h: f64 = if previous.is_some() { 9.0 } else { 13.0 };
    let labels: Vec<Vec<String>> = f
        .criteria
        .iter()
        .map(|c| {
            font::wrap(
                &format!("{}. {}", c.number, c.name),
                LABEL_SIZE,
                false,
                LABEL_W,
            )
        })
        .collect();
    let row_h =
        |lines: usize| (bars * bar_h + (bars - 1.0) * 2.0 + 10.0).max(lines as f64 * 13.0 + 6.0);

    let max = f.communes.len() as u64;
    let step = tick_step(max, 8);
    let axis_max = max.div_ceil(step) * step;
    let scale = PLOT_W / axis_max as f64;
    let value_room = font::width(&count(max as usize), VALUE_SIZE, false) + 8.0;
    let width = 2.0 * MARGIN + LABEL_W + 10.0 + PLOT_W + value_room;
    let legend = Legend::layout(&year_legend(previous, f.year), width - 2.0 * MARGIN);
    let plot_top = MARGIN + legend.height() + 8.0;
    let plot_h: f64 = labels.iter().map(|l| row_h(l.len())).sum();
    let plot_bottom = plot_top + plot_h;
    let height = plot_bottom + 4.0 + 14.0 + 18.0 + MARGIN;
    let x0 = MARGIN + LABEL_W + 10.0;

    let mut s = Svg::new(width, height, &title);
    legend.draw(&mut s, x0, MARGIN);
    // Grid and tick labels.
    let mut t = 0;
    while t <= axis_max {
        let x = x0 + t as f64 * scale;
        s.line(
            x,
            plot_top,
            x,
            plot_bottom,
            &format!(r#"stroke="{GRID}" stroke-width="1""#),
        );
        s.text(
            x,
            plot_bottom + 15.0,
            TICK_SIZE,
            Anchor::Middle,
            false,
            &count(t as usize),
        );
        t += step;
    }
    s.text(
        x0 + PLOT_W / 2.0,
        plot_bottom + 33.0,
        TICK_SIZE,
        Anchor::Middle,
        false,
        &format!("Số xã (tổng số {} xã)", count(f.communes.len())),
    );
    let mut y = plot_top;
    for (c, lines) in f.criteria.iter().zip(&labels) {
        let h = row_h(lines.len());
        let mid = y + h / 2.0;
        let first = mid - (lines.len() as f64 - 1.0) * 13.0 / 2.0 + 4.0;
        for (i, l) in lines.iter().enumerate() {
            let attrs = if i == 0 { r#"class="criterion""# } else { "" };
            s.text_with(
                MARGIN + LABEL_W,
                first + i as f64 * 13.0,
                LABEL_SIZE,
                Anchor::End,
                false,
                l,
                attrs,
            );
        }
        let mut by = mid - (bars * bar_h + (bars - 1.0) * 2.0) / 2.0;
        let key = format!(r#"data-criterion="{}""#, c.number);
        let mut series: Vec<(i32, &str, Option<usize>)> = Vec::new();
        if let Some(p) = previous {
            series.push((p, LAST_YEAR, c.previous_count));
        }
        series.push((f.year, THIS_YEAR, Some(c.count)));
        for (year, color, value) in series {
            if let Some(v) = value {
                let w = v as f64 * scale;
                s.rect(x0, by, w, bar_h, &bar_attrs(color, year, &key, v));
                s.text(
                    x0 + w + 3.0,
                    by + bar_h / 2.0 + 3.5,
                    VALUE_SIZE,
                    Anchor::Start,
                    false,
                    &count(v),
                );
            }
            by += bar_h + 2.0;
        }
        y += h;
    }
    axes(&mut s, x0, plot_top, plot_bottom, x0 + PLOT_W);
    Some((caption, s.finish(), Vec::new()))
}

/// (caption, SVG, no pieces) of villages by criteria met; `None` without villages.
pub fn villages(f: &Facts, number: u32) -> Option<(String, String, Vec<String>)> {
    let v = f.villages.as_ref().filter(|v| v.total > 0)?;
    let prev: Option<(i32, &BTreeMap<u32, usize>)> =
        f.previous_year.zip(v.previous_by_criteria_met.as_ref());
    let caption = match prev {
        Some((p, _)) => format!(
            "Số thôn, bản theo số tiêu chí đạt năm {} so với năm {p}",
            f.year
        ),
        None => format!("Số thôn, bản theo số tiêu chí đạt năm {}", f.year),
    };
    let title = title(number, &caption);
    let most = f
        .village_ruleset
        .as_ref()
        .map(|r| r.criteria_count as u32)
        .unwrap_or(0)
        .max(v.by_criteria_met.keys().max().copied().unwrap_or(0))
        .max(prev.and_then(|(_, m)| m.keys().max().copied()).unwrap_or(0));
    let get = |m: &BTreeMap<u32, usize>, k: u32| m.get(&k).copied().unwrap_or(0);
    let max = (0..=most)
        .map(|k| get(&v.by_criteria_met, k).max(prev.map_or(0, |(_, m)| get(m, k))))
        .max()
        .unwrap_or(0)
        .max(1) as u64;

    const PLOT_H: f64 = 240.0;
    let bars: f64 = if prev.is_some() { 2.0 } else { 1.0 };
    let bar_w: f64 = if prev.is_some() { 11.0 } else { 16.0 };
    let slot = bars * bar_w + (bars - 1.0) * 1.0 + 8.0;
    let step = tick_step(max, 6);
    let axis_max = max.div_ceil(step) * step;
    let scale = PLOT_H / axis_max as f64;
    let tick_w = font::width(&count(axis_max as usize), TICK_SIZE, false);
    let x0 = MARGIN + 16.0 + tick_w + 6.0;
    let slots = f64::from(most + 1);
    let width = (x0 + slots * slot + MARGIN).max(360.0);
    let legend = Legend::layout(&year_legend(prev.map(|p| p.0), f.year), width - x0 - MARGIN);
    let plot_top = MARGIN + legend.height() + 14.0;
    let plot_bottom = plot_top + PLOT_H;
    let height = plot_bottom + 16.0 + 18.0 + MARGIN;

    let mut s = Svg::new(width, height, &title);
    legend.draw(&mut s, x0, MARGIN);
    let mut t = 0;
    while t <= axis_max {
        let y = plot_bottom - t as f64 * scale;
        s.line(
            x0,
            y,
            x0 + slots * slot,
            y,
            &format!(r#"stroke="{GRID}" stroke-width="1""#),
        );
        s.text(
            x0 - 5.0,
            y + 3.5,
            TICK_SIZE,
            Anchor::End,
            false,
            &count(t as usize),
        );
        t += step;
    }
    let (ax, ay) = (MARGIN + 9.0, plot_top + PLOT_H / 2.0);
    s.text_with(
        ax,
        ay,
        TICK_SIZE,
        Anchor::Middle,
        false,
        "Số thôn, bản",
        &format!(r#"transform="rotate(-90 {} {})""#, n(ax), n(ay)),
    );
    for k in 0..=most {
        let sx = x0 + f64::from(k) * slot + 4.0;
        let mut series: Vec<(i32, &str, usize)> = Vec::new();
        if let Some((p, m)) = prev {
            series.push((p, LAST_YEAR, get(m, k)));
        }
        series.push((f.year, THIS_YEAR, get(&v.by_criteria_met, k)));
        let key = format!(r#"data-criteria-met="{k}""#);
        for (i, (year, color, value)) in series.into_iter().enumerate() {
            let bx = sx + i as f64 * (bar_w + 1.0);
            let h = value as f64 * scale;
            s.rect(
                bx,
                plot_bottom - h,
                bar_w,
                h,
                &bar_attrs(color, year, &key, value),
            );
            if value > 0 {
                s.text(
                    bx + bar_w / 2.0,
                    plot_bottom - h - 3.0,
                    if prev.is_some() { 8.5 } else { VALUE_SIZE },
                    Anchor::Middle,
                    false,
                    &count(value),
                );
            }
        }
        s.text(
            sx + (slot - 8.0) / 2.0,
            plot_bottom + 14.0,
            TICK_SIZE,
            Anchor::Middle,
            false,
            &k.to_string(),
        );
    }
    axes(&mut s, x0, plot_top, plot_bottom, x0 + slots * slot);
    s.text(
        x0 + slots * slot / 2.0,
        plot_bottom + 32.0,
        TICK_SIZE,
        Anchor::Middle,
        false,
        "Số tiêu chí đạt",
    );
    Some((caption, s.finish(), Vec::new()))
}

/// The two axis lines of a bar chart: the vertical one at `x0` and the baseline to `right`.
fn axes(s: &mut Svg, x0: f64, top: f64, bottom: f64, right: f64) {
    let style = format!(r#"stroke="{AXIS}" stroke-width="1""#);
    s.line(x0, top, x0, bottom, &style);
    s.line(x0, bottom, right, bottom, &style);
}
