//! CAPD (Cornell Assessment of Pediatric Delirium), used for ICANS grading in children under 12
//! and in older patients with developmental delay.
//!
//! # Source
//! Traube C et al. Crit Care Med 2014;42(3):656-663 (items and scoring); Lee DW et al. 2019,
//! ICANS grading for children (CAPD row). Rated from interactions over the shift.
//!
//! ```text
//! Items 1-4, reverse scored: Never 4, Rarely 3, Sometimes 2, Often 1, Always 0
//!   1. Does the child make eye contact with the caregiver?
//!   2. Are the child's actions purposeful?
//!   3. Is the child aware of his/her surroundings?
//!   4. Does the child communicate needs and wants?
//! Items 5-8: Never 0, Rarely 1, Sometimes 2, Often 3, Always 4
//!   5. Is the child restless?
//!   6. Is the child inconsolable?
//!   7. Is the child underactive - very little movement while awake?
//!   8. Does it take the child a long time to respond to interactions?
//! Total 0-32.
//! ```

use super::Grade;

/// How often the behaviour was seen over the shift.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Frequency {
    Never,
    Rarely,
    Sometimes,
    Often,
    Always,
}

impl Frequency {
    pub const ALL: [Frequency; 5] = [
        Frequency::Never,
        Frequency::Rarely,
        Frequency::Sometimes,
        Frequency::Often,
        Frequency::Always,
    ];

    pub fn api_name(self) -> &'static str {
        match self {
            Frequency::Never => "never",
            Frequency::Rarely => "rarely",
            Frequency::Sometimes => "sometimes",
            Frequency::Often => "often",
            Frequency::Always => "always",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Frequency::Never => "Never",
            Frequency::Rarely => "Rarely",
            Frequency::Sometimes => "Sometimes",
            Frequency::Often => "Often",
            Frequency::Always => "Always",
        }
    }
}

/// Whether an item asks about a healthy behaviour (its absence scores) or a delirium sign.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scoring {
    /// Items 1-4: Never 4 ... Always 0.
    Reverse,
    /// Items 5-8: Never 0 ... Always 4.
    Straight,
}

pub struct CapdItem {
    pub question: &'static str,
    pub scoring: Scoring,
}

/// The eight CAPD items in order (Traube 2014).
pub const ITEMS: [CapdItem; 8] = [
    CapdItem {
        question: "Does the child make eye contact with the caregiver?",
        scoring: Scoring::Reverse,
    },
    CapdItem {
        question: "Are the child's actions purposeful?",
        scoring: Scoring::Reverse,
    },
    CapdItem {
        question: "Is the child aware of his/her surroundings?",
        scoring: Scoring::Reverse,
    },
    CapdItem {
        question: "Does the child communicate needs and wants?",
        scoring: Scoring::Reverse,
    },
    CapdItem {
        question: "Is the child restless?",
        scoring: Scoring::Straight,
    },
    CapdItem {
        question: "Is the child inconsolable?",
        scoring: Scoring::Straight,
    },
    CapdItem {
        question: "Is the child underactive \u{2014} very little movement while awake?",
        scoring: Scoring::Straight,
    },
    CapdItem {
        question: "Does it take the child a long time to respond to interactions?",
        scoring: Scoring::Straight,
    },
];

/// Points for one answer.
pub fn item_points(scoring: Scoring, answer: Frequency) -> u8 {
    match (scoring, answer) {
        (Scoring::Reverse, Frequency::Never) => 4,
        (Scoring::Reverse, Frequency::Rarely) => 3,
        (Scoring::Reverse, Frequency::Sometimes) => 2,
        (Scoring::Reverse, Frequency::Often) => 1,
        (Scoring::Reverse, Frequency::Always) => 0,
        (Scoring::Straight, Frequency::Never) => 0,
        (Scoring::Straight, Frequency::Rarely) => 1,
        (Scoring::Straight, Frequency::Sometimes) => 2,
        (Scoring::Straight, Frequency::Often) => 3,
        (Scoring::Straight, Frequency::Always) => 4,
    }
}

/// The highest CAPD total: 8 items of at most 4 points (Traube 2014).
pub const MAX_TOTAL: u8 = 32;

