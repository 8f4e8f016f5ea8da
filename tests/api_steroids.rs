//! `steroidDose` through the JSON boundary: factors, routes, order, errors, and properties of the
//! cumulative dose.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use icans_calc::api;
use icans_calc::json::Json;
use icans_calc::steroids::{self, Drug, Medication, NonSteroid, Route, Steroid};
use proptest::prelude::*;
use serde_json::{Value, json};

fn run(v: Value) -> Result<Value, String> {
    let input: Json = serde_json::from_value(v).unwrap();
    api::steroid_dose(&input)
        .map(|r| serde_json::to_value(r).unwrap())
        .map_err(|e| e.to_string())
}

fn dose(day: f64, drug: &str, mg: f64, route: &str) -> Value {
    json!({"day": day, "drug": drug, "mg": mg, "route": route})
}

fn total(meds: Vec<Value>) -> f64 {
    run(json!({ "medications": meds })).unwrap()["systemicDexEqMg"]
        .as_f64()
        .unwrap()
}

// ---------- result shape ----------

#[test]
fn result_has_the_spec_fields_and_the_table() {
    let r = run(json!({"medications": [dose(14.0, "dexamethasone", 20.0, "iv")]})).unwrap();
    assert_eq!(r["systemicDexEqMg"], 20.0);
    assert_eq!(r["intrathecalDexEqMg"], 0.0);
    assert_eq!(r["ignored"], 0);
    assert_eq!(
        r["factors"],
        json!({"dexamethasone": 1.0, "methylprednisolone": 0.1875, "prednisone": 0.15,
               "prednisolone": 0.15, "hydrocortisone": 0.0375})
    );
    let row = &r["perDose"][0];
    assert_eq!(row["day"], 14.0);
    assert_eq!(row["drug"], "dexamethasone");
    assert_eq!(row["mg"], 20.0);
    assert_eq!(row["route"], "iv");
    assert_eq!(row["dexEqMg"], 20.0);
    assert_eq!(row["cumulativeSystemicDexEqMg"], 20.0);
    assert_eq!(row["inputIndex"], 0);
    assert_eq!(r["table"].as_array().unwrap().len(), 5);
    assert_eq!(r["table"][1]["equivalentMg"], 4.0);
    assert!(r["source"].as_str().unwrap().contains("prednisolone label"));
    assert!(r["basis"].as_str().unwrap().contains("not added"));
}

#[test]
fn empty_list_gives_zero() {
    let r = run(json!({"medications": []})).unwrap();
    assert_eq!(r["systemicDexEqMg"], 0.0);
    assert_eq!(r["perDose"], json!([]));
}

// ---------- each factor converts its own reference dose ----------

#[test]
fn dexamethasone_0_75_mg_is_0_75() {
    assert_eq!(total(vec![dose(1.0, "dexamethasone", 0.75, "iv")]), 0.75);
}

#[test]
fn methylprednisolone_4_mg_is_0_75() {
    assert_eq!(
        total(vec![dose(1.0, "methylprednisolone", 4.0, "iv")]),
        0.75
    );
}

#[test]
fn prednisone_5_mg_is_0_75() {
    assert_eq!(total(vec![dose(1.0, "prednisone", 5.0, "po")]), 0.75);
}

#[test]
fn prednisolone_5_mg_is_0_75() {
    assert_eq!(total(vec![dose(1.0, "prednisolone", 5.0, "po")]), 0.75);
}

#[test]
fn hydrocortisone_20_mg_is_0_75() {
    assert_eq!(total(vec![dose(1.0, "hydrocortisone", 20.0, "iv")]), 0.75);
}

// ---------- routes ----------

#[test]
fn each_systemic_route_counts() {
    for route in ["iv", "po", "im", "sc"] {
        let r = run(json!({"medications": [dose(1.0, "dexamethasone", 8.0, route)]})).unwrap();
        assert_eq!(r["systemicDexEqMg"], 8.0, "{route}");
        assert_eq!(r["perDose"][0]["systemic"], true, "{route}");
    }
}

