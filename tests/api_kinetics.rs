//! `kinetics()` through the JSON boundary: shape, defaults, and errors naming series and sample.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use icans_calc::api;
use icans_calc::json::Json;
use serde_json::{Value, json};

fn run(v: Value) -> Result<Value, String> {
    let input: Json = serde_json::from_value(v).unwrap();
    api::kinetics(&input)
        .map(|r| serde_json::to_value(r).unwrap())
        .map_err(|e| e.to_string())
}

#[test]
fn published_points_give_cmax_on_day_14_and_linear_aucs() {
    // Published points only (SPEC §5): (0,0) assumed, 14 -> 77.7, 28 -> 27.9, 90 -> 2.5.
    // AUC0-28 = 14*77.7/2 + 14*(77.7+27.9)/2 = 543.9 + 739.2 = 1283.1
    let r = run(json!({"series": {"total": [[14, 77.7], [28, 27.9], [90, 2.5], [180, 0.76]]}}))
        .unwrap();
    let t = &r["series"]["total"];
    assert_eq!(r["method"], "linear");
    assert_eq!(t["cmax"], 77.7);
    assert_eq!(t["tmax"], 14.0);
    assert_eq!(t["nSamples"], 4);
    assert_eq!(t["auc"][0]["toDay"], 28.0);
    assert!((t["auc"][0]["value"].as_f64().unwrap() - 1283.1).abs() < 1e-9);
    assert_eq!(t["auc"][1]["toDay"], 90.0);
    assert!(
        r["series"].get("cd4").is_none(),
        "only given series are present"
    );
    assert_eq!(r["ratioCd4Cd8"], json!([]));
}

#[test]
fn horizon_after_a_positive_last_sample_is_null_with_reason_and_extrapolation() {
    let r = run(
        json!({"series": {"total": [[0, 0], [7, 128], [14, 64], [21, 32], [28, 16]]},
        "horizonsDays": [90]}),
    )
    .unwrap();
    let a = &r["series"]["total"]["auc"][0];
    assert_eq!(a["value"], Value::Null);
    assert!(a["reason"].as_str().unwrap().len() > 10);
    assert!(a["extrapolated"].is_number());
    assert!((r["series"]["total"]["halfLifeDays"].as_f64().unwrap() - 7.0).abs() < 1e-12);
}

#[test]
fn ratio_on_days_with_both_subsets_null_when_cd8_is_zero() {
    let r =
        run(json!({"series": {"cd4": [[7, 10], [14, 89], [21, 5]], "cd8": [[14, 1], [21, 0]]}}))
            .unwrap();
    assert_eq!(r["ratioCd4Cd8"], json!([[14.0, 89.0], [21.0, null]]));
}

#[test]
fn method_and_horizons_are_configurable() {
    let r = run(
        json!({"series": {"total": [[0, 0], [7, 10], [14, 20], [21, 10], [28, 0]]},
        "method": "linUpLogDown", "horizonsDays": [14, 28]}),
    )
    .unwrap();
    assert_eq!(r["method"], "linUpLogDown");
    assert_eq!(r["series"]["total"]["auc"].as_array().unwrap().len(), 2);
}

#[test]
fn errors_name_the_series_and_the_sample() {
    let nan = Json::object(vec![(
        "series",
        Json::object(vec![(
            "cd4",
            Json::Array(vec![Json::Array(vec![
                Json::Number(3.0),
                Json::Number(f64::NAN),
            ])]),
        )]),
    )]);
    assert_eq!(
        api::kinetics(&nan).unwrap_err().to_string(),
        "series.cd4[0]: value must be a finite number, got NaN (not a number) (day 3)"
    );
    let cases = [
        (json!({"series": {"total": []}}), "series.total: no samples"),
        (
            json!({"series": {"total": [[0, 0], [14, -1]]}}),
            "series.total[1]: value must not be negative, got -1 (day 14)",
        ),
        (
            json!({"series": {"total": [[-1, 3]]}}),
            "series.total[0]: day must not be negative",
        ),
        (
            json!({"series": {"total": [[7, 1], [7, 1]]}}),
            "series.total[1]: day 7 already has a sample",
        ),
        (
            json!({"series": {"cd3": [[7, 1]]}}),
            "series.cd3: unknown field",
        ),
        (json!({"series": {}}), "series: give at least one series"),
        (json!({}), "series: is required"),
        (
            json!({"series": {"total": [[7]]}}),
            "series.total[0]: must be a [day, cells/µL] pair",
        ),
        (
            json!({"series": {"total": [[7, "12"]]}}),
            "series.total[0]: must be a number of cells/µL, got text \"12\"",
        ),
        (
            json!({"series": {"total": [[7, 1]]}, "method": "log"}),
            "method: unknown value \"log\"",
        ),
        (
            json!({"series": {"total": [[7, 1]]}, "horizonsDays": [0]}),
            "horizonsDays[0]: horizon must be more than 0 days",
        ),
        (
            json!({"series": {"total": [[7, 1]]}, "horizonsDays": [28, 28]}),
            "horizonsDays[1]: \"28\" is listed more than once",
        ),
        (
            json!({"series": {"total": [[7, 1]]}, "horizonsDays": []}),
            "horizonsDays: list at least one horizon",
        ),
        (
            json!({"series": {"total": [[7, 1]]}, "extra": 1}),
            "extra: unknown field",
        ),
    ];
    for (input, expected) in cases {
        match run(input.clone()) {
            Ok(_) => panic!("{input} should fail"),
            Err(msg) => assert!(
                msg.starts_with(expected),
                "{input}: expected {expected:?}, got {msg:?}"
            ),
        }
    }
}
