//! The case in one paragraph of given facts: what a printed page shows instead of the form.

use threshold_engine::{Case, ChargeId, Law};
use yew::prelude::*;

use crate::case_fields::{era_phrase, manual_label, Fact, Quantity};
use crate::i18n::{t, tf, use_lang, verbatim, Lang};
use crate::units;

#[derive(Properties, PartialEq)]
pub struct CaseFactsProps {
    pub case: Case,
    pub charges: Vec<ChargeId>,
}

/// A field's label inside the paragraph's running sentence.
fn in_sentence(lang: Lang, label: &str) -> String {
    match lang {
        Lang::En => label.to_lowercase(),
        // Spanish labels carry proper nouns and acronyms (México, ICE, NFA) that lowering the
        // whole label would spoil: only a capitalised first word is lowered.
        Lang::Es => {
            let mut chars = label.chars();
            match chars.next() {
                Some(first) if !chars.clone().next().is_some_and(char::is_uppercase) => {
                    first.to_lowercase().chain(chars).collect()
                }
                _ => label.to_string(),
            }
        }
    }
}

#[component]
pub fn CaseFacts(props: &CaseFactsProps) -> Html {
    let lang = use_lang();
    let case = &props.case;
    let law = Law::embedded();
    let charges = props
        .charges
        .iter()
        .map(|id| law.charge(*id).map_or(id.code(), |c| c.statute.as_str()))
        .collect::<Vec<_>>()
        .join(" + ");
    let mut given: Vec<String> = vec![
        era_phrase(lang, case.law_era).to_string(),
        manual_label(lang, case.manual_edition()).to_string(),
        tf(
            lang,
            "case.facts.charged",
            &[("charges", verbatim(charges))],
        ),
    ];
    if let Some(history) = case.criminal_history {
        given.push(tf(
            lang,
            "case.facts.history",
            &[("category", verbatim(history.roman()))],
        ));
    }
    for quantity in Quantity::ALL {
        if let Some(value) = quantity.get(case) {
            given.push(format!(
                "{}: {} {}",
                in_sentence(lang, &quantity.label(lang)),
                units::number(lang, value),
                quantity.unit(lang)
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
                in_sentence(lang, &fact.label(lang)),
                if value {
                    t(lang, "case.fact.yes_lower")
                } else {
                    t(lang, "case.fact.no_lower")
                }
            ));
        }
    }
    html! {
        <section class="panel case-facts print-only" aria-label={t(lang, "case.as_given")}>
            <h2>{ t(lang, "case.title") }</h2>
            <p>{ given.join("; ") }{ t(lang, "case.facts.rest_assumed") }</p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_join_the_sentence_without_spoiling_names() {
        assert_eq!(
            in_sentence(Lang::En, "Number of firearms"),
            "number of firearms"
        );
        assert_eq!(
            in_sentence(Lang::Es, "Las armas llegaron, o iban a llegar, a México"),
            "las armas llegaron, o iban a llegar, a México"
        );
        assert_eq!(
            in_sentence(Lang::Es, "ICE participa en la investigación"),
            "ICE participa en la investigación"
        );
        assert_eq!(in_sentence(Lang::Es, ""), "");
    }
}
