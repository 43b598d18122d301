//! Model: the closed sets of the ontology and the plain types that flow between stages.
//!
//! Owns `EntityType`, `Predicate` and `Status` (each mirrored by `ontology/newsgraph.ttl`;
//! a test fails when they disagree) and the `Entity`/`Relation`/`Extraction` types that
//! `extract` produces and `store` writes, and the two ways things are named: `slug` and
//! `short_hash`. No I/O, no serialisation: output formats have their own small types.

use std::fmt;

macro_rules! closed_set {
    ($(#[$doc:meta])* $name:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The name used in the ontology and in JSON.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// Parses the ontology name, case-insensitively.
            pub fn parse(text: &str) -> Option<Self> {
                let text = text.trim();
                Self::ALL.iter().copied().find(|v| v.as_str().eq_ignore_ascii_case(text))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

closed_set! {
    /// The class of an entity.
    EntityType {
        Country => "Country",
        Person => "Person",
        Company => "Company",
        Organization => "Organization",
        Place => "Place",
        Project => "Project",
        Initiative => "Initiative",
        Event => "Event",
        Commodity => "Commodity",
    }
}

closed_set! {
    /// The predicate of a relation.
    Predicate {
        InvestsIn => "investsIn",
        ParticipatesIn => "participatesIn",
        Proposes => "proposes",
        InterestedIn => "interestedIn",
        Builds => "builds",
        Supplies => "supplies",
        Trades => "trades",
        Sanctions => "sanctions",
        CooperatesWith => "cooperatesWith",
        AlliedWith => "alliedWith",
        Mediates => "mediates",
        Criticizes => "criticizes",
        Hinders => "hinders",
        LocatedIn => "locatedIn",
        PartOf => "partOf",
        HoldsRole => "holdsRole",
        MemberOf => "memberOf",
        MeetsWith => "meetsWith",
        CompetesWith => "competesWith",
    }
}

closed_set! {
    /// Where an undertaking stands, as the sentence says.
    Status {
        Planned => "planned",
        Underway => "underway",
        Operational => "operational",
        Suspended => "suspended",
        Cancelled => "cancelled",
        Completed => "completed",
    }
}

impl EntityType {
    /// Actors can invest, sanction, propose, hold roles.
    pub fn is_actor(self) -> bool {
        matches!(self, EntityType::Country | EntityType::Person | EntityType::Company | EntityType::Organization)
    }

    /// The lowercase word used in entity ids: `country/russia`.
    pub fn id_prefix(self) -> String {
        self.as_str().to_ascii_lowercase()
    }
}

impl Predicate {
    /// Undertakings that can be planned, underway, suspended, cancelled or completed:
    /// the only relations a sentence's status cue applies to.
    pub fn has_stages(self) -> bool {
        matches!(
            self,
            Predicate::InvestsIn
                | Predicate::Builds
                | Predicate::ParticipatesIn
                | Predicate::Supplies
                | Predicate::Trades
                | Predicate::Proposes
                | Predicate::CooperatesWith
                | Predicate::Sanctions
                | Predicate::MeetsWith
                | Predicate::MemberOf
        )
    }

    /// Acts a sentence states with a word of its own ("supplied", "sanctions", "blocked"): two
    /// names side by side do not say one gave, punished or hindered the other, so in a
    /// sentence with no cue word of the act, the scorer alone makes one only as likely as its
    /// threshold asks of a relation (`extract::scorer::UNFRAMED_FLOOR` is for the rest).
    pub fn needs_a_word(self) -> bool {
        matches!(self, Predicate::Supplies | Predicate::Sanctions | Predicate::Hinders)
    }

    /// Relations against the other side: a weakening word ("strained") is their cue, not their negation.
    pub fn is_adversarial(self) -> bool {
        matches!(self, Predicate::Hinders | Predicate::Criticizes | Predicate::Sanctions | Predicate::CompetesWith)
    }

    /// cooperatesWith, alliedWith and competesWith hold both ways.
    pub fn is_symmetric(self) -> bool {
        matches!(self, Predicate::CooperatesWith | Predicate::AlliedWith | Predicate::CompetesWith)
    }
}

/// One real-world thing found in a document.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    /// Stable across documents: `<type>/<slug>`, e.g. `country/south_korea`.
    pub id: String,
    pub label: String,
    pub class: EntityType,
    /// Other surface forms this document used, sorted.
    pub aliases: Vec<String>,
    pub wikidata: Option<String>,
}

/// Where a relation was read: a byte span of the document body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    pub start: usize,
    pub end: usize,
    /// Exactly `&body[start..end]`.
    pub text: String,
}

/// A typed, directed fact between two entities of one document.
#[derive(Debug, Clone, PartialEq)]
pub struct Relation {
    pub subject: String,
    pub predicate: Predicate,
    pub object: String,
    pub evidence: Evidence,
    pub confidence: f32,
    pub year: Option<i32>,
    pub amount: Option<String>,
    pub status: Option<Status>,
    /// The sentence denies the relation ("never acted on", "refused to join").
    pub negated: bool,
    /// The lexicon rule that produced it, e.g. `relations.csv:42`.
    pub rule: String,
}

/// Everything extracted from one document, sorted by id / position.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extraction {
    pub entities: Vec<Entity>,
    pub relations: Vec<Relation>,
}

/// The first 16 hex digits of the SHA-256 of `parts` (hashed one after the other): the
/// name of a document's text, of a statement, and of the extractor's data.
pub fn short_hash<B: AsRef<[u8]>>(parts: impl IntoIterator<Item = B>) -> String {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part.as_ref());
    }
    hex(&hasher.finalize()[..8])
}

