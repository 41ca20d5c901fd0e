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

/// The rasteriser's font database: the two bundled DejaVu faces and no other font.
///
/// Each face is given to the shaper without its legacy `kern` table (the table's tag is
/// renamed in a copy of the font's table directory). DejaVu Sans kerns Latin text,
/// Vietnamese included, through its `GPOS` table, and a shaper uses the legacy table only
/// where `GPOS` has no kerning, so the glyphs stay exactly where they were (a test checks
/// it); but the shaper (harfrust, through usvg) builds glyph sets for every `kern`
/// subtable each time it shapes a `<text>`, which was most of the time spent turning a
/// chart's SVG into a tree.
fn fontdb() -> Arc<usvg::fontdb::Database> {
    static DB: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        for bytes in font::files() {
            let face = without_legacy_kern(bytes);
            db.load_font_source(usvg::fontdb::Source::Binary(Arc::new(face)));
        }
        db.set_sans_serif_family(font::FAMILY);
        Arc::new(db)
    })
    .clone()
}

/// A copy of the TrueType font `bytes` whose `kern` table record is renamed `kerN` (a tag
/// no reader knows; the records stay sorted, as the lookups' binary search needs).
fn without_legacy_kern(bytes: &[u8]) -> Vec<u8> {
    let mut font = bytes.to_vec();
    let tables = font
        .get(4..6)
        .map_or(0, |n| usize::from(u16::from_be_bytes([n[0], n[1]])));
    for i in 0..tables {
        let at = 12 + 16 * i;
        if let Some(tag) = font.get_mut(at..at + 4)
            && tag == b"kern"
        {
            tag.copy_from_slice(b"kerN");
        }
    }
    font
}

/// The pixel size [`png`] gives `svg`, read from its root element's `width` and `height`
/// (the charts' SVG always has both), without parsing the picture: a paged document can be
/// laid out while its pictures are still being rendered.
pub fn size(svg: &str) -> Option<(u32, u32)> {
    let start = svg.find("<svg ")?;
    let tag = &svg[start..start + svg[start..].find('>')?];
    let attr = |name: &str| -> Option<u32> {
        let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        let value: f64 = tag[at..at + tag[at..].find('"')?].parse().ok()?;
        (value.is_finite() && value > 0.0).then(|| value.ceil() as u32 * SCALE)
    };
    Some((attr("width")?, attr("height")?))
}

/// Renders `svg` to PNG at [`SCALE`] pixels per SVG pixel, on its own white background.
pub fn png(svg: &str) -> Result<Raster, String> {
    let options = usvg::Options {
        font_family: font::FAMILY.to_string(),
        fontdb: fontdb(),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(&without_white_background(svg), &options)
        .map_err(|e| e.to_string())?;
    let size = tree.size().to_int_size();
    let (w, h) = (size.width() * SCALE, size.height() * SCALE);
    let mut pixmap = white(w, h).ok_or_else(|| format!("picture too large: {w} × {h} px"))?;
    let s = SCALE as f32;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(s, s),
        &mut pixmap.as_mut(),
    );
    drop(tree);
    let mut data = pixmap.take();
    let png = encode(&mut data, w, h);
    give_back(data);
    let png = png.map_err(|e| e.to_string())?;
    Ok(Raster {
        png,
        width_px: w,
        height_px: h,
        scale: SCALE,
    })
}

/// `svg` without the white rectangle [`Svg::new`](super::svg::Svg::new) lays under the
/// whole picture (for viewers of the SVG file): the pixmap starts white, and the
/// rectangle, drawn anti-aliased over every pixel, was an eighth of a matrix page's
/// drawing time. The same pixels either way (a test checks it).
fn without_white_background(svg: &str) -> std::borrow::Cow<'_, str> {
    let Some((w, h)) = size(svg) else {
        return svg.into();
    };
    let (w, h) = (w / SCALE, h / SCALE);
    let rect = format!(r##"<rect x="0" y="0" width="{w}" height="{h}" fill="#ffffff"/>"##);
    // Only the first element after the title: a chart's own white shapes stay.
    let first = svg
        .find("</title>\n")
        .map(|at| at + "</title>\n".len())
        .filter(|&at| svg[at..].starts_with(&rect));
    match first {
        Some(at) => format!("{}{}", &svg[..at], &svg[at + rect.len()..]).into(),
        None => svg.into(),
    }
}

