//! A calendar date, as the data writes it (`YYYY-MM-DD`) and as documents print it.

use std::fmt;

/// An existing calendar date. Made only by [`Date::parse_iso`] (validation) or
/// [`Date::from_ymd`], so a `Date` is always a real day; written back as `YYYY-MM-DD`
/// (facts.json keeps the form of the data).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// The date of a year, month and day, if that day exists (years 1–9999).
    pub fn from_ymd(year: u16, month: u8, day: u8) -> Option<Date> {
        let leap =
            (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        ((1..=9999).contains(&year) && (1..=days).contains(&day)).then_some(Date {
            year,
            month,
            day,
        })
    }

    /// A text `YYYY-MM-DD` (four, two and two ASCII digits) naming an existing day.
    pub fn parse_iso(text: &str) -> Option<Date> {
        let b = text.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let number = |range: std::ops::Range<usize>| {
            b[range].iter().try_fold(0u16, |n, &c| {
                c.is_ascii_digit().then(|| n * 10 + u16::from(c - b'0'))
            })
        };
        let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
        Date::from_ymd(year, u8::try_from(month).ok()?, u8::try_from(day).ok()?)
    }

    /// The day before, if there is one (not before 0001-01-01).
    pub fn previous_day(self) -> Option<Date> {
        if self.day > 1 {
            return Some(Date {
                day: self.day - 1,
                ..self
            });
        }
        let (year, month) = if self.month > 1 {
            (self.year, self.month - 1)
        } else {
            (self.year.checked_sub(1)?, 12)
        };
        (28..=31)
            .rev()
            .find_map(|day| Date::from_ymd(year, month, day))
    }

    /// 31 December of a year (years 1–9999).
    pub fn year_end(year: u16) -> Option<Date> {
        Date::from_ymd(year, 12, 31)
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

    /// The month as administrative documents write it: a leading zero for January and
    /// February only (`01`, `02`, `3`, … `12`).
    fn month_vi(self) -> String {
        if self.month <= 2 {
            format!("{:02}", self.month)
        } else {
            self.month.to_string()
        }
    }

    /// As administrative documents write a date: `28/8/2017`, `03/8/2023`, `12/01/2023`
    /// (leading zero for days under 10 and for January and February).
    pub fn short_vi(self) -> String {
        format!("{:02}/{}/{:04}", self.day, self.month_vi(), self.year)
    }

    /// The place-and-date line of a document: `Phong Thổ, ngày 05 tháng 01 năm 2024`.
    pub fn place_line(self, place: &str) -> String {
        format!("{place}, {}", self.day_line())
    }

    /// The date as a date line writes it: `ngày 05 tháng 01 năm 2024`.
    pub fn day_line(self) -> String {
        format!(
            "ngày {:02} tháng {} năm {:04}",
            self.day,
            self.month_vi(),
            self.year
        )
    }
}

/// `YYYY-MM-DD`.
impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_day_before_crosses_months_and_years() {
        let d = |s| Date::parse_iso(s).unwrap();
        assert_eq!(d("2025-07-01").previous_day(), Some(d("2025-06-30")));
        assert_eq!(d("2024-03-01").previous_day(), Some(d("2024-02-29")));
        assert_eq!(d("2023-03-01").previous_day(), Some(d("2023-02-28")));
        assert_eq!(d("2025-01-01").previous_day(), Some(d("2024-12-31")));
        assert_eq!(d("2025-01-15").previous_day(), Some(d("2025-01-14")));
        assert_eq!(d("0001-01-01").previous_day(), None);
    }

    #[test]
    fn only_existing_days_in_the_iso_form() {
        for ok in ["2024-02-29", "2023-12-31", "0001-01-01", "9999-12-31"] {
            assert_eq!(
                Date::parse_iso(ok).map(|d| d.to_string()).as_deref(),
                Some(ok)
            );
        }
        for bad in [
            "2023-02-29",
            "2023-13-01",
            "2023-04-31",
            "05/01/2024",
            "+202-01-01",
            "2023-1-05",
            "2023-01-5 ",
            "0000-01-01",
            "2023-00-10",
            "２０２３-01-01",
            "",
        ] {
            assert_eq!(Date::parse_iso(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn dates_follow_the_decree() {
        let d = |s| Date::parse_iso(s).unwrap();
        assert_eq!(d("2017-08-28").short_vi(), "28/8/2017");
        assert_eq!(d("2023-08-03").short_vi(), "03/8/2023");
        assert_eq!(d("2023-01-12").short_vi(), "12/01/2023");
        assert_eq!(
            d("2024-01-05").place_line("Phong Thổ"),
            "Phong Thổ, ngày 05 tháng 01 năm 2024"
        );
        assert_eq!(
            d("2024-12-20").place_line("Sìn Hồ"),
            "Sìn Hồ, ngày 20 tháng 12 năm 2024"
        );
    }
}
