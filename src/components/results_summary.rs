//! The headline numbers for the case under the charges brought: level, range, zone,
//! statutory limits and the sentence a court is likely to impose.

use threshold_engine::sentencing_table::LIFE_MONTHS;
use threshold_engine::{ChargeOption, Evaluation};
use yew::prelude::*;

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

#[component]
pub fn ResultsSummary(props: &ResultsSummaryProps) -> Html {
    let option = &props.option;
    let governing = &props.governing;
    let range = option.guideline_range_months;
    let table = governing.table_range_months;
    let sentence = &option.expected_sentence_months;
    let minimum = if option.statutory_min_months > 0 {
        format!(
            "{} minimum",
            units::term(crate::i18n::Lang::En, Some(option.statutory_min_months))
        )
    } else {
        "no minimum".to_string()
    };
    let several_counts = option.charges.len() > 1 || governing.counts > 1;
    let statutory = if several_counts {
        format!(
            "Statute: {minimum}; up to {} in all, the counts run consecutively (§5G1.2(d)).",
            units::term(crate::i18n::Lang::En, option.total_statutory_max_months)
        )
    } else {
        format!(
            "Statute: {minimum}, {} maximum.",
            units::term(crate::i18n::Lang::En, option.total_statutory_max_months)
        )
    };
    let capped = table != range;
    html! {
        <section class="panel results" aria-labelledby="results-title" aria-live="polite">
            <h2 id="results-title">{ "Sentence" }</h2>
            <p class="charge-line" data-testid="charge-line">
                { format!("{} — {}", option.statutes, governing.manual.label(crate::i18n::Lang::En)) }
            </p>
            <dl class="figures">
                <div>
                    <dt>{ "Offense level" }</dt>
                    <dd data-testid="offense-level">{ option.offense_level }</dd>
                </div>
                <div>
                    <dt>{ "Guideline range" }</dt>
                    <dd data-testid="guideline-range">{ units::month_range(crate::i18n::Lang::En, range.min, range.max, LIFE_MONTHS) }</dd>
                </div>
                <div>
                    <dt>{ "Zone" }</dt>
                    <dd data-testid="zone">{ option.zone.to_string() }</dd>
                </div>
                <div>
                    <dt>{ "Criminal history" }</dt>
                    <dd>{ governing.criminal_history_category.roman() }</dd>
                </div>
            </dl>
            if option.charges.len() > 1 {
                <p class="note">
                    { format!("Counts brought together: the range comes from {}, the count with the highest offense level.", governing.statute) }
                </p>
            }
            if capped {
                <p class="note">
                    { format!(
                        "The Sentencing Table gives {}; the statute moves the range to {} (§5G1.1).",
                        units::month_range(crate::i18n::Lang::En, table.min, table.max, LIFE_MONTHS),
                        units::month_range(crate::i18n::Lang::En, range.min, range.max, LIFE_MONTHS)
                    ) }
                </p>
            }
            <p data-testid="statutory-limits">{ statutory }</p>
            <h3>{ "Likely sentence imposed" }</h3>
            <dl class="figures">
                <div>
                    <dt>{ "Median" }</dt>
                    <dd data-testid="expected-median">{ units::months(crate::i18n::Lang::En, sentence.median) }</dd>
                </div>
                <div>
                    <dt>{ "Mean" }</dt>
                    <dd data-testid="expected-mean">{ units::months(crate::i18n::Lang::En, sentence.mean) }</dd>
                </div>
                <div>
                    <dt>{ "10th–90th percentile" }</dt>
                    <dd data-testid="expected-band">
                        { format!("{}–{}", units::number(crate::i18n::Lang::En, sentence.p10), units::months(crate::i18n::Lang::En, sentence.p90)) }
                    </dd>
                </div>
                <div>
                    <dt>{ "Any prison" }</dt>
                    <dd data-testid="p-any-prison">{ units::percent(crate::i18n::Lang::En, sentence.p_any_prison) }</dd>
                </div>
                <div>
                    <dt>{ "A year or more" }</dt>
                    <dd data-testid="p-year-or-more">{ units::percent(crate::i18n::Lang::En, sentence.p_at_least_12_months) }</dd>
                </div>
            </dl>
            { props.children.clone() }
            <p class="source">
                { format!(
                    "Within the range {}, below {}, above {}: shares from the sentencing assumptions below.",
                    units::percent(crate::i18n::Lang::En, sentence.share_within),
                    units::percent(crate::i18n::Lang::En, sentence.share_below),
                    units::percent(crate::i18n::Lang::En, sentence.share_above)
                ) }
            </p>
        </section>
    }
}
