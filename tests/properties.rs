//! Property tests for the invariants of the house style (`shared/house-style.md`), and a
//! randomized smoke test that feeds broken bytes to the entry points of the fuzz targets
//! (`fuzz/src/lib.rs`, included below) with a fixed seed: it must never panic.
//!
//! - raising a value never turns a met `>=` indicator into not met (lowering, for `<=`),
//!   for one indicator and for a whole commune;
//! - the average equals the sum of the counts over the number of communes, rounded half
//!   away from zero to two decimals, exactly;
//! - every printed count equals the length of the list printed beside it;
//! - decimals read back as they were printed.

#[path = "../fuzz/src/lib.rs"]
mod entry;

use ntm_report::dataset::{Dataset, IndicatorValue};
use ntm_report::diagnostic::Diagnostics;
use ntm_report::load::{DataDir, MemoryFiles};
use ntm_report::number::{DecimalSeparator, parse_decimal, plain, vi, vi_fixed};
use ntm_report::ruleset::{self, Comparator, Indicator, Kind, Ruleset};
use ntm_report::{aggregate, compile, evaluate, render};
use proptest::prelude::*;
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::sync::OnceLock;

fn rulesets() -> &'static [Ruleset] {
    static SETS: OnceLock<Vec<Ruleset>> = OnceLock::new();
    SETS.get_or_init(|| {
        ruleset::BUILTIN
            .iter()
            .map(|(id, _, _)| {
                let mut d = Diagnostics::new();
                ruleset::parse_builtin(id, &mut d).expect("valid")
            })
            .collect()
    })
}

/// The measured indicators of the built-in rulesets, with their set's categories.
fn measured() -> Vec<(&'static Indicator, Vec<String>)> {
    rulesets()
        .iter()
        .flat_map(|r| {
            let mut cats: Vec<String> = r.categories.iter().map(|c| c.id.clone()).collect();
            if cats.is_empty() {
                // A set without categories: its thresholds apply to every commune.
                cats.push(String::new());
            }
            r.indicators()
                .filter(|i| i.comparator.is_some())
                .map(move |i| (i, cats.clone()))
        })
        .collect()
}

/// A fixed number of cases and, unless `PROPTEST_RNG_SEED` says otherwise, a fixed seed, so
/// CI runs the same cases every time; failures are shown, not saved to files.
fn config(cases: u32) -> ProptestConfig {
    use proptest::test_runner::RngSeed;
    let default = ProptestConfig::default();
    ProptestConfig {
        cases: match std::env::var_os("PROPTEST_CASES") {
            Some(_) => default.cases,
            None => cases,
        },
        failure_persistence: None,
        rng_seed: match default.rng_seed {
            RngSeed::Random => RngSeed::Fixed(0x4E54_4D00_2023),
            chosen => chosen,
        },
        ..default
    }
}

fn decimal() -> impl Strategy<Value = Decimal> {
    (-2_000_000i64..2_000_000, 0u32..4).prop_map(|(m, s)| Decimal::new(m, s))
}

fn non_negative() -> impl Strategy<Value = Decimal> {
    (0i64..2_000_000, 0u32..4).prop_map(|(m, s)| Decimal::new(m, s))
}

