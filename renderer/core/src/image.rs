//! Images the host holds pixels for, as the engine knows them: size and
//! load state (`DEFINE_IMAGE`, `IMAGE_STATE`).

/// An image the host holds pixels for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ImageInfo {
    pub w: u32,
    pub h: u32,
    pub state: ImageState,
}

/// Whether the host has an image's pixels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageState {
    Pending = 0,
    Loaded = 1,
    Failed = 2,
}

impl ImageState {
    /// An `IMAGE_STATE` state (1 loaded, 2 failed), `None` otherwise.
    pub fn from_u8(v: u8) -> Option<ImageState> {
        match v {
            1 => Some(ImageState::Loaded),
            2 => Some(ImageState::Failed),
            _ => None,
        }
    }
}

impl ImageInfo {
    pub fn drawable(&self) -> bool {
        self.state == ImageState::Loaded && self.w > 0 && self.h > 0
    }
}
