//! `hematotox` through the JSON boundary: every cut-off on both sides, CRP units, plausibility
//! errors that point at the unit, and exact unit round trips.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use icans_calc::api;
use icans_calc::json::Json;
use icans_calc::units;
use proptest::prelude::*;
use serde_json::{Value, json};

fn run(v: Value) -> Result<Value, String> {
    let input: Json = serde_json::from_value(v).unwrap();
    api::hematotox(&input)
        .map(|r| serde_json::to_value(r).unwrap())
        .map_err(|e| e.to_string())
}

/// All five at 0 points.
fn normal() -> Value {
    json!({"plateletsPerUl": 250000, "ancPerUl": 3000, "hbGPerDl": 13.5,
           "crpMgPerDl": 0.5, "ferritinNgPerMl": 300})
}

fn with(key: &str, value: f64) -> Value {
    let mut v = normal();
    if key == "crpMgPerL" {
        v.as_object_mut().unwrap().remove("crpMgPerDl");
    }
    v[key] = json!(value);
    v
}

fn points(key: &str, value: f64, variable: &str) -> u64 {
    run(with(key, value)).unwrap()["points"][variable]
        .as_u64()
        .unwrap()
}

// ---------- result shape ----------

#[test]
fn all_normal_is_score_0_low_with_the_spec_fields() {
    let r = run(normal()).unwrap();
    assert_eq!(r["score"], 0);
    assert_eq!(r["risk"], "low");
    assert_eq!(
        r["points"],
        json!({"platelets": 0, "anc": 0, "hb": 0, "crp": 0, "ferritin": 0})
    );
    assert!(r["source"].as_str().unwrap().contains("Rejeski"));
    assert_eq!(r["findings"].as_array().unwrap().len(), 5);
    assert_eq!(r["findings"][0]["band"], "> 175\u{202f}000 /µL");
    assert_eq!(r["values"]["crpMgPerDl"], 0.5);
    assert_eq!(r["values"]["crpUnitEntered"], "mg/dL");
}

#[test]
fn score_1_is_low_and_2_is_high() {
    let r = run(with("ancPerUl", 1200.0)).unwrap();
    assert_eq!(
        (r["score"].clone(), r["risk"].clone()),
        (json!(1), json!("low"))
    );
    let r = run(with("plateletsPerUl", 74_999.0)).unwrap();
    assert_eq!(
        (r["score"].clone(), r["risk"].clone()),
        (json!(2), json!("high"))
    );
}

#[test]
fn maximum_score_is_7() {
    let r = run(
        json!({"plateletsPerUl": 20000, "ancPerUl": 100, "hbGPerDl": 7.2,
                       "crpMgPerL": 340, "ferritinNgPerMl": 8000}),
    )
    .unwrap();
    assert_eq!(r["score"], 7);
    assert_eq!(r["risk"], "high");
    assert_eq!(r["values"]["crpMgPerDl"], 34.0);
    assert_eq!(r["values"]["crpUnitEntered"], "mg/L");
}

// ---------- both sides of every cut-off ----------

#[test]
fn platelets_175_001_is_0() {
    assert_eq!(points("plateletsPerUl", 175_001.0, "platelets"), 0);
}

#[test]
fn platelets_175_000_is_1() {
    assert_eq!(points("plateletsPerUl", 175_000.0, "platelets"), 1);
}

#[test]
fn platelets_75_000_is_1() {
    assert_eq!(points("plateletsPerUl", 75_000.0, "platelets"), 1);
}

#[test]
fn platelets_74_999_is_2() {
    assert_eq!(points("plateletsPerUl", 74_999.0, "platelets"), 2);
}

#[test]
fn anc_1201_is_0() {
    assert_eq!(points("ancPerUl", 1201.0, "anc"), 0);
}

#[test]
fn anc_1200_is_1() {
    assert_eq!(points("ancPerUl", 1200.0, "anc"), 1);
}

#[test]
fn hb_9_1_is_0() {
    assert_eq!(points("hbGPerDl", 9.1, "hb"), 0);
}

#[test]
fn hb_9_0_is_1() {
    assert_eq!(points("hbGPerDl", 9.0, "hb"), 1);
}