thread_local! {
    /// The last picture's pixel buffer, kept for the next picture this thread renders: a
    /// fresh buffer of a page-sized picture is megabytes the system must map and clear
    /// first, once per picture.
    static SPARE: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Keeps `data` for the next [`white`] on this thread.
fn give_back(data: Vec<u8>) {
    SPARE.with(|spare| *spare.borrow_mut() = data);
}

/// A white opaque `w` × `h` pixmap (every byte of an opaque white premultiplied RGBA pixel
/// is 255), in the buffer of the thread's previous picture when there is one.
fn white(w: u32, h: u32) -> Option<tiny_skia::Pixmap> {
    let size = tiny_skia::IntSize::from_wh(w, h)?;
    let len = (w as usize).checked_mul(h as usize)?.checked_mul(4)?;
    let mut data = SPARE.with(|spare| std::mem::take(&mut *spare.borrow_mut()));
    data.clear();
    data.resize(len, 0xff);
    tiny_skia::Pixmap::from_vec(data, size)
}

/// zlib level of the picture data: 2 is several times faster than the default 6, and on
/// the charts' flat colours loses only a few per cent of size.
const LEVEL: u8 = 2;

/// The opaque pixmap as a PNG that says its resolution (pHYs) and has no alpha channel (an
/// alpha channel makes some readers add a soft mask). A chart has few colours (its fills,
/// black, and the anti-aliased blends between them), so it is written with a palette
/// when 256 entries hold them all, losslessly, with one byte a pixel instead of three;
/// otherwise as RGB. Rows are filtered with "Up" (a chart repeats its rows) and deflated
/// at [`LEVEL`]. Same pixels, same bytes.
fn encode(data: &mut [u8], width: u32, height: u32) -> Result<Vec<u8>, png::EncodingError> {
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, width, height);
    enc.set_depth(png::BitDepth::Eight);
    // 96 × SCALE dots per inch, in dots per metre.
    let ppm = (96 * SCALE * 10_000).div_ceil(254);
    enc.set_pixel_dims(Some(png::PixelDimensions {
        xppu: ppm,
        yppu: ppm,
        unit: png::Unit::Meter,
    }));
    enc.set_deflate_compression(png::DeflateCompression::Level(LEVEL));
    enc.set_filter(png::Filter::Up);
    // The pixels are indexed where they lie (no second picture-sized buffer to fill).
    let pixels = data.len() / 4;
    let (palette, indexed) = index_in_place(data);
    let mut rgb;
    let data: &[u8] = match indexed {
        Ok(()) => {
            enc.set_color(png::ColorType::Indexed);
            enc.set_palette(palette);
            &data[..pixels]
        }
        Err(done) => {
            // More than 256 colours: the first `done` pixels are indices now.
            enc.set_color(png::ColorType::Rgb);
            rgb = Vec::with_capacity(pixels * 3);
            for &i in &data[..done] {
                let i = usize::from(i) * 3;
                rgb.extend_from_slice(&palette[i..i + 3]);
            }
            for p in data[done * 4..].chunks_exact(4) {
                rgb.extend_from_slice(&p[..3]);
            }
            &rgb
        }
    };
    let mut w = enc.write_header()?;
    w.write_image_data(data)?;
    w.finish()?;
    Ok(out)
}

