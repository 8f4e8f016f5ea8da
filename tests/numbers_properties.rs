//! Numbers as people type them: formatting then parsing gives back the same value, with a
//! decimal point or a decimal comma; grouping and mixed separators never pass silently.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use icans_calc::display::CsvStyle;
use icans_calc::numbers::{DecimalSeparator, NumberError, denoised, format_decimal, parse_decimal};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10_000))]

    /// A whole number skips the scientific-notation round trip and gets what it gave.
    #[test]
    fn denoising_a_whole_number_changes_nothing(n in -999_999_999_999_999i64..=999_999_999_999_999, x in proptest::num::f64::ANY) {
        let by_text = |x: f64| format!("{x:.14e}").parse::<f64>().unwrap_or(x);
        let whole = n as f64;
        prop_assert_eq!(denoised(whole, 15).to_bits(), by_text(whole).to_bits());
        prop_assert_eq!(denoised(x, 15).to_bits(), by_text(x).to_bits());
        prop_assert_eq!(denoised(x.trunc(), 15).to_bits(), by_text(x.trunc()).to_bits());
    }

    /// The page's own CSV cells read back as the same number, in both styles: three decimals
    /// are never refused as a possible thousands mark.
    #[test]
    fn csv_numbers_paste_back_as_the_same_value(thousandths in -1_000_000_000i64..1_000_000_000) {
        let x = thousandths as f64 / 1000.0;
        for style in [CsvStyle::CommaPoint, CsvStyle::SemicolonComma] {
            prop_assert_eq!(parse_decimal(&style.number(x)), Ok(x));
        }
    }

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

// ---------- no accepted text is read differently from what a person could mean ----------

/// Every number a person could mean by `text`: each choice of decimal mark (none, comma or
/// point), the other marks (comma, point, space, apostrophe) then read as thousands separators,
/// which are plausible only in groups of three digits after a first group of one to three
/// digits that does not start with 0.
fn plausible_readings(text: &str) -> Vec<f64> {
    let t = text.trim();
    let (sign, body) = match t.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", t.strip_prefix('+').unwrap_or(t)),
    };
    let marks = [',', '.', ' ', '\''];
    let mut out = Vec::new();
    for decimal in [None, Some(','), Some('.')] {
        let (int, frac) = match decimal {
            Some(d) if body.matches(d).count() == 1 => {
                let (i, f) = body.split_once(d).unwrap();
                (i, Some(f))
            }
            Some(_) => continue,
            None => (body, None),
        };
        if frac.is_some_and(|f| !f.chars().all(|c| c.is_ascii_digit())) {
            continue;
        }
        let groups: Vec<&str> = int.split(|c| marks.contains(&c)).collect();
        let grouped = groups.len() > 1;
        let groups_ok = groups.iter().all(|g| g.chars().all(|c| c.is_ascii_digit()))
            && (!grouped
                || (groups[0].len() <= 3
                    && !groups[0].is_empty()
                    && !groups[0].starts_with('0')
                    && groups[1..].iter().all(|g| g.len() == 3)));
        if !groups_ok {
            continue;
        }
        let digits: String = groups.concat();
        let frac = frac.unwrap_or("");
        if digits.is_empty() && frac.is_empty() {
            continue;
        }
        let number = format!(
            "{sign}{}.{}0",
            if digits.is_empty() { "0" } else { &digits },
            frac
        );
        if let Ok(x) = number.parse::<f64>() {
            out.push(x + 0.0);
        }
    }
    out
}

#[test]
fn plausible_readings_of_the_examples() {
    assert_eq!(plausible_readings("1,000"), vec![1000.0, 1.0]);
    assert_eq!(plausible_readings("1,25"), vec![1.25]);
    assert_eq!(plausible_readings("0,125"), vec![0.125]);
    assert_eq!(plausible_readings("1.234,5"), vec![1234.5]);
    assert_eq!(plausible_readings("12 500"), vec![12500.0]);
}