#[test]
fn crp_2_99_mg_per_dl_is_0() {
    assert_eq!(points("crpMgPerDl", 2.99, "crp"), 0);
}

#[test]
fn crp_3_0_mg_per_dl_is_1() {
    assert_eq!(points("crpMgPerDl", 3.0, "crp"), 1);
}

#[test]
fn crp_30_mg_per_l_is_3_0_mg_per_dl_and_1_point() {
    let r = run(with("crpMgPerL", 30.0)).unwrap();
    assert_eq!(r["points"]["crp"], 1);
    assert_eq!(r["values"]["crpMgPerDl"], 3.0);
}

#[test]
fn crp_29_9_mg_per_l_is_0() {
    assert_eq!(points("crpMgPerL", 29.9, "crp"), 0);
}

#[test]
fn ferritin_649_is_0() {
    assert_eq!(points("ferritinNgPerMl", 649.0, "ferritin"), 0);
}

#[test]
fn ferritin_650_is_1() {
    assert_eq!(points("ferritinNgPerMl", 650.0, "ferritin"), 1);
}

#[test]
fn ferritin_2000_is_1() {
    assert_eq!(points("ferritinNgPerMl", 2000.0, "ferritin"), 1);
}

#[test]
fn ferritin_2001_is_2() {
    assert_eq!(points("ferritinNgPerMl", 2001.0, "ferritin"), 2);
}

// ---------- units from the page ----------

#[test]
fn page_units_convert_to_the_api_units_on_the_right_side_of_the_cut_offs() {
    // 175 ×10^9/L = 175,000 /µL (1 point); 16.1 ×10^9/L = 16,100 /µL exactly.
    assert_eq!(units::per_ul_from_e9_per_l(175.0), 175_000.0);
    assert_eq!(
        points(
            "plateletsPerUl",
            units::per_ul_from_e9_per_l(175.0),
            "platelets"
        ),
        1
    );
    assert_eq!(units::per_ul_from_e9_per_l(16.1), 16_100.0);
    // 90 g/L = 9.0 g/dL (1 point); 91 g/L = 9.1 g/dL (0 points).
    assert_eq!(
        points("hbGPerDl", units::g_per_dl_from_g_per_l(90.0), "hb"),
        1
    );
    assert_eq!(
        points("hbGPerDl", units::g_per_dl_from_g_per_l(91.0), "hb"),
        0
    );
    // 1.2 ×10^9/L ANC = 1200 /µL (1 point).
    assert_eq!(
        points("ancPerUl", units::per_ul_from_e9_per_l(1.2), "anc"),
        1
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10_000))]

    /// Any value typed with up to 15 significant digits converts to exactly the value typed in
    /// the other unit, and back to itself.
    #[test]
    fn unit_round_trips_are_exact(mantissa in 1u64..1_000_000_000_000_000, exponent in -8i32..6) {
        let typed: f64 = format!("{mantissa}e{exponent}").parse().unwrap();
        let times_1000: f64 = format!("{mantissa}e{}", exponent + 3).parse().unwrap();
        let over_10: f64 = format!("{mantissa}e{}", exponent - 1).parse().unwrap();
        prop_assert_eq!(units::per_ul_from_e9_per_l(typed), times_1000);
        prop_assert_eq!(units::e9_per_l_from_per_ul(times_1000), typed);
        prop_assert_eq!(units::g_per_dl_from_g_per_l(typed), over_10);
        prop_assert_eq!(units::g_per_l_from_g_per_dl(over_10), typed);
        prop_assert_eq!(units::mg_per_dl_from_mg_per_l(typed), over_10);
        prop_assert_eq!(units::mg_per_l_from_mg_per_dl(over_10), typed);
    }
}

// ---------- errors ----------

