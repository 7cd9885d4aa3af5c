# cython: language_level=3
"""The compiled build's read path: ``Signal.__call__`` and ``Computed.__call__`` in C.

Only this module of ``signals`` is compiled (see ``signals/_native.py``, which
loads it, and docs/performance.md). CPython calls an instance whose class
defines ``__call__`` in Python through a slot wrapper that cannot be inlined
(about 35 ns before the body runs); a class whose ``__call__`` comes from an
extension type gets a C ``tp_call`` instead. ``Signal`` and ``Computed`` stay
plain Python classes with ``__slots__`` (their layout, weak references,
garbage collection and the rest of the engine are unchanged): they take one
of the field-less bases below first in their bases, and ``install`` removes
their Python ``__call__`` so the C one is used.

The C ``__call__`` reads the node's slots at the offsets of the classes'
member descriptors (looked up once, in ``install``) and does only the hot
case: a clean node read without an error (appending it to ``RT.reads`` when
a run is tracking). Anything else (a node that must be refreshed, a cached
error, a subclass, a slot not set yet) calls the Python ``__call__`` that
``install`` was given, so the semantics and the messages are those of the
pure-Python code.
"""

from cpython.dict cimport PyDict_GetItem
from cpython.list cimport PyList_Append, PyList_CheckExact
from cpython.object cimport PyObject, PyTypeObject

cdef extern from "Python.h":
    ctypedef struct PyMemberDef:
        Py_ssize_t offset
    ctypedef struct PyMemberDescrObject:
        PyMemberDef *d_member
    PyTypeObject *Py_TYPE(object o)

cdef extern from *:
    """
    #ifndef MARQUEE_SOURCE_SHA256
    #define MARQUEE_SOURCE_SHA256 ""
    #endif
    """
    const char *MARQUEE_SOURCE_SHA256

SOURCE_SHA256 = MARQUEE_SOURCE_SHA256.decode("ascii")
"""The sha256 of the ``.pyx`` this extension was built from (set by the build)."""

cdef object RT = None
cdef tuple EMPTY = ()
cdef Py_ssize_t rt_reads = 0, rt_observer = 0, rt_owner = 0, rt_effect = 0, rt_epoch = 0
cdef Py_ssize_t rt_batch_depth = 0, rt_in_loop = 0, rt_debug = 0, rt_thread = 0
cdef PyTypeObject *signal_type = NULL
cdef Py_ssize_t signal_value = 0
cdef object signal_call = None
cdef PyTypeObject *computed_type = NULL
cdef Py_ssize_t computed_state = 0
cdef Py_ssize_t computed_error = 0
cdef Py_ssize_t computed_value = 0
cdef object computed_call = None


cdef Py_ssize_t _offset(object cls, str name) except -1:
    """The offset of slot ``name`` in instances of ``cls``."""
    import types

    descr = getattr(cls, name)
    if type(descr) is not types.MemberDescriptorType:
        raise TypeError(f"{cls.__name__}.{name} is not a slot")
    return (<PyMemberDescrObject *>descr).d_member.offset


cdef inline PyObject *_slot(object obj, Py_ssize_t offset):
    """The slot at ``offset`` (NULL when it is not set), a borrowed reference."""
    return (<PyObject **>((<char *><PyObject *>obj) + offset))[0]


cdef int _use_runtime(object rt) except -1:
    """Take the graph's runtime and its slots' offsets (every ``install_*`` calls it)."""
    global RT, rt_reads, rt_observer, rt_owner, rt_effect, rt_epoch, rt_batch_depth
    global rt_in_loop, rt_debug, rt_thread
    rt_type = type(rt)
    rt_reads = _offset(rt_type, "reads")
    rt_observer, rt_owner = _offset(rt_type, "observer"), _offset(rt_type, "owner")
    rt_effect, rt_epoch = _offset(rt_type, "effect"), _offset(rt_type, "epoch")
    rt_batch_depth, rt_in_loop = _offset(rt_type, "batch_depth"), _offset(rt_type, "in_loop")
    rt_debug, rt_thread = _offset(rt_type, "debug"), _offset(rt_type, "thread")
    RT = rt
    return 0


def install(rt, signal_cls, signal_py_call, computed_cls, computed_py_call):
    """Give the C read path the classes, their Python ``__call__`` and the runtime."""
    global signal_type, signal_value, signal_call
    global computed_type, computed_state, computed_error, computed_value, computed_call
    _use_runtime(rt)
    signal_value = _offset(signal_cls, "_value")
    computed_state = _offset(computed_cls, "_state")
    computed_error = _offset(computed_cls, "_error")
    computed_value = _offset(computed_cls, "_value")
    signal_type = <PyTypeObject *>signal_cls
    signal_call = signal_py_call
    computed_type = <PyTypeObject *>computed_cls
    computed_call = computed_py_call


