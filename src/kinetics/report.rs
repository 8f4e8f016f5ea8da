//! The analysis of a set of blood series as `kinetics()` returns it (SPEC §3 field names):
//! each series on its own, plus the CD4/CD8 ratio on days both were sampled.

use serde::Serialize;

use super::analysis::{SeriesSummary, analyse, cd4_cd8_ratio_by_day};
use super::auc::{AucMethod, HorizonDays};
use super::series::Series;

/// A blood CAR-T series: total, CD4+ or CD8+ CAR-T cells/µL. Each is analysed on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SeriesName {
    Total,
    Cd4,
    Cd8,
}

impl SeriesName {
    pub const ALL: [SeriesName; 3] = [SeriesName::Total, SeriesName::Cd4, SeriesName::Cd8];

    /// The series' key in the JS API and the case file (SPEC §3).
    pub const fn api_name(self) -> &'static str {
        match self {
            SeriesName::Total => "total",
            SeriesName::Cd4 => "cd4",
            SeriesName::Cd8 => "cd8",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SeriesName::Total => "Total CAR-T",
            SeriesName::Cd4 => "CD4+ CAR-T",
            SeriesName::Cd8 => "CD8+ CAR-T",
        }
    }
}

/// A validated `kinetics()` input (also built from a case's blood series and settings).
#[derive(Debug, Clone, PartialEq)]
pub struct KineticsInput {
    /// `(name, series)` in the order total, cd4, cd8; only the series given.
    pub series: Vec<(SeriesName, Series)>,
    pub method: AucMethod,
    pub horizons: Vec<HorizonDays>,
}

impl KineticsInput {
    /// The samples as a table by day: each day sampled in any series once, in day order, with
    /// its count in each series in the order of [`SeriesName::ALL`] (`None`: not sampled then).
    pub fn counts_by_day(&self) -> Vec<(f64, [Option<f64>; 3])> {
        let mut days: Vec<(f64, [Option<f64>; 3])> = Vec::new();
        for (name, series) in &self.series {
            let k = SeriesName::ALL.iter().position(|n| n == name).unwrap_or(0);
            for &(day, count) in series.samples() {
                if !days.iter().any(|(d, _)| *d == day) {
                    days.push((day, [None; 3]));
                }
                let slot = days.iter_mut().find(|(d, _)| *d == day);
                if let Some(slot) = slot.and_then(|(_, counts)| counts.get_mut(k)) {
                    *slot = Some(count);
                }
            }
        }
        let mut sorted = Vec::new();
        for k in crate::numbers::order_by_f64(days.iter().map(|(day, _)| *day)) {
            if let Some(&row) = days.get(k) {
                sorted.push(row);
            }
        }
        sorted
    }
}

/// One series' result (SPEC §3 field names; extra fields keep the basis visible).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SeriesResult {
    pub n_samples: usize,
    pub cmax: f64,
    pub tmax: Option<f64>,
    pub clast: f64,
    pub tlast: Option<f64>,
    pub auc_last: f64,
    pub auc: Vec<AucResult>,
    pub lambda_z: Option<f64>,
    pub half_life_days: Option<f64>,
    pub lambda_z_points: Option<usize>,
    pub lambda_z_first_day: Option<f64>,
    pub lambda_z_last_day: Option<f64>,
    pub lambda_z_adj_r2: Option<f64>,
    pub lambda_z_r2: Option<f64>,
    /// Why lambda_z (and so half-life and AUCinf) is null.
    pub lambda_z_reason: Option<String>,
    pub auc_inf: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AucResult {
    pub to_day: f64,
    pub value: Option<f64>,
    pub extrapolated: Option<f64>,
    pub reason: Option<String>,
}

/// The three series as an object with only the keys that were given, in order.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct SeriesResults {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<SeriesResult>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cd4: Option<SeriesResult>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cd8: Option<SeriesResult>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KineticsResult {
    pub method: &'static str,
    pub series: SeriesResults,
    /// `[day, CD4/CD8]` on days where both subsets were sampled; null when CD8 is 0.
    pub ratio_cd4_cd8: Vec<(f64, Option<f64>)>,
    pub units: Units,
    pub source: &'static str,
    pub version: &'static str,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Units {
    pub day: &'static str,
    pub value: &'static str,
    pub auc: &'static str,
}

pub const KINETICS_SOURCE: &str = "Non-compartmental analysis following the conventions of PKNCA (Denney et al., R package) and Phoenix WinNonlin: linear trapezoid by default, (0, 0) assumed at day 0 without a day-0 sample, zeros kept, AUC0-T null when it needs extrapolation past a last sample above 0, lambda_z by best fit (adjusted R2 within 1e-4, most points) over at least 3 points after Tmax";

fn series_result(s: &SeriesSummary) -> SeriesResult {
    let (terminal, reason) = match &s.terminal {
        Ok(t) => (Some(t), None),
        Err(e) => (None, Some(e.to_string())),
    };
    SeriesResult {
        n_samples: s.n_samples,
        cmax: s.cmax,
        tmax: s.tmax_day,
        clast: s.clast,
        tlast: s.tlast_day,
        auc_last: s.auc_last,
        auc: s
            .auc
            .iter()
            .map(|a| AucResult {
                to_day: a.to_day,
                value: a.value,
                extrapolated: a.extrapolated,
                reason: a.reason.clone(),
            })
            .collect(),
        lambda_z: terminal.map(|t| t.lambda_z_per_day),
        half_life_days: terminal.map(|t| t.half_life_days),
        lambda_z_points: terminal.map(|t| t.n_points),
        lambda_z_first_day: terminal.map(|t| t.first_day),
        lambda_z_last_day: terminal.map(|t| t.last_day),
        lambda_z_adj_r2: terminal.map(|t| t.adj_r2),
        lambda_z_r2: terminal.map(|t| t.r2),
        lambda_z_reason: reason,
        auc_inf: s.auc_inf,
    }
}

/// Runs the analysis of a validated input: the `kinetics()` result and each series' summary
/// (the charts draw from the summaries).
pub fn run(input: &KineticsInput) -> (KineticsResult, Vec<(SeriesName, SeriesSummary)>) {
    let summaries: Vec<(SeriesName, SeriesSummary)> = input
        .series
        .iter()
        .map(|(name, s)| (*name, analyse(s, input.method, &input.horizons)))
        .collect();
    let mut series = SeriesResults::default();
    for (name, s) in &summaries {
        let r = Some(series_result(s));
        match name {
            SeriesName::Total => series.total = r,
            SeriesName::Cd4 => series.cd4 = r,
            SeriesName::Cd8 => series.cd8 = r,
        }
    }
    let find = |n: SeriesName| {
        input
            .series
            .iter()
            .find(|(name, _)| *name == n)
            .map(|(_, s)| s)
    };
    let ratio_cd4_cd8 = match (find(SeriesName::Cd4), find(SeriesName::Cd8)) {
        (Some(cd4), Some(cd8)) => cd4_cd8_ratio_by_day(cd4, cd8),
        _ => Vec::new(),
    };
    let result = KineticsResult {
        method: input.method.api_name(),
        series,
        ratio_cd4_cd8,
        units: Units {
            day: "days after infusion",
            value: "cells/µL",
            auc: "cells/µL × day",
        },
        source: KINETICS_SOURCE,
        version: crate::APP_VERSION,
    };
    (result, summaries)
}
