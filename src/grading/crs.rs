//! CRS grade (ASTCT 2019): fever, then the worse of hypotension and hypoxia.
//!
//! # Source
//! Lee DW et al. Biol Blood Marrow Transplant 2019;25(4):625-638, table "ASTCT CRS consensus
//! grading" and footnotes:
//!
//! ```text
//! | Parameter        | Grade 1 | Grade 2                       | Grade 3                                  | Grade 4                                   |
//! | Fever (>= 38 °C) | Yes     | Yes                           | Yes                                      | Yes                                       |
//! |   with           |         |                               |                                          |                                           |
//! | Hypotension      | None    | Not requiring vasopressors    | Requiring a vasopressor with or without  | Requiring multiple vasopressors           |
//! |                  |         |                               |   vasopressin                            |   (excluding vasopressin)                 |
//! |   and/or         |         |                               |                                          |                                           |
//! | Hypoxia          | None    | Requiring low-flow nasal      | Requiring high-flow nasal cannula,       | Requiring positive pressure (e.g. CPAP,   |
//! |                  |         |   cannula or blow-by          |   facemask, nonrebreather mask, or       |   BiPAP, intubation and mechanical        |
//! |                  |         |                               |   Venturi mask                           |   ventilation)                            |
//! Low-flow nasal cannula is <= 6 L/min; high-flow is > 6 L/min. CRS grade is determined by the
//! more severe event. "In patients who have CRS then receive antipyretic or anticytokine therapy
//! such as tocilizumab or steroids, fever is no longer required to grade subsequent CRS severity;
//! grading is driven by hypotension and/or hypoxia."
//! ```
//! SPEC §2 decisions: no fever (and not masked) -> grade 0 whatever the other findings; exactly
//! 6 L/min is low flow; a facemask is grade 3 at any flow; 38.0 °C is fever.

use super::Grade;
use crate::error::{Bound, Range};
use crate::sources;
use serde::{Serialize, Serializer};

/// Fever threshold (Lee 2019: "temperature >= 38 °C").
pub const FEVER_FROM_C: f64 = 38.0;

/// Highest nasal-cannula flow that is still "low flow" (Lee 2019: low-flow is <= 6 L/min).
pub const LOW_FLOW_MAX_L_PER_MIN: f64 = 6.0;
/// Temperature accepted (SPEC §3: `temperatureC` 25-45 inclusive); anything outside is a typing
/// or unit error (°F).
pub const TEMPERATURE_C: Range = Range::inclusive(25.0, 45.0, " °C");

/// Oxygen flow accepted (SPEC §3: `oxygenLitersPerMin` > 0 and <= 80).
pub const OXYGEN_L_PER_MIN: Range = Range {
    min: crate::error::Bound::Exclusive(0.0),
    max: crate::error::Bound::Inclusive(80.0),
    unit: " L/min",
};

/// How the oxygen row is graded, as the form says it (Lee 2019 hypoxia row and its footnote).
pub fn oxygen_rule() -> String {
    let max = LOW_FLOW_MAX_L_PER_MIN;
    format!(
        "With fever, the CRS grade is the worse of hypotension and hypoxia. Nasal cannula up to and including {max} L/min is low flow (grade {}), above {max} L/min high flow (grade {}); a facemask is grade {} at any flow.",
        Grade::G2.number(),
        Grade::G3.number(),
        Grade::G3.number()
    )
}

/// The fever parameter as entered: a finding or a measured temperature.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Fever {
    Present,
    Absent,
    /// Masked by antipyretic or anti-cytokine therapy (tocilizumab, steroids): counts as present.
    Masked,
    /// A measured temperature in °C (already checked to lie within 25-45 °C).
    MeasuredC(f64),
}

impl Fever {
    /// The findings a user can choose (a measured temperature is typed instead).
    pub const FINDINGS: [Fever; 3] = [Fever::Present, Fever::Absent, Fever::Masked];

