//! Time in a case: days since the CAR-T infusion, and calendar dates.
//!
//! A case counts time in one number, `day` (days since the infusion); a calendar date only anchors
//! day 0 so that dates can be shown and typed. Shared by every part of a case (assessments,
//! medications, CSF samples, lab values), so it depends on nothing of them.

use crate::error::{Bound, Range};
use std::fmt;

/// Days of assessments, medications, CSF samples and lab values: from day -30 (lymphodepletion
/// and baseline work-up are before day 0; SPEC §3) to day 36,525 (100 years, a plausibility
/// limit that also keeps every time difference finite).
pub const CASE_DAY_RANGE: Range = Range {
    min: Bound::Inclusive(-30.0),
    max: Bound::Inclusive(36_525.0),
    unit: " days",
};

/// Seconds per day, for time differences (see [`days_between`]).
const SECONDS_PER_DAY: f64 = 86_400.0;

/// `later - earlier` in days, to the nearest second.
///
/// Fractional days cannot hold most hours exactly in binary (1 h = 0.041666… day), so a plain
/// difference of "day 14 + 33 h" and "day 14 + 1 h" is 1.3333333333333339 days, not 4/3. Rounding
/// the difference to whole seconds (far finer than any bedside record) removes that noise:
/// 32 h comes out as 32, 20 min as the double nearest 1/3 h.
pub fn days_between(earlier: f64, later: f64) -> f64 {
    ((later - earlier) * SECONDS_PER_DAY).round() / SECONDS_PER_DAY
}

/// `later - earlier` in hours, to the nearest second (see [`days_between`]).
pub fn hours_between(earlier: f64, later: f64) -> f64 {
    ((later - earlier) * SECONDS_PER_DAY).round() / 3_600.0
}

/// The day since infusion of a whole day and a time of day (HH:MM), as a form reads it: the
/// hours over 24 added to the day. The one formula for that reading: a day written back into a
/// form as day and time is checked against it, so what is shown reads back to the same value.
pub fn day_at_time(whole_day: f64, hour: u32, minute: u32) -> f64 {
    whole_day + (f64::from(hour) + f64::from(minute) / 60.0) / 24.0
}

// ---------------------------------------------------------------------------------------------
// Calendar date
// ---------------------------------------------------------------------------------------------

/// A real Gregorian calendar date written `YYYY-MM-DD`, years 1900-2100.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CalendarDate {
    year: u16,
    month: u8,
    day: u8,
}

/// Why a date text was rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateError {
    /// Not ten characters `DDDD-DD-DD`.
    Format,
    /// Year outside 1900-2100.
    Year,
    /// Month 0 or above 12, or a day that month does not have (2023-02-29).
    NotACalendarDate,
}

impl std::fmt::Display for DateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            DateError::Format => "write the date as YYYY-MM-DD, e.g. 2024-03-14",
            DateError::Year => "the year must be from 1900 to 2100",
            DateError::NotACalendarDate => "this day does not exist in the calendar",
        })
    }
}

pub const FIRST_YEAR: u16 = 1900;
pub const LAST_YEAR: u16 = 2100;

impl CalendarDate {
    /// Reads exactly `YYYY-MM-DD` (ISO 8601 calendar date, no time, no zone).
    ///
    /// # Examples
    /// ```
    /// use icans_calc::day::{CalendarDate, DateError};
    /// assert!(CalendarDate::parse("2024-02-29").is_ok());
    /// assert_eq!(CalendarDate::parse("2023-02-29"), Err(DateError::NotACalendarDate));
    /// assert_eq!(CalendarDate::parse("2024-2-9"), Err(DateError::Format));
    /// ```
    pub fn parse(text: &str) -> Result<Self, DateError> {
        let bytes = text.as_bytes();
        let digits_at = |range: std::ops::Range<usize>| -> Option<u16> {
            let part = bytes.get(range)?;
            if part.iter().all(u8::is_ascii_digit) {
                Some(part.iter().fold(0_u16, |n, b| n * 10 + u16::from(b - b'0')))
            } else {
                None
            }
        };
        if bytes.len() != 10 || bytes.get(4) != Some(&b'-') || bytes.get(7) != Some(&b'-') {
            return Err(DateError::Format);
        }
        let (Some(year), Some(month), Some(day)) =
            (digits_at(0..4), digits_at(5..7), digits_at(8..10))
        else {
            return Err(DateError::Format);
        };
        if !(FIRST_YEAR..=LAST_YEAR).contains(&year) {
            return Err(DateError::Year);
        }
        // Two digits each, so below 100 and the conversions are exact.
        let (month, day) = (month as u8, day as u8);
        if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
            return Err(DateError::NotACalendarDate);
        }
        Ok(CalendarDate { year, month, day })
    }

    pub fn year(self) -> u16 {
        self.year
    }
    pub fn month(self) -> u8 {
        self.month
    }
    pub fn day(self) -> u8 {
        self.day
    }

    /// Days since 1970-01-01 (negative before), by the proleptic Gregorian calendar.
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil: years start in March so February's length is last.
        let m = i64::from(self.month);
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// Calendar days from `self` to `other` (positive when `other` is later): the day number of a
    /// date when `self` is the infusion date. Counting calendar dates, not milliseconds, keeps
    /// the count right across daylight-saving changes.
    pub fn days_until(self, other: CalendarDate) -> i64 {
        other.days_since_epoch() - self.days_since_epoch()
    }
}

