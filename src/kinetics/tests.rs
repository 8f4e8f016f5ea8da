//! Hand-checkable unit tests: each expected number is worked out in a comment.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::*;

const LN2: f64 = std::f64::consts::LN_2;

fn series(points: &[(f64, f64)]) -> Series {
    Series::new(points).unwrap()
}

fn h(days: f64) -> HorizonDays {
    HorizonDays::new(days).unwrap()
}

/// |got - expected| <= 1e-12 * (1 + |expected|): hand values are exact up to rounding.
fn assert_close(got: f64, expected: f64) {
    assert!(
        (got - expected).abs() <= 1e-12 * (1.0 + expected.abs()),
        "got {got}, expected {expected}"
    );
}

fn auc_value(s: &Series, method: AucMethod, to_day: f64) -> Option<f64> {
    analyse(s, method, &[h(to_day)]).auc[0].value
}

fn terminal(s: &Series) -> Result<TerminalPhase, TerminalPhaseUnavailable> {
    analyse(s, AucMethod::Linear, &[]).terminal
}

const TRIANGLE: [(f64, f64); 5] = [
    (0.0, 0.0),
    (7.0, 10.0),
    (14.0, 20.0),
    (21.0, 10.0),
    (28.0, 0.0),
];

// ---------------------------------------------------------------- validation

#[test]
fn rejects_empty_series() {
    let err = Series::new(&[]).unwrap_err();
    assert_eq!(err, SeriesError::Empty);
    assert_eq!(err.code(), "empty_series");
    assert_eq!(err.index(), None);
}

#[test]
fn rejects_non_finite_day() {
    for day in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let err = Series::new(&[(0.0, 0.0), (day, 1.0)]).unwrap_err();
        assert!(
            matches!(err, SeriesError::NonFiniteDay { index: 1, .. }),
            "{err:?}"
        );
        assert_eq!(err.code(), "non_finite_day");
    }
    let err = Series::new(&[(f64::NAN, 1.0)]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "day must be a finite number, got NaN (not a number)"
    );
}

#[test]
fn rejects_non_finite_value() {
    let err = Series::new(&[(0.0, 0.0), (7.0, f64::INFINITY)]).unwrap_err();
    assert!(matches!(err, SeriesError::NonFiniteValue { index: 1, day, .. } if day == 7.0));
    assert_eq!(
        err.to_string(),
        "value must be a finite number, got infinity (day 7)"
    );
    let err = Series::new(&[(3.0, f64::NAN)]).unwrap_err();
    assert_eq!(err.code(), "non_finite_value");
}

#[test]
fn rejects_negative_value() {
    let err = Series::new(&[(0.0, 0.0), (7.0, 10.0), (14.0, -1.0)]).unwrap_err();
    assert_eq!(
        err,
        SeriesError::NegativeValue {
            index: 2,
            day: 14.0,
            value: -1.0
        }
    );
    assert_eq!(
        err.to_string(),
        "value must not be negative, got -1 (day 14)"
    );
    assert_eq!(err.index(), Some(2));
}

#[test]
fn rejects_negative_day() {
    let err = Series::new(&[(-1.0, 0.0), (7.0, 10.0)]).unwrap_err();
    assert_eq!(
        err,
        SeriesError::NegativeDay {
            index: 0,
            day: -1.0
        }
    );
    assert_eq!(err.code(), "negative_day");
}

#[test]
fn rejects_duplicate_day_even_with_equal_values() {
    // Unsorted input: the two day-14 samples are at input positions 3 and 1.
    let err = Series::new(&[(0.0, 0.0), (14.0, 20.0), (7.0, 10.0), (14.0, 20.0)]).unwrap_err();
    assert_eq!(
        err,
        SeriesError::DuplicateDay {
            day: 14.0,
            first_index: 1,
            second_index: 3
        }
    );
    assert_eq!(err.index(), Some(3));
    assert_eq!(err.code(), "duplicate_day");
    assert_eq!(
        err.to_string(),
        "day 14 already has a sample (at [1]); enter one value per day"
    );
}

#[test]
fn checks_run_per_sample_in_input_order() {
    // Sample 0 has a negative value, sample 1 a NaN day: sample 0 is reported first.
    let err = Series::new(&[(0.0, -1.0), (f64::NAN, 1.0)]).unwrap_err();
    assert!(matches!(err, SeriesError::NegativeValue { index: 0, .. }));
    // Within one sample: non-finite day, non-finite value, negative value, negative day.
    let first = |day: f64, value: f64| Series::new(&[(day, value)]).unwrap_err().code();
    assert_eq!(first(f64::NAN, f64::NAN), "non_finite_day");
    assert_eq!(first(-1.0, f64::NAN), "non_finite_value");
    assert_eq!(first(-1.0, -1.0), "negative_value");
    assert_eq!(first(-1.0, 1.0), "negative_day");
    // Duplicates are only looked for after every sample passed: the later negative value wins.
    let err = Series::new(&[(7.0, 1.0), (7.0, 1.0), (8.0, -1.0)]).unwrap_err();
    assert!(matches!(err, SeriesError::NegativeValue { index: 2, .. }));
}

