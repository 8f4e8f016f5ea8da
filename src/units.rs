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
