//! The answer first: this case under April 2011 law and under today's law, each with its
//! best charge, range, likely sentence, maximum and chance of acceptance, then one sentence.

use threshold_engine::answer::{EraAnswer, EraComparison};
use threshold_engine::sentencing_table::LIFE_MONTHS;
use threshold_engine::{ChargeId, LawEra, ManualEdition};
use yew::prelude::*;

use crate::i18n::{render, t, tf, use_lang, verbatim, Lang};
use crate::units;

#[derive(Properties, PartialEq)]
pub struct AnswerCardProps {
    pub comparison: EraComparison,
    /// The era and charges the form has chosen: the switch is offered when today's law is
    /// chosen but not today's best charge.
    pub era: LawEra,
    pub chosen: Vec<ChargeId>,
    pub on_choose: Callback<Vec<ChargeId>>,
}

fn era_column(lang: Lang, answer: &EraAnswer) -> Html {
    let (id, title) = match answer.era {
        LawEra::April2011 => ("april_2011", t(lang, "results.answer.april_2011")),
        LawEra::Today => ("today", t(lang, "results.answer.today")),
    };
    let manual = ManualEdition::from_code(&answer.manual)
        .map(|e| e.label(lang).to_string())
        .unwrap_or_default();
    let best = &answer.best;
    let range = answer.range();
    html! {
        <div class="answer-era" data-testid={format!("answer-{id}")}>
            <h3>{ title }</h3>
            <p class="answer-manual">{ manual }</p>
            <dl>
                <dt>{ t(lang, "results.answer.best_charge") }</dt>
                <dd data-testid="answer-charge">
                    { answer.charge_name.get(lang).to_string() }
                    <span class="answer-statute">{ best.statutes.clone() }</span>
                </dd>
                <dt>{ t(lang, "results.answer.range") }</dt>
                <dd data-testid="answer-range">{ tf(lang, "results.answer.range_value", &[
                    ("level", verbatim(best.offense_level.to_string())),
                    ("range", verbatim(units::month_range(lang, range.min, range.max, LIFE_MONTHS))),
                ]) }</dd>
                <dt>{ t(lang, "results.answer.likely") }</dt>
                <dd data-testid="answer-likely">{ units::months(lang, answer.likely_months().round()) }</dd>
                <dt>{ t(lang, "results.answer.maximum") }</dt>
                <dd data-testid="answer-maximum">{ units::term(lang, best.total_statutory_max_months) }</dd>
                <dt>{ t(lang, "results.answer.acceptance") }</dt>
                <dd data-testid="answer-acceptance">{ units::chance(lang, best.acceptance_probability) }</dd>
            </dl>
        </div>
    }
}

#[component]
pub fn AnswerCard(props: &AnswerCardProps) -> Html {
    let lang = use_lang();
    let c = &props.comparison;
    let today = &c.today;
    // Offered only when the form is on today's law with a charge other than today's best.
    let switch = (props.era == LawEra::Today && props.chosen != today.best.charges).then(|| {
        let charges = today.best.charges.clone();
        let on_choose = props.on_choose.clone();
        let range = today.range();
        html! {
            <p class="answer-switch" data-testid="answer-switch">
                { tf(lang, "results.answer.switch", &[
                    ("charge", verbatim(today.charge_name.get(lang))),
                    ("maximum", verbatim(units::term(lang, today.best.total_statutory_max_months))),
                    ("range", verbatim(units::month_range(lang, range.min, range.max, LIFE_MONTHS))),
                    ("acceptance", verbatim(units::chance(lang, today.best.acceptance_probability))),
                ]) }
                { " " }
                <button type="button" onclick={move |_: MouseEvent| on_choose.emit(charges.clone())}>
                    { tf(lang, "results.answer.use", &[("charge", verbatim(today.charge_name.get(lang)))]) }
                </button>
            </p>
        }
    });
    html! {
        <section class="panel answer-card" aria-labelledby="answer-title" data-testid="answer-card">
            <h2 id="answer-title">{ t(lang, "results.answer.title") }</h2>
            <div class="answer-eras">
                { era_column(lang, &c.april_2011) }
                { era_column(lang, today) }
            </div>
            <p class="answer-summary" data-testid="answer-summary">{ render(lang, &c.summary) }</p>
            { for switch }
            <details class="answer-how">
                <summary>{ t(lang, "results.answer.how_title") }</summary>
                <p class="source">{ t(lang, "results.answer.how") }</p>
            </details>
        </section>
    }
}
