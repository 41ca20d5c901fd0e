//! The Vietnamese guide for data collectors, `docs/vi/huong-dan.md`, runs as written: every
//! `sh` block is run in order, in an empty folder, with `ntm-report` on the PATH. What a
//! person does by hand between two commands (listing villages, filling in the workbook,
//! giving the report its number) is marked in the guide by a comment `<!-- kiểm thử: … -->`
//! and done here by a script. The guide also lists every warning code the tool has, and its
//! pictures exist.

mod common;

use common::sheets::{Cell, column, read_grid, set, sheet, text_of, write_grid};
use std::path::Path;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_ntm-report");
const GUIDE: &str = "docs/vi/huong-dan.md";

/// A step of the guide: a block of commands, or a step done by hand.
#[derive(Debug)]
enum Step {
    Commands(String),
    ByHand(String),
}

fn steps(text: &str) -> Vec<Step> {
    let mut out = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "```sh" {
            let block: Vec<&str> = lines.by_ref().take_while(|l| l.trim() != "```").collect();
            out.push(Step::Commands(block.join("\n")));
        } else if let Some(rest) = line.trim().strip_prefix("<!-- kiểm thử:") {
            let name = rest.trim_end_matches("-->").trim();
            out.push(Step::ByHand(name.to_string()));
        }
    }
    out
}

/// The villages of Tam Đường, as the person would list them in villages.csv.
fn list_villages(root: &Path) {
    let path = root.join("tam-duong/villages.csv");
    let mut text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        text, "id,commune,name\n",
        "the guide's villages.csv is headers only"
    );
    text.push_str("ban-bo-na-bo,ban-bo,Nà Bó\nban-bo-phan-lian,ban-bo,Phan Lìn\nbinh-lu-na-don,binh-lu,Nà Đon\nson-binh-son-thang,son-binh,Sơn Thắng\n");
    std::fs::write(path, text).unwrap();
}

/// The workbook filled in as the guide says: statuses and sources, some indicator values,
/// the villages' rows, two documents.
fn fill_workbook(root: &Path) {
    let path = root.join("tam-duong/2024/nhap-lieu.xlsx");
    let mut grid = read_grid(&path);
    let statuses = sheet(&grid, "Tiêu chí").to_vec();
    for r in 1..statuses.len() {
        let source = "Rà soát của Văn phòng Điều phối NTM huyện, tháng 12/2024";
        set(&mut grid, "Tiêu chí", (r, 2), Cell::Text(source.into()));
        for n in 1..=19usize {
            // Bản Bo meets every criterion; the others the first 10 + row.
            let met = r == 1 || n <= 9 + r;
            let c = column(&statuses, &n.to_string()).unwrap();
            let word = if met { "đạt" } else { "chưa đạt" };
            set(&mut grid, "Tiêu chí", (r, c), Cell::Text(word.into()));
        }
    }
    let values = sheet(&grid, "Chỉ tiêu").to_vec();
    for r in 1..values.len() {
        let n = column(&values, "2.2 tử số").unwrap();
        let d = column(&values, "2.2 mẫu số").unwrap();
        set(&mut grid, "Chỉ tiêu", (r, n), Cell::Number(10.5 + r as f64));
        set(&mut grid, "Chỉ tiêu", (r, d), Cell::Number(14.2));
        let c = column(&values, "10.1").unwrap();
        set(
            &mut grid,
            "Chỉ tiêu",
            (r, c),
            Cell::Number(38.0 + 2.5 * r as f64),
        );
        let c = column(&values, "1.1").unwrap();
        set(&mut grid, "Chỉ tiêu", (r, c), Cell::Text("đạt".into()));
    }
    // The villages' rows, under the headers the workbook has.
    let villages = sheet(&grid, "Thôn bản").to_vec();
    assert_eq!(
        villages.len(),
        1,
        "no village was listed when the workbook was made"
    );
    let ids = [
        "ban-bo-na-bo",
        "ban-bo-phan-lian",
        "binh-lu-na-don",
        "son-binh-son-thang",
    ];
    for (i, id) in ids.iter().enumerate() {
        set(
            &mut grid,
            "Thôn bản",
            (i + 1, 0),
            Cell::Text(id.to_string()),
        );
        for k in 1..=(6 + 3 * i) {
            let c = column(&villages, &k.to_string()).unwrap();
            set(&mut grid, "Thôn bản", (i + 1, c), Cell::Text("x".into()));
        }
    }
    let date = |d: &str| {
        Cell::Date(
            rust_xlsxwriter::ExcelDateTime::parse_from_str(d)
                .unwrap()
                .to_excel(),
        )
    };
    let documents = [
        (
            "12/KH-UBND",
            "2024-01-16",
            "Kế hoạch thực hiện Chương trình MTQG xây dựng nông thôn mới năm 2024",
        ),
        (
            "118/QĐ-UBND",
            "2024-01-30",
            "Giao chỉ tiêu, nhiệm vụ thực hiện Chương trình năm 2024 cho các xã",
        ),
    ];
    for (i, (number, day, title)) in documents.iter().enumerate() {
        let r = i + 1;
        let kind = if number.contains("KH") {
            "Kế hoạch"
        } else {
            "Quyết định"
        };
        set(&mut grid, "Văn bản", (r, 0), Cell::Text(number.to_string()));
        set(&mut grid, "Văn bản", (r, 1), date(day));
        set(
            &mut grid,
            "Văn bản",
            (r, 2),
            Cell::Text("UBND huyện Tam Đường".into()),
        );
        set(&mut grid, "Văn bản", (r, 3), Cell::Text(kind.into()));
        set(&mut grid, "Văn bản", (r, 4), Cell::Text(title.to_string()));
    }
    write_grid(&grid, &path);
    assert_eq!(
        text_of(sheet(&read_grid(&path), "Văn bản")[1].first()),
        "12/KH-UBND"
    );
}

