//! The prosecution model: how likely a U.S. Attorney is to accept a firearms-trafficking
//! referral, why one is declined, how likely a conviction is, and — in [`compare`] — which
//! charge yields the most prison per referral. Every number is a [`Param`] in
//! `data/prosecution_params.json`, sourced or labelled an assumption.
//!
//! Implementation note: acceptance is a logistic in a handful of named facts so that each
//! coefficient can be read, edited and attributed. The hot function,
//! [`acceptance_probability`], takes a [`ProsecutionFacts`] (plain `Copy` data) and the
//! expected sentence, and allocates nothing: the caseload Monte Carlo calls it millions of
//! times. Explanations are built only on request ([`acceptance_terms`]).

pub mod calibration;
pub mod compare;
pub mod fit;

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::case::Case;
use crate::i18n::{raw, InputError, Lang, Message};
use crate::imposed::{three_decimals, Param};
use crate::law::Recipient;
use crate::worksheet::Assumption;

pub use compare::{
    assess, assess_charge_set, compare_charges, comparison_markdown, firearms_threshold,
    ChargeComparison, ChargeOption, NotConsidered, ProsecutionAssessment, ThresholdAtScale,
    ThresholdFinding,
};

const PARAMS_JSON: &str = include_str!("../../data/prosecution_params.json");