/// Gregorian leap year: divisible by 4, except centuries not divisible by 400.
pub fn is_leap_year(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

/// Days in a month (1-12); 0 for a month outside 1-12.
pub fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        0 | 13.. => 0,
    }
}

impl fmt::Display for CalendarDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // ---------- time differences ----------

    #[test]
    fn hours_from_fractional_days_come_out_whole() {
        let it = 14.0 + 1.0 / 24.0;
        // The plain difference is 32.000000000000014.
        assert_ne!((14.0 + 33.0 / 24.0 - it) * 24.0, 32.0);
        assert_eq!(hours_between(it, 14.0 + 33.0 / 24.0), 32.0);
        assert_eq!(hours_between(it, 14.0 + 7.0 / 24.0), 6.0);
        assert_eq!(hours_between(14.0, 14.25), 6.0);
        assert_eq!(hours_between(14.0, 14.0 + 20.0 / 1440.0), 1.0 / 3.0);
        assert_eq!(
            days_between(14.0 + 1.0 / 24.0, 14.0 + 33.0 / 24.0),
            4.0 / 3.0
        );
    }

    // ---------- dates ----------

    #[test]
    fn leap_years_follow_the_gregorian_rule() {
        assert!(CalendarDate::parse("2024-02-29").is_ok());
        assert!(CalendarDate::parse("2000-02-29").is_ok());
        assert_eq!(
            CalendarDate::parse("1900-02-29"),
            Err(DateError::NotACalendarDate)
        );
        assert_eq!(
            CalendarDate::parse("2023-02-29"),
            Err(DateError::NotACalendarDate)
        );
    }

    #[test]
    fn month_and_day_edges() {
        assert!(CalendarDate::parse("2024-01-31").is_ok());
        assert!(CalendarDate::parse("2024-12-31").is_ok());
        for bad in [
            "2024-04-31",
            "2024-13-01",
            "2024-00-10",
            "2024-01-00",
            "2024-06-31",
        ] {
            assert_eq!(
                CalendarDate::parse(bad),
                Err(DateError::NotACalendarDate),
                "{bad}"
            );
        }
    }

    #[test]
    fn only_yyyy_mm_dd_is_read() {
        for bad in [
            "2024-3-14",
            "14.03.2024",
            "2024/03/14",
            "2024-03-14T00:00",
            " 2024-03-14",
            "２０２４-03-14",
            "",
            "+024-03-14",
        ] {
            assert_eq!(CalendarDate::parse(bad), Err(DateError::Format), "{bad}");
        }
        assert_eq!(CalendarDate::parse("1899-12-31"), Err(DateError::Year));
        assert_eq!(CalendarDate::parse("2101-01-01"), Err(DateError::Year));
    }

    #[test]
    fn date_writes_back_as_read() {
        let d = CalendarDate::parse("2024-03-04").expect("date");
        assert_eq!(d.to_string(), "2024-03-04");
        assert_eq!((d.year(), d.month(), d.day()), (2024, 3, 4));
    }

    #[test]
    fn day_numbers_count_calendar_days() {
        let d = |s: &str| CalendarDate::parse(s).expect("date");
        assert_eq!(d("1970-01-01").days_since_epoch(), 0);
        assert_eq!(d("2000-03-01").days_since_epoch(), 11_017);
        assert_eq!(d("2024-02-28").days_until(d("2024-03-01")), 2);
        assert_eq!(d("2023-02-28").days_until(d("2023-03-01")), 1);
        assert_eq!(d("2024-03-01").days_until(d("2024-02-15")), -15);
        // Across the EU daylight-saving change (2024-03-31): still 14 days.
        assert_eq!(d("2024-03-20").days_until(d("2024-04-03")), 14);
    }
}
