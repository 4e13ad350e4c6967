//! The loader: the 2010 Manual stored once, and each later amendment as a file of changes to
//! rules named by stable id, folded in date order into one text per edition.
//!
//! Implementation note: the fold works on JSON, so that an amendment file can say "set this
//! field", "add this tier" or "renumber that rule" without a Rust type per kind of change;
//! the typed [`ManualText`] is read from the result, and its `deny_unknown_fields` catches a
//! misspelt field. Each change records the amendment in the rule's citation and how the
//! change was verified, which is how every rule can say where its present text came from.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::{Map, Value};

use super::cite::Verification;
use super::date::Date;
use super::manual::{Manual, ManualText, Provenance};
use crate::edition::{editions, ManualEdition};
use crate::i18n::Text;

/// The base text: the first modelled Manual, every rule with its id.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaseText {
    /// The edition code of the base (the first of `editions.json`).
    manual: String,
    /// The documents read, by a short name that rows give as their `verified`.
    #[serde(default)]
    sources: BTreeMap<String, Verification>,
    /// How the base was checked, unless a section or rule says otherwise.
    verified: Verification,
    text: Value,
}

/// An amendment file: what it is and the changes it makes.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Amendment {
    /// The Commission's number; `None` for a change whose number is not verified.
    pub amendment: Option<u16>,
    /// A name for the file when there is no number ("2025-simplification").
    #[serde(default)]
    pub name: Option<String>,
    pub effective: Date,
    pub title: Text,
    #[serde(default)]
    pub href: Option<String>,
    /// How the amendment's text was checked; a change may say otherwise, by naming one of
    /// `sources` or giving its own.
    pub verified: Verification,
    #[serde(default)]
    pub sources: BTreeMap<String, Verification>,
    /// What the amendment does that the model does not encode, or notes on how it is
    /// encoded, in words.
    #[serde(default)]
    pub notes: Vec<Text>,
    pub changes: Vec<Value>,
}

impl Amendment {
    /// "amendment 753", or the file's name when the number is not known.
    pub fn designation(&self) -> String {
        match (self.amendment, &self.name) {
            (Some(n), _) => format!("amendment {n}"),
            (None, Some(name)) => name.clone(),
            (None, None) => "an amendment".into(),
        }
    }
}

/// A `verified` value: the name of one of the file's sources, or a verification itself.
pub(crate) fn verification(
    v: &Value,
    sources: &BTreeMap<String, Verification>,
) -> Result<Verification, String> {
    match v {
        Value::String(name) => sources
            .get(name)
            .cloned()
            .ok_or_else(|| format!("no source named {name:?}")),
        other => serde_json::from_value(other.clone()).map_err(|e| format!("verified: {e}")),
    }
}

/// Every object in `v` with an `"id"`, depth first, with the verification it inherits.
fn index_rows(
    v: &Value,
    inherited: &Verification,
    sources: &BTreeMap<String, Verification>,
    out: &mut BTreeMap<String, Verification>,
) -> Result<(), String> {
    match v {
        Value::Object(map) => {
            let own = match map.get("verified") {
                Some(x) => verification(x, sources)?,
                None => inherited.clone(),
            };
            if let Some(Value::String(id)) = map.get("id") {
                if out.insert(id.clone(), own.clone()).is_some() {
                    return Err(format!("the rule id {id} is used twice"));
                }
            }
            for child in map.values() {
                index_rows(child, &own, sources, out)?;
            }
        }
        Value::Array(items) => {
            for child in items {
                index_rows(child, inherited, sources, out)?;
            }
        }
        _ => {}
    }
    Ok(())
}

fn find_mut<'a>(v: &'a mut Value, id: &str) -> Option<&'a mut Value> {
    if v.get("id").and_then(Value::as_str) == Some(id) {
        return Some(v);
    }
    match v {
        Value::Object(map) => map.values_mut().find_map(|c| find_mut(c, id)),
        Value::Array(items) => items.iter_mut().find_map(|c| find_mut(c, id)),
        _ => None,
    }
}

/// The array holding the row `id` and its index there, or the object field holding it.
enum Place<'a> {
    InArray(&'a mut Vec<Value>, usize),
    InField(&'a mut Map<String, Value>, String),
}

fn place_of<'a>(v: &'a mut Value, id: &str) -> Option<Place<'a>> {
    let has = |x: &Value| x.get("id").and_then(Value::as_str) == Some(id);
    match v {
        Value::Object(map) => {
            if let Some(key) = map.iter().find(|(_, c)| has(c)).map(|(k, _)| k.clone()) {
                return Some(Place::InField(map, key));
            }
            map.values_mut().find_map(|c| place_of(c, id))
        }
        Value::Array(items) => {
            if let Some(i) = items.iter().position(has) {
                return Some(Place::InArray(items, i));
            }
            items.iter_mut().find_map(|c| place_of(c, id))
        }
        _ => None,
    }
}

