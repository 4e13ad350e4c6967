//! The case builder: the facts in plain words, grouped as a briefer would tell them.

use threshold_engine::{
    Case, ChargeId, CriminalHistory, Law, LawEra, ManualEdition, Recipient, Role,
};
use yew::prelude::*;

use crate::case_fields::{Fact, Quantity};
use crate::components::choice_field::{ChoiceField, ChoiceOption};
use crate::components::fact_field::FactField;
use crate::components::number_field::NumberField;
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct CaseBuilderProps {
    pub case: Case,
    pub on_action: Callback<Action>,
}

fn role_label(role: Role) -> &'static str {
    match role {
        Role::None => "No special role",
        Role::OrganizerLeader => "Organiser or leader of 5 or more (e.g. a broker): +4",
        Role::ManagerSupervisor => "Manager or supervisor of 5 or more: +3",
        Role::OrganizerSmall => "Organiser or manager of a smaller group: +2",
        Role::Minor => "Minor participant: −2",
        Role::MinorMinimal => "Between minor and minimal: −3",
        Role::Minimal => "Minimal participant: −4",
    }
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

const RECIPIENTS: [(Recipient, &str, &str); 3] = [
    (Recipient::None, "none", "Nothing shown about the buyer"),
    (
        Recipient::ProhibitedPerson,
        "prohibited_person",
        "Someone barred from having guns",
    ),
    (
        Recipient::Dangerous,
        "dangerous",
        "Someone who would use them unlawfully (e.g. a cartel)",
    ),
];

fn era_label(era: LawEra) -> &'static str {
    match era {
        LawEra::April2011 => "Law as of April 2011 (the paper's time)",
        LawEra::Today => "Law today (after the 2022 Bipartisan Safer Communities Act)",
    }
}

fn charge_options(law: &Law, era: LawEra) -> Vec<ChoiceOption> {
    law.charges
        .iter()
        .map(|charge| {
            let available = charge.exists_in(era);
            let suffix = if available {
                ""
            } else {
                " — not law in this era"
            };
            ChoiceOption {
                value: charge.id.code().into(),
                label: format!(
                    "{} — {}{suffix}",
                    charge.statute,
                    charge.name.get(crate::i18n::Lang::En)
                )
                .into(),
                enabled: available,
            }
        })
        .collect()
}

