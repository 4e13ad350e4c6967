//! The page footer: about Threshold and where its law and figures come from.

use yew::prelude::*;

use crate::i18n::{t, tf, use_lang, verbatim};

/// The works the app builds on, cited as published (in English).
const BACKGROUND: &str = "Colby Goodman, \"Update on U.S. Firearms Trafficking to Mexico Report\", Woodrow Wilson Center Mexico Institute, April 2011; U.S. Department of Justice, Office of the Inspector General, \"Review of ATF's Project Gunrunner\", I-2011-001, November 2010";

#[component]
pub fn SiteFooter() -> Html {
    let lang = use_lang();
    html! {
        <footer class="site-footer">
            <details class="about-sources">
                <summary>{ t(lang, "keep.footer.about") }</summary>
                <p>
                    { t(lang, "keep.footer.what") }
                </p>
                <p>
                    // The works as titled, in every language.
                    { t(lang, "keep.footer.background_label") }{ " " }<cite class="citation">{ BACKGROUND }</cite>{ "." }
                </p>
                <p class="disclaimer">{ t(lang, "keep.footer.disclaimer") }</p>
            </details>
            <p class="engine-version">{ tf(lang, "keep.footer.engine", &[("version", verbatim(threshold_engine::VERSION))]) }</p>
        </footer>
    }
}
