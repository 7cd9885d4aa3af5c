"""Developer tools: the key grammar, the recorder, the browser preview, the dev loop
(hot reload with state seeding), the inspector overlay and `inspect`.

`docs/devtools.md` is the guide. This wing sits above the others: it may
import `signals`, `async_tasks`, `renderer`, `sdk.reconciler` and
`sdk.runtime` (through their `__init__`), and third-party packages of the
`devtools` extra (imageio-ffmpeg, each in one module of its own and imported
only when used); it never imports `sdk.testing`, `components` or `apps`.
It drives the `App` through its public API (`frame_sink`,
`presenter_factory`, `press`, `frame`, `dump`); the reconciler offers it one
hook of its own, state seeding (`sdk.reconciler.seed_state`).
"""

from ._keyscript import KEY_GAP_MS as KEY_GAP_MS
from ._keyscript import KeyScript as KeyScript
from ._keyscript import KeyScriptError as KeyScriptError
from ._keyscript import Press as Press
from ._keyscript import Wait as Wait
from ._keyscript import frames_for as frames_for
from ._keyscript import parse_keys as parse_keys
from ._keyscript import play as play
from ._progress import Progress as Progress
from ._record import RecordResult as RecordResult
from ._record import record as record
from ._target import CliError as CliError
from ._target import load_target as load_target
from ._video import VideoError as VideoError
from ._video import VideoWriter as VideoWriter
from ._video import read_video as read_video

__all__ = [
    "KEY_GAP_MS",
    "CliError",
    "KeyScript",
    "KeyScriptError",
    "Press",
    "Progress",
    "RecordResult",
    "VideoError",
    "VideoWriter",
    "Wait",
    "frames_for",
    "load_target",
    "parse_keys",
    "play",
    "read_video",
    "record",
]
