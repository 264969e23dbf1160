/* craft.io._pcapscan: which records of a classic pcap file a BPF program
 * keeps, found in the background on both cores (issue 13: `craft read FILE
 * FILTER`, where a packet the filter drops should cost almost nothing).
 *
 * Scan(buffer, start, swapped, snaplen, maxcap, bpf_filter, insns, jobs, window)
 *
 * buffer: the file's bytes (an mmap, page-aligned); start: the offset of the
 * first record; swapped: the file's byte order is not this machine's;
 * snaplen: the file's, to which a longer record is cut as libpcap cuts it
 * (and craft.io.pcap); maxcap: a record claiming more is damage;
 * bpf_filter: the address of libpcap's bpf_filter() (craft.io.bpf loads
 * libpcap: the program runs in libpcap's own interpreter, as tcpdump's
 * does); insns: the program, as struct bpf_insn in memory; jobs: threads
 * (1 or 2); window: bytes of the file scanned at a time.
 *
 * Making a Scan starts a thread that goes through the file a window at a
 * time: it reads the window in at once (MADV_POPULATE_READ: a page fault
 * per 4 KiB costs the scan twice as much), walks its record headers, runs
 * the filter over them (in two threads, each over half of the records,
 * when Python is waiting for it: else Python uses the other core),
 * publishes the offsets of the records kept and lets the window's pages go
 * (MADV_DONTNEED: memory stays flat with the file's length). The thread
 * never takes the GIL, so Python goes on meanwhile: importing the printers,
 * printing the records already found.
 *
 * wait(have, block=True) -> (offsets, walked, end, done): blocks until more
 * than `have` records are known to be kept or the scan is done (with block
 * false: returns at once, with what is known); offsets: those after
 * the first `have`, in file order; walked: the records walked so far; end:
 * where the walk is (when done: the buffer's length, or the first record
 * cut short or damaged: the caller's reader then reports it).
 * close(): stops the scan and lets the buffer go (also when deallocated).
 *
 * Documented in docs/architecture.md ("Compiled printers").
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#ifndef MADV_POPULATE_READ
#define MADV_POPULATE_READ 22 /* Linux 5.14; older kernels refuse it and fault page by page */
#endif

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

typedef struct {
    PyObject_HEAD
    Py_buffer file, prog; /* held until close() */
    int held;
    Py_ssize_t start, window;
    int swapped, jobs;
    uint32_t snaplen, maxcap;
    bpf_filter_fn run;
    pthread_t thread;
    int running; /* the thread was started and not joined */
    pthread_mutex_t lock;
    pthread_cond_t more;
    /* guarded by lock */
    Py_ssize_t *kept, nkept, capkept;
    Py_ssize_t walked, end;
    int done, failed, stop;
    int waiting; /* Python waits in wait(): a second thread may filter */
} ScanObject;

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

/* madvise the pages of base[from..to); MADV_DONTNEED keeps the page of to
 * (the next window's first record starts there). */
static void advise(const unsigned char *base, Py_ssize_t from, Py_ssize_t to, int how) {
    Py_ssize_t page = sysconf(_SC_PAGESIZE);
    from = from / page * page;
    if (how == MADV_DONTNEED)
        to = to / page * page;
    if (to > from)
        (void)madvise((void *)(base + from), (size_t)(to - from), how);
}

/* Grow *arr (of *cap entries) to hold at least need; 0 when out of memory. */
static int reserve(Py_ssize_t **arr, Py_ssize_t *cap, Py_ssize_t need) {
    if (need <= *cap)
        return 1;
    Py_ssize_t n = *cap ? *cap : 1024;
    while (n < need)
        n *= 2;
    Py_ssize_t *more = realloc(*arr, (size_t)n * sizeof **arr);
    if (more == NULL)
        return 0;
    *arr = more;
    *cap = n;
    return 1;
}

