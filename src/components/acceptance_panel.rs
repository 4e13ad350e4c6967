//! Will a U.S. Attorney take the case? Acceptance with the reasons for declining, the
//! chance of conviction, the expected prison months per referral, and the gun threshold.

use threshold_engine::prosecution::Factor;
use threshold_engine::{DeclineReasons, ProsecutionAssessment, ThresholdFinding};
use yew::prelude::*;

use crate::components::stacked_bar::{Share, StackedBar};
use crate::units;

#[derive(Properties, PartialEq)]
pub struct AcceptancePanelProps {
    pub assessment: ProsecutionAssessment,
    pub threshold: ThresholdFinding,
    /// The firearms the case gives (`None`: assumed).
    pub firearms: Option<u32>,
}

fn factor_label(factor: Factor) -> &'static str {
    match factor {
        Factor::ExpectedSentence => "Expected sentence if convicted",
        Factor::Firearms => "Number of firearms",
        Factor::CrimeGun => "A trafficked gun recovered at a crime",
        Factor::Evidence => "Strength of the evidence",
        Factor::IntentEvidence => "Evidence of what the defendant knew",
        Factor::MexicoNexus => "Proven Mexico nexus",
        Factor::Organiser => "Organiser or broker charged",
        Factor::IceJoint => "Joint ATF–ICE investigation",
    }
}

fn firearms_at(finding: Option<u32>) -> String {
    match finding {
        Some(n) => format!(
            "{} firearms",
            units::number(crate::i18n::Lang::En, f64::from(n))
        ),
        None => "more than 10,000 firearms".into(),
    }
}

/// Accepted, then each reason for declining: the bar's segments, here and in the
/// presentation.
pub fn acceptance_shares(accept: f64, reasons: &DeclineReasons) -> Vec<Share> {
    vec![
        Share {
            label: "Accepted".into(),
            probability: accept,
            class: "accepted",
        },
        Share {
            label: "Declined: low penalty".into(),
            probability: reasons.low_penalty,
            class: "low-penalty",
        },
        Share {
            label: "Declined: weak evidence".into(),
            probability: reasons.weak_evidence,
            class: "weak-evidence",
        },
        Share {
            label: "Declined: no intent evidence".into(),
            probability: reasons.no_intent_evidence,
            class: "no-intent",
        },
        Share {
            label: "Declined: other reasons".into(),
            probability: reasons.other,
            class: "other-reason",
        },
    ]
}

#[component]
pub fn AcceptancePanel(props: &AcceptancePanelProps) -> Html {
    let option = &props.assessment.option;
    let reasons = &option.decline_reasons;
    let accept = option.acceptance_probability;
    let shares = acceptance_shares(accept, reasons);
    let verdict = if accept >= 0.5 {
        "More likely accepted than declined."
    } else {
        "More likely declined than accepted."
    };
    let threshold = &props.threshold;
    let now = props
        .firearms
        .map(|n| format!("{} now", units::number(crate::i18n::Lang::En, f64::from(n))))
        .unwrap_or_else(|| "the number is assumed now".into());
    html! {
        <section class="panel acceptance" aria-labelledby="acceptance-title">
            <h2 id="acceptance-title">{ "Will a U.S. Attorney take it?" }</h2>
            <dl class="figures">
                <div>
                    <dt>{ "Referral accepted" }</dt>
                    <dd data-testid="acceptance-probability">{ units::percent(crate::i18n::Lang::En, accept) }</dd>
                </div>
                <div>
                    <dt>{ "Convicted, if accepted" }</dt>
                    <dd data-testid="conviction-probability">{ units::percent(crate::i18n::Lang::En, option.conviction_probability) }</dd>
                </div>
                <div>
                    <dt>{ "Prison if convicted (mean)" }</dt>
                    <dd>{ units::months(crate::i18n::Lang::En, option.expected_months_if_convicted) }</dd>
                </div>
                <div>
                    <dt>{ "Expected prison per referral" }</dt>
                    <dd data-testid="months-per-referral">{ units::months(crate::i18n::Lang::En, option.expected_prison_months_per_referral) }</dd>
                </div>
            </dl>
            <p class="verdict">{ verdict }</p>
            <StackedBar title="Outcome of the referral" shares={shares} />
            <p class="equation">
                { format!(
                    "{} accepted × {} convicted × {} if convicted = {} of prison per referral.",
                    units::percent(crate::i18n::Lang::En, accept),
                    units::percent(crate::i18n::Lang::En, option.conviction_probability),
                    units::months(crate::i18n::Lang::En, option.expected_months_if_convicted),
                    units::months(crate::i18n::Lang::En, option.expected_prison_months_per_referral)
                ) }
            </p>
            <h3>{ "The unwritten threshold" }</h3>
            <p data-testid="firearms-threshold">
                { format!(
                    "Holding the rest of the case fixed, acceptance reaches 50% at {} ({now}).",
                    firearms_at(threshold.firearms)
                ) }
            </p>
            <table class="threshold-table">
                <caption>{ "How a penalty change moves the threshold" }</caption>
                <thead><tr><th scope="col">{ "Every sentence times" }</th><th scope="col">{ "Firearms for 50% acceptance" }</th></tr></thead>
                <tbody>
                    { for threshold.by_penalty_scale.iter().map(|t| html! {
                        <tr>
                            <td>{ format!("× {}", units::number(crate::i18n::Lang::En, t.penalty_scale)) }</td>
                            <td>{ firearms_at(t.firearms) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            <details class="terms">
                <summary>{ "Why this probability? The model's terms" }</summary>
                <table>
                    <caption>{ format!("Log-odds of acceptance: intercept {:.2}, plus each factor's input × weight", props.assessment.acceptance_intercept) }</caption>
                    <thead><tr><th scope="col">{ "Factor" }</th><th scope="col">{ "Input" }</th><th scope="col">{ "Weight" }</th><th scope="col">{ "Adds" }</th></tr></thead>
                    <tbody>
                        { for props.assessment.acceptance_terms.iter().map(|t| html! {
                            <tr>
                                <td>{ factor_label(t.factor) }</td>
                                <td>{ format!("{:.2}", t.input) }</td>
                                <td>{ format!("{:.2}", t.weight) }</td>
                                <td>{ format!("{:+.2}", t.contribution) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
                <p class="source">
                    { "A logistic model calibrated to the paper's 10–20-gun threshold, TRAC's decline reasons (FY2004) and district decline rates (20–59%). Its weights are labelled assumptions: see Sources and assumptions." }
                </p>
            </details>
        </section>
    }
}
