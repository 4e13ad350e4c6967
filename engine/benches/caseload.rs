//! Case draws per second: one referral, one world, one Monte Carlo draw (two PCG32 calls
//! and a table lookup) — the kernel of `threshold project` and the UI's caseload panel.

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::hint::black_box;

    use criterion::{criterion_group, Criterion, Throughput};
    use threshold_engine::caseload::rng::Pcg32;
    use threshold_engine::caseload::{Caseload, ChargePolicy, Projection, ReferralPopulation};
    use threshold_engine::scenario::{preset, Baseline};

    fn bench(c: &mut Criterion) {
        let base = Baseline::embedded();
        let Some(scenario) = preset("amendment_753") else {
            return;
        };
        let mut group = c.benchmark_group("caseload");
        for referrals in [400usize, 10_000] {
            let Ok(mix) = ReferralPopulation::embedded().with_param("referrals", referrals as f64)
            else {
                return;
            };
            let caseload = Caseload::from_population(&mix);
            let Ok(mut projection) =
                Projection::new(&caseload, &base, scenario, 2011, 1, ChargePolicy::Best)
            else {
                return;
            };
            projection.prepare(usize::MAX);
            let (baseline, scenario_table) = projection.tables();
            assert_eq!(baseline.rows.len(), referrals);
            group.throughput(Throughput::Elements(referrals as u64));
            let mut draw = 0u64;
            group.bench_function(
                format!("case draws, one world, {referrals} referrals"),
                |b| {
                    b.iter(|| {
                        draw += 1;
                        baseline.draw(black_box(&mut Pcg32::new(2011, draw)))
                    })
                },
            );
            // Both worlds per draw, replaying one stream, as `Projection::step` runs them.
            group.throughput(Throughput::Elements(2 * referrals as u64));
            group.bench_function(format!("both worlds, {referrals} referrals"), |b| {
                b.iter(|| {
                    draw += 1;
                    let x = baseline.draw(black_box(&mut Pcg32::new(2011, draw)));
                    let y = scenario_table.draw(black_box(&mut Pcg32::new(2011, draw)));
                    (x, y)
                })
            });
        }
        group.finish();
    }

    criterion_group!(benches, bench);
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(native::benches);

#[cfg(target_arch = "wasm32")]
fn main() {}
