//! CAR-HEMATOTOX: baseline risk of haematotoxicity after CAR-T cells (0-7 points).
//!
//! # Source
//! Rejeski K et al. CAR-HEMATOTOX. Blood 2021;138(24):2499-2513, score figure; cut-offs and
//! boundary inclusivity as decided in SPEC §2 (the public copies differ on `<` versus `<=` at
//! the ANC and Hb cut-offs; criteria.md §5). Measured before lymphodepletion (about day -5).
//!
//! ```text
//! | Variable          | 0 points   | 1 point          | 2 points   |
//! | Platelets (/µL)   | > 175,000  | 75,000-175,000   | < 75,000   |
//! | ANC (/µL)         | > 1200     | <= 1200          |            |
//! | Haemoglobin (g/dL)| > 9.0      | <= 9.0           |            |
//! | CRP (mg/dL)       | < 3.0      | >= 3.0           |            |
//! | Ferritin (ng/mL)  | < 650      | 650-2000         | > 2000     |
//! Score 0-1: low risk; >= 2: high risk.
//! ```
//! CRP may be given in mg/L (10 mg/L = 1 mg/dL): it is compared with the same cut-off written in
//! mg/L (30 mg/L), never converted first, so no rounding can move a value across the cut-off.

use crate::error::Range;
use crate::sources;
use crate::units;
use serde::{Serialize, Serializer};

/// Plausible platelet count (SPEC §3); outside it the unit is most likely wrong.
pub const PLATELETS_PER_UL: Range = Range::inclusive(1_000.0, 2_000_000.0, " /µL");
pub const ANC_PER_UL: Range = Range::inclusive(0.0, 100_000.0, " /µL");
pub const HB_G_PER_DL: Range = Range::inclusive(2.0, 25.0, " g/dL");
pub const CRP_MG_PER_DL: Range = Range::inclusive(0.0, 100.0, " mg/dL");
/// The same CRP range in mg/L (0-100 mg/dL = 0-1000 mg/L).
pub const CRP_MG_PER_L: Range = Range::inclusive(0.0, 1_000.0, " mg/L");
pub const FERRITIN_NG_PER_ML: Range = Range::inclusive(0.0, 200_000.0, " ng/mL");

// The score table's edges (Rejeski 2021 as decided in SPEC §2; see the table above). The
// scoring functions below compare with these, and the page's table and notes are written from
// them.
/// Platelets above this score 0.
pub const PLATELETS_0_ABOVE_PER_UL: f64 = 175_000.0;
/// Platelets below this score 2 (75,000 itself scores 1).
pub const PLATELETS_2_BELOW_PER_UL: f64 = 75_000.0;
/// ANC at or below this scores 1.
pub const ANC_1_AT_OR_BELOW_PER_UL: f64 = 1_200.0;
/// Haemoglobin at or below this scores 1.
pub const HB_1_AT_OR_BELOW_G_PER_DL: f64 = 9.0;
/// CRP at or above this scores 1 (in mg/dL; [`CRP_1_FROM_MG_PER_L`] in mg/L).
pub const CRP_1_FROM_MG_PER_DL: f64 = 3.0;
pub const CRP_1_FROM_MG_PER_L: f64 = 30.0;
/// Ferritin from this value scores 1.
pub const FERRITIN_1_FROM_NG_PER_ML: f64 = 650.0;
/// Ferritin above this scores 2.
pub const FERRITIN_2_ABOVE_NG_PER_ML: f64 = 2_000.0;
/// The highest score (2 + 1 + 1 + 1 + 2) and the score from which the risk is high.
pub const MAX_SCORE: u8 = 7;
pub const HIGH_RISK_FROM_SCORE: u8 = 2;

/// What the result says about the boundaries, and which rule decided them.
pub const RULE: &str = "Score = sum of the five points (0\u{2013}7): 0\u{2013}1 low risk, \u{2265} 2 high risk. Boundaries as decided in this calculator\u{2019}s specification: platelets exactly 175\u{202f}000 or 75\u{202f}000 /µL score 1; ANC exactly 1200 /µL scores 1 (\u{2264} 1200); Hb exactly 9.0 g/dL scores 1 (\u{2264} 9.0); CRP exactly 3.0 mg/dL (30 mg/L) scores 1 (\u{2265} 3.0); ferritin exactly 650 or 2000 ng/mL scores 1.";

