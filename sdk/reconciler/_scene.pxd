# The compiled build's layout of `Scene` (see `_instance.pxd`).
from renderer._commands cimport CommandBuffer as _Buffer
from sdk.reconciler._ids cimport NodeIds


cdef class Scene:
    cdef public _Buffer buf
    cdef public NodeIds ids
    cdef public object _create, strings, images, nodes, templates, _dirty, _dirty_set
    cdef public object _order, after_commit, errors, rendering, focused, reduced_motion, live
    cdef public object _keys, _animation_waiters
    cdef object __weakref__

    # (C calls from the compiled row path)
    cpdef send_props(self, node, pairs)
    cpdef send_text(self, node, text)
