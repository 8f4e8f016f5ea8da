//! Numbers as people type them at the bedside: "1,5" and "1.5" are both 1.5.
//!
//! Why not `<input type=number>`: Safari empties a value typed with the "wrong" separator
//! without a word, and browsers disagree on "1,2" (reliability_ux.md §2). Fields are plain text
//! with `inputmode="decimal"` and are read here, once, with a message for anything ambiguous.
//!
//! Accepted: one optional sign, digits with at most one decimal separator (`,` or `.`), an
//! optional exponent (`1.5e3`), surrounding spaces. Rejected: grouping (`1,234.5`, `1 234,5`,
//! `1'000`), repeated separators (`1,5,0`), anything else.
//!
//! Ambiguous thousands (SPEC §3 "Typed numbers"): one separator followed by exactly three digits
//! after a non-zero whole part ("1,000", "2.500", "-1,000") is either a thousands separator or a
//! decimal one, and the two readings differ a thousandfold (1,000 mg methylprednisolone would
//! otherwise enter the ledger as 1 mg, ferritin "2,500" would score as 2.5 ng/mL). Such a text is
//! refused with both readings. A zero whole part ("0,125") has only the decimal reading, since
//! nobody groups "0,125" as thousands; a fraction of any other length ("1,25", "1,2500") cannot
//! be a thousands group; an exponent ("1.500e3") is only ever written with a decimal separator.
//!
//! Look-alikes are refused with what to type instead, never read silently: full-width or other
//! non-Latin digits ("１０"), a unit typed in the field ("39 C", "10mg", "38,5°"), a Unicode
//! minus or dash ("−5"), the letter O for a zero ("1O").
//!
//! "-0" is read as 0 (there is no negative zero at the bedside).

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
    /// "1,000": a thousands separator or a decimal one. Both readings, as the user would type
    /// them without ambiguity ("1000", "1,0").
    AmbiguousThousands {
        as_thousands: String,
        as_decimal: String,
    },
    /// Full-width or other non-Latin digits ("１０"); `ascii` is the same text in ordinary digits.
    NonAsciiDigits {
        ascii: String,
    },
    /// A number followed by a unit ("39 C", "10mg"): the unit belongs to the field, not the text.
    UnitInField {
        number: String,
        unit: String,
    },
    /// A character that looks like part of a number but is not ("−" U+2212 for "-", "O" for "0").
    LookAlike {
        found: char,
        meant: char,
    },
}

impl fmt::Display for NumberError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NumberError::Empty => f.write_str("enter a number"),
            NumberError::MixedSeparators => f.write_str(
                "use one decimal separator (comma or point) and no thousands separators, e.g. 1234.5 or 1234,5",
            ),
            NumberError::RepeatedSeparator => f.write_str(
                "more than one separator; write the number without thousands separators, e.g. 1234.5 or 1234,5",
            ),
            NumberError::Grouping => {
                f.write_str("remove the spaces or grouping marks inside the number")
            }
            NumberError::NotANumber => f.write_str("this is not a number"),
            NumberError::AmbiguousThousands {
                as_thousands,
                as_decimal,
            } => write!(
                f,
                "{as_thousands} or {as_decimal}? A comma or point before three digits may separate thousands; type {as_thousands} (no separator) or {as_decimal}"
            ),
            NumberError::NonAsciiDigits { ascii } => write!(
                f,
                "full-width or non-Latin digits; type it with ordinary digits: {ascii}"
            ),
            NumberError::UnitInField { number, unit } => write!(
                f,
                "type the number only ({number}), without \u{201c}{unit}\u{201d}; the unit is the one shown or chosen beside the field"
            ),
            NumberError::LookAlike { found, meant } => {
                let what = match found {
                    'O' | 'o' | '\u{41e}' | '\u{43e}' => "a letter O",
                    'l' | 'I' | '|' => "a letter or bar",
                    _ => "a look-alike character",
                };
                write!(
                    f,
                    "\u{201c}{found}\u{201d} is {what}, not \u{201c}{meant}\u{201d}; type {meant}"
                )
            }
        }
    }
}

