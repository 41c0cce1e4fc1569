//! Fluent message ids stay honest: every id the code asks for is in both `assets/i18n/*.ftl`
//! files, and every id of those files is asked for somewhere. (That the two files hold the same
//! ids is `both_ftl_files_parse_and_have_the_same_messages` in src/i18n/mod.rs.)
//!
//! A missing id is not a crash: `Messages::get` shows the id itself on the kiosk or in the report,
//! so only a test catches it. The test reads the source text of `src/**/*.rs`, comments left out
//! (doc comments too), strings and everything else kept, with these rules:
//!
//! **An id the code passes** (checked against both files) is a string literal that is
//! - the first argument of `say(..)` or `text(..)` (any receiver: `words.text("id")`,
//!   `desk.say("id", ..)`, a `say` closure), or of `Says::Ui(..)` / `Says::UiWith(..)`;
//! - shaped like an id (lower-case words joined by `-`) and the second argument of
//!   `.get(lang, "id", ..)` or `.text(lang, "id")` (`Messages`; other methods of those names
//!   take a field name there);
//! - or shaped like an id and the value of a match arm (`=> "id",`), of a block
//!   (`if .. { "id" } else { "id" }`), or the first element of an id-with-arguments pair
//!   (`("id", vec![..])`): the ways the code picks an id before passing it on.
//!
//! **An id of the files is used** when it appears as a whole string literal anywhere in `src`,
//! or starts with a prefix the code builds ids from: `format!("<prefix>{..}")` where the prefix
//! is id-shaped and ends in `-` (`format!("light-{}", ..)` covers `light-green`), and
//! `term("<kind>", word)`, which asks for `<kind>-<word>`.
//!
//! **The server's templates** (`assets/web/templates/*.html`) ask for messages as
//! `t(lang, "id")`: each such id is both passed and used.
//!
//! An id only reachable some other way (built from pieces, read from a file) should be made
//! visible to these rules in the code, not listed here.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use tourcentre::i18n::{Lang, Messages};

use crate::repo;

/// Ids the code asks for on purpose although no file has them. Keep this tiny.
const DELIBERATELY_MISSING: &[&str] = &[
    // src/i18n/mod.rs tests that a missing message shows its id.
    "no-such-message",
];

#[test]
fn every_id_the_code_passes_is_in_both_ftl_files() {
    let messages = Messages::new();
    let source = Source::read(&repo().join("src"));
    let mut missing = Vec::new();
    for lang in Lang::ALL {
        let ids: BTreeSet<String> = messages.ids(lang).into_iter().collect();
        for (id, file) in &source.passed {
            if !ids.contains(id) && !DELIBERATELY_MISSING.contains(&id.as_str()) {
                missing.push(format!("{id} (in {file}) is not in {}.ftl", lang.code()));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "the code asks for messages that would show as their bare id:\n{}",
        missing.join("\n")
    );
}

#[test]
fn every_ftl_id_is_used_by_the_code() {
    let messages = Messages::new();
    let source = Source::read(&repo().join("src"));
    let mut unused = Vec::new();
    for lang in Lang::ALL {
        for id in messages.ids(lang) {
            if !source.uses(&id) {
                unused.push(format!("{id} ({}.ftl)", lang.code()));
            }
        }
    }
    assert!(
        unused.is_empty(),
        "no code asks for these messages: remove them from both files, or make the code's use \
         visible to the rules at the top of tests/it/messages.rs:\n{}",
        unused.join("\n")
    );
}

/// What the rules above find in the source.
#[derive(Debug, Default)]
struct Source {
    /// Ids the code passes, each with the file it is in.
    passed: BTreeSet<(String, String)>,
    /// Every string literal.
    literals: BTreeSet<String>,
    /// Prefixes the code builds ids from.
    prefixes: BTreeSet<String>,
}

impl Source {
    fn read(src: &Path) -> Source {
        let mut files = Vec::new();
        rust_files(src, &mut files);
        assert!(
            files.len() > 10,
            "found only {files:?} under {}",
            src.display()
        );
        let mut source = Source::default();
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            let name = file
                .strip_prefix(repo())
                .unwrap_or(&file)
                .display()
                .to_string();
            source.scan(&text, &name);
        }
        source.scan_templates(&repo().join("assets/web/templates"));
        source
    }

    /// `t(lang, "id")` in the server's templates.
    fn scan_templates(&mut self, dir: &Path) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let name = path
                .strip_prefix(repo())
                .unwrap_or(&path)
                .display()
                .to_string();
            let mut rest = text.as_str();
            while let Some(at) = rest.find("t(lang, \"") {
                rest = &rest[at + "t(lang, \"".len()..];
                let Some(end) = rest.find('"') else { break };
                let id = rest[..end].to_string();
                self.literals.insert(id.clone());
                self.passed.insert((id, name.clone()));
                rest = &rest[end..];
            }
        }
    }

    fn scan(&mut self, text: &str, file: &str) {
        let tokens = tokens(text);
        for id in passed_ids(&tokens) {
            self.passed.insert((id, file.to_string()));
        }
        for (index, token) in tokens.iter().enumerate() {
            if let Token::Str(literal) = token {
                self.literals.insert(literal.clone());
            }
            self.prefixes.extend(built_prefix(&tokens[index..]));
        }
    }

    fn uses(&self, id: &str) -> bool {
        self.literals.contains(id) || self.prefixes.iter().any(|p| id.starts_with(p.as_str()))
    }
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Rust source as the rules need it: names, string literals (their text as written) and single
/// punctuation characters. Comments are dropped; numbers, chars and lifetimes become `Other`.
#[derive(Clone, Debug, PartialEq)]
enum Token {
    Ident(String),
    Str(String),
    Punct(char),
    Other,
}

