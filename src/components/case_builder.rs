//! The case builder: the facts in plain words, grouped as a briefer would tell them.

use std::sync::atomic::{AtomicBool, Ordering};
use threshold_engine::law::{Checked, Conduct933};
use threshold_engine::{
    Case, ChargeId, CriminalHistory, Law, LawEra, ManualChoice, ManualEdition, Recipient, Role,
};

use yew::prelude::*;

use crate::case_fields::{era_label, manual_label, Fact, Quantity};
use crate::components::choice_field::{ChoiceField, ChoiceOption};
use crate::components::date_field::DateField;
use crate::components::fact_field::FactField;
use crate::components::number_field::NumberField;
use crate::i18n::{render, t, tf, use_lang, verbatim, Lang};
use crate::state::Action;
use threshold_engine::examples::examples;

#[derive(Properties, PartialEq)]
pub struct CaseBuilderProps {
    pub case: Case,
    /// Whether an example is on the form, the user's own case kept.
    #[prop_or_default]
    pub trying_example: bool,
    pub on_action: Callback<Action>,
}

fn role_label(lang: Lang, role: Role) -> AttrValue {
    t(lang, &format!("case.role.{}", role_code(role)))
}

fn role_code(role: Role) -> &'static str {
    match role {
        Role::None => "none",
        Role::OrganizerLeader => "organizer_leader",
        Role::ManagerSupervisor => "manager_supervisor",
        Role::OrganizerSmall => "organizer_small",
        Role::Minor => "minor",
        Role::MinorMinimal => "minor_minimal",
        Role::Minimal => "minimal",
    }
}

/// Each recipient with its code; its label is the key `case.recipient.{code}`.
const RECIPIENTS: [(Recipient, &str); 3] = [
    (Recipient::None, "none"),
    (Recipient::ProhibitedPerson, "prohibited_person"),
    (Recipient::Dangerous, "dangerous"),
];

/// Whether the reader opened "More facts": kept outside the component, which the
/// presentation unmounts, so coming back from the slides finds the fold as it was left.
static MORE_FACTS_OPEN: AtomicBool = AtomicBool::new(false);

/// The yes-or-no facts asked in the quick start; the rest of their group folds away.
const QUICK_FACTS: [Fact; 3] = [
    Fact::MexicoNexus,
    Fact::KnewLeavingUs,
    Fact::KnewBuyerProhibited,
];

fn charge_options(lang: Lang, law: &Law, era: LawEra) -> Vec<ChoiceOption> {
    law.charges
        .iter()
        .map(|charge| {
            let available = charge.exists_in(era);
            let suffix = if available {
                String::new()
            } else {
                format!(" — {}", t(lang, "case.charge.not_in_era"))
            };
            ChoiceOption {
                value: charge.id.code().into(),
                label: format!("{} — {}{suffix}", charge.statute, charge.name.get(lang)).into(),
                enabled: available,
            }
        })
        .collect()
}

