//! The exported JS API, called through the real wasm boundary in headless Chromium.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

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

/// Every golden kinetics case through the exported `kinetics()` in the browser (1e-9 relative).
#[wasm_bindgen_test]
fn golden_kinetics_cases_pass_through_the_wasm_api() {
    let fixture: serde_json::Value =
        serde_json::from_str(include_str!("fixtures/kinetics_cases.json")).unwrap();
    let mut compared = 0;
    for case in fixture["cases"].as_array().unwrap() {
        let id = case["id"].as_str().unwrap();
        // Inputs may spell non-finite numbers as strings; JSON.parse then a reviver turns them back.
        let text = serde_json::to_string(&case["input"]).unwrap();
        let parse = js_sys::Function::new_with_args(
            "t",
            "return JSON.parse(t, function (k, v) { return v === 'NaN' ? NaN : v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : v; })",
        );
        let input = parse
            .call1(&JsValue::NULL, &JsValue::from_str(&text))
            .unwrap();
        for (method, suffix) in [("linear", "linear"), ("linUpLogDown", "linlog")] {
            Reflect::set(&input, &"method".into(), &method.into()).unwrap();
            let result = exports::kinetics(input.clone());
            if case.get("expected_error").is_some() {
                assert!(result.is_err(), "{id}: must be rejected");
                continue;
            }
            let result: serde_json::Value = serde_json::from_str(
                &JSON::stringify(&result.unwrap())
                    .unwrap()
                    .as_string()
                    .unwrap(),
            )
            .unwrap();
            for (series, exp) in case["expected"].as_object().unwrap() {
                let got = &result["series"][series];
                let pairs = [
                    ("cmax", "cmax".to_string()),
                    ("tmax", "tmax".to_string()),
                    ("clast", "clast".to_string()),
                    ("tlast", "tlast".to_string()),
                    ("aucLast", format!("auclast_{suffix}")),
                    ("lambdaZ", "lambda_z".to_string()),
                    ("halfLifeDays", "half_life".to_string()),
                    ("aucInf", format!("aucinf_obs_{suffix}")),
                ];
                let mut check = |what: &str, g: &serde_json::Value, e: &serde_json::Value| {
                    match (g.as_f64(), e.as_f64()) {
                        (Some(g), Some(e)) => assert!(
                            (g - e).abs() <= 1e-9 + 1e-9 * e.abs(),
                            "{id} {series} {what}: {g} vs {e}"
                        ),
                        (None, None) => assert!(g.is_null() && e.is_null(), "{id} {series} {what}"),
                        _ => panic!("{id} {series} {what}: got {g}, expected {e}"),
                    }
                    compared += 1;
                };
                for (api_key, golden_key) in pairs {
                    check(&golden_key, &got[api_key], &exp[&golden_key]);
                }
                for (i, horizon) in ["28", "90"].iter().enumerate() {
                    check(
                        horizon,
                        &got["auc"][i]["value"],
                        &exp[format!("auc_0_{horizon}_{suffix}")],
                    );
                    if suffix == "linear" {
                        check(
                            horizon,
                            &got["auc"][i]["extrapolated"],
                            &exp[format!("auc_0_{horizon}_linear_extrap")],
                        );
                    }
                }
            }
        }
    }
    assert!(compared > 300, "only {compared} comparisons");
}

