//! A date box for the offense and sentencing dates: the browser's own date picker, read as
//! an ISO date the engine checks; a date it refuses is said in plain words.

use threshold_engine::{Date, ManualEdition, Message};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::legal_note::LegalNote;
use crate::i18n::{tf, use_lang, Arg};

#[derive(Properties, PartialEq)]
pub struct DateFieldProps {
    /// Element id; also the test hook.
    pub id: AttrValue,
    pub label: AttrValue,
    /// The value in the state (`None`: not given).
    pub value: Option<Date>,
    pub on_change: Callback<Option<Date>>,
    pub meaning: AttrValue,
    pub citation: AttrValue,
}

#[component]
pub fn DateField(props: &DateFieldProps) -> Html {
    let lang = use_lang();
    let refused = use_state(|| false);
    let oninput = {
        let refused = refused.clone();
        let on_change = props.on_change.clone();
        Callback::from(move |event: InputEvent| {
            let typed = event.target_unchecked_into::<HtmlInputElement>().value();
            let typed = typed.trim();
            if typed.is_empty() {
                refused.set(false);
                on_change.emit(None);
                return;
            }
            // Before the first modelled Manual an earlier one would apply, which the engine
            // does not have: refused here, so the results keep the last answer it can give.
            match typed
                .parse::<Date>()
                .ok()
                .filter(|day| *day >= ManualEdition::first().effective())
            {
                Some(day) => {
                    refused.set(false);
                    on_change.emit(Some(day));
                }
                None => refused.set(true),
            }
        })
    };
    let error_id = format!("{}-error", props.id);
    html! {
        <div class={classes!("field", refused.then_some("invalid"))}>
            <label for={props.id.clone()}>{ props.label.clone() }</label>
            <input
                id={props.id.clone()}
                type="date"
                min={ManualEdition::first().effective().to_string()}
                max="2199-12-31"
                value={props.value.map(|d| d.to_string()).unwrap_or_default()}
                aria-invalid={refused.to_string()}
                aria-describedby={refused.then(|| error_id.clone())}
                {oninput}
            />
            if *refused {
                <p id={error_id} class="field-error" role="alert">
                    { tf(lang, "case.error.date", &[("first", Arg::from(Message::date(ManualEdition::first().effective())))]) }
                </p>
            }
            <LegalNote meaning={props.meaning.clone()} citation={props.citation.clone()} />
        </div>
    }
}
