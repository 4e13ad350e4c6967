//! "Sources and assumptions": every model parameter in use, its value and source, editable,
//! with edits marked and one button back to the defaults.

use threshold_engine::{
    Param, ProsecutionOverrides, ProsecutionParams, SentencingOverrides, SentencingParams,
};
use yew::prelude::*;

use crate::components::param_field::ParamField;
use crate::parameters::SentencingParam;
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct AssumptionsPanelProps {
    pub sentencing_overrides: SentencingOverrides,
    pub prosecution_overrides: ProsecutionOverrides,
    pub on_action: Callback<Action>,
}

/// What the source column says: the user's edit next to the default it replaced.
fn source_text(default: &Param, edited: bool, shown_default: String) -> String {
    if edited {
        format!("Set by you (default {shown_default}: {})", default.source)
    } else {
        default.source.clone()
    }
}

/// "sentence_weight" → "Sentence weight".
fn plain_name(name: &str) -> String {
    let spaced = name.replace('_', " ");
    let mut chars = spaced.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[component]
pub fn AssumptionsPanel(props: &AssumptionsPanelProps) -> Html {
    let sentencing_defaults = SentencingParams::embedded();
    let prosecution_defaults = ProsecutionParams::embedded();
    // Overrides that fail validation never reach the state, so these always apply.
    let sentencing = sentencing_defaults
        .with_overrides(&props.sentencing_overrides)
        .unwrap_or_else(|_| sentencing_defaults.clone());
    let prosecution = prosecution_defaults
        .with_overrides(&props.prosecution_overrides)
        .unwrap_or_else(|_| prosecution_defaults.clone());
    let any_edited = props.sentencing_overrides != SentencingOverrides::default()
        || props.prosecution_overrides != ProsecutionOverrides::default();

    let sentencing_rows = SentencingParam::ALL.into_iter().map(|param| {
        let edited = param.overridden(&props.sentencing_overrides).is_some();
        let check = {
            let overrides = props.sentencing_overrides.clone();
            Callback::from(move |candidate: f64| {
                let mut trial = overrides.clone();
                param.set(&mut trial, Some(candidate));
                SentencingParams::embedded()
                    .with_overrides(&trial)
                    .map(|_| ())
                    .map_err(|e| e.to_string())
            })
        };
        let on_change = props
            .on_action
            .reform(move |v: f64| Action::SetSentencingParam(param, Some(v)));
        let default = param.of(sentencing_defaults);
        html! {
            <ParamField key={param.key()} key_name={param.key()} label={param.label()}
                value={param.of(&sentencing).value}
                meaning={default.meaning.as_ref().map(|m| AttrValue::from(m.get(crate::i18n::Lang::En).to_string()))}
                source={source_text(default, edited, format!("{:.1}%", default.value * 100.0))}
                assumption={edited || default.assumption}
                {edited} {check} {on_change} />
        }
    });

    let prosecution_rows = prosecution_defaults.fields().into_iter().map(|(name, default)| {
        let edited = props.prosecution_overrides.get(name).is_some();
        let value = prosecution
            .fields()
            .into_iter()
            .find(|(n, _)| *n == name)
            .map_or(default.value, |(_, p)| p.value);
        let check = {
            let overrides = props.prosecution_overrides.clone();
            Callback::from(move |candidate: f64| {
                let mut trial = overrides.clone();
                trial.set(name, Some(candidate));
                ProsecutionParams::embedded()
                    .with_overrides(&trial)
                    .map(|_| ())
                    .map_err(|e| e.to_string())
            })
        };
        let on_change = props
            .on_action
            .reform(move |v: f64| Action::SetProsecutionParam(name, Some(v)));
        html! {
            <ParamField key={name} key_name={name} label={plain_name(name)} {value} percent={false}
                meaning={default.meaning.as_ref().map(|m| AttrValue::from(m.get(crate::i18n::Lang::En).to_string()))}
                source={source_text(default, edited, format!("{:.2}", default.value))}
                assumption={edited || default.assumption}
                {edited} {check} {on_change} />
        }
    });

    let on_reset = props.on_action.reform(|_: MouseEvent| Action::ResetParams);
    let head = html! {
        <thead>
            <tr><th scope="col">{ "Parameter" }</th><th scope="col">{ "Value" }</th><th scope="col">{ "Source" }</th></tr>
        </thead>
    };
    html! {
        <section class="panel assumptions-panel" aria-labelledby="assumptions-title">
            <h2 id="assumptions-title">{ "Sources and assumptions" }</h2>
            <p>
                { "Every parameter the models use, its value and where it comes from. Figures marked " }
                <span class="assumption-tag">{ "Assumption" }</span>
                { " are Threshold's labelled judgements: change them and every result follows." }
            </p>
            <div class="table-scroll">
                <table class="params">
                    <caption>{ "Expected sentence: from the guideline range to the sentence imposed" }</caption>
                    { head.clone() }
                    <tbody>{ for sentencing_rows }</tbody>
                </table>
                <table class="params">
                    <caption>{ "Prosecution: will a U.S. Attorney accept the referral, and convict?" }</caption>
                    { head }
                    <tbody>{ for prosecution_rows }</tbody>
                </table>
            </div>
            <button type="button" class="secondary" onclick={on_reset} disabled={!any_edited}>
                { "Reset to defaults" }
            </button>
        </section>
    }
}