cdef inline object _serve(object node, PyObject *value, object fallback):
    """A clean read of ``node`` whose value is ``value``: the value, with ``node``
    appended to ``RT.reads`` when a run is tracking."""
    cdef PyObject *reads = _slot(RT, rt_reads)
    if reads != <PyObject *>None:
        if reads == NULL or not PyList_CheckExact(<object>reads):  # (never: a list or None)
            return fallback(node)
    result = <object>value  # (a strong reference before anything else runs)
    if reads != <PyObject *>None:
        PyList_Append(<object>reads, node)
    return result


cdef class SignalCall:
    """The first base of ``Signal``: its ``__call__`` (see the module docstring)."""

    def __call__(self):
        cdef PyObject *value
        if Py_TYPE(self) != signal_type:
            return signal_call(self)
        value = _slot(self, signal_value)
        if value == NULL:
            return signal_call(self)
        return _serve(self, value, signal_call)


cdef class ComputedCall:
    """The first base of ``Computed``: its ``__call__`` (see the module docstring)."""

    def __call__(self):
        cdef PyObject *value
        if (Py_TYPE(self) != computed_type
                or _slot(self, computed_state) != <PyObject *>None
                or _slot(self, computed_error) != <PyObject *>None):
            return computed_call(self)
        value = _slot(self, computed_value)
        if value == NULL:
            return computed_call(self)
        return _serve(self, value, computed_call)


# Binding's first run ---------------------------------------------------------------------

from cpython.ref cimport Py_INCREF, Py_XDECREF

cdef extern from "pythread.h":
    unsigned long PyThread_get_thread_ident()

cdef Py_ssize_t b_state = 0, b_owned = 0, b_context = 0, b_parent = 0, b_fn = 0
cdef Py_ssize_t b_observers = 0, b_sources = 0, b_ran_at = 0, b_value = 0
cdef object running = None, disposed = None, nothing = None
cdef object binding_py_init = None, subscribe_py = None, relink_py = None, unlink_py = None
cdef object binding_py_dispose = None, unsubscribe_py = None, binding_py_update = None


cdef inline void _set(object obj, Py_ssize_t offset, object value):
    """Set the slot at ``offset`` (the slot's old value is released)."""
    cdef PyObject **slot = <PyObject **>((<char *><PyObject *>obj) + offset)
    cdef PyObject *old = slot[0]
    Py_INCREF(value)
    slot[0] = <PyObject *>value
    Py_XDECREF(old)


cdef inline object _get(object obj, Py_ssize_t offset):
    """The slot at ``offset`` (a new reference; None when it is not set)."""
    cdef PyObject *value = _slot(obj, offset)
    return None if value == NULL else <object>value


def install_binding(rt, binding_cls, py_init, py_update, py_dispose, running_state,
                    disposed_state, unset, subscribe, unsubscribe, relink, unlink):
    """Give ``binding_init``, ``binding_update`` and ``binding_dispose`` the runtime, the
    class, its Python twins and the engine's helpers."""
    global b_state, b_owned, b_context, b_parent, b_fn, b_observers, b_sources, b_ran_at
    global b_value, running, disposed, nothing, binding_py_init, binding_py_update
    global subscribe_py, relink_py, unlink_py, binding_py_dispose, unsubscribe_py
    _use_runtime(rt)
    b_state, b_owned = _offset(binding_cls, "_state"), _offset(binding_cls, "_owned")
    b_context, b_parent = _offset(binding_cls, "_context"), _offset(binding_cls, "_parent")
    b_fn, b_observers = _offset(binding_cls, "_fn"), _offset(binding_cls, "_observers")
    b_sources, b_ran_at = _offset(binding_cls, "_sources"), _offset(binding_cls, "_ran_at")
    b_value = _offset(binding_cls, "_value")
    running, disposed, nothing = running_state, disposed_state, unset
    binding_py_init, binding_py_update, binding_py_dispose = py_init, py_update, py_dispose
    unsubscribe_py = unsubscribe
    subscribe_py, relink_py, unlink_py = subscribe, relink, unlink


