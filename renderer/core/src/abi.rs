//! The module ABI (PROTOCOL.md section 1) over one global engine.
//!
//! Algorithm: the module is single-threaded (wasm32 without threads), so
//! one engine lives in a `static mut` that only `engine()` touches; every
//! export borrows it for the duration of the call and never re-enters. The
//! pointers handed out (input buffer, output header and regions, error and
//! dump text) stay valid until the next call that rewrites them. On wasm the
//! first access installs a panic hook that forwards the panic message to
//! the host through the `env.host_panic(ptr, len)` import before the trap.

use crate::engine::Engine;

static mut ENGINE: Option<Engine> = None;

/// The global engine. Sound because wasm32 runs one thread and no export
/// calls another export (no two `&mut` to it are ever alive at once).
fn engine() -> &'static mut Engine {
    // SAFETY: single-threaded module; each export takes this borrow once
    // and drops it before returning.
    let slot: &'static mut Option<Engine> = unsafe { &mut *std::ptr::addr_of_mut!(ENGINE) };
    if slot.is_none() {
        install_panic_hook();
        *slot = Some(Engine::new());
    }
    match slot.as_mut() {
        Some(e) => e,
        None => std::process::abort(),
    }
}

#[cfg(target_arch = "wasm32")]
mod host {
    #[link(wasm_import_module = "env")]
    extern "C" {
        pub fn host_panic(ptr: *const u8, len: usize);
    }
}

#[cfg(target_arch = "wasm32")]
fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let msg = info.to_string();
        // SAFETY: the host reads `len` bytes at `ptr` during the call.
        unsafe { host::host_panic(msg.as_ptr(), msg.len()) }
    }));
}

#[cfg(not(target_arch = "wasm32"))]
fn install_panic_hook() {}

fn ptr<T>(p: *const T) -> u32 {
    p as usize as u32
}

#[no_mangle]
pub extern "C" fn protocol_version() -> u32 {
    crate::PROTOCOL_VERSION
}

/// 0 when `len` is over the batch limit (PROTOCOL.md section 11).
#[no_mangle]
pub extern "C" fn input_buffer(len: u32) -> u32 {
    engine().input_buffer(len as usize).map_or(0, |b| ptr(b.as_ptr()))
}

#[no_mangle]
pub extern "C" fn apply(len: u32) -> u32 {
    engine().apply_input(len as usize)
}

#[no_mangle]
pub extern "C" fn error_ptr() -> u32 {
    ptr(engine().diag.error_text().as_ptr())
}

#[no_mangle]
pub extern "C" fn error_len() -> u32 {
    engine().diag.error_text().len() as u32
}

#[no_mangle]
pub extern "C" fn error_info() -> u32 {
    ptr(engine().diag.error_info().as_ptr())
}

#[no_mangle]
pub extern "C" fn frame(now_ms: f64) -> u32 {
    let out = engine().frame(now_ms);
    ptr(out.header.as_ptr())
}

#[no_mangle]
pub extern "C" fn dump() -> u32 {
    engine().dump().len() as u32
}

#[no_mangle]
pub extern "C" fn dump_ptr() -> u32 {
    ptr(engine().dump_ptr())
}

/// Where the out-of-memory record is (`oom::Record`, PROTOCOL.md section 1):
/// read by the host after a trap, without calling in again.
#[no_mangle]
pub extern "C" fn oom_record() -> u32 {
    ptr(crate::oom::record())
}

#[no_mangle]
pub extern "C" fn batches_applied() -> u32 {
    engine().batches_applied()
}

/// Test hook (PROTOCOL.md section 9): panics on purpose with a message that
/// names `code`, so hosts can test their crash handling against a real Rust
/// panic, forwarded through `host_panic`, rather than a hand-made trap.
/// Never returns; the instance is dead afterwards.
#[no_mangle]
pub extern "C" fn debug_trap(code: u32) -> u32 {
    engine(); // installs the panic hook on a fresh instance
    deliberate_panic(code)
}

/// A named frame of its own, so the trap's backtrace shows where it came from.
#[inline(never)]
fn deliberate_panic(code: u32) -> ! {
    panic!("debug_trap({}): deliberate test trap", code)
}

#[cfg(test)]
mod tests {
    // The panic itself, not the `extern "C"` export: since Rust 1.81 a panic
    // unwinding out of an `extern "C"` function aborts the test process.
    #[test]
    #[should_panic(expected = "debug_trap(4000000000): deliberate test trap")]
    fn debug_trap_panics_with_a_message_naming_its_code() {
        super::engine();
        super::deliberate_panic(4_000_000_000);
    }
}
