//! Property: `parse_with_columns` never panics on any text; every row it returns has a finite
//! day and finite values, and every row and issue names a line that exists in the text.
#![no_main]

use icans_calc::input::paste::parse_with_columns;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // The page's limit of rows per paste (`view::limits::MAX_RECORDS_PER_LIST`).
    let result = parse_with_columns(text, None, 200);
    let lines = text.lines().count();
    for row in &result.rows {
        assert!(row.day.is_finite(), "row {row:?} has a non-finite day");
        for value in row.counts.into_iter().flatten() {
            assert!(value.is_finite(), "row {row:?} has a non-finite value");
        }
        assert!(
            (1..=lines).contains(&row.line),
            "row {row:?} names a line not in the text"
        );
    }
    for issue in &result.issues {
        assert!(
            (1..=lines).contains(&issue.line),
            "issue {issue:?} names a line not in the text"
        );
    }
});
