# The compiled build's layout of `ForInstance` and `RowInstance` (see `_instance.pxd`),
# and C types for the locals of the loops that run once per row.
import cython

from sdk.reconciler._instance cimport Instance


cdef class ForInstance


cdef class _RowWatch:
    cdef public object reaction, row


cdef class RowInstance(Instance):
    cdef public object _reaction, item, key, mounted
    cdef public Instance child
    cdef public Py_ssize_t lent

    @cython.locals(child=Instance)
    cpdef mount(self, before)
    cpdef unmount(self, detach)
    cpdef first_host(self)
    @cython.locals(parent=ForInstance, watch=_RowWatch)
    cpdef _render(self)


cdef class ForInstance(Instance):
    cdef public object _reaction, key_index, keyed_by, mounted, rows, spare_watch
    cdef public Py_ssize_t _stamp

    cpdef _RowWatch take_watch(self)
    cpdef mount(self, before)
    @cython.locals(row=RowInstance)
    cpdef unmount(self, detach)
    @cython.locals(row=RowInstance)
    cpdef first_host(self)

    @cython.locals(row=RowInstance, i=Py_ssize_t, items=list, rows=list)
    cpdef rerender(self, rerender_rows=*)

    @cython.locals(row=RowInstance, n_old=Py_ssize_t, n_new=Py_ssize_t, start=Py_ssize_t,
                   old_end=Py_ssize_t, new_end=Py_ssize_t, i=Py_ssize_t, j=Py_ssize_t)
    cpdef list _diff(self, list items, list keys)

    @cython.locals(first=RowInstance, last=RowInstance)
    cpdef _swap_ends(self, list old, list keys, Py_ssize_t start, Py_ssize_t end)

    @cython.locals(row=RowInstance, i=Py_ssize_t)
    cpdef list _remove_range(self, list old, Py_ssize_t start, Py_ssize_t end)

    @cython.locals(row=RowInstance, j=Py_ssize_t)
    cpdef _anchor(self, list result, Py_ssize_t index)


@cython.locals(row=RowInstance, n_rows=Py_ssize_t, shift=Py_ssize_t, last=Py_ssize_t,
               i=Py_ssize_t, j=Py_ssize_t)
cpdef tuple _known_keys(list rows, list items, key_of, Py_ssize_t stamp)


@cython.locals(row=RowInstance, i=Py_ssize_t)
cpdef bint _same_keys(list rows, list keys, Py_ssize_t start, Py_ssize_t end)


@cython.locals(row=RowInstance, i=Py_ssize_t)
cpdef bint _shows_any(list rows, Py_ssize_t start, Py_ssize_t end)


@cython.locals(row=RowInstance)
cpdef _first_node(list placed, fallback)
