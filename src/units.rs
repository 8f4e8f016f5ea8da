//! Unit conversions by powers of ten that give back exactly the number a person would type.
//!
//! Why not `x * 1000.0`: binary floating point cannot hold most decimals, so multiplying the
//! double nearest "16.1" by 1000 gives 16100.000000000002, not the 16100 a clinician typing
//! "16100" would get; a cut-off compared against it (75,000 or 175,000 platelets/µL) could then
//! land on the wrong side. Here the number is shifted on its shortest decimal form instead
//! ("1.61e1" -> "1.61e4") and read back, so the result is the double nearest the exact decimal
//! product, and converting back returns the original value (for any value typed with up to 15
//! significant digits, i.e. anything entered at the bedside).
//!
//! Conversions (exact by definition of the units):
//! ```text
//! cells/µL  = 10^9/L × 1000      (1 µL = 10^-6 L)       platelets, ANC
//! g/dL      = g/L ÷ 10           (1 dL = 0.1 L)         haemoglobin
//! mg/dL     = mg/L ÷ 10                                 CRP (10 mg/L = 1 mg/dL)
//! mg/dL     = g/L × 100                                 fibrinogen
//! g/dL      = mmol/L × 1.61145                          haemoglobin (monomer, 16,114.5 g/mol; ICSH 1995)
//! ```

/// `x × 10^power` computed on the shortest decimal form of `x`.
///
/// # Examples
/// ```
/// use icans_calc::units::shift_decimal;
/// assert_eq!(shift_decimal(16.1, 3), 16100.0);
/// assert_eq!(shift_decimal(340.0, -1), 34.0);
/// assert_eq!(shift_decimal(0.1, -1), 0.01);
/// ```
pub fn shift_decimal(x: f64, power: i32) -> f64 {
    if !x.is_finite() || x == 0.0 {
        // NaN, ±Infinity and ±0 are unchanged by a power of ten.
        return x;
    }
    // Rust prints the shortest digits that read back as the same double: "1.61e1", "-5e-1".
    let text = format!("{x:e}");
    text.split_once('e')
        .and_then(|(mantissa, exponent)| {
            let exponent: i32 = exponent.parse().ok()?;
            format!("{mantissa}e{}", exponent.checked_add(power)?)
                .parse::<f64>()
                .ok()
        })
        // Unreachable: `{:e}` always has one 'e' and an integer exponent. The plain product is
        // the closest fallback should it ever be needed.
        .unwrap_or_else(|| x * 10f64.powi(power))
}

/// Haemoglobin monomer (one globin chain with its haem) molar mass, g/mol: the tetramer's
/// 64,458 g/mol divided by four, as the ICSH reference method defines it ([`HB_MOLAR_MASS_SOURCE`]).
/// Laboratories that report haemoglobin in mmol/L (the Netherlands, parts of Scandinavia and
/// Germany) count moles of monomer, so 1 mmol/L = 16.1145 g/L = 1.61145 g/dL exactly.
pub const HB_MONOMER_G_PER_MOL: f64 = 16_114.5;

/// g/dL per mmol/L of haemoglobin (monomer): 16,114.5 g/mol × 1 mmol/L = 16.1145 g/L.
pub const HB_G_PER_DL_PER_MMOL_PER_L: f64 = 1.611_45;

/// The source of the haemoglobin molar mass, as cited to the user.
pub const HB_MOLAR_MASS_SOURCE: &str = "International Council for Standardization in Haematology (ICSH), Recommendations for reference method for haemoglobinometry in human blood (ICSH standard 1995). J Clin Pathol 1996;49:271-274";

/// The exact decimal product `x × m × 10^power` for an integer `m`, read back as the nearest
/// double (so 8.5 × 1.61145 is 13.697325, not 13.697325000000001).
fn exact_product(x: f64, m: u32, power: i32) -> f64 {
    let text = format!("{x:e}");
    text.split_once('e')
        .and_then(|(mantissa, exponent)| {
            let exponent: i32 = exponent.parse().ok()?;
            let (sign, digits) = match mantissa.strip_prefix('-') {
                Some(rest) => ("-", rest),
                None => ("", mantissa),
            };
            let decimals = digits.split_once('.').map_or(0, |(_, f)| f.len());
            let integer: u128 = digits.replace('.', "").parse().ok()?;
            let product = integer.checked_mul(u128::from(m))?;
            let shift = exponent
                .checked_sub(i32::try_from(decimals).ok()?)?
                .checked_add(power)?;
            format!("{sign}{}e{shift}", decimal_digits(product))
                .parse::<f64>()
                .ok()
        })
        .unwrap_or_else(|| x * f64::from(m) * 10f64.powi(power))
}

