//! `evaluateCohort`: rows that agree with `evaluateCase` of each case, a summary checked against
//! a small cohort computed by hand, and unreadable cases listed with their reason.
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

fn to_json(v: &Value) -> Json {
    serde_json::from_value(v.clone()).unwrap()
}

fn ice(o: u8, n: u8, c: u8, w: u8, at: u8) -> Value {
    json!({"orientation": o, "naming": n, "commands": c, "writing": w, "attention": at})
}

/// A full ICANS assessment (tool and consciousness assessed, so it can show resolution).
fn full(day: f64, ice_value: Value, consciousness: &str) -> Value {
    json!({"day": day, "icans": {"ice": ice_value, "consciousness": consciousness,
        "seizure": "none", "motor": "none", "icpEdema": "none"}})
}

fn case(label: &str, assessments: Value, medications: Value, cells: Value) -> Value {
    json!({"schema": "icans-calc/case@1", "patient": {"label": label, "ageYears": 50},
           "assessments": assessments, "medications": medications, "cells": cells})
}

/// Grade 3 on day 5 (ICE 2), grade 0 on day 7; CRS grade 1 on day 1; dexamethasone 10 mg;
/// counts 10, 50, 20 on days 7, 14, 28.
fn patient_1() -> Value {
    let mut assessments = vec![
        full(5.0, ice(1, 1, 0, 0, 0), "alert"),
        full(7.0, ice(4, 3, 1, 1, 1), "alert"),
    ];
    assessments.push(
        json!({"day": 1, "crs": {"fever": "present", "hypotension": "none", "oxygen": "none"}}),
    );
    case(
        "P1",
        json!(assessments),
        json!([{"day": 5, "drug": "dexamethasone", "mg": 10, "route": "iv"}]),
        json!({"blood": {"total": [[7, 10], [14, 50], [28, 20]]}}),
    )
}

/// No ICANS; methylprednisolone 1000 mg (187.5 mg dexamethasone-equivalent); baseline score.
fn patient_2() -> Value {
    let mut c = case(
        "P2",
        json!([full(3.0, ice(4, 3, 1, 1, 1), "alert")]),
        json!([{"day": 3, "drug": "methylprednisolone", "mg": 1000, "route": "iv"}]),
        json!({}),
    );
    c["baseline"] = json!({"plateletsPerUl": 150000, "ancPerUl": 800, "hbGPerDl": 9.5,
        "crpMgPerL": 40, "ferritinNgPerMl": 700});
    c
}

/// Grade 4 on day 10 (unarousable), intrathecal methotrexate 6 h later, grade 2 on day 11,
/// grade 0 on day 12; dexamethasone 20 mg.
fn patient_3() -> Value {
    case(
        "P3",
        json!([
            {"day": 10, "icans": {"ice": "unarousable", "consciousness": "unarousable"}},
            full(11.0, ice(3, 2, 1, 0, 0), "alert"),
            full(12.0, ice(4, 3, 1, 1, 1), "alert"),
        ]),
        json!([
            {"day": 10, "drug": "dexamethasone", "mg": 20, "route": "iv"},
            {"day": 10.25, "drug": "methotrexate", "mg": 15, "route": "it"},
        ]),
        json!({}),
    )
}

fn bad_case() -> Value {
    case(
        "bad",
        json!([full(5.0, ice(5, 3, 1, 1, 1), "alert")]),
        json!([]),
        json!({}),
    )
}

fn cohort() -> Value {
    let input = json!([patient_1(), bad_case(), patient_2(), 42, patient_3()]);
    serde_json::to_value(api::evaluate_cohort(&to_json(&input)).unwrap()).unwrap()
}

fn numeric<'a>(summary: &'a Value, column: &str) -> &'a Value {
    summary["numeric"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["column"] == column)
        .unwrap_or_else(|| panic!("no column {column}"))
}

#[test]
fn unreadable_cases_are_listed_with_index_field_and_message_and_the_rest_load() {
    let r = cohort();
    let rejected = r["rejected"].as_array().unwrap();
    assert_eq!(rejected.len(), 2);
    assert_eq!(rejected[0]["index"], json!(1));
    assert_eq!(
        rejected[0]["field"],
        json!("assessments[0].icans.ice.orientation")
    );
    assert!(
        rejected[0]["message"]
            .as_str()
            .unwrap()
            .ends_with("must be 0-4, got 5")
    );
    assert_eq!(rejected[1]["index"], json!(3));
    let indexes: Vec<&Value> = r["patients"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| &p["index"])
        .collect();
    assert_eq!(indexes, [&json!(0), &json!(2), &json!(4)]);
    assert_eq!(r["summary"]["patients"], json!(3));
}

