//! CAR-T expansion kinetics by non-compartmental analysis (NCA).
//!
//! Serial CAR-T counts (e.g. cells/µL by flow cytometry; total, CD4+ or CD8+ as separate series)
//! by day after infusion give Cmax, Tmax, Clast, Tlast, AUC0-T for chosen horizons (e.g. 28 and
//! 90 days), AUClast, the terminal slope lambda_z with its half-life, and AUCinf,obs.
//!
//! Every rule follows `reference/kinetics.md` section 0 (PKNCA defaults / Phoenix WinNonlin "Best
//! Fit", with three deliberate clinical choices): zeros are kept as measurements, a horizon that
//! needs extrapolation past a last sample above 0 is "not computable" (with a separately labelled
//! extrapolated value), and two samples on one day are rejected.
//!
//! Units: days in, days out; AUCs are in the value unit × day (cells/µL × day for flow counts).
//! The core never mixes series or units.

//!
//! Layout (each file uses only the files above it; this one only declares and re-exports):
//! `series` (a validated series) and `terminal` (lambda_z) -> `auc` (methods, horizons, areas)
//! -> `analysis` (one series' NCA) -> `report` (the set of series as `kinetics()` returns it).

mod analysis;
mod auc;
mod report;
mod series;
mod terminal;

#[cfg(test)]
mod tests;

pub use analysis::{AucToHorizon, SeriesSummary, analyse, cd4_cd8_ratio_by_day};
pub use auc::{AucMethod, ExtrapolationRequired, HorizonDays, HorizonError, auc_window_points};
pub use report::{
    AucResult, KINETICS_SOURCE, KineticsInput, KineticsResult, SeriesName, SeriesResult,
    SeriesResults, Units, run,
};
pub use series::{Series, SeriesError};
pub use terminal::{
    ADJ_R2_FACTOR, FLAG_HALF_LIFE_BELOW_ADJ_R2, MIN_LAMBDA_Z_POINTS, TerminalPhase,
    TerminalPhaseUnavailable, poor_fit_caution,
};
