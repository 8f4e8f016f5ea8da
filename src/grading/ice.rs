//! ICE (Immune Effector Cell-associated Encephalopathy) score, 0-10 points.
//!
//! # Source
//! Lee DW et al. Biol Blood Marrow Transplant 2019;25(4):625-638, ICE table; wording checked
//! against the ASCO 2021 pocket guide (Santomasso 2021, Table 2 footnote).
//!
//! ```text
//! | Domain              | Task                                                        | Points      |
//! | Orientation         | Orientation to year, month, city, hospital                  | 4 (1 each)  |
//! | Naming              | Ability to name 3 objects (e.g. point to clock, pen, button) | 3 (1 each)  |
//! | Following commands  | Ability to follow simple commands                           | 1           |
//! | Writing             | Ability to write a standard sentence                        | 1           |
//! | Attention           | Ability to count backwards from 100 by 10                   | 1           |
//! ```
//! 10 = normal.

use super::Grade;

/// One ICE assessment whose items are known to be within their point ranges.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IceItems {
    orientation: u8,
    naming: u8,
    commands: bool,
    writing: bool,
    attention: bool,
}

/// Maximum points per ICE item, in table order.
pub const ORIENTATION_MAX_POINTS: u8 = 4;
pub const NAMING_MAX_POINTS: u8 = 3;
/// The ICE total of a patient who does every task: orientation, naming, and one point each for
/// commands, writing and attention (Lee 2019, ICE table).
pub const MAX_TOTAL: u8 = ORIENTATION_MAX_POINTS + NAMING_MAX_POINTS + 3;

/// The ICE band of the ASTCT table for a sub-grade (Lee 2019, ICE row; grade 0 is ICE 10).
pub fn band(grade: Grade) -> &'static str {
    match grade {
        Grade::G0 => "10: normal",
        Grade::G1 => "7\u{2013}9",
        Grade::G2 => "3\u{2013}6",
        Grade::G3 => "0\u{2013}2, awake",
        Grade::G4 => "0, unarousable",
    }
}

/// How the form's ICE status works, after the Lee 2019 footnote on ICE 0 (awake: grade 3).
pub const STATUS_HINT: &str = "Tap each task the patient does correctly. ICE 0 in an awake patient (e.g. global aphasia) is grade 3; choose \u{201c}Unarousable\u{201d} only if the patient cannot be woken to do ICE. ICE is graded only from the status chosen here: \u{201c}Not assessed\u{201d} leaves ticked tasks unused.";

/// Why an ICE item could not be accepted (the caller knows the field name).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IceItemError {
    OrientationAbove4(u8),
    NamingAbove3(u8),
}

impl std::fmt::Display for IceItemError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            IceItemError::OrientationAbove4(g) => write!(
                f,
                "orientation is at most {ORIENTATION_MAX_POINTS} points, got {g}"
            ),
            IceItemError::NamingAbove3(g) => {
                write!(f, "naming is at most {NAMING_MAX_POINTS} points, got {g}")
            }
        }
    }
}

impl IceItems {
    pub fn new(
        orientation: u8,
        naming: u8,
        commands: bool,
        writing: bool,
        attention: bool,
    ) -> Result<Self, IceItemError> {
        if orientation > ORIENTATION_MAX_POINTS {
            return Err(IceItemError::OrientationAbove4(orientation));
        }
        if naming > NAMING_MAX_POINTS {
            return Err(IceItemError::NamingAbove3(naming));
        }
        Ok(IceItems {
            orientation,
            naming,
            commands,
            writing,
            attention,
        })
    }

    pub fn orientation(&self) -> u8 {
        self.orientation
    }
    pub fn naming(&self) -> u8 {
        self.naming
    }
    pub fn commands(&self) -> bool {
        self.commands
    }
    pub fn writing(&self) -> bool {
        self.writing
    }
    pub fn attention(&self) -> bool {
        self.attention
    }

    /// Total 0-10: orientation + naming + commands + writing + attention.
    pub fn total(&self) -> u8 {
        self.orientation
            + self.naming
            + u8::from(self.commands)
            + u8::from(self.writing)
            + u8::from(self.attention)
    }
}