/// Why a result at a boundary deserves a second look.
pub const CUTOFF_CAVEAT: &str = "The cut-offs are this calculator\u{2019}s stated ones. The review this calculator was built from marks the original score figure\u{2019}s cut-offs as not verified against the paper, and public copies differ on < versus \u{2264} at the ANC and Hb cut-offs; check a result at a boundary against Rejeski 2021.";

/// Said after "is the unit right?" when a value typed in the form is implausible in its unit.
pub const PLATELETS_UNIT_HINT: &str =
    "150 \u{d7}10\u{2079}/L is 150\u{202f}000 /µL; check the unit chosen beside the value.";
pub const ANC_UNIT_HINT: &str =
    "1.2 \u{d7}10\u{2079}/L is 1200 /µL; check the unit chosen beside the value.";
/// Hb: 9.0 g/dL is 5.58503 mmol/L; written 5.585, on the cut-off's side (5.585 mmol/L is 8.99995
/// g/dL, 1 point), where "5.59" (9.008 g/dL) would score 0 (`crate::units`).
pub const HB_UNIT_HINT: &str =
    "9.0 g/dL is 90 g/L or 5.585 mmol/L; check the unit chosen beside the value.";
pub const CRP_UNIT_HINT: &str = "3.0 mg/dL is 30 mg/L; check the unit chosen beside the value.";

/// What is said after "is the unit right?" when a value of `variable` typed in the form is
/// implausible in its unit (ferritin has one unit: the hint names it).
pub fn unit_hint(variable: Variable) -> &'static str {
    match variable {
        Variable::Platelets => PLATELETS_UNIT_HINT,
        Variable::Anc => ANC_UNIT_HINT,
        Variable::Hb => HB_UNIT_HINT,
        Variable::Crp => CRP_UNIT_HINT,
        Variable::Ferritin => FERRITIN_HINT,
    }
}

/// Notes for a value exactly at a cut-off whose inclusivity public copies disagree on (ANC, Hb).
pub fn boundary_notes(values: &Values) -> Vec<String> {
    let mut notes = Vec::new();
    if values.anc_per_ul == ANC_1_AT_OR_BELOW_PER_UL {
        notes.push("ANC is exactly at the cut-off (1200 /µL): scored 1 point by the \u{2264} 1200 rule of this calculator; copies reading \u{201c}< 1200\u{201d} would give 0.".to_string());
    }
    if values.hb_g_per_dl == HB_1_AT_OR_BELOW_G_PER_DL {
        notes.push("Hb is exactly at the cut-off (9.0 g/dL): scored 1 point by the \u{2264} 9.0 rule of this calculator; copies reading \u{201c}< 9.0\u{201d} would give 0.".to_string());
    }
    notes
}

/// The score table's cells for one variable, one per points column (0, 1, 2), each the band the
/// scoring functions give for a value inside it (`None` where the row has no such column). CRP
/// is written in the unit it was entered in.
pub fn table_row(variable: Variable, crp_in_mg_per_l: bool) -> [Option<Scored>; 3] {
    let bands: Vec<Scored> = match variable {
        Variable::Platelets => vec![
            platelet_points(PLATELETS_0_ABOVE_PER_UL + 1.0),
            platelet_points(PLATELETS_2_BELOW_PER_UL),
            platelet_points(PLATELETS_2_BELOW_PER_UL - 1.0),
        ],
        Variable::Anc => vec![
            anc_points(ANC_1_AT_OR_BELOW_PER_UL + 1.0),
            anc_points(ANC_1_AT_OR_BELOW_PER_UL),
        ],
        Variable::Hb => vec![
            hb_points(HB_1_AT_OR_BELOW_G_PER_DL + 1.0),
            hb_points(HB_1_AT_OR_BELOW_G_PER_DL),
        ],
        Variable::Crp if crp_in_mg_per_l => vec![
            crp_points(Crp::MgPerL(0.0)),
            crp_points(Crp::MgPerL(CRP_1_FROM_MG_PER_L)),
        ],
        Variable::Crp => vec![
            crp_points(Crp::MgPerDl(0.0)),
            crp_points(Crp::MgPerDl(CRP_1_FROM_MG_PER_DL)),
        ],
        Variable::Ferritin => vec![
            ferritin_points(0.0),
            ferritin_points(FERRITIN_1_FROM_NG_PER_ML),
            ferritin_points(FERRITIN_2_ABOVE_NG_PER_ML + 1.0),
        ],
    };
    let mut row = [None; 3];
    for b in bands {
        if let Some(cell) = row.get_mut(usize::from(b.points)) {
            *cell = Some(b);
        }
    }
    row
}

