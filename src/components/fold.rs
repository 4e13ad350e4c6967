//! A disclosure whose contents are put on the page the first time it opens: most readers
//! never open most folds, and a closed fold's tables would otherwise be built on the first
//! render and redrawn on every keystroke.

use web_sys::HtmlDetailsElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FoldProps {
    /// What the closed fold shows.
    pub summary: Html,
    #[prop_or_default]
    pub class: Classes,
    #[prop_or_default]
    pub test_id: Option<AttrValue>,
    #[prop_or_default]
    pub children: Html,
}

#[function_component]
pub fn Fold(props: &FoldProps) -> Html {
    // Kept once shown: closing the fold must not drop anything the reader typed in it.
    let shown = use_state_eq(|| false);
    let on_toggle = {
        let shown = shown.setter();
        Callback::from(move |e: Event| {
            if e.target_dyn_into::<HtmlDetailsElement>()
                .is_some_and(|d| d.open())
            {
                shown.set(true);
            }
        })
    };
    html! {
        <details class={props.class.clone()} data-testid={props.test_id.clone()} ontoggle={on_toggle}>
            <summary>{ props.summary.clone() }</summary>
            if *shown {
                { props.children.clone() }
            }
        </details>
    }
}
