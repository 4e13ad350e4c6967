//! The case in one paragraph of given facts: what a printed page shows instead of the form.

use threshold_engine::{Case, ChargeId, Law};
use yew::prelude::*;

use crate::case_fields::{Fact, Quantity};
use crate::units;

#[derive(Properties, PartialEq)]
pub struct CaseFactsProps {
    pub case: Case,
    pub charges: Vec<ChargeId>,
}

#[component]
pub fn CaseFacts(props: &CaseFactsProps) -> Html {
    let case = &props.case;
    let law = Law::embedded();
    let charges = props
        .charges
        .iter()
        .map(|id| law.charge(*id).map_or(id.code(), |c| c.statute.as_str()))
        .collect::<Vec<_>>()
        .join(" + ");
    let mut given: Vec<String> = vec![
        format!("{}", case.law_era),
        case.manual_edition()
            .label(crate::i18n::Lang::En)
            .to_string(),
        format!("charged: {charges}"),
    ];
    if let Some(history) = case.criminal_history {
        given.push(format!("criminal history {history}"));
    }
    for quantity in Quantity::ALL {
        if let Some(value) = quantity.get(case) {
            given.push(format!(
                "{}: {} {}",
                quantity.label().to_lowercase(),
                units::number(crate::i18n::Lang::En, value),
                quantity.rule().unit
            ));
        }
    }
    let all_facts = [
        Fact::KIND_OF_FIREARMS.as_slice(),
        &Fact::KNOWLEDGE_AND_NEXUS,
        &Fact::INVESTIGATION,
        &Fact::PLEA,
    ]
    .concat();
    for fact in all_facts {
        if let Some(value) = fact.get(case) {
            given.push(format!(
                "{}: {}",
                fact.label().to_lowercase(),
                if value { "yes" } else { "no" }
            ));
        }
    }
    html! {
        <section class="panel case-facts print-only" aria-label="The case, as given">
            <h2>{ "The case" }</h2>
            <p>{ given.join("; ") }{ ". Everything else is assumed, as the worksheet states." }</p>
        </section>
    }
}
