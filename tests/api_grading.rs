//! `gradeIcans` / `gradeCrs` through the JSON boundary: the SPEC §3 rules a caller relies on.
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

fn to_json(v: Value) -> Json {
    serde_json::from_value(v).unwrap()
}

fn icans(v: Value) -> Result<Value, String> {
    api::grade_icans(&to_json(v))
        .map(|r| serde_json::to_value(r).unwrap())
        .map_err(|e| e.to_string())
}

fn crs(v: Value) -> Result<Value, String> {
    api::grade_crs(&to_json(v))
        .map(|r| serde_json::to_value(r).unwrap())
        .map_err(|e| e.to_string())
}

fn ice(o: u8, n: u8, c: u8, w: u8, a: u8) -> Value {
    json!({"orientation": o, "naming": n, "commands": c, "writing": w, "attention": a})
}

// ---------- ICANS: result shape ----------

#[test]
fn published_case_day_14_ice_2_is_grade_3_driven_by_the_ice_domain() {
    let r = icans(
        json!({"ageYears": 39, "ice": ice(1, 1, 0, 0, 0), "consciousness": "alert",
        "seizure": "none", "motor": "none", "icpEdema": "none"}),
    )
    .unwrap();
    assert_eq!(r["grade"], 3);
    assert_eq!(r["tool"], "ice");
    assert_eq!(r["iceTotal"], 2);
    assert_eq!(r["capdTotal"], Value::Null);
    assert_eq!(r["drivers"], json!(["tool"]));
    assert_eq!(r["complete"], true);
    assert_eq!(r["missing"], json!([]));
    let domains = r["domains"].as_array().unwrap();
    assert_eq!(domains.len(), 5);
    assert_eq!(domains[0]["domain"], "tool");
    assert_eq!(domains[0]["grade"], 3);
    assert_eq!(domains[0]["excluded"], false);
    assert!(r["source"].as_str().unwrap().contains("Lee DW"));
}

#[test]
fn published_case_coma_is_grade_4() {
    let r = icans(json!({"ice": "unarousable", "consciousness": "unarousable"})).unwrap();
    assert_eq!(r["grade"], 4);
    assert_eq!(r["iceTotal"], 0);
    assert_eq!(r["drivers"], json!(["tool", "consciousness"]));
    assert_eq!(r["complete"], false);
    assert_eq!(r["missing"], json!(["seizure", "motor", "icpEdema"]));
}

#[test]
fn grade_0_has_no_drivers() {
    let r = icans(json!({"ice": ice(4, 3, 1, 1, 1)})).unwrap();
    assert_eq!(r["grade"], 0);
    assert_eq!(r["drivers"], json!([]));
}

#[test]
fn no_tool_input_lists_tool_as_missing_with_null_totals() {
    let r = icans(json!({"ageYears": 8, "consciousness": "awakensToVoice"})).unwrap();
    assert_eq!(r["tool"], "capd");
    assert_eq!(r["iceTotal"], Value::Null);
    assert_eq!(r["capdTotal"], Value::Null);
    assert_eq!(r["missing"][0], "tool");
    assert_eq!(r["grade"], 2);
}

#[test]
fn age_12_gets_ice_and_age_11_gets_capd() {
    assert_eq!(
        icans(json!({"ageYears": 12, "seizure": "none"})).unwrap()["tool"],
        "ice"
    );
    assert_eq!(
        icans(json!({"ageYears": 11, "seizure": "none"})).unwrap()["tool"],
        "capd"
    );
    assert_eq!(
        icans(json!({"ageYears": 11.9, "seizure": "none"})).unwrap()["tool"],
        "capd"
    );
}

#[test]
fn capd_may_be_chosen_at_any_age_and_ice_under_12() {
    let capd = json!([
        "always", "always", "always", "always", "never", "never", "never", "never"
    ]);
    let r = icans(json!({"ageYears": 30, "tool": "capd", "capd": capd})).unwrap();
    assert_eq!(
        (
            r["tool"].clone(),
            r["capdTotal"].clone(),
            r["grade"].clone()
        ),
        (json!("capd"), json!(0), json!(0))
    );
    let r = icans(json!({"ageYears": 9, "tool": "ice", "ice": ice(4, 3, 1, 1, 0)})).unwrap();
    assert_eq!(r["iceTotal"], 9);
}

#[test]
fn capd_reverse_scoring_and_unarousable() {
    let capd = json!([
        "never",
        "never",
        "always",
        "always",
        "sometimes",
        "never",
        "never",
        "never"
    ]);
    // 4 + 4 + 0 + 0 + 2 = 10 -> grade 3
    let r = icans(json!({"ageYears": 5, "capd": capd})).unwrap();
    assert_eq!(
        (r["capdTotal"].clone(), r["grade"].clone()),
        (json!(10), json!(3))
    );
    let r = icans(json!({"ageYears": 5, "capd": "unarousable"})).unwrap();
    assert_eq!(
        (r["capdTotal"].clone(), r["grade"].clone()),
        (Value::Null, json!(4))
    );
}

