//! A whole-number setting (a seed, a number of draws) that refuses bad input in words.

use std::fmt;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::i18n::{tf, use_lang, verbatim, Lang};

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
/// reader's language, `Display` in English for logs and tests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WholeNumberError {
    /// What was typed, trimmed.
    NotAWholeNumber(String),
    OutOfRange {
        min: u64,
        max: u64,
    },
}

impl WholeNumberError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            WholeNumberError::NotAWholeNumber(text) => tf(
                lang,
                "case.error.not_a_whole_number",
                &[("text", verbatim(text.clone()))],
            ),
            // Written as typed, ungrouped: the bounds reach beyond what a grouped integer
            // argument holds (u64::MAX).
            WholeNumberError::OutOfRange { min, max } => tf(
                lang,
                "case.error.whole_range",
                &[
                    ("min", verbatim(min.to_string())),
                    ("max", verbatim(max.to_string())),
                ],
            ),
        }
    }
}

impl fmt::Display for WholeNumberError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

/// Reads a whole number in `min..=max`, or says what is wrong.
pub fn parse_whole(text: &str, min: u64, max: u64) -> Result<u64, WholeNumberError> {
    let cleaned: String = text
        .trim()
        .chars()
        .filter(|c| *c != ',' && *c != '_')
        .collect();
    let value: u64 = cleaned
        .parse()
        .map_err(|_| WholeNumberError::NotAWholeNumber(text.trim().to_string()))?;
    if value < min || value > max {
        return Err(WholeNumberError::OutOfRange { min, max });
    }
    Ok(value)
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
                <p class="field-error" role="alert">{ error.message(lang) }</p>
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
        assert!(parse_whole("0", 1, 10).is_err());
        assert!(parse_whole("-1", 0, 10).is_err());
        assert!(parse_whole("2.5", 0, 10).is_err());
        assert!(parse_whole("abc", 0, 10).is_err());
        assert!(parse_whole("99999999999999999999999", 0, u64::MAX).is_err());
    }

    #[test]
    fn errors_read_in_either_language() {
        let range = parse_whole("0", 1, 100_000).unwrap_err();
        assert_eq!(range.to_string(), "Enter a whole number from 1 to 100000.");
        assert_eq!(
            range.message(Lang::Es),
            "Escriba un número entero de 1 a 100000."
        );
        let typed = parse_whole(" x ", 0, 10).unwrap_err();
        assert_eq!(typed.to_string(), "“x” is not a whole number.");
        assert_eq!(typed.message(Lang::Es), "“x” no es un número entero.");
    }
}
