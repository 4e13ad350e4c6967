//! Will a U.S. Attorney take the case? Acceptance with the reasons for declining, the
//! chance of conviction, the expected prison months per referral, and the gun threshold.

use threshold_engine::prosecution::Factor;
use threshold_engine::{DeclineReasons, ProsecutionAssessment, ThresholdFinding};
use yew::prelude::*;

use crate::components::fold::Fold;
use crate::components::stacked_bar::{Share, StackedBar};
use crate::i18n::{t, tf, use_lang, verbatim, Lang, Message};
use crate::units;

#[derive(Properties, PartialEq)]
pub struct AcceptancePanelProps {
    pub assessment: ProsecutionAssessment,
    pub threshold: ThresholdFinding,
    /// The firearms the case gives (`None`: assumed).
    pub firearms: Option<u32>,
}

fn factor_label(lang: Lang, factor: Factor) -> AttrValue {
    match factor {
        Factor::ExpectedSentence => t(lang, "prosecution.factor.expected_sentence"),
        Factor::Firearms => t(lang, "prosecution.factor.firearms"),
        Factor::CrimeGun => t(lang, "prosecution.factor.crime_gun"),
        Factor::Evidence => t(lang, "prosecution.factor.evidence"),
        Factor::IntentEvidence => t(lang, "prosecution.factor.intent_evidence"),
        Factor::MexicoNexus => t(lang, "prosecution.factor.mexico_nexus"),
        Factor::Organiser => t(lang, "prosecution.factor.organiser"),
        Factor::IceJoint => t(lang, "prosecution.factor.ice_joint"),
        Factor::NoFirearm => t(lang, "prosecution.factor.no_firearm"),
    }
}

/// A term's input as the case builder takes it: evidence strength in percent (50% counts
/// as 0.5 times its weight), the other inputs as the model reads them.
fn term_input(lang: Lang, factor: Factor, input: f64) -> String {
    match factor {
        Factor::Evidence => units::number(lang, input * 100.0) + "%",
        _ => format!("{input:.2}"),
    }
}

fn firearms_at(lang: Lang, finding: Option<u32>) -> String {
    match finding {
        Some(n) => tf(
            lang,
            "prosecution.threshold.firearms",
            &[("n", verbatim(units::number(lang, f64::from(n))))],
        ),
        None => t(lang, "prosecution.threshold.beyond").to_string(),
    }
}

/// Accepted, then each reason for declining: the bar's segments, here and in the
/// presentation.
pub fn acceptance_shares(accept: f64, reasons: &DeclineReasons) -> Vec<Share> {
    vec![
        Share {
            label: Message::new("prosecution.share.accepted"),
            probability: accept,
            class: "accepted",
        },
        Share {
            label: Message::new("prosecution.share.low_penalty"),
            probability: reasons.low_penalty,
            class: "low-penalty",
        },
        Share {
            label: Message::new("prosecution.share.weak_evidence"),
            probability: reasons.weak_evidence,
            class: "weak-evidence",
        },
        Share {
            label: Message::new("prosecution.share.no_intent_evidence"),
            probability: reasons.no_intent_evidence,
            class: "no-intent",
        },
        Share {
            label: Message::new("prosecution.share.other"),
            probability: reasons.other,
            class: "other-reason",
        },
    ]
}

