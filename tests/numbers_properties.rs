//! Numbers as people type them: formatting then parsing gives back the same value, with a
//! decimal point or a decimal comma; grouping and mixed separators never pass silently.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use icans_calc::numbers::{DecimalSeparator, NumberError, format_decimal, parse_decimal};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10_000))]

    #[test]
    fn format_then_parse_round_trips_with_a_point(x in -1.0e9f64..1.0e9) {
        prop_assert_eq!(parse_decimal(&format_decimal(x, DecimalSeparator::Point)), Ok(x));
    }

    #[test]
    fn format_then_parse_round_trips_with_a_comma(x in -1.0e9f64..1.0e9) {
        prop_assert_eq!(parse_decimal(&format_decimal(x, DecimalSeparator::Comma)), Ok(x));
    }

    #[test]
    fn tiny_and_huge_values_round_trip(mantissa in 1.0f64..10.0, exp in -30i32..30) {
        let x = mantissa * 10f64.powi(exp);
        prop_assert_eq!(parse_decimal(&format_decimal(x, DecimalSeparator::Comma)), Ok(x));
    }

    /// "1,234.5" and "1.234,5" are refused: either separator could be the thousands mark.
    #[test]
    fn mixed_separators_are_refused(a in 1u32..999, b in 0u32..999, c in 0u32..9) {
        prop_assert_eq!(parse_decimal(&format!("{a},{b:03}.{c}")), Err(NumberError::MixedSeparators));
        prop_assert_eq!(parse_decimal(&format!("{a}.{b:03},{c}")), Err(NumberError::MixedSeparators));
    }

    /// "1 234,5" (space or no-break-space grouping) is refused, never read as 1 or 1234.5.
    #[test]
    fn grouped_numbers_are_refused(a in 1u32..999, b in 0u32..999, sep in prop::sample::select(vec![" ", "\u{a0}", "\u{202f}", "'"])) {
        prop_assert_eq!(parse_decimal(&format!("{a}{sep}{b:03},5")), Err(NumberError::Grouping));
    }

    /// Whatever the text, parsing never panics and never yields NaN or infinity.
    #[test]
    fn any_text_parses_to_a_finite_number_or_an_error(s in "\\PC{0,24}") {
        if let Ok(x) = parse_decimal(&s) { prop_assert!(x.is_finite()); }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10_000))]

    /// Display rounding is within half a unit of the last shown digit, and reads back as a number.
    #[test]
    fn display_rounding_is_within_half_a_unit(x in -1.0e6f64..1.0e6, digits in 0usize..4) {
        let shown = icans_calc::numbers::format_fixed(x, digits);
        let back: f64 = shown.parse().unwrap();
        let half_unit = 0.5 * 10f64.powi(-(digits as i32));
        // Within half a unit of the value, up to the 15-significant-digit clean-up of float noise.
        prop_assert!((back - x).abs() <= half_unit * (1.0 + 1e-9) + x.abs() * 1e-14, "{x} -> {shown}");
    }
}
