//! One model parameter as a table row: its value (editable, in percent), where it comes
//! from, and a mark when the user changed it.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::i18n::{render, t, use_lang, verbatim, Lang, Message};
use crate::units;

#[derive(Properties, PartialEq)]
pub struct ParamFieldProps {
    /// Stable name, e.g. `within_range_share`; used for the element id.
    pub key_name: AttrValue,
    pub label: AttrValue,
    /// The value in use (a fraction when `percent`).
    pub value: f64,
    /// Shown and typed as a percentage; otherwise as a plain number.
    #[prop_or(true)]
    pub percent: bool,
    /// What the parameter means, in plain words.
    #[prop_or_default]
    pub meaning: Option<AttrValue>,
    pub source: AttrValue,
    pub assumption: bool,
    pub edited: bool,
    /// Checks a candidate fraction against the other parameters; `Err` says why not.
    pub check: Callback<f64, Result<(), Message>>,
    pub on_change: Callback<f64>,
}

fn shown(lang: Lang, value: f64, percent: bool) -> String {
    if percent {
        units::number(lang, value * 100.0).replace(',', "")
    } else {
        // Weights need two decimals to be read back as they are.
        let text = format!("{value:.2}");
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// Reads what was typed ("49.6", "49.6%", "-6.5") into the stored value.
fn parse(text: &str, percent: bool) -> Result<f64, Message> {
    let cleaned = text.trim().trim_end_matches('%').trim();
    let value: f64 = cleaned
        .parse()
        .ok()
        .filter(|v: &f64| v.is_finite())
        .ok_or_else(|| {
            Message::new("prosecution.field.not_a_number").with("text", verbatim(text.trim()))
        })?;
    if percent {
        if !(0.0..=1000.0).contains(&value) {
            return Err(Message::new("prosecution.field.percent_range"));
        }
        Ok(value / 100.0)
    } else if value.abs() > 1.0e6 {
        Err(Message::new("prosecution.field.too_large"))
    } else {
        Ok(value)
    }
}

#[component]
pub fn ParamField(props: &ParamFieldProps) -> Html {
    let lang = use_lang();
    let percent = props.percent;
    let text = use_state(|| shown(lang, props.value, percent));
    let error = use_state(|| None::<Message>);
    {
        let text = text.clone();
        let error = error.clone();
        use_effect_with(props.value, move |value| {
            if parse(&text, percent).map_or(true, |v| (v - value).abs() > 1e-9) {
                text.set(shown(lang, *value, percent));
                error.set(None);
            }
        });
    }
    let oninput = {
        let text = text.clone();
        let error = error.clone();
        let check = props.check.clone();
        let on_change = props.on_change.clone();
        Callback::from(move |event: InputEvent| {
            let typed = event.target_unchecked_into::<HtmlInputElement>().value();
            match parse(&typed, percent).and_then(|v| check.emit(v).map(|()| v)) {
                Ok(value) => {
                    error.set(None);
                    on_change.emit(value);
                }
                Err(why) => error.set(Some(why)),
            }
            text.set(typed);
        })
    };
    let id = format!("param-{}", props.key_name);
    html! {
        <tr class={classes!(props.edited.then_some("edited"), error.is_some().then_some("invalid"))}>
            <th scope="row">
                <label for={id.clone()}>{ props.label.clone() }</label>
                if let Some(meaning) = props.meaning.clone() {
                    <span class="param-meaning">{ meaning }</span>
                }
            </th>
            <td class="param-value">
                <input id={id.clone()} type="text" inputmode="decimal" size="6"
                    value={(*text).clone()} aria-invalid={error.is_some().to_string()} {oninput} />
                if percent {
                    { "%" }
                }
                if props.edited {
                    <span class="edited-mark">{ t(lang, "prosecution.field.edited") }</span>
                }
                if let Some(why) = (*error).clone() {
                    <p class="field-error" role="alert">{ render(lang, &why) }</p>
                }
            </td>
            <td class="param-source">
                if props.assumption {
                    <span class="assumption-tag">{ t(lang, "prosecution.assumption") }</span>{ " " }
                }
                { props.source.clone() }
            </td>
        </tr>
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn typed_values_read_and_refusals_say_why_in_both_languages() {
        assert_eq!(parse(" 49.6% ", true), Ok(0.496));
        assert_eq!(parse("-6.5", false), Ok(-6.5));
        let why = |text: &str, percent: bool, lang: Lang| {
            render(lang, &parse(text, percent).unwrap_err())
        };
        assert_eq!(why("abc", true, Lang::En), "“abc” is not a number.");
        assert_eq!(why("abc", true, Lang::Es), "“abc” no es un número.");
        assert_eq!(
            why("2000", true, Lang::En),
            "Enter a percentage from 0 to 1000."
        );
        assert_eq!(
            why("2000", true, Lang::Es),
            "Escriba un porcentaje de 0 a 1000."
        );
        assert_eq!(
            why("2e6", false, Lang::En),
            "Too large to be meant: check the number."
        );
        assert!(!why("2e6", false, Lang::Es).contains('⟦'));
    }
}
