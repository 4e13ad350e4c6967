//! The root component: page shell (header, main area, footer).

use yew::prelude::*;

use crate::components::{
    engine_status::EngineStatus, site_footer::SiteFooter, site_header::SiteHeader,
};

#[component]
pub fn App() -> Html {
    html! {
        <>
            <SiteHeader />
            <main id="main" class="workspace">
                <EngineStatus />
            </main>
            <SiteFooter />
        </>
    }
}
