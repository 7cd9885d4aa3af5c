//! The engine's limits (PROTOCOL.md section 11): what a valid batch may ask
//! for, so that memory and the time of one call stay bounded. A batch over
//! one is rejected whole, before anything in it is applied (`protocol`
//! checks them while it validates, `Engine::apply` checks the size first).

/// Largest batch in bytes. The input buffer, the decoded commands and
/// the copies of their strings live side by side while a batch is
/// applied: 8 MiB keeps that under 24 MiB of the default 64 MiB.
pub const MAX_BATCH_BYTES: usize = 8 << 20;
/// Most nodes alive at once by default (the host scales it with the memory
/// limit it gives the engine: `HARD_MAX_NODES`). A bare view costs about 1.5 KB (its
/// columns, layout cache, output state), so 25,000 nodes use about
/// 40 MiB and leave room for text, strings and frame output under the
/// default 64 MiB. Nodes a batch creates, directly or by `INSTANTIATE`,
/// count at the command that creates them; removals in the same batch
/// are not credited (their subtrees' sizes are not simulated).
pub const MAX_NODES: u32 = 25_000;
/// The node budget the host may set instead (it writes the `oom_record`'s
/// `node_limit` word before its first batch, for a memory limit other than
/// the default 64 MiB). Larger values are clamped to this.
pub const HARD_MAX_NODES: u32 = 1_000_000;

/// The node budget in force: the host's, clamped to 1..=`HARD_MAX_NODES`.
pub fn max_nodes() -> u32 {
    crate::oom::node_limit().clamp(1, HARD_MAX_NODES)
}
/// Most work one batch may ask for, in node visits: an `INSERT` costs
/// the size of the subtree it moves (validation walks it for the depth
/// check, applying it repaints it), an `INSTANTIATE` the commands of its
/// template plus its `INSERT`s. 1,000,000 visits take about 40 ms on a
/// desktop core, well inside the 2 s watchdog on a slow TV.
pub const MAX_BATCH_WORK: u32 = 1_000_000;