#[test]
fn intrathecal_is_listed_but_never_added_to_the_systemic_total() {
    let r = run(json!({"medications": [
        dose(14.0, "dexamethasone", 20.0, "iv"),
        dose(14.04, "dexamethasone", 4.0, "it"),
        dose(14.04, "methotrexate", 15.0, "it"),
        dose(15.0, "dexamethasone", 8.0, "iv"),
    ]}))
    .unwrap();
    assert_eq!(r["systemicDexEqMg"], 28.0);
    assert_eq!(r["intrathecalDexEqMg"], 4.0);
    let cumulative: Vec<f64> = r["perDose"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["cumulativeSystemicDexEqMg"].as_f64().unwrap())
        .collect();
    // 20, then the IT dose leaves it at 20, then 28.
    assert_eq!(cumulative, vec![20.0, 20.0, 28.0]);
    assert_eq!(r["perDose"][1]["route"], "it");
    assert_eq!(r["perDose"][1]["systemic"], false);
    assert_eq!(r["ignored"], 1);
}

// ---------- mixed fixtures ----------

#[test]
fn mixed_fixture_hand_computed() {
    // day 1  methylprednisolone 1000 mg iv  1000 × 0.1875 = 187.5   cumulative 187.5
    // day 2  methylprednisolone 500 mg iv    500 × 0.1875 =  93.75  cumulative 281.25
    // day 3  dexamethasone 10 mg iv           10 × 1      =  10     cumulative 291.25
    // day 3  hydrocortisone 50 mg it          50 × 0.0375 =   1.875 (intrathecal, apart)
    // day 4  prednisone 100 mg po            100 × 0.15   =  15     cumulative 306.25
    // day 5  prednisolone 20 mg po            20 × 0.15   =   3     cumulative 309.25
    // day 5  anakinra 100 mg sc              not a steroid (ignored)
    let r = run(json!({"medications": [
        dose(5.0, "prednisolone", 20.0, "po"),
        dose(3.0, "hydrocortisone", 50.0, "it"),
        dose(1.0, "methylprednisolone", 1000.0, "iv"),
        dose(4.0, "prednisone", 100.0, "po"),
        dose(5.0, "anakinra", 100.0, "sc"),
        dose(2.0, "methylprednisolone", 500.0, "iv"),
        dose(3.0, "dexamethasone", 10.0, "iv"),
    ]}))
    .unwrap();
    let got: Vec<(f64, f64)> = r["perDose"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["dexEqMg"].as_f64().unwrap(),
                d["cumulativeSystemicDexEqMg"].as_f64().unwrap(),
            )
        })
        .collect();
    let want = [
        (187.5, 187.5),
        (93.75, 281.25),
        (1.875, 281.25),
        (10.0, 291.25),
        (15.0, 306.25),
        (3.0, 309.25),
    ];
    assert_eq!(got.len(), want.len());
    for (g, w) in got.iter().zip(want) {
        assert!(
            (g.0 - w.0).abs() < 1e-12 && (g.1 - w.1).abs() < 1e-12,
            "{g:?} vs {w:?}"
        );
    }
    assert!((r["systemicDexEqMg"].as_f64().unwrap() - 309.25).abs() < 1e-12);
    assert_eq!(r["intrathecalDexEqMg"], 1.875);
    assert_eq!(r["ignored"], 1);
    // Same day 3: hydrocortisone (input 1) before dexamethasone (input 6), as entered.
    assert_eq!(r["perDose"][2]["inputIndex"], 1);
    assert_eq!(r["perDose"][3]["inputIndex"], 6);
}

#[test]
fn published_case_totals_96_mg_systemic() {
    let it = 14.0 + 1.0 / 24.0;
    let r = run(json!({"medications": [
        dose(14.0, "dexamethasone", 20.0, "iv"),
        dose(it, "methotrexate", 15.0, "it"),
        dose(it, "cytarabine", 40.0, "it"),
        dose(it, "dexamethasone", 4.0, "it"),
        dose(15.375, "dexamethasone", 76.0, "iv"),
    ]}))
    .unwrap();
    assert_eq!(r["systemicDexEqMg"], 96.0);
    assert_eq!(r["intrathecalDexEqMg"], 4.0);
    assert_eq!(r["ignored"], 2);
}

#[test]
fn entry_order_does_not_change_the_ledger() {
    let a = vec![
        dose(1.0, "methylprednisolone", 1000.0, "iv"),
        dose(2.0, "dexamethasone", 10.0, "po"),
        dose(3.0, "prednisone", 60.0, "po"),
    ];
    let mut b = a.clone();
    b.reverse();
    let (ra, rb) = (
        run(json!({"medications": a})).unwrap(),
        run(json!({"medications": b})).unwrap(),
    );
    assert_eq!(ra["systemicDexEqMg"], rb["systemicDexEqMg"]);
    let days = |r: &Value| -> Vec<f64> {
        r["perDose"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["day"].as_f64().unwrap())
            .collect()
    };
    assert_eq!(days(&ra), days(&rb));
}

