//! A whole-number setting (a seed, a number of draws) that refuses bad input in words.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::i18n::{tf, use_lang, verbatim, Arg, Lang};

#[derive(Properties, PartialEq)]
pub struct WholeNumberFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: u64,
    pub min: u64,
    pub max: u64,
    pub on_change: Callback<u64>,
}

/// Why a typed whole number cannot be used; [`WholeNumberError::message`] says it in the
/// reader's language, naming the field by its label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WholeNumberError {
    /// What was typed, trimmed.
    NotAWholeNumber(String),
    /// A whole number outside the range, negative ones included.
    OutOfRange { min: u64, max: u64 },
}

/// A bound as a grouped number ("100,000"); the largest bounds are beyond what a grouped
/// argument holds and are written plain.
fn bound(value: u64) -> Arg {
    i64::try_from(value).map_or_else(|_| verbatim(value.to_string()), Arg::from)
}

impl WholeNumberError {
    pub fn message(&self, lang: Lang, label: &str) -> String {
        let label = ("label", verbatim(label));
        match self {
            WholeNumberError::NotAWholeNumber(text) => tf(
                lang,
                "case.error.not_a_whole_number",
                &[label, ("text", verbatim(text.clone()))],
            ),
            // A bound no one would type (a seed's) is left unsaid.
            WholeNumberError::OutOfRange { min, max: u64::MAX } => tf(
                lang,
                "case.error.whole_at_least",
                &[label, ("min", bound(*min))],
            ),
            WholeNumberError::OutOfRange { min, max } => tf(
                lang,
                "case.error.whole_range",
                &[label, ("min", bound(*min)), ("max", bound(*max))],
            ),
        }
    }
}

/// Reads a whole number in `min..=max`, or says what is wrong.
pub fn parse_whole(text: &str, min: u64, max: u64) -> Result<u64, WholeNumberError> {
    let cleaned: String = text
        .trim()
        .chars()
        .filter(|c| *c != ',' && *c != '_')
        .collect();
    let out_of_range = WholeNumberError::OutOfRange { min, max };
    // A negative whole number is a whole number out of range, not garbage.
    if let Some(magnitude) = cleaned.strip_prefix('-') {
        return match magnitude.parse::<u128>() {
            Ok(0) if min == 0 => Ok(0),
            Ok(_) => Err(out_of_range),
            Err(_) => Err(WholeNumberError::NotAWholeNumber(text.trim().to_string())),
        };
    }
    match cleaned.parse::<u128>() {
        Ok(value) => u64::try_from(value)
            .ok()
            .filter(|v| (min..=max).contains(v))
            .ok_or(out_of_range),
        Err(_) => Err(WholeNumberError::NotAWholeNumber(text.trim().to_string())),
    }
}

#[component]
pub fn WholeNumberField(props: &WholeNumberFieldProps) -> Html {
    let lang = use_lang();
    let text = use_state(|| props.value.to_string());
    let error = use_state(|| None::<WholeNumberError>);
    {
        let (text, error) = (text.clone(), error.clone());
        use_effect_with(props.value, move |value| {
            if text.trim() != value.to_string() {
                text.set(value.to_string());
                error.set(None);
            }
        });
    }
    let oninput = {
        let (text, error) = (text.clone(), error.clone());
        let (min, max, on_change) = (props.min, props.max, props.on_change.clone());
        Callback::from(move |event: InputEvent| {
            let typed = event.target_unchecked_into::<HtmlInputElement>().value();
            match parse_whole(&typed, min, max) {
                Ok(value) => {
                    error.set(None);
                    on_change.emit(value);
                }
                Err(why) => error.set(Some(why)),
            }
            text.set(typed);
        })
    };
    html! {
        <div class={classes!("field", error.is_some().then_some("invalid"))}>
            <label for={props.id.clone()}>{ props.label.clone() }</label>
            <input id={props.id.clone()} type="text" inputmode="numeric" autocomplete="off"
                value={(*text).clone()} aria-invalid={error.is_some().to_string()} {oninput} />
            if let Some(error) = (*error).clone() {
                <p class="field-error" role="alert">{ error.message(lang, &props.label) }</p>
            }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_in_range_only() {
        assert_eq!(parse_whole(" 1,000 ", 1, 100_000), Ok(1000));
        assert_eq!(parse_whole("-0", 0, 10), Ok(0));
        let range = |min, max| Err(WholeNumberError::OutOfRange { min, max });
        let garbage = |text: &str| Err(WholeNumberError::NotAWholeNumber(text.into()));
        for (text, min, max, expected) in [
            ("0", 1, 10, range(1, 10)),
            ("-1", 0, 10, range(0, 10)),
            ("-1", 0, u64::MAX, range(0, u64::MAX)),
            ("99999999999999999999999", 0, u64::MAX, range(0, u64::MAX)),
            ("2.5", 0, 10, garbage("2.5")),
            ("abc", 0, 10, garbage("abc")),
            ("-x", 0, 10, garbage("-x")),
        ] {
            assert_eq!(parse_whole(text, min, max), expected, "{text}");
        }
    }

    #[test]
    fn errors_name_the_field_in_either_language() {
        let says = |text: &str, min, max, lang| {
            parse_whole(text, min, max)
                .unwrap_err()
                .message(lang, "Seed")
        };
        for (text, min, max, lang, expected) in [
            (
                "0",
                1,
                100_000,
                Lang::En,
                "Seed must be a whole number from 1 to 100,000.",
            ),
            (
                "0",
                1,
                100_000,
                Lang::Es,
                "Seed debe ser un número entero de 1 a 100,000.",
            ),
            (
                "-1",
                0,
                u64::MAX,
                Lang::En,
                "Seed must be a whole number, 0 or more.",
            ),
            (
                "-1",
                0,
                u64::MAX,
                Lang::Es,
                "Seed debe ser un número entero, 0 o más.",
            ),
            (
                " x ",
                0,
                10,
                Lang::En,
                "Seed must be a whole number; “x” is not one.",
            ),
            (
                " x ",
                0,
                10,
                Lang::Es,
                "Seed debe ser un número entero; “x” no lo es.",
            ),
        ] {
            assert_eq!(says(text, min, max, lang), expected, "{text}");
        }
    }
}