    /// The name `gradeCrs` reads for a finding (`fever`), or `"measured"` for a temperature
    /// (given as `temperatureC`).
    pub fn api_name(self) -> &'static str {
        match self {
            Fever::Present => "present",
            Fever::Absent => "absent",
            Fever::Masked => "masked",
            Fever::MeasuredC(_) => "measured",
        }
    }

    /// Whether CRS can be graded: fever present, masked, or a temperature >= 38.0 °C.
    pub fn counts_as_fever(self) -> bool {
        match self {
            Fever::Present | Fever::Masked => true,
            Fever::Absent => false,
            Fever::MeasuredC(t_c) => t_c >= FEVER_FROM_C,
        }
    }

    /// The option a user picks for this finding (the page's fever choices).
    ///
    /// Masked fever follows the Lee 2019 footnote: "In patients who have CRS then receive
    /// antipyretic or anticytokine therapy such as tocilizumab or steroids, fever is no longer
    /// required to grade subsequent CRS severity". The option therefore says that fever was there
    /// first; it is not for a patient who never had fever.
    pub fn option_label(self) -> &'static str {
        match self {
            Fever::Present => "Fever \u{2265} 38.0 °C",
            Fever::Absent => "No fever",
            Fever::Masked => {
                "Fever was present, then masked by antipyretic or anti-cytokine therapy (e.g. tocilizumab, steroids)"
            }
            Fever::MeasuredC(_) => "Measured temperature (enter below)",
        }
    }

    fn finding(self) -> String {
        match self {
            Fever::Present => "Fever (\u{2265} 38.0 °C) present".to_string(),
            Fever::Absent => "No fever".to_string(),
            Fever::Masked => {
                "Fever was present, then masked by antipyretic or anti-cytokine therapy".to_string()
            }
            Fever::MeasuredC(t_c) if t_c >= FEVER_FROM_C => format!(
                "Temperature {} °C (\u{2265} 38.0 °C: fever)",
                temperature_text_c(t_c)
            ),
            Fever::MeasuredC(t_c) => format!(
                "Temperature {} °C (below 38.0 °C: no fever)",
                temperature_text_c(t_c)
            ),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Hypotension {
    None,
    NoVasopressors,
    OneVasopressor,
    MultipleVasopressors,
}

impl Hypotension {
    pub const ALL: [Hypotension; 4] = [
        Hypotension::None,
        Hypotension::NoVasopressors,
        Hypotension::OneVasopressor,
        Hypotension::MultipleVasopressors,
    ];

    /// Hypotension row: none 1 | not requiring vasopressors 2 | one vasopressor with or without
    /// vasopressin 3 | multiple vasopressors excluding vasopressin 4 (with fever).
    pub fn grade(self) -> Grade {
        match self {
            Hypotension::None => Grade::G1,
            Hypotension::NoVasopressors => Grade::G2,
            Hypotension::OneVasopressor => Grade::G3,
            Hypotension::MultipleVasopressors => Grade::G4,
        }
    }

    pub fn api_name(self) -> &'static str {
        match self {
            Hypotension::None => "none",
            Hypotension::NoVasopressors => "noVasopressors",
            Hypotension::OneVasopressor => "oneVasopressor",
            Hypotension::MultipleVasopressors => "multipleVasopressors",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Hypotension::None => "No hypotension",
            Hypotension::NoVasopressors => "Hypotension not requiring vasopressors",
            Hypotension::OneVasopressor => {
                "Hypotension requiring a vasopressor with or without vasopressin"
            }
            Hypotension::MultipleVasopressors => {
                "Hypotension requiring multiple vasopressors (excluding vasopressin)"
            }
        }
    }
}

/// Oxygen device as entered (API names).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OxygenDevice {
    None,
    NasalCannula,
    BlowBy,
    HighFlowNasalCannula,
    Facemask,
    NonRebreather,
    Venturi,
    Cpap,
    Bipap,
    MechanicalVentilation,
}

impl OxygenDevice {
    pub const ALL: [OxygenDevice; 10] = [
        OxygenDevice::None,
        OxygenDevice::NasalCannula,
        OxygenDevice::BlowBy,
        OxygenDevice::HighFlowNasalCannula,
        OxygenDevice::Facemask,
        OxygenDevice::NonRebreather,
        OxygenDevice::Venturi,
        OxygenDevice::Cpap,
        OxygenDevice::Bipap,
        OxygenDevice::MechanicalVentilation,
    ];

    pub fn api_name(self) -> &'static str {
        match self {
            OxygenDevice::None => "none",
            OxygenDevice::NasalCannula => "nasalCannula",
            OxygenDevice::BlowBy => "blowBy",
            OxygenDevice::HighFlowNasalCannula => "highFlowNasalCannula",
            OxygenDevice::Facemask => "facemask",
            OxygenDevice::NonRebreather => "nonRebreather",
            OxygenDevice::Venturi => "venturi",
            OxygenDevice::Cpap => "cpap",
            OxygenDevice::Bipap => "bipap",
            OxygenDevice::MechanicalVentilation => "mechanicalVentilation",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            OxygenDevice::None => "No supplemental oxygen",
            OxygenDevice::NasalCannula => "Nasal cannula",
            OxygenDevice::BlowBy => "Blow-by oxygen",
            OxygenDevice::HighFlowNasalCannula => "High-flow nasal cannula",
            OxygenDevice::Facemask => "Facemask",
            OxygenDevice::NonRebreather => "Nonrebreather mask",
            OxygenDevice::Venturi => "Venturi mask",
            OxygenDevice::Cpap => "CPAP",
            OxygenDevice::Bipap => "BiPAP",
            OxygenDevice::MechanicalVentilation => "Intubation and mechanical ventilation",
        }
    }

    /// The grade this device gives with fever, as the form shows it beside the option: "G3",
    /// "G1 with fever", and for a nasal cannula both sides of the low-flow edge.
    pub fn grade_cell(self) -> String {
        let max = LOW_FLOW_MAX_L_PER_MIN;
        let at = |flow: f64| Oxygen::new(self, Some(flow)).map_or(Grade::G4, |o| o.grade());
        match self {
            OxygenDevice::None => format!("G{} with fever", at(max).number()),
            OxygenDevice::NasalCannula => format!(
                "G{} \u{2264} {max} L/min, G{} > {max} L/min",
                at(max).number(),
                at(max * 2.0).number()
            ),
            _ => format!("G{}", at(max).number()),
        }
    }

    pub fn needs_flow(self) -> bool {
        matches!(self, OxygenDevice::NasalCannula)
    }
}

/// Oxygen support with what grading needs: the flow for a nasal cannula.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Oxygen {
    device: OxygenDevice,
    /// L/min; required for a nasal cannula, recorded (not graded) for other devices.
    flow_l_per_min: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NasalCannulaNeedsFlow;

impl std::fmt::Display for NasalCannulaNeedsFlow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let max = LOW_FLOW_MAX_L_PER_MIN;
        write!(
            f,
            "is required for oxygen \"{}\": up to {max} L/min is low flow (grade {}), above {max} L/min high flow (grade {})",
            OxygenDevice::NasalCannula.api_name(),
            Grade::G2.number(),
            Grade::G3.number()
        )
    }
}

