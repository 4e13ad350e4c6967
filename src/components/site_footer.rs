//! The page footer: about Threshold and where its law and figures come from.

use yew::prelude::*;

#[component]
pub fn SiteFooter() -> Html {
    html! {
        <footer class="site-footer">
            <details class="about-sources">
                <summary>{ "About / sources" }</summary>
                <p>
                    { "Threshold computes sentences from the U.S. Code and the U.S. Sentencing Commission's Guidelines Manual (editions of Nov. 1, 2010, 2011 and 2023). Every figure it shows names its source or is labelled an assumption. It runs entirely in this browser: nothing you enter leaves your device." }
                </p>
                <p>
                    { "Background: Colby Goodman, \"Update on U.S. Firearms Trafficking to Mexico Report\", Woodrow Wilson Center Mexico Institute, April 2011; U.S. Department of Justice, Office of the Inspector General, \"Review of ATF's Project Gunrunner\", I-2011-001, November 2010." }
                </p>
                <p class="disclaimer">{ "Not legal advice. A model of likely outcomes, not a prediction for any real person." }</p>
            </details>
            <p class="engine-version">{ format!("Engine {}", threshold_engine::VERSION) }</p>
        </footer>
    }
}
