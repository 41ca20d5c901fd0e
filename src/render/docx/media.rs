//! Pictures: each figure's SVG (or each of its page pieces) rendered to PNG, stored as
//! `word/media/imageN.png` with a relationship `rIdImgN`, and drawn inline (`w:drawing` /
//! `wp:inline`) at the text width or less, keeping the aspect ratio, with a centred italic
//! caption under the last piece.

use super::body::Page;
use super::xml::Xml;
use crate::report::chart::raster::{self, Raster};
use crate::report::model::{Document, Figure};

/// EMU (English metric units) per twip.
const EMU_PER_TWIP: u64 = 635;
/// EMU per CSS pixel (1/96 inch).
const EMU_PER_PX: u64 = 9525;
/// Height kept free on a page under a picture for its caption (twips, about 2 cm).
const CAPTION_ROOM: u32 = 1134;

/// One picture in the package.
pub struct Picture<'d> {
    /// 1-based, in document order: `word/media/image{index}.png`, `rIdImg{index}`.
    pub index: usize,
    /// The SVG it is rendered from.
    svg: &'d str,
    /// Its size in pixels once rendered ([`raster::size`]).
    width_px: u32,
    height_px: u32,
}

impl Picture<'_> {
    pub fn part_name(&self) -> String {
        format!("word/media/image{}.png", self.index)
    }
    pub fn rel_id(&self) -> String {
        format!("rIdImg{}", self.index)
    }
    /// Natural size in EMU.
    fn natural(&self) -> (u64, u64) {
        let scale = u64::from(raster::SCALE.max(1));
        (
            u64::from(self.width_px) * EMU_PER_PX / scale,
            u64::from(self.height_px) * EMU_PER_PX / scale,
        )
    }
}

/// The pictures of a document: for each figure in document order, the pictures of its
/// pieces. Their sizes are known from the SVG, so the document can be written while they
/// are rendered ([`Media::render`]).
pub struct Media<'d> {
    pub figures: Vec<Vec<Picture<'d>>>,
}

impl<'d> Media<'d> {
    pub fn collect(doc: &'d Document) -> Media<'d> {
        let mut index = 0;
        let figures = doc
            .figures()
            .map(|f| {
                f.pages()
                    .into_iter()
                    .filter_map(|svg| {
                        let (width_px, height_px) = raster::size(svg)?;
                        index += 1;
                        Some(Picture {
                            index,
                            svg,
                            width_px,
                            height_px,
                        })
                    })
                    .collect()
            })
            .collect();
        Media { figures }
    }

    pub fn all(&self) -> impl Iterator<Item = &Picture<'d>> {
        self.figures.iter().flatten()
    }

    /// Renders every picture to PNG, in document order. Rasterising is the slow part of a
    /// small report: one worker per core takes the next picture, largest first, so a
    /// province's many matrix pages are rendered side by side but never all held as pixels
    /// at once.
    pub fn render(&self) -> Vec<Result<Raster, String>> {
        let pictures: Vec<&Picture> = self.all().collect();
        let mut order: Vec<usize> = (0..pictures.len()).collect();
        order.sort_by_key(|&i| {
            let p = pictures[i];
            std::cmp::Reverse(u64::from(p.width_px) * u64::from(p.height_px))
        });
        let next = std::sync::atomic::AtomicUsize::new(0);
        let workers = std::thread::available_parallelism()
            .map_or(2, |n| n.get())
            .min(pictures.len().max(1));
        let mut done: Vec<(usize, Result<Raster, String>)> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..workers)
                .map(|_| {
                    s.spawn(|| {
                        let mut out = Vec::new();
                        loop {
                            let k = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                            let Some(&i) = order.get(k) else { break };
                            out.push((i, raster::png(pictures[i].svg)));
                        }
                        out
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().expect("rasterising does not panic"))
                .collect()
        });
        done.sort_by_key(|(i, _)| *i);
        done.into_iter().map(|(_, r)| r).collect()
    }
}

/// Walks the figures in document order while the body is written.
pub struct Cursor<'m> {
    media: &'m Media<'m>,
    next: usize,
}

impl<'m> Cursor<'m> {
    pub fn new(media: &'m Media<'m>) -> Self {
        Cursor { media, next: 0 }
    }

    /// The pictures of the next figure.
    fn take(&mut self) -> &'m [Picture<'m>] {
        let p = self
            .media
            .figures
            .get(self.next)
            .map_or(&[][..], Vec::as_slice);
        self.next += 1;
        p
    }
}