#[component]
pub fn CaseBuilder(props: &CaseBuilderProps) -> Html {
    let lang = use_lang();
    // The fold's fields are built the first time it opens (most visitors never open it, and
    // it holds most of the form), then kept, so closing it drops nothing typed in them.
    let more_facts = use_state_eq(|| MORE_FACTS_OPEN.load(Ordering::Relaxed));
    let more_facts_shown = more_facts.setter();
    let case = &props.case;
    let law = Law::embedded();
    let on_action = props.on_action.clone();

    let on_fact = on_action.reform(|(fact, value)| Action::SetFact(fact, value));
    let on_quantity = on_action.reform(|(quantity, value)| Action::SetQuantity(quantity, value));
    let edition = threshold_engine::evaluate::manual_used(case, law);
    let fact = |fact: Fact| {
        html! { <FactField {fact} {edition} value={fact.get(case)} on_change={on_fact.clone()} /> }
    };
    let quantity = |quantity: Quantity, assumed: AttrValue| {
        html! {
            <NumberField {quantity} {edition} value={quantity.get(case)} assumed={assumed}
                on_change={on_quantity.clone()} />
        }
    };

    let on_era = on_action.reform(|code: String| {
        Action::SetLawEra(if code == "today" {
            LawEra::Today
        } else {
            LawEra::April2011
        })
    });
    let on_manual =
        on_action.reform(|code: String| Action::SetManual(ManualChoice::from_code(&code)));
    let on_offense_date = on_action.reform(Action::SetOffenseDate);
    let on_sentencing_date = on_action.reform(Action::SetSentencingDate);
    let on_charge = {
        let on_action = on_action.clone();
        Callback::from(move |code: String| {
            if let Some(charge) = ChargeId::from_code(&code) {
                on_action.emit(Action::SetCharge(charge));
            }
        })
    };
    let on_history = on_action
        .reform(|code: String| Action::SetCriminalHistory(CriminalHistory::from_roman(&code)));
    let on_role = on_action.reform(|code: String| {
        Action::SetRole(Role::ALL.into_iter().find(|r| role_code(*r) == code))
    });
    let on_conduct = on_action.reform(|code: String| {
        Action::SetConduct933(Conduct933::ALL.into_iter().find(|c| c.code() == code))
    });
    let conduct_field = (case.charge == ChargeId::Trafficking933).then(|| {
        let options = std::iter::once(ChoiceOption::new("", t(lang, "case.conduct_933.not_given")))
            .chain(Conduct933::ALL.into_iter().map(|c| {
                ChoiceOption::new(c.code(), t(lang, &format!("case.conduct_933.{}", c.code())))
            }))
            .collect::<Vec<_>>();
        html! {
            <ChoiceField id="field-trafficking_933_conduct" label={t(lang, "case.conduct_933.label")}
                {options}
                selected={case.trafficking_933_conduct.map(|c| c.code()).unwrap_or("")}
                on_change={on_conduct}
                meaning={Some(t(lang, "case.conduct_933.meaning"))}
                citation={Some(crate::case_fields::fact_citation(edition, "trafficking_933_conduct"))} />
        }
    });
    let on_recipient = on_action.reform(|code: String| {
        Action::SetRecipient(RECIPIENTS.iter().find(|(_, c)| *c == code).map(|(r, _)| *r))
    });

    let default_manual = case.law_era.default_manual();
    let default_label = if case.offense_date.is_some() {
        t(lang, "case.manual.dates_default")
    } else {
        tf(
            lang,
            "case.manual.era_default",
            &[(
                "manual",
                verbatim(manual_label(lang, default_manual).as_str()),
            )],
        )
        .into()
    };
    let manual_options = [
        ChoiceOption::new("", default_label),
        ChoiceOption::new(ManualChoice::AUTO, t(lang, "case.manual.auto")),
    ]
    .into_iter()
    .chain(ManualEdition::all().map(|e| ChoiceOption::new(e.code(), manual_label(lang, e))))
    .collect::<Vec<_>>();
    let history_options = std::iter::once(ChoiceOption::new("", t(lang, "case.history.not_given")))
        .chain(CriminalHistory::ALL.into_iter().map(|c| {
            let hint = match c {
                CriminalHistory::I => t(lang, "case.history.I"),
                CriminalHistory::II => AttrValue::Static("II"),
                CriminalHistory::III => AttrValue::Static("III"),
                CriminalHistory::IV => AttrValue::Static("IV"),
                CriminalHistory::V => AttrValue::Static("V"),
                CriminalHistory::VI => t(lang, "case.history.VI"),
            };
            ChoiceOption::new(c.roman(), hint)
        }))
        .collect::<Vec<_>>();
    let role_options = std::iter::once(ChoiceOption::new("", t(lang, "case.role.not_given")))
        .chain(
            Role::ALL
                .into_iter()
                .map(|r| ChoiceOption::new(role_code(r), role_label(lang, r))),
        )
        .collect::<Vec<_>>();
    let recipient_options =
        std::iter::once(ChoiceOption::new("", t(lang, "case.recipient.not_given")))
            .chain(RECIPIENTS.iter().map(|(_, code)| {
                ChoiceOption::new(*code, t(lang, &format!("case.recipient.{code}")))
            }))
            .collect::<Vec<_>>();

    let examples = examples().iter().map(|example| {
        let on_action = on_action.clone();
        let case = example.case.clone();
        html! {
            <button type="button" class="secondary" data-testid={format!("example-{}", example.id)}
                onclick={move |_: MouseEvent| on_action.emit(Action::TryCase(Box::new(case.clone())))}>
                { example.label.get(lang).to_string() }
            </button>
        }
    });
    let restore = props.trying_example.then(|| {
        let on_action = on_action.clone();
        html! {
            <button type="button" data-testid="example-restore"
                onclick={move |_: MouseEvent| on_action.emit(Action::RestoreCase)}>
                { t(lang, "scenario.side.restore") }
            </button>
        }
    });

    html! {
        <section class="panel case-builder" aria-labelledby="case-builder-title">
            <h2 id="case-builder-title">{ t(lang, "case.title") }</h2>
            <div class="examples" role="group" aria-labelledby="examples-title">
                <p id="examples-title" class="examples-title">{ t(lang, "case.examples.title") }</p>
                { for examples }
                { for restore }
            </div>
            <form onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                // The facts that decide most cases, first; the rest fold under "More facts".
                <fieldset class="quick-facts">
                    <legend>{ t(lang, "case.legend.quick") }</legend>
                    <ChoiceField id="field-law_era" label={t(lang, "case.era.label")}
                        options={LawEra::ALL.into_iter().map(|e| ChoiceOption::new(e.code(), era_label(lang, e))).collect::<Vec<_>>()}
                        selected={case.law_era.code()} on_change={on_era}
                        meaning={Some(t(lang, "case.era.meaning"))}
                        citation={Some(AttrValue::from("Pub. L. 117-159, §12004 (June 25, 2022)"))} />
                    { quantity(Quantity::Firearms, AttrValue::Static("1")) }
                    { fact(Fact::MexicoNexus) }
                    { fact(Fact::KnewLeavingUs) }
                    <ChoiceField id="field-trafficking_recipient" label={t(lang, "case.recipient.label")}
                        options={recipient_options}
                        selected={case.trafficking_recipient.map(|r| RECIPIENTS.iter().find(|(x, _)| *x == r).map(|(_, c)| *c).unwrap_or("")).unwrap_or("")}
                        on_change={on_recipient}
                        meaning={Some(t(lang, "case.recipient.meaning"))}
                        citation={Some(crate::case_fields::fact_citation(edition, "trafficking_recipient"))} />
                    { fact(Fact::KnewBuyerProhibited) }
                    <ChoiceField id="field-role" label={t(lang, "case.role.label")}
                        options={role_options}
                        selected={case.role.map(role_code).unwrap_or("")} on_change={on_role}
                        meaning={Some(t(lang, "case.role.meaning"))}
                        citation={Some(crate::case_fields::fact_citation(edition, "role"))} />
                    <ChoiceField id="field-criminal_history" label={t(lang, "case.history.label")}
                        options={history_options}
                        selected={case.criminal_history.map(|c| c.roman()).unwrap_or("")}
                        on_change={on_history}
                        meaning={Some(t(lang, "case.history.meaning"))}
                        citation={Some(AttrValue::from("USSG §4A1.1; Ch. 5 Pt. A"))} />
                    { for case.record_warnings().iter().map(|warning| html! {
                        <p class="field-warning" role="status" data-testid="record-warning">{ render(lang, warning) }</p>
                    }) }
                </fieldset>
                <details class="more-facts" data-testid="more-facts" open={MORE_FACTS_OPEN.load(Ordering::Relaxed)}
                    ontoggle={Callback::from(move |e: Event| {
                        if let Some(details) = e.target_dyn_into::<web_sys::HtmlDetailsElement>() {
                            MORE_FACTS_OPEN.store(details.open(), Ordering::Relaxed);
                            if details.open() {
                                more_facts_shown.set(true);
                            }
                        }
                    })}>
                    <summary>{ t(lang, "case.more_facts") }</summary>
                    if *more_facts {
                    <fieldset>
                        <legend>{ t(lang, "case.legend.law_and_charge") }</legend>
                        <DateField id="field-offense_date" label={t(lang, "case.offense_date.label")}
                            value={case.offense_date} on_change={on_offense_date}
                            meaning={t(lang, "case.offense_date.meaning")}
                            citation={AttrValue::from("USSG §1B1.11; U.S. Const. art. I, §9, cl. 3")} />
                        <DateField id="field-sentencing_date" label={t(lang, "case.sentencing_date.label")}
                            value={case.sentencing_date} on_change={on_sentencing_date}
                            meaning={t(lang, "case.sentencing_date.meaning")}
                            citation={AttrValue::from("USSG §1B1.11(a)")} />
                        <ChoiceField id="field-manual" label={t(lang, "case.manual.label")}
                            options={manual_options}
                            selected={case.manual.map(|m| m.code()).unwrap_or("")} on_change={on_manual}
                            meaning={Some(t(lang, "case.manual.meaning"))}
                            citation={Some(AttrValue::from("USSG §1B1.11; App. C, amendments 753 (2011) to 836 (2025)"))} />
                        if edition.checked() != Checked::PrimaryText {
                            <div class="verification-note" role="note" data-testid="edition-checked">
                                <p><strong>{ tf(lang, "case.manual.checked", &[("manual", verbatim(edition.label(lang)))]) }</strong></p>
                                { for edition.notes().iter().map(|n| html! { <p>{ n.get(lang).to_string() }</p> }) }
                            </div>
                        }
                        <ChoiceField id="field-charge" label={t(lang, "case.charge.label")}
                            options={charge_options(lang, law, case.law_era)}
                            selected={case.charge.code()} on_change={on_charge}
                            meaning={Some(t(lang, "case.charge.meaning"))}
                            citation={Some(t(lang, "case.charge.citation"))} />
                        { for conduct_field }
                        { quantity(Quantity::Counts, AttrValue::Static("1")) }
                    </fieldset>
                    <fieldset>
                        <legend>{ t(lang, "case.legend.guns") }</legend>
                        { quantity(Quantity::ConversionDevices, AttrValue::Static("0")) }
                        { for Fact::KIND_OF_FIREARMS.into_iter().filter(|f| *f != Fact::ProhibitedPerson).map(fact) }
                    </fieldset>
                    <fieldset>
                        <legend>{ t(lang, "case.legend.defendant") }</legend>
                        { quantity(Quantity::HistoryPoints, t(lang, "case.placeholder.from_category")) }
                        { quantity(Quantity::PriorFelonies, AttrValue::Static("0")) }
                        { fact(Fact::ProhibitedPerson) }
                        { for Fact::PLEA.into_iter().map(fact) }
                    </fieldset>
                    <fieldset>
                        <legend>{ t(lang, "case.legend.knowledge") }</legend>
                        { for Fact::KNOWLEDGE_AND_NEXUS.into_iter().filter(|f| !QUICK_FACTS.contains(f)).map(fact) }
                    </fieldset>
                    <fieldset>
                        <legend>{ t(lang, "case.legend.investigation") }</legend>
                        { quantity(Quantity::EvidenceStrength, t(lang, "case.placeholder.assumed")) }
                        { for Fact::INVESTIGATION.into_iter().map(fact) }
                    </fieldset>
                    <details class="comparators">
                        <summary>{ t(lang, "case.comparators") }</summary>
                        { quantity(Quantity::AmmunitionRounds, AttrValue::Static("0")) }
                        { quantity(Quantity::DrugGrams, t(lang, "case.placeholder.tier_threshold")) }
                    </details>
                    }
                </details>
            </form>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Role and recipient labels are keys built from their codes, which the catalog scan
    /// cannot see.
    #[test]
    fn every_role_and_recipient_label_is_in_the_catalogs() {
        let catalog = crate::i18n::catalog();
        for role in Role::ALL {
            let key = format!("case.role.{}", role_code(role));
            assert!(catalog.contains(&key), "{key}");
        }
        for (_, code) in RECIPIENTS {
            let key = format!("case.recipient.{code}");
            assert!(catalog.contains(&key), "{key}");
        }
        for conduct in Conduct933::ALL {
            let key = format!("case.conduct_933.{}", conduct.code());
            assert!(catalog.contains(&key), "{key}");
        }
        assert_eq!(
            role_label(Lang::En, Role::Minor).as_str(),
            "Minor participant: −2"
        );
        assert_eq!(
            role_label(Lang::Es, Role::Minor).as_str(),
            "Participante menor: −2"
        );
    }
}
