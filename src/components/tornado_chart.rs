//! Which assumption drives the answer: each uncertain parameter's low and high end as a bar
//! around the central result, widest swing on top.

use threshold_engine::sensitivity::{Metric, Sensitivity};
use yew::prelude::*;

use crate::charts::LinearScale;
use crate::units;

#[derive(Properties, PartialEq)]
pub struct TornadoChartProps {
    pub sensitivity: Sensitivity,
    /// Rows drawn; the table lists them all.
    #[prop_or(10)]
    pub rows: usize,
}

pub fn metric_label(metric: Metric) -> &'static str {
    match metric {
        Metric::DeltaPrisonYearsPer100 => {
            "extra prison-years per 100 referrals (proposal − status quo)"
        }
        Metric::DeltaAcceptedPer100 => "extra accepted referrals per 100 (proposal − status quo)",
        Metric::ScenarioPrisonYearsPer100 => "prison-years per 100 referrals under the proposal",
        Metric::ScenarioAcceptedPer100 => "accepted referrals per 100 under the proposal",
    }
}

/// A parameter setting as stored (shares as fractions, weights as they are), two decimals.
fn setting(value: f64) -> String {
    let text = format!("{value:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

const WIDTH: f64 = 600.0;
const LABEL: f64 = 190.0;
const ROW: f64 = 22.0;

#[component]
pub fn TornadoChart(props: &TornadoChartProps) -> Html {
    let s = &props.sensitivity;
    let metric = s.metric;
    let central = s.central.metric(metric);
    let shown = &s.rows[..s.rows.len().min(props.rows)];
    let values = shown
        .iter()
        .flat_map(|r| [r.at_low.metric(metric), r.at_high.metric(metric)])
        .chain([central]);
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    let pad = ((hi - lo) * 0.05).max(0.5);
    let x = LinearScale::new((lo - pad, hi + pad), (LABEL, WIDTH - 10.0));
    let height = ROW * shown.len() as f64 + 30.0;
    html! {
        <figure class="chart tornado">
            <svg viewBox={format!("0 0 {WIDTH} {height}")} role="img"
                aria-label={format!("Tornado chart of {}", metric_label(metric))}>
                { for shown.iter().enumerate().map(|(i, row)| {
                    let (a, b) = (row.at_low.metric(metric), row.at_high.metric(metric));
                    let y = 6.0 + ROW * i as f64;
                    html! {
                        <g>
                            <text class="tick" x={format!("{:.1}", LABEL - 6.0)} y={format!("{:.1}", y + 12.0)} text-anchor="end">
                                { row.parameter.replace('_', " ") }
                            </text>
                            <rect class="tornado-low" x={format!("{:.1}", x.at(a.min(central)))} y={format!("{y:.1}")}
                                width={format!("{:.1}", (x.at(a.max(central)) - x.at(a.min(central))).max(0.5))} height={format!("{:.1}", ROW - 6.0)} />
                            <rect class="tornado-high" x={format!("{:.1}", x.at(b.min(central)))} y={format!("{y:.1}")}
                                width={format!("{:.1}", (x.at(b.max(central)) - x.at(b.min(central))).max(0.5))} height={format!("{:.1}", ROW - 6.0)} />
                        </g>
                    }
                }) }
                <line class="median" x1={format!("{:.1}", x.at(central))} x2={format!("{:.1}", x.at(central))}
                    y1="0" y2={format!("{:.1}", height - 24.0)} />
                <text class="axis-label" x={format!("{:.1}", x.at(central))} y={format!("{:.1}", height - 8.0)} text-anchor="middle">
                    { format!("central {}", units::number(crate::i18n::Lang::En, central)) }
                </text>
            </svg>
            <figcaption>
                <span class="swatch tornado-low"></span>{ "parameter at its low end " }
                <span class="swatch tornado-high"></span>{ "at its high end — " }{ metric_label(metric) }
            </figcaption>
            <details class="chart-table">
                <summary>{ "The tornado as a table" }</summary>
                <table data-testid="tornado-table">
                    <thead><tr>
                        <th scope="col">{ "Parameter" }</th><th scope="col">{ "Low → result" }</th>
                        <th scope="col">{ "High → result" }</th><th scope="col">{ "Swing" }</th><th scope="col">{ "Source" }</th>
                    </tr></thead>
                    <tbody>
                        { for s.rows.iter().map(|r| html! {
                            <tr>
                                <th scope="row">{ r.parameter.replace('_', " ") }</th>
                                <td>{ format!("{} → {}", setting(r.low), units::number(crate::i18n::Lang::En, r.at_low.metric(metric))) }</td>
                                <td>{ format!("{} → {}", setting(r.high), units::number(crate::i18n::Lang::En, r.at_high.metric(metric))) }</td>
                                <td>{ units::number(crate::i18n::Lang::En, r.swing) }</td>
                                <td class="param-source">
                                    if r.assumption || r.range_assumed {
                                        <span class="assumption-tag">{ "Assumption" }</span>{ " " }
                                    }
                                    { r.source.clone() }
                                </td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </details>
        </figure>
    }
}