/// Replaces the opaque RGBA pixels of `data` by palette indices, one byte a pixel at the
/// front of `data` (pixel i's index goes to byte i, which belongs to a pixel already read),
/// and returns the palette (RGB, in order of first appearance). At a 257th colour it
/// stops, with `Err(pixels indexed so far)`.
fn index_in_place(data: &mut [u8]) -> (Vec<u8>, Result<(), usize>) {
    // An open-addressing table of the colours seen, four times as large as the palette
    // can grow. A key is the pixel's bytes with the alpha byte set, so never 0 (empty).
    const SLOTS: usize = 1024;
    const EMPTY: u32 = 0;
    let mut keys = [EMPTY; SLOTS];
    let mut values = [0u8; SLOTS];
    let mut palette: Vec<u8> = Vec::with_capacity(3 * 256);
    let mut lookup = |p: [u8; 4]| -> Option<u8> {
        let key = u32::from_le_bytes([p[0], p[1], p[2], 0xff]);
        let mut slot = (key.wrapping_mul(0x9E37_79B1) >> 22) as usize % SLOTS;
        loop {
            if keys[slot] == key {
                return Some(values[slot]);
            }
            if keys[slot] == EMPTY {
                let index = u8::try_from(palette.len() / 3).ok()?;
                keys[slot] = key;
                values[slot] = index;
                palette.extend_from_slice(&p[..3]);
                return Some(index);
            }
            slot = (slot + 1) % SLOTS;
        }
    };
    let pixels = data.len() / 4;
    let pixel =
        |data: &[u8], i: usize| -> [u8; 4] { data[4 * i..4 * i + 4].try_into().expect("4 bytes") };
    // Neighbouring pixels are mostly the same colour: four pixels in a row that repeat the
    // last one take its index without a lookup.
    let (mut last, mut last_index) = (None, 0u8);
    let mut last4 = 0u128;
    let mut i = 0;
    while i < pixels {
        if i + 4 <= pixels {
            let quad = u128::from_le_bytes(data[4 * i..4 * i + 16].try_into().expect("16 bytes"));
            if last.is_some() && quad == last4 {
                data[i..i + 4].fill(last_index);
                i += 4;
                continue;
            }
        }
        for j in i..(i + 4).min(pixels) {
            let p = pixel(data, j);
            if last != Some(p) {
                match lookup(p) {
                    Some(index) => last_index = index,
                    None => return (palette, Err(j)),
                }
                last = Some(p);
            }
            data[j] = last_index;
        }
        i += 4;
        if let Some(p) = last {
            last4 = u128::from(u32::from_le_bytes(p)) * 0x0000_0001_0000_0001_0000_0001_0000_0001;
        }
    }
    (palette, Ok(()))
}

#[cfg(test)]
mod tests {
    use super::super::svg::{Anchor, Svg};
    use super::*;

    fn pixmap(svg: &str, db: Arc<usvg::fontdb::Database>) -> tiny_skia::Pixmap {
        let options = usvg::Options {
            font_family: font::FAMILY.to_string(),
            fontdb: db,
            ..usvg::Options::default()
        };
        let tree = usvg::Tree::from_str(svg, &options).unwrap();
        let size = tree.size().to_int_size();
        let mut p = tiny_skia::Pixmap::new(size.width() * 2, size.height() * 2).unwrap();
        p.fill(tiny_skia::Color::WHITE);
        resvg::render(
            &tree,
            tiny_skia::Transform::from_scale(2.0, 2.0),
            &mut p.as_mut(),
        );
        p
    }

    /// The PNG decoded to RGB, with its colour type as stored.
    fn decode(png: &[u8]) -> (png::ColorType, Vec<u8>) {
        let mut d = png::Decoder::new(std::io::Cursor::new(png));
        d.set_transformations(png::Transformations::EXPAND);
        let mut r = d.read_info().unwrap();
        let stored = r.info().color_type;
        let mut buf = vec![0; r.output_buffer_size().unwrap()];
        let info = r.next_frame(&mut buf).unwrap();
        buf.truncate(info.buffer_size());
        (stored, buf)
    }

    fn rgb(p: &tiny_skia::Pixmap) -> Vec<u8> {
        p.data()
            .chunks_exact(4)
            .flat_map(|p| [p[0], p[1], p[2]])
            .collect()
    }

    fn label(text: &str) -> String {
        let mut s = Svg::new(420.0, 30.0, "t");
        s.text(4.0, 20.0, 14.0, Anchor::Start, false, text);
        s.finish()
    }

    #[test]
    fn renders_vietnamese_text_with_the_bundled_font() {
        let svg = label("Hình Lản Nhì Thàng");
        let r = png(&svg).unwrap();
        assert_eq!((r.width_px, r.height_px), (840, 60));
        assert_eq!(&r.png[..8], b"\x89PNG\r\n\x1a\n");
        // The text is drawn: the picture is not all white.
        let blank = png(&Svg::new(420.0, 30.0, "t").finish()).unwrap();
        assert_ne!(r.png, blank.png);
        assert_eq!(png(&svg).unwrap().png, r.png, "same SVG, same bytes");
    }

