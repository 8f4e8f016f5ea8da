//! How numbers, days and dates are shown to a reader: the one formatter of each kind for the
//! page, the charts, the print report, the record note and the CSV.
//!
//! - A time of day reads "01:00" (24-hour clock); a span reads "6 h" or "1.5 days".
//! - A day since infusion reads "day +14" or, with a time, "day +14 01:00" (rounded to the
//!   minute; a minus sign, not a hyphen, before the day: "day −5"). One style everywhere, so a
//!   value seen in a chart caption, a table and the report reads the same.
//! - Large numbers are grouped in threes with a narrow no-break space (U+202F: "175 000"), which
//!   reads the same whether the reader's decimal separator is a point or a comma; "175,000" is
//!   one hundred seventy-five in much of Europe. Four-digit numbers are not grouped ("1200").
//! - Computed numbers are shown with at most 15 significant digits, which removes the binary
//!   noise of arithmetic (14.041666666666666 -> 14.0416666666667, 0.1 + 0.2 -> 0.3) without
//!   changing any digit that was typed.
//! - Calendar dates read as ISO 8601 ("2026-12-01"), unambiguous in every locale.

use crate::case::CalendarDate;

/// Narrow no-break space, the thousands separator (SI / ISO 80000-1 style).
pub const THOUSANDS_SEPARATOR: char = '\u{202F}';

/// The minus sign shown before a negative day ("day −5").
const MINUS: char = '\u{2212}';

/// Minutes in a day (days are shown to the minute).
pub const MINUTES_PER_DAY: f64 = 1440.0;

/// Significant digits kept when showing a computed number (an f64 holds ~15.9).
const SIGNIFICANT_DIGITS: usize = 15;

/// A day since infusion: "day +14", "day +14 01:00", "day −5", "day 0". Rounded to the minute.
pub fn day_time(day: f64) -> String {
    if !day.is_finite() {
        return "day (not a number)".to_string();
    }
    let minutes = (day * MINUTES_PER_DAY).round();
    let whole = (minutes / MINUTES_PER_DAY).floor();
    let rest = minutes - whole * MINUTES_PER_DAY;
    let sign = if whole > 0.0 {
        "+".to_string()
    } else if whole < 0.0 {
        MINUS.to_string()
    } else {
        String::new()
    };
    let whole_text = grouped(whole.abs());
    if rest == 0.0 {
        format!("day {sign}{whole_text}")
    } else {
        format!("day {sign}{whole_text} {}", clock(rest))
    }
}

/// A time of day from the minutes after midnight, on the 24-hour clock: "01:00", "14:05".
pub fn clock(minutes: f64) -> String {
    let hours = (minutes / 60.0).floor();
    format!("{hours:02}:{:02}", minutes - hours * 60.0)
}

/// A number of days in a sentence, to two decimals at most: "1 day", "1.38 days".
pub fn days(d: f64) -> String {
    match crate::numbers::format_trimmed(d, 2).as_str() {
        "1" => "1 day".to_string(),
        text => format!("{text} days"),
    }
}

/// A span of hours, rounded to the minute and shown to two decimals at most: "6 h", "1.5 h",
/// "0.33 h", "32 h".
pub fn hours(h: f64) -> String {
    if !h.is_finite() {
        return "not a number".to_string();
    }
    let minutes = (h * 60.0).round();
    let centi_hours = (minutes / 60.0 * 100.0).round();
    format!("{} h", grouped(centi_hours / 100.0))
}

/// A computed number without float noise: at most 15 significant digits, shortest form, point as
/// decimal separator, no "-0", an exponent only from [`EXPONENT_FROM`] ("14.0416666666667", "0.3",
/// "751.3", "1e308").
pub fn number(x: f64) -> String {
    if !x.is_finite() {
        return "not a number".to_string();
    }
    if x == 0.0 {
        return "0".to_string();
    }
    let digits = SIGNIFICANT_DIGITS - 1;
    let denoised = format!("{x:.digits$e}").parse::<f64>().unwrap_or(x);
    if denoised.abs() >= EXPONENT_FROM {
        // Beyond what was typed or computed digit by digit: "1e308", never 309 digits.
        return format!("{denoised:e}");
    }
    format!("{denoised}")
}

/// From this magnitude a number is shown with an exponent ("1e16"): its full decimal form would
/// show digits no measurement has (an f64 holds about 15.9 significant digits).
pub const EXPONENT_FROM: f64 = 1e15;

/// A computed number without float noise, thousands grouped ("175 000", "1 500 000.5", "1200").
pub fn grouped(x: f64) -> String {
    group_digits(&number(x))
}

/// A computed result at reading precision ([`crate::numbers::format_result`]: "751.3", "2.5",
/// "0.0229"), thousands grouped ("12 345.6").
pub fn result(x: f64) -> String {
    group_digits(&crate::numbers::format_result(x))
}

