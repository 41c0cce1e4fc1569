//! Booking codes: what a teacher keeps to see or cancel a booking, and reads out on the phone.
//! Twelve characters from 31 that cannot be mistaken for one another (no 0/O, 1/I/L), drawn
//! from the operating system's random source: about 59 bits, unguessable at the booking API's
//! request rate.

use std::fmt;

use argon2::password_hash::rand_core::{OsRng, RngCore};
use fluent_bundle::FluentValue;
use serde::{Deserialize, Serialize};

use crate::i18n::{Lang, Messages, Wording};

/// Digits 2–9 and the Latin capitals without I, L and O.
pub const CODE_ALPHABET: &[u8; 31] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
pub const CODE_LENGTH: usize = 12;

/// A booking code: [`CODE_LENGTH`] characters of [`CODE_ALPHABET`], kept and sent in JSON as
/// they are (`7KQ2MXH9RT4W`), shown in groups of four for reading aloud (`7KQ2-MXH9-RT4W`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct BookingCode(String);

/// The operating system gave no random bytes.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("no random bytes from the operating system: {0}")]
pub struct NoRandomness(pub String);

impl Wording for NoRandomness {
    fn words(&self, messages: &Messages, lang: Lang) -> String {
        messages.get(
            lang,
            "booking-code-failed",
            &[("reason", FluentValue::from(self.0.clone()))],
        )
    }
}

impl BookingCode {
    /// A new code from the operating system's random source.
    pub fn generate() -> Result<BookingCode, NoRandomness> {
        Self::from_random(|buffer| {
            OsRng
                .try_fill_bytes(buffer)
                .map_err(|err| NoRandomness(err.to_string()))
        })
    }

    /// A code drawn from `fill`, a random source: each character from one byte, bytes that would
    /// favour some characters (248 and up) are skipped, so every character is equally likely.
    fn from_random(
        mut fill: impl FnMut(&mut [u8]) -> Result<(), NoRandomness>,
    ) -> Result<BookingCode, NoRandomness> {
        let alphabet = CODE_ALPHABET.len();
        let unbiased = (256 / alphabet * alphabet) as u8;
        let mut code = String::with_capacity(CODE_LENGTH);
        let mut buffer = [0u8; 32];
        while code.len() < CODE_LENGTH {
            fill(&mut buffer)?;
            for &byte in buffer.iter().filter(|&&byte| byte < unbiased) {
                if code.len() == CODE_LENGTH {
                    break;
                }
                code.push(char::from(CODE_ALPHABET[usize::from(byte) % alphabet]));
            }
        }
        Ok(BookingCode(code))
    }

    /// A code as a person types or reads it: spaces and dashes, small letters and the Cyrillic
    /// letters that look like Latin ones (a Ukrainian keyboard layout) are forgiven. None when it
    /// cannot be a code.
    pub fn parse(text: &str) -> Option<BookingCode> {
        let mut code = String::with_capacity(CODE_LENGTH);
        for c in text.chars() {
            if c.is_whitespace() || c == '-' {
                continue;
            }
            let c = latin_look_alike(c.to_uppercase().next().unwrap_or(c));
            if !c.is_ascii() || !CODE_ALPHABET.contains(&(c as u8)) || code.len() == CODE_LENGTH {
                return None;
            }
            code.push(c);
        }
        (code.len() == CODE_LENGTH).then_some(BookingCode(code))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `7KQ2-MXH9-RT4W`: for the confirmation page and reading on the phone.
    pub fn grouped(&self) -> String {
        let chars: Vec<char> = self.0.chars().collect();
        chars
            .chunks(4)
            .map(|group| group.iter().collect::<String>())
            .collect::<Vec<_>>()
            .join("-")
    }
}

/// The Latin capital a Cyrillic capital looks like, else the character itself.
fn latin_look_alike(c: char) -> char {
    match c {
        'А' => 'A',
        'В' => 'B',
        'С' => 'C',
        'Е' => 'E',
        'Н' => 'H',
        'К' => 'K',
        'М' => 'M',
        'Р' => 'P',
        'Т' => 'T',
        'Х' => 'X',
        'У' => 'Y',
        other => other,
    }
}

impl fmt::Display for BookingCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for BookingCode {
    type Error = String;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        BookingCode::parse(&text).ok_or_else(|| format!("\"{text}\" is not a booking code"))
    }
}

