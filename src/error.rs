//! Input errors: one type for every rejected input, whose message names the field and the
//! problem in words a clinician understands (`ice.orientation: must be 0-4, got 5`).
//!
//! The core never guesses: a missing, mistyped, out-of-range or unknown value is an error,
//! never a default, and no grade is produced for it.

use std::fmt;

/// A rejected input: where (`field`, a dotted path such as `series.total[3]`) and what is wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct InputError {
    /// Dotted path of the offending field as the caller spelled it (`ice.orientation`,
    /// `medications[2].mg`); empty for the input as a whole.
    pub field: String,
    pub problem: Problem,
}

impl InputError {
    pub fn new(field: impl Into<String>, problem: Problem) -> Self {
        InputError {
            field: field.into(),
            problem,
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() {
            write!(f, "input: {}", self.problem)
        } else {
            write!(f, "{}: {}", self.field, self.problem)
        }
    }
}

impl std::error::Error for InputError {}

/// One end of an allowed range.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Bound {
    Inclusive(f64),
    Exclusive(f64),
    Unbounded,
}

/// An allowed numeric range with its unit, used for messages such as
/// "must be 25-45 °C, got 46" or "must be more than 0 and at most 80 L/min, got 0".
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Range {
    pub min: Bound,
    pub max: Bound,
    /// Unit shown after the range (" °C", " L/min"); empty for counts and points.
    pub unit: &'static str,
}

impl Range {
    pub const fn inclusive(min: f64, max: f64, unit: &'static str) -> Self {
        Range {
            min: Bound::Inclusive(min),
            max: Bound::Inclusive(max),
            unit,
        }
    }

    pub fn contains(&self, x: f64) -> bool {
        let above_min = match self.min {
            Bound::Inclusive(m) => x >= m,
            Bound::Exclusive(m) => x > m,
            Bound::Unbounded => true,
        };
        let below_max = match self.max {
            Bound::Inclusive(m) => x <= m,
            Bound::Exclusive(m) => x < m,
            Bound::Unbounded => true,
        };
        above_min && below_max
    }
}

impl fmt::Display for Range {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let unit = self.unit;
        match (self.min, self.max) {
            (Bound::Inclusive(lo), Bound::Inclusive(hi)) if lo >= 0.0 => {
                write!(f, "{lo}-{hi}{unit}")
            }
            (Bound::Inclusive(lo), Bound::Inclusive(hi)) => write!(f, "from {lo} to {hi}{unit}"),
            (Bound::Inclusive(lo), Bound::Unbounded) => write!(f, "at least {lo}{unit}"),
            (Bound::Exclusive(lo), Bound::Unbounded) => write!(f, "more than {lo}{unit}"),
            (Bound::Unbounded, Bound::Inclusive(hi)) => write!(f, "at most {hi}{unit}"),
            (Bound::Unbounded, Bound::Exclusive(hi)) => write!(f, "less than {hi}{unit}"),
            (Bound::Exclusive(lo), Bound::Inclusive(hi)) => {
                write!(f, "more than {lo} and at most {hi}{unit}")
            }
            (Bound::Inclusive(lo), Bound::Exclusive(hi)) => {
                write!(f, "at least {lo} and less than {hi}{unit}")
            }
            (Bound::Exclusive(lo), Bound::Exclusive(hi)) => {
                write!(f, "more than {lo} and less than {hi}{unit}")
            }
            (Bound::Unbounded, Bound::Unbounded) => write!(f, "a number"),
        }
    }
}