#[component]
pub fn AcceptancePanel(props: &AcceptancePanelProps) -> Html {
    let lang = use_lang();
    let option = &props.assessment.option;
    let reasons = &option.decline_reasons;
    let accept = option.acceptance_probability;
    let shares = acceptance_shares(accept, reasons);
    let verdict = if accept >= 0.5 {
        t(lang, "prosecution.acceptance.verdict_accepted")
    } else {
        t(lang, "prosecution.acceptance.verdict_declined")
    };
    let threshold = &props.threshold;
    let now = props
        .firearms
        .map(|n| {
            tf(
                lang,
                "prosecution.threshold.now",
                &[("n", verbatim(units::number(lang, f64::from(n))))],
            )
        })
        .unwrap_or_else(|| t(lang, "prosecution.threshold.now_assumed").to_string());
    html! {
        <section class="panel acceptance" aria-labelledby="acceptance-title">
            <h2 id="acceptance-title">{ t(lang, "prosecution.acceptance.title") }</h2>
            <dl class="figures">
                <div>
                    <dt>{ t(lang, "prosecution.acceptance.accepted_probability") }</dt>
                    <dd data-testid="acceptance-probability">{ units::percent(lang, accept) }</dd>
                </div>
                <div>
                    <dt>{ t(lang, "prosecution.acceptance.convicted_if_accepted") }</dt>
                    <dd data-testid="conviction-probability">{ units::percent(lang, option.conviction_probability) }</dd>
                </div>
                <div>
                    <dt>{ t(lang, "prosecution.acceptance.prison_if_convicted") }</dt>
                    <dd>{ units::months(lang, option.expected_months_if_convicted) }</dd>
                </div>
                <div>
                    <dt>{ t(lang, "prosecution.acceptance.prison_per_referral") }</dt>
                    <dd data-testid="months-per-referral">{ units::months(lang, option.expected_prison_months_per_referral) }</dd>
                </div>
            </dl>
            <p class="verdict">{ verdict }</p>
            <StackedBar title={t(lang, "prosecution.acceptance.bar_title")} shares={shares} />
            <p class="equation">
                { tf(lang, "prosecution.acceptance.equation", &[
                    ("accepted", verbatim(units::percent(lang, accept))),
                    ("convicted", verbatim(units::percent(lang, option.conviction_probability))),
                    ("months", verbatim(units::months(lang, option.expected_months_if_convicted))),
                    ("per_referral", verbatim(units::months(lang, option.expected_prison_months_per_referral))),
                ]) }
            </p>
            <h3>{ t(lang, "prosecution.threshold.title") }</h3>
            <p data-testid="firearms-threshold">
                { tf(lang, "prosecution.threshold.finding", &[
                    ("half", verbatim(units::percent(lang, 0.5))),
                    ("firearms", verbatim(firearms_at(lang, threshold.firearms))),
                    ("now", verbatim(now)),
                ]) }
            </p>
            <table class="threshold-table">
                <caption>{ t(lang, "prosecution.threshold.table_caption") }</caption>
                <thead><tr><th scope="col">{ t(lang, "prosecution.threshold.scale_header") }</th><th scope="col">{ t(lang, "prosecution.threshold.firearms_header") }</th></tr></thead>
                <tbody>
                    { for threshold.by_penalty_scale.iter().map(|t| html! {
                        <tr>
                            <td>{ format!("× {}", units::number(lang, t.penalty_scale)) }</td>
                            <td>{ firearms_at(lang, t.firearms) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            <Fold class="terms" summary={html! { { t(lang, "prosecution.terms.summary") } }}>
                <table>
                    <caption>{ tf(lang, "prosecution.terms.caption", &[("intercept", verbatim(format!("{:.2}", props.assessment.acceptance_intercept)))]) }</caption>
                    <thead><tr><th scope="col">{ t(lang, "prosecution.terms.factor") }</th><th scope="col">{ t(lang, "prosecution.terms.input") }</th><th scope="col">{ t(lang, "prosecution.terms.weight") }</th><th scope="col">{ t(lang, "prosecution.terms.adds") }</th></tr></thead>
                    <tbody>
                        { for props.assessment.acceptance_terms.iter().map(|t| html! {
                            <tr>
                                <td>{ factor_label(lang, t.factor) }</td>
                                <td>{ term_input(lang, t.factor, t.input) }</td>
                                <td>{ format!("{:.2}", t.weight) }</td>
                                <td>{ format!("{:+.2}", t.contribution) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
                <p class="source">
                    { t(lang, "prosecution.terms.source") }
                </p>
            </Fold>
        </section>
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::i18n::render;

    #[test]
    fn the_threshold_and_the_shares_read_in_both_languages() {
        assert_eq!(firearms_at(Lang::En, Some(1200)), "1,200 firearms");
        assert_eq!(firearms_at(Lang::Es, Some(1200)), "1,200 armas de fuego");
        assert_eq!(firearms_at(Lang::En, None), "more than 10,000 firearms");
        assert_eq!(firearms_at(Lang::Es, None), "más de 10,000 armas de fuego");
        let shares = acceptance_shares(0.4, &DeclineReasons::default());
        let en: Vec<String> = shares.iter().map(|s| render(Lang::En, &s.label)).collect();
        assert_eq!(en[0], "Accepted");
        assert_eq!(en[1], "Declined: low penalty");
        for share in &shares {
            assert!(!render(Lang::Es, &share.label).contains('⟦'));
        }
        assert_eq!(
            render(Lang::Es, &shares[2].label),
            "Declinado: prueba débil"
        );
    }

    #[test]
    fn evidence_reads_in_percent_as_the_form_takes_it() {
        for (factor, input, shown) in [
            (Factor::Evidence, 0.5, "50%"),
            (Factor::Evidence, 0.125, "12.5%"),
            (Factor::Firearms, 0.5, "0.50"),
            (Factor::CrimeGun, 1.0, "1.00"),
        ] {
            assert_eq!(term_input(Lang::En, factor, input), shown, "{factor:?}");
        }
    }

    #[test]
    fn every_factor_is_labelled_in_both_languages() {
        for factor in [
            Factor::ExpectedSentence,
            Factor::Firearms,
            Factor::CrimeGun,
            Factor::Evidence,
            Factor::IntentEvidence,
            Factor::MexicoNexus,
            Factor::Organiser,
            Factor::IceJoint,
            Factor::NoFirearm,
        ] {
            for lang in Lang::ALL {
                assert!(!factor_label(lang, factor).contains('⟦'), "{factor:?}");
            }
        }
    }
}