/// Full-width forms (U+FF01..U+FF5E map to ASCII by subtracting 0xFEE0) and the decimal digits
/// of the Arabic-Indic, Persian and Devanagari scripts, with their decimal separators.
fn non_ascii_digit_to_ascii(c: char) -> Option<char> {
    let code = u32::from(c);
    match code {
        0xFF10..=0xFF19 | 0xFF0B | 0xFF0C | 0xFF0D | 0xFF0E | 0xFF45 | 0xFF25 => {
            char::from_u32(code - 0xFEE0)
        }
        0x0660..=0x0669 => char::from_u32(code - 0x0660 + u32::from('0')),
        0x06F0..=0x06F9 => char::from_u32(code - 0x06F0 + u32::from('0')),
        0x0966..=0x096F => char::from_u32(code - 0x0966 + u32::from('0')),
        // Arabic decimal separator and thousands separator.
        0x066B => Some('.'),
        0x066C => Some(','),
        _ => None,
    }
}

/// Punctuation that is easily typed (or pasted from a document) in place of a sign or separator.
fn punctuation_look_alike(c: char) -> Option<char> {
    match c {
        // Minus sign, figure dash, en dash, em dash, small and full-width hyphen-minus, hyphen.
        '\u{2212}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{fe63}' | '\u{2010}'
        | '\u{2011}' => Some('-'),
        // Middle dot, one-dot leader.
        '\u{b7}' | '\u{2024}' => Some('.'),
        // Single low-9 quotation mark, Arabic comma.
        '\u{201a}' | '\u{60c}' => Some(','),
        _ => None,
    }
}

