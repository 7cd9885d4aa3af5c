"""Speech backends: real espeak-ng output, voices by locale, the recording backend."""

from __future__ import annotations

import wave

import numpy as np
import pytest

from sdk.a11y import (
    EspeakSpeech,
    RecordingSpeech,
    espeak_available,
    synthesize_wav,
    voice_for_locale,
)

needs_espeak = pytest.mark.skipif(not espeak_available(),
                                  reason="espeak-ng is not installed (./dev setup installs it)")


@needs_espeak
def test_espeak_synthesizes_real_speech_to_a_wav(tmp_path):
    path = synthesize_wav("Trending now, list. Dune, 3 of 12", tmp_path / "speech.wav")
    with wave.open(str(path)) as wav:
        rate, frames, width = wav.getframerate(), wav.getnframes(), wav.getsampwidth()
        samples = np.frombuffer(wav.readframes(frames), dtype=np.int16)
    assert width == 2
    assert frames / rate >= 0.3  # at least 0.3 s of audio
    # Not silent: a loud enough RMS over the whole clip, and many samples away from zero.
    rms = float(np.sqrt(np.mean(samples.astype(np.float64) ** 2)))
    assert rms > 300
    assert np.count_nonzero(np.abs(samples) > 1000) > rate * 0.05


@needs_espeak
def test_the_locale_picks_the_voice_and_speech_is_interruptible():
    with EspeakSpeech("fr_FR.UTF-8") as speech:
        assert speech.voice == "fr-fr"
        speech.speak("Bonjour, ceci est une longue phrase qui sera coupée.", interrupt=False)
        speech.speak("Au revoir", interrupt=True)
        speech.stop()


def test_voices_follow_the_locale():
    assert voice_for_locale("en_GB.UTF-8") == "en-gb"
    assert voice_for_locale("pt-BR") == "pt-br"
    assert voice_for_locale("de_AT") == "de"
    assert voice_for_locale("C") == "en-us"
    assert voice_for_locale("xx-YY") == "en-us"


def test_the_recording_backend_keeps_text_order_and_interrupts():
    speech = RecordingSpeech()
    speech.speak("one", interrupt=True)
    speech.speak("two", interrupt=False)
    speech.stop()
    assert speech.texts == ["one", "two"]
    assert [u.interrupt for u in speech.utterances] == [True, False]
    assert speech.stops == 1
