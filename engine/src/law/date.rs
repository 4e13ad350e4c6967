//! Calendar dates as the law uses them: effective dates of amendments and statutes, and the
//! dates of an offense and a sentencing, written `YYYY-MM-DD` in files and links.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::i18n::{self, Lang};

/// A day of the Gregorian calendar. Ordered, so "in force on" is a comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

/// Why a text is not a date, said in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError(pub String);

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DateError {}

fn days_in_month(year: u16, month: u8) -> u8 {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Date {
    /// A date, if the day exists (no February 30th). Years outside 1900–2199 are refused:
    /// the federal firearms statutes begin in 1934 and anything far ahead is a typing slip.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let ok = (1900..=2199).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month);
        ok.then_some(Date { year, month, day })
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

    /// The day before, if it is a day the type holds.
    pub fn previous_day(self) -> Option<Date> {
        if self.day > 1 {
            return Date::new(self.year, self.month, self.day - 1);
        }
        let (year, month) = match self.month {
            1 => (self.year.checked_sub(1)?, 12),
            m => (self.year, m - 1),
        };
        Date::new(year, month, days_in_month(year, month))
    }

    /// The date written out for people: "November 1, 2025" or "1 de noviembre de 2025".
    pub fn written(self, lang: Lang) -> String {
        i18n::date(lang, &self.to_string())
    }

    /// The short English form the Commission uses in citations: "Nov. 1, 2025".
    pub fn short_en(self) -> String {
        const MONTHS: [&str; 12] = [
            "Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.",
            "Dec.",
        ];
        format!(
            "{} {}, {}",
            MONTHS[usize::from(self.month - 1)],
            self.day,
            self.year
        )
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl FromStr for Date {
    type Err = DateError;

    fn from_str(text: &str) -> Result<Date, DateError> {
        let text = text.trim();
        let bad = || DateError(format!("{text:?} is not a date written YYYY-MM-DD"));
        let mut parts = text.split('-');
        let (Some(y), Some(m), Some(d), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(bad());
        };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(bad());
        }
        let (year, month, day) = (
            y.parse().map_err(|_| bad())?,
            m.parse().map_err(|_| bad())?,
            d.parse().map_err(|_| bad())?,
        );
        Date::new(year, month, day)
            .ok_or_else(|| DateError(format!("{text} is not a day of the calendar")))
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// Written by hand, as serde is: the pattern holds the form and the years `Date::new`
/// takes; the calendar (no February 30) is the "date" format's, which a validator checks
/// when asked to.
#[cfg(feature = "schema")]
impl schemars::JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A day, written YYYY-MM-DD, from 1900 to 2199.",
            "type": "string",
            "format": "date",
            "pattern": "^(19|20|21)[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_real_days_and_refuses_the_rest() {
        let d: Date = "2025-11-01".parse().unwrap();
        assert_eq!((d.year(), d.month(), d.day()), (2025, 11, 1));
        assert_eq!(d.to_string(), "2025-11-01");
        assert_eq!(d.short_en(), "Nov. 1, 2025");
        assert_eq!(d.written(Lang::Es), "1 de noviembre de 2025");
        assert!("2024-02-29".parse::<Date>().is_ok());
        for bad in [
            "2023-02-29",
            "2025-13-01",
            "2025-04-31",
            "2025-1-01",
            "25-11-01",
            "2025/11/01",
            "2025-11-01-02",
            "",
            "1800-01-01",
            "yesterday",
        ] {
            assert!(bad.parse::<Date>().is_err(), "{bad}");
        }
        let a: Date = "2011-04-01".parse().unwrap();
        assert!(a < d);
        let day = |s: &str| s.parse::<Date>().unwrap();
        assert_eq!(day("2024-03-01").previous_day(), Some(day("2024-02-29")));
        assert_eq!(day("2023-01-01").previous_day(), Some(day("2022-12-31")));
        assert_eq!(day("2022-06-25").previous_day(), Some(day("2022-06-24")));
    }
}