/// The report's number and date, as the guide says to write them.
fn number_the_report(root: &Path) {
    let path = root.join("tam-duong/2024/report.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("number = \"…/BC-UBND\""), "{text}");
    let text = text.replace("number = \"…/BC-UBND\"", "number = \"15/BC-UBND\"");
    std::fs::write(path, text).unwrap();
}

#[test]
fn the_guide_runs_as_written_from_an_empty_folder_to_the_report() {
    let guide = std::fs::read_to_string(GUIDE).unwrap();
    let steps = steps(&guide);
    assert!(steps.len() >= 8, "{steps:?}");
    let root = tempfile::tempdir().unwrap();
    let bin = root.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    std::os::unix::fs::symlink(BIN, bin.join("ntm-report")).unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let work = root.path().join("work");
    std::fs::create_dir(&work).unwrap();
    let mut ran = Vec::new();
    for step in &steps {
        match step {
            Step::Commands(block) => {
                let out = Command::new("bash")
                    .args(["-euo", "pipefail", "-c", block])
                    .current_dir(&work)
                    .env("PATH", &path)
                    .env("LANG", "vi_VN.UTF-8")
                    .env_remove("LC_ALL")
                    .env_remove("LC_MESSAGES")
                    .stdin(std::process::Stdio::null())
                    .output()
                    .unwrap();
                assert!(
                    out.status.success(),
                    "the guide's commands failed:\n{block}\n--- stdout\n{}\n--- stderr\n{}",
                    String::from_utf8_lossy(&out.stdout),
                    String::from_utf8_lossy(&out.stderr)
                );
                ran.push((
                    block.clone(),
                    String::from_utf8_lossy(&out.stderr).to_string(),
                ));
            }
            Step::ByHand(name) => match name.as_str() {
                "danh sách thôn" => list_villages(&work),
                "điền sổ nhập liệu" => fill_workbook(&work),
                "số báo cáo" => number_the_report(&work),
                other => panic!("the guide marks a step the test does not know: {other}"),
            },
        }
    }
    // What the guide says the first check prints, it prints.
    let (_, first) = &ran[1];
    assert!(
        first.contains("3 xã chưa được điền trong trang tính này: `ban-bo`, `binh-lu`, `son-binh`"),
        "{first}"
    );
    assert!(first.contains("--> 2024/nhap-lieu.xlsx: trang tính \"Chỉ tiêu\", ô A2"));
    // The report was built, and the next year started.
    let report = work.join("tam-duong/bao-cao/2024/bao-cao-ntm-2024.docx");
    assert!(report.is_file(), "the report the guide builds");
    let facts: serde_json::Value = serde_json::from_slice(
        &std::fs::read(work.join("tam-duong/bao-cao/2024/facts.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(facts["report"]["number"], "15/BC-UBND");
    assert!(work.join("tam-duong/2025/nhap-lieu.xlsx").is_file());
}

#[test]
fn the_guide_explains_every_warning_and_its_pictures_exist() {
    let guide = std::fs::read_to_string(GUIDE).unwrap();
    // The warning codes, as the generated diagnostics page marks them.
    let diagnostics = std::fs::read_to_string("docs/diagnostics.md").unwrap();
    let mut code = "";
    let mut warnings = Vec::new();
    for line in diagnostics.lines() {
        if let Some(c) = line.strip_prefix("### `").and_then(|c| c.strip_suffix('`')) {
            code = c;
        } else if line.starts_with("Severity: warning")
            || line.starts_with("Severity: error for the report year, warning")
        {
            warnings.push(code);
        }
    }
    assert!(warnings.len() >= 10, "{warnings:?}");
    for code in warnings {
        assert!(
            guide.contains(&format!("| `{code}` |")),
            "the guide does not explain the warning `{code}`"
        );
    }
    let dir = Path::new(GUIDE).parent().unwrap();
    let mut pictures = 0;
    for (i, _) in guide.match_indices("](hinh/") {
        let rest = &guide[i + 2..];
        let file = &rest[..rest.find(')').unwrap()];
        let bytes = std::fs::read(dir.join(file)).unwrap_or_else(|_| panic!("{file} is missing"));
        assert!(bytes.starts_with(b"\x89PNG"), "{file} is a PNG picture");
        pictures += 1;
    }
    assert!(pictures >= 4);
}
