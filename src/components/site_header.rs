//! The page header: the product's name and what it answers.

use yew::prelude::*;

#[component]
pub fn SiteHeader() -> Html {
    html! {
        <header class="site-header">
            <a class="skip-link" href="#main">{ "Skip to content" }</a>
            <h1 class="site-title">{ "Threshold" }</h1>
            <p class="site-tagline">
                { "Federal firearms-trafficking sentences, prosecution and penalty what-ifs — computed in your browser." }
            </p>
        </header>
    }
}
