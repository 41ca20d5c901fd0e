//! The fixed parts of a workbook package: content types, relationships, styles, the
//! workbook part and the document properties.

use super::package::{Entry, Properties, escape_attr};
use rust_xlsxwriter::utility::quote_sheet_name;
use std::fmt::Write as _;

/// Integer formatting without `fmt` machinery.
pub(super) const XML_DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

pub(super) const PACKAGE_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>\
</Relationships>";

pub(super) fn content_types(sheets: usize) -> String {
    let mut s = String::from(XML_DECL);
    s.push_str(
        "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>\
<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>\
<Override PartName=\"/xl/theme/theme1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.theme+xml\"/>\
<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>",
    );
    for k in 1..=sheets {
        let _ = write!(
            s,
            "<Override PartName=\"/xl/worksheets/sheet{k}.xml\" \
ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        );
    }
    s.push_str(
        "<Override PartName=\"/xl/sharedStrings.xml\" \
ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/></Types>",
    );
    s
}

pub(super) fn workbook_rels(sheets: usize) -> String {
    let mut s = String::from(XML_DECL);
    s.push_str(
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
    );
    let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    for k in 1..=sheets {
        let _ = write!(
            s,
            "<Relationship Id=\"rId{k}\" Type=\"{rel}/worksheet\" Target=\"worksheets/sheet{k}.xml\"/>"
        );
    }
    let _ = write!(
        s,
        "<Relationship Id=\"rId{}\" Type=\"{rel}/theme\" Target=\"theme/theme1.xml\"/>\
<Relationship Id=\"rId{}\" Type=\"{rel}/styles\" Target=\"styles.xml\"/>\
<Relationship Id=\"rId{}\" Type=\"{rel}/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>",
        sheets + 1,
        sheets + 2,
        sheets + 3
    );
    s
}

/// Fonts (regular, bold), and one cell style per number format; the indices are the
/// constants [`BOLD`], [`DECIMALS`], [`CHANGE`], [`YEAR`], [`DATE`], [`MET`] and [`APPLIES`].
pub(super) fn styles() -> String {
    let mut formats: Vec<String> = (0..=super::MAX_DECIMALS)
        .map(|n| {
            if n == 0 {
                "#,##0".to_string()
            } else {
                format!("#,##0.{}", "0".repeat(n))
            }
        })
        .collect();
    formats.push("+#,##0;-#,##0;0".into());
    formats.push("0".into());
    formats.push("dd/mm/yyyy".into());
    // Sections: positive; negative; zero. The value stays 1 or 0 (SUM counts them).
    formats.push("\"Đạt\";\"Đạt\";\"Chưa đạt\"".into());
    formats.push("\"Có\";\"Có\";\"Không\"".into());
    let mut s = String::from(XML_DECL);
    let _ = write!(
        s,
        "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\
<numFmts count=\"{}\">",
        formats.len()
    );
    for (k, f) in formats.iter().enumerate() {
        let _ = write!(
            s,
            "<numFmt numFmtId=\"{}\" formatCode=\"{}\"/>",
            164 + k,
            escape_attr(f)
        );
    }
    s.push_str(
        "</numFmts><fonts count=\"2\"><font><sz val=\"12\"/><color theme=\"1\"/>\
<name val=\"Times New Roman\"/><family val=\"1\"/></font><font><b/><sz val=\"12\"/><color theme=\"1\"/>\
<name val=\"Times New Roman\"/><family val=\"1\"/></font></fonts>\
<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>\
<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>",
    );
    let _ = write!(
        s,
        "<cellXfs count=\"{}\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>\
<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>",
        formats.len() + 2
    );
    for k in 0..formats.len() {
        let _ = write!(
            s,
            "<xf numFmtId=\"{}\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>",
            164 + k
        );
    }
    s.push_str(
        "</cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>\
<dxfs count=\"0\"/><tableStyles count=\"0\" defaultTableStyle=\"TableStyleMedium9\" defaultPivotStyle=\"PivotStyleLight16\"/></styleSheet>",
    );
    s
}

pub(super) fn workbook(sheets: &[Entry]) -> String {
    let mut s = String::from(XML_DECL);
    s.push_str(
        "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" \
xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">\
<fileVersion appName=\"xl\" lastEdited=\"4\" lowestEdited=\"4\" rupBuild=\"4505\"/>\
<workbookPr defaultThemeVersion=\"124226\"/><bookViews><workbookView xWindow=\"240\" yWindow=\"15\" \
windowWidth=\"16095\" windowHeight=\"9660\"/></bookViews><sheets>",
    );
    for (k, e) in sheets.iter().enumerate() {
        let _ = write!(
            s,
            "<sheet name=\"{}\" sheetId=\"{}\" r:id=\"rId{}\"/>",
            escape_attr(&e.name),
            k + 1,
            k + 1
        );
    }
    s.push_str("</sheets>");
    if sheets.iter().any(|e| e.filter.is_some()) {
        s.push_str("<definedNames>");
        // Sorted by name as Excel writes them: "_xlnm.Print_Titles" before
        // "_xlnm._FilterDatabase".
        for (k, e) in sheets.iter().enumerate() {
            if e.print_titles {
                let _ = write!(
                    s,
                    "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"{k}\">{}!$1:$1</definedName>",
                    escape_attr(&quote_sheet_name(&e.name))
                );
            }
        }
        for (k, e) in sheets.iter().enumerate() {
            let Some(f) = &e.filter else { continue };
            // "A1:M58001" as "$A$1:$M$58001".
            let absolute: String = f
                .split(':')
                .map(|r| {
                    let digits = r.find(|c: char| c.is_ascii_digit()).unwrap_or(r.len());
                    format!("${}${}", &r[..digits], &r[digits..])
                })
                .collect::<Vec<_>>()
                .join(":");
            let _ = write!(
                s,
                "<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"{k}\" hidden=\"1\">{}!{absolute}</definedName>",
                escape_attr(&quote_sheet_name(&e.name))
            );
        }
        s.push_str("</definedNames>");
    }
    s.push_str("<calcPr calcId=\"124519\" fullCalcOnLoad=\"1\"/></workbook>");
    s
}

pub(super) fn core(p: &Properties) -> String {
    let mut s = String::from(XML_DECL);
    let _ = write!(
        s,
        "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
<dc:title>{title}</dc:title><dc:subject>{subject}</dc:subject><dc:creator>{author}</dc:creator>\
<cp:lastModifiedBy>{author}</cp:lastModifiedBy>\
<dcterms:created xsi:type=\"dcterms:W3CDTF\">{created}</dcterms:created>\
<dcterms:modified xsi:type=\"dcterms:W3CDTF\">{created}</dcterms:modified></cp:coreProperties>",
        title = escape_attr(&p.title),
        subject = escape_attr(&p.subject),
        author = escape_attr(&p.author),
        created = p.created,
    );
    s
}

pub(super) fn app(p: &Properties, sheets: &[Entry]) -> String {
    let mut s = String::from(XML_DECL);
    let n = sheets.len();
    let _ = write!(
        s,
        "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" \
xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">\
<Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>\
<HeadingPairs><vt:vector size=\"2\" baseType=\"variant\"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant>\
<vt:variant><vt:i4>{n}</vt:i4></vt:variant></vt:vector></HeadingPairs>\
<TitlesOfParts><vt:vector size=\"{n}\" baseType=\"lpstr\">"
    );
    for e in sheets {
        let _ = write!(s, "<vt:lpstr>{}</vt:lpstr>", escape_attr(&e.name));
    }
    let _ = write!(
        s,
        "</vt:vector></TitlesOfParts><Company>{}</Company><LinksUpToDate>false</LinksUpToDate>\
<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged><AppVersion>12.0000</AppVersion></Properties>",
        escape_attr(&p.company)
    );
    s
}