#[component]
pub fn CaseBuilder(props: &CaseBuilderProps) -> Html {
    let case = &props.case;
    let law = Law::embedded();
    let on_action = props.on_action.clone();

    let on_fact = on_action.reform(|(fact, value)| Action::SetFact(fact, value));
    let on_quantity = on_action.reform(|(quantity, value)| Action::SetQuantity(quantity, value));
    let fact = |fact: Fact| {
        html! { <FactField {fact} value={fact.get(case)} on_change={on_fact.clone()} /> }
    };
    let quantity = |quantity: Quantity, assumed: &'static str| {
        html! {
            <NumberField {quantity} value={quantity.get(case)} assumed={assumed}
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
        on_action.reform(|code: String| Action::SetManual(ManualEdition::from_code(&code)));
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
    let on_recipient = on_action.reform(|code: String| {
        Action::SetRecipient(
            RECIPIENTS
                .iter()
                .find(|(_, c, _)| *c == code)
                .map(|(r, _, _)| *r),
        )
    });

    let default_manual = case.law_era.default_manual();
    let manual_options = std::iter::once(ChoiceOption::new(
        "",
        format!(
            "The era's Manual ({})",
            default_manual.label(crate::i18n::Lang::En)
        ),
    ))
    .chain(
        ManualEdition::ALL
            .into_iter()
            .map(|e| ChoiceOption::new(e.code(), e.label(crate::i18n::Lang::En))),
    )
    .collect::<Vec<_>>();
    let history_options = std::iter::once(ChoiceOption::new("", "Not given (assumed I)"))
        .chain(CriminalHistory::ALL.into_iter().map(|c| {
            let hint = match c {
                CriminalHistory::I => "I — no or minimal record",
                CriminalHistory::II => "II",
                CriminalHistory::III => "III",
                CriminalHistory::IV => "IV",
                CriminalHistory::V => "V",
                CriminalHistory::VI => "VI — most serious record",
            };
            ChoiceOption::new(c.roman(), hint)
        }))
        .collect::<Vec<_>>();
    let role_options =
        std::iter::once(ChoiceOption::new("", "Not given (assumed no special role)"))
            .chain(
                Role::ALL
                    .into_iter()
                    .map(|r| ChoiceOption::new(role_code(r), role_label(r))),
            )
            .collect::<Vec<_>>();
    let recipient_options =
        std::iter::once(ChoiceOption::new("", "Not given (assumed nothing shown)"))
            .chain(
                RECIPIENTS
                    .iter()
                    .map(|(_, code, label)| ChoiceOption::new(*code, *label)),
            )
            .collect::<Vec<_>>();

    html! {
        <section class="panel case-builder" aria-labelledby="case-builder-title">
            <h2 id="case-builder-title">{ "The case" }</h2>
            <form onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                <fieldset>
                    <legend>{ "Law and charge" }</legend>
                    <ChoiceField id="field-law_era" label="Which law"
                        options={LawEra::ALL.into_iter().map(|e| ChoiceOption::new(e.code(), era_label(e))).collect::<Vec<_>>()}
                        selected={case.law_era.code()} on_change={on_era}
                        meaning={Some(AttrValue::from("The statutes in force: April 2011, when the seed paper was written, or today, after the Bipartisan Safer Communities Act created 18 U.S.C. 932 and 933 and raised 922(d) and (g) to 15 years."))}
                        citation={Some(AttrValue::from("Pub. L. 117-159, §12004 (June 25, 2022)"))} />
                    <ChoiceField id="field-manual" label="Guidelines Manual"
                        options={manual_options}
                        selected={case.manual.map(|m| m.code()).unwrap_or("")} on_change={on_manual}
                        meaning={Some(AttrValue::from("Which edition of the Sentencing Guidelines the court applies. Nov. 2011 (amendment 753) answered the paper: a higher base for straw purchasers who knew the buyer was prohibited, and +4 for guns bound abroad. Nov. 2023 (amendment 819) added the 2022 offences."))}
                        citation={Some(AttrValue::from("USSG App. C, amendments 753 (2011) and 819 (2023)"))} />
                    <ChoiceField id="field-charge" label="Charge"
                        options={charge_options(law, case.law_era)}
                        selected={case.charge.code()} on_change={on_charge}
                        meaning={Some(AttrValue::from("The offence of conviction. It sets the statutory maximum (and any minimum) and which guideline applies: §2K2.1 for firearms offences, §2M5.2 for exports, §2D1.1 for drugs."))}
                        citation={Some(AttrValue::from("Charge catalog: engine/data/charges.json, a statute on every row"))} />
                    { quantity(Quantity::Counts, "1") }
                </fieldset>
                <fieldset>
                    <legend>{ "The guns" }</legend>
                    { quantity(Quantity::Firearms, "1") }
                    { for Fact::KIND_OF_FIREARMS.into_iter().filter(|f| *f != Fact::ProhibitedPerson).map(fact) }
                </fieldset>
                <fieldset>
                    <legend>{ "The defendant" }</legend>
                    <ChoiceField id="field-criminal_history" label="Criminal history category"
                        options={history_options}
                        selected={case.criminal_history.map(|c| c.roman()).unwrap_or("")}
                        on_change={on_history}
                        meaning={Some(AttrValue::from("Points for earlier sentences, from I (none or minimal) to VI. With the offense level it picks the row and column of the Sentencing Table."))}
                        citation={Some(AttrValue::from("USSG §4A1.1; Ch. 5 Pt. A"))} />
                    { quantity(Quantity::PriorFelonies, "0") }
                    { fact(Fact::ProhibitedPerson) }
                    <ChoiceField id="field-role" label="Role in the trafficking"
                        options={role_options}
                        selected={case.role.map(role_code).unwrap_or("")} on_change={on_role}
                        meaning={Some(AttrValue::from("An organiser or broker gets up to +4 levels; a minor or minimal participant, such as a recruited straw buyer, up to −4. Prosecutors also favour cases against organisers."))}
                        citation={Some(AttrValue::from("USSG §3B1.1, §3B1.2; Goodman (2011)"))} />
                    { for Fact::PLEA.into_iter().map(fact) }
                </fieldset>
                <fieldset>
                    <legend>{ "What the defendant knew" }</legend>
                    <ChoiceField id="field-trafficking_recipient" label="Who the guns were for, as the defendant knew or had reason to believe"
                        options={recipient_options}
                        selected={case.trafficking_recipient.map(|r| RECIPIENTS.iter().find(|(x, _, _)| *x == r).map(|(_, c, _)| *c).unwrap_or("")).unwrap_or("")}
                        on_change={on_recipient}
                        meaning={Some(AttrValue::from("Trafficking: transferring two or more guns knowing the recipient could not lawfully have them or would misuse them adds 4 levels (to Oct. 2023); from Nov. 2023 the increase is 2 or 5 levels by tier."))}
                        citation={Some(AttrValue::from("USSG §2K2.1(b)(5) (2010, 2011; restructured by amendment 819, 2023)"))} />
                    { for Fact::KNOWLEDGE_AND_NEXUS.into_iter().map(fact) }
                </fieldset>
                <fieldset>
                    <legend>{ "The investigation" }</legend>
                    { quantity(Quantity::EvidenceStrength, "assumed") }
                    { for Fact::INVESTIGATION.into_iter().map(fact) }
                </fieldset>
                <details class="comparators">
                    <summary>{ "Export and drug comparators" }</summary>
                    { quantity(Quantity::AmmunitionRounds, "0") }
                    { quantity(Quantity::DrugGrams, "tier threshold") }
                </details>
            </form>
        </section>
    }
}
