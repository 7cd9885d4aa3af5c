//! Marquee's scene engine. See `renderer/PROTOCOL.md` for the contract with the host.

pub mod layout;
pub mod text;

/// The protocol version this engine speaks (see PROTOCOL.md).
pub const PROTOCOL_VERSION: u32 = 1;

#[no_mangle]
pub extern "C" fn protocol_version() -> u32 {
    PROTOCOL_VERSION
}