#[test]
fn sorts_unsorted_input_by_day() {
    let s = series(&[(14.0, 20.0), (0.0, 0.0), (7.0, 10.0)]);
    assert_eq!(s.samples(), &[(0.0, 0.0), (7.0, 10.0), (14.0, 20.0)]);
    assert_eq!(s.n_samples(), 3);
}

#[test]
fn negative_zero_is_stored_as_zero() {
    // -0.0 is not below 0, so it is accepted; it is stored as +0.0 (no "-0" in any output).
    let s = series(&[(-0.0, -0.0), (7.0, 1.0)]);
    let (day, value) = s.samples()[0];
    assert!(day == 0.0 && day.is_sign_positive());
    assert!(value == 0.0 && value.is_sign_positive());
    // A day-0 sample exists, so no origin is added.
    assert_eq!(s.auc_curve_points(), vec![(0.0, 0.0), (7.0, 1.0)]);
}

#[test]
fn horizon_must_be_finite_and_positive() {
    assert_eq!(h(28.0).days(), 28.0);
    assert!(HorizonDays::new(0.0).is_err());
    assert!(HorizonDays::new(-28.0).is_err());
    assert!(matches!(
        HorizonDays::new(f64::NAN),
        Err(HorizonError::NonFinite { .. })
    ));
    assert!(matches!(
        HorizonDays::new(f64::INFINITY),
        Err(HorizonError::NonFinite { .. })
    ));
    assert_eq!(
        HorizonDays::new(0.0).unwrap_err().to_string(),
        "horizon must be more than 0 days after infusion, got 0"
    );
    assert_eq!(HorizonDays::DEFAULTS.map(HorizonDays::days), [28.0, 90.0]);
}

// ---------------------------------------------------------------- Cmax, Tmax, Clast, Tlast

#[test]
fn weekly_triangle_summary() {
    let r = analyse(&series(&TRIANGLE), AucMethod::Linear, &[]);
    assert_eq!(r.n_samples, 5);
    assert_eq!((r.cmax, r.tmax_day), (20.0, Some(14.0)));
    // Last value above 0 is 10 on day 21 (day 28 is 0).
    assert_eq!((r.clast, r.tlast_day), (10.0, Some(21.0)));
}

#[test]
fn tmax_tie_takes_first_day() {
    // 50 on day 10 and again on day 14: Tmax = 10.
    let s = series(&[
        (0.0, 0.0),
        (7.0, 20.0),
        (10.0, 50.0),
        (14.0, 50.0),
        (21.0, 25.0),
    ]);
    let r = analyse(&s, AucMethod::Linear, &[]);
    assert_eq!((r.cmax, r.tmax_day), (50.0, Some(10.0)));
}

#[test]
fn all_zero_series() {
    let s = series(&[(0.0, 0.0), (7.0, 0.0), (28.0, 0.0)]);
    for method in [AucMethod::Linear, AucMethod::LinUpLogDown] {
        let r = analyse(&s, method, &[h(28.0), h(90.0)]);
        assert_eq!((r.cmax, r.tmax_day), (0.0, None));
        assert_eq!((r.clast, r.tlast_day), (0.0, None));
        assert_eq!(r.auc_last, 0.0);
        // Day 90 is after the last sample, which is 0: the curve stays 0.
        assert_eq!(r.auc[0].value, Some(0.0));
        assert_eq!(r.auc[1].value, Some(0.0));
        assert_eq!(r.auc[1].extrapolated, Some(0.0));
        assert_eq!(r.terminal, Err(TerminalPhaseUnavailable::AllZero));
        assert_eq!(r.auc_inf, Some(0.0));
    }
}

// ---------------------------------------------------------------- AUC rules

#[test]
fn weekly_triangle_linear_auc_0_28_is_280() {
    // 7*(0+10)/2 + 7*(10+20)/2 + 7*(20+10)/2 + 7*(10+0)/2 = 35 + 105 + 105 + 35 = 280.
    let r = analyse(&series(&TRIANGLE), AucMethod::Linear, &[h(28.0), h(90.0)]);
    assert_eq!(r.auc[0].value, Some(280.0));
    // Day 90 is after a last value of 0: AUC0-90 = AUC0-28.
    assert_eq!(r.auc[1].value, Some(280.0));
    // AUClast stops at Tlast = 21: 35 + 105 + 105 = 245.
    assert_eq!(r.auc_last, 245.0);
}

