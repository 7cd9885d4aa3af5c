"""Roles and states (protocol 3): every widget's node says what it is and what state it is in,
the engine and the scene double agree, and wrong names are clear errors."""

from __future__ import annotations

import pytest
from components_kit import Stage

from apps.gallery.kit import EXAMPLES
from components import View
from renderer import CommandBuffer, ProtocolError, Renderer
from renderer.lowlevel import ENUM_NAMES, STATE_NAMES, structure_only_dump
from sdk import ComponentError, HostPropError, SceneRoot

# The dialog focuses its default action at once: focus (and the focused style) is the
# engine's alone, the double has no focus model.
# The dialog and the settings page focus a node as they mount (the double would not).
AT_REST = [e for e in EXAMPLES if e.name not in ("dialog", "settings")]


@pytest.mark.parametrize("example", AT_REST, ids=[e.name for e in AT_REST])
def test_the_engine_and_the_scene_double_print_the_same_roles_and_states(example):
    stage = Stage(example.build())
    try:
        assert structure_only_dump(stage.dump()) == stage.double.dump()
    finally:
        stage.close()


def test_every_role_and_state_name_reaches_the_dump():
    roles = ENUM_NAMES[80][1:]
    page = View(*(View(role=role, states=STATE_NAMES, key=role) for role in roles))
    stage = Stage(page)
    try:
        dump = stage.dump()
        for role in roles:
            assert f" role={role} checked selected expanded busy invalid secret" in dump
    finally:
        stage.close()


BAD = (HostPropError, ComponentError)


def test_unknown_role_and_state_names_are_errors_naming_the_choices():
    with pytest.raises(BAD, match=r"role='toggle': unknown role 'toggle' \(roles: none, .*switch"):
        SceneRoot(View(role="toggle")).flush()
    with pytest.raises(BAD, match=r"unknown role 'buton'; did you mean 'button'\?"):
        SceneRoot(View(role="buton")).flush()
    with pytest.raises(BAD, match=r"unknown state 'chekced'; did you mean 'checked'\?"):
        SceneRoot(View(states={"chekced"})).flush()
    with pytest.raises(BAD, match=r"disabled is not a state= value: use disabled=True"):
        SceneRoot(View(states={"disabled"})).flush()
    with pytest.raises(BAD, match=r"unknown state 'on'; states: 'checked'"):
        SceneRoot(View(states={"on"})).flush()
    with pytest.raises(BAD, match=r"a set of state names like \{'checked'\}"):
        SceneRoot(View(states="checked")).flush()


def test_aria_spellings_of_roles_are_accepted():
    stage = Stage(View(View(role="progressbar", key="p"), View(role="img", key="i")))
    try:
        dump = stage.dump()
        assert " role=progress" in dump and " role=image" in dump
    finally:
        stage.close()


def test_disabled_and_busy_print_in_the_dump():
    stage = Stage(View(role="button", label="Buy", focusable=True, disabled=True,
                       states={"busy"}))
    try:
        assert ' role=button label="Buy" focusable disabled busy' in stage.dump()
    finally:
        stage.close()


def test_the_engine_rejects_a_role_or_state_bit_it_does_not_know():
    with Renderer() as engine:
        engine.apply(CommandBuffer().create(1, 0))
        for prop, value, text in ((80, 27, "role is out of range (U8(27))"),
                                  (95, 64, "states is out of range (U8(64))")):
            batch = bytearray(CommandBuffer().set_prop(1, 1, 0).getvalue())
            batch[-3:-1] = prop.to_bytes(2, "little")     # a raw SET_PROP past the encoder's check
            batch[-1] = value
            with pytest.raises(ProtocolError, match=text.replace("(", r"\(").replace(")", r"\)")):
                engine.apply(bytes(batch))
