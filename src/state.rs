//! The app's one state and the actions that change it (a Yew reducer): props go down from
//! here, callbacks come back up as actions.

use std::rc::Rc;

use threshold_engine::{
    Case, ChargeId, CriminalHistory, LawEra, ManualEdition, Recipient, Role, SentencingOverrides,
};
use yew::Reducible;

use crate::case_fields::{Fact, Quantity};
use crate::parameters::SentencingParam;

/// Everything the user has set: the case and the assumptions they changed.
#[derive(Debug, Clone, PartialEq)]
pub struct AppState {
    pub case: Case,
    pub sentencing_overrides: SentencingOverrides,
}

impl Default for AppState {
    /// The seed paper's typical referral: a straw purchaser of five guns under the law of
    /// April 2011, first offender, pleading guilty. Everything else is left for the engine to
    /// assume out loud.
    fn default() -> Self {
        let mut case = Case::new(LawEra::April2011, ChargeId::StrawPurchase922a6);
        case.firearms = Some(5);
        case.criminal_history = Some(CriminalHistory::I);
        case.accepts_responsibility = Some(true);
        AppState {
            case,
            sentencing_overrides: SentencingOverrides::default(),
        }
    }
}

/// A change the user asked for.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    SetLawEra(LawEra),
    SetManual(Option<ManualEdition>),
    SetCharge(ChargeId),
    SetCriminalHistory(Option<CriminalHistory>),
    SetRole(Option<Role>),
    SetRecipient(Option<Recipient>),
    SetFact(Fact, Option<bool>),
    SetQuantity(Quantity, Option<f64>),
    SetSentencingParam(SentencingParam, Option<f64>),
    ResetSentencingParams,
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::SetLawEra(era) => next.case.law_era = era,
            Action::SetManual(manual) => next.case.manual = manual,
            Action::SetCharge(charge) => next.case.charge = charge,
            Action::SetCriminalHistory(history) => next.case.criminal_history = history,
            Action::SetRole(role) => next.case.role = role,
            Action::SetRecipient(recipient) => next.case.trafficking_recipient = recipient,
            Action::SetFact(fact, value) => fact.set(&mut next.case, value),
            Action::SetQuantity(quantity, value) => quantity.set(&mut next.case, value),
            Action::SetSentencingParam(param, value) => {
                param.set(&mut next.sentencing_overrides, value)
            }
            Action::ResetSentencingParams => {
                next.sentencing_overrides = SentencingOverrides::default()
            }
        }
        // Returning the same Rc tells Yew nothing changed, so it skips the re-render.
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}
