//! A labelled drop-down with its legal note; options are (value, label, enabled) triples.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::components::legal_note::LegalNote;

#[derive(Clone, PartialEq)]
pub struct ChoiceOption {
    pub value: AttrValue,
    pub label: AttrValue,
    pub enabled: bool,
}

impl ChoiceOption {
    pub fn new(value: impl Into<AttrValue>, label: impl Into<AttrValue>) -> Self {
        ChoiceOption {
            value: value.into(),
            label: label.into(),
            enabled: true,
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct ChoiceFieldProps {
    /// Element id; also the test hook.
    pub id: AttrValue,
    pub label: AttrValue,
    pub options: Vec<ChoiceOption>,
    pub selected: AttrValue,
    pub on_change: Callback<String>,
    #[prop_or_default]
    pub meaning: Option<AttrValue>,
    #[prop_or_default]
    pub citation: Option<AttrValue>,
}

#[component]
pub fn ChoiceField(props: &ChoiceFieldProps) -> Html {
    let onchange = {
        let on_change = props.on_change.clone();
        Callback::from(move |event: Event| {
            on_change.emit(event.target_unchecked_into::<HtmlSelectElement>().value());
        })
    };
    html! {
        <div class="field">
            <label for={props.id.clone()}>{ props.label.clone() }</label>
            <select id={props.id.clone()} {onchange}>
                { for props.options.iter().map(|option| html! {
                    <option
                        value={option.value.clone()}
                        selected={option.value == props.selected}
                        disabled={!option.enabled}
                    >
                        { option.label.clone() }
                    </option>
                }) }
            </select>
            if let (Some(meaning), Some(citation)) = (props.meaning.clone(), props.citation.clone()) {
                <LegalNote {meaning} {citation} />
            }
        </div>
    }
}
