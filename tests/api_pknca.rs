//! `kinetics()` on the 100 CAR-T-like series that PKNCA 0.12.1 analysed
//! (tests/fixtures/pknca/README.md): every mapped value agrees to 1e-9 relative.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use icans_calc::api;
use icans_calc::json::{Json, parse_text};
use std::collections::BTreeMap;

const SERIES: &str = include_str!("fixtures/pknca/series_n100.csv");
const RESULTS: &str = include_str!("fixtures/pknca/pknca_results_n100.csv");

/// Rows of a CSV of numbers with a quoted header; `NA` is `None`.
fn rows(text: &str) -> (Vec<String>, Vec<Vec<Option<f64>>>) {
    let mut lines = text.lines();
    let header = lines
        .next()
        .unwrap()
        .split(',')
        .map(|h| h.trim_matches('"').to_string())
        .collect();
    let rows = lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split(',').map(|c| c.parse::<f64>().ok()).collect())
        .collect();
    (header, rows)
}

/// Each series' samples by id, as `kinetics()` input text.
fn pknca_inputs() -> BTreeMap<u32, String> {
    let (_, rows) = rows(SERIES);
    let mut by_id: BTreeMap<u32, Vec<String>> = BTreeMap::new();
    for r in rows {
        let (id, day, value) = (r[0].unwrap() as u32, r[1].unwrap(), r[2].unwrap());
        by_id
            .entry(id)
            .or_default()
            .push(format!("[{day},{value}]"));
    }
    by_id
        .into_iter()
        .map(|(id, points)| {
            (
                id,
                format!(
                    r#"{{"series":{{"total":[{}]}},"method":"linear","horizonsDays":[28,90]}}"#,
                    points.join(",")
                ),
            )
        })
        .collect()
}

fn number(v: &Json, path: &[&str]) -> Option<f64> {
    let mut at = v;
    for key in path {
        at = match (at, key.parse::<usize>()) {
            (Json::Array(items), Ok(i)) => items.get(i)?,
            _ => at.get(key)?,
        };
    }
    match at {
        Json::Number(x) => Some(*x),
        _ => None,
    }
}

#[test]
fn kinetics_agrees_with_pknca_on_100_series() {
    let inputs = pknca_inputs();
    assert_eq!(inputs.len(), 100);
    let (header, expected) = rows(RESULTS);
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let mapping: [(&str, &[&str]); 7] = [
        ("cmax", &["series", "total", "cmax"]),
        ("tmax", &["series", "total", "tmax"]),
        ("aucint.all.0.28", &["series", "total", "auc", "0", "value"]),
        ("aucint.all.0.90", &["series", "total", "auc", "1", "value"]),
        ("lambda.z", &["series", "total", "lambdaZ"]),
        ("half.life", &["series", "total", "halfLifeDays"]),
        ("aucinf.obs", &["series", "total", "aucInf"]),
    ];
    let mut compared = 0;
    for row in expected {
        let id = row[column("id")].unwrap() as u32;
        let result = api::kinetics(&parse_text(&inputs[&id]).unwrap()).unwrap();
        let text = icans_calc::json::to_text(&result).unwrap().text;
        let ours = parse_text(&text).unwrap();
        for (pknca, path) in mapping {
            let want = row[column(pknca)];
            let got = number(&ours, path);
            match (got, want) {
                (Some(g), Some(w)) => assert!(
                    (g - w).abs() <= 1e-9 * w.abs().max(1e-300),
                    "series {id} {pknca}: {g} vs PKNCA {w}"
                ),
                (None, None) => {}
                _ => panic!("series {id} {pknca}: {got:?} vs PKNCA {want:?}"),
            }
            compared += 1;
        }
    }
    assert_eq!(compared, 700);
}
