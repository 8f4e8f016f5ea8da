//! Numbers as people type them at the bedside: "1,5" and "1.5" are both 1.5.
//!
//! Why not `<input type=number>`: Safari empties a value typed with the "wrong" separator
//! without a word, and browsers disagree on "1,2" (reliability_ux.md §2). Fields are plain text
//! with `inputmode="decimal"` and are read here, once, with a message for anything ambiguous.
//!
//! Accepted: one optional sign, digits with at most one decimal separator (`,` or `.`), an
//! optional exponent (`1.5e3`), surrounding spaces. Rejected: grouping (`1,234.5`, `1 234,5`,
//! `1'000`), repeated separators (`1,5,0`), anything else.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumberError {
    Empty,
    /// Both `,` and `.` appear: one of them would be a thousands separator.
    MixedSeparators,
    /// More than one `,` or `.`: a thousands separator, or a typo.
    RepeatedSeparator,
    /// A space, apostrophe or other grouping character inside the number.
    Grouping,
    /// Letters or symbols that are not part of a number.
    NotANumber,
}

impl fmt::Display for NumberError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            NumberError::Empty => "enter a number",
            NumberError::MixedSeparators => {
                "use one decimal separator (comma or point) and no thousands separators, e.g. 1234.5 or 1234,5"
            }
            NumberError::RepeatedSeparator => {
                "more than one separator; write the number without thousands separators, e.g. 1234.5 or 1234,5"
            }
            NumberError::Grouping => "remove the spaces or grouping marks inside the number",
            NumberError::NotANumber => "this is not a number",
        })
    }
}

/// Reads a decimal number typed with a comma or a point.
///
/// # Examples
/// ```
/// use icans_calc::numbers::{parse_decimal, NumberError};
/// assert_eq!(parse_decimal("38,5"), Ok(38.5));
/// assert_eq!(parse_decimal(" 6 "), Ok(6.0));
/// assert_eq!(parse_decimal("1,234.5"), Err(NumberError::MixedSeparators));
/// ```
pub fn parse_decimal(text: &str) -> Result<f64, NumberError> {
    let s = text.trim();
    if s.is_empty() {
        return Err(NumberError::Empty);
    }
    let commas = s.matches(',').count();
    let points = s.matches('.').count();
    if commas > 0 && points > 0 {
        return Err(NumberError::MixedSeparators);
    }
    if commas > 1 || points > 1 {
        return Err(NumberError::RepeatedSeparator);
    }
    if s.chars()
        .any(|c| c.is_whitespace() || matches!(c, '\'' | '\u{2019}' | '_' | '\u{a0}' | '\u{202f}'))
    {
        return Err(NumberError::Grouping);
    }
    let normalised = s.replace(',', ".");
    // Only the characters of a plain decimal or exponent form reach the float parser, so words
    // such as "inf" or "NaN" that Rust would accept are refused.
    let allowed = |c: char| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E');
    if !normalised.chars().all(allowed) || !normalised.chars().any(|c| c.is_ascii_digit()) {
        return Err(NumberError::NotANumber);
    }
    let mantissa_start = normalised.trim_start_matches(['-', '+']);
    if normalised.len() - mantissa_start.len() > 1
        || !mantissa_start.starts_with(|c: char| c.is_ascii_digit() || c == '.')
    {
        return Err(NumberError::NotANumber);
    }
    match normalised.parse::<f64>() {
        Ok(x) if x.is_finite() => Ok(x),
        Ok(_) | Err(_) => Err(NumberError::NotANumber),
    }
}

/// Which decimal separator to show numbers with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecimalSeparator {
    Point,
    Comma,
}

/// Formats a number for display and echo without losing digits: the shortest text that reads
/// back as the same `f64`, with the chosen separator (no grouping, so it can be typed back).
pub fn format_decimal(x: f64, sep: DecimalSeparator) -> String {
    let s = format!("{x}");
    match sep {
        DecimalSeparator::Point => s,
        DecimalSeparator::Comma => s.replace('.', ","),
    }
}