#[test]
fn other_drug_with_label_is_accepted_and_ignored() {
    let r = run(json!({"medications": [
        {"day": 2, "drug": "other", "label": "levetiracetam", "mg": 500, "route": "iv", "note": "seizure prophylaxis"}
    ]}))
    .unwrap();
    assert_eq!(r["ignored"], 1);
    assert_eq!(r["systemicDexEqMg"], 0.0);
}

// ---------- errors ----------

#[test]
fn errors_name_the_medication_and_field() {
    let ok = dose(1.0, "dexamethasone", 1.0, "iv");
    let cases = [
        (
            json!({"medications": [ok.clone(), dose(1.0, "dexamethason", 4.0, "iv")]}),
            "medications[1].drug: unknown value \"dexamethason\"; expected one of: dexamethasone, methylprednisolone, prednisone, prednisolone, hydrocortisone, tocilizumab, siltuximab, anakinra, methotrexate, cytarabine, other",
        ),
        (
            json!({"medications": [dose(1.0, "dexamethasone", 0.0, "iv")]}),
            "medications[0].mg: must be more than 0 mg, got 0",
        ),
        (
            json!({"medications": [dose(1.0, "dexamethasone", -4.0, "iv")]}),
            "medications[0].mg: must be more than 0 mg, got -4",
        ),
        (
            json!({"medications": [dose(-31.0, "dexamethasone", 4.0, "iv")]}),
            "medications[0].day: must be from -30 to 36525 days, got -31",
        ),
        (
            json!({"medications": [dose(1.0, "dexamethasone", 4.0, "intrathecal")]}),
            "medications[0].route: unknown value \"intrathecal\"; expected one of: iv, po, im, sc, it",
        ),
        (
            json!({"medications": [{"day": 1, "drug": "other", "mg": 4, "route": "iv"}]}),
            "medications[0].label: is required for drug \"other\": name the drug",
        ),
        (
            json!({"medications": [{"day": 1, "drug": "dexamethasone", "label": "Dexa", "mg": 4, "route": "iv"}]}),
            "medications[0].label: is only for drug \"other\"",
        ),
        (
            json!({"medications": [{"day": 1, "drug": "other", "label": "Dexamethasone", "mg": 4, "route": "iv"}]}),
            "medications[0].label: names dexamethasone (a brand or another spelling): choose dexamethasone as the drug",
        ),
        (
            json!({"medications": [{"day": 1, "drug": "other", "label": "Tocilizumab", "mg": 4, "route": "iv"}]}),
            "medications[0].label: must be the name of a drug that is not listed",
        ),
        (
            json!({"medications": [{"day": 1, "drug": "other", "label": " ", "mg": 4, "route": "iv"}]}),
            "medications[0].label: must name the drug",
        ),
        (
            json!({"medications": [{"day": 1, "drug": "dexamethasone", "mg": 4, "route": "iv", "dose": 4}]}),
            "medications[0].dose: unknown field; expected one of: day, drug, mg, route, label, note",
        ),
        (
            json!({"medications": [{"drug": "dexamethasone", "mg": 4, "route": "iv"}]}),
            "medications[0].day: is required",
        ),
        (
            json!({"medications": [{"day": 1, "drug": "dexamethasone", "mg": "4", "route": "iv"}]}),
            "medications[0].mg: must be a number, got text \"4\"",
        ),
        (json!({}), "medications: is required"),
        (
            json!({"medications": {}}),
            "medications: must be a list, got an object",
        ),
        (
            json!({"medications": [], "patient": {}}),
            "patient: unknown field",
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

// ---------- corticosteroids under "other", flagged and implausible doses ----------

#[test]
fn other_label_naming_a_table_steroid_is_an_error_that_names_the_drug_to_choose() {
    for (label, drug) in [
        ("Solu-Medrol", "methylprednisolone"),
        ("Decadron", "dexamethasone"),
        ("dexamethason", "dexamethasone"),
        ("Solu-Cortef", "hydrocortisone"),
        ("prednisolon", "prednisolone"),
        ("Deltasone", "prednisone"),
    ] {
        let err = run(json!({"medications": [
            {"day": 1, "drug": "other", "label": label, "mg": 40, "route": "iv"}
        ]}))
        .unwrap_err();
        assert!(err.starts_with("medications[0].label: "), "{err}");
        assert!(err.contains(&format!("choose {drug} as the drug")), "{err}");
    }
}

/// The review's examples: each was accepted under "other" as "not a steroid" and its dose left
/// out of the total (SPEC §3: "a typo must not silently drop a steroid from the total").
const ABBREVIATED: [(&str, &str); 16] = [
    ("dex", "dexamethasone"),
    ("Dex", "dexamethasone"),
    ("DEX", "dexamethasone"),
    ("dexa", "dexamethasone"),
    ("Dexa", "dexamethasone"),
    ("DXM", "dexamethasone"),
    ("Dexameth", "dexamethasone"),
    ("dexamet", "dexamethasone"),
    ("MP", "methylprednisolone"),
    ("MPS", "methylprednisolone"),
    ("pred", "prednisone or prednisolone"),
    ("Pred", "prednisone or prednisolone"),
    ("HC", "hydrocortisone"),
    ("hydrocort", "hydrocortisone"),
    ("A-Hydrocort", "hydrocortisone"),
    // 6-mercaptopurine: a deliberate false positive; "mercaptopurine" is accepted.
    ("6-MP", "methylprednisolone"),
];

fn other_label_error(label: &str) -> Option<String> {
    run(json!({"medications": [
        dose(1.0, "dexamethasone", 20.0, "iv"),
        {"day": 1, "drug": "other", "label": label, "mg": 4, "route": "iv"}
    ]}))
    .err()
}

#[test]
fn other_label_that_may_abbreviate_a_table_steroid_is_an_error_that_says_so() {
    for (label, drugs) in ABBREVIATED {
        let err = other_label_error(label).unwrap_or_else(|| panic!("{label} was accepted"));
        let said = format!("medications[1].label: may be short for {drugs}: if it is, choose ");
        assert!(err.starts_with(&said), "{label}: {err}");
        assert!(
            err.ends_with("; if it names another drug, write that drug's full name"),
            "{label}: {err}"
        );
    }
    assert_eq!(
        other_label_error("dex").unwrap(),
        "medications[1].label: may be short for dexamethasone: if it is, choose dexamethasone as the drug, so that the dose counts in the steroid total; if it names another drug, write that drug's full name"
    );
    assert_eq!(
        other_label_error("pred").unwrap(),
        "medications[1].label: may be short for prednisone or prednisolone: if it is, choose the one given as the drug, so that the dose counts in the steroid total; if it names another drug, write that drug's full name"
    );
}

#[test]
fn more_brands_of_table_steroids_are_refused_with_the_drug_to_choose() {
    for (label, drug) in [
        ("Dexona", "dexamethasone"),
        ("Oradexon", "dexamethasone"),
        ("Predsol", "prednisolone"),
        ("Deltacortril", "prednisolone"),
    ] {
        let err = other_label_error(label).unwrap_or_else(|| panic!("{label} was accepted"));
        assert_eq!(
            err,
            format!(
                "medications[1].label: names {drug} (a brand or another spelling): choose {drug} as the drug, so that the dose counts in the steroid total"
            )
        );
    }
}

/// The review's German and Austrian brands: each was accepted under "other" and left out of
/// the total (SPEC §3: a brand "is an error that names the drug to choose").
#[test]
fn german_and_austrian_brands_are_refused_with_the_drug_to_choose() {
    for (label, drug) in [
        ("Prednisolut", "prednisolone"),
        ("Solu-Decortin", "prednisolone"),
        ("Solu-Decortin H", "prednisolone"),
        ("Soludecortin", "prednisolone"),
        ("Decortin", "prednisone"),
        ("Decortin H", "prednisolone"),
        ("Dexabene", "dexamethasone"),
    ] {
        let err = other_label_error(label).unwrap_or_else(|| panic!("{label} was accepted"));
        assert_eq!(
            err,
            format!(
                "medications[1].label: names {drug} (a brand or another spelling): choose {drug} as the drug, so that the dose counts in the steroid total"
            ),
            "{label}"
        );
    }
}

/// A one-letter misspelling was accepted under "other" and left out of the total (SPEC §3: "a
/// typo must not silently drop a steroid from the total").
#[test]
fn other_label_that_may_misspell_a_table_steroid_is_an_error_that_says_so() {
    assert_eq!(
        other_label_error("dexamethosone").unwrap(),
        "medications[1].label: may be a misspelling of dexamethasone: if it is, choose dexamethasone as the drug, so that the dose counts in the steroid total; if it names another drug, write that drug's full name"
    );
    assert_eq!(
        other_label_error("prednisoone").unwrap(),
        "medications[1].label: may be a misspelling of prednisone or prednisolone: if it is, choose the one given as the drug, so that the dose counts in the steroid total; if it names another drug, write that drug's full name"
    );
    for (label, drugs) in [
        ("dexamethasome", "dexamethasone"),
        ("predisone", "prednisone"),
        ("prednisalone", "prednisolone"),
        ("hydrocortisome", "hydrocortisone"),
        ("Dexamethosone 8 mg", "dexamethasone"),
    ] {
        let err = other_label_error(label).unwrap_or_else(|| panic!("{label} was accepted"));
        let said = format!("medications[1].label: may be a misspelling of {drugs}: if it is, ");
        assert!(err.starts_with(&said), "{label}: {err}");
    }
    // The review's call: ignored 1 and 0 mg before; now an error.
    let r = run(json!({"medications": [
        {"day": 1, "drug": "other", "label": "dexamethosone", "mg": 8, "route": "iv"}
    ]}));
    assert!(r.is_err(), "{r:?}");
}

#[test]
fn other_drugs_with_similar_names_stay_other() {
    for label in [
        "dextrose",
        "hydroxyurea",
        "methotrexate 12",
        "amphotericin B",
        "levetiracetam",
        "tocilizumab biosimilar",
        "ondansetron",
        "mercaptopurine",
        "dexmedetomidine",
        "thiotepa",
    ] {
        let r = run(json!({"medications": [
            {"day": 1, "drug": "other", "label": label, "mg": 4, "route": "iv"}
        ]}))
        .unwrap_or_else(|e| panic!("{label}: {e}"));
        assert_eq!(r["ignored"], 1, "{label}");
    }
}

#[test]
fn unconverted_corticosteroids_are_listed_and_not_ignored() {
    let r = run(json!({"medications": [
        {"day": 3, "drug": "other", "label": "betamethasone", "mg": 4, "route": "im"},
        {"day": 2, "drug": "other", "label": "levetiracetam", "mg": 500, "route": "iv"},
        dose(1.0, "dexamethasone", 10.0, "iv"),
    ]}))
    .unwrap();
    assert_eq!(r["systemicDexEqMg"], 10.0);
    assert_eq!(r["ignored"], 1);
    assert_eq!(
        r["unconverted"],
        json!([{"inputIndex": 0, "day": 3.0, "label": "betamethasone",
                "corticosteroid": "betamethasone", "mg": 4.0, "route": "im"}])
    );
    let none = run(json!({"medications": []})).unwrap();
    assert_eq!(none["unconverted"], json!([]));
}

#[test]
fn a_single_dose_above_1000_mg_methylprednisolone_equivalent_is_flagged() {
    let r = run(json!({"medications": [
        dose(1.0, "dexamethasone", 1000.0, "iv"),
        dose(2.0, "methylprednisolone", 1000.0, "iv"),
    ]}))
    .unwrap();
    assert_eq!(r["perDose"][0]["checkDose"], true);
    assert_eq!(r["perDose"][1]["checkDose"], false);
    assert_eq!(r["perDose"][1]["methylprednisoloneEqMg"], 1000.0);
    assert_eq!(r["systemicDexEqMg"], 1187.5);
}

#[test]
fn a_dose_above_the_drug_ceiling_is_refused_with_the_reason() {
    let err =
        run(json!({"medications": [dose(1.0, "methylprednisolone", 5001.0, "iv")]})).unwrap_err();
    assert!(
        err.starts_with("medications[0].mg: must be more than 0 and at most 5000 mg, got 5001; is the unit right? No single dose of this drug"),
        "{err}"
    );
    assert!(run(json!({"medications": [dose(1.0, "methylprednisolone", 5000.0, "iv")]})).is_ok());
    let err = run(json!({"medications": [dose(1.0, "dexamethasone", 1e308, "iv")]})).unwrap_err();
    assert!(err.contains("got 1e308;"), "{err}");
}

#[test]
fn nan_dose_is_rejected_by_name() {
    let input = Json::object(vec![(
        "medications",
        Json::Array(vec![Json::object(vec![
            ("day", Json::Number(1.0)),
            ("drug", Json::String("dexamethasone".into())),
            ("mg", Json::Number(f64::NAN)),
            ("route", Json::String("iv".into())),
        ])]),
    )]);
    assert_eq!(
        api::steroid_dose(&input).unwrap_err().to_string(),
        "medications[0].mg: must be a finite number, got NaN"
    );
}

// ---------- properties ----------

fn drug() -> impl Strategy<Value = Drug> {
    prop_oneof![
        4 => prop::sample::select(Steroid::ALL.to_vec()).prop_map(Drug::Steroid),
        1 => prop::sample::select(NonSteroid::ALL.to_vec()).prop_map(Drug::NonSteroid),
    ]
}

fn medication() -> impl Strategy<Value = Medication> {
    (
        -30.0f64..400.0,
        drug(),
        0.01f64..2000.0,
        prop::sample::select(Route::ALL.to_vec()),
    )
        .prop_map(|(day, drug, mg, route)| Medication::new(day, drug, mg, route).unwrap())
}

fn near(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * (1.0 + a.abs().max(b.abs()))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn cumulative_systemic_dose_never_decreases(meds in prop::collection::vec(medication(), 0..30)) {
        let l = steroids::ledger(&meds);
        let mut previous = 0.0;
        for row in &l.per_dose {
            prop_assert!(row.cumulative_systemic_dex_eq_mg >= previous);
            if !row.systemic {
                prop_assert_eq!(row.cumulative_systemic_dex_eq_mg, previous);
            }
            previous = row.cumulative_systemic_dex_eq_mg;
        }
        prop_assert_eq!(l.systemic_dex_eq_mg, previous);
    }

    #[test]
    fn days_are_in_order_and_every_steroid_is_listed(meds in prop::collection::vec(medication(), 0..30)) {
        let l = steroids::ledger(&meds);
        prop_assert!(l.per_dose.windows(2).all(|w| w[0].day <= w[1].day));
        let steroids = meds.iter().filter(|m| m.drug().steroid().is_some()).count();
        prop_assert_eq!(l.per_dose.len(), steroids);
        prop_assert_eq!(l.ignored, meds.len() - steroids);
    }

    #[test]
    fn totals_do_not_depend_on_entry_order(
        meds in prop::collection::vec(medication(), 0..30),
        seed in any::<u64>(),
    ) {
        let mut shuffled = meds.clone();
        // A deterministic shuffle from the seed (Fisher-Yates with a linear congruential step).
        let mut state = seed;
        for i in (1..shuffled.len()).rev() {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            let j = (state >> 33) as usize % (i + 1);
            shuffled.swap(i, j);
        }
        let (a, b) = (steroids::ledger(&meds), steroids::ledger(&shuffled));
        prop_assert!(near(a.systemic_dex_eq_mg, b.systemic_dex_eq_mg));
        prop_assert!(near(a.intrathecal_dex_eq_mg, b.intrathecal_dex_eq_mg));
        prop_assert_eq!(a.per_dose.len(), b.per_dose.len());
    }

    #[test]
    fn intrathecal_doses_never_change_the_systemic_total(meds in prop::collection::vec(medication(), 0..30)) {
        let systemic_only: Vec<Medication> =
            meds.iter().filter(|m| m.route().is_systemic()).cloned().collect();
        prop_assert_eq!(
            steroids::ledger(&meds).systemic_dex_eq_mg,
            steroids::ledger(&systemic_only).systemic_dex_eq_mg
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// A table corticosteroid's name under "other", in any case, with spaces or hyphens inserted
    /// and words around it, is refused and names that drug; never silently left out.
    #[test]
    fn a_table_steroid_name_in_any_spelling_is_refused(
        steroid in prop::sample::select(Steroid::ALL.to_vec()),
        upper in prop::collection::vec(any::<bool>(), 20),
        breaks in prop::collection::vec(prop::sample::select(vec!["", "", "", " ", "-"]), 20),
        prefix in prop::sample::select(vec!["", "IV ", "inj. "]),
        suffix in prop::sample::select(vec!["", " 8 mg", " sodium phosphate"]),
    ) {
        let mut label = String::from(prefix);
        for (i, c) in steroid.api_name().chars().enumerate() {
            label.push_str(breaks[i % breaks.len()]);
            if upper[i % upper.len()] { label.extend(c.to_uppercase()) } else { label.push(c) }
        }
        label.push_str(suffix);
        let m = Medication::new(1.0, Drug::Other { label: label.clone() }, 4.0, Route::Iv);
        let refused = matches!(
            m,
            Err(steroids::MedicationError::LabelNamesTableSteroid(s)) if s == steroid
        ) || matches!(
            m,
            Err(steroids::MedicationError::LabelIsListedDrug(steroids::DrugKind::Steroid(s))) if s == steroid
        );
        prop_assert!(refused, "{:?} -> {:?}", label, m);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// A table corticosteroid's name, or its first four letters or more, in any case and with
    /// other words around it, is refused under "other": as that drug, or as maybe short for it.
    #[test]
    fn a_table_steroid_name_or_its_start_among_other_words_is_refused(
        steroid in prop::sample::select(Steroid::ALL.to_vec()),
        cut in 4usize..=18,
        upper in prop::collection::vec(any::<bool>(), 18),
        before in prop::sample::select(vec!["", "IV ", "inj. ", "1x ", "(", "6-"]),
        after in prop::sample::select(vec!["", " 8 mg", " sodium phosphate", ")", "/PPI", " tabs"]),
    ) {
        let name = steroid.api_name();
        let start = &name[..cut.min(name.len())];
        let word: String = start
            .chars()
            .zip(&upper)
            .map(|(c, up)| if *up { c.to_ascii_uppercase() } else { c })
            .collect();
        let label = format!("{before}{word}{after}");
        let m = Medication::new(1.0, Drug::Other { label: label.clone() }, 4.0, Route::Iv);
        let refused = match &m {
            Err(steroids::MedicationError::LabelNamesTableSteroid(s)) => *s == steroid,
            Err(steroids::MedicationError::LabelIsListedDrug(steroids::DrugKind::Steroid(s))) => {
                *s == steroid
            }
            Err(steroids::MedicationError::LabelMayAbbreviateTableSteroid(candidates)) => {
                candidates.contains(&steroid)
            }
            _ => false,
        };
        prop_assert!(refused, "{:?} -> {:?}", label, m);
    }
}

/// One letter of a table corticosteroid's name substituted, deleted or inserted.
#[derive(Debug, Clone)]
enum Slip {
    Substitute(usize, char),
    Delete(usize),
    Insert(usize, char),
}

fn slip() -> impl Strategy<Value = Slip> {
    prop_oneof![
        (0usize..18, prop::char::range('a', 'z')).prop_map(|(i, c)| Slip::Substitute(i, c)),
        (0usize..18).prop_map(Slip::Delete),
        (0usize..=18, prop::char::range('a', 'z')).prop_map(|(i, c)| Slip::Insert(i, c)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// A table corticosteroid's name with one letter substituted, deleted or inserted (at
    /// least six letters left) is refused under "other", by some rule; never accepted.
    #[test]
    fn a_table_steroid_name_with_one_letter_wrong_is_refused(
        steroid in prop::sample::select(Steroid::ALL.to_vec()),
        slip in slip(),
        before in prop::sample::select(vec!["", "IV ", "inj. "]),
        after in prop::sample::select(vec!["", " 8 mg", " tabs"]),
    ) {
        let mut letters: Vec<char> = steroid.api_name().chars().collect();
        let n = letters.len();
        match slip {
            Slip::Substitute(i, c) => letters[i % n] = c,
            Slip::Delete(i) => {
                letters.remove(i % n);
            }
            Slip::Insert(i, c) => letters.insert(i % (n + 1), c),
        }
        prop_assume!(letters.len() >= 6);
        let word: String = letters.into_iter().collect();
        let label = format!("{before}{word}{after}");
        let m = Medication::new(1.0, Drug::Other { label: label.clone() }, 4.0, Route::Iv);
        let refused = matches!(
            m,
            Err(steroids::MedicationError::LabelNamesTableSteroid(_))
                | Err(steroids::MedicationError::LabelIsListedDrug(steroids::DrugKind::Steroid(_)))
                | Err(steroids::MedicationError::LabelMayAbbreviateTableSteroid(_))
                | Err(steroids::MedicationError::LabelMayMisspellTableSteroid(_))
        );
        prop_assert!(refused, "{:?} -> {:?}", label, m);
    }
}