    #[test]
    fn the_size_is_known_before_rendering() {
        for svg in [
            label("Hình Lản Nhì Thàng"),
            Svg::new(420.5, 30.2, "t").finish(),
        ] {
            let r = png(&svg).unwrap();
            assert_eq!(size(&svg), Some((r.width_px, r.height_px)));
        }
        assert_eq!(size("<svg xmlns=\"x\" height=\"3\">"), None);
    }

    #[test]
    fn the_png_holds_exactly_the_rendered_pixels() {
        // A chart's few colours: a palette, losslessly.
        let svg = label("Số xã đạt tiêu chí Ưu Ỷ");
        let p = pixmap(&svg, fontdb());
        let (color, pixels) = decode(&png(&svg).unwrap().png);
        assert_eq!(color, png::ColorType::Indexed);
        assert_eq!(pixels, rgb(&p));
        // More than 256 colours: RGB, losslessly.
        let mut many = tiny_skia::Pixmap::new(40, 20).unwrap();
        for (i, px) in many.data_mut().chunks_exact_mut(4).enumerate() {
            px.copy_from_slice(&[(i % 256) as u8, (i / 256) as u8, 7, 255]);
        }
        let (color, pixels) = decode(&encode(&mut many.data().to_vec(), 40, 20).unwrap());
        assert_eq!(color, png::ColorType::Rgb);
        assert_eq!(pixels, rgb(&many));
    }

    #[test]
    fn the_background_rectangle_is_left_to_the_white_pixmap() {
        let mut s = Svg::new(420.0, 30.0, "t");
        s.text(4.0, 20.0, 14.0, Anchor::Start, false, "Xã Mẫu");
        let svg = s.finish();
        let rect = r##"<rect x="0" y="0" width="420" height="30" fill="#ffffff"/>"##;
        assert!(svg.contains(rect));
        let bare = without_white_background(&svg);
        assert_eq!(bare.len(), svg.len() - rect.len());
        assert!(!bare.contains(rect) && bare.contains("Xã Mẫu"));
        // Not the picture's size, or not first: a shape of the chart, kept.
        let other = svg.replace(
            rect,
            r##"<rect x="0" y="0" width="400" height="30" fill="#ffffff"/>"##,
        );
        assert_eq!(without_white_background(&other), other);
        // The same pixels as the whole SVG drawn on white (as in the test above), for a
        // picture smaller than the last one this thread drew and one larger.
        let mut small = Svg::new(120.0, 16.0, "t");
        small.text(2.0, 12.0, 10.0, Anchor::Start, true, "Ưu Ỷ");
        for svg in [svg, small.finish(), label("Hình Lản Nhì Thàng Ưu Ỷ")] {
            let (_, pixels) = decode(&png(&svg).unwrap().png);
            assert_eq!(pixels, rgb(&pixmap(&svg, fontdb())));
        }
    }

    #[test]
    fn hiding_the_legacy_kern_table_keeps_the_glyphs_where_they_were() {
        let full = {
            let mut db = usvg::fontdb::Database::new();
            for bytes in font::files() {
                db.load_font_source(usvg::fontdb::Source::Binary(Arc::new(bytes)));
            }
            db.set_sans_serif_family(font::FAMILY);
            Arc::new(db)
        };
        let text = "AVATAR Tổ Vàng Yên LV To Ấp Ưu Ỷ Lý Tây 1.790 «Tây»";
        for bold in [false, true] {
            let mut s = Svg::new(420.0, 30.0, "t");
            s.text(4.0, 20.0, 14.0, Anchor::Start, bold, text);
            let svg = s.finish();
            let ours = pixmap(&svg, fontdb());
            assert!(
                ours.data() == pixmap(&svg, full.clone()).data(),
                "bold: {bold}"
            );
            // Kerning still applies (from GPOS).
            let unkerned = svg.replace("<text ", r#"<text style="font-kerning:none" "#);
            assert!(ours.data() != pixmap(&unkerned, fontdb()).data());
        }
        for bytes in font::files() {
            let hidden = without_legacy_kern(bytes);
            assert_eq!(hidden.len(), bytes.len());
            let font = skrifa::FontRef::new(&hidden).unwrap();
            assert!(font.table_data(skrifa::Tag::new(b"kern")).is_none());
            assert!(font.table_data(skrifa::Tag::new(b"GPOS")).is_some());
        }
    }
}