/// Rounds for display only (values are stored unrounded): `digits` after the separator,
/// trailing zeros kept so columns line up.
///
/// Rounds the value's shortest decimal form half away from zero, as a person would: 896.35
/// shows as 896.4 (printing the binary value, 896.349999..., would give 896.3).
pub fn format_fixed(x: f64, digits: usize) -> String {
    // Arithmetic leaves noise in the last bits (7*6.2/2 + ... = 896.3499999999999 for 896.35);
    // fifteen significant digits (of the ~15.9 an f64 holds) remove it before rounding the
    // decimal text, without moving any digit that was really computed.
    let denoised = format!("{x:.14e}").parse::<f64>().unwrap_or(x);
    let s = round_decimal_text(&format!("{denoised}"), digits)
        .unwrap_or_else(|| format!("{x:.digits$}"));
    let is_zero = s
        .trim_start_matches('-')
        .chars()
        .all(|c| c == '0' || c == '.');
    if is_zero {
        s.trim_start_matches('-').to_string()
    } else {
        s
    }
}

/// Rounds a plain decimal text (as Rust prints an f64: no exponent) to `digits` decimals.
fn round_decimal_text(text: &str, digits: usize) -> Option<String> {
    let (negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (int_part, frac_part) = body.split_once('.').unwrap_or((body, ""));
    if !int_part.chars().all(|c| c.is_ascii_digit())
        || !frac_part.chars().all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let mut kept: Vec<u8> = int_part
        .bytes()
        .chain(
            frac_part
                .bytes()
                .chain(std::iter::repeat(b'0'))
                .take(digits),
        )
        .map(|b| b - b'0')
        .collect();
    let round_up = frac_part.as_bytes().get(digits).is_some_and(|d| *d >= b'5');
    if round_up {
        let mut i = kept.len();
        loop {
            if i == 0 {
                kept.insert(0, 1);
                break;
            }
            i -= 1;
            let d = kept.get_mut(i)?;
            if *d == 9 {
                *d = 0;
            } else {
                *d += 1;
                break;
            }
        }
    }
    let split = kept.len().checked_sub(digits)?;
    let digits_text: String = kept.iter().map(|d| char::from(b'0' + d)).collect();
    let (i, f) = digits_text.split_at(split);
    let i = if i.is_empty() { "0" } else { i };
    let sign = if negative { "-" } else { "" };
    Some(if digits == 0 {
        format!("{sign}{i}")
    } else {
        format!("{sign}{i}.{f}")
    })
}

/// Displays a value with up to `max_digits` decimals, trimming trailing zeros ("751.3", "2.5", "96").
pub fn format_trimmed(x: f64, max_digits: usize) -> String {
    let s = format_fixed(x, max_digits);
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// Displays a computed value with sensible precision (results, not inputs, which are echoed
/// exactly): one decimal from 10 up ("751.3", "1283.1"), two from 1 ("2.50" -> "2.5"), three
/// significant digits below 1 ("0.0229"). Trailing zeros are trimmed.
pub fn format_result(x: f64) -> String {
    let a = x.abs();
    if a == 0.0 {
        "0".to_string()
    } else if a >= 10.0 {
        format_trimmed(x, 1)
    } else if a >= 1.0 {
        format_trimmed(x, 2)
    } else {
        let digits = (2 - a.log10().floor() as i32).clamp(0, 12) as usize;
        format_trimmed(x, digits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comma_and_point_both_work() {
        assert_eq!(parse_decimal("1,5"), Ok(1.5));
        assert_eq!(parse_decimal("1.5"), Ok(1.5));
        assert_eq!(parse_decimal("1.5e0"), Ok(1.5));
        assert_eq!(parse_decimal("1,5E1"), Ok(15.0));
        assert_eq!(parse_decimal("-30"), Ok(-30.0));
        assert_eq!(parse_decimal("+2"), Ok(2.0));
        assert_eq!(parse_decimal(",5"), Ok(0.5));
        assert_eq!(parse_decimal("5."), Ok(5.0));
        assert_eq!(parse_decimal("0"), Ok(0.0));
    }

    #[test]
    fn grouping_and_mixed_separators_are_refused() {
        assert_eq!(parse_decimal("1,234.5"), Err(NumberError::MixedSeparators));
        assert_eq!(parse_decimal("1.234,5"), Err(NumberError::MixedSeparators));
        assert_eq!(parse_decimal("1 234,5"), Err(NumberError::Grouping));
        assert_eq!(parse_decimal("1\u{a0}234"), Err(NumberError::Grouping));
        assert_eq!(parse_decimal("1'000"), Err(NumberError::Grouping));
        assert_eq!(parse_decimal("1,5,0"), Err(NumberError::RepeatedSeparator));
        assert_eq!(parse_decimal("1.2.3"), Err(NumberError::RepeatedSeparator));
    }

    #[test]
    fn words_and_empties_are_refused() {
        assert_eq!(parse_decimal(""), Err(NumberError::Empty));
        assert_eq!(parse_decimal("   "), Err(NumberError::Empty));
        for bad in [
            "abc", "NaN", "inf", "Infinity", "-", ".", "e5", "1e", "--1", "+-1", "38°", "0x10",
            "1e999",
        ] {
            assert_eq!(parse_decimal(bad), Err(NumberError::NotANumber), "{bad}");
        }
    }

    #[test]
    fn formatting_is_shortest_round_trip() {
        assert_eq!(format_decimal(77.7, DecimalSeparator::Point), "77.7");
        assert_eq!(format_decimal(77.7, DecimalSeparator::Comma), "77,7");
        assert_eq!(format_decimal(96.0, DecimalSeparator::Comma), "96");
    }

    #[test]
    fn display_rounds_half_away_from_zero_on_the_decimal_value() {
        assert_eq!(format_fixed(896.35, 1), "896.4");
        assert_eq!(format_fixed(0.125, 2), "0.13");
        assert_eq!(format_fixed(-2.5, 0), "-3");
        assert_eq!(format_fixed(9.99, 1), "10.0");
        assert_eq!(format_fixed(999.96, 1), "1000.0");
        assert_eq!(format_fixed(1283.1000000000001, 1), "1283.1");
        assert_eq!(format_fixed(0.0004, 2), "0.00");
        assert_eq!(format_fixed(-0.0004, 2), "0.00");
        assert_eq!(format_fixed(5.0, 2), "5.00");
        // 7*6.2/2 + 7*(6.2+77.7)/2 + 7*(77.7+30.2)/2 + 7*(30.2+27.9)/2 sums to 896.3499999999999.
        let auc = 7.0 * 6.2 / 2.0
            + 7.0 * (6.2 + 77.7) / 2.0
            + 7.0 * (77.7 + 30.2) / 2.0
            + 7.0 * (30.2 + 27.9) / 2.0;
        assert_eq!(format_fixed(auc, 1), "896.4");
        // Found by the rounding property: a value truly below the half stays below it.
        assert_eq!(format_fixed(-593_102.896_499_677_6, 3), "-593102.896");
    }

    #[test]
    fn result_precision() {
        assert_eq!(format_result(751.3), "751.3");
        assert_eq!(format_result(1283.1000000000001), "1283.1");
        assert_eq!(format_result(2.5), "2.5");
        assert_eq!(format_result(0.022_947), "0.0229");
        assert_eq!(format_result(0.76), "0.76");
        assert_eq!(format_result(0.0), "0");
        assert_eq!(format_result(30.2049), "30.2");
    }

    #[test]
    fn fixed_and_trimmed_display() {
        assert_eq!(format_fixed(751.3, 1), "751.3");
        assert_eq!(format_fixed(-0.0001, 2), "0.00");
        assert_eq!(format_trimmed(2.50, 2), "2.5");
        assert_eq!(format_trimmed(96.0, 2), "96");
        assert_eq!(format_trimmed(0.76, 2), "0.76");
    }
}
