#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::indexing_slicing)]
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]
//! The import rules of issue 10 ("the core below everything"), checked on the source text of
//! `src/**/*.rs` (test parts left out: `#[cfg(test)]` items and the files they declare).
//!
//! 1. No import circle between files: the graph of "file A names an item of file B" has no
//!    cycle. A name is followed through `use` bindings and re-exports to the file that defines
//!    it, so a `mod.rs` that only re-exports its children does not tie them together.
//! 2. Only `src/api` and `src/web/exports.rs` name `crate::api`.
//! 3. No panel of `src/web` ([`PANELS`]) names another panel.
//! 4. The core (everything outside `src/api`, `src/view`, `src/web`) and `src/api` never name
//!    `crate::view` or `crate::web`.
//!
//! The page layer is rebuilt in parallel, so its violations are listed, file pair by file pair,
//! in [`KNOWN_VIOLATIONS`]. The test fails on a violation not in the list and on a listed one
//! that no longer occurs, so the list can only shrink. The core has no entry there.
//!
//! What is read: `use` declarations (with `self`, `as`, globs and nested braces), and every path
//! that starts with `crate::`, `super::`, `self::`, a child module or a name bound by a `use`.
//! Comments, strings and attributes are skipped. A glob re-export is not followed (the name
//! stays with the re-exporting file); `mod` declarations are the module tree, not imports.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

/// The panels of `src/web` (`src/web/<name>.rs` or `src/web/<name>/**`): none may import
/// another. Everything else in `src/web` (app, dom, exports, mod, dispatch, persistence, state
/// ...) is shared ground a panel may use. Add a new panel's name here.
const PANELS: [&str; 7] = [
    "assess",
    "baseline",
    "casepanel",
    "charts",
    "course",
    "kinetics",
    "cohort",
];

/// The one file outside `src/api` that may call the JS API: the wasm exports.
const API_CALLER: &str = "src/web/exports.rs";

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Rule {
    /// `from` names an item of `to`, and `to` leads back to `from`.
    Circle,
    /// `from` is outside `src/api` (and not [`API_CALLER`]) and names `crate::api` in `to`.
    ApiFromOutside,
    /// Panel `from` names panel `to`.
    PanelUsesPanel,
    /// `from` is in the core or `src/api` and names the page layer in `to`.
    BelowUsesPage,
}

/// Violations still waiting for a fix, as `(rule, from, to)` (none since issue 10; keep it so). Remove an
/// entry as soon as it is fixed: the test fails while a listed entry no longer occurs.
#[rustfmt::skip]
const KNOWN_VIOLATIONS: &[(Rule, &str, &str)] = &[
];

// ---------------------------------------------------------------------------------------------
// Lexing
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    /// `::`
    Path,
    Punct(char),
}

#[derive(Debug, Clone)]
struct Token {
    tok: Tok,
    line: usize,
}

