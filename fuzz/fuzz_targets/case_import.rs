//! Property, for any bytes that are JSON: `api::parse_case` never panics; a case it accepts
//! - evaluates (`api::evaluate_case` does not fail on it, and its result serializes),
//! - survives the export round trip: `case_to_json` then `parse_case` gives an equal case, also
//!   through JSON text (`serde_json::to_string` then `from_str`),
//! - opens in the page: `Workspace::from_case` then `.to_case_json()` succeeds.
#![no_main]

use icans_calc::api;
use icans_calc::json::Json;
use icans_calc::view::workspace::Workspace;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(input) = serde_json::from_slice::<Json>(data) else {
        return;
    };
    let case = match api::parse_case(&input) {
        Ok(case) => case,
        Err(e) => {
            assert!(
                !e.to_string().is_empty(),
                "parse_case gave an empty error message"
            );
            return;
        }
    };

    let evaluated = api::evaluate_case(&input);
    assert!(
        evaluated.is_ok(),
        "parse_case accepts the input but evaluate_case fails: {evaluated:?}"
    );
    if let Ok(result) = &evaluated {
        let json = serde_json::to_string(result);
        assert!(json.is_ok(), "the case result does not serialize: {json:?}");
    }

    let exported = api::case_to_json(&case);
    let reparsed = api::parse_case(&exported);
    assert!(
        reparsed.as_ref() == Ok(&case),
        "case_to_json then parse_case changes the case:\n  before: {case:?}\n  after:  {reparsed:?}"
    );

    let text = serde_json::to_string(&exported);
    assert!(text.is_ok(), "the export does not serialize: {text:?}");
    if let Ok(text) = text {
        let read = serde_json::from_str::<Json>(&text).ok();
        assert!(
            read.as_ref() == Some(&exported),
            "the export does not read back from its JSON text {text:?}: {read:?}"
        );
        if let Some(read) = read {
            let from_text = api::parse_case(&read);
            assert!(
                from_text.as_ref() == Ok(&case),
                "the export's JSON text {text:?} imports as a different case: {from_text:?}"
            );
        }
    }

    let workspace = Workspace::from_case(&case);
    let from_workspace = workspace.to_case_json();
    assert!(
        from_workspace.is_ok(),
        "Workspace::from_case then to_case_json fails: {from_workspace:?}\n  case: {case:?}"
    );
});