fn at_path<'a>(v: &'a mut Value, path: &str) -> Option<&'a mut Value> {
    path.split('.')
        .try_fold(v, |node, key| node.as_object_mut()?.get_mut(key))
}

/// The state of the text while amendments are folded in.
struct Fold {
    text: Value,
    provenance: BTreeMap<String, Provenance>,
}

impl Fold {
    fn touch(&mut self, id: &str, amendment: &Amendment, verified: &Verification) {
        if let Some(row) = find_mut(&mut self.text, id) {
            if let (Some(n), Some(cite)) = (amendment.amendment, row.get_mut("cite")) {
                cite["amendment"] = Value::from(n);
            }
        }
        let p = self.provenance.entry(id.to_string()).or_insert(Provenance {
            amended_by: Vec::new(),
            verified: verified.clone(),
        });
        if let Some(n) = amendment.amendment {
            if p.amended_by.last() != Some(&n) {
                p.amended_by.push(n);
            }
        }
        p.verified = verified.clone();
    }

    fn apply(&mut self, amendment: &Amendment) -> Result<(), String> {
        let who = amendment.designation();
        for (i, change) in amendment.changes.iter().enumerate() {
            let at = format!("{who}, change {}", i + 1);
            let mut change = change
                .as_object()
                .cloned()
                .ok_or_else(|| format!("{at}: a change is an object"))?;
            change.remove("what");
            let verified = match change.remove("verified") {
                Some(v) => {
                    verification(&v, &amendment.sources).map_err(|e| format!("{at}: {e}"))?
                }
                None => amendment.verified.clone(),
            };
            let unknown_rule =
                |id: &str| format!("{at} changes {id}, which no earlier text defines");
            let op = ["set", "add", "remove", "renumber", "cite"]
                .into_iter()
                .find(|op| change.contains_key(*op))
                .ok_or_else(|| format!("{at}: no set, add, remove, renumber or cite"))?;
            let target = change.remove(op).unwrap_or_default();
            match op {
                "set" => {
                    let id = target
                        .as_str()
                        .ok_or_else(|| format!("{at}: set names a rule id"))?;
                    let row = find_mut(&mut self.text, id).ok_or_else(|| unknown_rule(id))?;
                    for (key, value) in change {
                        let slot = row
                            .get_mut(&key)
                            .ok_or_else(|| format!("{at}: {id} has no field {key}"))?;
                        *slot = value;
                    }
                    self.touch(id, amendment, &verified);
                }
                "add" => {
                    let id = target
                        .get("id")
                        .and_then(Value::as_str)
                        .ok_or_else(|| format!("{at}: the added rule has no id"))?
                        .to_string();
                    if find_mut(&mut self.text, &id).is_some() {
                        return Err(format!("{at} adds {id}, which already exists"));
                    }
                    let (after, before) = (change.remove("after"), change.remove("before"));
                    match (after.or(before.clone()), change.remove("at")) {
                        (Some(Value::String(next_to)), None) => {
                            let offset = usize::from(before.is_none());
                            match place_of(&mut self.text, &next_to)
                                .ok_or_else(|| unknown_rule(&next_to))?
                            {
                                Place::InArray(items, k) => items.insert(k + offset, target),
                                Place::InField(..) => {
                                    return Err(format!("{at}: {next_to} is not in a list"))
                                }
                            }
                        }
                        (None, Some(Value::String(path))) => {
                            let slot = at_path(&mut self.text, &path)
                                .ok_or_else(|| format!("{at}: the text has no {path}"))?;
                            match slot {
                                Value::Array(items) => items.push(target),
                                Value::Null => *slot = target,
                                _ => return Err(format!("{at}: {path} is already set")),
                            }
                        }
                        _ => return Err(format!("{at}: add needs one of after, before or at")),
                    }
                    if !change.is_empty() {
                        return Err(format!(
                            "{at}: unexpected {:?}",
                            change.keys().collect::<Vec<_>>()
                        ));
                    }
                    let mut inner = BTreeMap::new();
                    if let Some(row) = find_mut(&mut self.text, &id) {
                        index_rows(row, &verified, &amendment.sources, &mut inner)
                            .map_err(|e| format!("{at}: {e}"))?;
                    }
                    for (child, child_verified) in &inner {
                        self.touch(child, amendment, child_verified);
                    }
                }
                "remove" => {
                    let id = target
                        .as_str()
                        .ok_or_else(|| format!("{at}: remove names a rule id"))?;
                    match place_of(&mut self.text, id).ok_or_else(|| unknown_rule(id))? {
                        Place::InArray(items, k) => {
                            items.remove(k);
                        }
                        Place::InField(map, key) => {
                            map.insert(key, Value::Null);
                        }
                    }
                    self.provenance.remove(id);
                }
                "renumber" | "cite" => {
                    let id = target
                        .as_str()
                        .ok_or_else(|| format!("{at}: {op} names a rule id"))?;
                    let row = find_mut(&mut self.text, id).ok_or_else(|| unknown_rule(id))?;
                    let cite = row
                        .get_mut("cite")
                        .and_then(Value::as_object_mut)
                        .ok_or_else(|| format!("{at}: {id} has no citation"))?;
                    if op == "renumber" {
                        let section = change
                            .remove("section")
                            .filter(Value::is_string)
                            .ok_or_else(|| format!("{at}: renumber needs the new section"))?;
                        cite.insert("section".into(), section);
                    }
                    for (key, value) in change {
                        if !["note", "href"].contains(&key.as_str()) {
                            return Err(format!("{at}: {op} cannot set {key}"));
                        }
                        cite.insert(key, value);
                    }
                    self.touch(id, amendment, &verified);
                }
                _ => unreachable!("the op is one of the five names above"),
            }
        }
        Ok(())
    }
}

