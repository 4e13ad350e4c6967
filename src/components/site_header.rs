//! The page header: the product's name, what it answers, the language, and the link to the
//! current view.

use yew::prelude::*;

use crate::components::copy_link::CopyLink;
use crate::components::language_switch::LanguageSwitch;
use crate::i18n::{t, use_lang, Lang};

#[derive(Properties, PartialEq)]
pub struct SiteHeaderProps {
    /// Whether the caseload uses imported cases (which links leave out).
    pub imported: bool,
    /// Brings the address bar up to date and returns it.
    pub current_address: Callback<(), String>,
    /// Starts the presentation.
    pub on_present: Callback<()>,
    pub on_lang: Callback<Lang>,
}

#[component]
pub fn SiteHeader(props: &SiteHeaderProps) -> Html {
    let lang = use_lang();
    html! {
        <header class="site-header">
            <a class="skip-link" href="#main">{ t(lang, "app.skip_to_content") }</a>
            <a class="skip-link" href="#results-title" data-testid="skip-to-results">{ t(lang, "app.skip_to_results") }</a>
            <div class="site-heading">
                <h1 class="site-title">{ "Threshold" }</h1>
                <p class="site-tagline">{ t(lang, "app.tagline") }</p>
            </div>
            <div class="header-actions">
                <LanguageSwitch on_choose={props.on_lang.clone()} />
                <button type="button" id="present-button" class="secondary" data-testid="present"
                    onclick={props.on_present.reform(|_: MouseEvent| ())}>{ t(lang, "app.present") }</button>
                <button type="button" class="secondary" data-testid="print-brief" onclick={Callback::from(|_: MouseEvent| {
                    // Printing shows the one-page brief (see the print stylesheet).
                    if let Some(window) = web_sys::window() {
                        let _ = window.print();
                    }
                })}>{ t(lang, "app.print_brief") }</button>
                <CopyLink imported={props.imported} current_address={props.current_address.clone()} />
            </div>
        </header>
    }
}
