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
cdef Py_ssize_t rt_reads = 0
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


def install(rt, signal_cls, signal_py_call, computed_cls, computed_py_call):
    """Give the C read path the classes, their Python ``__call__`` and the runtime."""
    global RT, rt_reads, signal_type, signal_value, signal_call
    global computed_type, computed_state, computed_error, computed_value, computed_call
    rt_reads = _offset(type(rt), "reads")
    signal_value = _offset(signal_cls, "_value")
    computed_state = _offset(computed_cls, "_state")
    computed_error = _offset(computed_cls, "_error")
    computed_value = _offset(computed_cls, "_value")
    RT = rt
    signal_type = <PyTypeObject *>signal_cls
    signal_call = signal_py_call
    computed_type = <PyTypeObject *>computed_cls
    computed_call = computed_py_call


cdef class SignalCall:
    """The first base of ``Signal``: its ``__call__`` (see the module docstring)."""

    def __call__(self):
        cdef PyObject *value
        cdef PyObject *reads
        cdef object result
        if Py_TYPE(self) != signal_type:
            return signal_call(self)
        value = _slot(self, signal_value)
        if value == NULL:
            return signal_call(self)
        reads = _slot(RT, rt_reads)
        if reads != <PyObject *>None:
            if reads == NULL or not PyList_CheckExact(<object>reads):  # (never: a list or None)
                return signal_call(self)
        result = <object>value  # (a strong reference before anything else runs)
        if reads != <PyObject *>None:
            PyList_Append(<object>reads, self)
        return result


cdef class ComputedCall:
    """The first base of ``Computed``: its ``__call__`` (see the module docstring)."""

    def __call__(self):
        cdef PyObject *value
        cdef PyObject *reads
        cdef object result
        if (Py_TYPE(self) != computed_type
                or _slot(self, computed_state) != <PyObject *>None
                or _slot(self, computed_error) != <PyObject *>None):
            return computed_call(self)
        value = _slot(self, computed_value)
        if value == NULL:
            return computed_call(self)
        reads = _slot(RT, rt_reads)
        if reads != <PyObject *>None:
            if reads == NULL or not PyList_CheckExact(<object>reads):  # (never: a list or None)
                return computed_call(self)
        result = <object>value  # (a strong reference before anything else runs)
        if reads != <PyObject *>None:
            PyList_Append(<object>reads, self)
        return result
