//! A yes / no / not-given fact; "not given" leaves the engine to assume it, out loud.

use threshold_engine::ManualEdition;
use yew::prelude::*;

use crate::case_fields::Fact;
use crate::components::choice_field::{ChoiceField, ChoiceOption};
use crate::i18n::{t, use_lang};

#[derive(Properties, PartialEq)]
pub struct FactFieldProps {
    pub fact: Fact,
    /// The Manual the case is evaluated under: the citation follows its numbers.
    pub edition: ManualEdition,
    pub value: Option<bool>,
    pub on_change: Callback<(Fact, Option<bool>)>,
}

#[component]
pub fn FactField(props: &FactFieldProps) -> Html {
    let lang = use_lang();
    let fact = props.fact;
    let on_change = {
        let on_change = props.on_change.clone();
        Callback::from(move |value: String| {
            let value = match value.as_str() {
                "yes" => Some(true),
                "no" => Some(false),
                _ => None,
            };
            on_change.emit((fact, value));
        })
    };
    let selected = match props.value {
        Some(true) => "yes",
        Some(false) => "no",
        None => "",
    };
    let note = fact.note(lang, props.edition);
    html! {
        <ChoiceField
            id={format!("field-{}", fact.key())}
            label={fact.label(lang)}
            options={vec![
                ChoiceOption::new("", t(lang, "case.fact.not_given")),
                ChoiceOption::new("yes", t(lang, "case.fact.yes")),
                ChoiceOption::new("no", t(lang, "case.fact.no")),
            ]}
            selected={selected}
            {on_change}
            meaning={Some(note.meaning)}
            citation={Some(note.citation)}
        />
    }
}
