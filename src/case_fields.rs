//! The facts of a case as the case builder shows them: a plain label, the legal meaning and
//! its citation, and how each reads and writes the engine's `Case`.

use threshold_engine::Case;

/// A yes/no fact; `None` means "not given", which the engine assumes out loud.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Fact {
    ProhibitedPerson,
    LargeCapacitySemiautomatic,
    NfaWeapon,
    FullyAutomatic,
    StolenFirearm,
    AlteredSerial,
    KnewBuyerProhibited,
    MexicoNexus,
    OtherFelony,
    CrimeGunRecovered,
    IceJointInvestigation,
    AcceptsResponsibility,
    GovernmentMotion,
}

/// A number the user types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Quantity {
    Firearms,
    Counts,
    PriorFelonies,
    AmmunitionRounds,
    DrugGrams,
    /// Entered in percent, stored as 0–1.
    EvidenceStrength,
}

/// What a field means in law and where that comes from.
pub struct LegalNote {
    pub meaning: &'static str,
    pub citation: &'static str,
}

impl Fact {
    pub const KIND_OF_FIREARMS: [Fact; 6] = [
        Fact::LargeCapacitySemiautomatic,
        Fact::NfaWeapon,
        Fact::FullyAutomatic,
        Fact::StolenFirearm,
        Fact::AlteredSerial,
        Fact::ProhibitedPerson,
    ];
    pub const KNOWLEDGE_AND_NEXUS: [Fact; 3] = [
        Fact::KnewBuyerProhibited,
        Fact::MexicoNexus,
        Fact::OtherFelony,
    ];
    pub const INVESTIGATION: [Fact; 2] = [Fact::CrimeGunRecovered, Fact::IceJointInvestigation];
    pub const PLEA: [Fact; 2] = [Fact::AcceptsResponsibility, Fact::GovernmentMotion];

