//! The likely sentence over the facts the case leaves unknown, each spread over the referral
//! population (the worksheet lists the distributions), beside the range for the most likely
//! value.

use threshold_engine::likely::LikelySentence;
use yew::prelude::*;

use crate::i18n::{t, tf, use_lang, verbatim};
use crate::units;

#[derive(Properties, PartialEq)]
pub struct LikelySentenceProps {
    pub likely: LikelySentence,
}

#[component]
pub fn LikelySentenceNote(props: &LikelySentenceProps) -> Html {
    let lang = use_lang();
    let l = &props.likely;
    html! {
        <section class="likely-sentence" aria-labelledby="likely-title" data-testid="likely-sentence">
            <h3 id="likely-title">{ t(lang, "results.likely.title") }</h3>
            <p data-testid="likely-figures">{ tf(lang, "results.likely.figures", &[
                ("median", verbatim(units::months(lang, l.median))),
                ("low", verbatim(units::number(lang, l.p10))),
                ("high", verbatim(units::number(lang, l.p90))),
                ("mean", verbatim(units::months(lang, l.mean))),
            ]) }</p>
            <p>{ t(lang, "results.likely.covers") }</p>
        </section>
    }
}
