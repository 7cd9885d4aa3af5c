# The compiled build's layout of `NodeIds` (see `_instance.pxd`).
cdef class NodeIds:
    cdef public object _blocks, _free, _next, _quarantine, _unsorted, batches

    # (C calls from the compiled row path)
    cpdef alloc(self)
    cpdef alloc_block(self, size)
    cpdef free(self, node)
    cpdef free_block(self, base, size)