static void *scan_file(void *arg) {
    ScanObject *s = (ScanObject *)arg;
    const unsigned char *buf = s->file.buf;
    Py_ssize_t len = s->file.len, pos = s->start, capr = 0;
    Py_ssize_t *recs = NULL;
    unsigned char *keep = NULL;
    int failed = 0;
    while (pos < len) {
        pthread_mutex_lock(&s->lock);
        int stop = s->stop;
        pthread_mutex_unlock(&s->lock);
        if (stop)
            break;
        Py_ssize_t first = pos, limit = len - pos > s->window ? pos + s->window : len, n = 0;
        Py_ssize_t reach = len - limit > (Py_ssize_t)s->maxcap + 16 ? limit + s->maxcap + 16 : len;
        advise(buf, first, reach, MADV_POPULATE_READ);
        while (pos < limit && len - pos >= 16) { /* the record headers, to the first damage */
            uint32_t caplen = field(buf + pos + 8, s->swapped);
            if (caplen > s->maxcap || (Py_ssize_t)caplen > len - pos - 16)
                break;
            if (!reserve(&recs, &capr, n + 1)) {
                failed = 1;
                break;
            }
            recs[n++] = pos;
            pos += 16 + (Py_ssize_t)caplen;
        }
        unsigned char *k = failed ? NULL : realloc(keep, n ? (size_t)n : 1);
        if (k == NULL) {
            failed = 1;
            break;
        }
        keep = k;
        pthread_mutex_lock(&s->lock);
        int idle = s->waiting;
        pthread_mutex_unlock(&s->lock);
        part_t parts[2];
        int nparts = (s->jobs >= 2 && n >= 20000 && idle) ? 2 : 1;
        for (int i = 0; i < nparts; i++)
            parts[i] = (part_t){buf, recs, n * i / nparts, n * (i + 1) / nparts, keep,
                                (const struct bpf_insn *)s->prog.buf, s->run, s->swapped,
                                s->snaplen};
        pthread_t other;
        int threaded = nparts == 2 && pthread_create(&other, NULL, filter_part, &parts[1]) == 0;
        filter_part(&parts[0]);
        if (threaded)
            pthread_join(other, NULL);
        else if (nparts == 2)
            filter_part(&parts[1]);
        pthread_mutex_lock(&s->lock);
        for (Py_ssize_t i = 0; i < n && !failed; i++) {
            if (keep[i]) {
                if (reserve(&s->kept, &s->capkept, s->nkept + 1))
                    s->kept[s->nkept++] = recs[i];
                else
                    failed = 1;
            }
        }
        s->walked += n;
        s->end = pos;
        pthread_cond_broadcast(&s->more);
        pthread_mutex_unlock(&s->lock);
        advise(buf, first, pos, MADV_DONTNEED);
        if (failed || pos < limit) /* the end of the file, or damage there */
            break;
    }
    free(recs);
    free(keep);
    pthread_mutex_lock(&s->lock);
    s->end = pos;
    s->failed = failed;
    s->done = 1;
    pthread_cond_broadcast(&s->more);
    pthread_mutex_unlock(&s->lock);
    return NULL;
}

/* Stop and join the thread, let the buffers go. Called with the GIL held. */
static void scan_close(ScanObject *s) {
    if (s->running) {
        pthread_mutex_lock(&s->lock);
        s->stop = 1;
        pthread_mutex_unlock(&s->lock);
        Py_BEGIN_ALLOW_THREADS
        pthread_join(s->thread, NULL);
        Py_END_ALLOW_THREADS
        s->running = 0;
    }
    if (s->held) {
        PyBuffer_Release(&s->file);
        PyBuffer_Release(&s->prog);
        s->held = 0;
    }
}

static PyObject *scan_new(PyTypeObject *type, PyObject *args, PyObject *kwds) {
    if (kwds != NULL && PyDict_GET_SIZE(kwds)) {
        PyErr_SetString(PyExc_TypeError, "Scan takes no keyword arguments");
        return NULL;
    }
    ScanObject *s = (ScanObject *)type->tp_alloc(type, 0);
    if (s == NULL)
        return NULL;
    unsigned long long fn;
    pthread_mutex_init(&s->lock, NULL);
    pthread_cond_init(&s->more, NULL);
    if (!PyArg_ParseTuple(args, "y*npIIKy*in", &s->file, &s->start, &s->swapped, &s->snaplen,
                          &s->maxcap, &fn, &s->prog, &s->jobs, &s->window)) {
        Py_DECREF(s);
        return NULL;
    }
    s->held = 1;
    s->run = (bpf_filter_fn)(uintptr_t)fn;
    s->end = s->start;
    if (s->prog.len % sizeof(struct bpf_insn) || s->prog.len == 0 || fn == 0 || s->start < 0 ||
        s->window <= 0) {
        PyErr_SetString(PyExc_ValueError, "Scan: a BPF program, bpf_filter's address, a window");
        Py_DECREF(s);
        return NULL;
    }
    int rc = pthread_create(&s->thread, NULL, scan_file, s);
    if (rc != 0) {
        errno = rc;
        PyErr_SetFromErrno(PyExc_OSError);
        Py_DECREF(s);
        return NULL;
    }
    s->running = 1;
    return (PyObject *)s;
}