impl Oxygen {
    /// `flow_l_per_min` must already be checked (> 0 and <= 80 L/min) by the caller.
    pub fn new(
        device: OxygenDevice,
        flow_l_per_min: Option<f64>,
    ) -> Result<Self, NasalCannulaNeedsFlow> {
        if device.needs_flow() && flow_l_per_min.is_none() {
            return Err(NasalCannulaNeedsFlow);
        }
        Ok(Oxygen {
            device,
            flow_l_per_min,
        })
    }

    pub fn device(&self) -> OxygenDevice {
        self.device
    }

    pub fn flow_l_per_min(&self) -> Option<f64> {
        self.flow_l_per_min
    }

    /// Hypoxia row: none 1 | low-flow nasal cannula (<= 6 L/min) or blow-by 2 | high-flow nasal
    /// cannula (> 6 L/min), facemask (any flow), nonrebreather, Venturi 3 | positive pressure
    /// (CPAP, BiPAP, mechanical ventilation) 4 (with fever).
    pub fn grade(&self) -> Grade {
        match (self.device, self.flow_l_per_min) {
            (OxygenDevice::None, _) => Grade::G1,
            (OxygenDevice::NasalCannula, Some(flow)) if flow <= LOW_FLOW_MAX_L_PER_MIN => Grade::G2,
            (OxygenDevice::NasalCannula, Some(_)) => Grade::G3,
            // Unreachable: `Oxygen::new` requires a flow for a nasal cannula. Graded as the
            // worse (high-flow) cell rather than the better one should it ever happen.
            (OxygenDevice::NasalCannula, None) => Grade::G3,
            (OxygenDevice::BlowBy, _) => Grade::G2,
            (OxygenDevice::HighFlowNasalCannula, _)
            | (OxygenDevice::Facemask, _)
            | (OxygenDevice::NonRebreather, _)
            | (OxygenDevice::Venturi, _) => Grade::G3,
            (OxygenDevice::Cpap, _)
            | (OxygenDevice::Bipap, _)
            | (OxygenDevice::MechanicalVentilation, _) => Grade::G4,
        }
    }

    /// A flow recorded with a device that is graded by the device, not the flow (Lee 2019: only
    /// nasal cannula is split into low and high flow).
    fn unused_flow_note(&self) -> Option<String> {
        match (self.device.needs_flow(), self.flow_l_per_min) {
            (false, Some(flow)) => Some(format!(
                "Oxygen flow {flow} L/min is recorded but does not change the grade: {} is graded by the device; only a nasal cannula is graded by its flow.",
                self.device.label()
            )),
            (true, _) | (false, None) => None,
        }
    }

    fn finding(&self) -> String {
        let flow = self
            .flow_l_per_min
            .map(|f| format!(" at {f} L/min"))
            .unwrap_or_default();
        let cell = match (self.device, self.flow_l_per_min) {
            (OxygenDevice::None, _) => "no hypoxia",
            (OxygenDevice::NasalCannula, Some(f)) if f <= LOW_FLOW_MAX_L_PER_MIN => {
                "low flow, \u{2264} 6 L/min"
            }
            (OxygenDevice::NasalCannula, _) => "high flow, > 6 L/min",
            (OxygenDevice::BlowBy, _) => "blow-by",
            (OxygenDevice::Facemask, _) => "facemask: grade 3 at any flow",
            (OxygenDevice::HighFlowNasalCannula, _)
            | (OxygenDevice::NonRebreather, _)
            | (OxygenDevice::Venturi, _) => "high-flow device",
            (OxygenDevice::Cpap, _)
            | (OxygenDevice::Bipap, _)
            | (OxygenDevice::MechanicalVentilation, _) => "positive pressure",
        };
        format!("{}{flow} ({cell})", self.device.label())
    }
}

/// The three CRS parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum CrsParameter {
    Fever,
    Hypotension,
    Oxygen,
}

impl CrsParameter {
    pub fn api_name(self) -> &'static str {
        match self {
            CrsParameter::Fever => "fever",
            CrsParameter::Hypotension => "hypotension",
            CrsParameter::Oxygen => "oxygen",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            CrsParameter::Fever => "Fever",
            CrsParameter::Hypotension => "Hypotension",
            CrsParameter::Oxygen => "Hypoxia (oxygen support)",
        }
    }
}

impl Serialize for CrsParameter {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.api_name())
    }
}

/// A CRS assessment: fever is required, hypotension and oxygen may be missing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CrsAssessment {
    pub fever: Fever,
    pub hypotension: Option<Hypotension>,
    pub oxygen: Option<Oxygen>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CrsDomainGrade {
    pub domain: CrsParameter,
    pub grade: Grade,
    pub finding: String,
}

/// The result shape of `gradeCrs` (SPEC §3).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CrsResult {
    pub grade: Grade,
    /// Parameters at the overall grade: `fever` at grade 1, empty at grade 0.
    pub drivers: Vec<CrsParameter>,
    pub domains: Vec<CrsDomainGrade>,
    pub complete: bool,
    pub missing: Vec<CrsParameter>,
    pub notes: Vec<String>,
    pub basis: String,
    pub source: &'static str,
    pub version: &'static str,
}

impl CrsResult {
    /// The result's status in words: all parameters assessed, no CRS without fever, or the
    /// lowest possible grade and the parameters not assessed.
    pub fn status(&self) -> String {
        match (self.complete, self.grade == Grade::G0) {
            (true, _) => "Fever, hypotension and oxygen assessed".to_string(),
            (false, true) => "No fever: no CRS".to_string(),
            (false, false) => {
                let missing = self.missing.iter().map(|p| p.label()).collect();
                self.grade.incomplete_status(missing)
            }
        }
    }
}