    /// The case-file name, used for element ids and test hooks.
    pub fn key(self) -> &'static str {
        match self {
            Fact::ProhibitedPerson => "prohibited_person",
            Fact::LargeCapacitySemiautomatic => "large_capacity_semiautomatic",
            Fact::NfaWeapon => "nfa_weapon",
            Fact::FullyAutomatic => "fully_automatic",
            Fact::StolenFirearm => "stolen_firearm",
            Fact::AlteredSerial => "altered_serial",
            Fact::KnewBuyerProhibited => "knew_buyer_prohibited",
            Fact::MexicoNexus => "mexico_nexus",
            Fact::OtherFelony => "other_felony",
            Fact::CrimeGunRecovered => "crime_gun_recovered",
            Fact::IceJointInvestigation => "ice_joint_investigation",
            Fact::AcceptsResponsibility => "accepts_responsibility",
            Fact::GovernmentMotion => "government_motion",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Fact::ProhibitedPerson => "The defendant was a prohibited person",
            Fact::LargeCapacitySemiautomatic => {
                "A semi-automatic able to take a large-capacity magazine"
            }
            Fact::NfaWeapon => "A machine gun or other NFA weapon",
            Fact::FullyAutomatic => "A fully automatic weapon was exported",
            Fact::StolenFirearm => "A firearm was stolen",
            Fact::AlteredSerial => "A serial number was altered or obliterated",
            Fact::KnewBuyerProhibited => "Knew the real buyer could not legally buy",
            Fact::MexicoNexus => "The guns went, or were meant to go, to Mexico",
            Fact::OtherFelony => "Connected with another felony",
            Fact::CrimeGunRecovered => "A trafficked gun was recovered at a crime",
            Fact::IceJointInvestigation => "ICE is a joint investigator",
            Fact::AcceptsResponsibility => "Pleads guilty and accepts responsibility",
            Fact::GovernmentMotion => "Government moves for the extra level",
        }
    }

    pub fn note(self) -> LegalNote {
        let (meaning, citation) = match self {
            Fact::ProhibitedPerson => (
                "A felon, an unlawful alien or another person barred from having guns. Raises the base offense level to 14 (20 with a large-capacity semi-automatic).",
                "18 U.S.C. 922(g); USSG §2K2.1(a)(4)(B), (a)(6)(A)",
            ),
            Fact::LargeCapacitySemiautomatic => (
                "A semi-automatic firearm that can accept a magazine of more than 15 rounds, such as most AK-47-type rifles. With a prohibited person or prior convictions it raises the base level to 20–26.",
                "USSG §2K2.1(a)(1), (a)(3), (a)(4)(B) and application note 2",
            ),
            Fact::NfaWeapon => (
                "A firearm described in 26 U.S.C. 5845(a): machine guns, short-barrelled rifles and shotguns, silencers, destructive devices. Base level at least 18.",
                "26 U.S.C. 5845(a); USSG §2K2.1(a)(5)",
            ),
            Fact::FullyAutomatic => (
                "For export offenses: a fully automatic weapon takes the case out of the small-arms limit, so the base level is 26 rather than 14.",
                "USSG §2M5.2(a)",
            ),
            Fact::StolenFirearm => (
                "Any firearm in the offense was stolen: +2 levels.",
                "USSG §2K2.1(b)(4)(A)",
            ),
            Fact::AlteredSerial => (
                "Any firearm had an altered or obliterated serial number: +4 levels (not added to the stolen-gun increase).",
                "USSG §2K2.1(b)(4)(B)",
            ),
            Fact::KnewBuyerProhibited => (
                "The straw purchaser knew or had reason to believe the gun would go to someone barred from having it. From the Nov. 2011 Manual this raises the base level from 12 to 14.",
                "USSG §2K2.1(a)(6)(C) (amendment 753, 2011)",
            ),
            Fact::MexicoNexus => (
                "The firearms left the United States, or the defendant had reason to believe they would. From Nov. 2011: +4 levels and at least level 18. Prosecutors also weigh a proven Mexico nexus.",
                "USSG §2K2.1(b)(6)(A) (amendment 753); Goodman (2011), citing DOJ OIG I-2011-001",
            ),
            Fact::OtherFelony => (
                "A firearm was used or transferred in connection with another felony, such as drug trafficking: +4 levels and at least level 18.",
                "USSG §2K2.1(b)(6)(B) ((b)(6) in the 2010 Manual)",
            ),
            Fact::CrimeGunRecovered => (
                "One of the trafficked guns was recovered at a crime scene. Not a Guidelines factor: part of the unwritten threshold ATF described for U.S. Attorneys to accept a case.",
                "Goodman (2011), citing Goodman and Marizco (2010) p. 197",
            ),
            Fact::IceJointInvestigation => (
                "Immigration and Customs Enforcement investigates with ATF, which opens smuggling (18 U.S.C. 554) and Arms Export Control Act charges.",
                "Goodman (2011), citing DOJ OIG I-2011-001",
            ),
            Fact::AcceptsResponsibility => (
                "The defendant clearly accepts responsibility, usually by pleading guilty: −2 levels.",
                "USSG §3E1.1(a)",
            ),
            Fact::GovernmentMotion => (
                "On the government's motion, one more level off — only when the level before acceptance is 16 or more.",
                "USSG §3E1.1(b)",
            ),
        };
        LegalNote { meaning, citation }
    }

    pub fn get(self, case: &Case) -> Option<bool> {
        match self {
            Fact::ProhibitedPerson => case.prohibited_person,
            Fact::LargeCapacitySemiautomatic => case.large_capacity_semiautomatic,
            Fact::NfaWeapon => case.nfa_weapon,
            Fact::FullyAutomatic => case.fully_automatic,
            Fact::StolenFirearm => case.stolen_firearm,
            Fact::AlteredSerial => case.altered_serial,
            Fact::KnewBuyerProhibited => case.knew_buyer_prohibited,
            Fact::MexicoNexus => case.mexico_nexus,
            Fact::OtherFelony => case.other_felony,
            Fact::CrimeGunRecovered => case.crime_gun_recovered,
            Fact::IceJointInvestigation => case.ice_joint_investigation,
            Fact::AcceptsResponsibility => case.accepts_responsibility,
            Fact::GovernmentMotion => case.government_motion,
        }
    }

    pub fn set(self, case: &mut Case, value: Option<bool>) {
        let field = match self {
            Fact::ProhibitedPerson => &mut case.prohibited_person,
            Fact::LargeCapacitySemiautomatic => &mut case.large_capacity_semiautomatic,
            Fact::NfaWeapon => &mut case.nfa_weapon,
            Fact::FullyAutomatic => &mut case.fully_automatic,
            Fact::StolenFirearm => &mut case.stolen_firearm,
            Fact::AlteredSerial => &mut case.altered_serial,
            Fact::KnewBuyerProhibited => &mut case.knew_buyer_prohibited,
            Fact::MexicoNexus => &mut case.mexico_nexus,
            Fact::OtherFelony => &mut case.other_felony,
            Fact::CrimeGunRecovered => &mut case.crime_gun_recovered,
            Fact::IceJointInvestigation => &mut case.ice_joint_investigation,
            Fact::AcceptsResponsibility => &mut case.accepts_responsibility,
            Fact::GovernmentMotion => &mut case.government_motion,
        };
        *field = value;
    }
}

