//! Chapter Two offense levels (§2K2.1, §2M5.2, §2D1.1), the Chapter Three adjustments and
//! the zero-point reduction of Chapter Four.

pub mod chapter_four;
pub mod chapter_three;
pub mod drugs;
pub mod export;
pub mod firearms;

use crate::case::Case;
use crate::edition::ManualEdition;
use crate::law::{Charge, GuidelineSection, Law, MissingLaw};
use crate::worksheet::Recorder;

/// The Chapter Two offense level (base level and specific offense characteristics) of a
/// case under its charge's guideline.
pub(crate) fn chapter_two_level<R: Recorder>(
    case: &Case,
    charge: &Charge,
    edition: ManualEdition,
    law: &Law,
    rec: &mut R,
) -> Result<i32, MissingLaw> {
    Ok(match charge.guideline {
        GuidelineSection::Firearms2K2_1 => firearms::offense_level(
            case,
            charge.id,
            law.firearms_guideline(edition)?,
            edition,
            rec,
        ),
        GuidelineSection::Export2M5_2 => {
            export::offense_level(case, law.export_guideline(edition)?, edition, rec)
        }
        GuidelineSection::Export2M5_1 => {
            export::control_level(&law.manual(edition)?.text.export_control, edition, rec)
        }
        GuidelineSection::Drugs2D1_1 => drugs::offense_level(
            case,
            charge.assumed_drug_grams.unwrap_or(0.0),
            law.drug_guideline(edition)?,
            edition,
            rec,
        ),
    })
}
