//! A whole-number setting (a seed, a number of draws) that refuses bad input in words.

use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct WholeNumberFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: u64,
    pub min: u64,
    pub max: u64,
    pub on_change: Callback<u64>,
}

/// Reads a whole number in `min..=max`, or says what is wrong.
pub fn parse_whole(text: &str, min: u64, max: u64) -> Result<u64, String> {
    let cleaned: String = text
        .trim()
        .chars()
        .filter(|c| *c != ',' && *c != '_')
        .collect();
    let value: u64 = cleaned
        .parse()
        .map_err(|_| format!("“{}” is not a whole number.", text.trim()))?;
    if value < min || value > max {
        return Err(format!("Enter a whole number from {min} to {max}."));
    }
    Ok(value)
}

#[component]
pub fn WholeNumberField(props: &WholeNumberFieldProps) -> Html {
    let text = use_state(|| props.value.to_string());
    let error = use_state(|| None::<String>);
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
                Err(message) => error.set(Some(message)),
            }
            text.set(typed);
        })
    };
    html! {
        <div class={classes!("field", error.is_some().then_some("invalid"))}>
            <label for={props.id.clone()}>{ props.label.clone() }</label>
            <input id={props.id.clone()} type="text" inputmode="numeric" autocomplete="off"
                value={(*text).clone()} aria-invalid={error.is_some().to_string()} {oninput} />
            if let Some(message) = (*error).clone() {
                <p class="field-error" role="alert">{ message }</p>
            }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::parse_whole;

    #[test]
    fn whole_numbers_in_range_only() {
        assert_eq!(parse_whole(" 1,000 ", 1, 100_000), Ok(1000));
        assert!(parse_whole("0", 1, 10).is_err());
        assert!(parse_whole("-1", 0, 10).is_err());
        assert!(parse_whole("2.5", 0, 10).is_err());
        assert!(parse_whole("abc", 0, 10).is_err());
        assert!(parse_whole("99999999999999999999999", 0, u64::MAX).is_err());
    }
}
