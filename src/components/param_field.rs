//! One model parameter as a table row: its value (editable, in percent), where it comes
//! from, and a mark when the user changed it.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::i18n::{render, t, tf, use_lang, verbatim, Lang, Message};
use crate::parameters::plain_refusal;
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

/// Reads what was typed ("49.6", "49.6%", "-6.5") into the stored value; the range is the
/// model's to check (see [`plain_refusal`]), so a refusal names the parameter.
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
        Ok(value / 100.0)
    } else if value.abs() > 1.0e6 {
        Err(Message::new("prosecution.field.too_large"))
    } else {
        Ok(value)
    }
}

/// The model's refusal of a value as a sentence, by the parameter's label and in its unit.
fn refusal(why: &Message) -> Message {
    Message::new("prosecution.refused.sentence").with("why", plain_refusal(why))
}

/// A number typed into a percent box that reads like a fraction ("0.5" for 50%): the
/// percentage it probably meant. The value is still taken as typed; the page only asks.
pub fn meant_percent(typed: f64) -> Option<f64> {
    (typed > 0.0 && typed <= 1.0).then_some(typed * 100.0)
}

/// "Did you mean 50%?" under a percent box holding a fraction, with a button that
/// writes the percentage instead; nothing when the box does not read like one.
pub fn did_you_mean(lang: Lang, typed: &str, on_use: Callback<f64>) -> Html {
    let cleaned = typed.trim().trim_end_matches('%').trim();
    let Some(meant) = cleaned.parse::<f64>().ok().and_then(meant_percent) else {
        return Html::default();
    };
    let percent = verbatim(units::number(lang, meant) + "%");
    let onclick = Callback::from(move |_: MouseEvent| on_use.emit(meant));
    html! {
        <p class="field-hint" role="status" data-testid="did-you-mean">
            { tf(lang, "prosecution.field.did_you_mean", &[("percent", percent.clone()), ("typed", verbatim(cleaned))]) }
            <button type="button" class="secondary" {onclick}>
                { tf(lang, "prosecution.field.use_percent", &[("percent", percent)]) }
            </button>
        </p>
    }
}

#[component]
pub fn ParamField(props: &ParamFieldProps) -> Html {
    let lang = use_lang();
    let percent = props.percent;
    let text = use_state(|| shown(lang, props.value, percent));
    let error = use_state(|| None::<Message>);
    // Only what the user typed is asked about, not a value the page wrote.
    let typed_here = use_state(|| false);
    {
        let (text, error, typed_here) = (text.clone(), error.clone(), typed_here.clone());
        use_effect_with(props.value, move |value| {
            if parse(&text, percent).map_or(true, |v| (v - value).abs() > 1e-9) {
                text.set(shown(lang, *value, percent));
                error.set(None);
                typed_here.set(false);
            }
        });
    }
    let oninput = {
        let text = text.clone();
        let error = error.clone();
        let typed_here = typed_here.clone();
        let check = props.check.clone();
        let on_change = props.on_change.clone();
        Callback::from(move |event: InputEvent| {
            let typed = event.target_unchecked_into::<HtmlInputElement>().value();
            let checked = parse(&typed, percent)
                .and_then(|v| check.emit(v).map(|()| v).map_err(|why| refusal(&why)));
            match checked {
                Ok(value) => {
                    error.set(None);
                    on_change.emit(value);
                }
                Err(why) => error.set(Some(why)),
            }
            text.set(typed);
            typed_here.set(true);
        })
    };
    let on_use = {
        let (text, error) = (text.clone(), error.clone());
        let check = props.check.clone();
        let on_change = props.on_change.clone();
        Callback::from(move |meant: f64| {
            text.set(shown(lang, meant / 100.0, true));
            match check.emit(meant / 100.0) {
                Ok(()) => {
                    error.set(None);
                    on_change.emit(meant / 100.0);
                }
                Err(why) => error.set(Some(refusal(&why))),
            }
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
                if percent && *typed_here && error.is_none() {
                    { did_you_mean(lang, &text, on_use) }
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

    /// A fraction in a percent box is asked about, never changed: 0 and whole percents are
    /// not asked about.
    #[test]
    fn fractions_in_percent_boxes_are_asked_about() {
        for (typed, meant) in [
            (0.5, Some(50.0)),
            (0.05, Some(5.0)),
            (1.0, Some(100.0)),
            (0.0, None),
            (-0.5, None),
            (1.5, None),
            (50.0, None),
        ] {
            assert_eq!(meant_percent(typed), meant, "{typed}");
        }
        for (lang, text) in [
            (
                Lang::En,
                "Did you mean 50%? The box is in percent, so 0.5 is taken as 0.5%.",
            ),
            (
                Lang::Es,
                "¿Quiso decir 50%? La casilla está en porcentaje, así que 0.5 se toma como 0.5%.",
            ),
        ] {
            let args = [("percent", verbatim("50%")), ("typed", verbatim("0.5"))];
            assert_eq!(tf(lang, "prosecution.field.did_you_mean", &args), text);
        }
    }

    #[test]
    fn typed_values_read_and_refusals_say_why_in_both_languages() {
        assert_eq!(parse(" 49.6% ", true), Ok(0.496));
        assert_eq!(parse("-6.5", false), Ok(-6.5));
        let why = |text: &str, percent: bool, lang: Lang| {
            render(lang, &parse(text, percent).unwrap_err())
        };
        assert_eq!(why("abc", true, Lang::En), "“abc” is not a number.");
        assert_eq!(why("abc", true, Lang::Es), "“abc” no es un número.");
        assert_eq!(parse("2000", true), Ok(20.0));
        assert_eq!(
            why("2e6", false, Lang::En),
            "Too large to be meant: check the number."
        );
        assert!(!why("2e6", false, Lang::Es).contains('⟦'));
    }
}
