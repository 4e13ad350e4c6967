//! The headline numbers for the case under the charges brought: level, range, zone,
//! statutory limits and the sentence a court is likely to impose.

use threshold_engine::sentencing_table::LIFE_MONTHS;
use threshold_engine::{ChargeOption, Evaluation};
use yew::prelude::*;

use crate::case_fields::manual_label;
use crate::i18n::{t, tf, use_lang, verbatim, Lang};
use crate::units;

#[derive(Properties, PartialEq)]
pub struct ResultsSummaryProps {
    /// The figures for all counts together (one charge or a charge set).
    pub option: ChargeOption,
    /// The count that sets the range: its Sentencing Table cell and criminal history.
    pub governing: Evaluation,
    /// The distribution chart, placed under the likely-sentence figures.
    #[prop_or_default]
    pub children: Html,
}

/// The statute's limits in one sentence: "Statute: 5 years minimum, 20 years maximum.";
/// with several counts, the maximum is their consecutive total.
fn statutory_limits(
    lang: Lang,
    min_months: u32,
    max_months: Option<u32>,
    several_counts: bool,
) -> String {
    let minimum = if min_months > 0 {
        tf(
            lang,
            "results.summary.minimum",
            &[("term", verbatim(units::term(lang, Some(min_months))))],
        )
    } else {
        t(lang, "results.summary.no_minimum").to_string()
    };
    tf(
        lang,
        if several_counts {
            "results.summary.statute_consecutive"
        } else {
            "results.summary.statute"
        },
        &[
            ("minimum", verbatim(minimum)),
            ("maximum", verbatim(units::term(lang, max_months))),
        ],
    )
}

#[component]
pub fn ResultsSummary(props: &ResultsSummaryProps) -> Html {
    let lang = use_lang();
    let option = &props.option;
    let governing = &props.governing;
    let range = option.guideline_range_months;
    let table = governing.table_range_months;
    let sentence = &option.expected_sentence_months;
    let several_counts = option.charges.len() > 1 || governing.counts > 1;
    let statutory = statutory_limits(
        lang,
        option.statutory_min_months,
        option.total_statutory_max_months,
        several_counts,
    );
    let capped = table != range;
    html! {
        <section class="panel results" aria-labelledby="results-title" aria-live="polite">
            <h2 id="results-title">{ t(lang, "results.summary.title") }</h2>
            // Shown by the style sheet while a refused entry is on the page: each field keeps
            // its own refusal, so the page needs no state of its own for this.
            <p class="note refused-note" data-testid="refused-note">{ t(lang, "results.summary.refused") }</p>
            <p class="charge-line" data-testid="charge-line">
                { format!("{} — {}", option.statutes, manual_label(lang, governing.manual)) }
            </p>
            <dl class="figures">
                <div>
                    <dt>{ t(lang, "results.summary.offense_level") }</dt>
                    <dd data-testid="offense-level">{ option.offense_level }</dd>
                </div>
                <div>
                    <dt>{ t(lang, "results.summary.guideline_range") }</dt>
                    <dd data-testid="guideline-range">{ units::month_range(lang, range.min, range.max, LIFE_MONTHS) }</dd>
                </div>
                <div>
                    <dt>{ t(lang, "results.summary.zone") }</dt>
                    <dd data-testid="zone">{ option.zone.to_string() }</dd>
                </div>
                <div>
                    <dt>{ t(lang, "results.summary.criminal_history") }</dt>
                    <dd>{ governing.criminal_history_category.roman() }</dd>
                </div>
            </dl>
            if option.charges.len() > 1 {
                <p class="note">
                    { tf(lang, "results.summary.governing_count", &[("statute", verbatim(governing.statute.clone()))]) }
                </p>
            }
            if capped {
                <p class="note">
                    { tf(lang, "results.summary.capped", &[
                        ("table", verbatim(units::month_range(lang, table.min, table.max, LIFE_MONTHS))),
                        ("range", verbatim(units::month_range(lang, range.min, range.max, LIFE_MONTHS))),
                    ]) }
                </p>
            }
            <p data-testid="statutory-limits">{ statutory }</p>
            <h3>{ t(lang, "results.summary.likely") }</h3>
            <dl class="figures">
                <div>
                    <dt>{ t(lang, "results.summary.median") }</dt>
                    <dd data-testid="expected-median">{ units::months(lang, sentence.median) }</dd>
                </div>
                <div>
                    <dt>{ t(lang, "results.summary.mean") }</dt>
                    <dd data-testid="expected-mean">{ units::months(lang, sentence.mean) }</dd>
                </div>
                <div>
                    <dt>{ t(lang, "results.summary.band") }</dt>
                    <dd data-testid="expected-band">
                        { format!("{}–{}", units::number(lang, sentence.p10), units::months(lang, sentence.p90)) }
                    </dd>
                </div>
                <div>
                    <dt>{ t(lang, "results.summary.any_prison") }</dt>
                    <dd data-testid="p-any-prison">{ units::percent(lang, sentence.p_any_prison) }</dd>
                </div>
                <div>
                    <dt>{ t(lang, "results.summary.year_or_more") }</dt>
                    <dd data-testid="p-year-or-more">{ units::percent(lang, sentence.p_at_least_12_months) }</dd>
                </div>
            </dl>
            { props.children.clone() }
            <p class="source">
                { tf(lang, "results.summary.shares", &[
                    ("within", verbatim(units::percent(lang, sentence.share_within))),
                    ("below", verbatim(units::percent(lang, sentence.share_below))),
                    ("above", verbatim(units::percent(lang, sentence.share_above))),
                ]) }
            </p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statutory_limits_read_in_either_language() {
        assert_eq!(
            statutory_limits(Lang::En, 0, Some(120), false),
            "Statute: no minimum, 10 years maximum."
        );
        assert_eq!(
            statutory_limits(Lang::Es, 0, Some(120), false),
            "Pena legal: sin mínimo, máximo de 10 años."
        );
        assert_eq!(
            statutory_limits(Lang::En, 60, None, true),
            "Statute: 5 years minimum; up to life in all, the counts run consecutively (§5G1.2(d))."
        );
        assert_eq!(
            statutory_limits(Lang::Es, 60, Some(240), false),
            "Pena legal: mínimo de 5 años, máximo de 20 años."
        );
    }
}
