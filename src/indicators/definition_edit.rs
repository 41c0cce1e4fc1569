//! A definition edited in place: the department changes an indicator's target, benchmark
//! thresholds (with their source) and base year from the browser or the command line, and the
//! file keeps every comment and all its other formatting. Pure: the caller reads the file, writes
//! the result.
//!
//! A small scanner that knows RON's strings (plain and raw), character literals, `//` and
//! (nested) `/* */` comments and brackets finds the value of each top-level field of the
//! definition; only the edited fields' value text is replaced, and a missing optional field is
//! inserted before the closing parenthesis. The result is parsed and validated again, exactly as
//! `check` reads the file, and must say what was asked, or nothing is written.

use std::ops::Range;
use std::path::Path;

use super::definition::{Benchmark, Definition, Target, definition_findings, definition_from_text};
use crate::diagnostics::{Problem, Problems};
use crate::i18n::Text;

/// What to change; None leaves a field as it is.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DefinitionEdit {
    /// Some(None) removes the target (written `None`).
    pub target: Option<Option<Target>>,
    /// Some(None) removes the thresholds (written `None`).
    pub benchmark: Option<Option<Benchmark>>,
    /// Some(None) removes the source (written `None`).
    pub benchmark_source: Option<Option<String>>,
    pub base_year: Option<i32>,
}

/// The fields a definition edit may change, as the API, the form and the history name them.
pub const EDITABLE_FIELDS: [&str; 4] = ["target", "benchmark", "benchmark_source", "base_year"];

/// One field changed: its value text in the file before (None: the field was not written) and
/// after.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldChange {
    pub field: &'static str,
    pub old: Option<String>,
    pub new: String,
}

/// The file as it would be after the edit, checked.
#[derive(Clone, Debug, PartialEq)]
pub struct DefinitionEdited {
    pub text: String,
    pub definition: Definition,
    /// Empty when the file already said all that (nothing to write).
    pub changes: Vec<FieldChange>,
}

/// Why the edit cannot be written: each problem with the field it is about (`target.value`,
/// `benchmark.red`, `base_year`...), None for a problem of the file itself.
#[derive(Clone, Debug, PartialEq)]
pub struct DefinitionRefused {
    pub problems: Vec<(Option<&'static str>, Problem)>,
}

impl DefinitionRefused {
    fn file(problems: Problems) -> Self {
        DefinitionRefused {
            problems: problems.0.into_iter().map(|p| (None, p)).collect(),
        }
    }

    /// The first problem's field, if any.
    pub fn field(&self) -> Option<&'static str> {
        self.problems.iter().find_map(|(field, _)| *field)
    }

    pub fn all(&self) -> Problems {
        Problems(self.problems.iter().map(|(_, p)| p.clone()).collect())
    }
}

