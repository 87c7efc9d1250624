/*
 * An LD_PRELOAD library that injects I/O faults into ferry-cli, configured by environment:
 *
 *   FERRY_FAULT      rules separated by ';'. A rule is  OPS:KEY=VALUE:KEY=VALUE...
 *                    OPS is one operation or several joined by ',':
 *                      open       open/openat (all variants)
 *                      pread      pread/pread64 (the data and checksum reads)
 *                      pwrite     pwrite/pwrite64 (the data writes)
 *                      copy_file_range, ficlone (ioctl FICLONE)
 *                      linkat     linkat/link (O_TMPFILE files are put in place with linkat)
 *                      rename     rename/renameat/renameat2
 *                      mkdir      mkdir/mkdirat
 *                      syncfs, fsync, fdatasync
 *                    KEYS:
 *                      name=N     only calls on a file whose last path component is N; for calls
 *                                 on a descriptor the name comes from /proc/self/fd. A write to a
 *                                 file that has no name yet (O_TMPFILE) matches the name of the
 *                                 file this thread opened for reading
 *                                 last: the source whose data it is.
 *                      at=B       pread/pwrite: only bytes at offset >= B are affected; a call that
 *                                 straddles B transfers the bytes before B and returns short.
 *                      errno=E    fail with E (ENOSPC, EIO, EINTR, EXDEV, ENOSYS, EOPNOTSUPP,
 *                                 EACCES, EPERM, EDQUOT, ENOENT, EINVAL, EROFS) or a number.
 *                      mode=M     fail (default), short (transfer at most half of what was asked),
 *                                 eintr (every other call on a thread fails with EINTR) or
 *                                 corrupt: pwrite, copy_file_range: the call succeeds, but the byte
 *                                 at offset B of the file written (at=B; without it, the first byte
 *                                 each call writes) is stored inverted. copy_file_range matches
 *                                 name= on its source, like its other faults.
 *                      tmpfile=1  open: only opens with O_TMPFILE.
 *                      do=A       instead of an error, do A once and let the call go on:
 *                                 grow (append 64 KiB to the file), shrink (cut it to half),
 *                                 touch (rewrite its first byte: same size, new time),
 *                                 replace (rename a new file of other content over its path),
 *                                 unlink (remove path=P), rmtree (remove the tree at path=P),
 *                                 symlink (make a link at path=P pointing to to=T).
 *                      path=P, to=T   arguments of the action.
 *                      times=K    fire at most K times (default: always; actions: once).
 *   FERRY_FAULT_LOG  a file to which one line is appended for every fault injected, so a test can
 *                    tell that its fault really happened.
 *
 * Written in C, unsanitized: it must not pull a C++ runtime or a sanitizer into the process.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>
#include <linux/fs.h>

enum {
    OP_OPEN = 1 << 0,
    OP_PREAD = 1 << 1,
    OP_PWRITE = 1 << 2,
    OP_CFR = 1 << 3,
    OP_FICLONE = 1 << 4,
    OP_LINKAT = 1 << 5,
    OP_RENAME = 1 << 6,
    OP_MKDIR = 1 << 7,
    OP_SYNCFS = 1 << 8,
    OP_FSYNC = 1 << 9,
    OP_FDATASYNC = 1 << 10,
};

enum { MODE_FAIL, MODE_SHORT, MODE_EINTR, MODE_CORRUPT };
enum { ACT_NONE, ACT_GROW, ACT_SHRINK, ACT_TOUCH, ACT_REPLACE, ACT_UNLINK, ACT_RMTREE, ACT_SYMLINK };

#define MAX_RULES 32

struct rule {
    unsigned ops;
    char name[256];
    long long at;
    int err;
    int mode;
    int tmpfileOnly;
    int action;
    char path[PATH_MAX];
    char to[PATH_MAX];
    int times; /* -1: unlimited */
    int fired;
};

static struct rule g_rules[MAX_RULES];
static int g_ruleCount;
static int g_logFd = -1;
static __thread char t_lastRead[PATH_MAX];
static __thread int t_eintrFlip;
static __thread int t_busy; /* inside an action: do not inject into our own calls */

