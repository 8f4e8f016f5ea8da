//! Number and day formatting for chart labels and text alternatives.
//!
//! Chart text is English with a decimal point (the page's own tables carry the locale). Numbers
//! never use exponent notation ("1e2"); integers of 10 000 and more are grouped in threes with a
//! narrow no-break space ("10 000") and days read as everywhere else ("day +14 01:00"): both
//! come from [`crate::display`].

/// `x` with `decimals` decimals, trailing zeros trimmed, no "-0".
fn trimmed(x: f64, decimals: usize) -> String {
    let s = format!("{x:.decimals$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    if s == "-0" { "0".to_string() } else { s }
}

/// A measured value for a label ("77.7", "0.76", "751.3", "12 346").
///
/// ```text
/// |x| >= 10 000     -> whole number, grouped      (12 346)
/// 10 <= |x| < 10 000 -> 1 decimal, trimmed      (77.7, 751.3, 96, 1269.4)
/// 1 <= |x| < 10    -> 2 decimals, trimmed        (2.5, 7.25)
/// |x| < 1          -> 2 significant digits, at least 2 decimals (0.76, 0.012)
/// ```
pub fn value(x: f64) -> String {
    if !x.is_finite() {
        return "not a number".to_string();
    }
    let a = x.abs();
    let s = if a >= 10_000.0 {
        trimmed(x, 0)
    } else if a >= 10.0 {
        trimmed(x, 1)
    } else if a >= 1.0 || a == 0.0 {
        trimmed(x, 2)
    } else {
        // Digits needed for 2 significant figures: 0.76 -> 2, 0.012 -> 3, 0.00034 -> 5.
        let lead = (-a.log10()).floor() as usize;
        trimmed(x, (lead + 2).clamp(2, 12))
    };
    crate::display::group_digits(&s)
}

/// Label of the decade tick 10^`exponent` ("0.01", "1", "100", "100 000"); beyond a million
/// or below 0.0001 a power of ten with a superscript exponent ("10⁷", "10⁻⁵").
pub fn decade(exponent: i32) -> String {
    if !(-4..=6).contains(&exponent) {
        let sup: String = exponent
            .to_string()
            .chars()
            .map(|c| match c {
                '-' => '⁻',
                '0' => '⁰',
                '1' => '¹',
                '2' => '²',
                '3' => '³',
                '4' => '⁴',
                '5' => '⁵',
                '6' => '⁶',
                '7' => '⁷',
                '8' => '⁸',
                _ => '⁹',
            })
            .collect();
        return format!("10{sup}");
    }
    if exponent >= 0 {
        let mut s = String::from("1");
        for _ in 0..exponent {
            s.push('0');
        }
        crate::display::group_digits(&s)
    } else {
        let mut s = String::from("0.");
        for _ in 1..-exponent {
            s.push('0');
        }
        s.push('1');
        s
    }
}

/// Label of a tick on a linear axis whose ticks are `step` apart (decimals follow the step).
pub fn tick(x: f64, step: f64) -> String {
    let decimals = if step >= 1.0 || step <= 0.0 || !step.is_finite() {
        0
    } else {
        ((-step.log10()).ceil() as usize).min(12)
    };
    crate::display::group_digits(&trimmed(x, decimals))
}

/// Hours into the day of a day count, rounded to the minute: `(whole day, hours)`.
fn split_day(day: f64) -> (f64, f64) {
    let minutes = (day * 1440.0).round();
    let whole = (minutes / 1440.0).floor();
    let hours = (minutes - whole * 1440.0) / 60.0;
    (whole, hours)
}

/// A day count on an axis tick: "14" on whole days, "+6h" for hours into a day.
pub fn day_tick(day: f64) -> String {
    let (whole, hours) = split_day(day);
    if hours == 0.0 {
        trimmed(whole, 0)
    } else {
        format!("+{}h", trimmed(hours, 2))
    }
}

/// A plain day count (for "day 0-28" spans and horizons): "28", "10.5".
pub fn days(x: f64) -> String {
    trimmed(x, 3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_like_a_lab_report() {
        assert_eq!(value(77.7), "77.7");
        assert_eq!(value(751.3), "751.3");
        assert_eq!(value(96.0), "96");
        assert_eq!(value(2.5), "2.5");
        assert_eq!(value(0.76), "0.76");
        assert_eq!(value(0.0123), "0.012");
        assert_eq!(value(0.0), "0");
        assert_eq!(value(1333.0), "1333");
        assert_eq!(value(1269.4), "1269.4");
        assert_eq!(value(12345.6), "12\u{202f}346");
        assert_eq!(value(100_000.0), "100\u{202f}000");
        assert_eq!(value(-0.0), "0");
        assert_eq!(value(-12.34), "-12.3");
    }

    #[test]
    fn decades_have_no_exponent_noise() {
        assert_eq!(decade(-2), "0.01");
        assert_eq!(decade(-1), "0.1");
        assert_eq!(decade(0), "1");
        assert_eq!(decade(2), "100");
        assert_eq!(decade(3), "1000");
        assert_eq!(decade(5), "100\u{202f}000");
        assert_eq!(decade(6), "1\u{202f}000\u{202f}000");
        assert_eq!(decade(7), "10⁷");
        assert_eq!(decade(-4), "0.0001");
        assert_eq!(decade(-5), "10⁻⁵");
        assert_eq!(decade(-19), "10⁻¹⁹");
    }

    #[test]
    fn ticks_follow_the_step() {
        assert_eq!(tick(20.0, 5.0), "20");
        assert_eq!(tick(0.5, 0.1), "0.5");
        assert_eq!(tick(0.25, 0.05), "0.25");
        assert_eq!(tick(-0.0, 1.0), "0");
        assert_eq!(tick(20000.0, 5000.0), "20\u{202f}000");
    }

    #[test]
    fn day_ticks_show_hours_when_fractional() {
        assert_eq!(day_tick(14.0), "14");
        assert_eq!(day_tick(14.5), "+12h");
        assert_eq!(days(28.0), "28");
        assert_eq!(days(10.5), "10.5");
    }
}
