//! The exported JS API, called through the real wasm boundary in headless Chromium.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use icans_calc::web::exports;
use js_sys::{JSON, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn js(text: &str) -> JsValue {
    JSON::parse(text).unwrap()
}

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap()
}

fn error_message(e: JsValue) -> String {
    assert!(
        e.is_instance_of::<js_sys::Error>(),
        "errors are Error objects"
    );
    e.unchecked_into::<js_sys::Error>()
        .message()
        .as_string()
        .unwrap()
}

#[wasm_bindgen_test]
fn grade_icans_returns_grade_tool_totals_and_drivers() {
    let r = exports::grade_icans(js(
        r#"{"ageYears":39,"ice":{"orientation":1,"naming":1,"commands":0,"writing":0,"attention":0},"consciousness":"alert"}"#,
    ))
    .unwrap();
    assert_eq!(get(&r, "grade").as_f64(), Some(3.0));
    assert_eq!(get(&r, "tool").as_string().as_deref(), Some("ice"));
    assert_eq!(get(&r, "iceTotal").as_f64(), Some(2.0));
    assert!(
        get(&r, "capdTotal").is_null(),
        "absent totals are null, not undefined"
    );
    assert_eq!(
        JSON::stringify(&get(&r, "drivers"))
            .unwrap()
            .as_string()
            .as_deref(),
        Some(r#"["tool"]"#)
    );
    assert_eq!(get(&r, "complete").as_bool(), Some(false));
}

#[wasm_bindgen_test]
fn grade_crs_exactly_6_l_per_min_is_grade_2() {
    let r = exports::grade_crs(js(
        r#"{"fever":"present","oxygen":"nasalCannula","oxygenLitersPerMin":6}"#,
    ))
    .unwrap();
    assert_eq!(get(&r, "grade").as_f64(), Some(2.0));
    assert_eq!(
        JSON::stringify(&get(&r, "drivers"))
            .unwrap()
            .as_string()
            .as_deref(),
        Some(r#"["oxygen"]"#)
    );
}

#[wasm_bindgen_test]
fn bad_input_throws_an_error_naming_the_field() {
    let e = exports::grade_icans(js(
        r#"{"ice":{"orientation":5,"naming":0,"commands":0,"writing":0,"attention":0}}"#,
    ))
    .unwrap_err();
    assert_eq!(error_message(e), "ice.orientation: must be 0-4, got 5");
}

#[wasm_bindgen_test]
fn nan_and_undefined_are_told_apart() {
    let input = js_sys::Object::new();
    Reflect::set(&input, &"temperatureC".into(), &JsValue::from_f64(f64::NAN)).unwrap();
    let e = exports::grade_crs(input.into()).unwrap_err();
    assert_eq!(
        error_message(e),
        "temperatureC: must be a finite number, got NaN"
    );

    let input = js_sys::Object::new();
    Reflect::set(&input, &"fever".into(), &"present".into()).unwrap();
    Reflect::set(&input, &"temperatureC".into(), &JsValue::UNDEFINED).unwrap();
    let r = exports::grade_crs(input.into()).unwrap();
    assert_eq!(get(&r, "grade").as_f64(), Some(1.0));
}

#[wasm_bindgen_test]
fn non_object_input_is_an_error_not_a_panic() {
    for bad in [
        JsValue::UNDEFINED,
        JsValue::from_f64(3.0),
        JsValue::from_str("ice"),
    ] {
        let e = exports::grade_icans(bad).unwrap_err();
        assert!(error_message(e).starts_with("input: must be an object"));
    }
    let f = js_sys::Function::new_no_args("return 1");
    let e = exports::grade_crs(f.into()).unwrap_err();
    assert!(error_message(e).contains("JSON-compatible"));
}

#[wasm_bindgen_test]
fn version_matches_the_crate() {
    assert_eq!(exports::version(), env!("CARGO_PKG_VERSION"));
}