/// What is wrong with a field. Each variant's message is written for the person at the bedside.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// A required field is absent.
    Required,
    /// A key the input format does not know (often a typo: `consciusness`).
    UnknownField {
        allowed: Vec<&'static str>,
    },
    /// A value of the wrong JSON type, e.g. text where a number belongs.
    WrongType {
        expected: &'static str,
        got: String,
    },
    /// NaN or ±Infinity where a measurement belongs.
    NotFinite {
        got: String,
    },
    /// A fraction where only whole numbers make sense (ICE item points).
    NotWholeNumber {
        got: f64,
    },
    OutOfRange {
        range: Range,
        got: f64,
    },
    /// Outside the plausible range for the unit asked for: most often a value in another unit
    /// (platelets in 10^9/L typed where /µL belongs). `hint` says which unit is expected.
    Implausible {
        range: Range,
        got: f64,
        hint: &'static str,
    },
    /// A word that is not one of the listed options (`"unarousabel"`).
    UnknownValue {
        got: String,
        allowed: Vec<&'static str>,
    },
    /// Two fields that exclude each other were both given.
    Conflict {
        other: &'static str,
        why: &'static str,
    },
    /// Neither of two alternative fields was given.
    OneOfRequired {
        first: &'static str,
        second: &'static str,
    },
    /// A domain marked "attributable to another cause" that was not assessed.
    AttributedButNotAssessed {
        domain: &'static str,
    },
    /// The same value listed twice where each may appear once.
    Duplicate {
        got: String,
    },
    /// A rule of the input format that the value breaks, stated in full.
    Rule(&'static str),
    /// The same, in words built from what the value names (the drugs a label may name).
    RuleNaming(String),
    /// A CAR-T series sample the kinetics rules reject (empty, NaN, negative, duplicate day).
    Series(crate::kinetics::SeriesError),
    /// An AUC horizon that is not a positive number of days.
    Horizon(crate::kinetics::HorizonError),
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Required => write!(f, "is required"),
            Problem::UnknownField { allowed } => {
                write!(f, "unknown field; expected one of: {}", allowed.join(", "))
            }
            Problem::WrongType { expected, got } => write!(f, "must be {expected}, got {got}"),
            Problem::NotFinite { got } => write!(f, "must be a finite number, got {got}"),
            Problem::NotWholeNumber { got } => write!(
                f,
                "must be a whole number, got {}",
                crate::numbers::format_quoted(*got)
            ),
            Problem::OutOfRange { range, got } => write!(
                f,
                "must be {range}, got {}",
                crate::numbers::format_quoted(*got)
            ),
            Problem::Implausible { range, got, hint } => write!(
                f,
                "must be {range}, got {}; is the unit right? {hint}",
                crate::numbers::format_quoted(*got)
            ),
            Problem::UnknownValue { got, allowed } => {
                write!(
                    f,
                    "unknown value \"{got}\"; expected one of: {}",
                    allowed.join(", ")
                )
            }
            Problem::Conflict { other, why } => {
                write!(f, "cannot be given together with {other}: {why}")
            }
            Problem::OneOfRequired { first, second } => {
                write!(f, "one of {first} or {second} is required")
            }
            Problem::AttributedButNotAssessed { domain } => write!(
                f,
                "\"{domain}\" is attributed to another cause but was not assessed; enter its finding or remove it"
            ),
            Problem::Duplicate { got } => write!(f, "\"{got}\" is listed more than once"),
            Problem::Rule(text) => write!(f, "{text}"),
            Problem::RuleNaming(text) => write!(f, "{text}"),
            Problem::Series(e) => write!(f, "{e}"),
            Problem::Horizon(e) => write!(f, "{e}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_names_field_and_problem_as_in_the_spec() {
        let e = InputError::new(
            "ice.orientation",
            Problem::OutOfRange {
                range: Range::inclusive(0.0, 4.0, ""),
                got: 5.0,
            },
        );
        assert_eq!(e.to_string(), "ice.orientation: must be 0-4, got 5");
    }

    #[test]
    fn half_open_range_reads_naturally() {
        let r = Range {
            min: Bound::Exclusive(0.0),
            max: Bound::Inclusive(80.0),
            unit: " L/min",
        };
        assert_eq!(r.to_string(), "more than 0 and at most 80 L/min");
        assert!(!r.contains(0.0));
        assert!(r.contains(80.0));
        assert!(!r.contains(80.000_001));
    }

    #[test]
    fn negative_lower_bound_is_not_written_with_a_dash() {
        let r = Range::inclusive(-30.0, 400.0, " days");
        assert_eq!(r.to_string(), "from -30 to 400 days");
    }

    #[test]
    fn whole_input_errors_say_input() {
        let e = InputError::new("", Problem::Rule("no domain was assessed"));
        assert_eq!(e.to_string(), "input: no domain was assessed");
    }
}