/// Applies `edit` to the definition file `path` whose text is `text`, and checks the result as
/// `check` does (`this_year`: the current year).
pub fn edit_definition(
    path: &Path,
    text: &str,
    edit: &DefinitionEdit,
    this_year: i32,
) -> Result<DefinitionEdited, DefinitionRefused> {
    let before = definition_from_text(path, text, this_year).map_err(DefinitionRefused::file)?;
    let mut wanted = before.clone();
    if let Some(target) = edit.target {
        wanted.target = target;
    }
    if let Some(benchmark) = edit.benchmark {
        wanted.benchmark = benchmark;
    }
    if let Some(source) = &edit.benchmark_source {
        wanted.benchmark_source = source.clone();
    }
    if let Some(year) = edit.base_year {
        wanted.base_year = Some(year);
    }
    let findings = definition_findings(&wanted, this_year);
    if !findings.is_empty() {
        return Err(DefinitionRefused {
            problems: findings
                .into_iter()
                .map(|f| (Some(f.field), Problem::in_file(path, f.message)))
                .collect(),
        });
    }
    let mut values: Vec<(&'static str, String)> = Vec::new();
    if wanted.target != before.target {
        values.push(("target", target_text(wanted.target)));
    }
    if wanted.benchmark != before.benchmark {
        values.push(("benchmark", benchmark_text(wanted.benchmark)));
    }
    if wanted.benchmark_source != before.benchmark_source {
        values.push((
            "benchmark_source",
            wanted.benchmark_source.as_deref().map_or_else(
                || "None".to_string(),
                |s| format!("Some({})", ron_string(s)),
            ),
        ));
    }
    if wanted.base_year != before.base_year {
        values.push((
            "base_year",
            wanted
                .base_year
                .map_or_else(|| "None".to_string(), |y| format!("Some({y})")),
        ));
    }
    let not_in_place = |detail: &str| {
        DefinitionRefused::file(
            Problem::in_file(
                path,
                Text::new(
                    format!("файл не вдається змінити на місці ({detail}); змініть його вручну"),
                    format!("the file cannot be changed in place ({detail}); edit it by hand"),
                ),
            )
            .into(),
        )
    };
    let structure = scan(text).map_err(|e| not_in_place(&e))?;
    let (new_text, changes) = rewrite(text, &structure, &values);
    let after =
        definition_from_text(path, &new_text, this_year).map_err(DefinitionRefused::file)?;
    if after != wanted {
        return Err(not_in_place("the result reads differently"));
    }
    Ok(DefinitionEdited {
        text: new_text,
        definition: after,
        changes,
    })
}

/// `Some((value: 50.0, year: 2030))` or `None`.
pub fn target_text(target: Option<Target>) -> String {
    target.map_or_else(
        || "None".to_string(),
        |t| format!("Some((value: {}, year: {}))", ron_float(t.value), t.year),
    )
}

/// `Some((green: 25.0, red: 15.0))` or `None`.
pub fn benchmark_text(benchmark: Option<Benchmark>) -> String {
    benchmark.map_or_else(
        || "None".to_string(),
        |b| {
            format!(
                "Some((green: {}, red: {}))",
                ron_float(b.green),
                ron_float(b.red)
            )
        },
    )
}

/// A float as RON reads it back exactly (`50.0`, `0.1`, `1e-7`).
fn ron_float(value: f64) -> String {
    format!("{value:?}")
}

/// A RON string literal.
fn ron_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A top-level field of the definition as the file writes it.
#[derive(Clone, Debug, PartialEq)]
struct Field {
    name: String,
    name_start: usize,
    value: Range<usize>,
    /// Where its comma is, when it has one.
    comma: Option<usize>,
}

/// The definition's top-level parentheses and fields.
#[derive(Clone, Debug, PartialEq)]
struct Structure {
    close: usize,
    fields: Vec<Field>,
}

/// Replaces the named fields' values (inserting a missing one before the closing parenthesis)
/// and says what each was.
fn rewrite(
    text: &str,
    structure: &Structure,
    values: &[(&'static str, String)],
) -> (String, Vec<FieldChange>) {
    let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    let mut changes = Vec::new();
    let mut missing: Vec<(&'static str, &str)> = Vec::new();
    for (name, value) in values {
        match structure.fields.iter().find(|f| f.name == *name) {
            Some(field) => {
                changes.push(FieldChange {
                    field: name,
                    old: Some(text[field.value.clone()].to_string()),
                    new: value.clone(),
                });
                edits.push((field.value.clone(), value.clone()));
            }
            None => {
                changes.push(FieldChange {
                    field: name,
                    old: None,
                    new: value.clone(),
                });
                missing.push((name, value));
            }
        }
    }
    if let Some(last) = structure.fields.last().filter(|_| !missing.is_empty()) {
        let close = structure.close;
        let line_start = |at: usize| text[..at].rfind('\n').map_or(0, |i| i + 1);
        let close_line = line_start(close);
        let own_line = close_line > 0 && text[close_line..close].trim().is_empty();
        if own_line {
            let name_line = line_start(last.name_start);
            let indent = &text[name_line..last.name_start];
            let indent = if indent.trim().is_empty() {
                indent
            } else {
                "    "
            };
            if last.comma.is_none() {
                edits.push((last.value.end..last.value.end, ",".to_string()));
            }
            let lines: String = missing
                .iter()
                .map(|(name, value)| format!("{indent}{name}: {value},{eol}"))
                .collect();
            edits.push((close_line..close_line, lines));
        } else {
            let more: String = missing
                .iter()
                .map(|(name, value)| format!(", {name}: {value}"))
                .collect();
            edits.push((last.value.end..last.value.end, more));
        }
    }
    edits.sort_by_key(|(range, _)| std::cmp::Reverse(range.start));
    let mut out = text.to_string();
    for (range, replacement) in edits {
        out.replace_range(range, &replacement);
    }
    (out, changes)
}

struct Scanner<'a> {
    text: &'a str,
    pos: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<char> {
        self.text[self.pos..].chars().next()
    }

    fn rest(&self) -> &str {
        &self.text[self.pos..]
    }

    fn bump(&mut self) {
        if let Some(c) = self.peek() {
            self.pos += c.len_utf8();
        }
    }

    /// Whitespace and comments.
    fn skip_trivia(&mut self) -> Result<(), String> {
        loop {
            let rest = self.rest();
            let trimmed = rest.trim_start();
            self.pos += rest.len() - trimmed.len();
            if self.rest().starts_with("//") {
                let line = self.rest().find('\n').unwrap_or(self.rest().len());
                self.pos += line;
            } else if self.rest().starts_with("/*") {
                self.pos += 2;
                let mut level = 1;
                while level > 0 {
                    if self.rest().is_empty() {
                        return Err("an unclosed /* comment".into());
                    } else if self.rest().starts_with("/*") {
                        level += 1;
                        self.pos += 2;
                    } else if self.rest().starts_with("*/") {
                        level -= 1;
                        self.pos += 2;
                    } else {
                        self.bump();
                    }
                }
            } else {
                return Ok(());
            }
        }
    }

    /// A string `"..."` (at its quote).
    fn skip_string(&mut self) -> Result<(), String> {
        self.pos += 1;
        loop {
            match self.peek() {
                None => return Err("an unclosed string".into()),
                Some('\\') => {
                    self.bump();
                    self.bump();
                }
                Some('"') => {
                    self.pos += 1;
                    return Ok(());
                }
                Some(_) => self.bump(),
            }
        }
    }

    /// A raw string `r#"..."#` (at its `r`), when one starts here.
    fn skip_raw_string(&mut self) -> Result<bool, String> {
        let after_r = &self.rest()[1..];
        let hashes = after_r.len() - after_r.trim_start_matches('#').len();
        if !after_r[hashes..].starts_with('"') {
            return Ok(false);
        }
        let end = format!("\"{}", "#".repeat(hashes));
        let body = self.pos + 1 + hashes + 1;
        match self.text[body..].find(&end) {
            Some(at) => {
                self.pos = body + at + end.len();
                Ok(true)
            }
            None => Err("an unclosed raw string".into()),
        }
    }

    /// A character literal `'x'` (at its quote).
    fn skip_char(&mut self) -> Result<(), String> {
        self.pos += 1;
        if self.peek() == Some('\\') {
            self.bump();
        }
        self.bump();
        while let Some(c) = self.peek() {
            self.bump();
            if c == '\'' {
                return Ok(());
            }
        }
        Err("an unclosed character".into())
    }

    /// A value, up to the `,` or closing bracket that ends it; its span without trailing
    /// whitespace or comments.
    fn value(&mut self) -> Result<Range<usize>, String> {
        let start = self.pos;
        let mut end = self.pos;
        let mut depth = 0usize;
        loop {
            self.skip_trivia()?;
            let Some(c) = self.peek() else {
                return Err("the file ends inside a value".into());
            };
            let previous = self.text[..self.pos].chars().next_back();
            let after_word = previous.is_some_and(|p| p.is_alphanumeric() || p == '_');
            match c {
                '(' | '[' | '{' => {
                    depth += 1;
                    self.pos += 1;
                }
                ')' | ']' | '}' | ',' if depth == 0 => break,
                ')' | ']' | '}' => {
                    depth -= 1;
                    self.pos += 1;
                }
                '"' => self.skip_string()?,
                '\'' => self.skip_char()?,
                'r' | 'b' if !after_word && self.rest()[1..].starts_with(['#', '"']) => {
                    if c == 'b' {
                        self.pos += 1;
                        if self.peek() == Some('"') {
                            self.skip_string()?;
                        } else {
                            return Err("an unexpected byte string".into());
                        }
                    } else if !self.skip_raw_string()? {
                        self.bump();
                    }
                }
                _ => self.bump(),
            }
            end = self.pos;
        }
        if end == start {
            return Err("a field without a value".into());
        }
        Ok(start..end)
    }

    fn identifier(&mut self) -> Result<Range<usize>, String> {
        let start = self.pos;
        while let Some(c) = self.peek() {
            if c.is_alphanumeric() || c == '_' {
                self.bump();
            } else {
                break;
            }
        }
        if self.pos == start {
            return Err(format!("a field name expected at byte {start}"));
        }
        Ok(start..self.pos)
    }
}

/// Finds the definition's top-level fields.
fn scan(text: &str) -> Result<Structure, String> {
    let mut s = Scanner { text, pos: 0 };
    if s.rest().starts_with('\u{feff}') {
        s.pos += '\u{feff}'.len_utf8();
    }
    s.skip_trivia()?;
    // `#![enable(...)]` lines.
    while s.rest().starts_with("#![") {
        s.pos += 3;
        s.value()?;
        s.skip_trivia()?;
        if s.peek() == Some(']') {
            s.pos += 1;
        }
        s.skip_trivia()?;
    }
    // An optional struct name before the parenthesis.
    if s.peek().is_some_and(char::is_alphabetic) {
        s.identifier()?;
        s.skip_trivia()?;
    }
    if s.peek() != Some('(') {
        return Err("the definition does not start with (".into());
    }
    s.pos += 1;
    let mut fields = Vec::new();
    loop {
        s.skip_trivia()?;
        if s.peek() == Some(')') {
            return Ok(Structure {
                close: s.pos,
                fields,
            });
        }
        let name = s.identifier()?;
        s.skip_trivia()?;
        if s.peek() != Some(':') {
            return Err(format!("':' expected after {}", &text[name.clone()]));
        }
        s.pos += 1;
        s.skip_trivia()?;
        let value = s.value()?;
        let comma = (s.peek() == Some(',')).then_some(s.pos);
        fields.push(Field {
            name: text[name.clone()].to_string(),
            name_start: name.start,
            value,
            comma,
        });
        match s.peek() {
            Some(',') => s.pos += 1,
            Some(')') => {
                return Ok(Structure {
                    close: s.pos,
                    fields,
                });
            }
            _ => return Err("',' or ')' expected".into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = r##"// Share of waste recycled.
// Thresholds: none yet (see the methodology).
(
    id: "msw-recycled-share",
    name: (
        uk: "Частка (перероблено)", // a comment with ) and "
        en: "Share, recycled",
    ),
    /* a block /* nested */ comment: target: Some(1) */
    sector: "solid-waste",
    psr: Response,
    unit: "%",
    direction: Higher,
    base_year: Some(2020), // the first year with data
    target: None,
    limit: Some(100.0),
    benchmark: None,
    source: r#"GCAP "Green Cities" (2016), p. 3"#, // raw
)
"##;

    fn apply(text: &str, edit: &DefinitionEdit) -> Result<DefinitionEdited, DefinitionRefused> {
        edit_definition(
            Path::new("indicators/msw-recycled-share.ron"),
            text,
            edit,
            2026,
        )
    }

    #[test]
    fn the_scanner_finds_top_level_fields_past_strings_and_comments() {
        let structure = scan(FILE).unwrap();
        let names: Vec<&str> = structure.fields.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "id",
                "name",
                "sector",
                "psr",
                "unit",
                "direction",
                "base_year",
                "target",
                "limit",
                "benchmark",
                "source"
            ]
        );
        let base = &structure.fields[6];
        assert_eq!(&FILE[base.value.clone()], "Some(2020)");
        let source = &structure.fields[10];
        assert_eq!(
            &FILE[source.value.clone()],
            r###"r#"GCAP "Green Cities" (2016), p. 3"#"###
        );
        assert_eq!(&FILE[structure.close..structure.close + 1], ")");
    }

    #[test]
    fn only_the_edited_values_change_and_missing_fields_go_before_the_parenthesis() {
        let edit = DefinitionEdit {
            target: Some(Some(Target {
                value: 50.0,
                year: 2030,
            })),
            benchmark: Some(Some(Benchmark {
                green: 25.0,
                red: 15.5,
            })),
            benchmark_source: Some(Some("Таблиця 3 \"ЄБРР\"\\x".into())),
            base_year: Some(2021),
        };
        let done = apply(FILE, &edit).unwrap();
        let expected = FILE
            .replace("base_year: Some(2020),", "base_year: Some(2021),")
            .replace("target: None,", "target: Some((value: 50.0, year: 2030)),")
            .replace(
                "benchmark: None,",
                "benchmark: Some((green: 25.0, red: 15.5)),",
            )
            .replace(
                "// raw\n)",
                "// raw\n    benchmark_source: Some(\"Таблиця 3 \\\"ЄБРР\\\"\\\\x\"),\n)",
            );
        assert_eq!(done.text, expected);
        assert_eq!(
            done.definition.benchmark_source.as_deref(),
            Some("Таблиця 3 \"ЄБРР\"\\x")
        );
        let fields: Vec<(&str, Option<&str>)> = done
            .changes
            .iter()
            .map(|c| (c.field, c.old.as_deref()))
            .collect();
        assert_eq!(
            fields,
            [
                ("target", Some("None")),
                ("benchmark", Some("None")),
                ("benchmark_source", None),
                ("base_year", Some("Some(2020)")),
            ]
        );
        // The same again changes nothing.
        let again = apply(&done.text, &edit).unwrap();
        assert_eq!(again.text, done.text);
        assert!(again.changes.is_empty());
    }

    #[test]
    fn a_last_field_without_a_comma_and_a_one_line_file_are_handled() {
        let text = "(id: \"msw-recycled-share\", name: (uk: \"а\", en: \"a\"), sector: \"s\", psr: State, unit: \"t\", direction: Lower, source: \"s\")";
        let edit = DefinitionEdit {
            base_year: Some(2019),
            ..DefinitionEdit::default()
        };
        let done = apply(text, &edit).unwrap();
        assert!(
            done.text.ends_with("source: \"s\", base_year: Some(2019))"),
            "{}",
            done.text
        );
        let text = "(\r\n    id: \"msw-recycled-share\",\r\n    name: (uk: \"а\", en: \"a\"),\r\n    sector: \"s\",\r\n    psr: State,\r\n    unit: \"t\",\r\n    direction: Lower,\r\n    source: \"s\"\r\n)\r\n";
        let done = apply(text, &edit).unwrap();
        assert!(
            done.text
                .ends_with("    source: \"s\",\r\n    base_year: Some(2019),\r\n)\r\n"),
            "{:?}",
            done.text
        );
    }

    #[test]
    fn check_refuses_what_check_refuses_naming_the_field() {
        let swapped = DefinitionEdit {
            benchmark: Some(Some(Benchmark {
                green: 10.0,
                red: 20.0,
            })),
            ..DefinitionEdit::default()
        };
        let refused = apply(FILE, &swapped).unwrap_err();
        assert_eq!(refused.field(), Some("benchmark.green"));
        assert!(refused.all().to_string().contains("swapped"));
        let early = DefinitionEdit {
            target: Some(Some(Target {
                value: 1.0,
                year: 2020,
            })),
            ..DefinitionEdit::default()
        };
        assert_eq!(
            apply(FILE, &early).unwrap_err().field(),
            Some("target.year")
        );
        let ahead = DefinitionEdit {
            base_year: Some(2027),
            ..DefinitionEdit::default()
        };
        let refused = apply(FILE, &ahead).unwrap_err();
        assert_eq!(refused.field(), Some("base_year"));
        assert!(
            refused
                .all()
                .to_string()
                .contains("base_year 2027 is outside 1900–2026")
        );
        let blank = DefinitionEdit {
            benchmark_source: Some(Some(" ".into())),
            ..DefinitionEdit::default()
        };
        assert_eq!(
            apply(FILE, &blank).unwrap_err().field(),
            Some("benchmark_source")
        );
    }

    #[test]
    fn removing_writes_none_and_control_characters_are_escaped() {
        let with = FILE.replace("target: None", "target: Some((value: 40.0, year: 2030))");
        let edit = DefinitionEdit {
            target: Some(None),
            benchmark_source: Some(Some("a\u{1}b\nc".into())),
            ..DefinitionEdit::default()
        };
        let done = apply(&with, &edit).unwrap();
        assert!(done.text.contains("    target: None,\n"));
        assert!(
            done.text
                .contains(r#"benchmark_source: Some("a\u{1}b\nc"),"#)
        );
        assert_eq!(
            done.definition.benchmark_source.as_deref(),
            Some("a\u{1}b\nc")
        );
    }

    #[test]
    fn a_broken_file_is_refused_with_its_own_problems() {
        let refused = apply("(id: ", &DefinitionEdit::default()).unwrap_err();
        assert_eq!(refused.field(), None);
        assert!(!refused.problems.is_empty());
    }
}
