# The compiled build's layout of `Scene` (see `_instance.pxd`).
cdef class Scene:
    cdef public object _create, buf, ids, strings, images, nodes, templates, _dirty, _dirty_set
    cdef public object _order, after_commit, errors, rendering, focused, reduced_motion, live
    cdef public object _keys, _animation_waiters
    cdef object __weakref__
