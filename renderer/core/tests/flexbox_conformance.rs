//! Runs the Chrome-derived flexbox conformance cases
//! (`shared/conformance/flexbox/cases/*.xml`) through the layout engine.
//!
//! Each case is parsed with a tiny XML reader, built into a `VecHost`,
//! laid out with the viewport as available space and every node's box is
//! compared with Chrome's. Cases that use features the engine deliberately
//! does not implement are skipped by a rule keyed on the property (see
//! `skip_rule`), never by case name.

#[path = "common/layout_host.rs"]
mod layout_host;
#[path = "common/xml.rs"]
mod xml;

use std::collections::BTreeMap;
use std::path::PathBuf;

use layout_host::VecHost;
use marquee_renderer::layout::{
    compute_layout_with, AlignContent, AlignItems, AvailableSpace, BoxSizing, Dim, Direction,
    Display,
    FlexDirection, FlexWrap, JustifyContent, LayoutOptions, Overflow, Position, Size, Style,
};
use xml::Element;

const TOTAL_EXPECTED: usize = 433;
/// Every supported case must pass, and the supported set must not shrink.
const REQUIRED_PASSED: usize = 393;

fn cases_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/conformance/flexbox/cases")
}

/// The property rule that excludes a case, if any: only features TV UIs
/// do not use (see the skip table in `docs/layout.md`).
fn skip_rule(el: &Element) -> Option<&'static str> {
    for (k, v) in &el.attrs {
        let v = v.trim();
        let rule = match k.as_str() {
            "writing-mode" => Some("writing-mode"),
            "display" if v == "block" || v == "grid" => Some("display: block/grid"),
            "flex-wrap" if v.contains("balance") => Some("flex-wrap: balance / flex-line-count"),
            "flex-line-count" => Some("flex-wrap: balance / flex-line-count"),
            _ => None,
        };
        if rule.is_some() {
            return rule;
        }
        if (k.starts_with("align-") || k.starts_with("justify-"))
            && (v.starts_with("safe") || v.starts_with("unsafe"))
        {
            return Some("safe/unsafe alignment");
        }
    }
    el.children.iter().find_map(skip_rule)
}

fn dim(v: &str) -> Dim {
    let v = v.trim();
    if v == "auto" {
        Dim::Auto
    } else if v == "min-content" {
        Dim::MinContent
    } else if v == "max-content" {
        Dim::MaxContent
    } else if v == "fit-content" {
        Dim::FitContent
    } else if v == "content" {
        Dim::MaxContent
    } else if v == "stretch" {
        Dim::Stretch
    } else if let Some(p) = v.strip_suffix('%') {
        Dim::Percent(num(p) / 100.0)
    } else {
        Dim::Points(num(v.trim_end_matches("px")))
    }
}

fn num(v: &str) -> f32 {
    v.trim()
        .trim_end_matches("px")
        .parse::<f32>()
        .unwrap_or_else(|_| panic!("not a number: {:?}", v))
}

/// `self-start` / `self-end` name the item's own start and end: on an
/// inline (horizontal) cross axis of an item whose direction differs from
/// its container's, that is the container's `end` / `start`.
fn align_items(v: &str, flipped: bool) -> AlignItems {
    let v = match (v, flipped) {
        ("self-start", true) => "end",
        ("self-end", true) => "start",
        _ => v,
    };
    match v {
        "stretch" | "normal" => AlignItems::Stretch,
        "flex-start" => AlignItems::FlexStart,
        "flex-end" => AlignItems::FlexEnd,
        "center" => AlignItems::Center,
        "baseline" => AlignItems::Baseline,
        "start" | "self-start" => AlignItems::Start,
        "end" | "self-end" => AlignItems::End,
        _ => panic!("unknown align value {:?}", v),
    }
}

/// The parts of the parent's style the translation needs: whether its
/// cross axis is horizontal (a column) and its resolved direction.
#[derive(Clone, Copy, Default)]
struct Parent<'a> {
    column: bool,
    rtl: bool,
    /// Its `align-items`, which a flipped item resolves as its own
    /// `align-self` when that is `auto`.
    align_items: Option<&'a str>,
}

/// The resolved direction of `el` under its parent's.
fn rtl_of(el: &Element, parent: Parent) -> bool {
    match el.attr("direction").map(str::trim) {
        Some("rtl") => true,
        Some("ltr") => false,
        _ => parent.rtl,
    }
}

