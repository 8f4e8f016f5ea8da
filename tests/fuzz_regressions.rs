#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
//! Inputs that made a fuzz target (fuzz/, see FUZZING.md) fail, minimised, each kept as a named
//! test that checks the target's property on it.

use icans_calc::api;
use icans_calc::json::Json;
use icans_calc::view::workspace::Workspace;

/// The `case_import` target's property for one input that `parse_case` accepts: it evaluates,
/// exports and re-imports to the same case, and opens in the page and saves again.
fn check_case_import(input: &str) {
    let json: Json = serde_json::from_str(input).expect("input is JSON");
    let case = api::parse_case(&json).expect("the case is accepted");
    api::evaluate_case(&json).expect("an accepted case evaluates");
    assert_eq!(
        api::parse_case(&api::case_to_json(&case)).as_ref(),
        Ok(&case),
        "export then import"
    );
    let saved = Workspace::from_case(&case).to_case_json();
    assert!(
        saved.is_ok(),
        "the page cannot save the case it opened: {saved:?}"
    );
    let reopened = api::parse_case(&saved.unwrap()).expect("the page's case is accepted");
    assert_eq!(reopened.cells.csf, case.cells.csf, "CSF samples kept");
}

/// case_import, 2026-11-26: the case file accepts CSF sample days from -30 (a pre-infusion
/// lumbar puncture), but the page's CSF table refused any negative day, so an imported case
/// could not be saved or exported again ("the kinetics tables have cells that need
/// correcting"). The table now checks the case file's day range.
#[test]
fn csf_sample_before_infusion_survives_the_page() {
    check_case_import(
        r#"{"schema":"icans-calc/case@1","patient":{"label":""},"cells":{"csf":[{"day":-6,"wbcPerUl":5}]}}"#,
    );
}

/// The other side of the same range: a CSF day past the case file's limit is marked at its
/// cell in the page instead of failing the whole case.
#[test]
fn csf_day_outside_the_case_range_is_a_cell_issue() {
    use icans_calc::view::kinetics::read_csf;
    let row = |day: &str| {
        [
            day.to_string(),
            "5".into(),
            String::new(),
            String::new(),
            String::new(),
        ]
    };
    let (rows, issues) = read_csf(&[row("-30"), row("36525")]);
    assert_eq!((rows.len(), issues.len()), (2, 0));
    for day in ["-30.5", "36526"] {
        let (_, issues) = read_csf(&[row(day)]);
        assert_eq!(issues.len(), 1, "{day}");
        assert_eq!((issues[0].row, issues[0].col), (0, 0));
    }
}
