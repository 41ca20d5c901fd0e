//! Workbooks as input. The shipped data folder is copied and its 2023 tables are moved into
//! one workbook, written here from the CSV and TOML files: documents and villages as sheets,
//! commune statuses and indicator values wide (a row per commune, a column per criterion or
//! indicator). The copy must give the same facts as the original, as `.xlsx` and as `.ods`;
//! and a wrong cell must be reported at its sheet and cell.

mod common;

use common::sheets::{Cell, Grid, column, read_grid, set, sheet, text_of, write_grid};
use common::{copy_dir, in_ci, on_path, run_with_timeout};
use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook, Worksheet};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_ntm-report");
const YEAR: i32 = 2023;

/// facts.json of a data folder, through the library.
fn facts_json(dir: &Path) -> Result<Vec<u8>, String> {
    let files = ntm_report::load::DataDir::new(dir);
    let built = ntm_report::compile::facts(&files, YEAR);
    let rendered: Vec<String> = built
        .diagnostics
        .sorted()
        .iter()
        .map(|d| d.render(ntm_report::diagnostic::Lang::En))
        .collect();
    let checked = built.output.ok_or_else(|| rendered.join("\n"))?;
    Ok(ntm_report::render::json::facts(&checked.facts))
}

/// The rows of a CSV file, header first.
fn csv_rows(path: &Path) -> Vec<Vec<String>> {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(path)
        .unwrap();
    r.records()
        .map(|rec| rec.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// A TOML number or numeric string as the text it was written as.
fn num_text(v: &toml::Value) -> String {
    match v {
        toml::Value::String(s) => s.clone(),
        toml::Value::Integer(i) => i.to_string(),
        toml::Value::Float(f) => f.to_string(),
        other => panic!("not a number: {other:?}"),
    }
}

/// Writes a number cell from its decimal text: Excel holds a double.
fn write_num(ws: &mut Worksheet, row: u32, col: u16, text: &str) {
    ws.write_number(row, col, text.parse::<f64>().unwrap())
        .unwrap();
}

/// The workbook that holds a year's tables of the folder `dir`: documents (Vietnamese sheet
/// and headers, dates as date cells), villages (English sheet and CSV headers), commune
/// statuses and values wide. Cells are of every kind: text, numbers, booleans, dates and a
/// formula with its computed value.
fn workbook_of(dir: &Path) -> Vec<u8> {
    let year = dir.join(YEAR.to_string());
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("dd/mm/yyyy");

    let ws = book.add_worksheet().set_name("Hướng dẫn").unwrap();
    ws.write_string(0, 0, "Điền số liệu vào các trang tính sau.")
        .unwrap();

    // Documents, with the Vietnamese headers.
    let ws = book.add_worksheet().set_name("Văn bản").unwrap();
    let rows = csv_rows(&year.join("documents.csv"));
    assert_eq!(rows[0], ["number", "date", "issuer", "kind", "title"]);
    let headers = [
        "Số, ký hiệu",
        "Ngày ban hành",
        "Cơ quan ban hành",
        "Loại văn bản",
        "Trích yếu",
    ];
    for (c, h) in headers.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (r, row) in rows.iter().enumerate().skip(1) {
        let r = r as u32;
        for (c, cell) in row.iter().enumerate() {
            if c == 1 {
                let d = ExcelDateTime::parse_from_str(cell).unwrap();
                ws.write_datetime_with_format(r, 1, &d, &date).unwrap();
            } else {
                ws.write_string(r, c as u16, cell).unwrap();
            }
        }
    }

    // Villages, as the CSV has them, but with the marks of a spreadsheet: `x` as text,
    // some met cells as the number 1 and not-met ones as 0.
    let ws = book.add_worksheet().set_name("villages").unwrap();
    for (r, row) in csv_rows(&year.join("villages.csv")).iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match cell.as_str() {
                "x" if (r + c as u32).is_multiple_of(3) => ws.write_number(r, c, 1).map(|_| ()),
                "" if (r + c as u32).is_multiple_of(5) => ws.write_number(r, c, 0).map(|_| ()),
                "" => Ok(()),
                text => ws.write_string(r, c, text).map(|_| ()),
            }
            .unwrap();
        }
    }

    // Commune data: the TOML files, in roster order.
    let roster = csv_rows(&dir.join("communes.csv"));
    let communes: Vec<(String, String, toml::Table)> = roster[1..]
        .iter()
        .map(|r| {
            let text =
                std::fs::read_to_string(year.join(format!("communes/{}.toml", r[0]))).unwrap();
            (
                r[0].clone(),
                r[1].clone(),
                text.parse::<toml::Table>().unwrap(),
            )
        })
        .collect();

    // Statuses, wide: `x` for met, empty for not met; the row's source and each
    // criterion's own source.
    let ws = book.add_worksheet().set_name("Tiêu chí").unwrap();
    let mut own_sources: Vec<u32> = Vec::new();
    for (_, _, t) in &communes {
        if let Some(s) = t["declared"].get("sources").and_then(|s| s.as_table()) {
            for k in s.keys() {
                own_sources.push(k.parse().unwrap());
            }
        }
    }
    own_sources.sort_unstable();
    own_sources.dedup();
    let mut headers: Vec<String> = ["Mã xã", "Tên xã", "Nguồn"].map(String::from).to_vec();
    headers.extend((1..=19).map(|n| n.to_string()));
    headers.extend(own_sources.iter().map(|n| format!("Nguồn {n}")));
    for (c, h) in headers.iter().enumerate() {
        ws.write_string(0, c as u16, h).unwrap();
    }
    for (r, (id, name, t)) in communes.iter().enumerate() {
        let r = r as u32 + 1;
        ws.write_string(r, 0, id).unwrap();
        ws.write_string(r, 1, name).unwrap();
        ws.write_string(r, 2, t["source"].as_str().unwrap())
            .unwrap();
        let declared = &t["declared"];
        let list = |k: &str| -> Vec<i64> {
            declared[k]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_integer().unwrap())
                .collect()
        };
        let (met, not_met) = (list("met"), list("not_met"));
        for n in 1..=19i64 {
            // Empty means not met: every criterion must have a declared status here.
            assert!(met.contains(&n) != not_met.contains(&n), "{id} {n}");
            if met.contains(&n) {
                let mark = if n % 2 == 0 { "x" } else { "đạt" };
                ws.write_string(r, 2 + n as u16, mark).unwrap();
            }
        }
        if let Some(s) = declared.get("sources").and_then(|s| s.as_table()) {
            for (k, v) in s {
                let i = own_sources
                    .iter()
                    .position(|n| n.to_string() == *k)
                    .unwrap();
                ws.write_string(r, 22 + i as u16, v.as_str().unwrap())
                    .unwrap();
            }
        }
    }

    // Indicator and measure values, wide: a column per value, two per ratio.
    let mut columns: Vec<String> = Vec::new();
    let mut cells: Vec<BTreeMap<String, toml::Value>> = Vec::new();
    for (_, _, t) in &communes {
        let mut row = BTreeMap::new();
        let values = t["indicators"].as_table().unwrap().iter();
        let measures = t["measures"].as_table().unwrap().iter();
        for (id, v) in values.chain(measures) {
            let mut put = |col: String, v: toml::Value| {
                if !columns.contains(&col) {
                    columns.push(col.clone());
                }
                row.insert(col, v);
            };
            match v {
                toml::Value::Table(t) if t.contains_key("numerator") => {
                    put(format!("{id} tử số"), t["numerator"].clone());
                    put(format!("{id} mẫu số"), t["denominator"].clone());
                }
                toml::Value::Table(t) if t.get("applicable") == Some(&false.into()) => {
                    put(id.clone(), "không áp dụng".into());
                }
                toml::Value::Table(t) if t.contains_key("met") => {
                    put(id.clone(), t["met"].clone());
                }
                toml::Value::Table(t) => put(id.clone(), t["value"].clone()),
                v => put(id.clone(), v.clone()),
            }
        }
        cells.push(row);
    }
    // A ratio the first commune gives as "not applicable" has its numerator column under
    // the plain id: the not-applicable word goes in the numerator column instead.
    for row in &mut cells {
        let plain: Vec<String> = row
            .keys()
            .filter(|k| columns.contains(&format!("{k} tử số")))
            .cloned()
            .collect();
        for k in plain {
            let v = row.remove(&k).unwrap();
            row.insert(format!("{k} tử số"), v);
        }
    }
    let all = columns.clone();
    columns.retain(|c| !all.contains(&format!("{c} tử số")));
    let ws = book.add_worksheet().set_name("Chỉ tiêu").unwrap();
    ws.write_string(0, 0, "commune").unwrap();
    for (c, h) in columns.iter().enumerate() {
        ws.write_string(0, c as u16 + 1, h).unwrap();
    }
    let mut formula_written = false;
    for (r, ((id, _, _), row)) in communes.iter().zip(&cells).enumerate() {
        let r = r as u32 + 1;
        ws.write_string(r, 0, id).unwrap();
        for (c, col) in columns.iter().enumerate() {
            let c = c as u16 + 1;
            match row.get(col) {
                None => {}
                Some(toml::Value::Boolean(b)) if r.is_multiple_of(2) => {
                    ws.write_boolean(r, c, *b).unwrap();
                }
                Some(toml::Value::Boolean(b)) => {
                    let word = if *b { "đạt" } else { "không đạt" };
                    ws.write_string(r, c, word).unwrap();
                }
                Some(toml::Value::String(s)) if s.parse::<f64>().is_err() => {
                    ws.write_string(r, c, s).unwrap();
                }
                Some(v) if !formula_written && num_text(v).contains('.') => {
                    // A formula, read by the value saved with it.
                    let text = num_text(v);
                    let f = Formula::new(format!("={text}*1")).set_result(&text);
                    ws.write_formula(r, c, f).unwrap();
                    formula_written = true;
                }
                Some(v) if (r + c as u32).is_multiple_of(4) => {
                    // Some numbers typed as text, the way a cell formatted as text keeps them.
                    ws.write_string(r, c, num_text(v)).unwrap();
                }
                Some(v) => write_num(ws, r, c, &num_text(v)),
            }
        }
    }
    assert!(formula_written);
    book.save_to_buffer().unwrap()
}