/// Translates the case's CSS-like attributes into a `Style`.
fn style_of(el: &Element, parent: Parent) -> Style {
    let mut s = Style::default();
    let flipped = parent.column && rtl_of(el, parent) != parent.rtl;
    if let (true, Some(v)) = (flipped, parent.align_items) {
        s.align_self = Some(align_items(v.trim(), true));
    }
    for (k, v) in &el.attrs {
        let v = v.trim();
        match k.as_str() {
            "direction" => {
                s.direction = match v {
                    "rtl" => Direction::Rtl,
                    "ltr" => Direction::Ltr,
                    _ => Direction::Inherit,
                }
            }
            "aspect-ratio" => s.aspect_ratio = Some(num(v)).filter(|r| *r > 0.0),
            "scrollbar-width" => s.scrollbar_width = num(v),
            "display" => {
                s.display = match v {
                    "none" => Display::None,
                    _ => Display::Flex,
                }
            }
            "position" => {
                s.position = if v == "absolute" {
                    Position::Absolute
                } else {
                    Position::Relative
                }
            }
            "box-sizing" => {
                s.box_sizing = if v == "content-box" {
                    BoxSizing::ContentBox
                } else {
                    BoxSizing::BorderBox
                }
            }
            "flex-direction" => {
                s.flex_direction = match v {
                    "row" => FlexDirection::Row,
                    "column" => FlexDirection::Column,
                    "row-reverse" => FlexDirection::RowReverse,
                    "column-reverse" => FlexDirection::ColumnReverse,
                    _ => panic!("flex-direction {:?}", v),
                }
            }
            "flex-wrap" => {
                s.flex_wrap = match v {
                    "nowrap" => FlexWrap::NoWrap,
                    "wrap" => FlexWrap::Wrap,
                    "wrap-reverse" => FlexWrap::WrapReverse,
                    _ => panic!("flex-wrap {:?}", v),
                }
            }
            "justify-content" => {
                s.justify_content = match v {
                    "flex-start" | "normal" => JustifyContent::FlexStart,
                    "flex-end" => JustifyContent::FlexEnd,
                    "center" => JustifyContent::Center,
                    "space-between" => JustifyContent::SpaceBetween,
                    "space-around" => JustifyContent::SpaceAround,
                    "space-evenly" => JustifyContent::SpaceEvenly,
                    "start" => JustifyContent::Start,
                    "end" => JustifyContent::End,
                    _ => panic!("justify-content {:?}", v),
                }
            }
            "align-items" => s.align_items = align_items(v, false),
            "align-self" => {
                s.align_self = if v == "auto" {
                    None
                } else {
                    Some(align_items(v, flipped))
                }
            }
            "align-content" => {
                s.align_content = match v {
                    "stretch" | "normal" => AlignContent::Stretch,
                    "flex-start" => AlignContent::FlexStart,
                    "flex-end" => AlignContent::FlexEnd,
                    "center" => AlignContent::Center,
                    "space-between" => AlignContent::SpaceBetween,
                    "space-around" => AlignContent::SpaceAround,
                    "space-evenly" => AlignContent::SpaceEvenly,
                    "start" => AlignContent::Start,
                    "end" => AlignContent::End,
                    _ => panic!("align-content {:?}", v),
                }
            }
            "flex-grow" => s.flex_grow = num(v),
            "flex-shrink" => s.flex_shrink = num(v),
            "flex-basis" => s.flex_basis = dim(v),
            "width" => s.size.width = dim(v),
            "height" => s.size.height = dim(v),
            "min-width" => s.min_size.width = dim(v),
            "min-height" => s.min_size.height = dim(v),
            "max-width" => s.max_size.width = dim(v),
            "max-height" => s.max_size.height = dim(v),
            "margin-left" => s.margin.left = dim(v),
            "margin-top" => s.margin.top = dim(v),
            "margin-right" => s.margin.right = dim(v),
            "margin-bottom" => s.margin.bottom = dim(v),
            "padding-left" => s.padding.left = dim(v),
            "padding-top" => s.padding.top = dim(v),
            "padding-right" => s.padding.right = dim(v),
            "padding-bottom" => s.padding.bottom = dim(v),
            "border-left" => s.border.left = num(v),
            "border-top" => s.border.top = num(v),
            "border-right" => s.border.right = num(v),
            "border-bottom" => s.border.bottom = num(v),
            "left" => s.inset.left = dim(v),
            "top" => s.inset.top = dim(v),
            "right" => s.inset.right = dim(v),
            "bottom" => s.inset.bottom = dim(v),
            "column-gap" => s.gap.width = dim(v),
            "row-gap" => s.gap.height = dim(v),
            "overflow-x" | "overflow-y" => {
                let o = match v {
                    "visible" | "clip" => Overflow::Visible,
                    "hidden" => Overflow::Clip,
                    _ => Overflow::Scroll,
                };
                if k == "overflow-x" {
                    s.overflow.width = o;
                } else {
                    s.overflow.height = o;
                }
            }
            other => panic!(
                "unsupported attribute {}={:?} in a supported case",
                other, v
            ),
        }
    }
    s
}