#[test]
fn weekly_triangle_lin_up_log_down() {
    // Rising segments linear: 35 + 105. Day 14 -> 21 (20 -> 10) log: 7*(20-10)/ln 2 = 70/ln 2.
    // Day 21 -> 28 (10 -> 0) ends at 0: linear 35.
    let r = analyse(&series(&TRIANGLE), AucMethod::LinUpLogDown, &[h(28.0)]);
    assert_close(r.auc_last, 140.0 + 70.0 / LN2);
    assert_close(r.auc[0].value.unwrap(), 140.0 + 70.0 / LN2 + 35.0);
}

#[test]
fn log_rule_only_when_c2_below_c1_and_above_0() {
    let area = |c1: f64, c2: f64| auc::segment_area(AucMethod::LinUpLogDown, (0.0, c1), (1.0, c2));
    // c2 < c1, c2 > 0: log, 1*(10-5)/ln(10/5) = 5/ln 2 = 7.2135 (linear would give 7.5).
    assert_close(area(10.0, 5.0), 5.0 / LN2);
    // c2 == c1: linear (log would be 0/0), 1*(10+10)/2 = 10.
    assert_eq!(area(10.0, 10.0), 10.0);
    // c2 == 0: linear, 1*(10+0)/2 = 5.
    assert_eq!(area(10.0, 0.0), 5.0);
    // Rising: linear, 1*(5+10)/2 = 7.5.
    assert_eq!(area(5.0, 10.0), 7.5);
    // Both 0: 0.
    assert_eq!(area(0.0, 0.0), 0.0);
    // The linear method never uses the log rule: 1*(10+5)/2.
    assert_eq!(
        auc::segment_area(AucMethod::Linear, (0.0, 10.0), (1.0, 5.0)),
        7.5
    );
}

#[test]
fn log_rule_survives_a_ratio_beyond_f64() {
    // 1e300 / 1e-300 overflows; ln(c1) - ln(c2) = 1381.55... is used instead.
    let a = auc::segment_area(AucMethod::LinUpLogDown, (0.0, 1e300), (1.0, 1e-300));
    assert_close(a, (1e300 - 1e-300) / (1e300_f64.ln() - 1e-300_f64.ln()));
    assert!(a.is_finite() && a > 0.0);
}

#[test]
fn interpolated_horizon_linear() {
    // No day-28 sample: C(28) = 10 + (4 - 10) * (28 - 21) / (35 - 21) = 7.
    // AUC0-28 = 35 + 105 + 105 + 7*(10 + 7)/2 = 245 + 59.5 = 304.5.
    let s = series(&[
        (0.0, 0.0),
        (7.0, 10.0),
        (14.0, 20.0),
        (21.0, 10.0),
        (35.0, 4.0),
        (90.0, 1.0),
    ]);
    assert_eq!(auc_value(&s, AucMethod::Linear, 28.0), Some(304.5));
    assert_eq!(
        auc_window_points(&s, AucMethod::Linear, h(28.0))
            .unwrap()
            .last(),
        Some(&(28.0, 7.0))
    );
}

#[test]
fn interpolated_horizon_lin_up_log_down() {
    // 21 -> 35 declines 10 -> 4: log interpolation, C(28) = 10 * (4/10)^(7/14) = sqrt(40).
    // Piece 21..28: 7*(10 - sqrt 40)/ln(10/sqrt 40); before: 35 + 105 + 7*(20-10)/ln 2.
    let s = series(&[
        (0.0, 0.0),
        (7.0, 10.0),
        (14.0, 20.0),
        (21.0, 10.0),
        (35.0, 4.0),
        (90.0, 1.0),
    ]);
    let c28 = 40f64.sqrt();
    let points = auc_window_points(&s, AucMethod::LinUpLogDown, h(28.0)).unwrap();
    assert_close(points.last().unwrap().1, c28);
    let expected = 140.0 + 70.0 / LN2 + 7.0 * (10.0 - c28) / (10.0 / c28).ln();
    assert_close(
        auc_value(&s, AucMethod::LinUpLogDown, 28.0).unwrap(),
        expected,
    );
}

