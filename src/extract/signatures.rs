//! Signatures: the classes each predicate may relate, read from the OWL ontology's
//! `rdfs:domain` and `rdfs:range` (`ontology/newsgraph.ttl`, a class or an `owl:unionOf`
//! list). A relation the ontology does not allow ("a commodity participates in a company")
//! is never made, whatever the scorer says.

use crate::model::{EntityType, Predicate};
use crate::store::read_turtle;
use crate::store::vocab::{NG, OWL, RDF, RDFS};
use anyhow::{Context, Result};
use std::path::Path;

/// Per predicate (by discriminant), the classes allowed as subject and as object, one bit per
/// class (by discriminant).
#[derive(Debug, Clone)]
pub struct Signatures {
    allowed: [(u16, u16); Predicate::ALL.len()],
}

impl Default for Signatures {
    /// Every class allowed everywhere.
    fn default() -> Self {
        Signatures { allowed: [(u16::MAX, u16::MAX); Predicate::ALL.len()] }
    }
}

impl Signatures {
    /// Reads the domains and ranges of the ontology at `path`; a predicate without one allows
    /// every class there.
    pub fn load(path: &Path) -> Result<Signatures> {
        let triples = read_turtle(path)?;
        // IRIs as the triples write them: "<…>".
        let iri = |text: String| format!("<{text}>");
        let (union_of, first, rest) = (iri(format!("{OWL}unionOf")), iri(format!("{RDF}first")), iri(format!("{RDF}rest")));
        let object = |subject: &str, predicate: &str| triples.iter().find(|t| t.subject == subject && t.predicate == predicate).map(|t| t.object.as_str());
        // The classes a domain or range names: one class, or the members of its union.
        let classes = |term: &str| -> Result<u16> {
            let mut bits = 0u16;
            let mut add = |term: &str| -> Result<()> {
                let Some(class_iri) = term.strip_prefix('<').and_then(|t| t.strip_suffix('>')) else { return Ok(()) };
                let name = class_iri.strip_prefix(NG).unwrap_or("");
                let class = EntityType::parse(name).with_context(|| format!("{}: {} is no entity class", path.display(), class_iri))?;
                bits |= 1 << class as u16;
                Ok(())
            };
            if term.starts_with("_:") {
                let mut list = object(term, &union_of);
                while let Some(cell) = list.filter(|cell| cell.starts_with("_:")) {
                    if let Some(member) = object(cell, &first) {
                        add(member)?;
                    }
                    list = object(cell, &rest);
                }
            } else {
                add(term)?;
            }
            Ok(bits)
        };
        let mut out = Signatures::default();
        for &predicate in Predicate::ALL.iter() {
            let property = iri(format!("{NG}{predicate}"));
            let side = |which: &str| -> Result<u16> { object(&property, &iri(format!("{RDFS}{which}"))).map_or(Ok(u16::MAX), classes) };
            out.allowed[predicate as usize] = (side("domain")?, side("range")?);
        }
        Ok(out)
    }

    /// The ontology allows `predicate` from a `subject` of this class to an `object` of that one.
    pub fn allows(&self, predicate: Predicate, subject: EntityType, object: EntityType) -> bool {
        let (domain, range) = self.allowed[predicate as usize];
        domain >> subject as u16 & 1 != 0 && range >> object as u16 & 1 != 0
    }

    /// The ontology allows a `subject` of this class for `predicate`, whatever the object.
    pub fn allows_subject(&self, predicate: Predicate, subject: EntityType) -> bool {
        self.allowed[predicate as usize].0 >> subject as u16 & 1 != 0
    }

    /// The ontology allows an `object` of this class for `predicate`, whatever the subject.
    pub fn allows_object(&self, predicate: Predicate, object: EntityType) -> bool {
        self.allowed[predicate as usize].1 >> object as u16 & 1 != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ontology_signatures_are_read() {
        let s = Signatures::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("ontology/newsgraph.ttl")).unwrap();
        assert!(s.allows(Predicate::ParticipatesIn, EntityType::Company, EntityType::Project));
        assert!(!s.allows(Predicate::ParticipatesIn, EntityType::Commodity, EntityType::Company));
        assert!(s.allows(Predicate::LocatedIn, EntityType::Place, EntityType::Country));
        assert!(!s.allows(Predicate::LocatedIn, EntityType::Person, EntityType::Place));
        assert!(s.allows(Predicate::Trades, EntityType::Country, EntityType::Commodity));
        assert!(s.allows_object(Predicate::Trades, EntityType::Commodity));
        assert!(!s.allows_object(Predicate::Trades, EntityType::Country));
        assert!(s.allows_subject(Predicate::Trades, EntityType::Country));
        assert!(!s.allows_subject(Predicate::Trades, EntityType::Commodity));
        // A subsidiary is a member of its group (a range given as a union).
        assert!(s.allows(Predicate::MemberOf, EntityType::Company, EntityType::Company));
        assert!(!s.allows(Predicate::MemberOf, EntityType::Company, EntityType::Project));
    }
}
