//! Presentation mode: the story's findings one per screen in large type, stepped with the
//! arrow keys (or the buttons), Escape back to the workspace.

use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, KeyboardEvent};
use yew::prelude::*;

use crate::components::acceptance_panel::acceptance_shares;
use crate::components::paired_histogram::PairedHistogram;
use crate::components::stacked_bar::StackedBar;
use crate::i18n::{t, tf, use_lang, verbatim};
use crate::state::{Action, Deck};
use crate::story::{Slide, SlideChart};

#[derive(Properties, PartialEq)]
pub struct PresentationProps {
    pub slides: Rc<Result<Vec<Slide>, String>>,
    pub index: usize,
    /// The deck shown; the other is a button away.
    pub deck: Deck,
    pub on_action: Callback<Action>,
}

/// Where a key takes the presentation from slide `index` of `count`: `Some(Some(i))` to a
/// slide, `Some(None)` out, `None` for keys it leaves alone.
pub fn step(key: &str, index: usize, count: usize) -> Option<Option<usize>> {
    let last = count.saturating_sub(1);
    match key {
        "ArrowRight" | "ArrowDown" | "PageDown" | " " | "Enter" => {
            Some(Some((index + 1).min(last)))
        }
        "ArrowLeft" | "ArrowUp" | "PageUp" | "Backspace" => Some(Some(index.saturating_sub(1))),
        "Home" => Some(Some(0)),
        "End" => Some(Some(last)),
        "Escape" => Some(None),
        _ => None,
    }
}