/// Letters that look like digits: Latin and Cyrillic O for 0, l / I / | for 1.
fn letter_look_alike(c: char) -> Option<char> {
    match c {
        'O' | 'o' | '\u{41e}' | '\u{43e}' => Some('0'),
        'l' | 'I' | '|' => Some('1'),
        _ => None,
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
/// assert!(matches!(parse_decimal("1,000"), Err(NumberError::AmbiguousThousands { .. })));
/// ```
pub fn parse_decimal(text: &str) -> Result<f64, NumberError> {
    let s = text.trim();
    if s.is_empty() {
        return Err(NumberError::Empty);
    }
    digits_and_point(s).unwrap_or_else(|| parse_decimal_checked(s))
}

/// The form nearly every typed cell has, read at once: ASCII digits with at most one decimal
/// point. Of all the checks of [`parse_decimal_checked`] only the thousands rule and the
/// float parser's can refuse it, so only they run (a 200-day grid is read on every edit).
/// `None` for any other text.
fn digits_and_point(s: &str) -> Option<Result<f64, NumberError>> {
    let (mut digits, mut points) = (0, 0);
    for b in s.bytes() {
        match b {
            b'0'..=b'9' => digits += 1,
            b'.' => points += 1,
            _ => return None,
        }
    }
    if digits == 0 || points > 1 {
        return None;
    }
    if let Some(e) = ambiguous_thousands(s) {
        return Some(Err(e));
    }
    Some(finite_float(s))
}

/// [`parse_decimal`] of trimmed, non-empty text, every check in turn.
fn parse_decimal_checked(s: &str) -> Result<f64, NumberError> {
    if s.chars().any(|c| non_ascii_digit_to_ascii(c).is_some()) {
        let ascii: String = s
            .chars()
            .map(|c| non_ascii_digit_to_ascii(c).unwrap_or(c))
            .collect();
        return Err(NumberError::NonAsciiDigits { ascii });
    }
    if let Some((found, meant)) = s
        .chars()
        .find_map(|c| punctuation_look_alike(c).map(|m| (c, m)))
    {
        return Err(NumberError::LookAlike { found, meant });
    }
    // "1O" or "l0": letters standing for digits, only when every other character is numeric
    // (so "10 mg" is a unit, not a look-alike).
    let numeric = |c: char| c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '+');
    if s.chars().any(|c| c.is_ascii_digit())
        && s.chars()
            .all(|c| numeric(c) || letter_look_alike(c).is_some())
        && let Some((found, meant)) = s.chars().find_map(|c| letter_look_alike(c).map(|m| (c, m)))
    {
        return Err(NumberError::LookAlike { found, meant });
    }
    if let Some((number, unit)) = split_unit(s) {
        // The number part is read first, so "1,000 mg" gets the ambiguity message.
        parse_plain(number)?;
        return Err(NumberError::UnitInField {
            number: number.to_string(),
            unit: unit.to_string(),
        });
    }
    parse_plain(s)
}

/// "39 C" -> ("39", "C"); "10mg" -> ("10", "mg"); "38,5°" -> ("38,5", "°"). None when the text
/// after the number does not start like a unit ("1 234", "0x10", "1e").
fn split_unit(s: &str) -> Option<(&str, &str)> {
    let bytes: Vec<char> = s.chars().collect();
    let mut end = 0;
    let mut byte_end = 0;
    while let Some(&c) = bytes.get(end) {
        let exponent = matches!(c, 'e' | 'E')
            && end > 0
            && bytes
                .get(end + 1)
                .is_some_and(|n| n.is_ascii_digit() || matches!(n, '+' | '-'));
        if c.is_ascii_digit() || matches!(c, '.' | ',' | '+' | '-') || exponent {
            end += 1;
            byte_end += c.len_utf8();
        } else {
            break;
        }
    }
    let number = s.get(..byte_end)?;
    let unit = s.get(byte_end..)?.trim();
    if !number.chars().any(|c| c.is_ascii_digit()) || unit.is_empty() {
        return None;
    }
    let first = unit.chars().next()?;
    let starts_like_a_unit = (first.is_alphabetic() && !matches!(first, 'x' | 'X' | 'e' | 'E'))
        || matches!(first, '\u{b0}' | '%' | '/' | '\u{2103}' | '\u{2109}')
        || (matches!(first, 'e' | 'E') && unit.chars().count() > 1);
    starts_like_a_unit.then_some((number, unit))
}

/// The number itself: sign, digits, one separator, optional exponent.
fn parse_plain(s: &str) -> Result<f64, NumberError> {
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
    if let Some(e) = ambiguous_thousands(s) {
        return Err(e);
    }
    finite_float(&normalised)
}

/// The float parser's reading of a checked plain decimal; a value too large for an f64 is not a
/// number, and `+ 0.0` reads "-0" as 0.
fn finite_float(plain: &str) -> Result<f64, NumberError> {
    match plain.parse::<f64>() {
        Ok(x) if x.is_finite() => Ok(x + 0.0),
        Ok(_) | Err(_) => Err(NumberError::NotANumber),
    }
}

/// A number written for a file that may be pasted or opened again: a fourth decimal, zero, when
/// exactly three follow the separator after a non-zero whole part ("15.375" -> "15.3750"), so
/// that neither this page ([`parse_decimal`] refuses "15.375" as ambiguous) nor a spreadsheet of
/// the other convention reads it as fifteen thousand. Same value; other text unchanged.
pub fn without_thousands_ambiguity(mut text: String) -> String {
    if ambiguous_thousands(&text).is_some() {
        text.push('0');
    }
    text
}

/// The rule of SPEC §3 "Typed numbers": exactly three digits after the only separator, a
/// non-zero whole part, no exponent.
fn ambiguous_thousands(s: &str) -> Option<NumberError> {
    if s.contains(['e', 'E']) {
        return None;
    }
    let negative = s.starts_with('-');
    let body = s.trim_start_matches(['-', '+']);
    let sep = if body.contains(',') { ',' } else { '.' };
    let (whole, frac) = body.split_once(sep)?;
    let is_ambiguous = frac.len() == 3
        && frac.chars().all(|c| c.is_ascii_digit())
        && whole.chars().all(|c| c.is_ascii_digit())
        && whole.chars().any(|c| c != '0');
    if !is_ambiguous {
        return None;
    }
    let sign = if negative { "-" } else { "" };
    let whole = whole.trim_start_matches('0');
    let decimals = frac.trim_end_matches('0');
    // "1,000" -> "1,0"; "1,250" -> "1,25"; "175,001" keeps three decimals, so a fourth, zero,
    // makes it unambiguous: "175,0010".
    let decimals = match decimals.len() {
        0 => "0".to_string(),
        3 => format!("{decimals}0"),
        _ => decimals.to_string(),
    };
    Some(NumberError::AmbiguousThousands {
        as_thousands: format!("{sign}{whole}{frac}"),
        as_decimal: format!("{sign}{whole}{sep}{decimals}"),
    })
}

/// Magnitudes shown with an exponent: at and above 10^15 (an f64 prints every digit of 1e308)
/// and below 10^-6 (no bedside value is that small; the plain form would be a run of zeros).
pub const EXPONENT_FROM: f64 = 1e15;
pub const EXPONENT_BELOW: f64 = 1e-6;

/// Which decimal separator to show numbers with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecimalSeparator {
    Point,
    Comma,
}