#[test]
fn implausible_values_suggest_the_unit_is_wrong() {
    let cases = [
        (
            with("plateletsPerUl", 150.0),
            "plateletsPerUl: must be 1000-2000000 /µL, got 150; is the unit right? platelets are entered per µL",
        ),
        (
            with("plateletsPerUl", 2_000_001.0),
            "plateletsPerUl: must be 1000-2000000 /µL, got 2000001; is the unit right?",
        ),
        (
            with("ancPerUl", 100_001.0),
            "ancPerUl: must be 0-100000 /µL, got 100001; is the unit right? ANC is entered per µL",
        ),
        (
            with("ancPerUl", -1.0),
            "ancPerUl: must be 0-100000 /µL, got -1",
        ),
        (
            with("hbGPerDl", 90.0),
            "hbGPerDl: must be 2-25 g/dL, got 90; is the unit right? haemoglobin is entered in g/dL (10 g/L = 1 g/dL",
        ),
        (
            with("hbGPerDl", 1.9),
            "hbGPerDl: must be 2-25 g/dL, got 1.9",
        ),
        (
            with("crpMgPerDl", 340.0),
            "crpMgPerDl: must be 0-100 mg/dL, got 340; is the unit right? this field is CRP in mg/dL (10 mg/L = 1 mg/dL); for a value in mg/L use crpMgPerL",
        ),
        (
            with("crpMgPerL", 1001.0),
            "crpMgPerL: must be 0-1000 mg/L, got 1001; is the unit right?",
        ),
        (
            with("ferritinNgPerMl", 200_001.0),
            "ferritinNgPerMl: must be 0-200000 ng/mL, got 200001; is the unit right?",
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

#[test]
fn plausibility_edges_are_accepted() {
    for (key, value) in [
        ("plateletsPerUl", 1_000.0),
        ("plateletsPerUl", 2_000_000.0),
        ("ancPerUl", 0.0),
        ("ancPerUl", 100_000.0),
        ("hbGPerDl", 2.0),
        ("hbGPerDl", 25.0),
        ("crpMgPerDl", 0.0),
        ("crpMgPerDl", 100.0),
        ("crpMgPerL", 1000.0),
        ("ferritinNgPerMl", 0.0),
        ("ferritinNgPerMl", 200_000.0),
    ] {
        assert!(run(with(key, value)).is_ok(), "{key} {value}");
    }
}

#[test]
fn exactly_one_crp_field() {
    let mut both = normal();
    both["crpMgPerL"] = json!(5);
    assert_eq!(
        run(both).unwrap_err(),
        "crpMgPerL: cannot be given together with crpMgPerDl: give CRP once, in mg/dL or in mg/L"
    );
    let mut neither = normal();
    neither.as_object_mut().unwrap().remove("crpMgPerDl");
    assert_eq!(
        run(neither).unwrap_err(),
        "crpMgPerDl: one of crpMgPerDl or crpMgPerL is required"
    );
    let mut null_one = normal();
    null_one["crpMgPerL"] = Value::Null;
    assert!(run(null_one).is_ok(), "null counts as absent");
}

#[test]
fn missing_wrong_type_and_unknown_fields() {
    let mut missing = normal();
    missing.as_object_mut().unwrap().remove("ferritinNgPerMl");
    assert_eq!(run(missing).unwrap_err(), "ferritinNgPerMl: is required");
    let mut text = normal();
    text["hbGPerDl"] = json!("9,5");
    assert_eq!(
        run(text).unwrap_err(),
        "hbGPerDl: must be a number, got text \"9,5\""
    );
    let mut unknown = normal();
    unknown["hbGPerL"] = json!(95);
    assert!(
        run(unknown)
            .unwrap_err()
            .starts_with("hbGPerL: unknown field; expected one of: plateletsPerUl, ancPerUl, hbGPerDl, crpMgPerDl, crpMgPerL, ferritinNgPerMl")
    );
}

#[test]
fn infinite_value_is_rejected_by_name() {
    let input = Json::object(vec![
        ("plateletsPerUl", Json::Number(f64::INFINITY)),
        ("ancPerUl", Json::Number(3000.0)),
        ("hbGPerDl", Json::Number(13.0)),
        ("crpMgPerDl", Json::Number(0.5)),
        ("ferritinNgPerMl", Json::Number(300.0)),
    ]);
    assert_eq!(
        api::hematotox(&input).unwrap_err().to_string(),
        "plateletsPerUl: must be a finite number, got Infinity"
    );
}
