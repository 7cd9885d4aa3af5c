//! What the host reads about rejected and accepted batches: the last error
//! (text and `error_info` words) and the acknowledgement counter.

use crate::protocol::Error;

#[derive(Default)]
pub struct Diagnostics {
    batches_applied: u32,
    last_error: Option<Error>,
    error_text: String,
    error_info: [u32; 3],
}

impl Diagnostics {
    /// A batch was applied.
    pub fn accepted(&mut self) {
        self.batches_applied = self.batches_applied.wrapping_add(1);
    }
    /// A batch was rejected with `e`.
    pub fn rejected(&mut self, e: &Error) {
        self.error_text = e.text();
        self.error_info = [e.index, u32::from(e.opcode), e.code as u32];
        self.last_error = Some(e.clone());
    }
    pub fn batches_applied(&self) -> u32 {
        self.batches_applied
    }
    pub fn last_error(&self) -> Option<&Error> {
        self.last_error.as_ref()
    }
    pub fn error_text(&self) -> &str {
        &self.error_text
    }
    pub fn error_info(&self) -> &[u32; 3] {
        &self.error_info
    }
}
