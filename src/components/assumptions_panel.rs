//! "Sources and assumptions": every model parameter in use, its value and source, editable,
//! with edits marked and one button back to the defaults.

use threshold_engine::{SentencingOverrides, SentencingParams};
use yew::prelude::*;

use crate::components::param_field::ParamField;
use crate::parameters::SentencingParam;
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct AssumptionsPanelProps {
    pub overrides: SentencingOverrides,
    pub on_action: Callback<Action>,
}

#[component]
pub fn AssumptionsPanel(props: &AssumptionsPanelProps) -> Html {
    let defaults = SentencingParams::embedded();
    // The parameters in use; overrides that fail validation never reach the state.
    let in_use = defaults
        .with_overrides(&props.overrides)
        .unwrap_or_else(|_| defaults.clone());
    let any_edited = props.overrides != SentencingOverrides::default();
    let rows = SentencingParam::ALL.into_iter().map(|param| {
        let value = param.of(&in_use);
        let edited = param.overridden(&props.overrides).is_some();
        let check = {
            let overrides = props.overrides.clone();
            Callback::from(move |candidate: f64| {
                let mut trial = overrides.clone();
                param.set(&mut trial, Some(candidate));
                SentencingParams::embedded().with_overrides(&trial).map(|_| ())
            })
        };
        let on_change = props
            .on_action
            .reform(move |v: f64| Action::SetSentencingParam(param, Some(v)));
        let default = param.of(defaults);
        html! {
            <ParamField key={param.key()} key_name={param.key()} label={param.label()}
                value={value.value}
                source={if edited { format!("Set by you (default {:.1}%: {})", default.value * 100.0, default.source) } else { value.source.clone() }}
                assumption={if edited { true } else { value.assumption }}
                {edited} {check} {on_change} />
        }
    });
    let on_reset = props
        .on_action
        .reform(|_: MouseEvent| Action::ResetSentencingParams);
    html! {
        <section class="panel assumptions-panel" aria-labelledby="assumptions-title">
            <h2 id="assumptions-title">{ "Sources and assumptions" }</h2>
            <p>
                { "Every parameter the model uses, its value and where it comes from. Figures marked " }
                <span class="assumption-tag">{ "Assumption" }</span>
                { " are Threshold's labelled guesses: change them and the results follow." }
            </p>
            <div class="table-scroll">
                <table class="params">
                    <caption>{ "Expected-sentence model (from the guideline range to the sentence imposed)" }</caption>
                    <thead>
                        <tr><th scope="col">{ "Parameter" }</th><th scope="col">{ "Value" }</th><th scope="col">{ "Source" }</th></tr>
                    </thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
            <button type="button" class="secondary" onclick={on_reset} disabled={!any_edited}>
                { "Reset to defaults" }
            </button>
        </section>
    }
}
