//! Baseline beside scenario over shared bins: how often each total came up across draws.

use threshold_engine::caseload::Histogram;
use yew::prelude::*;

use crate::charts::{ticks, LinearScale};
use crate::i18n::{t, tf, use_lang, verbatim};
use crate::units;

#[derive(Properties, PartialEq)]
pub struct PairedHistogramProps {
    pub title: AttrValue,
    /// What the bins count, e.g. "prison-years", in the reader's language.
    pub unit: AttrValue,
    pub histogram: Histogram,
}

const WIDTH: f64 = 600.0;
const HEIGHT: f64 = 180.0;
const LEFT: f64 = 12.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 10.0;
const BOTTOM: f64 = 36.0;

#[component]
pub fn PairedHistogram(props: &PairedHistogramProps) -> Html {
    let lang = use_lang();
    let h = &props.histogram;
    let bins = h
        .baseline
        .len()
        .min(h.scenario.len())
        .min(h.edges.len().saturating_sub(1));
    let (lo, hi) = match (h.edges.first(), h.edges.last()) {
        (Some(lo), Some(hi)) if hi > lo => (*lo, *hi),
        _ => (0.0, 1.0),
    };
    let top = h
        .baseline
        .iter()
        .chain(h.scenario.iter())
        .copied()
        .max()
        .unwrap_or(1)
        .max(1);
    let x = LinearScale::new((lo, hi), (LEFT, WIDTH - RIGHT));
    let y = LinearScale::new((0.0, f64::from(top)), (HEIGHT - BOTTOM, TOP));
    let bars = (0..bins).flat_map(|i| {
        let (x0, x1) = (x.at(h.edges[i]), x.at(h.edges[i + 1]));
        let half = (x1 - x0) / 2.0;
        [(x0, h.baseline[i], "series-baseline"), (x0 + half, h.scenario[i], "series-scenario")]
            .into_iter()
            .map(move |(left, count, class)| {
                html! {
                    <rect class={class} x={format!("{left:.1}")} y={format!("{:.1}", y.at(f64::from(count)))}
                        width={format!("{:.1}", (half - 0.5).max(0.5))}
                        height={format!("{:.1}", y.at(0.0) - y.at(f64::from(count)))} />
                }
            })
    });
    let span = hi - lo;
    let axis_ticks = ticks(span, 5)
        .into_iter()
        .map(|t| lo + t)
        .filter(|t| *t <= hi)
        .collect::<Vec<_>>();
    html! {
        <figure class="chart paired-histogram">
            <svg viewBox={format!("0 0 {WIDTH} {HEIGHT}")} role="img"
                aria-label={tf(lang, "caseload.histogram.description", &[
                    ("title", verbatim(props.title.to_string())),
                    ("unit", verbatim(props.unit.to_string())),
                ])}>
                { for bars }
                <line class="axis" x1={LEFT.to_string()} x2={format!("{:.1}", WIDTH - RIGHT)}
                    y1={format!("{:.1}", HEIGHT - BOTTOM)} y2={format!("{:.1}", HEIGHT - BOTTOM)} />
                { for axis_ticks.iter().map(|t| html! {
                    <text class="tick" x={format!("{:.1}", x.at(*t))} y={format!("{:.1}", HEIGHT - BOTTOM + 14.0)}
                        text-anchor="middle">{ units::number(lang, *t) }</text>
                }) }
                <text class="axis-label" x={format!("{:.1}", WIDTH / 2.0)} y={format!("{:.1}", HEIGHT - 4.0)}
                    text-anchor="middle">{ props.unit.clone() }</text>
            </svg>
            <figcaption>
                <span class="swatch series-baseline"></span>{ t(lang, "caseload.histogram.status_quo") }
                <span class="swatch series-scenario"></span>{ t(lang, "caseload.histogram.proposal") }{ props.title.clone() }
            </figcaption>
            <details class="chart-table">
                <summary>{ t(lang, "caseload.histogram.as_table") }</summary>
                <table>
                    <thead><tr><th scope="col">{ props.unit.clone() }</th><th scope="col">{ t(lang, "caseload.histogram.status_quo_draws") }</th><th scope="col">{ t(lang, "caseload.histogram.proposal_draws") }</th></tr></thead>
                    <tbody>
                        { for (0..bins).map(|i| html! {
                            <tr>
                                <td>{ format!("{}–{}", units::number(lang, h.edges[i]), units::number(lang, h.edges[i + 1])) }</td>
                                <td>{ h.baseline[i] }</td>
                                <td>{ h.scenario[i] }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </details>
        </figure>
    }
}