fn tokens(source: &str) -> Vec<Token> {
    let chars: Vec<char> = source.chars().collect();
    let at = |i: usize| chars.get(i).copied().unwrap_or('\0');
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '/' && at(i + 1) == '/' {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && at(i + 1) == '*' {
            i = block_comment_end(&chars, i);
        } else if c == '"' {
            let (text, end) = quoted(&chars, i + 1);
            out.push(Token::Str(text));
            i = end;
        } else if c == '\'' {
            // A char ('x', '\n', '"') or a lifetime ('a, whose name follows as an Ident).
            i = if at(i + 1) == '\\' {
                (i + 3..chars.len())
                    .find(|&j| chars[j] == '\'')
                    .unwrap_or(chars.len())
                    + 1
            } else if at(i + 2) == '\'' {
                i + 3
            } else {
                i + 1
            };
            out.push(Token::Other);
        } else if c.is_alphabetic() || c == '_' {
            let start = i;
            while at(i).is_alphanumeric() || at(i) == '_' {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            match (word.as_str(), at(i)) {
                ("r" | "br" | "cr", '"' | '#') => {
                    let hashes = (i..chars.len()).take_while(|&j| chars[j] == '#').count();
                    if at(i + hashes) == '"' {
                        let (text, end) = raw(&chars, i + hashes + 1, hashes);
                        out.push(Token::Str(text));
                        i = end;
                    } else {
                        // A raw identifier, r#type: its name follows as an Ident.
                        i += hashes;
                    }
                }
                ("b" | "c", '"') => {
                    let (text, end) = quoted(&chars, i + 1);
                    out.push(Token::Str(text));
                    i = end;
                }
                _ => out.push(Token::Ident(word)),
            }
        } else if c.is_ascii_digit() {
            while at(i).is_alphanumeric() || at(i) == '_' {
                i += 1;
            }
            out.push(Token::Other);
        } else {
            out.push(Token::Punct(c));
            i += 1;
        }
    }
    out
}

/// Where a (nested) block comment starting at `start` ends.
fn block_comment_end(chars: &[char], start: usize) -> usize {
    let mut depth = 0;
    let mut i = start;
    while i + 1 < chars.len() {
        match (chars[i], chars[i + 1]) {
            ('/', '*') => {
                depth += 1;
                i += 2;
            }
            ('*', '/') => {
                depth -= 1;
                i += 2;
                if depth == 0 {
                    return i;
                }
            }
            _ => i += 1,
        }
    }
    chars.len()
}

/// A "..." string's text as written (escapes kept) from just after its quote; and where it ends.
fn quoted(chars: &[char], start: usize) -> (String, usize) {
    let mut i = start;
    while i < chars.len() && chars[i] != '"' {
        i += if chars[i] == '\\' { 2 } else { 1 };
    }
    let end = i.min(chars.len());
    (chars[start..end].iter().collect(), end + 1)
}

/// An r#"..."# string's text from just after its opening quote; and where it ends.
fn raw(chars: &[char], start: usize, hashes: usize) -> (String, usize) {
    let closes = |i: usize| {
        chars[i] == '"' && (1..=hashes).all(|h| chars.get(i + h).is_some_and(|c| *c == '#'))
    };
    let end = (start..chars.len())
        .find(|&i| closes(i))
        .unwrap_or(chars.len());
    (chars[start..end].iter().collect(), end + 1 + hashes)
}

/// Lower-case words joined by '-': what every id of the files looks like.
fn id_shaped(text: &str) -> bool {
    text.contains('-')
        && text.starts_with(|c: char| c.is_ascii_lowercase())
        && text.split('-').all(|word| {
            !word.is_empty()
                && word
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        })
}

/// The ids passed to the message functions, by the rules at the top of this file.
fn passed_ids(tokens: &[Token]) -> Vec<String> {
    use Token::{Ident, Punct, Str};
    let ident = |i: usize, names: &[&str]| match tokens.get(i) {
        Some(Ident(name)) => names.contains(&name.as_str()),
        _ => false,
    };
    let punct = |i: usize, c: char| tokens.get(i) == Some(&Punct(c));
    let literal = |i: usize| match tokens.get(i) {
        Some(Str(text)) => Some(text.clone()),
        _ => None,
    };
    let shaped = |i: usize| literal(i).filter(|text| id_shaped(text));
    let mut ids = Vec::new();
    for i in 0..tokens.len() {
        // say("id" / text("id"
        if ident(i, &["say", "text"]) && punct(i + 1, '(') {
            ids.extend(literal(i + 2));
        }
        // Says::Ui("id" / Says::UiWith("id"
        if ident(i, &["Says"])
            && punct(i + 1, ':')
            && punct(i + 2, ':')
            && ident(i + 3, &["Ui", "UiWith"])
            && punct(i + 4, '(')
        {
            ids.extend(literal(i + 5));
        }
        // .get(lang, "id" / .text(lang, "id"
        if punct(i, '.') && ident(i + 1, &["get", "text"]) && punct(i + 2, '(') {
            ids.extend(second_argument(tokens, i + 3).and_then(shaped));
        }
        // => "id",   { "id" }   ("id", vec![
        if punct(i, '=') && punct(i + 1, '>') && (punct(i + 3, ',') || punct(i + 3, '}')) {
            ids.extend(shaped(i + 2));
        }
        if punct(i, '{') && punct(i + 2, '}') {
            ids.extend(shaped(i + 1));
        }
        if punct(i, '(') && punct(i + 2, ',') && ident(i + 3, &["vec"]) && punct(i + 4, '!') {
            ids.extend(shaped(i + 1));
        }
    }
    ids
}

/// The index of the token that starts the second argument of a call whose first argument starts
/// at `first`; None when the first argument is a literal itself or the call has one argument.
fn second_argument(tokens: &[Token], first: usize) -> Option<usize> {
    if matches!(tokens.get(first), Some(Token::Str(_))) {
        return None;
    }
    let mut depth = 0;
    for (offset, token) in tokens[first..].iter().enumerate() {
        match token {
            Token::Punct('(' | '[' | '{') => depth += 1,
            Token::Punct(')' | ']' | '}') if depth == 0 => return None,
            Token::Punct(')' | ']' | '}') => depth -= 1,
            Token::Punct(',') if depth == 0 => return Some(first + offset + 1),
            _ => {}
        }
    }
    None
}

/// The prefix of the ids a `format!("<prefix>{..}", ..)` or a `term("<kind>", ..)` starting at
/// `tokens[0]` builds.
fn built_prefix(tokens: &[Token]) -> Option<String> {
    use Token::{Ident, Punct, Str};
    match tokens {
        [Ident(name), Punct('!'), Punct('('), Str(text), ..] if name == "format" => {
            let (prefix, _) = text.split_once('{')?;
            let words = prefix.strip_suffix('-')?;
            id_shaped(&format!("{words}-x")).then(|| prefix.to_string())
        }
        [Ident(name), Punct('('), Str(kind), Punct(','), ..] if name == "term" => {
            id_shaped(&format!("{kind}-x")).then(|| format!("{kind}-"))
        }
        _ => None,
    }
}

/// The rules themselves: each shape is seen, comments and look-alikes are not.
#[test]
fn the_rules_see_each_way_the_code_names_an_id() {
    let code = r##"
        // say("in-a-comment", &[]) /* text("in-a-block") /* nested */ still("comment") */
        /// words.text("in-a-doc-comment")
        fn f() {
            let quote = '"'; let escaped = '\''; let life: &'static str = "";
            words.say("direct-say", &[]);
            desk.say(
                "across-lines",
                &[("n", 1.into())],
            );
            t.text("direct-text");
            messages.get(Lang::Uk, "messages-get", &[]);
            messages.text(lang_of(reader, 2), "messages-text");
            self.text(entry, "name", &entry.name);
            Says::UiWith("says-with", vec![]);
            self.text(match psr { Psr::State => "an-arm", Psr::Other => "not an id" });
            let prompt = if wrong { "a-branch" } else { "other-branch" };
            ("a-pair", vec![("value", text(value))]);
            let s = r#"say("inside-a-raw-string")"#;
            self.text(&format!("light-{}", code));
            format!("{kind}-{word}");
            format!("  {} / {}", a, b);
            words.term("unit", &unit);
            conversion_error(index, "year-month", &text);
        }
    "##;
    let mut source = Source::default();
    source.scan(code, "example.rs");
    let passed: Vec<&str> = source.passed.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(
        passed,
        [
            "a-branch",
            "a-pair",
            "across-lines",
            "an-arm",
            "direct-say",
            "direct-text",
            "messages-get",
            "messages-text",
            "other-branch",
            "says-with",
        ]
    );
    assert_eq!(
        source.prefixes.iter().collect::<Vec<_>>(),
        ["light-", "unit-"]
    );
    assert!(source.uses("light-green") && source.uses("unit-visits"));
    assert!(
        source.uses("year-month"),
        "a whole literal anywhere counts as a use"
    );
    assert!(!source.uses("in-a-comment") && !source.uses("in-a-doc-comment"));
    assert!(!source.uses("still") && !source.uses("sector-air"));
    assert!(source.uses(r#"say("inside-a-raw-string")"#));
}
