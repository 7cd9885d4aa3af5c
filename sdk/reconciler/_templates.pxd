# The compiled build's layout of the template classes (see `_instance.pxd`).
cdef class _Template:
    cdef public object baked, id, kinds, parents, size, spec

cdef class Templates:
    cdef public object _scene, _seen, _defined, _last_row, _next_id, instantiations
    cdef object __weakref__
