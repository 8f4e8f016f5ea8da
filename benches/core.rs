//! Core speed on the host (criterion). `bash scripts/bench.sh` runs this and the in-browser
//! page benchmark and records both in BENCHMARKS.md; the same workloads run in wasm there, which
//! gives the wasm-vs-host ratio.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use criterion::{Criterion, criterion_group, criterion_main};
use icans_calc::api;
use icans_calc::json::Json;
use std::hint::black_box;

fn json(text: &str) -> Json {
    serde_json::from_str(text).unwrap()
}

/// The benchmark workloads, shared in spirit with tests/bench/page_bench.mjs (same inputs).
pub fn series_json(n: usize) -> Json {
    // A CAR-T-like curve: rise to day 14, then a slow decline; one sample every 0.5 day.
    let points: Vec<String> = (0..n)
        .map(|i| {
            let day = i as f64 * 0.5;
            let value = if day <= 14.0 {
                77.7 * day / 14.0
            } else {
                77.7 * (-(day - 14.0) / 20.0).exp()
            };
            format!("[{day},{value}]")
        })
        .collect();
    json(&format!(
        r#"{{"series":{{"total":[{}]}}}}"#,
        points.join(",")
    ))
}

fn bench(c: &mut Criterion) {
    let icans = json(
        r#"{"ageYears":39,"ice":{"orientation":1,"naming":1,"commands":0,"writing":0,"attention":0},
            "consciousness":"awakensToVoice","seizure":"none","motor":"none","icpEdema":"none"}"#,
    );
    c.bench_function("gradeIcans (full assessment, JSON in and out)", |b| {
        b.iter(|| api::grade_icans(black_box(&icans)).unwrap())
    });
    let crs = json(
        r#"{"fever":"present","hypotension":"oneVasopressor","oxygen":"nasalCannula","oxygenLitersPerMin":6}"#,
    );
    c.bench_function("gradeCrs", |b| {
        b.iter(|| api::grade_crs(black_box(&crs)).unwrap())
    });
    for n in [200usize, 1000] {
        let input = series_json(n);
        c.bench_function(&format!("kinetics ({n} points)"), |b| {
            b.iter(|| api::kinetics(black_box(&input)).unwrap())
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