#[test]
fn other_cause_is_shown_excluded_and_never_drives() {
    let r = icans(
        json!({"ice": ice(4, 3, 1, 1, 0), "consciousness": "awakensToTactile",
        "otherCause": ["consciousness"]}),
    )
    .unwrap();
    assert_eq!(r["grade"], 1);
    assert_eq!(r["drivers"], json!(["tool"]));
    let c = r["domains"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["domain"] == "consciousness")
        .unwrap()
        .clone();
    assert_eq!(
        (c["excluded"].clone(), c["grade"].clone()),
        (json!(true), json!(3))
    );
}

#[test]
fn all_assessed_domains_excluded_is_grade_0() {
    let r =
        icans(json!({"consciousness": "unarousable", "otherCause": ["consciousness"]})).unwrap();
    assert_eq!(
        (r["grade"].clone(), r["drivers"].clone()),
        (json!(0), json!([]))
    );
}

// ---------- ICANS: errors ----------

#[test]
fn error_messages_name_field_and_problem() {
    let cases = [
        (
            json!({"ice": ice(5, 0, 0, 0, 0)}),
            "ice.orientation: must be 0-4, got 5",
        ),
        (
            json!({"ice": ice(0, 4, 0, 0, 0)}),
            "ice.naming: must be 0-3, got 4",
        ),
        (
            json!({"ice": ice(0, 0, 2, 0, 0)}),
            "ice.commands: must be 0-1, got 2",
        ),
        (json!({"ice": ice(0, 0, 0, 0, 1) }), ""),
        (
            json!({"consciousness": "asleep"}),
            "consciousness: unknown value \"asleep\"",
        ),
        (
            json!({"seizure": "none", "ageYears": 121}),
            "ageYears: must be 0-120 years, got 121",
        ),
        (
            json!({"seizure": "none", "ageYears": -1}),
            "ageYears: must be 0-120 years, got -1",
        ),
        (
            json!({"seizure": "none", "tremor": true}),
            "tremor: unknown field",
        ),
        (
            json!({"seizure": "none", "otherCause": ["motor"]}),
            "otherCause: \"motor\" is attributed to another cause but was not assessed",
        ),
        (
            json!({"seizure": "none", "otherCause": ["sedation"]}),
            "otherCause[0]: unknown value \"sedation\"",
        ),
        (json!({}), "input: no ICANS domain was assessed"),
        (
            json!({"ageYears": 8, "ice": ice(4, 3, 1, 1, 1)}),
            "ice: cannot be given together with tool CAPD",
        ),
        (
            json!({"ageYears": 30, "capd": "unarousable"}),
            "capd: cannot be given together with tool ICE",
        ),
        (
            json!({"ageYears": 5, "capd": ["never"]}),
            "capd: must be 8-8 answers, got 1",
        ),
        (
            json!({"ageYears": 5, "capd": ["never", "never", "never", "never", "never", "never", "never", "maybe"]}),
            "capd[7]: unknown value \"maybe\"",
        ),
        (json!({"ice": "asleep"}), "ice: unknown value \"asleep\""),
        (
            json!({"ice": {"orientation": 4}}),
            "ice.naming: is required",
        ),
        (
            json!({"ice": {"orientation": 2.5, "naming": 0, "commands": 0, "writing": 0, "attention": 0}}),
            "ice.orientation: must be a whole number, got 2.5",
        ),
        (
            json!({"ice": {"orientation": "4", "naming": 0, "commands": 0, "writing": 0, "attention": 0}}),
            "ice.orientation: must be a number, got text \"4\"",
        ),
        (
            json!({"ice": {"orientation": true, "naming": 0, "commands": 0, "writing": 0, "attention": 0}}),
            "ice.orientation: must be a number, got true",
        ),
        (json!({"seizure": 3}), "seizure: must be text"),
        (json!([1, 2]), "input: must be an object, got a list"),
        (
            json!({"tool": "cam", "seizure": "none"}),
            "tool: unknown value \"cam\"",
        ),
        (
            json!({"motor": "none", "otherCause": ["motor", "motor"]}),
            "otherCause: \"motor\" is listed more than once",
        ),
    ];
    for (input, expected) in cases {
        match icans(input.clone()) {
            Ok(r) if expected.is_empty() => assert!(r["grade"].is_number()),
            Ok(r) => panic!(
                "{input} should fail with {expected:?}, got grade {}",
                r["grade"]
            ),
            Err(msg) => assert!(
                msg.starts_with(expected),
                "{input}: expected {expected:?}, got {msg:?}"
            ),
        }
    }
}

// ---------- CRS ----------

#[test]
fn crs_grade_1_fever_driver() {
    let r = crs(json!({"fever": "present", "hypotension": "none", "oxygen": "none"})).unwrap();
    assert_eq!(
        (
            r["grade"].clone(),
            r["drivers"].clone(),
            r["complete"].clone()
        ),
        (json!(1), json!(["fever"]), json!(true))
    );
    assert_eq!(r["domains"].as_array().unwrap().len(), 3);
}

#[test]
fn crs_fever_only_is_grade_1_incomplete() {
    let r = crs(json!({"fever": "masked"})).unwrap();
    assert_eq!(
        (r["grade"].clone(), r["missing"].clone()),
        (json!(1), json!(["hypotension", "oxygen"]))
    );
}