cdef tuple _run_binding(self, fn):
    """A binding's run (first or later): ``fn()`` with ``self`` as the tracking observer,
    owner and effect, then its sources linked to what it read and a requeue if
    something else wrote meanwhile; returns ``(value, error)``."""
    prev_observer, prev_reads = _get(RT, rt_observer), _get(RT, rt_reads)
    prev_owner, prev_effect = _get(RT, rt_owner), _get(RT, rt_effect)
    cdef list reads = []
    _set(RT, rt_observer, self)
    _set(RT, rt_owner, self)
    _set(RT, rt_effect, self)
    _set(RT, rt_reads, reads)
    _set(self, b_state, running)
    start = _get(RT, rt_epoch)
    _set(self, b_ran_at, start)
    value = None
    error = None
    try:
        value = fn()
    except Exception as exc:
        error = exc
    finally:
        _set(RT, rt_observer, prev_observer)
        _set(RT, rt_reads, prev_reads)
        _set(RT, rt_owner, prev_owner)
        _set(RT, rt_effect, prev_effect)
        if _slot(self, b_state) == <PyObject *>running:
            _set(self, b_state, None)
            sources = _get(self, b_sources)
            if not sources and len(reads) == 1:  # (``relink``'s first run, inlined)
                _set(self, b_sources, reads)
                src = reads[0]
                observers = src._observers
                if type(observers) is list:
                    (<list>observers).append(self)
                elif type(observers) is tuple and not observers:  # (nobody observed it yet)
                    src._observers = [self]
                else:
                    subscribe_py(src, self)
            elif (reads or sources) and reads != sources:
                relink_py(self, reads)
        else:  # disposed by its own run: subscribe to nothing
            unlink_py(self)
    if _get(RT, rt_epoch) != start and _slot(self, b_state) == <PyObject *>None:
        self._requeue_if_written_by_others(start)
    return value, error


def binding_init(self, source):
    """``Binding.__init__`` in C for the usual case: on the graph's thread, inside a
    batch, no debug mode, no event loop running (so no owner ContextVar to mirror).
    Anything else runs the Python ``__init__``."""
    if (RT is None or _get(RT, rt_debug) is not False
            or _get(RT, rt_in_loop) is not False
            or not _get(RT, rt_batch_depth)
            or _get(RT, rt_thread) != PyThread_get_thread_ident()):
        return binding_py_init(self, source)
    _set(self, b_owned, None)
    _set(self, b_context, None)
    _set(self, b_parent, None)
    _set(self, b_fn, source)
    _set(self, b_observers, None)
    _set(self, b_sources, ())
    _set(self, b_value, nothing)
    value, error = _run_binding(self, source)
    if _slot(self, b_state) == <PyObject *>disposed:
        return  # disposed by its own run: nothing to hand over
    if error is not None:
        self.failed(error)
        return
    try:
        self.changed(value, None)
    except Exception as exc:
        self.failed(exc)
        return
    _set(self, b_value, value)


cdef inline bint _same(a, b):
    """``_binding._same_value``: the same type and equal (a failing ``==`` is not equal)."""
    if type(a) is not type(b):
        return False
    try:
        return bool(a == b)
    except Exception:
        return False


def binding_update(self):
    """``Binding._update`` (a run after the first) in C for the usual case: nothing
    owned, no event loop running. Anything else runs the Python ``_update``."""
    if _slot(self, b_owned) != <PyObject *>None or _get(RT, rt_in_loop) is not False:
        return binding_py_update(self)
    value, error = _run_binding(self, _get(self, b_fn))
    if _slot(self, b_state) == <PyObject *>disposed:
        return
    if error is not None:
        self.failed(error)
        return
    previous = _get(self, b_value)
    if previous is nothing:
        previous = None
    elif value is previous or _same(value, previous):
        return
    try:
        self.changed(value, previous)
    except Exception as exc:
        self.failed(exc)
        return
    _set(self, b_value, value)


def binding_dispose(self):
    """``Binding.dispose`` in C for the usual case: nothing owned, not running, one
    source or none. Anything else runs the Python ``dispose``."""
    cdef PyObject *state = _slot(self, b_state)
    if (_slot(self, b_owned) != <PyObject *>None or state == NULL
            or state == <PyObject *>running or state == <PyObject *>disposed):
        return binding_py_dispose(self)
    sources = _get(self, b_sources)
    if type(sources) is list and len(<list>sources) > 1:
        return binding_py_dispose(self)
    _set(self, b_state, disposed)
    _set(self, b_sources, ())
    if sources:
        src = sources[0]
        observers = src._observers
        if type(observers) is list and observers and (<list>observers)[-1] is self:
            (<list>observers).pop()
        else:
            unsubscribe_py(src, self)
    _set(self, b_fn, None)  # release the closure and what it captured