static PyObject *scan_wait(ScanObject *s, PyObject *args) {
    Py_ssize_t have;
    int block = 1;
    if (!PyArg_ParseTuple(args, "n|p", &have, &block))
        return NULL;
    int ready = !block;
    while (!ready) {
        Py_BEGIN_ALLOW_THREADS
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += 50 * 1000 * 1000; /* to look at signals (Ctrl-C) now and then */
        if (until.tv_nsec >= 1000000000) {
            until.tv_sec += 1;
            until.tv_nsec -= 1000000000;
        }
        pthread_mutex_lock(&s->lock);
        s->waiting = 1;
        if (!(s->nkept > have || s->done))
            pthread_cond_timedwait(&s->more, &s->lock, &until);
        ready = s->nkept > have || s->done;
        s->waiting = 0;
        pthread_mutex_unlock(&s->lock);
        Py_END_ALLOW_THREADS
        if (!ready && PyErr_CheckSignals() < 0)
            return NULL;
    }
    pthread_mutex_lock(&s->lock);
    Py_ssize_t n = s->nkept > have ? s->nkept - have : 0;
    PyObject *offsets = PyList_New(n);
    for (Py_ssize_t i = 0; offsets != NULL && i < n; i++) {
        PyObject *o = PyLong_FromSsize_t(s->kept[have + i]);
        if (o == NULL) {
            Py_CLEAR(offsets);
            break;
        }
        PyList_SET_ITEM(offsets, i, o);
    }
    Py_ssize_t walked = s->walked, end = s->end;
    int done = s->done, failed = s->failed;
    pthread_mutex_unlock(&s->lock);
    if (offsets == NULL)
        return NULL;
    if (done && failed) {
        Py_DECREF(offsets);
        return PyErr_NoMemory();
    }
    if (done) /* the thread has ended: join it, let the buffer go */
        scan_close(s);
    return Py_BuildValue("Nnni", offsets, walked, end, done);
}

static PyObject *scan_close_method(ScanObject *s, PyObject *Py_UNUSED(ignored)) {
    scan_close(s);
    Py_RETURN_NONE;
}

static void scan_dealloc(ScanObject *s) {
    scan_close(s);
    free(s->kept);
    pthread_mutex_destroy(&s->lock);
    pthread_cond_destroy(&s->more);
    Py_TYPE(s)->tp_free((PyObject *)s);
}

static PyMethodDef scan_methods[] = {
    {"wait", (PyCFunction)scan_wait, METH_VARARGS,
     "wait(have, block=True) -> (offsets after the first have, walked, end, done)"},
    {"close", (PyCFunction)scan_close_method, METH_NOARGS, "Stop the scan, let the buffer go."},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject ScanType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "craft.io._pcapscan.Scan",
    .tp_basicsize = sizeof(ScanObject),
    .tp_dealloc = (destructor)scan_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "Scan(buffer, start, swapped, snaplen, maxcap, bpf_filter, insns, jobs, window):"
              " the records a BPF program keeps, found by a thread of its own",
    .tp_methods = scan_methods,
    .tp_new = scan_new,
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_pcapscan",
                                    "The records of a classic pcap a BPF program keeps.", -1,
                                    NULL, NULL, NULL, NULL, NULL};

PyMODINIT_FUNC PyInit__pcapscan(void) {
    if (PyType_Ready(&ScanType) < 0)
        return NULL;
    PyObject *m = PyModule_Create(&module);
    if (m == NULL)
        return NULL;
    Py_INCREF(&ScanType);
    if (PyModule_AddObject(m, "Scan", (PyObject *)&ScanType) < 0) {
        Py_DECREF(&ScanType);
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
