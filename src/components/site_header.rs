//! The page header: the product's name, what it answers, and the link to the current view.

use yew::prelude::*;

use crate::components::copy_link::CopyLink;

#[derive(Properties, PartialEq)]
pub struct SiteHeaderProps {
    /// Whether the caseload uses imported cases (which links leave out).
    pub imported: bool,
    /// Brings the address bar up to date and returns it.
    pub current_address: Callback<(), String>,
    /// Starts the presentation.
    pub on_present: Callback<()>,
}

#[component]
pub fn SiteHeader(props: &SiteHeaderProps) -> Html {
    html! {
        <header class="site-header">
            <a class="skip-link" href="#main">{ "Skip to content" }</a>
            <div class="site-heading">
                <h1 class="site-title">{ "Threshold" }</h1>
                <p class="site-tagline">
                    { "Federal firearms-trafficking sentences, prosecution and penalty what-ifs — computed in your browser." }
                </p>
            </div>
            <div class="header-actions">
                <button type="button" id="present-button" class="secondary" data-testid="present"
                    onclick={props.on_present.reform(|_: MouseEvent| ())}>{ "Present" }</button>
                <button type="button" class="secondary" data-testid="print-brief" onclick={Callback::from(|_: MouseEvent| {
                    // Printing shows the one-page brief (see the print stylesheet).
                    if let Some(window) = web_sys::window() {
                        let _ = window.print();
                    }
                })}>{ "Print brief" }</button>
                <CopyLink imported={props.imported} current_address={props.current_address.clone()} />
            </div>
        </header>
    }
}
