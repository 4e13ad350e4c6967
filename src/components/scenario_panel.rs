//! The proposal to compare with the status quo: pick a preset, read what it changes and
//! where that comes from, or copy it and edit the copy.

use threshold_engine::scenario::{presets, Scenario, ScenarioError};
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::components::choice_field::{ChoiceField, ChoiceOption};
use crate::i18n::{render, t, tf, tn, use_lang, verbatim};
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct ScenarioPanelProps {
    pub scenario: Scenario,
    pub on_action: Callback<Action>,
    /// The side-by-side comparison, placed under the description.
    #[prop_or_default]
    pub children: Html,
}

/// The value of the picker: a preset's id, or "" for the user's own copy.
fn picker_value(scenario: &Scenario) -> &str {
    if presets().iter().any(|p| p == scenario) {
        &scenario.id
    } else {
        ""
    }
}

#[component]
pub fn ScenarioPanel(props: &ScenarioPanelProps) -> Html {
    let lang = use_lang();
    let scenario = &props.scenario;
    let editing = use_state(|| false);
    let draft = use_state(String::new);
    // Kept as the engine's error, so it is worded in the language of each render.
    let error = use_state(|| None::<ScenarioError>);

    let custom = picker_value(scenario).is_empty();
    let mut options = presets()
        .iter()
        .map(|p| ChoiceOption::new(p.id.clone(), p.name_in(lang)))
        .collect::<Vec<_>>();
    if custom {
        options.push(ChoiceOption::new(
            "",
            tf(
                lang,
                "scenario.custom_option",
                &[("name", verbatim(scenario.name_in(lang)))],
            ),
        ));
    }
    let on_pick = props.on_action.reform(|id: String| {
        let chosen = presets().iter().find(|p| p.id == id).cloned();
        // The picker only lists presets, so an unknown id cannot come from it.
        Action::SetScenario(Box::new(chosen.unwrap_or_else(|| presets()[0].clone())))
    });
    let on_copy = {
        let (editing, draft, error) = (editing.clone(), draft.clone(), error.clone());
        let scenario = scenario.clone();
        Callback::from(move |_: MouseEvent| {
            let mut copy = scenario.clone();
            if !copy.id.ends_with("_copy") {
                copy.id = format!("{}_copy", copy.id);
                // The copy's name is data the user then edits, written in the language the
                // page was in when they copied it.
                copy.name = tf(
                    lang,
                    "scenario.copy_name",
                    &[("name", verbatim(copy.name_in(lang)))],
                );
            }
            draft.set(serde_json::to_string_pretty(&copy).unwrap_or_default());
            error.set(None);
            editing.set(true);
        })
    };
    let on_draft = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            draft.set(e.target_unchecked_into::<HtmlTextAreaElement>().value())
        })
    };
    let on_apply = {
        let (editing, draft, error) = (editing.clone(), draft.clone(), error.clone());
        let on_action = props.on_action.clone();
        Callback::from(move |_: MouseEvent| match Scenario::from_json(&draft) {
            Ok(edited) => {
                error.set(None);
                editing.set(false);
                on_action.emit(Action::SetScenario(Box::new(edited)));
            }
            Err(e) => error.set(Some(e)),
        })
    };
    let on_cancel = {
        let editing = editing.clone();
        Callback::from(move |_: MouseEvent| editing.set(false))
    };

    html! {
        <section class="panel scenario-panel" aria-labelledby="scenario-title">
            <h2 id="scenario-title">{ t(lang, "scenario.title") }</h2>
            <ChoiceField id="field-scenario" label={t(lang, "scenario.picker")}
                options={options} selected={picker_value(scenario).to_string()} on_change={on_pick} />
            <p class="scenario-description" data-testid="scenario-description">{ scenario.description_in(lang) }</p>
            <p class="source">{ tf(lang, "scenario.source", &[("source", verbatim(scenario.source_in(lang)))]) }</p>
            <details class="scenario-changes">
                <summary>{ tn(lang, "scenario.changes", scenario.changes.len(), &[]) }</summary>
                <ol>
                    { for scenario.changes.iter().map(|change| html! {
                        <li>
                            <strong>{ change.label_in(lang) }</strong>
                            if change.assumption {
                                { " " }<span class="assumption-tag">{ t(lang, "scenario.assumption") }</span>
                            }
                            <span class="citation">{ change.source_in(lang).to_string() }</span>
                        </li>
                    }) }
                </ol>
            </details>
            if *editing {
                <div class="scenario-editor">
                    <label for="scenario-json">{ t(lang, "scenario.editor_label") }</label>
                    <textarea id="scenario-json" rows="16" spellcheck="false" value={(*draft).clone()} oninput={on_draft} />
                    if let Some(why) = (*error).as_ref() {
                        <p class="field-error" role="alert" data-testid="scenario-error">{ render(lang, &why.plain_message()) }</p>
                    }
                    <button type="button" onclick={on_apply}>{ t(lang, "scenario.apply") }</button>
                    { " " }
                    <button type="button" class="secondary" onclick={on_cancel}>{ t(lang, "scenario.cancel") }</button>
                </div>
            } else {
                <button type="button" class="secondary" onclick={on_copy}>{ t(lang, "scenario.copy") }</button>
            }
            { props.children.clone() }
        </section>
    }
}