impl CrsAssessment {
    /// Hypotension or hypoxia recorded in an assessment graded 0 for want of fever (SPEC §2: no
    /// fever, and not masked, is no CRS whatever else is found): a grade 0 that does not mean
    /// the findings resolved.
    pub fn findings_without_fever(&self) -> bool {
        // The rows grade "none" as 1 (fever alone): a finding is a grade above it.
        let found = |g: Option<Grade>| g.is_some_and(|g| g > Grade::G1);
        let (hypotension, oxygen) = (
            self.hypotension.map(|h| h.grade()),
            self.oxygen.map(|o| o.grade()),
        );
        !self.fever.counts_as_fever() && (found(hypotension) || found(oxygen))
    }

    pub fn grade(&self) -> CrsResult {
        let fever = self.fever.counts_as_fever();
        let mut missing = Vec::new();
        if self.hypotension.is_none() {
            missing.push(CrsParameter::Hypotension);
        }
        if self.oxygen.is_none() {
            missing.push(CrsParameter::Oxygen);
        }
        // Without fever there is no CRS: every parameter grades 0 (SPEC §2).
        let graded = |g: Grade| if fever { g } else { Grade::G0 };
        let mut domains = vec![CrsDomainGrade {
            domain: CrsParameter::Fever,
            grade: graded(Grade::G1),
            finding: self.fever.finding(),
        }];
        if let Some(h) = self.hypotension {
            domains.push(CrsDomainGrade {
                domain: CrsParameter::Hypotension,
                grade: graded(h.grade()),
                finding: h.label().to_string(),
            });
        }
        if let Some(o) = self.oxygen {
            domains.push(CrsDomainGrade {
                domain: CrsParameter::Oxygen,
                grade: graded(o.grade()),
                finding: o.finding(),
            });
        }
        let grade = domains.iter().map(|d| d.grade).max().unwrap_or(Grade::G0);
        let drivers = match grade {
            Grade::G0 => Vec::new(),
            Grade::G1 => vec![CrsParameter::Fever],
            Grade::G2 | Grade::G3 | Grade::G4 => domains
                .iter()
                .filter(|d| d.domain != CrsParameter::Fever && d.grade == grade)
                .map(|d| d.domain)
                .collect(),
        };
        let mut notes = Vec::new();
        if !fever {
            notes.push(
                "No fever (and not masked by antipyretic or anti-cytokine therapy): CRS requires fever >= 38.0 °C, so this is graded 0 (no CRS) whatever the hypotension and oxygen findings. If the patient had fever with CRS and it was then masked by tocilizumab, steroids or antipyretics, choose \u{201c}Fever was present, then masked\u{201d}."
                    .to_string(),
            );
        }
        if self.fever == Fever::Masked {
            notes.push(
                "Fever was present, then masked by antipyretic or anti-cytokine therapy: in a patient who had CRS and then received such therapy, fever is no longer required and grading is driven by hypotension and/or hypoxia (Lee 2019 footnote). Fever is still required to diagnose CRS in the first place."
                    .to_string(),
            );
        }
        if let Some(note) = self.oxygen.and_then(|o| o.unused_flow_note()) {
            notes.push(note);
        }
        let basis = crs_basis(grade, fever, &domains, &drivers, &missing);
        CrsResult {
            grade,
            drivers,
            complete: missing.is_empty(),
            domains,
            missing,
            notes,
            basis,
            source: sources::CRS_TABLE,
            version: crate::APP_VERSION,
        }
    }
}

fn crs_basis(
    grade: Grade,
    fever: bool,
    domains: &[CrsDomainGrade],
    drivers: &[CrsParameter],
    missing: &[CrsParameter],
) -> String {
    let rule = "CRS grade = the worse of hypotension and hypoxia in a patient with fever (or with fever that was present, then masked by antipyretic or anti-cytokine therapy)";
    let set_by = if !fever {
        "no fever, so no CRS".to_string()
    } else if grade == Grade::G1 {
        "fever without hypotension or hypoxia".to_string()
    } else {
        let names: Vec<String> = drivers
            .iter()
            .filter_map(|dr| domains.iter().find(|d| d.domain == *dr))
            .map(|d| format!("{}: {}", d.domain.label(), d.finding))
            .collect();
        format!("set by {}", names.join("; and "))
    };
    let incomplete = if missing.is_empty() || !fever {
        String::new()
    } else {
        let names: Vec<&str> = missing.iter().map(|p| p.label()).collect();
        format!(
            " Incomplete: {} not assessed, so the grade is at least {grade}.",
            names.join(", ")
        )
    };
    format!("Grade {grade}: {set_by}. {rule}.{incomplete}")
}

/// A temperature in °C for display: one decimal, as a thermometer reads, except where rounding
/// would carry the value across the fever edge (37.96 °C would read "38.0"): then two decimals,
/// cut toward the side the value is on, so the text never shows fever that the grade does not
/// count, or the reverse. Grading always uses the unrounded value.
pub fn temperature_text_c(t_c: f64) -> String {
    let one = crate::numbers::format_trimmed(t_c, 1);
    let shown = one.parse::<f64>().unwrap_or(t_c);
    if (shown >= FEVER_FROM_C) == (t_c >= FEVER_FROM_C) {
        one
    } else {
        // Shifted on the decimal digits (not `* 100.0`, which turns 37.96 into 3795.99...).
        let hundredths = crate::units::shift_decimal(t_c, 2).floor();
        crate::numbers::format_trimmed(crate::units::shift_decimal(hundredths, -2), 2)
    }
}

/// The fever edge in both units, as the form says it: ("38.0", "100.4").
pub fn fever_edge() -> (String, String) {
    let (c, f) = (
        FEVER_FROM_C,
        crate::units::fahrenheit_from_celsius(FEVER_FROM_C),
    );
    (
        crate::numbers::format_fixed(c, 1),
        crate::numbers::format_fixed(f, 1),
    )
}