/// Groups the integer digits of an already formatted number in threes with a narrow no-break
/// space when the integer part has 5 or more digits ("12345.6" -> "12 345.6"); other text is
/// returned unchanged.
pub fn group_digits(text: &str) -> String {
    let (sign, rest) = match text.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", text),
    };
    let (int, frac) = match rest.find('.') {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    if int.len() < 5 || !int.bytes().all(|b| b.is_ascii_digit()) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + int.len());
    out.push_str(sign);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(THOUSANDS_SEPARATOR);
        }
        out.push(c);
    }
    out.push_str(frac);
    out
}

/// Text with its first letter in capitals, to begin a sentence with a field's message
/// ("day must be ..." -> "Day must be ...").
pub fn capitalised(text: &str) -> String {
    let mut c = text.chars();
    c.next()
        .map(|first| first.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// A calendar date as ISO 8601 ("2026-12-01").
pub fn date(d: CalendarDate) -> String {
    d.to_string()
}

/// A local date and time as "2026-12-01 14:05" (ISO 8601 order; 24-hour clock). `month` is
/// 1-12.
pub fn date_time(year: i32, month: u32, day: u32, hour: u32, minute: u32) -> String {
    format!("{year:04}-{month:02}-{day:02} {hour:02}:{minute:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn huge_values_are_shown_with_an_exponent_never_hundreds_of_digits() {
        assert_eq!(number(1e308), "1e308");
        assert_eq!(grouped(1e308), "1e308");
        assert_eq!(grouped(-2.5e20), "-2.5e20");
        assert_eq!(
            grouped(999_999_999_999_999.0),
            "999\u{202f}999\u{202f}999\u{202f}999\u{202f}999"
        );
        assert_eq!(number(1e15), "1e15");
    }

    #[test]
    fn days_read_as_day_plus_and_time_to_the_minute() {
        assert_eq!(day_time(14.0), "day +14");
        assert_eq!(day_time(14.041666666666666), "day +14 01:00");
        assert_eq!(day_time(15.375), "day +15 09:00");
        assert_eq!(day_time(-5.0), "day \u{2212}5");
        assert_eq!(day_time(-0.5), "day \u{2212}1 12:00");
        assert_eq!(day_time(0.0), "day 0");
        assert_eq!(day_time(13.9999999), "day +14");
        assert_eq!(day_time(36_525.0), "day +36\u{202f}525");
        assert_eq!(day_time(f64::NAN), "day (not a number)");
    }

    #[test]
    fn numbers_lose_float_noise_but_no_typed_digit() {
        assert_eq!(number(14.041666666666666), "14.0416666666667");
        assert_eq!(number(0.1 + 0.2), "0.3");
        assert_eq!(number(896.3499999999999), "896.35");
        assert_eq!(number(751.3), "751.3");
        assert_eq!(number(0.125), "0.125");
        assert_eq!(number(1e21), "1e21");
        assert_eq!(number(-0.0), "0");
        assert_eq!(number(f64::INFINITY), "not a number");
    }

    #[test]
    fn thousands_group_with_a_narrow_no_break_space_from_five_digits() {
        assert_eq!(grouped(1200.0), "1200");
        assert_eq!(grouped(175_000.0), "175\u{202f}000");
        assert_eq!(grouped(1_500_000.5), "1\u{202f}500\u{202f}000.5");
        assert_eq!(grouped(0.9), "0.9");
        assert_eq!(grouped(-12_345.0), "-12\u{202f}345");
        assert_eq!(group_digits("12345.6"), "12\u{202f}345.6");
        assert_eq!(group_digits("not a number"), "not a number");
    }

    #[test]
    fn results_keep_their_precision_and_are_grouped() {
        assert_eq!(result(751.3), "751.3");
        assert_eq!(result(1283.06), "1283.1");
        assert_eq!(result(12_345.64), "12\u{202f}345.6");
        assert_eq!(result(0.02291), "0.0229");
    }

    #[test]
    fn clock_times_and_day_counts_read_as_in_a_sentence() {
        assert_eq!(clock(60.0), "01:00");
        assert_eq!(clock(845.0), "14:05");
        assert_eq!(days(1.0), "1 day");
        assert_eq!(days(1.3819), "1.38 days");
        assert_eq!(days(4.0), "4 days");
    }

    #[test]
    fn hours_are_rounded_to_the_minute() {
        assert_eq!(hours(6.0), "6 h");
        assert_eq!(hours(1.5), "1.5 h");
        assert_eq!(hours(32.000000001), "32 h");
    }

    #[test]
    fn a_message_begins_with_a_capital() {
        assert_eq!(capitalised("day must be"), "Day must be");
        assert_eq!(capitalised(""), "");
    }

    #[test]
    fn dates_are_iso() {
        let d = CalendarDate::parse("2026-12-01").expect("date");
        assert_eq!(date(d), "2026-12-01");
        assert_eq!(date_time(2026, 12, 1, 4, 5), "2026-12-01 04:05");
    }
}