/// The decimal digits of `v`, as `{}` prints it. Written out because `{}` on a `u128` links a
/// printer of its own (1.3 KB of wasm) for the two exact conversions here. The JSON writer's
/// `write_digits` is the same loop on `u64`, kept apart on purpose: on wasm32 a `u128` division
/// is a library call, and the JSON output writes every integer through that loop.
fn decimal_digits(mut v: u128) -> String {
    // u128::MAX has 39 digits.
    let mut digits = [b'0'; 39];
    let mut at = digits.len();
    loop {
        at -= 1;
        if let Some(d) = digits.get_mut(at) {
            *d = b'0' + (v % 10) as u8;
        }
        v /= 10;
        if v == 0 || at == 0 {
            break;
        }
    }
    digits
        .get(at..)
        .unwrap_or_default()
        .iter()
        .map(|&d| char::from(d))
        .collect()
}

/// Haemoglobin: mmol/L (monomer) -> g/dL (× 1.61145, exact in decimal).
pub fn hb_g_per_dl_from_mmol_per_l(mmol_per_l: f64) -> f64 {
    if !mmol_per_l.is_finite() || mmol_per_l == 0.0 {
        return mmol_per_l;
    }
    // 1.61145 = 161145 × 10^-5 (HB_G_PER_DL_PER_MMOL_PER_L).
    exact_product(mmol_per_l, 161_145, -5)
}

/// Platelets or ANC: ×10^9/L -> cells/µL (× 1000).
pub fn per_ul_from_e9_per_l(e9_per_l: f64) -> f64 {
    shift_decimal(e9_per_l, 3)
}

/// Platelets or ANC: cells/µL -> ×10^9/L (÷ 1000).
pub fn e9_per_l_from_per_ul(per_ul: f64) -> f64 {
    shift_decimal(per_ul, -3)
}

/// Haemoglobin: g/L -> g/dL (÷ 10).
pub fn g_per_dl_from_g_per_l(g_per_l: f64) -> f64 {
    shift_decimal(g_per_l, -1)
}

/// Haemoglobin: g/dL -> g/L (× 10).
pub fn g_per_l_from_g_per_dl(g_per_dl: f64) -> f64 {
    shift_decimal(g_per_dl, 1)
}

/// CRP: mg/L -> mg/dL (÷ 10; 10 mg/L = 1 mg/dL).
pub fn mg_per_dl_from_mg_per_l(mg_per_l: f64) -> f64 {
    shift_decimal(mg_per_l, -1)
}

/// CRP: mg/dL -> mg/L (× 10).
pub fn mg_per_l_from_mg_per_dl(mg_per_dl: f64) -> f64 {
    shift_decimal(mg_per_dl, 1)
}

/// Fibrinogen: g/L -> mg/dL (× 100).
pub fn mg_per_dl_from_g_per_l(g_per_l: f64) -> f64 {
    shift_decimal(g_per_l, 2)
}

