//! "Sources and assumptions": every model parameter in use, its value and source, editable,
//! with edits marked and one button back to the defaults.

use threshold_engine::prosecution::calibration::CalibrationData;
use threshold_engine::{
    Param, ProsecutionOverrides, ProsecutionParams, SentencingOverrides, SentencingParams,
};
use yew::prelude::*;

use crate::components::choice_field::{ChoiceField, ChoiceOption};
use crate::components::param_field::ParamField;
use crate::i18n::{t, tf, use_lang, verbatim, Lang};
use crate::parameters::{prosecution_param_label, SentencingParam, PROSECUTION_PERCENT};
use crate::state::Action;
use crate::units;

#[derive(Properties, PartialEq)]
pub struct AssumptionsPanelProps {
    pub sentencing_overrides: SentencingOverrides,
    pub prosecution_overrides: ProsecutionOverrides,
    pub on_action: Callback<Action>,
}

/// What the source column says: the user's edit next to the default it replaced.
fn source_text(lang: Lang, default: &Param, edited: bool, shown_default: String) -> String {
    if edited {
        tf(
            lang,
            "prosecution.assumptions.set_by_you",
            &[
                ("default", verbatim(shown_default)),
                // Citations stay as cited inside the Spanish of the source.
                ("source", verbatim(default.source.get(lang))),
            ],
        )
    } else {
        default.source.get(lang).to_string()
    }
}

#[component]
pub fn AssumptionsPanel(props: &AssumptionsPanelProps) -> Html {
    let lang = use_lang();
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
                    .map_err(|e| e.message())
            })
        };
        let on_change = props
            .on_action
            .reform(move |v: f64| Action::SetSentencingParam(param, Some(v)));
        let default = param.of(sentencing_defaults);
        html! {
            <ParamField key={param.key()} key_name={param.key()} label={param.label(lang)}
                value={param.of(&sentencing).value}
                meaning={default.meaning.as_ref().map(|m| AttrValue::from(m.get(lang).to_string()))}
                source={source_text(lang, default, edited, format!("{:.1}%", default.value * 100.0))}
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
                    .map_err(|e| e.message())
            })
        };
        let on_change = props
            .on_action
            .reform(move |v: f64| Action::SetProsecutionParam(name, Some(v)));
        let percent = PROSECUTION_PERCENT.contains(&name);
        let shown_default = if percent {
            format!("{:.1}%", default.value * 100.0)
        } else {
            format!("{:.2}", default.value)
        };
        html! {
            <ParamField key={name} key_name={name} label={prosecution_param_label(lang, name)} {value} {percent}
                meaning={default.meaning.as_ref().map(|m| AttrValue::from(m.get(lang).to_string()))}
                source={source_text(lang, default, edited, shown_default)}
                assumption={edited || default.assumption}
                {edited} {check} {on_change} />
        }
    });

    let on_reset = props.on_action.reform(|_: MouseEvent| Action::ResetParams);
    let district = district_choice(
        lang,
        props.prosecution_overrides.district_shift,
        &props.on_action,
    );
    let head = html! {
        <thead>
            <tr><th scope="col">{ t(lang, "prosecution.column.parameter") }</th><th scope="col">{ t(lang, "prosecution.column.value") }</th><th scope="col">{ t(lang, "prosecution.column.source") }</th></tr>
        </thead>
    };
    html! {
        <section class="panel assumptions-panel" aria-labelledby="assumptions-title">
            <h2 id="assumptions-title">{ t(lang, "prosecution.assumptions.title") }</h2>
            <p>
                { t(lang, "prosecution.assumptions.intro_before") }
                <span class="assumption-tag">{ t(lang, "prosecution.assumption") }</span>
                { t(lang, "prosecution.assumptions.intro_after") }
            </p>
            { district }
            <div class="table-scroll">
                <table class="params">
                    <caption>{ t(lang, "prosecution.assumptions.sentencing_caption") }</caption>
                    { head.clone() }
                    <tbody>{ for sentencing_rows }</tbody>
                </table>
                <table class="params">
                    <caption>{ t(lang, "prosecution.assumptions.prosecution_caption") }</caption>
                    { head }
                    <tbody>{ for prosecution_rows }</tbody>
                </table>
            </div>
            <button type="button" class="secondary" onclick={on_reset} disabled={!any_edited}>
                { t(lang, "prosecution.assumptions.reset") }
            </button>
        </section>
    }
}

/// The district whose published decline rate the acceptance odds follow: the one whose
/// shift the user's setting equals, else the nation.
fn district_choice(lang: Lang, shift: Option<f64>, on_action: &Callback<Action>) -> Html {
    let data = CalibrationData::embedded();
    let national = data.national();
    let selected = data
        .districts
        .iter()
        .find(|d| shift.is_some_and(|s| (s - d.intercept_shift(national)).abs() < 1e-9))
        .map_or(national.id.clone(), |d| d.id.clone());
    let options: Vec<ChoiceOption> = data
        .districts
        .iter()
        .map(|d| {
            let rate = units::percent(lang, d.decline_rate);
            let label = tf(
                lang,
                if d.upper_bound {
                    "prosecution.district.option_bound"
                } else {
                    "prosecution.district.option"
                },
                &[
                    ("district", verbatim(d.name.get(lang))),
                    ("year", verbatim(d.fiscal_year.to_string())),
                    ("rate", verbatim(rate)),
                ],
            );
            ChoiceOption::new(d.id.clone(), label)
        })
        .collect();
    let on_change = on_action.reform(|id: String| {
        let data = CalibrationData::embedded();
        let shift = data
            .district(&id)
            .map(|d| d.intercept_shift(data.national()))
            .filter(|s| *s != 0.0);
        Action::SetProsecutionParam("district_shift", shift)
    });
    let citation = data
        .district(&selected)
        .map(|d| AttrValue::from(d.source.get(lang).to_string()));
    html! {
        <ChoiceField id="field-district" label={t(lang, "prosecution.district.label")}
            {options} selected={AttrValue::from(selected)} {on_change}
            meaning={Some(t(lang, "prosecution.district.meaning"))} {citation} />
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    /// A source reads in the page's language, its citations as cited; an edit names the
    /// default's source in the same language.
    #[test]
    fn sources_in_the_readers_language() {
        let p = &ProsecutionParams::embedded().mexico_nexus_weight;
        let es = source_text(Lang::Es, p, false, String::new());
        assert!(es.starts_with("Supuesto;"), "{es}");
        assert!(es.contains("(Goodman 2011)"), "{es}");
        assert_eq!(source_text(Lang::En, p, false, String::new()), p.source.en);
        let edited = source_text(Lang::Es, p, true, "1.00".into());
        assert!(edited.starts_with("Fijado por usted"), "{edited}");
        assert!(edited.contains("Supuesto;"), "{edited}");
        let cited = &SentencingParams::embedded().within_range_share;
        assert!(
            source_text(Lang::Es, cited, false, String::new()).starts_with(
                "USSC, What Do Federal Firearms Offenses Really Look Like? (July 2022): el 49.6%"
            )
        );
    }
}
