//! A button that downloads a file made on click (CSV or JSON), saying so if the browser
//! refuses.

use yew::prelude::*;

use crate::download;
use crate::i18n::{render, use_lang, Message};

#[derive(Properties, PartialEq)]
pub struct DownloadButtonProps {
    pub label: AttrValue,
    pub file_name: AttrValue,
    pub mime: AttrValue,
    /// Makes the file's text; called only when the user asks for it.
    pub contents: Callback<(), String>,
    #[prop_or_default]
    pub test_id: Option<AttrValue>,
}

#[component]
pub fn DownloadButton(props: &DownloadButtonProps) -> Html {
    let lang = use_lang();
    let failure = use_state(|| None::<Message>);
    let onclick = {
        let (failure, contents) = (failure.clone(), props.contents.clone());
        let (file_name, mime) = (props.file_name.clone(), props.mime.clone());
        Callback::from(move |_: MouseEvent| {
            failure.set(download::offer(&file_name, &mime, &contents.emit(())).err());
        })
    };
    html! {
        <>
            <button type="button" class="secondary download" {onclick}
                data-testid={props.test_id.clone()}>{ props.label.clone() }</button>
            if let Some(message) = &*failure {
                <span class="field-error" role="alert">{ render(lang, message) }</span>
            }
        </>
    }
}
