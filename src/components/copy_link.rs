//! "Copy link": puts the address of the current view (kept in the URL fragment) on the
//! clipboard, or shows it in a box to copy by hand when the browser refuses.

use wasm_bindgen_futures::JsFuture;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::i18n::{t, use_lang};

#[derive(Properties, PartialEq)]
pub struct CopyLinkProps {
    /// Cases imported from CSV are left out of links; the user is told so here.
    pub imported: bool,
    /// Brings the address bar up to date and returns it.
    pub current_address: Callback<(), String>,
}

#[derive(Clone, PartialEq)]
enum Copied {
    NotYet,
    Done,
    /// The browser refused the clipboard: the link to copy by hand.
    Refused(String),
}

#[component]
pub fn CopyLink(props: &CopyLinkProps) -> Html {
    let lang = use_lang();
    let copied = use_state(|| Copied::NotYet);
    let onclick = {
        let (copied, current_address) = (copied.clone(), props.current_address.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(window) = web_sys::window() else {
                return;
            };
            let href = current_address.emit(());
            // The clipboard API exists only in secure contexts (https, localhost); elsewhere
            // calling it would throw, so the box is the only way.
            if !window.is_secure_context() {
                copied.set(Copied::Refused(href));
                return;
            }
            let promise = window.navigator().clipboard().write_text(&href);
            let copied = copied.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match JsFuture::from(promise).await {
                    Ok(_) => copied.set(Copied::Done),
                    Err(_) => copied.set(Copied::Refused(href)),
                }
            });
        })
    };
    let select_all = Callback::from(|event: FocusEvent| {
        event.target_unchecked_into::<HtmlInputElement>().select();
    });
    html! {
        <div class="share">
            <button type="button" class="secondary" {onclick} data-testid="copy-link">{ t(lang, "keep.copy.button") }</button>
            { match &*copied {
                Copied::NotYet => html! {},
                Copied::Done => html! {
                    <p class="share-status" role="status" data-testid="link-copied">
                        { t(lang, "keep.copy.done") }
                    </p>
                },
                Copied::Refused(href) => html! {
                    <p class="share-status" role="status">
                        <label for="share-link-text">{ t(lang, "keep.copy.refused") }</label>
                        <input id="share-link-text" data-testid="share-link-text" type="text" readonly=true
                            value={href.clone()} onfocus={select_all} />
                    </p>
                },
            } }
            if props.imported {
                <p class="share-note" data-testid="share-imported-note">
                    { t(lang, "keep.copy.imported") }
                </p>
            }
        </div>
    }
}
