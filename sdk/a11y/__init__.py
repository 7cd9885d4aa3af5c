"""Accessibility: the announcer (speech for focus and live regions) and its backends.

`Announcer(root, speech)` observes a `SceneRoot` and speaks where focus lands
(name, role, states, value, "3 of 12", the title of a container focus enters)
and what live regions (`live="polite"|"assertive"`) say, debounced on the app's
clock. `EspeakSpeech` speaks through espeak-ng on devices; `RecordingSpeech`
keeps the utterances for tests (the harness's `screen.announcements`). The
viewer's settings (`ViewerSettings`: reduced motion, text scale, high
contrast) are re-exported from `sdk.reconciler`, which applies them.

This wing may import `sdk.reconciler`, `signals`, `async_tasks` and `renderer`;
`sdk.testing` imports it; it never imports `sdk.runtime`, `sdk.testing`,
`components` or `apps`. `docs/accessibility.md` is the guide.
"""

from ..reconciler import ViewerContext as ViewerContext
from ..reconciler import ViewerSettings as ViewerSettings
from ..reconciler import use_viewer as use_viewer
from ._announcer import DEBOUNCE_MS as DEBOUNCE_MS
from ._announcer import Announcer as Announcer
from ._describe import ENGLISH as ENGLISH
from ._describe import Described as Described
from ._describe import Phrases as Phrases
from ._describe import describe as describe
from ._speech import EspeakSpeech as EspeakSpeech
from ._speech import PrintSpeech as PrintSpeech
from ._speech import RecordingSpeech as RecordingSpeech
from ._speech import Speech as Speech
from ._speech import SpeechUnavailable as SpeechUnavailable
from ._speech import Utterance as Utterance
from ._speech import espeak_available as espeak_available
from ._speech import synthesize_wav as synthesize_wav
from ._speech import voice_for_locale as voice_for_locale

__all__ = [
    "DEBOUNCE_MS",
    "ENGLISH",
    "Announcer",
    "Described",
    "EspeakSpeech",
    "Phrases",
    "PrintSpeech",
    "RecordingSpeech",
    "Speech",
    "SpeechUnavailable",
    "Utterance",
    "ViewerContext",
    "ViewerSettings",
    "describe",
    "espeak_available",
    "synthesize_wav",
    "use_viewer",
    "voice_for_locale",
]
