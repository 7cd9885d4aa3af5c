"""`SceneDouble` on hand-written scripts, checked against the engine where it is built.

The fuzz tests compare the two on random batches; these pin down the cases a
reader would ask about: state overrides, templates, released images and
strings, number formatting, detached nodes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from renderer._commands import CommandBuffer
from renderer._errors import ProtocolError
from renderer._protocol import ErrorCode, Kind, Prop, State
from renderer._renderer import Renderer
from renderer._scene_double import SceneDouble, num


def script_state_overrides() -> CommandBuffer:
    return (CommandBuffer().create(1).set_root(1)
            .set_state_props(1, State.DISABLED, {Prop.BACKGROUND: "#ff0000", Prop.OPACITY: 0.5})
            .set_prop(1, Prop.DISABLED, 1)
            .set_prop(1, Prop.BACKGROUND, "#00ff00"))


def script_template() -> CommandBuffer:
    body = (CommandBuffer().create(1).create(2, Kind.TEXT).create(3, Kind.IMAGE)
            .insert(1, 2).insert(1, 3, before=2).set_text(2, 1)
            .set_props(1, {Prop.WIDTH: "50%", Prop.LABEL: 1}).set_prop(3, Prop.IMAGE, 4))
    return (CommandBuffer().define_string(1, "Poster").define_image(4, 300, 450)
            .define_template(1, 3, body).release_string(1)
            .create(10).set_root(10).instantiate(1, 100).instantiate(1, 200)
            .insert(10, 100).insert(10, 200))


def script_release_image() -> CommandBuffer:
    return (CommandBuffer().define_image(4, 0, 0).create(1, Kind.IMAGE).set_prop(1, Prop.IMAGE, 4)
            .set_prop(1, Prop.IMAGE_FIT, 2).release_image(4))


def script_numbers() -> CommandBuffer:
    return (CommandBuffer().create(1)
            .set_props(1, {Prop.WIDTH: "33.335%", Prop.TRANSLATE_X: -0.005,
                           Prop.TRANSLATE_Y: 1e20, Prop.ROTATE: 2.675, Prop.Z_INDEX: -7}))


SCRIPTS = {
    "state overrides": script_state_overrides,
    "template": script_template,
    "release image": script_release_image,
    "numbers": script_numbers,
}


def test_disabled_state_overrides_apply_and_base_writes_wait_underneath() -> None:
    double = SceneDouble()
    double.apply(script_state_overrides())
    assert double.dump() == "#1 view bg=#ff0000ff opacity=0.5 disabled\n"
    double.apply(CommandBuffer().set_prop(1, Prop.DISABLED, 0))
    assert double.dump() == "#1 view bg=#00ff00ff\n"


def test_template_instances_keep_text_resolved_at_definition() -> None:
    double = SceneDouble()
    double.apply(script_template())
    assert double.dump() == (
        '#10 view\n'
        '  #100 view width=50% label="Poster"\n'
        '    #102 image image=4\n'
        '    #101 text "Poster" font=0 size=32 color=#ffffffff\n'
        '  #200 view width=50% label="Poster"\n'
        '    #202 image image=4\n'
        '    #201 text "Poster" font=0 size=32 color=#ffffffff\n'
    )


def test_releasing_an_image_clears_it_from_the_nodes_showing_it() -> None:
    double = SceneDouble()
    double.apply(script_release_image())
    assert double.dump() == "detached:\n  #1 image fit=fill\n"


def test_a_rejected_batch_leaves_the_double_unchanged() -> None:
    double = SceneDouble()
    double.apply(CommandBuffer().create(1))
    with pytest.raises(ProtocolError) as caught:
        double.apply(CommandBuffer().create(2).insert(1, 2).create(2))
    assert (caught.value.command_index, caught.value.code) == (2, ErrorCode.DUPLICATE_NODE)
    assert caught.value.message == "command 2 (CREATE): node 2 already exists"
    assert double.node_ids() == [1] and double.batches_applied == 1


def test_numbers_print_like_the_engine() -> None:
    assert [num(v) for v in (48.0, 0.5, -3.25, 0.004, -0.004, 2.675, 1e20)] == [
        "48", "0.5", "-3.25", "0", "0", "2.68", "100000000000000000000"]


@pytest.mark.parametrize("name", sorted(SCRIPTS))
def test_the_engine_dumps_the_same_structure(engine_path: Path, name: str) -> None:
    batch = SCRIPTS[name]()
    double = SceneDouble()
    double.apply(batch)
    with Renderer(engine_path) as renderer:
        renderer.apply(batch)
        assert renderer.dump(structure_only=True) == double.dump()