/// Whether an indicator holds for a value; ratios get the value as numerator over 1000.
fn met(ind: &Indicator, x: Decimal, category: &str, year: i32) -> Option<bool> {
    let v = match ind.kind {
        Kind::Ratio => IndicatorValue::Ratio {
            numerator: x,
            denominator: Decimal::new(1000, 0),
        },
        _ => IndicatorValue::Scalar(x),
    };
    evaluate::indicator(ind, Some(&v), category, year).met
}

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn raising_a_value_never_unmeets_an_at_least_indicator(
        pick in any::<prop::sample::Index>(),
        cat in any::<prop::sample::Index>(),
        year in 2022i32..=2025,
        a in non_negative(),
        b in non_negative(),
    ) {
        let all = measured();
        let (ind, cats) = &all[pick.index(all.len())];
        let category = &cats[cat.index(cats.len())];
        let (low, high) = if a <= b { (a, b) } else { (b, a) };
        let (m_low, m_high) = (met(ind, low, category, year), met(ind, high, category, year));
        match ind.comparator.unwrap() {
            Comparator::AtLeast | Comparator::Above => {
                prop_assert!(!(m_low == Some(true) && m_high == Some(false)),
                    "{} {:?}: met at {low}, not at {high}", ind.id, ind.comparator);
            }
            Comparator::AtMost | Comparator::Below => {
                prop_assert!(!(m_high == Some(true) && m_low == Some(false)),
                    "{} {:?}: met at {high}, not at {low}", ind.id, ind.comparator);
            }
            Comparator::Equal => {}
        }
    }

    #[test]
    fn parse_reads_back_what_format_prints(x in decimal(), decimals in 0u32..4) {
        let p = DecimalSeparator::Point;
        prop_assert_eq!(parse_decimal(&x.to_string(), p), Some(x));
        let rounded = parse_decimal(&plain(x, decimals), p).unwrap();
        prop_assert_eq!(rounded, ntm_report::number::round(x, decimals));
        // The Vietnamese form: thousands dots out, the decimal comma read as such.
        let c = DecimalSeparator::Comma;
        prop_assert_eq!(parse_decimal(&vi(x).replace('.', ""), c), Some(x.normalize()));
        prop_assert_eq!(parse_decimal(&vi_fixed(x, decimals).replace('.', ""), c), Some(rounded));
    }
}

// ---- a whole commune: raising its values never lowers what it meets ----------------------

fn phong_tho() -> &'static Dataset {
    static DS: OnceLock<Dataset> = OnceLock::new();
    DS.get_or_init(|| {
        let files = DataDir::new(concat!(env!("CARGO_MANIFEST_DIR"), "/data"));
        compile::facts(&files, 2023)
            .output
            .expect("the shipped data is valid")
            .dataset
    })
}

/// Moves every measured value of a commune in the favourable direction by `step` (or the
/// unfavourable one when `worse`), keeping it inside its domain.
fn shift(ds: &Dataset, ci: usize, step: Decimal, worse: bool) -> Vec<u32> {
    let mut data = ds.current.communes[ci].clone();
    for (id, v) in data.indicators.iter_mut() {
        let ind = ds.commune_rules.indicator(id).unwrap();
        let up = matches!(
            ind.comparator,
            Some(Comparator::AtLeast | Comparator::Above)
        ) != worse;
        let move_by = |x: Decimal, cap: Option<Decimal>| {
            let y = if up {
                x + step
            } else {
                (x - step).max(Decimal::ZERO)
            };
            cap.map_or(y, |c| y.min(c))
        };
        *v = match v.clone() {
            IndicatorValue::Scalar(x) if matches!(ind.comparator, Some(Comparator::Equal)) => {
                IndicatorValue::Scalar(x)
            }
            IndicatorValue::Scalar(x) => {
                let cap = (ind.kind == Kind::Percent).then_some(Decimal::ONE_HUNDRED);
                IndicatorValue::Scalar(move_by(x, cap))
            }
            IndicatorValue::Ratio {
                numerator,
                denominator,
            } => IndicatorValue::Ratio {
                numerator: move_by(numerator, Some(denominator)),
                denominator,
            },
            other => other,
        };
    }
    let c = &ds.communes[ci];
    let r = evaluate::commune(&ds.commune_rules, c, &data, 2023);
    r.criteria
        .iter()
        .filter(|c| c.computed == Some(true))
        .map(|c| c.number)
        .collect()
}

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn raising_a_communes_values_never_loses_a_computed_criterion(
        commune in any::<prop::sample::Index>(),
        step in (1i64..50_000, 0u32..3).prop_map(|(m, s)| Decimal::new(m, s)),
    ) {
        let ds = phong_tho();
        let ci = commune.index(ds.communes.len());
        let base = shift(ds, ci, Decimal::ZERO, false);
        let better = shift(ds, ci, step, false);
        let worse = shift(ds, ci, step, true);
        for n in &base {
            prop_assert!(better.contains(n), "criterion {n} lost by improving: {better:?}");
        }
        for n in &worse {
            prop_assert!(base.contains(n), "criterion {n} gained by worsening: {base:?}");
        }
    }
}

// ---- counts, lists and the average, on random districts --------------------------------------