/// Formats a number for display and echo without losing digits: the shortest text that reads
/// back as the same `f64`, with the chosen separator (no grouping, so it can be typed back).
///
/// Two cases keep the text readable and unambiguous when typed back: beyond 10^15 or below
/// 10^-6 it uses an exponent ("1e308", never 309 digits); and a value whose shortest form has
/// exactly three decimals after a non-zero whole part gets a fourth, zero, decimal ("15.3750"),
/// because "15.375" would be refused as an ambiguous thousands group when read back.
pub fn format_decimal(x: f64, sep: DecimalSeparator) -> String {
    let a = x.abs();
    let mut s = if a != 0.0 && !(EXPONENT_BELOW..EXPONENT_FROM).contains(&a) {
        format!("{x:e}")
    } else {
        format!("{x}")
    };
    if ambiguous_thousands(&s).is_some() {
        s.push('0');
    }
    match sep {
        DecimalSeparator::Point => s,
        DecimalSeparator::Comma => s.replace('.', ","),
    }
}

/// A value quoted back in a message ("got 6000"): as Rust prints it, but with an exponent beyond
/// 10^15 or below 10^-6, so a refused 1e308 never shows as 309 digits.
pub fn format_quoted(x: f64) -> String {
    let a = x.abs();
    if a.is_finite() && a != 0.0 && !(EXPONENT_BELOW..EXPONENT_FROM).contains(&a) {
        format!("{x:e}")
    } else {
        format!("{x}")
    }
}