#[test]
fn origin_is_assumed_for_auc_only() {
    // First sample on day 3: (0, 0) is prepended for the AUC.
    // AUClast = 3*(0+2)/2 + 4*(2+30)/2 = 3 + 64 = 67.
    let s = series(&[(3.0, 2.0), (7.0, 30.0)]);
    assert_eq!(
        s.auc_curve_points(),
        vec![(0.0, 0.0), (3.0, 2.0), (7.0, 30.0)]
    );
    let r = analyse(&s, AucMethod::Linear, &[h(7.0)]);
    assert_eq!(r.auc_last, 67.0);
    assert_eq!(r.auc[0].value, Some(67.0));
    // ... but not for the other metrics: 2 samples, Cmax 30 on day 7.
    assert_eq!(r.n_samples, 2);
    assert_eq!((r.cmax, r.tmax_day), (30.0, Some(7.0)));
}

#[test]
fn no_origin_when_day_0_is_sampled() {
    // Day-0 value 5 is used as is: AUC0-2 = 2*(5+5)/2 = 10 (with an origin it would differ).
    let s = series(&[(0.0, 5.0), (2.0, 5.0)]);
    assert_eq!(s.auc_curve_points(), s.samples().to_vec());
    assert_eq!(analyse(&s, AucMethod::Linear, &[]).auc_last, 10.0);
}

#[test]
fn horizon_inside_the_origin_segment() {
    // Only later samples; T = 5 lies between the origin (0, 0) and (10, 20):
    // C(5) = 10 (linear, a rise, so also under lin-up/log-down); AUC0-5 = 5*(0+10)/2 = 25.
    let s = series(&[(10.0, 20.0), (20.0, 0.0)]);
    for method in [AucMethod::Linear, AucMethod::LinUpLogDown] {
        assert_eq!(auc_value(&s, method, 5.0), Some(25.0));
        assert_eq!(
            auc_window_points(&s, method, h(5.0)).unwrap(),
            vec![(0.0, 0.0), (5.0, 10.0)]
        );
    }
}

#[test]
fn single_sample_on_day_28_uses_the_origin() {
    // 28*(0 + 27.9)/2 = 390.6.
    let s = series(&[(28.0, 27.9)]);
    assert_close(auc_value(&s, AucMethod::Linear, 28.0).unwrap(), 390.6);
}

#[test]
fn single_sample_on_day_0() {
    // Nothing to integrate: AUClast 0; Tmax = Tlast = 0; AUC0-28 needs extrapolation.
    let r = analyse(&series(&[(0.0, 5.0)]), AucMethod::Linear, &[h(28.0)]);
    assert_eq!(
        (r.tmax_day, r.tlast_day, r.auc_last),
        (Some(0.0), Some(0.0), 0.0)
    );
    assert_eq!(r.auc[0].value, None);
    assert_eq!(r.auc_inf, None);
}

#[test]
fn middle_zero_is_kept() {
    // 35 + 7*(10+0)/2 + 7*(0+10)/2 + 7*(10+5)/2 = 35 + 35 + 35 + 52.5 = 157.5.
    let s = series(&[
        (0.0, 0.0),
        (7.0, 10.0),
        (14.0, 0.0),
        (21.0, 10.0),
        (28.0, 5.0),
    ]);
    assert_eq!(auc_value(&s, AucMethod::Linear, 28.0), Some(157.5));
}

// ---------------------------------------------------------------- edges: both sides

#[test]
fn horizon_exactly_on_last_sample_vs_just_after() {
    // Last sample day 21 = 10 > 0. T = 21: 35 + 105 + 105 = 245. T just after 21: not computable.
    let s = series(&[(0.0, 0.0), (7.0, 10.0), (14.0, 20.0), (21.0, 10.0)]);
    let on = analyse(&s, AucMethod::Linear, &[h(21.0)]);
    assert_eq!(on.auc[0].value, Some(245.0));
    assert_eq!(on.auc[0].reason, None);
    let after = analyse(&s, AucMethod::Linear, &[h(21.000_001)]);
    assert_eq!(after.auc[0].value, None);
    assert!(
        after.auc[0]
            .reason
            .as_deref()
            .unwrap()
            .contains("extrapolation required")
    );
}

#[test]
fn horizon_exactly_on_inner_sample_vs_just_after() {
    // T = 14: 35 + 105 = 140.
    // T = 14.5: C(14.5) = 20 + (10-20)*0.5/7 = 19.2857...; piece 0.5*(20 + C)/2.
    let s = series(&TRIANGLE);
    assert_eq!(auc_value(&s, AucMethod::Linear, 14.0), Some(140.0));
    let c = 20.0 - 10.0 * 0.5 / 7.0;
    assert_close(
        auc_value(&s, AucMethod::Linear, 14.5).unwrap(),
        140.0 + 0.5 * (20.0 + c) / 2.0,
    );
    assert_eq!(
        auc_window_points(&s, AucMethod::Linear, h(14.0)).unwrap(),
        vec![(0.0, 0.0), (7.0, 10.0), (14.0, 20.0)]
    );
}