/// The drawn size (EMU) of pictures of `natural` sizes on `page`: one scale for all the
/// pieces of a figure (so their columns line up), never enlarged, at most the text width,
/// and short enough to leave room for the caption.
fn fit(natural: &[(u64, u64)], page: &Page) -> (u64, u64) {
    let max_w = u64::from(page.text_width()) * EMU_PER_TWIP;
    let max_h = u64::from((page.height - page.top - page.bottom).saturating_sub(CAPTION_ROOM))
        * EMU_PER_TWIP;
    let w = natural.iter().map(|n| n.0).max().unwrap_or(1).max(1);
    let h = natural.iter().map(|n| n.1).max().unwrap_or(1).max(1);
    // The scale is num/den ≤ 1, the smallest of the three limits.
    let mut ratio = (1u64, 1u64);
    for (num, den) in [(max_w, w), (max_h, h)] {
        if num * ratio.1 < ratio.0 * den {
            ratio = (num, den);
        }
    }
    ratio
}

/// Writes a figure: its pictures, each in its own centred paragraph kept with the next,
/// then the caption.
pub fn figure(x: &mut Xml, f: &Figure, cursor: &mut Cursor, page: &Page) {
    let pictures = cursor.take();
    let natural: Vec<(u64, u64)> = pictures.iter().map(Picture::natural).collect();
    let (num, den) = fit(&natural, page);
    for (p, (w, h)) in pictures.iter().zip(natural) {
        let (cx, cy) = (w * num / den, h * num / den);
        x.raw(concat!(
            r#"<w:p><w:pPr><w:keepNext/><w:spacing w:before="120" w:after="60" w:line="240" w:lineRule="auto"/>"#,
            r#"<w:ind w:firstLine="0"/><w:jc w:val="center"/></w:pPr><w:r><w:drawing>"#,
            r#"<wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx=""#
        ));
        x.num(cx);
        x.raw(r#"" cy=""#);
        x.num(cy);
        x.raw(r#""/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:docPr id=""#);
        x.num(p.index as u64);
        x.raw(r#"" name="Hình "#);
        x.num(f.number);
        if pictures.len() > 1 {
            x.raw(".");
            x.num(p.index as u64);
        }
        x.raw(r#"" descr=""#);
        x.text(&f.full_caption());
        x.raw(concat!(
            r#""/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>"#,
            r#"<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">"#,
            r#"<pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="image"#
        ));
        x.num(p.index as u64);
        x.raw(r#".png"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed=""#);
        x.raw(&p.rel_id());
        x.raw(concat!(
            r#""/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>"#,
            r#"<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx=""#
        ));
        x.num(cx);
        x.raw(r#"" cy=""#);
        x.num(cy);
        x.raw(concat!(
            r#""/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>"#,
            r#"</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"#
        ));
        x.flush_if_full();
    }
    // The caption: centred, italic, 13 pt, "Hình N." in bold.
    x.raw(concat!(
        r#"<w:p><w:pPr><w:spacing w:before="60" w:after="240" w:line="240" w:lineRule="auto"/>"#,
        r#"<w:ind w:firstLine="0"/><w:jc w:val="center"/></w:pPr>"#,
        r#"<w:r><w:rPr><w:b/><w:bCs/><w:i/><w:iCs/><w:sz w:val="26"/><w:szCs w:val="26"/></w:rPr><w:t xml:space="preserve">"#
    ));
    x.text(&f.label());
    x.raw(r#" </w:t></w:r><w:r><w:rPr><w:i/><w:iCs/><w:sz w:val="26"/><w:szCs w:val="26"/></w:rPr><w:t xml:space="preserve">"#);
    x.text(&f.caption);
    x.raw("</w:t></w:r></w:p>");
}

#[cfg(test)]
mod tests {
    use super::super::body::{LANDSCAPE, PORTRAIT};
    use super::*;

    #[test]
    fn pictures_fit_the_text_width_and_are_never_enlarged() {
        let tw = u64::from(PORTRAIT.text_width()) * EMU_PER_TWIP;
        // 800 × 400 px is wider than the text: scaled down to the text width.
        let (num, den) = fit(&[(800 * EMU_PER_PX, 400 * EMU_PER_PX)], &PORTRAIT);
        assert_eq!(800 * EMU_PER_PX * num / den, tw);
        // 200 × 100 px fits: kept.
        assert_eq!(
            fit(&[(200 * EMU_PER_PX, 100 * EMU_PER_PX)], &PORTRAIT),
            (1, 1)
        );
        // Very tall: limited by the page height, aspect kept.
        let (num, den) = fit(&[(300 * EMU_PER_PX, 3000 * EMU_PER_PX)], &LANDSCAPE);
        let h = 3000 * EMU_PER_PX * num / den;
        assert!(h <= u64::from(LANDSCAPE.height - LANDSCAPE.top - LANDSCAPE.bottom) * EMU_PER_TWIP);
    }
}
