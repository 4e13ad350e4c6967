//! "What does this mean?": a field's legal meaning and citation, shown on demand.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LegalNoteProps {
    pub meaning: AttrValue,
    pub citation: AttrValue,
}

#[component]
pub fn LegalNote(props: &LegalNoteProps) -> Html {
    html! {
        <details class="legal-note">
            <summary>{ "What does this mean?" }</summary>
            <p>{ props.meaning.clone() }</p>
            <p class="citation">{ props.citation.clone() }</p>
        </details>
    }
}