#[test]
fn horizon_after_last_sample_zero_vs_positive() {
    // Last value 0: the curve stays 0, AUC0-28 = 7*10/2 + 7*10/2 = 70.
    let zero = series(&[(0.0, 0.0), (7.0, 10.0), (14.0, 0.0)]);
    let r = analyse(&zero, AucMethod::Linear, &[h(28.0)]);
    assert_eq!(r.auc[0].value, Some(70.0));
    assert_eq!(
        auc_window_points(&zero, AucMethod::Linear, h(28.0))
            .unwrap()
            .last(),
        Some(&(28.0, 0.0))
    );
    // A huge last value is quoted with an exponent, never as 309 digits.
    let huge = series(&[(0.0, 0.0), (7.0, 1e308)]);
    let r = analyse(&huge, AucMethod::Linear, &[h(28.0)]);
    assert!(
        r.auc[0].reason.as_deref().is_some_and(
            |why| why.starts_with("last sample (day 7) is above 0 (1e308) and before day 28")
        ),
        "{:?}",
        r.auc[0].reason
    );
    // Last value 1 > 0: not computable (never 0, never a truncated 70-something).
    let positive = series(&[(0.0, 0.0), (7.0, 10.0), (14.0, 1.0)]);
    let r = analyse(&positive, AucMethod::Linear, &[h(28.0)]);
    assert_eq!(r.auc[0].value, None);
    assert_eq!(r.auc[0].extrapolated, None); // no lambda_z either
    assert_eq!(
        r.auc[0].reason.as_deref(),
        Some(
            "last sample (day 14) is above 0 (1) and before day 28: extrapolation required; \
             cannot extrapolate: fewer than 3 positive points after Tmax (found 1)"
        )
    );
    assert_eq!(
        auc_window_points(&positive, AucMethod::Linear, h(28.0)),
        Err(ExtrapolationRequired {
            last_day: 14.0,
            last_value: 1.0,
            to_day: 28.0
        })
    );
}

#[test]
fn exactly_three_vs_two_points_after_tmax() {
    // Halving every 7 days after Tmax = 7: three points (14, 21, 28) -> lambda_z = ln 2 / 7.
    let three = series(&[
        (0.0, 0.0),
        (7.0, 80.0),
        (14.0, 40.0),
        (21.0, 20.0),
        (28.0, 10.0),
    ]);
    let t = terminal(&three).unwrap();
    assert_eq!(t.n_points, 3);
    assert_close(t.lambda_z_per_day, LN2 / 7.0);
    assert_close(t.half_life_days, 7.0);
    // The Tmax point (day 7) is never fitted, although it lies on the same line.
    assert_eq!((t.first_day, t.last_day), (14.0, 28.0));
    assert_close(t.clast_pred, 10.0);
    // Two points after Tmax: no terminal phase.
    let two = series(&[(0.0, 0.0), (7.0, 80.0), (14.0, 40.0), (21.0, 20.0)]);
    assert_eq!(
        terminal(&two),
        Err(TerminalPhaseUnavailable::TooFewPointsAfterTmax {
            positive_after_tmax: 2
        })
    );
}

// ---------------------------------------------------------------- lambda_z

#[test]
fn ols_hand_check_r2_and_adjusted_r2() {
    // Fitted points (day, ln value) = (1, 0), (2, -1), (3, -3); Tmax = day 0 (value 5).
    // xm = 2, ym = -4/3; dx = -1, 0, 1; dy = 4/3, 1/3, -5/3.
    // Sxx = 2, Sxy = -4/3 - 5/3 = -3, Syy = (16 + 1 + 25)/9 = 14/3.
    // slope = -3/2 -> lambda_z = 1.5; intercept = -4/3 + 1.5*2 = 5/3.
    // R2 = 9 / (2 * 14/3) = 27/28; adjR2 = 1 - (1/28)*(3-1)/(3-2) = 13/14.
    let s = series(&[
        (0.0, 5.0),
        (1.0, 1.0),
        (2.0, (-1f64).exp()),
        (3.0, (-3f64).exp()),
    ]);
    let t = terminal(&s).unwrap();
    assert_eq!(t.n_points, 3);
    assert_close(t.lambda_z_per_day, 1.5);
    assert_close(t.intercept_ln, 5.0 / 3.0);
    assert_close(t.r2, 27.0 / 28.0);
    assert_close(t.adj_r2, 13.0 / 14.0);
    // clast_pred = exp(5/3 - 1.5*3) = exp(-17/6).
    assert_close(t.clast_pred, (-17.0f64 / 6.0).exp());
    assert_close(t.predicted_value(3.0), t.clast_pred);
}