/// Rounds for display only (values are stored unrounded): `digits` after the separator,
/// trailing zeros kept so columns line up.
///
/// Rounds the value's shortest decimal form half away from zero, as a person would: 896.35
/// shows as 896.4 (printing the binary value, 896.349999..., would give 896.3).
pub fn format_fixed(x: f64, digits: usize) -> String {
    if !x.is_finite() || x.abs() >= EXPONENT_FROM {
        // No bedside value reaches here (plausibility ranges refuse it); never print 309 digits.
        return format!("{x:e}");
    }
    // Arithmetic leaves noise in the last bits (7*6.2/2 + ... = 896.3499999999999 for 896.35);
    // fifteen significant digits (of the ~15.9 an f64 holds) remove it before rounding the
    // decimal text, without moving any digit that was really computed.
    let denoised = denoised(x, 15);
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

/// `x` rounded to `significant` decimal digits (1-17), as its text in scientific notation reads
/// back. A whole number below 10^15 is returned as it is: it has at most 15 digits, so with
/// `significant` 15 or more the text holds every digit and reads back exactly (skipping the
/// exact float printer and parser, the costliest step of writing a whole day or a count).
pub fn denoised(x: f64, significant: usize) -> f64 {
    if significant >= 15 && x.fract() == 0.0 && x.abs() < EXPONENT_FROM {
        return x;
    }
    let digits = significant.saturating_sub(1);
    format!("{x:.digits$e}").parse::<f64>().unwrap_or(x)
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

/// Minutes per day, for day cells written as a day and a time of day.
pub const MINUTES_PER_DAY: f64 = 1440.0;

/// Reads a table's day cell: a day number ("14", "14.5", "14,5") or a whole day and a time of
/// day ("14 01:00" = day 14 + 1 h; "-1 12:00" = day -0.5, as the page writes a day and time),
/// so a sample taken at 01:00 need not be typed or shown as 14.041666666666666.
pub fn read_day_cell(text: &str) -> Result<f64, NumberError> {
    let t = text.trim();
    let day_and_time = t.split_once(' ').and_then(|(d, time)| {
        let (h, m) = time.trim().split_once(':')?;
        let day = parse_decimal(d).ok().filter(|d| d.fract() == 0.0)?;
        let h: u32 = h.parse().ok().filter(|h| *h <= 23)?;
        if m.len() != 2 {
            return None;
        }
        let m: u32 = m.parse().ok().filter(|m: &u32| *m <= 59)?;
        Some(day + f64::from(h * 60 + m) / MINUTES_PER_DAY)
    });
    match day_and_time {
        Some(day) => Ok(day),
        None => parse_decimal(t),
    }
}

/// The text a day cell gets from a case: "14", "14 01:00" when the day is a whole minute that
/// reads back exactly, else the shortest decimal that reads back exactly (nothing is lost).
pub fn day_cell_text(day: f64) -> String {
    let minutes = (day * MINUTES_PER_DAY).round();
    let whole = (minutes / MINUTES_PER_DAY).floor();
    let rest = minutes - whole * MINUTES_PER_DAY;
    if rest != 0.0 && whole.abs() < MINUTES_PER_DAY * 1000.0 {
        let text = format!("{} {:02}:{:02}", whole, (rest / 60.0).floor(), rest % 60.0);
        if read_day_cell(&text) == Ok(day) {
            return text;
        }
    }
    format_decimal(day, DecimalSeparator::Point)
}

/// The indices of `keys` in ascending order (`f64::total_cmp`); equal keys keep their input order.
///
/// Why one helper instead of `sort_by` at each call: every closure given to `sort_by` compiles
/// the whole standard-library sort again (about 2.8 KB of wasm each; 23 copies were shipped,
/// BENCHMARKS.md "Where the bytes go"). Lists in time order, and sorted values, use this one.
pub fn order_by_f64(keys: impl IntoIterator<Item = f64>) -> Vec<usize> {
    sort_keyed(keys.into_iter().enumerate().map(|(i, k)| (k, i)).collect())
}

/// The one sort: stable, so ties stay in index order.
#[inline(never)]
fn sort_keyed(mut keyed: Vec<(f64, usize)>) -> Vec<usize> {
    keyed.sort_by(|a, b| a.0.total_cmp(&b.0));
    keyed.into_iter().map(|(_, i)| i).collect()
}

/// Sorts `items` by `key(item)` ascending (`f64::total_cmp`), equal keys in their input order.
pub fn sort_by_f64<T>(items: &mut [T], key: impl Fn(&T) -> f64) {
    let mut order = order_by_f64(items.iter().map(key));
    permute(items, &mut order);
}

/// Moves the item at `order[k]` to `k`, for every `k`, in place by swaps (`order` is a
/// permutation of the indices; it is used up). In place rather than through a second list of
/// `Option<T>`: that was compiled again for each item type sorted (4.7 KB of wasm in all).
fn permute<T>(items: &mut [T], order: &mut [usize]) {
    for start in 0..order.len() {
        // Follow the cycle through `start`: position j takes the item now at order[j], which
        // the cycle has not moved yet; a placed position is marked by order[j] = j.
        let mut j = start;
        while let Some(slot) = order.get_mut(j) {
            let k = std::mem::replace(slot, j);
            if k == start || k >= items.len() || j >= items.len() {
                break;
            }
            items.swap(j, k);
            j = k;
        }
    }
}

/// A copy of `items` sorted as [`sort_by_f64`] does.
pub fn sorted_by_f64<T: Clone>(items: &[T], key: impl Fn(&T) -> f64) -> Vec<T> {
    let mut v = items.to_vec();
    sort_by_f64(&mut v, key);
    v
}

#[cfg(test)]
mod tests {
    // proptest is a host-only dev-dependency.
    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(20_000))]

        /// The quick reading of digits and a point gives what every check in turn gives, for
        /// text of that form and for text near it (signs, commas, exponents, spaces, letters).
        #[test]
        fn the_quick_path_reads_as_every_check_does_at_the_edges(n in 0usize..3) {
            let long = "9".repeat(400);
            let edges = [".", "..", "1.", ".5", "0.000", "1.000", "007", "1.2.3", long.as_str()];
            for s in edges.iter().skip(n) {
                proptest::prop_assert_eq!(parse_decimal(s), parse_decimal_checked(s), "{:?}", s);
            }
        }

        #[test]
        fn the_quick_path_reads_as_every_check_does(
            plain in "[0-9.]{1,24}",
            near in "[0-9.,+eE lO-]{1,10}",
        ) {
            for s in [plain.as_str(), near.as_str()] {
                let s = s.trim();
                if s.is_empty() {
                    continue;
                }
                proptest::prop_assert_eq!(parse_decimal(s), parse_decimal_checked(s), "{:?}", s);
            }
        }
    }

    use super::*;

    #[test]
    fn sort_by_f64_orders_as_the_standard_stable_sort() {
        // Pseudo-random keys with many ties, NaN, ±0 and ±Infinity, tagged with their input place.
        let pool = [
            0.0,
            -0.0,
            1.5,
            -2.0,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            7.0,
        ];
        let mut seed: u64 = 12345;
        for len in 0..200 {
            let mut v: Vec<(f64, usize)> = (0..len)
                .map(|i| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    let pick = (seed >> 33) as usize;
                    let key = match pool.get(pick % 12) {
                        Some(&k) => k,
                        None => (pick % 5) as f64 - 2.5,
                    };
                    (key, i)
                })
                .collect();
            let mut want = v.clone();
            want.sort_by(|a, b| a.0.total_cmp(&b.0));
            sort_by_f64(&mut v, |p| p.0);
            let tags = |x: &[(f64, usize)]| x.iter().map(|p| p.1).collect::<Vec<_>>();
            assert_eq!(tags(&v), tags(&want), "length {len}");
        }
    }

    #[test]
    fn sort_by_f64_is_stable_and_total() {
        let mut v = vec![
            (2.0, 'a'),
            (-0.0, 'b'),
            (1.0, 'c'),
            (2.0, 'd'),
            (0.0, 'e'),
            (1.0, 'f'),
        ];
        sort_by_f64(&mut v, |p| p.0);
        let order: String = v.iter().map(|p| p.1).collect();
        // total_cmp puts -0.0 before +0.0; equal keys keep their input order.
        assert_eq!(order, "becfad");
        assert_eq!(order_by_f64([3.0, f64::NAN, 1.0, 3.0]), vec![2, 0, 3, 1]);
        assert_eq!(sorted_by_f64(&[5.0, 4.0], |&d| d), vec![4.0, 5.0]);
        assert!(order_by_f64(std::iter::empty()).is_empty());
    }

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
            "abc", "NaN", "inf", "Infinity", "-", ".", "e5", "1e", "--1", "+-1", "0x10", "1e999",
        ] {
            assert_eq!(parse_decimal(bad), Err(NumberError::NotANumber), "{bad}");
        }
    }

    fn ambiguous(t: &str, d: &str) -> Result<f64, NumberError> {
        Err(NumberError::AmbiguousThousands {
            as_thousands: t.into(),
            as_decimal: d.into(),
        })
    }

    #[test]
    fn one_separator_before_three_digits_after_a_non_zero_whole_part_is_refused() {
        assert_eq!(parse_decimal("1,000"), ambiguous("1000", "1,0"));
        assert_eq!(parse_decimal("2.500"), ambiguous("2500", "2.5"));
        assert_eq!(parse_decimal("1,500"), ambiguous("1500", "1,5"));
        assert_eq!(parse_decimal("-1,000"), ambiguous("-1000", "-1,0"));
        assert_eq!(parse_decimal("+1.250"), ambiguous("1250", "1.25"));
        assert_eq!(parse_decimal("10,000"), ambiguous("10000", "10,0"));
        assert_eq!(parse_decimal("01,000"), ambiguous("1000", "1,0"));
        assert_eq!(parse_decimal("15.375"), ambiguous("15375", "15.3750"));
    }

    #[test]
    fn the_refusal_names_both_readings() {
        let e = parse_decimal("1,000").unwrap_err().to_string();
        assert!(e.starts_with("1000 or 1,0?"), "{e}");
        assert!(e.contains("type 1000 (no separator) or 1,0"), "{e}");
    }

    #[test]
    fn zero_whole_part_other_fraction_lengths_and_exponents_stay_valid() {
        assert_eq!(parse_decimal("0,125"), Ok(0.125));
        assert_eq!(parse_decimal(",125"), Ok(0.125));
        assert_eq!(parse_decimal("-0.125"), Ok(-0.125));
        assert_eq!(parse_decimal("1,25"), Ok(1.25));
        assert_eq!(parse_decimal("38,5"), Ok(38.5));
        assert_eq!(parse_decimal("1000"), Ok(1000.0));
        assert_eq!(parse_decimal("1,2500"), Ok(1.25));
        assert_eq!(parse_decimal("1.5e3"), Ok(1500.0));
        assert_eq!(parse_decimal("1.500e3"), Ok(1500.0));
        assert_eq!(parse_decimal("1000,5"), Ok(1000.5));
    }

    #[test]
    fn minus_zero_is_read_as_zero() {
        let x = parse_decimal("-0").unwrap();
        assert_eq!(x, 0.0);
        assert!(x.is_sign_positive());
    }

    #[test]
    fn huge_finite_numbers_are_read_and_shown_with_an_exponent() {
        // Finite, so read; the plausibility range of each field refuses it where it matters.
        assert_eq!(parse_decimal("1e308"), Ok(1e308));
        assert_eq!(format_decimal(1e308, DecimalSeparator::Point), "1e308");
        assert_eq!(format_fixed(1e308, 1), "1e308");
        assert_eq!(format_result(1e308), "1e308");
        assert_eq!(format_decimal(2.5e-9, DecimalSeparator::Comma), "2,5e-9");
        assert_eq!(
            format_decimal(123_456_789.0, DecimalSeparator::Point),
            "123456789"
        );
    }

    #[test]
    fn formatting_never_writes_an_ambiguous_three_decimal_form() {
        assert_eq!(format_decimal(15.375, DecimalSeparator::Point), "15.3750");
        assert_eq!(format_decimal(-1.125, DecimalSeparator::Comma), "-1,1250");
        assert_eq!(format_decimal(0.125, DecimalSeparator::Point), "0.125");
        assert_eq!(format_decimal(1.25, DecimalSeparator::Point), "1.25");
        assert_eq!(parse_decimal("15.3750"), Ok(15.375));
    }

    #[test]
    fn non_ascii_digits_are_refused_with_the_ascii_text() {
        assert_eq!(
            parse_decimal("\u{ff11}\u{ff10}"),
            Err(NumberError::NonAsciiDigits { ascii: "10".into() })
        );
        assert_eq!(
            parse_decimal("\u{663}\u{668}\u{66b}\u{665}"),
            Err(NumberError::NonAsciiDigits {
                ascii: "38.5".into()
            })
        );
    }

    #[test]
    fn a_unit_typed_in_the_field_is_refused_and_named() {
        let unit = |n: &str, u: &str| {
            Err(NumberError::UnitInField {
                number: n.into(),
                unit: u.into(),
            })
        };
        assert_eq!(parse_decimal("39 C"), unit("39", "C"));
        assert_eq!(parse_decimal("10mg"), unit("10", "mg"));
        assert_eq!(parse_decimal("38,5\u{b0}"), unit("38,5", "\u{b0}"));
        assert_eq!(parse_decimal("39\u{b0}C"), unit("39", "\u{b0}C"));
        assert_eq!(parse_decimal("150 x10^9/L"), Err(NumberError::Grouping));
        assert_eq!(parse_decimal("1,5 g/dL"), unit("1,5", "g/dL"));
        // The number part is read first: "1,000 mg" is ambiguous before it has a unit.
        assert_eq!(parse_decimal("1,000 mg"), ambiguous("1000", "1,0"));
        let e = parse_decimal("10mg").unwrap_err().to_string();
        assert!(e.contains("type the number only (10)"), "{e}");
    }

    #[test]
    fn look_alike_minus_signs_and_letters_are_refused() {
        let look = |found: char, meant: char| Err(NumberError::LookAlike { found, meant });
        assert_eq!(parse_decimal("\u{2212}5"), look('\u{2212}', '-'));
        assert_eq!(parse_decimal("\u{2013}5"), look('\u{2013}', '-'));
        assert_eq!(parse_decimal("1O"), look('O', '0'));
        assert_eq!(parse_decimal("1\u{43e}0"), look('\u{43e}', '0'));
        assert_eq!(parse_decimal("l5"), look('l', '1'));
        assert_eq!(parse_decimal("1\u{b7}5"), look('\u{b7}', '.'));
        let e = parse_decimal("1O").unwrap_err().to_string();
        assert_eq!(
            e,
            "\u{201c}O\u{201d} is a letter O, not \u{201c}0\u{201d}; type 0"
        );
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
