/* cni-conformance recorder: runs the real plugin (moved to STORE_DIR/<name>) unchanged and appends one JSON
 * line per call to LOG_PATH. Compiled by `cni-conformance runtime record` with -DSTORE_DIR and -DLOG_PATH. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/statfs.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

typedef struct { char *data; size_t len, cap; } buf_t;

static void put(buf_t *b, const char *s, size_t n) {
  if (b->len + n + 1 > b->cap) {
    b->cap = (b->len + n + 1) * 2;
    b->data = realloc(b->data, b->cap);
    if (!b->data) _exit(125);
  }
  memcpy(b->data + b->len, s, n);
  b->len += n;
  b->data[b->len] = 0;
}
static void puts_(buf_t *b, const char *s) { put(b, s, strlen(s)); }
static void putjson(buf_t *b, const char *s, size_t n) {
  char esc[8];
  put(b, "\"", 1);
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '"' || c == '\\') { esc[0] = '\\'; esc[1] = (char)c; put(b, esc, 2); }
    else if (c == '\n') put(b, "\\n", 2);
    else if (c == '\t') put(b, "\\t", 2);
    else if (c == '\r') put(b, "\\r", 2);
    else if (c < 0x20 || c == 0x7f) { snprintf(esc, sizeof esc, "\\u%04x", c); put(b, esc, 6); }
    else put(b, (const char *)&c, 1);
  }
  put(b, "\"", 1);
}
static void putjsons(buf_t *b, const char *s) { putjson(b, s, strlen(s)); }

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static volatile pid_t child = 0;
static void forward(int sig) { if (child > 0) kill(child, sig); }

static int cmpstr(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void write_all(int fd, const char *p, size_t n) {
  while (n > 0) {
    ssize_t w = write(fd, p, n);
    if (w < 0) { if (errno == EINTR) continue; return; }
    p += w; n -= (size_t)w;
  }
}

int main(int argc, char **argv) {
  (void)argc;
  double t0 = now_ms();
  char exe[4096], real[8192];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n < 0) { perror("cni-conformance recorder: /proc/self/exe"); return 125; }
  exe[n] = 0;
  const char *name = strrchr(exe, '/') ? strrchr(exe, '/') + 1 : exe;
  snprintf(real, sizeof real, "%s/%s", STORE_DIR, name);

  int in[2], out[2];
  if (pipe2(in, O_CLOEXEC) || pipe2(out, O_CLOEXEC)) { perror("cni-conformance recorder: pipe"); return 125; }
  static const int sigs[] = {SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2};
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = forward;
  for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) sigaction(sigs[i], &sa, NULL);
  signal(SIGPIPE, SIG_IGN);
  pid_t parent = getpid();
  double tChild = now_ms();
  /* vfork: no page-table copy; the child only resets signals, moves fds and execs. */
  child = vfork();
  if (child < 0) { perror("cni-conformance recorder: fork"); return 125; }
  if (child == 0) {
    /* The plugin dies with its recorder, as it would have died itself (SIGKILL cannot be forwarded). */
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(137);
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) signal(sigs[i], SIG_DFL);
    signal(SIGPIPE, SIG_DFL);
    dup2(in[0], 0);
    dup2(out[1], 1);
    execv(real, argv);
    dprintf(2, "cni-conformance recorder: cannot run %s: %s\n", real, strerror(errno));
    _exit(127);
  }
  close(in[0]);
  close(out[1]);

  buf_t sin = {0}, sout = {0};
  put(&sin, "", 0);
  put(&sout, "", 0);
  size_t sent = 0;
  int stdin_open = 1, child_in = in[1], child_out = out[0];
  char chunk[65536];
  while (child_out >= 0) {
    struct pollfd fds[3];
    int nf = 0, iin = -1, iwr = -1, iout;
    if (stdin_open && sent == sin.len) { fds[nf] = (struct pollfd){0, POLLIN, 0}; iin = nf++; }
    if (child_in >= 0 && sent < sin.len) { fds[nf] = (struct pollfd){child_in, POLLOUT, 0}; iwr = nf++; }
    fds[nf] = (struct pollfd){child_out, POLLIN, 0};
    iout = nf++;
    if (poll(fds, (nfds_t)nf, -1) < 0) { if (errno == EINTR) continue; break; }
    if (iin >= 0 && fds[iin].revents) {
      ssize_t r = read(0, chunk, sizeof chunk);
      if (r > 0) put(&sin, chunk, (size_t)r);
      else if (r == 0 || errno != EINTR) { stdin_open = 0; }
    }
    if (iwr >= 0 && fds[iwr].revents) {
      ssize_t w = write(child_in, sin.data + sent, sin.len - sent);
      if (w > 0) sent += (size_t)w;
      else if (w < 0 && errno != EINTR && errno != EAGAIN) { close(child_in); child_in = -1; stdin_open = 0; }
    }
    if (!stdin_open && sent == sin.len && child_in >= 0) { close(child_in); child_in = -1; }
    if (fds[iout].revents) {
      ssize_t r = read(child_out, chunk, sizeof chunk);
      if (r > 0) { put(&sout, chunk, (size_t)r); write_all(1, chunk, (size_t)r); }
      else if (r == 0 || errno != EINTR) { close(child_out); child_out = -1; }
    }
  }
  if (child_in >= 0) close(child_in);
  int status = 0;
  while (waitpid(child, &status, 0) < 0 && errno == EINTR) {}
  double tEnd = now_ms();
  int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);

  buf_t line = {0};
  char num[512];
  snprintf(num, sizeof num, "{\"kind\":\"invocation\",\"recorder\":\"c\",\"tsStart\":%.3f,\"tsEnd\":%.3f,\"pluginMs\":%.3f,\"pid\":%d,\"ppid\":%d,\"recorderPid\":%d,\"calledAs\":",
           t0, tEnd, tEnd - tChild, (int)child, (int)getppid(), (int)parent);
  puts_(&line, num);
  const char *called = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
  putjsons(&line, called);
  puts_(&line, ",\"env\":{");
  size_t count = 0, others = 0;
  for (char **e = environ; *e; e++) count++;
  char **other = calloc(count + 1, sizeof *other);
  int first = 1;
  for (char **e = environ; *e; e++) {
    const char *eq = strchr(*e, '=');
    if (!eq) continue;
    if (strncmp(*e, "CNI_", 4) == 0) {
      if (!first) puts_(&line, ",");
      first = 0;
      putjson(&line, *e, (size_t)(eq - *e));
      puts_(&line, ":");
      putjsons(&line, eq + 1);
    } else {
      other[others++] = strndup(*e, (size_t)(eq - *e));
    }
  }
  qsort(other, others, sizeof *other, cmpstr);
  puts_(&line, "},\"otherEnvNames\":[");
  for (size_t i = 0; i < others; i++) { if (i) puts_(&line, ","); putjsons(&line, other[i]); }
  puts_(&line, "],\"stdinRaw\":");
  putjson(&line, sin.data, sin.len);
  char ns[256];
  ssize_t nl = readlink("/proc/self/ns/net", ns, sizeof ns - 1);
  puts_(&line, ",\"selfNetns\":");
  if (nl > 0) { ns[nl] = 0; putjsons(&line, ns); } else puts_(&line, "null");
  const char *netns = getenv("CNI_NETNS");
  puts_(&line, ",\"netns\":");
  if (netns && *netns) {
    struct statfs sf;
    puts_(&line, "{\"path\":");
    putjsons(&line, netns);
    if (statfs(netns, &sf) == 0) {
      snprintf(num, sizeof num, ",\"fsType\":\"%lx\",\"isNsfs\":%s}", (unsigned long)sf.f_type,
               (unsigned long)sf.f_type == 0x6e736673UL ? "true" : "false");
      puts_(&line, num);
    } else {
      puts_(&line, ",\"fsType\":null,\"isNsfs\":false,\"error\":");
      putjsons(&line, strerror(errno));
      puts_(&line, "}");
    }
  } else puts_(&line, "null");
  snprintf(num, sizeof num, ",\"behaviour\":\"recorded\",\"exitCode\":%d", code);
  puts_(&line, num);
  if (WIFSIGNALED(status)) { snprintf(num, sizeof num, ",\"signal\":%d", WTERMSIG(status)); puts_(&line, num); }
  puts_(&line, ",\"stdout\":");
  putjson(&line, sout.data, sout.len);
  puts_(&line, "}\n");
  int fd = open(LOG_PATH, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (fd >= 0) { write_all(fd, line.data, line.len); close(fd); }
  else fprintf(stderr, "cni-conformance recorder: cannot append to %s: %s\n", LOG_PATH, strerror(errno));

  if (WIFSIGNALED(status)) {
    int sig = WTERMSIG(status);
    signal(sig, SIG_DFL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    raise(sig);
  }
  return code;
}
