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
            format!("{sign}{product}e{shift}").parse::<f64>().ok()
        })
        .unwrap_or_else(|| x * f64::from(m) * 10f64.powi(power))
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
