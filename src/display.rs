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
//! - A value recorded in a case reads back in a form as it was typed ([`day_as_typed`],
//!   [`fahrenheit_as_typed`]).
//! - A CSV cell ([`csv_row`]) holds a number with 15 significant digits and never grouped, in
//!   the dialect chosen ([`CsvStyle`]), and a text a spreadsheet cannot run as a formula.

use crate::day::CalendarDate;
use crate::numbers::{EXPONENT_BELOW, EXPONENT_FROM};

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
        // `rest` is a whole number of minutes in 1..1440 (rounded, then the whole days taken off).
        format!("day {sign}{whole_text} {}", clock(rest as u32))
    }
}

/// A time of day from the whole minutes after midnight (0-1439), on the 24-hour clock: "01:00",
/// "14:05". Integers, not floats: the float printer was a tenth of a 200-day table's redraw.
pub fn clock(minutes_after_midnight: u32) -> String {
    let (hours, minutes) = (minutes_after_midnight / 60, minutes_after_midnight % 60);
    format!("{hours:02}:{minutes:02}")
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
/// decimal separator, no "-0", an exponent only from [`EXPONENT_FROM`] or below
/// [`EXPONENT_BELOW`] ("14.0416666666667", "0.3", "751.3", "1e308", "1e-300": never a run of 300
/// zeros).
pub fn number(x: f64) -> String {
    if !x.is_finite() {
        return "not a number".to_string();
    }
    if x == 0.0 {
        return "0".to_string();
    }
    let denoised = crate::numbers::denoised(x, SIGNIFICANT_DIGITS);
    if !(EXPONENT_BELOW..EXPONENT_FROM).contains(&denoised.abs()) {
        // Beyond what was typed or computed digit by digit: "1e308", never 309 digits.
        return format!("{denoised:e}");
    }
    format!("{denoised}")
}

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

/// The word for a count: `one` for 1, else `more` ("1 dose", "2 doses": `plural(n, "", "s")`).
pub fn plural(n: usize, one: &'static str, more: &'static str) -> &'static str {
    if n == 1 { one } else { more }
}

/// Amounts of drugs in mg, in the order given: "methotrexate 15 mg, cytarabine 40 mg".
pub fn mg_list(doses: &[(&str, f64)]) -> String {
    let mut list = Vec::new();
    for (name, mg) in doses {
        list.push(format!("{name} {} mg", grouped(*mg)));
    }
    list.join(", ")
}

/// A recorded day as it is typed back into a form: when it falls on a whole minute, the whole
/// day and the clock time as [`day_time`] shows them ("14" and "01:00"; "-2" and "06:30" for day
/// −2 06:30, which the form stores as −2 + 6.5 h; no time at midnight), else the day as a number
/// that reads back exactly ("14.123456789"). Either way, saving an edit unchanged stores the same
/// day.
///
/// Not the kinetics grid's `numbers::day_cell_text`: the grid reads "0 04:47" as 0 + 287/1440
/// and the form as 0 + (4 + 47/60)/24, which can differ in the last bit, so the grid's text
/// would not read back here and the day would come back as "0.19930555555555554" with no time.
///
/// A day and time is given only when the form reads it back to exactly this day
/// ([`crate::day::day_at_time`]): "0.35" was typed as a fraction and is 08:24 to the minute,
/// but day 0 08:24 reads as 0.35000000000000003, so it stays "0.35" and re-saving keeps it.
pub fn day_as_typed(day: f64) -> (String, Option<String>) {
    let minutes = (day * MINUTES_PER_DAY).round();
    if (day * MINUTES_PER_DAY - minutes).abs() < 1e-6 {
        let (m, per_day) = (minutes as i64, MINUTES_PER_DAY as i64);
        let (whole_day, after_midnight) = (m.div_euclid(per_day), m.rem_euclid(per_day));
        let (hour, minute) = ((after_midnight / 60) as u32, (after_midnight % 60) as u32);
        if crate::day::day_at_time(whole_day as f64, hour, minute).to_bits() == day.to_bits() {
            let time = (after_midnight != 0).then(|| clock(after_midnight as u32));
            return (whole_day.to_string(), time);
        }
    }
    let shortest = crate::numbers::format_decimal(day, crate::numbers::DecimalSeparator::Point);
    (shortest, None)
}

/// A temperature recorded in °C as it was typed, when that was in °F: a value with more than two
/// decimals in °C that is exactly the conversion of a °F reading with at most two decimals is
/// that reading, so editing shows what was typed and re-saving gives the same value (101.3 °F
/// was stored as 38.5 °C and stays °C; 100.3 °F, stored as 37.944... °C, is "100.3").
pub fn fahrenheit_as_typed(t_c: f64) -> Option<String> {
    let c_decimals = grouped(t_c).split_once('.').map_or(0, |(_, d)| d.len());
    if c_decimals <= 2 {
        return None;
    }
    let f_text = crate::numbers::format_trimmed(crate::units::fahrenheit_from_celsius(t_c), 2);
    let f = f_text.parse::<f64>().ok()?;
    (crate::units::celsius_from_fahrenheit(f) == t_c).then_some(f_text)
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

// ---------------------------------------------------------------------------------------------
// CSV cells: the exports' numbers and texts as a spreadsheet reads them

/// CSV dialect: comma with decimal point (RFC 4180), or semicolon with decimal comma (what
/// spreadsheet programs in most of Europe and Russia open directly).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CsvStyle {
    CommaPoint,
    SemicolonComma,
}