/// The ICE domain as assessed at the bedside.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IceAssessment {
    /// The patient was awake and the items were scored (a total of 0 here means awake, e.g.
    /// global aphasia).
    Scored(IceItems),
    /// ICE could not be performed because the patient is unarousable.
    Unarousable,
}

impl IceAssessment {
    /// The ICE score reported for this assessment; an unarousable patient scores 0 (SPEC §2).
    pub fn total(&self) -> u8 {
        match self {
            IceAssessment::Scored(items) => items.total(),
            IceAssessment::Unarousable => 0,
        }
    }

    /// ICANS sub-grade of the ICE domain.
    ///
    /// Lee 2019, ICANS grading for adults, ICE row and its footnote:
    /// ```text
    /// | ICE score | Grade 1 | Grade 2 | Grade 3 | Grade 4                                           |
    /// |           | 7-9     | 3-6     | 0-2     | 0 (patient is unarousable and unable to perform ICE) |
    /// "A patient with an ICE score of 0 may be classified as grade 3 ICANS if awake with global
    ///  aphasia, but a patient with an ICE score of 0 may be classified as grade 4 ICANS if
    ///  unarousable."
    /// ```
    /// ICE 10 is normal (no ICANS from this domain).
    pub fn grade(&self) -> Grade {
        match self {
            IceAssessment::Unarousable => Grade::G4,
            IceAssessment::Scored(items) => match items.total() {
                10 => Grade::G0,
                7..=9 => Grade::G1,
                3..=6 => Grade::G2,
                0..=2 => Grade::G3,
                // IceItems caps the total at 4 + 3 + 1 + 1 + 1 = 10, so this arm cannot be
                // reached; it is spelled out (not `_`) so the table above stays exhaustive.
                11..=u8::MAX => Grade::G0,
            },
        }
    }

    /// The fired table cell in words, for the result and the printout.
    pub fn finding(&self) -> String {
        match self {
            IceAssessment::Unarousable => {
                "ICE 0/10: patient unarousable and unable to perform ICE (grade 4 cell)".to_string()
            }
            IceAssessment::Scored(items) => {
                let total = items.total();
                let band = band(self.grade());
                format!("ICE {total}/10 (band {band})")
            }
        }
    }
}

/// The confirmation that an awake patient scored 0 on ICE. Lee 2019 footnote: "A patient with an
/// ICE score of 0 may be classified as grade 3 ICANS if awake with global aphasia". An empty ICE
/// form is not a score of 0, so the page grades ICE 0 (awake) only once this is confirmed.
pub const AWAKE_ZERO_LABEL: &str = "Patient awake, scores 0 (e.g. global aphasia)";

/// Shown while ICE is marked as performed with no task ticked and no confirmation.
pub const AWAKE_ZERO_PENDING: &str = "ICE is marked as performed but no task is ticked yet, so ICE is not yet complete and not graded. Tap each task done correctly; if the patient is awake and scores 0 (e.g. global aphasia), tick \u{201c}Patient awake, scores 0\u{201d}.";

/// Shown when the confirmation is ticked together with tasks.
pub const AWAKE_ZERO_WITH_POINTS: &str = "\u{201c}Patient awake, scores 0\u{201d} is ticked, but tasks are ticked too: untick one or the other.";

#[cfg(test)]
mod tests {
    use super::*;

    fn ice_with_total(total: u8) -> IceAssessment {
        // Fill orientation, then naming, then the three 1-point items.
        let orientation = total.min(4);
        let naming = total.saturating_sub(4).min(3);
        let rest = total.saturating_sub(7);
        IceAssessment::Scored(
            IceItems::new(orientation, naming, rest >= 1, rest >= 2, rest >= 3)
                .expect("valid items"),
        )
    }

    #[test]
    fn item_points_add_up_to_ten() {
        let all = IceItems::new(4, 3, true, true, true);
        assert_eq!(all.map(|i| i.total()), Ok(10));
        let none = IceItems::new(0, 0, false, false, false);
        assert_eq!(none.map(|i| i.total()), Ok(0));
        assert_eq!(
            IceItems::new(2, 1, false, true, false).map(|i| i.total()),
            Ok(4)
        );
    }

