//! The case file and `evaluateCase` through the JSON boundary: timelines, the published example,
//! lossless export/import, and errors with full paths.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use icans_calc::api;
use icans_calc::example::{AUC_DIFFERENCE_NOTE, example_case, example_case_json};
use icans_calc::json::Json;
use icans_calc::published::PUBLISHED_CASE;
use serde_json::{Value, json};

fn to_json(v: &Value) -> Json {
    serde_json::from_value(v.clone()).unwrap()
}

fn evaluate(v: Value) -> Result<Value, String> {
    api::evaluate_case(&to_json(&v))
        .map(|r| serde_json::to_value(r).unwrap())
        .map_err(|e| e.to_string())
}

fn case_with(assessments: Value) -> Value {
    json!({"schema": "icans-calc/case@1", "patient": {"label": "test", "ageYears": 50},
           "assessments": assessments})
}

fn level(grade: u8) -> &'static str {
    [
        "alert",
        "awakensSpontaneously",
        "awakensToVoice",
        "awakensToTactile",
        "unarousable",
    ][usize::from(grade)]
}

/// An ICANS input graded from consciousness (alert 0, spontaneously 1, voice 2, tactile 3,
/// unarousable 4) with a normal ICE (10), so it can show improvement and resolution.
fn icans(grade: u8) -> Value {
    json!({"consciousness": level(grade), "ice": ice(4, 3, 1, 1, 1)})
}

/// The same grade from consciousness alone (ICE not entered): cannot show resolution.
fn consciousness_only(grade: u8) -> Value {
    json!({"consciousness": level(grade)})
}

fn a(day: f64, grade: u8) -> Value {
    json!({"day": day, "icans": icans(grade)})
}

fn ice(o: u8, n: u8, c: u8, w: u8, at: u8) -> Value {
    json!({"orientation": o, "naming": n, "commands": c, "writing": w, "attention": at})
}

fn assert_near(got: &Value, want: f64) {
    let g = got.as_f64().unwrap_or(f64::NAN);
    assert!(
        (g - want).abs() <= 1e-9 * (1.0 + want.abs()),
        "{g} vs {want}"
    );
}

// ---------- timelines ----------