/// How a quantity is typed and checked.
pub struct QuantityRule {
    pub min: f64,
    pub max: f64,
    pub whole: bool,
    /// The unit shown after the box, e.g. "guns".
    pub unit: &'static str,
}

impl Quantity {
    pub const ALL: [Quantity; 6] = [
        Quantity::Firearms,
        Quantity::Counts,
        Quantity::PriorFelonies,
        Quantity::EvidenceStrength,
        Quantity::AmmunitionRounds,
        Quantity::DrugGrams,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Quantity::Firearms => "firearms",
            Quantity::Counts => "counts",
            Quantity::PriorFelonies => "prior_violent_or_drug_felonies",
            Quantity::AmmunitionRounds => "ammunition_rounds",
            Quantity::DrugGrams => "drug_grams",
            Quantity::EvidenceStrength => "evidence_strength",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Quantity::Firearms => "Number of firearms",
            Quantity::Counts => "Counts charged",
            Quantity::PriorFelonies => "Prior violent or drug felony convictions",
            Quantity::AmmunitionRounds => "Rounds of ammunition exported",
            Quantity::DrugGrams => "Cocaine, in grams (drug comparator)",
            Quantity::EvidenceStrength => "Strength of the evidence of intent",
        }
    }

    pub fn rule(self) -> QuantityRule {
        let (min, max, whole, unit) = match self {
            Quantity::Firearms => (0.0, 1_000_000.0, true, "firearms"),
            Quantity::Counts => (1.0, 100.0, true, "counts"),
            Quantity::PriorFelonies => (0.0, 50.0, true, "convictions"),
            Quantity::AmmunitionRounds => (0.0, 100_000_000.0, true, "rounds"),
            Quantity::DrugGrams => (0.0, 1.0e9, false, "g"),
            Quantity::EvidenceStrength => (0.0, 100.0, false, "%"),
        };
        QuantityRule {
            min,
            max,
            whole,
            unit,
        }
    }

    pub fn note(self) -> LegalNote {
        let (meaning, citation) = match self {
            Quantity::Firearms => (
                "All firearms unlawfully sought, bought or trafficked. 3–7 add 2 levels, 8–24 add 4, 25–99 add 6, 100–199 add 8, 200 or more add 10. For export charges, more than 10 (2 from Nov. 2011) small arms lifts the base level from 14 to 26.",
                "USSG §2K2.1(b)(1); §2M5.2(a)(2)",
            ),
            Quantity::Counts => (
                "Several counts of the same charge let the court stack sentences up to the sum of their maximums when one maximum is below the guideline range.",
                "USSG §5G1.2(d)",
            ),
            Quantity::PriorFelonies => (
                "Earlier felony convictions for a crime of violence or a controlled-substance offense raise the §2K2.1 base level to 20 (one) or 24 (two or more), more with a large-capacity semi-automatic.",
                "USSG §2K2.1(a)(1)–(a)(4)",
            ),
            Quantity::AmmunitionRounds => (
                "From Nov. 2011, exports of no more than 500 rounds (with no more than 2 small arms) keep the lower §2M5.2 base level of 14.",
                "USSG §2M5.2(a)(2) (amendment 753)",
            ),
            Quantity::DrugGrams => (
                "Only for the drug-conspiracy comparator the paper uses: the quantity sets the §2D1.1 level and the statutory tier.",
                "USSG §2D1.1(c); 21 U.S.C. 841(b)(1)",
            ),
            Quantity::EvidenceStrength => (
                "How strong the proof of criminal intent is, from 0% (none) to 100% (overwhelming). Not a Guidelines factor: U.S. Attorneys declined Gunrunner cases for weak intent evidence. A judgement you make, not a measured figure.",
                "Goodman (2011), citing DOJ OIG I-2011-001 (assumption: the scale is Threshold's)",
            ),
        };
        LegalNote { meaning, citation }
    }

    /// The value as the user sees it (percent for evidence).
    pub fn get(self, case: &Case) -> Option<f64> {
        match self {
            Quantity::Firearms => case.firearms.map(f64::from),
            Quantity::Counts => case.counts.map(f64::from),
            Quantity::PriorFelonies => case.prior_violent_or_drug_felonies.map(f64::from),
            Quantity::AmmunitionRounds => case.ammunition_rounds.map(f64::from),
            Quantity::DrugGrams => case.drug_grams,
            Quantity::EvidenceStrength => case.evidence_strength.map(|s| s * 100.0),
        }
    }

    /// Stores a value already checked by [`Quantity::parse`]; the casts are within range.
    pub fn set(self, case: &mut Case, value: Option<f64>) {
        match self {
            Quantity::Firearms => case.firearms = value.map(|v| v as u32),
            Quantity::Counts => case.counts = value.map(|v| v as u32),
            Quantity::PriorFelonies => case.prior_violent_or_drug_felonies = value.map(|v| v as u8),
            Quantity::AmmunitionRounds => case.ammunition_rounds = value.map(|v| v as u32),
            Quantity::DrugGrams => case.drug_grams = value,
            Quantity::EvidenceStrength => case.evidence_strength = value.map(|v| v / 100.0),
        }
    }

    /// Reads what the user typed: empty is "not given"; anything else must be a number in
    /// range, or the error says in plain words what is wrong.
    pub fn parse(self, text: &str) -> Result<Option<f64>, String> {
        let rule = self.rule();
        let cleaned: String = text
            .trim()
            .chars()
            .filter(|c| *c != ',' && *c != '_')
            .collect();
        let cleaned = cleaned.trim_end_matches('%');
        if cleaned.is_empty() {
            return Ok(None);
        }
        let value: f64 = cleaned
            .parse()
            .ok()
            .filter(|v: &f64| v.is_finite())
            .ok_or_else(|| format!("“{}” is not a number.", text.trim()))?;
        if rule.whole && value.fract() != 0.0 {
            return Err("Enter a whole number.".into());
        }
        if value < rule.min {
            return Err(format!(
                "Must be at least {}.",
                crate::units::number(crate::i18n::Lang::En, rule.min)
            ));
        }
        if value > rule.max {
            return Err(format!(
                "At most {} {} — check the number.",
                crate::units::number(crate::i18n::Lang::En, rule.max),
                rule.unit
            ));
        }
        Ok(Some(value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use threshold_engine::{ChargeId, LawEra};

    #[test]
    fn every_fact_reads_back_what_it_writes() {
        let all = [
            Fact::KIND_OF_FIREARMS.as_slice(),
            &Fact::KNOWLEDGE_AND_NEXUS,
            &Fact::INVESTIGATION,
            &Fact::PLEA,
        ]
        .concat();
        assert_eq!(all.len(), 13, "every Fact appears in one group");
        let mut case = Case::new(LawEra::Today, ChargeId::Trafficking933);
        for fact in all {
            for value in [Some(true), Some(false), None] {
                fact.set(&mut case, value);
                assert_eq!(fact.get(&case), value, "{}", fact.key());
            }
        }
    }

    #[test]
    fn quantities_parse_plain_words_and_refuse_garbage() {
        assert_eq!(Quantity::Firearms.parse(" 1,200 "), Ok(Some(1200.0)));
        assert_eq!(Quantity::Firearms.parse(""), Ok(None));
        assert!(Quantity::Firearms.parse("abc").is_err());
        assert!(Quantity::Firearms.parse("-3").is_err());
        assert!(Quantity::Firearms.parse("2.5").is_err());
        assert!(Quantity::Firearms.parse("1e9").is_err());
        assert!(Quantity::Firearms.parse("NaN").is_err());
        assert!(Quantity::Firearms.parse("inf").is_err());
        assert!(Quantity::Counts.parse("0").is_err());
        assert_eq!(Quantity::EvidenceStrength.parse("75%"), Ok(Some(75.0)));
        assert!(Quantity::EvidenceStrength.parse("101").is_err());
        assert_eq!(Quantity::DrugGrams.parse("500.5"), Ok(Some(500.5)));
    }

    #[test]
    fn every_quantity_reads_back_what_it_writes() {
        let mut case = Case::new(LawEra::April2011, ChargeId::StrawPurchase922a6);
        for quantity in Quantity::ALL {
            let rule = quantity.rule();
            for value in [Some(rule.min), Some(rule.max), None] {
                quantity.set(&mut case, value);
                let back = quantity.get(&case);
                match (back, value) {
                    (Some(b), Some(v)) => assert!((b - v).abs() < 1e-6, "{}", quantity.key()),
                    (b, v) => assert_eq!(b, v, "{}", quantity.key()),
                }
            }
        }
    }
}