/// Rust tokens that matter for paths; comments, strings, chars, lifetimes and numbers dropped.
fn lex(src: &str) -> Vec<Token> {
    let c: Vec<char> = src.chars().collect();
    let at = |i: usize| c.get(i).copied().unwrap_or('\0');
    let mut out = Vec::new();
    let (mut i, mut line) = (0, 1);
    // Skips a quoted string starting at the opening quote `i`, with `hashes` for a raw string.
    let skip_string = |mut i: usize, raw: bool, hashes: usize, line: &mut usize| {
        i += 1;
        while i < c.len() {
            match c[i] {
                '\n' => *line += 1,
                '\\' if !raw => i += 1,
                '"' if (1..=hashes).all(|k| at(i + k) == '#') => return i + 1 + hashes,
                _ => {}
            }
            i += 1;
        }
        i
    };
    while i < c.len() {
        let ch = c[i];
        if ch == '\n' {
            line += 1;
            i += 1;
        } else if ch.is_whitespace() {
            i += 1;
        } else if ch == '/' && at(i + 1) == '/' {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
        } else if ch == '/' && at(i + 1) == '*' {
            let mut depth = 0;
            while i < c.len() {
                if c[i] == '/' && at(i + 1) == '*' {
                    depth += 1;
                    i += 2;
                } else if c[i] == '*' && at(i + 1) == '/' {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    if c[i] == '\n' {
                        line += 1;
                    }
                    i += 1;
                }
            }
        } else if ch == '"' {
            i = skip_string(i, false, 0, &mut line);
        } else if ch == '\'' {
            if at(i + 1) == '\\' {
                // '\n', '\'', '\u{..}': past the escaped character, to the closing quote.
                i += 3;
                while i < c.len() && c[i] != '\'' {
                    i += 1;
                }
                i += 1;
            } else if at(i + 2) == '\'' {
                i += 3;
            } else {
                // A lifetime or label: drop it.
                i += 1;
                while at(i).is_alphanumeric() || at(i) == '_' {
                    i += 1;
                }
            }
        } else if ch.is_ascii_digit() {
            while at(i).is_ascii_alphanumeric() || at(i) == '_' {
                i += 1;
            }
        } else if ch.is_alphabetic() || ch == '_' {
            let start = i;
            while at(i).is_alphanumeric() || at(i) == '_' {
                i += 1;
            }
            let word: String = c[start..i].iter().collect();
            let raw = word == "r" || word == "br";
            if (raw || word == "b") && at(i) == '"' {
                i = skip_string(i, raw, 0, &mut line);
            } else if raw && at(i) == '#' {
                let mut hashes = 0;
                while at(i + hashes) == '#' {
                    hashes += 1;
                }
                if at(i + hashes) == '"' {
                    i = skip_string(i + hashes, true, hashes, &mut line);
                } else {
                    // r#ident
                    i += 1;
                }
            } else if word == "b" && at(i) == '\'' {
                // b'x', b'\'', b'\x7f': the quote is lexed as a char literal next.
            } else {
                out.push(Token {
                    tok: Tok::Ident(word),
                    line,
                });
            }
        } else if ch == ':' && at(i + 1) == ':' {
            out.push(Token {
                tok: Tok::Path,
                line,
            });
            i += 2;
        } else {
            out.push(Token {
                tok: Tok::Punct(ch),
                line,
            });
            i += 1;
        }
    }
    out
}

fn ident(t: Option<&Token>) -> Option<&str> {
    match t.map(|t| &t.tok) {
        Some(Tok::Ident(s)) => Some(s),
        _ => None,
    }
}

fn is(t: Option<&Token>, p: char) -> bool {
    matches!(t.map(|t| &t.tok), Some(Tok::Punct(q)) if *q == p)
}

fn is_path(t: Option<&Token>) -> bool {
    matches!(t.map(|t| &t.tok), Some(Tok::Path))
}

// ---------------------------------------------------------------------------------------------
// Reading one file
// ---------------------------------------------------------------------------------------------

type ModPath = Vec<String>;

/// A path named in module `module` of a file, or a `use` leaf.
#[derive(Debug, Clone)]
struct Named {
    module: ModPath,
    path: Vec<String>,
    line: usize,
}

/// A name a `use` brings into a module (`use a::b` binds `b`, `use a::b as c` binds `c`).
#[derive(Debug, Clone)]
struct Binding {
    name: String,
    target: Named,
}

#[derive(Debug, Default)]
struct FileScan {
    /// Inline modules (`mod x { .. }`) declared in this file.
    inline_modules: Vec<ModPath>,
    /// Child files declared only for tests (`#[cfg(test)] mod tests;`).
    test_modules: Vec<ModPath>,
    names: Vec<Named>,
    bindings: Vec<Binding>,
}

