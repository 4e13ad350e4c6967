//! A number box that accepts what people type, says in plain words what is wrong with a bad
//! entry, and only passes on values the engine can use.

use threshold_engine::ManualEdition;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::case_fields::{Quantity, QuantityError};
use crate::components::legal_note::LegalNote;
use crate::components::param_field::did_you_mean;
use crate::i18n::{tf, use_lang, Arg};

#[derive(Properties, PartialEq)]
pub struct NumberFieldProps {
    pub quantity: Quantity,
    /// The Manual the case is evaluated under: the citation follows its numbers.
    pub edition: ManualEdition,
    /// The value in the state (`None`: not given, the engine assumes it).
    pub value: Option<f64>,
    /// What the engine assumes when the box is empty, shown as the placeholder.
    #[prop_or_default]
    pub assumed: AttrValue,
    pub on_change: Callback<(Quantity, Option<f64>)>,
}

/// The value as the box shows it: at most one decimal, no grouping, a point for decimals
/// in every language, so that [`Quantity::parse`] reads back exactly what it shows.
fn shown(value: Option<f64>) -> String {
    value
        .filter(|v| v.is_finite())
        .map(|v| format!("{}", (v * 10.0).round() / 10.0))
        .unwrap_or_default()
}

#[component]
pub fn NumberField(props: &NumberFieldProps) -> Html {
    let lang = use_lang();
    let quantity = props.quantity;
    let text = use_state(|| shown(props.value));
    let error = use_state(|| None::<QuantityError>);
    // Only what the user typed is asked about, not a value a loaded case brought.
    let typed_here = use_state(|| false);

    // When the state changes from elsewhere (reset, a loaded case), show the new value unless
    // the box already says the same thing in other words.
    {
        let (text, error, typed_here) = (text.clone(), error.clone(), typed_here.clone());
        use_effect_with(props.value, move |value| {
            if quantity.parse(&text).ok() != Some(*value) {
                text.set(shown(*value));
                error.set(None);
                typed_here.set(false);
            }
        });
    }

    let oninput = {
        let text = text.clone();
        let error = error.clone();
        let typed_here = typed_here.clone();
        let on_change = props.on_change.clone();
        Callback::from(move |event: InputEvent| {
            let typed = event.target_unchecked_into::<HtmlInputElement>().value();
            match quantity.parse(&typed) {
                Ok(value) => {
                    error.set(None);
                    on_change.emit((quantity, value));
                }
                Err(why) => error.set(Some(why)),
            }
            text.set(typed);
            typed_here.set(true);
        })
    };

    let on_use = {
        let (text, error) = (text.clone(), error.clone());
        let on_change = props.on_change.clone();
        Callback::from(move |meant: f64| {
            error.set(None);
            text.set(shown(Some(meant)));
            on_change.emit((quantity, Some(meant)));
        })
    };

    let id = format!("field-{}", quantity.key());
    let error_id = format!("{id}-error");
    let note = quantity.note(lang, props.edition);
    html! {
        <div class={classes!("field", error.is_some().then_some("invalid"))}>
            <label for={id.clone()}>{ quantity.label(lang) }</label>
            <div class="input-with-unit">
                <input
                    id={id.clone()}
                    type="text"
                    inputmode="decimal"
                    autocomplete="off"
                    value={(*text).clone()}
                    placeholder={props.assumed.clone()}
                    aria-invalid={error.is_some().to_string()}
                    aria-describedby={error.is_some().then(|| error_id.clone())}
                    {oninput}
                />
                <span class="unit">{ quantity.unit(lang) }</span>
            </div>
            if let Some(error) = (*error).clone() {
                <p id={error_id} class="field-error" role="alert">
                    { tf(lang, "case.error.last_valid", &[("error", Arg::Verbatim(error.message(lang)))]) }
                </p>
            }
            if quantity.in_percent() && *typed_here && error.is_none() {
                { did_you_mean(lang, &text, on_use) }
            }
            <LegalNote meaning={note.meaning} citation={note.citation} />
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_box_shows_what_parse_reads_back() {
        assert_eq!(shown(Some(1_200.0)), "1200");
        assert_eq!(shown(Some(12.46)), "12.5");
        assert_eq!(shown(Some(1.0e9)), "1000000000");
        assert_eq!(shown(None), "");
        for value in [0.0, 75.0, 12.5, 1.0e9] {
            assert_eq!(
                Quantity::DrugGrams.parse(&shown(Some(value))),
                Ok(Some(value))
            );
        }
    }
}
