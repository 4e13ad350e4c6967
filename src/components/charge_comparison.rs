//! Which charge to bring: every option for the case ranked by expected prison months per
//! referral, each factor shown, the chosen one highlighted; choosing a row makes it the
//! current charge.

use threshold_engine::answer::charge_set_name;
use threshold_engine::sentencing_table::LIFE_MONTHS;
use threshold_engine::{ChargeComparison, ChargeId, Law, Stamp};
use yew::prelude::*;

use threshold_engine::export::comparison_csv;

use crate::case_fields::era_phrase;
use crate::charts::LinearScale;
use crate::components::download_button::DownloadButton;
use crate::components::fold::Fold;
use crate::i18n::{t, tf, tn, use_lang, verbatim};
use crate::units;

#[derive(Properties, PartialEq)]
pub struct ChargeComparisonProps {
    pub comparison: ChargeComparison,
    /// What the download names as the source of its figures.
    pub stamp: Stamp,
    pub chosen: Vec<ChargeId>,
    pub on_choose: Callback<Vec<ChargeId>>,
}

const BAR_WIDTH: f64 = 160.0;

/// The statutes of a charge set as people cite them, e.g. "18 U.S.C. 554 + 22 U.S.C. 2778".
pub fn statutes(charges: &[ChargeId]) -> String {
    let law = Law::embedded();
    charges
        .iter()
        .map(|id| law.charge(*id).map_or(id.code(), |c| c.statute.as_str()))
        .collect::<Vec<_>>()
        .join(" + ")
}

#[component]
pub fn ChargeComparisonPanel(props: &ChargeComparisonProps) -> Html {
    let lang = use_lang();
    let options = &props.comparison.options;
    let top = options
        .iter()
        .map(|o| o.expected_prison_months_per_referral)
        .fold(0.0f64, f64::max);
    let x = LinearScale::new((0.0, top.max(f64::EPSILON)), (0.0, BAR_WIDTH));
    let rows = options.iter().enumerate().map(|(rank, option)| {
        let chosen = option.charges == props.chosen;
        let choose = {
            let on_choose = props.on_choose.clone();
            let charges = option.charges.clone();
            Callback::from(move |_: MouseEvent| on_choose.emit(charges.clone()))
        };
        let range = option.guideline_range_months;
        let per_referral = option.expected_prison_months_per_referral;
        html! {
            <tr class={classes!("option", chosen.then_some("chosen"))} onclick={choose.clone()}
                aria-current={chosen.then_some("true")}>
                <td class="rank" data-label={t(lang, "results.comparison.rank")}>{ rank + 1 }</td>
                <th scope="row" data-label={t(lang, "results.comparison.charges")}>
                    { option.statutes.clone() }
                    <span class="charge-plain">{ charge_set_name(Law::embedded(), &option.charges).get(lang).to_string() }</span>
                </th>
                <td data-label={t(lang, "results.comparison.range")}>{ units::month_range(lang, range.min, range.max, LIFE_MONTHS) }</td>
                <td data-label={t(lang, "results.comparison.accepted")}>{ units::percent(lang, option.acceptance_probability) }</td>
                <td data-label={t(lang, "results.comparison.convicted")}>{ units::percent(lang, option.conviction_probability) }</td>
                <td data-label={t(lang, "results.comparison.months_if_convicted")}>{ units::number(lang, option.expected_months_if_convicted) }</td>
                <td data-label={t(lang, "results.comparison.months_per_referral")}><div class="per-referral">
                    <svg class="bar-cell" viewBox={format!("0 0 {BAR_WIDTH} 14")} aria-hidden="true" preserveAspectRatio="none">
                        <rect x="0" y="1" height="12" width={format!("{:.1}", x.at(per_referral).max(0.5))} />
                    </svg>
                    <span>{ units::number(lang, per_referral) }</span>
                </div></td>
                <td class="choose">
                    <button type="button" class={if chosen { "secondary chosen-button" } else { "secondary" }}
                        onclick={choose} aria-pressed={chosen.to_string()}>
                        { if chosen { t(lang, "results.comparison.chosen") } else { t(lang, "results.comparison.choose") } }
                    </button>
                </td>
            </tr>
        }
    });
    html! {
        <section class="panel comparison" aria-labelledby="comparison-title">
            <h2 id="comparison-title">{ t(lang, "results.comparison.title") }</h2>
            <p>
                { t(lang, "results.comparison.intro") }
            </p>
            <div class="table-scroll fits">
                <table class="comparison-table cards-on-phone" data-testid="comparison-table">
                    <caption>{ tf(lang, "results.comparison.caption", &[("era", verbatim(era_phrase(lang, props.comparison.law_era).as_str()))]) }</caption>
                    <thead>
                        <tr>
                            <th scope="col"><abbr title={t(lang, "results.comparison.rank")}>{ "#" }</abbr></th>
                            <th scope="col">{ t(lang, "results.comparison.charges") }</th>
                            <th scope="col">{ t(lang, "results.comparison.range") }</th>
                            <th scope="col">{ t(lang, "results.comparison.accepted") }</th>
                            <th scope="col">{ t(lang, "results.comparison.convicted") }</th>
                            <th scope="col">{ t(lang, "results.comparison.months_if_convicted") }</th>
                            <th scope="col">{ t(lang, "results.comparison.months_per_referral") }</th>
                            <th scope="col"><span class="visually-hidden">{ t(lang, "results.comparison.choose") }</span></th>
                        </tr>
                    </thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
            <p class="downloads">
                <DownloadButton label={t(lang, "results.comparison.download")} file_name="threshold-charges.csv"
                    mime="text/csv" test_id="download-comparison-csv" contents={{
                        let (comparison, stamp) = (props.comparison.clone(), props.stamp.clone());
                        Callback::from(move |_| comparison_csv(&comparison, &stamp))
                    }} />
            </p>
            if !props.comparison.not_considered.is_empty() {
                <Fold class="not-considered" summary={html! { { tn(lang, "results.comparison.left_out", props.comparison.not_considered.len(), &[]) } }}>
                    <ul>
                        { for props.comparison.not_considered.iter().map(|n| html! {
                            <li>
                                <strong>{ statutes(&n.charges) }</strong>
                                { format!(": {}", n.reason.render(lang)) }
                            </li>
                        }) }
                    </ul>
                </Fold>
            }
        </section>
    }
}