/// CRP as entered, with its unit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Crp {
    MgPerDl(f64),
    MgPerL(f64),
}

impl Crp {
    /// The value in mg/dL (exact decimal shift for mg/L; see [`crate::units`]).
    pub fn mg_per_dl(self) -> f64 {
        match self {
            Crp::MgPerDl(x) => x,
            Crp::MgPerL(x) => units::mg_per_dl_from_mg_per_l(x),
        }
    }

    pub fn unit(self) -> &'static str {
        match self {
            Crp::MgPerDl(_) => "mg/dL",
            Crp::MgPerL(_) => "mg/L",
        }
    }

    pub fn value(self) -> f64 {
        match self {
            Crp::MgPerDl(x) | Crp::MgPerL(x) => x,
        }
    }
}

/// The five variables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variable {
    Platelets,
    Anc,
    Hb,
    Crp,
    Ferritin,
}

impl Variable {
    pub const ALL: [Variable; 5] = [
        Variable::Platelets,
        Variable::Anc,
        Variable::Hb,
        Variable::Crp,
        Variable::Ferritin,
    ];

    pub fn api_name(self) -> &'static str {
        match self {
            Variable::Platelets => "platelets",
            Variable::Anc => "anc",
            Variable::Hb => "hb",
            Variable::Crp => "crp",
            Variable::Ferritin => "ferritin",
        }
    }

    /// Name used in the basis text.
    pub fn short_label(self) -> &'static str {
        match self {
            Variable::Platelets => "Platelets",
            Variable::Anc => "ANC",
            Variable::Hb => "Hb",
            Variable::Crp => "CRP",
            Variable::Ferritin => "Ferritin",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Variable::Platelets => "Platelet count",
            Variable::Anc => "Absolute neutrophil count (ANC)",
            Variable::Hb => "Haemoglobin",
            Variable::Crp => "C-reactive protein (CRP)",
            Variable::Ferritin => "Ferritin",
        }
    }
}

impl Serialize for Variable {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.api_name())
    }
}

/// Points for one variable with the table cell it fell in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scored {
    pub points: u8,
    /// The table cell, e.g. "75 000-175 000 /µL" (narrow no-break spaces).
    pub band: &'static str,
}

const fn scored(points: u8, band: &'static str) -> Scored {
    Scored { points, band }
}

/// Platelets row: > 175,000 /µL 0 | 75,000-175,000 1 | < 75,000 2.
pub fn platelet_points(per_ul: f64) -> Scored {
    match (
        per_ul > PLATELETS_0_ABOVE_PER_UL,
        per_ul >= PLATELETS_2_BELOW_PER_UL,
    ) {
        (true, _) => scored(0, "> 175\u{202f}000 /µL"),
        (false, true) => scored(1, "75\u{202f}000-175\u{202f}000 /µL"),
        (false, false) => scored(2, "< 75\u{202f}000 /µL"),
    }
}

/// ANC row: > 1200 /µL 0 | <= 1200 1.
pub fn anc_points(per_ul: f64) -> Scored {
    match per_ul > ANC_1_AT_OR_BELOW_PER_UL {
        true => scored(0, "> 1200 /µL"),
        false => scored(1, "\u{2264} 1200 /µL"),
    }
}