/// How the items are scored, as the form says it (Traube 2014: items 1-4 are reverse-scored).
pub const SCORING_HINT: &str = "Rate from interactions over the shift (Traube 2014). Items 1\u{2013}4 score 4 for \u{201c}Never\u{201d}, items 5\u{2013}8 score 4 for \u{201c}Always\u{201d}.";

/// The CAPD cell of the ASTCT table for a sub-grade (SPEC §2 after Lee 2019; CAPD 1-8 is listed
/// under grades 1 and 2, grade 2 being reached through the level of consciousness).
pub fn band(grade: Grade) -> &'static str {
    match grade {
        Grade::G0 => "0",
        Grade::G1 => "1\u{2013}8",
        Grade::G2 => "1\u{2013}8 (grade 2 via consciousness)",
        Grade::G3 => "9 or more",
        Grade::G4 => "Unable to perform CAPD",
    }
}

/// The CAPD domain as assessed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CapdAssessment {
    Scored([Frequency; 8]),
    /// CAPD could not be performed because the child is unarousable.
    Unarousable,
}

impl CapdAssessment {
    /// The assessment once all eight items are answered, else `None`.
    pub fn scored(answers: &[Option<Frequency>]) -> Option<CapdAssessment> {
        let mut all = [Frequency::Never; ITEMS.len()];
        for (answer, given) in all.iter_mut().zip(answers) {
            *answer = (*given)?;
        }
        (answers.len() == all.len()).then_some(CapdAssessment::Scored(all))
    }

    /// The assessment once all eight items are answered, else what to do: answer the items
    /// not answered (named by their numbers).
    pub fn all_answered(answers: &[Option<Frequency>]) -> Result<CapdAssessment, String> {
        CapdAssessment::scored(answers).ok_or_else(|| {
            let mut missing = Vec::new();
            for (n, answer) in (1..).zip(answers) {
                if answer.is_none() {
                    missing.push(format!("{n}"));
                }
            }
            let (all, missing) = (ITEMS.len(), missing.join(", "));
            format!("Answer all {all} CAPD items (not answered: {missing}); no grade until then.")
        })
    }

    /// Total 0-32, or `None` when CAPD could not be performed.
    pub fn total(&self) -> Option<u8> {
        match self {
            CapdAssessment::Scored(answers) => Some(
                ITEMS
                    .iter()
                    .zip(answers)
                    .map(|(item, a)| item_points(item.scoring, *a))
                    .sum(),
            ),
            CapdAssessment::Unarousable => None,
        }
    }

    /// ICANS sub-grade of the CAPD domain (SPEC §2, after Lee 2019, ICANS grading for children):
    /// ```text
    /// | CAPD total                         | grade |
    /// | 0                                  | 0     |
    /// | 1-8                                | 1     |
    /// | >= 9                               | 3     |
    /// | unable to perform (unarousable)    | 4     |
    /// ```
    /// (Lee 2019 lists CAPD 1-8 under grades 1 and 2; grade 2 is reached through the level of
    /// consciousness domain, "awakens to voice".)
    pub fn grade(&self) -> Grade {
        match self.total() {
            None => Grade::G4,
            Some(0) => Grade::G0,
            Some(1..=8) => Grade::G1,
            Some(9..=u8::MAX) => Grade::G3,
        }
    }