/// The index just after the balanced group (`(..)`, `[..]` or `{..}`) opening at `i`.
fn skip_group(t: &[Token], mut i: usize) -> usize {
    let mut depth = 0_i32;
    while i < t.len() {
        match &t[i].tok {
            Tok::Punct('(' | '[' | '{') => depth += 1,
            Tok::Punct(')' | ']' | '}') => {
                depth -= 1;
                if depth <= 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    i
}

/// The index just after the item starting at `i`: after its body `{..}` or its ending `;`.
fn skip_item(t: &[Token], mut i: usize) -> usize {
    let mut depth = 0_i32;
    while i < t.len() {
        match &t[i].tok {
            Tok::Punct('(' | '[' | '{') => depth += 1,
            Tok::Punct(')' | ']') => depth -= 1,
            Tok::Punct('}') => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            Tok::Punct(';') if depth == 0 => return i + 1,
            _ => {}
        }
        i += 1;
    }
    i
}

/// The index after the attribute `#[..]` / `#![..]` at `i`, and whether it is `cfg(test)`.
fn attribute(t: &[Token], i: usize) -> (usize, bool) {
    let open = if is(t.get(i + 1), '!') { i + 2 } else { i + 1 };
    let end = skip_group(t, open);
    let words: Vec<&str> = t[open..end].iter().filter_map(|x| ident(Some(x))).collect();
    (end, words == ["cfg", "test"])
}

/// Reads a use tree at `i` with the segments before it; returns the index after it.
fn use_tree(
    t: &[Token],
    mut i: usize,
    module: &ModPath,
    prefix: Vec<String>,
    scan: &mut FileScan,
) -> usize {
    let mut segs = prefix;
    if is_path(t.get(i)) {
        // `::name`: an extern crate.
        return skip_use_tree(t, i);
    }
    loop {
        let line = t.get(i).map_or(0, |x| x.line);
        if is(t.get(i), '*') {
            scan.names.push(Named {
                module: module.clone(),
                path: segs,
                line,
            });
            return i + 1;
        }
        if is(t.get(i), '{') {
            i += 1;
            while !is(t.get(i), '}') && i < t.len() {
                i = use_tree(t, i, module, segs.clone(), scan);
                if is(t.get(i), ',') {
                    i += 1;
                }
            }
            return i + 1;
        }
        let Some(seg) = ident(t.get(i)) else {
            return i;
        };
        segs.push(seg.to_string());
        i += 1;
        if is_path(t.get(i)) {
            i += 1;
            continue;
        }
        // A leaf: `self` names the module before it.
        let mut target = segs.clone();
        if target.last().map(String::as_str) == Some("self") {
            target.pop();
        }
        let mut name = target.last().cloned().unwrap_or_default();
        if ident(t.get(i)) == Some("as") {
            name = ident(t.get(i + 1)).unwrap_or("_").to_string();
            i += 2;
        }
        let named = Named {
            module: module.clone(),
            path: target,
            line,
        };
        if name != "_" {
            scan.bindings.push(Binding {
                name,
                target: named.clone(),
            });
        }
        scan.names.push(named);
        return i;
    }
}

fn skip_use_tree(t: &[Token], mut i: usize) -> usize {
    let mut depth = 0;
    while i < t.len() {
        match &t[i].tok {
            Tok::Punct('{') => depth += 1,
            Tok::Punct('}') if depth == 0 => return i,
            Tok::Punct('}') => depth -= 1,
            Tok::Punct(',' | ';') if depth == 0 => return i,
            _ => {}
        }
        i += 1;
    }
    i
}

/// Reads the non-test part of one file whose module is `file_module`.
fn scan_file(src: &str, file_module: &ModPath) -> FileScan {
    let t = lex(src);
    let mut scan = FileScan::default();
    // Inline modules open at a brace depth.
    let mut stack: Vec<(String, i32)> = Vec::new();
    let mut depth = 0_i32;
    let module_of = |stack: &[(String, i32)]| -> ModPath {
        let mut m = file_module.clone();
        m.extend(stack.iter().map(|(n, _)| n.clone()));
        m
    };
    let mut i = 0;
    while i < t.len() {
        let module = module_of(&stack);
        match &t[i].tok {
            Tok::Punct('#') => {
                let (end, test) = attribute(&t, i);
                i = end;
                if test {
                    // Further attributes, then the item.
                    while is(t.get(i), '#') {
                        i = attribute(&t, i).0;
                    }
                    let start = i;
                    i = skip_item(&t, i);
                    let words: Vec<&str> =
                        t[start..i].iter().filter_map(|x| ident(Some(x))).collect();
                    if let Some(name) = words
                        .iter()
                        .position(|w| *w == "mod")
                        .and_then(|p| words.get(p + 1))
                        && is(t.get(i - 1), ';')
                    {
                        let mut m = module.clone();
                        m.push((*name).to_string());
                        scan.test_modules.push(m);
                    }
                }
            }
            Tok::Ident(w) if w == "mod" => {
                if let (Some(name), true) = (ident(t.get(i + 1)), is(t.get(i + 2), '{')) {
                    let mut m = module.clone();
                    m.push(name.to_string());
                    scan.inline_modules.push(m);
                    depth += 1;
                    stack.push((name.to_string(), depth));
                    i += 3;
                } else {
                    i += 2;
                }
            }
            Tok::Ident(w) if w == "use" && !is_path(t.get(i.wrapping_sub(1))) => {
                i = use_tree(&t, i + 1, &module, Vec::new(), &mut scan);
            }
            Tok::Ident(first) if is_path(t.get(i + 1)) && !is_path(t.get(i.wrapping_sub(1))) => {
                let line = t[i].line;
                let mut path = vec![first.clone()];
                i += 1;
                while is_path(t.get(i)) {
                    match ident(t.get(i + 1)) {
                        Some(s) => {
                            path.push(s.to_string());
                            i += 2;
                        }
                        None => break,
                    }
                }
                scan.names.push(Named { module, path, line });
            }
            Tok::Punct('{') => {
                depth += 1;
                i += 1;
            }
            Tok::Punct('}') => {
                if stack.last().is_some_and(|(_, d)| *d == depth) {
                    stack.pop();
                }
                depth -= 1;
                i += 1;
            }
            _ => i += 1,
        }
    }
    scan
}

// ---------------------------------------------------------------------------------------------
// The crate: modules, name resolution, the file graph
// ---------------------------------------------------------------------------------------------

/// The module a source file holds: `src/lib.rs` -> [], `src/a/mod.rs` and `src/a.rs` -> [a].
fn module_of_file(path: &str) -> Option<ModPath> {
    let rel = path.strip_prefix("src/")?.strip_suffix(".rs")?;
    let mut parts: Vec<String> = rel.split('/').map(str::to_string).collect();
    if parts.last().map(String::as_str) == Some("mod") || rel == "lib" {
        parts.pop();
    }
    Some(parts)
}

struct Crate {
    /// Module path -> the file that holds it (inline modules: their file).
    modules: BTreeMap<ModPath, String>,
    scans: BTreeMap<String, FileScan>,
}

/// One import: which file names which, where.
#[derive(Debug, Clone)]
struct Edge {
    from: String,
    /// The file the name is defined in (re-exports followed).
    to: String,
    /// The file the name was written against (`crate::api::kinetics::X` -> src/api/kinetics.rs
    /// even when `X` is re-exported from elsewhere).
    named: String,
    text: String,
    line: usize,
}

impl Crate {
    /// `files` are `(path from the crate root, source)`; test-only files are dropped.
    fn new(files: &[(String, String)]) -> Crate {
        let mut modules = BTreeMap::new();
        let mut scans = BTreeMap::new();
        let mut test_only: BTreeSet<ModPath> = BTreeSet::new();
        for (path, src) in files {
            let Some(module) = module_of_file(path) else {
                continue;
            };
            let scan = scan_file(src, &module);
            modules.insert(module, path.clone());
            for m in &scan.inline_modules {
                modules.insert(m.clone(), path.clone());
            }
            test_only.extend(scan.test_modules.iter().cloned());
            scans.insert(path.clone(), scan);
        }
        let is_test = |m: &ModPath| test_only.iter().any(|t| m.starts_with(t));
        let dropped: Vec<String> = modules
            .iter()
            .filter(|(m, _)| is_test(m))
            .map(|(_, f)| f.clone())
            .collect();
        modules.retain(|m, _| !is_test(m));
        for f in dropped {
            scans.remove(&f);
        }
        Crate { modules, scans }
    }

    fn binding(&self, module: &ModPath, name: &str) -> Option<&Named> {
        let file = self.modules.get(module)?;
        self.scans
            .get(file)?
            .bindings
            .iter()
            .find(|b| &b.target.module == module && b.name == name)
            .map(|b| &b.target)
    }

    /// `named.path` as a path from the crate root, or `None` for an outside crate or a local name.
    fn absolute(&self, named: &Named, depth: usize) -> Option<Vec<String>> {
        let (first, rest) = named.path.split_first()?;
        let m = &named.module;
        let mut base: Vec<String> = match first.as_str() {
            "crate" => return Some(rest.to_vec()),
            "self" => m.clone(),
            "super" => {
                let ups = named.path.iter().take_while(|s| *s == "super").count();
                let mut base = m.get(..m.len().checked_sub(ups)?)?.to_vec();
                base.extend(named.path[ups..].iter().cloned());
                return Some(base);
            }
            _ => {
                let mut child = m.clone();
                child.push(first.clone());
                if self.modules.contains_key(&child) {
                    child
                } else if depth < 16
                    && let Some(bound) = self.binding(m, first)
                    && bound.path.first() != Some(first)
                {
                    self.absolute(bound, depth + 1)?
                } else {
                    return None;
                }
            }
        };
        base.extend(rest.iter().cloned());
        Some(base)
    }

    /// The file an absolute path is written against, and the file that defines what it names.
    fn target(&self, abs: &[String], depth: usize) -> Option<(String, String)> {
        let mut module: ModPath = Vec::new();
        let mut k = 0;
        while let Some(seg) = abs.get(k) {
            let mut next = module.clone();
            next.push(seg.clone());
            if !self.modules.contains_key(&next) {
                break;
            }
            module = next;
            k += 1;
        }
        let named = self.modules.get(&module)?.clone();
        let defined = match abs.get(k) {
            Some(item) if depth < 16 => match self.binding(&module, item) {
                Some(bound) => self
                    .absolute(bound, depth + 1)
                    .and_then(|mut a| {
                        a.extend(abs[k + 1..].iter().cloned());
                        self.target(&a, depth + 1)
                    })
                    .map_or_else(|| named.clone(), |(_, d)| d),
                None => named.clone(),
            },
            Some(_) | None => named.clone(),
        };
        Some((named, defined))
    }

    fn edges(&self) -> Vec<Edge> {
        let mut out = Vec::new();
        for (file, scan) in &self.scans {
            for n in &scan.names {
                let Some(abs) = self.absolute(n, 0) else {
                    continue;
                };
                let Some((named, to)) = self.target(&abs, 0) else {
                    continue;
                };
                if named != *file || to != *file {
                    out.push(Edge {
                        from: file.clone(),
                        to,
                        named,
                        text: n.path.join("::"),
                        line: n.line,
                    });
                }
            }
        }
        out
    }
}

// ---------------------------------------------------------------------------------------------
// The rules
// ---------------------------------------------------------------------------------------------

/// The panel a `src/web` file belongs to, if any.
fn panel_of(file: &str) -> Option<&'static str> {
    let rest = file.strip_prefix("src/web/")?;
    let first = rest.split('/').next()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    PANELS.iter().copied().find(|p| *p == name)
}

fn is_page(file: &str) -> bool {
    file.starts_with("src/view/") || file.starts_with("src/web/")
}

/// One violation: `(rule, from, to)`.
type Key = (Rule, String, String);

/// Every violation with the lines that show it.
type Violations = BTreeMap<Key, Vec<String>>;

struct Report {
    violations: Violations,
    /// Each set of files that import each other, with one circle through them (its first
    /// file repeated at the end).
    circles: Vec<(Vec<String>, Vec<String>)>,
}

fn check(files: &[(String, String)]) -> Report {
    let krate = Crate::new(files);
    let edges = krate.edges();
    let mut violations: Violations = BTreeMap::new();
    let mut add = |rule: Rule, e: &Edge, to: &str| {
        violations
            .entry((rule, e.from.clone(), to.to_string()))
            .or_default()
            .push(format!("{}:{}: {}", e.from, e.line, e.text));
    };
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for e in &edges {
        if e.to != e.from {
            graph
                .entry(e.from.clone())
                .or_default()
                .insert(e.to.clone());
        }
        if e.named.starts_with("src/api/")
            && !e.from.starts_with("src/api/")
            && e.from != API_CALLER
        {
            add(Rule::ApiFromOutside, e, &e.named);
        }
        if let (Some(a), Some(b)) = (panel_of(&e.from), panel_of(&e.to))
            && a != b
        {
            add(Rule::PanelUsesPanel, e, &e.to);
        }
        if !is_page(&e.from) && (is_page(&e.named) || is_page(&e.to)) {
            let to = if is_page(&e.named) { &e.named } else { &e.to };
            add(Rule::BelowUsesPage, e, to);
        }
    }
    let components = strongly_connected(&graph);
    let mut circles = Vec::new();
    for component in components.iter().filter(|c| c.len() > 1) {
        for e in &edges {
            if component.contains(&e.from) && component.contains(&e.to) && e.from != e.to {
                add(Rule::Circle, e, &e.to);
            }
        }
        if let Some(start) = component.iter().next() {
            circles.push((
                component.iter().cloned().collect(),
                circle_through(&graph, component, start),
            ));
        }
    }
    Report {
        violations,
        circles,
    }
}

/// Tarjan's strongly connected components of the file graph.
fn strongly_connected(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<BTreeSet<String>> {
    struct State<'a> {
        graph: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        out: Vec<BTreeSet<String>>,
    }
    fn visit<'a>(s: &mut State<'a>, v: &'a str) {
        let n = s.index.len();
        s.index.insert(v, n);
        s.low.insert(v, n);
        s.stack.push(v);
        s.on_stack.insert(v);
        let graph = s.graph;
        for w in graph.get(v).into_iter().flatten() {
            if !s.index.contains_key(w.as_str()) {
                visit(s, w);
                let low = s.low[v].min(s.low[w.as_str()]);
                s.low.insert(v, low);
            } else if s.on_stack.contains(w.as_str()) {
                let low = s.low[v].min(s.index[w.as_str()]);
                s.low.insert(v, low);
            }
        }
        if s.low[v] == s.index[v] {
            let mut component = BTreeSet::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(w);
                component.insert(w.to_string());
                if w == v {
                    break;
                }
            }
            s.out.push(component);
        }
    }
    let mut s = State {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        out: Vec::new(),
    };
    for v in graph.keys() {
        if !s.index.contains_key(v.as_str()) {
            visit(&mut s, v);
        }
    }
    s.out
}