#[test]
fn exact_exponential_most_points_win() {
    // Every window (3, 4, 5 points) has adjR2 = 1: the 5-point fit is taken.
    let s = series(&[
        (0.0, 0.0),
        (7.0, 128.0),
        (14.0, 64.0),
        (21.0, 32.0),
        (28.0, 16.0),
        (35.0, 8.0),
        (42.0, 4.0),
    ]);
    let t = terminal(&s).unwrap();
    assert_eq!((t.n_points, t.first_day, t.last_day), (5, 14.0, 42.0));
    assert_close(t.half_life_days, 7.0);
}

#[test]
fn biphasic_tail_keeps_the_terminal_three_points() {
    // Last three (14, 21, 28 = 8, 4, 2) lie on one line (adjR2 = 1); adding day 10 (1000) breaks
    // the fit far more than 1e-4, so the 3-point fit is chosen.
    let s = series(&[
        (0.0, 2000.0),
        (10.0, 1000.0),
        (14.0, 8.0),
        (21.0, 4.0),
        (28.0, 2.0),
    ]);
    let t = terminal(&s).unwrap();
    assert_eq!((t.n_points, t.first_day), (3, 14.0));
    assert_close(t.half_life_days, 7.0);
}

#[test]
fn near_tie_within_1e4_takes_more_points() {
    // Day 7 is 16.0016 instead of 16 on the halving line: the 4-point fit's adjR2 is below 1 by
    // far less than 1e-4, so it beats the exact 3-point fit.
    let s = series(&[
        (0.0, 100.0),
        (7.0, 16.0016),
        (14.0, 8.0),
        (21.0, 4.0),
        (28.0, 2.0),
    ]);
    let t = terminal(&s).unwrap();
    assert!(t.adj_r2 < 1.0 && t.adj_r2 > 1.0 - ADJ_R2_FACTOR);
    assert_eq!((t.n_points, t.first_day), (4, 7.0));
}

#[test]
fn rising_tail_has_no_terminal_phase() {
    // After Tmax (day 7): 1, 2, 4 rise exactly (adjR2 = 1, lambda_z < 0): no fit qualifies.
    let s = series(&[
        (0.0, 0.0),
        (7.0, 100.0),
        (14.0, 1.0),
        (21.0, 2.0),
        (28.0, 4.0),
    ]);
    assert_eq!(
        terminal(&s),
        Err(TerminalPhaseUnavailable::NoQualifyingFit {
            positive_after_tmax: 3
        })
    );
    let r = analyse(&s, AucMethod::Linear, &[h(90.0)]);
    assert_eq!(r.auc_inf, None);
    assert_eq!(r.auc[0].extrapolated, None);
}

#[test]
fn flat_tail_has_no_terminal_phase() {
    // 5, 5, 5 after Tmax: no variability, the only window is excluded.
    let s = series(&[
        (0.0, 0.0),
        (7.0, 100.0),
        (14.0, 5.0),
        (21.0, 5.0),
        (28.0, 5.0),
    ]);
    assert!(matches!(
        terminal(&s),
        Err(TerminalPhaseUnavailable::NoQualifyingFit { .. })
    ));
}

#[test]
fn zeros_after_tmax_are_left_out_of_the_fit_only() {
    // Positive points after Tmax: 14, 28, 35 (day 21 is 0): a 3-point fit from day 14.
    let s = series(&[
        (0.0, 0.0),
        (7.0, 80.0),
        (14.0, 40.0),
        (21.0, 0.0),
        (28.0, 20.0),
        (35.0, 10.0),
    ]);
    let t = terminal(&s).unwrap();
    assert_eq!((t.n_points, t.first_day, t.last_day), (3, 14.0, 35.0));
    // The AUC keeps the 0: 280 + 420 + 7*40/2 + 7*20/2 + 7*30/2 = 280+420+140+70+105 = 1015.
    assert_eq!(analyse(&s, AucMethod::Linear, &[]).auc_last, 1015.0);
}

// ---------------------------------------------------------------- AUCinf and extrapolation