/// A copy of the shipped data whose 2023 tables are all in one workbook.
fn workbook_copy(into: &Path) {
    copy_dir(Path::new("data"), into);
    let bytes = workbook_of(into);
    let year = into.join(YEAR.to_string());
    std::fs::write(year.join("nhap-lieu.xlsx"), bytes).unwrap();
    std::fs::remove_file(year.join("documents.csv")).unwrap();
    std::fs::remove_file(year.join("villages.csv")).unwrap();
    std::fs::remove_dir_all(year.join("communes")).unwrap();
}

#[test]
fn the_shipped_data_from_one_workbook_gives_the_same_facts() {
    let original = facts_json(Path::new("data")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    workbook_copy(dir.path());
    let from_workbook = facts_json(dir.path()).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        from_workbook == original,
        "facts differ:\n{}",
        first_difference(&original, &from_workbook)
    );
    // The built report too: the command line reads the workbook and writes the same facts.
    let out = dir.path().join("out");
    let run = Command::new(BIN)
        .args(["--lang", "en", "--data"])
        .arg(dir.path())
        .args(["build", "2023", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    assert_eq!(
        std::fs::read(out.join("2023/facts.json")).unwrap(),
        original
    );
}

/// The first line where two JSON texts differ, with its neighbours.
fn first_difference(a: &[u8], b: &[u8]) -> String {
    let (a, b) = (String::from_utf8_lossy(a), String::from_utf8_lossy(b));
    for (i, (x, y)) in a.lines().zip(b.lines()).enumerate() {
        if x != y {
            return format!("line {}:\n- {x}\n+ {y}", i + 1);
        }
    }
    "one is a prefix of the other".to_string()
}

#[test]
fn the_same_workbook_saved_by_libreoffice_as_ods_gives_the_same_facts() {
    if !on_path("soffice") {
        assert!(!in_ci(), "CI must run the .ods test: install LibreOffice");
        println!("skipped: LibreOffice (soffice) not found");
        return;
    }
    let original = facts_json(Path::new("data")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    workbook_copy(dir.path());
    let year = dir.path().join("2023");
    let profile = dir.path().join("lo-profile");
    run_with_timeout(
        Command::new("soffice")
            .arg("--headless")
            .arg(format!(
                "-env:UserInstallation=file://{}",
                profile.display()
            ))
            .args(["--convert-to", "ods", "--outdir"])
            .arg(&year)
            .arg(year.join("nhap-lieu.xlsx")),
        Duration::from_secs(180),
    );
    assert!(
        year.join("nhap-lieu.ods").is_file(),
        "LibreOffice wrote no .ods"
    );
    std::fs::remove_file(year.join("nhap-lieu.xlsx")).unwrap();
    let from_ods = facts_json(dir.path()).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        from_ods == original,
        "facts differ:\n{}",
        first_difference(&original, &from_ods)
    );
}

/// Runs `check 2023` on a folder; exit code and stderr.
fn check(dir: &Path, args: &[&str]) -> (i32, String) {
    let run = Command::new(BIN)
        .args(args)
        .arg("--data")
        .arg(dir)
        .args(["check", "2023"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr).to_string();
    (run.status.code().unwrap_or(-1), stderr)
}

/// Rewrites one cell of a sheet of the workbook copy (0-based row and column).
fn with_cell(dir: &Path, sheet: &str, cell: (u32, u16), text: &str) {
    let path = dir.join("2023/nhap-lieu.xlsx");
    let mut grid = read_grid(&path);
    let at = (cell.0 as usize, cell.1 as usize);
    set(&mut grid, sheet, at, Cell::Text(text.to_string()));
    write_grid(&grid, &path);
}

#[test]
fn a_wrong_cell_is_reported_at_its_sheet_and_cell_in_both_languages_and_json() {
    let dir = tempfile::tempdir().unwrap();
    workbook_copy(dir.path());
    // Row 7 is the sixth commune; column D is criterion 1.
    with_cell(dir.path(), "Tiêu chí", (6, 3), "y");
    let (code, en) = check(dir.path(), &["--lang", "en"]);
    assert_eq!(code, 1, "{en}");
    assert!(
        en.contains("error: `y` is not a status (đạt, cơ bản đạt, chưa đạt, không đánh giá)\n"),
        "{en}"
    );
    assert_eq!(en.matches("error:").count(), 1, "one error only: {en}");
    assert!(
        en.contains("  --> 2023/nhap-lieu.xlsx: sheet \"Tiêu chí\", cell D7\n"),
        "{en}"
    );
    assert!(en.contains("D7 | y\n"), "the cell's content is shown: {en}");
    let (_, vi) = check(dir.path(), &["--lang", "vi"]);
    assert!(
        vi.contains("  --> 2023/nhap-lieu.xlsx: trang tính \"Tiêu chí\", ô D7\n"),
        "{vi}"
    );
    let (_, json) = check(dir.path(), &["--lang", "en", "--message-format", "json"]);
    let first: serde_json::Value = serde_json::from_str(json.lines().next().unwrap()).unwrap();
    common::schema::Schema::Diagnostics.check(&first, "a wrong cell");
    assert_eq!(first["file"], "2023/nhap-lieu.xlsx");
    assert_eq!(first["sheet"], "Tiêu chí");
    assert_eq!(first["cell"], "D7");
    assert_eq!(first["line"], 7);
    assert_eq!(first["col"], 4);
    assert_eq!(first["code"], "not-a-status");
}

/// "Cơ bản đạt" in a cell of the wide sheet is recorded, whatever its case; a misspelt
/// one is an error at its cell with the status it is nearest to.
#[test]
fn a_basically_met_cell_is_recorded_and_a_misspelt_one_is_hinted() {
    let dir = tempfile::tempdir().unwrap();
    workbook_copy(dir.path());
    with_cell(dir.path(), "Tiêu chí", (2, 5), "Cơ bản đạt");
    let (code, en) = check(dir.path(), &["--lang", "en"]);
    assert_eq!(code, 0, "{en}");
    assert!(!en.contains("error:"), "{en}");
    with_cell(dir.path(), "Tiêu chí", (2, 5), "Co ban dat");
    let (code, en) = check(dir.path(), &["--lang", "en"]);
    assert_eq!(code, 1, "{en}");
    assert!(en.contains("`Co ban dat` is not a status"), "{en}");
    assert!(en.contains("did you mean `cơ bản đạt`?"), "{en}");
    assert!(en.contains("cell F3"), "{en}");
}

#[test]
fn a_value_in_the_workbook_and_in_a_commune_file_is_an_error_naming_both() {
    let dir = tempfile::tempdir().unwrap();
    workbook_copy(dir.path());
    let communes = dir.path().join("2023/communes");
    std::fs::create_dir_all(&communes).unwrap();
    std::fs::write(
        communes.join("muong-so.toml"),
        "commune = \"muong-so\"\n\n[indicators]\n\"10.1\" = { value = \"44.6\" }\n",
    )
    .unwrap();
    let (code, en) = check(dir.path(), &["--lang", "en"]);
    assert_eq!(code, 1, "{en}");
    assert!(en.contains("given twice"), "{en}");
    assert!(
        en.contains("2023/nhap-lieu.xlsx: sheet \"Chỉ tiêu\", cell "),
        "{en}"
    );
    assert!(
        en.contains("first given at 2023/communes/muong-so.toml:4"),
        "{en}"
    );
}

#[test]
fn a_table_given_as_csv_and_as_a_sheet_is_an_error_naming_both() {
    let dir = tempfile::tempdir().unwrap();
    workbook_copy(dir.path());
    std::fs::copy(
        "data/2023/documents.csv",
        dir.path().join("2023/documents.csv"),
    )
    .unwrap();
    let (code, en) = check(dir.path(), &["--lang", "en"]);
    assert_eq!(code, 1, "{en}");
    assert!(
        en.contains("the table `documents` is given twice: here and in 2023/documents.csv"),
        "{en}"
    );
    assert!(
        en.contains("2023/nhap-lieu.xlsx: sheet \"Văn bản\", cell A1"),
        "{en}"
    );
}

#[test]
fn an_unknown_sheet_is_a_warning_and_an_unreadable_workbook_an_error() {
    let dir = tempfile::tempdir().unwrap();
    workbook_copy(dir.path());
    let mut book = Workbook::new();
    book.add_worksheet()
        .set_name("Sheet1")
        .unwrap()
        .write(0, 0, "x")
        .unwrap();
    std::fs::write(
        dir.path().join("2023/ghi-chu.xlsx"),
        book.save_to_buffer().unwrap(),
    )
    .unwrap();
    // An office program's lock file beside an open workbook is not read.
    std::fs::write(dir.path().join("2023/~$nhap-lieu.xlsx"), b"lock").unwrap();
    let (code, en) = check(dir.path(), &["--lang", "en"]);
    assert_eq!(code, 0, "{en}");
    assert!(
        en.contains("sheet \"Sheet1\" is not a table of the data folder"),
        "{en}"
    );
    std::fs::write(dir.path().join("2023/hong.xlsx"), b"not a zip").unwrap();
    let (code, en) = check(dir.path(), &["--lang", "en"]);
    assert_eq!(code, 1, "{en}");
    assert!(en.contains("this workbook cannot be read"), "{en}");
    assert!(en.contains("--> 2023/hong.xlsx"), "{en}");
}

// ---- init --workbook ------------------------------------------------------------------------

/// Fills in a template grid from the CSV and TOML data of `data/YEAR`, the way a person or
/// a script would: by the headers and the commune ids the template already holds.
fn fill(grid: &mut Grid, data: &Path) {
    let year = data.join(YEAR.to_string());
    // Statuses and their sources.
    let rows = sheet(grid, "Tiêu chí").to_vec();
    let mut extra: Vec<(String, usize)> = Vec::new();
    for (r, row) in rows.iter().enumerate().skip(1) {
        let id = text_of(row.first());
        if id.is_empty() {
            continue;
        }
        let text = std::fs::read_to_string(year.join(format!("communes/{id}.toml"))).unwrap();
        let t: toml::Table = text.parse().unwrap();
        let source = t["source"].as_str().unwrap().to_string();
        set(
            grid,
            "Tiêu chí",
            (r, column(&rows, "Nguồn").unwrap()),
            Cell::Text(source),
        );
        let declared = &t["declared"];
        for (list, word) in [("met", "đạt"), ("not_met", "chưa đạt")] {
            for n in declared[list].as_array().unwrap() {
                let c = column(&rows, &n.as_integer().unwrap().to_string()).unwrap();
                set(grid, "Tiêu chí", (r, c), Cell::Text(word.to_string()));
            }
        }
        for (k, v) in declared
            .get("sources")
            .and_then(|s| s.as_table())
            .into_iter()
            .flatten()
        {
            let header = format!("Nguồn {k}");
            let c = match extra.iter().find(|(h, _)| *h == header) {
                Some((_, c)) => *c,
                None => {
                    let c = rows[0].len() + extra.len();
                    set(grid, "Tiêu chí", (0, c), Cell::Text(header.clone()));
                    extra.push((header, c));
                    c
                }
            };
            set(
                grid,
                "Tiêu chí",
                (r, c),
                Cell::Text(v.as_str().unwrap().to_string()),
            );
        }
    }
    // Indicator and measure values.
    let rows = sheet(grid, "Chỉ tiêu").to_vec();
    for (r, row) in rows.iter().enumerate().skip(1) {
        let id = text_of(row.first());
        if id.is_empty() {
            continue;
        }
        let text = std::fs::read_to_string(year.join(format!("communes/{id}.toml"))).unwrap();
        let t: toml::Table = text.parse().unwrap();
        let values = t["indicators"].as_table().unwrap().iter();
        let measures = t["measures"].as_table().unwrap().iter();
        for (item, v) in values.chain(measures) {
            let number = |v: &toml::Value| Cell::Number(num_text(v).parse().unwrap());
            let mut put = |header: String, cell: Cell| {
                let c = column(&rows, &header).unwrap_or_else(|| panic!("no column {header}"));
                set(grid, "Chỉ tiêu", (r, c), cell);
            };
            let plain = column(&rows, item).is_some();
            match v {
                toml::Value::Table(t) if t.contains_key("numerator") => {
                    put(format!("{item} tử số"), number(&t["numerator"]));
                    put(format!("{item} mẫu số"), number(&t["denominator"]));
                }
                toml::Value::Table(t) if t.get("applicable") == Some(&false.into()) => {
                    let header = if plain {
                        item.clone()
                    } else {
                        format!("{item} tử số")
                    };
                    put(header, Cell::Text("không áp dụng".into()));
                }
                toml::Value::Table(t) if t.contains_key("met") => {
                    let met = t["met"].as_bool().unwrap();
                    put(
                        item.clone(),
                        Cell::Text(if met { "đạt" } else { "không đạt" }.into()),
                    );
                }
                toml::Value::Table(t) => put(item.clone(), number(&t["value"])),
                v => put(item.clone(), number(v)),
            }
        }
    }
    // Villages: this year's marks replace last year's.
    let rows = sheet(grid, "Thôn bản").to_vec();
    let csv = csv_rows(&year.join("villages.csv"));
    for (r, row) in rows.iter().enumerate().skip(1) {
        let id = text_of(row.first());
        let given = csv.iter().find(|c| c[0] == id).unwrap();
        for (k, mark) in given.iter().enumerate().skip(1) {
            let c = column(&rows, &csv[0][k]).unwrap();
            let cell = if mark.is_empty() {
                Cell::Empty
            } else {
                Cell::Text(mark.clone())
            };
            set(grid, "Thôn bản", (r, c), cell);
        }
    }
    // Documents, dates as date cells.
    for (r, row) in csv_rows(&year.join("documents.csv"))
        .iter()
        .enumerate()
        .skip(1)
    {
        for (c, cell) in row.iter().enumerate() {
            let v = if c == 1 {
                Cell::Date(ExcelDateTime::parse_from_str(cell).unwrap().to_excel())
            } else {
                Cell::Text(cell.clone())
            };
            set(grid, "Văn bản", (r, c), v);
        }
    }
}

/// A package part of an .xlsx file.
fn part(path: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut text = String::new();
    std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut text).unwrap();
    text
}

#[test]
fn init_writes_a_workbook_that_once_filled_in_builds_the_same_facts() {
    let original = facts_json(Path::new("data")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    copy_dir(Path::new("data"), dir.path());
    std::fs::remove_dir_all(dir.path().join("2023")).unwrap();
    let run = Command::new(BIN)
        .arg("--data")
        .arg(dir.path())
        .args(["init", "2023", "--workbook"])
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(stdout.contains("2023/nhap-lieu.xlsx"), "{stdout}");
    let year = dir.path().join("2023");
    assert!(!year.join("communes").exists() && !year.join("villages.csv").exists());
    let path = year.join("nhap-lieu.xlsx");
    let mut grid = read_grid(&path);

    // The template: its sheets, the roster in rows, last year's statuses to confirm.
    let names: Vec<&str> = grid.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "Hướng dẫn",
            "Tiêu chí",
            "Chỉ tiêu",
            "Thôn bản",
            "Văn bản",
            "Tham khảo"
        ]
    );
    let roster = csv_rows(Path::new("data/communes.csv"));
    let statuses = sheet(&grid, "Tiêu chí");
    let mut want: Vec<String> = ["Mã xã", "Tên xã", "Nguồn"].map(String::from).to_vec();
    want.extend((1..=19).map(|n| n.to_string()));
    let got: Vec<String> = statuses[0].iter().map(|c| text_of(Some(c))).collect();
    assert_eq!(got, want);
    for (r, commune) in roster[1..].iter().enumerate() {
        let row = &statuses[r + 1];
        assert_eq!(text_of(row.first()), commune[0]);
        assert_eq!(text_of(row.get(1)), commune[1]);
        assert_eq!(text_of(row.get(2)), "Chuyển từ năm 2022 — cần xác nhận");
        let prev = std::fs::read_to_string(format!("data/2022/communes/{}.toml", commune[0]));
        let t: toml::Table = prev.unwrap().parse().unwrap();
        for (list, word) in [("met", "đạt"), ("not_met", "chưa đạt")] {
            for n in t["declared"][list].as_array().unwrap() {
                let n = n.as_integer().unwrap() as usize;
                assert_eq!(text_of(row.get(2 + n)), word, "{} {n}", commune[0]);
            }
        }
    }
    let villages = sheet(&grid, "Thôn bản");
    let village_roster = csv_rows(Path::new("data/villages.csv"));
    assert_eq!(villages.len(), village_roster.len());
    let values = sheet(&grid, "Chỉ tiêu");
    let headers: Vec<String> = values[0].iter().map(|c| text_of(Some(c))).collect();
    assert!(headers.contains(&"2.2 tử số".to_string()) && headers.contains(&"10.1".to_string()));
    assert!(
        values[1..]
            .iter()
            .all(|r| r.iter().skip(2).all(|c| *c == Cell::Empty))
    );
    // Last year's values, for reference: Mường So's 1.1, 1.2 and 2.1 of 2022.
    let reference = &sheet(&grid, "Tham khảo")[1];
    let shown: Vec<String> = (2..6).map(|c| text_of(reference.get(c))).collect();
    assert_eq!(shown, ["đạt", "đạt", "14.2", "14.2"]);
    // Drop-down lists, number formats, frozen headers and widths, in the package.
    let criteria_xml = part(&path, "xl/worksheets/sheet2.xml");
    assert!(criteria_xml.contains("<dataValidation type=\"list\""));
    assert!(
        criteria_xml.contains("<formula1>\"đạt,chưa đạt,cơ bản đạt,không đánh giá\"</formula1>")
    );
    assert!(criteria_xml.contains("state=\"frozen\""));
    assert!(criteria_xml.contains("<col "));
    let values_xml = part(&path, "xl/worksheets/sheet3.xml");
    assert!(values_xml.contains("type=\"decimal\""));
    assert!(part(&path, "xl/styles.xml").contains("formatCode=\"0.0##\""));
    // The same year gives the same bytes.
    let again = tempfile::tempdir().unwrap();
    copy_dir(Path::new("data"), again.path());
    std::fs::remove_dir_all(again.path().join("2023")).unwrap();
    let run = Command::new(BIN)
        .arg("--data")
        .arg(again.path())
        .args(["init", "2023", "--workbook"])
        .output()
        .unwrap();
    assert!(run.status.success());
    assert_eq!(
        std::fs::read(again.path().join("2023/nhap-lieu.xlsx")).unwrap(),
        std::fs::read(&path).unwrap()
    );

    // As written, the year checks with warnings only.
    let (code, en) = check(dir.path(), &["--lang", "en"]);
    assert_eq!(code, 0, "{en}");
    assert!(
        en.contains("nothing is filled in for 16 communes in this sheet"),
        "{en}"
    );
    assert!(en.contains("sheet \"Văn bản\""), "{en}");

    // Filled in, with the rest of the year's files, it gives the original facts.
    fill(&mut grid, Path::new("data"));
    write_grid(&grid, &path);
    for f in [
        "report.toml",
        "funding.toml",
        "disbursement.toml",
        "plan.toml",
    ] {
        std::fs::copy(Path::new("data/2023").join(f), year.join(f)).unwrap();
    }
    std::fs::remove_dir_all(year.join("narrative")).unwrap();
    copy_dir(Path::new("data/2023/narrative"), &year.join("narrative"));
    let filled = facts_json(dir.path()).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        filled == original,
        "facts differ:\n{}",
        first_difference(&original, &filled)
    );
}