#[component]
pub fn Presentation(props: &PresentationProps) -> Html {
    let lang = use_lang();
    let slide_ref = use_node_ref();
    let count = props.slides.as_ref().as_ref().map_or(0, Vec::len);
    let index = props.index.min(count.saturating_sub(1));
    {
        // Keys are read on the whole document: the slide has focus, but a click on a button
        // moves it, and the arrows must still step.
        let on_action = props.on_action.clone();
        use_effect_with((index, count), move |&(index, count)| {
            let listener = web_sys::window()
                .and_then(|w| w.document())
                .map(|document| {
                    let options = EventListenerOptions::enable_prevent_default();
                    EventListener::new_with_options(&document, "keydown", options, move |event| {
                        let Some(event) = event.dyn_ref::<KeyboardEvent>() else {
                            return;
                        };
                        // Buttons act on Enter and Space themselves.
                        let on_button = event
                            .target()
                            .and_then(|t| t.dyn_into::<HtmlElement>().ok())
                            .is_some_and(|t| t.tag_name() == "BUTTON");
                        if on_button && matches!(event.key().as_str(), " " | "Enter") {
                            return;
                        }
                        if let Some(to) = step(&event.key(), index, count) {
                            event.prevent_default();
                            on_action.emit(Action::Present(to));
                        }
                    })
                });
            move || drop(listener)
        });
    }
    {
        // Each new slide, and each deck's first, takes focus, so a screen reader reads it
        // from its title.
        let slide_ref = slide_ref.clone();
        use_effect_with((index, props.deck), move |_| {
            if let Some(slide) = slide_ref.cast::<HtmlElement>() {
                let _ = slide.focus();
            }
        });
    }
    let go = |to: Option<usize>| {
        props
            .on_action
            .reform(move |_: MouseEvent| Action::Present(to))
    };
    let body = match props.slides.as_ref() {
        Ok(slides) if !slides.is_empty() => {
            let slide = &slides[index];
            let title_id = format!("slide-{}", slide.id);
            html! {
                <section class="slide" ref={slide_ref} tabindex="-1" aria-labelledby={title_id.clone()}
                    aria-roledescription={t(lang, "story.ui.slide")} data-testid="slide" data-slide={slide.id}>
                    <p class="slide-count">{ format!("{} / {}", index + 1, slides.len()) }</p>
                    // The page's one level-one heading while presenting: the site header is not shown.
                    <h1 id={title_id} class="slide-title">{ slide.title.clone() }</h1>
                    // The figure beside its charts on a wide screen, so a slide with both
                    // still fits a projector without scrolling.
                    <div class={classes!("slide-top", (!slide.charts.is_empty()).then_some("with-charts"))}>
                        <div class="slide-lead">
                            <p class="slide-figure" data-testid="slide-figure">{ slide.figure.clone() }</p>
                            <p class="slide-caption">{ slide.figure_caption.clone() }</p>
                        </div>
                        if !slide.charts.is_empty() {
                            <div class="slide-charts">
                                { for slide.charts.iter().map(|chart| match chart {
                                    SlideChart::Referrals { title, accept, reasons } => html! {
                                        <StackedBar title={AttrValue::from(title.clone())} shares={acceptance_shares(*accept, reasons)} captioned=true />
                                    },
                                    SlideChart::Draws { title, unit, histogram } => html! {
                                        <PairedHistogram title={AttrValue::from(title.clone())} unit={AttrValue::from(unit.clone())}
                                            histogram={histogram.clone()} />
                                    },
                                }) }
                            </div>
                        }
                    </div>
                    if !slide.before_after.is_empty() {
                        <table class="slide-table">
                            <thead>
                                <tr><th scope="col"><span class="visually-hidden">{ t(lang, "story.ui.figure") }</span></th><th scope="col">{ slide.columns[0].clone() }</th><th scope="col">{ slide.columns[1].clone() }</th><th scope="col">{ t(lang, "story.ui.difference") }</th></tr>
                            </thead>
                            <tbody>
                                { for slide.before_after.iter().map(|row| html! {
                                    <tr>
                                        <th scope="row">{ row.label.clone() }</th>
                                        <td>{ row.before.clone() }</td>
                                        <td>{ row.after.clone() }</td>
                                        <td>{ if row.difference.is_empty() { t(lang, "story.ui.no_difference").to_string() } else { row.difference.clone() } }</td>
                                    </tr>
                                }) }
                            </tbody>
                        </table>
                    }
                    if !slide.points.is_empty() {
                        <ul class="slide-points">
                            { for slide.points.iter().map(|p| html! { <li>{ p.clone() }</li> }) }
                        </ul>
                    }
                    <p class="slide-source">{ tf(lang, "story.ui.source", &[("source", verbatim(slide.source.clone()))]) }</p>
                </section>
            }
        }
        Ok(_) => html! { <p>{ t(lang, "story.ui.no_slides") }</p> },
        Err(message) => html! {
            <section class="slide" ref={slide_ref} tabindex="-1" role="alert">
                <h1 class="slide-title">{ t(lang, "story.ui.cannot_compute") }</h1>
                <p>{ message.clone() }</p>
            </section>
        },
    };
    html! {
        <main id="main" class="presentation" aria-label={t(lang, "story.ui.presentation")}
            data-deck={match props.deck { Deck::YourCase => "case", Deck::Story => "story" }}>
            { body }
            <nav class="slide-nav" aria-label={t(lang, "story.ui.controls")}>
                <button type="button" class="secondary" onclick={go(Some(index.saturating_sub(1)))}
                    disabled={index == 0} data-testid="slide-previous">{ t(lang, "story.ui.previous") }</button>
                <button type="button" onclick={go(Some((index + 1).min(count.saturating_sub(1))))}
                    disabled={index + 1 >= count} data-testid="slide-next">{ t(lang, "story.ui.next") }</button>
                <span class="slide-decks" role="group" aria-label={t(lang, "story.ui.decks")}>
                    { for [(Deck::YourCase, "story.ui.deck_case", "deck-case"), (Deck::Story, "story.ui.deck_story", "deck-story")].into_iter().map(|(deck, key, test_id)| {
                        let on_action = props.on_action.clone();
                        html! {
                            <button type="button" class="secondary" aria-pressed={(props.deck == deck).to_string()} data-testid={test_id}
                                onclick={move |_: MouseEvent| on_action.emit(Action::ChooseDeck(deck))}>{ t(lang, key) }</button>
                        }
                    }) }
                </span>
                <button type="button" class="secondary" onclick={go(None)} data-testid="slide-exit">
                    { t(lang, "story.ui.exit") }
                </button>
                <span class="slide-keys">{ t(lang, "story.ui.keys") }</span>
            </nav>
        </main>
    }
}

#[cfg(test)]
mod tests {
    use super::step;

    #[test]
    fn keys_step_within_the_story_and_escape_leaves() {
        assert_eq!(step("ArrowRight", 0, 5), Some(Some(1)));
        assert_eq!(step("ArrowRight", 4, 5), Some(Some(4)));
        assert_eq!(step("ArrowLeft", 0, 5), Some(Some(0)));
        assert_eq!(step("PageUp", 3, 5), Some(Some(2)));
        assert_eq!(step("Home", 3, 5), Some(Some(0)));
        assert_eq!(step("End", 1, 5), Some(Some(4)));
        assert_eq!(step("Escape", 2, 5), Some(None));
        assert_eq!(step("a", 2, 5), None);
        assert_eq!(step("ArrowRight", 0, 0), Some(Some(0)));
    }
}
