//! How numbers read on the page: thousands separators, months and years, percentages.

/// A number with thousands separators and at most one decimal, e.g. 1,000,000 or 12.5.
pub fn number(value: f64) -> String {
    if !value.is_finite() {
        return "—".into();
    }
    let rounded = (value * 10.0).round() / 10.0;
    let whole = rounded.trunc().abs() as u64;
    let digits = whole.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    let sign = if rounded < 0.0 { "-" } else { "" };
    let tenths = ((rounded.abs() - whole as f64) * 10.0).round() as u64;
    if tenths == 0 {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{tenths}")
    }
}

/// Months as people say them: "8 months", "1 month", "4.5 months".
pub fn months(value: f64) -> String {
    let text = number(value);
    if text == "1" {
        "1 month".into()
    } else {
        format!("{text} months")
    }
}

/// A statutory maximum: "10 years", "life", "18 months".
pub fn term(months: Option<u32>) -> String {
    match months {
        None => "life".into(),
        Some(m) if m % 12 == 0 && m > 0 => {
            let years = m / 12;
            if years == 1 {
                "1 year".into()
            } else {
                format!("{years} years")
            }
        }
        Some(m) => self::months(f64::from(m)),
    }
}

/// A guideline range: "10–16 months", "360 months–life", "life".
pub fn month_range(min: u32, max: Option<u32>, life_months: u32) -> String {
    match max {
        Some(max) if max == min => months(f64::from(min)),
        Some(max) => format!(
            "{}–{} months",
            number(f64::from(min)),
            number(f64::from(max))
        ),
        None if min >= life_months => "life".into(),
        None => format!("{} months–life", number(f64::from(min))),
    }
}

/// A probability as a whole percentage, with "<1%" and ">99%" where rounding would mislead.
pub fn percent(probability: f64) -> String {
    let p = probability.clamp(0.0, 1.0) * 100.0;
    if p > 0.0 && p < 0.5 {
        "<1%".into()
    } else if p < 100.0 && p > 99.5 {
        ">99%".into()
    } else {
        format!("{}%", p.round() as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_written() {
        assert_eq!(number(0.0), "0");
        assert_eq!(number(999.0), "999");
        assert_eq!(number(1000.0), "1,000");
        assert_eq!(number(1_000_000.0), "1,000,000");
        assert_eq!(number(12.46), "12.5");
        assert_eq!(number(-1500.0), "-1,500");
        assert_eq!(number(f64::NAN), "—");
    }

    #[test]
    fn terms_ranges_and_percentages() {
        assert_eq!(term(Some(120)), "10 years");
        assert_eq!(term(Some(12)), "1 year");
        assert_eq!(term(Some(18)), "18 months");
        assert_eq!(term(None), "life");
        assert_eq!(month_range(10, Some(16), 470), "10–16 months");
        assert_eq!(month_range(120, Some(120), 470), "120 months");
        assert_eq!(month_range(360, None, 470), "360 months–life");
        assert_eq!(month_range(470, None, 470), "life");
        assert_eq!(months(1.0), "1 month");
        assert_eq!(percent(0.496), "50%");
        assert_eq!(percent(0.001), "<1%");
        assert_eq!(percent(0.999), ">99%");
        assert_eq!(percent(1.0), "100%");
    }
}