fn build(host: &mut VecHost, el: &Element, parent: Option<usize>, ps: Parent) -> usize {
    let style = style_of(el, ps);
    let inner = Parent {
        column: !style.flex_direction.is_row(),
        rtl: rtl_of(el, ps),
        align_items: el.attr("align-items"),
    };
    let id = if el.name == "text" {
        host.add_text(parent, style, &el.text)
    } else {
        match parent {
            Some(p) => host.add_child(p, style),
            None => host.add(style),
        }
    };
    for c in &el.children {
        build(host, c, Some(id), inner);
    }
    id
}

fn space(v: Option<&str>) -> AvailableSpace {
    match v {
        None | Some("max-content") => AvailableSpace::MaxContent,
        Some("min-content") => AvailableSpace::MinContent,
        Some(v) => AvailableSpace::Definite(num(v)),
    }
}

/// Compares the laid-out tree with the expectations; returns the first
/// mismatch.
fn compare(host: &VecHost, node: usize, exp: &Element, path: &str, tol: f32) -> Result<(), String> {
    let got = host.layout(node);
    let want = [
        ("x", got.x),
        ("y", got.y),
        ("width", got.width),
        ("height", got.height),
    ];
    for (name, value) in want {
        let e = num(exp.attr(name).unwrap_or("0"));
        if (e - value).abs() > tol {
            return Err(format!(
                "{}: {} is {} (expected {}) [box {:?}]",
                path, name, value, e, got
            ));
        }
    }
    let kids: Vec<&Element> = exp.children.iter().filter(|c| c.name == "node").collect();
    let hc = &host.nodes[node].children;
    if kids.len() != hc.len() {
        return Err(format!(
            "{}: {} children, expected {}",
            path,
            hc.len(),
            kids.len()
        ));
    }
    for (i, (k, &c)) in kids.iter().zip(hc.iter()).enumerate() {
        compare(host, c, k, &format!("{}/{}", path, i), tol)?;
    }
    Ok(())
}

fn setup(doc: &Element) -> Result<(VecHost, usize, Size<AvailableSpace>, bool), String> {
    let input = doc.child("input").ok_or("no <input>")?;
    let root_el = input.children.first().ok_or("empty <input>")?;
    let vp = doc.child("viewport");
    let available = Size::new(
        space(vp.and_then(|v| v.attr("width"))),
        space(vp.and_then(|v| v.attr("height"))),
    );
    let rounding = doc.attr("use-rounding") != Some("false");
    let mut host = VecHost::new();
    let root = build(&mut host, root_el, None, Parent::default());
    Ok((host, root, available, rounding))
}

fn run_case(doc: &Element) -> Result<(), String> {
    let exp = doc
        .child("expectations")
        .and_then(|e| e.child("node"))
        .ok_or("no expectations")?;
    let (mut host, root, available, rounding) = setup(doc)?;
    compute_layout_with(&mut host, root, available, LayoutOptions { rounding });
    // With Chrome-like rounding the boxes must match exactly; unrounded
    // cases get half a pixel.
    let tol = if rounding { 0.01 } else { 0.5 };
    compare(&host, root, exp, "root", tol)
}