    #[test]
    fn orientation_above_4_is_rejected() {
        assert_eq!(
            IceItems::new(5, 0, false, false, false),
            Err(IceItemError::OrientationAbove4(5))
        );
        assert!(IceItems::new(4, 0, false, false, false).is_ok());
    }

    #[test]
    fn naming_above_3_is_rejected() {
        assert_eq!(
            IceItems::new(0, 4, false, false, false),
            Err(IceItemError::NamingAbove3(4))
        );
        assert!(IceItems::new(0, 3, false, false, false).is_ok());
    }

    #[test]
    fn ice_10_is_normal() {
        assert_eq!(ice_with_total(10).grade(), Grade::G0);
    }

    #[test]
    fn ice_9_is_grade_1() {
        assert_eq!(ice_with_total(9).grade(), Grade::G1);
    }

    #[test]
    fn ice_7_is_grade_1() {
        assert_eq!(ice_with_total(7).grade(), Grade::G1);
    }

    #[test]
    fn ice_6_is_grade_2() {
        assert_eq!(ice_with_total(6).grade(), Grade::G2);
    }

    #[test]
    fn ice_3_is_grade_2() {
        assert_eq!(ice_with_total(3).grade(), Grade::G2);
    }

    #[test]
    fn ice_2_is_grade_3() {
        assert_eq!(ice_with_total(2).grade(), Grade::G3);
    }

    #[test]
    fn ice_0_awake_with_global_aphasia_is_grade_3() {
        assert_eq!(ice_with_total(0).grade(), Grade::G3);
        assert_eq!(ice_with_total(0).total(), 0);
    }

    #[test]
    fn ice_unarousable_is_grade_4_with_score_0() {
        assert_eq!(IceAssessment::Unarousable.grade(), Grade::G4);
        assert_eq!(IceAssessment::Unarousable.total(), 0);
    }

    #[test]
    fn every_total_falls_in_exactly_one_band_and_worse_scores_never_grade_lower() {
        let grades: Vec<Grade> = (0..=10).map(|t| ice_with_total(t).grade()).collect();
        assert_eq!(
            grades,
            vec![
                Grade::G3,
                Grade::G3,
                Grade::G3,
                Grade::G2,
                Grade::G2,
                Grade::G2,
                Grade::G2,
                Grade::G1,
                Grade::G1,
                Grade::G1,
                Grade::G0
            ]
        );
        assert!(grades.windows(2).all(|w| w[0] >= w[1]));
    }

    #[test]
    fn finding_names_the_band() {
        assert_eq!(
            ice_with_total(2).finding(),
            "ICE 2/10 (band 0\u{2013}2, awake)"
        );
        assert_eq!(ice_with_total(6).finding(), "ICE 6/10 (band 3\u{2013}6)");
    }

    // Mutants: each `IceItems` accessor -> a constant (0 / 1, true / false). The two item sets
    // differ in every field, so a constant answer is wrong for at least one of them:
    //   (orientation 3, naming 2, commands yes, writing no,  attention yes) = 3+2+1+0+1 = 7
    //   (orientation 1, naming 0, commands no,  writing yes, attention no)  = 1+0+0+1+0 = 2
    #[test]
    fn item_accessors_return_the_points_entered() {
        let a = IceItems::new(3, 2, true, false, true).expect("valid items");
        assert_eq!(
            (
                a.orientation(),
                a.naming(),
                a.commands(),
                a.writing(),
                a.attention()
            ),
            (3, 2, true, false, true)
        );
        assert_eq!(a.total(), 7);
        let b = IceItems::new(1, 0, false, true, false).expect("valid items");
        assert_eq!(
            (
                b.orientation(),
                b.naming(),
                b.commands(),
                b.writing(),
                b.attention()
            ),
            (1, 0, false, true, false)
        );
        assert_eq!(b.total(), 2);
    }
}
