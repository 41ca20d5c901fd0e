//! Criterion benchmarks of the whole build ([`ntm_report::compile::compile`]) and of the
//! pipeline's stages on one data folder.
//!
//! ```sh
//! cargo bench --bench stages                                  # the shipped Phong Thổ data
//! NTM_BENCH_DATA=/tmp/synth-1000 NTM_BENCH_YEAR=2023 cargo bench --bench stages
//! ```
//! Make a large folder first with `cargo run --release --example synth -- --communes 1000
//! --villages-per-commune 10 --years 2 --seed 1 --out /tmp/synth-1000`.

use criterion::{Criterion, criterion_group, criterion_main};
use ntm_report::diagnostic::Diagnostics;
use ntm_report::load::DataDir;
use ntm_report::report::templates::Templates;
use ntm_report::{aggregate, compile, render, report, validate};
use std::hint::black_box;

fn stages(c: &mut Criterion) {
    let data = std::env::var("NTM_BENCH_DATA").unwrap_or_else(|_| "data".into());
    let year: i32 = std::env::var("NTM_BENCH_YEAR")
        .ok()
        .and_then(|y| y.parse().ok())
        .unwrap_or(2023);
    let files = DataDir::new(&data);
    let input = compile::Input::new(&files, year);
    let ds = compile::facts(&files, year)
        .output
        .expect("valid benchmark data")
        .dataset;
    let built = compile::compile(&input).output.expect("report");
    let (facts, doc) = (&built.facts, built.document());
    let templates = Templates::default();

    let mut g = c.benchmark_group(format!("stages/{}", ds.communes.len()));
    g.sample_size(10);
    g.bench_function("compile", |b| {
        b.iter(|| compile::compile(black_box(&input)))
    });
    g.bench_function("load+validate", |b| {
        b.iter(|| validate::dataset(black_box(&files), year, &mut Diagnostics::new()))
    });
    g.bench_function("evaluate+aggregate", |b| {
        b.iter(|| aggregate::facts(black_box(&ds)))
    });
    g.bench_function("report model", |b| {
        b.iter(|| {
            report::compile(
                black_box(facts),
                &ds.current.narrative,
                &templates,
                &mut Diagnostics::new(),
            )
        })
    });
    g.bench_function("write json", |b| {
        b.iter(|| render::json::facts(black_box(facts)))
    });
    g.bench_function("write markdown", |b| {
        b.iter(|| {
            let mut n = render::markdown::report(black_box(&doc)).len();
            for a in &doc.appendices {
                n += render::markdown::appendix(&doc, a).len();
            }
            n
        })
    });
    g.bench_function("write docx", |b| {
        b.iter(|| render::docx::docx(black_box(&doc)))
    });
    g.bench_function("write xlsx", |b| {
        b.iter(|| render::xlsx::xlsx(black_box(facts), &doc))
    });
    g.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
