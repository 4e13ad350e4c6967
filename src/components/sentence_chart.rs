//! The expected-sentence distribution as bars, with the median and the 10th–90th percentile
//! band; the same numbers as a table for screen readers and print.

use threshold_engine::{ExpectedSentence, HistogramBin};
use yew::prelude::*;

use crate::charts::{ticks, LinearScale};
use crate::components::fold::Fold;
use crate::i18n::{t, tf, use_lang, verbatim};
use crate::units;

#[derive(Properties, PartialEq)]
pub struct SentenceChartProps {
    pub bins: Vec<HistogramBin>,
    pub sentence: ExpectedSentence,
}

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 220.0;
const LEFT: f64 = 44.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 22.0;
const BOTTOM: f64 = 40.0;
/// Room for the "no prison" bar left of the months axis.
const NO_PRISON_WIDTH: f64 = 36.0;

#[component]
pub fn SentenceChart(props: &SentenceChartProps) -> Html {
    let lang = use_lang();
    let (no_prison, terms) = match props.bins.split_first() {
        Some((first, rest)) if first.to_months == 0.0 => (first.probability, rest),
        _ => (0.0, props.bins.as_slice()),
    };
    let top_months = terms.iter().map(|b| b.to_months).fold(1.0f64, f64::max);
    let top_probability = props
        .bins
        .iter()
        .map(|b| b.probability)
        .fold(0.0f64, f64::max)
        .max(0.01);
    let plot_left = LEFT + NO_PRISON_WIDTH;
    let x = LinearScale::new((0.0, top_months), (plot_left, WIDTH - RIGHT));
    let y = LinearScale::new((0.0, top_probability), (HEIGHT - BOTTOM, TOP));
    let x_ticks = ticks(top_months, 6)
        .into_iter()
        .filter(|t| *t <= top_months)
        .collect::<Vec<_>>();
    let s = &props.sentence;
    let summary = tf(
        lang,
        "results.chart.summary",
        &[
            ("median", verbatim(units::months(lang, s.median))),
            ("p10", verbatim(units::number(lang, s.p10))),
            ("p90", verbatim(units::months(lang, s.p90))),
            ("none", verbatim(units::percent(lang, no_prison))),
        ],
    );

    let bar = |from: f64, to: f64, p: f64, class: &'static str| {
        let (x0, x1) = (x.at(from), x.at(to));
        html! {
            <rect class={class} x={format!("{x0:.1}")} y={format!("{:.1}", y.at(p))}
                width={format!("{:.1}", (x1 - x0 - 1.0).max(0.5))}
                height={format!("{:.1}", (y.at(0.0) - y.at(p)).max(0.0))} />
        }
    };

    html! {
        <figure class="chart sentence-chart">
            <svg viewBox={format!("0 0 {WIDTH} {HEIGHT}")} role="img" aria-label={summary.clone()}
                preserveAspectRatio="xMidYMid meet">
                <rect class="band" x={format!("{:.1}", x.at(s.p10))} y={TOP.to_string()}
                    width={format!("{:.1}", (x.at(s.p90) - x.at(s.p10)).max(1.0))}
                    height={format!("{:.1}", HEIGHT - BOTTOM - TOP)} />
                { for terms.iter().map(|b| bar(b.from_months, b.to_months, b.probability, "bar")) }
                if no_prison > 0.0 {
                    <rect class="bar no-prison" x={format!("{LEFT:.1}")} y={format!("{:.1}", y.at(no_prison))}
                        width={format!("{:.1}", NO_PRISON_WIDTH - 8.0)}
                        height={format!("{:.1}", y.at(0.0) - y.at(no_prison))} />
                }
                <text class="tick" x={format!("{:.1}", LEFT + (NO_PRISON_WIDTH - 8.0) / 2.0)}
                    y={format!("{:.1}", HEIGHT - BOTTOM + 14.0)} text-anchor="middle">{ t(lang, "results.chart.none_tick") }</text>
                <line class="median" x1={format!("{:.1}", x.at(s.median))} x2={format!("{:.1}", x.at(s.median))}
                    y1={TOP.to_string()} y2={format!("{:.1}", HEIGHT - BOTTOM)} />
                <line class="axis" x1={LEFT.to_string()} x2={format!("{:.1}", WIDTH - RIGHT)}
                    y1={format!("{:.1}", HEIGHT - BOTTOM)} y2={format!("{:.1}", HEIGHT - BOTTOM)} />
                { for x_ticks.iter().map(|t| html! {
                    <text class="tick" x={format!("{:.1}", x.at(*t))} y={format!("{:.1}", HEIGHT - BOTTOM + 14.0)}
                        text-anchor="middle">{ units::number(lang, *t) }</text>
                }) }
                <text class="axis-label" x={format!("{:.1}", (plot_left + WIDTH - RIGHT) / 2.0)}
                    y={format!("{:.1}", HEIGHT - 6.0)} text-anchor="middle">{ t(lang, "results.chart.x_axis") }</text>
                <text class="axis-label" x={format!("{:.1}", x.at(s.median))} y={format!("{:.1}", TOP - 6.0)}
                    text-anchor="middle">
                    { tf(lang, "results.chart.median_marker", &[("months", verbatim(units::number(lang, s.median)))]) }
                </text>
            </svg>
            <figcaption>
                { t(lang, "results.chart.legend") }
            </figcaption>
            <Fold class="chart-table" summary={html! { { t(lang, "results.chart.as_table") } }}>
                <table>
                    <caption>{ summary }</caption>
                    <thead><tr><th scope="col">{ t(lang, "results.chart.months_imposed") }</th><th scope="col">{ t(lang, "results.chart.chance") }</th></tr></thead>
                    <tbody>
                        if no_prison > 0.0 {
                            <tr><td>{ t(lang, "results.chart.no_prison") }</td><td>{ units::percent(lang, no_prison) }</td></tr>
                        }
                        { for terms.iter().filter(|b| b.probability > 0.0005).map(|b| html! {
                            <tr>
                                <td>{ format!("{}–{}", units::number(lang, b.from_months), units::number(lang, b.to_months)) }</td>
                                <td>{ units::percent(lang, b.probability) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </Fold>
        </figure>
    }
}