/// Writes the parameter struct, its sparse overrides and the list of (name, parameter) from
/// one list of names, so a new parameter cannot be left out of overrides or the table.
macro_rules! prosecution_params {
    ($($(#[doc = $doc:literal])* $name:ident,)*) => {
        /// The prosecution model's parameters. Defaults in `data/prosecution_params.json`;
        /// every field carries its value, source or assumption label, meaning and range.
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct ProsecutionParams {
            $($(#[doc = $doc])* pub $name: Param,)*
        }

        /// Changes to the prosecution model's parameters, by name; a parameter not named
        /// keeps its default, and none at all is the reset.
        #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[serde(deny_unknown_fields)]
        pub struct ProsecutionOverrides {
            $($(#[doc = $doc])*
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub $name: Option<f64>,)*
        }

        impl ProsecutionOverrides {
            /// The user's value for a parameter named as in [`ProsecutionParams::fields`].
            pub fn get(&self, name: &str) -> Option<f64> {
                match name {
                    $(stringify!($name) => self.$name,)*
                    _ => None,
                }
            }

            /// Sets (or, with `None`, clears) a parameter by name; false when there is no
            /// parameter of that name, so an edit panel cannot silently drop a change.
            pub fn set(&mut self, name: &str, value: Option<f64>) -> bool {
                match name {
                    $(stringify!($name) => {
                        self.$name = value;
                        true
                    })*
                    _ => false,
                }
            }
        }

        impl ProsecutionParams {
            /// Every parameter with its field name, in the order of the data file.
            pub fn fields(&self) -> Vec<(&'static str, &Param)> {
                vec![$((stringify!($name), &self.$name),)*]
            }

            /// A copy with the user's overrides applied and checked.
            pub fn with_overrides(
                &self,
                o: &ProsecutionOverrides,
            ) -> Result<ProsecutionParams, InputError> {
                let mut p = self.clone();
                $(if let Some(v) = o.$name {
                    p.$name = p.$name.overridden(v);
                })*
                p.validate()?;
                Ok(p)
            }
        }
    };
}

prosecution_params! {
    /// Log-odds of acceptance for a referral with nothing going for it.
    acceptance_intercept,
    /// Added to the intercept for a district: its odds of acceptance against the nation's.
    district_shift,
    /// Per unit of ln(1 + expected years of prison if convicted).
    sentence_weight,
    /// Per unit of ln(1 + firearms).
    firearms_weight,
    /// A trafficked firearm was recovered at a crime.
    crime_gun_weight,
    /// Per unit of evidence strength (0–1).
    evidence_weight,
    /// Evidence the defendant knew who would get the guns.
    intent_evidence_weight,
    /// A proven Mexico (export) nexus.
    mexico_nexus_weight,
    /// The defendant organises or brokers the trafficking.
    organiser_weight,
    /// A joint ATF–ICE investigation.
    ice_joint_weight,
    /// Subtracted when no firearm was obtained (a purchase denied at the dealer).
    no_firearm_weight,
    /// Evidence strength used when the case gives none.
    assumed_evidence_strength,
    /// Expected sentence of the reference case the decline reasons measure against.
    reference_sentence_months,
    /// Firearms of the reference case the decline reasons measure against.
    reference_firearms,
    /// Weight of the reasons the model does not represent, in every decline split.
    other_reasons_weight,
    /// Log-odds of conviction after a plea with no evidence.
    conviction_intercept,
    /// Per unit of evidence strength.
    conviction_evidence_weight,
    /// Added when the defendant goes to trial.
    conviction_trial_weight,
    /// Added for an export charge (18 U.S.C. 554, 22 U.S.C. 2778).
    conviction_export_weight,
}

impl ProsecutionParams {
    /// The defaults embedded at build time, parsed once.
    pub fn embedded() -> &'static ProsecutionParams {
        static PARAMS: OnceLock<ProsecutionParams> = OnceLock::new();
        // Fixed at build time and checked by the tests.
        PARAMS.get_or_init(|| {
            serde_json::from_str(PARAMS_JSON).expect("embedded prosecution parameters are valid")
        })
    }

    /// Checks what keeps the model meaningful: finite numbers, non-negative weights (so more
    /// of a good fact never lowers acceptance), evidence in 0–1, a positive reference case.
    pub fn validate(&self) -> Result<(), InputError> {
        for (name, p) in self.fields() {
            if !p.value.is_finite() {
                return Err(InputError(
                    Message::new("error.param.finite")
                        .verbatim("name", name)
                        .with("value", raw(p.value)),
                ));
            }
        }
        let non_negative = [
            ("sentence_weight", &self.sentence_weight),
            ("firearms_weight", &self.firearms_weight),
            ("crime_gun_weight", &self.crime_gun_weight),
            ("evidence_weight", &self.evidence_weight),
            ("intent_evidence_weight", &self.intent_evidence_weight),
            ("mexico_nexus_weight", &self.mexico_nexus_weight),
            ("organiser_weight", &self.organiser_weight),
            ("ice_joint_weight", &self.ice_joint_weight),
            ("no_firearm_weight", &self.no_firearm_weight),
            ("other_reasons_weight", &self.other_reasons_weight),
            (
                "conviction_evidence_weight",
                &self.conviction_evidence_weight,
            ),
            ("reference_firearms", &self.reference_firearms),
        ];
        for (name, p) in non_negative {
            if p.value < 0.0 {
                return Err(InputError(
                    Message::new("error.param.negative")
                        .verbatim("name", name)
                        .with("value", raw(p.value)),
                ));
            }
        }
        if !(0.0..=1.0).contains(&self.assumed_evidence_strength.value) {
            return Err(InputError(
                Message::new("error.param.assumed_evidence")
                    .with("value", raw(self.assumed_evidence_strength.value)),
            ));
        }
        if self.reference_sentence_months.value <= 0.0 {
            return Err(InputError(
                Message::new("error.param.reference_sentence")
                    .with("value", raw(self.reference_sentence_months.value)),
            ));
        }
        Ok(())
    }
}

/// The facts the prosecution model weighs, read once from a case. Plain `Copy` data so bulk
/// runs can build and vary them without touching a [`Case`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ProsecutionFacts {
    pub firearms: u32,
    pub crime_gun_recovered: bool,
    /// Strength of the evidence, 0 (none) to 1 (overwhelming).
    pub evidence_strength: f64,
    /// Evidence the defendant knew or had reason to believe the guns would reach a
    /// prohibited person or trafficker.
    pub intent_evidence: bool,
    pub mexico_nexus: bool,
    /// An aggravating role (§3B1.1): organiser, leader, manager, broker.
    pub organiser: bool,
    pub ice_joint_investigation: bool,
    /// The defendant pleads guilty (the case's `accepts_responsibility`).
    pub plea: bool,
}

impl ProsecutionFacts {
    /// The facts of a case, with the same defaults the sentencing engine assumes (one
    /// firearm, a plea) and the parameters' evidence strength when none is given.
    pub fn of(case: &Case, params: &ProsecutionParams) -> ProsecutionFacts {
        ProsecutionFacts {
            firearms: case.firearms.unwrap_or(1),
            crime_gun_recovered: case.crime_gun_recovered.unwrap_or(false),
            evidence_strength: case
                .evidence_strength
                .unwrap_or(params.assumed_evidence_strength.value)
                .clamp(0.0, 1.0),
            intent_evidence: case
                .trafficking_recipient
                .is_some_and(|r| r != Recipient::None)
                || case.knew_buyer_prohibited == Some(true),
            mexico_nexus: case.mexico_nexus.unwrap_or(false),
            organiser: case.role.is_some_and(|r| r.is_aggravating()),
            ice_joint_investigation: case.ice_joint_investigation.unwrap_or(false),
            plea: case.accepts_responsibility.unwrap_or(true),
        }
    }

    /// The facts the model needed but the case did not give, and the values used.
    pub fn assumptions(case: &Case, params: &ProsecutionParams) -> Vec<Assumption> {
        let mut out = Vec::new();
        let mut assume = |given: bool, field: &str, value: String, reason: &'static str| {
            if !given {
                out.push(Assumption {
                    field: field.into(),
                    value,
                    reason: Message::new(reason),
                });
            }
        };
        assume(
            case.firearms.is_some(),
            "firearms",
            "1".into(),
            "assume.prosecution.firearms",
        );
        assume(
            case.crime_gun_recovered.is_some(),
            "crime_gun_recovered",
            "false".into(),
            "assume.prosecution.crime_gun_recovered",
        );
        assume(
            case.evidence_strength.is_some(),
            "evidence_strength",
            format!("{}", params.assumed_evidence_strength.value),
            "assume.prosecution.evidence_strength",
        );
        assume(
            case.mexico_nexus.is_some(),
            "mexico_nexus",
            "false".into(),
            "assume.prosecution.mexico_nexus",
        );
        assume(
            case.ice_joint_investigation.is_some(),
            "ice_joint_investigation",
            "false".into(),
            "assume.prosecution.ice_joint_investigation",
        );
        assume(
            case.accepts_responsibility.is_some(),
            "accepts_responsibility",
            "true".into(),
            "assume.prosecution.accepts_responsibility",
        );
        out
    }
}

/// A fact the acceptance model weighs, in the order of the parameter file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Factor {
    ExpectedSentence,
    Firearms,
    CrimeGun,
    Evidence,
    IntentEvidence,
    MexicoNexus,
    Organiser,
    IceJoint,
    /// No firearm was obtained: the attempt was stopped at the dealer's counter.
    NoFirearm,
}

impl Factor {
    pub const ALL: [Factor; 9] = [
        Self::ExpectedSentence,
        Self::Firearms,
        Self::CrimeGun,
        Self::Evidence,
        Self::IntentEvidence,
        Self::MexicoNexus,
        Self::Organiser,
        Self::IceJoint,
        Self::NoFirearm,
    ];

    /// The TRAC-style reason a shortfall in this factor is attributed to.
    pub fn reason(self) -> DeclineReason {
        match self {
            Self::Evidence => DeclineReason::WeakEvidence,
            Self::IntentEvidence => DeclineReason::NoIntentEvidence,
            // A small, unorganised, purely domestic case with a short sentence is what
            // prosecutors call "minimal federal interest".
            _ => DeclineReason::LowPenalty,
        }
    }

    fn weight(self, p: &ProsecutionParams) -> f64 {
        self.param(p).value
    }

    /// The parameter that weighs this factor.
    pub fn param(self, p: &ProsecutionParams) -> &Param {
        match self {
            Self::ExpectedSentence => &p.sentence_weight,
            Self::Firearms => &p.firearms_weight,
            Self::CrimeGun => &p.crime_gun_weight,
            Self::Evidence => &p.evidence_weight,
            Self::IntentEvidence => &p.intent_evidence_weight,
            Self::MexicoNexus => &p.mexico_nexus_weight,
            Self::Organiser => &p.organiser_weight,
            Self::IceJoint => &p.ice_joint_weight,
            Self::NoFirearm => &p.no_firearm_weight,
        }
    }
}

impl ProsecutionParams {
    /// The acceptance model's parameters in the order its inputs come: the intercept, then
    /// each factor's weight in the order of [`Factor::ALL`].
    pub fn acceptance_params(&self) -> [&Param; 10] {
        let mut out = [&self.acceptance_intercept; 10];
        for (slot, factor) in out[1..].iter_mut().zip(Factor::ALL) {
            *slot = factor.param(self);
        }
        out
    }

    /// The conviction model's parameters: intercept, evidence, trial, export.
    pub fn conviction_params(&self) -> [&Param; 4] {
        [
            &self.conviction_intercept,
            &self.conviction_evidence_weight,
            &self.conviction_trial_weight,
            &self.conviction_export_weight,
        ]
    }
}

/// The reasons a declined referral is split into (TRAC's categories the model represents).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeclineReason {
    /// Low penalty / minimal federal interest / no deterrent value.
    LowPenalty,
    /// Weak or insufficient evidence.
    WeakEvidence,
    /// No evidence of criminal intent.
    NoIntentEvidence,
    /// Everything else (agency request, no federal offence, lack of resources, other).
    Other,
}