/// A shortest circle from `start` back to itself inside one component.
fn circle_through(
    graph: &BTreeMap<String, BTreeSet<String>>,
    component: &BTreeSet<String>,
    start: &str,
) -> Vec<String> {
    let mut previous: BTreeMap<&str, &str> = BTreeMap::new();
    let mut queue = std::collections::VecDeque::from([start]);
    while let Some(v) = queue.pop_front() {
        for w in graph.get(v).into_iter().flatten() {
            if !component.contains(w) {
                continue;
            }
            if w == start {
                let mut path = vec![start.to_string()];
                let mut at = v;
                while at != start {
                    path.push(at.to_string());
                    at = previous[at];
                }
                path.push(start.to_string());
                path.reverse();
                return path;
            }
            if !previous.contains_key(w.as_str()) {
                previous.insert(w, v);
                queue.push_back(w);
            }
        }
    }
    vec![start.to_string()]
}

/// Found violations not in `known`, and `known` entries that no longer occur.
fn ratchet(found: &Violations, known: &[(Rule, &str, &str)]) -> (Vec<Key>, Vec<Key>) {
    let known: BTreeSet<Key> = known
        .iter()
        .map(|(r, a, b)| (*r, (*a).to_string(), (*b).to_string()))
        .collect();
    let new = found
        .keys()
        .filter(|k| !known.contains(k))
        .cloned()
        .collect();
    let gone = known
        .iter()
        .filter(|k| !found.contains_key(k))
        .cloned()
        .collect();
    (new, gone)
}

