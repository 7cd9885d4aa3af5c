"""The pictures in docs/accessibility.md are the viewer-settings snapshots, byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SNAPSHOTS = ROOT / "tests/a11y/__snapshots__/test_viewer_settings"
PICTURES = {
    "default.png": "test_each_setting_in_a_snapshot[default-viewer0][default].png",
    "text_scale_1_5.png":
        "test_each_setting_in_a_snapshot[text_scale_1_5-viewer1][text_scale_1_5].png",
    "high_contrast.png":
        "test_each_setting_in_a_snapshot[high_contrast-viewer2][high_contrast].png",
    "motion_normal.png": "test_the_frame_after_a_key_press_with_and_without_reduced_motion"
                         "[motion_normal-viewer0][motion_normal].png",
    "motion_reduced.png": "test_the_frame_after_a_key_press_with_and_without_reduced_motion"
                          "[motion_reduced-viewer1][motion_reduced].png",
}


APPS = ROOT / "tests/apps/__snapshots__"
PICTURES.update({
    "settings_larger.png": str(APPS / "test_settings_viewer" / "test_a_text_size_scales_the"
                               "_running_app_and_survives_a_restart[larger].png"),
    "settings_about_normal.png": str(APPS / "test_settings_viewer" / "test_the_frame_after_a"
                                     "_scroll_key_with_and_without_reduce_motion[normal]"
                                     "[about_normal].png"),
    "settings_about_reduced.png": str(APPS / "test_settings_viewer" / "test_the_frame_after_a"
                                      "_scroll_key_with_and_without_reduce_motion[reduced]"
                                      "[about_reduced].png"),
})


@pytest.mark.parametrize("picture", sorted(PICTURES))
def test_the_docs_picture_is_the_snapshot(picture):
    doc = ROOT / "docs/images/a11y" / picture
    source = SNAPSHOTS / PICTURES[picture]   # (an absolute path stays as it is)
    assert doc.read_bytes() == source.read_bytes(), (
        f"docs/images/a11y/{picture} is stale: copy it from {source}")
    assert f"images/a11y/{picture}" in (ROOT / "docs/accessibility.md").read_text()