# Reaction.track ---------------------------------------------------------------------------

cdef Py_ssize_t r_state = 0, r_sources = 0, r_ran_at = 0
cdef object reaction_py_track = None


def install_reaction(rt, reaction_cls, py_track, running_state, disposed_state, relink, unlink):
    """Give ``reaction_track`` the runtime, the class, its Python ``track`` and the
    engine's helpers."""
    global running, disposed, relink_py, unlink_py, r_state, r_sources, r_ran_at
    global reaction_py_track
    _use_runtime(rt)
    r_state, r_sources = _offset(reaction_cls, "_state"), _offset(reaction_cls, "_sources")
    r_ran_at = _offset(reaction_cls, "_ran_at")
    running, disposed, relink_py, unlink_py = running_state, disposed_state, relink, unlink
    reaction_py_track = py_track


def reaction_track(self, fn, *args):
    """``Reaction.track`` in C: the same save, run, restore and relink."""
    if _slot(self, r_sources) == NULL:  # (never: set by __init__)
        return reaction_py_track(self, fn, *args)
    prev, prev_reads = _get(RT, rt_observer), _get(RT, rt_reads)
    cdef list reads = []
    _set(RT, rt_observer, self)
    _set(RT, rt_reads, reads)
    _set(self, r_state, running)
    _set(self, r_ran_at, _get(RT, rt_epoch))
    try:
        return fn(*args)
    finally:
        _set(RT, rt_observer, prev)
        _set(RT, rt_reads, prev_reads)
        sources = _get(self, r_sources)
        if reads != sources and (reads or sources):  # ([] vs (): the same)
            relink_py(self, reads)
        if _slot(self, r_state) == <PyObject *>running:
            _set(self, r_state, None)
        elif _slot(self, r_state) == <PyObject *>disposed:
            unlink_py(self)  # disposed by its own run: stay subscribed to nothing


# selector's is_selected --------------------------------------------------------------------

cdef Py_ssize_t s_observers = 0, s_version = 0, s_writer = 0, s_state = 0, s_equals = 0
cdef Py_ssize_t e_state = 0
cdef object selector_signal_cls = None


def install_selector(rt, signal_cls, effect_cls):
    """Give ``SelectorRead`` the runtime, ``Signal``'s slots and ``Effect``'s state slot."""
    global signal_value, s_observers, s_version, s_writer, s_state, s_equals, e_state
    global selector_signal_cls
    _use_runtime(rt)
    signal_value, s_observers = _offset(signal_cls, "_value"), _offset(signal_cls, "_observers")
    s_version, s_writer = _offset(signal_cls, "_version"), _offset(signal_cls, "_writer")
    s_state, s_equals = _offset(signal_cls, "_state"), _offset(signal_cls, "_equals")
    e_state = _offset(effect_cls, "_state")
    selector_signal_cls = signal_cls


cdef class SelectorRead:
    """``selector``'s ``is_selected(key)`` in C: the same table of per-key signals,
    read the same way. A stale watcher, debug mode or a table due for a sweep
    take the Python function (``py_read``), which does everything itself."""

    cdef dict keys
    cdef list current, sweep_at
    cdef object watcher
    cdef readonly object py_read

    def __init__(self, dict keys, list current, list sweep_at, watcher, py_read):
        self.keys, self.current, self.sweep_at = keys, current, sweep_at
        self.watcher, self.py_read = watcher, py_read

    def __call__(self, key):
        cdef PyObject *found
        cdef PyObject *value
        if _slot(self.watcher, e_state) != <PyObject *>None \
                or _get(RT, rt_debug) is not False:
            return self.py_read(key)
        found = PyDict_GetItem(self.keys, key)
        if found == NULL:
            if len(self.keys) >= <Py_ssize_t>self.sweep_at[0]:
                return self.py_read(key)
            sig = (<PyTypeObject *>selector_signal_cls).tp_new(selector_signal_cls, <PyObject *>EMPTY,
                                                              NULL)
            _set(sig, signal_value, bool(self.current) and self.current[0] == key)
            _set(sig, s_observers, EMPTY)
            _set(sig, s_version, 0)
            _set(sig, s_writer, None)
            _set(sig, s_state, None)
            _set(sig, s_equals, None)
            self.keys[key] = sig
        else:
            sig = <object>found
        value = _slot(sig, signal_value)
        if value == NULL or Py_TYPE(sig) != signal_type:
            return sig()
        return _serve(sig, value, signal_call)