/// A data folder in memory: `met[i]` is the set of criteria commune `i` declares met (bit
/// `n - 1` for criterion `n`); every other criterion is declared not met.
fn district(met: &[u32]) -> MemoryFiles {
    let mut files = MemoryFiles::default();
    let base: BTreeMap<&str, &str> = entry::BASE.iter().copied().collect();
    let config = base["ntm.toml"]
        .replace("\"rulesets/xa.toml\"", "\"lai-chau-xa-1285\"")
        .replace("village = \"rulesets/ban.toml\"\n", "");
    files.files.insert("ntm.toml".into(), config);
    files
        .files
        .insert("2023/report.toml".into(), base["2023/report.toml"].into());
    let mut roster = String::from("id,name,category\n");
    for (i, bits) in met.iter().enumerate() {
        let id = format!("xa-{i:02}");
        let category = if i % 3 == 0 { "dbkk" } else { "thuong" };
        roster += &format!("{id},Xã Số {i},{category}\n");
        let (yes, no): (Vec<u32>, Vec<u32>) = (1..=19).partition(|n| bits & (1 << (n - 1)) != 0);
        let list = |v: &[u32]| v.iter().map(u32::to_string).collect::<Vec<_>>().join(", ");
        files.files.insert(
            format!("2023/communes/{id}.toml"),
            format!(
                "commune = \"{id}\"\n[declared]\nmet = [{}]\nnot_met = [{}]\n",
                list(&yes),
                list(&no)
            ),
        );
    }
    files.files.insert("communes.csv".into(), roster);
    files
}

/// `total / n` to two decimals, half away from zero, in integers.
fn expected_average(total: u64, n: u64) -> String {
    let hundredths = (2 * total * 100 + n) / (2 * n);
    format!("{}.{:02}", hundredths / 100, hundredths % 100)
}

proptest! {
    #![proptest_config(config(48))]

    #[test]
    fn counts_lists_and_the_average_agree(met in prop::collection::vec(0u32..(1 << 19), 1..24)) {
        let files = district(&met);
        let built = compile::compile(&compile::Input::new(&files, 2023));
        prop_assert!(built.output.is_some(), "{:?}", built.diagnostics.sorted());
        let built = built.output.unwrap();
        let facts = &built.facts;
        let n = met.len();
        let total: u64 = met.iter().map(|b| u64::from(b.count_ones())).sum();
        prop_assert_eq!(u64::from(facts.total_criteria_met), total);
        prop_assert_eq!(facts.average_criteria_per_commune.to_string(), expected_average(total, n as u64));
        for c in &facts.criteria {
            let holders = met.iter().filter(|b| *b & (1 << (c.number - 1)) != 0).count();
            prop_assert_eq!(c.count, c.communes_met.len());
            prop_assert_eq!(c.count, holders);
            prop_assert_eq!(c.communes_met.len() + c.communes_not_met.len(), n);
        }
        let mut in_classes = 0;
        for class in &facts.classes {
            prop_assert_eq!(class.count, class.communes.len());
            in_classes += class.count;
        }
        prop_assert_eq!(in_classes, n, "each commune in exactly one class");

        // What the report prints: "04/16 xã … (A, B, C, D)" — the count is the list's length;
        // "14/16 xã … (trừ A, B)" names the others; "16/16 xã" names nobody.
        let md = render::markdown::report(&built.document());
        let re = regex::Regex::new(r"(\d+)/(\d+) xã([^.;()]*)\((trừ )?([^)]*)\)").unwrap();
        for cap in re.captures_iter(&md) {
            let count: usize = cap[1].parse().unwrap();
            let names = cap[5].split(", ").filter(|s| !s.is_empty()).count();
            let named = if cap.get(4).is_some() { n - count } else { count };
            prop_assert_eq!(named, names, "in: {}", &cap[0]);
            prop_assert!(count < n, "all {} named in: {}", n, &cap[0]);
            prop_assert_eq!(cap[2].parse::<usize>().unwrap(), n);
        }
        // Each criterion's sentence: with its names unless every commune or none meets it.
        for c in &facts.criteria {
            let sentence = format!("xã đạt tiêu chí về {}", c.name);
            let at = md.find(&sentence);
            prop_assert!(at.is_some() || c.count == 0, "criterion {} reported", c.number);
            if let Some(at) = at {
                let rest = &md[at + sentence.len()..];
                prop_assert_eq!(rest.starts_with(" ("), c.count < n, "criterion {}", c.number);
            }
        }
    }
}