/// Haemoglobin row: > 9.0 g/dL 0 | <= 9.0 1.
pub fn hb_points(g_per_dl: f64) -> Scored {
    match g_per_dl > HB_1_AT_OR_BELOW_G_PER_DL {
        true => scored(0, "> 9.0 g/dL"),
        false => scored(1, "\u{2264} 9.0 g/dL"),
    }
}

/// CRP row: < 3.0 mg/dL 0 | >= 3.0 1; in mg/L the same cut-off is 30 mg/L.
pub fn crp_points(crp: Crp) -> Scored {
    match crp {
        Crp::MgPerDl(x) => match x >= CRP_1_FROM_MG_PER_DL {
            true => scored(1, "\u{2265} 3.0 mg/dL"),
            false => scored(0, "< 3.0 mg/dL"),
        },
        Crp::MgPerL(x) => match x >= CRP_1_FROM_MG_PER_L {
            true => scored(1, "\u{2265} 30 mg/L, i.e. \u{2265} 3.0 mg/dL"),
            false => scored(0, "< 30 mg/L, i.e. < 3.0 mg/dL"),
        },
    }
}

/// Ferritin row: < 650 ng/mL 0 | 650-2000 1 | > 2000 2.
pub fn ferritin_points(ng_per_ml: f64) -> Scored {
    match (
        ng_per_ml < FERRITIN_1_FROM_NG_PER_ML,
        ng_per_ml <= FERRITIN_2_ABOVE_NG_PER_ML,
    ) {
        (true, _) => scored(0, "< 650 ng/mL"),
        (false, true) => scored(1, "650-2000 ng/mL"),
        (false, false) => scored(2, "> 2000 ng/mL"),
    }
}

/// Risk group: 0-1 low, >= 2 high.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Risk {
    Low,
    High,
}

impl Risk {
    /// Score 0-1 -> low | >= 2 -> high.
    pub fn from_score(score: u8) -> Risk {
        match score {
            0 | 1 => Risk::Low,
            2.. => Risk::High,
        }
    }

    pub fn api_name(self) -> &'static str {
        match self {
            Risk::Low => "low",
            Risk::High => "high",
        }
    }
}

impl Serialize for Risk {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.api_name())
    }
}

/// A value outside its plausible range (the caller knows the field name).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ImplausibleValue {
    pub variable: Variable,
    pub got: f64,
    pub range: Range,
    /// Which unit is expected and how the usual other unit converts.
    pub hint: &'static str,
}

/// The five baseline values, each checked to lie in its plausible range.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HematotoxInput {
    platelets_per_ul: f64,
    anc_per_ul: f64,
    hb_g_per_dl: f64,
    crp: Crp,
    ferritin_ng_per_ml: f64,
}

/// Unit hints shown with an implausible value.
pub const PLATELETS_HINT: &str =
    "platelets are entered per µL (1 ×10^9/L = 1000 /µL, so 150 ×10^9/L is 150000 /µL)";
pub const ANC_HINT: &str =
    "ANC is entered per µL (1 ×10^9/L = 1000 /µL, so 1.2 ×10^9/L is 1200 /µL)";
pub const HB_HINT: &str = "haemoglobin is entered in g/dL (10 g/L = 1 g/dL, so 90 g/L is 9.0 g/dL)";
pub const CRP_MG_PER_DL_HINT: &str =
    "this field is CRP in mg/dL (10 mg/L = 1 mg/dL); for a value in mg/L use crpMgPerL";
pub const CRP_MG_PER_L_HINT: &str =
    "this field is CRP in mg/L (1 mg/dL = 10 mg/L); for a value in mg/dL use crpMgPerDl";
pub const FERRITIN_HINT: &str = "ferritin is entered in ng/mL (= µg/L)";

/// One of the five baseline values, in the score table's unit (CRP in the unit entered).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Measurement {
    PlateletsPerUl(f64),
    AncPerUl(f64),
    HbGPerDl(f64),
    Crp(Crp),
    FerritinNgPerMl(f64),
}

