"""Developer tools: the key grammar, the recorder, the browser preview, the dev loop
(hot reload with state seeding), the inspector overlay and `inspect`.

`docs/devtools.md` is the guide. This wing sits above the others: it may
import `signals`, `async_tasks`, `renderer`, `sdk.reconciler` and
`sdk.runtime` (through their `__init__`), and third-party packages of the
`devtools` extra (imageio-ffmpeg, each in one module of its own and imported
only when used); it never imports `sdk.testing`, `components` or `apps`.
It drives the `App` through its public API (`frame_sink`,
`presenter_factory`, `press`, `frame`, `dump`); the reconciler offers it one
hook of its own, state seeding (`sdk.reconciler.capture_state`, `arm_seeds`,
`disarm_seeds`). The inspector reads the renderer thread's `FrameLoop`
(`App.renderer_thread.loop`) for timings and Wasm memory, so `dev` and
`preview` run the renderer on a thread (`renderer_mode="thread"`), not in a
process of its own.

Modules: `_keyscript` (the key grammar), `_record` and `_video` (the
recorder), `_preview`, `_preview_server` and `_page` (the browser preview),
`_reload`, `_dev` and `_run_dev` (the dev loop), `_overlay`, `_inspector` and
`_dump` (the inspector), `_inspect` (the `inspect` server and client),
`_verbs` (the CLI verbs), `_progress`, `_target`, `_ui`.
"""

from ._dev import DEV_EXTRA_KEYS as DEV_EXTRA_KEYS
from ._dev import INSPECTOR_KEY as INSPECTOR_KEY
from ._dev import DevSession as DevSession
from ._dev import ReloadReport as ReloadReport
from ._dump import DumpNode as DumpNode
from ._dump import parse_dump as parse_dump
from ._dump import screen_boxes as screen_boxes
from ._inspect import InspectServer as InspectServer
from ._inspect import component_tree as component_tree
from ._inspect import fetch_inspect as fetch_inspect
from ._inspector import collect_inspector as collect_inspector
from ._keyscript import KEY_GAP_MS as KEY_GAP_MS
from ._keyscript import KeyScript as KeyScript
from ._keyscript import KeyScriptError as KeyScriptError
from ._keyscript import Press as Press
from ._keyscript import Wait as Wait
from ._keyscript import frames_for as frames_for
from ._keyscript import parse_keys as parse_keys
from ._keyscript import play as play
from ._overlay import InspectorData as InspectorData
from ._preview import BrowserPresenter as BrowserPresenter
from ._preview import PreviewHub as PreviewHub
from ._preview import frame_message as frame_message
from ._preview_server import PreviewServer as PreviewServer
from ._preview_server import run_preview as run_preview
from ._progress import Progress as Progress
from ._record import RecordResult as RecordResult
from ._record import record as record
from ._run_dev import run_dev as run_dev
from ._target import CliError as CliError
from ._target import load_target as load_target
from ._verbs import add_devtools_commands as add_devtools_commands
from ._verbs import parse_size as parse_size
from ._verbs import run_devtools_command as run_devtools_command
from ._video import VideoError as VideoError
from ._video import VideoWriter as VideoWriter
from ._video import read_video as read_video

__all__ = [
    "DEV_EXTRA_KEYS",
    "INSPECTOR_KEY",
    "KEY_GAP_MS",
    "BrowserPresenter",
    "CliError",
    "DevSession",
    "DumpNode",
    "InspectServer",
    "InspectorData",
    "KeyScript",
    "KeyScriptError",
    "Press",
    "PreviewHub",
    "PreviewServer",
    "Progress",
    "RecordResult",
    "ReloadReport",
    "VideoError",
    "VideoWriter",
    "Wait",
    "add_devtools_commands",
    "collect_inspector",
    "component_tree",
    "fetch_inspect",
    "frame_message",
    "frames_for",
    "load_target",
    "parse_dump",
    "parse_keys",
    "parse_size",
    "play",
    "read_video",
    "record",
    "run_dev",
    "run_devtools_command",
    "run_preview",
    "screen_boxes",
]