fn read_sources(dir: &Path, root: &Path, out: &mut Vec<(String, String)>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("src is readable")
        .map(|e| e.expect("a directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            read_sources(&path, root, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let rel = path
                .strip_prefix(root)
                .expect("under the crate root")
                .to_string_lossy()
                .replace('\\', "/");
            out.push((rel, std::fs::read_to_string(&path).expect("utf-8 source")));
        }
    }
}

#[test]
fn imports_follow_the_rules_of_issue_10() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    read_sources(&root.join("src"), root, &mut files);
    assert!(files.len() > 40, "read only {} files", files.len());
    let report = check(&files);
    let (new, gone) = ratchet(&report.violations, KNOWN_VIOLATIONS);
    let mut message = String::new();
    for key in &new {
        let _ = writeln!(message, "new violation {key:?}:");
        for line in report.violations.get(key).into_iter().flatten() {
            let _ = writeln!(message, "    {line}");
        }
    }
    if new.iter().any(|(r, _, _)| *r == Rule::Circle) {
        for (files, circle) in &report.circles {
            let _ = writeln!(
                message,
                "import circle among {}: e.g. {}",
                files.join(", "),
                circle.join(" -> ")
            );
        }
    }
    for key in &gone {
        let _ = writeln!(
            message,
            "fixed, remove it from KNOWN_VIOLATIONS: (Rule::{:?}, {:?}, {:?})",
            key.0, key.1, key.2
        );
    }
    assert!(message.is_empty(), "\n{message}");
}