/// Checks one value against its plausible range (SPEC §3), as [`HematotoxInput::new`] does for
/// all five: the form refuses an implausible value at its field as soon as it is typed, before
/// the other four are entered.
pub fn check_plausible(m: Measurement) -> Result<(), ImplausibleValue> {
    let (variable, got, range, hint) = match m {
        Measurement::PlateletsPerUl(x) => {
            (Variable::Platelets, x, PLATELETS_PER_UL, PLATELETS_HINT)
        }
        Measurement::AncPerUl(x) => (Variable::Anc, x, ANC_PER_UL, ANC_HINT),
        Measurement::HbGPerDl(x) => (Variable::Hb, x, HB_G_PER_DL, HB_HINT),
        Measurement::Crp(Crp::MgPerDl(x)) => (Variable::Crp, x, CRP_MG_PER_DL, CRP_MG_PER_DL_HINT),
        Measurement::Crp(Crp::MgPerL(x)) => (Variable::Crp, x, CRP_MG_PER_L, CRP_MG_PER_L_HINT),
        Measurement::FerritinNgPerMl(x) => {
            (Variable::Ferritin, x, FERRITIN_NG_PER_ML, FERRITIN_HINT)
        }
    };
    // NaN fails `contains`, so it never reaches the table.
    if got.is_finite() && range.contains(got) {
        Ok(())
    } else {
        Err(ImplausibleValue {
            variable,
            got,
            range,
            hint,
        })
    }
}

impl HematotoxInput {
    /// Checks each value against its plausible range (SPEC §3), first failing variable wins.
    pub fn new(
        platelets_per_ul: f64,
        anc_per_ul: f64,
        hb_g_per_dl: f64,
        crp: Crp,
        ferritin_ng_per_ml: f64,
    ) -> Result<Self, ImplausibleValue> {
        check_plausible(Measurement::PlateletsPerUl(platelets_per_ul))?;
        check_plausible(Measurement::AncPerUl(anc_per_ul))?;
        check_plausible(Measurement::HbGPerDl(hb_g_per_dl))?;
        check_plausible(Measurement::Crp(crp))?;
        check_plausible(Measurement::FerritinNgPerMl(ferritin_ng_per_ml))?;
        Ok(HematotoxInput {
            platelets_per_ul,
            anc_per_ul,
            hb_g_per_dl,
            crp,
            ferritin_ng_per_ml,
        })
    }

    pub fn platelets_per_ul(&self) -> f64 {
        self.platelets_per_ul
    }
    pub fn anc_per_ul(&self) -> f64 {
        self.anc_per_ul
    }
    pub fn hb_g_per_dl(&self) -> f64 {
        self.hb_g_per_dl
    }
    pub fn crp(&self) -> Crp {
        self.crp
    }
    pub fn ferritin_ng_per_ml(&self) -> f64 {
        self.ferritin_ng_per_ml
    }

