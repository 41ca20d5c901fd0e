//! The small fixed parts of the package: content types, relationships, styles, settings,
//! the page headers and the document properties.

use super::xml::escape;
use super::{CELL_SIZES, FONT, W_NS};

pub const CONTENT_TYPES: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    "\n",
    r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#,
    r#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#,
    r#"<Default Extension="xml" ContentType="application/xml"/>"#,
    r#"<Default Extension="png" ContentType="image/png"/>"#,
    r#"<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>"#,
    r#"<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>"#,
    r#"<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>"#,
    r#"<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>"#,
    r#"<Override PartName="/word/header2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>"#,
    r#"<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>"#,
    r#"<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>"#,
    "</Types>"
);

pub const PACKAGE_RELS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    "\n",
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>"#,
    r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>"#,
    r#"<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>"#,
    "</Relationships>"
);

/// Relationship id of the page-number header (every page but the first).
pub const HEADER_DEFAULT: &str = "rId3";
/// Relationship id of the empty first-page header.
pub const HEADER_FIRST: &str = "rId4";

pub const DOCUMENT_RELS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    "\n",
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#,
    r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>"#,
    r#"<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>"#,
    r#"<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header2.xml"/>"#,
    "</Relationships>"
);

/// The document's relationships: the fixed parts, then one per picture (id, part name
/// under `word/`).
pub fn document_rels(pictures: impl Iterator<Item = (String, String)>) -> String {
    let mut s = DOCUMENT_RELS
        .strip_suffix("</Relationships>")
        .expect("the relationships end with their closing tag")
        .to_string();
    for (id, part) in pictures {
        let target = part.strip_prefix("word/").unwrap_or(&part);
        s.push_str(&format!(
            r#"<Relationship Id="{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="{}"/>"#,
            escape(&id),
            escape(target)
        ));
    }
    s.push_str("</Relationships>");
    s
}

pub fn settings() -> String {
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            "\n",
            r#"<w:settings xmlns:w="{w}">"#,
            r#"<w:zoom w:percent="100"/>"#,
            r#"<w:defaultTabStop w:val="567"/>"#,
            r#"<w:characterSpacingControl w:val="doNotCompress"/>"#,
            r#"<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>"#,
            "</w:settings>"
        ),
        w = W_NS
    )
}

/// The page header of every page but the first: the page number, centred in the top
/// margin (a PAGE field, so numbering runs on through every section).
pub fn header_page_number() -> String {
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            "\n",
            r#"<w:hdr xmlns:w="{w}">"#,
            r#"<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:ind w:firstLine="0"/><w:jc w:val="center"/></w:pPr>"#,
            r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r>"#,
            r#"<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>"#,
            r#"<w:r><w:fldChar w:fldCharType="separate"/></w:r>"#,
            r#"<w:r><w:t xml:space="preserve">2</w:t></w:r>"#,
            r#"<w:r><w:fldChar w:fldCharType="end"/></w:r>"#,
            "</w:p></w:hdr>"
        ),
        w = W_NS
    )
}

/// The first page's header: empty (no number on the first page).
pub fn header_empty() -> String {
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            "\n",
            r#"<w:hdr xmlns:w="{w}"><w:p><w:pPr><w:spacing w:before="0" w:after="0"/></w:pPr></w:p></w:hdr>"#
        ),
        w = W_NS
    )
}

