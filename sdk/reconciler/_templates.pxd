# The compiled build's layout of the template classes (see `_instance.pxd`), and the
# row path's calls typed (C calls, C field reads).
import cython

from sdk.reconciler._host cimport HostInstance
from sdk.reconciler._scene cimport Scene


cdef class _Template:
    cdef public object baked, id, kinds, parents, size, spec

    cpdef match(self, element, list flat, list extras)

cdef class Templates:
    cdef public object _scene, _seen, _defined, _last_row, _next_id, instantiations
    cdef object __weakref__

    @cython.locals(last=_Template, template=_Template)
    cpdef mount(self, HostInstance root, before)


@cython.locals(scene=Scene)
cpdef _instantiate(Templates templates, _Template template, list flat, extras, HostInstance root,
                   before)


@cython.locals(offset=Py_ssize_t)
cpdef _lazy_copy(Scene scene, _Template template, HostInstance root, base, list extras)