impl From<BookingCode> for String {
    fn from(code: BookingCode) -> String {
        code.0
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    #[test]
    fn the_alphabet_has_no_look_alikes_and_no_repeats() {
        for confusing in b"0O1IL" {
            assert!(!CODE_ALPHABET.contains(confusing));
        }
        let unique: BTreeSet<u8> = CODE_ALPHABET.iter().copied().collect();
        assert_eq!(unique.len(), CODE_ALPHABET.len());
        assert!(
            CODE_ALPHABET
                .iter()
                .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
        );
    }

    #[test]
    fn codes_are_twelve_readable_characters_and_differ() {
        let codes: BTreeSet<BookingCode> = (0..1000)
            .map(|_| BookingCode::generate().unwrap())
            .collect();
        assert_eq!(codes.len(), 1000, "1,000 codes, no two alike");
        for code in &codes {
            assert_eq!(code.as_str().len(), CODE_LENGTH);
            assert!(
                code.as_str().bytes().all(|c| CODE_ALPHABET.contains(&c)),
                "{code}"
            );
            assert_eq!(BookingCode::parse(code.as_str()).as_ref(), Some(code));
            assert_eq!(BookingCode::parse(&code.grouped()).as_ref(), Some(code));
        }
        // Every character turns up: nothing in the alphabet is out of reach.
        let seen: BTreeSet<char> = codes.iter().flat_map(|c| c.as_str().chars()).collect();
        assert_eq!(seen.len(), CODE_ALPHABET.len());
    }

    #[test]
    fn biased_bytes_are_skipped() {
        // 248..=255 would favour the first eight characters; they are dropped, not folded in.
        let mut calls = 0;
        let code = BookingCode::from_random(|buffer| {
            calls += 1;
            let byte = if calls == 1 { 250 } else { 31 + 8 };
            buffer.fill(byte);
            Ok(())
        })
        .unwrap();
        assert_eq!(calls, 2);
        assert_eq!(code.as_str(), "AAAAAAAAAAAA");
        let failed = BookingCode::from_random(|_| Err(NoRandomness("no entropy".into())));
        assert_eq!(failed, Err(NoRandomness("no entropy".into())));
    }

    #[test]
    fn typed_codes_are_forgiven_their_spaces_case_and_cyrillic_look_alikes() {
        let code = BookingCode::parse("7KQ2MXH9RT4W").unwrap();
        assert_eq!(code.grouped(), "7KQ2-MXH9-RT4W");
        for typed in [
            "7kq2-mxh9-rt4w",
            " 7KQ2 MXH9 RT4W ",
            "7КQ2-МХН9-RТ4W",
            "7кq2mхн9rт4w",
        ] {
            assert_eq!(BookingCode::parse(typed).as_ref(), Some(&code), "{typed}");
        }
        for wrong in [
            "",
            "7KQ2MXH9RT4",
            "7KQ2MXH9RT4WW",
            "0KQ2MXH9RT4W",
            "IKQ2MXH9RT4W",
            "7KQ2/MXH9RT4W",
        ] {
            assert_eq!(BookingCode::parse(wrong), None, "{wrong}");
        }
    }

    #[test]
    fn json_is_the_plain_code_and_refuses_what_is_not_one() {
        let code = BookingCode::parse("7KQ2MXH9RT4W").unwrap();
        assert_eq!(serde_json::to_string(&code).unwrap(), "\"7KQ2MXH9RT4W\"");
        let back: BookingCode = serde_json::from_str("\"7kq2-mxh9-rt4w\"").unwrap();
        assert_eq!(back, code);
        assert!(serde_json::from_str::<BookingCode>("\"O000\"").is_err());
        let words = NoRandomness("x".into()).words(&Messages::new(), Lang::Uk);
        assert!(!words.starts_with("booking-"), "{words}");
    }
}
