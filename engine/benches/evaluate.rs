//! Case evaluations and acceptance evaluations per second: the cost the caseload Monte Carlo
//! will pay per case.

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::hint::black_box;

    use criterion::{criterion_group, Criterion, Throughput};
    use threshold_engine::prosecution::{
        acceptance_probability, compare_charges, decline_reasons, ProsecutionFacts,
        ProsecutionParams,
    };
    use threshold_engine::timeline::timeline;
    use threshold_engine::{
        evaluate, evaluate_each_charge, evaluate_quick, Case, ChargeId, Law, LawEra, Recipient,
        SentencingParams,
    };

    fn typical_case() -> Case {
        let mut case = Case::new(LawEra::Today, ChargeId::Trafficking933);
        case.firearms = Some(20);
        case.trafficking_recipient = Some(Recipient::Dangerous);
        case.mexico_nexus = Some(true);
        case
    }

    fn bench(c: &mut Criterion) {
        let (law, params) = (Law::embedded(), SentencingParams::embedded());
        let case = typical_case();
        let mut group = c.benchmark_group("evaluate");
        group.throughput(Throughput::Elements(1));
        group.bench_function("quick (no worksheet)", |b| {
            b.iter(|| evaluate_quick(black_box(&case), law, params))
        });
        group.bench_function("full (with worksheet)", |b| {
            b.iter(|| evaluate(black_box(&case), law, params))
        });
        group.finish();
        c.bench_function("evaluate_each_charge (14 charges)", |b| {
            b.iter(|| evaluate_each_charge(black_box(&case), law, params))
        });
        // The page recomputes the case's timeline on every change: every edition and every
        // statute change since Nov. 2010.
        c.bench_function("timeline (every edition)", |b| {
            b.iter(|| timeline(black_box(&case), law))
        });

        // The Monte Carlo varies the facts and the sentence per draw: vary both here too, so
        // the figure is not a cached constant.
        let prosecution = ProsecutionParams::embedded();
        let facts = ProsecutionFacts::of(&case, prosecution);
        let mut group = c.benchmark_group("prosecution");
        group.throughput(Throughput::Elements(1000));
        group.bench_function("acceptance_probability (per 1000)", |b| {
            b.iter(|| {
                let mut total = 0.0;
                let mut f = facts;
                for i in 0..1000u32 {
                    f.firearms = i % 50;
                    f.crime_gun_recovered = i % 3 == 0;
                    total += acceptance_probability(black_box(&f), f64::from(i % 120), prosecution);
                }
                total
            })
        });
        group.bench_function("acceptance with decline reasons (per 1000)", |b| {
            b.iter(|| {
                let mut total = 0.0;
                let mut f = facts;
                for i in 0..1000u32 {
                    f.firearms = i % 50;
                    total += decline_reasons(black_box(&f), f64::from(i % 120), prosecution).other;
                }
                total
            })
        });
        group.finish();
        let mut joint = case.clone();
        joint.ice_joint_investigation = Some(true);
        c.bench_function("compare_charges (joint ICE case, today)", |b| {
            b.iter(|| compare_charges(black_box(&joint), law, params, prosecution))
        });
    }

    criterion_group!(benches, bench);
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(native::benches);

#[cfg(target_arch = "wasm32")]
fn main() {}
