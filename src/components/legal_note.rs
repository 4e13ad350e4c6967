//! "What does this mean?": a field's legal meaning and citation, shown on demand.

use yew::prelude::*;

use crate::i18n::{t, use_lang};

#[derive(Properties, PartialEq)]
pub struct LegalNoteProps {
    pub meaning: AttrValue,
    pub citation: AttrValue,
}

#[component]
pub fn LegalNote(props: &LegalNoteProps) -> Html {
    let lang = use_lang();
    html! {
        <details class="legal-note">
            <summary>{ t(lang, "case.legal_note.summary") }</summary>
            <p>{ props.meaning.clone() }</p>
            <p class="citation">{ props.citation.clone() }</p>
        </details>
    }
}