impl DeclineReason {
    pub const ALL: [DeclineReason; 4] = [
        Self::LowPenalty,
        Self::WeakEvidence,
        Self::NoIntentEvidence,
        Self::Other,
    ];

    /// The reason in words, as TRAC's categories name it.
    pub fn message(self) -> Message {
        Message::new(match self {
            Self::LowPenalty => "decline.low_penalty",
            Self::WeakEvidence => "decline.weak_evidence",
            Self::NoIntentEvidence => "decline.no_intent_evidence",
            Self::Other => "decline.other",
        })
    }

    pub fn label(self, lang: Lang) -> String {
        self.message().render(lang)
    }
}

fn bool_input(b: bool) -> f64 {
    if b {
        1.0
    } else {
        0.0
    }
}

/// The model's input for each factor: logs for sentence and firearms (each doubling counts
/// alike), 0/1 for the yes-or-no facts, the strength itself for evidence, and −1 when no
/// firearm was obtained (so its weight, like every other, is not negative).
fn inputs(facts: &ProsecutionFacts, sentence_months: f64) -> [f64; 9] {
    [
        (sentence_months.max(0.0) / 12.0).ln_1p(),
        f64::from(facts.firearms).ln_1p(),
        bool_input(facts.crime_gun_recovered),
        facts.evidence_strength.clamp(0.0, 1.0),
        bool_input(facts.intent_evidence),
        bool_input(facts.mexico_nexus),
        bool_input(facts.organiser),
        bool_input(facts.ice_joint_investigation),
        -bool_input(facts.firearms == 0),
    ]
}