/// Every rule's citation by its id.
fn index_cites(v: &Value, out: &mut BTreeMap<String, super::cite::Cite>) {
    match v {
        Value::Object(map) => {
            if let (Some(Value::String(id)), Some(cite)) = (map.get("id"), map.get("cite")) {
                if let Ok(cite) = serde_json::from_value(cite.clone()) {
                    out.insert(id.clone(), cite);
                }
            }
            map.values().for_each(|c| index_cites(c, out));
        }
        Value::Array(items) => items.iter().for_each(|c| index_cites(c, out)),
        _ => {}
    }
}

fn strip_verified(v: &mut Value) {
    match v {
        Value::Object(map) => {
            map.remove("verified");
            map.values_mut().for_each(strip_verified);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_verified),
        _ => {}
    }
}

/// Reads the amendment files (name, text), sorted by effective date.
pub(crate) fn read_amendments(files: &[(&str, &str)]) -> Result<Vec<Amendment>, String> {
    let mut out = Vec::with_capacity(files.len());
    for (name, text) in files {
        let a: Amendment = serde_json::from_str(text).map_err(|e| format!("{name}: {e}"))?;
        if a.amendment.is_none() && a.name.is_none() {
            return Err(format!(
                "{name}: an amendment without a number needs a name"
            ));
        }
        out.push(a);
    }
    out.sort_by_key(|a| (a.effective, a.amendment));
    for pair in out.windows(2) {
        if pair[0].amendment.is_some() && pair[0].amendment == pair[1].amendment {
            return Err(format!("{} is given twice", pair[0].designation()));
        }
    }
    Ok(out)
}

