//! "How far the figures hold": every published figure the models aim at beside the model's
//! own and the tolerance, and the back-test against real sentences. Both are computed by
//! the engine when the reader opens them, not at page load.

use threshold_engine::backtest::{default_backtest, Backtest, GroupResult};
use threshold_engine::prosecution::calibration::{
    calibrate_prosecution, calibration_checks, CalibrationCheck, CalibrationData,
};
use threshold_engine::{ChargeId, Law, Message, ProsecutionParams, SentencingParams};
use yew::prelude::*;

use crate::i18n::{render, t, tf, use_lang, verbatim, Lang};

/// The calibration rows under the default parameters, or why they could not be computed.
fn calibration_rows() -> Result<Vec<CalibrationCheck>, Message> {
    let data = CalibrationData::embedded();
    calibrate_prosecution(
        Law::embedded(),
        SentencingParams::embedded(),
        ProsecutionParams::embedded(),
        data,
    )
    .map(|c| calibration_checks(&c, data))
    .map_err(|e| e.message())
}

fn yes_no(lang: Lang, holds: bool) -> AttrValue {
    t(lang, if holds { "checks.yes" } else { "checks.no" })
}

fn calibration_table(lang: Lang, rows: &[CalibrationCheck]) -> Html {
    html! {
        <div class="table-scroll" role="region" tabindex="0" aria-label={t(lang, "checks.calibration.region")}>
            <table data-testid="calibration-table">
                <caption>{ t(lang, "checks.calibration.caption") }</caption>
                <thead><tr>
                    <th scope="col">{ t(lang, "checks.column.figure") }</th>
                    <th scope="col">{ t(lang, "checks.column.model") }</th>
                    <th scope="col">{ t(lang, "checks.column.published") }</th>
                    <th scope="col">{ t(lang, "checks.column.source") }</th>
                    <th scope="col">{ t(lang, "checks.column.tolerance") }</th>
                    <th scope="col">{ t(lang, "checks.column.within") }</th>
                </tr></thead>
                <tbody>
                    { for rows.iter().map(|r| {
                        let published = if r.upper_bound {
                            tf(lang, "calibration.at_most", &[("value", verbatim(r.published.clone()))])
                        } else {
                            r.published.clone()
                        };
                        html! {
                            <tr>
                                <th scope="row">{ render(lang, &r.label) }</th>
                                <td>{ r.model.clone() }</td>
                                <td>{ published }</td>
                                <td>{ r.source_text.get(lang).to_string() }</td>
                                <td>{ render(lang, &r.tolerance_words) }</td>
                                <td>{ yes_no(lang, r.passes) }</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </div>
    }
}

/// The era of a back-test group in words.
fn era_words(lang: Lang, era: &str) -> AttrValue {
    match era {
        "all" => t(lang, "checks.backtest.all"),
        e if e.starts_with("after") => t(lang, "checks.backtest.after_bsca"),
        _ => t(lang, "checks.backtest.before_bsca"),
    }
}

fn charge_words(lang: Lang, code: &str) -> String {
    match ChargeId::from_code(code).and_then(|id| Law::embedded().charge(id).ok()) {
        Some(charge) => format!("{} — {}", charge.statute, charge.name.get(lang)),
        None => t(lang, "checks.backtest.all").to_string(),
    }
}

fn backtest_row(lang: Lang, g: &GroupResult) -> Html {
    let share = if g.cases > 0 {
        g.inside as f64 / g.cases as f64
    } else {
        0.0
    };
    html! {
        <tr>
            <th scope="row">{ era_words(lang, &g.era) }</th>
            <td>{ charge_words(lang, &g.charge) }</td>
            <td>{ g.cases }</td>
            <td>{ tf(lang, "checks.backtest.inside", &[
                ("inside", verbatim(g.inside.to_string())),
                ("share", verbatim(crate::units::percent(lang, share))),
            ]) }</td>
            <td>{ format!("×{:.2}", g.median_error_factor) }</td>
        </tr>
    }
}

fn backtest_table(lang: Lang, b: &Backtest) -> Html {
    let not_evaluated = b.cases.iter().filter(|c| c.not_evaluated.is_some()).count();
    html! {
        <>
            <p>{ tf(lang, "checks.backtest.intro", &[
                ("cases", verbatim(b.cases.len().to_string())),
                ("skipped", verbatim(not_evaluated.to_string())),
            ]) }</p>
            <div class="table-scroll" role="region" tabindex="0" aria-label={t(lang, "checks.backtest.region")}>
                <table data-testid="backtest-table">
                    <caption>{ t(lang, "checks.backtest.caption") }</caption>
                    <thead><tr>
                        <th scope="col">{ t(lang, "checks.column.era") }</th>
                        <th scope="col">{ t(lang, "checks.column.charge") }</th>
                        <th scope="col">{ t(lang, "checks.column.cases") }</th>
                        <th scope="col">{ t(lang, "checks.column.inside") }</th>
                        <th scope="col">{ t(lang, "checks.column.error") }</th>
                    </tr></thead>
                    <tbody>
                        { for b.groups.iter().map(|g| backtest_row(lang, g)) }
                        { backtest_row(lang, &b.total) }
                    </tbody>
                </table>
            </div>
            <p class="source">{ t(lang, "checks.backtest.reading") }</p>
        </>
    }
}

#[component]
pub fn ModelChecksPanel() -> Html {
    let lang = use_lang();
    // Computed once the reader opens each part: the back-test evaluates every real case
    // over its unknown facts, which a page load should not wait for.
    let calibration_open = use_state_eq(|| false);
    let backtest_open = use_state_eq(|| false);
    let calibration = use_memo(*calibration_open, |open| open.then(calibration_rows));
    let results = use_memo(*backtest_open, |open| open.then(default_backtest));
    let on_calibration = {
        let open = calibration_open.clone();
        Callback::from(move |e: Event| {
            let details: web_sys::Element = e.target_unchecked_into();
            open.set(details.has_attribute("open"));
        })
    };
    let on_backtest = {
        let open = backtest_open.clone();
        Callback::from(move |e: Event| {
            let details: web_sys::Element = e.target_unchecked_into();
            open.set(details.has_attribute("open"));
        })
    };
    html! {
        <section class="panel model-checks" aria-labelledby="checks-title">
            <h2 id="checks-title">{ t(lang, "checks.title") }</h2>
            <p>{ t(lang, "checks.intro") }</p>
            <details ontoggle={on_calibration} data-testid="calibration">
                <summary>{ t(lang, "checks.calibration.summary") }</summary>
                <p>{ t(lang, "checks.calibration.intro") }</p>
                { match &*calibration {
                    Some(Ok(rows)) => calibration_table(lang, rows),
                    Some(Err(why)) => html! { <p class="field-error" role="alert">{ render(lang, why) }</p> },
                    None => Html::default(),
                } }
            </details>
            <details ontoggle={on_backtest} data-testid="backtest">
                <summary>{ t(lang, "checks.backtest.summary") }</summary>
                if let Some(b) = &*results {
                    { backtest_table(lang, b) }
                }
            </details>
        </section>
    }
}
