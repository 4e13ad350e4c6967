//! The referral population's parameters, each editable with its source, folded under the
//! caseload settings; its rows are put on the page only once the reader opens the fold.

use threshold_engine::caseload::ReferralPopulation;
use yew::prelude::*;

use crate::components::fold::Fold;
use crate::components::param_field::ParamField;
use crate::i18n::{render, t, use_lang};
use crate::parameters::{mix_in_percent, mix_param_name};
use crate::state::{Action, CaseloadSettings};

#[derive(Properties, PartialEq)]
pub struct ReferralMixProps {
    pub settings: CaseloadSettings,
    pub on_action: Callback<Action>,
}

/// A component of its own so that the caseload run's progress, which redraws the panel
/// around it, leaves its twenty fields alone.
#[function_component]
pub fn ReferralMix(props: &ReferralMixProps) -> Html {
    let lang = use_lang();
    let settings = &props.settings;
    let rows = || match settings.edited_mix() {
        Ok(mix) => {
            let defaults = ReferralPopulation::embedded();
            html! {
                { for defaults.params().into_iter().map(|(name, default)| {
                    let edited = settings.mix_overrides.iter().any(|(n, _)| *n == name);
                    let value = mix.params().into_iter().find(|(n, _)| *n == name).map_or(default.value, |(_, p)| p.value);
                    let percent = mix_in_percent(name);
                    let check = {
                        let mix = mix.clone();
                        Callback::from(move |candidate: f64| mix.with_param(name, candidate).map(|_| ()).map_err(|e| e.message()))
                    };
                    let on_change = props.on_action.reform(move |v: f64| Action::SetMixParam(name, Some(v)));
                    html! {
                        <ParamField key={name} key_name={format!("mix-{name}")} label={mix_param_name(lang, name)}
                            {value} {percent} meaning={default.meaning.as_ref().map(|m| AttrValue::from(m.get(lang).to_string()))}
                            source={default.source.get(lang).to_string()} assumption={edited || default.assumption}
                            {edited} {check} {on_change} />
                    }
                }) }
            }
        }
        Err(why) => {
            html! { <tr><td colspan="3" class="field-error">{ render(lang, &why.message()) }</td></tr> }
        }
    };
    html! {
        <Fold class="mix" summary={html! { { t(lang, "caseload.mix_summary") } }}>
            <div class="table-scroll">
                <table class="params">
                    <thead><tr><th scope="col">{ t(lang, "caseload.column.parameter") }</th><th scope="col">{ t(lang, "caseload.column.value") }</th><th scope="col">{ t(lang, "caseload.column.source") }</th></tr></thead>
                    <tbody>{ rows() }</tbody>
                </table>
            </div>
        </Fold>
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    /// The catalog keys are built from the mix's parameter names, so the key scan cannot
    /// see them.
    #[test]
    fn every_mix_parameter_is_named_in_both_languages() {
        for (name, _) in ReferralPopulation::embedded().params() {
            assert!(
                crate::i18n::catalog().contains(&format!("caseload.param.{name}")),
                "{name}"
            );
            assert_eq!(mix_param_name(Lang::En, name), name.replace('_', " "));
            assert_ne!(mix_param_name(Lang::Es, name), name.replace('_', " "));
        }
    }
}
