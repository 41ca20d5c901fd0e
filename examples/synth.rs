//! Writes a synthetic, valid data folder of any size, for benchmarks and scale tests.
//!
//! ```sh
//! cargo run --release --example synth -- --communes 10000 --villages-per-commune 10 \
//!     --years 2 --seed 1 --out /tmp/synth-10k
//! ```
//!
//! Values spread around the built-in Lai Châu thresholds, so that some indicators are met
//! and some not; a few declared statuses disagree with the computed ones, as in real data.
//! The same arguments give the same bytes.

use ntm_report::diagnostic::Diagnostics;
use ntm_report::narrative::FRAGMENTS;
use ntm_report::ruleset::{self, Comparator, Kind, Ruleset};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[derive(Clone)]
struct Args {
    /// With `--units N`: a folder of N units, the communes shared among them.
    units: Option<usize>,
    communes: usize,
    villages: usize,
    years: i32,
    seed: u64,
    out: PathBuf,
    last_year: i32,
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args {
        units: None,
        communes: 100,
        villages: 10,
        years: 2,
        seed: 1,
        out: PathBuf::from("synth"),
        last_year: 2023,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut val = || it.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--units" => a.units = Some(val()?.parse().map_err(|e| format!("--units: {e}"))?),
            "--communes" => a.communes = val()?.parse().map_err(|e| format!("--communes: {e}"))?,
            "--villages-per-commune" => {
                a.villages = val()?
                    .parse()
                    .map_err(|e| format!("--villages-per-commune: {e}"))?
            }
            "--years" => a.years = val()?.parse().map_err(|e| format!("--years: {e}"))?,
            "--seed" => a.seed = val()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--last-year" => {
                a.last_year = val()?.parse().map_err(|e| format!("--last-year: {e}"))?
            }
            "--out" => a.out = PathBuf::from(val()?),
            "-h" | "--help" => {
                return Err("usage: synth [--units U] --communes N --villages-per-commune M --years Y --seed S --out DIR [--last-year 2023]".into());
            }
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if a.communes == 0 || a.years < 1 || a.units == Some(0) {
        return Err("--units, --communes and --years must be at least 1".into());
    }
    if a.units.is_some_and(|u| u > a.communes) {
        return Err("--units cannot be more than --communes".into());
    }
    Ok(a)
}

fn rules(id: &str) -> Ruleset {
    let src = ruleset::builtin(id).expect("built-in ruleset");
    ruleset::parse(&src, &mut Diagnostics::new()).expect("valid built-in ruleset")
}

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().expect("has a parent")).expect("create folder");
    std::fs::write(p, text).expect("write file");
}

/// A commune's "development level" in [0, 1): higher levels meet more criteria.
fn level(rng: &mut ChaCha8Rng) -> f64 {
    let x: f64 = rng.r#gen();
    x * x
}

/// A decimal value with two places near `t`, above it with probability `p_above`.
fn near(rng: &mut ChaCha8Rng, t: f64, p_above: f64, max: Option<f64>) -> f64 {
    let up = rng.gen_bool(p_above.clamp(0.0, 1.0));
    let spread = (t.abs() * 0.3).max(1.0);
    let v = if up {
        t + rng.gen_range(0.0..spread)
    } else {
        t - rng.gen_range(0.01..spread)
    };
    let v = v.max(0.0);
    max.map_or(v, |m| v.min(m))
}

fn main() {
    let a = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let mut rng = ChaCha8Rng::seed_from_u64(a.seed);
    let Some(units) = a.units else {
        folder(&a, &a.out, "Tổng hợp", &mut rng);
        return;
    };
    // A folder of units: the communes shared as evenly as they go, in order.
    // The summary's heading: who issues and signs it (synthetic names, as everything here).
    let mut toml = String::from(
        "[summary]\nname = \"Cả nước (dữ liệu mẫu)\"\nplace = \"Hà Nội\"\n\
recipients = [\"Ban Chỉ đạo Trung ương (b/c);\", \"UBND các tỉnh (dữ liệu mẫu);\", \"Lưu: VT.\"]\n\n\
[summary.issuer]\nparent = \"BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG\"\n\
name = \"Văn phòng Điều phối nông thôn mới Trung ương\"\nabbreviation = \"VPĐP\"\n\n\
[summary.signer]\non_behalf = \"KT. CHÁNH VĂN PHÒNG\"\nposition = \"PHÓ CHÁNH VĂN PHÒNG\"\n\
name = \"Nguyễn Văn A (dữ liệu mẫu)\"\n",
    );
    for u in 0..units {
        let share = a.communes / units + usize::from(u < a.communes % units);
        let id = format!("tinh-{:02}", u + 1);
        let _ = write!(toml, "\n[[units]]\nid = \"{id}\"\n");
        let unit = Args {
            communes: share,
            ..a.clone()
        };
        folder(
            &unit,
            &a.out.join(&id),
            &format!("Mẫu {:02}", u + 1),
            &mut rng,
        );
    }
    write(&a.out, "ntm.toml", &toml);
}