#[test]
fn flexbox_conformance_cases_match_chrome() {
    let dir = cases_dir();
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| {
        panic!(
            "flexbox conformance cases not found: looked in {} ({}). CI must check out the \
             repo with `shared/` beside it (shared/conformance/flexbox/cases/*.xml).",
            dir.display(),
            e
        )
    });
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().map(|x| x == "xml").unwrap_or(false))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no .xml cases in {}", dir.display());

    let filter = std::env::var("FLEX_CASE").ok();
    let mut skipped: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut passed = 0usize;
    let mut failed: Vec<String> = Vec::new();
    for path in &files {
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_default();
        if let Some(f) = &filter {
            if !name.contains(f.as_str()) {
                continue;
            }
        }
        let src =
            std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {}", path.display(), e));
        let doc = xml::parse(&src).unwrap_or_else(|e| panic!("{}: {}", path.display(), e));
        if let Some(rule) = doc.child("input").and_then(skip_rule) {
            *skipped.entry(rule).or_insert(0) += 1;
            continue;
        }
        match run_case(&doc) {
            Ok(()) => passed += 1,
            Err(msg) => failed.push(format!("{}: {}", name, msg)),
        }
    }
    let total = passed + failed.len() + skipped.values().sum::<usize>();
    let supported = passed + failed.len();
    let rate = if supported > 0 {
        passed as f64 / supported as f64
    } else {
        1.0
    };
    println!("flexbox conformance: {} cases in {}", total, dir.display());
    println!("skipped: {}", skipped.values().sum::<usize>());
    for (rule, n) in &skipped {
        println!("  {:>3}  {}", n, rule);
    }
    println!("passed: {}", passed);
    println!("failed: {}", failed.len());
    for f in &failed {
        println!("  FAIL {}", f);
    }
    println!(
        "pass rate: {:.1}% of {} supported cases, {:.1}% of all {} cases",
        rate * 100.0,
        supported,
        passed as f64 * 100.0 / total.max(1) as f64,
        total
    );
    if filter.is_none() {
        assert_eq!(
            total,
            TOTAL_EXPECTED,
            "expected {} cases in {}",
            TOTAL_EXPECTED,
            dir.display()
        );
        assert!(
            failed.is_empty(),
            "{} supported cases fail (pass rate {:.1}%); every supported case must pass",
            failed.len(),
            rate * 100.0
        );
        assert!(
            passed >= REQUIRED_PASSED,
            "only {} cases pass, expected at least {}",
            passed,
            REQUIRED_PASSED
        );    }
}

/// The project's own cases in `tests/flexbox_cases/` (same format): the
/// trees of the bugs found in issue 18, with the boxes Chrome gives the
/// nodes the issue names. Every one must pass.
#[test]
fn project_cases_match_chrome() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/flexbox_cases");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {}", dir.display(), e))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().map(|x| x == "xml").unwrap_or(false))
        .collect();
    files.sort();
    assert!(files.len() >= 4, "expected the issue-18 cases in {}", dir.display());
    let failed: Vec<String> = files
        .iter()
        .filter_map(|path| {
            let src = std::fs::read_to_string(path).ok()?;
            let doc = xml::parse(&src).unwrap_or_else(|e| panic!("{}: {}", path.display(), e));
            run_case(&doc)
                .err()
                .map(|e| format!("{}: {}", path.display(), e))
        })
        .collect();
    assert!(failed.is_empty(), "{:#?}", failed);
}

/// The incremental oracle: on every supported case, invalidating any one
/// node (and its ancestors, as the contract says) and laying out again
/// gives exactly the boxes of the fresh layout, and a relayout with no
/// invalidation computes nothing.
#[test]
fn incremental_relayout_matches_the_fresh_layout_on_every_case() {
    let dir = cases_dir();
    let entries = match std::fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) => panic!(
            "flexbox conformance cases not found: looked in {} ({})",
            dir.display(),
            e
        ),
    };
    let mut checked = 0usize;
    let mut mismatches: Vec<String> = Vec::new();
    for entry in entries.filter_map(|e| e.ok()) {
        let path = entry.path();
        if path.extension().map(|x| x != "xml").unwrap_or(true) {
            continue;
        }
        let src =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {}", path.display(), e));
        let doc = xml::parse(&src).unwrap_or_else(|e| panic!("{}: {}", path.display(), e));
        if doc.child("input").and_then(skip_rule).is_some() {
            continue;
        }
        let (mut host, root, available, rounding) = setup(&doc).unwrap_or_else(|e| panic!("{}", e));
        let options = LayoutOptions { rounding };
        compute_layout_with(&mut host, root, available, options);
        let fresh: Vec<_> = host.nodes.iter().map(|n| n.layout).collect();
        let again = compute_layout_with(&mut host, root, available, options);
        if again.nodes_laid_out != 0 {
            mismatches.push(format!(
                "{}: unchanged relayout computed {} nodes",
                path.display(),
                again.nodes_laid_out
            ));
        }
        for node in 0..host.nodes.len() {
            host.invalidate(node);
            compute_layout_with(&mut host, root, available, options);
            let now: Vec<_> = host.nodes.iter().map(|n| n.layout).collect();
            if now != fresh {
                mismatches.push(format!(
                    "{}: relayout after invalidating node {} differs",
                    path.display(),
                    node
                ));
                break;
            }
        }
        checked += 1;
    }
    println!(
        "incremental oracle: {} cases checked, {} mismatches",
        checked,
        mismatches.len()
    );
    for m in &mismatches {
        println!("  {}", m);
    }
    assert!(
        mismatches.is_empty(),
        "{} incremental mismatches",
        mismatches.len()
    );
}
