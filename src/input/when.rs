//! When an entry was made, as typed in a form: a day since infusion ("14", "14.5") or a
//! calendar date (counted from the infusion date), and an optional time of day (HH:MM).

use crate::day::{CASE_DAY_RANGE, CalendarDate, DateError, day_at_time};
use crate::display::day_time;
use crate::error::Problem;
use crate::numbers::{self, NumberError};
use std::fmt;

/// Why a typed "when" is not a day since infusion.
#[derive(Debug, Clone, PartialEq)]
pub enum WhenError {
    Date(DateError),
    /// A date, without the infusion date to count from.
    NoInfusionDate,
    Day {
        typed: String,
        error: NumberError,
    },
    /// Not HH:MM.
    TimeFormat {
        typed: String,
    },
    /// HH:MM past 23:59.
    NotATimeOfDay {
        typed: String,
    },
    /// A fractional day with a time: which one is meant cannot be told.
    FractionAndTime,
    /// Outside [`CASE_DAY_RANGE`]; `date`: the date it was typed as, if it was.
    OutOfRange {
        day: f64,
        date: Option<String>,
    },
}

impl fmt::Display for WhenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WhenError::Date(e) => write!(f, "date: {e}"),
            WhenError::NoInfusionDate => f.write_str(
                "enter the infusion date (Case tab) to use calendar dates, or the day number",
            ),
            WhenError::Day { typed, error } => write!(f, "day \u{201c}{typed}\u{201d}: {error}"),
            WhenError::TimeFormat { typed } => {
                write!(f, "time \u{201c}{typed}\u{201d}: use HH:MM")
            }
            WhenError::NotATimeOfDay { typed } => {
                write!(f, "time \u{201c}{typed}\u{201d} is not a time of day")
            }
            WhenError::FractionAndTime => {
                f.write_str("give either a fractional day or a whole day with a time, not both")
            }
            WhenError::OutOfRange { day, date } => {
                if let Some(date) = date {
                    write!(f, "the date {date} is {}; ", day_time(*day))?;
                }
                let problem = Problem::OutOfRange {
                    range: CASE_DAY_RANGE,
                    got: *day,
                };
                write!(f, "the day since infusion {problem}")
            }
        }
    }
}

/// The day since infusion of an entry, from what was typed (each trimmed): a calendar `date`
/// (when the `infusion` date is known) or a `day` number, plus an optional `time` of day
/// (HH:MM); `None` when neither a day nor a date is given. Day +N is the difference of calendar
/// dates, so it is right across daylight-saving changes; the time adds hours/24.
pub fn day_since_infusion(
    infusion: Option<CalendarDate>,
    day: &str,
    date: &str,
    time: &str,
) -> Result<Option<f64>, WhenError> {
    let base_day: f64 = match (infusion, date.is_empty(), day.is_empty()) {
        (Some(infusion), false, _) => {
            let date = CalendarDate::parse(date).map_err(WhenError::Date)?;
            infusion.days_until(date) as f64
        }
        (None, false, true) => return Err(WhenError::NoInfusionDate),
        (_, _, false) => numbers::parse_decimal(day).map_err(|error| WhenError::Day {
            typed: day.to_string(),
            error,
        })?,
        (_, true, true) => return Ok(None),
    };
    let (hour, minute) = if time.is_empty() {
        (0, 0)
    } else {
        let typed = time.to_string();
        let (h, m) = time.split_once(':').ok_or(WhenError::TimeFormat {
            typed: typed.clone(),
        })?;
        let (Ok(h), Ok(m)) = (h.trim().parse::<u32>(), m.trim().parse::<u32>()) else {
            return Err(WhenError::TimeFormat { typed });
        };
        if h > 23 || m > 59 {
            return Err(WhenError::NotATimeOfDay { typed });
        }
        (h, m)
    };
    if (day.contains('.') || day.contains(',')) && !time.is_empty() {
        return Err(WhenError::FractionAndTime);
    }
    let day = day_at_time(base_day, hour, minute);
    // The same range the case file enforces on every entry's day (its reader's `parse_day`),
    // so nothing the form accepts can later break the course.
    if !CASE_DAY_RANGE.contains(day) {
        let date = Some(date.to_string()).filter(|d| !d.is_empty());
        return Err(WhenError::OutOfRange { day, date });
    }
    Ok(Some(day))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_number_with_a_time_adds_hours_and_a_fractional_day_cannot_have_one() {
        let day = |d, t| day_since_infusion(None, d, "", t);
        assert_eq!(day("14", "06:00"), Ok(Some(14.25)));
        assert_eq!(day("14,25", ""), Ok(Some(14.25)));
        assert_eq!(day("", ""), Ok(None));
        assert!(day("14", "25:00").is_err());
        assert!(day("14.5", "01:00").is_err());
    }

    #[test]
    fn a_day_the_case_file_would_refuse_is_refused() {
        let said = |d, t| day_since_infusion(None, d, "", t).map_err(|e| e.to_string());
        assert_eq!(said("-30", ""), Ok(Some(-30.0)));
        assert_eq!(
            said("-31", ""),
            Err("the day since infusion must be from -30 to 36525 days, got -31".to_string())
        );
        assert_eq!(said("36525", ""), Ok(Some(36_525.0)));
        assert!(said("36525", "00:01").is_err());
        assert!(said("36526", "").is_err());
    }

    #[test]
    fn calendar_dates_count_whole_days_across_daylight_saving_changes() {
        let on = |infusion, date, time| {
            day_since_infusion(CalendarDate::parse(infusion).ok(), "", date, time)
        };
        // Europe moved clocks forward on 2024-03-31: the calendar-day difference is still 14.
        let spring = on("2024-03-20", "2024-04-03", "01:00");
        assert_eq!(spring, Ok(Some(14.0 + 1.0 / 24.0)));
        // Across the end of US daylight saving time (2024-11-03), and before the infusion.
        assert_eq!(on("2024-10-30", "2024-11-06", ""), Ok(Some(7.0)));
        assert_eq!(on("2024-10-30", "2024-10-25", ""), Ok(Some(-5.0)));
    }

    #[test]
    fn a_date_counts_calendar_days_from_the_infusion_and_a_time_adds_hours() {
        let infusion = CalendarDate::parse("2026-11-01").ok();
        let day = day_since_infusion(infusion, "", "2026-11-05", "12:30");
        assert_eq!(day, Ok(Some(4.0 + 12.5 / 24.0)));
        assert_eq!(day_since_infusion(None, "", "", ""), Ok(None));
        let err = day_since_infusion(infusion, "", "2025-01-01", "").map_err(|e| e.to_string());
        assert_eq!(
            err,
            Err("the date 2025-01-01 is day \u{2212}669; the day since infusion must be from -30 to 36525 days, got -669".to_string())
        );
    }

    #[test]
    fn a_time_is_hh_mm_within_a_day_and_not_beside_a_fractional_day() {
        let said = |day, time| day_since_infusion(None, day, "", time).map_err(|e| e.to_string());
        assert_eq!(
            said("3", "ab"),
            Err("time \u{201c}ab\u{201d}: use HH:MM".into())
        );
        let late = "time \u{201c}24:00\u{201d} is not a time of day";
        assert_eq!(said("3", "24:00"), Err(late.into()));
        let both = "give either a fractional day or a whole day with a time, not both";
        assert_eq!(said("3.5", "10:00"), Err(both.into()));
        assert_eq!(
            said("-2", "23:59"),
            Ok(Some(-2.0 + (23.0 * 60.0 + 59.0) / 1440.0))
        );
    }
}
