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

/// `kinetics()` inputs for the series of a PKNCA fixture (tests/fixtures/pknca): `id,time,conc`.
fn pknca_series(csv: &str) -> Vec<Json> {
    let mut by_id: Vec<(String, Vec<String>)> = Vec::new();
    for line in csv.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let cells: Vec<&str> = line.split(',').collect();
        let point = format!("[{},{}]", cells[1], cells[2]);
        match by_id.last_mut() {
            Some((id, points)) if id == cells[0] => points.push(point),
            _ => by_id.push((cells[0].to_string(), vec![point])),
        }
    }
    by_id
        .into_iter()
        .map(|(_, points)| {
            json(&format!(
                r#"{{"series":{{"total":[{}]}},"method":"linear","horizonsDays":[28,90]}}"#,
                points.join(",")
            ))
        })
        .collect()
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
    // The series PKNCA was timed on (BENCHMARKS.md, "Kinetics beside PKNCA"): 100 series of
    // 12 samples (the time is for all 100), one of 200 and one of 1,000 samples.
    let n100 = pknca_series(include_str!("../tests/fixtures/pknca/series_n100.csv"));
    assert_eq!(n100.len(), 100);
    c.bench_function("kinetics (PKNCA 100 series of 12 samples, all 100)", |b| {
        b.iter(|| {
            for input in &n100 {
                black_box(api::kinetics(black_box(input)).unwrap());
            }
        })
    });
    for (name, csv) in [
        (
            "200",
            include_str!("../tests/fixtures/pknca/series_long200.csv"),
        ),
        (
            "1000",
            include_str!("../tests/fixtures/pknca/series_long1000.csv"),
        ),
    ] {
        let input = pknca_series(csv).remove(0);
        c.bench_function(&format!("kinetics (PKNCA {name}-sample series)"), |b| {
            b.iter(|| api::kinetics(black_box(&input)).unwrap())
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