/// A temperature as typed at the bedside (`text`, read as `typed`) in the unit the user chose,
/// °C or °F (never guessed from the number), in °C with its echo ("= 38.5 °C", "101,3 °F = 38.5
/// °C"; "≈" when the °C shown is rounded), or, outside [`TEMPERATURE_C`] after conversion, the
/// message with the range in the unit typed.
pub fn typed_temperature(
    text: &str,
    typed: f64,
    fahrenheit: bool,
) -> Result<(f64, String), String> {
    let point = |x: f64| crate::numbers::format_decimal(x, crate::numbers::DecimalSeparator::Point);
    let (t_c, echo) = if fahrenheit {
        let t_c = crate::units::celsius_from_fahrenheit(typed);
        let shown_c = temperature_text_c(t_c);
        let same = shown_c.parse::<f64>().is_ok_and(|x| x == t_c);
        let sign = if same { "=" } else { "\u{2248}" };
        (t_c, format!("{text} \u{b0}F {sign} {shown_c} \u{b0}C"))
    } else {
        (typed, format!("= {} \u{b0}C", point(typed)))
    };
    let range = TEMPERATURE_C;
    if range.contains(t_c) {
        return Ok((t_c, echo));
    }
    let in_f = |b: Bound| match b {
        Bound::Inclusive(x) | Bound::Exclusive(x) => crate::units::fahrenheit_from_celsius(x),
        Bound::Unbounded => f64::NAN,
    };
    let (low, high) = (in_f(range.min), in_f(range.max));
    let (low, high) = (
        crate::numbers::format_trimmed(low, 1),
        crate::numbers::format_trimmed(high, 1),
    );
    let got = point(typed);
    // A conversion that overflows ("1e308 °F") has no °C to show.
    let converted = if t_c.is_finite() {
        format!(" ({echo})")
    } else {
        String::new()
    };
    Err(if fahrenheit {
        format!("Temperature must be {low}-{high} \u{b0}F ({range}), got {got} \u{b0}F{converted}.")
    } else {
        format!(
            "Temperature must be {range}, got {got} \u{b0}C. If this reading is in Fahrenheit, choose \u{b0}F."
        )
    })
}

/// Why a typed oxygen flow cannot be used as entered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlowProblem {
    /// A flow is typed but no oxygen device is chosen.
    NoDevice,
    /// A flow is typed with "No supplemental oxygen".
    NoOxygen,
}

impl FlowProblem {
    /// The flow typed against the device chosen (`None`: no device chosen). Devices other than
    /// a nasal cannula keep the flow as a record (the result notes it is not graded).
    pub fn check(device: Option<OxygenDevice>) -> Option<FlowProblem> {
        match device {
            None => Some(FlowProblem::NoDevice),
            Some(OxygenDevice::None) => Some(FlowProblem::NoOxygen),
            Some(_) => None,
        }
    }

    /// The message at the flow field; `flow` as the user reads it ("4 L/min").
    pub fn message(self, flow: &str) -> String {
        match self {
            FlowProblem::NoDevice => format!(
                "An oxygen flow of {flow} is typed but no oxygen device is chosen: choose the device (a nasal cannula is graded by its flow), or clear the flow."
            ),
            FlowProblem::NoOxygen => format!(
                "An oxygen flow of {flow} is typed but \u{201c}{}\u{201d} is chosen: choose the device, or clear the flow.",
                OxygenDevice::None.label()
            ),
        }
    }
}