/// A number as a person might write it: whole part, 0-4 decimals, a decimal mark, and maybe a
/// thousands separator.
fn written_number() -> impl Strategy<Value = (String, f64)> {
    (
        0u64..10_000_000,
        prop::collection::vec(0u8..10, 0..5),
        prop::sample::select(vec![',', '.']),
        prop::sample::select(vec![None, Some(','), Some('.'), Some(' '), Some('\'')]),
        any::<bool>(),
    )
        .prop_map(|(whole, frac, decimal, group, negative)| {
            let digits = whole.to_string();
            let whole_text = match group {
                Some(g) if g != decimal => {
                    let mut s = String::new();
                    for (i, c) in digits.chars().enumerate() {
                        if i > 0 && (digits.len() - i) % 3 == 0 {
                            s.push(g);
                        }
                        s.push(c);
                    }
                    s
                }
                _ => digits.clone(),
            };
            let frac_text: String = frac.iter().map(|d| char::from(b'0' + d)).collect();
            let sign = if negative { "-" } else { "" };
            let text = if frac_text.is_empty() {
                format!("{sign}{whole_text}")
            } else {
                format!("{sign}{whole_text}{decimal}{frac_text}")
            };
            let meant: f64 = format!("{sign}{digits}.{frac_text}0").parse().unwrap();
            (text, meant + 0.0)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10_000))]

    /// Whatever a person wrote, an accepted text is read as the number they meant, and as the
    /// only number anyone could have meant by it; otherwise it is refused.
    #[test]
    fn an_accepted_number_is_the_only_plausible_reading((text, meant) in written_number()) {
        if let Ok(x) = parse_decimal(&text) {
            prop_assert_eq!(x, meant, "{}", text);
            let readings = plausible_readings(&text);
            prop_assert!(readings.iter().all(|r| *r == x), "{} read as {} but could be {:?}", text, x, readings);
        }
    }

    /// The same over any short text of digits and separators.
    #[test]
    fn no_accepted_text_has_another_plausible_reading(text in "[-+]?[0-9]{0,7}([.,' ][0-9]{0,4}){0,2}") {
        if let Ok(x) = parse_decimal(&text) {
            let readings = plausible_readings(&text);
            prop_assert!(!readings.is_empty(), "{} read as {} but no one writes it", text, x);
            prop_assert!(readings.iter().all(|r| *r == x), "{} read as {} but could be {:?}", text, x, readings);
        }
    }

    /// Thousands-looking texts ("1,000", "2.500", "-1,500") are refused with both readings.
    #[test]
    fn three_digits_after_the_only_separator_are_refused(whole in 1u32..100_000, frac in 0u32..1000, sep in prop::sample::select(vec![',', '.'])) {
        let text = format!("{whole}{sep}{frac:03}");
        let refused = matches!(parse_decimal(&text), Err(NumberError::AmbiguousThousands { .. }));
        prop_assert!(refused, "{}", text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    /// A unit typed after the number ("39 C", "10mg", "38,5°") is named, never read silently.
    #[test]
    fn a_unit_after_the_number_is_refused_and_named(
        whole in 0u32..100_000,
        frac in prop::option::of(0u32..100),
        space in any::<bool>(),
        unit in prop::sample::select(vec!["mg", "C", "°", "°C", "g/dL", "mmol/L", "/µL", "%", "ng/mL", "F"]),
    ) {
        let number = match frac { Some(f) => format!("{whole},{f:02}"), None => whole.to_string() };
        let text = format!("{number}{}{unit}", if space { " " } else { "" });
        prop_assert_eq!(
            parse_decimal(&text),
            Err(NumberError::UnitInField { number, unit: unit.to_string() })
        );
    }

    /// Full-width digits are refused with the same text in ordinary digits, which reads.
    #[test]
    fn full_width_digits_are_refused_with_their_ascii_form(x in 0u32..1_000_000) {
        let ascii = x.to_string();
        let wide: String = ascii
            .chars()
            .map(|c| char::from_u32(u32::from(c) + 0xFEE0).unwrap())
            .collect();
        prop_assert_eq!(
            parse_decimal(&wide),
            Err(NumberError::NonAsciiDigits { ascii: ascii.clone() })
        );
        prop_assert_eq!(parse_decimal(&ascii), Ok(f64::from(x)));
    }
}

// A recorded day written back into the form for editing, then saved unchanged, is the same day
// (bit for bit): day and time as the form stores them, before and after the infusion, and days
// typed as fractions.
mod recorded_day_round_trip {
    use super::*;
    use icans_calc::display::day_as_typed;
    use icans_calc::input::when::day_since_infusion;

    fn save_again(day: f64) -> f64 {
        let (day_text, time) = day_as_typed(day);
        let time = time.unwrap_or_default();
        day_since_infusion(None, &day_text, "", &time)
            .unwrap()
            .unwrap()
    }

    /// Every minute of a few days, not a sample: a random sample of 10,000 of the 52 million
    /// (day, time) pairs missed day 0 04:47, which once came back as "0.19930555555555554".
    #[test]
    fn every_minute_of_these_days_comes_back_as_typed() {
        for day in [-30, -2, -1, 0, 1, 14, 365, 35_999] {
            for minute in 0..24 * 60 {
                let (h, m) = (minute / 60, minute % 60);
                let time = format!("{h:02}:{m:02}");
                let stored = day_since_infusion(None, &day.to_string(), "", &time);
                let stored = stored.unwrap().unwrap();
                assert_eq!(
                    save_again(stored).to_bits(),
                    stored.to_bits(),
                    "{day} {time}"
                );
                let expected = (day.to_string(), (minute != 0).then_some(time));
                assert_eq!(day_as_typed(stored), expected);
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(10_000))]

        #[test]
        fn a_day_with_a_time_comes_back_as_typed(day in -30i32..36_000, h in 0u32..24, m in 0u32..60) {
            let typed = day_since_infusion(None, &day.to_string(), "", &format!("{h:02}:{m:02}"));
            let stored = typed.unwrap().unwrap();
            prop_assert_eq!(save_again(stored).to_bits(), stored.to_bits());
            let (day_text, time) = day_as_typed(stored);
            prop_assert_eq!(day_text, day.to_string());
            let midnight = h == 0 && m == 0;
            prop_assert_eq!(time, (!midnight).then(|| format!("{h:02}:{m:02}")));
        }

        #[test]
        fn a_fractional_day_reads_back_exactly(hundredths in -3_000i64..3_600_000) {
            // Typed with at most two decimals: "14.3" (three would be refused as ambiguous).
            let stored = parse_decimal(&format!("{}", hundredths as f64 / 100.0)).unwrap();
            prop_assert_eq!(save_again(stored).to_bits(), stored.to_bits());
        }
    }
}
