//! The language switch in the header: English or Spanish, each named in its own language.

use yew::prelude::*;

use crate::i18n::{t, use_lang, Lang};

#[derive(Properties, PartialEq)]
pub struct LanguageSwitchProps {
    pub on_choose: Callback<Lang>,
}

#[component]
pub fn LanguageSwitch(props: &LanguageSwitchProps) -> Html {
    let lang = use_lang();
    html! {
        <div class="language-switch" role="group" aria-label={t(lang, "app.language.label")}
            data-testid="language-switch">
            { for Lang::ALL.into_iter().map(|option| {
                let on_choose = props.on_choose.clone();
                html! {
                    // Each name in its own language, so a reader finds theirs whatever the
                    // page speaks now.
                    <button type="button" class="secondary" lang={option.tag()}
                        aria-pressed={(option == lang).to_string()}
                        data-lang={option.code()}
                        onclick={move |_: MouseEvent| on_choose.emit(option)}>
                        { option.endonym() }
                    </button>
                }
            }) }
        </div>
    }
}