#[test]
fn each_row_agrees_with_evaluate_case_of_its_case() {
    let r = cohort();
    for (row, c) in
        r["patients"]
            .as_array()
            .unwrap()
            .iter()
            .zip([patient_1(), patient_2(), patient_3()])
    {
        let e = serde_json::to_value(api::evaluate_case(&to_json(&c)).unwrap()).unwrap();
        let icans = &e["course"]["icans"];
        assert_eq!(row["label"], c["patient"]["label"]);
        assert_eq!(row["icansOnsetDay"], icans["onsetDay"]);
        assert_eq!(row["icansPeakGrade"], icans["peakGrade"]);
        assert_eq!(row["icansPeakDay"], icans["peakDay"]);
        assert_eq!(row["crsPeakGrade"], e["course"]["crs"]["peakGrade"]);
        assert_eq!(row["systemicDexEqMg"], e["steroids"]["systemicDexEqMg"]);
        let total = &e["kinetics"]["series"]["total"];
        if total.is_object() {
            assert_eq!(row["cmaxCellsPerUl"], total["cmax"]);
            assert_eq!(row["tmaxDay"], total["tmax"]);
            assert_eq!(row["halfLifeDays"], total["halfLifeDays"]);
            for (mine, theirs) in row["auc"]
                .as_array()
                .unwrap()
                .iter()
                .zip(total["auc"].as_array().unwrap())
            {
                assert_eq!(mine["toDay"], theirs["toDay"]);
                assert_eq!(mine["value"], theirs["value"]);
            }
        } else {
            assert!(row["cmaxCellsPerUl"].is_null());
        }
        match e["hematotox"]["score"].as_u64() {
            Some(score) => assert_eq!(row["hematotoxScore"], json!(score)),
            None => assert!(row["hematotoxScore"].is_null()),
        }
    }
}

#[test]
fn rows_hold_the_hand_computed_figures_and_say_why_a_figure_is_missing() {
    let r = cohort();
    let p1 = &r["patients"][0];
    assert_eq!(p1["icansPeakGrade"], json!(3));
    assert_eq!(p1["icansDaysToGrade0"], json!(2.0));
    // AUC0-28 by the linear trapezoid from (0, 0): 35 + 210 + 490 = 735; AUC0-90 needs extrapolation.
    assert_eq!(p1["auc"][0], json!({"toDay": 28.0, "value": 735.0}));
    assert!(p1["auc"][1]["value"].is_null());
    let reasons = p1["notComputable"].as_array().unwrap();
    assert!(reasons.iter().any(|n| n["column"] == "auc0-90"));
    assert!(
        reasons
            .iter()
            .any(|n| n["column"] == "intrathecalHoursToGrade0"
                && n["reason"] == "no intrathecal therapy")
    );

    let p2 = &r["patients"][1];
    assert_eq!(p2["icansPeakGrade"], json!(0));
    assert!(p2["icansOnsetDay"].is_null());
    assert_eq!(p2["systemicDexEqMg"], json!(187.5));
    assert!(
        p2["notComputable"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["column"] == "cmax" && n["reason"] == "no blood CAR-T counts")
    );

    let p3 = &r["patients"][2];
    assert_eq!(p3["intrathecalGiven"], json!(true));
    // IT at day 10.25; grade <= 1 and grade 0 first seen on day 12: 42 h.
    assert_eq!(p3["intrathecalHoursToGrade1OrLess"], json!(42.0));
    assert_eq!(p3["intrathecalHoursToGrade0"], json!(42.0));
    assert_eq!(p3["icansDaysToGrade1OrLess"], json!(2.0));
}

#[test]
fn summary_matches_a_hand_computed_cohort() {
    let r = cohort();
    let s = &r["summary"];
    // Steroids 10, 187.5, 20 -> sorted 10, 20, 187.5: median 20; Q1 = 10 + 0.5 * 10 = 15;
    // Q3 = 20 + 0.5 * 167.5 = 103.75.
    let dex = numeric(s, "systemicDexEqMg");
    assert_eq!(
        (
            &dex["n"],
            &dex["median"],
            &dex["q1"],
            &dex["q3"],
            &dex["min"],
            &dex["max"]
        ),
        (
            &json!(3),
            &json!(20.0),
            &json!(15.0),
            &json!(103.75),
            &json!(10.0),
            &json!(187.5)
        )
    );
    // Days to grade 0 rest on the two patients with ICANS that resolved (2 and 2).
    let to0 = numeric(s, "icansDaysToGrade0");
    assert_eq!(
        (&to0["n"], &to0["missing"], &to0["median"]),
        (&json!(2), &json!(1), &json!(2.0))
    );
    let peak = s["categories"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["column"] == "icansPeakGrade")
        .unwrap();
    let count = |g: &str| {
        peak["counts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["value"] == g)
            .unwrap()
            .clone()
    };
    assert_eq!(count("3")["count"], json!(1));
    assert_eq!(count("2")["count"], json!(0));
    assert!((count("4")["percent"].as_f64().unwrap() - 100.0 / 3.0).abs() < 1e-12);
    let cmax = numeric(s, "cmax");
    assert_eq!(
        (&cmax["n"], &cmax["missing"], &cmax["median"]),
        (&json!(1), &json!(2), &json!(50.0))
    );
    // Every row counts every patient: the two without blood counts are missing from the AUCs
    // as from Cmax (they were left out of the count altogether).
    for column in ["auc0-28", "auc0-90"] {
        let auc = numeric(s, column);
        let counted = auc["n"].as_u64().unwrap() + auc["missing"].as_u64().unwrap();
        assert_eq!(counted, 3, "{column}: {auc}");
    }
    let auc28 = numeric(s, "auc0-28");
    assert_eq!((&auc28["n"], &auc28["missing"]), (&json!(1), &json!(2)));
}

#[test]
fn a_cohort_must_be_a_list() {
    let err = api::evaluate_cohort(&to_json(&patient_1())).unwrap_err();
    assert!(
        err.to_string().contains("must be an array of case files"),
        "{err}"
    );
    let empty = serde_json::to_value(api::evaluate_cohort(&to_json(&json!([]))).unwrap()).unwrap();
    assert_eq!(empty["summary"]["patients"], json!(0));
    assert_eq!(empty["patients"], json!([]));
}
