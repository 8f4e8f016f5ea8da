//! ASTCT 2019 consensus grading of ICANS (with the ICE score or CAPD) and CRS.
//!
//! Each module holds one table of Lee et al. 2019 as data: the table's wording sits in a comment
//! above the exhaustive `match` that encodes it, and every edge has a named test on both sides.

pub mod capd;
pub mod crs;
pub mod icans;
pub mod ice;

use serde::{Serialize, Serializer};

/// A toxicity grade 0-4 (grade 5, death, is not graded by a calculator).
///
/// The order is clinical severity, so "the most severe domain wins" is `max()`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Grade {
    G0,
    G1,
    G2,
    G3,
    G4,
}

impl Grade {
    pub const ALL: [Grade; 5] = [Grade::G0, Grade::G1, Grade::G2, Grade::G3, Grade::G4];

    pub fn number(self) -> u8 {
        match self {
            Grade::G0 => 0,
            Grade::G1 => 1,
            Grade::G2 => 2,
            Grade::G3 => 3,
            Grade::G4 => 4,
        }
    }

    /// The status of an incomplete result at this grade: its lowest possible grade and what is
    /// missing.
    pub fn incomplete_status(self, missing: Vec<&str>) -> String {
        let (g, missing) = (self.number(), missing.join(", "));
        format!("Incomplete \u{2014} at least grade {g}; not assessed: {missing}")
    }

    /// Roman numerals as used in the case report and on ward charts ("grade IV").
    pub fn roman(self) -> &'static str {
        match self {
            Grade::G0 => "0",
            Grade::G1 => "I",
            Grade::G2 => "II",
            Grade::G3 => "III",
            Grade::G4 => "IV",
        }
    }
}

impl Serialize for Grade {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u8(self.number())
    }
}

impl std::fmt::Display for Grade {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.number())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grades_order_by_severity() {
        assert!(
            Grade::G0 < Grade::G1
                && Grade::G1 < Grade::G2
                && Grade::G2 < Grade::G3
                && Grade::G3 < Grade::G4
        );
        assert_eq!(
            Grade::ALL.iter().map(|g| g.number()).collect::<Vec<_>>(),
            vec![0, 1, 2, 3, 4]
        );
    }

    // Mutants: `Grade::roman` -> "" / "xyzzy". The case report prints "grade IV"; pin every numeral.
    #[test]
    fn roman_numerals_are_those_of_the_case_report() {
        assert_eq!(Grade::ALL.map(Grade::roman), ["0", "I", "II", "III", "IV"]);
    }
}