#[test]
fn auc_inf_and_extrapolated_hand_check() {
    // Halving every 7 days after day 7; lambda_z = ln 2 / 7, Tlast 28, Clast 10.
    // AUClast = 7*80/2 + 7*(80+40)/2 + 7*(40+20)/2 + 7*(20+10)/2 = 280 + 420 + 210 + 105 = 1015.
    // AUCinf = 1015 + 10 / (ln 2 / 7) = 1015 + 70/ln 2.
    // AUC0-35 extrapolated = 1015 + 10*(1 - exp(-lambda_z*7))/lambda_z = 1015 + 10*(1/2)*7/ln 2.
    let s = series(&[
        (0.0, 0.0),
        (7.0, 80.0),
        (14.0, 40.0),
        (21.0, 20.0),
        (28.0, 10.0),
    ]);
    let r = analyse(&s, AucMethod::Linear, &[h(28.0), h(35.0)]);
    assert_eq!(r.auc_last, 1015.0);
    assert_close(r.auc_inf.unwrap(), 1015.0 + 70.0 / LN2);
    assert_eq!(r.auc[0].value, Some(1015.0));
    assert_eq!(r.auc[0].extrapolated, Some(1015.0));
    assert_eq!(r.auc[1].value, None);
    assert_close(r.auc[1].extrapolated.unwrap(), 1015.0 + 35.0 / LN2);
    let reason = r.auc[1].reason.as_deref().unwrap();
    assert!(
        reason.contains("day 28") && reason.contains("day 35"),
        "{reason}"
    );
}

#[test]
fn extrapolated_uses_the_methods_auc_last() {
    // Lin-up/log-down: the rise 0 -> 80 is linear (280); each halving 7 days long is log:
    // 7*(80-40)/ln 2 + 7*(40-20)/ln 2 + 7*(20-10)/ln 2 = 490/ln 2. AUClast = 280 + 490/ln 2.
    // AUCinf adds 10/(ln 2/7) = 70/ln 2; AUC0-35 extrapolated adds half of that, 35/ln 2.
    let s = series(&[
        (0.0, 0.0),
        (7.0, 80.0),
        (14.0, 40.0),
        (21.0, 20.0),
        (28.0, 10.0),
    ]);
    let r = analyse(&s, AucMethod::LinUpLogDown, &[h(35.0)]);
    assert_close(r.auc_last, 280.0 + 490.0 / LN2);
    assert_close(r.auc_inf.unwrap(), 280.0 + 560.0 / LN2);
    assert_close(r.auc[0].extrapolated.unwrap(), 280.0 + 525.0 / LN2);
}

// ---------------------------------------------------------------- rule-book consequences

#[test]
fn lin_up_log_down_piece_declining_towards_0_uses_the_log_rule() {
    // Segment (0, 10) -> (10, 0) ends at 0, so C(T) is interpolated linearly: C(5) = 5.
    // The piece (0, 10) -> (5, 5) is then integrated with the method's rule on its own ends
    // (5 < 10, 5 > 0 -> log): 5*(10-5)/ln 2 = 25/ln 2 = 36.07 (linear would give 37.5).
    let s = series(&[(0.0, 10.0), (10.0, 0.0)]);
    assert_close(
        auc_value(&s, AucMethod::LinUpLogDown, 5.0).unwrap(),
        25.0 / LN2,
    );
    assert_eq!(auc_value(&s, AucMethod::Linear, 5.0), Some(37.5));
    // Consequence of the rule (kinetics.md 3.4): on such a segment the lin-up/log-down AUC0-T is
    // not monotone in T. T = 9.9: C = 0.1, piece 9.9*(9.9)/ln 100 = 21.28 < 36.07; T = 10: 50.
    let near_end = auc_value(&s, AucMethod::LinUpLogDown, 9.9).unwrap();
    assert_close(near_end, 9.9 * 9.9 / 100f64.ln());
    assert!(near_end < 25.0 / LN2);
    assert_eq!(auc_value(&s, AucMethod::LinUpLogDown, 10.0), Some(50.0));
}

// ---------------------------------------------------------------- CD4/CD8 ratio

#[test]
fn cd4_cd8_ratio_on_shared_days_only() {
    // Shared days 0, 7, 14, 28. Day 0: 0/0 -> none; day 7: 12/8 = 1.5; day 14: 0/4 = 0;
    // day 28: 5/0 -> none. Days 10 (CD4 only) and 21 (CD8 only) are left out.
    let cd4 = series(&[
        (0.0, 0.0),
        (7.0, 12.0),
        (10.0, 3.0),
        (14.0, 0.0),
        (28.0, 5.0),
    ]);
    let cd8 = series(&[
        (0.0, 0.0),
        (7.0, 8.0),
        (14.0, 4.0),
        (21.0, 1.0),
        (28.0, 0.0),
    ]);
    assert_eq!(
        cd4_cd8_ratio_by_day(&cd4, &cd8),
        vec![
            (0.0, None),
            (7.0, Some(1.5)),
            (14.0, Some(0.0)),
            (28.0, None)
        ]
    );
    // No shared day: empty.
    assert!(cd4_cd8_ratio_by_day(&series(&[(1.0, 1.0)]), &series(&[(2.0, 1.0)])).is_empty());
}

// ---------------------------------------------------------------- mutation-testing edges