    /// Scores the five variables.
    pub fn score(&self) -> HematotoxResult {
        let rows = [
            (
                Variable::Platelets,
                platelet_points(self.platelets_per_ul),
                self.platelets_per_ul,
                "/µL",
            ),
            (
                Variable::Anc,
                anc_points(self.anc_per_ul),
                self.anc_per_ul,
                "/µL",
            ),
            (
                Variable::Hb,
                hb_points(self.hb_g_per_dl),
                self.hb_g_per_dl,
                "g/dL",
            ),
            (
                Variable::Crp,
                crp_points(self.crp),
                self.crp.value(),
                self.crp.unit(),
            ),
            (
                Variable::Ferritin,
                ferritin_points(self.ferritin_ng_per_ml),
                self.ferritin_ng_per_ml,
                "ng/mL",
            ),
        ];
        let findings: Vec<Finding> = rows
            .iter()
            .map(|&(variable, s, value, unit)| Finding {
                variable,
                value,
                unit,
                points: s.points,
                band: s.band,
            })
            .collect();
        let points = Points {
            platelets: rows[0].1.points,
            anc: rows[1].1.points,
            hb: rows[2].1.points,
            crp: rows[3].1.points,
            ferritin: rows[4].1.points,
        };
        let score = points.platelets + points.anc + points.hb + points.crp + points.ferritin;
        let risk = Risk::from_score(score);
        let terms: Vec<String> = findings
            .iter()
            .map(|f| {
                format!(
                    "{} {} {}: {} ({})",
                    f.variable.short_label(),
                    f.value,
                    f.unit,
                    f.points,
                    f.band
                )
            })
            .collect();
        let basis = format!(
            "CAR-HEMATOTOX {score}: {} risk (0-1 low, \u{2265} 2 high). Points: {}.",
            risk.api_name(),
            terms.join("; ")
        );
        let mut notes = vec![
            "CAR-HEMATOTOX uses values measured before lymphodepletion (about day -5).".to_string(),
        ];
        if let Crp::MgPerL(x) = self.crp {
            notes.push(format!(
                "CRP {x} mg/L = {} mg/dL (10 mg/L = 1 mg/dL); scored against 30 mg/L = 3.0 mg/dL.",
                self.crp.mg_per_dl()
            ));
        }
        HematotoxResult {
            score,
            risk,
            points,
            findings,
            values: Values {
                platelets_per_ul: self.platelets_per_ul,
                anc_per_ul: self.anc_per_ul,
                hb_g_per_dl: self.hb_g_per_dl,
                crp_mg_per_dl: self.crp.mg_per_dl(),
                crp_unit_entered: self.crp.unit(),
                ferritin_ng_per_ml: self.ferritin_ng_per_ml,
            },
            basis,
            notes,
            source: sources::HEMATOTOX_CUT_OFFS,
            version: crate::APP_VERSION,
        }
    }
}

/// Points per variable (`points` of SPEC §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Points {
    pub platelets: u8,
    pub anc: u8,
    pub hb: u8,
    pub crp: u8,
    pub ferritin: u8,
}

/// One variable's value, table cell and points.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub variable: Variable,
    pub value: f64,
    pub unit: &'static str,
    pub points: u8,
    pub band: &'static str,
}

/// The values scored, in the table's units (CRP also in mg/dL when it was entered in mg/L).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Values {
    pub platelets_per_ul: f64,
    pub anc_per_ul: f64,
    pub hb_g_per_dl: f64,
    pub crp_mg_per_dl: f64,
    pub crp_unit_entered: &'static str,
    pub ferritin_ng_per_ml: f64,
}

/// The `hematotox` result (SPEC §3, plus the basis).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HematotoxResult {
    pub score: u8,
    pub risk: Risk,
    pub points: Points,
    /// Each variable's value, unit, table cell and points, in table order.
    pub findings: Vec<Finding>,
    pub values: Values,
    pub basis: String,
    pub notes: Vec<String>,
    pub source: &'static str,
    pub version: &'static str,
}