#define REAL(name) real_##name
#define DECLARE_REAL(ret, name, ...)                                                               \
    static ret (*real_##name)(__VA_ARGS__);                                                        \
    static void load_##name(void)                                                                  \
    {                                                                                              \
        if (!real_##name)                                                                          \
            *(void **)(&real_##name) = dlsym(RTLD_NEXT, #name);                                    \
    }

DECLARE_REAL(int, open, const char *, int, ...)
DECLARE_REAL(int, open64, const char *, int, ...)
DECLARE_REAL(int, openat, int, const char *, int, ...)
DECLARE_REAL(int, openat64, int, const char *, int, ...)
DECLARE_REAL(ssize_t, pread, int, void *, size_t, off_t)
DECLARE_REAL(ssize_t, pread64, int, void *, size_t, off_t)
DECLARE_REAL(ssize_t, pwrite, int, const void *, size_t, off_t)
DECLARE_REAL(ssize_t, pwrite64, int, const void *, size_t, off_t)
DECLARE_REAL(ssize_t, copy_file_range, int, loff_t *, int, loff_t *, size_t, unsigned int)
DECLARE_REAL(int, ioctl, int, unsigned long, ...)
DECLARE_REAL(int, linkat, int, const char *, int, const char *, int)
DECLARE_REAL(int, link, const char *, const char *)
DECLARE_REAL(int, rename, const char *, const char *)
DECLARE_REAL(int, renameat, int, const char *, int, const char *)
DECLARE_REAL(int, renameat2, int, const char *, int, const char *, unsigned int)
DECLARE_REAL(int, mkdir, const char *, mode_t)
DECLARE_REAL(int, mkdirat, int, const char *, mode_t)
DECLARE_REAL(int, syncfs, int)
DECLARE_REAL(int, fsync, int)
DECLARE_REAL(int, fdatasync, int)

static int parseErrno(const char *s)
{
    static const struct { const char *name; int value; } names[] = {
        {"ENOSPC", ENOSPC}, {"EIO", EIO}, {"EINTR", EINTR}, {"EXDEV", EXDEV}, {"ENOSYS", ENOSYS},
        {"EOPNOTSUPP", EOPNOTSUPP}, {"EACCES", EACCES}, {"EPERM", EPERM}, {"EDQUOT", EDQUOT},
        {"ENOENT", ENOENT}, {"EINVAL", EINVAL}, {"EROFS", EROFS}, {"EAGAIN", EAGAIN},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; ++i) {
        if (strcmp(s, names[i].name) == 0)
            return names[i].value;
    }
    return atoi(s) > 0 ? atoi(s) : EIO;
}

static unsigned parseOps(const char *s)
{
    static const struct { const char *name; unsigned op; } names[] = {
        {"open", OP_OPEN}, {"pread", OP_PREAD}, {"read", OP_PREAD}, {"pwrite", OP_PWRITE},
        {"write", OP_PWRITE}, {"copy_file_range", OP_CFR}, {"ficlone", OP_FICLONE},
        {"linkat", OP_LINKAT}, {"link", OP_LINKAT}, {"rename", OP_RENAME}, {"mkdir", OP_MKDIR},
        {"syncfs", OP_SYNCFS}, {"fsync", OP_FSYNC}, {"fdatasync", OP_FDATASYNC},
    };
    unsigned ops = 0;
    char buf[256];
    snprintf(buf, sizeof buf, "%s", s);
    char *save = NULL;
    for (char *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        for (size_t i = 0; i < sizeof names / sizeof names[0]; ++i) {
            if (strcmp(tok, names[i].name) == 0)
                ops |= names[i].op;
        }
    }
    return ops;
}

static int parseAction(const char *s)
{
    static const struct { const char *name; int action; } names[] = {
        {"grow", ACT_GROW}, {"shrink", ACT_SHRINK}, {"touch", ACT_TOUCH}, {"replace", ACT_REPLACE},
        {"unlink", ACT_UNLINK}, {"rmtree", ACT_RMTREE}, {"symlink", ACT_SYMLINK},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; ++i) {
        if (strcmp(s, names[i].name) == 0)
            return names[i].action;
    }
    return ACT_NONE;
}

static void parseRule(char *text)
{
    if (g_ruleCount >= MAX_RULES || !*text)
        return;
    struct rule *r = &g_rules[g_ruleCount];
    memset(r, 0, sizeof *r);
    r->at = -1;
    r->times = -1;
    char *save = NULL;
    char *tok = strtok_r(text, ":", &save);
    if (!tok)
        return;
    r->ops = parseOps(tok);
    while ((tok = strtok_r(NULL, ":", &save))) {
        char *eq = strchr(tok, '=');
        if (!eq)
            continue;
        *eq = 0;
        const char *key = tok;
        const char *value = eq + 1;
        if (strcmp(key, "name") == 0)
            snprintf(r->name, sizeof r->name, "%s", value);
        else if (strcmp(key, "at") == 0)
            r->at = atoll(value);
        else if (strcmp(key, "errno") == 0)
            r->err = parseErrno(value);
        else if (strcmp(key, "mode") == 0)
            r->mode = strcmp(value, "short") == 0     ? MODE_SHORT
                : strcmp(value, "eintr") == 0   ? MODE_EINTR
                : strcmp(value, "corrupt") == 0 ? MODE_CORRUPT
                                                : MODE_FAIL;
        else if (strcmp(key, "tmpfile") == 0)
            r->tmpfileOnly = atoi(value);
        else if (strcmp(key, "do") == 0)
            r->action = parseAction(value);
        else if (strcmp(key, "path") == 0)
            snprintf(r->path, sizeof r->path, "%s", value);
        else if (strcmp(key, "to") == 0)
            snprintf(r->to, sizeof r->to, "%s", value);
        else if (strcmp(key, "times") == 0)
            r->times = atoi(value);
    }
    if (r->action != ACT_NONE && r->times < 0)
        r->times = 1;
    if (r->mode == MODE_FAIL && r->action == ACT_NONE && r->err == 0)
        r->err = EIO;
    if (r->ops)
        ++g_ruleCount;
}

__attribute__((constructor)) static void faultInit(void)
{
    const char *spec = getenv("FERRY_FAULT");
    if (spec && *spec) {
        char *copy = strdup(spec);
        char *save = NULL;
        for (char *tok = strtok_r(copy, ";", &save); tok; tok = strtok_r(NULL, ";", &save))
            parseRule(tok);
        /* strtok_r on the rules needs its own copies: parseRule copied what it keeps. */
        free(copy);
    }
    const char *log = getenv("FERRY_FAULT_LOG");
    if (log && *log) {
        load_open();
        g_logFd = REAL(open)(log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    }
}

static const char *lastComponent(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static void fdPath(int fd, char *out, size_t size)
{
    char link[64];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    const ssize_t n = readlink(link, out, size - 1);
    out[n > 0 ? n : 0] = 0;
}

static void logFault(const char *op, const char *name, long long offset, const struct rule *r)
{
    if (g_logFd < 0)
        return;
    char line[PATH_MAX + 128];
    const int n = snprintf(line, sizeof line, "%s name=%s offset=%lld errno=%d mode=%d action=%d\n", op,
                           name ? name : "", offset, r->err, r->mode, r->action);
    if (n > 0) {
        const ssize_t w = write(g_logFd, line, (size_t)(n < (int)sizeof line ? n : (int)sizeof line - 1));
        (void)w;
    }
}

/* The rule that applies to a call, or NULL. `path` is the file's path (may be NULL), `alsoLastRead`
 * lets a write to an unnamed file match the source this thread read last. */
static struct rule *findRule(unsigned op, const char *path, int alsoLastRead)
{
    if (t_busy)
        return NULL;
    for (int i = 0; i < g_ruleCount; ++i) {
        struct rule *r = &g_rules[i];
        if (!(r->ops & op))
            continue;
        if (r->name[0]) {
            int match = path && strcmp(lastComponent(path), r->name) == 0;
            if (!match && alsoLastRead && t_lastRead[0])
                match = strcmp(lastComponent(t_lastRead), r->name) == 0;
            if (!match)
                continue;
        }
        if (r->times >= 0 && __atomic_load_n(&r->fired, __ATOMIC_ACQUIRE) >= r->times)
            continue;
        return r;
    }
    return NULL;
}

/* Counts one firing; false if another thread used up the last one first. */
static int claim(struct rule *r)
{
    const int n = __atomic_fetch_add(&r->fired, 1, __ATOMIC_ACQ_REL);
    return r->times < 0 || n < r->times;
}

static int removeEntry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)ftw;
    if (flag == FTW_DP || flag == FTW_D)
        rmdir(path);
    else
        unlink(path);
    return 0; /* best effort: go on with the rest */
}

static void doAction(const struct rule *r, const char *filePath)
{
    const char *target = r->path[0] ? r->path : filePath;
    if (!target || !*target)
        return;
    t_busy = 1;
    load_open();
    load_pwrite();
    load_rename();
    switch (r->action) {
    case ACT_GROW: {
        const int fd = REAL(open)(target, O_WRONLY | O_APPEND | O_CLOEXEC);
        if (fd >= 0) {
            static char zeros[65536];
            memset(zeros, 'G', sizeof zeros);
            const ssize_t w = write(fd, zeros, sizeof zeros);
            (void)w;
            close(fd);
        }
        break;
    }
    case ACT_SHRINK: {
        struct stat st;
        if (stat(target, &st) == 0) {
            const int rc = truncate(target, st.st_size / 2);
            (void)rc;
        }
        break;
    }
    case ACT_TOUCH: {
        const int fd = REAL(open)(target, O_RDWR | O_CLOEXEC);
        if (fd >= 0) {
            unsigned char c = 0;
            load_pread();
            if (REAL(pread)(fd, &c, 1, 0) == 1) {
                c = (unsigned char)~c;
                const ssize_t w = REAL(pwrite)(fd, &c, 1, 0);
                (void)w;
            }
            close(fd);
        }
        break;
    }
    case ACT_REPLACE: {
        char temp[PATH_MAX + 32];
        snprintf(temp, sizeof temp, "%s.replacement", target);
        const int fd = REAL(open)(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (fd >= 0) {
            static const char text[] = "a different file now stands at this path\n";
            const ssize_t w = write(fd, text, sizeof text - 1);
            (void)w;
            close(fd);
            REAL(rename)(temp, target);
        }
        break;
    }
    case ACT_UNLINK:
        unlink(target);
        break;
    case ACT_RMTREE:
        nftw(target, removeEntry, 16, FTW_DEPTH | FTW_PHYS);
        break;
    case ACT_SYMLINK:
        if (symlink(r->to, target) != 0 && errno == EEXIST && unlink(target) == 0) {
            const int rc = symlink(r->to, target);
            (void)rc;
        }
        break;
    default:
        break;
    }
    t_busy = 0;
}

static int eintrNow(void)
{
    t_eintrFlip ^= 1;
    return t_eintrFlip;
}

/* For calls on a path: 0 to go on, -1 (errno set) to fail. */
static int pathFault(unsigned op, const char *opName, const char *path)
{
    if (g_ruleCount == 0)
        return 0;
    struct rule *r = findRule(op, path, 0);
    if (!r)
        return 0;
    if (r->action != ACT_NONE) {
        if (claim(r)) {
            logFault(opName, path, -1, r);
            doAction(r, path);
        }
        return 0;
    }
    if (r->mode == MODE_EINTR) {
        if (!eintrNow())
            return 0;
        logFault(opName, path, -1, r);
        errno = EINTR;
        return -1;
    }
    if (!claim(r))
        return 0;
    logFault(opName, path, -1, r);
    errno = r->err;
    return -1;
}

/* For pread/pwrite: 0 to go on with at most *count bytes, -1 (errno set) to fail. *flip is set to
 * the index in the buffer of a byte to store inverted (mode=corrupt), else left alone. */
static int ioFault(unsigned op, const char *opName, int fd, off_t offset, size_t *count, size_t *flip)
{
    if (g_ruleCount == 0)
        return 0;
    char path[PATH_MAX];
    fdPath(fd, path, sizeof path);
    struct rule *r = findRule(op, path, op != OP_PREAD);
    if (!r)
        return 0;
    if (r->at >= 0 && (long long)offset + (long long)*count <= r->at)
        return 0; /* entirely before the fault */
    if (r->action != ACT_NONE) {
        if (claim(r)) {
            logFault(opName, path, (long long)offset, r);
            doAction(r, path);
        }
        return 0;
    }
    if (r->mode == MODE_CORRUPT) {
        const long long target = r->at >= 0 ? r->at : (long long)offset;
        if (op != OP_PWRITE || target < (long long)offset || target >= (long long)offset + (long long)*count
            || !claim(r))
            return 0;
        logFault(opName, path, target, r);
        *flip = (size_t)(target - (long long)offset);
        return 0;
    }
    if (r->at >= 0 && (long long)offset < r->at) {
        *count = (size_t)(r->at - (long long)offset); /* the bytes before the fault go through */
        return 0;
    }
    switch (r->mode) {
    case MODE_SHORT:
        if (*count > 1) {
            if (!claim(r))
                return 0;
            logFault(opName, path, (long long)offset, r);
            *count /= 2;
        }
        return 0;
    case MODE_EINTR:
        if (!eintrNow())
            return 0;
        logFault(opName, path, (long long)offset, r);
        errno = EINTR;
        return -1;
    default:
        if (!claim(r))
            return 0;
        logFault(opName, path, (long long)offset, r);
        errno = r->err;
        return -1;
    }
}

static void rememberRead(int fd)
{
    if (g_ruleCount == 0 || t_busy)
        return;
    char path[PATH_MAX];
    fdPath(fd, path, sizeof path);
    const char *base = lastComponent(path);
    if (base[0] == '#' || strncmp(base, ".ferry-", 7) == 0)
        return; /* a copy being written, read back by --verify */
    snprintf(t_lastRead, sizeof t_lastRead, "%s", path);
}

/* A file opened for reading alone is the source this thread copies next: an empty one is never
 * read, and its O_TMPFILE copy must not be taken for the copy of the file read before it. */
static void rememberOpen(const char *path, int flags)
{
    if (g_ruleCount == 0 || t_busy || (flags & O_ACCMODE) != O_RDONLY || (flags & (O_DIRECTORY | O_PATH)))
        return;
    snprintf(t_lastRead, sizeof t_lastRead, "%s", path);
}

static int openFault(const char *path, int flags)
{
    rememberOpen(path, flags);
    if (g_ruleCount == 0)
        return 0;
    const int tmpfile = (flags & O_TMPFILE) == O_TMPFILE;
    for (int i = 0; i < g_ruleCount; ++i) {
        struct rule *r = &g_rules[i];
        if (!(r->ops & OP_OPEN) || (r->tmpfileOnly && !tmpfile) || t_busy)
            continue;
        if (r->name[0] && strcmp(lastComponent(path), r->name) != 0)
            continue;
        if (r->times >= 0 && __atomic_load_n(&r->fired, __ATOMIC_ACQUIRE) >= r->times)
            continue;
        if (r->action != ACT_NONE) {
            if (claim(r)) {
                logFault("open", path, -1, r);
                doAction(r, path);
            }
            return 0;
        }
        if (!claim(r))
            return 0;
        logFault("open", path, -1, r);
        errno = r->err;
        return -1;
    }
    return 0;
}

static mode_t modeArg(int flags, va_list ap)
{
    if ((flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE)
        return (mode_t)va_arg(ap, int);
    return 0;
}

int open(const char *path, int flags, ...)
{
    va_list ap;
    va_start(ap, flags);
    const mode_t mode = modeArg(flags, ap);
    va_end(ap);
    load_open();
    if (openFault(path, flags) != 0)
        return -1;
    return REAL(open)(path, flags, mode);
}

int open64(const char *path, int flags, ...)
{
    va_list ap;
    va_start(ap, flags);
    const mode_t mode = modeArg(flags, ap);
    va_end(ap);
    load_open64();
    if (openFault(path, flags) != 0)
        return -1;
    return REAL(open64)(path, flags, mode);
}

int openat(int dirfd, const char *path, int flags, ...)
{
    va_list ap;
    va_start(ap, flags);
    const mode_t mode = modeArg(flags, ap);
    va_end(ap);
    load_openat();
    if (openFault(path, flags) != 0)
        return -1;
    return REAL(openat)(dirfd, path, flags, mode);
}

int openat64(int dirfd, const char *path, int flags, ...)
{
    va_list ap;
    va_start(ap, flags);
    const mode_t mode = modeArg(flags, ap);
    va_end(ap);
    load_openat64();
    if (openFault(path, flags) != 0)
        return -1;
    return REAL(openat64)(dirfd, path, flags, mode);
}

static ssize_t doPread(ssize_t (*fn)(int, void *, size_t, off_t), int fd, void *buf, size_t count, off_t offset)
{
    size_t flip = (size_t)-1;
    if (ioFault(OP_PREAD, "pread", fd, offset, &count, &flip) != 0)
        return -1;
    rememberRead(fd);
    return fn(fd, buf, count, offset);
}

static ssize_t doPwrite(ssize_t (*fn)(int, const void *, size_t, off_t), int fd, const void *buf, size_t count, off_t offset)
{
    size_t flip = (size_t)-1;
    if (ioFault(OP_PWRITE, "pwrite", fd, offset, &count, &flip) != 0)
        return -1;
    if (flip < count) {
        /* The caller's buffer is const: the bytes written are a copy with the one byte inverted. */
        unsigned char *copy = malloc(count);
        if (!copy) {
            errno = ENOMEM;
            return -1;
        }
        memcpy(copy, buf, count);
        copy[flip] = (unsigned char)~copy[flip];
        const ssize_t w = fn(fd, copy, count, offset);
        const int saved = errno;
        free(copy);
        errno = saved;
        return w;
    }
    return fn(fd, buf, count, offset);
}

ssize_t pread(int fd, void *buf, size_t count, off_t offset)
{
    load_pread();
    return doPread(REAL(pread), fd, buf, count, offset);
}

ssize_t pread64(int fd, void *buf, size_t count, off_t offset)
{
    load_pread64();
    return doPread(REAL(pread64), fd, buf, count, offset);
}

ssize_t pwrite(int fd, const void *buf, size_t count, off_t offset)
{
    load_pwrite();
    return doPwrite(REAL(pwrite), fd, buf, count, offset);
}

ssize_t pwrite64(int fd, const void *buf, size_t count, off_t offset)
{
    load_pwrite64();
    return doPwrite(REAL(pwrite64), fd, buf, count, offset);
}

/* copy_file_range moves the data inside the kernel: the range is copied, then the byte to corrupt
 * (read from the source) is written inverted over its copy. */
static ssize_t corruptingCopyRange(struct rule *r, const char *path, int in, loff_t *inOff, int out,
                                   loff_t *outOff, size_t len, unsigned int flags)
{
    const long long inStart = (long long)*inOff;
    const long long outStart = (long long)*outOff;
    const ssize_t n = REAL(copy_file_range)(in, inOff, out, outOff, len, flags);
    if (n <= 0)
        return n;
    const long long target = r->at >= 0 ? r->at : outStart;
    if (target < outStart || target >= outStart + n || !claim(r))
        return n;
    unsigned char c = 0;
    load_pread();
    load_pwrite();
    if (REAL(pread)(in, &c, 1, (off_t)(inStart + (target - outStart))) != 1)
        return n;
    c = (unsigned char)~c;
    if (REAL(pwrite)(out, &c, 1, (off_t)target) != 1)
        return n;
    logFault("copy_file_range", path, target, r);
    return n;
}

ssize_t copy_file_range(int in, loff_t *inOff, int out, loff_t *outOff, size_t len, unsigned int flags)
{
    load_copy_file_range();
    if (g_ruleCount > 0) {
        char path[PATH_MAX];
        fdPath(in, path, sizeof path);
        struct rule *r = findRule(OP_CFR, path, 0);
        if (r && r->mode == MODE_CORRUPT && inOff && outOff)
            return corruptingCopyRange(r, path, in, inOff, out, outOff, len, flags);
        if (r && r->action == ACT_NONE && r->mode == MODE_FAIL && claim(r)) {
            if (r->name[0])
                logFault("copy_file_range", path, inOff ? (long long)*inOff : -1, r);
            errno = r->err;
            return -1;
        }
    }
    return REAL(copy_file_range)(in, inOff, out, outOff, len, flags);
}

int ioctl(int fd, unsigned long request, ...)
{
    va_list ap;
    va_start(ap, request);
    void *arg = va_arg(ap, void *);
    va_end(ap);
    load_ioctl();
    if (request == FICLONE && g_ruleCount > 0) {
        char path[PATH_MAX];
        fdPath(fd, path, sizeof path);
        struct rule *r = findRule(OP_FICLONE, path, 1);
        if (r && r->action == ACT_NONE && r->mode == MODE_FAIL && claim(r)) {
            if (r->name[0])
                logFault("ficlone", path, -1, r);
            errno = r->err;
            return -1;
        }
    }
    return REAL(ioctl)(fd, request, arg);
}

int linkat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, int flags)
{
    load_linkat();
    if (pathFault(OP_LINKAT, "linkat", newpath) != 0)
        return -1;
    return REAL(linkat)(olddirfd, oldpath, newdirfd, newpath, flags);
}

int link(const char *oldpath, const char *newpath)
{
    load_link();
    if (pathFault(OP_LINKAT, "link", newpath) != 0)
        return -1;
    return REAL(link)(oldpath, newpath);
}

int rename(const char *oldpath, const char *newpath)
{
    load_rename();
    if (pathFault(OP_RENAME, "rename", newpath) != 0)
        return -1;
    return REAL(rename)(oldpath, newpath);
}

int renameat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath)
{
    load_renameat();
    if (pathFault(OP_RENAME, "renameat", newpath) != 0)
        return -1;
    return REAL(renameat)(olddirfd, oldpath, newdirfd, newpath);
}

int renameat2(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, unsigned int flags)
{
    load_renameat2();
    if (pathFault(OP_RENAME, "renameat2", newpath) != 0)
        return -1;
    return REAL(renameat2)(olddirfd, oldpath, newdirfd, newpath, flags);
}

int mkdir(const char *path, mode_t mode)
{
    load_mkdir();
    if (pathFault(OP_MKDIR, "mkdir", path) != 0)
        return -1;
    return REAL(mkdir)(path, mode);
}

int mkdirat(int dirfd, const char *path, mode_t mode)
{
    load_mkdirat();
    if (pathFault(OP_MKDIR, "mkdirat", path) != 0)
        return -1;
    return REAL(mkdirat)(dirfd, path, mode);
}

static int syncFault(unsigned op, const char *opName, int fd)
{
    if (g_ruleCount == 0)
        return 0;
    char path[PATH_MAX];
    fdPath(fd, path, sizeof path);
    struct rule *r = findRule(op, path, 1);
    if (!r || !claim(r))
        return 0;
    logFault(opName, path, -1, r);
    if (r->action != ACT_NONE) {
        doAction(r, path);
        return 0;
    }
    errno = r->err;
    return -1;
}

int syncfs(int fd)
{
    load_syncfs();
    if (syncFault(OP_SYNCFS, "syncfs", fd) != 0)
        return -1;
    return REAL(syncfs)(fd);
}

int fsync(int fd)
{
    load_fsync();
    if (syncFault(OP_FSYNC, "fsync", fd) != 0)
        return -1;
    return REAL(fsync)(fd);
}

int fdatasync(int fd)
{
    load_fdatasync();
    if (syncFault(OP_FDATASYNC, "fdatasync", fd) != 0)
        return -1;
    return REAL(fdatasync)(fd);
}