/// The acceptance model's inputs for these facts and sentence, factor by factor in the
/// order of [`Factor::ALL`]: what a projection stores to redraw the weights.
pub(crate) fn acceptance_inputs(facts: &ProsecutionFacts, sentence_months: f64) -> [f64; 9] {
    inputs(facts, sentence_months)
}

/// The conviction model's inputs: evidence strength, 1 at trial, 1 for an export charge.
pub(crate) fn conviction_inputs(facts: &ProsecutionFacts, export_charge: bool) -> [f64; 3] {
    [
        facts.evidence_strength.clamp(0.0, 1.0),
        bool_input(!facts.plea),
        bool_input(export_charge),
    ]
}

pub(crate) fn logistic(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// P(the U.S. Attorney accepts the referral) for these facts and the expected prison term
/// (months, if convicted) of the charge brought. Allocation-free.
pub fn acceptance_probability(
    facts: &ProsecutionFacts,
    expected_sentence_months: f64,
    params: &ProsecutionParams,
) -> f64 {
    let x = inputs(facts, expected_sentence_months);
    let mut logit = params.acceptance_intercept.value + params.district_shift.value;
    for (factor, input) in Factor::ALL.iter().zip(x) {
        logit += factor.weight(params) * input;
    }
    logistic(logit)
}

/// One factor's part in the acceptance log-odds, for the explanation.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct LogitTerm {
    pub factor: Factor,
    /// The model's input (e.g. ln(1 + years) for the sentence).
    pub input: f64,
    pub weight: f64,
    /// weight × input: log-odds added.
    pub contribution: f64,
    /// The input of the reference case; the shortfall below it feeds the decline reasons.
    pub reference_input: f64,
}

/// The acceptance log-odds term by term (the intercept is the parameter itself).
pub fn acceptance_terms(
    facts: &ProsecutionFacts,
    expected_sentence_months: f64,
    params: &ProsecutionParams,
) -> [LogitTerm; 9] {
    let x = inputs(facts, expected_sentence_months);
    let r = reference_inputs(params);
    let mut out = [LogitTerm {
        factor: Factor::ExpectedSentence,
        input: 0.0,
        weight: 0.0,
        contribution: 0.0,
        reference_input: 0.0,
    }; 9];
    for (i, factor) in Factor::ALL.into_iter().enumerate() {
        let weight = factor.weight(params);
        out[i] = LogitTerm {
            factor,
            input: x[i],
            weight,
            contribution: weight * x[i],
            reference_input: r[i],
        };
    }
    out
}