/// The input of the five values in table order ([`Variable::ALL`]), checked as
/// [`HematotoxInput::new`] checks them; `None` unless all five are there, each in its place.
pub fn input_of(values: &[Measurement]) -> Option<Result<HematotoxInput, ImplausibleValue>> {
    use Measurement as M;
    let [
        M::PlateletsPerUl(platelets),
        M::AncPerUl(anc),
        M::HbGPerDl(hb),
        M::Crp(crp),
        M::FerritinNgPerMl(ferritin),
    ] = values[..]
    else {
        return None;
    };
    Some(HematotoxInput::new(platelets, anc, hb, crp, ferritin))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hb_hints_mmol_figure_scores_as_the_cut_off_does() {
        let hinted_mmol_per_l = 5.585;
        assert!(HB_UNIT_HINT.contains("5.585 mmol/L"), "{HB_UNIT_HINT}");
        let hinted = crate::units::hb_g_per_dl_from_mmol_per_l(hinted_mmol_per_l);
        let at_cut_off = hb_points(HB_1_AT_OR_BELOW_G_PER_DL).points;
        assert_eq!(hb_points(hinted).points, at_cut_off);
        // The figure rounded to two decimals would not.
        let rounded = crate::units::hb_g_per_dl_from_mmol_per_l(5.59);
        assert_ne!(hb_points(rounded).points, at_cut_off);
    }

    #[test]
    fn the_input_of_five_values_needs_each_in_its_place() {
        use Measurement as M;
        let five = [
            M::PlateletsPerUl(150_000.0),
            M::AncPerUl(1_200.0),
            M::HbGPerDl(9.0),
            M::Crp(Crp::MgPerL(30.0)),
            M::FerritinNgPerMl(650.0),
        ];
        let expected = HematotoxInput::new(150_000.0, 1_200.0, 9.0, Crp::MgPerL(30.0), 650.0);
        assert_eq!(input_of(&five), Some(expected));
        assert_eq!(input_of(&five[..4]), None);
        assert_eq!(
            input_of(&[five[1], five[0], five[2], five[3], five[4]]),
            None
        );
        let mut wrong = five;
        wrong[2] = M::HbGPerDl(90.0);
        assert!(matches!(input_of(&wrong), Some(Err(e)) if e.variable == Variable::Hb));
    }

    fn input(platelets: f64, anc: f64, hb: f64, crp: Crp, ferritin: f64) -> HematotoxInput {
        HematotoxInput::new(platelets, anc, hb, crp, ferritin).expect("plausible")
    }

    /// All five at 0 points: platelets 200,000, ANC 3000, Hb 13, CRP 0.5 mg/dL, ferritin 300.
    fn normal() -> HematotoxInput {
        input(200_000.0, 3_000.0, 13.0, Crp::MgPerDl(0.5), 300.0)
    }

    // ---------- platelets ----------

    #[test]
    fn platelets_175_001_is_0_points() {
        assert_eq!(platelet_points(175_001.0).points, 0);
    }

    #[test]
    fn platelets_175_000_is_1_point() {
        assert_eq!(platelet_points(175_000.0).points, 1);
    }

    #[test]
    fn platelets_75_000_is_1_point() {
        assert_eq!(platelet_points(75_000.0).points, 1);
    }

    #[test]
    fn platelets_74_999_is_2_points() {
        assert_eq!(platelet_points(74_999.0).points, 2);
    }

    // ---------- ANC ----------

    #[test]
    fn anc_1201_is_0_points() {
        assert_eq!(anc_points(1_201.0).points, 0);
    }

    #[test]
    fn anc_1200_is_1_point() {
        assert_eq!(anc_points(1_200.0).points, 1);
    }

    #[test]
    fn anc_0_is_1_point() {
        assert_eq!(anc_points(0.0).points, 1);
    }

    // ---------- Hb ----------

    #[test]
    fn hb_9_1_is_0_points() {
        assert_eq!(hb_points(9.1).points, 0);
    }

    #[test]
    fn hb_9_0_is_1_point() {
        assert_eq!(hb_points(9.0).points, 1);
    }

    // ---------- CRP ----------

    #[test]
    fn crp_2_99_mg_per_dl_is_0_points() {
        assert_eq!(crp_points(Crp::MgPerDl(2.99)).points, 0);
    }

    #[test]
    fn crp_3_0_mg_per_dl_is_1_point() {
        assert_eq!(crp_points(Crp::MgPerDl(3.0)).points, 1);
    }

    #[test]
    fn crp_30_mg_per_l_is_3_0_mg_per_dl_and_1_point() {
        assert_eq!(crp_points(Crp::MgPerL(30.0)).points, 1);
        assert_eq!(Crp::MgPerL(30.0).mg_per_dl(), 3.0);
    }

    #[test]
    fn crp_29_9_mg_per_l_is_0_points() {
        assert_eq!(crp_points(Crp::MgPerL(29.9)).points, 0);
        assert_eq!(Crp::MgPerL(29.9).mg_per_dl(), 2.99);
    }

    #[test]
    fn crp_just_below_30_mg_per_l_is_never_rounded_up_to_3_mg_per_dl() {
        // The double just below 30: scored in mg/L, not converted first.
        let below = 29.999_999_999_999_996_f64;
        assert!(below < 30.0);
        assert_eq!(crp_points(Crp::MgPerL(below)).points, 0);
    }

    // ---------- ferritin ----------

    #[test]
    fn ferritin_649_is_0_points() {
        assert_eq!(ferritin_points(649.0).points, 0);
    }

    #[test]
    fn ferritin_650_is_1_point() {
        assert_eq!(ferritin_points(650.0).points, 1);
    }

    #[test]
    fn ferritin_2000_is_1_point() {
        assert_eq!(ferritin_points(2_000.0).points, 1);
    }

    #[test]
    fn ferritin_2001_is_2_points() {
        assert_eq!(ferritin_points(2_001.0).points, 2);
    }

    // ---------- score and risk ----------

    #[test]
    fn score_1_is_low_risk() {
        assert_eq!(Risk::from_score(0), Risk::Low);
        assert_eq!(Risk::from_score(1), Risk::Low);
    }

    #[test]
    fn score_2_is_high_risk() {
        assert_eq!(Risk::from_score(2), Risk::High);
        assert_eq!(Risk::from_score(7), Risk::High);
    }

    #[test]
    fn all_normal_scores_0_low() {
        let r = normal().score();
        assert_eq!((r.score, r.risk), (0, Risk::Low));
    }

    #[test]
    fn worst_case_scores_7() {
        let r = input(50_000.0, 500.0, 8.0, Crp::MgPerL(340.0), 5_000.0).score();
        assert_eq!(
            r.points,
            Points {
                platelets: 2,
                anc: 1,
                hb: 1,
                crp: 1,
                ferritin: 2
            }
        );
        assert_eq!((r.score, r.risk), (7, Risk::High));
        assert_eq!(r.values.crp_mg_per_dl, 34.0);
        assert!(r.notes.iter().any(|n| n.contains("340 mg/L = 34 mg/dL")));
    }

    #[test]
    fn one_point_from_crp_alone_is_low_and_two_is_high() {
        let r = input(200_000.0, 3_000.0, 13.0, Crp::MgPerDl(3.0), 300.0).score();
        assert_eq!((r.score, r.risk), (1, Risk::Low));
        let r = input(200_000.0, 3_000.0, 9.0, Crp::MgPerDl(3.0), 300.0).score();
        assert_eq!((r.score, r.risk), (2, Risk::High));
        assert!(r.basis.starts_with("CAR-HEMATOTOX 2: high risk"));
    }

    // ---------- plausibility ----------

    #[test]
    fn platelets_in_10e9_per_l_are_implausible_per_ul() {
        let e = HematotoxInput::new(150.0, 3_000.0, 13.0, Crp::MgPerDl(0.5), 300.0).unwrap_err();
        assert_eq!(e.variable, Variable::Platelets);
        assert_eq!(e.hint, PLATELETS_HINT);
    }

    #[test]
    fn plausibility_edges_are_inclusive() {
        assert!(HematotoxInput::new(1_000.0, 0.0, 2.0, Crp::MgPerDl(0.0), 0.0).is_ok());
        assert!(
            HematotoxInput::new(2_000_000.0, 100_000.0, 25.0, Crp::MgPerDl(100.0), 200_000.0)
                .is_ok()
        );
        assert!(HematotoxInput::new(999.0, 0.0, 2.0, Crp::MgPerDl(0.0), 0.0).is_err());
        assert!(HematotoxInput::new(1_000.0, 0.0, 25.1, Crp::MgPerDl(0.0), 0.0).is_err());
        assert!(HematotoxInput::new(1_000.0, 0.0, 2.0, Crp::MgPerL(1_000.0), 0.0).is_ok());
        assert!(HematotoxInput::new(1_000.0, 0.0, 2.0, Crp::MgPerL(1_000.1), 0.0).is_err());
        assert!(HematotoxInput::new(f64::NAN, 0.0, 2.0, Crp::MgPerDl(0.0), 0.0).is_err());
    }

    #[test]
    fn hb_in_g_per_l_is_implausible_in_g_per_dl() {
        let e =
            HematotoxInput::new(200_000.0, 3_000.0, 90.0, Crp::MgPerDl(0.5), 300.0).unwrap_err();
        assert_eq!(e.variable, Variable::Hb);
    }
}
