"""The renderer package's exceptions.

`RendererError` is the root. A rejected batch (`ProtocolError`) is the
caller's bug and leaves the scene unchanged; a crash (`RendererCrashed`) kills
the instance, and the owner must create a new `Renderer` and replay the scene.
"""

from __future__ import annotations

from ._protocol import ErrorCode, opcode_name


class RendererError(Exception):
    """Base class of every error raised by `renderer`."""


class ProtocolVersionError(RendererError):
    """The Wasm module speaks a protocol version this host does not."""

    def __init__(self, module_version: int, host_version: int, path: str = "") -> None:
        self.module_version = module_version
        self.host_version = host_version
        where = f" ({path})" if path else ""
        super().__init__(
            f"renderer module{where} speaks protocol version {module_version}, "
            f"but this host speaks version {host_version}; rebuild the module "
            "(`python -m renderer._build`) or update the host so both match"
        )


class ProtocolError(RendererError):
    """The engine rejected a command batch; nothing in it was applied.

    Attributes:
        command_index: index of the offending command within the batch.
        opcode: its opcode byte.
        opcode_name: the opcode's protocol name (`INSERT`, ...).
        code: the `ErrorCode` (or a plain int for a code this host does not know).
        message: the engine's own explanation.
    """

    def __init__(self, command_index: int, opcode: int, code: int, message: str) -> None:
        self.command_index = command_index
        self.opcode = opcode
        self.opcode_name = opcode_name(opcode)
        try:
            self.code: ErrorCode | int = ErrorCode(code)
        except ValueError:
            self.code = code
        self.message = message
        code_name = self.code.name if isinstance(self.code, ErrorCode) else str(code)
        super().__init__(f"batch rejected ({code_name}), scene unchanged: {message}")


class RendererCrashed(RendererError):
    """The Wasm instance trapped (panic, watchdog, memory); it is dead.

    Attributes:
        panic_message: the message the engine's panic hook forwarded, if any.
        wasm_backtrace: wasmtime's description of the trap with its backtrace.
    """

    def __init__(self, message: str, panic_message: str | None = None,
                 wasm_backtrace: str = "", reason: str = "") -> None:
        self.panic_message = panic_message
        self.wasm_backtrace = wasm_backtrace
        self.reason = reason or message
        """What happened, without the advice (`renderer panicked: ...`)."""
        super().__init__(message)


class RendererOutOfMemory(RendererCrashed):
    """The Wasm instance trapped because its linear memory could not grow.

    The engine notes the failed allocation before the trap (PROTOCOL.md
    section 1, `oom_record`); without that, the trap reads as `unreachable`.

    Attributes:
        failed_bytes: size of the allocation that failed.
        nodes: nodes alive in the engine when it failed.
        node_limit: the engine's node budget (`MAX_NODES`).
        memory_size: linear memory size at the trap, in bytes.
        memory_limit: the store's cap on linear memory, in bytes.
    """

    def __init__(self, message: str, *, failed_bytes: int, nodes: int, node_limit: int,
                 memory_size: int, memory_limit: int, wasm_backtrace: str = "",
                 reason: str = "") -> None:
        self.failed_bytes = failed_bytes
        self.nodes = nodes
        self.node_limit = node_limit
        self.memory_size = memory_size
        self.memory_limit = memory_limit
        super().__init__(message, None, wasm_backtrace, reason)


class RendererClosed(RendererError):
    """A call was made on a `Renderer` after `close()`."""