#[test]
fn crs_no_fever_is_grade_0_with_note_and_no_drivers() {
    let r =
        crs(json!({"fever": "absent", "hypotension": "multipleVasopressors", "oxygen": "cpap"}))
            .unwrap();
    assert_eq!(r["grade"], 0);
    assert_eq!(r["drivers"], json!([]));
    assert!(!r["notes"].as_array().unwrap().is_empty());
}

#[test]
fn crs_temperature_decides_fever() {
    assert_eq!(
        crs(json!({"temperatureC": 38.0, "hypotension": "noVasopressors"})).unwrap()["grade"],
        2
    );
    assert_eq!(
        crs(json!({"temperatureC": 37.99, "hypotension": "noVasopressors"})).unwrap()["grade"],
        0
    );
}

#[test]
fn crs_flow_edges() {
    let at = |flow: f64| {
        crs(json!({"fever": "present", "oxygen": "nasalCannula", "oxygenLitersPerMin": flow}))
            .unwrap()["grade"]
            .clone()
    };
    assert_eq!(at(6.0), json!(2));
    assert_eq!(at(6.5), json!(3));
    assert_eq!(at(0.5), json!(2));
    assert_eq!(at(80.0), json!(3));
    let r =
        crs(json!({"fever": "present", "oxygen": "facemask", "oxygenLitersPerMin": 1})).unwrap();
    assert_eq!(r["grade"], 3);
}

#[test]
fn crs_errors() {
    let cases = [
        (json!({}), "fever: one of fever or temperatureC is required"),
        (
            json!({"fever": "present", "temperatureC": 39}),
            "temperatureC: cannot be given together with fever",
        ),
        (
            json!({"temperatureC": 46}),
            "temperatureC: must be 25-45 °C, got 46",
        ),
        (
            json!({"temperatureC": 24.9}),
            "temperatureC: must be 25-45 °C, got 24.9",
        ),
        (
            json!({"temperatureC": 101.3}),
            "temperatureC: must be 25-45 °C, got 101.3",
        ),
        (
            json!({"fever": "present", "oxygen": "nasalCannula"}),
            "oxygenLitersPerMin: is required for oxygen \"nasalCannula\"",
        ),
        (
            json!({"fever": "present", "oxygen": "nasalCannula", "oxygenLitersPerMin": 0}),
            "oxygenLitersPerMin: must be more than 0 and at most 80 L/min, got 0",
        ),
        (
            json!({"fever": "present", "oxygen": "facemask", "oxygenLitersPerMin": 81}),
            "oxygenLitersPerMin: must be more than 0 and at most 80 L/min, got 81",
        ),
        (json!({"fever": "yes"}), "fever: unknown value \"yes\""),
        (
            json!({"fever": "present", "hypotension": "pressors"}),
            "hypotension: unknown value \"pressors\"",
        ),
        (
            json!({"fever": "present", "oxygen": "mask"}),
            "oxygen: unknown value \"mask\"",
        ),
        (
            json!({"fever": "present", "spo2": 91}),
            "spo2: unknown field",
        ),
        (
            json!({"temperatureC": "38.5"}),
            "temperatureC: must be a number, got text \"38.5\"",
        ),
    ];
    for (input, expected) in cases {
        match crs(input.clone()) {
            Ok(r) => panic!("{input} should fail, got grade {}", r["grade"]),
            Err(msg) => assert!(
                msg.starts_with(expected),
                "{input}: expected {expected:?}, got {msg:?}"
            ),
        }
    }
}

#[test]
fn non_finite_numbers_are_rejected_by_name() {
    let t = Json::object(vec![("temperatureC", Json::Number(f64::NAN))]);
    assert_eq!(
        api::grade_crs(&t).unwrap_err().to_string(),
        "temperatureC: must be a finite number, got NaN"
    );
    let a = Json::object(vec![
        ("ageYears", Json::Number(f64::INFINITY)),
        ("seizure", Json::String("none".into())),
    ]);
    assert_eq!(
        api::grade_icans(&a).unwrap_err().to_string(),
        "ageYears: must be a finite number, got Infinity"
    );
}

#[test]
fn null_optional_fields_count_as_absent() {
    let r = crs(json!({"fever": "present", "temperatureC": null, "hypotension": null})).unwrap();
    assert_eq!(r["missing"], json!(["hypotension", "oxygen"]));
}

#[test]
fn an_oxygen_flow_without_a_device_is_an_error_not_dropped() {
    // Dropped, the flow's hypoxia would be left out of the grade unseen (10 L/min by nasal
    // cannula is grade 3; without the device the answer was grade 1 from the fever).
    let e = crs(json!({"fever": "present", "oxygenLitersPerMin": 10})).unwrap_err();
    assert_eq!(
        e,
        "oxygen: is required when oxygenLitersPerMin is given: the device sets the grade (a nasal cannula by its flow)"
    );
    let graded =
        crs(json!({"fever": "present", "oxygen": "nasalCannula", "oxygenLitersPerMin": 10}));
    assert_eq!(graded.unwrap()["grade"], json!(3));
}