impl CsvStyle {
    fn sep(self) -> char {
        match self {
            CsvStyle::CommaPoint => ',',
            CsvStyle::SemicolonComma => ';',
        }
    }

    /// Noise-free (15 significant digits, [`crate::display::number`]) and never grouped, so a
    /// spreadsheet reads it as one number; three decimals get a fourth, zero ("15.3750"), so the
    /// file pasted back into this page, or opened in a spreadsheet of the other convention, is
    /// never read as a thousands mark ([`crate::numbers::without_thousands_ambiguity`]).
    pub fn number(self, x: f64) -> String {
        let text = number(x);
        crate::numbers::without_thousands_ambiguity(match self {
            CsvStyle::CommaPoint => text,
            CsvStyle::SemicolonComma => text.replace('.', ","),
        })
    }
}

/// Whether a cell reads as a plain number (digits, one decimal mark, an optional leading minus
/// and exponent): a spreadsheet takes it as a value, never as a formula.
fn is_plain_number(text: &str) -> bool {
    let body = text.strip_prefix('-').unwrap_or(text);
    let (mantissa, exponent) = match body.split_once(['e', 'E']) {
        Some((m, e)) => (m, Some(e.strip_prefix('-').unwrap_or(e))),
        None => (body, None),
    };
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    let mantissa_ok = match mantissa.split_once(['.', ',']) {
        Some((a, b)) => digits(a) && digits(b),
        None => digits(mantissa),
    };
    mantissa_ok && exponent.is_none_or(digits)
}

