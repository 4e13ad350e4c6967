//! Golden snapshots of the resolved law: each Manual edition as the engine applies it,
//! written to `tests/golden/`, so any change to a rule shows as a reviewable diff.
//!
//! `UPDATE_GOLDEN=1 cargo test -p threshold-engine golden` rewrites the files.

use std::path::PathBuf;

use serde_json::{json, Value};

use crate::law::{Cite, Law, Manual};
use crate::sentencing_table::{guideline_range, CriminalHistory, MAX_LEVEL};
use crate::ManualEdition;

/// The resolved edition in the shape the law had before the migration to a base text and
/// amendments, so the two can be compared byte for byte.
fn snapshot(manual: &Manual) -> Value {
    let ed = manual.edition;
    let src = |c: &Cite| Value::from(c.in_manual(ed));
    let t = &manual.text;
    let f = &t.firearms;
    let increase =
        |i: &crate::law::Increase| json!({"increase": i.increase, "source": src(&i.cite)});
    let firearms = json!({
        "edition": ed.code(),
        "base_levels": f.base_levels.iter().map(|r| json!({
            "subsection": r.cite.section, "level": r.level,
            "min_prior_felonies": r.min_prior_felonies, "weapon": r.weapon,
            "requires_status": r.requires_status, "reason": r.reason, "source": src(&r.cite),
        })).collect::<Vec<_>>(),
        "status_conviction_charges": f.status_conviction.charges,
        "status_source": src(&f.status_conviction.cite),
        "knowledge_variant_charges": f.knowledge_variant.as_ref().map(|k| k.charges.clone()).unwrap_or_default(),
        "firearm_count_table": f.firearm_count.tiers.iter().map(|t| json!({
            "min_firearms": t.min_firearms, "increase": t.increase, "source": src(&t.cite),
        })).collect::<Vec<_>>(),
        "stolen": increase(&f.stolen),
        "altered_serial": increase(&f.altered_serial),
        "characteristics_cap": {"level": f.characteristics_cap.level, "source": src(&f.characteristics_cap.cite)},
        "trafficking_tiers": f.trafficking_tiers.iter().map(|t| json!({
            "subsection": t.cite.section, "increase": t.increase, "min_firearms": t.min_firearms,
            "recipient": t.recipient, "convicted_under": t.convicted_under, "source": src(&t.cite),
        })).collect::<Vec<_>>(),
        "export": f.export.as_ref().map(|e| json!({"subsection": e.cite.section, "increase": e.increase, "source": src(&e.cite)})),
        "other_felony": {"subsection": f.other_felony.cite.section, "increase": f.other_felony.increase, "source": src(&f.other_felony.cite)},
        "felony_floor": {"level": f.felony_floor.level, "source": src(&f.felony_floor.cite)},
    });
    let x = &t.export;
    let export = json!({
        "edition": ed.code(), "base_level": x.base.level, "base_source": src(&x.base.cite),
        "small_arms_level": x.small_arms.level, "small_arms_max_weapons": x.small_arms.max_weapons,
        "small_arms_max_rounds": x.small_arms.max_rounds, "small_arms_source": src(&x.small_arms.cite),
    });
    let d = &t.drugs;
    let drugs =
        json!({"edition": ed.code(), "drug": d.drug, "source": src(&d.cite), "tiers": d.tiers});
    let c = &t.chapter_three;
    let a = &c.acceptance;
    let chapter_three = json!({
        "edition": ed.code(),
        "roles": c.roles.iter().map(|r| json!({
            "role": r.role, "adjustment": r.adjustment, "subsection": r.cite.section, "source": src(&r.cite),
        })).collect::<Vec<_>>(),
        "acceptance": {
            "reduction": a.reduction, "subsection": a.cite.section, "source": src(&a.cite),
            "extra_reduction": a.extra.reduction, "extra_subsection": a.extra.cite.section,
            "extra_min_level": a.extra.min_level, "extra_source": src(&a.extra.cite),
        },
    });
    let z = &t.zones;
    let zones = json!({
        "edition": ed.code(), "zone_a_max_minimum": z.zone_a_max_minimum,
        "zone_b_max_minimum": z.zone_b_max_minimum, "zone_c_max_minimum": z.zone_c_max_minimum,
        "source": src(&z.cite),
    });
    json!({
        "edition": ed.code(),
        "firearms_2k2_1": firearms,
        "export_2m5_2": export,
        "drugs_2d1_1": drugs,
        "chapter_three": chapter_three,
        "zones": zones,
        "sentencing_table": (1..=MAX_LEVEL)
            .map(|level| {
                let cells: Vec<String> = CriminalHistory::ALL
                    .into_iter()
                    .map(|c| guideline_range(level, c).to_string())
                    .collect();
                format!("{level}: {}", cells.join(" | "))
            })
            .collect::<Vec<_>>(),
    })
}

fn statutes(law: &Law) -> Value {
    serde_json::to_value(&law.charges).unwrap()
}

fn check(name: &str, value: &Value) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    let text = serde_json::to_string_pretty(value).unwrap() + "\n";
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &text).unwrap();
        return;
    }
    let golden = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (run with UPDATE_GOLDEN=1)", path.display()));
    assert!(
        golden == text,
        "{} differs from the resolved law; review the diff after UPDATE_GOLDEN=1",
        path.display()
    );
}

#[test]
fn resolved_law_matches_the_golden_snapshots() {
    let law = Law::embedded();
    for edition in ManualEdition::all() {
        let manual = law.manual(edition).unwrap();
        check(&format!("law-{}.json", edition.code()), &snapshot(manual));
    }
    check("statutes.json", &statutes(law));
}
