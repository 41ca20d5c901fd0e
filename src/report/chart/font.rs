//! The charts' font: DejaVu Sans (regular and bold), bundled by the `dejavu` crate from
//! crates.io, so the labels are measured and drawn with the same glyphs on every machine.
//! It covers Vietnamese (precomposed letters such as `ổ`, `ự`, `Ậ`). No system font is ever
//! looked up.

use skrifa::MetadataProvider;
use skrifa::instance::{LocationRef, Size};
use std::sync::OnceLock;

/// The family the SVG asks for; the rasteriser knows only this one.
pub const FAMILY: &str = "DejaVu Sans";

/// The font files (TrueType bytes): regular, then bold.
pub fn files() -> [&'static [u8]; 2] {
    [dejavu::sans::regular(), dejavu::sans::bold()]
}

/// Advance widths of one face, in font units.
struct Face {
    units_per_em: f64,
    charmap: skrifa::charmap::Charmap<'static>,
    metrics: skrifa::metrics::GlyphMetrics<'static>,
}

impl Face {
    fn load(bytes: &'static [u8]) -> Face {
        let font = skrifa::FontRef::new(bytes).expect("the bundled DejaVu font parses");
        Face {
            units_per_em: f64::from(
                font.metrics(Size::unscaled(), LocationRef::default())
                    .units_per_em,
            ),
            charmap: font.charmap(),
            metrics: font.glyph_metrics(Size::unscaled(), LocationRef::default()),
        }
    }

    fn units(&self, text: &str) -> f64 {
        text.chars()
            .map(|c| {
                let gid = self.charmap.map(c).unwrap_or_default();
                f64::from(self.metrics.advance_width(gid).unwrap_or(0.0))
            })
            .sum()
    }
}

fn faces() -> &'static [Face; 2] {
    static FACES: OnceLock<[Face; 2]> = OnceLock::new();
    FACES.get_or_init(|| files().map(Face::load))
}

/// Width of `text` set in DejaVu Sans at `size` px (advances only; no kerning, which for
/// labels makes the estimate a little wide, never narrow by more than a pixel or two).
pub fn width(text: &str, size: f64, bold: bool) -> f64 {
    let face = &faces()[usize::from(bold)];
    face.units(text) * size / face.units_per_em
}

/// Splits `text` at spaces into lines no wider than `max` px (a single word wider than
/// `max` stays whole on its line).
pub fn wrap(text: &str, size: f64, bold: bool, max: f64) -> Vec<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    wrap_units(&words, size, bold, max)
}

/// Sets `units` (words, or phrases to keep together) one after the other, separated by a
/// space, in lines no wider than `max` px; a phrase wider than `max` is broken at its
/// spaces.
pub fn wrap_units(units: &[&str], size: f64, bold: bool, max: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for unit in units {
        if unit.contains(' ') && width(unit, size, bold) > max {
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            let mut inner = wrap(unit, size, bold, max);
            line = inner.pop().unwrap_or_default();
            lines.extend(inner);
            continue;
        }
        let word = *unit;
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if !line.is_empty() && width(&candidate, size, bold) > max {
            lines.push(std::mem::replace(&mut line, word.to_string()));
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_grow_with_text_and_size() {
        let a = width("Mường So", 12.0, false);
        assert!(a > 40.0 && a < 70.0, "{a}");
        assert!(width("Mường So", 12.0, true) > a);
        assert!((width("Mường So", 24.0, false) - 2.0 * a).abs() < 1e-9);
        assert_eq!(width("", 12.0, false), 0.0);
    }

    #[test]
    fn vietnamese_letters_have_glyphs() {
        let font = skrifa::FontRef::new(files()[0]).unwrap();
        let cmap = font.charmap();
        for c in "ỦY BAN NHÂN DÂN Hình Tiêu chí đạt Ặ ự ỗ ẵ Đ đ".chars() {
            if c != ' ' {
                assert!(cmap.map(c).is_some(), "no glyph for {c}");
            }
        }
    }

    #[test]
    fn phrases_stay_together() {
        let units = [
            "Nhóm:",
            "I. Quy hoạch;",
            "II. Hạ tầng kinh tế - xã hội;",
            "V. Hệ thống chính trị.",
        ];
        let lines = wrap_units(&units, 10.0, false, 200.0);
        assert_eq!(lines.join(" "), units.join(" "));
        for u in &units[1..] {
            assert!(lines.iter().any(|l| l.contains(u)), "{u} split: {lines:?}");
        }
    }

    #[test]
    fn wrapping_keeps_every_word() {
        let t = "Tổ chức sản xuất và phát triển kinh tế nông thôn";
        let lines = wrap(t, 11.0, false, 150.0);
        assert!(lines.len() >= 2);
        assert_eq!(lines.join(" "), t);
        for l in &lines {
            assert!(width(l, 11.0, false) <= 150.0);
        }
    }
}