/// The message when a temperature is typed while a fever finding (present, absent, masked) is
/// chosen: the two could disagree, and one of them would be ignored, so neither is used until
/// the user picks one. `temperature` as the user reads it ("37.2 °C").
pub fn temperature_with_fever_choice(choice: Fever, temperature: &str) -> String {
    format!(
        "A temperature of {temperature} is typed while \u{201c}{}\u{201d} is chosen, and it would be ignored: choose \u{201c}{}\u{201d} to grade from it, or clear the temperature.",
        choice.option_label(),
        Fever::MeasuredC(FEVER_FROM_C).option_label()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn o2(device: OxygenDevice, flow: Option<f64>) -> Option<Oxygen> {
        Some(Oxygen::new(device, flow).expect("valid oxygen"))
    }

    fn crs(fever: Fever, h: Option<Hypotension>, o: Option<Oxygen>) -> CrsResult {
        CrsAssessment {
            fever,
            hypotension: h,
            oxygen: o,
        }
        .grade()
    }

    #[test]
    fn fever_alone_is_grade_1_driven_by_fever() {
        let r = crs(
            Fever::Present,
            Some(Hypotension::None),
            o2(OxygenDevice::None, None),
        );
        assert_eq!(r.grade, Grade::G1);
        assert_eq!(r.drivers, vec![CrsParameter::Fever]);
        assert!(r.complete);
    }

    #[test]
    fn no_fever_is_grade_0_even_on_vasopressors_with_a_note() {
        let r = crs(
            Fever::Absent,
            Some(Hypotension::MultipleVasopressors),
            o2(OxygenDevice::MechanicalVentilation, None),
        );
        assert_eq!(r.grade, Grade::G0);
        assert!(r.drivers.is_empty());
        assert!(r.notes.iter().any(|n| n.contains("No fever")));
    }

    #[test]
    fn masked_fever_is_graded_by_hypotension_and_hypoxia() {
        let r = crs(
            Fever::Masked,
            Some(Hypotension::OneVasopressor),
            o2(OxygenDevice::None, None),
        );
        assert_eq!(r.grade, Grade::G3);
        assert_eq!(r.drivers, vec![CrsParameter::Hypotension]);
    }

    #[test]
    fn temperature_38_0_is_fever() {
        assert!(Fever::MeasuredC(38.0).counts_as_fever());
        assert_eq!(
            crs(Fever::MeasuredC(38.0), Some(Hypotension::None), None).grade,
            Grade::G1
        );
    }

    #[test]
    fn temperature_37_9_is_not_fever() {
        assert!(!Fever::MeasuredC(37.9).counts_as_fever());
        assert_eq!(
            crs(
                Fever::MeasuredC(37.9),
                Some(Hypotension::OneVasopressor),
                None
            )
            .grade,
            Grade::G0
        );
    }

    #[test]
    fn hypotension_rows_grade_1_to_4() {
        let grades: Vec<Grade> = Hypotension::ALL
            .iter()
            .map(|h| crs(Fever::Present, Some(*h), o2(OxygenDevice::None, None)).grade)
            .collect();
        assert_eq!(grades, vec![Grade::G1, Grade::G2, Grade::G3, Grade::G4]);
    }

    #[test]
    fn nasal_cannula_exactly_6_l_per_min_is_low_flow_grade_2() {
        assert_eq!(
            crs(
                Fever::Present,
                None,
                o2(OxygenDevice::NasalCannula, Some(6.0))
            )
            .grade,
            Grade::G2
        );
    }

    #[test]
    fn nasal_cannula_above_6_l_per_min_is_high_flow_grade_3() {
        assert_eq!(
            crs(
                Fever::Present,
                None,
                o2(OxygenDevice::NasalCannula, Some(6.01))
            )
            .grade,
            Grade::G3
        );
    }

    #[test]
    fn nasal_cannula_needs_a_flow() {
        assert_eq!(
            Oxygen::new(OxygenDevice::NasalCannula, None),
            Err(NasalCannulaNeedsFlow)
        );
    }

    #[test]
    fn facemask_at_low_flow_is_still_grade_3() {
        assert_eq!(
            crs(Fever::Present, None, o2(OxygenDevice::Facemask, Some(2.0))).grade,
            Grade::G3
        );
    }

    #[test]
    fn oxygen_rows() {
        let cases = [
            (OxygenDevice::None, None, Grade::G1),
            (OxygenDevice::NasalCannula, Some(1.0), Grade::G2),
            (OxygenDevice::BlowBy, None, Grade::G2),
            (OxygenDevice::HighFlowNasalCannula, None, Grade::G3),
            (OxygenDevice::Facemask, None, Grade::G3),
            (OxygenDevice::NonRebreather, None, Grade::G3),
            (OxygenDevice::Venturi, None, Grade::G3),
            (OxygenDevice::Cpap, None, Grade::G4),
            (OxygenDevice::Bipap, None, Grade::G4),
            (OxygenDevice::MechanicalVentilation, None, Grade::G4),
        ];
        for (device, flow, expected) in cases {
            assert_eq!(
                crs(Fever::Present, None, o2(device, flow)).grade,
                expected,
                "{device:?}"
            );
        }
    }

    #[test]
    fn worse_of_hypotension_and_hypoxia_wins() {
        // PMC8021214 footnote: one vasopressor and low-flow oxygen is grade 3.
        let r = crs(
            Fever::Present,
            Some(Hypotension::OneVasopressor),
            o2(OxygenDevice::NasalCannula, Some(2.0)),
        );
        assert_eq!(r.grade, Grade::G3);
        assert_eq!(r.drivers, vec![CrsParameter::Hypotension]);
    }

    #[test]
    fn equal_hypotension_and_hypoxia_are_both_drivers() {
        let r = crs(
            Fever::Present,
            Some(Hypotension::NoVasopressors),
            o2(OxygenDevice::BlowBy, None),
        );
        assert_eq!(r.grade, Grade::G2);
        assert_eq!(
            r.drivers,
            vec![CrsParameter::Hypotension, CrsParameter::Oxygen]
        );
    }

    #[test]
    fn missing_parameters_are_named_and_grade_is_at_least() {
        let r = crs(Fever::Present, None, None);
        assert_eq!(r.grade, Grade::G1);
        assert!(!r.complete);
        assert_eq!(
            r.missing,
            vec![CrsParameter::Hypotension, CrsParameter::Oxygen]
        );
    }

    const RULE: &str = "CRS grade = the worse of hypotension and hypoxia in a patient with fever (or with fever that was present, then masked by antipyretic or anti-cytokine therapy)";

    fn fever_finding(fever: Fever) -> String {
        crs(fever, None, None).domains[0].finding.clone()
    }

    // Mutants: `Fever::finding` -> "" / "xyzzy"; its guard `t_c >= FEVER_FROM_C` -> true / false /
    // `<`. The fever row of the result must name the cell on each side of 38.0 °C:
    //   38.0 >= 38.0 -> "fever";  37.9 < 38.0 -> "no fever".
    #[test]
    fn fever_finding_names_the_38_0_edge_on_both_sides() {
        assert_eq!(
            fever_finding(Fever::MeasuredC(38.0)),
            "Temperature 38 °C (\u{2265} 38.0 °C: fever)"
        );
        assert_eq!(
            fever_finding(Fever::MeasuredC(37.9)),
            "Temperature 37.9 °C (below 38.0 °C: no fever)"
        );
        assert_eq!(
            fever_finding(Fever::Present),
            "Fever (\u{2265} 38.0 °C) present"
        );
        assert_eq!(fever_finding(Fever::Absent), "No fever");
        assert_eq!(
            fever_finding(Fever::Masked),
            "Fever was present, then masked by antipyretic or anti-cytokine therapy"
        );
    }

    fn oxygen_finding(device: OxygenDevice, flow: Option<f64>) -> String {
        crs(Fever::Present, None, o2(device, flow)).domains[1]
            .finding
            .clone()
    }

    // Mutants: `Oxygen::finding` -> "" / "xyzzy"; its guard `f <= LOW_FLOW_MAX_L_PER_MIN` -> true /
    // false / `>`. The hypoxia row must name the cell on each side of 6 L/min:
    //   nasal cannula 6 L/min <= 6 -> low flow (grade 2); 6.01 L/min > 6 -> high flow (grade 3).
    // A facemask is grade 3 at any flow (SPEC §2), and says so.
    #[test]
    fn oxygen_finding_names_the_6_l_per_min_edge_on_both_sides() {
        assert_eq!(
            oxygen_finding(OxygenDevice::NasalCannula, Some(6.0)),
            "Nasal cannula at 6 L/min (low flow, \u{2264} 6 L/min)"
        );
        assert_eq!(
            oxygen_finding(OxygenDevice::NasalCannula, Some(6.01)),
            "Nasal cannula at 6.01 L/min (high flow, > 6 L/min)"
        );
        assert_eq!(
            oxygen_finding(OxygenDevice::Facemask, Some(2.0)),
            "Facemask at 2 L/min (facemask: grade 3 at any flow)"
        );
        assert_eq!(
            oxygen_finding(OxygenDevice::None, None),
            "No supplemental oxygen (no hypoxia)"
        );
        assert_eq!(
            oxygen_finding(OxygenDevice::Cpap, None),
            "CPAP (positive pressure)"
        );
    }

    // Mutant: `self.fever == Fever::Masked` -> `!=` in `CrsAssessment::grade`. The Lee 2019
    // footnote note ("fever is no longer required") belongs to masked fever only.
    #[test]
    fn masked_fever_note_only_when_fever_is_masked() {
        let masked = crs(Fever::Masked, Some(Hypotension::None), None);
        assert_eq!(masked.notes.len(), 1);
        assert!(masked.notes[0].contains("fever is no longer required"));
        let present = crs(Fever::Present, Some(Hypotension::None), None);
        assert!(present.notes.is_empty(), "{:?}", present.notes);
    }

    // Mutants in `crs_basis`: whole function -> "" / "xyzzy"; `!fever` -> `fever`; `grade ==
    // Grade::G1` -> `!=`. No fever gives "no fever, so no CRS"; fever alone (grade 1) gives
    // "fever without hypotension or hypoxia".
    #[test]
    fn basis_for_no_fever_and_for_fever_alone() {
        let none = crs(
            Fever::Absent,
            Some(Hypotension::None),
            o2(OxygenDevice::None, None),
        );
        assert_eq!(none.basis, format!("Grade 0: no fever, so no CRS. {RULE}."));
        let alone = crs(
            Fever::Present,
            Some(Hypotension::None),
            o2(OxygenDevice::None, None),
        );
        assert_eq!(
            alone.basis,
            format!("Grade 1: fever without hypotension or hypoxia. {RULE}.")
        );
    }

    // Mutants: `d.domain == *dr` -> `!=` in `crs_basis` (would name the fever row instead of the
    // driver), `CrsParameter::label` -> "" / "xyzzy". One vasopressor (grade 3) beats low-flow
    // 2 L/min (grade 2): the basis names hypotension only, with its own finding. A tie at grade 2
    // (no vasopressors, blow-by) names both, hypotension first.
    #[test]
    fn basis_names_each_driver_with_its_own_finding() {
        let r = crs(
            Fever::Present,
            Some(Hypotension::OneVasopressor),
            o2(OxygenDevice::NasalCannula, Some(2.0)),
        );
        assert_eq!(
            r.basis,
            format!(
                "Grade 3: set by Hypotension: Hypotension requiring a vasopressor with or without vasopressin. {RULE}."
            )
        );
        let tie = crs(
            Fever::Present,
            Some(Hypotension::NoVasopressors),
            o2(OxygenDevice::BlowBy, None),
        );
        assert_eq!(
            tie.basis,
            format!(
                "Grade 2: set by Hypotension: Hypotension not requiring vasopressors; and Hypoxia (oxygen support): Blow-by oxygen (blow-by). {RULE}."
            )
        );
        assert_eq!(CrsParameter::Fever.label(), "Fever");
    }

    // Mutants: `missing.is_empty() || !fever` -> `&&`, and `!fever` -> `fever`. With fever the
    // basis says what was not assessed and that the grade is a lower bound; a complete assessment
    // and an afebrile one (grade 0 whatever is missing) say nothing of the kind.
    #[test]
    fn basis_incomplete_only_with_fever_and_a_missing_parameter() {
        let missing_o2 = crs(Fever::Present, Some(Hypotension::NoVasopressors), None);
        assert_eq!(
            missing_o2.basis,
            format!(
                "Grade 2: set by Hypotension: Hypotension not requiring vasopressors. {RULE}. Incomplete: Hypoxia (oxygen support) not assessed, so the grade is at least 2."
            )
        );
        let afebrile_missing = crs(Fever::Absent, None, None);
        assert_eq!(
            afebrile_missing.basis,
            format!("Grade 0: no fever, so no CRS. {RULE}.")
        );
        let complete = crs(
            Fever::Present,
            Some(Hypotension::MultipleVasopressors),
            o2(OxygenDevice::Bipap, None),
        );
        assert!(!complete.basis.contains("Incomplete"), "{}", complete.basis);
        assert_eq!(
            complete.drivers,
            vec![CrsParameter::Hypotension, CrsParameter::Oxygen]
        );
    }

    // Mutants: `Hypotension::label` and `OxygenDevice::label` -> "" / "xyzzy". Each label carries
    // the Lee 2019 cell wording (key phrase checked) and no two labels are the same.
    #[test]
    fn labels_carry_the_lee_2019_cell_wording() {
        let hypotension = [
            (Hypotension::None, "No hypotension"),
            (Hypotension::NoVasopressors, "not requiring vasopressors"),
            (
                Hypotension::OneVasopressor,
                "a vasopressor with or without vasopressin",
            ),
            (
                Hypotension::MultipleVasopressors,
                "multiple vasopressors (excluding vasopressin)",
            ),
        ];
        for (h, phrase) in hypotension {
            assert!(h.label().contains(phrase), "{h:?}: {}", h.label());
        }
        let oxygen = [
            (OxygenDevice::None, "No supplemental oxygen"),
            (OxygenDevice::NasalCannula, "Nasal cannula"),
            (OxygenDevice::BlowBy, "Blow-by"),
            (
                OxygenDevice::HighFlowNasalCannula,
                "High-flow nasal cannula",
            ),
            (OxygenDevice::Facemask, "Facemask"),
            (OxygenDevice::NonRebreather, "Nonrebreather"),
            (OxygenDevice::Venturi, "Venturi"),
            (OxygenDevice::Cpap, "CPAP"),
            (OxygenDevice::Bipap, "BiPAP"),
            (
                OxygenDevice::MechanicalVentilation,
                "mechanical ventilation",
            ),
        ];
        for (d, phrase) in oxygen {
            assert!(d.label().contains(phrase), "{d:?}: {}", d.label());
        }
        let mut labels: Vec<&str> = OxygenDevice::ALL.iter().map(|d| d.label()).collect();
        labels.sort_unstable();
        labels.dedup();
        assert_eq!(labels.len(), OxygenDevice::ALL.len());
    }
    // The fever option names the Lee 2019 condition: fever first, then masked by therapy.
    #[test]
    fn masked_fever_option_says_fever_was_present_first() {
        assert!(
            Fever::Masked.option_label().starts_with(
                "Fever was present, then masked by antipyretic or anti-cytokine therapy"
            )
        );
        let r = crs(Fever::Masked, Some(Hypotension::OneVasopressor), None);
        assert!(
            r.basis.contains("fever that was present, then masked"),
            "{}",
            r.basis
        );
        assert!(
            r.notes[0].contains("still required to diagnose CRS"),
            "{:?}",
            r.notes
        );
        let absent = crs(Fever::Absent, None, None);
        assert!(absent.notes[0].contains("Fever was present, then masked"));
    }

    // Display rounding never carries a temperature across 38.0 °C.
    #[test]
    fn temperature_text_never_crosses_the_fever_edge() {
        assert_eq!(temperature_text_c(38.5), "38.5");
        assert_eq!(temperature_text_c(38.0), "38");
        assert_eq!(temperature_text_c(37.94), "37.9");
        assert_eq!(temperature_text_c(37.96), "37.96");
        assert_eq!(temperature_text_c(37.999), "37.99");
        assert_eq!(temperature_text_c(38.04), "38");
        assert_eq!(
            fever_finding(Fever::MeasuredC(37.99944444444444)),
            "Temperature 37.99 °C (below 38.0 °C: no fever)"
        );
    }

    #[test]
    fn flow_without_a_device_or_with_no_oxygen_is_a_problem_with_a_message() {
        assert_eq!(FlowProblem::check(None), Some(FlowProblem::NoDevice));
        assert_eq!(
            FlowProblem::check(Some(OxygenDevice::None)),
            Some(FlowProblem::NoOxygen)
        );
        assert_eq!(FlowProblem::check(Some(OxygenDevice::NasalCannula)), None);
        assert_eq!(FlowProblem::check(Some(OxygenDevice::Facemask)), None);
        assert!(
            FlowProblem::NoDevice
                .message("4 L/min")
                .starts_with("An oxygen flow of 4 L/min is typed but no oxygen device is chosen")
        );
        assert!(
            FlowProblem::NoOxygen
                .message("4 L/min")
                .contains("\u{201c}No supplemental oxygen\u{201d} is chosen")
        );
    }

    // A flow with a device graded by the device is noted, never silently dropped; a nasal
    // cannula's flow is graded, so no note.
    #[test]
    fn flow_with_a_device_graded_by_device_gets_a_note() {
        let mask = crs(Fever::Present, None, o2(OxygenDevice::Facemask, Some(10.0)));
        assert!(
            mask.notes.iter().any(|n| n.starts_with(
                "Oxygen flow 10 L/min is recorded but does not change the grade: Facemask"
            )),
            "{:?}",
            mask.notes
        );
        let nc = crs(
            Fever::Present,
            None,
            o2(OxygenDevice::NasalCannula, Some(4.0)),
        );
        assert!(nc.notes.is_empty(), "{:?}", nc.notes);
        let no_flow = crs(Fever::Present, None, o2(OxygenDevice::Facemask, None));
        assert!(no_flow.notes.is_empty(), "{:?}", no_flow.notes);
    }

    #[test]
    fn temperature_typed_with_a_fever_choice_names_both() {
        let m = temperature_with_fever_choice(Fever::Absent, "38.5 °C");
        assert!(
            m.starts_with(
                "A temperature of 38.5 °C is typed while \u{201c}No fever\u{201d} is chosen"
            ),
            "{m}"
        );
        assert!(
            m.contains("\u{201c}Measured temperature (enter below)\u{201d}"),
            "{m}"
        );
    }
}