#[test]
fn unsorted_input_is_graded_in_day_order_with_input_positions() {
    let r = evaluate(case_with(json!([
        a(6.0, 0),
        a(2.0, 1),
        a(3.0, 3),
        a(4.5, 1)
    ])))
    .unwrap();
    let days: Vec<f64> = r["assessments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["day"].as_f64().unwrap())
        .collect();
    assert_eq!(days, vec![2.0, 3.0, 4.5, 6.0]);
    assert_eq!(r["assessments"][0]["inputIndex"], 1);
    assert_eq!(r["assessments"][3]["inputIndex"], 0);
    assert_eq!(r["assessments"][1]["icans"]["grade"], 3);
    assert_eq!(r["assessments"][0]["crs"], Value::Null);
    let c = &r["course"]["icans"];
    assert_eq!(c["onsetDay"], 2.0);
    assert_eq!(c["peakGrade"], 3);
    assert_eq!(c["peakDay"], 3.0);
    assert_eq!(c["improvedDay"], 4.5);
    assert_eq!(c["resolvedDay"], 6.0);
    assert_eq!(c["durationDays"], 4.0);
    assert_eq!(c["recurredDay"], Value::Null);
    assert!(
        r["course"]["rules"]
            .as_str()
            .unwrap()
            .contains("later in time than that peak assessment")
    );
}

#[test]
fn second_episode_after_resolution_keeps_the_first_resolution_and_reports_the_recurrence() {
    // Episode 1: grade 3 on day 2, grade 0 on day 4. Episode 2: grade 2 on day 8, still on day 9.
    // The summary follows the SPEC rules: the peak (3, day 2) and the first grade 0 after it
    // (day 4); `recurredDay` (day 8) and `lastGrade` (2) show that ICANS came back.
    let r = evaluate(case_with(json!([
        a(1.0, 0),
        a(2.0, 3),
        a(4.0, 0),
        a(8.0, 2),
        a(9.0, 2)
    ])))
    .unwrap();
    let c = &r["course"]["icans"];
    assert_eq!(c["onsetDay"], 2.0);
    assert_eq!(
        (c["peakGrade"].clone(), c["peakDay"].clone()),
        (json!(3), json!(2.0))
    );
    assert_eq!(c["resolvedDay"], 4.0);
    assert_eq!(c["durationDays"], 2.0);
    assert_eq!(c["recurredDay"], 8.0);
    assert_eq!(
        (c["lastDay"].clone(), c["lastGrade"].clone()),
        (json!(9.0), json!(2))
    );
}

#[test]
fn no_resolution_yet_leaves_resolution_and_duration_null() {
    let r = evaluate(case_with(json!([a(5.0, 2), a(6.0, 4), a(7.0, 3)]))).unwrap();
    let c = &r["course"]["icans"];
    assert_eq!(c["peakGrade"], 4);
    assert_eq!(c["peakDay"], 6.0);
    assert_eq!(c["improvedDay"], Value::Null);
    assert_eq!(c["resolvedDay"], Value::Null);
    assert_eq!(c["durationDays"], Value::Null);
    assert_eq!(c["lastGrade"], 3);
}

#[test]
fn grade_0_only_has_peak_0_and_no_days() {
    let r = evaluate(case_with(json!([a(1.0, 0), a(2.0, 0)]))).unwrap();
    let c = &r["course"]["icans"];
    assert_eq!(c["onsetDay"], Value::Null);
    assert_eq!(c["peakGrade"], 0);
    assert_eq!(c["peakDay"], Value::Null);
    assert_eq!(c["improvedDay"], Value::Null);
    assert_eq!(c["resolvedDay"], Value::Null);
    assert_eq!(c["durationDays"], Value::Null);
}

#[test]
fn ties_on_the_same_day_keep_input_order_and_are_not_strictly_later() {
    // Day 3 holds grade 2 then grade 4 (as entered), and a grade 0 on the same day: the peak is
    // day 3, and the same-day grade 0 is not "after the peak".
    let r = evaluate(case_with(json!([
        a(3.0, 2),
        a(3.0, 4),
        a(3.0, 0),
        a(4.0, 1),
        a(5.0, 0)
    ])))
    .unwrap();
    let grades: Vec<u64> = r["assessments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["icans"]["grade"].as_u64().unwrap())
        .collect();
    assert_eq!(grades, vec![2, 4, 0, 1, 0]);
    let c = &r["course"]["icans"];
    assert_eq!(c["onsetDay"], 3.0);
    assert_eq!(c["peakDay"], 3.0);
    assert_eq!(c["improvedDay"], 4.0);
    assert_eq!(c["resolvedDay"], 5.0);
}

#[test]
fn icans_and_crs_courses_use_only_their_own_assessments() {
    let r = evaluate(case_with(json!([
        {"day": 1, "crs": {"fever": "present", "hypotension": "noVasopressors"}},
        {"day": 2, "icans": icans(2)},
        {"day": 3, "crs": {"temperatureC": 37.0}, "icans": icans(0)},
    ])))
    .unwrap();
    let (i, c) = (&r["course"]["icans"], &r["course"]["crs"]);
    assert_eq!(
        (i["assessments"].clone(), c["assessments"].clone()),
        (json!(2), json!(2))
    );
    assert_eq!(
        (i["onsetDay"].clone(), i["resolvedDay"].clone()),
        (json!(2.0), json!(3.0))
    );
    assert_eq!(
        (c["onsetDay"].clone(), c["peakGrade"].clone()),
        (json!(1.0), json!(2))
    );
    assert_eq!(c["resolvedDay"], 3.0);
    assert_eq!(r["assessments"][0]["icans"], Value::Null);
    assert_eq!(r["assessments"][0]["crs"]["grade"], 2);
}

#[test]
fn fractional_days_give_hours_and_negative_days_are_before_infusion() {
    let r = evaluate(case_with(json!([a(-2.0, 0), a(14.25, 3), a(14.5, 0)]))).unwrap();
    let c = &r["course"]["icans"];
    assert_eq!(c["peakDay"], 14.25);
    assert_eq!(c["durationDays"], 0.25);
}

// ---------- intrathecal response ----------

#[test]
fn intrathecal_rows_measure_hours_to_the_first_later_assessment() {
    let mut c = case_with(json!([
        a(10.0, 3),
        a(10.0 + 1.0 / 24.0, 3),
        a(10.0 + 5.0 / 24.0, 1),
        a(11.0, 2),
        a(12.5, 0)
    ]));
    c["medications"] = json!([
        {"day": 10.0 + 1.0 / 24.0, "drug": "methotrexate", "mg": 12, "route": "it"},
        {"day": 10.0 + 1.0 / 24.0, "drug": "other", "label": "thiotepa IT", "mg": 10, "route": "it"},
        {"day": 10.0 + 1.0 / 24.0, "drug": "dexamethasone", "mg": 8, "route": "iv"},
        {"day": 13, "drug": "cytarabine", "mg": 40, "route": "it"},
    ]);
    let r = evaluate(c).unwrap();
    let it = r["intrathecal"].as_array().unwrap();
    assert_eq!(it.len(), 2);
    // The assessment at the same time as the IT dose is not "strictly later".
    assert_eq!(it[0]["drugs"], json!(["methotrexate", "thiotepa IT"]));
    assert_eq!(
        it[0]["doses"][0],
        json!({"drug": "methotrexate", "mg": 12.0})
    );
    assert_eq!(it[0]["hoursToGrade1OrLess"], 4.0);
    // 10 d 1 h -> 12 d 12 h = 59 h.
    assert_eq!(it[0]["hoursToGrade0"], 59.0);
    // Nothing graded after day 13.
    assert_eq!(it[1]["day"], 13.0);
    assert_eq!(it[1]["hoursToGrade1OrLess"], Value::Null);
    assert_eq!(it[1]["hoursToGrade0"], Value::Null);
}

#[test]
fn intrathecal_ignores_crs_only_assessments() {
    // A CRS-only assessment is neither the latest ICANS assessment at the dose (day 0.9) nor a
    // response (day 2); ICANS grade 2 on day 0.5 makes the dose a treatment.
    let mut c = case_with(json!([
        a(0.5, 2),
        {"day": 0.9, "crs": {"fever": "absent"}},
        {"day": 2, "crs": {"fever": "absent"}},
        a(3.0, 0)
    ]));
    c["medications"] = json!([{"day": 1, "drug": "methotrexate", "mg": 12, "route": "it"}]);
    let r = evaluate(c).unwrap();
    assert_eq!(r["intrathecal"][0]["hoursToGrade0"], 48.0);
    assert_eq!(
        r["intrathecal"][0]["icansAtDose"],
        json!({"day": 0.5, "grade": 2})
    );
}

// ---------- resolution only from an assessment that can show it ----------

/// All five ICANS domains assessed and normal: grade 0, complete.
fn full_normal() -> Value {
    json!({"ice": ice(4, 3, 1, 1, 1), "consciousness": "alert", "seizure": "none",
           "motor": "none", "icpEdema": "none"})
}

#[test]
fn grade_0_without_the_ice_score_is_passed_over_for_resolution() {
    let r = evaluate(case_with(json!([
        a(2.0, 3),
        {"day": 3.0, "icans": consciousness_only(0)},
        {"day": 4.0, "icans": full_normal()}
    ])))
    .unwrap();
    let c = &r["course"]["icans"];
    assert_eq!(c["improvedDay"], 4.0);
    assert_eq!(c["resolvedDay"], 4.0);
    assert_eq!(c["durationDays"], 2.0);
    assert_eq!(
        c["passedOver"],
        json!([{"day": 3.0, "grade": 0, "gaps": [{"domain": "tool", "reason": "notAssessed"}]}])
    );
    assert_eq!(c["resolvedNotAssessed"], json!([]));
}

#[test]
fn grade_0_with_ice_and_consciousness_resolves_and_names_what_was_not_assessed() {
    let r = evaluate(case_with(json!([a(2.0, 3), a(3.0, 0)]))).unwrap();
    let c = &r["course"]["icans"];
    assert_eq!(c["resolvedDay"], 3.0);
    assert_eq!(c["passedOver"], json!([]));
    assert_eq!(
        c["resolvedNotAssessed"],
        json!(["seizure", "motor", "icpEdema"])
    );
    assert_eq!(c["improvedNotAssessed"], c["resolvedNotAssessed"]);
}

#[test]
fn consciousness_not_assessed_cannot_show_resolution() {
    let r = evaluate(case_with(json!([
        a(2.0, 3),
        {"day": 3.0, "icans": {"ice": ice(4, 3, 1, 1, 1)}}
    ])))
    .unwrap();
    let c = &r["course"]["icans"];
    assert_eq!(c["resolvedDay"], Value::Null);
    assert_eq!(c["improvedDay"], Value::Null);
    assert_eq!(
        c["passedOver"][0]["gaps"],
        json!([{"domain": "consciousness", "reason": "notAssessed"}])
    );
}

#[test]
fn a_sedated_patient_whose_domains_are_attributed_elsewhere_is_not_resolved() {
    // Intubated and sedated: consciousness and ICE attributed to another cause grade 0, but say
    // nothing about the encephalopathy.
    let sedated = json!({"ice": "unarousable", "consciousness": "unarousable",
                         "otherCause": ["tool", "consciousness"]});
    let r = evaluate(case_with(json!([
        a(2.0, 4),
        {"day": 3.0, "icans": sedated}
    ])))
    .unwrap();
    assert_eq!(r["assessments"][1]["icans"]["grade"], 0);
    let c = &r["course"]["icans"];
    assert_eq!(
        (c["peakGrade"].clone(), c["peakDay"].clone()),
        (json!(4), json!(2.0))
    );
    assert_eq!(c["resolvedDay"], Value::Null);
    assert_eq!(c["durationDays"], Value::Null);
    assert_eq!(
        c["passedOver"][0]["gaps"],
        json!([{"domain": "tool", "reason": "otherCause"},
               {"domain": "consciousness", "reason": "otherCause"}])
    );
    assert_eq!(c["lastGrade"], 0);
}

#[test]
fn incomplete_assessments_still_count_for_onset_and_peak() {
    let r = evaluate(case_with(json!([
        a(1.0, 0),
        {"day": 2.0, "icans": consciousness_only(3)},
        a(4.0, 0)
    ])))
    .unwrap();
    let c = &r["course"]["icans"];
    assert_eq!(c["onsetDay"], 2.0);
    assert_eq!(
        (c["peakGrade"].clone(), c["peakDay"].clone()),
        (json!(3), json!(2.0))
    );
    assert_eq!(c["resolvedDay"], 4.0);
}

#[test]
fn an_episode_that_worsens_again_before_resolving_says_so() {
    let r = evaluate(case_with(json!([
        a(14.0, 4),
        a(15.0, 1),
        a(16.0, 3),
        a(18.0, 0)
    ])))
    .unwrap();
    let c = &r["course"]["icans"];
    assert_eq!(c["improvedDay"], 15.0);
    assert_eq!(c["resolvedDay"], 18.0);
    assert_eq!(c["worsenedAgain"], json!({"day": 16.0, "grade": 3}));
}

#[test]
fn a_steady_improvement_has_no_worsening() {
    let r = evaluate(case_with(json!([
        a(14.0, 4),
        a(15.0, 2),
        a(16.0, 1),
        a(18.0, 0)
    ])))
    .unwrap();
    assert_eq!(r["course"]["icans"]["worsenedAgain"], Value::Null);
}

#[test]
fn a_complete_assessment_above_an_incomplete_lower_one_is_not_a_worsening() {
    // Day 15 graded 1 from consciousness alone (ICE not done) is a lower bound; day 16's complete
    // grade 2 is not a worsening from it, only from the last complete grade (4).
    let r = evaluate(case_with(json!([
        a(14.0, 4),
        {"day": 15.0, "icans": consciousness_only(1)},
        a(16.0, 2),
        a(18.0, 0)
    ])))
    .unwrap();
    assert_eq!(r["course"]["icans"]["worsenedAgain"], Value::Null);
}

// ---------- intrathecal response only while ICANS is active ----------

#[test]
fn intrathecal_prophylaxis_without_active_icans_has_no_response_times() {
    let mut c = case_with(json!([a(1.0, 0), a(6.0, 0)]));
    c["medications"] = json!([{"day": 1, "drug": "methotrexate", "mg": 12, "route": "it"}]);
    let r = evaluate(c).unwrap();
    let it = &r["intrathecal"][0];
    assert_eq!(it["icansActive"], false);
    assert_eq!(it["icansAtDose"], json!({"day": 1.0, "grade": 0}));
    assert_eq!(it["hoursToGrade1OrLess"], Value::Null);
    assert_eq!(it["hoursToGrade0"], Value::Null);
    assert_eq!(it["hoursToNextAssessment"], 120.0);
}

#[test]
fn intrathecal_before_any_icans_assessment_has_no_response_times() {
    let mut c = case_with(json!([a(2.0, 0)]));
    c["medications"] = json!([{"day": 1, "drug": "cytarabine", "mg": 40, "route": "it"}]);
    let r = evaluate(c).unwrap();
    let it = &r["intrathecal"][0];
    assert_eq!(
        (it["icansActive"].clone(), it["icansAtDose"].clone()),
        (json!(false), Value::Null)
    );
    assert_eq!(it["hoursToGrade0"], Value::Null);
}

#[test]
fn intrathecal_with_grade_1_at_the_dose_is_a_treatment() {
    let mut c = case_with(json!([a(1.0, 1), a(3.0, 0)]));
    c["medications"] = json!([{"day": 1.5, "drug": "cytarabine", "mg": 40, "route": "it"}]);
    let r = evaluate(c).unwrap();
    let it = &r["intrathecal"][0];
    assert_eq!(it["icansActive"], true);
    assert_eq!(it["hoursToGrade1OrLess"], 36.0);
    assert_eq!(it["hoursToGrade0"], 36.0);
}

#[test]
fn intrathecal_response_skips_assessments_that_cannot_show_it() {
    let mut c = case_with(json!([
        a(1.0, 4),
        {"day": 1.25, "icans": consciousness_only(0)},
        a(2.0, 0)
    ]));
    c["medications"] = json!([{"day": 1, "drug": "methotrexate", "mg": 15, "route": "it"}]);
    let r = evaluate(c).unwrap();
    let it = &r["intrathecal"][0];
    assert_eq!(it["hoursToGrade0"], 24.0);
    assert_eq!(it["hoursToNextAssessment"], 6.0);
    assert_eq!(it["passedOver"][0]["day"], 1.25);
}

// ---------- parts of the result ----------

#[test]
fn kinetics_and_hematotox_are_null_without_their_inputs() {
    let r = evaluate(case_with(json!([a(1.0, 0)]))).unwrap();
    assert_eq!(r["kinetics"], Value::Null);
    assert_eq!(r["hematotox"], Value::Null);
    assert_eq!(r["steroids"]["systemicDexEqMg"], 0.0);
    assert_eq!(r["intrathecal"], json!([]));
}

#[test]
fn kinetics_use_the_case_settings_and_hematotox_the_baseline() {
    let mut c = case_with(json!([]));
    c["cells"] = json!({"blood": {"total": [[7, 10], [14, 20], [21, 10], [28, 0]],
                                  "cd4": [[14, 18]], "cd8": [[14, 2]]}});
    c["settings"] = json!({"aucMethod": "linUpLogDown", "horizonsDays": [21]});
    c["baseline"] = json!({"plateletsPerUl": 74999, "ancPerUl": 1200, "hbGPerDl": 9.1,
                           "crpMgPerL": 30, "ferritinNgPerMl": 2001});
    let r = evaluate(c).unwrap();
    assert_eq!(r["kinetics"]["method"], "linUpLogDown");
    let auc = r["kinetics"]["series"]["total"]["auc"].as_array().unwrap();
    assert_eq!(auc.len(), 1);
    assert_eq!(auc[0]["toDay"], 21.0);
    assert_eq!(r["kinetics"]["ratioCd4Cd8"], json!([[14.0, 9.0]]));
    // 2 + 1 + 0 + 1 + 2
    assert_eq!(r["hematotox"]["score"], 6);
    assert_eq!(r["hematotox"]["risk"], "high");
}

#[test]
fn default_kinetics_settings_are_linear_28_and_90() {
    let mut c = case_with(json!([]));
    c["cells"] = json!({"blood": {"total": [[14, 77.7], [28, 27.9]]}});
    let r = evaluate(c).unwrap();
    assert_eq!(r["kinetics"]["method"], "linear");
    let horizons: Vec<f64> = r["kinetics"]["series"]["total"]["auc"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["toDay"].as_f64().unwrap())
        .collect();
    assert_eq!(horizons, vec![28.0, 90.0]);
}

// ---------- patient age and the ICE/CAPD choice ----------

#[test]
fn patient_age_chooses_capd_when_the_assessment_gives_neither_age_nor_tool() {
    let capd = json!([
        "always", "always", "always", "always", "never", "never", "never", "never"
    ]);
    let mut c = case_with(json!([{"day": 1, "icans": {"capd": capd}}]));
    c["patient"] = json!({"label": "child", "ageYears": 8});
    let r = evaluate(c.clone()).unwrap();
    assert_eq!(r["assessments"][0]["icans"]["tool"], "capd");
    assert_eq!(r["assessments"][0]["icansAgeFromPatient"], true);

    // ICE for this 8-year-old without choosing the tool is an error, named at the field.
    c["assessments"] = json!([{"day": 1, "icans": {"ice": ice(4, 3, 1, 1, 1)}}]);
    let err = evaluate(c.clone()).unwrap_err();
    assert!(
        err.starts_with("assessments[0].icans.ice: cannot be given together with tool CAPD"),
        "{err}"
    );

    // An explicit tool (or the assessment's own age) wins over the patient's age.
    c["assessments"] = json!([{"day": 1, "icans": {"tool": "ice", "ice": ice(4, 3, 1, 1, 1)}}]);
    let r = evaluate(c.clone()).unwrap();
    assert_eq!(r["assessments"][0]["icans"]["tool"], "ice");
    assert_eq!(r["assessments"][0]["icansAgeFromPatient"], false);
    c["assessments"] = json!([{"day": 1, "icans": {"ageYears": 12, "ice": ice(4, 3, 1, 1, 1)}}]);
    assert_eq!(
        evaluate(c).unwrap()["assessments"][0]["icans"]["tool"],
        "ice"
    );
}

#[test]
fn a_null_age_or_tool_in_the_assessment_counts_as_absent() {
    let capd = json!([
        "never", "never", "never", "never", "never", "never", "never", "never"
    ]);
    let mut c =
        case_with(json!([{"day": 1, "icans": {"ageYears": null, "tool": null, "capd": capd}}]));
    c["patient"] = json!({"label": "child", "ageYears": 5});
    let r = evaluate(c.clone()).unwrap();
    assert_eq!(r["assessments"][0]["icans"]["tool"], "capd");
    assert_eq!(r["assessments"][0]["icansAgeFromPatient"], true);
    // The stored input is unchanged (the nulls are kept, no age is added).
    let case = api::parse_case(&to_json(&c)).unwrap();
    let exported = serde_json::to_value(&case).unwrap();
    assert_eq!(exported["assessments"][0]["icans"]["ageYears"], Value::Null);
    assert!(
        exported["assessments"][0]["icans"]
            .as_object()
            .unwrap()
            .contains_key("ageYears")
    );
}

#[test]
fn day_minus_30_is_accepted_for_every_dated_entry() {
    let mut c = case_with(json!([a(-30.0, 0)]));
    c["medications"] = json!([{"day": -30, "drug": "dexamethasone", "mg": 4, "route": "po"}]);
    c["labs"] = json!([{"day": -30, "analyte": "ldh", "value": 250, "unit": "U/L"}]);
    c["cells"] = json!({"csf": [{"day": -30, "wbcPerUl": 1}]});
    assert!(evaluate(c).is_ok());
}

#[test]
fn without_patient_age_ice_is_used() {
    let c = json!({"schema": "icans-calc/case@1", "patient": {"label": "x"},
                   "assessments": [{"day": 1, "icans": {"ice": ice(4, 3, 1, 1, 0)}}]});
    let r = evaluate(c).unwrap();
    assert_eq!(r["assessments"][0]["icans"]["tool"], "ice");
    assert_eq!(r["assessments"][0]["icans"]["grade"], 1);
    assert_eq!(r["assessments"][0]["icansAgeFromPatient"], false);
}

// ---------- the published example ----------

#[test]
fn example_case_parses_and_uses_only_published_figures() {
    let c = example_case().unwrap();
    assert_eq!(c.patient.age_years(), Some(PUBLISHED_CASE.age_years));
    assert_eq!(c.assessments.len(), 4);
    assert_eq!(c.medications.len(), 5);
    assert!(
        c.baseline.is_none(),
        "CAR-HEMATOTOX inputs were not published"
    );
    assert!(c.labs.is_empty(), "CRP 340 mg/L has no published day");
    assert!(c.infusion_date.is_none());
    let blood = c.cells.blood.as_ref().unwrap();
    assert_eq!(blood.len(), 1);
    assert_eq!(
        blood[0].1.samples(),
        &[(14.0, 77.7), (28.0, 27.9), (90.0, 2.5), (180.0, 0.76)]
    );
    let csf = &c.cells.csf[0];
    assert_eq!(
        (
            csf.wbc_per_ul(),
            csf.car_t_percent_of_leukocytes(),
            csf.cd4_cd8_ratio()
        ),
        (Some(2.0), Some(31.6), Some(54.0))
    );
    // Every assumption is stated.
    let notes = c.notes.join("\n");
    for needle in [
        "day 90",
        "day 180",
        "+1 h",
        "IT + 6 h",
        "IT + 32 h",
        "76 mg",
        "not published",
        "CRP 340 mg/L",
        "CAR-HEMATOTOX 2",
        AUC_DIFFERENCE_NOTE,
    ] {
        assert!(notes.contains(needle), "notes should mention {needle:?}");
    }
    let later = c.medications.last().unwrap();
    assert_eq!(later.mg(), 76.0);
    assert!(later.note().unwrap().starts_with("NOT A PUBLISHED DOSE"));
    for a in &c.assessments {
        assert!(a.note().is_some());
    }
}

#[test]
fn example_case_evaluates_to_the_published_course() {
    let r = evaluate(serde_json::to_value(example_case_json()).unwrap()).unwrap();
    let it_day = 14.0 + 1.0 / 24.0;
    let grades: Vec<u64> = r["assessments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["icans"]["grade"].as_u64().unwrap())
        .collect();
    // Day 14 grade III (ICE 2), +1 h grade IV (coma), IT + 6 h grade II (ICE 6), IT + 32 h grade 0.
    assert_eq!(grades, vec![3, 4, 2, 0]);
    let ice_totals: Vec<Value> = r["assessments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["icans"]["iceTotal"].clone())
        .collect();
    assert_eq!(ice_totals, vec![json!(2), json!(0), json!(6), json!(10)]);
    assert_eq!(r["assessments"][0]["icans"]["tool"], "ice");
    assert_eq!(r["assessments"][0]["icansAgeFromPatient"], true);
    assert_eq!(r["assessments"][0]["crs"]["grade"], 0);

    let c = &r["course"]["icans"];
    assert_eq!(c["onsetDay"], 14.0);
    assert_eq!(c["peakGrade"], 4);
    assert_near(&c["peakDay"], it_day);
    assert_eq!(c["improvedDay"], 15.375);
    assert_eq!(c["resolvedDay"], 15.375);
    // 14.0 -> 15.375 = 33 h.
    assert_eq!(c["durationDays"], 1.375);
    assert_eq!(r["course"]["crs"]["peakGrade"], 0);

    let it = r["intrathecal"].as_array().unwrap();
    assert_eq!(it.len(), 1);
    assert_eq!(
        it[0]["drugs"],
        json!(["methotrexate", "cytarabine", "dexamethasone"])
    );
    // Grade II at +6 h is not <= 1; grade 0 at +32 h is the first.
    assert_eq!(it[0]["hoursToGrade1OrLess"], 32.0);
    assert_eq!(it[0]["hoursToGrade0"], 32.0);

    assert_eq!(r["steroids"]["systemicDexEqMg"], 96.0);
    assert_eq!(r["steroids"]["intrathecalDexEqMg"], 4.0);
    assert_eq!(r["steroids"]["ignored"], 2);
    let cumulative: Vec<f64> = r["steroids"]["perDose"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["cumulativeSystemicDexEqMg"].as_f64().unwrap())
        .collect();
    assert_eq!(cumulative, vec![20.0, 20.0, 96.0]);

    let k = &r["kinetics"]["series"]["total"];
    assert_eq!(k["cmax"], 77.7);
    assert_eq!(k["tmax"], 14.0);
    // From the published points alone: 14 × 77.7 / 2 + 14 × (77.7 + 27.9) / 2 = 543.9 + 739.2.
    assert_near(&k["auc"][0]["value"], 1283.1);
    assert_ne!(k["auc"][0]["value"], json!(751.3));
    // + 62 × (27.9 + 2.5) / 2 = 942.4 -> AUC0-90 2225.5 (published AUC0-3 months: 1333).
    assert_near(&k["auc"][1]["value"], 2225.5);
    assert_eq!(r["hematotox"], Value::Null);
}

// ---------- lossless export / import ----------

#[test]
fn example_round_trips_through_export_and_import() {
    let first = example_case().unwrap();
    let exported = api::case_to_json(&first);
    let second = api::parse_case(&exported).unwrap();
    assert_eq!(first, second);
    assert_eq!(api::case_to_json(&second), exported);
    // Through JSON text as well (what a file export/import does).
    let text = serde_json::to_string(&first).unwrap();
    let third = api::parse_case(&serde_json::from_str::<Json>(&text).unwrap()).unwrap();
    assert_eq!(first, third);
}

/// The published example with its 20 mg dexamethasone relabelled other/"dex" is refused at that
/// entry, not imported with the dose left out of the steroid total.
#[test]
fn a_case_with_a_steroid_relabelled_as_an_abbreviation_is_refused() {
    let mut case = serde_json::to_value(example_case_json()).unwrap();
    let first = &mut case["medications"][0];
    assert_eq!(first["drug"], "dexamethasone");
    first["drug"] = json!("other");
    first["label"] = json!("dex");
    let err = api::parse_case(&to_json(&case)).unwrap_err().to_string();
    assert!(
        err.starts_with("medications[0].label: may be short for dexamethasone"),
        "{err}"
    );
}

#[test]
fn minimal_case_round_trips_with_optional_fields_absent() {
    let input = json!({"schema": "icans-calc/case@1", "patient": {"label": ""}});
    let first = api::parse_case(&to_json(&input)).unwrap();
    let exported = serde_json::to_value(&first).unwrap();
    assert_eq!(
        exported,
        json!({"schema": "icans-calc/case@1", "patient": {"label": ""}, "notes": [],
               "assessments": [], "medications": [], "cells": {"csf": []}, "labs": [],
               "settings": {}})
    );
    assert_eq!(api::parse_case(&to_json(&exported)).unwrap(), first);
}

#[test]
fn full_case_round_trips_with_fractional_days_and_every_part() {
    let input = json!({
        "schema": "icans-calc/case@1",
        "patient": {"label": "Bed 4", "ageYears": 61.5},
        "infusionDate": "2024-02-29",
        "notes": ["first note"],
        "assessments": [
            {"day": 14.291666666666666, "icans": {"ice": ice(3, 2, 1, 0, 0), "seizure": null, "otherCause": []},
             "crs": {"temperatureC": 38.4, "oxygen": "nasalCannula", "oxygenLitersPerMin": 2}, "note": "night"},
            {"day": -0.5, "crs": {"fever": "masked", "hypotension": "oneVasopressor"}},
            {"day": 3.1, "icans": {"ageYears": 10, "capd": "unarousable"}}
        ],
        "medications": [
            {"day": 14.041666666666666, "drug": "dexamethasone", "mg": 4, "route": "it", "note": "with MTX"},
            {"day": -5, "drug": "other", "label": "fludarabine", "mg": 45, "route": "iv"},
            {"day": 3.3333333333333335, "drug": "tocilizumab", "mg": 560, "route": "iv"}
        ],
        "cells": {
            "blood": {"cd8": [[28, 0.3], [14, 1.1]], "total": [[14, 77.7]]},
            "csf": [{"day": 14.041666666666666, "carTPercentOfLeukocytes": 31.6, "note": "LP"},
                    {"day": 20, "wbcPerUl": 0}]
        },
        "labs": [
            {"day": -5, "analyte": "crp", "value": 340, "unit": "mg/L"},
            {"day": 14.5, "analyte": "hemoglobin", "value": 87, "unit": "g/L", "note": "g/L as reported"},
            {"day": 14.5, "analyte": "platelets", "value": 61, "unit": "10^9/L"},
            {"day": 15, "analyte": "anc", "value": 900, "unit": "/µL"}
        ],
        "baseline": {"plateletsPerUl": 150000, "ancPerUl": 1500, "hbGPerDl": 10.2,
                     "crpMgPerL": 340, "ferritinNgPerMl": 1200},
        "settings": {"aucMethod": "linUpLogDown", "horizonsDays": [28, 84]}
    });
    let first = api::parse_case(&to_json(&input)).unwrap();
    let text = serde_json::to_string(&first).unwrap();
    let second = api::parse_case(&serde_json::from_str::<Json>(&text).unwrap()).unwrap();
    assert_eq!(first, second);
    assert_eq!(serde_json::to_string(&second).unwrap(), text);
    // Values keep their units; nothing is converted on the way in or out.
    let exported: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(exported["labs"][1]["value"], 87.0);
    assert_eq!(exported["labs"][1]["unit"], "g/L");
    assert_eq!(exported["baseline"]["crpMgPerL"], 340.0);
    assert_eq!(exported["infusionDate"], "2024-02-29");
    assert_eq!(exported["assessments"][0]["day"], 14.291666666666666);
    // ICANS and CRS inputs are written back exactly as read (here including a null and []).
    assert_eq!(
        to_json(&exported["assessments"][0]["icans"]),
        to_json(&input["assessments"][0]["icans"])
    );
    // Blood series are written in series order, samples sorted by day.
    assert_eq!(
        exported["cells"]["blood"],
        json!({"total": [[14.0, 77.7]], "cd8": [[14.0, 1.1], [28.0, 0.3]]})
    );
    // And the evaluation is the same before and after.
    assert_eq!(
        serde_json::to_value(icans_calc::case::evaluate(&first)).unwrap(),
        serde_json::to_value(icans_calc::case::evaluate(&second)).unwrap()
    );
}

// ---------- errors with full paths ----------

#[test]
fn errors_name_the_full_path() {
    let base = || {
        json!({"schema": "icans-calc/case@1", "patient": {"label": "x", "ageYears": 40},
               "assessments": [a(1.0, 0), a(2.0, 1), a(3.0, 0)]})
    };
    let with = |f: &dyn Fn(&mut Value)| {
        let mut v = base();
        f(&mut v);
        v
    };
    let cases: Vec<(Value, &str)> = vec![
        (
            with(&|v| v["assessments"][2]["icans"] = json!({"ice": ice(5, 3, 1, 1, 1)})),
            "assessments[2].icans.ice.orientation: must be 0-4, got 5",
        ),
        (
            with(&|v| {
                v["medications"] = json!([
                {"day": 1, "drug": "dexamethasone", "mg": 4, "route": "iv"},
                {"day": 1, "drug": "dexamethason", "mg": 4, "route": "iv"}])
            }),
            "medications[1].drug: unknown value \"dexamethason\"; expected one of: dexamethasone, methylprednisolone, prednisone, prednisolone, hydrocortisone, tocilizumab, siltuximab, anakinra, methotrexate, cytarabine, other",
        ),
        (
            with(&|v| v["assessments"][1] = json!({"day": 2})),
            "assessments[1]: an assessment needs an icans or a crs input (or both)",
        ),
        (
            with(&|v| v["assessments"][1] = json!({"day": 2, "icans": null, "crs": null})),
            "assessments[1]: an assessment needs an icans or a crs input (or both)",
        ),
        (
            with(&|v| v["assessments"][0]["day"] = json!(-30.5)),
            "assessments[0].day: must be from -30 to 36525 days, got -30.5",
        ),
        (
            with(&|v| v["assessments"][0]["time"] = json!("06:00")),
            "assessments[0].time: unknown field; expected one of: day, icans, crs, note",
        ),
        (
            with(&|v| v["assessments"][0]["icans"] = json!({"consciusness": "alert"})),
            "assessments[0].icans.consciusness: unknown field",
        ),
        (
            with(&|v| v["assessments"][1]["crs"] = json!({"temperatureC": 101})),
            "assessments[1].crs.temperatureC: must be 25-45 °C, got 101",
        ),
        (
            with(&|v| v["assessments"][0]["icans"] = json!({})),
            "assessments[0].icans: no ICANS domain was assessed",
        ),
        (
            with(&|v| v["assessments"][0]["note"] = json!(5)),
            "assessments[0].note: must be text, got 5",
        ),
        (
            with(&|v| v["schema"] = json!("icans-calc/case@2")),
            "schema: unknown value \"icans-calc/case@2\"; expected one of: icans-calc/case@1",
        ),
        (
            with(&|v| {
                v.as_object_mut().unwrap().remove("schema");
            }),
            "schema: is required",
        ),
        (
            with(&|v| v["patient"] = json!({"ageYears": 40})),
            "patient.label: is required",
        ),
        (
            with(&|v| v["patient"]["ageYears"] = json!(121)),
            "patient.ageYears: must be 0-120 years, got 121",
        ),
        (
            with(&|v| v["patient"]["name"] = json!("J. Doe")),
            "patient.name: unknown field; expected one of: label, ageYears",
        ),
        (
            with(&|v| v["infusionDate"] = json!("2023-02-29")),
            "infusionDate: must be a real calendar date written YYYY-MM-DD",
        ),
        (
            with(&|v| v["infusionDate"] = json!("14.03.2024")),
            "infusionDate: must be a date written YYYY-MM-DD, e.g. 2024-03-14, got text \"14.03.2024\"",
        ),
        (
            with(&|v| v["infusionDate"] = json!("1850-01-01")),
            "infusionDate: must be a date from 1900-01-01 to 2100-12-31",
        ),
        (
            with(&|v| v["notes"] = json!(["ok", 3])),
            "notes[1]: must be text, got 3",
        ),
        (
            with(&|v| {
                v["labs"] = json!([{"day": 1, "analyte": "ferritin", "value": 900, "unit": "mg/L"}])
            }),
            "labs[0].unit: unknown value \"mg/L\"; expected one of: ng/mL",
        ),
        (
            with(&|v| {
                v["labs"] = json!([{"day": 1, "analyte": "crp", "value": 9, "unit": "mg/l"}])
            }),
            "labs[0].unit: unknown value \"mg/l\"; expected one of: mg/L, mg/dL",
        ),
        (
            with(&|v| {
                v["labs"] = json!([{"day": 1, "analyte": "il-6", "value": 9, "unit": "pg/mL"}])
            }),
            "labs[0].analyte: unknown value \"il-6\"; expected one of: crp, il6, ferritin, ldh, fibrinogen, anc, platelets, hemoglobin",
        ),
        (
            with(&|v| {
                v["labs"] = json!([{"day": 1, "analyte": "crp", "value": -1, "unit": "mg/L"}])
            }),
            "labs[0].value: must be at least 0, got -1",
        ),
        (
            with(&|v| v["labs"] = json!([{"day": 1, "analyte": "crp", "unit": "mg/L"}])),
            "labs[0].value: is required",
        ),
        (
            with(&|v| v["cells"] = json!({"blood": {"total": [[0, 0], [14, -1]]}})),
            "cells.blood.total[1]: value must not be negative, got -1 (day 14)",
        ),
        (
            with(&|v| v["cells"] = json!({"blood": {"total": [[-1, 3]]}})),
            "cells.blood.total[0]: day must not be negative",
        ),
        (
            with(&|v| v["cells"] = json!({"blood": {}})),
            "cells.blood: give at least one series",
        ),
        (
            with(&|v| v["cells"] = json!({"blood": {"cd3": [[7, 1]]}})),
            "cells.blood.cd3: unknown field",
        ),
        (
            with(&|v| v["cells"] = json!({"csf": [{"day": 14, "carTPercentOfLeukocytes": 101}]})),
            "cells.csf[0].carTPercentOfLeukocytes: must be 0-100 %, got 101",
        ),
        (
            with(&|v| v["cells"] = json!({"csf": [{"day": 14, "cd4Cd8Ratio": 0}]})),
            "cells.csf[0].cd4Cd8Ratio: must be more than 0, got 0",
        ),
        (
            with(&|v| v["cells"] = json!({"csf": [{"day": 14}]})),
            "cells.csf[0]: a CSF sample needs at least one of wbcPerUl, carTPercentOfLeukocytes, cd4Cd8Ratio",
        ),
        (
            with(&|v| v["settings"] = json!({"horizonsDays": [0]})),
            "settings.horizonsDays[0]: horizon must be more than 0 days",
        ),
        (
            with(&|v| v["settings"] = json!({"aucMethod": "log"})),
            "settings.aucMethod: unknown value \"log\"; expected one of: linear, linUpLogDown",
        ),
        (
            with(&|v| {
                v["baseline"] = json!({"plateletsPerUl": 150, "ancPerUl": 1500, "hbGPerDl": 10,
                                            "crpMgPerDl": 1, "ferritinNgPerMl": 300})
            }),
            "baseline.plateletsPerUl: must be 1000-2000000 /µL, got 150; is the unit right?",
        ),
        (
            with(&|v| {
                v["medications"] =
                    json!([{"day": 1, "drug": "dexamethasone", "mg": 0, "route": "iv"}])
            }),
            "medications[0].mg: must be more than 0 mg, got 0",
        ),
        (
            with(&|v| v["assessments"] = json!({})),
            "assessments: must be a list, got an object",
        ),
        (
            with(&|v| v["extra"] = json!(1)),
            "extra: unknown field; expected one of: schema, patient, infusionDate, notes, assessments, medications, cells, labs, baseline, settings",
        ),
        (json!([]), "input: must be an object, got a list"),
    ];
    for (input, expected) in cases {
        match evaluate(input.clone()) {
            Ok(_) => panic!("{input} should fail"),
            Err(msg) => assert!(
                msg.starts_with(expected),
                "{input}:\n expected {expected:?}\n      got {msg:?}"
            ),
        }
    }
}

#[test]
fn nan_day_is_rejected_by_name() {
    let mut c = to_json(&case_with(json!([a(1.0, 0)])));
    if let Json::Object(entries) = &mut c
        && let Some((_, Json::Array(items))) = entries.iter_mut().find(|(k, _)| k == "assessments")
        && let Some(Json::Object(first)) = items.first_mut()
        && let Some((_, day)) = first.iter_mut().find(|(k, _)| k == "day")
    {
        *day = Json::Number(f64::NAN);
    }
    assert_eq!(
        api::evaluate_case(&c).unwrap_err().to_string(),
        "assessments[0].day: must be a finite number, got NaN"
    );
}

#[test]
fn day_above_the_plausibility_limit_is_rejected() {
    let err = evaluate(case_with(json!([a(36_526.0, 0)]))).unwrap_err();
    assert_eq!(
        err,
        "assessments[0].day: must be from -30 to 36525 days, got 36526"
    );
}