/// `bytes` as lowercase hex digits, two a byte: how SHA-256 digests are written
/// (`short_hash`, the shard manifest's hashes).
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Lowercase ASCII slug with underscores: "Moon Jae-in" → "moon_jae_in". Non-ASCII
/// letters are kept (lowercased) so non-Latin names get distinct ids.
pub fn slug(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::with_capacity(text.len());
    let mut gap = false;
    // ASCII text is its own decomposition, without marks: the usual case skips the normaliser.
    let chars: Box<dyn Iterator<Item = char>> = if text.is_ascii() { Box::new(text.chars()) } else { Box::new(text.nfkd().filter(|c| !unicode_normalization::char::is_combining_mark(*c))) };
    for c in chars {
        if c.is_alphanumeric() {
            if gap && !out.is_empty() {
                out.push('_');
            }
            gap = false;
            out.extend(c.to_lowercase());
        } else if c != '\'' && c != '\u{2019}' && c != '.' {
            gap = true;
        }
    }
    if out.is_empty() {
        out.push('_');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closed_sets_parse_their_own_names() {
        for t in EntityType::ALL {
            assert_eq!(EntityType::parse(t.as_str()), Some(*t));
        }
        for p in Predicate::ALL {
            assert_eq!(Predicate::parse(&p.as_str().to_lowercase()), Some(*p));
        }
        assert_eq!(Status::parse("Suspended"), Some(Status::Suspended));
        assert_eq!(EntityType::parse("Thing"), None);
        assert_eq!(Predicate::ALL.len(), 19);
        assert_eq!(EntityType::ALL.len(), 9);
    }

    #[test]
    fn a_short_hash_is_sixteen_hex_digits_of_the_parts_in_a_row() {
        assert_eq!(short_hash(["abc"]), "ba7816bf8f01cfea", "SHA-256 of abc");
        assert_eq!(short_hash(["a", "bc"]), short_hash(["abc"]));
        assert_eq!(short_hash(Vec::<&[u8]>::new()), "e3b0c44298fc1c14", "SHA-256 of nothing");
    }

    #[test]
    fn slugs_are_stable_and_ascii_folded() {
        assert_eq!(slug("Moon Jae-in"), "moon_jae_in");
        assert_eq!(slug("U.S. Embassy"), "us_embassy");
        assert_eq!(slug("Élysée Palace"), "elysee_palace");
        assert_eq!(slug("Russia’s Far East"), "russias_far_east");
        assert_eq!(slug("Москва"), "москва");
        assert_eq!(slug("!!!"), "_");
    }
}
