//! The document model as a Word document (.docx, WordprocessingML), laid out by Decree
//! 30/2020/NĐ-CP: A4, Times New Roman, the two-column header block, page numbers in the top
//! margin from page 2 on, the signature block, and one section per appendix (landscape where
//! the appendix says so) with tables whose header rows repeat on every page.
//!
//! The XML is written by hand as a stream straight into the zip (no DOM): linear in the size
//! of the document, and the same model always gives the same bytes (fixed entry order, fixed
//! 1980-01-01 timestamps, no dates from the clock). See `docs/docx.md`.

mod body;
mod media;
mod parts;
mod xml;

use super::ooxml::Error;
use crate::report::model::Document;
use std::io::{Cursor, Seek, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const WP_NS: &str = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";
const A_NS: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";
const PIC_NS: &str = "http://schemas.openxmlformats.org/drawingml/2006/picture";
const FONT: &str = "Times New Roman";
/// Cell text sizes in half-points (10, 11, 12 pt); each has a style per alignment.
const CELL_SIZES: [u32; 3] = [20, 22, 24];

/// The whole report (body and appendices) as the bytes of a .docx file; its figures are
/// embedded as PNG pictures (`word/media/imageN.png`).
pub fn docx(doc: &Document) -> Vec<u8> {
    write(doc, Cursor::new(Vec::new()))
        .expect("writing a zip into memory does not fail")
        .into_inner()
}

/// Writes the whole report as a .docx into `sink` (a file, or memory) as it is made, and
/// returns the sink.
pub fn write<W: Write + Seek>(doc: &Document, sink: W) -> Result<W, Error> {
    let media = media::Media::collect(doc);
    let mut zip = ZipWriter::new(super::Latch::new(sink));
    // The pictures are rendered while the document's XML is written; they go last.
    std::thread::scope(|s| {
        let rendering = s.spawn(|| media.render());
        write_package(&mut zip, doc, &media)?;
        let pngs = rendering.join().expect("rasterising does not panic");
        write_pictures(&mut zip, &media, pngs)
    })?;
    zip.finish()?.into_inner()
}

fn options() -> SimpleFileOptions {
    super::ooxml::zip_options()
}

fn write_package<W: Write + Seek>(
    zip: &mut ZipWriter<W>,
    doc: &Document,
    media: &media::Media,
) -> Result<(), Error> {
    let options = options();
    let h = &doc.header;
    let title = format!("{} {}", h.kind, h.subject);
    let small: [(&str, String); 4] = [
        ("[Content_Types].xml", parts::CONTENT_TYPES.to_string()),
        ("_rels/.rels", parts::PACKAGE_RELS.to_string()),
        (
            "docProps/core.xml",
            parts::core(title.trim(), &h.subject, &h.issuing_body),
        ),
        ("docProps/app.xml", parts::APP.to_string()),
    ];
    for (name, text) in &small {
        zip.start_file(*name, options)?;
        zip.write_all(text.as_bytes())?;
    }
    zip.start_file("word/document.xml", options)?;
    body::document(zip, doc, media)?;
    let rest: [(&str, String); 5] = [
        (
            "word/_rels/document.xml.rels",
            parts::document_rels(media.all().map(|p| (p.rel_id(), p.part_name()))),
        ),
        ("word/styles.xml", parts::styles()),
        ("word/settings.xml", parts::settings()),
        ("word/header1.xml", parts::header_page_number()),
        ("word/header2.xml", parts::header_empty()),
    ];
    for (name, text) in &rest {
        zip.start_file(*name, options)?;
        zip.write_all(text.as_bytes())?;
    }
    Ok(())
}

/// The rendered pictures, after the other parts. PNG is compressed already: stored as it is.
fn write_pictures<W: Write + Seek>(
    zip: &mut ZipWriter<W>,
    media: &media::Media,
    pngs: Vec<Result<crate::report::chart::raster::Raster, String>>,
) -> Result<(), Error> {
    let stored = options()
        .compression_method(CompressionMethod::Stored)
        .compression_level(None);
    for (p, png) in media.all().zip(pngs) {
        let png = png.map_err(|e| {
            Error::Io(std::io::Error::other(format!(
                "cannot render picture {}: {e}",
                p.index
            )))
        })?;
        zip.start_file(p.part_name(), stored)?;
        zip.write_all(&png.png)?;
    }
    Ok(())
}
