//! Property, for any bytes that are JSON: none of `grade_icans`, `grade_crs`, `kinetics`,
//! `steroid_dose`, `hematotox` panics, and every result they return serializes with serde_json
//! (what the wasm layer hands to JavaScript); every error they return has a message.
#![no_main]

use icans_calc::api;
use icans_calc::json::Json;
use libfuzzer_sys::fuzz_target;
use serde::Serialize;

fn check<T: Serialize + std::fmt::Debug, E: std::fmt::Display>(name: &str, result: Result<T, E>) {
    match result {
        Ok(value) => {
            let json = serde_json::to_string(&value);
            assert!(
                json.is_ok(),
                "{name} result {value:?} does not serialize: {json:?}"
            );
        }
        // The message the caller sees must be writable too.
        Err(e) => assert!(
            !e.to_string().is_empty(),
            "{name} gave an empty error message"
        ),
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(input) = serde_json::from_slice::<Json>(data) else {
        return;
    };
    check("grade_icans", api::grade_icans(&input));
    check("grade_crs", api::grade_crs(&input));
    check("kinetics", api::kinetics(&input));
    check("steroid_dose", api::steroid_dose(&input));
    check("hematotox", api::hematotox(&input));
});
