//! A workbook's cells as a script filling it in sees them: read with calamine, written
//! with rust_xlsxwriter.

use rust_xlsxwriter::{Format, Workbook};
use std::path::Path;

/// A workbook's cells, sheet by sheet in order: what a script filling it in works on.
pub type Grid = Vec<(String, Vec<Vec<Cell>>)>;

/// A cell as a script reads and writes it.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Bool(bool),
    /// An Excel date serial number.
    Date(f64),
    /// A number shown as a percentage (0.925 shown as 92.5%).
    Percent(f64),
}

/// Reads a workbook's cells.
pub fn read_grid(path: &Path) -> Grid {
    use calamine::{Data, Reader};
    let mut wb = calamine::open_workbook_auto(path).unwrap();
    let mut out = Vec::new();
    for name in wb.sheet_names() {
        let range = wb.worksheet_range(&name).unwrap();
        let mut rows: Vec<Vec<Cell>> = Vec::new();
        if let Some((r0, c0)) = range.start() {
            rows.resize(r0 as usize, Vec::new());
            for row in range.rows() {
                let mut cells = vec![Cell::Empty; c0 as usize];
                cells.extend(row.iter().map(|v| match v {
                    Data::String(s) => Cell::Text(s.clone()),
                    Data::Float(f) => Cell::Number(*f),
                    Data::Int(i) => Cell::Number(*i as f64),
                    Data::Bool(b) => Cell::Bool(*b),
                    Data::DateTime(d) => Cell::Date(d.as_f64()),
                    _ => Cell::Empty,
                }));
                rows.push(cells);
            }
        }
        out.push((name, rows));
    }
    out
}

/// Writes cells into a new workbook.
pub fn write_grid(grid: &Grid, path: &Path) {
    let mut out = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let percent = Format::new().set_num_format("0.0%");
    for (name, rows) in grid {
        let ws = out.add_worksheet().set_name(name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match v {
                    Cell::Empty => Ok(()),
                    Cell::Text(s) => ws.write_string(r, c, s).map(|_| ()),
                    Cell::Number(f) => ws.write_number(r, c, *f).map(|_| ()),
                    Cell::Bool(b) => ws.write_boolean(r, c, *b).map(|_| ()),
                    Cell::Date(d) => ws.write_number_with_format(r, c, *d, &date).map(|_| ()),
                    Cell::Percent(p) => ws.write_number_with_format(r, c, *p, &percent).map(|_| ()),
                }
                .unwrap();
            }
        }
    }
    std::fs::write(path, out.save_to_buffer().unwrap()).unwrap();
}

/// Sets a cell of a grid's sheet, growing the sheet as needed.
pub fn set(grid: &mut Grid, sheet: &str, (r, c): (usize, usize), v: Cell) {
    let rows = &mut grid.iter_mut().find(|(n, _)| n == sheet).unwrap().1;
    if rows.len() <= r {
        rows.resize(r + 1, Vec::new());
    }
    if rows[r].len() <= c {
        rows[r].resize(c + 1, Cell::Empty);
    }
    rows[r][c] = v;
}

/// The rows of a grid's sheet.
pub fn sheet<'g>(grid: &'g Grid, name: &str) -> &'g [Vec<Cell>] {
    &grid.iter().find(|(n, _)| n == name).unwrap().1
}

/// The text of a cell, "" when empty.
pub fn text_of(c: Option<&Cell>) -> String {
    match c {
        Some(Cell::Text(s)) => s.clone(),
        Some(Cell::Number(f)) => f.to_string(),
        _ => String::new(),
    }
}

/// The column of a header in a sheet's first row.
pub fn column(rows: &[Vec<Cell>], header: &str) -> Option<usize> {
    rows[0].iter().position(|c| text_of(Some(c)) == header)
}
