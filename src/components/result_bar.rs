//! On a phone the results sit below a long form: a slim bar pinned to the bottom of the
//! screen keeps the headline figures in sight while typing, and jumps to the full results.

use threshold_engine::sentencing_table::LIFE_MONTHS;
use threshold_engine::ChargeOption;
use yew::prelude::*;

use crate::i18n::{t, tf, use_lang, verbatim, Arg};
use crate::units;

#[derive(Properties, PartialEq)]
pub struct ResultBarProps {
    pub option: ChargeOption,
}

#[component]
pub fn ResultBar(props: &ResultBarProps) -> Html {
    let lang = use_lang();
    let o = &props.option;
    let range = o.guideline_range_months;
    html! {
        // The link's name must contain the figures it shows (WCAG 2.5.3, label in name), so
        // the purpose is added as hidden text rather than an aria-label that would replace them.
        <a class="result-bar" href="#results-title" data-testid="result-bar">
            <span class="visually-hidden">{ format!("{} ", t(lang, "results.bar.jump")) }</span>
            <span>{ tf(lang, "results.bar.level", &[("level", Arg::from(o.offense_level))]) }</span>
            <span>{ units::month_range(lang, range.min, range.max, LIFE_MONTHS) }</span>
            <span>{ tf(lang, "results.bar.median", &[("months", verbatim(units::months(lang, o.expected_sentence_months.median)))]) }</span>
            <span>{ tf(lang, "results.bar.accepted", &[("percent", verbatim(units::percent(lang, o.acceptance_probability)))]) }</span>
        </a>
    }
}
