//! The shape of the code (shared/DESIGN.md "Shape"), checked over the source rather than by eye:
//! the graph of top-level modules (`crate::X`) has no cycle, and only the modules the design names
//! know clap, bevy, SQL and the service layer's callers.
//!
//! Re-run alone with `cargo nextest run layering`; on a failure it names the cycle or the file.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::repo;

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

/// The source without comments (line comments and doc comments), so prose that names a module
/// does not count as a use of it.
fn code_of(text: &str) -> String {
    text.lines()
        .map(|line| {
            let trimmed = line.trim_start();
            if trimmed.starts_with("//") { "" } else { line }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The top-level module a file belongs to: `src/cli/run.rs` → `cli`, `src/check.rs` → `check`.
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let relative = file.strip_prefix(src).ok()?;
    let first = relative.components().next()?.as_os_str().to_str()?;
    let name = first.trim_end_matches(".rs");
    (name != "lib" && name != "main").then(|| name.to_string())
}

/// The top-level modules a file's code names: `crate::X`, and `use crate::{X, Y::..}`.
fn modules_named(code: &str, known: &BTreeSet<String>) -> BTreeSet<String> {
    let mut named = BTreeSet::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        let words: Vec<&str> = if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            group[..end]
                .split(',')
                .map(|part| part.trim().split("::").next().unwrap_or("").trim())
                .collect()
        } else {
            vec![
                rest.split(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .next()
                    .unwrap_or(""),
            ]
        };
        for word in words {
            if known.contains(word) {
                named.insert(word.to_string());
            }
        }
    }
    named
}

struct Graph {
    /// module → the modules it names, with one file that does, for the message.
    edges: BTreeMap<String, BTreeMap<String, PathBuf>>,
    /// module → the external crates its code names (`clap::`, `bevy::`, `rusqlite::`, `axum::`).
    externs: BTreeMap<String, BTreeMap<String, PathBuf>>,
}

const WATCHED_CRATES: [&str; 8] = [
    "clap",
    "bevy",
    "rusqlite",
    "axum",
    "minijinja",
    "plotters",
    "ureq",
    "lettre",
];

fn graph() -> Graph {
    let src = repo().join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let known: BTreeSet<String> = files.iter().filter_map(|f| module_of(&src, f)).collect();
    let mut edges: BTreeMap<String, BTreeMap<String, PathBuf>> = BTreeMap::new();
    let mut externs: BTreeMap<String, BTreeMap<String, PathBuf>> = BTreeMap::new();
    for file in &files {
        let Some(module) = module_of(&src, file) else {
            continue;
        };
        let code = code_of(&std::fs::read_to_string(file).unwrap());
        for target in modules_named(&code, &known) {
            if target != module {
                edges
                    .entry(module.clone())
                    .or_default()
                    .entry(target)
                    .or_insert_with(|| file.clone());
            }
        }
        for krate in WATCHED_CRATES {
            let named = code.contains(&format!("{krate}::"))
                || code.contains(&format!("use {krate}"))
                || code.contains(&format!("#[derive({krate}"));
            if named {
                externs
                    .entry(module.clone())
                    .or_default()
                    .entry(krate.to_string())
                    .or_insert_with(|| file.clone());
            }
        }
    }
    Graph { edges, externs }
}

/// A cycle in the graph, as the modules along it, if there is one.
fn find_cycle(edges: &BTreeMap<String, BTreeMap<String, PathBuf>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        edges: &BTreeMap<String, BTreeMap<String, PathBuf>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(start) = path.iter().position(|n| n == node) {
            let mut cycle = path[start..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in edges.get(node).into_iter().flat_map(|e| e.keys()) {
            if let Some(cycle) = visit(next, edges, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    edges
        .keys()
        .find_map(|node| visit(node, edges, &mut Vec::new(), &mut done))
}

#[test]
fn the_graph_of_top_level_modules_has_no_cycle() {
    let graph = graph();
    if let Some(cycle) = find_cycle(&graph.edges) {
        let hops: Vec<String> = cycle
            .windows(2)
            .map(|pair| {
                let file = &graph.edges[&pair[0]][&pair[1]];
                format!("{} → {} ({})", pair[0], pair[1], file.display())
            })
            .collect();
        panic!(
            "the modules import each other in a circle:\n  {}",
            hops.join("\n  ")
        );
    }
    // The test sees the graph it claims to: the front ends do reach the service layer.
    assert!(graph.edges["cli"].contains_key("centre"));
}

#[test]
fn the_cycle_finder_finds_a_cycle() {
    let mut edges: BTreeMap<String, BTreeMap<String, PathBuf>> = BTreeMap::new();
    for (from, to) in [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")] {
        edges
            .entry(from.into())
            .or_default()
            .insert(to.into(), PathBuf::from(format!("{from}.rs")));
    }
    assert_eq!(
        find_cycle(&edges),
        Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
    );
    edges.get_mut("c").unwrap().remove("a");
    assert_eq!(find_cycle(&edges), None);
}

/// Which modules may name which: (module, what it must not name, why).
const FORBIDDEN: [(&str, &str, &str); 11] = [
    (
        "exhibit",
        "cli",
        "the kiosk reaches the store through the service layer",
    ),
    (
        "report",
        "centre",
        "the report takes plain data, not the economists' operations",
    ),
    ("centre", "cli", "the service layer knows no command line"),
    ("centre", "exhibit", "the service layer knows no kiosk"),
    ("store", "centre", "the store sits below the service layer"),
    ("visitors", "store", "visitor counting is pure"),
    ("indicators", "store", "the indicators are pure"),
    ("game", "store", "the game's rules are pure"),
    ("bookings", "store", "the booking rules are pure"),
    (
        "bookings",
        "centre",
        "the booking rules sit below the service layer",
    ),
    (
        "visitors",
        "bookings",
        "the calendar holds the booking settings; the rules build on it",
    ),
];

#[test]
fn no_module_reaches_past_its_layer() {
    let graph = graph();
    let mut wrong = Vec::new();
    for (module, target, why) in FORBIDDEN {
        if let Some(file) = graph.edges.get(module).and_then(|e| e.get(target)) {
            wrong.push(format!("{} names crate::{target}: {why}", file.display()));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn only_the_named_modules_know_clap_bevy_and_sql() {
    let allowed: [(&str, &[&str]); 8] = [
        ("ureq", &["link"]),
        ("lettre", &["mail"]),
        ("clap", &["cli"]),
        ("bevy", &["exhibit"]),
        ("rusqlite", &["store"]),
        ("axum", &["web"]),
        ("minijinja", &["report", "web"]),
        ("plotters", &["report"]),
    ];
    let graph = graph();
    let mut wrong = Vec::new();
    for (module, crates) in &graph.externs {
        for (krate, file) in crates {
            let ok = allowed
                .iter()
                .any(|(name, modules)| name == krate && modules.contains(&module.as_str()));
            if !ok {
                wrong.push(format!("{} uses {krate}", file.display()));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert!(
        graph.externs["cli"].contains_key("clap"),
        "the test sees clap where it is"
    );
}