#[test]
fn the_average_rounds_half_away_from_zero() {
    // 177 / 16 = 11.0625 → 11.06; 1 / 8 = 0.125 → 0.13 (banker's rounding would give 0.12).
    assert_eq!(aggregate::average(177, 16).to_string(), "11.06");
    assert_eq!(aggregate::average(1, 8).to_string(), "0.13");
    assert_eq!(expected_average(1, 8), "0.13");
    assert_eq!(aggregate::average(5, 8).to_string(), "0.63");
    assert_eq!(aggregate::average(13, 1).to_string(), "13.00");
}

// ---- randomized smoke test of the fuzz entry points ---------------------------------------

/// xorshift64*: a fixed, dependency-free generator, so every run feeds the same bytes.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Pieces that tend to matter to TOML, CSV and number parsers.
const TOKENS: &[&str] = &[
    "\"",
    "'",
    ",",
    ";",
    "\n",
    "\r\n",
    "=",
    "[",
    "]",
    "[[",
    "{",
    "}",
    "-",
    ".",
    "0",
    "_",
    "\"\"\"",
    "99999999999999999999999999999999",
    "1e9",
    "-0",
    "Huổi",
    "o\u{302}\u{309}",
    "\u{feff}",
    "\u{0}",
    "đạt",
    "không áp dụng",
    "x",
    "2023-02-29",
    "nan",
    "inf",
    " ",
    "\t",
    "#",
    "\\",
    "\u{1F600}",
];

/// A valid input broken in a few random ways, or random bytes.
fn mutate(rng: &mut Rng, valid: &[u8]) -> Vec<u8> {
    if rng.below(10) == 0 {
        let len = rng.below(300);
        return (0..len).map(|_| rng.next() as u8).collect();
    }
    let mut b = valid.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(b.len() + 1);
        match rng.below(6) {
            0 if at < b.len() => b[at] = rng.next() as u8,
            1 => {
                let t = TOKENS[rng.below(TOKENS.len())];
                b.splice(at..at, t.bytes());
            }
            2 if at < b.len() => {
                let end = (at + rng.below(12)).min(b.len());
                b.drain(at..end);
            }
            3 => b.truncate(at),
            4 => {
                let end = (at + rng.below(40)).min(b.len());
                let piece = b[at..end].to_vec();
                b.splice(at..at, piece);
            }
            _ => b.insert(at.min(b.len()), rng.next() as u8),
        }
    }
    b
}

fn base(rel: &str) -> &'static [u8] {
    entry::BASE
        .iter()
        .find(|(n, _)| *n == rel)
        .expect("in the base")
        .1
        .as_bytes()
}

#[test]
fn random_commune_files_never_panic() {
    let mut rng = Rng(0x5EED_0001);
    for _ in 0..3000 {
        entry::commune_toml(&mutate(&mut rng, base("2023/communes/an-binh.toml")));
    }
}

#[test]
fn random_csv_tables_never_panic() {
    let mut rng = Rng(0x5EED_0002);
    for i in 0..3000 {
        let which = i % entry::CSV_FILES.len();
        let mut input = vec![which as u8];
        input.extend(mutate(&mut rng, base(entry::CSV_FILES[which])));
        entry::csv_tables(&input);
    }
}

#[test]
fn random_decimals_never_panic_and_read_back() {
    let mut rng = Rng(0x5EED_0003);
    for _ in 0..20_000 {
        let seed = [
            "98.70",
            "-1_000.5",
            "71,2",
            "0",
            "79228162514264337593543950335",
        ];
        let s = seed[rng.below(seed.len())].as_bytes();
        entry::decimal(&mutate(&mut rng, s));
    }
}

#[test]
fn the_regressions_the_fuzzers_found_stay_fixed() {
    // Inputs that once crashed a target live in fuzz/regressions/<target>/; each must now
    // pass without a panic.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    for (target, run) in [
        ("commune_toml", entry::commune_toml as fn(&[u8])),
        ("csv_tables", entry::csv_tables),
        ("parse_decimal", entry::decimal),
    ] {
        for file in std::fs::read_dir(dir.join(target))
            .into_iter()
            .flatten()
            .flatten()
        {
            run(&std::fs::read(file.path()).unwrap());
        }
    }
}
