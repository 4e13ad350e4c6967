//! How numbers read on the page, per language: thousands separators, months and years,
//! percentages.

use threshold_engine::i18n::{self as engine_i18n, Arg};

use crate::i18n::{t, tf, Lang};

/// A number with thousands separators and at most one decimal, e.g. 1,000,000 or 12.5.
pub fn number(lang: Lang, value: f64) -> String {
    engine_i18n::number(lang, value, 1)
}

/// Months as people say them: "8 months", "1 month", "4.5 months"; "8 meses", "1 mes".
pub fn months(lang: Lang, value: f64) -> String {
    let text = number(lang, value);
    if text == "1" {
        t(lang, "units.month_one").to_string()
    } else {
        tf(lang, "units.months", &[("n", Arg::Verbatim(text))])
    }
}

/// A statutory maximum: "10 years", "life", "18 months".
pub fn term(lang: Lang, months: Option<u32>) -> String {
    match months {
        None => t(lang, "units.life").to_string(),
        Some(m) if m % 12 == 0 && m > 0 => {
            let years = m / 12;
            if years == 1 {
                t(lang, "units.year_one").to_string()
            } else {
                tf(lang, "units.years", &[("n", Arg::from(years))])
            }
        }
        Some(m) => self::months(lang, f64::from(m)),
    }
}

/// A guideline range: "10–16 months", "360 months–life", "life".
pub fn month_range(lang: Lang, min: u32, max: Option<u32>, life_months: u32) -> String {
    match max {
        Some(max) if max == min => months(lang, f64::from(min)),
        Some(max) => tf(
            lang,
            "units.month_range",
            &[("min", Arg::from(min)), ("max", Arg::from(max))],
        ),
        None if min >= life_months => t(lang, "units.life").to_string(),
        None => tf(lang, "units.months_to_life", &[("min", Arg::from(min))]),
    }
}

/// A chance to one fixed decimal, as the side-by-side prints it ("26.1%", "57.0%"); a
/// chance is at most 100, so no grouping is needed.
pub fn chance(lang: Lang, p: f64) -> String {
    engine_i18n::percent(lang, &format!("{:.1}", p * 100.0))
}

/// A probability as a whole percentage, with "<1%" and ">99%" where rounding would mislead.
pub fn percent(lang: Lang, probability: f64) -> String {
    let p = probability.clamp(0.0, 1.0) * 100.0;
    let whole = if p > 0.0 && p < 0.5 {
        "<1".to_string()
    } else if p < 100.0 && p > 99.5 {
        ">99".to_string()
    } else {
        (p.round() as u32).to_string()
    };
    engine_i18n::percent(lang, &whole)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_written() {
        let en = Lang::En;
        assert_eq!(number(en, 0.0), "0");
        assert_eq!(number(en, 999.0), "999");
        assert_eq!(number(en, 1000.0), "1,000");
        assert_eq!(number(en, 1_000_000.0), "1,000,000");
        assert_eq!(number(en, 12.46), "12.5");
        assert_eq!(number(en, -1500.0), "-1,500");
        assert_eq!(number(en, f64::NAN), "—");
    }

    #[test]
    fn terms_ranges_and_percentages() {
        let en = Lang::En;
        assert_eq!(term(en, Some(120)), "10 years");
        assert_eq!(term(en, Some(12)), "1 year");
        assert_eq!(term(en, Some(18)), "18 months");
        assert_eq!(term(en, None), "life");
        assert_eq!(month_range(en, 10, Some(16), 470), "10–16 months");
        assert_eq!(month_range(en, 120, Some(120), 470), "120 months");
        assert_eq!(month_range(en, 360, None, 470), "360 months–life");
        assert_eq!(month_range(en, 470, None, 470), "life");
        assert_eq!(months(en, 1.0), "1 month");
        assert_eq!(percent(en, 0.496), "50%");
        assert_eq!(percent(en, 0.001), "<1%");
        assert_eq!(percent(en, 0.999), ">99%");
        assert_eq!(percent(en, 1.0), "100%");
    }

    #[test]
    fn spanish_says_months_years_and_life_in_its_own_words() {
        let es = Lang::Es;
        assert_eq!(term(es, Some(120)), "10 años");
        assert_eq!(term(es, Some(12)), "1 año");
        assert_eq!(term(es, None), "cadena perpetua");
        assert_eq!(months(es, 1.0), "1 mes");
        assert_eq!(months(es, 4.5), "4.5 meses");
        assert_eq!(month_range(es, 10, Some(16), 470), "10–16 meses");
        assert_eq!(month_range(es, 360, None, 470), "360 meses–cadena perpetua");
        assert_eq!(percent(es, 0.1), "10%");
    }
}
