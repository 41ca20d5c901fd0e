//! SVG → PNG for documents that take raster pictures (Word): `resvg` (pure Rust) with the
//! bundled DejaVu fonts as the only fonts it knows, so the same SVG gives the same PNG bytes
//! on every machine.

use super::font;
use resvg::{tiny_skia, usvg};
use std::sync::{Arc, OnceLock};

/// Pixels per SVG (CSS) pixel: 2 gives 192 dpi at the picture's natural size, sharp in
/// print at the width the Word writer sets it to.
pub const SCALE: u32 = 2;

/// A PNG picture.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Raster {
    pub png: Vec<u8>,
    pub width_px: u32,
    pub height_px: u32,
    /// PNG pixels per SVG pixel (a CSS pixel is 1/96 inch).
    pub scale: u32,
}

fn fontdb() -> Arc<usvg::fontdb::Database> {
    static DB: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        for bytes in font::files() {
            db.load_font_data(bytes.to_vec());
        }
        db.set_sans_serif_family(font::FAMILY);
        Arc::new(db)
    })
    .clone()
}

/// Renders `svg` to PNG at [`SCALE`] pixels per SVG pixel, on its own white background.
pub fn png(svg: &str) -> Result<Raster, String> {
    let options = usvg::Options {
        font_family: font::FAMILY.to_string(),
        fontdb: fontdb(),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| e.to_string())?;
    let size = tree.size().to_int_size();
    let (w, h) = (size.width() * SCALE, size.height() * SCALE);
    let mut pixmap =
        tiny_skia::Pixmap::new(w, h).ok_or_else(|| format!("picture too large: {w} × {h} px"))?;
    pixmap.fill(tiny_skia::Color::WHITE);
    let s = SCALE as f32;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(s, s),
        &mut pixmap.as_mut(),
    );
    let png = encode_rgb(&pixmap).map_err(|e| e.to_string())?;
    Ok(Raster {
        png,
        width_px: w,
        height_px: h,
        scale: SCALE,
    })
}

/// The pixmap as an RGB PNG (no alpha channel: the picture is opaque, and an alpha
/// channel makes some readers add a soft mask) that says its resolution (pHYs).
fn encode_rgb(pixmap: &tiny_skia::Pixmap) -> Result<Vec<u8>, png::EncodingError> {
    let rgb: Vec<u8> = pixmap
        .data()
        .chunks_exact(4)
        .flat_map(|p| [p[0], p[1], p[2]])
        .collect();
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, pixmap.width(), pixmap.height());
    enc.set_color(png::ColorType::Rgb);
    enc.set_depth(png::BitDepth::Eight);
    // 96 × SCALE dots per inch, in dots per metre.
    let ppm = (96 * SCALE * 10_000).div_ceil(254);
    enc.set_pixel_dims(Some(png::PixelDimensions {
        xppu: ppm,
        yppu: ppm,
        unit: png::Unit::Meter,
    }));
    let mut w = enc.write_header()?;
    w.write_image_data(&rgb)?;
    w.finish()?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_vietnamese_text_with_the_bundled_font() {
        let mut s = super::super::svg::Svg::new(120.0, 30.0, "t");
        s.text(
            4.0,
            20.0,
            14.0,
            super::super::svg::Anchor::Start,
            false,
            "Hình Lản Nhì Thàng",
        );
        let svg = s.finish();
        let r = png(&svg).unwrap();
        assert_eq!((r.width_px, r.height_px), (240, 60));
        assert_eq!(&r.png[..8], b"\x89PNG\r\n\x1a\n");
        // The text is drawn: the picture is not all white.
        let blank = png(&super::super::svg::Svg::new(120.0, 30.0, "t").finish()).unwrap();
        assert_ne!(r.png, blank.png);
        assert_eq!(png(&svg).unwrap().png, r.png, "same SVG, same bytes");
    }
}
