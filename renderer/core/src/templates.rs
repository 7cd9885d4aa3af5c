//! Templates: static subtrees defined once and instantiated by id.
//!
//! Algorithm: `DEFINE_TEMPLATE` is validated like a batch over local ids
//! `1..=node_count` (see `protocol`); when applied, its string references
//! are resolved to their text so the template no longer depends on string
//! ids. `INSTANTIATE` replays the stored commands with local id `k` mapped
//! to `base + k - 1` (`Engine::apply_cmd`), which was validated not to clash.

use crate::resources::Resources;
use crate::props::Value;
use crate::protocol::{Cmd, Template};

/// A copy of `t` whose string ids are replaced by their current text.
pub fn resolve(res: &Resources, t: &Template) -> Template {
    let fix = |props: &Vec<(u16, Value)>| res.resolve_props(props);
    let cmds = t
        .cmds
        .iter()
        .map(|c| match c {
            Cmd::SetProps { node, props } => Cmd::SetProps { node: *node, props: fix(props) },
            Cmd::SetStateProps { node, state, props } => {
                Cmd::SetStateProps { node: *node, state: *state, props: fix(props) }
            }
            Cmd::SetText { node, string } => Cmd::SetTextStr {
                node: *node,
                text: res.strings.get(string).cloned().unwrap_or_default(),
            },
            other => other.clone(),
        })
        .collect();
    Template { node_count: t.node_count, cmds, shape: t.shape.clone(), images: t.images.clone() }
}