// ---- new --------------------------------------------------------------------------------

/// `ntm-report new DIR` with options for a small district of three communes.
fn new_unit(dir: &Path, ruleset: &str) -> std::process::Output {
    Command::new(BIN)
        .args(["--lang", "en", "new"])
        .arg(dir)
        .args([
            "--year",
            "2024",
            "--level",
            "district",
            "--name",
            "Tam Đường",
            "--province",
            "Lai Châu",
            "--signer",
            "Nguyễn Văn B",
            "--commune-ruleset",
            ruleset,
            "--village-ruleset",
            "lai-chau-ban-43",
            "--commune",
            "Bản Bo",
            "--commune",
            "Bình Lư",
            "--commune",
            "son-binh=Sơn Bình",
        ])
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap()
}

/// Runs a command on a data folder; exit code, stdout and stderr.
fn run_on(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let run = Command::new(BIN)
        .args(["--lang", "en", "--data"])
        .arg(dir)
        .args(args)
        .output()
        .unwrap();
    (
        run.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&run.stdout).to_string(),
        String::from_utf8_lossy(&run.stderr).to_string(),
    )
}

#[test]
fn new_on_an_empty_folder_checks_with_warnings_that_say_what_remains() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("tam-duong");
    let out = new_unit(&dir, "lai-chau-xa-1285");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ntm = std::fs::read_to_string(dir.join("ntm.toml")).unwrap();
    assert!(
        ntm.contains("name = \"ỦY BAN NHÂN DÂN HUYỆN TAM ĐƯỜNG\""),
        "{ntm}"
    );
    assert!(ntm.contains("label = \"huyện\""));
    let roster = std::fs::read_to_string(dir.join("communes.csv")).unwrap();
    assert_eq!(
        roster,
        "id,name,category\nban-bo,Bản Bo,thuong\nbinh-lu,Bình Lư,thuong\nson-binh,Sơn Bình,thuong\n"
    );
    let grid = read_grid(&dir.join("2024/nhap-lieu.xlsx"));
    let names: Vec<&str> = grid.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        ["Hướng dẫn", "Tiêu chí", "Chỉ tiêu", "Thôn bản", "Văn bản"]
    );
    let ids: Vec<String> = sheet(&grid, "Tiêu chí")[1..]
        .iter()
        .map(|r| text_of(r.first()))
        .collect();
    assert_eq!(ids, ["ban-bo", "binh-lu", "son-binh"]);

    let (code, _, en) = run_on(&dir, &["check", "2024"]);
    assert_eq!(code, 0, "{en}");
    assert!(en.contains("0 error(s)"), "{en}");
    for remains in [
        "nothing is filled in for 3 communes in this sheet",
        "--> 2024/nhap-lieu.xlsx: sheet \"Tiêu chí\", cell A2",
        "--> 2024/nhap-lieu.xlsx: sheet \"Chỉ tiêu\", cell A2",
        "--> 2024/nhap-lieu.xlsx: sheet \"Văn bản\", cell A1",
        "--> 2024/funding.toml",
        "--> 2024/plan.toml",
        "Bản Bo: 19 criteria (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19)",
    ] {
        assert!(en.contains(remains), "{remains:?} in\n{en}");
    }
    let (code, _, _) = run_on(&dir, &["--deny-warnings", "check", "2024"]);
    assert_eq!(code, 1);

    // On a data folder, it refuses and changes nothing: a new year is `init`'s work.
    std::fs::write(dir.join("communes.csv"), "edited").unwrap();
    let again = new_unit(&dir, "lai-chau-xa-1285");
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already holds a data folder"));
    assert_eq!(
        std::fs::read_to_string(dir.join("communes.csv")).unwrap(),
        "edited"
    );
}

