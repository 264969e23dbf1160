/* craft.io._pcapscan: which records of a classic pcap file a BPF program
 * keeps, on both cores (issue 13: `craft read FILE FILTER`, where a packet
 * the filter drops should cost almost nothing).
 *
 * kept(buffer, start, limit, swapped, snaplen, maxcap, bpf_filter, insns, jobs)
 *   -> (offsets, end, records)
 *
 * buffer: the file's bytes (an mmap); start: the offset of the first record;
 * limit: the records that start before it (the caller maps a window at a
 * time, so memory stays flat with the file's length);
 * swapped: the file's byte order is not this machine's; snaplen: the file's,
 * to which a longer record is cut as libpcap cuts it (and craft.io.pcap);
 * maxcap: a record claiming more is damage; bpf_filter: the address of
 * libpcap's bpf_filter() (craft.io.bpf loads libpcap: the program runs in
 * libpcap's own interpreter, as tcpdump's does); insns: the program, as
 * struct bpf_insn in memory; jobs: threads (1 or 2).
 *
 * Returns the offsets of the records the program keeps, in file order, the
 * offset where the walk stopped (at or past limit; else the buffer's length,
 * or the first record cut short or damaged: the caller's reader then
 * reports it) and how many records it walked.
 *
 * The walk over record headers is one pass (a few ms for a million
 * records); the filter runs without the GIL, each thread over half of the
 * records. Documented in docs/architecture.md ("Compiled printers").
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct bpf_insn { /* as libpcap's pcap/bpf.h */
    uint16_t code;
    uint8_t jt;
    uint8_t jf;
    uint32_t k;
};

typedef unsigned int (*bpf_filter_fn)(const struct bpf_insn *, const unsigned char *,
                                      unsigned int, unsigned int);

typedef struct {
    const unsigned char *buf;
    const Py_ssize_t *recs; /* record offsets */
    Py_ssize_t first, last; /* this part's records: recs[first..last) */
    unsigned char *keep;
    const struct bpf_insn *insns;
    bpf_filter_fn run;
    int swapped;
    uint32_t snaplen;
} part_t;

static inline uint32_t field(const unsigned char *p, int swapped) {
    uint32_t v;
    memcpy(&v, p, 4);
    return swapped ? __builtin_bswap32(v) : v;
}

static void *filter_part(void *arg) {
    part_t *t = (part_t *)arg;
    for (Py_ssize_t i = t->first; i < t->last; i++) {
        const unsigned char *h = t->buf + t->recs[i];
        uint32_t caplen = field(h + 8, t->swapped), wirelen = field(h + 12, t->swapped);
        if (caplen > t->snaplen)
            caplen = t->snaplen;
        t->keep[i] = t->run(t->insns, h + 16, wirelen, caplen) != 0;
    }
    return NULL;
}

static PyObject *kept(PyObject *Py_UNUSED(self), PyObject *args) {
    Py_buffer file, prog;
    Py_ssize_t start, limit;
    int swapped, jobs;
    unsigned int snaplen, maxcap;
    unsigned long long fn;
    if (!PyArg_ParseTuple(args, "y*nnpIIKy*i", &file, &start, &limit, &swapped, &snaplen, &maxcap,
                          &fn, &prog, &jobs))
        return NULL;
    PyObject *result = NULL;
    Py_ssize_t *recs = NULL;
    unsigned char *keep = NULL;
    const unsigned char *buf = file.buf;
    Py_ssize_t len = file.len, n = 0, cap = 1024, pos = start;
    int oom = 0;
    if (prog.len % sizeof(struct bpf_insn) || prog.len == 0 || fn == 0 || start < 0) {
        PyErr_SetString(PyExc_ValueError, "kept: a BPF program and bpf_filter's address");
        goto done;
    }
    recs = malloc(cap * sizeof *recs);
    if (recs == NULL)
        goto nomem;
    Py_BEGIN_ALLOW_THREADS
    while (pos < limit && len - pos >= 16) { /* the record headers, to the first damage */
        uint32_t caplen = field(buf + pos + 8, swapped);
        if (caplen > maxcap || (Py_ssize_t)caplen > len - pos - 16)
            break;
        if (n == cap) {
            Py_ssize_t *more = realloc(recs, 2 * cap * sizeof *recs);
            if (more == NULL) {
                oom = 1;
                break;
            }
            recs = more;
            cap *= 2;
        }
        recs[n++] = pos;
        pos += 16 + (Py_ssize_t)caplen;
    }
    Py_END_ALLOW_THREADS
    if (oom)
        goto nomem;
    keep = calloc(n ? n : 1, 1);
    if (keep == NULL)
        goto nomem;
    part_t parts[2];
    int nparts = (jobs >= 2 && n >= 20000) ? 2 : 1;
    for (int i = 0; i < nparts; i++) {
        parts[i] = (part_t){buf, recs, n * i / nparts, n * (i + 1) / nparts, keep,
                            (const struct bpf_insn *)prog.buf, (bpf_filter_fn)(uintptr_t)fn,
                            swapped, snaplen};
    }
    Py_BEGIN_ALLOW_THREADS
    pthread_t other;
    int threaded = nparts == 2 && pthread_create(&other, NULL, filter_part, &parts[1]) == 0;
    filter_part(&parts[0]);
    if (threaded)
        pthread_join(other, NULL);
    else if (nparts == 2)
        filter_part(&parts[1]);
    Py_END_ALLOW_THREADS
    PyObject *offsets = PyList_New(0);
    if (offsets == NULL)
        goto done;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (!keep[i])
            continue;
        PyObject *o = PyLong_FromSsize_t(recs[i]);
        if (o == NULL || PyList_Append(offsets, o) < 0) {
            Py_XDECREF(o);
            Py_DECREF(offsets);
            goto done;
        }
        Py_DECREF(o);
    }
    result = Py_BuildValue("Nnn", offsets, pos, n);
    goto done;
nomem:
    PyErr_NoMemory();
done:
    free(recs);
    free(keep);
    PyBuffer_Release(&file);
    PyBuffer_Release(&prog);
    return result;
}

static PyMethodDef methods[] = {
    {"kept", kept, METH_VARARGS,
     "kept(buffer, start, limit, swapped, snaplen, maxcap, bpf_filter, insns, jobs)"
     " -> (offsets, end, records)"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_pcapscan",
                                    "The records of a classic pcap a BPF program keeps.", -1,
                                    methods, NULL, NULL, NULL, NULL};

PyMODINIT_FUNC PyInit__pcapscan(void) { return PyModule_Create(&module); }
