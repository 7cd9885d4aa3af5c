# The compiled build's layout of `NodeIds` (see `_instance.pxd`).
cdef class NodeIds:
    cdef public object _blocks, _free, _next, _quarantine, batches
