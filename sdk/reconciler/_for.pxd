# The compiled build's layout of `ForInstance` and `RowInstance` (see `_instance.pxd`),
# and C types for the locals of the loops that run once per row.
import cython

from sdk.reconciler._instance cimport Instance


cdef class RowInstance(Instance):
    cdef public object _reaction, child, item, key, mounted


cdef class ForInstance(Instance):
    cdef public object _reaction, keyed_by, mounted, rows, spare_watch

    @cython.locals(row=RowInstance)
    cpdef rerender(self, rerender_rows=*)

    @cython.locals(row=RowInstance, n_old=Py_ssize_t, n_new=Py_ssize_t, start=Py_ssize_t,
                   old_end=Py_ssize_t, new_end=Py_ssize_t, i=Py_ssize_t, j=Py_ssize_t)
    cpdef list _diff(self, list items, keys)

    cpdef _swap_ends(self, list old, keys, Py_ssize_t start, Py_ssize_t end)


@cython.locals(row=RowInstance, n_rows=Py_ssize_t, shift=Py_ssize_t, last=Py_ssize_t,
               i=Py_ssize_t, j=Py_ssize_t, called=Py_ssize_t)
cpdef tuple _known_keys(list rows, list items, key_of)


@cython.locals(row=RowInstance)
cpdef bint _same_keys(list rows, keys, Py_ssize_t start, Py_ssize_t end)
