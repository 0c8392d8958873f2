/* Floor for opening and closing an io_uring loop, with raw system calls (no
 * liburing): io_uring_setup of 256 submission entries and a 512-entry completion
 * queue (the size of shared/baseline/openclose.c; the FFM ring opens at 64/256), the mmaps of its rings, then
 * munmap and close. Prints the median of N rounds, and the same for an
 * epoll_create1 + eventfd + close pair (what an epoll loop's open costs).
 * Usage: setup_uring [rounds] [sq entries] [cq entries] */
#include <linux/io_uring.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static double now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e9 + t.tv_nsec;
}

static int cmp(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static int open_close_uring(unsigned sq_entries, unsigned cq_entries) {
    struct io_uring_params p;
    memset(&p, 0, sizeof p);
    p.flags = IORING_SETUP_CQSIZE;
    p.cq_entries = cq_entries;
    int fd = syscall(__NR_io_uring_setup, sq_entries, &p);
    if (fd < 0) return -1;
    size_t sq_len = p.sq_off.array + p.sq_entries * sizeof(unsigned);
    size_t cq_len = p.cq_off.cqes + p.cq_entries * sizeof(struct io_uring_cqe);
    size_t sqes_len = p.sq_entries * sizeof(struct io_uring_sqe);
    void *sq = mmap(0, sq_len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, fd, IORING_OFF_SQ_RING);
    void *cq = mmap(0, cq_len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, fd, IORING_OFF_CQ_RING);
    void *sqes = mmap(0, sqes_len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, fd, IORING_OFF_SQES);
    if (sq == MAP_FAILED || cq == MAP_FAILED || sqes == MAP_FAILED) return -1;
    munmap(sqes, sqes_len);
    munmap(cq, cq_len);
    munmap(sq, sq_len);
    return close(fd);
}

static int open_close_epoll(void) {
    int ep = epoll_create1(EPOLL_CLOEXEC);
    int ev = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (ep < 0 || ev < 0) return -1;
    close(ev);
    return close(ep);
}

int main(int argc, char **argv) {
    int rounds = argc > 1 ? atoi(argv[1]) : 2000;
    unsigned sq = argc > 2 ? atoi(argv[2]) : 256;
    unsigned cq = argc > 3 ? atoi(argv[3]) : 512;
    double *t = malloc(sizeof(double) * rounds);
    for (int i = 0; i < rounds; i++) {
        double t0 = now_ns();
        if (open_close_uring(sq, cq) != 0) { perror("io_uring"); return 1; }
        t[i] = now_ns() - t0;
    }
    qsort(t, rounds, sizeof(double), cmp);
    printf("io_uring-c open+close (sq %u, cq %u): %.0f ns/loop\n", sq, cq, t[rounds / 2]);
    for (int i = 0; i < rounds; i++) {
        double t0 = now_ns();
        if (open_close_epoll() != 0) { perror("epoll"); return 1; }
        t[i] = now_ns() - t0;
    }
    qsort(t, rounds, sizeof(double), cmp);
    printf("epoll-c open+close: %.0f ns/loop\n", t[rounds / 2]);
    return 0;
}