#[test]
fn new_says_what_it_needs_and_writes_nothing_on_a_bad_ruleset() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("x");
    let run = Command::new(BIN)
        .args(["new"])
        .arg(&dir)
        .args(["--year", "2024", "--name", "Tam Đường"])
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(
        err.contains("`new` needs --province, --signer, --commune-ruleset, --commune"),
        "{err}"
    );
    // At the folder it would make, as every error names its place.
    assert!(err.contains(&format!("--> {}", dir.display())), "{err}");
    assert!(!dir.exists());
    let out = new_unit(&dir, "lai-chau-xa-9999");
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("lai-chau-xa-9999"));
    assert!(!dir.exists(), "nothing is written");
}

#[test]
fn a_new_unit_filled_in_builds_its_report() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("tam-duong");
    assert!(new_unit(&dir, "lai-chau-xa-1285").status.success());
    let path = dir.join("2024/nhap-lieu.xlsx");
    let mut grid = read_grid(&path);
    // Every criterion met in Bản Bo, none elsewhere; a source for each row.
    for r in 1..=3 {
        set(
            &mut grid,
            "Tiêu chí",
            (r, 2),
            Cell::Text("Rà soát tháng 12/2024".into()),
        );
        for n in 1..=19 {
            let word = if r == 1 { "đạt" } else { "chưa đạt" };
            set(&mut grid, "Tiêu chí", (r, 2 + n), Cell::Text(word.into()));
        }
    }
    write_grid(&grid, &path);
    let out = dir.join("out");
    let (code, stdout, stderr) = run_on(&dir, &["build", "2024", "--out", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("wrote"), "{stdout}");
    let facts: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("2024/facts.json")).unwrap()).unwrap();
    let met: Vec<u64> = facts["communes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["criteria_met"].as_u64().unwrap())
        .collect();
    assert_eq!(met, [19, 0, 0]);
    assert!(out.join("2024/bao-cao-ntm-2024.docx").is_file());
}

