//! Host input as the engine carries it: keys, key actions and the queued
//! input that needs a laid-out scene (`KEY`, `FOCUS`, `REMEMBER_FOCUS`).

/// An arrow's direction; the wire code of the arrow key is its value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Dir {
    Up = 1,
    Down = 2,
    Left = 3,
    Right = 4,
}

impl Dir {
    /// 0..=3, for per-direction tables (`NEXT_<dir>`, coalescing).
    pub fn index(self) -> usize {
        self as usize - 1
    }
}

/// A key (`KEY` key codes, PROTOCOL.md section 2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    Arrow(Dir),
    Select,
    Back,
    Menu,
    PlayPause,
    /// Digits 0-9 (codes 9..=18).
    Digit(u8),
    /// App-named keys (codes 32..=255, the code itself).
    App(u8),
}

impl Key {
    /// The key with wire code `v`; `None` for 0 and 19..=31.
    pub fn from_u8(v: u8) -> Option<Key> {
        Some(match v {
            1 => Key::Arrow(Dir::Up),
            2 => Key::Arrow(Dir::Down),
            3 => Key::Arrow(Dir::Left),
            4 => Key::Arrow(Dir::Right),
            5 => Key::Select,
            6 => Key::Back,
            7 => Key::Menu,
            8 => Key::PlayPause,
            9..=18 => Key::Digit(v - 9),
            32..=255 => Key::App(v),
            _ => return None,
        })
    }

    /// The wire code.
    pub fn code(self) -> u8 {
        match self {
            Key::Arrow(d) => d as u8,
            Key::Select => 5,
            Key::Back => 6,
            Key::Menu => 7,
            Key::PlayPause => 8,
            Key::Digit(d) => 9 + d,
            Key::App(c) => c,
        }
    }
}

/// `KEY` actions; `LongPress` is reported by the engine, never sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum KeyAction {
    Down = 0,
    Repeat = 1,
    Up = 2,
    LongPress = 3,
}

impl KeyAction {
    /// An action the host may send (0..=2), `None` otherwise.
    pub fn from_u8(v: u8) -> Option<KeyAction> {
        Some(match v {
            0 => KeyAction::Down,
            1 => KeyAction::Repeat,
            2 => KeyAction::Up,
            _ => return None,
        })
    }
}

/// Input that needs a laid-out scene, queued by `apply`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Input {
    Key(Key, KeyAction),
    /// `FOCUS` with a sender id (0 blurs).
    Focus(u32),
    /// `REMEMBER_FOCUS` with sender ids (scope, node; 0 forgets).
    Remember(u32, u32),
}