/// OWASP CSV injection: a text cell beginning with `=`, `+`, `-`, `@`, tab or carriage return
/// would be run as a formula by spreadsheet programs; a leading apostrophe makes it text.
/// Numbers (a negative day) are values, not formulas, and are left as they are.
fn neutralise(text: &str) -> String {
    let risky = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && !is_plain_number(text) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// The byte-order mark at the start of a CSV file, so spreadsheet programs read it as UTF-8.
pub const CSV_BOM: &str = "\u{feff}";

/// A cell: neutralised ([`neutralise`]) and quoted when it holds the separator, a quote or a
/// line break.
fn csv_field(style: CsvStyle, text: &str) -> String {
    let text = &neutralise(text);
    if text.contains([style.sep(), '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// One row of cells, each quoted when needed, ended by CRLF (RFC 4180).
pub fn csv_row(style: CsvStyle, cells: &[String]) -> String {
    let mut fields = Vec::new();
    for c in cells {
        fields.push(csv_field(style, c));
    }
    fields.join(&style.sep().to_string()) + "\r\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The clock writes every minute of a day as the float printer did before it took integers.
    #[test]
    fn the_clock_writes_every_minute_of_a_day_as_the_float_printer_did() {
        let by_float = |minutes: f64| {
            let hours = (minutes / 60.0).floor();
            format!("{hours:02}:{:02}", minutes - hours * 60.0)
        };
        for m in 0..1440 {
            assert_eq!(clock(m), by_float(f64::from(m)), "{m}");
        }
        assert_eq!(clock(61), "01:01");
    }

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
    fn tiny_values_are_shown_with_an_exponent_never_a_run_of_zeros() {
        // A dose typed as "1e-300" was echoed as "= 0.000…0001 mg" with 300 zeros.
        assert_eq!(number(1e-300), "1e-300");
        assert_eq!(grouped(1e-300), "1e-300");
        assert_eq!(grouped(-2.5e-7), "-2.5e-7");
        // From 10^-6 on, the plain decimal form, as typed.
        assert_eq!(number(0.000_001), "0.000001");
        assert_eq!(number(0.0001), "0.0001");
        assert_eq!(number(9.999_999e-7), "9.999999e-7");
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
        assert_eq!(clock(60), "01:00");
        assert_eq!(clock(845), "14:05");
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
    fn a_fraction_typed_on_a_whole_minute_stays_a_fraction_when_day_and_time_would_not_read_back() {
        // 0.35 day is 08:24 to the minute, but day 0 08:24 reads as 0.35000000000000003.
        assert_ne!(crate::day::day_at_time(0.0, 8, 24), 0.35);
        assert_eq!(day_as_typed(0.35), ("0.35".into(), None));
        let typed = crate::day::day_at_time(0.0, 8, 24);
        assert_eq!(day_as_typed(typed), ("0".into(), Some("08:24".into())));
    }

    #[test]
    fn counts_amounts_and_typed_days_read_as_written() {
        assert_eq!((plural(1, "", "s"), plural(2, "it", "them")), ("", "them"));
        assert_eq!(
            mg_list(&[("methotrexate", 15.0), ("cytarabine", 40.0)]),
            "methotrexate 15 mg, cytarabine 40 mg"
        );
        assert_eq!(
            day_as_typed(14.0 + 1.0 / 24.0),
            ("14".into(), Some("01:00".into()))
        );
        assert_eq!(day_as_typed(3.0), ("3".into(), None));
        assert_eq!(day_as_typed(-0.5), ("-1".into(), Some("12:00".into())));
        assert_eq!(
            day_as_typed(-2.0 + 6.5 / 24.0),
            ("-2".into(), Some("06:30".into()))
        );
        assert_eq!(day_as_typed(14.3), ("14".into(), Some("07:12".into())));
        assert_eq!(day_as_typed(14.123456789), ("14.123456789".into(), None));
        assert_eq!(fahrenheit_as_typed(38.5), None);
        let typed = crate::units::celsius_from_fahrenheit(100.3);
        assert_eq!(fahrenheit_as_typed(typed).as_deref(), Some("100.3"));
    }

    #[test]
    fn dates_are_iso() {
        let d = CalendarDate::parse("2026-12-01").expect("date");
        assert_eq!(date(d), "2026-12-01");
        assert_eq!(date_time(2026, 12, 1, 4, 5), "2026-12-01 04:05");
    }

    #[test]
    fn csv_numbers_have_no_float_noise_and_no_grouping() {
        assert_eq!(
            CsvStyle::CommaPoint.number(14.041666666666666),
            "14.0416666666667"
        );
        assert_eq!(CsvStyle::SemicolonComma.number(0.1 + 0.2), "0,3");
        assert_eq!(CsvStyle::CommaPoint.number(175_000.0), "175000");
    }

    #[test]
    fn csv_fields_with_separators_or_quotes_are_quoted() {
        assert_eq!(
            csv_field(CsvStyle::CommaPoint, "a, \"b\""),
            "\"a, \"\"b\"\"\""
        );
        assert_eq!(csv_field(CsvStyle::SemicolonComma, "a, b"), "a, b");
    }

    #[test]
    fn text_cells_that_a_spreadsheet_would_run_are_neutralised() {
        for risky in [
            "=1+2",
            "+SUM(A1)",
            "-2+3",
            "@cmd",
            "\tx",
            "\rx",
            "=HYPERLINK(\"x\")",
        ] {
            let cell = csv_field(CsvStyle::CommaPoint, risky);
            assert!(
                cell.starts_with('\'') || cell.starts_with("\"'"),
                "{risky:?} -> {cell:?}"
            );
        }
        // Numbers stay numbers (a day before infusion), plain text stays as typed.
        assert_eq!(csv_field(CsvStyle::CommaPoint, "-5"), "-5");
        assert_eq!(csv_field(CsvStyle::SemicolonComma, "-0,5"), "-0,5");
        assert_eq!(csv_field(CsvStyle::CommaPoint, "1e-3"), "1e-3");
        assert_eq!(csv_field(CsvStyle::CommaPoint, "note"), "note");
    }

    #[test]
    fn csv_numbers_with_three_decimals_get_a_fourth_so_they_never_read_as_thousands() {
        // "15.375" pasted back was refused as ambiguous ("15375 or 15.375?"), and a spreadsheet
        // of the other convention reads it as 15375.
        assert_eq!(CsvStyle::CommaPoint.number(15.375), "15.3750");
        assert_eq!(CsvStyle::SemicolonComma.number(15.375), "15,3750");
        assert_eq!(CsvStyle::CommaPoint.number(-2.5), "-2.5");
        assert_eq!(CsvStyle::CommaPoint.number(-1.125), "-1.1250");
        assert_eq!(CsvStyle::SemicolonComma.number(1000.0), "1000");
        // A zero whole part, two or four decimals, an exponent: not ambiguous, unchanged.
        assert_eq!(CsvStyle::SemicolonComma.number(0.125), "0,125");
        assert_eq!(CsvStyle::CommaPoint.number(12.35), "12.35");
        assert_eq!(CsvStyle::CommaPoint.number(12.3456), "12.3456");
        assert_eq!(CsvStyle::CommaPoint.number(1.234e-7), "1.234e-7");
        for style in [CsvStyle::CommaPoint, CsvStyle::SemicolonComma] {
            assert_eq!(
                crate::numbers::parse_decimal(&style.number(15.375)),
                Ok(15.375)
            );
        }
    }

    #[test]
    fn csv_numbers_are_written_without_float_noise() {
        assert_eq!(CsvStyle::CommaPoint.number(1.2487499999999998), "1.24875");
        assert_eq!(CsvStyle::CommaPoint.number(896.3499999999999), "896.35");
        assert_eq!(CsvStyle::CommaPoint.number(-5.0), "-5");
        assert_eq!(
            CsvStyle::CommaPoint.number(14.0 + 1.0 / 24.0),
            "14.0416666666667"
        );
    }
}