fn fonts() -> String {
    format!(r#"<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>"#)
}

/// Styles: Times New Roman 14 pt by default, the body and heading styles, and one cell
/// paragraph style per size and alignment (`C22R`: 11 pt, right-aligned), so a table cell
/// names one style instead of repeating its formatting.
pub fn styles() -> String {
    let f = fonts();
    let mut s = String::new();
    s.push_str(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#);
    s.push('\n');
    s.push_str(&format!(r#"<w:styles xmlns:w="{W_NS}">"#));
    s.push_str(&format!(
        concat!(
            "<w:docDefaults><w:rPrDefault><w:rPr>{f}",
            r#"<w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="vi-VN" w:eastAsia="en-US" w:bidi="ar-SA"/>"#,
            "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>",
            r#"<w:spacing w:before="0" w:after="120" w:line="288" w:lineRule="auto"/>"#,
            "</w:pPr></w:pPrDefault></w:docDefaults>"
        ),
        f = f
    ));
    s.push_str(&format!(
        concat!(
            r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>"#,
            r#"<w:pPr><w:spacing w:before="0" w:after="120" w:line="288" w:lineRule="auto"/></w:pPr>"#,
            r#"<w:rPr>{f}<w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style>"#,
            r#"<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>"#,
            r#"<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/>"#,
            r#"<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>"#,
        ),
        f = f
    ));
    let para = |s: &mut String, id: &str, name: &str, ppr: &str, rpr: &str| {
        s.push_str(&format!(
            r#"<w:style w:type="paragraph" w:customStyle="1" w:styleId="{id}"><w:name w:val="{name}"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"#
        ));
    };
    para(
        &mut s,
        "Body",
        "NTM Body",
        r#"<w:ind w:firstLine="567"/><w:jc w:val="both"/>"#,
        "",
    );
    para(
        &mut s,
        "Center",
        "NTM Center",
        r#"<w:ind w:firstLine="0"/><w:jc w:val="center"/>"#,
        "",
    );
    // Headings: built-in ids and names, so Word's navigation pane lists them.
    let heading = |s: &mut String, level: u8, ppr: &str, rpr: &str| {
        s.push_str(&format!(
            concat!(
                r#"<w:style w:type="paragraph" w:styleId="Heading{l}"><w:name w:val="heading {l}"/><w:basedOn w:val="Normal"/><w:next w:val="Body"/><w:uiPriority w:val="9"/><w:qFormat/>"#,
                r#"<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="120" w:after="120"/>{ppr}<w:outlineLvl w:val="{o}"/></w:pPr>"#,
                r#"<w:rPr>{f}{rpr}<w:color w:val="000000"/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style>"#
            ),
            l = level,
            o = level - 1,
            ppr = ppr,
            rpr = rpr,
            f = f
        ));
    };
    heading(
        &mut s,
        1,
        r#"<w:ind w:firstLine="0"/><w:jc w:val="center"/>"#,
        "<w:b/><w:bCs/>",
    );
    for level in 2..=4 {
        heading(
            &mut s,
            level,
            r#"<w:ind w:firstLine="567"/><w:jc w:val="both"/>"#,
            "<w:b/><w:bCs/>",
        );
    }
    heading(
        &mut s,
        5,
        r#"<w:ind w:firstLine="567"/><w:jc w:val="both"/>"#,
        "<w:b/><w:bCs/><w:i/><w:iCs/>",
    );
    for size in CELL_SIZES {
        for (a, jc) in [("L", "left"), ("C", "center"), ("R", "right")] {
            para(
                &mut s,
                &format!("C{size}{a}"),
                &format!("NTM Cell {}pt {jc}", f64::from(size) / 2.0),
                &format!(
                    r#"<w:spacing w:before="20" w:after="20" w:line="240" w:lineRule="auto"/><w:ind w:firstLine="0"/><w:jc w:val="{jc}"/>"#
                ),
                &format!(r#"<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>"#),
            );
        }
    }
    s.push_str("</w:styles>");
    s
}

/// Document properties: title and author from the header; no dates (the output must not
/// depend on the clock).
pub fn core(title: &str, subject: &str, creator: &str) -> String {
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            "\n",
            r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            "<dc:title>{}</dc:title><dc:subject>{}</dc:subject><dc:creator>{}</dc:creator><dc:language>vi-VN</dc:language>",
            "</cp:coreProperties>"
        ),
        escape(title),
        escape(subject),
        escape(creator)
    )
}

pub const APP: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    "\n",
    r#"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">"#,
    "<Application>ntm-report</Application><DocSecurity>0</DocSecurity>",
    "</Properties>"
);