#[test]
fn tail_that_dips_and_recovers_with_slope_exactly_0_has_no_terminal_phase() {
    // Mutant: `-fit.slope > 0.0` -> `>=` in terminal_phase (a zero slope would be accepted:
    // lambda_z = 0, half-life infinite, AUCinf = AUClast + Clast / 0).
    // After Tmax (day 7): 10, 5, 10 on days 14, 21, 28. xm = 21, dx = -7, 0, 7, and
    // dy(14) = dy(28) = ln 10 - ym, so Sxy = -7*dy + 0 + 7*dy = 0 exactly: slope 0 (not < 0).
    // R2 = 0, adjR2 = 1 - 1*(3-1)/(3-2) = -1 is the best (only) fit, but it is not declining.
    let s = series(&[
        (0.0, 0.0),
        (7.0, 100.0),
        (14.0, 10.0),
        (21.0, 5.0),
        (28.0, 10.0),
    ]);
    assert_eq!(
        terminal(&s),
        Err(TerminalPhaseUnavailable::NoQualifyingFit {
            positive_after_tmax: 3
        })
    );
    let r = analyse(&s, AucMethod::Linear, &[h(90.0)]);
    assert_eq!(r.auc_inf, None);
    assert_eq!(r.auc[0].value, None);
    assert_eq!(r.auc[0].extrapolated, None);
}

#[test]
fn flat_segment_is_interpolated_linearly_under_lin_up_log_down() {
    // Mutant: `c2 < c1` -> `c2 <= c1` in is_log_down (a flat segment would take the log rule).
    // For the area that changes nothing (ln(c/c) = 0 falls back to linear), but the interpolated
    // C(T) would become exp(ln c + 0 * f), which is not c in f64 (exp(ln 10) = 10.000000000000002).
    // Flat 7 -> 21 at c, T = 14: C(14) = c + (c - c) * 0.5 = c exactly; and then
    // AUC0-14 = 7*(0 + c)/2 + 7*(c + c)/2 = 10.5 c (= 105 for c = 10), bit for bit.
    for c in [10.0, 20.0, 5.0, 3.0, 7.0, 77.7] {
        let s = series(&[(0.0, 0.0), (7.0, c), (21.0, c), (35.0, c / 2.0)]);
        let points = auc_window_points(&s, AucMethod::LinUpLogDown, h(14.0)).unwrap();
        assert_eq!(points, vec![(0.0, 0.0), (7.0, c), (14.0, c)], "c = {c}");
        assert_eq!(
            auc_value(&s, AucMethod::LinUpLogDown, 14.0),
            Some(7.0 * c / 2.0 + 7.0 * (c + c) / 2.0),
            "c = {c}"
        );
    }
    assert_eq!(
        auc_value(
            &series(&[(0.0, 0.0), (7.0, 10.0), (21.0, 10.0)]),
            AucMethod::LinUpLogDown,
            14.0
        ),
        Some(105.0)
    );
}

#[test]
fn auc_method_names_its_rule() {
    // Mutant: `<AucMethod as Display>::fmt` -> Ok(()) (an empty method name in the result text).
    assert_eq!(AucMethod::Linear.to_string(), "linear trapezoid");
    assert_eq!(
        AucMethod::LinUpLogDown.to_string(),
        "linear-up/log-down trapezoid"
    );
}

#[test]
fn counts_by_day_is_one_row_per_day_sampled_in_any_series_in_day_order() {
    let input = KineticsInput {
        series: vec![
            (SeriesName::Cd8, series(&[(14.0, 2.0), (7.0, 1.0)])),
            (SeriesName::Total, series(&[(14.0, 80.0), (28.0, 30.0)])),
        ],
        method: AucMethod::Linear,
        horizons: vec![h(28.0)],
    };
    assert_eq!(
        input.counts_by_day(),
        vec![
            (7.0, [None, None, Some(1.0)]),
            (14.0, [Some(80.0), None, Some(2.0)]),
            (28.0, [Some(30.0), None, None]),
        ]
    );
}

#[test]
fn a_terminal_fit_below_pknca_acceptance_is_flagged_and_at_it_is_not() {
    use super::{FLAG_HALF_LIFE_BELOW_ADJ_R2, poor_fit_caution};
    assert_eq!(poor_fit_caution(FLAG_HALF_LIFE_BELOW_ADJ_R2), None);
    assert_eq!(poor_fit_caution(0.99), None);
    let below = poor_fit_caution(0.899_999).expect("flagged");
    assert!(
        below.starts_with("a poor fit: adjusted R\u{b2} below 0.9"),
        "{below}"
    );
    assert!(poor_fit_caution(-0.645).is_some());
}