#[test]
fn the_core_and_the_api_have_no_known_violation() {
    for (rule, from, to) in KNOWN_VIOLATIONS {
        assert!(
            is_page(from),
            "only the page layer may wait in KNOWN_VIOLATIONS: ({rule:?}, {from}, {to})"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// The checker itself, on small crates
// ---------------------------------------------------------------------------------------------

fn files(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(p, s)| ((*p).to_string(), (*s).to_string()))
        .collect()
}

fn keys(report: &Report) -> Vec<(Rule, &str, &str)> {
    report
        .violations
        .keys()
        .map(|(r, a, b)| (*r, a.as_str(), b.as_str()))
        .collect()
}

#[test]
fn a_circle_is_found_and_named_by_its_files() {
    let report = check(&files(&[
        ("src/lib.rs", "pub mod a; pub mod b; pub mod c;"),
        ("src/a.rs", "use crate::b::B; pub struct A;"),
        ("src/b.rs", "pub struct B; pub fn f() { crate::c::g() }"),
        ("src/c.rs", "use super::a; pub fn g() { let _ = a::A; }"),
    ]));
    assert_eq!(
        keys(&report),
        vec![
            (Rule::Circle, "src/a.rs", "src/b.rs"),
            (Rule::Circle, "src/b.rs", "src/c.rs"),
            (Rule::Circle, "src/c.rs", "src/a.rs"),
        ]
    );
    assert_eq!(
        report.circles,
        vec![(
            vec!["src/a.rs".into(), "src/b.rs".into(), "src/c.rs".into()],
            vec![
                "src/a.rs".into(),
                "src/b.rs".into(),
                "src/c.rs".into(),
                "src/a.rs".into()
            ]
        )]
    );
}

#[test]
fn a_clean_graph_passes() {
    // A facade that re-exports its children, a child using a sibling through the facade, a test
    // module and a test-only file that import upward, and paths in comments and strings.
    let report = check(&files(&[
        (
            "src/lib.rs",
            "pub mod k; pub mod low; pub const V: &str = \"1\";",
        ),
        (
            "src/k/mod.rs",
            "mod auc; mod series;\n#[cfg(test)]\nmod tests;\npub use auc::Method;\npub use series::{Series, SeriesError as E};",
        ),
        (
            "src/k/auc.rs",
            "use super::Series; pub enum Method { A } pub fn v() -> &'static str { crate::V }",
        ),
        (
            "src/k/series.rs",
            "// crate::k::auc::Method\npub struct Series; pub struct SeriesError;\nconst S: &str = \"crate::k::auc\";\nuse crate::low::{self, Low as L};\npub fn f(_: L) { low::g() }\n#[cfg(test)]\nmod t { use crate::k::auc::Method; }",
        ),
        ("src/k/tests.rs", "use crate::k::auc::Method;"),
        (
            "src/low.rs",
            "pub struct Low; pub fn g() { let _ = ['a', '\\'', '{', b'\\x7f', '\\u{7b}']; let _: &'static str = r#\"crate::k\"#; }",
        ),
    ]));
    assert_eq!(keys(&report), vec![]);
    assert!(report.circles.is_empty());
}

#[test]
fn a_name_is_followed_to_the_file_that_defines_it() {
    let krate = Crate::new(&files(&[
        ("src/lib.rs", "pub mod api; pub mod kinetics;"),
        (
            "src/kinetics/mod.rs",
            "mod input; pub use input::SeriesName;",
        ),
        ("src/kinetics/input.rs", "pub enum SeriesName { Total }"),
        ("src/api/mod.rs", "pub mod kinetics;"),
        (
            "src/api/kinetics.rs",
            "pub use crate::kinetics::SeriesName;",
        ),
        (
            "src/view.rs",
            "use crate::api::kinetics as k; fn f() { let _ = k::SeriesName::Total; }",
        ),
    ]));
    let from_view: Vec<(String, String)> = krate
        .edges()
        .into_iter()
        .filter(|e| e.from == "src/view.rs")
        .map(|e| (e.named, e.to))
        .collect();
    assert!(from_view.contains(&(
        "src/api/kinetics.rs".to_string(),
        "src/kinetics/input.rs".to_string()
    )));
}

#[test]
fn the_api_rule_the_panel_rule_and_the_layer_rule_are_found() {
    let report = check(&files(&[
        (
            "src/lib.rs",
            "pub mod api; pub mod case; pub mod view; pub mod web;",
        ),
        ("src/api/mod.rs", "pub fn parse() {}"),
        ("src/case.rs", "pub fn f() { crate::api::parse() }"),
        ("src/view/mod.rs", "pub fn render() {}"),
        (
            "src/web/mod.rs",
            "mod app; mod assess; mod course; mod dom; pub mod exports;",
        ),
        ("src/web/app.rs", "pub fn with() {}"),
        ("src/web/dom.rs", "pub fn el() { crate::view::render() }"),
        (
            "src/web/exports.rs",
            "use crate::api; fn g() { api::parse() }",
        ),
        (
            "src/web/assess.rs",
            "use super::{app, dom}; pub fn bind() { super::course::render(); app::with(); dom::el(); }",
        ),
        (
            "src/web/course.rs",
            "pub fn render() { crate::web::app::with() }",
        ),
        ("src/api/cohort.rs", "use crate::view::render;"),
    ]));
    let mut found = keys(&report);
    found.sort();
    assert_eq!(
        found,
        vec![
            (Rule::ApiFromOutside, "src/case.rs", "src/api/mod.rs"),
            (
                Rule::PanelUsesPanel,
                "src/web/assess.rs",
                "src/web/course.rs"
            ),
            (Rule::BelowUsesPage, "src/api/cohort.rs", "src/view/mod.rs"),
        ]
    );
}

#[test]
fn the_ratchet_fails_on_new_and_on_fixed_entries() {
    let report = check(&files(&[
        ("src/lib.rs", "pub mod a; pub mod b;"),
        ("src/a.rs", "use crate::b::B; pub struct A;"),
        ("src/b.rs", "use crate::a::A; pub struct B;"),
    ]));
    let known = [
        (Rule::Circle, "src/a.rs", "src/b.rs"),
        (Rule::PanelUsesPanel, "src/web/x.rs", "src/web/y.rs"),
    ];
    let (new, gone) = ratchet(&report.violations, &known);
    assert_eq!(
        new,
        vec![(Rule::Circle, "src/b.rs".to_string(), "src/a.rs".to_string())]
    );
    assert_eq!(
        gone,
        vec![(
            Rule::PanelUsesPanel,
            "src/web/x.rs".to_string(),
            "src/web/y.rs".to_string()
        )]
    );
}

#[test]
fn comments_strings_chars_and_lifetimes_are_not_read_as_code() {
    let src = "/* a /* nested */ crate::x */ let _ = ['\\'', '{', b'\\x7f', '\\u{7b}'];\n\
               let _: &'a str = r#\"crate::y\"#; // crate::z\n crate::w::V";
    let idents: Vec<String> = lex(src)
        .into_iter()
        .filter_map(|t| match t.tok {
            Tok::Ident(s) => Some(s),
            Tok::Path => Some("::".to_string()),
            Tok::Punct('{' | '}') => Some("brace".to_string()),
            Tok::Punct(_) => None,
        })
        .collect();
    assert_eq!(
        idents,
        ["let", "_", "let", "_", "str", "crate", "::", "w", "::", "V"]
    );
}