    pub fn finding(&self) -> String {
        match self.total() {
            None => "CAPD not performable: patient unarousable (grade 4 cell)".to_string(),
            Some(0) => "CAPD 0/32: no delirium".to_string(),
            Some(t @ 1..=8) => format!("CAPD {t}/32 (band {})", band(Grade::G1)),
            Some(t @ 9..=u8::MAX) => format!("CAPD {t}/32 (band {})", band(Grade::G3)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Frequency::*;

    /// Healthy answers everywhere (total 0), then `delirium_points` added through item 5 and up.
    fn capd_with_total(points: u8) -> CapdAssessment {
        let mut answers = [Always, Always, Always, Always, Never, Never, Never, Never];
        let mut left = points;
        for slot in answers.iter_mut().skip(4) {
            let add = left.min(4);
            *slot = Frequency::ALL[usize::from(add)];
            left -= add;
        }
        assert_eq!(left, 0, "at most 16 points via items 5-8 in this helper");
        CapdAssessment::Scored(answers)
    }

    #[test]
    fn items_1_to_4_are_reverse_scored() {
        assert_eq!(item_points(Scoring::Reverse, Never), 4);
        assert_eq!(item_points(Scoring::Reverse, Rarely), 3);
        assert_eq!(item_points(Scoring::Reverse, Sometimes), 2);
        assert_eq!(item_points(Scoring::Reverse, Often), 1);
        assert_eq!(item_points(Scoring::Reverse, Always), 0);
        assert!(ITEMS[..4].iter().all(|i| i.scoring == Scoring::Reverse));
    }

    #[test]
    fn items_5_to_8_are_scored_straight() {
        assert_eq!(item_points(Scoring::Straight, Never), 0);
        assert_eq!(item_points(Scoring::Straight, Rarely), 1);
        assert_eq!(item_points(Scoring::Straight, Sometimes), 2);
        assert_eq!(item_points(Scoring::Straight, Often), 3);
        assert_eq!(item_points(Scoring::Straight, Always), 4);
        assert!(ITEMS[4..].iter().all(|i| i.scoring == Scoring::Straight));
    }

    #[test]
    fn worst_answers_total_32() {
        let worst =
            CapdAssessment::Scored([Never, Never, Never, Never, Always, Always, Always, Always]);
        assert_eq!(worst.total(), Some(32));
        assert_eq!(worst.grade(), Grade::G3);
    }

    #[test]
    fn capd_0_is_grade_0() {
        assert_eq!(capd_with_total(0).total(), Some(0));
        assert_eq!(capd_with_total(0).grade(), Grade::G0);
    }

    #[test]
    fn capd_1_is_grade_1() {
        assert_eq!(capd_with_total(1).grade(), Grade::G1);
    }

    #[test]
    fn capd_8_is_grade_1() {
        assert_eq!(capd_with_total(8).grade(), Grade::G1);
    }

    #[test]
    fn capd_9_is_grade_3() {
        assert_eq!(capd_with_total(9).total(), Some(9));
        assert_eq!(capd_with_total(9).grade(), Grade::G3);
    }

    #[test]
    fn capd_unarousable_is_grade_4_with_no_total() {
        assert_eq!(CapdAssessment::Unarousable.grade(), Grade::G4);
        assert_eq!(CapdAssessment::Unarousable.total(), None);
    }

    #[test]
    fn reverse_items_count_toward_the_total() {
        // Item 1 "Never" makes eye contact = 4 points; all else healthy.
        let a = CapdAssessment::Scored([Never, Always, Always, Always, Never, Never, Never, Never]);
        assert_eq!(a.total(), Some(4));
        assert_eq!(a.grade(), Grade::G1);
    }

    // Mutants: `CapdAssessment::finding` -> "" / "xyzzy". The finding names the fired CAPD cell
    // on both sides of each edge: unarousable (grade 4) | 0 (grade 0) | 1-8 (grade 1) | >= 9
    // (grade 3). 8 and 9 are the two totals either side of the 8/9 edge.
    #[test]
    fn finding_names_the_capd_band_on_both_sides_of_each_edge() {
        assert_eq!(
            CapdAssessment::Unarousable.finding(),
            "CAPD not performable: patient unarousable (grade 4 cell)"
        );
        assert_eq!(capd_with_total(0).finding(), "CAPD 0/32: no delirium");
        assert_eq!(capd_with_total(1).finding(), "CAPD 1/32 (band 1\u{2013}8)");
        assert_eq!(capd_with_total(8).finding(), "CAPD 8/32 (band 1\u{2013}8)");
        assert_eq!(capd_with_total(9).finding(), "CAPD 9/32 (band 9 or more)");
    }

    // Mutants: `Frequency::label` -> "" / "xyzzy". The form shows these words next to each
    // answer; they must be the five CAPD frequencies in scoring order (Never ... Always).
    #[test]
    fn frequency_labels_are_the_capd_answers_in_order() {
        assert_eq!(
            Frequency::ALL.map(Frequency::label),
            ["Never", "Rarely", "Sometimes", "Often", "Always"]
        );
    }

    #[test]
    fn scored_only_once_all_eight_items_are_answered() {
        let mut answers = vec![Some(Frequency::Often); 8];
        let total = CapdAssessment::scored(&answers).and_then(|a| a.total());
        assert_eq!(total, CapdAssessment::Scored([Frequency::Often; 8]).total());
        answers[3] = None;
        assert_eq!(CapdAssessment::scored(&answers), None);
        assert_eq!(CapdAssessment::scored(&answers[..7]), None);
    }
}
