"""Speech backends: what the announcer speaks through.

A backend has two calls: `speak(text, interrupt=...)` and `stop()` (plus an
idempotent `close()`). `interrupt=True` cuts off whatever is being said and
drops what is queued (a focus move, an assertive live region);
`interrupt=False` queues behind it (a polite live region).

* `EspeakSpeech` - espeak-ng (the Debian package `espeak-ng`), for devices:
  one worker thread runs one `espeak-ng` process per utterance and kills it
  to interrupt. The voice comes from the locale (`voice_for_locale`).
* `RecordingSpeech` - keeps every utterance, for tests (`screen.announcements`).
* `PrintSpeech` - prints them (`python -m sdk run ... --speak print`).
* `synthesize_wav(text, path)` - espeak-ng straight to a WAV file.
"""

from __future__ import annotations

import logging
import os
import queue
import shutil
import subprocess
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Protocol

__all__ = ["EspeakSpeech", "PrintSpeech", "RecordingSpeech", "Speech", "SpeechUnavailable",
           "Utterance", "espeak_available", "synthesize_wav", "voice_for_locale"]

log = logging.getLogger(__name__)


class SpeechUnavailable(RuntimeError):
    """The speech engine is not installed (install the Debian package `espeak-ng`)."""


class Speech(Protocol):
    """What the announcer speaks through."""

    def speak(self, text: str, *, interrupt: bool) -> None:
        """Say `text`: at once, cutting off the current utterance (`interrupt`), or after it."""
        ...

    def stop(self) -> None:
        """Stop speaking and drop what is queued."""
        ...

    def close(self) -> None:
        """Release the backend (idempotent)."""
        ...


@dataclass(frozen=True)
class Utterance:
    """One thing the announcer said."""

    text: str
    interrupt: bool
    """It cut off what was being said (focus, assertive) rather than queueing (polite)."""
    at_ms: float
    """The app clock's time when it was spoken."""


class RecordingSpeech:
    """Keeps every utterance instead of speaking (tests).

    Args:
        clock: where `Utterance.at_ms` comes from (anything with `now()`).
    """

    def __init__(self, clock: _Now | None = None) -> None:
        self.utterances: list[Utterance] = []
        """Everything spoken, oldest first."""
        self.stops = 0
        """How many times speech was stopped."""
        self._clock = clock

    def speak(self, text: str, *, interrupt: bool) -> None:
        """Record `text`."""
        at = self._clock.now() if self._clock is not None else 0.0
        self.utterances.append(Utterance(text, interrupt, at))

    def stop(self) -> None:
        """Count a stop."""
        self.stops += 1

    def close(self) -> None:
        """Nothing to release."""

    @property
    def texts(self) -> list[str]:
        """The spoken texts, oldest first."""
        return [u.text for u in self.utterances]


class PrintSpeech:
    """Prints each utterance (`python -m sdk run ... --speak print`): speech without audio.

    Args:
        write: where lines go (default: `print` to stdout, flushed).
    """

    def __init__(self, write: Callable[[str], object] | None = None) -> None:
        self._write = write if write is not None else (lambda line: print(line, flush=True))

    def speak(self, text: str, *, interrupt: bool) -> None:
        """Print `text` (`>` marks an interruption, `+` a queued utterance)."""
        self._write(f"marquee: says {'>' if interrupt else '+'} {text}")

    def stop(self) -> None:
        """Nothing is playing."""

    def close(self) -> None:
        """Nothing to release."""


class _Now(Protocol):
    def now(self) -> float: ...


def espeak_available() -> bool:
    """Whether the `espeak-ng` program is installed."""
    return shutil.which("espeak-ng") is not None


_VOICES: dict[str, str] = {
    "en": "en-us", "en-us": "en-us", "en-gb": "en-gb", "fr": "fr-fr", "fr-fr": "fr-fr",
    "fr-ca": "fr-fr", "de": "de", "es": "es", "es-mx": "es-419", "it": "it", "pt": "pt",
    "pt-br": "pt-br", "nl": "nl", "sv": "sv", "pl": "pl", "ru": "ru", "ja": "ja",
    "zh": "cmn", "ko": "ko", "ar": "ar", "hi": "hi", "tr": "tr",
}
"""Locale (lower case, `-`) -> espeak-ng voice, for the locales apps ship in."""