// ---- sheets as offices make them ------------------------------------------------------------

/// Applies `change` to the grid of the workbook copy's workbook and writes it back.
fn change_grid(dir: &Path, change: impl FnOnce(&mut Grid)) {
    let path = dir.join("2023/nhap-lieu.xlsx");
    let mut grid = read_grid(&path);
    change(&mut grid);
    write_grid(&grid, &path);
}

#[test]
fn title_rows_above_the_headers_and_percent_cells_read_as_shown() {
    let original = facts_json(Path::new("data")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    workbook_copy(dir.path());
    change_grid(dir.path(), |grid| {
        // A title and a blank row above the documents' headers, as printed forms have.
        let rows = &mut grid.iter_mut().find(|(n, _)| n == "Văn bản").unwrap().1;
        rows.insert(0, Vec::new());
        rows.insert(0, vec![Cell::Text("DANH MỤC VĂN BẢN NĂM 2023".into())]);
        // Percent indicators typed in cells formatted as percentages: 92.5 is 0.925.
        let values = sheet(grid, "Chỉ tiêu").to_vec();
        let c = column(&values, "3.1").unwrap();
        for (r, row) in values.iter().enumerate().skip(1) {
            let shown: f64 = text_of(row.get(c)).parse().unwrap();
            set(grid, "Chỉ tiêu", (r, c), Cell::Percent(shown / 100.0));
        }
    });
    let facts = facts_json(dir.path()).unwrap_or_else(|e| panic!("{e}"));
    assert!(facts == original, "{}", first_difference(&original, &facts));
    // A wrong cell below the title rows is named at its own row.
    with_cell(dir.path(), "Văn bản", (4, 1), "31/02/2023");
    let (code, en) = check(dir.path(), &["--lang", "en"]);
    assert_eq!(code, 1, "{en}");
    assert!(en.contains("sheet \"Văn bản\", cell B5"), "{en}");
}

#[test]
fn a_header_typed_as_a_number_that_lost_its_zero_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    workbook_copy(dir.path());
    let mut at = 0;
    change_grid(dir.path(), |grid| {
        let values = sheet(grid, "Chỉ tiêu").to_vec();
        at = column(&values, "17.10").unwrap();
        set(grid, "Chỉ tiêu", (0, at), Cell::Number(17.10));
    });
    let (code, en) = check(dir.path(), &["--lang", "en"]);
    assert_eq!(code, 1, "{en}");
    assert!(
        en.contains("this cell is a number, 17.1, and may be meant as `17.10`"),
        "{en}"
    );
    let cell = ntm_report::source::cell_name(1, at + 1);
    assert!(
        en.contains(&format!("sheet \"Chỉ tiêu\", cell {cell}\n")),
        "{en}"
    );
}

#[test]
fn an_id_typed_as_a_number_in_the_long_sheet_is_an_error_not_another_indicator() {
    let dir = tempfile::tempdir().unwrap();
    workbook_copy(dir.path());
    change_grid(dir.path(), |grid| {
        // The long table as a sheet, its item `17.10` typed as a number (17.1).
        let rows = vec![
            ["commune", "item", "value"]
                .map(|h| Cell::Text(h.into()))
                .to_vec(),
            vec![
                Cell::Text("muong-so".into()),
                Cell::Number(17.10),
                Cell::Number(100.0),
            ],
        ];
        grid.push(("Số liệu xã".into(), rows));
    });
    let (code, en) = check(dir.path(), &["--lang", "en"]);
    assert_eq!(code, 1, "{en}");
    assert!(
        en.contains("error: this cell is a number, 17.1, and may be meant as `17.10`"),
        "{en}"
    );
    assert!(en.contains("sheet \"Số liệu xã\", cell B2"), "{en}");
    assert!(!en.contains("given twice"), "{en}");
}
