//! A small SVG writer for the charts. Every number goes through [`n`] (fixed one-decimal
//! rounding, no exponent, no `-0`), every text through [`escape`], and elements are written
//! in the order they are drawn, so the same chart always gives the same bytes.

use std::fmt::Write as _;

/// A coordinate or length: rounded to one decimal, trailing `.0` dropped (`12`, `12.5`).
pub fn n(x: f64) -> String {
    // Most coordinates are a whole number of tenths (`12`, `23.5`): then `x` is within a
    // rounding error of k/10, far from a halfway point, so its rounding is k/10, written
    // from the integer k without the float formatter's exact (and slow) path.
    let tenths = x * 10.0;
    if tenths == tenths.trunc() && tenths.abs() < 1e15 {
        let k = tenths as i64;
        let (whole, tenth) = (k / 10, (k % 10).unsigned_abs());
        let sign = if k < 0 && whole == 0 { "-" } else { "" };
        return match tenth {
            0 => whole.to_string(),
            t => format!("{sign}{whole}.{t}"),
        };
    }
    formatted(x)
}

/// [`n`] by the float formatter.
fn formatted(x: f64) -> String {
    let s = format!("{x:.1}");
    let s = s.strip_suffix(".0").unwrap_or(&s).to_string();
    if s == "-0" { "0".to_string() } else { s }
}

/// Escapes text for element content and quoted attribute values; drops the characters
/// XML 1.0 does not allow.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Horizontal anchor of a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

/// An SVG document being written.
pub struct Svg {
    buf: String,
    pub width: f64,
    pub height: f64,
}

impl Svg {
    /// Opens a document of `width` × `height` px with a title (not drawn; for screen
    /// readers and file browsers) and the chart font as the default.
    pub fn new(width: f64, height: f64, title: &str) -> Svg {
        let (w, h) = (n(width.ceil()), n(height.ceil()));
        let mut buf = String::new();
        let _ = write!(
            buf,
            concat!(
                r#"<?xml version="1.0" encoding="UTF-8"?>"#,
                "\n",
                r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" "#,
                r##"font-family="'{family}', sans-serif" font-size="12" fill="#000000">"##,
                "\n<title>{title}</title>\n",
                r##"<rect x="0" y="0" width="{w}" height="{h}" fill="#ffffff"/>"##,
                "\n"
            ),
            w = w,
            h = h,
            family = super::font::FAMILY,
            title = escape(title)
        );
        Svg {
            buf,
            width: width.ceil(),
            height: height.ceil(),
        }
    }

    /// Appends markup as it is (constant definitions and the like).
    pub fn raw(&mut self, s: &str) {
        self.buf.push_str(s);
    }

    /// A rectangle; `attrs` is constant attribute text (fill, stroke, class).
    pub fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, attrs: &str) {
        let _ = writeln!(
            self.buf,
            r#"<rect x="{}" y="{}" width="{}" height="{}" {attrs}/>"#,
            n(x),
            n(y),
            n(w.max(0.0)),
            n(h.max(0.0))
        );
    }

    /// A path of outline data `d` (already formatted with [`n`]).
    pub fn path(&mut self, d: &str, attrs: &str) {
        let _ = writeln!(self.buf, r#"<path d="{d}" {attrs}/>"#);
    }

    /// A straight line.
    pub fn line(&mut self, x1: f64, y1: f64, x2: f64, y2: f64, attrs: &str) {
        let _ = writeln!(
            self.buf,
            r#"<line x1="{}" y1="{}" x2="{}" y2="{}" {attrs}/>"#,
            n(x1),
            n(y1),
            n(x2),
            n(y2)
        );
    }

    /// A text whose baseline starts, is centred or ends at (`x`, `y`).
    pub fn text(&mut self, x: f64, y: f64, size: f64, anchor: Anchor, bold: bool, text: &str) {
        self.text_with(x, y, size, anchor, bold, text, "");
    }

    /// A text with extra constant attributes (`class`, `transform`, `fill`).
    #[allow(clippy::too_many_arguments)]
    pub fn text_with(
        &mut self,
        x: f64,
        y: f64,
        size: f64,
        anchor: Anchor,
        bold: bool,
        text: &str,
        attrs: &str,
    ) {
        let anchor = match anchor {
            Anchor::Start => "",
            Anchor::Middle => r#" text-anchor="middle""#,
            Anchor::End => r#" text-anchor="end""#,
        };
        let weight = if bold { r#" font-weight="bold""# } else { "" };
        let sep = if attrs.is_empty() { "" } else { " " };
        let _ = writeln!(
            self.buf,
            r#"<text x="{}" y="{}" font-size="{}"{anchor}{weight}{sep}{attrs}>{}</text>"#,
            n(x),
            n(y),
            n(size),
            escape(text)
        );
    }

    /// Closes the document.
    pub fn finish(mut self) -> String {
        self.buf.push_str("</svg>\n");
        self.buf
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_have_one_fixed_decimal_at_most() {
        assert_eq!(n(12.0), "12");
        assert_eq!(n(12.25), "12.2");
        assert_eq!(n(12.26), "12.3");
        assert_eq!(n(-0.01), "0");
        assert_eq!(n(1e7), "10000000");
        assert_eq!(n(0.1 + 0.2), "0.3");
        assert_eq!(n(-0.5), "-0.5");
        assert_eq!(n(-12.5), "-12.5");
        assert_eq!(n(-3.0), "-3");
        assert_eq!(n(-0.0), "0");
    }

    /// The short way gives the formatter's text for every number: whole tenths, values a
    /// rounding error away from them, halves of tenths, and arbitrary fractions.
    #[test]
    fn whole_tenths_are_written_as_the_formatter_writes_them() {
        let mut values = vec![0.0, -0.0, 1e14, -1e14, 0.05, -0.05, 0.15, 2.675];
        for k in -30_000i32..30_000 {
            let t = f64::from(k) / 10.0;
            values.extend([t, t + 1e-12, t - 1e-12, t + 0.05, f64::from(k) / 7.0]);
            values.push(f64::from(k) * 0.1 + 0.2);
        }
        for x in values {
            assert_eq!(n(x), formatted(x), "{x:e}");
        }
    }

    #[test]
    fn text_is_escaped() {
        let mut s = Svg::new(10.0, 10.0, "a < b");
        s.text(1.0, 2.0, 12.0, Anchor::Start, false, "Bản A&B \"x\"\u{1}");
        let out = s.finish();
        assert!(out.contains("<title>a &lt; b</title>"));
        assert!(out.contains(">Bản A&amp;B &quot;x&quot;</text>"));
        roxmltree::Document::parse(&out).expect("well-formed");
    }
}