def voice_for_locale(locale: str | None) -> str:
    """The espeak-ng voice for a locale (`"fr_FR.UTF-8"`, `"pt-BR"`); `en-us` if unknown.

    `None` reads the environment's `LANG` (the device's locale).
    """
    if locale is None:
        locale = os.environ.get("LANG") or "en-US"
    tag = locale.split(".")[0].replace("_", "-").lower()
    if tag in ("c", "posix", ""):
        return "en-us"
    return _VOICES.get(tag) or _VOICES.get(tag.split("-")[0]) or "en-us"


class EspeakSpeech:
    """Speaks through espeak-ng, one process per utterance, on a worker thread.

    Args:
        locale: the app's locale (picks the voice); None: `LANG`.
        rate: words per minute.
        program: the espeak-ng executable.

    Raises:
        SpeechUnavailable: espeak-ng is not installed.
    """

    def __init__(self, locale: str | None = None, *, rate: int = 175,
                 program: str = "espeak-ng") -> None:
        path = shutil.which(program)
        if path is None:
            raise SpeechUnavailable(f"{program} is not installed: apt-get install espeak-ng "
                                    "(./dev setup does it), or use RecordingSpeech in tests")
        self.voice = voice_for_locale(locale)
        """The espeak-ng voice in use."""
        self._argv = [path, "-v", self.voice, "-s", str(int(rate))]
        self._queue: queue.Queue[tuple[int, str] | None] = queue.Queue()
        self._generation = 0
        """Bumped by `stop()`: an utterance queued before it is dropped by the worker."""
        self._lock = threading.Lock()
        self._current: subprocess.Popen[bytes] | None = None
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="marquee-speech", daemon=True)
        self._thread.start()

    def speak(self, text: str, *, interrupt: bool) -> None:
        """Queue `text`; `interrupt` first stops the current utterance and the queue."""
        if self._closed:
            return
        if interrupt:
            self.stop()
        self._queue.put((self._generation, text))

    def stop(self) -> None:
        """Kill the utterance being spoken and drop the queued ones."""
        with self._lock:
            self._generation += 1
        while True:
            try:
                self._queue.get_nowait()
            except queue.Empty:
                break
        with self._lock:
            if self._current is not None and self._current.poll() is None:
                self._current.kill()

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            generation, text = item
            with self._lock:
                if self._closed:
                    return
                if generation != self._generation:
                    continue  # stopped after it was queued
                try:
                    self._current = subprocess.Popen(
                        [*self._argv, "--", text], stdin=subprocess.DEVNULL,
                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                except OSError as exc:
                    log.warning("espeak-ng failed to start: %s", exc)
                    continue
                process = self._current
            process.wait()

    def close(self) -> None:
        """Stop speaking and end the worker (idempotent)."""
        if self._closed:
            return
        self.stop()
        self._closed = True
        self._queue.put(None)
        self._thread.join(timeout=2.0)

    def __enter__(self) -> EspeakSpeech:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


def synthesize_wav(text: str, path: str | Path, *, locale: str | None = "en-US",
                   timeout_s: float = 30.0) -> Path:
    """Render `text` with espeak-ng into the WAV file `path` (a check that speech works).

    Raises:
        SpeechUnavailable: espeak-ng is not installed.
        subprocess.CalledProcessError: espeak-ng failed.
    """
    program = shutil.which("espeak-ng")
    if program is None:
        raise SpeechUnavailable("espeak-ng is not installed: apt-get install espeak-ng")
    out = Path(path)
    subprocess.run([program, "-v", voice_for_locale(locale), "-w", str(out), "--", text],
                   check=True, timeout=timeout_s, stdin=subprocess.DEVNULL,
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return out