/// Fibrinogen: mg/dL -> g/L (÷ 100).
pub fn g_per_l_from_mg_per_dl(mg_per_dl: f64) -> f64 {
    shift_decimal(mg_per_dl, -2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_multiplication_would_drift_but_the_shift_does_not() {
        // The reason this module exists: 16.1 × 1000 in binary is not 16100.
        assert_ne!(16.1_f64 * 1000.0, 16100.0);
        assert_eq!(per_ul_from_e9_per_l(16.1), 16100.0);
        assert_eq!(e9_per_l_from_per_ul(16100.0), 16.1);
    }

    #[test]
    fn platelet_cut_offs_convert_exactly() {
        assert_eq!(per_ul_from_e9_per_l(175.0), 175_000.0);
        assert_eq!(per_ul_from_e9_per_l(175.001), 175_001.0);
        assert_eq!(per_ul_from_e9_per_l(75.0), 75_000.0);
        assert_eq!(per_ul_from_e9_per_l(74.999), 74_999.0);
        assert_eq!(per_ul_from_e9_per_l(1.2), 1200.0);
        assert_eq!(per_ul_from_e9_per_l(1.201), 1201.0);
    }

    #[test]
    fn hb_and_crp_cut_offs_convert_exactly() {
        assert_eq!(g_per_dl_from_g_per_l(90.0), 9.0);
        assert_eq!(g_per_dl_from_g_per_l(91.0), 9.1);
        assert_eq!(g_per_l_from_g_per_dl(9.1), 91.0);
        assert_eq!(mg_per_dl_from_mg_per_l(30.0), 3.0);
        assert_eq!(mg_per_dl_from_mg_per_l(29.9), 2.99);
        assert_eq!(mg_per_dl_from_mg_per_l(340.0), 34.0);
        assert_eq!(mg_per_l_from_mg_per_dl(2.99), 29.9);
    }

    #[test]
    fn fibrinogen_g_per_l_and_mg_per_dl() {
        assert_eq!(mg_per_dl_from_g_per_l(1.5), 150.0);
        assert_eq!(g_per_l_from_mg_per_dl(150.0), 1.5);
        assert_eq!(mg_per_dl_from_g_per_l(0.07), 7.0);
    }

    #[test]
    fn hb_mmol_per_l_uses_the_monomer_molar_mass() {
        assert_eq!(HB_MONOMER_G_PER_MOL / 10_000.0, HB_G_PER_DL_PER_MMOL_PER_L);
        assert_eq!(hb_g_per_dl_from_mmol_per_l(1.0), 1.61145);
        assert_eq!(hb_g_per_dl_from_mmol_per_l(8.5), 13.697325);
        assert_eq!(hb_g_per_dl_from_mmol_per_l(5.585), 8.99994825);
        assert_eq!(hb_g_per_dl_from_mmol_per_l(5.5851), 9.000_109_395);
        assert_eq!(hb_g_per_dl_from_mmol_per_l(-2.0), -3.2229);
        assert_eq!(hb_g_per_dl_from_mmol_per_l(0.0), 0.0);
    }

    #[test]
    fn hb_mmol_per_l_either_side_of_the_9_g_per_dl_cut_off() {
        // 9.0 g/dL = 5.58503... mmol/L: no value typed with a few decimals lands on it.
        assert!(hb_g_per_dl_from_mmol_per_l(5.585) < 9.0);
        assert!(hb_g_per_dl_from_mmol_per_l(5.5851) > 9.0);
    }

    #[test]
    fn zero_negative_and_non_finite_pass_through() {
        assert_eq!(shift_decimal(0.0, 3), 0.0);
        assert_eq!(shift_decimal(-2.5, 1), -25.0);
        assert!(shift_decimal(f64::NAN, 3).is_nan());
        assert_eq!(shift_decimal(f64::INFINITY, -3), f64::INFINITY);
    }

    #[test]
    fn every_one_decimal_value_up_to_20000_round_trips() {
        for tenths in 1..200_000_u32 {
            let typed = f64::from(tenths) / 10.0; // the double nearest "n.d"
            let per_ul = per_ul_from_e9_per_l(typed);
            assert_eq!(per_ul, f64::from(tenths) * 100.0, "{typed}");
            assert_eq!(e9_per_l_from_per_ul(per_ul), typed, "{typed}");
        }
    }
}

/// Temperature: °F -> °C, `(°F - 32) × 5/9`, the conversion by definition of the Fahrenheit
/// scale (water freezes at 32 °F = 0 °C and boils at 212 °F = 100 °C).
///
/// Computed on the decimal digits as typed, as a fraction of integers, and rounded once to the
/// nearest double: 101.3 °F gives exactly 38.5 and 100.4 °F exactly 38.0 (the fever edge), with
/// no binary noise that could put a reading on the wrong side of 38.0 °C. Values outside any
/// body temperature (more than 10^10 or with more than 20 decimals) fall back to the plain
/// formula, which is then as exact as the input.
pub fn celsius_from_fahrenheit(fahrenheit: f64) -> f64 {
    exact_celsius_from_fahrenheit(fahrenheit).unwrap_or((fahrenheit - 32.0) * 5.0 / 9.0)
}

fn exact_celsius_from_fahrenheit(fahrenheit: f64) -> Option<f64> {
    if !fahrenheit.is_finite() {
        return None;
    }
    // Shortest digits that read back as the same double: "1.013e2" = 1013 × 10^-1.
    let text = format!("{fahrenheit:e}");
    let (mantissa, exponent) = text.split_once('e')?;
    let exponent: i32 = exponent.parse().ok()?;
    let negative = mantissa.starts_with('-');
    let decimals = mantissa.split_once('.').map_or(0, |(_, f)| f.len()) as i32;
    let digits: i128 = mantissa
        .chars()
        .filter(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .ok()?;
    let scale = exponent.checked_sub(decimals)?; // value = digits × 10^scale
    if !(-20..=10).contains(&scale) {
        return None;
    }
    let (mut numerator, denominator_10) = if scale >= 0 {
        (
            digits.checked_mul(10_i128.checked_pow(scale.unsigned_abs())?)?,
            1_i128,
        )
    } else {
        (digits, 10_i128.checked_pow(scale.unsigned_abs())?)
    };
    if negative {
        numerator = -numerator;
    }
    // °C = (N/D - 32) × 5/9 = (N - 32 D) × 5 / (9 D)
    let top = numerator
        .checked_sub(denominator_10.checked_mul(32)?)?
        .checked_mul(5)?;
    let bottom = denominator_10.checked_mul(9)?;
    // Long division to 30 decimals, then one correctly rounded reading of the text.
    let sign = if top < 0 { "-" } else { "" };
    let top = top.unsigned_abs();
    let bottom = bottom.unsigned_abs();
    let mut text = format!("{sign}{}.", decimal_digits(top / bottom));
    let mut remainder = top % bottom;
    for _ in 0..30 {
        remainder = remainder.checked_mul(10)?;
        text.push(char::from(b'0' + u8::try_from(remainder / bottom).ok()?));
        remainder %= bottom;
    }
    text.parse().ok()
}

/// Temperature: °C -> °F, `°C × 9/5 + 32` (the inverse of [`celsius_from_fahrenheit`]), for
/// showing a Celsius edge or range to a user who measures in °F (38.0 °C = 100.4 °F).
pub fn fahrenheit_from_celsius(celsius: f64) -> f64 {
    // × 9/5 = × 1.8, done as × 18 then a decimal shift so 38.0 gives exactly 100.4.
    shift_decimal(celsius * 18.0, -1) + 32.0
}

#[cfg(test)]
mod temperature_tests {
    use super::*;

    #[test]
    fn decimal_digits_are_what_display_prints() {
        let mut v: u128 = 1;
        let mut values = vec![0, 9, 10, 99, 100, 161_145, u128::MAX, u128::MAX - 1];
        for _ in 0..200 {
            values.extend([v.wrapping_sub(1), v, v.wrapping_add(1)]);
            v = v.wrapping_mul(7).wrapping_add(3) | 1;
        }
        for p in 0..39 {
            let ten = 10_u128.pow(p);
            values.extend([ten - 1, ten, ten + 1]);
        }
        for v in values {
            assert_eq!(decimal_digits(v), v.to_string());
        }
    }

    #[test]
    fn fahrenheit_converts_exactly_at_the_fever_edge_and_fixed_points() {
        assert_eq!(celsius_from_fahrenheit(100.4), 38.0);
        assert_eq!(celsius_from_fahrenheit(101.3), 38.5);
        assert_eq!(celsius_from_fahrenheit(32.0), 0.0);
        assert_eq!(celsius_from_fahrenheit(212.0), 100.0);
        assert_eq!(celsius_from_fahrenheit(-40.0), -40.0);
        assert_eq!(celsius_from_fahrenheit(98.6), 37.0);
        assert_eq!(celsius_from_fahrenheit(77.0), 25.0);
        assert_eq!(celsius_from_fahrenheit(113.0), 45.0);
        // Just below the edge stays below it; just above stays above.
        assert!(celsius_from_fahrenheit(100.39) < 38.0);
        assert!(celsius_from_fahrenheit(100.41) > 38.0);
        // A third: 100 °F = 37.777... °C, the double nearest 340/9.
        assert_eq!(celsius_from_fahrenheit(100.0), 340.0 / 9.0);
    }

    #[test]
    fn every_tenth_of_a_degree_f_in_the_body_range_matches_the_exact_fraction() {
        // (F - 32) × 5/9 for F = n/10 is (n - 320) × 5 / 90 = (n - 320) / 18.
        for tenths in 770..=1130_i32 {
            let f = f64::from(tenths) / 10.0;
            let exact = f64::from(tenths - 320) / 18.0;
            assert_eq!(celsius_from_fahrenheit(f), exact, "{f}");
        }
    }

    #[test]
    fn celsius_to_fahrenheit_gives_the_edges_a_user_reads() {
        assert_eq!(fahrenheit_from_celsius(38.0), 100.4);
        assert_eq!(fahrenheit_from_celsius(25.0), 77.0);
        assert_eq!(fahrenheit_from_celsius(45.0), 113.0);
        assert_eq!(celsius_from_fahrenheit(fahrenheit_from_celsius(38.0)), 38.0);
    }
}
