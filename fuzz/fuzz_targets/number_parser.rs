//! Property: `parse_decimal` never panics; a value it returns is finite and reads back to the
//! same `f64` (same bits) from `format_decimal` with either separator; `format_fixed` and
//! `format_result` never panic on any `f64` (NaN, infinities, subnormals included) and, for a
//! finite value, print text that `parse_decimal` reads as a number.
#![no_main]

use icans_calc::numbers::{self, DecimalSeparator};
use libfuzzer_sys::fuzz_target;

/// Display checks for one value: never panic; finite values print as readable numbers.
fn check_display(x: f64) {
    for digits in 0..=15 {
        let s = numbers::format_fixed(x, digits);
        if x.is_finite() {
            assert!(
                numbers::parse_decimal(&s).is_ok(),
                "format_fixed({x:?}, {digits}) gave {s:?}, which does not read as a number"
            );
        }
    }
    let s = numbers::format_result(x);
    if x.is_finite() {
        assert!(
            numbers::parse_decimal(&s).is_ok(),
            "format_result({x:?}) gave {s:?}, which does not read as a number"
        );
    }
}

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data)
        && let Ok(x) = numbers::parse_decimal(text)
    {
        assert!(x.is_finite(), "parse_decimal({text:?}) returned {x:?}");
        for sep in [DecimalSeparator::Point, DecimalSeparator::Comma] {
            let written = numbers::format_decimal(x, sep);
            let back = numbers::parse_decimal(&written);
            assert!(
                back.as_ref().is_ok_and(|y| y.to_bits() == x.to_bits()),
                "parse_decimal({text:?}) = {x:?}; format_decimal({sep:?}) = {written:?} reads back as {back:?}"
            );
        }
        check_display(x);
    }
    // Any bit pattern, so the display code also meets NaN, infinities and subnormals.
    if let Some(bytes) = data.first_chunk::<8>() {
        check_display(f64::from_le_bytes(*bytes));
    }
});
