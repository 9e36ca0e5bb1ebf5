/* pb-timing.c
 *
 * Copyright 2026 The Paperboy authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pb-timing"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "pb-timing.h"

/*
 * How long the process has been running, for PAPERBOY_BENCH_FIRST_FRAME
 * and bench/. A launcher that wants the exact time from exec sets
 * PAPERBOY_BENCH_EXEC_US to CLOCK_MONOTONIC in microseconds just before it
 * execs (bench/pb-bench-startup does); otherwise the kernel's start time of
 * the process is used, which is exact to a clock tick (10 ms).
 */

static gint64 main_us;  /* monotonic, at pb_timing_mark_main() */

void
pb_timing_mark_main (void)
{
  main_us = g_get_monotonic_time ();
}

static gint64
boot_time_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_BOOTTIME, &ts);
  return (gint64)ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

/* Microseconds since boot when the process started, from /proc. */
static gint64
start_time_us (void)
{
  g_autofree char *stat = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after_name;

  if (!g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL))
    return -1;

  /* The name (field 2) may hold spaces; count from its closing parenthesis. */
  after_name = strrchr (stat, ')');
  if (after_name == NULL)
    return -1;
  fields = g_strsplit (after_name + 2, " ", 0);
  if (g_strv_length (fields) < 20)
    return -1;

  /* Field 22, the 20th after the name. */
  return g_ascii_strtoll (fields[19], NULL, 10) * G_USEC_PER_SEC / sysconf (_SC_CLK_TCK);
}

gint64
pb_timing_process_age_us (void)
{
  const char *exec_us = g_getenv ("PAPERBOY_BENCH_EXEC_US");
  gint64 started;

  if (exec_us != NULL)
    return g_get_monotonic_time () - g_ascii_strtoll (exec_us, NULL, 10);

  started = start_time_us ();
  if (started < 0)
    return g_get_monotonic_time () - main_us;

  return boot_time_us () - started;
}

/**
 * pb_timing_cpu_ms:
 *
 * Returns: the processor time the process used so far, all threads, in
 *   milliseconds: unlike the time on the clock, it hardly depends on what
 *   else the machine is doing
 */
double
pb_timing_cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0 +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
}

/**
 * pb_timing_thread_cpu_ms:
 *
 * Returns: the processor time the calling thread used so far, in ms
 */
double
pb_timing_thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1000000.0;
}