/// The reference case a declined referral falls short of: the reference sentence and
/// firearms, a crime gun, overwhelming evidence with intent, a Mexico nexus, an organiser,
/// ICE on board, firearms obtained.
fn reference_inputs(params: &ProsecutionParams) -> [f64; 9] {
    [
        (params.reference_sentence_months.value.max(0.0) / 12.0).ln_1p(),
        params.reference_firearms.value.max(0.0).ln_1p(),
        1.0,
        1.0,
        1.0,
        1.0,
        1.0,
        1.0,
        0.0,
    ]
}

/// P(decline) split by reason; the four parts sum to 1 − P(accept).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct DeclineReasons {
    /// Low penalty / minimal federal interest: short sentence, few guns, no crime gun, no
    /// Mexico nexus, no organiser, no ICE.
    #[serde(serialize_with = "three_decimals")]
    pub low_penalty: f64,
    #[serde(serialize_with = "three_decimals")]
    pub weak_evidence: f64,
    #[serde(serialize_with = "three_decimals")]
    pub no_intent_evidence: f64,
    #[serde(serialize_with = "three_decimals")]
    pub other: f64,
}

impl DeclineReasons {
    pub fn total(&self) -> f64 {
        self.low_penalty + self.weak_evidence + self.no_intent_evidence + self.other
    }

    pub fn get(&self, reason: DeclineReason) -> f64 {
        match reason {
            DeclineReason::LowPenalty => self.low_penalty,
            DeclineReason::WeakEvidence => self.weak_evidence,
            DeclineReason::NoIntentEvidence => self.no_intent_evidence,
            DeclineReason::Other => self.other,
        }
    }
}

/// Splits P(decline) into reasons: each factor's shortfall in log-odds against the reference
/// case (weight × how far the input is below the reference's, never negative) goes to its
/// reason, the `other_reasons_weight` to "other"; the parts are normalised and multiplied by
/// P(decline), so they sum to it exactly. Allocation-free.
pub fn decline_reasons(
    facts: &ProsecutionFacts,
    expected_sentence_months: f64,
    params: &ProsecutionParams,
) -> DeclineReasons {
    let p_decline = 1.0 - acceptance_probability(facts, expected_sentence_months, params);
    let x = inputs(facts, expected_sentence_months);
    let r = reference_inputs(params);
    let mut parts = DeclineReasons {
        other: params.other_reasons_weight.value.max(0.0),
        ..DeclineReasons::default()
    };
    for (i, factor) in Factor::ALL.into_iter().enumerate() {
        let shortfall = factor.weight(params).max(0.0) * (r[i] - x[i]).max(0.0);
        match factor.reason() {
            DeclineReason::LowPenalty => parts.low_penalty += shortfall,
            DeclineReason::WeakEvidence => parts.weak_evidence += shortfall,
            DeclineReason::NoIntentEvidence => parts.no_intent_evidence += shortfall,
            DeclineReason::Other => parts.other += shortfall,
        }
    }
    let total = parts.total();
    if total <= 0.0 {
        // At or beyond the reference case on every count, with no weight left for other
        // reasons: whatever decline remains is unexplained.
        return DeclineReasons {
            other: p_decline,
            ..DeclineReasons::default()
        };
    }
    let scale = p_decline / total;
    DeclineReasons {
        low_penalty: parts.low_penalty * scale,
        weak_evidence: parts.weak_evidence * scale,
        no_intent_evidence: parts.no_intent_evidence * scale,
        other: parts.other * scale,
    }
}

/// P(conviction | the case was accepted), from the evidence, whether the defendant pleads,
/// and whether the charge is an export charge with its extra elements.
pub fn conviction_probability(
    facts: &ProsecutionFacts,
    export_charge: bool,
    params: &ProsecutionParams,
) -> f64 {
    let mut logit = params.conviction_intercept.value
        + params.conviction_evidence_weight.value * facts.evidence_strength.clamp(0.0, 1.0);
    if !facts.plea {
        logit += params.conviction_trial_weight.value;
    }
    if export_charge {
        logit += params.conviction_export_weight.value;
    }
    logistic(logit)
}

#[cfg(test)]
mod tests;
