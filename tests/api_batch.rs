//! The batch forms of SPEC §3: an array in, an array of `{ ok }` / `{ error: { field, message } }`
//! out, each element exactly what a single call would give or throw.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use icans_calc::api;
use icans_calc::json::Json;
use serde_json::{Value, json};

fn to_json(v: &Value) -> Json {
    serde_json::from_value(v.clone()).unwrap()
}

fn elements(v: Value) -> Vec<Json> {
    v.as_array().unwrap().iter().map(to_json).collect()
}

#[test]
fn each_icans_element_gets_its_own_result_or_its_own_error() {
    let items = elements(json!([
        {"ice": "unarousable"},
        {"ice": {"orientation": 5, "naming": 3, "commands": 1, "writing": 1, "attention": 1}},
        {"ageYears": 8, "capd": "unarousable"},
    ]));
    let out = serde_json::to_value(api::batch(&items, api::grade_icans)).unwrap();
    assert_eq!(out[0]["ok"]["grade"], json!(4));
    assert_eq!(out[0]["ok"]["iceTotal"], json!(0));
    assert_eq!(out[1]["error"]["field"], json!("ice.orientation"));
    assert_eq!(
        out[1]["error"]["message"],
        json!("ice.orientation: must be 0-4, got 5")
    );
    assert!(
        out[1].get("ok").is_none(),
        "a refused element has no result"
    );
    assert_eq!(out[2]["ok"]["tool"], json!("capd"));
    assert_eq!(out[2]["ok"]["grade"], json!(4));
}

#[test]
fn batch_results_equal_single_calls_element_by_element() {
    let inputs = json!([
        {"fever": "present", "oxygen": "nasalCannula", "oxygenLitersPerMin": 6},
        {"fever": "present", "oxygen": "nasalCannula", "oxygenLitersPerMin": 6.5},
        {"temperatureC": 37.9, "hypotension": "multipleVasopressors"},
        {"fever": "present", "temperatureC": 39},
        {},
    ]);
    let items = elements(inputs.clone());
    let batch = serde_json::to_value(api::batch(&items, api::grade_crs)).unwrap();
    for (i, item) in items.iter().enumerate() {
        match api::grade_crs(item) {
            Ok(single) => assert_eq!(batch[i]["ok"], serde_json::to_value(single).unwrap()),
            Err(e) => {
                assert_eq!(batch[i]["error"]["field"], json!(e.field));
                assert_eq!(batch[i]["error"]["message"], json!(e.to_string()));
            }
        }
    }
    assert_eq!(batch[0]["ok"]["grade"], json!(2));
    assert_eq!(batch[1]["ok"]["grade"], json!(3));
    assert_eq!(batch[2]["ok"]["grade"], json!(0));
    assert!(
        batch[3].get("error").is_some(),
        "fever and temperature together"
    );
    assert!(
        batch[4].get("error").is_some(),
        "neither fever nor temperature"
    );
}

#[test]
fn kinetics_batch_keeps_order_and_an_empty_batch_is_empty() {
    let items = elements(json!([
        {"series": {"total": [[14, 77.7], [28, 27.9], [90, 2.5]]}},
        {"series": {"total": [[14, 1], [14, 2]]}},
    ]));
    let out = serde_json::to_value(api::batch(&items, api::kinetics)).unwrap();
    assert_eq!(out[0]["ok"]["series"]["total"]["cmax"], json!(77.7));
    assert!(
        out[1]["error"]["field"]
            .as_str()
            .unwrap()
            .starts_with("series.total")
    );
    let none = serde_json::to_value(api::batch(&[], api::kinetics)).unwrap();
    assert_eq!(none, json!([]));
}