/// Every modelled edition: the base text with each amendment in force by the edition's
/// date applied, in date order.
pub(crate) fn resolve(base: &str, amendments: &[Amendment]) -> Result<Vec<Manual>, String> {
    let base: BaseText = serde_json::from_str(base).map_err(|e| format!("base text: {e}"))?;
    let first = ManualEdition::first();
    if base.manual != first.code() {
        return Err(format!(
            "the base text is the {} Manual, but the first edition listed is {}",
            base.manual,
            first.code()
        ));
    }
    let mut inherited = BTreeMap::new();
    index_rows(&base.text, &base.verified, &base.sources, &mut inherited)
        .map_err(|e| format!("base text: {e}"))?;
    let mut fold = Fold {
        text: base.text,
        provenance: inherited
            .into_iter()
            .map(|(id, verified)| {
                (
                    id,
                    Provenance {
                        amended_by: Vec::new(),
                        verified,
                    },
                )
            })
            .collect(),
    };
    if let Some(early) = amendments.iter().find(|a| a.effective <= first.effective()) {
        return Err(format!(
            "{} took effect with or before the base text: write it into the base",
            early.designation()
        ));
    }
    let mut pending = amendments.iter().peekable();
    let mut manuals = Vec::with_capacity(editions().editions.len());
    for edition in ManualEdition::all() {
        let mut applied = Vec::new();
        while let Some(a) = pending.next_if(|a| a.effective <= edition.effective()) {
            fold.apply(a)?;
            applied.push(a.designation());
        }
        // An edition that brings no modelled amendment has its predecessor's text.
        if let (true, Some(previous)) = (applied.is_empty(), manuals.last()) {
            let previous: &Manual = previous;
            manuals.push(Manual {
                edition,
                text: previous.text.clone(),
                provenance: previous.provenance.clone(),
                cites: previous.cites.clone(),
            });
            continue;
        }
        let mut text = fold.text.clone();
        strip_verified(&mut text);
        let mut cites = BTreeMap::new();
        index_cites(&text, &mut cites);
        let text: ManualText = serde_json::from_value(text).map_err(|e| {
            let by = match applied.is_empty() {
                true => "the base text".to_string(),
                false => applied.join(", "),
            };
            format!("the {} Manual, after {by}: {e}", edition.code())
        })?;
        manuals.push(Manual {
            edition,
            text,
            provenance: fold.provenance.clone(),
            cites,
        });
    }
    if let Some(late) = pending.next() {
        return Err(format!(
            "{} takes effect on {}, after the newest edition listed: add its edition to editions.json",
            late.designation(),
            late.effective
        ));
    }
    Ok(manuals)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = include_str!("../../data/law/manual-2010.json");

    fn amendment(effective: &str, changes: &str) -> String {
        format!(
            r#"{{"amendment": 900, "effective": "{effective}", "title": {{"en": "t", "es": "t"}},
                "verified": {{"status": "not_verified", "how": "a test"}}, "changes": [{changes}]}}"#
        )
    }

    fn fold(effective: &str, changes: &str) -> Result<Vec<Manual>, String> {
        let text = amendment(effective, changes);
        let amendments = read_amendments(&[("900.json", &text)])?;
        resolve(BASE, &amendments)
    }

    #[test]
    fn a_change_reaches_every_later_edition_and_records_itself() {
        let manuals = fold(
            "2011-11-01",
            r#"{"set": "2k2_1.base.default", "level": 13},
               {"renumber": "2k2_1.stolen", "section": "§2K2.1(b)(4)(C)"}"#,
        )
        .unwrap();
        let base = &manuals[0];
        assert_eq!(base.text.firearms.base_levels[7].level, 12);
        for later in &manuals[1..] {
            let rule = &later.text.firearms.base_levels[7];
            assert_eq!((rule.level, rule.cite.amendment), (13, Some(900)));
            assert_eq!(later.text.firearms.stolen.cite.section, "§2K2.1(b)(4)(C)");
            let p = &later.provenance["2k2_1.base.default"];
            assert_eq!(p.amended_by, [900]);
            assert_eq!(p.verified.status, crate::law::Checked::NotVerified);
        }
        assert!(base.provenance["2k2_1.base.default"].amended_by.is_empty());
    }

    #[test]
    fn adding_and_removing_rules() {
        let manuals = fold(
            "2011-11-01",
            r#"{"add": {"id": "2k2_1.firearm_count.1000_up", "cite": {"section": "§2K2.1(b)(1)(F)"},
                        "min_firearms": 1000, "increase": 12}, "after": "2k2_1.firearm_count.200_up"},
               {"remove": "2k2_1.trafficking.dangerous"}"#,
        )
        .unwrap();
        let last = manuals.last().unwrap();
        let tiers = &last.text.firearms.firearm_count.tiers;
        assert_eq!(tiers.last().unwrap().min_firearms, 1000);
        assert_eq!(tiers.last().unwrap().cite.amendment, Some(900));
        assert!(last.provenance.contains_key("2k2_1.firearm_count.1000_up"));
        assert!(!last.provenance.contains_key("2k2_1.trafficking.dangerous"));
    }

    #[test]
    fn mistakes_in_an_amendment_are_named() {
        let cases = [
            (
                r#"{"set": "2k2_1.nothing", "level": 1}"#,
                "which no earlier text defines",
            ),
            (
                r#"{"set": "2k2_1.base.default", "levle": 1}"#,
                "has no field levle",
            ),
            (
                r#"{"set": "2k2_1.base.default", "level": "x"}"#,
                "invalid type",
            ),
            (
                r#"{"add": {"id": "2k2_1.stolen", "cite": {"section": "§x"}}, "at": "firearms.export"}"#,
                "already exists",
            ),
            (
                r#"{"add": {"cite": {"section": "§x"}}, "at": "firearms.export"}"#,
                "has no id",
            ),
            (r#"{"renumber": "2k2_1.stolen"}"#, "needs the new section"),
            (
                r#"{"change": "2k2_1.stolen"}"#,
                "no set, add, remove, renumber or cite",
            ),
            (
                r#"{"set": "2k2_1.stolen", "verified": "nowhere"}"#,
                "no source named",
            ),
        ];
        for (change, expected) in cases {
            let err = fold("2011-11-01", change).unwrap_err();
            assert!(err.contains(expected), "{change}: {err}");
            assert!(err.contains("amendment 900"), "{err}");
        }
        let late = fold("2099-11-01", r#"{"cite": "2k2_1.stolen"}"#).unwrap_err();
        assert!(late.contains("after the newest edition"), "{late}");
        let early = fold("2010-11-01", r#"{"cite": "2k2_1.stolen"}"#).unwrap_err();
        assert!(early.contains("write it into the base"), "{early}");
        let text = amendment("2011-11-01", "");
        let twice = read_amendments(&[("a.json", &text), ("b.json", &text)]).unwrap_err();
        assert!(twice.contains("given twice"), "{twice}");
    }
}