/// Writes one data folder of `a.communes` communes, the unit named `name`.
fn folder(a: &Args, root: &Path, name: &str, rng: &mut ChaCha8Rng) {
    let cr = rules("lai-chau-xa-1285");
    let vr = rules("lai-chau-ban-43");
    write(
        root,
        "ntm.toml",
        &format!(
            "recipients = [\"Văn phòng Điều phối NTM Trung ương;\", \"Lưu: VT.\"]\n\n\
         [unit]\nlevel = \"province\"\nname = \"{name}\"\nlabel = \"tỉnh\"\nprovince = \"{name}\"\nplace = \"Hà Nội\"\n\n\
         [issuer]\nparent = \"\"\nname = \"VĂN PHÒNG ĐIỀU PHỐI NÔNG THÔN MỚI\"\nabbreviation = \"VPĐP\"\n\n\
         [signer]\non_behalf = \"\"\nposition = \"CHÁNH VĂN PHÒNG\"\nname = \"Người Ký Mẫu\"\n\n\
         [rulesets]\ncommune = \"lai-chau-xa-1285\"\nvillage = \"lai-chau-ban-43\"\n"
        ),
    );
    let levels: Vec<f64> = (0..a.communes).map(|_| level(rng)).collect();
    let mut roster =
        String::from("id,name,category,recognized_decision,recognized_date,recognized_by\n");
    let mut villages = String::from("id,commune,name\n");
    for (i, lv) in levels.iter().enumerate() {
        let cat = if *lv < 0.6 { "dbkk" } else { "thuong" };
        let rec = if *lv > 0.9 {
            "100/QĐ-UBND,2020-06-15,UBND tỉnh"
        } else {
            ",,"
        };
        let _ = writeln!(roster, "xa-{i:05},Xã Mẫu {i:05},{cat},{rec}");
        for v in 0..a.villages {
            let _ = writeln!(
                villages,
                "xa-{i:05}-ban-{v:02},xa-{i:05},Bản {v:02} xã {i:05}"
            );
        }
    }
    write(root, "communes.csv", &roster);
    write(root, "villages.csv", &villages);
    for k in 0..a.years {
        let year = a.last_year - a.years + 1 + k;
        // Development improves a little each year.
        let bump = f64::from(k) * 0.03;
        write(
            root,
            &format!("{year}/report.toml"),
            &format!("number = \"…/BC-VPĐP\"\ndate = \"{}-01-05\"\n", year + 1),
        );
        let mut rows = String::from("commune,item,value,denominator,source\n");
        for (i, lv) in levels.iter().enumerate() {
            let lv = (lv + bump).min(0.99);
            let cat = if levels[i] < 0.6 { "dbkk" } else { "thuong" };
            for c in &cr.criteria {
                for ind in &c.indicators {
                    let p = 0.25 + 0.75 * lv;
                    let id = &ind.id;
                    match ind.kind {
                        Kind::YesNo => {
                            let v = if rng.gen_bool(p) {
                                "đạt"
                            } else {
                                "không đạt"
                            };
                            let v = if ind.if_exists && rng.gen_bool(0.5) {
                                "không áp dụng"
                            } else {
                                v
                            };
                            let _ = writeln!(rows, "xa-{i:05},{id},{v},,");
                        }
                        Kind::Ratio => {
                            let t: f64 = ind
                                .threshold(year, cat)
                                .map_or(50.0, |t| t.value.to_string().parse().unwrap_or(50.0));
                            let den: u32 = rng.gen_range(50..2000);
                            let above = match ind.comparator {
                                Some(Comparator::AtMost | Comparator::Below) => 1.0 - p,
                                _ => p,
                            };
                            let pct = near(rng, t, above, Some(100.0));
                            let num = (f64::from(den) * pct / 100.0).floor() as u32;
                            let _ = writeln!(rows, "xa-{i:05},{id},{num},{den},");
                        }
                        Kind::Percent | Kind::Amount | Kind::Level => {
                            let t: f64 = ind
                                .threshold(year, cat)
                                .map_or(50.0, |t| t.value.to_string().parse().unwrap_or(50.0));
                            let above = match ind.comparator {
                                Some(Comparator::AtMost | Comparator::Below) => 1.0 - p,
                                _ => p,
                            };
                            let max = (ind.kind == Kind::Percent).then_some(100.0);
                            let v = near(rng, t, above, max);
                            let v = if ind.kind == Kind::Level {
                                v.round()
                            } else {
                                v
                            };
                            let _ = writeln!(rows, "xa-{i:05},{id},{v:.2},,");
                        }
                        Kind::Count => {
                            let v: u32 = if rng.gen_bool(p) {
                                0
                            } else {
                                rng.gen_range(1..60)
                            };
                            let _ = writeln!(rows, "xa-{i:05},{id},{v},,");
                        }
                    }
                }
                // Criteria assessed by departments are declared; now and then the
                // declaration disagrees with the indicators.
                if [1, 18, 19].contains(&c.number) || rng.gen_bool(0.05) {
                    let met = rng.gen_bool(0.3 + 0.7 * lv);
                    let _ = writeln!(
                        rows,
                        "xa-{i:05},{},{},,Sở ngành thẩm định",
                        c.number,
                        if met { "đạt" } else { "chưa đạt" }
                    );
                }
            }
            for m in &cr.measures {
                match m.kind {
                    Kind::Ratio => {
                        let den: u32 = rng.gen_range(5..400);
                        let num = rng.gen_range(0..=den);
                        let _ = writeln!(rows, "xa-{i:05},{},{num},{den},", m.id);
                    }
                    _ => {
                        let v: u32 = rng.gen_range(0..300);
                        let _ = writeln!(rows, "xa-{i:05},{},{v},,", m.id);
                    }
                }
            }
        }
        write(root, &format!("{year}/communes.csv"), &rows);
        let mut vrows = String::from("village");
        for c in &vr.criteria {
            let _ = write!(vrows, ",{}", c.number);
        }
        vrows.push('\n');
        for (i, lv) in levels.iter().enumerate() {
            for v in 0..a.villages {
                let _ = write!(vrows, "xa-{i:05}-ban-{v:02}");
                for _ in &vr.criteria {
                    vrows.push_str(if rng.gen_bool(0.2 + 0.6 * (lv + bump).min(0.99)) {
                        ",x"
                    } else {
                        ","
                    });
                }
                vrows.push('\n');
            }
        }
        write(root, &format!("{year}/villages.csv"), &vrows);
        write(
            root,
            &format!("{year}/funding.toml"),
            &format!(
                "[[sources]]\nid = \"ntm\"\nname = \"Vốn Chương trình\"\n\n[[sources]]\nid = \"ntm-dt\"\nparent = \"ntm\"\nname = \"Vốn đầu tư\"\namount = \"{}\"\n\n\
                 [[sources]]\nid = \"ntm-sn\"\nparent = \"ntm\"\nname = \"Vốn sự nghiệp\"\namount = \"{}\"\n\n[[sources]]\nid = \"cong-dong\"\nname = \"Cộng đồng\"\namount = \"{}.5\"\n\n\
                 [contributions]\nhouseholds = {}\nland_m2 = \"{}\"\nworkdays = {}\nvalue = \"{}.0\"\n",
                a.communes * 300,
                a.communes * 120,
                a.communes * 20,
                a.communes * 17,
                a.communes * 3600,
                a.communes * 110,
                a.communes * 20,
            ),
        );
        write(
            root,
            &format!("{year}/disbursement.toml"),
            &format!(
                "[[items]]\nid = \"dt\"\nname = \"Vốn đầu tư năm {year}\"\nkind = \"investment\"\norigin = \"current\"\nplan = \"{}\"\ndisbursed = \"{}\"\nprojects = {}\n\n\
                 [[items]]\nid = \"sn\"\nname = \"Vốn sự nghiệp năm {year}\"\nkind = \"recurrent\"\norigin = \"current\"\nplan = \"{}\"\n",
                a.communes * 300,
                a.communes * 190,
                a.communes * 3,
                a.communes * 120
            ),
        );
        let mut docs = String::from("number,date,issuer,kind,title\n");
        for d in 1..=30 {
            let _ = writeln!(
                docs,
                "{d}/KH-VPĐP,{year}-{:02}-{:02},Văn phòng Điều phối,Kế hoạch,Văn bản mẫu số {d}",
                (d % 12) + 1,
                (d % 27) + 1
            );
        }
        write(root, &format!("{year}/documents.csv"), &docs);
        let mut plan = format!(
            "year = {}\nincome_per_capita = \"48\"\nocop_products = {}\nvillages_to_standard = {}\n",
            year + 1,
            a.communes / 2,
            a.communes / 3
        );
        for i in (0..a.communes).step_by(3) {
            let n1 = rng.gen_range(1..=19);
            let n2 = rng.gen_range(1..=19);
            let reg = if n1 == n2 {
                format!("[{n1}]")
            } else {
                format!("[{}, {}]", n1.min(n2), n1.max(n2))
            };
            let _ = writeln!(
                plan,
                "\n[[communes]]\ncommune = \"xa-{i:05}\"\nregister = {reg}"
            );
        }
        write(root, &format!("{year}/plan.toml"), &plan);
        for (name, what) in FRAGMENTS {
            write(
                root,
                &format!("{year}/narrative/{name}.md"),
                &format!("Nội dung mẫu về {what} năm {year}.\n\n- Một ý chính.\n- Một ý khác.\n"),
            );
        }
    }
    println!(
        "wrote {} ({} communes, {} villages, {} year(s))",
        root.display(),
        a.communes,
        a.communes * a.villages,
        a.years
    );
}
