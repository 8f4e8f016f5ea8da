//! `kinetics()`: reading the series, method and horizons, and shaping the NCA results.

use crate::error::{InputError, Problem};
use crate::json::{self, Fields, Json};
use crate::kinetics::{self, AucMethod, HorizonDays, Series, SeriesSummary};
use serde::Serialize;

const KINETICS_KEYS: [&str; 3] = ["series", "method", "horizonsDays"];
/// The three blood series, in display order (SPEC §3).
pub const SERIES_NAMES: [&str; 3] = ["total", "cd4", "cd8"];

/// A blood CAR-T series: total, CD4+ or CD8+ CAR-T cells/µL. Each is analysed on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SeriesName {
    Total,
    Cd4,
    Cd8,
}

impl SeriesName {
    pub const ALL: [SeriesName; 3] = [SeriesName::Total, SeriesName::Cd4, SeriesName::Cd8];

    pub fn api_name(self) -> &'static str {
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
pub const METHODS: [(&str, AucMethod); 2] = [
    ("linear", AucMethod::Linear),
    ("linUpLogDown", AucMethod::LinUpLogDown),
];

pub fn method_api_name(method: AucMethod) -> &'static str {
    match method {
        AucMethod::Linear => "linear",
        AucMethod::LinUpLogDown => "linUpLogDown",
    }
}

/// A validated `kinetics()` input.
#[derive(Debug, Clone, PartialEq)]
pub struct KineticsInput {
    /// `(name, series)` in the order total, cd4, cd8; only the series given.
    pub series: Vec<(SeriesName, Series)>,
    pub method: AucMethod,
    pub horizons: Vec<HorizonDays>,
}

/// Reads `{ series: {total?, cd4?, cd8?}, method?, horizonsDays? }`.
pub fn parse_kinetics(input: &Json, path: &str) -> Result<KineticsInput, InputError> {
    let f = Fields::new(input, path, &KINETICS_KEYS)?;
    let series = parse_series_set(f.required("series")?, &f.path_of("series"))?;
    let method = f
        .optional("method")
        .map(|v| json::one_of(v, &f.path_of("method"), &METHODS))
        .transpose()?
        .unwrap_or_default();
    let horizons = match f.optional("horizonsDays") {
        None => HorizonDays::DEFAULTS.to_vec(),
        Some(v) => parse_horizons(v, &f.path_of("horizonsDays"))?,
    };
    Ok(KineticsInput {
        series,
        method,
        horizons,
    })
}

/// Reads the `{ total?, cd4?, cd8? }` object of `[day, cells/µL]` pairs (also `cells.blood` of a
/// case).
pub fn parse_series_set(value: &Json, path: &str) -> Result<Vec<(SeriesName, Series)>, InputError> {
    let f = Fields::new(value, path, &SERIES_NAMES)?;
    let mut out = Vec::new();
    for name in SeriesName::ALL {
        if let Some(v) = f.optional(name.api_name()) {
            out.push((name, parse_series(v, &f.path_of(name.api_name()))?));
        }
    }
    if out.is_empty() {
        return Err(InputError::new(
            path,
            Problem::Rule("give at least one series: total, cd4 or cd8 (lists of [day, cells/µL])"),
        ));
    }
    Ok(out)
}

fn parse_series(value: &Json, path: &str) -> Result<Series, InputError> {
    let items = json::array(value, path)?;
    let mut samples = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let p = json::index(path, i);
        let pair = json::array(item, &p)?;
        let [day, cells] = pair else {
            return Err(InputError::new(
                p,
                Problem::Rule("must be a [day, cells/µL] pair of two numbers"),
            ));
        };
        // Non-finite numbers pass through: the core reports them in its own checking order.
        let number = |v: &Json, what: &'static str| match v {
            Json::Number(x) => Ok(*x),
            other => Err(InputError::new(
                p.clone(),
                Problem::WrongType {
                    expected: what,
                    got: other.describe(),
                },
            )),
        };
        samples.push((
            number(day, "a number of days")?,
            number(cells, "a number of cells/µL")?,
        ));
    }
    Series::new(&samples).map_err(|e| {
        let field = match e.index() {
            Some(i) => json::index(path, i),
            None => path.to_string(),
        };
        InputError::new(field, Problem::Series(e))
    })
}

pub fn parse_horizons(value: &Json, path: &str) -> Result<Vec<HorizonDays>, InputError> {
    let items = json::array(value, path)?;
    if items.is_empty() {
        return Err(InputError::new(
            path,
            Problem::Rule("list at least one horizon in days, e.g. [28, 90]"),
        ));
    }
    let mut out: Vec<HorizonDays> = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let p = json::index(path, i);
        let days = match item {
            Json::Number(x) => *x,
            other => {
                return Err(InputError::new(
                    p,
                    Problem::WrongType {
                        expected: "a number of days",
                        got: other.describe(),
                    },
                ));
            }
        };
        let h =
            HorizonDays::new(days).map_err(|e| InputError::new(p.clone(), Problem::Horizon(e)))?;
        if out.iter().any(|o| o.days() == h.days()) {
            return Err(InputError::new(
                p,
                Problem::Duplicate {
                    got: json::format_number(days),
                },
            ));
        }
        out.push(h);
    }
    Ok(out)
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

/// Runs the analysis of a validated input.
pub fn run(input: &KineticsInput) -> (KineticsResult, Vec<(SeriesName, SeriesSummary)>) {
    let summaries: Vec<(SeriesName, SeriesSummary)> = input
        .series
        .iter()
        .map(|(name, s)| (*name, kinetics::analyse(s, input.method, &input.horizons)))
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
        (Some(cd4), Some(cd8)) => kinetics::cd4_cd8_ratio_by_day(cd4, cd8),
        _ => Vec::new(),
    };
    let result = KineticsResult {
        method: method_api_name(input.method),
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

/// `kinetics(input)` of SPEC §3.
pub fn kinetics(input: &Json) -> Result<KineticsResult, InputError> {
    parse_kinetics(input, "").map(|i| run(&i).0)
}