#[wasm_bindgen_test]
fn an_array_is_graded_as_a_batch_with_an_error_per_bad_element() {
    let r = exports::grade_icans(js(
        r#"[{"ice":"unarousable"},{"ice":{"orientation":5,"naming":3,"commands":1,"writing":1,"attention":1}},{"ice":{"orientation":4,"naming":3,"commands":1,"writing":1,"attention":1},"consciousness":"alert"}]"#,
    ))
    .unwrap();
    assert!(js_sys::Array::is_array(&r));
    let items: js_sys::Array = r.unchecked_into();
    assert_eq!(items.length(), 3);
    assert_eq!(get(&get(&items.get(0), "ok"), "grade").as_f64(), Some(4.0));
    let error = get(&items.get(1), "error");
    assert_eq!(
        get(&error, "field").as_string().as_deref(),
        Some("ice.orientation")
    );
    assert_eq!(
        get(&error, "message").as_string().as_deref(),
        Some("ice.orientation: must be 0-4, got 5")
    );
    assert!(get(&items.get(1), "ok").is_undefined());
    assert_eq!(get(&get(&items.get(2), "ok"), "grade").as_f64(), Some(0.0));
    let crs = exports::grade_crs(js(r#"[{"temperatureC":38.0}]"#)).unwrap();
    let crs: js_sys::Array = crs.unchecked_into();
    assert_eq!(get(&get(&crs.get(0), "ok"), "grade").as_f64(), Some(1.0));
    let kin = exports::kinetics(js(r#"[{"series":{"total":[[14,77.7],[28,27.9]]}}]"#)).unwrap();
    let kin: js_sys::Array = kin.unchecked_into();
    assert_eq!(
        get(
            &get(&get(&get(&kin.get(0), "ok"), "series"), "total"),
            "cmax"
        )
        .as_f64(),
        Some(77.7)
    );
}

#[wasm_bindgen_test]
fn evaluate_cohort_rows_each_case_and_lists_unreadable_ones() {
    let r = exports::evaluate_cohort(js(
        r#"[{"schema":"icans-calc/case@1","patient":{"label":"A"},"assessments":[{"day":14,"icans":{"ice":"unarousable","consciousness":"unarousable"}}],"cells":{"blood":{"total":[[14,77.7],[28,27.9]]}}},{"schema":"icans-calc/case@9","patient":{"label":"B"}},"not a case"]"#,
    ))
    .unwrap();
    let patients: js_sys::Array = get(&r, "patients").unchecked_into();
    assert_eq!(patients.length(), 1);
    assert_eq!(get(&patients.get(0), "icansPeakGrade").as_f64(), Some(4.0));
    assert_eq!(get(&patients.get(0), "cmaxCellsPerUl").as_f64(), Some(77.7));
    let rejected: js_sys::Array = get(&r, "rejected").unchecked_into();
    assert_eq!(rejected.length(), 2);
    assert_eq!(get(&rejected.get(0), "index").as_f64(), Some(1.0));
    assert_eq!(
        get(&rejected.get(0), "field").as_string().as_deref(),
        Some("schema")
    );
    assert_eq!(get(&rejected.get(1), "index").as_f64(), Some(2.0));
    assert_eq!(get(&get(&r, "summary"), "patients").as_f64(), Some(1.0));
}

/// `Object.is` on leaves; arrays and objects with the same keys in the same order.
fn same_js(a: &JsValue, b: &JsValue) -> bool {
    if js_sys::Object::is(a, b) {
        return true;
    }
    if !a.is_object() || !b.is_object() || js_sys::Array::is_array(a) != js_sys::Array::is_array(b)
    {
        return false;
    }
    let (ka, kb) = (
        js_sys::Reflect::own_keys(a).unwrap(),
        js_sys::Reflect::own_keys(b).unwrap(),
    );
    ka.length() == kb.length()
        && ka
            .iter()
            .zip(kb.iter())
            .all(|(x, y)| js_sys::Object::is(&x, &y) && same_js(&get_key(a, &x), &get_key(b, &y)))
}

fn get_key(v: &JsValue, key: &JsValue) -> JsValue {
    Reflect::get(v, key).unwrap()
}

fn built_by_serde<T: serde::Serialize>(value: &T) -> JsValue {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap()
}

/// Results leave the wasm as JSON text read by `JSON.parse` (exports::to_js); they must be
/// exactly what serde-wasm-bindgen's JSON-compatible mode built before, NaN and -0 included.
#[wasm_bindgen_test]
fn results_are_the_objects_serde_wasm_bindgen_built() {
    use icans_calc::api;
    use icans_calc::json::{Json, parse_text};
    let input = |t: &str| parse_text(t).unwrap();
    let check = |what: &str, ours: JsValue, theirs: JsValue| {
        assert!(
            same_js(&ours, &theirs),
            "{what}: {:?} vs {:?}",
            JSON::stringify(&ours),
            JSON::stringify(&theirs)
        );
    };
    let example = icans_calc::example::example_case_json();
    let r = api::evaluate_case(&example).unwrap();
    check(
        "evaluateCase",
        exports::to_js(&r).unwrap(),
        built_by_serde(&r),
    );
    let r = api::evaluate_cohort(&Json::Array(vec![example.clone(), Json::Null])).unwrap();
    check(
        "evaluateCohort",
        exports::to_js(&r).unwrap(),
        built_by_serde(&r),
    );
    let r = api::grade_icans(&input(r#"{"ageYears":39,"ice":{"orientation":1,"naming":1,"commands":0,"writing":0,"attention":0},"consciousness":"awakensToVoice","seizure":"none","motor":"none","icpEdema":"none"}"#)).unwrap();
    check(
        "gradeIcans",
        exports::to_js(&r).unwrap(),
        built_by_serde(&r),
    );
    let r = api::grade_crs(&input(
        r#"{"fever":"masked","oxygen":"nasalCannula","oxygenLitersPerMin":6.5}"#,
    ))
    .unwrap();
    check("gradeCrs", exports::to_js(&r).unwrap(), built_by_serde(&r));
    let r = api::kinetics(&input(r#"{"series":{"total":[[0,0],[7,128],[14,64],[21,32],[28,16]],"cd4":[[7,100],[14,50]],"cd8":[[7,0],[14,5]]},"method":"linUpLogDown","horizonsDays":[28,90,3.5]}"#)).unwrap();
    check("kinetics", exports::to_js(&r).unwrap(), built_by_serde(&r));
    let r = api::steroid_dose(&input(r#"{"medications":[{"day":14,"drug":"dexamethasone","mg":20,"route":"iv"},{"day":14.04,"drug":"dexamethasone","mg":4,"route":"it"},{"day":15,"drug":"tocilizumab","mg":560,"route":"iv"}]}"#)).unwrap();
    check(
        "steroidDose",
        exports::to_js(&r).unwrap(),
        built_by_serde(&r),
    );
    let r = api::hematotox(&input(r#"{"plateletsPerUl":120000,"ancPerUl":900,"hbGPerDl":8.5,"crpMgPerL":45,"ferritinNgPerMl":2500}"#)).unwrap();
    check("hematotox", exports::to_js(&r).unwrap(), built_by_serde(&r));
    let batch = api::batch(
        &[input(r#"{"ice":"unarousable"}"#), input(r#"{"ice":5}"#)],
        api::grade_icans,
    );
    check(
        "batch",
        exports::to_js(&batch).unwrap(),
        built_by_serde(&batch),
    );
    // Numbers JSON text cannot hold are put back in their place; -0 keeps its sign.
    let odd = Json::Object(vec![
        ("nan".into(), Json::Number(f64::NAN)),
        (
            "list".into(),
            Json::Array(vec![
                Json::Number(f64::INFINITY),
                Json::Number(-0.0),
                Json::Object(vec![("x".into(), Json::Number(f64::NEG_INFINITY))]),
            ]),
        ),
        ("text".into(), Json::String("a\"\\\n\u{1}µ😀".into())),
    ]);
    check(
        "non-finite",
        exports::to_js(&odd).unwrap(),
        built_by_serde(&odd),
    );
    assert!(
        exports::to_js(&f64::NAN)
            .unwrap()
            .as_f64()
            .unwrap()
            .is_nan()
    );
}
