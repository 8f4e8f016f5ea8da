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

/// `api::batch_text` (the wasm's batch writer, from each element's own text) writes exactly what
/// writing the whole `Vec<BatchItem<T>>` writes: the same bytes and the same NaN / ±Infinity
/// places, for results, refusals, an empty batch and non-finite numbers at any depth.
#[test]
fn batch_text_is_the_text_of_the_whole_batch() {
    use icans_calc::error::InputError;
    use icans_calc::json::to_ascii_text;
    fn same<T: serde::Serialize>(items: &[Json], f: impl Fn(&Json) -> Result<T, InputError>) {
        let whole = to_ascii_text(&api::batch(items, &f)).unwrap();
        let pieces = api::batch_text(items.iter().map(|j| f(j).map(|r| to_ascii_text(&r))));
        let pieces = pieces.unwrap();
        assert_eq!(pieces.text, whole.text);
        // Compared bit for bit (a NaN is not equal to itself).
        let bits = |t: &icans_calc::json::ResultText| {
            let places = t.non_finite.iter();
            places
                .map(|(p, x)| (p.clone(), x.to_bits()))
                .collect::<Vec<_>>()
        };
        assert_eq!(bits(&pieces), bits(&whole));
    }
    let icans = elements(json!([
        {"ice": "unarousable"},
        {"ice": {"orientation": 5, "naming": 3, "commands": 1, "writing": 1, "attention": 1}},
        {"ageYears": 8, "capd": "unarousable"},
        {"ice": {"orientation": 4, "naming": 3, "commands": 3, "writing": 1, "attention": 1},
         "seizure": "clinicalSelfLimiting", "notes": "µ – \"quoted\" \n"},
        {"bogus": 1},
    ]));
    same(&icans, api::grade_icans);
    same(&[], api::grade_icans);
    let crs = elements(json!([
        {"fever": "present", "oxygen": "nasalCannula", "oxygenLitersPerMin": 6},
        {"fever": "present", "oxygen": "nasalCannula", "oxygenLitersPerMin": 6.5},
        {"temperatureC": 37.9, "hypotension": "multipleVasopressors"},
        {"fever": "present", "temperatureC": 39},
        {},
    ]));
    same(&crs, api::grade_crs);
    let kinetics = elements(json!([
        {"series": {"total": [[14, 77.7], [28, 27.9], [90, 2.5]]}},
        {"series": {"total": [[14, 1], [14, 2]]}},
        {"series": {"total": [[0, 0], [7, 1e-300], [14, 5e300], [21, 3.25], [28, 0.1], [35, 0.01]],
                    "cd4": [[1, 2], [2, 1]], "cd8": [[1, 1], [2, 4]]}},
        {"series": {"total": [[0, 1]]}},
    ]));
    same(&kinetics, api::kinetics);
    // Non-finite numbers, at the top of an element and inside it, between refusals.
    let numbers = elements(json!([[1.5], [], ["x"], [2, 3]]));
    let nan_inside = |j: &Json| -> Result<Vec<f64>, InputError> {
        match j {
            Json::Array(a) if a.is_empty() => Ok(vec![f64::NAN, f64::NEG_INFINITY, 0.5]),
            Json::Array(a) if a.len() == 2 => Ok(vec![1.0, f64::INFINITY]),
            Json::Array(a) if matches!(a.first(), Some(Json::Number(_))) => Ok(vec![2.0]),
            _ => Err(InputError::new("x", icans_calc::error::Problem::Required)),
        }
    };
    same(&numbers, nan_inside);
    let top = |j: &Json| -> Result<f64, InputError> {
        match j {
            Json::Array(a) if a.is_empty() => Ok(f64::NAN),
            _ => Ok(-0.0),
        }
    };
    same(&numbers, top);
}
