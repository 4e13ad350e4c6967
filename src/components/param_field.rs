//! One model parameter as a table row: its value (editable, in percent), where it comes
//! from, and a mark when the user changed it.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::units;

#[derive(Properties, PartialEq)]
pub struct ParamFieldProps {
    /// Stable name, e.g. `within_range_share`; used for the element id.
    pub key_name: AttrValue,
    pub label: AttrValue,
    /// The value in use, as a fraction.
    pub value: f64,
    pub source: AttrValue,
    pub assumption: bool,
    pub edited: bool,
    /// Checks a candidate fraction against the other parameters; `Err` says why not.
    pub check: Callback<f64, Result<(), String>>,
    pub on_change: Callback<f64>,
}

fn percent_text(fraction: f64) -> String {
    units::number(fraction * 100.0).replace(',', "")
}

/// Reads a percentage as typed ("49.6", "49.6%") into a fraction.
fn parse_percent(text: &str) -> Result<f64, String> {
    let cleaned = text.trim().trim_end_matches('%').trim();
    let value: f64 = cleaned
        .parse()
        .ok()
        .filter(|v: &f64| v.is_finite())
        .ok_or_else(|| format!("“{}” is not a percentage.", text.trim()))?;
    if !(0.0..=1000.0).contains(&value) {
        return Err("Enter a percentage from 0 to 1000.".into());
    }
    Ok(value / 100.0)
}

#[component]
pub fn ParamField(props: &ParamFieldProps) -> Html {
    let text = use_state(|| percent_text(props.value));
    let error = use_state(|| None::<String>);
    {
        let text = text.clone();
        let error = error.clone();
        use_effect_with(props.value, move |value| {
            if parse_percent(&text)
                .ok()
                .map(|v| (v - value).abs() > 1e-9)
                .unwrap_or(true)
            {
                text.set(percent_text(*value));
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
            match parse_percent(&typed).and_then(|v| check.emit(v).map(|()| v)) {
                Ok(value) => {
                    error.set(None);
                    on_change.emit(value);
                }
                Err(message) => error.set(Some(message)),
            }
            text.set(typed);
        })
    };
    let id = format!("param-{}", props.key_name);
    html! {
        <tr class={classes!(props.edited.then_some("edited"), error.is_some().then_some("invalid"))}>
            <th scope="row"><label for={id.clone()}>{ props.label.clone() }</label></th>
            <td class="param-value">
                <input id={id.clone()} type="text" inputmode="decimal" size="6"
                    value={(*text).clone()} aria-invalid={error.is_some().to_string()} {oninput} />
                { "%" }
                if props.edited {
                    <span class="edited-mark">{ "edited" }</span>
                }
                if let Some(message) = (*error).clone() {
                    <p class="field-error" role="alert">{ message }</p>
                }
            </td>
            <td class="param-source">
                if props.assumption {
                    <span class="assumption-tag">{ "Assumption" }</span>{ " " }
                }
                { props.source.clone() }
            </td>
        </tr>
    }
}
